//! `plaudit demo`: a believable program written straight into an empty database, so a newcomer
//! sees a living program and benchmarks have realistic volume. Everything comes from one seeded
//! generator and the clock's date, so a seed gives the same data on both backends.

mod contributions;
mod dice;
pub mod sign_ins;
mod words;

use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use jiff::ToSpan;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use plaudit_domain::candidacy::CandidacyState;
use plaudit_domain::clock::Clock;
use plaudit_domain::cycle::{award_term, day_start_instant, local_date};
use plaudit_domain::kinds::{AmaQuestionState, AwardEndReason, Vote};
use plaudit_domain::parse::Slug;
use plaudit_domain::rubric::Rubric;
use plaudit_domain::standing::{ContributionFacts, standing_fast};
use plaudit_store::bulk::{self, Rows, Value};
use plaudit_store::program::{self, ProgramSettings};
use plaudit_store::{Db, StoreError, Tx};

use crate::ops::categories::{STANDARD_REVIEW_CRITERIA, STANDARD_RUBRIC_NOTE};
use dice::Dice;
use words::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Small,
    Large,
}

impl Scale {
    fn people(self) -> usize {
        match self {
            Scale::Small => 2_000,
            Scale::Large => 100_000,
        }
    }
    fn current_awardees(self) -> usize {
        match self {
            Scale::Small => 200,
            Scale::Large => 10_000,
        }
    }
    fn contributions(self) -> usize {
        match self {
            Scale::Small => 40_000,
            Scale::Large => 2_000_000,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "the database already holds a program; the demo needs an empty database (for SQLite, \
         add --reset to start afresh)"
    )]
    NotEmpty,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, Default)]
pub struct DemoReport {
    pub people: usize,
    pub awards: usize,
    pub current_awardees: usize,
    pub candidacies: usize,
    pub contributions: usize,
    pub reviews: usize,
    /// Decisions whose outcome differs from the rubric's advice (each with its rationale).
    pub decisions_departing: usize,
    pub elapsed: Duration,
}

impl fmt::Display for DemoReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "demo program written in {:.1} s: {} people, {} current awardees, {} awards, {} \
             candidacies, {} reviews ({} decisions departing from the rubric), {} contributions",
            self.elapsed.as_secs_f64(),
            self.people,
            self.current_awardees,
            self.awards,
            self.candidacies,
            self.reviews,
            self.decisions_departing,
            self.contributions
        )
    }
}

/// The sponsor of the demo program and its e-mail domains.
pub const SPONSOR: &str = "Northwind Cloud";
pub const SPONSOR_DOMAINS: &[&str] = &["northwind.example", "nwcloud.example"];
/// The program's renewal date: every cycle is announced on July 1st.
const RENEWAL_MONTH: i8 = 7;
/// Rows held in memory before they are written.
const FLUSH_AT: usize = 50_000;

