package sepa

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"verloner/domain"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// oracleDir holds the pain.001 XSDs, samples and derived negatives
// (shared/oracles beside the repository, as CI checks it out).
const oracleDir = "../../../shared/oracles/sepa-pain001/"

var dec = domain.MustDec

// salaryBatch is the fixture: a week-47 salary run of an agency with workers
// whose names need transliteration. It is not normalized.
func salaryBatch(v Version) *Batch {
	return &Batch{
		Version:   v,
		MsgID:     "VERL-2026-W47-001",
		Created:   time.Date(2026, 11, 18, 15, 4, 5, 0, time.Local),
		Execution: time.Date(2026, 11, 19, 0, 0, 0, 0, time.Local), // Thursday of week 47
		Debtor: Party{
			Name: "Uitzendbureau De Vries & Zn B.V.",
			IBAN: "NL91 ABNA 0417 1643 00",
			BIC:  "ABNANL2A",
			Address: &domain.Address{
				Street: "Keizersgracht 123", PostalCode: "1015 CJ", City: "Amsterdam",
			},
		},
		Payments: []Payment{
			{EndToEndID: "2026-W47-1001", WorkerNumber: "1001", Name: "Łukasz Wiśniewski",
				IBAN: "PL61 1090 1014 0000 0712 1981 2874", Amount: dec("512.34"), Remittance: "Loon 2026-W47 1001"},
			{EndToEndID: "2026-W47-1002", WorkerNumber: "1002", Name: "Ayşe Yılmaz-Güneş",
				IBAN: "NL44RABO0123456789", Amount: dec("487.1"), Remittance: "Loon 2026-W47 1002"},
			{EndToEndID: "2026-W47-1003", WorkerNumber: "1003", Name: "Žydrūnė Šimkutė-Kazlauskienė",
				IBAN: "LT717300010123456789", BIC: "HABALT22", Amount: dec("1234.56"), Remittance: "Loon 2026-W47 1003"},
			{EndToEndID: "2026-W47-1004", WorkerNumber: "1004", Name: "Ștefan Țăranu",
				IBAN: "RO17BTRL01301205M12345XX", Amount: dec("0.01"), Remittance: "Loon 2026-W47 1004 (nabetaling)"},
			{EndToEndID: "2026-W47-1005", WorkerNumber: "1005", Name: "Chloë van der Heijden-Ĳsselmuiden",
				IBAN: "nl20 ingb 0001 2345 67", Amount: dec("2000.00"), Remittance: "Loon 2026-W47 1005"},
		},
	}
}

func normalized(v Version) *Batch {
	b := salaryBatch(v)
	b.Normalize()
	return b
}

func writeString(t *testing.T, b *Batch) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, b); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

var errNoXmllint = errors.New("xmllint not on PATH (Debian: libxml2-utils)")

// requireXmllint skips a test that only checks XSD validity when xmllint is
// not installed (CI installs libxml2-utils).
func requireXmllint(t *testing.T) {
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip(errNoXmllint)
	}
}

// xmllint validates file against the XSD of the version; errNoXmllint when
// xmllint is not installed.
func xmllint(t *testing.T, v Version, file string) error {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		return errNoXmllint
	}
	xsd := oracleDir + "xsd/" + string(v) + ".xsd"
	if _, err := os.Stat(xsd); err != nil {
		t.Fatalf("XSD must be beside the repo (../shared): %v", err)
	}
	out, err := exec.Command("xmllint", "--noout", "--schema", xsd, file).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
}

var goldens = []struct {
	file  string
	batch func() *Batch
}{
	{"salary_pain.001.001.09.xml", func() *Batch { return normalized(V09) }},
	{"salary_pain.001.001.03.xml", func() *Batch { return normalized(V03) }},
	{"salary_default_version.xml", func() *Batch { return normalized("") }},
	{"salary_nobic_noaddress_09.xml", func() *Batch {
		b := salaryBatch(V09)
		b.Debtor.BIC, b.Debtor.Address = "", nil
		b.Normalize()
		return b
	}},
	{"salary_nobic_noaddress_03.xml", func() *Batch {
		b := salaryBatch(V03)
		b.Debtor.BIC, b.Debtor.Address = "", nil
		b.IndividualBooking = true
		b.Normalize()
		return b
	}},
}

func TestWriteGolden(t *testing.T) {
	for _, g := range goldens {
		t.Run(g.file, func(t *testing.T) {
			got := writeString(t, g.batch())
			path := filepath.Join("testdata", g.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./exporters/sepa/ -run TestWriteGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (-update rewrites it):\n%s", path, got)
			}
		})
	}
}

