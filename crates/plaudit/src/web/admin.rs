//! The administrators' pages: the program at a glance, people with their granted roles, and
//! the jobs and mails that stopped trying.

use std::collections::BTreeSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use plaudit_domain::kinds::Role;
use plaudit_domain::parse::EmailAddress;
use plaudit_store::accounts::{self, AccountSummary};
use plaudit_store::audit::{self, Entry};
use plaudit_store::program::{self, Category, ProgramCounts};
use serde::Deserialize;
use tower_sessions::Session;

use super::layout::{Nav, flash};
use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::web::PageError;

/// Roles an admin grants here; candidate and awardee follow from the data.
const GRANTABLE: &[Role] = &[Role::Reviewer, Role::ProductTeam, Role::Admin];

#[derive(Template, WebTemplate)]
#[template(path = "admin/dashboard.html")]
pub(super) struct Dashboard {
    nav: Nav,
    counts: ProgramCounts,
    pending_mail: i64,
    /// Failed jobs and mails given up on: what waits for an admin at /admin/jobs.
    needs_attention: i64,
}

pub(super) async fn dashboard(
    State(state): State<AppState>,
    session: Session,
    Extension(user): Extension<CurrentUser>,
) -> Result<Dashboard, PageError> {
    let today = plaudit_domain::cycle::local_date(state.clock.now(), &jiff::tz::TimeZone::UTC);
    Ok(Dashboard {
        nav: Nav::new(Some(&user), &session).await,
        counts: program::counts(&state.db, today).await?,
        pending_mail: plaudit_store::mail::pending_count(&state.db).await?,
        needs_attention: plaudit_store::jobs::failed_count(&state.db).await?
            + plaudit_store::mail::gave_up_count(&state.db).await?,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/people.html")]
pub(super) struct PeoplePage {
    nav: Nav,
    email: String,
    searched: bool,
    error: Option<String>,
    people: Vec<AccountSummary>,
}

#[derive(Debug, Deserialize)]
pub(super) struct PeopleQuery {
    #[serde(default)]
    email: String,
}

/// Staff by default; one account when an address is given.
pub(super) async fn people(
    State(state): State<AppState>,
    session: Session,
    Extension(user): Extension<CurrentUser>,
    Query(query): Query<PeopleQuery>,
) -> Result<PeoplePage, PageError> {
    let nav = Nav::new(Some(&user), &session).await;
    let typed = query.email.trim();
    if typed.is_empty() {
        let people = accounts::with_granted_roles(&state.db, 500).await?;
        return Ok(PeoplePage { nav, email: String::new(), searched: false, error: None, people });
    }
    let (people, error) = match EmailAddress::parse(typed) {
        Ok(email) => {
            let found = accounts::by_email(&state.db, &email.normalized()).await?;
            let people = found
                .map(|a| AccountSummary {
                    id: a.id,
                    display_name: a.display_name,
                    email: a.email,
                    email_verified_at: a.email_verified_at,
                })
                .into_iter()
                .collect();
            (people, None)
        }
        Err(e) => (Vec::new(), Some(format!("This {e}."))),
    };
    Ok(PeoplePage { nav, email: typed.to_owned(), searched: true, error, people })
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/person.html")]
pub(super) struct PersonPage {
    nav: Nav,
    account: AccountSummary,
    roles: Vec<RoleChoice>,
    categories: Vec<CategoryChoice>,
}

pub(super) struct RoleChoice {
    value: &'static str,
    label: &'static str,
    held: bool,
}

pub(super) struct CategoryChoice {
    id: i64,
    name: String,
    checked: bool,
}

pub(super) async fn person(
    State(state): State<AppState>,
    session: Session,
    Extension(user): Extension<CurrentUser>,
    Path(account_id): Path<i64>,
) -> Result<PersonPage, PageError> {
    let account = accounts::by_id(&state.db, account_id).await?.ok_or(PageError::NotFound)?;
    let held: BTreeSet<String> =
        accounts::granted_roles(&state.db, account_id).await?.into_iter().collect();
    let scoped: BTreeSet<i64> =
        accounts::reviewer_categories(&state.db, account_id).await?.into_iter().collect();
    let categories: Vec<Category> = program::categories(&state.db).await?;
    Ok(PersonPage {
        nav: Nav::new(Some(&user), &session).await,
        account: AccountSummary {
            id: account.id,
            display_name: account.display_name,
            email: account.email,
            email_verified_at: account.email_verified_at,
        },
        roles: GRANTABLE
            .iter()
            .map(|r| RoleChoice {
                value: r.as_str(),
                label: r.label(),
                held: held.contains(r.as_str()),
            })
            .collect(),
        categories: categories
            .into_iter()
            .map(|c| CategoryChoice { checked: scoped.contains(&c.id), id: c.id, name: c.name })
            .collect(),
    })
}

/// Saves the roles ticked on the person page: grants what is new, revokes what was unticked,
/// and sets the reviewer's categories. Every change goes to the audit log.
pub(super) async fn save_roles(
    State(state): State<AppState>,
    session: Session,
    Extension(admin): Extension<CurrentUser>,
    Path(account_id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    accounts::by_id(&state.db, account_id).await?.ok_or(PageError::NotFound)?;
    let wanted: BTreeSet<&str> =
        fields.iter().filter(|(k, _)| k == "role").map(|(_, v)| v.as_str()).collect();
    let categories: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "category")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    if account_id == admin.account_id && !wanted.contains(Role::Admin.as_str()) {
        flash(&session, "You cannot remove your own admin role; ask another admin.").await;
        return Ok(Redirect::to(&format!("/admin/people/{account_id}")).into_response());
    }
    let now = state.clock.now();
    let mut changes = Vec::new();
    let mut tx = state.db.begin_write().await?;
    for role in GRANTABLE {
        let role = role.as_str();
        let changed = if wanted.contains(role) {
            accounts::grant_role(&mut tx, account_id, role, Some(admin.account_id), now)
                .await?
                .then_some("role.granted")
        } else {
            accounts::revoke_role(&mut tx, account_id, role).await?.then_some("role.revoked")
        };
        if let Some(action) = changed {
            let detail = format!("role={role}");
            let entry = Entry {
                detail: &detail,
                ..Entry::account(Some(admin.account_id), action, account_id)
            };
            audit::record(&mut tx, &entry, now).await?;
            changes.push(format!(
                "{} {role}",
                if action == "role.granted" { "granted" } else { "revoked" }
            ));
        }
    }
    let scoped = if wanted.contains(Role::Reviewer.as_str()) { categories } else { Vec::new() };
    accounts::set_reviewer_categories(&mut tx, account_id, &scoped).await?;
    tx.commit().await?;
    let message = if changes.is_empty() {
        "Saved; the roles were already so.".to_owned()
    } else {
        format!("Saved: {}.", changes.join(", "))
    };
    flash(&session, &message).await;
    Ok(Redirect::to(&format!("/admin/people/{account_id}")).into_response())
}

/// How many failed jobs and mails given up on the page shows; the newest first.
const ATTENTION_LIMIT: i64 = 200;

#[derive(Template, WebTemplate)]
#[template(path = "admin/jobs.html")]
pub(super) struct JobsPage {
    nav: Nav,
    jobs: Vec<FailedJobRow>,
    mails: Vec<GaveUpMailRow>,
}

pub(super) struct FailedJobRow {
    id: i64,
    kind: String,
    attempts: i64,
    reason: String,
    failed: String,
}

pub(super) struct GaveUpMailRow {
    id: i64,
    kind: String,
    to: String,
    attempts: i64,
    reason: String,
    gave_up: String,
}

fn when(micros: i64) -> String {
    jiff::Timestamp::from_microsecond(micros)
        .map_or_else(|_| String::new(), |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
}

/// `ada.lovelace@example.org` as `ad…@example.org`: enough to recognise, not to harvest.
fn mask_address(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((local, domain)) => {
            let shown: String = local.chars().take(2).collect();
            format!("{shown}…@{domain}")
        }
        None => "…".to_owned(),
    }
}

/// Jobs that failed after their last attempt and mails the mail server refused, each with a
/// button to try again.
pub(super) async fn jobs(
    State(state): State<AppState>,
    session: Session,
    Extension(user): Extension<CurrentUser>,
) -> Result<JobsPage, PageError> {
    let jobs = plaudit_store::jobs::list_failed(&state.db, ATTENTION_LIMIT).await?;
    let mails = plaudit_store::mail::list_gave_up(&state.db, ATTENTION_LIMIT).await?;
    Ok(JobsPage {
        nav: Nav::new(Some(&user), &session).await,
        jobs: jobs
            .into_iter()
            .map(|j| FailedJobRow {
                id: j.id,
                kind: j.kind,
                attempts: j.attempts,
                reason: j.last_error.unwrap_or_default(),
                failed: when(j.failed_at),
            })
            .collect(),
        mails: mails
            .into_iter()
            .map(|m| GaveUpMailRow {
                id: m.id,
                kind: m.kind,
                to: mask_address(&m.to),
                attempts: m.attempts,
                reason: m.last_error.unwrap_or_default(),
                gave_up: when(m.gave_up_at),
            })
            .collect(),
    })
}

pub(super) async fn retry_job(
    State(state): State<AppState>,
    session: Session,
    Extension(admin): Extension<CurrentUser>,
    Path(job_id): Path<i64>,
) -> Result<Response, PageError> {
    let now = state.clock.now();
    let message = if crate::jobs::retry_failed(&state.db, admin.account_id, job_id, now).await? {
        format!("Job {job_id} is queued again and runs shortly.")
    } else {
        format!("Job {job_id} is not waiting for a retry; someone may have retried it already.")
    };
    flash(&session, &message).await;
    Ok(Redirect::to("/admin/jobs").into_response())
}

pub(super) async fn retry_mail(
    State(state): State<AppState>,
    session: Session,
    Extension(admin): Extension<CurrentUser>,
    Path(mail_id): Path<i64>,
) -> Result<Response, PageError> {
    let now = state.clock.now();
    let message = if crate::mail::retry_gave_up(&state.db, admin.account_id, mail_id, now).await? {
        format!("Mail {mail_id} is back in the outbox and is sent shortly.")
    } else {
        format!("Mail {mail_id} is not waiting for a retry; someone may have retried it already.")
    };
    flash(&session, &message).await;
    Ok(Redirect::to("/admin/jobs").into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_masked_address_keeps_two_letters_and_the_domain() {
        assert_eq!(super::mask_address("ada.lovelace@example.org"), "ad…@example.org");
        assert_eq!(super::mask_address("a@example.org"), "a…@example.org");
        assert_eq!(super::mask_address("no address"), "…");
    }
}
