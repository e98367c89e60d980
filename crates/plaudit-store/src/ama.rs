//! Ask me anything: an awardee's (or the program's) AMA, its questions with their tags, votes
//! and followers, the host's answers (one part per row) with the history of their edits, and
//! the full-text search of the archive.

use jiff::Timestamp;
use plaudit_domain::directory::fold;
use sqlx::FromRow;
use tracing::instrument;

use crate::accounts::Contact;
use crate::directory::in_list;
use crate::timestamp::to_micros;
use crate::{Backend, Db, StoreError, Tx, on_db, on_tx};

/// An AMA with its host.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AmaRow {
    pub id: i64,
    pub host_person_id: i64,
    pub host_name: String,
    pub host_slug: String,
    /// The host's time zone (an IANA name) that exported posts are dated in; empty: the
    /// program's.
    pub time_zone: String,
    pub slug: String,
    pub title: String,
    pub description: String,
    /// Comma-separated.
    pub topics: String,
    pub status: String,
    pub anonymous_questions: bool,
    pub program_wide: bool,
    pub github_repo: Option<String>,
    /// The host's GitHub login, whose comments on the repository's issues are the answers.
    pub github_login: Option<String>,
    pub created_at: i64,
}

macro_rules! ama_columns {
    () => {
        "SELECT a.id, a.host_person_id, p.display_name AS host_name, p.slug AS host_slug, \
         a.time_zone, a.slug, a.title, a.description, a.topics, a.status, \
         a.anonymous_questions, a.program_wide, a.github_repo, a.github_login, a.created_at \
         FROM ama a JOIN person p ON p.id = a.host_person_id "
    };
}

const BY_SLUG: &str = concat!(ama_columns!(), "WHERE a.slug = $1");
const OF_HOST: &str = concat!(
    ama_columns!(),
    "WHERE a.host_person_id = $1 AND NOT a.program_wide ORDER BY a.id DESC LIMIT 1"
);
const BY_ID: &str = concat!(ama_columns!(), "WHERE a.id = $1");

#[instrument(skip_all)]
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<AmaRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(BY_SLUG).bind(slug).fetch_optional(pool).await)?)
}

#[instrument(skip_all)]
pub async fn by_id(db: &Db, id: i64) -> Result<Option<AmaRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(BY_ID).bind(id).fetch_optional(pool).await)?)
}

/// The AMA a person hosts, or hosted last (an awardee hosts one at a time), if any.
#[instrument(skip_all)]
pub async fn of_host(db: &Db, person_id: i64) -> Result<Option<AmaRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(OF_HOST).bind(person_id).fetch_optional(pool).await)?)
}

/// An AMA as the list of AMAs shows it, with how many questions it answered and holds open.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ListedAma {
    #[sqlx(flatten)]
    pub ama: AmaRow,
    pub answered: i64,
    pub open: i64,
}

// Each count is one range of `ama_question_by_age`.
const LISTING_FIRST: &str = concat!(
    "SELECT x.*, \
       (SELECT COUNT(*) FROM ama_question q WHERE q.ama_id = x.id AND q.state = 'answered') \
         AS answered, \
       (SELECT COUNT(*) FROM ama_question q WHERE q.ama_id = x.id AND q.state = 'open') AS open \
     FROM (",
    ama_columns!(),
    "WHERE a.status <> 'closed' ORDER BY a.id DESC LIMIT $1) x ORDER BY x.id DESC"
);
const LISTING_AFTER: &str = concat!(
    "SELECT x.*, \
       (SELECT COUNT(*) FROM ama_question q WHERE q.ama_id = x.id AND q.state = 'answered') \
         AS answered, \
       (SELECT COUNT(*) FROM ama_question q WHERE q.ama_id = x.id AND q.state = 'open') AS open \
     FROM (",
    ama_columns!(),
    "WHERE a.status <> 'closed' AND a.id < $2 ORDER BY a.id DESC LIMIT $1) x ORDER BY x.id DESC"
);

