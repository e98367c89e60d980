//! Ask me anything: the list of AMAs, an AMA's page (its lists, search and the form to ask),
//! the host's answers read like a blog, a question's page (votes, following, the answer and
//! its history, and the host's answer and decision forms), the forms where a host opens and
//! runs their AMA, and its Atom feed. Each handler calls one operation from `ops::ama`.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use atom_syndication::{Content, Entry, Feed, Link, Person, Text};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_domain::AmaQuestionState;
use plaudit_domain::ama::MAX_PARTS;
use plaudit_domain::cycle::ProgramTimeZone;
use plaudit_store::ama::{AmaRow, AnswerPart, QuestionOrder, QuestionRow};
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx, stored_day};
use crate::i18n::{Lang, Msg};
use crate::markdown;
use crate::ops::ErrorCode;
use crate::ops::ama::{
    self as ops, AmaInput, Answered, Decision, Listed, PageQuery, PartInput, QuestionInput, Tab,
};
use crate::state::AppState;
use crate::web::PageError;

const ATOM: &str = "application/atom+xml; charset=utf-8";
/// Entries of an AMA's feed: readers poll and keep what they saw.
const FEED_ENTRIES: i64 = 30;

/// An AMA's heading as every one of its pages shows it.
pub(super) struct AmaHead {
    slug: String,
    title: String,
    host: String,
    /// The host's profile, for an awardee's AMA.
    host_href: Option<String>,
    status: String,
    open: bool,
    description_html: String,
    topics: Vec<String>,
}

fn ama_head(ama: &AmaRow, lang: Lang) -> AmaHead {
    AmaHead {
        slug: ama.slug.clone(),
        title: ama.title.clone(),
        host: ama.host_name.clone(),
        host_href: (!ama.program_wide).then(|| format!("/people/{}", ama.host_slug)),
        status: lang.t(&format!("ama-status-{}", ama.status)),
        open: ama.status == "open",
        description_html: markdown::render(&ama.description),
        topics: ops::topics_of(ama),
    }
}

/// A question as lists show it.
pub(super) struct QuestionItem {
    id: i64,
    title: String,
    asker: String,
    asked: String,
    votes: String,
    vote_count: i64,
    state: String,
    tags: Vec<String>,
    voted: bool,
}

fn question_item(l: &Listed, lang: Lang, zone: &ProgramTimeZone) -> QuestionItem {
    let q = &l.question;
    QuestionItem {
        id: q.id,
        title: q.title.clone(),
        asker: q.asker_name.clone(),
        asked: stored_day(lang, zone, q.created_at),
        votes: lang.t_num("ama-vote-count", "count", q.vote_count),
        vote_count: q.vote_count,
        state: lang.t(&format!("ama-state-{}", q.state)),
        tags: l.tags.clone(),
        voted: l.voted,
    }
}

/// An answer part as pages show it.
pub(super) struct PartView {
    quote: String,
    body_html: String,
}

fn part_views(parts: &[AnswerPart]) -> Vec<PartView> {
    parts
        .iter()
        .map(|p| PartView { quote: p.question_part.clone(), body_html: markdown::render(&p.body) })
        .collect()
}

// ------------------------------------------------------------------ the list of AMAs

pub(super) struct ListedView {
    slug: String,
    title: String,
    host: String,
    status: String,
    answered: String,
    open: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "ama/list.html")]
pub(super) struct ListPage {
    nav: Nav,
    amas: Vec<ListedView>,
    next: Option<String>,
    /// The reader's own AMA, or whether they may open one.
    own: Option<String>,
    may_open: bool,
}

#[derive(Debug, Deserialize)]
pub(super) struct ListParams {
    #[serde(default)]
    before: Option<i64>,
}

