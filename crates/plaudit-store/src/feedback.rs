//! Product feedback: the product areas with the product team members who answer for each, and
//! the threads awardees file to an area with their messages, both sides in one list.

use jiff::Timestamp;
use sqlx::FromRow;
use tracing::instrument;

use crate::accounts::Contact;
use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// A product area, with how many people answer for it and how many of its threads wait.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ProductArea {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub members: i64,
    /// Threads still new: nobody on the team has acknowledged them.
    pub waiting: i64,
}

const AREAS: &str = "SELECT a.id, a.slug, a.name, \
     (SELECT COUNT(*) FROM product_team_member m WHERE m.product_area_id = a.id) AS members, \
     (SELECT COUNT(*) FROM feedback_thread t \
      WHERE t.product_area_id = a.id AND t.status = 'new') AS waiting \
     FROM product_area a ORDER BY a.name, a.id";

/// Every area by name; a program has a handful, and each count is one range of an index.
#[instrument(skip_all)]
pub async fn areas(db: &Db) -> Result<Vec<ProductArea>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(AREAS).fetch_all(pool).await)?)
}

const INSERT_AREA: &str =
    "INSERT INTO product_area (slug, name, created_at) VALUES ($1, $2, $3) RETURNING id";

/// Adds an area; a taken slug is a unique violation.
#[instrument(skip_all)]
pub async fn insert_area(
    tx: &mut Tx,
    slug: &str,
    name: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT_AREA).bind(slug).bind(name)
        .bind(to_micros(now)).fetch_one(conn).await)?)
}

/// Someone who answers for an area.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct TeamMember {
    pub product_area_id: i64,
    pub account_id: i64,
    pub display_name: String,
    pub email: String,
}

const TEAM: &str = "SELECT m.product_area_id, m.account_id, p.display_name, a.email \
     FROM product_team_member m JOIN account a ON a.id = m.account_id \
     JOIN person p ON p.id = a.person_id ORDER BY p.display_name, a.id";

/// Every area's members, for the admins' page.
#[instrument(skip_all)]
pub async fn team(db: &Db) -> Result<Vec<TeamMember>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(TEAM).fetch_all(pool).await)?)
}

const ADD_MEMBER: &str = "INSERT INTO product_team_member (product_area_id, account_id) \
     VALUES ($1, $2) ON CONFLICT (product_area_id, account_id) DO NOTHING";

/// Puts the account on the area's team; false when it was on it already.
#[instrument(skip_all)]
pub async fn add_member(tx: &mut Tx, area_id: i64, account_id: i64) -> Result<bool, StoreError> {
    let added = on_tx!(tx, conn => sqlx::query(ADD_MEMBER).bind(area_id).bind(account_id)
        .execute(conn).await.map(|d| d.rows_affected()))?;
    Ok(added == 1)
}

const REMOVE_MEMBER: &str =
    "DELETE FROM product_team_member WHERE product_area_id = $1 AND account_id = $2";

/// Takes the account off the area's team; false when it was not on it.
#[instrument(skip_all)]
pub async fn remove_member(tx: &mut Tx, area_id: i64, account_id: i64) -> Result<bool, StoreError> {
    let removed = on_tx!(tx, conn => sqlx::query(REMOVE_MEMBER).bind(area_id).bind(account_id)
        .execute(conn).await.map(|d| d.rows_affected()))?;
    Ok(removed == 1)
}

const AREAS_OF: &str = "SELECT product_area_id FROM product_team_member WHERE account_id = $1 \
     ORDER BY product_area_id";

/// The areas an account answers for (`product_team_member_account`).
#[instrument(skip_all)]
pub async fn areas_of(db: &Db, account_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(AREAS_OF).bind(account_id).fetch_all(pool).await)?)
}

const TEAM_CONTACTS: &str = "SELECT a.email, a.language FROM product_team_member m \
     JOIN account a ON a.id = m.account_id \
     WHERE m.product_area_id = $1 AND a.disabled_at IS NULL AND a.id <> $2 ORDER BY a.id";

/// Where to tell an area's team of news, leaving out `except` (who wrote it).
#[instrument(skip_all)]
pub async fn team_contacts(
    tx: &mut Tx,
    area_id: i64,
    except: i64,
) -> Result<Vec<Contact>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(TEAM_CONTACTS).bind(area_id).bind(except)
        .fetch_all(conn).await)?)
}

const AUTHOR_CONTACT: &str = "SELECT a.email, a.language FROM feedback_thread t \
     JOIN account a ON a.person_id = t.author_person_id \
     WHERE t.id = $1 AND a.disabled_at IS NULL";

