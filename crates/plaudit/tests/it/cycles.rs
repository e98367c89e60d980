//! Cycles as admins plan them, over HTTP on both databases: a new cycle starts from the last
//! one's timetable a year on and pins the current rubrics; dates run in order, passed dates
//! stay, nominations of two cycles never overlap, and an announced cycle never changes.

use crate::committee::{at, count};
use crate::helpers::{TestApp, TestClock, csrf_from};
use crate::on_both_backends;

async fn admin(app: &TestApp) -> reqwest::Client {
    crate::auth::make_account(&app.db, "planner@sponsor.example", &["admin"]).await;
    let client = crate::helpers::browser();
    let signed =
        crate::auth::sign_in(app, &client, "planner@sponsor.example", "correct horse battery");
    assert_eq!(signed.await.status(), 303);
    client
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = csrf_from(client, &format!("{}/admin/cycles", app.address)).await;
    let mut fields = vec![("csrf", csrf.as_str())];
    fields.extend_from_slice(form);
    client.post(format!("{}{path}", app.address)).form(&fields).send().await.unwrap()
}

const DATE_FIELDS: [&str; 6] = [
    "nominations_open", "nominations_close", "contributions_due", "review_start", "review_end",
    "announcement",
];

fn form<'a>(name: &'a str, slug: &'a str, dates: &[&'a str; 6]) -> Vec<(&'a str, &'a str)> {
    let mut out = vec![("name", name), ("slug", slug)];
    out.extend(DATE_FIELDS.iter().copied().zip(dates.iter().copied()));
    out
}

on_both_backends! {
    async fn an_admin_plans_a_cycle_from_last_years_timetable(backend: Backend) {
        let clock = TestClock::at(at("2026-11-29T12:00:00Z"));
        let app = TestApp::spawn_with_demo_at(backend, clock.clone()).await;
        let admin = admin(&app).await;

        // The form starts a year after the latest cycle (the demo's 2027 awards).
        let page = admin.get(format!("{}/admin/cycles/new", app.address)).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(page.contains("value=\"Awards 2028\"") && page.contains("value=\"2028-07-01\""), "{page}");

        // Out of order: the later date is blamed, and everything typed comes back.
        let wrong = ["2027-09-01", "2028-02-15", "2028-01-31", "2028-04-01", "2028-06-17", "2028-07-01"];
        let refused = post(&app, &admin, "/admin/cycles", &form("Awards 2028", "2028", &wrong)).await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("on or after the day nominations close"), "{page}");
        assert!(page.contains("value=\"2028-01-31\"") && page.contains("aria-invalid=\"true\""), "{page}");

        // Nominations may not run while the 2027 cycle's still do.
        let overlapping = ["2027-01-01", "2027-09-30", "2027-12-31", "2028-04-01", "2028-06-17", "2028-07-01"];
        let refused = post(&app, &admin, "/admin/cycles", &form("Awards 2028", "2028", &overlapping)).await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("Awards 2027"));
        // Nor start in the past.
        let past = ["2026-11-01", "2026-11-15", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"];
        let refused = post(&app, &admin, "/admin/cycles", &form("Winter", "winter", &past)).await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("in the past"));

        let right = ["2027-09-01", "2028-02-15", "2028-03-31", "2028-04-01", "2028-06-17", "2028-07-01"];
        let created = post(&app, &admin, "/admin/cycles", &form("Awards 2028", "2028", &right)).await;
        assert_eq!(created.status(), 303);
        let id = count(&app.db, "SELECT id FROM cycle WHERE slug = '2028'").await;
        assert_eq!(created.headers()["location"], format!("/admin/cycles/{id}").as_str());
        assert_eq!(count(&app.db, &format!("SELECT award_year FROM cycle WHERE id = {id}")).await, 2028);
        // Every category's current rubric is pinned, so the cycle decides by today's rules.
        assert_eq!(
            count(&app.db, &format!("SELECT COUNT(*) FROM cycle_rubric WHERE cycle_id = {id}")).await,
            count(&app.db, "SELECT COUNT(*) FROM category").await
        );
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM audit_log WHERE action = 'cycle.created' AND subject_id = {id}")).await, 1);
        // The same address name twice is refused.
        let again = post(&app, &admin, "/admin/cycles", &form("Again", "2028", &["2028-09-01", "2029-02-15", "2029-03-31", "2029-04-01", "2029-06-17", "2029-07-01"])).await;
        assert_eq!(again.status(), 422);

        let page = admin.get(format!("{}/admin/cycles/{id}", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Upcoming") && page.contains("version 1"), "{page}");
        let list = admin.get(format!("{}/admin/cycles", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(list.contains("Awards 2028") && list.contains("Nominations open"), "{list}");
    }
}

on_both_backends! {
    async fn a_running_cycle_keeps_its_passed_dates_and_an_announced_one_keeps_all(backend: Backend) {
        let clock = TestClock::at(at("2026-11-29T12:00:00Z"));
        let app = TestApp::spawn_with_demo_at(backend, clock.clone()).await;
        let admin = admin(&app).await;
        let running = count(&app.db, "SELECT id FROM cycle WHERE slug = '2027'").await;
        let (open, close, due, start, end, announcement): (String, String, String, String, String, String) =
            plaudit_store::on_db!(&app.db, pool => plaudit_store::sqlx::query_as(
                "SELECT nominations_open_on, nominations_close_on, contributions_due_on, \
                 review_start_on, review_end_on, announcement_on FROM cycle WHERE id = $1")
                .bind(running).fetch_one(pool).await).unwrap();
        let path = format!("/admin/cycles/{running}");

        // Nominations opened in September: that date stays.
        let moved = ["2026-10-01", close.as_str(), due.as_str(), start.as_str(), end.as_str(), announcement.as_str()];
        let refused = post(&app, &admin, &path, &form("Awards 2027", "", &moved)).await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains(&format!("has passed ({open})")));

        // Two more weeks for contributions: saved, audited, and standings recomputed.
        let later_due = "2027-04-14";
        let later_start = "2027-04-15";
        let moved = [open.as_str(), close.as_str(), later_due, later_start, end.as_str(), announcement.as_str()];
        let jobs_before = count(&app.db, "SELECT COUNT(*) FROM job WHERE kind = 'recompute_standings'").await;
        let saved = post(&app, &admin, &path, &form("Awards 2027", "", &moved)).await;
        assert_eq!(saved.status(), 303);
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM cycle WHERE id = {running} AND contributions_due_on = '{later_due}'")).await, 1);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM job WHERE kind = 'recompute_standings'").await, jobs_before + 1);
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM audit_log WHERE action = 'cycle.changed' AND subject_id = {running}")).await, 1);
        let page = admin.get(format!("{}{path}", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Saved: Contributions due, Review starts"), "{page}");

        // Last year's cycle was announced: it no longer changes, and its page says so.
        let announced = count(&app.db, "SELECT id FROM cycle WHERE slug = '2026'").await;
        let page = admin.get(format!("{}/admin/cycles/{announced}", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("This cycle is settled") && !page.contains("id=\"cycle-form\""), "{page}");
        let refused = post(&app, &admin, &format!("/admin/cycles/{announced}"), &form("Renamed", "", &moved)).await;
        assert_eq!(refused.status(), 409);
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM cycle WHERE id = {announced} AND name = 'Awards 2026'")).await, 1);
    }
}
