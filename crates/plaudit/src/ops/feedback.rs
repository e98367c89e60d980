//! Product feedback. An awardee files feedback to a product area (a title, a Markdown body, a
//! severity, and whether it is under NDA); the product team members of that area read it in
//! their queue, answer on the thread and move it through its states (new, acknowledged,
//! planned, shipped, won't do). Each side hears of the other's news by mail, and filing counts
//! as a contribution of type "product feedback" for its author, visible to the program only.
//!
//! A thread is read by its author, its area's team and admins; anyone else finds nothing
//! there. Feedback under NDA is marked on its page and in every mail about it, and its title
//! never leaves the thread: mails say only that there is news, and the contribution it
//! records is named after the area.

use jiff::Timestamp;
use plaudit_domain::contribution::ValidContribution;
use plaudit_domain::parse::Slug;
use plaudit_domain::{
    ContributionRole, ContributionSource, ContributionType, EmailAddress, FeedbackSeverity,
    FeedbackStatus, Role, Visibility,
};
use plaudit_store::Tx;
use plaudit_store::accounts::Contact;
use plaudit_store::feedback::{
    self as store, MessageRow, NewThread, ProductArea, QueueFilter, TeamMember, ThreadRow,
};

use super::accounts::{AccountView, Actor};
use super::audit::{AuditAction, record};
use super::error::{ErrorCode, Fields, OpError, invalid, parse_problem};
use super::{Ctx, enqueue_mail};
use crate::i18n::{Lang, Msg};
use crate::mail::Notice;

pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 20_000;
pub const AREA_NAME_MAX: usize = 80;
/// Threads on one page of a queue, and on the author's own list.
pub const PAGE_SIZE: i64 = 25;

/// The message that names a status in people's words.
pub fn status_message_id(status: FeedbackStatus) -> String {
    format!("feedback-status-{}", status.as_str())
}

/// The message that names a severity in people's words.
pub fn severity_message_id(severity: FeedbackSeverity) -> String {
    format!("feedback-severity-{}", severity.as_str())
}

/// Feedback as an awardee typed it.
#[derive(Debug, Clone, Default)]
pub struct FeedbackInput {
    /// The product area's id, as the form sends it.
    pub product_area: String,
    pub title: String,
    pub body: String,
    /// A [`FeedbackSeverity`] code.
    pub severity: String,
    pub under_nda: bool,
}

/// Who reads a thread, as far as it is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The awardee who filed it.
    Author,
    /// A member of its area's product team, or an admin.
    Team,
}

/// A thread with its messages, as one reader sees it.
#[derive(Debug, Clone)]
pub struct Thread {
    pub thread: ThreadRow,
    pub messages: Vec<MessageRow>,
    pub side: Side,
}

/// Which side of `thread` `account` is on, if any.
async fn side_of(
    ctx: &Ctx,
    account: &AccountView,
    thread: &ThreadRow,
) -> Result<Option<Side>, OpError> {
    if account.roles.admin {
        return Ok(Some(Side::Team));
    }
    if account.roles.product_team
        && store::areas_of(&ctx.db, account.account_id).await?.contains(&thread.product_area_id)
    {
        return Ok(Some(Side::Team));
    }
    Ok((thread.author_person_id == account.person_id).then_some(Side::Author))
}

