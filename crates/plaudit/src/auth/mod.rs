//! Who is asking: sessions, API tokens, the CSRF check, rate limits, the identity provider,
//! and the check every route makes before its handler runs. Auth says why it refused
//! ([`AuthError`]); the adapters render that as a page or as JSON.

pub mod access;
pub mod csrf;
pub mod error;
pub mod oidc;
pub mod rate_limit;
pub mod session_store;

pub use crate::ops::accounts::RoleSet;
pub use crate::ops::tokens::TokenScope;
pub use access::{Access, CurrentUser};
pub use error::{Audience, AuthError};
