//! The private community: discussion boards (one per category) whose threads and replies are
//! `community_post` rows, and the contact details awardees share with each other.

use jiff::Timestamp;
use sqlx::FromRow;
use tracing::instrument;

use crate::accounts::Contact;
use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// A board: a category, with how many visible threads it holds and its last activity.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Board {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub threads: i64,
    pub last_post_at: Option<i64>,
}

/// Each count and maximum is one range of `community_thread_board`.
const BOARDS: &str = "SELECT c.id, c.slug, c.name, \
     (SELECT COUNT(*) FROM community_post t WHERE t.category_id = c.id AND t.parent_id IS NULL \
        AND t.hidden_at IS NULL) AS threads, \
     (SELECT MAX(t.last_post_at) FROM community_post t WHERE t.category_id = c.id \
        AND t.parent_id IS NULL) AS last_post_at \
     FROM category c WHERE c.active ORDER BY c.position, c.id";

#[instrument(skip_all)]
pub async fn boards(db: &Db) -> Result<Vec<Board>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(BOARDS).fetch_all(pool).await)?)
}

/// A thread as lists and its page show it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ThreadRow {
    pub id: i64,
    pub category_id: i64,
    pub category_slug: String,
    pub category_name: String,
    pub title: String,
    pub author_person_id: i64,
    pub author_name: String,
    pub created_at: i64,
    pub last_post_at: i64,
    pub reply_count: i64,
    pub hidden_at: Option<i64>,
}

macro_rules! thread_columns {
    () => {
        "SELECT t.id, t.category_id, c.slug AS category_slug, c.name AS category_name, t.title, \
         t.author_person_id, p.display_name AS author_name, t.created_at, t.last_post_at, \
         t.reply_count, t.hidden_at \
         FROM community_post t JOIN category c ON c.id = t.category_id \
         JOIN person p ON p.id = t.author_person_id "
    };
}

/// Where a page of threads starts: after the last one of the previous page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreadCursor {
    pub last_post_at: i64,
    pub id: i64,
}

const BOARD_FIRST: &str = concat!(
    thread_columns!(),
    "WHERE t.category_id = $1 AND t.parent_id IS NULL AND t.hidden_at IS NULL \
     ORDER BY t.last_post_at DESC, t.id DESC LIMIT $2"
);
const BOARD_AFTER: &str = concat!(
    thread_columns!(),
    "WHERE t.category_id = $1 AND t.parent_id IS NULL AND t.hidden_at IS NULL \
     AND (t.last_post_at < $3 OR (t.last_post_at = $3 AND t.id < $4)) \
     ORDER BY t.last_post_at DESC, t.id DESC LIMIT $2"
);

/// A board's threads, most recently active first, a page from `after` on
/// (`community_thread_board`).
#[instrument(skip_all)]
pub async fn board_threads(
    db: &Db,
    category_id: i64,
    after: Option<ThreadCursor>,
    limit: i64,
) -> Result<Vec<ThreadRow>, StoreError> {
    Ok(match after {
        None => on_db!(db, pool => sqlx::query_as(BOARD_FIRST).bind(category_id).bind(limit)
            .fetch_all(pool).await)?,
        Some(c) => on_db!(db, pool => sqlx::query_as(BOARD_AFTER).bind(category_id).bind(limit)
            .bind(c.last_post_at).bind(c.id).fetch_all(pool).await)?,
    })
}

const RECENT: &str = concat!(
    thread_columns!(),
    "WHERE t.parent_id IS NULL AND t.hidden_at IS NULL \
     ORDER BY t.last_post_at DESC, t.id DESC LIMIT $1"
);

/// The most recently active threads of every board (`community_thread_recent` on PostgreSQL,
/// `community_post_thread` on SQLite).
#[instrument(skip_all)]
pub async fn recent_threads(db: &Db, limit: i64) -> Result<Vec<ThreadRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(RECENT).bind(limit).fetch_all(pool).await)?)
}

