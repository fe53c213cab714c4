package domain_test

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"verloner/domain"
)

const oracleDir = "../../shared/oracles/identifiers/"

func readVectors(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(oracleDir + name)
	if err != nil {
		t.Fatalf("oracle vectors must be beside the repo (../shared): %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

func TestValidBSN_OracleVectors(t *testing.T) {
	rows := readVectors(t, "bsn-vectors.csv")
	if len(rows) < 20 {
		t.Fatalf("only %d BSN vectors read", len(rows))
	}
	for _, r := range rows {
		input, want := r[0], r[1] == "true"
		if got := domain.ValidBSN(input); got != want {
			t.Errorf("ValidBSN(%q)=%v, want %v (%s)", input, got, want, r[2])
		}
	}
}

func TestValidIBAN_OracleVectors(t *testing.T) {
	rows := readVectors(t, "iban-vectors.csv")
	for _, r := range rows {
		input, want := r[0], r[1] == "true"
		if strings.HasPrefix(r[2], "lowercase") {
			// Policy: users type IBANs in lower case; we upper-case before checking.
			want = true
		}
		if got := domain.ValidIBAN(input); got != want {
			t.Errorf("ValidIBAN(%q)=%v, want %v (%s)", input, got, want, r[2])
		}
	}
}

func TestMasking(t *testing.T) {
	tests := []struct {
		fn       func(string) string
		in, want string
	}{
		{domain.MaskBSN, "123456782", "******782"},
		{domain.MaskBSN, "8945 4917", "******917"},
		{domain.MaskBSN, "", ""},
		{domain.MaskIBAN, "NL91ABNA0417164300", "NL** **** **** **43 00"},
		{domain.MaskIBAN, "nl91 abna 0417 1643 00", "NL** **** **** **43 00"},
		{domain.MaskIBAN, "", ""},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("mask(%q)=%q, want %q", tt.in, got, tt.want)
		}
		if tt.in != "" && strings.Contains(tt.fn(tt.in), "0417") {
			t.Errorf("mask(%q) leaks the account number", tt.in)
		}
	}
}
