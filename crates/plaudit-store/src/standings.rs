//! Standings of candidates and awardees against their category's published rubric: reading
//! the rubrics and the contributions that feed them, and saving the computed totals.

use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use jiff::Timestamp;
use jiff::civil::Date;
use plaudit_domain::cycle::DateRange;
use plaudit_domain::kinds::{ContributionType, ReachMetric};
use plaudit_domain::rubric::{ConsistencyRule, ReachTier, Rubric, TypeRule};
use plaudit_domain::standing::ContributionFacts;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::{date_from_text, date_to_text, to_micros};
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// A category's newest published rubric.
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

fn invalid(what: &str, value: &str) -> StoreError {
    StoreError::Invalid(format!("stored {what} {value:?} is unknown"))
}

fn non_negative(value: i64) -> u32 {
    u32::try_from(value.max(0)).unwrap_or(u32::MAX)
}

/// Every category's newest published rubric. Rubric tables hold a few hundred rows.
#[instrument(skip_all)]
pub async fn published_rubrics(db: &Db) -> Result<Vec<PublishedRubric>, StoreError> {
    let (versions, criteria, tiers): (Vec<VersionRow>, Vec<CriterionRow>, Vec<TierRow>) = on_db!(db, pool => (
        sqlx::query_as(LATEST_PUBLISHED).fetch_all(pool).await?,
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

/// Someone whose standing is measured: in a category, over a window of dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub person_id: i64,
    pub category_id: i64,
    pub window: DateRange,
}

#[derive(FromRow)]
struct TargetRow {
    person_id: i64,
    category_id: i64,
    /// `award` or `candidacy`: where the window comes from.
    source: String,
    window_start: String,
    window_end: String,
    /// The award's first day, or the candidacy's announcement day: which of several windows
    /// from the same source wins.
    decided_on: String,
}

/// Current awardees are measured over their award term (what the renewal forecast reads);
/// candidates of cycles not yet announced over their cycle's contribution window, the twelve
/// months ending on the day contributions are due.
const TARGETS: &str = "SELECT person_id, category_id, 'award' AS source, \
       starts_on AS window_start, ends_on AS window_end, starts_on AS decided_on \
     FROM award WHERE ends_on >= $1 AND starts_on <= $1 AND ended_early_on IS NULL \
       AND revoked_at IS NULL \
     UNION ALL \
     SELECT k.person_id, k.category_id, 'candidacy' AS source, \
       y.contributions_due_on AS window_start, y.contributions_due_on AS window_end, \
       y.announcement_on AS decided_on \
     FROM cycle y JOIN candidacy k ON k.cycle_id = y.id \
     WHERE y.announcement_on > $1 \
       AND k.state NOT IN ('withdrawn', 'invitation_declined', 'declined', 'awarded')";

/// Which window a person's one standing in a category is measured over, when several apply;
/// the smallest key wins.
///
/// An open candidacy wins over a current award: an awardee with an open renewal candidacy is
/// renewed or not on the contributions of the renewal cycle's window, so that is the standing
/// the candidate and the committee must see; the award term only feeds a forecast, which the
/// candidacy's decision supersedes. Among candidacies, the one announced first (the next
/// decision); among awards (a renewal starting as the old term ends), the newest term.
fn window_rank(row: &TargetRow) -> (u8, std::cmp::Reverse<&str>, &str) {
    match row.source.as_str() {
        "candidacy" => (0, std::cmp::Reverse(""), row.decided_on.as_str()),
        _ => (1, std::cmp::Reverse(row.decided_on.as_str()), ""),
    }
}

/// Everyone whose standing a full recompute covers, on `today`, ordered by person, then
/// category; one window each, chosen by [`window_rank`].
#[instrument(skip_all)]
pub async fn targets(db: &Db, today: Date) -> Result<Vec<Target>, StoreError> {
    let today = date_to_text(today);
    let rows: Vec<TargetRow> =
        on_db!(db, pool => sqlx::query_as(TARGETS).bind(&today).fetch_all(pool).await)?;
    choose_windows(rows)
}

/// The same as [`TARGETS`], for one person (through the person-first unique indexes of
/// `award` and `candidacy`).
const PERSON_TARGETS: &str = "SELECT person_id, category_id, 'award' AS source, \
       starts_on AS window_start, ends_on AS window_end, starts_on AS decided_on \
     FROM award WHERE person_id = $2 AND ends_on >= $1 AND starts_on <= $1 \
       AND ended_early_on IS NULL AND revoked_at IS NULL \
     UNION ALL \
     SELECT k.person_id, k.category_id, 'candidacy' AS source, \
       y.contributions_due_on AS window_start, y.contributions_due_on AS window_end, \
       y.announcement_on AS decided_on \
     FROM candidacy k JOIN cycle y ON y.id = k.cycle_id \
     WHERE k.person_id = $2 AND y.announcement_on > $1 \
       AND k.state NOT IN ('withdrawn', 'invitation_declined', 'declined', 'awarded')";

/// The windows one person is measured over on `today`, one per category, read in the
/// transaction that changed their contributions.
#[instrument(skip_all)]
pub async fn targets_of_person(
    tx: &mut Tx,
    person_id: i64,
    today: Date,
) -> Result<Vec<Target>, StoreError> {
    let today = date_to_text(today);
    let rows: Vec<TargetRow> = on_tx!(tx, conn => sqlx::query_as(PERSON_TARGETS).bind(&today)
        .bind(person_id).fetch_all(conn).await)?;
    choose_windows(rows)
}

/// The window a person's standing in a category is measured over on `today`, if any.
#[instrument(skip_all)]
pub async fn window_of(
    db: &Db,
    person_id: i64,
    category_id: i64,
    today: Date,
) -> Result<Option<DateRange>, StoreError> {
    let today = date_to_text(today);
    let rows: Vec<TargetRow> = on_db!(db, pool => sqlx::query_as(PERSON_TARGETS).bind(&today)
        .bind(person_id).fetch_all(pool).await)?;
    Ok(choose_windows(rows)?.into_iter().find(|t| t.category_id == category_id).map(|t| t.window))
}

/// One window per person and category, chosen by [`window_rank`], in person and category order.
fn choose_windows(mut rows: Vec<TargetRow>) -> Result<Vec<Target>, StoreError> {
    rows.sort_by(|a, b| {
        (a.person_id, a.category_id, window_rank(a), &a.window_start, &a.window_end).cmp(&(
            b.person_id,
            b.category_id,
            window_rank(b),
            &b.window_start,
            &b.window_end,
        ))
    });
    rows.dedup_by_key(|row| (row.person_id, row.category_id));
    let mut targets = Vec::with_capacity(rows.len());
    for row in rows {
        let start = date_from_text(&row.window_start)?;
        let end = date_from_text(&row.window_end)?;
        let window = if row.source == "candidacy" {
            // The twelve months ending on the due date.
            DateRange {
                start: end
                    .saturating_sub(jiff::Span::new().years(1))
                    .saturating_add(jiff::Span::new().days(1)),
                end,
            }
        } else {
            DateRange { start, end }
        };
        targets.push(Target { person_id: row.person_id, category_id: row.category_id, window });
    }
    Ok(targets)
}

#[derive(FromRow)]
struct FactRow {
    person_id: i64,
    id: i64,
    contribution_type: String,
    started_on: String,
    ended_on: Option<String>,
    views: Option<i64>,
    live_views: Option<i64>,
    on_demand_views: Option<i64>,
    attendees: Option<i64>,
    sessions: Option<i64>,
    subscribers: Option<i64>,
    copies_sold: Option<i64>,
    answers: Option<i64>,
    stars: Option<i64>,
    downloads: Option<i64>,
    people_mentored: Option<i64>,
}

impl FactRow {
    fn into_facts(self) -> Result<(i64, ContributionFacts), StoreError> {
        let contribution_type: ContributionType = self
            .contribution_type
            .parse()
            .map_err(|_| invalid("contribution type", &self.contribution_type))?;
        let date = date_from_text(&self.started_on)?;
        let end = self.ended_on.as_deref().map(date_from_text).transpose()?;
        let reach = crate::contributions::reach_figures([
            self.views, self.live_views, self.on_demand_views, self.attendees, self.sessions,
            self.subscribers, self.copies_sold, self.answers, self.stars, self.downloads,
            self.people_mentored,
        ])
        .into_iter()
        .filter_map(|(metric, value)| Some((metric, u64::try_from(value).ok()?)))
        .collect();
        Ok((self.person_id, ContributionFacts { id: self.id, contribution_type, date, end, reach }))
    }
}

/// A contribution lasting from before `$1` into the range counts (see
/// `plaudit_domain::standing`), so the test is overlap, not the start date. It reads
/// `COALESCE(ended_on, started_on) >= $1` with the start tested on its own as well, because
/// the domain reads an end before the start as the start: such a row started in the range
/// still counts. Dates are 'YYYY-MM-DD' text, so comparing strings compares dates on both
/// backends.
const FACTS: &str = "SELECT person_id, id, contribution_type, started_on, ended_on, views, \
       live_views, on_demand_views, attendees, sessions, subscribers, copies_sold, answers, \
       stars, downloads, people_mentored \
     FROM contribution \
     WHERE started_on <= $2 AND (started_on >= $1 OR COALESCE(ended_on, started_on) >= $1) \
     ORDER BY person_id";

/// The scoring facts of every contribution lasting at least one day within `range`, grouped
/// by person (in person order). A full recompute reads them all once; pages read one person's
/// through `contribution_person_started`.
pub fn contribution_facts<'a>(
    db: &'a Db,
    range: DateRange,
) -> BoxStream<'a, Result<(i64, ContributionFacts), StoreError>> {
    let start = date_to_text(range.start);
    let end = date_to_text(range.end);
    on_db!(db, pool => futures_util::stream::once(async move { (start, end) })
        .flat_map(move |(start, end)| {
            sqlx::query_as::<_, FactRow>(FACTS).bind(start).bind(end).fetch(pool)
        })
        .map_err(StoreError::from)
        .and_then(|row| async move { row.into_facts() })
        .boxed())
}

