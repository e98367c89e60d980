//! The mail outbox and its worker on both backends, against the test SMTP server: mail exists
//! only when its transaction committed, survives an outage, and goes out once.

use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use mailparse::{MailHeaderMap, ParsedMail};
use plaudit::i18n::{Lang, Msg};
use plaudit::mail::{MailSettings, MailWorker, Notice};
use plaudit_domain::clock::Clock;
use plaudit_store::mail::{self, OutgoingMail};
use plaudit_store::timestamp::to_micros;
use plaudit_store::{Db, on_db, sqlx};

use crate::helpers::{TestClock, TestDb, test_now};
use crate::on_both_backends;
use crate::smtp::SmtpServer;

const SENDER: &str = "Champions <awards@example.org>";

fn worker(db: &Db, server: &SmtpServer, clock: &Arc<TestClock>) -> MailWorker {
    let settings = MailSettings { smtp_url: server.url(), from: SENDER.to_owned() };
    let mut worker = MailWorker::new(db.clone(), &settings, clock.clone()).unwrap();
    worker.poll = Duration::from_millis(50);
    worker
}

fn mail_to(to: &str) -> OutgoingMail {
    OutgoingMail {
        kind: "test".to_owned(),
        to: to.to_owned(),
        subject: format!("Hello {to}"),
        body_text: format!("Hello {to},\n\nthis is the text part.\n"),
        body_html: format!("<p>Hello {to},</p><p>this is the <strong>HTML</strong> part.</p>"),
    }
}

async fn enqueue_committed(db: &Db, mail: &OutgoingMail, now: Timestamp) -> i64 {
    let mut tx = db.begin_write().await.unwrap();
    let id = mail::enqueue(&mut tx, mail, now).await.unwrap();
    tx.commit().await.unwrap();
    id
}

#[derive(Debug)]
struct Stored {
    attempts: i64,
    last_error: Option<String>,
    send_after_at: i64,
    locked_until: Option<i64>,
    sent_at: Option<i64>,
}

async fn stored(db: &Db, id: i64) -> Stored {
    const ROW: &str = "SELECT attempts, last_error, send_after_at, locked_until, sent_at \
         FROM mail_outbox WHERE id = $1";
    let (attempts, last_error, send_after_at, locked_until, sent_at) =
        on_db!(db, pool => sqlx::query_as(ROW).bind(id).fetch_one(pool).await).unwrap();
    Stored { attempts, last_error, send_after_at, locked_until, sent_at }
}

fn header(message: &ParsedMail<'_>, name: &str) -> String {
    message.headers.get_first_value(name).unwrap_or_else(|| panic!("a {name} header"))
}

/// The text and HTML parts of a multipart/alternative message, decoded, with LF line ends.
fn text_and_html(message: &ParsedMail<'_>) -> (String, String) {
    assert_eq!(message.ctype.mimetype, "multipart/alternative");
    let [text, html] = &message.subparts[..] else {
        panic!("two alternatives, not {}", message.subparts.len());
    };
    assert_eq!(text.ctype.mimetype, "text/plain");
    assert_eq!(html.ctype.mimetype, "text/html");
    let body = |part: &ParsedMail<'_>| part.get_body().unwrap().replace("\r\n", "\n");
    (body(text), body(html))
}

on_both_backends! {
    async fn a_mail_enqueued_in_a_committed_transaction_is_delivered_with_its_text_and_html_parts(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        let server = SmtpServer::start().await;
        let clock = TestClock::at(test_now());
        let outgoing = mail_to("ada@example.org");
        let id = enqueue_committed(&db, &outgoing, clock.now()).await;

        assert_eq!(worker(&db, &server, &clock).run_once().await.unwrap(), 1);

        let received = server.received();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].from, "awards@example.org");
        assert_eq!(received[0].to, ["ada@example.org"]);
        let message = mailparse::parse_mail(received[0].data.as_bytes()).unwrap();
        assert_eq!(header(&message, "Subject"), "Hello ada@example.org");
        assert_eq!(header(&message, "To"), "ada@example.org");
        assert_eq!(header(&message, "From"), SENDER);
        assert_eq!(header(&message, "Auto-Submitted"), "auto-generated");
        assert!(header(&message, "Message-ID").ends_with("@example.org>"));
        let (text, html) = text_and_html(&message);
        assert_eq!(text, outgoing.body_text);
        assert_eq!(html, outgoing.body_html);
        let stored = stored(&db, id).await;
        assert_eq!(stored.sent_at, Some(to_micros(clock.now())));
        assert_eq!((stored.attempts, stored.locked_until), (1, None));
        assert_eq!(mail::pending_count(&db).await.unwrap(), 0);
    }
}

