use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::Error;

/// A GitHub repository, `owner/name`, checked against GitHub's naming rules so it is safe in a
/// URL path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Repo {
    owner: String,
    name: String,
}

impl Repo {
    pub fn new(owner: &str, name: &str) -> Result<Repo, Error> {
        let owner_ok = (1..=39).contains(&owner.len())
            && owner.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let name_ok = (1..=100).contains(&name.len())
            && name != "."
            && name != ".."
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if owner_ok && name_ok {
            Ok(Repo { owner: owner.to_owned(), name: name.to_owned() })
        } else {
            Err(Error::InvalidRepo(format!("{owner}/{name}")))
        }
    }

    pub fn owner(&self) -> &str {
        &self.owner
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl FromStr for Repo {
    type Err = Error;

    /// `owner/name`.
    fn from_str(s: &str) -> Result<Repo, Error> {
        match s.split_once('/') {
            Some((owner, name)) => Repo::new(owner, name),
            None => Err(Error::InvalidRepo(s.to_owned())),
        }
    }
}

impl fmt::Display for Repo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.owner, self.name)
    }
}

/// An issue's state: a question is answered when its issue is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueState {
    Open,
    Closed,
}

impl IssueState {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueState::Open => "open",
            IssueState::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<IssueState> {
        match s {
            "open" => Some(IssueState::Open),
            "closed" => Some(IssueState::Closed),
            _ => None,
        }
    }
}

/// Why an issue was closed (or that it was reopened), GitHub's `state_reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateReason {
    Completed,
    NotPlanned,
    Duplicate,
    Reopened,
}

impl StateReason {
    pub fn as_str(self) -> &'static str {
        match self {
            StateReason::Completed => "completed",
            StateReason::NotPlanned => "not_planned",
            StateReason::Duplicate => "duplicate",
            StateReason::Reopened => "reopened",
        }
    }

    /// A reason GitHub may add later reads as `None` rather than failing the whole page.
    pub fn parse(s: &str) -> Option<StateReason> {
        match s {
            "completed" => Some(StateReason::Completed),
            "not_planned" => Some(StateReason::NotPlanned),
            "duplicate" => Some(StateReason::Duplicate),
            "reopened" => Some(StateReason::Reopened),
            _ => None,
        }
    }
}

/// An issue (never a pull request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub number: u64,
    pub title: String,
    pub body: Option<String>,
    pub state: IssueState,
    pub state_reason: Option<StateReason>,
    /// Label names.
    pub labels: Vec<String>,
    /// `ghost` when GitHub no longer knows the author.
    pub user_login: String,
    pub html_url: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub closed_at: Option<Timestamp>,
    /// How many comments the issue has.
    pub comments: u64,
}

/// A comment on an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: u64,
    pub body: String,
    pub user_login: String,
    pub html_url: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// What [`crate::Client::issues`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueList {
    /// `304 Not Modified` on the first page: the ETag passed in still holds.
    Unchanged,
    /// Every issue, oldest update first, and the first page's ETag to pass next time.
    Changed { issues: Vec<Issue>, etag: Option<String> },
}

// What GitHub sends, read leniently: the fields we keep, everything else ignored.

#[derive(Deserialize)]
pub(crate) struct WireUser {
    login: String,
}

/// The issue schema allows a label as a bare name or as an object.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum WireLabel {
    Name(String),
    Object { name: Option<String> },
}

impl WireLabel {
    fn into_name(self) -> Option<String> {
        match self {
            WireLabel::Name(name) => Some(name),
            WireLabel::Object { name } => name,
        }
    }
}

pub(crate) fn label_names(labels: Vec<WireLabel>) -> Vec<String> {
    labels.into_iter().filter_map(WireLabel::into_name).collect()
}

#[derive(Deserialize)]
pub(crate) struct WireIssue {
    number: u64,
    title: String,
    body: Option<String>,
    state: String,
    #[serde(default)]
    state_reason: Option<String>,
    #[serde(default)]
    labels: Vec<WireLabel>,
    user: Option<WireUser>,
    html_url: String,
    created_at: String,
    updated_at: String,
    closed_at: Option<String>,
    #[serde(default)]
    comments: u64,
    /// Present (an object) on pull requests only.
    #[serde(default)]
    pull_request: Option<IgnoredAny>,
}

