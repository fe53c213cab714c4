package sqlite_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/absence"
	"verloner/domain/contract"
)

func TestContracts_RoundTripSignImmutable(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	w := &domain.Worker{Number: "1", LastName: "Test"}
	if err := db.SaveWorker(ctx, w); err != nil {
		t.Fatal(err)
	}
	d := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	c := &contract.Contract{WorkerID: w.ID, Number: 1, Version: 1, Reason: contract.ReasonNew, EffectiveFrom: domain.Date(2026, 1, 5),
		Start: domain.Date(2026, 1, 5), End: domain.Date(2026, 6, 30), Phase: domain.PhaseA, PhaseWeeks: 3, Uitzendbeding: true,
		Language: domain.Polish, HirerName: "Klant", Function: "picker", AgreedHours: d("4"), HourlyWage: d("16.105"), WageScale: "B2",
		CAO: "CAO", Pension: "StiPP", PensionEmployeePercent: d("7.5"), HolidayPayPercent: d("8"), WaitingDays: 1,
		SickPayPercent: d("90"), SickPayPercentYear2: d("80"), ETFrom: domain.Date(2026, 1, 5), ETUntil: domain.Date(2026, 6, 30),
		ETMaxPercent: d("30"), Body: "tekst ąę\n"}
	if err := db.AddContract(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := db.Contract(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.CreatedBy != "tester" || got.CreatedAt.IsZero() {
		t.Errorf("created %q %v", got.CreatedBy, got.CreatedAt)
	}
	got.CreatedAt, got.CreatedBy = c.CreatedAt, c.CreatedBy
	if !reflect.DeepEqual(got, c) {
		t.Errorf("round trip\n got %+v\nwant %+v", got, c)
	}
	dup := *c
	dup.ID = 0
	if err := db.AddContract(ctx, &dup); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("duplicate version: %v", err)
	}
	next := c.Next(contract.ReasonExtension, domain.Date(2026, 6, 1))
	next.End, next.Body = domain.Date(2026, 12, 31), "verlengd"
	if err := db.AddContract(ctx, next); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteContract(ctx, c.ID); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("deleting a version with a later one: %v", err)
	}
	if err := db.SignContract(ctx, c.ID, domain.Date(2026, 1, 4)); err != nil {
		t.Fatal(err)
	}
	if err := db.SignContract(ctx, c.ID, domain.Date(2026, 1, 6)); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("signing twice: %v", err)
	}
	// Not even SQL can change or delete a signed version.
	if err := db.Exec(ctx, `UPDATE contracts SET hourly_wage = '20' WHERE id = ?`, c.ID); err == nil || !strings.Contains(err.Error(), "getekend") {
		t.Errorf("update of a signed version: %v", err)
	}
	if err := db.DeleteContract(ctx, next.ID); err != nil {
		t.Errorf("deleting an unsigned last version: %v", err)
	}
	if err := db.DeleteContract(ctx, c.ID); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("deleting a signed version: %v", err)
	}
	all, err := db.Contracts(ctx, 0)
	if err != nil || len(all) != 1 || !all[0].SignedOn.Equal(domain.Date(2026, 1, 4)) {
		t.Errorf("register %+v %v", all, err)
	}
	if mine, _ := db.Contracts(ctx, w.ID+1); len(mine) != 0 {
		t.Errorf("other worker's register %v", mine)
	}
}

