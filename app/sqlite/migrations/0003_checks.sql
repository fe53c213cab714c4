-- Verloner schema 3: what the weekly checklist looks at besides master data and
-- hours (sick reports, advances, deductions, proof of hours, wage/rate changes,
-- the user's confirmations and the agency's check settings) and the stored
-- checklists themselves. Money is TEXT holding a canonical decimal string;
-- dates TEXT 'YYYY-MM-DD'; moments TEXT RFC 3339 (instants, usually UTC);
-- periods TEXT as domain.Period prints them ('2026-W47', '' for none).

CREATE TABLE sick_reports (
	id            INTEGER PRIMARY KEY,
	worker_id     INTEGER NOT NULL REFERENCES workers(id),
	placement_id  INTEGER REFERENCES placements(id),
	first_day     TEXT NOT NULL,
	reported_at   TEXT NOT NULL,
	shift_start   TEXT,
	recovered_on  TEXT,
	source        TEXT NOT NULL DEFAULT 'hand' CHECK (source IN ('hand','import')),
	note          TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX sick_reports_worker ON sick_reports(worker_id, first_day);
CREATE INDEX sick_reports_first_day ON sick_reports(first_day);

CREATE TABLE advances (
	id          INTEGER PRIMARY KEY,
	worker_id   INTEGER NOT NULL REFERENCES workers(id),
	period      TEXT NOT NULL CHECK (period <> ''),
	amount      TEXT NOT NULL,
	reason      TEXT NOT NULL DEFAULT '',
	paid_on     TEXT,
	repaid_in   TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX advances_worker ON advances(worker_id, period);

CREATE TABLE deductions (
	id                 INTEGER PRIMARY KEY,
	worker_id          INTEGER NOT NULL REFERENCES workers(id),
	period             TEXT NOT NULL CHECK (period <> ''),
	kind               TEXT NOT NULL CHECK (kind IN ('boete','bekeuring','schade','huisvesting','overig')),
	amount             TEXT NOT NULL,
	description        TEXT NOT NULL DEFAULT '',
	proof_ref          TEXT NOT NULL DEFAULT '',
	proof_received_on  TEXT,
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX deductions_period ON deductions(period, worker_id);

-- Proof of hours a hirer requires (signed timesheet, weekbriefje, portal
-- approval); placement_id NULL covers all of the hirer's placements.
CREATE TABLE hour_proofs (
	id            INTEGER PRIMARY KEY,
	hirer_id      INTEGER NOT NULL REFERENCES hirers(id),
	placement_id  INTEGER REFERENCES placements(id),
	period        TEXT NOT NULL CHECK (period <> ''),
	kind          TEXT NOT NULL DEFAULT 'urenstaat',
	reference     TEXT NOT NULL DEFAULT '',
	received_at   TEXT NOT NULL,
	created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX hour_proofs_period ON hour_proofs(period, hirer_id);

-- Changes of a placement's wage, billing rate or travel allowance, written by
-- a trigger so that no code path can change a rate unseen. The checklist warns
-- about changes after the registration deadline of a period.
CREATE TABLE rate_changes (
	id            INTEGER PRIMARY KEY,
	placement_id  INTEGER NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
	changed_at    TEXT NOT NULL,
	old_wage      TEXT NOT NULL,
	new_wage      TEXT NOT NULL,
	old_rate      TEXT NOT NULL,
	new_rate      TEXT NOT NULL,
	old_travel    TEXT NOT NULL,
	new_travel    TEXT NOT NULL
) STRICT;
CREATE INDEX rate_changes_placement ON rate_changes(placement_id, changed_at);

CREATE TRIGGER placements_rate_change AFTER UPDATE OF hourly_wage, billing_rate, travel_per_km ON placements
WHEN old.hourly_wage IS NOT new.hourly_wage OR old.billing_rate IS NOT new.billing_rate
	OR old.travel_per_km IS NOT new.travel_per_km
BEGIN
	INSERT INTO rate_changes (placement_id, changed_at, old_wage, new_wage, old_rate, new_rate, old_travel, new_travel)
	VALUES (new.id, new.updated_at, old.hourly_wage, new.hourly_wage, old.billing_rate, new.billing_rate,
		old.travel_per_km, new.travel_per_km);
END;

-- The user's decision on a finding. period '' applies to every period (the
-- choice of the anonymous rate for a worker without BSN). IDs 0 mean "not about".
CREATE TABLE check_confirmations (
	id            INTEGER PRIMARY KEY,
	rule          TEXT NOT NULL CHECK (rule <> ''),
	period        TEXT NOT NULL DEFAULT '',
	worker_id     INTEGER NOT NULL DEFAULT 0,
	hirer_id      INTEGER NOT NULL DEFAULT 0,
	placement_id  INTEGER NOT NULL DEFAULT 0,
	note          TEXT NOT NULL DEFAULT '',
	confirmed_by  TEXT NOT NULL DEFAULT '',
	confirmed_at  TEXT NOT NULL,
	UNIQUE (rule, period, worker_id, hirer_id, placement_id)
) STRICT;

-- The agency's checklist thresholds as JSON (checks.Settings); one row.
CREATE TABLE check_settings (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	body  TEXT NOT NULL DEFAULT '{}'
) STRICT;

-- Every checklist run, with its counts for lists and the whole checklist as
-- JSON (BSN/IBAN only masked inside). Payroll runs will refer to a row by id.
CREATE TABLE checklists (
	id          INTEGER PRIMARY KEY,
	period      TEXT NOT NULL CHECK (period <> ''),
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL DEFAULT '',
	blockers    INTEGER NOT NULL CHECK (blockers >= 0),
	warnings    INTEGER NOT NULL CHECK (warnings >= 0),
	confirmed   INTEGER NOT NULL CHECK (confirmed >= 0),
	body        TEXT NOT NULL
) STRICT;
CREATE INDEX checklists_period ON checklists(period, created_at);
