//! People who are one: importers suggest merges when two people share an identity (a GitHub
//! login, a Stack Exchange profile, a YouTube channel); an admin merges them, so contributions,
//! awards, candidacies and history follow the kept person, or dismisses the suggestion; and a
//! merge can be undone exactly. Each decision is in the audit log.

use plaudit_store::merges::{self as store, MergeRow, Refusal, SuggestionRow};
use plaudit_store::timestamp::to_micros;

use super::audit::{AuditAction, record};
use super::error::invalid;
use super::{Ctx, ErrorCode, OpError};
use crate::i18n::Msg;

/// How many suggestions and merges the admin page lists.
const LISTED: i64 = 100;

/// Why two people may be one when one proved an address the other is known by; the importers'
/// reasons are `same_` and the identity's kind.
pub const SAME_EMAIL: &str = "same_email";

/// The open suggestions and the latest merges.
#[derive(Debug, Clone)]
pub struct Overview {
    pub suggestions: Vec<SuggestionRow>,
    pub merges: Vec<MergeRow>,
}

pub async fn overview(ctx: &Ctx) -> Result<Overview, OpError> {
    Ok(Overview {
        suggestions: store::open_suggestions(&ctx.db, LISTED).await?,
        merges: store::recent(&ctx.db, LISTED).await?,
    })
}

/// Merges suggestion `suggestion_id`'s two people, keeping `kept` (one of them). Returns the
/// merge's id.
pub async fn merge(
    ctx: &Ctx,
    admin_account_id: i64,
    suggestion_id: i64,
    kept: i64,
) -> Result<i64, OpError> {
    let Some((a, b)) = store::suggestion(&ctx.db, suggestion_id).await? else {
        return Err(OpError::new(ErrorCode::NotFound));
    };
    let merged = match kept {
        k if k == a => b,
        k if k == b => a,
        _ => return Err(invalid("kept", Msg::new("field-merge-kept-invalid"))),
    };
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let (merge_id, moved) =
        match store::merge(&mut tx, kept, merged, Some(admin_account_id), to_micros(now)).await? {
            Ok(done) => done,
            Err(Refusal::NotFound | Refusal::Same) => {
                return Err(OpError::new(ErrorCode::NotFound));
            }
        };
    super::standing::recompute_person(ctx, &mut tx, kept).await?;
    super::standing::recompute_person(ctx, &mut tx, merged).await?;
    super::directory::refresh(ctx, &mut tx, &[kept, merged], now).await?;
    let detail = format!("kept={kept} merged={merged} moved={moved} suggestion={suggestion_id}");
    let subject = ("person", kept);
    record(&mut tx, Some(admin_account_id), AuditAction::PeopleMerged, subject, &detail, now)
        .await?;
    tx.commit().await?;
    Ok(merge_id)
}

/// Undoes merge `merge_id`: what it moved goes back, and the merged person is shown again.
pub async fn undo(ctx: &Ctx, admin_account_id: i64, merge_id: i64) -> Result<(), OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let Some((kept, merged)) = store::undo(&mut tx, merge_id, to_micros(now)).await? else {
        return Err(OpError::new(ErrorCode::NotFound));
    };
    super::standing::recompute_person(ctx, &mut tx, kept).await?;
    super::standing::recompute_person(ctx, &mut tx, merged).await?;
    super::directory::refresh(ctx, &mut tx, &[kept, merged], now).await?;
    let detail = format!("merge={merge_id} kept={kept} merged={merged}");
    let subject = ("person", merged);
    record(&mut tx, Some(admin_account_id), AuditAction::MergeUndone, subject, &detail, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Dismisses a suggestion: the two are different people, and are not suggested again.
pub async fn dismiss(ctx: &Ctx, admin_account_id: i64, suggestion_id: i64) -> Result<(), OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if !store::close_suggestion(&mut tx, suggestion_id, "dismissed").await? {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    let subject = ("person_merge_suggestion", suggestion_id);
    record(&mut tx, Some(admin_account_id), AuditAction::MergeDismissed, subject, "", now).await?;
    tx.commit().await?;
    Ok(())
}
