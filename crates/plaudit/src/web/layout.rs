//! What every page's frame needs: who is signed in (for the navigation) and the CSRF token for
//! the sign-out button.

use tower_sessions::Session;

use crate::auth::{CurrentUser, csrf};

#[derive(Debug, Clone, Default)]
pub struct Nav {
    pub user: Option<NavUser>,
    pub csrf: String,
    /// A one-time message about what the previous request did ("Roles saved").
    pub flash: Option<String>,
}

const FLASH_KEY: &str = "flash";

/// Leaves a message for the next page this session sees.
pub async fn flash(session: &Session, message: &str) {
    let _ = session.insert(FLASH_KEY, message).await;
}

#[derive(Debug, Clone)]
pub struct NavUser {
    pub name: String,
    pub admin: bool,
}

impl Nav {
    /// The frame for `user`. Visitors get no session: browsing never writes to the database.
    pub async fn new(user: Option<&CurrentUser>, session: &Session) -> Nav {
        match user {
            Some(user) => Nav {
                user: Some(NavUser { name: user.display_name.clone(), admin: user.roles.admin }),
                csrf: csrf::token(session).await,
                flash: session.remove::<String>(FLASH_KEY).await.ok().flatten(),
            },
            None => Nav::default(),
        }
    }
}
