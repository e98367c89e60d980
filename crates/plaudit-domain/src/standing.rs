//! A person's standing against a rubric, with its exact breakdown, what is
//! missing, and (for awardees) a renewal forecast.
//!
//! The rules, as published with every rubric (see [`crate::rubric`]):
//!
//! 1. A contribution lasts from its date to its end date, or the single day
//!    of its date when it has no end (or an end before its date). Only
//!    contributions lasting at least one day inside the window count; the
//!    others score 0.
//! 2. A contribution of a type the rubric scores earns the type's base points
//!    plus the bonus of the highest reach tier reached, once, however long it
//!    lasts.
//! 3. A type contributes at most its cap. When a type's points pass its cap,
//!    its contributions are counted in date order (ties by id) until the cap
//!    is reached, so the breakdown per contribution adds up exactly. A
//!    contribution that started before the window counts as dated on the
//!    window's first day: the window's order, not how long ago work began,
//!    decides who fills a cap first.
//! 4. Each calendar month of the window holding at least one day of a scoring
//!    contribution is active and earns the consistency points, up to the
//!    consistency cap: moderating a forum all year makes every month active.
//! 5. The total is the sum of what each criterion counts; the standing meets
//!    the rubric when the total reaches the threshold.
//!
//! [`standing`] sorts the contributions for the exact breakdown: O(n log n)
//! time and O(n) memory for n contributions. [`standing_fast`] gives the same
//! total and active months in O(n) time with no allocation per contribution, for bulk
//! recomputation (a type's counted points are simply `min(raw, cap)`). Both mark a
//! contribution's months a 64-bit word at a time, so a year-long one costs about what a
//! one-day one does.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;

use crate::cycle::{DateRange, month_from_index, month_index, months_after};
use crate::kinds::{ContributionType, ReachMetric};
use crate::parse::ParseError;
use crate::rubric::{Rubric, TypeRule};

/// What the rubric needs to know about one contribution.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ContributionFacts {
    pub id: i64,
    pub contribution_type: ContributionType,
    /// The start date of the contribution.
    pub date: Date,
    /// The last day of a contribution that lasts (moderating a forum, leading
    /// a user group); `None` for one on a single day. An end before `date`
    /// is read as a single day on `date`, so a mistyped end never hides the
    /// contribution.
    pub end: Option<Date>,
    /// Reach figures; a metric given twice counts with its largest figure.
    pub reach: Vec<(ReachMetric, u64)>,
}

impl ContributionFacts {
    /// The days the contribution lasts; see [`ContributionFacts::end`].
    pub fn period(&self) -> DateRange {
        period(self.date, self.end)
    }
}

fn period(date: Date, end: Option<Date>) -> DateRange {
    DateRange { start: date, end: end.map_or(date, |end| end.max(date)) }
}

/// Something the rubric scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Criterion {
    /// The points of one contribution type.
    Type(ContributionType),
    /// Activity spread over the months of the window.
    Consistency,
}

impl Criterion {
    /// The stable name stored with reviewers' scores: the type's name, or
    /// `consistency`.
    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::Type(t) => t.as_str(),
            Criterion::Consistency => "consistency",
        }
    }

    /// The English name.
    pub fn label(self) -> &'static str {
        match self {
            Criterion::Type(t) => t.label(),
            Criterion::Consistency => "Consistency",
        }
    }
}

impl fmt::Display for Criterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Criterion {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        if s == "consistency" {
            return Ok(Criterion::Consistency);
        }
        s.parse::<ContributionType>()
            .map(Criterion::Type)
            .map_err(|_| ParseError::UnknownKind { kind: "rubric criterion", value: s.to_string() })
    }
}

/// One criterion's points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CriterionScore {
    pub criterion: Criterion,
    /// Points before the cap.
    pub raw: u32,
    /// Points after the cap: `min(raw, cap)`.
    pub counted: u32,
    pub cap: u32,
}

/// One contribution's points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ContributionScore {
    pub id: i64,
    pub contribution_type: ContributionType,
    pub date: Date,
    /// As given in [`ContributionFacts::end`].
    pub end: Option<Date>,
    /// The type's base points (0 outside the window or for an unscored type).
    pub base: u32,
    /// The reach bonus (0 outside the window or for an unscored type).
    pub reach_bonus: u32,
    /// What the contribution adds to the total once its type's cap applies.
    pub counted: u32,
    /// Whether at least one day of the contribution is in the window.
    pub in_window: bool,
}

