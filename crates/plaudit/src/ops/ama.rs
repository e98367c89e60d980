//! Ask me anything: an awardee hosts an ongoing AMA (admins host the program's own), people
//! ask and upvote, the host answers in Markdown (one part of a question at a time, if they
//! like), declines or marks duplicates, and an answered question counts as the host's "AMA
//! answers" contribution. Readers get the lists, a search of the archive and the host's
//! answers alone; followers hear by mail when a question is answered.
//!
//! Who may do what: anyone reads public questions; signed-in people ask, vote and follow
//! (people who are not signed in ask only where the host allows it, and such a question waits
//! for the host's approval); the host (and admins) answer and moderate.

use std::collections::{HashMap, HashSet};

use plaudit_domain::ama::{MAX_PARTS, MAX_TAGS, parse_tags, question_parts};
use plaudit_domain::contribution::TITLE_MAX_CHARS;
use plaudit_domain::directory::search_terms;
use plaudit_domain::{
    AmaQuestionState, AmaStatus, ContributionRole, ContributionSource, ContributionType,
    ContributionUrl, ReachMetric, Slug, ValidContribution, Visibility,
};
use plaudit_store::ama::{
    self as store, AmaFields, AmaRow, AnswerPart, ListedAma, Match, NewQuestion, QuestionCursor,
    QuestionList, QuestionOrder, QuestionRow, Revision, StateChange,
};
use plaudit_store::timestamp::to_micros;

use super::accounts::AccountView;
use super::audit::{AuditAction, record};
use super::error::{ErrorCode, Fields, OpError, invalid};
use super::{Ctx, enqueue_mail};
use crate::i18n::{Lang, Msg};
use crate::mail::Notice;

pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 20_000;
pub const NAME_MAX: usize = 100;
pub const REASON_MAX: usize = 500;
/// Questions on a page of a list.
pub const PAGE_SIZE: i64 = 30;
/// Answered questions on a page of the host's answers.
pub const ANSWERS_PAGE_SIZE: i64 = 10;
/// AMAs on a page of the list of AMAs.
pub const LISTING_SIZE: i64 = 30;
/// Questions a search shows.
const SEARCH_LIMIT: i64 = 50;
/// Questions suggested as similar to a title being typed.
const SIMILAR_LIMIT: i64 = 5;

/// The path of an AMA's page.
pub fn ama_path(slug: &str) -> String {
    format!("/amas/{slug}")
}

/// The path of a question's page: the AMA feed's entry id, the contribution's URL.
pub fn question_path(slug: &str, id: i64) -> String {
    format!("/amas/{slug}/questions/{id}")
}

/// The AMA's topics, in the host's order.
pub fn topics_of(ama: &AmaRow) -> Vec<String> {
    ama.topics.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// Whether `reader` hosts `ama` (admins moderate every AMA as its host would).
fn hosts(ama: &AmaRow, reader: Option<&AccountView>) -> bool {
    reader.is_some_and(|r| r.roles.admin || r.person_id == ama.host_person_id)
}

fn status_of(ama: &AmaRow) -> AmaStatus {
    ama.status.parse().unwrap_or(AmaStatus::Closed)
}

fn state_of(q: &QuestionRow) -> AmaQuestionState {
    q.state.parse().unwrap_or(AmaQuestionState::Declined)
}

async fn ama_at(ctx: &Ctx, slug: &str) -> Result<AmaRow, OpError> {
    store::by_slug(&ctx.db, slug).await?.ok_or(OpError::new(ErrorCode::NotFound))
}

/// The AMA at `slug`, for its host (or an admin) to change; anyone else finds nothing.
async fn hosted(ctx: &Ctx, account: &AccountView, slug: &str) -> Result<AmaRow, OpError> {
    let ama = ama_at(ctx, slug).await?;
    if !hosts(&ama, Some(account)) {
        return Err(OpError::new(ErrorCode::Forbidden));
    }
    Ok(ama)
}

// ------------------------------------------------------------------ the AMAs

/// A page of the AMAs that take or took questions, newest first.
#[derive(Debug, Clone)]
pub struct Listing {
    pub amas: Vec<ListedAma>,
    /// The `before` of the next page, when there is one.
    pub next: Option<i64>,
}

pub async fn listing(ctx: &Ctx, before: Option<i64>) -> Result<Listing, OpError> {
    let mut amas = store::listing(&ctx.db, before, LISTING_SIZE + 1).await?;
    let next = if amas.len() as i64 > LISTING_SIZE {
        amas.truncate(LISTING_SIZE as usize);
        amas.last().map(|a| a.ama.id)
    } else {
        None
    };
    Ok(Listing { amas, next })
}

/// The AMA `account` hosts, if any: their profile and account link to it.
pub async fn of_host(ctx: &Ctx, person_id: i64) -> Result<Option<AmaRow>, OpError> {
    Ok(store::of_host(&ctx.db, person_id).await?)
}

/// An AMA as its host types it.
#[derive(Debug, Clone, Default)]
pub struct AmaInput {
    pub title: String,
    pub description: String,
    pub topics: String,
    pub anonymous_questions: bool,
    /// An IANA time zone name; empty: the program's.
    pub time_zone: String,
}

/// An AMA's fields as checked: the topics as tags, comma-separated.
struct CheckedAma {
    title: String,
    description: String,
    topics: String,
    time_zone: String,
}

impl CheckedAma {
    fn fields(&self, anonymous_questions: bool) -> AmaFields<'_> {
        AmaFields {
            title: &self.title,
            description: &self.description,
            topics: &self.topics,
            anonymous_questions,
            time_zone: &self.time_zone,
        }
    }
}