/// GET /amas
pub(super) async fn list(
    State(state): State<AppState>,
    page: PageCtx,
    Query(params): Query<ListParams>,
) -> Result<Response, PageError> {
    let lang = page.lang;
    let found = ops::listing(&state.ctx, params.before).await?;
    let (own, may_open) = match &page.user {
        Some(user) => {
            let own = ops::of_host(&state.ctx, user.account.person_id).await?;
            let may = own.is_none() && user.account.roles.awardee;
            (own.map(|a| ops::ama_path(&a.slug)), may)
        }
        None => (None, false),
    };
    let view = ListPage {
        nav: page.nav().await,
        amas: found
            .amas
            .iter()
            .map(|l| ListedView {
                slug: l.ama.slug.clone(),
                title: l.ama.title.clone(),
                host: l.ama.host_name.clone(),
                status: lang.t(&format!("ama-status-{}", l.ama.status)),
                answered: lang.t_num("ama-answered-count", "count", l.answered),
                open: lang.t_num("ama-open-count", "count", l.open),
            })
            .collect(),
        next: found.next.map(|id| format!("/amas?before={id}")),
        own,
        may_open,
    };
    Ok(view.into_response())
}

// ------------------------------------------------------------------ opening and running one

#[derive(Template, WebTemplate)]
#[template(path = "ama/form.html")]
pub(super) struct FormPage {
    nav: Nav,
    /// The AMA being edited; None when opening one.
    editing: Option<AmaHead>,
    action: String,
    program_wide: bool,
    input: AmaInput,
    errors: FieldErrors,
    /// The linked GitHub repository and login, as saved or typed.
    github: GithubInput,
    github_errors: FieldErrors,
}

/// The repository form's fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct GithubInput {
    #[serde(default)]
    repo: String,
    #[serde(default)]
    login: String,
}

/// The repository form as typed and refused, when that is what is shown again.
type GithubTyped = Option<(GithubInput, FieldErrors)>;

async fn form_page(
    page: &PageCtx,
    editing: Option<&AmaRow>,
    program_wide: bool,
    input: AmaInput,
    errors: FieldErrors,
    github_typed: GithubTyped,
) -> Result<Response, PageError> {
    let action = match (editing, program_wide) {
        (Some(ama), _) => format!("/amas/{}/edit", ama.slug),
        (None, true) => "/admin/amas".to_owned(),
        (None, false) => "/amas".to_owned(),
    };
    let (github, github_errors) = github_typed.unwrap_or_else(|| {
        let saved = GithubInput {
            repo: editing.and_then(|a| a.github_repo.clone()).unwrap_or_default(),
            login: editing.and_then(|a| a.github_login.clone()).unwrap_or_default(),
        };
        (saved, FieldErrors::new())
    });
    let view = FormPage {
        nav: page.nav().await,
        editing: editing.map(|a| ama_head(a, page.lang)),
        action,
        program_wide,
        input,
        errors,
        github,
        github_errors,
    };
    let status = if view.errors.is_empty() && view.github_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, view).into_response())
}

