package text

// Email will hold the texts of the e-mail the portal sends (critical
// incidents, expiring keys), written by a background worker that takes its
// catalogue with For. Empty until that feature comes.
type Email struct{}

var bokmalEmail = Email{}
