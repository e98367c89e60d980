//! E-mail: each notification is rendered from a text and an HTML template into an
//! [`OutgoingMail`], which the caller writes with [`plaudit_store::mail::enqueue`] inside the
//! transaction of the change that caused it; the [`MailWorker`] then sends the outbox over
//! SMTP, retrying while the mail server is down.

pub mod worker;

use std::borrow::Cow;

use askama::Template;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, Tokio1Executor};

use crate::config::mask_url;

pub use plaudit_store::mail::OutgoingMail;
pub use worker::MailWorker;

/// Where mail goes and whom it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// `smtp://host:port` (plain, for a local relay), `smtp://user:password@host:587`
    /// (STARTTLS, required whenever the URL carries credentials) or
    /// `smtps://user:password@host:465` (TLS from the first byte). lettre's `tls=required` or
    /// `tls=opportunistic` query parameter is honoured when given.
    pub smtp_url: String,
    /// The sender, e.g. `Champions <awards@example.org>`.
    pub from: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error(
        "setting smtp_url ({url}): {problem}; use smtp://host:25 for a local relay, \
         smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465"
    )]
    SmtpUrl { url: String, problem: String },
    #[error(
        "setting mail_from ({from:?}): {problem}; use an address such as \
         \"Champions <awards@example.org>\""
    )]
    From { from: String, problem: String },
    #[error("the {kind} mail could not be rendered: {source}")]
    Render {
        kind: &'static str,
        #[source]
        source: askama::Error,
    },
}

impl MailSettings {
    /// Checks both settings without connecting, so a bad value stops the program at start.
    pub fn validate(&self) -> Result<(), MailError> {
        self.transport_builder()?;
        self.sender()?;
        Ok(())
    }

    fn transport_builder(
        &self,
    ) -> Result<lettre::transport::smtp::AsyncSmtpTransportBuilder, MailError> {
        let url = with_required_starttls(&self.smtp_url);
        AsyncSmtpTransport::<Tokio1Executor>::from_url(&url).map_err(|e| MailError::SmtpUrl {
            url: mask_url(&self.smtp_url),
            problem: e.to_string(),
        })
    }

    /// The SMTP transport with its connection pool. The pool starts its clean-up task on the
    /// current Tokio runtime, so this runs inside one.
    pub(crate) fn transport(
        &self,
        timeout: std::time::Duration,
    ) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailError> {
        Ok(self.transport_builder()?.timeout(Some(timeout)).build())
    }

    pub(crate) fn sender(&self) -> Result<Mailbox, MailError> {
        self.from.parse().map_err(|e: lettre::address::AddressError| MailError::From {
            from: self.from.clone(),
            problem: e.to_string(),
        })
    }
}

/// lettre would send a password over a plain `smtp://` connection; a URL with credentials and
/// no `tls=` parameter of its own therefore gets `tls=required` (STARTTLS before AUTH).
fn with_required_starttls(url: &str) -> Cow<'_, str> {
    let Some(rest) = url.strip_prefix("smtp://") else {
        return Cow::Borrowed(url);
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let has_credentials = rest[..authority_end].contains('@');
    let (before_fragment, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let query = before_fragment.split_once('?').map(|(_, q)| q);
    let names_tls = query.is_some_and(|q| q.split('&').any(|pair| pair.starts_with("tls=")));
    if !has_credentials || names_tls {
        return Cow::Borrowed(url);
    }
    let separator = if query.is_some() { '&' } else { '?' };
    Cow::Owned(format!("{before_fragment}{separator}tls=required{fragment}"))
}

/// Renders a mail from its two templates: the text part is what every client can show, the
/// HTML part the same words with a link to click.
pub fn render(
    kind: &'static str,
    to: &str,
    subject: &str,
    text: &impl Template,
    html: &impl Template,
) -> Result<OutgoingMail, MailError> {
    let failed = |source| MailError::Render { kind, source };
    Ok(OutgoingMail {
        kind: kind.to_owned(),
        to: to.to_owned(),
        // A line break in a header would end it early; subjects come from settings people type.
        subject: subject.replace(['\r', '\n'], " "),
        body_text: text.render().map_err(failed)?,
        body_html: html.render().map_err(failed)?,
    })
}

/// An admin puts a mail given up on back in the outbox, due at once; the audit log records
/// who did. False when no mail given up on has this id (retried already, or never given up).
pub async fn retry_gave_up(
    db: &plaudit_store::Db,
    admin_account_id: i64,
    mail_id: i64,
    now: jiff::Timestamp,
) -> Result<bool, plaudit_store::StoreError> {
    use plaudit_store::audit::{self, Entry};
    let mut tx = db.begin_write().await?;
    let Some(kind) = plaudit_store::mail::retry_gave_up(&mut tx, mail_id, now).await? else {
        return Ok(false);
    };
    let detail = format!("kind={kind}");
    let entry = Entry {
        actor_account_id: Some(admin_account_id),
        action: "mail.retried",
        subject_type: "mail",
        subject_id: Some(mail_id),
        detail: &detail,
        ip: None,
    };
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(true)
}

#[derive(Template)]
#[template(path = "mail/verify_email.txt")]
struct VerifyEmailText<'a> {
    program_name: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/verify_email.html")]
struct VerifyEmailHtml<'a> {
    program_name: &'a str,
    link: &'a str,
}

