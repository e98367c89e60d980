//! The program's calendar: cycle dates and phases, the contribution window,
//! award terms and years under the yearly renewal date ([`AwardCalendar`]),
//! and the program's time zone.
//!
//! Dates are civil dates ([`jiff::civil::Date`]) in the program's time zone,
//! and every range is inclusive at both ends: "contributions due 2026-03-31"
//! means the whole of March 31st counts, and the deadline instant is the first
//! instant of April 1st in the program's zone ([`deadline_instant`]).

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::clock::Clock;
use crate::parse::AwardYear;

mod award;

pub use award::{AwardCalendar, AwardTerm};

/// Why cycle dates or a calendar setting were refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CycleError {
    /// Two cycle dates are in the wrong order.
    #[error("{later} ({later_date}) must be {} {earlier} ({earlier_date})", if *.strictly { "after" } else { "on or after" })]
    OutOfOrder {
        earlier: &'static str,
        earlier_date: Date,
        later: &'static str,
        later_date: Date,
        /// Whether the two dates may not be equal.
        strictly: bool,
    },
    /// A range whose end is before its start.
    #[error("the range ends ({end}) before it starts ({start})")]
    InvalidRange { start: Date, end: Date },
    /// The announcement falls outside the award years Plaudit accepts.
    #[error("the announcement year {0} is outside {min}..={max}", min = AwardYear::MIN, max = AwardYear::MAX)]
    YearOutOfRange(i16),
    /// A renewal date that does not exist every year.
    #[error("{month:02}-{day:02} is not a date that exists every year")]
    InvalidRenewalDate { month: i8, day: i8 },
    /// A time zone name that the time zone database does not know.
    #[error("unknown time zone {0:?}")]
    UnknownTimeZone(String),
}

// ---------------------------------------------------------------- ranges

/// A range of dates, inclusive at both ends. A range whose `end` is before its
/// `start` is empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateRange {
    pub start: Date,
    pub end: Date,
}

impl DateRange {
    /// A range, refusing one that ends before it starts.
    pub fn new(start: Date, end: Date) -> Result<Self, CycleError> {
        if end < start {
            return Err(CycleError::InvalidRange { start, end });
        }
        Ok(DateRange { start, end })
    }

    /// Whether `date` is in the range (both ends included).
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether no date is in the range.
    pub fn is_empty(&self) -> bool {
        self.end < self.start
    }

    /// The dates in both ranges, or `None` when they share none (an empty
    /// range shares none).
    pub fn intersection(&self, other: &DateRange) -> Option<DateRange> {
        let both = DateRange { start: self.start.max(other.start), end: self.end.min(other.end) };
        (!both.is_empty()).then_some(both)
    }

    /// How many days the range holds.
    pub fn days(&self) -> u32 {
        if self.is_empty() {
            return 0;
        }
        days_between(self.start, self.end).saturating_add(1)
    }

    /// The calendar months the range touches, as `(year, month)`, in order.
    /// A twelve-month range that does not start on the 1st touches 13.
    pub fn months(&self) -> Vec<(i16, i8)> {
        if self.is_empty() {
            return Vec::new();
        }
        let (first, last) = (month_index(self.start), month_index(self.end));
        (first..=last).map(month_from_index).collect()
    }
}

/// Days from `a` to `b` (0 when `b` is not after `a`).
pub(crate) fn days_between(a: Date, b: Date) -> u32 {
    let secs = a.duration_until(b).as_secs();
    u32::try_from(secs / 86_400).unwrap_or(0)
}

/// A number that grows by one per calendar month: `year * 12 + month - 1`.
pub(crate) fn month_index(date: Date) -> i32 {
    i32::from(date.year()) * 12 + i32::from(date.month()) - 1
}

pub(crate) fn month_from_index(index: i32) -> (i16, i8) {
    let year = i16::try_from(index.div_euclid(12)).unwrap_or(i16::MAX);
    let month = i8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
    (year, month)
}

