//! A person's contributions: the list, the form to add, edit or duplicate one, and deleting.
//! Each handler calls one operation from `ops::contributions`; a refused form comes back with
//! everything that was typed.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_domain::contribution::ContributionFields;
use plaudit_domain::kinds::{
    Audience, ContributionRole, ContributionType, ReachMetric, Visibility,
};
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::i18n::{Lang, Msg};
use crate::ops::contributions;
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

const PAGE_SIZE: i64 = 50;

/// The form's fields as a browser sends them: repeated names for the lists.
pub(super) fn fields_from_form(pairs: &[(String, String)]) -> ContributionFields {
    let mut fields = ContributionFields::default();
    for (name, value) in pairs {
        match name.as_str() {
            "type" => fields.contribution_type.clone_from(value),
            "title" => fields.title.clone_from(value),
            "description" => fields.description.clone_from(value),
            "private_note" => fields.private_note.clone_from(value),
            "started_on" => fields.started_on.clone_from(value),
            "ended_on" => fields.ended_on.clone_from(value),
            "url" => fields.url.clone_from(value),
            "primary_area" => fields.primary_area.clone_from(value),
            "areas" => fields.areas.push(value.clone()),
            "audiences" => fields.audiences.push(value.clone()),
            "role" => fields.person_role.clone_from(value),
            "visibility" => fields.visibility.clone_from(value),
            "high_impact" => fields.high_impact = true,
            other => {
                fields.set_reach(other, value.clone());
            }
        }
    }
    fields
}

pub(super) struct Choice {
    value: &'static str,
    label: String,
    chosen: bool,
}

pub(super) struct AreaChoice {
    slug: String,
    label: String,
    primary: bool,
    extra: bool,
}

pub(super) struct ReachInput {
    name: &'static str,
    label: String,
    value: String,
    /// The types that take this figure, for the script that hides the others.
    types: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "contributions/form.html")]
pub(super) struct FormPage {
    nav: Nav,
    /// Where the form posts: `/contributions` or `/contributions/{id}`.
    action: String,
    heading: String,
    fields: ContributionFields,
    types: Vec<Choice>,
    roles: Vec<Choice>,
    visibilities: Vec<Choice>,
    audiences: Vec<Choice>,
    areas: Vec<AreaChoice>,
    reach: Vec<ReachInput>,
    errors: FieldErrors,
    /// `new`, or the contribution's id: which draft this form keeps.
    draft_key: String,
    /// When the form was filled from a saved draft: when that draft was saved, in words.
    restored: Option<String>,
    /// The same instant in milliseconds since the epoch, for the script to compare with the
    /// browser's own copy.
    restored_at: Option<i64>,
    /// The form shows what was stored (no refusal, no draft): a copy the browser kept may
    /// fill it.
    pristine: bool,
}

fn choices<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    prefix: &str,
    chosen: impl Fn(&str) -> bool,
    lang: Lang,
) -> Vec<Choice> {
    all.iter()
        .map(|&v| {
            let value = code(v);
            Choice { value, label: lang.t(&format!("{prefix}{value}")), chosen: chosen(value) }
        })
        .collect()
}

async fn form_page(
    state: &AppState,
    page: &PageCtx,
    editing: Option<i64>,
    fields: ContributionFields,
    errors: FieldErrors,
) -> Result<FormPage, PageError> {
    form_page_restored(state, page, editing, fields, errors, None).await
}

/// The form filled from the person's saved draft of it, when there is one.
async fn with_draft(
    state: &AppState,
    page: &PageCtx,
    editing: Option<i64>,
    fields: ContributionFields,
) -> Result<FormPage, PageError> {
    let user = page.signed_in()?;
    match contributions::draft(&state.ctx, &user.account, editing).await? {
        Some((encoded, at)) => {
            let pairs: Vec<(String, String)> =
                serde_urlencoded::from_str(&encoded).unwrap_or_default();
            let tz = state.ctx.time_zone().await?;
            let when = page.lang.msg(
                &Msg::new("contribution-draft-restored")
                    .arg("date", page.lang.date(tz.local_date(at)))
                    .arg("time", tz.time_zone().to_datetime(at).strftime("%H:%M").to_string()),
            );
            let restored = fields_from_form(&pairs);
            let at_ms = at.as_millisecond();
            let mut view =
                form_page_restored(state, page, editing, restored, FieldErrors::new(), Some(when))
                    .await?;
            view.restored_at = Some(at_ms);
            Ok(view)
        }
        None => {
            let mut view = form_page(state, page, editing, fields, FieldErrors::new()).await?;
            view.pristine = true;
            Ok(view)
        }
    }
}

