// Package payroll computes a temp worker's payslip from gross to net for one
// pay period, the employer's costs on it, the minimum-wage findings of the hours
// and the worker's phase in the CAO voor Uitzendkrachten. It is pure domain
// code: no I/O, no SQL, no GUI. Figures come from the dated parameter pack of
// the pay date's year (verloner/domain/params); wage tax from
// verloner/domain/wagetax. "§" below refers to shared/domain/nl-payroll-2026.md.
//
// # API
//
//	Calculate(p *params.Pack, in Input) (*Payslip, error)   // p must be the pack of in.PayDate's year
//	CalculateFor(s *params.Set, in Input) (*Payslip, error) // picks the pack; s.For refuses a year without one
//	CheckMinimumWage(p, worker, placements, lines, other) ([]Finding, error)
//	WorkedWeeks(lines) []WeekMark; PhaseOn(weeks, date, PhaseOptions) PhaseStatus
//
// Calculate is safe for concurrent use. Per-pack constants are derived once
// and cached by pack pointer; the calculation state is pooled. A payroll run
// calls it once per worker (in parallel if it likes); a pro-forma calculation
// calls it with unapproved hours. Errors are *domain.Error with a Dutch
// message; items that are not applied (a deduction without authorisation, ET
// above its limit) are not errors but Findings in Payslip.Skipped.
//
// # Gross to net, step by step
//
//  1. Hour lines are aggregated per placement, hour type and pay % into one
//     payslip line each: hours × (hourly wage × pay %), rounded once. The pay
//     % is the line's, else the placement's agreed rate, else the CAO default
//     (OW125 125, OW150 150, OW200 200, ORT 120, others 100). Every hour line is
//     a complete paid hour: ORT and overtime hours are not also booked as NORM.
//     ZIEK: Sick.PayPercent if set; the first Sick.WaitingDays dates of each
//     new spell (a domain.SickReport starting in the period, not within four
//     weeks of an earlier recovery — BW 7:629 lid 10) are unpaid waiting days
//     (at most 2, BW 7:629 lid 9). VAK and
//     FEEST hours of a year whose pack reserves money for them (2025) are paid
//     from that reserve (reserved mode) or were already paid weekly (weekly
//     mode: shown at € 0); in 2026 the agency pays them as wage.
//  2. Kilometres (KM lines × the placement's rate per km, and per-km
//     allowances flagged untaxed): untaxed up to the pack's rate per km (§6:
//     € 0,25 in 2026, € 0,23 in 2025), the excess is taxed wage.
//  3. Allowances per hour, day, km, piece or fixed; taxable or untaxed (the
//     caller vouches for the exemption of an untaxed one).
//  4. Reservations: every money scheme of the pack (2026: only vakantiebijslag
//     8 %, §7.4; 2025: vakantiebijslag 8,33 %, vakantiedagen 10,92 %,
//     feestdagen 3,06 %, kort verzuim 0,60 %), rate overridable per worker
//     (Input.ReservationRates). Vakantiebijslag accrues over every paid hour
//     amount plus allowances flagged ReservationBase; the leave schemes over
//     worked and sick hours × the hourly wage. Worker.Reservations "reserved":
//     accrued (reservation lines, Payslip.ReservationsAccrued); "weekly": paid
//     with the wage and taxed by the period table (holiday pay paid every
//     period is regular wage, not a bijzondere beloning — §3.3, SEC). Hours
//     schemes (2026 vakantie-uren 8,51 %) accrue hours (LeaveHoursAccrued).
//  5. Payouts of reserves (Extras.Payouts) are bijzondere beloningen, taxed with
//     wagetax.Special at the jaarloon (Input.Jaarloon, or estimated from this
//     year's wage, with a note). A pack without the table (2025) is refused.
//  6. ET-uitruil (Extras.ETCosts): only for Worker.ETEligible with
//     Worker.ET.Complete(); exchanged = min(costs, the amount that keeps the
//     hourly wage on every date at or above that date's minimum wage — CAO
//     art. 37 lid 2 sub b —, from 2026 30 % of the regular gross wage — sub
//     c —), limits rounded down to cents; the rest is reported as skipped. The
//     exchange is a negative gross line and an untaxed ET allowance.
//  7. StiPP (§7.5): pensioengevend loon = gross before the ET exchange (SV wage
//     + the employee premium + exchanged wage), at most MaxHourly × paid hours;
//     grondslag = that − franchise × paid hours, ≥ 0, rounded to cents;
//     employee and employer % of the scheme (2026: 7,5 / 15,9; 2025 Basis 0 / 8
//     until 52 sector weeks (Input.SectorWeeks), Plus 4 / 8). Participation
//     from the month the worker turns 18 to the month of AOW age, judged on the
//     period's last day. The employee premium is withheld before wage tax,
//     from the regular wage first and from special rewards for the rest.
//  8. Wage tax: wagetax.Compute on the tijdvakloon (regular wage − ET −
//     pension) with the loonheffingskorting only when Worker.ApplyTaxCredit and
//     a statement signed on or before the pay date; the
//     alleenstaande-ouderenkorting when asked and at AOW age. AOW group from
//     the birth date on the pay date: the AOW columns from the first day of the
//     month in which AOW age (params.Pack.AOWAge, 67) is reached (§1).
//     Anoniementarief (52 %, also on special rewards) without a valid BSN
//     (domain.ValidBSN) or when Input.AnonymousForced.
//  9. Net expense refunds (DECL lines, Extras.Expenses) are added untaxed.
//  10. Deductions from net (domain.Deduction: boete, bekeuring, schade,
//     huisvesting, overig) only with Worker.DeductionAuthSigned on or before
//     the pay date, penalties only with their proof (HasProof); housing at most
//     25 % of the minimum wage over the period's paid hours (§6). Open
//     advances (domain.Advance) are withheld. Deductions and advances never
//     take the net below zero. Whatever is not applied is reported in
//     Payslip.Skipped with the reason and the item's ID (Finding.RefID); the
//     lines carry the IDs of what was withheld (Line.RefID).
//
// The identity every payslip satisfies (checked in the tests over generated
// inputs): Net = Σ gross lines + Σ taxable-allowance lines + Σ untaxed-allowance
// lines − Σ deduction lines, where the deduction lines are the employee
// pension, the wage tax, the authorised deductions and the advance; equivalently
// Net = Gross − PensionEmployee − WageTax − Deductions + Untaxed, with
// TaxableWage = TableWage + SpecialWage = Gross − PensionEmployee.
//
// # Employer costs (§4)
//
// Premieloon and Zvw-bijdrageloon = loon voor de loonheffing (after pension and
// ET), capped per period at the annual maximum / F rounded down to cents.
// Zvw werkgeversheffing on every worker. AWf hoog unless fase C without
// uitzendbeding (Besluit Wfsv art. 2.4 lid 2); always laag for bbl
// (Input.BBL) and for under-21s with at most 48 paid hours per 4 weeks / 52 per
// month / 12 per week [DER]. Aof laag for a small employer, hoog otherwise; Wko
// 0,50 % on the same base. Whk: small employers the sector-52 rate (WGA +
// ZW-flex; fase C without uitzendbeding only WGA), others Input.WhkRate. No
// AWf/Aof/Wko/Whk once the worker has reached AOW age on the period's first day
// (employee insurances end at AOW age — general rule, not in §4). Employer
// StiPP premium. Wage cost = gross + untaxed allowances (except expense
// refunds, which are re-billed) − amounts paid from reserves + reservations
// accrued + employer costs; per hour = / worked hours (NORM, overtime, ORT).
//
// # Roundings
//
// Each is a named function in rounding.go citing its source: payslip lines
// half up to cents once per line (no legal rule); reservations, StiPP and
// employer premiums half up to cents (aangifte employee amounts are cents,
// §3.6; StiPP example §7.5); the StiPP grondslag half up to cents (§7.5);
// limits (ET, housing cap, maximum premieloon per period) down to cents;
// wage tax per the Rekenvoorschriften inside wagetax (§3.2–3.4); bijzonder
// tarief and anoniementarief half up to cents (UNVERIFIED, §3.3); leave hours
// to hundredths; wage cost per hour half up to cents. Arithmetic is exact
// decimal throughout (fast.go computes on int64 coefficients when they fit and
// falls back to shopspring/decimal otherwise; never floating point).
//
// # Not implemented (see the report / TODOs)
//
//   - AWf herziening (Besluit Wfsv art. 2.3: contract ended within 2 months,
//     > 30 % extra hours): needs a year's contract history.
//   - Premiums when AOW age is reached inside a period are not prorated (noted).
//   - Fines: the BW 7:650 cap (half a day's wage per week) and the Wml art. 13
//     protection of the minimum wage against deductions other than housing.
//   - Cumulative (year) premium-wage caps: the cap is per period.
//   - Employee recovery of 50 % of the WGA premium (Handboek §7.6.9).
//   - The ET 5-year maximum and the old ET recruitment conditions.
package payroll
