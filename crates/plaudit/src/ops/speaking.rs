//! Speaking requests. An awardee says whether they take speaking requests, on which topics,
//! in which regions and languages, remote or in person; they are then found in the directory
//! under "available for speaking". Any signed-in member may send one of them a request
//! through Plaudit (a few a day at most); the awardee accepts or declines it, and only when
//! they choose to does the organizer learn their e-mail address: no page, mail or answer the
//! organizer gets carries it before.

use jiff::ToSpan;
use jiff::civil::Date;
use plaudit_domain::directory::ListingStatus;
use plaudit_store::speaking::{self as store, NewRequest, RequestRow, SpeakingProfile};

use super::accounts::AccountView;
use super::error::{ErrorCode, Fields, OpError};
use super::{Ctx, enqueue_mail};
use crate::i18n::{Lang, Msg};
use crate::mail::Notice;

pub const LIST_MAX: usize = 300;
pub const TEXT_MAX: usize = 200;
pub const MESSAGE_MAX: usize = 4_000;
pub const NOTE_MAX: usize = 2_000;
/// Requests one organizer may send in a day: enough for any real event, too few to spam.
pub const REQUESTS_PER_DAY: i64 = 5;
/// Requests a list shows.
const LIST_LIMIT: i64 = 100;

fn check_text(fields: &mut Fields, field: &'static str, value: &str, max: usize, required: bool) {
    if value.is_empty() {
        if required {
            fields.add(field, Msg::new("field-speaking-required"));
        }
    } else if value.chars().count() > max {
        fields.add(field, Msg::new("field-text-too-long").arg("max", max));
    } else if max <= TEXT_MAX && value.chars().any(char::is_control) {
        fields.add(field, Msg::new("field-speaking-one-line"));
    }
}

/// The awardee's speaking profile, empty when they never saved one.
pub async fn profile(ctx: &Ctx, account: &AccountView) -> Result<SpeakingProfile, OpError> {
    Ok(store::profile(&ctx.db, account.person_id)
        .await?
        .unwrap_or(SpeakingProfile { remote_ok: true, ..SpeakingProfile::default() }))
}

/// Saves what the awardee says about speaking; the directory follows at once.
pub async fn save_profile(
    ctx: &Ctx,
    account: &AccountView,
    typed: &SpeakingProfile,
) -> Result<(), OpError> {
    let profile = SpeakingProfile {
        accepts_requests: typed.accepts_requests,
        topics: typed.topics.trim().to_owned(),
        regions: typed.regions.trim().to_owned(),
        languages: typed.languages.trim().to_owned(),
        remote_ok: typed.remote_ok,
        travel_ok: typed.travel_ok,
    };
    let mut fields = Fields::new();
    check_text(&mut fields, "topics", &profile.topics, LIST_MAX, profile.accepts_requests);
    check_text(&mut fields, "regions", &profile.regions, LIST_MAX, false);
    check_text(&mut fields, "languages", &profile.languages, LIST_MAX, false);
    if profile.accepts_requests && !profile.remote_ok && !profile.travel_ok {
        fields.add("remote_ok", Msg::new("field-speaking-format-required"));
    }
    fields.finish()?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    store::save_profile(&mut tx, account.person_id, &profile, now).await?;
    // The directory's "available for speaking" facet and the profile follow at once.
    super::directory::refresh(ctx, &mut tx, &[account.person_id], now).await?;
    tx.commit().await?;
    Ok(())
}

/// An awardee who takes requests, as an organizer sees them before sending one.
#[derive(Debug, Clone)]
pub struct Speaker {
    pub person_id: i64,
    pub slug: String,
    pub name: String,
    pub headline: String,
    pub profile: SpeakingProfile,
}

