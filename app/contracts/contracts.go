// Package contracts is the employment-contract use case the GUI's
// Uitzendkrachten/Contracten pages and `verloner contract` share: the
// agency's templates and CAO settings, drafting and issuing a contract for a
// worker and placement, its later versions (extension, wage change, end),
// signing, the register per worker, the PDF, and the contract findings for
// the weekly checklist.
//
// A contract is drafted from the master data: the placement gives hirer,
// function, wage, scale and agreed hours; the phase is counted from the
// worker's hours with payroll.PhaseOn (the count payroll and the checklist
// make) and the contracts already in the register; the CAO settings give
// waiting days, sick pay and holiday pay; the parameter pack of the start
// year gives the employee pension percentage. The text is the agency's
// template in the worker's language (or the built-in one), rendered once and
// kept with the version.
//
// Signing a version also brings the worker record in line with it (signed
// date, phase, uitzendbeding, contract type, end date), because payroll (AWf
// hoog/laag) and the checklist's DOS-CONTRACT and PH-END rules read those
// fields.
package contracts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/domain"
	"verloner/domain/checks"
	"verloner/domain/contract"
	"verloner/domain/params"
	"verloner/domain/payroll"
	"verloner/exporters/contractpdf"
)

// Options tune the use cases. The zero value is right for the GUI and the CLI.
type Options struct {
	Params *params.Set      // parameter packs; default the built-in ones
	Now    func() time.Time // default time.Now
	By     string           // recorded as creator
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o Options) params() (*params.Set, error) {
	if o.Params != nil {
		return o.Params, nil
	}
	return params.Builtin()
}

// Note is something the user should know about a draft, in Dutch and English.
type Note = checks.Text

// Fields lists the placeholders for the template editor.
func Fields() []contract.Field { return contract.Fields }

// Template returns the template text in a language: the agency's own when it
// saved one (custom true), else the built-in text.
func Template(ctx context.Context, st app.Store, lang domain.Language) (body string, custom bool, err error) {
	t, err := st.ContractTemplate(ctx, lang)
	if err != nil {
		return "", false, err
	}
	if t != nil {
		return t.Body, true, nil
	}
	def, err := contract.DefaultTemplate(lang)
	if err != nil {
		return "", false, err
	}
	return def.Body, false, nil
}

// SaveTemplate checks and stores the agency's template; an empty body goes
// back to the built-in text.
func SaveTemplate(ctx context.Context, st app.Store, lang domain.Language, body, by string) error {
	if strings.TrimSpace(body) != "" {
		if _, err := contract.Parse(lang, body); err != nil {
			return err
		}
	}
	return st.SaveContractTemplate(ctx, &app.ContractTemplate{Language: lang, Body: body, UpdatedBy: by})
}

// Settings returns the CAO settings (defaults filled in).
func Settings(ctx context.Context, st app.Store) (contract.Settings, error) {
	return st.ContractSettings(ctx)
}

// SaveSettings validates and stores the CAO settings.
func SaveSettings(ctx context.Context, st app.Store, s contract.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return st.SaveContractSettings(ctx, s)
}

// Preview renders a template text (saved or still being edited) with a
// fictional sample contract, so the template editor can show the result
// without touching real data. A template error is returned as is.
func Preview(lang domain.Language, body string, uitzendbeding, et bool) (string, error) {
	tpl, err := contract.Parse(lang, body)
	if err != nil {
		return "", err
	}
	s := contract.DefaultSettings()
	c := &contract.Contract{Number: 1, Version: 1, Reason: contract.ReasonNew, Start: domain.Date(2026, 1, 5), EffectiveFrom: domain.Date(2026, 1, 5),
		End: domain.Date(2026, 6, 30), Phase: domain.PhaseA, PhaseWeeks: 0, Uitzendbeding: uitzendbeding, Language: lang,
		HirerName: "Voorbeeld Inlener B.V.", Function: "productiemedewerker", AgreedHours: decimal.NewFromInt(4),
		HourlyWage: decimal.RequireFromString("15.25"), CAO: s.CAO, Pension: s.Pension, PensionEmployeePercent: decimal.RequireFromString("7.5"),
		HolidayPayPercent: s.HolidayPayPercent, WaitingDays: s.WaitingDays, SickPayPercent: s.SickPayPercent, SickPayPercentYear2: s.SickPayPercentYear2}
	if !uitzendbeding {
		c.Phase = domain.PhaseB
	}
	if et {
		c.ETFrom, c.ETUntil, c.ETMaxPercent = c.Start, c.End, s.ETMaxPercent
	}
	p := contract.Parties{Agency: &domain.Agency{Name: "Uw Uitzendbureau B.V.", KvK: "00000000",
		Address: domain.Address{Street: "Straat 1", PostalCode: "1234 AB", City: "Plaats"}},
		Worker: &domain.Worker{Number: "0000", FirstName: "Voorbeeld", LastName: "Uitzendkracht", BirthDate: domain.Date(1995, 5, 5),
			Address: domain.Address{Street: "Laan 2", PostalCode: "1234 CD", City: "Plaats"}}, PlacementNumber: "P-0001", Date: domain.Date(2026, 1, 2)}
	return tpl.Render(contract.ValuesFor(c, p, s)), nil
}

