package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/digdir/selvbetjening/internal/access"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/pages"
)

// serviceEdit is "Rediger integrasjon" with what is stored and its version.
func (s *Server) serviceEdit(w http.ResponseWriter, r *http.Request) {
	d, actor, ok := s.loadService(w, r)
	if !ok {
		return
	}
	v := pages.MerchantFormView{Service: d.Service, Stored: d, Version: d.Version,
		Draft: merchant.Draft{Invoice: d.Invoice, Points: slices.Clone(d.Points)}}
	for i, p := range v.Draft.Points {
		v.Draft.Points[i].Phone = merchant.FormatPhone(p.Phone)
	}
	s.renderMerchantForm(w, r, actor, v, http.StatusOK)
}

// renderMerchantForm shows the form with «Lagre» greyed out when the
// access policy refuses the save (the same rule Save asks).
func (s *Server) renderMerchantForm(w http.ResponseWriter, r *http.Request, actor identity.Actor, v pages.MerchantFormView, status int) {
	if v.Gate == nil {
		err := merchant.SaveGate(r.Context(), s.reads, actor)
		_, denied := access.Why(err)
		switch {
		case denied:
			v.Gate = err
		case err != nil:
			s.serverError(w, r, http.StatusInternalServerError, err)
			return
		}
	}
	s.render(w, r, status, pages.MerchantForm(v))
}

// serviceUpdate answers every button of the form: "Legg til varslingspunkt"
// and "Fjern" show it again with what was typed; "Lagre" saves. A save
// based on an old version is refused with 409, the input kept and what is
// stored now shown beside it.
func (s *Server) serviceUpdate(w http.ResponseWriter, r *http.Request) {
	d, actor, ok := s.loadService(w, r)
	if !ok {
		return
	}
	version, err := strconv.Atoi(r.PostFormValue(pages.FormVersion))
	if err != nil || version < 0 {
		s.badRequest(w, r, pages.ProblemBadRequest)
		return
	}
	v := pages.MerchantFormView{Service: d.Service, Stored: d, Version: version, Draft: merchantDraftFromForm(r)}
	switch press := r.PostFormValue("handling"); {
	case press == pages.ButtonAddPoint:
		if len(v.Draft.Points) < merchant.MaxPoints {
			v.Draft.Points = append(v.Draft.Points, merchant.Point{})
		}
		s.renderMerchantForm(w, r, actor, v, http.StatusOK)
		return
	case strings.HasPrefix(press, pages.ButtonRemovePoint):
		i, err := strconv.Atoi(strings.TrimPrefix(press, pages.ButtonRemovePoint))
		if err == nil && i >= 0 && i < len(v.Draft.Points) {
			v.Draft.Points = slices.Delete(v.Draft.Points, i, i+1)
		}
		s.renderMerchantForm(w, r, actor, v, http.StatusOK)
		return
	case press != pages.ButtonSavePoints:
		// No button named (a script, or an old form): show it again, never save.
		s.renderMerchantForm(w, r, actor, v, http.StatusOK)
		return
	}
	err = merchant.Save(r.Context(), s.pool, actor, d.Service, version, v.Draft)
	var fieldErrs merchant.FieldErrors
	status := http.StatusOK
	switch {
	case err == nil:
		http.Redirect(w, r, paths.ServiceNotice(string(d.Service), paths.NoticeSaved), http.StatusSeeOther)
		return
	case errors.As(err, &fieldErrs):
		v.Errors, status = fieldErrs, http.StatusUnprocessableEntity
	case s.refusedByGate(r, err):
		v.Gate, status = err, http.StatusForbidden
	case errors.Is(err, merchant.ErrConflict):
		// Show what is stored now and take its version, so saving again is
		// a deliberate choice to overwrite it.
		if v.Stored, err = merchant.Get(r.Context(), s.pool, actor.OrgNo, d.Service); err != nil {
			s.serverError(w, r, http.StatusInternalServerError, err)
			return
		}
		v.Conflict, v.Version, status = true, v.Stored.Version, http.StatusConflict
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
		return
	default:
		s.serverError(w, r, http.StatusInternalServerError, err)
		return
	}
	s.renderMerchantForm(w, r, actor, v, status)
}

// maxPointRows bounds the rows a posted form may hold, beyond which the
// rest is ignored; more than merchant.MaxPoints filled in is refused by
// the domain with a message.
const maxPointRows = 2 * merchant.MaxPoints

// merchantDraftFromForm reads the form as typed. A notification point's
// fields come as parallel lists, in the order of the form.
func merchantDraftFromForm(r *http.Request) merchant.Draft {
	f := r.PostForm
	d := merchant.Draft{Invoice: merchant.Invoice{
		Email:          f.Get(pages.FormInvoiceEmail),
		PostalAddress:  f.Get(pages.FormPostalAddress),
		BuyerReference: f.Get(pages.FormBuyerReference),
		ContactPerson:  f.Get(pages.FormContactPerson),
		EHF:            f.Get(pages.FormEHF) == pages.FormEHFYes,
	}}
	names, emails, phones := f[pages.FormPointName], f[pages.FormPointEmail], f[pages.FormPointPhone]
	n := min(max(len(names), len(emails), len(phones)), maxPointRows)
	at := func(list []string, i int) string {
		if i < len(list) {
			return list[i]
		}
		return ""
	}
	for i := range n {
		d.Points = append(d.Points, merchant.Point{Name: at(names, i), Email: at(emails, i), Phone: at(phones, i)})
	}
	return d
}
