//! HTML pages and the endpoints around them, one module per area; `routes` declares them all.

mod account;
mod admin;
mod admin_audit;
mod admin_imports;
mod ama;
mod announcements;
mod api_reference;
pub mod assets;
mod badges;
mod benefits;
mod candidacies;
mod categories;
mod chart;
mod community;
pub mod compress;
mod contribution_files;
mod contributions;
mod credentials;
mod cycles;
mod decisions;
mod directory;
mod endorsements;
pub mod error;
mod exports;
mod feedback;
mod feeds;
mod health;
mod home;
mod imports;
pub mod layout;
mod nominations;
mod oidc;
mod people;
mod profile;
pub mod public_cache;
mod review;
pub mod routes;
mod rubrics;
pub mod security;
mod settings;
mod speaking;
mod tokens;

use axum::Router;

use crate::state::AppState;

pub use error::PageError;

pub fn router(limiter: crate::auth::rate_limit::AnonymousLimiter) -> Router<AppState> {
    routes::router(limiter)
}
