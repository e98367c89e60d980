//! Cycles: the yearly (or more frequent) rounds of nominations, review and announcement.

use jiff::civil::Date;
use sqlx::FromRow;
use tracing::instrument;

use jiff::Timestamp;

use crate::timestamp::{date_from_text, date_to_text, from_micros, to_micros};
use crate::{Db, StoreError, Tx, on_db, on_tx};

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
struct CycleRow {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    award_year: i64,
    nominations_open_on: String,
    nominations_close_on: String,
    contributions_due_on: String,
    review_start_on: String,
    review_end_on: String,
    announcement_on: String,
    announced_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub award_year: i64,
    pub nominations_open: Date,
    pub nominations_close: Date,
    pub contributions_due: Date,
    pub review_start: Date,
    pub review_end: Date,
    pub announcement: Date,
    /// When the announcement job gave the cycle's awards and sent its letters.
    pub announced_at: Option<Timestamp>,
}

impl TryFrom<CycleRow> for Cycle {
    type Error = StoreError;
    fn try_from(row: CycleRow) -> Result<Self, StoreError> {
        Ok(Cycle {
            id: row.id,
            slug: row.slug,
            name: row.name,
            kind: row.kind,
            award_year: row.award_year,
            nominations_open: date_from_text(&row.nominations_open_on)?,
            nominations_close: date_from_text(&row.nominations_close_on)?,
            contributions_due: date_from_text(&row.contributions_due_on)?,
            review_start: date_from_text(&row.review_start_on)?,
            review_end: date_from_text(&row.review_end_on)?,
            announcement: date_from_text(&row.announcement_on)?,
            announced_at: row.announced_at.map(from_micros).transpose()?,
        })
    }
}

/// The cycle whose announcement is next (or today): the one people are working towards.
/// Served by cycle_announcement.
const UPCOMING: &str = "SELECT id, slug, name, kind, award_year, nominations_open_on, \
     nominations_close_on, contributions_due_on, review_start_on, review_end_on, announcement_on, \
     announced_at FROM cycle WHERE announcement_on >= $1 ORDER BY announcement_on LIMIT 1";

#[instrument(skip_all)]
pub async fn upcoming(db: &Db, today: Date) -> Result<Option<Cycle>, StoreError> {
    let today = date_to_text(today);
    let row: Option<CycleRow> =
        on_db!(db, pool => sqlx::query_as(UPCOMING).bind(&today).fetch_optional(pool).await)?;
    row.map(Cycle::try_from).transpose()
}

/// The cycle taking nominations on `today`: the first to be announced if two overlap.
const OPEN_FOR_NOMINATIONS: &str = "SELECT id, slug, name, kind, award_year, \
     nominations_open_on, nominations_close_on, contributions_due_on, review_start_on, \
     review_end_on, announcement_on, announced_at FROM cycle \
     WHERE nominations_open_on <= $1 AND nominations_close_on >= $1 \
     ORDER BY announcement_on LIMIT 1";

#[instrument(skip_all)]
pub async fn open_for_nominations(db: &Db, today: Date) -> Result<Option<Cycle>, StoreError> {
    let today = date_to_text(today);
    let row: Option<CycleRow> = on_db!(db, pool => sqlx::query_as(OPEN_FOR_NOMINATIONS)
        .bind(&today).fetch_optional(pool).await)?;
    row.map(Cycle::try_from).transpose()
}

const BY_ID: &str = "SELECT id, slug, name, kind, award_year, nominations_open_on, \
     nominations_close_on, contributions_due_on, review_start_on, review_end_on, announcement_on, \
     announced_at FROM cycle WHERE id = $1";

#[instrument(skip_all)]
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Cycle>, StoreError> {
    let row: Option<CycleRow> =
        on_db!(db, pool => sqlx::query_as(BY_ID).bind(id).fetch_optional(pool).await)?;
    row.map(Cycle::try_from).transpose()
}

const ALL: &str = "SELECT id, slug, name, kind, award_year, nominations_open_on, \
     nominations_close_on, contributions_due_on, review_start_on, review_end_on, announcement_on, \
     announced_at FROM cycle ORDER BY announcement_on DESC, id DESC";

/// Every cycle, newest announcement first (a program has a few a year).
#[instrument(skip_all)]
pub async fn all(db: &Db) -> Result<Vec<Cycle>, StoreError> {
    let rows: Vec<CycleRow> = on_db!(db, pool => sqlx::query_as(ALL).fetch_all(pool).await)?;
    rows.into_iter().map(Cycle::try_from).collect()
}

