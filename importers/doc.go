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
//
// What is read:
//
//   - Files are recognised by content: XLSX (read with excelize, streaming,
//     raw values; dates converted here, 1904 system honoured; cached results
//     of formulas; merged cells filled from their top-left cell; a formula
//     saved without a result is a row error), CSV (';', ',' or tab, quoted
//     fields, UTF-8 with or without BOM, else Windows-1252) and SETU Timecard
//     XML v1.x and 2.0. A real .xls is refused with a clear message; a CSV
//     renamed .xls is read as CSV. Files over MaxFileSize, sheets over MaxRows
//     and zip bombs (checked from the zip directory before excelize reads
//     anything) are refused.
//   - The header row is found among the first rows by Dutch and English
//     synonyms (fields.go); a Template can pin it, skip rows, map columns,
//     recode the hirer's hour-type codes and set defaults.
//   - Hour sheets come in three layouts: long (worker × date × hour type),
//     wide (worker × date, a column per hour type) and week grid (a column per
//     weekday or date, the week number in a cell above the table or a column).
//     Quantities: decimal comma or dot, h:mm, minutes, time-formatted cells,
//     or start/end/break times (a night shift counts to its start day, or to
//     its end day by template).
//   - Placement lists: workers, hirers and placements in one sheet or
//     several, classified by their columns and sheet names.
//
// Every message carries a key with its arguments and both the Dutch and the
// English text, located by file, sheet, row and column with the value found;
// a BSN or IBAN in a message is always masked.
package importers
