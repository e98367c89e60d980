//! Forgotten passwords, and the account's own changes: password, e-mail address, and signing
//! out everywhere. Thin adapters over `ops::accounts`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::account::{TokenQuery, start_session};
use super::layout::{Nav, PageCtx};
use crate::i18n::Msg;
use crate::ops::accounts;
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

#[derive(Template, WebTemplate)]
#[template(path = "account/forgot_password.html")]
pub(super) struct ForgotPage {
    nav: Nav,
    csrf: String,
    email: String,
    sent: bool,
    error: Option<String>,
}

pub(super) async fn forgot_password_form(page: PageCtx) -> ForgotPage {
    ForgotPage {
        nav: page.nav().await,
        csrf: page.csrf(),
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

/// Answers the same whether or not the address has an account.
pub(super) async fn forgot_password(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<EmailForm>,
) -> Result<Response, PageError> {
    match accounts::request_password_reset(&state.ctx, &form.email, page.lang).await {
        Ok(()) => Ok(ForgotPage {
            nav: page.nav().await,
            csrf: page.csrf(),
            email: String::new(),
            sent: true,
            error: None,
        }
        .into_response()),
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let error = e.fields.get("email").map(|m| page.lang.msg(m));
            let view = ForgotPage {
                nav: page.nav().await,
                csrf: page.csrf(),
                email: form.email,
                sent: false,
                error,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(e) => Err(e.into()),
    }
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
    page: PageCtx,
    Query(query): Query<TokenQuery>,
) -> Result<Response, PageError> {
    let valid = accounts::reset_link_works(&state.ctx, &query.token).await?;
    let view = ResetPage {
        nav: page.nav().await,
        csrf: page.csrf(),
        token: query.token,
        valid,
        error: None,
    };
    let status = if valid { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    Ok((status, view).into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

pub(super) async fn reset_password(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<ResetForm>,
) -> Result<Response, PageError> {
    match accounts::reset_password(&state.ctx, &form.token, form.password).await {
        Ok(_) => Ok(Redirect::to("/sign-in?reset=1").into_response()),
        Err(e) if matches!(e.code, ErrorCode::ValidationFailed | ErrorCode::LinkExpired) => {
            let expired = e.code == ErrorCode::LinkExpired;
            let view = ResetPage {
                nav: page.nav().await,
                csrf: page.csrf(),
                token: if expired { String::new() } else { form.token },
                valid: !expired,
                error: e.fields.get("password").map(|m| page.lang.msg(m)),
            };
            let status =
                if expired { StatusCode::BAD_REQUEST } else { StatusCode::UNPROCESSABLE_ENTITY };
            Ok((status, view).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct ChangePasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
}

/// What an account change the person can fix says, as a flash on the account page.
async fn refused(page: &PageCtx, intro: Msg, error: &OpError) {
    let detail = error
        .fields
        .values()
        .next()
        .map_or_else(|| page.lang.msg(&error.message()), |m| page.lang.msg(m));
    page.flash(&intro.arg("problem", detail)).await;
}

pub(super) async fn change_password(
    State(state): State<AppState>,
    page: PageCtx,
    session: Session,
    Form(form): Form<ChangePasswordForm>,
) -> Result<Response, PageError> {
    let user = page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    match accounts::change_password(
        &state.ctx, user.account.account_id, form.current, form.password,
    )
    .await
    {
        Ok(()) => {
            // Every session ended, this one too: start a fresh one for this browser.
            start_session(&session, user.account.account_id).await?;
            page.flash(&Msg::new("account-password-changed")).await;
        }
        Err(e) if e.code != ErrorCode::Internal => {
            refused(&page, Msg::new("account-password-not-changed"), &e).await;
        }
        Err(e) => return Err(e.into()),
    }
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
    page: PageCtx,
    Form(form): Form<ChangeEmailForm>,
) -> Result<Response, PageError> {
    let user = page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    let asked = accounts::request_email_change(
        &state.ctx, user.account.account_id, form.current, &form.email, page.lang,
    )
    .await;
    match asked {
        Ok(()) => page.flash(&Msg::new("account-email-link-sent")).await,
        Err(e) if e.code != ErrorCode::Internal => {
            refused(&page, Msg::new("account-email-not-changed"), &e).await;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to("/account").into_response())
}

/// Opening the link from the new address makes the change, and the old address is told. A
/// spent link, or an address taken in the meantime, answers its error page.
pub(super) async fn confirm_email(
    State(state): State<AppState>,
    page: PageCtx,
    Query(query): Query<TokenQuery>,
) -> Result<Response, PageError> {
    accounts::confirm_email_change(&state.ctx, &query.token, page.lang).await?;
    Ok(Redirect::to("/account").into_response())
}

pub(super) async fn sign_out_everywhere(
    State(state): State<AppState>,
    page: PageCtx,
    session: Session,
) -> Result<Response, PageError> {
    let user = page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    accounts::sign_out_everywhere(&state.ctx, user.account.account_id).await?;
    session.flush().await.map_err(OpError::internal)?;
    Ok(Redirect::to("/sign-in?signed_out=1").into_response())
}