// Register returns every version of a worker's contracts, by number and version.
func Register(ctx context.Context, st app.Store, workerID int64) ([]*contract.Contract, error) {
	return st.Contracts(ctx, workerID)
}

// Current returns the version in force on a date (nil when none).
func Current(ctx context.Context, st app.Store, workerID int64, on time.Time) (*contract.Contract, error) {
	cs, err := st.Contracts(ctx, workerID)
	if err != nil {
		return nil, err
	}
	return contract.InForce(cs, on), nil
}

// Request asks for a new contract. Zero fields take the defaults named.
type Request struct {
	WorkerID    int64
	PlacementID int64           // 0: the worker's placement running on Start, else the latest one
	Start       time.Time       // zero: the placement's start
	End         time.Time       // zero: the placement's end (fase B needs one)
	AgreedHours decimal.Decimal // zero: the placement's agreed hours, at least the settings' minimum
	// Phase overrides the counted phase (the user knows better, e.g. hours
	// from an earlier agency); zero: payroll.PhaseOn on the start date.
	Phase domain.Phase
	// Uitzendbeding: nil means yes in fase A, no in B and C.
	Uitzendbeding *bool
	// ET: nil means the clause when the worker is ET-eligible. ETFrom and
	// ETUntil default to the contract's start and end (one year when the
	// contract has no end).
	ET              *bool
	ETFrom, ETUntil time.Time
	Language        domain.Language // zero: the worker's
	Place           string          // where it is signed; zero: the agency's town
}

// Draft is a contract version ready to issue, with what the user should know.
type Draft struct {
	Contract *contract.Contract
	Notes    []Note
}

