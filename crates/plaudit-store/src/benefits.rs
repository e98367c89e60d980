//! Benefits: what awardees get (a license code from a pool, or access to something), which
//! categories of which award year each is offered to, the pools of codes admins upload, and the
//! claims awardees make, one per benefit and award year.

use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::{FromRow, QueryBuilder};
use tracing::instrument;

use crate::accounts::Contact;
use crate::timestamp::{date_to_text, to_micros};
use crate::{Backend, Db, StoreError, Tx, on_db, on_tx};

/// A benefit as admins see it in the list, with its pool level.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct BenefitRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub kind: String,
    pub active: bool,
    pub low_pool_warning: i64,
    /// Unclaimed codes in the pool.
    pub codes_left: i64,
    pub claims: i64,
}

const LIST: &str = "SELECT b.id, b.slug, b.name, b.description, b.kind, b.active, \
     b.low_pool_warning, \
     (SELECT COUNT(*) FROM benefit_code c WHERE c.benefit_id = b.id AND c.claimed_at IS NULL) \
       AS codes_left, \
     (SELECT COUNT(*) FROM benefit_claim k WHERE k.benefit_id = b.id) AS claims \
     FROM benefit b ORDER BY b.active DESC, b.name, b.id";

/// Every benefit, active ones first (a program has a handful); the counts are range scans of
/// `benefit_code_unclaimed` and the claims' unique index.
#[instrument(skip_all)]
pub async fn list(db: &Db) -> Result<Vec<BenefitRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(LIST).fetch_all(pool).await)?)
}

const BY_ID: &str = "SELECT b.id, b.slug, b.name, b.description, b.kind, b.active, \
     b.low_pool_warning, \
     (SELECT COUNT(*) FROM benefit_code c WHERE c.benefit_id = b.id AND c.claimed_at IS NULL) \
       AS codes_left, \
     (SELECT COUNT(*) FROM benefit_claim k WHERE k.benefit_id = b.id) AS claims \
     FROM benefit b WHERE b.id = $1";

#[instrument(skip_all)]
pub async fn by_id(db: &Db, id: i64) -> Result<Option<BenefitRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(BY_ID).bind(id).fetch_optional(pool).await)?)
}

/// The same, read in the transaction that will write.
#[instrument(skip_all)]
pub async fn by_id_in(tx: &mut Tx, id: i64) -> Result<Option<BenefitRow>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(BY_ID).bind(id).fetch_optional(conn).await)?)
}

/// A benefit as it is written.
pub struct NewBenefit<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub kind: &'a str,
    pub low_pool_warning: i64,
}

const INSERT: &str = "INSERT INTO benefit (slug, name, description, kind, active, \
     low_pool_warning, created_at) VALUES ($1, $2, $3, $4, TRUE, $5, $6) RETURNING id";

/// Writes a benefit; a taken slug is a unique violation.
#[instrument(skip_all)]
pub async fn insert(tx: &mut Tx, b: &NewBenefit<'_>, now: Timestamp) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT).bind(b.slug).bind(b.name)
        .bind(b.description).bind(b.kind).bind(b.low_pool_warning).bind(to_micros(now))
        .fetch_one(conn).await)?)
}

const UPDATE: &str = "UPDATE benefit SET name = $2, description = $3, low_pool_warning = $4, \
     active = $5 WHERE id = $1";

/// Changes what admins may change of a benefit (its kind stays: codes were handed out).
#[instrument(skip_all)]
pub async fn update(
    tx: &mut Tx,
    id: i64,
    name: &str,
    description: &str,
    low_pool_warning: i64,
    active: bool,
) -> Result<bool, StoreError> {
    let done = on_tx!(tx, conn => sqlx::query(UPDATE).bind(id).bind(name).bind(description)
        .bind(low_pool_warning).bind(active).execute(conn).await.map(|d| d.rows_affected()))?;
    Ok(done == 1)
}

/// The award year and category of one offer.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Offer {
    pub award_year: i64,
    pub category_id: i64,
}

const OFFERS: &str = "SELECT award_year, category_id FROM benefit_offer WHERE benefit_id = $1 \
     ORDER BY award_year DESC, category_id";

