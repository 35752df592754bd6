package api

import (
	"encoding/hex"
	"io"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
)

// The list of clients is encoded by hand. GET /clients is the call a
// pipeline or a Terraform plan makes most, 50 clients a page, and
// encoding/json's reflection took a fifth of its time under load (make
// bench-api). The bytes are exactly those encoding/json writes for the same
// []Client (TestClientListJSON), so the OpenAPI document still describes them.

// clientList is the body of GET /clients.
type clientList []Client

// jsonFormat is huma's JSON format, with clientList written by appendJSON.
var jsonFormat = huma.Format{
	Marshal: func(w io.Writer, v any) error {
		l, ok := v.(clientList)
		if !ok {
			return huma.DefaultJSONFormat.Marshal(w, v)
		}
		buf := listBuffers.Get().(*[]byte)
		defer listBuffers.Put(buf)
		*buf = append(l.appendJSON((*buf)[:0]), '\n') // as json.Encoder ends a value
		lists.Put(&l)                                 // written: the page is done with
		_, err := w.Write(*buf)
		return err
	},
	Unmarshal: huma.DefaultJSONFormat.Unmarshal,
}

// lists keeps the pages' client lists between requests, from when a page
// is written to the next request's newClientList.
var lists = sync.Pool{New: func() any { return new(clientList) }}

func newClientList(n int) clientList {
	l := *lists.Get().(*clientList)
	if cap(l) < n {
		return make(clientList, n)
	}
	return l[:n]
}

// listBuffers keeps the pages' buffers between requests: a page of 50 is
// some 25 KB, which would otherwise be garbage after every call.
var listBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

func (l clientList) appendJSON(b []byte) []byte {
	if l == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = l[i].appendJSON(b)
	}
	return append(b, ']')
}

// appendJSON writes the members in Client's order, with its json names.
func (c *Client) appendJSON(b []byte) []byte {
	b = append(b, `{"client_id":`...)
	b = appendUUID(b, c.ClientID)
	b = append(b, `,"client_name":`...)
	b = appendString(b, c.ClientName)
	b = append(b, `,"client_orgno":`...)
	b = appendString(b, c.ClientOrgno)
	b = append(b, `,"description":`...)
	b = appendString(b, c.Description)
	b = append(b, `,"integration_type":`...)
	b = appendString(b, c.IntegrationType)
	b = append(b, `,"application_type":`...)
	b = appendString(b, c.ApplicationType)
	b = append(b, `,"token_endpoint_auth_method":`...)
	b = appendString(b, c.TokenEndpointAuthMethod)
	b = append(b, `,"grant_types":`...)
	b = appendStrings(b, c.GrantTypes)
	b = append(b, `,"scopes":`...)
	b = appendStrings(b, c.Scopes)
	b = append(b, `,"access_token_lifetime":`...)
	b = strconv.AppendInt(b, int64(c.AccessTokenLifetime), 10)
	b = append(b, `,"active":`...)
	b = strconv.AppendBool(b, c.Active)
	b = append(b, `,"created":`...)
	b = appendTime(b, c.Created)
	b = append(b, `,"last_updated":`...)
	b = appendTime(b, c.LastUpdated)
	return append(b, '}')
}

func appendUUID(b []byte, id uuid.UUID) []byte {
	var s [38]byte
	s[0], s[37] = '"', '"'
	hex.Encode(s[1:9], id[0:4])
	s[9] = '-'
	hex.Encode(s[10:14], id[4:6])
	s[14] = '-'
	hex.Encode(s[15:19], id[6:8])
	s[19] = '-'
	hex.Encode(s[20:24], id[8:10])
	s[24] = '-'
	hex.Encode(s[25:37], id[10:16])
	return append(b, s[:]...)
}

// appendTime writes what time.Time.MarshalJSON does: RFC 3339 with
// nanoseconds, trailing zeros dropped. Our times are always within years
// 0–9999, where MarshalJSON would fail.
func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendString quotes s as encoding/json does with HTML escaping off (as
// huma's encoder): quotes, backslashes and control characters escaped,
// U+2028 and U+2029 too (for JavaScript), invalid UTF-8 as U+FFFD.
func appendString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
