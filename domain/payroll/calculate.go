package payroll

import (
	"fmt"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/params"
	"verloner/domain/wagetax"
)

// Calculate computes one worker's payslip for one period with the pack of the
// pay date's year. A pack of another year is refused: the genietingsmoment
// decides the tax year and a pack is never replaced by another year's. It is
// safe for concurrent use and does no I/O, so a payroll run can call it for
// every worker in parallel and a pro-forma calculation can call it with
// unapproved hours.
func Calculate(p *params.Pack, in Input) (*Payslip, error) {
	e, err := engineFor(p)
	if err != nil {
		return nil, err
	}
	c := calcPool.Get().(*calc)
	c.input = in
	c.e, c.in = e, &c.input
	c.buckets, c.travels, c.workedDays, c.placeOrder = c.bucketBuf[:0], c.travelBuf[:0], c.dayBuf[:0], c.placeBuf[:0]
	err = c.run()
	out := c.out
	*c = calc{} // drop every reference before the state is reused
	calcPool.Put(c)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// calcPool reuses the calculation state (about 2 KB with its buffers) across
// calls: a payroll run calls Calculate for thousands of workers.
var calcPool = sync.Pool{New: func() any { return new(calc) }}

// CalculateFor picks the pack of the pay date from s (params.Set.For refuses a
// year without a pack, in Dutch) and uses s for work dates in other years.
func CalculateFor(s *params.Set, in Input) (*Payslip, error) {
	pay := in.PayDate
	if pay.IsZero() {
		pay = in.Period.PayDate()
	}
	p, err := s.For(pay)
	if err != nil {
		return nil, err
	}
	if in.OtherYears == nil {
		in.OtherYears = s
	}
	return Calculate(p, in)
}

// bucket aggregates the hours of one placement, hour type, pay % and kind.
type bucket struct {
	pl    *domain.Placement
	order int // first appearance of the placement
	typ   domain.HourType
	kind  bucketKind
	pct   decimal.Decimal
	hours acc
}

type bucketKind uint8

const (
	paidHours   bucketKind = iota
	waitingDay             // ZIEK on a waiting day: unpaid
	paidWeekly             // VAK/FEEST of a money leave scheme already paid out weekly
	fromReserve            // VAK/FEEST paid from a money leave scheme's reserve
)

type travel struct {
	pl *domain.Placement
	km acc
}

// calc is the state of one calculation.
type calc struct {
	e     *engine
	in    *Input
	input Input // the caller's input, copied
	out   *Payslip
	w     *domain.Worker

	ki                   int
	start, end, payDate  time.Time
	aow                  params.AOW
	noEmployeeInsurances bool
	anonymous, credit    bool
	flex                 bool

	buckets    []bucket
	travels    []travel
	expenseSum acc
	workedDays []time.Time
	waitDates  []time.Time
	placeOrder []*domain.Placement
	// Backing arrays for the slices above: a worker-week fits in them, so the
	// common case allocates no slices.
	bucketBuf [8]bucket
	travelBuf [2]travel
	dayBuf    [7]time.Time
	placeBuf  [2]*domain.Placement

	regular      acc // regular gross: hours, taxable allowances, weekly reservations
	special      acc // reservation payouts (bijzondere beloningen)
	untaxed      acc
	holidayBase  acc // vakantiebijslag base
	leaveBase    acc // leave-scheme base (hours × hourly wage)
	leaveHours   acc
	paidHours    acc
	workedHours  acc
	drawn        acc
	accrued      acc
	etHours      acc
	wmlPeriod    acc             // minimum wage over the paid hours (housing cap)
	regularD     decimal.Decimal // regular, once complete
	minHeadroom  decimal.Decimal // ET: smallest (hourly wage − minimum wage) over paid hours
	headroomSeen bool
	etUnchecked  bool
	needWML      bool
	needHeadroom bool
	age          int  // age during the whole period, when ageKnown
	ageKnown     bool // no birthday inside the period
}

func (c *calc) run() error {
	in, e := c.in, c.e
	if in.Worker == nil {
		return domain.Errorf(domain.EINVALID, "loonberekening: geen uitzendkracht")
	}
	c.w = in.Worker
	ki, err := kindIndex(in.Period.Kind)
	if err != nil {
		return err
	}
	c.ki = ki
	c.start, c.end = in.Period.Start(), in.Period.End()
	c.payDate = domain.DateOf(in.PayDate)
	if in.PayDate.IsZero() {
		c.payDate = in.Period.PayDate()
	}
	if c.payDate.Year() != e.year {
		return domain.Errorf(domain.EINVALID,
			"loonberekening %s: de loondatum %s valt in %d, maar het parameterpakket is van %d; gebruik het pakket van het jaar van de loondatum",
			in.Period, c.payDate.Format(time.DateOnly), c.payDate.Year(), e.year)
	}
	if e.aowErr != nil {
		return e.aowErr
	}
	c.out = &Payslip{Period: in.Period, PayDate: c.payDate, Year: e.year, Lines: make([]Line, 0, 16)}
	if b := in.Worker.BirthDate; !b.IsZero() {
		if a := domain.AgeOn(b, c.start); a == domain.AgeOn(b, c.end) {
			c.age, c.ageKnown = a, true
		}
	}
	c.context()
	if err := c.hours(); err != nil {
		return err
	}
	c.hourLines()
	c.travelLines()
	if err := c.allowances(); err != nil {
		return err
	}
	if err := c.hoursPayouts(); err != nil {
		return err
	}
	c.reservations()
	if err := c.payouts(); err != nil {
		return err
	}
	c.regularD = c.regular.dec()
	c.out.GrossBeforeExchange = add(c.regularD, c.special.dec())
	c.exchange()
	c.pension()
	if err := c.tax(); err != nil {
		return err
	}
	if err := c.expenses(); err != nil {
		return err
	}
	if err := c.deductions(); err != nil {
		return err
	}
	if err := c.employerCosts(); err != nil {
		return err
	}
	c.totals()
	sortLines(c.out.Lines)
	return nil
}

// context decides the worker's tax and premium situation.
func (c *calc) context() {
	w, e, out := c.w, c.e, c.out
	// AOW group on the pay date (the genietingsmoment, which also selects the
	// pack): from the first day of the month in which AOW age is reached (§1).
	if !w.BirthDate.IsZero() && !c.payDate.Before(e.aow.AOWMonthStart(w.BirthDate)) {
		c.aow = params.AOWBorn1946OrLater
		if w.BirthDate.Year() <= 1945 {
			c.aow = params.AOWBorn1945OrEarlier
		}
	}
	out.AOW = c.aow
	// Employee insurances (WW, WIA, ZW) end on the day AOW age is reached.
	// Decided on the first day of the period (general rule, not in the
	// reference's §4 — verify against the Handboek Loonheffingen).
	if !w.BirthDate.IsZero() {
		reached := e.aow.ReachedOn(w.BirthDate)
		c.noEmployeeInsurances = !reached.After(c.start)
		if reached.After(c.start) && !reached.After(c.end) {
			c.note(Finding{Code: FindAOWInPeriod, Severity: SevWarning, Date: reached,
				Message: fmt.Sprintf("De uitzendkracht bereikt op %s de AOW-leeftijd, binnen dit tijdvak: premies werknemersverzekeringen zijn voor het hele tijdvak berekend; controleer.", reached.Format(time.DateOnly))})
		}
	}
	// Anoniementarief without a valid BSN (RV §4.3, §3.1) or when forced.
	c.anonymous = c.in.AnonymousForced || !domain.ValidBSN(w.BSN)
	out.Anonymous = c.anonymous
	if c.anonymous {
		msg := "Anoniementarief (52 %) toegepast: geen geldig BSN."
		if c.in.AnonymousForced {
			msg = "Anoniementarief (52 %) toegepast op verzoek (identiteit niet vastgesteld)."
		}
		c.note(Finding{Code: FindAnonymous, Severity: SevWarning, Message: msg})
	}
	// Loonheffingskorting only with the signed statement on file.
	signed := !w.TaxCreditSignedOn.IsZero() && !w.TaxCreditSignedOn.After(c.payDate)
	c.credit = w.ApplyTaxCredit && signed && !c.anonymous
	if w.ApplyTaxCredit && !signed && !c.anonymous {
		c.note(Finding{Code: FindTaxCreditNoForm, Severity: SevWarning,
			Message: "Loonheffingskorting gevraagd maar geen ondertekende verklaring vóór de loondatum: niet toegepast."})
	}
	out.TaxCreditApplied = c.credit
	phase := c.in.Phase
	if phase == "" {
		phase = w.Phase
	}
	// A contract is flexible unless it is fase C without uitzendbeding (§4:
	// fase A/B and every uitzendovereenkomst with uitzendbeding are not for
	// indefinite time in the sense of the AWf rule).
	c.flex = phase != domain.PhaseC || w.Uitzendbeding
}

// hours validates the hour lines and aggregates them per placement, hour type,
// pay % and kind, and runs the minimum-wage check per line.
func (c *calc) hours() error {
	in, w := c.in, c.w
	c.needWML = false
	for i := range in.Extras.Deductions {
		if d := in.Extras.Deductions[i]; d != nil && d.Kind == domain.DeductionHousing {
			c.needWML = true
		}
	}
	c.needHeadroom = in.Extras.ETCosts.IsPositive()
	if in.Sick.WaitingDays < 0 || in.Sick.WaitingDays > 2 {
		return domain.Errorf(domain.EINVALID, "loonberekening: %d wachtdagen; de wet staat er hoogstens 2 toe (BW 7:629 lid 9)", in.Sick.WaitingDays)
	}
	if in.Sick.WaitingDays > 0 && (len(in.Sick.NewSpells) > 0 || len(in.Sick.Reports) > 0) {
		c.waitingDays()
	}
	for _, l := range in.Lines {
		if l == nil || l.Status == domain.HoursVoid {
			continue
		}
		pl := in.Placements[l.PlacementID]
		if pl == nil {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: urenregel van %s hoort bij onbekende plaatsing %d", in.Period, l.Date.Format(time.DateOnly), l.PlacementID)
		}
		if pl.WorkerID != 0 && w.ID != 0 && pl.WorkerID != w.ID {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: plaatsing %s is niet van uitzendkracht %s", in.Period, pl.Number, w.Number)
		}
		d := domain.DateOf(l.Date)
		if d.Before(c.start) || d.After(c.end) {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: urenregel van %s valt buiten het tijdvak", in.Period, l.Date.Format(time.DateOnly))
		}
		if l.Quantity.IsNegative() {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: urenregel van %s (%s) is negatief; verwerk correcties van eerdere tijdvakken apart", in.Period, l.Date.Format(time.DateOnly), l.Type)
		}
		if l.Quantity.IsZero() {
			continue
		}
		switch l.Type {
		case domain.HourKilometres:
			c.addTravel(pl, l.Quantity)
			continue
		case domain.HourExpenses:
			c.expenseSum.add(l.Quantity)
			continue
		case domain.HourNormal, domain.HourOvertime125, domain.HourOvertime150, domain.HourOvertime200,
			domain.HourShift, domain.HourHoliday, domain.HourVacation, domain.HourSick:
		default:
			return domain.Errorf(domain.EINVALID, "loonberekening %s: onbekende uursoort %q", in.Period, l.Type)
		}
		pct := l.PayPercent
		if l.Type == domain.HourSick && in.Sick.PayPercent.IsPositive() {
			pct = in.Sick.PayPercent
		} else if pct.IsZero() {
			pct = rateOf(pl, l.Type)
		}
		kind := paidHours
		switch l.Type {
		case domain.HourSick:
			if len(c.waitDates) > 0 && containsDate(c.waitDates, d) {
				kind = waitingDay
			}
		case domain.HourVacation, domain.HourHoliday:
			if r := c.leaveScheme(l.Type); r != nil {
				kind = fromReserve
				if w.Reservations == domain.ReservationsWeekly {
					kind = paidWeekly
				}
			}
		}
		c.add(pl, l.Type, kind, pct, l.Quantity)
		if kind == paidHours || kind == fromReserve {
			if isWorked(l.Type) {
				c.addWorkedDay(d)
			}
			c.checkLine(l, d, pl, pct)
		}
	}
	return nil
}

// rateOf is the pay % the placement agreed for an hour type, or the CAO default.
func rateOf(pl *domain.Placement, t domain.HourType) decimal.Decimal {
	for i := range pl.Rates {
		if pl.Rates[i].Type == t {
			return pl.Rates[i].PayPercent
		}
	}
	return defaultPay(t)
}

func isWorked(t domain.HourType) bool {
	switch t {
	case domain.HourNormal, domain.HourOvertime125, domain.HourOvertime150, domain.HourOvertime200, domain.HourShift:
		return true
	}
	return false
}

// leaveScheme returns the money leave scheme paying VAK or FEEST hours, or nil
// when the pack does not reserve money for them (2026: the agency pays them as
// wage under gelijkwaardige beloning).
func (c *calc) leaveScheme(t domain.HourType) *reservation {
	for i := range c.e.reservations {
		r := &c.e.reservations[i]
		if r.hourType == t && r.method == params.ReserveMoney {
			return r
		}
	}
	return nil
}

// waitingDays marks the first Sick.WaitingDays dates with ZIEK hours on or
// after each new sickness spell as unpaid waiting days.
func (c *calc) waitingDays() {
	var sick []time.Time
	for _, l := range c.in.Lines {
		if l == nil || l.Status == domain.HoursVoid || l.Type != domain.HourSick || !l.Quantity.IsPositive() {
			continue
		}
		d := domain.DateOf(l.Date)
		if !containsDate(sick, d) {
			sick = insertDate(sick, d)
		}
	}
	spells := c.in.Sick.NewSpells
	for _, r := range c.in.Sick.Reports {
		if r == nil {
			continue
		}
		first := domain.DateOf(r.FirstDay)
		if first.Before(c.start) || first.After(c.end) || recurrence(c.in.Sick.Reports, r) {
			continue
		}
		spells = append(spells, first)
	}
	for _, s := range spells {
		s = domain.DateOf(s)
		n := 0
		for _, d := range sick {
			if d.Before(s) || n == c.in.Sick.WaitingDays {
				continue
			}
			if !containsDate(c.waitDates, d) {
				c.waitDates = append(c.waitDates, d)
			}
			n++
		}
	}
}

// recurrence reports whether report r starts within four weeks after the
// recovery from an earlier report: BW 7:629 lid 10 — periods of sickness that
// follow each other within four weeks count as one, so no new waiting day.
func recurrence(reports []*domain.SickReport, r *domain.SickReport) bool {
	first := domain.DateOf(r.FirstDay)
	for _, o := range reports {
		if o == nil || o == r || o.RecoveredOn.IsZero() || !domain.DateOf(o.FirstDay).Before(first) {
			continue
		}
		rec := domain.DateOf(o.RecoveredOn)
		if !rec.After(first) && first.Before(rec.AddDate(0, 0, 28)) {
			return true
		}
	}
	return false
}

func containsDate(ds []time.Time, d time.Time) bool {
	for _, x := range ds {
		if x == d {
			return true
		}
	}
	return false
}

func insertDate(ds []time.Time, d time.Time) []time.Time {
	ds = append(ds, d)
	for i := len(ds) - 1; i > 0 && ds[i].Before(ds[i-1]); i-- {
		ds[i], ds[i-1] = ds[i-1], ds[i]
	}
	return ds
}

func (c *calc) addWorkedDay(d time.Time) {
	if !containsDate(c.workedDays, d) {
		c.workedDays = append(c.workedDays, d)
	}
}

func (c *calc) placementOrder(pl *domain.Placement) int {
	for i, p := range c.placeOrder {
		if p == pl {
			return i
		}
	}
	c.placeOrder = append(c.placeOrder, pl)
	return len(c.placeOrder) - 1
}

func (c *calc) add(pl *domain.Placement, t domain.HourType, kind bucketKind, pct, qty decimal.Decimal) {
	for i := range c.buckets {
		b := &c.buckets[i]
		if b.pl == pl && b.typ == t && b.kind == kind && cmp(b.pct, pct) == 0 {
			b.hours.add(qty)
			return
		}
	}
	c.buckets = append(c.buckets, bucket{pl: pl, order: c.placementOrder(pl), typ: t, kind: kind, pct: pct})
	c.buckets[len(c.buckets)-1].hours.add(qty)
}

func (c *calc) addTravel(pl *domain.Placement, km decimal.Decimal) {
	for i := range c.travels {
		if c.travels[i].pl == pl {
			c.travels[i].km.add(km)
			return
		}
	}
	c.placementOrder(pl)
	c.travels = append(c.travels, travel{pl: pl})
	c.travels[len(c.travels)-1].km.add(km)
}

// hourLines turns the buckets into payslip lines: hours × hourly wage × pay %,
// rounded once per line (lineAmount).
func (c *calc) hourLines() {
	sortBuckets(c.buckets)
	for i := range c.buckets {
		b := &c.buckets[i]
		hours := b.hours.dec()
		rate := b.pl.HourlyWage
		if cmp(b.pct, domain.Hundred) != 0 {
			rate = mulShift(rate, b.pct, -2)
		}
		line := Line{Code: string(b.typ), Text: hourText(b.typ), Category: CatGross, Unit: UnitHour,
			Quantity: hours, Rate: rate, Percent: b.pct, HourType: b.typ, PlacementID: b.pl.ID}
		switch b.kind {
		case waitingDay:
			line.Code, line.Text, line.Rate, line.Amount = CodeWaitingDay, textWaitingDay, decimal.Zero, decimal.Zero
			c.add0(line)
			continue
		case paidWeekly:
			line.Text, line.Rate, line.Amount = textPaidFromWeekly, decimal.Zero, decimal.Zero
			c.add0(line)
			continue
		}
		line.Amount = lineAmount(hours, rate)
		c.out.Lines = append(c.out.Lines, line)
		c.regular.add(line.Amount)
		c.paidHours.add(hours)
		if isWorked(b.typ) {
			c.workedHours.add(hours)
		}
		if b.kind == fromReserve {
			r := c.leaveScheme(b.typ)
			c.draw(r.name, line.Amount)
		}
		// Vakantiebijslag accrues over all paid hours (Wml art. 15: 8 % of the
		// wage; ABU art. 18 until 2025: over worked days, vakantiedagen,
		// feestdagen and sick days, §7.4).
		c.holidayBase.add(line.Amount)
		// Leave schemes accrue per worked (or sick) hour on the gross hourly
		// wage, not on overtime or shift premiums, and not over leave paid
		// from the reserve itself (§7.4: "per worked hour, on gross hourly
		// wage"; the percentage is days / workable days excluding leave days).
		if isWorked(b.typ) || b.typ == domain.HourSick {
			c.leaveBase.addMul(hours, b.pl.HourlyWage)
			c.leaveHours.add(hours)
		}
		if c.needHeadroom && b.typ != domain.HourSick {
			c.etHours.add(hours)
		}
	}
	c.out.PaidHours, c.out.WorkedHours = c.paidHours.dec(), c.workedHours.dec()
}

// add0 appends a zero-amount hour line (waiting day, leave already paid weekly).
func (c *calc) add0(l Line) { c.out.Lines = append(c.out.Lines, l) }

func (c *calc) draw(scheme string, amount decimal.Decimal) {
	if c.out.ReservationsDrawn == nil {
		c.out.ReservationsDrawn = map[string]decimal.Decimal{}
	}
	c.out.ReservationsDrawn[scheme] = add(c.out.ReservationsDrawn[scheme], amount)
	c.drawn.add(amount)
}

// travelLines pays the kilometres of each placement at its rate per km: the
// part up to the pack's exempt rate is untaxed (gerichte vrijstelling, §6:
// € 0,25 per km in 2026, € 0,23 in 2025), the excess is taxed wage. The total is
// rounded once and the taxed part is the difference, so the two lines always
// add up to km × rate rounded.
func (c *calc) travelLines() {
	for _, t := range c.travels {
		c.travelSplit(t.km.dec(), t.pl.TravelPerKm, t.pl.ID, CodeTravelUntaxed, textTravelUntaxed, CodeTravelTaxed, textTravelTaxed, false)
	}
}

func (c *calc) travelSplit(km, rate decimal.Decimal, placementID int64, uCode string, uText Text, tCode string, tText Text, reservationBase bool) {
	if !rate.IsPositive() {
		return
	}
	total := lineAmount(km, rate)
	exemptRate := minDec(rate, c.e.travelKm)
	untaxed := lineAmount(km, exemptRate)
	taxed := sub(total, untaxed)
	if untaxed.IsPositive() {
		c.out.Lines = append(c.out.Lines, Line{Code: uCode, Text: uText, Category: CatUntaxedAllowance, Unit: UnitKm,
			Quantity: km, Rate: exemptRate, Amount: untaxed, PlacementID: placementID})
		c.untaxed.add(untaxed)
	}
	if taxed.IsPositive() {
		c.out.Lines = append(c.out.Lines, Line{Code: tCode, Text: tText, Category: CatTaxableAllowance, Unit: UnitKm,
			Quantity: km, Rate: sub(rate, exemptRate), Amount: taxed, PlacementID: placementID})
		c.regular.add(taxed)
		if reservationBase {
			c.holidayBase.add(taxed)
		}
	}
}

// allowances adds the caller's allowances per hour, day, km, piece or fixed.
func (c *calc) allowances() error {
	for _, a := range c.in.Extras.Allowances {
		qty := a.Quantity
		switch a.Unit {
		case UnitHour:
			if qty.IsZero() {
				qty = c.out.WorkedHours
			}
		case UnitDay:
			if qty.IsZero() {
				qty = decimal.NewFromInt(int64(len(c.workedDays)))
			}
		case UnitFixed:
			if qty.IsZero() {
				qty = domain.One
			}
		case UnitKm, UnitPiece:
		default:
			return domain.Errorf(domain.EINVALID, "loonberekening %s: toeslag %s heeft een onbekende eenheid %q", c.in.Period, a.Code, a.Unit)
		}
		if qty.IsNegative() || a.Rate.IsNegative() {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: toeslag %s is negatief; verwerk correcties apart", c.in.Period, a.Code)
		}
		if a.Unit == UnitKm && !a.Taxable {
			c.travelSplit(qty, a.Rate, a.PlacementID, a.Code, a.Text, a.Code+"_BELAST", Text{
				NL: a.Text.NL + " (belast deel)", EN: a.Text.EN + " (taxed part)", PL: a.Text.PL + " (część opodatkowana)"}, a.ReservationBase)
			continue
		}
		amount := lineAmount(qty, a.Rate)
		if amount.IsZero() {
			continue
		}
		l := Line{Code: a.Code, Text: a.Text, Unit: a.Unit, Quantity: qty, Rate: a.Rate, Amount: amount, PlacementID: a.PlacementID}
		if a.Taxable {
			l.Category = CatTaxableAllowance
			c.regular.add(amount)
			if a.ReservationBase {
				c.holidayBase.add(amount)
			}
		} else {
			l.Category = CatUntaxedAllowance
			c.untaxed.add(amount)
		}
		c.out.Lines = append(c.out.Lines, l)
	}
	return nil
}

// reservations accrues (or pays weekly) every money reservation of the pack and
// accrues the hours of every hours reservation.
func (c *calc) reservations() {
	weekly := c.w.Reservations == domain.ReservationsWeekly
	var holidayBase, leaveBase, leaveHours decimal.Decimal
	var have bool
	for i := range c.e.reservations {
		r := &c.e.reservations[i]
		if r.method != params.ReserveMoney && r.method != params.ReserveHours {
			continue
		}
		if !have {
			holidayBase, leaveBase, leaveHours, have = c.holidayBase.dec(), c.leaveBase.dec(), c.leaveHours.dec(), true
		}
		pct, frac := c.rate(r)
		switch r.method {
		case params.ReserveMoney:
		case params.ReserveHours:
			if h := c.hoursAccrued(r, leaveHours); h.IsPositive() {
				if c.out.LeaveHoursAccrued == nil {
					c.out.LeaveHoursAccrued = map[string]decimal.Decimal{}
				}
				c.out.LeaveHoursAccrued[r.name] = h
			}
			continue
		default:
			continue
		}
		base := holidayBase
		if r.leave {
			base = leaveBase
		}
		amount := percentAmount(base, frac)
		if !amount.IsPositive() {
			continue
		}
		base = roundCents(base)
		if weekly {
			// Paid with every period's wage: regular wage, taxed by the
			// period table, not as a bijzondere beloning (holiday pay that
			// is paid periodically is not a special reward; only a lump sum
			// is — §3.3, SEC bonsenreuling "vakantiebijslag die niet
			// maandelijks wordt uitbetaald wordt gezien als een bijzondere
			// beloning").
			c.out.Lines = append(c.out.Lines, Line{Code: r.weeklyCode, Text: r.weekly, Category: CatGross,
				Unit: UnitPercent, Quantity: base, Rate: pct.Decimal, Amount: amount})
			c.regular.add(amount)
			continue
		}
		c.out.Lines = append(c.out.Lines, Line{Code: r.resCode, Text: r.text, Category: CatReservation,
			Unit: UnitPercent, Quantity: base, Rate: pct.Decimal, Amount: amount})
		if c.out.ReservationsAccrued == nil {
			c.out.ReservationsAccrued = map[string]decimal.Decimal{}
		}
		c.out.ReservationsAccrued[r.name] = amount
		c.accrued.add(amount)
	}
}

// hoursPayouts pays out leave balances kept in hours: hours × hourly wage,
// rounded to cents like an hour line (lineAmount), as a bijzondere beloning
// like the other payouts (§3.3; which table applies to paid-out reserves
// other than vakantiebijslag is UNVERIFIED there). The amount is wage that
// taking the hours as leave would have been, so vakantiebijslag accrues over
// it as over leave hours paid (Wml art. 15: 8 % of the wage); that is why
// this runs before reservations. No money reserve is drawn: the balance is
// hours, and the payslip's line (unit hours) says how many.
func (c *calc) hoursPayouts() error {
	for _, po := range c.in.Extras.Payouts {
		if po.Hours.IsZero() {
			continue
		}
		t, ok := schemeTexts[po.Scheme]
		if !ok {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: onbekende reservering %q (vakantiebijslag, vakantie_uren, feestdagen, kort_verzuim)", c.in.Period, po.Scheme)
		}
		if !po.Hours.IsPositive() || !po.HourlyWage.IsPositive() {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: uitbetaling %s moet positieve uren (%s) tegen een positief uurloon (%s) zijn",
				c.in.Period, po.Scheme, po.Hours, po.HourlyWage)
		}
		r := c.e.reservation(po.Scheme)
		if r == nil || r.method != params.ReserveHours {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: %s wordt in dit parameterpakket niet in uren opgebouwd; betaal een bedrag uit", c.in.Period, po.Scheme)
		}
		hours := po.Hours
		if po.WithPeriodAccrual {
			// The hours this payslip accrues (reservations adds them to the
			// balance) are paid out with it: its worked hours are known by now.
			hours = hours.Add(c.hoursAccrued(r, c.leaveHours.dec()))
		}
		amount := lineAmount(hours, po.HourlyWage)
		c.out.Lines = append(c.out.Lines, Line{Code: payoutCodes[po.Scheme], Text: t.payout, Category: CatGross,
			Unit: UnitHour, Quantity: hours, Rate: po.HourlyWage, Amount: amount, Special: true})
		c.special.add(amount)
		c.holidayBase.add(amount)
	}
	return nil
}

