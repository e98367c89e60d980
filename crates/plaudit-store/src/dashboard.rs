//! What the admin dashboard's charts count: awards per award year and category, the
//! candidacies of the current cycle by state, and renewals against new alumni per year.

use jiff::civil::Date;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::date_to_text;
use crate::{Db, StoreError, on_db};

/// How many awards of a category an award year gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct AwardsInYear {
    pub award_year: i64,
    pub category_id: i64,
    pub awards: i64,
}

/// Every award year's awards per category, revoked ones aside (an award is one person, so this
/// counts awardees), from the covering index award_year_category in its order.
const AWARDS_PER_YEAR: &str = "SELECT award_year, category_id, COUNT(*) AS awards FROM award \
     WHERE revoked_at IS NULL GROUP BY award_year, category_id ORDER BY award_year, category_id";

#[instrument(skip_all)]
pub async fn awards_per_year(db: &Db) -> Result<Vec<AwardsInYear>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(AWARDS_PER_YEAR).fetch_all(pool).await)?)
}

/// A cycle as the funnel names it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct FunnelCycle {
    pub id: i64,
    pub name: String,
}

/// The latest cycle whose nominations have opened by `$1`. A program has a cycle or two a year.
const CURRENT_CYCLE: &str = "SELECT id, name FROM cycle WHERE nominations_open_on <= $1 \
     ORDER BY nominations_open_on DESC, id DESC LIMIT 1";

#[instrument(skip_all)]
pub async fn current_cycle(db: &Db, today: Date) -> Result<Option<FunnelCycle>, StoreError> {
    let today = date_to_text(today);
    Ok(on_db!(db, pool => sqlx::query_as(CURRENT_CYCLE).bind(&today).fetch_optional(pool).await)?)
}

/// A cycle's candidacies per state, from candidacy_cycle_category_state alone.
const CANDIDACIES_BY_STATE: &str =
    "SELECT state, COUNT(*) FROM candidacy WHERE cycle_id = $1 GROUP BY state";

/// How many of a cycle's candidacies are in each state (states none is in are left out).
#[instrument(skip_all)]
pub async fn candidacies_by_state(
    db: &Db,
    cycle_id: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(
        on_db!(db, pool => sqlx::query_as(CANDIDACIES_BY_STATE).bind(cycle_id).fetch_all(pool).await)?,
    )
}

/// Awards that renew an earlier one, per award year, revoked ones aside; award_year_category
/// covers it.
const RENEWALS_PER_YEAR: &str = "SELECT award_year, COUNT(*) FROM award \
     WHERE renewal_of_award_id IS NOT NULL AND revoked_at IS NULL \
     GROUP BY award_year ORDER BY award_year";

/// Awards whose holder became an alumnus, per calendar year of the end: the term ran out
/// without renewal, or the award ended early. Served by the partial index award_ended.
const ALUMNI_PER_YEAR: &str = "SELECT CAST(SUBSTR(COALESCE(ended_early_on, ends_on), 1, 4) AS BIGINT) \
       AS ended_year, COUNT(*) FROM award \
     WHERE ended_early_on IS NOT NULL OR end_reason = 'term_ended' \
     GROUP BY 1 ORDER BY 1";

/// A count per year, as (year, count) in year order.
pub type PerYear = Vec<(i64, i64)>;

/// Renewals and new alumni, each per year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenewalsAndAlumni {
    pub renewals: PerYear,
    pub alumni: PerYear,
}

#[instrument(skip_all)]
pub async fn renewals_and_alumni(db: &Db) -> Result<RenewalsAndAlumni, StoreError> {
    let (renewals, alumni): (PerYear, PerYear) = on_db!(db, pool => (
        sqlx::query_as(RENEWALS_PER_YEAR).fetch_all(pool).await?,
        sqlx::query_as(ALUMNI_PER_YEAR).fetch_all(pool).await?,
    ));
    Ok(RenewalsAndAlumni { renewals, alumni })
}