on_both_backends! {
    async fn a_mail_enqueued_in_a_rolled_back_transaction_is_never_sent(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        let server = SmtpServer::start().await;
        let clock = TestClock::at(test_now());
        let mut tx = db.begin_write().await.unwrap();
        mail::enqueue(&mut tx, &mail_to("rolled.back@example.org"), clock.now()).await.unwrap();
        drop(tx);
        enqueue_committed(&db, &mail_to("committed@example.org"), clock.now()).await;

        let worker = worker(&db, &server, &clock);
        assert_eq!(worker.run_once().await.unwrap(), 1);
        assert_eq!(worker.run_once().await.unwrap(), 0);

        let recipients: Vec<String> = server.received().into_iter().flat_map(|r| r.to).collect();
        assert_eq!(recipients, ["committed@example.org"]);
        assert_eq!(mail::pending_count(&db).await.unwrap(), 0);
    }
}

on_both_backends! {
    async fn a_mail_waits_in_the_outbox_while_the_mail_server_is_down_and_goes_out_once_when_it_is_back(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        let mut server = SmtpServer::start().await;
        server.stop().await;
        let clock = TestClock::at(test_now());
        let id = enqueue_committed(&db, &mail_to("ada@example.org"), clock.now()).await;
        let worker = worker(&db, &server, &clock);

        assert_eq!(worker.run_once().await.unwrap(), 0);
        let first = stored(&db, id).await;
        assert_eq!((first.attempts, first.sent_at, first.locked_until), (1, None, None));
        assert!(first.last_error.is_some_and(|e| !e.is_empty()));
        let in_30_s = clock.now().checked_add(Duration::from_secs(30)).unwrap();
        assert_eq!(first.send_after_at, to_micros(in_30_s));
        assert_eq!(mail::pending_count(&db).await.unwrap(), 1);

        // Still down at the retry: the next wait doubles.
        clock.advance(Duration::from_secs(30));
        assert_eq!(worker.run_once().await.unwrap(), 0);
        let second = stored(&db, id).await;
        assert_eq!(second.attempts, 2);
        let in_60_s = clock.now().checked_add(Duration::from_secs(60)).unwrap();
        assert_eq!(second.send_after_at, to_micros(in_60_s));

        // Back up, but the retry time has not come: nothing is tried.
        server.restart().await;
        assert_eq!(worker.run_once().await.unwrap(), 0);
        assert_eq!(stored(&db, id).await.attempts, 2);
        assert!(server.received().is_empty());

        clock.advance(Duration::from_secs(60));
        assert_eq!(worker.run_once().await.unwrap(), 1);
        clock.advance(Duration::from_secs(2 * 60 * 60));
        assert_eq!(worker.run_once().await.unwrap(), 0);

        let received = server.received();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].to, ["ada@example.org"]);
        let sent = stored(&db, id).await;
        assert_eq!((sent.attempts, sent.locked_until), (3, None));
        assert!(sent.sent_at.is_some());
        assert_eq!(mail::pending_count(&db).await.unwrap(), 0);
    }
}

