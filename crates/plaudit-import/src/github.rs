//! A person's public work on GitHub: the pull requests and issues they opened in public
//! repositories (GitHub's issue search) and the public repositories they own that are not
//! forks, with their stars. Read through [`plaudit_github::Client`], with the program's token
//! or none (public reads need none).
//!
//! One read makes two listings, each conditional on its first page's `ETag`. Both ETags travel
//! in the one [`Validators::etag`] as a small JSON object, `{"repos":"W/\"…\"","issues":"…"}`
//! (either may be absent); anything else there is ignored, as if there were none. The read is
//! [`Outcome::NotModified`] only when both listings answer `304`. When one changed, the other is
//! read again in full, so a batch always holds the whole source.
//!
//! Entry positions in [`EntryProblem`]s count the repositories first, then the issues and pull
//! requests, in the order GitHub listed them.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use plaudit_domain::{CanonicalUrl, ContributionType, ReachMetric};
use plaudit_github::{AuthoredItem, Client, Error, IssueState, Listing, OwnedRepo, Unreadable};
use serde::{Deserialize, Serialize};

use crate::{
    Batch, EntryProblem, Failure, FailureKind, Identity, IdentityKind, Item, Outcome,
    PullRequestState, Reason, Summary, Validators,
};

/// The two ETags of a read, as stored in [`Validators::etag`].
#[derive(Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
struct Etags {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    repos: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    issues: Option<String>,
}

impl Etags {
    fn decode(validators: &Validators) -> Etags {
        validators
            .etag
            .as_deref()
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_default()
    }

    fn encode(&self) -> Option<String> {
        if self.repos.is_none() && self.issues.is_none() {
            return None;
        }
        serde_json::to_string(self).ok()
    }
}

/// What one listing brought.
struct Read<T> {
    items: Vec<T>,
    unreadable: Vec<Unreadable>,
    etag: Option<String>,
    complete: bool,
}

/// Reads `login`'s public work. `login` may also be written `@login` or as the profile's
/// address, `https://github.com/login`. With `since`, only work created on or after that day
/// (UTC) is read: issues and pull requests opened, repositories created.
pub async fn read(
    client: &Client,
    login: &str,
    validators: &Validators,
    since: Option<Date>,
) -> Result<Outcome, Failure> {
    let login = parse_login(login)?;
    let etags = Etags::decode(validators);

    // Repositories first: an unknown login is a plain 404 there (the search says 422).
    let repos = client.owned_repos(login, etags.repos.as_deref()).await.map_err(failure)?;
    let authored = client.authored(login, since, etags.issues.as_deref()).await.map_err(failure)?;
    let (repos, authored) = match (repos, authored) {
        (Listing::Unchanged, Listing::Unchanged) => return Ok(Outcome::NotModified),
        (repos, authored) => (repos, authored),
    };
    // One listing changed: read the other again, so the batch is the whole source.
    let repos = match into_read(repos) {
        Some(read) => read,
        None => into_read(client.owned_repos(login, None).await.map_err(failure)?)
            .ok_or_else(unconditional_304)?,
    };
    let authored = match into_read(authored) {
        Some(read) => read,
        None => into_read(client.authored(login, since, None).await.map_err(failure)?)
            .ok_or_else(unconditional_304)?,
    };
    if !authored.complete {
        tracing::warn!(login, "GitHub's search gave only part of the issues and pull requests");
    }

    let mut batch = Batch::default();
    let repo_count = repos.items.len() + repos.unreadable.len();
    for (repo, position) in repos.items.iter().zip(positions(&repos, 0)) {
        let too_old = since.is_some_and(|since| utc_date(repo.created_at) < since);
        if !(repo.fork || repo.private || too_old) {
            push(&mut batch, position, repo_item(repo));
        }
    }
    for (item, position) in authored.items.iter().zip(positions(&authored, repo_count)) {
        push(&mut batch, position, authored_item(item));
    }
    let unreadable = repos.unreadable.iter().map(|u| (0, u));
    for (offset, u) in unreadable.chain(authored.unreadable.iter().map(|u| (repo_count, u))) {
        batch.problems.push(EntryProblem {
            position: offset + u.position,
            id: u.id.clone(),
            reason: Reason::Unreadable(u.reason.clone()),
        });
    }
    batch.problems.sort_by_key(|problem| problem.position);

    // The login as GitHub spells it, from what GitHub sent; as typed when it sent nothing.
    let spelled = repos
        .items
        .iter()
        .map(|repo| repo.owner.as_str())
        .chain(authored.items.iter().map(|item| item.author.as_str()))
        .find(|seen| seen.eq_ignore_ascii_case(login))
        .unwrap_or(login);
    batch.identities.push(Identity { kind: IdentityKind::GitHub, value: spelled.to_owned() });
    batch.validators = Validators {
        etag: Etags { repos: repos.etag, issues: authored.etag }.encode(),
        last_modified: None,
    };
    Ok(Outcome::Read(batch))
}

