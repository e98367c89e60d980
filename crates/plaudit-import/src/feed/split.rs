//! Finds a feed's entries in its XML without trusting the XML to be well-formed, so that one
//! broken entry can be read apart from the others.
//!
//! The feed parsers read a document whole: an entry they cannot read makes them fail the feed, or
//! worse, silently lose the entries after it (a mismatched end tag shifts their idea of depth).
//! This scan finds where each `<item>` or `<entry>` is, tolerating anything between tags; when a
//! parser fails or returns a different number of entries, each entry is read alone in a copy of
//! the feed's envelope. The same scan cuts a large feed into parts read on several threads.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;
use quick_xml::events::Event;

/// The ends of comments, CDATA sections and processing instructions, each searcher built once:
/// a feed has thousands of CDATA sections, and building a searcher cost as much as the search.
static COMMENT_END: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"-->"));
static CDATA_END: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"]]>"));
static PI_END: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"?>"));

/// Where a feed's entries are.
#[derive(Debug)]
pub(super) struct Layout {
    /// Each entry's bytes, start tag to end tag, in document order.
    pub entries: Vec<Range<usize>>,
    /// The bytes before the first entry: the prolog, the root, the channel and its metadata.
    pub head: Range<usize>,
    /// The end tags that close what the head opened.
    pub tail: String,
}

impl Layout {
    /// A document with only the entries at `range` in the feed's envelope.
    pub fn around(&self, xml: &[u8], range: Range<usize>) -> Vec<u8> {
        let head = xml.get(self.head.clone()).unwrap_or_default();
        let entry = xml.get(range).unwrap_or_default();
        let mut doc = Vec::with_capacity(head.len() + entry.len() + self.tail.len());
        doc.extend_from_slice(head);
        doc.extend_from_slice(entry);
        doc.extend_from_slice(self.tail.as_bytes());
        doc
    }
}

/// An element's name as written, and its local part.
fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// How many `<item>` and `<entry>` start tags `xml` has, wherever they are: a cheap check of the
/// number of entries a parser found. Prefixed names and tags inside CDATA make it differ; then
/// [`scan`] settles it.
pub(super) fn count_entry_tags(xml: &[u8]) -> usize {
    [b"<item".as_slice(), b"<entry".as_slice()]
        .iter()
        .map(|tag| {
            memchr::memmem::find_iter(xml, tag)
                .filter(|&at| {
                    xml.get(at + tag.len())
                        .is_some_and(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
                })
                .count()
        })
        .sum()
}

/// Scans `xml` for the entries of an RSS (0.9x, 1.0, 2.0) or Atom feed. `None` when the root is
/// none of those.
pub(super) fn scan(xml: &[u8]) -> Option<Layout> {
    let mut stack: Vec<&[u8]> = Vec::new();
    // How deep entries sit (under <feed> or <rdf:RDF>: 1, under <rss><channel>: 2) and their
    // local name.
    let mut shape: Option<(usize, &[u8])> = None;
    let mut entries: Vec<Range<usize>> = Vec::new();
    let mut open: Option<usize> = None;
    let mut head_end: Option<usize> = None;
    let mut tail = String::new();
    let mut i = 0;

    while let Some(n) = xml.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        let at = i + n;
        let rest = xml.get(at..).unwrap_or_default();
        if let Some(end) = literal_end(xml, at) {
            i = end;
            continue;
        }
        if rest.starts_with(b"<!") {
            i = declaration_end(xml, at);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = at + if closing { 2 } else { 1 };
        let name_len = xml
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| !(b.is_ascii_whitespace() || matches!(b, b'>' | b'/')))
            .count();
        if name_len == 0 {
            // A `<` that opens nothing: text, however invalid.
            i = at + 1;
            continue;
        }
        let name = xml.get(name_start..name_start + name_len).unwrap_or_default();
        let end = tag_end(xml, name_start + name_len);
        let self_closing = !closing && end >= 2 && xml.get(end - 2) == Some(&b'/');

        if closing {
            // Close up to the matching open element; an end tag that matches nothing is ignored.
            if let Some(depth) = stack.iter().rposition(|open| *open == name) {
                stack.truncate(depth);
                if let (Some(start), Some((d, _))) = (open, shape)
                    && stack.len() <= d
                {
                    // An entry's own end tag belongs to it; an ancestor's ends it just before.
                    let is_own = shape.is_some_and(|(_, entry)| local(name) == entry);
                    entries.push(start..if is_own { end } else { at });
                    open = None;
                }
            }
        } else {
            if stack.is_empty() && shape.is_none() {
                shape = match local(name) {
                    b"feed" => Some((1, b"entry".as_slice())),
                    b"RDF" => Some((1, b"item".as_slice())),
                    b"rss" => Some((2, b"item".as_slice())),
                    _ => return None,
                };
            }
            let (depth, entry_name) = shape?;
            if local(name) == entry_name
                && let Some(start) = open
                && stack.len() > depth
            {
                // A new entry while one is open: the open one lacked its end tag.
                entries.push(start..at);
                open = None;
                stack.truncate(depth);
            }
            let is_entry = stack.len() == depth
                && local(name) == entry_name
                && (depth != 2 || stack.get(1).is_some_and(|c| local(c) == b"channel"));
            if is_entry {
                if head_end.is_none() {
                    head_end = Some(at);
                    for open in stack.iter().rev() {
                        tail.push_str("</");
                        tail.push_str(&String::from_utf8_lossy(open));
                        tail.push('>');
                    }
                }
                if self_closing {
                    entries.push(at..end);
                } else {
                    open = Some(at);
                }
            }
            if !self_closing {
                stack.push(name);
            }
        }
        i = end;
    }
    if let Some(start) = open {
        entries.push(start..xml.len());
    }
    shape?;
    Some(Layout { entries, head: 0..head_end.unwrap_or(0), tail })
}

