//! The committee's rules: what the rubric advises, how reviewers' votes and scores combine,
//! when a vote or a decision must say why, and who may not review whom.
//!
//! The rubric advises; people decide. A reviewer may vote against the rubric's advice, and an
//! admin may finalize against the reviewers' majority or the rubric, but each time the
//! departure is written down with its reason, so the decision can be explained to the person
//! it concerns.

use crate::kinds::{ScoreAggregation, Vote};

/// What the rubric advises for a standing: award when it meets the threshold, decline when it
/// does not. The rubric never advises a deferral; that is the committee's own call.
pub fn advice(total: u32, threshold: u32) -> Vote {
    if total >= threshold { Vote::Award } else { Vote::Decline }
}

/// Whether a reviewer's vote needs a written rationale: any vote other than the rubric's
/// advice does (a deferral included: it says the standing is not enough to decide on).
pub fn vote_needs_rationale(vote: Vote, advice: Vote) -> bool {
    vote != advice
}

/// The submitted votes on one candidacy in one round.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub award: u32,
    pub decline: u32,
    pub defer: u32,
}

impl Tally {
    /// Counts `votes`.
    pub fn of(votes: impl IntoIterator<Item = Vote>) -> Tally {
        let mut tally = Tally::default();
        for vote in votes {
            match vote {
                Vote::Award => tally.award += 1,
                Vote::Decline => tally.decline += 1,
                Vote::Defer => tally.defer += 1,
            }
        }
        tally
    }

    /// How many votes were cast.
    pub fn total(&self) -> u32 {
        self.award + self.decline + self.defer
    }

    /// The votes for `vote`.
    pub fn count(&self, vote: Vote) -> u32 {
        match vote {
            Vote::Award => self.award,
            Vote::Decline => self.decline,
            Vote::Defer => self.defer,
        }
    }

    /// The vote more than half of the reviewers cast, if one was.
    pub fn majority(&self) -> Option<Vote> {
        Vote::ALL.iter().copied().find(|&v| self.count(v) * 2 > self.total())
    }

    /// Whether enough votes were cast for an admin to finalize.
    pub fn meets_quorum(&self, quorum: u32) -> bool {
        self.total() >= quorum.max(1)
    }
}

/// How a finalized outcome relates to the reviewers and the rubric.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Departure {
    /// More than half the reviewers voted otherwise.
    pub from_majority: bool,
    /// The outcome awards what the rubric advises declining, or declines what it advises
    /// awarding. A deferral postpones rather than departs.
    pub from_rubric: bool,
}

impl Departure {
    /// Whether the finalizing admin must write why.
    pub fn needs_rationale(&self) -> bool {
        self.from_majority || self.from_rubric
    }
}

/// How finalizing `outcome` departs from `tally`'s majority and the rubric's `advice`.
pub fn departure(outcome: Vote, tally: &Tally, advice: Vote) -> Departure {
    Departure {
        from_majority: tally.majority().is_some_and(|m| m != outcome),
        from_rubric: outcome != Vote::Defer && outcome != advice,
    }
}

/// One review criterion a reviewer scores (impact, quality, …), as a rubric version defines
/// it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScoredCriterion {
    pub weight: u32,
    pub max_score: u32,
}

/// The reviewers' scores combined into one figure from 0 to 100: each criterion's scores are
/// aggregated (median or mean, a program setting), then the criteria are weighted by their
/// weights, each counted as a share of its maximum. `scores[i]` holds every reviewer's score
/// of `criteria[i]`; a criterion nobody scored, or with no weight or maximum, is left out.
/// `None` when nothing was scored.
pub fn weighted_score(
    criteria: &[ScoredCriterion],
    scores: &[Vec<u32>],
    aggregation: ScoreAggregation,
) -> Option<f64> {
    let (mut earned, mut possible) = (0.0, 0.0);
    for (criterion, scores) in criteria.iter().zip(scores) {
        if criterion.weight == 0 || criterion.max_score == 0 {
            continue;
        }
        let Some(aggregate) = aggregation.aggregate(scores) else {
            continue;
        };
        let weight = f64::from(criterion.weight);
        earned += weight * aggregate.min(f64::from(criterion.max_score));
        possible += weight * f64::from(criterion.max_score);
    }
    (possible > 0.0).then(|| (earned / possible * 100.0 * 10.0).round() / 10.0)
}