// rate is a reservation's percentage and fraction, the worker's own when the
// input overrides the pack's.
func (c *calc) rate(r *reservation) (params.Percent, decimal.Decimal) {
	if o, ok := c.in.ReservationRates[r.name]; ok {
		return o, o.Fraction()
	}
	return r.pct, r.fraction
}

// hoursAccrued is the leave an hours reservation accrues over leaveHours:
// per worked hour, rounded to hundredths of an hour (domain.RoundHours; no
// rule names it).
func (c *calc) hoursAccrued(r *reservation, leaveHours decimal.Decimal) decimal.Decimal {
	_, frac := c.rate(r)
	if !leaveHours.IsPositive() || !frac.IsPositive() {
		return decimal.Zero
	}
	return mulRound(leaveHours, frac, 2) // domain.RoundHours
}

// payouts pays out reserved money balances as bijzondere beloningen.
func (c *calc) payouts() error {
	for _, po := range c.in.Extras.Payouts {
		if !po.Hours.IsZero() {
			continue // hoursPayouts
		}
		t, ok := schemeTexts[po.Scheme]
		if !ok {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: onbekende reservering %q (vakantiebijslag, vakantie_uren, feestdagen, kort_verzuim)", c.in.Period, po.Scheme)
		}
		if !po.Amount.IsPositive() {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: uitbetaling %s moet positief zijn", c.in.Period, po.Scheme)
		}
		amount := roundCents(po.Amount)
		c.out.Lines = append(c.out.Lines, Line{Code: payoutCodes[po.Scheme], Text: t.payout, Category: CatGross,
			Amount: amount, Special: true})
		c.special.add(amount)
		c.draw(po.Scheme, amount)
	}
	return nil
}

