-- Verloner schema 5: sales invoices and credit notes to hirers, their
-- gap-free numbering, which hour lines they bill, payments received and the
-- bank statements they came from.
--
-- Art. 35a Wet OB asks for a unique, sequential number and an invoice that is
-- not changed once issued; the Belastingdienst may ask for every number of a
-- series. So the rules that keep the numbering gap-free and the documents
-- immutable live here, in triggers, and not only in Go: no code path, tool or
-- half-finished transaction can leave a hole, a duplicate or an altered
-- invoice behind. Drafts are not stored: they are recomputed from the hours
-- until they are issued, and only issued documents (with their number) land
-- in these tables.
--
-- Money is TEXT holding a canonical decimal string, dates TEXT 'YYYY-MM-DD',
-- moments TEXT RFC 3339 in UTC; every table is STRICT.

-- Invoice settings of the agency: an optional logo for the PDF (none by default).
CREATE TABLE invoice_settings (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	logo        BLOB,
	logo_type   TEXT NOT NULL DEFAULT '' CHECK (logo_type IN ('', 'png', 'jpg')),
	updated_at  TEXT NOT NULL,
	CHECK ((logo IS NULL) = (logo_type = ''))
) STRICT;

-- Number series: one per calendar year ('2026' → 2026-000001, 2026-000002, …).
-- last_seq is the counter the finalising transaction reads and increments; it
-- may only step by one, and only after its previous number was used, so it can
-- never run ahead of the invoices.
CREATE TABLE invoice_series (
	name        TEXT PRIMARY KEY CHECK (length(name) = 4 AND name NOT GLOB '*[^0-9]*'),
	last_seq    INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
	created_at  TEXT NOT NULL
) STRICT;

-- Issued invoices (380) and credit notes (381). Parties are JSON snapshots
-- (invoice.Party) as they were at issue; later master-data changes do not
-- reach an issued document.
CREATE TABLE invoices (
	id                      INTEGER PRIMARY KEY,
	number                  TEXT NOT NULL UNIQUE,
	series                  TEXT NOT NULL REFERENCES invoice_series(name),
	seq                     INTEGER NOT NULL CHECK (seq >= 1),
	doc_type                TEXT NOT NULL CHECK (doc_type IN ('380','381')),
	issue_date              TEXT NOT NULL,
	due_date                TEXT,
	period                  TEXT NOT NULL DEFAULT '',
	period_start            TEXT NOT NULL,
	period_end              TEXT NOT NULL,
	hirer_id                INTEGER NOT NULL REFERENCES hirers(id),
	corrects_id             INTEGER REFERENCES invoices(id),
	billing_reference       TEXT NOT NULL DEFAULT '',
	billing_reference_date  TEXT,
	supplier                TEXT NOT NULL,
	customer                TEXT NOT NULL,
	buyer_reference         TEXT NOT NULL DEFAULT '',
	order_reference         TEXT NOT NULL DEFAULT '',
	contract_reference      TEXT NOT NULL DEFAULT '',
	reverse_charge          INTEGER NOT NULL CHECK (reverse_charge IN (0,1)),
	note                    TEXT NOT NULL DEFAULT '',
	iban                    TEXT NOT NULL DEFAULT '',
	g_iban                  TEXT NOT NULL DEFAULT '',
	g_share_percent         TEXT NOT NULL,
	payment_term_days       INTEGER NOT NULL CHECK (payment_term_days >= 0),
	net_total               TEXT NOT NULL,
	vat_total               TEXT NOT NULL,
	payable                 TEXT NOT NULL,
	g_amount                TEXT NOT NULL,
	regular_amount          TEXT NOT NULL,
	line_count              INTEGER NOT NULL CHECK (line_count >= 1),
	vat_count               INTEGER NOT NULL CHECK (vat_count >= 1),
	hour_count              INTEGER NOT NULL DEFAULT 0 CHECK (hour_count >= 0),
	issued_at               TEXT NOT NULL,
	os_user                 TEXT NOT NULL DEFAULT '',
	UNIQUE (series, seq),
	CHECK (number = series || '-' || printf('%06d', seq)),
	CHECK ((doc_type = '381') = (corrects_id IS NOT NULL)),
	CHECK (doc_type = '381' OR due_date IS NOT NULL)
) STRICT;
CREATE INDEX invoices_hirer ON invoices(hirer_id, issue_date);
CREATE INDEX invoices_corrects ON invoices(corrects_id);
CREATE INDEX invoices_period ON invoices(period);

