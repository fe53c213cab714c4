// Package checks is the backoffice's weekly checklist as code: the daily
// agreements of a Dutch payroll backoffice (shared/seeds/001) and the legal
// limits behind them, turned into rules that gate payroll, advances, payment,
// invoicing, deductions and the ET-regeling.
//
// Every rule has a stable ID (DOS-BSN, HRS-DAY24, …) so that stored
// checklists, confirmations and later payroll runs can refer to it; a severity
// (Blokkade stops what it gates, Waarschuwing informs); a Dutch message with
// an English translation; and a hint telling the user how to fix it. Run
// evaluates all rules for one period over plain domain values and returns a
// Checklist; the payroll-run code asks that checklist Blocks(gate) and
// BlockersFor(worker, gate) before it finalises.
//
// The package is pure: no I/O, no SQL, no clock. Everything time-dependent
// (the agency's deadlines, the moment hours were delivered, the time zone of
// the wall clock) comes in through Input, so a checklist is reproducible.
// BSN and IBAN appear in messages only masked (domain.MaskBSN/MaskIBAN).
//
// The minimum wage (PAY-WML) and the fase-A week count (PH-A) are not worked
// out here but by verloner/domain/payroll — CheckMinimumWage, WorkedWeeks and
// PhaseOn with its PhaseRules per CAO version — so that the checklist and the
// payslip apply the same rules. checks imports payroll, never the reverse.
package checks
