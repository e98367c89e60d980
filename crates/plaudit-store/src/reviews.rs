//! Review: what a reviewer may see (scope and conflicts), the queue, each round's reviews and
//! scores, recusals, and the decisions that close a round.

use jiff::Timestamp;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

// ------------------------------------------------------------------ who may see what

/// A category (and, where the program scopes reviewers by region, a region or country; empty
/// for all) a reviewer reviews.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Scope {
    pub category_id: i64,
    pub region: String,
}

const SCOPES: &str = "SELECT category_id, region FROM reviewer_scope WHERE account_id = $1 \
     ORDER BY category_id, region";

#[instrument(skip_all)]
pub async fn scopes(db: &Db, account_id: i64) -> Result<Vec<Scope>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(SCOPES).bind(account_id).fetch_all(pool).await)?)
}

/// The people a reviewer nominated or endorsed (in any candidacy), and the candidacies they
/// recused themselves from: the conflicts that come from their own actions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ties {
    pub people: Vec<i64>,
    pub recused: Vec<i64>,
}

const TIED_PEOPLE: &str = "SELECT k.person_id FROM nomination n \
       JOIN candidacy k ON k.id = n.candidacy_id WHERE n.nominator_person_id = $1 \
     UNION SELECT k.person_id FROM endorsement e \
       JOIN candidacy k ON k.id = e.candidacy_id WHERE e.endorser_person_id = $1";
const RECUSED: &str = "SELECT candidacy_id FROM review_recusal WHERE reviewer_account_id = $1";

/// Read through `nomination_nominator`, `endorsement_endorser` and the recusal key.
#[instrument(skip_all)]
pub async fn ties(db: &Db, account_id: i64, person_id: i64) -> Result<Ties, StoreError> {
    let (people, recused) = on_db!(db, pool => (
        sqlx::query_scalar(TIED_PEOPLE).bind(person_id).fetch_all(pool).await?,
        sqlx::query_scalar(RECUSED).bind(account_id).fetch_all(pool).await?,
    ));
    Ok(Ties { people, recused })
}

/// The employer on a person's profile.
const EMPLOYER: &str = "SELECT employer FROM person WHERE id = $1";

#[instrument(skip_all)]
pub async fn employer(db: &Db, person_id: i64) -> Result<Option<String>, StoreError> {
    let found: Option<Option<String>> = on_db!(db, pool => sqlx::query_scalar(EMPLOYER).bind(person_id).fetch_optional(pool).await)?;
    Ok(found.flatten())
}

// ------------------------------------------------------------------ the queue

/// Who is asking, with everything that limits what they see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Viewer {
    pub account_id: i64,
    pub person_id: i64,
    /// None: every category (admins); otherwise these scopes.
    pub scopes: Option<Vec<Scope>>,
    /// Whether a scope's region limits it (a program setting).
    pub regions: bool,
    /// `plaudit_domain::review::employer_key` of the viewer's employer.
    pub employer_key: Option<String>,
    pub ties: Ties,
}

/// The queue's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub category_id: Option<i64>,
    pub country: Option<String>,
    /// Only candidacies the viewer has not voted on in their current round.
    pub not_reviewed_by_me: bool,
    /// Some(true): standing at or above the threshold; Some(false): below.
    pub meets_threshold: Option<bool>,
}

/// Where in the queue to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// The first `n` with an id above the given one (0 for the start).
    After(i64, i64),
    /// The last one with an id below the given one.
    Before(i64),
}

/// A candidacy in review, as the queue lists it.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct QueueRow {
    pub id: i64,
    pub person_id: i64,
    pub display_name: String,
    pub photo_version: Option<i64>,
    pub country: Option<String>,
    pub category_id: i64,
    pub category_name: String,
    pub cycle_name: String,
    pub review_round: i64,
    pub standing_total: Option<i64>,
    pub standing_threshold: Option<i64>,
    /// The viewer's vote in the current round, once submitted.
    pub my_vote: Option<String>,
    /// Votes submitted in the current round.
    pub votes: i64,
}

