//! What the admins' exports read: awards with their holders, contributions, and decisions, a
//! batch at a time after an id, so a file of two million rows streams in flat memory.

use sqlx::FromRow;
use tracing::instrument;

use crate::{Db, StoreError, on_db};

/// A batch of rows, and whether more may follow it.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch<T> {
    pub rows: Vec<T>,
    pub more: bool,
}

impl<T> Batch<T> {
    fn of(rows: Vec<T>, limit: i64) -> Batch<T> {
        let more = rows.len() >= usize::try_from(limit).unwrap_or(usize::MAX);
        Batch { rows, more }
    }
}

/// What narrows an export: a category (by id) and a span of days, `YYYY-MM-DD`, both ends
/// included; what the days are compared with depends on the export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilter {
    pub category_id: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// An award with its holder.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AwardeeRow {
    pub id: i64,
    pub display_name: String,
    pub email: Option<String>,
    pub person_slug: String,
    pub country: Option<String>,
    pub category_slug: String,
    pub award_year: i64,
    pub starts_on: String,
    pub ends_on: String,
    pub ended_early_on: Option<String>,
    pub end_reason: Option<String>,
    pub credential_id: String,
}

// The span is of the award's term: an award is kept when its term meets the days asked for.
const AWARDEES: &str = "SELECT a.id, p.display_name, ac.email, p.slug AS person_slug, p.country, \
       c.slug AS category_slug, a.award_year, a.starts_on, a.ends_on, a.ended_early_on, \
       a.end_reason, a.credential_id \
     FROM award a JOIN person p ON p.id = a.person_id JOIN category c ON c.id = a.category_id \
       LEFT JOIN account ac ON ac.person_id = a.person_id \
     WHERE a.id > $1 AND a.revoked_at IS NULL \
       AND ($2 IS NULL OR a.category_id = $2) \
       AND ($3 IS NULL OR COALESCE(a.ended_early_on, a.ends_on) >= $3) \
       AND ($4 IS NULL OR a.starts_on <= $4) \
     ORDER BY a.id LIMIT $5";

#[instrument(skip_all)]
pub async fn awardees(
    db: &Db,
    filter: &ExportFilter,
    after: i64,
    limit: i64,
) -> Result<Batch<AwardeeRow>, StoreError> {
    let rows = on_db!(db, pool => sqlx::query_as(AWARDEES).bind(after).bind(filter.category_id)
        .bind(&filter.from).bind(&filter.to).bind(limit).fetch_all(pool).await)?;
    Ok(Batch::of(rows, limit))
}

/// A contribution with its author, as the program sees it (every visibility: the export is
/// the admins').
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ContributionExportRow {
    pub id: i64,
    pub display_name: String,
    pub person_slug: String,
    pub contribution_type: String,
    pub title: String,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub url: Option<String>,
    pub visibility: String,
    pub high_impact: bool,
    pub source: String,
    pub views: Option<i64>,
    pub attendees: Option<i64>,
    pub answers: Option<i64>,
    pub stars: Option<i64>,
    pub downloads: Option<i64>,
}

// The category is the author's: someone who holds or held an award in it, or stands in it.
const CONTRIBUTIONS: &str = "SELECT k.id, p.display_name, p.slug AS person_slug, \
       k.contribution_type, k.title, k.started_on, k.ended_on, k.url, k.visibility, \
       k.high_impact, k.source, k.views, k.attendees, k.answers, k.stars, k.downloads \
     FROM contribution k JOIN person p ON p.id = k.person_id \
     WHERE k.id > $1 \
       AND ($2 IS NULL OR EXISTS (SELECT 1 FROM award a WHERE a.person_id = k.person_id \
                                    AND a.category_id = $2) \
                       OR EXISTS (SELECT 1 FROM candidacy d WHERE d.person_id = k.person_id \
                                    AND d.category_id = $2)) \
       AND ($3 IS NULL OR k.started_on >= $3) \
       AND ($4 IS NULL OR k.started_on <= $4) \
     ORDER BY k.id LIMIT $5";

#[instrument(skip_all)]
pub async fn contributions(
    db: &Db,
    filter: &ExportFilter,
    after: i64,
    limit: i64,
) -> Result<Batch<ContributionExportRow>, StoreError> {
    let rows = on_db!(db, pool => sqlx::query_as(CONTRIBUTIONS).bind(after)
        .bind(filter.category_id).bind(&filter.from).bind(&filter.to).bind(limit)
        .fetch_all(pool).await)?;
    Ok(Batch::of(rows, limit))
}

/// A candidacy and its decision, when one was made: one row per decision round, and one for a
/// candidacy still undecided.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct DecisionRow {
    pub candidacy_id: i64,
    pub display_name: String,
    pub email: Option<String>,
    pub category_slug: String,
    pub cycle_name: String,
    pub state: String,
    pub round: Option<i64>,
    pub outcome: Option<String>,
    pub standing_total: Option<i64>,
    pub threshold: Option<i64>,
    pub votes_award: Option<i64>,
    pub votes_decline: Option<i64>,
    pub votes_defer: Option<i64>,
    pub departs_from_rubric: Option<bool>,
    pub rationale: Option<String>,
    /// Microseconds since the epoch.
    pub decided_at: Option<i64>,
}

// Days compare with the cycle's announcement day: the candidacies of the cycles announced in
// the span (or to be announced in it).
const DECISIONS: &str = "SELECT k.id AS candidacy_id, p.display_name, ac.email, \
       c.slug AS category_slug, y.name AS cycle_name, k.state, d.round, d.outcome, \
       d.standing_total, d.threshold, d.votes_award, d.votes_decline, d.votes_defer, \
       d.departs_from_rubric, d.rationale, d.decided_at \
     FROM candidacy k JOIN person p ON p.id = k.person_id JOIN category c ON c.id = k.category_id \
       JOIN cycle y ON y.id = k.cycle_id LEFT JOIN account ac ON ac.person_id = k.person_id \
       LEFT JOIN decision d ON d.candidacy_id = k.id \
     WHERE k.id > $1 \
       AND ($2 IS NULL OR k.category_id = $2) \
       AND ($3 IS NULL OR y.announcement_on >= $3) \
       AND ($4 IS NULL OR y.announcement_on <= $4) \
     ORDER BY k.id, d.round LIMIT $5";

/// A batch of rows after candidacy `after`. A batch ends on a whole candidacy (all its rounds),
/// so the next one starts after it: it reads `limit` candidacies' worth and drops a last,
/// possibly partial one unless it is the only one.
#[instrument(skip_all)]
pub async fn decisions(
    db: &Db,
    filter: &ExportFilter,
    after: i64,
    limit: i64,
) -> Result<Batch<DecisionRow>, StoreError> {
    let rows: Vec<DecisionRow> = on_db!(db, pool => sqlx::query_as(DECISIONS).bind(after)
        .bind(filter.category_id).bind(&filter.from).bind(&filter.to).bind(limit)
        .fetch_all(pool).await)?;
    let mut batch = Batch::of(rows, limit);
    if batch.more
        && let (Some(first), Some(last)) = (batch.rows.first(), batch.rows.last())
        && first.candidacy_id != last.candidacy_id
    {
        let last = last.candidacy_id;
        batch.rows.retain(|r| r.candidacy_id != last);
    }
    Ok(batch)
}
