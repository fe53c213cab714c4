package invoicing_test

// Every UBL document the invoicing use case writes is validated the way
// exporters/ubl validates its own output (validate_test.go there): the UBL
// 2.1 XSD with xmllint, and the official SI-UBL 2.0 and G-account schematron
// compiled by shared/tools/schematron.py and run with Saxon-HE over a folder
// in one JVM. That harness lives in a _test file of another package, so its
// few functions are repeated here rather than exported from exporters/ubl.
//
// Tools: python3, java, Saxon-HE and xmllint (see exporters/ubl); without
// them the test skips, unless UBL_VALIDATORS=require.

import (
	"bufio"
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/invoicing"
	"verloner/domain/invoice"
)

func sharedDir(t *testing.T) string {
	if d := os.Getenv("VERLONER_SHARED"); d != "" {
		return d
	}
	d, err := filepath.Abs(filepath.Join("..", "..", "..", "shared"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func saxonJar() string {
	if j := os.Getenv("SAXON_JAR"); j != "" {
		return j
	}
	return "/usr/share/java/Saxon-HE.jar"
}

func requireValidators(t *testing.T) {
	var missing []string
	for _, tool := range []string{"xmllint", "python3", "java"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if _, err := os.Stat(saxonJar()); err != nil {
		missing = append(missing, "Saxon-HE")
	}
	if _, err := os.Stat(filepath.Join(sharedDir(t), "oracles/si-ubl-nlcius/schematron/si-ubl-2.0.sch")); err != nil {
		missing = append(missing, "shared oracles")
	}
	if len(missing) == 0 {
		return
	}
	msg := "UBL validators missing: " + strings.Join(missing, ", ")
	if os.Getenv("UBL_VALIDATORS") == "require" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// xmllintBad returns the files the XSD refuses, with xmllint's messages.
func xmllintBad(t *testing.T, xsd string, files []string) map[string]string {
	if len(files) == 0 {
		return nil
	}
	out, _ := exec.Command("xmllint", append([]string{"--noout", "--schema", xsd}, files...)...).CombinedOutput()
	ok := map[string]bool{}
	bad := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		l := sc.Text()
		for _, f := range files {
			if l == f+" validates" {
				ok[f] = true
			} else if strings.HasPrefix(l, f+":") || l == f+" fails to validate" {
				bad[f] += l + "\n"
			}
		}
	}
	for _, f := range files {
		if !ok[f] && bad[f] == "" {
			bad[f] = "no verdict:\n" + string(out)
		}
	}
	return bad
}

// schematronFailed runs one rule set over the files and returns, per file,
// the failed assertions as "id:flag" (sorted), or "CRASH".
func schematronFailed(t *testing.T, sch string, files []string) map[string]string {
	x, err := exec.Command("python3", filepath.Join(sharedDir(t), "tools/schematron.py"), "compile", sch).Output()
	if err != nil {
		t.Fatalf("compile %s: %v", sch, err)
	}
	dir := t.TempDir()
	xsl := filepath.Join(dir, "rules.xsl")
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	os.WriteFile(xsl, x, 0o600)
	os.Mkdir(in, 0o700)
	os.Mkdir(out, 0o700)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(in, filepath.Base(f)), b, 0o600)
	}
	msg, runErr := exec.Command("java", "-jar", saxonJar(), "-s:"+in, "-xsl:"+xsl, "-o:"+out).CombinedOutput()
	res := map[string]string{}
	crashed := 0
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(out, filepath.Base(f)))
		if err != nil {
			res[f] = "CRASH"
			crashed++
			continue
		}
		var svrl struct {
			Failed []struct {
				ID   string `xml:"id,attr"`
				Flag string `xml:"flag,attr"`
				Text string `xml:"text"`
			} `xml:"failed-assert"`
		}
		if err := xml.Unmarshal(b, &svrl); err != nil {
			t.Fatalf("SVRL of %s: %v", f, err)
		}
		set := map[string]bool{}
		for _, a := range svrl.Failed {
			set[a.ID+":"+a.Flag] = true
			if a.Flag == "fatal" || a.Flag == "error" {
				t.Logf("%s: %s %s", filepath.Base(f), a.ID, strings.Join(strings.Fields(a.Text), " "))
			}
		}
		var ids []string
		for k := range set {
			ids = append(ids, k)
		}
		sort.Strings(ids)
		res[f] = strings.Join(ids, " ")
		if res[f] == "" {
			res[f] = "CLEAN"
		}
	}
	if runErr != nil && crashed == 0 {
		t.Fatalf("saxon: %v\n%s", runErr, msg)
	}
	return res
}