/// Asks the owner of `to` to confirm the address by opening `link`.
pub fn verification_mail(
    to: &str,
    program_name: &str,
    link: &str,
) -> Result<OutgoingMail, MailError> {
    render(
        "verify_email",
        to,
        &format!("Confirm your e-mail address for {program_name}"),
        &VerifyEmailText { program_name, link },
        &VerifyEmailHtml { program_name, link },
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_url_with_credentials_requires_starttls_unless_it_says_otherwise() {
        assert_eq!(
            with_required_starttls("smtp://me:pw@mail.example.org:587"),
            "smtp://me:pw@mail.example.org:587?tls=required"
        );
        assert_eq!(
            with_required_starttls("smtp://me:pw@mail.example.org:587/helo.example.org?x=1"),
            "smtp://me:pw@mail.example.org:587/helo.example.org?x=1&tls=required"
        );
        assert_eq!(
            with_required_starttls("smtp://me:pw@mail.example.org?tls=opportunistic"),
            "smtp://me:pw@mail.example.org?tls=opportunistic"
        );
        assert_eq!(with_required_starttls("smtp://127.0.0.1:2525"), "smtp://127.0.0.1:2525");
        assert_eq!(
            with_required_starttls("smtps://me:pw@mail.example.org"),
            "smtps://me:pw@mail.example.org"
        );
    }

    #[test]
    fn a_malformed_smtp_url_is_refused_with_the_setting_named_and_the_password_masked() {
        let settings = MailSettings {
            smtp_url: "imap://me:secret@mail.example.org".to_owned(),
            from: "awards@example.org".to_owned(),
        };
        let message = settings.validate().unwrap_err().to_string();
        assert!(message.starts_with("setting smtp_url (imap://me:****@"), "{message}");
        assert!(!message.contains("secret"), "{message}");
    }

    #[test]
    fn a_malformed_sender_is_refused_with_the_setting_named() {
        let settings = MailSettings {
            smtp_url: "smtp://127.0.0.1:2525".to_owned(),
            from: "Champions <not an address>".to_owned(),
        };
        let message = settings.validate().unwrap_err().to_string();
        assert!(
            message.starts_with("setting mail_from (\"Champions <not an address>\")"),
            "{message}"
        );
    }

    #[test]
    fn valid_settings_pass() {
        for url in ["smtp://127.0.0.1:2525", "smtp://u:p@mail.example.org:587", "smtps://u:p@h:465"]
        {
            let settings =
                MailSettings { smtp_url: url.to_owned(), from: "Champions <a@example.org>".into() };
            assert!(settings.validate().is_ok(), "{url}");
        }
    }

    #[test]
    fn the_verification_mail_escapes_the_program_name_in_html_only() {
        let mail = verification_mail(
            "ada@example.org",
            "Ada & <Friends>",
            "https://champions.example.org/verify?token=a&b",
        )
        .unwrap();
        assert_eq!(mail.kind, "verify_email");
        assert_eq!(mail.subject, "Confirm your e-mail address for Ada & <Friends>");
        assert!(mail.body_text.contains("Ada & <Friends>"));
        assert!(mail.body_text.contains("\nhttps://champions.example.org/verify?token=a&b\n"));
        assert!(mail.body_html.contains("Ada &#38; &#60;Friends&#62;"), "{}", mail.body_html);
        assert!(!mail.body_html.contains("<Friends>"));
    }
}
