//! Announcements and the NDA over HTTP, on both databases: what an admin publishes for
//! everyone, for awardees and under NDA reaches exactly its readers; an awardee reads what is
//! under NDA only after accepting the current version, and again after a new one; pages with
//! NDA content are marked, never cached, never indexed; and an embargo ends on its day, when
//! the announcement joins the public list and the feed.

use std::sync::Arc;
use std::time::Duration;

use plaudit::ops::Ctx;

use crate::auth::make_account;
use crate::committee::{count, exec};
use crate::feedback::award;
use crate::helpers::{
    TestApp, TestClock, TestDb, browser, post_form, signed_in, test_clock, test_now, text_part,
};
use crate::on_both_backends;
use crate::smtp::SmtpServer;

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String, String) {
    let answer = client.get(format!("{}{path}", app.address)).send().await.unwrap();
    let status = answer.status().as_u16();
    let cache = answer
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, cache, answer.text().await.unwrap())
}

fn slug_of(response: &reqwest::Response) -> String {
    let location = response.headers()["location"].to_str().unwrap();
    location.trim_start_matches("/announcements/").to_owned()
}

on_both_backends! {
    async fn each_reader_reads_what_their_standing_allows(backend: Backend) {
        let clock = TestClock::at(test_now());
        let app = TestApp::spawn_full(TestDb::new(backend).await, |_| {}, clock.clone()).await;
        exec(&app.db, "INSERT INTO category (slug, name, created_at) VALUES ('cloud', 'Cloud', 0)"
            .to_owned()).await;
        make_account(&app.db, "admin@example.org", &["admin"]).await;
        let admin = signed_in(&app, "admin@example.org").await;

        let nda = post_form(&app, &admin, "/admin/nda", "/admin/nda", &[
            ("version", "2026-1"), ("body", "Keep it to yourself until it is public."),
        ]).await;
        assert_eq!(nda.status(), 303);
        // An embargo on a public announcement makes no sense, and what was typed stays.
        let refused = post_form(&app, &admin, "/admin/announcements", "/admin/announcements", &[
            ("title", "Kept title"), ("body", "Kept body"), ("audience", "everyone"),
            ("public_on", "2026-12-10"),
        ]).await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.unwrap();
        assert!(html.contains("Kept title") && html.contains("Kept body"));
        assert!(html.contains("A public announcement is public at once"));

        let public = post_form(&app, &admin, "/admin/announcements", "/admin/announcements", &[
            ("title", "Summit dates are out"), ("body", "See you in **May**."),
            ("audience", "everyone"), ("public_on", ""),
        ]).await;
        assert_eq!(public.status(), 303);
        let awardees = post_form(&app, &admin, "/admin/announcements", "/admin/announcements", &[
            ("title", "Awdzq office hours"), ("body", "For awardees."), ("audience", "awardees"),
            ("public_on", ""),
        ]).await;
        let awardees = slug_of(&awardees);
        let secret = post_form(&app, &admin, "/admin/announcements", "/admin/announcements", &[
            ("title", "Ndaxq preview of the CLI"), ("body", "Ndaxq ships in March."),
            ("audience", "nda"), ("public_on", "2026-12-15"),
        ]).await;
        assert_eq!(secret.status(), 303);
        let secret = slug_of(&secret);

        // A visitor reads the public one only, in the list, the feed and by address.
        let visitor = browser();
        let (_, _, list) = page(&app, &visitor, "/announcements").await;
        assert!(list.contains("Summit dates are out") && list.contains("<strong>May</strong>"));
        assert!(!list.contains("Ndaxq") && !list.contains("Awdzq"));
        assert_eq!(page(&app, &visitor, &format!("/announcements/{secret}")).await.0, 404);
        assert_eq!(page(&app, &visitor, &format!("/announcements/{awardees}")).await.0, 404);
        let feed = visitor.get(format!("{}/feeds/announcements.atom", app.address)).send().await.unwrap();
        let feed = feed_rs::parser::parse(&feed.bytes().await.unwrap()[..]).unwrap();
        assert_eq!(feed.entries.len(), 1);
        assert_eq!(feed.entries[0].title.as_ref().unwrap().content, "Summit dates are out");

        // An awardee reads the awardees' one, and learns that one under NDA waits.
        let account = make_account(&app.db, "awardee@example.org", &[]).await;
        let person = count(&app.db, &format!("SELECT person_id FROM account WHERE id = {account}")).await;
        let category = count(&app.db, "SELECT id FROM category WHERE slug = 'cloud'").await;
        exec(&app.db, format!(
            "INSERT INTO award (person_id, category_id, award_year, starts_on, ends_on, \
             credential_id, created_at) VALUES ({person}, {category}, 2026, '2026-01-01', \
             '2026-12-31', 'cred-a', 0)")).await;
        let awardee = signed_in(&app, "awardee@example.org").await;
        let (_, cache, list) = page(&app, &awardee, "/announcements").await;
        assert!(list.contains("Awdzq office hours") && list.contains("For awardees"));
        assert!(!list.contains("Ndaxq"), "no title of what is under NDA before accepting");
        assert!(list.contains("1 announcement under NDA is waiting for you."));
        assert_eq!(cache, "private, no-store");
        let (status, _, refused) = page(&app, &awardee, &format!("/announcements/{secret}")).await;
        assert_eq!(status, 403);
        assert!(refused.contains("Accept the current NDA") && !refused.contains("Ndaxq"));

        // Accepting the NDA opens it, marked as such on the page and to search engines.
        let (_, _, nda_page) = page(&app, &awardee, "/nda").await;
        let version = nda_page.split("name=\"version\" value=\"").nth(1).unwrap();
        let version = version[..version.find('"').unwrap()].to_owned();
        let accepted = post_form(&app, &awardee, "/nda", "/nda/accept", &[("version", &version)]).await;
        assert_eq!(accepted.status(), 303);
        assert_eq!(count(&app.db, &format!(
            "SELECT COUNT(*) FROM nda_acceptance WHERE person_id = {person}")).await, 1);
        let read = awardee.get(format!("{}/announcements/{secret}", app.address)).send().await.unwrap();
        assert_eq!(read.status(), 200);
        assert_eq!(read.headers()["cache-control"], "private, no-store");
        assert_eq!(read.headers()["x-robots-tag"], "noindex");
        let html = read.text().await.unwrap();
        assert!(html.contains("Ndaxq ships in March.") && html.contains("Under NDA"));
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));

        // A new version asks for a new acceptance; the old one cannot be accepted any more.
        post_form(&app, &admin, "/admin/nda", "/admin/nda", &[
            ("version", "2026-2"), ("body", "Keep it to yourself, now also at events."),
        ]).await;
        let (status, _, _) = page(&app, &awardee, &format!("/announcements/{secret}")).await;
        assert_eq!(status, 403);
        let stale = post_form(&app, &awardee, "/nda", "/nda/accept", &[("version", &version)]).await;
        assert_eq!(stale.status(), 409);
        let taken = post_form(&app, &admin, "/admin/nda", "/admin/nda", &[
            ("version", "2026-2"), ("body", "Again"),
        ]).await;
        assert_eq!(taken.status(), 422);
        assert!(taken.text().await.unwrap().contains("A version has this name already."));

        // A member without an award has no NDA page.
        make_account(&app.db, "member@example.org", &[]).await;
        let member = signed_in(&app, "member@example.org").await;
        assert_eq!(page(&app, &member, "/nda").await.0, 403);

        // On its day the embargo ends: the announcement is public, in the list and the feed.
        clock.advance(Duration::from_secs(17 * 86_400));
        let (status, cache, public_page) = page(&app, &visitor, &format!("/announcements/{secret}")).await;
        assert_eq!(status, 200);
        assert!(public_page.contains("Ndaxq ships in March.") && !public_page.contains("Under NDA"));
        assert_ne!(cache, "private, no-store");
        let feed = visitor.get(format!("{}/feeds/announcements.atom", app.address)).send().await.unwrap();
        let feed = feed_rs::parser::parse(&feed.bytes().await.unwrap()[..]).unwrap();
        assert_eq!(feed.entries[0].title.as_ref().unwrap().content, "Ndaxq preview of the CLI");
        app.stop().await;
    }
}

