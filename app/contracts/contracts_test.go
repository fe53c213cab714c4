package contracts_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app/contracts"
	"verloner/app/sqlite"
	"verloner/domain"
	"verloner/domain/contract"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var now = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

type fixture struct {
	db        *sqlite.DB
	w         *domain.Worker
	p         *domain.Placement
	opt       contracts.Options
	hirerName string
}

// setup makes an agency, a hirer, a Polish ET worker with a placement and
// weeks of NORM hours (one 8-hour day per week from 2026-01-05).
func setup(t *testing.T, weeks int) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "c"+sqlite.Ext))
	must(t, err)
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	db.User = "tester"
	must(t, db.SaveAgency(ctx, &domain.Agency{Name: "Flexwerk Zuid B.V.", KvK: "12345678", Frequency: domain.Weekly,
		EmployerSize: domain.SmallEmployer, Deadlines: domain.DefaultDeadlines(),
		Address: domain.Address{Street: "Spoorlaan 1", PostalCode: "5038 CC", City: "Tilburg"}}))
	h := &domain.Hirer{Number: "H1", Name: "Brabant Logistiek B.V."}
	must(t, db.SaveHirer(ctx, h))
	w := &domain.Worker{Number: "1003", FirstName: "Łukasz", LastName: "Wiśniewski", BirthDate: domain.Date(1994, 3, 9),
		Language: domain.Polish, Phase: domain.PhaseA, ETEligible: true, StartDate: domain.Date(2025, 1, 6)}
	must(t, db.SaveWorker(ctx, w))
	p := &domain.Placement{Number: "P-0042", WorkerID: w.ID, HirerID: h.ID, Function: "orderpicker", Start: domain.Date(2025, 1, 6),
		HourlyWage: dec("16.10"), WageScale: "B2", AgreedHoursPerWeek: dec("24")}
	must(t, db.SavePlacement(ctx, p))
	var lines []*domain.HourLine
	for i := 0; i < weeks; i++ {
		lines = append(lines, &domain.HourLine{PlacementID: p.ID, Date: domain.Date(2025, 1, 6).AddDate(0, 0, 7*i), Type: domain.HourNormal, Quantity: dec("8")})
	}
	if len(lines) > 0 {
		must(t, db.AddHourLines(ctx, lines))
	}
	return &fixture{db: db, w: w, p: p, opt: contracts.Options{Now: func() time.Time { return now }, By: "anna"}, hirerName: h.Name}
}

func TestIssue_PhaseFromHoursAndTextInWorkersLanguage(t *testing.T) {
	ctx := context.Background()
	f := setup(t, 20)
	d, err := contracts.Issue(ctx, f.db, contracts.Request{WorkerID: f.w.ID, Start: domain.Date(2025, 6, 2), End: domain.Date(2025, 12, 31)}, f.opt)
	must(t, err)
	c := d.Contract
	// 20 weekly days from 6-1-2025; weeks before 2-6-2025 (week 23) are 21 Mondays, of which 20 carry hours.
	if c.Number != 1 || c.Version != 1 || c.Phase != domain.PhaseA || c.PhaseWeeks != 20 || !c.Uitzendbeding || c.Language != domain.Polish {
		t.Errorf("contract %+v", c)
	}
	if !c.AgreedHours.Equal(dec("24")) || !c.HourlyWage.Equal(dec("16.10")) || c.HirerName != f.hirerName || c.WageScale != "B2" || c.CreatedBy != "anna" {
		t.Errorf("terms from the placement %+v", c)
	}
	// 2025 pack: StiPP Basis, employee 0 %.
	if !c.PensionEmployeePercent.IsZero() || !c.HasET() || !c.ETUntil.Equal(c.End) {
		t.Errorf("pension %s, ET %v–%v", c.PensionEmployeePercent, c.ETFrom, c.ETUntil)
	}
	for _, want := range []string{"Łukasz Wiśniewski", "Brabant Logistiek B.V.", "w fazie A", "policzono 20", "Artykuł 8 – Koszty eksterytorialne", "€ 16,10"} {
		if !strings.Contains(c.Body, want) {
			t.Errorf("text lacks %q:\n%s", want, c.Body)
		}
	}
	if len(d.Notes) != 1 || !strings.Contains(d.Notes[0].NL, "ET-bewijsstukken") {
		t.Errorf("notes %+v", d.Notes)
	}
	if name, b, err := contracts.PDF(ctx, f.db, c.ID); err != nil || name != "contract-1003-1-v1.pdf" || len(b) < 1000 {
		t.Errorf("PDF %s %d %v", name, len(b), err)
	}
}

