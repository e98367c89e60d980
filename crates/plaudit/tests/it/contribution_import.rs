//! Contributions in bulk, over HTTP and on both databases: a CSV file's dry run lists every
//! bad line and writes nothing, the confirmation imports the good lines all at once or not
//! at all, a second import adds nothing, refused files are refused whole, and a person's
//! export holds their own contributions only and imports back as duplicates.

use plaudit_store::{Db, on_db, sqlx};

use crate::auth::{make_account, sign_in};
use crate::helpers::{TestApp, browser, csrf_from};
use crate::on_both_backends;

const BOUNDARY: &str = "plaudit-test-boundary-7MA4YWxkTrZu0gW";

/// A multipart form as a browser sends it: the CSRF token (when given), then the file.
fn upload_body(csrf: Option<&str>, file: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    if let Some(csrf) = csrf {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; \
             filename=\"contributions.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub(crate) async fn upload_to(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    csrf: Option<&str>,
    file: &[u8],
) -> reqwest::Response {
    client
        .post(format!("{}{path}", app.address))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(upload_body(csrf, file))
        .send()
        .await
        .unwrap()
}

/// Uploads `file` for the dry run; answers the page.
async fn dry_run(app: &TestApp, client: &reqwest::Client, file: &[u8]) -> (u16, String) {
    let csrf = csrf_from(client, &format!("{}/contributions/import", app.address)).await;
    let response = upload_to(app, client, "/contributions/import", Some(&csrf), file).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The value of the hidden input called `name` in `page`.
fn hidden(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker)? + marker.len();
    Some(page[start..].split('"').next()?.to_owned())
}

/// The items of the list with class `class` in `page`, as text.
fn items(page: &str, class: &str) -> Vec<String> {
    let Some(start) = page.find(&format!("<ul class=\"{class}\">")) else { return Vec::new() };
    let list = &page[start..];
    let list = &list[..list.find("</ul>").unwrap()];
    list.split("<li>").skip(1).map(|item| item.split("</li>").next().unwrap().to_owned()).collect()
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).unwrap()
}

/// Counts of every table an import writes.
async fn written(db: &Db) -> Vec<i64> {
    let mut counts = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM contribution",
        "SELECT COUNT(*) FROM contribution_area",
        "SELECT COUNT(*) FROM contribution_audience",
        "SELECT COUNT(*) FROM audit_log",
    ] {
        counts.push(count(db, sql).await);
    }
    counts
}

/// A signed-in member and their person's id.
async fn member(app: &TestApp, email: &str) -> (reqwest::Client, i64) {
    let account = make_account(&app.db, email, &[]).await;
    let client = browser();
    assert_eq!(sign_in(app, &client, email, "correct horse battery").await.status(), 303);
    let person: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT person_id FROM account WHERE id = $1").bind(account).fetch_one(pool).await)
    .unwrap();
    (client, person)
}

async fn area_slug(db: &Db) -> String {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT slug FROM technology_area WHERE active ORDER BY id LIMIT 1").fetch_one(pool).await)
    .unwrap()
}

async fn own_count(db: &Db, person: i64) -> i64 {
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM contribution WHERE person_id = $1")
        .bind(person).fetch_one(pool).await)
    .unwrap()
}

/// Seven lines: five good, line 3 with a date that is no date, line 6 a blog post with
/// copies sold.
fn five_good_two_bad(area: &str) -> String {
    format!(
        "type,title,started_on,role,url,primary_area,audiences,views,copies_sold\n\
         blog_post,Tracing async Rust,2026-02-10,author,https://blog.example.org/tracing,{area},developer,\"4,200\",\n\
         blog_post,A bad date,2026-02-30,author,https://blog.example.org/bad-date,,,,\n\
         speaking_conference,Keynote on memory safety,2026-05-20,speaker,https://conf.example.org/keynote,,developer; student,,\n\
         book,Rust in Practice,2026-03-01,author,https://books.example.org/rust,,,,1200\n\
         blog_post,Copies of a post,2026-04-01,author,https://blog.example.org/copies,,,,500\n\
         forum_answers,Answers on the forum,2026-07-15,contributor,https://forum.example.org/u/me,,,,\n\
         video,Live-coding a parser,2026-09-05,presenter,,,,9000,\n"
    )
}

