-- Verloner schema 2: import templates, and what imports need to be idempotent
-- and replaceable. Per import file: its period (whole ISO weeks), template,
-- status and the file that replaced it; per hour line: the import file it came
-- from and its key in that source (a SETU interval id), so that a changed file
-- or a SETU correction can void exactly its own lines.

ALTER TABLE import_files ADD COLUMN period_from TEXT;
ALTER TABLE import_files ADD COLUMN period_to TEXT;
ALTER TABLE import_files ADD COLUMN template TEXT NOT NULL DEFAULT '';
ALTER TABLE import_files ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','replaced'));
ALTER TABLE import_files ADD COLUMN replaced_by INTEGER REFERENCES import_files(id);
ALTER TABLE import_files ADD COLUMN os_user TEXT NOT NULL DEFAULT '';
-- The identity of a source whose later versions replace earlier ones when it is
-- not just hirer + period: 'setu:' + the timecard id.
ALTER TABLE import_files ADD COLUMN source TEXT NOT NULL DEFAULT '';
CREATE INDEX import_files_source ON import_files(kind, hirer_id, period_from, period_to);

ALTER TABLE hour_lines ADD COLUMN import_file_id INTEGER REFERENCES import_files(id);
ALTER TABLE hour_lines ADD COLUMN source_key TEXT NOT NULL DEFAULT '';

-- A hirer's mapping of its own file layout. Scalars as columns, the column
-- mapping and the hour-type recoding as JSON text.
CREATE TABLE import_templates (
	id            INTEGER PRIMARY KEY,
	hirer_id      INTEGER REFERENCES hirers(id) ON DELETE CASCADE,
	name          TEXT NOT NULL CHECK (name <> ''),
	kind          TEXT NOT NULL CHECK (kind IN ('hours','placements')),
	layout        TEXT NOT NULL DEFAULT '' CHECK (layout IN ('','long','wide','week')),
	sheet         TEXT NOT NULL DEFAULT '',
	header_row    INTEGER NOT NULL DEFAULT 0 CHECK (header_row >= 0),
	skip_rows     INTEGER NOT NULL DEFAULT 0 CHECK (skip_rows >= 0),
	delimiter     TEXT NOT NULL DEFAULT '',
	decimal_sign  TEXT NOT NULL DEFAULT '' CHECK (decimal_sign IN ('',',','.')),
	date_order    TEXT NOT NULL DEFAULT '' CHECK (date_order IN ('','DMY','YMD','MDY')),
	unit          TEXT NOT NULL DEFAULT '' CHECK (unit IN ('','hours','minutes','days')),
	night_shift   TEXT NOT NULL DEFAULT '' CHECK (night_shift IN ('','start','end')),
	default_type  TEXT NOT NULL DEFAULT '',
	week          INTEGER NOT NULL DEFAULT 0,
	year          INTEGER NOT NULL DEFAULT 0,
	columns       TEXT NOT NULL DEFAULT '[]',
	recode        TEXT NOT NULL DEFAULT '{}',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX import_templates_name ON import_templates(ifnull(hirer_id, 0), name);
