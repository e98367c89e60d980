//! Endorsing a candidacy: the page an awardee reaches from the link a candidate shares, and
//! giving, editing or withdrawing the endorsement. Each handler calls `ops::endorsements`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::i18n::Msg;
use crate::ops::ErrorCode;
use crate::ops::endorsements::{self, BODY_MAX, Change, EndorsePage};
use crate::state::AppState;
use crate::web::PageError;

#[derive(Template, WebTemplate)]
#[template(path = "endorsements/endorse.html")]
pub(super) struct EndorsementPage {
    nav: Nav,
    page: EndorsePage,
    body: String,
    errors: FieldErrors,
    body_max: usize,
    /// Whether the endorser's word stands now (not withdrawn).
    standing: bool,
}

fn view(
    nav: Nav,
    found: EndorsePage,
    typed: Option<String>,
    errors: FieldErrors,
) -> EndorsementPage {
    let standing = found.own.as_ref().is_some_and(|o| o.withdrawn_at.is_none());
    let body = typed.or_else(|| found.own.as_ref().map(|o| o.body.clone())).unwrap_or_default();
    EndorsementPage { nav, page: found, body, errors, body_max: BODY_MAX, standing }
}

pub(super) async fn endorse_form(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<EndorsementPage, PageError> {
    let user = page.signed_in()?;
    let found = endorsements::page(&state.ctx, &user.account, id).await?;
    Ok(view(page.nav().await, found, None, FieldErrors::new()))
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct EndorseForm {
    #[serde(default)]
    body: String,
}

async fn apply(
    state: &AppState,
    page: &PageCtx,
    id: i64,
    change: Change,
    form: EndorseForm,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    match endorsements::change(&state.ctx, &user.account, id, change, &form.body).await {
        Ok(()) => {
            let said = match change {
                Change::Give => Msg::new("endorsement-given"),
                Change::Edit => Msg::new("endorsement-edited"),
                Change::Withdraw => Msg::new("endorsement-withdrawn"),
            };
            page.flash(&said).await;
            Ok(Redirect::to(&format!("/candidacies/{id}/endorse")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let found = endorsements::page(&state.ctx, &user.account, id).await?;
            let body = view(page.nav().await, found, Some(form.body), errors);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn give(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(form): Form<EndorseForm>,
) -> Result<Response, PageError> {
    apply(&state, &page, id, Change::Give, form).await
}

pub(super) async fn edit(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(form): Form<EndorseForm>,
) -> Result<Response, PageError> {
    apply(&state, &page, id, Change::Edit, form).await
}

pub(super) async fn withdraw(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    apply(&state, &page, id, Change::Withdraw, EndorseForm::default()).await
}