func TestContractTemplatesAndSettings(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if tpl, err := db.ContractTemplate(ctx, domain.English); tpl != nil || err != nil {
		t.Fatalf("no template yet: %v %v", tpl, err)
	}
	if err := db.SaveContractTemplate(ctx, &app.ContractTemplate{Language: domain.English, Body: "Hi {{onbekend}}"}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("template with an unknown field saved: %v", err)
	}
	if err := db.SaveContractTemplate(ctx, &app.ContractTemplate{Language: domain.English, Body: "Hi {{werknemer_naam}}"}); err != nil {
		t.Fatal(err)
	}
	tpl, err := db.ContractTemplate(ctx, domain.English)
	if err != nil || tpl.Body != "Hi {{werknemer_naam}}" || tpl.UpdatedBy != "tester" {
		t.Errorf("template %+v %v", tpl, err)
	}
	if err := db.SaveContractTemplate(ctx, &app.ContractTemplate{Language: domain.English}); err != nil {
		t.Fatal(err)
	}
	if tpl, _ := db.ContractTemplate(ctx, domain.English); tpl != nil {
		t.Error("empty body did not remove the template")
	}
	if err := db.SaveContractTemplate(ctx, &app.ContractTemplate{Language: "de", Body: "x"}); err == nil {
		t.Error("German template saved")
	}
	s, err := db.ContractSettings(ctx)
	if err != nil || !reflect.DeepEqual(s, contract.DefaultSettings()) {
		t.Errorf("default settings %+v %v", s, err)
	}
	s.WaitingDays, s.EndsOnSickness = 2, true
	if err := db.SaveContractSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.ContractSettings(ctx); got.WaitingDays != 2 || !got.EndsOnSickness {
		t.Errorf("settings %+v", got)
	}
	s.WaitingDays = 3
	if err := db.SaveContractSettings(ctx, s); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("3 waiting days saved: %v", err)
	}
}

func TestAbsenceFollowUpAndNotes(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	w := &domain.Worker{Number: "1", LastName: "Test"}
	if err := db.SaveWorker(ctx, w); err != nil {
		t.Fatal(err)
	}
	r := &domain.SickReport{WorkerID: w.ID, FirstDay: domain.Date(2026, 11, 16), ReportedAt: time.Date(2026, 11, 16, 8, 0, 0, 0, time.UTC)}
	if err := db.SaveSickReport(ctx, r); err != nil {
		t.Fatal(err)
	}
	f := &absence.FollowUp{ReportID: r.ID, ArboReportedOn: domain.Date(2026, 11, 17), ContractEndOn: domain.Date(2026, 12, 31)}
	if err := db.SaveAbsenceFollowUp(ctx, f); err != nil {
		t.Fatal(err)
	}
	f.ProblemAnalysisOn = domain.Date(2026, 12, 20)
	if err := db.SaveAbsenceFollowUp(ctx, f); err != nil {
		t.Fatal(err)
	}
	all, err := db.AbsenceFollowUps(ctx)
	if err != nil || len(all) != 1 {
		t.Fatalf("%v %v", all, err)
	}
	if g := all[r.ID]; !g.ArboReportedOn.Equal(f.ArboReportedOn) || !g.ProblemAnalysisOn.Equal(f.ProblemAnalysisOn) ||
		!g.ContractEndOn.Equal(f.ContractEndOn) || !g.ZWReportedOn.IsZero() || g.UpdatedBy != "tester" {
		t.Errorf("follow-up %+v", g)
	}
	if err := db.SaveAbsenceFollowUp(ctx, &absence.FollowUp{ReportID: 999}); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("follow-up of a missing report: %v", err)
	}
	for _, n := range []*absence.Note{
		{ReportID: r.ID, On: domain.Date(2026, 11, 20), Text: "gebeld, gaat beter"},
		{ReportID: r.ID, On: domain.Date(2026, 11, 18), Kind: "bedrijfsarts", Text: "spreekuur"},
	} {
		if err := db.AddAbsenceNote(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.AddAbsenceNote(ctx, &absence.Note{ReportID: r.ID, On: domain.Date(2026, 11, 18)}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("empty note: %v", err)
	}
	notes, err := db.AbsenceNotes(ctx, r.ID)
	if err != nil || len(notes) != 2 || notes[0].Kind != "bedrijfsarts" || notes[1].Kind != "notitie" || notes[1].Text != "gebeld, gaat beter" {
		t.Errorf("notes %+v %v", notes, err)
	}
	if err := db.Exec(ctx, `UPDATE absence_notes SET text = 'x'`); err == nil {
		t.Error("a note was changed")
	}
}
