//! Joining, verifying an address, signing in and out, and the account page: each handler reads
//! the form, calls one operation from `ops::accounts`, and renders its result or its error.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::layout::{Nav, PageCtx};
use crate::auth::csrf;
use crate::auth::session_store::ACCOUNT_KEY;
use crate::i18n::{Lang, Msg};
use crate::ops::accounts::{self, JoinInput};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

/// A form's problems, by field, in the reader's language, shown next to each field.
pub(super) type FieldErrors = BTreeMap<&'static str, String>;

/// The field problems of a validation error, in `lang`.
pub(super) fn field_errors(error: &OpError, lang: Lang) -> FieldErrors {
    error.fields.iter().map(|(field, problem)| (*field, lang.msg(problem))).collect()
}

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

pub(super) async fn sign_up_form(page: PageCtx) -> SignUpPage {
    SignUpPage {
        nav: page.nav().await,
        csrf: page.csrf(),
        name: String::new(),
        email: String::new(),
        errors: FieldErrors::new(),
    }
}

pub(super) async fn sign_up(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<SignUpForm>,
) -> Result<Response, PageError> {
    let input = JoinInput {
        name: form.name.clone(),
        email: form.email.clone(),
        password: form.password,
        lang: page.lang,
    };
    match accounts::join(&state.ctx, input).await {
        Ok(()) => Ok(Redirect::to("/sign-up/sent").into_response()),
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let view = SignUpPage {
                nav: page.nav().await,
                csrf: page.csrf(),
                name: form.name,
                email: form.email,
                errors,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "account/message.html")]
pub(super) struct MessagePage {
    nav: Nav,
    title: String,
    message: String,
}

impl MessagePage {
    /// A page that says what happened and what to do next.
    pub(super) async fn new(page: &PageCtx, title: &Msg, message: &Msg) -> MessagePage {
        let (title, message) = (page.lang.msg(title), page.lang.msg(message));
        MessagePage { nav: page.nav().await, title, message }
    }
}

pub(super) async fn sign_up_sent(page: PageCtx) -> MessagePage {
    let title = Msg::new("sign-up-sent-title");
    MessagePage::new(&page, &title, &Msg::new("sign-up-sent-body")).await
}

#[derive(Debug, Deserialize)]
/// The `?token=` of a link sent by e-mail.
pub(super) struct TokenQuery {
    #[serde(default)]
    pub(super) token: String,
}

/// A used or expired link answers the `link_expired` error page.
pub(super) async fn verify_email(
    State(state): State<AppState>,
    Query(query): Query<TokenQuery>,
) -> Result<Response, PageError> {
    accounts::verify_email(&state.ctx, &query.token).await?;
    Ok(Redirect::to("/sign-in?verified=1").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "account/sign_in.html")]
pub(super) struct SignInPage {
    nav: Nav,
    csrf: String,
    email: String,
    next: String,
    notice: Option<String>,
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
    page: PageCtx,
    Query(query): Query<SignInQuery>,
) -> SignInPage {
    let notice = if query.verified.is_some() {
        Some(page.t("sign-in-notice-verified"))
    } else if query.reset.is_some() {
        Some(page.t("sign-in-notice-reset"))
    } else if query.signed_out.is_some() {
        Some(page.t("sign-in-notice-signed-out"))
    } else {
        None
    };
    SignInPage {
        nav: page.nav().await,
        csrf: page.csrf(),
        email: String::new(),
        next: safe_next(&query.next).to_owned(),
        notice,
        error: None,
        oidc_name: provider_name(&state, &page),
    }
}

/// The identity provider's name for the sign-in link; the default one in the reader's words.
fn provider_name(state: &AppState, page: &PageCtx) -> Option<String> {
    state.oidc.as_ref().map(|p| {
        if p.name == crate::config::DEFAULT_OIDC_NAME {
            page.t("sign-in-default-provider")
        } else {
            p.name.clone()
        }
    })
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

pub(super) async fn sign_in(
    State(state): State<AppState>,
    page: PageCtx,
    session: Session,
    Form(form): Form<SignInForm>,
) -> Result<Response, PageError> {
    let account_id = match accounts::check_password(&state.ctx, &form.email, form.password).await {
        Ok(account_id) => account_id,
        Err(e) if e.code != ErrorCode::Internal => {
            let status = StatusCode::from_u16(e.code.http_status())
                .unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let view = SignInPage {
                nav: page.nav().await,
                csrf: page.csrf(),
                email: form.email,
                next: safe_next(&form.next).to_owned(),
                notice: None,
                error: Some(page.lang.msg(&e.message())),
                oidc_name: provider_name(&state, &page),
            };
            return Ok((status, view).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    start_session(&session, account_id).await?;
    accounts::signed_in(&state.ctx, account_id, "password").await?;
    Ok(Redirect::to(safe_next(&form.next)).into_response())
}

/// Signs `account_id` in on `session`: a new session id, so an id planted before cannot ride
/// the signed-in session, and a fresh CSRF token bound to it.
pub(super) async fn start_session(session: &Session, account_id: i64) -> Result<(), PageError> {
    session.cycle_id().await.map_err(OpError::internal)?;
    session.insert(ACCOUNT_KEY, account_id).await.map_err(OpError::internal)?;
    csrf::renew(session).await;
    Ok(())
}

pub(super) async fn sign_out(
    State(state): State<AppState>,
    page: PageCtx,
    session: Session,
) -> Result<Response, PageError> {
    session.flush().await.map_err(OpError::internal)?;
    if let Some(user) = &page.user {
        accounts::signed_out(&state.ctx, user.account.account_id).await?;
    }
    Ok(Redirect::to("/").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "account/account.html")]
pub(super) struct AccountPage {
    nav: Nav,
    name: String,
    email: String,
    roles: Vec<String>,
    languages: Vec<LanguageChoice>,
}

pub(super) struct LanguageChoice {
    code: &'static str,
    name: &'static str,
    chosen: bool,
}

pub(super) async fn account_page(page: PageCtx) -> Result<AccountPage, PageError> {
    let user = page.user.clone().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    let roles =
        user.account.roles.codes().iter().map(|code| page.t(&format!("role-{code}"))).collect();
    let languages = Lang::ALL
        .iter()
        .map(|&lang| LanguageChoice {
            code: lang.code(),
            name: lang.native_name(),
            chosen: user.account.lang == Some(lang),
        })
        .collect();
    Ok(AccountPage {
        nav: page.nav().await,
        name: user.account.display_name,
        email: user.account.email,
        roles,
        languages,
    })
}

#[derive(Debug, Deserialize)]
pub(super) struct LanguageForm {
    #[serde(default)]
    language: String,
}

/// Saves the language the account reads; empty means "as my browser asks".
pub(super) async fn save_language(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<LanguageForm>,
) -> Result<Response, PageError> {
    let user = page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    let chosen =
        accounts::set_language(&state.ctx, user.account.account_id, &form.language).await?;
    // The confirmation is in the language just chosen.
    let lang = chosen.unwrap_or(page.lang);
    let saved = PageCtx {
        lang,
        user: page.user.clone(),
        csrf: page.csrf.clone(),
        session: page.session.clone(),
    };
    saved.flash(&Msg::new("account-language-saved")).await;
    Ok(Redirect::to("/account").into_response())
}
