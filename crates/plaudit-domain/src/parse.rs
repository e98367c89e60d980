//! Validated values: "parse, don't validate".
//!
//! Each newtype can only be built through `parse` (or a constructor that
//! checks), so code that holds one never checks it again. Errors say what is
//! wrong in words a person can act on; the caller prefixes the field name, as
//! in "contact e-mail is not an e-mail address: missing @".

use std::fmt;
use std::str::FromStr;

/// Why a text could not be read as one of this crate's values.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not an e-mail address.
    #[error("is not an e-mail address: {0}")]
    Email(EmailProblem),
    /// Not an http(s) web address.
    #[error("is not a web address: {0}")]
    Url(UrlProblem),
    /// Not a slug.
    #[error("is not a slug: {0}")]
    Slug(SlugProblem),
    /// Not an award year.
    #[error("is not an award year: {0}")]
    AwardYear(AwardYearProblem),
    /// Not a name to show a person by.
    #[error("is not a display name: {0}")]
    DisplayName(DisplayNameProblem),
    /// Not one of a vocabulary's stored names (see [`crate::kinds`]).
    #[error("is not a known {kind}: {value:?}")]
    UnknownKind {
        /// The vocabulary, in words ("contribution type").
        kind: &'static str,
        /// The text that was given.
        value: String,
    },
}

/// What is wrong with an e-mail address.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmailProblem {
    #[error("it is empty")]
    Empty,
    #[error("missing @")]
    MissingAt,
    #[error("more than one @")]
    SeveralAts,
    #[error("nothing before the @")]
    EmptyLocalPart,
    #[error("nothing after the @")]
    EmptyDomain,
    #[error("the domain has no dot")]
    DomainWithoutDot,
    #[error("the domain has an empty part between dots")]
    EmptyDomainLabel,
    #[error("it contains {0:?}")]
    InvalidCharacter(char),
    #[error("it is longer than {max} characters", max = EmailAddress::MAX_LEN)]
    TooLong,
}

/// What is wrong with a web address.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrlProblem {
    #[error("it is empty")]
    Empty,
    #[error("only http and https addresses are accepted, not {0:?}")]
    UnsupportedScheme(String),
    #[error("it has no host name")]
    MissingHost,
    #[error("the host name {0:?} is not valid")]
    InvalidHost(String),
    #[error("the port {0:?} is not valid")]
    InvalidPort(String),
    #[error("it contains a user name or password")]
    Credentials,
    #[error("it contains the control character {0:?}")]
    ControlCharacter(char),
}

/// What is wrong with a slug.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SlugProblem {
    #[error("it is empty")]
    Empty,
    #[error("it is longer than {max} characters", max = Slug::MAX_LEN)]
    TooLong,
    #[error("it contains {0:?}; only a-z, 0-9 and - are allowed")]
    InvalidCharacter(char),
    #[error("a hyphen may not start or end it, nor follow another hyphen")]
    MisplacedHyphen,
}

/// What is wrong with an award year.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AwardYearProblem {
    #[error("it is not a number")]
    NotANumber,
    #[error("{0} is outside {min}..={max}", min = AwardYear::MIN, max = AwardYear::MAX)]
    OutOfRange(i32),
}

/// What is wrong with a display name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DisplayNameProblem {
    #[error("it is empty")]
    Empty,
    #[error("it is longer than {max} characters", max = DisplayName::MAX_CHARS)]
    TooLong,
    #[error("it contains the control character {0:?}")]
    ControlCharacter(char),
}

