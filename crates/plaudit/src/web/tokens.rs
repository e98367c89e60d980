//! The account's API tokens: create one (shown once), see when each was last used, revoke.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_store::api_tokens::ApiToken;
use serde::Deserialize;

use super::layout::{Nav, PageCtx};
use crate::i18n::{Lang, Msg};
use crate::ops::tokens::{self, NewToken, TokenScope};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

#[derive(Template, WebTemplate)]
#[template(path = "account/tokens.html")]
pub(super) struct TokensPage {
    nav: Nav,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    name: String,
    error: Option<String>,
}

pub(super) struct TokenRow {
    id: i64,
    name: String,
    scope: String,
    created: String,
    last_used: String,
    revoked: bool,
}

fn when(lang: Lang, micros: Option<i64>) -> String {
    micros
        .and_then(|m| jiff::Timestamp::from_microsecond(m).ok())
        .map_or_else(|| lang.t("tokens-never"), |t| lang.instant_utc(t))
}

async fn render(
    state: &AppState,
    page: &PageCtx,
    new_token: Option<String>,
    name: String,
    error: Option<String>,
) -> Result<TokensPage, PageError> {
    let user = page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    let tokens = tokens::list(&state.ctx, user.account.account_id).await?;
    Ok(TokensPage {
        nav: page.nav().await,
        tokens: tokens.into_iter().map(|t| row(page.lang, t)).collect(),
        new_token,
        name,
        error,
    })
}

fn row(lang: Lang, token: ApiToken) -> TokenRow {
    let scope = match TokenScope::parse(&token.scope) {
        Some(TokenScope::ReadWrite) => lang.t("tokens-scope-read-write"),
        _ => lang.t("tokens-scope-read"),
    };
    TokenRow {
        id: token.id,
        scope,
        name: token.name,
        created: when(lang, Some(token.created_at)),
        last_used: when(lang, token.last_used_at),
        revoked: token.revoked_at.is_some(),
    }
}

pub(super) async fn tokens(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<TokensPage, PageError> {
    render(&state, &page, None, String::new(), None).await
}

#[derive(Debug, Deserialize)]
pub(super) struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
}

/// Creates a token and shows it on this answer only: only its hash is kept.
pub(super) async fn create(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<TokenForm>,
) -> Result<Response, PageError> {
    let user = page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    let input = NewToken { name: form.name.clone(), scope: form.scope };
    match tokens::create(&state.ctx, user.account.account_id, &input).await {
        Ok(created) => Ok(render(&state, &page, Some(created.secret), String::new(), None)
            .await?
            .into_response()),
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let problem = e.fields.values().next().map(|m| page.lang.msg(m));
            let view = render(&state, &page, None, form.name, problem).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn revoke(
    State(state): State<AppState>,
    page: PageCtx,
    Path(token_id): Path<i64>,
) -> Result<Response, PageError> {
    let user = page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?;
    match tokens::revoke(&state.ctx, user.account.account_id, token_id).await {
        Ok(()) => page.flash(&Msg::new("tokens-revoked")).await,
        // Revoked already, or not this account's: nothing to do, nothing to tell.
        Err(e) if e.code == ErrorCode::NotFound => {}
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to("/account/tokens").into_response())
}
