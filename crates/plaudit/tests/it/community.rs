//! The awardees' private community over HTTP on the demo, on both databases, with mail
//! through a real SMTP conversation: only awardees (and admins) get in; an awardee opens a
//! thread on a board (a refused form keeps what was typed), another replies and the first
//! hears of it; what an awardee shares shows in the private directory and nowhere public; an
//! admin hides a reply and then the thread, and the audit log says who did.

use std::time::Duration;

use plaudit_store::{on_db, sqlx};

use crate::auth::{demo_account, make_account};
use crate::committee::{count, exec};
use crate::helpers::{TestApp, browser, get_page, post_form, signed_in, test_clock, text_part};
use crate::on_both_backends;
use crate::smtp::SmtpServer;

const CURRENT: &str = "EXISTS (SELECT 1 FROM directory_entry e WHERE e.person_id = p.id \
     AND e.status = 'current')";
const ANOTHER_CURRENT: &str = "EXISTS (SELECT 1 FROM directory_entry e WHERE e.person_id = p.id \
     AND e.status = 'current') AND a.id > (SELECT MIN(a2.id) FROM account a2 JOIN directory_entry e2 \
     ON e2.person_id = a2.person_id WHERE e2.status = 'current')";

async fn person_of(app: &TestApp, email: &str) -> (String, String) {
    on_db!(&app.db, pool => sqlx::query_as(
        "SELECT p.slug, p.display_name FROM person p JOIN account a ON a.person_id = p.id \
         WHERE a.email_normalized = $1").bind(email).fetch_one(pool).await)
    .unwrap()
}