const QUEUE_SELECT: &str = "SELECT k.id, k.person_id, p.display_name, p.photo_version, \
       p.country, k.category_id, c.name AS category_name, y.name AS cycle_name, k.review_round, \
       k.standing_total, k.standing_threshold, \
       (SELECT r.vote FROM review r WHERE r.candidacy_id = k.id AND r.round = k.review_round \
          AND r.reviewer_account_id = ";
const QUEUE_FROM: &str = " AND r.submitted_at IS NOT NULL) AS my_vote, \
       (SELECT COUNT(*) FROM review r WHERE r.candidacy_id = k.id AND r.round = k.review_round \
          AND r.submitted_at IS NOT NULL) AS votes \
     FROM candidacy k JOIN person p ON p.id = k.person_id \
       JOIN category c ON c.id = k.category_id JOIN cycle y ON y.id = k.cycle_id \
     WHERE k.state = 'in_review'";

/// Adds to `query` the conditions that keep out what `viewer` may not see: other scopes, and
/// every conflict (their own candidacy, people they nominated or endorsed, their employer,
/// their recusals). The queue and the single-candidacy check share it, so no list and no URL
/// shows what the other hides.
fn push_visibility<DB: sqlx::Database>(query: &mut sqlx::QueryBuilder<DB>, viewer: &Viewer)
where
    i64: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    String: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    query.push(" AND k.person_id <> ").push_bind(viewer.person_id);
    for person in &viewer.ties.people {
        query.push(" AND k.person_id <> ").push_bind(*person);
    }
    for candidacy in &viewer.ties.recused {
        query.push(" AND k.id <> ").push_bind(*candidacy);
    }
    if let Some(key) = &viewer.employer_key {
        query
            .push(" AND (p.employer IS NULL OR LOWER(TRIM(p.employer)) <> ")
            .push_bind(key.clone());
        query.push(")");
    }
    if let Some(scopes) = &viewer.scopes {
        if scopes.is_empty() {
            query.push(" AND 1 = 0");
            return;
        }
        query.push(" AND (");
        for (i, scope) in scopes.iter().enumerate() {
            if i > 0 {
                query.push(" OR ");
            }
            query.push("(k.category_id = ").push_bind(scope.category_id);
            if viewer.regions && !scope.region.is_empty() {
                query.push(" AND (p.region = ").push_bind(scope.region.clone());
                query.push(" OR p.country = ").push_bind(scope.region.clone());
                query.push(")");
            }
            query.push(")");
        }
        query.push(")");
    }
}

fn push_filter<DB: sqlx::Database>(
    query: &mut sqlx::QueryBuilder<DB>,
    viewer: &Viewer,
    filter: &QueueFilter,
) where
    i64: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    String: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    if let Some(category) = filter.category_id {
        query.push(" AND k.category_id = ").push_bind(category);
    }
    if let Some(country) = &filter.country {
        query.push(" AND p.country = ").push_bind(country.clone());
    }
    if filter.not_reviewed_by_me {
        query
            .push(
                " AND NOT EXISTS (SELECT 1 FROM review r WHERE r.candidacy_id = k.id \
                 AND r.round = k.review_round AND r.submitted_at IS NOT NULL \
                 AND r.reviewer_account_id = ",
            )
            .push_bind(viewer.account_id)
            .push(")");
    }
    match filter.meets_threshold {
        Some(true) => {
            query.push(" AND k.standing_total >= k.standing_threshold");
        }
        Some(false) => {
            query
                .push(" AND (k.standing_total IS NULL OR k.standing_total < k.standing_threshold)");
        }
        None => {}
    }
}

