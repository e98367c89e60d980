//! The published rubric: points per contribution type, reach tiers,
//! consistency over the months of the period, and a threshold.
//!
//! The rubric is advice that everyone can read, not a verdict: the committee
//! still decides. So the formula stays simple enough to explain on one page:
//!
//! - a contribution of a scored type earns the type's `base_points`, plus the
//!   bonus of the highest reach tier its reach figure reaches, once however
//!   long it lasts;
//! - a type contributes at most its `cap`, so no single kind of work (or one
//!   viral post) can carry a year;
//! - every calendar month holding a day of a scoring contribution (each month
//!   of a forum moderated all year) earns `points_per_active_month`, up to the
//!   consistency cap. A contribution of a scored type makes its month active
//!   even when its type has reached its cap: the cap limits what one kind of
//!   work earns, not whether the person was active that month;
//! - the standing meets the rubric when the total reaches `threshold`.
//!
//! [`crate::standing`] applies it.

use crate::kinds::{ContributionType, ReachMetric};

/// The most calendar months a program window touches: a candidacy's twelve
/// months ending on a due date in mid-month, or an award term starting on one,
/// run across thirteen.
pub const MAX_WINDOW_MONTHS: u32 = 13;

/// A category's published formula.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rubric {
    /// Points needed.
    pub threshold: u32,
    /// One rule per scoring type; a type without a rule scores 0. Only the
    /// first rule of a type counts ([`Rubric::validate`] refuses duplicates).
    pub types: Vec<TypeRule>,
    pub consistency: ConsistencyRule,
}

/// How one contribution type scores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeRule {
    pub contribution_type: ContributionType,
    /// Points for each contribution of the type.
    pub base_points: u32,
    /// The most points the type can contribute in a period.
    pub cap: u32,
    /// The reach figure the tiers read, if any.
    pub reach_metric: Option<ReachMetric>,
    /// Sorted by ascending `min_reach`; the bonus of the highest tier reached applies.
    pub reach_tiers: Vec<ReachTier>,
}

/// A reach bonus: at least `min_reach` earns `bonus` extra points.
///
/// Tiers grow by powers of ten while bonuses grow by one: diminishing returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReachTier {
    pub min_reach: u64,
    pub bonus: u32,
}

/// Points for regular activity: a month is active when it holds at least one
/// contribution in the window that scores (base points or reach bonus above 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ConsistencyRule {
    pub points_per_active_month: u32,
    pub cap: u32,
}

/// Why a rubric cannot be published.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RubricError {
    #[error("the threshold must be above 0")]
    ZeroThreshold,
    #[error("the threshold {threshold} is more than the {max} points the rubric can give")]
    ThresholdUnreachable { threshold: u32, max: u64 },
    #[error("{} has more than one rule", .0.label())]
    DuplicateType(ContributionType),
    #[error("{}: the cap ({cap}) is below the points of a single contribution ({base_points})", .contribution_type.label())]
    CapBelowBasePoints { contribution_type: ContributionType, base_points: u32, cap: u32 },
    #[error("{}: reach is not measured in {}", .contribution_type.label(), .metric.label().to_lowercase())]
    MetricDoesNotFit { contribution_type: ContributionType, metric: ReachMetric },
    #[error("{}: reach tiers need a reach figure to read", .0.label())]
    TiersWithoutMetric(ContributionType),
    #[error("{}: reach tiers must go up in reach, each higher than the last", .0.label())]
    TiersNotAscending(ContributionType),
    #[error("{}: a higher reach tier may not give a smaller bonus", .0.label())]
    BonusDecreases(ContributionType),
}

impl TypeRule {
    /// The contribution's figure for this rule's reach metric: the largest if
    /// it was given more than once, `None` if the rule reads none or it is
    /// missing.
    pub fn reach_of(&self, reach: &[(ReachMetric, u64)]) -> Option<u64> {
        let metric = self.reach_metric?;
        reach.iter().filter(|(m, _)| *m == metric).map(|&(_, v)| v).max()
    }

    /// The bonus of the highest tier the contribution's reach reaches.
    /// Tolerates unsorted tiers: the tier with the largest `min_reach` at or
    /// below the reach wins.
    pub fn reach_bonus(&self, reach: &[(ReachMetric, u64)]) -> u32 {
        let Some(value) = self.reach_of(reach) else {
            return 0;
        };
        let mut best: Option<ReachTier> = None;
        for &tier in &self.reach_tiers {
            if tier.min_reach <= value
                && best.is_none_or(|b| (tier.min_reach, tier.bonus) > (b.min_reach, b.bonus))
            {
                best = Some(tier);
            }
        }
        best.map_or(0, |t| t.bonus)
    }