on_both_backends! {
    async fn a_dry_run_lists_the_bad_lines_and_writes_nothing_and_the_confirmation_imports_the_rest(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let (client, person) = member(&app, "importer@example.org").await;
        let area = area_slug(&app.db).await;
        let file = five_good_two_bad(&area);

        let page = client.get(format!("{}/contributions/import", app.address)).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(page.contains("<code>copies_sold</code>") && page.contains("<code>speaking_meetup</code>"), "{page}");
        assert!(page.contains(&format!("<code>{area}</code>")), "the program's areas are listed");
        assert!(page.contains("enctype=\"multipart/form-data\""));

        // The template has every column and an example line that imports as it is.
        let template = client.get(format!("{}/contributions/import/template.csv", app.address)).send().await.unwrap();
        assert_eq!(template.headers()["content-disposition"], "attachment; filename=\"contributions-template.csv\"");
        let template = template.bytes().await.unwrap();
        let (status, page) = dry_run(&app, &client, &template).await;
        assert_eq!(status, 200);
        assert!(page.contains("1 line can be imported.") && items(&page, "bad-lines").is_empty(), "{page}");

        let before = written(&app.db).await;
        let (status, page) = dry_run(&app, &client, file.as_bytes()).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(
            items(&page, "bad-lines"),
            [
                "Line 3: started_on — Write the date as YYYY-MM-DD, for example 2026-03-14.",
                "Line 6: copies_sold — This figure does not apply to the type you chose; leave it empty.",
            ]
        );
        assert!(page.contains("5 lines can be imported.") && page.contains("Import 5 contributions"), "{page}");
        assert_eq!(written(&app.db).await, before, "a dry run writes nothing");

        let csrf = hidden(&page, "csrf").unwrap();
        let carried = hidden(&page, "file").unwrap();
        let confirmed = client.post(format!("{}/contributions/import/confirm", app.address))
            .form(&[("csrf", csrf.as_str()), ("file", carried.as_str())]).send().await.unwrap();
        assert_eq!(confirmed.status(), 303);
        assert_eq!(confirmed.headers()["location"], "/contributions");
        let list = client.get(format!("{}/contributions", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(list.contains("Imported 5 contributions; 2 lines skipped."), "{list}");
        assert!(list.contains("Keynote on memory safety") && !list.contains("A bad date"), "{list}");

        let after = written(&app.db).await;
        assert_eq!(after[0], before[0] + 5);
        assert_eq!(after[3], before[3] + 1, "one audit entry");
        let (sources, instants): (i64, i64) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT COUNT(DISTINCT source), COUNT(DISTINCT created_at) FROM contribution WHERE person_id = $1")
            .bind(person).fetch_one(pool).await).unwrap();
        assert_eq!((sources, instants), (1, 1), "written together, as CSV");
        let (views, audiences, primary): (Option<i64>, i64, Option<String>) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT c.views, (SELECT COUNT(*) FROM contribution_audience a WHERE a.contribution_id = c.id), \
             (SELECT t.slug FROM technology_area t WHERE t.id = c.primary_area_id) \
             FROM contribution c WHERE c.person_id = $1 AND c.title = 'Tracing async Rust'")
            .bind(person).fetch_one(pool).await).unwrap();
        assert_eq!((views, audiences, primary), (Some(4200), 1, Some(area.clone())));
        let detail: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT detail FROM audit_log WHERE action = 'contributions.imported'").fetch_one(pool).await).unwrap();
        assert_eq!(detail, "5 imported, 2 lines skipped");

        // The same file again: every good line is one the person has now, by its address or,
        // without one, by its type, title and day.
        let before = written(&app.db).await;
        let (status, page) = dry_run(&app, &client, file.as_bytes()).await;
        assert_eq!(status, 200);
        let bad = items(&page, "bad-lines");
        assert_eq!(bad.len(), 7, "{bad:?}");
        let duplicates: Vec<&String> = bad.iter().filter(|b| b.contains("You have already recorded")).collect();
        assert_eq!(duplicates.len(), 5, "{bad:?}");
        assert!(bad.iter().any(|b| b.starts_with("Line 2: url — ") && b.contains("“Tracing async Rust”")), "{bad:?}");
        assert!(bad.iter().any(|b| b.starts_with("Line 8: title — ") && b.contains("“Live-coding a parser”")), "{bad:?}");
        assert!(page.contains("0 lines can be imported.") && !page.contains("id=\"confirm-form\""), "{page}");
        // A file with no good line left has nothing to confirm, and a confirmation writes nothing.
        let nothing_good = "type,title,started_on,role,url\nblog_post,Again,2026-02-10,author,https://BLOG.example.org/tracing/\n";
        let (_, page) = dry_run(&app, &client, nothing_good.as_bytes()).await;
        assert!(!page.contains("id=\"confirm-form\""), "no confirm button: {page}");
        assert!(items(&page, "bad-lines")[0].contains("“Tracing async Rust”"));
        let csrf = hidden(&page, "csrf").unwrap();
        let refused = client.post(format!("{}/contributions/import/confirm", app.address))
            .form(&[("csrf", csrf.as_str()), ("file", &base64_url(nothing_good.as_bytes()))])
            .send().await.unwrap();
        assert_eq!(refused.status(), 422);
        assert_eq!(written(&app.db).await, before);
        assert_eq!(own_count(&app.db, person).await, 5);
    }
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Makes inserting a contribution titled "Boom" fail, as a full disk or a lost connection
/// would halfway through an import.
async fn fail_on_boom(db: &Db) {
    match db {
        Db::Sqlite(pool) => {
            sqlx::query(
                "CREATE TRIGGER boom BEFORE INSERT ON contribution WHEN NEW.title = 'Boom' \
                 BEGIN SELECT RAISE(ABORT, 'boom'); END",
            )
            .execute(pool)
            .await
            .unwrap();
        }
        Db::Postgres(pool) => {
            sqlx::query(
                "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN \
                 IF NEW.title = 'Boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ \
                 LANGUAGE plpgsql",
            )
            .execute(pool)
            .await
            .unwrap();
            sqlx::query(
                "CREATE TRIGGER boom BEFORE INSERT ON contribution FOR EACH ROW EXECUTE FUNCTION boom()",
            )
            .execute(pool)
            .await
            .unwrap();
        }
    }
}

on_both_backends! {
    async fn an_import_that_fails_halfway_writes_nothing(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let (client, person) = member(&app, "halfway@example.org").await;
        fail_on_boom(&app.db).await;
        let file = "type,title,started_on,role\n\
                    blog_post,First,2026-01-01,author\n\
                    blog_post,Second,2026-01-02,author\n\
                    blog_post,Boom,2026-01-03,author\n\
                    blog_post,Fourth,2026-01-04,author\n";
        let (status, page) = dry_run(&app, &client, file.as_bytes()).await;
        assert_eq!(status, 200);
        let before = written(&app.db).await;
        let csrf = hidden(&page, "csrf").unwrap();
        let failed = client.post(format!("{}/contributions/import/confirm", app.address))
            .form(&[("csrf", csrf.as_str()), ("file", &hidden(&page, "file").unwrap())])
            .send().await.unwrap();
        assert_eq!(failed.status(), 500);
        assert_eq!(written(&app.db).await, before, "nothing half-written");
        assert_eq!(own_count(&app.db, person).await, 0);
    }
}

on_both_backends! {
    async fn a_file_that_is_not_utf8_or_names_an_unknown_column_is_refused_whole(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let (client, _) = member(&app, "refused@example.org").await;
        let before = written(&app.db).await;

        // "Café" saved by a spreadsheet in Windows-1252.
        let legacy = b"type,title,started_on,role\nblog_post,Hello,2026-01-01,author\nblog_post,Caf\xe9,2026-01-01,author\n";
        let (status, page) = dry_run(&app, &client, legacy).await;
        assert_eq!(status, 422);
        assert_eq!(items(&page, "file-problems"), [
            "The file is not UTF-8 text (see line 3). In your spreadsheet, save it as “CSV UTF-8” and try again.",
        ]);
        assert!(!page.contains("id=\"confirm-form\"") && items(&page, "bad-lines").is_empty());

        let unknown = "type,title,started_on,role,rating\nblog_post,Hello,2026-01-01,author,5\n";
        let (status, page) = dry_run(&app, &client, unknown.as_bytes()).await;
        assert_eq!(status, 422);
        assert_eq!(items(&page, "file-problems"), [
            "There is no column called “rating”. Use the column names listed on the import page.",
        ]);

        let (status, page) = dry_run(&app, &client, b"").await;
        assert_eq!(status, 422);
        assert_eq!(items(&page, "file-problems"), ["The file is empty."]);

        // The confirmation refuses them the same way.
        let csrf = hidden(&page, "csrf").unwrap();
        let refused = client.post(format!("{}/contributions/import/confirm", app.address))
            .form(&[("csrf", csrf.as_str()), ("file", &base64_url(unknown.as_bytes()))])
            .send().await.unwrap();
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("There is no column called “rating”"));
        assert_eq!(written(&app.db).await, before);
    }
}

