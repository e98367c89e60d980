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
    pub score: Option<i64>,
}

impl ContributionRow {
    /// The reach figures that are set, in [`ReachMetric::ALL`] order.
    pub fn reach(&self) -> Vec<(ReachMetric, i64)> {
        reach_figures([
            self.views, self.live_views, self.on_demand_views, self.attendees, self.sessions,
            self.subscribers, self.copies_sold, self.answers, self.stars, self.downloads,
            self.people_mentored, self.score,
        ])
    }
}

/// The figures that are set among the reach columns, read in [`ReachMetric::ALL`] order (the
/// order of the columns).
pub(crate) fn reach_figures(
    columns: [Option<i64>; ReachMetric::ALL.len()],
) -> Vec<(ReachMetric, i64)> {
    ReachMetric::ALL
        .iter()
        .zip(columns)
        .filter_map(|(metric, value)| Some((*metric, value?)))
        .collect()
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
             c.stars, c.downloads, c.people_mentored, c.score FROM contribution c ",
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

// Both statements take the same fields in the same order, $2 to $25 (`bind_fields!`).
const INSERT: &str = "INSERT INTO contribution (person_id, contribution_type, title, \
     description, private_note, started_on, ended_on, url, canonical_url, primary_area_id, \
     person_role, visibility, high_impact, views, live_views, on_demand_views, attendees, \
     sessions, subscribers, copies_sold, answers, stars, downloads, people_mentored, score, \
     source, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
     $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $27) \
     RETURNING id";

/// The source is kept: an imported contribution edited by hand still came from its import.
const UPDATE: &str = "UPDATE contribution SET contribution_type = $2, title = $3, \
     description = $4, private_note = $5, started_on = $6, ended_on = $7, url = $8, \
     canonical_url = $9, primary_area_id = $10, person_role = $11, visibility = $12, \
     high_impact = $13, views = $14, live_views = $15, on_demand_views = $16, attendees = $17, \
     sessions = $18, subscribers = $19, copies_sold = $20, answers = $21, stars = $22, \
     downloads = $23, people_mentored = $24, score = $25, updated_at = $27 \
     WHERE id = $1 AND person_id = $26";

fn figure(c: &ValidContribution, metric: ReachMetric) -> Option<i64> {
    c.reach_of(metric).map(|v| i64::try_from(v).unwrap_or(i64::MAX))
}

/// Binds a contribution's fields, $2 to $25 of both statements.
macro_rules! bind_fields {
    ($query:expr, $w:expr) => {{
        let c = $w.contribution;
        let mut query = $query
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
            .bind(c.high_impact);
        for metric in ReachMetric::ALL {
            query = query.bind(figure(c, *metric));
        }
        query
    }};
}