fn check_ama(input: &AmaInput) -> Result<CheckedAma, OpError> {
    let mut fields = Fields::new();
    let title = input.title.trim();
    check_title(&mut fields, "title", title);
    let description = input.description.trim();
    check_length(&mut fields, "description", description, BODY_MAX);
    let topics = check_tags(&mut fields, "topics", &input.topics);
    let time_zone = input.time_zone.trim();
    if !time_zone.is_empty() && plaudit_domain::ProgramTimeZone::get(time_zone).is_err() {
        fields.add("time_zone", Msg::new("field-ama-time-zone-invalid").arg("value", time_zone));
    }
    fields.finish()?;
    Ok(CheckedAma {
        title: title.to_owned(),
        description: description.to_owned(),
        topics: topics.join(", "),
        time_zone: time_zone.to_owned(),
    })
}

fn check_length(fields: &mut Fields, field: &'static str, text: &str, max: usize) {
    if text.chars().count() > max {
        fields.add(field, Msg::new("field-text-too-long").arg("max", max));
    }
}

fn check_title(fields: &mut Fields, field: &'static str, title: &str) {
    if title.is_empty() {
        fields.add(field, Msg::new("field-ama-title-required"));
    } else if title.chars().count() > TITLE_MAX || title.chars().any(char::is_control) {
        fields.add(field, Msg::new("field-text-too-long").arg("max", TITLE_MAX));
    }
}

fn check_tags(fields: &mut Fields, field: &'static str, typed: &str) -> Vec<String> {
    match parse_tags(typed) {
        Ok(tags) if tags.len() > MAX_TAGS => {
            fields.add(field, Msg::new("field-ama-tags-too-many").arg("max", MAX_TAGS));
            Vec::new()
        }
        Ok(tags) => tags,
        Err(word) => {
            fields.add(field, Msg::new("field-ama-tag-invalid").arg("value", word.as_str()));
            Vec::new()
        }
    }
}

/// Opens an AMA: an awardee's own (one at a time; a closed one stays as an archive), or, for
/// an admin who asks for it, the program's. Returns its slug.
pub async fn open(
    ctx: &Ctx,
    account: &AccountView,
    input: &AmaInput,
    program_wide: bool,
) -> Result<String, OpError> {
    if program_wide && !account.roles.admin || !program_wide && !account.roles.awardee {
        return Err(OpError::new(ErrorCode::Forbidden));
    }
    let checked = check_ama(input)?;
    let hosting = store::of_host(&ctx.db, account.person_id).await?;
    if !program_wide && hosting.is_some_and(|a| status_of(&a) != AmaStatus::Closed) {
        return Err(invalid("title", Msg::new("field-ama-one-per-host")));
    }
    let fields = checked.fields(input.anonymous_questions);
    let base = if program_wide {
        Slug::from_title(&checked.title)
    } else {
        Slug::from_title(&account.display_name)
    };
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let mut slug = base.as_str().to_owned();
    let mut n = 1;
    while store::slug_taken(&mut tx, &slug).await? {
        n += 1;
        slug = format!("{}-{n}", base.as_str());
    }
    let id = store::insert(&mut tx, account.person_id, &slug, program_wide, &fields, now).await?;
    if !program_wide {
        // The host's profile names their AMA.
        super::directory::touched(&mut tx, account.person_id, now).await?;
    }
    let detail = format!("slug={slug} program_wide={program_wide}");
    record(&mut tx, Some(account.account_id), AuditAction::AmaOpened, ("ama", id), &detail, now)
        .await?;
    tx.commit().await?;
    Ok(slug)
}

