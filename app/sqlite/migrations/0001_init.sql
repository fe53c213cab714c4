-- Verloner schema 1: master data, hour lines, import files and the audit log.
-- Money, rates and quantities are TEXT holding a canonical decimal string (NUMERIC
-- affinity would silently turn "0.10" into a float and lose cents). Dates are
-- TEXT 'YYYY-MM-DD', moments TEXT RFC 3339 in UTC. Every table is STRICT.

CREATE TABLE agency (
	id                INTEGER PRIMARY KEY CHECK (id = 1),
	name              TEXT NOT NULL,
	street            TEXT NOT NULL DEFAULT '',
	postal_code       TEXT NOT NULL DEFAULT '',
	city              TEXT NOT NULL DEFAULT '',
	country           TEXT NOT NULL DEFAULT 'NL',
	kvk               TEXT NOT NULL DEFAULT '',
	vat_id            TEXT NOT NULL DEFAULT '',
	iban              TEXT NOT NULL DEFAULT '',
	g_iban            TEXT NOT NULL DEFAULT '',
	loonheffingen_nr  TEXT NOT NULL DEFAULT '',
	sector            INTEGER NOT NULL DEFAULT 52,
	employer_size     TEXT NOT NULL DEFAULT 'small' CHECK (employer_size IN ('small','medium','large')),
	frequency         TEXT NOT NULL DEFAULT 'week' CHECK (frequency IN ('week','4weeks','month')),
	deadlines         TEXT NOT NULL DEFAULT '{}',
	email             TEXT NOT NULL DEFAULT '',
	phone             TEXT NOT NULL DEFAULT '',
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL
) STRICT;

CREATE TABLE workers (
	id                     INTEGER PRIMARY KEY,
	number                 TEXT NOT NULL UNIQUE,
	initials               TEXT NOT NULL DEFAULT '',
	first_name             TEXT NOT NULL DEFAULT '',
	prefix                 TEXT NOT NULL DEFAULT '',
	last_name              TEXT NOT NULL,
	birth_date             TEXT,
	bsn                    TEXT NOT NULL DEFAULT '',
	nationality            TEXT NOT NULL DEFAULT '',
	street                 TEXT NOT NULL DEFAULT '',
	postal_code            TEXT NOT NULL DEFAULT '',
	city                   TEXT NOT NULL DEFAULT '',
	country                TEXT NOT NULL DEFAULT '',
	email                  TEXT NOT NULL DEFAULT '',
	phone                  TEXT NOT NULL DEFAULT '',
	iban                   TEXT NOT NULL DEFAULT '',
	id_type                TEXT NOT NULL DEFAULT '',
	id_number              TEXT NOT NULL DEFAULT '',
	id_expiry              TEXT,
	apply_tax_credit       INTEGER NOT NULL DEFAULT 0 CHECK (apply_tax_credit IN (0,1)),
	tax_credit_signed_on   TEXT,
	single_elderly_credit  INTEGER NOT NULL DEFAULT 0 CHECK (single_elderly_credit IN (0,1)),
	phase                  TEXT NOT NULL DEFAULT 'A' CHECK (phase IN ('A','B','C')),
	contract_type          TEXT NOT NULL DEFAULT '',
	uitzendbeding          INTEGER NOT NULL DEFAULT 1 CHECK (uitzendbeding IN (0,1)),
	language               TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl','en','pl')),
	reservations           TEXT NOT NULL DEFAULT 'reserved' CHECK (reservations IN ('reserved','weekly')),
	et_eligible            INTEGER NOT NULL DEFAULT 0 CHECK (et_eligible IN (0,1)),
	et_home_abroad         TEXT,
	et_travel_costs        TEXT,
	et_housing_snf         TEXT,
	et_residence_check     TEXT,
	contract_signed_on     TEXT,
	deduction_auth_signed  TEXT,
	start_date             TEXT,
	end_date               TEXT,
	created_at             TEXT NOT NULL,
	updated_at             TEXT NOT NULL
) STRICT;
CREATE INDEX workers_bsn ON workers(bsn);