/// The candidacies in review that `viewer` may see, filtered, in id order from `position`.
/// A few thousand candidacies are in review at once; the state index finds them.
#[instrument(skip_all)]
pub async fn queue(
    db: &Db,
    viewer: &Viewer,
    filter: &QueueFilter,
    position: Position,
) -> Result<Vec<QueueRow>, StoreError> {
    Ok(on_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(QUEUE_SELECT);
        query.push_bind(viewer.account_id).push(QUEUE_FROM);
        push_visibility(&mut query, viewer);
        push_filter(&mut query, viewer, filter);
        match position {
            Position::After(id, limit) => {
                query.push(" AND k.id > ").push_bind(id);
                query.push(" ORDER BY k.id LIMIT ").push_bind(limit.clamp(1, 500));
            }
            Position::Before(id) => {
                query.push(" AND k.id < ").push_bind(id);
                query.push(" ORDER BY k.id DESC LIMIT 1");
            }
        }
        query.build_query_as::<QueueRow>().fetch_all(pool).await
    })?)
}

/// Whether `viewer` may see candidacy `id` in review: the queue's own conditions, for one id.
#[instrument(skip_all)]
pub async fn visible(db: &Db, viewer: &Viewer, id: i64) -> Result<bool, StoreError> {
    let found: Option<i64> = on_db!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT k.id FROM candidacy k JOIN person p ON p.id = k.person_id WHERE k.id = ",
        );
        query.push_bind(id);
        push_visibility(&mut query, viewer);
        query.build_query_scalar::<i64>().fetch_optional(pool).await
    })?;
    Ok(found.is_some())
}

// ------------------------------------------------------------------ one candidacy

/// What a review is about: the candidacy with its cycle, category and person.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Subject {
    pub id: i64,
    pub state: String,
    pub review_round: i64,
    pub person_id: i64,
    pub category_id: i64,
    pub category_name: String,
    pub category_slug: String,
    pub cycle_id: i64,
    pub cycle_name: String,
    pub contributions_due_on: String,
    pub announcement_on: String,
    pub renewal_of_award_id: Option<i64>,
    pub standing_total: Option<i64>,
    pub standing_threshold: Option<i64>,
}

const SUBJECT: &str = "SELECT k.id, k.state, k.review_round, k.person_id, k.category_id, \
       c.name AS category_name, c.slug AS category_slug, k.cycle_id, y.name AS cycle_name, \
       y.contributions_due_on, y.announcement_on, k.renewal_of_award_id, k.standing_total, \
       k.standing_threshold \
     FROM candidacy k JOIN category c ON c.id = k.category_id JOIN cycle y ON y.id = k.cycle_id \
     WHERE k.id = $1";

#[instrument(skip_all)]
pub async fn subject(db: &Db, candidacy_id: i64) -> Result<Option<Subject>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(SUBJECT).bind(candidacy_id).fetch_optional(pool).await)?)
}

/// A nomination's reason, with who gave it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct NominationReason {
    pub nominator_name: String,
    pub is_self: bool,
    pub reason: String,
    pub links: String,
    pub created_at: i64,
}

const NOMINATIONS: &str = "SELECT p.display_name AS nominator_name, n.is_self, n.reason, \
       n.links, n.created_at \
     FROM nomination n JOIN person p ON p.id = n.nominator_person_id \
     WHERE n.candidacy_id = $1 ORDER BY n.created_at, n.id";

#[instrument(skip_all)]
pub async fn nominations(db: &Db, candidacy_id: i64) -> Result<Vec<NominationReason>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(NOMINATIONS).bind(candidacy_id).fetch_all(pool).await)?)
}

/// An endorsement with the endorser's own history in the program.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct EndorsementWithHistory {
    pub endorser_person_id: i64,
    pub endorser_name: String,
    pub body: String,
    pub created_at: i64,
    /// Awards the endorser has held.
    pub endorser_awards: i64,
    /// The first award year of the endorser, if any.
    pub endorser_since: Option<i64>,
    /// Endorsements the endorser gave in the same cycle (a generous endorser counts less).
    pub endorser_given_this_cycle: i64,
}

