//! Plaudit's database: one codebase over SQLite (the zero-setup default) and PostgreSQL (the
//! scale-out path). Each query is one SQL string that both dialects accept, run through
//! [`on_db!`] against the concrete pool; where the dialects differ, an explicit `match` keeps
//! both versions side by side. Every function here is tested against both backends.

mod db;
mod error;
mod lease;

pub mod accounts;
pub mod ama;
pub mod ama_github;
pub mod announcements;
pub mod api_tokens;
pub mod audit;
pub mod awards;
pub mod benefits;
pub mod bulk;
pub mod candidacies;
pub mod categories;
pub mod community;
pub mod contributions;
pub mod cycles;
pub mod dashboard;
pub mod directory;
pub mod endorsements;
pub mod exports;
pub mod external_identities;
pub mod feedback;
pub mod imports;
pub mod jobs;
pub mod mail;
pub mod merges;
pub mod people;
pub mod program;
pub mod public;
pub mod reviews;
pub mod rubrics;
pub mod schema;
pub mod secrets;
pub mod sessions;
pub mod speaking;
pub mod standings;
pub mod timestamp;

pub use db::{Backend, Db, Tx};
pub use error::StoreError;
// Re-exported so callers can run a statement inside `on_tx!` without their own sqlx dependency.
pub use sqlx;
