//! The awardees' private community: its front page, the private directory with the contact
//! details awardees share with each other, the form where they choose what to share, a board
//! per category, a thread's page, and admins' hiding of a post. Every page is sent as private
//! and never indexed. Each handler calls one operation from `ops::community`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_domain::cycle::ProgramTimeZone;
use plaudit_domain::directory::{Cursor, Facet};
use plaudit_store::community::{Board, SharedContact, ThreadRow};
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx, private_page, stored_day};
use crate::i18n::{Lang, Msg};
use crate::markdown;
use crate::ops::ErrorCode;
use crate::ops::community::{self as ops, ThreadInput};
use crate::ops::directory::{Change, DirectoryQuery};
use crate::state::AppState;
use crate::web::PageError;

/// A board as lists show it.
pub(super) struct BoardView {
    slug: String,
    name: String,
    threads: String,
    last_active: Option<String>,
}

fn board_view(b: &Board, lang: Lang, zone: &ProgramTimeZone) -> BoardView {
    BoardView {
        slug: b.slug.clone(),
        name: b.name.clone(),
        threads: lang.t_num("community-thread-count", "count", b.threads),
        last_active: b.last_post_at.map(|at| stored_day(lang, zone, at)),
    }
}

/// A thread as lists show it.
pub(super) struct ThreadItem {
    id: i64,
    title: String,
    board: String,
    board_slug: String,
    author: String,
    replies: String,
    last_active: String,
    hidden: bool,
}

fn thread_item(t: &ThreadRow, lang: Lang, zone: &ProgramTimeZone) -> ThreadItem {
    ThreadItem {
        id: t.id,
        title: t.title.clone(),
        board: t.category_name.clone(),
        board_slug: t.category_slug.clone(),
        author: t.author_name.clone(),
        replies: lang.t_num("community-reply-count", "count", t.reply_count),
        last_active: stored_day(lang, zone, t.last_post_at),
        hidden: t.hidden_at.is_some(),
    }
}

// ------------------------------------------------------------------ the front page

#[derive(Template, WebTemplate)]
#[template(path = "community/front.html")]
pub(super) struct FrontPage {
    nav: Nav,
    boards: Vec<BoardView>,
    recent: Vec<ThreadItem>,
}

/// GET /community
pub(super) async fn front(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    let found = ops::front(&state.ctx).await?;
    let zone = state.ctx.time_zone().await?;
    let lang = page.lang;
    let view = FrontPage {
        nav: page.nav().await,
        boards: found.boards.iter().map(|b| board_view(b, lang, &zone)).collect(),
        recent: found.recent.iter().map(|t| thread_item(t, lang, &zone)).collect(),
    };
    Ok(private_page(view.into_response()))
}

// ------------------------------------------------------------------ the private directory

/// A listed awardee with what they share.
pub(super) struct MemberView {
    slug: String,
    name: String,
    headline: String,
    categories: Vec<String>,
    country: Option<String>,
    photo: Option<String>,
    email: Option<String>,
    note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "community/people.html")]
pub(super) struct PeoplePage {
    nav: Nav,
    search: String,
    category: String,
    /// (slug, name) of every category.
    categories: Vec<(String, String)>,
    summary: String,
    members: Vec<MemberView>,
    previous: Option<String>,
    next: Option<String>,
}

