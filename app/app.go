// Package app ties Verloner together: the use cases the GUI and the command
// line share, the Store interface the database implements, and where an
// administration lives on disk. Subpackages: sqlite (storage), demo (the demo
// administration), cli (headless commands) and gui (the Fyne desktop screens).
package app

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/absence"
	"verloner/domain/checks"
	"verloner/domain/contract"
	"verloner/domain/invoice"
	"verloner/domain/margin"
	"verloner/domain/payroll"
	"verloner/importers"
)

// Store is everything the use cases need from an administration's storage.
// app/sqlite implements it; a PostgreSQL implementation for backoffice firms
// with several users can follow behind the same interface.
type Store interface {
	Agency(ctx context.Context) (*domain.Agency, error)
	SaveAgency(ctx context.Context, a *domain.Agency) error

	Workers(ctx context.Context) ([]*domain.Worker, error)
	// WorkerIdentities is Workers with only ID, number, name parts, birth date
	// and BSN set: what matching an hour sheet's rows needs, read faster.
	WorkerIdentities(ctx context.Context) ([]*domain.Worker, error)
	Worker(ctx context.Context, id int64) (*domain.Worker, error)
	SaveWorker(ctx context.Context, w *domain.Worker) error

	Hirers(ctx context.Context) ([]*domain.Hirer, error)
	Hirer(ctx context.Context, id int64) (*domain.Hirer, error)
	SaveHirer(ctx context.Context, h *domain.Hirer) error

	Placements(ctx context.Context) ([]*domain.Placement, error)
	Placement(ctx context.Context, id int64) (*domain.Placement, error)
	SavePlacement(ctx context.Context, p *domain.Placement) error

	HourLines(ctx context.Context, from, to time.Time) ([]*domain.HourLine, error)
	AddHourLines(ctx context.Context, lines []*domain.HourLine) error
	LatestWorkDate(ctx context.Context) (time.Time, error)

	// Checks storage.
	//
	// What the weekly checklist (app/checking, domain/checks) reads besides
	// master data and hours, the user's decisions on findings, and the stored
	// checklists that payroll runs refer to.
	SickReports(ctx context.Context, from, to time.Time) ([]*domain.SickReport, error) // spells overlapping from..to
	SaveSickReport(ctx context.Context, r *domain.SickReport) error
	Advances(ctx context.Context, workerID int64) ([]*domain.Advance, error) // workerID 0: everyone
	SaveAdvance(ctx context.Context, a *domain.Advance) error
	Deductions(ctx context.Context, p domain.Period) ([]*domain.Deduction, error)
	SaveDeduction(ctx context.Context, d *domain.Deduction) error
	HourProofs(ctx context.Context, p domain.Period) ([]checks.HourProof, error)
	SaveHourProof(ctx context.Context, pr *checks.HourProof) error
	RateChanges(ctx context.Context, since time.Time) ([]checks.RateChange, error)
	Confirmations(ctx context.Context, p domain.Period) ([]checks.Confirmation, error) // incl. those for every period
	SaveConfirmation(ctx context.Context, c *checks.Confirmation) error
	DeleteConfirmation(ctx context.Context, id int64) error
	CheckSettings(ctx context.Context) (checks.Settings, error)
	SaveCheckSettings(ctx context.Context, s checks.Settings) error
	SaveChecklist(ctx context.Context, cl *checks.Checklist) error
	Checklist(ctx context.Context, id int64) (*checks.Checklist, error)
	LatestChecklist(ctx context.Context, p domain.Period) (*checks.Checklist, error) // nil, nil when none
	ChecklistRuns(ctx context.Context, p domain.Period) ([]checks.Summary, error)    // newest first

	Backup(ctx context.Context, dst string) error
	Path() string
	Close() error

	// Import storage.
	//
	// An import is previewed from these reads and committed by one call, in
	// one transaction, so that a failure leaves the administration as it was.
	ImportFiles(ctx context.Context) ([]*ImportFile, error)
	ImportFileByHash(ctx context.Context, hash string) (*ImportFile, error) // nil, nil when never imported
	ImportedHourLines(ctx context.Context, from, to time.Time) ([]*ImportedHourLine, error)
	CommitHourImport(ctx context.Context, imp *HourImport) error
	BeginHourImport(ctx context.Context, f *ImportFile) (HourImportTx, error)
	CommitMasterDataImport(ctx context.Context, imp *MasterDataImport) error
	ImportTemplates(ctx context.Context, kind string) ([]*importers.Template, error)
	SaveImportTemplate(ctx context.Context, t *importers.Template) error
	DeleteImportTemplate(ctx context.Context, hirerNumber, name string) error

	// Payroll storage.
	//
	// Payroll runs (app/payrun). A proof replaces the period's open run
	// (withdrawing an approval), approving marks the run and the hour lines
	// it pays, and finalising writes the final run with everything it settles
	// in one transaction. What a final run wrote is refused any change by the
	// database itself; a mistake is corrected by a correction run.
	SaveProofRun(ctx context.Context, r *PayrollRun) error
	ApproveRun(ctx context.Context, runID int64, by string) error
	FinaliseRun(ctx context.Context, f *FinalRun) error
	PayrollRun(ctx context.Context, id int64) (*PayrollRun, error)                         // with payslips
	PayrollRuns(ctx context.Context, p domain.Period) ([]*PayrollRun, error)               // without payslips, final runs by seq, the open run last
	YearToDate(ctx context.Context, year int) (map[int64]YearToDate, error)                // by worker ID
	ReservationBalances(ctx context.Context, workerID int64) ([]ReservationBalance, error) // workerID 0: everyone
	ReservationMoves(ctx context.Context, workerID int64) ([]ReservationMove, error)       // workerID 0: everyone; oldest first
	// ReservationMovesSince are one scheme's movements written at or after since, oldest first.
	ReservationMovesSince(ctx context.Context, scheme string, since time.Time) ([]ReservationMove, error)
	PayoutRequests(ctx context.Context, openOnly bool) ([]*PayoutRequest, error)
	SavePayoutRequest(ctx context.Context, r *PayoutRequest) error
	AdvancesSettled(ctx context.Context) (map[int64]decimal.Decimal, error) // advance ID → withheld so far
	LedgerAccounts(ctx context.Context) ([]LedgerAccount, error)
	SaveLedgerAccount(ctx context.Context, a LedgerAccount) error
	SaveOpeningBalance(ctx context.Context, ob *OpeningBalance) error
	// SaveOpeningBalances stores several in one transaction: all or none.
	SaveOpeningBalances(ctx context.Context, obs []*OpeningBalance) error
	// OpeningBalancesTaken are the workers with an opening balance of the
	// year's totals (ytd) and of the reserved balances (res) already.
	OpeningBalancesTaken(ctx context.Context, year int) (ytd, res map[int64]bool, err error)

	// Invoice storage.
	//
	// Issued invoices and credit notes (drafts are not stored), the hour lines
	// they bill, payments received and the bank statements they came from.
	// IssueInvoices takes the numbers in its own BEGIN IMMEDIATE transaction:
	// all documents land numbered gap-free, or none does.
	IssueInvoices(ctx context.Context, docs []*InvoiceDoc, issue time.Time, progress func(done, total int)) error
	Invoice(ctx context.Context, number string) (*InvoiceDoc, error) // with lines and hours
	Invoices(ctx context.Context, f InvoiceFilter) ([]*InvoiceDoc, error)
	BilledHourLines(ctx context.Context, from, to time.Time) (map[int64]string, error) // hour line ID → invoice number
	InvoiceLogo(ctx context.Context) (*Logo, error)                                    // nil, nil when none
	SaveInvoiceLogo(ctx context.Context, l *Logo) error                                // nil removes the logo
	BankStatementByHash(ctx context.Context, hash string) (*BankStatement, error)      // nil, nil when never imported
	SavePayments(ctx context.Context, st *BankStatement, ps []*Payment) (booked int, err error)
	Payments(ctx context.Context, f PaymentFilter) ([]*Payment, error)
	AllocatePayment(ctx context.Context, paymentID int64, allocs []Allocation) error
	DeleteAllocation(ctx context.Context, id int64) error
	Receivables(ctx context.Context, asOf time.Time) ([]*Receivable, error)
	OpenReceivables(ctx context.Context, asOf time.Time) (map[int64]decimal.Decimal, error) // per hirer ID; app/checking's ReceivablesSource

	// Margin storage.
	//
	// The backoffice fee that a margin settlement deducts (one setting of the
	// administration; app/margins) and the approvals of settlement
	// statements. Approvals are append-only: a period whose figures changed
	// after its approval is approved again, and the earlier approval stays.
	MarginFee(ctx context.Context) (margin.Fee, error) // the zero Fee (no backoffice) when never set
	SaveMarginFee(ctx context.Context, f margin.Fee) error
	MarginApproval(ctx context.Context, p domain.Period) (*margin.Approval, error) // the latest; nil, nil when none
	SaveMarginApproval(ctx context.Context, a *margin.Approval) error

	// Contract and absence storage.
	//
	// Employment contracts and their versions (app/contracts): a version is
	// added once and only its signature date is set later; the database
	// refuses any change to a signed version. The agency's contract templates
	// and CAO settings. What the backoffice records on a sick report
	// (app/absence): the follow-up dates and the dated notes.
	ContractTemplate(ctx context.Context, lang domain.Language) (*ContractTemplate, error) // nil, nil: none saved (the built-in one applies)
	SaveContractTemplate(ctx context.Context, t *ContractTemplate) error                   // an empty Body removes the agency's text
	ContractSettings(ctx context.Context) (contract.Settings, error)                       // with defaults filled in; defaults when never saved
	SaveContractSettings(ctx context.Context, s contract.Settings) error
	Contracts(ctx context.Context, workerID int64) ([]*contract.Contract, error) // workerID 0: everyone; by worker, number, version
	Contract(ctx context.Context, id int64) (*contract.Contract, error)
	AddContract(ctx context.Context, c *contract.Contract) error // sets ID and CreatedAt; refuses a duplicate number and version
	SignContract(ctx context.Context, id int64, on time.Time) error
	DeleteContract(ctx context.Context, id int64) error                       // unsigned versions only
	AbsenceFollowUps(ctx context.Context) (map[int64]absence.FollowUp, error) // by sick report ID
	SaveAbsenceFollowUp(ctx context.Context, f *absence.FollowUp) error
	AbsenceNotes(ctx context.Context, reportID int64) ([]absence.Note, error) // reportID 0: every report's; by date
	AddAbsenceNote(ctx context.Context, n *absence.Note) error

	// Audit and backup.
	//
	// Every write records who (the OS user), what and when in the audit log,
	// in the same transaction as the change. Audit reads the log of one
	// record (entity as stored: "worker", "hirer", "placement", "import",
	// "payroll_run", "invoice", "payment", …) for the GUI's history pane,
	// newest first; entity "" returns the whole log. IntegrityCheck runs
	// SQLite's integrity check (app/backup). Backup (above) writes a
	// consistent copy with VACUUM INTO.
	Audit(ctx context.Context, entity string, id int64) ([]AuditEntry, error)
	IntegrityCheck(ctx context.Context) error
}

