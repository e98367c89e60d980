//! Feed autodiscovery: the feeds a web page names with `<link rel="alternate" type="…">`, as
//! browsers and feed readers find them. A person gives their blog's home page; this finds its
//! feed.

use scraper::{Html, Selector};
use url::Url;

/// The media types that name a feed.
const FEED_TYPES: [&str; 4] =
    ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"];

/// The feeds `html` (the page at `page_url`) names, in document order, without repeats. Relative
/// addresses are resolved against the page's `<base href>` when it has one, else its address.
/// RSS, Atom and JSON Feed are all accepted; only http(s) addresses are kept.
pub fn feed_links(html: &[u8], page_url: &Url) -> Vec<Url> {
    let text = String::from_utf8_lossy(html);
    let document = Html::parse_document(&text);
    // Both selectors are constants, so they always parse; an empty list is the safe fallback.
    let (Ok(base_selector), Ok(link_selector)) =
        (Selector::parse("base[href]"), Selector::parse("link[rel][href]"))
    else {
        return Vec::new();
    };

    let base = document
        .select(&base_selector)
        .next()
        .and_then(|base| base.value().attr("href"))
        .and_then(|href| page_url.join(href.trim()).ok())
        .unwrap_or_else(|| page_url.clone());

    let mut found: Vec<Url> = Vec::new();
    for link in document.select(&link_selector) {
        let element = link.value();
        let rel = element.attr("rel").unwrap_or_default();
        if !rel.split_ascii_whitespace().any(|token| token.eq_ignore_ascii_case("alternate")) {
            continue;
        }
        let media_type = element.attr("type").unwrap_or_default();
        let essence = media_type.split(';').next().unwrap_or_default().trim();
        if !FEED_TYPES.iter().any(|t| t.eq_ignore_ascii_case(essence)) {
            continue;
        }
        let Some(url) = element.attr("href").and_then(|href| base.join(href.trim()).ok()) else {
            continue;
        };
        if matches!(url.scheme(), "http" | "https") && !found.contains(&url) {
            found.push(url);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn links(html: &str, page: &str) -> Vec<String> {
        feed_links(html.as_bytes(), &Url::parse(page).unwrap()).iter().map(Url::to_string).collect()
    }

    #[test]
    fn every_feed_type_in_document_order() {
        let html = r#"<!DOCTYPE html><html><head>
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/rss+xml" title="Notes &raquo; Feed" href="https://notes.example.org/feed/">
            <link rel="alternate" type="application/atom+xml" href="/atom.xml">
            <link rel="alternate" type="application/feed+json" href="feed.json">
            <link rel="alternate" type="application/json" href="/feed.json">
            <link rel="alternate" hreflang="de" href="/de/">
            <link rel="alternate" type="text/html" href="/amp/">
            </head><body></body></html>"#;
        assert_eq!(
            links(html, "https://notes.example.org/blog/"),
            [
                "https://notes.example.org/feed/",
                "https://notes.example.org/atom.xml",
                "https://notes.example.org/blog/feed.json",
                "https://notes.example.org/feed.json",
            ]
        );
    }

    #[test]
    fn rel_and_type_are_read_as_browsers_read_them() {
        let html = r#"<html><head>
            <LINK REL="Alternate Home" TYPE="Application/RSS+XML; charset=utf-8" HREF=" /rss ">
            <link rel="alternatestylesheet" type="application/rss+xml" href="/not-this">
            <link rel="alternate" type="application/rss+xml" href="/rss">
            <link rel="alternate" type="application/atom+xml" href="javascript:alert(1)">
            </head></html>"#;
        assert_eq!(links(html, "http://example.com/"), ["http://example.com/rss"]);
    }

    #[test]
    fn base_href_is_honoured() {
        let html = r#"<html><head><base href="https://cdn.example.net/site/">
            <link rel="alternate" type="application/atom+xml" href="feed.xml"></head></html>"#;
        assert_eq!(links(html, "https://example.com/"), ["https://cdn.example.net/site/feed.xml"]);

        let relative_base = r#"<html><head><base href="/blog/">
            <link rel="alternate" type="application/atom+xml" href="feed.xml"></head></html>"#;
        assert_eq!(
            links(relative_base, "https://example.com/x/y"),
            ["https://example.com/blog/feed.xml"]
        );
    }

    #[test]
    fn a_page_without_feeds_names_none() {
        assert!(links("<html><head><title>Hi</title></head><body><a href=\"/feed\">feed</a></body></html>", "https://example.com/").is_empty());
        assert!(links("not html at all", "https://example.com/").is_empty());
    }
}
