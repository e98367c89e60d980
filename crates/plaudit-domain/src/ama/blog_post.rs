//! An answered AMA question as a blog post: one Markdown file with YAML front matter that Jekyll
//! (in `_posts/`) and Hugo (in `content/…/`) both take as is.
//!
//! The front matter is written by hand, in the small subset of YAML that every parser reads the
//! same way (Ruby's Psych for Jekyll, YAML 1.1; Go's for Hugo; YAML 1.2 libraries):
//!
//! - Text (the title, each tag, the question's address) is one double-quoted line. Only `"` and
//!   `\` are escaped; everything else stays as typed, non-ASCII included, so no title can turn
//!   into a keyword (`yes`, `null`), a comment (`#`), an alias (`*`), a tag (`!`) or a list. Each
//!   is one line: each run of line breaks and tabs becomes a space, other control
//!   characters and the few characters YAML forbids (a byte order mark, U+FFFE, U+FFFF) are
//!   dropped, and surrounding white space is trimmed.
//! - `date` is `2020-07-03 10:28:00 -04:00`: seconds and an offset with a colon, in the host's
//!   time zone. That is the YAML 1.1 timestamp form, so Psych loads a `Time` with the offset;
//!   without seconds (`10:28 -0400`) it would load a string. An offset with seconds (local mean
//!   time before 1900 or so) is rounded to the minute for the same reason. Hugo keeps the offset;
//!   Jekyll shows the same instant in its site's `timezone`, so a host sets that to their own.
//! - A draft carries `published: false` and nothing else. That is Jekyll's flag, and Hugo reads
//!   it too, as the inverse of `draft` (from its early versions to the newest; undocumented but
//!   deliberate: as an alias of `publishDate` a boolean is ignored). Writing `draft: true` as
//!   well would make Hugo warn that the page "has both draft and published settings" (very old
//!   Hugo refused it), and Jekyll ignores `draft`. A post that is not a draft carries neither
//!   key: both publish by default.
//! - `ama_question_url` links back to the question, for a layout that wants it.
//! - The body is text people wrote, never a template: `render_with_liquid: false` keeps Jekyll
//!   (4.0 and later) from running `{{ }}` and `{% %}` in it as Liquid, and a Hugo shortcode's
//!   opening (`{{<`, `{{%`) is written with its second character as an HTML entity, which Markdown
//!   renders as the same character and Hugo does not take for a shortcode (inside a code span or
//!   block the entity shows as typed: the price of never running a reader's words).
//!
//! The file name is Jekyll's `YYYY-MM-DD-slug.md`, the date the same local date as `date` (Jekyll
//! takes the front matter's date over the name's); Hugo only uses it for the page's address.

use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime};

use crate::parse::Slug;

/// An answered question, ready to be written out as a post.
#[derive(Clone, Copy, Debug)]
pub struct BlogPost<'a> {
    /// The post's full title as the reader sees it, already in the host's language, e.g.
    /// `From the AMA: "How did you become a Microsoft MVP?"` (the caller composes it).
    pub title: &'a str,
    /// The question's title alone: the file's slug comes from it.
    pub question_title: &'a str,
    pub answered_at: Timestamp,
    /// The host's time zone: the date is written in it, with its offset at that instant.
    pub time_zone: &'a TimeZone,
    pub tags: &'a [String],
    /// A draft carries `published: false`, which keeps it out of both sites' builds (see the
    /// module's documentation).
    pub draft: bool,
    /// The question's public URL: the post links back to it.
    pub question_url: &'a str,
    /// The post's Markdown body, composed by the caller (question, answer parts, a closing link
    /// line).
    pub body: &'a str,
}

