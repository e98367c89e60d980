//! The public directory: its rows are derived from people, their awards, areas and speaking
//! profile (see migration 0008), rewritten per person by the operations that change those, and
//! read by visitors through indexed seeks only.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;
use plaudit_domain::directory::{
    AwardSpan, Cursor, Facet, ListingStatus, SPEAKING_YES, fold, listing_status,
};
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::{date_from_text, date_to_text};
use crate::{Backend, Db, StoreError, Tx, on_db, on_tx, public};

/// How many people one statement rewrites; far below either database's limit of parameters.
const CHUNK: usize = 400;

/// A listed person, as a card shows them.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Entry {
    pub person_id: i64,
    pub sort_key: String,
    pub slug: String,
    pub display_name: String,
    pub headline: String,
    pub country: Option<String>,
    pub photo_version: Option<i64>,
    /// Comma-separated category ids.
    pub category_ids: String,
    pub first_award_year: i64,
    pub award_count: i64,
}

impl Entry {
    pub fn cursor(&self) -> Cursor {
        Cursor { sort_key: self.sort_key.clone(), person_id: self.person_id }
    }

    pub fn category_ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.category_ids.split(',').filter_map(|id| id.parse().ok())
    }
}

/// What a visitor asked for, checked: facet values by [`Facet::accepts`], words by
/// [`plaudit_domain::directory::search_terms`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub status: ListingStatus,
    /// At most one value per facet.
    pub facets: BTreeMap<Facet, String>,
    pub terms: Vec<String>,
}

/// Which page of the filtered order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    First,
    After(Cursor),
    Before(Cursor),
}

/// A page of entries in the directory's order, and whether more lie beyond it in the
/// direction it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub entries: Vec<Entry>,
    pub more: bool,
}

const ENTRY_COLUMNS: &str = "SELECT e.person_id, e.sort_key, e.slug, e.display_name, e.headline, \
     e.country, e.photo_version, e.category_ids, e.first_award_year, e.award_count \
     FROM directory_entry e WHERE e.status = ";

/// The conditions `filter` puts on `column` (a person id): each a seek into an index, joined
/// by `IN` so both planners drive from the directory's order and probe the filter.
fn push_filter<DB>(
    query: &mut sqlx::QueryBuilder<DB>,
    backend: Backend,
    filter: &Filter,
    column: &str,
) where
    DB: sqlx::Database,
    String: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    for (facet, value) in &filter.facets {
        query.push(format!(
            " AND {column} IN (SELECT person_id FROM directory_facet WHERE status = "
        ));
        query.push_bind(filter.status.as_str().to_owned());
        query.push(" AND facet = ").push_bind(facet.as_str().to_owned());
        query.push(" AND value = ").push_bind(value.clone()).push(")");
    }
    if filter.terms.is_empty() {
        return;
    }
    // The words are letters and digits only (see `search_terms`): quoting them is enough to
    // keep either database's search syntax out. Every word must match, as a prefix.
    match backend {
        Backend::Sqlite => {
            let expression: Vec<String> =
                filter.terms.iter().map(|t| format!("\"{t}\"*")).collect();
            query.push(format!(
                " AND {column} IN (SELECT rowid FROM directory_search WHERE directory_search MATCH "
            ));
            query.push_bind(expression.join(" ")).push(")");
        }
        Backend::Postgres => {
            let expression: Vec<String> = filter.terms.iter().map(|t| format!("'{t}':*")).collect();
            query.push(format!(
                " AND {column} IN (SELECT person_id FROM directory_entry \
                 WHERE search @@ to_tsquery('simple', "
            ));
            query.push_bind(expression.join(" & ")).push("))");
        }
    }
}

