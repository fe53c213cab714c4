package contract

import (
	"embed"
	"fmt"

	"verloner/domain"
)

//go:embed templates/*.txt
var builtin embed.FS

// DefaultTemplate returns Verloner's own contract text in a language, the
// starting point of the agency's template (Instellingen → Contracten) and what
// is used as long as the agency has not saved its own.
func DefaultTemplate(l domain.Language) (*Template, error) {
	switch l {
	case domain.Dutch, domain.English, domain.Polish:
	default:
		return nil, domain.Errorf(domain.EINVALID, "Contractsjabloon: taal %q onbekend (nl, en, pl).", l)
	}
	body, err := builtin.ReadFile("templates/" + string(l) + ".txt")
	if err != nil {
		return nil, fmt.Errorf("ingebouwd contractsjabloon %s: %w", l, err)
	}
	return Parse(l, string(body))
}
