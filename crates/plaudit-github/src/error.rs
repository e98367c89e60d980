use jiff::Timestamp;

/// Why a call to GitHub failed. No variant carries the token: messages come from GitHub's
/// answer or from the transport, never from the request's headers.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 401: the token is wrong, expired or revoked.
    #[error("GitHub did not accept the token (401 Unauthorized)")]
    Unauthorized,
    /// 403 that is not a rate limit: the token lacks a permission, or the repository forbids it.
    #[error("GitHub refused the request (403 Forbidden): {message}")]
    Forbidden { message: String },
    /// 404: no such repository, issue or comment, or not visible to the token.
    #[error("not found on GitHub (404): {path}")]
    NotFound { path: String },
    /// A rate limit holds longer than the client may wait; nothing more was sent.
    #[error("GitHub's rate limit holds until {retry_at}; try again then")]
    RateLimited { retry_at: Timestamp },
    /// 5xx, after the retries an idempotent request gets.
    #[error("GitHub failed with status {status}")]
    Server { status: u16 },
    /// Any other refusal (422 validation, 410 gone, …), with GitHub's message.
    #[error("GitHub answered {status}: {message}")]
    Rejected { status: u16, message: String },
    /// The answer was not what GitHub documents (JSON, timestamps, `Link`).
    #[error("GitHub's answer could not be read: {0}")]
    Malformed(String),
    /// GitHub could not be reached, or did not answer in time.
    #[error("GitHub could not be reached: {0}")]
    Transport(String),
    /// Not an `owner/name` GitHub would accept.
    #[error("not a GitHub repository name: {0:?}")]
    InvalidRepo(String),
    /// Not a login GitHub would accept.
    #[error("not a GitHub login: {0:?}")]
    InvalidLogin(String),
    /// The client could not be built (base URL, header values, TLS).
    #[error("the GitHub client could not be set up: {0}")]
    Config(String),
}