/// Advice on what is missing, computed from the rubric.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gap {
    /// Points still needed to reach the threshold.
    PointsShort(u32),
    /// More contributions of a type that still has room under its cap.
    MoreOfType {
        contribution_type: ContributionType,
        /// Base points per contribution (reach bonuses would add to it).
        points_each: u32,
        /// Points the type can still add before its cap.
        headroom: u32,
        /// How many contributions: enough to close the gap when
        /// `closes_gap`, otherwise enough to use up the headroom.
        items: u32,
        closes_gap: bool,
    },
    /// Months of the window without a scoring contribution, while
    /// consistency can still add points.
    InactiveMonths {
        /// `(year, month)`, in order.
        months: Vec<(i16, i8)>,
        points_per_month: u32,
        /// Points consistency can still add before its cap.
        headroom: u32,
    },
}

impl Gap {
    /// A sentence for the person.
    pub fn message(&self) -> String {
        match self {
            Gap::PointsShort(n) => format!("{n} points short of the threshold"),
            Gap::MoreOfType { contribution_type, points_each, items, closes_gap: true, .. } => {
                format!(
                    "{items} more of \"{}\" ({points_each} points each) would close the gap",
                    contribution_type.label()
                )
            }
            Gap::MoreOfType {
                contribution_type,
                points_each,
                headroom,
                items,
                closes_gap: false,
            } => format!(
                "{items} more of \"{}\" ({points_each} points each) would add {headroom} points",
                contribution_type.label()
            ),
            Gap::InactiveMonths { months, points_per_month, .. } => format!(
                "{} months have no counted contribution; each active month adds {points_per_month} points",
                months.len()
            ),
        }
    }
}

/// A person's standing against a rubric over a window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    pub total: u32,
    pub threshold: u32,
    pub meets_threshold: bool,
    /// One entry per rubric type rule (in the rubric's order, first rule of a
    /// type only), then consistency.
    pub by_criterion: Vec<CriterionScore>,
    /// One entry per contribution given, in the order caps are filled: by
    /// date, a contribution that started before the window counting as dated
    /// on its first day, then by id.
    pub by_contribution: Vec<ContributionScore>,
    /// Empty when the threshold is met; otherwise [`Gap::PointsShort`] first,
    /// then up to [`MAX_TYPE_SUGGESTIONS`] [`Gap::MoreOfType`], then
    /// [`Gap::InactiveMonths`] if consistency can still add points.
    pub missing: Vec<Gap>,
    pub active_months: u32,
}

impl Standing {
    /// The score of one criterion, if the rubric has it.
    pub fn criterion(&self, criterion: Criterion) -> Option<&CriterionScore> {
        self.by_criterion.iter().find(|c| c.criterion == criterion)
    }

    /// Points still needed (0 when met).
    pub fn points_short(&self) -> u32 {
        self.threshold.saturating_sub(self.total)
    }
}

/// How many type suggestions [`Standing::missing`] holds at most.
pub const MAX_TYPE_SUGGESTIONS: usize = 3;

fn saturate(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// The months of a window, as a bit set.
struct MonthSet {
    first: i32,
    len: usize,
    bits: Vec<u64>,
}

impl MonthSet {
    fn new(window: &DateRange) -> Self {
        if window.is_empty() {
            return MonthSet { first: 0, len: 0, bits: Vec::new() };
        }
        let first = month_index(window.start);
        let len = usize::try_from(month_index(window.end) - first + 1).unwrap_or(0);
        MonthSet { first, len, bits: vec![0; len.div_ceil(64)] }
    }

    /// Marks the months `dates` touches that are months of the window. Callers
    /// clip `dates` to the window first: a window starting on the 15th does
    /// not hold the 1st of its first month.
    fn insert(&mut self, dates: DateRange) {
        let Some(last_month) = self.len.checked_sub(1) else {
            return;
        };
        if dates.is_empty() {
            return;
        }
        let offset = |date| month_index(date) - self.first;
        // An end before the window's first month leaves `to` negative: nothing to mark.
        let (Ok(mut from), Ok(to)) =
            (usize::try_from(offset(dates.start).max(0)), usize::try_from(offset(dates.end)))
        else {
            return;
        };
        let to = to.min(last_month);
        // A word at a time: a year-long contribution sets its bits in one or two steps.
        while from <= to {
            let (word, bit) = (from / 64, from % 64);
            let last = (to - word * 64).min(63);
            let ones = u64::MAX >> (63 - (last - bit));
            if let Some(w) = self.bits.get_mut(word) {
                *w |= ones << bit;
            }
            from = word * 64 + last + 1;
        }
    }

    fn count(&self) -> u32 {
        self.bits.iter().map(|w| w.count_ones()).sum()
    }

    fn missing(&self) -> Vec<(i16, i8)> {
        (0..self.len)
            .filter(|&i| self.bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) == 0))
            .map(|i| month_from_index(self.first + i32::try_from(i).unwrap_or(0)))
            .collect()
    }
}

