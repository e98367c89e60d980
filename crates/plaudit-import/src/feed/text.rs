//! Plain text out of a feed's HTML: tags dropped, entities unescaped exactly once, whitespace
//! collapsed, cut to a length. A linear scan rather than an HTML parser, because it runs on the
//! summary of every entry of a 10,000-entry feed and stops as soon as it has enough.

use markup5ever::data::NAMED_ENTITIES;

enum Kind {
    /// Its content is never text a reader sees.
    Hidden,
    /// It separates words: its tags stand for a space.
    Block,
    Inline,
}

/// What an element is, by its lower-case name.
fn element_kind(name: &[u8]) -> Kind {
    match name {
        b"script" | b"style" | b"template" | b"noscript" | b"iframe" => Kind::Hidden,
        b"p" | b"br" | b"div" | b"li" | b"ul" | b"ol" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5"
        | b"h6" | b"tr" | b"td" | b"th" | b"table" | b"blockquote" | b"pre" | b"hr"
        | b"section" | b"article" | b"header" | b"footer" | b"figure" | b"figcaption" | b"dt"
        | b"dd" => Kind::Block,
        _ => Kind::Inline,
    }
}

/// Collects words with single spaces between them and counts characters, so a long text stops
/// being read once `limit` characters are in.
struct Out {
    text: String,
    chars: usize,
    limit: usize,
    space: bool,
}

impl Out {
    fn new(limit: usize, capacity: usize) -> Self {
        Self {
            text: String::with_capacity(capacity.min(limit.saturating_mul(2))),
            chars: 0,
            limit,
            space: false,
        }
    }

    fn full(&self) -> bool {
        self.chars > self.limit
    }

    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space = true;
            return;
        }
        if self.space && !self.text.is_empty() {
            self.text.push(' ');
            self.chars += 1;
        }
        self.space = false;
        self.text.push(c);
        self.chars += 1;
    }

    /// Adds a run of text word by word: a copy per word rather than a push per character, and
    /// for ASCII a split on bytes rather than on decoded characters.
    fn push_str(&mut self, s: &str) {
        if s.is_ascii() {
            let bytes = s.as_bytes();
            if bytes.first().is_some_and(u8::is_ascii_whitespace) {
                self.space = true;
            }
            let mut words = s.split_ascii_whitespace().peekable();
            while let Some(word) = words.next() {
                self.word(word, word.len());
                if words.peek().is_some() {
                    self.space = true;
                }
            }
            if bytes.last().is_some_and(u8::is_ascii_whitespace) {
                self.space = true;
            }
        } else {
            for (n, word) in s.split(char::is_whitespace).enumerate() {
                if n > 0 {
                    self.space = true;
                }
                if !word.is_empty() {
                    self.word(word, word.chars().count());
                }
            }
        }
    }

    /// Adds one word of `chars` characters, after a space when one is pending.
    fn word(&mut self, word: &str, chars: usize) {
        if self.full() {
            return;
        }
        if self.chars + chars + 1 > self.limit {
            // The word reaches the limit: character by character, to stop just past it.
            for c in word.chars() {
                self.push(c);
                if self.full() {
                    return;
                }
            }
            return;
        }
        if self.space && !self.text.is_empty() {
            self.text.push(' ');
            self.chars += 1;
        }
        self.space = false;
        self.text.push_str(word);
        self.chars += chars;
    }

    /// The text, cut to `limit` characters with an ellipsis when it was longer.
    fn finish(self) -> String {
        let Out { text, chars, limit, .. } = self;
        if chars <= limit { text } else { cut(&text, limit) }
    }
}

/// Cuts `text` to at most `limit` characters: at a word boundary when one is near, with `…`.
pub(crate) fn cut(text: &str, limit: usize) -> String {
    if limit == 0 {
        return String::new();
    }
    let Some((end, _)) = text.char_indices().nth(limit - 1) else {
        return text.to_owned();
    };
    if text.get(end..).is_some_and(|rest| rest.chars().count() <= 1) {
        return text.to_owned();
    }
    let head = text.get(..end).unwrap_or_default();
    // Prefer the last space in the final fifth, so a word is not cut in two.
    let word_end = head
        .rfind(' ')
        .filter(|&space| head.get(space..).is_some_and(|tail| tail.chars().count() <= limit / 5));
    let head = word_end.and_then(|space| head.get(..space)).unwrap_or(head);
    let mut out = String::with_capacity(head.len() + 3);
    out.push_str(head.trim_end());
    out.push('…');
    out
}

