// Package benchdata generates a deterministic agency for `verloner bench`
// and the crash tests: payroll-ready workers (valid BSNs and IBANs, signed
// statements, ID documents), invoice-ready hirers, one placement per worker,
// and a week of hours as the XLSX hour sheet a hirer would send. The same
// Config and Seed always give the same data, byte for byte in the sheet.
//
// Nothing in it is a real person: names are drawn from fixed lists, BSNs
// come from the 9xxxxxxxx-free test range 100000000 upwards (elfproef-valid)
// and IBANs carry fictitious account numbers at real Dutch bank codes.
package benchdata

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"verloner/app"
	"verloner/domain"
	"verloner/importers"
)

// Config sizes the agency. Zero fields take the defaults of the benchmark:
// 2 000 workers, 300 hirers, 10 000 hour lines in 2026-W47, seed 1.
type Config struct {
	Workers int
	Hirers  int
	Lines   int // hour lines per week; 0: 5 per worker
	Seed    uint64
	Period  domain.Period // the first week of hours
}

// Defaults of the weekly-cycle benchmark.
const (
	DefaultWorkers = 2000
	DefaultHirers  = 300
)

// WithDefaults fills zero fields. Hirers never outnumber workers.
func (c Config) WithDefaults() Config {
	if c.Workers <= 0 {
		c.Workers = DefaultWorkers
	}
	if c.Hirers <= 0 {
		c.Hirers = DefaultHirers
	}
	if c.Hirers > c.Workers {
		c.Hirers = c.Workers
	}
	if c.Lines <= 0 {
		c.Lines = 5 * c.Workers
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Period == (domain.Period{}) {
		c.Period = domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}
	}
	return c
}

// Data is a generated agency.
type Data struct {
	Config     Config
	Agency     *domain.Agency
	Hirers     []*domain.Hirer
	Workers    []*domain.Worker
	Placements []app.PlacementImport
}

var (
	firstNames = []string{"Jan", "Anna", "Piotr", "Sanne", "Mohamed", "Fatima", "Łukasz", "Agnieszka", "Daan", "Emma",
		"Bram", "Julia", "Mateusz", "Zofia", "Youssef", "Noor", "Ionuț", "Elena", "Kevin", "Lotte", "Tomasz", "Marta"}
	prefixes  = []string{"", "", "", "de", "van", "van der", "", "ten", "", ""}
	lastNames = []string{"Vries", "Jansen", "Kowalski", "Bakker", "Visser", "Nowak", "Smit", "Wiśniewska", "Meijer",
		"El Amrani", "Mulder", "Popescu", "Bos", "Vos", "Dijkstra", "Wójcik", "Hendriks", "Kaya", "Dekker", "Brouwer"}
	cities = []struct{ postal, city string }{{"5038 CC", "Tilburg"}, {"4811 AB", "Breda"}, {"5611 AA", "Eindhoven"},
		{"3011 AD", "Rotterdam"}, {"6811 CA", "Arnhem"}, {"5211 JA", "'s-Hertogenbosch"}, {"4701 AA", "Roosendaal"}}
	functions = []string{"Orderpicker", "Reachtruckchauffeur", "Productiemedewerker", "Inpakker", "Heftruckchauffeur",
		"Magazijnmedewerker", "Timmerman", "Schoonmaker"}
	banks = []string{"ABNA", "INGB", "RABO", "SNSB", "TRIO", "BUNQ"}
)

