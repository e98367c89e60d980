#![allow(clippy::unwrap_used)]

use super::*;
use crate::cycle::{award_term, months_after};
use crate::standing::term_months;
use jiff::civil::date;
use proptest::prelude::*;

fn calendar(month: i8, day: i8) -> AwardCalendar {
    AwardCalendar::new(RenewalDate::new(month, day).unwrap())
}

fn range(start: Date, end: Date) -> DateRange {
    DateRange { start, end }
}

fn year(y: i32) -> AwardYear {
    AwardYear::new(y).unwrap()
}

/// How many months the forecast counts in a term.
fn months(term: &DateRange) -> u32 {
    term_months(term, term.start).0
}

// ---------------------------------------------------------------- examples

#[test]
fn with_renewals_on_july_first_awards_announced_within_half_a_year_end_on_june_30th() {
    let c = calendar(7, 1);
    let cases = [
        // Announcement, last day, award year, months.
        (date(2026, 7, 1), date(2027, 6, 30), 2026, 12),
        // 17 and a half months.
        (date(2026, 1, 15), date(2027, 6, 30), 2026, 18),
        // 9 months.
        (date(2026, 10, 1), date(2027, 6, 30), 2026, 9),
        // 12 months and a day: the thirteenth month is June 30th, 2027.
        (date(2026, 6, 30), date(2027, 6, 30), 2026, 13),
    ];
    for (announcement, end, y, m) in cases {
        let award = c.new_award(announcement);
        assert_eq!(award, AwardTerm { year: year(y), term: range(announcement, end) });
        assert_eq!(months(&award.term), m, "{award:?}");
        assert_eq!(c.renewal_date_ending(&award.term), date(2027, 7, 1));
        let renewal = c.renewal_of(&award);
        assert_eq!(
            renewal,
            AwardTerm { year: year(2027), term: range(date(2027, 7, 1), date(2028, 6, 30)) }
        );
        assert_eq!(months(&renewal.term), 12);
    }
    // The award announced on the renewal date is that year's renewal term.
    assert_eq!(c.new_award(date(2026, 7, 1)), c.renewal(year(2026)));
}

#[test]
fn an_award_renewed_in_july_after_a_january_announcement_gets_the_next_year_without_a_gap() {
    // The bug this calendar fixes: both were of 2026, and the renewal waited
    // six months after a twelve-month term.
    let c = calendar(7, 1);
    let january = c.new_award(date(2026, 1, 15));
    let july = c.renewal_of(&january);
    assert_eq!(january.year.get(), 2026);
    assert_eq!(july.year.get(), 2027);
    assert_eq!(july.term.start, january.term.end.tomorrow().unwrap());
    // Renewing a renewal goes on the same way.
    let next = c.renewal_of(&july);
    assert_eq!(next, c.renewal(year(2028)));
    assert_eq!(next.term.start, july.term.end.tomorrow().unwrap());
}

#[test]
fn an_anniversary_halfway_between_two_renewal_dates_goes_to_the_later() {
    let c = calendar(7, 1);
    // 2027-07-01 to 2028-07-01 is 366 days: 2027-12-31 is 183 days from both.
    assert_eq!(c.nearest_renewal(date(2027, 12, 31)), date(2028, 7, 1));
    assert_eq!(c.nearest_renewal(date(2027, 12, 30)), date(2027, 7, 1));
    let tie = c.new_award(date(2026, 12, 31));
    assert_eq!(
        tie,
        AwardTerm { year: year(2027), term: range(date(2026, 12, 31), date(2028, 6, 30)) }
    );
    assert_eq!(tie.term.days(), 548);
    let before = c.new_award(date(2026, 12, 30));
    assert_eq!(
        before,
        AwardTerm { year: year(2026), term: range(date(2026, 12, 30), date(2027, 6, 30)) }
    );
    // 2026-07-01 to 2027-07-01 is 365 days: no day is halfway.
    assert_eq!(c.nearest_renewal(date(2026, 12, 30)), date(2026, 7, 1));
    assert_eq!(c.nearest_renewal(date(2026, 12, 31)), date(2027, 7, 1));
    assert_eq!(c.new_award(date(2025, 12, 30)).term.end, date(2026, 6, 30));
    assert_eq!(c.new_award(date(2025, 12, 31)).term.end, date(2027, 6, 30));
    // A tie across February 29th: 2119-12-09 and 2120-12-09 are both 183
    // days from 2120-06-09.
    let c9 = calendar(12, 9);
    let tie = c9.new_award(date(2119, 6, 9));
    assert_eq!(tie.term, range(date(2119, 6, 9), date(2120, 12, 8)));
    assert_eq!(tie.year.get(), 2119);
    // A renewal date is nearest to itself.
    assert_eq!(c.nearest_renewal(date(2026, 7, 1)), date(2026, 7, 1));
}

