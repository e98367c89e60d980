//! The public face over HTTP, on both databases: the directory lists exactly the people who
//! hold an award today (or held one), in name order across every page, narrowed by facets and
//! search; a profile shows only what its person made public; cached pages answer 304s and
//! compressed bodies, and a change shows at once; nothing private reaches a public answer.

use std::collections::BTreeSet;

use plaudit_store::{Db, on_db, sqlx};

use crate::auth::{demo_account, sign_in};
use crate::helpers::{TestApp, browser, csrf_from};
use crate::on_both_backends;

/// The people holding an award on the demo's day, by the award table itself.
async fn current_awardees(db: &Db) -> BTreeSet<String> {
    let today = crate::helpers::test_now().strftime("%Y-%m-%d").to_string();
    let slugs: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT DISTINCT p.slug FROM award a JOIN person p ON p.id = a.person_id \
         WHERE a.starts_on <= $1 AND a.ends_on >= $1 AND a.ended_early_on IS NULL \
           AND a.revoked_at IS NULL")
        .bind(today).fetch_all(pool).await)
    .unwrap();
    slugs.into_iter().collect()
}

fn slugs_in(page: &str) -> Vec<String> {
    page.split("<h3><a href=\"/people/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect()
}

fn link(page: &str, rel: &str) -> Option<String> {
    let at = page.find(&format!("rel=\"{rel}\""))?;
    let before = &page[..at];
    let href = before.rfind("href=\"")?;
    Some(before[href + 6..].split('"').next()?.replace("&amp;", "&"))
}

async fn text(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

on_both_backends! {
    async fn the_directory_pages_through_exactly_the_current_awardees_in_name_order(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let expected = current_awardees(&app.db).await;
        assert!(expected.len() > 100, "the small demo has its awardees");
        let mut seen = Vec::new();
        let mut path = "/people".to_owned();
        let mut pages = Vec::new();
        loop {
            let page = text(&app, &path).await;
            let slugs = slugs_in(&page);
            assert!(slugs.len() <= 24 && !slugs.is_empty(), "{path}");
            seen.extend(slugs);
            pages.push((path.clone(), page.clone()));
            match link(&page, "next") {
                Some(next) => path = next,
                None => break,
            }
        }
        assert_eq!(seen.iter().cloned().collect::<BTreeSet<_>>(), expected, "everyone, once");
        assert_eq!(seen.len(), expected.len(), "nobody twice");
        let first = &pages[0].1;
        assert!(first.contains(&format!("{} awardees", expected.len())), "the count is the award table's");
        assert!(link(first, "prev").is_none(), "the first page has no previous page");

        // Page 2's previous link leads back to exactly page 1.
        let back = link(&pages[1].1, "prev").expect("page 2 links back");
        assert_eq!(slugs_in(&text(&app, &back).await), slugs_in(first));

        // Names are in folded alphabetical order across the pages.
        let names: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT p.display_name FROM person p JOIN directory_entry e ON e.person_id = p.id \
             WHERE e.status = 'current' ORDER BY e.sort_key, e.person_id").fetch_all(pool).await).unwrap();
        let folded: Vec<String> = names.iter().map(|n| plaudit_domain::directory::fold(n)).collect();
        let mut sorted = folded.clone();
        sorted.sort();
        assert_eq!(folded, sorted);

        // Alumni are their own list.
        let alumni = text(&app, "/people?status=alumni").await;
        assert!(alumni.contains("aria-current=\"page\">Alumni"), "{alumni}");
        for slug in slugs_in(&alumni) {
            assert!(!expected.contains(&slug), "{slug} is an awardee, not an alumnus");
        }
    }
}

on_both_backends! {
    async fn facets_and_search_narrow_the_directory_and_say_how_many(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let country: (String, i64) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT p.country, COUNT(DISTINCT p.id) FROM person p JOIN award a ON a.person_id = p.id \
             WHERE a.starts_on <= $1 AND a.ends_on >= $1 AND a.ended_early_on IS NULL \
               AND a.revoked_at IS NULL GROUP BY p.country ORDER BY COUNT(DISTINCT p.id) DESC, p.country LIMIT 1")
            .bind(crate::helpers::test_now().strftime("%Y-%m-%d").to_string())
            .fetch_one(pool).await).unwrap();
        let page = text(&app, &format!("/people?country={}", country.0)).await;
        assert!(page.contains(&format!("{} awardees", country.1)), "{page}");
        for slug in slugs_in(&page) {
            let of: String = on_db!(&app.db, pool => sqlx::query_scalar(
                "SELECT country FROM person WHERE slug = $1").bind(&slug).fetch_one(pool).await).unwrap();
            assert_eq!(of, country.0);
        }
        assert!(page.contains("Remove<span class=\"visually-hidden\">: Country"), "the filter can be removed");

        // Search by a listed person's last name, with its accents folded and a prefix.
        let (name, slug): (String, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT display_name, slug FROM directory_entry WHERE status = 'current' ORDER BY person_id LIMIT 1")
            .fetch_one(pool).await).unwrap();
        let last = name.split(' ').next_back().unwrap();
        let prefix: String = last.chars().take(4).collect();
        let found = text(&app, &format!("/people?q={}", prefix.to_uppercase())).await;
        assert!(slugs_in(&found).contains(&slug), "{prefix} finds {slug}");
        assert!(found.contains(&format!("value=\"{}\"", prefix.to_uppercase())), "the search is kept");

        // Search and a facet together keep both.
        let both = text(&app, &format!("/people?q={prefix}&country={}", country.0)).await;
        assert!(both.contains(&format!("type=\"hidden\" name=\"country\" value=\"{}\"", country.0)));

        // Nobody matches: said, with a way back.
        let none = text(&app, "/people?q=zzzzqqqq").await;
        assert!(none.contains("Nobody matches") && slugs_in(&none).is_empty());

        // Values nobody writes are refused with what to fix, never a server error.
        for bad in ["/people?country=Germany", "/people?after=0:ann", "/people?status=all",
                    "/people?year=20x4", "/people?category=%3Cscript%3E"] {
            let response = app.get(bad).await;
            assert_eq!(response.status(), 422, "{bad}");
        }
        // Search syntax of either database is only words.
        for odd in ["\"", "*", "NEAR(a b)", "a:*", "!", "'; --", "ann OR bob", "(", "^x"] {
            let path = format!("/people?q={}", odd.replace(' ', "+").replace('"', "%22").replace('\'', "%27")
                .replace('(', "%28").replace(')', "%29").replace(';', "%3B").replace('^', "%5E"));
            assert_eq!(app.get(&path).await.status(), 200, "{odd}");
        }
    }
}

on_both_backends! {
    async fn a_profile_shows_what_is_public_and_an_edit_shows_at_once(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let email = demo_account(&app.db,
            "EXISTS (SELECT 1 FROM directory_entry e WHERE e.person_id = p.id AND e.status = 'current')").await;
        let (person_id, slug): (i64, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT p.id, p.slug FROM person p JOIN account a ON a.person_id = p.id WHERE a.email_normalized = $1")
            .bind(&email).fetch_one(pool).await).unwrap();
        // Something of each visibility, and a reviewer's note.
        for (title, visibility, note) in [("Public talk on Rust", "public", ""),
                                          ("Program-only briefing", "program_only", ""),
                                          ("Private draft", "private", "note for reviewers only")] {
            on_db!(&app.db, pool => sqlx::query(
                "INSERT INTO contribution (person_id, contribution_type, title, private_note, started_on, \
                   person_role, visibility, created_at, updated_at) \
                 VALUES ($1, 'blog_post', $2, $3, '2026-11-02', 'author', $4, 0, 0)")
                .bind(person_id).bind(title).bind(note).bind(visibility).execute(pool).await.map(|_| ())).unwrap();
        }
        let path = format!("/people/{slug}");
        let page = text(&app, &path).await;
        assert!(page.contains("Public talk on Rust"));
        for hidden in ["Program-only briefing", "Private draft", "note for reviewers only", &email] {
            assert!(!page.contains(hidden), "{hidden} is not public");
        }
        assert!(page.contains(&format!("<link rel=\"canonical\" href=\"http://127.0.0.1:8080{path}\">")), "{page}");
        assert!(page.contains("property=\"og:title\"") && page.contains("Awardee since"));
        assert!(page.contains("<svg") && page.contains("role=\"img\""), "the activity chart");

        // The page is cached for visitors: a second view is a 304 for the same ETag.
        let first = app.get(&path).await;
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        assert!(first.headers().contains_key("last-modified"));
        let again = app.client.get(format!("{}{path}", app.address))
            .header("if-none-match", &etag).send().await.unwrap();
        assert_eq!(again.status(), 304);
        let compressed = app.client.get(format!("{}{path}", app.address))
            .header("accept-encoding", "br").send().await.unwrap();
        assert_eq!(compressed.headers()["content-encoding"], "br");

        // The person edits their headline: the next visitor sees it at once.
        let client = browser();
        assert_eq!(sign_in(&app, &client, &email, "correct horse battery").await.status(), 303);
        let csrf = csrf_from(&client, &format!("{}/profile", app.address)).await;
        let saved = client.post(format!("{}/profile", app.address)).form(&[
            ("csrf", csrf.as_str()), ("name", "Quinn Example"), ("headline", "Now teaching Rust daily"),
            ("bio", ""), ("country", "DE"), ("region", ""), ("employer", ""), ("links", ""),
            ("languages", "en"), ("minimum_age", "yes"), ("code_of_conduct", "yes"),
        ]).send().await.unwrap();
        assert_eq!(saved.status(), 303, "{}", saved.text().await.unwrap());
        let fresh = app.client.get(format!("{}{path}", app.address))
            .header("if-none-match", &etag).send().await.unwrap();
        assert_eq!(fresh.status(), 200, "the old copy is stale");
        let fresh = fresh.text().await.unwrap();
        assert!(fresh.contains("Now teaching Rust daily") && fresh.contains("Quinn Example"));
        let directory = text(&app, "/people?q=quinn").await;
        assert!(slugs_in(&directory).contains(&slug), "the search finds the new name at once");

        // Someone the directory does not list has no public profile.
        let unlisted: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT slug FROM person WHERE id NOT IN (SELECT person_id FROM directory_entry) ORDER BY id LIMIT 1")
            .fetch_one(pool).await).unwrap();
        assert_eq!(app.get(&format!("/people/{unlisted}")).await.status(), 404);

        // The sitemap lists the profile and not the unlisted person.
        let sitemap = text(&app, "/sitemap.xml").await;
        assert!(sitemap.contains(&format!("/people/{slug}</loc>")));
        assert!(!sitemap.contains(&format!("/people/{unlisted}</loc>")));
    }
}