// Import storage.

// ImportFile records one imported file by its content hash, so that the same
// file again adds nothing and a changed file for the same hirer and period can
// replace the lines of the earlier one.
type ImportFile struct {
	ID         int64
	Hash       string // sha256 of the content, hex
	FileName   string
	Kind       string // importers.KindHours or importers.KindPlacements
	HirerID    int64  // 0: the file covers several hirers or none
	From, To   time.Time
	Template   string
	Source     string // identity beyond hirer + period whose later versions replace earlier ones ("setu:" + timecard id)
	LineCount  int
	Status     string // "active" or "replaced"
	ReplacedBy int64
	ImportedAt time.Time
	User       string
}

// ImportedHourLine is an hour line with what an import needs to know about
// its origin: the import file it came from (0 for lines entered otherwise) and
// its key in that source (the SETU interval id).
type ImportedHourLine struct {
	Line   *domain.HourLine
	FileID int64
	Key    string
}

// HourImport is everything one committed hour file writes: the file record,
// the new lines, the existing lines it voids (a cancelled row, a SETU Void or
// Change, or the lines of the earlier file it replaces) and the earlier files
// it replaces. Voiding a line that was paid in the meantime fails the commit.
type HourImport struct {
	File     ImportFile
	Lines    []ImportedHourLine
	Void     []int64
	Replaces []int64
}