/// The positions of a listing's readable entries (from 1, plus `offset`): every position but
/// those of the entries that could not be read.
fn positions<T>(read: &Read<T>, offset: usize) -> impl Iterator<Item = usize> + use<'_, T> {
    let total = read.items.len() + read.unreadable.len();
    (1..=total)
        .filter(|p| !read.unreadable.iter().any(|u| u.position == *p))
        .map(move |p| offset + p)
}

fn into_read<T>(listing: Listing<T>) -> Option<Read<T>> {
    match listing {
        Listing::Unchanged => None,
        Listing::Changed { items, unreadable, etag, complete } => {
            Some(Read { items, unreadable, etag, complete })
        }
    }
}

fn unconditional_304() -> Failure {
    Failure::new(FailureKind::Malformed, "GitHub answered 304 to an unconditional request")
}

fn push(batch: &mut Batch, position: usize, item: Result<Item, (String, Reason)>) {
    match item {
        Ok(item) => batch.items.push(item),
        Err((id, reason)) => batch.problems.push(EntryProblem { position, id: Some(id), reason }),
    }
}

/// `login`, `@login`, or `https://github.com/login` (a trailing slash, `www.` and `http:`
/// allowed); GitHub's own rules are checked by the client.
fn parse_login(locator: &str) -> Result<&str, Failure> {
    let text = locator.trim();
    let text = text.strip_prefix('@').unwrap_or(text);
    let lower = text.to_ascii_lowercase();
    let path =
        ["https://github.com/", "http://github.com/", "https://www.github.com/", "github.com/"]
            .iter()
            .find(|prefix| lower.starts_with(*prefix))
            .map(|prefix| &text[prefix.len()..]);
    let login = match path {
        Some(path) => path.trim_end_matches('/'),
        None => text,
    };
    let valid = !login.is_empty()
        && login.len() <= 39
        && login.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !login.starts_with('-');
    if valid {
        Ok(login)
    } else {
        Err(Failure::new(FailureKind::InvalidLocator, format!("{locator:?} is not a GitHub login")))
    }
}

fn utc_date(at: Timestamp) -> Date {
    at.to_zoned_datetime(TimeZone::UTC).date()
}

fn canonical(url: &str) -> Result<CanonicalUrl, (String, Reason)> {
    CanonicalUrl::parse(url).map_err(|e| {
        tracing::debug!(url, error = %e, "GitHub sent an address Plaudit cannot keep");
        (url.to_owned(), Reason::LinkNotWeb(url.to_owned()))
    })
}

fn repo_item(repo: &OwnedRepo) -> Result<Item, (String, Reason)> {
    let canonical_url = canonical(&repo.html_url)?;
    let name = repo.full_name.rsplit('/').next().unwrap_or(&repo.full_name).trim();
    if name.is_empty() {
        return Err((repo.html_url.clone(), Reason::NoTitle));
    }
    let summary = Summary::Repository {
        full_name: repo.full_name.clone(),
        description: repo
            .description
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned),
        language: repo.language.clone(),
        archived: repo.archived,
    };
    Ok(Item {
        external_id: repo.node_id.clone(),
        url: repo.html_url.clone(),
        canonical_url,
        title: name.to_owned(),
        summary,
        contribution_type: ContributionType::OpenSourceProject,
        occurred_on: utc_date(repo.created_at),
        reach: Some((ReachMetric::Stars, i64::try_from(repo.stargazers_count).unwrap_or(i64::MAX))),
    })
}

