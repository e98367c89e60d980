//! Product feedback: the awardee's page that lists their feedback and files more, a thread's
//! page (both sides answer there, and the team moves it through its states), the product
//! team's queue, and the admins' page of product areas and their teams. Each handler calls
//! one operation from `ops::feedback`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_domain::cycle::ProgramTimeZone;
use plaudit_domain::{FeedbackSeverity, FeedbackStatus};
use plaudit_store::feedback::{ProductArea, ThreadRow};
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx, private_page, stored_day};
use crate::i18n::{Lang, Msg};
use crate::markdown;
use crate::ops::ErrorCode;
use crate::ops::feedback::{self as ops, FeedbackInput, QueueQuery, ReplyInput, Side};
use crate::state::AppState;
use crate::web::PageError;

/// A choice of a select, with its words in the reader's language.
pub(super) struct Choice {
    value: String,
    label: String,
}

fn status_choices(lang: Lang) -> Vec<Choice> {
    FeedbackStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: lang.t(&ops::status_message_id(*s)),
        })
        .collect()
}

fn severity_choices(lang: Lang) -> Vec<Choice> {
    FeedbackSeverity::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: lang.t(&ops::severity_message_id(*s)),
        })
        .collect()
}

fn area_choices(areas: &[ProductArea]) -> Vec<Choice> {
    areas.iter().map(|a| Choice { value: a.id.to_string(), label: a.name.clone() }).collect()
}

/// A thread as lists show it.
pub(super) struct ThreadItem {
    id: i64,
    title: String,
    area: String,
    author: String,
    status: String,
    status_label: String,
    severity_label: String,
    nda: bool,
    updated: String,
}

fn thread_item(t: &ThreadRow, lang: Lang, zone: &ProgramTimeZone) -> ThreadItem {
    ThreadItem {
        id: t.id,
        title: t.title.clone(),
        area: t.area_name.clone(),
        author: t.author_name.clone(),
        status: t.status.clone(),
        status_label: t
            .status
            .parse()
            .map_or_else(|_| t.status.clone(), |s| lang.t(&ops::status_message_id(s))),
        severity_label: t
            .severity
            .parse()
            .map_or_else(|_| t.severity.clone(), |s| lang.t(&ops::severity_message_id(s))),
        nda: t.under_nda,
        updated: stored_day(lang, zone, t.updated_at),
    }
}

// ------------------------------------------------------------------ the awardee's page

#[derive(Template, WebTemplate)]
#[template(path = "feedback/mine.html")]
pub(super) struct MinePage {
    nav: Nav,
    threads: Vec<ThreadItem>,
    areas: Vec<Choice>,
    severities: Vec<Choice>,
    input: FeedbackInput,
    errors: FieldErrors,
}

async fn mine_page(
    state: &AppState,
    page: &PageCtx,
    input: FeedbackInput,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let zone = state.ctx.time_zone().await?;
    let threads = ops::mine(&state.ctx, &user.account)
        .await?
        .iter()
        .map(|t| thread_item(t, page.lang, &zone))
        .collect();
    let areas = area_choices(&ops::areas(&state.ctx).await?);
    let view = MinePage {
        nav: page.nav().await,
        threads,
        areas,
        severities: severity_choices(page.lang),
        input,
        errors,
    };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    // Titles of feedback under NDA are listed here: nobody caches or indexes the page.
    Ok(private_page((status, view).into_response()))
}

/// GET /feedback
pub(super) async fn mine(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    let input = FeedbackInput {
        severity: FeedbackSeverity::Normal.as_str().to_owned(),
        ..FeedbackInput::default()
    };
    mine_page(&state, &page, input, FieldErrors::new()).await
}

#[derive(Debug, Deserialize)]
pub(super) struct FileForm {
    #[serde(default)]
    product_area: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    under_nda: Option<String>,
}

