//! What admins do about work that stopped: put a failed job back in the queue, or a mail the
//! server refused back in the outbox. Each is written to the audit log.

use plaudit_store::{jobs, mail};

use super::audit::{AuditAction, record};
use super::{Ctx, OpError};

/// Queues a failed job again; false when no failed job has this id (retried already, or it
/// never failed).
pub async fn retry_job(ctx: &Ctx, admin_account_id: i64, job_id: i64) -> Result<bool, OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let Some(kind) = jobs::retry_failed(&mut tx, job_id, now).await? else { return Ok(false) };
    let detail = format!("kind={kind}");
    let subject = ("job", job_id);
    record(&mut tx, Some(admin_account_id), AuditAction::JobRetried, subject, &detail, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Puts a mail given up on back in the outbox, due at once; false when no such mail waits.
pub async fn retry_mail(ctx: &Ctx, admin_account_id: i64, mail_id: i64) -> Result<bool, OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let Some(kind) = mail::retry_gave_up(&mut tx, mail_id, now).await? else { return Ok(false) };
    let detail = format!("kind={kind}");
    let subject = ("mail", mail_id);
    record(&mut tx, Some(admin_account_id), AuditAction::MailRetried, subject, &detail, now)
        .await?;
    tx.commit().await?;
    Ok(true)
}
