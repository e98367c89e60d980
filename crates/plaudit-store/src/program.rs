//! The program itself: its settings, categories, and the public counts on the home page.

use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::{date_to_text, to_micros};
use crate::{Db, StoreError, Tx, on_db, on_tx};

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ProgramSettings {
    pub name: String,
    pub tagline: String,
    pub sponsor_name: String,
    pub minimum_age: i64,
    pub code_of_conduct_version: Option<String>,
    pub self_nomination_allowed: bool,
    pub member_endorsements_allowed: bool,
    pub multiple_categories_allowed: bool,
    pub blind_review: bool,
    pub score_aggregation: String,
    pub review_quorum: i64,
    pub reviewer_regions_enabled: bool,
    pub renewal_month: i64,
    pub renewal_day: i64,
    pub time_zone: String,
}

const SETTINGS: &str = "SELECT name, tagline, sponsor_name, minimum_age, code_of_conduct_version, \
     self_nomination_allowed, member_endorsements_allowed, multiple_categories_allowed, \
     blind_review, score_aggregation, review_quorum, reviewer_regions_enabled, renewal_month, \
     renewal_day, time_zone FROM program_settings WHERE id = 1";

const SAVE_SETTINGS: &str = "INSERT INTO program_settings (id, name, tagline, sponsor_name, \
     minimum_age, code_of_conduct_version, self_nomination_allowed, member_endorsements_allowed, \
     multiple_categories_allowed, blind_review, score_aggregation, review_quorum, \
     reviewer_regions_enabled, renewal_month, renewal_day, time_zone, updated_at) \
     VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, tagline = excluded.tagline, \
     sponsor_name = excluded.sponsor_name, minimum_age = excluded.minimum_age, \
     code_of_conduct_version = excluded.code_of_conduct_version, \
     self_nomination_allowed = excluded.self_nomination_allowed, \
     member_endorsements_allowed = excluded.member_endorsements_allowed, \
     multiple_categories_allowed = excluded.multiple_categories_allowed, \
     blind_review = excluded.blind_review, score_aggregation = excluded.score_aggregation, \
     review_quorum = excluded.review_quorum, \
     reviewer_regions_enabled = excluded.reviewer_regions_enabled, \
     renewal_month = excluded.renewal_month, renewal_day = excluded.renewal_day, \
     time_zone = excluded.time_zone, updated_at = excluded.updated_at";

/// The program's settings, or None on a database that was never set up.
#[instrument(skip_all)]
pub async fn settings(db: &Db) -> Result<Option<ProgramSettings>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(SETTINGS).fetch_optional(pool).await)?)
}

const TIME_ZONE: &str = "SELECT time_zone FROM program_settings WHERE id = 1";

/// The program's time zone as its IANA name, or None on a database that was never set up.
#[instrument(skip_all)]
pub async fn time_zone(db: &Db) -> Result<Option<String>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(TIME_ZONE).fetch_optional(pool).await)?)
}

