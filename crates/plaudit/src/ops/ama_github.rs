//! An AMA linked to a GitHub repository, used the common way: an issue is a question, a
//! comment by the host is an answer part, closing the issue as completed answers it (as not
//! planned declines it), labels are tags. [`sync`] keeps the two in step both ways.
//!
//! - **In**: the issues updated since the last sync (`since`, the newest `updated_at` seen,
//!   and the ETag GitHub gave for that `since`, so an unchanged repository costs one `304`).
//!   A new issue becomes a question (its author's login as the asker); a changed one brings
//!   its title, body, labels that are tags, state and the host's comments.
//! - **Out**: the questions that changed in Plaudit since (`ama_question.updated_at` later
//!   than the `github_synced_at` the last sync wrote): a question asked here becomes an
//!   issue, each answer part a comment (an edited part edits its comment), answered closes
//!   the issue as completed, declined as not planned, a duplicate as a duplicate, reopened
//!   reopens it, tags set its labels. Held questions never go out.
//! - **Who changed what**: the timestamps say which side changed since the last sync; what
//!   the last sync saw of the issue (`github_state`, `github_labels`, each part's
//!   `github_synced_body`, the newest comment accounted for) says which field. A field
//!   changed on both sides keeps Plaudit's version, and a comment on the issue says so.
//! - **Idempotent**: every write on either side records what the other side now has, and a
//!   last listing records the issues' `updated_at` after the sync's own writes and the ETag
//!   for the new `since`; a second sync right after gets a `304`, finds nothing changed in
//!   Plaudit, and writes nothing anywhere.
//! - **Rate limits**: the client waits them out up to its limit; past it the sync stops,
//!   keeps what it did (each question's changes are one transaction, written with what was
//!   done on GitHub for it), and notes until when the limit holds.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use plaudit_domain::ama::{MAX_PARTS, MAX_TAGS, parse_tags};
use plaudit_domain::{AmaQuestionState, ContributionSource};
use plaudit_github::{Client, Comment, Issue, IssueList, IssueState, Repo, StateReason};
use plaudit_store::Tx;
use plaudit_store::ama::{self as ama_store, AmaRow, NewQuestion, StateChange};
use plaudit_store::ama_github::{self as store, IssueSeen, LinkedAma, SyncPart, SyncQuestion};
use plaudit_store::timestamp::{from_micros, to_micros};

use super::accounts::AccountView;
use super::ama::{BODY_MAX, NAME_MAX, TITLE_MAX, answer_markdown, question_path};
use super::audit::{AuditAction, record};
use super::error::{ErrorCode, Fields, OpError};
use super::{Ctx, enqueue_mail};
use crate::i18n::{Lang, Msg};
use crate::jobs::{AmaGithubSync, Enqueue, Job, enqueue};
use crate::mail::Notice;

/// How long the job's client waits out one rate limit in all before it stops the sync and
/// the job comes back when the limit ends (a job may run ten minutes).
pub const JOB_MAX_RATE_LIMIT_WAIT: Duration = Duration::from_secs(2 * 60);
/// Listings after the sync's own writes, to learn the issues' `updated_at` and the ETag of
/// the new `since`; more are needed only while someone writes on GitHub as it syncs.
const SETTLE_PASSES: usize = 3;
/// Where Plaudit marks the issue of a question asked here (an HTML comment GitHub does not
/// show): what follows is Plaudit's footer, and a sync that opened the issue but stopped
/// before recording it finds its question by it.
const QUESTION_MARKER: &str = "<!-- plaudit:question=";
/// The first line of a comment Plaudit writes that is not an answer part.
const NOTE_MARKER: &str = "<!-- plaudit:note -->";

/// The token and API address a sync uses; the token is never shown.
#[derive(Clone, PartialEq, Eq)]
pub struct GithubAccess {
    token: String,
    api_url: String,
}

impl fmt::Debug for GithubAccess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GithubAccess")
            .field("token", &"<redacted>")
            .field("api_url", &self.api_url)
            .finish()
    }
}

impl GithubAccess {
    pub fn new(token: impl Into<String>, api_url: impl Into<String>) -> GithubAccess {
        GithubAccess { token: token.into(), api_url: api_url.into() }
    }

    /// The access the configuration gives (`github_token`, `github_api_url`); None without
    /// a token.
    pub fn configured(token: Option<&str>, api_url: &str) -> Option<GithubAccess> {
        token.map(str::trim).filter(|t| !t.is_empty()).map(|t| GithubAccess::new(t, api_url))
    }

    /// A client that names this server (`public_url`) to GitHub, waits through `clock`, and
    /// waits out rate limits up to `max_wait` in all per call.
    pub fn client(
        &self,
        public_url: &str,
        clock: Arc<dyn plaudit_github::Clock>,
        max_wait: Duration,
    ) -> Result<Client, OpError> {
        let user_agent = format!("Plaudit/{} (+{public_url})", env!("CARGO_PKG_VERSION"));
        Client::builder(self.token.as_str(), user_agent)
            .base_url(self.api_url.as_str())
            .clock(clock)
            .max_rate_limit_wait(max_wait)
            .build()
            .map_err(github_error)
    }
}

/// A client error as an operation's: the cause for the log (GitHub's errors never carry the
/// token), `internal` for the person.
fn github_error(error: plaudit_github::Error) -> OpError {
    OpError::internal(format!("GitHub: {error}"))
}

// ------------------------------------------------------------------ linking

/// The repository an AMA is linked to, for its host's form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RepositoryLink {
    /// `owner/name`; empty when not linked.
    pub repo: String,
    /// The host's GitHub login.
    pub login: String,
    /// When a sync last moved something.
    pub synced_at: Option<Timestamp>,
}

