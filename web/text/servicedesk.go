package text

// Servicedesk will hold the texts of Digdir's servicedesk console:
// organisations, e-mail domains, person numbers, scope prefixes, roles,
// incidents and the audit log. Empty until that feature comes.
type Servicedesk struct{}

var bokmalServicedesk = Servicedesk{}