CREATE TABLE hirers (
	id                 INTEGER PRIMARY KEY,
	number             TEXT NOT NULL UNIQUE,
	name               TEXT NOT NULL,
	street             TEXT NOT NULL DEFAULT '',
	postal_code        TEXT NOT NULL DEFAULT '',
	city               TEXT NOT NULL DEFAULT '',
	country            TEXT NOT NULL DEFAULT 'NL',
	kvk                TEXT NOT NULL DEFAULT '',
	vat_id             TEXT NOT NULL DEFAULT '',
	contact_name       TEXT NOT NULL DEFAULT '',
	contact_email      TEXT NOT NULL DEFAULT '',
	invoice_email      TEXT NOT NULL DEFAULT '',
	payment_term_days  INTEGER NOT NULL DEFAULT 14 CHECK (payment_term_days >= 0),
	credit_checked_on  TEXT,
	credit_limit       TEXT NOT NULL DEFAULT '0',
	g_share_percent    TEXT NOT NULL DEFAULT '0',
	reverse_charge     INTEGER NOT NULL DEFAULT 0 CHECK (reverse_charge IN (0,1)),
	proof_of_hours     INTEGER NOT NULL DEFAULT 0 CHECK (proof_of_hours IN (0,1)),
	rem_basis          TEXT NOT NULL DEFAULT 'inlenersbeloning',
	rem_cao            TEXT NOT NULL DEFAULT '',
	rem_signed_on      TEXT,
	rem_signed_by      TEXT NOT NULL DEFAULT '',
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE remuneration_components (
	hirer_id     INTEGER NOT NULL REFERENCES hirers(id) ON DELETE CASCADE,
	seq          INTEGER NOT NULL,
	name         TEXT NOT NULL,
	description  TEXT NOT NULL DEFAULT '',
	value        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (hirer_id, seq)
) STRICT;

CREATE TABLE worker_aliases (
	hirer_id   INTEGER NOT NULL REFERENCES hirers(id) ON DELETE CASCADE,
	code       TEXT NOT NULL,
	worker_id  INTEGER NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
	PRIMARY KEY (hirer_id, code)
) STRICT;

CREATE TABLE placements (
	id             INTEGER PRIMARY KEY,
	number         TEXT NOT NULL UNIQUE,
	worker_id      INTEGER NOT NULL REFERENCES workers(id),
	hirer_id       INTEGER NOT NULL REFERENCES hirers(id),
	function       TEXT NOT NULL DEFAULT '',
	cost_centre    TEXT NOT NULL DEFAULT '',
	start_date     TEXT NOT NULL,
	end_date       TEXT,
	hourly_wage    TEXT NOT NULL,
	billing_rate   TEXT NOT NULL,
	travel_per_km  TEXT NOT NULL DEFAULT '0',
	basis          TEXT NOT NULL DEFAULT 'inlenersbeloning',
	phase          TEXT NOT NULL DEFAULT 'A',
	wage_scale     TEXT NOT NULL DEFAULT '',
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX placements_worker ON placements(worker_id);
CREATE INDEX placements_hirer ON placements(hirer_id);

CREATE TABLE placement_rates (
	placement_id  INTEGER NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
	hour_type     TEXT NOT NULL,
	pay_percent   TEXT NOT NULL,
	bill_percent  TEXT NOT NULL,
	PRIMARY KEY (placement_id, hour_type)
) STRICT;

CREATE TABLE hour_lines (
	id            INTEGER PRIMARY KEY,
	placement_id  INTEGER NOT NULL REFERENCES placements(id),
	work_date     TEXT NOT NULL,
	hour_type     TEXT NOT NULL,
	quantity      TEXT NOT NULL,
	pay_percent   TEXT NOT NULL,
	bill_percent  TEXT NOT NULL,
	source_file   TEXT NOT NULL DEFAULT '',
	source_sheet  TEXT NOT NULL DEFAULT '',
	source_row    INTEGER NOT NULL DEFAULT 0,
	source_hash   TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL DEFAULT 'imported' CHECK (status IN ('imported','approved','paid','void')),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX hour_lines_date ON hour_lines(work_date);
CREATE INDEX hour_lines_placement ON hour_lines(placement_id, work_date);
CREATE INDEX hour_lines_source ON hour_lines(source_hash);

-- One row per imported file (content hash), so the same file again adds nothing.
CREATE TABLE import_files (
	id           INTEGER PRIMARY KEY,
	hash         TEXT NOT NULL UNIQUE,
	file_name    TEXT NOT NULL,
	kind         TEXT NOT NULL,
	hirer_id     INTEGER REFERENCES hirers(id),
	period       TEXT NOT NULL DEFAULT '',
	line_count   INTEGER NOT NULL DEFAULT 0,
	imported_at  TEXT NOT NULL
) STRICT;

-- Who (OS user) changed what and when. Details never hold a whole BSN or IBAN.
CREATE TABLE audit_log (
	id         INTEGER PRIMARY KEY,
	at         TEXT NOT NULL,
	os_user    TEXT NOT NULL,
	entity     TEXT NOT NULL,
	entity_id  INTEGER NOT NULL DEFAULT 0,
	action     TEXT NOT NULL,
	detail     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
