//! What every request handler shares: the operations' context, the settings, and the identity
//! provider. Its own room, below auth and the pages, so neither needs the router to reach it.

use std::sync::Arc;

use crate::auth::oidc::OidcProvider;
use crate::config::Config;
use crate::ops::Ctx;

#[derive(Clone)]
pub struct AppState {
    /// The database, the clock and the public address every operation takes.
    pub ctx: Ctx,
    pub config: Arc<Config>,
    /// The identity provider people may sign in with, when one is configured.
    pub oidc: Option<Arc<OidcProvider>>,
}
