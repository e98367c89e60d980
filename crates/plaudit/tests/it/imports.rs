//! Contributions that record themselves, over HTTP on both databases, against a local feed
//! publisher that answers as real blogs and YouTube do: a person adds a blog by its home page
//! (the feed is discovered), a feed with one broken entry among a hundred, a YouTube channel and
//! a source that fails; the job reads them into the suggestions inbox; a second read costs a
//! 304 and adds nothing; accepted suggestions become contributions, dismissed ones never come
//! back, and a kind the program trusts skips the inbox.

use std::time::Duration;

use plaudit::jobs::JobRunner;
use plaudit_import::fake::feeds::{CHANNEL_ID, FeedServer, paths};
use plaudit_store::{Db, on_db, sqlx};

use crate::auth::make_account;
use crate::committee::exec;
use crate::helpers::{TestApp, get_page, post_form, signed_in};
use crate::on_both_backends;

/// Runs the job queue until no source of the person is waiting or being read.
pub(crate) async fn settle(app: &TestApp, runner: &JobRunner, person_id: i64) {
    for _ in 0..200 {
        runner.run_once().await.unwrap();
        let busy: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM import_source WHERE person_id = $1 AND removed_at IS NULL \
             AND (requested_at IS NOT NULL OR running_since IS NOT NULL)")
            .bind(person_id).fetch_one(pool).await)
        .unwrap();
        if busy == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the imports did not finish");
}

async fn count(db: &Db, sql: &'static str, person_id: i64) -> i64 {
    on_db!(db, pool => sqlx::query_scalar(sql).bind(person_id).fetch_one(pool).await).unwrap()
}

const PENDING: &str =
    "SELECT COUNT(*) FROM import_suggestion WHERE person_id = $1 AND status = 'pending'";
const ALL_SUGGESTIONS: &str = "SELECT COUNT(*) FROM import_suggestion WHERE person_id = $1";
const CONTRIBUTIONS: &str = "SELECT COUNT(*) FROM contribution WHERE person_id = $1";

