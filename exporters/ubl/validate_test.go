package ubl_test

// The validation harness: UBL 2.1 XSD (xmllint) and the official SI-UBL 2.0 /
// G-account schematron (compiled by shared/tools/schematron.py, run with
// Saxon-HE). It runs the official SI-UBL test files through the same path and
// compares the outcome with EXPECTED-*.csv, which shows the harness can tell
// good from bad documents.
//
// Tools: python3, java (JRE 17), Saxon-HE 9.9 and xmllint. On Debian/Ubuntu:
//
//	apt-get install -y --no-install-recommends python3 libxml2-utils libsaxonhe-java default-jre-headless
//
// Without them the tests skip, unless UBL_VALIDATORS=require (set it in CI).
// SAXON_JAR overrides /usr/share/java/Saxon-HE.jar; VERLONER_SHARED the
// location of the shared oracles (default ../../../shared).
//
// schematron.py validate starts one JVM per file (about 1.3 s each here), so
// the harness uses schematron.py only to compile the rules and runs Saxon once
// per rule set over a directory of documents (about 2 s for 95 files). It
// reads the SVRL the same way schematron.py does: a failed assert with flag
// fatal or error rejects the document, and so does a processor error (two
// official test files make Saxon stop with XPTY0004). TestSchematronPy
// additionally runs the literal `schematron.py validate` command on the
// golden files.

import (
	"bufio"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"verloner/domain/invoice"
	"verloner/domain/invoice/invoicetest"
)

