//! Endorsing a candidacy: current awardees (and, when the program allows it, any member) put
//! in a good word, one each, editable until the committee's review starts. Nobody endorses
//! themselves.

use jiff::civil::Date;
use plaudit_domain::candidacy::CandidacyState;
use plaudit_store::endorsements::{self, Endorsement, OwnEndorsement, Target};
use plaudit_store::program;
use plaudit_store::timestamp::date_from_text;

use super::Ctx;
use super::accounts::AccountView;
use super::audit::{AuditAction, record};
use super::error::{ErrorCode, Fields, OpError};
use crate::i18n::Msg;

/// The longest endorsement, in characters: a good word, not a letter.
pub const BODY_MAX: usize = 1_000;

/// What the endorsement page needs: the candidacy, and the endorser's own word if any.
#[derive(Debug, Clone)]
pub struct EndorsePage {
    pub target: Target,
    pub own: Option<OwnEndorsement>,
}

/// Whether the candidacy still takes endorsements on `today`: the candidate has accepted and
/// the committee has not started.
fn open_for_endorsements(target: &Target, today: Date) -> Result<bool, OpError> {
    let state: CandidacyState = target.state.parse().map_err(OpError::internal)?;
    let before_review = today < date_from_text(&target.review_start_on)?;
    Ok(matches!(state, CandidacyState::Accepted | CandidacyState::Submitted) && before_review)
}

/// Who may endorse: current awardees, and every member when the program says so. Anyone
/// else is told why, and sees nothing of the candidacy.
async fn check_endorser(ctx: &Ctx, endorser: &AccountView) -> Result<(), OpError> {
    if endorser.roles.awardee {
        return Ok(());
    }
    let members_may =
        program::settings(&ctx.db).await?.is_some_and(|s| s.member_endorsements_allowed);
    if members_may { Ok(()) } else { Err(OpError::new(ErrorCode::EndorsementNotAllowed)) }
}

async fn open_target(
    ctx: &Ctx,
    endorser: &AccountView,
    candidacy_id: i64,
) -> Result<Target, OpError> {
    let target = endorsements::target(&ctx.db, candidacy_id)
        .await?
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    check_endorser(ctx, endorser).await?;
    if target.person_id == endorser.person_id {
        return Err(OpError::new(ErrorCode::SelfEndorsement));
    }
    if !open_for_endorsements(&target, ctx.today().await?)? {
        return Err(OpError::new(ErrorCode::EndorsementsClosed));
    }
    Ok(target)
}

/// The endorsement page of a candidacy, for someone who may endorse it.
pub async fn page(
    ctx: &Ctx,
    endorser: &AccountView,
    candidacy_id: i64,
) -> Result<EndorsePage, OpError> {
    let target = open_target(ctx, endorser, candidacy_id).await?;
    let own = endorsements::own(&ctx.db, candidacy_id, endorser.person_id).await?;
    Ok(EndorsePage { target, own })
}

fn check_body(body: &str) -> Result<String, OpError> {
    let mut fields = Fields::new();
    let body = body.trim();
    if body.is_empty() {
        fields.add("body", Msg::new("field-endorsement-required"));
    } else if body.chars().count() > BODY_MAX {
        fields.add("body", Msg::new("field-text-too-long").arg("max", BODY_MAX));
    }
    fields.finish()?;
    Ok(body.to_owned())
}

/// What an endorser does with their word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Give it for the first time.
    Give,
    /// Change its text (or give it again after withdrawing).
    Edit,
    /// Take it back.
    Withdraw,
}

/// Gives, edits or withdraws the endorser's word, checking every rule before writing.
pub async fn change(
    ctx: &Ctx,
    endorser: &AccountView,
    candidacy_id: i64,
    change: Change,
    body: &str,
) -> Result<(), OpError> {
    let target = open_target(ctx, endorser, candidacy_id).await?;
    let body = if change == Change::Withdraw { String::new() } else { check_body(body)? };
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let existing = endorsements::own_in(&mut tx, candidacy_id, endorser.person_id).await?;
    let action = match (change, &existing) {
        (Change::Give, Some(_)) => return Err(OpError::new(ErrorCode::AlreadyEndorsed)),
        (Change::Give, None) => {
            match endorsements::insert(&mut tx, candidacy_id, endorser.person_id, &body, now).await
            {
                Ok(_) => {}
                Err(e) if e.is_unique_violation() => {
                    return Err(OpError::new(ErrorCode::AlreadyEndorsed));
                }
                Err(e) => return Err(e.into()),
            }
            AuditAction::EndorsementGiven
        }
        (_, None) => return Err(OpError::new(ErrorCode::NotFound)),
        (Change::Edit, Some(_)) => {
            endorsements::update(&mut tx, candidacy_id, endorser.person_id, &body, false, now)
                .await?;
            AuditAction::EndorsementEdited
        }
        (Change::Withdraw, Some(own)) => {
            endorsements::update(&mut tx, candidacy_id, endorser.person_id, &own.body, true, now)
                .await?;
            AuditAction::EndorsementWithdrawn
        }
    };
    let subject = ("candidacy", target.candidacy_id);
    record(&mut tx, Some(endorser.account_id), action, subject, "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// The standing endorsements of one of the person's own candidacies.
pub async fn of_own_candidacy(ctx: &Ctx, candidacy_id: i64) -> Result<Vec<Endorsement>, OpError> {
    Ok(endorsements::of_candidacy(&ctx.db, candidacy_id).await?)
}