on_both_backends! {
    async fn sources_fill_the_inbox_once_and_the_person_decides(backend: Backend) {
        let feeds = FeedServer::start().await.unwrap();
        let youtube = feeds.base_url().to_owned();
        let app = TestApp::spawn_with(backend, |config| {
            config.import_allow_private_addresses = true;
            config.import_youtube_url = youtube;
        }).await;
        let account_id = make_account(&app.db, "writer@example.org", &[]).await;
        let person_id: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT person_id FROM account WHERE id = $1").bind(account_id).fetch_one(pool).await).unwrap();
        let writer = signed_in(&app, "writer@example.org").await;
        let config = plaudit::config::Config {
            import_allow_private_addresses: true,
            import_youtube_url: feeds.base_url().to_owned(),
            ..plaudit::config::Config::default()
        };
        let mut runner = JobRunner::new(app.db.clone(), std::sync::Arc::new(plaudit_domain::SystemClock));
        runner.importer = Some(config.importer().unwrap());

        // A locator that is not one says what to fix and keeps what was typed.
        let page = "/contributions/sources";
        let refused = post_form(&app, &writer, page, page, &[("kind", "github"), ("locator", "not a login!")]).await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.unwrap();
        assert!(html.contains("Enter a GitHub username") && html.contains("not a login!"), "{html}");

        // A blog by its home page: the feed is found there, and its posts are suggested.
        let added = post_form(&app, &writer, page, page, &[("kind", "feed"), ("locator", &feeds.url(paths::WORDPRESS_HOME))]).await;
        assert_eq!(added.status(), 303);
        let again = post_form(&app, &writer, page, page, &[("kind", "feed"), ("locator", &feeds.url(paths::WORDPRESS_HOME))]).await;
        assert_eq!(again.status(), 422, "the same source twice");
        settle(&app, &runner, person_id).await;
        let first = count(&app.db, ALL_SUGGESTIONS, person_id).await;
        assert!(first >= 3, "the WordPress posts are suggested: {first}");
        let resolved: Option<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT resolved_locator FROM import_source WHERE person_id = $1").bind(person_id)
            .fetch_one(pool).await).unwrap();
        assert_eq!(resolved.as_deref(), Some(feeds.url(paths::WORDPRESS).as_str()));
        let (status, inbox) = get_page(&app, &writer, "/contributions/suggestions").await;
        assert_eq!(status, 200);
        assert!(inbox.contains("Blog post") && inbox.contains("Blog"), "{inbox}");

        // "Import now" again: the feed answers 304 to its ETag and nothing is added.
        let source_id: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT id FROM import_source WHERE person_id = $1").bind(person_id).fetch_one(pool).await).unwrap();
        let requested = post_form(&app, &writer, page, &format!("{page}/{source_id}/import"), &[]).await;
        assert_eq!(requested.status(), 303);
        settle(&app, &runner, person_id).await;
        let conditional = feeds.requests().into_iter().rfind(|r| r.path == paths::WORDPRESS).unwrap();
        assert!(conditional.if_none_match.is_some(), "the second read is conditional");
        assert!(conditional.user_agent.as_deref().unwrap_or_default().starts_with("Plaudit/"));
        assert_eq!(count(&app.db, ALL_SUGGESTIONS, person_id).await, first, "a second import adds nothing");

        // Dismiss one, accept one, then accept the rest in bulk.
        let ids: Vec<i64> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT id FROM import_suggestion WHERE person_id = $1 ORDER BY id").bind(person_id)
            .fetch_all(pool).await).unwrap();
        let inbox_page = "/contributions/suggestions";
        let dismissed = post_form(&app, &writer, inbox_page, inbox_page, &[("action", "dismiss"), ("id", &ids[0].to_string())]).await;
        assert_eq!(dismissed.status(), 303);
        let accepted = post_form(&app, &writer, inbox_page, inbox_page, &[("action", "accept"), ("id", &ids[1].to_string())]).await;
        assert_eq!(accepted.status(), 303);
        assert_eq!(count(&app.db, CONTRIBUTIONS, person_id).await, 1);
        let (source, visibility): (String, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT c.source, c.visibility FROM contribution c JOIN import_suggestion g \
             ON g.contribution_id = c.id WHERE g.id = $1").bind(ids[1]).fetch_one(pool).await).unwrap();
        assert_eq!((source.as_str(), visibility.as_str()), ("feed", "public"));
        let bulk = post_form(&app, &writer, inbox_page, inbox_page, &[("action", "accept_all")]).await;
        assert_eq!(bulk.status(), 303);
        assert_eq!(count(&app.db, CONTRIBUTIONS, person_id).await, first - 1);
        assert_eq!(count(&app.db, PENDING, person_id).await, 0);

        // Removed and added again, the source is read afresh: the dismissed post stays
        // dismissed and the accepted ones are not suggested again.
        let removed = post_form(&app, &writer, page, &format!("{page}/{source_id}/remove"), &[]).await;
        assert_eq!(removed.status(), 303);
        post_form(&app, &writer, page, page, &[("kind", "feed"), ("locator", &feeds.url(paths::WORDPRESS_HOME))]).await;
        settle(&app, &runner, person_id).await;
        assert_eq!(count(&app.db, ALL_SUGGESTIONS, person_id).await, first);
        assert_eq!(count(&app.db, PENDING, person_id).await, 0);

        // A hundred entries with one broken: 99 suggestions, and the broken one reported alone.
        post_form(&app, &writer, page, page, &[("kind", "feed"), ("locator", &feeds.url(paths::HUNDRED))]).await;
        settle(&app, &runner, person_id).await;
        assert_eq!(count(&app.db, PENDING, person_id).await, 99);
        let (_, sources) = get_page(&app, &writer, page).await;
        assert!(sources.contains("One entry could not be read"), "{sources}");
        let broken = "Entry 57 (https://dispatch.example.org/2025-02-12/day-44/): \
                      Its XML is broken, so it was skipped.";
        assert!(sources.contains(broken), "{sources}");
        // The parser's own words are shown apart, marked as English, to mend the feed by.
        let detail = "Technical detail: <code lang=\"en\" class=\"break\">expected `&#60;/title&#62;`, \
                      but `&#60;/titel&#62;` was found</code>";
        assert!(sources.contains(detail), "{sources}");
        // The same report in German: every word of it but the parser's.
        let german = writer.get(format!("{}{page}", app.address)).header("accept-language", "de")
            .send().await.unwrap().text().await.unwrap();
        assert!(german.contains("Ein Eintrag war nicht lesbar"), "{german}");
        assert!(german.contains("Eintrag 57 (https://dispatch.example.org/2025-02-12/day-44/): \
                                 Sein XML ist fehlerhaft, deshalb wurde er übersprungen."), "{german}");
        assert!(german.contains("Technische Details: <code lang=\"en\""), "{german}");

        // A failing source says why, in the person's words, and backs off.
        post_form(&app, &writer, page, page, &[("kind", "feed"), ("locator", &feeds.url(paths::SERVER_ERROR))]).await;
        settle(&app, &runner, person_id).await;
        let (_, sources) = get_page(&app, &writer, page).await;
        assert!(sources.contains("The last import failed: The site had an error of its own."), "{sources}");
        let (failures, next_at, fetched_at): (i64, i64, i64) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT failure_count, next_fetch_at, last_fetched_at FROM import_source \
             WHERE person_id = $1 AND failure_kind = 'server_error'").bind(person_id).fetch_one(pool).await).unwrap();
        assert_eq!(failures, 1);
        assert_eq!(next_at - fetched_at, 15 * 60 * 1_000_000, "retried in a quarter hour");

        // A kind the program trusts becomes contributions without asking: the channel's videos,
        // with their views.
        make_account(&app.db, "admin@example.org", &["admin"]).await;
        let admin = signed_in(&app, "admin@example.org").await;
        let trusted = post_form(&app, &admin, "/admin/imports", "/admin/imports/trusted", &[("trusted", "youtube")]).await;
        assert_eq!(trusted.status(), 303);
        let (_, html) = get_page(&app, &admin, "/admin/imports").await;
        assert!(html.contains(r#"value="youtube" checked"#) && !html.contains(r#"value="feed" checked"#), "{html}");
        let before = count(&app.db, CONTRIBUTIONS, person_id).await;
        post_form(&app, &writer, page, page, &[("kind", "youtube"), ("locator", CHANNEL_ID)]).await;
        settle(&app, &runner, person_id).await;
        let videos: Vec<(String, Option<i64>)> = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT contribution_type, views FROM contribution WHERE person_id = $1 AND source = 'youtube'")
            .bind(person_id).fetch_all(pool).await).unwrap();
        assert!(!videos.is_empty());
        assert!(videos.iter().all(|(kind, views)| kind == "video" && views.is_some()), "{videos:?}");
        assert_eq!(count(&app.db, CONTRIBUTIONS, person_id).await, before + videos.len() as i64);
        let channel: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM person_identity WHERE person_id = $1 AND kind = 'youtube_channel'")
            .bind(person_id).fetch_one(pool).await).unwrap();
        assert_eq!(channel, 1, "the channel is recorded as the person's");

        // Someone else's sources and suggestions are out of reach.
        make_account(&app.db, "other@example.org", &[]).await;
        let other = signed_in(&app, "other@example.org").await;
        let theirs = post_form(&app, &other, page, &format!("{page}/{source_id}/import"), &[]).await;
        assert_eq!(theirs.status(), 404);
        let (_, other_inbox) = get_page(&app, &other, inbox_page).await;
        assert!(other_inbox.contains("Nothing here."));
    }
}

