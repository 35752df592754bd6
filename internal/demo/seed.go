package demo

import (
	"context"
	"fmt"
	"io"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/identity"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/store"
)

// Organisation numbers of the demo organisations.
const (
	Digdir            = "991825827"
	Skatteetaten      = "974761076"
	EksempelKonsument = "310000019"
	DeltDomene        = "310000027"
	DeltDomeneHolding = "310000035"
)

// The two integrations Eksempel Konsument AS has in TEST, with fixed client
// ids so seeding twice finds them instead of adding two more.
const (
	RegnskapClientID = "6f1c2a7e-3b55-4d0e-9a61-0c1d2e3f4a01"
	TestklientID     = "6f1c2a7e-3b55-4d0e-9a61-0c1d2e3f4a02"
)

// seedSQL is idempotent: every insert skips rows that are already there.
const seedSQL = `
INSERT INTO organisations (org_no, name) VALUES
    ('991825827', 'Digitaliseringsdirektoratet'),
    ('974761076', 'Skatteetaten'),
    ('310000019', 'Eksempel Konsument AS'),
    ('310000027', 'Delt Domene AS'),
    ('310000035', 'Delt Domene Holding AS')
ON CONFLICT DO NOTHING;

INSERT INTO email_domains (domain, org_no) VALUES
    ('digdir.no', '991825827'),
    ('skatteetaten.no', '974761076'),
    ('konsument.example', '310000019'),
    ('deltdomene.example', '310000027'),
    ('deltdomene.example', '310000035')
ON CONFLICT DO NOTHING;

INSERT INTO production_persons (org_no, pid, name, registered_by) VALUES
    ('310000019', '15838510075', 'Kari Konsument', 'Demodata'),
    ('974761076', '11887710092', 'Petra Tilbyder', 'Demodata')
ON CONFLICT DO NOTHING;

INSERT INTO servicedesk_staff (pid, name, granted_by) VALUES ('24816810023', 'Sven Servicedesk', 'Demodata')
ON CONFLICT DO NOTHING;

INSERT INTO scope_prefixes (prefix, org_no) VALUES ('skatteetaten', '974761076'), ('idporten', '991825827')
ON CONFLICT DO NOTHING;

-- The admin scopes of the REST API, Digdir's as in its own self-service
-- API, shared like any scope: Eksempel Konsument AS may administer its
-- integrations through the API in TEST, Skatteetaten its scopes in both.
INSERT INTO scopes (prefix, name, description, max_token_lifetime, visibility, accessible_for_all, created_by, updated_by) VALUES
    ('idporten', 'idporten:dcr.read', 'Selvbetjening: lese integrasjoner og nøkler', 120, 'PRIVATE', false, 'Demodata', 'Demodata'),
    ('idporten', 'idporten:dcr.write', 'Selvbetjening: opprette, endre og deaktivere integrasjoner og nøkler', 120, 'PRIVATE', false, 'Demodata', 'Demodata'),
    ('idporten', 'idporten:scopes.write', 'Selvbetjening: administrere egne scopes og tilganger', 120, 'PRIVATE', false, 'Demodata', 'Demodata')
ON CONFLICT (name) DO NOTHING;

-- intern is private: named to others only when searched by its exact name.
-- skattemelding is public and not shared with Eksempel Konsument AS, so
-- "Be om tilgang" can be tried; rentesatser is open to every organisation.
INSERT INTO scopes (prefix, name, description, max_token_lifetime, visibility, accessible_for_all, created_by, updated_by) VALUES
    ('skatteetaten', 'skatteetaten:testapi', 'Testgrensesnitt for utviklere', 600, 'PUBLIC', false, 'Demodata', 'Demodata'),
    ('skatteetaten', 'skatteetaten:mva', 'Merverdiavgift: innsending og oppslag', 300, 'PUBLIC', false, 'Demodata', 'Demodata'),
    ('skatteetaten', 'skatteetaten:intern', 'Skatteetatens interne API', 120, 'PRIVATE', false, 'Demodata', 'Demodata'),
    ('skatteetaten', 'skatteetaten:skattemelding', 'Skattemelding: innsending for regnskapsførere', 300, 'PUBLIC', false, 'Demodata', 'Demodata'),
    ('skatteetaten', 'skatteetaten:rentesatser', 'Gjeldende rentesatser, åpent for alle', 600, 'PUBLIC', true, 'Demodata', 'Demodata')
ON CONFLICT (name) DO NOTHING;

INSERT INTO scope_grants (scope_id, org_no, env, granted_by)
SELECT s.id, '310000019', g.env, 'Demodata'
FROM (VALUES ('skatteetaten:testapi', 'TEST'), ('skatteetaten:mva', 'TEST'), ('skatteetaten:mva', 'PROD'),
             ('idporten:dcr.read', 'TEST'), ('idporten:dcr.write', 'TEST'), ('idporten:scopes.write', 'TEST')) AS g(name, env)
JOIN scopes s ON s.name = g.name
ON CONFLICT DO NOTHING;

INSERT INTO scope_grants (scope_id, org_no, env, granted_by)
SELECT s.id, '974761076', g.env, 'Demodata'
FROM (VALUES ('idporten:scopes.write', 'TEST'), ('idporten:scopes.write', 'PROD')) AS g(name, env)
JOIN scopes s ON s.name = g.name
ON CONFLICT DO NOTHING;

-- Skatteetaten keeps its merchant data complete, as Maskinporten consumer
-- and provider, with a notification point each; Eksempel Konsument AS has
-- none, so its pages warn, and Kari can walk the guide's steps to add one.
INSERT INTO merchant_data (org_no, service, invoice_email, postal_address, buyer_reference, contact_person, ehf, updated_by)
SELECT '974761076', service, '', 'Postboks 9200 Grønland' || chr(10) || '0134 Oslo', 'SKE-MP-2026',
       'Petra Tilbyder', true, 'Demodata'
FROM unnest(ARRAY['maskinporten-konsument', 'maskinporten-tilbyder']) AS service
ON CONFLICT DO NOTHING;
INSERT INTO notification_points (org_no, service, position, name, email, phone)
SELECT '974761076', service, 0, 'Driftssenteret', 'drift@skatteetaten.no', '+4722077000'
FROM unnest(ARRAY['maskinporten-konsument', 'maskinporten-tilbyder']) AS service
ON CONFLICT DO NOTHING;
`

