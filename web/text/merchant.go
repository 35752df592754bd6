package text

// Merchant will hold the texts of the organisation's merchant data: invoice
// details and the notification points that get e-mail about critical
// incidents and expiring keys. Empty until that feature comes.
type Merchant struct{}

var bokmalMerchant = Merchant{}
