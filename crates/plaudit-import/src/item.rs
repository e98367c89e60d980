//! What every source hands back, whatever it read.

use jiff::civil::Date;
use plaudit_domain::{CanonicalUrl, ContributionType, ReachMetric};

/// One suggested contribution, read from a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The source's own stable id for the entry (a feed's guid, a video id, an answer id);
    /// the canonical URL when the source has none.
    pub external_id: String,
    /// The entry's absolute address, as the source gives it (links go here).
    pub url: String,
    /// The same address canonicalised: the key that de-duplicates suggestions and
    /// contributions (scheme and host case, `www.`, trailing slash, fragment, tracking
    /// parameters).
    pub canonical_url: CanonicalUrl,
    /// Plain text, HTML entities unescaped exactly once, trimmed, never empty.
    pub title: String,
    /// Plain text, at most a few hundred characters; may be empty.
    pub summary: String,
    pub contribution_type: ContributionType,
    /// The day the work was published or happened, in UTC.
    pub occurred_on: Date,
    pub reach: Option<(ReachMetric, i64)>,
}

/// One entry that could not be read; the rest of the source's entries still are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProblem {
    /// The entry's position in the source, from 1.
    pub position: usize,
    /// Its id or address when it had one.
    pub id: Option<String>,
    /// Why, in English, for logs and the person's import report.
    pub reason: String,
}

/// An account the person has elsewhere, seen while importing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentityKind {
    GitHub,
    StackExchange,
    YouTubeChannel,
    Sessionize,
}

impl IdentityKind {
    pub const ALL: &[IdentityKind] =
        &[Self::GitHub, Self::StackExchange, Self::YouTubeChannel, Self::Sessionize];

    /// The stored name (`person_identity.kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::GitHub => "github",
            Self::StackExchange => "stack_exchange",
            Self::YouTubeChannel => "youtube_channel",
            Self::Sessionize => "sessionize",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identity {
    pub kind: IdentityKind,
    /// As the source spells it (a login, a numeric id, a channel id).
    pub value: String,
}

/// The validators of the last answer, sent back as `If-None-Match` / `If-Modified-Since`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What one read of a source brought.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    pub items: Vec<Item>,
    pub problems: Vec<EntryProblem>,
    pub identities: Vec<Identity>,
    /// Where the entries were actually read from when that differs from what the person typed
    /// (the feed a blog's home page points at); stored so the next read goes straight there.
    pub resolved_locator: Option<String>,
    pub validators: Validators,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The source answered 304 (or the API's equivalent): nothing changed.
    NotModified,
    Read(Batch),
}

/// Why a source could not be read at all. The kind is stable (the app shows a translated
/// sentence for it); the detail is English, for logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind:?}: {detail}")]
pub struct Failure {
    pub kind: FailureKind,
    pub detail: String,
    /// Seconds the source asked us to wait (Retry-After, Stack Exchange's `backoff`, GitHub's
    /// rate-limit reset), when it said.
    pub retry_after: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureKind {
    /// The locator is not something this source can read (not a URL, not a user id, …).
    InvalidLocator,
    /// The address is loopback, private, link-local or otherwise not public.
    AddressNotAllowed,
    Timeout,
    /// Could not connect, TLS failed, the connection broke.
    Network,
    /// 404 or 410: the page, feed, user or profile does not exist.
    NotFound,
    /// Any other 4xx the source answered.
    Refused,
    /// 5xx.
    ServerError,
    /// 429, or an API's own throttle.
    RateLimited,
    /// The body is over the size limit.
    TooLarge,
    /// The answer is not a feed (nor a page that names one).
    NotAFeed,
    /// The answer claims to be what we asked for but cannot be read.
    Malformed,
}

impl FailureKind {
    pub const ALL: &'static [FailureKind] = &[
        Self::InvalidLocator,
        Self::AddressNotAllowed,
        Self::Timeout,
        Self::Network,
        Self::NotFound,
        Self::Refused,
        Self::ServerError,
        Self::RateLimited,
        Self::TooLarge,
        Self::NotAFeed,
        Self::Malformed,
    ];

    /// Stable name, for the database and the message catalogue (`import-failure-…`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidLocator => "invalid_locator",
            Self::AddressNotAllowed => "address_not_allowed",
            Self::Timeout => "timeout",
            Self::Network => "network",
            Self::NotFound => "not_found",
            Self::Refused => "refused",
            Self::ServerError => "server_error",
            Self::RateLimited => "rate_limited",
            Self::TooLarge => "too_large",
            Self::NotAFeed => "not_a_feed",
            Self::Malformed => "malformed",
        }
    }

    /// Whether trying again later can help (the job backs off and retries these).
    pub fn is_transient(self) -> bool {
        matches!(self, Self::Timeout | Self::Network | Self::ServerError | Self::RateLimited)
    }
}

impl Failure {
    pub fn new(kind: FailureKind, detail: impl Into<String>) -> Self {
        Self { kind, detail: detail.into(), retry_after: None }
    }
}

/// Where the sources live. The defaults are the real services; tests point them at local fakes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// YouTube's site, for channel pages and `/feeds/videos.xml`.
    pub youtube: String,
    /// Stack Exchange's API root (the version path is added by the reader).
    pub stack_exchange_api: String,
    /// Sessionize's site.
    pub sessionize: String,
    /// GitHub's REST API root.
    pub github_api: String,
}

impl Default for Endpoints {
    fn default() -> Self {
        Self {
            youtube: "https://www.youtube.com".into(),
            stack_exchange_api: "https://api.stackexchange.com".into(),
            sessionize: "https://sessionize.com".into(),
            github_api: plaudit_github::DEFAULT_BASE_URL.into(),
        }
    }
}
