// Package keyexpiry warns an organisation before a key of one of its
// integrations expires: its notification points for Maskinporten as
// consumer get an e-mail 30, 7 and 1 day before, once per key and
// threshold. A key that silently expired after a year has taken services
// down; Maskinporten's keys expire (internal/integration.KeyExpiry), so the
// portal says so in time.
package keyexpiry

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/oslotime"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/store"
	"github.com/digdir/selvbetjening/web/text"
)

// Thresholds are the days before expiry at which a reminder goes out.
var Thresholds = []int{30, 7, 1}

// Interval is how often the worker looks for keys that reached a threshold:
// hourly, so a reminder goes out within an hour of its day, and a missed
// run (a restart) costs an hour at most.
const Interval = time.Hour

// Job is the worker's periodic job; clock is time.Now outside tests.
func Job(baseURL string, clock func() time.Time) mail.Periodic {
	return mail.Periodic{Name: "key-reminders", Interval: Interval,
		Run: func(ctx context.Context, pool *pgxpool.Pool) error {
			_, err := Remind(ctx, pool, clock(), baseURL)
			return err
		}}
}

// dueKey is an active key of an active integration that expires within
// the first threshold.
type dueKey struct {
	id                        int64
	kid                       string
	expires                   time.Time
	clientID                  uuid.UUID
	name, env, orgNo, orgName string
}

// threshold is the reminder due at now for a key expiring at expires: the
// nearest threshold it has come within. Only that one is sent, so a key
// added with five days left gets the 7-day reminder, not the 30-day one too.
func threshold(expires, now time.Time) (int, bool) {
	left := expires.Sub(now)
	if left <= 0 {
		return 0, false
	}
	for _, t := range slices.Backward(Thresholds) {
		if left <= time.Duration(t)*24*time.Hour {
			return t, true
		}
	}
	return 0, false
}

// Remind queues the reminders due at now, in one transaction, and returns
// how many e-mails it queued. Running it again at the same or a later time
// queues nothing it queued before: each e-mail's cause names the key, its
// expiry and the threshold, so a renewed key (a later expiry) is reminded
// of anew.
func Remind(ctx context.Context, pool *pgxpool.Pool, now time.Time, baseURL string) (int, error) {
	var queued int
	err := store.InTx(ctx, pool, func(tx pgx.Tx) error {
		keys, err := due(ctx, tx, now)
		if err != nil || len(keys) == 0 {
			return err
		}
		orgNos := make([]string, 0, len(keys))
		for _, k := range keys {
			orgNos = append(orgNos, k.orgNo)
		}
		slices.Sort(orgNos)
		points, err := merchant.NotificationPoints(ctx, tx, merchant.Consumer, slices.Compact(orgNos))
		if err != nil {
			return err
		}
		var msgs []mail.Message
		base := strings.TrimSuffix(baseURL, "/")
		t := text.For("nb").Email
		for _, k := range keys {
			days, ok := threshold(k.expires, now)
			if !ok {
				continue
			}
			r := text.KeyReminder{OrgName: k.orgName, Integration: k.name, ClientID: k.clientID.String(), Env: k.env,
				KID: k.kid, Expires: oslotime.Format(k.expires), DaysLeft: daysLeft(k.expires, now),
				IntegrationURL: base + paths.Integration(k.clientID) + "#" + paths.KeysSection,
				ServicesURL:    base + paths.Services}
			cause := mail.KeyExpiryCause(strconv.FormatInt(k.id, 10)+"."+strconv.FormatInt(k.expires.Unix(), 10), days)
			for _, p := range points[k.orgNo] {
				msgs = append(msgs, mail.Message{Cause: cause, To: p.Email, OrgNo: k.orgNo,
					Subject: t.KeyExpirySubject(r), Text: t.KeyExpiryBody(r)})
			}
		}
		queued, err = mail.EnqueueMany(ctx, tx, msgs)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("key reminders: %w", err)
	}
	return queued, nil
}

// due lists the keys within the first threshold at now, by the index on
// integration_keys (expires_at) WHERE removed_at IS NULL.
func due(ctx context.Context, tx pgx.Tx, now time.Time) ([]dueKey, error) {
	rows, err := tx.Query(ctx, `
		SELECT k.id, k.kid, k.expires_at, i.client_id, i.name, i.env, i.org_no, o.name
		FROM integration_keys k
		JOIN integrations i ON i.client_id = k.client_id AND i.active
		JOIN organisations o ON o.org_no = i.org_no
		WHERE k.removed_at IS NULL AND k.expires_at > $1 AND k.expires_at <= $1 + make_interval(days => $2)
		ORDER BY k.id`, now, slices.Max(Thresholds))
	if err != nil {
		return nil, fmt.Errorf("keys expiring: %w", err)
	}
	keys, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (dueKey, error) {
		var k dueKey
		err := r.Scan(&k.id, &k.kid, &k.expires, &k.clientID, &k.name, &k.env, &k.orgNo, &k.orgName)
		return k, err
	})
	if err != nil {
		return nil, fmt.Errorf("keys expiring: %w", err)
	}
	return keys, nil
}

func daysLeft(expires, now time.Time) int {
	return int(math.Ceil(expires.Sub(now).Hours() / 24))
}
