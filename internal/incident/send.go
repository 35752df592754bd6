package incident

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/audit"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/text"
)

// EntityType is the audit log's entity type of an incident.
const EntityType = "incident"

// Sent is what Send did.
type Sent struct {
	ID         int64
	Repeated   bool // the form was sent before with the same key: nothing new was written
	OrgCount   int  // organisations affected
	Recipients int  // e-mails queued, one per notification point address
}

// usersSQL are the organisations using each service in the environments
// $1: as consumer, those with an active integration there (the index
// integrations_active_env); as provider, those owning a prefix that is not
// retired, whose scopes serve both environments.
var usersSQL = map[merchant.Service]string{
	merchant.Consumer: `SELECT DISTINCT org_no FROM integrations WHERE active AND env = ANY($2::text[])`,
	merchant.Provider: `SELECT DISTINCT org_no FROM scope_prefixes WHERE retired_at IS NULL AND cardinality($2::text[]) > 0`,
}

// chosenSQL are the chosen organisations ($2) that the portal knows.
const chosenSQL = `SELECT org_no FROM organisations WHERE org_no = ANY($2::text[])`

// affectedSQL records who the incident $1 concerns, from one of the
// selections above, and returns them with their names: one statement
// however many there are.
func affectedSQL(selection string) string {
	return `WITH affected AS (
		INSERT INTO incident_organisations (incident_id, org_no)
		SELECT $1, org_no FROM (` + selection + `) s
		RETURNING org_no)
	SELECT a.org_no, o.name FROM affected a JOIN organisations o USING (org_no) ORDER BY a.org_no`
}

// Send is "Send varsel": it validates the draft and, in one transaction,
// writes the incident, the organisations it affects, its audit row and one
// queued e-mail per notification point of theirs for the service. The
// form's creationKey makes a second submit (a double click) return the
// incident the first one sent, writing nothing. A refusal is FieldErrors,
// and saves nothing. portalURL is the portal's base URL, for the e-mail's
// links.
func Send(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, creationKey uuid.UUID, d Draft, portalURL string) (Sent, error) {
	v, errs := d.Validate()
	if errs != nil {
		return Sent{}, errs
	}
	var out Sent
	err := store.InTx(ctx, pool, func(tx pgx.Tx) error {
		var createdAt time.Time
		err := tx.QueryRow(ctx, `
			INSERT INTO incidents (title, body, service, envs, severity, audience, creation_key, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (creation_key) DO NOTHING
			RETURNING id, created_at`,
			v.Title, v.Text, string(v.Service), envStrings(v.Envs), string(v.Severity), string(v.Audience),
			creationKey, actor.Name).Scan(&out.ID, &createdAt)
		if store.NoRow(err) {
			// Sent before with this form: hand back that incident. A new
			// statement sees the other transaction's row once it committed.
			out.Repeated = true
			if err := tx.QueryRow(ctx, `SELECT id FROM incidents WHERE creation_key = $1`, creationKey).Scan(&out.ID); err != nil {
				return store.NotFound(err, "incident by creation key")
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("insert incident %q: %w", v.Title, err)
		}
		orgs, err := affect(ctx, tx, out.ID, v)
		if err != nil {
			return err
		}
		out.OrgCount = len(orgs)
		out.Recipients, err = enqueue(ctx, tx, out.ID, v, orgs, createdAt, portalURL)
		if err != nil {
			return err
		}
		snap := snapshot{Title: v.Title, Text: v.Text, Service: string(v.Service), Envs: envStrings(v.Envs),
			Severity: string(v.Severity), Audience: string(v.Audience), OrgCount: len(orgs), OrgNos: v.OrgNos,
			Recipients: out.Recipients}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.IncidentSend, EntityType: EntityType,
			EntityID: strconv.FormatInt(out.ID, 10), After: snap})
	})
	if err != nil {
		return Sent{}, err
	}
	return out, nil
}

// affect records the organisations the incident concerns and returns
// them, by number, with their names.
func affect(ctx context.Context, tx pgx.Tx, id int64, v Valid) ([]Organisation, error) {
	selection, arg := usersSQL[v.Service], any(envStrings(v.Envs))
	if v.Audience == Chosen {
		selection, arg = chosenSQL, v.OrgNos
	}
	rows, err := tx.Query(ctx, affectedSQL(selection), id, arg)
	if err != nil {
		return nil, fmt.Errorf("incident %d: affected organisations: %w", id, err)
	}
	orgs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Organisation])
	if err != nil {
		return nil, fmt.Errorf("incident %d: affected organisations: %w", id, err)
	}
	switch {
	case v.Audience == Chosen && len(orgs) < len(v.OrgNos):
		return nil, FieldErrors{FieldOrgs: CodeOrgUnknown}
	case len(orgs) == 0:
		return nil, FieldErrors{FieldAudience: CodeNoneAffected}
	}
	return orgs, nil
}

// enqueue queues one e-mail per notification point of the organisations,
// with two statements for the lot. An address that is a notification point
// of several of them gets one e-mail (a delivery is unique per cause and
// recipient), for the first organisation by number.
func enqueue(ctx context.Context, tx pgx.Tx, id int64, v Valid, orgs []Organisation, at time.Time, portalURL string) (int, error) {
	orgNos := make([]string, len(orgs))
	for i, o := range orgs {
		orgNos[i] = o.No
	}
	points, err := merchant.NotificationPoints(ctx, tx, v.Service, orgNos)
	if err != nil {
		return 0, err
	}
	t := text.For("nb")
	base := strings.TrimSuffix(portalURL, "/")
	serviceName, _ := t.Merchant.ServiceName(v.Service)
	severity, _ := t.Incidents.SeverityName(string(v.Severity))
	m := text.IncidentMail{Title: v.Title, Text: v.Text, Service: serviceName, Envs: t.Incidents.EnvList(envStrings(v.Envs)),
		Severity: severity, Sent: formatTime(at), PortalURL: base + paths.Home,
		ServicesURL: base + paths.Service(string(v.Service))}
	cause := mail.IncidentCause(id)
	var msgs []mail.Message
	for _, o := range orgs {
		m.OrgName = o.Name
		subject, body := t.Incidents.EmailSubject(m), t.Incidents.EmailBody(m)
		for _, p := range points[o.No] {
			msgs = append(msgs, mail.Message{Cause: cause, To: p.Email, OrgNo: o.No, Subject: subject, Text: body})
		}
	}
	if len(msgs) == 0 {
		return 0, FieldErrors{FieldAudience: CodeNoNotifyPoints}
	}
	n, err := mail.EnqueueMany(ctx, tx, msgs)
	if err != nil {
		return 0, fmt.Errorf("incident %d: %w", id, err)
	}
	return n, nil
}

func envStrings(envs []environment.Env) []string {
	out := make([]string, len(envs))
	for i, e := range envs {
		out[i] = string(e)
	}
	return out
}

var oslo = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/Oslo"); err == nil {
		return loc
	}
	return time.FixedZone("CET", 3600)
}()

func formatTime(t time.Time) string { return t.In(oslo).Format("02.01.2006 kl. 15.04") }