on_both_backends! {
    async fn an_award_ended_early_moves_its_holder_to_the_alumni_at_once(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let email = demo_account(&app.db,
            "EXISTS (SELECT 1 FROM directory_entry e WHERE e.person_id = p.id AND e.status = 'current') \
             AND (SELECT COUNT(*) FROM award w WHERE w.person_id = p.id AND w.ended_early_on IS NULL \
                  AND w.ends_on >= '2026-11-29' AND w.starts_on <= '2026-11-29') = 1").await;
        let slug: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT p.slug FROM person p JOIN account a ON a.person_id = p.id WHERE a.email_normalized = $1")
            .bind(&email).fetch_one(pool).await).unwrap();
        let home = text(&app, "/").await;
        let before = text(&app, "/people").await;
        // Joining the sponsor gives the award up.
        let client = browser();
        sign_in(&app, &client, &email, "correct horse battery").await;
        let sponsor: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT sponsor_name FROM program_settings").fetch_one(pool).await).unwrap();
        let csrf = csrf_from(&client, &format!("{}/profile", app.address)).await;
        let saved = client.post(format!("{}/profile", app.address)).form(&[
            ("csrf", csrf.as_str()), ("name", "Sam Sponsor"), ("headline", ""), ("bio", ""),
            ("country", ""), ("region", ""), ("employer", sponsor.as_str()), ("links", ""),
            ("languages", ""), ("minimum_age", "yes"), ("code_of_conduct", "yes"),
        ]).send().await.unwrap();
        assert_eq!(saved.status(), 303);
        let after = text(&app, "/people").await;
        assert_ne!(before, after, "the directory changed");
        let alumni = text(&app, "/people?status=alumni&q=sam+sponsor").await;
        assert!(slugs_in(&alumni).contains(&slug), "{alumni}");
        let profile = text(&app, &format!("/people/{slug}")).await;
        assert!(profile.contains("Alumni since"), "{profile}");
        assert_ne!(text(&app, "/").await, home, "the home page's count follows");
    }
}