/// Where to tell a thread's author of news.
#[instrument(skip_all)]
pub async fn author_contact(tx: &mut Tx, thread_id: i64) -> Result<Option<Contact>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(AUTHOR_CONTACT).bind(thread_id)
        .fetch_optional(conn).await)?)
}

/// A thread as lists and its page show it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ThreadRow {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub severity: String,
    pub under_nda: bool,
    pub product_area_id: i64,
    pub area_name: String,
    pub author_person_id: i64,
    pub author_name: String,
    pub contribution_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

macro_rules! thread_columns {
    () => {
        "SELECT t.id, t.title, t.status, t.severity, t.under_nda, t.product_area_id, \
         a.name AS area_name, t.author_person_id, p.display_name AS author_name, \
         t.contribution_id, t.created_at, t.updated_at \
         FROM feedback_thread t JOIN product_area a ON a.id = t.product_area_id \
         JOIN person p ON p.id = t.author_person_id "
    };
}

const THREAD: &str = concat!(thread_columns!(), "WHERE t.id = $1");

#[instrument(skip_all)]
pub async fn thread(db: &Db, id: i64) -> Result<Option<ThreadRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(THREAD).bind(id).fetch_optional(pool).await)?)
}

const MINE: &str = concat!(
    thread_columns!(),
    "WHERE t.author_person_id = $1 ORDER BY t.updated_at DESC, t.id DESC LIMIT $2"
);

/// The person's threads, most recently active first (`feedback_thread_author`).
#[instrument(skip_all)]
pub async fn mine(db: &Db, person_id: i64, limit: i64) -> Result<Vec<ThreadRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(MINE).bind(person_id).bind(limit).fetch_all(pool).await)?)
}

/// What a product team's queue is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFilter {
    /// The reader's areas, or None for every area (admins).
    pub areas: Option<Vec<i64>>,
    pub area: Option<i64>,
    pub status: Option<String>,
    pub severity: Option<String>,
    /// The last thread of the previous page: its `updated_at` and id.
    pub after: Option<(i64, i64)>,
}

/// One page of a queue, most recently active first. Each area's threads are one range of
/// `feedback_thread_queue` per state; a program's feedback is thousands of threads, not
/// millions, so the rest is a short filter.
#[instrument(skip_all)]
pub async fn queue(
    db: &Db,
    filter: &QueueFilter,
    limit: i64,
) -> Result<Vec<ThreadRow>, StoreError> {
    Ok(on_db!(db, pool => queue_query(filter, limit).build_query_as().fetch_all(pool).await)?)
}

fn queue_query<DB>(filter: &QueueFilter, limit: i64) -> sqlx::QueryBuilder<DB>
where
    DB: sqlx::Database,
    DB::Arguments: Default,
    i64: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    String: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    let mut query = sqlx::QueryBuilder::new(thread_columns!());
    query.push("WHERE 1 = 1");
    if let Some(areas) = &filter.areas {
        query.push(" AND t.product_area_id IN (");
        if areas.is_empty() {
            // Nobody's area has id 0: a team member without areas has an empty queue.
            query.push_bind(0_i64);
        }
        let mut list = query.separated(", ");
        for area in areas {
            list.push_bind(*area);
        }
        query.push(")");
    }
    if let Some(area) = filter.area {
        query.push(" AND t.product_area_id = ").push_bind(area);
    }
    if let Some(status) = &filter.status {
        query.push(" AND t.status = ").push_bind(status.clone());
    }
    if let Some(severity) = &filter.severity {
        query.push(" AND t.severity = ").push_bind(severity.clone());
    }
    if let Some((at, id)) = filter.after {
        query.push(" AND (t.updated_at < ").push_bind(at);
        query.push(" OR (t.updated_at = ").push_bind(at);
        query.push(" AND t.id < ").push_bind(id).push("))");
    }
    query.push(" ORDER BY t.updated_at DESC, t.id DESC LIMIT ").push_bind(limit);
    query
}

/// A thread as it is filed.
pub struct NewThread<'a> {
    pub author_person_id: i64,
    pub product_area_id: i64,
    pub title: &'a str,
    pub severity: &'a str,
    pub under_nda: bool,
}

const INSERT_THREAD: &str = "INSERT INTO feedback_thread (author_person_id, product_area_id, \
     title, severity, under_nda, status, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, 'new', $6, $6) RETURNING id";

#[instrument(skip_all)]
pub async fn insert_thread(
    tx: &mut Tx,
    thread: &NewThread<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT_THREAD).bind(thread.author_person_id)
        .bind(thread.product_area_id).bind(thread.title).bind(thread.severity)
        .bind(thread.under_nda).bind(to_micros(now)).fetch_one(conn).await)?)
}