/// Base points and reach bonus of one contribution, 0 when out of the window
/// or unscored.
fn points_of(
    table: &[Option<&TypeRule>; ContributionType::COUNT],
    window: &DateRange,
    c: &ContributionFacts,
) -> (u32, u32) {
    if c.period().intersection(window).is_none() {
        return (0, 0);
    }
    match table.get(c.contribution_type.index()).copied().flatten() {
        Some(rule) => (rule.base_points, rule.reach_bonus(&c.reach)),
        None => (0, 0),
    }
}

fn consistency_points(rubric: &Rubric, active_months: u32) -> (u32, u32) {
    let raw = active_months.saturating_mul(rubric.consistency.points_per_active_month);
    (raw, raw.min(rubric.consistency.cap))
}

/// What a bulk recompute saves of a standing: the same `total` and
/// `active_months` as [`standing`] gives, without the breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct StandingTotals {
    pub total: u32,
    pub active_months: u32,
}

/// The total and active months only, as [`standing`] computes them, in O(n)
/// time, without sorting and without allocating per contribution (one small
/// bit set for the window's months).
pub fn standing_fast(
    rubric: &Rubric,
    window: &DateRange,
    contributions: &[ContributionFacts],
) -> StandingTotals {
    let table = rubric.rule_table();
    let mut raw = [0u64; ContributionType::COUNT];
    let mut months = MonthSet::new(window);
    for c in contributions {
        let (base, bonus) = points_of(&table, window, c);
        let points = u64::from(base) + u64::from(bonus);
        if points > 0 {
            if let Some(r) = raw.get_mut(c.contribution_type.index()) {
                *r += points;
            }
            if let Some(in_window) = c.period().intersection(window) {
                months.insert(in_window);
            }
        }
    }
    let types: u64 = table
        .iter()
        .zip(raw)
        .filter_map(|(rule, raw)| rule.map(|r| raw.min(u64::from(r.cap))))
        .sum();
    let active_months = months.count();
    let (_, consistency) = consistency_points(rubric, active_months);
    StandingTotals { total: saturate(types + u64::from(consistency)), active_months }
}