on_both_backends! {
    async fn a_mail_claimed_by_a_worker_that_died_is_sent_once_its_lease_runs_out(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        let server = SmtpServer::start().await;
        let clock = TestClock::at(test_now());
        let id = enqueue_committed(&db, &mail_to("ada@example.org"), clock.now()).await;
        let lease = Duration::from_secs(5 * 60);
        // The worker that claims the mail and dies before sending it.
        let claimed = mail::claim_due(&db, clock.now(), lease, 10).await.unwrap();
        assert_eq!(claimed.iter().map(|m| (m.id, m.attempts)).collect::<Vec<_>>(), [(id, 1)]);

        let worker = worker(&db, &server, &clock);
        assert_eq!(worker.run_once().await.unwrap(), 0, "the lease keeps others off");
        clock.advance(lease);
        assert_eq!(worker.run_once().await.unwrap(), 1);

        assert_eq!(server.received().len(), 1);
        assert_eq!(stored(&db, id).await.attempts, 2);
    }
}

on_both_backends! {
    async fn two_workers_running_at_once_deliver_each_of_fifty_mails_exactly_once(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        let server = SmtpServer::start().await;
        let clock = TestClock::at(test_now());
        let addresses: Vec<String> =
            (1..=50).map(|i| format!("person{i:02}@example.org")).collect();
        let mut tx = db.begin_write().await.unwrap();
        for address in &addresses {
            mail::enqueue(&mut tx, &mail_to(address), clock.now()).await.unwrap();
        }
        tx.commit().await.unwrap();

        let (stop, stopped) = tokio::sync::watch::channel(false);
        let mut workers = Vec::new();
        for _ in 0..2 {
            // A pool of its own for each, as two replicas would have.
            let mut worker = worker(&test_db.connect().await, &server, &clock);
            worker.batch = 5;
            let mut stopped = stopped.clone();
            workers.push(tokio::spawn(worker.run(async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            })));
        }
        server.wait_for(50, Duration::from_secs(20)).await;
        // Room for a duplicate to arrive, were there one.
        tokio::time::sleep(Duration::from_millis(200)).await;
        stop.send(true).unwrap();
        for worker in workers {
            tokio::time::timeout(Duration::from_secs(5), worker).await.unwrap().unwrap();
        }

        let mut recipients: Vec<String> =
            server.received().into_iter().flat_map(|r| r.to).collect();
        recipients.sort();
        assert_eq!(recipients, addresses);
        let claimed_twice: i64 = on_db!(&db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM mail_outbox WHERE attempts <> 1 OR sent_at IS NULL"
        ).fetch_one(pool).await).unwrap();
        assert_eq!(claimed_twice, 0, "each mail was claimed once and sent");
        assert_eq!(mail::pending_count(&db).await.unwrap(), 0);
    }
}

on_both_backends! {
    async fn the_verification_mails_link_survives_the_round_trip(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        let server = SmtpServer::start().await;
        let clock = TestClock::at(test_now());
        // Longer than a 76-character encoded line, with the characters encodings touch.
        let link = "https://champions.example.org/account/verify-email?\
                    token=Zm9vYmFyYmF6cXV4LXF1dXgtY29yZ2UtZ3JhdWx0LWdhcnBseS13YWxkbw&next=%2Fme";
        let program = "Les Champions de l'Été";
        let outgoing = Notice::new("verify_email", Msg::new("mail-verify-subject"))
            .paragraph(Msg::new("mail-verify-body"))
            .link(Msg::new("mail-verify-button"), link.to_owned())
            .render(Lang::En, "ada@example.org", program)
            .unwrap();
        enqueue_committed(&db, &outgoing, clock.now()).await;

        assert_eq!(worker(&db, &server, &clock).run_once().await.unwrap(), 1);

        let received = server.received();
        let message = mailparse::parse_mail(received[0].data.as_bytes()).unwrap();
        assert_eq!(
            header(&message, "Subject"),
            "Confirm your e-mail address for Les Champions de l'Été"
        );
        let (text, html) = text_and_html(&message);
        assert!(text.lines().any(|line| line == link), "the link on a line of its own:\n{text}");
        assert!(text.contains(program));
        let in_html = link.replace('&', "&#38;");
        assert!(html.contains(&format!("href=\"{in_html}\"")), "{html}");
        assert!(html.contains("Les Champions de l&#39;Été"), "{html}");
    }
}
