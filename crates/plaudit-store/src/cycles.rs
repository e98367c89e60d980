//! Cycles: the yearly (or more frequent) rounds of nominations, review and announcement.

use jiff::civil::Date;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::{date_from_text, date_to_text};
use crate::{Db, StoreError, on_db};

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
        })
    }
}

/// The cycle whose announcement is next (or today): the one people are working towards.
/// Served by cycle_announcement.
const UPCOMING: &str = "SELECT id, slug, name, kind, award_year, nominations_open_on, \
     nominations_close_on, contributions_due_on, review_start_on, review_end_on, announcement_on \
     FROM cycle WHERE announcement_on >= $1 ORDER BY announcement_on LIMIT 1";

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
     review_end_on, announcement_on FROM cycle \
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
     nominations_close_on, contributions_due_on, review_start_on, review_end_on, announcement_on \
     FROM cycle WHERE id = $1";

#[instrument(skip_all)]
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Cycle>, StoreError> {
    let row: Option<CycleRow> =
        on_db!(db, pool => sqlx::query_as(BY_ID).bind(id).fetch_optional(pool).await)?;
    row.map(Cycle::try_from).transpose()
}