/// A date from parts that may be out of range: the year is clamped to what
/// jiff supports, the month to 1..=12, the day to the month's length.
pub(crate) fn clamped_date(year: i32, month: i8, day: i8) -> Date {
    let year = i16::try_from(year.clamp(-9999, 9999)).unwrap_or(0);
    let month = month.clamp(1, 12);
    let days_in_month = Date::new(year, month, 1).map_or(28, |d| d.days_in_month());
    Date::new(year, month, day.clamp(1, days_in_month)).unwrap_or(Date::ZERO)
}

/// The day `months` calendar months after `date` (before it when negative),
/// on the same day of the month; when that day does not exist in the target
/// month, the first day of the month after it. So the months of a term that
/// starts on January 31st start on January 31st, March 1st, March 31st, ...,
/// and the month after February 29th starts on March 29th, the year after it
/// on March 1st of a common year.
///
/// This is not jiff's rule, which clamps to the month's last day (2024-02-29
/// plus a year is 2025-02-28): clamping makes the month ending on a 29th, 30th
/// or 31st one day short, so a term counted with it gets a thirteenth month
/// one day long. Here a month is never shorter than 28 days and the months of
/// a term never overlap. Past the dates jiff supports, the result saturates to
/// its first or last date.
pub(crate) fn months_after(date: Date, months: i32) -> Date {
    let target = month_index(date).saturating_add(months);
    let first = match month_start(target) {
        Ok(first) => first,
        Err(saturated) => return saturated,
    };
    if date.day() <= first.days_in_month() {
        first.with().day(date.day()).build().unwrap_or(first)
    } else {
        month_start(target.saturating_add(1)).unwrap_or_else(|saturated| saturated)
    }
}

/// The first day of the month numbered as [`month_index`] numbers them, or
/// (as the error) jiff's first or last date when that month is out of its range.
fn month_start(index: i32) -> Result<Date, Date> {
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    let (Ok(year), Ok(month)) = (i16::try_from(year), i8::try_from(month)) else {
        return Err(if index < 0 { Date::MIN } else { Date::MAX });
    };
    Date::new(year, month, 1).map_err(|_| if index < 0 { Date::MIN } else { Date::MAX })
}

/// The day one year after `date` ([`months_after`] twelve months): a February
/// 29th's anniversary is March 1st in a common year, so that a year from it
/// still lasts a whole year.
pub(crate) fn anniversary(date: Date) -> Date {
    months_after(date, 12)
}

/// Twelve months from `announcement`, to the day before its anniversary
/// (2026-07-01 → 2027-06-30; February 29th → February 28th of the next year),
/// **ignoring the program's renewal date**: an award announced in January and
/// renewed in July gets a gap. Use [`AwardCalendar::new_award`] and
/// [`AwardCalendar::renewal_of`]; this remains for callers outside this crate
/// until they switch, and agrees with them only when the anniversary of the
/// announcement is a renewal date.
pub fn award_term(announcement: Date) -> DateRange {
    DateRange { start: announcement, end: anniversary(announcement).saturating_sub(1.day()) }
}

/// The calendar year of `announcement`, clamped into 2000..=2200, **ignoring
/// the program's renewal date**: awards announced in January and July of one
/// year get the same year, even when the July one renews the January one. Use
/// [`AwardCalendar::new_award`], whose year is that of the renewal term the
/// award ends with; this remains for callers outside this crate until they
/// switch.
pub fn award_year_for(announcement: Date) -> AwardYear {
    AwardYear::saturating(i32::from(announcement.year()))
}

// ---------------------------------------------------------------- cycles

/// The contributions that count for a cycle whose contributions are due on
/// `due`: the twelve months ending that day (2026-03-31 → 2025-04-01..=2026-03-31).
/// Every standing of a candidacy is measured over this window.
pub fn contribution_window_ending(due: Date) -> DateRange {
    DateRange { start: due.saturating_sub(1.year()).saturating_add(1.day()), end: due }
}

