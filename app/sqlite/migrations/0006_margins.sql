-- Verloner schema 6: margin settlements for agencies whose payroll a
-- backoffice firm runs. The margins themselves are not stored: they are
-- computed from the final payroll runs and the issued invoices, which never
-- change, so a stored copy could only go stale. What is stored is the fee
-- agreement and the agency's approval of a period's settlement statement,
-- with the figures it approved. Money is TEXT holding a canonical decimal
-- string; moments TEXT RFC 3339 in UTC; every table is STRICT.

-- The backoffice fee (margin.Fee); one row, absent until first saved.
-- fee_rate: euros per worker-week or per paid hour, or the % of the margin.
CREATE TABLE margin_settings (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	fee_kind    TEXT NOT NULL DEFAULT '' CHECK (fee_kind IN ('', 'per_worker_week', 'per_hour', 'percent_of_margin')),
	fee_rate    TEXT NOT NULL DEFAULT '0',
	backoffice  TEXT NOT NULL DEFAULT '',
	updated_at  TEXT NOT NULL
) STRICT;

-- Approved settlement statements, append-only: approving a period again
-- (after a correction run or a late invoice) adds a row; the latest counts.
CREATE TABLE margin_approvals (
	id           INTEGER PRIMARY KEY,
	period       TEXT NOT NULL CHECK (period <> ''),
	margin       TEXT NOT NULL,
	fee          TEXT NOT NULL,
	payable      TEXT NOT NULL,
	fee_kind     TEXT NOT NULL CHECK (fee_kind IN ('per_worker_week', 'per_hour', 'percent_of_margin')),
	fee_rate     TEXT NOT NULL,
	backoffice   TEXT NOT NULL DEFAULT '',
	approved_at  TEXT NOT NULL,
	approved_by  TEXT NOT NULL CHECK (approved_by <> '')
) STRICT;
CREATE INDEX margin_approvals_period ON margin_approvals(period, id);

CREATE TRIGGER margin_approvals_no_update BEFORE UPDATE ON margin_approvals
BEGIN
	SELECT RAISE(ABORT, 'een goedgekeurde margeafrekening kan niet worden gewijzigd');
END;

CREATE TRIGGER margin_approvals_no_delete BEFORE DELETE ON margin_approvals
BEGIN
	SELECT RAISE(ABORT, 'een goedgekeurde margeafrekening kan niet worden verwijderd');
END;