#[test]
fn an_award_announced_on_leap_day_with_renewals_on_july_first() {
    let c = calendar(7, 1);
    // Its anniversary is 2025-03-01, nearer 2025-07-01 than 2024-07-01.
    let award = c.new_award(date(2024, 2, 29));
    assert_eq!(
        award,
        AwardTerm { year: year(2024), term: range(date(2024, 2, 29), date(2025, 6, 30)) }
    );
    // Months start on the 29th, March 1st in 2025: 2025-06-29 starts the seventeenth.
    assert_eq!(months(&award.term), 17);
    assert_eq!(c.renewal_of(&award), c.renewal(year(2025)));
    assert_eq!(c.renewal_of(&award).term.start, date(2025, 7, 1));
}

#[test]
fn an_award_announced_on_leap_day_with_renewals_on_march_first_or_february_28th() {
    let c = calendar(3, 1);
    let award = c.new_award(date(2024, 2, 29));
    assert_eq!(
        award,
        AwardTerm { year: year(2024), term: range(date(2024, 2, 29), date(2025, 2, 28)) }
    );
    assert_eq!(award.term.days(), 366);
    assert_eq!(months(&award.term), 12);
    let renewal = c.renewal_of(&award);
    assert_eq!(
        renewal,
        AwardTerm { year: year(2025), term: range(date(2025, 3, 1), date(2026, 2, 28)) }
    );
    assert_eq!(c.renewal_of(&renewal).term, range(date(2026, 3, 1), date(2027, 2, 28)));
    // Into the next leap year: 2028-02-29 belongs to award year 2027.
    assert_eq!(c.renewal(year(2027)).term, range(date(2027, 3, 1), date(2028, 2, 29)));
    assert_eq!(c.new_award(date(2028, 2, 29)).term, range(date(2028, 2, 29), date(2029, 2, 28)));

    // A day earlier, the anniversary (March 1st) is one day after a renewal date.
    let c = calendar(2, 28);
    let award = c.new_award(date(2024, 2, 29));
    assert_eq!(
        award,
        AwardTerm { year: year(2024), term: range(date(2024, 2, 29), date(2025, 2, 27)) }
    );
    assert_eq!(c.renewal_of(&award).term, range(date(2025, 2, 28), date(2026, 2, 27)));
}

#[test]
fn with_renewals_on_december_31st_an_award_year_can_start_the_year_before() {
    let c = calendar(12, 31);
    // Award year 2025 is 2025-12-31..=2026-12-30.
    assert_eq!(c.renewal(year(2025)).term, range(date(2025, 12, 31), date(2026, 12, 30)));
    let new_year = c.new_award(date(2026, 1, 1));
    assert_eq!(
        new_year,
        AwardTerm { year: year(2025), term: range(date(2026, 1, 1), date(2026, 12, 30)) }
    );
    let renewal = c.renewal_of(&new_year);
    assert_eq!(
        renewal,
        AwardTerm { year: year(2026), term: range(date(2026, 12, 31), date(2027, 12, 30)) }
    );
    assert_eq!(c.new_award(date(2026, 12, 31)), renewal);
    // Announced the day before a renewal date, an award lasts a year and a day.
    let eve = c.new_award(date(2026, 12, 30));
    assert_eq!(
        eve,
        AwardTerm { year: year(2026), term: range(date(2026, 12, 30), date(2027, 12, 30)) }
    );
}