/// The current awardee at `slug` who takes speaking requests; nobody else can be asked.
pub async fn speaker(ctx: &Ctx, slug: &str) -> Result<Speaker, OpError> {
    if slug.chars().any(char::is_control) {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    let Some((entry, ListingStatus::Current)) =
        plaudit_store::directory::by_slug(&ctx.db, slug).await?
    else {
        return Err(OpError::new(ErrorCode::NotFound));
    };
    let profile = store::profile(&ctx.db, entry.person_id)
        .await?
        .filter(|p| p.accepts_requests)
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    Ok(Speaker {
        person_id: entry.person_id,
        slug: entry.slug,
        name: entry.display_name,
        headline: entry.headline,
        profile,
    })
}

/// A request as the organizer typed it.
#[derive(Debug, Clone, Default)]
pub struct RequestInput {
    pub event_name: String,
    pub event_url: String,
    /// YYYY-MM-DD.
    pub event_on: String,
    pub location: String,
    pub is_remote: bool,
    pub audience: String,
    pub travel_support: bool,
    pub message: String,
}

/// Sends `organizer`'s request to the speaker at `slug`, and tells the speaker by mail.
pub async fn send_request(
    ctx: &Ctx,
    organizer: &AccountView,
    slug: &str,
    input: &RequestInput,
) -> Result<i64, OpError> {
    let speaker = speaker(ctx, slug).await?;
    if speaker.person_id == organizer.person_id {
        return Err(OpError::new(ErrorCode::Forbidden));
    }
    let mut fields = Fields::new();
    let event_name = input.event_name.trim();
    check_text(&mut fields, "event_name", event_name, TEXT_MAX, true);
    let event_url = input.event_url.trim();
    if !event_url.is_empty() {
        let fine = plaudit_domain::CanonicalUrl::parse(event_url).is_ok();
        if !fine || event_url.chars().count() > TEXT_MAX * 5 {
            fields.add("event_url", Msg::new("field-speaking-url-invalid"));
        }
    }
    let today = ctx.today().await?;
    let event_on = match input.event_on.trim().parse::<Date>() {
        Ok(day) if day >= today => Some(day),
        Ok(_) => {
            fields.add("event_on", Msg::new("field-speaking-date-past"));
            None
        }
        Err(_) => {
            fields.add("event_on", Msg::new("field-contribution-not-a-date"));
            None
        }
    };
    let location = input.location.trim();
    check_text(&mut fields, "location", location, TEXT_MAX, !input.is_remote);
    let audience = input.audience.trim();
    check_text(&mut fields, "audience", audience, TEXT_MAX, true);
    let message = input.message.trim();
    check_text(&mut fields, "message", message, MESSAGE_MAX, true);
    fields.finish()?;
    let event_on = event_on.map(|d| d.to_string()).unwrap_or_default();
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    // Counted in the transaction that adds one, so parallel sends cannot slip past the limit.
    let since = now.checked_sub(24.hours()).unwrap_or(now);
    if store::sent_since(&mut tx, organizer.account_id, since).await? >= REQUESTS_PER_DAY {
        return Err(OpError::new(ErrorCode::SpeakingRequestLimit));
    }
    let new = NewRequest {
        person_id: speaker.person_id,
        organizer_account_id: organizer.account_id,
        organizer_name: &organizer.display_name,
        organizer_email: &organizer.email,
        event_name,
        event_url: Some(event_url).filter(|u| !u.is_empty()),
        event_on: &event_on,
        location,
        is_remote: input.is_remote,
        audience,
        travel_support: input.travel_support,
        message,
    };
    let id = store::insert_request(&mut tx, &new, now).await?;
    if let Some(contact) = store::speaker_contact(&mut tx, speaker.person_id).await? {
        let notice = Notice::new(
            "speaking_request",
            Msg::new("mail-speaking-request-subject").arg("event", event_name),
        )
        .paragraph(
            Msg::new("mail-speaking-request-body")
                .arg("organizer", organizer.display_name.as_str())
                .arg("event", event_name)
                .arg("date", event_on.as_str()),
        )
        .link(Msg::new("mail-speaking-request-link"), ctx.link("/speaking"));
        let lang = lang_of(contact.language.as_deref());
        enqueue_mail(ctx, &mut tx, &notice, lang, &contact.email, now).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// The language a contact chose, or the default.
fn lang_of(language: Option<&str>) -> Lang {
    language.and_then(Lang::parse).unwrap_or_default()
}

/// The requests the awardee received, newest first.
pub async fn received(ctx: &Ctx, account: &AccountView) -> Result<Vec<RequestRow>, OpError> {
    Ok(store::for_speaker(&ctx.db, account.person_id, LIST_LIMIT).await?)
}

/// The requests the organizer sent, newest first. The speaker's address is never in these
/// rows: a page shows it from the account only when `email_shared_at` is set.
pub async fn sent(ctx: &Ctx, account: &AccountView) -> Result<Vec<RequestRow>, OpError> {
    Ok(store::from_organizer(&ctx.db, account.account_id, LIST_LIMIT).await?)
}

/// The awardee's answer to a request.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub accept: bool,
    pub share_email: bool,
    pub note: String,
}

/// Records the awardee's answer to their pending request `id`, and tells the organizer; the
/// mail carries the awardee's address only when they chose to share it.
pub async fn respond(
    ctx: &Ctx,
    account: &AccountView,
    id: i64,
    answer: &Answer,
) -> Result<(), OpError> {
    let note = answer.note.trim();
    let mut fields = Fields::new();
    check_text(&mut fields, "note", note, NOTE_MAX, false);
    fields.finish()?;
    let request = store::request_for_speaker(&ctx.db, id, account.person_id)
        .await?
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    let status = if answer.accept { "accepted" } else { "declined" };
    let share = answer.accept && answer.share_email;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if !store::respond(&mut tx, id, account.person_id, status, note, share, now).await? {
        return Err(OpError::new(ErrorCode::IllegalTransition));
    }
    let (subject, body) = if answer.accept {
        (Msg::new("mail-speaking-accepted-subject"), Msg::new("mail-speaking-accepted-body"))
    } else {
        (Msg::new("mail-speaking-declined-subject"), Msg::new("mail-speaking-declined-body"))
    };
    let speaker = account.display_name.as_str();
    let event = request.event_name.as_str();
    let subject = subject.arg("speaker", speaker).arg("event", event);
    let mut notice = Notice::new("speaking_answer", subject)
        .paragraph(body.arg("speaker", speaker).arg("event", event));
    if !note.is_empty() {
        notice = notice.paragraph(Msg::new("mail-speaking-note").arg("note", note));
    }
    if share {
        notice = notice
            .paragraph(Msg::new("mail-speaking-email-shared").arg("email", account.email.as_str()));
    }
    let notice = notice.link(Msg::new("mail-speaking-sent-link"), ctx.link("/speaking/sent"));
    let language = match request.organizer_account_id {
        Some(organizer) => store::organizer_language(&mut tx, organizer).await?,
        None => None,
    };
    let lang = lang_of(language.as_deref());
    enqueue_mail(ctx, &mut tx, &notice, lang, &request.organizer_email, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The speaker's address for the organizer's page, when they shared it with this request.
pub async fn shared_email(ctx: &Ctx, request: &RequestRow) -> Result<Option<String>, OpError> {
    if request.email_shared_at.is_none() {
        return Ok(None);
    }
    Ok(store::speaker_email(&ctx.db, request.person_id).await?)
}
