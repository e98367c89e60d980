//! Recomputing every standing: the nightly job, and `plaudit standings`.

use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, Instant};

use futures_util::TryStreamExt;
use plaudit_domain::clock::Clock;
use plaudit_domain::cycle::DateRange;
use plaudit_domain::kinds::Vote;
use plaudit_domain::review::advice;
use plaudit_domain::standing::{ContributionFacts, standing_fast};
use plaudit_store::rubrics::{self, PublishedRubric};
use plaudit_store::standings::{self, DecisionStanding, StandingRow, Target};
use plaudit_store::{Db, StoreError, Tx};

/// Standings written per transaction by a recompute.
const SAVE_BATCH: usize = 1_000;

#[derive(Debug, Clone, Default)]
pub struct RecomputeReport {
    pub standings: usize,
    pub contributions_read: usize,
    pub meeting_threshold: usize,
    pub elapsed: Duration,
}

impl fmt::Display for RecomputeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "recomputed {} standings from {} contributions in {:.2} s; {} meet their threshold",
            self.standings,
            self.contributions_read,
            self.elapsed.as_secs_f64(),
            self.meeting_threshold
        )
    }
}

/// Recomputes the standing of every current awardee and every open candidacy, reading each
/// contribution in the relevant dates once, in one pass grouped by person.
pub async fn recompute_all(db: &Db, clock: &dyn Clock) -> Result<RecomputeReport, StoreError> {
    let started = Instant::now();
    let now = clock.now();
    // The program's today, as roles and pages see it.
    let today = super::program_time_zone(db).await?.local_date(now);
    let rubrics = RubricBook::load(db).await?;
    let targets = standings::targets(db, today).await?;
    let mut report = RecomputeReport::default();
    let Some(range) = covering(&targets) else {
        report.elapsed = started.elapsed();
        return Ok(report);
    };
    let (scored, read) = score_targets(db, &rubrics, &targets, range).await?;
    report.contributions_read = read;
    let rows: Vec<StandingRow> = scored.into_iter().flatten().collect();
    report.meeting_threshold = rows.iter().filter(|r| r.total >= r.threshold).count();
    report.standings = rows.len();
    // Standings are derived data: short transactions, so sign-ins and saves by people (and
    // on SQLite, every other writer) wait for one batch at most, never for the whole program.
    for batch in rows.chunks(SAVE_BATCH) {
        let mut tx = db.begin_write().await?;
        save(&mut tx, &targets, batch, now).await?;
        tx.commit().await?;
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Each target's standing (None where no rubric applies), in the targets' order, from the
/// contributions in `range`, each read once in one pass grouped by person. A target without a
/// contribution in its window stands at zero. Returns the rows and the contributions read.
async fn score_targets(
    db: &Db,
    rubrics: &RubricBook,
    targets: &[Target],
    range: DateRange,
) -> Result<(Vec<Option<StandingRow>>, usize), StoreError> {
    let mut by_person: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, target) in targets.iter().enumerate() {
        by_person.entry(target.person_id).or_default().push(i);
    }
    let mut rows: Vec<Option<StandingRow>> = vec![None; targets.len()];
    let score = |person_id: i64, facts: &[ContributionFacts], rows: &mut [Option<StandingRow>]| {
        for &i in by_person.get(&person_id).into_iter().flatten() {
            if let Some(published) = rubrics.for_target(&targets[i]) {
                rows[i] = Some(scored(person_id, &targets[i], published, facts));
            }
        }
    };
    let mut read = 0;
    let mut current: Option<i64> = None;
    let mut facts: Vec<ContributionFacts> = Vec::new();
    let mut stream = standings::contribution_facts(db, range);
    while let Some((person_id, fact)) = stream.try_next().await? {
        read += 1;
        if current != Some(person_id) {
            if let Some(previous) = current {
                score(previous, &facts, &mut rows);
            }
            facts.clear();
            current = Some(person_id);
        }
        if by_person.contains_key(&person_id) {
            facts.push(fact);
        }
    }
    if let Some(previous) = current {
        score(previous, &facts, &mut rows);
    }
    drop(stream);
    for (target, row) in targets.iter().zip(rows.iter_mut()) {
        if row.is_none() {
            *row = rubrics
                .for_target(target)
                .map(|published| scored(target.person_id, target, published, &[]));
        }
    }
    Ok((rows, read))
}

/// The smallest range of dates covering every target's window.
fn covering(targets: &[Target]) -> Option<DateRange> {
    let start = targets.iter().map(|t| t.window.start).min()?;
    let end = targets.iter().map(|t| t.window.end).max()?;
    Some(DateRange { start, end })
}

/// A person's standing in a target's category, computed with the category's published rubric
/// (the fast path: totals only), ready to save.
pub(crate) fn scored(
    person_id: i64,
    target: &Target,
    published: &PublishedRubric,
    facts: &[ContributionFacts],
) -> StandingRow {
    let totals = standing_fast(&published.rubric, &target.window, facts);
    StandingRow {
        person_id,
        category_id: target.category_id,
        rubric_version_id: published.rubric_version_id,
        window: target.window,
        total: totals.total,
        threshold: published.rubric.threshold,
        active_months: totals.active_months,
    }
}

/// The rubrics standings are scored by: each category's newest published one, and the version
/// each cycle pinned, which its candidacies are measured against.
pub(crate) struct RubricBook {
    latest: HashMap<i64, PublishedRubric>,
    pinned: HashMap<(i64, i64), PublishedRubric>,
}

impl RubricBook {
    pub(crate) async fn load(db: &Db) -> Result<RubricBook, StoreError> {
        let latest =
            rubrics::published_rubrics(db).await?.into_iter().map(|r| (r.category_id, r)).collect();
        let pins = rubrics::pins(db).await?;
        let mut ids: Vec<i64> = pins.iter().map(|&(_, _, version)| version).collect();
        ids.sort_unstable();
        ids.dedup();
        let versions: HashMap<i64, PublishedRubric> = rubrics::by_ids(db, &ids)
            .await?
            .into_iter()
            .map(|r| (r.rubric_version_id, r))
            .collect();
        let pinned = pins
            .into_iter()
            .filter_map(|(cycle, category, version)| {
                Some(((cycle, category), versions.get(&version)?.clone()))
            })
            .collect();
        Ok(RubricBook { latest, pinned })
    }

    /// A candidacy's cycle's pinned rubric; otherwise (an award term) the newest published one.
    pub(crate) fn for_target(&self, target: &Target) -> Option<&PublishedRubric> {
        target
            .candidacy
            .and_then(|c| self.pinned.get(&(c.cycle_id, target.category_id)))
            .or_else(|| self.latest.get(&target.category_id))
    }
}

/// Saves computed standings, and on each measured candidacy its standing against its cycle's
/// rubric (what the review queue filters on).
pub(crate) async fn save(
    tx: &mut Tx,
    targets: &[Target],
    rows: &[StandingRow],
    now: jiff::Timestamp,
) -> Result<(), StoreError> {
    standings::save(tx, rows, now).await?;
    let by_key: HashMap<(i64, i64), &StandingRow> =
        rows.iter().map(|r| ((r.person_id, r.category_id), r)).collect();
    let candidacies: Vec<(i64, u32, u32)> = targets
        .iter()
        .filter_map(|t| {
            let row = by_key.get(&(t.person_id, t.category_id))?;
            Some((t.candidacy?.candidacy_id, row.total, row.threshold))
        })
        .collect();
    standings::save_candidacies(tx, &candidacies).await
}

/// What settling a written history's decisions found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SettledDecisions {
    pub decisions: usize,
    /// Decisions whose outcome differs from the rubric's advice.
    pub departures: usize,
}

