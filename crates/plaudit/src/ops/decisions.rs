//! Finalizing: an admin turns a round's votes into the committee's decision, one candidacy at
//! a time or a batch that follows the majority; deferred candidacies go to the next round.
//!
//! A decision records what it was made on — the standing against the cycle's pinned rubric,
//! the votes, the aggregated score, the rubric version — so a later rubric changes nothing
//! about it, and it says where it departs from the reviewers' majority or the rubric's advice,
//! with the admin's reason.

use std::collections::HashMap;

use plaudit_domain::candidacy::CandidacyEvent;
use plaudit_domain::kinds::Vote;
use plaudit_domain::review::{Departure, Tally, advice, departure, weighted_score};
use plaudit_store::candidacies::{self, Stamp};
use plaudit_store::reviews::{self, DecisionWrite, Subject};
use plaudit_store::rubrics;
use plaudit_store::timestamp::date_from_text;
use plaudit_store::{Tx, cycles};

use super::Ctx;
use super::accounts::AccountView;
use super::audit::{AuditAction, record};
use super::candidacies::apply;
use super::error::{ErrorCode, Fields, OpError};
use super::review::{criterion_scores, settings, tally};
use crate::i18n::{Lang, Msg};

/// The longest rationale a decision carries.
pub const RATIONALE_MAX: usize = 5_000;

/// A candidacy of the cycle before the committee, with where its round stands.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingView {
    pub id: i64,
    pub name: String,
    pub category_name: String,
    pub state: String,
    pub round: i64,
    pub standing_total: Option<i64>,
    pub threshold: Option<i64>,
    pub tally: Tally,
    pub quorum_met: bool,
    pub majority: Option<Vote>,
    /// The rubric's advice, when the standing is known.
    pub advice: Option<Vote>,
    /// Whether a batch finalize takes it: quorum met, a majority, and the majority is what the
    /// rubric advises or a deferral.
    pub follows_majority: bool,
}

/// What a cycle's decisions page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct CycleDecisions {
    pub cycle: cycles::Cycle,
    pub quorum: u32,
    pub pending: Vec<PendingView>,
    pub deferred: usize,
}

