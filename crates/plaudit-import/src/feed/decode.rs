//! A feed's bytes as UTF-8. The XML parsers follow the prolog's `encoding` but not the HTTP
//! Content-Type's `charset`, and drop or refuse text that is not valid in the encoding they
//! assumed; so every feed is made UTF-8 here first, and a prolog that named another encoding is
//! rewritten to say UTF-8.
//!
//! Which declaration wins: a byte-order mark, then the prolog, then the Content-Type, then
//! UTF-8. The prolog is written by the software that wrote the bytes; the header often comes
//! from a server's default for the file type. Bytes that are not valid in the encoding claimed
//! for UTF-8 are read as windows-1252, the usual truth behind such feeds.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// The body as UTF-8, borrowed when it already is.
pub(crate) fn to_utf8<'a>(body: &'a [u8], content_type: Option<&str>) -> Cow<'a, [u8]> {
    if let Some((encoding, bom)) = Encoding::for_bom(body) {
        let rest = body.get(bom..).unwrap_or_default();
        if encoding == UTF_8 && std::str::from_utf8(rest).is_ok() {
            return Cow::Borrowed(rest);
        }
        return transcode(rest, encoding);
    }

    let declared = prolog_encoding(body);
    let header_label = content_type.and_then(charset);
    let header = header_label.and_then(|label| Encoding::for_label(label.as_bytes()));
    let prolog = declared.and_then(|label| Encoding::for_label(label.as_bytes()));
    let claimed = prolog.or(header);

    let valid_utf8 = || std::str::from_utf8(body).is_ok();
    // UTF-8 bytes under a prolog that names something else must not be decoded again by the
    // parser, so such a prolog is rewritten.
    let as_is = || match prolog {
        Some(e) if e != UTF_8 => Cow::Owned(with_utf8_prolog(body.to_vec())),
        _ => Cow::Borrowed(body),
    };
    match claimed {
        // UTF-16 claimed without a byte-order mark, for bytes that are plainly ASCII-based: the
        // claim is stale (a proxy or a CMS re-encoded the body).
        Some(e) if (e == UTF_16LE || e == UTF_16BE) && body.get(1).is_some_and(|&b| b != 0) => {
            if valid_utf8() {
                as_is()
            } else {
                transcode(body, WINDOWS_1252)
            }
        }
        // "us-ascii" is a windows-1252 label in the Encoding Standard, but a feed that says
        // ASCII and holds UTF-8 is far more common than one holding windows-1252.
        Some(e) if e != UTF_8 && !(is_ascii_label(declared.or(header_label)) && valid_utf8()) => {
            transcode(body, e)
        }
        _ if valid_utf8() => as_is(),
        _ => match header.filter(|&e| e != UTF_8) {
            Some(e) => transcode(body, e),
            None => transcode(body, WINDOWS_1252),
        },
    }
}

fn is_ascii_label(label: Option<&str>) -> bool {
    label.is_some_and(|l| {
        let l = l.trim();
        l.eq_ignore_ascii_case("us-ascii") || l.eq_ignore_ascii_case("ascii")
    })
}

/// Decodes `body` from `encoding` and makes its prolog say UTF-8.
fn transcode(body: &[u8], encoding: &'static Encoding) -> Cow<'static, [u8]> {
    let (text, _had_errors) = encoding.decode_without_bom_handling(body);
    Cow::Owned(with_utf8_prolog(text.into_owned().into_bytes()))
}

fn with_utf8_prolog(mut bytes: Vec<u8>) -> Vec<u8> {
    if let Some((start, end)) = prolog_span(&bytes) {
        bytes.splice(start..end, b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>".iter().copied());
    }
    bytes
}

/// Where the XML declaration is, when the document starts with one.
fn prolog_span(body: &[u8]) -> Option<(usize, usize)> {
    let start = body.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = body.get(start..body.len().min(start + 512))?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(head, b"?>")?;
    Some((start, start + end + 2))
}

/// The `encoding` pseudo-attribute of the XML declaration.
fn prolog_encoding(body: &[u8]) -> Option<&str> {
    let (start, end) = prolog_span(body)?;
    let declaration = std::str::from_utf8(body.get(start..end)?).ok()?;
    let after = declaration.get(declaration.find("encoding")? + "encoding".len()..)?;
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = after.get(1..)?;
    value.get(..value.find(quote)?)
}

/// The `charset` parameter of a Content-Type.
pub(crate) fn charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches('"'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf8(body: &[u8], content_type: Option<&str>) -> String {
        String::from_utf8(to_utf8(body, content_type).into_owned()).unwrap_or_default()
    }

    #[test]
    fn utf8_is_borrowed_as_it_is() {
        let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss>Café</rss>".as_bytes();
        assert!(matches!(to_utf8(body, Some("text/xml; charset=utf-8")), Cow::Borrowed(_)));
    }

    #[test]
    fn the_prolog_names_the_encoding() {
        let mut body = b"<?xml version='1.0' encoding='ISO-8859-1'?>\n<rss>Caf".to_vec();
        body.extend_from_slice(&[0xE9, b' ', 0x80]);
        body.extend_from_slice(b"</rss>");
        assert_eq!(
            utf8(&body, Some("application/rss+xml; charset=UTF-8")),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss>Café €</rss>"
        );
    }

    #[test]
    fn the_content_type_names_it_when_the_prolog_does_not() {
        let mut body = b"<?xml version=\"1.0\"?><rss>".to_vec();
        body.extend_from_slice(&[0x93, b'Q', 0x94, 0x85]);
        assert_eq!(
            utf8(&body, Some("application/rss+xml; charset=\"windows-1252\"")),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>“Q”…"
        );
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252() {
        let body = [b'<', b'r', b'>', 0xE9, b'<'];
        assert_eq!(utf8(&body, None), "<r>é<");
        assert_eq!(utf8(&body, Some("text/xml; charset=us-ascii")), "<r>é<");
    }

    #[test]
    fn byte_order_marks_win() {
        let mut body = vec![0xFF, 0xFE];
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss>Ä</rss>".encode_utf16() {
            body.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(utf8(&body, None), "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>Ä</rss>");
        assert_eq!(utf8(b"\xEF\xBB\xBF<rss/>", None), "<rss/>");
    }

    #[test]
    fn ascii_that_is_really_utf8_stays_utf8() {
        let body = "<?xml version=\"1.0\" encoding=\"us-ascii\"?><rss>Café</rss>".as_bytes();
        assert_eq!(utf8(body, None), "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>Café</rss>");
    }
}
