//! Contributions that record themselves: a person's import sources (a blog, a YouTube channel,
//! GitHub, Stack Exchange answers, a Sessionize profile), read by `plaudit-import` on a schedule
//! or on demand into their suggestions inbox, where they accept (it becomes a contribution),
//! dismiss (never suggested again), or accept in bulk. Sources of a kind the program trusts
//! become contributions without asking.
//!
//! A read is idempotent: an address the person already has, as a suggestion in any state or as
//! a contribution, is never suggested again, and the source's validators make an unchanged
//! source cost a `304`. One server reads a source at a time (a claim on its row), and a source
//! that fails records why, for its person to see, and backs off.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use plaudit_domain::contribution::{ContributionUrl, TITLE_MAX_CHARS, ValidContribution};
use plaudit_domain::{
    CanonicalUrl, ContributionRole, ContributionSource, ContributionType, ReachMetric, Visibility,
};
use plaudit_import::fetch::{Fetcher, FetcherConfig};
use plaudit_import::{Batch, Endpoints, Failure, FailureKind, Item, Outcome, Summary, Validators};
use plaudit_store::imports::{
    self as store, NewProblem, NewSuggestion, ProblemRow, ReadCounts, ReadEnd, Requested,
    SourceRow, SuggestionRow,
};
use plaudit_store::timestamp::to_micros;

use super::accounts::AccountView;
use super::error::{ErrorCode, OpError, invalid};
use super::{Ctx, directory, import_summary, language_of, standing};
use crate::i18n::{Lang, Msg};
use crate::jobs::{Enqueue, ImportSource, Job, enqueue};

/// A scheduled read comes this long after the last one, give or take [`SPREAD`].
const READ_EVERY: Duration = Duration::from_secs(24 * 60 * 60);
/// Sources are spread over this much of the day by their id, so a program's thousands of
/// sources are not all due in the same quarter hour.
const SPREAD: Duration = Duration::from_secs(6 * 60 * 60);
/// The first retry of a source that failed for a reason that may pass; doubled each time, up
/// to [`READ_EVERY`].
const FIRST_RETRY: Duration = Duration::from_secs(15 * 60);
/// A claim older than this is a server killed mid-read: another may take the source over.
const STALE_CLAIM: Duration = Duration::from_secs(60 * 60);
/// How many sources one scheduled run reads at most; the rest are read by the next run.
pub const DUE_PER_RUN: i64 = 200;
/// How many sources one scheduled run reads at once (each host is limited on its own too).
const READS_AT_ONCE: usize = 8;
/// A page of the inbox.
pub const PAGE_SIZE: i64 = 50;
/// A locator's longest accepted form.
const LOCATOR_MAX: usize = 500;
/// The most of an entry problem's quote or parser detail that is kept.
const PROBLEM_ARGUMENT_MAX_CHARS: usize = 500;

/// The kinds of source a person can add, by their stored name (`import_source.kind`, the
/// contributions' `source`).
pub const KINDS: &[ContributionSource] = &[
    ContributionSource::Feed,
    ContributionSource::Youtube,
    ContributionSource::Github,
    ContributionSource::StackExchange,
    ContributionSource::Sessionize,
];

/// How sources are read: one polite HTTP client for every importer, where the services live,
/// and the tokens the program has for them.
#[derive(Clone)]
pub struct Importer {
    fetcher: Fetcher,
    endpoints: Arc<Endpoints>,
    github_token: Option<String>,
    stack_exchange_key: Option<String>,
}

