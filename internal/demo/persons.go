// Package demo holds the demo data that `make run` loads and that the stand-in
// ID-porten offers as test persons. It is shared so the two can never disagree.
package demo

// Person is a synthetic test person. Numbers are synthetic (month + 80) with
// valid check digits, so they can never belong to a real person.
type Person struct {
	Name  string
	PID   string // fødselsnummer
	Email string
}

var (
	Kari  = Person{Name: "Kari Konsument", PID: "15838510075", Email: "kari@konsument.example"}
	Ola   = Person{Name: "Ola Uregistrert", PID: "02879010090", Email: "ola@konsument.example"}
	Petra = Person{Name: "Petra Tilbyder", PID: "11887710092", Email: "petra@skatteetaten.no"}
	Sven  = Person{Name: "Sven Servicedesk", PID: "24816810023", Email: "sven@digdir.no"}
	Dina  = Person{Name: "Dina Delt", PID: "30899210057", Email: "dina@deltdomene.example"}
	Ulf   = Person{Name: "Ulf Ukjent", PID: "07928110057", Email: "ulf@ukjent.example"}
)

// Persons lists the test persons in the order the login page shows them.
func Persons() []Person {
	return []Person{Kari, Ola, Petra, Sven, Dina, Ulf}
}
