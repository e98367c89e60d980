//! The standings recompute on both backends, over a small program built by hand so every
//! expected figure can be counted on one's fingers.

use plaudit::ops::standings;
use plaudit_store::standings::saved;
use plaudit_store::{Backend, Db, on_db, sqlx};

use crate::helpers::{TestDb, test_clock};
use crate::on_both_backends;

const AWARDEE: i64 = 1;
const CATEGORY: i64 = 1;

async fn exec(db: &Db, sql: &'static str) {
    on_db!(db, pool => sqlx::query(sql).execute(pool).await.map(|_| ())).unwrap();
}

/// One category whose rubric gives 5 points a blog post and 2 an active month, and one
/// awardee whose term runs from 2026-07-01 to 2027-06-30 (the tests live on 2026-11-29),
/// with blog posts in June (before the term), twice in July, in September and in November.
async fn program_with_one_awardee(backend: Backend) -> (TestDb, Db) {
    let test_db = TestDb::new(backend).await;
    let db = test_db.migrated().await;
    for sql in [
        "INSERT INTO category (id, slug, name, created_at) VALUES (1, 'cloud', 'Cloud', 0)",
        "INSERT INTO rubric_version (id, category_id, version, threshold, \
           consistency_points_per_month, consistency_cap, published_at, created_at) \
         VALUES (1, 1, 1, 100, 2, 24, 0, 0)",
        "INSERT INTO rubric_criterion (id, rubric_version_id, contribution_type, base_points, cap) \
         VALUES (1, 1, 'blog_post', 5, 100)",
        "INSERT INTO person (id, slug, display_name, created_at, updated_at) \
         VALUES (1, 'ada', 'Ada', 0, 0)",
        "INSERT INTO award (id, person_id, category_id, award_year, starts_on, ends_on, \
           credential_id, created_at) VALUES (1, 1, 1, 2026, '2026-07-01', '2027-06-30', 'c-1', 0)",
        "INSERT INTO contribution (person_id, contribution_type, title, started_on, person_role, \
           created_at, updated_at) VALUES \
           (1, 'blog_post', 'June', '2026-06-15', 'author', 0, 0), \
           (1, 'blog_post', 'July', '2026-07-10', 'author', 0, 0), \
           (1, 'blog_post', 'July again', '2026-07-20', 'author', 0, 0), \
           (1, 'blog_post', 'September', '2026-09-05', 'author', 0, 0), \
           (1, 'blog_post', 'November', '2026-11-01', 'author', 0, 0)",
    ] {
        exec(&db, sql).await;
    }
    (test_db, db)
}

on_both_backends! {
    async fn a_recompute_saves_the_months_with_a_counted_contribution(backend: Backend) {
        let (_test_db, db) = program_with_one_awardee(backend).await;
        standings::recompute_all(&db, &test_clock()).await.unwrap();
        let standing = saved(&db, AWARDEE, CATEGORY).await.unwrap().expect("a saved standing");
        assert_eq!((standing.window_start_on.as_str(), standing.window_end_on.as_str()), ("2026-07-01", "2027-06-30"));
        assert_eq!(standing.active_months, 3, "July, September and November: {standing:?}");
        assert_eq!(standing.total, 4 * 5 + 3 * 2, "{standing:?}");
    }
}

on_both_backends! {
    async fn an_awardee_with_an_open_renewal_candidacy_is_measured_over_the_renewal_window(backend: Backend) {
        let (_test_db, db) = program_with_one_awardee(backend).await;
        // The renewal cycle looks at the twelve months to 2027-03-31 and announces in June.
        exec(&db, "INSERT INTO cycle (id, slug, name, kind, award_year, nominations_open_on, \
               nominations_close_on, contributions_due_on, review_start_on, review_end_on, \
               announcement_on, created_at) VALUES (1, 'renewals-2027', 'Renewals 2027', 'renewal', \
               2027, '2027-01-01', '2027-02-14', '2027-03-31', '2027-04-01', '2027-05-15', \
               '2027-06-01', 0)").await;
        exec(&db, "INSERT INTO candidacy (id, cycle_id, category_id, person_id, state, \
               renewal_of_award_id, created_at, updated_at) VALUES (1, 1, 1, 1, 'submitted', 1, 0, 0)").await;
        // Twice, so that the choice cannot depend on which row the database happens to return
        // first.
        for _ in 0..2 {
            standings::recompute_all(&db, &test_clock()).await.unwrap();
            let standing = saved(&db, AWARDEE, CATEGORY).await.unwrap().expect("a saved standing");
            assert_eq!(
                (standing.window_start_on.as_str(), standing.window_end_on.as_str()),
                ("2026-04-01", "2027-03-31"),
                "the renewal window, not the award term"
            );
            assert_eq!(standing.active_months, 4, "June counts in the renewal window: {standing:?}");
            assert_eq!(standing.total, 5 * 5 + 4 * 2, "{standing:?}");
        }
        let targets = plaudit_store::standings::targets(&db, "2026-11-29".parse().unwrap()).await.unwrap();
        assert_eq!(targets.len(), 1, "one standing per person and category: {targets:?}");
    }
}

on_both_backends! {
    async fn a_contribution_lasting_into_the_term_counts_for_its_months_in_it(backend: Backend) {
        let (_test_db, db) = program_with_one_awardee(backend).await;
        exec(&db, "INSERT INTO rubric_criterion (id, rubric_version_id, contribution_type, \
               base_points, cap) VALUES (2, 1, 'forum_moderation', 10, 10)").await;
        // From January into August (the term starts in July); one whose end was typed before its
        // start, read as its October start day; one over before the term.
        exec(&db, "INSERT INTO contribution (person_id, contribution_type, title, started_on, \
               ended_on, person_role, created_at, updated_at) VALUES \
               (1, 'forum_moderation', 'Forum', '2026-01-01', '2026-08-31', 'moderator', 0, 0), \
               (1, 'forum_moderation', 'Typo', '2026-10-05', '2026-01-01', 'moderator', 0, 0), \
               (1, 'forum_moderation', 'Before', '2026-01-01', '2026-06-30', 'moderator', 0, 0)").await;
        standings::recompute_all(&db, &test_clock()).await.unwrap();
        let standing = saved(&db, AWARDEE, CATEGORY).await.unwrap().expect("a saved standing");
        assert_eq!(standing.active_months, 5, "July to November: {standing:?}");
        // Four posts, moderation at its cap, five months.
        assert_eq!(standing.total, 4 * 5 + 10 + 5 * 2, "{standing:?}");
    }
}
