//! The awardees' private community: a board per category where awardees open threads and
//! reply (the thread's other participants hear of a reply by mail), a private directory of the
//! current awardees with the contact details each chose to share with the others, and admins'
//! moderation: hiding a post, recorded in the audit log.
//!
//! Nothing here is public: the routes admit awardees and admins only, and the pages are sent
//! as private and never indexed.

use std::collections::HashMap;

use plaudit_store::community::{
    self as store, Board, NewThread, PostRow, SharedContact, SharedDetails, ThreadCursor, ThreadRow,
};

use plaudit_domain::directory::{Cursor, ListingStatus};

use super::accounts::AccountView;
use super::audit::{AuditAction, record};
use super::directory::{self, Card, DirectoryQuery};
use super::error::{ErrorCode, Fields, OpError, invalid};
use super::{Ctx, enqueue_mail};
use crate::i18n::{Lang, Msg};
use crate::mail::Notice;

pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 20_000;
pub const NOTE_MAX: usize = 300;
/// Threads on a page of a board.
pub const PAGE_SIZE: i64 = 30;
/// Threads the community's front page lists as recently active.
const RECENT: i64 = 8;
/// Posts a thread's page shows: far beyond any real discussion.
const POSTS_MAX: i64 = 1_000;

/// The community's front page: its boards and what moved lately.
#[derive(Debug, Clone)]
pub struct Front {
    pub boards: Vec<Board>,
    pub recent: Vec<ThreadRow>,
}

pub async fn front(ctx: &Ctx) -> Result<Front, OpError> {
    Ok(Front {
        boards: store::boards(&ctx.db).await?,
        recent: store::recent_threads(&ctx.db, RECENT).await?,
    })
}

/// A page of one board.
#[derive(Debug, Clone)]
pub struct BoardPage {
    pub board: Board,
    pub threads: Vec<ThreadRow>,
    /// The `after` of the next page, when there is one.
    pub next: Option<String>,
}

/// Reads a page cursor as its link writes it: `last_post_at.id`.
fn parse_cursor(after: &str) -> Result<Option<ThreadCursor>, OpError> {
    let after = after.trim();
    if after.is_empty() {
        return Ok(None);
    }
    after
        .split_once('.')
        .and_then(|(at, id)| {
            Some(ThreadCursor { last_post_at: at.parse().ok()?, id: id.parse().ok()? })
        })
        .map(Some)
        .ok_or_else(|| invalid("after", Msg::new("directory-cursor-invalid")))
}

/// The board of the category at `slug`.
async fn board_at(ctx: &Ctx, slug: &str) -> Result<Board, OpError> {
    store::boards(&ctx.db)
        .await?
        .into_iter()
        .find(|b| b.slug == slug)
        .ok_or(OpError::new(ErrorCode::NotFound))
}

/// The board of the category at `slug`, from the cursor `after` on.
pub async fn board(ctx: &Ctx, slug: &str, after: &str) -> Result<BoardPage, OpError> {
    let board = board_at(ctx, slug).await?;
    let cursor = parse_cursor(after)?;
    let mut threads = store::board_threads(&ctx.db, board.id, cursor, PAGE_SIZE + 1).await?;
    let next = if threads.len() as i64 > PAGE_SIZE {
        threads.truncate(PAGE_SIZE as usize);
        threads.last().map(|t| format!("{}.{}", t.last_post_at, t.id))
    } else {
        None
    };
    Ok(BoardPage { board, threads, next })
}

/// A thread with its posts, as one reader sees it.
#[derive(Debug, Clone)]
pub struct Thread {
    pub thread: ThreadRow,
    pub posts: Vec<PostRow>,
    /// Whether the reader moderates (admins): they see hidden posts' places and may hide.
    pub moderator: bool,
}

/// The thread `id`; a hidden thread is gone for everyone but admins.
pub async fn thread(ctx: &Ctx, account: &AccountView, id: i64) -> Result<Thread, OpError> {
    let moderator = account.roles.admin;
    let thread = store::thread(&ctx.db, id)
        .await?
        .filter(|t| t.hidden_at.is_none() || moderator)
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    let posts = store::posts(&ctx.db, id, POSTS_MAX).await?;
    Ok(Thread { thread, posts, moderator })
}

/// A thread as an awardee typed it.
#[derive(Debug, Clone, Default)]
pub struct ThreadInput {
    pub title: String,
    pub body: String,
}

fn check_body(fields: &mut Fields, body: &str) {
    if body.is_empty() {
        fields.add("body", Msg::new("field-community-body-required"));
    } else if body.chars().count() > BODY_MAX {
        fields.add("body", Msg::new("field-text-too-long").arg("max", BODY_MAX));
    }
}

