-- Verloner schema 7: employment contracts (uitzendovereenkomsten) with their
-- versions, the agency's contract templates per language and CAO settings,
-- and what the backoffice records on a sick report (absence follow-up and
-- re-integration notes). Money and hours are TEXT holding a canonical
-- decimal string; dates TEXT 'YYYY-MM-DD'; moments TEXT RFC 3339 in UTC.
-- (Schema 6 is the margins migration.)

-- The agency's own contract text per language; without a row the built-in
-- template of domain/contract is used.
CREATE TABLE contract_templates (
	language    TEXT PRIMARY KEY CHECK (language IN ('nl','en','pl')),
	body        TEXT NOT NULL CHECK (body <> ''),
	updated_at  TEXT NOT NULL,
	updated_by  TEXT NOT NULL DEFAULT ''
) STRICT;

-- The CAO settings for contracts and sickness as JSON (contract.Settings); one row.
CREATE TABLE contract_settings (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	body  TEXT NOT NULL DEFAULT '{}'
) STRICT;

-- One row per version of a worker's contract. A change (extension, wage
-- change, end) is a new version of the same number; a signed version never
-- changes and is never deleted (the trigger below), so the text the worker
-- signed stays on file.
CREATE TABLE contracts (
	id                   INTEGER PRIMARY KEY AUTOINCREMENT,
	worker_id            INTEGER NOT NULL REFERENCES workers(id),
	placement_id         INTEGER REFERENCES placements(id),
	number               INTEGER NOT NULL CHECK (number > 0),
	version              INTEGER NOT NULL CHECK (version > 0),
	reason               TEXT NOT NULL CHECK (reason IN ('nieuw','verlenging','loonwijziging','beeindiging')),
	supersedes           INTEGER REFERENCES contracts(id),
	effective_from       TEXT NOT NULL,
	start_date           TEXT NOT NULL,
	end_date             TEXT,
	phase                TEXT NOT NULL CHECK (phase IN ('A','B','C')),
	phase_weeks          INTEGER NOT NULL DEFAULT 0,
	uitzendbeding        INTEGER NOT NULL CHECK (uitzendbeding IN (0,1)),
	language             TEXT NOT NULL CHECK (language IN ('nl','en','pl')),
	hirer_name           TEXT NOT NULL DEFAULT '',
	function             TEXT NOT NULL DEFAULT '',
	agreed_hours         TEXT NOT NULL,
	hourly_wage          TEXT NOT NULL,
	wage_scale           TEXT NOT NULL DEFAULT '',
	cao                  TEXT NOT NULL DEFAULT '',
	pension              TEXT NOT NULL DEFAULT '',
	pension_employee_pct TEXT NOT NULL DEFAULT '0',
	holiday_pay_pct      TEXT NOT NULL DEFAULT '0',
	waiting_days         INTEGER NOT NULL CHECK (waiting_days BETWEEN 0 AND 2),
	sick_pay_pct         TEXT NOT NULL,
	sick_pay_pct_year2   TEXT NOT NULL,
	et_from              TEXT,
	et_until             TEXT,
	et_max_pct           TEXT NOT NULL DEFAULT '0',
	body                 TEXT NOT NULL,
	signed_on            TEXT,
	created_at           TEXT NOT NULL,
	created_by           TEXT NOT NULL DEFAULT '',
	UNIQUE (worker_id, number, version),
	CHECK (end_date IS NULL OR end_date >= start_date),
	CHECK (effective_from >= start_date)
) STRICT;
CREATE INDEX contracts_worker ON contracts(worker_id, number, version);

CREATE TRIGGER contracts_signed_update BEFORE UPDATE ON contracts
WHEN old.signed_on IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'getekend contract kan niet worden gewijzigd; maak een nieuwe versie');
END;
CREATE TRIGGER contracts_signed_delete BEFORE DELETE ON contracts
WHEN old.signed_on IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'getekend contract kan niet worden verwijderd');
END;

-- What the backoffice recorded on a sick report: reports to the arbodienst
-- and UWV, the re-integration steps and, when it differs from the register,
-- the date the contract ends during the sickness.
CREATE TABLE absence_followups (
	sick_report_id       INTEGER PRIMARY KEY REFERENCES sick_reports(id) ON DELETE CASCADE,
	arbo_reported_on     TEXT,
	problem_analysis_on  TEXT,
	action_plan_on       TEXT,
	uwv42_reported_on    TEXT,
	zw_reported_on       TEXT,
	contract_end_on      TEXT,
	updated_at           TEXT NOT NULL,
	updated_by           TEXT NOT NULL DEFAULT ''
) STRICT;

-- Dated re-integration notes per sick report, append-only.
CREATE TABLE absence_notes (
	id              INTEGER PRIMARY KEY,
	sick_report_id  INTEGER NOT NULL REFERENCES sick_reports(id) ON DELETE CASCADE,
	note_date       TEXT NOT NULL,
	kind            TEXT NOT NULL DEFAULT 'notitie',
	text            TEXT NOT NULL CHECK (text <> ''),
	created_at      TEXT NOT NULL,
	created_by      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX absence_notes_report ON absence_notes(sick_report_id, note_date);
CREATE TRIGGER absence_notes_update BEFORE UPDATE ON absence_notes
BEGIN
	SELECT RAISE(ABORT, 'verzuimnotitie kan niet worden gewijzigd; voeg een nieuwe toe');
END;