/// The repository the AMA at `slug` is linked to, for its host (or an admin).
pub async fn linked_repository(
    ctx: &Ctx,
    account: &AccountView,
    slug: &str,
) -> Result<RepositoryLink, OpError> {
    let ama = super::ama::for_edit(ctx, account, slug).await?;
    let linked = store::linked(&ctx.db, ama.id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    Ok(RepositoryLink {
        repo: linked.github_repo.unwrap_or_default(),
        login: linked.github_login.unwrap_or_default(),
        synced_at: linked.github_synced_at.map(from_micros).transpose()?,
    })
}

/// Whether `login` is a GitHub login: 1 to 39 letters, digits and single hyphens, neither
/// first nor last.
pub fn valid_login(login: &str) -> bool {
    (1..=39).contains(&login.len())
        && login.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !login.starts_with('-')
        && !login.ends_with('-')
        && !login.contains("--")
}

/// `owner/name` as typed, or the repository's address on github.com.
fn repo_as_typed(typed: &str) -> &str {
    let typed = typed.trim();
    let path = ["https://github.com/", "http://github.com/", "github.com/"]
        .iter()
        .find_map(|prefix| typed.strip_prefix(prefix))
        .unwrap_or(typed);
    let path = path.trim_end_matches('/');
    path.strip_suffix(".git").unwrap_or(path)
}

/// Links the AMA at `slug` to the GitHub repository `repo` (`owner/name`, or its address),
/// whose comments by `login` are the host's answers; an empty `repo` unlinks it. The host or
/// an admin only. Linking to another repository than the one the questions' issues are in
/// forgets those issues (the next sync opens them in the new one); linking again to the same
/// one after unlinking goes on where it was.
pub async fn link_repository(
    ctx: &Ctx,
    account: &AccountView,
    slug: &str,
    repo: &str,
    login: &str,
) -> Result<(), OpError> {
    let ama = super::ama::for_edit(ctx, account, slug).await?;
    let typed_repo = repo_as_typed(repo);
    let login = login.trim().trim_start_matches('@');
    let mut fields = Fields::new();
    let repo = if typed_repo.is_empty() {
        None
    } else {
        match typed_repo.parse::<Repo>() {
            Ok(repo) => Some(repo.to_string()),
            Err(_) => {
                fields.add(
                    "github_repo",
                    Msg::new("field-ama-github-repo-invalid").arg("value", typed_repo),
                );
                None
            }
        }
    };
    if !typed_repo.is_empty() {
        if login.is_empty() {
            fields.add("github_login", Msg::new("field-ama-github-login-required"));
        } else if !valid_login(login) {
            fields.add(
                "github_login",
                Msg::new("field-ama-github-login-invalid").arg("value", login),
            );
        }
    }
    fields.finish()?;
    let login = repo.as_ref().map(|_| login);
    let linked = store::linked(&ctx.db, ama.id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    if linked.github_repo == repo && linked.github_login.as_deref() == login {
        return Ok(());
    }
    // GitHub's names are not case sensitive.
    let issues_of = linked.github_issues_repo.as_ref().or(linked.github_repo.as_ref());
    let forget = match (issues_of, &repo) {
        (Some(old), Some(new)) => !old.eq_ignore_ascii_case(new),
        _ => false,
    };
    let mut tx = ctx.db.begin_write().await?;
    store::link(&mut tx, ama.id, repo.as_deref(), login, forget).await?;
    tx.commit().await?;
    Ok(())
}

// ------------------------------------------------------------------ the job

static NOT_CONFIGURED: std::sync::Once = std::sync::Once::new();

/// The client's clock in a job: the job's instant, moving on with the time the job takes.
struct JobClock {
    start: Timestamp,
    started: std::time::Instant,
}

impl plaudit_github::Clock for JobClock {
    fn now(&self) -> Timestamp {
        self.start.saturating_add(self.started.elapsed()).unwrap_or(self.start)
    }

    fn sleep(
        &self,
        duration: Duration,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + 'static>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// What the `ama_github_sync` job does: syncs every AMA linked to a repository (or the one
/// `only` names). Without `access` (no `github_token`) it does nothing and says so, once, in
/// the log. While GitHub's rate limit holds it does nothing; a sync the limit stops queues
/// the job again for when the limit ends. Returns the line the job reports.
pub async fn sync_linked(
    ctx: &Ctx,
    access: Option<&GithubAccess>,
    only: Option<i64>,
) -> Result<String, OpError> {
    let ids = match only {
        Some(id) => vec![id],
        None => store::linked_ids(&ctx.db).await?,
    };
    let Some(access) = access else {
        if !ids.is_empty() {
            NOT_CONFIGURED.call_once(|| {
                tracing::warn!(
                    amas = ids.len(),
                    "github_token is not set: AMAs linked to GitHub repositories are not synced"
                );
            });
        }
        return Ok("github_token is not set: nothing synced".to_owned());
    };
    if ids.is_empty() {
        return Ok("no AMA is linked to a GitHub repository".to_owned());
    }
    let now = ctx.now();
    if let Some(until) = store::rate_limited_until(&ctx.db).await?
        && until > to_micros(now)
    {
        return Ok(format!(
            "GitHub's rate limit holds until {}: nothing synced",
            from_micros(until)?
        ));
    }
    let clock = Arc::new(JobClock { start: now, started: std::time::Instant::now() });
    let client = access.client(&ctx.public_url, clock, JOB_MAX_RATE_LIMIT_WAIT)?;
    let mut lines = Vec::new();
    let mut failed = Vec::new();
    for id in ids {
        match sync(ctx, &client, id).await {
            Ok(report) => {
                lines.push(format!("AMA {id}: {report}"));
                if let Some(at) = report.rate_limited_until {
                    let job = Job::AmaGithubSync(AmaGithubSync { ama_id: only });
                    let options = Enqueue {
                        run_at: Some(at),
                        dedupe_key: Some(format!("ama_github_sync@retry@{at}")),
                        max_attempts: None,
                    };
                    let mut tx = ctx.db.begin_write().await?;
                    enqueue(&mut tx, &job, &options, ctx.now()).await?;
                    tx.commit().await?;
                    lines.push(format!("the rest syncs at {at}"));
                    break;
                }
            }
            Err(error) => {
                tracing::warn!(ama = id, %error, "an AMA could not be synced with GitHub");
                failed.push(format!("AMA {id}: {error}"));
            }
        }
    }
    if !failed.is_empty() {
        return Err(OpError::internal(failed.join("; ")));
    }
    Ok(lines.join("; "))
}

// ------------------------------------------------------------------ the sync

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Issues that became questions.
    pub questions_added: usize,
    /// Questions changed from their issues.
    pub questions_updated: usize,
    /// Questions that became issues.
    pub issues_opened: usize,
    /// Issues whose state or labels changed from their questions.
    pub issues_updated: usize,
    /// Comments written or edited (answer parts, and notes of conflicts).
    pub comments_written: usize,
    /// Questions changed on both sides, where Plaudit's version was kept.
    pub conflicts: usize,
    /// Questions left for the next sync: their issue is gone.
    pub skipped: usize,
    /// Set when GitHub's rate limit stopped the sync: when it ends.
    pub rate_limited_until: Option<Timestamp>,
}

impl SyncReport {
    /// Whether the sync changed anything on either side.
    pub fn changed(&self) -> bool {
        self.questions_added
            + self.questions_updated
            + self.issues_opened
            + self.issues_updated
            + self.comments_written
            > 0
    }

    fn writes_to_github(&self) -> usize {
        self.issues_opened + self.issues_updated + self.comments_written
    }
}

impl fmt::Display for SyncReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} questions from new issues, {} changed from GitHub; {} issues opened, {} changed, \
             {} comments written; {} conflicts",
            self.questions_added,
            self.questions_updated,
            self.issues_opened,
            self.issues_updated,
            self.comments_written,
            self.conflicts
        )?;
        if self.skipped > 0 {
            write!(f, "; {} questions whose issue is gone", self.skipped)?;
        }
        if let Some(at) = self.rate_limited_until {
            write!(f, "; stopped by GitHub's rate limit until {at}")?;
        }
        Ok(())
    }
}

/// Why a sync stopped.
enum Stop {
    /// GitHub's rate limit holds until then.
    RateLimited(Timestamp),
    /// A question's issue or comment is gone (404).
    Gone(String),
    Failed(OpError),
}

