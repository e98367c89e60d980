//! Ask me anything over HTTP on the demo, on both databases, with mail through a real SMTP
//! conversation: an awardee opens an AMA (one each; a refused form keeps what was typed),
//! members ask, vote once each and follow; the host previews and answers in two parts (the
//! asker and the followers hear of it, the host does not), edits the answer (the history keeps
//! the first words), marks another question as a duplicate (audited; the duplicate shows the
//! original's answer), and the answer becomes the host's contribution. The archive's search,
//! the host's answers, the similar questions and the Atom feed find it; a question from
//! someone not signed in waits for the host; a paused AMA takes no questions; views are
//! counted.

use std::time::Duration;

use plaudit_store::{on_db, sqlx};

use crate::auth::{demo_account, make_account};
use crate::committee::count;
use crate::helpers::{
    TestApp, TestDb, browser, get_page, post_form, signed_in, test_clock, text_part,
};
use crate::on_both_backends;
use crate::smtp::SmtpServer;
use crate::static_sites;

/// A current awardee who hosts no AMA in the demo.
const CURRENT_NOT_HOSTING: &str = "EXISTS (SELECT 1 FROM directory_entry e \
     WHERE e.person_id = p.id AND e.status = 'current') \
     AND NOT EXISTS (SELECT 1 FROM ama WHERE ama.host_person_id = p.id)";

