//go:build !unix

package payslip

import "time"

func cpuTime() time.Duration { return 0 }
