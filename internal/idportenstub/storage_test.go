package idportenstub

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/zitadel/oidc/v3/pkg/oidc"
)

func newTestStorage(t *testing.T) (*storage, *time.Time) {
	t.Helper()
	key, err := newSigningKey()
	require.NoError(t, err)
	s := newStorage(nil, key)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s.now = func() time.Time { return now }
	return s, &now
}

func pkceRequest() *oidc.AuthRequest {
	return &oidc.AuthRequest{
		ClientID: "c", RedirectURI: "http://127.0.0.1/cb", ResponseType: oidc.ResponseTypeCode,
		Scopes: []string{"openid"}, CodeChallenge: "x", CodeChallengeMethod: oidc.CodeChallengeMethodS256,
	}
}

func TestAuthRequestLifecycle(t *testing.T) {
	t.Parallel()
	s, now := newTestStorage(t)
	ctx := t.Context()
	req, err := s.CreateAuthRequest(ctx, pkceRequest(), "")
	require.NoError(t, err)
	id := req.GetID()
	require.False(t, req.Done())

	who := identity{Email: "a@example.com", ACR: acrHigh}
	require.NoError(t, s.completeLogin(id, who))
	require.ErrorIs(t, s.completeLogin(id, who), errAlreadyDone)

	// Only the newest code is valid.
	require.NoError(t, s.SaveAuthCode(ctx, id, "first"))
	require.NoError(t, s.SaveAuthCode(ctx, id, "second"))
	_, err = s.AuthRequestByCode(ctx, "first")
	require.ErrorIs(t, err, errNotFound)
	got, err := s.AuthRequestByCode(ctx, "second")
	require.NoError(t, err)
	require.Equal(t, who.subject(), got.GetSubject())
	require.Equal(t, acrHigh, got.GetACR())

	*now = now.Add(authRequestLifetime + time.Second)
	_, err = s.AuthRequestByCode(ctx, "second")
	require.ErrorIs(t, err, errNotFound, "expired")
	_, err = s.CreateAuthRequest(ctx, pkceRequest(), "") // prunes
	require.NoError(t, err)
	require.Len(t, s.requests, 1)
	require.Empty(t, s.codes)
}

func TestCopiesAreIndependent(t *testing.T) {
	t.Parallel()
	s, _ := newTestStorage(t)
	req, err := s.CreateAuthRequest(t.Context(), pkceRequest(), "")
	require.NoError(t, err)
	require.NoError(t, s.completeLogin(req.GetID(), identity{Email: "a@example.com"}))
	require.False(t, req.Done(), "a copy handed out earlier does not change")
}
