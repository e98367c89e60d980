//! Award terms and award years under the program's yearly renewal date: the
//! rules are documented on [`AwardCalendar`].

use jiff::ToSpan;
use jiff::civil::Date;

use super::{DateRange, RenewalDate, anniversary, days_between};
use crate::parse::AwardYear;

/// An award's year and the days it lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AwardTerm {
    /// The award year: the year of the renewal term the award ends with.
    pub year: AwardYear,
    /// The days the award lasts, both ends included.
    pub term: DateRange,
}

/// The award terms and award years of a program with a yearly renewal date.
///
/// # The rules
///
/// With the renewal date `R` (a program setting such as July 1st), write
/// `R(Y)` for `R` in the calendar year `Y`.
///
/// 1. **Award years are named by the renewal date that starts them.** Award
///    year `Y` is the renewal term [`RenewalDate::renewal_term`]`(Y)`:
///    `R(Y) ..= R(Y + 1) − 1 day` (with July 1st, award year 2026 is
///    2026-07-01..=2027-06-30).
/// 2. **A renewal** of an award of year `Y` is the award of year `Y + 1`, and
///    its term is exactly the renewal term of `Y + 1`. It starts the day after
///    the award it renews ends, on a renewal date.
/// 3. **A new award** announced on a day `D` (any day, February 29th included)
///    starts on `D` and ends the day before the renewal date nearest to `D`'s
///    first anniversary (the anniversary of February 29th is March 1st of the
///    next year). When the anniversary is exactly halfway between two renewal
///    dates, counted in days, the later renewal date wins. Its award year is
///    the year of the renewal term it ends with: the `Y` with
///    `end + 1 day == R(Y + 1)`. With July 1st, awards announced on
///    2026-01-15, 2026-06-30, 2026-07-01 and 2026-10-01 all end on 2027-06-30
///    and are of award year 2026; their renewals are of 2027 and start on
///    2027-07-01. Announced on a renewal date, a new award is exactly that
///    date's renewal term.
///
/// So an award never waits for the renewal date as an alumnus, and an award
/// and its renewals, or two awards whose terms do not overlap, never share an
/// award year: every term ends the day before a renewal date, and the award
/// year only depends on which one.
///
/// # How long a new award lasts
///
/// A year from `D` to its anniversary is 365 or 366 days, and consecutive
/// renewal dates are 365 or 366 days apart, so the nearest renewal date is at
/// most 182 days before the anniversary and at most 183 days after it (183
/// only for a tie in a 366-day gap, which goes to the later date). A new
/// award's term therefore holds **between 183 and 549 days**, both reached
/// (renewal January 1st: 2026-07-02..=2026-12-31 and
/// 2027-07-02..=2028-12-31).
///
/// In months, where the k-th month of a term starts k months after `D` on the
/// same day, or on the 1st of the next month when that day is missing (the
/// rule of the renewal forecast's months), a new award lasts **at least six
/// months less one day and at most eighteen months and one day**: the day
/// after its term, `N`, has `D + 6 months − 1 day <= N <= D + 18 months + 1
/// day`, so the forecast counts **6 to 19 months** (a last month cut short
/// counts). Both extremes are reached, one day outside "6 to 18 months"
/// because half a year is not a whole number of days: the 183-day term
/// 2026-07-02..=2026-12-31 ends the day before its sixth month is complete,
/// and with renewal March 2nd, the 366 days from 2027-03-02 to 2028-03-02
/// have their midpoint on 2027-09-01, so the award announced on 2026-09-01
/// ends on 2028-03-01, the single day of its nineteenth month. The tests
/// check these bounds for every renewal date and every announcement over a
/// whole leap cycle and over 2100, which is not a leap year. A renewal term
/// always has exactly 12 months.
///
/// # Out-of-range years
///
/// An award year is a number in 2000..=2200 ([`AwardYear`]); a year outside
/// it saturates, as [`award_year_for`](crate::cycle::award_year_for) does. A new
/// award's year can be the announcement's calendar year, the one before (a
/// renewal date late in December: an award announced on 2026-01-01 with
/// renewal December 31st ends on 2026-12-30 and is of award year 2025) or the
/// one after (renewal January 1st: one announced on 2026-07-15 ends on
/// 2027-12-31 and is of award year 2027), so an announcement in the first or
/// last days of the accepted years can get a saturated year that its term
/// does not match. The dates of a term never saturate with the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AwardCalendar {
    renewal: RenewalDate,
}

impl AwardCalendar {
    /// The calendar of a program whose renewals take effect on `renewal`.
    /// A renewal date built by hand with a day its month lacks is read as
    /// [`RenewalDate::in_year`] reads it (February 31st is the month's last
    /// day).
    pub fn new(renewal: RenewalDate) -> Self {
        AwardCalendar { renewal }
    }

    /// The program's renewal date.
    pub fn renewal_date(&self) -> RenewalDate {
        self.renewal
    }

    /// The award given on `announcement` to someone who does not hold the
    /// award in its category: from the announcement to the day before the
    /// renewal date nearest to the announcement's first anniversary (the later
    /// one on a tie), of the award year of the renewal term it ends with.
    /// It lasts 183 to 549 days, six months less a day to eighteen months and
    /// a day (see [`AwardCalendar`]); announced on a renewal date, it is that
    /// date's renewal term.
    pub fn new_award(&self, announcement: Date) -> AwardTerm {
        let next_start = self.nearest_renewal(anniversary(announcement));
        AwardTerm {
            // The renewal date that follows the term is in the calendar year Y + 1.
            year: AwardYear::saturating(i32::from(next_start.year()) - 1),
            term: DateRange { start: announcement, end: next_start.saturating_sub(1.day()) },
        }
    }

    /// The renewal of `previous`, a new award or a renewal: the award of the
    /// next award year, whose term is that year's renewal term. For any award
    /// this calendar gives, it starts the day after `previous` ends.
    ///
    /// The term follows the award year's number even past 2200, where the
    /// year itself saturates.
    pub fn renewal_of(&self, previous: &AwardTerm) -> AwardTerm {
        let year = previous.year.get().saturating_add(1);
        AwardTerm { year: AwardYear::saturating(year), term: self.renewal_term_of(year) }
    }

    /// The award of award year `year` held by renewal: its renewal term.
    pub fn renewal(&self, year: AwardYear) -> AwardTerm {
        AwardTerm { year, term: self.renewal.renewal_term(year) }
    }

    /// The renewal date on which the successor of an award with `term` would
    /// start: the first renewal date after the term ends. For every term this
    /// calendar gives, that is the day after it ends.
    pub fn renewal_date_ending(&self, term: &DateRange) -> Date {
        self.renewal.next_on_or_after(term.end.saturating_add(1.day()))
    }

    /// The renewal date nearest to `date` (`date` itself when it is one);
    /// when `date` is exactly halfway between two, counted in days, the later.
    pub fn nearest_renewal(&self, date: Date) -> Date {
        let year = i32::from(date.year());
        let this_year = self.renewal.in_year(year);
        let (before, after) = if this_year <= date {
            (this_year, self.renewal.in_year(year + 1))
        } else {
            (self.renewal.in_year(year - 1), this_year)
        };
        if days_between(before, date) < days_between(date, after) { before } else { after }
    }

    /// The renewal term of the award year numbered `year`, even out of range.
    fn renewal_term_of(&self, year: i32) -> DateRange {
        DateRange {
            start: self.renewal.in_year(year),
            end: self.renewal.in_year(year.saturating_add(1)).saturating_sub(1.day()),
        }
    }
}

#[cfg(test)]
mod tests;
