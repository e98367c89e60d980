//! Awards: given on announcement day for a term, renewed on the program's renewal date, ended
//! early when the awardee joins the sponsor, and the alumni they leave behind.

use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::{date_to_text, to_micros};
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// An award as it is written.
pub struct NewAward<'a> {
    pub person_id: i64,
    pub category_id: i64,
    pub award_year: i64,
    pub candidacy_id: Option<i64>,
    pub renewal_of_award_id: Option<i64>,
    pub starts_on: Date,
    pub ends_on: Date,
    /// The public id of the award's credential.
    pub credential_id: &'a str,
}

const INSERT: &str = "INSERT INTO award (person_id, category_id, award_year, candidacy_id, \
       renewal_of_award_id, starts_on, ends_on, credential_id, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
     ON CONFLICT (person_id, category_id, award_year) DO NOTHING RETURNING id";

/// Writes an award; None when the person holds this category's award for that year already.
#[instrument(skip_all)]
pub async fn insert(
    tx: &mut Tx,
    award: &NewAward<'_>,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT).bind(award.person_id)
        .bind(award.category_id).bind(award.award_year).bind(award.candidacy_id)
        .bind(award.renewal_of_award_id).bind(date_to_text(award.starts_on))
        .bind(date_to_text(award.ends_on)).bind(award.credential_id).bind(to_micros(now))
        .fetch_optional(conn).await)?)
}

/// An award with its term.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Award {
    pub id: i64,
    pub person_id: i64,
    pub category_id: i64,
    pub award_year: i64,
    pub starts_on: String,
    pub ends_on: String,
    pub ended_early_on: Option<String>,
    pub end_reason: Option<String>,
}

const BY_ID: &str = "SELECT id, person_id, category_id, award_year, starts_on, ends_on, \
     ended_early_on, end_reason FROM award WHERE id = $1";

#[instrument(skip_all)]
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Award>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(BY_ID).bind(id).fetch_optional(pool).await)?)
}

const CURRENT_OF_PERSON: &str = "SELECT id, person_id, category_id, award_year, starts_on, \
     ends_on, ended_early_on, end_reason FROM award WHERE person_id = $1 AND starts_on <= $2 \
     AND ends_on >= $2 AND ended_early_on IS NULL AND revoked_at IS NULL ORDER BY id";

/// The awards a person holds on `today`.
#[instrument(skip_all)]
pub async fn current_of_person(
    tx: &mut Tx,
    person_id: i64,
    today: Date,
) -> Result<Vec<Award>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(CURRENT_OF_PERSON).bind(person_id)
        .bind(date_to_text(today)).fetch_all(conn).await)?)
}

const END_EARLY: &str = "UPDATE award SET ended_early_on = $1, end_reason = $2 \
     WHERE id = $3 AND ended_early_on IS NULL";

/// Ends an award before its term, with the reason; false when it had ended already.
#[instrument(skip_all)]
pub async fn end_early(tx: &mut Tx, id: i64, on: Date, reason: &str) -> Result<bool, StoreError> {
    on_tx!(tx, conn => Ok(sqlx::query(END_EARLY).bind(date_to_text(on)).bind(reason).bind(id)
        .execute(conn).await?.rows_affected() == 1))
}

const OF_CANDIDACY: &str = "SELECT id, person_id, category_id, award_year, starts_on, ends_on, \
     ended_early_on, end_reason FROM award WHERE candidacy_id = $1 ORDER BY id LIMIT 1";

/// The award a candidacy led to, if any.
#[instrument(skip_all)]
pub async fn of_candidacy(db: &Db, candidacy_id: i64) -> Result<Option<Award>, StoreError> {
    Ok(
        on_db!(db, pool => sqlx::query_as(OF_CANDIDACY).bind(candidacy_id).fetch_optional(pool).await)?,
    )
}

const ENDING_ON: &str = "SELECT id, person_id, category_id, award_year, starts_on, ends_on, \
     ended_early_on, end_reason FROM award WHERE ends_on = $1 AND ended_early_on IS NULL \
     AND revoked_at IS NULL ORDER BY id";

