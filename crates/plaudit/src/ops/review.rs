//! Reviewing: the queue a reviewer works through, the one page per candidacy with everything
//! they weigh, their scores and vote, and declaring a conflict.
//!
//! What a reviewer may see is decided once, by `plaudit_store::reviews::Viewer`: their
//! categories (and regions, where the program scopes by region), minus every conflict — their
//! own candidacy, people they nominated or endorsed, people at their employer, and candidacies
//! they recused themselves from. The queue and every single-candidacy read go through it, so a
//! conflicted candidacy is in no list, and its URL answers `not_found` like one that does not
//! exist. Under blind review the candidate's name, photo, links and employer are left out of
//! the view itself, so no page or API answer built from it can show them.

use std::collections::{BTreeMap, HashMap};

use plaudit_domain::kinds::{ScoreAggregation, Vote};
use plaudit_domain::review::{ScoredCriterion, Tally, advice, employer_key, vote_needs_rationale};
use plaudit_store::reviews::{
    self, EndorsementWithHistory, NominationReason, PastAward, PastCandidacy, Position,
    QueueFilter, Subject, Viewer,
};
use plaudit_store::rubrics::{self, ReviewCriterion};
use plaudit_store::timestamp::date_from_text;
use plaudit_store::{people, program};

use super::Ctx;
use super::accounts::AccountView;
use super::audit::{AuditAction, record};
use super::error::{ErrorCode, Fields, OpError};
use super::standing::{self, StandingView};
use crate::i18n::{Lang, Msg};

/// The longest rationale a reviewer writes.
pub const RATIONALE_MAX: usize = 5_000;

/// How many candidacies a queue page lists.
pub const QUEUE_PAGE: i64 = 50;

/// The program's review settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewSettings {
    pub blind: bool,
    pub aggregation: ScoreAggregation,
    pub quorum: u32,
    pub regions: bool,
}

pub async fn settings(ctx: &Ctx) -> Result<ReviewSettings, OpError> {
    let settings = program::settings(&ctx.db).await?.ok_or(OpError::new(ErrorCode::NotSetUp))?;
    Ok(ReviewSettings {
        blind: settings.blind_review,
        aggregation: settings.score_aggregation.parse().unwrap_or(ScoreAggregation::Median),
        quorum: u32::try_from(settings.review_quorum.max(1)).unwrap_or(1),
        regions: settings.reviewer_regions_enabled,
    })
}

/// Everything that limits what `account` sees in review.
pub async fn viewer(
    ctx: &Ctx,
    account: &AccountView,
    settings: &ReviewSettings,
) -> Result<Viewer, OpError> {
    let scopes = if account.roles.admin {
        None
    } else {
        Some(reviews::scopes(&ctx.db, account.account_id).await?)
    };
    let employer = reviews::employer(&ctx.db, account.person_id).await?;
    Ok(Viewer {
        account_id: account.account_id,
        person_id: account.person_id,
        scopes,
        regions: settings.regions,
        employer_key: employer_key(employer.as_deref()),
        ties: reviews::ties(&ctx.db, account.account_id, account.person_id).await?,
    })
}

/// A candidacy in the queue. `name` is None under blind review.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    pub id: i64,
    pub name: Option<String>,
    pub country: Option<String>,
    pub category_name: String,
    pub cycle_name: String,
    pub round: i64,
    pub standing_total: Option<i64>,
    pub threshold: Option<i64>,
    pub my_vote: Option<Vote>,
    pub votes: i64,
}

impl QueueItem {
    pub fn meets_threshold(&self) -> Option<bool> {
        Some(self.standing_total? >= self.threshold?)
    }
}

/// A page of the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Queue {
    pub items: Vec<QueueItem>,
    pub blind: bool,
    pub quorum: u32,
    /// The id to continue after, when there are more.
    pub more_after: Option<i64>,
}

fn item(row: reviews::QueueRow, blind: bool) -> QueueItem {
    QueueItem {
        id: row.id,
        name: (!blind).then_some(row.display_name),
        country: row.country,
        category_name: row.category_name,
        cycle_name: row.cycle_name,
        round: row.review_round,
        standing_total: row.standing_total,
        threshold: row.standing_threshold,
        my_vote: row.my_vote.and_then(|v| v.parse().ok()),
        votes: row.votes,
    }
}