// TestUBL_EveryGeneratedDocumentValidates issues the demo week with each
// grouping, credits in full and in part, reads the documents back from the
// database, exports them and validates every UBL file.
func TestUBL_EveryGeneratedDocumentValidates(t *testing.T) {
	requireValidators(t)
	ctx := context.Background()
	db := demoDB(t)
	set, err := invoicing.Drafts(ctx, db, week47, invoicing.Options{Grouping: invoice.PerPlacement, Now: opts().Now})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := invoicing.Issue(ctx, db, set.Drafts, opts())
	if err != nil {
		t.Fatal(err)
	}
	// Credit notes: a full one (which frees the hours, re-billed per cost
	// centre), a partial one, one on a reverse-charged invoice.
	var reverse string
	for _, d := range docs {
		if d.Invoice.ReverseCharge {
			reverse = d.Invoice.Number
		}
	}
	if _, err := invoicing.Credit(ctx, db, docs[0].Invoice.Number, nil, "Verkeerd tarief", opts()); err != nil {
		t.Fatal(err)
	}
	if _, err := invoicing.Credit(ctx, db, docs[1].Invoice.Number, []invoicing.CreditLine{{Line: 1, Quantity: decimal.NewFromInt(1)}}, "Eén uur te veel", opts()); err != nil {
		t.Fatal(err)
	}
	if _, err := invoicing.Credit(ctx, db, reverse, nil, "", opts()); err != nil {
		t.Fatal(err)
	}
	redo, err := invoicing.Drafts(ctx, db, week47, invoicing.Options{Grouping: invoice.PerCostCentre, Now: opts().Now})
	if err != nil || len(redo.Drafts) == 0 {
		t.Fatalf("re-billing: %v, %d drafts", err, len(redo.Drafts))
	}
	if _, err := invoicing.Issue(ctx, db, redo.Drafts, opts()); err != nil {
		t.Fatal(err)
	}
	all, err := invoicing.List(ctx, db, app.InvoiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	paths, err := invoicing.Export(ctx, db, all, dir, invoicing.ExportOptions{Formats: []string{invoicing.FormatUBL}})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(all) || len(all) < 30 {
		t.Fatalf("%d UBL files for %d documents", len(paths), len(all))
	}
	var invs, cns, gDocs []string
	gShare := map[string]bool{}
	for i, d := range all {
		p := paths[i]
		if d.Invoice.IsCredit() {
			cns = append(cns, p)
		} else {
			invs = append(invs, p)
			if d.Invoice.HasGShare() {
				gDocs = append(gDocs, p)
				gShare[p] = true
			}
		}
	}
	if len(cns) < 3 || len(gDocs) == 0 {
		t.Fatalf("%d credit notes, %d G-account invoices: the set does not cover the cases", len(cns), len(gDocs))
	}
	xsd := filepath.Join(sharedDir(t), "oracles/ubl-2.1/xsdrt/maindoc")
	bad := xmllintBad(t, filepath.Join(xsd, "UBL-Invoice-2.1.xsd"), invs)
	for k, v := range xmllintBad(t, filepath.Join(xsd, "UBL-CreditNote-2.1.xsd"), cns) {
		bad[k] = v
	}
	for f, msg := range bad {
		t.Errorf("%s is not valid UBL 2.1:\n%s", filepath.Base(f), msg)
	}
	sch := filepath.Join(sharedDir(t), "oracles/si-ubl-nlcius/schematron")
	si := schematronFailed(t, filepath.Join(sch, "si-ubl-2.0.sch"), paths)
	ga := schematronFailed(t, filepath.Join(sch, "si-ubl-2.0-ext-gaccount.sch"), gDocs)
	// As in exporters/ubl: G-account invoices warn against plain SI-UBL about
	// exactly the three elements the extension adds; everything else is clean.
	gWarnings := "UBL-CR-411:warning UBL-CR-453:warning UBL-CR-459:warning"
	for _, p := range paths {
		want := "CLEAN"
		if gShare[p] {
			want = gWarnings
		}
		if si[p] != want {
			t.Errorf("%s against SI-UBL 2.0: %s, want %s", filepath.Base(p), si[p], want)
		}
	}
	for _, p := range gDocs {
		if ga[p] != "CLEAN" {
			t.Errorf("%s against G-account: %s", filepath.Base(p), ga[p])
		}
	}
	t.Logf("%d documents (%d credit notes, %d with G-account) pass XSD and schematron", len(paths), len(cns), len(gDocs))

}