const THREAD: &str = concat!(thread_columns!(), "WHERE t.id = $1 AND t.parent_id IS NULL");

#[instrument(skip_all)]
pub async fn thread(db: &Db, id: i64) -> Result<Option<ThreadRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(THREAD).bind(id).fetch_optional(pool).await)?)
}

/// A post of a thread: its opening post or a reply.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct PostRow {
    pub id: i64,
    pub author_person_id: i64,
    pub author_name: String,
    pub body: String,
    pub created_at: i64,
    pub hidden_at: Option<i64>,
}

const POSTS: &str = "SELECT q.id, q.author_person_id, p.display_name AS author_name, q.body, \
     q.created_at, q.hidden_at FROM ( \
       SELECT id, author_person_id, body, created_at, hidden_at FROM community_post WHERE id = $1 \
       UNION ALL \
       SELECT id, author_person_id, body, created_at, hidden_at FROM community_post \
       WHERE parent_id = $1) q \
     JOIN person p ON p.id = q.author_person_id ORDER BY q.created_at, q.id LIMIT $2";

/// The thread's opening post, then its replies in the order they were written
/// (`community_post_thread`).
#[instrument(skip_all)]
pub async fn posts(db: &Db, thread_id: i64, limit: i64) -> Result<Vec<PostRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(POSTS).bind(thread_id).bind(limit)
        .fetch_all(pool).await)?)
}

/// The thread a post belongs to (itself when it opens one); None when there is no such post.
#[instrument(skip_all)]
pub async fn post_thread(db: &Db, post_id: i64) -> Result<Option<i64>, StoreError> {
    const SQL: &str = "SELECT COALESCE(parent_id, id) FROM community_post WHERE id = $1";
    Ok(on_db!(db, pool => sqlx::query_scalar(SQL).bind(post_id).fetch_optional(pool).await)?)
}

/// A thread as an awardee opens it.
#[derive(Debug, Clone, Copy)]
pub struct NewThread<'a> {
    pub category_id: i64,
    pub author_person_id: i64,
    pub title: &'a str,
    pub body: &'a str,
}

const INSERT_THREAD: &str = "INSERT INTO community_post (category_id, author_person_id, title, \
     body, created_at, last_post_at, reply_count) VALUES ($1, $2, $3, $4, $5, $5, 0) RETURNING id";

#[instrument(skip_all)]
pub async fn insert_thread(
    tx: &mut Tx,
    new: &NewThread<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT_THREAD).bind(new.category_id)
        .bind(new.author_person_id).bind(new.title).bind(new.body).bind(to_micros(now))
        .fetch_one(conn).await)?)
}

const INSERT_REPLY: &str = "INSERT INTO community_post (parent_id, author_person_id, body, \
     created_at) VALUES ($1, $2, $3, $4) RETURNING id";
const BUMP_THREAD: &str = "UPDATE community_post SET last_post_at = $2, \
     reply_count = reply_count + 1 WHERE id = $1";

/// Adds a reply and moves its thread to the top of its board.
#[instrument(skip_all)]
pub async fn insert_reply(
    tx: &mut Tx,
    thread_id: i64,
    author_person_id: i64,
    body: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let at = to_micros(now);
    let id = on_tx!(tx, conn => sqlx::query_scalar(INSERT_REPLY).bind(thread_id)
        .bind(author_person_id).bind(body).bind(at).fetch_one(conn).await)?;
    on_tx!(tx, conn => sqlx::query(BUMP_THREAD).bind(thread_id).bind(at).execute(conn).await
        .map(|_| ()))?;
    Ok(id)
}

const HIDE: &str = "UPDATE community_post SET hidden_at = $2, hidden_by_account_id = $3 \
     WHERE id = $1 AND hidden_at IS NULL";

/// Hides a post (a thread's opening post hides the thread); false when it was hidden already.
#[instrument(skip_all)]
pub async fn hide(
    tx: &mut Tx,
    post_id: i64,
    by_account_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = on_tx!(tx, conn => sqlx::query(HIDE).bind(post_id).bind(to_micros(now))
        .bind(by_account_id).execute(conn).await.map(|d| d.rows_affected()))?;
    Ok(done == 1)
}