impl std::fmt::Debug for Importer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Importer")
            .field("endpoints", &self.endpoints)
            .field("github_token", &self.github_token.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

impl Importer {
    /// `public_url` names the program in the User-Agent, so a site owner knows who reads them.
    pub fn new(
        public_url: &str,
        endpoints: Endpoints,
        allow_private_addresses: bool,
        github_token: Option<String>,
        stack_exchange_key: Option<String>,
    ) -> Result<Importer, OpError> {
        let user_agent = format!(
            "Plaudit/{} (+{})",
            env!("CARGO_PKG_VERSION"),
            public_url.trim_end_matches('/')
        );
        let config = FetcherConfig { allow_private_addresses, ..FetcherConfig::new(user_agent) };
        let fetcher = Fetcher::new(config).map_err(OpError::internal)?;
        Ok(Importer { fetcher, endpoints: Arc::new(endpoints), github_token, stack_exchange_key })
    }

    pub fn fetcher(&self) -> &Fetcher {
        &self.fetcher
    }

    /// Reads one source as it stands.
    async fn read(&self, source: &SourceRow) -> Result<Outcome, Failure> {
        let validators =
            Validators { etag: source.etag.clone(), last_modified: source.last_modified.clone() };
        let locator = source.resolved_locator.as_deref().unwrap_or(&source.locator);
        let kind: ContributionSource = source
            .kind
            .parse()
            .map_err(|_| Failure::new(FailureKind::InvalidLocator, "unknown source kind"))?;
        match kind {
            ContributionSource::Feed | ContributionSource::Youtube => {
                let feed_kind = if kind == ContributionSource::Youtube {
                    plaudit_import::feed::FeedKind::YouTube
                } else {
                    plaudit_import::feed::FeedKind::Blog
                };
                plaudit_import::feed::read(
                    &self.fetcher, &self.endpoints, feed_kind, locator, &validators,
                )
                .await
            }
            ContributionSource::Github => {
                let client = plaudit_github::Client::builder(
                    self.github_token.clone().unwrap_or_default(),
                    self.fetcher.config().user_agent.clone(),
                )
                .base_url(self.endpoints.github_api.clone())
                .build()
                .map_err(|e| Failure::new(FailureKind::Network, e.to_string()))?;
                plaudit_import::github::read(&client, locator, &validators, None).await
            }
            ContributionSource::StackExchange => {
                plaudit_import::stack_exchange::read(
                    &self.fetcher,
                    &self.endpoints,
                    locator,
                    &validators,
                    self.stack_exchange_key.as_deref(),
                )
                .await
            }
            ContributionSource::Sessionize => {
                plaudit_import::sessionize::read(
                    &self.fetcher, &self.endpoints, locator, &validators,
                )
                .await
            }
            _ => Err(Failure::new(FailureKind::InvalidLocator, "not an import source kind")),
        }
    }
}

/// What a person typed for a source, checked and written the one way it is stored: a blog's
/// address, a YouTube channel id or address, a GitHub login, a Stack Exchange profile address,
/// the id of a Sessionize Speaker API endpoint.
pub fn normalize_locator(kind: ContributionSource, typed: &str) -> Result<String, Msg> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(Msg::new("field-import-locator-required"));
    }
    if typed.chars().count() > LOCATOR_MAX || typed.chars().any(char::is_control) {
        return Err(Msg::new("field-import-locator-invalid"));
    }
    let as_url = |text: &str| {
        let with_scheme =
            if text.contains("://") { text.to_owned() } else { format!("https://{text}") };
        plaudit_import::fetch::parse_http_url(&with_scheme).ok()
    };
    let invalid = || Msg::new(locator_problem_id(kind));
    match kind {
        ContributionSource::Feed => {
            let url = as_url(typed).ok_or_else(invalid)?;
            if !url.host_str().is_some_and(|h| h.contains('.')) {
                return Err(invalid());
            }
            Ok(url.to_string())
        }
        ContributionSource::Youtube => {
            if is_channel_id(typed) {
                return Ok(typed.to_owned());
            }
            let url = as_url(typed).ok_or_else(invalid)?;
            let host = url.host_str().unwrap_or_default().trim_start_matches("www.");
            if !matches!(host, "youtube.com" | "m.youtube.com") || url.path().len() < 2 {
                return Err(invalid());
            }
            Ok(url.to_string())
        }
        ContributionSource::Github => {
            let login = match as_url(typed).filter(|_| typed.contains('/')) {
                Some(url)
                    if url
                        .host_str()
                        .is_some_and(|h| h.trim_start_matches("www.") == "github.com") =>
                {
                    url.path_segments().and_then(|mut s| s.next()).unwrap_or_default().to_owned()
                }
                Some(_) => return Err(invalid()),
                None => typed.trim_start_matches('@').to_owned(),
            };
            let well_formed = (1..=39).contains(&login.len())
                && login.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !login.starts_with('-')
                && !login.ends_with('-');
            if well_formed { Ok(login) } else { Err(invalid()) }
        }
        ContributionSource::StackExchange => {
            if typed.chars().all(|c| c.is_ascii_digit()) && typed.len() <= 12 {
                return Ok(format!("https://stackoverflow.com/users/{typed}"));
            }
            let url = as_url(typed).ok_or_else(invalid)?;
            let mut segments = url.path_segments().into_iter().flatten();
            let is_profile = segments.next() == Some("users")
                && segments
                    .next()
                    .is_some_and(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()));
            if is_profile { Ok(url.to_string()) } else { Err(invalid()) }
        }
        ContributionSource::Sessionize => {
            plaudit_import::sessionize::parse_locator(typed, &Endpoints::default())
                .map_err(|_| invalid())
        }
        _ => Err(Msg::new("field-import-kind-invalid")),
    }
}

