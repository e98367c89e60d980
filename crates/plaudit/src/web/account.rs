//! Joining, verifying an address, signing in and out, and the account page.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, http::StatusCode};
use jiff::{SignedDuration, Timestamp};
use plaudit_domain::parse::{EmailAddress, Slug};
use plaudit_store::accounts::{self, NewMember};
use plaudit_store::audit::{self, Entry};
use serde::Deserialize;
use tower_sessions::Session;

use super::layout::Nav;
use crate::app::AppState;
use crate::auth::session_store::ACCOUNT_KEY;
use crate::auth::tokens::{hash_token, random_token};
use crate::auth::{CurrentUser, csrf, password};
use crate::mail::verification_mail;
use crate::web::PageError;

/// Failed sign-ins in a row before an account is locked, and for how long.
const LOCK_AFTER: i64 = 5;
const LOCK_FOR: SignedDuration = SignedDuration::from_mins(15);
const VERIFY_LINK_LIFETIME: SignedDuration = SignedDuration::from_hours(48);
const VERIFY_PURPOSE: &str = "verify_email";

/// A form's problems, by field, shown next to each field.
type FieldErrors = BTreeMap<&'static str, String>;

#[derive(Template, WebTemplate)]
#[template(path = "account/sign_up.html")]
pub(super) struct SignUpPage {
    nav: Nav,
    csrf: String,
    name: String,
    email: String,
    errors: FieldErrors,
}

#[derive(Debug, Deserialize)]
pub(super) struct SignUpForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub(super) async fn sign_up_form(session: Session) -> SignUpPage {
    SignUpPage {
        nav: Nav::default(),
        csrf: csrf::token(&session).await,
        name: String::new(),
        email: String::new(),
        errors: FieldErrors::new(),
    }
}

