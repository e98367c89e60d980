//! What anyone may read without a token: the issue search (`GET /search/issues`) and a user's
//! repositories (`GET /users/{login}/repos`, whose `Link`s GitHub writes as
//! `/user/{id}/repos`). Their `ETag`s come from the body, as GitHub's do.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde_json::{Value, json};

use super::render::{Context, Templates, user_id};
use super::{
    FakeIssue, FakeRepo, RecordedRequest, Reply, Shared, State, conditional_reply, hash_hex,
    paginate,
};

/// A search gives at most this many results, however many match.
const SEARCH_CAP: usize = 1000;

/// Every login the fake knows: the token's, repository owners, authors and commenters.
fn knows(shared: &Shared, state: &State, login: &str) -> Option<String> {
    if shared.login.eq_ignore_ascii_case(login) {
        return Some(shared.login.clone());
    }
    state.repos.iter().find_map(|repo| {
        if repo.owner.eq_ignore_ascii_case(login) {
            return Some(repo.owner.clone());
        }
        repo.issues.iter().find_map(|issue| {
            if issue.user.eq_ignore_ascii_case(login) {
                return Some(issue.user.clone());
            }
            issue
                .comments
                .iter()
                .find(|c| c.user.eq_ignore_ascii_case(login))
                .map(|c| c.user.clone())
        })
    })
}

