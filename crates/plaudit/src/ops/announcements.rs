//! Announcements and the NDA. Admins publish announcements for everyone, for awardees, or under
//! NDA (for awardees who accepted the NDA's current version), each with an optional embargo
//! day when it becomes public; and they publish NDA versions, each of which awardees accept
//! anew. What a reader is shown is decided here, once, from who they are:
//!
//! - anyone: what is public now;
//! - an awardee: also what is for awardees;
//! - an awardee who accepted the current NDA: also what is under NDA.
//!
//! An awardee who has not accepted the current version learns how many announcements under
//! NDA wait for them, never what they are called.

use jiff::Timestamp;
use jiff::civil::Date;
use plaudit_domain::parse::Slug;
use plaudit_store::announcements::{self as store, AnnouncementRow, NdaVersion, NewAnnouncement};

use super::accounts::AccountView;
use super::audit::{AuditAction, record};
use super::error::{ErrorCode, Fields, OpError};
use super::{Ctx, enqueue_mail};
use crate::i18n::{Lang, Msg};
use crate::jobs::{AnnouncementMail, Enqueue, Job};
use crate::mail::Notice;

pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 20_000;
pub const VERSION_MAX: usize = 40;
/// How many announcements a list or feed shows.
pub const LIST_LIMIT: i64 = 50;

/// Who reads announcements, as far as they are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reader {
    pub awardee: bool,
    /// An awardee who accepted the NDA's current version.
    pub nda: bool,
}

/// What `account` may read; a visitor (None) reads what is public, and admins, who write
/// them, read everything.
pub async fn reader(ctx: &Ctx, account: Option<&AccountView>) -> Result<Reader, OpError> {
    if account.is_some_and(|a| a.roles.admin) {
        return Ok(Reader { awardee: true, nda: true });
    }
    let Some(account) = account.filter(|a| a.roles.awardee) else {
        return Ok(Reader::default());
    };
    let nda = match store::current_nda(&ctx.db).await? {
        Some(current) => {
            store::accepted_at(&ctx.db, account.person_id, current.id).await?.is_some()
        }
        None => false,
    };
    Ok(Reader { awardee: true, nda })
}

/// Whether `reader` may read `a` at `now`.
pub fn readable(a: &AnnouncementRow, reader: Reader, now: Timestamp) -> bool {
    let public = a.public_at.is_some_and(|at| at <= now.as_microsecond());
    public || (a.under_nda && reader.nda) || (a.awardees_only && !a.under_nda && reader.awardee)
}

/// Whether `a` is shown to `reader` as NDA content (under NDA and not public yet).
pub fn shown_under_nda(a: &AnnouncementRow, now: Timestamp) -> bool {
    a.under_nda && a.public_at.is_none_or(|at| at > now.as_microsecond())
}

/// The announcements list as one reader sees it.
#[derive(Debug, Clone)]
pub struct AnnouncementList {
    pub items: Vec<AnnouncementRow>,
    /// Announcements under NDA the reader could read after accepting the current NDA.
    pub waiting_under_nda: i64,
}

pub async fn list(ctx: &Ctx, reader: Reader) -> Result<AnnouncementList, OpError> {
    let now = ctx.now();
    let items = if reader.awardee {
        store::for_member(&ctx.db, now, reader.awardee, reader.nda, LIST_LIMIT).await?
    } else {
        store::public(&ctx.db, now, LIST_LIMIT).await?
    };
    let waiting_under_nda =
        if reader.awardee && !reader.nda { store::hidden_nda(&ctx.db, now).await? } else { 0 };
    Ok(AnnouncementList { items, waiting_under_nda })
}

/// The announcements public now, newest first: the public list and the feed.
pub async fn public(ctx: &Ctx) -> Result<Vec<AnnouncementRow>, OpError> {
    Ok(store::public(&ctx.db, ctx.now(), LIST_LIMIT).await?)
}