async fn readable_thread(
    ctx: &Ctx,
    account: &AccountView,
    id: i64,
) -> Result<(ThreadRow, Side), OpError> {
    let thread = store::thread(&ctx.db, id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let side = side_of(ctx, account, &thread).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    Ok((thread, side))
}

/// One thread, when `account` may read it.
pub async fn thread(ctx: &Ctx, account: &AccountView, id: i64) -> Result<Thread, OpError> {
    let (thread, side) = readable_thread(ctx, account, id).await?;
    let messages = store::messages(&ctx.db, id).await?;
    Ok(Thread { thread, messages, side })
}

/// The awardee's own threads, most recently active first.
pub async fn mine(ctx: &Ctx, account: &AccountView) -> Result<Vec<ThreadRow>, OpError> {
    Ok(store::mine(&ctx.db, account.person_id, PAGE_SIZE * 4).await?)
}

/// Every product area, for the filing form and the admins' page.
pub async fn areas(ctx: &Ctx) -> Result<Vec<ProductArea>, OpError> {
    Ok(store::areas(&ctx.db).await?)
}

/// Files feedback; returns the thread's id.
pub async fn file(ctx: &Ctx, account: &AccountView, input: &FeedbackInput) -> Result<i64, OpError> {
    let mut fields = Fields::new();
    let areas = store::areas(&ctx.db).await?;
    let area = input
        .product_area
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| areas.iter().find(|a| a.id == id));
    if area.is_none() {
        fields.add("product_area", Msg::new("field-feedback-area-required"));
    }
    let title = input.title.trim();
    if title.is_empty() {
        fields.add("title", Msg::new("field-feedback-title-required"));
    } else if title.chars().count() > TITLE_MAX || title.contains(['\n', '\r']) {
        fields.add("title", Msg::new("field-text-too-long").arg("max", TITLE_MAX));
    }
    let body = input.body.trim();
    check_body(&mut fields, body, true);
    let severity = input.severity.trim().parse::<FeedbackSeverity>().ok();
    if severity.is_none() {
        fields.add("severity", Msg::new("field-feedback-severity-invalid"));
    }
    if input.under_nda && !super::announcements::reader(ctx, Some(account)).await?.nda {
        fields.add("under_nda", Msg::new("field-feedback-nda-not-accepted"));
    }
    fields.finish()?;
    let (Some(area), Some(severity)) = (area, severity) else {
        return Err(OpError::new(ErrorCode::ValidationFailed));
    };
    let now = ctx.now();
    let today = ctx.today().await?;
    let lang = account.lang.unwrap_or_default();
    let mut tx = ctx.db.begin_write().await?;
    let new = NewThread {
        author_person_id: account.person_id,
        product_area_id: area.id,
        title,
        severity: severity.as_str(),
        under_nda: input.under_nda,
    };
    let id = store::insert_thread(&mut tx, &new, now).await?;
    store::insert_message(&mut tx, id, account.account_id, false, body, now).await?;
    // Filing is a contribution; under NDA, it is named after the area, not the feedback.
    let contribution_title = if input.under_nda {
        lang.msg(&Msg::new("feedback-contribution-nda-title").arg("area", area.name.as_str()))
    } else {
        title.to_owned()
    };
    let contribution = ValidContribution {
        contribution_type: ContributionType::ProductFeedback,
        title: contribution_title
            .chars()
            .take(plaudit_domain::contribution::TITLE_MAX_CHARS)
            .collect(),
        description: String::new(),
        private_note: String::new(),
        started_on: today,
        ended_on: None,
        url: None,
        primary_area: None,
        areas: Vec::new(),
        audiences: Vec::new(),
        person_role: ContributionRole::Author,
        visibility: Visibility::ProgramOnly,
        high_impact: false,
        reach: Vec::new(),
    };
    let write = plaudit_store::contributions::Write {
        person_id: account.person_id,
        contribution: &contribution,
        primary_area_id: None,
        area_ids: &[],
        source: ContributionSource::ProductFeedback.as_str(),
    };
    let contribution_id = plaudit_store::contributions::insert(&mut tx, &write, now).await?;
    store::set_contribution(&mut tx, id, contribution_id).await?;
    super::standing::recompute_person(ctx, &mut tx, account.person_id).await?;
    super::directory::touched(&mut tx, account.person_id, now).await?;
    let detail = format!("area={} severity={}", area.slug, severity.as_str());
    record(
        &mut tx,
        Some(account.account_id),
        AuditAction::FeedbackFiled,
        ("feedback_thread", id),
        &detail,
        now,
    )
    .await?;
    let thread = Mentioned { id, title, area: &area.name, under_nda: input.under_nda };
    let notice = |_: Lang| {
        thread
            .notice(
                "feedback_filed",
                Msg::new("mail-feedback-filed-subject"),
                Msg::new("mail-feedback-filed-subject-nda"),
            )
            .paragraph(
                Msg::new("mail-feedback-filed-body")
                    .arg("author", account.display_name.as_str())
                    .arg("area", area.name.as_str()),
            )
    };
    let team = store::team_contacts(&mut tx, area.id, account.account_id).await?;
    tell(ctx, &mut tx, &team, &thread, notice, now).await?;
    tx.commit().await?;
    Ok(id)
}

fn check_body(fields: &mut Fields, body: &str, required: bool) {
    if body.is_empty() {
        if required {
            fields.add("body", Msg::new("field-feedback-body-required"));
        }
    } else if body.chars().count() > BODY_MAX {
        fields.add("body", Msg::new("field-text-too-long").arg("max", BODY_MAX));
    }
}