func TestIssue_CountsPhaseBAndRefusesUitzendbeding(t *testing.T) {
	ctx := context.Background()
	f := setup(t, 60)
	start := domain.Date(2026, 3, 2)
	no := false
	_, err := contracts.Issue(ctx, f.db, contracts.Request{WorkerID: f.w.ID, Start: start}, f.opt)
	if err == nil || !strings.Contains(err.Error(), "fase B") {
		t.Errorf("fase B without an end date: %v", err)
	}
	yes := true
	if _, err := contracts.Issue(ctx, f.db, contracts.Request{WorkerID: f.w.ID, Start: start, End: domain.Date(2026, 8, 30), Uitzendbeding: &yes}, f.opt); err == nil {
		t.Error("uitzendbeding in fase B accepted")
	}
	d, err := contracts.Issue(ctx, f.db, contracts.Request{WorkerID: f.w.ID, Start: start, End: domain.Date(2026, 8, 30), ET: &no,
		AgreedHours: dec("3")}, f.opt)
	if err == nil || !strings.Contains(err.Error(), "minimum van 4") {
		t.Fatalf("3 hours: %v", err)
	}
	d, err = contracts.Issue(ctx, f.db, contracts.Request{WorkerID: f.w.ID, Start: start, End: domain.Date(2026, 8, 30), ET: &no}, f.opt)
	must(t, err)
	if d.Contract.Phase != domain.PhaseB || d.Contract.Uitzendbeding || d.Contract.HasET() || !d.Contract.PensionEmployeePercent.Equal(dec("7.5")) {
		t.Errorf("fase B contract %+v", d.Contract)
	}
	if len(d.Notes) != 1 || !strings.Contains(d.Notes[0].NL, "fase B") {
		t.Errorf("notes %+v", d.Notes)
	}
}

