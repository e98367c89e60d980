#![allow(clippy::unwrap_used)]

use super::*;
use crate::rubric::{ConsistencyRule, ReachTier};
use ContributionType as T;
use ReachMetric as M;
use jiff::ToSpan;
use jiff::civil::date;
use proptest::prelude::*;

const WINDOW: DateRange = DateRange { start: date(2025, 4, 1), end: date(2026, 3, 31) };

fn facts(id: i64, t: ContributionType, d: Date, reach: &[(ReachMetric, u64)]) -> ContributionFacts {
    ContributionFacts { id, contribution_type: t, date: d, end: None, reach: reach.to_vec() }
}

/// A contribution that lasts from `start` to `end`, without reach.
fn lasting(id: i64, t: ContributionType, start: Date, end: Date) -> ContributionFacts {
    ContributionFacts { id, contribution_type: t, date: start, end: Some(end), reach: vec![] }
}

/// Blog posts: 4 points, cap 10, views tiers 100→1, 1000→2. Talks: 8
/// points, cap 40, no reach. Consistency 2 per month, cap 6. Threshold 20.
fn small_rubric() -> Rubric {
    Rubric {
        threshold: 20,
        types: vec![
            TypeRule {
                contribution_type: T::BlogPost,
                base_points: 4,
                cap: 10,
                reach_metric: Some(M::Views),
                reach_tiers: vec![
                    ReachTier { min_reach: 100, bonus: 1 },
                    ReachTier { min_reach: 1_000, bonus: 2 },
                ],
            },
            TypeRule {
                contribution_type: T::SpeakingConference,
                base_points: 8,
                cap: 40,
                reach_metric: None,
                reach_tiers: vec![],
            },
        ],
        consistency: ConsistencyRule { points_per_active_month: 2, cap: 6 },
    }
}

/// [`small_rubric`] with forum moderation: 6 points, cap 10, no reach.
fn rubric_with_moderation() -> Rubric {
    let mut r = small_rubric();
    r.types.push(TypeRule {
        contribution_type: T::ForumModeration,
        base_points: 6,
        cap: 10,
        reach_metric: None,
        reach_tiers: vec![],
    });
    r
}

fn score_of(s: &Standing, id: i64) -> ContributionScore {
    *s.by_contribution.iter().find(|c| c.id == id).unwrap()
}

#[test]
fn a_contribution_outside_the_window_scores_nothing() {
    let s = standing(
        &small_rubric(),
        &WINDOW,
        &[facts(1, T::SpeakingConference, date(2025, 3, 31), &[])],
    );
    assert_eq!(s.total, 0);
    let c = score_of(&s, 1);
    assert!(!c.in_window);
    assert_eq!((c.base, c.reach_bonus, c.counted), (0, 0, 0));
    assert_eq!(s.active_months, 0);
}

#[test]
fn both_ends_of_the_window_count() {
    let s = standing(
        &small_rubric(),
        &WINDOW,
        &[
            facts(1, T::SpeakingConference, WINDOW.start, &[]),
            facts(2, T::SpeakingConference, WINDOW.end, &[]),
        ],
    );
    assert_eq!(s.criterion(Criterion::Type(T::SpeakingConference)).unwrap().counted, 16);
    assert_eq!(s.active_months, 2);
}

#[test]
fn a_type_without_a_rule_scores_nothing_and_does_not_make_a_month_active() {
    let s = standing(
        &small_rubric(),
        &WINDOW,
        &[facts(1, T::Podcast, date(2025, 5, 1), &[(M::Views, 1_000_000)])],
    );
    assert_eq!(s.total, 0);
    assert_eq!(s.active_months, 0);
    let c = score_of(&s, 1);
    assert!(c.in_window);
    assert_eq!(c.counted, 0);
    assert!(s.criterion(Criterion::Type(T::Podcast)).is_none());
}

#[test]
fn a_contribution_earns_base_points_plus_the_reach_bonus() {
    let s = standing(
        &small_rubric(),
        &WINDOW,
        &[facts(1, T::BlogPost, date(2025, 5, 1), &[(M::Views, 5_000)])],
    );
    let c = score_of(&s, 1);
    assert_eq!((c.base, c.reach_bonus, c.counted), (4, 2, 6));
    // 6 for the post, 2 for May.
    assert_eq!(s.total, 8);
}

