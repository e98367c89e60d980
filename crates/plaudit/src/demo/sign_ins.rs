//! Accounts a newcomer can sign in with on the demo, with one known password: a candidate
//! whose standing has something to show, and the program's admin.

use jiff::Timestamp;
use jiff::civil::Date;
use plaudit_store::timestamp::date_to_text;
use plaudit_store::{Db, StoreError, accounts, on_db, sqlx};

/// The demo's one password. It is printed at start; the demo is for trying Plaudit out.
pub const DEMO_PASSWORD: &str = "plaudit demo password";

/// A demo account to print: who it is, and the address it signs in with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSignIn {
    pub role: &'static str,
    pub name: String,
    pub email: String,
}

/// The candidate of the open cycle with the most contributions, among those preparing their
/// candidacy (so submitting is still theirs to do).
const BUSIEST_CANDIDATE: &str = "SELECT k.person_id, \
       (SELECT COUNT(*) FROM contribution c WHERE c.person_id = k.person_id) AS n \
     FROM candidacy k JOIN cycle y ON y.id = k.cycle_id \
     WHERE k.state = 'accepted' AND y.announcement_on > $1 \
     ORDER BY n DESC, k.person_id LIMIT 1";
const ADMIN: &str = "SELECT a.person_id, CAST(0 AS BIGINT) AS n FROM account a \
     JOIN account_role r ON r.account_id = a.id AND r.role = 'admin' ORDER BY a.id LIMIT 1";
const PRIMARY_EMAIL: &str = "SELECT p.display_name, i.value FROM person p \
     JOIN person_identity i ON i.person_id = p.id AND i.kind = 'email' \
     WHERE p.id = $1 ORDER BY i.is_primary DESC, i.id LIMIT 1";

/// Gives the demo's candidate and admin the known password (creating the candidate's
/// account, verified), and says how to sign in as each.
pub async fn prepare(db: &Db, today: Date, now: Timestamp) -> Result<Vec<DemoSignIn>, StoreError> {
    let hash = crate::crypto::password::hash(DEMO_PASSWORD.to_owned())
        .await
        .ok_or_else(|| StoreError::Invalid("password hashing failed".to_owned()))?;
    let today = date_to_text(today);
    let mut out = Vec::new();
    for (role, sql) in [("candidate", BUSIEST_CANDIDATE), ("admin", ADMIN)] {
        let found: Option<(i64, i64)> = if role == "candidate" {
            on_db!(db, pool => sqlx::query_as(sql).bind(&today).fetch_optional(pool).await)?
        } else {
            on_db!(db, pool => sqlx::query_as(sql).fetch_optional(pool).await)?
        };
        let Some((person_id, _)) = found else { continue };
        let (name, email): (String, String) = on_db!(db, pool => sqlx::query_as(PRIMARY_EMAIL)
            .bind(person_id).fetch_one(pool).await)?;
        let mut tx = db.begin_write().await?;
        let account_id = match accounts::by_email(db, &email.to_lowercase()).await? {
            Some(account) => account.id,
            None => {
                accounts::create_account_for_person(
                    &mut tx,
                    person_id,
                    &email,
                    &email.to_lowercase(),
                    None,
                    now,
                )
                .await?
            }
        };
        accounts::set_password(&mut tx, account_id, &hash, now).await?;
        accounts::mark_email_verified(&mut tx, account_id, now).await?;
        tx.commit().await?;
        out.push(DemoSignIn { role, name, email });
    }
    Ok(out)
}