const ENDORSEMENTS: &str = "SELECT e.endorser_person_id, p.display_name AS endorser_name, \
       e.body, e.created_at, \
       (SELECT COUNT(*) FROM award a WHERE a.person_id = e.endorser_person_id) AS endorser_awards, \
       (SELECT MIN(a.award_year) FROM award a WHERE a.person_id = e.endorser_person_id) \
         AS endorser_since, \
       (SELECT COUNT(*) FROM endorsement o JOIN candidacy ok ON ok.id = o.candidacy_id \
         WHERE o.endorser_person_id = e.endorser_person_id AND ok.cycle_id = k.cycle_id \
           AND o.withdrawn_at IS NULL) AS endorser_given_this_cycle \
     FROM endorsement e JOIN person p ON p.id = e.endorser_person_id \
       JOIN candidacy k ON k.id = e.candidacy_id \
     WHERE e.candidacy_id = $1 AND e.withdrawn_at IS NULL ORDER BY e.created_at, e.id";

#[instrument(skip_all)]
pub async fn endorsements(
    db: &Db,
    candidacy_id: i64,
) -> Result<Vec<EndorsementWithHistory>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(ENDORSEMENTS).bind(candidacy_id).fetch_all(pool).await)?)
}

/// One of the person's candidacies, with its last decision, for their history.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct PastCandidacy {
    pub id: i64,
    pub cycle_name: String,
    pub category_name: String,
    pub state: String,
    pub outcome: Option<String>,
    pub standing_total: Option<i64>,
    pub threshold: Option<i64>,
    pub aggregated_score: Option<f64>,
    pub round: Option<i64>,
}

const PAST: &str = "SELECT k.id, y.name AS cycle_name, c.name AS category_name, k.state, \
       d.outcome, d.standing_total, d.threshold, d.aggregated_score, d.round \
     FROM candidacy k JOIN cycle y ON y.id = k.cycle_id JOIN category c ON c.id = k.category_id \
       LEFT JOIN decision d ON d.candidacy_id = k.id AND d.round = (SELECT MAX(e.round) \
         FROM decision e WHERE e.candidacy_id = k.id) \
     WHERE k.person_id = $1 AND k.id <> $2 ORDER BY y.announcement_on DESC, k.id DESC";

/// The person's other candidacies, newest first, each with its last decision.
#[instrument(skip_all)]
pub async fn past_candidacies(
    db: &Db,
    person_id: i64,
    except: i64,
) -> Result<Vec<PastCandidacy>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(PAST).bind(person_id).bind(except).fetch_all(pool).await)?)
}

/// One award a person held.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct PastAward {
    pub id: i64,
    pub category_name: String,
    pub award_year: i64,
    pub starts_on: String,
    pub ends_on: String,
    pub ended_early_on: Option<String>,
    pub end_reason: Option<String>,
}

const AWARDS: &str = "SELECT a.id, c.name AS category_name, a.award_year, a.starts_on, \
       a.ends_on, a.ended_early_on, a.end_reason \
     FROM award a JOIN category c ON c.id = a.category_id \
     WHERE a.person_id = $1 ORDER BY a.starts_on DESC, a.id DESC";

#[instrument(skip_all)]
pub async fn awards_of(db: &Db, person_id: i64) -> Result<Vec<PastAward>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(AWARDS).bind(person_id).fetch_all(pool).await)?)
}

// ------------------------------------------------------------------ reviews

/// A review of one candidacy in one round.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Review {
    pub id: i64,
    pub reviewer_account_id: i64,
    pub reviewer_name: String,
    pub vote: Option<String>,
    pub rationale: String,
    pub submitted_at: Option<i64>,
}

const ROUND_REVIEWS: &str = "SELECT r.id, r.reviewer_account_id, p.display_name AS reviewer_name, \
       r.vote, r.rationale, r.submitted_at \
     FROM review r JOIN account a ON a.id = r.reviewer_account_id JOIN person p ON p.id = a.person_id \
     WHERE r.candidacy_id = $1 AND r.round = $2 ORDER BY r.submitted_at, r.id";

