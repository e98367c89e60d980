//! Announcements and the NDA over HTTP, on both databases: what an admin publishes for
//! everyone, for awardees and under NDA reaches exactly its readers; an awardee reads what is
//! under NDA only after accepting the current version, and again after a new one; pages with
//! NDA content are marked, never cached, never indexed; and an embargo ends on its day, when
//! the announcement joins the public list and the feed.

use std::time::Duration;

use crate::auth::make_account;
use crate::committee::{count, exec};
use crate::helpers::{TestApp, TestClock, TestDb, browser, post_form, signed_in, test_now};
use crate::on_both_backends;

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
