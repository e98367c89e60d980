//! A person's contributions: what they did for the community, with its reach.

use jiff::Timestamp;
use plaudit_domain::contribution::ValidContribution;
use plaudit_domain::kinds::ReachMetric;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::{date_to_text, to_micros};
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// A stored contribution, as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ContributionRow {
    pub id: i64,
    pub person_id: i64,
    pub contribution_type: String,
    pub title: String,
    pub description: String,
    pub private_note: String,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    pub primary_area: Option<String>,
    pub person_role: String,
    pub visibility: String,
    pub high_impact: bool,
    pub source: String,
    pub views: Option<i64>,
    pub live_views: Option<i64>,
    pub on_demand_views: Option<i64>,
    pub attendees: Option<i64>,
    pub sessions: Option<i64>,
    pub subscribers: Option<i64>,
    pub copies_sold: Option<i64>,
    pub answers: Option<i64>,
    pub stars: Option<i64>,
    pub downloads: Option<i64>,
    pub people_mentored: Option<i64>,
}

impl ContributionRow {
    /// The reach figures that are set, in [`ReachMetric::ALL`] order.
    pub fn reach(&self) -> Vec<(ReachMetric, i64)> {
        [
            (ReachMetric::Views, self.views),
            (ReachMetric::LiveViews, self.live_views),
            (ReachMetric::OnDemandViews, self.on_demand_views),
            (ReachMetric::Attendees, self.attendees),
            (ReachMetric::Sessions, self.sessions),
            (ReachMetric::Subscribers, self.subscribers),
            (ReachMetric::CopiesSold, self.copies_sold),
            (ReachMetric::Answers, self.answers),
            (ReachMetric::Stars, self.stars),
            (ReachMetric::Downloads, self.downloads),
            (ReachMetric::PeopleMentored, self.people_mentored),
        ]
        .into_iter()
        .filter_map(|(metric, value)| Some((metric, value?)))
        .collect()
    }
}

// The column list is shared; each query is still one constant string.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT c.id, c.person_id, c.contribution_type, c.title, c.description, \
             c.private_note, c.started_on, c.ended_on, c.url, c.canonical_url, \
             (SELECT t.slug FROM technology_area t WHERE t.id = c.primary_area_id) AS primary_area, \
             c.person_role, c.visibility, c.high_impact, c.source, c.views, c.live_views, \
             c.on_demand_views, c.attendees, c.sessions, c.subscribers, c.copies_sold, c.answers, \
             c.stars, c.downloads, c.people_mentored FROM contribution c ",
            $rest
        )
    };
}

const ONE: &str = select!("WHERE c.id = $1 AND c.person_id = $2");
/// Newest first, a page at a time after a (started_on, id) key, through
/// `contribution_person_started`.
const PAGE: &str = select!(
    "WHERE c.person_id = $1 AND (c.started_on < $2 OR (c.started_on = $2 AND c.id < $3)) \
     ORDER BY c.started_on DESC, c.id DESC LIMIT $4"
);
const ALL_OF: &str = select!("WHERE c.person_id = $1 ORDER BY c.started_on, c.id");

/// One of the person's contributions; None for anyone else's.
#[instrument(skip_all)]
pub async fn own(db: &Db, person_id: i64, id: i64) -> Result<Option<ContributionRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(ONE).bind(id).bind(person_id).fetch_optional(pool).await)?)
}

/// A page of the person's contributions, newest first, after `after` (a started_on, id key;
/// None for the first page).
#[instrument(skip_all)]
pub async fn page(
    db: &Db,
    person_id: i64,
    after: Option<(String, i64)>,
    limit: i64,
) -> Result<Vec<ContributionRow>, StoreError> {
    // '9999-12-31' sorts after every date: the first page.
    let (date, id) = after.unwrap_or_else(|| ("9999-12-31".to_owned(), i64::MAX));
    Ok(on_db!(db, pool => sqlx::query_as(PAGE).bind(person_id).bind(date).bind(id).bind(limit)
        .fetch_all(pool).await)?)
}

/// Every contribution of the person, oldest first (exports and the standing page).
#[instrument(skip_all)]
pub async fn all_of(db: &Db, person_id: i64) -> Result<Vec<ContributionRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(ALL_OF).bind(person_id).fetch_all(pool).await)?)
}

