//! Announcements and the NDA: the list and a single announcement (each reader sees what
//! `ops::announcements` allows them), the awardee's NDA page, the admins' pages that publish
//! announcements and NDA versions, and the Atom feed of public announcements.
//!
//! A page that shows anything under NDA says so at the top of the page and of each item, is
//! sent with `Cache-Control: private, no-store` and asks search engines not to index it.

use askama::Template;
use askama_web::WebTemplate;
use atom_syndication::{Entry, Feed, Link, Person, Text};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, FixedOffset};
use plaudit_domain::cycle::ProgramTimeZone;
use plaudit_store::announcements::{AnnouncementRow, NdaVersion};
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx, private_page, stored_day};
use crate::i18n::{Lang, Msg};
use crate::markdown;
use crate::ops::announcements::{self as ops, AnnouncementInput, Audience, Reader};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

pub const ANNOUNCEMENTS_FEED: &str = "/feeds/announcements.atom";

async fn reader_of(state: &AppState, page: &PageCtx) -> Result<Reader, PageError> {
    Ok(ops::reader(&state.ctx, page.user.as_ref().map(|u| &u.account)).await?)
}

/// One announcement as a page shows it.
pub(super) struct ItemView {
    slug: String,
    title: String,
    body_html: String,
    published: String,
    /// "under NDA", "for awardees", or None for a public one.
    audience: Option<String>,
    nda: bool,
    /// When an embargoed one becomes public.
    public_on: Option<String>,
}

fn item_view(
    a: &AnnouncementRow,
    lang: Lang,
    zone: &ProgramTimeZone,
    now: jiff::Timestamp,
) -> ItemView {
    let nda = ops::shown_under_nda(a, now);
    let public_now = a.public_at.is_some_and(|at| at <= now.as_microsecond());
    let audience = if nda {
        Some(lang.t("announcement-audience-nda"))
    } else if a.awardees_only && !public_now {
        Some(lang.t("announcement-audience-awardees"))
    } else {
        None
    };
    ItemView {
        slug: a.slug.clone(),
        title: a.title.clone(),
        body_html: markdown::render(&a.body),
        published: stored_day(lang, zone, a.published_at),
        audience,
        nda,
        public_on: a.public_from_at.filter(|_| !public_now).map(|at| stored_day(lang, zone, at)),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "announcements/list.html")]
pub(super) struct ListPage {
    nav: Nav,
    items: Vec<ItemView>,
    any_nda: bool,
    waiting_under_nda: i64,
}

/// GET /announcements
pub(super) async fn list(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    let reader = reader_of(&state, &page).await?;
    let found = ops::list(&state.ctx, reader).await?;
    let zone = state.ctx.time_zone().await?;
    let now = state.ctx.now();
    let items: Vec<ItemView> =
        found.items.iter().map(|a| item_view(a, page.lang, &zone, now)).collect();
    let any_nda = items.iter().any(|i| i.nda);
    let view = ListPage {
        nav: page.nav().await,
        items,
        any_nda,
        waiting_under_nda: found.waiting_under_nda,
    };
    let response = view.into_response();
    Ok(if any_nda || reader.awardee { private_page(response) } else { response })
}

#[derive(Template, WebTemplate)]
#[template(path = "announcements/show.html")]
pub(super) struct ShowPage {
    nav: Nav,
    item: ItemView,
    canonical: String,
}

/// GET /announcements/{slug}
pub(super) async fn show(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let reader = reader_of(&state, &page).await?;
    let found = ops::show(&state.ctx, reader, &slug).await?;
    let zone = state.ctx.time_zone().await?;
    let item = item_view(&found, page.lang, &zone, state.ctx.now());
    let private = item.nda || item.audience.is_some();
    let canonical = state.ctx.link(&format!("/announcements/{}", found.slug));
    let response = ShowPage { nav: page.nav().await, item, canonical }.into_response();
    Ok(if private { private_page(response) } else { response })
}

#[derive(Template, WebTemplate)]
#[template(path = "announcements/nda.html")]
pub(super) struct NdaPage {
    nav: Nav,
    current: Option<(i64, String, String)>,
    accepted_on: Option<String>,
    waiting_under_nda: i64,
}

/// GET /nda: the NDA's current version, and whether the awardee accepted it.
pub(super) async fn nda(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    let account = &page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?.account;
    let standing = ops::nda_standing(&state.ctx, account).await?;
    let zone = state.ctx.time_zone().await?;
    let view = NdaPage {
        nav: page.nav().await,
        current: standing.current.map(|v| (v.id, v.version, markdown::render(&v.body))),
        accepted_on: standing.accepted_at.map(|at| stored_day(page.lang, &zone, at)),
        waiting_under_nda: standing.waiting_under_nda,
    };
    Ok(private_page(view.into_response()))
}

#[derive(Debug, Deserialize)]
pub(super) struct AcceptForm {
    #[serde(default)]
    version: String,
}

/// POST /nda/accept
pub(super) async fn accept(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<AcceptForm>,
) -> Result<Response, PageError> {
    let account = &page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?.account;
    let version =
        form.version.trim().parse::<i64>().map_err(|_| OpError::new(ErrorCode::NdaChanged))?;
    ops::accept_nda(&state.ctx, account, version).await?;
    page.flash(&Msg::new("nda-accepted")).await;
    Ok(Redirect::to("/announcements").into_response())
}

