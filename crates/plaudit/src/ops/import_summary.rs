//! A suggestion's summary in words. A feed's entry brings its own text; GitHub, Stack Exchange
//! and Sessionize bring facts (a pull request merged on a day, an accepted answer, a talk in a
//! city), which are worded here in the person's language as the suggestion is kept. It is then
//! the person's text, like a title, to edit as they wish.

use std::borrow::Cow;

use plaudit_import::feed::SUMMARY_MAX_CHARS;
use plaudit_import::{PullRequestState, Summary};

use crate::i18n::{Lang, Msg};

/// `summary` in `lang`, at most [`SUMMARY_MAX_CHARS`] characters.
pub fn worded(lang: Lang, summary: &Summary) -> Cow<'_, str> {
    let words = match summary {
        Summary::Text(text) => return Cow::Borrowed(text),
        Summary::Repository { full_name, description, language, archived } => {
            let mut words = match description {
                Some(description) => lang.msg(
                    &Msg::new("import-summary-repository-described")
                        .arg("name", full_name.as_str())
                        .arg("description", sentence(description)),
                ),
                None => lang.t_str("import-summary-repository", "name", full_name),
            };
            if let Some(language) = language {
                words.push(' ');
                words.push_str(&lang.t_str("import-summary-language", "language", language));
            }
            if *archived {
                words.push(' ');
                words.push_str(&lang.t("import-summary-archived"));
            }
            words
        }
        Summary::PullRequest { number, repository, state } => {
            let msg = match state {
                PullRequestState::Merged(day) => {
                    Msg::new("import-summary-pull-request-merged").arg("date", lang.date(*day))
                }
                PullRequestState::Closed => Msg::new("import-summary-pull-request-closed"),
                PullRequestState::Draft => Msg::new("import-summary-pull-request-draft"),
                PullRequestState::Open => Msg::new("import-summary-pull-request-open"),
            };
            lang.msg(&msg.arg("number", number.to_string()).arg("repository", repository.as_str()))
        }
        Summary::Issue { number, repository, open } => {
            let msg = if *open {
                Msg::new("import-summary-issue-open")
            } else {
                Msg::new("import-summary-issue-closed")
            };
            lang.msg(&msg.arg("number", number.to_string()).arg("repository", repository.as_str()))
        }
        Summary::Answer { site, accepted } => {
            let msg = if *accepted {
                Msg::new("import-summary-answer-accepted")
            } else {
                Msg::new("import-summary-answer")
            };
            lang.msg(&msg.arg("site", site.as_str()))
        }
        Summary::Talk { event, location, start, end } => {
            let when = match end {
                Some(end) => lang.msg(
                    &Msg::new("import-summary-days")
                        .arg("start", lang.date(*start))
                        .arg("end", lang.date(*end)),
                ),
                None => lang.date(*start),
            };
            let msg = match location {
                Some(location) => {
                    Msg::new("import-summary-talk-located").arg("location", location.as_str())
                }
                None => Msg::new("import-summary-talk"),
            };
            lang.msg(&msg.arg("event", event.as_str()).arg("when", when))
        }
    };
    Cow::Owned(clipped(words))
}

/// A description as a sentence: ended by a full stop unless it has its own.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?', '…']) { text.to_owned() } else { format!("{text}.") }
}

/// At most [`SUMMARY_MAX_CHARS`] characters, an ellipsis marking a cut.
fn clipped(text: String) -> String {
    if text.chars().count() <= SUMMARY_MAX_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(SUMMARY_MAX_CHARS - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn facts_are_worded_in_the_persons_language() {
        let merged = Summary::PullRequest {
            number: 1412,
            repository: "rustaceans/cookbook".into(),
            state: PullRequestState::Merged(date(2024, 11, 20)),
        };
        assert_eq!(
            worded(Lang::En, &merged),
            "Pull request #1412 to rustaceans/cookbook, merged on 20 November 2024."
        );
        assert_eq!(
            worded(Lang::De, &merged),
            "Pull-Request #1412 an rustaceans/cookbook, am 20. November 2024 übernommen."
        );

        let repository = Summary::Repository {
            full_name: "Mira-Okafor/tidy-tables".into(),
            description: Some("Pretty tables for the terminal".into()),
            language: Some("Rust".into()),
            archived: true,
        };
        assert_eq!(
            worded(Lang::En, &repository),
            "Repository Mira-Okafor/tidy-tables: Pretty tables for the terminal. \
             Written in Rust. Archived."
        );
        assert_eq!(
            worded(Lang::De, &repository),
            "Repository Mira-Okafor/tidy-tables: Pretty tables for the terminal. \
             In Rust geschrieben. Archiviert."
        );

        let talk = Summary::Talk {
            event: "Nordic Query Conf 2023".into(),
            location: Some("Oslo, Norway".into()),
            start: date(2023, 10, 12),
            end: Some(date(2023, 10, 13)),
        };
        assert_eq!(
            worded(Lang::En, &talk),
            "Speaker at Nordic Query Conf 2023, Oslo, Norway, 12 October 2023 to 13 October 2023."
        );
        assert_eq!(
            worded(Lang::De, &Summary::Answer { site: "stackoverflow.com".into(), accepted: true }),
            "Akzeptierte Antwort auf stackoverflow.com."
        );
    }

    #[test]
    fn the_sources_own_words_pass_through_and_long_facts_are_cut() {
        let text = Summary::Text("Salt & vinegar".into());
        assert!(matches!(worded(Lang::De, &text), Cow::Borrowed("Salt & vinegar")));
        let long = Summary::Repository {
            full_name: "a/b".into(),
            description: Some("word ".repeat(200)),
            language: None,
            archived: false,
        };
        let words = worded(Lang::En, &long);
        assert_eq!(words.chars().count(), SUMMARY_MAX_CHARS);
        assert!(words.ends_with('…'));
    }
}
