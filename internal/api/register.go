package api

import "github.com/danielgtaylor/huma/v2"

// register declares every operation; the OpenAPI document lists them in this order.
func (s *Server) register(a huma.API) {
	s.registerClients(a)
	s.registerJWKS(a)
	s.registerScopes(a)
}