#[test]
fn with_renewals_on_january_1st_award_years_are_calendar_years() {
    let c = calendar(1, 1);
    assert_eq!(c.renewal(year(2026)).term, range(date(2026, 1, 1), date(2026, 12, 31)));
    assert_eq!(c.new_award(date(2026, 1, 1)), c.renewal(year(2026)));
    // 2027-07-01 is 181 days after 2027-01-01 and 184 before 2028-01-01.
    let july = c.new_award(date(2026, 7, 1));
    assert_eq!(
        july,
        AwardTerm { year: year(2026), term: range(date(2026, 7, 1), date(2026, 12, 31)) }
    );
    assert_eq!(months(&july.term), 6);
    // 2027-07-15 is nearer 2028-01-01: the award belongs to 2027.
    let mid_july = c.new_award(date(2026, 7, 15));
    assert_eq!(
        mid_july,
        AwardTerm { year: year(2027), term: range(date(2026, 7, 15), date(2027, 12, 31)) }
    );
    assert_eq!(c.renewal_of(&mid_july), c.renewal(year(2028)));
    // December 31st is one day before the renewal date.
    let eve = c.new_award(date(2026, 12, 31));
    assert_eq!(
        eve,
        AwardTerm { year: year(2027), term: range(date(2026, 12, 31), date(2027, 12, 31)) }
    );
}

#[test]
fn the_shortest_and_longest_new_awards() {
    let c = calendar(1, 1);
    // 2027-07-02 is 182 days after 2027-01-01, 183 before 2028-01-01.
    let shortest = c.new_award(date(2026, 7, 2));
    assert_eq!(shortest.term, range(date(2026, 7, 2), date(2026, 12, 31)));
    assert_eq!(shortest.term.days(), 183);
    // Six months less a day: the sixth month would end on 2027-01-01.
    assert_eq!(months_after(date(2026, 7, 2), 6), date(2027, 1, 2));
    assert_eq!(months(&shortest.term), 6);
    // 2028-07-02 is halfway in the 366 days from 2028-01-01 to 2029-01-01.
    let longest = c.new_award(date(2027, 7, 2));
    assert_eq!(longest.term, range(date(2027, 7, 2), date(2028, 12, 31)));
    assert_eq!(longest.term.days(), 549);
    assert_eq!(months(&longest.term), 18);

    // Eighteen months and a day: 2027-09-01 is halfway from 2027-03-02 to 2028-03-02.
    let c = calendar(3, 2);
    let most_months = c.new_award(date(2026, 9, 1));
    assert_eq!(most_months.term, range(date(2026, 9, 1), date(2028, 3, 1)));
    assert_eq!(most_months.year.get(), 2027);
    assert_eq!(months_after(date(2026, 9, 1), 18), date(2028, 3, 1));
    assert_eq!(months(&most_months.term), 19);
}

#[test]
fn the_renewal_date_ending_a_term_is_the_first_one_after_it() {
    let c = calendar(7, 1);
    let award = c.new_award(date(2026, 1, 15));
    assert_eq!(c.renewal_date_ending(&award.term), date(2027, 7, 1));
    // A twelve-month term that ignored the renewal date (as `award_term` gives)
    // is followed by the next renewal date, six months after it ended.
    let old = award_term(date(2026, 1, 15));
    assert_eq!(old.end, date(2027, 1, 14));
    assert_eq!(c.renewal_date_ending(&old), date(2027, 7, 1));
    assert_eq!(c.renewal_date_ending(&range(date(2026, 7, 1), date(2027, 7, 1))), date(2028, 7, 1));
}

#[test]
fn a_calendar_keeps_its_renewal_date_and_a_hand_built_one_is_clamped() {
    assert_eq!(calendar(7, 1).renewal_date(), RenewalDate { month: 7, day: 1 });
    let c = AwardCalendar::new(RenewalDate { month: 2, day: 31 });
    assert_eq!(c.renewal(year(2024)).term, range(date(2024, 2, 29), date(2025, 2, 27)));
    assert_eq!(c.renewal(year(2025)).term, range(date(2025, 2, 28), date(2026, 2, 27)));
}