// ------------------------------------------------------------------ admins

#[derive(Template, WebTemplate)]
#[template(path = "admin/announcements.html")]
pub(super) struct AdminPage {
    nav: Nav,
    items: Vec<ItemView>,
    input: AnnouncementInput,
    errors: FieldErrors,
}

async fn admin_page(
    state: &AppState,
    page: &PageCtx,
    input: AnnouncementInput,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let zone = state.ctx.time_zone().await?;
    let now = state.ctx.now();
    let items =
        ops::all(&state.ctx).await?.iter().map(|a| item_view(a, page.lang, &zone, now)).collect();
    let view = AdminPage { nav: page.nav().await, items, input, errors };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(private_page((status, view).into_response()))
}

/// GET /admin/announcements
pub(super) async fn admin_list(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    let input = AnnouncementInput {
        audience: Audience::Everyone.as_str().to_owned(),
        ..Default::default()
    };
    admin_page(&state, &page, input, FieldErrors::new()).await
}

#[derive(Debug, Deserialize)]
pub(super) struct AnnouncementForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    audience: String,
    #[serde(default)]
    public_on: String,
}

/// POST /admin/announcements
pub(super) async fn publish(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<AnnouncementForm>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let input = AnnouncementInput {
        title: form.title,
        body: form.body,
        audience: form.audience,
        public_on: form.public_on,
    };
    match ops::publish(&state.ctx, admin, &input).await {
        Ok(slug) => {
            page.flash(&Msg::new("announcement-published")).await;
            Ok(Redirect::to(&format!("/announcements/{slug}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            admin_page(&state, &page, input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/nda.html")]
pub(super) struct AdminNdaPage {
    nav: Nav,
    versions: Vec<(NdaVersion, String)>,
    version: String,
    body: String,
    errors: FieldErrors,
}

async fn admin_nda_page(
    state: &AppState,
    page: &PageCtx,
    version: String,
    body: String,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let zone = state.ctx.time_zone().await?;
    let versions = ops::nda_versions(&state.ctx)
        .await?
        .into_iter()
        .map(|v| {
            let on = stored_day(page.lang, &zone, v.published_at);
            (v, on)
        })
        .collect();
    let view = AdminNdaPage { nav: page.nav().await, versions, version, body, errors };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, view).into_response())
}

/// GET /admin/nda
pub(super) async fn admin_nda(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    admin_nda_page(&state, &page, String::new(), String::new(), FieldErrors::new()).await
}

#[derive(Debug, Deserialize)]
pub(super) struct NdaForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    body: String,
}

/// POST /admin/nda
pub(super) async fn publish_nda(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<NdaForm>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    match ops::publish_nda(&state.ctx, admin, &form.version, &form.body).await {
        Ok(()) => {
            page.flash(&Msg::new("nda-published")).await;
            Ok(Redirect::to("/admin/nda").into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            admin_nda_page(&state, &page, form.version, form.body, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------------------ the feed

fn chrono_time(micros: i64) -> DateTime<FixedOffset> {
    DateTime::from_timestamp_micros(micros).unwrap_or_default().fixed_offset()
}

fn link(href: String, rel: &str, mime: Option<&str>) -> Link {
    Link { href, rel: rel.to_owned(), mime_type: mime.map(str::to_owned), ..Link::default() }
}

/// GET /feeds/announcements.atom: the announcements public now, newest first.
pub(super) async fn feed(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    let ctx = &state.ctx;
    let lang = page.lang;
    let program = ctx.program_name().await?;
    let items = ops::public(ctx).await?;
    let entries: Vec<Entry> = items
        .iter()
        .map(|a| {
            let at = chrono_time(a.public_at.unwrap_or(a.published_at));
            let url = ctx.link(&format!("/announcements/{}", a.slug));
            Entry {
                id: url.clone(),
                title: Text::plain(a.title.clone()),
                updated: at,
                published: Some(at),
                content: Some(atom_syndication::Content {
                    value: Some(markdown::render(&a.body)),
                    content_type: Some("html".to_owned()),
                    ..Default::default()
                }),
                links: vec![link(url, "alternate", Some("text/html"))],
                ..Entry::default()
            }
        })
        .collect();
    let updated =
        entries.first().map_or_else(|| chrono_time(ctx.now().as_microsecond()), |e| e.updated);
    let feed = Feed {
        id: ctx.link(ANNOUNCEMENTS_FEED),
        title: Text::plain(
            lang.msg(&Msg::new("feed-announcements-title").arg("program", program.clone())),
        ),
        updated,
        authors: vec![Person { name: program, uri: Some(ctx.link("/")), ..Person::default() }],
        links: vec![
            link(ctx.link(ANNOUNCEMENTS_FEED), "self", Some("application/atom+xml")),
            link(ctx.link("/announcements"), "alternate", Some("text/html")),
        ],
        lang: Some(lang.code().to_owned()),
        entries,
        ..Feed::default()
    };
    Ok(([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], feed.to_string())
        .into_response())
}