impl From<OpError> for Stop {
    fn from(e: OpError) -> Stop {
        Stop::Failed(e)
    }
}

impl From<plaudit_store::StoreError> for Stop {
    fn from(e: plaudit_store::StoreError) -> Stop {
        Stop::Failed(e.into())
    }
}

fn gh(error: plaudit_github::Error) -> Stop {
    match error {
        plaudit_github::Error::RateLimited { retry_at } => Stop::RateLimited(retry_at),
        plaudit_github::Error::NotFound { path } => Stop::Gone(path),
        other => Stop::Failed(github_error(other)),
    }
}

/// A 404 that is not about one question (the repository) fails the sync.
fn whole(stop: Stop) -> Stop {
    match stop {
        Stop::Gone(path) => Stop::Failed(OpError::internal(format!("GitHub: not found: {path}"))),
        other => other,
    }
}

/// Syncs the AMA `ama_id` with its repository through `client`: see the module's notes.
/// Stopped by GitHub's rate limit, it keeps what it did and says until when the limit holds
/// (`rate_limited_until`); other failures of GitHub are errors (`internal`, the cause for the
/// log).
pub async fn sync(ctx: &Ctx, client: &Client, ama_id: i64) -> Result<SyncReport, OpError> {
    let linked = store::linked(&ctx.db, ama_id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let Some(repo) = linked.github_repo.as_deref() else {
        return Err(OpError::new(ErrorCode::NotFound));
    };
    let repo: Repo = repo.parse().map_err(github_error)?;
    let ama = ama_store::by_id(&ctx.db, ama_id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let lang = plaudit_store::program::default_language(&ctx.db)
        .await?
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default();
    let since = linked.github_since.map(from_micros).transpose()?;
    let mut syncer = Syncer {
        ctx,
        client,
        ama,
        repo,
        login: linked.github_login.clone().filter(|l| !l.is_empty()),
        lang,
        report: SyncReport::default(),
        touched: HashMap::new(),
        listing: (since, linked.github_etag.clone()),
    };
    let outcome = syncer.run(since, linked.github_etag.as_deref()).await;
    let Syncer { report, listing: (since, etag), .. } = syncer;
    let mut report = report;
    let retry_at = match &outcome {
        Err(Stop::RateLimited(at)) => Some(*at),
        _ => None,
    };
    report.rate_limited_until = retry_at;
    finish(ctx, &linked, &report, since, etag.as_deref(), retry_at).await?;
    match outcome {
        Ok(()) | Err(Stop::RateLimited(_)) => Ok(report),
        Err(Stop::Failed(error)) => Err(error),
        Err(Stop::Gone(path)) => Err(OpError::internal(format!("GitHub: not found: {path}"))),
    }
}

/// Writes what the sync learnt of the listing, when it last moved something and until when
/// the rate limit holds, when any of it changed.
async fn finish(
    ctx: &Ctx,
    linked: &LinkedAma,
    report: &SyncReport,
    since: Option<Timestamp>,
    etag: Option<&str>,
    retry_at: Option<Timestamp>,
) -> Result<(), OpError> {
    let since = since.map(to_micros);
    let listing_changed = since != linked.github_since || etag != linked.github_etag.as_deref();
    let retry_at = retry_at.map(to_micros);
    if !listing_changed && !report.changed() && retry_at == linked.github_retry_at {
        return Ok(());
    }
    let mut tx = ctx.db.begin_write().await?;
    if listing_changed {
        store::set_listing(&mut tx, linked.id, since, etag).await?;
    }
    let synced_at = report.changed().then(|| to_micros(ctx.now()));
    store::set_synced(&mut tx, linked.id, synced_at, retry_at).await?;
    tx.commit().await?;
    Ok(())
}

/// An issue's state as the sync keeps it: `open`, or `closed:` and why.
fn issue_key(state: IssueState, reason: Option<StateReason>) -> &'static str {
    match (state, reason) {
        (IssueState::Open, _) => "open",
        (IssueState::Closed, Some(StateReason::NotPlanned)) => "closed:not_planned",
        (IssueState::Closed, Some(StateReason::Duplicate)) => "closed:duplicate",
        (IssueState::Closed, _) => "closed:completed",
    }
}

/// The issue state a question in `state` has.
fn key_of(state: AmaQuestionState) -> &'static str {
    match state {
        AmaQuestionState::Open | AmaQuestionState::Held => "open",
        AmaQuestionState::Answered => "closed:completed",
        AmaQuestionState::Declined => "closed:not_planned",
        AmaQuestionState::Duplicate => "closed:duplicate",
    }
}

fn target_of(key: &str) -> (IssueState, Option<StateReason>) {
    match key {
        "closed:completed" => (IssueState::Closed, Some(StateReason::Completed)),
        "closed:not_planned" => (IssueState::Closed, Some(StateReason::NotPlanned)),
        "closed:duplicate" => (IssueState::Closed, Some(StateReason::Duplicate)),
        _ => (IssueState::Open, None),
    }
}

/// The question's state for an issue in state `key`: closed as completed with an answer is
/// answered, without one (or as not planned) declined; a duplicate stays one in Plaudit
/// only where it is one (Plaudit's duplicate names its original, GitHub's does not say).
fn state_from(key: &str, has_answer: bool, now: AmaQuestionState) -> AmaQuestionState {
    match key {
        "open" => AmaQuestionState::Open,
        "closed:duplicate" if now == AmaQuestionState::Duplicate => AmaQuestionState::Duplicate,
        "closed:completed" if has_answer => AmaQuestionState::Answered,
        _ => AmaQuestionState::Declined,
    }
}

/// The tag a label is, if it is one.
fn tag_of(label: &str) -> Option<String> {
    match parse_tags(label) {
        Ok(mut tags) if tags.len() == 1 => tags.pop(),
        _ => None,
    }
}

fn tags_of(labels: &[String]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in labels.iter().filter_map(|l| tag_of(l)) {
        if !tags.contains(&tag) && tags.len() < MAX_TAGS {
            tags.push(tag);
        }
    }
    tags.sort();
    tags
}

fn labels_text(labels: &[String]) -> String {
    labels.join("\n")
}

