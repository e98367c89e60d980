//! Recurring jobs, like cron but in the program's time zone: "daily at 03:00" means 03:00 on
//! the program's clocks, through daylight-saving changes (jiff does the arithmetic).
//!
//! Each tick queues the latest occurrence of every entry that has come, under a dedupe key
//! naming that occurrence, so however many servers tick at once it is queued, and run, once.
//! Occurrences missed while no server ran are not made up: the latest one runs, late.

use jiff::civil::Time;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use plaudit_store::{Db, StoreError};

use super::{AmaGithubSync, Enqueue, Job, JobKind, PurgeExpired, enqueue};

/// How often an entry recurs, in the program's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    /// Every hour at this minute.
    Hour { minute: i8 },
    /// Every day at this time.
    Day { hour: i8, minute: i8 },
    /// Every this many minutes (a divisor of 60), from the full hour.
    Minutes { every: i8 },
}

/// One recurring job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    pub every: Every,
    pub job: Job,
}

/// What runs on its own: the purge hourly, the program's calendar hourly (so a day's
/// announcement goes out in its first hour, and a failed one is tried again within the day),
/// the standings nightly.
pub fn standard() -> Vec<Scheduled> {
    vec![
        Scheduled {
            every: Every::Hour { minute: 5 },
            job: Job::PurgeExpired(PurgeExpired::default()),
        },
        Scheduled { every: Every::Hour { minute: 1 }, job: Job::ProgramCalendar },
        Scheduled { every: Every::Day { hour: 3, minute: 0 }, job: Job::RecomputeStandings },
    ]
}

/// The GitHub sync of AMAs linked to repositories, every 15 minutes: `serve` and `plaudit jobs
/// run-once` add it to the [`standard`] schedule (it does nothing without `github_token`).
pub fn ama_github_sync() -> Scheduled {
    Scheduled {
        every: Every::Minutes { every: 15 },
        job: Job::AmaGithubSync(AmaGithubSync::default()),
    }
}

/// The scheduled reads of import sources, every 15 minutes: each run reads the sources whose
/// next read is due, and each source's next read is a day later, spread over the day.
pub fn import_due() -> Scheduled {
    Scheduled { every: Every::Minutes { every: 15 }, job: Job::ImportDue }
}

/// One occurrence: when it is, and the key that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub at: Timestamp,
    pub dedupe_key: String,
}

/// The latest occurrence of `every` at or before `now` in `tz`.
pub fn latest(every: Every, kind: JobKind, now: Timestamp, tz: &TimeZone) -> Option<Occurrence> {
    let local = now.to_zoned_datetime(tz.clone());
    match every {
        Every::Hour { minute } => {
            // Built from the zoned time, the offset is kept: in the hour that repeats when the
            // clocks go back, each of the two hours gets its own occurrence.
            let this_hour =
                local.with().minute(minute).second(0).subsec_nanosecond(0).build().ok()?;
            let at = if this_hour.timestamp() <= now {
                this_hour.timestamp()
            } else {
                this_hour.timestamp().checked_sub(SignedDuration::from_hours(1)).ok()?
            };
            // An hour is named by its instant: local hours repeat.
            Some(Occurrence { at, dedupe_key: format!("{kind}@{at}") })
        }
        Every::Day { hour, minute } => {
            let time = Time::new(hour, minute, 0, 0).ok()?;
            let mut date = local.date();
            // A time the clocks skip runs at the same instant later (compatible disambiguation).
            let mut at = tz.to_zoned_datetime(date.to_datetime(time)).ok()?.timestamp();
            if at > now {
                date = date.yesterday().ok()?;
                at = tz.to_zoned_datetime(date.to_datetime(time)).ok()?.timestamp();
            }
            // A day is named by its date, so a change of time zone does not run it twice.
            Some(Occurrence { at, dedupe_key: format!("{kind}@{date}") })
        }
        Every::Minutes { every } => {
            let every = every.clamp(1, 60);
            let minute = local.minute() - local.minute() % every;
            let at = local.with().minute(minute).second(0).subsec_nanosecond(0).build().ok()?;
            let at = at.timestamp();
            Some(Occurrence { at, dedupe_key: format!("{kind}@{at}") })
        }
    }
}