/// The offers of one benefit, newest award year first.
#[instrument(skip_all)]
pub async fn offers(db: &Db, benefit_id: i64) -> Result<Vec<Offer>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(OFFERS).bind(benefit_id).fetch_all(pool).await)?)
}

const DELETE_OFFERS: &str = "DELETE FROM benefit_offer WHERE benefit_id = $1 AND award_year = $2";

/// Makes `category_ids` the categories `award_year` offers the benefit to (none withdraws the
/// offer for that year; claims already made stay).
#[instrument(skip_all)]
pub async fn set_offers(
    tx: &mut Tx,
    benefit_id: i64,
    award_year: i64,
    category_ids: &[i64],
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(DELETE_OFFERS).bind(benefit_id).bind(award_year)
        .execute(conn).await.map(|_| ()))?;
    if category_ids.is_empty() {
        return Ok(());
    }
    on_tx!(tx, conn => {
        let mut q = QueryBuilder::new(
            "INSERT INTO benefit_offer (benefit_id, award_year, category_id) ",
        );
        q.push_values(category_ids, |mut row, category_id| {
            row.push_bind(benefit_id).push_bind(award_year).push_bind(*category_id);
        });
        q.build().execute(&mut *conn).await.map(|_| ())
    })?;
    Ok(())
}

const OFFER_TO_EVERY_AWARD: &str = "INSERT INTO benefit_offer (benefit_id, award_year, \
     category_id) SELECT b.id, y.award_year, y.category_id FROM benefit b \
     CROSS JOIN (SELECT DISTINCT award_year, category_id FROM award) y \
     WHERE TRUE ON CONFLICT DO NOTHING";

/// (`WHERE TRUE` tells SQLite's parser that `ON CONFLICT` is not a join's `ON`.)
/// Offers every benefit to every category in every award year awards were given in (what
/// migration 0009 did for the benefits before offers, and the demo does for its own).
#[instrument(skip_all)]
pub async fn offer_to_every_award(tx: &mut Tx) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(OFFER_TO_EVERY_AWARD).execute(conn).await.map(|_| ()))?;
    Ok(())
}

const CODES: &str = "SELECT code FROM benefit_code WHERE benefit_id = $1";

/// Every code of a benefit's pool, claimed or not: what an upload is checked against.
#[instrument(skip_all)]
pub async fn codes(tx: &mut Tx, benefit_id: i64) -> Result<Vec<String>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(CODES).bind(benefit_id).fetch_all(conn).await)?)
}

/// Codes written per statement: well under either database's limit on bound values.
const CODES_PER_INSERT: usize = 500;

/// Adds `codes` to the pool; a code already there is skipped. Returns how many were added.
#[instrument(skip_all)]
pub async fn add_codes(
    tx: &mut Tx,
    benefit_id: i64,
    codes: &[String],
    now: Timestamp,
) -> Result<u64, StoreError> {
    let mut added = 0;
    for chunk in codes.chunks(CODES_PER_INSERT) {
        added += on_tx!(tx, conn => {
            let mut q = QueryBuilder::new("INSERT INTO benefit_code (benefit_id, code, added_at) ");
            q.push_values(chunk, |mut row, code| {
                row.push_bind(benefit_id).push_bind(code.as_str()).push_bind(to_micros(now));
            });
            q.push(" ON CONFLICT (benefit_id, code) DO NOTHING");
            q.build().execute(&mut *conn).await.map(|done| done.rows_affected())
        })?;
    }
    Ok(added)
}

const CODES_LEFT: &str =
    "SELECT COUNT(*) FROM benefit_code WHERE benefit_id = $1 AND claimed_at IS NULL";

/// Unclaimed codes in the pool, as the writing transaction sees them.
#[instrument(skip_all)]
pub async fn codes_left(tx: &mut Tx, benefit_id: i64) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(CODES_LEFT).bind(benefit_id).fetch_one(conn).await)?)
}

const MARK_LOW: &str = "UPDATE benefit SET low_pool_notified_at = $2 \
     WHERE id = $1 AND low_pool_notified_at IS NULL";

