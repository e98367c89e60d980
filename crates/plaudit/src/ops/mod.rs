//! The operations: one function per thing a person or the program does, and the one path that
//! pages, `/api/v1`, the command line and jobs share. An operation takes a [`Ctx`] and a typed
//! input; it checks the input, owns the transaction, calls the domain's rules and the store's
//! queries, appends the audit entry and queues the mail, and returns a typed result or an
//! [`OpError`] with a stable code. Adapters turn that into a page, JSON or a line of text.
//!
//! One module per flow: `accounts` (joining, signing in, credentials, roles), `tokens` (API
//! tokens), `background` (retrying stopped jobs and mail), `standings` (the recompute the CLI
//! and the nightly job share), `profile` (a person's own profile and photo), `settings` and
//! `categories` (the program as its admins keep it), `audit_log` (admins reading and
//! exporting the audit log that `audit` records). Later flows add theirs beside them.

pub mod accounts;
pub mod ama;
pub mod ama_github;
pub mod announcements;
pub mod audit;
pub mod audit_log;
pub mod awards;
pub mod background;
pub mod badges;
pub mod benefits;
pub mod calendar;
pub mod candidacies;
pub mod categories;
pub mod community;
pub mod contribution_files;
pub mod contributions;
pub mod cycles;
pub mod dashboard;
pub mod decisions;
pub mod directory;
pub mod endorsements;
pub mod error;
pub mod exports;
pub mod feedback;
pub mod feeds;
pub mod import_summary;
pub mod imports;
pub mod merges;
pub mod nominations;
pub mod people;
pub mod profile;
pub mod renewals;
pub mod review;
pub mod rubrics;
pub mod settings;
pub mod speaking;
pub mod standing;
pub mod standings;
pub mod tokens;

use std::sync::Arc;

use jiff::civil::Date;
use plaudit_domain::clock::Clock;
use plaudit_domain::cycle::ProgramTimeZone;
use plaudit_store::Db;

pub use error::{ErrorCode, Fields, OpError};

/// What every operation needs: the database, the clock, and the address people reach this
/// server at (for links in mail).
#[derive(Clone)]
pub struct Ctx {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub public_url: String,
}

impl Ctx {
    pub fn now(&self) -> jiff::Timestamp {
        self.clock.now()
    }

    /// The program's time zone, from its settings (UTC before the program is set up).
    pub async fn time_zone(&self) -> Result<ProgramTimeZone, OpError> {
        Ok(program_time_zone(&self.db).await?)
    }

    /// Today in the program's time zone: the one answer to "what day is it" that roles,
    /// phases, standings and pages all use, so they never disagree around midnight.
    pub async fn today(&self) -> Result<Date, OpError> {
        Ok(self.time_zone().await?.today(self.clock.as_ref()))
    }

    /// A link to `path` on this server.
    /// The program's name as public pages show it ('' before the program is set up).
    pub async fn program_name(&self) -> Result<String, OpError> {
        Ok(plaudit_store::program::settings(&self.db).await?.map(|s| s.name).unwrap_or_default())
    }

    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }
}

/// The program's time zone as its settings name it; UTC when there are none yet or the name
/// is unknown (settings are validated when saved, so that is a database edited by hand).
pub async fn program_time_zone(db: &Db) -> Result<ProgramTimeZone, plaudit_store::StoreError> {
    let name = plaudit_store::program::time_zone(db).await?;
    Ok(name.as_deref().and_then(|n| ProgramTimeZone::get(n).ok()).unwrap_or_default())
}

/// The program's name, for mail.
pub(crate) async fn program_name(ctx: &Ctx) -> Result<String, OpError> {
    Ok(plaudit_store::program::settings(&ctx.db)
        .await?
        .map_or_else(|| "Plaudit".to_owned(), |s| s.name))
}

/// The language to write to a person in, for what they read later (mail, their suggestions):
/// the one their account chose, else the program's, else the default.
pub(crate) async fn language_of(
    ctx: &Ctx,
    tx: &mut plaudit_store::Tx,
    person_id: i64,
) -> Result<crate::i18n::Lang, OpError> {
    let chosen = plaudit_store::accounts::contact(tx, person_id)
        .await?
        .and_then(|(_, language)| language.as_deref().and_then(crate::i18n::Lang::parse));
    Ok(match chosen {
        Some(lang) => lang,
        None => settings::default_language(ctx).await.unwrap_or_default(),
    })
}

/// Puts `notice` into words in `lang` and queues it for `to`, in the caller's transaction, so
/// a mail goes out exactly when what it tells of is written.
pub(crate) async fn enqueue_mail(
    ctx: &Ctx,
    tx: &mut plaudit_store::Tx,
    notice: &crate::mail::Notice,
    lang: crate::i18n::Lang,
    to: &str,
    now: jiff::Timestamp,
) -> Result<(), OpError> {
    let mail = notice.render(lang, to, &program_name(ctx).await?).map_err(OpError::internal)?;
    plaudit_store::mail::enqueue(tx, &mail, now).await?;
    Ok(())
}