/// Plain text as it is: whitespace collapsed, trimmed, cut to `limit` characters.
pub(crate) fn plain(text: &str, limit: usize) -> String {
    let mut out = Out::new(limit, text.len());
    out.push_str(text);
    out.finish()
}

/// HTML as plain text: tags dropped (those of script, style and the like with their content),
/// character references unescaped once, whitespace collapsed, cut to `limit` characters.
pub(crate) fn html(html: &str, limit: usize) -> String {
    let bytes = html.as_bytes();
    let mut out = Out::new(limit, html.len());
    let mut i = 0;
    // Runs of ordinary text are copied between the bytes that need a look: `<` and `&`.
    while i < bytes.len() && !out.full() {
        let next = memchr::memchr2(b'<', b'&', bytes.get(i..).unwrap_or_default())
            .map_or(bytes.len(), |n| i + n);
        out.push_str(html.get(i..next).unwrap_or_default());
        i = next;
        match bytes.get(i) {
            Some(b'<') => match tag(bytes, i) {
                Some(Tag { end, space }) => {
                    if space {
                        out.space = true;
                    }
                    i = end;
                }
                None => {
                    out.push('<');
                    i += 1;
                }
            },
            Some(b'&') => match reference(bytes, i) {
                Some((chars, end)) => {
                    for c in chars.into_iter().flatten() {
                        out.push(c);
                    }
                    i = end;
                }
                None => {
                    out.push('&');
                    i += 1;
                }
            },
            _ => {}
        }
    }
    out.finish()
}

struct Tag {
    /// Just past the tag (past its element's end for hidden elements).
    end: usize,
    /// Whether it separates words.
    space: bool,
}

/// Reads the markup that starts at `start` (a `<`): a tag, a comment, a doctype or a processing
/// instruction. `None` when the `<` is only a character.
fn tag(bytes: &[u8], start: usize) -> Option<Tag> {
    let rest = bytes.get(start..)?;
    if rest.starts_with(b"<!--") {
        let end =
            memchr::memmem::find(rest.get(4..)?, b"-->").map_or(bytes.len(), |n| start + 4 + n + 3);
        return Some(Tag { end, space: false });
    }
    let (closing, name_start) = match rest.get(1)? {
        b'/' => (true, 2),
        b'!' | b'?' => {
            let end = memchr::memchr(b'>', rest).map_or(bytes.len(), |n| start + n + 1);
            return Some(Tag { end, space: false });
        }
        c if c.is_ascii_alphabetic() => (false, 1),
        _ => return None,
    };
    let name_len = rest
        .get(name_start..)?
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b':'))
        .count();
    if name_len == 0 {
        return None;
    }
    let name = rest.get(name_start..name_start + name_len)?;
    let end = start + tag_end(rest)?;
    // Every name that matters is short: lower-cased into a small buffer and matched at once.
    let mut lower = [0_u8; 12];
    let kind = match lower.get_mut(..name.len()) {
        Some(buffer) => {
            buffer.copy_from_slice(name);
            buffer.make_ascii_lowercase();
            element_kind(buffer)
        }
        None => Kind::Inline,
    };
    match kind {
        Kind::Hidden if !closing => Some(Tag { end: hidden_end(bytes, end, name), space: true }),
        Kind::Hidden | Kind::Block => Some(Tag { end, space: true }),
        Kind::Inline => Some(Tag { end, space: false }),
    }
}

/// Just past the end tag of the hidden element `name` whose content starts at `from`, or the end
/// of the text when it has none.
fn hidden_end(bytes: &[u8], mut from: usize, name: &[u8]) -> usize {
    while let Some(n) = bytes.get(from..).and_then(|rest| memchr::memmem::find(rest, b"</")) {
        let at = from + n + 2;
        if bytes
            .get(at..at + name.len())
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name))
        {
            return bytes
                .get(at..)
                .and_then(|rest| memchr::memchr(b'>', rest))
                .map_or(bytes.len(), |m| at + m + 1);
        }
        from = at;
    }
    bytes.len()
}