/// A computed standing, ready to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandingRow {
    pub person_id: i64,
    pub category_id: i64,
    pub rubric_version_id: i64,
    pub window: DateRange,
    pub total: u32,
    pub threshold: u32,
    pub active_months: u32,
}

const SAVE_PREFIX: &str = "INSERT INTO standing (person_id, category_id, rubric_version_id, \
     window_start_on, window_end_on, total, threshold, active_months, computed_at) ";
const SAVE_SUFFIX: &str = " ON CONFLICT (person_id, category_id) DO UPDATE SET \
     rubric_version_id = excluded.rubric_version_id, window_start_on = excluded.window_start_on, \
     window_end_on = excluded.window_end_on, total = excluded.total, \
     threshold = excluded.threshold, active_months = excluded.active_months, \
     computed_at = excluded.computed_at";

/// Saves standings, replacing each person's earlier standing in the same category.
#[instrument(skip_all, fields(rows = rows.len()))]
pub async fn save(tx: &mut Tx, rows: &[StandingRow], now: Timestamp) -> Result<(), StoreError> {
    let now = to_micros(now);
    // 9 parameters a row keeps each statement under SQLite's 32766-parameter limit.
    for chunk in rows.chunks(2_000) {
        on_tx!(tx, conn => {
            let mut query = sqlx::QueryBuilder::new(SAVE_PREFIX);
            query.push_values(chunk, |mut b, row| {
                b.push_bind(row.person_id)
                    .push_bind(row.category_id)
                    .push_bind(row.rubric_version_id)
                    .push_bind(date_to_text(row.window.start))
                    .push_bind(date_to_text(row.window.end))
                    .push_bind(i64::from(row.total))
                    .push_bind(i64::from(row.threshold))
                    .push_bind(i64::from(row.active_months))
                    .push_bind(now);
            });
            query.push(SAVE_SUFFIX);
            query.build().execute(&mut *conn).await?;
        });
    }
    Ok(())
}

