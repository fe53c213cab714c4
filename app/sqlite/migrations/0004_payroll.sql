-- Verloner schema 4: payroll runs and payslips, and what a final run settles:
-- hour lines paid, advances withheld, reservation balances, payout requests,
-- year-to-date totals per worker; plus the ledger accounts of the payroll
-- journal. Money and hours are TEXT holding a canonical decimal string; dates
-- TEXT 'YYYY-MM-DD'; moments TEXT RFC 3339 in UTC; periods TEXT as
-- domain.Period prints them.
--
-- A final run is the legal record of what was paid (loonadministratie,
-- bewaarplicht 7 jaar): triggers below refuse any UPDATE or DELETE of a final
-- run, its payslips, their lines, the hour lines it paid and the settlements
-- and movements it wrote, whatever code (or person with a SQLite shell) tries.
-- A mistake is corrected by a correction run with difference lines.

-- One row per run (AUTOINCREMENT: a replaced proof's ID is never reused, so
-- an ID held by a screen or a log never points at another run). Per period at most one open run (a proof, possibly
-- approved); final runs are numbered per period (seq 1 the regular run, 2, …
-- a later run for workers left out, or a correction).
CREATE TABLE payroll_runs (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	period          TEXT NOT NULL CHECK (period <> ''),
	kind            TEXT NOT NULL CHECK (kind IN ('regular','correction')),
	status          TEXT NOT NULL CHECK (status IN ('proof','approved','finalising','final')),
	seq             INTEGER NOT NULL DEFAULT 0 CHECK (seq >= 0),
	pay_date        TEXT NOT NULL,
	checklist_id    INTEGER REFERENCES checklists(id),
	fingerprint     TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	created_by      TEXT NOT NULL DEFAULT '',
	approved_at     TEXT,
	approved_by     TEXT NOT NULL DEFAULT '',
	finalised_at    TEXT,
	finalised_by    TEXT NOT NULL DEFAULT '',
	backup          TEXT NOT NULL DEFAULT '',
	workers         INTEGER NOT NULL DEFAULT 0,
	gross           TEXT NOT NULL DEFAULT '0',
	wage_tax        TEXT NOT NULL DEFAULT '0',
	net             TEXT NOT NULL DEFAULT '0',
	employer_costs  TEXT NOT NULL DEFAULT '0',
	wage_cost       TEXT NOT NULL DEFAULT '0',
	-- JSON: the workers left out of the run and why (blockers, errors).
	left_out        TEXT NOT NULL DEFAULT '[]',
	CHECK (status <> 'approved' OR approved_at IS NOT NULL),
	CHECK (status <> 'final' OR (finalised_at IS NOT NULL AND seq > 0))
) STRICT;
CREATE UNIQUE INDEX payroll_runs_open ON payroll_runs(period) WHERE status IN ('proof','approved');
CREATE UNIQUE INDEX payroll_runs_seq ON payroll_runs(period, seq) WHERE seq > 0;

-- One payslip per worker per run: key totals as columns for lists and
-- queries, the whole payroll.Payslip as JSON so that a payslip is re-rendered
-- exactly as it was calculated. For a correction run body is the difference
-- and recalculated the period's payslip as it should have been.
CREATE TABLE payslips (
	id                INTEGER PRIMARY KEY AUTOINCREMENT,
	run_id            INTEGER NOT NULL REFERENCES payroll_runs(id) ON DELETE CASCADE,
	worker_id         INTEGER NOT NULL REFERENCES workers(id),
	worker_number     TEXT NOT NULL,
	worker_name       TEXT NOT NULL,
	gross             TEXT NOT NULL,
	taxable_wage      TEXT NOT NULL,
	wage_tax          TEXT NOT NULL,
	pension_employee  TEXT NOT NULL,
	untaxed           TEXT NOT NULL,
	deductions        TEXT NOT NULL,
	net               TEXT NOT NULL,
	employer_costs    TEXT NOT NULL,
	wage_cost         TEXT NOT NULL,
	paid_hours        TEXT NOT NULL,
	-- Proof runs: the payroll blockers that would leave the worker out (JSON).
	blockers          TEXT NOT NULL DEFAULT '[]',
	body              TEXT NOT NULL,
	recalculated      TEXT,
	UNIQUE (run_id, worker_id)
) STRICT;
CREATE INDEX payslips_worker ON payslips(worker_id, run_id);