/// Every row a merge may move, as (table, id, person), and each person's `merged_into_id`.
async fn ownership(db: &Db) -> Vec<(String, i64, i64)> {
    let mut rows = Vec::new();
    let columns = plaudit_store::merges::moved_columns().chain([("person", "merged_into_id")]);
    for (table, column) in columns {
        let sql = format!("SELECT id, COALESCE({column}, 0) FROM {table} ORDER BY id");
        let found: Vec<(i64, i64)> =
            on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(pool).await).unwrap();
        rows.extend(found.into_iter().map(|(id, person)| (table.to_owned(), id, person)));
    }
    rows
}

on_both_backends! {
    async fn a_merge_moves_what_the_merged_person_owns_and_its_undo_leaves_the_data_as_it_was(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        make_account(&app.db, "admin@example.org", &["admin"]).await;
        let admin = signed_in(&app, "admin@example.org").await;
        let person_of = |email: &'static str| {
            let db = app.db.clone();
            async move {
                let account = make_account(&db, email, &[]).await;
                let id: i64 = on_db!(&db, pool => sqlx::query_scalar(
                    "SELECT person_id FROM account WHERE id = $1").bind(account).fetch_one(pool).await).unwrap();
                id
            }
        };
        let kept = person_of("ada@example.org").await;
        let merged = person_of("ada.work@example.org").await;
        exec(&app.db, "INSERT INTO category (slug, name, position, created_at) VALUES ('cloud', 'Cloud', 1, 0)".to_owned()).await;
        let contribution = |person: i64, title: &str, url: &str| format!(
            "INSERT INTO contribution (person_id, contribution_type, title, started_on, person_role, \
               visibility, url, canonical_url, created_at, updated_at) \
             VALUES ({person}, 'blog_post', '{title}', '2026-10-01', 'author', 'public', '{url}', '{url}', 0, 0)");
        exec(&app.db, contribution(kept, "Shared post", "https://blog.example.org/shared")).await;
        exec(&app.db, contribution(merged, "Shared post", "https://blog.example.org/shared")).await;
        exec(&app.db, contribution(merged, "Work post", "https://work.example.org/post")).await;
        exec(&app.db, contribution(kept, "Home post", "https://home.example.org/post")).await;
        // The merged person's own account, signed in before the merge.
        let merged_account = signed_in(&app, "ada.work@example.org").await;
        let contributions_of = |client: &reqwest::Client| {
            let (app, client) = (&app, client.clone());
            async move { get_page(app, &client, "/contributions").await.1 }
        };
        assert!(!contributions_of(&merged_account).await.contains("Home post"));
        exec(&app.db, format!(
            "INSERT INTO award (person_id, category_id, award_year, starts_on, ends_on, credential_id, created_at) \
             SELECT {merged}, id, 2025, '2025-01-01', '2025-12-31', 'cred-merged', 0 FROM category WHERE slug = 'cloud'")).await;
        let mut tx = app.db.begin_write().await.unwrap();
        plaudit_store::imports::record_identity(&mut tx, kept, "github", "ada", 0).await.unwrap();
        let other = plaudit_store::imports::record_identity(&mut tx, merged, "github", "Ada", 0).await.unwrap();
        assert_eq!(other, Some(kept), "the login is the kept person's already");
        plaudit_store::imports::record_identity(&mut tx, merged, "stack_exchange", "22656", 0).await.unwrap();
        plaudit_store::imports::suggest_merge(&mut tx, merged, kept, "same_github", 0).await.unwrap();
        plaudit_store::imports::add_source(&mut tx, merged, "github", "ada", 0).await.unwrap();
        tx.commit().await.unwrap();
        let before = ownership(&app.db).await;

        let page = "/admin/imports";
        let (status, html) = get_page(&app, &admin, page).await;
        assert_eq!(status, 200);
        assert!(html.contains("same GitHub account") && html.contains("Merge, keeping ada.work"), "{html}");
        let suggestion: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT id FROM person_merge_suggestion WHERE status = 'open'").fetch_one(pool).await).unwrap();
        let merge_at = format!("/admin/imports/suggestions/{suggestion}/merge");

        // Keeping someone who is neither of the two is refused; nothing moves.
        let refused = post_form(&app, &admin, page, &merge_at, &[("kept", "999999")]).await;
        assert_eq!(refused.status(), 422);
        assert_eq!(ownership(&app.db).await, before);
        let unknown = post_form(&app, &admin, page, "/admin/imports/suggestions/999999/merge", &[("kept", &kept.to_string())]).await;
        assert_eq!(unknown.status(), 404);

        let done = post_form(&app, &admin, page, &merge_at, &[("kept", &kept.to_string())]).await;
        assert_eq!(done.status(), 303);
        let owner_of = |sql: &str| {
            let (db, sql) = (app.db.clone(), sql.to_owned());
            async move { on_db!(&db, pool => sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.as_str())).fetch_one(pool).await).unwrap() }
        };
        assert_eq!(owner_of("SELECT person_id FROM contribution WHERE title = 'Work post'").await, kept);
        assert_eq!(owner_of("SELECT person_id FROM award WHERE credential_id = 'cred-merged'").await, kept);
        assert_eq!(owner_of("SELECT person_id FROM person_identity WHERE kind = 'stack_exchange'").await, kept);
        assert_eq!(owner_of("SELECT person_id FROM import_source WHERE locator = 'ada'").await, kept);
        // What would collide with the kept person's own stays where it was: nothing is lost.
        assert_eq!(owner_of(&format!("SELECT COUNT(*) FROM contribution WHERE title = 'Shared post' AND person_id = {merged}")).await, 1);
        assert_eq!(owner_of("SELECT person_id FROM account WHERE email_normalized = 'ada.work@example.org'").await, merged, "the kept person has an account");
        assert_eq!(owner_of(&format!("SELECT merged_into_id FROM person WHERE id = {merged}")).await, kept);
        let (_, html) = get_page(&app, &admin, page).await;
        assert!(html.contains("No suggested merges.") && html.contains("Undo"), "{html}");
        // Both accounts now sign in as the kept person, the merged one in its open session too.
        let mine = contributions_of(&merged_account).await;
        assert!(mine.contains("Home post") && mine.contains("Work post"), "{mine}");
        let merge_id: i64 = owner_of("SELECT id FROM person_merge").await;

        let undone = post_form(&app, &admin, page, &format!("/admin/imports/merges/{merge_id}/undo"), &[]).await;
        assert_eq!(undone.status(), 303);
        assert_eq!(ownership(&app.db).await, before, "the undo leaves every row with its owner");
        let mine = contributions_of(&merged_account).await;
        assert!(!mine.contains("Home post") && mine.contains("Work post"), "their own again: {mine}");
        let again = post_form(&app, &admin, page, &format!("/admin/imports/merges/{merge_id}/undo"), &[]).await;
        assert_eq!(again.status(), 404, "a merge is undone once");
        let (_, html) = get_page(&app, &admin, page).await;
        assert!(html.contains("Merge, keeping ada.work") && html.contains("Undone on"), "the suggestion is open again: {html}");

        // Telling them apart closes the suggestion for good, and moves nothing.
        let apart = post_form(&app, &admin, page, &format!("/admin/imports/suggestions/{suggestion}/dismiss"), &[]).await;
        assert_eq!(apart.status(), 303);
        assert_eq!(ownership(&app.db).await, before);
        let (_, html) = get_page(&app, &admin, page).await;
        assert!(html.contains("No suggested merges."), "{html}");
        let audit: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE action LIKE 'person.%' ORDER BY id").fetch_all(pool).await).unwrap();
        assert_eq!(audit, ["person.merged", "person.merge_undone", "person.merge_dismissed"]);
    }
}