/// The AMAs that are not closed, newest first, a page from `before_id` on.
#[instrument(skip_all)]
pub async fn listing(
    db: &Db,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<ListedAma>, StoreError> {
    Ok(match before_id {
        None => on_db!(db, pool => sqlx::query_as(LISTING_FIRST).bind(limit)
            .fetch_all(pool).await)?,
        Some(id) => on_db!(db, pool => sqlx::query_as(LISTING_AFTER).bind(limit).bind(id)
            .fetch_all(pool).await)?,
    })
}

/// How many of an AMA's questions are in each state.
#[instrument(skip_all)]
pub async fn state_counts(db: &Db, ama_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
    const SQL: &str = "SELECT state, COUNT(*) FROM ama_question WHERE ama_id = $1 GROUP BY state";
    Ok(on_db!(db, pool => sqlx::query_as(SQL).bind(ama_id).fetch_all(pool).await)?)
}

/// What a host writes about their AMA.
#[derive(Debug, Clone, Copy)]
pub struct AmaFields<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub topics: &'a str,
    pub anonymous_questions: bool,
    pub time_zone: &'a str,
}

const INSERT: &str = "INSERT INTO ama (host_person_id, slug, title, description, topics, \
     anonymous_questions, program_wide, status, time_zone, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9) RETURNING id";

/// Opens an AMA; a second one of the same host that is not closed (and not program-wide), or a
/// taken slug, is a unique violation.
#[instrument(skip_all)]
pub async fn insert(
    tx: &mut Tx,
    host_person_id: i64,
    slug: &str,
    program_wide: bool,
    fields: &AmaFields<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT).bind(host_person_id).bind(slug)
        .bind(fields.title).bind(fields.description).bind(fields.topics)
        .bind(fields.anonymous_questions).bind(program_wide).bind(fields.time_zone)
        .bind(to_micros(now))
        .fetch_one(conn).await)?)
}

/// Whether `slug` names an AMA already.
#[instrument(skip_all)]
pub async fn slug_taken(tx: &mut Tx, slug: &str) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM ama WHERE slug = $1";
    let n: i64 = on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(slug).fetch_one(conn).await)?;
    Ok(n > 0)
}

#[instrument(skip_all)]
pub async fn update(tx: &mut Tx, id: i64, fields: &AmaFields<'_>) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE ama SET title = $2, description = $3, topics = $4, \
         anonymous_questions = $5, time_zone = $6 WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(fields.title).bind(fields.description)
        .bind(fields.topics).bind(fields.anonymous_questions).bind(fields.time_zone)
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

#[instrument(skip_all)]
pub async fn set_status(tx: &mut Tx, id: i64, status: &str) -> Result<(), StoreError> {
    const SQL: &str =
        "UPDATE ama SET status = $2, accepting_questions = ($2 = 'open') WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(status).execute(conn).await.map(|_| ()))?;
    Ok(())
}

// ------------------------------------------------------------------ questions

/// A question as pages show it; the asker's name is their profile's when they were signed in.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct QuestionRow {
    pub id: i64,
    pub ama_id: i64,
    pub asker_account_id: Option<i64>,
    pub asker_name: String,
    pub title: String,
    pub body: String,
    pub state: String,
    pub duplicate_of_id: Option<i64>,
    pub decline_reason: Option<String>,
    pub vote_count: i64,
    pub view_count: i64,
    pub created_at: i64,
    pub answered_at: Option<i64>,
    pub answer_updated_at: Option<i64>,
    pub contribution_id: Option<i64>,
}

macro_rules! question_columns {
    () => {
        "SELECT q.id, q.ama_id, q.asker_account_id, \
         COALESCE(ap.display_name, q.asker_name) AS asker_name, q.title, q.body, q.state, \
         q.duplicate_of_id, q.decline_reason, q.vote_count, q.view_count, q.created_at, \
         q.answered_at, q.answer_updated_at, q.contribution_id \
         FROM ama_question q LEFT JOIN account ac ON ac.id = q.asker_account_id \
         LEFT JOIN person ap ON ap.id = ac.person_id "
    };
}

const QUESTION: &str = concat!(question_columns!(), "WHERE q.id = $1");

#[instrument(skip_all)]
pub async fn question(db: &Db, id: i64) -> Result<Option<QuestionRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(QUESTION).bind(id).fetch_optional(pool).await)?)
}

