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

/// The settings migration 0006 added. Read and written apart from [`ProgramSettings`], whose
/// query keeps to the baseline schema: a program the upgrade has not reached yet (the upgrade
/// test runs the demo on it) still reads its settings.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ProgramPreferences {
    /// Whether decision letters quote the committee's rationale.
    pub share_rationale: bool,
    /// Days before the renewal date awardees are reminded, comma-separated, descending.
    pub renewal_reminder_days: String,
    /// The language of pages and mail for people who chose none; None: the server's.
    pub default_language: Option<String>,
}

impl Default for ProgramPreferences {
    /// What migration 0006 gives a program.
    fn default() -> Self {
        ProgramPreferences {
            share_rationale: true,
            renewal_reminder_days: "60,30,7".to_owned(),
            default_language: None,
        }
    }
}

const PREFERENCES: &str = "SELECT share_rationale, renewal_reminder_days, default_language \
     FROM program_settings WHERE id = 1";

/// The program's preferences, or None on a database that was never set up.
#[instrument(skip_all)]
pub async fn preferences(db: &Db) -> Result<Option<ProgramPreferences>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(PREFERENCES).fetch_optional(pool).await)?)
}

const SAVE_PREFERENCES: &str = "UPDATE program_settings SET share_rationale = $1, \
     renewal_reminder_days = $2, default_language = $3 WHERE id = 1";

/// Saves the preferences of a program whose settings are saved (in the same transaction).
#[instrument(skip_all)]
pub async fn save_preferences(
    tx: &mut Tx,
    preferences: &ProgramPreferences,
) -> Result<(), StoreError> {
    let p = preferences;
    on_tx!(tx, conn => sqlx::query(SAVE_PREFERENCES)
        .bind(p.share_rationale)
        .bind(&p.renewal_reminder_days)
        .bind(&p.default_language)
        .execute(conn)
        .await
        .map(|_| ()))?;
    Ok(())
}

const DEFAULT_LANGUAGE: &str = "SELECT default_language FROM program_settings WHERE id = 1";

/// The language code the program set for people who chose none; None when it set none or was
/// never set up. Read on its own because pages ask for it on every request.
#[instrument(skip_all)]
pub async fn default_language(db: &Db) -> Result<Option<String>, StoreError> {
    let found: Option<Option<String>> =
        on_db!(db, pool => sqlx::query_scalar(DEFAULT_LANGUAGE).fetch_optional(pool).await)?;
    Ok(found.flatten())
}

const DELETE_SPONSOR_DOMAINS: &str = "DELETE FROM sponsor_domain";
const INSERT_SPONSOR_DOMAIN: &str = "INSERT INTO sponsor_domain (domain) VALUES ($1)";

/// Makes `domains` the sponsor's e-mail domains (nothing refers to their rows).
#[instrument(skip_all)]
pub async fn replace_sponsor_domains(tx: &mut Tx, domains: &[String]) -> Result<(), StoreError> {
    on_tx!(tx, conn => {
        sqlx::query(DELETE_SPONSOR_DOMAINS).execute(&mut *conn).await?;
        for domain in domains {
            sqlx::query(INSERT_SPONSOR_DOMAIN).bind(domain).execute(&mut *conn).await?;
        }
    });
    Ok(())
}

/// A published version of the code of conduct.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct CodeOfConduct {
    pub id: i64,
    pub version: String,
    /// Markdown.
    pub body: String,
    pub published_at: i64,
}

const CODES_OF_CONDUCT: &str = "SELECT id, version, body, published_at FROM code_of_conduct \
     ORDER BY published_at DESC, id DESC";

/// Every published code of conduct, the newest first; a program publishes a few.
#[instrument(skip_all)]
pub async fn codes_of_conduct(db: &Db) -> Result<Vec<CodeOfConduct>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(CODES_OF_CONDUCT).fetch_all(pool).await)?)
}

const CODE_OF_CONDUCT_EXISTS: &str = "SELECT COUNT(*) FROM code_of_conduct WHERE version = $1";
const INSERT_CODE_OF_CONDUCT: &str =
    "INSERT INTO code_of_conduct (version, body, published_at) VALUES ($1, $2, $3)";
const SET_CODE_OF_CONDUCT_VERSION: &str =
    "UPDATE program_settings SET code_of_conduct_version = $1, updated_at = $2 WHERE id = 1";

/// Whether a code of conduct of this version was published already.
#[instrument(skip_all)]
pub async fn code_of_conduct_exists(tx: &mut Tx, version: &str) -> Result<bool, StoreError> {
    let n: i64 = on_tx!(tx, conn => sqlx::query_scalar(CODE_OF_CONDUCT_EXISTS).bind(version)
        .fetch_one(conn).await)?;
    Ok(n > 0)
}

/// Publishes a code of conduct and makes it the one people accept. False when the program has
/// no settings to record it in (nothing is written then).
#[instrument(skip_all)]
pub async fn publish_code_of_conduct(
    tx: &mut Tx,
    version: &str,
    body: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let at = to_micros(now);
    let updated = on_tx!(tx, conn => {
        let updated = sqlx::query(SET_CODE_OF_CONDUCT_VERSION).bind(version).bind(at)
            .execute(&mut *conn).await?.rows_affected();
        if updated > 0 {
            sqlx::query(INSERT_CODE_OF_CONDUCT).bind(version).bind(body).bind(at)
                .execute(&mut *conn).await?;
        }
        updated
    });
    Ok(updated > 0)
}