/// Opens a thread on the board at `slug`; returns its id.
pub async fn open_thread(
    ctx: &Ctx,
    account: &AccountView,
    slug: &str,
    input: &ThreadInput,
) -> Result<i64, OpError> {
    let board = board_at(ctx, slug).await?;
    let mut fields = Fields::new();
    let title = input.title.trim();
    if title.is_empty() {
        fields.add("title", Msg::new("field-community-title-required"));
    } else if title.chars().count() > TITLE_MAX || title.chars().any(char::is_control) {
        fields.add("title", Msg::new("field-text-too-long").arg("max", TITLE_MAX));
    }
    let body = input.body.trim();
    check_body(&mut fields, body);
    fields.finish()?;
    let mut tx = ctx.db.begin_write().await?;
    let new = NewThread { category_id: board.id, author_person_id: account.person_id, title, body };
    let id = store::insert_thread(&mut tx, &new, ctx.now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// Replies on thread `id`, and tells its other participants; returns the reply's id.
pub async fn reply(ctx: &Ctx, account: &AccountView, id: i64, body: &str) -> Result<i64, OpError> {
    let thread = store::thread(&ctx.db, id)
        .await?
        .filter(|t| t.hidden_at.is_none())
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    let mut fields = Fields::new();
    let body = body.trim();
    check_body(&mut fields, body);
    fields.finish()?;
    let now = ctx.now();
    let to = store::participants(&ctx.db, id, account.person_id).await?;
    let mut tx = ctx.db.begin_write().await?;
    let reply_id = store::insert_reply(&mut tx, id, account.person_id, body, now).await?;
    let link = ctx.link(&format!("/community/threads/{id}#post-{reply_id}"));
    for contact in &to {
        let lang = contact.language.as_deref().and_then(Lang::parse).unwrap_or_default();
        let notice = Notice::new(
            "community_reply",
            Msg::new("mail-community-reply-subject").arg("title", thread.title.as_str()),
        )
        .paragraph(
            Msg::new("mail-community-reply-body")
                .arg("name", account.display_name.as_str())
                .arg("title", thread.title.as_str())
                .arg("board", thread.category_name.as_str()),
        )
        .paragraph(Msg::new("mail-community-private-note"))
        .link(Msg::new("mail-community-link"), link.clone());
        enqueue_mail(ctx, &mut tx, &notice, lang, &contact.email, now).await?;
    }
    tx.commit().await?;
    Ok(reply_id)
}

/// Hides post `post_id` (a thread's opening post hides the whole thread), as an admin
/// moderating; returns the thread's id. Hiding twice changes nothing and records nothing.
pub async fn hide(ctx: &Ctx, admin: &AccountView, post_id: i64) -> Result<i64, OpError> {
    if !admin.roles.admin {
        return Err(OpError::new(ErrorCode::Forbidden));
    }
    let thread_id =
        store::post_thread(&ctx.db, post_id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if store::hide(&mut tx, post_id, admin.account_id, now).await? {
        let detail = format!("thread={thread_id}");
        record(
            &mut tx,
            Some(admin.account_id),
            AuditAction::CommunityPostHidden,
            ("community_post", post_id),
            &detail,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(thread_id)
}

/// What the awardee shares with the other awardees; nothing until they choose.
pub async fn contact(ctx: &Ctx, account: &AccountView) -> Result<SharedContact, OpError> {
    Ok(store::contact(&ctx.db, account.person_id).await?.unwrap_or_default())
}

/// Saves what the awardee shares: their address or not, and a note of other ways to reach them.
pub async fn save_contact(
    ctx: &Ctx,
    account: &AccountView,
    typed: &SharedContact,
) -> Result<(), OpError> {
    let contact = SharedContact {
        share_email: typed.share_email,
        contact_note: typed.contact_note.trim().to_owned(),
    };
    if contact.contact_note.chars().count() > NOTE_MAX {
        return Err(invalid("contact_note", Msg::new("field-text-too-long").arg("max", NOTE_MAX)));
    }
    if contact.contact_note.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(invalid("contact_note", Msg::new("field-community-note-invalid")));
    }
    let mut tx = ctx.db.begin_write().await?;
    store::save_contact(&mut tx, account.person_id, &contact, ctx.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// A current awardee as the private directory lists them, with what they share.
#[derive(Debug, Clone)]
pub struct Member {
    pub card: Card,
    /// Their address, when they chose to share it.
    pub email: Option<String>,
    pub note: String,
}

/// A page of the private directory.
#[derive(Debug, Clone)]
pub struct Members {
    pub members: Vec<Member>,
    pub total: i64,
    /// Every category, as (slug, name), in the program's order.
    pub categories: Vec<(String, String)>,
    pub previous: Option<Cursor>,
    pub next: Option<Cursor>,
}

/// The page of the private directory `query` asks for: the directory's search and category
/// over the current awardees only (alumni are not in the community), with what each shares.
pub async fn members(ctx: &Ctx, query: &DirectoryQuery, lang: Lang) -> Result<Members, OpError> {
    let mut query = query.clone();
    query.filter.status = ListingStatus::Current;
    let found = directory::plain_page(ctx, &query, lang).await?;
    let slugs: Vec<&str> = found.cards.iter().map(|c| c.slug.as_str()).collect();
    let mut shared: HashMap<String, SharedDetails> = store::shared_details(&ctx.db, &slugs)
        .await?
        .into_iter()
        .map(|d| (d.slug.clone(), d))
        .collect();
    let members = found
        .cards
        .into_iter()
        .map(|card| {
            let details = shared.remove(&card.slug);
            Member {
                email: details.as_ref().and_then(|d| d.email.clone()),
                note: details.map(|d| d.contact_note).unwrap_or_default(),
                card,
            }
        })
        .collect();
    Ok(Members {
        members,
        total: found.total,
        categories: found.categories,
        previous: found.previous,
        next: found.next,
    })
}
