package contract

import (
	"fmt"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/checks"
)

// Rule IDs of the contract checks. They are not in the checks catalogue
// (domain/checks is another package's); Check fills severity, gates and hint
// itself so the findings can be appended to a checklist as they are.
const (
	RuleAfterEnd = "CON-END"      // worked after the end date of the contract in force
	RuleUnsigned = "CON-UNSIGNED" // worked under a version that is not signed
	RuleNone     = "CON-NONE"     // worked while no contract of the register was in force
)

// Rules describes the contract rules for screens that list rules.
var Rules = []checks.Rule{
	{ID: RuleAfterEnd, Group: "contract", Severity: checks.Warning, Gates: []checks.Gate{checks.GatePayroll},
		Title: checks.Text{NL: "Gewerkt na de einddatum van het contract", EN: "Worked after the contract's end date"},
		Hint: checks.Text{NL: "Verleng het contract (nieuwe versie) of maak een nieuw contract, en laat het tekenen; of corrigeer de uren.",
			EN: "Extend the contract (new version) or make a new one and have it signed; or correct the hours."},
		Source: "BW 7:668 (voortzetting na einde bepaalde tijd); CAO 2026–2028 art. 14"},
	{ID: RuleUnsigned, Group: "contract", Severity: checks.Warning, Gates: []checks.Gate{checks.GatePayroll},
		Title: checks.Text{NL: "Gewerkt zonder getekend contract", EN: "Worked without a signed contract"},
		Hint: checks.Text{NL: "Laat deze versie van het contract tekenen en leg de tekendatum vast in het contractregister.",
			EN: "Have this version of the contract signed and record the date in the contract register."},
		Source: "seed 001 §Onboardingen, §Arbeidscontracten"},
	{ID: RuleNone, Group: "contract", Severity: checks.Warning, Gates: []checks.Gate{checks.GatePayroll},
		Title: checks.Text{NL: "Gewerkt buiten elk contract uit het register", EN: "Worked outside every contract in the register"},
		Hint: checks.Text{NL: "Maak een contract dat deze datum dekt, of corrigeer de ingangsdatum of de uren.",
			EN: "Make a contract covering this date, or correct the start date or the hours."},
		Source: "seed 001 §Arbeidscontracten"},
}

// CheckInput is what Check looks at for one period.
type CheckInput struct {
	Period     domain.Period
	Workers    []*domain.Worker
	Placements []*domain.Placement
	Hours      []*domain.HourLine // the period's lines; void lines are ignored
	Contracts  []*Contract        // every version of every worker
}

// worked reports whether a line is work done (not sick, holiday or leave, not km or expenses).
func worked(l *domain.HourLine) bool {
	switch l.Type {
	case domain.HourNormal, domain.HourOvertime125, domain.HourOvertime150, domain.HourOvertime200, domain.HourShift:
		return l.Status != domain.HoursVoid && l.Quantity.IsPositive()
	}
	return false
}