/// The question `id` read inside a write, to decide on the state it is in right now.
#[instrument(skip_all)]
pub async fn question_in(tx: &mut Tx, id: i64) -> Result<Option<QuestionRow>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(QUESTION).bind(id).fetch_optional(conn).await)?)
}

/// How a list of an AMA's questions is ordered; each is one index range per state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionOrder {
    /// Most votes first (`ama_question_by_votes`).
    Votes,
    /// Newest first (`ama_question_by_age`).
    Newest,
    /// Most recently answered first (`ama_question_by_answer`).
    Answered,
}

impl QuestionOrder {
    fn column(self) -> &'static str {
        match self {
            QuestionOrder::Votes => "q.vote_count",
            QuestionOrder::Newest => "q.created_at",
            QuestionOrder::Answered => "q.answered_at",
        }
    }

    /// The key of `q` this order sorts by.
    pub fn key_of(self, q: &QuestionRow) -> i64 {
        match self {
            QuestionOrder::Votes => q.vote_count,
            QuestionOrder::Newest => q.created_at,
            QuestionOrder::Answered => q.answered_at.unwrap_or_default(),
        }
    }
}

/// Where a page of questions starts: after the last one of the previous page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionCursor {
    pub key: i64,
    pub id: i64,
}

/// Which of an AMA's questions a list shows.
#[derive(Debug, Clone)]
pub struct QuestionList<'a> {
    pub ama_id: i64,
    pub state: &'a str,
    pub order: QuestionOrder,
    pub tag: Option<&'a str>,
    pub after: Option<QuestionCursor>,
}

/// A page of an AMA's questions in one state, in `list.order`, from `list.after` on.
#[instrument(skip_all)]
pub async fn questions(
    db: &Db,
    list: &QuestionList<'_>,
    limit: i64,
) -> Result<Vec<QuestionRow>, StoreError> {
    Ok(on_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(question_columns!());
        query.push("WHERE q.ama_id = ").push_bind(list.ama_id);
        query.push(" AND q.state = ").push_bind(list.state.to_owned());
        if let Some(tag) = list.tag {
            query.push(" AND q.id IN (SELECT question_id FROM ama_question_tag WHERE tag = ");
            query.push_bind(tag.to_owned()).push(")");
        }
        let key = list.order.column();
        if let Some(after) = list.after {
            // `k <= $k AND (k < $k OR id < $i)` rather than a row value, so both planners
            // seek the index.
            query.push(format!(" AND {key} <= ")).push_bind(after.key);
            query.push(format!(" AND ({key} < ")).push_bind(after.key);
            query.push(" OR q.id < ").push_bind(after.id).push(")");
        }
        query.push(format!(" ORDER BY {key} DESC, q.id DESC LIMIT ")).push_bind(limit);
        query.build_query_as().fetch_all(pool).await
    })?)
}

/// A tag of one question.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct QuestionTag {
    pub question_id: i64,
    pub tag: String,
}

/// The tags of the questions `ids` (a page), by primary key.
#[instrument(skip_all)]
pub async fn tags_of(db: &Db, ids: &[i64]) -> Result<Vec<QuestionTag>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_db!(db, pool => {
        let mut query =
            sqlx::QueryBuilder::new("SELECT question_id, tag FROM ama_question_tag WHERE question_id");
        in_list(&mut query, ids);
        query.push(" ORDER BY question_id, tag");
        query.build_query_as().fetch_all(pool).await
    })?)
}

/// A question as someone asks it.
#[derive(Debug, Clone, Copy)]
pub struct NewQuestion<'a> {
    pub ama_id: i64,
    pub asker_account_id: Option<i64>,
    /// The name someone not signed in gives.
    pub asker_name: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub state: &'a str,
}

const INSERT_QUESTION: &str = "INSERT INTO ama_question (ama_id, asker_account_id, asker_name, \
     title, body, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
     RETURNING id";

/// Marks question `$1` changed in Plaudit at `$2` (`updated_at`, which the GitHub sync compares
/// with what it last saw); never backwards, and always later than the change before, so two
/// changes at the same instant are still two.
const TOUCHED_AT: &str = "UPDATE ama_question SET updated_at = \
     CASE WHEN updated_at < $2 THEN $2 ELSE updated_at + 1 END WHERE id = $1";
