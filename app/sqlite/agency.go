package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"verloner/domain"
)

// Agency returns the administration's agency details.
func (db *DB) Agency(ctx context.Context) (*domain.Agency, error) {
	a := &domain.Agency{}
	var deadlines, created, updated string
	err := db.db.QueryRowContext(ctx, `SELECT name, street, postal_code, city, country, kvk, vat_id, iban, g_iban,
		loonheffingen_nr, sector, employer_size, frequency, deadlines, email, phone, created_at, updated_at
		FROM agency WHERE id = 1`).Scan(&a.Name, &a.Address.Street, &a.Address.PostalCode, &a.Address.City,
		&a.Address.Country, &a.KvK, &a.VATID, &a.IBAN, &a.GIBAN, &a.LoonheffingenNummer, &a.Sector,
		&a.EmployerSize, &a.Frequency, &deadlines, &a.Email, &a.Phone, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.Errorf(domain.ENOTFOUND, "De administratie heeft nog geen bureaugegevens.")
	} else if err != nil {
		return nil, fmt.Errorf("bureaugegevens lezen: %w", err)
	}
	a.Deadlines = domain.DefaultDeadlines()
	if err := json.Unmarshal([]byte(deadlines), &a.Deadlines); err != nil {
		return nil, fmt.Errorf("deadlines lezen: %w", err)
	}
	a.CreatedAt, a.UpdatedAt = parseMoment(created), parseMoment(updated)
	return a, nil
}

// SaveAgency creates or replaces the agency details.
func (db *DB) SaveAgency(ctx context.Context, a *domain.Agency) error {
	if err := a.Validate(); err != nil {
		return err
	}
	deadlines, err := json.Marshal(a.Deadlines)
	if err != nil {
		return err
	}
	return db.withTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		_, err := tx.ExecContext(ctx, `INSERT INTO agency (id, name, street, postal_code, city, country, kvk, vat_id,
			iban, g_iban, loonheffingen_nr, sector, employer_size, frequency, deadlines, email, phone, created_at, updated_at)
			VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name=excluded.name, street=excluded.street, postal_code=excluded.postal_code,
			city=excluded.city, country=excluded.country, kvk=excluded.kvk, vat_id=excluded.vat_id, iban=excluded.iban,
			g_iban=excluded.g_iban, loonheffingen_nr=excluded.loonheffingen_nr, sector=excluded.sector,
			employer_size=excluded.employer_size, frequency=excluded.frequency, deadlines=excluded.deadlines,
			email=excluded.email, phone=excluded.phone, updated_at=excluded.updated_at`,
			a.Name, a.Address.Street, a.Address.PostalCode, a.Address.City, countryOr(a.Address.Country), a.KvK,
			a.VATID, domain.NormalizeIBAN(a.IBAN), domain.NormalizeIBAN(a.GIBAN), a.LoonheffingenNummer, a.Sector,
			string(a.EmployerSize), string(a.Frequency), string(deadlines), a.Email, a.Phone, now, now)
		if err != nil {
			return fmt.Errorf("bureaugegevens opslaan: %w", err)
		}
		return db.audit(ctx, tx, "agency", 1, "save", a.Name)
	})
}

func countryOr(c string) string {
	if c == "" {
		return "NL"
	}
	return c
}
