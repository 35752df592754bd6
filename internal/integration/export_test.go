package integration

// The lists' statements, for the query-plan test outside the package.
const (
	ListFirstSQL = listFirstSQL
	ListAfterSQL = listAfterSQL

	ModelsActiveSQL = modelsActiveSQL
	ModelsAllSQL    = modelsAllSQL
)
