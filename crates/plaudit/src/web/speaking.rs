//! Speaking: the awardee's page (whether they take requests, and the requests they received,
//! each answered there), the organizer's request form for an available awardee, and the
//! organizer's list of what they sent. Each handler calls one operation from `ops::speaking`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_store::speaking::{RequestRow, SpeakingProfile};
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::i18n::{Lang, Msg};
use crate::ops::speaking::{self as ops, Answer, RequestInput, Speaker};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

fn status_label(lang: Lang, status: &str) -> String {
    match status {
        "accepted" => lang.t("speaking-status-accepted"),
        "declined" => lang.t("speaking-status-declined"),
        _ => lang.t("speaking-status-pending"),
    }
}

/// A request as either side's list shows it.
pub(super) struct RequestView {
    id: i64,
    speaker: String,
    organizer: String,
    /// The organizer's address, for the speaker to write back.
    organizer_email: String,
    event: String,
    event_url: Option<String>,
    date: String,
    place: String,
    audience: String,
    travel_support: bool,
    message: String,
    pending: bool,
    status: String,
    status_label: String,
    note: String,
    /// The speaker's address, on the organizer's list only once they shared it.
    shared_email: Option<String>,
}

fn request_view(r: &RequestRow, lang: Lang, shared_email: Option<String>) -> RequestView {
    let date = r
        .event_on
        .as_deref()
        .and_then(|d| d.parse::<jiff::civil::Date>().ok())
        .map(|d| lang.date(d))
        .unwrap_or_default();
    let place = if r.is_remote && r.location.is_empty() {
        lang.t("speaking-remote")
    } else if r.is_remote {
        format!("{} ({})", r.location, lang.t("speaking-remote"))
    } else {
        r.location.clone()
    };
    RequestView {
        id: r.id,
        speaker: r.speaker_name.clone(),
        organizer: r.organizer_name.clone(),
        organizer_email: r.organizer_email.clone(),
        event: r.event_name.clone(),
        event_url: r.event_url.clone(),
        date,
        place,
        audience: r.audience.clone(),
        travel_support: r.travel_support,
        message: r.message.clone(),
        pending: r.status == "pending",
        status: r.status.clone(),
        status_label: status_label(lang, &r.status),
        note: r.response_note.clone(),
        shared_email,
    }
}

// ------------------------------------------------------------------ the awardee's page

#[derive(Template, WebTemplate)]
#[template(path = "speaking/mine.html")]
pub(super) struct MinePage {
    nav: Nav,
    profile: SpeakingProfile,
    errors: FieldErrors,
    requests: Vec<RequestView>,
}

async fn mine_page(
    state: &AppState,
    page: &PageCtx,
    profile: Option<SpeakingProfile>,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let profile = match profile {
        Some(typed) => typed,
        None => ops::profile(&state.ctx, &user.account).await?,
    };
    let requests = ops::received(&state.ctx, &user.account)
        .await?
        .iter()
        .map(|r| request_view(r, page.lang, None))
        .collect();
    let view = MinePage { nav: page.nav().await, profile, errors, requests };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, view).into_response())
}

/// GET /speaking
pub(super) async fn mine(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    mine_page(&state, &page, None, FieldErrors::new()).await
}

#[derive(Debug, Deserialize)]
pub(super) struct ProfileForm {
    accepts_requests: Option<String>,
    #[serde(default)]
    topics: String,
    #[serde(default)]
    regions: String,
    #[serde(default)]
    languages: String,
    remote_ok: Option<String>,
    travel_ok: Option<String>,
}

/// POST /speaking
pub(super) async fn save(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<ProfileForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let typed = SpeakingProfile {
        accepts_requests: form.accepts_requests.is_some(),
        topics: form.topics,
        regions: form.regions,
        languages: form.languages,
        remote_ok: form.remote_ok.is_some(),
        travel_ok: form.travel_ok.is_some(),
    };
    match ops::save_profile(&state.ctx, &user.account, &typed).await {
        Ok(()) => {
            page.flash(&Msg::new("speaking-saved")).await;
            Ok(Redirect::to("/speaking").into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            mine_page(&state, &page, Some(typed), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct AnswerForm {
    #[serde(default)]
    answer: String,
    share_email: Option<String>,
    #[serde(default)]
    note: String,
}

/// POST /speaking/requests/{id}/answer
pub(super) async fn answer(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let accept = match form.answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(OpError::new(ErrorCode::MalformedRequest).into()),
    };
    let answer = Answer { accept, share_email: form.share_email.is_some(), note: form.note };
    match ops::respond(&state.ctx, &user.account, id, &answer).await {
        Ok(()) => {
            let done =
                if accept { Msg::new("speaking-accepted") } else { Msg::new("speaking-declined") };
            page.flash(&done).await;
            Ok(Redirect::to("/speaking").into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            mine_page(&state, &page, None, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------------------ the organizer's side

#[derive(Template, WebTemplate)]
#[template(path = "speaking/request.html")]
pub(super) struct RequestPage {
    nav: Nav,
    speaker: Speaker,
    input: RequestInput,
    errors: FieldErrors,
}

async fn request_page(
    state: &AppState,
    page: &PageCtx,
    slug: &str,
    input: RequestInput,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let speaker = ops::speaker(&state.ctx, slug).await?;
    let view = RequestPage { nav: page.nav().await, speaker, input, errors };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, view).into_response())
}

/// GET /speakers/{slug}/request
pub(super) async fn request_form(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    request_page(&state, &page, &slug, RequestInput::default(), FieldErrors::new()).await
}

#[derive(Debug, Deserialize)]
pub(super) struct RequestForm {
    #[serde(default)]
    event_name: String,
    #[serde(default)]
    event_url: String,
    #[serde(default)]
    event_on: String,
    #[serde(default)]
    location: String,
    is_remote: Option<String>,
    #[serde(default)]
    audience: String,
    travel_support: Option<String>,
    #[serde(default)]
    message: String,
}

/// POST /speakers/{slug}/request
pub(super) async fn send(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
    Form(form): Form<RequestForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let input = RequestInput {
        event_name: form.event_name,
        event_url: form.event_url,
        event_on: form.event_on,
        location: form.location,
        is_remote: form.is_remote.is_some(),
        audience: form.audience,
        travel_support: form.travel_support.is_some(),
        message: form.message,
    };
    match ops::send_request(&state.ctx, &user.account, &slug, &input).await {
        Ok(_) => {
            page.flash(&Msg::new("speaking-request-sent")).await;
            Ok(Redirect::to("/speaking/sent").into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            request_page(&state, &page, &slug, input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "speaking/sent.html")]
pub(super) struct SentPage {
    nav: Nav,
    requests: Vec<RequestView>,
}

/// GET /speaking/sent
pub(super) async fn sent(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let mut requests = Vec::new();
    for r in ops::sent(&state.ctx, &user.account).await? {
        let shared = ops::shared_email(&state.ctx, &r).await?;
        requests.push(request_view(&r, page.lang, shared));
    }
    Ok(SentPage { nav: page.nav().await, requests }.into_response())
}