on_both_backends! {
    async fn awardees_talk_share_contacts_and_admins_moderate(backend: Backend) {
        let smtp = SmtpServer::start().await;
        let smtp_url = smtp.url();
        let app = TestApp::spawn_with(backend, |config| config.smtp_url = Some(smtp_url)).await;
        plaudit::demo::generate(&app.db, plaudit::demo::Scale::Small, 7, &test_clock(), false).await.unwrap();
        let ada_email = demo_account(&app.db, CURRENT).await;
        let bo_email = demo_account(&app.db, ANOTHER_CURRENT).await;
        let (ada_slug, ada_name) = person_of(&app, &ada_email).await;
        let (_, bo_name) = person_of(&app, &bo_email).await;
        let ada = signed_in(&app, &ada_email).await;
        let bo = signed_in(&app, &bo_email).await;
        make_account(&app.db, "member@example.org", &[]).await;
        let member = signed_in(&app, "member@example.org").await;
        make_account(&app.db, "admin@example.org", &["admin"]).await;
        let admin = signed_in(&app, "admin@example.org").await;

        // Only awardees and admins get in; the pages are private and never indexed.
        assert_eq!(get_page(&app, &member, "/community").await.0, 403);
        assert_eq!(get_page(&app, &browser(), "/community").await.0, 303);
        let front = ada.get(format!("{}/community", app.address)).send().await.unwrap();
        assert_eq!(front.status(), 200);
        assert_eq!(front.headers()["cache-control"], "private, no-store");
        assert_eq!(front.headers()["x-robots-tag"], "noindex");
        let (board_slug, board_name): (String, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT slug, name FROM category WHERE active ORDER BY position, id LIMIT 1")
            .fetch_one(pool).await).unwrap();
        let html = front.text().await.unwrap();
        assert!(html.contains(&format!("/community/boards/{board_slug}")) && html.contains(&board_name));
        assert_eq!(get_page(&app, &admin, "/community").await.0, 200, "admins moderate");

        // Opening a thread: a refused form keeps what was typed.
        let board = format!("/community/boards/{board_slug}");
        let refused = post_form(&app, &ada, &board, &board, &[("title", " "), ("body", "Kept *words*")]).await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.unwrap();
        assert!(html.contains("Give the thread a title.") && html.contains("Kept *words*"));
        let opened = post_form(&app, &ada, &board, &board, &[
            ("title", "Dinner at the summit?"), ("body", "Who is in? <script>alert(1)</script>"),
        ]).await;
        assert_eq!(opened.status(), 303);
        let location = opened.headers()["location"].to_str().unwrap().to_owned();
        let thread_id: i64 = location.trim_start_matches("/community/threads/").parse().unwrap();
        let (status, html) = get_page(&app, &bo, &location).await;
        assert_eq!(status, 200);
        assert!(html.contains("Dinner at the summit?") && !html.contains("<script>alert(1)"));
        let (_, html) = get_page(&app, &bo, &board).await;
        let first = html.find("/community/threads/").unwrap();
        assert!(html[first..].starts_with(&format!("/community/threads/{thread_id}\"")),
            "the newest activity leads the board");
        assert!(get_page(&app, &bo, &format!("{board}?after=nonsense")).await.0 < 500);
        assert_eq!(get_page(&app, &bo, "/community/boards/no-such-board").await.0, 404);

        // A reply: the author hears of it; the one who replied does not.
        let before = smtp.received().len();
        let empty = post_form(&app, &bo, &location, &format!("{location}/reply"), &[("body", "")]).await;
        assert_eq!(empty.status(), 422);
        let replied = post_form(&app, &bo, &location, &format!("{location}/reply"),
            &[("body", "Count me in, Bo")]).await;
        assert_eq!(replied.status(), 303);
        let mails = smtp.wait_for(before + 1, Duration::from_secs(20)).await;
        let news: Vec<_> = mails[before..].iter().collect();
        assert_eq!(news.len(), 1, "{news:#?}");
        assert_eq!(news[0].to, std::slice::from_ref(&ada_email));
        assert_eq!(news[0].subject(), "New reply: Dinner at the summit?");
        let text = text_part(&news[0].data);
        assert!(text.contains(&bo_name) && text.contains(&format!("/community/threads/{thread_id}#post-")));
        assert_eq!(count(&app.db, &format!(
            "SELECT reply_count FROM community_post WHERE id = {thread_id}")).await, 1);

        // What Ada shares shows in the private directory, and nowhere public. (The demo has her
        // share something already; she starts from nothing here.)
        exec(&app.db, format!("DELETE FROM community_contact WHERE person_id = \
            (SELECT person_id FROM account WHERE email_normalized = '{ada_email}')")).await;
        let search = format!("/community/people?{}", serde_urlencoded::to_string([("q", ada_name.as_str())]).unwrap());
        let (status, html) = get_page(&app, &bo, &search).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("/people/{ada_slug}")) && !html.contains(&ada_email));
        let bad = post_form(&app, &ada, "/community/contact", "/community/contact",
            &[("share_email", "1"), ("contact_note", "Signal\u{7}please")]).await;
        assert_eq!(bad.status(), 422);
        assert!(bad.text().await.unwrap().contains("Signal\u{7}please"), "what was typed stays");
        let saved = post_form(&app, &ada, "/community/contact", "/community/contact",
            &[("share_email", "1"), ("contact_note", "Signal: ask me for the number")]).await;
        assert_eq!(saved.status(), 303);
        let (_, html) = get_page(&app, &bo, &search).await;
        assert!(html.contains(&format!("mailto:{ada_email}")) && html.contains("Signal: ask me for the number"));
        for path in [format!("/people/{ada_slug}"), format!("/api/v1/people/{ada_slug}"), "/people".to_owned()] {
            let (_, public) = get_page(&app, &browser(), &path).await;
            assert!(!public.contains(&ada_email) && !public.contains("Signal: ask me"), "{path}");
        }
        assert_eq!(get_page(&app, &member, &search).await.0, 403);

        // Moderation: an admin hides the reply, then the thread; both are audited.
        let reply_id = count(&app.db, &format!(
            "SELECT id FROM community_post WHERE parent_id = {thread_id}")).await;
        assert_eq!(post_form(&app, &bo, &location, &format!("/community/posts/{reply_id}/hide"), &[]).await.status(), 403);
        let hidden = post_form(&app, &admin, &location, &format!("/community/posts/{reply_id}/hide"), &[]).await;
        assert_eq!(hidden.status(), 303);
        let (_, html) = get_page(&app, &ada, &location).await;
        assert!(!html.contains("Count me in, Bo") && html.contains("A moderator hid this post."));
        post_form(&app, &admin, &location, &format!("/community/posts/{thread_id}/hide"), &[]).await;
        assert_eq!(get_page(&app, &ada, &location).await.0, 404);
        let (_, html) = get_page(&app, &ada, &board).await;
        assert!(!html.contains(&format!("/community/threads/{thread_id}\"")));
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'community.post_hidden' \
            AND actor_account_id = (SELECT id FROM account WHERE email_normalized = 'admin@example.org')").await, 2);
        let again = post_form(&app, &admin, &location, &format!("/community/posts/{reply_id}/hide"), &[]).await;
        assert_eq!(again.status(), 303);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'community.post_hidden'").await, 2,
            "hiding twice records nothing more");
        let reply = post_form(&app, &bo, &board, &format!("{location}/reply"), &[("body", "Late")]).await;
        assert_eq!(reply.status(), 404, "nobody replies in a hidden thread");
    }
}
