//! A candidate's own candidacies: what they see, submitting before the deadline, withdrawing.
//! Every change of state goes through the domain's state machine ([`apply`]) and the audit log.

use jiff::Timestamp;
use jiff::civil::Date;
use plaudit_domain::candidacy::{CandidacyEvent, CandidacyState};
use plaudit_store::Tx;
use plaudit_store::candidacies::{self, CandidacyRow, OwnCandidacy, Stamp, Transition};
use plaudit_store::cycles;
use plaudit_store::timestamp::date_from_text;

use super::Ctx;
use super::accounts::AccountView;
use super::audit::{AuditAction, record};
use super::error::{ErrorCode, OpError};

/// Applies `event` to the candidacy by the domain's rules, or refuses with
/// `illegal_transition` (naming the state and the event) and writes nothing.
pub(crate) async fn apply(
    tx: &mut Tx,
    candidacy: &CandidacyRow,
    event: CandidacyEvent,
    actor: Option<i64>,
    stamp: Stamp,
    now: Timestamp,
) -> Result<(), OpError> {
    let from: CandidacyState = candidacy.state.parse().map_err(OpError::internal)?;
    let to = from.apply(event).map_err(|refused| illegal(refused.from, refused.event))?;
    let change = Transition {
        candidacy_id: candidacy.id,
        from: Some(from.as_str()),
        to: to.as_str(),
        event: event.as_str(),
        actor_account_id: actor,
        stamp,
    };
    if candidacies::transition(tx, &change, now).await? {
        Ok(())
    } else {
        // Someone else moved it first; the state they left is the one to explain.
        Err(illegal(from, event))
    }
}

fn illegal(from: CandidacyState, event: CandidacyEvent) -> OpError {
    OpError::new(ErrorCode::IllegalTransition)
        .arg("from", from.as_str())
        .arg("event", event.as_str())
}

/// One of the candidate's candidacies with what they can do with it today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidacyView {
    pub id: i64,
    pub state: CandidacyState,
    pub category_id: i64,
    pub category_slug: String,
    pub category_name: String,
    pub cycle_name: String,
    pub award_year: i64,
    pub contributions_due: Date,
    pub can_submit: bool,
    pub can_withdraw: bool,
    /// Past the deadline: profile and contributions for it are read-only.
    pub past_deadline: bool,
}

fn view(row: OwnCandidacy, today: Date) -> Result<CandidacyView, OpError> {
    let state: CandidacyState = row.state.parse().map_err(OpError::internal)?;
    let contributions_due = date_from_text(&row.contributions_due_on)?;
    let past_deadline = today > contributions_due;
    Ok(CandidacyView {
        id: row.id,
        state,
        category_id: row.category_id,
        category_slug: row.category_slug,
        category_name: row.category_name,
        cycle_name: row.cycle_name,
        award_year: row.award_year,
        contributions_due,
        can_submit: !past_deadline && state.apply(CandidacyEvent::Submit).is_ok(),
        can_withdraw: state.apply(CandidacyEvent::Withdraw).is_ok(),
        past_deadline,
    })
}

/// The person's candidacies, newest cycle first.
pub async fn own(ctx: &Ctx, account: &AccountView) -> Result<Vec<CandidacyView>, OpError> {
    let today = ctx.today().await?;
    candidacies::of_person(&ctx.db, account.person_id)
        .await?
        .into_iter()
        .map(|row| view(row, today))
        .collect()
}

/// One of the person's own candidacies; `not_found` for anyone else's.
pub async fn own_one(
    ctx: &Ctx,
    account: &AccountView,
    candidacy_id: i64,
) -> Result<CandidacyView, OpError> {
    own(ctx, account)
        .await?
        .into_iter()
        .find(|c| c.id == candidacy_id)
        .ok_or(OpError::new(ErrorCode::NotFound))
}

/// Submits the candidacy for review, before the end of the cycle's due date in the program's
/// time zone.
pub async fn submit(ctx: &Ctx, account: &AccountView, candidacy_id: i64) -> Result<(), OpError> {
    change(ctx, account, candidacy_id, CandidacyEvent::Submit).await
}

/// Withdraws the candidacy; possible in any state that is not final.
pub async fn withdraw(ctx: &Ctx, account: &AccountView, candidacy_id: i64) -> Result<(), OpError> {
    change(ctx, account, candidacy_id, CandidacyEvent::Withdraw).await
}

async fn change(
    ctx: &Ctx,
    account: &AccountView,
    candidacy_id: i64,
    event: CandidacyEvent,
) -> Result<(), OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let candidacy = candidacies::by_id_for_update(&mut tx, candidacy_id)
        .await?
        .filter(|c| c.person_id == account.person_id)
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    if event == CandidacyEvent::Submit {
        let cycle = cycles::by_id(&ctx.db, candidacy.cycle_id)
            .await?
            .ok_or(OpError::internal("a candidacy without its cycle"))?;
        let tz = ctx.time_zone().await?;
        if !tz.is_on_or_before(now, cycle.contributions_due) {
            return Err(OpError::new(ErrorCode::DeadlinePassed)
                .arg("due", cycle.contributions_due.to_string()));
        }
    }
    let (stamp, action) = match event {
        CandidacyEvent::Submit => (Stamp::Submitted, AuditAction::CandidacySubmitted),
        _ => (Stamp::None, AuditAction::CandidacyWithdrawn),
    };
    apply(&mut tx, &candidacy, event, Some(account.account_id), stamp, now).await?;
    record(&mut tx, Some(account.account_id), action, ("candidacy", candidacy_id), "", now).await?;
    tx.commit().await?;
    Ok(())
}