/// One announcement, when `reader` may read it. An awardee who would read it after accepting
/// the NDA is told so (`nda_required`); anyone else finds nothing there.
pub async fn show(ctx: &Ctx, reader: Reader, slug: &str) -> Result<AnnouncementRow, OpError> {
    if slug.chars().any(char::is_control) {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    let found = store::by_slug(&ctx.db, slug).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let now = ctx.now();
    if readable(&found, reader, now) {
        return Ok(found);
    }
    if reader.awardee && found.under_nda {
        return Err(OpError::new(ErrorCode::NdaRequired));
    }
    Err(OpError::new(ErrorCode::NotFound))
}

/// Every announcement, newest first, for admins.
pub async fn all(ctx: &Ctx) -> Result<Vec<AnnouncementRow>, OpError> {
    Ok(store::newest(&ctx.db, LIST_LIMIT * 4).await?)
}

/// Who an announcement is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    Awardees,
    UnderNda,
}

impl Audience {
    pub const ALL: &[Audience] = &[Audience::Everyone, Audience::Awardees, Audience::UnderNda];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Everyone => "everyone",
            Audience::Awardees => "awardees",
            Audience::UnderNda => "nda",
        }
    }

    pub fn of(a: &AnnouncementRow) -> Audience {
        if a.under_nda {
            Audience::UnderNda
        } else if a.awardees_only {
            Audience::Awardees
        } else {
            Audience::Everyone
        }
    }
}

/// An announcement as an admin typed it.
#[derive(Debug, Clone, Default)]
pub struct AnnouncementInput {
    pub title: String,
    pub body: String,
    /// `everyone`, `awardees` or `nda`.
    pub audience: String,
    /// The day it becomes public (YYYY-MM-DD), or empty for never.
    pub public_on: String,
}

/// Publishes an announcement now; returns its slug.
pub async fn publish(ctx: &Ctx, admin: i64, input: &AnnouncementInput) -> Result<String, OpError> {
    let mut fields = Fields::new();
    let title = input.title.trim();
    if title.is_empty() {
        fields.add("title", Msg::new("field-announcement-title-required"));
    } else if title.chars().count() > TITLE_MAX {
        fields.add("title", Msg::new("field-text-too-long").arg("max", TITLE_MAX));
    }
    let body = input.body.trim();
    if body.is_empty() {
        fields.add("body", Msg::new("field-announcement-body-required"));
    } else if body.chars().count() > BODY_MAX {
        fields.add("body", Msg::new("field-text-too-long").arg("max", BODY_MAX));
    }
    let audience = Audience::ALL.iter().copied().find(|a| a.as_str() == input.audience.trim());
    if audience.is_none() {
        fields.add("audience", Msg::new("field-announcement-audience-invalid"));
    }
    let today = ctx.today().await?;
    let typed_day = input.public_on.trim();
    let public_on = if typed_day.is_empty() {
        None
    } else {
        match typed_day.parse::<Date>() {
            Ok(day) if day > today => Some(day),
            Ok(_) => {
                fields.add("public_on", Msg::new("field-announcement-embargo-past"));
                None
            }
            Err(_) => {
                let msg = Msg::new("field-contribution-not-a-date");
                fields.add("public_on", msg);
                None
            }
        }
    };
    if public_on.is_some() && audience == Some(Audience::Everyone) {
        fields.add("public_on", Msg::new("field-announcement-embargo-public"));
    }
    fields.finish()?;
    let audience = audience.unwrap_or(Audience::UnderNda);
    let tz = ctx.time_zone().await?;
    let now = ctx.now();
    // The title makes the address; the instant keeps two of the same title apart.
    let slug = format!("{}-{}", Slug::from_title(title).as_str(), now.as_second());
    let new = NewAnnouncement {
        slug: &slug,
        title,
        body,
        under_nda: audience == Audience::UnderNda,
        awardees_only: audience != Audience::Everyone,
        public_from: public_on.map(|day| tz.day_start_instant(day)),
        author_account_id: admin,
    };
    let mut tx = ctx.db.begin_write().await?;
    let id = store::insert(&mut tx, &new, now).await?;
    let detail = format!("audience={}", audience.as_str());
    record(
        &mut tx,
        Some(admin),
        AuditAction::AnnouncementPublished,
        ("announcement", id),
        &detail,
        now,
    )
    .await?;
    // Awardees hear of what is for them; a public announcement has its feed.
    if audience != Audience::Everyone {
        let job = Job::AnnouncementMail(AnnouncementMail { announcement_id: id });
        let options =
            Enqueue { dedupe_key: Some(format!("announcement_mail@{id}")), ..Enqueue::default() };
        crate::jobs::enqueue(&mut tx, &job, &options, now).await?;
    }
    tx.commit().await?;
    Ok(slug)
}

