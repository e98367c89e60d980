//! Ask me anything: the rules of an awardee's AMA that need no storage.
//!
//! - [`question_parts`]: the parts a host may answer one at a time.
//! - [`blog_post`]: an answered question as a Markdown file with front matter that Jekyll and
//!   Hugo take as is.

pub mod blog_post;

/// The most parts one answer takes.
pub const MAX_PARTS: usize = 10;

/// The questions inside a question, to offer the host one answer part each: every sentence of
/// the title and body that ends in a question mark, in order. A question with one (or none)
/// is answered whole, as one part with no quote.
pub fn question_parts(title: &str, body: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for text in [title, body] {
        let mut sentence = String::new();
        for c in text.chars() {
            sentence.push(c);
            if matches!(c, '.' | '!' | '\n') {
                sentence.clear();
            } else if c == '?' {
                let part = sentence.trim().trim_start_matches(['-', '*', '>', ' ']).trim();
                if !part.is_empty() && !parts.iter().any(|p: &String| p == part) {
                    parts.push(part.to_owned());
                }
                sentence.clear();
            }
        }
    }
    if parts.len() < 2 {
        return Vec::new();
    }
    parts.truncate(MAX_PARTS);
    parts
}

/// Tags as a host types them ("Career, speaking  writing"): lower case, letters, digits and
/// hyphens, each once, in the order typed; the error is the first word that is not a tag.
pub fn parse_tags(typed: &str) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for word in typed.split([',', ' ', '\n', '\t']).filter(|w| !w.is_empty()) {
        let tag = word.trim_start_matches('#').to_lowercase();
        let valid = !tag.is_empty()
            && tag.chars().count() <= MAX_TAG_CHARS
            && tag.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !tag.starts_with('-');
        if !valid {
            return Err(word.to_owned());
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    Ok(tags)
}

/// The longest tag.
pub const MAX_TAG_CHARS: usize = 30;
/// The most tags one question or AMA carries.
pub const MAX_TAGS: usize = 8;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_question_with_several_questions_in_it_offers_each_as_a_part() {
        let parts = question_parts(
            "How did you start?",
            "I have two more. What do you write about? And how often do you post?\n- Do you use a calendar?",
        );
        assert_eq!(
            parts,
            [
                "How did you start?", "What do you write about?", "And how often do you post?",
                "Do you use a calendar?"
            ]
        );
    }

    #[test]
    fn a_single_question_is_answered_whole() {
        assert!(question_parts("How did you become an MVP?", "Thanks! Love your blog.").is_empty());
        assert!(question_parts("Tell me about your talks", "").is_empty());
    }

    #[test]
    fn tags_are_folded_and_checked() {
        assert_eq!(
            parse_tags("Career, #speaking  writing career").unwrap(),
            ["career", "speaking", "writing"]
        );
        assert_eq!(parse_tags("ok <script>").unwrap_err(), "<script>");
        assert_eq!(parse_tags("").unwrap(), Vec::<String>::new());
    }
}
