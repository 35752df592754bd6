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
	"github.com/digdir/selvbetjening/internal/oslotime"
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

// UsersSQL are the organisations using each service in the environments
// $1: as consumer, those with an active integration there (the index
// integrations_active_env); as provider, those owning a prefix that is not
// retired, whose scopes serve both environments.
var UsersSQL = map[merchant.Service]string{
	merchant.Consumer: `SELECT DISTINCT org_no FROM integrations WHERE active AND env = ANY($1::text[])`,
	merchant.Provider: `SELECT DISTINCT org_no FROM scope_prefixes WHERE retired_at IS NULL AND cardinality($1::text[]) > 0`,
}

// ChosenSQL are the chosen organisations ($1) that the portal knows.
const ChosenSQL = `SELECT org_no FROM organisations WHERE org_no = ANY($1::text[])`

// AffectedSQL is who an incident concerns, with their names, from one of
// the selections above: one statement however many there are.
func AffectedSQL(selection string) string {
	return `SELECT s.org_no, o.name FROM (` + selection + `) s JOIN organisations o USING (org_no) ORDER BY s.org_no`
}

// Send is "Send varsel": it validates the draft and, in one transaction,
// writes the incident, the organisations it affects, its audit row and one
// queued e-mail per notification point of theirs for the service. The
// form's creationKey makes a second submit (a double click) return the
// incident the first one sent, writing nothing. A refusal is FieldErrors,
// and saves nothing. portalURL is the portal's base URL, for the e-mail's
// links.
//
// Who is affected and who gets an e-mail is decided before the incident's
// row is written, so the row carries both counts from the start and is
// never changed.
func Send(ctx context.Context, pool *pgxpool.Pool, actor identity.Actor, creationKey uuid.UUID, d Draft, portalURL string) (Sent, error) {
	v, errs := d.Validate()
	if errs != nil {
		return Sent{}, errs
	}
	var out Sent
	err := store.InTx(ctx, pool, func(tx pgx.Tx) error {
		orgs, err := affected(ctx, tx, v)
		if err != nil {
			return err
		}
		// The e-mail says when it was sent, the same time as the row's.
		at := time.Now()
		msgs, err := compose(ctx, tx, v, orgs, at, portalURL)
		if err != nil {
			return err
		}
		out.OrgCount, out.Recipients = len(orgs), mail.Recipients(msgs)
		err = tx.QueryRow(ctx, `
			INSERT INTO incidents (title, body, service, envs, severity, audience, creation_key, created_by, created_at,
			                       org_count, recipients)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			ON CONFLICT (creation_key) DO NOTHING
			RETURNING id`,
			v.Title, v.Text, string(v.Service), envStrings(v.Envs), string(v.Severity), string(v.Audience),
			creationKey, actor.Name, at, out.OrgCount, out.Recipients).Scan(&out.ID)
		if store.NoRow(err) {
			// Sent before with this form: hand back that incident. A new
			// statement sees the other transaction's row once it committed.
			out = Sent{Repeated: true}
			if err := tx.QueryRow(ctx, `SELECT id FROM incidents WHERE creation_key = $1`, creationKey).Scan(&out.ID); err != nil {
				return store.NotFound(err, "incident by creation key")
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("insert incident %q: %w", v.Title, err)
		}
		if err := record(ctx, tx, out.ID, orgs, msgs); err != nil {
			return err
		}
		snap := snapshot{Title: v.Title, Text: v.Text, Service: string(v.Service), Envs: envStrings(v.Envs),
			Severity: string(v.Severity), Audience: string(v.Audience), OrgCount: out.OrgCount, OrgNos: v.OrgNos,
			Recipients: out.Recipients}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: audit.IncidentSend, EntityType: EntityType,
			EntityID: strconv.FormatInt(out.ID, 10), After: snap})
	})
	if err != nil {
		return Sent{}, err
	}
	return out, nil
}

