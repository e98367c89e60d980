//! Ask me anything in the browser, on the demo: an awardee opens an AMA from the list of AMAs;
//! a member asks a question of two parts and upvotes it, and asks another like it; the host
//! answers the first part by part (after a preview), marks the second as its duplicate, finds
//! the answer by searching the archive and in the host-only view; the feed has the entry, and
//! the exported post builds with Hugo with the right title and date. axe on every page, on a
//! phone too, with screenshots.

use super::{Browser, Size};
use crate::auth::{demo_account, make_account};
use crate::helpers::{TestApp, signed_in};
use crate::on_both_backends;
use crate::static_sites;

const CURRENT_NOT_HOSTING: &str = "EXISTS (SELECT 1 FROM directory_entry e \
     WHERE e.person_id = p.id AND e.status = 'current') \
     AND NOT EXISTS (SELECT 1 FROM ama WHERE ama.host_person_id = p.id)";

on_both_backends! {
    async fn a_question_is_asked_upvoted_answered_in_parts_found_and_exported(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        let host_email = demo_account(&app.db, CURRENT_NOT_HOSTING).await;
        make_account(&app.db, "curious@example.org", &[]).await;
        let ama_path = std::sync::Mutex::new(String::new());
        let first_question = std::sync::Mutex::new(String::new());
        browser.run(async |page| {
            // The host opens an AMA from the list.
            page.sign_in_as(&app, &host_email).await?;
            page.follow("AMAs").await?;
            assert_eq!(page.path().await?, "/amas");
            page.check_accessibility("the list of AMAs").await?;
            page.follow("Open your AMA").await?;
            page.check_accessibility("the form that opens an AMA").await?;
            page.fill("#title", "Ask me about developer communities").await?;
            page.fill("#description", "I answer on **Fridays**.").await?;
            page.fill("#topics", "community, speaking").await?;
            page.submit("form[action='/amas'] button[type=submit]").await?;
            let ama = page.path().await?;
            assert!(ama.starts_with("/amas/"), "{ama}");
            *ama_path.lock().unwrap() = ama.clone();
            page.submit("form[action='/sign-out'] button").await?;

            // A member asks a question of two parts, upvotes it, and asks another like it.
            page.sign_in_as(&app, "curious@example.org").await?;
            page.open(&format!("{}{ama}", app.address)).await?;
            page.check_accessibility("an AMA's page").await?;
            page.fill("#title", "How did you start your meetup? And how do you find speakers?").await?;
            page.fill("#body", "We are *three* people so far.").await?;
            page.fill("#tags", "community").await?;
            page.submit("#ask-form button[type=submit]").await?;
            let question = page.path().await?;
            assert!(question.starts_with(&format!("{ama}/questions/")), "{question}");
            *first_question.lock().unwrap() = question.clone();
            page.check_accessibility("a question's page").await?;
            page.submit("form[action$='/vote'] button").await?;
            assert!(page.text("main").await?.contains("one vote"));
            page.open(&format!("{}{ama}", app.address)).await?;
            page.fill("#title", "How do I start a meetup?").await?;
            // While the title is typed, the question like it shows under it.
            assert!(page.text("#similar a").await?.contains("How did you start your meetup?"));
            page.check_accessibility("the ask form with similar questions").await?;
            page.screenshot("ama-similar").await?;
            page.submit("#ask-form button[type=submit]").await?;
            let duplicate = page.path().await?;
            page.submit("form[action='/sign-out'] button").await?;

            // The host answers in two parts, after a preview.
            page.sign_in_as(&app, &host_email).await?;
            page.open(&format!("{}{question}", app.address)).await?;
            assert_eq!(page.value("#part_0").await?, "How did you start your meetup?");
            assert_eq!(page.value("#part_1").await?, "And how do you find speakers?");
            page.check_accessibility("a question with the host's forms").await?;
            page.fill("#body_0", "With a *zeppelin* of pizza and two friends.").await?;
            page.fill("#body_1", "I ask the people who ask the best questions.").await?;
            page.submit("#answer-form button[name=preview]").await?;
            assert!(page.text(".preview").await?.contains("With a zeppelin of pizza"));
            page.check_accessibility("an answer's preview").await?;
            page.submit("#answer-form button:not([name])").await?;
            let answered = page.text("main").await?;
            assert!(answered.contains("With a zeppelin of pizza") && answered.contains("Answered"));
            page.screenshot("ama-answered").await?;

            // The other question is a duplicate of the first.
            page.open(&format!("{}{duplicate}", app.address)).await?;
            page.click("#state-duplicate").await?;
            page.fill("#original", &format!("{}{question}", app.address)).await?;
            page.submit("form[action$='/decide'] button[type=submit]").await?;
            let shown = page.text("main").await?;
            assert!(shown.contains("Asked before as") && shown.contains("With a zeppelin of pizza"));
            page.check_accessibility("a duplicate").await?;

            // The archive's search finds the answer; the host-only view reads like a blog.
            page.open(&format!("{}{ama}", app.address)).await?;
            page.fill("#q", "zeppelin").await?;
            page.submit("form[role=search] button").await?;
            assert!(page.text("main").await?.contains("How did you start your meetup?"));
            page.check_accessibility("a search of the archive").await?;
            page.screenshot("ama-search").await?;
            page.follow("The host's answers only").await?;
            let blog = page.text("main").await?;
            assert!(blog.contains("I ask the people who ask the best questions.") && !blog.contains("How do I start a meetup?"));
            page.check_accessibility("the host's answers").await?;
            page.screenshot("ama-answers").await?;
            page.resize(Size::Phone).await?;
            page.check_accessibility("the host's answers on a phone").await?;
            page.screenshot("ama-answers-phone").await?;
            page.open(&format!("{}{question}", app.address)).await?;
            page.check_accessibility("a question on a phone").await?;
            page.screenshot("ama-question-phone").await?;
            Ok(())
        }).await;

        // The feed has the entry, and the exported post builds with Hugo.
        let ama = ama_path.lock().unwrap().clone();
        let question = first_question.lock().unwrap().clone();
        let feed = reqwest::get(format!("{}{ama}/feed.atom", app.address)).await.unwrap();
        let feed = feed_rs::parser::parse(&feed.bytes().await.unwrap()[..]).unwrap();
        assert_eq!(feed.entries.len(), 1);
        assert_eq!(feed.entries[0].id, format!("http://127.0.0.1:8080{question}"));
        let host = signed_in(&app, &host_email).await;
        let post = host.get(format!("{}{question}/post.md", app.address)).send().await.unwrap();
        let name = post.headers()["content-disposition"].to_str().unwrap()
            .split("filename=\"").nth(1).unwrap().trim_end_matches('"').to_owned();
        let post = post.text().await.unwrap();
        let date = post.lines().find_map(|l| l.strip_prefix("date: ")).unwrap().to_owned();
        if static_sites::require_builder("hugo", "version") {
            let site = static_sites::TempSite::new("ama-browser-hugo");
            static_sites::write_hugo_site(&site.path, &[(name.clone(), post.clone())]);
            let output = site.path.join("public");
            static_sites::build_hugo(&site.path, &output, false).unwrap();
            let html = std::fs::read_to_string(static_sites::hugo_page(&output, &name)).unwrap();
            assert!(html.contains("<h1 class=\"title\">From the AMA: &#34;How did you start your meetup? And how do you find speakers?&#34;</h1>"), "{html}");
            assert!(html.contains(&format!("<p class=\"date\">{}</p>", date.replace('+', "&#43;"))), "{html}");
        }
    }
}