/// POST /feedback
pub(super) async fn file(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<FileForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let input = FeedbackInput {
        product_area: form.product_area,
        title: form.title,
        body: form.body,
        severity: form.severity,
        under_nda: form.under_nda.is_some(),
    };
    match ops::file(&state.ctx, &user.account, &input).await {
        Ok(id) => {
            page.flash(&Msg::new("feedback-filed")).await;
            Ok(Redirect::to(&format!("/feedback/{id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            mine_page(&state, &page, input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------------------ a thread

/// One message as the thread shows it.
pub(super) struct MessageView {
    author: String,
    team: bool,
    body_html: String,
    written: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "feedback/thread.html")]
pub(super) struct ThreadPage {
    nav: Nav,
    thread: ThreadItem,
    messages: Vec<MessageView>,
    team: bool,
    statuses: Vec<Choice>,
    input: ReplyInput,
    errors: FieldErrors,
}

async fn thread_page(
    state: &AppState,
    page: &PageCtx,
    id: i64,
    input: Option<ReplyInput>,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let found = ops::thread(&state.ctx, &user.account, id).await?;
    let zone = state.ctx.time_zone().await?;
    let lang = page.lang;
    let messages = found
        .messages
        .iter()
        .map(|m| MessageView {
            author: m.author_name.clone(),
            team: m.from_product_team,
            body_html: markdown::render(&m.body),
            written: stored_day(lang, &zone, m.created_at),
        })
        .collect();
    let input = input
        .unwrap_or_else(|| ReplyInput { body: String::new(), status: found.thread.status.clone() });
    let view = ThreadPage {
        nav: page.nav().await,
        thread: thread_item(&found.thread, lang, &zone),
        messages,
        team: found.side == Side::Team,
        statuses: status_choices(lang),
        input,
        errors,
    };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(private_page((status, view).into_response()))
}

/// GET /feedback/{id}
pub(super) async fn thread(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    thread_page(&state, &page, id, None, FieldErrors::new()).await
}

#[derive(Debug, Deserialize)]
pub(super) struct ReplyForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    status: String,
}

/// POST /feedback/{id}/reply
pub(super) async fn reply(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(form): Form<ReplyForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let input = ReplyInput { body: form.body, status: form.status };
    match ops::reply(&state.ctx, &user.account, id, &input).await {
        Ok(()) => {
            page.flash(&Msg::new("feedback-replied")).await;
            Ok(Redirect::to(&format!("/feedback/{id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            thread_page(&state, &page, id, Some(input), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------------------ the product team's queue

#[derive(Template, WebTemplate)]
#[template(path = "feedback/queue.html")]
pub(super) struct QueuePage {
    nav: Nav,
    threads: Vec<ThreadItem>,
    areas: Vec<Choice>,
    statuses: Vec<Choice>,
    severities: Vec<Choice>,
    query: QueueQuery,
    next: Option<String>,
}

impl QueuePage {
    /// The address of the next page: the same filters, from the cursor.
    fn next_href(&self, cursor: &str) -> String {
        let pairs = [
            ("area", self.query.area.as_str()),
            ("status", self.query.status.as_str()),
            ("severity", self.query.severity.as_str()),
            ("after", cursor),
        ];
        let query = serde_urlencoded::to_string(
            pairs.iter().filter(|(_, v)| !v.is_empty()).collect::<Vec<_>>(),
        )
        .unwrap_or_default();
        format!("/product-team/feedback?{query}")
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct QueueParams {
    #[serde(default)]
    area: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    after: String,
}

/// GET /product-team/feedback
pub(super) async fn queue(
    State(state): State<AppState>,
    page: PageCtx,
    Query(params): Query<QueueParams>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let query = QueueQuery {
        area: params.area,
        status: params.status,
        severity: params.severity,
        after: params.after,
    };
    let found = ops::queue(&state.ctx, &user.account, &query).await?;
    let zone = state.ctx.time_zone().await?;
    let view = QueuePage {
        nav: page.nav().await,
        threads: found.threads.iter().map(|t| thread_item(t, page.lang, &zone)).collect(),
        areas: area_choices(&found.areas),
        statuses: status_choices(page.lang),
        severities: severity_choices(page.lang),
        query,
        next: found.next,
    };
    Ok(private_page(view.into_response()))
}

// ------------------------------------------------------------------ admins

/// An area with its team, for the admins' page.
pub(super) struct AreaView {
    id: i64,
    name: String,
    waiting: i64,
    members: Vec<(i64, String, String)>,
    /// What was typed in this area's member form, when it was refused.
    refused_email: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/product_areas.html")]
pub(super) struct AreasPage {
    nav: Nav,
    areas: Vec<AreaView>,
    name: String,
    /// The area whose member form failed, with what was typed.
    member_form: Option<(i64, String)>,
    errors: FieldErrors,
}

async fn areas_page(
    state: &AppState,
    page: &PageCtx,
    name: String,
    member_form: Option<(i64, String)>,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let team = ops::team(&state.ctx).await?;
    let areas = ops::areas(&state.ctx)
        .await?
        .into_iter()
        .map(|a| AreaView {
            members: team
                .iter()
                .filter(|m| m.product_area_id == a.id)
                .map(|m| (m.account_id, m.display_name.clone(), m.email.clone()))
                .collect(),
            refused_email: member_form
                .as_ref()
                .filter(|(id, _)| *id == a.id)
                .map(|(_, typed)| typed.clone()),
            id: a.id,
            name: a.name,
            waiting: a.waiting,
        })
        .collect();
    let view = AreasPage { nav: page.nav().await, areas, name, member_form, errors };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, view).into_response())
}

/// GET /admin/product-areas
pub(super) async fn areas(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    areas_page(&state, &page, String::new(), None, FieldErrors::new()).await
}

#[derive(Debug, Deserialize)]
pub(super) struct AreaForm {
    #[serde(default)]
    name: String,
}

/// POST /admin/product-areas
pub(super) async fn create_area(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<AreaForm>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    match ops::create_area(&state.ctx, admin, &form.name).await {
        Ok(_) => {
            page.flash(&Msg::new("product-area-created")).await;
            Ok(Redirect::to("/admin/product-areas").into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            areas_page(&state, &page, form.name, None, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct MemberForm {
    #[serde(default)]
    email: String,
}

/// POST /admin/product-areas/{id}/members
pub(super) async fn add_member(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(form): Form<MemberForm>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    match ops::add_member(&state.ctx, admin, id, &form.email).await {
        Ok(()) => {
            page.flash(&Msg::new("product-team-member-added")).await;
            Ok(Redirect::to("/admin/product-areas").into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            areas_page(&state, &page, String::new(), Some((id, form.email)), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /admin/product-areas/{id}/members/{account_id}/remove
pub(super) async fn remove_member(
    State(state): State<AppState>,
    page: PageCtx,
    Path((id, account_id)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    ops::remove_member(&state.ctx, admin, id, account_id).await?;
    page.flash(&Msg::new("product-team-member-removed")).await;
    Ok(Redirect::to("/admin/product-areas").into_response())
}