on_both_backends! {
    async fn awardees_hear_by_mail_and_only_acceptors_read_an_nda_title(backend: Backend) {
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
        post_form(&app, &admin, "/admin/nda", "/admin/nda", &[("version", "2026-1"), ("body", "Keep it.")]).await;
        let ada = make_account(&app.db, "ada@example.org", &[]).await;
        award(&app, ada, "cred-ada").await;
        let bo = make_account(&app.db, "bo@example.org", &[]).await;
        award(&app, bo, "cred-bo").await;
        // An award ended early, and a member without one: neither is told anything.
        let cy = make_account(&app.db, "cy@example.org", &[]).await;
        award(&app, cy, "cred-cy").await;
        exec(&app.db, "UPDATE award SET ended_early_on = '2026-06-01' WHERE credential_id = 'cred-cy'"
            .to_owned()).await;
        make_account(&app.db, "member@example.org", &[]).await;
        exec(&app.db, format!("INSERT INTO nda_acceptance (person_id, nda_version_id, accepted_at) \
            SELECT a.person_id, v.id, 0 FROM account a, nda_version v WHERE a.id = {ada}")).await;

        for (title, audience) in [("Summit dates are out", "everyone"), ("Ndaxq roadmap preview", "nda"),
                                  ("Awdzq office hours", "awardees")] {
            let published = post_form(&app, &admin, "/admin/announcements", "/admin/announcements", &[
                ("title", title), ("body", "Ndaxq details in the body."), ("audience", audience),
                ("public_on", ""),
            ]).await;
            assert_eq!(published.status(), 303, "{title}");
        }
        let mails = smtp.wait_for(4, Duration::from_secs(30)).await;
        // Nothing more comes: the public one has its feed, and nobody is told twice.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let mails_then = smtp.received();
        assert_eq!(mails_then.len(), 4, "{mails_then:#?}");
        let subjects = |to: &str| {
            let mut s: Vec<String> = mails.iter().filter(|m| m.to == [to]).map(|m| m.subject()).collect();
            s.sort();
            s
        };
        assert_eq!(subjects("ada@example.org"), ["For awardees: Awdzq office hours", "[NDA] Ndaxq roadmap preview"]);
        assert_eq!(subjects("bo@example.org"),
            ["For awardees: Awdzq office hours", "[NDA] A new announcement under NDA waits for you"]);
        for mail in mails.iter().filter(|m| m.to == ["bo@example.org"]) {
            assert!(!mail.data.contains("Ndaxq"), "no NDA word reaches one who did not accept: {}", mail.data);
            assert!(!mail.data.contains("details in the body"), "no body is mailed");
        }
        let nda_mail = mails.iter().find(|m| m.to == ["ada@example.org"] && m.subject().starts_with("[NDA]")).unwrap();
        assert!(text_part(&nda_mail.data).contains("under the NDA you accepted"));
        let waiting = mails.iter().find(|m| m.to == ["bo@example.org"] && m.subject().starts_with("[NDA]")).unwrap();
        assert!(text_part(&waiting.data).contains("/nda"));

        // The job is done: running it again tells nobody.
        let id = count(&app.db, "SELECT id FROM announcement WHERE title = 'Ndaxq roadmap preview'").await;
        let ctx = Ctx { db: app.db.clone(), clock: Arc::new(test_clock()), public_url: app.address.clone() };
        assert_eq!(plaudit::ops::announcements::mail_awardees(&ctx, id).await.unwrap(), 0);
        assert_eq!(count(&app.db, &format!(
            "SELECT COUNT(*) FROM announcement WHERE id = {id} AND mailed_at IS NOT NULL")).await, 1);
    }
}