#[instrument(skip_all)]
pub async fn save_settings(
    tx: &mut Tx,
    settings: &ProgramSettings,
    now: Timestamp,
) -> Result<(), StoreError> {
    let s = settings;
    on_tx!(tx, conn => sqlx::query(SAVE_SETTINGS)
        .bind(&s.name)
        .bind(&s.tagline)
        .bind(&s.sponsor_name)
        .bind(s.minimum_age)
        .bind(&s.code_of_conduct_version)
        .bind(s.self_nomination_allowed)
        .bind(s.member_endorsements_allowed)
        .bind(s.multiple_categories_allowed)
        .bind(s.blind_review)
        .bind(&s.score_aggregation)
        .bind(s.review_quorum)
        .bind(s.reviewer_regions_enabled)
        .bind(s.renewal_month)
        .bind(s.renewal_day)
        .bind(&s.time_zone)
        .bind(to_micros(now))
        .execute(conn)
        .await
        .map(|_| ()))?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct CategoryAwardees {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub awardees: i64,
}

/// Current awardees per active category, in the admin's order. An award is current on `today`
/// when its term covers the day and it has not ended early. Served by award_category_ends.
const AWARDEES_PER_CATEGORY: &str = "SELECT c.slug, c.name, c.description, COUNT(a.id) AS awardees \
     FROM category c \
     LEFT JOIN award a ON a.category_id = c.id AND a.ends_on >= $1 AND a.starts_on <= $1 \
                      AND a.ended_early_on IS NULL AND a.revoked_at IS NULL \
     WHERE c.active \
     GROUP BY c.id, c.slug, c.name, c.description, c.position \
     ORDER BY c.position, c.name";

#[instrument(skip_all)]
pub async fn awardees_per_category(
    db: &Db,
    today: Date,
) -> Result<Vec<CategoryAwardees>, StoreError> {
    let today = date_to_text(today);
    Ok(
        on_db!(db, pool => sqlx::query_as(AWARDEES_PER_CATEGORY).bind(&today).fetch_all(pool).await)?,
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProgramCounts {
    /// People holding at least one current award.
    pub awardees: i64,
    pub categories: i64,
}

/// Served by award_ends: a range over awards still running, never the whole history.
const CURRENT_AWARDEES: &str = "SELECT COUNT(DISTINCT person_id) FROM award \
     WHERE ends_on >= $1 AND starts_on <= $1 AND ended_early_on IS NULL AND revoked_at IS NULL";
const ACTIVE_CATEGORIES: &str = "SELECT COUNT(*) FROM category WHERE active";

#[instrument(skip_all)]
pub async fn counts(db: &Db, today: Date) -> Result<ProgramCounts, StoreError> {
    let today = date_to_text(today);
    let (awardees, categories): (i64, i64) = on_db!(db, pool => {
        let awardees: i64 = sqlx::query_scalar(CURRENT_AWARDEES).bind(&today).fetch_one(pool).await?;
        let categories: i64 = sqlx::query_scalar(ACTIVE_CATEGORIES).fetch_one(pool).await?;
        (awardees, categories)
    });
    Ok(ProgramCounts { awardees, categories })
}

/// True when nothing has been written to the program yet (no settings, no people).
#[instrument(skip_all)]
pub async fn is_empty(db: &Db) -> Result<bool, StoreError> {
    const ANY_DATA: &str = "SELECT (SELECT COUNT(*) FROM program_settings) \
         + (SELECT COUNT(*) FROM (SELECT id FROM person LIMIT 1) p)";
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(ANY_DATA).fetch_one(pool).await)?;
    Ok(n == 0)
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Category {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

const CATEGORIES: &str = "SELECT id, slug, name FROM category WHERE active ORDER BY position, name";

/// The active categories, in the admin's order. A program has tens of them.
#[instrument(skip_all)]
pub async fn categories(db: &Db) -> Result<Vec<Category>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(CATEGORIES).fetch_all(pool).await)?)
}

const SPONSOR_DOMAINS: &str = "SELECT domain FROM sponsor_domain ORDER BY domain";

/// The sponsor's e-mail domains; each covers its subdomains too.
#[instrument(skip_all)]
pub async fn sponsor_domains(db: &Db) -> Result<Vec<String>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(SPONSOR_DOMAINS).fetch_all(pool).await)?)
}

const FEATURED: &str = "SELECT featured_contributions FROM program_settings WHERE id = 1";

/// How many high-impact contributions a profile features (5 before the program is set up).
#[instrument(skip_all)]
pub async fn featured_contributions(db: &Db) -> Result<i64, StoreError> {
    let n: Option<i64> =
        on_db!(db, pool => sqlx::query_scalar(FEATURED).fetch_optional(pool).await)?;
    Ok(n.unwrap_or(5))
}

const SHARE_RATIONALE: &str = "SELECT share_rationale FROM program_settings WHERE id = 1";

/// Whether decision letters quote the committee's rationale (they do before set-up).
#[instrument(skip_all)]
pub async fn share_rationale(db: &Db) -> Result<bool, StoreError> {
    let shared: Option<bool> =
        on_db!(db, pool => sqlx::query_scalar(SHARE_RATIONALE).fetch_optional(pool).await)?;
    Ok(shared.unwrap_or(true))
}

const REMINDER_DAYS: &str = "SELECT renewal_reminder_days FROM program_settings WHERE id = 1";

/// How many days before the renewal date awardees are reminded, as stored ("60,30,7").
#[instrument(skip_all)]
pub async fn renewal_reminder_days(db: &Db) -> Result<String, StoreError> {
    let days: Option<String> =
        on_db!(db, pool => sqlx::query_scalar(REMINDER_DAYS).fetch_optional(pool).await)?;
    Ok(days.unwrap_or_else(|| "60,30,7".to_owned()))
}
