//! GitHub's answers, built from the recorded examples in `fixtures/` (taken from GitHub's REST
//! API description) with each item's own values filled in.

use std::sync::OnceLock;

use jiff::Timestamp;
use serde_json::{Value, json};

use super::{FakeComment, FakeIssue, FakeLabel, RepoDetails};

const ISSUE: &str = include_str!("fixtures/issue.json");
const COMMENT: &str = include_str!("fixtures/comment.json");
const LABELS: &str = include_str!("fixtures/labels.json");
const ERRORS: &str = include_str!("fixtures/errors.json");
const REPO: &str = include_str!("fixtures/repo.json");

/// Where a rendered object's links point: the fake's API root, and github.com for pages.
const HTML_ROOT: &str = "https://github.com";
const API_ROOT_IN_FIXTURES: &str = "https://api.github.com";

pub(super) struct Templates {
    issue: Value,
    comment: Value,
    label: Value,
    errors: Value,
    repo: Value,
}

/// The fixtures, read once; `None` if one is not JSON (a test checks they are).
pub(super) fn templates() -> Option<&'static Templates> {
    static TEMPLATES: OnceLock<Option<Templates>> = OnceLock::new();
    TEMPLATES
        .get_or_init(|| {
            Some(Templates {
                issue: serde_json::from_str(ISSUE).ok()?,
                comment: serde_json::from_str(COMMENT).ok()?,
                label: serde_json::from_str::<Value>(LABELS).ok()?.get(0)?.clone(),
                errors: serde_json::from_str(ERRORS).ok()?,
                repo: serde_json::from_str(REPO).ok()?,
            })
        })
        .as_ref()
}

/// What the renderer needs to know of the repository and its people.
pub(super) struct Context<'a> {
    pub api_root: &'a str,
    pub full_name: &'a str,
    pub owner: &'a str,
    /// The login the fake's token belongs to: the AMA's host.
    pub host: &'a str,
    pub label: &'a dyn Fn(&str) -> Option<FakeLabel>,
}

/// A user's id, the same for a login every time (FNV-1a of it, in a range clear of the
/// fixtures' `1`).
pub(super) fn user_id(login: &str) -> u64 {
    let hash = login.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    1_000_000 + hash % 90_000_000
}

