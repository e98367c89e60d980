//! The audit log as admins read it, over HTTP and on both databases: the filters (an action or
//! a family, the actor by address, the subject, days at the program time zone's midnights),
//! keyset pages that never repeat or skip an entry (also among entries of one instant), the
//! streamed CSV export (quoting, the formula guard, the filters, batches), refused filters
//! shown with what was typed, and the pages closed to everyone but admins.

use jiff::Timestamp;
use plaudit_store::audit::{self, Cursor, Entry, Filter, Key};
use plaudit_store::{Db, on_db, sqlx};

use crate::auth::{make_account, sign_in};
use crate::helpers::{TestApp, browser};
use crate::on_both_backends;

/// An entry to write: when (microseconds), who, what, about which widget, detail.
struct Write<'a> {
    at: i64,
    actor: Option<i64>,
    action: &'a str,
    subject: (&'a str, i64),
    detail: &'a str,
}

async fn write(db: &Db, entries: &[Write<'_>]) {
    let mut tx = db.begin_write().await.unwrap();
    for e in entries {
        let entry = Entry {
            actor_account_id: e.actor,
            action: e.action,
            subject_type: e.subject.0,
            subject_id: Some(e.subject.1),
            detail: e.detail,
            ip: None,
        };
        audit::record(&mut tx, &entry, Timestamp::from_microsecond(e.at).unwrap()).await.unwrap();
    }
    tx.commit().await.unwrap();
}

fn micros(instant: &str) -> i64 {
    instant.parse::<Timestamp>().unwrap().as_microsecond()
}

/// A signed-in admin's client.
async fn admin(app: &TestApp, email: &str) -> (reqwest::Client, i64) {
    let id = make_account(&app.db, email, &["admin"]).await;
    let client = browser();
    assert_eq!(sign_in(app, &client, email, "correct horse battery").await.status(), 303);
    (client, id)
}

async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let response = client.get(format!("{}{path}", app.address)).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The subjects of type `kind` a page lists, in its order: "widget 3" gives 3.
fn listed(page: &str, kind: &str) -> Vec<i64> {
    let needle = format!(">{kind} ");
    page.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &page[at + needle.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

/// The link marked `rel` ("next" is older, "prev" newer) on a page.
fn link(page: &str, rel: &str) -> Option<String> {
    let marker = format!("\" rel=\"{rel}\"");
    let end = page.find(&marker)?;
    let start = page[..end].rfind("href=\"")? + 6;
    Some(page[start..end].replace("&#38;", "&"))
}

on_both_backends! {
    async fn audit_entries_filter_by_action_family_actor_subject_and_the_programs_days(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        on_db!(&app.db, pool => sqlx::query("UPDATE program_settings SET time_zone = 'Europe/Berlin'")
            .execute(pool).await.map(|_| ())).unwrap();
        let (client, boss) = admin(&app, "boss@example.org").await;
        let other = make_account(&app.db, "other@example.org", &[]).await;
        // 29 March 2026 is the day Berlin moves its clocks on: 23 hours, 00:00 CET to 00:00 CEST.
        write(&app.db, &[
            Write { at: micros("2026-03-28T22:59:59Z"), actor: Some(boss), action: "role.granted", subject: ("widget", 1), detail: "" },
            Write { at: micros("2026-03-28T23:00:00Z"), actor: Some(other), action: "role.revoked", subject: ("widget", 2), detail: "" },
            Write { at: micros("2026-03-29T21:59:59.999999Z"), actor: None, action: "sign_in.failed", subject: ("widget", 3), detail: "failures=1" },
            Write { at: micros("2026-03-29T22:00:00Z"), actor: Some(boss), action: "sign_in", subject: ("widget", 4), detail: "" },
            Write { at: micros("2026-03-30T10:00:00Z"), actor: Some(boss), action: "role.granted", subject: ("account", other), detail: "role=reviewer" },
        ]).await;
        let widgets = |query: &'static str| {
            let client = client.clone();
            let app = &app;
            async move {
                let (status, page) = get(app, &client, &format!("/admin/audit?subject_type=widget&{query}")).await;
                assert_eq!(status, 200, "{query}: {page}");
                listed(&page, "widget")
            }
        };
        assert_eq!(widgets("").await, [4, 3, 2, 1], "newest first");
        assert_eq!(widgets("from=2026-03-29&to=2026-03-29").await, [3, 2], "the whole program day, no more");
        assert_eq!(widgets("from=2026-03-29").await, [4, 3, 2]);
        assert_eq!(widgets("to=2026-03-28").await, [1]);
        assert_eq!(widgets("from=2026-03-30&to=2026-03-30").await, [4]);
        assert_eq!(widgets("action=role.granted").await, [1]);
        assert_eq!(widgets("action=sign_in.*").await, [4, 3], "a family: sign_in and sign_in.…");
        assert_eq!(widgets("action=role.*").await, [2, 1]);
        assert_eq!(widgets("actor=BOSS%40example.org").await, [4, 1], "the address in any case");
        assert_eq!(widgets("subject_id=3").await, [3]);
        assert_eq!(widgets("actor=boss%40example.org&action=sign_in.*&from=2026-03-29").await, [4]);

        // An entry shows its time in the program's zone, who acted, the action's name, and
        // links an account it is about to that account's page.
        let (_, page) = get(&app, &client, "/admin/audit?subject_type=widget&subject_id=2").await;
        assert!(page.contains("2026-03-29 00:00:00 CET"), "{page}");
        assert!(page.contains("datetime=\"2026-03-28T23:00:00Z\""), "{page}");
        assert!(page.contains("other@example.org") && page.contains(">Role taken away</td>"), "{page}");
        let (_, page) = get(&app, &client, "/admin/audit?subject_type=widget&subject_id=3").await;
        assert!(page.contains("2026-03-29 23:59:59 CEST") && page.contains(">No account</div>"), "{page}");
        assert!(page.contains(">Sign-in failed</td>") && page.contains("failures=1"), "{page}");
        let (_, page) = get(&app, &client, &format!("/admin/audit?subject_type=account&subject_id={other}")).await;
        assert!(page.contains(&format!("<a href=\"/admin/people/{other}\">account {other}</a>")), "{page}");
        assert!(page.contains(">Role granted</td>") && page.contains("role=reviewer"), "{page}");

        // The select keeps the choice, and the download link carries the same filters.
        let (_, page) = get(&app, &client, "/admin/audit?action=sign_in.*&subject_type=widget").await;
        assert!(page.contains("<option value=\"sign_in.*\" selected>Signing in: all</option>"), "{page}");
        assert!(page.contains("href=\"/admin/audit.csv?action=sign_in.*&#38;subject_type=widget\""), "{page}");
        let (_, page) = get(&app, &client, "/admin/audit?subject_type=widget&from=2031-01-01").await;
        assert!(page.contains("No entry matches these filters."), "{page}");

        // The demo's decisions are in the log, under their family.
        let (_, page) = get(&app, &client, "/admin/audit?action=decision.*").await;
        assert!(page.contains(">Decision finalized</td>") && page.contains("outcome="), "{page}");
        assert!(!page.contains(">Award ended</td>"), "{page}");
    }
}

/// Walks `filter` every way the store reads it: older pages of seven, newer pages of seven
/// from the oldest back up, and the export's batches of eleven; each must give `keys`.
async fn walk_every_way(db: &Db, filter: &Filter, keys: &[Key]) {
    let mut older = Vec::new();
    let mut cursor = Cursor::Newest;
    loop {
        let page = audit::page(db, filter, cursor, 7).await.unwrap();
        let Some(last) = page.last() else { break };
        cursor = Cursor::Before(last.key());
        older.extend(page.iter().map(|r| r.key()));
    }
    assert_eq!(older, keys, "older pages of {filter:?}");
    let mut newer = Vec::new();
    let mut cursor = Cursor::After(*keys.last().unwrap());
    loop {
        let page = audit::page(db, filter, cursor, 7).await.unwrap();
        let Some(first) = page.first() else { break };
        cursor = Cursor::After(first.key());
        let mut above: Vec<Key> = page.iter().map(|r| r.key()).collect();
        above.append(&mut newer);
        newer = above;
    }
    assert_eq!(newer, keys[..keys.len() - 1], "newer pages of {filter:?}");
    let mut batched = Vec::new();
    let mut after = None;
    loop {
        let batch = audit::batch(db, filter, after, 11).await.unwrap();
        let Some(last) = batch.last() else { break };
        after = Some(last.key());
        batched.extend(batch.iter().map(|r| r.key()));
    }
    assert_eq!(batched, keys, "batches of {filter:?}");
}

on_both_backends! {
    async fn audit_pages_hold_every_entry_once_even_when_many_share_an_instant(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let (client, _) = admin(&app, "boss@example.org").await;
        // 150 entries, ten to an instant, written out of order so ids do not follow time: 140
        // of the endorsement family (three actions, read as three merged parts), 10 others.
        let base = micros("2026-06-01T08:00:00Z");
        let family = ["endorsement.given", "endorsement.edited", "endorsement.withdrawn"];
        let entries: Vec<Write> = (0..150).map(|k| (k * 37) % 150).map(|n| Write {
            at: base + (n / 10) * 1_000_000,
            actor: None,
            action: if n % 15 == 7 { "job.retried" } else { family[usize::try_from(n % 3).unwrap()] },
            subject: ("widget", n + 1),
            detail: "",
        }).collect();
        write(&app.db, &entries).await;
        let widgets = Filter { subject_type: Some("widget".to_owned()), ..Filter::default() };
        let endorsements = Filter { actions: family.map(str::to_owned).to_vec(), ..widgets.clone() };
        for (filter, sql) in [
            (&widgets, "SELECT at, id, subject_id FROM audit_log WHERE subject_type = 'widget' ORDER BY at DESC, id DESC"),
            (&endorsements, "SELECT at, id, subject_id FROM audit_log WHERE subject_type = 'widget' \
                AND action LIKE 'endorsement.%' ORDER BY at DESC, id DESC"),
        ] {
            let expected: Vec<(i64, i64, i64)> = on_db!(&app.db, pool => sqlx::query_as(sql)
                .fetch_all(pool).await).unwrap();
            let keys: Vec<Key> = expected.iter().map(|&(at, id, _)| Key { at, id }).collect();
            walk_every_way(&app.db, filter, &keys).await;
        }

        // The pages the admin follows: 50, 50 and 40 of the family, and back again.
        let subjects: Vec<i64> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT subject_id FROM audit_log WHERE subject_type = 'widget' AND action LIKE 'endorsement.%' \
             ORDER BY at DESC, id DESC").fetch_all(pool).await).unwrap();
        assert_eq!(subjects.len(), 140);
        let mut pages = Vec::new();
        let mut path = Some("/admin/audit?action=endorsement.*&subject_type=widget".to_owned());
        while let Some(next) = path {
            let (status, page) = get(&app, &client, &next).await;
            assert_eq!(status, 200, "{next}");
            assert_eq!(link(&page, "prev").is_some(), !pages.is_empty(), "a newer page from the second on");
            pages.push(listed(&page, "widget"));
            path = link(&page, "next");
            assert!(path.as_deref().is_none_or(|p| p.contains("action=endorsement.*&subject_type=widget&before=")), "{path:?}");
        }
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [50, 50, 40]);
        assert_eq!(pages.concat(), subjects, "no entry twice, none left out");
        let (_, third) = get(&app, &client, &format!("/admin/audit?action=endorsement.*&subject_type=widget&before={}",
            link_key(&pages, &app).await)).await;
        assert_eq!(listed(&third, "widget"), pages[2]);
        let (_, second) = get(&app, &client, &link(&third, "prev").unwrap()).await;
        assert_eq!(listed(&second, "widget"), pages[1]);
        let (_, first) = get(&app, &client, &link(&second, "prev").unwrap()).await;
        assert_eq!(listed(&first, "widget"), pages[0]);
        assert!(link(&first, "prev").is_none(), "the newest page has no newer one");
        // A page link that is not ours starts at the newest entries.
        let (status, page) = get(&app, &client, "/admin/audit?action=endorsement.*&subject_type=widget&before=yesterday").await;
        assert_eq!(status, 200);
        assert_eq!(listed(&page, "widget"), pages[0]);
    }
}

/// The key of the last entry of the second page, as a page link writes it.
async fn link_key(pages: &[Vec<i64>], app: &TestApp) -> String {
    let subject = pages[1][49];
    let (at, id): (i64, i64) = on_db!(&app.db, pool => sqlx::query_as(
        "SELECT at, id FROM audit_log WHERE subject_type = 'widget' AND subject_id = $1")
        .bind(subject).fetch_one(pool).await)
    .unwrap();
    format!("{at}_{id}")
}

on_both_backends! {
    async fn the_csv_export_quotes_guards_formulas_filters_and_streams_in_batches(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let (client, boss) = admin(&app, "boss@example.org").await;
        let at = micros("2026-11-28T09:30:00.250Z");
        let details = [
            "role=reviewer, categories=1", "said \"hello\"", "two\nlines", "=HYPERLINK(\"http://evil.example\")",
            "+1", "-1", "@SUM(A1)", "\tindented", "\rreturned", "plain",
        ];
        let entries: Vec<Write> = details.iter().enumerate().map(|(i, detail)| Write {
            at: at + i64::try_from(i).unwrap(),
            actor: Some(boss),
            action: "role.granted",
            subject: ("widget", 1),
            detail,
        }).collect();
        write(&app.db, &entries).await;
        write(&app.db, &[Write { at, actor: None, action: "sign_in.failed", subject: ("widget", 2), detail: "=not this one" }]).await;

        let response = client.get(format!("{}/admin/audit.csv?action=role.granted&subject_type=widget", app.address))
            .send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
        assert_eq!(response.headers()["content-disposition"], "attachment; filename=\"audit-2026-11-29.csv\"");
        let body = response.text().await.unwrap();
        let body = body.strip_prefix('\u{feff}').expect("a byte order mark for spreadsheets");
        assert!(body.starts_with("id,at,actor_account_id,actor_name,actor_email,action,subject_type,subject_id,detail,ip\r\n"), "{body}");
        assert!(body.contains(",\"role=reviewer, categories=1\","), "{body}");
        assert!(body.contains(",\"said \"\"hello\"\"\","), "{body}");
        assert!(body.contains(",\"two\nlines\","), "{body}");
        let mut reader = csv::Reader::from_reader(body.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), details.len(), "only the entries the filters keep");
        let got: Vec<&str> = rows.iter().map(|r| &r[8]).collect();
        assert_eq!(got, [
            "plain", "'\rreturned", "'\tindented", "'@SUM(A1)", "'-1", "'+1",
            "'=HYPERLINK(\"http://evil.example\")", "two\nlines", "said \"hello\"", "role=reviewer, categories=1",
        ], "newest first, each cell whole, formulas defused");
        assert_eq!(&rows[9][1], "2026-11-28T09:30:00.25Z", "RFC 3339 in UTC");
        assert_eq!(&rows[0][1], "2026-11-28T09:30:00.250009Z");
        assert_eq!((&rows[0][2], &rows[0][3], &rows[0][4]), (boss.to_string().as_str(), "boss", "boss@example.org"));
        assert_eq!((&rows[0][5], &rows[0][6], &rows[0][7], &rows[0][9]), ("role.granted", "widget", "1", ""));

        // More entries than a batch: every one once, newest first.
        let many: Vec<Write> = (0..2_345).map(|n| Write {
            at: at + (n % 700) * 1_000,
            actor: None,
            action: "job.retried",
            subject: ("bulk", n + 1),
            detail: "",
        }).collect();
        write(&app.db, &many).await;
        let body = client.get(format!("{}/admin/audit.csv?subject_type=bulk", app.address))
            .send().await.unwrap().text().await.unwrap();
        let mut reader = csv::Reader::from_reader(body.trim_start_matches('\u{feff}').as_bytes());
        let keys: Vec<(String, i64)> = reader.records()
            .map(|r| { let r = r.unwrap(); (r[1].to_owned(), r[0].parse().unwrap()) })
            .collect();
        assert_eq!(keys.len(), 2_345);
        let ids: std::collections::BTreeSet<i64> = keys.iter().map(|k| k.1).collect();
        assert_eq!(ids.len(), 2_345, "no entry twice across batches");
        let instants: Vec<Timestamp> = keys.iter().map(|k| k.0.parse().unwrap()).collect();
        assert!(instants.windows(2).all(|w| w[0] >= w[1]), "newest first");
    }
}

