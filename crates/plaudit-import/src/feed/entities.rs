//! HTML's named character references in a feed's XML. XML itself knows five (`&amp;`, `&lt;`,
//! `&gt;`, `&quot;`, `&apos;`); RSS 0.91's Netscape DTD declares Latin-1's (`&eacute;`, `&nbsp;`,
//! `&copy;`), and hand-made feeds use HTML's (`&rsquo;`, `&mdash;`) without declaring them. The
//! parsers read no DTD and keep such a reference as its literal text, so a title would read
//! "Caf&eacute;". Each one is written here as the numeric reference that every XML parser reads,
//! except in comments, CDATA sections and processing instructions, where `&` is only a character.

use std::borrow::Cow;
use std::io::Write as _;

use super::{split, text};

/// The document with each HTML-only named reference as a numeric one; borrowed when it has
/// none outside CDATA, as nearly every feed.
pub(super) fn declared(xml: &[u8]) -> Cow<'_, [u8]> {
    // Copied only from the first reference that needs writing anew, so a feed whose CDATA
    // summaries name entities (left to the HTML reader) is not copied for them.
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = xml.get(at..).and_then(|rest| memchr::memchr2(b'&', b'<', rest)) {
        let i = at + found;
        if xml.get(i) == Some(&b'<') {
            at = split::literal_end(xml, i).unwrap_or(i + 1);
            continue;
        }
        at = i + 1;
        if let Some((chars, end)) = html_only(xml, i) {
            let out = out.get_or_insert_with(|| Vec::with_capacity(xml.len() + 64));
            out.extend_from_slice(xml.get(copied..i).unwrap_or_default());
            for c in chars.into_iter().flatten() {
                // Writing to a Vec cannot fail.
                let _ = write!(out, "&#{};", u32::from(c));
            }
            copied = end;
            at = end;
        }
    }
    match out {
        None => Cow::Borrowed(xml),
        Some(mut out) => {
            out.extend_from_slice(xml.get(copied..).unwrap_or_default());
            Cow::Owned(out)
        }
    }
}

/// What the named reference at `at` (an `&`) stands for, and where it ends, when it is one that
/// HTML names and XML does not.
fn html_only(xml: &[u8], at: usize) -> Option<([Option<char>; 2], usize)> {
    let (name, end) = text::reference_span(xml, at)?;
    if name.first() == Some(&b'#')
        || matches!(name, b"amp;" | b"lt;" | b"gt;" | b"quot;" | b"apos;")
    {
        return None;
    }
    let chars = text::named(std::str::from_utf8(name).ok()?)?;
    Some((chars, end))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn declare(xml: &str) -> String {
        String::from_utf8(declared(xml.as_bytes()).into_owned()).unwrap()
    }

    #[test]
    fn html_names_become_numbers_and_xml_names_stay() {
        assert_eq!(
            declare(
                "<title>Caf&eacute; &amp; na&iuml;ve &lt;b&gt; &#233; &copy;&nbsp;2025</title>"
            ),
            "<title>Caf&#233; &amp; na&#239;ve &lt;b&gt; &#233; &#169;&#160;2025</title>"
        );
        // Two characters for one name.
        assert_eq!(declare("<t>&NotEqualTilde;</t>"), "<t>&#8770;&#824;</t>");
    }

    #[test]
    fn comments_cdata_and_instructions_are_left_as_written() {
        let xml = "<!-- &eacute; --><?x &eacute;?><d><![CDATA[Caf&eacute;]]></d><t>&eacute;</t>";
        assert_eq!(
            declare(xml),
            "<!-- &eacute; --><?x &eacute;?><d><![CDATA[Caf&eacute;]]></d><t>&#233;</t>"
        );
    }

    #[test]
    fn a_document_without_them_is_borrowed() {
        for xml in [
            "<t>AT&T &amp; &unknown; &#8217;</t>",
            "<t>&eacute</t>",
            "<d><![CDATA[<p>Tea &mdash; and cake</p>]]></d>",
            "",
        ] {
            assert!(matches!(declared(xml.as_bytes()), Cow::Borrowed(_)), "{xml}");
        }
    }
}