/// Where a cycle stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CyclePhase {
    /// Before nominations open.
    Upcoming,
    /// Nominations are accepted (and candidates who accepted may already
    /// record contributions).
    NominationsOpen,
    /// Nominations are closed; candidates still record contributions.
    ContributionsOpen,
    /// Contributions are closed; the committee reviews until the announcement.
    InReview,
    /// From the announcement date on.
    Announced,
}

impl CyclePhase {
    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            CyclePhase::Upcoming => "upcoming",
            CyclePhase::NominationsOpen => "nominations_open",
            CyclePhase::ContributionsOpen => "contributions_open",
            CyclePhase::InReview => "in_review",
            CyclePhase::Announced => "announced",
        }
    }

    /// The English name for people.
    pub fn label(self) -> &'static str {
        match self {
            CyclePhase::Upcoming => "Upcoming",
            CyclePhase::NominationsOpen => "Nominations open",
            CyclePhase::ContributionsOpen => "Contributions open",
            CyclePhase::InReview => "In review",
            CyclePhase::Announced => "Announced",
        }
    }
}

/// The dates of one cycle, in order:
/// `nominations_open < nominations_close <= contributions_due <= review_start
/// <= review_end <= announcement`. Each date is a whole day in the program's
/// time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CycleDates {
    nominations_open: Date,
    nominations_close: Date,
    contributions_due: Date,
    review_start: Date,
    review_end: Date,
    announcement: Date,
}

impl CycleDates {
    /// Checks the order of the dates and that the announcement's year is an
    /// award year.
    pub fn new(
        nominations_open: Date,
        nominations_close: Date,
        contributions_due: Date,
        review_start: Date,
        review_end: Date,
        announcement: Date,
    ) -> Result<Self, CycleError> {
        let steps = [
            ("nominations open", nominations_open, "nominations close", nominations_close, true),
            ("nominations close", nominations_close, "contributions due", contributions_due, false),
            ("contributions due", contributions_due, "review start", review_start, false),
            ("review start", review_start, "review end", review_end, false),
            ("review end", review_end, "announcement", announcement, false),
        ];
        for (earlier, earlier_date, later, later_date, strictly) in steps {
            let wrong =
                if strictly { later_date <= earlier_date } else { later_date < earlier_date };
            if wrong {
                return Err(CycleError::OutOfOrder {
                    earlier,
                    earlier_date,
                    later,
                    later_date,
                    strictly,
                });
            }
        }
        let year = announcement.year();
        if AwardYear::new(i32::from(year)).is_err() {
            return Err(CycleError::YearOutOfRange(year));
        }
        Ok(CycleDates {
            nominations_open,
            nominations_close,
            contributions_due,
            review_start,
            review_end,
            announcement,
        })
    }

    /// The first day nominations are accepted.
    pub fn nominations_open(&self) -> Date {
        self.nominations_open
    }
    /// The last day nominations are accepted.
    pub fn nominations_close(&self) -> Date {
        self.nominations_close
    }
    /// The last day contributions may be recorded for this cycle.
    pub fn contributions_due(&self) -> Date {
        self.contributions_due
    }
    /// The first day of review.
    pub fn review_start(&self) -> Date {
        self.review_start
    }
    /// The last day of review.
    pub fn review_end(&self) -> Date {
        self.review_end
    }
    /// The day awards are announced and start.
    pub fn announcement(&self) -> Date {
        self.announcement
    }

    /// The contributions that count: the twelve months ending on the day
    /// contributions are due (2026-03-31 → 2025-04-01..=2026-03-31).
    pub fn contribution_window(&self) -> DateRange {
        contribution_window_ending(self.contributions_due)
    }

