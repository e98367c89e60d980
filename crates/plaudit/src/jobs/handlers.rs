//! One handler per kind of job. A handler returns a line saying what it did (for the log and
//! `plaudit jobs run-once`), or the error the job records; every error is retried with backoff
//! until the job's last attempt.

use jiff::{SignedDuration, Timestamp};
use plaudit_domain::clock::{Clock, FixedClock};
use plaudit_store::{Db, accounts, jobs, sessions};

use super::{AmaGithubSync, AnnouncementMail, Job, PurgeExpired, RescorePinned};
use std::sync::Arc;

use crate::ops::ama_github::GithubAccess;
use crate::ops::imports::{self, Importer};
use crate::ops::{Ctx, ama_github, announcements, calendar, directory, standings};

/// Runs `job` as of `now`; mail it queues links to `public_url`; AMAs sync with GitHub through
/// `github` (None: `github_token` is not set); import sources are read through `importer`.
pub async fn handle(
    db: &Db,
    job: &Job,
    now: Timestamp,
    public_url: &str,
    github: Option<&GithubAccess>,
    importer: Option<&Importer>,
) -> Result<String, String> {
    match job {
        Job::PurgeExpired(purge) => purge_expired(db, purge, now).await,
        Job::RecomputeStandings => recompute_standings(db, now).await,
        Job::ProgramCalendar => program_calendar(db, now, public_url).await,
        Job::RescorePinned(rescore) => rescore_pinned(db, rescore, now).await,
        Job::AnnouncementMail(mail) => announcement_mail(db, mail, now, public_url).await,
        Job::AmaGithubSync(sync) => ama_github_sync(db, sync, now, public_url, github).await,
        Job::ImportDue | Job::ImportSource(_) => {
            let Some(importer) = importer else {
                return Ok("import sources are not read by this runner".to_owned());
            };
            // The clock runs on: a read's times are when it ended, not when the job was due.
            let ctx = Ctx {
                db: db.clone(),
                clock: Arc::new(plaudit_domain::SystemClock),
                public_url: public_url.to_owned(),
            };
            let read = match job {
                Job::ImportSource(one) => imports::read_source(&ctx, importer, one.source_id)
                    .await
                    .map(|report| format!("import source {}: {report}", one.source_id)),
                _ => imports::read_due(&ctx, importer).await,
            };
            read.map_err(|e| e.to_string())
        }
    }
}

async fn purge_expired(db: &Db, purge: &PurgeExpired, now: Timestamp) -> Result<String, String> {
    let store = |e: plaudit_store::StoreError| e.to_string();
    let sessions = sessions::purge_expired(db, now).await.map_err(store)?;
    let tokens = accounts::purge_spent_email_tokens(db, now).await.map_err(store)?;
    let keep = SignedDuration::from_hours(purge.keep_finished_jobs_days.clamp(1, 3650) * 24);
    let before = now.checked_sub(keep).unwrap_or(Timestamp::MIN);
    let jobs = jobs::purge_done(db, before).await.map_err(store)?;
    Ok(format!(
        "purged {sessions} expired sessions, {tokens} spent or expired e-mail tokens and \
         {jobs} finished jobs"
    ))
}

/// The nightly pass: every standing, then the public directory rebuilt from the awards (whose
/// terms start and end with the date), which also mends any row an interrupted write left.
async fn recompute_standings(db: &Db, now: Timestamp) -> Result<String, String> {
    // The runner's clock, pinned for the whole recompute.
    let clock: &dyn Clock = &FixedClock(now);
    let report = standings::recompute_all(db, clock).await.map_err(|e| e.to_string())?;
    let ctx = Ctx { db: db.clone(), clock: Arc::new(FixedClock(now)), public_url: String::new() };
    let listed = directory::rebuild(&ctx).await.map_err(|e| e.to_string())?;
    Ok(format!("{report}; the directory lists {listed} people"))
}

async fn rescore_pinned(
    db: &Db,
    rescore: &RescorePinned,
    now: Timestamp,
) -> Result<String, String> {
    let clock: &dyn Clock = &FixedClock(now);
    let RescorePinned { category_id, rubric_version_id } = *rescore;
    let saved = standings::rescore_pinned(db, clock, category_id, rubric_version_id)
        .await
        .map_err(|e| e.to_string())?;
    Ok(format!("rescored {saved} candidacies against rubric version {rubric_version_id}"))
}

async fn program_calendar(db: &Db, now: Timestamp, public_url: &str) -> Result<String, String> {
    // The runner's clock, pinned for the whole run.
    let ctx =
        Ctx { db: db.clone(), clock: Arc::new(FixedClock(now)), public_url: public_url.to_owned() };
    calendar::run(&ctx).await.map(|r| r.to_string()).map_err(|e| e.to_string())
}

async fn announcement_mail(
    db: &Db,
    mail: &AnnouncementMail,
    now: Timestamp,
    public_url: &str,
) -> Result<String, String> {
    let ctx =
        Ctx { db: db.clone(), clock: Arc::new(FixedClock(now)), public_url: public_url.to_owned() };
    let sent = announcements::mail_awardees(&ctx, mail.announcement_id)
        .await
        .map_err(|e| e.to_string())?;
    Ok(format!("told {sent} awardees of announcement {}", mail.announcement_id))
}

async fn ama_github_sync(
    db: &Db,
    sync: &AmaGithubSync,
    now: Timestamp,
    public_url: &str,
    github: Option<&GithubAccess>,
) -> Result<String, String> {
    let ctx =
        Ctx { db: db.clone(), clock: Arc::new(FixedClock(now)), public_url: public_url.to_owned() };
    ama_github::sync_linked(&ctx, github, sync.ama_id).await.map_err(|e| e.to_string())
}