/// Saves what the host changed of their AMA.
pub async fn edit(
    ctx: &Ctx,
    account: &AccountView,
    slug: &str,
    input: &AmaInput,
) -> Result<(), OpError> {
    let ama = hosted(ctx, account, slug).await?;
    let checked = check_ama(input)?;
    let fields = checked.fields(input.anonymous_questions);
    let mut tx = ctx.db.begin_write().await?;
    store::update(&mut tx, ama.id, &fields).await?;
    if !ama.program_wide {
        super::directory::touched(&mut tx, ama.host_person_id, ctx.now()).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Opens, pauses or closes the AMA at `slug`, recorded in the audit log.
pub async fn set_status(
    ctx: &Ctx,
    account: &AccountView,
    slug: &str,
    typed: &str,
) -> Result<(), OpError> {
    let ama = hosted(ctx, account, slug).await?;
    let status: AmaStatus =
        typed.parse().map_err(|_| invalid("status", Msg::new("field-ama-status-invalid")))?;
    if status == status_of(&ama) {
        return Ok(());
    }
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    store::set_status(&mut tx, ama.id, status.as_str()).await?;
    if !ama.program_wide {
        super::directory::touched(&mut tx, ama.host_person_id, now).await?;
    }
    let detail = format!("from={} to={}", ama.status, status.as_str());
    record(
        &mut tx,
        Some(account.account_id),
        AuditAction::AmaStatusChanged,
        ("ama", ama.id),
        &detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The AMA at `slug`, for its host's edit form.
pub async fn for_edit(ctx: &Ctx, account: &AccountView, slug: &str) -> Result<AmaRow, OpError> {
    hosted(ctx, account, slug).await
}

// ------------------------------------------------------------------ reading an AMA

/// Which of an AMA's lists a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Open questions, by votes or newest first.
    Open,
    Answered,
    Declined,
    Duplicate,
    /// Questions asked by people who were not signed in, waiting for the host.
    Held,
}

impl Tab {
    pub const ALL: [Tab; 5] = [Tab::Open, Tab::Answered, Tab::Declined, Tab::Duplicate, Tab::Held];

    pub fn state(self) -> AmaQuestionState {
        match self {
            Tab::Open => AmaQuestionState::Open,
            Tab::Answered => AmaQuestionState::Answered,
            Tab::Declined => AmaQuestionState::Declined,
            Tab::Duplicate => AmaQuestionState::Duplicate,
            Tab::Held => AmaQuestionState::Held,
        }
    }

    pub fn parse(typed: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.state().as_str() == typed)
    }
}

/// What a reader asks of an AMA's page.
#[derive(Debug, Clone, Default)]
pub struct PageQuery {
    /// A question state; empty: open.
    pub tab: String,
    /// `votes` (the default) or `new`, for open questions.
    pub sort: String,
    pub tag: String,
    /// Words to search the archive for; the lists give way to the results.
    pub search: String,
    /// `key.id` of the last question of the previous page.
    pub after: String,
}

/// A question as lists show it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub question: QuestionRow,
    pub tags: Vec<String>,
    /// Whether the reader voted for it.
    pub voted: bool,
}

/// An AMA's page as one reader sees it.
#[derive(Debug, Clone)]
pub struct AmaPage {
    pub ama: AmaRow,
    pub status: AmaStatus,
    pub is_host: bool,
    /// How many questions are in each state (held ones counted for the host only).
    pub counts: HashMap<AmaQuestionState, i64>,
    pub tab: Tab,
    pub order: QuestionOrder,
    pub tag: Option<String>,
    /// The words searched for, when the page is a search.
    pub search: Option<String>,
    pub questions: Vec<Listed>,
    pub next: Option<String>,
}

/// Reads a page cursor as its links write it, `key.id`, and nothing else (no sign, no space).
fn parse_after(after: &str) -> Result<Option<QuestionCursor>, OpError> {
    if after.is_empty() {
        return Ok(None);
    }
    let number = |text: &str| {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let plain = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        plain.then(|| text.parse::<i64>().ok()).flatten()
    };
    after
        .split_once('.')
        .and_then(|(key, id)| Some(QuestionCursor { key: number(key)?, id: number(id)? }))
        .map(Some)
        .ok_or_else(|| invalid("after", Msg::new("directory-cursor-invalid")))
}

async fn listed(
    ctx: &Ctx,
    reader: Option<&AccountView>,
    questions: Vec<QuestionRow>,
) -> Result<Vec<Listed>, OpError> {
    let ids: Vec<i64> = questions.iter().map(|q| q.id).collect();
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    for t in store::tags_of(&ctx.db, &ids).await? {
        tags.entry(t.question_id).or_default().push(t.tag);
    }
    let voted: HashSet<i64> = match reader {
        Some(r) => store::voted(&ctx.db, r.account_id, &ids).await?.into_iter().collect(),
        None => HashSet::new(),
    };
    Ok(questions
        .into_iter()
        .map(|q| Listed {
            tags: tags.remove(&q.id).unwrap_or_default(),
            voted: voted.contains(&q.id),
            question: q,
        })
        .collect())
}

/// The page of the AMA at `slug` that `query` asks for.
pub async fn page(
    ctx: &Ctx,
    reader: Option<&AccountView>,
    slug: &str,
    query: &PageQuery,
) -> Result<AmaPage, OpError> {
    let ama = ama_at(ctx, slug).await?;
    let is_host = hosts(&ama, reader);
    let tab = match query.tab.trim() {
        "" => Tab::Open,
        typed => {
            Tab::parse(typed).ok_or_else(|| invalid("tab", Msg::new("field-ama-tab-invalid")))?
        }
    };
    if tab == Tab::Held && !is_host {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    let order = match (tab, query.sort.trim()) {
        (Tab::Open, "" | "votes") => QuestionOrder::Votes,
        (Tab::Open, "new") | (Tab::Declined | Tab::Duplicate | Tab::Held, _) => {
            QuestionOrder::Newest
        }
        (Tab::Answered, _) => QuestionOrder::Answered,
        (Tab::Open, _) => return Err(invalid("sort", Msg::new("field-ama-sort-invalid"))),
    };
    let tag = Some(query.tag.trim().to_lowercase()).filter(|t| !t.is_empty());
    let counts = store::state_counts(&ctx.db, ama.id)
        .await?
        .into_iter()
        .filter_map(|(state, n)| Some((state.parse::<AmaQuestionState>().ok()?, n)))
        .filter(|(state, _)| state.is_public() || is_host)
        .collect();
    let terms = search_terms(&query.search);
    let (questions, next, search) = if terms.is_empty() {
        let after = parse_after(&query.after)?;
        let list = QuestionList {
            ama_id: ama.id,
            state: tab.state().as_str(),
            order,
            tag: tag.as_deref(),
            after,
        };
        let mut rows = store::questions(&ctx.db, &list, PAGE_SIZE + 1).await?;
        let next = if rows.len() as i64 > PAGE_SIZE {
            rows.truncate(PAGE_SIZE as usize);
            rows.last().map(|q| format!("{}.{}", order.key_of(q), q.id))
        } else {
            None
        };
        (rows, next, None)
    } else {
        let rows = store::search(&ctx.db, ama.id, &terms, Match::All, SEARCH_LIMIT).await?;
        (rows, None, Some(query.search.trim().to_owned()))
    };
    Ok(AmaPage {
        status: status_of(&ama),
        is_host,
        counts,
        tab,
        order,
        tag,
        search,
        questions: listed(ctx, reader, questions).await?,
        next,
        ama,
    })
}

/// An answered question with its answer, for the host's answers read like a blog.
#[derive(Debug, Clone)]
pub struct Answered {
    pub question: QuestionRow,
    pub tags: Vec<String>,
    pub answer: Vec<AnswerPart>,
}

/// A page of the host's answers, newest first.
#[derive(Debug, Clone)]
pub struct AnswersPage {
    pub ama: AmaRow,
    pub answered: Vec<Answered>,
    pub next: Option<String>,
}

pub async fn answers(ctx: &Ctx, slug: &str, after: &str) -> Result<AnswersPage, OpError> {
    let ama = ama_at(ctx, slug).await?;
    let after = parse_after(after)?;
    let list = QuestionList {
        ama_id: ama.id,
        state: AmaQuestionState::Answered.as_str(),
        order: QuestionOrder::Answered,
        tag: None,
        after,
    };
    let mut rows = store::questions(&ctx.db, &list, ANSWERS_PAGE_SIZE + 1).await?;
    let next = if rows.len() as i64 > ANSWERS_PAGE_SIZE {
        rows.truncate(ANSWERS_PAGE_SIZE as usize);
        rows.last().map(|q| format!("{}.{}", QuestionOrder::Answered.key_of(q), q.id))
    } else {
        None
    };
    Ok(AnswersPage { answered: with_answers(ctx, rows).await?, ama, next })
}

/// The questions `rows` with their tags and answers, read by key for the whole page.
pub(crate) async fn with_answers(
    ctx: &Ctx,
    rows: Vec<QuestionRow>,
) -> Result<Vec<Answered>, OpError> {
    let ids: Vec<i64> = rows.iter().map(|q| q.id).collect();
    let mut parts: HashMap<i64, Vec<AnswerPart>> = HashMap::new();
    for part in store::answers_of(&ctx.db, &ids).await? {
        parts.entry(part.question_id).or_default().push(part);
    }
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    for t in store::tags_of(&ctx.db, &ids).await? {
        tags.entry(t.question_id).or_default().push(t.tag);
    }
    Ok(rows
        .into_iter()
        .map(|q| Answered {
            answer: parts.remove(&q.id).unwrap_or_default(),
            tags: tags.remove(&q.id).unwrap_or_default(),
            question: q,
        })
        .collect())
}

/// The newest answered questions of an AMA with their answers, for its feed.
pub async fn feed(ctx: &Ctx, slug: &str, limit: i64) -> Result<(AmaRow, Vec<Answered>), OpError> {
    let ama = ama_at(ctx, slug).await?;
    let list = QuestionList {
        ama_id: ama.id,
        state: AmaQuestionState::Answered.as_str(),
        order: QuestionOrder::Answered,
        tag: None,
        after: None,
    };
    let rows = store::questions(&ctx.db, &list, limit).await?;
    Ok((ama, with_answers(ctx, rows).await?))
}

/// Questions of the AMA at `slug` like the title being typed, so the asker finds an answer
/// or adds their vote instead of asking again.
pub async fn similar(ctx: &Ctx, slug: &str, title: &str) -> Result<Vec<QuestionRow>, OpError> {
    let ama = ama_at(ctx, slug).await?;
    // Short words ("how", "do", "i") match everything; a title's meaning is in its longer ones.
    let terms: Vec<String> =
        search_terms(title).into_iter().filter(|t| t.chars().count() > 3).collect();
    Ok(store::search(&ctx.db, ama.id, &terms, Match::Any, SIMILAR_LIMIT).await?)
}

// ------------------------------------------------------------------ a question

/// A question's page as one reader sees it.
#[derive(Debug, Clone)]
pub struct QuestionPage {
    pub ama: AmaRow,
    pub question: QuestionRow,
    pub state: AmaQuestionState,
    pub tags: Vec<String>,
    pub answer: Vec<AnswerPart>,
    /// For a duplicate: the original, with its answer.
    pub original: Option<Answered>,
    pub is_host: bool,
    pub voted: bool,
    pub following: bool,
    /// The parts the host may answer one at a time (empty: answer it whole).
    pub parts: Vec<String>,
    /// The answer's earlier versions, newest first.
    pub revisions: Vec<Revision>,
}

/// The question `id` of the AMA at `slug`; a held question is the host's and its asker's.
pub async fn question(
    ctx: &Ctx,
    reader: Option<&AccountView>,
    slug: &str,
    id: i64,
) -> Result<QuestionPage, OpError> {
    let ama = ama_at(ctx, slug).await?;
    let is_host = hosts(&ama, reader);
    let q = store::question(&ctx.db, id)
        .await?
        .filter(|q| q.ama_id == ama.id)
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    let state = state_of(&q);
    let asker = reader.is_some_and(|r| Some(r.account_id) == q.asker_account_id);
    if !state.is_public() && !is_host && !asker {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    let original = match q.duplicate_of_id {
        Some(original_id) if state == AmaQuestionState::Duplicate => {
            let rows: Vec<QuestionRow> =
                store::question(&ctx.db, original_id).await?.into_iter().collect();
            with_answers(ctx, rows).await?.pop()
        }
        _ => None,
    };
    let (voted, following) = match reader {
        Some(r) => (
            !store::voted(&ctx.db, r.account_id, &[id]).await?.is_empty(),
            store::follows(&ctx.db, id, r.account_id).await?,
        ),
        None => (false, false),
    };
    Ok(QuestionPage {
        tags: store::tags_of(&ctx.db, &[id]).await?.into_iter().map(|t| t.tag).collect(),
        answer: store::answer(&ctx.db, id).await?,
        revisions: if is_host || state == AmaQuestionState::Answered {
            store::revisions(&ctx.db, id).await?
        } else {
            Vec::new()
        },
        parts: question_parts(&q.title, &q.body),
        original,
        is_host,
        voted,
        following,
        state,
        question: q,
        ama,
    })
}

/// A question as someone types it.
#[derive(Debug, Clone, Default)]
pub struct QuestionInput {
    pub title: String,
    pub body: String,
    pub tags: String,
    /// The name of someone who is not signed in.
    pub name: String,
}

/// Where an asked question went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asked {
    pub id: i64,
    /// Whether it waits for the host's approval.
    pub held: bool,
}

/// Asks the AMA at `slug` a question: signed in, it is public at once; not signed in (where
/// the host allows it), it waits for the host.
pub async fn ask(
    ctx: &Ctx,
    asker: Option<&AccountView>,
    slug: &str,
    input: &QuestionInput,
) -> Result<Asked, OpError> {
    let ama = ama_at(ctx, slug).await?;
    if status_of(&ama) != AmaStatus::Open || asker.is_none() && !ama.anonymous_questions {
        return Err(OpError::new(ErrorCode::AmaNotTakingQuestions));
    }
    let mut fields = Fields::new();
    let title = input.title.trim();
    check_title(&mut fields, "title", title);
    let body = input.body.trim();
    check_length(&mut fields, "body", body, BODY_MAX);
    let tags = check_tags(&mut fields, "tags", &input.tags);
    let name = input.name.trim();
    if asker.is_none() {
        if name.is_empty() {
            fields.add("name", Msg::new("field-ama-name-required"));
        } else if name.chars().count() > NAME_MAX || name.chars().any(char::is_control) {
            fields.add("name", Msg::new("field-text-too-long").arg("max", NAME_MAX));
        }
    }
    fields.finish()?;
    let held = asker.is_none();
    let state = if held { AmaQuestionState::Held } else { AmaQuestionState::Open };
    let new = NewQuestion {
        ama_id: ama.id,
        asker_account_id: asker.map(|a| a.account_id),
        asker_name: if held { name } else { "" },
        title,
        body,
        state: state.as_str(),
    };
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let id = store::insert_question(&mut tx, &new, now).await?;
    store::set_tags(&mut tx, id, &tags).await?;
    store::set_search(&mut tx, id, &format!("{title} {body}")).await?;
    if let Some(asker) = asker {
        // The asker hears of the answer as a follower does.
        store::set_following(&mut tx, id, asker.account_id, true, now).await?;
    }
    tx.commit().await?;
    Ok(Asked { id, held })
}

/// The public question `id` of the AMA at `slug`.
async fn public_question(ctx: &Ctx, slug: &str, id: i64) -> Result<(AmaRow, QuestionRow), OpError> {
    let ama = ama_at(ctx, slug).await?;
    let q = store::question(&ctx.db, id)
        .await?
        .filter(|q| q.ama_id == ama.id && state_of(q).is_public())
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    Ok((ama, q))
}

/// Adds or takes back `account`'s vote (one per person).
pub async fn vote(
    ctx: &Ctx,
    account: &AccountView,
    slug: &str,
    id: i64,
    up: bool,
) -> Result<(), OpError> {
    public_question(ctx, slug, id).await?;
    let mut tx = ctx.db.begin_write().await?;
    if up {
        store::vote(&mut tx, id, account.account_id, ctx.now()).await?;
    } else {
        store::unvote(&mut tx, id, account.account_id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Follows the question (mail when it is answered), or stops.
pub async fn follow(
    ctx: &Ctx,
    account: &AccountView,
    slug: &str,
    id: i64,
    on: bool,
) -> Result<(), OpError> {
    public_question(ctx, slug, id).await?;
    let mut tx = ctx.db.begin_write().await?;
    store::set_following(&mut tx, id, account.account_id, on, ctx.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// One part of an answer as the host types it.
#[derive(Debug, Clone, Default)]
pub struct PartInput {
    /// The part of the question it takes; empty for the whole question.
    pub part: String,
    pub body: String,
}

/// An answer as Markdown, its parts quoted: how the revision history keeps it, and how a
/// blog post writes it.
pub fn answer_markdown<'a>(parts: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (part, body) in parts {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        if !part.is_empty() {
            for line in part.lines() {
                out.push_str("> ");
                out.push_str(line);
                out.push('\n');
            }
            out.push('\n');
        }
        out.push_str(body.trim());
    }
    out
}

/// Answers (or edits the answer to) question `id`: the host, in one or several parts. The
/// first answer makes it the host's contribution and tells its followers; an edit keeps the
/// words it replaces in the history.
pub async fn answer(
    ctx: &Ctx,
    account: &AccountView,
    slug: &str,
    id: i64,
    parts: &[PartInput],
) -> Result<(), OpError> {
    let ama = hosted(ctx, account, slug).await?;
    let typed: Vec<(&str, &str)> = parts
        .iter()
        .map(|p| (p.part.trim(), p.body.trim()))
        .filter(|(part, body)| !part.is_empty() || !body.is_empty())
        .collect();
    let mut fields = Fields::new();
    if typed.iter().all(|(_, body)| body.is_empty()) {
        fields.add("answer", Msg::new("field-ama-answer-required"));
    } else if typed.len() > MAX_PARTS {
        fields.add("answer", Msg::new("field-ama-too-many-parts").arg("max", MAX_PARTS));
    } else if typed.iter().any(|(_, body)| body.is_empty()) {
        fields.add("answer", Msg::new("field-ama-part-unanswered"));
    } else if typed
        .iter()
        .any(|(part, body)| body.chars().count() > BODY_MAX || part.chars().count() > TITLE_MAX * 5)
    {
        fields.add("answer", Msg::new("field-text-too-long").arg("max", BODY_MAX));
    }
    fields.finish()?;
    let now = ctx.now();
    let at = to_micros(now);
    let lang = account.lang.unwrap_or_default();
    let mut tx = ctx.db.begin_write().await?;
    let q = store::question_in(&mut tx, id)
        .await?
        .filter(|q| q.ama_id == ama.id)
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    let before = store::answer_in(&mut tx, id).await?;
    let first = q.answered_at.is_none() || before.is_empty();
    if !first {
        let old =
            answer_markdown(before.iter().map(|p| (p.question_part.as_str(), p.body.as_str())));
        let new = answer_markdown(typed.iter().copied());
        if old == new {
            tx.commit().await?;
            return Ok(());
        }
        let written = before.iter().map(|p| p.updated_at).max().unwrap_or(at);
        store::insert_revision(&mut tx, id, &old, written, now).await?;
    }
    let answered_at = q.answered_at.unwrap_or(at);
    store::replace_answer(&mut tx, id, &typed, answered_at, now).await?;
    let change = StateChange {
        state: AmaQuestionState::Answered.as_str(),
        duplicate_of_id: None,
        decline_reason: None,
        answered_at: Some(answered_at),
        answer_updated_at: Some(at),
    };
    store::set_state(&mut tx, id, &change).await?;
    let words: String = typed.iter().map(|(p, b)| format!(" {p} {b}")).collect();
    store::set_search(&mut tx, id, &format!("{} {}{words}", q.title, q.body)).await?;
    if !ama.program_wide && q.contribution_id.is_none() {
        let contribution = answered_contribution(ctx, &ama, &q, ctx.today().await?)?;
        let write = plaudit_store::contributions::Write {
            person_id: ama.host_person_id,
            contribution: &contribution,
            primary_area_id: None,
            area_ids: &[],
            source: ContributionSource::Ama.as_str(),
        };
        let contribution_id = plaudit_store::contributions::insert(&mut tx, &write, now).await?;
        store::set_contribution(&mut tx, id, contribution_id).await?;
        super::standing::recompute_person(ctx, &mut tx, ama.host_person_id).await?;
        super::directory::touched(&mut tx, ama.host_person_id, now).await?;
    }
    if first {
        let link = ctx.link(&question_path(&ama.slug, id));
        for contact in store::followers(&mut tx, id, account.account_id).await? {
            let to_lang = contact.language.as_deref().and_then(Lang::parse).unwrap_or(lang);
            let notice = Notice::new(
                "ama_answered",
                Msg::new("mail-ama-answered-subject").arg("title", q.title.as_str()),
            )
            .paragraph(
                Msg::new("mail-ama-answered-body")
                    .arg("host", ama.host_name.as_str())
                    .arg("title", q.title.as_str()),
            )
            .link(Msg::new("mail-ama-answered-link"), link.clone());
            enqueue_mail(ctx, &mut tx, &notice, to_lang, &contact.email, now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The "AMA answers" contribution an answered question becomes: public, at the question's
/// address, its reach the question's views.
pub(crate) fn answered_contribution(
    ctx: &Ctx,
    ama: &AmaRow,
    q: &QuestionRow,
    today: jiff::civil::Date,
) -> Result<ValidContribution, OpError> {
    let address = ctx.link(&question_path(&ama.slug, q.id));
    let canonical = plaudit_domain::CanonicalUrl::parse(&address).map_err(OpError::internal)?;
    Ok(ValidContribution {
        contribution_type: ContributionType::AmaAnswers,
        title: q.title.chars().take(TITLE_MAX_CHARS).collect(),
        description: String::new(),
        private_note: String::new(),
        started_on: today,
        ended_on: None,
        url: Some(ContributionUrl { typed: address, canonical }),
        primary_area: None,
        areas: Vec::new(),
        audiences: Vec::new(),
        person_role: ContributionRole::Author,
        visibility: Visibility::Public,
        high_impact: false,
        reach: vec![(ReachMetric::Views, q.view_count.max(0) as u64)],
    })
}

/// What the host decides about a question other than answering it.
#[derive(Debug, Clone, Default)]
pub struct Decision {
    /// `open` (reopen, or approve a held question), `declined` or `duplicate`.
    pub state: String,
    pub reason: String,
    /// For a duplicate: the original's id, or its address.
    pub original: String,
}

/// Reads a question's id from its number or its address (`…/questions/42`).
fn question_id_in(typed: &str) -> Option<i64> {
    let typed = typed.trim().trim_end_matches('/');
    let last = typed.rsplit('/').next().unwrap_or(typed);
    last.trim_start_matches('#').parse().ok()
}

/// Reopens, approves, declines or marks as a duplicate question `id`, recorded in the audit
/// log. An answered question keeps its answer: it is not declined afterwards.
pub async fn decide(
    ctx: &Ctx,
    account: &AccountView,
    slug: &str,
    id: i64,
    decision: &Decision,
) -> Result<(), OpError> {
    let ama = hosted(ctx, account, slug).await?;
    let to = match decision.state.trim() {
        "open" => AmaQuestionState::Open,
        "declined" => AmaQuestionState::Declined,
        "duplicate" => AmaQuestionState::Duplicate,
        _ => return Err(invalid("state", Msg::new("field-ama-state-invalid"))),
    };
    let reason = decision.reason.trim();
    let mut fields = Fields::new();
    check_length(&mut fields, "reason", reason, REASON_MAX);
    let original = if to == AmaQuestionState::Duplicate {
        match question_id_in(&decision.original) {
            Some(original) if original != id => Some(original),
            _ => {
                fields.add("original", Msg::new("field-ama-original-invalid"));
                None
            }
        }
    } else {
        None
    };
    fields.finish()?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let q = store::question_in(&mut tx, id)
        .await?
        .filter(|q| q.ama_id == ama.id)
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    let from = state_of(&q);
    if from == AmaQuestionState::Answered {
        return Err(OpError::new(ErrorCode::IllegalTransition)
            .arg("from", from.as_str())
            .arg("event", to.as_str()));
    }
    if let Some(original) = original {
        let found = store::question_in(&mut tx, original).await?;
        // The original is a public question of the same AMA, and not itself a duplicate.
        let fits = found.as_ref().is_some_and(|o| {
            o.ama_id == ama.id
                && state_of(o).is_public()
                && state_of(o) != AmaQuestionState::Duplicate
        });
        if !fits {
            return Err(invalid("original", Msg::new("field-ama-original-invalid")));
        }
    }
    if from == to && q.duplicate_of_id == original {
        tx.commit().await?;
        return Ok(());
    }
    let change = StateChange {
        state: to.as_str(),
        duplicate_of_id: original,
        decline_reason: (to == AmaQuestionState::Declined && !reason.is_empty()).then_some(reason),
        answered_at: None,
        answer_updated_at: None,
    };
    store::set_state(&mut tx, id, &change).await?;
    let mut detail = format!("from={} to={}", from.as_str(), to.as_str());
    if let Some(original) = original {
        detail.push_str(&format!(" original={original}"));
    }
    record(
        &mut tx,
        Some(account.account_id),
        AuditAction::AmaQuestionStateChanged,
        ("ama_question", id),
        &detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ------------------------------------------------------------------ views

/// Views of question pages counted in memory, never who viewed, and added to the questions
/// (and the host's contributions' reach) every few seconds, so a page view writes nothing.
#[derive(Debug, Default)]
pub struct ViewTally(std::sync::Mutex<HashMap<i64, i64>>);

/// How often a server writes the views it counted.
pub const VIEW_FLUSH_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

impl ViewTally {
    pub fn count(&self, question_id: i64) {
        if let Ok(mut tally) = self.0.lock() {
            *tally.entry(question_id).or_default() += 1;
        }
    }

    /// Writes the views counted since the last time; kept for the next try when the write
    /// fails.
    pub async fn flush(&self, ctx: &Ctx) -> Result<(), OpError> {
        let counted: Vec<(i64, i64)> = match self.0.lock() {
            Ok(mut tally) => tally.drain().collect(),
            Err(_) => return Ok(()),
        };
        if counted.is_empty() {
            return Ok(());
        }
        let written = async {
            let mut tx = ctx.db.begin_write().await?;
            store::add_views(&mut tx, &counted).await?;
            tx.commit().await?;
            Ok::<_, OpError>(())
        }
        .await;
        if written.is_err()
            && let Ok(mut tally) = self.0.lock()
        {
            for (id, n) in counted {
                *tally.entry(id).or_default() += n;
            }
        }
        written
    }

    /// Flushes every [`VIEW_FLUSH_EVERY`] until `stop` resolves, then once more.
    pub async fn run(
        self: std::sync::Arc<Self>,
        ctx: Ctx,
        stop: impl std::future::Future<Output = ()>,
    ) {
        tokio::pin!(stop);
        let mut every = tokio::time::interval(VIEW_FLUSH_EVERY);
        loop {
            tokio::select! {
                _ = every.tick() => {}
                () = &mut stop => break,
            }
            if let Err(e) = self.flush(&ctx).await {
                tracing::warn!(error = ?e, "question views could not be written; kept for later");
            }
        }
        let _ = self.flush(&ctx).await;
    }
}

// ------------------------------------------------------------------ blog posts

/// An answered question as a blog post file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostFile {
    /// `YYYY-MM-DD-slug.md`.
    pub name: String,
    pub contents: String,
}

/// Answered questions read per query when every one is exported.
const EXPORT_BATCH: i64 = 200;

/// The time zone the AMA's posts are dated in: the host's, else the program's.
async fn posts_time_zone(ctx: &Ctx, ama: &AmaRow) -> Result<jiff::tz::TimeZone, OpError> {
    if let Ok(zone) = jiff::tz::TimeZone::get(&ama.time_zone) {
        return Ok(zone);
    }
    Ok(ctx.time_zone().await?.time_zone().clone())
}

/// The blog post of one answered question, its words in `lang`.
fn post_file(
    ctx: &Ctx,
    ama: &AmaRow,
    answered: &Answered,
    zone: &jiff::tz::TimeZone,
    lang: Lang,
    draft: bool,
) -> Result<PostFile, OpError> {
    let q = &answered.question;
    let url = ctx.link(&question_path(&ama.slug, q.id));
    // What people wrote goes through `exportable`: a blog's renderer may run raw HTML and any
    // link, where Plaudit's own pages never would.
    let title = crate::markdown::escape_inline(&q.title);
    let mut asked = String::new();
    for line in [title.as_str(), ""].into_iter().chain(q.body.lines()) {
        asked.push_str(if line.is_empty() { ">" } else { "> " });
        asked.push_str(line);
        asked.push('\n');
    }
    let answer = answer_markdown(
        answered.answer.iter().map(|p| (p.question_part.as_str(), p.body.as_str())),
    );
    let mut body = crate::markdown::exportable(&format!("{asked}\n{answer}"));
    body.push_str("\n\n");
    body.push_str(
        &lang.msg(
            &Msg::new("ama-post-link")
                .arg("name", crate::markdown::escape_inline(&q.asker_name))
                .arg("ama", crate::markdown::escape_inline(&ama.title))
                .arg("url", url.as_str()),
        ),
    );
    body.push('\n');
    let title = lang.msg(&Msg::new("ama-post-title").arg("title", q.title.as_str()));
    let answered_at = q.answered_at.ok_or(OpError::new(ErrorCode::NotFound))?;
    let post = plaudit_domain::ama::blog_post::BlogPost {
        title: &title,
        question_title: &q.title,
        answered_at: plaudit_store::timestamp::from_micros(answered_at)?,
        time_zone: zone,
        tags: &answered.tags,
        draft,
        question_url: &url,
        body: &body,
    };
    Ok(PostFile { name: post.file_name(), contents: post.to_markdown() })
}

/// The AMA at `slug` for its host to export, or for the command line (no account).
async fn exported(ctx: &Ctx, account: Option<&AccountView>, slug: &str) -> Result<AmaRow, OpError> {
    match account {
        Some(account) => hosted(ctx, account, slug).await,
        None => ama_at(ctx, slug).await,
    }
}

/// The answered question `id` of the AMA at `slug` as a blog post in `lang`, for its host (or,
/// with no account, the command line).
pub async fn blog_post(
    ctx: &Ctx,
    account: Option<&AccountView>,
    slug: &str,
    id: i64,
    draft: bool,
    lang: Lang,
) -> Result<PostFile, OpError> {
    let ama = exported(ctx, account, slug).await?;
    let rows: Vec<QuestionRow> = store::question(&ctx.db, id)
        .await?
        .filter(|q| q.ama_id == ama.id && state_of(q) == AmaQuestionState::Answered)
        .into_iter()
        .collect();
    let answered = with_answers(ctx, rows).await?.pop().ok_or(OpError::new(ErrorCode::NotFound))?;
    let zone = posts_time_zone(ctx, &ama).await?;
    post_file(ctx, &ama, &answered, &zone, lang, draft)
}

/// Every answered question of the AMA at `slug` as blog posts, newest answer first, for its
/// host (or, with no account, the command line).
pub async fn blog_posts(
    ctx: &Ctx,
    account: Option<&AccountView>,
    slug: &str,
    draft: bool,
    lang: Lang,
) -> Result<Vec<PostFile>, OpError> {
    let ama = exported(ctx, account, slug).await?;
    let zone = posts_time_zone(ctx, &ama).await?;
    let mut files = Vec::new();
    let mut after = None;
    loop {
        let list = QuestionList {
            ama_id: ama.id,
            state: AmaQuestionState::Answered.as_str(),
            order: QuestionOrder::Answered,
            tag: None,
            after,
        };
        let rows = store::questions(&ctx.db, &list, EXPORT_BATCH).await?;
        let Some(last) = rows.last() else { break };
        after = Some(QuestionCursor { key: QuestionOrder::Answered.key_of(last), id: last.id });
        let full = rows.len() as i64 == EXPORT_BATCH;
        for answered in with_answers(ctx, rows).await? {
            let mut file = post_file(ctx, &ama, &answered, &zone, lang, draft)?;
            // The same title answered twice on one day: the second file takes the question's
            // number, so neither overwrites the other.
            if files.iter().any(|f: &PostFile| f.name == file.name) {
                file.name =
                    format!("{}-{}.md", file.name.trim_end_matches(".md"), answered.question.id);
            }
            files.push(file);
        }
        if !full {
            break;
        }
    }
    Ok(files)
}

/// `files` as a zip archive, each under `_posts/` (where Jekyll looks; Hugo takes them from any
/// content folder).
pub fn zip_posts(files: &[PostFile]) -> Result<Vec<u8>, zip::result::ZipError> {
    use std::io::Write;
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for file in files {
        archive.start_file(format!("_posts/{}", file.name), options)?;
        archive.write_all(file.contents.as_bytes())?;
    }
    Ok(archive.finish()?.into_inner())
}