/// Notes that admins are being told the pool runs low; false when they were told already
/// (by this crossing, possibly from another server at the same moment).
#[instrument(skip_all)]
pub async fn mark_low_pool_notified(
    tx: &mut Tx,
    benefit_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = on_tx!(tx, conn => sqlx::query(MARK_LOW).bind(benefit_id).bind(to_micros(now))
        .execute(conn).await.map(|d| d.rows_affected()))?;
    Ok(done == 1)
}

const CLEAR_LOW: &str = "UPDATE benefit SET low_pool_notified_at = NULL WHERE id = $1";

/// Re-arms the low-pool mail after the pool was filled above its mark.
#[instrument(skip_all)]
pub async fn clear_low_pool_notified(tx: &mut Tx, benefit_id: i64) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(CLEAR_LOW).bind(benefit_id).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// On SQLite the write transaction holds the database's one write lock, so the first free
/// code is simply the first. On PostgreSQL concurrent claims each skip the codes other
/// transactions are taking, so none waits for another and no code goes out twice.
const TAKE_CODE_SQLITE: &str = "UPDATE benefit_code SET claimed_at = $2 WHERE id = \
     (SELECT id FROM benefit_code WHERE benefit_id = $1 AND claimed_at IS NULL \
      ORDER BY id LIMIT 1) RETURNING id";
const TAKE_CODE_POSTGRES: &str = "UPDATE benefit_code SET claimed_at = $2 WHERE id = \
     (SELECT id FROM benefit_code WHERE benefit_id = $1 AND claimed_at IS NULL \
      ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id";

/// Takes a free code from the pool; None when it is empty.
#[instrument(skip_all)]
pub async fn take_code(
    tx: &mut Tx,
    benefit_id: i64,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    let sql = match tx.backend() {
        Backend::Sqlite => TAKE_CODE_SQLITE,
        Backend::Postgres => TAKE_CODE_POSTGRES,
    };
    Ok(on_tx!(tx, conn => sqlx::query_scalar(sql).bind(benefit_id).bind(to_micros(now))
        .fetch_optional(conn).await)?)
}

const INSERT_CLAIM: &str = "INSERT INTO benefit_claim (benefit_id, person_id, award_year, \
     claimed_at) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (benefit_id, person_id, award_year) DO NOTHING RETURNING id";

/// Records a claim, before any code is taken: a second click racing the first waits here on
/// the unique index until the first commits, then finds the claim made (None) and takes no
/// code at all.
#[instrument(skip_all)]
pub async fn insert_claim(
    tx: &mut Tx,
    benefit_id: i64,
    person_id: i64,
    award_year: i64,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT_CLAIM).bind(benefit_id).bind(person_id)
        .bind(award_year).bind(to_micros(now)).fetch_optional(conn).await)?)
}

const SET_CLAIM_CODE: &str = "UPDATE benefit_claim SET benefit_code_id = $2 WHERE id = $1";

/// Gives a claim the code taken for it.
#[instrument(skip_all)]
pub async fn set_claim_code(tx: &mut Tx, claim_id: i64, code_id: i64) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(SET_CLAIM_CODE).bind(claim_id).bind(code_id)
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// A benefit offered to one of a person's awards, or claimed by them in an earlier year.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct OwnBenefit {
    pub benefit_id: i64,
    pub name: String,
    pub description: String,
    pub kind: String,
    pub award_year: i64,
    /// Whether one of the person's current awards is offered it (else it is an earlier claim).
    pub offered: bool,
    pub claimed_at: Option<i64>,
    /// The code they were given; only they and admins ever see it.
    pub code: Option<String>,
}

/// The offers of a person's awards current on a day ($1 the person, $2 the day).
macro_rules! offered_to {
    () => {
        "SELECT DISTINCT b.id AS benefit_id, b.name, b.description, b.kind, \
     a.award_year, TRUE AS offered, k.claimed_at, c.code \
     FROM award a \
     JOIN benefit_offer o ON o.award_year = a.award_year AND o.category_id = a.category_id \
     JOIN benefit b ON b.id = o.benefit_id AND b.active \
     LEFT JOIN benefit_claim k ON k.benefit_id = b.id AND k.person_id = a.person_id \
       AND k.award_year = a.award_year \
     LEFT JOIN benefit_code c ON c.id = k.benefit_code_id \
     WHERE a.person_id = $1 AND a.starts_on <= $2 AND a.ends_on >= $2 \
       AND a.ended_early_on IS NULL AND a.revoked_at IS NULL"
    };
}

