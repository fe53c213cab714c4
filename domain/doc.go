// Package domain holds Verloner's business vocabulary: the agency (administration),
// its workers (uitzendkrachten), hirers (inleners), placements, hour lines and pay
// periods, plus the small rules that belong to them (BSN elfproef, IBAN check,
// rounding). It is pure: no I/O, no SQL, no GUI. Everything else in the program
// depends on it; it depends on nothing of ours.
//
// Money, rates and hours are shopspring/decimal values, never float64. Each
// rounding the law or the CAO prescribes has its own named helper in money.go so
// that a reader can see which rule applies at which step.
package domain