/// The candidacies in review that `account` may see, filtered, after `after` in id order.
pub async fn queue(
    ctx: &Ctx,
    account: &AccountView,
    filter: &QueueFilter,
    after: i64,
) -> Result<Queue, OpError> {
    let settings = settings(ctx).await?;
    let viewer = viewer(ctx, account, &settings).await?;
    let mut rows =
        reviews::queue(&ctx.db, &viewer, filter, Position::After(after, QUEUE_PAGE + 1)).await?;
    let more = rows.len() > usize::try_from(QUEUE_PAGE).unwrap_or(usize::MAX);
    rows.truncate(usize::try_from(QUEUE_PAGE).unwrap_or(usize::MAX));
    let more_after = if more { rows.last().map(|r| r.id) } else { None };
    Ok(Queue {
        items: rows.into_iter().map(|r| item(r, settings.blind)).collect(),
        blind: settings.blind,
        quorum: settings.quorum,
        more_after,
    })
}

/// Who the candidate is, when review is not blind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub person_id: i64,
    pub name: String,
    pub headline: String,
    /// The bio, rendered and sanitised.
    pub bio_html: String,
    pub employer: Option<String>,
    /// (label, url)
    pub links: Vec<(String, String)>,
    pub photo_version: Option<i64>,
}

/// A reviewer's own review of the open round.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnReview {
    pub vote: Option<Vote>,
    pub rationale: String,
    /// Criterion id → score.
    pub scores: BTreeMap<i64, i64>,
    pub submitted: bool,
}

/// One page with everything a reviewer weighs.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewView {
    pub subject: Subject,
    /// None under blind review.
    pub identity: Option<Identity>,
    /// What stands in for the name under blind review: "Candidate 1234".
    pub label: String,
    pub country: Option<String>,
    pub region: Option<String>,
    pub languages: String,
    pub areas: Vec<String>,
    pub blind: bool,
    pub standing: Option<StandingView>,
    /// What the rubric advises for the standing.
    pub advice: Vote,
    pub criteria: Vec<ReviewCriterion>,
    pub nominations: Vec<NominationReason>,
    pub endorsements: Vec<EndorsementWithHistory>,
    pub past_candidacies: Vec<PastCandidacy>,
    pub awards: Vec<PastAward>,
    /// Earlier rounds' decisions on this candidacy (a deferral's reasons).
    pub earlier_rounds: Vec<reviews::Decision>,
    pub own: OwnReview,
    /// Votes submitted in the open round, of the quorum needed.
    pub votes: usize,
    pub quorum: u32,
    /// Whether the reviewer can still vote (the candidacy is in review).
    pub open: bool,
    pub previous: Option<i64>,
    pub next: Option<i64>,
}

/// The candidacy as `viewer` may see it, or `not_found`: the same answer for a conflict, a
/// candidacy outside their scope and one that does not exist, so a URL tells nothing.
async fn visible_subject(
    ctx: &Ctx,
    viewer: &Viewer,
    candidacy_id: i64,
) -> Result<Subject, OpError> {
    let not_found = || OpError::new(ErrorCode::NotFound);
    let subject = reviews::subject(&ctx.db, candidacy_id).await?.ok_or_else(not_found)?;
    // Reviewers see what reached the committee: in review, or decided by it.
    let reviewed = ["in_review", "deferred", "awarded", "declined", "lapsed"];
    if !reviewed.contains(&subject.state.as_str())
        || !reviews::visible(&ctx.db, viewer, candidacy_id).await?
    {
        return Err(not_found());
    }
    Ok(subject)
}

