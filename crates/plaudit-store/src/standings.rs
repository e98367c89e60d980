//! Standings of candidates and awardees against their category's published rubric: reading
//! the rubrics and the contributions that feed them, and saving the computed totals.

use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use jiff::Timestamp;
use jiff::civil::Date;
use plaudit_domain::cycle::DateRange;
use plaudit_domain::kinds::ContributionType;
use plaudit_domain::standing::ContributionFacts;
use sqlx::FromRow;
use tracing::instrument;

use crate::rubrics::invalid;
use crate::timestamp::{date_from_text, date_to_text, to_micros};
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// Someone whose standing is measured: in a category, over a window of dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub person_id: i64,
    pub category_id: i64,
    pub window: DateRange,
    /// The open candidacy and its cycle the window comes from, when it comes from one: it is
    /// measured against the rubric its cycle pinned, and its standing is kept on it too.
    pub candidacy: Option<CandidacyTarget>,
}

/// A candidacy measured by a recompute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CandidacyTarget {
    pub candidacy_id: i64,
    pub cycle_id: i64,
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
    candidacy_id: Option<i64>,
    cycle_id: Option<i64>,
}

/// Current awardees are measured over their award term (what the renewal forecast reads);
/// candidates of cycles not yet announced over their cycle's contribution window, the twelve
/// months ending on the day contributions are due.
const TARGETS: &str = "SELECT person_id, category_id, 'award' AS source, \
       starts_on AS window_start, ends_on AS window_end, starts_on AS decided_on, \
       CAST(NULL AS BIGINT) AS candidacy_id, CAST(NULL AS BIGINT) AS cycle_id \
     FROM award WHERE ends_on >= $1 AND starts_on <= $1 AND ended_early_on IS NULL \
       AND revoked_at IS NULL \
     UNION ALL \
     SELECT k.person_id, k.category_id, 'candidacy' AS source, \
       y.contributions_due_on AS window_start, y.contributions_due_on AS window_end, \
       y.announcement_on AS decided_on, k.id AS candidacy_id, y.id AS cycle_id \
     FROM cycle y JOIN candidacy k ON k.cycle_id = y.id \
     WHERE y.announcement_on > $1 \
       AND k.state NOT IN ('withdrawn', 'invitation_declined', 'declined', 'awarded', 'lapsed')";

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
       starts_on AS window_start, ends_on AS window_end, starts_on AS decided_on, \
       CAST(NULL AS BIGINT) AS candidacy_id, CAST(NULL AS BIGINT) AS cycle_id \
     FROM award WHERE person_id = $2 AND ends_on >= $1 AND starts_on <= $1 \
       AND ended_early_on IS NULL AND revoked_at IS NULL \
     UNION ALL \
     SELECT k.person_id, k.category_id, 'candidacy' AS source, \
       y.contributions_due_on AS window_start, y.contributions_due_on AS window_end, \
       y.announcement_on AS decided_on, k.id AS candidacy_id, y.id AS cycle_id \
     FROM candidacy k JOIN cycle y ON y.id = k.cycle_id \
     WHERE k.person_id = $2 AND y.announcement_on > $1 \
       AND k.state NOT IN ('withdrawn', 'invitation_declined', 'declined', 'awarded', 'lapsed')";

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

/// What a person's standing in a category is measured over on `today` (the window, and the
/// candidacy it comes from), if anything.
#[instrument(skip_all)]
pub async fn target_of(
    db: &Db,
    person_id: i64,
    category_id: i64,
    today: Date,
) -> Result<Option<Target>, StoreError> {
    let today = date_to_text(today);
    let rows: Vec<TargetRow> = on_db!(db, pool => sqlx::query_as(PERSON_TARGETS).bind(&today)
        .bind(person_id).fetch_all(pool).await)?;
    Ok(choose_windows(rows)?.into_iter().find(|t| t.category_id == category_id))
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
            plaudit_domain::cycle::contribution_window_ending(end)
        } else {
            DateRange { start, end }
        };
        let candidacy = match (row.candidacy_id, row.cycle_id) {
            (Some(candidacy_id), Some(cycle_id)) => {
                Some(CandidacyTarget { candidacy_id, cycle_id })
            }
            _ => None,
        };
        targets.push(Target {
            person_id: row.person_id,
            category_id: row.category_id,
            window,
            candidacy,
        });
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
    score: Option<i64>,
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
            self.people_mentored, self.score,
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
       stars, downloads, people_mentored, score \
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
       answers, stars, downloads, people_mentored, score \
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
       copies_sold, answers, stars, downloads, people_mentored, score, title \
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

/// Keeps each candidacy's standing against its cycle's pinned rubric: (candidacy, total,
/// threshold). `VALUES` columns are named column1… on both backends.
const SAVE_CANDIDACY_PREFIX: &str = "UPDATE candidacy SET standing_total = v.column2, \
     standing_threshold = v.column3 FROM (";