/// The full standing with its breakdown and advice; see the module docs for
/// the rules. The result does not depend on the order of `contributions`.
pub fn standing(
    rubric: &Rubric,
    window: &DateRange,
    contributions: &[ContributionFacts],
) -> Standing {
    let table = rubric.rule_table();
    let mut by_contribution: Vec<ContributionScore> = contributions
        .iter()
        .map(|c| {
            let (base, reach_bonus) = points_of(&table, window, c);
            ContributionScore {
                id: c.id,
                contribution_type: c.contribution_type,
                date: c.date,
                end: c.end,
                base,
                reach_bonus,
                counted: 0,
                in_window: c.period().intersection(window).is_some(),
            }
        })
        .collect();
    // The date it counts from (rule 3) then id decides who fills a cap first;
    // the remaining fields only make the order total, so equal inputs in any
    // order give equal results.
    let counts_from =
        |s: &ContributionScore| if s.in_window { s.date.max(window.start) } else { s.date };
    by_contribution.sort_unstable_by_key(|s| {
        (counts_from(s), s.id, s.contribution_type, s.base, s.reach_bonus, s.date, s.end)
    });

    let mut raw = [0u64; ContributionType::COUNT];
    let mut counted = [0u64; ContributionType::COUNT];
    let mut months = MonthSet::new(window);
    for score in &mut by_contribution {
        let i = score.contribution_type.index();
        let points = u64::from(score.base) + u64::from(score.reach_bonus);
        let (Some(rule), Some(raw), Some(counted)) =
            (table.get(i).copied().flatten(), raw.get_mut(i), counted.get_mut(i))
        else {
            continue;
        };
        if points == 0 {
            continue;
        }
        let room = u64::from(rule.cap).saturating_sub(*counted);
        let this = points.min(room);
        *raw += points;
        *counted += this;
        score.counted = saturate(this);
        if let Some(in_window) = period(score.date, score.end).intersection(window) {
            months.insert(in_window);
        }
    }

    let mut by_criterion = Vec::with_capacity(rubric.types.len() + 1);
    let mut seen = [false; ContributionType::COUNT];
    for rule in &rubric.types {
        let i = rule.contribution_type.index();
        if seen.get(i).copied().unwrap_or(true) {
            continue;
        }
        if let Some(s) = seen.get_mut(i) {
            *s = true;
        }
        by_criterion.push(CriterionScore {
            criterion: Criterion::Type(rule.contribution_type),
            raw: saturate(raw.get(i).copied().unwrap_or(0)),
            counted: saturate(counted.get(i).copied().unwrap_or(0)),
            cap: rule.cap,
        });
    }
    let active_months = months.count();
    let (consistency_raw, consistency_counted) = consistency_points(rubric, active_months);
    by_criterion.push(CriterionScore {
        criterion: Criterion::Consistency,
        raw: consistency_raw,
        counted: consistency_counted,
        cap: rubric.consistency.cap,
    });

    let total = saturate(by_criterion.iter().map(|c| u64::from(c.counted)).sum());
    let meets_threshold = total >= rubric.threshold;
    let missing = if meets_threshold {
        Vec::new()
    } else {
        gaps(rubric, &by_criterion, &months, rubric.threshold - total)
    };
    Standing {
        total,
        threshold: rubric.threshold,
        meets_threshold,
        by_criterion,
        by_contribution,
        missing,
        active_months,
    }
}

/// Suggestions for closing a gap of `short` points.
///
/// Types are ranked by how much of the gap they can close on their own
/// (`min(headroom, short)`, most first), then by fewest contributions needed,
/// then in the order of [`ContributionType::ALL`]. Only base points are
/// counted: reach is not known in advance.
fn gaps(
    rubric: &Rubric,
    by_criterion: &[CriterionScore],
    months: &MonthSet,
    short: u32,
) -> Vec<Gap> {
    let mut out = vec![Gap::PointsShort(short)];
    let mut options: Vec<(u32, u32, ContributionType, Gap)> = Vec::new();
    for score in by_criterion {
        let Criterion::Type(t) = score.criterion else {
            continue;
        };
        let Some(rule) = rubric.rule_for(t) else {
            continue;
        };
        let headroom = score.cap.saturating_sub(score.counted);
        if headroom == 0 || rule.base_points == 0 {
            continue;
        }
        let reachable = headroom.min(short);
        let items = reachable.div_ceil(rule.base_points);
        options.push((
            reachable,
            items,
            t,
            Gap::MoreOfType {
                contribution_type: t,
                points_each: rule.base_points,
                headroom,
                items,
                closes_gap: headroom >= short,
            },
        ));
    }
    options.sort_by_key(|&(reachable, items, t, _)| (std::cmp::Reverse(reachable), items, t));
    out.extend(options.into_iter().take(MAX_TYPE_SUGGESTIONS).map(|(.., gap)| gap));

    let consistency = rubric.consistency;
    if let Some(score) = by_criterion.iter().find(|c| c.criterion == Criterion::Consistency) {
        let headroom = score.cap.saturating_sub(score.counted);
        let inactive = months.missing();
        if headroom > 0 && consistency.points_per_active_month > 0 && !inactive.is_empty() {
            out.push(Gap::InactiveMonths {
                months: inactive,
                points_per_month: consistency.points_per_active_month,
                headroom,
            });
        }
    }
    out
}