/// Marks question `$1` changed in Plaudit, for a change that is given no clock: a microsecond
/// after the change before.
const TOUCHED: &str = "UPDATE ama_question SET updated_at = updated_at + 1 WHERE id = $1";

#[instrument(skip_all)]
pub async fn insert_question(
    tx: &mut Tx,
    new: &NewQuestion<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT_QUESTION).bind(new.ama_id)
        .bind(new.asker_account_id).bind(new.asker_name).bind(new.title).bind(new.body)
        .bind(new.state).bind(to_micros(now)).fetch_one(conn).await)?)
}

/// Replaces a question's tags.
#[instrument(skip_all)]
pub async fn set_tags(tx: &mut Tx, question_id: i64, tags: &[String]) -> Result<(), StoreError> {
    const DELETE: &str = "DELETE FROM ama_question_tag WHERE question_id = $1";
    const INSERT: &str = "INSERT INTO ama_question_tag (question_id, tag) VALUES ($1, $2)";
    on_tx!(tx, conn => sqlx::query(DELETE).bind(question_id).execute(&mut *conn).await
        .map(|_| ()))?;
    for tag in tags {
        on_tx!(tx, conn => sqlx::query(INSERT).bind(question_id).bind(tag).execute(conn).await
            .map(|_| ()))?;
    }
    on_tx!(tx, conn => sqlx::query(TOUCHED).bind(question_id).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// Where a question stands, as the host set it.
#[derive(Debug, Clone, Copy)]
pub struct StateChange<'a> {
    pub state: &'a str,
    pub duplicate_of_id: Option<i64>,
    pub decline_reason: Option<&'a str>,
    pub answered_at: Option<i64>,
    pub answer_updated_at: Option<i64>,
}

#[instrument(skip_all)]
pub async fn set_state(
    tx: &mut Tx,
    question_id: i64,
    change: &StateChange<'_>,
) -> Result<(), StoreError> {
    // Changed now: when the answer changed, then; else a microsecond after the last change.
    const SQL: &str = "UPDATE ama_question SET state = $2, duplicate_of_id = $3, \
         decline_reason = $4, answered_at = $5, answer_updated_at = $6, updated_at = \
         CASE WHEN updated_at < COALESCE($6, 0) THEN $6 ELSE updated_at + 1 END WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(question_id).bind(change.state)
        .bind(change.duplicate_of_id).bind(change.decline_reason).bind(change.answered_at)
        .bind(change.answer_updated_at).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// Records the contribution an answered question became.
#[instrument(skip_all)]
pub async fn set_contribution(
    tx: &mut Tx,
    question_id: i64,
    contribution_id: i64,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE ama_question SET contribution_id = $2 WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(question_id).bind(contribution_id).execute(conn)
        .await.map(|_| ()))?;
    Ok(())
}

/// Adds views counted in memory since the last time; the host's contribution's reach follows.
#[instrument(skip_all)]
pub async fn add_views(tx: &mut Tx, views: &[(i64, i64)]) -> Result<(), StoreError> {
    const QUESTION: &str = "UPDATE ama_question SET view_count = view_count + $2 WHERE id = $1";
    const CONTRIBUTION: &str = "UPDATE contribution SET views = \
         (SELECT q.view_count FROM ama_question q WHERE q.id = $1) \
         WHERE id = (SELECT q.contribution_id FROM ama_question q WHERE q.id = $1)";
    for (id, n) in views {
        on_tx!(tx, conn => sqlx::query(QUESTION).bind(id).bind(n).execute(&mut *conn).await
            .map(|_| ()))?;
        on_tx!(tx, conn => sqlx::query(CONTRIBUTION).bind(id).execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}

// ------------------------------------------------------------------ votes and followers

/// Adds `account_id`'s vote; false when they had voted already (one vote per person).
#[instrument(skip_all)]
pub async fn vote(
    tx: &mut Tx,
    question_id: i64,
    account_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    const INSERT: &str = "INSERT INTO ama_vote (question_id, account_id, created_at) \
         VALUES ($1, $2, $3) ON CONFLICT (question_id, account_id) DO NOTHING";
    const BUMP: &str = "UPDATE ama_question SET vote_count = vote_count + 1 WHERE id = $1";
    let added = on_tx!(tx, conn => sqlx::query(INSERT).bind(question_id).bind(account_id)
        .bind(to_micros(now)).execute(&mut *conn).await.map(|d| d.rows_affected()))?;
    if added == 1 {
        on_tx!(tx, conn => sqlx::query(BUMP).bind(question_id).execute(conn).await.map(|_| ()))?;
    }
    Ok(added == 1)
}

/// Takes `account_id`'s vote back; false when there was none.
#[instrument(skip_all)]
pub async fn unvote(tx: &mut Tx, question_id: i64, account_id: i64) -> Result<bool, StoreError> {
    const DELETE: &str = "DELETE FROM ama_vote WHERE question_id = $1 AND account_id = $2";
    const DROP: &str = "UPDATE ama_question SET vote_count = vote_count - 1 WHERE id = $1";
    let gone = on_tx!(tx, conn => sqlx::query(DELETE).bind(question_id).bind(account_id)
        .execute(&mut *conn).await.map(|d| d.rows_affected()))?;
    if gone == 1 {
        on_tx!(tx, conn => sqlx::query(DROP).bind(question_id).execute(conn).await.map(|_| ()))?;
    }
    Ok(gone == 1)
}

/// Which of the questions `ids` (a page) `account_id` voted for, by primary key.
#[instrument(skip_all)]
pub async fn voted(db: &Db, account_id: i64, ids: &[i64]) -> Result<Vec<i64>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new("SELECT question_id FROM ama_vote WHERE account_id = ");
        query.push_bind(account_id).push(" AND question_id");
        in_list(&mut query, ids);
        query.build_query_scalar().fetch_all(pool).await
    })?)
}

