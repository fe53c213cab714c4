// Package payslip writes a worker's loonstrook as PDF: everything BW 7:626
// requires (the wage and its specified components and deductions, the
// minimum wage for the worker over the period, employer and employee, the
// period, the agreed working hours) plus what a Dutch temp worker expects:
// hours per day and hour type with the pay % of every toeslag (CAO 2026–2028
// Bijlage I), wage tax split into table and bijzonder tarief with the rate,
// loonheffingskorting yes/no, verrekende arbeidskorting, StiPP pension with
// its base, ET, advances, reservations with balances, year-to-date totals and
// the employer's costs for information.
//
// The input is a Document: plain values the payroll run already has (no
// database). Texts are in Dutch, English or Polish (Document.Lang, else
// Worker.Language); amounts and dates are written the Dutch way in every
// language — € 1.234,56, 38,00 hours, 16-11-2026 — as the agency's other
// papers and the Belastingdienst's figures are, so that a payslip reads the
// same to the worker and the backoffice. The BSN is never shown whole (last
// three digits), the IBAN only with its country code and last four characters.
//
// A proof run (Document.Concept) gets a diagonal "CONCEPT" watermark on every
// page and a notice in the page header.
//
// Render makes one PDF; RenderEach makes many in parallel and hands them
// over one by one, in order, so that a run of thousands is written to disk
// as it goes; NewCombiner merges them into one PDF for printing as they
// come (Combine and RenderAll do the same in memory, for a few). Each
// goroutine renders one document at a time with its own copy of the fonts
// (gofpdf mutates font state, so fonts are never shared between documents).
// A payroll run does, per worker:
//
//	ps, _ := payroll.Calculate(pack, in)
//	wml, _ := pack.MinimumWageHourly(domain.AgeOn(w.BirthDate, period.End()), period.End())
//	doc := &payslip.Document{Agency: a, Worker: w, Placements: …, Period: period, Payslip: ps,
//		Hours: payslip.DayHoursFrom(in), MinimumWageHourly: wml, AgreedHoursPerWeek: …,
//		Reservations: …, YearToDate: …, Concept: proof, RunRef: run.Ref}
//
// then payslip.RenderEach(ctx, docs, 0, emit, progress) with an emit that
// saves each PDF under payslip.FileName(doc) and adds it to a combiner of
// payslip.NewCombiner (app/payrun.WriteFiles).
//
// Render refuses rather than prints a payslip that would be wrong: lines that
// do not add up to the payslip's gross, taxable wage or net pay, reservation
// balances that do not add up or differ from the calculation, a missing
// minimum wage, a period other than the calculation's.
//
// The page is A4 portrait on a 48-column grid; blocks that belong together
// (employer/employee, the period facts, tax details and year to date,
// reservations, employer costs) move to the next page whole rather than split.
// Fonts: a 50 KB subset of DejaVu Sans per style (fonts/subset.sh), or the
// full DejaVu Sans of verloner/assets when a text needs a character outside it.
package payslip

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/payroll"
)

// Document is everything one payslip shows. Agency, Worker and Payslip are
// required; the rest may be empty where the payroll has nothing to say.
type Document struct {
	Agency *domain.Agency
	Worker *domain.Worker
	// Placements are the worker's assignments (hirer, function, hourly wage)
	// with hours or lines in the period. PlacementID links them to
	// payroll.Line.PlacementID and DayHours.PlacementID.
	Placements []Placement
	Period     domain.Period
	// PayDate is the day the net pay is transferred. Zero: Payslip.PayDate.
	PayDate time.Time
	Payslip *payroll.Payslip
	// Hours are the hours per day and hour type (DayHoursFrom builds them
	// from the hour lines). Only hour types measured in hours are shown.
	Hours []DayHours
	// MinimumWageHourly is the statutory minimum wage per hour for the
	// worker's age over the period (params.Pack.MinimumWageHourly). Required:
	// BW 7:626 lid 2.
	MinimumWageHourly decimal.Decimal
	// AgreedHoursPerWeek is the agreed working time (arbeidsduur) from the
	// contract; zero for a contract without fixed hours, which the payslip says.
	AgreedHoursPerWeek decimal.Decimal
	// Reservations are the balances per scheme. Nil: the accruals and drawings
	// of the payslip are shown without balances.
	Reservations []ReservationBalance
	// YearToDate are the totals of this tax year including this period. Nil:
	// Payslip.YearToDate (loon voor de loonheffing and wage tax only).
	YearToDate *YearToDate
	// Concept marks a proof run: a "CONCEPT" watermark on every page.
	Concept bool
	// Lang overrides Worker.Language; empty: the worker's language, else Dutch.
	Lang domain.Language
	// RunRef identifies the payroll run (shown in the footer).
	RunRef string
	// HideEmployerCosts leaves out the employer-costs block.
	HideEmployerCosts bool
	// Created is the PDF's creation date; zero: now.
	Created time.Time
}

// Placement is one assignment of the worker in the period.
type Placement struct {
	PlacementID int64
	Number      string // the placement number, PL0501
	Hirer       string // the hirer's name
	Function    string
	HourlyWage  decimal.Decimal
}

// DayHours is a quantity of one hour type on one day under one placement.
type DayHours struct {
	Date        time.Time
	PlacementID int64
	Type        domain.HourType
	Quantity    decimal.Decimal
	PayPercent  decimal.Decimal // 125 for OW125; 0 for an unpaid waiting day
	HourlyWage  decimal.Decimal // the hourly wage the % applies to
}