macro_rules! string_newtype_impls {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $t {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, ParseError> {
                Self::parse(s)
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
    };
}

// ---------------------------------------------------------------- display name

/// The name a person is shown by: trimmed, not empty, at most
/// [`DisplayName::MAX_CHARS`] characters, no control characters. The one rule
/// for every way a name comes in (joining, an identity provider, the API, the
/// command line).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DisplayName(String);

impl DisplayName {
    /// Long enough for any real name, short enough for a page header.
    pub const MAX_CHARS: usize = 100;

    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let err = |p| Err(ParseError::DisplayName(p));
        let name = input.trim();
        if name.is_empty() {
            return err(DisplayNameProblem::Empty);
        }
        if name.chars().count() > Self::MAX_CHARS {
            return err(DisplayNameProblem::TooLong);
        }
        if let Some(c) = name.chars().find(|c| c.is_control()) {
            return err(DisplayNameProblem::ControlCharacter(c));
        }
        Ok(DisplayName(name.to_owned()))
    }

    /// A name from a source that may be long or messy (an identity provider's
    /// claim, an address's local part): trimmed, control characters dropped,
    /// cut to the limit; `fallback` when nothing is left.
    pub fn lenient(input: &str, fallback: &str) -> Self {
        let cleaned: String = input.chars().filter(|c| !c.is_control()).collect();
        let cut: String = cleaned.trim().chars().take(Self::MAX_CHARS).collect();
        DisplayName::parse(&cut)
            .or_else(|_| DisplayName::parse(fallback))
            .unwrap_or_else(|_| DisplayName("member".to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype_impls!(DisplayName);

// ---------------------------------------------------------------- e-mail

/// An e-mail address: trimmed, one `@`, a non-empty local part, a domain with
/// a dot, the domain in lower case.
///
/// The local part keeps its case (a few servers care); compare people by
/// [`EmailAddress::normalized`]. Quoted local parts (`"a b"@x.org`) are not
/// accepted: nobody signs up with one, and they break naive tooling downstream.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress {
    value: String,
    at: usize,
}

impl EmailAddress {
    /// The longest address SMTP will carry (RFC 5321 path limit).
    pub const MAX_LEN: usize = 254;

    /// Reads an e-mail address.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let err = |p| Err(ParseError::Email(p));
        let s = input.trim();
        if s.is_empty() {
            return err(EmailProblem::Empty);
        }
        if s.chars().count() > Self::MAX_LEN {
            return err(EmailProblem::TooLong);
        }
        let Some((local, domain)) = s.split_once('@') else {
            return err(EmailProblem::MissingAt);
        };
        if domain.contains('@') {
            return err(EmailProblem::SeveralAts);
        }
        if local.is_empty() {
            return err(EmailProblem::EmptyLocalPart);
        }
        if domain.is_empty() {
            return err(EmailProblem::EmptyDomain);
        }
        if let Some(c) = local
            .chars()
            .find(|c| c.is_whitespace() || c.is_control() || "\"(),:;<>[\\]".contains(*c))
        {
            return err(EmailProblem::InvalidCharacter(c));
        }
        if let Some(c) = domain.chars().find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '.')) {
            return err(EmailProblem::InvalidCharacter(c));
        }
        if !domain.contains('.') {
            return err(EmailProblem::DomainWithoutDot);
        }
        if domain.split('.').any(str::is_empty) {
            return err(EmailProblem::EmptyDomainLabel);
        }
        let mut value = String::with_capacity(s.len());
        value.push_str(local);
        value.push('@');
        value.push_str(&domain.to_lowercase());
        Ok(EmailAddress { value, at: local.len() })
    }

    /// The address as stored: local part as typed, domain in lower case.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The part before the `@`.
    pub fn local_part(&self) -> &str {
        self.value.get(..self.at).unwrap_or_default()
    }

    /// The domain, in lower case.
    pub fn domain(&self) -> &str {
        self.value.get(self.at + 1..).unwrap_or_default()
    }

    /// The whole address in lower case: the key for "is this the same person".
    pub fn normalized(&self) -> String {
        self.value.to_lowercase()
    }
}

string_newtype_impls!(EmailAddress);

// ---------------------------------------------------------------- URL

/// Query parameters that only say where a click came from. They are removed so
/// that the same page shared from two places deduplicates. Matched
/// case-insensitively; any parameter starting with `utm_` is removed as well.
pub const TRACKING_PARAMS: &[&str] = &[
    "fbclid",    // Facebook
    "gclid",     // Google Ads
    "gclsrc",    // Google Ads
    "dclid",     // Google Display
    "gbraid",    // Google Ads (iOS)
    "wbraid",    // Google Ads (iOS)
    "msclkid",   // Microsoft Ads
    "yclid",     // Yandex
    "twclid",    // X / Twitter
    "ttclid",    // TikTok
    "igshid",    // Instagram
    "li_fat_id", // LinkedIn
    "mc_cid",    // Mailchimp
    "mc_eid",    // Mailchimp
    "_hsenc",    // HubSpot
    "_hsmi",     // HubSpot
    "mkt_tok",   // Marketo
    "ref",       // newsletters, Product Hunt, Ghost
    "ref_src",   // X / Twitter
    "ref_url",   // X / Twitter
];

