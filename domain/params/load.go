package params

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
)

// Reasons a pack is rejected that tests and callers may want to recognise.
const (
	ReasonMissing = "ontbrekende sleutel"
	ReasonUnknown = "onbekende sleutel"
)

// LoadError says why a pack file was rejected, naming the file and the
// dotted key path ("arbeidskorting.below_aow.o1_pct", "minimum_wage[1].hourly.20").
// It unwraps to a *domain.Error (EINVALID) with the same text, so the app shows
// the message to the user as it is.
type LoadError struct {
	File   string
	Key    string // empty when the problem is the file as a whole
	Reason string
}

func (e *LoadError) Error() string {
	switch {
	case e.Key == "":
		return fmt.Sprintf("params %s: %s", e.File, e.Reason)
	case e.Reason == ReasonMissing || e.Reason == ReasonUnknown:
		return fmt.Sprintf("params %s: %s %q", e.File, e.Reason, e.Key)
	default:
		return fmt.Sprintf("params %s: sleutel %q: %s", e.File, e.Key, e.Reason)
	}
}

// Unwrap lets errors.As find a *domain.Error carrying the same message.
func (e *LoadError) Unwrap() error { return &domain.Error{Code: domain.EINVALID, Message: e.Error()} }

// Load reads one parameter pack. name is the file name used in error messages
// ("2027.json"). The JSON must have exactly the keys of the pack format: an
// unknown key, a missing key, a null, a malformed amount or date, or a value
// that breaks a consistency rule is an error naming the file and the key.
func Load(name string, data []byte) (*Pack, error) {
	// Pass 1: generic decode, to name the exact key of every structural problem.
	// encoding/json alone cannot report a missing key and reports an unknown one
	// without its path.
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return nil, &LoadError{File: name, Reason: "geen geldige JSON: " + err.Error()}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &LoadError{File: name, Reason: "tekst na het einde van het JSON-object"}
	}
	if key, reason := checkShape(raw, reflect.TypeOf(document{}), ""); reason != "" {
		return nil, &LoadError{File: name, Key: key, Reason: reason}
	}

	// Pass 2: the typed decode, strict as well.
	var doc document
	dec = json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, &LoadError{File: name, Key: te.Field, Reason: "verkeerd type: " + te.Value}
		}
		return nil, &LoadError{File: name, Reason: err.Error()}
	}
	p := &Pack{name: name, doc: doc}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return p, nil
}

var (
	decimalType = reflect.TypeOf(decimal.Decimal{})
	percentType = reflect.TypeOf(Percent{})
	dateType    = reflect.TypeOf(Date{})
)

// checkShape walks the generically decoded JSON value v against the Go type t
// and returns the path and reason of the first problem: a missing or unknown
// key, a null, a value of the wrong kind, or an amount or date that does not
// parse. Keys are visited in struct order and unknown keys in sorted order, so
// the reported problem is deterministic.
func checkShape(v any, t reflect.Type, path string) (string, string) {
	if v == nil {
		return path, "waarde ontbreekt (null)"
	}
	switch t {
	case decimalType, percentType:
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case json.Number:
			s = x.String()
		default:
			return path, "getal verwacht"
		}
		if _, err := decimal.NewFromString(s); err != nil || strings.ContainsAny(s, "eE") {
			return path, fmt.Sprintf("ongeldig decimaal getal %q", s)
		}
		return "", ""
	case dateType:
		s, ok := v.(string)
		if !ok {
			return path, "datum verwacht (JJJJ-MM-DD)"
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return path, fmt.Sprintf("ongeldige datum %q (JJJJ-MM-DD)", s)
		}
		return "", ""
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return path, "object verwacht"
		}
		known := map[string]bool{}
		if key, reason := checkFields(obj, t, path, known); reason != "" {
			return key, reason
		}
		var unknown []string
		for k := range obj {
			if !known[k] {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			return join(path, unknown[0]), ReasonUnknown
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return path, "lijst verwacht"
		}
		for i, e := range arr {
			if key, reason := checkShape(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); reason != "" {
				return key, reason
			}
		}
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return path, "object verwacht"
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if key, reason := checkShape(obj[k], t.Elem(), join(path, k)); reason != "" {
				return key, reason
			}
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			return path, "tekst verwacht"
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return path, "true of false verwacht"
		}
	case reflect.Int:
		n, ok := v.(json.Number)
		if !ok {
			return path, "geheel getal verwacht"
		}
		if _, err := strconv.Atoi(n.String()); err != nil {
			return path, fmt.Sprintf("geheel getal verwacht, niet %s", n)
		}
	default:
		return path, fmt.Sprintf("intern: type %s niet ondersteund", t) // a bug in document, caught by the tests
	}
	return "", ""
}

// checkFields checks the JSON fields of struct type t (embedded structs such as
// Meta contribute their fields to the same object) and records which keys it knows.
func checkFields(obj map[string]any, t reflect.Type, path string, known map[string]bool) (string, string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" && f.Type != percentType && f.Type != dateType {
			if key, reason := checkFields(obj, f.Type, path, known); reason != "" {
				return key, reason
			}
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		known[name] = true
		v, ok := obj[name]
		if !ok {
			return join(path, name), ReasonMissing
		}
		if key, reason := checkShape(v, f.Type, join(path, name)); reason != "" {
			return key, reason
		}
	}
	return "", ""
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