/// Follows or stops following a question.
#[instrument(skip_all)]
pub async fn set_following(
    tx: &mut Tx,
    question_id: i64,
    account_id: i64,
    follow: bool,
    now: Timestamp,
) -> Result<(), StoreError> {
    const INSERT: &str = "INSERT INTO ama_follow (question_id, account_id, created_at) \
         VALUES ($1, $2, $3) ON CONFLICT (question_id, account_id) DO NOTHING";
    const DELETE: &str = "DELETE FROM ama_follow WHERE question_id = $1 AND account_id = $2";
    if follow {
        on_tx!(tx, conn => sqlx::query(INSERT).bind(question_id).bind(account_id)
            .bind(to_micros(now)).execute(conn).await.map(|_| ()))?;
    } else {
        on_tx!(tx, conn => sqlx::query(DELETE).bind(question_id).bind(account_id)
            .execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}

#[instrument(skip_all)]
pub async fn follows(db: &Db, question_id: i64, account_id: i64) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM ama_follow WHERE question_id = $1 AND account_id = $2";
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(SQL).bind(question_id).bind(account_id)
        .fetch_one(pool).await)?;
    Ok(n > 0)
}

/// Where to tell a question's followers (and its asker, who follows what they ask) that it
/// was answered; never the host who answered.
#[instrument(skip_all)]
pub async fn followers(
    tx: &mut Tx,
    question_id: i64,
    except_account_id: i64,
) -> Result<Vec<Contact>, StoreError> {
    const SQL: &str = "SELECT a.email, a.language FROM account a \
         WHERE a.disabled_at IS NULL AND a.id <> $2 AND a.id IN ( \
           SELECT account_id FROM ama_follow WHERE question_id = $1 \
           UNION SELECT asker_account_id FROM ama_question WHERE id = $1)";
    Ok(on_tx!(tx, conn => sqlx::query_as(SQL).bind(question_id).bind(except_account_id)
        .fetch_all(conn).await)?)
}

// ------------------------------------------------------------------ answers

/// One part of an answer: the part of the question it takes (empty for a whole answer) and
/// what the host wrote.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AnswerPart {
    pub question_id: i64,
    pub position: i64,
    pub question_part: String,
    pub body: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const PARTS: &str = "SELECT question_id, position, question_part, body, created_at, updated_at \
     FROM ama_answer WHERE question_id = $1 ORDER BY position";

/// The answer to question `id`, part by part.
#[instrument(skip_all)]
pub async fn answer(db: &Db, question_id: i64) -> Result<Vec<AnswerPart>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(PARTS).bind(question_id).fetch_all(pool).await)?)
}