// affected returns the organisations the incident concerns, by number,
// with their names.
func affected(ctx context.Context, tx pgx.Tx, v Valid) ([]Organisation, error) {
	selection, arg := UsersSQL[v.Service], any(envStrings(v.Envs))
	if v.Audience == Chosen {
		selection, arg = ChosenSQL, v.OrgNos
	}
	rows, err := tx.Query(ctx, AffectedSQL(selection), arg)
	if err != nil {
		return nil, fmt.Errorf("incident %q: affected organisations: %w", v.Title, err)
	}
	orgs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Organisation])
	if err != nil {
		return nil, fmt.Errorf("incident %q: affected organisations: %w", v.Title, err)
	}
	switch {
	case v.Audience == Chosen && len(orgs) < len(v.OrgNos):
		return nil, FieldErrors{FieldOrgs: CodeOrgUnknown}
	case len(orgs) == 0:
		return nil, FieldErrors{FieldAudience: CodeNoneAffected}
	}
	return orgs, nil
}

// compose writes one e-mail per notification point of the organisations,
// read with one statement for the lot; their Cause is set once the
// incident has its id.
func compose(ctx context.Context, tx pgx.Tx, v Valid, orgs []Organisation, at time.Time, portalURL string) ([]mail.Message, error) {
	orgNos := make([]string, len(orgs))
	for i, o := range orgs {
		orgNos[i] = o.No
	}
	points, err := merchant.NotificationPoints(ctx, tx, v.Service, orgNos)
	if err != nil {
		return nil, err
	}
	t := text.For("nb")
	base := strings.TrimSuffix(portalURL, "/")
	serviceName, _ := t.Merchant.ServiceName(v.Service)
	severity, _ := t.Incidents.SeverityName(string(v.Severity))
	m := text.IncidentMail{Title: v.Title, Text: v.Text, Service: serviceName, Envs: t.Incidents.EnvList(envStrings(v.Envs)),
		Severity: severity, Sent: oslotime.Format(at), PortalURL: base + paths.Home,
		ServicesURL: base + paths.Service(string(v.Service))}
	var msgs []mail.Message
	for _, o := range orgs {
		m.OrgName = o.Name
		subject, body := t.Incidents.EmailSubject(m), t.Incidents.EmailBody(m)
		for _, p := range points[o.No] {
			msgs = append(msgs, mail.Message{To: p.Email, OrgNo: o.No, Subject: subject, Text: body})
		}
	}
	if len(msgs) == 0 {
		return nil, FieldErrors{FieldAudience: CodeNoNotifyPoints}
	}
	return msgs, nil
}

// record writes who the incident id concerns and queues its e-mails, with
// three statements for the lot. An address that is a notification point
// of several organisations gets one e-mail (a delivery is unique per cause
// and recipient), for the first organisation by number.
func record(ctx context.Context, tx pgx.Tx, id int64, orgs []Organisation, msgs []mail.Message) error {
	orgNos := make([]string, len(orgs))
	for i, o := range orgs {
		orgNos[i] = o.No
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO incident_organisations (incident_id, org_no) SELECT $1, unnest($2::text[])`, id, orgNos); err != nil {
		return fmt.Errorf("incident %d: affected organisations: %w", id, err)
	}
	cause := mail.IncidentCause(id)
	for i := range msgs {
		msgs[i].Cause = cause
	}
	n, err := mail.EnqueueMany(ctx, tx, msgs)
	if err != nil {
		return fmt.Errorf("incident %d: %w", id, err)
	}
	if want := mail.Recipients(msgs); n != want {
		// The row says want: refuse rather than let it say what is untrue.
		return fmt.Errorf("incident %d: queued %d e-mails of %d recipients", id, n, want)
	}
	return nil
}

func envStrings(envs []environment.Env) []string {
	out := make([]string, len(envs))
	for i, e := range envs {
		out[i] = string(e)
	}
	return out
}
