-- Import speed: hour_lines_source (an index on hour_lines.source_hash) served
-- no query — nothing selects, joins or orders hour lines by source hash; the
-- lines of one import file are found by import_file_id (schema 2) and lines
-- by period through hour_lines_date and hour_lines_placement. It only cost
-- an index insert for every imported line (about a tenth of storing a
-- 100,000-line file). The column stays; so does its value on every line.
DROP INDEX IF EXISTS hour_lines_source;
