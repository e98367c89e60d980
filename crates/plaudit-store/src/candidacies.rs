//! Candidacies and what leads to them: nominations, the invitation a nominee answers, and the
//! events of a candidacy's life.

use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::{date_to_text, to_micros};
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// A candidacy as the nomination flow sees it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct CandidacyRow {
    pub id: i64,
    pub cycle_id: i64,
    pub category_id: i64,
    pub person_id: i64,
    pub state: String,
}

const FIND: &str = "SELECT id, cycle_id, category_id, person_id, state FROM candidacy \
     WHERE person_id = $1 AND category_id = $2 AND cycle_id = $3";

/// The candidacy of a person for a category in a cycle, if there is one.
#[instrument(skip_all)]
pub async fn find(
    tx: &mut Tx,
    person_id: i64,
    category_id: i64,
    cycle_id: i64,
) -> Result<Option<CandidacyRow>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(FIND).bind(person_id).bind(category_id).bind(cycle_id)
        .fetch_optional(conn).await)?)
}

const BY_ID: &str =
    "SELECT id, cycle_id, category_id, person_id, state FROM candidacy WHERE id = $1";

#[instrument(skip_all)]
pub async fn by_id(db: &Db, id: i64) -> Result<Option<CandidacyRow>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(BY_ID).bind(id).fetch_optional(pool).await)?)
}

/// The candidacy, read inside a write transaction so its state cannot change underneath.
#[instrument(skip_all)]
pub async fn by_id_for_update(tx: &mut Tx, id: i64) -> Result<Option<CandidacyRow>, StoreError> {
    Ok(match tx {
        Tx::Sqlite(tx) => sqlx::query_as(BY_ID).bind(id).fetch_optional(&mut **tx).await?,
        Tx::Postgres(tx) => {
            sqlx::query_as(
                "SELECT id, cycle_id, category_id, person_id, state FROM candidacy \
                 WHERE id = $1 FOR UPDATE",
            )
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
        }
    })
}

const INSERT: &str = "INSERT INTO candidacy (cycle_id, category_id, person_id, state, \
     created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";

#[instrument(skip_all)]
pub async fn insert(
    tx: &mut Tx,
    cycle_id: i64,
    category_id: i64,
    person_id: i64,
    state: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT).bind(cycle_id).bind(category_id)
        .bind(person_id).bind(state).bind(to_micros(now)).fetch_one(conn).await)?)
}

/// Which of the candidacy's moments a state change stamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    None,
    Invited,
    Responded,
    Submitted,
    /// A decision: sets `decided_at`.
    Decided,
    /// A deferral taken up by the next review round: the round number goes up.
    NextRound,
}

/// A change of state, recorded with its event.
pub struct Transition<'a> {
    pub candidacy_id: i64,
    pub from: Option<&'a str>,
    pub to: &'a str,
    pub event: &'a str,
    pub actor_account_id: Option<i64>,
    pub stamp: Stamp,
}

const MOVE: &str = "UPDATE candidacy SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4";
const MOVE_INVITED: &str = "UPDATE candidacy SET state = $1, invited_at = $2, updated_at = $2 \
     WHERE id = $3 AND state = $4";
const MOVE_RESPONDED: &str = "UPDATE candidacy SET state = $1, responded_at = $2, \
     updated_at = $2 WHERE id = $3 AND state = $4";
const MOVE_SUBMITTED: &str = "UPDATE candidacy SET state = $1, submitted_at = $2, \
     updated_at = $2 WHERE id = $3 AND state = $4";
const MOVE_DECIDED: &str = "UPDATE candidacy SET state = $1, decided_at = $2, \
     updated_at = $2 WHERE id = $3 AND state = $4";
const MOVE_NEXT_ROUND: &str = "UPDATE candidacy SET state = $1, review_round = review_round + 1, \
     updated_at = $2 WHERE id = $3 AND state = $4";
const INSERT_EVENT: &str = "INSERT INTO candidacy_event (candidacy_id, from_state, to_state, \
     event, actor_account_id, at) VALUES ($1, $2, $3, $4, $5, $6)";