fn listing_query<DB>(
    backend: Backend,
    filter: &Filter,
    page: &Page,
    limit: i64,
) -> sqlx::QueryBuilder<DB>
where
    DB: sqlx::Database,
    DB::Arguments: Default,
    i64: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    String: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    let mut query = sqlx::QueryBuilder::new(ENTRY_COLUMNS);
    query.push_bind(filter.status.as_str().to_owned());
    push_filter(&mut query, backend, filter, "e.person_id");
    // `k <= $k AND (k < $k OR id < $i)` rather than a row value, so both planners seek the
    // (status, sort_key, person_id) index.
    match page {
        Page::First => {
            query.push(" ORDER BY e.sort_key, e.person_id");
        }
        Page::After(cursor) => {
            query.push(" AND e.sort_key >= ").push_bind(cursor.sort_key.clone());
            query.push(" AND (e.sort_key > ").push_bind(cursor.sort_key.clone());
            query.push(" OR e.person_id > ").push_bind(cursor.person_id).push(")");
            query.push(" ORDER BY e.sort_key, e.person_id");
        }
        Page::Before(cursor) => {
            query.push(" AND e.sort_key <= ").push_bind(cursor.sort_key.clone());
            query.push(" AND (e.sort_key < ").push_bind(cursor.sort_key.clone());
            query.push(" OR e.person_id < ").push_bind(cursor.person_id).push(")");
            query.push(" ORDER BY e.sort_key DESC, e.person_id DESC");
        }
    }
    query.push(" LIMIT ").push_bind(limit + 1);
    query
}

/// Up to `limit` entries of `page`, in the directory's order.
#[instrument(skip_all)]
pub async fn listing(
    db: &Db,
    filter: &Filter,
    page: &Page,
    limit: i64,
) -> Result<Listing, StoreError> {
    let mut entries: Vec<Entry> = on_db!(db, pool => {
        let mut query = listing_query(db.backend(), filter, page, limit);
        query.build_query_as::<Entry>().fetch_all(pool).await
    })?;
    let more = entries.len() as i64 > limit;
    entries.truncate(limit.max(0) as usize);
    if let Page::Before(_) = page {
        entries.reverse();
    }
    Ok(Listing { entries, more })
}

/// How many entries `filter` keeps.
#[instrument(skip_all)]
pub async fn count(db: &Db, filter: &Filter) -> Result<i64, StoreError> {
    Ok(on_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new("SELECT COUNT(*) FROM directory_entry e WHERE e.status = ");
        query.push_bind(filter.status.as_str().to_owned());
        push_filter(&mut query, db.backend(), filter, "e.person_id");
        query.build_query_scalar::<i64>().fetch_one(pool).await
    })?)
}

/// For every facet value among the entries `filter` keeps, how many have it.
#[instrument(skip_all)]
pub async fn facet_counts(
    db: &Db,
    filter: &Filter,
) -> Result<Vec<(Facet, String, i64)>, StoreError> {
    let rows: Vec<(String, String, i64)> = on_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT f.facet, f.value, COUNT(*) FROM directory_facet f WHERE f.status = ",
        );
        query.push_bind(filter.status.as_str().to_owned());
        push_filter(&mut query, db.backend(), filter, "f.person_id");
        query.push(" GROUP BY f.facet, f.value");
        query.build_query_as().fetch_all(pool).await
    })?;
    Ok(rows.into_iter().filter_map(|(f, v, n)| Some((Facet::parse(&f)?, v, n))).collect())
}

const STATUS_COUNT: &str = "SELECT COUNT(*) FROM directory_entry WHERE status = $1";

/// How many people are listed as `status`.
#[instrument(skip_all)]
pub async fn status_count(db: &Db, status: ListingStatus) -> Result<i64, StoreError> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar(STATUS_COUNT).bind(status.as_str()).fetch_one(pool).await)?,
    )
}

const BY_SLUG: &str = "SELECT e.person_id, e.sort_key, e.slug, e.display_name, e.headline, \
     e.country, e.photo_version, e.category_ids, e.first_award_year, e.award_count, e.status \
     FROM directory_entry e WHERE e.slug = $1";

/// The listed person with this address name, and how they are listed; None for anyone the
/// directory does not list (their profile is not public).
#[instrument(skip_all)]
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<(Entry, ListingStatus)>, StoreError> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        entry: Entry,
        status: String,
    }
    let row: Option<Row> =
        on_db!(db, pool => sqlx::query_as(BY_SLUG).bind(slug).fetch_optional(pool).await)?;
    Ok(row.and_then(|r| Some((r.entry, ListingStatus::parse(&r.status)?))))
}

const SLUGS: &str = "SELECT person_id, slug FROM directory_entry WHERE person_id > $1 \
     ORDER BY person_id LIMIT $2";