/// The message that says what a locator of `kind` looks like.
pub fn locator_problem_id(kind: ContributionSource) -> &'static str {
    match kind {
        ContributionSource::Feed => "field-import-locator-feed",
        ContributionSource::Youtube => "field-import-locator-youtube",
        ContributionSource::Github => "field-import-locator-github",
        ContributionSource::StackExchange => "field-import-locator-stack_exchange",
        ContributionSource::Sessionize => "field-import-locator-sessionize",
        _ => "field-import-kind-invalid",
    }
}

fn is_channel_id(text: &str) -> bool {
    text.len() == 24
        && text.starts_with("UC")
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The person's sources with how their last reads went, their suggestions by state, and the
/// entries their last reads could not read.
#[derive(Debug, Clone)]
pub struct Overview {
    pub sources: Vec<SourceRow>,
    pub problems: Vec<ProblemRow>,
    pub pending: i64,
    pub accepted: i64,
    pub dismissed: i64,
}

pub async fn overview(ctx: &Ctx, account: &AccountView) -> Result<Overview, OpError> {
    let sources = store::sources_of(&ctx.db, account.person_id).await?;
    let problems = store::problems_of(&ctx.db, account.person_id).await?;
    let mut overview = Overview { sources, problems, pending: 0, accepted: 0, dismissed: 0 };
    for (status, count) in store::counts(&ctx.db, account.person_id).await? {
        match status.as_str() {
            "pending" => overview.pending = count,
            "accepted" => overview.accepted = count,
            "dismissed" => overview.dismissed = count,
            _ => {}
        }
    }
    Ok(overview)
}

/// The sources of the person `who` names, for an operator (`plaudit import`): one of their
/// e-mail addresses or their number. `None` when no such person exists.
pub async fn sources_of_person(
    ctx: &Ctx,
    who: &str,
) -> Result<Option<(i64, Vec<SourceRow>)>, OpError> {
    let who = who.trim();
    let person_id = match who.parse::<i64>() {
        Ok(id) => plaudit_store::people::profile(&ctx.db, id).await?.map(|_| id),
        Err(_) => match plaudit_domain::EmailAddress::parse(who) {
            Ok(email) => {
                plaudit_store::accounts::person_by_email(&ctx.db, &email.normalized()).await?
            }
            Err(_) => None,
        },
    };
    let Some(person_id) = person_id else { return Ok(None) };
    Ok(Some((person_id, store::sources_of(&ctx.db, person_id).await?)))
}

/// Adds a source to the person's profile and asks for its first read at once.
pub async fn add_source(
    ctx: &Ctx,
    account: &AccountView,
    kind: &str,
    typed: &str,
) -> Result<i64, OpError> {
    let kind: ContributionSource = kind
        .trim()
        .parse()
        .ok()
        .filter(|k| KINDS.contains(k))
        .ok_or_else(|| invalid("kind", Msg::new("field-import-kind-invalid")))?;
    let locator = normalize_locator(kind, typed).map_err(|m| invalid("locator", m))?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let Some(id) =
        store::add_source(&mut tx, account.person_id, kind.as_str(), &locator, to_micros(now))
            .await?
    else {
        return Err(invalid("locator", Msg::new("field-import-locator-duplicate")));
    };
    queue_read(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// "Import now": queues a read of one of the person's sources, unless one is waiting already
/// (pressing the button twice queues one read).
pub async fn import_now(ctx: &Ctx, account: &AccountView, id: i64) -> Result<(), OpError> {
    let now = ctx.now();
    let stale = now.saturating_sub(STALE_CLAIM).unwrap_or(Timestamp::MIN);
    let mut tx = ctx.db.begin_write().await?;
    match store::request(&mut tx, account.person_id, id, to_micros(now), to_micros(stale)).await? {
        Requested::NotFound => return Err(OpError::new(ErrorCode::NotFound)),
        Requested::AlreadyWaiting => {}
        Requested::Now => queue_read(&mut tx, id, now).await?,
    }
    tx.commit().await?;
    Ok(())
}

async fn queue_read(tx: &mut plaudit_store::Tx, id: i64, now: Timestamp) -> Result<(), OpError> {
    let job = Job::ImportSource(ImportSource { source_id: id });
    enqueue(tx, &job, &Enqueue::default(), now).await?;
    Ok(())
}

/// Removes one of the person's sources with its pending suggestions.
pub async fn remove_source(ctx: &Ctx, account: &AccountView, id: i64) -> Result<(), OpError> {
    let mut tx = ctx.db.begin_write().await?;
    if !store::remove_source(&mut tx, account.person_id, id, to_micros(ctx.now())).await? {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    tx.commit().await?;
    Ok(())
}

/// What one read of a source did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadReport {
    /// False when another server was reading it.
    pub claimed: bool,
    pub not_modified: bool,
    /// New suggestions (or contributions, for a trusted kind).
    pub added: usize,
    /// Entries read, new or not.
    pub read: usize,
    /// Entries that could not be read.
    pub problems: usize,
    /// Why the source could not be read at all.
    pub failure: Option<FailureKind>,
}

impl std::fmt::Display for ReadReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.claimed {
            return f.write_str("another server is reading it");
        }
        if let Some(kind) = self.failure {
            return write!(f, "failed: {}", kind.as_str());
        }
        if self.not_modified {
            return f.write_str("unchanged since the last read");
        }
        write!(f, "{} new of {} read, {} unreadable", self.added, self.read, self.problems)
    }
}

/// Reads one source into its person's inbox, if no other server is reading it.
pub async fn read_source(
    ctx: &Ctx,
    importer: &Importer,
    source_id: i64,
) -> Result<ReadReport, OpError> {
    let now = ctx.now();
    let stale = now.saturating_sub(STALE_CLAIM).unwrap_or(Timestamp::MIN);
    if !store::claim(&ctx.db, source_id, to_micros(now), to_micros(stale)).await? {
        return Ok(ReadReport::default());
    }
    let Some(source) = store::source(&ctx.db, source_id).await? else {
        return Ok(ReadReport::default());
    };
    let outcome = importer.read(&source).await;
    let ended = ctx.now();
    let mut report = ReadReport { claimed: true, ..ReadReport::default() };
    let mut tx = ctx.db.begin_write().await?;
    match outcome {
        Ok(Outcome::NotModified) => {
            report.not_modified = true;
            let validators = ReadCounts {
                etag: source.etag.as_deref(),
                last_modified: source.last_modified.as_deref(),
                resolved_locator: None,
                counts: None,
            };
            let end = ReadEnd {
                now: to_micros(ended),
                next_fetch_at: to_micros(next_read(source.id, ended)),
                read: Some(validators),
                failure: None,
            };
            store::end_read(&mut tx, source.id, &end).await?;
        }
        Ok(Outcome::Read(batch)) => {
            let added = keep_batch(ctx, &mut tx, &source, &batch, ended).await?;
            report.added = added;
            report.read = batch.items.len();
            report.problems = batch.problems.len();
            let counts = ReadCounts {
                etag: batch.validators.etag.as_deref(),
                last_modified: batch.validators.last_modified.as_deref(),
                resolved_locator: batch.resolved_locator.as_deref(),
                counts: Some((added as i64, batch.items.len() as i64, batch.problems.len() as i64)),
            };
            let end = ReadEnd {
                now: to_micros(ended),
                next_fetch_at: to_micros(next_read(source.id, ended)),
                read: Some(counts),
                failure: None,
            };
            store::end_read(&mut tx, source.id, &end).await?;
        }
        Err(failure) => {
            tracing::info!(source = source.id, kind = failure.kind.as_str(), detail = %failure.detail, "import source failed");
            report.failure = Some(failure.kind);
            let retry = retry_after(&failure, source.failure_count);
            let detail: String = failure.detail.chars().take(1000).collect();
            let end = ReadEnd {
                now: to_micros(ended),
                next_fetch_at: to_micros(ended.saturating_add(retry).unwrap_or(Timestamp::MAX)),
                read: None,
                failure: Some((failure.kind.as_str(), &detail)),
            };
            store::end_read(&mut tx, source.id, &end).await?;
        }
    }
    tx.commit().await?;
    Ok(report)
}

/// The next scheduled read: a day on, shifted by the source's place in [`SPREAD`].
fn next_read(source_id: i64, now: Timestamp) -> Timestamp {
    let offset = (source_id.unsigned_abs().wrapping_mul(2_654_435_761)) % SPREAD.as_secs();
    now.saturating_add(READ_EVERY + Duration::from_secs(offset)).unwrap_or(Timestamp::MAX)
}

/// How long a failed source waits: what the service asked for, else a backoff that doubles
/// with each failure in a row for reasons that may pass, else a day.
fn retry_after(failure: &Failure, failures_before: i64) -> Duration {
    let asked = failure.retry_after.map(Duration::from_secs).unwrap_or_default();
    let backoff = if failure.kind.is_transient() {
        let doublings = u32::try_from(failures_before.clamp(0, 10)).unwrap_or(10);
        FIRST_RETRY.saturating_mul(1 << doublings).min(READ_EVERY)
    } else {
        READ_EVERY
    };
    asked.max(backoff).min(READ_EVERY * 7)
}

/// Writes what a read brought: new suggestions (or contributions, for a trusted kind), the
/// identities found, the entries that could not be read. Returns how many were new.
async fn keep_batch(
    ctx: &Ctx,
    tx: &mut plaudit_store::Tx,
    source: &SourceRow,
    batch: &Batch,
    now: Timestamp,
) -> Result<usize, OpError> {
    let at = to_micros(now);
    let mut known = store::known_urls(tx, source.person_id).await?;
    let new_items: Vec<&Item> = batch
        .items
        .iter()
        .filter(|item| known.insert(item.canonical_url.as_str().to_owned()))
        .collect();
    drop(known);
    // A feed's entries bring their own words; an API's facts are worded for the person.
    let lang = if new_items.iter().any(|item| !matches!(item.summary, Summary::Text(_))) {
        language_of(ctx, tx, source.person_id).await?
    } else {
        Lang::default()
    };
    let summaries: Vec<Cow<'_, str>> =
        new_items.iter().map(|item| import_summary::worded(lang, &item.summary)).collect();
    let mut fresh = Vec::with_capacity(new_items.len());
    for (item, summary) in new_items.iter().zip(&summaries) {
        let reach = item
            .reach
            .filter(|(metric, _)| item.contribution_type.reach_metrics().contains(metric));
        fresh.push(NewSuggestion {
            external_id: clip(&item.external_id, 500),
            canonical_url: item.canonical_url.as_str(),
            title: clip(&item.title, TITLE_MAX_CHARS),
            summary: clip(summary, 1000),
            contribution_type: item.contribution_type.as_str(),
            occurred_on: item.occurred_on.to_string(),
            reach_metric: reach.map(|(m, _)| m.as_str()),
            reach_value: reach.map(|(_, v)| v.max(0)),
        });
    }
    store::insert_suggestions(tx, source.id, source.person_id, &fresh, at).await?;

    for identity in &batch.identities {
        let kind = identity.kind.as_str();
        if let Some(other) =
            store::record_identity(tx, source.person_id, kind, &identity.value, at).await?
        {
            store::suggest_merge(tx, source.person_id, other, &format!("same_{kind}"), at).await?;
        }
    }
    let problems: Vec<NewProblem<'_>> = batch
        .problems
        .iter()
        .map(|p| NewProblem {
            position: p.position as i64,
            entry_ref: p.id.as_deref(),
            kind: p.reason.kind().as_str(),
            argument: p.reason.argument().map(|text| clip(text, PROBLEM_ARGUMENT_MAX_CHARS)),
        })
        .collect();
    store::replace_problems(tx, source.id, &problems, at).await?;

    let trusted = store::trusted_kinds(&ctx.db).await?;
    if !fresh.is_empty() && trusted.contains(&source.kind) {
        let pending = store::pending_in(tx, source.person_id, None).await?;
        let ids: HashSet<&str> = fresh.iter().map(|s| s.canonical_url).collect();
        let new: Vec<SuggestionRow> =
            pending.into_iter().filter(|row| ids.contains(row.canonical_url.as_str())).collect();
        accept_rows(ctx, tx, source.person_id, &new, now).await?;
    }
    Ok(fresh.len())
}

/// The first `max` characters of `text`, borrowed.
fn clip(text: &str, max: usize) -> &str {
    text.char_indices().nth(max).and_then(|(end, _)| text.get(..end)).unwrap_or(text)
}

/// The person's scheduled reads that are due, read a few at a time; what the `import_due` job
/// runs.
pub async fn read_due(ctx: &Ctx, importer: &Importer) -> Result<String, OpError> {
    use futures_util::StreamExt;
    let due = store::due(&ctx.db, to_micros(ctx.now()), DUE_PER_RUN).await?;
    let reports: Vec<Result<ReadReport, OpError>> = futures_util::stream::iter(due)
        .map(|id| read_source(ctx, importer, id))
        .buffer_unordered(READS_AT_ONCE)
        .collect()
        .await;
    let (mut read, mut failed, mut added) = (0, 0, 0);
    for report in reports {
        let report = report?;
        if report.claimed {
            read += 1;
        }
        if report.failure.is_some() {
            failed += 1;
        }
        added += report.added;
    }
    Ok(format!("read {read} import sources ({failed} failed), {added} new suggestions"))
}

/// A page of the person's inbox in `status` (`pending`, `accepted`, `dismissed`).
pub async fn inbox(
    ctx: &Ctx,
    account: &AccountView,
    status: &str,
    after: Option<(&str, i64)>,
) -> Result<Vec<SuggestionRow>, OpError> {
    let status = match status {
        "accepted" | "dismissed" => status,
        _ => "pending",
    };
    Ok(store::page(&ctx.db, account.person_id, status, after, PAGE_SIZE + 1).await?)
}

/// Accepts the person's pending suggestions among `ids` (every pending one when None): each
/// becomes a public contribution they can edit. Returns how many.
pub async fn accept(
    ctx: &Ctx,
    account: &AccountView,
    ids: Option<&[i64]>,
) -> Result<usize, OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let rows = store::pending_in(&mut tx, account.person_id, ids).await?;
    let accepted = accept_rows(ctx, &mut tx, account.person_id, &rows, now).await?;
    tx.commit().await?;
    Ok(accepted)
}