impl BlogPost<'_> {
    /// `YYYY-MM-DD-slug.md`, the date in the host's time zone.
    pub fn file_name(&self) -> String {
        format!(
            "{}-{}.md",
            self.local_time().strftime("%Y-%m-%d"),
            Slug::from_title(self.question_title)
        )
    }

    /// The whole file: `---`, front matter, `---`, a blank line, the body (ending with a newline).
    pub fn to_markdown(&self) -> String {
        let mut out = String::with_capacity(self.body.len() + 256);
        out.push_str("---\n");
        out.push_str(&format!("title: {}\n", quoted(self.title)));
        out.push_str(&format!("date: {}\n", self.local_time().strftime("%Y-%m-%d %H:%M:%S %:z")));
        if self.draft {
            out.push_str("published: false\n");
        }
        if self.tags.is_empty() {
            out.push_str("tags: []\n");
        } else {
            out.push_str("tags:\n");
            for tag in self.tags {
                out.push_str(&format!("  - {}\n", quoted(tag)));
            }
        }
        out.push_str(&format!("ama_question_url: {}\n", quoted(self.question_url)));
        out.push_str("render_with_liquid: false\n");
        out.push_str("---\n\n");
        let body = inert_for_hugo(self.body);
        out.push_str(&body);
        if !body.ends_with('\n') {
            out.push('\n');
        }
        out
    }

    /// The answer's instant in the host's zone, at an offset of whole minutes.
    fn local_time(&self) -> ZonedDateTime {
        let offset = self.time_zone.to_offset(self.answered_at);
        let whole_minutes = (offset.seconds() + 30).div_euclid(60) * 60;
        let offset = Offset::from_seconds(whole_minutes).unwrap_or(offset);
        self.answered_at.to_zoned_datetime(TimeZone::fixed(offset))
    }
}

/// `body` with no Hugo shortcode in it (see the module's documentation).
fn inert_for_hugo(body: &str) -> String {
    body.replace("{{<", "{{&lt;").replace("{{%", "{{&#37;")
}

/// `text` as one double-quoted YAML line (see the module's documentation).
fn quoted(text: &str) -> String {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len() + 2);
    out.push('"');
    for c in line.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// What of `text` a front matter line keeps: runs of breaks and tabs as one space, no control