const PARTICIPANTS: &str = "SELECT DISTINCT a.email, a.language FROM account a \
     WHERE a.disabled_at IS NULL AND a.person_id <> $2 AND a.person_id IN ( \
       SELECT author_person_id FROM community_post WHERE id = $1 \
       UNION SELECT author_person_id FROM community_post WHERE parent_id = $1)";

/// Where to tell the thread's other participants of a reply by `except_person_id`.
#[instrument(skip_all)]
pub async fn participants(
    db: &Db,
    thread_id: i64,
    except_person_id: i64,
) -> Result<Vec<Contact>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(PARTICIPANTS).bind(thread_id).bind(except_person_id)
        .fetch_all(pool).await)?)
}

/// What an awardee shares with the other awardees.
#[derive(Debug, Clone, Default, PartialEq, Eq, FromRow)]
pub struct SharedContact {
    pub share_email: bool,
    pub contact_note: String,
}

const CONTACT: &str =
    "SELECT share_email, contact_note FROM community_contact WHERE person_id = $1";

#[instrument(skip_all)]
pub async fn contact(db: &Db, person_id: i64) -> Result<Option<SharedContact>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(CONTACT).bind(person_id).fetch_optional(pool).await)?)
}

const SAVE_CONTACT: &str = "INSERT INTO community_contact (person_id, share_email, \
     contact_note, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (person_id) DO UPDATE SET \
     share_email = excluded.share_email, contact_note = excluded.contact_note, \
     updated_at = excluded.updated_at";

#[instrument(skip_all)]
pub async fn save_contact(
    tx: &mut Tx,
    person_id: i64,
    contact: &SharedContact,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(SAVE_CONTACT).bind(person_id).bind(contact.share_email)
        .bind(&contact.contact_note).bind(to_micros(now)).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// What one listed awardee shares: their address only when they chose to.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SharedDetails {
    pub slug: String,
    pub email: Option<String>,
    pub contact_note: String,
}

/// The shared details of the people at `slugs` (a page of the directory), by unique keys.
#[instrument(skip_all)]
pub async fn shared_details(db: &Db, slugs: &[&str]) -> Result<Vec<SharedDetails>, StoreError> {
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT p.slug, CASE WHEN cc.share_email THEN a.email END AS email, cc.contact_note \
             FROM person p JOIN community_contact cc ON cc.person_id = p.id \
             LEFT JOIN account a ON a.person_id = p.id AND a.disabled_at IS NULL \
             WHERE p.slug IN (",
        );
        let mut each = query.separated(", ");
        for slug in slugs {
            each.push_bind(*slug);
        }
        query.push(")");
        query.build_query_as().fetch_all(pool).await
    })?)
}

/// Threads the demo writes in the first release's columns get their board, last activity and
/// count of replies as migration 0013 gives an earlier release's.
const SETTLE: [&str; 2] = [
    "UPDATE community_post SET category_id = COALESCE( \
       (SELECT a.category_id FROM award a WHERE a.person_id = community_post.author_person_id \
        ORDER BY a.starts_on DESC, a.id DESC LIMIT 1), \
       (SELECT MIN(c.id) FROM category c)) \
     WHERE parent_id IS NULL AND category_id IS NULL",
    "UPDATE community_post SET \
       last_post_at = COALESCE( \
         (SELECT MAX(r.created_at) FROM community_post r WHERE r.parent_id = community_post.id), \
         created_at), \
       reply_count = (SELECT COUNT(*) FROM community_post r \
         WHERE r.parent_id = community_post.id) \
     WHERE parent_id IS NULL AND last_post_at IS NULL",
];

pub async fn settle_threads(tx: &mut Tx) -> Result<(), StoreError> {
    for sql in SETTLE {
        on_tx!(tx, conn => sqlx::query(sql).execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}
