// Package invoice is the pure model of the agency's sales invoices and credit
// notes to hirers (inleners): the lines per worker × hour type, the VAT
// breakdown, the G-rekening split, document numbering and the checks that
// must pass before anything is written. It does no I/O and no SQL; storage
// (gap-free numbering in the finalising transaction, the debtors ledger) and
// the output formats (UBL, PDF) live elsewhere.
//
// # Content (art. 35a lid 1 Wet OB 1968, nl-payroll-2026.md §9.1)
//
// An Invoice carries every item the article requires: (a) IssueDate, (b) a
// unique sequential Number (see Series), (c) the supplier's VAT id, (d) the
// customer's VAT id when the VAT is reverse-charged, (e) full names and
// addresses of Supplier and Customer, (f) quantity and nature of the service
// per Line, (g) the date of supply as PeriodStart–PeriodEnd, (h) the taxable
// amount per rate (VATBreakdown) and the unit price excl. VAT (Line.UnitPrice),
// (i) the VAT rate, (j) the VAT amount, and (m) the text "btw verlegd"
// (ReverseChargeText) when the customer owes the VAT. For the hirer's
// inlenersaansprakelijkheid safeguard (§9.3) it also carries the placement
// (contract) reference, the period and the description of the work (Notes).
//
// # Rounding rules
//
//  1. Line amount: Quantity × Rate × BillPercent/100, rounded once to whole
//     cents, half away from zero (domain.RoundCents). The unit price shown
//     (Rate × BillPercent/100) is not rounded. Source: the brief's rule
//     "rounded to cents at the line"; EN 16931 BT-131 (line net amount) is a
//     two-decimal amount (BR-DEC-23) and BT-106 is the sum of BT-131 (BR-CO-10).
//  2. VAT: per VAT category and rate, VAT = taxable amount × rate/100 with the
//     taxable amount the sum of the already-rounded line amounts, rounded once
//     to cents, half away from zero. VAT is never computed per line, so the sum
//     of per-line VAT (which can drift by a cent per line) plays no part.
//     Source: EN 16931 BT-117 "VAT category tax amount = VAT category taxable
//     amount × VAT rate / 100, rounded to two decimals" (rules BR-CO-17,
//     BR-S-09 in the SI-UBL 2.0 schematron).
//  3. Payable = net total + VAT total; no payable rounding (BT-114 unused).
//  4. G-rekening share: GAmount = Payable × GSharePercent/100 rounded UP to
//     whole cents (away from zero, decimal.RoundUp); RegularAmount = Payable −
//     GAmount, so the two payments add up to the payable amount exactly. The
//     rounding of the G share is not fixed by any source we have
//     (nl-payroll-2026.md §9.3: "UNVERIFIED (cents; agencies often round up)").
//     Rounding up guarantees the G deposit is never below the percentage the
//     hirer's safeguard (vrijwaring) depends on; the SETU G-account example
//     (25 % of 771.98 = 192.995 → 193.00) agrees with it.
//
// # Percentages
//
// VAT 21 % (StandardVATRate) for the supply of personnel; category AE with 0 %
// when the hirer is reverse-charged. G share: the hirer's agreed percentage
// (Hirer.GSharePercent when > 0), otherwise 25 % of the total incl. VAT, or 20 %
// when the VAT is reverse-charged.
package invoice
