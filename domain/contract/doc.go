// Package contract holds the employment contracts (uitzendovereenkomsten)
// an agency makes with its temp workers: the terms of each version, the
// register of versions per worker, the agency's CAO settings for contracts
// and sickness, the editable contract templates with their placeholders,
// and the checks that warn when someone works past a contract's end date or
// without a signed contract. It is pure: no I/O, no SQL, no clock.
//
// # Contracts, numbers and versions
//
// A worker can have several contracts over time (a fase-A contract with
// uitzendbeding, later fase-B contracts, a fase-C contract). Each contract
// has a Number per worker (1, 2, …). A change to a running contract — an
// extension, a wage change, an early end — does not edit the signed text but
// makes a new Version of the same Number, effective from a date, that has to
// be signed again. The version in force on a date is the highest version of
// the latest contract whose EffectiveFrom is on or before that date. Every
// version keeps the text it was issued with (Body), so that the PDF printed
// years later is the one the worker signed.
//
// # Templates
//
// The contract text comes from an agency template per language (nl, en, pl)
// with placeholders such as {{werknemer_naam}} and conditional blocks
// {{als uitzendbeding}} … {{anders}} … {{einde}} (see Fields and Parse).
// The built-in templates (DefaultTemplate) follow the CAO voor
// Uitzendkrachten 2026–2028 as shared/domain/nl-payroll-2026.md §7 describes
// it; the agency edits its own copy in Instellingen.
//
// # Rules applied (sources in shared/domain/nl-payroll-2026.md)
//
//   - Uitzendbeding only in fase A; fase B contracts have a fixed end date and
//     no uitzendbeding; fase C is for indefinite time (§7.2, CAO 2026–2028 art. 14).
//   - At most two waiting days per sickness spell (BW 7:629 lid 9) and sick
//     pay of at least 70 % (BW 7:629 lid 1); the agency's CAO setting decides
//     the exact figures (§7.4: in 2026 they follow the hirer's scheme).
//   - Since 1-7-2023 a contract with uitzendbeding no longer ends because the
//     worker falls sick; when it ends while the worker is still sick the agency
//     reports the worker to UWV on the end date for the Ziektewet (ZW) and tops
//     the benefit up (§7.4; ABU/NBBU CAO change of 1-7-2023 after HR 17-3-2023).
//   - ET-regeling: a written clause in the contract stating the period; the
//     exchange at most 30 % of the gross wage, never below the minimum wage
//     (CAO 2026–2028 art. 37, §6); the fiscal maximum for actual ET costs is
//     five years.
//   - Minimum agreed hours per week: an agency setting (seed 001 asks for at
//     least 4 fixed hours in contracts with uitzendbeding; §7.4 calls a CAO
//     minimum-hours rule unverified, so it is not built in as law).
package contract