/// characters, nothing YAML forbids, trimmed. This is what a parser reads back.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_break = false;
    for c in text.chars() {
        // NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks to YAML 1.1 parsers.
        if matches!(c, '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
        {
            if !after_break {
                out.push(' ');
                after_break = true;
            }
        } else if !(c.is_control() || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}')) {
            out.push(c);
            after_break = false;
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;
    use saphyr::{LoadableYamlNode, YamlOwned};

    const SEED_TITLE: &str = r#"From the AMA: "How did you become a Microsoft MVP?""#;
    const SEED_QUESTION: &str = "How did you become a Microsoft MVP?";
    const SEED_URL: &str = "https://plaudit.example/ama/questions/42";

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn zone(name: &str) -> TimeZone {
        TimeZone::get(name).unwrap()
    }

    fn post<'a>(
        title: &'a str,
        at: Timestamp,
        tz: &'a TimeZone,
        tags: &'a [String],
    ) -> BlogPost<'a> {
        BlogPost {
            title,
            question_title: SEED_QUESTION,
            answered_at: at,
            time_zone: tz,
            tags,
            draft: false,
            question_url: SEED_URL,
            body: "Body.\n",
        }
    }

    /// The front matter's lines, without the `---` fences.
    fn front_matter(markdown: &str) -> Vec<&str> {
        let rest = markdown.strip_prefix("---\n").unwrap();
        let end = rest.find("\n---\n\n").unwrap();
        rest[..end].lines().collect()
    }

    fn line_of<'a>(markdown: &'a str, key: &str) -> &'a str {
        let prefix = format!("{key}: ");
        front_matter(markdown).into_iter().find_map(|l| l.strip_prefix(prefix.as_str())).unwrap()
    }

    /// The front matter as a YAML 1.2 library loads it.
    fn load(markdown: &str) -> YamlOwned {
        let rest = markdown.strip_prefix("---\n").unwrap();
        let end = rest.find("\n---\n\n").unwrap();
        let mut docs = YamlOwned::load_from_str(&rest[..=end]).unwrap();
        assert_eq!(docs.len(), 1);
        docs.remove(0)
    }

    fn loaded_str(doc: &YamlOwned, key: &str) -> String {
        let value = &doc[key];
        assert!(value.is_string(), "{key} is not a string: {value:?}");
        value.as_str().unwrap().to_string()
    }

    fn loaded_tags(doc: &YamlOwned) -> Vec<String> {
        doc["tags"].as_vec().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect()
    }

    #[test]
    fn a_shortcode_or_liquid_in_the_body_stays_text() {
        let utc = zone("UTC");
        let mut post = post("t", ts("2020-07-03T14:28:00Z"), &utc, &[]);
        post.body = "{{< youtube x >}} {{% note %}} {{ site.title }} {% include x %}";
        let file = post.to_markdown();
        assert!(file.contains("\nrender_with_liquid: false\n"), "{file}");
        assert!(file.contains("{{&lt; youtube x >}} {{&#37; note %}} {{ site.title }}"), "{file}");
        assert!(!file.contains("{{<") && !file.contains("{{%"), "{file}");
    }

    #[test]
    fn the_seed_question_gives_this_exact_file() {
        let ny = zone("America/New_York");
        let tags = vec!["mvp".to_string(), "career".to_string()];
        let body = "> How did you become a Microsoft MVP?\n\nBy writing.\n\n[The question](https://plaudit.example/ama/questions/42)\n";
        let post = BlogPost { body, ..post(SEED_TITLE, ts("2020-07-03T14:28:00Z"), &ny, &tags) };
        assert_eq!(post.file_name(), "2020-07-03-how-did-you-become-a-microsoft-mvp.md");
        assert_eq!(
            post.to_markdown(),
            r#"---
title: "From the AMA: \"How did you become a Microsoft MVP?\""
date: 2020-07-03 10:28:00 -04:00
tags:
  - "mvp"
  - "career"
ama_question_url: "https://plaudit.example/ama/questions/42"
render_with_liquid: false
---

> How did you become a Microsoft MVP?

By writing.

[The question](https://plaudit.example/ama/questions/42)
"#
        );
    }

    #[test]
    fn winter_in_new_york_is_five_hours_behind() {
        let ny = zone("America/New_York");
        let post = post("t", ts("2021-01-15T15:04:05Z"), &ny, &[]);
        assert_eq!(line_of(&post.to_markdown(), "date"), "2021-01-15 10:04:05 -05:00");
    }

    #[test]
    fn a_zone_east_of_utc_keeps_its_half_hour() {
        let kolkata = zone("Asia/Kolkata");
        let post = post("t", ts("2020-07-03T20:00:00Z"), &kolkata, &[]);
        assert_eq!(line_of(&post.to_markdown(), "date"), "2020-07-04 01:30:00 +05:30");
        assert_eq!(post.file_name(), "2020-07-04-how-did-you-become-a-microsoft-mvp.md");
    }

    #[test]
    fn utc_is_written_plus_zero() {
        let utc = TimeZone::UTC;
        let post = post("t", ts("2020-07-03T23:59:59.999Z"), &utc, &[]);
        assert_eq!(line_of(&post.to_markdown(), "date"), "2020-07-03 23:59:59 +00:00");
    }

    #[test]
    fn the_file_name_takes_the_hosts_date_not_utcs() {
        let ny = zone("America/New_York");
        let post = post("t", ts("2020-07-04T02:00:00Z"), &ny, &[]);
        assert_eq!(post.file_name(), "2020-07-03-how-did-you-become-a-microsoft-mvp.md");
        assert_eq!(line_of(&post.to_markdown(), "date"), "2020-07-03 22:00:00 -04:00");
    }

    #[test]
    fn the_slug_comes_from_the_question_title_alone() {
        let utc = TimeZone::UTC;
        let post = BlogPost {
            question_title: "Ça va? Tips & tricks!",
            ..post("t", ts("2020-07-03T14:28:00Z"), &utc, &[])
        };
        assert_eq!(post.file_name(), "2020-07-03-ca-va-tips-and-tricks.md");
    }

    #[test]
    fn an_offset_with_seconds_is_rounded_to_the_minute() {
        // New York kept local mean time, -4:56:02, until 1883.
        let ny = zone("America/New_York");
        let post = post("t", ts("1880-01-01T17:00:00Z"), &ny, &[]);
        assert_eq!(line_of(&post.to_markdown(), "date"), "1880-01-01 12:04:00 -04:56");
    }

    #[test]
    fn a_draft_says_published_false_and_nothing_else() {
        let utc = TimeZone::UTC;
        let draft = BlogPost { draft: true, ..post("t", ts("2020-07-03T14:28:00Z"), &utc, &[]) };
        let lines = front_matter(&draft.to_markdown()).join("\n");
        assert!(lines.contains("\npublished: false\n") && !lines.contains("draft"), "{lines}");

        let published = post("t", ts("2020-07-03T14:28:00Z"), &utc, &[]).to_markdown();
        assert!(!published.contains("published:") && !published.contains("draft:"), "{published}");
    }

    #[test]
    fn no_tags_is_an_empty_list() {
        let utc = TimeZone::UTC;
        let post = post("t", ts("2020-07-03T14:28:00Z"), &utc, &[]);
        assert_eq!(line_of(&post.to_markdown(), "tags"), "[]");
        assert!(loaded_tags(&load(&post.to_markdown())).is_empty());
    }

    #[test]
    fn the_body_always_ends_with_one_newline() {
        let utc = TimeZone::UTC;
        let at = ts("2020-07-03T14:28:00Z");
        for (body, ending) in
            [("Body.", "\n\nBody.\n"), ("Body.\n", "\n\nBody.\n"), ("", "---\n\n\n")]
        {
            let post = BlogPost { body, ..post("t", at, &utc, &[]) };
            assert!(post.to_markdown().ends_with(ending), "{body:?}");
        }
    }

    #[test]
    fn nasty_titles_are_quoted_and_escaped_on_their_line() {
        let utc = TimeZone::UTC;
        let cases = [
            (r#"He said "hi""#, r#""He said \"hi\"""#),
            (r"C:\path\to\", r#""C:\\path\\to\\""#),
            ("key: value # not a comment", r#""key: value # not a comment""#),
            ("- a list?", r#""- a list?""#),
            ("yes", r#""yes""#),
            ("line one\nline two", r#""line one line two""#),
            ("a\r\n\r\nb\tc", r#""a b c""#),
            ("bell\u{7}\u{0}\u{7f}\u{9b}", r#""bell""#),
            ("  \n padded \n ", r#""padded""#),
            ("sep\u{2028}arated\u{85}x", r#""sep arated x""#),
            ("\u{feff}bom", r#""bom""#),
            ("Café — 日本語 🎉", r#""Café — 日本語 🎉""#),
            ("", r#""""#),
        ];
        for (title, line) in cases {
            let markdown = post(title, ts("2020-07-03T14:28:00Z"), &utc, &[]).to_markdown();
            assert_eq!(line_of(&markdown, "title"), line, "{title:?}");
        }
    }

    #[test]
    fn nasty_tags_are_quoted_the_same_way() {
        let utc = TimeZone::UTC;
        let tags =
            ["null".to_string(), "#hash".to_string(), "*alias".to_string(), "a\nb: c".to_string()];
        let markdown = post("t", ts("2020-07-03T14:28:00Z"), &utc, &tags).to_markdown();
        let lines = front_matter(&markdown);
        let start = lines.iter().position(|l| *l == "tags:").unwrap();
        assert_eq!(
            lines[start + 1..start + 5],
            [r#"  - "null""#, r##"  - "#hash""##, r#"  - "*alias""#, r#"  - "a b: c""#]
        );
    }

    /// Titles that would break a front matter written without care, one per YAML hazard.
    const HOSTILE_TITLES: &[&str] = &[
        r#"From the AMA: "How did you become a Microsoft MVP?""#,
        r"back\slash \n not a newline \\ \u0041 \x41",
        "colon: inside",
        "ends with colon:",
        "# starts like a comment",
        "mid # hash",
        "- starts like a list item",
        "* starts like an alias",
        "& starts like an anchor",
        "! starts like a tag",
        "% starts like a directive",
        "@ reserved indicator",
        "` reserved indicator",
        "yes",
        "No",
        "null",
        "~",
        "true",
        "0x1F",
        "1e3",
        "2020-07-03",
        "---",
        "...",
        "{ flow: map }",
        "[flow, seq]",
        "| literal",
        "> folded",
        "'single quoted'",
        "\"double quoted\"",
        "trailing backslash \\",
        "line one\nline two\r\nline three",
        "tab\there",
        "nul\u{0}bell\u{7}escape\u{1b}[31mred",
        "next line\u{85}line sep\u{2028}para sep\u{2029}end",
        "\u{feff}byte order mark",
        "non-ASCII: Ça va? 日本語 🎉 Ωμέγα",
        "non-breaking\u{a0}space and zero\u{200b}width",
        "<script>alert('x')</script> & friends",
        "{{ liquid }} {% raw %} {{< hugo >}}",
        "  leading and trailing spaces  ",
        "",
    ];

    #[test]
    fn hostile_titles_and_tags_load_back_as_written() {
        let utc = TimeZone::UTC;
        assert!(HOSTILE_TITLES.len() >= 20);
        let tags: Vec<String> = HOSTILE_TITLES.iter().map(|t| t.to_string()).collect();
        for title in HOSTILE_TITLES {
            let post = post(title, ts("2020-07-03T14:28:00Z"), &utc, &tags);
            let markdown = post.to_markdown();
            let doc = load(&markdown);
            assert_eq!(loaded_str(&doc, "title"), one_line(title), "{title:?}");
            assert_eq!(loaded_tags(&doc), tags.iter().map(|t| one_line(t)).collect::<Vec<_>>());
            assert_eq!(loaded_str(&doc, "ama_question_url"), SEED_URL);
            assert_eq!(front_matter(&markdown).len(), 5 + tags.len(), "{title:?}");
        }
    }

    /// The date is a plain scalar; a YAML 1.2 library (saphyr) has no timestamp type and hands it
    /// over as text, so it is read back here with its offset, and must mean the same instant.
    #[test]
    fn the_date_loads_with_its_offset() {
        for (at, tz) in [
            ("2020-07-03T14:28:00Z", "America/New_York"),
            ("2021-01-15T15:04:05Z", "America/New_York"),
            ("2020-07-03T20:00:00Z", "Asia/Kolkata"),
            ("2020-07-03T20:00:00Z", "UTC"),
            ("2024-03-31T01:30:00Z", "Europe/Paris"),
        ] {
            let tz = zone(tz);
            let post = post("t", ts(at), &tz, &[]);
            let doc = load(&post.to_markdown());
            let date = loaded_str(&doc, "date");
            let parsed = jiff::fmt::strtime::parse("%Y-%m-%d %H:%M:%S %:z", &date).unwrap();
            assert_eq!(parsed.offset(), Some(tz.to_offset(ts(at))), "{date}");
            assert_eq!(parsed.to_timestamp().unwrap(), ts(at), "{date}");
        }
    }

    proptest! {
        #[test]
        fn any_title_and_tags_stay_on_their_lines_and_load_back(
            title in any::<String>(),
            tags in prop::collection::vec(any::<String>(), 0..4),
            seconds in -2_208_988_800i64..4_102_444_800,
        ) {
            let at = Timestamp::from_second(seconds).unwrap();
            let ny = zone("America/New_York");
            let markdown = post(&title, at, &ny, &tags).to_markdown();
            let doc = load(&markdown);
            prop_assert_eq!(loaded_str(&doc, "title"), one_line(&title));
            prop_assert_eq!(loaded_tags(&doc), tags.iter().map(|t| one_line(t)).collect::<Vec<_>>());
            // title, date, tags (`[]` or a line per tag), the question's address, render_with_liquid.
            prop_assert_eq!(front_matter(&markdown).len(), 5 + tags.len());
        }
    }
}
