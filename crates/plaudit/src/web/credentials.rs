//! Forgotten passwords, and the account's own changes: password, e-mail address, and signing
//! out everywhere.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use jiff::SignedDuration;
use plaudit_domain::parse::EmailAddress;
use plaudit_store::accounts;
use plaudit_store::audit::{self, Entry};
use plaudit_store::mail::OutgoingMail;
use serde::Deserialize;
use tower_sessions::Session;

use super::account::TokenQuery;
use super::layout::{Nav, flash};
use crate::app::AppState;
use crate::auth::session_store::ACCOUNT_KEY;
use crate::auth::tokens::{hash_token, random_token};
use crate::auth::{CurrentUser, csrf, password};
use crate::web::PageError;

const RESET_PURPOSE: &str = "reset_password";
const CHANGE_EMAIL_PURPOSE: &str = "change_email";
const RESET_LINK_LIFETIME: SignedDuration = SignedDuration::from_hours(1);
const CHANGE_LINK_LIFETIME: SignedDuration = SignedDuration::from_hours(24);

#[derive(Template)]
#[template(path = "mail/notice.txt")]
struct NoticeText<'a> {
    program_name: &'a str,
    paragraphs: &'a [String],
    link: Option<(&'a str, &'a str)>,
}

#[derive(Template)]
#[template(path = "mail/notice.html")]
struct NoticeHtml<'a> {
    program_name: &'a str,
    paragraphs: &'a [String],
    link: Option<(&'a str, &'a str)>,
}

/// A short mail of a few paragraphs and at most one link.
fn notice(
    kind: &'static str,
    to: &str,
    subject: &str,
    program_name: &str,
    paragraphs: &[String],
    link: Option<(&str, &str)>,
) -> Result<OutgoingMail, PageError> {
    crate::mail::render(
        kind,
        to,
        subject,
        &NoticeText { program_name, paragraphs, link },
        &NoticeHtml { program_name, paragraphs, link },
    )
    .map_err(|e| PageError::Internal(e.to_string()))
}

async fn program_name(state: &AppState) -> Result<String, PageError> {
    Ok(plaudit_store::program::settings(&state.db)
        .await?
        .map_or_else(|| "Plaudit".to_owned(), |s| s.name))
}

#[derive(Template, WebTemplate)]
#[template(path = "account/forgot_password.html")]
pub(super) struct ForgotPage {
    nav: Nav,
    csrf: String,
    email: String,
    sent: bool,
    error: Option<String>,
}