    /// Base points plus reach bonus, before the cap.
    pub fn points_for(&self, reach: &[(ReachMetric, u64)]) -> u32 {
        self.base_points.saturating_add(self.reach_bonus(reach))
    }

    fn errors(&self, out: &mut Vec<RubricError>) {
        let t = self.contribution_type;
        if self.cap < self.base_points {
            out.push(RubricError::CapBelowBasePoints {
                contribution_type: t,
                base_points: self.base_points,
                cap: self.cap,
            });
        }
        match self.reach_metric {
            Some(metric) if !t.reach_metrics().contains(&metric) => {
                out.push(RubricError::MetricDoesNotFit { contribution_type: t, metric });
            }
            None if !self.reach_tiers.is_empty() => out.push(RubricError::TiersWithoutMetric(t)),
            _ => {}
        }
        let pairs = self.reach_tiers.windows(2);
        if pairs.clone().any(|w| matches!(w, [a, b] if b.min_reach <= a.min_reach)) {
            out.push(RubricError::TiersNotAscending(t));
        } else if pairs.clone().any(|w| matches!(w, [a, b] if b.bonus < a.bonus)) {
            out.push(RubricError::BonusDecreases(t));
        }
    }
}

/// Views (pages, videos, listens): 100, 1k, 10k, 100k.
const VIEWS: &[ReachTier] = &[
    ReachTier { min_reach: 100, bonus: 1 },
    ReachTier { min_reach: 1_000, bonus: 2 },
    ReachTier { min_reach: 10_000, bonus: 3 },
    ReachTier { min_reach: 100_000, bonus: 4 },
];
/// People in the room: 25, 100, 500, 2000.
const ATTENDEES: &[ReachTier] = &[
    ReachTier { min_reach: 25, bonus: 1 },
    ReachTier { min_reach: 100, bonus: 2 },
    ReachTier { min_reach: 500, bonus: 3 },
    ReachTier { min_reach: 2_000, bonus: 4 },
];
/// Repository stars: 10, 100, 1k, 10k.
const STARS: &[ReachTier] = &[
    ReachTier { min_reach: 10, bonus: 1 },
    ReachTier { min_reach: 100, bonus: 2 },
    ReachTier { min_reach: 1_000, bonus: 3 },
    ReachTier { min_reach: 10_000, bonus: 4 },
];
/// Copies sold: 100, 1k, 10k.
const COPIES: &[ReachTier] = &[
    ReachTier { min_reach: 100, bonus: 1 },
    ReachTier { min_reach: 1_000, bonus: 3 },
    ReachTier { min_reach: 10_000, bonus: 5 },
];
/// Answers in one recorded batch: 10, 50, 200.
const ANSWERS: &[ReachTier] = &[
    ReachTier { min_reach: 10, bonus: 1 },
    ReachTier { min_reach: 50, bonus: 2 },
    ReachTier { min_reach: 200, bonus: 3 },
];
/// People mentored: 3, 10, 30.
const MENTORED: &[ReachTier] = &[
    ReachTier { min_reach: 3, bonus: 1 },
    ReachTier { min_reach: 10, bonus: 2 },
    ReachTier { min_reach: 30, bonus: 3 },
];

impl Rubric {
    /// The default points for the standard threshold.
    pub const STANDARD_THRESHOLD: u32 = 60;

    /// Sensible defaults a new category starts from: threshold 60; every type
    /// scores, with caps between 10 and 40 so that at least two kinds of work
    /// (or one kind plus steady activity) are needed; consistency gives 2
    /// points per active month up to 20.
    pub fn standard() -> Rubric {
        use ContributionType as T;
        use ReachMetric as M;
        let rule = |t, base, cap, metric: Option<M>, tiers: &[ReachTier]| TypeRule {
            contribution_type: t,
            base_points: base,
            cap,
            reach_metric: metric,
            reach_tiers: tiers.to_vec(),
        };
        Rubric {
            threshold: Self::STANDARD_THRESHOLD,
            types: vec![
                rule(T::BlogPost, 4, 30, Some(M::Views), VIEWS),
                rule(T::Article, 5, 30, Some(M::Views), VIEWS),
                rule(T::Book, 20, 30, Some(M::CopiesSold), COPIES),
                rule(T::CodeSample, 3, 20, Some(M::Stars), STARS),
                rule(T::OpenSourceProject, 8, 30, Some(M::Stars), STARS),
                rule(T::Documentation, 3, 20, Some(M::Views), VIEWS),
                rule(T::ConferenceOrganizing, 10, 30, Some(M::Attendees), ATTENDEES),
                rule(T::ConferenceBooth, 3, 12, Some(M::Attendees), ATTENDEES),
                rule(T::MeetupOrganizing, 4, 30, Some(M::Attendees), ATTENDEES),
                rule(T::ForumModeration, 2, 15, None, &[]),
                rule(T::ForumAnswers, 2, 20, Some(M::Answers), ANSWERS),
                rule(T::AmaAnswers, 2, 15, Some(M::Answers), ANSWERS),
                rule(T::Mentorship, 4, 20, Some(M::PeopleMentored), MENTORED),
                rule(T::ProductFeedback, 2, 10, None, &[]),
                rule(T::SiteOwner, 5, 15, Some(M::Views), VIEWS),
                rule(T::SpeakingConference, 8, 40, Some(M::Attendees), ATTENDEES),
                rule(T::SpeakingMeetup, 5, 30, Some(M::Attendees), ATTENDEES),
                rule(T::SpeakingSponsorEvent, 5, 20, Some(M::Attendees), ATTENDEES),
                rule(T::SocialMedia, 1, 10, Some(M::Views), VIEWS),
                rule(T::Translation, 3, 15, Some(M::Views), VIEWS),
                rule(T::Video, 5, 30, Some(M::Views), VIEWS),
                rule(T::Podcast, 5, 30, Some(M::Views), VIEWS),
                rule(T::Workshop, 8, 30, Some(M::Attendees), ATTENDEES),
                rule(T::CommunityLeadership, 10, 20, None, &[]),
                rule(T::Other, 2, 10, None, &[]),
            ],
            consistency: ConsistencyRule { points_per_active_month: 2, cap: 20 },
        }
    }