-- VAT breakdown per category and rate (BG-23), kept as rows for the VAT return.
CREATE TABLE invoice_vat (
	invoice_id  INTEGER NOT NULL REFERENCES invoices(id),
	seq         INTEGER NOT NULL CHECK (seq >= 1),
	category    TEXT NOT NULL,
	rate        TEXT NOT NULL,
	taxable     TEXT NOT NULL,
	vat         TEXT NOT NULL,
	PRIMARY KEY (invoice_id, seq)
) STRICT;

CREATE TABLE invoice_lines (
	invoice_id    INTEGER NOT NULL REFERENCES invoices(id),
	seq           INTEGER NOT NULL CHECK (seq >= 1),
	placement_id  INTEGER REFERENCES placements(id),
	placement     TEXT NOT NULL DEFAULT '',
	worker_id     INTEGER REFERENCES workers(id),
	worker        TEXT NOT NULL DEFAULT '',
	function      TEXT NOT NULL DEFAULT '',
	cost_centre   TEXT NOT NULL DEFAULT '',
	hour_type     TEXT NOT NULL,
	description   TEXT NOT NULL,
	quantity      TEXT NOT NULL,
	unit          TEXT NOT NULL,
	rate          TEXT NOT NULL,
	bill_percent  TEXT NOT NULL,
	amount        TEXT NOT NULL,
	vat_category  TEXT NOT NULL,
	vat_rate      TEXT NOT NULL,
	PRIMARY KEY (invoice_id, seq)
) STRICT;

-- The hour lines a document covers, as they were when it was issued (the
-- hours annex of the PDF). For an invoice: the lines it bills. For a credit
-- note: the lines it releases, so that they can be billed again.
CREATE TABLE invoice_hours (
	invoice_id    INTEGER NOT NULL REFERENCES invoices(id),
	seq           INTEGER NOT NULL CHECK (seq >= 1),
	hour_line_id  INTEGER NOT NULL REFERENCES hour_lines(id),
	placement_id  INTEGER NOT NULL,
	worker_id     INTEGER NOT NULL,
	work_date     TEXT NOT NULL,
	hour_type     TEXT NOT NULL,
	quantity      TEXT NOT NULL,
	bill_percent  TEXT NOT NULL,
	PRIMARY KEY (invoice_id, seq),
	UNIQUE (invoice_id, hour_line_id)
) STRICT;
CREATE INDEX invoice_hours_line ON invoice_hours(hour_line_id);

-- Which invoice bills an hour line now. The primary key is the rule "an hour
-- line is never billed twice"; a credit note that releases the line deletes
-- its row, after which a new invoice may bill it. Maintained only by the
-- triggers on invoice_hours below.
CREATE TABLE billed_hours (
	hour_line_id  INTEGER PRIMARY KEY REFERENCES hour_lines(id),
	invoice_id    INTEGER NOT NULL REFERENCES invoices(id)
) STRICT;
CREATE INDEX billed_hours_invoice ON billed_hours(invoice_id);

-- Gap-free numbering: a document takes exactly the number the counter was just
-- stepped to, and that number is one more than the documents of the series.
CREATE TRIGGER invoices_number_in_sequence BEFORE INSERT ON invoices
WHEN NEW.seq IS NOT (SELECT last_seq FROM invoice_series WHERE name = NEW.series)
	OR NEW.seq <> 1 + (SELECT count(*) FROM invoices WHERE series = NEW.series)
BEGIN
	SELECT RAISE(ABORT, 'factuurnummering: nummer buiten de volgorde van de reeks');
END;

CREATE TRIGGER invoice_series_step BEFORE UPDATE ON invoice_series
WHEN NEW.name IS NOT OLD.name OR NEW.last_seq IS NOT OLD.last_seq + 1
	OR OLD.last_seq <> (SELECT count(*) FROM invoices WHERE series = OLD.name)
BEGIN
	SELECT RAISE(ABORT, 'factuurnummering: de teller gaat alleen met 1 omhoog, na gebruik van het vorige nummer');
END;

CREATE TRIGGER invoice_series_keep BEFORE DELETE ON invoice_series
BEGIN
	SELECT RAISE(ABORT, 'factuurnummering: een nummerreeks kan niet worden verwijderd');
END;

-- A credit note corrects an invoice of the same hirer and names it.
CREATE TRIGGER invoices_credit_reference BEFORE INSERT ON invoices
WHEN NEW.corrects_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM invoices o WHERE o.id = NEW.corrects_id
	AND o.doc_type = '380' AND o.hirer_id = NEW.hirer_id AND o.number = NEW.billing_reference)