/// How many contributions the person has, by visibility.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VisibilityCounts {
    pub public: i64,
    pub program_only: i64,
    pub private: i64,
}

const COUNTS: &str =
    "SELECT visibility, COUNT(*) FROM contribution WHERE person_id = $1 GROUP BY visibility";

#[instrument(skip_all)]
pub async fn counts(db: &Db, person_id: i64) -> Result<VisibilityCounts, StoreError> {
    let rows: Vec<(String, i64)> =
        on_db!(db, pool => sqlx::query_as(COUNTS).bind(person_id).fetch_all(pool).await)?;
    let mut counts = VisibilityCounts::default();
    for (visibility, n) in rows {
        match visibility.as_str() {
            "public" => counts.public = n,
            "program_only" => counts.program_only = n,
            _ => counts.private += n,
        }
    }
    Ok(counts)
}

const AREA_IDS: &str = "SELECT id, slug FROM technology_area WHERE active";

/// Every active technology area as (id, slug); a program has tens of them.
#[instrument(skip_all)]
pub async fn area_ids(db: &Db) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(AREA_IDS).fetch_all(pool).await)?)
}

/// A technology area for forms: slug, name, and its category's name.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Area {
    pub slug: String,
    pub name: String,
    pub category: String,
}

const AREAS: &str = "SELECT t.slug, t.name, c.name AS category FROM technology_area t \
     JOIN category c ON c.id = t.category_id WHERE t.active \
     ORDER BY c.position, c.name, t.name";

#[instrument(skip_all)]
pub async fn areas(db: &Db) -> Result<Vec<Area>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(AREAS).fetch_all(pool).await)?)
}

const DUPLICATE: &str = "SELECT id, title FROM contribution \
     WHERE person_id = $1 AND canonical_url = $2 AND id <> $3";

/// The person's other contribution at the same canonical address, if any.
#[instrument(skip_all)]
pub async fn with_canonical_url(
    tx: &mut Tx,
    person_id: i64,
    canonical_url: &str,
    except_id: i64,
) -> Result<Option<(i64, String)>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(DUPLICATE).bind(person_id).bind(canonical_url)
        .bind(except_id).fetch_optional(conn).await)?)
}

/// What tells one of a person's contributions from another: its canonical address, or,
/// without one, its type, title and day.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Recorded {
    pub canonical_url: Option<String>,
    pub contribution_type: String,
    pub title: String,
    pub started_on: String,
}

const RECORDED: &str = "SELECT canonical_url, contribution_type, title, started_on \
     FROM contribution WHERE person_id = $1";

/// Every contribution of the person, as what an import checks each line against.
#[instrument(skip_all)]
pub async fn recorded(db: &Db, person_id: i64) -> Result<Vec<Recorded>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(RECORDED).bind(person_id).fetch_all(pool).await)?)
}

/// [`recorded`] inside a transaction, to check again right before writing.
#[instrument(skip_all)]
pub async fn recorded_in(tx: &mut Tx, person_id: i64) -> Result<Vec<Recorded>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(RECORDED).bind(person_id).fetch_all(conn).await)?)
}

/// A contribution to write, with its area ids resolved.
pub struct Write<'a> {
    pub person_id: i64,
    pub contribution: &'a ValidContribution,
    pub primary_area_id: Option<i64>,
    pub area_ids: &'a [i64],
    /// `manual`, `csv`, or an importer.
    pub source: &'a str,
}

const INSERT: &str = "INSERT INTO contribution (person_id, contribution_type, title, \
     description, private_note, started_on, ended_on, url, canonical_url, primary_area_id, \
     person_role, visibility, high_impact, source, views, live_views, on_demand_views, \
     attendees, sessions, subscribers, copies_sold, answers, stars, downloads, people_mentored, \
     created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
     $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $26) RETURNING id";

const UPDATE: &str = "UPDATE contribution SET contribution_type = $2, title = $3, \
     description = $4, private_note = $5, started_on = $6, ended_on = $7, url = $8, \
     canonical_url = $9, primary_area_id = $10, person_role = $11, visibility = $12, \
     high_impact = $13, views = $15, live_views = $16, on_demand_views = $17, attendees = $18, \
     sessions = $19, subscribers = $20, copies_sold = $21, answers = $22, stars = $23, \
     downloads = $24, people_mentored = $25, updated_at = $26 \
     WHERE id = $1 AND person_id = $14";