impl WireIssue {
    pub(crate) fn is_pull_request(&self) -> bool {
        self.pull_request.is_some()
    }

    pub(crate) fn into_issue(self) -> Result<Issue, Error> {
        let state = IssueState::parse(&self.state).ok_or_else(|| {
            Error::Malformed(format!("issue #{}: state {:?}", self.number, self.state))
        })?;
        Ok(Issue {
            number: self.number,
            title: self.title,
            body: self.body,
            state,
            state_reason: self.state_reason.as_deref().and_then(StateReason::parse),
            labels: label_names(self.labels),
            user_login: login(self.user),
            html_url: self.html_url,
            created_at: timestamp("created_at", &self.created_at)?,
            updated_at: timestamp("updated_at", &self.updated_at)?,
            closed_at: optional_timestamp("closed_at", self.closed_at.as_deref())?,
            comments: self.comments,
        })
    }
}

#[derive(Deserialize)]
pub(crate) struct WireComment {
    id: u64,
    #[serde(default)]
    body: Option<String>,
    user: Option<WireUser>,
    html_url: String,
    created_at: String,
    updated_at: String,
}

impl WireComment {
    pub(crate) fn into_comment(self) -> Result<Comment, Error> {
        Ok(Comment {
            id: self.id,
            body: self.body.unwrap_or_default(),
            user_login: login(self.user),
            html_url: self.html_url,
            created_at: timestamp("created_at", &self.created_at)?,
            updated_at: timestamp("updated_at", &self.updated_at)?,
        })
    }
}

fn login(user: Option<WireUser>) -> String {
    user.map_or_else(|| "ghost".to_owned(), |user| user.login)
}

fn timestamp(field: &str, value: &str) -> Result<Timestamp, Error> {
    value.parse().map_err(|e| Error::Malformed(format!("{field} {value:?}: {e}")))
}

/// A field that may be null: absent stays absent, present must be a timestamp.
fn optional_timestamp(field: &str, value: Option<&str>) -> Result<Option<Timestamp>, Error> {
    value.map(|at| timestamp(field, at)).transpose()
}

/// GitHub's error body, `{"message": …, "documentation_url": …}`.
#[derive(Deserialize)]
pub(crate) struct WireError {
    #[serde(default)]
    pub(crate) message: String,
}

/// A GitHub login, checked so it is safe in a path and in a search query: 1 to 39 letters,
/// digits and hyphens, not starting with one. (New logins may not end with a hyphen or hold two
/// in a row; some old ones do, so those are let through.)
pub(crate) fn check_login(login: &str) -> Result<&str, Error> {
    let ok = (1..=39).contains(&login.len())
        && login.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !login.starts_with('-');
    if ok { Ok(login) } else { Err(Error::InvalidLogin(login.to_owned())) }
}

/// An issue or pull request someone opened, as GitHub's issue search lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthoredItem {
    /// GitHub's global id (`I_…`, `PR_…`): stable across renames and transfers.
    pub node_id: String,
    pub number: u64,
    pub title: String,
    pub html_url: String,
    /// `owner/name` of the repository it is in.
    pub repository: String,
    /// As GitHub spells it.
    pub author: String,
    pub state: IssueState,
    pub is_pull_request: bool,
    /// Pull requests only: when it was merged, if it was.
    pub merged_at: Option<Timestamp>,
    /// Pull requests only: opened as a draft and not yet marked ready.
    pub draft: bool,
    pub created_at: Timestamp,
    pub closed_at: Option<Timestamp>,
    pub comments: u64,
}

/// A repository as `GET /users/{login}/repos` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedRepo {
    pub node_id: String,
    /// `owner/name`.
    pub full_name: String,
    /// The owner's login, as GitHub spells it.
    pub owner: String,
    pub html_url: String,
    pub description: Option<String>,
    pub language: Option<String>,
    /// A fork of another repository (the work is mostly someone else's).
    pub fork: bool,
    pub private: bool,
    pub archived: bool,
    pub stargazers_count: u64,
    pub forks_count: u64,
    pub created_at: Timestamp,
    pub pushed_at: Option<Timestamp>,
}

/// One entry of a listing that could not be read; the others still were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Its position in the listing, from 1, over all pages.
    pub position: usize,
    /// Its `html_url` (or `node_id`) when it had one.
    pub id: Option<String>,
    pub reason: String,
}

