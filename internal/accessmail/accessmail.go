// Package accessmail writes the e-mail about access requests: the
// provider's notification points (Maskinporten as API provider) hear of a
// request when it arrives, the requesting organisation's (as API consumer)
// when it is answered. internal/provider queues it through Queue in the
// transaction of the change; the words live here, not there, because the
// text catalogue knows provider's codes and so cannot be imported by it.
package accessmail

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/web/text"
)

// Queue is the provider.Notify of a portal reached at portalURL.
func Queue(portalURL string) provider.Notify {
	base := strings.TrimSuffix(portalURL, "/")
	return func(ctx context.Context, tx pgx.Tx, event string, r provider.Request) error {
		t := text.For("nb")
		m := text.AccessRequestMail{Scope: r.ScopeName, Env: string(r.Env), OrgName: r.OrgName, OrgNo: r.OrgNo,
			Provider: r.Provider, Reason: r.Reason, RequestedBy: r.RequestedBy,
			Approved: r.State == provider.StateApproved, Answer: r.Answer, AnsweredBy: r.AnsweredBy}
		var service merchant.Service
		var recipient string
		var subject, body func(text.AccessRequestMail) string
		switch event {
		case provider.EventReceived:
			service, recipient, m.Recipient = merchant.Provider, r.ProviderNo, r.Provider
			m.URL = base + paths.APIList(r.Env)
			subject, body = t.Email.AccessRequestReceivedSubject, t.Email.AccessRequestReceivedBody
		case provider.EventAnswered:
			service, recipient, m.Recipient = merchant.Consumer, r.OrgNo, r.OrgName
			m.URL = base + paths.AccessRequests
			subject, body = t.Email.AccessRequestAnsweredSubject, t.Email.AccessRequestAnsweredBody
		default:
			return fmt.Errorf("access request %d: no e-mail for the event %q", r.ID, event)
		}
		m.Service, _ = t.Merchant.ServiceName(service)
		m.ServicesURL = base + paths.Service(string(service))
		points, err := merchant.NotificationPoints(ctx, tx, service, []string{recipient})
		if err != nil {
			return err
		}
		cause := mail.AccessRequestCause(r.ID, event)
		msgs := make([]mail.Message, 0, len(points[recipient]))
		for _, p := range points[recipient] {
			msgs = append(msgs, mail.Message{Cause: cause, To: p.Email, OrgNo: recipient, Subject: subject(m), Text: body(m)})
		}
		if _, err := mail.EnqueueMany(ctx, tx, msgs); err != nil {
			return fmt.Errorf("access request %s: %w", strconv.FormatInt(r.ID, 10), err)
		}
		return nil
	}
}
