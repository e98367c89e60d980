//! Accounts, the people behind them, granted roles, and single-use e-mail tokens.

use jiff::Timestamp;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// Where to tell someone of news: their address and the language they chose.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Contact {
    pub email: String,
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Account {
    pub id: i64,
    pub person_id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub email_verified_at: Option<i64>,
    pub failed_sign_ins: i64,
    pub locked_until: Option<i64>,
    pub disabled_at: Option<i64>,
    /// The language the person chose (`en`, `de`); None: as their browser asks.
    pub language: Option<String>,
}

/// An account with the person it acts for: its own, or, when that person was merged into
/// another, the person at the end of the merges (so a merged person's account signs in to the
/// one they are now, and to themselves again once the merge is undone).
macro_rules! account_where {
    ($condition:literal) => {
        concat!(
            "WITH RECURSIVE chain (person_id, next_id, depth) AS ( \
               SELECT p.id, p.merged_into_id, 0 FROM account a JOIN person p ON p.id = a.person_id \
               WHERE ",
            $condition,
            " UNION ALL \
               SELECT p.id, p.merged_into_id, c.depth + 1 FROM chain c \
               JOIN person p ON p.id = c.next_id WHERE c.depth < 16) \
             SELECT a.id, k.id AS person_id, a.email, k.display_name, a.password_hash, \
               a.email_verified_at, a.failed_sign_ins, a.locked_until, a.disabled_at, a.language \
             FROM account a JOIN chain c ON c.next_id IS NULL JOIN person k ON k.id = c.person_id \
             WHERE ",
            $condition
        )
    };
}

const BY_EMAIL: &str = account_where!("a.email_normalized = $1");
const BY_ID: &str = account_where!("a.id = $1");

#[instrument(skip_all)]
pub async fn by_email(db: &Db, email_normalized: &str) -> Result<Option<Account>, StoreError> {
    Ok(
        on_db!(db, pool => sqlx::query_as(BY_EMAIL).bind(email_normalized).fetch_optional(pool).await)?,
    )
}

#[instrument(skip_all)]
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Account>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(BY_ID).bind(id).fetch_optional(pool).await)?)
}

/// What a new member gives at sign-up.
pub struct NewMember<'a> {
    pub display_name: &'a str,
    pub email: &'a str,
    pub email_normalized: &'a str,
    pub password_hash: Option<&'a str>,
    pub slug: &'a str,
}

const SLUG_TAKEN: &str = "SELECT COUNT(*) FROM person WHERE slug = $1";
const INSERT_PERSON: &str = "INSERT INTO person (slug, display_name, created_at, updated_at) \
     VALUES ($1, $2, $3, $3) RETURNING id";
const INSERT_IDENTITY: &str = "INSERT INTO person_identity (person_id, kind, value, normalized, \
     is_primary, created_at) VALUES ($1, 'email', $2, $3, TRUE, $4)";
const INSERT_ACCOUNT: &str = "INSERT INTO account (person_id, email, email_normalized, \
     password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";

/// Creates a person with their e-mail identity and no account (a nominee, say), under a
/// public slug made from `slug`, numbered when it is taken.
#[instrument(skip_all)]
pub async fn create_person(
    tx: &mut Tx,
    display_name: &str,
    slug: &str,
    email: &str,
    email_normalized: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let now = to_micros(now);
    on_tx!(tx, conn => {
        let mut unique = slug.to_owned();
        let mut n = 1;
        loop {
            let taken: i64 =
                sqlx::query_scalar(SLUG_TAKEN).bind(&unique).fetch_one(&mut *conn).await?;
            if taken == 0 {
                break;
            }
            n += 1;
            unique = format!("{slug}-{n}");
        }
        let person_id: i64 = sqlx::query_scalar(INSERT_PERSON)
            .bind(&unique).bind(display_name).bind(now).fetch_one(&mut *conn).await?;
        sqlx::query(INSERT_IDENTITY)
            .bind(person_id).bind(email).bind(email_normalized).bind(now)
            .execute(&mut *conn).await?;
        Ok(person_id)
    })
}

/// Creates a person, their e-mail identity and their account. Fails with a unique violation
/// when the address already has an account.
#[instrument(skip_all)]
pub async fn create_member(
    tx: &mut Tx,
    member: &NewMember<'_>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let person_id = create_person(
        tx, member.display_name, member.slug, member.email, member.email_normalized, now,
    )
    .await?;
    create_account_for_person(
        tx, person_id, member.email, member.email_normalized, member.password_hash, now,
    )
    .await
}

const PERSON_BY_EMAIL: &str = "SELECT person_id FROM person_identity \
     WHERE kind = 'email' AND normalized = $1";

