//! What every source hands back, whatever it read.

use jiff::civil::Date;
use plaudit_domain::contribution::URL_MAX_CHARS;
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
    pub summary: Summary,
    pub contribution_type: ContributionType,
    /// The day the work was published or happened, in UTC.
    pub occurred_on: Date,
    pub reach: Option<(ReachMetric, i64)>,
}

/// What a suggestion says of itself: the source's own words, or the facts an API gave, which
/// the app words in the person's language as it keeps the suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Summary {
    /// Plain text from the source (a post's excerpt, a video's description), at most
    /// [`SUMMARY_MAX_CHARS`](crate::feed::SUMMARY_MAX_CHARS) characters; may be empty.
    Text(String),
    /// A repository the person owns: `owner/name`, and what GitHub says of it.
    Repository {
        full_name: String,
        description: Option<String>,
        language: Option<String>,
        archived: bool,
    },
    PullRequest {
        number: u64,
        /// `owner/name`.
        repository: String,
        state: PullRequestState,
    },
    Issue {
        number: u64,
        repository: String,
        open: bool,
    },
    /// An answer on a Stack Exchange site (its host name).
    Answer {
        site: String,
        accepted: bool,
    },
    /// A talk at an event, from a speaker profile.
    Talk {
        event: String,
        location: Option<String>,
        start: Date,
        /// The last day, when the event ran over several.
        end: Option<Date>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullRequestState {
    Merged(Date),
    Closed,
    Draft,
    Open,
}

/// One entry that could not be read; the rest of the source's entries still are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProblem {
    /// The entry's position in the source, from 1.
    pub position: usize,
    /// Its id or address when it had one.
    pub id: Option<String>,
    pub reason: Reason,
}

/// Why an entry could not be read. Its [`kind`](Reason::kind) is stable: the app stores it and
/// shows a translated sentence for it, which quotes the [`argument`](Reason::argument).
/// `Display` is the English sentence, for logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    NoTitle,
    NoLink,
    NoDate,
    /// The date as the entry wrote it (at most 60 characters).
    DateUnreadable(String),
    /// The link as the entry wrote it, or as it resolved.
    LinkNotWeb(String),
    /// Longer than [`URL_MAX_CHARS`].
    LinkTooLong,
    /// A field an API answer must have is missing or of the wrong type: its name.
    FieldMissing(String),
    /// The XML parser's words (English), for the person to fix their feed by.
    XmlBroken(String),
    /// The parser's words (English): the entry is not of a shape it can read.
    Unreadable(String),
    /// The entry read as no entry at all (or as several).
    NotAnEntry,
}

/// The stable name of a [`Reason`] (`import_problem.kind`, and `import-problem-…` in the
/// message catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReasonKind {
    NoTitle,
    NoLink,
    NoDate,
    DateUnreadable,
    LinkNotWeb,
    LinkTooLong,
    FieldMissing,
    XmlBroken,
    Unreadable,
    NotAnEntry,
}

impl ReasonKind {
    pub const ALL: &'static [ReasonKind] = &[
        Self::NoTitle,
        Self::NoLink,
        Self::NoDate,
        Self::DateUnreadable,
        Self::LinkNotWeb,
        Self::LinkTooLong,
        Self::FieldMissing,
        Self::XmlBroken,
        Self::Unreadable,
        Self::NotAnEntry,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoTitle => "no_title",
            Self::NoLink => "no_link",
            Self::NoDate => "no_date",
            Self::DateUnreadable => "date_unreadable",
            Self::LinkNotWeb => "link_not_web",
            Self::LinkTooLong => "link_too_long",
            Self::FieldMissing => "field_missing",
            Self::XmlBroken => "xml_broken",
            Self::Unreadable => "unreadable",
            Self::NotAnEntry => "not_an_entry",
        }
    }

    pub fn parse(name: &str) -> Option<ReasonKind> {
        Self::ALL.iter().copied().find(|kind| kind.as_str() == name)
    }

    /// Whether the argument is a parser's own words (shown apart, as a technical detail)
    /// rather than the entry's text that the sentence quotes.
    pub fn argument_is_detail(self) -> bool {
        matches!(self, Self::XmlBroken | Self::Unreadable)
    }
}

impl Reason {
    /// A date that cannot be read, quoted short enough to show.
    pub fn date_unreadable(text: &str) -> Reason {
        Reason::DateUnreadable(quotable(text))
    }

    pub fn kind(&self) -> ReasonKind {
        match self {
            Self::NoTitle => ReasonKind::NoTitle,
            Self::NoLink => ReasonKind::NoLink,
            Self::NoDate => ReasonKind::NoDate,
            Self::DateUnreadable(_) => ReasonKind::DateUnreadable,
            Self::LinkNotWeb(_) => ReasonKind::LinkNotWeb,
            Self::LinkTooLong => ReasonKind::LinkTooLong,
            Self::FieldMissing(_) => ReasonKind::FieldMissing,
            Self::XmlBroken(_) => ReasonKind::XmlBroken,
            Self::Unreadable(_) => ReasonKind::Unreadable,
            Self::NotAnEntry => ReasonKind::NotAnEntry,
        }
    }

    /// What the reason quotes or adds: a date, link or field name, or a parser's words.
    pub fn argument(&self) -> Option<&str> {
        match self {
            Self::DateUnreadable(text)
            | Self::LinkNotWeb(text)
            | Self::FieldMissing(text)
            | Self::XmlBroken(text)
            | Self::Unreadable(text) => Some(text),
            Self::NoTitle | Self::NoLink | Self::NoDate | Self::LinkTooLong | Self::NotAnEntry => {
                None
            }
        }
    }
}

/// An entry's text, short enough to quote in a problem.
pub(crate) fn quotable(text: &str) -> String {
    text.trim().chars().take(60).collect()
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoTitle => f.write_str("it has no title"),
            Self::NoLink => f.write_str("it has no link"),
            Self::NoDate => f.write_str("it has no date"),
            Self::DateUnreadable(text) => write!(f, "its date {text:?} cannot be read"),
            Self::LinkNotWeb(link) => write!(f, "its link {link:?} is not a web address"),
            Self::LinkTooLong => write!(f, "its link is longer than {URL_MAX_CHARS} characters"),
            Self::FieldMissing(field) => write!(f, "its {field} is missing or of the wrong type"),
            Self::XmlBroken(why) => write!(f, "its XML is broken: {why}"),
            Self::Unreadable(why) => write!(f, "it cannot be read: {why}"),
            Self::NotAnEntry => f.write_str("it is not an entry"),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_kind_is_stored_and_read_back_by_one_name() {
        for kind in ReasonKind::ALL {
            assert_eq!(ReasonKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(ReasonKind::parse("its XML is broken"), None);
    }

    #[test]
    fn a_reason_quotes_the_entry_or_adds_the_parsers_words() {
        let date = Reason::date_unreadable(&format!("  {}  ", "9".repeat(80)));
        assert_eq!(date.kind(), ReasonKind::DateUnreadable);
        assert_eq!(date.argument().map(|a| a.chars().count()), Some(60), "quoted short");
        assert!(!date.kind().argument_is_detail());
        let broken = Reason::XmlBroken("expected `</title>`".into());
        assert!(broken.kind().argument_is_detail());
        assert_eq!(broken.to_string(), "its XML is broken: expected `</title>`");
        assert_eq!(Reason::LinkTooLong.argument(), None);
    }
}