// HourImportTx is an hour import being written while its file is still
// read, so that a big file's parsing and storing overlap. Nothing of it is
// visible before Finish commits; Rollback (or a failed Finish) leaves nothing.
type HourImportTx interface {
	AddLines(ctx context.Context, lines []ImportedHourLine) error
	// Finish adds imp.Lines, voids imp.Void, marks imp.Replaces replaced,
	// stores imp.File's hirer, period, template and source, and commits.
	Finish(ctx context.Context, imp *HourImport) error
	Rollback() error
}

// MasterDataImport is everything one committed placement list writes.
// Workers and hirers with ID 0 are created, others updated (the caller passes
// the whole record, loaded and changed). Placements name their worker and
// hirer by number, because both may be created in the same import.
type MasterDataImport struct {
	File       ImportFile
	Workers    []*domain.Worker
	Hirers     []*domain.Hirer
	Placements []PlacementImport
	Aliases    []AliasImport
}

// PlacementImport is a placement with its worker and hirer by number.
type PlacementImport struct {
	Placement    *domain.Placement
	WorkerNumber string
	HirerNumber  string
}

// AliasImport sets a hirer's own personnel number for one of our workers.
type AliasImport struct {
	HirerNumber  string
	WorkerNumber string
	Code         string
}

// Payroll storage.