/// Awardees told per transaction: each batch's mails commit with how far the job got.
const MAIL_BATCH: i64 = 500;

/// Tells every current awardee of announcement `id` by mail; returns how many were told by
/// this call. An awardee who has not accepted the NDA in force learns only that something
/// under NDA waits for them, never its title. Batches record how far they went, so a job
/// retried after a failure goes on where it stopped and mails nobody twice.
pub async fn mail_awardees(ctx: &Ctx, id: i64) -> Result<usize, OpError> {
    let Some(announcement) = store::by_id(&ctx.db, id).await? else { return Ok(0) };
    if !announcement.awardees_only && !announcement.under_nda {
        return Ok(0);
    }
    let progress = store::mail_progress(&ctx.db, id).await?;
    if progress.mailed_at.is_some() {
        return Ok(0);
    }
    let nda = store::current_nda(&ctx.db).await?.map(|v| v.id);
    let today = ctx.today().await?;
    let mut after = progress.mailed_through_person_id.unwrap_or(0);
    let mut told = 0;
    loop {
        let batch = store::awardee_recipients(&ctx.db, today, nda, after, MAIL_BATCH).await?;
        let now = ctx.now();
        let mut tx = ctx.db.begin_write().await?;
        for recipient in &batch {
            let lang = recipient.language.as_deref().and_then(Lang::parse).unwrap_or_default();
            let notice = announcement_notice(ctx, &announcement, recipient.accepted_nda);
            enqueue_mail(ctx, &mut tx, &notice, lang, &recipient.email, now).await?;
        }
        let last = batch.last().map(|r| r.person_id);
        let done = (batch.len() as i64) < MAIL_BATCH;
        let through = last.or((after > 0).then_some(after));
        store::mailed_through(&mut tx, id, through, done.then_some(now)).await?;
        tx.commit().await?;
        told += batch.len();
        if done {
            return Ok(told);
        }
        after = last.unwrap_or(after);
    }
}

/// The mail about `a` to one awardee: under NDA, its title only for one who accepted it.
fn announcement_notice(ctx: &Ctx, a: &AnnouncementRow, accepted_nda: bool) -> Notice {
    let link = ctx.link(&format!("/announcements/{}", a.slug));
    if !a.under_nda {
        return Notice::new(
            "announcement_awardees",
            Msg::new("mail-announcement-awardees-subject").arg("title", a.title.as_str()),
        )
        .paragraph(Msg::new("mail-announcement-awardees-body").arg("title", a.title.as_str()))
        .link(Msg::new("mail-announcement-link"), link);
    }
    if accepted_nda {
        Notice::new(
            "announcement_nda",
            Msg::new("mail-announcement-nda-subject").arg("title", a.title.as_str()),
        )
        .paragraph(Msg::new("mail-announcement-nda-body").arg("title", a.title.as_str()))
        .paragraph(Msg::new("mail-announcement-nda-note"))
        .link(Msg::new("mail-announcement-link"), link)
    } else {
        Notice::new("announcement_nda_waiting", Msg::new("mail-announcement-nda-waiting-subject"))
            .paragraph(Msg::new("mail-announcement-nda-waiting-body"))
            .link(Msg::new("mail-announcement-nda-accept-link"), ctx.link("/nda"))
    }
}

