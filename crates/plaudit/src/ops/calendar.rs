//! The program's calendar at work, run hourly by a job: renewals open with their cycle (see
//! `renewals`); a cycle's submitted candidacies go to review on its review date; on its announcement date every decided candidate is told (a
//! letter in their language, by mail and on their candidacy's page), awards are given, and
//! what no decision reached lapses, so nobody is left without an answer.
//!
//! Each step is done once however many servers run it: a cycle is announced in the
//! transaction that sets its `announced_at` first, and every letter is written in the
//! transaction that marks its decision told.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use plaudit_domain::candidacy::CandidacyEvent;
use plaudit_domain::cycle::{AwardTerm, DateRange};
use plaudit_domain::kinds::Vote;
use plaudit_domain::parse::AwardYear;
use plaudit_store::awards::{self, NewAward};
use plaudit_store::candidacies::{self, Stamp};
use plaudit_store::cycles::{self, Cycle};
use plaudit_store::timestamp::date_from_text;
use plaudit_store::{Tx, accounts, program, reviews};

use super::audit::{AuditAction, record};
use super::candidacies::apply;
use super::error::OpError;
use super::{Ctx, enqueue_mail, renewals};
use crate::crypto::tokens::random_token;
use crate::i18n::{Lang, Msg};
use crate::mail::Notice;

/// What one run of the calendar did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarReport {
    pub renewals_opened: usize,
    pub reviews_started: usize,
    pub cycles_announced: usize,
    pub letters: usize,
    pub awards: usize,
    pub lapsed: usize,
    pub reminders: usize,
    pub terms_ended: usize,
}

impl fmt::Display for CalendarReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} renewal candidacies opened; {} candidacies went to review; {} cycles announced \
             with {} letters and {} awards; {} candidacies lapsed; {} renewal reminders sent; \
             {} terms ended",
            self.renewals_opened,
            self.reviews_started,
            self.cycles_announced,
            self.letters,
            self.awards,
            self.lapsed,
            self.reminders,
            self.terms_ended
        )
    }
}

/// Does what the calendar says is due today, in the program's time zone.
pub async fn run(ctx: &Ctx) -> Result<CalendarReport, OpError> {
    let today = ctx.today().await?;
    let mut report = CalendarReport::default();
    for cycle in cycles::open_for_renewals(&ctx.db, today).await? {
        report.renewals_opened += renewals::open_candidacies(ctx, &cycle).await?;
    }
    for cycle in cycles::in_review(&ctx.db, today).await? {
        report.reviews_started += start_review(ctx, &cycle).await?;
    }
    for cycle in cycles::due_for_announcement(&ctx.db, today).await? {
        announce(ctx, &cycle, today, &mut report).await?;
    }
    report.reminders = renewals::remind(ctx, today).await?;
    report.terms_ended = renewals::end_terms(ctx, today).await?;
    Ok(report)
}

/// Sends the cycle's submitted candidacies to review.
async fn start_review(ctx: &Ctx, cycle: &Cycle) -> Result<usize, OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    // Renewals need no application: they go to the committee as they stand.
    renewals::submit_due(ctx, &mut tx, cycle).await?;
    let submitted = reviews::submitted(&mut tx, cycle.id).await?;
    for &id in &submitted {
        let Some(candidacy) = candidacies::by_id_for_update(&mut tx, id).await? else { continue };
        // Another server moved it first.
        if candidacy.state != "submitted" {
            continue;
        }
        apply(&mut tx, &candidacy, CandidacyEvent::StartReview, None, Stamp::None, now).await?;
        // Reviewers filter by standing from the first day: measure it now, not at night.
        super::standing::recompute_person(ctx, &mut tx, candidacy.person_id).await?;
    }
    if !submitted.is_empty() {
        let detail = format!("{} submitted candidacies went to review", submitted.len());
        record(&mut tx, None, AuditAction::ReviewStarted, ("cycle", cycle.id), &detail, now)
            .await?;
    }
    tx.commit().await?;
    Ok(submitted.len())
}

/// Announces a cycle: tells every untold decision, gives the awards, and lets lapse what no
/// decision reached. Nothing happens when another server announced it first.
async fn announce(
    ctx: &Ctx,
    cycle: &Cycle,
    today: Date,
    report: &mut CalendarReport,
) -> Result<(), OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if !cycles::mark_announced(&mut tx, cycle.id, now).await? {
        return Ok(());
    }
    for untold in reviews::untold(&mut tx, cycle.id).await? {
        let told = tell(ctx, &mut tx, untold.decision_id, untold.candidacy_id, now).await?;
        report.letters += usize::from(told.letter);
        report.awards += usize::from(told.award);
    }
    for (id, state) in reviews::unfinished(&mut tx, cycle.id).await? {
        let Some(candidacy) = candidacies::by_id_for_update(&mut tx, id).await? else { continue };
        apply(&mut tx, &candidacy, CandidacyEvent::Lapse, None, Stamp::Decided, now).await?;
        record(&mut tx, None, AuditAction::CandidacyLapsed, ("candidacy", id), &state, now).await?;
        report.lapsed += 1;
        // Someone who never accepted the nomination was never a candidate; the others are told.
        if state == "accepted" || state == "deferred" {
            let reason = if state == "deferred" {
                Msg::new("mail-lapsed-deferred")
            } else {
                Msg::new("mail-lapsed-not-submitted")
            };
            report.letters += usize::from(
                lapse_letter(ctx, &mut tx, candidacy.person_id, id, reason, now).await?,
            );
        }
    }
    let detail = format!("announced on {today}");
    record(&mut tx, None, AuditAction::CycleAnnounced, ("cycle", cycle.id), &detail, now).await?;
    tx.commit().await?;
    report.cycles_announced += 1;
    Ok(())
}

