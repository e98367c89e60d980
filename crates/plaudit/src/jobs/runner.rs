//! The runner: queues scheduled occurrences, claims due jobs under a lease and runs them.
//!
//! A job runs at least once, and in the normal case exactly once: a claim leases it to one
//! runner, a runner starts a job only while its lease has time left for the whole handler
//! timeout, and the outcome is written with the claim's attempt number, so a runner whose lease
//! ran out cannot overwrite another's. A runner that dies mid-job leaves it to be claimed again
//! once the lease runs out, so handlers are written to be safe to run twice.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use jiff::Timestamp;
use plaudit_domain::clock::Clock;
use plaudit_store::jobs::{self, ClaimedJob};
use plaudit_store::{Db, StoreError};

use super::schedule::{self, Scheduled};
use super::{Job, handlers};

/// The first retry waits this long; each further one twice as long as the one before.
const FIRST_RETRY: Duration = Duration::from_secs(60);
const LONGEST_RETRY: Duration = Duration::from_secs(6 * 60 * 60);

pub struct JobRunner {
    db: Db,
    clock: Arc<dyn Clock>,
    /// Where people reach this server, for links in the mail jobs queue.
    pub public_url: String,
    /// How AMAs sync with GitHub; None when `github_token` is not set.
    pub github: Option<crate::ops::ama_github::GithubAccess>,
    /// How import sources are read; None: this runner leaves them alone.
    pub importer: Option<crate::ops::imports::Importer>,
    /// The recurring jobs this runner queues.
    pub schedule: Vec<Scheduled>,
    /// The pause between looks at the queue when nothing was due.
    pub poll: Duration,
    /// How many jobs one claim takes.
    pub batch: i64,
    /// How long a claim keeps other runners off its jobs.
    pub lease: Duration,
    /// The longest one job may run before it counts as failed.
    pub job_timeout: Duration,
}

/// What became of one claimed job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub id: i64,
    pub kind: String,
    pub attempt: i64,
    pub result: Result<String, Failure>,
}

/// A failed attempt: retried at `retry_at`, or, with None, the job's last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub error: String,
    pub retry_at: Option<Timestamp>,
}

/// What one pass of the runner did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    /// The dedupe keys of the scheduled occurrences this pass queued.
    pub scheduled: Vec<String>,
    pub outcomes: Vec<Outcome>,
}

impl RunReport {
    /// Attempts that failed, retried or not.
    pub fn failures(&self) -> usize {
        self.outcomes.iter().filter(|o| o.result.is_err()).count()
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Outcome { id, kind, attempt, .. } = self;
        match &self.result {
            Ok(summary) => write!(f, "done    job {id} {kind} (attempt {attempt}): {summary}"),
            Err(Failure { error, retry_at: Some(at) }) => {
                write!(f, "retry   job {id} {kind} (attempt {attempt}) at {at}: {error}")
            }
            Err(Failure { error, retry_at: None }) => {
                write!(f, "failed  job {id} {kind} (attempt {attempt}, the last): {error}")
            }
        }
    }
}

impl fmt::Display for RunReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for key in &self.scheduled {
            writeln!(f, "queued  {key}")?;
        }
        for outcome in &self.outcomes {
            writeln!(f, "{outcome}")?;
        }
        if self.outcomes.is_empty() {
            writeln!(f, "no job was due")?;
        }
        Ok(())
    }
}

impl JobRunner {
    /// A runner with the standard schedule.
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> JobRunner {
        JobRunner {
            db,
            clock,
            public_url: "http://localhost:8080".to_owned(),
            github: None,
            importer: None,
            schedule: schedule::standard(),
            poll: Duration::from_secs(5),
            batch: 10,
            lease: Duration::from_secs(30 * 60),
            job_timeout: Duration::from_secs(10 * 60),
        }
    }

    /// Queues what the schedule says is due, then claims and runs one batch of due jobs.
    pub async fn run_once(&self) -> Result<RunReport, StoreError> {
        self.run_pass(&AtomicBool::new(false)).await
    }

    /// Runs passes until none finds a due job, at most `passes` of them: what `plaudit jobs
    /// run-once` does.
    pub async fn run_until_idle(&self, passes: usize) -> Result<RunReport, StoreError> {
        let mut report = RunReport::default();
        for _ in 0..passes {
            let pass = self.run_once().await?;
            let idle = pass.outcomes.is_empty();
            report.scheduled.extend(pass.scheduled);
            report.outcomes.extend(pass.outcomes);
            if idle {
                break;
            }
        }
        Ok(report)
    }

