// Package demo creates the demo administration from assets/demo/demo.json: a
// fictitious agency with 25 workers, 5 hirers, their placements and one week
// of hours, with deliberate dossier problems so a new user sees what the
// checklist catches.
package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/shopspring/decimal"

	"verloner/app"
	"verloner/app/sqlite"
	"verloner/assets"
	"verloner/domain"
)

// Period is the work week the demo's hours belong to.
const Period = "2026-W47"

type file struct {
	Comment    string      `json:"comment"`
	Period     string      `json:"period"`
	Agency     agency      `json:"agency"`
	Workers    []worker    `json:"workers"`
	Hirers     []hirer     `json:"hirers"`
	Placements []placement `json:"placements"`
	Hours      []hourLine  `json:"hours"`
}

type agency struct {
	Name, Street, City, Country, Email, Phone string
	PostalCode                                string `json:"postal_code"`
	KvK                                       string `json:"kvk"`
	VATID                                     string `json:"vat_id"`
	IBAN                                      string `json:"iban"`
	GIBAN                                     string `json:"g_iban"`
	LoonheffingenNr                           string `json:"loonheffingen_nr"`
	Sector                                    int    `json:"sector"`
	EmployerSize                              string `json:"employer_size"`
	Frequency                                 string `json:"frequency"`
}

type worker struct {
	Number, Initials, Street, City, Country, Email, Phone, Language, Reservations, Phase, Nationality string
	FirstName                                                                                         string `json:"first_name"`
	Prefix                                                                                            string `json:"prefix"`
	LastName                                                                                          string `json:"last_name"`
	BirthDate                                                                                         string `json:"birth_date"`
	BSN                                                                                               string `json:"bsn"`
	PostalCode                                                                                        string `json:"postal_code"`
	IBAN                                                                                              string `json:"iban"`
	IDType                                                                                            string `json:"id_type"`
	IDNumber                                                                                          string `json:"id_number"`
	IDExpiry                                                                                          string `json:"id_expiry"`
	TaxCredit                                                                                         bool   `json:"tax_credit"`
	TaxCreditSigned                                                                                   string `json:"tax_credit_signed_on"`
	Uitzendbeding                                                                                     bool   `json:"uitzendbeding"`
	ETEligible                                                                                        bool   `json:"et_eligible"`
	ETHomeAbroad                                                                                      string `json:"et_home_abroad"`
	ETTravelCosts                                                                                     string `json:"et_travel_costs"`
	ETHousingSNF                                                                                      string `json:"et_housing_snf"`
	ContractSigned                                                                                    string `json:"contract_signed_on"`
	DeductionAuth                                                                                     string `json:"deduction_auth_signed"`
	StartDate                                                                                         string `json:"start_date"`
}

type hirer struct {
	Number, Name, Street, City string
	PostalCode                 string `json:"postal_code"`
	KvK                        string `json:"kvk"`
	VATID                      string `json:"vat_id"`
	ContactName                string `json:"contact_name"`
	ContactEmail               string `json:"contact_email"`
	InvoiceEmail               string `json:"invoice_email"`
	PaymentTermDays            int    `json:"payment_term_days"`
	CreditCheckedOn            string `json:"credit_checked_on"`
	CreditLimit                string `json:"credit_limit"`
	GSharePercent              string `json:"g_share_percent"`
	ReverseCharge              bool   `json:"reverse_charge"`
	ProofOfHours               bool   `json:"proof_of_hours"`
	RemBasis                   string `json:"rem_basis"`
	RemCAO                     string `json:"rem_cao"`
	RemSignedOn                string `json:"rem_signed_on"`
	RemSignedBy                string `json:"rem_signed_by"`
	Components                 []struct {
		Name, Description, Value string
	} `json:"components"`
	Aliases []struct{ Worker, Code string } `json:"aliases"`
}

type placement struct {
	Number, Worker, Hirer, Function, Start, End, Basis, Phase string
	CostCentre                                                string `json:"cost_centre"`
	HourlyWage                                                string `json:"hourly_wage"`
	BillingRate                                               string `json:"billing_rate"`
	TravelPerKm                                               string `json:"travel_per_km"`
	AgreedHours                                               string `json:"agreed_hours"`
	Rates                                                     []struct {
		Type        string `json:"type"`
		PayPercent  string `json:"pay_percent"`
		BillPercent string `json:"bill_percent"`
	} `json:"rates"`
}

