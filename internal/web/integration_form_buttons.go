package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/digdir/selvbetjening/internal/scope"
	"github.com/digdir/selvbetjening/web/pages"
)

// formPress is what a press of a button of the create or edit form asks
// for: the scope picker to show with the form (nil: closed), and whether to
// save. Every press but a save shows the form again with what was typed.
type formPress struct {
	picker *pickerRequest
	save   bool
}

// pickerRequest is which page of the picker to show, for which search.
type pickerRequest struct {
	search string
	page   int
}

// pressed reads which button of the integration form was pressed. Every
// button sends handling=…; the picker, while open, also sends the page it
// shows (side) and its search field (sok). It works without JavaScript.
func pressed(r *http.Request) formPress {
	search := pickerSearch(r)
	shown, open := pickerPage(r)
	switch r.PostFormValue("handling") {
	case pages.ButtonOpenPicker:
		// "Legg til scopes": open the picker on the first page of every
		// scope shared with the organisation.
		return formPress{picker: &pickerRequest{page: 1}}
	case pages.ButtonSearch:
		// "Søk", and Enter in a text field while the picker is open: a
		// browser then presses the form's first button, which is "Søk".
		// The first page of what matches.
		return formPress{picker: &pickerRequest{search: search, page: 1}}
	case pages.ButtonPreviousPage:
		// "Vis forrige scopes": the page before, for the same search.
		return formPress{picker: &pickerRequest{search: search, page: clampPage(shown - 1)}}
	case pages.ButtonNextPage:
		// "Vis flere scopes": the page after, for the same search.
		return formPress{picker: &pickerRequest{search: search, page: clampPage(shown + 1)}}
	case pages.ButtonAddChosen:
		// "Legg til valgte": the ticked scopes came with the form, so showing
		// it again lists them under "Valgte scopes"; the picker stays open on
		// its first page, where they are no longer offered.
		return formPress{picker: &pickerRequest{search: search, page: 1}}
	case pages.ButtonCreate, pages.ButtonSave:
		// "Opprett" (create form) or "Lagre" (edit form): save. Should the
		// input be refused, the form shows again, the picker open on its
		// first page if it was open.
		p := formPress{save: true}
		if open {
			p.picker = &pickerRequest{search: search, page: 1}
		}
		return p
	}
	// No button named (a script, or a form from before these names): show
	// the form again as it was posted, never save.
	if open {
		return formPress{picker: &pickerRequest{search: search, page: shown}}
	}
	return formPress{}
}

// pickerPage is the page the open picker showed, and whether it was open.
func pickerPage(r *http.Request) (int, bool) {
	if !r.PostForm.Has("side") {
		return 1, false
	}
	page, _ := strconv.Atoi(r.PostFormValue("side"))
	return clampPage(page), true
}

func clampPage(page int) int { return max(1, min(page, 1000)) }

// pickerSearch is the picker's search text, as much of it as a search may
// hold, with what Postgres cannot store as text taken out.
func pickerSearch(r *http.Request) string {
	search := strings.TrimSpace(r.PostFormValue("sok"))
	if !storable(search) {
		search = strings.ToValidUTF8(strings.ReplaceAll(search, "\x00", ""), "")
	}
	if len([]rune(search)) > scope.MaxSearchLength {
		search = string([]rune(search)[:scope.MaxSearchLength])
	}
	return search
}