func sharedDir(t testing.TB) string {
	if d := os.Getenv("VERLONER_SHARED"); d != "" {
		return d
	}
	d, err := filepath.Abs(filepath.Join("..", "..", "..", "shared"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func siUBL(t testing.TB) string {
	return filepath.Join(sharedDir(t), "oracles/si-ubl-nlcius/schematron/si-ubl-2.0.sch")
}

func gAccount(t testing.TB) string {
	return filepath.Join(sharedDir(t), "oracles/si-ubl-nlcius/schematron/si-ubl-2.0-ext-gaccount.sch")
}

func xsd(t testing.TB, credit bool) string {
	name := "UBL-Invoice-2.1.xsd"
	if credit {
		name = "UBL-CreditNote-2.1.xsd"
	}
	return filepath.Join(sharedDir(t), "oracles/ubl-2.1/xsdrt/maindoc", name)
}

func saxonJar() string {
	if j := os.Getenv("SAXON_JAR"); j != "" {
		return j
	}
	return "/usr/share/java/Saxon-HE.jar"
}

const aptHint = "apt-get install -y --no-install-recommends python3 libxml2-utils libsaxonhe-java default-jre-headless"

// requireTools skips (or, with UBL_VALIDATORS=require, fails) when a tool or
// the shared oracles are missing.
func requireTools(t *testing.T, tools ...string) {
	t.Helper()
	var missing []string
	for _, tool := range tools {
		switch tool {
		case "saxon":
			if _, err := os.Stat(saxonJar()); err != nil {
				missing = append(missing, "Saxon-HE ("+saxonJar()+")")
			}
		default:
			if _, err := exec.LookPath(tool); err != nil {
				missing = append(missing, tool)
			}
		}
	}
	if _, err := os.Stat(siUBL(t)); err != nil {
		missing = append(missing, "shared oracles ("+sharedDir(t)+"; set VERLONER_SHARED)")
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("validators missing: %s — install with: %s", strings.Join(missing, ", "), aptHint)
	if os.Getenv("UBL_VALIDATORS") == "require" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// failed is one failed assertion from the SVRL output.
type failed struct{ ID, Flag, Text string }

// verdict is what the schematron said about one document.
type verdict struct {
	Crashed bool // the processor stopped on the document: a rejection
	Failed  []failed
}

func (v verdict) rejected() bool {
	if v.Crashed {
		return true
	}
	for _, f := range v.Failed {
		if f.Flag == "fatal" || f.Flag == "error" {
			return true
		}
	}
	return false
}

// ids lists "id:flag" of the failed asserts, sorted and unique ("?" for an
// assert without id), in the form of the EXPECTED-*.csv files.
func (v verdict) ids() string {
	if v.Crashed {
		return "CRASH"
	}
	set := map[string]bool{}
	for _, f := range v.Failed {
		id := f.ID
		if id == "" {
			id = "?"
		}
		set[id+":"+f.Flag] = true
	}
	if len(set) == 0 {
		return "CLEAN"
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

var (
	compiled   = map[string]string{}
	compiledMu sync.Mutex
)

// TestMain removes the compiled stylesheets the tests share.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, x := range compiled {
		os.Remove(x)
	}
	os.Exit(code)
}

// compile turns a .sch file into XSLT with shared/tools/schematron.py, once per test run.
func compile(t *testing.T, sch string) string {
	t.Helper()
	compiledMu.Lock()
	defer compiledMu.Unlock()
	if x, ok := compiled[sch]; ok {
		return x
	}
	out, err := exec.Command("python3", filepath.Join(sharedDir(t), "tools/schematron.py"), "compile", sch).Output()
	if err != nil {
		t.Fatalf("schematron.py compile %s: %v", sch, err)
	}
	f, err := os.CreateTemp("", "ubl-*.xsl")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(out); err != nil {
		t.Fatal(err)
	}
	f.Close()
	compiled[sch] = f.Name()
	return f.Name()
}

// schematron validates many documents against one rule set with a single
// Saxon run and returns the verdict per document, keyed by the given path.
func schematron(t *testing.T, sch string, files []string) map[string]verdict {
	t.Helper()
	xsl := compile(t, sch)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	for _, d := range []string{in, out} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	names := map[string]string{}
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n := fmt.Sprintf("%04d-%s", i, filepath.Base(f))
		if err := os.WriteFile(filepath.Join(in, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
		names[f] = n
	}
	cmd := exec.Command("java", "-jar", saxonJar(), "-s:"+in, "-xsl:"+xsl, "-o:"+out)
	msg, err := cmd.CombinedOutput()
	// Saxon exits non-zero when a document failed; the missing output says which.
	res := map[string]verdict{}
	crashes := 0
	for _, f := range files {
		b, rerr := os.ReadFile(filepath.Join(out, names[f]))
		if rerr != nil {
			res[f] = verdict{Crashed: true}
			crashes++
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
		var v verdict
		for _, a := range svrl.Failed {
			v.Failed = append(v.Failed, failed{ID: a.ID, Flag: a.Flag, Text: strings.Join(strings.Fields(a.Text), " ")})
		}
		res[f] = v
	}
	if err != nil && crashes == 0 {
		t.Fatalf("saxon failed without a failed document: %v\n%s", err, msg)
	}
	return res
}

// xmllint validates documents against an XSD and returns the files it refused
// with the messages about them.
func xmllint(t *testing.T, schema string, files []string) map[string]string {
	t.Helper()
	if len(files) == 0 {
		return nil
	}
	args := append([]string{"--noout", "--schema", schema}, files...)
	out, _ := exec.Command("xmllint", args...).CombinedOutput()
	bad := map[string]string{}
	ok := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		l := sc.Text()
		for _, f := range files {
			switch {
			case l == f+" validates":
				ok[f] = true
			case strings.HasPrefix(l, f+":") || l == f+" fails to validate":
				bad[f] += l + "\n"
			}
		}
	}
	for _, f := range files {
		if !ok[f] && bad[f] == "" {
			bad[f] = "no verdict from xmllint:\n" + string(out)
		}
	}
	return bad
}

// randomDocs returns finalised random invoices and credit notes.
func randomDocs(t testing.TB, n int) []*invoice.Invoice {
	r := rand.New(rand.NewPCG(11, 2026))
	var out []*invoice.Invoice
	for i := 1; i <= n; i++ {
		inv := invoicetest.Random(r, 500+i)
		if i%5 == 0 {
			cn, err := invoice.NewCreditNote(inv, inv.Lines[:1+r.IntN(len(inv.Lines))], "Correctie")
			if err != nil {
				t.Fatal(err)
			}
			if err := cn.Finalise(invoice.SeriesFor(invoicetest.IssueDate).Format(900+i), invoicetest.IssueDate); err != nil {
				t.Fatal(err)
			}
			inv = cn
		}
		out = append(out, inv)
	}
	return out
}

// doc is a generated document on disk.
type doc struct {
	path   string
	credit bool
	gShare bool
}

func writeDocs(t *testing.T, invs []*invoice.Invoice) []doc {
	dir := t.TempDir()
	var out []doc
	for i, inv := range invs {
		p := filepath.Join(dir, fmt.Sprintf("%03d-%s.xml", i, inv.Number))
		if err := os.WriteFile(p, marshal(t, inv), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, doc{path: p, credit: inv.IsCredit(), gShare: inv.HasGShare() && !inv.IsCredit()})
	}
	return out
}

// mutate writes a copy of a file with one replacement applied.
func mutate(t *testing.T, src, old, new string) string {
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), old, new, 1)
	if s == string(b) {
		t.Fatalf("mutation %q not found in %s", old, src)
	}
	p := filepath.Join(t.TempDir(), "mutant-"+filepath.Base(src))
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func generated(t *testing.T) (docs []doc, gold []doc) {
	var invs []*invoice.Invoice
	for _, g := range goldens(t) {
		invs = append(invs, g.inv)
	}
	nRandom := 60
	if testing.Short() {
		nRandom = 10
	}
	invs = append(invs, randomDocs(t, nRandom)...)
	docs = writeDocs(t, invs)
	return docs, docs[:4]
}

// TestXSD: every generated document is valid UBL 2.1, and a broken one is not.
func TestXSD(t *testing.T) {
	requireTools(t, "xmllint")
	docs, gold := generated(t)
	var invs, cns []string
	for _, d := range docs {
		if d.credit {
			cns = append(cns, d.path)
		} else {
			invs = append(invs, d.path)
		}
	}
	broken := mutate(t, gold[0].path, "<cbc:ProfileID>", "<cbc:UUID>x</cbc:UUID><cbc:ProfileID>") // UUID after ProfileID is out of sequence
	invs = append(invs, broken)
	bad := xmllint(t, xsd(t, false), invs)
	for k, v := range xmllint(t, xsd(t, true), cns) {
		bad[k] = v
	}
	if bad[broken] == "" {
		t.Errorf("XSD accepted an out-of-sequence element: the check cannot fail")
	}
	delete(bad, broken)
	for f, msg := range bad {
		t.Errorf("%s is not valid UBL 2.1:\n%s", filepath.Base(f), msg)
	}
}

// TestSchematron: every generated document passes SI-UBL 2.0 without fatal
// assertions; invoices with a G share also pass the G-account rules. Warnings
// are pinned: none, except on G-account invoices checked against plain SI-UBL
// 2.0, which warns about exactly the three elements the extension adds. Three
// mutants show the checks can fail.
func TestSchematron(t *testing.T) {
	requireTools(t, "python3", "java", "saxon")
	docs, gold := generated(t)
	wrongPayable := mutate(t, gold[2].path, ">1403.47</cbc:PayableAmount>", ">1403.48</cbc:PayableAmount>")
	noKvK := mutate(t, gold[2].path, `<cbc:CompanyID schemeID="0106">18123456</cbc:CompanyID>`, "")
	wrongG := mutate(t, gold[0].path, `<cbc:Amount currencyID="EUR">807.44</cbc:Amount>`, `<cbc:Amount currencyID="EUR">807.45</cbc:Amount>`)

	var all, gDocs []string
	for _, d := range docs {
		all = append(all, d.path)
		if d.gShare {
			gDocs = append(gDocs, d.path)
		}
	}
	si := schematron(t, siUBL(t), append(all, wrongPayable, noKvK))
	ga := schematron(t, gAccount(t), append(gDocs, wrongG))

	gWarnings := "UBL-CR-411:warning UBL-CR-453:warning UBL-CR-459:warning"
	for _, d := range docs {
		want := "CLEAN"
		if d.gShare {
			want = gWarnings
		}
		if got := si[d.path].ids(); got != want {
			t.Errorf("%s against SI-UBL 2.0: %s, want %s\n%v", filepath.Base(d.path), got, want, si[d.path].Failed)
		}
		if d.gShare {
			if got := ga[d.path].ids(); got != "CLEAN" {
				t.Errorf("%s against G-account: %s\n%v", filepath.Base(d.path), got, ga[d.path].Failed)
			}
		}
	}
	for _, m := range []struct {
		path, rule string
		v          verdict
	}{{wrongPayable, "BR-CO-16:fatal", si[wrongPayable]}, {noKvK, "BR-NL-1:fatal", si[noKvK]}, {wrongG, "BR-GA-3:fatal", ga[wrongG]}} {
		if !m.v.rejected() || !strings.Contains(m.v.ids(), m.rule) {
			t.Errorf("mutant %s: %s, want rejection with %s", filepath.Base(m.path), m.v.ids(), m.rule)
		}
	}
}

// TestOfficialTestFiles runs the official SI-UBL 2.0 and G-account test files
// through the harness and compares with EXPECTED-*.csv: the outcome its file
// name implies (ok and warning accepted, error rejected, a processor crash
// counted as a rejection) and the exact set of rules that fail.
func TestOfficialTestFiles(t *testing.T) {
	requireTools(t, "python3", "java", "saxon")
	base := filepath.Join(sharedDir(t), "oracles/si-ubl-testfiles")
	sets := []struct{ csv, dir, sch string }{
		{"EXPECTED-SI-UBL-2.0.3.2.csv", "SI-UBL-2.0.3.2", siUBL(t)},
		{"EXPECTED-gaccount-1.0.csv", "si-ubl-2.0-ext-gaccount-1.0", gAccount(t)},
	}
	total, agree := 0, 0
	for _, s := range sets {
		f, err := os.Open(filepath.Join(base, s.csv))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		type exp struct{ outcome, observed string }
		want := map[string]exp{}
		var files []string
		for _, r := range rows[1:] {
			p := filepath.Join(base, s.dir, r[0])
			want[p] = exp{r[1], r[2]}
			files = append(files, p)
		}
		entries, _ := os.ReadDir(filepath.Join(base, s.dir))
		nxml := 0
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".xml") {
				nxml++
			}
		}
		if nxml != len(files) {
			t.Errorf("%s lists %d files, the folder has %d", s.csv, len(files), nxml)
		}
		got := schematron(t, s.sch, files)
		for _, p := range files {
			total++
			v, w := got[p], want[p]
			wantReject := w.outcome == "error"
			observed := w.observed
			if strings.Contains(observed, "dynamic error") {
				observed = "CRASH"
			}
			ok := v.rejected() == wantReject && v.ids() == observed
			if !ok {
				t.Errorf("%s: rejected=%v (%s), expected %s (%s)", filepath.Base(p), v.rejected(), v.ids(), w.outcome, w.observed)
				continue
			}
			agree++
		}
	}
	t.Logf("%d of %d official test files give the expected outcome and rule set", agree, total)
	if total < 100 {
		t.Errorf("only %d official test files", total)
	}
}

// TestSchematronPy runs the literal command of shared/tools/README.md on the
// golden files (one JVM per file, so only these few), and on one mutant.
func TestSchematronPy(t *testing.T) {
	if testing.Short() {
		t.Skip("one JVM per file; skipped with -short")
	}
	requireTools(t, "python3", "java", "saxon")
	py := filepath.Join(sharedDir(t), "tools/schematron.py")
	var all, g []string
	for _, gd := range goldens(t) {
		p, _ := filepath.Abs(filepath.Join("testdata", gd.name+".xml"))
		all = append(all, p)
		if gd.gShare {
			g = append(g, p)
		}
	}
	run := func(sch string, files ...string) (string, error) {
		out, err := exec.Command("python3", append([]string{py, "validate", sch}, files...)...).CombinedOutput()
		return string(out), err
	}
	if out, err := run(siUBL(t), all...); err != nil {
		t.Errorf("schematron.py validate si-ubl-2.0.sch: %v\n%s", err, out)
	}
	if out, err := run(gAccount(t), g...); err != nil || strings.TrimSpace(out) != "" {
		t.Errorf("schematron.py validate si-ubl-2.0-ext-gaccount.sch: %v\n%s", err, out)
	}
	bad := mutate(t, all[0], `<cbc:Amount currencyID="EUR">807.44</cbc:Amount>`, `<cbc:Amount currencyID="EUR">807.45</cbc:Amount>`)
	if out, err := run(gAccount(t), bad); err == nil || !strings.Contains(out, "BR-GA-3") {
		t.Errorf("schematron.py accepted a wrong G amount: %v\n%s", err, out)
	}
}