pub(super) fn github_time(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn set(object: &mut Value, key: &str, value: impl Into<Value>) {
    if let Some(map) = object.as_object_mut() {
        map.insert(key.to_owned(), value.into());
    }
}

impl Templates {
    pub(super) fn error(&self, kind: &str) -> Value {
        self.errors.get(kind).cloned().unwrap_or_else(|| json!({ "message": kind }))
    }

    pub(super) fn user(&self, cx: &Context<'_>, login: &str) -> Value {
        let id = user_id(login);
        let mut user = self.issue.get("user").cloned().unwrap_or_else(|| json!({}));
        if let Some(map) = user.as_object_mut() {
            for value in map.values_mut() {
                if let Value::String(text) = value {
                    *text =
                        text.replace(API_ROOT_IN_FIXTURES, cx.api_root).replace("octocat", login);
                }
            }
        }
        set(&mut user, "login", login);
        set(&mut user, "id", id);
        set(&mut user, "node_id", format!("U_kgDO{id:08}"));
        set(&mut user, "avatar_url", format!("https://avatars.githubusercontent.com/u/{id}?v=4"));
        user
    }

    pub(super) fn label(&self, cx: &Context<'_>, label: &FakeLabel) -> Value {
        let mut value = self.label.clone();
        let escaped: String = form_urlencoded::byte_serialize(label.name.as_bytes()).collect();
        set(&mut value, "id", label.id);
        set(&mut value, "node_id", format!("LA_kwDO{:010}", label.id));
        set(
            &mut value,
            "url",
            format!(
                "{}/repos/{}/labels/{}",
                cx.api_root,
                cx.full_name,
                escaped.replace('+', "%20")
            ),
        );
        set(&mut value, "name", label.name.as_str());
        set(&mut value, "description", label.description.clone());
        set(&mut value, "color", label.color.as_str());
        set(&mut value, "default", label.default);
        value
    }

    fn association(cx: &Context<'_>, login: &str) -> &'static str {
        if login == cx.owner {
            "OWNER"
        } else if login == cx.host {
            "COLLABORATOR"
        } else {
            "NONE"
        }
    }

    pub(super) fn issue(&self, cx: &Context<'_>, issue: &FakeIssue) -> Value {
        let mut value = self.issue.clone();
        let api = format!("{}/repos/{}/issues/{}", cx.api_root, cx.full_name, issue.number);
        let kind = if issue.pull_request { "pull" } else { "issues" };
        let labels: Vec<Value> = issue
            .labels
            .iter()
            .filter_map(|name| (cx.label)(name))
            .map(|label| self.label(cx, &label))
            .collect();
        set(&mut value, "id", issue.id);
        set(&mut value, "node_id", format!("I_kwDO{:010}", issue.id));
        set(&mut value, "url", api.as_str());
        set(&mut value, "repository_url", format!("{}/repos/{}", cx.api_root, cx.full_name));
        set(&mut value, "labels_url", format!("{api}/labels{{/name}}"));
        set(&mut value, "comments_url", format!("{api}/comments"));
        set(&mut value, "events_url", format!("{api}/events"));
        set(
            &mut value,
            "html_url",
            format!("{HTML_ROOT}/{}/{kind}/{}", cx.full_name, issue.number),
        );
        set(&mut value, "number", issue.number);
        set(
            &mut value,
            "state",
            if issue.state == crate::IssueState::Open { "open" } else { "closed" },
        );
        set(&mut value, "title", issue.title.as_str());
        set(&mut value, "body", issue.body.clone());
        set(&mut value, "user", self.user(cx, &issue.user));
        set(&mut value, "labels", labels);
        set(&mut value, "assignee", Value::Null);
        set(&mut value, "assignees", json!([]));
        set(&mut value, "milestone", Value::Null);
        set(&mut value, "locked", false);
        set(&mut value, "active_lock_reason", Value::Null);
        set(&mut value, "comments", issue.comments.len());
        if issue.pull_request {
            let pulls = format!("{}/repos/{}/pulls/{}", cx.api_root, cx.full_name, issue.number);
            let page = format!("{HTML_ROOT}/{}/pull/{}", cx.full_name, issue.number);
            let mut pull = self.issue.get("pull_request").cloned().unwrap_or_else(|| json!({}));
            set(&mut pull, "url", pulls);
            set(&mut pull, "diff_url", format!("{page}.diff"));
            set(&mut pull, "patch_url", format!("{page}.patch"));
            set(&mut pull, "html_url", page);
            set(&mut pull, "merged_at", issue.merged_at.map(github_time));
            set(&mut value, "pull_request", pull);
        } else if let Some(map) = value.as_object_mut() {
            map.remove("pull_request");
        }
        set(&mut value, "closed_at", issue.closed_at.map(github_time));
        set(&mut value, "created_at", github_time(issue.created_at));
        set(&mut value, "updated_at", github_time(issue.updated_at));
        let closed_by =
            issue.closed_by.as_deref().map_or(Value::Null, |login| self.user(cx, login));
        set(&mut value, "closed_by", closed_by);
        set(&mut value, "author_association", Self::association(cx, &issue.user));
        set(&mut value, "state_reason", issue.state_reason.map(|reason| reason.as_str()));
        value
    }

    /// An issue or pull request as the issue search lists it: the issue, its relevance score,
    /// and for a pull request whether it is a draft.
    pub(super) fn search_item(&self, cx: &Context<'_>, issue: &FakeIssue) -> Value {
        let mut value = self.issue(cx, issue);
        set(&mut value, "score", 1.0);
        set(
            &mut value,
            "timeline_url",
            format!("{}/repos/{}/issues/{}/timeline", cx.api_root, cx.full_name, issue.number),
        );
        if issue.pull_request {
            set(&mut value, "draft", false);
        }
        value
    }

    /// A repository as `GET /users/{login}/repos` lists it (GitHub's minimal repository).
    pub(super) fn repo(&self, cx: &Context<'_>, id: u64, details: &RepoDetails) -> Value {
        let mut value = self.repo.clone();
        if let Some(map) = value.as_object_mut() {
            for field in map.values_mut() {
                if let Value::String(text) = field {
                    *text = text
                        .replace(API_ROOT_IN_FIXTURES, cx.api_root)
                        .replace("octocat/Hello-World", cx.full_name);
                }
            }
        }
        let name = cx.full_name.split_once('/').map_or(cx.full_name, |(_, name)| name);
        set(&mut value, "id", id);
        set(&mut value, "node_id", format!("R_kgDO{id:08}"));
        set(&mut value, "name", name);
        set(&mut value, "full_name", cx.full_name);
        set(&mut value, "private", details.private);
        set(&mut value, "visibility", if details.private { "private" } else { "public" });
        set(&mut value, "owner", self.user(cx, cx.owner));
        set(&mut value, "html_url", format!("{HTML_ROOT}/{}", cx.full_name));
        set(&mut value, "description", details.description.clone());
        set(&mut value, "language", details.language.clone());
        set(&mut value, "fork", details.fork);
        set(&mut value, "archived", details.archived);
        set(&mut value, "stargazers_count", details.stars);
        set(&mut value, "watchers_count", details.stars);
        set(&mut value, "watchers", details.stars);
        set(&mut value, "forks_count", details.forks);
        set(&mut value, "forks", details.forks);
        set(&mut value, "created_at", github_time(details.created_at));
        set(&mut value, "pushed_at", github_time(details.pushed_at));
        set(&mut value, "updated_at", github_time(details.pushed_at));
        value
    }

    pub(super) fn comment(
        &self,
        cx: &Context<'_>,
        issue_number: u64,
        comment: &FakeComment,
    ) -> Value {
        let mut value = self.comment.clone();
        set(&mut value, "id", comment.id);
        set(&mut value, "node_id", format!("IC_kwDO{:010}", comment.id));
        set(
            &mut value,
            "url",
            format!("{}/repos/{}/issues/comments/{}", cx.api_root, cx.full_name, comment.id),
        );
        set(
            &mut value,
            "html_url",
            format!(
                "{HTML_ROOT}/{}/issues/{issue_number}#issuecomment-{}",
                cx.full_name, comment.id
            ),
        );
        set(&mut value, "body", comment.body.as_str());
        set(&mut value, "user", self.user(cx, &comment.user));
        set(&mut value, "created_at", github_time(comment.created_at));
        set(&mut value, "updated_at", github_time(comment.updated_at));
        set(
            &mut value,
            "issue_url",
            format!("{}/repos/{}/issues/{issue_number}", cx.api_root, cx.full_name),
        );
        set(&mut value, "author_association", Self::association(cx, &comment.user));
        value
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_fixtures_are_githubs_recorded_shapes() {
        let t = templates().unwrap();
        // The recorded issue is a pull request's entry in a listing, with every field.
        for key in [
            "url", "html_url", "number", "state", "state_reason", "user", "labels", "pull_request",
            "closed_by", "comments", "author_association",
        ] {
            assert!(t.issue.get(key).is_some(), "issue fixture lacks {key}");
        }
        assert_eq!(t.comment["user"]["login"], "octocat");
        assert_eq!(t.label["name"], "bug");
        assert_eq!(t.error("bad_credentials")["message"], "Bad credentials");
        // The recorded minimal repository, as `GET /users/{login}/repos` lists them.
        for key in [
            "node_id", "full_name", "owner", "html_url", "fork", "stargazers_count", "forks_count",
            "archived", "visibility", "pushed_at", "created_at",
        ] {
            assert!(t.repo.get(key).is_some(), "repo fixture lacks {key}");
        }
        assert!(t.issue["pull_request"].get("merged_at").is_some());
    }
}
