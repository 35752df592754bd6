package api

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// TestClientListJSON: the hand-written encoding of GET /clients is byte for
// byte huma's encoding/json of the same clients, for any text a name or a
// description may hold.
func TestClientListJSON(t *testing.T) {
	t.Parallel()
	oslo, err := time.LoadLocation("Europe/Oslo")
	require.NoError(t, err)
	texts := []string{"", "Kundeintegrasjon 1", `"sitert" \ skråstrek`, "linje\nlinje\r\ttab\b\f",
		"\x00\x01\x1f\x7f", "<script>&amp;</script>", "æøå ÆØÅ – “typografisk” 🙂", "\u2028\u2029",
		"ugyldig \xff\xfe utf-8 \xe2\x82", "/api/v1?scope=a/b"}
	var list clientList
	for n, text := range texts {
		list = append(list, Client{
			ClientID: uuid.New(), ClientName: text, ClientOrgno: "310000019", Description: text,
			IntegrationType: "maskinporten", ApplicationType: applicationTypeWeb, TokenEndpointAuthMethod: authPrivateKeyJWT,
			GrantTypes: []string{grantJWTBearer}, Scopes: []string{"skatteetaten:testapi", text}, AccessTokenLifetime: 120 * n,
			Active: n%2 == 0, Created: time.Date(2026, 12, 3, 7, 0, n, n*1000, time.UTC),
			LastUpdated: time.Date(2026, 12, 3, 8, 0, 0, 123456789, oslo),
		})
	}
	list = append(list, Client{}) // zero values: nil slices, the zero time
	for _, l := range []clientList{list, {}, nil} {
		var want bytes.Buffer
		require.NoError(t, jsonEncoderOf(&want).Encode([]Client(l)))
		var got bytes.Buffer
		require.NoError(t, jsonFormat.Marshal(&got, l))
		require.Equal(t, want.String(), got.String())
	}
}

func jsonEncoderOf(b *bytes.Buffer) *json.Encoder {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false) // as huma.DefaultJSONFormat
	return enc
}
