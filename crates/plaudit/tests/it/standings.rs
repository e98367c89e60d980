//! The standings recompute on both backends, over a small program built by hand so every
//! expected figure can be counted on one's fingers.

use plaudit::standings;
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
