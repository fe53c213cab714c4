// Package absence grows the sick reports (domain.SickReport) into absence
// records: per report the waiting days, the pay percentage of the sickness
// week, whether the worker and the agency met their reporting deadlines,
// whether the contract ends during the sickness so that the worker goes to
// the Ziektewet (ZW) through UWV, and the re-integration dates and notes the
// backoffice records. It also turns sick reports into ZIEK hour lines for a
// pay period (SickHours), with the hours the CAO prescribes: the average of
// the 13 weeks before the report. It is pure: no I/O, no clock.
//
// Sources (shared/domain/nl-payroll-2026.md and the notes cited):
//   - Waiting days at most 2 per spell; none for a new report within four
//     weeks after recovery, and those spells count together (BW 7:629 lid 9
//     and 10). Sick pay at least 70 %, first 52 weeks not below the minimum
//     wage (BW 7:629 lid 1); the agency's CAO setting gives the percentages
//     (CAO 2026–2028 art. 41: 90 % in weeks 1–52, 80 % in weeks 53–104).
//   - Sick hours for irregular work: the average of the 13 calendar weeks
//     before the report, overtime excluded (CAO 2026–2028 art. 29 lid 2, §7.4).
//   - The worker reports sick before 09:30, for shifts three hours before the
//     shift (seed 001 §Ziekmeldingen; the agency's domain.Deadlines).
//   - Since 1-7-2023 a contract with uitzendbeding does not end because of
//     sickness; if the contract ends while the worker is still sick, the agency
//     reports the worker to UWV on the end date (not more than ten days
//     earlier) for the Ziektewet and tops it up (ABU/NBBU CAO per 1-7-2023;
//     NBBU explanation via jenz.nl "Proces ziekmelding bij UWV bij
//     overeenkomsten met uitzendbeding per 1 juli 2023"; §7.4).
//   - Wet verbetering poortwachter: report to the arbodienst or company doctor
//     in week 1, problem analysis by week 6, plan of action by week 8, the
//     42nd-week report to UWV (mkbgoedwerkgeverschap.nl, wizlimburg.nl).
package absence

import (
	"time"

	"github.com/shopspring/decimal"

	"verloner/domain"
	"verloner/domain/contract"
)

// Policy is the sickness part of the agency's CAO settings.
type Policy struct {
	WaitingDays     int             // per new spell, 0–2
	PayPercent      decimal.Decimal // weeks 1–52
	PayPercentYear2 decimal.Decimal // weeks 53–104
	// EndsOnSickness: an uitzendbeding may end during sickness at the hirer's
	// request (agencies not bound by the CAO). The end date is then recorded
	// in FollowUp.ContractEndOn.
	EndsOnSickness bool
}

// PolicyOf takes the sickness figures from the contract settings, so that
// what the contract promises is what the absence record and payroll use.
func PolicyOf(s contract.Settings) Policy {
	s = s.WithDefaults()
	return Policy{WaitingDays: s.WaitingDays, PayPercent: s.SickPayPercent, PayPercentYear2: s.SickPayPercentYear2, EndsOnSickness: s.EndsOnSickness}
}

// PayPercentInWeek is the pay % of sickness week w (1-based, spells within
// four weeks counted together); zero after week 104.
func (p Policy) PayPercentInWeek(w int) decimal.Decimal {
	switch {
	case w <= 52:
		return p.PayPercent
	case w <= 104:
		return p.PayPercentYear2
	}
	return decimal.Zero
}

// FollowUp is what the backoffice records on a sick report besides the
// report itself: when it told the arbodienst and UWV, the re-integration
// steps and, when it differs from the contract register, the date the
// contract ends during the sickness.
type FollowUp struct {
	ReportID          int64
	ArboReportedOn    time.Time // ziekmelding aan arbodienst / bedrijfsarts
	ProblemAnalysisOn time.Time // probleemanalyse
	ActionPlanOn      time.Time // plan van aanpak
	UWV42ReportedOn   time.Time // 42e-weeksmelding aan UWV
	ZWReportedOn      time.Time // ziekmelding bij UWV aan het einde van het contract (Ziektewet)
	ContractEndOn     time.Time // the contract ends (ended) on this date during the sickness; zero: from the register
	UpdatedAt         time.Time
	UpdatedBy         string
}

// Note is one dated re-integration note on a sick report: a call, a visit
// to the company doctor, an agreement on adapted work.
type Note struct {
	ID        int64
	ReportID  int64
	On        time.Time
	Kind      string // "notitie", "contact", "bedrijfsarts", "re-integratie", …
	Text      string
	CreatedAt time.Time
	CreatedBy string
}

// Validate checks a note before it is stored.
func (n *Note) Validate() error {
	switch {
	case n.ReportID == 0:
		return domain.Errorf(domain.EINVALID, "Notitie zonder ziekmelding.")
	case n.On.IsZero():
		return domain.Errorf(domain.EINVALID, "Notitie zonder datum.")
	case len([]rune(n.Text)) == 0:
		return domain.Errorf(domain.EINVALID, "Notitie is leeg.")
	case len([]rune(n.Text)) > 4000:
		return domain.Errorf(domain.EINVALID, "Notitie is langer dan 4000 tekens.")
	}
	if n.Kind == "" {
		n.Kind = "notitie"
	}
	return nil
}