/// Every review of a candidacy's round.
#[instrument(skip_all)]
pub async fn of_round(db: &Db, candidacy_id: i64, round: i64) -> Result<Vec<Review>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(ROUND_REVIEWS).bind(candidacy_id).bind(round)
        .fetch_all(pool).await)?)
}

/// (review, criterion, score) of every review of a candidacy's round.
const ROUND_SCORES: &str = "SELECT s.review_id, s.review_criterion_id, s.score \
     FROM review_score s JOIN review r ON r.id = s.review_id \
     WHERE r.candidacy_id = $1 AND r.round = $2";

#[instrument(skip_all)]
pub async fn scores_of_round(
    db: &Db,
    candidacy_id: i64,
    round: i64,
) -> Result<Vec<(i64, i64, i64)>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(ROUND_SCORES).bind(candidacy_id).bind(round)
        .fetch_all(pool).await)?)
}

/// A reviewer's review as they write it.
pub struct ReviewWrite<'a> {
    pub candidacy_id: i64,
    pub round: i64,
    pub reviewer_account_id: i64,
    pub vote: &'a str,
    pub rationale: &'a str,
    /// (criterion, score)
    pub scores: &'a [(i64, i64)],
}

const UPSERT_REVIEW: &str = "INSERT INTO review (candidacy_id, round, reviewer_account_id, vote, \
       rationale, submitted_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $6) \
     ON CONFLICT (candidacy_id, round, reviewer_account_id) DO UPDATE SET vote = excluded.vote, \
       rationale = excluded.rationale, submitted_at = excluded.submitted_at, \
       updated_at = excluded.updated_at \
     RETURNING id";
const CLEAR_SCORES: &str = "DELETE FROM review_score WHERE review_id = $1";
const INSERT_SCORE: &str =
    "INSERT INTO review_score (review_id, review_criterion_id, score) VALUES ($1, $2, $3)";

/// Saves (or replaces) a reviewer's submitted review with its scores; returns its id.
#[instrument(skip_all)]
pub async fn save(
    tx: &mut Tx,
    review: &ReviewWrite<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let now = to_micros(now);
    on_tx!(tx, conn => {
        let id: i64 = sqlx::query_scalar(UPSERT_REVIEW).bind(review.candidacy_id)
            .bind(review.round).bind(review.reviewer_account_id).bind(review.vote)
            .bind(review.rationale).bind(now).fetch_one(&mut *conn).await?;
        sqlx::query(CLEAR_SCORES).bind(id).execute(&mut *conn).await?;
        for (criterion, score) in review.scores {
            sqlx::query(INSERT_SCORE).bind(id).bind(*criterion).bind(*score)
                .execute(&mut *conn).await?;
        }
        Ok(id)
    })
}

const INSERT_RECUSAL: &str = "INSERT INTO review_recusal (candidacy_id, reviewer_account_id, \
       reason, created_at) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (reviewer_account_id, candidacy_id) DO NOTHING";
const DROP_OWN_REVIEW: &str = "DELETE FROM review WHERE candidacy_id = $1 \
     AND reviewer_account_id = $2 AND round = (SELECT review_round FROM candidacy WHERE id = $1)";
const DROP_OWN_SCORES: &str = "DELETE FROM review_score WHERE review_id IN (SELECT id FROM review \
     WHERE candidacy_id = $1 AND reviewer_account_id = $2 \
       AND round = (SELECT review_round FROM candidacy WHERE id = $1))";

/// Records a reviewer's declared conflict and takes back their vote in the open round, which
/// a conflict must not sway. False when they had recused themselves already.
#[instrument(skip_all)]
pub async fn recuse(
    tx: &mut Tx,
    candidacy_id: i64,
    account_id: i64,
    reason: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    on_tx!(tx, conn => {
        let added = sqlx::query(INSERT_RECUSAL).bind(candidacy_id).bind(account_id).bind(reason)
            .bind(to_micros(now)).execute(&mut *conn).await?.rows_affected();
        sqlx::query(DROP_OWN_SCORES).bind(candidacy_id).bind(account_id)
            .execute(&mut *conn).await?;
        sqlx::query(DROP_OWN_REVIEW).bind(candidacy_id).bind(account_id)
            .execute(&mut *conn).await?;
        Ok(added == 1)
    })
}

