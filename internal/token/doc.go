// Package token is the portal's authorization server: a token endpoint per
// environment that behaves like Maskinporten's, for the integrations made in
// the portal. A client sends an RFC 7523 JWT grant signed with one of its
// integration's keys and gets a signed access token for the scopes shared
// with its organisation; resource servers check that token against the
// environment's JWKS.
//
// Per token the endpoint makes two SQL round trips: one SELECT of the
// integration, the key its kid names and the requested scopes, and one
// INSERT of the grant's jti, which refuses a replay in every process at
// once. What it counts is added up in the process and written in one
// statement per kind by a background flusher: the requests per client and
// address every second (reading back every process's totals, so the rate
// limit is shared), the tokens per integration and when each key was last
// used every minute. A crash forgets at most that second and that minute
// of counts, never a jti.
package token