CREATE TABLE payslip_lines (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	payslip_id   INTEGER NOT NULL REFERENCES payslips(id) ON DELETE CASCADE,
	seq          INTEGER NOT NULL,
	code         TEXT NOT NULL,
	category     TEXT NOT NULL,
	text_nl      TEXT NOT NULL DEFAULT '',
	quantity     TEXT NOT NULL DEFAULT '0',
	rate         TEXT NOT NULL DEFAULT '0',
	amount       TEXT NOT NULL,
	placement_id INTEGER,
	ref_id       INTEGER,
	UNIQUE (payslip_id, seq)
) STRICT;

-- The hour lines a payslip pays (proof: would pay).
CREATE TABLE payslip_hour_lines (
	payslip_id    INTEGER NOT NULL REFERENCES payslips(id) ON DELETE CASCADE,
	hour_line_id  INTEGER NOT NULL REFERENCES hour_lines(id),
	PRIMARY KEY (payslip_id, hour_line_id)
) STRICT;
CREATE INDEX payslip_hour_lines_line ON payslip_hour_lines(hour_line_id);

-- Loon voor de loonheffing and wage tax earlier in the tax year, per worker:
-- the next run's YearToDate and, a year later, its jaarloon for the tabel
-- bijzondere beloningen. Opening balances (from an earlier payroll system)
-- enter through opening = 1 rows in year_to_date_moves.
CREATE TABLE year_to_date (
	worker_id     INTEGER NOT NULL REFERENCES workers(id),
	year          INTEGER NOT NULL,
	periods       INTEGER NOT NULL DEFAULT 0,
	table_wage    TEXT NOT NULL DEFAULT '0',
	special_wage  TEXT NOT NULL DEFAULT '0',
	wage_tax      TEXT NOT NULL DEFAULT '0',
	gross         TEXT NOT NULL DEFAULT '0',
	net           TEXT NOT NULL DEFAULT '0',
	PRIMARY KEY (worker_id, year)
) STRICT;

-- Every change of year_to_date, append-only, so the totals can be audited.
CREATE TABLE year_to_date_moves (
	id            INTEGER PRIMARY KEY,
	worker_id     INTEGER NOT NULL REFERENCES workers(id),
	year          INTEGER NOT NULL,
	run_id        INTEGER REFERENCES payroll_runs(id),
	periods       INTEGER NOT NULL,
	table_wage    TEXT NOT NULL,
	special_wage  TEXT NOT NULL,
	wage_tax      TEXT NOT NULL,
	gross         TEXT NOT NULL,
	net           TEXT NOT NULL,
	created_at    TEXT NOT NULL
) STRICT;