/// The cycle's candidacies before the committee, with their tallies.
pub async fn of_cycle(ctx: &Ctx, cycle_id: i64) -> Result<CycleDecisions, OpError> {
    let settings = settings(ctx).await?;
    let cycle = cycles::by_id(&ctx.db, cycle_id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let mut votes: HashMap<i64, Vec<Vote>> = HashMap::new();
    for (candidacy, vote) in reviews::open_votes_of_cycle(&ctx.db, cycle_id).await? {
        if let Ok(vote) = vote.parse() {
            votes.entry(candidacy).or_default().push(vote);
        }
    }
    let pending: Vec<PendingView> = reviews::pending(&ctx.db, cycle_id)
        .await?
        .into_iter()
        .map(|row| {
            let tally = Tally::of(votes.remove(&row.id).unwrap_or_default());
            let advised = match (row.standing_total, row.standing_threshold) {
                (Some(total), Some(threshold)) => Some(advice(
                    u32::try_from(total.max(0)).unwrap_or(u32::MAX),
                    u32::try_from(threshold.max(0)).unwrap_or(u32::MAX),
                )),
                _ => None,
            };
            let majority = tally.majority();
            let quorum_met = tally.meets_quorum(settings.quorum);
            let follows_majority = row.state == "in_review"
                && quorum_met
                && majority.is_some_and(|m| {
                    advised.is_some_and(|a| !departure(m, &tally, a).needs_rationale())
                });
            PendingView {
                id: row.id,
                name: row.display_name,
                category_name: row.category_name,
                state: row.state,
                round: row.review_round,
                standing_total: row.standing_total,
                threshold: row.standing_threshold,
                tally,
                quorum_met,
                majority,
                advice: advised,
                follows_majority,
            }
        })
        .collect();
    let deferred = pending.iter().filter(|p| p.state == "deferred").count();
    Ok(CycleDecisions { cycle, quorum: settings.quorum, pending, deferred })
}

/// Everything a decision is made on, read before the write transaction.
struct Basis {
    subject: Subject,
    tally: Tally,
    advice: Vote,
    total: u32,
    threshold: u32,
    rubric_version_id: i64,
    aggregated_score: Option<f64>,
}

async fn basis(ctx: &Ctx, candidacy_id: i64) -> Result<Basis, OpError> {
    let settings = settings(ctx).await?;
    let subject =
        reviews::subject(&ctx.db, candidacy_id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    if subject.state != "in_review" {
        return Err(OpError::new(ErrorCode::IllegalTransition)
            .arg("from", subject.state.clone())
            .arg("event", "finalize"));
    }
    let round = reviews::of_round(&ctx.db, candidacy_id, subject.review_round).await?;
    let tally = tally(&round);
    if !tally.meets_quorum(settings.quorum) {
        return Err(OpError::new(ErrorCode::QuorumNotMet)
            .arg("votes", i64::from(tally.total()))
            .arg("quorum", i64::from(settings.quorum)));
    }
    let due = date_from_text(&subject.contributions_due_on)?;
    let Some((_, computed, published)) = super::standing::of_candidacy(
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
    let scores = reviews::scores_of_round(&ctx.db, candidacy_id, subject.review_round).await?;
    let counted: Vec<i64> = round
        .iter()
        .filter(|r| r.submitted_at.is_some() && r.vote.is_some())
        .map(|r| r.id)
        .collect();
    let (weights, by_criterion) = criterion_scores(&criteria, &scores, &counted);
    Ok(Basis {
        tally,
        advice: advice(computed.total, computed.threshold),
        total: computed.total,
        threshold: computed.threshold,
        rubric_version_id: published.rubric_version_id,
        aggregated_score: weighted_score(&weights, &by_criterion, settings.aggregation),
        subject,
    })
}

/// Finalizes the open round's decision on a candidacy. Needs the quorum of votes, and a
/// rationale when `outcome` departs from the reviewers' majority or the rubric's advice.
pub async fn finalize(
    ctx: &Ctx,
    admin: &AccountView,
    candidacy_id: i64,
    outcome: &str,
    rationale: &str,
) -> Result<Vote, OpError> {
    let basis = basis(ctx, candidacy_id).await?;
    let mut fields = Fields::new();
    let outcome = fields.check(
        "outcome",
        outcome.trim().parse::<Vote>().map_err(|_| Msg::new("field-review-vote")),
    );
    let rationale = rationale.trim();
    let departs = outcome.map(|o| departure(o, &basis.tally, basis.advice));
    if rationale.chars().count() > RATIONALE_MAX {
        fields.add("rationale", Msg::new("field-text-too-long").arg("max", RATIONALE_MAX));
    } else if rationale.is_empty() && departs.is_some_and(|d| d.needs_rationale()) {
        fields.add("rationale", Msg::new("field-decision-rationale-required"));
    }
    fields.finish()?;
    let (Some(outcome), Some(departs)) = (outcome, departs) else {
        return Err(OpError::internal("an outcome passed unchecked"));
    };
    let mut tx = ctx.db.begin_write().await?;
    write(ctx, &mut tx, admin, &basis, outcome, departs, rationale).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// Writes the decision, moves the candidacy, records it, and — when the cycle was announced
/// already — tells the candidate at once.
async fn write(
    ctx: &Ctx,
    tx: &mut Tx,
    admin: &AccountView,
    basis: &Basis,
    outcome: Vote,
    departs: Departure,
    rationale: &str,
) -> Result<(), OpError> {
    let now = ctx.now();
    let candidacy = candidacies::by_id_for_update(tx, basis.subject.id)
        .await?
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    let event = match outcome {
        Vote::Award => CandidacyEvent::Award,
        Vote::Decline => CandidacyEvent::Decline,
        Vote::Defer => CandidacyEvent::Defer,
    };
    apply(tx, &candidacy, event, Some(admin.account_id), Stamp::Decided, now).await?;
    let decision = DecisionWrite {
        candidacy_id: basis.subject.id,
        round: basis.subject.review_round,
        outcome: outcome.as_str(),
        rationale,
        departs_from_rubric: departs.from_rubric,
        departs_from_majority: departs.from_majority,
        standing_total: i64::from(basis.total),
        threshold: i64::from(basis.threshold),
        rubric_version_id: basis.rubric_version_id,
        aggregated_score: basis.aggregated_score,
        votes: (
            i64::from(basis.tally.award),
            i64::from(basis.tally.decline),
            i64::from(basis.tally.defer),
        ),
        finalized_by: Some(admin.account_id),
        announced_at: None,
    };
    let decision_id = match reviews::insert_decision(tx, &decision, now).await {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            return Err(OpError::new(ErrorCode::IllegalTransition)
                .arg("from", candidacy.state.clone())
                .arg("event", "finalize"));
        }
        Err(e) => return Err(e.into()),
    };
    let mut detail = format!(
        "round {}: {} ({} of {} points; votes {}/{}/{})",
        basis.subject.review_round,
        outcome.as_str(),
        basis.total,
        basis.threshold,
        basis.tally.award,
        basis.tally.decline,
        basis.tally.defer
    );
    if departs.from_majority {
        detail.push_str("; departs from the majority");
    }
    if departs.from_rubric {
        detail.push_str("; departs from the rubric");
    }
    record(
        tx,
        Some(admin.account_id),
        AuditAction::DecisionFinalized,
        ("candidacy", basis.subject.id),
        &detail,
        now,
    )
    .await?;
    let cycle = cycles::by_id(&ctx.db, basis.subject.cycle_id)
        .await?
        .ok_or(OpError::internal("a candidacy without its cycle"))?;
    if cycle.announced_at.is_some() && outcome != Vote::Defer {
        super::calendar::tell(ctx, tx, decision_id, basis.subject.id, now).await?;
    }
    Ok(())
}

/// What a batch finalize did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchReport {
    pub finalized: usize,
    /// Candidacies left for a decision one by one (no quorum, no majority, or a majority that
    /// departs from the rubric and so needs a rationale).
    pub skipped: usize,
}

/// Finalizes each of `candidacy_ids` as its reviewers' majority voted, where that needs no
/// rationale; the rest are left for the admin to decide one by one.
pub async fn finalize_as_majority(
    ctx: &Ctx,
    admin: &AccountView,
    candidacy_ids: &[i64],
) -> Result<BatchReport, OpError> {
    let mut report = BatchReport::default();
    for &id in candidacy_ids {
        let basis = match basis(ctx, id).await {
            Ok(basis) => basis,
            Err(e) if e.code == ErrorCode::Internal => return Err(e),
            Err(_) => {
                report.skipped += 1;
                continue;
            }
        };
        let Some(majority) = basis.tally.majority() else {
            report.skipped += 1;
            continue;
        };
        let departs = departure(majority, &basis.tally, basis.advice);
        if departs.needs_rationale() {
            report.skipped += 1;
            continue;
        }
        let mut tx = ctx.db.begin_write().await?;
        match write(ctx, &mut tx, admin, &basis, majority, departs, "").await {
            Ok(()) => {
                tx.commit().await?;
                report.finalized += 1;
            }
            Err(e) if e.code == ErrorCode::Internal => return Err(e),
            Err(_) => report.skipped += 1,
        }
    }
    Ok(report)
}

/// Takes the cycle's deferred candidacies into the next review round: they are reviewed
/// afresh, and the earlier rounds' reviews and decisions stay as they were. Returns how many.
pub async fn start_next_round(
    ctx: &Ctx,
    admin: &AccountView,
    cycle_id: i64,
) -> Result<usize, OpError> {
    let cycle = cycles::by_id(&ctx.db, cycle_id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    if cycle.announced_at.is_some() {
        return Err(
            OpError::new(ErrorCode::DeadlinePassed).arg("due", cycle.announcement.to_string())
        );
    }
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let deferred = reviews::deferred(&mut tx, cycle_id).await?;
    for &id in &deferred {
        let Some(candidacy) = candidacies::by_id_for_update(&mut tx, id).await? else { continue };
        apply(
            &mut tx,
            &candidacy,
            CandidacyEvent::StartReview,
            Some(admin.account_id),
            Stamp::NextRound,
            now,
        )
        .await?;
    }
    if !deferred.is_empty() {
        let detail = format!("{} deferred candidacies back in review", deferred.len());
        record(
            &mut tx,
            Some(admin.account_id),
            AuditAction::ReviewRoundStarted,
            ("cycle", cycle_id),
            &detail,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(deferred.len())
}

/// The decision letter as the candidate reads it on their candidacy's page.
#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    pub candidacy_id: i64,
    pub category_name: String,
    pub category_slug: String,
    pub cycle_name: String,
    /// `awarded`, `declined` or `lapsed`.
    pub state: String,
    /// The deciding round's decision; None for a candidacy that lapsed undecided.
    pub decision: Option<reviews::Decision>,
    /// The standing the decision was made on, against its rubric version, with its breakdown.
    pub standing: Option<super::standing::StandingView>,
    /// The committee's words, where the program shares them.
    pub rationale: Option<String>,
    /// Earlier rounds' deferrals.
    pub earlier: Vec<reviews::Decision>,
    /// The award's term, when it led to one.
    pub award: Option<plaudit_store::awards::Award>,
}

/// The letter of one of the person's own candidacies, once it has been told; `not_found`
/// before, and for anyone else.
pub async fn letter(
    ctx: &Ctx,
    account: &AccountView,
    candidacy_id: i64,
    lang: Lang,
) -> Result<Letter, OpError> {
    let not_found = || OpError::new(ErrorCode::NotFound);
    let subject = reviews::subject(&ctx.db, candidacy_id).await?.ok_or_else(not_found)?;
    if subject.person_id != account.person_id {
        return Err(not_found());
    }
    let mut decisions = reviews::decisions(&ctx.db, candidacy_id).await?;
    let last = decisions.pop().filter(|d| d.announced_at.is_some());
    let told = match subject.state.as_str() {
        "awarded" | "declined" => last.is_some(),
        "lapsed" => true,
        _ => false,
    };
    if !told {
        return Err(not_found());
    }
    let (standing, rationale) = match &last {
        Some(decision) => {
            let version = decision.rubric_version_id.unwrap_or_default();
            let published = rubrics::by_ids(&ctx.db, &[version]).await?.into_iter().next();
            let due = date_from_text(&subject.contributions_due_on)?;
            let standing = match published {
                Some(published) => Some(
                    super::standing::against(ctx, subject.person_id, &published, due, lang)
                        .await?
                        .0,
                ),
                None => None,
            };
            let shared = plaudit_store::program::preferences(&ctx.db)
                .await?
                .unwrap_or_default()
                .share_rationale;
            let rationale = (shared && !decision.rationale.trim().is_empty())
                .then(|| decision.rationale.clone());
            (standing, rationale)
        }
        None => (None, None),
    };
    Ok(Letter {
        candidacy_id,
        category_name: subject.category_name.clone(),
        category_slug: subject.category_slug.clone(),
        cycle_name: subject.cycle_name.clone(),
        state: subject.state.clone(),
        award: plaudit_store::awards::of_candidacy(&ctx.db, candidacy_id).await?,
        earlier: decisions,
        decision: last,
        standing,
        rationale,
    })
}