// exchange applies the ET-uitruil: gross wage is exchanged for an untaxed
// allowance of the documented ET costs, within the limits (see doc.go).
func (c *calc) exchange() {
	want := c.in.Extras.ETCosts
	if !want.IsPositive() {
		return
	}
	want = roundCents(want)
	w := c.w
	if !w.ETEligible || !w.ET.Complete() {
		reason := "de uitzendkracht valt niet onder de ET-regeling"
		if w.ETEligible {
			reason = "de bewijsstukken voor de ET-regeling (woonadres in het buitenland, reiskosten, SNF-huisvesting) zijn niet compleet"
		}
		c.skip(Finding{Code: FindETNotEligible, Severity: SevWarning, Amount: want,
			Message: fmt.Sprintf("ET-vergoeding %s niet uitgeruild: %s.", domain.FormatEuro(want), reason)})
		return
	}
	if c.etUnchecked {
		c.skip(Finding{Code: FindETNotEligible, Severity: SevWarning, Amount: want,
			Message: fmt.Sprintf("ET-vergoeding %s niet uitgeruild: het minimumloon van een werkdag kon niet worden vastgesteld, dus de ondergrens (CAO art. 37 lid 2 sub b) is niet te toetsen.", domain.FormatEuro(want))})
		return
	}
	// Floor: the hourly wage after the exchange stays at or above the minimum
	// wage of every date (CAO 2026–2028 art. 37 lid 2 sub b; §6 VERIFIED).
	limit := decimal.Zero
	if c.headroomSeen && c.minHeadroom.IsPositive() {
		limit = floorMul(c.minHeadroom, c.etHours.dec())
	}
	reason := "het uurloon mag door de uitruil niet onder het wettelijk minimumloon komen"
	// Cap: at most 30 % of the gross wage before the exchange (2026 CAO art. 37
	// lid 2 sub c). The base is the regular gross wage; special rewards are
	// left out (conservative).
	if f, ok := etCap(c.payDate); ok {
		capAmt := floorMul(c.regularD, f)
		if less(capAmt, limit) {
			limit = capAmt
			reason = "de uitruil is hoogstens 30 % van het brutoloon (CAO art. 37 lid 2 sub c)"
		}
	}
	got := minDec(want, limit)
	if less(got, want) {
		c.skip(Finding{Code: FindETCapped, Severity: SevWarning, Amount: sub(want, got), Required: limit, Actual: want,
			Message: fmt.Sprintf("ET-vergoeding: %s van %s niet uitgeruild, want %s (maximum %s).",
				domain.FormatEuro(want.Sub(got)), domain.FormatEuro(want), reason, domain.FormatEuro(limit))})
	}
	if !got.IsPositive() {
		return
	}
	c.out.ETExchanged = got
	c.out.Lines = append(c.out.Lines,
		Line{Code: CodeETExchange, Text: textETExchange, Category: CatGross, Amount: got.Neg()},
		Line{Code: CodeETAllowance, Text: textETAllowance, Category: CatUntaxedAllowance, Amount: got})
	c.untaxed.add(got)
}