/// A reply on a thread: a message, and for the team a new state, or both.
#[derive(Debug, Clone, Default)]
pub struct ReplyInput {
    pub body: String,
    /// A [`FeedbackStatus`] code; empty or the current one to leave it. Only the team's is read.
    pub status: String,
}

/// Adds `account`'s reply to thread `id`, and tells the other side.
pub async fn reply(
    ctx: &Ctx,
    account: &AccountView,
    id: i64,
    input: &ReplyInput,
) -> Result<(), OpError> {
    let (thread, side) = readable_thread(ctx, account, id).await?;
    let body = input.body.trim();
    let typed_status = input.status.trim();
    let mut fields = Fields::new();
    let status = if side == Side::Team && !typed_status.is_empty() {
        match typed_status.parse::<FeedbackStatus>() {
            Ok(s) => Some(s).filter(|s| s.as_str() != thread.status),
            Err(_) => {
                fields.add("status", Msg::new("field-feedback-status-invalid"));
                None
            }
        }
    } else {
        None
    };
    check_body(&mut fields, body, status.is_none());
    fields.finish()?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if !body.is_empty() {
        store::insert_message(&mut tx, id, account.account_id, side == Side::Team, body, now)
            .await?;
    }
    if let Some(status) = status
        && store::set_status(&mut tx, id, status.as_str(), now).await?
    {
        let detail = format!("from={} to={}", thread.status, status.as_str());
        record(
            &mut tx,
            Some(account.account_id),
            AuditAction::FeedbackStatusChanged,
            ("feedback_thread", id),
            &detail,
            now,
        )
        .await?;
    }
    let mentioned = Mentioned {
        id,
        title: &thread.title,
        area: &thread.area_name,
        under_nda: thread.under_nda,
    };
    let author = account.display_name.as_str();
    let replied = !body.is_empty();
    let notice = |lang: Lang| {
        let mut notice = mentioned.notice(
            "feedback_reply",
            Msg::new("mail-feedback-reply-subject"),
            Msg::new("mail-feedback-reply-subject-nda"),
        );
        if replied {
            notice = notice.paragraph(Msg::new("mail-feedback-reply-body").arg("author", author));
        }
        if let Some(status) = status {
            let label = lang.t(&status_message_id(status));
            notice = notice.paragraph(Msg::new("mail-feedback-status-body").arg("status", label));
        }
        notice
    };
    let recipients = match side {
        Side::Team => store::author_contact(&mut tx, id).await?.into_iter().collect(),
        Side::Author => {
            store::team_contacts(&mut tx, thread.product_area_id, account.account_id).await?
        }
    };
    tell(ctx, &mut tx, &recipients, &mentioned, notice, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The thread a mail is about.
struct Mentioned<'a> {
    id: i64,
    title: &'a str,
    area: &'a str,
    under_nda: bool,
}

impl Mentioned<'_> {
    /// A notice about the thread: under NDA, the subject is marked and names the area only.
    fn notice(&self, kind: &'static str, subject: Msg, nda_subject: Msg) -> Notice {
        if self.under_nda {
            Notice::new(kind, nda_subject.arg("area", self.area))
        } else {
            Notice::new(kind, subject.arg("title", self.title))
        }
    }
}

/// Mails each of `to` the notice `build` makes in their language, with the thread's link and,
/// under NDA, the reminder that it is.
async fn tell(
    ctx: &Ctx,
    tx: &mut Tx,
    to: &[Contact],
    thread: &Mentioned<'_>,
    build: impl Fn(Lang) -> Notice,
    now: Timestamp,
) -> Result<(), OpError> {
    let link = ctx.link(&format!("/feedback/{}", thread.id));
    for contact in to {
        let lang = contact.language.as_deref().and_then(Lang::parse).unwrap_or_default();
        let mut notice = build(lang);
        if thread.under_nda {
            notice = notice.paragraph(Msg::new("mail-feedback-nda-note"));
        }
        let notice = notice.link(Msg::new("mail-feedback-link"), link.clone());
        enqueue_mail(ctx, tx, &notice, lang, &contact.email, now).await?;
    }
    Ok(())
}

/// What a queue is narrowed to, as the filter form sends it.
#[derive(Debug, Clone, Default)]
pub struct QueueQuery {
    pub area: String,
    pub status: String,
    pub severity: String,
    /// The cursor of the page: `updated_at.id` of the last thread of the one before.
    pub after: String,
}

