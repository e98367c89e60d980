//! Categories and their technology areas as the admin manages them: every category, active or
//! not, with its counts; creating, editing, deactivating. (Pages that only offer the active
//! ones read `program::categories` and `contributions::areas`.)

use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::{date_to_text, to_micros};
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// A category with what the admin's list counts.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct CategoryRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub position: i64,
    pub active: bool,
    /// Its active technology areas.
    pub areas: i64,
    /// Awards of it current on the day asked about.
    pub awardees: i64,
}

/// Every category, the active ones first, in the admin's order. The awardee count is served by
/// award_category_ends, the area count by technology_area_category; a program has tens of
/// categories.
const ALL: &str = "SELECT c.id, c.slug, c.name, c.description, c.position, c.active, \
       (SELECT COUNT(*) FROM technology_area t WHERE t.category_id = c.id AND t.active) AS areas, \
       (SELECT COUNT(*) FROM award a WHERE a.category_id = c.id AND a.ends_on >= $1 \
          AND a.starts_on <= $1 AND a.ended_early_on IS NULL AND a.revoked_at IS NULL) AS awardees \
     FROM category c ORDER BY c.active DESC, c.position, c.name";

#[instrument(skip_all)]
pub async fn all(db: &Db, today: Date) -> Result<Vec<CategoryRow>, StoreError> {
    let today = date_to_text(today);
    Ok(on_db!(db, pool => sqlx::query_as(ALL).bind(&today).fetch_all(pool).await)?)
}

const ONE: &str = "SELECT c.id, c.slug, c.name, c.description, c.position, c.active, \
       (SELECT COUNT(*) FROM technology_area t WHERE t.category_id = c.id AND t.active) AS areas, \
       (SELECT COUNT(*) FROM award a WHERE a.category_id = c.id AND a.ends_on >= $2 \
          AND a.starts_on <= $2 AND a.ended_early_on IS NULL AND a.revoked_at IS NULL) AS awardees \
     FROM category c WHERE c.id = $1";

/// One category with its counts, if it exists.
#[instrument(skip_all)]
pub async fn by_id(db: &Db, id: i64, today: Date) -> Result<Option<CategoryRow>, StoreError> {
    let today = date_to_text(today);
    Ok(on_db!(db, pool => sqlx::query_as(ONE).bind(id).bind(&today).fetch_optional(pool).await)?)
}

/// What the admin's category forms write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryWrite {
    pub name: String,
    pub description: String,
    pub position: i64,
}

const SLUG_TAKEN: &str = "SELECT COUNT(*) FROM category WHERE slug = $1";
const NEXT_POSITION: &str = "SELECT COALESCE(MAX(position), -1) + 1 FROM category";
const INSERT: &str = "INSERT INTO category (slug, name, description, position, active, created_at) \
     VALUES ($1, $2, $3, $4, TRUE, $5) RETURNING id";
const UPDATE: &str = "UPDATE category SET name = $2, description = $3, position = $4 WHERE id = $1";
const SET_ACTIVE: &str = "UPDATE category SET active = $2 WHERE id = $1";

/// Whether a category has this slug, active or not.
#[instrument(skip_all)]
pub async fn slug_taken(tx: &mut Tx, slug: &str) -> Result<bool, StoreError> {
    let n: i64 =
        on_tx!(tx, conn => sqlx::query_scalar(SLUG_TAKEN).bind(slug).fetch_one(conn).await)?;
    Ok(n > 0)
}

/// The position after the last category's.
#[instrument(skip_all)]
pub async fn next_position(tx: &mut Tx) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(NEXT_POSITION).fetch_one(conn).await)?)
}

/// Creates an active category and returns its id.
#[instrument(skip_all)]
pub async fn insert(
    tx: &mut Tx,
    slug: &str,
    category: &CategoryWrite,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT).bind(slug).bind(&category.name)
        .bind(&category.description).bind(category.position).bind(to_micros(now))
        .fetch_one(conn).await)?)
}

