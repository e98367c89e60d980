//! Endorsements: a good word for a candidacy from an awardee (or, by setting, any member).

use jiff::Timestamp;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// An endorser's own endorsement of a candidacy.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct OwnEndorsement {
    pub id: i64,
    pub body: String,
    pub withdrawn_at: Option<i64>,
}

const OWN: &str = "SELECT id, body, withdrawn_at FROM endorsement \
     WHERE candidacy_id = $1 AND endorser_person_id = $2";

/// The endorsement `endorser` gave `candidacy`, withdrawn or not (served by the unique index).
#[instrument(skip_all)]
pub async fn own(
    db: &Db,
    candidacy_id: i64,
    endorser_person_id: i64,
) -> Result<Option<OwnEndorsement>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(OWN).bind(candidacy_id).bind(endorser_person_id)
        .fetch_optional(pool).await)?)
}

/// The same, read in the transaction that will write.
#[instrument(skip_all)]
pub async fn own_in(
    tx: &mut Tx,
    candidacy_id: i64,
    endorser_person_id: i64,
) -> Result<Option<OwnEndorsement>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(OWN).bind(candidacy_id).bind(endorser_person_id)
        .fetch_optional(conn).await)?)
}

const INSERT: &str = "INSERT INTO endorsement (candidacy_id, endorser_person_id, body, \
     created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id";

#[instrument(skip_all)]
pub async fn insert(
    tx: &mut Tx,
    candidacy_id: i64,
    endorser_person_id: i64,
    body: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT).bind(candidacy_id).bind(endorser_person_id)
        .bind(body).bind(to_micros(now)).fetch_one(conn).await)?)
}

/// Replaces the text (and takes back a withdrawal); `withdrawn` sets or clears it.
const UPDATE: &str = "UPDATE endorsement SET body = $3, updated_at = $4, \
     withdrawn_at = CASE WHEN $5 THEN $4 ELSE NULL END \
     WHERE candidacy_id = $1 AND endorser_person_id = $2";

#[instrument(skip_all)]
pub async fn update(
    tx: &mut Tx,
    candidacy_id: i64,
    endorser_person_id: i64,
    body: &str,
    withdrawn: bool,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(UPDATE).bind(candidacy_id).bind(endorser_person_id)
        .bind(body).bind(to_micros(now)).bind(withdrawn).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// An endorsement as the candidate and reviewers read it, with the endorser's own history.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Endorsement {
    pub endorser_name: String,
    pub body: String,
    pub created_at: i64,
    /// Awards the endorser has held, and the first award year.
    pub awards: i64,
    pub first_award_year: Option<i64>,
}

const OF_CANDIDACY: &str = "SELECT p.display_name AS endorser_name, e.body, e.created_at, \
     (SELECT COUNT(*) FROM award a WHERE a.person_id = p.id) AS awards, \
     (SELECT MIN(a.award_year) FROM award a WHERE a.person_id = p.id) AS first_award_year \
     FROM endorsement e JOIN person p ON p.id = e.endorser_person_id \
     WHERE e.candidacy_id = $1 AND e.withdrawn_at IS NULL ORDER BY e.created_at, e.id";

/// The standing endorsements of a candidacy, oldest first. A candidacy has a handful.
#[instrument(skip_all)]
pub async fn of_candidacy(db: &Db, candidacy_id: i64) -> Result<Vec<Endorsement>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(OF_CANDIDACY).bind(candidacy_id).fetch_all(pool).await)?)
}

/// What the endorsement page shows of the candidacy.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Target {
    pub candidacy_id: i64,
    pub person_id: i64,
    pub state: String,
    pub candidate_name: String,
    pub category_name: String,
    pub cycle_name: String,
    pub review_start_on: String,
}

const TARGET: &str = "SELECT c.id AS candidacy_id, c.person_id, c.state, \
     p.display_name AS candidate_name, cat.name AS category_name, y.name AS cycle_name, \
     y.review_start_on FROM candidacy c JOIN person p ON p.id = c.person_id \
     JOIN category cat ON cat.id = c.category_id JOIN cycle y ON y.id = c.cycle_id \
     WHERE c.id = $1";

#[instrument(skip_all)]
pub async fn target(db: &Db, candidacy_id: i64) -> Result<Option<Target>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(TARGET).bind(candidacy_id).fetch_optional(pool).await)?)
}
