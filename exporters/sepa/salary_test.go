package sepa

import (
	"bytes"
	"testing"
	"time"

	"verloner/domain"
)

func TestSalaryBatch(t *testing.T) {
	period, err := domain.ParsePeriod("2026-W47")
	if err != nil {
		t.Fatal(err)
	}
	agency := &domain.Agency{Name: "Flex & Zo B.V.", IBAN: "NL91ABNA0417164300",
		Address: domain.Address{Street: "Stationsplein 1", PostalCode: "3511 ED", City: "Utrecht"}}
	workers := []domain.Worker{
		{Number: "1001", FirstName: "Łukasz", LastName: "Wiśniewski", IBAN: "PL61109010140000071219812874"},
		{Number: "1002", FirstName: "Jan", Prefix: "de", LastName: "Vries", IBAN: "nl44 rabo 0123 4567 89"},
	}
	var payments []Payment
	for i := range workers {
		payments = append(payments, SalaryPayment(period, &workers[i], dec("612.40")))
	}
	created := time.Date(2026, 11, 25, 16, 30, 0, 0, time.Local)
	b := SalaryBatch(agency, "", period, created, period.PayDate(), payments)

	if b.MsgID != "LOON-2026-W47-20261125163000" || len(b.MsgID) > MaxID {
		t.Errorf("MsgID %q", b.MsgID)
	}
	if got := b.Execution.Format("Mon 2006-01-02"); got != "Thu 2026-11-26" {
		t.Errorf("execution %s, want the Thursday after week 47", got)
	}
	p := b.Payments[0]
	if p.EndToEndID != "2026-W47-1001" || p.Remittance != "Loon 2026-W47 1001" || p.Name != "Lukasz Wisniewski" || p.WorkerNumber != "1001" {
		t.Errorf("payment %+v", p)
	}
	if b.Payments[1].IBAN != "NL44RABO0123456789" || b.Payments[1].Name != "Jan de Vries" {
		t.Errorf("payment %+v", b.Payments[1])
	}
	if payments[0].Name != "Łukasz Wiśniewski" {
		t.Error("SalaryBatch changed the caller's payments")
	}
	if ps := b.Validate(created); len(ps) > 0 {
		t.Fatalf("problems: %s", ps.Text("en"))
	}
	// Paying on Thursday from a file made on Friday is refused.
	if ps := b.Validate(created.AddDate(0, 0, 2)); !ps.Has(CodeExecPast) {
		t.Errorf("execution date in the past not caught: %v", ps.Codes())
	}
	var buf bytes.Buffer
	if err := Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("<Cd>SALA</Cd>")) || !bytes.Contains(buf.Bytes(), []byte("<Id>NOTPROVIDED</Id>")) {
		t.Errorf("output:\n%s", buf.Bytes())
	}
}