// Unit of a reservation balance.
type Unit string

// Reservation units.
const (
	Money Unit = "money"
	Hours Unit = "hours"
)

// ReservationBalance is one reservation scheme's movement in the period, in
// euros or hours. After must equal Before + Accrued − Drawn.
type ReservationBalance struct {
	Scheme  string // payroll.SchemeHolidayPay, payroll.SchemeHolidayHours, …
	Unit    Unit   // Money when empty
	Before  decimal.Decimal
	Accrued decimal.Decimal
	Drawn   decimal.Decimal
	After   decimal.Decimal

	noBalance bool // derived from the payslip: balances unknown
}

// YearToDate are the worker's totals of the tax year including this period.
// FiscalWage and WageTax are always shown; the others when not zero.
type YearToDate struct {
	Periods         int
	FiscalWage      decimal.Decimal // loon voor de loonheffing (table + special)
	WageTax         decimal.Decimal
	Gross           decimal.Decimal
	LabourCredit    decimal.Decimal // verrekende arbeidskorting
	PensionEmployee decimal.Decimal
	Net             decimal.Decimal
}

// lang is the language the document is written in.
func (d *Document) lang() domain.Language {
	if d.Lang != "" {
		return d.Lang
	}
	if d.Worker != nil && d.Worker.Language != "" {
		return d.Worker.Language
	}
	return domain.Dutch
}

func (d *Document) payDate() time.Time {
	if !d.PayDate.IsZero() {
		return d.PayDate
	}
	if d.Payslip != nil && !d.Payslip.PayDate.IsZero() {
		return d.Payslip.PayDate
	}
	return d.Period.PayDate()
}

// ident names a document in error messages.
func (d *Document) ident() string {
	if d == nil || d.Worker == nil {
		return "loonstrook"
	}
	return fmt.Sprintf("loonstrook %s %s", d.Worker.Number, d.Period)
}

// validate refuses a document that would print something wrong or miss an
// item BW 7:626 requires.
func (d *Document) validate() error {
	if d == nil {
		return domain.Errorf(domain.EINVALID, "loonstrook: geen document")
	}
	switch {
	case d.Agency == nil || strings.TrimSpace(d.Agency.Name) == "":
		return domain.Errorf(domain.EINVALID, "%s: naam van de werkgever ontbreekt", d.ident())
	case d.Worker == nil || strings.TrimSpace(d.Worker.FullName()) == "":
		return domain.Errorf(domain.EINVALID, "%s: naam van de werknemer ontbreekt", d.ident())
	case d.Payslip == nil:
		return domain.Errorf(domain.EINVALID, "%s: geen loonberekening", d.ident())
	case d.Period.Kind == "" || d.Period.Number == 0:
		return domain.Errorf(domain.EINVALID, "%s: periode ontbreekt", d.ident())
	case d.Payslip.Period != d.Period:
		return domain.Errorf(domain.EINVALID, "%s: de loonberekening is van periode %s", d.ident(), d.Payslip.Period)
	case !d.MinimumWageHourly.IsPositive():
		return domain.Errorf(domain.EINVALID, "%s: het wettelijk minimumloon ontbreekt (BW 7:626)", d.ident())
	case d.AgreedHoursPerWeek.IsNegative():
		return domain.Errorf(domain.EINVALID, "%s: negatieve arbeidsduur", d.ident())
	}
	switch d.lang() {
	case domain.Dutch, domain.English, domain.Polish:
	default:
		return domain.Errorf(domain.EINVALID, "%s: taal %q onbekend (nl, en, pl)", d.ident(), d.lang())
	}
	ps := d.Payslip
	for _, r := range d.Reservations {
		if !r.Before.Add(r.Accrued).Sub(r.Drawn).Equal(r.After) {
			return domain.Errorf(domain.EINVALID, "%s: reservering %s: saldo %s + %s − %s is niet %s", d.ident(),
				r.Scheme, r.Before, r.Accrued, r.Drawn, r.After)
		}
		var want decimal.Decimal
		if r.Unit == Hours {
			want = ps.LeaveHoursAccrued[r.Scheme]
		} else {
			want = ps.ReservationsAccrued[r.Scheme]
			if drawn := ps.ReservationsDrawn[r.Scheme]; !drawn.Equal(r.Drawn) {
				return domain.Errorf(domain.EINVALID, "%s: reservering %s: opname %s, de loonberekening zegt %s",
					d.ident(), r.Scheme, r.Drawn, drawn)
			}
		}
		if !want.Equal(r.Accrued) {
			return domain.Errorf(domain.EINVALID, "%s: reservering %s: opbouw %s, de loonberekening zegt %s",
				d.ident(), r.Scheme, r.Accrued, want)
		}
	}
	return nil
}

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// FileName is the PDF's file name: "loonstrook-2026-W47-1001.pdf", with
// "-concept" before the extension for a proof. The name is Dutch in every
// language, so that the agency's archive sorts one way.
func FileName(doc *Document) string {
	nr := "onbekend"
	if doc.Worker != nil && doc.Worker.Number != "" {
		nr = strings.Trim(unsafeFileChars.ReplaceAllString(doc.Worker.Number, "_"), "_")
	}
	s := "loonstrook-" + doc.Period.String() + "-" + nr
	if doc.Concept {
		s += "-concept"
	}
	return s + ".pdf"
}
