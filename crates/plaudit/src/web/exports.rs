//! The admins' exports at `/admin/exports`: one form (category and days) and a download per
//! kind and format. A refused filter comes back on the form with what was typed; a good one
//! streams the file and leaves an entry in the audit log, since the files hold e-mail
//! addresses and decisions.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::ops::ErrorCode;
use crate::ops::exports::{self, ExportInput, ExportKind};
use crate::state::AppState;
use crate::web::PageError;

#[derive(Debug, Default, Deserialize)]
pub(super) struct Typed {
    #[serde(default)]
    category: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

impl Typed {
    fn input(&self) -> ExportInput {
        ExportInput {
            category: self.category.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
        }
    }
}

struct KindView {
    kind: &'static str,
    title: String,
    description: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/exports.html")]
struct ExportsPage {
    nav: Nav,
    typed: Typed,
    errors: FieldErrors,
    /// (slug, name)
    categories: Vec<(String, String)>,
    kinds: Vec<KindView>,
}

async fn form(
    state: &AppState,
    page: &PageCtx,
    typed: Typed,
    errors: FieldErrors,
) -> Result<ExportsPage, PageError> {
    let lang = page.lang;
    let categories = plaudit_store::program::categories(&state.ctx.db)
        .await?
        .into_iter()
        .map(|c| (c.slug, c.name))
        .collect();
    let kinds = ExportKind::ALL
        .into_iter()
        .map(|kind| {
            let (title, description) = kind.message_ids();
            KindView { kind: kind.as_str(), title: lang.t(title), description: lang.t(description) }
        })
        .collect();
    Ok(ExportsPage { nav: page.nav().await, typed, errors, categories, kinds })
}

/// GET /admin/exports
pub(super) async fn page(
    State(state): State<AppState>,
    page: PageCtx,
    Query(typed): Query<Typed>,
) -> Result<Response, PageError> {
    Ok(form(&state, &page, typed, FieldErrors::new()).await?.into_response())
}

/// GET /admin/exports/{kind}.{csv,json}
pub(super) async fn download(
    State(state): State<AppState>,
    page: PageCtx,
    Path(file): Path<String>,
    Query(typed): Query<Typed>,
) -> Result<Response, PageError> {
    let (kind, format) = exports::parse_file(&file).ok_or_else(PageError::not_found)?;
    let filter = match exports::check(&state.ctx, &typed.input()).await {
        Ok(filter) => filter,
        Err(error) if error.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&error, page.lang);
            let view = form(&state, &page, typed, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
        Err(error) => return Err(error.into()),
    };
    let actor = page.account_id()?;
    exports::record_download(&state.ctx, actor, kind, format, &filter).await?;
    let today = state.ctx.today().await?;
    let disposition =
        format!("attachment; filename=\"{}-{today}.{}\"", kind.as_str(), format.extension());
    let body = Body::from_stream(exports::stream(&state.ctx, kind, format, filter));
    let headers = [
        (header::CONTENT_TYPE, format.content_type().to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "private, no-store".to_owned()),
    ];
    Ok((headers, body).into_response())
}