#[test]
fn a_type_cap_is_filled_in_date_order_with_ties_broken_by_id() {
    let d = date(2025, 6, 1);
    let s = standing(
        &small_rubric(),
        &WINDOW,
        &[
            facts(9, T::BlogPost, date(2025, 7, 1), &[]),
            facts(5, T::BlogPost, d, &[]),
            facts(3, T::BlogPost, d, &[]),
            facts(1, T::BlogPost, date(2025, 8, 1), &[]),
        ],
    );
    assert_eq!(score_of(&s, 3).counted, 4);
    assert_eq!(score_of(&s, 5).counted, 4);
    assert_eq!(score_of(&s, 9).counted, 2);
    assert_eq!(score_of(&s, 1).counted, 0);
    let blog = s.criterion(Criterion::Type(T::BlogPost)).unwrap();
    assert_eq!((blog.raw, blog.counted, blog.cap), (16, 10, 10));
    let ids: Vec<_> = s.by_contribution.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![3, 5, 9, 1]);
}

#[test]
fn a_capped_out_contribution_still_makes_its_month_active() {
    let s = standing(
        &small_rubric(),
        &WINDOW,
        &[
            facts(1, T::BlogPost, date(2025, 6, 1), &[(M::Views, 1_000)]),
            facts(2, T::BlogPost, date(2025, 6, 2), &[(M::Views, 1_000)]),
            facts(3, T::BlogPost, date(2025, 7, 1), &[]),
        ],
    );
    assert_eq!(score_of(&s, 3).counted, 0);
    assert_eq!(s.active_months, 2);
}

#[test]
fn consistency_counts_active_months_up_to_its_cap() {
    let months = [date(2025, 4, 1), date(2025, 4, 30), date(2025, 5, 15)];
    let few: Vec<_> = months
        .iter()
        .enumerate()
        .map(|(i, &d)| facts(i as i64, T::SpeakingConference, d, &[]))
        .collect();
    let s = standing(&small_rubric(), &WINDOW, &few);
    assert_eq!(s.active_months, 2);
    assert_eq!(
        *s.criterion(Criterion::Consistency).unwrap(),
        CriterionScore { criterion: Criterion::Consistency, raw: 4, counted: 4, cap: 6 }
    );

    let many: Vec<_> =
        (0..5).map(|m| facts(m, T::SpeakingConference, date(2025, 4 + m as i8, 10), &[])).collect();
    let s = standing(&small_rubric(), &WINDOW, &many);
    assert_eq!(s.active_months, 5);
    let c = s.criterion(Criterion::Consistency).unwrap();
    assert_eq!((c.raw, c.counted), (10, 6));
    assert_eq!(s.total, 40 + 6);
}

#[test]
fn the_threshold_is_met_when_the_total_reaches_it_exactly() {
    // 2 talks (16) + 2 months (4) = 20.
    let s = standing(
        &small_rubric(),
        &WINDOW,
        &[
            facts(1, T::SpeakingConference, date(2025, 4, 1), &[]),
            facts(2, T::SpeakingConference, date(2025, 5, 1), &[]),
        ],
    );
    assert_eq!(s.total, 20);
    assert!(s.meets_threshold);
    assert!(s.missing.is_empty());
    assert_eq!(s.points_short(), 0);
}

#[test]
fn criteria_follow_the_rubric_order_with_consistency_last() {
    let s = standing(&Rubric::standard(), &WINDOW, &[]);
    let criteria: Vec<_> = s.by_criterion.iter().map(|c| c.criterion).collect();
    assert_eq!(criteria.len(), T::COUNT + 1);
    assert_eq!(criteria.first(), Some(&Criterion::Type(T::BlogPost)));
    assert_eq!(criteria.last(), Some(&Criterion::Consistency));
}