// pension computes the StiPP premiums (§7.5): pensioengevend loon = the wage
// for the employee insurances before the employee premium plus the wage
// exchanged for ET (Pensioenreglement art. 12 lid 1), at most the maximum
// hourly wage × hours; grondslag = that − franchise × pensioengevende uren
// (the paid hours), never below 0.
func (c *calc) pension() {
	w, e := c.w, c.e
	if !w.BirthDate.IsZero() {
		// Participation from the first day of the month in which the worker
		// turns MinAge until the first day of the month of AOW age (§7.5,
		// Verplichtstellingsbesluit StiPP), decided on the period's last day.
		from := time.Date(w.BirthDate.Year()+e.stippMinAge, w.BirthDate.Month(), 1, 0, 0, 0, 0, time.UTC)
		if c.end.Before(from) || !c.end.Before(e.aow.AOWMonthStart(w.BirthDate)) {
			return
		}
	}
	hours := c.out.PaidHours
	pensionable := c.out.GrossBeforeExchange
	pensionable = minDec(pensionable, mul(e.maxHourly, hours))
	base := pensionBase(sub(pensionable, mul(e.franchiseHourly, hours)))
	if !base.IsPositive() {
		return
	}
	s := e.scheme(c.in.SectorWeeks)
	c.out.PensionBase = base
	ee := percentAmount(base, s.employee)
	c.out.EmployerCosts.PensionEmployer = percentAmount(base, s.employer)
	if ee.IsPositive() {
		c.out.PensionEmployee = ee
		c.out.Lines = append(c.out.Lines, Line{Code: CodePensionEE, Text: textPensionEE, Category: CatDeduction,
			Unit: UnitPercent, Quantity: base, Rate: s.employeePct.Decimal, Amount: ee, PreTax: true})
	}
}

