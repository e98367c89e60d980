//! Running the program over HTTP, on both databases: the settings (every refusal writes
//! nothing; a saved setting takes effect), the code of conduct, categories with their areas
//! and rubric, and the dashboard's charts against counts made here.

use std::collections::BTreeMap;
use std::sync::Arc;

use plaudit::ops::Ctx;
use plaudit_store::{Db, on_db, sqlx};

use crate::auth::{make_account, sign_in};
use crate::helpers::{TestApp, browser, csrf_from, test_clock};
use crate::on_both_backends;

async fn count(db: &Db, sql: &'static str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).unwrap()
}

/// Everything a settings save could write, to prove a refusal wrote nothing.
async fn settings_rows(db: &Db) -> Vec<String> {
    let settings: (String, String, i64, String, i64, i64, String, bool, String, Option<String>) =
        on_db!(db, pool => sqlx::query_as(
            "SELECT name, sponsor_name, minimum_age, score_aggregation, review_quorum, renewal_day, \
             time_zone, share_rationale, renewal_reminder_days, default_language \
             FROM program_settings").fetch_one(pool).await).unwrap();
    let domains: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT domain FROM sponsor_domain ORDER BY domain").fetch_all(pool).await)
    .unwrap();
    let audit = count(db, "SELECT COUNT(*) FROM audit_log").await;
    vec![format!("{settings:?}"), format!("{domains:?}"), audit.to_string()]
}

async fn signed_in_admin(app: &TestApp) -> reqwest::Client {
    make_account(&app.db, "boss@example.org", &["admin"]).await;
    let admin = browser();
    assert_eq!(
        sign_in(app, &admin, "boss@example.org", "correct horse battery").await.status(),
        303
    );
    admin
}

