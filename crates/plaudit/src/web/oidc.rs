//! Signing in with the configured identity provider: the redirect to it and the callback that
//! decides which account the provider's identity is.
//!
//! An identity already linked signs in its account. Otherwise only an address the provider
//! says it verified may join the identity to an account (an existing one with that address,
//! or a new one): anyone can claim an unverified address at some provider, so linking on it
//! would hand them the account.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::account::start_session;
use crate::auth::oidc::OidcError;
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

/// A refusal the person can read: the code's error page.
fn refused(code: ErrorCode) -> Result<Response, PageError> {
    Err(PageError(OpError::new(code)))
}

/// Where the provider sends the visitor back with a code.
pub(super) async fn callback(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Result<Response, PageError> {
    let Some(provider) = state.oidc.as_ref() else { return Err(PageError::not_found()) };
    if let Some(error) = &query.error {
        tracing::info!(error, "the identity provider did not sign the visitor in");
        // The pending values go too, so this callback's state cannot be used again.
        let _ = provider.finish(&session, None, None).await;
        return refused(ErrorCode::OidcFailed);
    }
    let identity =
        match provider.finish(&session, query.state.as_deref(), query.code.as_deref()).await {
            Ok(identity) => identity,
            Err(OidcError::State) => return refused(ErrorCode::OidcExpired),
            Err(OidcError::Session(e)) => return Err(OpError::internal(e).into()),
            Err(e) => {
                tracing::warn!(error = %e, "an identity provider sign-in was refused");
                return refused(ErrorCode::OidcFailed);
            }
        };
    let account_id = accounts::sign_in_external(&state.ctx, &provider.issuer, &identity).await?;
    start_session(&session, account_id).await?;
    Ok(Redirect::to("/").into_response())
}