/// A web address in canonical form, so that two spellings of one page compare
/// equal before deduplication.
///
/// The canonical form:
/// - scheme `https` (an `http` address, or one typed without a scheme, is
///   taken to be the same page over https; other schemes are refused);
/// - host in lower case, without a trailing dot, without a leading `www.`
///   (kept when removing it would leave a bare top-level domain);
/// - no port when it is 80 or 443, other ports kept;
/// - no user name or password (refused);
/// - path: case kept, `.` and `..` segments resolved, percent escapes in upper
///   case, unreserved characters decoded (`%7E` → `~`), non-ASCII and unsafe
///   characters percent-encoded, trailing slashes removed;
/// - the root page is `https://example.com` (no slash);
/// - query: [`TRACKING_PARAMS`] and `utm_*` removed, empty parameters removed,
///   the others kept in their order; when a query remains on the root page
///   the path is written `/` (`https://example.com/?page=2`);
/// - no fragment.
///
/// Internationalised host names are kept in Unicode (lower-cased), not
/// converted to punycode.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CanonicalUrl {
    value: String,
    host_end: usize,
}

const HTTPS: &str = "https://";

impl CanonicalUrl {
    /// Reads and canonicalises a web address.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        canonicalize(input).map_err(ParseError::Url)
    }

    /// The canonical address.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The canonical host name (lower case, no `www.`), without the port.
    pub fn host(&self) -> &str {
        let host_and_port = self.value.get(HTTPS.len()..self.host_end).unwrap_or_default();
        if host_and_port.starts_with('[') {
            return match host_and_port.find(']') {
                Some(i) => host_and_port.get(..=i).unwrap_or(host_and_port),
                None => host_and_port,
            };
        }
        host_and_port.split(':').next().unwrap_or(host_and_port)
    }
}

string_newtype_impls!(CanonicalUrl);

fn is_scheme_like(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

fn canonicalize(input: &str) -> Result<CanonicalUrl, UrlProblem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(UrlProblem::Empty);
    }
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Err(UrlProblem::ControlCharacter(c));
    }
    let rest = split_scheme(s)?;

    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    if authority.contains('@') {
        return Err(UrlProblem::Credentials);
    }
    if authority.is_empty() {
        return Err(UrlProblem::MissingHost);
    }
    let (host, port) = split_port(authority)?;
    let host = canonical_host(host)?;

    let tail = tail.split('#').next().unwrap_or_default();
    let (raw_path, raw_query) = match tail.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (tail, None),
    };

    let mut value = String::with_capacity(s.len() + 1);
    value.push_str(HTTPS);
    value.push_str(&host);
    if let Some(port) = port {
        value.push(':');
        value.push_str(&port.to_string());
    }
    let host_end = value.len();

    let mut path = String::with_capacity(raw_path.len());
    normalize_component(raw_path, &mut path);
    let path = remove_dot_segments(&path);
    let path = path.trim_end_matches('/');
    value.push_str(path);

    if let Some(raw_query) = raw_query {
        let mut query = String::with_capacity(raw_query.len());
        let mut param = String::new();
        for raw_param in raw_query.split('&') {
            param.clear();
            normalize_component(raw_param, &mut param);
            if param.is_empty() || param == "=" || is_tracking_param(&param) {
                continue;
            }
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(&param);
        }
        if !query.is_empty() {
            if path.is_empty() {
                value.push('/');
            }
            value.push('?');
            value.push_str(&query);
        }
    }
    Ok(CanonicalUrl { value, host_end })
}

/// Returns what follows the scheme, refusing schemes other than http(s).
fn split_scheme(s: &str) -> Result<&str, UrlProblem> {
    if let Some(i) = s.find("://") {
        let scheme = s.get(..i).unwrap_or_default();
        if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
            return Ok(s.get(i + 3..).unwrap_or_default());
        }
        if is_scheme_like(scheme) {
            return Err(UrlProblem::UnsupportedScheme(scheme.to_ascii_lowercase()));
        }
    }
    if let Some(rest) = s.strip_prefix("//") {
        return Ok(rest);
    }
    // "mailto:x@y.org" or "javascript:..." name a scheme without "//"; a
    // dotless word before a colon that is not followed by a port is one.
    if let Some((before, after)) = s.split_once(':')
        && is_scheme_like(before)
        && !before.contains('.')
        && !after.starts_with(|c: char| c.is_ascii_digit())
    {
        return Err(UrlProblem::UnsupportedScheme(before.to_ascii_lowercase()));
    }
    Ok(s)
}

