//! Errors as people and programs see them. A handler or a check answers with an error value
//! ([`PageError`], `api::ApiError`, [`AuthError`]); that answer carries the error to
//! [`render_errors`], which knows the reader's language and writes the page or the JSON body
//! `{"error": {"code", "message", "fields"}}`. The status comes from the error's code, never
//! from its words; causes go to the log, never to the reader.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_store::StoreError;

use super::layout::Nav;
use crate::auth::{Audience, AuthError};
use crate::i18n::{self, Lang};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;

/// An operation's error on a page that has no form to show it in.
#[derive(Debug)]
pub struct PageError(pub OpError);

impl From<OpError> for PageError {
    fn from(e: OpError) -> PageError {
        PageError(e)
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> PageError {
        PageError(e.into())
    }
}

impl PageError {
    pub fn not_found() -> PageError {
        PageError(OpError::new(ErrorCode::NotFound))
    }
}

/// An error on its way to [`render_errors`].
#[derive(Debug, Clone)]
struct Failure {
    error: OpError,
    audience: Audience,
}

fn carry(error: OpError, audience: Audience) -> Response {
    let status =
        StatusCode::from_u16(error.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = status.into_response();
    response.extensions_mut().insert(Failure { error, audience });
    response
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        carry(self.0, Audience::Page)
    }
}

/// Carries an operation's error to be answered as the API's JSON.
pub fn api_failure(error: OpError) -> Response {
    carry(error, Audience::Api)
}

impl IntoResponse for AuthError {
    fn into_response(self) -> Response {
        let audience = match &self {
            AuthError::SignInFirst { next } => {
                return Redirect::to(&format!("/sign-in?next={next}")).into_response();
            }
            AuthError::Unauthenticated | AuthError::InvalidToken | AuthError::InsufficientScope => {
                Audience::Api
            }
            AuthError::Forbidden { audience, .. } | AuthError::Internal { audience, .. } => {
                *audience
            }
            AuthError::CsrfRejected
            | AuthError::PayloadTooLarge
            | AuthError::RateLimited { .. } => Audience::Page,
        };
        let mut error = OpError::new(self.code());
        let mut retry_after = None;
        match self {
            AuthError::RateLimited { seconds } => {
                error = error.arg("seconds", seconds);
                retry_after = Some(HeaderValue::from(seconds));
            }
            AuthError::Forbidden { access, .. } => error = error.arg("role", access.code()),
            AuthError::Internal { cause, .. } => error.cause = Some(cause),
            _ => {}
        }
        let mut response = carry(error, audience);
        if let Some(value) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    nav: Nav,
    title: String,
    message: String,
}

/// An answer the framework made before a handler ran (a path or query that is not of its
/// type, a method the address does not take, a body over the limit): on the API it becomes
/// the same JSON error every other refusal is, with the status kept.
fn framework_rejection(response: &Response) -> Option<OpError> {
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !status.is_client_error() || json {
        return None;
    }
    let code = match status.as_u16() {
        401 => ErrorCode::Unauthenticated,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        405 => ErrorCode::MethodNotAllowed,
        413 => ErrorCode::PayloadTooLarge,
        _ => ErrorCode::MalformedRequest,
    };
    Some(OpError::new(code))
}

/// Renders the errors handlers and checks answered with, in the reader's language.
pub async fn render_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let accept_language = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let failure = match response.extensions_mut().remove::<Failure>() {
        Some(failure) => failure,
        None if api => match framework_rejection(&response) {
            Some(error) => Failure { error, audience: Audience::Api },
            None => return response,
        },
        None => return response,
    };
    let Failure { error, audience } = failure;
    let lang = match response.extensions().get::<Lang>().copied() {
        Some(lang) => lang,
        None => i18n::negotiate(None, accept_language.as_deref(), state.default_language().await),
    };
    if error.code == ErrorCode::Internal {
        tracing::error!(error = %error, "request failed");
    }
    let status = response.status();
    let message = lang.msg(&error.message());
    let mut answer = match audience {
        Audience::Api => {
            let fields: BTreeMap<&str, String> =
                error.fields.iter().map(|(field, problem)| (*field, lang.msg(problem))).collect();
            let body = serde_json::json!({
                "error": { "code": error.code.as_str(), "message": message, "fields": fields }
            });
            (status, axum::Json(body)).into_response()
        }
        Audience::Page => {
            let title = lang.t(&format!("{}-title", error.code.message_id()));
            let nav = Nav { lang, ..Nav::default() };
            (status, ErrorPage { nav, title, message }).into_response()
        }
    };
    // Keep what the error's answer set on the way (Retry-After, cookies).
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            answer.headers_mut().append(name.clone(), value.clone());
        }
    }
    answer
}