func TestVersionsSignAndFindings(t *testing.T) {
	ctx := context.Background()
	f := setup(t, 0)
	w47 := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}
	d, err := contracts.Issue(ctx, f.db, contracts.Request{WorkerID: f.w.ID, Start: domain.Date(2026, 11, 2), End: domain.Date(2026, 11, 18)}, f.opt)
	must(t, err)
	v1 := d.Contract
	var lines []*domain.HourLine
	for day := 16; day <= 20; day++ {
		lines = append(lines, &domain.HourLine{PlacementID: f.p.ID, Date: domain.Date(2026, 11, day), Type: domain.HourNormal, Quantity: dec("8")})
	}
	must(t, f.db.AddHourLines(ctx, lines))
	rules := func() []string {
		fs, err := contracts.Findings(ctx, f.db, w47)
		must(t, err)
		var out []string
		for _, x := range fs {
			out = append(out, x.Rule+" "+x.Date.Format("02-01"))
		}
		return out
	}
	if got := strings.Join(rules(), ","); got != "CON-UNSIGNED 16-11,CON-END 19-11" {
		t.Errorf("findings before signing: %s", got)
	}
	must(t, contracts.Sign(ctx, f.db, v1.ID, domain.Date(2026, 11, 1)))
	w, _ := f.db.Worker(ctx, f.w.ID)
	if !w.ContractSignedOn.Equal(domain.Date(2026, 11, 1)) || !w.EndDate.Equal(v1.End) || w.ContractType != "uitzendovereenkomst met uitzendbeding" {
		t.Errorf("worker after signing %+v", w)
	}
	if err := contracts.Sign(ctx, f.db, v1.ID, domain.Date(2026, 11, 3)); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("second signature date: %v", err)
	}
	v2, err := contracts.Extend(ctx, f.db, v1.ID, domain.Date(2026, 12, 31), f.opt)
	must(t, err)
	if v2.Version != 2 || v2.Reason != contract.ReasonExtension || !v2.EffectiveFrom.Equal(domain.Date(2026, 11, 19)) || v2.Supersedes != v1.ID ||
		!v2.ETUntil.Equal(domain.Date(2026, 12, 31)) || !strings.Contains(v2.Body, "wersja 2 umowy nr 1 (przedłużenie)") {
		t.Errorf("extension %+v", v2)
	}
	if _, err := contracts.Extend(ctx, f.db, v1.ID, domain.Date(2027, 1, 31), f.opt); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("extending an old version: %v", err)
	}
	if got := strings.Join(rules(), ","); got != "CON-UNSIGNED 19-11" {
		t.Errorf("findings with the unsigned extension: %s", got)
	}
	must(t, contracts.Sign(ctx, f.db, v2.ID, domain.Date(2026, 11, 18)))
	if got := rules(); len(got) != 0 {
		t.Errorf("findings after signing the extension: %v", got)
	}
	v3, err := contracts.ChangeWage(ctx, f.db, v2.ID, dec("16.85"), "", domain.Date(2026, 12, 7), f.opt)
	must(t, err)
	if !v3.HourlyWage.Equal(dec("16.85")) || v3.WageScale != "B2" || v3.Version != 3 || !strings.Contains(v3.Body, "€ 16,85") {
		t.Errorf("wage change %+v", v3)
	}
	// Ended on 10-12-2026, recorded on 25-11: effective the day recorded,
	// but not before the wage change it builds on (7-12).
	v4, err := contracts.End(ctx, f.db, v3.ID, domain.Date(2026, 12, 10), f.opt)
	must(t, err)
	if !v4.End.Equal(domain.Date(2026, 12, 10)) || !v4.EffectiveFrom.Equal(domain.Date(2026, 12, 7)) || !v4.ETUntil.Equal(v4.End) {
		t.Errorf("end %+v", v4)
	}
	if _, err := contracts.ChangeWage(ctx, f.db, v4.ID, dec("17"), "", domain.Date(2026, 12, 8), f.opt); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("changing an ended contract: %v", err)
	}
	reg, err := contracts.Register(ctx, f.db, f.w.ID)
	if err != nil || len(reg) != 4 {
		t.Fatalf("register %d %v", len(reg), err)
	}
	if cur, _ := contracts.Current(ctx, f.db, f.w.ID, domain.Date(2026, 11, 20)); cur == nil || cur.ID != v2.ID {
		t.Errorf("in force on 20-11: %+v", cur)
	}
	must(t, contracts.Delete(ctx, f.db, v4.ID))
	if err := contracts.Delete(ctx, f.db, v2.ID); err == nil {
		t.Error("deleted a signed version")
	}
}

func TestTemplateSettingsPreview(t *testing.T) {
	ctx := context.Background()
	f := setup(t, 0)
	body, custom, err := contracts.Template(ctx, f.db, domain.Dutch)
	if err != nil || custom || !strings.Contains(body, "{{werknemer_naam}}") {
		t.Fatalf("built-in template: custom %v %v", custom, err)
	}
	if err := contracts.SaveTemplate(ctx, f.db, domain.Polish, "Umowa dla {{werknemer_naam}} {{als et}}z ET{{einde}}.", "anna"); err != nil {
		t.Fatal(err)
	}
	if err := contracts.SaveTemplate(ctx, f.db, domain.Polish, "{{fout}}", "anna"); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("bad template: %v", err)
	}
	d, err := contracts.Issue(ctx, f.db, contracts.Request{WorkerID: f.w.ID, Start: domain.Date(2026, 11, 2)}, f.opt)
	must(t, err)
	if d.Contract.Body != "Umowa dla Łukasz Wiśniewski z ET.\n" {
		t.Errorf("custom template not used: %q", d.Contract.Body)
	}
	s, err := contracts.Settings(ctx, f.db)
	must(t, err)
	s.WaitingDays = 5
	if err := contracts.SaveSettings(ctx, f.db, s); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("5 waiting days: %v", err)
	}
	out, err := contracts.Preview(domain.English, "Hello {{werknemer_naam}}{{als uitzendbeding}}, agency clause{{einde}}.", true, false)
	if err != nil || out != "Hello Voorbeeld Uitzendkracht, agency clause.\n" {
		t.Errorf("preview %q %v", out, err)
	}
	if _, err := contracts.Preview(domain.English, "{{als}}", true, false); err == nil {
		t.Error("preview of a bad template")
	}
	if len(contracts.Fields()) < 40 {
		t.Error("field list")
	}
}