type demoIntegration struct {
	clientID, name, description, scope string
}

var integrations = []demoIntegration{
	{RegnskapClientID, "Regnskapssystem", "Sender mva-meldinger fra regnskapssystemet", "skatteetaten:mva"},
	{TestklientID, "Testklient", "Til å prøve Skatteetatens testgrensesnitt", "skatteetaten:testapi"},
}

// Seed loads the demo data; running it again changes nothing.
func Seed(ctx context.Context, pool *pgxpool.Pool) error {
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, seedSQL); err != nil {
			return fmt.Errorf("seed demo data: %w", err)
		}
		// Through the domain, as a person would create them: scopes checked,
		// audit entry written. The client id doubles as the creation key, so
		// a second run finds them.
		actor := identity.Actor{Person: identity.Person{Name: "Demodata"}, OrgNo: EksempelKonsument}
		for _, d := range integrations {
			id := uuid.MustParse(d.clientID)
			draft := integration.Draft{Service: integration.ServiceMaskinporten, Name: d.name,
				Description: d.description, Scopes: []string{d.scope}}
			if _, err := integration.Insert(ctx, tx, actor, environment.Test, id, id, draft); err != nil {
				return fmt.Errorf("seed integration %s: %w", d.name, err)
			}
		}
		return nil
	})
}

// PrintPersons writes the test persons as a table, for `make run`.
func PrintPersons(w io.Writer) {
	fmt.Fprintln(w, "Testpersoner (klikk navnet på innloggingssiden til test-ID-porten):")
	notes := map[string]string{
		Kari.PID:  "registrert for produksjon i Eksempel Konsument AS",
		Ola.PID:   "ikke registrert for produksjon",
		Petra.PID: "registrert for produksjon i Skatteetaten (API-tilbyder)",
		Sven.PID:  "servicedesk i Digdir",
		Dina.PID:  "domenet leder til to virksomheter",
		Ulf.PID:   "domenet er ikke koblet til noen virksomhet",
	}
	for _, p := range Persons() {
		fmt.Fprintf(w, "  %-18s %s  %-26s %s\n", p.Name, p.PID, p.Email, notes[p.PID])
	}
}
