//! What the public feeds announce: for now the newest awardees (the announcements of the
//! benefits flow will join them).

use plaudit_store::awards::{self, AnnouncedAward};

use super::{Ctx, OpError};

/// How many entries a feed carries: readers poll, and keep what they saw.
pub const FEED_ENTRIES: i64 = 50;

/// The awards that started most recently, newest first.
pub async fn new_awardees(ctx: &Ctx) -> Result<Vec<AnnouncedAward>, OpError> {
    let today = ctx.today().await?;
    Ok(awards::newest(&ctx.db, today, FEED_ENTRIES).await?)
}
