//! Contributions that record themselves. Each source a person adds (a blog, a YouTube channel,
//! GitHub, Stack Exchange answers, a Sessionize speaker profile) is read into [`Item`]s: suggested
//! contributions with their type, title, date, address and reach already filled. Nothing here
//! touches the database; the app's operations layer stores what comes back.
//!
//! Every request goes through one [`fetch::Fetcher`]: conditional requests, a per-host limit,
//! timeouts, a size limit, a clear User-Agent and public addresses only.

pub mod discover;
pub mod feed;
pub mod fetch;
pub mod github;
mod item;
pub mod sessionize;
pub mod stack_exchange;

#[cfg(feature = "fake")]
pub mod fake;

pub use item::{
    Batch, Endpoints, EntryProblem, Failure, FailureKind, Identity, IdentityKind, Item, Outcome,
    PullRequestState, Reason, ReasonKind, Summary, Validators,
};