    /// The rule for a type (the first, if there are several).
    pub fn rule_for(&self, contribution_type: ContributionType) -> Option<&TypeRule> {
        self.types.iter().find(|r| r.contribution_type == contribution_type)
    }

    /// The rules indexed by [`ContributionType::index`], first rule winning.
    pub(crate) fn rule_table(&self) -> [Option<&TypeRule>; ContributionType::COUNT] {
        let mut table = [None; ContributionType::COUNT];
        for rule in &self.types {
            if let Some(slot) = table.get_mut(rule.contribution_type.index())
                && slot.is_none()
            {
                *slot = Some(rule);
            }
        }
        table
    }

    /// The most points the rubric can give over a program window: every type's
    /// cap, plus what consistency can earn, its points for every month a window
    /// can touch ([`MAX_WINDOW_MONTHS`]) up to its cap. A consistency cap the
    /// months cannot reach adds only what they can.
    pub fn max_total(&self) -> u64 {
        let types: u64 = self.rule_table().iter().flatten().map(|r| u64::from(r.cap)).sum();
        let months =
            u64::from(self.consistency.points_per_active_month) * u64::from(MAX_WINDOW_MONTHS);
        types + months.min(u64::from(self.consistency.cap))
    }

    /// Every reason the rubric cannot be published, for an admin form.
    pub fn errors(&self) -> Vec<RubricError> {
        let mut out = Vec::new();
        if self.threshold == 0 {
            out.push(RubricError::ZeroThreshold);
        }
        let mut seen = [false; ContributionType::COUNT];
        for rule in &self.types {
            let t = rule.contribution_type;
            if let Some(seen) = seen.get_mut(t.index()) {
                if *seen && !out.contains(&RubricError::DuplicateType(t)) {
                    out.push(RubricError::DuplicateType(t));
                }
                *seen = true;
            }
            rule.errors(&mut out);
        }
        let max = self.max_total();
        if u64::from(self.threshold) > max {
            out.push(RubricError::ThresholdUnreachable { threshold: self.threshold, max });
        }
        out
    }

