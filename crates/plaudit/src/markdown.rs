//! Markdown a person writes (a bio), as HTML that is safe to put in a page.
//!
//! Two guards, either of which alone would hold:
//! 1. pulldown-cmark renders the Markdown with any raw HTML in it turned into text, so
//!    `<script>` typed in a bio shows as those characters and never becomes a tag;
//! 2. ammonia then keeps only an allow-list of tags and attributes: no script, style, iframe,
//!    form or event handler; links only to absolute http, https and mailto addresses, with
//!    `rel="nofollow noopener"`; images only from https addresses.
//!
//! Headings move down two levels (`#` becomes `<h3>`): a bio sits under the page's own `<h1>`
//! and `<h2>`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

const TAGS: &[&str] = &[
    "p", "br", "hr", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "img", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
];

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::empty();
    builder
        .tags(TAGS.iter().copied().collect())
        .tag_attributes(HashMap::from([
            ("a", HashSet::from(["href", "title"])),
            ("img", HashSet::from(["src", "alt", "title"])),
            ("ol", HashSet::from(["start"])),
            ("th", HashSet::from(["align"])),
            ("td", HashSet::from(["align"])),
        ]))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        // A relative address would point into this site, e.g. at a form.
        .url_relative(UrlRelative::Deny)
        .link_rel(Some("nofollow noopener"))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            // An image over http would be mixed content, and one from elsewhere a tracker the
            // reader did not ask for; https is the least we take (the page's own policy may
            // still decline to load it).
            ("img", "src") if !value.starts_with("https://") => None,
            _ => Some(Cow::Borrowed(value)),
        });
    builder
});

/// `markdown` as sanitised HTML.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        // Raw HTML is shown as the text it is.
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: demoted(level), id, classes, attrs })
        }
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demoted(level))),
        Event::InlineMath(text) | Event::DisplayMath(text) => Event::Text(text),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    CLEANER.clean(&html).to_string()
}

/// `markdown` rewritten so that any Markdown renderer makes it as safe as [`render`] does: for
/// files Plaudit hands out (blog posts), which Jekyll's kramdown renders with raw HTML and
/// every link as written. Raw HTML becomes text, a link to anything but http, https or mailto
/// keeps its words and loses its address, and an image not served over https becomes its
/// description. The rest is written back as CommonMark by pulldown-cmark-to-cmark.
pub fn exportable(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut dropped_links = 0usize;
    let mut in_dropped_image = 0usize;
    let mut events = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => events.push(Event::Text(html)),
            Event::InlineMath(text) | Event::DisplayMath(text) => events.push(Event::Text(text)),
            // A block of HTML becomes a paragraph of its text.
            Event::Start(Tag::HtmlBlock) => events.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => events.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Link { dest_url, .. }) if !safe_link(&dest_url) => dropped_links += 1,
            Event::End(TagEnd::Link) if dropped_links > 0 => dropped_links -= 1,
            Event::Start(Tag::Image { dest_url, .. }) if !dest_url.starts_with("https://") => {
                in_dropped_image += 1
            }
            Event::End(TagEnd::Image) if in_dropped_image > 0 => in_dropped_image -= 1,
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(markdown.len() + 16);
    if pulldown_cmark_to_cmark::cmark(events.iter(), &mut out, options).is_err() {
        // Writing into a String does not fail; were it to, plain text is still safe.
        return escape_inline(markdown);
    }
    out
}

fn safe_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
}

