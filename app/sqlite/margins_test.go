package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/margin"
)

func TestMarginFeeAndApprovals(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if f, err := db.MarginFee(ctx); err != nil || f.Kind != margin.FeeNone {
		t.Fatalf("fee before any save: %+v %v", f, err)
	}
	fee := margin.Fee{Kind: margin.FeePerHour, Rate: decimal.RequireFromString("0.85"), Backoffice: "  Payroll Partners B.V. "}
	if err := db.SaveMarginFee(ctx, fee); err != nil {
		t.Fatal(err)
	}
	got, err := db.MarginFee(ctx)
	if err != nil || got.Kind != margin.FeePerHour || !got.Rate.Equal(fee.Rate) || got.Backoffice != "Payroll Partners B.V." {
		t.Fatalf("fee read back %+v %v", got, err)
	}
	if err := db.SaveMarginFee(ctx, margin.Fee{Kind: "per_month", Rate: decimal.NewFromInt(1)}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("invalid fee stored: %v", err)
	}

	w47 := domain.Period{Kind: domain.Weekly, Year: 2026, Number: 47}
	if a, err := db.MarginApproval(ctx, w47); a != nil || err != nil {
		t.Fatalf("approval before any: %+v %v", a, err)
	}
	for _, payable := range []string{"500.00", "480.00"} {
		a := &margin.Approval{Period: w47, Margin: decimal.RequireFromString("525.00"), Fee: decimal.RequireFromString("25.00"),
			Payable: decimal.RequireFromString(payable), Terms: got, By: "anna"}
		if err := db.SaveMarginApproval(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	a, err := db.MarginApproval(ctx, w47)
	if err != nil || a == nil || !a.Payable.Equal(decimal.RequireFromString("480.00")) || a.By != "anna" || a.At.IsZero() ||
		a.Terms.Kind != margin.FeePerHour || !a.Terms.Rate.Equal(fee.Rate) {
		t.Fatalf("latest approval %+v %v", a, err)
	}
	if a, _ := db.MarginApproval(ctx, w47.Next()); a != nil {
		t.Errorf("approval of another period: %+v", a)
	}
	if err := db.SaveMarginApproval(ctx, &margin.Approval{Period: w47, Terms: got}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("approval without a user: %v", err)
	}
	// Approvals are append-only, whatever writes to the file.
	for _, q := range []string{`UPDATE margin_approvals SET payable = '1'`, `DELETE FROM margin_approvals`} {
		if err := db.Exec(ctx, q); err == nil || !strings.Contains(err.Error(), "kan niet worden") {
			t.Errorf("%s: %v", q, err)
		}
	}
}
