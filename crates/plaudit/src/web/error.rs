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
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    title: &'static str,
    message: &'static str,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, page) = match &self {
            PageError::NotSetUp => (
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorPage {
                    title: "Not set up yet",
                    message: "This Plaudit has no program yet. An administrator sets it up \
                              with `plaudit demo` or the admin pages.",
                },
            ),
            PageError::Store(e) => {
                tracing::error!(error = %e, "page failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorPage {
                        title: "Something went wrong",
                        message: "We could not show this page. Please try again in a moment.",
                    },
                )
            }
        };
        (status, page).into_response()
    }
}