/// `text` as Markdown that reads as exactly that text: every character Markdown could take
/// for markup (emphasis, links, images, code, raw HTML, entities) is escaped with a backslash,
/// and line breaks become spaces. For names and titles put into Markdown that Plaudit writes.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '<' | '>' | '#' | '+'
            | '-' | '.' | '!' | '|' | '~' | '&' | '"' | '\'' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn demoted(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_inline, exportable, render};

    /// Fails when the HTML has a tag or attribute that could run or load something. Text is
    /// inert (a `<` in it is escaped), so only the tags are looked at.
    fn assert_inert(html: &str) {
        let tags = html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or(rest));
        for tag in tags {
            let lower = tag.to_ascii_lowercase();
            let name = lower.trim_start_matches('/').split([' ', '\n']).next().unwrap_or("");
            assert!(super::TAGS.contains(&name), "<{tag}> in {html}");
            let attributes = lower.split(' ').skip(1);
            for attribute in attributes {
                assert!(!attribute.starts_with("on"), "{attribute} in {html}");
                assert!(!attribute.starts_with("style"), "{attribute} in {html}");
            }
            for scheme in ["javascript:", "data:", "vbscript:"] {
                assert!(!lower.contains(scheme), "{scheme} in {html}");
            }
        }
    }

    #[test]
    fn exported_markdown_keeps_its_words_and_loses_what_could_run() {
        let md = exportable(
            "Hi <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://a.example) \
             ![i](http://t.example/p.png) *kept*\n\n<img src=x onerror=alert(2)>\n",
        );
        assert!(!md.contains("javascript:") && !md.contains("http://t.example"), "{md}");
        assert!(md.contains("[ok](https://a.example)") && md.contains("*kept*"), "{md}");
        // Rendered by a renderer that lets raw HTML through, as kramdown does, nothing runs.
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
        assert_inert(&html);
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    }

    #[test]
    fn escaped_text_renders_as_itself() {
        for text in [
            "](javascript:alert(1)) *bold* <script>x</script>",
            "[a](https://evil.example) ![i](https://x/y.png) `code` &amp; # H",
            "1. not a list - nor this + | table | ~~del~~ \\ back",
        ] {
            let html = render(&format!("By {}.", escape_inline(text)));
            assert_inert(&html);
            assert!(
                !html.contains("<a") && !html.contains("<img") && !html.contains("<em"),
                "{html}"
            );
            let shown = html
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
                .replace("&quot;", "\"");
            assert!(shown.contains(text), "{text} became {html}");
        }
    }

    #[test]
    fn markdown_becomes_the_usual_html() {
        let html =
            render("Hello *world*, see [my blog](https://blog.example.org).\n\n- one\n- two");
        assert!(html.contains("<em>world</em>"), "{html}");
        assert!(html.contains("<ul>\n<li>one</li>"), "{html}");
        assert!(
            html.contains(
                "<a href=\"https://blog.example.org\" rel=\"nofollow noopener\">my blog</a>"
            ),
            "{html}"
        );
    }

    #[test]
    fn a_script_tag_is_shown_as_text_and_never_runs() {
        let html = render("Hi <script>alert(1)</script> there\n\n<script>\nalert(2)\n</script>");
        assert_inert(&html);
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    }

    #[test]
    fn event_handlers_are_dropped() {
        let html =
            render("<img src=x onerror=alert(1)>\n\n![pic](https://img.example.org/a.png \"t\")");
        assert_inert(&html);
        assert!(html.contains("<img src=\"https://img.example.org/a.png\""), "{html}");
    }

    #[test]
    fn javascript_links_lose_their_address() {
        for markdown in [
            "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](  javascript:alert(1) )",
            "[x](java\u{0}script:alert(1))", "<javascript:alert(1)>",
            "[x]: javascript:alert(1)\n\n[y][x]", "[x](&#106;avascript:alert(1))",
        ] {
            let html = render(markdown);
            assert_inert(&html);
        }
        let html = render("[x](javascript:alert(1))");
        assert!(html.contains(">x</a>"), "the text stays: {html}");
    }

    #[test]
    fn data_and_http_images_are_refused_https_ones_kept() {
        let html = render("![a](data:image/png;base64,AAAA) ![b](http://img.example.org/b.png)");
        assert_inert(&html);
        assert!(!html.contains("src="), "{html}");
        let html = render("[c](data:text/html;base64,PHNjcmlwdD4=)");
        assert_inert(&html);
    }

    #[test]
    fn nested_and_broken_html_stays_text() {
        for markdown in [
            "<div><p onclick=\"x()\"><iframe src=\"https://evil.example\"></iframe></p></div>",
            "<<script>script>alert(1)<</script>/script>",
            "<svg><script>alert(1)</script></svg>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<style>body{display:none}</style>",
            "`<script>` in code\n\n```html\n<script>alert(1)</script>\n```",
            "<!-- <script>alert(1)</script> -->",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        ] {
            let html = render(markdown);
            assert_inert(&html);
        }
    }

    #[test]
    fn relative_links_are_dropped_and_headings_move_down() {
        let html = render("# Me\n\n[admin](/admin) [mail](mailto:me@example.org)");
        assert!(html.contains("<h3>Me</h3>"), "{html}");
        assert!(!html.contains("href=\"/admin\""), "{html}");
        assert!(html.contains("href=\"mailto:me@example.org\""), "{html}");
    }
}