const SAVE_CANDIDACY_SUFFIX: &str = ") AS v WHERE candidacy.id = v.column1";

/// Saves candidacies' standings, in the transaction that saves the people's standings.
#[instrument(skip_all, fields(rows = rows.len()))]
pub async fn save_candidacies(tx: &mut Tx, rows: &[(i64, u32, u32)]) -> Result<(), StoreError> {
    for chunk in rows.chunks(5_000) {
        on_tx!(tx, conn => {
            let mut query = sqlx::QueryBuilder::new(SAVE_CANDIDACY_PREFIX);
            query.push_values(chunk, |mut b, (id, total, threshold)| {
                b.push_bind(*id).push_bind(i64::from(*total)).push_bind(i64::from(*threshold));
            });
            query.push(SAVE_CANDIDACY_SUFFIX);
            query.build().execute(&mut *conn).await?;
        });
    }
    Ok(())
}

/// A finalized decision, to be measured as it should have been when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecidedTarget {
    pub decision_id: i64,
    pub outcome: String,
    pub target: Target,
}

const DECIDED: &str = "SELECT d.id AS decision_id, d.outcome, k.person_id, k.category_id, \
       k.id AS candidacy_id, y.id AS cycle_id, y.contributions_due_on \
     FROM decision d JOIN candidacy k ON k.id = d.candidacy_id JOIN cycle y ON y.id = k.cycle_id \
     ORDER BY k.person_id, d.id";

/// Every finalized decision with the window its candidacy was measured over, by person: for a
/// history written at once (the demo), whose standings are computed afterwards.
#[instrument(skip_all)]
pub async fn decided_targets(db: &Db) -> Result<Vec<DecidedTarget>, StoreError> {
    type Row = (i64, String, i64, i64, i64, i64, String);
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(DECIDED).fetch_all(pool).await)?;
    rows.into_iter()
        .map(|(decision_id, outcome, person_id, category_id, candidacy_id, cycle_id, due)| {
            Ok(DecidedTarget {
                decision_id,
                outcome,
                target: Target {
                    person_id,
                    category_id,
                    window: plaudit_domain::cycle::contribution_window_ending(date_from_text(
                        &due,
                    )?),
                    candidacy: Some(CandidacyTarget { candidacy_id, cycle_id }),
                },
            })
        })
        .collect()
}

/// The standing a decision records, and whether it departs from the rubric's advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionStanding<'a> {
    pub decision_id: i64,
    pub candidacy_id: i64,
    pub rubric_version_id: i64,
    pub total: u32,
    pub threshold: u32,
    pub departs_from_rubric: bool,
    /// Replaces the decision's rationale when given.
    pub rationale: Option<&'a str>,
}

const RECORD_DECISION: &str = "UPDATE decision SET standing_total = $2, threshold = $3, \
       rubric_version_id = $4, departs_from_rubric = $5, rationale = COALESCE($6, rationale) \
     WHERE id = $1";
const RECORD_CANDIDACY: &str =
    "UPDATE candidacy SET standing_total = $2, standing_threshold = $3 WHERE id = $1";

/// Writes the standings decisions record, on the decisions and their candidacies.
#[instrument(skip_all)]
pub async fn record_decision_standings(
    tx: &mut Tx,
    rows: &[DecisionStanding<'_>],
) -> Result<(), StoreError> {
    on_tx!(tx, conn => {
        for row in rows {
            sqlx::query(RECORD_DECISION)
                .bind(row.decision_id)
                .bind(i64::from(row.total))
                .bind(i64::from(row.threshold))
                .bind(row.rubric_version_id)
                .bind(row.departs_from_rubric)
                .bind(row.rationale)
                .execute(&mut *conn)
                .await?;
            sqlx::query(RECORD_CANDIDACY)
                .bind(row.candidacy_id)
                .bind(i64::from(row.total))
                .bind(i64::from(row.threshold))
                .execute(&mut *conn)
                .await?;
        }
        Ok::<(), sqlx::Error>(())
    })?;
    Ok(())
}

/// The people with an open candidacy (as [`TARGETS`] counts them) of a cycle in a category.
const CANDIDATES_OF: &str = "SELECT DISTINCT person_id FROM candidacy \
     WHERE cycle_id = $1 AND category_id = $2 \
       AND state NOT IN ('withdrawn', 'invitation_declined', 'declined', 'awarded', 'lapsed')";

/// Whose standings a new rubric pinned to the cycle changes.
#[instrument(skip_all)]
pub async fn candidates_of(
    db: &Db,
    cycle_id: i64,
    category_id: i64,
) -> Result<Vec<i64>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(CANDIDATES_OF).bind(cycle_id).bind(category_id)
        .fetch_all(pool).await)?)
}