/// What a conditional listing found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listing<T> {
    /// `304 Not Modified` on the first page: the ETag passed in still holds.
    Unchanged,
    Changed {
        items: Vec<T>,
        unreadable: Vec<Unreadable>,
        /// The first page's ETag, to pass next time.
        etag: Option<String>,
        /// False when GitHub said it could not list everything (a search that timed out, or
        /// more matches than the 1,000 a search gives).
        complete: bool,
    },
}

/// The search API's answer: `{"total_count", "incomplete_results", "items"}`.
#[derive(Deserialize)]
pub(crate) struct WireSearch {
    pub(crate) total_count: u64,
    #[serde(default)]
    pub(crate) incomplete_results: bool,
    pub(crate) items: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct WirePullRequest {
    #[serde(default)]
    merged_at: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct WireSearchItem {
    node_id: String,
    number: u64,
    title: String,
    html_url: String,
    repository_url: String,
    user: Option<WireUser>,
    state: String,
    #[serde(default)]
    draft: Option<bool>,
    #[serde(default)]
    pull_request: Option<WirePullRequest>,
    created_at: String,
    #[serde(default)]
    closed_at: Option<String>,
    #[serde(default)]
    comments: u64,
}

impl WireSearchItem {
    pub(crate) fn into_item(self) -> Result<AuthoredItem, Error> {
        let state = IssueState::parse(&self.state)
            .ok_or_else(|| Error::Malformed(format!("state {:?}", self.state)))?;
        // `https://api.github.com/repos/{owner}/{name}`: the last two segments.
        let mut segments = self.repository_url.trim_end_matches('/').rsplit('/');
        let repository = match (segments.next(), segments.next()) {
            (Some(name), Some(owner)) => Repo::new(owner, name)?.to_string(),
            _ => {
                return Err(Error::Malformed(format!("repository_url {:?}", self.repository_url)));
            }
        };
        let merged_at = self.pull_request.as_ref().and_then(|pull| pull.merged_at.as_deref());
        let merged_at = optional_timestamp("merged_at", merged_at)?;
        Ok(AuthoredItem {
            node_id: self.node_id,
            number: self.number,
            title: self.title,
            html_url: self.html_url,
            repository,
            author: login(self.user),
            state,
            is_pull_request: self.pull_request.is_some(),
            merged_at,
            draft: self.draft.unwrap_or(false),
            created_at: timestamp("created_at", &self.created_at)?,
            closed_at: optional_timestamp("closed_at", self.closed_at.as_deref())?,
            comments: self.comments,
        })
    }
}

#[derive(Deserialize)]
pub(crate) struct WireRepo {
    node_id: String,
    full_name: String,
    owner: Option<WireUser>,
    html_url: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    fork: bool,
    #[serde(default)]
    private: bool,
    #[serde(default)]
    archived: bool,
    #[serde(default)]
    stargazers_count: u64,
    #[serde(default)]
    forks_count: u64,
    created_at: String,
    #[serde(default)]
    pushed_at: Option<String>,
}

impl WireRepo {
    pub(crate) fn into_repo(self) -> Result<OwnedRepo, Error> {
        let owner = match self.owner {
            Some(owner) => owner.login,
            None => self.full_name.split('/').next().unwrap_or_default().to_owned(),
        };
        Ok(OwnedRepo {
            node_id: self.node_id,
            full_name: self.full_name,
            owner,
            html_url: self.html_url,
            description: self.description.filter(|d| !d.trim().is_empty()),
            language: self.language,
            fork: self.fork,
            private: self.private,
            archived: self.archived,
            stargazers_count: self.stargazers_count,
            forks_count: self.forks_count,
            created_at: timestamp("created_at", &self.created_at)?,
            pushed_at: optional_timestamp("pushed_at", self.pushed_at.as_deref())?,
        })
    }
}

/// Where an entry of a listing can be found again, for an [`Unreadable`].
pub(crate) fn entry_id(value: &serde_json::Value) -> Option<String> {
    ["html_url", "node_id", "full_name"]
        .iter()
        .find_map(|key| value.get(key).and_then(serde_json::Value::as_str))
        .map(str::to_owned)
}