fn render_in<T>(
    shared: &Shared,
    templates: &Templates,
    repo: &FakeRepo,
    f: impl FnOnce(&Templates, &Context<'_>) -> T,
) -> T {
    let full_name = repo.full_name();
    let label = |name: &str| repo.labels.iter().find(|label| label.name == name).cloned();
    let cx = Context {
        api_root: &shared.api_root,
        full_name: &full_name,
        owner: &repo.owner,
        host: &shared.login,
        label: &label,
    };
    f(templates, &cx)
}

/// `value` as [`super::FakeGitHub::break_entry`] asked: a `created_at` that is no time.
fn maybe_broken(state: &State, mut value: Value) -> Value {
    let broken = value
        .get("html_url")
        .and_then(Value::as_str)
        .is_some_and(|url| state.broken.iter().any(|b| b == url));
    if let (true, Some(map)) = (broken, value.as_object_mut()) {
        map.insert("created_at".into(), Value::from("the day before yesterday"));
    }
    value
}

/// A `created:` range the fake understands: `>=DATE` or `>DATE`.
fn created_filter(range: &str) -> Option<(Date, bool)> {
    if let Some(date) = range.strip_prefix(">=") {
        return date.parse().ok().map(|date| (date, true));
    }
    range.strip_prefix('>').and_then(|date| date.parse().ok()).map(|date| (date, false))
}

pub(super) fn search_issues(
    shared: &Shared,
    state: &mut State,
    templates: &Templates,
    request: &RecordedRequest,
) -> Reply {
    let unsupported = || Reply::json(422, &templates.error("search_unsupported"));
    let Some(query) = request.param("q") else {
        return unsupported();
    };
    let mut author = None;
    let mut public_only = false;
    let mut pulls: Option<bool> = None;
    let mut created: Option<(Date, bool)> = None;
    for term in query.split_whitespace() {
        match term.split_once(':') {
            Some(("author", login)) => author = Some(login),
            Some(("is", "public")) => public_only = true,
            Some(("is" | "type", "pr" | "pull-request")) => pulls = Some(true),
            Some(("is" | "type", "issue")) => pulls = Some(false),
            Some(("created", range)) => match created_filter(range) {
                Some(filter) => created = Some(filter),
                None => return unsupported(),
            },
            // Free text and other qualifiers are GitHub's, not this fake's.
            _ => return unsupported(),
        }
    }
    let Some(author) = author else {
        return unsupported();
    };
    if knows(shared, state, author).is_none() {
        return Reply::json(422, &templates.error("search_invalid_user"));
    }
    let authorized = shared.authorized(request);
    let mut found: Vec<(&FakeRepo, &FakeIssue)> = Vec::new();
    for repo in &state.repos {
        if repo.details.private && (public_only || !authorized) {
            continue;
        }
        for issue in &repo.issues {
            let day = issue.created_at.to_zoned_datetime(TimeZone::UTC).date();
            if issue.user.eq_ignore_ascii_case(author)
                && pulls.is_none_or(|pulls| pulls == issue.pull_request)
                && created.is_none_or(|(from, inclusive)| day > from || (inclusive && day == from))
            {
                found.push((repo, issue));
            }
        }
    }
    let sort = request.param("sort").unwrap_or("best-match");
    found.sort_by(|(_, a), (_, b)| {
        let key = match sort {
            "updated" => a.updated_at.cmp(&b.updated_at),
            "comments" => a.comments.len().cmp(&b.comments.len()),
            // "Best match" has no meaning here: newest first, as for `created`.
            _ => a.created_at.cmp(&b.created_at),
        };
        key.then(a.id.cmp(&b.id))
    });
    if request.param("order") != Some("asc") {
        found.reverse();
    }
    let total = found.len();
    let items: Vec<Value> = found
        .iter()
        .map(|(repo, issue)| render_in(shared, templates, repo, |t, cx| t.search_item(cx, issue)))
        .map(|value| maybe_broken(state, value))
        .collect();
    let (shown, extra) = paginate(shared, request, items, "/search/issues", Some(SEARCH_CAP));
    let body = json!({ "total_count": total, "incomplete_results": false, "items": shown });
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    let etag = hash_hex(&[&bytes]);
    conditional_reply(request, bytes, &etag, extra)
}

/// `GET /users/{login}/repos`, or `GET /user/{id}/repos` as its `Link`s name it.
pub(super) fn user_repos(
    shared: &Shared,
    state: &mut State,
    templates: &Templates,
    request: &RecordedRequest,
    login: &str,
) -> Reply {
    let not_found = || Reply::json(404, &templates.error("not_found"));
    let Some(login) = knows(shared, state, login) else {
        return not_found();
    };
    let kind = request.param("type").unwrap_or("owner");
    if !matches!(kind, "all" | "owner" | "member") {
        return Reply::json(422, &templates.error("validation_failed"));
    }
    // The fake has no collaborators: a user is a member of nothing but what they own.
    let mut repos: Vec<&FakeRepo> = state
        .repos
        .iter()
        .filter(|repo| kind != "member" && repo.owner.eq_ignore_ascii_case(&login))
        .filter(|repo| !repo.details.private)
        .collect();
    let sort = request.param("sort").unwrap_or("full_name");
    repos.sort_by(|a, b| match sort {
        "created" => a.details.created_at.cmp(&b.details.created_at),
        "updated" | "pushed" => a.details.pushed_at.cmp(&b.details.pushed_at),
        _ => a.full_name().to_lowercase().cmp(&b.full_name().to_lowercase()),
    });
    let ascending = match request.param("direction") {
        Some(direction) => direction == "asc",
        None => sort == "full_name",
    };
    if !ascending {
        repos.reverse();
    }
    let items: Vec<Value> = repos
        .iter()
        .map(|repo| render_in(shared, templates, repo, |t, cx| t.repo(cx, repo.id, &repo.details)))
        .map(|value| maybe_broken(state, value))
        .collect();
    let link_path = format!("/user/{}/repos", user_id(&login));
    let (shown, extra) = paginate(shared, request, items, &link_path, None);
    let bytes = serde_json::to_vec(&Value::Array(shown)).unwrap_or_default();
    let etag = hash_hex(&[&bytes]);
    conditional_reply(request, bytes, &etag, extra)
}

/// The login whose numeric id is `id`, for `/user/{id}/repos`.
pub(super) fn login_of_id(shared: &Shared, state: &State, id: &str) -> Option<String> {
    let id: u64 = id.parse().ok()?;
    let mut logins = vec![shared.login.clone()];
    for repo in &state.repos {
        logins.push(repo.owner.clone());
        for issue in &repo.issues {
            logins.push(issue.user.clone());
        }
    }
    logins.into_iter().find(|login| user_id(login) == id)
}