fn labels_in(text: &str) -> Vec<String> {
    text.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// Text as compared across the two sides: `\n` line ends, no space around it.
fn normalized(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_owned()
}

fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// A comment as an answer part, read back from how [`answer_markdown`] writes one: leading
/// `> ` lines are the part of the question it takes, the rest the answer.
fn parse_part(comment: &str) -> (String, String) {
    let text = normalized(comment);
    let lines: Vec<&str> = text.split('\n').collect();
    let quoted = lines.iter().take_while(|l| l.starts_with('>')).count();
    let body = lines[quoted..].join("\n").trim().to_owned();
    if quoted == 0 || body.is_empty() {
        return (String::new(), cut(&text, BODY_MAX));
    }
    let part: Vec<&str> =
        lines[..quoted].iter().map(|l| l[1..].strip_prefix(' ').unwrap_or(&l[1..])).collect();
    (cut(part.join("\n").trim(), TITLE_MAX * 5), cut(&body, BODY_MAX))
}

fn part_markdown(part: &str, body: &str) -> String {
    answer_markdown([(part, body)])
}

/// The title a question takes from its issue.
fn imported_title(issue: &Issue) -> String {
    let title: String = issue.title.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let title = cut(title.trim(), TITLE_MAX);
    if title.is_empty() { format!("#{}", issue.number) } else { title }
}

/// The body a question takes from its issue: without Plaudit's footer.
fn imported_body(issue: &Issue) -> String {
    let body = normalized(issue.body.as_deref().unwrap_or_default());
    let body = match body.find(QUESTION_MARKER) {
        Some(at) => body[..at].trim_end().to_owned(),
        None => body,
    };
    cut(&body, BODY_MAX)
}

/// The question a footer Plaudit wrote names.
fn marked_question(issue: &Issue) -> Option<i64> {
    let body = issue.body.as_deref()?;
    let rest = &body[body.find(QUESTION_MARKER)? + QUESTION_MARKER.len()..];
    rest[..rest.find(' ')?].parse().ok()
}

/// What changed, comparing both sides with what the last sync saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merge {
    /// The same on both sides, or neither side changed.
    Keep,
    /// GitHub changed it: Plaudit takes GitHub's.
    Take,
    /// Plaudit changed it: GitHub gets Plaudit's.
    Push,
    /// Both changed it, differently: Plaudit's wins.
    Conflict,
}

fn merge<T: PartialEq>(
    local: &T,
    github: &T,
    base: Option<&T>,
    local_changed: bool,
    github_changed: bool,
) -> Merge {
    if local == github {
        return Merge::Keep;
    }
    let ours = local_changed && base.is_none_or(|b| b != local);
    let theirs = github_changed && base.is_none_or(|b| b != github);
    match (ours, theirs) {
        (true, true) => Merge::Conflict,
        (true, false) => Merge::Push,
        (false, true) => Merge::Take,
        (false, false) => Merge::Keep,
    }
}

/// An answer part while it is being merged.
#[derive(Debug, Clone)]
struct Part {
    part: String,
    body: String,
    comment: Option<u64>,
}

/// What examining one question found and did.
#[derive(Debug, Default)]
struct Outcome {
    /// GitHub's state and labels before the sync wrote anything.
    github_state: String,
    github_labels: Vec<String>,
    /// What the sync's writes left on GitHub.
    pushed_state: Option<String>,
    pushed_labels: Option<Vec<String>>,
    pushed_updated_at: Option<Timestamp>,
    /// The issue's `updated_at` as listed.
    listed_updated_at: Option<Timestamp>,
    /// The newest comment the sync wrote, and the newest it accounted for.
    last_written: Option<u64>,
    last_accounted: Option<u64>,
    /// Parts and the comments the sync wrote for them, as GitHub now has them: (position,
    /// comment, body).
    links: Vec<(i64, u64, String)>,
    /// Parts Plaudit takes from their comments, the same way.
    taken_links: Vec<(i64, u64, String)>,
    // What Plaudit takes from GitHub.
    text: Option<(String, String)>,
    tags: Option<Vec<String>>,
    answer: Option<Vec<(String, String)>>,
    /// Whether writing the answer answers the question.
    answers: bool,
    /// A state other than answered.
    state: Option<AmaQuestionState>,
    answered_at: Option<i64>,
    /// The examination stopped half-way: only what was done on GitHub is recorded.
    stopped: bool,
}

struct Syncer<'a> {
    ctx: &'a Ctx,
    client: &'a Client,
    ama: AmaRow,
    repo: Repo,
    /// The host's login: their comments are answers.
    login: Option<String>,
    /// The language of what Plaudit writes on GitHub: the program's.
    lang: Lang,
    report: SyncReport,
    /// The issues this sync wrote to, with how many comments each has now when known.
    touched: HashMap<u64, Option<u64>>,
    /// The listing's `since` and ETag to remember.
    listing: (Option<Timestamp>, Option<String>),
}

