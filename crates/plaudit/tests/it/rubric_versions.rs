//! Rubric versions over HTTP, on both databases: an admin publishes a new version of a
//! category's rubric; it is pinned to the cycles still recording and rescores their
//! candidacies, while a cycle in review and its decisions keep theirs; a refused form keeps
//! what was typed; the public page lists every version.

use plaudit::ops::rubrics::{RubricInput, fields_of};
use plaudit_store::{Db, on_db, sqlx};

use crate::auth::{make_account, sign_in};
use crate::committee::{count, cycle_in_review, exec, first_category, submitted_candidate};
use crate::helpers::{TestApp, browser, csrf_from, test_clock};
use crate::on_both_backends;

/// A cycle taking nominations on the test's day (2026-11-29), its review on 2027-01-20.
async fn cycle_recording(db: &Db) -> i64 {
    exec(
        db,
        "INSERT INTO cycle (slug, name, kind, award_year, nominations_open_on, \
         nominations_close_on, contributions_due_on, review_start_on, review_end_on, \
         announcement_on, created_at) VALUES ('winter-2027', 'Winter 2027', 'new_awards', 2027, \
         '2026-11-01', '2026-12-15', '2027-01-15', '2027-01-20', '2027-02-20', '2027-03-01', 0)"
            .to_owned(),
    )
    .await;
    let id = count(db, "SELECT id FROM cycle WHERE slug = 'winter-2027'").await;
    let mut tx = db.begin_write().await.unwrap();
    plaudit_store::rubrics::pin_current(&mut tx, id).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn signed_in_admin(app: &TestApp) -> reqwest::Client {
    make_account(&app.db, "boss@example.org", &["admin"]).await;
    let admin = browser();
    assert_eq!(
        sign_in(app, &admin, "boss@example.org", "correct horse battery").await.status(),
        303
    );
    admin
}

/// The category's newest published rubric as the editor's form sends it, with `changes` made.
async fn rubric_form(db: &Db, category: i64, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let published = plaudit_store::rubrics::published_rubric(db, category).await.unwrap().unwrap();
    let criteria = plaudit_store::rubrics::review_criteria(db, published.rubric_version_id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| plaudit::ops::rubrics::Criterion {
            key: c.key,
            name: c.name,
            description: c.description,
            weight: c.weight,
            max_score: c.max_score,
        })
        .collect::<Vec<_>>();
    let input = RubricInput::of(&published.rubric, &criteria);
    let mut form = vec![
        ("threshold".to_owned(), input.threshold.clone()),
        ("consistency_points".to_owned(), input.consistency_points.clone()),
        ("consistency_cap".to_owned(), input.consistency_cap.clone()),
        ("note".to_owned(), "Talks weigh more.".to_owned()),
    ];
    for row in &input.types {
        let names = fields_of(row.contribution_type);
        form.push((names.base.clone(), row.base_points.clone()));
        form.push((names.cap.clone(), row.cap.clone()));
        form.push((names.metric.clone(), row.reach_metric.clone()));
        form.push((names.tiers.clone(), row.reach_tiers.clone()));
    }
    for (position, weight) in input.weights.iter().enumerate() {
        form.push((format!("weight-{position}"), weight.clone()));
    }
    for (field, value) in changes {
        match form.iter_mut().find(|(k, _)| k == field) {
            Some(pair) => pair.1 = (*value).to_owned(),
            None => panic!("the form has no field {field}"),
        }
    }
    form
}

async fn post_rubric(
    app: &TestApp,
    client: &reqwest::Client,
    category: i64,
    mut form: Vec<(String, String)>,
) -> reqwest::Response {
    let url = format!("{}/admin/categories/{category}/rubric", app.address);
    let csrf = csrf_from(client, &format!("{}/account", app.address)).await;
    form.push(("csrf".to_owned(), csrf));
    client.post(url).form(&form).send().await.unwrap()
}

/// What a publication writes, to prove a refusal wrote nothing.
async fn written(db: &Db) -> (i64, i64, i64) {
    (
        count(db, "SELECT COUNT(*) FROM rubric_version").await,
        count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'rubric.published'").await,
        count(db, "SELECT COUNT(*) FROM cycle_rubric").await,
    )
}

async fn pinned(db: &Db, cycle: i64, category: i64) -> i64 {
    count(
        db,
        &format!(
            "SELECT rubric_version_id FROM cycle_rubric WHERE cycle_id = {cycle} \
             AND category_id = {category}"
        ),
    )
    .await
}

/// Runs the rescore job the publication queued (the server's own runner may take it first) and
/// waits until it is done.
async fn rescored(db: &Db) {
    let mut runner = plaudit::jobs::JobRunner::new(db.clone(), std::sync::Arc::new(test_clock()));
    // Only what was queued: the nightly recompute would rescore the candidacies too.
    runner.schedule = Vec::new();
    for _ in 0..100 {
        runner.run_once().await.unwrap();
        let waiting = count(
            db,
            "SELECT COUNT(*) FROM job WHERE kind = 'rescore_pinned' \
            AND (finished_at IS NULL OR last_error IS NOT NULL)",
        )
        .await;
        if waiting == 0
            && count(db, "SELECT COUNT(*) FROM job WHERE kind = 'rescore_pinned'").await == 1
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the rescore job did not finish");
}

on_both_backends! {
    async fn a_published_version_is_pinned_to_cycles_still_recording_and_never_to_one_in_review(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let admin = signed_in_admin(&app).await;
        let category = first_category(&app.db).await;
        let slug: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT slug FROM category WHERE id = $1").bind(category).fetch_one(pool).await).unwrap();
        let old_version = count(&app.db, &format!(
            "SELECT MAX(version) FROM rubric_version WHERE category_id = {category}")).await;
        let old_id = count(&app.db, &format!(
            "SELECT id FROM rubric_version WHERE category_id = {category} AND version = {old_version}")).await;

        let recording = cycle_recording(&app.db).await;
        let (_, waiting) = submitted_candidate(&app, "wren@example.org", recording, category).await;
        let in_review = cycle_in_review(&app.db).await;
        let (_, decided) = submitted_candidate(&app, "dana@example.org", in_review, category).await;
        exec(&app.db, format!(
            "INSERT INTO decision (candidacy_id, outcome, rationale, standing_total, threshold, \
             decided_at, rubric_version_id) VALUES ({decided}, 'award', 'Steady work.', 70, 60, 0, {old_id})")).await;
        exec(&app.db, format!(
            "UPDATE candidacy SET state = 'awarded', standing_total = 70, standing_threshold = 60 WHERE id = {decided}")).await;
        assert_eq!(pinned(&app.db, recording, category).await, old_id);
        assert_eq!(pinned(&app.db, in_review, category).await, old_id);

        // The editor names the cycle the version will be pinned to, and only that one.
        let editor = admin.get(format!("{}/admin/categories/{category}/rubric", app.address))
            .send().await.unwrap();
        assert_eq!(editor.status(), 200);
        let page = editor.text().await.unwrap();
        assert!(page.contains("<li>Winter 2027</li>"), "{page}");
        assert!(!page.contains("<li>Autumn 2026</li>"), "a cycle in review keeps its version");
        assert!(page.contains(&format!("Publish version {}", old_version + 1)));
        let category_page = admin.get(format!("{}/admin/categories/{category}", app.address))
            .send().await.unwrap().text().await.unwrap();
        assert!(category_page.contains(&format!("href=\"/admin/categories/{category}/rubric\"")));

        let audit_before = count(&app.db, "SELECT COUNT(*) FROM audit_log").await;
        let form = rubric_form(&app.db, category, &[
            ("threshold", "65"),
            ("base-speaking_conference", "10"),
            ("tiers-speaking_conference", "25: 1\n100 → 2\n1,000: 4"),
            ("note", "Talks weigh more; the threshold goes to 65."),
        ]).await;
        let published = post_rubric(&app, &admin, category, form).await;
        assert_eq!(published.status(), 303);
        assert_eq!(published.headers()["location"], format!("/admin/categories/{category}"));
        let flash = admin.get(format!("{}/admin/categories/{category}", app.address))
            .send().await.unwrap().text().await.unwrap();
        assert!(flash.contains(&format!("Version {} of the rubric is published; the cycle Winter 2027 is decided by it now.", old_version + 1)), "{flash}");

        let new_version = count(&app.db, &format!(
            "SELECT MAX(version) FROM rubric_version WHERE category_id = {category}")).await;
        assert_eq!(new_version, old_version + 1);
        let new_id = count(&app.db, &format!(
            "SELECT id FROM rubric_version WHERE category_id = {category} AND version = {new_version}")).await;
        let (threshold, note): (i64, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT threshold, note FROM rubric_version WHERE id = $1").bind(new_id).fetch_one(pool).await).unwrap();
        assert_eq!((threshold, note.as_str()), (65, "Talks weigh more; the threshold goes to 65."));
        let tiers: Vec<(i64, i64)> = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT t.min_reach, t.bonus FROM rubric_reach_tier t JOIN rubric_criterion c ON c.id = t.criterion_id \
             WHERE c.rubric_version_id = $1 AND c.contribution_type = 'speaking_conference' ORDER BY t.min_reach")
            .bind(new_id).fetch_all(pool).await).unwrap();
        assert_eq!(tiers, [(25, 1), (100, 2), (1_000, 4)]);
        assert_eq!(count(&app.db, &format!(
            "SELECT COUNT(*) FROM review_criterion WHERE rubric_version_id = {new_id}")).await,
            count(&app.db, &format!("SELECT COUNT(*) FROM review_criterion WHERE rubric_version_id = {old_id}")).await,
            "the review criteria are carried over");

        // One audit entry, by the admin, naming the version and the cycle it was pinned to.
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM audit_log").await, audit_before + 1);
        let (actor, subject, detail): (Option<i64>, Option<i64>, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT actor_account_id, subject_id, detail FROM audit_log WHERE action = 'rubric.published'")
            .fetch_one(pool).await).unwrap();
        assert!(actor.is_some());
        assert_eq!(subject, Some(category));
        assert_eq!(detail, format!("version={new_version} rubric_version={new_id} threshold=65 cycles={recording}"));

        // Pinned to the cycle still recording and its candidacy rescored; the cycle in review and
        // its decision keep the old version.
        assert_eq!(pinned(&app.db, recording, category).await, new_id);
        assert_eq!(pinned(&app.db, in_review, category).await, old_id);
        rescored(&app.db).await;
        assert_eq!(count(&app.db, &format!(
            "SELECT standing_threshold FROM candidacy WHERE id = {waiting}")).await, 65);
        assert_eq!(count(&app.db, &format!(
            "SELECT rubric_version_id FROM decision WHERE candidacy_id = {decided}")).await, old_id);
        assert_eq!(count(&app.db, &format!(
            "SELECT standing_threshold FROM candidacy WHERE id = {decided}")).await, 60);

        // The public page: the new version, which version the upcoming cycle (Autumn 2026, in
        // review) is decided by, and the earlier versions with their notes.
        let public = app.get(&format!("/rubrics/{slug}")).await;
        assert_eq!(public.status(), 200);
        let page = public.text().await.unwrap();
        assert!(page.contains(&format!("Version {new_version}, published on ")), "{page}");
        assert!(page.contains("Threshold: 65 points"));
        assert!(page.contains("Talks weigh more; the threshold goes to 65."));
        assert!(page.contains(&format!("The Autumn 2026 cycle is still decided by version {old_version}")), "{page}");
        assert!(page.contains("Earlier versions"));
        assert!(page.contains(&format!("href=\"/rubrics/{slug}/versions/{old_version}\"")));
        let earlier = app.get(&format!("/rubrics/{slug}/versions/{old_version}")).await;
        assert_eq!(earlier.status(), 200);
        let page = earlier.text().await.unwrap();
        assert!(page.contains(&format!("This is version {old_version}, published on ")), "{page}");
        assert!(page.contains(&format!("The current one is version {new_version}.")));
        assert!(page.contains("Threshold: 60 points") || old_version > 1);
        assert_eq!(app.get(&format!("/rubrics/{slug}/versions/{}", new_version + 1)).await.status(), 404);
        assert_eq!(app.get(&format!("/rubrics/{slug}/versions/one")).await.status(), 404);
    }
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

on_both_backends! {
    async fn a_refused_rubric_names_each_problem_at_its_field_keeps_what_was_typed_and_writes_nothing(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let admin = signed_in_admin(&app).await;
        let category = first_category(&app.db).await;
        let before = written(&app.db).await;

        // A threshold nobody can reach.
        let form = rubric_form(&app.db, category, &[("threshold", "9999")]).await;
        let refused = post_rubric(&app, &admin, category, form).await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("Nobody could reach this threshold: the caps and the active months give at most"), "{page}");
        assert!(page.contains("id=\"threshold-error\""));
        assert!(page.contains("href=\"#threshold\""));
        assert!(page.contains("value=\"9999\""), "what was typed is kept");
        assert!(page.contains("value=\"Talks weigh more.\""), "the note is kept too");
        assert_eq!(written(&app.db).await, before);

        // Numbers that are not numbers, tiers that are not tiers, a cap below a contribution's
        // points, and no note: every problem at its field, what was typed kept.
        let form = rubric_form(&app.db, category, &[
            ("threshold", "sixty"),
            ("base-blog_post", "-4"),
            ("cap-video", "1"),
            ("base-video", "5"),
            ("tiers-article", "100: 1\nlots: 2"),
            ("tiers-podcast", "1000: 2\n100: 1"),
            ("weight-0", "1.5e3"),
            ("note", "  "),
        ]).await;
        let refused = post_rubric(&app, &admin, category, form).await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        for (field, says) in [
            ("threshold", "Write a whole number from 0 to 10000."),
            ("base-blog_post", "Write a whole number from 0 to 1000."),
            ("cap-video", "The cap must be at least the 5 points a single contribution earns."),
            ("tiers-article", "Line 2 is not a tier"),
            ("tiers-podcast", "Each tier needs a higher reach than the line before it."),
            ("weight-0", "Write a whole number from 0 to 100."),
            ("note", "This is required."),
        ] {
            assert!(page.contains(&format!("id=\"{field}-error\"")), "{field}: {page}");
            assert!(page.contains(&escaped(says)), "{field}: {says}");
        }
        assert!(page.contains("Please fix the 7 fields marked below."));
        assert!(page.contains("value=\"sixty\""));
        assert!(page.contains("value=\"-4\""));
        assert!(page.contains("lots: 2</textarea>"));
        assert_eq!(written(&app.db).await, before);

        // The same rules again are not a new version.
        let form = rubric_form(&app.db, category, &[]).await;
        let refused = post_rubric(&app, &admin, category, form).await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("Nothing differs from version"));
        assert_eq!(written(&app.db).await, before);
    }
}

on_both_backends! {
    async fn only_admins_edit_a_rubric(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let category = first_category(&app.db).await;
        let before = written(&app.db).await;
        let url = format!("{}/admin/categories/{category}/rubric", app.address);
        for roles in [&[][..], &["reviewer"][..], &["product_team"][..]] {
            let email = format!("someone-{}@example.org", roles.first().unwrap_or(&"member"));
            make_account(&app.db, &email, roles).await;
            let client = browser();
            assert_eq!(sign_in(&app, &client, &email, "correct horse battery").await.status(), 303);
            assert_eq!(client.get(&url).send().await.unwrap().status(), 403, "{roles:?}");
            let form = rubric_form(&app.db, category, &[("threshold", "61")]).await;
            assert_eq!(post_rubric(&app, &client, category, form).await.status(), 403, "{roles:?}");
        }
        let visitor = browser();
        assert_eq!(visitor.get(&url).send().await.unwrap().status(), 303);
        assert_eq!(written(&app.db).await, before);
    }
}