// tax withholds the loonheffing: the period table on the regular wage and the
// tabel bijzondere beloningen on reservation payouts.
func (c *calc) tax() error {
	out := c.out
	// The employee pension premium is deducted from the regular wage first and
	// from the special rewards only for the part the regular wage cannot carry.
	regular := sub(c.regularD, out.ETExchanged)
	fromTable := minDec(out.PensionEmployee, regular)
	out.TableWage = sub(regular, fromTable)
	out.SpecialWage = sub(c.special.dec(), sub(out.PensionEmployee, fromTable))
	out.TaxableWage = add(out.TableWage, out.SpecialWage)

	res, err := wagetax.Compute(c.e.pack, wagetax.Input{Period: c.in.Period.Kind, Wage: out.TableWage,
		ApplyCredit: c.credit, AOW: c.aow, SingleElderly: c.credit && c.w.SingleElderlyCredit && c.aow != params.AOWNone,
		Anonymous: c.anonymous})
	if err != nil {
		return err
	}
	out.WageTaxTable, out.LabourCreditApplied = res.Tax, res.LabourCreditApplied
	out.Lines = append(out.Lines, Line{Code: CodeWageTax, Text: textWageTax, Category: CatDeduction,
		Quantity: out.TableWage, Amount: res.Tax})
	out.WageTaxSpecial = decimal.Zero
	if out.SpecialWage.IsPositive() {
		var tax decimal.Decimal
		if c.anonymous {
			tax = mulRound(out.SpecialWage, c.e.anonymousRate, 2) // as wagetax.AnonymousTax
			out.SpecialRate = params.Percent{Decimal: c.e.anonymousRate.Shift(2)}
		} else {
			jaarloon := c.jaarloon()
			t, rate, err := wagetax.Special(c.e.pack, jaarloon, out.SpecialWage, c.credit, c.aow)
			if err != nil {
				return err
			}
			tax, out.SpecialRate, out.JaarloonUsed = t, rate.Applied, jaarloon
		}
		out.WageTaxSpecial = tax
		out.Lines = append(out.Lines, Line{Code: CodeWageTaxSpecial, Text: textWageTaxSpecial, Category: CatDeduction,
			Unit: UnitPercent, Quantity: out.SpecialWage, Rate: out.SpecialRate.Decimal, Amount: tax, Special: true})
	}
	out.WageTax = add(out.WageTaxTable, out.WageTaxSpecial)
	return nil
}

