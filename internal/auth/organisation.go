package auth

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/digdir/selvbetjening/internal/org"
	"github.com/digdir/selvbetjening/internal/seclog"
)

// ChooseOrganisation lets a person act for another organisation their
// e-mail domain leads to; any other number is refused. automatic says the
// person was not asked, because the domain leads to that one alone.
func (a *Authenticator) ChooseOrganisation(w http.ResponseWriter, r *http.Request, orgNo string, automatic bool) error {
	ctx := r.Context()
	s := FromContext(ctx)
	if !s.LoggedIn() {
		return ErrNotLoggedIn
	}
	o, err := org.ForEmailByNo(ctx, a.pool, s.Person.Email, orgNo)
	if err != nil {
		// Neither the address nor the posted value is logged: the one is
		// personal, the other up to a form's size of anything.
		seclog.Log(ctx, a.log, seclog.OrgRefused, slog.String("sub", s.Person.Subject))
		return fmt.Errorf("%w: %w", ErrUnknownOrgFor, err)
	}
	s.raw.Values[keyOrgNo], s.raw.Values[keyOrgName] = o.No, o.Name
	if automatic {
		s.raw.Values[keyOrgAutomatic] = "1"
	} else {
		delete(s.raw.Values, keyOrgAutomatic)
	}
	if err := s.raw.Save(r, w); err != nil {
		if errors.Is(err, ErrSessionEnded) {
			return ErrNotLoggedIn // logged out in another tab meanwhile
		}
		return err
	}
	seclog.Log(ctx, a.log, seclog.OrgChosen, slog.String("sub", s.Person.Subject), slog.String("org", o.No),
		slog.Bool("automatic", automatic))
	return nil
}

// endChoice ends the organisation choice of a session whose e-mail domain
// no longer leads to that organisation (servicedesk unlinked or moved it),
// or whose organisation was chosen without asking and whose domain now
// leads to more than one (servicedesk linked another): there is a choice to
// make now. The request goes on without an organisation; RequireActor then
// sends the person to choose. It reports false when the session itself is gone.
func (a *Authenticator) endChoice(w http.ResponseWriter, r *http.Request, s *Session) (bool, error) {
	event := seclog.OrgUnlinked
	if s.orgLinked {
		event = seclog.OrgChoiceOpened
	}
	seclog.Log(r.Context(), a.log, event, slog.String("sub", s.Person.Subject), slog.String("org", s.OrgNo))
	delete(s.raw.Values, keyOrgNo)
	delete(s.raw.Values, keyOrgName)
	delete(s.raw.Values, keyOrgAutomatic)
	if err := s.raw.Save(r, w); err != nil {
		if errors.Is(err, ErrSessionEnded) {
			return false, nil
		}
		return false, err
	}
	s.OrgNo, s.OrgName, s.OrgEnded = "", "", true
	return true, nil
}