/// Moves the candidacy to `to` when it is still in `from` and records the event; false when
/// its state changed meanwhile (nothing is written then).
#[instrument(skip_all)]
pub async fn transition(
    tx: &mut Tx,
    change: &Transition<'_>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let update = match change.stamp {
        Stamp::None => MOVE,
        Stamp::Invited => MOVE_INVITED,
        Stamp::Responded => MOVE_RESPONDED,
        Stamp::Submitted => MOVE_SUBMITTED,
        Stamp::Decided => MOVE_DECIDED,
        Stamp::NextRound => MOVE_NEXT_ROUND,
    };
    let now = to_micros(now);
    on_tx!(tx, conn => {
        if let Some(from) = change.from {
            let moved = sqlx::query(update).bind(change.to).bind(now).bind(change.candidacy_id)
                .bind(from).execute(&mut *conn).await?.rows_affected();
            if moved == 0 {
                return Ok(false);
            }
        }
        sqlx::query(INSERT_EVENT).bind(change.candidacy_id).bind(change.from).bind(change.to)
            .bind(change.event).bind(change.actor_account_id).bind(now)
            .execute(&mut *conn).await?;
        Ok(true)
    })
}

/// What a nominator gives.
pub struct NewNomination<'a> {
    pub candidacy_id: i64,
    pub nominator_person_id: i64,
    pub nominee_name: &'a str,
    pub nominee_email: &'a str,
    pub links: &'a str,
    pub reason: &'a str,
    pub is_self: bool,
}

const HAS_NOMINATED: &str =
    "SELECT COUNT(*) FROM nomination WHERE candidacy_id = $1 AND nominator_person_id = $2";
const INSERT_NOMINATION: &str = "INSERT INTO nomination (candidacy_id, nominator_person_id, \
     nominee_name, nominee_email, links, reason, is_self, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

/// Whether the nominator already nominated for this candidacy.
#[instrument(skip_all)]
pub async fn has_nominated(
    tx: &mut Tx,
    candidacy_id: i64,
    nominator_person_id: i64,
) -> Result<bool, StoreError> {
    let n: i64 = on_tx!(tx, conn => sqlx::query_scalar(HAS_NOMINATED).bind(candidacy_id)
        .bind(nominator_person_id).fetch_one(conn).await)?;
    Ok(n > 0)
}

#[instrument(skip_all)]
pub async fn insert_nomination(
    tx: &mut Tx,
    nomination: &NewNomination<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT_NOMINATION)
        .bind(nomination.candidacy_id).bind(nomination.nominator_person_id)
        .bind(nomination.nominee_name).bind(nomination.nominee_email).bind(nomination.links)
        .bind(nomination.reason).bind(nomination.is_self).bind(to_micros(now))
        .fetch_one(conn).await)?)
}

/// Who nominated a candidacy, with what they need to be told the outcome.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Nominator {
    pub person_id: i64,
    pub display_name: String,
    /// The nominator's sign-in address (nominators are signed-in members).
    pub email: Option<String>,
    pub language: Option<String>,
}

const NOMINATORS: &str = "SELECT p.id AS person_id, p.display_name, a.email, a.language \
     FROM nomination n JOIN person p ON p.id = n.nominator_person_id \
     LEFT JOIN account a ON a.person_id = p.id \
     WHERE n.candidacy_id = $1 ORDER BY n.id";

#[instrument(skip_all)]
pub async fn nominators(tx: &mut Tx, candidacy_id: i64) -> Result<Vec<Nominator>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(NOMINATORS).bind(candidacy_id).fetch_all(conn).await)?)
}

const OTHER_CATEGORIES: &str = "SELECT COUNT(*) FROM candidacy WHERE person_id = $1 \
     AND cycle_id = $2 AND category_id <> $3 \
     AND state NOT IN ('invitation_declined', 'withdrawn', 'declined')";