pub(super) async fn sign_up(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<SignUpForm>,
) -> Result<Response, PageError> {
    let mut errors = FieldErrors::new();
    let name = form.name.trim();
    if name.is_empty() {
        errors.insert("name", "Enter the name people know you by.".to_owned());
    } else if name.chars().count() > 100 {
        errors.insert("name", "Keep the name under 100 characters.".to_owned());
    }
    let email = match EmailAddress::parse(&form.email) {
        Ok(email) => Some(email),
        Err(e) => {
            errors.insert("email", format!("This {e}."));
            None
        }
    };
    if let Some(problem) = password::problem(&form.password) {
        errors.insert("password", problem);
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        let page = SignUpPage {
            nav: Nav::default(),
            csrf: csrf::token(&session).await,
            name: form.name,
            email: form.email,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    let now = state.clock.now();
    let settings = plaudit_store::program::settings(&state.db).await?;
    let program_name = settings.map_or_else(|| "Plaudit".to_owned(), |s| s.name);
    let existing = accounts::by_email(&state.db, &email.normalized()).await?;
    // Whether or not the address has an account, the visitor sees the same page: the
    // answer must not tell strangers who is a member. The owner of a taken address gets a
    // mail saying so instead of a verification link.
    let Some(hash) = password::hash(form.password).await else {
        return Err(PageError::Internal("password hashing failed".to_owned()));
    };
    let mut tx = state.db.begin_write().await?;
    match existing {
        Some(account) => {
            let link = format!("{}/sign-in", state.config.public_url);
            let mail = already_member_mail(&account.email, &program_name, &link)?;
            plaudit_store::mail::enqueue(&mut tx, &mail, now).await?;
            let entry = Entry::account(None, "account.sign_up_for_existing_address", account.id);
            audit::record(&mut tx, &entry, now).await?;
        }
        None => {
            let slug = Slug::from_title(name);
            let member = NewMember {
                display_name: name,
                email: email.as_str(),
                email_normalized: &email.normalized(),
                password_hash: Some(&hash),
                slug: slug.as_str(),
            };
            let account_id = accounts::create_member(&mut tx, &member, now).await?;
            let token = random_token();
            let expires = now.saturating_add(VERIFY_LINK_LIFETIME).unwrap_or(now);
            accounts::create_email_token(
                &mut tx,
                account_id,
                VERIFY_PURPOSE,
                &hash_token(&token),
                None,
                now,
                expires,
            )
            .await?;
            let link = format!("{}/verify-email?token={token}", state.config.public_url);
            let mail = verification_mail(email.as_str(), &program_name, &link)
                .map_err(|e| PageError::Internal(e.to_string()))?;
            plaudit_store::mail::enqueue(&mut tx, &mail, now).await?;
            let entry = Entry::account(Some(account_id), "account.created", account_id);
            audit::record(&mut tx, &entry, now).await?;
        }
    }
    tx.commit().await?;
    Ok(Redirect::to("/sign-up/sent").into_response())
}

#[derive(Template)]
#[template(path = "mail/already_member.txt")]
struct AlreadyMemberText<'a> {
    program_name: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/already_member.html")]
struct AlreadyMemberHtml<'a> {
    program_name: &'a str,
    link: &'a str,
}

/// Tells the owner of an address that already has an account that someone tried to join with it.
fn already_member_mail(
    to: &str,
    program_name: &str,
    link: &str,
) -> Result<plaudit_store::mail::OutgoingMail, PageError> {
    crate::mail::render(
        "already_member",
        to,
        &format!("Someone tried to join {program_name} with your address"),
        &AlreadyMemberText { program_name, link },
        &AlreadyMemberHtml { program_name, link },
    )
    .map_err(|e| PageError::Internal(e.to_string()))
}

#[derive(Template, WebTemplate)]
#[template(path = "account/message.html")]
pub(super) struct MessagePage {
    nav: Nav,
    title: &'static str,
    message: String,
}

impl MessagePage {
    /// A page that says what happened and what to do next.
    pub(super) fn new(title: &'static str, message: String) -> MessagePage {
        MessagePage { nav: Nav::default(), title, message }
    }
}

/// What a used or expired e-mail link shows.
pub(super) fn link_expired_page() -> MessagePage {
    MessagePage {
        nav: Nav::default(),
        title: "This link no longer works",
        message: "It was used already or has expired. Ask for a new one: join again with the \
                  same address, or use \"Forgot your password?\" on the sign-in page."
            .to_owned(),
    }
}

pub(super) async fn sign_up_sent() -> MessagePage {
    MessagePage {
        nav: Nav::default(),
        title: "Check your e-mail",
        message: "We sent a link to the address you gave. Open it within 48 hours to verify \
                  the address, then sign in."
            .to_owned(),
    }
}

#[derive(Debug, Deserialize)]
/// The `?token=` of a link sent by e-mail.
pub(super) struct TokenQuery {
    #[serde(default)]
    pub(super) token: String,
}

pub(super) async fn verify_email(
    State(state): State<AppState>,
    Query(query): Query<TokenQuery>,
) -> Result<Response, PageError> {
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let used =
        accounts::use_email_token(&mut tx, &hash_token(&query.token), VERIFY_PURPOSE, now).await?;
    let Some((account_id, _)) = used else {
        tx.commit().await?;
        return Ok((StatusCode::BAD_REQUEST, link_expired_page()).into_response());
    };
    accounts::mark_email_verified(&mut tx, account_id, now).await?;
    let entry = Entry::account(Some(account_id), "account.email_verified", account_id);
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(Redirect::to("/sign-in?verified=1").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "account/sign_in.html")]
pub(super) struct SignInPage {
    nav: Nav,
    csrf: String,
    email: String,
    next: String,
    notice: Option<&'static str>,
    error: Option<String>,
    /// The identity provider's name, when one is configured.
    oidc_name: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct SignInQuery {
    #[serde(default)]
    next: String,
    #[serde(default)]
    verified: Option<String>,
    #[serde(default)]
    reset: Option<String>,
    #[serde(default)]
    signed_out: Option<String>,
}

pub(super) async fn sign_in_form(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<SignInQuery>,
) -> SignInPage {
    SignInPage {
        nav: Nav::default(),
        csrf: csrf::token(&session).await,
        email: String::new(),
        next: safe_next(&query.next).to_owned(),
        notice: if query.verified.is_some() {
            Some("Your address is verified. Sign in to continue.")
        } else if query.reset.is_some() {
            Some("Your password is changed. Sign in with the new one.")
        } else if query.signed_out.is_some() {
            Some("You are signed out on every device.")
        } else {
            None
        },
        error: None,
        oidc_name: state.oidc.as_ref().map(|p| p.name.clone()),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Only a path on this site: an open redirect would let a link to us send people elsewhere.
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\") {
        next
    } else {
        "/"
    }
}

/// A hash to check a password against when the address has no account, so that a wrong
/// address takes as long to refuse as a wrong password.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$\
                          W5+8HhhWKS8Nz2Ruf3eCS5ytqbY5S8t5NIQQnL1tRsU";

pub(super) async fn sign_in(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<SignInForm>,
) -> Result<Response, PageError> {
    let now = state.clock.now();
    // 422 for a refusal to correct, 429 while the account is locked.
    let oidc_name = state.oidc.as_ref().map(|p| p.name.clone());
    let refuse = |message: String, session: Session, form: SignInForm| async move {
        let status = if message.contains("locked for a while") {
            StatusCode::TOO_MANY_REQUESTS
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let page = SignInPage {
            nav: Nav::default(),
            csrf: csrf::token(&session).await,
            email: form.email,
            next: safe_next(&form.next).to_owned(),
            notice: None,
            error: Some(message),
            oidc_name,
        };
        Ok((status, page).into_response())
    };
    let account = match EmailAddress::parse(&form.email) {
        Ok(email) => accounts::by_email(&state.db, &email.normalized()).await?,
        Err(_) => None,
    };
    let wrong = "That e-mail address and password do not match an account.".to_owned();
    let Some(account) = account else {
        let _ = password::verify(form.password.clone(), DECOY_HASH.to_owned()).await;
        return refuse(wrong, session, form).await;
    };
    if let Some(until) = account.locked_until.filter(|&until| until > now.as_microsecond()) {
        return refuse(locked_message(until, now), session, form).await;
    }
    let hash = account.password_hash.clone().unwrap_or_else(|| DECOY_HASH.to_owned());
    if !password::verify(form.password.clone(), hash).await {
        let lock_until = now.saturating_add(LOCK_FOR).unwrap_or(now);
        let (failures, locked) =
            accounts::record_failed_sign_in(&state.db, account.id, LOCK_AFTER, lock_until, now)
                .await?;
        let mut tx = state.db.begin_write().await?;
        let action = if locked.is_some() && failures >= LOCK_AFTER {
            "sign_in.locked"
        } else {
            "sign_in.failed"
        };
        let detail = format!("failures={failures}");
        let entry = Entry { detail: &detail, ..Entry::account(None, action, account.id) };
        audit::record(&mut tx, &entry, now).await?;
        tx.commit().await?;
        if let Some(until) = locked.filter(|_| failures >= LOCK_AFTER) {
            return refuse(locked_message(until, now), session, form).await;
        }
        return refuse(wrong, session, form).await;
    }
    if account.email_verified_at.is_none() {
        let message = "Verify your e-mail address first: open the link we sent when you \
                       joined."
            .to_owned();
        return refuse(message, session, form).await;
    }
    complete_sign_in(&state, &session, account.id, "password").await?;
    Ok(Redirect::to(safe_next(&form.next)).into_response())
}

/// Signs `account_id` in on `session`, however they proved who they are (`method`, kept in
/// the audit entry): password and identity-provider sign-in end the same way.
pub(super) async fn complete_sign_in(
    state: &AppState,
    session: &Session,
    account_id: i64,
    method: &str,
) -> Result<(), PageError> {
    let now = state.clock.now();
    accounts::record_sign_in(&state.db, account_id, now).await?;
    // A new session id at sign-in, so an id planted before cannot ride the signed-in session.
    session.cycle_id().await.map_err(|e| PageError::Internal(e.to_string()))?;
    session
        .insert(ACCOUNT_KEY, account_id)
        .await
        .map_err(|e| PageError::Internal(e.to_string()))?;
    csrf::renew(session).await;
    let mut tx = state.db.begin_write().await?;
    let entry = Entry { detail: method, ..Entry::account(Some(account_id), "sign_in", account_id) };
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(())
}

fn locked_message(until_micros: i64, now: Timestamp) -> String {
    let minutes = ((until_micros - now.as_microsecond()) / 60_000_000).max(1);
    format!(
        "After {LOCK_AFTER} wrong passwords in a row this account is locked for a while, to \
         stop someone guessing. Try again in {minutes} minute{}, or reset your password.",
        if minutes == 1 { "" } else { "s" }
    )
}

pub(super) async fn sign_out(
    State(state): State<AppState>,
    session: Session,
    Extension(user): Extension<CurrentUser>,
) -> Result<Response, PageError> {
    session.flush().await.map_err(|e| PageError::Internal(e.to_string()))?;
    let mut tx = state.db.begin_write().await?;
    let entry = Entry::account(Some(user.account_id), "sign_out", user.account_id);
    audit::record(&mut tx, &entry, state.clock.now()).await?;
    tx.commit().await?;
    Ok(Redirect::to("/").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "account/account.html")]
pub(super) struct AccountPage {
    nav: Nav,
    name: String,
    email: String,
    roles: Vec<&'static str>,
}

pub(super) async fn account_page(
    session: Session,
    Extension(user): Extension<CurrentUser>,
) -> AccountPage {
    let mut roles = vec!["member"];
    let r = user.roles;
    for (held, name) in [
        (r.candidate, "candidate"),
        (r.awardee, "awardee"),
        (r.reviewer, "reviewer"),
        (r.product_team, "product team"),
        (r.admin, "admin"),
    ] {
        if held {
            roles.push(name);
        }
    }
    AccountPage {
        nav: Nav::new(Some(&user), &session).await,
        name: user.display_name,
        email: user.email,
        roles,
    }
}