on_both_backends! {
    async fn an_awardee_hosts_an_ama_that_people_ask_vote_on_and_follow(backend: Backend) {
        let smtp = SmtpServer::start().await;
        let smtp_url = smtp.url();
        let app = TestApp::spawn_with(backend, |config| config.smtp_url = Some(smtp_url)).await;
        plaudit::demo::generate(&app.db, plaudit::demo::Scale::Small, 7, &test_clock(), false).await.unwrap();
        let host_email = demo_account(&app.db, CURRENT_NOT_HOSTING).await;
        let host = signed_in(&app, &host_email).await;
        make_account(&app.db, "asker@example.org", &[]).await;
        let asker = signed_in(&app, "asker@example.org").await;
        make_account(&app.db, "fan@example.org", &[]).await;
        let fan = signed_in(&app, "fan@example.org").await;
        make_account(&app.db, "admin@example.org", &["admin"]).await;

        // The list of AMAs is public and links the demo's.
        let (status, html) = get_page(&app, &browser(), "/amas").await;
        assert_eq!(status, 200);
        assert!(html.contains("/amas/program-team"), "the program's own AMA is listed");

        // Opening: members may not, a refused form keeps what was typed, one AMA per host.
        assert_eq!(get_page(&app, &asker, "/amas/new").await.0, 403);
        let refused = post_form(&app, &host, "/amas/new", "/amas",
            &[("title", " "), ("description", "Kept *intro*"), ("topics", "career")]).await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.unwrap();
        assert!(html.contains("Kept *intro*") && html.contains("Write the question."), "{html}");
        let bad_topic = post_form(&app, &host, "/amas/new", "/amas",
            &[("title", "Ask me"), ("topics", "ok <b>")]).await;
        assert_eq!(bad_topic.status(), 422);
        let opened = post_form(&app, &host, "/amas/new", "/amas", &[
            ("title", "Ask me about talks"), ("description", "I answer *weekly*."),
            ("topics", "Speaking, career"),
        ]).await;
        assert_eq!(opened.status(), 303);
        let ama = opened.headers()["location"].to_str().unwrap().to_owned();
        assert!(ama.starts_with("/amas/"), "{ama}");
        // The host's profile names the AMA at once, on the page and in the API.
        let host_slug: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT p.slug FROM person p JOIN account a ON a.person_id = p.id WHERE a.email_normalized = $1")
            .bind(&host_email).fetch_one(pool).await).unwrap();
        let (_, profile) = get_page(&app, &browser(), &format!("/people/{host_slug}")).await;
        assert!(profile.contains(&format!("href=\"{ama}\"")) && profile.contains("Ask me about talks"), "{profile}");
        let (_, api) = get_page(&app, &browser(), &format!("/api/v1/people/{host_slug}")).await;
        assert!(api.contains(&format!("\"url\":\"http://127.0.0.1:8080{ama}\"")), "{api}");
        let again = post_form(&app, &host, "/amas/new", "/amas", &[("title", "Another")]).await;
        assert_eq!(again.status(), 422, "an awardee hosts one AMA");
        let (status, html) = get_page(&app, &browser(), &ama).await;
        assert_eq!(status, 200);
        assert!(html.contains("<em>weekly</em>") && html.contains("?tag=speaking"));
        assert!(html.contains("Sign in to ask a question"), "visitors are asked to sign in");

        // Asking: signed-in members ask at once; nobody asks without signing in here.
        let asked = post_form(&app, &asker, &ama, &format!("{ama}/questions"), &[
            ("title", "How did you become an awardee? And what would you do differently?"),
            ("body", "Curious! <script>alert(1)</script>"), ("tags", "career, Speaking"),
        ]).await;
        assert_eq!(asked.status(), 303);
        let question = asked.headers()["location"].to_str().unwrap().to_owned();
        let question_id: i64 = question.rsplit('/').next().unwrap().parse().unwrap();
        let (status, html) = get_page(&app, &browser(), &question).await;
        assert_eq!(status, 200);
        assert!(!html.contains("<script>alert(1)") && html.contains("&lt;script&gt;"));
        assert!(html.contains(&format!("<link rel=\"canonical\" href=\"http://127.0.0.1:8080{question}\">")));
        let anonymous = post_form(&app, &browser(), "/sign-in", &format!("{ama}/questions"),
            &[("title", "Sneaky?"), ("name", "Nobody")]).await;
        assert_eq!(anonymous.status(), 409);
        let empty = post_form(&app, &fan, &ama, &format!("{ama}/questions"), &[("title", ""), ("body", "kept body")]).await;
        assert_eq!(empty.status(), 422);
        assert!(empty.text().await.unwrap().contains("kept body"));

        // Votes: one per person, and one may take it back.
        let vote = |client, on: &'static str| {
            let app = &app;
            let question = question.clone();
            async move { post_form(app, client, &question, &format!("{question}/vote"), &[("on", on)]).await.status() }
        };
        assert_eq!(vote(&fan, "1").await, 303);
        assert_eq!(vote(&fan, "1").await, 303);
        let votes = format!("SELECT vote_count FROM ama_question WHERE id = {question_id}");
        assert_eq!(count(&app.db, &votes).await, 1);
        vote(&fan, "0").await;
        assert_eq!(count(&app.db, &votes).await, 0);
        vote(&fan, "1").await;
        vote(&asker, "1").await;
        assert_eq!(count(&app.db, &votes).await, 2);
        assert_eq!(post_form(&app, &fan, &question, &format!("{question}/follow"), &[("on", "1")]).await.status(), 303);

        // Answering: only the host; the form offers the question's two parts; a preview saves
        // nothing.
        assert_eq!(post_form(&app, &fan, &question, &format!("{question}/answer"),
            &[("body_0", "Not mine to answer")]).await.status(), 403);
        let (_, html) = get_page(&app, &host, &question).await;
        assert!(html.contains(">How did you become an awardee?</textarea>"), "{html}");
        assert!(html.contains(">And what would you do differently?</textarea>"));
        let parts = [
            ("part_0", "How did you become an awardee?"), ("body_0", "I *showed up* every week."),
            ("part_1", "And what would you do differently?"), ("body_1", "Start a zeppelin blog sooner."),
        ];
        let mut preview = parts.to_vec();
        preview.push(("preview", "1"));
        let previewed = post_form(&app, &host, &question, &format!("{question}/answer"), &preview).await;
        assert_eq!(previewed.status(), 200);
        assert!(previewed.text().await.unwrap().contains("<em>showed up</em>"));
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM ama_answer WHERE question_id = {question_id}")).await, 0);
        let half = post_form(&app, &host, &question, &format!("{question}/answer"),
            &[("part_0", "How did you become an awardee?"), ("body_0", ""), ("part_1", "x"), ("body_1", "y")]).await;
        assert_eq!(half.status(), 422, "a quoted part needs its answer");
        let before = smtp.received().len();
        let answered = post_form(&app, &host, &question, &format!("{question}/answer"), &parts).await;
        assert_eq!(answered.status(), 303);
        let mails = smtp.wait_for(before + 2, Duration::from_secs(20)).await;
        let news: Vec<_> = mails[before..].iter().collect();
        let mut to: Vec<String> = news.iter().flat_map(|m| m.to.clone()).collect();
        to.sort();
        assert_eq!(to, ["asker@example.org", "fan@example.org"], "the asker and the follower, not the host");
        assert!(news[0].subject().starts_with("Answered: How did you become an awardee?"));
        assert!(text_part(&news[0].data).contains(&question));
        let (_, html) = get_page(&app, &browser(), &question).await;
        assert!(html.contains("<blockquote><p>And what would you do differently?</p></blockquote>"));
        assert!(html.contains("<em>showed up</em>") && html.contains("Answered"));

        // The answer is the host's public "AMA answers" contribution at the question's address.
        let (kind, source, url): (String, String, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT c.contribution_type, c.source, c.url FROM contribution c \
             JOIN ama_question q ON q.contribution_id = c.id WHERE q.id = $1")
            .bind(question_id).fetch_one(pool).await).unwrap();
        assert_eq!((kind.as_str(), source.as_str()), ("ama_answers", "ama"));
        assert_eq!(url, format!("http://127.0.0.1:8080{question}"));

        // An edit keeps the first words in the history; the same words again change nothing.
        let mut edited = parts.to_vec();
        edited[3] = ("body_1", "Start a zeppelin blog much sooner.");
        assert_eq!(post_form(&app, &host, &question, &format!("{question}/answer"), &edited).await.status(), 303);
        assert_eq!(post_form(&app, &host, &question, &format!("{question}/answer"), &edited).await.status(), 303);
        let revisions = format!("SELECT COUNT(*) FROM ama_answer_revision WHERE question_id = {question_id}");
        assert_eq!(count(&app.db, &revisions).await, 1);
        let (_, html) = get_page(&app, &browser(), &question).await;
        assert!(html.contains("One earlier version") && html.contains("Start a zeppelin blog sooner."));
        assert_eq!(smtp.received().len(), before + 2, "an edit mails nobody");

        // The host downloads the answer as a blog post, or every answer as a zip; nobody else.
        let post = host.get(format!("{}{question}/post.md", app.address)).send().await.unwrap();
        assert_eq!(post.status(), 200);
        assert_eq!(post.headers()["content-type"], "text/markdown; charset=utf-8");
        let disposition = post.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert!(disposition.contains("-how-did-you-become-an-awardee-and-what-would-you-do-differently.md"), "{disposition}");
        let post = post.text().await.unwrap();
        assert!(post.starts_with("---\ntitle: \"From the AMA: \\\"How did you become an awardee? And what would you do differently?\\\"\"\n"), "{post}");
        assert!(post.contains("> And what would you do differently?\n\nStart a zeppelin blog much sooner."), "{post}");
        assert!(!post.contains("published: false"));
        let draft = host.get(format!("{}{question}/post.md?draft=1", app.address)).send().await.unwrap();
        assert!(draft.text().await.unwrap().contains("\npublished: false\n"));
        assert_eq!(get_page(&app, &fan, &format!("{question}/post.md")).await.0, 403);
        let zip = host.get(format!("{}{ama}/posts.zip", app.address)).send().await.unwrap();
        assert_eq!(zip.headers()["content-type"], "application/zip");
        assert!(zip.bytes().await.unwrap().starts_with(b"PK"));

        // A duplicate: the host marks it by the original's address; it shows the original's
        // answer, and the audit log says who decided.
        let dup = post_form(&app, &fan, &ama, &format!("{ama}/questions"),
            &[("title", "How does one become an awardee?")]).await;
        let dup = dup.headers()["location"].to_str().unwrap().to_owned();
        let bad = post_form(&app, &host, &dup, &format!("{dup}/decide"),
            &[("state", "duplicate"), ("original", "not a question")]).await;
        assert_eq!(bad.status(), 422);
        assert!(bad.text().await.unwrap().contains("not a question"), "what was typed stays");
        let marked = post_form(&app, &host, &dup, &format!("{dup}/decide"),
            &[("state", "duplicate"), ("original", &format!("{}{question}", app.address))]).await;
        assert_eq!(marked.status(), 303);
        let (_, html) = get_page(&app, &browser(), &dup).await;
        assert!(html.contains("Asked before as") && html.contains("<em>showed up</em>"));
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'ama.question_state_changed'").await, 1);
        let decline_answered = post_form(&app, &host, &question, &format!("{question}/decide"),
            &[("state", "declined")]).await;
        assert_eq!(decline_answered.status(), 409, "an answered question keeps its answer");

        // Reading: the search finds words of the answer, the host's answers read like a blog,
        // similar questions come up for a title being typed, and the feed has the entry.
        let (_, html) = get_page(&app, &browser(), &format!("{ama}?q=zeppelin")).await;
        assert!(html.contains(&format!("{question}\"")), "the search reads the answer");
        let (_, html) = get_page(&app, &browser(), &format!("{ama}?tab=answered&tag=career")).await;
        assert!(html.contains(&format!("{question}\"")));
        let (_, html) = get_page(&app, &browser(), &format!("{ama}/answers")).await;
        assert!(html.contains("much sooner") && !html.contains("How does one become"));
        let (_, html) = get_page(&app, &browser(), &format!("{ama}/similar?title=becoming%20an%20awardee")).await;
        assert!(html.contains(&format!("{question}\"")), "{html}");
        let feed = browser().get(format!("{}{ama}/feed.atom", app.address)).send().await.unwrap();
        assert_eq!(feed.headers()["content-type"], "application/atom+xml; charset=utf-8");
        let feed = feed_rs::parser::parse(&feed.bytes().await.unwrap()[..]).unwrap();
        assert_eq!(feed.entries.len(), 1);
        let entry = &feed.entries[0];
        assert_eq!(entry.id, format!("http://127.0.0.1:8080{question}"));
        assert!(entry.published.is_some() && entry.updated.unwrap() >= entry.published.unwrap());
        let content = entry.content.as_ref().and_then(|c| c.body.clone()).unwrap();
        assert!(content.contains("<em>showed up</em>") && !content.contains("<script"));
        assert!(get_page(&app, &browser(), &format!("{ama}?after=nonsense")).await.0 == 422);
        assert_eq!(get_page(&app, &browser(), &format!("{ama}?tab=held")).await.0, 404);

        // Someone not signed in asks where the host allows it; the question waits for the host.
        let allowed = post_form(&app, &host, &format!("{ama}/edit"), &format!("{ama}/edit"), &[
            ("title", "Ask me about talks"), ("description", "I answer *weekly*."),
            ("topics", "speaking, career"), ("anonymous_questions", "1"),
        ]).await;
        assert_eq!(allowed.status(), 303);
        let visitor = browser();
        let held = post_form(&app, &visitor, &ama, &format!("{ama}/questions"),
            &[("title", "Do you take questions from strangers?"), ("name", "A stranger")]).await;
        assert_eq!(held.status(), 303);
        assert!(held.headers()["location"].to_str().unwrap().ends_with("?asked=held"));
        let held_id = count(&app.db, "SELECT id FROM ama_question WHERE state = 'held'").await;
        let held_page = format!("{ama}/questions/{held_id}");
        assert_eq!(get_page(&app, &browser(), &held_page).await.0, 404);
        for path in [ama.clone(), format!("{ama}?q=strangers"), format!("/api/v1{ama}/questions"),
            format!("/api/v1{held_page}"), format!("{ama}/feed.atom"), format!("{ama}/answers")] {
            let (_, public) = get_page(&app, &browser(), &path).await;
            assert!(!public.contains("questions from strangers"), "a held question is the host's alone: {path}");
        }
        let (_, html) = get_page(&app, &host, &format!("{ama}?tab=held")).await;
        assert!(html.contains("Do you take questions from strangers?"));
        let approved = post_form(&app, &host, &held_page, &format!("{held_page}/decide"), &[("state", "open")]).await;
        assert_eq!(approved.status(), 303);
        assert_eq!(get_page(&app, &browser(), &held_page).await.0, 200);

        // Views are counted in memory and written every few seconds, never who viewed; the
        // host's contribution's reach follows.
        let fresh = post_form(&app, &fan, &ama, &format!("{ama}/questions"), &[("title", "Slides or no slides?")]).await;
        let fresh = fresh.headers()["location"].to_str().unwrap().to_owned();
        let fresh_id: i64 = fresh.rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(post_form(&app, &host, &ama, &format!("{fresh}/answer"), &[("body_0", "Few slides.")]).await.status(), 303);
        for _ in 0..3 {
            assert_eq!(get_page(&app, &browser(), &fresh).await.0, 200);
        }
        let views = format!("SELECT view_count FROM ama_question WHERE id = {fresh_id}");
        let mut seen = 0;
        for _ in 0..60 {
            seen = count(&app.db, &views).await;
            if seen >= 3 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        assert_eq!(seen, 3);
        assert_eq!(count(&app.db, &format!("SELECT c.views FROM contribution c JOIN ama_question q \
            ON q.contribution_id = c.id WHERE q.id = {fresh_id}")).await, 3);

        // The host links a GitHub repository on the edit page; a bad one is refused as typed.
        let edit = format!("{ama}/edit");
        let bad = post_form(&app, &host, &edit, &format!("{ama}/github"), &[("repo", "not a repo!"), ("login", "ada")]).await;
        assert_eq!(bad.status(), 422);
        let html = bad.text().await.unwrap();
        assert!(html.contains("not a repo!"), "what was typed stays");
        assert!(html.contains("id=\"github-repo-error\""), "the problem shows at its field: {html}");
        let linked = post_form(&app, &host, &edit, &format!("{ama}/github"), &[("repo", "ada/ama"), ("login", "ada")]).await;
        assert_eq!(linked.status(), 303);
        assert!(get_page(&app, &host, &edit).await.1.contains("value=\"ada/ama\""));

        // Paused, the AMA takes no questions; reopened, it does.
        assert_eq!(post_form(&app, &fan, &ama, &format!("{ama}/status"), &[("status", "paused")]).await.status(), 403);
        assert_eq!(post_form(&app, &host, &ama, &format!("{ama}/status"), &[("status", "paused")]).await.status(), 303);
        let paused = post_form(&app, &fan, &ama, &format!("{ama}/questions"), &[("title", "Still there?")]).await;
        assert_eq!(paused.status(), 409);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'ama.status_changed'").await, 1);

    }
}

