package payslip

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"verloner/domain"
)

// TestWriteDemo writes demo payslips to $PAYSLIP_OUT for a look (skipped without it).
func TestWriteDemo(t *testing.T) {
	dir := os.Getenv("PAYSLIP_OUT")
	if dir == "" {
		t.Skip("PAYSLIP_OUT not set")
	}
	for _, c := range []struct {
		nr string
		v  variant
	}{
		{"1001", variant{concept: true}}, {"1001", variant{extras: true, lang: domain.English}},
		{"1020", variant{extras: true}}, {"1003", variant{extras: true}}, {"1011", variant{}},
	} {
		doc := demoDoc(t, c.nr, c.v)
		for _, l := range doc.Payslip.Lines {
			fmt.Println(c.nr, l.Category, l.Code, l.Unit, l.Quantity, l.Rate, l.Percent, l.Amount, l.Special, l.Text.NL)
		}
		b, err := Render(doc)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("%s-%s", c.nr, doc.lang())
		if c.v.concept {
			name += "-concept"
		}
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWriteMonth writes the two-page proof of a month to $PAYSLIP_OUT.
func TestWriteMonth(t *testing.T) {
	dir := os.Getenv("PAYSLIP_OUT")
	if dir == "" {
		t.Skip("PAYSLIP_OUT not set")
	}
	b, err := Render(demoDoc(t, "1020", variant{month: true, extras: true, concept: true}))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "month.pdf"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