/// A page of a queue.
#[derive(Debug, Clone)]
pub struct QueuePage {
    /// The areas the reader answers for (every area for admins).
    pub areas: Vec<ProductArea>,
    pub threads: Vec<ThreadRow>,
    /// The cursor of the next page, when there is one.
    pub next: Option<String>,
}

/// The queue of `account`'s areas (every area for admins), narrowed by `query`; what the
/// query names that is not one of the choices is left out rather than refused, as the
/// directory's filters are.
pub async fn queue(
    ctx: &Ctx,
    account: &AccountView,
    query: &QueueQuery,
) -> Result<QueuePage, OpError> {
    let all = store::areas(&ctx.db).await?;
    let mine = if account.roles.admin {
        None
    } else {
        Some(store::areas_of(&ctx.db, account.account_id).await?)
    };
    let areas: Vec<ProductArea> = match &mine {
        Some(ids) => all.into_iter().filter(|a| ids.contains(&a.id)).collect(),
        None => all,
    };
    let area = query.area.trim().parse::<i64>().ok().filter(|id| areas.iter().any(|a| a.id == *id));
    let status = query.status.trim().parse::<FeedbackStatus>().ok();
    let severity = query.severity.trim().parse::<FeedbackSeverity>().ok();
    let after = query
        .after
        .trim()
        .split_once('.')
        .and_then(|(at, id)| Some((at.parse::<i64>().ok()?, id.parse::<i64>().ok()?)));
    let filter = QueueFilter {
        areas: mine,
        area,
        status: status.map(|s| s.as_str().to_owned()),
        severity: severity.map(|s| s.as_str().to_owned()),
        after,
    };
    let mut threads = store::queue(&ctx.db, &filter, PAGE_SIZE + 1).await?;
    let more = threads.len() > PAGE_SIZE as usize;
    threads.truncate(PAGE_SIZE as usize);
    let next = threads.last().filter(|_| more).map(|t| format!("{}.{}", t.updated_at, t.id));
    Ok(QueuePage { areas, threads, next })
}

// ------------------------------------------------------------------ admins

/// Every area's team, for the admins' page.
pub async fn team(ctx: &Ctx) -> Result<Vec<TeamMember>, OpError> {
    Ok(store::team(&ctx.db).await?)
}

/// Adds a product area named `name`; returns its id.
pub async fn create_area(ctx: &Ctx, admin: i64, name: &str) -> Result<i64, OpError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(invalid("name", Msg::new("field-product-area-name-required")));
    }
    if name.chars().count() > AREA_NAME_MAX || name.chars().any(char::is_control) {
        return Err(invalid("name", Msg::new("field-text-too-long").arg("max", AREA_NAME_MAX)));
    }
    let slug = Slug::from_title(name);
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let id = match store::insert_area(&mut tx, slug.as_str(), name, now).await {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            return Err(invalid("name", Msg::new("field-product-area-taken")));
        }
        Err(e) => return Err(e.into()),
    };
    record(&mut tx, Some(admin), AuditAction::ProductAreaCreated, ("product_area", id), name, now)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Puts the account with address `email` on the area's team, granting it the product team
/// role when it lacks it.
pub async fn add_member(ctx: &Ctx, admin: i64, area_id: i64, email: &str) -> Result<(), OpError> {
    let email =
        EmailAddress::parse(email.trim()).map_err(|e| invalid("email", parse_problem(&e)))?;
    let account = plaudit_store::accounts::by_email(&ctx.db, &email.normalized())
        .await?
        .ok_or_else(|| invalid("email", Msg::new("field-product-team-no-account")))?;
    if !store::areas(&ctx.db).await?.iter().any(|a| a.id == area_id) {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    super::accounts::change_role(
        &mut tx,
        Actor::Account(admin),
        account.id,
        Role::ProductTeam,
        true,
        now,
    )
    .await?;
    if store::add_member(&mut tx, area_id, account.id).await? {
        let detail = format!("account={}", account.id);
        record(
            &mut tx,
            Some(admin),
            AuditAction::ProductTeamMemberAdded,
            ("product_area", area_id),
            &detail,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Takes the account off the area's team (its role stays: it may answer for other areas).
pub async fn remove_member(
    ctx: &Ctx,
    admin: i64,
    area_id: i64,
    account_id: i64,
) -> Result<(), OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if !store::remove_member(&mut tx, area_id, account_id).await? {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    let detail = format!("account={account_id}");
    record(
        &mut tx,
        Some(admin),
        AuditAction::ProductTeamMemberRemoved,
        ("product_area", area_id),
        &detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