/// The awards whose term ends on `end` and still stand (through `award_ends`).
#[instrument(skip_all)]
pub async fn ending_on(tx: &mut Tx, end: Date) -> Result<Vec<Award>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(ENDING_ON).bind(date_to_text(end)).fetch_all(conn).await)?)
}

const ENDING_BETWEEN: &str = "SELECT id, person_id, category_id, award_year, starts_on, \
     ends_on, ended_early_on, end_reason FROM award WHERE ends_on >= $1 AND ends_on <= $2 \
     AND ended_early_on IS NULL AND revoked_at IS NULL ORDER BY ends_on, id";

/// The standing awards whose term ends between `from` and `to` (through `award_ends`).
#[instrument(skip_all)]
pub async fn ending_between(db: &Db, from: Date, to: Date) -> Result<Vec<Award>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(ENDING_BETWEEN).bind(date_to_text(from))
        .bind(date_to_text(to)).fetch_all(pool).await)?)
}

const RECORD_REMINDER: &str = "INSERT INTO renewal_reminder (award_id, days_before, sent_at) \
     VALUES ($1, $2, $3) ON CONFLICT (award_id, days_before) DO NOTHING";

/// Records that the reminder `days_before` the renewal date went out; false when one had.
#[instrument(skip_all)]
pub async fn record_reminder(
    tx: &mut Tx,
    award_id: i64,
    days_before: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    on_tx!(tx, conn => Ok(sqlx::query(RECORD_REMINDER).bind(award_id).bind(days_before)
        .bind(to_micros(now)).execute(conn).await?.rows_affected() == 1))
}

const TERMS_ENDED: &str = "SELECT a.id, a.person_id, a.category_id, a.award_year, a.starts_on, \
       a.ends_on, a.ended_early_on, a.end_reason FROM award a \
     WHERE a.ends_on < $1 AND a.ends_on >= $2 AND a.ended_early_on IS NULL \
       AND a.end_reason IS NULL AND a.revoked_at IS NULL \
       AND NOT EXISTS (SELECT 1 FROM award s WHERE s.renewal_of_award_id = a.id) \
     ORDER BY a.id";

/// Awards whose term ended (in the year before `today`) without a renewal and that are not
/// yet marked so: their holders are alumni now.
#[instrument(skip_all)]
pub async fn unmarked_ended(tx: &mut Tx, today: Date) -> Result<Vec<Award>, StoreError> {
    let year_ago = today.saturating_sub(jiff::Span::new().years(1));
    Ok(on_tx!(tx, conn => sqlx::query_as(TERMS_ENDED).bind(date_to_text(today))
        .bind(date_to_text(year_ago)).fetch_all(conn).await)?)
}

const MARK_TERM_ENDED: &str =
    "UPDATE award SET end_reason = 'term_ended' WHERE id = $1 AND end_reason IS NULL";

#[instrument(skip_all)]
pub async fn mark_term_ended(tx: &mut Tx, id: i64) -> Result<bool, StoreError> {
    on_tx!(tx, conn => Ok(sqlx::query(MARK_TERM_ENDED).bind(id).execute(conn).await?
        .rows_affected() == 1))
}

/// An award as a public profile lists it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AwardLine {
    pub id: i64,
    pub category_name: String,
    pub award_year: i64,
    pub starts_on: String,
    pub ends_on: String,
    pub ended_early_on: Option<String>,
    pub credential_id: String,
}

const HISTORY: &str = "SELECT a.id, c.name AS category_name, a.award_year, a.starts_on, \
     a.ends_on, a.ended_early_on, a.credential_id FROM award a \
     JOIN category c ON c.id = a.category_id \
     WHERE a.person_id = $1 AND a.revoked_at IS NULL AND a.starts_on <= $2 \
     ORDER BY a.award_year DESC, c.position, c.name";

/// The person's awards that have started by `today` and were not revoked, newest first.
#[instrument(skip_all)]
pub async fn history_of(
    db: &Db,
    person_id: i64,
    today: Date,
) -> Result<Vec<AwardLine>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(HISTORY).bind(person_id)
        .bind(date_to_text(today)).fetch_all(pool).await)?)
}