// Prepare drafts a new contract (the next contract number) with its text,
// validated, without storing it.
func Prepare(ctx context.Context, st app.Store, req Request, opt Options) (*Draft, error) {
	w, err := st.Worker(ctx, req.WorkerID)
	if err != nil {
		return nil, err
	}
	existing, err := st.Contracts(ctx, w.ID)
	if err != nil {
		return nil, err
	}
	p, err := placementFor(ctx, st, w.ID, req)
	if err != nil {
		return nil, err
	}
	s, err := st.ContractSettings(ctx)
	if err != nil {
		return nil, err
	}
	d := &Draft{}
	c := &contract.Contract{WorkerID: w.ID, PlacementID: p.ID, Number: 1, Version: 1, Reason: contract.ReasonNew,
		Start: domain.DateOf(req.Start), End: domain.DateOf(req.End), Language: req.Language, Function: p.Function,
		HourlyWage: p.HourlyWage, WageScale: p.WageScale, AgreedHours: req.AgreedHours, CAO: s.CAO, Pension: s.Pension,
		HolidayPayPercent: s.HolidayPayPercent, WaitingDays: s.WaitingDays, SickPayPercent: s.SickPayPercent,
		SickPayPercentYear2: s.SickPayPercentYear2}
	for _, e := range existing {
		if e.Number >= c.Number {
			c.Number = e.Number + 1
		}
	}
	if req.Start.IsZero() {
		c.Start = domain.DateOf(p.Start)
	}
	if req.End.IsZero() {
		c.End = p.End
	}
	c.EffectiveFrom = c.Start
	if c.Language == "" {
		c.Language = w.Language
	}
	if c.Language == "" {
		c.Language = domain.Dutch
	}
	if h, err := st.Hirer(ctx, p.HirerID); err == nil {
		c.HirerName = h.Name
	} else if domain.ErrorCode(err) != domain.ENOTFOUND {
		return nil, err
	}
	if c.AgreedHours.IsZero() {
		c.AgreedHours = p.AgreedHoursPerWeek
		if min := s.MinHours(); c.AgreedHours.LessThan(min) {
			if c.AgreedHours.IsPositive() {
				d.Notes = append(d.Notes, Note{
					NL: fmt.Sprintf("De plaatsing noemt %s uur per week; het contract belooft het minimum van %s uur uit de CAO-instellingen.", c.AgreedHours, min),
					EN: fmt.Sprintf("The placement says %s hours per week; the contract promises the settings' minimum of %s hours.", c.AgreedHours, min)})
			}
			c.AgreedHours = min
		}
	}
	// Phase from the hours, as payroll counts it.
	status, err := phaseOn(ctx, st, w.ID, existing, c.Start)
	if err != nil {
		return nil, err
	}
	c.Phase, c.PhaseWeeks = status.Phase, status.Counted
	if req.Phase != "" && req.Phase != c.Phase {
		d.Notes = append(d.Notes, Note{
			NL: fmt.Sprintf("Fase %s met de hand gekozen; de telling van de uren geeft fase %s (%d weken).", req.Phase, c.Phase, c.PhaseWeeks),
			EN: fmt.Sprintf("Phase %s chosen by hand; counting the hours gives phase %s (%d weeks).", req.Phase, c.Phase, c.PhaseWeeks)})
		c.Phase = req.Phase
	} else if w.Phase != "" && w.Phase != c.Phase {
		d.Notes = append(d.Notes, Note{
			NL: fmt.Sprintf("De telling van de uren geeft fase %s (%d weken); in de gegevens van de uitzendkracht staat fase %s. Tekenen zet de gegevens op fase %s.", c.Phase, c.PhaseWeeks, w.Phase, c.Phase),
			EN: fmt.Sprintf("Counting the hours gives phase %s (%d weeks); the worker record says phase %s. Signing sets the record to phase %s.", c.Phase, c.PhaseWeeks, w.Phase, c.Phase)})
	}
	c.Uitzendbeding = c.Phase == domain.PhaseA
	if req.Uitzendbeding != nil {
		c.Uitzendbeding = *req.Uitzendbeding
	}
	if c.Phase == domain.PhaseC && req.End.IsZero() {
		c.End = time.Time{} // open-ended, whatever the placement says
	}
	wantET := w.ETEligible
	if req.ET != nil {
		wantET = *req.ET
	}
	if wantET {
		c.ETFrom, c.ETUntil, c.ETMaxPercent = domain.DateOf(req.ETFrom), domain.DateOf(req.ETUntil), s.ETMaxPercent
		if req.ETFrom.IsZero() {
			c.ETFrom = c.Start
		}
		if req.ETUntil.IsZero() {
			c.ETUntil = c.End
			if c.ETUntil.IsZero() {
				c.ETUntil = c.ETFrom.AddDate(1, 0, -1)
			}
		}
		if !w.ET.Complete() {
			d.Notes = append(d.Notes, Note{NL: "ET-regeling in het contract, maar de ET-bewijsstukken zijn nog niet compleet; uitruil gebeurt pas als ze er zijn.",
				EN: "ET clause in the contract, but the ET proofs are not complete; no exchange until they are."})
		}
	}
	if pct, err := pensionEmployeePercent(opt, c.Start, c.PhaseWeeks); err == nil {
		c.PensionEmployeePercent = pct
	} else {
		return nil, err
	}
	if err := c.Validate(s); err != nil {
		return nil, err
	}
	if err := render(ctx, st, c, w, p.Number, req.Place, s, opt); err != nil {
		return nil, err
	}
	c.CreatedBy = opt.By
	d.Contract = c
	return d, nil
}

// Issue drafts and stores a new contract (not signed yet).
func Issue(ctx context.Context, st app.Store, req Request, opt Options) (*Draft, error) {
	d, err := Prepare(ctx, st, req, opt)
	if err != nil {
		return nil, err
	}
	if err := st.AddContract(ctx, d.Contract); err != nil {
		return nil, err
	}
	return d, nil
}