// jaarloon is the caller's jaarloon, or an estimate: this year's table wage so
// far plus this period's, annualised (§3.3 step 1: for a worker new this year,
// the expected annual wage), rounded down to whole euros.
func (c *calc) jaarloon() decimal.Decimal {
	if c.in.Jaarloon.IsPositive() {
		return c.in.Jaarloon
	}
	ytd := c.in.YearToDate
	n := decimal.NewFromInt(int64(ytd.Periods + 1))
	est := ytd.TableWage.Add(c.out.TableWage).Mul(c.e.factors[c.ki]).Div(n).Floor()
	c.note(Finding{Code: FindJaarloonEstimate, Severity: SevInfo, Amount: est,
		Message: fmt.Sprintf("Jaarloon voor de tabel bijzondere beloningen geschat op %s (loon dit jaar, herleid tot een jaar); vul het jaarloon van vorig jaar in als dat er is.", domain.FormatEuro(est))})
	return est
}

// expenses pays the net expense refunds (DECL lines and Extras.Expenses).
func (c *calc) expenses() error {
	if c.expenseSum.positive() {
		amt := roundCents(c.expenseSum.dec())
		c.out.Lines = append(c.out.Lines, Line{Code: CodeExpenses, Text: textExpenses, Category: CatUntaxedAllowance, Amount: amt})
		c.out.Expenses = add(c.out.Expenses, amt)
	}
	for _, x := range c.in.Extras.Expenses {
		if x.Amount.IsNegative() {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: declaratie %s is negatief", c.in.Period, x.Code)
		}
		amt := roundCents(x.Amount)
		if amt.IsZero() {
			continue
		}
		t := x.Text
		if t.NL == "" {
			t = textExpenses
		}
		code := x.Code
		if code == "" {
			code = CodeExpenses
		}
		c.out.Lines = append(c.out.Lines, Line{Code: code, Text: t, Category: CatUntaxedAllowance, Amount: amt})
		c.out.Expenses = add(c.out.Expenses, amt)
	}
	c.untaxed.add(c.out.Expenses)
	return nil
}

