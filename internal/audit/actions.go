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

// Actions lists every action; a new one is added here and to the catalogue.
func Actions() []Action {
	return []Action{IntegrationCreate, IntegrationUpdate, IntegrationDeactivate,
		IntegrationKeyAdd, IntegrationKeyRemove,
		ServicedeskGrant, ServicedeskRevoke, OrganisationCreate, OrganisationRename,
		EmailDomainLink, EmailDomainUnlink, ProductionPersonRegister, ProductionPersonRemove,
		ScopePrefixAssign, ScopePrefixMove, ScopePrefixRetire, SessionEnd}
}