    /// Runs jobs until `shutdown` resolves, then finishes the job in flight and stops. Jobs of
    /// the batch that were not started are released for another runner.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        crate::polling::run_passes("job runner", self.poll, shutdown, &self).await;
    }

    async fn run_pass(&self, stopping: &AtomicBool) -> Result<RunReport, StoreError> {
        let scheduled = schedule::queue_due(&self.db, &self.schedule, self.clock.now()).await?;
        let claimed_at = self.clock.now();
        let claimed = jobs::claim_due(&self.db, claimed_at, self.lease, self.batch).await?;
        let lease_ends = claimed_at.saturating_add(self.lease).unwrap_or(Timestamp::MAX);
        let mut outcomes = Vec::with_capacity(claimed.len());
        let mut rest = claimed.iter();
        for job in rest.by_ref() {
            let left = Duration::try_from(lease_ends.duration_since(self.clock.now()))
                .unwrap_or(Duration::ZERO);
            if stopping.load(Ordering::Relaxed) || left < self.job_timeout.min(self.lease) {
                jobs::release(&self.db, job.id, job.attempts).await?;
                break;
            }
            outcomes.push(self.run_job(job, left.min(self.job_timeout)).await?);
        }
        for job in rest {
            jobs::release(&self.db, job.id, job.attempts).await?;
        }
        Ok(RunReport { scheduled, outcomes })
    }

    async fn run_job(&self, job: &ClaimedJob, timeout: Duration) -> Result<Outcome, StoreError> {
        let now = self.clock.now();
        let result = match Job::decode(&job.kind, &job.payload) {
            Ok(decoded) => {
                match tokio::time::timeout(
                    timeout,
                    handlers::handle(
                        &self.db,
                        &decoded,
                        now,
                        &self.public_url,
                        self.github.as_ref(),
                        self.importer.as_ref(),
                    ),
                )
                .await
                {
                    Ok(result) => result,
                    Err(_) => Err(format!("the job did not finish within {} s", timeout.as_secs())),
                }
            }
            Err(error) => Err(error),
        };
        let (id, attempt, kind) = (job.id, job.attempts, &job.kind);
        let result = match result {
            Ok(summary) => {
                jobs::mark_done(&self.db, id, attempt, self.clock.now()).await?;
                tracing::info!(id, %kind, attempt, %summary, "job done");
                Ok(summary)
            }
            Err(error) if attempt >= job.max_attempts => {
                jobs::mark_failed(&self.db, id, attempt, &error, self.clock.now()).await?;
                tracing::error!(id, %kind, attempt, %error, "job failed after its last attempt");
                Err(Failure { error, retry_at: None })
            }
            Err(error) => {
                let retry_at =
                    self.clock.now().saturating_add(retry_delay(attempt)).unwrap_or(Timestamp::MAX);
                jobs::mark_retry(&self.db, id, attempt, &error, retry_at).await?;
                tracing::warn!(id, %kind, attempt, %error, %retry_at, "job failed; it will be retried");
                Err(Failure { error, retry_at: Some(retry_at) })
            }
        };
        Ok(Outcome { id, kind: kind.clone(), attempt, result })
    }
}

/// How long to wait before attempt `attempts + 1`: a minute after the first, doubling, at most
/// six hours.
pub fn retry_delay(attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 16)).unwrap_or(16);
    FIRST_RETRY.saturating_mul(1 << doublings).min(LONGEST_RETRY)
}

impl crate::polling::Pass for JobRunner {
    async fn pass(&self, stopping: &AtomicBool) -> Result<bool, StoreError> {
        let report = self.run_pass(stopping).await?;
        Ok(i64::try_from(report.outcomes.len()).is_ok_and(|n| n == self.batch))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_from_a_minute_to_at_most_six_hours() {
        let minutes = |attempts| retry_delay(attempts).as_secs() / 60;
        assert_eq!(minutes(1), 1);
        assert_eq!(minutes(2), 2);
        assert_eq!(minutes(3), 4);
        assert_eq!(minutes(9), 256);
        assert_eq!(minutes(10), 360);
        assert_eq!(minutes(0), 1);
        assert_eq!(minutes(i64::MAX), 360);
    }
}