on_both_backends! {
    async fn the_demo_ama_exported_from_the_command_line_builds_with_hugo_and_jekyll(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        plaudit::demo::generate(&db, plaudit::demo::Scale::Small, 7, &test_clock(), false).await.unwrap();
        let answered = count(&db, "SELECT COUNT(*) FROM ama_question q JOIN ama a ON a.id = q.ama_id \
            WHERE a.slug = 'program-team' AND q.state = 'answered'").await;
        db.close().await;
        let out = tempfile::tempdir().unwrap();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_plaudit"))
            .args(["export", "ama", "--ama", "program-team", "--out"])
            .arg(out.path())
            .env("PLAUDIT_DATABASE_URL", &test_db.url)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert!(String::from_utf8_lossy(&output.stdout).contains(&format!("wrote {answered} blog posts")));
        let mut posts: Vec<(String, String)> = std::fs::read_dir(out.path()).unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let name = path.file_name().unwrap().to_str().unwrap().to_owned();
                (name, std::fs::read_to_string(&path).unwrap())
            })
            .collect();
        posts.sort();
        assert_eq!(posts.len() as i64, answered);
        let unknown = std::process::Command::new(env!("CARGO_BIN_EXE_plaudit"))
            .args(["export", "ama", "--ama", "no-such-ama", "--out"])
            .arg(out.path())
            .env("PLAUDIT_DATABASE_URL", &test_db.url)
            .output()
            .unwrap();
        assert!(!unknown.status.success());
        assert!(String::from_utf8_lossy(&unknown.stderr).contains("no AMA at /amas/no-such-ama"));

        // Every post's title and date, as its front matter says them, are what both sites show.
        let line = |file: &str, key: &str| -> String {
            let prefix = format!("{key}: ");
            file.lines().find_map(|l| l.strip_prefix(prefix.as_str())).unwrap().to_owned()
        };
        let expected: Vec<(String, String, String)> = posts.iter().map(|(name, file)| {
            let title = line(file, "title");
            let quoted = title.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap();
            let title = quoted.replace("\\\"", "\"").replace("\\\\", "\\");
            (name.clone(), title, line(file, "date"))
        }).collect();
        assert!(expected[0].1.starts_with("From the AMA: \""), "{expected:?}");
        if static_sites::require_builder("hugo", "version") {
            let site = static_sites::TempSite::new("export-hugo");
            static_sites::write_hugo_site(&site.path, &posts);
            let output = site.path.join("public");
            static_sites::build_hugo(&site.path, &output, false).unwrap();
            for (name, title, date) in &expected {
                let html = std::fs::read_to_string(static_sites::hugo_page(&output, name)).unwrap();
                let title = title.replace('&', "&amp;").replace('"', "&#34;").replace('\'', "&#39;");
                assert!(html.contains(&format!("<h1 class=\"title\">{title}</h1>")), "{name}: {html}");
                assert!(html.contains(&format!("<p class=\"date\">{}</p>", date.replace('+', "&#43;"))), "{name}: {html}");
            }
        }
        if static_sites::require_builder("jekyll", "--version") {
            let site = static_sites::TempSite::new("export-jekyll");
            static_sites::write_jekyll_site(&site.path, "UTC", &posts);
            let output = site.path.join("_site");
            static_sites::build_jekyll(&site.path, &output, false).unwrap();
            for (name, title, date) in &expected {
                let html = std::fs::read_to_string(static_sites::jekyll_page(&output, name)).unwrap();
                let title = title.replace('&', "&amp;").replace('"', "&quot;").replace('\'', "&#39;");
                assert!(html.contains(&format!("<h1 class=\"title\">{title}</h1>")), "{name}: {html}");
                assert!(html.contains(&format!("<p class=\"date\">{date}</p>")), "{name}: {html}");
            }
        }
    }
}