-- Reservation movements per worker and scheme (vakantiebijslag in euros,
-- vakantie_uren in hours), append-only; reservation_balances holds their sum.
CREATE TABLE reservation_moves (
	id          INTEGER PRIMARY KEY,
	worker_id   INTEGER NOT NULL REFERENCES workers(id),
	scheme      TEXT NOT NULL CHECK (scheme <> ''),
	unit        TEXT NOT NULL CHECK (unit IN ('money','hours')),
	kind        TEXT NOT NULL CHECK (kind IN ('opening','accrual','drawn','payout','taken')),
	amount      TEXT NOT NULL,
	run_id      INTEGER REFERENCES payroll_runs(id),
	period      TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX reservation_moves_worker ON reservation_moves(worker_id, scheme);

CREATE TABLE reservation_balances (
	worker_id  INTEGER NOT NULL REFERENCES workers(id),
	scheme     TEXT NOT NULL,
	unit       TEXT NOT NULL CHECK (unit IN ('money','hours')),
	balance    TEXT NOT NULL,
	PRIMARY KEY (worker_id, scheme, unit)
) STRICT;

-- A worker's request to pay out (part of) a reserved balance. amount '' means
-- the whole balance at the time of the run. The next final run that pays the
-- worker pays it as a bijzondere beloning and marks it paid.
CREATE TABLE payout_requests (
	id            INTEGER PRIMARY KEY,
	worker_id     INTEGER NOT NULL REFERENCES workers(id),
	scheme        TEXT NOT NULL CHECK (scheme <> ''),
	amount        TEXT NOT NULL DEFAULT '',
	requested_on  TEXT NOT NULL,
	note          TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','paid','cancelled')),
	paid_run_id   INTEGER REFERENCES payroll_runs(id),
	paid_amount   TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX payout_requests_open ON payout_requests(status, worker_id);

-- Advances withheld, per payslip; an advance is repaid (advances.repaid_in
-- set) when its settlements add up to its amount.
CREATE TABLE advance_settlements (
	id          INTEGER PRIMARY KEY,
	advance_id  INTEGER NOT NULL REFERENCES advances(id),
	payslip_id  INTEGER NOT NULL REFERENCES payslips(id),
	amount      TEXT NOT NULL
) STRICT;
CREATE INDEX advance_settlements_advance ON advance_settlements(advance_id);

-- Ledger accounts of the payroll journal entry, by the role they play. The
-- agency changes numbers and names to its own chart of accounts; two roles
-- may share an account (premiums are paid with the wage tax in the aangifte
-- loonheffingen, so premiums_payable defaults to 1500 as well).
CREATE TABLE ledger_accounts (
	role    TEXT PRIMARY KEY,
	number  TEXT NOT NULL CHECK (number <> ''),
	name    TEXT NOT NULL
) STRICT;
INSERT INTO ledger_accounts (role, number, name) VALUES
	('gross_wages',         '4000', 'Brutolonen'),
	('holiday_pay_cost',    '4010', 'Vakantiegeld (dotatie reservering)'),
	('other_reserves_cost', '4015', 'Dotatie overige reserveringen personeel'),
	('untaxed_allowances',  '4020', 'Onbelaste vergoedingen'),
	('expenses',            '4030', 'Gedeclareerde onkosten'),
	('social_charges',      '4100', 'Sociale lasten'),
	('pension_employer',    '4110', 'Pensioenpremie werkgever'),
	('wage_tax_payable',    '1500', 'Af te dragen loonheffing'),
	('premiums_payable',    '1500', 'Af te dragen loonheffing'),
	('pension_payable',     '1510', 'Af te dragen pensioenpremie'),
	('advances',            '1520', 'Voorschotten personeel'),
	('net_wages',           '1530', 'Netto lonen'),
	('holiday_pay_reserve', '1540', 'Reservering vakantiegeld'),
	('other_reserves',      '1545', 'Overige reserveringen personeel'),
	('deductions',          '1550', 'Inhoudingen op nettoloon');

-- Immutability of what a final run wrote.
CREATE TRIGGER payroll_runs_final_update BEFORE UPDATE ON payroll_runs
WHEN old.status = 'final'
BEGIN
	SELECT RAISE(ABORT, 'definitieve verloningsrun kan niet worden gewijzigd');
END;
CREATE TRIGGER payroll_runs_final_delete BEFORE DELETE ON payroll_runs
WHEN old.status IN ('final','finalising')
BEGIN
	SELECT RAISE(ABORT, 'definitieve verloningsrun kan niet worden verwijderd');
END;
CREATE TRIGGER payslips_final_insert BEFORE INSERT ON payslips
WHEN (SELECT status FROM payroll_runs WHERE id = new.run_id) = 'final'
BEGIN
	SELECT RAISE(ABORT, 'definitieve verloningsrun kan niet worden aangevuld');
END;
CREATE TRIGGER payslips_final_update BEFORE UPDATE ON payslips
WHEN (SELECT status FROM payroll_runs WHERE id = old.run_id) IN ('final','finalising')
BEGIN
	SELECT RAISE(ABORT, 'loonstrook van een definitieve verloning kan niet worden gewijzigd');
END;
CREATE TRIGGER payslips_final_delete BEFORE DELETE ON payslips
WHEN (SELECT status FROM payroll_runs WHERE id = old.run_id) IN ('final','finalising')
BEGIN
	SELECT RAISE(ABORT, 'loonstrook van een definitieve verloning kan niet worden verwijderd');
END;
CREATE TRIGGER payslip_lines_final_insert BEFORE INSERT ON payslip_lines
WHEN (SELECT r.status FROM payslips p JOIN payroll_runs r ON r.id = p.run_id WHERE p.id = new.payslip_id) = 'final'
BEGIN
	SELECT RAISE(ABORT, 'loonstrook van een definitieve verloning kan niet worden aangevuld');
END;
CREATE TRIGGER payslip_lines_final_update BEFORE UPDATE ON payslip_lines
WHEN (SELECT r.status FROM payslips p JOIN payroll_runs r ON r.id = p.run_id WHERE p.id = old.payslip_id) IN ('final','finalising')
BEGIN
	SELECT RAISE(ABORT, 'looncomponent van een definitieve verloning kan niet worden gewijzigd');
END;
CREATE TRIGGER payslip_lines_final_delete BEFORE DELETE ON payslip_lines
WHEN (SELECT r.status FROM payslips p JOIN payroll_runs r ON r.id = p.run_id WHERE p.id = old.payslip_id) IN ('final','finalising')
BEGIN
	SELECT RAISE(ABORT, 'looncomponent van een definitieve verloning kan niet worden verwijderd');
END;
CREATE TRIGGER payslip_hour_lines_final_insert BEFORE INSERT ON payslip_hour_lines
WHEN (SELECT r.status FROM payslips p JOIN payroll_runs r ON r.id = p.run_id WHERE p.id = new.payslip_id) = 'final'
BEGIN
	SELECT RAISE(ABORT, 'definitieve verloning kan niet worden aangevuld');
END;
CREATE TRIGGER payslip_hour_lines_final_change BEFORE UPDATE ON payslip_hour_lines
WHEN (SELECT r.status FROM payslips p JOIN payroll_runs r ON r.id = p.run_id WHERE p.id = old.payslip_id) IN ('final','finalising')
BEGIN
	SELECT RAISE(ABORT, 'definitieve verloning kan niet worden gewijzigd');
END;
CREATE TRIGGER payslip_hour_lines_final_delete BEFORE DELETE ON payslip_hour_lines
WHEN (SELECT r.status FROM payslips p JOIN payroll_runs r ON r.id = p.run_id WHERE p.id = old.payslip_id) IN ('final','finalising')
BEGIN
	SELECT RAISE(ABORT, 'definitieve verloning kan niet worden gewijzigd');
END;
-- A paid hour line is part of a final run: no change, no delete, not voided.
CREATE TRIGGER hour_lines_paid_update BEFORE UPDATE ON hour_lines
WHEN old.status = 'paid'
BEGIN
	SELECT RAISE(ABORT, 'uitbetaalde urenregel kan niet worden gewijzigd; corrigeer met een correctierun');
END;
CREATE TRIGGER hour_lines_paid_delete BEFORE DELETE ON hour_lines
WHEN old.status = 'paid'
BEGIN
	SELECT RAISE(ABORT, 'uitbetaalde urenregel kan niet worden verwijderd');
END;
-- Append-only logs.
CREATE TRIGGER year_to_date_moves_update BEFORE UPDATE ON year_to_date_moves
BEGIN
	SELECT RAISE(ABORT, 'cumulatieven-mutatie kan niet worden gewijzigd');
END;
CREATE TRIGGER year_to_date_moves_delete BEFORE DELETE ON year_to_date_moves
BEGIN
	SELECT RAISE(ABORT, 'cumulatieven-mutatie kan niet worden verwijderd');
END;
CREATE TRIGGER reservation_moves_update BEFORE UPDATE ON reservation_moves
BEGIN
	SELECT RAISE(ABORT, 'reserveringsmutatie kan niet worden gewijzigd');
END;
CREATE TRIGGER reservation_moves_delete BEFORE DELETE ON reservation_moves
BEGIN
	SELECT RAISE(ABORT, 'reserveringsmutatie kan niet worden verwijderd');
END;
CREATE TRIGGER advance_settlements_update BEFORE UPDATE ON advance_settlements
BEGIN
	SELECT RAISE(ABORT, 'verrekening van een voorschot kan niet worden gewijzigd');
END;
CREATE TRIGGER advance_settlements_delete BEFORE DELETE ON advance_settlements
BEGIN
	SELECT RAISE(ABORT, 'verrekening van een voorschot kan niet worden verwijderd');
END;
-- A repaid advance is settled in a final run; it stays settled.
CREATE TRIGGER advances_repaid_update BEFORE UPDATE ON advances
WHEN old.repaid_in <> '' AND (new.repaid_in IS NOT old.repaid_in OR new.amount IS NOT old.amount OR new.worker_id IS NOT old.worker_id)
BEGIN
	SELECT RAISE(ABORT, 'verrekend voorschot kan niet worden gewijzigd');
END;
CREATE TRIGGER payout_requests_paid_update BEFORE UPDATE ON payout_requests
WHEN old.status = 'paid'
BEGIN
	SELECT RAISE(ABORT, 'uitbetaald verzoek kan niet worden gewijzigd');
END;
