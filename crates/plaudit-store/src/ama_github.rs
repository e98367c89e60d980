//! An AMA linked to a GitHub repository: what the sync remembers of GitHub (the issue listing's
//! `since` and ETag, each question's issue as it last saw it, each answer part's comment) and
//! the questions it has to push, those that changed in Plaudit since it last saw them.

use jiff::Timestamp;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// An AMA as the sync reads it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct LinkedAma {
    pub id: i64,
    pub slug: String,
    pub github_repo: Option<String>,
    /// The host's GitHub login: their comments are the answer.
    pub github_login: Option<String>,
    /// The repository the questions' issue numbers are of.
    pub github_issues_repo: Option<String>,
    pub github_etag: Option<String>,
    /// The `since` the ETag was answered for (microseconds).
    pub github_since: Option<i64>,
    pub github_synced_at: Option<i64>,
    /// Until when GitHub's rate limit holds (microseconds).
    pub github_retry_at: Option<i64>,
}

const LINKED: &str = "SELECT id, slug, github_repo, github_login, github_issues_repo, \
     github_etag, github_since, github_synced_at, github_retry_at FROM ama WHERE id = $1";

#[instrument(skip_all)]
pub async fn linked(db: &Db, ama_id: i64) -> Result<Option<LinkedAma>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(LINKED).bind(ama_id).fetch_optional(pool).await)?)
}

/// The AMAs linked to a repository with their host's login, by id (`ama_github`). A repository
/// without a login (the first release had no login) is not synced: nobody's comments would be
/// the answers.
#[instrument(skip_all)]
pub async fn linked_ids(db: &Db) -> Result<Vec<i64>, StoreError> {
    const SQL: &str = "SELECT id FROM ama WHERE github_repo IS NOT NULL \
         AND github_login IS NOT NULL ORDER BY id";
    Ok(on_db!(db, pool => sqlx::query_scalar(SQL).fetch_all(pool).await)?)
}

/// The latest instant until which GitHub's rate limit holds for an AMA, if any (`ama_github`):
/// one token syncs them all, so a limit met by one holds for every one.
#[instrument(skip_all)]
pub async fn rate_limited_until(db: &Db) -> Result<Option<i64>, StoreError> {
    const SQL: &str = "SELECT MAX(github_retry_at) FROM ama WHERE github_repo IS NOT NULL";
    Ok(on_db!(db, pool => sqlx::query_scalar(SQL).fetch_one(pool).await)?)
}

/// Links the AMA to `repo` (`owner/name`) hosted by `login`, or unlinks it with None. What the
/// sync remembered of the listing goes; with `forget_issues` (another repository), so does
/// what it remembered of every question's issue and comments. The issues are `repo`'s from
/// then on; unlinking leaves them the last repository's.
#[instrument(skip_all)]
pub async fn link(
    tx: &mut Tx,
    ama_id: i64,
    repo: Option<&str>,
    login: Option<&str>,
    forget_issues: bool,
) -> Result<(), StoreError> {
    const AMA: &str = "UPDATE ama SET github_repo = $2, github_login = $3, \
         github_issues_repo = COALESCE($2, github_issues_repo), github_etag = NULL, \
         github_since = NULL, github_retry_at = NULL WHERE id = $1";
    const QUESTIONS: &str = "UPDATE ama_question SET github_issue_number = NULL, \
         github_updated_at = NULL, github_synced_at = NULL, github_state = NULL, \
         github_labels = NULL, github_last_comment_id = NULL WHERE ama_id = $1";
    const PARTS: &str = "UPDATE ama_answer SET github_comment_id = NULL, \
         github_synced_body = NULL WHERE question_id IN \
         (SELECT id FROM ama_question WHERE ama_id = $1)";
    on_tx!(tx, conn => sqlx::query(AMA).bind(ama_id).bind(repo).bind(login).execute(conn).await
        .map(|_| ()))?;
    if forget_issues {
        on_tx!(tx, conn => sqlx::query(PARTS).bind(ama_id).execute(conn).await.map(|_| ()))?;
        on_tx!(tx, conn => sqlx::query(QUESTIONS).bind(ama_id).execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}

/// Remembers the issue listing's `since` and the ETag GitHub answered it with.
#[instrument(skip_all)]
pub async fn set_listing(
    tx: &mut Tx,
    ama_id: i64,
    since: Option<i64>,
    etag: Option<&str>,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE ama SET github_since = $2, github_etag = $3 WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(ama_id).bind(since).bind(etag).execute(conn).await
        .map(|_| ()))?;
    Ok(())
}

/// When a sync last moved something, and until when GitHub's rate limit holds (None: it
/// does not).
#[instrument(skip_all)]
pub async fn set_synced(
    tx: &mut Tx,
    ama_id: i64,
    synced_at: Option<i64>,
    retry_at: Option<i64>,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE ama SET github_synced_at = COALESCE($2, github_synced_at), \
         github_retry_at = $3 WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(ama_id).bind(synced_at).bind(retry_at)
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

// ------------------------------------------------------------------ questions

/// A question with what the sync last saw of its issue.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SyncQuestion {
    pub id: i64,
    /// The asker's name as pages show it.
    pub asker_name: String,
    pub title: String,
    pub body: String,
    pub state: String,
    /// When it last changed in Plaudit.
    pub updated_at: i64,
    pub github_issue_number: Option<i64>,
    /// The issue's `updated_at` at the last sync.
    pub github_updated_at: Option<i64>,
    /// The `updated_at` the last sync saw and wrote.
    pub github_synced_at: Option<i64>,
    /// `open`, `closed` or `closed:<state_reason>`.
    pub github_state: Option<String>,
    /// One label a line.
    pub github_labels: Option<String>,
    pub github_last_comment_id: Option<i64>,
}

macro_rules! sync_question_columns {
    () => {
        "SELECT q.id, COALESCE(ap.display_name, q.asker_name) AS asker_name, q.title, q.body, \
         q.state, q.updated_at, q.github_issue_number, q.github_updated_at, q.github_synced_at, \
         q.github_state, q.github_labels, q.github_last_comment_id \
         FROM ama_question q LEFT JOIN account ac ON ac.id = q.asker_account_id \
         LEFT JOIN person ap ON ap.id = ac.person_id "
    };
}

const BY_ISSUE: &str =
    concat!(sync_question_columns!(), "WHERE q.ama_id = $1 AND q.github_issue_number = $2");
const BY_ID: &str = concat!(sync_question_columns!(), "WHERE q.id = $1 AND q.ama_id = $2");
// The predicate of `ama_question_github_pending`, written as the index has it.
const PENDING: &str = concat!(
    sync_question_columns!(),
    "WHERE q.ama_id = $1 AND (q.github_synced_at IS NULL OR q.updated_at > q.github_synced_at) \
     ORDER BY q.id"
);

/// The question of issue `number` (`ama_question_github_issue`).
#[instrument(skip_all)]
pub async fn by_issue(
    db: &Db,
    ama_id: i64,
    number: i64,
) -> Result<Option<SyncQuestion>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(BY_ISSUE).bind(ama_id).bind(number)
        .fetch_optional(pool).await)?)
}