/// Where an awardee's renewal is heading.
#[derive(Clone, Debug, PartialEq)]
pub struct RenewalForecast {
    /// The standing over the term up to and including today.
    pub so_far: Standing,
    /// The total if the pace so far holds for the whole term, caps applied.
    pub projected_total: u32,
    /// Whether the projected total meets the threshold.
    pub on_track: bool,
    /// Points still needed today (0 when already met).
    pub points_needed: u32,
    /// Months left in the term, rounded up (a month cut short by the term's
    /// end counts).
    pub months_left: u32,
    /// `points_needed / months_left` (all of it when no month is left).
    pub needed_per_month: f64,
    /// Points per elapsed month so far (uncapped), for the chart.
    pub pace_per_month: f64,
}

/// How many months the term has, and how many of them have ended by `today`.
///
/// Months run from the term's start date: the k-th month starts
/// [`months_after`] the start by k months (July 15th to August 14th), so a
/// term from January 31st has months starting January 31st, March 1st, March
/// 31st, ..., and a term from February 29th to February 28th has twelve. A
/// last month cut short by the term's end still counts, so the months are
/// rounded up: a term of 17 and a half months has 18. A month has ended once
/// the next one has started.
pub(crate) fn term_months(term: &DateRange, today: Date) -> (u32, u32) {
    let (mut total, mut ended) = (0u32, 0u32);
    // Bounded so that an absurd range cannot loop for long.
    for k in 0..1_200i32 {
        let month_start = months_after(term.start, k);
        if month_start > term.end {
            break;
        }
        total += 1;
        if months_after(term.start, k + 1) <= today {
            ended += 1;
        }
    }
    (total, ended)
}

/// Forecasts an awardee's renewal standing over `term` as of `today`.
///
/// Method: the standing so far uses the term up to today. Each criterion's
/// raw points so far are scaled by `term days / elapsed days` (the pace so
/// far, held for the whole term), then capped by that criterion's cap; the
/// projected total is their sum, never below the total so far. Consistency
/// is scaled the same way and also capped at what the term's months can
/// give. Months count from the term's start date: a term starting July 15th
/// has months July 15th–August 14th, ..., and a month that would start on a
/// day its month lacks starts on the 1st of the next (from January 31st, the
/// second month starts March 1st). `months_left` is the months not yet ended:
/// on the first day all the term's months (12 for a renewal term, 6 to 19 for
/// a new award's, whose last month may be cut short) and 1 on the last day.
/// Before the term starts nothing has elapsed and the projection is 0.
pub fn renewal_forecast(
    rubric: &Rubric,
    term: &DateRange,
    today: Date,
    contributions: &[ContributionFacts],
) -> RenewalForecast {
    let elapsed_end = today.min(term.end);
    let so_far_window = DateRange { start: term.start, end: elapsed_end };
    let so_far = standing(rubric, &so_far_window, contributions);

    let term_days = u64::from(term.days());
    let elapsed_days = u64::from(so_far_window.days());

    let projected_total = if elapsed_days == 0 {
        so_far.total
    } else {
        let term_months = u64::try_from(term.months().len()).unwrap_or(u64::MAX);
        let projected: u64 = so_far
            .by_criterion
            .iter()
            .map(|c| {
                let scaled = u64::from(c.raw).saturating_mul(term_days) / elapsed_days;
                let ceiling = match c.criterion {
                    Criterion::Consistency => u64::from(c.cap).min(
                        term_months
                            .saturating_mul(u64::from(rubric.consistency.points_per_active_month)),
                    ),
                    Criterion::Type(_) => u64::from(c.cap),
                };
                scaled.min(ceiling).max(u64::from(c.counted))
            })
            .sum();
        saturate(projected).max(so_far.total)
    };

    let points_needed = so_far.points_short();
    let (months_total, months_ended) = term_months(term, today);
    let months_left = months_total.saturating_sub(months_ended);
    let needed_per_month = f64::from(points_needed) / f64::from(months_left.max(1));
    let raw_so_far: u64 = so_far.by_criterion.iter().map(|c| u64::from(c.raw)).sum();
    let pace_per_month = if elapsed_days == 0 || months_total == 0 {
        0.0
    } else {
        let month_days = term_days as f64 / f64::from(months_total);
        raw_so_far as f64 / (elapsed_days as f64 / month_days)
    };

    RenewalForecast {
        on_track: projected_total >= rubric.threshold,
        so_far,
        projected_total,
        points_needed,
        months_left,
        needed_per_month,
        pace_per_month,
    }
}

#[cfg(test)]
mod tests;