/// The ids and address names of listed people after `after_id` in id order, for the sitemap.
#[instrument(skip_all)]
pub async fn slugs_after(
    db: &Db,
    after_id: i64,
    limit: i64,
) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(SLUGS).bind(after_id).bind(limit).fetch_all(pool).await)?)
}

// Keeping it in step ---------------------------------------------------------------------------

/// Rewrites the directory rows of `person_ids` from what they are now, in the caller's
/// transaction, and marks public pages stale.
#[instrument(skip_all)]
pub async fn refresh_people(
    tx: &mut Tx,
    person_ids: &[i64],
    today: Date,
    now: Timestamp,
) -> Result<(), StoreError> {
    lock(tx).await?;
    let ids: BTreeSet<i64> = person_ids.iter().copied().collect();
    let ids: Vec<i64> = ids.into_iter().collect();
    let mut listed = false;
    for chunk in ids.chunks(CHUNK) {
        listed |= delete_rows(tx, chunk).await?;
        listed |= write_rows(tx, chunk, today).await?;
    }
    // Someone nobody lists, before or after, shows on no public page.
    if listed {
        public::changed(tx, now).await?;
    }
    Ok(())
}

const LOCK: &str = "UPDATE public_version SET version = version WHERE id = 1";

/// Takes the public version's row lock before any directory row: every writer of the
/// directory (a person's refresh, the day turn, the rebuild) then goes one at a time, in one
/// lock order. Without it, on PostgreSQL, a rebuild and a refresh of the same person both
/// insert their row (a unique violation) or wait on each other's rows (a deadlock). SQLite
/// writes one at a time anyway.
async fn lock(tx: &mut Tx) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(LOCK).execute(conn).await.map(|_| ()))?;
    Ok(())
}

const LISTED: &str = "SELECT COUNT(*) FROM directory_entry WHERE person_id = $1";

/// Marks public pages stale when `person_id` is listed (their profile shows their public
/// contributions).
#[instrument(skip_all)]
pub async fn touch(tx: &mut Tx, person_id: i64, now: Timestamp) -> Result<(), StoreError> {
    let listed: i64 =
        on_tx!(tx, conn => sqlx::query_scalar(LISTED).bind(person_id).fetch_one(conn).await)?;
    if listed > 0 {
        public::changed(tx, now).await?;
    }
    Ok(())
}

const LISTABLE: &str = "SELECT DISTINCT person_id FROM award \
     WHERE revoked_at IS NULL AND starts_on <= $1 ORDER BY person_id";

/// Rebuilds the whole directory from the tables it is read from: for the demo, and daily,
/// as awards start and end with the date.
#[instrument(skip_all)]
pub async fn rebuild(tx: &mut Tx, today: Date, now: Timestamp) -> Result<usize, StoreError> {
    // Setting the day first takes the lock every directory writer takes first (see `lock`).
    on_tx!(tx, conn => sqlx::query(SET_DAY).bind(date_to_text(today)).execute(conn).await.map(|_| ()))?;
    on_tx!(tx, conn => {
        sqlx::query("DELETE FROM directory_facet").execute(&mut *conn).await?;
        sqlx::query("DELETE FROM directory_entry").execute(&mut *conn).await?;
        Ok::<(), sqlx::Error>(())
    })?;
    if let Tx::Sqlite(tx) = tx {
        sqlx::query("DELETE FROM directory_search").execute(&mut **tx).await?;
    }
    let ids: Vec<i64> = on_tx!(tx, conn => sqlx::query_scalar(LISTABLE).bind(date_to_text(today)).fetch_all(conn).await)?;
    for chunk in ids.chunks(CHUNK) {
        write_rows(tx, chunk, today).await?;
    }
    // Fresh statistics for PostgreSQL's planner after rewriting every row: before autovacuum
    // gets to them, a facet count under a filter on the large demo took 0.94 s instead of 4 ms.
    if let Tx::Postgres(tx) = tx {
        sqlx::query("ANALYZE directory_entry, directory_facet").execute(&mut **tx).await?;
    }
    public::changed(tx, now).await?;
    Ok(ids.len())
}

