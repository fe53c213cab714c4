package gui

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/template"

	"verloner/assets"
)

// Languages the program's own texts exist in. Dutch is the default; payslip
// languages per worker are a separate matter (domain.Language).
var Languages = []string{"nl", "en"}

// Translator looks up the program's texts for one language, falling back to
// Dutch and then to the key itself, so a missing text is visible but harmless.
type Translator struct {
	lang  string
	texts map[string]map[string]string
}

// NewTranslator loads the embedded translations.
func NewTranslator(lang string) (*Translator, error) {
	t := &Translator{texts: map[string]map[string]string{}}
	for _, l := range Languages {
		data, err := assets.I18n.ReadFile("i18n/" + l + ".json")
		if err != nil {
			return nil, fmt.Errorf("vertaling %s: %w", l, err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("vertaling %s: %w", l, err)
		}
		t.texts[l] = m
	}
	t.SetLanguage(lang)
	return t, nil
}

// Language is the current language code.
func (t *Translator) Language() string { return t.lang }

// SetLanguage switches language; an unknown code means Dutch.
func (t *Translator) SetLanguage(lang string) {
	if _, ok := t.texts[lang]; !ok {
		lang = "nl"
	}
	t.lang = lang
}

// T returns the text for key, filled with data (a map or struct) when the text
// holds {{.Field}} placeholders.
func (t *Translator) T(key string, data ...any) string {
	s, ok := t.texts[t.lang][key]
	if !ok {
		if s, ok = t.texts["nl"][key]; !ok {
			return key
		}
	}
	if len(data) == 0 || !strings.Contains(s, "{{") {
		return s
	}
	tpl, err := template.New(key).Option("missingkey=zero").Parse(s)
	if err != nil {
		return s
	}
	var b strings.Builder
	if err := tpl.Execute(&b, data[0]); err != nil {
		return s
	}
	return b.String()
}
