package importing_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"verloner/app"
	"verloner/app/importing"
	"verloner/domain"
	"verloner/domain/payroll"
)

// An opening-balance list: rows matched to workers, an unknown worker and a
// worker listed twice reported on their rows, the good rows taken over in one
// commit; the same file again takes over nothing (every row: already has one).
func TestOpening_PreviewCommitAgain(t *testing.T) {
	ctx := context.Background()
	s, db := demoService(t)
	file := []byte("Personeelsnummer;Tijdvakken;Loon LB;Loonheffing;Vakantiegeld;Vakantie-uren\n" +
		"1001;26;18.450,00;1.234,56;1.476,00;64,5\n" +
		"1002;26;12.000,00;-12,50;980,10;\n" +
		"9999;1;100;;;\n" +
		"1001;2;10;;;\n")
	p, err := s.PreviewOpening(ctx, "saldi.csv", file, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if p.Counts.OK != 2 || p.Counts.Error != 2 || p.Counts.Lines != 2 {
		t.Fatalf("counts %+v", p.Counts)
	}
	var msgs []string
	for _, m := range p.Messages() {
		msgs = append(msgs, m.Key+"@"+strconv.Itoa(m.Row))
	}
	if strings.Join(msgs, " ") != "row.worker_unknown@4 row.opening_twice@5" {
		t.Errorf("messages %v", msgs)
	}
	if _, err := s.CommitOpening(ctx, p, importing.CommitOptions{}); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("commit with row errors: %v", err)
	}
	res, err := s.CommitOpening(ctx, p, importing.CommitOptions{SkipErrors: true})
	if err != nil || res.Added != 2 {
		t.Fatalf("commit: %+v %v", res, err)
	}
	ytd, _ := db.YearToDate(ctx, 2026)
	ws, _ := db.Workers(ctx)
	id := map[string]int64{}
	for _, w := range ws {
		id[w.Number] = w.ID
	}
	if y := ytd[id["1001"]]; y.Periods != 26 || !y.TableWage.Equal(domain.MustDec("18450")) || !y.WageTax.Equal(domain.MustDec("1234.56")) {
		t.Errorf("1001's totals %+v", y)
	}
	if y := ytd[id["1002"]]; !y.WageTax.Equal(domain.MustDec("-12.5")) {
		t.Errorf("1002's wage tax %s", y.WageTax)
	}
	bal, _ := db.ReservationBalances(ctx, id["1001"])
	got := map[string]string{}
	for _, b := range bal {
		got[b.Scheme+"/"+b.Unit] = b.Balance.String()
	}
	if got[payroll.SchemeHolidayPay+"/"+app.UnitMoney] != "1476" || got[payroll.SchemeHolidayHours+"/"+app.UnitHours] != "64.5" {
		t.Errorf("1001's balances %v", got)
	}

	again, err := s.PreviewOpening(ctx, "saldi.csv", file, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if again.Counts.OK != 0 || again.Counts.Lines != 0 || !strings.Contains(again.Messages()[0].NL, "heeft al een beginsaldo") {
		t.Errorf("the same file again: %+v %v", again.Counts, again.Messages())
	}
	if res, err := s.CommitOpening(ctx, again, importing.CommitOptions{SkipErrors: true}); err != nil || res.Added != 0 {
		t.Errorf("committing it: %+v %v", res, err)
	}
}
