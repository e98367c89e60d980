//! Speaking requests over HTTP on the demo, on both databases, with mail through a real SMTP
//! conversation: an awardee says they take requests and their profile invites organizers; an
//! organizer sends a request (a refused form keeps what was typed); the awardee declines one
//! and accepts another, sharing their address only the second time. The organizer never sees
//! the address in a page, a mail header or a mail body before it is shared, and is held to a
//! few requests a day.

use std::time::Duration;

use plaudit_store::{on_db, sqlx};

use crate::auth::{demo_account, make_account};
use crate::helpers::{
    TestApp, browser, csrf_from, get_page, post_form, signed_in, test_clock, text_part,
};
use crate::on_both_backends;
use crate::smtp::{Received, SmtpServer};

async fn mails_to(smtp: &SmtpServer, n: usize, to: &str) -> Vec<Received> {
    let all = smtp.wait_for(n, Duration::from_secs(20)).await;
    all.into_iter().filter(|m| m.to == [to]).collect()
}

/// A demo awardee listed as current, and another one.
const CURRENT: &str = "EXISTS (SELECT 1 FROM directory_entry e WHERE e.person_id = p.id \
     AND e.status = 'current')";
const ANOTHER_CURRENT: &str = "EXISTS (SELECT 1 FROM directory_entry e WHERE e.person_id = p.id \
     AND e.status = 'current') AND a.id > (SELECT MIN(a2.id) FROM account a2 JOIN directory_entry e2 \
     ON e2.person_id = a2.person_id WHERE e2.status = 'current') \
     AND NOT EXISTS (SELECT 1 FROM speaking_profile s WHERE s.person_id = p.id AND s.accepts_requests)";