BEGIN
	SELECT RAISE(ABORT, 'creditnota: verwijst niet naar een factuur van dezelfde inlener');
END;

-- Issued documents are immutable: no UPDATE or DELETE of the document, its
-- lines, VAT breakdown or hours. Payments live in their own tables.
CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
BEGIN
	SELECT RAISE(ABORT, 'factuur is uitgereikt en kan niet worden gewijzigd; maak een creditnota');
END;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
BEGIN
	SELECT RAISE(ABORT, 'factuur is uitgereikt en kan niet worden verwijderd; maak een creditnota');
END;
CREATE TRIGGER invoice_lines_no_update BEFORE UPDATE ON invoice_lines
BEGIN
	SELECT RAISE(ABORT, 'factuurregel is uitgereikt en kan niet worden gewijzigd');
END;
CREATE TRIGGER invoice_lines_no_delete BEFORE DELETE ON invoice_lines
BEGIN
	SELECT RAISE(ABORT, 'factuurregel is uitgereikt en kan niet worden verwijderd');
END;
CREATE TRIGGER invoice_vat_no_update BEFORE UPDATE ON invoice_vat
BEGIN
	SELECT RAISE(ABORT, 'btw-specificatie is uitgereikt en kan niet worden gewijzigd');
END;
CREATE TRIGGER invoice_vat_no_delete BEFORE DELETE ON invoice_vat
BEGIN
	SELECT RAISE(ABORT, 'btw-specificatie is uitgereikt en kan niet worden verwijderd');
END;
CREATE TRIGGER invoice_hours_no_update BEFORE UPDATE ON invoice_hours
BEGIN
	SELECT RAISE(ABORT, 'urenbijlage is uitgereikt en kan niet worden gewijzigd');
END;
CREATE TRIGGER invoice_hours_no_delete BEFORE DELETE ON invoice_hours
BEGIN
	SELECT RAISE(ABORT, 'urenbijlage is uitgereikt en kan niet worden verwijderd');
END;
CREATE TRIGGER billed_hours_no_update BEFORE UPDATE ON billed_hours
BEGIN
	SELECT RAISE(ABORT, 'gefactureerde uren worden alleen door een factuur of creditnota bijgewerkt');
END;

-- Nothing can be added to a document after its own insert: the counts are
-- fixed in the invoices row, and seq must lie within them (the primary keys
-- forbid a second row with the same seq). So "wholly there" is checkable as
-- count = line_count.
CREATE TRIGGER invoice_lines_within BEFORE INSERT ON invoice_lines
WHEN NEW.seq > (SELECT line_count FROM invoices WHERE id = NEW.invoice_id)
BEGIN
	SELECT RAISE(ABORT, 'factuurregel buiten het aantal regels van de factuur');
END;
CREATE TRIGGER invoice_vat_within BEFORE INSERT ON invoice_vat
WHEN NEW.seq > (SELECT vat_count FROM invoices WHERE id = NEW.invoice_id)
BEGIN
	SELECT RAISE(ABORT, 'btw-regel buiten de btw-specificatie van de factuur');
END;
CREATE TRIGGER invoice_hours_within BEFORE INSERT ON invoice_hours
WHEN NEW.seq > (SELECT hour_count FROM invoices WHERE id = NEW.invoice_id)
BEGIN
	SELECT RAISE(ABORT, 'urenregel buiten de urenbijlage van de factuur');
END;

-- Billing an hour line claims it in billed_hours (a second claim fails on the
-- primary key); a credit note may only release a line its invoice billed.
CREATE TRIGGER invoice_hours_release_check BEFORE INSERT ON invoice_hours
WHEN (SELECT doc_type FROM invoices WHERE id = NEW.invoice_id) = '381'
	AND NOT EXISTS (SELECT 1 FROM billed_hours b WHERE b.hour_line_id = NEW.hour_line_id
		AND b.invoice_id = (SELECT corrects_id FROM invoices WHERE id = NEW.invoice_id))
BEGIN
	SELECT RAISE(ABORT, 'creditnota: urenregel is niet gefactureerd op de gecorrigeerde factuur');
END;
CREATE TRIGGER invoice_hours_claim AFTER INSERT ON invoice_hours
WHEN (SELECT doc_type FROM invoices WHERE id = NEW.invoice_id) = '380'
BEGIN
	INSERT INTO billed_hours (hour_line_id, invoice_id) VALUES (NEW.hour_line_id, NEW.invoice_id);