/// The corpus of known cross-site scripting payloads, `\n` read as a line break.
fn xss_payloads() -> Vec<String> {
    include_str!("../fixtures/xss-payloads.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.replace("\\n", "\n"))
        .collect()
}

/// Fails when `html` (a page, or a fragment such as a feed entry's content) has anything that
/// could run or load a script: a script that is not one of Plaudit's own files, an element that
/// embeds or redirects, an event handler, or an address with a scheme that runs.
fn assert_inert(html: &str, surface: &str) {
    let document = scraper::Html::parse_document(html);
    for node in document.tree.nodes() {
        let Some(element) = node.value().as_element() else { continue };
        let name = element.name();
        if name == "script" {
            let own = element.attr("src").is_some_and(|src| src.starts_with("/assets/"));
            let inline =
                node.children().any(|c| c.value().as_text().is_some_and(|t| !t.trim().is_empty()));
            assert!(own && !inline, "{surface}: a script runs: {:?}", element);
        }
        assert!(
            ![
                "iframe", "object", "embed", "frame", "frameset", "applet", "base", "svg", "math",
                "style"
            ]
            .contains(&name),
            "{surface}: <{name}> in the page"
        );
        if name == "meta" {
            assert!(
                element.attr("http-equiv").is_none_or(|v| !v.eq_ignore_ascii_case("refresh")),
                "{surface}: a refresh"
            );
        }
        for (attribute, value) in element.attrs() {
            assert!(
                !attribute.to_ascii_lowercase().starts_with("on"),
                "{surface}: {attribute}={value} on <{name}>"
            );
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            // Addresses that run; other attributes (a page's description, say) are text.
            let address = [
                "href", "src", "action", "formaction", "data", "poster", "background", "srcset",
                "xlink:href", "cite",
            ]
            .contains(&attribute);
            for scheme in ["javascript:", "vbscript:", "data:text"] {
                assert!(
                    !address || !squeezed.starts_with(scheme),
                    "{surface}: {attribute}={value} on <{name}>"
                );
            }
            if attribute == "style" {
                assert!(
                    !squeezed.contains("url(") && !squeezed.contains("expression("),
                    "{surface}: style={value}"
                );
            }
        }
    }
}

/// The `href` of the page's `rel="next"` link, if any.
fn next_link(html: &str) -> Option<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("a[rel=next]").unwrap();
    document.select(&selector).next().and_then(|a| a.attr("href")).map(|h| h.replace("&amp;", "&"))
}