type hourLine struct {
	Placement, Date, Type, Quantity string
}

// Load fills an empty store with the demo administration, all in the order
// foreign keys need. It refuses a store that already holds workers.
func Load(ctx context.Context, st app.Store) error {
	var f file
	dec := json.NewDecoder(bytes.NewReader(assets.Demo))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("demo.json: %w", err)
	}
	if ws, err := st.Workers(ctx); err != nil {
		return err
	} else if len(ws) > 0 {
		return domain.Errorf(domain.ECONFLICT, "De administratie bevat al gegevens; de demo wordt alleen in een lege administratie geladen.")
	}
	var c conv
	a := &domain.Agency{Name: f.Agency.Name, Address: domain.Address{Street: f.Agency.Street, PostalCode: f.Agency.PostalCode,
		City: f.Agency.City, Country: f.Agency.Country}, KvK: f.Agency.KvK, VATID: f.Agency.VATID, IBAN: f.Agency.IBAN,
		GIBAN: f.Agency.GIBAN, LoonheffingenNummer: f.Agency.LoonheffingenNr, Sector: f.Agency.Sector,
		EmployerSize: domain.EmployerSize(f.Agency.EmployerSize), Frequency: domain.PeriodKind(f.Agency.Frequency),
		Deadlines: domain.DefaultDeadlines(), Email: f.Agency.Email, Phone: f.Agency.Phone}
	if err := st.SaveAgency(ctx, a); err != nil {
		return fmt.Errorf("demo bureau: %w", err)
	}
	workerIDs := map[string]int64{}
	for _, w := range f.Workers {
		dw := &domain.Worker{Number: w.Number, Initials: w.Initials, FirstName: w.FirstName, Prefix: w.Prefix,
			LastName: w.LastName, BirthDate: c.date(w.BirthDate), BSN: w.BSN, Nationality: w.Nationality,
			Address: domain.Address{Street: w.Street, PostalCode: w.PostalCode, City: w.City, Country: w.Country},
			Email:   w.Email, Phone: w.Phone, IBAN: w.IBAN,
			Identity:       domain.IDDocument{Type: w.IDType, Number: w.IDNumber, Expiry: c.date(w.IDExpiry)},
			ApplyTaxCredit: w.TaxCredit, TaxCreditSignedOn: c.date(w.TaxCreditSigned), Phase: domain.Phase(w.Phase),
			Uitzendbeding: w.Uitzendbeding, Language: domain.Language(w.Language),
			Reservations: domain.ReservationMode(w.Reservations), ETEligible: w.ETEligible,
			ET: domain.ETProofs{HomeAbroad: c.date(w.ETHomeAbroad), TravelCosts: c.date(w.ETTravelCosts),
				HousingSNF: c.date(w.ETHousingSNF)},
			ContractSignedOn: c.date(w.ContractSigned), DeductionAuthSigned: c.date(w.DeductionAuth),
			StartDate: c.date(w.StartDate)}
		if dw.Uitzendbeding {
			dw.ContractType = "uitzendovereenkomst met uitzendbeding"
		} else {
			dw.ContractType = "uitzendovereenkomst zonder uitzendbeding"
		}
		if c.err != nil {
			return fmt.Errorf("demo uitzendkracht %s: %w", w.Number, c.err)
		}
		if err := st.SaveWorker(ctx, dw); err != nil {
			return fmt.Errorf("demo uitzendkracht %s: %w", w.Number, err)
		}
		workerIDs[w.Number] = dw.ID
	}
	hirerIDs := map[string]int64{}
	for _, h := range f.Hirers {
		dh := &domain.Hirer{Number: h.Number, Name: h.Name, Address: domain.Address{Street: h.Street,
			PostalCode: h.PostalCode, City: h.City, Country: "NL"}, KvK: h.KvK, VATID: h.VATID,
			ContactName: h.ContactName, ContactEmail: h.ContactEmail, InvoiceEmail: h.InvoiceEmail,
			PaymentTermDays: h.PaymentTermDays, CreditCheckedOn: c.date(h.CreditCheckedOn),
			CreditLimit: c.dec(h.CreditLimit), GSharePercent: c.dec(h.GSharePercent), ReverseCharge: h.ReverseCharge,
			ProofOfHours: h.ProofOfHours, Remuneration: domain.RemunerationRecord{Basis: domain.RemunerationBasis(h.RemBasis),
				CAO: h.RemCAO, SignedOn: c.date(h.RemSignedOn), SignedBy: h.RemSignedBy}}
		for _, comp := range h.Components {
			dh.Remuneration.Components = append(dh.Remuneration.Components,
				domain.RemunerationComponent{Name: comp.Name, Description: comp.Description, Value: comp.Value})
		}
		for _, al := range h.Aliases {
			dh.Aliases = append(dh.Aliases, domain.WorkerAlias{WorkerID: workerIDs[al.Worker], Code: al.Code})
		}
		if c.err != nil {
			return fmt.Errorf("demo inlener %s: %w", h.Number, c.err)
		}
		if err := st.SaveHirer(ctx, dh); err != nil {
			return fmt.Errorf("demo inlener %s: %w", h.Number, err)
		}
		hirerIDs[h.Number] = dh.ID
	}
	placements := map[string]*domain.Placement{}
	for _, p := range f.Placements {
		dp := &domain.Placement{Number: p.Number, WorkerID: workerIDs[p.Worker], HirerID: hirerIDs[p.Hirer],
			Function: p.Function, CostCentre: p.CostCentre, Start: c.date(p.Start), End: c.date(p.End),
			HourlyWage: c.dec(p.HourlyWage), BillingRate: c.dec(p.BillingRate), TravelPerKm: c.dec(p.TravelPerKm),
			AgreedHoursPerWeek: c.dec(p.AgreedHours),
			Basis:              domain.RemunerationBasis(p.Basis), Phase: domain.Phase(p.Phase)}
		for _, r := range p.Rates {
			dp.Rates = append(dp.Rates, domain.HourTypeRate{Type: domain.HourType(r.Type),
				PayPercent: c.dec(r.PayPercent), BillPercent: c.dec(r.BillPercent)})
		}
		if c.err != nil {
			return fmt.Errorf("demo plaatsing %s: %w", p.Number, c.err)
		}
		if err := st.SavePlacement(ctx, dp); err != nil {
			return fmt.Errorf("demo plaatsing %s: %w", p.Number, err)
		}
		placements[p.Number] = dp
	}
	var lines []*domain.HourLine
	for i, h := range f.Hours {
		p := placements[h.Placement]
		if p == nil {
			return fmt.Errorf("demo uren regel %d: onbekende plaatsing %s", i+1, h.Placement)
		}
		r, _ := p.Rate(domain.HourType(h.Type))
		lines = append(lines, &domain.HourLine{PlacementID: p.ID, Date: c.date(h.Date), Type: domain.HourType(h.Type),
			Quantity: c.dec(h.Quantity), PayPercent: r.PayPercent, BillPercent: r.BillPercent,
			Source: domain.Source{File: "demo.json", Row: i + 1}})
	}
	if c.err != nil {
		return fmt.Errorf("demo uren: %w", c.err)
	}
	return st.AddHourLines(ctx, lines)
}

