package domain

import (
	"errors"
	"fmt"
)

// Error codes, in the style of WTF Dial: callers branch on the code, users read the message.
const (
	EINVALID  = "invalid"  // the input breaks a rule; the message says which
	ENOTFOUND = "notfound" // the record does not exist
	ECONFLICT = "conflict" // the change clashes with existing data (duplicate, immutable)
	EINTERNAL = "internal" // a bug or an environment failure
)

// Error is an application error whose Message is fit to show a Dutch user.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an application error, EINTERNAL for any other error, "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of an application error, or a
// generic Dutch text for internal errors (whose details go to the log).
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Interne fout."
}