/// The person an e-mail address belongs to, whether or not they have an account: demo people,
/// secondary addresses, nominees.
#[instrument(skip_all)]
pub async fn person_by_email(db: &Db, email_normalized: &str) -> Result<Option<i64>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(PERSON_BY_EMAIL).bind(email_normalized)
        .fetch_optional(pool).await)?)
}

/// Gives an existing person an account, signing in with `email` (one of their addresses).
/// Fails with a unique violation when the person or the address has an account already.
#[instrument(skip_all)]
pub async fn create_account_for_person(
    tx: &mut Tx,
    person_id: i64,
    email: &str,
    email_normalized: &str,
    password_hash: Option<&str>,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(INSERT_ACCOUNT)
        .bind(person_id).bind(email).bind(email_normalized).bind(password_hash)
        .bind(to_micros(now)).fetch_one(conn).await)?)
}

const FAILED_SIGN_IN: &str = "UPDATE account SET failed_sign_ins = failed_sign_ins + 1, \
     locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN $3 ELSE locked_until END, \
     updated_at = $4 WHERE id = $1 RETURNING failed_sign_ins, locked_until";

/// Counts a failed sign-in; after `lock_after` failures in a row the account is locked until
/// `lock_until`. Returns the failures so far and the lock, if any. Counted in the database, so
/// every replica sees the same count.
#[instrument(skip_all)]
pub async fn record_failed_sign_in(
    db: &Db,
    account_id: i64,
    lock_after: i64,
    lock_until: Timestamp,
    now: Timestamp,
) -> Result<(i64, Option<i64>), StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(FAILED_SIGN_IN)
        .bind(account_id).bind(lock_after).bind(to_micros(lock_until)).bind(to_micros(now))
        .fetch_one(pool).await)?)
}

const SIGNED_IN: &str = "UPDATE account SET failed_sign_ins = 0, locked_until = NULL, \
     updated_at = $2 WHERE id = $1";

#[instrument(skip_all)]
pub async fn record_sign_in(db: &Db, account_id: i64, now: Timestamp) -> Result<(), StoreError> {
    on_db!(db, pool => sqlx::query(SIGNED_IN).bind(account_id).bind(to_micros(now)).execute(pool).await.map(|_| ()))?;
    Ok(())
}

const SET_PASSWORD: &str = "UPDATE account SET password_hash = $2, failed_sign_ins = 0, \
     locked_until = NULL, updated_at = $3 WHERE id = $1";

#[instrument(skip_all)]
pub async fn set_password(
    tx: &mut Tx,
    account_id: i64,
    password_hash: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(SET_PASSWORD).bind(account_id).bind(password_hash)
        .bind(to_micros(now)).execute(conn).await.map(|_| ()))?;
    Ok(())
}

const VERIFY_EMAIL: &str = "UPDATE account SET email_verified_at = COALESCE(email_verified_at, $2), updated_at = $2 WHERE id = $1";
const VERIFY_IDENTITY: &str = "UPDATE person_identity SET verified_at = COALESCE(verified_at, $2) \
     WHERE kind = 'email' AND normalized = (SELECT email_normalized FROM account WHERE id = $1)";

#[instrument(skip_all)]
pub async fn mark_email_verified(
    tx: &mut Tx,
    account_id: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    let now = to_micros(now);
    on_tx!(tx, conn => {
        sqlx::query(VERIFY_EMAIL).bind(account_id).bind(now).execute(&mut *conn).await?;
        // The person's identity is verified too: their address is proven theirs.
        sqlx::query(VERIFY_IDENTITY).bind(account_id).bind(now).execute(&mut *conn).await?;
        Ok::<(), sqlx::Error>(())
    })?;
    Ok(())
}

// Roles ------------------------------------------------------------------------------------

const GRANTED: &str = "SELECT role FROM account_role WHERE account_id = $1 ORDER BY role";
/// Candidate and awardee follow from the data: an open candidacy, a current award.
const IS_CANDIDATE: &str = "SELECT COUNT(*) FROM candidacy k \
     WHERE k.person_id = $1 AND k.state IN ('invited', 'accepted', 'submitted', 'in_review', 'deferred')";
const IS_AWARDEE: &str = "SELECT COUNT(*) FROM award w \
     WHERE w.person_id = $1 AND w.starts_on <= $2 AND w.ends_on >= $2 AND w.ended_early_on IS NULL \
     AND w.revoked_at IS NULL";