/// Saves a category's name, description and position; false when there is no such category.
#[instrument(skip_all)]
pub async fn update(tx: &mut Tx, id: i64, category: &CategoryWrite) -> Result<bool, StoreError> {
    let n = on_tx!(tx, conn => sqlx::query(UPDATE).bind(id).bind(&category.name)
        .bind(&category.description).bind(category.position).execute(conn).await
        .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Activates or deactivates a category; false when there is no such category.
#[instrument(skip_all)]
pub async fn set_active(tx: &mut Tx, id: i64, active: bool) -> Result<bool, StoreError> {
    let n = on_tx!(tx, conn => sqlx::query(SET_ACTIVE).bind(id).bind(active).execute(conn).await
        .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// A technology area of a category.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AreaRow {
    pub id: i64,
    pub category_id: i64,
    pub slug: String,
    pub name: String,
    pub active: bool,
}

const AREAS_OF: &str = "SELECT id, category_id, slug, name, active FROM technology_area \
     WHERE category_id = $1 ORDER BY active DESC, name";

/// A category's technology areas, active or not (through technology_area_category).
#[instrument(skip_all)]
pub async fn areas_of(db: &Db, category_id: i64) -> Result<Vec<AreaRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(AREAS_OF).bind(category_id).fetch_all(pool).await)?)
}

const AREA: &str = "SELECT id, category_id, slug, name, active FROM technology_area WHERE id = $1";

/// A technology area, read in the transaction that changes it.
#[instrument(skip_all)]
pub async fn area(tx: &mut Tx, id: i64) -> Result<Option<AreaRow>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(AREA).bind(id).fetch_optional(conn).await)?)
}

/// A technology area, for a page.
#[instrument(skip_all)]
pub async fn area_by_id(db: &Db, id: i64) -> Result<Option<AreaRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(AREA).bind(id).fetch_optional(pool).await)?)
}

const AREA_SLUG_TAKEN: &str = "SELECT COUNT(*) FROM technology_area WHERE slug = $1";
const INSERT_AREA: &str = "INSERT INTO technology_area (category_id, slug, name, active) \
     VALUES ($1, $2, $3, TRUE) RETURNING id";
const RENAME_AREA: &str = "UPDATE technology_area SET name = $2 WHERE id = $1";
const SET_AREA_ACTIVE: &str = "UPDATE technology_area SET active = $2 WHERE id = $1";

/// Whether a technology area of any category has this slug (slugs are unique program-wide).
#[instrument(skip_all)]
pub async fn area_slug_taken(tx: &mut Tx, slug: &str) -> Result<bool, StoreError> {
    let n: i64 =
        on_tx!(tx, conn => sqlx::query_scalar(AREA_SLUG_TAKEN).bind(slug).fetch_one(conn).await)?;
    Ok(n > 0)
}

/// Adds an active technology area to a category and returns its id.
#[instrument(skip_all)]
pub async fn insert_area(
    tx: &mut Tx,
    category_id: i64,
    slug: &str,
    name: &str,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT_AREA).bind(category_id).bind(slug)
        .bind(name).fetch_one(conn).await)?)
}

#[instrument(skip_all)]
pub async fn rename_area(tx: &mut Tx, id: i64, name: &str) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(RENAME_AREA).bind(id).bind(name).execute(conn).await
        .map(|_| ()))?;
    Ok(())
}

#[instrument(skip_all)]
pub async fn set_area_active(tx: &mut Tx, id: i64, active: bool) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(SET_AREA_ACTIVE).bind(id).bind(active).execute(conn).await
        .map(|_| ()))?;
    Ok(())
}

const NAMES: &str = "SELECT id, name FROM category ORDER BY position, name";

/// Every category's id and name, active or not, in the admin's order.
#[instrument(skip_all)]
pub async fn names(db: &Db) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(NAMES).fetch_all(pool).await)?)
}
