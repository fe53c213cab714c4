package importers

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

func fileErrKey(err error) string {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe.Msg.Key
	}
	return ""
}

// bombZip makes an "xlsx" whose one part inflates from a few kB to size bytes.
func bombZip(t *testing.T, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for n := 0; n < size; n += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLimits_ZipBombRefusedFromDirectory(t *testing.T) {
	data := bombZip(t, 64<<20)
	if len(data) > 1<<20 {
		t.Fatalf("bomb is %d bytes, expected tiny", len(data))
	}
	_, err := ParseHours(context.Background(), data, ParseOptions{File: "bom.xlsx"})
	if k := fileErrKey(err); k != "file.zip_ratio" {
		t.Fatalf("err %v (key %q), want file.zip_ratio", err, k)
	}
	old := MaxUnzipped
	MaxUnzipped = 2000
	defer func() { MaxUnzipped = old }()
	normal := makeXLSX(t, sheetSpec{name: "Uren", rows: [][]any{{"Personeelsnummer", "Datum", "Uren"}, {1001, "16-11-2026", 8}}})
	if _, err := ParseHours(context.Background(), normal, ParseOptions{File: "groot.xlsx"}); fileErrKey(err) != "file.zip_bomb" {
		t.Fatalf("err %v, want file.zip_bomb over the total limit", err)
	}
}

func TestLimits_TooManyRows(t *testing.T) {
	old := MaxRows
	MaxRows = 5
	defer func() { MaxRows = old }()
	rows := [][]any{{"Personeelsnummer", "Datum", "Uren"}}
	csv := "Personeelsnummer;Datum;Uren\n"
	for i := 0; i < 10; i++ {
		rows = append(rows, []any{1001, "16-11-2026", 8})
		csv += "1001;16-11-2026;8\n"
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"xlsx (refused before excelize reads)", makeXLSX(t, sheetSpec{name: "Uren", rows: rows})},
		{"csv", []byte(csv)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseHours(context.Background(), tt.data, ParseOptions{File: "veel"})
			if k := fileErrKey(err); k != "file.too_many_rows" {
				t.Fatalf("err %v, want file.too_many_rows", err)
			}
			if !strings.Contains(err.Error(), "meer dan 5 rijen") {
				t.Errorf("message %q", err)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		data string
		want Format
	}{
		{"\xd0\xcf\x11\xe0rest", FormatXLS},
		{"PK\x03\x04", FormatXLSX},
		{"\xef\xbb\xbf<?xml", FormatSETU},
		{"  <TimeCard", FormatSETU},
		{"a;b;c", FormatCSV},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.data)); got != tt.want {
			t.Errorf("Sniff(%q) = %s, want %s", tt.data, got, tt.want)
		}
	}
}