on_both_backends! {
    async fn nothing_private_reaches_any_public_answer(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let email = demo_account(&app.db,
            "EXISTS (SELECT 1 FROM directory_entry e WHERE e.person_id = p.id AND e.status = 'current')").await;
        let (person_id, slug): (i64, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT p.id, p.slug FROM person p JOIN account a ON a.person_id = p.id WHERE a.email_normalized = $1")
            .bind(&email).fetch_one(pool).await).unwrap();
        // What only the person, the program or nobody else may read, each with a marker.
        for (title, visibility, note) in [("Zyxwv program-only briefing", "program_only", "Qwxyz note one"),
                                          ("Zyxwv private draft", "private", "Qwxyz note two"),
                                          ("A public post", "public", "Qwxyz note three")] {
            on_db!(&app.db, pool => sqlx::query(
                "INSERT INTO contribution (person_id, contribution_type, title, private_note, started_on, \
                   person_role, visibility, created_at, updated_at) \
                 VALUES ($1, 'blog_post', $2, $3, '2026-11-02', 'author', $4, 0, 0)")
                .bind(person_id).bind(title).bind(note).bind(visibility).execute(pool).await.map(|_| ())).unwrap();
        }
        on_db!(&app.db, pool => sqlx::query(
            "UPDATE person SET employer = 'Vbnmq Employer', birth_date_on = '1980-02-29' WHERE id = $1")
            .bind(person_id).execute(pool).await.map(|_| ())).unwrap();
        // Announcements under NDA and for awardees only, one still under embargo.
        for (slug, under_nda, embargo) in [("nda-plain", true, None), ("nda-embargoed", true, Some(4_102_444_800_000_000_i64)),
                                           ("awardees-only", false, None)] {
            on_db!(&app.db, pool => sqlx::query(
                "INSERT INTO announcement (slug, title, body, under_nda, awardees_only, public_from_at, \
                   public_at, published_at, created_at) VALUES ($1, 'Ndaxq title', 'Ndaxq body', $2, TRUE, $3, $3, 0, 0)")
                .bind(slug).bind(under_nda).bind(embargo).execute(pool).await.map(|_| ())).unwrap();
            assert_eq!(app.get(&format!("/announcements/{slug}")).await.status(), 404, "{slug}");
        }
        // Product feedback under NDA, with a message and the contribution filing records.
        on_db!(&app.db, pool => sqlx::query(
            "INSERT INTO feedback_thread (author_person_id, product_area_id, title, status, severity, \
               under_nda, created_at, updated_at) \
             VALUES ($1, (SELECT MIN(id) FROM product_area), 'Ndaxq feedback', 'new', 'high', TRUE, 0, 0)")
            .bind(person_id).execute(pool).await.map(|_| ())).unwrap();
        on_db!(&app.db, pool => sqlx::query(
            "INSERT INTO feedback_message (thread_id, author_account_id, from_product_team, body, created_at) \
             SELECT t.id, a.id, FALSE, 'Ndaxq message', 0 FROM feedback_thread t \
             JOIN account a ON a.person_id = t.author_person_id WHERE t.title = 'Ndaxq feedback'")
            .execute(pool).await.map(|_| ())).unwrap();
        // The private community: a thread, and contact details shared with awardees only.
        on_db!(&app.db, pool => sqlx::query(
            "INSERT INTO community_post (category_id, author_person_id, title, body, created_at, last_post_at) \
             VALUES ((SELECT MIN(id) FROM category), $1, 'Ndaxq community thread', 'Ndaxq community body', 0, 0)")
            .bind(person_id).execute(pool).await.map(|_| ())).unwrap();
        on_db!(&app.db, pool => sqlx::query(
            "INSERT INTO community_contact (person_id, share_email, contact_note, updated_at) \
             VALUES ($1, TRUE, 'Qwxyz contact note', 0) ON CONFLICT (person_id) DO UPDATE \
             SET share_email = TRUE, contact_note = 'Qwxyz contact note'")
            .bind(person_id).execute(pool).await.map(|_| ())).unwrap();
        let credential: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT credential_id FROM award WHERE person_id = $1 ORDER BY id LIMIT 1")
            .bind(person_id).fetch_one(pool).await).unwrap();
        let category: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT slug FROM category ORDER BY id LIMIT 1").fetch_one(pool).await).unwrap();

        let mut surfaces = vec![
            "/".to_owned(), "/people".to_owned(), "/people?status=alumni".to_owned(),
            format!("/people/{slug}"), "/sitemap.xml".to_owned(), format!("/rubrics/{category}"),
            format!("/credentials/{credential}"), format!("/credentials/{credential}/credential.json"),
            format!("/credentials/{credential}/badge.svg"), "/issuer".to_owned(),
            "/status-lists/revocation".to_owned(), "/feeds/awardees.atom".to_owned(),
            "/announcements".to_owned(), "/feeds/announcements.atom".to_owned(),
            "/developers/api".to_owned(), "/api/v1/openapi.json".to_owned(),
            "/api/v1/people".to_owned(), "/api/v1/people?status=alumni".to_owned(),
            format!("/api/v1/people/{slug}"), "/api/v1/awards".to_owned(), "/api/v1/categories".to_owned(),
            format!("/api/v1/rubrics/{category}"), format!("/api/v1/credentials/{credential}"),
        ];
        // Searching for a private word finds nobody and shows no private text.
        for word in ["zyxwv", "qwxyz", "vbnmq", "ndaxq"] {
            surfaces.push(format!("/people?q={word}"));
            surfaces.push(format!("/api/v1/people?q={word}"));
        }
        let mut found_public_post = false;
        for path in &surfaces {
            let answer = app.get(path).await;
            assert_eq!(answer.status(), 200, "{path}");
            let body = answer.text().await.unwrap();
            for secret in ["Zyxwv", "Qwxyz", "Vbnmq", "Ndaxq", "1980-02-29", email.as_str()] {
                assert!(!body.contains(secret), "{path} shows {secret}");
            }
            if path.starts_with("/people?q=") {
                assert!(slugs_in(&body).is_empty(), "{path} finds nobody");
            }
            if path.starts_with("/api/v1/people?q=") {
                let found: serde_json::Value = serde_json::from_str(&body).unwrap();
                assert_eq!(found["people"], serde_json::json!([]), "{path} finds nobody");
            }
            found_public_post |= body.contains("A public post");
        }
        assert!(found_public_post, "the walk reads the pages that show public contributions");
    }
}

