//! Speaking: what an awardee says about taking speaking requests, and the requests organizers
//! send them with the awardee's answers.

use jiff::Timestamp;
use sqlx::FromRow;
use tracing::instrument;

use crate::accounts::Contact;
use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// What a person says about speaking.
#[derive(Debug, Clone, Default, PartialEq, Eq, FromRow)]
pub struct SpeakingProfile {
    pub accepts_requests: bool,
    pub topics: String,
    pub regions: String,
    pub languages: String,
    pub remote_ok: bool,
    /// In person, travelling to the event.
    pub travel_ok: bool,
}

const PROFILE: &str = "SELECT accepts_requests, topics, regions, languages, remote_ok, \
     travel_ok FROM speaking_profile WHERE person_id = $1";

#[instrument(skip_all)]
pub async fn profile(db: &Db, person_id: i64) -> Result<Option<SpeakingProfile>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(PROFILE).bind(person_id).fetch_optional(pool).await)?)
}

const SAVE_PROFILE: &str = "INSERT INTO speaking_profile (person_id, accepts_requests, topics, \
     regions, languages, remote_ok, travel_ok, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
     ON CONFLICT (person_id) DO UPDATE SET accepts_requests = excluded.accepts_requests, \
     topics = excluded.topics, regions = excluded.regions, languages = excluded.languages, \
     remote_ok = excluded.remote_ok, travel_ok = excluded.travel_ok, \
     updated_at = excluded.updated_at";

#[instrument(skip_all)]
pub async fn save_profile(
    tx: &mut Tx,
    person_id: i64,
    p: &SpeakingProfile,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(SAVE_PROFILE).bind(person_id).bind(p.accepts_requests)
        .bind(&p.topics).bind(&p.regions).bind(&p.languages).bind(p.remote_ok).bind(p.travel_ok)
        .bind(to_micros(now)).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// A request as both sides list it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub person_id: i64,
    pub speaker_name: String,
    pub speaker_slug: String,
    pub organizer_account_id: Option<i64>,
    pub organizer_name: String,
    pub organizer_email: String,
    pub event_name: String,
    pub event_url: Option<String>,
    pub event_on: Option<String>,
    pub location: String,
    pub is_remote: bool,
    pub audience: String,
    pub travel_support: bool,
    pub message: String,
    pub status: String,
    pub response_note: String,
    pub email_shared_at: Option<i64>,
    pub created_at: i64,
    pub responded_at: Option<i64>,
}

macro_rules! request_columns {
    () => {
        "SELECT r.id, r.person_id, p.display_name AS speaker_name, p.slug AS speaker_slug, \
         r.organizer_account_id, r.organizer_name, r.organizer_email, r.event_name, r.event_url, \
         r.event_on, r.location, r.is_remote, r.audience, r.travel_support, r.message, r.status, \
         r.response_note, r.email_shared_at, r.created_at, r.responded_at \
         FROM speaking_request r JOIN person p ON p.id = r.person_id "
    };
}

const FOR_SPEAKER: &str = concat!(
    request_columns!(),
    "WHERE r.person_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT $2"
);

/// The requests an awardee received, newest first (`speaking_request_person`).
#[instrument(skip_all)]
pub async fn for_speaker(
    db: &Db,
    person_id: i64,
    limit: i64,
) -> Result<Vec<RequestRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(FOR_SPEAKER).bind(person_id).bind(limit)
        .fetch_all(pool).await)?)
}

const ONE_FOR_SPEAKER: &str = concat!(request_columns!(), "WHERE r.id = $1 AND r.person_id = $2");

/// One of the requests the awardee received.
#[instrument(skip_all)]
pub async fn request_for_speaker(
    db: &Db,
    id: i64,
    person_id: i64,
) -> Result<Option<RequestRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(ONE_FOR_SPEAKER).bind(id).bind(person_id)
        .fetch_optional(pool).await)?)
}

const FROM_ORGANIZER: &str = concat!(
    request_columns!(),
    "WHERE r.organizer_account_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT $2"
);

