//! The account's API tokens: create one (shown once), see when each was last used, revoke.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use plaudit_store::api_tokens::{self, ApiToken};
use plaudit_store::audit::{self, Entry};
use serde::Deserialize;
use tower_sessions::Session;

use super::layout::{Nav, flash};
use crate::app::AppState;
use crate::auth::tokens::{hash_token, random_token};
use crate::auth::{CurrentUser, TokenScope};
use crate::web::PageError;

/// Tokens start with a recognisable prefix, so secret scanners and people can tell them apart.
const TOKEN_PREFIX: &str = "plaudit_";

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
    scope: &'static str,
    created: String,
    last_used: String,
    revoked: bool,
}

fn when(micros: Option<i64>) -> String {
    micros
        .and_then(|m| jiff::Timestamp::from_microsecond(m).ok())
        .map_or_else(|| "never".to_owned(), |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
}

async fn page(
    state: &AppState,
    session: &Session,
    user: &CurrentUser,
    new_token: Option<String>,
    name: String,
    error: Option<String>,
) -> Result<TokensPage, PageError> {
    let tokens = api_tokens::list(&state.db, user.account_id).await?;
    Ok(TokensPage {
        nav: Nav::new(Some(user), session).await,
        tokens: tokens.into_iter().map(row).collect(),
        new_token,
        name,
        error,
    })
}

fn row(token: ApiToken) -> TokenRow {
    TokenRow {
        id: token.id,
        scope: if token.scope == "read_write" { "read and write" } else { "read" },
        name: token.name,
        created: when(Some(token.created_at)),
        last_used: when(token.last_used_at),
        revoked: token.revoked_at.is_some(),
    }
}

pub(super) async fn tokens(
    State(state): State<AppState>,
    session: Session,
    Extension(user): Extension<CurrentUser>,
) -> Result<TokensPage, PageError> {
    page(&state, &session, &user, None, String::new(), None).await
}

#[derive(Debug, Deserialize)]
pub(super) struct NewToken {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
}

/// Creates a token and shows it on this answer only: only its hash is kept.
pub(super) async fn create(
    State(state): State<AppState>,
    session: Session,
    Extension(user): Extension<CurrentUser>,
    Form(form): Form<NewToken>,
) -> Result<Response, PageError> {
    let name = form.name.trim();
    let problem = if name.is_empty() {
        Some("Name the token after what will use it, e.g. \"newsletter sync\".")
    } else if name.chars().count() > 80 {
        Some("Keep the name under 80 characters.")
    } else {
        None
    };
    let scope = TokenScope::parse(&form.scope);
    let (None, Some(scope)) = (problem, scope) else {
        let problem = problem.unwrap_or("Choose read or read and write.").to_owned();
        let page = page(&state, &session, &user, None, form.name, Some(problem)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let token = format!("{TOKEN_PREFIX}{}", random_token());
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let id = api_tokens::create(
        &mut tx,
        user.account_id,
        name,
        &hash_token(&token),
        scope.as_str(),
        now,
    )
    .await?;
    let detail = format!("token={id} scope={}", scope.as_str());
    let entry = Entry {
        detail: &detail,
        ..Entry::account(Some(user.account_id), "api_token.created", user.account_id)
    };
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(page(&state, &session, &user, Some(token), String::new(), None).await?.into_response())
}

pub(super) async fn revoke(
    State(state): State<AppState>,
    session: Session,
    Extension(user): Extension<CurrentUser>,
    Path(token_id): Path<i64>,
) -> Result<Response, PageError> {
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    if api_tokens::revoke(&mut tx, user.account_id, token_id, now).await? {
        let detail = format!("token={token_id}");
        let entry = Entry {
            detail: &detail,
            ..Entry::account(Some(user.account_id), "api_token.revoked", user.account_id)
        };
        audit::record(&mut tx, &entry, now).await?;
        flash(&session, "Token revoked: it no longer works.").await;
    }
    tx.commit().await?;
    Ok(Redirect::to("/account/tokens").into_response())
}