/// Why a reviewer may not see a candidacy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Conflict {
    /// The candidacy is the reviewer's own.
    Own,
    /// The reviewer nominated the candidate.
    Nominated,
    /// The reviewer endorsed the candidacy.
    Endorsed,
    /// The reviewer and the candidate work for the same employer.
    SameEmployer,
    /// The reviewer declared a conflict (recused themselves).
    Declared,
}

/// The form of an employer's name that two people must share to be at the same employer:
/// trimmed and lowercased, so "Contoso " and "contoso" match; `None` for no employer. The
/// store compares `LOWER(TRIM(employer))` with it.
pub fn employer_key(employer: Option<&str>) -> Option<String> {
    let key = employer?.trim().to_lowercase();
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rubric_advises_award_from_the_threshold_on() {
        assert_eq!(advice(60, 60), Vote::Award);
        assert_eq!(advice(59, 60), Vote::Decline);
        assert!(!vote_needs_rationale(Vote::Award, advice(70, 60)));
        assert!(vote_needs_rationale(Vote::Decline, advice(70, 60)));
        assert!(vote_needs_rationale(Vote::Defer, advice(70, 60)));
    }

    #[test]
    fn a_majority_is_more_than_half_of_the_votes() {
        let tally = Tally::of([Vote::Award, Vote::Award, Vote::Decline]);
        assert_eq!(tally.majority(), Some(Vote::Award));
        assert_eq!(Tally::of([Vote::Award, Vote::Decline]).majority(), None);
        assert_eq!(Tally::of([Vote::Award, Vote::Decline, Vote::Defer]).majority(), None);
        assert_eq!(Tally::default().majority(), None);
        assert!(tally.meets_quorum(3));
        assert!(!tally.meets_quorum(4));
        // A quorum of zero still needs one vote.
        assert!(!Tally::default().meets_quorum(0));
    }

    #[test]
    fn a_decision_departs_from_the_majority_or_the_rubric_and_must_say_why() {
        let tally = Tally::of([Vote::Award, Vote::Award, Vote::Decline]);
        let with_both = departure(Vote::Award, &tally, Vote::Award);
        assert!(!with_both.needs_rationale());
        let against_majority = departure(Vote::Decline, &tally, Vote::Decline);
        assert_eq!(against_majority, Departure { from_majority: true, from_rubric: false });
        let against_rubric = departure(Vote::Award, &tally, Vote::Decline);
        assert_eq!(against_rubric, Departure { from_majority: false, from_rubric: true });
        // Deferring departs from a majority that voted otherwise, never from the rubric.
        let deferred = departure(Vote::Defer, &tally, Vote::Decline);
        assert_eq!(deferred, Departure { from_majority: true, from_rubric: false });
        // Without a majority, only the rubric can be departed from.
        let split = Tally::of([Vote::Award, Vote::Decline]);
        assert!(!departure(Vote::Decline, &split, Vote::Decline).needs_rationale());
    }

    #[test]
    fn scores_combine_by_criterion_then_by_weight() {
        let criteria = [
            ScoredCriterion { weight: 2, max_score: 5 },
            ScoredCriterion { weight: 1, max_score: 5 },
        ];
        // Medians 4 and 2: (2*4 + 1*2) / (2*5 + 1*5) = 10/15.
        let scores = vec![vec![3, 4, 5], vec![1, 2, 5]];
        assert_eq!(weighted_score(&criteria, &scores, ScoreAggregation::Median), Some(66.7));
        // Means 4 and 8/3: (8 + 8/3) / 15 = 71.1…
        assert_eq!(weighted_score(&criteria, &scores, ScoreAggregation::Mean), Some(71.1));
        // A criterion nobody scored is left out, not counted as zero.
        let partly = vec![vec![5], vec![]];
        assert_eq!(weighted_score(&criteria, &partly, ScoreAggregation::Mean), Some(100.0));
        assert_eq!(weighted_score(&criteria, &[vec![], vec![]], ScoreAggregation::Mean), None);
        // A score above the maximum (stored by hand) counts as the maximum.
        let over = vec![vec![9], vec![5]];
        assert_eq!(weighted_score(&criteria, &over, ScoreAggregation::Mean), Some(100.0));
    }

    #[test]
    fn employers_match_whatever_their_case_and_spacing() {
        assert_eq!(employer_key(Some("  Contoso ")), Some("contoso".to_owned()));
        assert_eq!(employer_key(Some("CONTOSO")), employer_key(Some("contoso")));
        assert_eq!(employer_key(Some("   ")), None);
        assert_eq!(employer_key(None), None);
    }
}