/// The granted roles of an account, and whether the person it acts for is a candidate and an
/// awardee on `today`.
#[instrument(skip_all)]
pub async fn roles(
    db: &Db,
    account_id: i64,
    person_id: i64,
    today: &str,
) -> Result<(Vec<String>, bool, bool), StoreError> {
    Ok(on_db!(db, pool => {
        let granted: Vec<String> = sqlx::query_scalar(GRANTED).bind(account_id).fetch_all(pool).await?;
        let candidacies: i64 = sqlx::query_scalar(IS_CANDIDATE).bind(person_id).fetch_one(pool).await?;
        let awards: i64 = sqlx::query_scalar(IS_AWARDEE).bind(person_id).bind(today).fetch_one(pool).await?;
        (granted, candidacies > 0, awards > 0)
    }))
}

const GRANT: &str = "INSERT INTO account_role (account_id, role, granted_by_account_id, granted_at) \
     VALUES ($1, $2, $3, $4) ON CONFLICT (account_id, role) DO NOTHING";
const REVOKE: &str = "DELETE FROM account_role WHERE account_id = $1 AND role = $2";

/// Grants a role; true when it was not held before.
#[instrument(skip_all)]
pub async fn grant_role(
    tx: &mut Tx,
    account_id: i64,
    role: &str,
    granted_by: Option<i64>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    on_tx!(tx, conn => Ok(sqlx::query(GRANT).bind(account_id).bind(role).bind(granted_by)
        .bind(to_micros(now)).execute(conn).await?.rows_affected() == 1))
}

/// Revokes a role; true when it was held.
#[instrument(skip_all)]
pub async fn revoke_role(tx: &mut Tx, account_id: i64, role: &str) -> Result<bool, StoreError> {
    on_tx!(tx, conn => Ok(sqlx::query(REVOKE).bind(account_id).bind(role).execute(conn).await?
        .rows_affected() == 1))
}

// Single-use e-mail tokens -------------------------------------------------------------------

const INSERT_TOKEN: &str = "INSERT INTO email_token (account_id, purpose, token_hash, new_email, \
     created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)";
const USE_TOKEN: &str = "UPDATE email_token SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 \
     AND used_at IS NULL AND expires_at > $3 RETURNING account_id, new_email";

/// Stores the hash of a token sent by e-mail.
#[instrument(skip_all)]
pub async fn create_email_token(
    tx: &mut Tx,
    account_id: i64,
    purpose: &str,
    token_hash: &str,
    new_email: Option<&str>,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(INSERT_TOKEN).bind(account_id).bind(purpose).bind(token_hash)
        .bind(new_email).bind(to_micros(now)).bind(to_micros(expires_at))
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// Uses a token once: the account (and new address, for a change of e-mail) when the token is
/// known, unused and unexpired; None otherwise. A second use finds nothing.
#[instrument(skip_all)]
pub async fn use_email_token(
    tx: &mut Tx,
    token_hash: &str,
    purpose: &str,
    now: Timestamp,
) -> Result<Option<(i64, Option<String>)>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(USE_TOKEN).bind(token_hash).bind(purpose)
        .bind(to_micros(now)).fetch_optional(conn).await)?)
}

const PURGE_TOKENS: &str = "DELETE FROM email_token WHERE expires_at <= $1 OR used_at <= $1";

/// Removes e-mail tokens that can no longer be used: expired or already used. Either way a
/// link that carries one finds nothing, exactly as before.
#[instrument(skip_all)]
pub async fn purge_spent_email_tokens(db: &Db, now: Timestamp) -> Result<u64, StoreError> {
    Ok(on_db!(db, pool => sqlx::query(PURGE_TOKENS)
        .bind(to_micros(now))
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?)
}

// Administration -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AccountSummary {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub email_verified_at: Option<i64>,
}

const WITH_GRANTED_ROLES: &str = "SELECT DISTINCT a.id, p.display_name, a.email, a.email_verified_at \
     FROM account_role r JOIN account a ON a.id = r.account_id JOIN person p ON p.id = a.person_id \
     ORDER BY p.display_name, a.id LIMIT $1";
/// Accounts that hold a granted role (the program's staff), for the admin's people page.
#[instrument(skip_all)]
pub async fn with_granted_roles(db: &Db, limit: i64) -> Result<Vec<AccountSummary>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(WITH_GRANTED_ROLES).bind(limit).fetch_all(pool).await)?)
}

const GRANTED_ROLES_OF: &str = "SELECT account_id, role FROM account_role WHERE account_id = $1";

/// The granted roles of one account.
#[instrument(skip_all)]
pub async fn granted_roles(db: &Db, account_id: i64) -> Result<Vec<String>, StoreError> {
    let rows: Vec<(i64, String)> = on_db!(db, pool => sqlx::query_as(GRANTED_ROLES_OF).bind(account_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|(_, role)| role).collect())
}

const SCOPES: &str = "SELECT category_id, region FROM reviewer_scope WHERE account_id = $1 \
     ORDER BY category_id, region";