// RunKind says whether a run pays a period (regular) or corrects a period
// that was paid already (correction: difference lines only).
type RunKind string

// Run kinds.
const (
	RunRegular    RunKind = "regular"
	RunCorrection RunKind = "correction"
)

// RunStatus is where a run is in the weekly cycle.
type RunStatus string

// Run statuses. A proof may be replaced; an approved proof is what finalising
// pays; a final run never changes.
const (
	RunProof    RunStatus = "proof"
	RunApproved RunStatus = "approved"
	RunFinal    RunStatus = "final"
)

// PayrollRun is one payroll run of a period with its payslips.
type PayrollRun struct {
	ID          int64
	Period      domain.Period
	Kind        RunKind
	Status      RunStatus
	Seq         int // final runs of the period 1, 2, …; 0 while open
	PayDate     time.Time
	ChecklistID int64  // the checklist the run was judged by (0: none)
	Fingerprint string // of the hour lines the run was calculated on
	CreatedAt   time.Time
	CreatedBy   string
	ApprovedAt  time.Time
	ApprovedBy  string
	FinalisedAt time.Time
	FinalisedBy string
	Backup      string    // the backup made just before finalising
	LeftOut     []LeftOut // workers not in the run and why
	Payslips    []*RunPayslip

	// Totals over the payslips, kept with the run for lists.
	Workers                                      int
	Gross, WageTax, Net, EmployerCosts, WageCost decimal.Decimal
}

// LeftOut is a worker with hours in the period who is not in a run: payroll
// blockers on the checklist (listed, paid in a later run of the period once
// solved), a calculation error, or hours added after the worker was paid.
type LeftOut struct {
	WorkerID int64            `json:"worker_id"`
	Number   string           `json:"number"`
	Name     string           `json:"name"`
	Reason   string           `json:"reason"` // LeftOutBlocked, LeftOutError or LeftOutPaid
	Blockers []checks.Finding `json:"blockers,omitempty"`
	Message  checks.Text      `json:"message"`
}

// Reasons a worker is left out of a run.
const (
	LeftOutBlocked = "blocked" // payroll blockers on the checklist
	LeftOutError   = "error"   // the calculation failed (Message says why)
	LeftOutPaid    = "paid"    // already paid in a final run of the period: new hours go in a correction
)

// RunPayslip is one worker's payslip in a run. For a correction run Slip
// holds the differences and Recalculated the period as it should have been.
type RunPayslip struct {
	ID           int64
	WorkerID     int64
	WorkerNumber string
	WorkerName   string
	Slip         *payroll.Payslip
	Recalculated *payroll.Payslip
	HourLineIDs  []int64
	// Blockers are, in a proof, the payroll blockers that would leave the
	// worker out of the final run.
	Blockers []checks.Finding
}

// FinalRun is everything finalising writes in one transaction: the run (its
// Seq is assigned), the approved proof it replaces (0 for none), the hour
// lines its payslips pay (approved ones become paid; for a correction also
// imported ones), and what it settles.
type FinalRun struct {
	Run          *PayrollRun
	Replaces     int64
	Settlements  []AdvanceSettlement
	Payouts      []PayoutPaid
	YearToDate   []YearToDateMove
	Reservations []ReservationMove
}