    /// The year and term of a new award this cycle gives, under the program's
    /// renewal date: from the announcement to the day before the renewal date
    /// nearest to its anniversary ([`AwardCalendar::new_award`]). The award
    /// year may be the announcement's calendar year, the one before or the
    /// one after; one outside 2000..=2200 saturates.
    pub fn award(&self, calendar: &AwardCalendar) -> AwardTerm {
        calendar.new_award(self.announcement)
    }

    /// The phase on a day of the program's calendar. Every boundary day belongs
    /// to the phase it closes: nominations are still open on
    /// `nominations_close`, contributions on `contributions_due`.
    pub fn phase_on(&self, date: Date) -> CyclePhase {
        if date < self.nominations_open {
            CyclePhase::Upcoming
        } else if date <= self.nominations_close {
            CyclePhase::NominationsOpen
        } else if date <= self.contributions_due {
            CyclePhase::ContributionsOpen
        } else if date < self.announcement {
            CyclePhase::InReview
        } else {
            CyclePhase::Announced
        }
    }

    /// The phase at an instant, read in the program's time zone.
    pub fn phase_at(&self, at: Timestamp, tz: &TimeZone) -> CyclePhase {
        self.phase_on(local_date(at, tz))
    }
}

// ---------------------------------------------------------------- renewal

/// The fixed day of the year on which renewals take effect (a program
/// setting, e.g. July 1st).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RenewalDate {
    pub month: i8,
    pub day: i8,
}

impl RenewalDate {
    /// Checks that the day exists every year (so February 29th is refused).
    pub fn new(month: i8, day: i8) -> Result<Self, CycleError> {
        // 2025 is a common year: a day valid in it is valid every year.
        if day == 29 && month == 2 || Date::new(2025, month, day).is_err() {
            return Err(CycleError::InvalidRenewalDate { month, day });
        }
        Ok(RenewalDate { month, day })
    }

    /// This renewal date in a calendar year. Out-of-range fields (possible
    /// because they are public) are clamped rather than refused.
    pub fn in_year(&self, year: i32) -> Date {
        clamped_date(year, self.month, self.day)
    }

    /// The first renewal date on or after `date`.
    pub fn next_on_or_after(&self, date: Date) -> Date {
        let this_year = self.in_year(i32::from(date.year()));
        if this_year >= date { this_year } else { self.in_year(i32::from(date.year()) + 1) }
    }

    /// The renewal term that starts on this date in the calendar year of
    /// `year` and ends the day before the next renewal date.
    pub fn renewal_term(&self, year: AwardYear) -> DateRange {
        let start = self.in_year(year.get());
        DateRange { start, end: self.in_year(year.get() + 1).saturating_sub(1.day()) }
    }
}

// ---------------------------------------------------------------- time zone

/// The calendar date of an instant in a time zone.
pub fn local_date(at: Timestamp, tz: &TimeZone) -> Date {
    tz.to_datetime(at).date()
}