fn people_href(pairs: &[(&'static str, String)]) -> String {
    if pairs.is_empty() {
        return "/community/people".to_owned();
    }
    format!("/community/people?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
}

/// GET /community/people: the public directory's search and category filter over the current
/// awardees, each card with what its awardee shares with the others.
pub(super) async fn people(
    State(state): State<AppState>,
    page: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let query = DirectoryQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let lang = page.lang;
    let found = ops::members(&state.ctx, &query, lang).await?;
    let members = found
        .members
        .into_iter()
        .map(|m| MemberView {
            email: m.email,
            note: m.note,
            slug: m.card.slug,
            name: m.card.name,
            headline: m.card.headline,
            categories: m.card.categories,
            country: m.card.country,
            photo: m.card.photo,
        })
        .collect();
    let base = query.pairs_with(Change::None);
    let with_page = |key: &'static str, cursor: Option<Cursor>| {
        cursor.map(|c| {
            let mut pairs = base.clone();
            pairs.push((key, c.encode()));
            people_href(&pairs)
        })
    };
    let view = PeoplePage {
        nav: page.nav().await,
        search: query.search.clone(),
        category: query.filter.facets.get(&Facet::Category).cloned().unwrap_or_default(),
        categories: found.categories,
        summary: match found.total {
            0 => lang.t("directory-none"),
            n => lang.t_num("directory-count-current", "count", n),
        },
        members,
        previous: with_page("before", found.previous),
        next: with_page("after", found.next),
    };
    Ok(private_page(view.into_response()))
}

// ------------------------------------------------------------------ what one shares

#[derive(Template, WebTemplate)]
#[template(path = "community/contact.html")]
pub(super) struct ContactPage {
    nav: Nav,
    email: String,
    input: SharedContact,
    errors: FieldErrors,
}

async fn contact_page(
    page: &PageCtx,
    input: SharedContact,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let view =
        ContactPage { nav: page.nav().await, email: user.account.email.clone(), input, errors };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(private_page((status, view).into_response()))
}

/// GET /community/contact
pub(super) async fn contact(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let current = ops::contact(&state.ctx, &user.account).await?;
    contact_page(&page, current, FieldErrors::new()).await
}

#[derive(Debug, Deserialize)]
pub(super) struct ContactForm {
    #[serde(default)]
    share_email: Option<String>,
    #[serde(default)]
    contact_note: String,
}

/// POST /community/contact
pub(super) async fn save_contact(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<ContactForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let typed =
        SharedContact { share_email: form.share_email.is_some(), contact_note: form.contact_note };
    match ops::save_contact(&state.ctx, &user.account, &typed).await {
        Ok(()) => {
            page.flash(&Msg::new("community-contact-saved")).await;
            Ok(Redirect::to("/community/people").into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            contact_page(&page, typed, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------------------ a board

#[derive(Template, WebTemplate)]
#[template(path = "community/board.html")]
pub(super) struct BoardPage {
    nav: Nav,
    board: BoardView,
    threads: Vec<ThreadItem>,
    next: Option<String>,
    input: ThreadInput,
    errors: FieldErrors,
}

async fn board_page(
    state: &AppState,
    page: &PageCtx,
    slug: &str,
    after: &str,
    input: ThreadInput,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let found = ops::board(&state.ctx, slug, after).await?;
    let zone = state.ctx.time_zone().await?;
    let lang = page.lang;
    let view = BoardPage {
        nav: page.nav().await,
        board: board_view(&found.board, lang, &zone),
        threads: found.threads.iter().map(|t| thread_item(t, lang, &zone)).collect(),
        next: found.next.map(|after| {
            let query = serde_urlencoded::to_string([("after", after)]).unwrap_or_default();
            format!("/community/boards/{}?{query}", found.board.slug)
        }),
        input,
        errors,
    };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(private_page((status, view).into_response()))
}

#[derive(Debug, Deserialize)]
pub(super) struct BoardParams {
    #[serde(default)]
    after: String,
}

/// GET /community/boards/{slug}
pub(super) async fn board(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
    Query(params): Query<BoardParams>,
) -> Result<Response, PageError> {
    board_page(&state, &page, &slug, &params.after, ThreadInput::default(), FieldErrors::new())
        .await
}

#[derive(Debug, Deserialize)]
pub(super) struct ThreadForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

/// POST /community/boards/{slug}
pub(super) async fn open_thread(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
    Form(form): Form<ThreadForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let input = ThreadInput { title: form.title, body: form.body };
    match ops::open_thread(&state.ctx, &user.account, &slug, &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/community/threads/{id}")).into_response()),
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            board_page(&state, &page, &slug, "", input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------------------ a thread

/// A post as the thread shows it.
pub(super) struct PostView {
    id: i64,
    author: String,
    body_html: String,
    written: String,
    hidden: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "community/thread.html")]
pub(super) struct ThreadPage {
    nav: Nav,
    thread: ThreadItem,
    posts: Vec<PostView>,
    moderator: bool,
    body: String,
    errors: FieldErrors,
}

async fn thread_page(
    state: &AppState,
    page: &PageCtx,
    id: i64,
    body: String,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let found = ops::thread(&state.ctx, &user.account, id).await?;
    let zone = state.ctx.time_zone().await?;
    let lang = page.lang;
    let posts = found
        .posts
        .iter()
        .map(|p| PostView {
            id: p.id,
            author: p.author_name.clone(),
            // A hidden post's words are not sent, to admins neither: the audit log keeps who
            // hid it, and the database the post.
            body_html: if p.hidden_at.is_some() {
                String::new()
            } else {
                markdown::render(&p.body)
            },
            written: stored_day(lang, &zone, p.created_at),
            hidden: p.hidden_at.is_some(),
        })
        .collect();
    let view = ThreadPage {
        nav: page.nav().await,
        thread: thread_item(&found.thread, lang, &zone),
        posts,
        moderator: found.moderator,
        body,
        errors,
    };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(private_page((status, view).into_response()))
}

/// GET /community/threads/{id}
pub(super) async fn thread(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    thread_page(&state, &page, id, String::new(), FieldErrors::new()).await
}

#[derive(Debug, Deserialize)]
pub(super) struct ReplyForm {
    #[serde(default)]
    body: String,
}

/// POST /community/threads/{id}/reply
pub(super) async fn reply(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(form): Form<ReplyForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    match ops::reply(&state.ctx, &user.account, id, &form.body).await {
        Ok(reply_id) => {
            Ok(Redirect::to(&format!("/community/threads/{id}#post-{reply_id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            thread_page(&state, &page, id, form.body, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /community/posts/{id}/hide
pub(super) async fn hide(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let thread_id = ops::hide(&state.ctx, &user.account, id).await?;
    page.flash(&Msg::new("community-post-hidden")).await;
    Ok(Redirect::to(&format!("/community/threads/{thread_id}")).into_response())
}