/// Writes a demo program into an empty database: its rows with what the program's calendar
/// would have recorded of its past (see [`Demo::settle`]) in one transaction, so a server
/// running meanwhile never sees a past cycle unannounced (and announces it, mailing everyone);
/// then the standings its decisions record and the nightly recompute's.
pub async fn generate(
    db: &Db,
    scale: Scale,
    seed: u64,
    clock: &dyn Clock,
    progress: bool,
) -> Result<DemoReport, DemoError> {
    let started = Instant::now();
    let mut report = write(db, scale, seed, clock, progress, true).await?;
    // The decisions record the standings the domain computes from the contributions.
    let settled = crate::ops::standings::settle_decisions(db, departure_rationale).await?;
    report.decisions_departing = settled.departures;
    // Standings as the nightly job leaves them, so every page has its numbers from the start.
    crate::ops::standings::recompute_all(db, clock).await?;
    directory_details(db, clock).await?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// The languages people speak (by their country) and the technology areas of their profiles
/// (those they contributed most in), which the first release's columns lack, then the public
/// directory as the nightly job leaves it.
async fn directory_details(db: &Db, clock: &dyn Clock) -> Result<(), DemoError> {
    const LANGUAGES: &str = "UPDATE person SET languages = CASE country \
         WHEN 'US' THEN 'en' WHEN 'CA' THEN 'en,fr' WHEN 'GB' THEN 'en' WHEN 'AU' THEN 'en' \
         WHEN 'BR' THEN 'pt-BR,en' WHEN 'MX' THEN 'es,en' WHEN 'AR' THEN 'es' \
         WHEN 'DE' THEN 'de,en' WHEN 'FR' THEN 'fr,en' WHEN 'NL' THEN 'nl,en,de' \
         WHEN 'PL' THEN 'pl,en' WHEN 'SE' THEN 'sv,en' WHEN 'ES' THEN 'es,en' WHEN 'IT' THEN 'it,en' \
         WHEN 'NG' THEN 'en,yo' WHEN 'KE' THEN 'en,sw' WHEN 'ZA' THEN 'en,af' WHEN 'EG' THEN 'ar,en' \
         WHEN 'IN' THEN 'en,hi' WHEN 'JP' THEN 'ja' WHEN 'CN' THEN 'zh,en' WHEN 'SG' THEN 'en,zh' \
         WHEN 'KR' THEN 'ko,en' WHEN 'TR' THEN 'tr,en' WHEN 'AE' THEN 'ar,en' ELSE 'en' END \
         WHERE languages = ''";
    // Up to two areas per awardee: those of the most of their contributions.
    const AREAS: &str = "INSERT INTO person_area (person_id, technology_area_id) \
         SELECT person_id, primary_area_id FROM ( \
           SELECT c.person_id, c.primary_area_id, ROW_NUMBER() OVER ( \
             PARTITION BY c.person_id ORDER BY COUNT(*) DESC, c.primary_area_id) AS rank \
           FROM contribution c \
           WHERE c.primary_area_id IS NOT NULL \
             AND c.person_id IN (SELECT person_id FROM award) \
           GROUP BY c.person_id, c.primary_area_id) ranked \
         WHERE rank <= 2 ON CONFLICT DO NOTHING";
    let now = clock.now();
    let today = crate::ops::program_time_zone(db).await?.local_date(now);
    let mut tx = db.begin_write().await?;
    for statement in [LANGUAGES, AREAS] {
        plaudit_store::on_tx!(&mut tx, conn => plaudit_store::sqlx::query(statement)
            .execute(conn).await.map(|_| ()))
        .map_err(StoreError::from)?;
    }
    plaudit_store::directory::rebuild(&mut tx, today, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A third of the awardees share their address with the other awardees, and some a note of
/// how else to reach them (`community_contact` came after the baseline schema).
async fn share_contacts(tx: &mut Tx) -> Result<(), StoreError> {
    const SHARE: &str = "INSERT INTO community_contact (person_id, share_email, contact_note, \
         updated_at) SELECT person_id, person_id % 3 = 0, \
         CASE WHEN person_id % 4 = 0 THEN 'Mastodon or a video call, European afternoons' \
         ELSE '' END, MIN(created_at) FROM award GROUP BY person_id \
         HAVING person_id % 3 = 0 OR person_id % 4 = 0";
    plaudit_store::on_tx!(tx, conn => plaudit_store::sqlx::query(SHARE)
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// The demo's rows alone, in the columns of the first release's schema, so the upgrade test
/// can fill a database of the previous release with them.
pub async fn generate_rows(
    db: &Db,
    scale: Scale,
    seed: u64,
    clock: &dyn Clock,
    progress: bool,
) -> Result<DemoReport, DemoError> {
    write(db, scale, seed, clock, progress, false).await
}

async fn write(
    db: &Db,
    scale: Scale,
    seed: u64,
    clock: &dyn Clock,
    progress: bool,
    settle: bool,
) -> Result<DemoReport, DemoError> {
    let started = Instant::now();
    if !program::is_empty(db).await? {
        return Err(DemoError::NotEmpty);
    }
    let today = local_date(clock.now(), &TimeZone::UTC);
    let mut tx = db.begin_write().await?;
    let mut demo = Demo::new(scale, seed, today);
    demo.write(&mut tx, progress).await?;
    if settle {
        demo.settle(&mut tx).await?;
    }
    tx.commit().await?;
    demo.report.elapsed = started.elapsed();
    Ok(demo.report)
}

/// Instants are derived from dates, never from the wall clock, so runs are reproducible.
fn micros(date: Date, minutes: i64) -> i64 {
    day_start_instant(date, &TimeZone::UTC).as_microsecond() + minutes * 60_000_000
}

struct Cycle {
    id: i64,
    nominations_open: Date,
    contributions_due: Date,
    announcement: Date,
}

#[derive(Clone)]
struct Award {
    id: i64,
    person: usize,
    category: usize,
    starts_on: Date,
    ends_on: Date,
}

struct Person {
    id: i64,
    name: String,
    email: String,
    category: usize,
    account_id: Option<i64>,
    employer: Option<&'static str>,
    /// Weight of this person's share of contributions.
    activity: f64,
}

/// Rows queued per table, written in the order their tables were first queued (parents
/// before children).
#[derive(Default)]
struct Out {
    pending: Vec<Rows>,
}

impl Out {
    fn push(
        &mut self,
        table: &'static str,
        columns: &'static [&'static str],
        row: impl IntoIterator<Item = Value>,
    ) {
        let i = match self.pending.iter().position(|r| r.table == table) {
            Some(i) => i,
            None => {
                self.pending.push(Rows::new(table, columns));
                self.pending.len() - 1
            }
        };
        self.pending[i].push(row);
    }

    fn queued(&self) -> usize {
        self.pending.iter().map(Rows::len).sum()
    }

    async fn flush(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        for rows in &mut self.pending {
            bulk::load(tx, rows).await?;
            rows.clear();
        }
        Ok(())
    }
}

/// Ids handed out per table, so rows can reference each other before they are written.
#[derive(Default)]
struct Ids(HashMap<&'static str, i64>);

impl Ids {
    fn next(&mut self, table: &'static str) -> i64 {
        let id = self.0.entry(table).or_insert(0);
        *id += 1;
        *id
    }
}

struct Demo {
    scale: Scale,
    dice: Dice,
    today: Date,
    ids: Ids,
    people: Vec<Person>,
    categories: Vec<(i64, Vec<i64>)>,
    reviewers: Vec<Vec<i64>>,
    admin_account: i64,
    product_team: Vec<i64>,
    review_criteria: Vec<Vec<i64>>,
    cycles: Vec<Cycle>,
    awards: Vec<Award>,
    /// The seed both passes over the contributions draw from: the first scores them, to decide
    /// the history by; the second writes them.
    contribution_seed: u64,
    /// The rubric every category publishes (the program's standard one).
    rubric: Rubric,
    /// Each person's contributions as the domain scores them.
    facts: Vec<Vec<ContributionFacts>>,
    report: DemoReport,
    out: Out,
}

impl Demo {
    fn new(scale: Scale, seed: u64, today: Date) -> Demo {
        Demo {
            scale,
            dice: Dice::new(seed),
            today,
            ids: Ids::default(),
            people: Vec::new(),
            categories: Vec::new(),
            reviewers: Vec::new(),
            admin_account: 0,
            product_team: Vec::new(),
            review_criteria: Vec::new(),
            cycles: Vec::new(),
            awards: Vec::new(),
            contribution_seed: 0,
            rubric: Rubric::standard(),
            facts: Vec::new(),
            report: DemoReport::default(),
            out: Out::default(),
        }
    }

    async fn write(&mut self, tx: &mut Tx, progress: bool) -> Result<(), StoreError> {
        bulk::skip_trigger_checks(tx).await?;
        self.program(tx).await?;
        self.categories_and_rubrics(tx).await?;
        self.cycles(tx).await?;
        self.people(tx).await?;
        self.staff(tx).await?;
        self.contribution_seed = self.dice.next_u64();
        self.facts =
            contributions::facts(&self.contribution_plan(1), Dice::new(self.contribution_seed));
        self.award_history(tx).await?;
        self.current_cycle(tx).await?;
        self.sponsor_employee(tx).await?;
        self.benefits_and_nda(tx).await?;
        self.amas(tx).await?;
        self.feedback_speaking_imports(tx).await?;
        self.community(tx).await?;
        self.contributions(tx, progress).await?;
        for table in TABLES_WITH_IDS {
            bulk::reset_identity(tx, table).await?;
        }
        Ok(())
    }

    async fn program(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        let settings = ProgramSettings {
            name: "Community Champions".to_owned(),
            tagline: "Recognising the people who teach, build and lead the Northwind developer \
                      community, against a rubric anyone can read."
                .to_owned(),
            sponsor_name: SPONSOR.to_owned(),
            minimum_age: 18,
            code_of_conduct_version: Some("2.0".to_owned()),
            self_nomination_allowed: false,
            member_endorsements_allowed: false,
            multiple_categories_allowed: true,
            blind_review: false,
            score_aggregation: "median".to_owned(),
            review_quorum: 3,
            reviewer_regions_enabled: false,
            renewal_month: i64::from(RENEWAL_MONTH),
            renewal_day: 1,
            time_zone: "UTC".to_owned(),
        };
        let founded = micros(self.year_start(-6), 0);
        let founded_at = jiff::Timestamp::from_microsecond(founded).unwrap_or_default();
        program::save_settings(tx, &settings, founded_at).await?;
        for domain in SPONSOR_DOMAINS {
            let id = self.ids.next("sponsor_domain");
            self.out.push("sponsor_domain", &["id", "domain"], [id.into(), (*domain).into()]);
        }
        for (version, years_ago) in [("1.0", -6), ("2.0", -3)] {
            let id = self.ids.next("code_of_conduct");
            let body = format!(
                "# Code of conduct, version {version}\n\nBe kind, be honest about your \
                 contributions, and respect embargoes and NDAs."
            );
            self.out.push(
                "code_of_conduct",
                &["id", "version", "body", "published_at"],
                [
                    id.into(),
                    version.into(),
                    body.into(),
                    micros(self.year_start(years_ago), 0).into(),
                ],
            );
        }
        self.out.flush(tx).await
    }

    /// What the program's calendar records as it goes, for a history written at once: every
    /// cycle pins the rubric it decided by, the cycles announced before today are marked so,
    /// with their decisions told, so the announcement job does not announce them again, and the
    /// open cycle has the renewal candidacies the calendar opened when it began taking them.
    async fn settle(&self, tx: &mut Tx) -> Result<(), StoreError> {
        let renewal = plaudit_domain::cycle::RenewalDate { month: RENEWAL_MONTH, day: 1 };
        let opened = jiff::Timestamp::from_microsecond(micros(self.today, 0))
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        for cycle in &self.cycles {
            plaudit_store::rubrics::pin_current(tx, cycle.id).await?;
            if cycle.announcement <= self.today {
                let at = jiff::Timestamp::from_microsecond(micros(cycle.announcement, 0))
                    .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
                plaudit_store::cycles::settle_announced(tx, cycle.id, at).await?;
            } else if cycle.nominations_open <= self.today && self.today <= cycle.contributions_due
            {
                let ending = renewal.next_on_or_after(cycle.announcement).saturating_sub(1.day());
                for award in plaudit_store::awards::ending_on(tx, ending).await? {
                    plaudit_store::candidacies::insert_renewal(
                        tx, cycle.id, award.category_id, award.person_id, award.id, opened,
                    )
                    .await?;
                }
            }
        }
        // Offers, public instants and product areas came after the baseline schema the demo
        // writes: each benefit is for everyone, each announcement public from its due time, and
        // each product area named by a thread answered for by the whole product team.
        plaudit_store::benefits::offer_to_every_award(tx).await?;
        plaudit_store::announcements::settle_public_at(tx).await?;
        plaudit_store::feedback::settle_areas(tx).await?;
        plaudit_store::community::settle_threads(tx).await?;
        plaudit_store::ama::settle_demo(tx, AMA_TOPICS, PROGRAM_AMA).await?;
        share_contacts(tx).await?;
        Ok(())
    }

    fn year_start(&self, years_from_now: i16) -> Date {
        Date::new(self.today.year() + years_from_now, 1, 1).unwrap_or(self.today)
    }

    async fn categories_and_rubrics(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        let created = micros(self.year_start(-6), 0);
        let rubric = self.rubric.clone();
        for (position, (name, description, areas)) in CATEGORIES.iter().enumerate() {
            let category_id = self.ids.next("category");
            self.out.push(
                "category",
                &["id", "slug", "name", "description", "position", "active", "created_at"],
                [
                    category_id.into(),
                    Slug::from_title(name).as_str().into(),
                    (*name).into(),
                    (*description).into(),
                    (position as i64).into(),
                    true.into(),
                    created.into(),
                ],
            );
            let mut area_ids = Vec::new();
            for area in *areas {
                let area_id = self.ids.next("technology_area");
                self.out.push(
                    "technology_area",
                    &["id", "category_id", "slug", "name", "active"],
                    [
                        area_id.into(),
                        category_id.into(),
                        Slug::from_title(area).as_str().into(),
                        (*area).into(),
                        true.into(),
                    ],
                );
                area_ids.push(area_id);
            }
            self.categories.push((category_id, area_ids));

            let rubric_id = self.ids.next("rubric_version");
            self.out.push(
                "rubric_version",
                &[
                    "id", "category_id", "version", "threshold", "consistency_points_per_month",
                    "consistency_cap", "note", "published_at", "created_at",
                ],
                [
                    rubric_id.into(),
                    category_id.into(),
                    1.into(),
                    i64::from(rubric.threshold).into(),
                    i64::from(rubric.consistency.points_per_active_month).into(),
                    i64::from(rubric.consistency.cap).into(),
                    STANDARD_RUBRIC_NOTE.into(),
                    created.into(),
                    created.into(),
                ],
            );
            for rule in &rubric.types {
                let criterion_id = self.ids.next("rubric_criterion");
                self.out.push(
                    "rubric_criterion",
                    &[
                        "id", "rubric_version_id", "contribution_type", "base_points", "cap",
                        "reach_metric",
                    ],
                    [
                        criterion_id.into(),
                        rubric_id.into(),
                        rule.contribution_type.as_str().into(),
                        i64::from(rule.base_points).into(),
                        i64::from(rule.cap).into(),
                        rule.reach_metric.map(|m| m.as_str()).into(),
                    ],
                );
                for tier in &rule.reach_tiers {
                    let tier_id = self.ids.next("rubric_reach_tier");
                    self.out.push(
                        "rubric_reach_tier",
                        &["id", "criterion_id", "min_reach", "bonus"],
                        [
                            tier_id.into(),
                            criterion_id.into(),
                            (tier.min_reach as i64).into(),
                            i64::from(tier.bonus).into(),
                        ],
                    );
                }
            }
            let mut criteria = Vec::new();
            for (i, (key, name, description)) in STANDARD_REVIEW_CRITERIA.iter().enumerate() {
                let id = self.ids.next("review_criterion");
                self.out.push(
                    "review_criterion",
                    &[
                        "id", "rubric_version_id", "key", "name", "description", "weight",
                        "max_score", "position",
                    ],
                    [
                        id.into(),
                        rubric_id.into(),
                        (*key).into(),
                        (*name).into(),
                        (*description).into(),
                        1.into(),
                        5.into(),
                        (i as i64).into(),
                    ],
                );
                criteria.push(id);
            }
            self.review_criteria.push(criteria);
        }
        self.out.flush(tx).await
    }

    /// One cycle a year, announced on the renewal date; the newest is still taking nominations.
    async fn cycles(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        let this_year = self.today.year();
        let first = this_year - 5;
        let mut last = this_year;
        if Date::new(this_year, RENEWAL_MONTH, 1).is_ok_and(|d| d <= self.today) {
            last += 1;
        }
        for year in first..=last {
            let announcement = Date::new(year, RENEWAL_MONTH, 1).unwrap_or(self.today);
            let id = self.ids.next("cycle");
            let dates = [
                announcement.saturating_sub(10.months()),
                announcement.saturating_sub(4.months().days(15)),
                announcement.saturating_sub(3.months()).saturating_sub(1.day()),
                announcement.saturating_sub(3.months()),
                announcement.saturating_sub(2.weeks()),
                announcement,
            ];
            let mut row: Vec<Value> = vec![
                id.into(),
                format!("{year}").into(),
                format!("Awards {year}").into(),
                "annual".into(),
                i64::from(year).into(),
            ];
            row.extend(dates.iter().map(|d| Value::from(d.to_string())));
            row.push(micros(dates[0], 0).into());
            self.out.push(
                "cycle",
                &[
                    "id", "slug", "name", "kind", "award_year", "nominations_open_on",
                    "nominations_close_on", "contributions_due_on", "review_start_on",
                    "review_end_on", "announcement_on", "created_at",
                ],
                row,
            );
            self.cycles.push(Cycle {
                id,
                nominations_open: dates[0],
                contributions_due: dates[2],
                announcement,
            });
        }
        self.out.flush(tx).await
    }

    async fn people(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        let mut slugs: HashMap<String, usize> = HashMap::new();
        let created_span = (self.today - self.year_start(-6)).get_days().max(1);
        for _ in 0..self.scale.people() {
            let id = self.ids.next("person");
            let first = *self.dice.pick(FIRST_NAMES);
            let last = *self.dice.pick(LAST_NAMES);
            let name = format!("{first} {last}");
            let base = Slug::from_title(&name).as_str().to_owned();
            let seen = slugs.entry(base.clone()).or_insert(0);
            *seen += 1;
            let slug = if *seen == 1 { base } else { format!("{base}-{seen}") };
            let (country, region) = *self.dice.pick(COUNTRIES);
            let employer = (!self.dice.chance(0.08)).then(|| *self.dice.pick(EMPLOYERS));
            let created = self
                .year_start(-6)
                .saturating_add((self.dice.below(created_span as u64) as i64).days());
            let created_at = micros(created, self.dice.below(1440) as i64);
            let birth = self.dice.chance(0.7).then(|| {
                Date::new(
                    1960 + self.dice.below(45) as i16,
                    1 + self.dice.below(12) as i8,
                    1 + self.dice.below(28) as i8,
                )
                .map(|d| d.to_string())
                .unwrap_or_default()
            });
            let mail_domain = *self
                .dice
                .pick(&["mail.example", "inbox.example", "post.example", "fastmail.example"]);
            let email =
                format!("{}.{}{}@{}", first.to_lowercase(), last.to_lowercase(), id, mail_domain);
            self.out.push(
                "person",
                PERSON_COLUMNS,
                [
                    id.into(),
                    slug.clone().into(),
                    name.clone().into(),
                    headline(&mut self.dice).into(),
                    format!("{first} works on developer communities in {country}.").into(),
                    country.into(),
                    region.into(),
                    employer.into(),
                    birth.into(),
                    created_at.into(),
                    created_at.into(),
                ],
            );
            self.identity(id, "email", &email, true, created_at);
            if self.dice.chance(0.3) {
                let work = format!("{}@{}.example", first.to_lowercase(), slug);
                self.identity(id, "email", &work, false, created_at);
            }
            if self.dice.chance(0.45) {
                self.identity(id, "github", &format!("{slug}-dev"), false, created_at);
            }
            if self.dice.chance(0.15) {
                self.identity(
                    id,
                    "stack_exchange",
                    &format!("{}", 100_000 + id * 7),
                    false,
                    created_at,
                );
            }
            // Contribution activity is heavy-tailed: most people do a little, a few do a lot.
            // A community has its regulars, whose year of work can meet a threshold, and many
            // who contribute now and then.
            let activity = if self.dice.chance(0.2) {
                6.0 + 10.0 * self.dice.unit()
            } else {
                self.dice.pareto(1.0, 1.8).min(5.0)
            };
            let category = self.dice.below(self.categories.len() as u64) as usize;
            self.people.push(Person {
                id,
                name,
                email,
                category,
                account_id: None,
                employer,
                activity,
            });
            // A third of the people have signed up as members.
            if self.dice.chance(0.35) {
                self.account(self.people.len() - 1, created_at);
            }
            if self.out.queued() > FLUSH_AT {
                self.out.flush(tx).await?;
            }
        }
        // A few people were entered twice; admins see them as suggested merges.
        for _ in 0..(self.people.len() / 400).max(3) {
            let a = self.dice.below(self.people.len() as u64) as usize;
            let b = self.dice.below(self.people.len() as u64) as usize;
            if a == b {
                continue;
            }
            let (a, b) = (a.min(b), a.max(b));
            let id = self.ids.next("person_merge_suggestion");
            self.out.push(
                "person_merge_suggestion",
                &["id", "person_a_id", "person_b_id", "reason", "status", "created_at"],
                [
                    id.into(),
                    self.people[a].id.into(),
                    self.people[b].id.into(),
                    "similar names and a shared GitHub login".into(),
                    "open".into(),
                    micros(self.today, 0).into(),
                ],
            );
        }
        self.report.people = self.people.len();
        self.out.flush(tx).await
    }

    fn identity(
        &mut self,
        person_id: i64,
        kind: &'static str,
        value: &str,
        primary: bool,
        at: i64,
    ) {
        let id = self.ids.next("person_identity");
        self.out.push(
            "person_identity",
            &[
                "id", "person_id", "kind", "value", "normalized", "is_primary", "verified_at",
                "created_at",
            ],
            [
                id.into(),
                person_id.into(),
                kind.into(),
                value.into(),
                value.to_lowercase().into(),
                primary.into(),
                Some(at).into(),
                at.into(),
            ],
        );
    }

    fn account(&mut self, person: usize, at: i64) -> i64 {
        if let Some(id) = self.people[person].account_id {
            return id;
        }
        let id = self.ids.next("account");
        let email = self.people[person].email.clone();
        self.out.push(
            "account",
            &[
                "id", "person_id", "email", "email_normalized", "email_verified_at", "created_at",
                "updated_at",
            ],
            [
                id.into(),
                self.people[person].id.into(),
                email.clone().into(),
                email.to_lowercase().into(),
                Some(at).into(),
                at.into(),
                at.into(),
            ],
        );
        self.people[person].account_id = Some(id);
        id
    }

    /// The sponsor's staff: an admin, product team members and four reviewers per category.
    async fn staff(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        self.admin_account = self.staff_member("Program Admin".to_owned(), "admin");
        for _ in 0..3 {
            let name = format!("{} {}", self.dice.pick(FIRST_NAMES), self.dice.pick(LAST_NAMES));
            let account = self.staff_member(name, "product_team");
            self.product_team.push(account);
        }
        for category in 0..self.categories.len() {
            let mut accounts = Vec::new();
            for _ in 0..4 {
                let name =
                    format!("{} {}", self.dice.pick(FIRST_NAMES), self.dice.pick(LAST_NAMES));
                let account = self.staff_member(name, "reviewer");
                let scope_id = self.ids.next("reviewer_scope");
                self.out.push(
                    "reviewer_scope",
                    &["id", "account_id", "category_id", "region"],
                    [
                        scope_id.into(),
                        account.into(),
                        self.categories[category].0.into(),
                        "".into(),
                    ],
                );
                accounts.push(account);
            }
            self.reviewers.push(accounts);
        }
        self.out.flush(tx).await
    }

    fn staff_member(&mut self, name: String, role: &'static str) -> i64 {
        let at = micros(self.year_start(-6), 0);
        let id = self.ids.next("person");
        let slug = format!("{}-staff-{id}", Slug::from_title(&name).as_str());
        let email = format!("{}@{}", slug, SPONSOR_DOMAINS[0]);
        self.out.push(
            "person",
            PERSON_COLUMNS,
            [
                id.into(),
                slug.into(),
                name.clone().into(),
                format!("{SPONSOR} staff").into(),
                "".into(),
                "US".into(),
                "Americas".into(),
                SPONSOR.into(),
                Value::Null,
                at.into(),
                at.into(),
            ],
        );
        self.identity(id, "email", &email, true, at);
        self.people.push(Person {
            id,
            name,
            email,
            category: 0,
            account_id: None,
            employer: Some(SPONSOR),
            activity: 0.0,
        });
        let account = self.account(self.people.len() - 1, at);
        let role_id = self.ids.next("account_role");
        self.out.push(
            "account_role",
            &["id", "account_id", "role", "granted_by_account_id", "granted_at"],
            [role_id.into(), account.into(), role.into(), Value::Null, at.into()],
        );
        account
    }

    /// Six years of cycles: new awards, renewals, declines, deferrals, with the nominations,
    /// endorsements, reviews and decisions behind each. Every outcome comes out of the rules:
    /// the candidate's standing over the cycle's window, computed by the domain from the
    /// contributions the demo writes, against the threshold, and the rubric's advice followed
    /// but for a few deferrals near the threshold and rare, explained departures.
    async fn award_history(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        let new_per_cycle = (self.scale.current_awardees() as f64 / 2.94).round() as usize;
        let mut active: Vec<Award> = Vec::new();
        let announced: Vec<(i64, Date, Date)> = self
            .cycles
            .iter()
            .filter(|c| c.announcement <= self.today)
            .map(|c| (c.id, c.announcement, c.contributions_due))
            .collect();
        for (cycle_id, announcement, due) in announced {
            // Renewals: every award ending before this announcement is reviewed again.
            let ending: Vec<Award> = std::mem::take(&mut active);
            let mut holding: Vec<bool> = vec![false; self.people.len()];
            for award in ending {
                holding[award.person] = true;
                let outcome = self.committee(award.person, due, false);
                let state = match outcome {
                    Vote::Award => CandidacyState::Awarded,
                    // A renewal is decided in its cycle: no later round for an awardee.
                    Vote::Decline | Vote::Defer => CandidacyState::Declined,
                };
                let outcome = if outcome == Vote::Defer { Vote::Decline } else { outcome };
                let candidacy = self.candidacy(
                    cycle_id,
                    award.category,
                    award.person,
                    state,
                    announcement,
                    Some(award.id),
                );
                self.decide(candidacy, award.category, outcome, announcement);
                if outcome == Vote::Award {
                    let next = self.award(
                        award.person,
                        award.category,
                        announcement,
                        Some(candidacy),
                        Some(award.id),
                    );
                    active.push(next);
                } else {
                    self.end_award(&award, None, AwardEndReason::TermEnded);
                }
            }
            // New candidates: members nominate people whose work they see, so mostly the
            // most active of the year, and some whose year turns out thinner.
            let mut ranked: Vec<(f64, usize)> = Vec::new();
            for (p, held) in holding.iter().enumerate() {
                if *held || self.people[p].activity <= 0.0 {
                    continue;
                }
                let (total, _) = self.standing_for(p, due);
                ranked.push((f64::from(total) * (0.7 + 0.6 * self.dice.unit()), p));
            }
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let visible = new_per_cycle * 2;
            let mut nominees: Vec<usize> = ranked.iter().take(visible).map(|&(_, p)| p).collect();
            let rest: Vec<usize> = ranked.iter().skip(visible).map(|&(_, p)| p).collect();
            for _ in 0..new_per_cycle / 2 {
                if let Some(p) = self.dice.pick_opt(&rest)
                    && !nominees.contains(&p)
                {
                    nominees.push(p);
                }
            }
            for (n, person) in nominees.into_iter().enumerate() {
                let category = self.people[person].category;
                let answered = match n % 20 {
                    15 | 16 => Some(CandidacyState::Withdrawn),
                    17 => Some(CandidacyState::InvitationDeclined),
                    _ => None,
                };
                let (state, vote) = match answered {
                    Some(state) => (state, None),
                    None => match self.committee(person, due, true) {
                        Vote::Award => (CandidacyState::Awarded, Some(Vote::Award)),
                        Vote::Decline => (CandidacyState::Declined, Some(Vote::Decline)),
                        // A deferral no later round took up lapsed when its cycle was announced.
                        Vote::Defer => (CandidacyState::Lapsed, Some(Vote::Defer)),
                    },
                };
                let candidacy =
                    self.candidacy(cycle_id, category, person, state, announcement, None);
                if let Some(vote) = vote {
                    self.decide(candidacy, category, vote, announcement);
                }
                if state == CandidacyState::Awarded {
                    let award = self.award(person, category, announcement, Some(candidacy), None);
                    active.push(award);
                }
            }
            self.awards = active.clone();
            self.out.flush(tx).await?;
        }
        self.report.current_awardees = active.len();
        self.awards = active;
        self.out.flush(tx).await
    }

    /// What the committee decides for a person whose contributions were due on `due`: the
    /// rubric's advice, but a third of those just short of the threshold deferred (when the
    /// candidacy may wait for a later round), and rarely a departure the committee explains.
    fn committee(&mut self, person: usize, due: Date, may_defer: bool) -> Vote {
        let (total, threshold) = self.standing_for(person, due);
        let advice = plaudit_domain::review::advice(total, threshold);
        let near = total < threshold && total * 100 >= threshold * 85;
        if near && may_defer && self.dice.chance(0.35) {
            Vote::Defer
        } else if near && self.dice.chance(0.08) {
            Vote::Award
        } else if advice == Vote::Award && self.dice.chance(0.02) {
            Vote::Decline
        } else {
            advice
        }
    }

    fn candidacy(
        &mut self,
        cycle_id: i64,
        category: usize,
        person: usize,
        state: CandidacyState,
        announcement: Date,
        renewal_of: Option<i64>,
    ) -> i64 {
        let id = self.ids.next("candidacy");
        let opened = announcement.saturating_sub(9.months());
        let created = micros(opened.saturating_add((self.dice.below(60) as i64).days()), 600);
        let submitted = matches!(
            state,
            CandidacyState::Submitted
                | CandidacyState::InReview
                | CandidacyState::Awarded
                | CandidacyState::Declined
                | CandidacyState::Deferred
        );
        let decided = matches!(
            state,
            CandidacyState::Awarded | CandidacyState::Declined | CandidacyState::Deferred
        );
        let invited = state != CandidacyState::Nominated;
        let responded = invited && state != CandidacyState::Invited;
        let at = |days: i64| micros(opened.saturating_add(days.days()), 720);
        self.out.push(
            "candidacy",
            &[
                "id", "cycle_id", "category_id", "person_id", "state", "renewal_of_award_id",
                "invited_at", "responded_at", "submitted_at", "decided_at", "created_at",
                "updated_at",
            ],
            [
                id.into(),
                cycle_id.into(),
                self.categories[category].0.into(),
                self.people[person].id.into(),
                state.as_str().into(),
                renewal_of.into(),
                invited.then(|| at(62)).into(),
                responded.then(|| at(70)).into(),
                submitted.then(|| at(120)).into(),
                decided.then(|| micros(announcement, 0)).into(),
                created.into(),
                created.into(),
            ],
        );
        // The history of states, as the state machine walked them.
        let mut from: Option<CandidacyState> = None;
        for (step, to) in state_path(state).iter().enumerate() {
            let event_id = self.ids.next("candidacy_event");
            self.out.push(
                "candidacy_event",
                &[
                    "id", "candidacy_id", "from_state", "to_state", "event", "actor_account_id",
                    "note", "at",
                ],
                [
                    event_id.into(),
                    id.into(),
                    from.map(|s| s.as_str()).into(),
                    to.as_str().into(),
                    event_name(*to).into(),
                    Value::Null,
                    "".into(),
                    (created + step as i64 * 86_400_000_000).into(),
                ],
            );
            from = Some(*to);
        }
        if renewal_of.is_none() {
            self.nominations(id, person, created);
        }
        if self.dice.chance(0.5) && !self.awards.is_empty() {
            self.endorsements(id, person, created);
        }
        self.report.candidacies += 1;
        id
    }

    fn nominations(&mut self, candidacy: i64, person: usize, at: i64) {
        let mut nominators: Vec<usize> = Vec::new();
        for _ in 0..1 + self.dice.below(3) {
            let nominator = self.dice.below(self.people.len() as u64) as usize;
            // One nomination per nominator per candidacy, as the program's rules say.
            if nominator == person || nominators.contains(&nominator) {
                continue;
            }
            nominators.push(nominator);
            let id = self.ids.next("nomination");
            let reason = format!(
                "{} has been {} for years; their {} help people every week.",
                self.people[person].name,
                self.dice.pick(&[
                    "blogging and speaking", "answering questions", "running a meetup",
                    "maintaining open source"
                ]),
                self.dice.pick(&["posts", "talks", "answers", "projects"]),
            );
            self.out.push(
                "nomination",
                &[
                    "id", "candidacy_id", "nominator_person_id", "nominee_name", "nominee_email",
                    "links", "reason", "is_self", "created_at",
                ],
                [
                    id.into(),
                    candidacy.into(),
                    self.people[nominator].id.into(),
                    self.people[person].name.clone().into(),
                    self.people[person].email.clone().into(),
                    format!("https://github.com/{}", Slug::from_title(&self.people[person].name))
                        .into(),
                    reason.into(),
                    false.into(),
                    at.into(),
                ],
            );
        }
    }

    fn endorsements(&mut self, candidacy: i64, person: usize, at: i64) {
        let mut endorsers: Vec<usize> = Vec::new();
        for _ in 0..1 + self.dice.below(3) {
            let pool = self.awards_pool();
            let Some(award) = self.dice.pick_opt(&pool) else {
                break;
            };
            if award == person || endorsers.contains(&award) {
                continue;
            }
            endorsers.push(award);
        }
        for endorser in endorsers {
            let id = self.ids.next("endorsement");
            self.out.push(
                "endorsement",
                &["id", "candidacy_id", "endorser_person_id", "body", "created_at", "withdrawn_at"],
                [
                    id.into(),
                    candidacy.into(),
                    self.people[endorser].id.into(),
                    "I have worked with them in the community for years; their help is generous and reliable.".into(),
                    (at + 3_600_000_000).into(),
                    Value::Null,
                ],
            );
        }
    }

    /// A few people who held an award, to endorse candidacies.
    fn awards_pool(&self) -> Vec<usize> {
        let n = self.awards.len().min(64);
        self.awards[..n].iter().map(|a| a.person).collect()
    }

    /// Reviews by the category's reviewers, and the finalized decision.
    fn decide(&mut self, candidacy: i64, category: usize, outcome: Vote, on: Date) {
        let reviewers = self.reviewers[category].clone();
        let criteria = self.review_criteria[category].clone();
        let mut votes = [0i64; 3];
        let mut scores_sum = 0i64;
        let reviewed_at = micros(on.saturating_sub(3.weeks()), 900);
        for (n, reviewer) in reviewers.iter().take(3).enumerate() {
            // The votes lead to the outcome: two of three agree, the third mostly does too.
            let vote =
                if n < 2 || self.dice.chance(0.8) { outcome } else { *self.dice.pick(Vote::ALL) };
            votes[match vote {
                Vote::Award => 0,
                Vote::Decline => 1,
                Vote::Defer => 2,
            }] += 1;
            let id = self.ids.next("review");
            self.out.push(
                "review",
                REVIEW_COLUMNS,
                [
                    id.into(),
                    candidacy.into(),
                    (*reviewer).into(),
                    vote.as_str().into(),
                    rationale(vote).into(),
                    Some(reviewed_at).into(),
                    reviewed_at.into(),
                    reviewed_at.into(),
                ],
            );
            for criterion in &criteria {
                let base = match outcome {
                    Vote::Award => 3,
                    Vote::Defer => 2,
                    Vote::Decline => 1,
                };
                let score = (base + self.dice.below(3) as i64).min(5);
                scores_sum += score;
                let score_id = self.ids.next("review_score");
                self.out.push(
                    "review_score",
                    &["id", "review_id", "review_criterion_id", "score"],
                    [score_id.into(), id.into(), (*criterion).into(), score.into()],
                );
            }
            self.report.reviews += 1;
        }
        let id = self.ids.next("decision");
        let decided_at = micros(on, 0);
        // The standing, its threshold and whether the outcome departs from the rubric's advice
        // are measured once the contributions are written (`settle`).
        self.out.push(
            "decision",
            &[
                "id", "candidacy_id", "outcome", "rationale", "departs_from_rubric",
                "standing_total", "threshold", "aggregated_score", "votes_award", "votes_decline",
                "votes_defer", "finalized_by_account_id", "decided_at",
            ],
            [
                id.into(),
                candidacy.into(),
                outcome.as_str().into(),
                rationale(outcome).into(),
                false.into(),
                0.into(),
                0.into(),
                Value::Real(scores_sum as f64 / (3.0 * criteria.len() as f64)),
                votes[0].into(),
                votes[1].into(),
                votes[2].into(),
                self.admin_account.into(),
                decided_at.into(),
            ],
        );
        let audit_id = self.ids.next("audit_log");
        self.out.push(
            "audit_log",
            AUDIT_COLUMNS,
            [
                audit_id.into(),
                decided_at.into(),
                self.admin_account.into(),
                "decision.finalized".into(),
                "candidacy".into(),
                candidacy.into(),
                format!("outcome={}", outcome.as_str()).into(),
                Value::Null,
            ],
        );
    }

    fn award(
        &mut self,
        person: usize,
        category: usize,
        announcement: Date,
        candidacy: Option<i64>,
        renewal_of: Option<i64>,
    ) -> Award {
        let id = self.ids.next("award");
        let term = award_term(announcement);
        let credential = format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            self.dice.next_u32(),
            self.dice.below(0x10000),
            self.dice.below(0x1000),
            self.dice.below(0x1000),
            self.dice.next_u64() & 0xffff_ffff_ffff
        );
        self.out.push(
            "award",
            &[
                "id", "person_id", "category_id", "award_year", "candidacy_id",
                "renewal_of_award_id", "starts_on", "ends_on", "ended_early_on", "end_reason",
                "credential_id", "revoked_at", "created_at",
            ],
            [
                id.into(),
                self.people[person].id.into(),
                self.categories[category].0.into(),
                i64::from(announcement.year()).into(),
                candidacy.into(),
                renewal_of.into(),
                term.start.to_string().into(),
                term.end.to_string().into(),
                Value::Null,
                Value::Null,
                credential.into(),
                Value::Null,
                micros(announcement, 0).into(),
            ],
        );
        if self.people[person].account_id.is_none() {
            self.account(person, micros(announcement, 0));
        }
        self.report.awards += 1;
        Award { id, person, category, starts_on: term.start, ends_on: term.end }
    }

    /// Awards are written once; how one ended is recorded in the audit log and, for the few
    /// that end early, by an UPDATE at the end of the demo.
    fn end_award(&mut self, award: &Award, early: Option<Date>, reason: AwardEndReason) {
        let audit_id = self.ids.next("audit_log");
        let on = early.unwrap_or(award.ends_on);
        self.out.push(
            "audit_log",
            AUDIT_COLUMNS,
            [
                audit_id.into(),
                micros(on.saturating_add(1.day()), 0).into(),
                Value::Null,
                "award.ended".into(),
                "award".into(),
                award.id.into(),
                format!("reason={}", reason.as_str()).into(),
                Value::Null,
            ],
        );
    }

    /// The cycle now taking nominations: candidacies in every state before a decision.
    async fn current_cycle(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        let Some(cycle) = self.cycles.iter().find(|c| c.announcement > self.today) else {
            return Ok(());
        };
        let (cycle_id, announcement) = (cycle.id, cycle.announcement);
        let awardees: std::collections::HashSet<usize> =
            self.awards.iter().map(|a| a.person).collect();
        let count = (self.scale.current_awardees() / 2).max(40);
        let states = [
            CandidacyState::Nominated,
            CandidacyState::Invited,
            CandidacyState::Accepted,
            CandidacyState::InvitationDeclined,
            CandidacyState::Submitted,
            CandidacyState::InReview,
            CandidacyState::Withdrawn,
            CandidacyState::Deferred,
        ];
        let mut chosen = std::collections::HashSet::new();
        let mut made = 0;
        let mut tries = 0;
        while made < count && tries < count * 10 {
            tries += 1;
            let person = self.dice.below(self.scale.people() as u64) as usize;
            if awardees.contains(&person) || !chosen.insert(person) {
                continue;
            }
            let state = states[made % states.len()];
            let category = self.people[person].category;
            let candidacy = self.candidacy(cycle_id, category, person, state, announcement, None);
            if state == CandidacyState::Deferred {
                // Reviewed early and deferred to the cycle's next round.
                self.decide(candidacy, category, Vote::Defer, self.today.saturating_sub(1.week()));
            }
            if state == CandidacyState::InReview {
                // Reviewers start on submitted candidacies before nominations close.
                let reviewer = self.reviewers[category][0];
                let id = self.ids.next("review");
                let at = micros(self.today.saturating_sub(2.days()), 600);
                self.out.push(
                    "review",
                    REVIEW_COLUMNS,
                    [
                        id.into(),
                        candidacy.into(),
                        reviewer.into(),
                        Value::Null,
                        "".into(),
                        Value::Null,
                        at.into(),
                        at.into(),
                    ],
                );
            }
            made += 1;
        }
        // Some current awardees are up for a second category: the program allows several.
        let seconds: Vec<Award> = self.awards.iter().step_by(25).skip(1).cloned().collect();
        for (n, award) in seconds.into_iter().enumerate() {
            let category = (award.category + 1 + n % 3) % self.categories.len();
            let state =
                if n % 2 == 0 { CandidacyState::Submitted } else { CandidacyState::Accepted };
            self.candidacy(cycle_id, category, award.person, state, announcement, None);
        }
        self.out.flush(tx).await
    }

    /// An awardee who joined the sponsor gives the award up: it ends early, with that reason.
    async fn sponsor_employee(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        let Some(award) = self.awards.first().cloned() else {
            return Ok(());
        };
        let left_on = award.starts_on.saturating_add(2.months().days(14)).min(self.today);
        let person_id = self.people[award.person].id;
        let email = format!("p{person_id}@{}", SPONSOR_DOMAINS[0]);
        self.identity(person_id, "email", &email, false, micros(left_on, 0));
        self.end_award(&award, Some(left_on), AwardEndReason::JoinedSponsor);
        self.out.flush(tx).await?;
        let left = left_on.to_string();
        plaudit_store::on_tx!(tx, conn => {
            plaudit_store::sqlx::query("UPDATE award SET ended_early_on = $1, end_reason = 'joined_sponsor' WHERE id = $2")
                .bind(&left).bind(award.id).execute(&mut *conn).await.map_err(StoreError::from)?;
            plaudit_store::sqlx::query("UPDATE person SET employer = $1 WHERE id = $2")
                .bind(SPONSOR).bind(person_id).execute(&mut *conn).await.map_err(StoreError::from)?;
        });
        self.people[award.person].employer = Some(SPONSOR);
        self.awards.remove(0);
        self.report.current_awardees = self.awards.len();
        Ok(())
    }

    async fn benefits_and_nda(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        let at = micros(self.year_start(-2), 0);
        let benefits = [
            (
                "ide-license",
                "IDE Ultimate license",
                "A year of the full IDE, for your own work.",
                "license_code",
            ),
            ("cloud-credits", "Cloud credits", "USD 150 of cloud credit a month.", "license_code"),
            (
                "learning-platform", "Learning platform", "A year of the online course library.",
                "license_code",
            ),
            (
                "community-forum",
                "Private community",
                "The awardees' private forum and monthly calls.",
                "access",
            ),
        ];
        let awardees: Vec<usize> = self.awards.iter().map(|a| a.person).collect();
        for (slug, name, description, kind) in benefits {
            let benefit_id = self.ids.next("benefit");
            self.out.push(
                "benefit",
                &[
                    "id", "slug", "name", "description", "kind", "active", "low_pool_warning",
                    "created_at",
                ],
                [
                    benefit_id.into(),
                    slug.into(),
                    name.into(),
                    description.into(),
                    kind.into(),
                    true.into(),
                    25.into(),
                    at.into(),
                ],
            );
            if kind != "license_code" {
                continue;
            }
            let pool = awardees.len() * 7 / 10;
            let mut codes = Vec::new();
            for n in 0..pool {
                let code_id = self.ids.next("benefit_code");
                let claimed = n % 3 != 2;
                let claimed_at = micros(self.today.saturating_sub((n as i64 % 120).days()), 0);
                self.out.push(
                    "benefit_code",
                    &["id", "benefit_id", "code", "added_at", "claimed_at"],
                    [
                        code_id.into(),
                        benefit_id.into(),
                        format!(
                            "{}-{:06X}-{:04X}",
                            slug.to_uppercase(),
                            self.dice.below(0xFFFFFF),
                            n
                        )
                        .into(),
                        at.into(),
                        claimed.then_some(claimed_at).into(),
                    ],
                );
                if claimed {
                    codes.push((code_id, claimed_at));
                }
            }
            // One claim per person and award year, whatever number of awards they hold.
            let mut holders: Vec<(usize, i64)> =
                self.awards.iter().map(|a| (a.person, i64::from(a.starts_on.year()))).collect();
            holders.sort_unstable();
            holders.dedup();
            for ((person, award_year), (code_id, claimed_at)) in holders.into_iter().zip(codes) {
                let claim_id = self.ids.next("benefit_claim");
                self.out.push(
                    "benefit_claim",
                    &[
                        "id", "benefit_id", "person_id", "award_year", "benefit_code_id",
                        "claimed_at",
                    ],
                    [
                        claim_id.into(),
                        benefit_id.into(),
                        self.people[person].id.into(),
                        award_year.into(),
                        code_id.into(),
                        claimed_at.into(),
                    ],
                );
            }
        }
        let nda_id = self.ids.next("nda_version");
        self.out.push(
            "nda_version",
            &["id", "version", "body", "published_at"],
            [
                nda_id.into(),
                "2025-1".into(),
                "What you see under NDA stays with you until it is public.".into(),
                at.into(),
            ],
        );
        for person in awardees.iter().filter(|_| self.dice.chance(0.7)).copied().collect::<Vec<_>>()
        {
            let id = self.ids.next("nda_acceptance");
            self.out.push(
                "nda_acceptance",
                &["id", "person_id", "nda_version_id", "accepted_at"],
                [
                    id.into(),
                    self.people[person].id.into(),
                    nda_id.into(),
                    (at + 86_400_000_000).into(),
                ],
            );
        }
        for (n, (title, under_nda)) in ANNOUNCEMENTS.iter().enumerate() {
            let id = self.ids.next("announcement");
            let published = micros(self.today.saturating_sub(((n as i64 + 1) * 17).days()), 840);
            self.out.push(
                "announcement",
                &[
                    "id", "slug", "title", "body", "under_nda", "public_from_at",
                    "author_account_id", "published_at", "created_at",
                ],
                [
                    id.into(),
                    Slug::from_title(title).as_str().into(),
                    (*title).into(),
                    format!("{title}.\n\nDetails for awardees, with dates and who to contact.")
                        .into(),
                    (*under_nda).into(),
                    under_nda.then(|| micros(self.today.saturating_add(30.days()), 0)).into(),
                    self.admin_account.into(),
                    published.into(),
                    published.into(),
                ],
            );
        }
        self.out.flush(tx).await
    }

    async fn amas(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        let hosts = (self.awards.len() / 10).clamp(3, 40);
        let mut hosting = std::collections::HashSet::new();
        for h in 0..hosts.min(self.awards.len()) {
            let person = self.awards[h * self.awards.len() / hosts].person;
            // An awardee hosts one AMA.
            if !hosting.insert(person) {
                continue;
            }
            let ama_id = self.ids.next("ama");
            let slug = format!("{}-{ama_id}", Slug::from_title(&self.people[person].name).as_str());
            let title = format!("Ask {} anything", self.people[person].name);
            let description =
                "Questions about community work, careers and the program. I answer weekly.";
            let repo = (h % 3 == 0)
                .then(|| format!("{}/ama", Slug::from_title(&self.people[person].name)));
            self.ama(ama_id, self.people[person].id, slug, title, description, repo);
            let questions = 5 + self.dice.below(20) as usize;
            self.ama_questions(ama_id, questions);
        }
        // The program's own AMA, where the large demo's 2,000 questions show how an AMA's
        // pages hold up.
        let admin = self.people.iter().find(|p| p.account_id == Some(self.admin_account));
        if let Some(admin_id) = admin.map(|p| p.id) {
            let ama_id = self.ids.next("ama");
            let title = format!("Ask the {SPONSOR} program team anything");
            let description = "How the program works, from nominations to renewals: ask, and \
                 vote for the questions you want answered first.";
            self.ama(ama_id, admin_id, PROGRAM_AMA.to_owned(), title, description, None);
            let questions = match self.scale {
                Scale::Small => 120,
                Scale::Large => 2_000,
            };
            self.ama_questions(ama_id, questions);
        }
        self.out.flush(tx).await
    }

    /// An AMA in the first release's columns; the settle step gives it what later ones added.
    fn ama(
        &mut self,
        ama_id: i64,
        host_person_id: i64,
        slug: String,
        title: String,
        description: &str,
        github_repo: Option<String>,
    ) {
        let created = micros(self.year_start(-2), 0);
        self.out.push(
            "ama",
            &[
                "id", "host_person_id", "slug", "title", "description", "accepting_questions",
                "github_repo", "created_at",
            ],
            [
                ama_id.into(),
                host_person_id.into(),
                slug.into(),
                title.into(),
                description.into(),
                true.into(),
                github_repo.into(),
                created.into(),
            ],
        );
    }

    /// `count` questions of AMA `ama_id`: most answered (some in parts), some open, declined
    /// or duplicates of an answered one.
    fn ama_questions(&mut self, ama_id: i64, count: usize) {
        let mut first_answered: Option<i64> = None;
        for q in 0..count {
            let question_id = self.ids.next("ama_question");
            let state = match q % 7 {
                0..=3 => AmaQuestionState::Answered,
                4 | 5 => AmaQuestionState::Open,
                _ if first_answered.is_some() && q % 2 == 0 => AmaQuestionState::Duplicate,
                _ => AmaQuestionState::Declined,
            };
            let asked =
                micros(self.today.saturating_sub((self.dice.below(600) as i64 + 7).days()), 600);
            let answered = (state == AmaQuestionState::Answered).then_some(asked + 172_800_000_000);
            let title = *self.dice.pick(AMA_QUESTIONS);
            self.out.push(
                "ama_question",
                &[
                    "id", "ama_id", "asker_account_id", "asker_name", "title", "body", "state",
                    "duplicate_of_id", "decline_reason", "vote_count", "created_at", "answered_at",
                ],
                [
                    question_id.into(),
                    ama_id.into(),
                    Value::Null,
                    (*self.dice.pick(FIRST_NAMES)).into(),
                    title.into(),
                    "I'd love to hear your take.".into(),
                    state.as_str().into(),
                    if state == AmaQuestionState::Duplicate {
                        first_answered.into()
                    } else {
                        Value::Null
                    },
                    (state == AmaQuestionState::Declined)
                        .then_some("Off topic for this AMA.")
                        .into(),
                    (self.dice.pareto(1.0, 1.5).min(200.0) as i64).into(),
                    asked.into(),
                    answered.into(),
                ],
            );
            self.out.push(
                "ama_question_tag",
                &["question_id", "tag"],
                [question_id.into(), (*self.dice.pick(AMA_TOPICS)).into()],
            );
            if let Some(answered) = answered {
                first_answered.get_or_insert(question_id);
                let parts: Vec<&str> = title.split_inclusive('?').collect();
                let whole = parts.len() < 2;
                for (position, part) in parts.iter().enumerate() {
                    let id = self.ids.next("ama_answer");
                    self.out.push(
                        "ama_answer",
                        &["id", "question_id", "position", "question_part", "body", "created_at", "updated_at"],
                        [
                            id.into(),
                            question_id.into(),
                            (position as i64).into(),
                            if whole { "" } else { part.trim() }.into(),
                            "Honestly, it started with showing up. I'll take this one step at a time:\n\n* find one community you care about\n* help someone there every week\n* write down what you learn".into(),
                            answered.into(),
                            answered.into(),
                        ],
                    );
                }
            }
        }
    }

    async fn feedback_speaking_imports(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        let product_team = self.product_team.clone();
        let awardees: Vec<usize> = self.awards.iter().map(|a| a.person).collect();
        for (n, person) in awardees.iter().enumerate() {
            let at = micros(self.today.saturating_sub((n as i64 % 300).days()), 540);
            if n % 12 == 0 {
                let thread_id = self.ids.next("feedback_thread");
                let status = *self.dice.pick(&["open", "answered", "planned", "closed"]);
                self.out.push(
                    "feedback_thread",
                    &[
                        "id", "author_person_id", "category_id", "product_area", "title", "status",
                        "under_nda", "created_at", "updated_at",
                    ],
                    [
                        thread_id.into(),
                        self.people[*person].id.into(),
                        self.categories[self.people[*person].category].0.into(),
                        (*self.dice.pick(&["CLI", "Portal", "SDK", "Docs", "Pricing"])).into(),
                        (*self.dice.pick(FEEDBACK_TITLES)).into(),
                        status.into(),
                        (n % 5 == 0).into(),
                        at.into(),
                        at.into(),
                    ],
                );
                if let Some(author) = self.people[*person].account_id {
                    let body = "Steps to reproduce, what I expected, and what happened instead.";
                    self.feedback_message(thread_id, author, false, body, at);
                }
                if status != "open" {
                    let team_member = *self.dice.pick(&product_team);
                    let body = "Thanks, we reproduced it and it's on the plan for next quarter.";
                    self.feedback_message(thread_id, team_member, true, body, at + 259_200_000_000);
                }
            }
            if n % 5 < 2 {
                let id = self.ids.next("speaking_profile");
                self.out.push(
                    "speaking_profile",
                    &[
                        "id", "person_id", "accepts_requests", "topics", "regions", "languages",
                        "remote_ok", "travel_ok", "updated_at",
                    ],
                    [
                        id.into(),
                        self.people[*person].id.into(),
                        (n % 5 == 0).into(),
                        (*self.dice.pick(&[
                            "Kubernetes, platform engineering", "C#, .NET performance",
                            "Data engineering", "Security for developers", "Community building",
                        ]))
                        .into(),
                        (*self
                            .dice
                            .pick(&["Europe", "Americas", "Asia Pacific", "Africa", "anywhere"]))
                        .into(),
                        (*self.dice.pick(&[
                            "English", "English, Spanish", "English, German", "Portuguese, English",
                        ]))
                        .into(),
                        true.into(),
                        (n % 3 == 0).into(),
                        at.into(),
                    ],
                );
                if n % 10 == 0 {
                    let request_id = self.ids.next("speaking_request");
                    self.out.push(
                        "speaking_request",
                        &[
                            "id", "person_id", "organizer_name", "organizer_email", "event_name",
                            "event_on", "location", "is_remote", "message", "status", "created_at",
                        ],
                        [
                            request_id.into(),
                            self.people[*person].id.into(),
                            "Jamie Organizer".into(),
                            "events@devconf.example".into(),
                            "DevConf Regional".into(),
                            self.today.saturating_add(60.days()).to_string().into(),
                            "Lisbon".into(),
                            false.into(),
                            "Would you give a 45-minute talk on your favourite topic?".into(),
                            "pending".into(),
                            at.into(),
                        ],
                    );
                }
            }
            if n % 4 == 0 {
                let source_id = self.ids.next("import_source");
                let slug = Slug::from_title(&self.people[*person].name);
                self.out.push(
                    "import_source",
                    &[
                        "id", "person_id", "kind", "locator", "last_fetched_at", "next_fetch_at",
                        "created_at",
                    ],
                    [
                        source_id.into(),
                        self.people[*person].id.into(),
                        "feed".into(),
                        format!("https://{slug}.blog.example/feed.xml").into(),
                        at.into(),
                        (at + 86_400_000_000).into(),
                        at.into(),
                    ],
                );
                let suggestion_id = self.ids.next("import_suggestion");
                self.out.push(
                    "import_suggestion",
                    &[
                        "id", "import_source_id", "person_id", "external_id", "canonical_url",
                        "title", "summary", "contribution_type", "occurred_on", "reach_metric",
                        "reach_value", "status", "created_at",
                    ],
                    [
                        suggestion_id.into(),
                        source_id.into(),
                        self.people[*person].id.into(),
                        format!("post-{suggestion_id}").into(),
                        format!("https://{slug}.blog.example/posts/new-{suggestion_id}").into(),
                        title(&mut self.dice, "Rust").into(),
                        "".into(),
                        "blog_post".into(),
                        self.today.saturating_sub(3.days()).to_string().into(),
                        Value::Null,
                        Value::Null,
                        "pending".into(),
                        at.into(),
                    ],
                );
            }
        }
        self.out.flush(tx).await
    }

    /// The private community's threads, each opened by a current awardee and answered by a few
    /// others over the following days (their boards are settled from the authors' awards).
    async fn community(&mut self, tx: &mut Tx) -> Result<(), StoreError> {
        let current: Vec<i64> = self
            .awards
            .iter()
            .filter(|a| a.starts_on <= self.today && self.today <= a.ends_on)
            .map(|a| self.people[a.person].id)
            .collect();
        for (n, author) in current.iter().enumerate().filter(|(n, _)| n % 9 == 0) {
            let opened = micros(self.today.saturating_sub((n as i64 % 200).days()), 600);
            let thread_id = self.ids.next("community_post");
            let (title, body) = *self.dice.pick(COMMUNITY_THREADS);
            self.community_post(thread_id, None, *author, title, body, opened);
            for reply in 1..=self.dice.below(5) as usize {
                let id = self.ids.next("community_post");
                let replier = current[(n + reply * 7) % current.len()];
                let answer = *self.dice.pick(COMMUNITY_REPLIES);
                let at = opened + reply as i64 * 5_400_000_000;
                self.community_post(id, Some(thread_id), replier, "", answer, at);
            }
        }
        self.out.flush(tx).await
    }

    fn community_post(
        &mut self,
        id: i64,
        parent: Option<i64>,
        author: i64,
        title: &str,
        body: &str,
        at: i64,
    ) {
        self.out.push(
            "community_post",
            &["id", "parent_id", "author_person_id", "title", "body", "created_at"],
            [
                id.into(),
                parent.map_or(Value::Null, Value::from),
                author.into(),
                title.into(),
                body.into(),
                at.into(),
            ],
        );
    }

    fn feedback_message(&mut self, thread_id: i64, author: i64, team: bool, body: &str, at: i64) {
        let id = self.ids.next("feedback_message");
        self.out.push(
            "feedback_message",
            &["id", "thread_id", "author_account_id", "from_product_team", "body", "created_at"],
            [id.into(), thread_id.into(), author.into(), team.into(), body.into(), at.into()],
        );
    }

    /// Contributions of every type over six years, reach heavy-tailed. Awardees and candidates
    /// contribute more, and most in the years they were recognised for.
    /// Contributions of every type over six years, reach heavy-tailed. Awardees contribute
    /// more. They are generated on a thread of their own while the database writes the
    /// previous chunk, through one open load.
    /// Who contributes how much: each person's share follows their activity alone, so the
    /// history that follows comes out of the work, not the other way round. The dates reach
    /// back far enough to fill the first cycle's window.
    fn contribution_plan(&self, first_id: i64) -> contributions::Plan {
        contributions::Plan {
            total: self.scale.contributions(),
            today: self.today,
            since: self.year_start(-6),
            people: self
                .people
                .iter()
                .map(|p| contributions::Contributor {
                    id: p.id,
                    slug: Slug::from_title(&p.name).as_str().to_owned(),
                    weight: p.activity,
                    category: p.category,
                })
                .collect(),
            areas: self.categories.iter().map(|(_, areas)| areas.clone()).collect(),
            first_id,
            chunk_rows: FLUSH_AT,
        }
    }

    /// A person's standing in the cycle whose contributions were due on `due`, as the domain
    /// computes it from the contributions the demo writes.
    fn standing_for(&self, person: usize, due: Date) -> (u32, u32) {
        let window = plaudit_domain::cycle::contribution_window_ending(due);
        let rubric = &self.rubric;
        (standing_fast(rubric, &window, &self.facts[person]).total, rubric.threshold)
    }

    async fn contributions(&mut self, tx: &mut Tx, progress: bool) -> Result<(), StoreError> {
        let total = self.scale.contributions();
        let first_id = self.ids.next("contribution");
        let plan = self.contribution_plan(first_id);
        let bar = if progress {
            let bar = ProgressBar::new(total as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_message("contributions");
            bar
        } else {
            ProgressBar::hidden()
        };
        self.out.flush(tx).await?;
        let mut chunks = contributions::spawn(plan, Dice::new(self.contribution_seed));
        let mut loader = bulk::Loader::open(tx, "contribution", contributions::COLUMNS).await?;
        let mut linked: Vec<contributions::Chunk> = Vec::new();
        let mut written = 0;
        while let Some(mut chunk) = chunks.recv().await {
            loader.write(&chunk.contributions).await?;
            written += chunk.contributions.len();
            bar.set_position(written as u64);
            chunk.contributions.clear();
            linked.push(chunk);
        }
        loader.finish().await?;
        for chunk in &linked {
            bulk::load(tx, &chunk.audiences).await?;
            bulk::load(tx, &chunk.areas).await?;
        }
        bar.finish_and_clear();
        self.report.contributions = written;
        Ok(())
    }
}

const PERSON_COLUMNS: &[&str] = &[
    "id", "slug", "display_name", "headline", "bio", "country", "region", "employer",
    "birth_date_on", "created_at", "updated_at",
];
const REVIEW_COLUMNS: &[&str] = &[
    "id", "candidacy_id", "reviewer_account_id", "vote", "rationale", "submitted_at", "created_at",
    "updated_at",
];
const AUDIT_COLUMNS: &[&str] =
    &["id", "at", "actor_account_id", "action", "subject_type", "subject_id", "detail", "ip"];

/// Tables the demo writes with explicit ids, whose PostgreSQL sequences must move past them.
const TABLES_WITH_IDS: &[&str] = &[
    "sponsor_domain", "code_of_conduct", "category", "technology_area", "rubric_version",
    "rubric_criterion", "rubric_reach_tier", "review_criterion", "cycle", "person",
    "person_identity", "person_merge_suggestion", "account", "account_role", "reviewer_scope",
    "candidacy", "candidacy_event", "nomination", "endorsement", "review", "review_score",
    "decision", "audit_log", "award", "benefit", "benefit_code", "benefit_claim", "nda_version",
    "nda_acceptance", "announcement", "ama", "ama_question", "ama_answer", "feedback_thread",
    "feedback_message", "speaking_profile", "speaking_request", "import_source",
    "import_suggestion", "community_post", "contribution",
];

const ANNOUNCEMENTS: &[(&str, bool)] = &[
    ("Renewal reviews open next month", false),
    ("Preview: the new CLI ships in March", true),
    ("Summit 2027 call for awardee speakers", false),
    ("Early look at the pricing changes", true),
    ("Your benefit codes for the new award year", false),
    ("Roadmap briefing for awardees", true),
    ("Welcome to this year's new awardees", false),
    ("Community calls move to Thursdays", false),
];

const COMMUNITY_THREADS: &[(&str, &str)] = &[
    (
        "Who is going to the summit in March?",
        "I'm giving a workshop on the second day. Anyone up for a dinner with the awardees there?",
    ),
    (
        "How do you plan a year of talks?",
        "I keep saying yes to everything and burning out by autumn. How do you pick?",
    ),
    (
        "Sharing slides under the new NDA rules",
        "When a preview goes public, do you update your old talks or leave them as they were?",
    ),
    (
        "Looking for co-maintainers",
        "My CLI plugin has grown past what I can review alone. Anyone interested in helping?",
    ),
    (
        "Meetup in a box: what works for you?",
        "We restarted our local meetup. What format brought people back after a quiet year?",
    ),
    (
        "Feedback on my renewal write-up",
        "Would someone read my summary of the year before I submit it? Happy to return the favour.",
    ),
];

const COMMUNITY_REPLIES: &[&str] = &[
    "Count me in! I'll bring the stickers.",
    "Two talks a quarter is my limit; everything else becomes a blog post.",
    "I leave old slides as they were and link the public announcement at the top.",
    "Happy to help. I've maintained a plugin like that for three years.",
    "Short lightning talks and pizza. Every time.",
    "Sure, send it over. I'll read it this weekend.",
];

const FEEDBACK_TITLES: &[&str] = &[
    "Login loop when the session expires during a deploy",
    "Docs for the streaming API are missing the retry semantics",
    "CLI should respect NO_COLOR",
    "Pricing calculator rounds storage the wrong way",
    "SDK throws on empty pages instead of returning none",
];

fn title(dice: &mut Dice, topic: &str) -> String {
    format!("{} {}{}", dice.pick(TITLE_OPENINGS), topic, dice.pick(TITLE_ENDINGS))
}

fn headline(dice: &mut Dice) -> String {
    (*dice.pick(&[
        "Developer advocate and meetup organizer",
        "Principal engineer, writes about distributed systems",
        "Consultant, speaker and open-source maintainer",
        "Data engineer and teacher",
        "Security researcher who blogs",
        "Game developer and streamer",
        "Student and community builder",
        "Architect; runs a user group",
    ]))
    .to_owned()
}

/// The committee's words where its decision departs from the rubric's advice.
fn departure_rationale(vote: Vote) -> &'static str {
    match vote {
        Vote::Award => {
            "Below the threshold on points, but the committee weighed an open-source project used \
             by thousands that the rubric undercounts."
        }
        Vote::Decline => {
            "Above the threshold on points, but nearly all of it is one burst of posts in a \
             single month; the committee wants to see steadier work."
        }
        Vote::Defer => "Promising, but the year is thin; look again next cycle.",
    }
}

fn rationale(vote: Vote) -> &'static str {
    match vote {
        Vote::Award => "Clearly above the threshold, with steady work all year and real reach.",
        Vote::Decline => "Below the threshold; most of the work falls outside the period.",
        Vote::Defer => "Promising, but the year is thin; look again next cycle.",
    }
}

/// The states a candidacy walked to reach `state`, in order.
fn state_path(state: CandidacyState) -> Vec<CandidacyState> {
    use CandidacyState as S;
    let main = [S::Nominated, S::Invited, S::Accepted, S::Submitted, S::InReview];
    match state {
        S::Nominated => vec![S::Nominated],
        S::Invited => main[..2].to_vec(),
        S::Accepted => main[..3].to_vec(),
        S::InvitationDeclined => vec![S::Nominated, S::Invited, S::InvitationDeclined],
        S::Submitted => main[..4].to_vec(),
        S::InReview => main.to_vec(),
        S::Awarded | S::Declined | S::Deferred => {
            let mut path = main.to_vec();
            path.push(state);
            path
        }
        S::Withdrawn => vec![S::Nominated, S::Invited, S::Withdrawn],
        // The demo's lapsed candidacies are deferrals no later round took up.
        S::Lapsed => {
            let mut path = main.to_vec();
            path.extend([S::Deferred, S::Lapsed]);
            path
        }
    }
}

fn event_name(to: CandidacyState) -> &'static str {
    use CandidacyState as S;
    match to {
        S::Nominated => "nominate",
        S::Invited => "invite",
        S::Accepted => "accept",
        S::InvitationDeclined => "decline_invitation",
        S::Submitted => "submit",
        S::InReview => "start_review",
        S::Awarded => "award",
        S::Declined => "decline",
        S::Deferred => "defer",
        S::Withdrawn => "withdraw",
        S::Lapsed => "lapse",
    }
}