#[test]
fn at_the_edges_of_the_accepted_years_the_year_saturates_but_the_dates_do_not() {
    let c = calendar(12, 31);
    // Award year 1999 would be 1999-12-31..=2000-12-30: it reads as 2000.
    let first = c.new_award(date(2000, 1, 1));
    assert_eq!(
        first,
        AwardTerm { year: year(2000), term: range(date(2000, 1, 1), date(2000, 12, 30)) }
    );
    assert_ne!(first.term, c.renewal(year(2000)).term);
    let c = calendar(7, 1);
    let last = c.renewal(year(2200));
    let after = c.renewal_of(&last);
    assert_eq!(after.year.get(), 2200);
    assert_eq!(after.term, range(date(2201, 7, 1), date(2202, 6, 30)));
    assert_eq!(c.new_award(date(2201, 7, 1)).year.get(), 2200);
}

/// The bounds in the module docs, for every renewal date and every
/// announcement from 2023 to 2026 (one whole leap cycle: which of the
/// Februaries a term and its neighbouring renewal dates cross have 29 days is
/// all that changes from one cycle to the next) and over the century year
/// 2100, which is not a leap year. In months: with `N` the day after the term,
/// `D + 6 months − 1 day <= N` gives at least 6 months counted (the sixth
/// starts before `N`), and `N <= D + 18 months + 1 day` at most 19 (the
/// twentieth would start at least 27 days after `N`: a month has 28 days or more).
#[test]
fn every_new_award_lasts_six_months_less_a_day_to_eighteen_months_and_a_day() {
    let (mut shortest, mut longest) = (u32::MAX, 0);
    let (mut a_day_short_of_six, mut a_day_past_eighteen) = (0, 0);
    for n in 0..365 {
        let day = date(2025, 1, 1).saturating_add(n.days());
        let c = calendar(day.month(), day.day());
        for (from, until) in
            [(date(2023, 1, 1), date(2027, 1, 1)), (date(2099, 1, 1), date(2101, 1, 1))]
        {
            let mut d = from;
            while d < until {
                let award = c.new_award(d);
                let next = award.term.end.tomorrow().unwrap();
                assert_eq!(award.term.start, d);
                assert_eq!(c.nearest_renewal(next), next, "{award:?}");
                assert_eq!(i32::from(next.year()) - 1, award.year.get());
                // The nearest renewal date to the anniversary, the later on a tie.
                let (target, year) = (anniversary(d), i32::from(next.year()));
                let distance = |a: Date, b: Date| days_between(a.min(b), a.max(b));
                let (before, after) = (c.renewal.in_year(year - 1), c.renewal.in_year(year + 1));
                assert!(distance(target, next) <= distance(target, before), "{award:?}");
                assert!(distance(target, next) < distance(target, after), "{award:?}");
                let (six, eighteen) = (months_after(d, 6), months_after(d, 18));
                assert!(six.yesterday().unwrap() <= next, "{award:?}");
                assert!(next <= eighteen.tomorrow().unwrap(), "{award:?}");
                a_day_short_of_six += u32::from(next < six);
                a_day_past_eighteen += u32::from(next > eighteen);
                let days = award.term.days();
                shortest = shortest.min(days);
                longest = longest.max(days);
                d = d.tomorrow().unwrap();
            }
        }
    }
    assert_eq!((shortest, longest), (183, 549));
    // Both extremes happen, for a few renewal dates and announcements.
    assert!(a_day_short_of_six > 0 && a_day_past_eighteen > 0);
}

// ---------------------------------------------------------------- properties

/// Any valid renewal date: a day of a common year.
fn arb_renewal() -> impl Strategy<Value = AwardCalendar> {
    (0i32..365).prop_map(|n| {
        let day = date(2025, 1, 1).saturating_add(n.days());
        calendar(day.month(), day.day())
    })
}

/// Any day of 2000 to 2190, a February 29th one time in four.
fn arb_announcement() -> impl Strategy<Value = Date> {
    let first = date(2000, 1, 1);
    let days = i32::try_from(days_between(first, date(2190, 12, 31))).unwrap();
    let leap_days: Vec<Date> = (2000..=2190).filter_map(|y| Date::new(y, 2, 29).ok()).collect();
    prop_oneof![
        3 => (0..=days).prop_map(move |n| first.saturating_add(n.days())),
        1 => proptest::sample::select(leap_days),
    ]
}