/// The saved standing of a person in a category, if any.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SavedStanding {
    pub total: i64,
    pub threshold: i64,
    pub active_months: i64,
    pub window_start_on: String,
    pub window_end_on: String,
}

pub async fn saved(
    db: &Db,
    person_id: i64,
    category_id: i64,
) -> Result<Option<SavedStanding>, StoreError> {
    const SAVED: &str = "SELECT total, threshold, active_months, window_start_on, window_end_on \
         FROM standing WHERE person_id = $1 AND category_id = $2";
    Ok(
        on_db!(db, pool => sqlx::query_as(SAVED).bind(person_id).bind(category_id).fetch_optional(pool).await)?,
    )
}

const PERSON_FACTS: &str = "SELECT person_id, id, contribution_type, started_on, ended_on, \
       views, live_views, on_demand_views, attendees, sessions, subscribers, copies_sold, \
       answers, stars, downloads, people_mentored \
     FROM contribution WHERE person_id = $1 AND started_on <= $3 \
       AND (started_on >= $2 OR COALESCE(ended_on, started_on) >= $2)";

/// The scoring facts of one person's contributions lasting at least a day within `range`,
/// read in the transaction that changed them (through `contribution_person_started`).
#[instrument(skip_all)]
pub async fn person_facts(
    tx: &mut Tx,
    person_id: i64,
    range: DateRange,
) -> Result<Vec<ContributionFacts>, StoreError> {
    let rows: Vec<FactRow> = on_tx!(tx, conn => sqlx::query_as(PERSON_FACTS).bind(person_id)
        .bind(date_to_text(range.start)).bind(date_to_text(range.end)).fetch_all(conn).await)?;
    rows.into_iter().map(|row| row.into_facts().map(|(_, facts)| facts)).collect()
}