on_both_backends! {
    async fn an_organizer_asks_and_learns_the_address_only_when_it_is_shared(backend: Backend) {
        let smtp = SmtpServer::start().await;
        let smtp_url = smtp.url();
        let app = TestApp::spawn_with(backend, |config| config.smtp_url = Some(smtp_url)).await;
        plaudit::demo::generate(&app.db, plaudit::demo::Scale::Small, 7, &test_clock(), false).await.unwrap();
        let speaker_email = demo_account(&app.db, CURRENT).await;
        let other_email = demo_account(&app.db, ANOTHER_CURRENT).await;
        let (slug, name): (String, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT p.slug, p.display_name FROM person p JOIN account a ON a.person_id = p.id \
             WHERE a.email_normalized = $1").bind(&speaker_email).fetch_one(pool).await).unwrap();
        let other_slug: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT p.slug FROM person p JOIN account a ON a.person_id = p.id \
             WHERE a.email_normalized = $1").bind(&other_email).fetch_one(pool).await).unwrap();
        let speaker = signed_in(&app, &speaker_email).await;

        // Taking requests needs topics; what was typed stays.
        let refused = post_form(&app, &speaker, "/speaking", "/speaking", &[
            ("accepts_requests", "1"), ("topics", ""), ("regions", "Kept region"), ("remote_ok", "1"),
        ]).await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.unwrap();
        assert!(html.contains("Fill this in.") && html.contains("Kept region"));
        let saved = post_form(&app, &speaker, "/speaking", "/speaking", &[
            ("accepts_requests", "1"), ("topics", "Rust, WebAssembly"), ("regions", "Europe"),
            ("languages", "English, German"), ("remote_ok", "1"), ("travel_ok", "1"),
        ]).await;
        assert_eq!(saved.status(), 303);

        // The public profile invites organizers; the directory lists them as available.
        let visitor = browser();
        let (_, profile) = get_page(&app, &visitor, &format!("/people/{slug}")).await;
        assert!(profile.contains("Rust, WebAssembly") && profile.contains(&format!("/speakers/{slug}/request")));
        let search = serde_urlencoded::to_string([("speaking", "yes"), ("q", name.as_str())]).unwrap();
        let (_, listed) = get_page(&app, &visitor, &format!("/people?{search}")).await;
        assert!(listed.contains(&format!("/people/{slug}")), "available for speaking");
        let anonymous = visitor.get(format!("{}/speakers/{slug}/request", app.address)).send().await.unwrap();
        assert_eq!(anonymous.status(), 303, "organizers sign in first");
        make_account(&app.db, "organizer@example.org", &[]).await;
        let organizer = signed_in(&app, "organizer@example.org").await;
        assert_eq!(get_page(&app, &organizer, &format!("/speakers/{other_slug}/request")).await.0, 404,
            "nobody who does not take requests can be asked");

        // The form says what to fix, keeps what was typed, and never shows the address.
        let form_page = format!("/speakers/{slug}/request");
        let (status, html) = get_page(&app, &organizer, &form_page).await;
        assert_eq!(status, 200);
        assert!(html.contains(&name) && !html.contains(&speaker_email));
        let refused = post_form(&app, &organizer, &form_page, &form_page, &[
            ("event_name", "Kept Conf"), ("event_on", "2020-01-01"), ("location", "Lisbon"),
            ("audience", ""), ("message", "Hello"), ("event_url", "javascript:alert(1)"),
        ]).await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.unwrap();
        assert!(html.contains("Kept Conf") && html.contains("date has passed"), "{html}");
        assert!(html.contains("Enter the event"), "a javascript: address is refused");

        let send = |event: &'static str| {
            let organizer = organizer.clone();
            let app_address = app.address.clone();
            let form_page = form_page.clone();
            async move {
                let csrf = csrf_from(&organizer, &format!("{app_address}{form_page}")).await;
                organizer.post(format!("{app_address}{form_page}")).form(&[
                    ("csrf", csrf.as_str()), ("event_name", event), ("event_on", "2027-03-10"),
                    ("location", "Lisbon"), ("audience", "about 300 developers"),
                    ("travel_support", "1"), ("message", "Would you give the opening talk?"),
                    ("event_url", "https://conf.example/2027"),
                ]).send().await.unwrap()
            }
        };
        let first = send("RustConf Lisbon").await;
        assert_eq!(first.status(), 303);
        let to_speaker = mails_to(&smtp, 1, &speaker_email).await;
        assert_eq!(to_speaker[0].subject(), "A speaking request: RustConf Lisbon");
        assert!(text_part(&to_speaker[0].data).contains("organizer asks whether you would speak"));

        // The speaker reads the organizer's address; the organizer does not read theirs.
        let (_, mine) = get_page(&app, &speaker, "/speaking").await;
        assert!(mine.contains("RustConf Lisbon") && mine.contains("organizer@example.org"));
        let (_, sent) = get_page(&app, &organizer, "/speaking/sent").await;
        assert!(sent.contains("Waiting for an answer") && !sent.contains(&speaker_email));
        for path in [format!("/api/v1/people/{slug}"), "/api/v1/people?speaking=yes".to_owned()] {
            let (status, answer) = get_page(&app, &organizer, &path).await;
            assert_eq!(status, 200, "{path}");
            assert!(!answer.contains(&speaker_email), "the API never carries the address: {path}");
        }
        let first_id: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT MAX(id) FROM speaking_request WHERE event_name = 'RustConf Lisbon'")
            .fetch_one(pool).await).unwrap();

        // Someone else cannot answer it; the speaker declines it, keeping the address private
        // even though the box was ticked (sharing goes with accepting only).
        let other = signed_in(&app, &other_email).await;
        let stranger = post_form(&app, &other, "/speaking", &format!("/speaking/requests/{first_id}/answer"),
            &[("answer", "accept"), ("share_email", "1")]).await;
        assert_eq!(stranger.status(), 404);
        let declined = post_form(&app, &speaker, "/speaking", &format!("/speaking/requests/{first_id}/answer"),
            &[("answer", "decline"), ("share_email", "1"), ("note", "Booked that week, sorry.")]).await;
        assert_eq!(declined.status(), 303);
        let to_organizer = mails_to(&smtp, 2, "organizer@example.org").await;
        assert_eq!(to_organizer.len(), 1);
        assert!(to_organizer[0].subject().contains("declined your request for RustConf Lisbon"));
        assert!(text_part(&to_organizer[0].data).contains("Booked that week"));
        assert!(!to_organizer[0].data.contains(&speaker_email), "not in a header, not in the body");
        let again = post_form(&app, &speaker, "/speaking", &format!("/speaking/requests/{first_id}/answer"),
            &[("answer", "accept")]).await;
        assert_eq!(again.status(), 409, "an answered request stays answered");

        // A second request, accepted with the address shared: now the organizer has it.
        assert_eq!(send("RustConf Porto").await.status(), 303);
        let second_id: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT MAX(id) FROM speaking_request WHERE event_name = 'RustConf Porto'")
            .fetch_one(pool).await).unwrap();
        let (_, sent) = get_page(&app, &organizer, "/speaking/sent").await;
        assert!(!sent.contains(&speaker_email));
        let accepted = post_form(&app, &speaker, "/speaking", &format!("/speaking/requests/{second_id}/answer"),
            &[("answer", "accept"), ("share_email", "1")]).await;
        assert_eq!(accepted.status(), 303);
        let to_organizer = mails_to(&smtp, 4, "organizer@example.org").await;
        assert_eq!(to_organizer.len(), 2);
        assert!(text_part(&to_organizer[1].data).contains(&format!("You can write to them at {speaker_email}")));
        let (_, sent) = get_page(&app, &organizer, "/speaking/sent").await;
        assert!(sent.contains(&format!("mailto:{speaker_email}")) && sent.contains("Accepted"));

        // Five requests a day: the sixth is refused with a clear page.
        for event in ["Three", "Four", "Five"] {
            assert_eq!(send(event).await.status(), 303, "{event}");
        }
        let sixth = send("Six").await;
        assert_eq!(sixth.status(), 429);
        assert!(sixth.text().await.unwrap().contains("as many speaking requests as one organizer may"));
        app.stop().await;
    }
}