on_both_backends! {
    async fn an_upload_needs_its_csrf_token_and_a_body_within_the_limit(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let (client, _) = member(&app, "uploader@example.org").await;
        let file = b"type,title,started_on,role\nblog_post,Hello,2026-01-01,author\n";

        let without = upload_to(&app, &client, "/contributions/import", None, file).await;
        assert_eq!(without.status(), 403);
        let wrong = upload_to(&app, &client, "/contributions/import", Some(&"0".repeat(64)), file).await;
        assert_eq!(wrong.status(), 403);

        // A multipart form is read for its token on the upload routes only.
        let csrf = csrf_from(&client, &format!("{}/contributions/import", app.address)).await;
        let elsewhere = upload_to(&app, &client, "/contributions", Some(&csrf), file).await;
        assert_eq!(elsewhere.status(), 403);
        assert_eq!(upload_to(&app, &client, "/contributions/import", Some(&csrf), file).await.status(), 200);

        // Past the upload's limit (but within what the server reads at all).
        let large = vec![b'a'; (2 << 20) + (128 << 10)];
        let too_large = upload_to(&app, &client, "/contributions/import", Some(&csrf), &large).await;
        assert_eq!(too_large.status(), 413);
        assert!(too_large.text().await.unwrap().contains("larger than this page accepts"), "the payload_too_large page");
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM contribution").await, 0);
    }
}