async fn form_page_restored(
    state: &AppState,
    page: &PageCtx,
    editing: Option<i64>,
    fields: ContributionFields,
    errors: FieldErrors,
    restored: Option<String>,
) -> Result<FormPage, PageError> {
    let lang = page.lang;
    let types = choices(
        ContributionType::ALL,
        ContributionType::as_str,
        "contribution-type-",
        |v| v == fields.contribution_type,
        lang,
    );
    let roles = choices(
        ContributionRole::ALL,
        ContributionRole::as_str,
        "contribution-role-",
        |v| v == fields.person_role,
        lang,
    );
    let visibility = if fields.visibility.is_empty() { "public" } else { &fields.visibility };
    let visibilities =
        choices(Visibility::ALL, Visibility::as_str, "visibility-", |v| v == visibility, lang);
    let audiences = choices(
        Audience::ALL,
        Audience::as_str,
        "audience-",
        |v| fields.audiences.iter().any(|a| a == v),
        lang,
    );
    let areas = contributions::area_options(&state.ctx)
        .await?
        .into_iter()
        .map(|a| AreaChoice {
            primary: a.slug == fields.primary_area,
            extra: fields.areas.contains(&a.slug),
            label: a.label,
            slug: a.slug,
        })
        .collect();
    let reach = ReachMetric::ALL
        .iter()
        .map(|&metric| ReachInput {
            name: metric.as_str(),
            label: lang.t(&format!("reach-{}", metric.as_str())),
            value: fields.reach.get(&metric).cloned().unwrap_or_default(),
            types: ContributionType::ALL
                .iter()
                .filter(|t| t.reach_metrics().contains(&metric))
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect();
    let (action, heading) = match editing {
        Some(id) => (format!("/contributions/{id}"), page.t("contribution-edit-title")),
        None => ("/contributions".to_owned(), page.t("contribution-new-title")),
    };
    Ok(FormPage {
        nav: page.nav().await,
        action,
        heading,
        fields,
        types,
        roles,
        visibilities,
        audiences,
        areas,
        reach,
        errors,
        draft_key: editing.map_or_else(|| "new".to_owned(), |id| id.to_string()),
        restored,
        restored_at: None,
        pristine: false,
    })
}

pub(super) async fn new_form(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<FormPage, PageError> {
    page.signed_in()?;
    let today = state.ctx.today().await?;
    let fields = ContributionFields {
        started_on: today.to_string(),
        person_role: "author".to_owned(),
        visibility: "public".to_owned(),
        ..ContributionFields::default()
    };
    with_draft(&state, &page, None, fields).await
}

/// The form of an existing contribution, filled in, to save as a new one: its address is
/// left empty, since one address is one contribution.
pub(super) async fn duplicate_form(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<FormPage, PageError> {
    let user = page.signed_in()?;
    let row = contributions::own(&state.ctx, &user.account, id).await?;
    let mut fields = contributions::fields_of(&state.ctx, &row).await?;
    fields.url.clear();
    form_page(&state, &page, None, fields, FieldErrors::new()).await
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<FormPage, PageError> {
    let user = page.signed_in()?;
    let row = contributions::own(&state.ctx, &user.account, id).await?;
    let fields = contributions::fields_of(&state.ctx, &row).await?;
    with_draft(&state, &page, Some(id), fields).await
}

async fn save(
    state: &AppState,
    page: &PageCtx,
    id: Option<i64>,
    pairs: &[(String, String)],
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let fields = fields_from_form(pairs);
    match contributions::save(&state.ctx, &user.account, id, &fields).await {
        Ok(_) => {
            let said = if id.is_some() {
                Msg::new("contribution-saved")
            } else {
                Msg::new("contribution-added")
            };
            page.flash(&said.arg("title", fields.title.trim())).await;
            // The list tells the form's script which draft this browser may forget.
            let key = id.map_or_else(|| "new".to_owned(), |id| id.to_string());
            Ok(Redirect::to(&format!("/contributions?saved={key}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let view = form_page(state, page, id, fields, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn create(
    State(state): State<AppState>,
    page: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    save(&state, &page, None, &pairs).await
}

pub(super) async fn update(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    save(&state, &page, Some(id), &pairs).await
}

pub(super) async fn delete(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let row = contributions::own(&state.ctx, &user.account, id).await?;
    contributions::delete(&state.ctx, &user.account, id).await?;
    page.flash(&Msg::new("contribution-deleted").arg("title", row.title)).await;
    Ok(Redirect::to("/contributions").into_response())
}

pub(super) struct ListRow {
    id: i64,
    title: String,
    kind: String,
    date: String,
    visibility: String,
    high_impact: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "contributions/list.html")]
pub(super) struct ListPage {
    nav: Nav,
    rows: Vec<ListRow>,
    /// The link to the next page, when there is one.
    next: Option<String>,
    counts: contributions::Counts,
    saved_draft: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct ListQuery {
    /// The `started_on` and id of the last row of the previous page.
    after: Option<String>,
    after_id: Option<i64>,
    /// The draft just saved as a contribution: `new` or an id.
    saved: Option<String>,
}

pub(super) async fn list(
    State(state): State<AppState>,
    page: PageCtx,
    Query(query): Query<ListQuery>,
) -> Result<ListPage, PageError> {
    let user = page.signed_in()?;
    let saved_draft = query
        .saved
        .filter(|k| k == "new" || (!k.is_empty() && k.bytes().all(|b| b.is_ascii_digit())));
    let after = query.after.zip(query.after_id);
    let rows = contributions::page(&state.ctx, &user.account, after, PAGE_SIZE + 1).await?;
    let more = rows.len() > usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
    let rows: Vec<_> = rows.into_iter().take(usize::try_from(PAGE_SIZE).unwrap_or(0)).collect();
    let next = if more {
        rows.last().map(|r| format!("/contributions?after={}&after_id={}", r.started_on, r.id))
    } else {
        None
    };
    let lang = page.lang;
    let rows = rows
        .into_iter()
        .map(|r| ListRow {
            id: r.id,
            kind: lang.t(&format!("contribution-type-{}", r.contribution_type)),
            date: jiff::civil::Date::strptime("%Y-%m-%d", &r.started_on)
                .map(|d| lang.date(d))
                .unwrap_or(r.started_on),
            visibility: lang.t(&format!("visibility-{}", r.visibility)),
            high_impact: r.high_impact,
            title: r.title,
        })
        .collect();
    let counts = contributions::counts(&state.ctx, &user.account).await?;
    Ok(ListPage { nav: page.nav().await, rows, next, counts, saved_draft })
}

/// Which form a draft belongs to: empty for a new contribution, else its id.
fn draft_for(pairs: &[(String, String)]) -> Option<i64> {
    pairs.iter().find(|(k, _)| k == "draft_for").and_then(|(_, v)| v.parse().ok())
}

/// Keeps what was typed so far (the form's script posts here as the person types).
pub(super) async fn save_draft(
    State(state): State<AppState>,
    page: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<StatusCode, PageError> {
    let user = page.signed_in()?;
    let kept: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| k != "csrf").collect();
    let encoded = serde_urlencoded::to_string(&kept).map_err(OpError::internal)?;
    contributions::save_draft(&state.ctx, &user.account, draft_for(&pairs), &encoded).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Forgets the draft and shows the form as it was.
pub(super) async fn discard_draft(
    State(state): State<AppState>,
    page: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let editing = draft_for(&pairs);
    contributions::discard_draft(&state.ctx, &user.account, editing).await?;
    page.flash(&Msg::new("contribution-draft-discarded")).await;
    let back = editing
        .map_or_else(|| "/contributions/new".to_owned(), |id| format!("/contributions/{id}/edit"));
    Ok(Redirect::to(&back).into_response())
}
