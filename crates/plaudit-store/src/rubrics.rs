//! Rubric versions: the published formula of each category, the version each cycle pins, and
//! the review criteria reviewers score. A version, once published, never changes: a new rule
//! is a new version, so every decision keeps the rules it was made under.

use jiff::Timestamp;
use jiff::civil::Date;
use plaudit_domain::kinds::{ContributionType, ReachMetric};
use plaudit_domain::rubric::{ConsistencyRule, ReachTier, Rubric, TypeRule};
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::{date_to_text, from_micros, to_micros};
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// A published rubric version of a category.
#[derive(Debug, Clone)]
pub struct PublishedRubric {
    pub category_id: i64,
    pub rubric_version_id: i64,
    pub version: i64,
    pub rubric: Rubric,
}

#[derive(FromRow)]
struct VersionRow {
    id: i64,
    category_id: i64,
    version: i64,
    threshold: i64,
    consistency_points_per_month: i64,
    consistency_cap: i64,
}

#[derive(FromRow)]
struct CriterionRow {
    id: i64,
    rubric_version_id: i64,
    contribution_type: String,
    base_points: i64,
    cap: i64,
    reach_metric: Option<String>,
}

#[derive(FromRow)]
struct TierRow {
    criterion_id: i64,
    min_reach: i64,
    bonus: i64,
}

const VERSION_COLUMNS: &str = "SELECT v.id, v.category_id, v.version, v.threshold, \
       v.consistency_points_per_month, v.consistency_cap FROM rubric_version v";

const LATEST_PUBLISHED: &str = "SELECT v.id, v.category_id, v.version, v.threshold, \
       v.consistency_points_per_month, v.consistency_cap \
     FROM rubric_version v \
     WHERE v.published_at IS NOT NULL AND v.version = (SELECT MAX(w.version) FROM rubric_version w \
       WHERE w.category_id = v.category_id AND w.published_at IS NOT NULL) \
     ORDER BY v.category_id";
const CRITERIA: &str = "SELECT c.id, c.rubric_version_id, c.contribution_type, c.base_points, \
       c.cap, c.reach_metric FROM rubric_criterion c ORDER BY c.rubric_version_id, c.id";
const TIERS: &str =
    "SELECT criterion_id, min_reach, bonus FROM rubric_reach_tier ORDER BY criterion_id, min_reach";

pub(crate) fn invalid(what: &str, value: &str) -> StoreError {
    StoreError::Invalid(format!("stored {what} {value:?} is unknown"))
}

fn non_negative(value: i64) -> u32 {
    u32::try_from(value.max(0)).unwrap_or(u32::MAX)
}

/// Reads the rules of `versions`. Rubric tables hold a few hundred rows, read whole.
async fn with_rules(
    db: &Db,
    versions: Vec<VersionRow>,
) -> Result<Vec<PublishedRubric>, StoreError> {
    if versions.is_empty() {
        return Ok(Vec::new());
    }
    let (criteria, tiers): (Vec<CriterionRow>, Vec<TierRow>) = on_db!(db, pool => (
        sqlx::query_as(CRITERIA).fetch_all(pool).await?,
        sqlx::query_as(TIERS).fetch_all(pool).await?,
    ));
    let mut rubrics = Vec::with_capacity(versions.len());
    for v in versions {
        let mut types = Vec::new();
        for c in criteria.iter().filter(|c| c.rubric_version_id == v.id) {
            let contribution_type: ContributionType = c
                .contribution_type
                .parse()
                .map_err(|_| invalid("contribution type", &c.contribution_type))?;
            let reach_metric = match &c.reach_metric {
                Some(m) => Some(m.parse::<ReachMetric>().map_err(|_| invalid("reach metric", m))?),
                None => None,
            };
            let reach_tiers = tiers
                .iter()
                .filter(|t| t.criterion_id == c.id)
                .map(|t| ReachTier {
                    min_reach: u64::try_from(t.min_reach).unwrap_or(0),
                    bonus: non_negative(t.bonus),
                })
                .collect();
            types.push(TypeRule {
                contribution_type,
                base_points: non_negative(c.base_points),
                cap: non_negative(c.cap),
                reach_metric,
                reach_tiers,
            });
        }
        rubrics.push(PublishedRubric {
            category_id: v.category_id,
            rubric_version_id: v.id,
            version: v.version,
            rubric: Rubric {
                threshold: non_negative(v.threshold),
                types,
                consistency: ConsistencyRule {
                    points_per_active_month: non_negative(v.consistency_points_per_month),
                    cap: non_negative(v.consistency_cap),
                },
            },
        });
    }
    Ok(rubrics)
}

