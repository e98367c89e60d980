use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use plaudit_store::StoreError;

/// An error on an HTML page. The cause goes to the log; the page says only what a visitor can
/// act on.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the program has not been set up yet")]
    NotSetUp,
    #[error("this page needs the {} role", .0.label())]
    Forbidden(crate::auth::Access),
    #[error("the form's CSRF token is missing or wrong")]
    CsrfRejected,
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Internal(String),
    #[error("too many attempts; retry in {0} s")]
    RateLimited(u64),
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    nav: super::layout::Nav,
    title: &'static str,
    message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, page) = match &self {
            PageError::NotSetUp => (
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorPage {
                    nav: super::layout::Nav::default(),
                    title: "Not set up yet",
                    message: "This Plaudit has no program yet. An administrator sets it up \
                              with `plaudit demo` or the admin pages."
                        .to_owned(),
                },
            ),
            PageError::Forbidden(access) => (
                StatusCode::FORBIDDEN,
                ErrorPage {
                    nav: super::layout::Nav::default(),
                    title: "Not for your account",
                    message: format!(
                        "This page is for the {} role, which your account does not have. If \
                         you think it should, ask the program's administrators.",
                        access.label()
                    ),
                },
            ),
            PageError::CsrfRejected => (
                StatusCode::FORBIDDEN,
                ErrorPage {
                    nav: super::layout::Nav::default(),
                    title: "This form has expired",
                    message: "For your safety we did not act on it. Go back, reload the page \
                              and send the form again."
                        .to_owned(),
                },
            ),
            PageError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorPage {
                    nav: super::layout::Nav::default(),
                    title: "Too much at once",
                    message: "What you sent is larger than this page accepts.".to_owned(),
                },
            ),
            PageError::RateLimited(seconds) => {
                let page = ErrorPage {
                    nav: super::layout::Nav::default(),
                    title: "Too many attempts",
                    message: format!(
                        "This form was sent too often from your network. Wait {seconds} \
                         second{} and try again.",
                        if *seconds == 1 { "" } else { "s" }
                    ),
                };
                let retry = [(axum::http::header::RETRY_AFTER, seconds.to_string())];
                return (StatusCode::TOO_MANY_REQUESTS, retry, page).into_response();
            }
            PageError::NotFound => (
                StatusCode::NOT_FOUND,
                ErrorPage {
                    nav: super::layout::Nav::default(),
                    title: "Page not found",
                    message: "There is nothing at this address. Check the link, or start \
                              from the home page."
                        .to_owned(),
                },
            ),
            PageError::Store(_) | PageError::Internal(_) => {
                tracing::error!(error = %self, "page failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorPage {
                        nav: super::layout::Nav::default(),
                        title: "Something went wrong",
                        message: "We could not show this page. Please try again in a moment."
                            .to_owned(),
                    },
                )
            }
        };
        (status, page).into_response()
    }
}