fn figure(c: &ValidContribution, metric: ReachMetric) -> Option<i64> {
    c.reach_of(metric).map(|v| i64::try_from(v).unwrap_or(i64::MAX))
}

macro_rules! bind_contribution {
    ($query:expr, $w:expr, $now:expr) => {{
        let c = $w.contribution;
        $query
            .bind(c.contribution_type.as_str())
            .bind(&c.title)
            .bind(&c.description)
            .bind(&c.private_note)
            .bind(date_to_text(c.started_on))
            .bind(c.ended_on.map(date_to_text))
            .bind(c.url.as_ref().map(|u| u.typed.as_str()))
            .bind(c.url.as_ref().map(|u| u.canonical.as_str()))
            .bind($w.primary_area_id)
            .bind(c.person_role.as_str())
            .bind(c.visibility.as_str())
            .bind(c.high_impact)
            .bind($w.source)
            .bind(figure(c, ReachMetric::Views))
            .bind(figure(c, ReachMetric::LiveViews))
            .bind(figure(c, ReachMetric::OnDemandViews))
            .bind(figure(c, ReachMetric::Attendees))
            .bind(figure(c, ReachMetric::Sessions))
            .bind(figure(c, ReachMetric::Subscribers))
            .bind(figure(c, ReachMetric::CopiesSold))
            .bind(figure(c, ReachMetric::Answers))
            .bind(figure(c, ReachMetric::Stars))
            .bind(figure(c, ReachMetric::Downloads))
            .bind(figure(c, ReachMetric::PeopleMentored))
            .bind(to_micros($now))
    }};
}

/// Inserts a contribution with its areas and audiences; returns its id.
#[instrument(skip_all)]
pub async fn insert(tx: &mut Tx, write: &Write<'_>, now: Timestamp) -> Result<i64, StoreError> {
    let id: i64 = on_tx!(tx, conn => {
        let query = sqlx::query_scalar(INSERT).bind(write.person_id);
        bind_contribution!(query, write, now).fetch_one(&mut *conn).await
    })?;
    insert_lists(tx, id, write).await?;
    Ok(id)
}

/// Replaces one of the person's contributions; false when it is not theirs (or gone).
#[instrument(skip_all)]
pub async fn update(
    tx: &mut Tx,
    id: i64,
    write: &Write<'_>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    // $14 (source, in the insert) is the owner here: the update keeps the source it came from.
    let changed = on_tx!(tx, conn => {
        let c = write.contribution;
        sqlx::query(UPDATE)
            .bind(id)
            .bind(c.contribution_type.as_str())
            .bind(&c.title)
            .bind(&c.description)
            .bind(&c.private_note)
            .bind(date_to_text(c.started_on))
            .bind(c.ended_on.map(date_to_text))
            .bind(c.url.as_ref().map(|u| u.typed.as_str()))
            .bind(c.url.as_ref().map(|u| u.canonical.as_str()))
            .bind(write.primary_area_id)
            .bind(c.person_role.as_str())
            .bind(c.visibility.as_str())
            .bind(c.high_impact)
            .bind(write.person_id)
            .bind(figure(c, ReachMetric::Views))
            .bind(figure(c, ReachMetric::LiveViews))
            .bind(figure(c, ReachMetric::OnDemandViews))
            .bind(figure(c, ReachMetric::Attendees))
            .bind(figure(c, ReachMetric::Sessions))
            .bind(figure(c, ReachMetric::Subscribers))
            .bind(figure(c, ReachMetric::CopiesSold))
            .bind(figure(c, ReachMetric::Answers))
            .bind(figure(c, ReachMetric::Stars))
            .bind(figure(c, ReachMetric::Downloads))
            .bind(figure(c, ReachMetric::PeopleMentored))
            .bind(to_micros(now))
            .execute(&mut *conn).await.map(|done| done.rows_affected())
    })?;
    if changed == 0 {
        return Ok(false);
    }
    replace_lists(tx, id, write).await?;
    Ok(true)
}