pub(super) async fn forgot_password_form(session: Session) -> ForgotPage {
    ForgotPage {
        nav: Nav::default(),
        csrf: csrf::token(&session).await,
        email: String::new(),
        sent: false,
        error: None,
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct EmailForm {
    #[serde(default)]
    email: String,
}

/// Answers the same whether or not the address has an account, so the form cannot be used to
/// find out who is a member.
pub(super) async fn forgot_password(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<EmailForm>,
) -> Result<Response, PageError> {
    let email = match EmailAddress::parse(&form.email) {
        Ok(email) => email,
        Err(e) => {
            let page = ForgotPage {
                nav: Nav::default(),
                csrf: csrf::token(&session).await,
                email: form.email,
                sent: false,
                error: Some(format!("This {e}.")),
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    if let Some(account) = accounts::by_email(&state.db, &email.normalized()).await? {
        let now = state.clock.now();
        let token = random_token();
        let expires = now.saturating_add(RESET_LINK_LIFETIME).unwrap_or(now);
        let link = format!("{}/reset-password?token={token}", state.config.public_url);
        let name = program_name(&state).await?;
        let paragraphs = [
            "Someone (perhaps you) asked to reset the password of your account.".to_owned(),
            "The link below works once, for one hour. If you did not ask, ignore this message: \
             your password stays as it is."
                .to_owned(),
        ];
        let mail = notice(
            "reset_password",
            &account.email,
            &format!("Reset your {name} password"),
            &name,
            &paragraphs,
            Some(("Choose a new password", &link)),
        )?;
        let mut tx = state.db.begin_write().await?;
        let hash = hash_token(&token);
        accounts::create_email_token(&mut tx, account.id, RESET_PURPOSE, &hash, None, now, expires)
            .await?;
        plaudit_store::mail::enqueue(&mut tx, &mail, now).await?;
        audit::record(&mut tx, &Entry::account(None, "password.reset_requested", account.id), now)
            .await?;
        tx.commit().await?;
    }
    Ok(ForgotPage {
        nav: Nav::default(),
        csrf: csrf::token(&session).await,
        email: String::new(),
        sent: true,
        error: None,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "account/reset_password.html")]
pub(super) struct ResetPage {
    nav: Nav,
    csrf: String,
    token: String,
    valid: bool,
    error: Option<String>,
}

pub(super) async fn reset_password_form(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<TokenQuery>,
) -> Result<Response, PageError> {
    let now = state.clock.now();
    let valid =
        accounts::peek_email_token(&state.db, &hash_token(&query.token), RESET_PURPOSE, now)
            .await?
            .is_some();
    let page = ResetPage {
        nav: Nav::default(),
        csrf: csrf::token(&session).await,
        token: query.token,
        valid,
        error: None,
    };
    let status = if valid { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    Ok((status, page).into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

/// Sets the new password, ends every session of the account, and counts the address as
/// verified (the link reached it).
pub(super) async fn reset_password(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<ResetForm>,
) -> Result<Response, PageError> {
    if let Some(problem) = password::problem(&form.password) {
        let page = ResetPage {
            nav: Nav::default(),
            csrf: csrf::token(&session).await,
            token: form.token,
            valid: true,
            error: Some(problem),
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let Some(hash) = password::hash(form.password).await else {
        return Err(PageError::Internal("password hashing failed".to_owned()));
    };
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let used =
        accounts::use_email_token(&mut tx, &hash_token(&form.token), RESET_PURPOSE, now).await?;
    let Some((account_id, _)) = used else {
        tx.commit().await?;
        let page = ResetPage {
            nav: Nav::default(),
            csrf: csrf::token(&session).await,
            token: String::new(),
            valid: false,
            error: None,
        };
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    accounts::set_password(&mut tx, account_id, &hash, now).await?;
    accounts::mark_email_verified(&mut tx, account_id, now).await?;
    audit::record(&mut tx, &Entry::account(Some(account_id), "password.reset", account_id), now)
        .await?;
    tx.commit().await?;
    plaudit_store::sessions::delete_for_account(&state.db, account_id).await?;
    Ok(Redirect::to("/sign-in?reset=1").into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct ChangePasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
}

/// Ends every session of the account, then starts a fresh one for this browser.
async fn restart_sessions(
    state: &AppState,
    session: &Session,
    account_id: i64,
) -> Result<(), PageError> {
    plaudit_store::sessions::delete_for_account(&state.db, account_id).await?;
    session.cycle_id().await.map_err(|e| PageError::Internal(e.to_string()))?;
    session
        .insert(ACCOUNT_KEY, account_id)
        .await
        .map_err(|e| PageError::Internal(e.to_string()))?;
    csrf::renew(session).await;
    Ok(())
}

async fn current_password_ok(
    state: &AppState,
    account_id: i64,
    typed: String,
) -> Result<bool, PageError> {
    let account = accounts::by_id(&state.db, account_id).await?.ok_or(PageError::NotFound)?;
    Ok(match account.password_hash {
        Some(hash) => password::verify(typed, hash).await,
        None => false,
    })
}

pub(super) async fn change_password(
    State(state): State<AppState>,
    session: Session,
    Extension(user): Extension<CurrentUser>,
    Form(form): Form<ChangePasswordForm>,
) -> Result<Response, PageError> {
    if !current_password_ok(&state, user.account_id, form.current).await? {
        flash(&session, "Your current password was not right; nothing changed.").await;
        return Ok(Redirect::to("/account").into_response());
    }
    if let Some(problem) = password::problem(&form.password) {
        flash(&session, &format!("The new password was not changed: {problem}")).await;
        return Ok(Redirect::to("/account").into_response());
    }
    let hash = password::hash(form.password)
        .await
        .ok_or_else(|| PageError::Internal("password hashing failed".to_owned()))?;
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    accounts::set_password(&mut tx, user.account_id, &hash, now).await?;
    audit::record(
        &mut tx,
        &Entry::account(Some(user.account_id), "password.changed", user.account_id),
        now,
    )
    .await?;
    tx.commit().await?;
    restart_sessions(&state, &session, user.account_id).await?;
    flash(&session, "Password changed. Other browsers signed in to your account were signed out.")
        .await;
    Ok(Redirect::to("/account").into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct ChangeEmailForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    email: String,
}

/// Sends a confirmation link to the new address; nothing changes until it is opened.
pub(super) async fn change_email(
    State(state): State<AppState>,
    session: Session,
    Extension(user): Extension<CurrentUser>,
    Form(form): Form<ChangeEmailForm>,
) -> Result<Response, PageError> {
    if !current_password_ok(&state, user.account_id, form.current).await? {
        flash(&session, "Your current password was not right; nothing changed.").await;
        return Ok(Redirect::to("/account").into_response());
    }
    let email = match EmailAddress::parse(&form.email) {
        Ok(email) => email,
        Err(e) => {
            flash(&session, &format!("The new address was not changed: this {e}.")).await;
            return Ok(Redirect::to("/account").into_response());
        }
    };
    let now = state.clock.now();
    let name = program_name(&state).await?;
    let taken = accounts::by_email(&state.db, &email.normalized()).await?.is_some();
    let mut tx = state.db.begin_write().await?;
    // A taken address gets a mail saying so, and the page answers the same either way.
    let mail = if taken {
        let paragraphs = [format!(
            "Someone asked to move a {name} account to this address, which already has an \
             account of its own. Nothing was changed."
        )];
        notice(
            "change_email_taken",
            email.as_str(),
            "An address change was refused",
            &name,
            &paragraphs,
            None,
        )?
    } else {
        let token = random_token();
        let expires = now.saturating_add(CHANGE_LINK_LIFETIME).unwrap_or(now);
        accounts::create_email_token(
            &mut tx,
            user.account_id,
            CHANGE_EMAIL_PURPOSE,
            &hash_token(&token),
            Some(email.as_str()),
            now,
            expires,
        )
        .await?;
        let link = format!("{}/confirm-email?token={token}", state.config.public_url);
        let paragraphs = [format!(
            "Open the link below within a day to make this the address of your {name} account."
        )];
        notice(
            "change_email",
            email.as_str(),
            &format!("Confirm your new {name} address"),
            &name,
            &paragraphs,
            Some(("Confirm this address", &link)),
        )?
    };
    plaudit_store::mail::enqueue(&mut tx, &mail, now).await?;
    audit::record(
        &mut tx,
        &Entry::account(Some(user.account_id), "email.change_requested", user.account_id),
        now,
    )
    .await?;
    tx.commit().await?;
    flash(&session, "We sent a link to the new address. Your address changes when you open it.")
        .await;
    Ok(Redirect::to("/account").into_response())
}

/// Opening the link from the new address makes the change, and the old address is told.
pub(super) async fn confirm_email(
    State(state): State<AppState>,
    Query(query): Query<TokenQuery>,
) -> Result<Response, PageError> {
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let used =
        accounts::use_email_token(&mut tx, &hash_token(&query.token), CHANGE_EMAIL_PURPOSE, now)
            .await?;
    let Some((account_id, Some(new_email))) = used else {
        tx.commit().await?;
        return Ok((StatusCode::BAD_REQUEST, super::account::link_expired_page()).into_response());
    };
    let account = accounts::by_id(&state.db, account_id).await?.ok_or(PageError::NotFound)?;
    let email = EmailAddress::parse(&new_email).map_err(|e| PageError::Internal(e.to_string()))?;
    match accounts::change_email(&mut tx, account_id, email.as_str(), &email.normalized(), now)
        .await
    {
        Ok(()) => {}
        // Someone took the address between the request and the confirmation.
        Err(e) if e.is_unique_violation() => {
            return Ok((StatusCode::CONFLICT, super::account::link_expired_page()).into_response());
        }
        Err(e) => return Err(e.into()),
    }
    let name = program_name(&state).await?;
    let paragraphs = [format!(
        "The address of your {name} account is now {new_email}. If you did not make this \
         change, reply to this message at once."
    )];
    let mail = notice(
        "email_changed", &account.email, "Your address was changed", &name, &paragraphs, None,
    )?;
    plaudit_store::mail::enqueue(&mut tx, &mail, now).await?;
    audit::record(&mut tx, &Entry::account(Some(account_id), "email.changed", account_id), now)
        .await?;
    tx.commit().await?;
    Ok(Redirect::to("/account").into_response())
}

pub(super) async fn sign_out_everywhere(
    State(state): State<AppState>,
    session: Session,
    Extension(user): Extension<CurrentUser>,
) -> Result<Response, PageError> {
    let ended = plaudit_store::sessions::delete_for_account(&state.db, user.account_id).await?;
    session.flush().await.map_err(|e| PageError::Internal(e.to_string()))?;
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let detail = format!("sessions={ended}");
    let mut record = Entry::account(Some(user.account_id), "sign_out.everywhere", user.account_id);
    record.detail = &detail;
    audit::record(&mut tx, &record, now).await?;
    tx.commit().await?;
    Ok(Redirect::to("/sign-in?signed_out=1").into_response())
}
