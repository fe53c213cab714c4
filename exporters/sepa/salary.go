package sepa

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// SalaryPayment is the net-wage payment of one worker for a payroll period:
// EndToEndId "2026-W47-1001", remittance "Loon 2026-W47 1001", the worker's
// full name and IBAN as recorded (Batch.Normalize cleans them up).
func SalaryPayment(period domain.Period, w *domain.Worker, net decimal.Decimal) Payment {
	p := period.String()
	return Payment{
		EndToEndID:   p + "-" + w.Number,
		Name:         w.FullName(),
		IBAN:         w.IBAN,
		Amount:       net,
		Remittance:   "Loon " + p + " " + w.Number,
		WorkerNumber: w.Number,
	}
}

// SalaryMsgID is a message id unique per file: "LOON-2026-W47-20261118150405".
// The creation time is part of it because banks refuse a MsgId they have seen
// before, and a corrected file for the same period must get a new one.
func SalaryMsgID(period domain.Period, created time.Time) string {
	return "LOON-" + period.String() + "-" + created.Format("20060102150405")
}

// SalaryBatch assembles and normalizes the salary batch of an agency for a
// period. execution is the requested execution date (in the product the pay
// day, by default the Thursday: period.PayDate()); bic is the agency's BIC
// or "". The caller still runs Validate(today) and then Write.
func SalaryBatch(a *domain.Agency, bic string, period domain.Period, created, execution time.Time, payments []Payment) *Batch {
	b := &Batch{
		Version:   V09,
		MsgID:     SalaryMsgID(period, created),
		Created:   created,
		Execution: execution,
		Debtor:    DebtorFromAgency(a, bic),
		Payments:  slices.Clone(payments),
	}
	b.Normalize()
	return b
}