/// Queues the latest due occurrence of each entry, unless some server already did. Returns
/// the dedupe keys of the occurrences this call queued.
pub async fn queue_due(
    db: &Db,
    entries: &[Scheduled],
    now: Timestamp,
) -> Result<Vec<String>, StoreError> {
    let tz = crate::ops::program_time_zone(db).await?.time_zone().clone();
    let mut queued = Vec::new();
    for entry in entries {
        let Some(occurrence) = latest(entry.every, entry.job.kind(), now, &tz) else {
            continue;
        };
        let options = Enqueue {
            run_at: Some(occurrence.at),
            dedupe_key: Some(occurrence.dedupe_key.clone()),
            max_attempts: None,
        };
        let mut tx = db.begin_write().await?;
        let id = enqueue(&mut tx, &entry.job, &options, now).await?;
        tx.commit().await?;
        if id.is_some() {
            queued.push(occurrence.dedupe_key);
        }
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn at(every: Every, now: &str, tz: &str) -> Occurrence {
        latest(every, JobKind::RecomputeStandings, ts(now), &TimeZone::get(tz).unwrap()).unwrap()
    }

    const NIGHTLY: Every = Every::Day { hour: 3, minute: 0 };
    const HOURLY: Every = Every::Hour { minute: 5 };

    #[test]
    fn a_daily_entry_runs_at_its_local_time_named_by_the_local_date() {
        // 09:00 in Berlin (UTC+1 in winter): today's 03:00 Berlin has passed.
        let o = at(NIGHTLY, "2026-11-29T08:00:00Z", "Europe/Berlin");
        assert_eq!(o.at, ts("2026-11-29T02:00:00Z"));
        assert_eq!(o.dedupe_key, "recompute_standings@2026-11-29");
        // 02:30 Berlin: still yesterday's occurrence.
        let o = at(NIGHTLY, "2026-11-29T01:30:00Z", "Europe/Berlin");
        assert_eq!(o.at, ts("2026-11-28T02:00:00Z"));
        assert_eq!(o.dedupe_key, "recompute_standings@2026-11-28");
        // Exactly at the occurrence it is due.
        assert_eq!(
            at(NIGHTLY, "2026-11-29T02:00:00Z", "Europe/Berlin").at,
            o.at.checked_add(SignedDuration::from_hours(24)).unwrap()
        );
    }

    #[test]
    fn a_daily_entry_follows_daylight_saving_time() {
        // Berlin in summer is UTC+2: 03:00 local is 01:00 UTC.
        assert_eq!(
            at(NIGHTLY, "2026-07-01T12:00:00Z", "Europe/Berlin").at,
            ts("2026-07-01T01:00:00Z")
        );
        // New York springs forward at 02:00 on 8 March 2026: 02:30 does not exist that day and
        // runs at 03:30 EDT, the instant it would have been.
        let half_past_two = Every::Day { hour: 2, minute: 30 };
        assert_eq!(
            at(half_past_two, "2026-03-08T12:00:00Z", "America/New_York").at,
            ts("2026-03-08T07:30:00Z")
        );
        // The day the clocks go back is 25 hours long; the occurrence is still once a day.
        let before = at(NIGHTLY, "2026-10-24T12:00:00Z", "Europe/Berlin");
        let after = at(NIGHTLY, "2026-10-25T12:00:00Z", "Europe/Berlin");
        assert_eq!(after.at.duration_since(before.at), SignedDuration::from_hours(25));
    }

    #[test]
    fn a_quarter_hourly_entry_runs_from_the_full_hour_in_local_time() {
        let quarter = Every::Minutes { every: 15 };
        let o = at(quarter, "2026-11-29T08:44:59Z", "Europe/Berlin");
        assert_eq!(o.at, ts("2026-11-29T08:30:00Z"));
        assert_eq!(o.dedupe_key, "recompute_standings@2026-11-29T08:30:00Z");
        assert_eq!(
            at(quarter, "2026-11-29T08:45:00Z", "Europe/Berlin").at,
            ts("2026-11-29T08:45:00Z")
        );
        // India is UTC+05:30: the local quarter hours fall on UTC's too.
        assert_eq!(
            at(quarter, "2026-11-29T08:40:00Z", "Asia/Kolkata").at,
            ts("2026-11-29T08:30:00Z")
        );
        // Nepal is UTC+05:45.
        assert_eq!(
            at(quarter, "2026-11-29T08:40:00Z", "Asia/Kathmandu").at,
            ts("2026-11-29T08:30:00Z")
        );
    }

    #[test]
    fn an_hourly_entry_runs_every_hour_even_in_the_hour_that_repeats() {
        let o = at(HOURLY, "2026-11-29T08:30:00Z", "Europe/Berlin");
        assert_eq!(o.at, ts("2026-11-29T08:05:00Z"));
        assert_eq!(o.dedupe_key, "recompute_standings@2026-11-29T08:05:00Z");
        assert_eq!(
            at(HOURLY, "2026-11-29T08:04:59Z", "Europe/Berlin").at,
            ts("2026-11-29T07:05:00Z")
        );
        // India is UTC+05:30: :05 local is :35 UTC.
        assert_eq!(
            at(HOURLY, "2026-11-29T08:40:00Z", "Asia/Kolkata").at,
            ts("2026-11-29T08:35:00Z")
        );
        // Berlin's 02:05 happens twice on 25 October 2026, at 00:05 and 01:05 UTC.
        let first = at(HOURLY, "2026-10-25T00:30:00Z", "Europe/Berlin");
        let second = at(HOURLY, "2026-10-25T01:30:00Z", "Europe/Berlin");
        assert_eq!((first.at, second.at), (ts("2026-10-25T00:05:00Z"), ts("2026-10-25T01:05:00Z")));
        assert_ne!(first.dedupe_key, second.dedupe_key);
    }
}