/// Whether a new award's year is the one its term ends with, not one
/// saturated at 2000 (a renewal date late in December and an announcement in
/// the first days of 2000).
fn year_in_range(c: &AwardCalendar, announcement: Date) -> bool {
    // The renewal date after the term is in the calendar year after the award year.
    i32::from(c.nearest_renewal(anniversary(announcement)).year()) > AwardYear::MIN
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_new_award_and_its_renewals_follow_each_other_day_after_day_year_after_year(
        c in arb_renewal(),
        announcement in arb_announcement(),
    ) {
        prop_assume!(year_in_range(&c, announcement));
        let new = c.new_award(announcement);
        let renewal = c.renewal_date();
        let mut previous = new;
        for _ in 0..5 {
            let next = c.renewal_of(&previous);
            prop_assert_eq!(Some(next.year), previous.year.next(), "{:?}", previous);
            prop_assert_eq!(next.term.start, previous.term.end.tomorrow().unwrap());
            prop_assert_eq!(next.term.start, c.renewal_date_ending(&previous.term));
            prop_assert_eq!(next.term, renewal.renewal_term(next.year));
            prop_assert_eq!(next, c.renewal(next.year));
            prop_assert_eq!(
                (next.term.start.month(), next.term.start.day()),
                (renewal.month, renewal.day)
            );
            prop_assert_eq!(months(&next.term), 12);
            prop_assert!(matches!(next.term.days(), 365 | 366));
            previous = next;
        }
    }

    #[test]
    fn a_new_award_starts_on_its_announcement_and_ends_before_the_nearest_renewal_date(
        c in arb_renewal(),
        announcement in arb_announcement(),
    ) {
        let award = c.new_award(announcement);
        prop_assert_eq!(award.term.start, announcement);
        prop_assert!(award.term.contains(announcement));
        prop_assert!((183..=549).contains(&award.term.days()), "{:?}", award);
        prop_assert!((6..=19).contains(&months(&award.term)), "{:?}", award);
        let next = award.term.end.tomorrow().unwrap();
        prop_assert_eq!(c.renewal_date_ending(&award.term), next);
        prop_assert_eq!(c.renewal_date().next_on_or_after(next), next);
        // Nearest to the anniversary, the later on a tie: no farther than the
        // renewal date before, strictly nearer than the one after.
        let target = anniversary(announcement);
        let year = i32::from(next.year());
        let (before, after) =
            (c.renewal_date().in_year(year - 1), c.renewal_date().in_year(year + 1));
        let distance = |a: Date, b: Date| days_between(a.min(b), a.max(b));
        prop_assert!(distance(target, next) <= distance(target, before), "{:?}", award);
        prop_assert!(distance(target, next) < distance(target, after), "{:?}", award);
        if year_in_range(&c, announcement) {
            prop_assert_eq!(next, c.renewal_date().in_year(award.year.get() + 1));
            prop_assert!(c.renewal(award.year).term.contains(award.term.end));
        }
        // Announced on a renewal date, a new award is that year's renewal term.
        let on_renewal = c.renewal_date().next_on_or_after(announcement);
        if year_in_range(&c, on_renewal) {
            let award = c.new_award(on_renewal);
            prop_assert_eq!(award, c.renewal(AwardYear::saturating(i32::from(on_renewal.year()))));
        }
    }

    #[test]
    fn an_award_announced_after_another_ended_never_shares_its_year(
        c in arb_renewal(),
        first in arb_announcement(),
        renewals in 0usize..3,
        wait in 0i32..1_500,
    ) {
        prop_assume!(year_in_range(&c, first));
        let mut earlier = c.new_award(first);
        for _ in 0..renewals {
            earlier = c.renewal_of(&earlier);
        }
        let second = earlier.term.end.saturating_add((1 + wait).days());
        let later = c.new_award(second);
        prop_assert!(later.year > earlier.year, "{:?} then {:?}", earlier, later);
        prop_assert!(later.term.intersection(&earlier.term).is_none());
        // Announced the day after, it is the renewal's term, by another name.
        if wait == 0 {
            prop_assert_eq!(later, c.renewal_of(&earlier));
        }
    }
}
