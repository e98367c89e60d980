//! The API reference at `/developers/api`: Swagger UI, embedded in the binary, reading the
//! OpenAPI document the server generates, so the reference is always the API it runs.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::directory::HTML;
use super::layout::{Nav, PageCtx};
use super::public_cache::CacheRequest;
use crate::ops::OpError;
use crate::state::AppState;
use crate::web::PageError;

#[derive(Template)]
#[template(path = "developers/api.html")]
struct ReferencePage {
    nav: Nav,
    program_name: String,
    canonical: String,
    script: String,
    stylesheet: String,
    starter: String,
}

pub(super) async fn reference(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
) -> Result<Response, PageError> {
    let render = || async {
        let [script, stylesheet, starter] = super::assets::api_reference_urls();
        let view = ReferencePage {
            nav: page.nav().await,
            program_name: state.ctx.program_name().await?,
            canonical: state.ctx.link("/developers/api"),
            script,
            stylesheet,
            starter,
        };
        view.render().map_err(|e| PageError(OpError::internal(e)))
    };
    state.public_pages.respond(&state, &page, &request, HTML, render).await
}
