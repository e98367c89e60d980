//! The JSON API under /api/v1, for integrations. Clients authenticate with a personal API
//! token (`Authorization: Bearer …`); errors are `{"error": {"code", "message", "fields"}}`
//! with stable snake_case codes.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use plaudit_store::audit::{self, Entry};
use serde::{Deserialize, Serialize};

use crate::app::AppState;
use crate::auth::CurrentUser;

/// An API error with the status it answers.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    fields: BTreeMap<&'static str, String>,
}

impl ApiError {
    fn invalid(field: &'static str, problem: &str) -> ApiError {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "validation_failed",
            message: "Some fields need fixing.".to_owned(),
            fields: BTreeMap::from([(field, problem.to_owned())]),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        ApiError {
            status: rejection.status(),
            code: "malformed_request",
            message: rejection.body_text(),
            fields: BTreeMap::new(),
        }
    }
}

impl From<plaudit_store::StoreError> for ApiError {
    fn from(e: plaudit_store::StoreError) -> ApiError {
        tracing::error!(error = %e, "api request failed");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "Something went wrong on our side; try again.".to_owned(),
            fields: BTreeMap::new(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "code": self.code, "message": self.message, "fields": self.fields }
        });
        (self.status, Json(body)).into_response()
    }
}

#[derive(Debug, Serialize)]
pub struct Me {
    id: i64,
    name: String,
    email: String,
    roles: Vec<&'static str>,
}

fn me_of(user: &CurrentUser, name: String) -> Me {
    let r = user.roles;
    let roles = [
        (true, "member"),
        (r.candidate, "candidate"),
        (r.awardee, "awardee"),
        (r.reviewer, "reviewer"),
        (r.product_team, "product_team"),
        (r.admin, "admin"),
    ]
    .into_iter()
    .filter_map(|(held, role)| held.then_some(role))
    .collect();
    Me { id: user.account_id, name, email: user.email.clone(), roles }
}

/// GET /api/v1/me: the account the token belongs to.
pub async fn me(Extension(user): Extension<CurrentUser>) -> Json<Me> {
    Json(me_of(&user, user.display_name.clone()))
}

#[derive(Debug, Deserialize)]
pub struct Rename {
    name: String,
}

/// PUT /api/v1/me/name: changes the name the account is shown by.
pub async fn rename_me(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    body: Result<Json<Rename>, JsonRejection>,
) -> Result<Json<Me>, ApiError> {
    let Json(rename) = body?;
    let name = rename.name.trim();
    if name.is_empty() {
        return Err(ApiError::invalid("name", "Enter the name people know you by."));
    }
    if name.chars().count() > 100 {
        return Err(ApiError::invalid("name", "Keep the name under 100 characters."));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    plaudit_store::accounts::rename(&mut tx, user.account_id, name, now).await?;
    let entry = Entry {
        detail: "api",
        ..Entry::account(Some(user.account_id), "account.renamed", user.account_id)
    };
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(Json(me_of(&user, name.to_owned())))
}
