//! The person's import sources (`/contributions/sources`: add, import now with its progress,
//! remove, and what the last reads could not read) and their suggestions inbox
//! (`/contributions/suggestions`: accept, dismiss, or accept in bulk). Each handler calls one
//! operation from `ops::imports`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::Timestamp;
use plaudit_domain::contribution::URL_MAX_CHARS;
use plaudit_import::ReasonKind;
use plaudit_store::imports::{ProblemRow, SourceRow, SuggestionRow};
use plaudit_store::timestamp::from_micros;
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::i18n::{Lang, Msg};
use crate::ops::imports::{self as ops, KINDS, PAGE_SIZE};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

/// A source as its row on the page shows it.
pub(super) struct SourceView {
    id: i64,
    kind: String,
    locator: String,
    /// Where it was read from, when that is not what was typed.
    resolved: Option<String>,
    /// "Queued", "Reading…", the last result, or why it failed.
    state: String,
    busy: bool,
    failed: bool,
    problems: Vec<ProblemView>,
}

/// An entry the last read could not read, in the reader's words.
pub(super) struct ProblemView {
    text: String,
    /// A parser's own words (English), shown apart: they help the person mend their feed.
    detail: Option<String>,
}

fn problem_view(lang: Lang, p: &ProblemRow) -> ProblemView {
    // A kind this version does not know (written by a newer one) still says something true.
    let kind = ReasonKind::parse(&p.kind).unwrap_or(ReasonKind::Unreadable);
    let id = format!("import-problem-{}", kind.as_str());
    let reason = match kind {
        ReasonKind::LinkTooLong => lang.t_num(&id, "max", URL_MAX_CHARS as i64),
        _ => lang.t_str(&id, "quoted", p.argument.as_deref().unwrap_or_default()),
    };
    let text = match &p.entry_ref {
        Some(entry) => lang.msg(
            &Msg::new("import-problem")
                .arg("position", p.position)
                .arg("entry", entry.as_str())
                .arg("reason", reason),
        ),
        None => lang.msg(
            &Msg::new("import-problem-unnamed").arg("position", p.position).arg("reason", reason),
        ),
    };
    let detail = p.argument.clone().filter(|_| kind.argument_is_detail());
    ProblemView { text, detail }
}

/// The day (UTC) of a stored instant, in the reader's words; nothing when there is none.
pub(super) fn when(lang: Lang, micros: Option<i64>) -> String {
    micros
        .and_then(|m| from_micros(m).ok())
        .map(|t: Timestamp| lang.date(t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()))
        .unwrap_or_default()
}

fn source_view(lang: Lang, s: &SourceRow, problems: &[ProblemRow]) -> SourceView {
    let busy = s.running_since.is_some() || s.requested_at.is_some();
    let state = if s.running_since.is_some() {
        lang.t("import-source-reading")
    } else if s.requested_at.is_some() {
        lang.t("import-source-queued")
    } else if let Some(kind) = &s.failure_kind {
        let reason = lang.t(&format!("import-failure-{kind}"));
        lang.t_str("import-source-failed", "reason", reason)
    } else if s.last_success_at.is_some() {
        lang.msg(
            &Msg::new("import-source-read")
                .arg("date", when(lang, s.last_success_at))
                .arg("added", s.last_added)
                .arg("read", s.last_read),
        )
    } else {
        lang.t("import-source-never")
    };
    let problems = problems
        .iter()
        .filter(|p| p.import_source_id == s.id)
        .map(|p| problem_view(lang, p))
        .collect();
    SourceView {
        id: s.id,
        kind: lang.t(&format!("import-kind-{}", s.kind)),
        locator: s.locator.clone(),
        resolved: s.resolved_locator.clone().filter(|r| *r != s.locator),
        state,
        busy,
        failed: s.failure_kind.is_some(),
        problems,
    }
}

/// A kind offered in the form, with its hint.
pub(super) struct KindOption {
    value: &'static str,
    label: String,
    hint: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "imports/sources.html")]
pub(super) struct SourcesPage {
    nav: Nav,
    sources: Vec<SourceView>,
    kinds: Vec<KindOption>,
    typed_kind: String,
    typed_locator: String,
    errors: FieldErrors,
    pending: i64,
    accepted: i64,
    dismissed: i64,
    any_busy: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "imports/status.html")]
pub(super) struct StatusFragment {
    nav: Nav,
    sources: Vec<SourceView>,
}

async fn sources_page(
    state: &AppState,
    page: &PageCtx,
    typed_kind: String,
    typed_locator: String,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let overview = ops::overview(&state.ctx, &user.account).await?;
    let lang = page.lang;
    let sources: Vec<SourceView> =
        overview.sources.iter().map(|s| source_view(lang, s, &overview.problems)).collect();
    let kinds = KINDS
        .iter()
        .map(|k| KindOption {
            value: k.as_str(),
            label: lang.t(&format!("import-kind-{}", k.as_str())),
            hint: lang.t(&format!("import-kind-{}-hint", k.as_str())),
        })
        .collect();
    let view = SourcesPage {
        nav: page.nav().await,
        any_busy: sources.iter().any(|s| s.busy),
        sources,
        kinds,
        typed_kind: if typed_kind.is_empty() { "feed".to_owned() } else { typed_kind },
        typed_locator,
        errors,
        pending: overview.pending,
        accepted: overview.accepted,
        dismissed: overview.dismissed,
    };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, view).into_response())
}

