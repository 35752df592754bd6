package incident

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/internal/store"
)

// PageSize is how many incidents the list shows at a time.
const PageSize = 50

// incidentSelect reads incidents as they were sent, with the counts fixed
// then: a page of the list reads one index entry and one row per incident,
// however many e-mails each queued. How far the e-mails have come is on
// each incident's own page (mail.Summary).
const incidentSelect = `
	SELECT i.id, i.title, i.body, i.service, i.envs, i.severity, i.audience, i.created_by, i.created_at,
	       i.org_count, i.recipients
	FROM incidents i`

// ListSQL is List's query: $1 the id to page on from, $2 how many. The
// newest page pages on from the largest id, so every page is one range of
// the primary key, also with a generic plan.
const ListSQL = incidentSelect + `
	WHERE i.id < $1
	ORDER BY i.id DESC
	LIMIT $2`

func scanIncident(r pgx.CollectableRow) (Incident, error) {
	var i Incident
	var envs []string
	err := r.Scan(&i.ID, &i.Title, &i.Text, &i.Service, &envs, &i.Severity, &i.Audience, &i.CreatedBy, &i.CreatedAt,
		&i.OrgCount, &i.Recipients)
	for _, e := range envs {
		i.Envs = append(i.Envs, environment.Env(e))
	}
	return i, err
}

// List returns the incidents sent before the incident before (all when 0),
// newest first, at most PageSize; more says there are older ones.
func List(ctx context.Context, db store.DB, before int64) (list []Incident, more bool, err error) {
	if before <= 0 {
		before = math.MaxInt64
	}
	rows, err := db.Query(ctx, ListSQL, before, PageSize+1)
	if err != nil {
		return nil, false, fmt.Errorf("list incidents: %w", err)
	}
	list, err = pgx.CollectRows(rows, scanIncident)
	if err != nil {
		return nil, false, fmt.Errorf("list incidents: %w", err)
	}
	if len(list) > PageSize {
		list, more = list[:PageSize], true
	}
	return list, more, nil
}

// Get returns one incident; store.ErrNotFound when there is none.
func Get(ctx context.Context, db store.DB, id int64) (Incident, error) {
	rows, err := db.Query(ctx, incidentSelect+` WHERE i.id = $1`, id)
	if err != nil {
		return Incident{}, fmt.Errorf("incident %d: %w", id, err)
	}
	i, err := pgx.CollectExactlyOneRow(rows, scanIncident)
	if err != nil {
		return Incident{}, store.NotFound(err, "incident")
	}
	return i, nil
}

// Choices are the organisations "Ny hendelse" offers to choose: those
// chosen already, and those found by servicedesk's search.
type Choices struct {
	Chosen []Organisation // by number, as posted: they stay checked whatever the search
	Found  []Organisation // matching the search, by name, without the chosen ones
	// More says the search found more than it shows.
	More bool
}

// OrganisationChoices finds what "Ny hendelse" offers to choose: the
// organisations of chosen (the numbers posted, at most MaxChosen, those
// the portal knows), and those whose name contains search or whose number
// starts with it, as the console's other searches find them. Any
// organisation of the portal can be found this way, however many there
// are; an empty search finds none, so the form lists only what was chosen.
func OrganisationChoices(ctx context.Context, db store.DB, search string, chosen []string) (Choices, error) {
	var c Choices
	if len(chosen) > MaxChosen {
		chosen = chosen[:MaxChosen] // more is refused when sent (CodeOrgsTooMany)
	}
	if len(chosen) > 0 {
		rows, err := db.Query(ctx, AffectedSQL(ChosenSQL), chosen)
		if err != nil {
			return Choices{}, fmt.Errorf("organisations chosen: %w", err)
		}
		if c.Chosen, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Organisation]); err != nil {
			return Choices{}, fmt.Errorf("organisations chosen: %w", err)
		}
	}
	if strings.TrimSpace(search) == "" {
		return c, nil
	}
	found, more, err := servicedesk.SearchOrganisations(ctx, db, search)
	if err != nil {
		return Choices{}, fmt.Errorf("organisations to choose: %w", err)
	}
	c.More = more
	for _, o := range found {
		if !slices.Contains(chosen, o.No) {
			c.Found = append(c.Found, Organisation{No: o.No, Name: o.Name})
		}
	}
	return c, nil
}
