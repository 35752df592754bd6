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
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/digdir/selvbetjening/internal/mail"
	"github.com/digdir/selvbetjening/internal/merchant"
	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/provider"
	"github.com/digdir/selvbetjening/web/text"
)

// Queue is the provider.Notify of a portal reached at portalURL. However
// many requests an event concerns (a grant may answer several), their
// recipients' notification points are read with one query.
func Queue(portalURL string) provider.Notify {
	base := strings.TrimSuffix(portalURL, "/")
	return func(ctx context.Context, tx pgx.Tx, event string, requests []provider.Request) error {
		t := text.For("nb")
		var service merchant.Service
		var subject, body func(text.AccessRequestMail) string
		// recipient is the organisation of a request that gets the e-mail.
		var recipient func(r provider.Request) (orgNo, name, url string)
		switch event {
		case provider.EventReceived:
			service = merchant.Provider
			subject, body = t.Email.AccessRequestReceivedSubject, t.Email.AccessRequestReceivedBody
			recipient = func(r provider.Request) (string, string, string) {
				return r.ProviderNo, r.Provider, base + paths.APIList(r.Env)
			}
		case provider.EventAnswered:
			service = merchant.Consumer
			subject, body = t.Email.AccessRequestAnsweredSubject, t.Email.AccessRequestAnsweredBody
			recipient = func(r provider.Request) (string, string, string) {
				return r.OrgNo, r.OrgName, base + paths.AccessRequests
			}
		default:
			return fmt.Errorf("no e-mail for the access request event %q", event)
		}
		orgNos := make([]string, 0, len(requests))
		for _, r := range requests {
			orgNo, _, _ := recipient(r)
			orgNos = append(orgNos, orgNo)
		}
		slices.Sort(orgNos)
		points, err := merchant.NotificationPoints(ctx, tx, service, slices.Compact(orgNos))
		if err != nil {
			return err
		}
		serviceName, _ := t.Merchant.ServiceName(service)
		var msgs []mail.Message
		for _, r := range requests {
			orgNo, name, url := recipient(r)
			m := text.AccessRequestMail{Scope: r.ScopeName, Env: string(r.Env), OrgName: r.OrgName, OrgNo: r.OrgNo,
				Provider: r.Provider, Reason: r.Reason, RequestedBy: r.RequestedBy,
				Approved: r.State == provider.StateApproved, Answer: r.Answer, AnsweredBy: r.AnsweredBy,
				Recipient: name, Service: serviceName, URL: url, ServicesURL: base + paths.Service(string(service))}
			cause := mail.AccessRequestCause(r.ID, event)
			for _, p := range points[orgNo] {
				msgs = append(msgs, mail.Message{Cause: cause, To: p.Email, OrgNo: orgNo, Subject: subject(m), Text: body(m)})
			}
		}
		if _, err := mail.EnqueueMany(ctx, tx, msgs); err != nil {
			return fmt.Errorf("access requests (%s): %w", event, err)
		}
		return nil
	}
}