// TestGoldenXSD validates every golden file and fresh output against the XSD.
func TestGoldenXSD(t *testing.T) {
	requireXmllint(t)
	for _, g := range goldens {
		b := g.batch()
		if err := xmllint(t, b.Version.orDefault(), filepath.Join("testdata", g.file)); err != nil {
			t.Errorf("%s: %v", g.file, err)
		}
		tmp := filepath.Join(t.TempDir(), "out.xml")
		if err := os.WriteFile(tmp, writeString(t, b), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := xmllint(t, b.Version.orDefault(), tmp); err != nil {
			t.Errorf("fresh output of %s: %v", g.file, err)
		}
	}
}

// TestXSDCatchesBrokenOutput makes sure the XSD test can fail: our output
// with an element moved out of sequence must be rejected.
func TestXSDCatchesBrokenOutput(t *testing.T) {
	requireXmllint(t)
	for _, v := range []Version{V09, V03} {
		out := string(writeString(t, normalized(v)))
		broken := strings.Replace(out, "<ChrgBr>SLEV</ChrgBr>", "<ChrgBr>SLEVX</ChrgBr>", 1)
		if broken == out {
			t.Fatal("ChrgBr not found in output")
		}
		tmp := filepath.Join(t.TempDir(), "broken.xml")
		if err := os.WriteFile(tmp, []byte(broken), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := xmllint(t, v, tmp); err == nil {
			t.Errorf("%s: xmllint accepted a file with ChrgBr SLEVX", v)
		}
		// and the other version's schema must refuse our file
		other := V03
		if v == V03 {
			other = V09
		}
		tmp = filepath.Join(t.TempDir(), "ok.xml")
		if err := os.WriteFile(tmp, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := xmllint(t, other, tmp); err == nil {
			t.Errorf("%s file passed the %s schema", v, other)
		}
	}
}

func TestWriteContent(t *testing.T) {
	out09 := string(writeString(t, normalized(V09)))
	out03 := string(writeString(t, normalized(V03)))
	for _, want := range []string{
		`xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"`,
		"<CtgyPurp>\n          <Cd>SALA</Cd>",
		"<BtchBookg>true</BtchBookg>",
		"<ReqdExctnDt>\n        <Dt>2026-11-19</Dt>",
		"<NbOfTxs>5</NbOfTxs>",
		"<CtrlSum>4234.01</CtrlSum>",
		"<CreDtTm>2026-11-18T15:04:05</CreDtTm>",
		"<BICFI>ABNANL2A</BICFI>",
		"<InstdAmt Ccy=\"EUR\">487.10</InstdAmt>",
		"<InstdAmt Ccy=\"EUR\">0.01</InstdAmt>",
		"<Nm>Lukasz Wisniewski</Nm>",
		"<Nm>Ayse Yilmaz-Gunes</Nm>",
		"<Nm>Zydrune Simkute-Kazlauskiene</Nm>",
		"<Nm>Stefan Taranu</Nm>",
		"<Nm>Chloe van der Heijden-IJsselmuiden</Nm>",
		"<Nm>Uitzendbureau De Vries + Zn B.V.</Nm>",
		"<IBAN>NL20INGB0001234567</IBAN>",
		"<EndToEndId>2026-W47-1001</EndToEndId>",
		"<InstrId>1001</InstrId>",
		"<Ustrd>Loon 2026-W47 1001</Ustrd>",
		"<TwnNm>Amsterdam</TwnNm>",
	} {
		if !strings.Contains(out09, want) {
			t.Errorf(".09 output lacks %q", want)
		}
	}
	if strings.Count(out09, "<CtrlSum>4234.01</CtrlSum>") != 2 || strings.Count(out09, "<NbOfTxs>5</NbOfTxs>") != 2 {
		t.Error(".09: NbOfTxs and CtrlSum must appear in group header and payment information")
	}
	for _, want := range []string{
		`xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"`,
		"<ReqdExctnDt>2026-11-19</ReqdExctnDt>",
		"<BIC>ABNANL2A</BIC>",
		"<AdrLine>1015 CJ Amsterdam</AdrLine>",
	} {
		if !strings.Contains(out03, want) {
			t.Errorf(".03 output lacks %q", want)
		}
	}
}

// TestRoundTrip: Read(Write(b)) gives b back for a normalized batch.
func TestRoundTrip(t *testing.T) {
	for _, g := range goldens {
		want := g.batch()
		got, err := Read(bytes.NewReader(writeString(t, want)))
		if err != nil {
			t.Fatalf("%s: Read: %v", g.file, err)
		}
		if d := diffBatch(want, got); d != "" {
			t.Errorf("%s: round trip differs:\n%s", g.file, d)
		}
		if ps := got.Validate(want.Created); len(ps) > 0 {
			t.Errorf("%s: read-back batch has problems:\n%s", g.file, ps.Text("en"))
		}
	}
}

// dump renders a batch field by field (times as wall clock, amounts exact)
// so that two batches compare regardless of decimal representation.
func dump(b *Batch) string {
	var s strings.Builder
	fmt.Fprintf(&s, "Version=%s MsgID=%q PmtInfID=%q Created=%s Execution=%s\n", b.Version, b.MsgID, b.PmtInfID,
		b.Created.Format("2006-01-02T15:04:05"), b.Execution.Format("2006-01-02"))
	fmt.Fprintf(&s, "Initiator=%q Category=%q Individual=%v\n", b.InitiatingParty, b.CategoryPurpose, b.IndividualBooking)
	fmt.Fprintf(&s, "Debtor=%q %q %q", b.Debtor.Name, b.Debtor.IBAN, b.Debtor.BIC)
	if a := b.Debtor.Address; a != nil {
		fmt.Fprintf(&s, " addr=%q|%q|%q|%q", a.Street, a.PostalCode, a.City, a.Country)
	}
	s.WriteString("\n")
	for _, d := range []*Declared{b.Header, b.Info} {
		if d == nil {
			s.WriteString("totals=nil\n")
		} else {
			fmt.Fprintf(&s, "totals=%q %q\n", d.NbOfTxs, d.CtrlSum)
		}
	}
	for _, p := range b.Payments {
		fmt.Fprintf(&s, "pay %q %q %q %q %q %s %q\n", p.EndToEndID, p.WorkerNumber, p.Name, p.IBAN, p.BIC, p.Amount.String(), p.Remittance)
	}
	return s.String()
}

func diffBatch(a, b *Batch) string {
	da, db := strings.Split(dump(a), "\n"), strings.Split(dump(b), "\n")
	var out []string
	for i := 0; i < len(da) || i < len(db); i++ {
		var x, y string
		if i < len(da) {
			x = da[i]
		}
		if i < len(db) {
			y = db[i]
		}
		if x != y {
			out = append(out, "- "+x, "+ "+y)
		}
	}
	return strings.Join(out, "\n")
}

func TestWriteRefusesInvalid(t *testing.T) {
	b := normalized(V09)
	b.Payments[1].Amount = dec("487.105")
	var buf bytes.Buffer
	err := Write(&buf, b)
	var ps Problems
	if !errors.As(err, &ps) || !ps.Has(CodeAmountDecimals) {
		t.Fatalf("Write = %v, want Problems with %s", err, CodeAmountDecimals)
	}
	if buf.Len() != 0 {
		t.Errorf("Write wrote %d bytes despite problems", buf.Len())
	}
	// not normalized: the raw names are outside the character set
	err = Write(&buf, salaryBatch(V09))
	if !errors.As(err, &ps) || !ps.Has(FieldName+KindCharset) || !ps.Has(CodeIBANFormat) {
		t.Fatalf("Write of an unnormalized batch = %v", err)
	}
	// Write checks the execution date against the creation date
	b = normalized(V03)
	b.Execution = b.Created.AddDate(0, 0, -1)
	if err := Write(&buf, b); !errors.As(err, &ps) || !ps.Has(CodeExecPast) {
		t.Fatalf("Write with execution before creation = %v", err)
	}
}

func TestNormalizeLeavesCallerAddress(t *testing.T) {
	b := salaryBatch(V09)
	b.Debtor.Address.City = "’s-Hertogenbosch"
	orig := b.Debtor.Address
	b.Normalize()
	if orig.City != "’s-Hertogenbosch" || orig.Country != "" {
		t.Errorf("Normalize changed the caller's address: %+v", *orig)
	}
	if b.Debtor.Address.City != "'s-Hertogenbosch" || b.Debtor.Address.Country != "NL" {
		t.Errorf("normalized address %+v", *b.Debtor.Address)
	}
}

func TestDebtorFromAgency(t *testing.T) {
	a := &domain.Agency{Name: "Flex & Go", IBAN: "NL91ABNA0417164300",
		Address: domain.Address{Street: "Markt 1", PostalCode: "5211 JV", City: "’s-Hertogenbosch"}}
	p := DebtorFromAgency(a, "ABNANL2A")
	if p.Name != a.Name || p.IBAN != a.IBAN || p.BIC != "ABNANL2A" || p.Address == nil || p.Address.City != a.Address.City {
		t.Errorf("DebtorFromAgency = %+v", p)
	}
	if p := DebtorFromAgency(&domain.Agency{Name: "X"}, ""); p.Address != nil {
		t.Errorf("empty agency address became %+v", p.Address)
	}
}
