//! HTML pages and the endpoints around them, one module per area.

mod assets;
mod error;
mod health;
mod home;

use axum::Router;

use crate::app::AppState;

pub use error::PageError;

pub fn router() -> Router<AppState> {
    Router::new().merge(home::router()).merge(health::router()).merge(assets::router())
}
