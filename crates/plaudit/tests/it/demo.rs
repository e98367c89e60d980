//! The demo program: believable, complete, and the same for a seed on both backends.

use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use plaudit::demo::{self, DemoError, Scale};
use plaudit::ops::standings;
use plaudit_domain::candidacy::CandidacyState;
use plaudit_domain::cycle::DateRange;
use plaudit_domain::kinds::ContributionType;
use plaudit_domain::standing::{ContributionFacts, standing};
use plaudit_store::{Backend, Db, on_db, sqlx};

use crate::helpers::{TestDb, postgres_available_or_skip, test_clock};
use crate::on_both_backends;

async fn small_demo(backend: Backend) -> (TestDb, Db) {
    let test_db = TestDb::new(backend).await;
    let db = test_db.migrated().await;
    demo::generate(&db, Scale::Small, 7, &test_clock(), false).await.expect("the demo");
    (test_db, db)
}

async fn strings(db: &Db, sql: &'static str) -> Vec<String> {
    on_db!(db, pool => sqlx::query_scalar(sql).fetch_all(pool).await).unwrap()
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).unwrap()
}

on_both_backends! {
    async fn the_demo_has_candidacies_in_every_state_and_every_contribution_type(backend: Backend) {
        let (_test_db, db) = small_demo(backend).await;
        let states: BTreeSet<String> = strings(&db, "SELECT DISTINCT state FROM candidacy").await.into_iter().collect();
        for state in CandidacyState::ALL {
            assert!(states.contains(state.as_str()), "no candidacy is {}", state.as_str());
        }
        let types: BTreeSet<String> = strings(&db, "SELECT DISTINCT contribution_type FROM contribution").await.into_iter().collect();
        for kind in ContributionType::ALL {
            assert!(types.contains(kind.as_str()), "no contribution is a {}", kind.as_str());
        }
    }
}

on_both_backends! {
    async fn the_demo_has_ten_categories_eighty_areas_and_six_years_of_cycles(backend: Backend) {
        let (_test_db, db) = small_demo(backend).await;
        assert!(count(&db, "SELECT COUNT(*) FROM category").await >= 10);
        assert!(count(&db, "SELECT COUNT(*) FROM technology_area").await >= 80);
        assert!(count(&db, "SELECT COUNT(DISTINCT award_year) FROM award").await >= 6);
        let current = count(&db, "SELECT COUNT(DISTINCT person_id) FROM award WHERE starts_on <= '2026-11-29' \
             AND ends_on >= '2026-11-29' AND ended_early_on IS NULL").await;
        assert!((180..=230).contains(&current), "about 200 current awardees, got {current}");
        let renewals = count(&db, "SELECT COUNT(*) FROM award WHERE renewal_of_award_id IS NOT NULL").await;
        assert!(renewals > 100, "awards have renewal histories");
        let alumni = count(&db, "SELECT COUNT(*) FROM award WHERE ends_on < '2026-11-29' AND NOT EXISTS \
             (SELECT 1 FROM award r WHERE r.renewal_of_award_id = award.id)").await;
        assert!(alumni > 50, "some awardees became alumni");
        let several_identities = count(&db, "SELECT COUNT(*) FROM (SELECT person_id FROM person_identity \
             GROUP BY person_id HAVING COUNT(*) > 2) p").await;
        assert!(several_identities > 100, "people have several identities");
    }
}

on_both_backends! {
    async fn the_demo_sponsor_employee_gave_up_the_award_on_joining(backend: Backend) {
        let (_test_db, db) = small_demo(backend).await;
        let ended: Vec<(String, String, String)> = on_db!(&db, pool => sqlx::query_as(
            "SELECT a.end_reason, a.ended_early_on, p.employer FROM award a JOIN person p ON p.id = a.person_id \
             WHERE a.ended_early_on IS NOT NULL").fetch_all(pool).await).unwrap();
        assert_eq!(ended.len(), 1);
        assert_eq!(ended[0].0, "joined_sponsor");
        assert_eq!(ended[0].2, demo::SPONSOR);
        let sponsor_mail = count(&db, "SELECT COUNT(*) FROM person_identity i JOIN award a ON a.person_id = i.person_id \
             WHERE a.end_reason = 'joined_sponsor' AND i.normalized LIKE '%@northwind.example'").await;
        assert_eq!(sponsor_mail, 1, "the sponsor address is one of their identities");
    }
}