// deductions withholds the authorised deductions and the advance from the net
// pay, never below zero.
func (c *calc) deductions() error {
	out := c.out
	out.Gross = sub(out.GrossBeforeExchange, out.ETExchanged)
	out.Untaxed = c.untaxed.dec()
	var n acc
	n.add(out.Gross)
	n.sub(out.PensionEmployee)
	n.sub(out.WageTax)
	n.add(out.Untaxed)
	net := n.dec()
	out.Deductions = decimal.Zero
	authorised := !c.w.DeductionAuthSigned.IsZero() && !c.w.DeductionAuthSigned.After(c.payDate)
	housing := decimal.Zero
	for _, d := range c.in.Extras.Deductions {
		if d == nil {
			continue
		}
		if !d.Amount.IsPositive() {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: inhouding %d moet positief zijn", c.in.Period, d.ID)
		}
		t, ok := deductionTexts[d.Kind]
		if !ok {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: onbekende soort inhouding %q", c.in.Period, d.Kind)
		}
		amt := roundCents(d.Amount)
		if !authorised {
			c.skip(Finding{Code: FindDeductionNoAuth, Severity: SevWarning, Amount: amt, RefID: d.ID,
				Message: fmt.Sprintf("%s van %s niet ingehouden: er is geen door de uitzendkracht getekende machtiging voor inhoudingen.", t.NL, domain.FormatEuro(amt))})
			continue
		}
		if d.Kind.IsPenalty() && !d.HasProof() {
			c.skip(Finding{Code: FindDeductionNoProof, Severity: SevWarning, Amount: amt, RefID: d.ID,
				Message: fmt.Sprintf("%s van %s niet ingehouden: er is geen bewijs (bekeuring, boeteregeling, schaderapport) vastgelegd.", t.NL, domain.FormatEuro(amt))})
			continue
		}
		if d.Kind == domain.DeductionHousing {
			// At most 25 % of the minimum wage over the period's paid hours
			// (§6: "inhouding huisvesting op WML max 25 %", SEC S33). Applied to
			// every worker, also above the minimum wage: conservative.
			wml := c.wmlPeriod.dec()
			capAmt := sub(floorMul(wml, quarter), housing)
			if cmp(amt, capAmt) > 0 {
				over := sub(amt, capAmt)
				if capAmt.IsNegative() {
					over, capAmt = amt, decimal.Zero
				}
				c.skip(Finding{Code: FindDeductionCapped, Severity: SevWarning, Amount: over, Required: capAmt, Actual: amt, RefID: d.ID,
					Message: fmt.Sprintf("%s: %s niet ingehouden; huisvesting mag hoogstens 25 %% van het wettelijk minimumloon over het tijdvak zijn (%s).", t.NL, domain.FormatEuro(over), domain.FormatEuro(floorMul(wml, quarter)))})
				amt = capAmt
			}
			housing = add(housing, amt)
		}
		amt = c.fromNet(&net, amt, t.NL, d.ID)
		if amt.IsPositive() {
			out.Lines = append(out.Lines, Line{Code: deductionCodes[d.Kind], Text: t, Category: CatDeduction, Amount: amt,
				RefID: d.ID, Detail: d.Description})
			out.Deductions = add(out.Deductions, amt)
		}
	}
	// Open advances are net money paid ahead of the payroll (domain.Advance):
	// withheld from this net pay, never below zero.
	for _, a := range c.in.Extras.Advances {
		if a == nil || !a.Open() {
			continue
		}
		if !a.Amount.IsPositive() {
			return domain.Errorf(domain.EINVALID, "loonberekening %s: voorschot %d moet positief zijn", c.in.Period, a.ID)
		}
		amt := c.fromNet(&net, roundCents(a.Amount), textAdvance.NL, a.ID)
		if amt.IsPositive() {
			out.Lines = append(out.Lines, Line{Code: CodeAdvance, Text: textAdvance, Category: CatDeduction, Amount: amt,
				RefID: a.ID, Detail: a.Reason})
			out.Deductions = add(out.Deductions, amt)
			out.AdvancesWithheld = add(out.AdvancesWithheld, amt)
		}
	}
	out.Net = net
	return nil
}

var quarter = decimal.New(25, -2)

// fromNet takes amt from the net pay as far as it goes and reports the rest.
func (c *calc) fromNet(net *decimal.Decimal, amt decimal.Decimal, what string, ref int64) decimal.Decimal {
	if cmp(amt, *net) > 0 {
		take := *net
		if take.IsNegative() {
			take = decimal.Zero
		}
		c.skip(Finding{Code: FindNetInsufficient, Severity: SevWarning, Amount: sub(amt, take), Required: amt, Actual: take, RefID: ref,
			Message: fmt.Sprintf("%s: %s niet ingehouden; het nettoloon is niet toereikend.", what, domain.FormatEuro(sub(amt, take)))})
		amt = take
	}
	*net = sub(*net, amt)
	return amt
}