// placementFor picks the placement of a request.
func placementFor(ctx context.Context, st app.Store, workerID int64, req Request) (*domain.Placement, error) {
	if req.PlacementID != 0 {
		p, err := st.Placement(ctx, req.PlacementID)
		if err != nil {
			return nil, err
		}
		if p.WorkerID != workerID {
			return nil, domain.Errorf(domain.EINVALID, "Plaatsing %s is van een andere uitzendkracht.", p.Number)
		}
		return p, nil
	}
	ps, err := st.Placements(ctx)
	if err != nil {
		return nil, err
	}
	// The placement running on the start date, else the one that started last.
	var best *domain.Placement
	better := func(p *domain.Placement) bool {
		if best == nil {
			return true
		}
		if !req.Start.IsZero() {
			if pa, ba := p.ActiveOn(req.Start), best.ActiveOn(req.Start); pa != ba {
				return pa
			}
		}
		return p.Start.After(best.Start)
	}
	for _, p := range ps {
		if p.WorkerID == workerID && better(p) {
			best = p
		}
	}
	if best == nil {
		return nil, domain.Errorf(domain.EINVALID, "De uitzendkracht heeft geen plaatsing: een contract noemt de inlener, functie en het loon van de plaatsing.")
	}
	return best, nil
}

// phaseOn counts the worker's phase on date on from all his hours (any
// hirer) with payroll.PhaseOn, and the contract starts of the register.
func phaseOn(ctx context.Context, st app.Store, workerID int64, existing []*contract.Contract, on time.Time) (payroll.PhaseStatus, error) {
	ps, err := st.Placements(ctx)
	if err != nil {
		return payroll.PhaseStatus{}, err
	}
	mine := map[int64]bool{}
	for _, p := range ps {
		if p.WorkerID == workerID {
			mine[p.ID] = true
		}
	}
	lines, err := st.HourLines(ctx, domain.Date(1990, 1, 1), domain.DateOf(on))
	if err != nil {
		return payroll.PhaseStatus{}, err
	}
	var own []*domain.HourLine
	for _, l := range lines {
		if mine[l.PlacementID] {
			own = append(own, l)
		}
	}
	starts := append(contract.Starts(existing), domain.DateOf(on))
	return payroll.PhaseOn(payroll.WorkedWeeks(own), on, payroll.PhaseOptions{ContractStarts: starts}), nil
}

// pensionEmployeePercent is the employee part of the StiPP premium in the
// start year's pack (the scheme for the weeks counted).
func pensionEmployeePercent(opt Options, on time.Time, weeks int) (decimal.Decimal, error) {
	set, err := opt.params()
	if err != nil {
		return decimal.Zero, err
	}
	p, err := set.For(on)
	if err != nil {
		return decimal.Zero, err
	}
	pct := decimal.Zero
	for _, s := range p.StiPP().Schemes {
		if weeks >= s.FromWorkedWeeks {
			pct = s.Employee.Decimal
		}
	}
	return pct, nil
}

// render fills c.Body from the agency's template in c.Language.
func render(ctx context.Context, st app.Store, c *contract.Contract, w *domain.Worker, placementNo, place string, s contract.Settings, opt Options) error {
	body, _, err := Template(ctx, st, c.Language)
	if err != nil {
		return err
	}
	tpl, err := contract.Parse(c.Language, body)
	if err != nil {
		return err
	}
	a, err := st.Agency(ctx)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		a, err = &domain.Agency{}, nil
	}
	if err != nil {
		return err
	}
	c.Body = tpl.Render(contract.ValuesFor(c, contract.Parties{Agency: a, Worker: w, PlacementNumber: placementNo, Place: place,
		Date: domain.DateOf(opt.now())}, s))
	return nil
}

