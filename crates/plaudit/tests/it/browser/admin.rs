//! An administrator grants the reviewer role, and retries a failed job, in the browser.

use plaudit_store::{on_db, sqlx};

use super::Browser;
use crate::auth::make_account;
use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends! {
    async fn an_admin_finds_an_account_and_grants_it_the_reviewer_role(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        let rae = make_account(&app.db, "rae@example.org", &[]).await;
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "boss@example.org").await?;
            page.fill("#password", "correct horse battery").await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.follow("Admin").await?;
            page.check_accessibility("the admin dashboard").await?;
            page.follow("People and roles").await?;
            page.check_accessibility("the people page").await?;
            page.fill("#email", "rae@example.org").await?;
            page.submit("form[action='/admin/people'] button[type=submit]").await?;
            page.follow("rae").await?;
            assert_eq!(page.path().await?, format!("/admin/people/{rae}"));
            page.check_accessibility("a person's roles").await?;
            page.click("#role-reviewer").await?;
            page.click("#category-2").await?;
            page.submit("form[action$='/roles'] button[type=submit]").await?;
            assert!(page.text(".notice").await?.contains("granted reviewer"));
            assert!(page.is_checked("#role-reviewer").await?);
            assert!(page.is_checked("#category-2").await?);
            page.check_accessibility("a person's roles after saving").await?;
            page.screenshot("reviewer-granted").await?;
            Ok(())
        }).await;
        let roles: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT role FROM account_role WHERE account_id = $1").bind(rae).fetch_all(pool).await).unwrap();
        assert_eq!(roles, ["reviewer"]);
    }
}

on_both_backends! {
    async fn an_admin_sees_a_failed_job_and_a_refused_mail_and_retries_the_job(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        let now = crate::helpers::test_now();
        let at = plaudit_store::timestamp::to_micros(now);
        // A job that failed for good and a mail given up on, written so in one transaction.
        let mut tx = app.db.begin_write().await.unwrap();
        let job = plaudit::jobs::Job::PurgeExpired(plaudit::jobs::PurgeExpired::default());
        let options = plaudit::jobs::Enqueue::default();
        let job_id = plaudit::jobs::enqueue(&mut tx, &job, &options, now).await.unwrap().unwrap();
        let mail = plaudit_store::mail::OutgoingMail {
            kind: "verify_email".to_owned(),
            to: "nobody@example.org".to_owned(),
            subject: "Confirm".to_owned(),
            body_text: "Hello".to_owned(),
            body_html: "<p>Hello</p>".to_owned(),
        };
        let mail_id = plaudit_store::mail::enqueue(&mut tx, &mail, now).await.unwrap();
        plaudit_store::on_tx!(&mut tx, conn => sqlx::query(
            "UPDATE job SET attempts = 5, last_error = 'the job did not finish within 600 s', \
             failed_at = $2, finished_at = $2 WHERE id = $1").bind(job_id).bind(at)
            .execute(&mut *conn).await.map(|_| ())).unwrap();
        plaudit_store::on_tx!(&mut tx, conn => sqlx::query(
            "UPDATE mail_outbox SET attempts = 1, last_error = 'permanent error (550): no such mailbox', \
             gave_up_at = $2 WHERE id = $1").bind(mail_id).bind(at)
            .execute(&mut *conn).await.map(|_| ())).unwrap();
        tx.commit().await.unwrap();
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "boss@example.org").await?;
            page.fill("#password", "correct horse battery").await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.follow("Admin").await?;
            page.follow("Jobs and mail that stopped").await?;
            assert_eq!(page.path().await?, "/admin/jobs");
            page.check_accessibility("the jobs page").await?;
            page.screenshot("jobs-and-mail-that-stopped").await?;
            page.submit(&format!("form[action='/admin/jobs/{job_id}/retry'] button[type=submit]")).await?;
            assert!(page.text(".notice").await?.contains("is queued again"));
            page.check_accessibility("the jobs page after a retry").await?;
            Ok(())
        }).await;
    }
}