fn split_port(authority: &str) -> Result<(&str, Option<u16>), UrlProblem> {
    let (host, port) = if authority.starts_with('[') {
        match authority.find(']') {
            Some(i) => {
                let (host, after) = authority.split_at(i + 1);
                match after {
                    "" => (host, None),
                    _ => match after.strip_prefix(':') {
                        Some(port) => (host, Some(port)),
                        None => return Err(UrlProblem::InvalidHost(authority.to_string())),
                    },
                }
            }
            None => return Err(UrlProblem::InvalidHost(authority.to_string())),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(p) => {
            let n: u16 = match p.parse() {
                Ok(n) if n > 0 && p.bytes().all(|b| b.is_ascii_digit()) => n,
                _ => return Err(UrlProblem::InvalidPort(p.to_string())),
            };
            // The scheme becomes https, and 80 only ever meant "plain http".
            if n == 80 || n == 443 { None } else { Some(n) }
        }
    };
    Ok((host, port))
}

fn canonical_host(host: &str) -> Result<String, UrlProblem> {
    let invalid = || UrlProblem::InvalidHost(host.to_string());
    if host.is_empty() {
        return Err(UrlProblem::MissingHost);
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        if inner.is_empty() || !inner.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return Err(invalid());
        }
        return Ok(host.to_ascii_lowercase());
    }
    let lower = host.to_lowercase();
    let lower = lower.strip_suffix('.').unwrap_or(&lower);
    if !lower.contains('.')
        || lower.split('.').any(|label| {
            label.is_empty()
                || label.starts_with('-')
                || label.ends_with('-')
                || !label.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        })
    {
        return Err(invalid());
    }
    let host = match lower.strip_prefix("www.") {
        Some(rest) if rest.contains('.') => rest,
        _ => lower,
    };
    Ok(host.to_string())
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn push_escaped(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(char::from(HEX[usize::from(b >> 4)]));
    out.push(char::from(HEX[usize::from(b & 0x0f)]));
}

/// Puts one path or query component in RFC 3986 normal form: escapes in upper
/// case, unreserved characters decoded, everything unsafe escaped.
fn normalize_component(raw: &str, out: &mut String) {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let decoded = match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(&h), Some(&l)) => hex_value(h).zip(hex_value(l)).map(|(h, l)| h << 4 | l),
                _ => None,
            };
            match decoded {
                Some(v) if is_unreserved(v) => out.push(char::from(v)),
                Some(v) => push_escaped(out, v),
                // A lone % is a literal percent sign.
                None => {
                    push_escaped(out, b'%');
                    i += 1;
                    continue;
                }
            }
            i += 3;
            continue;
        }
        if b >= 0x80 || b <= b' ' || b"\"<>`{}|\\^".contains(&b) {
            push_escaped(out, b);
        } else {
            out.push(char::from(b));
        }
        i += 1;
    }
}

/// RFC 3986 section 5.2.4, for an absolute path (or an empty one).
fn remove_dot_segments(path: &str) -> String {
    if path.is_empty() {
        return String::new();
    }
    let mut segments: Vec<&str> = Vec::new();
    let mut trailing_slash = false;
    for segment in path.split('/').skip(1) {
        trailing_slash = false;
        match segment {
            "." => trailing_slash = true,
            ".." => {
                segments.pop();
                trailing_slash = true;
            }
            s => segments.push(s),
        }
    }
    let mut out = String::with_capacity(path.len());
    for s in &segments {
        out.push('/');
        out.push_str(s);
    }
    if trailing_slash || out.is_empty() {
        out.push('/');
    }
    out
}

fn is_tracking_param(param: &str) -> bool {
    let key = param.split('=').next().unwrap_or_default();
    let utm = key.get(..4).is_some_and(|prefix| prefix.eq_ignore_ascii_case("utm_"));
    utm || TRACKING_PARAMS.iter().any(|t| t.eq_ignore_ascii_case(key))
}

// ---------------------------------------------------------------- slug

/// A URL-safe name: `[a-z0-9]+(-[a-z0-9]+)*`, 1 to 80 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slug(String);

impl Slug {
    /// The longest slug.
    pub const MAX_LEN: usize = 80;
    /// What [`Slug::from_title`] gives for a title with nothing usable in it.
    pub const FALLBACK: &'static str = "item";