const SET_DAY: &str = "UPDATE public_version SET directory_day = $1 WHERE id = 1";
const CLAIM_DAY: &str =
    "UPDATE public_version SET directory_day = $1 WHERE id = 1 AND directory_day = $2";
/// Whose listing can differ between the day after `$1` and `$2`: an award started, reached its
/// last day, or ended early in between. Each is a range scan of an index on the date.
const TURNED: &str = "SELECT person_id FROM award WHERE starts_on > $1 AND starts_on <= $2 \
     UNION SELECT person_id FROM award WHERE ends_on >= $1 AND ends_on < $2 \
     UNION SELECT person_id FROM award WHERE ended_early_on > $1 AND ended_early_on <= $2";

/// Brings the directory from the day it was written for (`from`, as
/// [`crate::public::PublicVersion::directory_day`] read it) to `today`: only the people whose
/// awards started or ended in between are rewritten. None when another server did it first.
#[instrument(skip_all)]
pub async fn turn_day(
    tx: &mut Tx,
    from: &str,
    today: Date,
    now: Timestamp,
) -> Result<Option<usize>, StoreError> {
    let to = date_to_text(today);
    let claimed = on_tx!(tx, conn => sqlx::query(CLAIM_DAY).bind(&to).bind(from).execute(conn).await.map(|r| r.rows_affected()))?;
    if claimed == 0 {
        return Ok(None);
    }
    if from.is_empty() {
        return rebuild(tx, today, now).await.map(Some);
    }
    let ids: Vec<i64> =
        on_tx!(tx, conn => sqlx::query_scalar(TURNED).bind(from).bind(&to).fetch_all(conn).await)?;
    refresh_people(tx, &ids, today, now).await?;
    Ok(Some(ids.len()))
}

/// Appends ` IN (…)` with each of `ids` bound.
pub(crate) fn in_list<DB: sqlx::Database>(query: &mut sqlx::QueryBuilder<DB>, ids: &[i64])
where
    i64: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    query.push(" IN (");
    let mut list = query.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    query.push(")");
}

/// Deletes the rows of `ids`; true when anyone of them was listed.
async fn delete_rows(tx: &mut Tx, ids: &[i64]) -> Result<bool, StoreError> {
    let deleted = on_tx!(tx, conn => {
        let mut deleted = 0;
        for table in ["directory_facet", "directory_entry"] {
            let mut query = sqlx::QueryBuilder::new(format!("DELETE FROM {table} WHERE person_id"));
            in_list(&mut query, ids);
            deleted = query.build().execute(&mut *conn).await?.rows_affected();
        }
        Ok::<u64, sqlx::Error>(deleted)
    })?;
    if let Tx::Sqlite(tx) = tx {
        let mut query = sqlx::QueryBuilder::new("DELETE FROM directory_search WHERE rowid");
        in_list(&mut query, ids);
        query.build().execute(&mut **tx).await?;
    }
    Ok(deleted > 0)
}

#[derive(FromRow)]
struct PersonRow {
    id: i64,
    slug: String,
    display_name: String,
    headline: String,
    bio: String,
    country: Option<String>,
    languages: String,
    photo_version: Option<i64>,
}

#[derive(FromRow)]
struct AwardRow {
    person_id: i64,
    category_id: i64,
    award_year: i64,
    starts_on: String,
    ends_on: String,
    ended_early_on: Option<String>,
}

/// What the directory holds of one person.
struct Derived {
    entry: Entry,
    status: ListingStatus,
    facets: Vec<(Facet, String)>,
    /// Name, headline and bio, folded for search.
    search: [String; 3],
}

