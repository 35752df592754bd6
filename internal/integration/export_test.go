package integration

// The list's statements, for the query-plan test outside the package.
const (
	ListFirstSQL = listFirstSQL
	ListAfterSQL = listAfterSQL
)
