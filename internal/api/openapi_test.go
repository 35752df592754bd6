package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/paths"
	"github.com/digdir/selvbetjening/internal/token"
)

// TestOpenAPIDocumentIsValid: the document huma generates is a valid OpenAPI
// 3.1 document by kin-openapi, served without a token, and names every operation.
func TestOpenAPIDocumentIsValid(t *testing.T) {
	t.Parallel()
	s := start(t)
	require.Equal(t, "3.1.0", s.doc.OpenAPI)
	require.True(t, s.doc.IsOpenAPI31OrLater())
	require.NoError(t, s.doc.Validate(context.Background(), openapi3.EnableSchemaFormatValidation()))
	var ids []string
	for _, item := range s.doc.Paths.Map() {
		for _, op := range item.Operations() {
			ids = append(ids, op.OperationID)
			require.NotEmpty(t, op.Security, "%s has no security requirement", op.OperationID)
		}
	}
	require.Subset(t, ids, []string{"listClients", "createClient", "getClient", "updateClient", "deactivateClient",
		"getClientJwks", "replaceClientJwks", "deleteClientJwks",
		"getScopes", "createScope", "updateScope", "deactivateScope", "listPublicScopes", "grantScope", "withdrawScope",
		"listScopeAccess", "listGrantedScopes"})

	// The client model's fixed values are the token endpoint's own.
	client := s.doc.Components.Schemas["ClientRequest"].Value
	require.Equal(t, []any{token.ClientAMR}, client.Properties["token_endpoint_auth_method"].Value.Enum)
	require.Equal(t, []any{token.GrantType}, client.Properties["grant_types"].Value.Items.Value.Enum)

	resp, err := http.Get(s.server.URL + paths.APIOpenAPI)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, "application/openapi+json", resp.Header.Get("Content-Type"))
}
