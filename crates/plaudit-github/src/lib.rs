//! GitHub's REST API (v3, version `2022-11-28`) as Plaudit's AMA pages use it: an issue is a
//! question, a comment by the host is the answer, closing the issue means answered, labels are
//! tags.
//!
//! [`Client`] lists a repository's issues (pull requests left out) and an issue's comments,
//! following `Link` pages, with a conditional first request (`If-None-Match`); it writes
//! comments, issue states, issues and labels. It waits out GitHub's rate limits through an
//! injectable [`Clock`], up to a maximum, then fails with [`Error::RateLimited`].
//!
//! It also reads what anyone may see of a person, with a token or without one (then no
//! `Authorization` header is sent): the issues and pull requests a login opened in public
//! repositories ([`Client::authored`], through the issue search) and the repositories it owns
//! ([`Client::owned_repos`]), both conditional on the first page's `ETag`.
//!
//! With the `fake` feature, [`fake::FakeGitHub`] is a local GitHub on loopback that answers
//! with GitHub's recorded response shapes.

mod client;
mod clock;
mod error;
mod link;
mod model;

#[cfg(feature = "fake")]
pub mod fake;

pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL};
pub use clock::{Clock, SystemClock};
pub use error::Error;
pub use model::{
    AuthoredItem, Comment, Issue, IssueList, IssueState, Listing, OwnedRepo, Repo, StateReason,
    Unreadable,
};