/// The requests an organizer sent, newest first (`speaking_request_organizer`).
#[instrument(skip_all)]
pub async fn from_organizer(
    db: &Db,
    account_id: i64,
    limit: i64,
) -> Result<Vec<RequestRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(FROM_ORGANIZER).bind(account_id).bind(limit)
        .fetch_all(pool).await)?)
}

const SENT_SINCE: &str = "SELECT COUNT(*) FROM speaking_request \
     WHERE organizer_account_id = $1 AND created_at >= $2";

/// How many requests the organizer sent since `since`, in the transaction that adds one.
#[instrument(skip_all)]
pub async fn sent_since(tx: &mut Tx, account_id: i64, since: Timestamp) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(SENT_SINCE).bind(account_id).bind(to_micros(since))
        .fetch_one(conn).await)?)
}

/// A request as an organizer sends it.
pub struct NewRequest<'a> {
    pub person_id: i64,
    pub organizer_account_id: i64,
    pub organizer_name: &'a str,
    pub organizer_email: &'a str,
    pub event_name: &'a str,
    pub event_url: Option<&'a str>,
    pub event_on: &'a str,
    pub location: &'a str,
    pub is_remote: bool,
    pub audience: &'a str,
    pub travel_support: bool,
    pub message: &'a str,
}

const INSERT_REQUEST: &str = "INSERT INTO speaking_request (person_id, organizer_account_id, \
     organizer_name, organizer_email, event_name, event_url, event_on, location, is_remote, \
     audience, travel_support, message, status, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'pending', $13) RETURNING id";

#[instrument(skip_all)]
pub async fn insert_request(
    tx: &mut Tx,
    r: &NewRequest<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT_REQUEST).bind(r.person_id)
        .bind(r.organizer_account_id).bind(r.organizer_name).bind(r.organizer_email)
        .bind(r.event_name).bind(r.event_url).bind(r.event_on).bind(r.location).bind(r.is_remote)
        .bind(r.audience).bind(r.travel_support).bind(r.message).bind(to_micros(now))
        .fetch_one(conn).await)?)
}

const RESPOND: &str = "UPDATE speaking_request SET status = $3, response_note = $4, \
     email_shared_at = $5, responded_at = $6 \
     WHERE id = $1 AND person_id = $2 AND status = 'pending'";

/// Records the awardee's answer to a pending request of theirs; false when there is none.
#[instrument(skip_all)]
pub async fn respond(
    tx: &mut Tx,
    id: i64,
    person_id: i64,
    status: &str,
    note: &str,
    share_email: bool,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let at = to_micros(now);
    let done = on_tx!(tx, conn => sqlx::query(RESPOND).bind(id).bind(person_id).bind(status)
        .bind(note).bind(share_email.then_some(at)).bind(at).execute(conn).await
        .map(|d| d.rows_affected()))?;
    Ok(done == 1)
}

const SPEAKER_CONTACT: &str = "SELECT a.email, a.language FROM account a \
     WHERE a.person_id = $1 AND a.disabled_at IS NULL";

/// Where to tell an awardee of a request.
#[instrument(skip_all)]
pub async fn speaker_contact(tx: &mut Tx, person_id: i64) -> Result<Option<Contact>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(SPEAKER_CONTACT).bind(person_id)
        .fetch_optional(conn).await)?)
}

const ORGANIZER_LANGUAGE: &str = "SELECT language FROM account WHERE id = $1";

/// The language the organizer chose, for the answer's mail.
#[instrument(skip_all)]
pub async fn organizer_language(
    tx: &mut Tx,
    account_id: i64,
) -> Result<Option<String>, StoreError> {
    let found: Option<Option<String>> = on_tx!(tx, conn => sqlx::query_scalar(ORGANIZER_LANGUAGE)
        .bind(account_id).fetch_optional(conn).await)?;
    Ok(found.flatten())
}

const SPEAKER_EMAIL: &str = "SELECT email FROM account WHERE person_id = $1";

/// The speaker's address, for an organizer they chose to share it with.
#[instrument(skip_all)]
pub async fn speaker_email(db: &Db, person_id: i64) -> Result<Option<String>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(SPEAKER_EMAIL).bind(person_id)
        .fetch_optional(pool).await)?)
}