/// The NDA as one awardee stands with it.
#[derive(Debug, Clone)]
pub struct NdaStanding {
    pub current: Option<NdaVersion>,
    /// When they accepted the current version.
    pub accepted_at: Option<i64>,
    pub waiting_under_nda: i64,
}

pub async fn nda_standing(ctx: &Ctx, account: &AccountView) -> Result<NdaStanding, OpError> {
    let current = store::current_nda(&ctx.db).await?;
    let accepted_at = match &current {
        Some(v) => store::accepted_at(&ctx.db, account.person_id, v.id).await?,
        None => None,
    };
    let waiting_under_nda = store::hidden_nda(&ctx.db, ctx.now()).await?;
    Ok(NdaStanding { current, accepted_at, waiting_under_nda })
}

/// Accepts the NDA's version `version_id`, which must be the current one (a version published
/// while the page was open is read before it is accepted).
pub async fn accept_nda(ctx: &Ctx, account: &AccountView, version_id: i64) -> Result<(), OpError> {
    let current = store::current_nda(&ctx.db).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    if current.id != version_id {
        return Err(OpError::new(ErrorCode::NdaChanged));
    }
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if store::accept(&mut tx, account.person_id, current.id, now).await? {
        let detail = format!("version={}", current.version);
        let subject = ("nda_version", current.id);
        record(&mut tx, Some(account.account_id), AuditAction::NdaAccepted, subject, &detail, now)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Every NDA version, the current first, for admins.
pub async fn nda_versions(ctx: &Ctx) -> Result<Vec<NdaVersion>, OpError> {
    Ok(store::nda_versions(&ctx.db).await?)
}

/// Publishes a new NDA version: from now on awardees accept it before they read anything
/// under NDA.
pub async fn publish_nda(ctx: &Ctx, admin: i64, version: &str, body: &str) -> Result<(), OpError> {
    let mut fields = Fields::new();
    let version = version.trim();
    if version.is_empty() {
        fields.add("version", Msg::new("field-nda-version-required"));
    } else if version.chars().count() > VERSION_MAX {
        fields.add("version", Msg::new("field-text-too-long").arg("max", VERSION_MAX));
    }
    let body = body.trim();
    if body.is_empty() {
        fields.add("body", Msg::new("field-nda-body-required"));
    } else if body.chars().count() > BODY_MAX {
        fields.add("body", Msg::new("field-text-too-long").arg("max", BODY_MAX));
    }
    fields.finish()?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let id = match store::insert_nda(&mut tx, version, body, now).await {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            return Err(super::error::invalid("version", Msg::new("field-nda-version-taken")));
        }
        Err(e) => return Err(e.into()),
    };
    record(&mut tx, Some(admin), AuditAction::NdaPublished, ("nda_version", id), version, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn row(under_nda: bool, awardees_only: bool, public_at: Option<i64>) -> AnnouncementRow {
        AnnouncementRow {
            id: 1,
            slug: "s".into(),
            title: "t".into(),
            body: "b".into(),
            under_nda,
            awardees_only,
            public_from_at: public_at,
            public_at,
            published_at: 0,
        }
    }

    #[test]
    fn each_reader_reads_what_their_standing_allows() {
        let now = Timestamp::from_second(1_000).unwrap();
        let later = Some(2_000_000_000);
        let earlier = Some(500_000_000);
        let visitor = Reader::default();
        let awardee = Reader { awardee: true, nda: false };
        let signed = Reader { awardee: true, nda: true };
        let public = row(false, false, Some(0));
        let for_awardees = row(false, true, None);
        let nda = row(true, true, later);
        let nda_now_public = row(true, true, earlier);
        assert!(readable(&public, visitor, now));
        assert!(!readable(&for_awardees, visitor, now) && readable(&for_awardees, awardee, now));
        assert!(!readable(&nda, visitor, now) && !readable(&nda, awardee, now));
        assert!(readable(&nda, signed, now) && shown_under_nda(&nda, now));
        assert!(readable(&nda_now_public, visitor, now) && !shown_under_nda(&nda_now_public, now));
    }
}