/// POST /amas/{slug}/github: links the AMA to a GitHub repository (or unlinks it, empty).
pub(super) async fn link_github(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
    Form(form): Form<GithubInput>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let linked = crate::ops::ama_github::link_repository(
        &state.ctx, &user.account, &slug, &form.repo, &form.login,
    )
    .await;
    match linked {
        Ok(()) => {
            page.flash(&Msg::new("ama-github-saved")).await;
            Ok(Redirect::to(&format!("/amas/{slug}/edit")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let ama = ops::for_edit(&state.ctx, &user.account, &slug).await?;
            let typed = Some((form, field_errors(&e, page.lang)));
            form_page(
                &page,
                Some(&ama),
                ama.program_wide,
                saved_input(&ama),
                FieldErrors::new(),
                typed,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct AmaForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    topics: String,
    #[serde(default)]
    anonymous_questions: Option<String>,
    #[serde(default)]
    time_zone: String,
}

impl AmaForm {
    fn input(self) -> AmaInput {
        AmaInput {
            title: self.title,
            description: self.description,
            topics: self.topics,
            anonymous_questions: self.anonymous_questions.is_some(),
            time_zone: self.time_zone,
        }
    }
}

/// GET /amas/new
pub(super) async fn new_form(page: PageCtx) -> Result<Response, PageError> {
    let name = page.signed_in()?.account.display_name.clone();
    let input = AmaInput {
        title: page.lang.msg(&Msg::new("ama-default-title").arg("name", name)),
        ..AmaInput::default()
    };
    form_page(&page, None, false, input, FieldErrors::new(), None).await
}

/// GET /admin/amas/new
pub(super) async fn new_program_form(page: PageCtx) -> Result<Response, PageError> {
    form_page(&page, None, true, AmaInput::default(), FieldErrors::new(), None).await
}

async fn open(
    state: &AppState,
    page: &PageCtx,
    form: AmaForm,
    program_wide: bool,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let input = form.input();
    match ops::open(&state.ctx, &user.account, &input, program_wide).await {
        Ok(slug) => {
            page.flash(&Msg::new("ama-opened")).await;
            Ok(Redirect::to(&ops::ama_path(&slug)).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            form_page(page, None, program_wide, input, errors, None).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /amas
pub(super) async fn create(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<AmaForm>,
) -> Result<Response, PageError> {
    open(&state, &page, form, false).await
}

/// POST /admin/amas
pub(super) async fn create_program(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<AmaForm>,
) -> Result<Response, PageError> {
    open(&state, &page, form, true).await
}

/// The AMA's fields as saved, for its edit form.
fn saved_input(ama: &AmaRow) -> AmaInput {
    AmaInput {
        title: ama.title.clone(),
        description: ama.description.clone(),
        topics: ama.topics.clone(),
        anonymous_questions: ama.anonymous_questions,
        time_zone: ama.time_zone.clone(),
    }
}

/// GET /amas/{slug}/edit
pub(super) async fn edit_form(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let ama = ops::for_edit(&state.ctx, &user.account, &slug).await?;
    form_page(&page, Some(&ama), ama.program_wide, saved_input(&ama), FieldErrors::new(), None)
        .await
}

/// POST /amas/{slug}/edit
pub(super) async fn edit(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
    Form(form): Form<AmaForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let input = form.input();
    match ops::edit(&state.ctx, &user.account, &slug, &input).await {
        Ok(()) => {
            page.flash(&Msg::new("ama-saved")).await;
            Ok(Redirect::to(&ops::ama_path(&slug)).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let ama = ops::for_edit(&state.ctx, &user.account, &slug).await?;
            let errors = field_errors(&e, page.lang);
            form_page(&page, Some(&ama), ama.program_wide, input, errors, None).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct StatusForm {
    #[serde(default)]
    status: String,
}

/// POST /amas/{slug}/status
pub(super) async fn set_status(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    ops::set_status(&state.ctx, &user.account, &slug, &form.status).await?;
    page.flash(&Msg::new("ama-status-saved")).await;
    Ok(Redirect::to(&ops::ama_path(&slug)).into_response())
}

// ------------------------------------------------------------------ an AMA's page

pub(super) struct TabView {
    href: String,
    label: String,
    current: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "ama/show.html")]
pub(super) struct ShowPage {
    nav: Nav,
    ama: AmaHead,
    canonical: String,
    description: String,
    is_host: bool,
    tabs: Vec<TabView>,
    /// (href, label, current) of the orders of open questions, on that tab.
    sorts: Vec<(String, String, bool)>,
    tag: Option<String>,
    search: String,
    searched: bool,
    list_label: String,
    questions: Vec<QuestionItem>,
    next: Option<String>,
    signed_in: bool,
    /// Whether the form asks for the name of someone who is not signed in.
    asks_name: bool,
    /// Whether the reader may ask (the AMA is open, and they are signed in or it takes
    /// questions from people who are not).
    may_ask: bool,
    /// Shown after someone who is not signed in asked.
    held_notice: bool,
    input: QuestionInput,
    errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct ShowParams {
    #[serde(default)]
    tab: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    after: String,
    #[serde(default)]
    asked: String,
}

fn href(slug: &str, pairs: &[(&str, &str)]) -> String {
    let pairs: Vec<(&str, &str)> = pairs.iter().copied().filter(|(_, v)| !v.is_empty()).collect();
    if pairs.is_empty() {
        return ops::ama_path(slug);
    }
    format!("{}?{}", ops::ama_path(slug), serde_urlencoded::to_string(pairs).unwrap_or_default())
}

async fn show_page(
    state: &AppState,
    page: &PageCtx,
    slug: &str,
    params: &ShowParams,
    input: QuestionInput,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let lang = page.lang;
    let reader = page.user.as_ref().map(|u| &u.account);
    let query = PageQuery {
        tab: params.tab.clone(),
        sort: params.sort.clone(),
        tag: params.tag.clone(),
        search: params.q.clone(),
        after: params.after.clone(),
    };
    let found = ops::page(&state.ctx, reader, slug, &query).await?;
    let zone = state.ctx.time_zone().await?;
    let tag = found.tag.clone().unwrap_or_default();
    let tabs = Tab::ALL
        .into_iter()
        .filter(|t| *t != Tab::Held || found.is_host)
        .map(|t| {
            let state = t.state();
            let count = found.counts.get(&state).copied().unwrap_or(0);
            let value = if t == Tab::Open { "" } else { state.as_str() };
            TabView {
                href: href(slug, &[("tab", value), ("tag", &tag)]),
                label: lang.t_num(&format!("ama-tab-{}", state.as_str()), "count", count),
                current: found.search.is_none() && t == found.tab,
            }
        })
        .collect();
    let sorts = if found.tab == Tab::Open && found.search.is_none() {
        // Votes is the default order, so its link carries no `sort`.
        [
            ("", lang.t("ama-sort-votes"), QuestionOrder::Votes),
            ("new", lang.t("ama-sort-new"), QuestionOrder::Newest),
        ]
        .into_iter()
        .map(|(value, label, order)| {
            (href(slug, &[("sort", value), ("tag", &tag)]), label, found.order == order)
        })
        .collect()
    } else {
        Vec::new()
    };
    let list_label = match (&found.search, &found.tag) {
        (Some(words), _) => lang.msg(&Msg::new("ama-search-results").arg("words", words.as_str())),
        (None, Some(tag)) => lang.msg(
            &Msg::new("ama-tagged-list")
                .arg("tag", tag.as_str())
                .arg("list", lang.t(&format!("ama-list-{}", found.tab.state().as_str()))),
        ),
        (None, None) => lang.t(&format!("ama-list-{}", found.tab.state().as_str())),
    };
    let next = found.next.as_ref().map(|after| {
        let tab = if found.tab == Tab::Open { "" } else { found.tab.state().as_str() };
        href(slug, &[("tab", tab), ("sort", &params.sort), ("tag", &tag), ("after", after)])
    });
    let signed_in = page.user.is_some();
    let open = found.status == plaudit_domain::AmaStatus::Open;
    let description = plain_summary(&found.ama.description, &found.ama.title);
    let view = ShowPage {
        nav: page.nav().await,
        canonical: state.ctx.link(&ops::ama_path(slug)),
        description,
        is_host: found.is_host,
        tabs,
        sorts,
        tag: found.tag.clone(),
        search: params.q.clone(),
        searched: found.search.is_some(),
        list_label,
        questions: found.questions.iter().map(|l| question_item(l, lang, &zone)).collect(),
        next,
        signed_in,
        asks_name: !signed_in,
        may_ask: open && (signed_in || found.ama.anonymous_questions),
        held_notice: params.asked == "held",
        input,
        errors,
        ama: ama_head(&found.ama, lang),
    };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, view).into_response())
}

/// The first words of a text a person wrote, as plain text for a page's description.
fn plain_summary(markdown_text: &str, fallback: &str) -> String {
    let words: String = markdown_text
        .chars()
        .filter(|c| !matches!(c, '#' | '*' | '_' | '`' | '>' | '[' | ']'))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        return fallback.to_owned();
    }
    if words.chars().count() <= 160 {
        return words;
    }
    let cut: String = words.chars().take(157).collect();
    format!("{}…", cut.trim_end())
}

/// GET /amas/{slug}
pub(super) async fn show(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
    Query(params): Query<ShowParams>,
) -> Result<Response, PageError> {
    show_page(&state, &page, &slug, &params, QuestionInput::default(), FieldErrors::new()).await
}

#[derive(Debug, Deserialize)]
pub(super) struct AskForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    name: String,
}

/// POST /amas/{slug}/questions
pub(super) async fn ask(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
    Form(form): Form<AskForm>,
) -> Result<Response, PageError> {
    let asker = page.user.as_ref().map(|u| &u.account);
    let input =
        QuestionInput { title: form.title, body: form.body, tags: form.tags, name: form.name };
    match ops::ask(&state.ctx, asker, &slug, &input).await {
        Ok(asked) if asked.held => {
            Ok(Redirect::to(&format!("{}?asked=held", ops::ama_path(&slug))).into_response())
        }
        Ok(asked) => {
            page.flash(&Msg::new("ama-asked")).await;
            Ok(Redirect::to(&ops::question_path(&slug, asked.id)).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            show_page(&state, &page, &slug, &ShowParams::default(), input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct SimilarParams {
    #[serde(default)]
    title: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "ama/similar.html")]
pub(super) struct SimilarFragment {
    lang: Lang,
    slug: String,
    questions: Vec<(i64, String, String)>,
}

/// GET /amas/{slug}/similar?title=…: questions like a title being typed, as a fragment the
/// ask form's script shows under the title (and a page of its own without the script).
pub(super) async fn similar(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
    Query(params): Query<SimilarParams>,
) -> Result<Response, PageError> {
    let lang = page.lang;
    let found = ops::similar(&state.ctx, &slug, &params.title).await?;
    let view = SimilarFragment {
        lang,
        questions: found
            .into_iter()
            .map(|q| (q.id, q.title, lang.t(&format!("ama-state-{}", q.state))))
            .collect(),
        slug,
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], view).into_response())
}

// ------------------------------------------------------------------ the host's answers

pub(super) struct AnsweredView {
    id: i64,
    title: String,
    asker: String,
    answered: String,
    parts: Vec<PartView>,
    tags: Vec<String>,
}

fn answered_view(a: &Answered, lang: Lang, zone: &ProgramTimeZone) -> AnsweredView {
    AnsweredView {
        id: a.question.id,
        title: a.question.title.clone(),
        asker: a.question.asker_name.clone(),
        answered: stored_day(lang, zone, a.question.answered_at.unwrap_or(a.question.created_at)),
        parts: part_views(&a.answer),
        tags: a.tags.clone(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "ama/answers.html")]
pub(super) struct AnswersPage {
    nav: Nav,
    ama: AmaHead,
    canonical: String,
    answered: Vec<AnsweredView>,
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct AfterParams {
    #[serde(default)]
    after: String,
}

/// GET /amas/{slug}/answers
pub(super) async fn answers(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
    Query(params): Query<AfterParams>,
) -> Result<Response, PageError> {
    let lang = page.lang;
    let found = ops::answers(&state.ctx, &slug, &params.after).await?;
    let zone = state.ctx.time_zone().await?;
    let view = AnswersPage {
        nav: page.nav().await,
        canonical: state.ctx.link(&format!("{}/answers", ops::ama_path(&slug))),
        answered: found.answered.iter().map(|a| answered_view(a, lang, &zone)).collect(),
        next: found.next.map(|after| {
            format!(
                "{}/answers?{}",
                ops::ama_path(&slug),
                serde_urlencoded::to_string([("after", after)]).unwrap_or_default()
            )
        }),
        ama: ama_head(&found.ama, lang),
    };
    Ok(view.into_response())
}

// ------------------------------------------------------------------ a question's page

pub(super) struct RevisionView {
    written: String,
    replaced: String,
    html: String,
}

/// A row of the host's answer form.
pub(super) struct PartRow {
    index: usize,
    part: String,
    body: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "ama/question.html")]
pub(super) struct QuestionPage {
    nav: Nav,
    ama: AmaHead,
    canonical: String,
    description: String,
    id: i64,
    title: String,
    asker: String,
    asked: String,
    body_html: String,
    state: String,
    state_code: String,
    decline_reason: Option<String>,
    votes: String,
    tags: Vec<String>,
    answered: Option<String>,
    edited: Option<String>,
    parts: Vec<PartView>,
    original: Option<AnsweredView>,
    revisions: Vec<RevisionView>,
    signed_in: bool,
    is_host: bool,
    voted: bool,
    following: bool,
    /// The host's answer form, rows filled with what is there or was typed.
    rows: Vec<PartRow>,
    preview: Vec<PartView>,
    decision: Decision,
    errors: FieldErrors,
}

/// What the host's forms carry back when they are shown again.
#[derive(Default)]
struct HostInput {
    rows: Option<Vec<PartInput>>,
    preview: bool,
    decision: Decision,
    errors: FieldErrors,
}

async fn question_page(
    state: &AppState,
    page: &PageCtx,
    slug: &str,
    id: i64,
    host: HostInput,
) -> Result<Response, PageError> {
    let lang = page.lang;
    let reader = page.user.as_ref().map(|u| &u.account);
    let found = ops::question(&state.ctx, reader, slug, id).await?;
    let zone = state.ctx.time_zone().await?;
    let q = &found.question;
    let typed = host.rows.clone();
    let rows: Vec<PartInput> = match typed {
        Some(rows) => rows,
        None if !found.answer.is_empty() => found
            .answer
            .iter()
            .map(|p| PartInput { part: p.question_part.clone(), body: p.body.clone() })
            .collect(),
        None if !found.parts.is_empty() => {
            found.parts.iter().map(|p| PartInput { part: p.clone(), body: String::new() }).collect()
        }
        None => vec![PartInput::default()],
    };
    let preview = if host.preview {
        rows.iter()
            .filter(|r| !r.body.trim().is_empty())
            .map(|r| PartView {
                quote: r.part.trim().to_owned(),
                body_html: markdown::render(&r.body),
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut form_rows: Vec<PartRow> = rows
        .into_iter()
        .enumerate()
        .map(|(index, r)| PartRow { index, part: r.part, body: r.body })
        .collect();
    // Room for one more part than there is.
    if form_rows.len() < MAX_PARTS && form_rows.iter().all(|r| !r.body.is_empty()) {
        form_rows.push(PartRow {
            index: form_rows.len(),
            part: String::new(),
            body: String::new(),
        });
    }
    let state_of = |q: &QuestionRow| q.state.parse().unwrap_or(AmaQuestionState::Open);
    let view = QuestionPage {
        nav: page.nav().await,
        canonical: state.ctx.link(&ops::question_path(slug, id)),
        description: plain_summary(&q.body, &q.title),
        id,
        title: q.title.clone(),
        asker: q.asker_name.clone(),
        asked: stored_day(lang, &zone, q.created_at),
        body_html: markdown::render(&q.body),
        state: lang.t(&format!("ama-state-{}", q.state)),
        state_code: q.state.clone(),
        decline_reason: q
            .decline_reason
            .clone()
            .filter(|_| state_of(q) == AmaQuestionState::Declined),
        votes: lang.t_num("ama-vote-count", "count", q.vote_count),
        tags: found.tags.clone(),
        answered: q.answered_at.map(|at| stored_day(lang, &zone, at)),
        edited: match (q.answered_at, q.answer_updated_at) {
            (Some(a), Some(u)) if !found.revisions.is_empty() && u > a => {
                Some(stored_day(lang, &zone, u))
            }
            _ => None,
        },
        parts: part_views(&found.answer),
        original: found.original.as_ref().map(|o| answered_view(o, lang, &zone)),
        revisions: found
            .revisions
            .iter()
            .map(|r| RevisionView {
                written: stored_day(lang, &zone, r.written_at),
                replaced: stored_day(lang, &zone, r.replaced_at),
                html: markdown::render(&r.answer),
            })
            .collect(),
        signed_in: page.user.is_some(),
        is_host: found.is_host,
        voted: found.voted,
        following: found.following,
        rows: form_rows,
        preview,
        decision: host.decision,
        errors: host.errors,
        ama: ama_head(&found.ama, lang),
    };
    let status =
        if view.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, view).into_response())
}

/// GET /amas/{slug}/questions/{id}
pub(super) async fn question(
    State(state): State<AppState>,
    page: PageCtx,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let response = question_page(&state, &page, &slug, id, HostInput::default()).await?;
    if response.status() == StatusCode::OK {
        state.ama_views.count(id);
    }
    Ok(response)
}

#[derive(Debug, Deserialize)]
pub(super) struct ToggleForm {
    #[serde(default)]
    on: String,
}

/// POST /amas/{slug}/questions/{id}/vote
pub(super) async fn vote(
    State(state): State<AppState>,
    page: PageCtx,
    Path((slug, id)): Path<(String, i64)>,
    Form(form): Form<ToggleForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    ops::vote(&state.ctx, &user.account, &slug, id, form.on == "1").await?;
    Ok(Redirect::to(&ops::question_path(&slug, id)).into_response())
}

/// POST /amas/{slug}/questions/{id}/follow
pub(super) async fn follow(
    State(state): State<AppState>,
    page: PageCtx,
    Path((slug, id)): Path<(String, i64)>,
    Form(form): Form<ToggleForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let on = form.on == "1";
    ops::follow(&state.ctx, &user.account, &slug, id, on).await?;
    let said = if on { Msg::new("ama-following") } else { Msg::new("ama-not-following") };
    page.flash(&said).await;
    Ok(Redirect::to(&ops::question_path(&slug, id)).into_response())
}

/// Reads the answer form's rows: `part_N` and `body_N` for N below [`MAX_PARTS`].
fn answer_rows(pairs: &[(String, String)]) -> Vec<PartInput> {
    let fields: HashMap<&str, &str> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    (0..MAX_PARTS + 1)
        .map(|n| PartInput {
            part: fields.get(format!("part_{n}").as_str()).copied().unwrap_or("").to_owned(),
            body: fields.get(format!("body_{n}").as_str()).copied().unwrap_or("").to_owned(),
        })
        .filter(|r| !r.part.trim().is_empty() || !r.body.trim().is_empty())
        .collect()
}

/// POST /amas/{slug}/questions/{id}/answer: saves the answer, or, with `preview`, shows it
/// rendered in the form without saving.
pub(super) async fn answer(
    State(state): State<AppState>,
    page: PageCtx,
    Path((slug, id)): Path<(String, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let rows = answer_rows(&pairs);
    if pairs.iter().any(|(k, _)| k == "preview") {
        // Only the host sees the form; the preview is theirs too.
        ops::for_edit(&state.ctx, &user.account, &slug).await?;
        let host = HostInput { rows: Some(rows), preview: true, ..HostInput::default() };
        return question_page(&state, &page, &slug, id, host).await;
    }
    match ops::answer(&state.ctx, &user.account, &slug, id, &rows).await {
        Ok(()) => {
            page.flash(&Msg::new("ama-answer-saved")).await;
            Ok(Redirect::to(&ops::question_path(&slug, id)).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let host = HostInput { rows: Some(rows), errors, ..HostInput::default() };
            question_page(&state, &page, &slug, id, host).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct DecisionForm {
    #[serde(default)]
    state: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    original: String,
}

/// POST /amas/{slug}/questions/{id}/decide
pub(super) async fn decide(
    State(state): State<AppState>,
    page: PageCtx,
    Path((slug, id)): Path<(String, i64)>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let decision = Decision { state: form.state, reason: form.reason, original: form.original };
    match ops::decide(&state.ctx, &user.account, &slug, id, &decision).await {
        Ok(()) => {
            page.flash(&Msg::new("ama-decision-saved")).await;
            Ok(Redirect::to(&ops::question_path(&slug, id)).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let host = HostInput { decision, errors, ..HostInput::default() };
            question_page(&state, &page, &slug, id, host).await
        }
        Err(e) => Err(e.into()),
    }
}

// ------------------------------------------------------------------ the feed

fn chrono_time(micros: i64) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::from_timestamp_micros(micros).unwrap_or_default().fixed_offset()
}

fn link(href: String, rel: &str, mime: &str) -> Link {
    Link { href, rel: rel.to_owned(), mime_type: Some(mime.to_owned()), ..Link::default() }
}

/// GET /amas/{slug}/feed.atom: the answered questions, newest answer first. An entry's id is
/// the question's address; `published` is when it was answered, `updated` when its answer
/// last changed, and its content the answer as the page renders it.
pub(super) async fn feed(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let ctx = &state.ctx;
    let lang = page.lang;
    let (ama, answered) = ops::feed(ctx, &slug, FEED_ENTRIES).await?;
    let self_href = ctx.link(&format!("{}/feed.atom", ops::ama_path(&slug)));
    let entries: Vec<Entry> = answered
        .iter()
        .map(|a| {
            let q = &a.question;
            let address = ctx.link(&ops::question_path(&slug, q.id));
            let published = chrono_time(q.answered_at.unwrap_or(q.created_at));
            let updated =
                chrono_time(q.answer_updated_at.or(q.answered_at).unwrap_or(q.created_at));
            let mut html = String::new();
            for part in &a.answer {
                if !part.question_part.is_empty() {
                    html.push_str("<blockquote><p>");
                    html.push_str(&html_escape(&part.question_part));
                    html.push_str("</p></blockquote>\n");
                }
                html.push_str(&markdown::render(&part.body));
            }
            Entry {
                id: address.clone(),
                title: Text::plain(q.title.clone()),
                updated,
                published: Some(published),
                authors: vec![Person { name: ama.host_name.clone(), ..Person::default() }],
                categories: a
                    .tags
                    .iter()
                    .map(|t| atom_syndication::Category { term: t.clone(), ..Default::default() })
                    .collect(),
                links: vec![link(address, "alternate", "text/html")],
                content: Some(Content {
                    value: Some(html),
                    content_type: Some("html".to_owned()),
                    ..Content::default()
                }),
                ..Entry::default()
            }
        })
        .collect();
    let updated =
        entries.iter().map(|e| e.updated).max().unwrap_or_else(|| chrono_time(ama.created_at));
    let feed = Feed {
        id: self_href.clone(),
        title: Text::plain(ama.title.clone()),
        subtitle: Some(Text::plain(
            lang.msg(&Msg::new("ama-feed-subtitle").arg("host", ama.host_name.as_str())),
        )),
        updated,
        authors: vec![Person { name: ama.host_name.clone(), ..Person::default() }],
        links: vec![
            link(self_href, "self", "application/atom+xml"),
            link(ctx.link(&ops::ama_path(&slug)), "alternate", "text/html"),
        ],
        lang: Some(lang.code().to_owned()),
        entries,
        ..Feed::default()
    };
    Ok(([(header::CONTENT_TYPE, ATOM)], feed.to_string()).into_response())
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

// ------------------------------------------------------------------ blog posts

#[derive(Debug, Deserialize)]
pub(super) struct DraftParams {
    #[serde(default)]
    draft: Option<String>,
}

/// `name` as a download, of `content_type`.
fn download(content_type: &'static str, name: &str, body: Vec<u8>) -> Response {
    // The names are a date and a slug (or the AMA's slug): ASCII letters, digits and hyphens.
    let disposition = format!("attachment; filename=\"{name}\"");
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// GET /amas/{slug}/questions/{id}/post.md: the answered question as a blog post, for its host.
pub(super) async fn post_file(
    State(state): State<AppState>,
    page: PageCtx,
    Path((slug, id)): Path<(String, i64)>,
    Query(params): Query<DraftParams>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let lang = user.account.lang.unwrap_or(page.lang);
    let draft = params.draft.is_some();
    let file = ops::blog_post(&state.ctx, Some(&user.account), &slug, id, draft, lang).await?;
    Ok(download("text/markdown; charset=utf-8", &file.name, file.contents.into_bytes()))
}

/// GET /amas/{slug}/posts.zip: every answered question as blog posts, for the host.
pub(super) async fn post_files(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
    Query(params): Query<DraftParams>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let lang = user.account.lang.unwrap_or(page.lang);
    let files =
        ops::blog_posts(&state.ctx, Some(&user.account), &slug, params.draft.is_some(), lang)
            .await?;
    let zip = crate::ops::ama::zip_posts(&files).map_err(crate::ops::OpError::internal)?;
    Ok(download("application/zip", &format!("{slug}-posts.zip"), zip))
}