/// Writes the rows of whoever of `ids` is listed today; true when anyone is.
async fn write_rows(tx: &mut Tx, ids: &[i64], today: Date) -> Result<bool, StoreError> {
    let (people, awards, areas, speakers, categories) = on_tx!(tx, conn => {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT id, slug, display_name, headline, bio, country, languages, photo_version \
             FROM person WHERE merged_into_id IS NULL AND id",
        );
        in_list(&mut query, ids);
        let people: Vec<PersonRow> = query.build_query_as().fetch_all(&mut *conn).await?;
        let mut query = sqlx::QueryBuilder::new(
            "SELECT person_id, category_id, award_year, starts_on, ends_on, ended_early_on \
             FROM award WHERE revoked_at IS NULL AND person_id",
        );
        in_list(&mut query, ids);
        query.push(" ORDER BY award_year, category_id");
        let awards: Vec<AwardRow> = query.build_query_as().fetch_all(&mut *conn).await?;
        let mut query = sqlx::QueryBuilder::new(
            "SELECT pa.person_id, t.slug FROM person_area pa \
             JOIN technology_area t ON t.id = pa.technology_area_id \
             WHERE t.active AND pa.person_id",
        );
        in_list(&mut query, ids);
        let areas: Vec<(i64, String)> = query.build_query_as().fetch_all(&mut *conn).await?;
        let mut query = sqlx::QueryBuilder::new(
            "SELECT person_id FROM speaking_profile WHERE accepts_requests AND person_id",
        );
        in_list(&mut query, ids);
        let speakers: Vec<i64> = query.build_query_scalar().fetch_all(&mut *conn).await?;
        let categories: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, slug FROM category").fetch_all(&mut *conn).await?;
        Ok::<_, sqlx::Error>((people, awards, areas, speakers, categories))
    })?;
    let categories: HashMap<i64, String> = categories.into_iter().collect();
    let mut awards_of: HashMap<i64, Vec<(AwardRow, AwardSpan)>> = HashMap::new();
    for award in awards {
        let span = AwardSpan {
            starts_on: date_from_text(&award.starts_on)?,
            ends_on: date_from_text(&award.ends_on)?,
            ended_early_on: award.ended_early_on.as_deref().map(date_from_text).transpose()?,
        };
        awards_of.entry(award.person_id).or_default().push((award, span));
    }
    let mut areas_of: HashMap<i64, Vec<String>> = HashMap::new();
    for (person_id, slug) in areas {
        areas_of.entry(person_id).or_default().push(slug);
    }
    let speakers: BTreeSet<i64> = speakers.into_iter().collect();

    let mut derived = Vec::with_capacity(people.len());
    for person in people {
        let held = awards_of.remove(&person.id).unwrap_or_default();
        let spans: Vec<AwardSpan> = held.iter().map(|(_, s)| *s).collect();
        let Some(status) = listing_status(&spans, today) else { continue };
        let started: Vec<&AwardRow> =
            held.iter().filter(|(_, s)| s.starts_on <= today).map(|(a, _)| a).collect();
        // A current awardee is shown with the categories held now; alumni with every one.
        let shown: Vec<i64> = held
            .iter()
            .filter(|(_, s)| {
                status == ListingStatus::Alumni && s.starts_on <= today || s.held_on(today)
            })
            .map(|(a, _)| a.category_id)
            .collect::<BTreeSet<i64>>()
            .into_iter()
            .collect();
        let mut facets: BTreeSet<(Facet, String)> = BTreeSet::new();
        for id in &shown {
            if let Some(slug) = categories.get(id) {
                facets.insert((Facet::Category, slug.clone()));
            }
        }
        for award in &started {
            facets.insert((Facet::Year, award.award_year.to_string()));
        }
        for area in areas_of.remove(&person.id).unwrap_or_default() {
            facets.insert((Facet::Area, area));
        }
        if let Some(country) = &person.country {
            facets.insert((Facet::Country, country.clone()));
        }
        for language in person.languages.split(',').filter(|l| !l.is_empty()) {
            facets.insert((Facet::Language, language.to_owned()));
        }
        if speakers.contains(&person.id) {
            facets.insert((Facet::Speaking, SPEAKING_YES.to_owned()));
        }
        facets.retain(|(facet, value)| facet.accepts(value));
        let search = [fold(&person.display_name), fold(&person.headline), fold(&person.bio)];
        derived.push(Derived {
            entry: Entry {
                person_id: person.id,
                sort_key: fold(&person.display_name),
                slug: person.slug,
                display_name: person.display_name,
                headline: person.headline,
                country: person.country,
                photo_version: person.photo_version,
                category_ids: shown.iter().map(i64::to_string).collect::<Vec<_>>().join(","),
                first_award_year: started.iter().map(|a| a.award_year).min().unwrap_or_default(),
                award_count: started.len() as i64,
            },
            status,
            facets: facets.into_iter().collect(),
            search,
        });
    }
    if derived.is_empty() {
        return Ok(false);
    }
    insert_rows(tx, &derived).await?;
    Ok(true)
}