// Generate makes the agency of cfg (defaults filled in). It is pure: no I/O.
func Generate(cfg Config) *Data {
	cfg = cfg.WithDefaults()
	r := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	start := cfg.Period.Start().AddDate(0, 0, -26*7) // in fase A, half a year in
	bsns := BSNs(cfg.Workers)
	d := &Data{Config: cfg, Agency: &domain.Agency{Name: "Benchmark Uitzendwerk B.V.",
		Address: domain.Address{Street: "Spoorlaan 350", PostalCode: "5038 CC", City: "Tilburg", Country: "NL"},
		KvK:     "18123456", VATID: "NL859123456B01", IBAN: "NL67INGB0006543210", GIBAN: "NL75INGB0990001234",
		LoonheffingenNummer: "859123456L01", Sector: 52, EmployerSize: domain.SmallEmployer, Frequency: domain.Weekly,
		Deadlines: domain.DefaultDeadlines(), Email: "backoffice@benchmark.example", Phone: "013-5550100"}}
	for h := 0; h < cfg.Hirers; h++ {
		c := cities[h%len(cities)]
		hirer := &domain.Hirer{Number: fmt.Sprintf("INL%04d", h+1), Name: fmt.Sprintf("Inlener %d B.V.", h+1),
			Address: domain.Address{Street: "Industrieweg " + strconv.Itoa(1+h%200), PostalCode: c.postal, City: c.city, Country: "NL"},
			KvK:     fmt.Sprintf("17%06d", h), VATID: fmt.Sprintf("NL8%08dB01", h), InvoiceEmail: fmt.Sprintf("facturen@inlener%d.example", h+1),
			PaymentTermDays: []int{14, 30, 30, 21}[h%4], CreditCheckedOn: start,
			CreditLimit: decimal.NewFromInt(int64(250000 + 1000*(h%50))), ReverseCharge: h%7 == 3,
			Remuneration: domain.RemunerationRecord{CAO: "ABU", SignedOn: start, SignedBy: "HR"}}
		if h%3 == 0 {
			hirer.GSharePercent = decimal.NewFromInt(25)
		}
		d.Hirers = append(d.Hirers, hirer)
	}
	for i := 0; i < cfg.Workers; i++ {
		nr := strconv.Itoa(100001 + i)
		c := cities[r.IntN(len(cities))]
		w := &domain.Worker{Number: nr, FirstName: firstNames[r.IntN(len(firstNames))], Prefix: prefixes[r.IntN(len(prefixes))],
			LastName: lastNames[r.IntN(len(lastNames))], BirthDate: domain.Date(1960+r.IntN(45), time.Month(1+r.IntN(12)), 1+r.IntN(28)),
			BSN: bsns[i], Nationality: []string{"NL", "NL", "PL", "RO", "NL", "DE"}[r.IntN(6)], IBAN: IBAN(banks[i%len(banks)], i),
			Address:        domain.Address{Street: "Kerkstraat " + strconv.Itoa(1+r.IntN(150)), PostalCode: c.postal, City: c.city, Country: "NL"},
			Identity:       domain.IDDocument{Type: "paspoort", Number: "NX" + nr, Expiry: domain.Date(2031, 1, 1)},
			ApplyTaxCredit: i%5 != 0, TaxCreditSignedOn: start, Phase: domain.PhaseA, Uitzendbeding: true,
			ContractType: "uitzendovereenkomst met uitzendbeding", ContractSignedOn: start, Reservations: domain.ReservationsReserved,
			Language: domain.Dutch, StartDate: start, DeductionAuthSigned: start}
		d.Workers = append(d.Workers, w)
		hirer := d.Hirers[i%len(d.Hirers)]
		wage := decimal.New(int64(1500+r.IntN(900)), -2) // 15.00 … 23.99, above the minimum wage
		p := &domain.Placement{Number: "P" + nr, Function: functions[r.IntN(len(functions))],
			CostCentre: fmt.Sprintf("KP-%d", r.IntN(3)), Start: start, HourlyWage: wage,
			BillingRate: wage.Mul(decimal.RequireFromString("1.78")).Round(2), TravelPerKm: decimal.RequireFromString("0.23"),
			Phase: domain.PhaseA, AgreedHoursPerWeek: decimal.NewFromInt(40)}
		for _, ty := range domain.HourTypes {
			p.Rates = append(p.Rates, domain.HourTypeRate{Type: ty, PayPercent: ty.DefaultPayPercent(), BillPercent: ty.DefaultPayPercent()})
		}
		d.Placements = append(d.Placements, app.PlacementImport{Placement: p, WorkerNumber: nr, HirerNumber: hirer.Number})
	}
	return d
}

// Store writes the agency, hirers, workers and placements into st, the
// master data in one transaction (as a placement list import).
func (d *Data) Store(ctx context.Context, st app.Store) error {
	if err := st.SaveAgency(ctx, d.Agency); err != nil {
		return err
	}
	imp := &app.MasterDataImport{File: app.ImportFile{Hash: fmt.Sprintf("benchdata-%d-%d-%d", d.Config.Seed, d.Config.Workers, d.Config.Hirers),
		FileName: "benchdata.xlsx", Kind: importers.KindPlacements, ImportedAt: time.Now()},
		Workers: d.Workers, Hirers: d.Hirers, Placements: d.Placements}
	return st.CommitMasterDataImport(ctx, imp)
}