// AdvanceSettlement is an amount of an advance withheld on a worker's
// payslip; Repaid marks the advance repaid in the run's period.
type AdvanceSettlement struct {
	AdvanceID int64
	WorkerID  int64
	Amount    decimal.Decimal
	Repaid    bool
}

// PayoutPaid marks a payout request paid with the amount paid.
type PayoutPaid struct {
	RequestID int64
	Amount    decimal.Decimal
}

// YearToDate are a worker's payroll totals of a tax year.
type YearToDate struct {
	Periods     int
	TableWage   decimal.Decimal
	SpecialWage decimal.Decimal
	WageTax     decimal.Decimal
	Gross       decimal.Decimal
	Net         decimal.Decimal
}

// YearToDateMove adds to a worker's totals of a year.
type YearToDateMove struct {
	WorkerID int64
	Year     int
	YearToDate
}

// Reservation units.
const (
	UnitMoney = "money"
	UnitHours = "hours"
)

// ReservationMove is one change of a reserved balance: opening, accrual,
// drawn (leave paid from the reserve), payout, taken (leave hours taken).
// Amount is signed: accruals positive, the rest negative.
type ReservationMove struct {
	ID       int64
	WorkerID int64
	Scheme   string // payroll.SchemeHolidayPay, …
	Unit     string // UnitMoney (euros) or UnitHours
	Kind     string
	Amount   decimal.Decimal
	RunID    int64
	Period   domain.Period
	At       time.Time
	By       string
}

// ReservationBalance is a worker's balance of one scheme.
type ReservationBalance struct {
	WorkerID int64
	Scheme   string
	Unit     string
	Balance  decimal.Decimal
}

// PayoutRequest is a worker's request to pay out a reserved money balance.
// A zero Amount asks for the whole balance.
type PayoutRequest struct {
	ID          int64
	WorkerID    int64
	Scheme      string
	Amount      decimal.Decimal
	RequestedOn time.Time
	Note        string
	Status      string // open, paid, cancelled
	PaidRunID   int64
	PaidAmount  decimal.Decimal
}

// LedgerAccount is the general-ledger account the payroll journal books a
// role on (gross_wages, wage_tax_payable, net_wages, …).
type LedgerAccount struct {
	Role   string
	Number string
	Name   string
}

// OpeningBalance takes over a worker's totals from an earlier payroll
// system: year-to-date figures and reserved balances (Kind "opening").
type OpeningBalance struct {
	WorkerID     int64
	Year         int
	YearToDate   YearToDate
	Reservations []ReservationMove
	By           string
}

// DataDir is the per-user folder where administrations, backups and exports
// live: $XDG_DATA_HOME/verloner (~/.local/share/verloner) on Linux,
// ~/Library/Application Support/Verloner on macOS, %AppData%\Verloner on Windows.
func DataDir() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, "Verloner"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "verloner"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "verloner"), nil
}

// BackupName is the timestamped file name of an automatic backup of path.
func BackupName(path string, at time.Time) string {
	base := filepath.Base(path)
	ext := filepath.Ext(base)
	return filepath.Join(filepath.Dir(path), "backups", base[:len(base)-len(ext)]+"-"+at.Format("20060102-150405")+ext)
}

// Invoice storage.

// InvoiceDoc is an issued invoice or credit note as the store keeps it: the
// document (with its number), the hour lines it covers and who issued it when.
type InvoiceDoc struct {
	ID      int64
	Invoice *invoice.Invoice
	// Hours are, for an invoice, the hour lines it bills; for a credit note,
	// the hour lines it releases so that a new invoice may bill them. They are
	// a snapshot taken at issue: the PDF's hours annex shows them as billed.
	Hours []InvoiceHour
	// CorrectsID is the ID of the invoice a credit note corrects; the store
	// fills it from Invoice.BillingReference.
	CorrectsID int64
	IssuedAt   time.Time
	User       string
}

// InvoiceHour is one hour line as an invoice billed it.
type InvoiceHour struct {
	HourLineID  int64
	PlacementID int64
	WorkerID    int64
	Date        time.Time
	Type        domain.HourType
	Quantity    decimal.Decimal
	BillPercent decimal.Decimal
}