/// An award as its credential states it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct CredentialAward {
    pub id: i64,
    pub credential_id: String,
    pub person_slug: String,
    pub display_name: String,
    pub category_slug: String,
    pub category_name: String,
    pub award_year: i64,
    pub starts_on: String,
    pub ends_on: String,
    pub ended_early_on: Option<String>,
    pub revoked_at: Option<i64>,
    pub created_at: i64,
}

const BY_CREDENTIAL: &str = "SELECT a.id, a.credential_id, p.slug AS person_slug, \
       p.display_name, c.slug AS category_slug, c.name AS category_name, a.award_year, \
       a.starts_on, a.ends_on, a.ended_early_on, a.revoked_at, a.created_at \
     FROM award a JOIN person p ON p.id = a.person_id JOIN category c ON c.id = a.category_id \
     WHERE a.credential_id = $1";

/// The award whose credential has the public id `credential_id` (a unique key).
#[instrument(skip_all)]
pub async fn by_credential_id(
    db: &Db,
    credential_id: &str,
) -> Result<Option<CredentialAward>, StoreError> {
    Ok(
        on_db!(db, pool => sqlx::query_as(BY_CREDENTIAL).bind(credential_id).fetch_optional(pool).await)?,
    )
}

const REVOKED: &str = "SELECT id FROM award WHERE ended_early_on IS NOT NULL \
     UNION SELECT id FROM award WHERE revoked_at IS NOT NULL ORDER BY id";
const LAST_ID: &str = "SELECT COALESCE(MAX(id), 0) FROM award";

/// The ids of awards ended early or revoked (their credentials' status list entries), and
/// the highest award id (how long the list must be).
#[instrument(skip_all)]
pub async fn revoked_ids(db: &Db) -> Result<(Vec<i64>, i64), StoreError> {
    Ok(on_db!(db, pool => {
        let revoked: Vec<i64> = sqlx::query_scalar(REVOKED).fetch_all(pool).await?;
        let last: i64 = sqlx::query_scalar(LAST_ID).fetch_one(pool).await?;
        Ok::<_, sqlx::Error>((revoked, last))
    })?)
}

/// An award as the feed of new awardees announces it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AnnouncedAward {
    pub id: i64,
    pub credential_id: String,
    pub person_slug: String,
    pub display_name: String,
    pub headline: String,
    pub category_name: String,
    pub award_year: i64,
    pub starts_on: String,
}

const NEWEST: &str = "SELECT a.id, a.credential_id, p.slug AS person_slug, p.display_name, p.headline, \
       c.name AS category_name, a.award_year, a.starts_on \
     FROM award a JOIN person p ON p.id = a.person_id JOIN category c ON c.id = a.category_id \
     WHERE a.revoked_at IS NULL AND a.starts_on <= $1 \
     ORDER BY a.starts_on DESC, a.id DESC LIMIT $2";

const NEWEST_AFTER: &str = "SELECT a.id, a.credential_id, p.slug AS person_slug, p.display_name, \
       p.headline, c.name AS category_name, a.award_year, a.starts_on \
     FROM award a JOIN person p ON p.id = a.person_id JOIN category c ON c.id = a.category_id \
     WHERE a.revoked_at IS NULL AND a.starts_on <= $1 \
       AND (a.starts_on < $2 OR (a.starts_on = $2 AND a.id < $3)) \
     ORDER BY a.starts_on DESC, a.id DESC LIMIT $4";

/// The awards after position (`starts_on`, `award_id`) in the order of [`newest`]: the next
/// page of the API's list, walking the same index from where the last page stopped.
#[instrument(skip_all)]
pub async fn newest_after(
    db: &Db,
    today: Date,
    (starts_on, award_id): (&str, i64),
    limit: i64,
) -> Result<Vec<AnnouncedAward>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(NEWEST_AFTER).bind(date_to_text(today)).bind(starts_on)
        .bind(award_id).bind(limit).fetch_all(pool).await)?)
}

/// The `limit` awards that started last by `today` (not revoked), newest first: a walk down
/// the index on the start date.
#[instrument(skip_all)]
pub async fn newest(db: &Db, today: Date, limit: i64) -> Result<Vec<AnnouncedAward>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(NEWEST).bind(date_to_text(today)).bind(limit)
        .fetch_all(pool).await)?)
}
