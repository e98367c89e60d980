//! Signing in with the configured identity provider: the redirect to it and the callback that
//! decides which account the provider's identity is.
//!
//! An identity already linked signs in its account. Otherwise only an address the provider
//! says it verified may join the identity to an account (an existing one with that address,
//! or a new one): anyone can claim an unverified address at some provider, so linking on it
//! would hand them the account.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::account::{MessagePage, start_session};
use super::layout::PageCtx;
use crate::auth::oidc::OidcError;
use crate::i18n::Msg;
use crate::ops::accounts;
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

/// Sends the visitor to the provider to sign in.
pub(super) async fn start(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, PageError> {
    let Some(provider) = state.oidc.as_ref() else { return Err(PageError::not_found()) };
    let url = provider.start(&session).await.map_err(OpError::internal)?;
    Ok(Redirect::to(&url).into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct CallbackQuery {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

async fn refused(page: &PageCtx, code: ErrorCode) -> Response {
    let status = StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
    // Every code has its `-title` message beside it (the catalogue tests check).
    let title = page.t(&format!("{}-title", code.message_id()));
    let message = page.lang.msg(&Msg::new(code.message_id()));
    let view = MessagePage::from_words(page, title, message).await;
    (status, view).into_response()
}

/// Where the provider sends the visitor back with a code.
pub(super) async fn callback(
    State(state): State<AppState>,
    page: PageCtx,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Result<Response, PageError> {
    let Some(provider) = state.oidc.as_ref() else { return Err(PageError::not_found()) };
    if let Some(error) = &query.error {
        tracing::info!(error, "the identity provider did not sign the visitor in");
        // The pending values go too, so this callback's state cannot be used again.
        let _ = provider.finish(&session, None, None).await;
        return Ok(refused(&page, ErrorCode::OidcFailed).await);
    }
    let identity =
        match provider.finish(&session, query.state.as_deref(), query.code.as_deref()).await {
            Ok(identity) => identity,
            Err(OidcError::State) => return Ok(refused(&page, ErrorCode::OidcExpired).await),
            Err(OidcError::Session(e)) => return Err(OpError::internal(e).into()),
            Err(e) => {
                tracing::warn!(error = %e, "an identity provider sign-in was refused");
                return Ok(refused(&page, ErrorCode::OidcFailed).await);
            }
        };
    match accounts::sign_in_external(&state.ctx, &provider.issuer, &identity).await {
        Ok(account_id) => {
            start_session(&session, account_id).await?;
            Ok(Redirect::to("/").into_response())
        }
        Err(e) if e.code != ErrorCode::Internal => Ok(refused(&page, e.code).await),
        Err(e) => Err(e.into()),
    }
}