#[test]
fn a_second_rule_for_a_type_is_ignored() {
    let mut r = small_rubric();
    let mut dup = r.types[0].clone();
    dup.base_points = 100;
    dup.cap = 100;
    r.types.push(dup);
    let s = standing(&r, &WINDOW, &[facts(1, T::BlogPost, date(2025, 5, 1), &[])]);
    assert_eq!(s.by_criterion.len(), 3);
    assert_eq!(score_of(&s, 1).base, 4);
    assert_eq!(
        standing_fast(&r, &WINDOW, &[facts(1, T::BlogPost, date(2025, 5, 1), &[])]).total,
        s.total
    );
}

#[test]
fn what_is_missing_starts_with_the_points_short() {
    let s = standing(&small_rubric(), &WINDOW, &[facts(1, T::BlogPost, date(2025, 5, 1), &[])]);
    // 4 + 2 = 6: 14 short.
    assert_eq!(s.missing.first(), Some(&Gap::PointsShort(14)));
    assert_eq!(s.missing[0].message(), "14 points short of the threshold");
}

#[test]
fn suggestions_prefer_types_that_close_the_gap_with_the_fewest_items() {
    let s = standing(&small_rubric(), &WINDOW, &[facts(1, T::BlogPost, date(2025, 5, 1), &[])]);
    assert_eq!(
        s.missing.get(1),
        Some(&Gap::MoreOfType {
            contribution_type: T::SpeakingConference,
            points_each: 8,
            headroom: 40,
            items: 2,
            closes_gap: true,
        })
    );
    // Blog posts have 6 points of room left: 2 posts, not enough alone.
    assert_eq!(
        s.missing.get(2),
        Some(&Gap::MoreOfType {
            contribution_type: T::BlogPost,
            points_each: 4,
            headroom: 6,
            items: 2,
            closes_gap: false,
        })
    );
    assert_eq!(
        s.missing[1].message(),
        "2 more of \"Speaking (conference)\" (8 points each) would close the gap"
    );
    assert_eq!(
        s.missing[2].message(),
        "2 more of \"Blog post\" (4 points each) would add 6 points"
    );
}

#[test]
fn suggestions_list_the_inactive_months_while_consistency_has_room() {
    let s = standing(&small_rubric(), &WINDOW, &[facts(1, T::BlogPost, date(2025, 5, 1), &[])]);
    let Some(Gap::InactiveMonths { months, points_per_month, headroom }) = s.missing.last() else {
        unreachable!("{:?}", s.missing);
    };
    assert_eq!(months.len(), 11);
    assert_eq!(months.first(), Some(&(2025, 4)));
    assert_eq!(months.get(1), Some(&(2025, 6)));
    assert_eq!(months.last(), Some(&(2026, 3)));
    assert_eq!((*points_per_month, *headroom), (2, 4));
}

#[test]
fn at_most_three_types_are_suggested() {
    let s = standing(&Rubric::standard(), &WINDOW, &[]);
    let types = s.missing.iter().filter(|g| matches!(g, Gap::MoreOfType { .. })).count();
    assert_eq!(types, MAX_TYPE_SUGGESTIONS);
    // No single type closes a 60-point gap; conference talks (cap 40) reach furthest.
    assert!(matches!(
        s.missing.get(1),
        Some(Gap::MoreOfType {
            contribution_type: T::SpeakingConference,
            items: 5,
            closes_gap: false,
            ..
        })
    ));
}

#[test]
fn the_fast_total_matches_the_full_standing() {
    let cs = vec![
        facts(1, T::BlogPost, date(2025, 5, 1), &[(M::Views, 150)]),
        facts(2, T::BlogPost, date(2025, 5, 2), &[(M::Views, 5_000)]),
        facts(3, T::BlogPost, date(2025, 6, 2), &[]),
        facts(4, T::SpeakingConference, date(2025, 9, 2), &[]),
        facts(5, T::Podcast, date(2025, 10, 2), &[]),
        facts(6, T::SpeakingConference, date(2026, 9, 2), &[]),
    ];
    let s = standing(&small_rubric(), &WINDOW, &cs);
    let fast = standing_fast(&small_rubric(), &WINDOW, &cs);
    assert_eq!(fast.total, s.total);
    assert_eq!(s.total, 10 + 8 + 6);
    assert_eq!(fast.active_months, s.active_months);
    assert_eq!(fast.active_months, 3, "May, June and September 2025; a podcast does not score");
}

