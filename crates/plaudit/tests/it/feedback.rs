//! Product feedback over HTTP, on both databases, with mail through a real SMTP conversation:
//! an admin sets up an area and its team; an awardee files feedback (a refused form keeps what
//! was typed), which records a program-only contribution and mails the team; the team answers
//! and moves the state, which mails the author; the author answers back, which mails the team.
//! Nobody else reads the thread, and feedback under NDA needs the NDA accepted and keeps its
//! title out of every mail.

use std::time::Duration;

use crate::auth::make_account;
use crate::committee::{count, exec};
use crate::helpers::{
    TestApp, TestClock, TestDb, browser, get_page, post_form, signed_in, test_now, text_part,
};
use crate::on_both_backends;
use crate::smtp::{Received, SmtpServer};

/// Gives the account's person a current award, which makes them an awardee.
pub(crate) async fn award(app: &TestApp, account: i64, credential: &str) {
    let person =
        count(&app.db, &format!("SELECT person_id FROM account WHERE id = {account}")).await;
    let category = count(&app.db, "SELECT id FROM category WHERE slug = 'cloud'").await;
    exec(
        &app.db,
        format!(
            "INSERT INTO award (person_id, category_id, award_year, starts_on, ends_on, \
         credential_id, created_at) VALUES ({person}, {category}, 2026, '2026-01-01', \
         '2026-12-31', '{credential}', 0)"
        ),
    )
    .await;
}

/// Waits until `n` mails arrived in all, and returns the newest `n - before` of them.
async fn new_mails(smtp: &SmtpServer, before: usize, n: usize) -> Vec<Received> {
    let all = smtp.wait_for(n, Duration::from_secs(20)).await;
    assert_eq!(all.len(), n, "{all:#?}");
    all[before..].to_vec()
}

fn thread_id(response: &reqwest::Response) -> String {
    let location = response.headers()["location"].to_str().unwrap();
    location.trim_start_matches("/feedback/").to_owned()
}