// Row is one row of an hour sheet.
type Row struct {
	Worker   string
	Date     time.Time
	Type     domain.HourType
	Quantity decimal.Decimal
}

// extras are the hour lines a worker gets beyond the five normal days, in order.
var extras = []struct {
	day int
	typ domain.HourType
	qty string
}{{1, domain.HourOvertime125, "1.5"}, {2, domain.HourShift, "2.25"}, {0, domain.HourKilometres, "42"}, {5, domain.HourOvertime150, "4"},
	{3, domain.HourExpenses, "12.50"}, {4, domain.HourKilometres, "38"}, {3, domain.HourOvertime125, "2"}, {6, domain.HourOvertime200, "3"}}

// Rows returns the hour lines of week (the config's period plus weekOffset
// weeks): cfg.Lines lines over the workers, each worker's on distinct days
// and types (at most 13 per worker). variant changes the quantities (a
// corrected sheet of the same week).
func (d *Data) Rows(weekOffset, variant int) []Row {
	cfg := d.Config
	monday := cfg.Period.Start().AddDate(0, 0, 7*weekOffset)
	r := rand.New(rand.NewPCG(cfg.Seed+uint64(weekOffset)*7919+uint64(variant)*104729, 0x40a5))
	per, rest := cfg.Lines/cfg.Workers, cfg.Lines%cfg.Workers
	rows := make([]Row, 0, cfg.Lines)
	for i, w := range d.Workers {
		k := per
		if i < rest {
			k++
		}
		if k > 5+len(extras) {
			k = 5 + len(extras) // one line per distinct day and type
		}
		for j := 0; j < k; j++ {
			if j < 5 {
				q := []string{"8", "8", "7.5", "8", "6", "7.75"}[r.IntN(6)]
				rows = append(rows, Row{w.Number, monday.AddDate(0, 0, j), domain.HourNormal, decimal.RequireFromString(q)})
				continue
			}
			e := extras[j-5]
			rows = append(rows, Row{w.Number, monday.AddDate(0, 0, e.day), e.typ, decimal.RequireFromString(e.qty)})
		}
	}
	return rows
}

// HourSheet writes the hour sheet of a week as XLSX in the long layout the
// importer recognises by its headers (Personeelsnummer, Datum, Uursoort,
// Aantal), streamed: dates as date cells, quantities as numbers.
func (d *Data) HourSheet(w io.Writer, weekOffset, variant int) (int, error) {
	rows := d.Rows(weekOffset, variant)
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return 0, err
	}
	dateFmt := "dd-mm-yyyy"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return 0, err
	}
	if err := sw.SetRow("A1", []any{"Personeelsnummer", "Datum", "Uursoort", "Aantal"}); err != nil {
		return 0, err
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		q, _ := row.Quantity.Float64()
		if err := sw.SetRow(cell, []any{row.Worker, excelize.Cell{StyleID: style, Value: row.Date}, string(row.Type), q}); err != nil {
			return 0, err
		}
	}
	if err := sw.Flush(); err != nil {
		return 0, err
	}
	if err := f.Write(w); err != nil {
		return 0, err
	}
	return len(rows), nil
}

// BSNs returns n distinct elfproef-valid BSNs in order: the 8-digit
// prefixes from 10000000 on whose check digit exists, each with it.
func BSNs(n int) []string {
	out := make([]string, 0, n)
	for prefix := 10000000; len(out) < n; prefix++ {
		s := strconv.Itoa(prefix)
		sum := 0
		for i, c := range s {
			sum += (9 - i) * int(c-'0')
		}
		if check := sum % 11; check < 10 {
			out = append(out, s+strconv.Itoa(check))
		}
	}
	return out
}

// IBAN returns a valid Dutch IBAN at bank (four letters) with account number i.
func IBAN(bank string, i int) string {
	acct := fmt.Sprintf("%010d", 417000000+i)
	digits := ""
	for _, c := range bank + acct + "NL00" {
		if c >= 'A' && c <= 'Z' {
			digits += strconv.Itoa(int(c-'A') + 10)
		} else {
			digits += string(c)
		}
	}
	rem := 0
	for _, c := range digits {
		rem = (rem*10 + int(c-'0')) % 97
	}
	return fmt.Sprintf("NL%02d%s%s", 98-rem, bank, acct)
}