// ---------------------------------------------------------------- periods

#[test]
fn a_year_long_moderation_makes_every_month_active_and_earns_its_points_once() {
    let r = rubric_with_moderation();
    let cs = [lasting(1, T::ForumModeration, WINDOW.start, WINDOW.end)];
    let s = standing(&r, &WINDOW, &cs);
    assert_eq!(s.active_months, 12);
    let c = score_of(&s, 1);
    assert_eq!((c.base, c.counted, c.end), (6, 6, Some(WINDOW.end)));
    let consistency = s.criterion(Criterion::Consistency).unwrap();
    assert_eq!((consistency.raw, consistency.counted), (24, 6));
    assert_eq!(s.total, 6 + 6);
    assert!(!s.missing.iter().any(|g| matches!(g, Gap::InactiveMonths { .. })));
    assert_eq!(standing_fast(&r, &WINDOW, &cs), StandingTotals { total: 12, active_months: 12 });
}

#[test]
fn a_period_that_started_before_the_window_counts_its_months_inside_only() {
    let r = rubric_with_moderation();
    let cs = [
        lasting(1, T::ForumModeration, date(2024, 11, 1), date(2025, 6, 15)),
        // Wholly before the window: nothing.
        lasting(2, T::ForumModeration, date(2024, 1, 1), WINDOW.start.yesterday().unwrap()),
    ];
    let s = standing(&r, &WINDOW, &cs);
    let c = score_of(&s, 1);
    assert!(c.in_window);
    assert_eq!((c.base, c.counted), (6, 6));
    assert!(!score_of(&s, 2).in_window);
    assert_eq!(score_of(&s, 2).counted, 0);
    // April, May and June 2025; not the months of 2024.
    assert_eq!(s.active_months, 3);
    assert_eq!(s.total, 6 + 6);
    assert_eq!(standing_fast(&r, &WINDOW, &cs).active_months, 3);
}

#[test]
fn a_period_running_past_the_window_counts_through_the_window_end() {
    let r = rubric_with_moderation();
    let cs = [lasting(1, T::ForumModeration, date(2026, 2, 10), date(2026, 9, 30))];
    let s = standing(&r, &WINDOW, &cs);
    assert_eq!(score_of(&s, 1).counted, 6);
    // February and March 2026.
    assert_eq!(s.active_months, 2);
    assert_eq!(s.total, 6 + 4);
    assert_eq!(standing_fast(&r, &WINDOW, &cs), StandingTotals { total: 10, active_months: 2 });
}

#[test]
fn a_period_that_started_before_the_window_fills_the_cap_as_if_dated_on_its_first_day() {
    let r = rubric_with_moderation();
    let s = standing(
        &r,
        &WINDOW,
        &[
            facts(2, T::ForumModeration, date(2025, 4, 2), &[]),
            lasting(9, T::ForumModeration, date(2024, 1, 1), date(2025, 5, 1)),
            facts(3, T::ForumModeration, WINDOW.start, &[]),
        ],
    );
    // Counted from 2025-04-01 like id 3, and after it by id; still before id 2.
    let ids: Vec<_> = s.by_contribution.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![3, 9, 2]);
    assert_eq!(score_of(&s, 3).counted, 6);
    assert_eq!(score_of(&s, 9).counted, 4);
    assert_eq!(score_of(&s, 2).counted, 0);
}