/// The first instant of a local day. When a time zone skips midnight (a DST
/// change at 00:00), that is the first instant after the gap.
pub fn day_start_instant(date: Date, tz: &TimeZone) -> Timestamp {
    tz.to_timestamp(DateTime::from(date)).unwrap_or(if date.year() < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// The instant a deadline on `date` passes: the end of that local day, i.e.
/// the first instant of the next day in `tz`. An instant is before the
/// deadline when it is `< deadline_instant(date, tz)`.
pub fn deadline_instant(date: Date, tz: &TimeZone) -> Timestamp {
    match date.tomorrow() {
        Ok(next) => day_start_instant(next, tz),
        Err(_) => Timestamp::MAX,
    }
}

/// The program's time zone, in which all its dates are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramTimeZone(pub TimeZone);

impl ProgramTimeZone {
    /// Looks a zone up by IANA name ("Europe/Paris").
    pub fn get(name: &str) -> Result<Self, CycleError> {
        TimeZone::get(name)
            .map(ProgramTimeZone)
            .map_err(|_| CycleError::UnknownTimeZone(name.to_string()))
    }

    /// UTC.
    pub fn utc() -> Self {
        ProgramTimeZone(TimeZone::UTC)
    }

    /// The IANA name, when the zone has one.
    pub fn name(&self) -> Option<&str> {
        self.0.iana_name()
    }

    /// The zone itself.
    pub fn time_zone(&self) -> &TimeZone {
        &self.0
    }

    /// The program's date at an instant.
    pub fn local_date(&self, at: Timestamp) -> Date {
        local_date(at, &self.0)
    }

    /// The program's date now.
    pub fn today(&self, clock: &dyn Clock) -> Date {
        local_date(clock.now(), &self.0)
    }

    /// See [`day_start_instant`].
    pub fn day_start_instant(&self, date: Date) -> Timestamp {
        day_start_instant(date, &self.0)
    }

    /// See [`deadline_instant`].
    pub fn deadline_instant(&self, date: Date) -> Timestamp {
        deadline_instant(date, &self.0)
    }

    /// Whether `at` is before the end of the local day `date`.
    pub fn is_on_or_before(&self, at: Timestamp, date: Date) -> bool {
        at < self.deadline_instant(date)
    }
}

impl Default for ProgramTimeZone {
    fn default() -> Self {
        Self::utc()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::clock::FixedClock;
    use jiff::civil::date;

    fn cycle() -> CycleDates {
        CycleDates::new(
            date(2026, 1, 1),
            date(2026, 2, 28),
            date(2026, 3, 31),
            date(2026, 4, 1),
            date(2026, 5, 31),
            date(2026, 7, 1),
        )
        .unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn cycle_dates_in_order_are_accepted() {
        let c = cycle();
        assert_eq!(c.announcement(), date(2026, 7, 1));
        let award = c.award(&AwardCalendar::new(RenewalDate::new(7, 1).unwrap()));
        assert_eq!(award.year.get(), 2026);
        assert_eq!(award.term, DateRange { start: date(2026, 7, 1), end: date(2027, 6, 30) });
        // With renewals on January 1st, 2027-07-01 is nearer 2027-01-01 than 2028-01-01.
        let award = c.award(&AwardCalendar::new(RenewalDate::new(1, 1).unwrap()));
        assert_eq!(award.year.get(), 2026);
        assert_eq!(award.term, DateRange { start: date(2026, 7, 1), end: date(2026, 12, 31) });
    }

    #[test]
    fn cycle_dates_out_of_order_are_refused_with_the_pair_named() {
        let err = CycleDates::new(
            date(2026, 1, 1),
            date(2026, 2, 28),
            date(2026, 2, 27),
            date(2026, 4, 1),
            date(2026, 5, 31),
            date(2026, 7, 1),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "contributions due (2026-02-27) must be on or after nominations close (2026-02-28)"
        );
    }

    #[test]
    fn nominations_must_stay_open_at_least_one_day() {
        let d = date(2026, 1, 1);
        let err = CycleDates::new(d, d, d, d, d, d).unwrap_err();
        assert_eq!(
            err.to_string(),
            "nominations close (2026-01-01) must be after nominations open (2026-01-01)"
        );
        let ok = CycleDates::new(
            d,
            date(2026, 1, 2),
            date(2026, 1, 2),
            date(2026, 1, 2),
            date(2026, 1, 2),
            date(2026, 1, 2),
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn an_announcement_outside_award_years_is_refused() {
        let d = |y| date(y, 1, 1);
        let err = CycleDates::new(d(1990), date(1990, 2, 1), d(1991), d(1991), d(1991), d(1991));
        assert_eq!(err, Err(CycleError::YearOutOfRange(1991)));
    }

    #[test]
    fn the_contribution_window_is_the_twelve_months_ending_on_the_due_date() {
        let w = cycle().contribution_window();
        assert_eq!(w, DateRange { start: date(2025, 4, 1), end: date(2026, 3, 31) });
        assert!(w.contains(date(2025, 4, 1)));
        assert!(w.contains(date(2026, 3, 31)));
        assert!(!w.contains(date(2025, 3, 31)));
        assert!(!w.contains(date(2026, 4, 1)));
        assert_eq!(w.days(), 365);
        assert_eq!(w.months().len(), 12);
    }

    #[test]
    fn a_window_ending_on_leap_day_starts_on_march_first() {
        let c = CycleDates::new(
            date(2024, 1, 1),
            date(2024, 2, 1),
            date(2024, 2, 29),
            date(2024, 3, 1),
            date(2024, 3, 31),
            date(2024, 4, 15),
        )
        .unwrap();
        let w = c.contribution_window();
        assert_eq!(w.start, date(2023, 3, 1));
        assert_eq!(w.days(), 366);
    }

    #[test]
    fn a_mid_month_window_touches_thirteen_months() {
        let w = DateRange::new(date(2025, 4, 15), date(2026, 4, 14)).unwrap();
        let months = w.months();
        assert_eq!(months.len(), 13);
        assert_eq!(months.first(), Some(&(2025, 4)));
        assert_eq!(months.last(), Some(&(2026, 4)));
        assert_eq!(months.get(9), Some(&(2026, 1)));
    }

    #[test]
    fn an_inverted_range_is_refused_or_empty() {
        assert!(DateRange::new(date(2026, 2, 1), date(2026, 1, 1)).is_err());
        let r = DateRange { start: date(2026, 2, 1), end: date(2026, 1, 1) };
        assert!(r.is_empty());
        assert_eq!(r.days(), 0);
        assert!(r.months().is_empty());
        assert!(!r.contains(date(2026, 1, 15)));
    }

    #[test]
    fn ranges_intersect_on_the_days_they_share() {
        let r = |a, b| DateRange { start: a, end: b };
        let year = r(date(2025, 4, 1), date(2026, 3, 31));
        assert_eq!(
            year.intersection(&r(date(2025, 1, 1), date(2025, 4, 1))),
            Some(r(date(2025, 4, 1), date(2025, 4, 1)))
        );
        assert_eq!(year.intersection(&r(date(2024, 1, 1), date(2027, 1, 1))), Some(year));
        assert_eq!(year.intersection(&r(date(2024, 1, 1), date(2025, 3, 31))), None);
        // An empty range shares no day, even one that lies between its ends.
        let empty = r(date(2026, 1, 1), date(2025, 1, 1));
        assert_eq!(empty.intersection(&year), None);
        assert_eq!(year.intersection(&empty), None);
    }

    #[test]
    fn the_phase_follows_the_dates_and_boundary_days_belong_to_the_phase_they_close() {
        let c = cycle();
        assert_eq!(c.phase_on(date(2025, 12, 31)), CyclePhase::Upcoming);
        assert_eq!(c.phase_on(date(2026, 1, 1)), CyclePhase::NominationsOpen);
        assert_eq!(c.phase_on(date(2026, 2, 28)), CyclePhase::NominationsOpen);
        assert_eq!(c.phase_on(date(2026, 3, 1)), CyclePhase::ContributionsOpen);
        assert_eq!(c.phase_on(date(2026, 3, 31)), CyclePhase::ContributionsOpen);
        assert_eq!(c.phase_on(date(2026, 4, 1)), CyclePhase::InReview);
        assert_eq!(c.phase_on(date(2026, 6, 30)), CyclePhase::InReview);
        assert_eq!(c.phase_on(date(2026, 7, 1)), CyclePhase::Announced);
        assert_eq!(CyclePhase::InReview.as_str(), "in_review");
        assert_eq!(CyclePhase::NominationsOpen.label(), "Nominations open");
    }

    #[test]
    fn the_phase_at_an_instant_is_read_in_the_program_zone() {
        let c = cycle();
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        // 2026-03-31T16:00Z is already April 1st in Tokyo.
        assert_eq!(
            c.phase_at(ts("2026-03-31T16:00:00Z"), &TimeZone::UTC),
            CyclePhase::ContributionsOpen
        );
        assert_eq!(c.phase_at(ts("2026-03-31T16:00:00Z"), &tokyo), CyclePhase::InReview);
    }

    #[test]
    fn an_award_term_lasts_twelve_months() {
        let t = award_term(date(2026, 7, 1));
        assert_eq!(t, DateRange { start: date(2026, 7, 1), end: date(2027, 6, 30) });
        let t = award_term(date(2023, 3, 1));
        assert_eq!(t.end, date(2024, 2, 29));
        let t = award_term(date(2024, 3, 1));
        assert_eq!(t.end, date(2025, 2, 28));
    }

    #[test]
    fn an_award_announced_on_leap_day_ends_on_february_28th() {
        let t = award_term(date(2024, 2, 29));
        assert_eq!(t.end, date(2025, 2, 28));
        assert_eq!(t.days(), 366);
    }

    #[test]
    fn a_month_after_a_day_missing_from_the_target_month_starts_on_the_next_first() {
        assert_eq!(months_after(date(2026, 1, 15), 1), date(2026, 2, 15));
        assert_eq!(months_after(date(2026, 1, 31), 1), date(2026, 3, 1));
        assert_eq!(months_after(date(2026, 1, 31), 2), date(2026, 3, 31));
        assert_eq!(months_after(date(2026, 1, 31), 3), date(2026, 5, 1));
        assert_eq!(months_after(date(2024, 1, 30), 1), date(2024, 3, 1));
        assert_eq!(months_after(date(2024, 1, 29), 1), date(2024, 2, 29));
        assert_eq!(months_after(date(2024, 2, 29), 1), date(2024, 3, 29));
        assert_eq!(months_after(date(2024, 2, 29), 12), date(2025, 3, 1));
        assert_eq!(months_after(date(2024, 2, 29), 48), date(2028, 2, 29));
        assert_eq!(months_after(date(2026, 12, 31), 2), date(2027, 3, 1));
        assert_eq!(months_after(date(2026, 3, 31), -1), date(2026, 3, 1));
        assert_eq!(months_after(date(2026, 3, 31), 0), date(2026, 3, 31));
        assert_eq!(months_after(date(9999, 12, 31), 1), Date::MAX);
        assert_eq!(months_after(date(9999, 11, 30), 1), date(9999, 12, 30));
        assert_eq!(months_after(date(-9999, 1, 1), -1), Date::MIN);
        assert_eq!(months_after(date(2026, 1, 1), i32::MAX), Date::MAX);
    }

    #[test]
    fn an_anniversary_is_twelve_months_on_and_leap_days_move_to_march_first() {
        assert_eq!(anniversary(date(2026, 7, 1)), date(2027, 7, 1));
        assert_eq!(anniversary(date(2023, 2, 28)), date(2024, 2, 28));
        assert_eq!(anniversary(date(2024, 2, 29)), date(2025, 3, 1));
        assert_eq!(anniversary(date(2027, 2, 28)), date(2028, 2, 28));
    }

    #[test]
    fn the_award_year_is_the_announcements_calendar_year() {
        assert_eq!(award_year_for(date(2026, 7, 1)).get(), 2026);
        assert_eq!(award_year_for(date(1999, 7, 1)).get(), 2000);
        assert_eq!(award_year_for(date(2500, 7, 1)).get(), 2200);
    }

    #[test]
    fn the_next_renewal_date_is_this_year_or_next() {
        let r = RenewalDate::new(7, 1).unwrap();
        assert_eq!(r.next_on_or_after(date(2026, 3, 15)), date(2026, 7, 1));
        assert_eq!(r.next_on_or_after(date(2026, 7, 1)), date(2026, 7, 1));
        assert_eq!(r.next_on_or_after(date(2026, 7, 2)), date(2027, 7, 1));
        assert_eq!(
            r.renewal_term(AwardYear::new(2026).unwrap()),
            DateRange { start: date(2026, 7, 1), end: date(2027, 6, 30) }
        );
    }

    #[test]
    fn a_renewal_date_must_exist_every_year() {
        assert!(RenewalDate::new(2, 29).is_err());
        assert!(RenewalDate::new(4, 31).is_err());
        assert!(RenewalDate::new(13, 1).is_err());
        assert!(RenewalDate::new(2, 28).is_ok());
        assert_eq!(
            RenewalDate::new(2, 29).unwrap_err().to_string(),
            "02-29 is not a date that exists every year"
        );
    }

    #[test]
    fn a_renewal_date_built_by_hand_out_of_range_is_clamped() {
        let r = RenewalDate { month: 2, day: 31 };
        assert_eq!(r.in_year(2024), date(2024, 2, 29));
        assert_eq!(r.in_year(2025), date(2025, 2, 28));
    }

    #[test]
    fn a_deadline_closes_at_local_midnight() {
        let paris = TimeZone::get("Europe/Paris").unwrap();
        // Winter: UTC+1.
        assert_eq!(deadline_instant(date(2026, 1, 31), &paris), ts("2026-01-31T23:00:00Z"));
        // Summer: UTC+2.
        assert_eq!(deadline_instant(date(2026, 7, 31), &paris), ts("2026-07-31T22:00:00Z"));
        assert_eq!(deadline_instant(date(2026, 3, 31), &TimeZone::UTC), ts("2026-04-01T00:00:00Z"));
    }

    #[test]
    fn a_deadline_on_the_day_clocks_spring_forward_is_dst_correct() {
        let ny = TimeZone::get("America/New_York").unwrap();
        // DST starts 2026-03-08 at 02:00: that day is 23 hours long.
        let before = deadline_instant(date(2026, 3, 7), &ny);
        let on = deadline_instant(date(2026, 3, 8), &ny);
        assert_eq!(before, ts("2026-03-08T05:00:00Z"));
        assert_eq!(on, ts("2026-03-09T04:00:00Z"));
        assert_eq!(before.duration_until(on).as_hours(), 23);
    }

    #[test]
    fn a_deadline_before_a_skipped_midnight_ends_when_the_next_day_begins() {
        // Chile moved its clocks from 00:00 to 01:00 on 2024-09-08.
        let santiago = TimeZone::get("America/Santiago").unwrap();
        assert_eq!(deadline_instant(date(2024, 9, 7), &santiago), ts("2024-09-08T04:00:00Z"));
        assert_eq!(local_date(ts("2024-09-08T04:00:00Z"), &santiago), date(2024, 9, 8));
        assert_eq!(local_date(ts("2024-09-08T03:59:59Z"), &santiago), date(2024, 9, 7));
    }

    #[test]
    fn the_program_zone_reads_dates_and_deadlines() {
        let tz = ProgramTimeZone::get("Europe/Paris").unwrap();
        assert_eq!(tz.name(), Some("Europe/Paris"));
        let clock = FixedClock(ts("2026-03-31T22:30:00Z"));
        assert_eq!(tz.today(&clock), date(2026, 4, 1));
        assert!(tz.is_on_or_before(ts("2026-03-31T21:59:59Z"), date(2026, 3, 31)));
        assert!(!tz.is_on_or_before(ts("2026-03-31T22:00:00Z"), date(2026, 3, 31)));
        assert_eq!(tz.day_start_instant(date(2026, 4, 1)), ts("2026-03-31T22:00:00Z"));
        assert_eq!(
            ProgramTimeZone::get("Mars/Olympus"),
            Err(CycleError::UnknownTimeZone("Mars/Olympus".into()))
        );
        assert_eq!(
            ProgramTimeZone::default().local_date(ts("2026-03-31T22:30:00Z")),
            date(2026, 3, 31)
        );
    }
}
