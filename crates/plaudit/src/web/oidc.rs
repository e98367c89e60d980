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
use plaudit_domain::parse::{EmailAddress, Slug};
use plaudit_store::accounts::{self, NewMember};
use plaudit_store::audit::{self, Entry};
use plaudit_store::external_identities;
use serde::Deserialize;
use tower_sessions::Session;

use super::account::{MessagePage, complete_sign_in};
use crate::app::AppState;
use crate::auth::oidc::{ExternalIdentity, OidcError};
use crate::web::PageError;

const UNVERIFIED: &str = "Your provider did not confirm your e-mail address, so we cannot link \
     it to an account. Sign in with your password, or ask your provider to verify the address.";

/// Sends the visitor to the provider to sign in.
pub(super) async fn start(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, PageError> {
    let Some(provider) = state.oidc.as_ref() else { return Err(PageError::NotFound) };
    let url = provider.start(&session).await.map_err(|e| PageError::Internal(e.to_string()))?;
    Ok(Redirect::to(&url).into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct CallbackQuery {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

fn refused(status: StatusCode, title: &'static str, message: &str) -> Response {
    (status, MessagePage::new(title, message.to_owned())).into_response()
}

/// Where the provider sends the visitor back with a code.
pub(super) async fn callback(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Result<Response, PageError> {
    let Some(provider) = state.oidc.as_ref() else { return Err(PageError::NotFound) };
    if let Some(error) = &query.error {
        tracing::info!(error, "the identity provider did not sign the visitor in");
        // The pending values go too, so this callback's state cannot be used again.
        let _ = provider.finish(&session, None, None).await;
        return Ok(refused(
            StatusCode::BAD_REQUEST,
            "Sign-in was not completed",
            "Your provider did not sign you in. Try again, or sign in with your password.",
        ));
    }
    let identity =
        match provider.finish(&session, query.state.as_deref(), query.code.as_deref()).await {
            Ok(identity) => identity,
            Err(OidcError::State) => {
                return Ok(refused(
                    StatusCode::BAD_REQUEST,
                    "This sign-in has expired",
                    "It was started in another browser or tab, or used already. Start again \
                     from the sign-in page.",
                ));
            }
            Err(OidcError::Session(e)) => return Err(PageError::Internal(e)),
            Err(e) => {
                tracing::warn!(error = %e, "an identity provider sign-in was refused");
                return Ok(refused(
                    StatusCode::BAD_REQUEST,
                    "We could not confirm your sign-in",
                    "Your provider's answer did not check out. Try again from the sign-in \
                     page; if it keeps failing, sign in with your password and tell an \
                     administrator.",
                ));
            }
        };
    let issuer = provider.issuer.as_str();
    let account_id = match external_identities::find(&state.db, issuer, &identity.subject).await? {
        Some(account_id) => account_id,
        None => match verified_email(&identity) {
            Some(email) => link(&state, issuer, &identity, &email).await?,
            None => return Ok(refused(StatusCode::FORBIDDEN, "We cannot sign you in", UNVERIFIED)),
        },
    };
    let Some(account) = accounts::by_id(&state.db, account_id).await? else {
        return Err(PageError::NotFound);
    };
    if account.disabled_at.is_some() {
        return Ok(refused(
            StatusCode::FORBIDDEN,
            "This account is disabled",
            "It cannot sign in. Ask an administrator if you think that is a mistake.",
        ));
    }
    complete_sign_in(&state, &session, account_id, "oidc").await?;
    Ok(Redirect::to("/").into_response())
}

/// The identity's address, only when the provider says it verified it.
fn verified_email(identity: &ExternalIdentity) -> Option<EmailAddress> {
    if identity.email_verified != Some(true) {
        return None;
    }
    identity.email.as_deref().and_then(|e| EmailAddress::parse(e).ok())
}

/// Links the identity to the account with `email`, creating a member account when there is
/// none. Returns the account.
async fn link(
    state: &AppState,
    issuer: &str,
    identity: &ExternalIdentity,
    email: &EmailAddress,
) -> Result<i64, PageError> {
    let now = state.clock.now();
    let existing = accounts::by_email(&state.db, &email.normalized()).await?;
    let mut tx = state.db.begin_write().await?;
    let account_id = match existing {
        // The existing account's own verification state is left alone: if someone joined with
        // this address and never verified it, marking it verified would let their password
        // in.
        Some(account) => account.id,
        None => {
            let name = identity
                .name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("member"));
            let name: String = name.chars().take(100).collect();
            let slug = Slug::from_title(&name);
            let member = NewMember {
                display_name: &name,
                email: email.as_str(),
                email_normalized: &email.normalized(),
                password_hash: None,
                slug: slug.as_str(),
            };
            let account_id = accounts::create_member(&mut tx, &member, now).await?;
            accounts::mark_email_verified(&mut tx, account_id, now).await?;
            let entry = Entry {
                detail: "oidc",
                ..Entry::account(Some(account_id), "account.created", account_id)
            };
            audit::record(&mut tx, &entry, now).await?;
            account_id
        }
    };
    external_identities::link(&mut tx, account_id, issuer, &identity.subject, now).await?;
    let entry = Entry {
        detail: issuer,
        ..Entry::account(Some(account_id), "external_identity.linked", account_id)
    };
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(account_id)
}