#[test]
fn an_end_before_the_start_is_read_as_a_single_day() {
    let r = rubric_with_moderation();
    let backwards = lasting(1, T::ForumModeration, date(2025, 6, 10), date(2025, 1, 1));
    assert_eq!(backwards.period(), DateRange { start: date(2025, 6, 10), end: date(2025, 6, 10) });
    let s = standing(&r, &WINDOW, std::slice::from_ref(&backwards));
    assert_eq!(score_of(&s, 1).counted, 6);
    assert_eq!(s.active_months, 1);
    let one_day = ContributionFacts { end: None, ..backwards.clone() };
    assert_eq!(s.total, standing(&r, &WINDOW, &[one_day]).total);
    assert_eq!(standing_fast(&r, &WINDOW, &[backwards]).active_months, 1);

    // Starting before the window, its end does not carry it into the window.
    let before = lasting(2, T::ForumModeration, date(2025, 3, 31), date(2024, 1, 1));
    let s = standing(&r, &WINDOW, &[before]);
    assert_eq!((s.total, s.active_months), (0, 0));
}

#[test]
fn a_forecast_counts_the_months_of_a_period_elapsed_so_far() {
    let cs = [lasting(1, T::ForumModeration, TERM.start, TERM.end)];
    let f = renewal_forecast(&rubric_with_moderation(), &TERM, date(2025, 9, 30), &cs);
    // July, August and September so far.
    assert_eq!(f.so_far.active_months, 3);
    assert_eq!(f.so_far.total, 6 + 6);
}

#[test]
fn a_long_window_marks_the_months_of_a_period_across_words() {
    // 252 months: four words of the bit set.
    let window = DateRange { start: date(2000, 1, 15), end: date(2020, 12, 31) };
    // Room for every month, so the inactive ones are listed.
    let r = Rubric {
        threshold: 1_000,
        consistency: ConsistencyRule { points_per_active_month: 1, cap: 1_000 },
        ..rubric_with_moderation()
    };
    let cs = [lasting(1, T::ForumModeration, date(1999, 6, 1), date(2015, 2, 1))];
    let s = standing(&r, &window, &cs);
    // January 2000 to February 2015.
    assert_eq!(s.active_months, 16 * 12 - 10);
    assert_eq!(standing_fast(&r, &window, &cs).active_months, s.active_months);
    let Some(Gap::InactiveMonths { months, .. }) = s.missing.last() else {
        unreachable!("{:?}", s.missing);
    };
    assert_eq!(months.first(), Some(&(2015, 3)));
    assert_eq!(months.len(), 252 - s.active_months as usize);
}

#[test]
fn an_empty_window_scores_nothing() {
    let empty = DateRange { start: date(2026, 1, 1), end: date(2025, 1, 1) };
    let cs = [facts(1, T::BlogPost, date(2025, 5, 1), &[])];
    let s = standing(&small_rubric(), &empty, &cs);
    assert_eq!(s.total, 0);
    assert_eq!(standing_fast(&small_rubric(), &empty, &cs), StandingTotals::default());
    assert!(!s.missing.iter().any(|g| matches!(g, Gap::InactiveMonths { .. })));
}

#[test]
fn criteria_have_stable_names() {
    for c in [Criterion::Consistency, Criterion::Type(T::AmaAnswers)] {
        assert_eq!(c.as_str().parse::<Criterion>().unwrap(), c);
        assert_eq!(c.to_string(), c.as_str());
    }
    assert_eq!(Criterion::Type(T::Video).label(), "Video or livestream");
    assert!("charisma".parse::<Criterion>().is_err());
}

// ---------------------------------------------------------------- forecast

const TERM: DateRange = DateRange { start: date(2025, 7, 1), end: date(2026, 6, 30) };

fn talks_monthly(until: Date) -> Vec<ContributionFacts> {
    (0..12)
        .map(|m| {
            facts(m, T::SpeakingConference, TERM.start.saturating_add((m as i32).months()), &[])
        })
        .filter(|c| c.date <= until)
        .collect()
}

#[test]
fn a_steady_pace_halfway_through_projects_double_the_points() {
    let rubric = Rubric { threshold: 50, ..small_rubric() };
    let today = date(2025, 12, 31);
    // Six talks (48 raw, 40 counted) and six active months (12 raw, 6 counted).
    let f = renewal_forecast(&rubric, &TERM, today, &talks_monthly(today));
    assert_eq!(f.so_far.total, 46);
    assert!(!f.so_far.meets_threshold);
    assert_eq!(f.points_needed, 4);
    // December is not over yet: December to June.
    assert_eq!(f.months_left, 7);
    assert!((f.needed_per_month - 4.0 / 7.0).abs() < 1e-9);
    // Projection: talks capped at 40, consistency capped at 6.
    assert_eq!(f.projected_total, 46);
    assert!(!f.on_track);
    assert!((f.pace_per_month - 10.0).abs() < 0.2, "{}", f.pace_per_month);
}

