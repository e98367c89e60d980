//! What every request handler shares: the operations' context, the settings, and the identity
//! provider. Its own room, below auth and the pages, so neither needs the router to reach it.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::auth::oidc::OidcProvider;
use crate::config::Config;
use crate::i18n::Lang;
use crate::ops::Ctx;

#[derive(Clone)]
pub struct AppState {
    /// The database, the clock and the public address every operation takes.
    pub ctx: Ctx,
    pub config: Arc<Config>,
    /// The identity provider people may sign in with, when one is configured.
    pub oidc: Option<Arc<OidcProvider>>,
    /// The language of readers who chose none, as the program sets it.
    pub language: Arc<DefaultLanguage>,
    /// Rendered public pages, for visitors.
    pub public_pages: Arc<crate::web::public_cache::PublicPages>,
    /// Views of AMA questions not yet written.
    pub ama_views: Arc<crate::ops::ama::ViewTally>,
}

impl AppState {
    pub fn new(ctx: Ctx, config: Config, oidc: Option<Arc<OidcProvider>>) -> AppState {
        AppState {
            ctx,
            config: Arc::new(config),
            oidc,
            language: Arc::default(),
            public_pages: Arc::default(),
            ama_views: Arc::default(),
        }
    }

    /// The language of a reader who chose none and whose browser asks for none we ship: the
    /// program's setting, else the server's `default_language`.
    pub async fn default_language(&self) -> Lang {
        match self.language.get(&self.ctx).await {
            Some(lang) => lang,
            None => self.config.default_language(),
        }
    }
}

/// How long a server keeps the program's language before reading it again: every request asks
/// for it, and an admin's change reaches the other servers within this time (at once on the
/// server that saved it).
const LANGUAGE_TTL: Duration = Duration::from_secs(5);

/// The program's language for readers who chose none, read from the database at most every
/// [`LANGUAGE_TTL`].
#[derive(Debug, Default)]
pub struct DefaultLanguage {
    read: RwLock<Option<(Option<Lang>, Instant)>>,
}

impl DefaultLanguage {
    /// The program's language; None when it left the choice to the server.
    pub async fn get(&self, ctx: &Ctx) -> Option<Lang> {
        if let Ok(read) = self.read.read()
            && let Some((lang, at)) = *read
            && at.elapsed() < LANGUAGE_TTL
        {
            return lang;
        }
        let lang = crate::ops::settings::default_language(ctx).await;
        if let Ok(mut read) = self.read.write() {
            *read = Some((lang, Instant::now()));
        }
        lang
    }

    /// Reads the setting again on the next request: it was just saved.
    pub fn forget(&self) {
        if let Ok(mut read) = self.read.write() {
            *read = None;
        }
    }
}