/// Every category's newest published rubric.
#[instrument(skip_all)]
pub async fn published_rubrics(db: &Db) -> Result<Vec<PublishedRubric>, StoreError> {
    let versions = on_db!(db, pool => sqlx::query_as(LATEST_PUBLISHED).fetch_all(pool).await)?;
    with_rules(db, versions).await
}

/// A category's newest published rubric, if it has one.
#[instrument(skip_all)]
pub async fn published_rubric(
    db: &Db,
    category_id: i64,
) -> Result<Option<PublishedRubric>, StoreError> {
    Ok(published_rubrics(db).await?.into_iter().find(|r| r.category_id == category_id))
}

/// The rubric versions with these ids (any order, unknown ids left out).
#[instrument(skip_all)]
pub async fn by_ids(db: &Db, ids: &[i64]) -> Result<Vec<PublishedRubric>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let versions = on_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(VERSION_COLUMNS);
        query.push(" WHERE v.id IN (");
        let mut list = query.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        query.push(")");
        query.build_query_as::<VersionRow>().fetch_all(pool).await
    })?;
    with_rules(db, versions).await
}

/// The version a cycle decides a category by.
const PINNED: &str =
    "SELECT rubric_version_id FROM cycle_rubric WHERE cycle_id = $1 AND category_id = $2";

/// The rubric a cycle pinned for a category; None when the cycle pinned none.
#[instrument(skip_all)]
pub async fn pinned(
    db: &Db,
    cycle_id: i64,
    category_id: i64,
) -> Result<Option<PublishedRubric>, StoreError> {
    let id: Option<i64> = on_db!(db, pool => sqlx::query_scalar(PINNED).bind(cycle_id)
        .bind(category_id).fetch_optional(pool).await)?;
    match id {
        Some(id) => Ok(by_ids(db, &[id]).await?.into_iter().next()),
        None => Ok(None),
    }
}

/// Every pin: (cycle, category, version).
const PINS: &str = "SELECT cycle_id, category_id, rubric_version_id FROM cycle_rubric";

/// Every cycle's pins, for a recompute that scores candidacies of several cycles.
#[instrument(skip_all)]
pub async fn pins(db: &Db) -> Result<Vec<(i64, i64, i64)>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(PINS).fetch_all(pool).await)?)
}

/// Pins every category's newest published version to a cycle that has no pin for it.
const PIN_CURRENT: &str = "INSERT INTO cycle_rubric (cycle_id, category_id, rubric_version_id) \
     SELECT $1, v.category_id, v.id FROM rubric_version v \
     WHERE v.published_at IS NOT NULL AND v.version = (SELECT MAX(w.version) FROM rubric_version w \
       WHERE w.category_id = v.category_id AND w.published_at IS NOT NULL) \
     ON CONFLICT (cycle_id, category_id) DO NOTHING";

/// Pins the current rubrics to a new cycle: it decides by the rules published when it began.
#[instrument(skip_all)]
pub async fn pin_current(tx: &mut Tx, cycle_id: i64) -> Result<u64, StoreError> {
    on_tx!(tx, conn => Ok(sqlx::query(PIN_CURRENT).bind(cycle_id).execute(conn).await?
        .rows_affected()))
}

/// What a reviewer scores, as one version of a rubric defines it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ReviewCriterion {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub max_score: i64,
}

const REVIEW_CRITERIA: &str = "SELECT id, key, name, description, weight, max_score \
     FROM review_criterion WHERE rubric_version_id = $1 ORDER BY position, id";

/// The review criteria of a rubric version, in their order.
#[instrument(skip_all)]
pub async fn review_criteria(db: &Db, version_id: i64) -> Result<Vec<ReviewCriterion>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(REVIEW_CRITERIA).bind(version_id).fetch_all(pool).await)?)
}

/// A version as its history lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionSummary {
    pub id: i64,
    pub version: i64,
    pub threshold: i64,
    pub note: String,
    pub published_at: Option<Timestamp>,
}

const HISTORY: &str = "SELECT id, version, threshold, note, published_at FROM rubric_version \
     WHERE category_id = $1 ORDER BY version DESC";