#[test]
fn the_projection_scales_the_pace_so_far_to_the_whole_term() {
    let rubric = Rubric { threshold: 20, ..small_rubric() };
    let today = date(2025, 9, 30);
    // One blog post in the first quarter: 4 raw → 16 projected, capped at 10.
    let cs = [facts(1, T::BlogPost, date(2025, 8, 15), &[])];
    let f = renewal_forecast(&rubric, &TERM, today, &cs);
    assert_eq!(f.so_far.total, 4 + 2);
    // Blog: min(4 × 365/92, 10) = 10; consistency: min(2 × 365/92, 6) = 6.
    assert_eq!(f.projected_total, 16);
    assert!(!f.on_track);
    assert_eq!(f.months_left, 10);
}

#[test]
fn contributions_dated_after_today_do_not_count_yet() {
    let today = date(2025, 7, 15);
    let cs = [facts(1, T::SpeakingConference, date(2025, 8, 1), &[])];
    let f = renewal_forecast(&small_rubric(), &TERM, today, &cs);
    assert_eq!(f.so_far.total, 0);
    assert!(!f.so_far.by_contribution[0].in_window);
    assert_eq!(f.months_left, 12);
}

#[test]
fn before_the_term_starts_nothing_is_projected() {
    let f = renewal_forecast(&small_rubric(), &TERM, date(2025, 6, 1), &talks_monthly(TERM.end));
    assert_eq!(f.so_far.total, 0);
    assert_eq!(f.projected_total, 0);
    assert_eq!(f.months_left, 12);
    assert_eq!(f.pace_per_month, 0.0);
    assert_eq!(f.points_needed, 20);
}

#[test]
fn after_the_term_the_forecast_is_the_final_standing() {
    let f = renewal_forecast(&small_rubric(), &TERM, date(2026, 8, 1), &talks_monthly(TERM.end));
    assert_eq!(f.so_far.total, 46);
    assert_eq!(f.projected_total, 46);
    assert!(f.on_track);
    assert_eq!(f.months_left, 0);
    assert_eq!(f.points_needed, 0);
    assert_eq!(f.needed_per_month, 0.0);
}

#[test]
fn on_the_last_day_one_month_is_left() {
    let f = renewal_forecast(&small_rubric(), &TERM, TERM.end, &[]);
    assert_eq!(f.months_left, 1);
    assert_eq!(f.needed_per_month, 20.0);
}

#[test]
fn a_term_from_leap_day_has_twelve_months() {
    // jiff's clamping put a thirteenth month, one day long, on 2025-02-28.
    let term = DateRange { start: date(2024, 2, 29), end: date(2025, 2, 28) };
    assert_eq!(term_months(&term, term.start), (12, 0));
    assert_eq!(term_months(&term, date(2024, 3, 28)), (12, 0));
    assert_eq!(term_months(&term, date(2024, 3, 29)), (12, 1));
    assert_eq!(term_months(&term, date(2025, 2, 1)), (12, 11));
    assert_eq!(term_months(&term, term.end), (12, 11));
    assert_eq!(term_months(&term, date(2025, 3, 1)), (12, 12));
    let f = renewal_forecast(&small_rubric(), &term, term.start, &[]);
    assert_eq!(f.months_left, 12);
    assert_eq!(renewal_forecast(&small_rubric(), &term, term.end, &[]).months_left, 1);
}

#[test]
fn a_month_from_the_31st_ends_where_the_next_one_starts() {
    let term = DateRange { start: date(2026, 1, 31), end: date(2027, 1, 30) };
    assert_eq!(term_months(&term, term.start), (12, 0));
    // The first month is January 31st to February 28th, the second starts March 1st.
    assert_eq!(term_months(&term, date(2026, 2, 28)), (12, 0));
    assert_eq!(term_months(&term, date(2026, 3, 1)), (12, 1));
    assert_eq!(term_months(&term, date(2026, 3, 30)), (12, 1));
    assert_eq!(term_months(&term, date(2026, 3, 31)), (12, 2));
    assert_eq!(term_months(&term, date(2027, 1, 31)), (12, 12));
}

