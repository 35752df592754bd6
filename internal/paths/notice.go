package paths

import "github.com/google/uuid"

// Notice names what an integration's page confirms after an action sent
// the browser there (?melding=). The page says it in words; the URL holds
// only one of these names, so it cannot put text on the page.
type Notice string

const (
	NoticeCreated     Notice = "opprettet"
	NoticeSaved       Notice = "lagret"
	NoticeDeactivated Notice = "deaktivert"
	NoticeKeyAdded    Notice = "nokkel-lagt-til"
	NoticeKeyRemoved  Notice = "nokkel-fjernet"
)

// Notices lists every notice, for the text catalogue's test.
func Notices() []Notice {
	return []Notice{NoticeCreated, NoticeSaved, NoticeDeactivated, NoticeKeyAdded, NoticeKeyRemoved}
}

// ParseNotice returns the notice named s, or "" for anything else.
func ParseNotice(s string) Notice {
	for _, n := range Notices() {
		if string(n) == s {
			return n
		}
	}
	return ""
}

// IntegrationNotice is an integration's page with a notice. A notice about
// keys points at the key section, so the key in question is in view.
func IntegrationNotice(clientID uuid.UUID, n Notice) string {
	u := Integration(clientID) + "?" + ParamNotice + "=" + string(n)
	if n == NoticeKeyAdded || n == NoticeKeyRemoved {
		u += "#" + KeysSection
	}
	return u
}