/// Measures every finalized decision as the committee saw it: the candidate's standing over
/// their cycle's window against the rubric the cycle pinned, computed by the domain from the
/// stored contributions, recorded on the decision and its candidacy, and the decision marked as
/// departing from the rubric exactly when its outcome differs from the rubric's advice (with
/// `departure_rationale`'s words for it). For a history written at once, such as the demo's.
pub async fn settle_decisions(
    db: &Db,
    departure_rationale: fn(Vote) -> &'static str,
) -> Result<SettledDecisions, StoreError> {
    let rubrics = RubricBook::load(db).await?;
    let decided = standings::decided_targets(db).await?;
    let targets: Vec<Target> = decided.iter().map(|d| d.target.clone()).collect();
    let Some(range) = covering(&targets) else { return Ok(SettledDecisions::default()) };
    let (scored, _) = score_targets(db, &rubrics, &targets, range).await?;
    let mut settled = SettledDecisions::default();
    let mut records = Vec::with_capacity(decided.len());
    for (decision, row) in decided.iter().zip(&scored) {
        let (Some(row), Some(candidacy)) = (row, decision.target.candidacy) else { continue };
        let outcome: Vote = decision
            .outcome
            .parse()
            .map_err(|_| StoreError::Invalid(format!("decision outcome {:?}", decision.outcome)))?;
        let departs = outcome != advice(row.total, row.threshold);
        settled.decisions += 1;
        settled.departures += usize::from(departs);
        records.push(DecisionStanding {
            decision_id: decision.decision_id,
            candidacy_id: candidacy.candidacy_id,
            rubric_version_id: row.rubric_version_id,
            total: row.total,
            threshold: row.threshold,
            departs_from_rubric: departs,
            rationale: departs.then(|| departure_rationale(outcome)),
        });
    }
    for batch in records.chunks(SAVE_BATCH) {
        let mut tx = db.begin_write().await?;
        standings::record_decision_standings(&mut tx, batch).await?;
        tx.commit().await?;
    }
    Ok(settled)
}