#[instrument(skip_all)]
pub async fn answer_in(tx: &mut Tx, question_id: i64) -> Result<Vec<AnswerPart>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(PARTS).bind(question_id).fetch_all(conn).await)?)
}

/// The answers to the questions `ids` (a page), by the answer's unique key.
#[instrument(skip_all)]
pub async fn answers_of(db: &Db, ids: &[i64]) -> Result<Vec<AnswerPart>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT question_id, position, question_part, body, created_at, updated_at \
             FROM ama_answer WHERE question_id",
        );
        in_list(&mut query, ids);
        query.push(" ORDER BY question_id, position");
        query.build_query_as().fetch_all(pool).await
    })?)
}

/// Writes the answer to a question as `parts` (question part, answer), replacing what was
/// there; `first_written` is when it was first answered. A part keeps its row, by position, so
/// what else it carries (its GitHub comment) stays with it.
#[instrument(skip_all)]
pub async fn replace_answer(
    tx: &mut Tx,
    question_id: i64,
    parts: &[(&str, &str)],
    first_written: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    const UPDATE: &str = "UPDATE ama_answer SET question_part = $3, body = $4, created_at = $5, \
         updated_at = $6 WHERE question_id = $1 AND position = $2";
    const INSERT: &str = "INSERT INTO ama_answer (question_id, position, question_part, body, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)";
    const DELETE_REST: &str = "DELETE FROM ama_answer WHERE question_id = $1 AND position >= $2";
    for (position, (part, body)) in parts.iter().enumerate() {
        let updated = on_tx!(tx, conn => sqlx::query(UPDATE).bind(question_id)
            .bind(position as i64).bind(*part).bind(*body).bind(first_written)
            .bind(to_micros(now)).execute(conn).await.map(|d| d.rows_affected()))?;
        if updated == 0 {
            on_tx!(tx, conn => sqlx::query(INSERT).bind(question_id).bind(position as i64)
                .bind(*part).bind(*body).bind(first_written).bind(to_micros(now))
                .execute(conn).await.map(|_| ()))?;
        }
    }
    on_tx!(tx, conn => sqlx::query(DELETE_REST).bind(question_id).bind(parts.len() as i64)
        .execute(&mut *conn).await.map(|_| ()))?;
    on_tx!(tx, conn => sqlx::query(TOUCHED_AT).bind(question_id).bind(to_micros(now))
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// An earlier version of an answer.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Revision {
    pub id: i64,
    pub answer: String,
    pub written_at: i64,
    pub replaced_at: i64,
}

#[instrument(skip_all)]
pub async fn insert_revision(
    tx: &mut Tx,
    question_id: i64,
    answer: &str,
    written_at: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO ama_answer_revision (question_id, answer, written_at, \
         replaced_at) VALUES ($1, $2, $3, $4)";
    on_tx!(tx, conn => sqlx::query(SQL).bind(question_id).bind(answer).bind(written_at)
        .bind(to_micros(now)).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// The answer's earlier versions, newest first.
#[instrument(skip_all)]
pub async fn revisions(db: &Db, question_id: i64) -> Result<Vec<Revision>, StoreError> {
    const SQL: &str = "SELECT id, answer, written_at, replaced_at FROM ama_answer_revision \
         WHERE question_id = $1 ORDER BY id DESC";
    Ok(on_db!(db, pool => sqlx::query_as(SQL).bind(question_id).fetch_all(pool).await)?)
}

// ------------------------------------------------------------------ search

/// Writes what the search finds question `id` by: its title, body and answer, folded.
#[instrument(skip_all)]
pub async fn set_search(tx: &mut Tx, question_id: i64, text: &str) -> Result<(), StoreError> {
    let folded = fold(text);
    match tx {
        Tx::Sqlite(conn) => {
            sqlx::query("DELETE FROM ama_search WHERE rowid = $1")
                .bind(question_id)
                .execute(&mut **conn)
                .await?;
            sqlx::query("INSERT INTO ama_search (rowid, text) VALUES ($1, $2)")
                .bind(question_id)
                .bind(folded)
                .execute(&mut **conn)
                .await?;
        }
        Tx::Postgres(conn) => {
            sqlx::query("UPDATE ama_question SET search = to_tsvector('simple', $2) WHERE id = $1")
                .bind(question_id)
                .bind(folded)
                .execute(&mut **conn)
                .await?;
        }
    }
    Ok(())
}

/// How a search combines its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// Every word, as a prefix: what a reader searching the archive means.
    All,
    /// Any word: questions like one being typed.
    Any,
}

/// The public questions of an AMA that match `terms` (folded words of letters and digits
/// only, see `plaudit_domain::directory::search_terms`), newest first.
#[instrument(skip_all)]
pub async fn search(
    db: &Db,
    ama_id: i64,
    terms: &[String],
    how: Match,
    limit: i64,
) -> Result<Vec<QuestionRow>, StoreError> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.backend();
    Ok(on_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(question_columns!());
        query.push("WHERE q.ama_id = ").push_bind(ama_id);
        query.push(" AND q.state <> 'held' AND q.id IN (");
        // The words are letters and digits only: quoting them keeps either database's search
        // syntax out.
        match backend {
            Backend::Sqlite => {
                let words: Vec<String> = terms.iter().map(|t| format!("\"{t}\"*")).collect();
                let joiner = if how == Match::All { " " } else { " OR " };
                query.push("SELECT rowid FROM ama_search WHERE ama_search MATCH ");
                query.push_bind(words.join(joiner));
            }
            Backend::Postgres => {
                let words: Vec<String> = terms.iter().map(|t| format!("'{t}':*")).collect();
                let joiner = if how == Match::All { " & " } else { " | " };
                query.push("SELECT id FROM ama_question WHERE search @@ to_tsquery('simple', ");
                query.push_bind(words.join(joiner)).push(")");
            }
        }
        query.push(") ORDER BY q.created_at DESC, q.id DESC LIMIT ").push_bind(limit);
        query.build_query_as().fetch_all(pool).await
    })?)
}