const SET_CONTRIBUTION: &str = "UPDATE feedback_thread SET contribution_id = $2 WHERE id = $1";

/// Links the thread to the contribution filing it recorded.
#[instrument(skip_all)]
pub async fn set_contribution(
    tx: &mut Tx,
    thread_id: i64,
    contribution_id: i64,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(SET_CONTRIBUTION).bind(thread_id).bind(contribution_id)
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

const SET_STATUS: &str =
    "UPDATE feedback_thread SET status = $2, updated_at = $3 WHERE id = $1 AND status <> $2";

/// Moves the thread to `status`; false when it was there already.
#[instrument(skip_all)]
pub async fn set_status(
    tx: &mut Tx,
    thread_id: i64,
    status: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let changed = on_tx!(tx, conn => sqlx::query(SET_STATUS).bind(thread_id).bind(status)
        .bind(to_micros(now)).execute(conn).await.map(|d| d.rows_affected()))?;
    Ok(changed == 1)
}

/// One message of a thread.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub author_account_id: i64,
    pub author_name: String,
    pub from_product_team: bool,
    pub body: String,
    pub created_at: i64,
}

const MESSAGES: &str = "SELECT m.id, m.author_account_id, p.display_name AS author_name, \
     m.from_product_team, m.body, m.created_at FROM feedback_message m \
     JOIN account a ON a.id = m.author_account_id JOIN person p ON p.id = a.person_id \
     WHERE m.thread_id = $1 ORDER BY m.created_at, m.id";

/// A thread's messages, oldest first (`feedback_message_thread`).
#[instrument(skip_all)]
pub async fn messages(db: &Db, thread_id: i64) -> Result<Vec<MessageRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(MESSAGES).bind(thread_id).fetch_all(pool).await)?)
}

const INSERT_MESSAGE: &str = "INSERT INTO feedback_message (thread_id, author_account_id, \
     from_product_team, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
const TOUCH_THREAD: &str = "UPDATE feedback_thread SET updated_at = $2 WHERE id = $1";

/// Adds a message and brings the thread to the top of its queue.
#[instrument(skip_all)]
pub async fn insert_message(
    tx: &mut Tx,
    thread_id: i64,
    author_account_id: i64,
    from_product_team: bool,
    body: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let at = to_micros(now);
    let id = on_tx!(tx, conn => sqlx::query_scalar(INSERT_MESSAGE).bind(thread_id)
        .bind(author_account_id).bind(from_product_team).bind(body).bind(at)
        .fetch_one(conn).await)?;
    on_tx!(tx, conn => sqlx::query(TOUCH_THREAD).bind(thread_id).bind(at).execute(conn).await
        .map(|_| ()))?;
    Ok(id)
}

/// What migration 0011 did to threads written before product areas existed, for the demo,
/// which writes the baseline schema: areas from the names typed, states in the flow's words,
/// and every product team member on every area.
const SETTLE: [&str; 4] = [
    "INSERT INTO product_area (slug, name, created_at) \
     SELECT lower(replace(MIN(area), ' ', '-')), MIN(area), MIN(created_at) \
     FROM (SELECT CASE WHEN trim(product_area) = '' THEN 'General' ELSE trim(product_area) END \
           AS area, created_at FROM feedback_thread WHERE product_area_id IS NULL) t \
     GROUP BY lower(replace(area, ' ', '-')) \
     ON CONFLICT (slug) DO NOTHING",
    "UPDATE feedback_thread SET product_area_id = (SELECT a.id FROM product_area a \
     WHERE a.slug = lower(replace(CASE WHEN trim(feedback_thread.product_area) = '' \
     THEN 'General' ELSE trim(feedback_thread.product_area) END, ' ', '-'))) \
     WHERE product_area_id IS NULL",
    "UPDATE feedback_thread SET status = CASE status WHEN 'answered' THEN 'acknowledged' \
     WHEN 'closed' THEN 'shipped' WHEN 'planned' THEN 'planned' \
     WHEN 'acknowledged' THEN 'acknowledged' WHEN 'shipped' THEN 'shipped' \
     WHEN 'wont_do' THEN 'wont_do' ELSE 'new' END",
    "INSERT INTO product_team_member (product_area_id, account_id) \
     SELECT a.id, r.account_id FROM product_area a CROSS JOIN account_role r \
     WHERE r.role = 'product_team' ON CONFLICT (product_area_id, account_id) DO NOTHING",
];

#[instrument(skip_all)]
pub async fn settle_areas(tx: &mut Tx) -> Result<(), StoreError> {
    for sql in SETTLE {
        on_tx!(tx, conn => sqlx::query(sql).execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}