on_both_backends! {
    async fn an_export_holds_only_ones_own_and_imports_back_as_duplicates(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let (client, person) = member(&app, "exporter@example.org").await;
        let (other, _) = member(&app, "other@example.org").await;
        let area = area_slug(&app.db).await;
        let file = format!(
            "type,title,description,started_on,role,url,primary_area,areas,audiences,high_impact,views,stars\n\
             blog_post,\"Commas, quotes \"\"and\"\" lines\",\"one\ntwo\",2026-02-10,author,http://www.blog.example.org/a/?utm_source=x,{area},,developer;student,yes,12,\n\
             open_source_project,=SUM(A1),,2026-03-01,contributor,https://github.com/me/p,,{area},,no,,340\n\
             speaking_meetup,Talk,,2026-04-01,speaker,https://meetup.example.org/t,,,,,,\n"
        );
        let (_, page) = dry_run(&app, &client, file.as_bytes()).await;
        assert!(items(&page, "bad-lines").is_empty(), "{page}");
        let csrf = hidden(&page, "csrf").unwrap();
        let done = client.post(format!("{}/contributions/import/confirm", app.address))
            .form(&[("csrf", csrf.as_str()), ("file", &hidden(&page, "file").unwrap())]).send().await.unwrap();
        assert_eq!(done.status(), 303);
        let other_file = "type,title,started_on,role,url\nblog_post,Not yours,2026-01-01,author,https://else.example.org/x\n";
        let (_, page) = dry_run(&app, &other, other_file.as_bytes()).await;
        let csrf = hidden(&page, "csrf").unwrap();
        other.post(format!("{}/contributions/import/confirm", app.address))
            .form(&[("csrf", csrf.as_str()), ("file", &hidden(&page, "file").unwrap())]).send().await.unwrap();

        let csv = client.get(format!("{}/contributions/export.csv", app.address)).send().await.unwrap();
        assert_eq!(csv.status(), 200);
        assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
        assert_eq!(csv.headers()["content-disposition"], "attachment; filename=\"contributions-2026-11-29.csv\"");
        let csv = csv.text().await.unwrap();
        assert!(csv.starts_with("\u{feff}type,title,description,private_note,started_on"), "{csv}");
        assert!(csv.contains("'=SUM(A1)") && !csv.contains("Not yours"), "{csv}");

        // Round trip: every line is one the person has.
        let before = written(&app.db).await;
        let (status, page) = dry_run(&app, &client, csv.as_bytes()).await;
        assert_eq!(status, 200);
        let bad = items(&page, "bad-lines");
        assert_eq!(bad.len(), 3, "{bad:?}");
        assert!(bad.iter().all(|b| b.contains("url — You have already recorded this address")), "{bad:?}");
        assert!(page.contains("0 lines can be imported.") && !page.contains("id=\"confirm-form\""), "{page}");
        assert_eq!(written(&app.db).await, before);

        let json = client.get(format!("{}/contributions/export.json", app.address)).send().await.unwrap();
        assert_eq!(json.status(), 200);
        assert_eq!(json.headers()["content-disposition"], "attachment; filename=\"contributions-2026-11-29.json\"");
        let json: serde_json::Value = json.json().await.unwrap();
        let all = json["contributions"].as_array().unwrap();
        assert_eq!(all.len(), 3);
        assert!(all.iter().all(|c| c["title"] != "Not yours" && c["source"] == "csv"), "{json}");
        assert_eq!(all[0]["title"], "Commas, quotes \"and\" lines");
        assert_eq!(all[0]["description"], "one\ntwo");
        assert_eq!(all[0]["audiences"], serde_json::json!(["developer", "student"]));
        assert_eq!(all[0]["high_impact"], true);
        assert_eq!(all[0]["canonical_url"], "https://blog.example.org/a");
        assert_eq!(all[1]["areas"], serde_json::json!([area]));
        assert_eq!(all[1]["reach"]["stars"], 340);
        assert_eq!(own_count(&app.db, person).await, 3);

        // The API exports the same file.
        let account: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT id FROM account WHERE person_id = $1").bind(person).fetch_one(pool).await).unwrap();
        let token = format!("plaudit_export_{account}");
        let mut tx = app.db.begin_write().await.unwrap();
        plaudit_store::api_tokens::create(&mut tx, account, "export", &plaudit::crypto::tokens::hash_token(&token),
            "read", crate::helpers::test_now()).await.unwrap();
        tx.commit().await.unwrap();
        let api = reqwest::Client::new();
        let from_api = api.get(format!("{}/api/v1/me/contributions.csv", app.address)).bearer_auth(&token)
            .send().await.unwrap();
        assert_eq!(from_api.status(), 200);
        assert_eq!(from_api.text().await.unwrap(), csv);
        let listed: serde_json::Value = api.get(format!("{}/api/v1/me/contributions", app.address)).bearer_auth(&token)
            .send().await.unwrap().json().await.unwrap();
        assert_eq!(listed["contributions"].as_array().unwrap().len(), 3);
        assert!(listed["contributions"].as_array().unwrap().iter().any(|c| c["areas"] == serde_json::json!([area])));
    }
}