const DELETE_AREAS: &str = "DELETE FROM contribution_area WHERE contribution_id = $1";
const INSERT_AREA: &str =
    "INSERT INTO contribution_area (contribution_id, technology_area_id) VALUES ($1, $2)";
const DELETE_AUDIENCES: &str = "DELETE FROM contribution_audience WHERE contribution_id = $1";
const INSERT_AUDIENCE: &str =
    "INSERT INTO contribution_audience (contribution_id, audience) VALUES ($1, $2)";

async fn replace_lists(tx: &mut Tx, id: i64, write: &Write<'_>) -> Result<(), StoreError> {
    on_tx!(tx, conn => {
        sqlx::query(DELETE_AREAS).bind(id).execute(&mut *conn).await?;
        sqlx::query(DELETE_AUDIENCES).bind(id).execute(&mut *conn).await?;
        Ok::<(), sqlx::Error>(())
    })?;
    insert_lists(tx, id, write).await
}

/// The areas and audiences of a contribution that has none yet (a new one: an import of
/// thousands saves two statements each).
async fn insert_lists(tx: &mut Tx, id: i64, write: &Write<'_>) -> Result<(), StoreError> {
    on_tx!(tx, conn => {
        for area in write.area_ids {
            sqlx::query(INSERT_AREA).bind(id).bind(area).execute(&mut *conn).await?;
        }
        for audience in &write.contribution.audiences {
            sqlx::query(INSERT_AUDIENCE).bind(id).bind(audience.as_str())
                .execute(&mut *conn).await?;
        }
        Ok::<(), sqlx::Error>(())
    })?;
    Ok(())
}

const DELETE: &str = "DELETE FROM contribution WHERE id = $1 AND person_id = $2";

/// Deletes one of the person's contributions (its areas and audiences cascade); false when
/// it is not theirs.
#[instrument(skip_all)]
pub async fn delete(tx: &mut Tx, person_id: i64, id: i64) -> Result<bool, StoreError> {
    let deleted = on_tx!(tx, conn => sqlx::query(DELETE).bind(id).bind(person_id)
        .execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(deleted > 0)
}

const LISTS: &str = "SELECT t.slug FROM contribution_area a \
     JOIN technology_area t ON t.id = a.technology_area_id WHERE a.contribution_id = $1 \
     ORDER BY t.slug";
const AUDIENCES_OF: &str =
    "SELECT audience FROM contribution_audience WHERE contribution_id = $1 ORDER BY audience";

/// The extra areas (slugs) and audiences of one contribution, for its edit form.
#[instrument(skip_all)]
pub async fn lists(db: &Db, id: i64) -> Result<(Vec<String>, Vec<String>), StoreError> {
    Ok(on_db!(db, pool => (
        sqlx::query_scalar(LISTS).bind(id).fetch_all(pool).await?,
        sqlx::query_scalar(AUDIENCES_OF).bind(id).fetch_all(pool).await?,
    )))
}

const AREAS_OF_PERSON: &str = "SELECT a.contribution_id, t.slug FROM contribution_area a \
     JOIN technology_area t ON t.id = a.technology_area_id \
     JOIN contribution c ON c.id = a.contribution_id WHERE c.person_id = $1 \
     ORDER BY a.contribution_id, t.slug";
const AUDIENCES_OF_PERSON: &str = "SELECT a.contribution_id, a.audience \
     FROM contribution_audience a JOIN contribution c ON c.id = a.contribution_id \
     WHERE c.person_id = $1 ORDER BY a.contribution_id, a.audience";

/// Values of a list (an area's slug, an audience) by contribution id.
pub type ListValues = Vec<(i64, String)>;

/// The extra areas (slugs) and audiences of every contribution of the person, as
/// (contribution id, value) pairs: [`lists`] for an export, in two queries.
#[instrument(skip_all)]
pub async fn lists_of_person(
    db: &Db,
    person_id: i64,
) -> Result<(ListValues, ListValues), StoreError> {
    Ok(on_db!(db, pool => (
        sqlx::query_as(AREAS_OF_PERSON).bind(person_id).fetch_all(pool).await?,
        sqlx::query_as(AUDIENCES_OF_PERSON).bind(person_id).fetch_all(pool).await?,
    )))
}
