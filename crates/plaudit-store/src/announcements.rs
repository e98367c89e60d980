//! Announcements and the NDA: what the program tells everyone, its awardees, or the awardees
//! who accepted the current NDA; and the NDA's versions with who accepted which.
//!
//! Whether an announcement is public is one column, `public_at` (the instant it is public
//! from, NULL for never): every public reader asks `public_at <= now` and nothing else, so an
//! NDA or awardee-only announcement cannot reach a public page, feed or answer before its
//! embargo ends.

use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::{date_to_text, to_micros};
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// An announcement as it is read.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AnnouncementRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub body: String,
    pub under_nda: bool,
    pub awardees_only: bool,
    pub public_from_at: Option<i64>,
    pub public_at: Option<i64>,
    pub published_at: i64,
}

macro_rules! columns {
    () => {
        "SELECT id, slug, title, body, under_nda, awardees_only, public_from_at, public_at, \
         published_at FROM announcement "
    };
}

const PUBLIC: &str =
    concat!(columns!(), "WHERE public_at <= $1 ORDER BY public_at DESC, id DESC LIMIT $2");

/// The newest announcements public at `now` (a range of `announcement_public_at`).
#[instrument(skip_all)]
pub async fn public(
    db: &Db,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<AnnouncementRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(PUBLIC).bind(to_micros(now)).bind(limit)
        .fetch_all(pool).await)?)
}

const FOR_MEMBER: &str = concat!(
    columns!(),
    "WHERE public_at <= $1 OR (awardees_only AND NOT under_nda AND $2) OR (under_nda AND $3) \
     ORDER BY published_at DESC, id DESC LIMIT $4"
);

/// The newest announcements a signed-in reader may read: the public ones, the awardees' ones
/// when `awardee`, and those under NDA when `nda` (an awardee who accepted the current NDA).
/// A program publishes a few a month, so this reads a small table.
#[instrument(skip_all)]
pub async fn for_member(
    db: &Db,
    now: Timestamp,
    awardee: bool,
    nda: bool,
    limit: i64,
) -> Result<Vec<AnnouncementRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(FOR_MEMBER).bind(to_micros(now)).bind(awardee)
        .bind(nda).bind(limit).fetch_all(pool).await)?)
}

const HIDDEN_NDA: &str = "SELECT COUNT(*) FROM announcement \
     WHERE under_nda AND (public_at IS NULL OR public_at > $1)";

/// How many announcements under NDA are not public yet: what an awardee who has not accepted
/// the NDA is told exists (never their titles).
#[instrument(skip_all)]
pub async fn hidden_nda(db: &Db, now: Timestamp) -> Result<i64, StoreError> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar(HIDDEN_NDA).bind(to_micros(now)).fetch_one(pool).await)?,
    )
}

const BY_SLUG: &str = concat!(columns!(), "WHERE slug = $1");

#[instrument(skip_all)]
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<AnnouncementRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(BY_SLUG).bind(slug).fetch_optional(pool).await)?)
}

const ALL: &str = concat!(columns!(), "ORDER BY published_at DESC, id DESC LIMIT $1");

/// The newest announcements of every audience, for admins.
#[instrument(skip_all)]
pub async fn newest(db: &Db, limit: i64) -> Result<Vec<AnnouncementRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(ALL).bind(limit).fetch_all(pool).await)?)
}

/// An announcement as it is written.
pub struct NewAnnouncement<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub under_nda: bool,
    pub awardees_only: bool,
    pub public_from: Option<Timestamp>,
    pub author_account_id: i64,
}

const INSERT: &str = "INSERT INTO announcement (slug, title, body, under_nda, awardees_only, \
     public_from_at, public_at, author_account_id, published_at, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id";

/// Writes an announcement, published `now`; a taken slug is a unique violation.
#[instrument(skip_all)]
pub async fn insert(
    tx: &mut Tx,
    a: &NewAnnouncement<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let public_from = a.public_from.map(to_micros);
    let public_at = if a.under_nda || a.awardees_only { public_from } else { Some(to_micros(now)) };
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT).bind(a.slug).bind(a.title).bind(a.body)
        .bind(a.under_nda).bind(a.awardees_only).bind(public_from).bind(public_at)
        .bind(a.author_account_id).bind(to_micros(now)).fetch_one(conn).await)?)
}

const SETTLE_PUBLIC_AT: &str = "UPDATE announcement SET public_at = CASE \
     WHEN under_nda OR awardees_only THEN public_from_at ELSE published_at END \
     WHERE public_at IS NULL";

/// Gives announcements written without `public_at` (the demo writes the baseline schema)
/// the instant they are public from, as migration 0010 did for the ones before it.
#[instrument(skip_all)]
pub async fn settle_public_at(tx: &mut Tx) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(SETTLE_PUBLIC_AT).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// A version of the NDA.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct NdaVersion {
    pub id: i64,
    pub version: String,
    pub body: String,
    pub published_at: i64,
    /// How many people accepted it.
    pub acceptances: i64,
}

const NDA_VERSIONS: &str = "SELECT v.id, v.version, v.body, v.published_at, \
     (SELECT COUNT(*) FROM nda_acceptance x WHERE x.nda_version_id = v.id) AS acceptances \
     FROM nda_version v ORDER BY v.published_at DESC, v.id DESC";

