//! Every mail Plaudit sends is a notice: a subject, a few paragraphs and at most one link,
//! each a message from the catalogues, rendered in the recipient's language as text and HTML.

use askama::Template;

use super::{MailError, OutgoingMail};
use crate::i18n::{Lang, Msg};

/// A mail before it is put into words.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// What notification this is (`verify_email`, `reset_password`, …), for logs and admins.
    pub kind: &'static str,
    pub subject: Msg,
    pub paragraphs: Vec<Msg>,
    /// The button's words and where it goes.
    pub link: Option<(Msg, String)>,
}

#[derive(Template)]
#[template(path = "mail/notice.txt")]
struct NoticeText<'a> {
    greeting: &'a str,
    paragraphs: &'a [String],
    link: Option<(&'a str, &'a str)>,
    signoff: &'a str,
}

#[derive(Template)]
#[template(path = "mail/notice.html")]
struct NoticeHtml<'a> {
    lang: &'a str,
    greeting: &'a str,
    paragraphs: &'a [String],
    link: Option<(&'a str, &'a str)>,
    signoff: &'a str,
}

impl Notice {
    pub fn new(kind: &'static str, subject: Msg) -> Notice {
        Notice { kind, subject, paragraphs: Vec::new(), link: None }
    }

    pub fn paragraph(mut self, paragraph: Msg) -> Notice {
        self.paragraphs.push(paragraph);
        self
    }

    pub fn link(mut self, label: Msg, url: String) -> Notice {
        self.link = Some((label, url));
        self
    }

    /// The mail to `to`, in `lang`, signed by the program.
    pub fn render(&self, lang: Lang, to: &str, program: &str) -> Result<OutgoingMail, MailError> {
        let with_program = |m: &Msg| lang.msg(&m.clone().arg("program", program));
        let paragraphs: Vec<String> = self.paragraphs.iter().map(with_program).collect();
        let label = self.link.as_ref().map(|(label, url)| (with_program(label), url.as_str()));
        let link = label.as_ref().map(|(label, url)| (label.as_str(), *url));
        let greeting = lang.msg(&Msg::new("mail-greeting"));
        let signoff = with_program(&Msg::new("mail-signoff"));
        let failed = |source| MailError::Render { kind: self.kind, source };
        let text =
            NoticeText { greeting: &greeting, paragraphs: &paragraphs, link, signoff: &signoff };
        let html = NoticeHtml {
            lang: lang.code(),
            greeting: &greeting,
            paragraphs: &paragraphs,
            link,
            signoff: &signoff,
        };
        Ok(OutgoingMail {
            kind: self.kind.to_owned(),
            to: to.to_owned(),
            // A line break in a header would end it early; the program's name is typed by people.
            subject: with_program(&self.subject).replace(['\r', '\n'], " "),
            body_text: text.render().map_err(failed)?,
            body_html: html.render().map_err(failed)?,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_notice_escapes_what_people_typed_in_html_only() {
        let notice = Notice::new("verify_email", Msg::new("mail-verify-subject"))
            .paragraph(Msg::new("mail-verify-body"))
            .link(Msg::new("mail-verify-button"), "https://x.example/v?token=a&b".to_owned());
        let mail = notice.render(Lang::En, "ada@example.org", "Ada & <Friends>").unwrap();
        assert_eq!(mail.kind, "verify_email");
        assert!(mail.subject.contains("Ada & <Friends>"), "{}", mail.subject);
        assert!(mail.body_text.contains("Ada & <Friends>"));
        assert!(
            mail.body_text.contains(":\nhttps://x.example/v?token=a&b\n"),
            "{}",
            mail.body_text
        );
        assert!(mail.body_html.contains("Ada &#38; &#60;Friends&#62;"), "{}", mail.body_html);
        assert!(!mail.body_html.contains("<Friends>"));
    }
}
