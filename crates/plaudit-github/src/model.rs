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
            closed_at: self
                .closed_at
                .as_deref()
                .map(|at| timestamp("closed_at", at))
                .transpose()?,
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

/// GitHub's error body, `{"message": …, "documentation_url": …}`.
#[derive(Deserialize)]
pub(crate) struct WireError {
    #[serde(default)]
    pub(crate) message: String,
}