on_both_backends! {
    async fn the_feed_of_new_awardees_is_atom_a_feed_reader_reads(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let answer = app.get("/feeds/awardees.atom").await;
        assert_eq!(answer.status(), 200);
        assert_eq!(answer.headers()["content-type"], "application/atom+xml; charset=utf-8");
        let body = answer.bytes().await.unwrap();
        let feed = feed_rs::parser::parse(&body[..]).unwrap();
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert_eq!(feed.id, "http://127.0.0.1:8080/feeds/awardees.atom");
        assert!(feed.title.unwrap().content.ends_with(": new awardees"));
        assert!(feed.updated.is_some() && !feed.authors.is_empty(), "RFC 4287: updated and an author");
        assert_eq!(feed.entries.len(), 50);

        // Newest first, each naming an award that started by today, as the award table says.
        let today = crate::helpers::test_now().strftime("%Y-%m-%d").to_string();
        let newest: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT credential_id FROM award WHERE revoked_at IS NULL AND starts_on <= $1 \
             ORDER BY starts_on DESC, id DESC LIMIT 50").bind(&today).fetch_all(pool).await).unwrap();
        let ids: Vec<String> = feed.entries.iter().map(|e| e.id.clone()).collect();
        let expected: Vec<String> =
            newest.iter().map(|c| format!("http://127.0.0.1:8080/credentials/{c}")).collect();
        assert_eq!(ids, expected);
        let mut previous = None;
        for entry in &feed.entries {
            assert!(entry.title.as_ref().is_some_and(|t| !t.content.is_empty()));
            let updated = entry.updated.unwrap();
            assert!(previous.is_none_or(|p| updated <= p), "newest first");
            previous = Some(updated);
            assert!(entry.links.iter().any(|l| l.href.contains("/people/")), "links the profile");
        }

        // A German reader gets German words.
        let german = app.client.get(format!("{}/feeds/awardees.atom", app.address))
            .header("accept-language", "de").send().await.unwrap().bytes().await.unwrap();
        let german = feed_rs::parser::parse(&german[..]).unwrap();
        assert!(german.title.unwrap().content.ends_with(": neue Ausgezeichnete"));
    }
}

on_both_backends! {
    async fn the_directory_takes_a_rebuild_and_refreshes_at_the_same_time(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let people: Vec<i64> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT person_id FROM directory_entry ORDER BY person_id LIMIT 40").fetch_all(pool).await).unwrap();
        let today = jiff::civil::date(2026, 11, 29);
        let now = crate::helpers::test_now();
        for _ in 0..5 {
            let rebuild = async {
                let mut tx = app.db.begin_write().await?;
                plaudit_store::directory::rebuild(&mut tx, today, now).await?;
                tx.commit().await
            };
            let refreshes = futures_util::future::join_all(people.chunks(10).map(|chunk| async {
                let mut tx = app.db.begin_write().await?;
                plaudit_store::directory::refresh_people(&mut tx, chunk, today, now).await?;
                tx.commit().await
            }));
            let (rebuilt, refreshed) = tokio::join!(rebuild, refreshes);
            rebuilt.unwrap();
            for refreshed in refreshed {
                refreshed.unwrap();
            }
        }
        let listed: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM directory_entry WHERE person_id <= $1")
            .bind(people.last().copied().unwrap()).fetch_one(pool).await).unwrap();
        assert_eq!(listed, people.len() as i64, "everyone is still listed, once");
    }
}