on_both_backends! {
    async fn an_address_one_person_proves_and_another_is_known_by_suggests_merging_them(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        make_account(&app.db, "admin@example.org", &["admin"]).await;
        let admin = signed_in(&app, "admin@example.org").await;
        // Nominated under a work address, without an account.
        let mut tx = app.db.begin_write().await.unwrap();
        let nominee = plaudit_store::accounts::create_person(
            &mut tx, "Ines Work", "ines-work", "ines@work.example", "ines@work.example",
            crate::helpers::test_now()).await.unwrap();
        tx.commit().await.unwrap();
        make_account(&app.db, "ines@home.example", &[]).await;
        let ines = signed_in(&app, "ines@home.example").await;
        let page = "/admin/imports";
        let (_, html) = get_page(&app, &admin, page).await;
        assert!(html.contains("No suggested merges."), "{html}");

        // Asking for the address suggests nothing: only the opened link proves it hers.
        let asked = post_form(&app, &ines, "/account", "/account/email", &[
            ("current", "correct horse battery"), ("email", "ines@work.example")]).await;
        assert!(asked.status().is_redirection() || asked.status().is_success(), "{}", asked.status());
        let (_, html) = get_page(&app, &admin, page).await;
        assert!(html.contains("No suggested merges."), "{html}");
        let mail: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT body_text FROM mail_outbox WHERE to_address = 'ines@work.example' AND kind = 'change_email'")
            .fetch_one(pool).await).unwrap();
        let link = crate::helpers::link_in(&mail).replace("http://127.0.0.1:8080", &app.address);
        let opened = ines.get(link).send().await.unwrap();
        assert_eq!(opened.status(), 303);

        let (_, html) = get_page(&app, &admin, page).await;
        assert!(html.contains("same verified e-mail address") && html.contains("Ines Work"), "{html}");
        let (a, b): (i64, i64) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT person_a_id, person_b_id FROM person_merge_suggestion WHERE reason = 'same_email'")
            .fetch_one(pool).await).unwrap();
        assert!(a == nominee || b == nominee, "the nominee is one of the two");
    }
}