fn authored_item(item: &AuthoredItem) -> Result<Item, (String, Reason)> {
    let canonical_url = canonical(&item.html_url)?;
    let title = item.title.trim();
    if title.is_empty() {
        return Err((item.html_url.clone(), Reason::NoTitle));
    }
    let summary = if item.is_pull_request {
        let state = match (item.merged_at, item.state) {
            (Some(merged), _) => PullRequestState::Merged(utc_date(merged)),
            (None, IssueState::Closed) => PullRequestState::Closed,
            (None, IssueState::Open) if item.draft => PullRequestState::Draft,
            (None, IssueState::Open) => PullRequestState::Open,
        };
        Summary::PullRequest { number: item.number, repository: item.repository.clone(), state }
    } else {
        Summary::Issue {
            number: item.number,
            repository: item.repository.clone(),
            open: item.state == IssueState::Open,
        }
    };
    Ok(Item {
        external_id: item.node_id.clone(),
        url: item.html_url.clone(),
        canonical_url,
        title: title.to_owned(),
        summary,
        // An issue is a contribution to the project as much as a pull request is; "product
        // feedback" is for the program's own products, which GitHub cannot tell apart.
        contribution_type: ContributionType::OpenSourceProject,
        occurred_on: utc_date(item.created_at),
        reach: None,
    })
}

/// GitHub's errors as the import's failures.
fn failure(error: Error) -> Failure {
    let detail = error.to_string();
    match error {
        Error::RateLimited { retry_at } => {
            let wait = retry_at.as_second().saturating_sub(Timestamp::now().as_second()).max(1);
            Failure {
                kind: FailureKind::RateLimited,
                detail,
                retry_after: Some(wait.unsigned_abs()),
            }
        }
        Error::NotFound { .. } => Failure::new(FailureKind::NotFound, detail),
        Error::InvalidLogin(_) | Error::InvalidRepo(_) => {
            Failure::new(FailureKind::InvalidLocator, detail)
        }
        Error::Unauthorized | Error::Forbidden { .. } | Error::Rejected { .. } => {
            Failure::new(FailureKind::Refused, detail)
        }
        Error::Server { .. } => Failure::new(FailureKind::ServerError, detail),
        Error::Malformed(_) => Failure::new(FailureKind::Malformed, detail),
        Error::Transport(message) if message.contains("timed out") => {
            Failure::new(FailureKind::Timeout, detail)
        }
        _ => Failure::new(FailureKind::Network, detail),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn logins_are_read_from_what_people_type() {
        for typed in
            ["octo-cat", " @octo-cat ", "https://github.com/octo-cat", "github.com/octo-cat/"]
        {
            assert_eq!(parse_login(typed).unwrap(), "octo-cat", "{typed:?}");
        }
        for bad in ["", "@", "-x", "https://github.com/", "octo cat", "a/b", "https://gitlab.com/x"]
        {
            assert_eq!(parse_login(bad).unwrap_err().kind, FailureKind::InvalidLocator, "{bad:?}");
        }
    }

    #[test]
    fn the_etags_travel_as_one_json_object() {
        let etags = Etags { repos: Some("W/\"a\"".into()), issues: None };
        let encoded = etags.encode().unwrap();
        assert_eq!(encoded, r#"{"repos":"W/\"a\""}"#);
        let decoded = Etags::decode(&Validators { etag: Some(encoded), last_modified: None });
        assert_eq!(decoded, etags);
        // Anything else reads as no ETag at all.
        let legacy = Validators { etag: Some("W/\"abc\"".into()), last_modified: None };
        assert_eq!(Etags::decode(&legacy), Etags::default());
        assert_eq!(Etags::default().encode(), None);
    }
}