on_both_backends! {
    async fn feedback_goes_to_the_area_team_and_answers_come_back(backend: Backend) {
        let smtp = SmtpServer::start().await;
        let smtp_url = smtp.url();
        let clock = TestClock::at(test_now());
        let app = TestApp::spawn_full(TestDb::new(backend).await, |config| {
            config.smtp_url = Some(smtp_url);
        }, clock.clone()).await;
        exec(&app.db, "INSERT INTO category (slug, name, created_at) VALUES ('cloud', 'Cloud', 0)"
            .to_owned()).await;
        make_account(&app.db, "admin@example.org", &["admin"]).await;
        let admin = signed_in(&app, "admin@example.org").await;
        let pm = make_account(&app.db, "pm@example.org", &[]).await;
        make_account(&app.db, "other-pm@example.org", &[]).await;

        // Areas and their teams. A taken name and an unknown address are refused, kept.
        for name in ["Command line", "Portal"] {
            let created = post_form(&app, &admin, "/admin/product-areas", "/admin/product-areas",
                &[("name", name)]).await;
            assert_eq!(created.status(), 303);
        }
        let taken = post_form(&app, &admin, "/admin/product-areas", "/admin/product-areas",
            &[("name", "Command line")]).await;
        assert_eq!(taken.status(), 422);
        assert!(taken.text().await.unwrap().contains("An area has this name already."));
        let cli = count(&app.db, "SELECT id FROM product_area WHERE slug = 'command-line'").await;
        let portal = count(&app.db, "SELECT id FROM product_area WHERE slug = 'portal'").await;
        let unknown = post_form(&app, &admin, "/admin/product-areas",
            &format!("/admin/product-areas/{cli}/members"), &[("email", "nobody@example.org")]).await;
        assert_eq!(unknown.status(), 422);
        let html = unknown.text().await.unwrap();
        assert!(html.contains("Nobody has an account with this address") && html.contains("nobody@example.org"));
        let added = post_form(&app, &admin, "/admin/product-areas",
            &format!("/admin/product-areas/{cli}/members"), &[("email", "PM@example.org")]).await;
        assert_eq!(added.status(), 303);
        post_form(&app, &admin, "/admin/product-areas",
            &format!("/admin/product-areas/{portal}/members"), &[("email", "other-pm@example.org")]).await;
        assert_eq!(count(&app.db, &format!(
            "SELECT COUNT(*) FROM account_role WHERE account_id = {pm} AND role = 'product_team'")).await, 1);

        // The awardee's form keeps what was typed when it is refused.
        let author = make_account(&app.db, "ada@example.org", &[]).await;
        award(&app, author, "cred-ada").await;
        let ada = signed_in(&app, "ada@example.org").await;
        let refused = post_form(&app, &ada, "/feedback", "/feedback", &[
            ("product_area", &cli.to_string()), ("title", ""), ("body", "Kept **body**"),
            ("severity", "high"),
        ]).await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.unwrap();
        assert!(html.contains("Give the feedback a title.") && html.contains("Kept **body**"));
        let unknown_area = post_form(&app, &ada, "/feedback", "/feedback", &[
            ("product_area", "999999"), ("title", "T"), ("body", "B"), ("severity", "urgent"),
        ]).await;
        assert_eq!(unknown_area.status(), 422);
        let html = unknown_area.text().await.unwrap();
        assert!(html.contains("Choose the product area") && html.contains("Choose one of the severities"));

        // Filing: a thread, a program-only contribution, an audit entry and a mail to the team.
        let filed = post_form(&app, &ada, "/feedback", "/feedback", &[
            ("product_area", &cli.to_string()), ("title", "Login loop after a deploy"),
            ("body", "Steps: sign in, deploy, <script>alert(1)</script> refresh."),
            ("severity", "high"),
        ]).await;
        assert_eq!(filed.status(), 303);
        let id = thread_id(&filed);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM contribution WHERE \
            contribution_type = 'product_feedback' AND visibility = 'program_only' \
            AND title = 'Login loop after a deploy' AND source = 'product_feedback'").await, 1);
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM audit_log WHERE \
            action = 'feedback.filed' AND subject_id = {id}")).await, 1);
        let mails = new_mails(&smtp, 0, 1).await;
        assert_eq!(mails[0].to, ["pm@example.org"]);
        assert_eq!(mails[0].subject(), "New feedback: Login loop after a deploy");
        assert!(text_part(&mails[0].data).contains(&format!("/feedback/{id}")));

        // Nobody but the author, the area's team and admins reads it.
        let (status, html) = get_page(&app, &ada, &format!("/feedback/{id}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Login loop after a deploy") && !html.contains("<script>alert(1)"));
        let other_pm = signed_in(&app, "other-pm@example.org").await;
        assert_eq!(get_page(&app, &other_pm, &format!("/feedback/{id}")).await.0, 404);
        let (_, queue) = get_page(&app, &other_pm, "/product-team/feedback").await;
        assert!(!queue.contains("Login loop"));
        let bob = make_account(&app.db, "bob@example.org", &[]).await;
        award(&app, bob, "cred-bob").await;
        let bob = signed_in(&app, "bob@example.org").await;
        assert_eq!(get_page(&app, &bob, &format!("/feedback/{id}")).await.0, 404);
        let visitor = browser();
        let anonymous = visitor.get(format!("{}/feedback/{id}", app.address)).send().await.unwrap();
        assert_eq!(anonymous.status(), 303);
        assert_eq!(get_page(&app, &admin, &format!("/feedback/{id}")).await.0, 200);

        // The team's queue, narrowed; then an answer that moves the state mails the author.
        let pm_client = signed_in(&app, "pm@example.org").await;
        let (_, queue) = get_page(&app, &pm_client, "/product-team/feedback").await;
        assert!(queue.contains("Login loop after a deploy"));
        let (_, shipped) = get_page(&app, &pm_client, "/product-team/feedback?status=shipped").await;
        assert!(!shipped.contains("Login loop") && shipped.contains("No feedback matches."));
        let (status, _) = get_page(&app, &pm_client, "/product-team/feedback?status=nonsense&area=abc&after=x").await;
        assert_eq!(status, 200);
        let thread = format!("/feedback/{id}");
        let reply = format!("/feedback/{id}/reply");
        let bad = post_form(&app, &pm_client, &thread, &reply, &[("body", "Kept reply"), ("status", "bogus")]).await;
        assert_eq!(bad.status(), 422);
        assert!(bad.text().await.unwrap().contains("Kept reply"));
        let empty = post_form(&app, &pm_client, &thread, &reply, &[("body", " "), ("status", "new")]).await;
        assert_eq!(empty.status(), 422);
        let answered = post_form(&app, &pm_client, &thread, &reply, &[
            ("body", "We reproduced it; a fix is planned."), ("status", "planned"),
        ]).await;
        assert_eq!(answered.status(), 303);
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM audit_log WHERE \
            action = 'feedback.status_changed' AND subject_id = {id} \
            AND detail = 'from=new to=planned'")).await, 1);
        let mails = new_mails(&smtp, 1, 2).await;
        assert_eq!(mails[0].to, ["ada@example.org"]);
        assert_eq!(mails[0].subject(), "News on feedback: Login loop after a deploy");
        let text = text_part(&mails[0].data);
        assert!(text.contains("replied on the thread") && text.contains("Its status is now: Planned."), "{text}");

        // The author answers back: the team hears of it, and both sides see the whole thread.
        let back = post_form(&app, &ada, &thread, &reply, &[("body", "Thanks! It also happens on Windows."),
            ("status", "shipped")]).await;
        assert_eq!(back.status(), 303);
        let mails = new_mails(&smtp, 2, 3).await;
        assert_eq!(mails[0].to, ["pm@example.org"]);
        let (_, html) = get_page(&app, &pm_client, &thread).await;
        assert!(html.contains("a fix is planned") && html.contains("also happens on Windows"));
        assert_eq!(count(&app.db, &format!(
            "SELECT COUNT(*) FROM feedback_thread WHERE id = {id} AND status = 'planned'")).await, 1,
            "the author cannot move the state");

        // Under NDA: only after accepting the NDA, and its title stays out of every mail.
        let refused = post_form(&app, &ada, "/feedback", "/feedback", &[
            ("product_area", &cli.to_string()), ("title", "Ndaxq preview crashes"),
            ("body", "Ndaxq details"), ("severity", "critical"), ("under_nda", "1"),
        ]).await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("accepted the current NDA"));
        post_form(&app, &admin, "/admin/nda", "/admin/nda", &[("version", "2026-1"), ("body", "Keep it.")]).await;
        let (_, nda_page) = get_page(&app, &ada, "/nda").await;
        let version = nda_page.split("name=\"version\" value=\"").nth(1).unwrap();
        let version = version[..version.find('"').unwrap()].to_owned();
        post_form(&app, &ada, "/nda", "/nda/accept", &[("version", &version)]).await;
        let secret = post_form(&app, &ada, "/feedback", "/feedback", &[
            ("product_area", &cli.to_string()), ("title", "Ndaxq preview crashes"),
            ("body", "Ndaxq details"), ("severity", "critical"), ("under_nda", "1"),
        ]).await;
        assert_eq!(secret.status(), 303);
        let secret = thread_id(&secret);
        let mails = new_mails(&smtp, 3, 4).await;
        assert_eq!(mails[0].subject(), "[NDA] New feedback on Command line");
        assert!(!mails[0].data.contains("Ndaxq"));
        assert!(text_part(&mails[0].data).contains("This feedback is under NDA"));
        let page = pm_client.get(format!("{}/feedback/{secret}", app.address)).send().await.unwrap();
        assert_eq!(page.headers()["cache-control"], "private, no-store");
        assert_eq!(page.headers()["x-robots-tag"], "noindex");
        assert!(page.text().await.unwrap().contains("Under NDA: this thread is covered by the NDA"));
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM contribution WHERE title LIKE '%Ndaxq%'").await, 0);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM contribution WHERE \
            title = 'Product feedback on Command line (under NDA)'").await, 1);
        post_form(&app, &pm_client, &format!("/feedback/{secret}"), &format!("/feedback/{secret}/reply"),
            &[("body", "Ndaxq fix soon"), ("status", "acknowledged")]).await;
        let mails = new_mails(&smtp, 4, 5).await;
        assert_eq!(mails[0].subject(), "[NDA] News on feedback about Command line");
        assert!(!mails[0].data.contains("Ndaxq"));

        // Taking someone off a team closes the area's threads to them.
        let removed = post_form(&app, &admin, "/admin/product-areas",
            &format!("/admin/product-areas/{cli}/members/{pm}/remove"), &[]).await;
        assert_eq!(removed.status(), 303);
        assert_eq!(get_page(&app, &pm_client, &thread).await.0, 404);
        app.stop().await;
    }
}
