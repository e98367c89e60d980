//! Imports as admins run them (`/admin/imports`): which source kinds the program trusts (their
//! suggestions become contributions without asking), the people importers found to share an
//! identity, to merge or tell apart, and the latest merges, each of which can be undone. Each
//! handler calls one operation from `ops::imports` or `ops::merges`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::imports::when;
use super::layout::{Nav, PageCtx};
use crate::i18n::Msg;
use crate::ops::imports::{self, KINDS};
use crate::ops::merges;
use crate::state::AppState;
use crate::web::PageError;

const PAGE: &str = "/admin/imports";

pub(super) struct TrustChoice {
    value: &'static str,
    label: String,
    trusted: bool,
}

pub(super) struct PersonLink {
    id: i64,
    name: String,
}

pub(super) struct SuggestionView {
    id: i64,
    a: PersonLink,
    b: PersonLink,
    reason: String,
    since: String,
}

pub(super) struct MergeView {
    id: i64,
    kept: String,
    merged: String,
    moved: i64,
    when: String,
    undone: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/imports.html")]
pub(super) struct ImportsPage {
    nav: Nav,
    kinds: Vec<TrustChoice>,
    suggestions: Vec<SuggestionView>,
    merges: Vec<MergeView>,
}

pub(super) async fn page(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<ImportsPage, PageError> {
    let lang = page.lang;
    let trusted = imports::trusted_kinds(&state.ctx).await?;
    let overview = merges::overview(&state.ctx).await?;
    let kinds = KINDS
        .iter()
        .map(|k| TrustChoice {
            value: k.as_str(),
            label: lang.t(&format!("import-kind-{}", k.as_str())),
            trusted: trusted.contains(k),
        })
        .collect();
    let suggestions = overview
        .suggestions
        .into_iter()
        .map(|s| SuggestionView {
            id: s.id,
            a: PersonLink { id: s.person_a_id, name: s.person_a_name },
            b: PersonLink { id: s.person_b_id, name: s.person_b_name },
            reason: lang.t(&format!("admin-imports-reason-{}", s.reason)),
            since: when(lang, Some(s.created_at)),
        })
        .collect();
    let merges = overview
        .merges
        .into_iter()
        .map(|m| MergeView {
            id: m.id,
            kept: m.kept_name,
            merged: m.merged_name,
            moved: m.moved,
            when: when(lang, Some(m.merged_at)),
            undone: m.undone_at.map(|at| when(lang, Some(at))),
        })
        .collect();
    Ok(ImportsPage { nav: page.nav().await, kinds, suggestions, merges })
}

pub(super) async fn save_trusted(
    State(state): State<AppState>,
    page: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let chosen: Vec<_> = pairs
        .iter()
        .filter(|(name, _)| name == "trusted")
        .filter_map(|(_, value)| value.parse().ok())
        .collect();
    imports::set_trusted_kinds(&state.ctx, admin, &chosen).await?;
    page.flash(&Msg::new("admin-imports-trusted-saved")).await;
    Ok(Redirect::to(PAGE).into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct MergeForm {
    kept: i64,
}

pub(super) async fn merge(
    State(state): State<AppState>,
    page: PageCtx,
    Path(suggestion_id): Path<i64>,
    Form(form): Form<MergeForm>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    merges::merge(&state.ctx, admin, suggestion_id, form.kept).await?;
    page.flash(&Msg::new("admin-imports-merged")).await;
    Ok(Redirect::to(PAGE).into_response())
}

pub(super) async fn dismiss(
    State(state): State<AppState>,
    page: PageCtx,
    Path(suggestion_id): Path<i64>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    merges::dismiss(&state.ctx, admin, suggestion_id).await?;
    page.flash(&Msg::new("admin-imports-dismissed")).await;
    Ok(Redirect::to(PAGE).into_response())
}

pub(super) async fn undo(
    State(state): State<AppState>,
    page: PageCtx,
    Path(merge_id): Path<i64>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    merges::undo(&state.ctx, admin, merge_id).await?;
    page.flash(&Msg::new("admin-imports-undone")).await;
    Ok(Redirect::to(PAGE).into_response())
}