/// A category's versions, newest first, with their changelog notes.
#[instrument(skip_all)]
pub async fn history(db: &Db, category_id: i64) -> Result<Vec<VersionSummary>, StoreError> {
    let rows: Vec<(i64, i64, i64, String, Option<i64>)> = on_db!(db, pool =>
        sqlx::query_as(HISTORY).bind(category_id).fetch_all(pool).await)?;
    rows.into_iter()
        .map(|(id, version, threshold, note, published_at)| {
            Ok(VersionSummary {
                id,
                version,
                threshold,
                note,
                published_at: published_at.map(from_micros).transpose()?,
            })
        })
        .collect()
}

/// What reviewers score under a rubric version (impact, quality, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewCriterionWrite<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub weight: i64,
    pub max_score: i64,
}

const INSERT_VERSION: &str = "INSERT INTO rubric_version (category_id, version, threshold, \
       consistency_points_per_month, consistency_cap, note, published_at, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
const INSERT_CRITERION: &str = "INSERT INTO rubric_criterion (rubric_version_id, \
       contribution_type, base_points, cap, reach_metric) VALUES ($1, $2, $3, $4, $5) RETURNING id";
const INSERT_TIER: &str =
    "INSERT INTO rubric_reach_tier (criterion_id, min_reach, bonus) VALUES ($1, $2, $3)";
const INSERT_REVIEW_CRITERION: &str = "INSERT INTO review_criterion (rubric_version_id, key, \
       name, description, weight, max_score, position) VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// A version of a category's rubric, to write.
#[derive(Debug, Clone, Copy)]
pub struct RubricVersionWrite<'a> {
    pub category_id: i64,
    pub version: i64,
    pub rubric: &'a Rubric,
    pub note: &'a str,
    /// In the order reviewers see them.
    pub review_criteria: &'a [ReviewCriterionWrite<'a>],
    /// None: a draft.
    pub published_at: Option<Timestamp>,
}

/// Writes a version of a category's rubric with its review criteria and returns its id.
#[instrument(skip_all)]
pub async fn insert_rubric_version(
    tx: &mut Tx,
    write: &RubricVersionWrite<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let RubricVersionWrite { category_id, version, rubric, note, review_criteria, published_at } =
        *write;
    let published_at = published_at.map(to_micros);
    Ok(on_tx!(tx, conn => {
        let version_id: i64 = sqlx::query_scalar(INSERT_VERSION)
            .bind(category_id)
            .bind(version)
            .bind(i64::from(rubric.threshold))
            .bind(i64::from(rubric.consistency.points_per_active_month))
            .bind(i64::from(rubric.consistency.cap))
            .bind(note)
            .bind(published_at)
            .bind(to_micros(now))
            .fetch_one(&mut *conn)
            .await?;
        for rule in &rubric.types {
            let criterion_id: i64 = sqlx::query_scalar(INSERT_CRITERION)
                .bind(version_id)
                .bind(rule.contribution_type.as_str())
                .bind(i64::from(rule.base_points))
                .bind(i64::from(rule.cap))
                .bind(rule.reach_metric.map(|m| m.as_str()))
                .fetch_one(&mut *conn)
                .await?;
            for tier in &rule.reach_tiers {
                sqlx::query(INSERT_TIER)
                    .bind(criterion_id)
                    .bind(i64::try_from(tier.min_reach).unwrap_or(i64::MAX))
                    .bind(i64::from(tier.bonus))
                    .execute(&mut *conn)
                    .await?;
            }
        }
        for (position, c) in (0_i64..).zip(review_criteria) {
            sqlx::query(INSERT_REVIEW_CRITERION)
                .bind(version_id)
                .bind(c.key)
                .bind(c.name)
                .bind(c.description)
                .bind(c.weight)
                .bind(c.max_score)
                .bind(position)
                .execute(&mut *conn)
                .await?;
        }
        version_id
    }))
}

/// Pins a category's rubric version to every cycle that has no version of it pinned, as
/// migration 0006 pinned a category's first version to cycles older than all of its versions:
/// a category made today is decided by its first rubric in any cycle.
const PIN_WHERE_UNPINNED: &str = "INSERT INTO cycle_rubric (cycle_id, category_id, \
       rubric_version_id) SELECT y.id, $1, $2 FROM cycle y \
     WHERE NOT EXISTS (SELECT 1 FROM cycle_rubric p WHERE p.cycle_id = y.id AND p.category_id = $1)";