/// Whether an entry's XML is well-formed on its own, and why not when it is not. Namespace
/// prefixes declared on the root are not checked.
pub(super) fn check(entry: &[u8]) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(entry);
    let mut depth = 0_usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) if depth == 0 => return Ok(()),
            Ok(Event::Eof) => return Err("an element is never closed".into()),
            Ok(_) => {}
            Err(error) => {
                let why = error.to_string();
                return Err(why.strip_prefix("ill-formed document: ").unwrap_or(&why).to_owned());
            }
        }
    }
}

/// Just past the comment, CDATA section or processing instruction that starts at `at`, if one
/// does: text in which `<` and `&` are only characters.
pub(super) fn literal_end(xml: &[u8], at: usize) -> Option<usize> {
    let rest = xml.get(at..)?;
    if rest.starts_with(b"<!--") {
        Some(skip_past(xml, at + 4, &COMMENT_END))
    } else if rest.starts_with(b"<![CDATA[") {
        Some(skip_past(xml, at + 9, &CDATA_END))
    } else if rest.starts_with(b"<?") {
        Some(skip_past(xml, at + 2, &PI_END))
    } else {
        None
    }
}

/// Just past the next `end` from `from`, or the end of the document.
fn skip_past(xml: &[u8], from: usize, end: &Finder<'static>) -> usize {
    xml.get(from..)
        .and_then(|rest| end.find(rest))
        .map_or(xml.len(), |n| from + n + end.needle().len())
}

/// Just past a `<!DOCTYPE …>`, internal subset included.
fn declaration_end(xml: &[u8], from: usize) -> usize {
    let mut depth = 0_i32;
    for (n, &b) in xml.get(from..).unwrap_or_default().iter().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => depth -= 1,
            b'>' if depth <= 0 => return from + n + 1,
            _ => {}
        }
    }
    xml.len()
}