/// Questions (id, title, body) and their answers' words, for the demo's search rows.
const EVERY_TEXT: &str = "SELECT q.id, q.title || ' ' || q.body || ' ' || \
     COALESCE((SELECT string_agg(a.question_part || ' ' || a.body, ' ') FROM ama_answer a \
               WHERE a.question_id = q.id), '') FROM ama_question q";
const EVERY_TEXT_SQLITE: &str = "SELECT q.id, q.title || ' ' || q.body || ' ' || \
     COALESCE((SELECT group_concat(a.question_part || ' ' || a.body, ' ') FROM ama_answer a \
               WHERE a.question_id = q.id), '') FROM ama_question q";

/// What the demo, written in the first release's columns, lacks: every AMA's `topics`, the
/// program's own AMA at `program_slug` marked as such, views (a fixed spread, the same on both
/// databases), when each answer and each question last changed, and the search rows.
pub async fn settle_demo(
    tx: &mut Tx,
    topics: &[&str],
    program_slug: &str,
) -> Result<(), StoreError> {
    const AMAS: &str = "UPDATE ama SET topics = $1, program_wide = (slug = $2), \
         status = CASE WHEN accepting_questions THEN 'open' ELSE 'paused' END";
    const QUESTIONS: &str = "UPDATE ama_question SET answer_updated_at = answered_at, \
         view_count = (id * 7919) % 997 + vote_count * 10, \
         updated_at = COALESCE(answered_at, created_at)";
    on_tx!(tx, conn => sqlx::query(AMAS).bind(topics.join(", ")).bind(program_slug)
        .execute(&mut *conn).await.map(|_| ()))?;
    on_tx!(tx, conn => sqlx::query(QUESTIONS).execute(conn).await.map(|_| ()))?;
    settle_search(tx).await
}

/// Writes the search rows of every question, for data loaded in bulk.
async fn settle_search(tx: &mut Tx) -> Result<(), StoreError> {
    let texts: Vec<(i64, String)> = match tx {
        Tx::Sqlite(conn) => sqlx::query_as(EVERY_TEXT_SQLITE).fetch_all(&mut **conn).await?,
        Tx::Postgres(conn) => sqlx::query_as(EVERY_TEXT).fetch_all(&mut **conn).await?,
    };
    for (id, text) in texts {
        set_search(tx, id, &text).await?;
    }
    Ok(())
}