/// The length of the tag at the start of `rest`, to just past its `>`, skipping `>` inside quoted
/// attribute values. An unclosed tag runs to the end.
fn tag_end(rest: &[u8]) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &c) in rest.iter().enumerate() {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    Some(rest.len())
}

/// Reads the character reference at `start` (an `&`): `&amp;`, `&#8217;`, `&#x2019;`, any HTML5
/// name. Only references closed by `;` count; `AT&T` stays as it is.
fn reference(bytes: &[u8], start: usize) -> Option<([Option<char>; 2], usize)> {
    let (name, end) = reference_span(bytes, start)?;
    let body = name.strip_suffix(b";")?;
    if let Some(number) = body.strip_prefix(b"#") {
        let (digits, radix) = match number.first() {
            Some(b'x' | b'X') => (number.get(1..)?, 16),
            _ => (number, 10),
        };
        let code = u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()?;
        let c = match code {
            0 => '\u{FFFD}',
            // Windows-1252 punctuation written as its byte value, as HTML reads it.
            0x80..=0x9F => windows_1252(code),
            _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
        };
        return Some(([Some(c), None], end));
    }
    named(std::str::from_utf8(name).ok()?).map(|chars| (chars, end))
}

/// The reference at `start` (an `&`) up to and with its `;` (`amp;`, `#8217;`, `eacute;`), and
/// where it ends; `None` when no `;` closes it within the longest name HTML has.
pub(super) fn reference_span(bytes: &[u8], start: usize) -> Option<(&[u8], usize)> {
    // The longest HTML5 entity name is 31 bytes with its `;`.
    let window = bytes.get(start + 1..bytes.len().min(start + 34))?;
    let semicolon = memchr::memchr(b';', window)?;
    Some((window.get(..=semicolon)?, start + 1 + semicolon + 1))
}

/// The one or two characters an HTML5 named reference stands for, by its name with the `;`.
pub(super) fn named(name: &str) -> Option<[Option<char>; 2]> {
    match NAMED_ENTITIES.get(name) {
        Some(&(first, second)) if first != 0 => {
            Some([char::from_u32(first), char::from_u32(second).filter(|_| second != 0)])
        }
        _ => None,
    }
}

fn windows_1252(code: u32) -> char {
    let byte = [u8::try_from(code).unwrap_or(b'?')];
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
    text.chars().next().unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_unescaped_exactly_once() {
        assert_eq!(html("Tom &amp; Jerry", 100), "Tom & Jerry");
        assert_eq!(html("Tom &amp;amp; Jerry", 100), "Tom &amp; Jerry");
        assert_eq!(
            html("&#8220;Quoted&#8221; &#x2019; &hellip;&nbsp;done", 100),
            "“Quoted” ’ … done"
        );
        assert_eq!(html("AT&T &unknown; &amp", 100), "AT&T &unknown; &amp");
        assert_eq!(html("&#150; dash", 100), "– dash");
        assert_eq!(html("&NotEqualTilde; two", 100), "\u{2242}\u{338} two");
    }

    #[test]
    fn tags_are_dropped_and_blocks_separate_words() {
        assert_eq!(html("<p>One</p><p>Two <em>three</em>four</p>", 100), "One Two threefour");
        assert_eq!(html("a<br/>b<img src=\"x>y\" alt='>'>c", 100), "a bc");
        assert_eq!(html("<script>var a = '<p>';</script>Seen<style>p{}</style>", 100), "Seen");
        assert_eq!(html("<!-- hidden <p> -->Shown", 100), "Shown");
        assert_eq!(html("1 < 2 and 3 <4", 100), "1 < 2 and 3 <4");
        assert_eq!(html("  lots\n\n of\t space  ", 100), "lots of space");
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let text = "é".repeat(400);
        let summary = html(&text, 300);
        assert_eq!(summary.chars().count(), 300);
        assert!(summary.ends_with('…'));

        let words = "word ".repeat(100);
        let summary = plain(&words, 42);
        assert!(summary.chars().count() <= 42);
        assert!(summary.ends_with("word…"), "{summary}");

        assert_eq!(plain("short", 300), "short");
        assert_eq!(cut("exactly", 7), "exactly");
        assert_eq!(cut("exactly!", 7), "exactl…");
    }
}