// ------------------------------------------------------------------ decisions

/// A finalized decision of one round.
pub struct DecisionWrite<'a> {
    pub candidacy_id: i64,
    pub round: i64,
    pub outcome: &'a str,
    pub rationale: &'a str,
    pub departs_from_rubric: bool,
    pub departs_from_majority: bool,
    pub standing_total: i64,
    pub threshold: i64,
    pub rubric_version_id: i64,
    pub aggregated_score: Option<f64>,
    pub votes: (i64, i64, i64),
    pub finalized_by: Option<i64>,
    /// Set when the decision is told at once (finalized after the announcement date).
    pub announced_at: Option<Timestamp>,
}

const INSERT_DECISION: &str = "INSERT INTO decision (candidacy_id, round, outcome, rationale, \
       departs_from_rubric, departs_from_majority, standing_total, threshold, rubric_version_id, \
       aggregated_score, votes_award, votes_decline, votes_defer, finalized_by_account_id, \
       decided_at, announced_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id";

/// Writes a round's decision; the (candidacy, round) key refuses a second one.
#[instrument(skip_all)]
pub async fn insert_decision(
    tx: &mut Tx,
    d: &DecisionWrite<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    on_tx!(tx, conn => Ok(sqlx::query_scalar(INSERT_DECISION).bind(d.candidacy_id).bind(d.round)
        .bind(d.outcome).bind(d.rationale).bind(d.departs_from_rubric)
        .bind(d.departs_from_majority).bind(d.standing_total).bind(d.threshold)
        .bind(d.rubric_version_id).bind(d.aggregated_score).bind(d.votes.0).bind(d.votes.1)
        .bind(d.votes.2).bind(d.finalized_by).bind(to_micros(now))
        .bind(d.announced_at.map(to_micros)).fetch_one(conn).await?))
}

/// A decision as the candidate's letter and the history read it.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct Decision {
    pub id: i64,
    pub candidacy_id: i64,
    pub round: i64,
    pub outcome: String,
    pub rationale: String,
    pub departs_from_rubric: bool,
    pub departs_from_majority: bool,
    pub standing_total: i64,
    pub threshold: i64,
    pub rubric_version_id: Option<i64>,
    pub aggregated_score: Option<f64>,
    pub votes_award: i64,
    pub votes_decline: i64,
    pub votes_defer: i64,
    pub decided_at: i64,
    pub announced_at: Option<i64>,
}

const DECISIONS: &str = "SELECT id, candidacy_id, round, outcome, rationale, departs_from_rubric, \
       departs_from_majority, standing_total, threshold, rubric_version_id, aggregated_score, \
       votes_award, votes_decline, votes_defer, decided_at, announced_at \
     FROM decision WHERE candidacy_id = $1 ORDER BY round";

/// Every round's decision on a candidacy, in round order.
#[instrument(skip_all)]
pub async fn decisions(db: &Db, candidacy_id: i64) -> Result<Vec<Decision>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(DECISIONS).bind(candidacy_id).fetch_all(pool).await)?)
}

// ------------------------------------------------------------------ a cycle's decisions

/// A candidacy of a cycle awaiting its decision or a later round.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Pending {
    pub id: i64,
    pub person_id: i64,
    pub display_name: String,
    pub category_name: String,
    pub state: String,
    pub review_round: i64,
    pub standing_total: Option<i64>,
    pub standing_threshold: Option<i64>,
}

const PENDING: &str = "SELECT k.id, k.person_id, p.display_name, c.name AS category_name, \
       k.state, k.review_round, k.standing_total, k.standing_threshold \
     FROM candidacy k JOIN person p ON p.id = k.person_id JOIN category c ON c.id = k.category_id \
     WHERE k.cycle_id = $1 AND k.state IN ('submitted', 'in_review', 'deferred') \
     ORDER BY c.position, c.id, k.id";