/// What telling one decision did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Told {
    pub letter: bool,
    pub award: bool,
}

/// Tells the candidate a final decision (award or decline): gives the award, writes the letter
/// in their language, and marks the decision told, all in `tx`.
pub(crate) async fn tell(
    ctx: &Ctx,
    tx: &mut Tx,
    decision_id: i64,
    candidacy_id: i64,
    now: Timestamp,
) -> Result<Told, OpError> {
    let decision = reviews::decision_in(tx, decision_id)
        .await?
        .ok_or(OpError::internal("a decision to tell that is not there"))?;
    let subject = reviews::subject(&ctx.db, candidacy_id)
        .await?
        .ok_or(OpError::internal("a decision without its candidacy"))?;
    let outcome: Vote = decision.outcome.parse().map_err(OpError::internal)?;
    let mut told = Told::default();
    let mut term = None;
    if outcome == Vote::Award {
        let announced = date_from_text(&subject.announcement_on)?;
        let today = ctx.time_zone().await?.local_date(now);
        let calendar = renewals::award_calendar(ctx).await?;
        let given = match subject.renewal_of_award_id {
            Some(previous) => match awards::by_id(&ctx.db, previous).await? {
                Some(previous) => calendar.renewal_of(&AwardTerm {
                    year: AwardYear::saturating(i32::try_from(previous.award_year).unwrap_or(0)),
                    term: DateRange {
                        start: date_from_text(&previous.starts_on)?,
                        end: date_from_text(&previous.ends_on)?,
                    },
                }),
                None => calendar.new_award(announced.max(today)),
            },
            // A decision made after the announcement starts its award on the day it is told.
            None => calendar.new_award(announced.max(today)),
        };
        let credential = random_token();
        let award = NewAward {
            person_id: subject.person_id,
            category_id: subject.category_id,
            award_year: i64::from(given.year.get()),
            candidacy_id: Some(candidacy_id),
            renewal_of_award_id: subject.renewal_of_award_id,
            starts_on: given.term.start,
            ends_on: given.term.end,
            credential_id: &credential,
        };
        if let Some(award_id) = awards::insert(tx, &award, now).await? {
            let detail = format!(
                "{} award {}, {} to {}",
                subject.category_slug,
                given.year.get(),
                given.term.start,
                given.term.end
            );
            record(tx, None, AuditAction::AwardGiven, ("award", award_id), &detail, now).await?;
            super::directory::refresh(ctx, tx, &[subject.person_id], now).await?;
            told.award = true;
        }
        term = Some(given.term);
    }
    reviews::mark_told(tx, decision_id, now).await?;
    let Some((email, language)) = accounts::contact(tx, subject.person_id).await? else {
        return Ok(told);
    };
    let lang = language.as_deref().and_then(Lang::parse).unwrap_or_default();
    let shared = program::preferences(&ctx.db).await?.unwrap_or_default().share_rationale;
    let mut notice = Notice::new(
        "decision_letter",
        Msg::new("mail-decision-subject").arg("category", subject.category_name.clone()),
    )
    .paragraph(
        Msg::new("mail-decision-outcome")
            .arg("outcome", outcome.as_str())
            .arg("category", subject.category_name.clone())
            .arg("cycle", subject.cycle_name.clone()),
    )
    .paragraph(
        Msg::new("mail-decision-standing")
            .arg("total", decision.standing_total)
            .arg("threshold", decision.threshold),
    );
    if shared && !decision.rationale.trim().is_empty() {
        notice = notice.paragraph(
            Msg::new("mail-decision-rationale").arg("rationale", decision.rationale.clone()),
        );
    }
    if let Some(term) = term {
        notice = notice.paragraph(
            Msg::new("mail-decision-welcome")
                .arg("start", lang.date(term.start))
                .arg("end", lang.date(term.end)),
        );
    }
    notice = notice.link(
        Msg::new("mail-decision-button"),
        ctx.link(&format!("/candidacies/{candidacy_id}/decision")),
    );
    enqueue_mail(ctx, tx, &notice, lang, &email, now).await?;
    told.letter = true;
    Ok(told)
}

/// Tells a candidate their candidacy lapsed, and why; false when they have no account.
async fn lapse_letter(
    ctx: &Ctx,
    tx: &mut Tx,
    person_id: i64,
    candidacy_id: i64,
    reason: Msg,
    now: Timestamp,
) -> Result<bool, OpError> {
    let Some((email, language)) = accounts::contact(tx, person_id).await? else {
        return Ok(false);
    };
    let lang = language.as_deref().and_then(Lang::parse).unwrap_or_default();
    let notice = Notice::new("candidacy_lapsed", Msg::new("mail-lapsed-subject"))
        .paragraph(reason)
        .paragraph(Msg::new("mail-lapsed-again"))
        .link(
            Msg::new("mail-decision-button"),
            ctx.link(&format!("/candidacies/{candidacy_id}/decision")),
        );
    enqueue_mail(ctx, tx, &notice, lang, &email, now).await?;
    Ok(true)
}