// change makes the next version of contract id with edit applied.
func change(ctx context.Context, st app.Store, id int64, reason contract.Reason, effective time.Time, opt Options,
	edit func(c *contract.Contract) error) (*contract.Contract, error) {
	cur, err := st.Contract(ctx, id)
	if err != nil {
		return nil, err
	}
	all, err := st.Contracts(ctx, cur.WorkerID)
	if err != nil {
		return nil, err
	}
	for _, v := range all {
		if v.Number == cur.Number && v.Version > cur.Version {
			return nil, domain.Errorf(domain.ECONFLICT, "Contract %d heeft al versie %d; wijzig de nieuwste versie.", cur.Number, v.Version)
		}
	}
	if cur.Reason == contract.ReasonEnd {
		return nil, domain.Errorf(domain.ECONFLICT, "Contract %d is beëindigd; maak een nieuw contract.", cur.Number)
	}
	n := cur.Next(reason, effective)
	if err := edit(n); err != nil {
		return nil, err
	}
	s, err := st.ContractSettings(ctx)
	if err != nil {
		return nil, err
	}
	if err := n.Validate(s); err != nil {
		return nil, err
	}
	w, err := st.Worker(ctx, n.WorkerID)
	if err != nil {
		return nil, err
	}
	placementNo := ""
	if n.PlacementID != 0 {
		if p, err := st.Placement(ctx, n.PlacementID); err == nil {
			placementNo = p.Number
		}
	}
	if err := render(ctx, st, n, w, placementNo, "", s, opt); err != nil {
		return nil, err
	}
	n.CreatedBy = opt.By
	if err := st.AddContract(ctx, n); err != nil {
		return nil, err
	}
	return n, nil
}

// Extend makes a new version with a later end date, effective the day after
// the old end (so the old terms govern until then).
func Extend(ctx context.Context, st app.Store, id int64, newEnd time.Time, opt Options) (*contract.Contract, error) {
	cur, err := st.Contract(ctx, id)
	if err != nil {
		return nil, err
	}
	if cur.End.IsZero() {
		return nil, domain.Errorf(domain.EINVALID, "Contract %d heeft geen einddatum; verlengen is niet nodig.", cur.Number)
	}
	newEnd = domain.DateOf(newEnd)
	if !newEnd.After(cur.End) {
		return nil, domain.Errorf(domain.EINVALID, "De nieuwe einddatum %s ligt niet na de huidige %s.", newEnd.Format("02-01-2006"), cur.End.Format("02-01-2006"))
	}
	return change(ctx, st, id, contract.ReasonExtension, cur.End.AddDate(0, 0, 1), opt, func(c *contract.Contract) error {
		c.End = newEnd
		if c.HasET() && c.ETUntil.Equal(cur.End) {
			c.ETUntil = newEnd
		}
		return nil
	})
}

// ChangeWage makes a new version with another hourly wage (and scale) from
// a date. The placement's wage, which payroll uses, is not changed here: the
// caller (GUI) offers that as a separate step and the note says so.
func ChangeWage(ctx context.Context, st app.Store, id int64, wage decimal.Decimal, scale string, from time.Time, opt Options) (*contract.Contract, error) {
	if !wage.IsPositive() {
		return nil, domain.Errorf(domain.EINVALID, "Het nieuwe uurloon moet groter dan 0 zijn.")
	}
	cur, err := st.Contract(ctx, id)
	if err != nil {
		return nil, err
	}
	if from.IsZero() || domain.DateOf(from).Before(cur.EffectiveFrom) {
		return nil, domain.Errorf(domain.EINVALID, "Een loonwijziging gaat in op of na %s.", cur.EffectiveFrom.Format("02-01-2006"))
	}
	return change(ctx, st, id, contract.ReasonWageChange, from, opt, func(c *contract.Contract) error {
		c.HourlyWage = wage
		if scale != "" {
			c.WageScale = scale
		}
		return nil
	})
}

// End makes a new version that ends the contract on a date, effective the
// day it is recorded (or the end date, when that is earlier).
func End(ctx context.Context, st app.Store, id int64, end time.Time, opt Options) (*contract.Contract, error) {
	cur, err := st.Contract(ctx, id)
	if err != nil {
		return nil, err
	}
	end = domain.DateOf(end)
	if end.Before(cur.Start) {
		return nil, domain.Errorf(domain.EINVALID, "De einddatum ligt vóór de ingangsdatum %s.", cur.Start.Format("02-01-2006"))
	}
	if !cur.End.IsZero() && end.After(cur.End) {
		return nil, domain.Errorf(domain.EINVALID, "De einddatum ligt na de huidige einddatum %s; dat is een verlenging.", cur.End.Format("02-01-2006"))
	}
	effective := domain.DateOf(opt.now())
	if end.Before(effective) {
		effective = end
	}
	if effective.Before(cur.EffectiveFrom) {
		effective = cur.EffectiveFrom
	}
	return change(ctx, st, id, contract.ReasonEnd, effective, opt, func(c *contract.Contract) error {
		c.End = end
		if c.HasET() && c.ETUntil.After(end) {
			c.ETUntil = end
		}
		return nil
	})
}