#[instrument(skip_all)]
pub async fn pin_where_unpinned(
    tx: &mut Tx,
    category_id: i64,
    rubric_version_id: i64,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(PIN_WHERE_UNPINNED).bind(category_id).bind(rubric_version_id)
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// A version of a category's rubric by its number, if it was published.
const VERSION_BY_NUMBER: &str = "SELECT v.id, v.category_id, v.version, v.threshold, \
       v.consistency_points_per_month, v.consistency_cap FROM rubric_version v \
     WHERE v.category_id = $1 AND v.version = $2 AND v.published_at IS NOT NULL";

/// A category's published version number `version`, with its rules.
#[instrument(skip_all)]
pub async fn published_version(
    db: &Db,
    category_id: i64,
    version: i64,
) -> Result<Option<PublishedRubric>, StoreError> {
    let versions: Vec<VersionRow> = on_db!(db, pool => sqlx::query_as(VERSION_BY_NUMBER)
        .bind(category_id).bind(version).fetch_all(pool).await)?;
    Ok(with_rules(db, versions).await?.into_iter().next())
}

/// The number the category's next version gets, drafts counted: numbers are never reused.
const NEXT_VERSION: &str =
    "SELECT COALESCE(MAX(version), 0) + 1 FROM rubric_version WHERE category_id = $1";

#[instrument(skip_all)]
pub async fn next_version(tx: &mut Tx, category_id: i64) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(NEXT_VERSION).bind(category_id)
        .fetch_one(conn).await)?)
}

/// A cycle as the rubric editor names it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct CycleName {
    pub id: i64,
    pub name: String,
}

/// Cycles whose review has not started on `$2` and that are not announced, with no candidacy of
/// the category in review or decided (a decision taken early still keeps its rules): a new
/// version of the category's rubric may still become theirs. Dates say when review starts; the
/// states guard against a review started by hand before its date.
const REPINNABLE: &str = "SELECT y.id, y.name FROM cycle y \
     WHERE y.review_start_on > $2 AND y.announced_at IS NULL \
       AND NOT EXISTS (SELECT 1 FROM candidacy k WHERE k.cycle_id = y.id AND k.category_id = $1 \
         AND (k.state IN ('in_review', 'awarded', 'declined', 'deferred') \
           OR EXISTS (SELECT 1 FROM decision d WHERE d.candidacy_id = k.id))) \
     ORDER BY y.announcement_on, y.id";

/// The cycles a new version of the category's rubric would be pinned to on `today`, for the
/// editor to name before the admin publishes.
#[instrument(skip_all)]
pub async fn repinnable_cycles(
    db: &Db,
    category_id: i64,
    today: Date,
) -> Result<Vec<CycleName>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(REPINNABLE).bind(category_id)
        .bind(date_to_text(today)).fetch_all(pool).await)?)
}

/// [`repinnable_cycles`], read in the transaction that publishes the version.
#[instrument(skip_all)]
pub async fn repinnable_cycles_tx(
    tx: &mut Tx,
    category_id: i64,
    today: Date,
) -> Result<Vec<CycleName>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(REPINNABLE).bind(category_id)
        .bind(date_to_text(today)).fetch_all(conn).await)?)
}

const REPIN: &str = "INSERT INTO cycle_rubric (cycle_id, category_id, rubric_version_id) \
     VALUES ($1, $2, $3) ON CONFLICT (cycle_id, category_id) \
     DO UPDATE SET rubric_version_id = excluded.rubric_version_id";

/// Makes `rubric_version_id` the version `cycle_id` decides the category by.
#[instrument(skip_all)]
pub async fn repin(
    tx: &mut Tx,
    cycle_id: i64,
    category_id: i64,
    rubric_version_id: i64,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(REPIN).bind(cycle_id).bind(category_id)
        .bind(rubric_version_id).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// The cycles, not yet announced, that decide a category by a version.
const PINNED_TO: &str = "SELECT p.cycle_id FROM cycle_rubric p JOIN cycle y ON y.id = p.cycle_id \
     WHERE p.category_id = $1 AND p.rubric_version_id = $2 AND y.announced_at IS NULL \
     ORDER BY p.cycle_id";

#[instrument(skip_all)]
pub async fn cycles_pinned_to(
    db: &Db,
    category_id: i64,
    rubric_version_id: i64,
) -> Result<Vec<i64>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(PINNED_TO).bind(category_id)
        .bind(rubric_version_id).fetch_all(pool).await)?)
}
