// Package margin is the pure computation of the agency's margins: what the
// hirers were invoiced for a period against what the same workers cost in
// wages, per hour line and rolled up per hirer, worker, placement and
// function, with the comparison periods, the year to date and the backoffice
// settlement. It does no I/O: app/margins loads final payroll runs and issued
// invoices and hands them in as Cost and Revenue; exporters/margin writes the
// PDF and XLSX files.
//
// # Definitions
//
//	revenue    Σ invoice line amounts of the period's issued invoices, each
//	           quantity × rate × bill %/100 rounded once to cents (the
//	           invoice's own rounding rule 1); credit notes count negative.
//	           Hour lines of a period that has a final payroll run but that no
//	           issued invoice bills yet are priced the same way from the
//	           approved hours (invoice.FromHours) and marked Estimated.
//	wage cost  payroll.Payslip.WageCost of the period's final runs (a
//	           correction run adds its differences): gross wage − what was
//	           paid from reserves (costed when it was reserved) + untaxed
//	           allowances other than expense refunds (those are re-billed) +
//	           reservations accrued + employer premiums and Zvw + employer
//	           pension. Cost keeps the components so that the spreadsheet
//	           shows the sum.
//	margin     revenue − wage cost.
//	hours      billed hours: the quantity of invoice lines in hours (HUR);
//	           kilometres and expenses are revenue but no hours.
//	per hour   margin / hours, rounded half away from zero to cents; none
//	           (null) without hours.
//	margin %   margin / revenue × 100, rounded to two decimals; none without
//	           revenue.
//
// Per-hour and percentage figures of a group are computed from the group's
// sums, never added up from its members.
//
// # Allocation of a worker's wage cost
//
// A payslip costs one amount for the whole period, while revenue arrives per
// placement and hour type. The wage cost is spread over the worker's hour
// lines (placement × hour type) pro rata to their paid hours — the hours the
// payslip paid (verloonde uren), so unbilled leave and sick hours carry their
// share too and a worker who worked for two hirers costs each in proportion
// to the hours paid for that hirer. Rates are not weighed: an overtime hour
// takes the same share as a normal hour, which keeps the key visible in the
// payroll journal (hours per worker) and on the payslip.
//
// Cents are allocated by cumulative rounding: with the worker's lines in a
// fixed order (placement number, hour type in payslip order), line i gets
//
//	round(C × H₁..ᵢ / H) − round(C × H₁..ᵢ₋₁ / H)
//
// where C is the wage cost, H the worker's paid hours and H₁..ᵢ the running
// total of paid hours up to line i. The lines add up to C exactly, each is
// within a cent of its exact share, and the spreadsheet writes the same
// formula, so the accountant can recompute every allocated amount. A worker
// with wage cost but no paid hours (a payout of reserves only) keeps the
// cost on one line without placement ("niet toe te rekenen").
//
// Revenue of a worker without a final payslip in the period (left out of the
// run for a blocker, say) stays revenue with no cost yet; such lines carry
// CostMissing so that no one mistakes a 100 % margin for a real one.
package margin