/// Every version, the current (newest) first.
#[instrument(skip_all)]
pub async fn nda_versions(db: &Db) -> Result<Vec<NdaVersion>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(NDA_VERSIONS).fetch_all(pool).await)?)
}

const CURRENT_NDA: &str = "SELECT v.id, v.version, v.body, v.published_at, CAST(0 AS BIGINT) AS acceptances \
     FROM nda_version v ORDER BY v.published_at DESC, v.id DESC LIMIT 1";

/// The version in force: the newest.
#[instrument(skip_all)]
pub async fn current_nda(db: &Db) -> Result<Option<NdaVersion>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(CURRENT_NDA).fetch_optional(pool).await)?)
}

const INSERT_NDA: &str =
    "INSERT INTO nda_version (version, body, published_at) VALUES ($1, $2, $3) RETURNING id";

/// Publishes a version; a taken version name is a unique violation.
#[instrument(skip_all)]
pub async fn insert_nda(
    tx: &mut Tx,
    version: &str,
    body: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT_NDA).bind(version).bind(body)
        .bind(to_micros(now)).fetch_one(conn).await)?)
}

const ACCEPTED_AT: &str =
    "SELECT accepted_at FROM nda_acceptance WHERE person_id = $1 AND nda_version_id = $2";

/// When the person accepted this version, if they did (served by the unique index).
#[instrument(skip_all)]
pub async fn accepted_at(
    db: &Db,
    person_id: i64,
    nda_version_id: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(ACCEPTED_AT).bind(person_id).bind(nda_version_id)
        .fetch_optional(pool).await)?)
}

const ACCEPT: &str = "INSERT INTO nda_acceptance (person_id, nda_version_id, accepted_at) \
     VALUES ($1, $2, $3) ON CONFLICT (person_id, nda_version_id) DO NOTHING";

/// Records the acceptance; false when it was recorded already.
#[instrument(skip_all)]
pub async fn accept(
    tx: &mut Tx,
    person_id: i64,
    nda_version_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = on_tx!(tx, conn => sqlx::query(ACCEPT).bind(person_id).bind(nda_version_id)
        .bind(to_micros(now)).execute(conn).await.map(|d| d.rows_affected()))?;
    Ok(done == 1)
}

const BY_ID: &str = concat!(columns!(), "WHERE id = $1");

#[instrument(skip_all)]
pub async fn by_id(db: &Db, id: i64) -> Result<Option<AnnouncementRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(BY_ID).bind(id).fetch_optional(pool).await)?)
}

/// How far the mail to awardees about an announcement has gone: the last person mailed, and
/// when it was finished.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromRow)]
pub struct MailProgress {
    pub mailed_through_person_id: Option<i64>,
    pub mailed_at: Option<i64>,
}

const MAIL_PROGRESS: &str =
    "SELECT mailed_through_person_id, mailed_at FROM announcement WHERE id = $1";

#[instrument(skip_all)]
pub async fn mail_progress(db: &Db, id: i64) -> Result<MailProgress, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(MAIL_PROGRESS).bind(id).fetch_optional(pool).await)?
        .unwrap_or_default())
}

const MAILED_THROUGH: &str = "UPDATE announcement SET mailed_through_person_id = $2, \
     mailed_at = $3 WHERE id = $1";

/// Records, with a batch's mails, the last person of the batch, and `done_at` once the last
/// batch is written.
#[instrument(skip_all)]
pub async fn mailed_through(
    tx: &mut Tx,
    id: i64,
    person_id: Option<i64>,
    done_at: Option<Timestamp>,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(MAILED_THROUGH).bind(id).bind(person_id)
        .bind(done_at.map(to_micros)).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// A current awardee to tell of an announcement, and whether they accepted the NDA in force.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AwardeeRecipient {
    pub person_id: i64,
    pub email: String,
    pub language: Option<String>,
    pub accepted_nda: bool,
}

/// The holders of a current award on `$1` after person `$2`, in person order, with an account
/// that is not disabled; `$3` is the NDA in force (none: nobody accepted it).
const AWARDEE_RECIPIENTS: &str = "SELECT p.id AS person_id, ac.email, ac.language, \
     EXISTS (SELECT 1 FROM nda_acceptance n WHERE n.person_id = p.id \
       AND n.nda_version_id = $3) AS accepted_nda \
     FROM person p JOIN account ac ON ac.person_id = p.id AND ac.disabled_at IS NULL \
     WHERE p.id > $2 AND EXISTS (SELECT 1 FROM award w WHERE w.person_id = p.id \
       AND w.starts_on <= $1 AND w.ends_on >= $1 AND w.ended_early_on IS NULL \
       AND w.revoked_at IS NULL) \
     ORDER BY p.id LIMIT $4";

/// A batch of the current awardees, by person id from `after_person_id` on.
#[instrument(skip_all)]
pub async fn awardee_recipients(
    db: &Db,
    today: Date,
    nda_version_id: Option<i64>,
    after_person_id: i64,
    limit: i64,
) -> Result<Vec<AwardeeRecipient>, StoreError> {
    let today = date_to_text(today);
    Ok(on_db!(db, pool => sqlx::query_as(AWARDEE_RECIPIENTS).bind(&today).bind(after_person_id)
        .bind(nda_version_id.unwrap_or(0)).bind(limit).fetch_all(pool).await)?)
}