// Create makes a new administration file at path holding the demo. It
// refuses to touch an existing file.
func Create(ctx context.Context, path string) (*sqlite.DB, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, domain.Errorf(domain.ECONFLICT, "%s bestaat al; kies een nieuwe bestandsnaam voor de demo.", path)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := Load(ctx, db); err != nil {
		db.Close()
		os.Remove(path)
		return nil, err
	}
	return db, nil
}

// OpenDefault opens the demo administration in the user's data folder,
// creating it on first use. It is what `make run` and a bare `verloner` open.
func OpenDefault(ctx context.Context) (*sqlite.DB, error) {
	dir, err := app.DataDir()
	if err != nil {
		return nil, fmt.Errorf("gegevensmap: %w", err)
	}
	path := filepath.Join(dir, "demo"+sqlite.Ext)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return Create(ctx, path)
	}
	return sqlite.Open(ctx, path)
}

// conv parses the demo's strings, keeping the first error.
type conv struct{ err error }

func (c *conv) date(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil && c.err == nil {
		c.err = err
	}
	return t
}

func (c *conv) dec(s string) decimal.Decimal {
	if s == "" {
		return decimal.Zero
	}
	d, err := decimal.NewFromString(s)
	if err != nil && c.err == nil {
		c.err = err
	}
	return d
}
