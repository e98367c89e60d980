//! Why the check in front of a route refused a request. Auth only says why; the adapters
//! (`web::error`) render it as a page or as the API's JSON, so auth needs no page of its own.

use crate::auth::Access;
use crate::ops::ErrorCode;

/// Whether a route answers people (pages) or programs (the JSON API).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Page,
    Api,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    /// Nobody is signed in: a page sends the visitor to sign in and come back to `next`.
    SignInFirst {
        next: String,
    },
    /// No API token was sent.
    Unauthenticated,
    InvalidToken,
    InsufficientScope,
    /// Signed in, without the role `access` needs.
    Forbidden {
        access: Access,
        audience: Audience,
    },
    CsrfRejected,
    PayloadTooLarge,
    RateLimited {
        seconds: u64,
    },
    /// Reading who is asking failed; the cause is for the log.
    Internal {
        cause: String,
        audience: Audience,
    },
}

impl AuthError {
    pub fn code(&self) -> ErrorCode {
        match self {
            AuthError::SignInFirst { .. } | AuthError::Unauthenticated => {
                ErrorCode::Unauthenticated
            }
            AuthError::InvalidToken => ErrorCode::InvalidToken,
            AuthError::InsufficientScope => ErrorCode::InsufficientScope,
            AuthError::Forbidden { .. } => ErrorCode::Forbidden,
            AuthError::CsrfRejected => ErrorCode::CsrfRejected,
            AuthError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            AuthError::RateLimited { .. } => ErrorCode::RateLimited,
            AuthError::Internal { .. } => ErrorCode::Internal,
        }
    }
}
