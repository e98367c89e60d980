//! Background jobs: work that runs after the request that asked for it, or on a schedule.
//!
//! An operation queues a [`Job`] with [`enqueue`] inside its own transaction, so the job exists
//! if and only if the change committed. [`schedule`] queues the recurring jobs, one per
//! occurrence computed in the program's time zone, and a dedupe key per occurrence makes each
//! run once however many servers tick. The [`JobRunner`] started by `serve` (and `plaudit jobs
//! run-once`) claims due jobs under a lease and runs each kind's handler from [`handlers`]; a
//! failure is retried with exponential backoff, and after the job's last attempt it ends failed
//! with the reason, for an admin to see at `/admin/jobs` and retry.
//!
//! A new kind of job is a variant of [`Job`] (with its payload), its name in [`JobKind`], and
//! its handler.

pub mod handlers;
pub mod runner;
pub mod schedule;

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use plaudit_store::jobs::{self, NewJob};
use plaudit_store::{StoreError, Tx};
use serde::{Deserialize, Serialize};

pub use runner::{JobRunner, Outcome, RunReport};

/// Every kind of job this binary knows. The stored name is [`JobKind::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Remove expired sessions, spent or expired e-mail tokens, and old finished jobs.
    PurgeExpired,
    /// Recompute every standing against the published rubrics.
    RecomputeStandings,
    /// Do what the program's calendar says is due: start reviews, announce cycles.
    ProgramCalendar,
    /// Rescore the candidacies of the cycles a newly published rubric version was pinned to.
    RescorePinned,
    /// Tell the current awardees of an announcement for them, in batches.
    AnnouncementMail,
    /// Sync the AMAs linked to GitHub repositories with them, both ways.
    AmaGithubSync,
    /// Read the import sources whose scheduled read is due.
    ImportDue,
    /// Read one import source now, as its person asked.
    ImportSource,
}

impl JobKind {
    pub const ALL: &'static [JobKind] = &[
        JobKind::PurgeExpired,
        JobKind::RecomputeStandings,
        JobKind::ProgramCalendar,
        JobKind::RescorePinned,
        JobKind::AnnouncementMail,
        JobKind::AmaGithubSync,
        JobKind::ImportDue,
        JobKind::ImportSource,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::PurgeExpired => "purge_expired",
            JobKind::RecomputeStandings => "recompute_standings",
            JobKind::ProgramCalendar => "program_calendar",
            JobKind::RescorePinned => "rescore_pinned",
            JobKind::AnnouncementMail => "announcement_mail",
            JobKind::AmaGithubSync => "ama_github_sync",
            JobKind::ImportDue => "import_due",
            JobKind::ImportSource => "import_source",
        }
    }

    /// How many attempts a job of this kind gets before it ends failed.
    pub fn max_attempts(self) -> i64 {
        match self {
            // Both run again at their next occurrence anyway.
            JobKind::PurgeExpired | JobKind::RecomputeStandings => 5,
            // The nightly recompute scores them too, should every attempt fail.
            JobKind::RescorePinned => 5,
            // Each step is idempotent; an announcement that failed is retried within the day.
            JobKind::ProgramCalendar => 8,
            // Each batch records how far it went; a retry goes on from there.
            JobKind::AnnouncementMail => 10,
            // The next occurrence comes within 15 minutes; a rate limit queues its own retry.
            JobKind::AmaGithubSync => 3,
            // A source that fails records why and backs off on its own; the job itself fails
            // only when the database does, and the next occurrence comes within 15 minutes.
            JobKind::ImportDue => 3,
            // The person may ask again; the schedule reads the source anyway.
            JobKind::ImportSource => 3,
        }
    }
}

impl fmt::Display for JobKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for JobKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        JobKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("this server does not know the job kind {s:?}"))
    }
}

/// A job with its typed payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    PurgeExpired(PurgeExpired),
    RecomputeStandings,
    ProgramCalendar,
    RescorePinned(RescorePinned),
    AnnouncementMail(AnnouncementMail),
    AmaGithubSync(AmaGithubSync),
    ImportDue,
    ImportSource(ImportSource),
}

/// The import source to read now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSource {
    pub source_id: i64,
}

/// Which AMAs to sync with GitHub: the one named, or every one linked to a repository.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmaGithubSync {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ama_id: Option<i64>,
}

/// The announcement whose awardees to tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementMail {
    pub announcement_id: i64,
}

/// The rubric version whose cycles' candidacies to rescore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RescorePinned {
    pub category_id: i64,
    pub rubric_version_id: i64,
}

/// What the purge keeps: finished jobs younger than this many days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgeExpired {
    pub keep_finished_jobs_days: i64,
}

impl Default for PurgeExpired {
    fn default() -> Self {
        PurgeExpired { keep_finished_jobs_days: 30 }
    }
}

