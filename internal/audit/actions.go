package audit

// Action names one kind of change. The audit log's whole vocabulary is here,
// so that the history, the servicedesk console's filter and the API's event
// names share it, and the text catalogue's test can demand words for each.
type Action string

// Changes to integrations (internal/integration).
const (
	IntegrationCreate     Action = "integration.create"
	IntegrationUpdate     Action = "integration.update"
	IntegrationDeactivate Action = "integration.deactivate"
	IntegrationKeyAdd     Action = "integration.key_add"
	IntegrationKeyRemove  Action = "integration.key_remove"
	IntegrationKeyRenew   Action = "integration.key_renew"
)

// Changes to merchant data and notification points (internal/merchant).
const (
	MerchantSave Action = "merchant.save"
)

// Changes servicedesk makes in the console (internal/servicedesk).
const (
	ServicedeskGrant         Action = "servicedesk.grant"
	ServicedeskRevoke        Action = "servicedesk.revoke"
	OrganisationCreate       Action = "organisation.create"
	OrganisationRename       Action = "organisation.rename"
	EmailDomainLink          Action = "email_domain.link"
	EmailDomainUnlink        Action = "email_domain.unlink"
	ProductionPersonRegister Action = "production_person.register"
	ProductionPersonRemove   Action = "production_person.remove"
	ScopePrefixAssign        Action = "scope_prefix.assign"
	ScopePrefixMove          Action = "scope_prefix.move"
	ScopePrefixRetire        Action = "scope_prefix.retire"
	SessionEnd               Action = "session.end"
)

// Incidents servicedesk sends to the organisations affected (internal/incident).
const (
	IncidentSend Action = "incident.send"
)

// Actions lists every action; a new one is added here and to the catalogue.
func Actions() []Action {
	return []Action{IntegrationCreate, IntegrationUpdate, IntegrationDeactivate,
		IntegrationKeyAdd, IntegrationKeyRemove,
		ScopeCreate, ScopeUpdate, ScopeDeactivate, ScopeReactivate, ScopeGrantAdd, ScopeGrantRemove,
		ScopeAccessRequest, ScopeAccessApprove, ScopeAccessDeny,
		IntegrationKeyRenew, MerchantSave,
		ServicedeskGrant, ServicedeskRevoke, OrganisationCreate, OrganisationRename,
		EmailDomainLink, EmailDomainUnlink, ProductionPersonRegister, ProductionPersonRemove,
		ScopePrefixAssign, ScopePrefixMove, ScopePrefixRetire, SessionEnd, IncidentSend}
}

// Changes to scopes and who may use them (internal/provider, internal/scope).
const (
	ScopeCreate        Action = "scope.create"
	ScopeUpdate        Action = "scope.update"
	ScopeDeactivate    Action = "scope.deactivate"
	ScopeReactivate    Action = "scope.reactivate"
	ScopeGrantAdd      Action = "scope.grant_add"
	ScopeGrantRemove   Action = "scope.grant_remove"
	ScopeAccessRequest Action = "scope.access_request"
	ScopeAccessApprove Action = "scope.access_approve"
	ScopeAccessDeny    Action = "scope.access_deny"
)