// InvoiceFilter selects documents for Invoices. Zero fields do not filter.
type InvoiceFilter struct {
	HirerID  int64
	Period   string          // domain.Period as printed: "2026-W47"
	From, To time.Time       // issue dates, inclusive
	Type     invoice.DocType // CommercialInvoice or CreditNote
	Lines    bool            // load lines and VAT breakdown (for exports); otherwise totals only
	Hours    bool            // load the hours annex
}

// Logo is the agency's logo printed on invoices.
type Logo struct {
	Data []byte
	Type string // "png" or "jpg"
}

// BankStatement records one imported statement file by its content hash.
type BankStatement struct {
	ID         int64
	Hash       string // sha256 of the file, hex
	FileName   string
	Format     string // importers/bank format: camt053, ing-csv, rabobank-csv, abnamro-tab
	Accounts   string // the agency's accounts the file covers, masked
	From, To   time.Time
	Entries    int // entries in the file
	Booked     int // payments booked from it (new incoming entries)
	ImportedAt time.Time
	User       string
}

// PaymentAccount says which of the agency's accounts received a payment.
type PaymentAccount string

// Accounts. The G-rekening part of invoices is booked apart from the rest.
const (
	AccountRegular PaymentAccount = "regular"
	AccountG       PaymentAccount = "g"
)

// Payment is money received from a hirer, by hand or from a bank statement.
type Payment struct {
	ID          int64
	StatementID int64  // 0: entered by hand
	EntryKey    string // identity of the statement entry; "" for payments by hand
	BookedOn    time.Time
	Amount      decimal.Decimal // > 0
	Account     PaymentAccount
	OwnIBAN     string
	CounterIBAN string
	CounterName string
	Remittance  string
	EndToEnd    string
	Source      string // "hand" or "import"
	Note        string
	CreatedAt   time.Time
	User        string
	Allocations []Allocation
}

// Allocated is the part of the payment allocated to invoices.
func (p *Payment) Allocated() decimal.Decimal {
	sum := decimal.Zero
	for _, a := range p.Allocations {
		sum = sum.Add(a.Amount)
	}
	return sum
}

// Allocation settles (part of) an invoice with (part of) a payment.
type Allocation struct {
	ID        int64
	PaymentID int64
	InvoiceID int64  // or, when 0, Number is looked up
	Number    string // the invoice number (filled on read)
	Amount    decimal.Decimal
	How       string // "auto" (matched on import) or "hand"
	CreatedAt time.Time
}

// PaymentFilter selects payments. Zero fields do not filter.
type PaymentFilter struct {
	From, To    time.Time // booking dates, inclusive
	Unallocated bool      // only payments not wholly allocated
}

// Receivable is one issued invoice in the debtors ledger, with what was
// credited and paid on it up to a date. The G-rekening part is tracked apart.
type Receivable struct {
	InvoiceID          int64
	Number             string
	HirerID            int64
	Customer           string
	IssueDate, DueDate time.Time
	Period             string
	Payable            decimal.Decimal // incl. VAT
	GAmount            decimal.Decimal // of which to the G-rekening
	Credited           decimal.Decimal // payable of the credit notes on it
	CreditedG          decimal.Decimal // their G-rekening part
	Paid               decimal.Decimal // allocated payments, both accounts
	PaidG              decimal.Decimal // of which received on the G-rekening
	LastPayment        time.Time
}

// Open is what the hirer still owes on the invoice (negative: a credit balance).
func (r *Receivable) Open() decimal.Decimal { return r.Payable.Sub(r.Credited).Sub(r.Paid) }

// OpenG is the open G-rekening part; it can differ from the split when a
// hirer paid the G part to the regular account (which loses its safeguard).
func (r *Receivable) OpenG() decimal.Decimal { return r.GAmount.Sub(r.CreditedG).Sub(r.PaidG) }

// Contract and absence storage.

// ContractTemplate is the agency's own contract text in one language (the
// template syntax of domain/contract), with who saved it when.
type ContractTemplate struct {
	Language  domain.Language
	Body      string
	UpdatedAt time.Time
	UpdatedBy string
}

// Audit and backup.

// AuditEntry is one line of the audit log: who changed what and when. Detail
// never holds a whole BSN or IBAN.
type AuditEntry struct {
	At       time.Time
	User     string // the OS user
	Entity   string
	EntityID int64
	Action   string
	Detail   string
}