    /// Reads a slug exactly as given (no trimming, no lower-casing).
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let err = |p| Err(ParseError::Slug(p));
        if input.is_empty() {
            return err(SlugProblem::Empty);
        }
        if let Some(c) =
            input.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return err(SlugProblem::InvalidCharacter(c));
        }
        if input.len() > Self::MAX_LEN {
            return err(SlugProblem::TooLong);
        }
        if input.starts_with('-') || input.ends_with('-') || input.contains("--") {
            return err(SlugProblem::MisplacedHyphen);
        }
        Ok(Slug(input.to_string()))
    }

    /// Makes a slug from any title: lower case, common Latin letters with
    /// diacritics transliterated (`é` → `e`, `ß` → `ss`), `&` → `and`,
    /// `+` → `plus`, apostrophes dropped, every other run of characters a
    /// single hyphen; cut at a word boundary to fit 80 characters. A title
    /// with nothing usable gives `item`.
    pub fn from_title(title: &str) -> Slug {
        let mut out = String::with_capacity(title.len().min(Self::MAX_LEN * 2));
        let mut pending_hyphen = false;
        fn push_word(out: &mut String, word: &str, pending: &mut bool) {
            if *pending && !out.is_empty() {
                out.push('-');
            }
            out.push_str(word);
            *pending = false;
        }
        for c in title.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                let mut buf = [0u8; 4];
                push_word(&mut out, c.encode_utf8(&mut buf), &mut pending_hyphen);
            } else if let Some(t) = transliterate(c) {
                push_word(&mut out, t, &mut pending_hyphen);
            } else if c == '&' || c == '+' {
                pending_hyphen = true;
                push_word(&mut out, if c == '&' { "and" } else { "plus" }, &mut pending_hyphen);
                pending_hyphen = true;
            } else if matches!(c, '\'' | '’' | 'ʼ') || ('\u{300}'..='\u{36f}').contains(&c) {
                // Apostrophes join words ("don't" → "dont"); combining
                // accents belong to the letter before them.
            } else {
                pending_hyphen = true;
            }
            if out.len() > Self::MAX_LEN + 1 {
                break;
            }
        }
        if out.len() > Self::MAX_LEN {
            // Cut at the last hyphen that fits, unless that would throw most of it away.
            let boundary_is_hyphen = out.as_bytes().get(Self::MAX_LEN) == Some(&b'-');
            out.truncate(Self::MAX_LEN);
            if !boundary_is_hyphen
                && let Some(i) = out.rfind('-')
                && i >= Self::MAX_LEN / 2
            {
                out.truncate(i);
            }
            while out.ends_with('-') {
                out.pop();
            }
        }
        if out.is_empty() {
            out.push_str(Self::FALLBACK);
        }
        Slug(out)
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype_impls!(Slug);

pub(crate) fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

// ---------------------------------------------------------------- award year

/// The year an award belongs to ("MVP 2026"), between 2000 and 2200.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AwardYear(i32);

impl AwardYear {
    /// The earliest award year accepted.
    pub const MIN: i32 = 2000;
    /// The latest award year accepted.
    pub const MAX: i32 = 2200;

    /// Checks the range.
    pub fn new(year: i32) -> Result<Self, ParseError> {
        if (Self::MIN..=Self::MAX).contains(&year) {
            Ok(AwardYear(year))
        } else {
            Err(ParseError::AwardYear(AwardYearProblem::OutOfRange(year)))
        }
    }

    /// The award year nearest to `year` (clamped into 2000..=2200).
    pub fn saturating(year: i32) -> Self {
        AwardYear(year.clamp(Self::MIN, Self::MAX))
    }

    /// Reads a year written in digits ("2026").
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let year = input
            .trim()
            .parse::<i32>()
            .map_err(|_| ParseError::AwardYear(AwardYearProblem::NotANumber))?;
        Self::new(year)
    }

    /// The year as a number.
    pub fn get(self) -> i32 {
        self.0
    }

    /// The following award year, if still in range.
    pub fn next(self) -> Option<AwardYear> {
        AwardYear::new(self.0 + 1).ok()
    }

    /// The preceding award year, if still in range.
    pub fn previous(self) -> Option<AwardYear> {
        AwardYear::new(self.0 - 1).ok()
    }
}

impl fmt::Display for AwardYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for AwardYear {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        Self::parse(s)
    }
}

impl TryFrom<i32> for AwardYear {
    type Error = ParseError;
    fn try_from(year: i32) -> Result<Self, ParseError> {
        Self::new(year)
    }
}

impl From<AwardYear> for i32 {
    fn from(year: AwardYear) -> i32 {
        year.0
    }
}