on_both_backends! {
    async fn an_xss_corpus_in_questions_and_answers_stays_inert_on_every_surface(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        plaudit::demo::generate(&app.db, plaudit::demo::Scale::Small, 7, &test_clock(), false).await.unwrap();
        let host_email = demo_account(&app.db, CURRENT_NOT_HOSTING).await;
        let host = signed_in(&app, &host_email).await;
        make_account(&app.db, "asker@example.org", &[]).await;
        let asker = signed_in(&app, "asker@example.org").await;
        let payloads = xss_payloads();
        assert!(payloads.len() >= 30, "a corpus of at least 30 payloads");

        // The payloads are in the AMA's own words too.
        let opened = post_form(&app, &host, "/amas/new", "/amas", &[
            ("title", "Ask me <script>alert('ama')</script>"),
            ("description", "[intro](javascript:alert('intro')) <img src=x onerror=alert('intro')>"),
        ]).await;
        assert_eq!(opened.status(), 303);
        let ama = opened.headers()["location"].to_str().unwrap().to_owned();
        let slug = ama.trim_start_matches("/amas/").to_owned();
        let mut questions = Vec::new();
        for (n, payload) in payloads.iter().enumerate() {
            let title = format!("Q{n} {}", payload.replace('\n', " "));
            let asked = post_form(&app, &asker, &ama, &format!("{ama}/questions"),
                &[("title", title.as_str()), ("body", payload.as_str())]).await;
            assert_eq!(asked.status(), 303, "{payload}");
            let question = asked.headers()["location"].to_str().unwrap().to_owned();
            let quote = payload.replace('\n', " ");
            let answered = post_form(&app, &host, &question, &format!("{question}/answer"), &[
                ("part_0", quote.as_str()), ("body_0", payload.as_str()),
                ("part_1", "And the rest?"), ("body_1", &format!("Also: {payload}")),
            ]).await;
            assert_eq!(answered.status(), 303, "{payload}");
            questions.push(question);
        }

        // Pages: every question, every page of the lists, the host's answers, a search, the
        // similar questions.
        let mut pages: Vec<String> = questions.clone();
        pages.push(format!("{ama}/similar?title=alert%20script%20click"));
        pages.push(format!("{ama}?q=alert"));
        for first in [format!("{ama}?tab=answered"), format!("{ama}/answers")] {
            let mut at = Some(first);
            while let Some(path) = at {
                let (status, html) = get_page(&app, &browser(), &path).await;
                assert_eq!(status, 200, "{path}");
                assert_inert(&html, &path);
                at = next_link(&html);
            }
        }
        for path in &pages {
            let (status, html) = get_page(&app, &browser(), path).await;
            assert_eq!(status, 200, "{path}");
            assert_inert(&html, path);
        }
        let (_, html) = get_page(&app, &host, &questions[0]).await;
        assert_inert(&html, "the host's page with its forms");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the words are kept as text");

        // The feed: each entry's content is inert HTML.
        let feed = browser().get(format!("{}{ama}/feed.atom", app.address)).send().await.unwrap();
        let feed = feed_rs::parser::parse(&feed.bytes().await.unwrap()[..]).unwrap();
        assert_eq!(feed.entries.len(), 30);
        for entry in &feed.entries {
            let content = entry.content.as_ref().and_then(|c| c.body.clone()).unwrap();
            assert_inert(&content, &format!("feed entry {}", entry.id));
        }

        // The API: every HTML field is inert; text fields are data.
        let mut after = String::new();
        let mut listed = 0;
        loop {
            let url = format!("{}/api/v1/amas/{slug}/questions?state=answered&after={after}", app.address);
            let answer: serde_json::Value = browser().get(&url).send().await.unwrap().json().await.unwrap();
            assert_inert(answer["ama"]["description_html"].as_str().unwrap(), "the API's AMA");
            listed += answer["questions"].as_array().unwrap().len();
            match answer["next"].as_str() {
                Some(next) => after = next.to_owned(),
                None => break,
            }
        }
        assert_eq!(listed, payloads.len());
        for question in &questions {
            let url = format!("{}/api/v1{question}", app.address);
            let answer: serde_json::Value = browser().get(&url).send().await.unwrap().json().await.unwrap();
            assert_inert(answer["body_html"].as_str().unwrap(), &url);
            for part in answer["answer"].as_array().unwrap() {
                assert_inert(part["answer_html"].as_str().unwrap(), &url);
            }
        }

        // The export: each post, rendered by a renderer that passes raw HTML through (as
        // Jekyll's kramdown does), and the whole set built by Jekyll and Hugo.
        let mut posts = Vec::new();
        for question in &questions {
            let post = host.get(format!("{}{question}/post.md", app.address)).send().await.unwrap();
            let name = post.headers()["content-disposition"].to_str().unwrap()
                .split("filename=\"").nth(1).unwrap().trim_end_matches('"').to_owned();
            let text = post.text().await.unwrap();
            let body = text.splitn(3, "---\n").nth(2).unwrap();
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body));
            assert_inert(&html, &format!("the post of {question}"));
            posts.push((format!("{}-{}.md", name.trim_end_matches(".md"), posts.len()), text));
        }
        if static_sites::require_builder("jekyll", "--version") {
            let site = static_sites::TempSite::new("xss-jekyll");
            static_sites::write_jekyll_site(&site.path, "UTC", &posts);
            let output = site.path.join("_site");
            static_sites::build_jekyll(&site.path, &output, false).unwrap();
            for (name, _) in &posts {
                let html = std::fs::read_to_string(static_sites::jekyll_page(&output, name)).unwrap();
                assert_inert(&html, &format!("Jekyll's {name}"));
            }
        }
        if static_sites::require_builder("hugo", "version") {
            let site = static_sites::TempSite::new("xss-hugo");
            static_sites::write_hugo_site(&site.path, &posts);
            let output = site.path.join("public");
            static_sites::build_hugo(&site.path, &output, false).unwrap();
            for (name, _) in &posts {
                let html = std::fs::read_to_string(static_sites::hugo_page(&output, name)).unwrap();
                assert_inert(&html, &format!("Hugo's {name}"));
            }
        }
    }
}