// employerCosts computes the employer's premiums (§4) and pension.
func (c *calc) employerCosts() error {
	e, out, ec := c.e, c.out, &c.out.EmployerCosts
	// Premieloon and Zvw-bijdrageloon: the loon voor de loonheffing (after the
	// employee pension premium and the ET exchange), capped per period at the
	// annual maximum / F rounded down to cents (§4).
	ec.PremiumWage = minDec(out.TaxableWage, e.maxPrem[c.ki])
	ec.ZvwWage = minDec(out.TaxableWage, e.maxZvw[c.ki])
	ec.Zvw = c.costLine(CodeZvw, textZvw, ec.ZvwWage, e.zvw)
	if !c.noEmployeeInsurances {
		// AWf: laag only for a written contract for indefinite time without
		// uitzendbeding (fase C); fase A/B and any uitzendbeding → hoog
		// (Besluit Wfsv art. 2.4 lid 2, §4). Exceptions always laag: bbl and
		// younger than 21 with few hours (Wfsv art. 27 lid 3).
		high := c.flex && !c.in.BBL && !c.youngFewHours()
		ec.AWfHigh = high
		awf, text := e.awfLow, textAWfLow
		if high {
			awf, text = e.awfHigh, textAWfHigh
		}
		ec.AWf = c.costLine(CodeAWf, text, ec.PremiumWage, awf)
		// Aof laag for small employers, hoog otherwise; Wko on the same base.
		aof := e.aofHigh
		if c.in.EmployerSize == SmallEmployer {
			aof = e.aofLow
		}
		ec.Aof = c.costLine(CodeAof, textAof, ec.PremiumWage, aof)
		ec.Wko = c.costLine(CodeWko, textWko, ec.PremiumWage, e.wko)
		// Whk: small employers pay the sector-52 rate, the ZW-flex part only
		// for flexible contracts (§4, S8); others their own beschikking.
		var whk rate
		switch {
		case c.in.EmployerSize != SmallEmployer:
			if !c.in.WhkRate.IsPositive() {
				return domain.Errorf(domain.EINVALID, "loonberekening: het Whk-percentage uit de beschikking ontbreekt (middelgrote of grote werkgever)")
			}
			whk = newRate(c.in.WhkRate)
		case c.flex:
			whk = e.whkFlex
		default:
			whk = e.whkWGA
		}
		ec.Whk = c.costLine(CodeWhk, textWhk, ec.PremiumWage, whk)
	}
	if ec.PensionEmployer.IsPositive() {
		s := e.scheme(c.in.SectorWeeks)
		out.Lines = append(out.Lines, Line{Code: CodePensionER, Text: textPensionER, Category: CatEmployerCost,
			Unit: UnitPercent, Quantity: out.PensionBase, Rate: s.employerPct.Decimal, Amount: ec.PensionEmployer})
	}
	ec.Total = sum(ec.Zvw, ec.AWf, ec.Aof, ec.Wko, ec.Whk, ec.PensionEmployer)
	return nil
}

// costLine computes an employer premium (base × rate, half up to cents) and
// adds its line.
func (c *calc) costLine(code string, t Text, base decimal.Decimal, r rate) decimal.Decimal {
	amount := percentAmount(base, r.frac)
	if !amount.IsZero() {
		c.out.Lines = append(c.out.Lines, Line{Code: code, Text: t, Category: CatEmployerCost,
			Unit: UnitPercent, Quantity: base, Rate: r.pct, Amount: amount})
	}
	return amount
}

// youngFewHours is the AWf exception for employees younger than 21 on the
// first day of the period with at most 48 paid hours per 4 weeks (§4).
func (c *calc) youngFewHours() bool {
	if c.w.BirthDate.IsZero() || domain.AgeOn(c.w.BirthDate, c.start) >= 21 {
		return false
	}
	return cmp(c.out.PaidHours, awfYoungHours[c.in.Period.Kind]) <= 0
}

// totals fills the wage cost and the year-to-date figures.
func (c *calc) totals() {
	out := c.out
	// Wage cost: the wage paid (gross after exchange + untaxed allowances other
	// than expense refunds, which are re-billed), minus what was paid from
	// reserves (costed when accrued), plus this period's accruals and the
	// employer's charges.
	cost := c.accrued // a copy
	cost.add(out.Gross)
	cost.add(out.Untaxed)
	cost.add(out.EmployerCosts.Total)
	cost.sub(out.Expenses)
	if !c.drawn.isZero() {
		cost.sub(c.drawn.dec())
	}
	out.WageCost = cost.dec()
	if out.WorkedHours.IsPositive() {
		out.WageCostPerHour = perHour(out.WageCost, out.WorkedHours)
	}
	y := c.in.YearToDate
	out.YearToDate = YearToDate{Periods: y.Periods + 1, TableWage: add(y.TableWage, out.TableWage),
		SpecialWage: add(y.SpecialWage, out.SpecialWage), WageTax: add(y.WageTax, out.WageTax)}
}

func (c *calc) skip(f Finding) { c.out.Skipped = append(c.out.Skipped, f) }
func (c *calc) note(f Finding) { c.out.Notes = append(c.out.Notes, f) }

// sortBuckets orders hour lines by placement (first appearance), then hour
// type in payslip order, then pay %.
func sortBuckets(bs []bucket) {
	less := func(a, b *bucket) bool {
		if a.order != b.order {
			return a.order < b.order
		}
		if ta, tb := typeRank(a.typ), typeRank(b.typ); ta != tb {
			return ta < tb
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return less(a.pct, b.pct)
	}
	for i := 1; i < len(bs); i++ {
		for j := i; j > 0 && less(&bs[j], &bs[j-1]); j-- {
			bs[j], bs[j-1] = bs[j-1], bs[j]
		}
	}
}

func typeRank(t domain.HourType) int {
	for i, h := range domain.HourTypes {
		if h == t {
			return i
		}
	}
	return len(domain.HourTypes)
}

// lineRank is the payslip section of a line: wage, taxable allowances, pre-tax
// deductions, wage tax, untaxed additions, deductions from net, reservations,
// employer costs.
func lineRank(l *Line) int {
	switch l.Category {
	case CatGross:
		return 0
	case CatTaxableAllowance:
		return 1
	case CatDeduction:
		switch {
		case l.PreTax:
			return 2
		case l.Code == CodeWageTax || l.Code == CodeWageTaxSpecial:
			return 3
		}
		return 5
	case CatUntaxedAllowance:
		return 4
	case CatReservation:
		return 6
	}
	return 7
}

// sortLines orders the lines by section, keeping the order within a section.
func sortLines(ls []Line) {
	for i := 1; i < len(ls); i++ {
		r := lineRank(&ls[i])
		if r >= lineRank(&ls[i-1]) {
			continue
		}
		l := ls[i]
		j := i
		for ; j > 0 && lineRank(&ls[j-1]) > r; j-- {
			ls[j] = ls[j-1]
		}
		ls[j] = l
	}
}