#[cfg(test)]
mod display_name_tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_display_name_is_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse("  Ada Lovelace ").unwrap().as_str(), "Ada Lovelace");
        assert_eq!(
            DisplayName::parse("   ").unwrap_err(),
            ParseError::DisplayName(DisplayNameProblem::Empty)
        );
        let long = "x".repeat(DisplayName::MAX_CHARS + 1);
        assert_eq!(
            DisplayName::parse(&long).unwrap_err(),
            ParseError::DisplayName(DisplayNameProblem::TooLong)
        );
        assert_eq!(
            DisplayName::parse(&"é".repeat(DisplayName::MAX_CHARS))
                .unwrap()
                .as_str()
                .chars()
                .count(),
            100
        );
        assert!(DisplayName::parse("Ada\u{0}").is_err());
    }

    #[test]
    fn a_lenient_name_is_cut_cleaned_or_falls_back() {
        let long = "y".repeat(300);
        assert_eq!(DisplayName::lenient(&long, "x").as_str().len(), DisplayName::MAX_CHARS);
        assert_eq!(DisplayName::lenient(" \t ", "ada").as_str(), "ada");
        assert_eq!(DisplayName::lenient("A\u{7}da", "x").as_str(), "Ada");
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn email_problem(s: &str) -> EmailProblem {
        match EmailAddress::parse(s) {
            Err(ParseError::Email(p)) => p,
            other => unreachable!("expected an e-mail problem for {s:?}, got {other:?}"),
        }
    }

    fn url(s: &str) -> String {
        CanonicalUrl::parse(s).unwrap().as_str().to_string()
    }

    fn url_problem(s: &str) -> UrlProblem {
        match CanonicalUrl::parse(s) {
            Err(ParseError::Url(p)) => p,
            other => unreachable!("expected a URL problem for {s:?}, got {other:?}"),
        }
    }

    #[test]
    fn an_email_address_is_trimmed_and_its_domain_lowercased() {
        let e = EmailAddress::parse("  Ada.Lovelace@Example.ORG \n").unwrap();
        assert_eq!(e.as_str(), "Ada.Lovelace@example.org");
        assert_eq!(e.local_part(), "Ada.Lovelace");
        assert_eq!(e.domain(), "example.org");
        assert_eq!(e.normalized(), "ada.lovelace@example.org");
        assert_eq!(e.to_string(), "Ada.Lovelace@example.org");
    }

    #[test]
    fn two_spellings_of_one_address_normalize_equal() {
        let a = EmailAddress::parse("Ada@Example.org").unwrap();
        let b = EmailAddress::parse("ada@example.ORG").unwrap();
        assert_eq!(a.normalized(), b.normalized());
    }

    #[test]
    fn an_address_without_at_says_so() {
        assert_eq!(email_problem("ada.example.org"), EmailProblem::MissingAt);
        assert_eq!(
            EmailAddress::parse("ada.example.org").unwrap_err().to_string(),
            "is not an e-mail address: missing @"
        );
    }

    #[test]
    fn malformed_addresses_are_refused_with_the_reason() {
        assert_eq!(email_problem("   "), EmailProblem::Empty);
        assert_eq!(email_problem("a@b@c.org"), EmailProblem::SeveralAts);
        assert_eq!(email_problem("@example.org"), EmailProblem::EmptyLocalPart);
        assert_eq!(email_problem("ada@"), EmailProblem::EmptyDomain);
        assert_eq!(email_problem("ada@localhost"), EmailProblem::DomainWithoutDot);
        assert_eq!(email_problem("ada@example..org"), EmailProblem::EmptyDomainLabel);
        assert_eq!(email_problem("ada@example.org."), EmailProblem::EmptyDomainLabel);
        assert_eq!(email_problem("ada lovelace@example.org"), EmailProblem::InvalidCharacter(' '));
        assert_eq!(email_problem("ada@exa_mple.org"), EmailProblem::InvalidCharacter('_'));
        assert_eq!(email_problem("<ada@example.org>"), EmailProblem::InvalidCharacter('<'));
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(email_problem(&long), EmailProblem::TooLong);
    }

    #[test]
    fn plus_addressing_and_unicode_domains_are_accepted() {
        assert!(EmailAddress::parse("ada+plaudit@example.org").is_ok());
        assert_eq!(EmailAddress::parse("jürgen@BÜCHER.de").unwrap().domain(), "bücher.de");
    }

    #[test]
    fn urls_differing_only_in_cosmetics_canonicalize_equal() {
        let expected = "https://example.com/blog/post";
        for variant in [
            "https://example.com/blog/post",
            "http://example.com/blog/post",
            "HTTPS://WWW.Example.COM/blog/post/",
            "https://www.example.com:443/blog/post#comments",
            "http://example.com:80/blog/post?utm_source=twitter&utm_medium=social",
            "https://example.com/blog/./post?fbclid=abc123",
            "https://example.com/blog/x/../post?ref=newsletter",
            "https://example.com./blog/post//",
            "  https://example.com/blog/%70ost  ",
            "example.com/blog/post",
            "//www.example.com/blog/post",
        ] {
            assert_eq!(url(variant), expected, "for {variant}");
        }
    }

    #[test]
    fn the_root_page_has_no_trailing_slash() {
        assert_eq!(url("https://www.example.com/"), "https://example.com");
        assert_eq!(url("http://example.com"), "https://example.com");
        assert_eq!(url("https://example.com/?utm_campaign=x"), "https://example.com");
        assert_eq!(url("https://example.com?page=2"), "https://example.com/?page=2");
    }

    #[test]
    fn meaningful_query_parameters_are_kept_in_order() {
        assert_eq!(
            url("https://www.youtube.com/watch?v=dQw4w9WgXcQ&utm_source=x&t=42s&gclid=1"),
            "https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s"
        );
        assert_eq!(url("https://example.com/search?b=2&a=1"), "https://example.com/search?b=2&a=1");
        assert_eq!(url("https://example.com/p?&&x=1&"), "https://example.com/p?x=1");
        assert_eq!(url("https://example.com/p?UTM_Source=x&MC_CID=1"), "https://example.com/p");
    }

    #[test]
    fn the_path_keeps_its_case_and_unusual_ports_stay() {
        assert_eq!(url("https://Example.com:8443/Docs/API"), "https://example.com:8443/Docs/API");
    }

    #[test]
    fn escapes_are_normalized_and_unicode_is_encoded() {
        assert_eq!(url("https://example.com/caf%c3%a9"), "https://example.com/caf%C3%A9");
        assert_eq!(url("https://example.com/café"), "https://example.com/caf%C3%A9");
        assert_eq!(url("https://example.com/%7Eada"), "https://example.com/~ada");
        assert_eq!(url("https://example.com/a b"), "https://example.com/a%20b");
        assert_eq!(url("https://example.com/100%"), "https://example.com/100%25");
    }

    #[test]
    fn www_is_kept_when_it_is_the_whole_name() {
        assert_eq!(url("https://www.com/x"), "https://www.com/x");
        assert_eq!(url("https://www2.example.com"), "https://www2.example.com");
    }

    #[test]
    fn a_path_starting_with_at_is_not_a_user_name() {
        assert_eq!(url("https://medium.com/@ada/post"), "https://medium.com/@ada/post");
    }

    #[test]
    fn bad_urls_are_refused_with_the_reason() {
        assert_eq!(url_problem(""), UrlProblem::Empty);
        assert_eq!(url_problem("ftp://example.com/x"), UrlProblem::UnsupportedScheme("ftp".into()));
        assert_eq!(
            url_problem("mailto:ada@example.org"),
            UrlProblem::UnsupportedScheme("mailto".into())
        );
        assert_eq!(
            url_problem("javascript:alert(1)"),
            UrlProblem::UnsupportedScheme("javascript".into())
        );
        assert_eq!(url_problem("https:///path"), UrlProblem::MissingHost);
        assert_eq!(url_problem("https://localhost/x"), UrlProblem::InvalidHost("localhost".into()));
        assert_eq!(
            url_problem("https://exa mple.com"),
            UrlProblem::InvalidHost("exa mple.com".into())
        );
        assert_eq!(
            url_problem("https://example.com:99999/"),
            UrlProblem::InvalidPort("99999".into())
        );
        assert_eq!(url_problem("https://example.com:x/"), UrlProblem::InvalidPort("x".into()));
        assert_eq!(url_problem("https://ada:secret@example.com/"), UrlProblem::Credentials);
        assert_eq!(url_problem("https://example.com/\u{7}"), UrlProblem::ControlCharacter('\u{7}'));
        assert_eq!(
            CanonicalUrl::parse("ftp://x.org").unwrap_err().to_string(),
            "is not a web address: only http and https addresses are accepted, not \"ftp\""
        );
    }

    #[test]
    fn a_host_with_a_port_and_no_scheme_is_a_url() {
        assert_eq!(url("example.com:8080/x"), "https://example.com:8080/x");
    }

    #[test]
    fn ipv6_hosts_are_kept() {
        let u = CanonicalUrl::parse("http://[2001:DB8::1]:8080/x").unwrap();
        assert_eq!(u.as_str(), "https://[2001:db8::1]:8080/x");
        assert_eq!(u.host(), "[2001:db8::1]");
    }

    #[test]
    fn the_host_is_available_without_the_port() {
        assert_eq!(
            CanonicalUrl::parse("https://www.Example.com:8080/a").unwrap().host(),
            "example.com"
        );
        assert_eq!(CanonicalUrl::parse("https://example.com?a=1").unwrap().host(), "example.com");
    }

    #[test]
    fn a_valid_slug_parses() {
        assert_eq!(Slug::parse("azure-2026").unwrap().as_str(), "azure-2026");
        assert_eq!(Slug::parse("x").unwrap().to_string(), "x");
    }

    #[test]
    fn bad_slugs_are_refused_with_the_reason() {
        let problem = |s: &str| match Slug::parse(s) {
            Err(ParseError::Slug(p)) => p,
            other => unreachable!("{other:?}"),
        };
        assert_eq!(problem(""), SlugProblem::Empty);
        assert_eq!(problem("Azure"), SlugProblem::InvalidCharacter('A'));
        assert_eq!(problem("a_b"), SlugProblem::InvalidCharacter('_'));
        assert_eq!(problem("-a"), SlugProblem::MisplacedHyphen);
        assert_eq!(problem("a-"), SlugProblem::MisplacedHyphen);
        assert_eq!(problem("a--b"), SlugProblem::MisplacedHyphen);
        assert_eq!(problem(&"a".repeat(81)), SlugProblem::TooLong);
        assert!(Slug::parse(&"a".repeat(80)).is_ok());
    }

    #[test]
    fn a_title_becomes_a_readable_slug() {
        let s = |t: &str| Slug::from_title(t).as_str().to_string();
        assert_eq!(s("Hello, World!"), "hello-world");
        assert_eq!(s("  Crème brûlée à la Straße  "), "creme-brulee-a-la-strasse");
        assert_eq!(s("Don't Panic: C++ & Rust"), "dont-panic-c-plus-plus-and-rust");
        assert_eq!(s("Łódź — Ærø"), "lodz-aero");
        assert_eq!(s("Azure MVP 2026"), "azure-mvp-2026");
        assert_eq!(s("e\u{301}te\u{301}"), "ete");
    }

    #[test]
    fn a_title_with_nothing_usable_gives_the_fallback() {
        assert_eq!(Slug::from_title("").as_str(), "item");
        assert_eq!(Slug::from_title("!!! ???").as_str(), "item");
        assert_eq!(Slug::from_title("日本語").as_str(), "item");
    }

    #[test]
    fn a_long_title_is_cut_at_a_word_boundary() {
        let title = "word ".repeat(40);
        let slug = Slug::from_title(&title);
        assert!(slug.as_str().len() <= 80);
        assert!(slug.as_str().ends_with("word"));
        let one_word = "a".repeat(200);
        assert_eq!(Slug::from_title(&one_word).as_str().len(), 80);
    }

    #[test]
    fn award_years_are_checked_for_range() {
        assert_eq!(AwardYear::new(2026).unwrap().get(), 2026);
        assert_eq!(AwardYear::parse(" 2026 ").unwrap().to_string(), "2026");
        assert!(AwardYear::new(1999).is_err());
        assert!(AwardYear::new(2201).is_err());
        assert_eq!(
            AwardYear::parse("next year").unwrap_err(),
            ParseError::AwardYear(AwardYearProblem::NotANumber)
        );
        assert_eq!(
            AwardYear::new(1999).unwrap_err().to_string(),
            "is not an award year: 1999 is outside 2000..=2200"
        );
        assert_eq!(AwardYear::new(2200).unwrap().next(), None);
        assert_eq!(AwardYear::new(2000).unwrap().previous(), None);
    }

    proptest! {
        #[test]
        fn a_slug_from_any_title_is_a_valid_slug(title in "\\PC{0,200}") {
            let slug = Slug::from_title(&title);
            prop_assert_eq!(Slug::parse(slug.as_str()), Ok(slug.clone()));
        }

        #[test]
        fn canonicalizing_a_canonical_url_changes_nothing(
            host in "[a-z]{1,8}\\.(com|org|dev)",
            path in "(/[a-zA-Z0-9%._~ -]{0,6}){0,4}/?",
            query in "(\\?[a-z_]{1,6}=[a-z0-9%]{0,4}(&[a-z_]{1,6}=[a-z0-9]{0,4}){0,3})?",
        ) {
            let input = format!("http://www.{host}{path}{query}");
            if let Ok(first) = CanonicalUrl::parse(&input) {
                let second = CanonicalUrl::parse(first.as_str()).unwrap();
                prop_assert_eq!(first, second);
            }
        }

        #[test]
        fn email_parsing_never_panics(s in "\\PC{0,40}") {
            let _ = EmailAddress::parse(&s);
        }

        #[test]
        fn url_parsing_never_panics(s in "\\PC{0,60}") {
            let _ = CanonicalUrl::parse(&s);
        }
    }
}