async fn insert_rows(tx: &mut Tx, derived: &[Derived]) -> Result<(), StoreError> {
    let backend = tx.backend();
    on_tx!(tx, conn => {
        let mut query = sqlx::QueryBuilder::new(
            "INSERT INTO directory_entry (person_id, status, sort_key, slug, display_name, \
             headline, country, photo_version, category_ids, first_award_year, award_count",
        );
        query.push(if backend == Backend::Postgres { ", search) " } else { ") " });
        query.push_values(derived, |mut row, d| {
            let e = &d.entry;
            row.push_bind(e.person_id)
                .push_bind(d.status.as_str())
                .push_bind(e.sort_key.clone())
                .push_bind(e.slug.clone())
                .push_bind(e.display_name.clone())
                .push_bind(e.headline.clone())
                .push_bind(e.country.clone())
                .push_bind(e.photo_version)
                .push_bind(e.category_ids.clone())
                .push_bind(e.first_award_year)
                .push_bind(e.award_count);
            if backend == Backend::Postgres {
                row.push("to_tsvector('simple', ").push_bind_unseparated(d.search.join(" ")).push_unseparated(")");
            }
        });
        query.build().execute(&mut *conn).await?;
        let facets: Vec<(&Derived, &(Facet, String))> =
            derived.iter().flat_map(|d| d.facets.iter().map(move |f| (d, f))).collect();
        // Six facets and a few values each; well below the parameter limit per statement.
        for batch in facets.chunks(2000) {
            let mut query = sqlx::QueryBuilder::new(
                "INSERT INTO directory_facet (status, facet, value, person_id) ",
            );
            query.push_values(batch, |mut row, (d, (facet, value))| {
                row.push_bind(d.status.as_str())
                    .push_bind(facet.as_str())
                    .push_bind(value.clone())
                    .push_bind(d.entry.person_id);
            });
            query.build().execute(&mut *conn).await?;
        }
        Ok::<(), sqlx::Error>(())
    })?;
    if let Tx::Sqlite(tx) = tx {
        let mut query =
            sqlx::QueryBuilder::new("INSERT INTO directory_search (rowid, name, headline, bio) ");
        query.push_values(derived, |mut row, d| {
            let [name, headline, bio] = &d.search;
            row.push_bind(d.entry.person_id)
                .push_bind(name.clone())
                .push_bind(headline.clone())
                .push_bind(bio.clone());
        });
        query.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// A category as the directory names it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct CategoryLabel {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

const CATEGORY_LABELS: &str = "SELECT id, slug, name FROM category ORDER BY position, name";
const AREA_LABELS: &str = "SELECT slug, name FROM technology_area ORDER BY name";

/// The names the directory's cards and facets show.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// In the program's order.
    pub categories: Vec<CategoryLabel>,
    /// Technology areas as (slug, name), by name.
    pub areas: Vec<(String, String)>,
}

/// The names of categories and technology areas. A program has tens of each.
#[instrument(skip_all)]
pub async fn labels(db: &Db) -> Result<Labels, StoreError> {
    Ok(on_db!(db, pool => {
        let categories = sqlx::query_as(CATEGORY_LABELS).fetch_all(pool).await?;
        let areas = sqlx::query_as(AREA_LABELS).fetch_all(pool).await?;
        Ok::<_, sqlx::Error>(Labels { categories, areas })
    })?)
}

const CATEGORY_COUNTS: &str = "SELECT c.slug, c.name, c.description, \
       (SELECT COUNT(*) FROM directory_facet f WHERE f.status = 'current' \
          AND f.facet = 'category' AND f.value = c.slug) AS awardees \
     FROM category c WHERE c.active ORDER BY c.position, c.name";

/// Current awardees per active category, in the admin's order: one seek into the facet key
/// per category, however many awards the program has given.
#[instrument(skip_all)]
pub async fn awardees_per_category(
    db: &Db,
) -> Result<Vec<crate::program::CategoryAwardees>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(CATEGORY_COUNTS).fetch_all(pool).await)?)
}