on_both_backends! {
    async fn github_stack_exchange_and_sessionize_fill_the_inbox_once_and_name_their_identities(backend: Backend) {
        use plaudit_github::fake::FakeGitHub;
        use plaudit_import::fake::sessionize::FakeSessionize;
        use plaudit_import::fake::stack_exchange::FakeStackExchange;

        let github = FakeGitHub::start().await.unwrap();
        github.seed_contributor("Mira-Okafor");
        let stack_exchange = FakeStackExchange::start().await.unwrap();
        let sessionize = FakeSessionize::start().await.unwrap();
        let point = |config: &mut plaudit::config::Config| {
            config.import_allow_private_addresses = true;
            config.github_api_url = github.url().to_owned();
            config.import_stack_exchange_url = stack_exchange.url().to_owned();
            config.import_sessionize_url = sessionize.url().to_owned();
        };
        let app = TestApp::spawn_with(backend, point).await;
        let mut config = plaudit::config::Config::default();
        point(&mut config);
        let mut runner = JobRunner::new(app.db.clone(), std::sync::Arc::new(plaudit_domain::SystemClock));
        runner.importer = Some(config.importer().unwrap());
        let account_id = make_account(&app.db, "mira@example.org", &[]).await;
        let person_id: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT person_id FROM account WHERE id = $1").bind(account_id).fetch_one(pool).await).unwrap();
        let mira = signed_in(&app, "mira@example.org").await;
        // Mira reads German: what the APIs say of her work is worded in German for her.
        let chose = post_form(&app, &mira, "/account", "/account/language", &[("language", "de")]).await;
        assert_eq!(chose.status(), 303);
        let page = "/contributions/sources";
        for (kind, locator) in [
            ("github", "https://github.com/Mira-Okafor"),
            ("stack_exchange", "https://stackoverflow.com/users/4815162"),
            ("sessionize", "https://sessionize.com/api/speaker/json/k3x9qv2m7p"),
        ] {
            let added = post_form(&app, &mira, page, page, &[("kind", kind), ("locator", locator)]).await;
            assert_eq!(added.status(), 303, "{kind} {locator}");
        }
        settle(&app, &runner, person_id).await;
        let failures: Vec<(String, Option<String>)> = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT kind, last_error FROM import_source WHERE person_id = $1 AND failure_kind IS NOT NULL")
            .bind(person_id).fetch_all(pool).await).unwrap();
        assert!(failures.is_empty(), "{failures:?}");
        let by_kind: Vec<(String, i64)> = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT s.kind, COUNT(*) FROM import_suggestion g \
             JOIN import_source s ON s.id = g.import_source_id WHERE g.person_id = $1 \
             GROUP BY s.kind ORDER BY s.kind").bind(person_id).fetch_all(pool).await).unwrap();
        let kinds: Vec<&str> = by_kind.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(kinds, ["github", "sessionize", "stack_exchange"], "{by_kind:?}");
        assert!(by_kind.iter().all(|(_, n)| *n > 0), "{by_kind:?}");
        let scored: i64 = count(&app.db,
            "SELECT COUNT(*) FROM import_suggestion WHERE person_id = $1 AND reach_metric = 'score'",
            person_id).await;
        assert!(scored > 0, "answers carry their score as reach");
        let identities: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT kind FROM person_identity WHERE person_id = $1 AND kind <> 'email' ORDER BY kind").bind(person_id)
            .fetch_all(pool).await).unwrap();
        assert_eq!(identities, ["github", "sessionize", "stack_exchange"]);
        let summaries: Vec<(String, String)> = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT s.kind, g.summary FROM import_suggestion g \
             JOIN import_source s ON s.id = g.import_source_id WHERE g.person_id = $1")
            .bind(person_id).fetch_all(pool).await).unwrap();
        let worded = |kind: &str, start: &str| summaries.iter().any(|(k, s)| k == kind && s.starts_with(start));
        assert!(worded("github", "Pull-Request #") && worded("github", "Repository Mira-Okafor/"), "{summaries:?}");
        assert!(worded("stack_exchange", "Akzeptierte Antwort auf stackoverflow.com."), "{summaries:?}");
        assert!(worded("sessionize", "Vortrag bei "), "{summaries:?}");
        assert!(summaries.iter().all(|(_, s)| !s.contains("Speaker at") && !s.contains("merged on")), "{summaries:?}");

        // Read again on demand: nothing new, nothing twice.
        let first = count(&app.db, ALL_SUGGESTIONS, person_id).await;
        let ids: Vec<i64> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT id FROM import_source WHERE person_id = $1").bind(person_id).fetch_all(pool).await).unwrap();
        for id in ids {
            let path = format!("/contributions/sources/{id}/import");
            assert_eq!(post_form(&app, &mira, page, &path, &[]).await.status(), 303);
        }
        settle(&app, &runner, person_id).await;
        assert_eq!(count(&app.db, ALL_SUGGESTIONS, person_id).await, first, "a second import adds nothing");
    }
}
