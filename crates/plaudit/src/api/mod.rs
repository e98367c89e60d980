//! The JSON API under /api/v1, for integrations. Clients authenticate with a personal API
//! token (`Authorization: Bearer …`); errors are `{"error": {"code", "message", "fields"}}`
//! with the stable codes of `ops::ErrorCode`, in the language the client asks for.

pub mod ama;
pub mod candidate;
pub mod openapi;
pub mod public;
pub mod review;

use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::CurrentUser;
use crate::ops::accounts;
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;

/// An API error: an operation's error, answered as JSON by `web::error::render_errors`.
#[derive(Debug)]
pub struct ApiError(OpError);

impl From<OpError> for ApiError {
    fn from(e: OpError) -> ApiError {
        ApiError(e)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        let code = if rejection.status().as_u16() == 413 {
            ErrorCode::PayloadTooLarge
        } else {
            ErrorCode::MalformedRequest
        };
        // What serde could not read goes to the log; the message says what to send.
        tracing::info!(problem = %rejection.body_text(), "malformed API request");
        ApiError(OpError::new(code))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        crate::web::error::api_failure(self.0)
    }
}

/// The account a token belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    id: i64,
    name: String,
    email: String,
    /// `member`, and `candidate`, `awardee`, `reviewer`, `product_team`, `admin` as held.
    roles: Vec<&'static str>,
}

fn me_of(user: &CurrentUser, name: String) -> Me {
    Me {
        id: user.account.account_id,
        name,
        email: user.account.email.clone(),
        roles: user.account.roles.codes(),
    }
}

#[utoipa::path(
    get, path = "/api/v1/me", tag = "me", operation_id = "me", security(("token" = [])),
    responses(
        (status = 200, description = "The account", body = Me),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
    )
)]
/// GET /api/v1/me: the account the token belongs to.
pub async fn me(Extension(user): Extension<CurrentUser>) -> Json<Me> {
    Json(me_of(&user, user.account.display_name.clone()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Rename {
    /// The name to be shown by: 1 to 100 characters, no control characters.
    name: String,
}

#[utoipa::path(
    put, path = "/api/v1/me/name", tag = "me", operation_id = "rename_me", security(("token" = [])),
    request_body = Rename,
    responses(
        (status = 200, description = "Renamed", body = Me),
        (status = 400, description = "The body is not JSON of this shape", body = crate::api::openapi::ErrorBody),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
        (status = 403, description = "The token may only read", body = crate::api::openapi::ErrorBody),
        (status = 413, description = "The body is too large", body = crate::api::openapi::ErrorBody),
        (status = 422, description = "The name cannot be used; `fields.name` says why", body = crate::api::openapi::ErrorBody),
    )
)]
/// PUT /api/v1/me/name: changes the name the account is shown by.
pub async fn rename_me(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    body: Result<Json<Rename>, JsonRejection>,
) -> Result<Json<Me>, ApiError> {
    let Json(rename) = body?;
    let name = accounts::rename(&state.ctx, user.account.account_id, &rename.name, "api").await?;
    Ok(Json(me_of(&user, name.as_str().to_owned())))
}