on_both_backends! {
    async fn the_demo_refuses_a_database_that_already_holds_a_program(backend: Backend) {
        let (_test_db, db) = small_demo(backend).await;
        let again = demo::generate(&db, Scale::Small, 7, &test_clock(), false).await;
        assert!(matches!(again, Err(DemoError::NotEmpty)));
    }
}

/// id, type, start and end dates, and the reach figures the standard rubric reads.
type ContributionRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

/// A fingerprint of the rows of a few tables, to compare two databases.
async fn fingerprint(db: &Db) -> Vec<(String, u64)> {
    let queries: [(&str, &'static str); 5] = [
        (
            "person",
            "SELECT id || ':' || slug || ':' || display_name || ':' || COALESCE(employer, '') FROM person ORDER BY id",
        ),
        (
            "award",
            "SELECT id || ':' || person_id || ':' || category_id || ':' || starts_on || ':' || COALESCE(end_reason, '') FROM award ORDER BY id",
        ),
        ("candidacy", "SELECT id || ':' || person_id || ':' || state FROM candidacy ORDER BY id"),
        (
            "contribution",
            "SELECT id || ':' || person_id || ':' || contribution_type || ':' || title || ':' || started_on || ':' || COALESCE(views, -1) FROM contribution ORDER BY id",
        ),
        (
            "review",
            "SELECT id || ':' || candidacy_id || ':' || COALESCE(vote, '') FROM review ORDER BY id",
        ),
    ];
    let mut prints = Vec::new();
    for (table, sql) in queries {
        let rows = strings(db, sql).await;
        let mut hasher = DefaultHasher::new();
        rows.hash(&mut hasher);
        prints.push((format!("{table} ({} rows)", rows.len()), hasher.finish()));
    }
    prints
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_seed_gives_the_same_demo_on_sqlite_and_postgres() {
    if !postgres_available_or_skip().await {
        return;
    }
    let (_a, sqlite) = small_demo(Backend::Sqlite).await;
    let (_b, postgres) = small_demo(Backend::Postgres).await;
    assert_eq!(fingerprint(&sqlite).await, fingerprint(&postgres).await);
    let (_c, other_seed) = {
        let test_db = TestDb::new(Backend::Sqlite).await;
        let db = test_db.migrated().await;
        demo::generate(&db, Scale::Small, 8, &test_clock(), false).await.unwrap();
        (test_db, db)
    };
    assert_ne!(
        fingerprint(&sqlite).await,
        fingerprint(&other_seed).await,
        "another seed, another program"
    );
}

on_both_backends! {
    async fn a_full_recompute_agrees_with_the_rubric_computed_by_hand(backend: Backend) {
        let (_test_db, db) = small_demo(backend).await;
        let report = standings::recompute_all(&db, &test_clock()).await.unwrap();
        assert!(report.standings > 200, "every current awardee and open candidate: {report}");
        assert!(report.meeting_threshold > 0 && report.meeting_threshold < report.standings, "{report}");
        let saved = count(&db, "SELECT COUNT(*) FROM standing").await;
        assert_eq!(saved as usize, report.standings);

        // Take one awardee and recompute their standing from their contributions, independently.
        let (person_id, category_id, start, end, total): (i64, i64, String, String, i64) = on_db!(&db, pool => sqlx::query_as(
            "SELECT person_id, category_id, window_start_on, window_end_on, total FROM standing \
             WHERE total > 0 ORDER BY total DESC, person_id LIMIT 1").fetch_one(pool).await).unwrap();
        let facts = facts_of(&db, person_id).await;
        let rubric = plaudit_store::rubrics::published_rubrics(&db).await.unwrap()
            .into_iter().find(|r| r.category_id == category_id).unwrap().rubric;
        let window = DateRange { start: start.parse().unwrap(), end: end.parse().unwrap() };
        assert_eq!(i64::from(standing(&rubric, &window, &facts).total), total);
    }
}

/// A person's contributions as the domain reads them, straight from their rows.
async fn facts_of(db: &Db, person_id: i64) -> Vec<ContributionFacts> {
    let rows: Vec<ContributionRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, contribution_type, started_on, ended_on, views, attendees, answers, stars, \
         copies_sold, people_mentored FROM contribution WHERE person_id = $1")
        .bind(person_id).fetch_all(pool).await)
    .unwrap();
    rows.into_iter()
        .map(|(id, kind, on, ended, views, attendees, answers, stars, copies, mentored)| {
            use plaudit_domain::kinds::ReachMetric as M;
            let reach = [
                (M::Views, views),
                (M::Attendees, attendees),
                (M::Answers, answers),
                (M::Stars, stars),
                (M::CopiesSold, copies),
                (M::PeopleMentored, mentored),
            ]
            .into_iter()
            .filter_map(|(m, v)| Some((m, v? as u64)))
            .collect();
            ContributionFacts {
                id,
                contribution_type: kind.parse().unwrap(),
                date: on.parse().unwrap(),
                end: ended.map(|e| e.parse().unwrap()),
                reach,
            }
        })
        .collect()
}

on_both_backends! {
    async fn every_demo_decision_records_the_standing_the_domain_computes(backend: Backend) {
        let (_test_db, db) = small_demo(backend).await;
        // Every decision: a departure from the rubric exactly where the outcome differs from
        // the rubric's advice, and the votes lead to the outcome.
        let decisions = count(&db, "SELECT COUNT(*) FROM decision").await;
        assert!(decisions > 500, "{decisions}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM decision WHERE threshold <= 0").await, 0);
        let honest = count(&db, "SELECT COUNT(*) FROM decision WHERE departs_from_rubric = \
             NOT ((outcome = 'award' AND standing_total >= threshold) \
               OR (outcome = 'decline' AND standing_total < threshold))").await;
        assert_eq!(honest, decisions);
        let led = count(&db, "SELECT COUNT(*) FROM decision WHERE \
             (outcome = 'award' AND votes_award >= 2) OR (outcome = 'decline' AND votes_decline >= 2) \
             OR (outcome = 'defer' AND votes_defer >= 2)").await;
        assert_eq!(led, decisions);
        let departing = count(&db, "SELECT COUNT(*) FROM decision WHERE departs_from_rubric").await;
        assert!(departing > 0 && departing * 4 < decisions, "{departing} of {decisions} depart");

        // A sample across every cycle, recomputed independently: the pinned rubric, the cycle's
        // window, the full standing (not the recompute's fast path) from the stored rows.
        let sample: Vec<(i64, i64, i64, i64, String, i64, i64)> = on_db!(&db, pool => sqlx::query_as(
            "SELECT k.person_id, k.category_id, k.cycle_id, k.id, y.contributions_due_on, \
               d.standing_total, d.threshold \
             FROM decision d JOIN candidacy k ON k.id = d.candidacy_id JOIN cycle y ON y.id = k.cycle_id \
             WHERE d.id % 37 = 0 ORDER BY d.id").fetch_all(pool).await).unwrap();
        assert!(sample.len() >= 15, "{}", sample.len());
        for (person_id, category_id, cycle_id, candidacy, due, total, threshold) in sample {
            let pinned = plaudit_store::rubrics::pinned(&db, cycle_id, category_id).await.unwrap().unwrap();
            let window = plaudit_domain::cycle::contribution_window_ending(due.parse().unwrap());
            let computed = standing(&pinned.rubric, &window, &facts_of(&db, person_id).await);
            assert_eq!(
                (i64::from(computed.total), i64::from(pinned.rubric.threshold)),
                (total, threshold),
                "candidacy {candidacy}"
            );
        }
    }
}

on_both_backends! {
    async fn a_server_started_on_the_demo_mails_nobody(backend: Backend) {
        let (_test_db, db) = small_demo(backend).await;
        // The calendar finds the demo's past settled: nothing to announce, open or remind of.
        let ctx = plaudit::ops::Ctx {
            db: db.clone(),
            clock: std::sync::Arc::new(test_clock()),
            public_url: "http://127.0.0.1:8080".to_owned(),
        };
        let report = plaudit::ops::calendar::run(&ctx).await.unwrap();
        let queued: Vec<String> = strings(&db, "SELECT kind FROM mail_outbox").await;
        assert!(queued.is_empty(), "{report:?} queued {queued:?}");
    }
}