// Check warns about work in the period after the end date of the contract
// in force, under a version that is not signed, or while no contract of the
// register was in force. A worker without any contract in the register is
// judged on the master data instead: work after Worker.EndDate is CON-END;
// a missing signature is left to the checklist's DOS-CONTRACT rule, which
// reads Worker.ContractSignedOn (kept in step when a version is signed).
func Check(in CheckInput) []checks.Finding {
	placements := map[int64]*domain.Placement{}
	for _, p := range in.Placements {
		placements[p.ID] = p
	}
	workers := map[int64]*domain.Worker{}
	for _, w := range in.Workers {
		workers[w.ID] = w
	}
	byWorker := map[int64][]*Contract{}
	for _, c := range in.Contracts {
		byWorker[c.WorkerID] = append(byWorker[c.WorkerID], c)
	}
	days := map[int64]map[time.Time]decimal.Decimal{}
	for _, l := range in.Hours {
		p := placements[l.PlacementID]
		if p == nil || !worked(l) || (in.Period.Kind != "" && !in.Period.Contains(l.Date)) {
			continue
		}
		if days[p.WorkerID] == nil {
			days[p.WorkerID] = map[time.Time]decimal.Decimal{}
		}
		d := domain.DateOf(l.Date)
		days[p.WorkerID][d] = days[p.WorkerID][d].Add(l.Quantity)
	}
	ids := make([]int64, 0, len(days))
	for id := range days {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })

	var out []checks.Finding
	for _, id := range ids {
		dates := make([]time.Time, 0, len(days[id]))
		for d := range days[id] {
			dates = append(dates, d)
		}
		sort.Slice(dates, func(i, j int) bool { return dates[i].Before(dates[j]) })
		acc := map[string]*span{}
		var order []string
		note := func(rule string, c *Contract, d time.Time) {
			key := rule
			if c != nil {
				key = fmt.Sprintf("%s/%d", rule, c.ID)
			}
			s := acc[key]
			if s == nil {
				s = &span{rule: rule, c: c, first: d}
				acc[key] = s
				order = append(order, key)
			}
			s.last = d
			s.days++
		}
		versions := byWorker[id]
		for _, d := range dates {
			if len(versions) == 0 {
				if w := workers[id]; w != nil && !w.EndDate.IsZero() && d.After(domain.DateOf(w.EndDate)) {
					note(RuleAfterEnd, nil, d)
				}
				continue
			}
			c := InForce(versions, d)
			switch {
			case c == nil:
				note(RuleNone, nil, d)
			case !c.Covers(d):
				note(RuleAfterEnd, c, d)
			case !c.Signed():
				note(RuleUnsigned, c, d)
			}
		}
		for _, k := range order {
			out = append(out, acc[k].finding(id, workers[id]))
		}
	}
	return out
}

type span struct {
	rule        string
	c           *Contract
	first, last time.Time
	days        int
}

func (s *span) finding(workerID int64, w *domain.Worker) checks.Finding {
	f := checks.Finding{Rule: s.rule, Severity: checks.Warning, Gates: []checks.Gate{checks.GatePayroll}, WorkerID: workerID, Date: s.first}
	for _, r := range Rules {
		if r.ID == s.rule {
			f.Hint = r.Hint
		}
	}
	when := dateText(s.first)
	whenEN := when
	if s.days > 1 {
		when = fmt.Sprintf("%d dagen, %s t/m %s", s.days, dateText(s.first), dateText(s.last))
		whenEN = fmt.Sprintf("%d days, %s to %s", s.days, dateText(s.first), dateText(s.last))
	}
	if s.c != nil {
		f.Ref = fmt.Sprintf("contract %d versie %d", s.c.Number, s.c.Version)
		if s.c.PlacementID != 0 {
			f.PlacementID = s.c.PlacementID
		}
	}
	switch {
	case s.rule == RuleAfterEnd && s.c != nil:
		f.Message = checks.Text{
			NL: fmt.Sprintf("Gewerkt na de einddatum %s van contract %d (versie %d): %s.", dateText(s.c.End), s.c.Number, s.c.Version, when),
			EN: fmt.Sprintf("Worked after the end date %s of contract %d (version %d): %s.", dateText(s.c.End), s.c.Number, s.c.Version, whenEN)}
	case s.rule == RuleAfterEnd:
		end := time.Time{}
		if w != nil {
			end = w.EndDate
		}
		f.Ref = "uitzendkrachtgegevens"
		f.Message = checks.Text{
			NL: fmt.Sprintf("Gewerkt na de einddatum %s in de gegevens van de uitzendkracht (geen contract in het register): %s.", dateText(end), when),
			EN: fmt.Sprintf("Worked after the end date %s in the worker's record (no contract in the register): %s.", dateText(end), whenEN)}
	case s.rule == RuleUnsigned:
		f.Message = checks.Text{
			NL: fmt.Sprintf("Contract %d versie %d (%s, vanaf %s) is niet getekend; gewerkt: %s.", s.c.Number, s.c.Version,
				s.c.Reason.Label(domain.Dutch), dateText(s.c.EffectiveFrom), when),
			EN: fmt.Sprintf("Contract %d version %d (%s, from %s) is not signed; worked: %s.", s.c.Number, s.c.Version,
				s.c.Reason.Label(domain.English), dateText(s.c.EffectiveFrom), whenEN)}
	default:
		f.Message = checks.Text{
			NL: fmt.Sprintf("Gewerkt terwijl geen contract uit het register liep: %s.", when),
			EN: fmt.Sprintf("Worked while no contract in the register was in force: %s.", whenEN)}
	}
	return f
}