#[test]
fn a_term_cut_short_counts_its_last_month() {
    // A new award's terms: 17 and a half months, 9 months, 6 months and a day.
    let long = DateRange { start: date(2026, 1, 15), end: date(2027, 6, 30) };
    assert_eq!(term_months(&long, long.start), (18, 0));
    assert_eq!(term_months(&long, date(2027, 6, 15)), (18, 17));
    assert_eq!(renewal_forecast(&small_rubric(), &long, date(2027, 6, 15), &[]).months_left, 1);
    let nine = DateRange { start: date(2026, 10, 1), end: date(2027, 6, 30) };
    assert_eq!(term_months(&nine, nine.start), (9, 0));
    let short = DateRange { start: date(2026, 7, 1), end: date(2027, 1, 1) };
    assert_eq!(term_months(&short, short.start), (7, 0));
}

#[test]
fn every_twelve_month_term_has_twelve_months() {
    let mut start = date(2023, 1, 1);
    while start < date(2029, 1, 1) {
        let term = DateRange { start, end: crate::cycle::anniversary(start).yesterday().unwrap() };
        assert_eq!(term_months(&term, start), (12, 0), "{term:?}");
        start = start.tomorrow().unwrap();
    }
}

// ---------------------------------------------------------------- properties

fn arb_rubric() -> impl Strategy<Value = Rubric> {
    let rule = |t: ContributionType| {
        (0u32..12, 0u32..40, proptest::bool::ANY).prop_map(move |(base, extra, tiers)| {
            let metric = t.primary_reach_metric();
            TypeRule {
                contribution_type: t,
                base_points: base,
                cap: base + extra,
                reach_metric: metric,
                reach_tiers: if tiers && metric.is_some() {
                    vec![
                        ReachTier { min_reach: 10, bonus: 1 },
                        ReachTier { min_reach: 1_000, bonus: 2 },
                        ReachTier { min_reach: 100_000, bonus: 4 },
                    ]
                } else {
                    vec![]
                },
            }
        })
    };
    let picks = proptest::sample::subsequence(T::ALL.to_vec(), 0..=8);
    (picks, 1u32..200, 0u32..5, 0u32..30).prop_flat_map(move |(types, threshold, ppm, ccap)| {
        let rules: Vec<_> = types.into_iter().map(rule).collect();
        rules.prop_map(move |types| Rubric {
            threshold,
            types,
            consistency: ConsistencyRule { points_per_active_month: ppm, cap: ccap },
        })
    })
}

fn arb_contribution() -> impl Strategy<Value = ContributionFacts> {
    (
        0i64..40,
        proptest::sample::select(T::ALL),
        0i32..600,
        proptest::option::of(0u32..24),
        // Some last for up to two years, a few end before they start.
        proptest::option::of(-30i32..730),
    )
        .prop_map(|(id, t, day, reach_exp, length)| {
            let reach = match (t.primary_reach_metric(), reach_exp) {
                // Heavy-tailed: reach up to 2^23.
                (Some(m), Some(e)) => vec![(m, 1u64 << e)],
                _ => vec![],
            };
            let start = date(2025, 1, 1).saturating_add(day.days());
            let end = length.map(|days| start.saturating_add(days.days()));
            ContributionFacts { end, ..facts(id, t, start, &reach) }
        })
}