/// Whether the person has a live candidacy for another category in the cycle.
#[instrument(skip_all)]
pub async fn in_another_category(
    tx: &mut Tx,
    person_id: i64,
    cycle_id: i64,
    category_id: i64,
) -> Result<bool, StoreError> {
    let n: i64 = on_tx!(tx, conn => sqlx::query_scalar(OTHER_CATEGORIES).bind(person_id)
        .bind(cycle_id).bind(category_id).fetch_one(conn).await)?;
    Ok(n > 0)
}

const CURRENT_AWARDS: &str = "SELECT category_id, award_year FROM award WHERE person_id = $1 \
     AND ((starts_on <= $2 AND ends_on >= $2 AND ended_early_on IS NULL) OR award_year = $3)";

/// The awards a person holds on `today`, or holds for `award_year`, as (category, award year).
#[instrument(skip_all)]
pub async fn awards_held(
    tx: &mut Tx,
    person_id: i64,
    today: Date,
    award_year: i64,
) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(CURRENT_AWARDS).bind(person_id)
        .bind(date_to_text(today)).bind(award_year).fetch_all(conn).await)?)
}

const EMAILS: &str = "SELECT normalized FROM person_identity WHERE person_id = $1 \
     AND kind = 'email' ORDER BY id";

/// Every e-mail address known for the person, normalized.
#[instrument(skip_all)]
pub async fn person_emails(tx: &mut Tx, person_id: i64) -> Result<Vec<String>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(EMAILS).bind(person_id).fetch_all(conn).await)?)
}

const PERSON_BY_EMAIL: &str = "SELECT person_id FROM person_identity \
     WHERE kind = 'email' AND normalized = $1";

/// The person an address belongs to, read in the transaction that will write for them.
#[instrument(skip_all)]
pub async fn person_by_email(tx: &mut Tx, normalized: &str) -> Result<Option<i64>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(PERSON_BY_EMAIL).bind(normalized)
        .fetch_optional(conn).await)?)
}

// Invitations -----------------------------------------------------------------------------------

const INSERT_INVITATION: &str = "INSERT INTO candidacy_invitation (candidacy_id, email, \
     token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";

#[instrument(skip_all)]
pub async fn insert_invitation(
    tx: &mut Tx,
    candidacy_id: i64,
    email: &str,
    token_hash: &str,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(INSERT_INVITATION).bind(candidacy_id).bind(email)
        .bind(token_hash).bind(to_micros(now)).bind(to_micros(expires_at))
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// An invitation with what its page shows.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Invitation {
    pub id: i64,
    pub candidacy_id: i64,
    pub email: String,
    pub state: String,
    pub person_id: i64,
    pub person_name: String,
    pub has_account: bool,
    pub category_name: String,
    pub cycle_name: String,
    pub contributions_due_on: String,
    pub nominations: i64,
}

const INVITATION: &str = "SELECT i.id, i.candidacy_id, i.email, c.state, c.person_id, \
     p.display_name AS person_name, \
     EXISTS (SELECT 1 FROM account a WHERE a.person_id = c.person_id) AS has_account, \
     cat.name AS category_name, cy.name AS cycle_name, cy.contributions_due_on, \
     (SELECT COUNT(*) FROM nomination n WHERE n.candidacy_id = c.id) AS nominations \
     FROM candidacy_invitation i JOIN candidacy c ON c.id = i.candidacy_id \
     JOIN person p ON p.id = c.person_id JOIN category cat ON cat.id = c.category_id \
     JOIN cycle cy ON cy.id = c.cycle_id \
     WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2";

/// The unused, unexpired invitation a link carries.
#[instrument(skip_all)]
pub async fn invitation(
    db: &Db,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<Invitation>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(INVITATION).bind(token_hash).bind(to_micros(now))
        .fetch_optional(pool).await)?)
}

const USE_INVITATION: &str = "UPDATE candidacy_invitation SET used_at = $2 \
     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING candidacy_id";

/// Spends the invitation once; None when it was used, expired or never existed.
#[instrument(skip_all)]
pub async fn use_invitation(
    tx: &mut Tx,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(USE_INVITATION).bind(token_hash)
        .bind(to_micros(now)).fetch_optional(conn).await)?)
}

// What a person sees of their own candidacies and nominations ----------------------------------