const OFFERED_TO: &str = concat!(offered_to!(), " ORDER BY a.award_year DESC, b.name, b.id");
const IS_OFFERED: &str = concat!(
    "SELECT x.kind FROM (",
    offered_to!(),
    ") x WHERE x.benefit_id = $3 AND x.award_year = $4 LIMIT 1"
);

/// What a person's current awards are offered on `today`, with their claims.
#[instrument(skip_all)]
pub async fn offered_to(
    db: &Db,
    person_id: i64,
    today: Date,
) -> Result<Vec<OwnBenefit>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(OFFERED_TO).bind(person_id).bind(date_to_text(today))
        .fetch_all(pool).await)?)
}

/// Whether `benefit_id` is offered to one of the person's awards of `award_year` current on
/// `today`, read in the claiming transaction.
#[instrument(skip_all)]
pub async fn is_offered(
    tx: &mut Tx,
    benefit_id: i64,
    person_id: i64,
    award_year: i64,
    today: Date,
) -> Result<Option<String>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(IS_OFFERED).bind(person_id).bind(date_to_text(today))
        .bind(benefit_id).bind(award_year).fetch_optional(conn).await)?)
}

const CLAIMS_OF: &str = "SELECT b.id AS benefit_id, b.name, b.description, b.kind, \
     k.award_year, FALSE AS offered, k.claimed_at, c.code \
     FROM benefit_claim k JOIN benefit b ON b.id = k.benefit_id \
     LEFT JOIN benefit_code c ON c.id = k.benefit_code_id \
     WHERE k.person_id = $1 ORDER BY k.award_year DESC, b.name, b.id";

/// Every claim a person made, newest award year first (served by `benefit_claim_person`).
#[instrument(skip_all)]
pub async fn claims_of(db: &Db, person_id: i64) -> Result<Vec<OwnBenefit>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(CLAIMS_OF).bind(person_id).fetch_all(pool).await)?)
}

const CLAIM_CODE: &str = "SELECT c.code FROM benefit_claim k \
     LEFT JOIN benefit_code c ON c.id = k.benefit_code_id \
     WHERE k.benefit_id = $1 AND k.person_id = $2 AND k.award_year = $3";

/// The claim a person made of a benefit for a year: Some(code) (None inside for a benefit
/// without codes), or None when there is no claim.
#[instrument(skip_all)]
pub async fn claim_of(
    db: &Db,
    benefit_id: i64,
    person_id: i64,
    award_year: i64,
) -> Result<Option<Option<String>>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(CLAIM_CODE).bind(benefit_id).bind(person_id)
        .bind(award_year).fetch_optional(pool).await)?)
}

const ADMINS: &str = "SELECT a.email, a.language FROM account_role r \
     JOIN account a ON a.id = r.account_id \
     WHERE r.role = 'admin' AND a.disabled_at IS NULL ORDER BY a.id";

/// The program's admins (served by `account_role_role`).
#[instrument(skip_all)]
pub async fn admins(tx: &mut Tx) -> Result<Vec<Contact>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(ADMINS).fetch_all(conn).await)?)
}

/// A claim as an admin's list shows it, with the code it took (none for an access benefit).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ClaimRow {
    pub person_name: String,
    pub award_year: i64,
    pub code: Option<String>,
    pub claimed_at: i64,
}

const RECENT_CLAIMS: &str = "SELECT p.display_name AS person_name, c.award_year, k.code, c.claimed_at FROM benefit_claim c \
     JOIN person p ON p.id = c.person_id LEFT JOIN benefit_code k ON k.id = c.benefit_code_id \
     WHERE c.benefit_id = $1 ORDER BY c.claimed_at DESC, c.id DESC LIMIT $2";

/// The newest claims of a benefit (`benefit_claim_recent`).
#[instrument(skip_all)]
pub async fn recent_claims(
    db: &Db,
    benefit_id: i64,
    limit: i64,
) -> Result<Vec<ClaimRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(RECENT_CLAIMS).bind(benefit_id).bind(limit)
        .fetch_all(pool).await)?)
}
