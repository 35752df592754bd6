package incident

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/store"
)

// PageSize is how many incidents the list shows at a time.
const PageSize = 50

// incidentSelect reads incidents with how many organisations each
// concerned and its deliveries by status; each count is an index scan
// (the primary key of incident_organisations, mail_deliveries_once).
const incidentSelect = `
	SELECT i.id, i.title, i.body, i.service, i.envs, i.severity, i.audience, i.created_by, i.created_at,
	       (SELECT count(*) FROM incident_organisations io WHERE io.incident_id = i.id),
	       d.queued, d.sent, d.failed
	FROM incidents i
	CROSS JOIN LATERAL (
		SELECT count(*) FILTER (WHERE status IN ('queued', 'sending')) AS queued,
		       count(*) FILTER (WHERE status = 'sent') AS sent,
		       count(*) FILTER (WHERE status = 'failed') AS failed
		FROM mail_deliveries WHERE cause = 'incident:' || i.id) d`

func scanIncident(r pgx.CollectableRow) (Incident, error) {
	var i Incident
	var envs []string
	err := r.Scan(&i.ID, &i.Title, &i.Text, &i.Service, &envs, &i.Severity, &i.Audience, &i.CreatedBy, &i.CreatedAt,
		&i.OrgCount, &i.Queued, &i.Sent, &i.Failed)
	for _, e := range envs {
		i.Envs = append(i.Envs, environment.Env(e))
	}
	return i, err
}

// List returns the incidents sent before the incident before (all when 0),
// newest first, at most PageSize; more says there are older ones.
func List(ctx context.Context, db store.DB, before int64) (list []Incident, more bool, err error) {
	rows, err := db.Query(ctx, incidentSelect+`
		WHERE $1 = 0 OR i.id < $1
		ORDER BY i.id DESC
		LIMIT $2`, before, PageSize+1)
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

// Organisations lists the organisations servicedesk may choose as
// affected, by name: every organisation of the portal, at most MaxChosen.
func Organisations(ctx context.Context, db store.DB) ([]Organisation, error) {
	rows, err := db.Query(ctx, `SELECT org_no, name FROM organisations ORDER BY name, org_no LIMIT $1`, MaxChosen)
	if err != nil {
		return nil, fmt.Errorf("organisations to choose: %w", err)
	}
	orgs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Organisation])
	if err != nil {
		return nil, fmt.Errorf("organisations to choose: %w", err)
	}
	return orgs, nil
}