on_both_backends! {
    async fn a_retried_announcement_job_goes_on_where_it_stopped(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        exec(&app.db, "INSERT INTO category (slug, name, created_at) VALUES ('cloud', 'Cloud', 0)"
            .to_owned()).await;
        let mut people = Vec::new();
        for n in 0..3 {
            let account = make_account(&app.db, &format!("a{n}@example.org"), &[]).await;
            award(&app, account, &format!("cred-{n}")).await;
            people.push(count(&app.db, &format!("SELECT person_id FROM account WHERE id = {account}")).await);
        }
        exec(&app.db, "INSERT INTO announcement (slug, title, body, awardees_only, published_at, created_at) \
            VALUES ('office-hours', 'Office hours', 'B', TRUE, 0, 0)".to_owned()).await;
        let id = count(&app.db, "SELECT id FROM announcement WHERE slug = 'office-hours'").await;
        // A first attempt told the first awardee before it stopped.
        exec(&app.db, format!("UPDATE announcement SET mailed_through_person_id = {} WHERE id = {id}", people[0])).await;
        let ctx = Ctx { db: app.db.clone(), clock: Arc::new(test_clock()), public_url: app.address.clone() };
        assert_eq!(plaudit::ops::announcements::mail_awardees(&ctx, id).await.unwrap(), 2);
        let queued = count(&app.db, "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'announcement_awardees'").await;
        assert_eq!(queued, 2, "the first awardee is not told twice");
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM mail_outbox WHERE to_address = 'a0@example.org'").await, 0);
    }
}