/// Inserts a contribution with its areas and audiences; returns its id.
#[instrument(skip_all)]
pub async fn insert(tx: &mut Tx, write: &Write<'_>, now: Timestamp) -> Result<i64, StoreError> {
    let id: i64 = on_tx!(tx, conn => {
        let query = bind_fields!(sqlx::query_scalar(INSERT).bind(write.person_id), write);
        query.bind(write.source).bind(to_micros(now)).fetch_one(&mut *conn).await
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
    let changed = on_tx!(tx, conn => {
        let query = bind_fields!(sqlx::query(UPDATE).bind(id), write);
        query.bind(write.person_id).bind(to_micros(now)).execute(&mut *conn).await
            .map(|done| done.rows_affected())
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

// Drafts ----------------------------------------------------------------------------------------

/// One draft per account and form: a new contribution (None) or the edit of one.
const DRAFT_NEW: &str = "SELECT fields, updated_at FROM contribution_draft \
     WHERE account_id = $1 AND contribution_id IS NULL ORDER BY updated_at DESC LIMIT 1";
const DRAFT_EDIT: &str = "SELECT fields, updated_at FROM contribution_draft \
     WHERE account_id = $1 AND contribution_id = $2 ORDER BY updated_at DESC LIMIT 1";
const DELETE_DRAFT_NEW: &str =
    "DELETE FROM contribution_draft WHERE account_id = $1 AND contribution_id IS NULL";
const DELETE_DRAFT_EDIT: &str =
    "DELETE FROM contribution_draft WHERE account_id = $1 AND contribution_id = $2";
const INSERT_DRAFT: &str = "INSERT INTO contribution_draft (account_id, contribution_id, \
     fields, updated_at) VALUES ($1, $2, $3, $4)";

/// The saved draft of a form, as (the form's fields url-encoded, when it was saved).
#[instrument(skip_all)]
pub async fn draft(
    db: &Db,
    account_id: i64,
    contribution_id: Option<i64>,
) -> Result<Option<(String, i64)>, StoreError> {
    Ok(match contribution_id {
        None => on_db!(db, pool => sqlx::query_as(DRAFT_NEW).bind(account_id)
            .fetch_optional(pool).await)?,
        Some(id) => on_db!(db, pool => sqlx::query_as(DRAFT_EDIT).bind(account_id).bind(id)
            .fetch_optional(pool).await)?,
    })
}

/// Forgets the draft of a form (it was saved, or discarded).
#[instrument(skip_all)]
pub async fn delete_draft(
    tx: &mut Tx,
    account_id: i64,
    contribution_id: Option<i64>,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => match contribution_id {
        None => sqlx::query(DELETE_DRAFT_NEW).bind(account_id).execute(conn).await.map(|_| ()),
        Some(id) => sqlx::query(DELETE_DRAFT_EDIT).bind(account_id).bind(id)
            .execute(conn).await.map(|_| ()),
    })?;
    Ok(())
}

/// Replaces the draft of a form with `fields`.
#[instrument(skip_all)]
pub async fn save_draft(
    tx: &mut Tx,
    account_id: i64,
    contribution_id: Option<i64>,
    fields: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    delete_draft(tx, account_id, contribution_id).await?;
    on_tx!(tx, conn => sqlx::query(INSERT_DRAFT).bind(account_id).bind(contribution_id)
        .bind(fields).bind(to_micros(now)).execute(conn).await.map(|_| ()))?;
    Ok(())
}

const HIGH_IMPACT: &str = "SELECT COUNT(*) FROM contribution \
     WHERE person_id = $1 AND high_impact AND id <> $2";

/// How many of the person's other contributions are marked high impact.
#[instrument(skip_all)]
pub async fn high_impact_count(
    tx: &mut Tx,
    person_id: i64,
    except_id: i64,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(HIGH_IMPACT).bind(person_id).bind(except_id)
        .fetch_one(conn).await)?)
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

// What the public sees -------------------------------------------------------------------------

/// A contribution as a public profile lists it: nothing but what its owner made public.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct PublicContribution {
    pub id: i64,
    pub contribution_type: String,
    pub title: String,
    pub started_on: String,
    pub url: Option<String>,
    pub high_impact: bool,
}

// Every query below names `visibility = 'public'`: a public page never reads anything else.
const PUBLIC_RECENT: &str = "SELECT id, contribution_type, title, started_on, url, high_impact \
     FROM contribution WHERE person_id = $1 AND visibility = 'public' \
     ORDER BY started_on DESC, id DESC LIMIT $2";
const PUBLIC_FEATURED: &str = "SELECT id, contribution_type, title, started_on, url, high_impact \
     FROM contribution WHERE person_id = $1 AND visibility = 'public' AND high_impact \
     ORDER BY started_on DESC, id DESC LIMIT $2";
const PUBLIC_MONTHS: &str = "SELECT substr(started_on, 1, 7) AS month, COUNT(*) \
     FROM contribution WHERE person_id = $1 AND visibility = 'public' AND started_on >= $2 \
     GROUP BY substr(started_on, 1, 7) ORDER BY month";
const PUBLIC_YEARS: &str = "SELECT substr(started_on, 1, 4) AS year, COUNT(*) \
     FROM contribution WHERE person_id = $1 AND visibility = 'public' \
     GROUP BY substr(started_on, 1, 4) ORDER BY year DESC";

/// The person's newest public contributions (up to `limit`), their featured (high-impact)
/// ones (up to `featured`), their public contributions per month since `since`
/// (`YYYY-MM`, count), and per year (`YYYY`, count), newest first. Each is a range of the
/// (person_id, started_on) index.
#[instrument(skip_all)]
pub async fn public_of_person(
    db: &Db,
    person_id: i64,
    limit: i64,
    featured: i64,
    since: jiff::civil::Date,
) -> Result<PublicActivity, StoreError> {
    Ok(on_db!(db, pool => {
        let recent = sqlx::query_as(PUBLIC_RECENT).bind(person_id).bind(limit).fetch_all(pool).await?;
        let featured = sqlx::query_as(PUBLIC_FEATURED).bind(person_id).bind(featured).fetch_all(pool).await?;
        let months = sqlx::query_as(PUBLIC_MONTHS).bind(person_id).bind(date_to_text(since)).fetch_all(pool).await?;
        let years = sqlx::query_as(PUBLIC_YEARS).bind(person_id).fetch_all(pool).await?;
        Ok::<_, sqlx::Error>(PublicActivity { recent, featured, months, years })
    })?)
}

/// What [`public_of_person`] reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicActivity {
    pub recent: Vec<PublicContribution>,
    pub featured: Vec<PublicContribution>,
    pub months: Vec<(String, i64)>,
    pub years: Vec<(String, i64)>,
}