/// Just past the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(xml: &[u8], from: usize) -> usize {
    let rest = xml.get(from..).unwrap_or_default();
    // Most tags have no quotes and no stray `<` before their `>`: found with two searches.
    if let Some(gt) = memchr::memchr(b'>', rest)
        && let Some(tag) = rest.get(..gt)
        && memchr::memchr3(b'"', b'\'', b'<', tag).is_none()
    {
        return from + gt + 1;
    }
    let mut quote: Option<u8> = None;
    for (n, &b) in xml.get(from..).unwrap_or_default().iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return from + n + 1,
            // A `<` before any `>`: the tag was never closed; stop before the next markup.
            (None, b'<') => return from + n,
            _ => {}
        }
    }
    xml.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> Vec<String> {
        let layout = scan(xml.as_bytes()).unwrap_or(Layout {
            entries: vec![],
            head: 0..0,
            tail: String::new(),
        });
        layout.entries.iter().map(|r| xml.get(r.clone()).unwrap_or_default().to_owned()).collect()
    }

    #[test]
    fn rss_items_are_found_under_the_channel() {
        let xml = "<?xml version=\"1.0\"?><!-- <item>no</item> --><rss version=\"2.0\"><channel>\
                   <title>t</title><item><title><![CDATA[</item>]]></title></item>\
                   <item a=\"x>y\"><title>b</title></item></channel></rss>";
        assert_eq!(
            texts(xml),
            [
                "<item><title><![CDATA[</item>]]></title></item>",
                "<item a=\"x>y\"><title>b</title></item>"
            ]
        );
        let layout = scan(xml.as_bytes()).unwrap_or(Layout {
            entries: vec![],
            head: 0..0,
            tail: String::new(),
        });
        assert_eq!(layout.tail, "</channel></rss>");
        let alone = layout.around(xml.as_bytes(), layout.entries[1].clone());
        assert!(
            String::from_utf8_lossy(&alone).ends_with("<title>b</title></item></channel></rss>")
        );
    }

    #[test]
    fn broken_entries_do_not_swallow_the_next() {
        let xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>a</titel></entry>\
                   <entry><title>b & c</title><entry><title>c</title></entry></feed>";
        assert_eq!(
            texts(xml),
            [
                "<entry><title>a</titel></entry>", "<entry><title>b & c</title>",
                "<entry><title>c</title></entry>"
            ]
        );
    }

    #[test]
    fn rss_1_items_sit_beside_the_channel() {
        let xml = "<rdf:RDF xmlns:rdf=\"r\" xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"x\">\
                   <items><rdf:Seq><rdf:li resource=\"a\"/></rdf:Seq></items></channel>\
                   <item rdf:about=\"a\"><title>a</title></item></rdf:RDF>";
        assert_eq!(texts(xml), ["<item rdf:about=\"a\"><title>a</title></item>"]);
    }

    #[test]
    fn entry_tags_are_counted() {
        let xml =
            b"<rss><channel><items/><item>a</item><item\n a='b'>b</item><item/></channel></rss>";
        assert_eq!(count_entry_tags(xml), 3);
        assert_eq!(count_entry_tags(b"<feed><entry>a</entry><entry xml:lang='en'/></feed>"), 2);
    }

    #[test]
    fn a_broken_entry_says_why() {
        assert_eq!(check(b"<item><title>A &amp; B</title><dc:date>x</dc:date></item>"), Ok(()));
        assert_eq!(
            check(b"<item><title>A</titel></item>"),
            Err("expected `</title>`, but `</titel>` was found".into())
        );
        assert!(check(b"<item><title>A & B</title></item>").is_err());
        assert_eq!(check(b"<item><title>A</title>"), Err("an element is never closed".into()));
    }

    #[test]
    fn what_is_not_a_feed_has_no_layout() {
        assert!(scan(b"<!DOCTYPE html><html><body><item></item></body></html>").is_none());
        assert!(scan(b"{\"version\": 1}").is_none());
    }
}
