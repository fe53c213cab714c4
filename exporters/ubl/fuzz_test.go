package ubl_test

import (
	"os"
	"path/filepath"
	"testing"

	"verloner/exporters/ubl"
)

// FuzzUnmarshal: the reader never panics, and whatever it reads and Marshal
// accepts reads back.
func FuzzUnmarshal(f *testing.F) {
	for _, g := range goldens(f) {
		b, err := ubl.Marshal(g.inv)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, pat := range []string{"oracles/si-ubl-testfiles/*/*_ok_*.xml", "oracles/setu/setu/examples/Invoice/*.xml"} {
		files, _ := filepath.Glob(filepath.Join(sharedDir(f), pat))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>`))
	f.Add([]byte(`<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"><x:a xmlns:x="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"/></CreditNote>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := ubl.Unmarshal(data)
		if err != nil {
			return
		}
		_ = inv.Validate()
		_ = inv.Notes()
		out, err := ubl.Marshal(inv)
		if err != nil {
			return
		}
		if _, err := ubl.Unmarshal(out); err != nil {
			t.Fatalf("own output unreadable: %v", err)
		}
	})
}