/// Cycles whose announcement day has come and that were not announced yet.
const DUE_FOR_ANNOUNCEMENT: &str = "SELECT id, slug, name, kind, award_year, \
     nominations_open_on, nominations_close_on, contributions_due_on, review_start_on, \
     review_end_on, announcement_on, announced_at FROM cycle \
     WHERE announcement_on <= $1 AND announced_at IS NULL ORDER BY announcement_on, id";

#[instrument(skip_all)]
pub async fn due_for_announcement(db: &Db, today: Date) -> Result<Vec<Cycle>, StoreError> {
    let rows: Vec<CycleRow> = on_db!(db, pool => sqlx::query_as(DUE_FOR_ANNOUNCEMENT)
        .bind(date_to_text(today)).fetch_all(pool).await)?;
    rows.into_iter().map(Cycle::try_from).collect()
}

/// Cycles in review on `today`, not yet announced: their submitted candidacies go to review.
const IN_REVIEW: &str = "SELECT id, slug, name, kind, award_year, nominations_open_on, \
     nominations_close_on, contributions_due_on, review_start_on, review_end_on, \
     announcement_on, announced_at FROM cycle \
     WHERE review_start_on <= $1 AND announced_at IS NULL ORDER BY announcement_on, id";

#[instrument(skip_all)]
pub async fn in_review(db: &Db, today: Date) -> Result<Vec<Cycle>, StoreError> {
    let rows: Vec<CycleRow> = on_db!(db, pool => sqlx::query_as(IN_REVIEW).bind(date_to_text(today)).fetch_all(pool).await)?;
    rows.into_iter().map(Cycle::try_from).collect()
}

const MARK_ANNOUNCED: &str =
    "UPDATE cycle SET announced_at = $1 WHERE id = $2 AND announced_at IS NULL";

/// Marks the cycle announced; false when another server did first (so the announcement's work
/// is done once, in the transaction that wins).
#[instrument(skip_all)]
pub async fn mark_announced(tx: &mut Tx, id: i64, now: Timestamp) -> Result<bool, StoreError> {
    on_tx!(tx, conn => Ok(sqlx::query(MARK_ANNOUNCED).bind(to_micros(now)).bind(id)
        .execute(conn).await?.rows_affected() == 1))
}

const SETTLE_CYCLE: &str = "UPDATE cycle SET announced_at = $1 WHERE id = $2";
const SETTLE_DECISIONS: &str = "UPDATE decision SET announced_at = decided_at \
     WHERE announced_at IS NULL AND candidacy_id IN (SELECT id FROM candidacy WHERE cycle_id = $1)";

/// Records a cycle as announced at `at` with its decisions told, for a history written at
/// once (the demo); the announcement job does this as it goes.
#[instrument(skip_all)]
pub async fn settle_announced(tx: &mut Tx, id: i64, at: Timestamp) -> Result<(), StoreError> {
    on_tx!(tx, conn => {
        sqlx::query(SETTLE_CYCLE).bind(to_micros(at)).bind(id).execute(&mut *conn).await?;
        sqlx::query(SETTLE_DECISIONS).bind(id).execute(&mut *conn).await?;
        Ok(())
    })
}

/// Cycles open for renewals on `today`: nominations have opened, contributions are not yet due,
/// not announced, and the cycle takes renewals (any kind but `new_awards`).
const OPEN_FOR_RENEWALS: &str = "SELECT id, slug, name, kind, award_year, nominations_open_on, \
     nominations_close_on, contributions_due_on, review_start_on, review_end_on, \
     announcement_on, announced_at FROM cycle \
     WHERE nominations_open_on <= $1 AND contributions_due_on >= $1 AND announced_at IS NULL \
       AND kind <> 'new_awards' ORDER BY announcement_on, id";

#[instrument(skip_all)]
pub async fn open_for_renewals(db: &Db, today: Date) -> Result<Vec<Cycle>, StoreError> {
    let rows: Vec<CycleRow> = on_db!(db, pool => sqlx::query_as(OPEN_FOR_RENEWALS)
        .bind(date_to_text(today)).fetch_all(pool).await)?;
    rows.into_iter().map(Cycle::try_from).collect()
}