/// The review page of one candidacy; `filter` keeps the queue's order for previous and next.
pub async fn page(
    ctx: &Ctx,
    account: &AccountView,
    candidacy_id: i64,
    filter: &QueueFilter,
    lang: Lang,
) -> Result<ReviewView, OpError> {
    let settings = settings(ctx).await?;
    let viewer = viewer(ctx, account, &settings).await?;
    let subject = visible_subject(ctx, &viewer, candidacy_id).await?;
    let profile = people::profile(&ctx.db, subject.person_id)
        .await?
        .ok_or(OpError::internal("a candidacy without its person"))?;
    let due = date_from_text(&subject.contributions_due_on)?;
    let computed = standing::of_candidacy(
        ctx, subject.cycle_id, subject.category_id, subject.person_id, due, lang,
    )
    .await?;
    let (standing, advised, criteria) = match computed {
        Some((view, computed, published)) => (
            Some(view),
            advice(computed.total, computed.threshold),
            rubrics::review_criteria(&ctx.db, published.rubric_version_id).await?,
        ),
        None => (None, Vote::Decline, Vec::new()),
    };
    let round = reviews::of_round(&ctx.db, candidacy_id, subject.review_round).await?;
    let votes = round.iter().filter(|r| r.submitted_at.is_some() && r.vote.is_some()).count();
    let own = match round.iter().find(|r| r.reviewer_account_id == account.account_id) {
        Some(mine) => {
            let scores = reviews::scores_of_round(&ctx.db, candidacy_id, subject.review_round)
                .await?
                .into_iter()
                .filter(|(review, _, _)| *review == mine.id)
                .map(|(_, criterion, score)| (criterion, score))
                .collect();
            OwnReview {
                vote: mine.vote.as_deref().and_then(|v| v.parse().ok()),
                rationale: mine.rationale.clone(),
                scores,
                submitted: mine.submitted_at.is_some(),
            }
        }
        None => OwnReview::default(),
    };
    let identity = (!settings.blind).then(|| Identity {
        person_id: profile.id,
        name: profile.display_name.clone(),
        headline: profile.headline.clone(),
        bio_html: crate::markdown::render(&profile.bio),
        employer: profile.employer.clone(),
        links: profile
            .links
            .lines()
            .filter_map(|line| {
                let (label, url) = line.split_once('\t').unwrap_or(("", line));
                let url = url.trim();
                (!url.is_empty()).then(|| (label.trim().to_owned(), url.to_owned()))
            })
            .collect(),
        photo_version: profile.photo_version,
    });
    let (previous, next) = neighbours(ctx, &viewer, filter, candidacy_id).await?;
    let mut decisions = reviews::decisions(&ctx.db, candidacy_id).await?;
    decisions.retain(|d| d.round < subject.review_round || subject.state != "in_review");
    Ok(ReviewView {
        label: lang.msg(&Msg::new("review-candidate-label").arg("number", candidacy_id)),
        country: profile.country.clone(),
        region: profile.region.clone(),
        languages: profile.languages.clone(),
        areas: profile.areas.clone(),
        blind: settings.blind,
        identity,
        standing,
        advice: advised,
        criteria,
        nominations: reviews::nominations(&ctx.db, candidacy_id).await?,
        endorsements: reviews::endorsements(&ctx.db, candidacy_id).await?,
        past_candidacies: reviews::past_candidacies(&ctx.db, subject.person_id, candidacy_id)
            .await?,
        awards: reviews::awards_of(&ctx.db, subject.person_id).await?,
        earlier_rounds: decisions,
        own,
        votes,
        quorum: settings.quorum,
        open: subject.state == "in_review",
        previous,
        next,
        subject,
    })
}

/// The candidacies before and after `id` in the viewer's filtered queue.
async fn neighbours(
    ctx: &Ctx,
    viewer: &Viewer,
    filter: &QueueFilter,
    id: i64,
) -> Result<(Option<i64>, Option<i64>), OpError> {
    let before = reviews::queue(&ctx.db, viewer, filter, Position::Before(id)).await?;
    let after = reviews::queue(&ctx.db, viewer, filter, Position::After(id, 1)).await?;
    Ok((before.first().map(|r| r.id), after.first().map(|r| r.id)))
}

/// A review as typed: a score per criterion (by criterion id), the vote, the rationale.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewInput {
    pub scores: HashMap<i64, String>,
    pub vote: String,
    pub rationale: String,
}