/// The demo program's settings as the form sends them, with `changes` made.
fn settings_form(changes: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut form: Vec<(&'static str, String)> = [
        ("name", "Community Champions"),
        (
            "tagline",
            "Recognising the people who teach, build and lead the Northwind developer \
                     community, against a rubric anyone can read.",
        ),
        ("sponsor_name", plaudit::demo::SPONSOR),
        ("sponsor_domains", "northwind.example\nnwcloud.example"),
        ("minimum_age", "18"),
        ("multiple_categories_allowed", "yes"),
        ("score_aggregation", "median"),
        ("review_quorum", "3"),
        ("renewal_month", "7"),
        ("renewal_day", "1"),
        ("time_zone", "UTC"),
        ("default_language", ""),
        ("share_rationale", "yes"),
        ("renewal_reminder_days", "60, 30, 7"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect();
    for (field, value) in changes {
        match form.iter_mut().find(|(k, _)| k == field) {
            Some(pair) => pair.1 = (*value).to_owned(),
            None => form.push((field, (*value).to_owned())),
        }
    }
    form
}

async fn post_settings(
    app: &TestApp,
    admin: &reqwest::Client,
    changes: &[(&'static str, &str)],
) -> reqwest::Response {
    let csrf = csrf_from(admin, &format!("{}/admin/settings", app.address)).await;
    let mut form = settings_form(changes);
    form.push(("csrf", csrf));
    admin.post(format!("{}/admin/settings", app.address)).form(&form).send().await.unwrap()
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

on_both_backends! {
    async fn every_bad_setting_is_named_at_its_field_keeps_what_was_typed_and_writes_nothing(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let admin = signed_in_admin(&app).await;
        let before = settings_rows(&app.db).await;
        let cases: [(&'static str, &str, &str); 12] = [
            ("name", "  ", "This is required."),
            ("sponsor_name", "", "This is required."),
            ("sponsor_domains", "northwind.example\nnot a domain", "is not a domain such as example.com"),
            ("minimum_age", "140", "Write a whole number from 0 to 99."),
            ("score_aggregation", "mode", "Choose median or mean."),
            ("review_quorum", "0", "Write a whole number from 1 to 50."),
            ("review_quorum", "51", "Write a whole number from 1 to 50."),
            ("renewal_day", "31", "This day does not exist every year"),
            ("renewal_month", "13", "Write a whole number from 1 to 12."),
            ("time_zone", "Europe/Atlantis", "is not a time zone we know"),
            ("default_language", "fr", "Choose one of the languages offered."),
            ("renewal_reminder_days", "60, 400", "is not a number of days from 1 to 365"),
        ];
        for (field, bad, says) in cases {
            // 31 in a month without one: June.
            let changes: Vec<(&'static str, &str)> = if field == "renewal_day" {
                vec![(field, bad), ("renewal_month", "6")]
            } else {
                vec![(field, bad)]
            };
            let refused = post_settings(&app, &admin, &changes).await;
            assert_eq!(refused.status(), 422, "{field}={bad:?}");
            let page = refused.text().await.unwrap();
            assert!(page.contains(&escaped(says)), "{field}={bad:?}: {page}");
            assert!(page.contains(&format!("id=\"{field}-error\"")), "{field}: the problem is at its field");
            assert!(page.contains(&format!("href=\"#{field}\"")), "{field}: the summary links to it");
            if !["score_aggregation", "renewal_month", "default_language"].contains(&field) {
                assert!(page.contains(&escaped(bad)), "{field}: what was typed is kept");
            }
            assert!(page.contains("value=\"60, 30, 7\"") || field == "renewal_reminder_days",
                "{field}: the other fields keep what was typed too");
            assert_eq!(settings_rows(&app.db).await, before, "{field}={bad:?}: nothing written");
        }

        // Every problem at once.
        let all: Vec<(&'static str, &str)> = cases.iter().map(|(f, b, _)| (*f, *b)).collect();
        let refused = post_settings(&app, &admin, &all).await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("Please fix the 10 fields marked below."), "{page}");
        assert_eq!(settings_rows(&app.db).await, before);
    }
}

on_both_backends! {
    async fn a_saved_time_zone_moves_today_and_one_audit_entry_names_what_changed(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let admin = signed_in_admin(&app).await;
        let ctx = Ctx { db: app.db.clone(), clock: Arc::new(test_clock()), public_url: String::new() };
        // 12:00 UTC on the 29th is already the 30th in Kiritimati (UTC+14).
        assert_eq!(ctx.today().await.unwrap(), jiff::civil::date(2026, 11, 29));
        let audit_before = count(&app.db, "SELECT COUNT(*) FROM audit_log").await;

        let saved = post_settings(&app, &admin, &[
            ("time_zone", "pacific/kiritimati"),
            ("sponsor_domains", "@NWcloud.example\nnorthwind.example\nfabrikam.example."),
            ("renewal_reminder_days", "7 90,30"),
            ("blind_review", "yes"),
        ]).await;
        assert_eq!(saved.status(), 303);
        assert_eq!(saved.headers()["location"], "/admin/settings");
        assert_eq!(ctx.today().await.unwrap(), jiff::civil::date(2026, 11, 30));

        let page = admin.get(format!("{}/admin/settings", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Saved: sponsor&#39;s domains, blind review, time zone, renewal reminders.")
            || page.contains("Saved: sponsor&#x27;s domains, blind review, time zone, renewal reminders."), "{page}");
        assert!(page.contains("value=\"Pacific/Kiritimati\""), "stored as the time zone database writes it");
        assert!(page.contains("value=\"90, 30, 7\""), "reminders stored descending");
        let domains: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT domain FROM sponsor_domain ORDER BY domain").fetch_all(pool).await).unwrap();
        assert_eq!(domains, ["fabrikam.example", "northwind.example", "nwcloud.example"]);
        let (reminders, blind): (String, bool) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT renewal_reminder_days, blind_review FROM program_settings").fetch_one(pool).await).unwrap();
        assert_eq!((reminders.as_str(), blind), ("90,30,7", true));

        let entries: Vec<(Option<i64>, String, String)> = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT actor_account_id, action, detail FROM audit_log WHERE id > (SELECT MAX(id) - 1 FROM audit_log)")
            .fetch_all(pool).await).unwrap();
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM audit_log").await, audit_before + 1, "one entry");
        assert_eq!(entries[0].1, "program.settings_changed");
        assert_eq!(entries[0].2, "fields=sponsor_domains,blind_review,time_zone,renewal_reminder_days");
        assert!(entries[0].0.is_some(), "the admin is named");

        // Saving the same again changes nothing and writes nothing.
        let again = post_settings(&app, &admin, &[
            ("time_zone", "Pacific/Kiritimati"),
            ("sponsor_domains", "fabrikam.example\nnorthwind.example\nnwcloud.example"),
            ("renewal_reminder_days", "90, 30, 7"),
            ("blind_review", "yes"),
        ]).await;
        assert_eq!(again.status(), 303);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM audit_log").await, audit_before + 1);
    }
}

on_both_backends! {
    async fn the_program_language_is_what_a_visitor_without_accept_language_reads(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let admin = signed_in_admin(&app).await;
        let visit = |language: Option<&'static str>| {
            let mut request = app.client.get(format!("{}/", app.address));
            if let Some(language) = language {
                request = request.header("accept-language", language);
            }
            request.send()
        };
        let page = visit(None).await.unwrap();
        assert_eq!(page.headers()["content-language"], "en");

        assert_eq!(post_settings(&app, &admin, &[("default_language", "de")]).await.status(), 303);
        let page = visit(None).await.unwrap();
        assert_eq!(page.headers()["content-language"], "de");
        let text = page.text().await.unwrap();
        assert!(text.contains("<html lang=\"de\">") && text.contains("Anmelden"), "{text}");
        // An error page too.
        let missing = app.client.get(format!("{}/no-such-page", app.address)).send().await.unwrap();
        assert_eq!(missing.status(), 404);
        assert!(missing.text().await.unwrap().contains("<html lang=\"de\">"));
        // A browser that asks keeps its language; the admin, whose browser asks for nothing
        // here, reads German too until they choose.
        assert_eq!(visit(Some("en-GB,en;q=0.9")).await.unwrap().headers()["content-language"], "en");

        assert_eq!(post_settings(&app, &admin, &[("default_language", "")]).await.status(), 303);
        assert_eq!(visit(None).await.unwrap().headers()["content-language"], "en", "the server's again");
        let stored: Option<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT default_language FROM program_settings").fetch_one(pool).await).unwrap();
        assert_eq!(stored, None);
    }
}

on_both_backends! {
    async fn a_new_code_of_conduct_is_the_one_people_accept_and_a_version_is_published_once(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let admin = signed_in_admin(&app).await;
        let url = format!("{}/admin/code-of-conduct", app.address);
        let page = admin.get(&url).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Version 2.0") && page.contains("Version 1.0"), "{page}");
        let publish = |version: &'static str, body: &'static str| {
            let admin = admin.clone();
            let url = url.clone();
            async move {
                let csrf = csrf_from(&admin, &url).await;
                admin.post(&url).form(&[("csrf", csrf.as_str()), ("version", version), ("body", body)])
                    .send().await.unwrap()
            }
        };
        let before = settings_rows(&app.db).await;
        let taken = publish("2.0", "# Again").await;
        assert_eq!(taken.status(), 422);
        let text = taken.text().await.unwrap();
        assert!(text.contains("Version 2.0 was published already") && text.contains("# Again"), "{text}");
        let empty = publish("3.0", "  ").await;
        assert_eq!(empty.status(), 422);
        assert!(empty.text().await.unwrap().contains("value=\"3.0\""));
        assert_eq!(settings_rows(&app.db).await, before, "nothing written");

        let published = publish("3.0", "# Code of conduct 3.0\n\nBe **kind**. <script>x</script>").await;
        assert_eq!(published.status(), 303);
        let page = admin.get(&url).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Version 3.0 of the code of conduct is published"), "{page}");
        assert!(page.contains("<strong>kind</strong>") && !page.contains("<script>x"), "rendered safely");
        let current: Option<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT code_of_conduct_version FROM program_settings").fetch_one(pool).await).unwrap();
        assert_eq!(current.as_deref(), Some("3.0"));
        let audited = count(&app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'program.code_of_conduct_published' AND detail = 'version=3.0'").await;
        assert_eq!(audited, 1);
        // The admin's own profile now asks for the new version.
        let profile = admin.get(format!("{}/profile", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(profile.contains("version 3.0"), "{profile}");
    }
}

/// A member's view of the nomination form.
async fn nomination_form(app: &TestApp, member: &reqwest::Client) -> String {
    member.get(format!("{}/nominate", app.address)).send().await.unwrap().text().await.unwrap()
}

on_both_backends! {
    async fn a_new_category_comes_with_its_rubric_and_a_deactivated_one_takes_no_nominations(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let admin = signed_in_admin(&app).await;
        make_account(&app.db, "member@example.org", &[]).await;
        let member = browser();
        sign_in(&app, &member, "member@example.org", "correct horse battery").await;
        let list = format!("{}/admin/categories", app.address);
        let create = |pairs: Vec<(&'static str, &'static str)>| {
            let admin = admin.clone();
            let list = list.clone();
            async move {
                let csrf = csrf_from(&admin, &list).await;
                let mut form = vec![("csrf", csrf)];
                form.extend(pairs.into_iter().map(|(k, v)| (k, v.to_owned())));
                admin.post(&list).form(&form).send().await.unwrap()
            }
        };

        // Refusals: each names its field, keeps what was typed, and writes nothing.
        let existing: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT slug FROM category ORDER BY id LIMIT 1").fetch_one(pool).await).unwrap();
        let existing: &'static str = Box::leak(existing.into_boxed_str());
        let categories_before = count(&app.db, "SELECT COUNT(*) FROM category").await;
        let audit_before = count(&app.db, "SELECT COUNT(*) FROM audit_log").await;
        for (pairs, says) in [
            (vec![("name", "Cloud Native"), ("slug", "Cloud Native")], "(“C” is none of them)"),
            (vec![("name", "Cloud Native"), ("slug", "cloud--native")], "not two in a row"),
            (vec![("name", "Cloud Native"), ("slug", existing)], "Another category has the address name"),
            (vec![("name", ""), ("slug", "cloud-native")], "This is required."),
            (vec![("name", "Cloud Native"), ("position", "-3")], "Write a whole number from 0 to 10000."),
        ] {
            let refused = create(pairs.clone()).await;
            assert_eq!(refused.status(), 422, "{pairs:?}");
            let page = refused.text().await.unwrap();
            assert!(page.contains(says), "{pairs:?}: {page}");
            for (_, typed) in &pairs {
                assert!(page.contains(&format!("value=\"{typed}\"")), "{typed} is kept");
            }
            assert_eq!(count(&app.db, "SELECT COUNT(*) FROM category").await, categories_before);
            assert_eq!(count(&app.db, "SELECT COUNT(*) FROM audit_log").await, audit_before);
        }

        let created = create(vec![
            ("name", "Cloud Native"), ("slug", "cloud-native"),
            ("description", "Kubernetes, containers and the platforms around them."),
        ]).await;
        assert_eq!(created.status(), 303);
        let page_path = created.headers()["location"].to_str().unwrap().to_owned();
        let id: i64 = page_path.trim_start_matches("/admin/categories/").parse().unwrap();
        let (active, position): (bool, i64) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT active, position FROM category WHERE id = $1").bind(id).fetch_one(pool).await).unwrap();
        assert!(active);
        assert_eq!(position, categories_before, "put last");

        // Its first rubric: the standard one, published, pinned to every cycle.
        let standard = plaudit_domain::rubric::Rubric::standard();
        let (version, threshold, published, criteria, review): (i64, i64, Option<i64>, i64, i64) =
            on_db!(&app.db, pool => sqlx::query_as(
                "SELECT v.version, v.threshold, v.published_at, \
                   (SELECT COUNT(*) FROM rubric_criterion c WHERE c.rubric_version_id = v.id), \
                   (SELECT COUNT(*) FROM review_criterion r WHERE r.rubric_version_id = v.id) \
                 FROM rubric_version v WHERE v.category_id = $1").bind(id).fetch_one(pool).await).unwrap();
        assert_eq!((version, threshold), (1, i64::from(standard.threshold)));
        assert!(published.is_some());
        assert_eq!(criteria, standard.types.len() as i64);
        assert_eq!(review, 4);
        let pins = count(&app.db, "SELECT COUNT(*) FROM cycle_rubric p JOIN category c ON c.id = p.category_id WHERE c.slug = 'cloud-native'").await;
        assert_eq!(pins, count(&app.db, "SELECT COUNT(*) FROM cycle").await);
        assert_eq!(app.get("/rubrics/cloud-native").await.status(), 200, "its rubric is public");
        let audited: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT detail FROM audit_log WHERE action = 'category.created' AND subject_id = $1")
            .bind(id).fetch_one(pool).await).unwrap();
        assert!(audited.starts_with("slug=cloud-native"), "{audited}");

        // An area, then nominations: offered while active, refused once inactive.
        let page_url = format!("{}{page_path}", app.address);
        let csrf = csrf_from(&admin, &page_url).await;
        let added = admin.post(format!("{page_url}/areas"))
            .form(&[("csrf", csrf.as_str()), ("area_name", "Service Mesh"), ("area_slug", "")])
            .send().await.unwrap();
        assert_eq!(added.status(), 303);
        let area: (String, bool) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT slug, active FROM technology_area WHERE category_id = $1").bind(id).fetch_one(pool).await).unwrap();
        assert_eq!(area, ("service-mesh".to_owned(), true));
        // Area slugs are unique across categories: the demo's Kubernetes is elsewhere.
        let taken = admin.post(format!("{page_url}/areas"))
            .form(&[("csrf", csrf.as_str()), ("area_name", "Kubernetes"), ("area_slug", "")])
            .send().await.unwrap();
        assert_eq!(taken.status(), 422);
        let page = taken.text().await.unwrap();
        assert!(page.contains("A technology area has the address name kubernetes already"), "{page}");
        assert!(page.contains("value=\"Kubernetes\""), "what was typed is kept");
        assert!(nomination_form(&app, &member).await.contains("value=\"cloud-native\""));

        let deactivated = admin.post(format!("{page_url}/deactivate"))
            .form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(deactivated.status(), 303);
        assert!(!nomination_form(&app, &member).await.contains("value=\"cloud-native\""), "not offered");
        let csrf_member = csrf_from(&member, &format!("{}/nominate", app.address)).await;
        let refused = member.post(format!("{}/nominate", app.address))
            .form(&[("csrf", csrf_member.as_str()), ("category", "cloud-native"), ("name", "Kai Cloud"),
                    ("email", "kai@example.net"), ("links", ""), ("reason", "Runs the Kubernetes meetup.")])
            .send().await.unwrap();
        assert_eq!(refused.status(), 422, "an inactive category takes no nominations");
        assert!(refused.text().await.unwrap().contains("Choose a category."));
        assert!(!app.get("/").await.text().await.unwrap().contains("Cloud Native"), "nor stands on the home page");
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'category.deactivated'").await, 1);
        let list_page = admin.get(&list).send().await.unwrap().text().await.unwrap();
        assert!(list_page.contains("Cloud Native") && list_page.contains("Inactive"), "the admin still sees it");

        let reactivated = admin.post(format!("{page_url}/reactivate"))
            .form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(reactivated.status(), 303);
        assert!(nomination_form(&app, &member).await.contains("value=\"cloud-native\""));
    }
}

on_both_backends! {
    async fn an_area_is_renamed_and_deactivated_and_leaves_the_forms(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let admin = signed_in_admin(&app).await;
        let (area, category, slug): (i64, i64, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT id, category_id, slug FROM technology_area WHERE active ORDER BY id LIMIT 1")
            .fetch_one(pool).await).unwrap();
        let page = format!("{}/admin/categories/{category}", app.address);
        let csrf = csrf_from(&admin, &page).await;
        let refused = admin.post(format!("{}/admin/areas/{area}", app.address))
            .form(&[("csrf", csrf.as_str()), ("name", " ")]).send().await.unwrap();
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains(&format!("id=\"area-{area}-error\"")));
        let renamed = admin.post(format!("{}/admin/areas/{area}", app.address))
            .form(&[("csrf", csrf.as_str()), ("name", "Edge & IoT")]).send().await.unwrap();
        assert_eq!(renamed.status(), 303);
        assert_eq!(renamed.headers()["location"], format!("/admin/categories/{category}"));
        let contribution_form = || async {
            admin.get(format!("{}/contributions/new", app.address)).send().await.unwrap().text().await.unwrap()
        };
        assert!(contribution_form().await.contains("Edge &#38; IoT"));
        let off = admin.post(format!("{}/admin/areas/{area}/deactivate", app.address))
            .form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(off.status(), 303);
        assert!(!contribution_form().await.contains(&format!("value=\"{slug}\"")), "no longer offered");
        let actions: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE subject_type = 'technology_area' AND subject_id = $1 ORDER BY id")
            .bind(area).fetch_all(pool).await).unwrap();
        assert_eq!(actions, ["technology_area.renamed", "technology_area.deactivated"]);
    }
}

/// The rows of the table with `id` on `page`: each row's header and its numbers.
fn table(page: &str, id: &str) -> BTreeMap<String, Vec<i64>> {
    let start = page.find(&format!("<table id=\"{id}\"")).unwrap_or_else(|| panic!("no {id}"));
    let end = start + page[start..].find("</table>").unwrap();
    let body = &page[start..end];
    let body = &body[body.find("<tbody>").unwrap()..];
    let mut rows = BTreeMap::new();
    for row in body.split("<tr>").skip(1) {
        let label = row.split("<th scope=\"row\">").nth(1).unwrap().split("</th>").next().unwrap();
        let numbers = row
            .split("<td class=\"number\">")
            .skip(1)
            .map(|cell| cell.split("</td>").next().unwrap().replace(',', "").parse().unwrap())
            .collect();
        rows.insert(label.replace("&amp;", "&"), numbers);
    }
    rows
}

/// The column headers of the table with `id`.
fn columns(page: &str, id: &str) -> Vec<String> {
    let start = page.find(&format!("<table id=\"{id}\"")).unwrap();
    let head = &page[start..start + page[start..].find("</thead>").unwrap()];
    head.split("<th scope=\"col\" class=\"number\">")
        .skip(1)
        .map(|c| c.split("</th>").next().unwrap().to_owned())
        .collect()
}

/// An award as the dashboard test counts it: (award year, category, renews an award, ends on,
/// ended early on, end reason, revoked).
type AwardRow = (i64, String, Option<i64>, String, Option<String>, Option<String>, Option<i64>);

on_both_backends! {
    async fn the_dashboard_charts_show_the_counts_of_every_award_and_candidacy(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let admin = signed_in_admin(&app).await;
        // Terms that ran out without renewal, as the end-of-term job records them; and one
        // revoked award, which counts nowhere but as an early end.
        on_db!(&app.db, pool => sqlx::query(
            "UPDATE award SET end_reason = 'term_ended' WHERE ends_on < '2026-11-29' \
             AND ended_early_on IS NULL AND id NOT IN \
               (SELECT renewal_of_award_id FROM award WHERE renewal_of_award_id IS NOT NULL)")
            .execute(pool).await.map(|_| ())).unwrap();
        on_db!(&app.db, pool => sqlx::query(
            "UPDATE award SET revoked_at = 1, ended_early_on = '2026-03-01', end_reason = 'revoked' \
             WHERE id = (SELECT MAX(id) FROM award WHERE renewal_of_award_id IS NOT NULL)")
            .execute(pool).await.map(|_| ())).unwrap();
        let page = admin.get(format!("{}/admin", app.address)).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert_eq!(page.matches("<svg class=\"chart\"").count(), 3, "three charts");
        for title in ["awardees-chart-title", "funnel-chart-title", "renewals-chart-title"] {
            assert!(page.contains(&format!("<title id=\"{title}\">")), "{title}");
        }

        // Every award, counted here rather than by the store's GROUP BYs.
        let awards: Vec<AwardRow> = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT a.award_year, c.name AS category, a.renewal_of_award_id, a.ends_on, \
             a.ended_early_on, a.end_reason, a.revoked_at FROM award a JOIN category c ON c.id = a.category_id")
            .fetch_all(pool).await).unwrap();
        let mut per_category: BTreeMap<String, BTreeMap<i64, i64>> = BTreeMap::new();
        let mut renewals: BTreeMap<i64, i64> = BTreeMap::new();
        let mut alumni: BTreeMap<i64, i64> = BTreeMap::new();
        for (award_year, category, renews, ends_on, ended_early_on, end_reason, revoked) in &awards {
            if revoked.is_none() {
                *per_category.entry(category.clone()).or_default().entry(*award_year).or_default() += 1;
                if renews.is_some() {
                    *renewals.entry(*award_year).or_default() += 1;
                }
            }
            let ended = match (ended_early_on, end_reason.as_deref()) {
                (Some(early), _) => Some(early),
                (None, Some("term_ended")) => Some(ends_on),
                _ => None,
            };
            if let Some(day) = ended {
                *alumni.entry(day[..4].parse().unwrap()).or_default() += 1;
            }
        }
        let years: Vec<String> = columns(&page, "awardees-table");
        assert!(!years.is_empty());
        let shown = table(&page, "awardees-table");
        assert_eq!(shown.len(), per_category.len() + 1, "a row per category and the total");
        let mut totals = vec![0; years.len()];
        for (category, by_year) in &per_category {
            let expected: Vec<i64> = years.iter().map(|y| by_year.get(&y.parse().unwrap()).copied().unwrap_or(0)).collect();
            assert_eq!(shown[category], expected, "{category}");
            for (t, n) in totals.iter_mut().zip(&expected) {
                *t += n;
            }
        }
        assert_eq!(shown["Total"], totals);
        assert!(totals.iter().sum::<i64>() > 0);

        let shown = table(&page, "renewals-table");
        assert!(!shown.is_empty());
        for (year, cells) in &shown {
            let year: i64 = year.parse().unwrap();
            let expected = vec![renewals.get(&year).copied().unwrap_or(0), alumni.get(&year).copied().unwrap_or(0)];
            assert_eq!(cells, &expected, "{year}");
        }
        assert!(shown.values().any(|c| c[0] > 0) && shown.values().any(|c| c[1] > 0), "{shown:?}");

        // The funnel: the latest cycle whose nominations opened, every state in journey order.
        let (cycle, name): (i64, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT id, name FROM cycle WHERE nominations_open_on <= '2026-11-29' \
             ORDER BY nominations_open_on DESC LIMIT 1").fetch_one(pool).await).unwrap();
        assert!(page.contains(&format!("How many candidacies of {name} are in each state")));
        let states: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT state FROM candidacy WHERE cycle_id = $1").bind(cycle).fetch_all(pool).await).unwrap();
        let shown = table(&page, "funnel-table");
        let labels = [
            ("nominated", "Nominated"), ("invited", "Invited"), ("accepted", "Accepted"),
            ("invitation_declined", "Invitation declined"), ("submitted", "Submitted"),
            ("in_review", "In review"), ("awarded", "Awarded"), ("declined", "Not awarded"),
            ("deferred", "Deferred"), ("withdrawn", "Withdrawn"), ("lapsed", "Closed undecided"),
        ];
        assert_eq!(shown.len(), labels.len());
        for (state, label) in labels {
            let n = states.iter().filter(|s| *s == state).count() as i64;
            assert_eq!(shown[label], [n], "{state}");
        }
        let funnel = &page[page.find("<table id=\"funnel-table\"").unwrap()..];
        let positions: Vec<usize> = labels.iter().map(|(_, l)| funnel.find(&format!(">{l}<")).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "in the order of the journey");
    }
}