fn check_breakdown(rubric: &Rubric, s: &Standing) -> Result<(), TestCaseError> {
    let mut sum = 0u64;
    for c in &s.by_criterion {
        prop_assert!(c.counted <= c.cap, "{:?}", c);
        prop_assert!(c.counted <= c.raw, "{:?}", c);
        sum += u64::from(c.counted);
        if let Criterion::Type(t) = c.criterion {
            let per_contribution: u64 = s
                .by_contribution
                .iter()
                .filter(|x| x.contribution_type == t)
                .map(|x| u64::from(x.counted))
                .sum();
            prop_assert_eq!(per_contribution, u64::from(c.counted), "{:?}", t);
        }
    }
    prop_assert_eq!(sum, u64::from(s.total));
    prop_assert_eq!(s.meets_threshold, s.total >= rubric.threshold);
    prop_assert_eq!(s.missing.is_empty(), s.meets_threshold);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn adding_a_contribution_never_lowers_the_total(
        rubric in arb_rubric(),
        cs in proptest::collection::vec(arb_contribution(), 0..40),
        extra in arb_contribution(),
    ) {
        let before = standing(&rubric, &WINDOW, &cs).total;
        let mut more = cs.clone();
        more.push(extra);
        prop_assert!(standing(&rubric, &WINDOW, &more).total >= before);
    }

    #[test]
    fn no_criterion_exceeds_its_cap_and_the_breakdown_sums_to_the_total(
        rubric in arb_rubric(),
        cs in proptest::collection::vec(arb_contribution(), 0..60),
    ) {
        let s = standing(&rubric, &WINDOW, &cs);
        check_breakdown(&rubric, &s)?;
        prop_assert_eq!(s.by_contribution.len(), cs.len());
    }

    #[test]
    fn the_standing_does_not_depend_on_the_input_order(
        rubric in arb_rubric(),
        cs in proptest::collection::vec(arb_contribution(), 0..40),
        rotate in 0usize..40,
    ) {
        let s = standing(&rubric, &WINDOW, &cs);
        let mut shuffled = cs.clone();
        shuffled.reverse();
        if !shuffled.is_empty() {
            let by = rotate % shuffled.len();
            shuffled.rotate_left(by);
        }
        prop_assert_eq!(standing(&rubric, &WINDOW, &shuffled), s);
    }

    #[test]
    fn the_fast_total_always_matches(
        rubric in arb_rubric(),
        cs in proptest::collection::vec(arb_contribution(), 0..60),
    ) {
        let s = standing(&rubric, &WINDOW, &cs);
        prop_assert_eq!(
            standing_fast(&rubric, &WINDOW, &cs),
            StandingTotals { total: s.total, active_months: s.active_months }
        );
    }

    #[test]
    fn a_period_marks_exactly_the_window_months_it_shares(
        window_start in 0i32..4_000,
        window_days in 0i32..9_000,
        start in 0i32..14_000,
        days in 0i32..9_000,
    ) {
        let base = date(2000, 1, 1);
        let window = DateRange {
            start: base.saturating_add(window_start.days()),
            end: base.saturating_add((window_start + window_days).days()),
        };
        let dates = DateRange {
            start: base.saturating_add(start.days()),
            end: base.saturating_add((start + days).days()),
        };
        let mut set = MonthSet::new(&window);
        let shared = dates.intersection(&window);
        if let Some(shared) = shared {
            set.insert(shared);
        }
        let expected = shared.map_or(0, |d| d.months().len());
        prop_assert_eq!(set.count() as usize, expected);
        prop_assert_eq!(set.missing().len(), window.months().len() - expected);
    }

    #[test]
    fn a_forecast_never_projects_less_than_the_standing_so_far(
        rubric in arb_rubric(),
        cs in proptest::collection::vec(arb_contribution(), 0..40),
        day in 0i32..500,
    ) {
        let term = DateRange { start: date(2025, 3, 1), end: date(2026, 2, 28) };
        let today = date(2025, 1, 1).saturating_add(day.days());
        let f = renewal_forecast(&rubric, &term, today, &cs);
        check_breakdown(&rubric, &f.so_far)?;
        prop_assert!(f.projected_total >= f.so_far.total);
        prop_assert_eq!(f.on_track, f.projected_total >= rubric.threshold);
        prop_assert!(f.months_left <= 12);
        prop_assert!(f.needed_per_month.is_finite() && f.needed_per_month >= 0.0);
        let max = rubric.max_total();
        prop_assert!(u64::from(f.projected_total) <= max);
    }
}