on_both_backends! {
    async fn refused_audit_filters_come_back_with_what_was_typed_and_only_admins_read_the_log(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let (client, _) = admin(&app, "boss@example.org").await;
        let (status, page) = get(&app, &client,
            "/admin/audit?action=nope&actor=Ghost%40example.org&subject_id=abc&from=2026-02-30&to=soon").await;
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("Please fix the 5 fields marked below."), "{page}");
        assert!(page.contains("Choose one of the actions offered (“nope” is not one)."), "{page}");
        assert!(page.contains("value=\"Ghost@example.org\"") && page.contains("No account has the address Ghost@example.org."), "{page}");
        assert!(page.contains("value=\"abc\"") && page.contains("as a whole number, such as 42."), "{page}");
        assert!(page.contains("“2026-02-30” is not a day") && page.contains("“soon” is not a day"), "{page}");
        assert!(page.contains("aria-invalid=\"true\" aria-describedby=\"action-error\""), "{page}");
        assert!(!page.contains("audit.csv"), "no download of filters that do not check out");

        let (status, page) = get(&app, &client, "/admin/audit?from=2026-03-02&to=2026-03-01&actor=not-an-address").await;
        assert_eq!(status, 422);
        assert!(page.contains("This day is before the first day.") && page.contains("value=\"2026-03-01\""), "{page}");
        assert!(page.contains("This is not an e-mail address: it has no @.") && page.contains("value=\"not-an-address\""), "{page}");
        let (status, page) = get(&app, &client, "/admin/audit?subject_id=7&subject_type=Bad%20Type").await;
        assert_eq!(status, 422);
        assert!(page.contains("small letters, digits and underscores") && page.contains("value=\"Bad Type\""), "{page}");
        let (status, page) = get(&app, &client, "/admin/audit?subject_id=7").await;
        assert_eq!(status, 422);
        assert!(page.contains("Give the subject type too"), "{page}");

        // The download answers refused filters with the same page.
        let response = client.get(format!("{}/admin/audit.csv?action=nope", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 422);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        assert!(response.text().await.unwrap().contains("“nope” is not one"));

        // A member is refused, a visitor sent to sign in.
        make_account(&app.db, "member@example.org", &[]).await;
        let member = browser();
        sign_in(&app, &member, "member@example.org", "correct horse battery").await;
        for path in ["/admin/audit", "/admin/audit.csv"] {
            assert_eq!(get(&app, &member, path).await.0, 403, "{path}");
            let visitor = browser().get(format!("{}{path}", app.address)).send().await.unwrap();
            assert_eq!(visitor.status(), 303, "{path}");
            assert!(visitor.headers()["location"].to_str().unwrap().starts_with("/sign-in?next="));
        }
    }
}
