// Package importers reads the files hirers send an agency — hour sheets and
// placement lists in their own Excel or CSV layouts, and SETU Timecard XML —
// into neutral records with a status and located messages per row.
//
// It is pure parsing: it knows nothing of the database, so the same code runs
// in the preview (nothing written) and in tests and fuzzers. Matching records
// to workers and placements, and writing them, is app/importing's job.
//
// Why a package of its own: hirers' files are the least trustworthy input the
// program gets (merged cells, formulas, Windows-1252, 1904 dates, renamed .xls
// files, zip bombs). Keeping every byte-level concern here keeps the use case
// simple and lets the fuzzers hammer exactly the code that sees raw bytes.
package importers