#[derive(FromRow)]
struct TitledFactRow {
    #[sqlx(flatten)]
    facts: FactRow,
    title: String,
}

const PERSON_CONTRIBUTIONS: &str = "SELECT person_id, id, contribution_type, started_on, \
       ended_on, views, live_views, on_demand_views, attendees, sessions, subscribers, \
       copies_sold, answers, stars, downloads, people_mentored, title \
     FROM contribution WHERE person_id = $1 AND started_on <= $3 \
       AND (started_on >= $2 OR COALESCE(ended_on, started_on) >= $2)";

/// A contribution's scoring facts with its title, for the standing's breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitledFacts {
    pub facts: ContributionFacts,
    pub title: String,
}

/// One person's contributions within `range`, for their standing page.
#[instrument(skip_all)]
pub async fn person_contributions(
    db: &Db,
    person_id: i64,
    range: DateRange,
) -> Result<Vec<TitledFacts>, StoreError> {
    let rows: Vec<TitledFactRow> = on_db!(db, pool => sqlx::query_as(PERSON_CONTRIBUTIONS)
        .bind(person_id).bind(date_to_text(range.start)).bind(date_to_text(range.end))
        .fetch_all(pool).await)?;
    rows.into_iter()
        .map(|row| Ok(TitledFacts { facts: row.facts.into_facts()?.1, title: row.title }))
        .collect()
}

/// A category's newest published rubric, if it has one.
#[instrument(skip_all)]
pub async fn published_rubric(
    db: &Db,
    category_id: i64,
) -> Result<Option<PublishedRubric>, StoreError> {
    Ok(published_rubrics(db).await?.into_iter().find(|r| r.category_id == category_id))
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