const CLEAR_SCOPES: &str = "DELETE FROM reviewer_scope WHERE account_id = $1";
const ADD_SCOPE: &str = "INSERT INTO reviewer_scope (account_id, category_id, region) \
     VALUES ($1, $2, $3) ON CONFLICT (account_id, category_id, region) DO NOTHING";

/// What a reviewer reviews: (category, region or country; empty for everywhere).
#[instrument(skip_all)]
pub async fn reviewer_scopes(db: &Db, account_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(SCOPES).bind(account_id).fetch_all(pool).await)?)
}

/// Replaces what a reviewer reviews.
#[instrument(skip_all)]
pub async fn set_reviewer_scopes(
    tx: &mut Tx,
    account_id: i64,
    scopes: &[(i64, String)],
) -> Result<(), StoreError> {
    on_tx!(tx, conn => {
        sqlx::query(CLEAR_SCOPES).bind(account_id).execute(&mut *conn).await?;
        for (category, region) in scopes {
            sqlx::query(ADD_SCOPE).bind(account_id).bind(category).bind(region)
                .execute(&mut *conn).await?;
        }
        Ok::<(), sqlx::Error>(())
    })?;
    Ok(())
}

const PEEK_TOKEN: &str = "SELECT account_id FROM email_token WHERE token_hash = $1 AND purpose = $2 \
     AND used_at IS NULL AND expires_at > $3";

/// Whether a token is still good, without using it: a page may show a form for it while mail
/// scanners that open links cannot spend it.
#[instrument(skip_all)]
pub async fn peek_email_token(
    db: &Db,
    token_hash: &str,
    purpose: &str,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(PEEK_TOKEN).bind(token_hash).bind(purpose)
        .bind(to_micros(now)).fetch_optional(pool).await)?)
}

const CHANGE_EMAIL: &str = "UPDATE account SET email = $2, email_normalized = $3, \
     email_verified_at = $4, updated_at = $4 WHERE id = $1";
const ADD_EMAIL_IDENTITY: &str = "INSERT INTO person_identity (person_id, kind, value, normalized, \
     is_primary, verified_at, created_at) \
     SELECT person_id, 'email', $2, $3, FALSE, $4, $4 FROM account WHERE id = $1 \
     ON CONFLICT (kind, normalized) DO NOTHING";

const EMAIL_HELD_BY_OTHER: &str = "SELECT i.person_id FROM person_identity i \
     JOIN account a ON a.id = $1 WHERE i.kind = 'email' AND i.normalized = $2 \
     AND i.person_id <> a.person_id";

/// Makes a verified new address the account's sign-in address; the old one stays among the
/// person's identities. Returns the other person the address already belonged to (a nominee
/// without an account, say): a verified address shared by two people makes them one.
#[instrument(skip_all)]
pub async fn change_email(
    tx: &mut Tx,
    account_id: i64,
    email: &str,
    email_normalized: &str,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    let now = to_micros(now);
    let other = on_tx!(tx, conn => {
        sqlx::query(CHANGE_EMAIL).bind(account_id).bind(email).bind(email_normalized).bind(now)
            .execute(&mut *conn).await?;
        sqlx::query(ADD_EMAIL_IDENTITY).bind(account_id).bind(email).bind(email_normalized).bind(now)
            .execute(&mut *conn).await?;
        sqlx::query_scalar(EMAIL_HELD_BY_OTHER).bind(account_id).bind(email_normalized)
            .fetch_optional(&mut *conn).await
    })?;
    Ok(other)
}

const RENAME: &str = "UPDATE person SET display_name = $2, updated_at = $3 WHERE id = $1";

/// Changes the name a person is shown by.
#[instrument(skip_all)]
pub async fn rename(
    tx: &mut Tx,
    person_id: i64,
    display_name: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(RENAME).bind(person_id).bind(display_name).bind(to_micros(now))
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

const SET_LANGUAGE: &str = "UPDATE account SET language = $2, updated_at = $3 WHERE id = $1";

/// Saves the language an account reads, or clears it (None: as the browser asks).
#[instrument(skip_all)]
pub async fn set_language(
    tx: &mut Tx,
    account_id: i64,
    language: Option<&str>,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(SET_LANGUAGE).bind(account_id).bind(language)
        .bind(to_micros(now)).execute(conn).await.map(|_| ()))?;
    Ok(())
}

const CONTACT: &str = "SELECT email, language FROM account WHERE person_id = $1 \
     AND disabled_at IS NULL ORDER BY id LIMIT 1";

/// Where and in which language to write to a person: their account's address and chosen
/// language; None when they have no account (a nominee who never answered).
#[instrument(skip_all)]
pub async fn contact(
    tx: &mut Tx,
    person_id: i64,
) -> Result<Option<(String, Option<String>)>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_as(CONTACT).bind(person_id).fetch_optional(conn).await)?)
}
