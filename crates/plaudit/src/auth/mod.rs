//! Who is asking: accounts, roles, sessions, passwords, CSRF tokens, and the check every route
//! makes before its handler runs.

pub mod access;
pub mod csrf;
pub mod oidc;
pub mod password;
pub mod rate_limit;
pub mod session_store;
pub mod tokens;

pub use access::{Access, CurrentUser, RoleSet, TokenScope};