// Sign records the signature of a version and, when it is the worker's
// latest version, brings the worker record in line with it. Signing an
// already signed version with the same date only repeats that last step.
func Sign(ctx context.Context, st app.Store, id int64, on time.Time) error {
	c, err := st.Contract(ctx, id)
	if err != nil {
		return err
	}
	on = domain.DateOf(on)
	switch {
	case !c.Signed():
		if err := st.SignContract(ctx, id, on); err != nil {
			return err
		}
		c.SignedOn = on
	case !c.SignedOn.Equal(on):
		return domain.Errorf(domain.ECONFLICT, "Contract %d versie %d is al getekend op %s.", c.Number, c.Version, c.SignedOn.Format("02-01-2006"))
	}
	all, err := st.Contracts(ctx, c.WorkerID)
	if err != nil {
		return err
	}
	if l := contract.Latest(all); len(l) == 0 || l[len(l)-1].ID != c.ID {
		return nil // an older version: the record follows the newest
	}
	w, err := st.Worker(ctx, c.WorkerID)
	if err != nil {
		return err
	}
	w.ContractSignedOn, w.Phase, w.Uitzendbeding, w.EndDate = c.SignedOn, c.Phase, c.Uitzendbeding, c.End
	w.ContractType = TypeText(c)
	if w.StartDate.IsZero() || c.Start.Before(w.StartDate) {
		w.StartDate = c.Start
	}
	if err := st.SaveWorker(ctx, w); err != nil {
		return fmt.Errorf("uitzendkracht bijwerken na tekenen: %w", err)
	}
	return nil
}

// TypeText describes a contract as the worker record's contract type.
func TypeText(c *contract.Contract) string {
	switch {
	case c.Uitzendbeding:
		return "uitzendovereenkomst met uitzendbeding"
	case c.End.IsZero():
		return "uitzendovereenkomst voor onbepaalde tijd"
	}
	return "uitzendovereenkomst voor bepaalde tijd"
}

// Delete removes an unsigned version issued by mistake.
func Delete(ctx context.Context, st app.Store, id int64) error { return st.DeleteContract(ctx, id) }

// PDF returns a version's PDF and its file name.
func PDF(ctx context.Context, st app.Store, id int64) (string, []byte, error) {
	c, err := st.Contract(ctx, id)
	if err != nil {
		return "", nil, err
	}
	w, err := st.Worker(ctx, c.WorkerID)
	if err != nil {
		return "", nil, err
	}
	name := ""
	if a, err := st.Agency(ctx); err == nil {
		name = a.Name
	} else if domain.ErrorCode(err) != domain.ENOTFOUND {
		return "", nil, err
	}
	doc := contractpdf.Document{Contract: c, AgencyName: name, WorkerName: w.FullName(), WorkerNo: w.Number}
	b, err := contractpdf.Render(doc)
	if err != nil {
		return "", nil, err
	}
	return contractpdf.FileName(doc), b, nil
}

// Findings returns the contract warnings of a period (contract.Check): work
// after the end date of the contract in force, under an unsigned version, or
// outside every contract of the register.
func Findings(ctx context.Context, st app.Store, p domain.Period) ([]checks.Finding, error) {
	ws, err := st.Workers(ctx)
	if err != nil {
		return nil, err
	}
	ps, err := st.Placements(ctx)
	if err != nil {
		return nil, err
	}
	lines, err := st.HourLines(ctx, p.Start(), p.End())
	if err != nil {
		return nil, err
	}
	cs, err := st.Contracts(ctx, 0)
	if err != nil {
		return nil, err
	}
	return contract.Check(contract.CheckInput{Period: p, Workers: ws, Placements: ps, Hours: lines, Contracts: cs}), nil
}
