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

/// A cycle's words and dates, to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CycleWrite<'a> {
    pub name: &'a str,
    pub award_year: i64,
    pub nominations_open: Date,
    pub nominations_close: Date,
    pub contributions_due: Date,
    pub review_start: Date,
    pub review_end: Date,
    pub announcement: Date,
}

impl CycleWrite<'_> {
    fn dates(&self) -> [String; 6] {
        [
            self.nominations_open, self.nominations_close, self.contributions_due,
            self.review_start, self.review_end, self.announcement,
        ]
        .map(date_to_text)
    }
}

/// New cycles take nominations and renewals alike.
const INSERT: &str = "INSERT INTO cycle (slug, name, kind, award_year, nominations_open_on, \
       nominations_close_on, contributions_due_on, review_start_on, review_end_on, \
       announcement_on, created_at) \
     VALUES ($1, $2, 'annual', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";

/// Writes a new cycle and returns its id.
#[instrument(skip_all)]
pub async fn insert(
    tx: &mut Tx,
    slug: &str,
    write: &CycleWrite<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let [open, close, due, review_start, review_end, announcement] = write.dates();
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT)
        .bind(slug).bind(write.name).bind(write.award_year)
        .bind(open).bind(close).bind(due).bind(review_start).bind(review_end).bind(announcement)
        .bind(to_micros(now))
        .fetch_one(conn).await)?)
}

/// An announced cycle never changes: its awards and letters went out by these dates.
const UPDATE: &str = "UPDATE cycle SET name = $2, award_year = $3, nominations_open_on = $4, \
       nominations_close_on = $5, contributions_due_on = $6, review_start_on = $7, \
       review_end_on = $8, announcement_on = $9 \
     WHERE id = $1 AND announced_at IS NULL";

/// Saves a cycle's name and dates; false when it was announced meanwhile (or is gone).
#[instrument(skip_all)]
pub async fn update(tx: &mut Tx, id: i64, write: &CycleWrite<'_>) -> Result<bool, StoreError> {
    let [open, close, due, review_start, review_end, announcement] = write.dates();
    on_tx!(tx, conn => Ok(sqlx::query(UPDATE)
        .bind(id).bind(write.name).bind(write.award_year)
        .bind(open).bind(close).bind(due).bind(review_start).bind(review_end).bind(announcement)
        .execute(conn).await?.rows_affected() == 1))
}

const SLUG_TAKEN: &str = "SELECT COUNT(*) FROM cycle WHERE slug = $1";

#[instrument(skip_all)]
pub async fn slug_taken(tx: &mut Tx, slug: &str) -> Result<bool, StoreError> {
    let n: i64 =
        on_tx!(tx, conn => sqlx::query_scalar(SLUG_TAKEN).bind(slug).fetch_one(conn).await)?;
    Ok(n > 0)
}

/// Another cycle whose nominations are open on any day of `open..=close` (dates as text
/// compare as dates). A program has a few cycles a year, so this reads them all.
const OVERLAPPING_NOMINATIONS: &str = "SELECT name FROM cycle WHERE id <> $1 \
     AND nominations_open_on <= $3 AND nominations_close_on >= $2 ORDER BY announcement_on LIMIT 1";

/// The name of another cycle taking nominations during `open..=close`, if any: a nomination
/// must know which cycle it belongs to.
#[instrument(skip_all)]
pub async fn overlapping_nominations(
    tx: &mut Tx,
    except_id: i64,
    open: Date,
    close: Date,
) -> Result<Option<String>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(OVERLAPPING_NOMINATIONS)
        .bind(except_id).bind(date_to_text(open)).bind(date_to_text(close))
        .fetch_optional(conn).await)?)
}

/// A category's rubric version as a cycle pinned it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct PinnedVersion {
    pub category_slug: String,
    pub category_name: String,
    pub version: i64,
}

const PINNED_VERSIONS: &str = "SELECT c.slug AS category_slug, c.name AS category_name, v.version \
     FROM cycle_rubric p JOIN category c ON c.id = p.category_id \
     JOIN rubric_version v ON v.id = p.rubric_version_id \
     WHERE p.cycle_id = $1 ORDER BY c.position, c.id";

/// The rubric versions a cycle decides its categories by, in the categories' order.
#[instrument(skip_all)]
pub async fn pinned_versions(db: &Db, id: i64) -> Result<Vec<PinnedVersion>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(PINNED_VERSIONS).bind(id).fetch_all(pool).await)?)
}