/// A cycle's candidacies before the committee (through `candidacy_cycle_category_state`).
#[instrument(skip_all)]
pub async fn pending(db: &Db, cycle_id: i64) -> Result<Vec<Pending>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(PENDING).bind(cycle_id).fetch_all(pool).await)?)
}

const ROUND_VOTES_OF_CYCLE: &str = "SELECT r.candidacy_id, r.vote FROM review r \
       JOIN candidacy k ON k.id = r.candidacy_id \
     WHERE k.cycle_id = $1 AND k.state = 'in_review' AND r.round = k.review_round \
       AND r.submitted_at IS NOT NULL AND r.vote IS NOT NULL";

/// (candidacy, vote) of every submitted vote in the open rounds of a cycle.
#[instrument(skip_all)]
pub async fn open_votes_of_cycle(db: &Db, cycle_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(
        on_db!(db, pool => sqlx::query_as(ROUND_VOTES_OF_CYCLE).bind(cycle_id).fetch_all(pool).await)?,
    )
}

/// A decision the candidate has not been told yet.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Untold {
    pub decision_id: i64,
    pub candidacy_id: i64,
}

const UNTOLD: &str = "SELECT d.id AS decision_id, d.candidacy_id FROM decision d \
       JOIN candidacy k ON k.id = d.candidacy_id \
     WHERE k.cycle_id = $1 AND d.announced_at IS NULL AND d.outcome IN ('award', 'decline') \
     ORDER BY d.id";

/// The final decisions of a cycle not yet told (deferrals are told when their last round is).
#[instrument(skip_all)]
pub async fn untold(tx: &mut Tx, cycle_id: i64) -> Result<Vec<Untold>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(UNTOLD).bind(cycle_id).fetch_all(conn).await)?)
}

const MARK_TOLD: &str = "UPDATE decision SET announced_at = $1 WHERE id = $2";

#[instrument(skip_all)]
pub async fn mark_told(tx: &mut Tx, decision_id: i64, now: Timestamp) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(MARK_TOLD).bind(to_micros(now)).bind(decision_id)
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

const UNFINISHED: &str = "SELECT id, state FROM candidacy WHERE cycle_id = $1 \
     AND state IN ('nominated', 'invited', 'accepted', 'deferred') ORDER BY id";

/// (candidacy, state) of a cycle's candidacies that never reached a decision: nominations not
/// accepted, candidacies not submitted, deferrals no round took up.
#[instrument(skip_all)]
pub async fn unfinished(tx: &mut Tx, cycle_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(UNFINISHED).bind(cycle_id).fetch_all(conn).await)?)
}

const SUBMITTED: &str = "SELECT id FROM candidacy WHERE cycle_id = $1 AND state = 'submitted' \
     ORDER BY id";

/// A cycle's submitted candidacies, which go to review when its review starts.
#[instrument(skip_all)]
pub async fn submitted(tx: &mut Tx, cycle_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(SUBMITTED).bind(cycle_id).fetch_all(conn).await)?)
}

const DEFERRED: &str = "SELECT id FROM candidacy WHERE cycle_id = $1 AND state = 'deferred' \
     ORDER BY id";

/// A cycle's deferred candidacies, which the next round takes up.
#[instrument(skip_all)]
pub async fn deferred(tx: &mut Tx, cycle_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(DEFERRED).bind(cycle_id).fetch_all(conn).await)?)
}

const DECISION_BY_ID: &str = "SELECT id, candidacy_id, round, outcome, rationale, \
       departs_from_rubric, departs_from_majority, standing_total, threshold, rubric_version_id, \
       aggregated_score, votes_award, votes_decline, votes_defer, decided_at, announced_at \
     FROM decision WHERE id = $1";

/// One decision, read in the transaction that tells it.
#[instrument(skip_all)]
pub async fn decision_in(tx: &mut Tx, id: i64) -> Result<Option<Decision>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(DECISION_BY_ID).bind(id).fetch_optional(conn).await)?)
}