impl Job {
    pub fn kind(&self) -> JobKind {
        match self {
            Job::PurgeExpired(_) => JobKind::PurgeExpired,
            Job::RecomputeStandings => JobKind::RecomputeStandings,
            Job::ProgramCalendar => JobKind::ProgramCalendar,
            Job::RescorePinned(_) => JobKind::RescorePinned,
            Job::AnnouncementMail(_) => JobKind::AnnouncementMail,
            Job::AmaGithubSync(_) => JobKind::AmaGithubSync,
            Job::ImportDue => JobKind::ImportDue,
            Job::ImportSource(_) => JobKind::ImportSource,
        }
    }

    /// The payload as stored: JSON.
    pub fn payload(&self) -> String {
        let json = match self {
            Job::PurgeExpired(p) => serde_json::to_value(p),
            Job::RescorePinned(r) => serde_json::to_value(r),
            Job::AnnouncementMail(m) => serde_json::to_value(m),
            Job::AmaGithubSync(s) => serde_json::to_value(s),
            Job::ImportSource(s) => serde_json::to_value(s),
            Job::RecomputeStandings | Job::ProgramCalendar | Job::ImportDue => {
                Ok(serde_json::json!({}))
            }
        };
        // Serializing these plain structs to a Value cannot fail; an empty object would do.
        json.unwrap_or_default().to_string()
    }

    /// Reads a stored job back. An unknown kind or a payload this binary cannot read is an
    /// error the runner retries: during a rolling upgrade, a newer server may know it.
    pub fn decode(kind: &str, payload: &str) -> Result<Job, String> {
        let kind: JobKind = kind.parse()?;
        let bad = |e: serde_json::Error| format!("the {kind} job's payload is not valid: {e}");
        Ok(match kind {
            JobKind::PurgeExpired => Job::PurgeExpired(serde_json::from_str(payload).map_err(bad)?),
            JobKind::RecomputeStandings => Job::RecomputeStandings,
            JobKind::ProgramCalendar => Job::ProgramCalendar,
            JobKind::RescorePinned => {
                Job::RescorePinned(serde_json::from_str(payload).map_err(bad)?)
            }
            JobKind::AnnouncementMail => {
                Job::AnnouncementMail(serde_json::from_str(payload).map_err(bad)?)
            }
            JobKind::AmaGithubSync => {
                Job::AmaGithubSync(serde_json::from_str(payload).map_err(bad)?)
            }
            JobKind::ImportDue => Job::ImportDue,
            JobKind::ImportSource => Job::ImportSource(serde_json::from_str(payload).map_err(bad)?),
        })
    }
}

/// When and how a job is queued.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Enqueue {
    /// Not before this instant; at once when None.
    pub run_at: Option<Timestamp>,
    /// At most one job ever has this key: queueing a second is a no-op.
    pub dedupe_key: Option<String>,
    /// Attempts before the job ends failed; the kind's default when None.
    pub max_attempts: Option<i64>,
}

/// Queues `job` inside the caller's write transaction. Returns the job's id, or None when a
/// job with the same dedupe key exists already.
pub async fn enqueue(
    tx: &mut Tx,
    job: &Job,
    options: &Enqueue,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    let payload = job.payload();
    let new = NewJob {
        kind: job.kind().as_str(),
        payload: &payload,
        dedupe_key: options.dedupe_key.as_deref(),
        run_at: options.run_at.unwrap_or(now),
        max_attempts: options.max_attempts.unwrap_or_else(|| job.kind().max_attempts()).max(1),
    };
    jobs::enqueue(tx, &new, now).await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_stored_name() {
        for kind in JobKind::ALL {
            assert_eq!(kind.as_str().parse::<JobKind>().unwrap(), *kind);
        }
        assert!("from_the_future".parse::<JobKind>().is_err());
    }

    #[test]
    fn a_job_reads_back_from_its_stored_kind_and_payload() {
        for job in [
            Job::PurgeExpired(PurgeExpired::default()),
            Job::RecomputeStandings,
            Job::ProgramCalendar,
            Job::RescorePinned(RescorePinned { category_id: 3, rubric_version_id: 17 }),
            Job::AnnouncementMail(AnnouncementMail { announcement_id: 5 }),
            Job::AmaGithubSync(AmaGithubSync::default()),
            Job::AmaGithubSync(AmaGithubSync { ama_id: Some(9) }),
            Job::ImportDue,
            Job::ImportSource(ImportSource { source_id: 12 }),
        ] {
            assert_eq!(Job::decode(job.kind().as_str(), &job.payload()).unwrap(), job);
        }
        let error = Job::decode("purge_expired", "{\"nope\": 1}").unwrap_err();
        assert!(error.starts_with("the purge_expired job's payload is not valid"), "{error}");
    }
}