/// One of a person's candidacies, for their own page.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct OwnCandidacy {
    pub id: i64,
    pub state: String,
    pub category_id: i64,
    pub category_slug: String,
    pub category_name: String,
    pub cycle_name: String,
    pub award_year: i64,
    pub contributions_due_on: String,
    pub nominations_open_on: String,
    pub announcement_on: String,
    pub submitted_at: Option<i64>,
}

const OWN: &str = "SELECT c.id, c.state, c.category_id, cat.slug AS category_slug, \
     cat.name AS category_name, cy.name AS cycle_name, cy.award_year, cy.contributions_due_on, \
     cy.nominations_open_on, cy.announcement_on, c.submitted_at \
     FROM candidacy c JOIN category cat ON cat.id = c.category_id \
     JOIN cycle cy ON cy.id = c.cycle_id \
     WHERE c.person_id = $1 ORDER BY cy.announcement_on DESC, cat.position, cat.id";

/// Every candidacy of a person, newest cycle first. Served by the
/// `(person_id, category_id, cycle_id)` unique index.
#[instrument(skip_all)]
pub async fn of_person(db: &Db, person_id: i64) -> Result<Vec<OwnCandidacy>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(OWN).bind(person_id).fetch_all(pool).await)?)
}

/// A nomination as its nominator sees it: who, for what, and only how it turned out.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct OwnNomination {
    pub id: i64,
    pub nominee_name: String,
    pub category_name: String,
    pub cycle_name: String,
    pub state: String,
    pub created_at: i64,
}

const NOMINATED_BY: &str = "SELECT n.id, n.nominee_name, cat.name AS category_name, \
     cy.name AS cycle_name, c.state, n.created_at \
     FROM nomination n JOIN candidacy c ON c.id = n.candidacy_id \
     JOIN category cat ON cat.id = c.category_id JOIN cycle cy ON cy.id = c.cycle_id \
     WHERE n.nominator_person_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT $2";

/// The nominations a person made, newest first (served by `nomination_nominator`).
#[instrument(skip_all)]
pub async fn nominated_by(
    db: &Db,
    person_id: i64,
    limit: i64,
) -> Result<Vec<OwnNomination>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(NOMINATED_BY).bind(person_id).bind(limit)
        .fetch_all(pool).await)?)
}

const INSERT_RENEWAL: &str = "INSERT INTO candidacy (cycle_id, category_id, person_id, state, \
       renewal_of_award_id, responded_at, created_at, updated_at) \
     VALUES ($1, $2, $3, 'accepted', $4, $5, $5, $5) \
     ON CONFLICT (person_id, category_id, cycle_id) DO NOTHING RETURNING id";

/// Opens the renewal candidacy of an award in a cycle: the awardee is in already, so it starts
/// accepted. None when the cycle has one for them in that category already.
#[instrument(skip_all)]
pub async fn insert_renewal(
    tx: &mut Tx,
    cycle_id: i64,
    category_id: i64,
    person_id: i64,
    award_id: i64,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    let id: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(INSERT_RENEWAL).bind(cycle_id)
        .bind(category_id).bind(person_id).bind(award_id).bind(to_micros(now))
        .fetch_optional(&mut *conn).await)?;
    if let Some(id) = id {
        let change = Transition {
            candidacy_id: id,
            from: None,
            to: "accepted",
            event: "renew",
            actor_account_id: None,
            stamp: Stamp::None,
        };
        transition(tx, &change, now).await?;
    }
    Ok(id)
}

const RENEWALS_TO_SUBMIT: &str = "SELECT id FROM candidacy WHERE cycle_id = $1 \
     AND state = 'accepted' AND renewal_of_award_id IS NOT NULL ORDER BY id";

/// A cycle's renewal candidacies not yet submitted: at the due date they go to the committee
/// as they stand, since the awardee need not apply again.
#[instrument(skip_all)]
pub async fn renewals_to_submit(tx: &mut Tx, cycle_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(
        on_tx!(tx, conn => sqlx::query_scalar(RENEWALS_TO_SUBMIT).bind(cycle_id).fetch_all(conn).await)?,
    )
}