impl Syncer<'_> {
    async fn run(&mut self, since: Option<Timestamp>, etag: Option<&str>) -> Result<(), Stop> {
        let mut since = since;
        let mut moved = false;
        let written = self.report.writes_to_github();
        match self.client.issues(&self.repo, since, etag).await.map_err(|e| whole(gh(e)))? {
            IssueList::Unchanged => {}
            IssueList::Changed { issues, etag } => {
                for issue in &issues {
                    self.pull(issue).await?;
                }
                match issues.iter().map(|i| i.updated_at).max() {
                    Some(newest) if Some(newest) != since => {
                        since = Some(newest);
                        moved = true;
                        self.listing = (since, None);
                    }
                    _ => self.listing = (since, etag),
                }
            }
        }
        for q in store::pending(&self.ctx.db, self.ama.id).await? {
            if q.state == AmaQuestionState::Held.as_str() {
                continue;
            }
            match q.github_issue_number {
                None => self.open_issue(q).await?,
                Some(_) => self.examine(q, None).await?,
            }
        }
        if moved || self.report.writes_to_github() > written {
            self.settle(since).await?;
        }
        Ok(())
    }

    /// Lists the issues again from `since` until a listing shows no issue newer than it, so
    /// the issues' `updated_at` after the sync's own writes are recorded and the ETag kept is
    /// that of the `since` kept.
    async fn settle(&mut self, mut since: Option<Timestamp>) -> Result<(), Stop> {
        for _ in 0..SETTLE_PASSES {
            let written = self.report.writes_to_github();
            let listed =
                self.client.issues(&self.repo, since, None).await.map_err(|e| whole(gh(e)))?;
            let IssueList::Changed { issues, etag } = listed else {
                return Ok(());
            };
            for issue in &issues {
                self.pull(issue).await?;
            }
            let newest = issues.iter().map(|i| i.updated_at).max();
            let settled = newest.is_none_or(|n| Some(n) == since)
                && self.report.writes_to_github() == written;
            since = newest.or(since);
            if settled {
                self.listing = (since, etag);
                return Ok(());
            }
            self.listing = (since, None);
        }
        Ok(())
    }

    /// An issue as listed: a new question, or its question examined when it changed since
    /// the last sync.
    async fn pull(&mut self, issue: &Issue) -> Result<(), Stop> {
        let db = &self.ctx.db;
        let number = i64::try_from(issue.number).unwrap_or(i64::MAX);
        if let Some(q) = store::by_issue(db, self.ama.id, number).await? {
            if q.github_updated_at.is_none_or(|seen| to_micros(issue.updated_at) > seen) {
                self.examine(q, Some(issue)).await?;
            }
            return Ok(());
        }
        // A question of ours whose issue a sync opened but stopped before recording.
        if let Some(id) = marked_question(issue)
            && let Some(mut q) = store::question(db, self.ama.id, id).await?
            && q.github_issue_number.is_none()
        {
            let tags: Vec<String> =
                ama_store::tags_of(db, &[q.id]).await?.into_iter().map(|t| t.tag).collect();
            let labels = labels_text(&tags);
            let seen = IssueSeen {
                number: Some(number),
                state: Some("open"),
                labels: Some(&labels),
                ..IssueSeen::default()
            };
            let mut tx = db.begin_write().await?;
            store::record_issue(&mut tx, q.id, &seen).await?;
            tx.commit().await?;
            q.github_issue_number = Some(number);
            q.github_state = Some("open".to_owned());
            q.github_labels = Some(labels);
            return self.examine(q, Some(issue)).await;
        }
        match self.add_question(issue).await {
            Err(Stop::Gone(path)) => {
                tracing::warn!(issue = issue.number, %path, "an issue went away as it was read");
                self.report.skipped += 1;
                Ok(())
            }
            other => other,
        }
    }

    fn is_host(&self, comment: &Comment) -> bool {
        self.login.as_deref().is_some_and(|login| comment.user_login.eq_ignore_ascii_case(login))
            && !comment.body.trim_start().starts_with(NOTE_MARKER)
            && !comment.body.trim().is_empty()
    }

    async fn comments(&self, issue: &Issue) -> Result<Vec<Comment>, Stop> {
        if issue.comments == 0 {
            return Ok(Vec::new());
        }
        self.client.comments(&self.repo, issue.number).await.map_err(gh)
    }

    /// A new issue becomes a question: open, answered by the host's comments when closed as
    /// completed with some, declined otherwise.
    async fn add_question(&mut self, issue: &Issue) -> Result<(), Stop> {
        let key = issue_key(issue.state, issue.state_reason);
        let comments =
            if key == "closed:completed" { self.comments(issue).await? } else { Vec::new() };
        let parts: Vec<(String, String, u64, String)> = comments
            .iter()
            .filter(|c| self.is_host(c))
            .take(MAX_PARTS)
            .map(|c| {
                let (part, body) = parse_part(&c.body);
                (part, body, c.id, normalized(&c.body))
            })
            .collect();
        let state = state_from(key, !parts.is_empty(), AmaQuestionState::Open);
        let answered = state == AmaQuestionState::Answered;
        let title = imported_title(issue);
        let body = imported_body(issue);
        let asker = cut(&issue.user_login, NAME_MAX);
        let new = NewQuestion {
            ama_id: self.ama.id,
            asker_account_id: None,
            asker_name: &asker,
            title: &title,
            body: &body,
            state: if answered { AmaQuestionState::Open.as_str() } else { state.as_str() },
        };
        let labels = labels_text(&issue.labels);
        let last_accounted = if answered { comments.iter().map(|c| c.id).max() } else { None };
        let seen = IssueSeen {
            number: Some(i64::try_from(issue.number).unwrap_or(i64::MAX)),
            updated_at: Some(to_micros(issue.updated_at)),
            state: Some(key),
            labels: Some(&labels),
            last_comment_id: last_accounted.and_then(|id| i64::try_from(id).ok()),
        };
        let mut tx = self.ctx.db.begin_write().await?;
        let id = ama_store::insert_question(&mut tx, &new, issue.created_at).await?;
        ama_store::set_tags(&mut tx, id, &tags_of(&issue.labels)).await?;
        if answered {
            let answer: Vec<(String, String)> =
                parts.iter().map(|(p, b, _, _)| (p.clone(), b.clone())).collect();
            let at = issue.closed_at.map_or_else(|| to_micros(self.ctx.now()), to_micros);
            self.write_answer(&mut tx, id, &answer, true, at).await?;
            for (position, (_, _, comment, synced)) in parts.iter().enumerate() {
                let comment = i64::try_from(*comment).unwrap_or(i64::MAX);
                store::link_part(&mut tx, id, position as i64, comment, synced).await?;
            }
        } else {
            ama_store::set_search(&mut tx, id, &format!("{title} {body}")).await?;
        }
        store::record_issue(&mut tx, id, &seen).await?;
        store::mark_synced(&mut tx, id).await?;
        tx.commit().await?;
        self.report.questions_added += 1;
        Ok(())
    }

    /// The issue of a question asked here: its body, then Plaudit's footer with the
    /// question's address.
    fn issue_body(&self, q: &SyncQuestion) -> String {
        let url = self.ctx.link(&question_path(&self.ama.slug, q.id));
        let footer = self.lang.msg(
            &Msg::new("ama-github-asked")
                .arg("name", crate::markdown::escape_inline(&q.asker_name))
                .arg("url", url),
        );
        let marked = format!("{QUESTION_MARKER}{} -->\n{footer}", q.id);
        let body = normalized(&q.body);
        if body.is_empty() { marked } else { format!("{body}\n\n{marked}") }
    }

    /// A question asked here becomes an issue; then its answer and state go out as for any
    /// question.
    async fn open_issue(&mut self, mut q: SyncQuestion) -> Result<(), Stop> {
        let db = &self.ctx.db;
        let tags: Vec<String> =
            ama_store::tags_of(db, &[q.id]).await?.into_iter().map(|t| t.tag).collect();
        let body = self.issue_body(&q);
        let issue = self
            .client
            .create_issue(&self.repo, &q.title, &body, &tags)
            .await
            .map_err(|e| whole(gh(e)))?;
        self.report.issues_opened += 1;
        let number = i64::try_from(issue.number).unwrap_or(i64::MAX);
        let key = issue_key(issue.state, issue.state_reason);
        let labels = labels_text(&issue.labels);
        let seen = IssueSeen {
            number: Some(number),
            updated_at: Some(to_micros(issue.updated_at)),
            state: Some(key),
            labels: Some(&labels),
            last_comment_id: None,
        };
        let mut tx = db.begin_write().await?;
        store::record_issue(&mut tx, q.id, &seen).await?;
        tx.commit().await?;
        self.touched.insert(issue.number, Some(0));
        q.github_issue_number = Some(number);
        q.github_updated_at = seen.updated_at;
        q.github_state = Some(key.to_owned());
        q.github_labels = Some(labels);
        self.examine(q, None).await
    }

    /// Brings a question and its issue in step: `issue` as listed when it changed on GitHub
    /// since the last sync, None when it did not.
    async fn examine(&mut self, q: SyncQuestion, issue: Option<&Issue>) -> Result<(), Stop> {
        let mut out = Outcome::default();
        let result = self.merge_and_push(&q, issue, &mut out).await;
        let result = match result {
            Err(Stop::Gone(path)) => {
                tracing::warn!(question = q.id, %path, "a question's issue is gone on GitHub");
                self.report.skipped += 1;
                out.stopped = true;
                Ok(())
            }
            Err(stop) => {
                out.stopped = true;
                Err(stop)
            }
            Ok(()) => Ok(()),
        };
        self.apply(&q, out).await?;
        result
    }

    async fn merge_and_push(
        &mut self,
        q: &SyncQuestion,
        issue: Option<&Issue>,
        out: &mut Outcome,
    ) -> Result<(), Stop> {
        let db = &self.ctx.db;
        let number = q.github_issue_number.and_then(|n| u64::try_from(n).ok()).unwrap_or_default();
        let local_state: AmaQuestionState = q.state.parse().unwrap_or(AmaQuestionState::Declined);
        let local_tags: Vec<String> =
            ama_store::tags_of(db, &[q.id]).await?.into_iter().map(|t| t.tag).collect();
        let parts = store::parts(db, q.id).await?;
        let local_changed = q.github_synced_at.is_none_or(|synced| q.updated_at > synced);
        let github_changed = issue
            .is_some_and(|i| q.github_updated_at.is_none_or(|seen| to_micros(i.updated_at) > seen));
        let base_state = q.github_state.clone();
        let base_labels = q.github_labels.as_deref().map(labels_in);
        out.github_state = issue
            .map(|i| issue_key(i.state, i.state_reason).to_owned())
            .or_else(|| base_state.clone())
            .unwrap_or_else(|| "open".to_owned());
        out.github_labels =
            issue.map(|i| i.labels.clone()).or_else(|| base_labels.clone()).unwrap_or_default();
        out.listed_updated_at = issue.map(|i| i.updated_at);

        // The answer, part by part.
        let answer_matters = out.github_state == "closed:completed"
            || local_state == AmaQuestionState::Answered
            || !parts.is_empty();
        let known = self.touched.get(&number).copied().flatten();
        let comments = match issue {
            Some(issue) if github_changed && answer_matters && known != Some(issue.comments) => {
                Some(self.comments(issue).await?)
            }
            _ => None,
        };
        let mut merged: Vec<Part> = parts
            .iter()
            .map(|p| Part {
                part: p.question_part.clone(),
                body: p.body.clone(),
                comment: p.github_comment_id.and_then(|id| u64::try_from(id).ok()),
            })
            .collect();
        let changed_here = |p: &SyncPart| {
            local_changed
                && p.github_synced_body
                    .as_deref()
                    .is_none_or(|s| parse_part(s) != (p.question_part.clone(), p.body.clone()))
        };
        let answer_changed_here = parts.iter().any(changed_here);
        let mut pushes: Vec<usize> = Vec::new();
        let mut taken = false;
        let mut conflict = false;
        // The host's comments no sync has accounted for yet, and the newest comment.
        let mut fresh: Vec<Comment> = Vec::new();
        let mut newest = None;
        match &comments {
            Some(comments) => {
                let mut linked = Vec::new();
                for (i, p) in parts.iter().enumerate() {
                    let Some(id) = merged[i].comment else {
                        pushes.push(i);
                        continue;
                    };
                    linked.push(id);
                    let Some(c) = comments.iter().find(|c| c.id == id) else {
                        // Deleted on GitHub: Plaudit's part is written again.
                        merged[i].comment = None;
                        pushes.push(i);
                        continue;
                    };
                    let now = normalized(&c.body);
                    let theirs = p.github_synced_body.as_deref() != Some(now.as_str());
                    match (changed_here(p), theirs) {
                        (false, true) => {
                            (merged[i].part, merged[i].body) = parse_part(&now);
                            out.taken_links.push((i as i64, id, now));
                            taken = true;
                        }
                        (true, false) => pushes.push(i),
                        (true, true) => {
                            if parse_part(&now) == (p.question_part.clone(), p.body.clone()) {
                                out.links.push((i as i64, id, now));
                            } else {
                                conflict = true;
                                pushes.push(i);
                            }
                        }
                        (false, false) => {}
                    }
                }
                let last = q.github_last_comment_id.and_then(|id| u64::try_from(id).ok());
                let mut new: Vec<&Comment> = comments
                    .iter()
                    .filter(|c| self.is_host(c) && last.is_none_or(|l| c.id > l))
                    .filter(|c| !linked.contains(&c.id))
                    .collect();
                // A part a sync wrote but stopped before recording: its comment is taken back.
                pushes.retain(|&i| {
                    if merged[i].comment.is_some() {
                        return true;
                    }
                    let written = part_markdown(&merged[i].part, &merged[i].body);
                    match new.iter().position(|c| normalized(&c.body) == written) {
                        Some(at) => {
                            let c = new.remove(at);
                            merged[i].comment = Some(c.id);
                            out.links.push((i as i64, c.id, written));
                            false
                        }
                        None => true,
                    }
                });
                fresh = new.into_iter().cloned().collect();
                newest = comments.iter().map(|c| c.id).max();
            }
            None => {
                for (i, p) in parts.iter().enumerate() {
                    if merged[i].comment.is_none() || changed_here(p) {
                        pushes.push(i);
                    }
                }
            }
        }

        // The state: closed as completed is answered when the host answered.
        let has_answer = !merged.is_empty() || !fresh.is_empty();
        let local_key = key_of(local_state).to_owned();
        let state_merge = merge(
            &local_key,
            &out.github_state,
            base_state.as_ref(),
            local_changed,
            github_changed,
        );
        let mut push_state = false;
        let mut taken_state = None;
        match state_merge {
            Merge::Keep => {}
            Merge::Take => {
                taken_state = Some(state_from(&out.github_state, has_answer, local_state))
            }
            Merge::Push => push_state = true,
            Merge::Conflict => {
                push_state = true;
                conflict = true;
            }
        }
        let state = taken_state.unwrap_or(local_state);
        // New comments of the host are the answer (more of it) when the question is answered.
        if state == AmaQuestionState::Answered {
            if answer_changed_here && !fresh.is_empty() {
                // Plaudit's answer changed too: it stays as it is.
                conflict = true;
            } else {
                for c in &fresh {
                    if merged.len() >= MAX_PARTS {
                        break;
                    }
                    let now = normalized(&c.body);
                    let (part, body) = parse_part(&now);
                    out.taken_links.push((merged.len() as i64, c.id, now));
                    merged.push(Part { part, body, comment: Some(c.id) });
                    taken = true;
                }
            }
            out.last_accounted = newest;
        }
        let answer: Vec<(String, String)> =
            merged.iter().map(|p| (p.part.clone(), p.body.clone())).collect();
        if state == AmaQuestionState::Answered {
            // Answering sets the state; a question answered on GitHub is answered as one
            // answered here is.
            if taken || local_state != AmaQuestionState::Answered {
                out.answer = Some(answer);
                out.answers = true;
                out.answered_at = Some(
                    issue
                        .and_then(|i| i.closed_at)
                        .map_or_else(|| to_micros(self.ctx.now()), to_micros),
                );
            }
        } else {
            if taken {
                out.answer = Some(answer);
            }
            out.state = Some(state).filter(|s| *s != local_state);
        }

        // The tags.
        let mut local_sorted = local_tags.clone();
        local_sorted.sort();
        let github_tags = tags_of(&out.github_labels);
        let base_tags = base_labels.as_deref().map(tags_of);
        let mut push_labels = None;
        match merge(&local_sorted, &github_tags, base_tags.as_ref(), local_changed, github_changed)
        {
            Merge::Keep => {}
            Merge::Take => out.tags = Some(github_tags),
            merged_tags => {
                conflict |= merged_tags == Merge::Conflict;
                let mut labels: Vec<String> =
                    out.github_labels.iter().filter(|l| tag_of(l).is_none()).cloned().collect();
                labels.extend(local_tags.iter().cloned());
                push_labels = Some(labels);
            }
        }

        // The title and body, which only GitHub changes.
        if let Some(issue) = issue.filter(|_| github_changed) {
            let (title, body) = (imported_title(issue), imported_body(issue));
            if title != q.title || body != normalized(&q.body) {
                out.text = Some((title, body));
            }
        }

        // Out to GitHub: labels, answer parts, a note of a conflict, the state last. The
        // issue's comments are counted, so listing it again needs not read them.
        let count = match (&comments, issue) {
            (Some(comments), _) => Some(comments.len() as u64),
            (None, Some(issue)) => Some(issue.comments),
            (None, None) => known,
        };
        let writes = self.report.writes_to_github();
        let mut written = 0;
        if let Some(labels) = push_labels {
            let now = self.client.set_labels(&self.repo, number, &labels).await.map_err(gh)?;
            out.pushed_labels = Some(now);
            self.report.issues_updated += 1;
        }
        for i in pushes {
            let p = &merged[i];
            let body = part_markdown(&p.part, &p.body);
            let comment = match p.comment {
                Some(id) => self.client.update_comment(&self.repo, id, &body).await.map_err(gh)?,
                None => {
                    let c =
                        self.client.create_comment(&self.repo, number, &body).await.map_err(gh)?;
                    written += 1;
                    out.last_written = out.last_written.max(Some(c.id));
                    c
                }
            };
            self.report.comments_written += 1;
            out.links.push((i as i64, comment.id, normalized(&comment.body)));
        }
        if conflict {
            let url = self.ctx.link(&question_path(&self.ama.slug, q.id));
            let note = format!(
                "{NOTE_MARKER}\n{}",
                self.lang.msg(&Msg::new("ama-github-conflict").arg("url", url))
            );
            let c = self.client.create_comment(&self.repo, number, &note).await.map_err(gh)?;
            written += 1;
            out.last_written = out.last_written.max(Some(c.id));
            self.report.comments_written += 1;
            self.report.conflicts += 1;
        }
        let mut count = count.map(|n| n + written);
        if push_state {
            let (state, reason) = target_of(&local_key);
            let now =
                self.client.set_issue_state(&self.repo, number, state, reason).await.map_err(gh)?;
            out.pushed_state = Some(issue_key(now.state, now.state_reason).to_owned());
            out.pushed_labels = Some(now.labels.clone());
            out.pushed_updated_at = Some(now.updated_at);
            self.report.issues_updated += 1;
            count = Some(now.comments);
        }
        if self.report.writes_to_github() > writes {
            self.touched.insert(number, count);
        }
        Ok(())
    }

    /// Writes what examining question `q` found, in one transaction: what Plaudit takes from
    /// GitHub (unless the examination stopped, or the question changed here meanwhile), and
    /// what GitHub now has.
    async fn apply(&mut self, q: &SyncQuestion, out: Outcome) -> Result<(), Stop> {
        let now = self.ctx.now();
        let mut tx = self.ctx.db.begin_write().await?;
        let Some(updated_at) = store::updated_at(&mut tx, q.id).await? else {
            tx.commit().await?;
            return Ok(());
        };
        let whole = !out.stopped && updated_at == q.updated_at;
        let mut changed = false;
        if whole {
            if let Some((title, body)) = &out.text {
                store::set_text(&mut tx, q.id, title, body, now).await?;
                changed = true;
            }
            if let Some(tags) = &out.tags {
                ama_store::set_tags(&mut tx, q.id, tags).await?;
                changed = true;
            }
            if let Some(answer) = &out.answer {
                let at = out.answered_at.unwrap_or_else(|| to_micros(now));
                self.write_answer(&mut tx, q.id, answer, out.answers, at).await?;
                changed = true;
            } else if changed {
                let words: String = ama_store::answer_in(&mut tx, q.id)
                    .await?
                    .iter()
                    .map(|p| format!(" {} {}", p.question_part, p.body))
                    .collect();
                let (title, body) = out.text.clone().unwrap_or((q.title.clone(), q.body.clone()));
                ama_store::set_search(&mut tx, q.id, &format!("{title} {body}{words}")).await?;
            }
            if let Some(to) = out.state {
                changed |= self.write_state(&mut tx, q.id, to).await?;
            }
        }
        let taken = if whole { out.taken_links.as_slice() } else { &[] };
        for (position, comment, synced) in out.links.iter().chain(taken) {
            let comment = i64::try_from(*comment).unwrap_or(i64::MAX);
            store::link_part(&mut tx, q.id, *position, comment, synced).await?;
        }
        let (state, labels) = if whole {
            (
                Some(out.pushed_state.clone().unwrap_or(out.github_state.clone())),
                Some(out.pushed_labels.clone().unwrap_or(out.github_labels.clone())),
            )
        } else {
            (out.pushed_state.clone(), out.pushed_labels.clone())
        };
        let labels = labels.as_deref().map(labels_text);
        let last = if whole { out.last_written.max(out.last_accounted) } else { out.last_written };
        let last = last
            .and_then(|id| i64::try_from(id).ok())
            .max(q.github_last_comment_id)
            .filter(|id| Some(*id) != q.github_last_comment_id);
        let updated = if whole { out.pushed_updated_at.or(out.listed_updated_at) } else { None };
        let seen = IssueSeen {
            number: None,
            updated_at: updated.map(to_micros).filter(|at| Some(*at) != q.github_updated_at),
            state: state.as_deref().filter(|s| Some(*s) != q.github_state.as_deref()),
            labels: labels.as_deref().filter(|l| Some(*l) != q.github_labels.as_deref()),
            last_comment_id: last,
        };
        if seen != IssueSeen::default() {
            store::record_issue(&mut tx, q.id, &seen).await?;
        }
        if (whole && q.github_synced_at != Some(updated_at)) || changed {
            store::mark_synced(&mut tx, q.id).await?;
        }
        tx.commit().await?;
        if changed {
            self.report.questions_updated += 1;
        }
        Ok(())
    }

    /// Writes `parts` as the answer to question `id`, as an answer given in Plaudit is
    /// written (`ops::ama::answer`): an edit keeps the words it replaces in the history; when
    /// `answered`, the question is answered, the first answer becomes the host's "AMA
    /// answers" contribution and tells the question's followers.
    async fn write_answer(
        &self,
        tx: &mut Tx,
        id: i64,
        parts: &[(String, String)],
        answered: bool,
        at: i64,
    ) -> Result<(), OpError> {
        let ctx = self.ctx;
        let ama = &self.ama;
        let now = ctx.now();
        let q = ama_store::question_in(tx, id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
        let typed: Vec<(&str, &str)> =
            parts.iter().map(|(part, body)| (part.as_str(), body.as_str())).collect();
        let before = ama_store::answer_in(tx, id).await?;
        let first = q.answered_at.is_none() || before.is_empty();
        if !first {
            let old =
                answer_markdown(before.iter().map(|p| (p.question_part.as_str(), p.body.as_str())));
            if old != answer_markdown(typed.iter().copied()) {
                let written = before.iter().map(|p| p.updated_at).max().unwrap_or(at);
                ama_store::insert_revision(tx, id, &old, written, now).await?;
            }
        }
        let answered_at = q.answered_at.unwrap_or(at);
        ama_store::replace_answer(tx, id, &typed, answered_at, now).await?;
        let words: String = typed.iter().map(|(p, b)| format!(" {p} {b}")).collect();
        ama_store::set_search(tx, id, &format!("{} {}{words}", q.title, q.body)).await?;
        if !answered {
            return Ok(());
        }
        let change = StateChange {
            state: AmaQuestionState::Answered.as_str(),
            duplicate_of_id: None,
            decline_reason: None,
            answered_at: Some(answered_at),
            answer_updated_at: Some(to_micros(now)),
        };
        ama_store::set_state(tx, id, &change).await?;
        if !ama.program_wide && q.contribution_id.is_none() {
            let contribution = super::ama::answered_contribution(ctx, ama, &q, ctx.today().await?)?;
            let write = plaudit_store::contributions::Write {
                person_id: ama.host_person_id,
                contribution: &contribution,
                primary_area_id: None,
                area_ids: &[],
                source: ContributionSource::Ama.as_str(),
            };
            let contribution_id = plaudit_store::contributions::insert(tx, &write, now).await?;
            ama_store::set_contribution(tx, id, contribution_id).await?;
            super::standing::recompute_person(ctx, tx, ama.host_person_id).await?;
            super::directory::touched(tx, ama.host_person_id, now).await?;
        }
        if first {
            let host = store::account_of(tx, ama.host_person_id).await?;
            let host_lang = host.as_ref().and_then(|(_, l)| l.as_deref()).and_then(Lang::parse);
            let link = ctx.link(&question_path(&ama.slug, id));
            let host_account = host.map_or(0, |(account, _)| account);
            for contact in ama_store::followers(tx, id, host_account).await? {
                let to_lang = contact
                    .language
                    .as_deref()
                    .and_then(Lang::parse)
                    .or(host_lang)
                    .unwrap_or(self.lang);
                let notice = Notice::new(
                    "ama_answered",
                    Msg::new("mail-ama-answered-subject").arg("title", q.title.as_str()),
                )
                .paragraph(
                    Msg::new("mail-ama-answered-body")
                        .arg("host", ama.host_name.as_str())
                        .arg("title", q.title.as_str()),
                )
                .link(Msg::new("mail-ama-answered-link"), link.clone());
                enqueue_mail(ctx, tx, &notice, to_lang, &contact.email, now).await?;
            }
        }
        Ok(())
    }

    /// Moves question `id` to `to` as its issue's state says (not to answered: see
    /// [`Self::write_answer`]), recorded in the audit log as the program's doing; whether it
    /// moved.
    async fn write_state(
        &self,
        tx: &mut Tx,
        id: i64,
        to: AmaQuestionState,
    ) -> Result<bool, OpError> {
        let q = ama_store::question_in(tx, id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
        if q.state == to.as_str() {
            return Ok(false);
        }
        let change = StateChange {
            state: to.as_str(),
            duplicate_of_id: q.duplicate_of_id.filter(|_| to == AmaQuestionState::Duplicate),
            decline_reason: q
                .decline_reason
                .as_deref()
                .filter(|_| to == AmaQuestionState::Declined),
            // An answer stays with a question reopened on GitHub.
            answered_at: q.answered_at,
            answer_updated_at: q.answer_updated_at,
        };
        ama_store::set_state(tx, id, &change).await?;
        let detail = format!("from={} to={} via=github", q.state, to.as_str());
        record(
            tx,
            None,
            AuditAction::AmaQuestionStateChanged,
            ("ama_question", id),
            &detail,
            self.ctx.now(),
        )
        .await?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_is_what_github_accepts() {
        for ok in ["a", "ama-host", "octo-cat-2", &"x".repeat(39)] {
            assert!(valid_login(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "a_b", "a b", "ä", &"x".repeat(40)] {
            assert!(!valid_login(bad), "{bad}");
        }
    }

    #[test]
    fn a_repository_is_typed_as_owner_and_name_or_its_address() {
        assert_eq!(repo_as_typed(" octo/ama "), "octo/ama");
        assert_eq!(repo_as_typed("https://github.com/octo/ama.git"), "octo/ama");
        assert_eq!(repo_as_typed("github.com/octo/ama/"), "octo/ama");
    }

    #[test]
    fn a_part_reads_back_as_answer_markdown_writes_it() {
        for (part, body) in [
            ("How did you start?", "By *accident*."),
            ("", "A whole answer.\n\nIn two paragraphs."),
            ("First line?\n\nSecond line?", "Both at once."),
        ] {
            let written = part_markdown(part, body);
            assert_eq!(parse_part(&written), (part.to_owned(), body.to_owned()), "{written}");
            assert_eq!(parse_part(&written.replace('\n', "\r\n")).1, body.to_owned());
        }
        assert_eq!(parse_part("> only a quote"), (String::new(), "> only a quote".to_owned()));
    }

    #[test]
    fn labels_that_are_tags_are_tags() {
        let labels =
            ["Rust", "good first issue", "question", "#career", "rust"].map(str::to_owned).to_vec();
        assert_eq!(tags_of(&labels), ["career", "question", "rust"]);
    }

    #[test]
    fn the_side_that_changed_wins_and_plaudit_wins_a_conflict() {
        let base = Some(&1);
        assert_eq!(merge(&1, &1, base, true, true), Merge::Keep);
        assert_eq!(merge(&2, &1, base, true, false), Merge::Push);
        assert_eq!(merge(&1, &2, base, false, true), Merge::Take);
        assert_eq!(merge(&2, &3, base, true, true), Merge::Conflict);
        // A timestamp that moved without the value moving is no change.
        assert_eq!(merge(&1, &2, base, true, true), Merge::Take);
        assert_eq!(merge(&2, &3, None, false, false), Merge::Keep);
    }

    #[test]
    fn plaudits_footer_is_not_part_of_the_question() {
        let issue = Issue {
            number: 3,
            title: "Why?\u{7}".to_owned(),
            body: Some("Because.\r\n\r\n<!-- plaudit:question=42 -->\n*Asked by A*".to_owned()),
            state: IssueState::Open,
            state_reason: None,
            labels: Vec::new(),
            user_login: "ama-host".to_owned(),
            html_url: String::new(),
            created_at: Timestamp::UNIX_EPOCH,
            updated_at: Timestamp::UNIX_EPOCH,
            closed_at: None,
            comments: 0,
        };
        assert_eq!(imported_body(&issue), "Because.");
        assert_eq!(imported_title(&issue), "Why?");
        assert_eq!(marked_question(&issue), Some(42));
    }
}