/// Submits (or revises) the reviewer's review of the open round: every criterion scored within
/// its range, a vote, and a rationale when the vote goes against the rubric's advice.
pub async fn submit(
    ctx: &Ctx,
    account: &AccountView,
    candidacy_id: i64,
    input: &ReviewInput,
) -> Result<(), OpError> {
    let settings = settings(ctx).await?;
    let viewer = viewer(ctx, account, &settings).await?;
    let subject = visible_subject(ctx, &viewer, candidacy_id).await?;
    if subject.state != "in_review" {
        return Err(OpError::new(ErrorCode::IllegalTransition)
            .arg("from", subject.state.clone())
            .arg("event", "review"));
    }
    let due = date_from_text(&subject.contributions_due_on)?;
    let Some((_, computed, published)) = standing::of_candidacy(
        ctx,
        subject.cycle_id,
        subject.category_id,
        subject.person_id,
        due,
        Lang::En,
    )
    .await?
    else {
        return Err(OpError::internal("the cycle pinned no rubric for the category"));
    };
    let criteria = rubrics::review_criteria(&ctx.db, published.rubric_version_id).await?;
    let advised = advice(computed.total, computed.threshold);

    let mut fields = Fields::new();
    let mut scores = Vec::with_capacity(criteria.len());
    for criterion in &criteria {
        let typed = input.scores.get(&criterion.id).map(|s| s.trim()).unwrap_or("");
        match typed.parse::<i64>() {
            Ok(score) if (0..=criterion.max_score).contains(&score) => {
                scores.push((criterion.id, score));
            }
            _ => fields.add(
                "scores",
                Msg::new("field-review-score")
                    .arg("criterion", criterion.name.clone())
                    .arg("max", criterion.max_score),
            ),
        }
    }
    let vote = fields.check(
        "vote",
        input.vote.trim().parse::<Vote>().map_err(|_| Msg::new("field-review-vote")),
    );
    let rationale = input.rationale.trim();
    if rationale.chars().count() > RATIONALE_MAX {
        fields.add("rationale", Msg::new("field-text-too-long").arg("max", RATIONALE_MAX));
    } else if let Some(vote) = vote
        && rationale.is_empty()
        && vote_needs_rationale(vote, advised)
    {
        fields.add(
            "rationale",
            Msg::new("field-review-rationale-required").arg("advice", advised.as_str()),
        );
    }
    fields.finish()?;
    let Some(vote) = vote else { return Err(OpError::internal("a vote passed unchecked")) };

    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    // Decided meanwhile (or moved to another round): the vote would count for nothing.
    let current = plaudit_store::candidacies::by_id_for_update(&mut tx, candidacy_id)
        .await?
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    if current.state != "in_review" {
        return Err(OpError::new(ErrorCode::IllegalTransition)
            .arg("from", current.state)
            .arg("event", "review"));
    }
    let write = reviews::ReviewWrite {
        candidacy_id,
        round: subject.review_round,
        reviewer_account_id: account.account_id,
        vote: vote.as_str(),
        rationale,
        scores: &scores,
    };
    reviews::save(&mut tx, &write, now).await?;
    let detail = format!("round {}: {}", subject.review_round, vote.as_str());
    record(
        &mut tx,
        Some(account.account_id),
        AuditAction::ReviewSubmitted,
        ("candidacy", candidacy_id),
        &detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The longest reason a reviewer gives for recusing themselves.
pub const RECUSAL_REASON_MAX: usize = 1_000;

/// Declares a conflict: the candidacy leaves the reviewer's queue for good, and their vote in
/// the open round, if any, is taken back.
pub async fn recuse(
    ctx: &Ctx,
    account: &AccountView,
    candidacy_id: i64,
    reason: &str,
) -> Result<(), OpError> {
    let settings = settings(ctx).await?;
    let viewer = viewer(ctx, account, &settings).await?;
    let subject = visible_subject(ctx, &viewer, candidacy_id).await?;
    let reason = reason.trim();
    if reason.chars().count() > RECUSAL_REASON_MAX {
        return Err(super::error::invalid(
            "reason",
            Msg::new("field-text-too-long").arg("max", RECUSAL_REASON_MAX),
        ));
    }
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    reviews::recuse(&mut tx, subject.id, account.account_id, reason, now).await?;
    record(
        &mut tx,
        Some(account.account_id),
        AuditAction::ReviewRecused,
        ("candidacy", subject.id),
        reason,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The weights and maxima of `criteria`, with each criterion's scores from `scores`
/// ((review, criterion, score) rows), for `plaudit_domain::review::weighted_score`.
pub(crate) fn criterion_scores(
    criteria: &[ReviewCriterion],
    scores: &[(i64, i64, i64)],
    counted_reviews: &[i64],
) -> (Vec<ScoredCriterion>, Vec<Vec<u32>>) {
    let weights = criteria
        .iter()
        .map(|c| ScoredCriterion {
            weight: u32::try_from(c.weight.max(0)).unwrap_or(0),
            max_score: u32::try_from(c.max_score.max(0)).unwrap_or(0),
        })
        .collect();
    let by_criterion = criteria
        .iter()
        .map(|c| {
            scores
                .iter()
                .filter(|(review, criterion, _)| {
                    *criterion == c.id && counted_reviews.contains(review)
                })
                .map(|(_, _, score)| u32::try_from((*score).max(0)).unwrap_or(0))
                .collect()
        })
        .collect();
    (weights, by_criterion)
}

/// The submitted votes of a round's reviews.
pub(crate) fn tally(reviews: &[reviews::Review]) -> Tally {
    Tally::of(
        reviews
            .iter()
            .filter(|r| r.submitted_at.is_some())
            .filter_map(|r| r.vote.as_deref()?.parse::<Vote>().ok()),
    )
}
/// A country filter for the queue: two letters (ISO 3166-1 alpha-2), in either case; None for
/// anything else, which no candidate's country could match.
pub fn country_filter(typed: &str) -> Option<String> {
    (typed.len() == 2 && typed.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| typed.to_ascii_uppercase())
}