/// Dismisses the person's pending suggestions among `ids`: never suggested again.
pub async fn dismiss(ctx: &Ctx, account: &AccountView, ids: &[i64]) -> Result<usize, OpError> {
    let at = to_micros(ctx.now());
    let mut tx = ctx.db.begin_write().await?;
    let rows = store::pending_in(&mut tx, account.person_id, Some(ids)).await?;
    for row in &rows {
        store::decide(&mut tx, row.id, None, at).await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

async fn accept_rows(
    ctx: &Ctx,
    tx: &mut plaudit_store::Tx,
    person_id: i64,
    rows: &[SuggestionRow],
    now: Timestamp,
) -> Result<usize, OpError> {
    if rows.is_empty() {
        return Ok(0);
    }
    let at = to_micros(now);
    for row in rows {
        let contribution = contribution_of(row)?;
        let existing =
            plaudit_store::contributions::with_canonical_url(tx, person_id, &row.canonical_url, 0)
                .await?;
        let id = match existing {
            // Recorded by hand since it was suggested: the suggestion is that contribution.
            Some((id, _)) => id,
            None => {
                let write = plaudit_store::contributions::Write {
                    person_id,
                    contribution: &contribution,
                    primary_area_id: None,
                    area_ids: &[],
                    source: &row.source_kind,
                };
                plaudit_store::contributions::insert(tx, &write, now).await?
            }
        };
        store::decide(tx, row.id, Some(id), at).await?;
    }
    standing::recompute_person(ctx, tx, person_id).await?;
    directory::touched(tx, person_id, now).await?;
    Ok(rows.len())
}

/// The contribution a suggestion becomes: public, the person as its author (its speaker, for a
/// talk), with the reach the source gave.
fn contribution_of(row: &SuggestionRow) -> Result<ValidContribution, OpError> {
    let contribution_type: ContributionType =
        row.contribution_type.parse().map_err(OpError::internal)?;
    let canonical = CanonicalUrl::parse(&row.canonical_url).map_err(OpError::internal)?;
    let started_on = row.occurred_on.parse().map_err(OpError::internal)?;
    let reach = match (&row.reach_metric, row.reach_value) {
        (Some(metric), Some(value)) => metric
            .parse::<ReachMetric>()
            .ok()
            .filter(|m| contribution_type.reach_metrics().contains(m))
            .map(|m| vec![(m, u64::try_from(value).unwrap_or(0))])
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let person_role = match contribution_type {
        ContributionType::SpeakingConference
        | ContributionType::SpeakingMeetup
        | ContributionType::SpeakingSponsorEvent => ContributionRole::Speaker,
        ContributionType::Podcast => ContributionRole::Host,
        _ => ContributionRole::Author,
    };
    Ok(ValidContribution {
        contribution_type,
        title: row.title.chars().take(TITLE_MAX_CHARS).collect(),
        description: row.summary.clone(),
        private_note: String::new(),
        started_on,
        ended_on: None,
        url: Some(ContributionUrl { typed: row.canonical_url.clone(), canonical }),
        primary_area: None,
        areas: Vec::new(),
        audiences: Vec::new(),
        person_role,
        visibility: Visibility::Public,
        high_impact: false,
        reach,
    })
}

/// The source kinds whose suggestions become contributions without asking.
pub async fn trusted_kinds(ctx: &Ctx) -> Result<Vec<ContributionSource>, OpError> {
    Ok(store::trusted_kinds(&ctx.db)
        .await?
        .iter()
        .filter_map(|k| k.parse().ok())
        .filter(|k| KINDS.contains(k))
        .collect())
}

/// Sets the trusted kinds (an admin's program setting); what was trusted before and after is
/// in the audit log.
pub async fn set_trusted_kinds(
    ctx: &Ctx,
    admin_account_id: i64,
    kinds: &[ContributionSource],
) -> Result<(), OpError> {
    let names: Vec<&str> = KINDS.iter().filter(|k| kinds.contains(k)).map(|k| k.as_str()).collect();
    let before = store::trusted_kinds(&ctx.db).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    store::set_trusted_kinds(&mut tx, &names).await?;
    let detail = format!("before={} after={}", before.join(","), names.join(","));
    let action = super::audit::AuditAction::TrustedSourcesChanged;
    super::audit::record(&mut tx, Some(admin_account_id), action, ("program", 1), &detail, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn each_kind_reads_what_people_type_for_it() {
        use ContributionSource as K;
        let ok = |kind, typed: &str| normalize_locator(kind, typed).unwrap();
        assert_eq!(ok(K::Feed, "blog.example.org"), "https://blog.example.org/");
        assert_eq!(ok(K::Feed, " http://blog.example.org/feed "), "http://blog.example.org/feed");
        assert_eq!(ok(K::Youtube, "UCabcdefghijklmnopqrstuv"), "UCabcdefghijklmnopqrstuv");
        assert_eq!(ok(K::Youtube, "youtube.com/@rustconf"), "https://youtube.com/@rustconf");
        assert_eq!(ok(K::Github, "@octo-cat"), "octo-cat");
        assert_eq!(ok(K::Github, "https://github.com/octocat/"), "octocat");
        assert_eq!(ok(K::StackExchange, "22656"), "https://stackoverflow.com/users/22656");
        assert_eq!(
            ok(K::StackExchange, "https://superuser.com/users/1/jeff"),
            "https://superuser.com/users/1/jeff"
        );
        assert_eq!(
            ok(K::Sessionize, "https://sessionize.com/api/speaker/json/a1b2c3d4"),
            "a1b2c3d4"
        );
        assert_eq!(ok(K::Sessionize, "sessionize.com/api/speaker/json/a1b2c3d4/"), "a1b2c3d4");
        assert_eq!(ok(K::Sessionize, "a1b2c3d4"), "a1b2c3d4");

        for (kind, typed) in [
            (K::Feed, ""),
            (K::Feed, "ftp://blog.example.org"),
            (K::Feed, "localhost"),
            (K::Youtube, "https://vimeo.com/123"),
            (K::Github, "https://gitlab.com/someone"),
            (K::Github, "-bad-"),
            (K::StackExchange, "https://stackoverflow.com/questions/1"),
            (K::Sessionize, "https://example.com/jane"),
            (K::Sessionize, "https://sessionize.com/jane-doe"),
            (K::Sessionize, "jane.doe"),
            (K::Csv, "anything"),
        ] {
            assert!(normalize_locator(kind, typed).is_err(), "{kind:?} {typed:?}");
        }
    }

    #[test]
    fn a_failing_source_backs_off_and_a_service_that_says_how_long_is_heeded() {
        let timeout = Failure::new(FailureKind::Timeout, "slow");
        assert_eq!(retry_after(&timeout, 0), FIRST_RETRY);
        assert_eq!(retry_after(&timeout, 2), FIRST_RETRY * 4);
        assert_eq!(retry_after(&timeout, 50), READ_EVERY);
        assert_eq!(retry_after(&Failure::new(FailureKind::NotFound, "gone"), 0), READ_EVERY);
        let throttled =
            Failure { retry_after: Some(7200), ..Failure::new(FailureKind::RateLimited, "") };
        assert_eq!(retry_after(&throttled, 0), Duration::from_secs(7200));
    }

    #[test]
    fn scheduled_reads_are_spread_over_the_day() {
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let hours: HashSet<i64> =
            (1..200).map(|id| next_read(id, now).duration_since(now).as_secs() / 3600).collect();
        assert!(hours.len() >= 6, "{hours:?}");
        assert!(hours.iter().all(|h| (24..30).contains(h)), "{hours:?}");
    }
}