/// People whose standings one transaction of [`rescore_pinned`] rescores: on SQLite every
/// other writer waits for it, so it stays well under a second.
const RESCORE_BATCH: usize = 100;

/// Rescores the candidacies of the cycles that decide `category_id` by `rubric_version_id`
/// against it: the job a newly published rubric version queues. A version no cycle decides by
/// any more (a newer one was published meanwhile) rescores nothing. Returns how many standings
/// were saved.
pub async fn rescore_pinned(
    db: &Db,
    clock: &dyn Clock,
    category_id: i64,
    rubric_version_id: i64,
) -> Result<usize, StoreError> {
    let now = clock.now();
    let today = super::program_time_zone(db).await?.local_date(now);
    let Some(published) = rubrics::by_ids(db, &[rubric_version_id]).await?.into_iter().next()
    else {
        return Ok(0);
    };
    let cycles = rubrics::cycles_pinned_to(db, category_id, rubric_version_id).await?;
    let mut people = Vec::new();
    for &cycle in &cycles {
        people.extend(standings::candidates_of(db, cycle, category_id).await?);
    }
    people.sort_unstable();
    people.dedup();
    let mut saved = 0;
    for batch in people.chunks(RESCORE_BATCH) {
        let mut tx = db.begin_write().await?;
        let mut targets = Vec::new();
        let mut rows = Vec::new();
        for &person in batch {
            // The person's one standing in the category, if a re-pinned cycle measures it.
            let target =
                standings::targets_of_person(&mut tx, person, today).await?.into_iter().find(|t| {
                    t.category_id == category_id
                        && t.candidacy.is_some_and(|c| cycles.contains(&c.cycle_id))
                });
            let Some(target) = target else { continue };
            let facts = standings::person_facts(&mut tx, person, target.window).await?;
            rows.push(scored(person, &target, &published, &facts));
            targets.push(target);
        }
        save(&mut tx, &targets, &rows, now).await?;
        tx.commit().await?;
        saved += rows.len();
    }
    Ok(saved)
}