END;
CREATE TRIGGER invoice_hours_release AFTER INSERT ON invoice_hours
WHEN (SELECT doc_type FROM invoices WHERE id = NEW.invoice_id) = '381'
BEGIN
	DELETE FROM billed_hours WHERE hour_line_id = NEW.hour_line_id;
END;
-- A claim row goes only with the credit note that releases it.
CREATE TRIGGER billed_hours_release_only BEFORE DELETE ON billed_hours
WHEN NOT EXISTS (SELECT 1 FROM invoice_hours h JOIN invoices i ON i.id = h.invoice_id
	WHERE h.hour_line_id = OLD.hour_line_id AND i.doc_type = '381' AND i.corrects_id = OLD.invoice_id)
BEGIN
	SELECT RAISE(ABORT, 'gefactureerde uren worden alleen door een creditnota vrijgegeven');
END;

-- Billed hours stay as billed: while a line is billed its placement, date,
-- hour type, quantity and bill % cannot change and it cannot be voided.
-- Correcting billed hours starts with a credit note.
CREATE TRIGGER hour_lines_billed_fixed BEFORE UPDATE OF placement_id, work_date, hour_type, quantity, bill_percent, status ON hour_lines
WHEN EXISTS (SELECT 1 FROM billed_hours WHERE hour_line_id = OLD.id)
	AND (NEW.placement_id IS NOT OLD.placement_id OR NEW.work_date IS NOT OLD.work_date
		OR NEW.hour_type IS NOT OLD.hour_type OR NEW.quantity IS NOT OLD.quantity
		OR NEW.bill_percent IS NOT OLD.bill_percent OR NEW.status = 'void')
BEGIN
	SELECT RAISE(ABORT, 'urenregel is gefactureerd: crediteer eerst de factuur');
END;

-- Bank statements read in, one row per file content (sha256), so that the
-- same file twice books nothing twice.
CREATE TABLE bank_statements (
	id           INTEGER PRIMARY KEY,
	hash         TEXT NOT NULL UNIQUE,
	file_name    TEXT NOT NULL,
	format       TEXT NOT NULL,
	accounts     TEXT NOT NULL DEFAULT '',
	date_from    TEXT,
	date_to      TEXT,
	entries      INTEGER NOT NULL DEFAULT 0 CHECK (entries >= 0),
	booked       INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0),
	imported_at  TEXT NOT NULL,
	os_user      TEXT NOT NULL DEFAULT ''
) STRICT;

-- Money received from hirers, by hand or from a statement. entry_key
-- identifies a statement entry across overlapping downloads (the bank's
-- reference, or a digest of its fields), so a payment is booked once.
-- account says which of the agency's accounts received it: the G-rekening
-- part of invoices is booked apart.
CREATE TABLE payments (
	id            INTEGER PRIMARY KEY,
	statement_id  INTEGER REFERENCES bank_statements(id),
	entry_key     TEXT UNIQUE,
	booked_on     TEXT NOT NULL,
	amount        TEXT NOT NULL CHECK (amount NOT LIKE '-%' AND amount <> '0'),
	account       TEXT NOT NULL CHECK (account IN ('regular','g')),
	own_iban      TEXT NOT NULL DEFAULT '',
	counter_iban  TEXT NOT NULL DEFAULT '',
	counter_name  TEXT NOT NULL DEFAULT '',
	remittance    TEXT NOT NULL DEFAULT '',
	end_to_end    TEXT NOT NULL DEFAULT '',
	source        TEXT NOT NULL CHECK (source IN ('hand','import')),
	note          TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	os_user       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX payments_booked ON payments(booked_on);

-- Which invoice a payment (or part of it) settles.
CREATE TABLE payment_allocations (
	id          INTEGER PRIMARY KEY,
	payment_id  INTEGER NOT NULL REFERENCES payments(id),
	invoice_id  INTEGER NOT NULL REFERENCES invoices(id),
	amount      TEXT NOT NULL CHECK (amount NOT LIKE '-%' AND amount <> '0'),
	how         TEXT NOT NULL CHECK (how IN ('auto','hand')),
	created_at  TEXT NOT NULL,
	os_user     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX payment_allocations_payment ON payment_allocations(payment_id);
CREATE INDEX payment_allocations_invoice ON payment_allocations(invoice_id);
CREATE TRIGGER payment_allocations_credit_note BEFORE INSERT ON payment_allocations
WHEN (SELECT doc_type FROM invoices WHERE id = NEW.invoice_id) <> '380'
BEGIN
	SELECT RAISE(ABORT, 'een betaling wordt aan een factuur toegewezen, niet aan een creditnota');
END;