/// GET /contributions/sources
pub(super) async fn sources(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    sources_page(&state, &page, String::new(), String::new(), FieldErrors::new()).await
}

/// GET /contributions/sources/status: the sources' states, for the page's script to show a
/// read's progress without a reload.
pub(super) async fn status(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let overview = ops::overview(&state.ctx, &user.account).await?;
    let sources =
        overview.sources.iter().map(|s| source_view(page.lang, s, &overview.problems)).collect();
    Ok(StatusFragment { nav: page.nav().await, sources }.into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct SourceForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    locator: String,
}

/// POST /contributions/sources
pub(super) async fn add(
    State(state): State<AppState>,
    page: PageCtx,
    axum::Form(form): axum::Form<SourceForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    match ops::add_source(&state.ctx, &user.account, &form.kind, &form.locator).await {
        Ok(_) => {
            page.flash(&Msg::new("import-source-added")).await;
            Ok(Redirect::to("/contributions/sources").into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            sources_page(&state, &page, form.kind, form.locator, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /contributions/sources/{id}/import
pub(super) async fn import_now(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    ops::import_now(&state.ctx, &user.account, id).await?;
    page.flash(&Msg::new("import-source-requested")).await;
    Ok(Redirect::to("/contributions/sources").into_response())
}

/// POST /contributions/sources/{id}/remove
pub(super) async fn remove(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    ops::remove_source(&state.ctx, &user.account, id).await?;
    page.flash(&Msg::new("import-source-removed")).await;
    Ok(Redirect::to("/contributions/sources").into_response())
}

/// A suggestion as the inbox shows it.
pub(super) struct SuggestionView {
    id: i64,
    title: String,
    url: String,
    kind: String,
    source: String,
    date: String,
    reach: Option<String>,
    summary: String,
    contribution_id: Option<i64>,
}

fn suggestion_view(lang: Lang, s: &SuggestionRow) -> SuggestionView {
    let reach = match (&s.reach_metric, s.reach_value) {
        (Some(metric), Some(value)) => {
            Some(format!("{} {}", lang.number(value), lang.t(&format!("reach-{metric}"))))
        }
        _ => None,
    };
    SuggestionView {
        id: s.id,
        title: s.title.clone(),
        url: s.canonical_url.clone(),
        kind: lang.t(&format!("contribution-type-{}", s.contribution_type)),
        source: lang.t(&format!("import-kind-{}", s.source_kind)),
        date: s.occurred_on.parse().map(|d| lang.date(d)).unwrap_or_default(),
        reach,
        summary: s.summary.clone(),
        contribution_id: s.contribution_id,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "imports/suggestions.html")]
pub(super) struct SuggestionsPage {
    nav: Nav,
    tab: &'static str,
    suggestions: Vec<SuggestionView>,
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct InboxQuery {
    #[serde(default)]
    tab: String,
    #[serde(default)]
    after: String,
}

/// GET /contributions/suggestions
pub(super) async fn suggestions(
    State(state): State<AppState>,
    page: PageCtx,
    Query(query): Query<InboxQuery>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let tab = match query.tab.as_str() {
        "accepted" => "accepted",
        "dismissed" => "dismissed",
        _ => "pending",
    };
    // The cursor is the last row's date and id: `2026-11-30.123`.
    let after = query.after.split_once('.').and_then(|(on, id)| {
        let on = on.parse::<jiff::civil::Date>().ok()?;
        Some((on.to_string(), id.parse::<i64>().ok()?))
    });
    let rows = ops::inbox(
        &state.ctx,
        &user.account,
        tab,
        after.as_ref().map(|(on, id)| (on.as_str(), *id)),
    )
    .await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    let shown = &rows[..rows.len().min(PAGE_SIZE as usize)];
    let next = if more {
        shown.last().map(|r| format!("?tab={tab}&after={}.{}", r.occurred_on, r.id))
    } else {
        None
    };
    let suggestions = shown.iter().map(|s| suggestion_view(page.lang, s)).collect();
    Ok(SuggestionsPage { nav: page.nav().await, tab, suggestions, next }.into_response())
}

/// POST /contributions/suggestions: `action` is `accept`, `dismiss` or `accept_all`; `id` is
/// repeated, once per ticked suggestion.
pub(super) async fn decide(
    State(state): State<AppState>,
    page: PageCtx,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let mut action = String::new();
    let mut ids = Vec::new();
    for (key, value) in fields {
        match key.as_str() {
            "action" => action = value,
            "id" => ids
                .push(value.parse::<i64>().map_err(|_| OpError::new(ErrorCode::MalformedRequest))?),
            _ => {}
        }
    }
    let message = match action.as_str() {
        "accept_all" => {
            let n = ops::accept(&state.ctx, &user.account, None).await?;
            Msg::new("import-accepted").arg("count", n as i64)
        }
        "accept" | "dismiss" if ids.is_empty() => Msg::new("import-none-chosen"),
        "accept" => {
            let n = ops::accept(&state.ctx, &user.account, Some(&ids)).await?;
            Msg::new("import-accepted").arg("count", n as i64)
        }
        "dismiss" => {
            let n = ops::dismiss(&state.ctx, &user.account, &ids).await?;
            Msg::new("import-dismissed").arg("count", n as i64)
        }
        _ => return Err(OpError::new(ErrorCode::MalformedRequest).into()),
    };
    page.flash(&message).await;
    Ok(Redirect::to("/contributions/suggestions").into_response())
}