    /// Checks the rubric; the first problem found, if any (see [`Rubric::errors`]).
    pub fn validate(&self) -> Result<(), RubricError> {
        match self.errors().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use ContributionType as T;
    use ReachMetric as M;

    fn blog_rule() -> TypeRule {
        TypeRule {
            contribution_type: T::BlogPost,
            base_points: 4,
            cap: 30,
            reach_metric: Some(M::Views),
            reach_tiers: VIEWS.to_vec(),
        }
    }

    #[test]
    fn the_standard_rubric_is_valid_and_scores_every_type() {
        let r = Rubric::standard();
        assert_eq!(r.validate(), Ok(()));
        assert_eq!(r.threshold, 60);
        for &t in T::ALL {
            let rule = r.rule_for(t).unwrap();
            assert!(rule.base_points > 0 && rule.cap >= rule.base_points, "{t:?}");
            assert!(rule.cap < r.threshold, "{t:?} alone must not meet the threshold");
        }
        assert!(r.max_total() > u64::from(r.threshold));
    }

    #[test]
    fn the_bonus_of_the_highest_tier_reached_applies() {
        let rule = blog_rule();
        assert_eq!(rule.reach_bonus(&[]), 0);
        assert_eq!(rule.reach_bonus(&[(M::Views, 99)]), 0);
        assert_eq!(rule.reach_bonus(&[(M::Views, 100)]), 1);
        assert_eq!(rule.reach_bonus(&[(M::Views, 9_999)]), 2);
        assert_eq!(rule.reach_bonus(&[(M::Views, 10_000_000)]), 4);
        assert_eq!(rule.points_for(&[(M::Views, 1_000)]), 6);
    }

    #[test]
    fn only_the_rules_reach_metric_is_read() {
        let rule = blog_rule();
        assert_eq!(rule.reach_bonus(&[(M::Attendees, 1_000_000)]), 0);
        assert_eq!(rule.reach_of(&[(M::Views, 5), (M::Views, 500)]), Some(500));
        let no_metric = TypeRule { reach_metric: None, reach_tiers: vec![], ..blog_rule() };
        assert_eq!(no_metric.reach_bonus(&[(M::Views, 1_000_000)]), 0);
    }

    #[test]
    fn unsorted_tiers_still_give_the_highest_tier_reached() {
        let mut rule = blog_rule();
        rule.reach_tiers.reverse();
        assert_eq!(rule.reach_bonus(&[(M::Views, 5_000)]), 2);
    }

    #[test]
    fn rule_for_finds_the_first_rule_of_a_type() {
        let mut r = Rubric::standard();
        assert_eq!(r.rule_for(T::Video).unwrap().base_points, 5);
        r.types.retain(|rule| rule.contribution_type != T::Video);
        assert!(r.rule_for(T::Video).is_none());
    }

    #[test]
    fn a_zero_or_unreachable_threshold_is_refused() {
        let mut r = Rubric::standard();
        r.threshold = 0;
        assert_eq!(r.validate(), Err(RubricError::ZeroThreshold));
        r.threshold = 10_000;
        let max = r.max_total();
        assert_eq!(r.validate(), Err(RubricError::ThresholdUnreachable { threshold: 10_000, max }));
    }

    #[test]
    fn a_type_with_two_rules_is_refused() {
        let mut r = Rubric::standard();
        r.types.push(blog_rule());
        r.types.push(blog_rule());
        assert_eq!(r.errors(), vec![RubricError::DuplicateType(T::BlogPost)]);
        assert_eq!(r.validate().unwrap_err().to_string(), "Blog post has more than one rule");
    }

    #[test]
    fn badly_shaped_type_rules_are_refused_with_the_reason() {
        let check = |rule: TypeRule| {
            let r = Rubric {
                threshold: 1,
                types: vec![rule],
                consistency: ConsistencyRule { points_per_active_month: 1, cap: 12 },
            };
            r.validate()
        };
        assert_eq!(
            check(TypeRule { cap: 3, ..blog_rule() }),
            Err(RubricError::CapBelowBasePoints {
                contribution_type: T::BlogPost,
                base_points: 4,
                cap: 3
            })
        );
        assert_eq!(
            check(TypeRule { reach_metric: Some(M::Stars), ..blog_rule() }),
            Err(RubricError::MetricDoesNotFit { contribution_type: T::BlogPost, metric: M::Stars })
        );
        assert_eq!(
            check(TypeRule { reach_metric: None, ..blog_rule() }),
            Err(RubricError::TiersWithoutMetric(T::BlogPost))
        );
        let mut unsorted = blog_rule();
        unsorted.reach_tiers.swap(0, 1);
        assert_eq!(check(unsorted), Err(RubricError::TiersNotAscending(T::BlogPost)));
        let mut shrinking = blog_rule();
        shrinking.reach_tiers[3].bonus = 0;
        assert_eq!(check(shrinking), Err(RubricError::BonusDecreases(T::BlogPost)));
        assert_eq!(
            check(TypeRule { reach_metric: Some(M::Stars), ..blog_rule() })
                .unwrap_err()
                .to_string(),
            "Blog post: reach is not measured in stars"
        );
    }

    #[test]
    fn a_consistency_cap_the_months_cannot_reach_makes_no_threshold_reachable() {
        // One point a month can give at most 13 over a window, however high the cap.
        let r = Rubric {
            threshold: 40,
            types: vec![TypeRule { cap: 20, ..blog_rule() }],
            consistency: ConsistencyRule { points_per_active_month: 1, cap: 100 },
        };
        assert_eq!(r.max_total(), 33);
        assert_eq!(r.validate(), Err(RubricError::ThresholdUnreachable { threshold: 40, max: 33 }));
        let reachable = Rubric { threshold: 33, ..r };
        assert_eq!(reachable.validate(), Ok(()));
    }

    #[test]
    fn the_maximum_counts_each_type_once() {
        let r = Rubric {
            threshold: 1,
            types: vec![blog_rule(), blog_rule()],
            consistency: ConsistencyRule { points_per_active_month: 2, cap: 20 },
        };
        assert_eq!(r.max_total(), 50);
    }
}