/// Question `id` of the AMA.
#[instrument(skip_all)]
pub async fn question(db: &Db, ama_id: i64, id: i64) -> Result<Option<SyncQuestion>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(BY_ID).bind(id).bind(ama_id)
        .fetch_optional(pool).await)?)
}

/// The questions never synced or changed in Plaudit since the last sync, held ones among them
/// (`ama_question_github_pending`).
#[instrument(skip_all)]
pub async fn pending(db: &Db, ama_id: i64) -> Result<Vec<SyncQuestion>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(PENDING).bind(ama_id).fetch_all(pool).await)?)
}

/// When question `id` last changed in Plaudit, read inside the sync's write.
#[instrument(skip_all)]
pub async fn updated_at(tx: &mut Tx, id: i64) -> Result<Option<i64>, StoreError> {
    const SQL: &str = "SELECT updated_at FROM ama_question WHERE id = $1";
    Ok(on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(id).fetch_optional(conn).await)?)
}

/// A question's title and body as its issue now has them.
#[instrument(skip_all)]
pub async fn set_text(
    tx: &mut Tx,
    id: i64,
    title: &str,
    body: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE ama_question SET title = $2, body = $3, updated_at = \
         CASE WHEN updated_at < $4 THEN $4 ELSE updated_at + 1 END WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(title).bind(body).bind(to_micros(now))
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// What the sync learnt of a question's issue; None leaves what was remembered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueSeen<'a> {
    pub number: Option<i64>,
    pub updated_at: Option<i64>,
    pub state: Option<&'a str>,
    pub labels: Option<&'a str>,
    pub last_comment_id: Option<i64>,
}

#[instrument(skip_all)]
pub async fn record_issue(tx: &mut Tx, id: i64, seen: &IssueSeen<'_>) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE ama_question SET \
         github_issue_number = COALESCE($2, github_issue_number), \
         github_updated_at = COALESCE($3, github_updated_at), \
         github_state = COALESCE($4, github_state), \
         github_labels = COALESCE($5, github_labels), \
         github_last_comment_id = COALESCE($6, github_last_comment_id) WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(seen.number).bind(seen.updated_at)
        .bind(seen.state).bind(seen.labels).bind(seen.last_comment_id)
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// Marks question `id` as synced as it is now: a later change in Plaudit is pushed next time.
#[instrument(skip_all)]
pub async fn mark_synced(tx: &mut Tx, id: i64) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE ama_question SET github_synced_at = updated_at WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).execute(conn).await.map(|_| ()))?;
    Ok(())
}

// ------------------------------------------------------------------ answer parts

/// An answer part with its comment.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SyncPart {
    pub position: i64,
    pub question_part: String,
    pub body: String,
    pub github_comment_id: Option<i64>,
    /// The comment's body when the last sync left it (line ends as `\n`).
    pub github_synced_body: Option<String>,
}

/// The answer to question `id`, part by part (`ama_answer`'s unique key).
#[instrument(skip_all)]
pub async fn parts(db: &Db, question_id: i64) -> Result<Vec<SyncPart>, StoreError> {
    const SQL: &str = "SELECT position, question_part, body, github_comment_id, \
         github_synced_body FROM ama_answer WHERE question_id = $1 ORDER BY position";
    Ok(on_db!(db, pool => sqlx::query_as(SQL).bind(question_id).fetch_all(pool).await)?)
}

/// Records the comment of the part at `position` and its body as GitHub has it.
#[instrument(skip_all)]
pub async fn link_part(
    tx: &mut Tx,
    question_id: i64,
    position: i64,
    comment_id: i64,
    synced_body: &str,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE ama_answer SET github_comment_id = $3, github_synced_body = $4 \
         WHERE question_id = $1 AND position = $2";
    on_tx!(tx, conn => sqlx::query(SQL).bind(question_id).bind(position).bind(comment_id)
        .bind(synced_body).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// The account of person `person_id` (the host), if they have one, and its language.
#[instrument(skip_all)]
pub async fn account_of(
    tx: &mut Tx,
    person_id: i64,
) -> Result<Option<(i64, Option<String>)>, StoreError> {
    const SQL: &str = "SELECT id, language FROM account WHERE person_id = $1";
    Ok(on_tx!(tx, conn => sqlx::query_as(SQL).bind(person_id).fetch_optional(conn).await)?)
}
