//! The public directory's rules: who is listed and as what, how names sort and search, the
//! facets a visitor narrows by, and the cursors that page through it.

use jiff::civil::Date;

use crate::parse::transliterate;

/// How a person is listed: holding an award today, or having held one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListingStatus {
    Current,
    Alumni,
}

impl ListingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ListingStatus::Current => "current",
            ListingStatus::Alumni => "alumni",
        }
    }

    pub fn parse(text: &str) -> Option<ListingStatus> {
        match text {
            "current" => Some(ListingStatus::Current),
            "alumni" => Some(ListingStatus::Alumni),
            _ => None,
        }
    }
}

/// An award's term as the directory needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AwardSpan {
    pub starts_on: Date,
    pub ends_on: Date,
    /// The day it ended before its term, if it did; from that day it is held no more.
    pub ended_early_on: Option<Date>,
}

impl AwardSpan {
    pub fn held_on(&self, day: Date) -> bool {
        self.starts_on <= day
            && day <= self.ends_on
            && self.ended_early_on.is_none_or(|ended| day < ended)
    }
}

/// Listed as current when an award is held today, as alumni when one was held before; not
/// listed when the only awards are still to come (announced, not started).
pub fn listing_status(awards: &[AwardSpan], today: Date) -> Option<ListingStatus> {
    if awards.iter().any(|a| a.held_on(today)) {
        Some(ListingStatus::Current)
    } else if awards.iter().any(|a| a.starts_on <= today) {
        Some(ListingStatus::Alumni)
    } else {
        None
    }
}

/// What a visitor narrows the directory by; one value of each at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Category,
    Area,
    Country,
    Language,
    Year,
    Speaking,
}

impl Facet {
    pub const ALL: [Facet; 6] = [
        Facet::Category,
        Facet::Area,
        Facet::Country,
        Facet::Language,
        Facet::Year,
        Facet::Speaking,
    ];

    /// The name in URLs and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Category => "category",
            Facet::Area => "area",
            Facet::Country => "country",
            Facet::Language => "language",
            Facet::Year => "year",
            Facet::Speaking => "speaking",
        }
    }

    pub fn parse(text: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.as_str() == text)
    }

    /// Whether `value` could be one of this facet's values; anything else is refused before
    /// it reaches a query.
    pub fn accepts(self, value: &str) -> bool {
        let slug_like = |v: &str| {
            !v.is_empty()
                && v.len() <= 80
                && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        match self {
            Facet::Category | Facet::Area => slug_like(value),
            Facet::Country => value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase()),
            Facet::Language => {
                (2..=16).contains(&value.len())
                    && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }
            Facet::Year => value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()),
            Facet::Speaking => value == SPEAKING_YES,
        }
    }
}

/// The one value of the "available for speaking" facet.
pub const SPEAKING_YES: &str = "yes";

/// Lower case, Latin accents folded ("Ærø Müller" → "aero muller"), every run of anything but
/// letters and digits one space: how names sort and how text is searched, so "muller" finds
/// "Müller" on both databases.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if let Some(t) = transliterate(c) {
            push(&mut out, t, &mut gap);
        } else if c.is_alphanumeric() {
            let mut buf = [0u8; 4];
            push(&mut out, c.encode_utf8(&mut buf), &mut gap);
        } else if ('\u{300}'..='\u{36f}').contains(&c) || matches!(c, '\'' | '’' | 'ʼ') {
            // Combining accents belong to the letter before; apostrophes join ("O'Brien").
        } else {
            gap = true;
        }
    }
    out
}

fn push(out: &mut String, piece: &str, gap: &mut bool) {
    if *gap && !out.is_empty() {
        out.push(' ');
    }
    out.push_str(piece);
    *gap = false;
}

/// How many words of a search are used; the rest would only narrow an empty result.
pub const MAX_SEARCH_TERMS: usize = 8;
const MAX_TERM_CHARS: usize = 40;

/// The words of a search, folded: only letters and digits, so no search syntax of either
/// database can be smuggled in.
pub fn search_terms(typed: &str) -> Vec<String> {
    fold(typed)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().take(MAX_TERM_CHARS).collect())
        .take(MAX_SEARCH_TERMS)
        .collect()
}

/// A place in the directory's order (by folded name, then id): pages start after or end
/// before one. Written `id:key`, so a URL shows where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub sort_key: String,
    pub person_id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        format!("{}:{}", self.person_id, self.sort_key)
    }

    /// The most characters of a name a cursor carries.
    pub const MAX_KEY_CHARS: usize = 400;

    /// A position in the directory's order: `<person id>:<name>`. None for anything that is not
    /// one; a name as a person typed it is folded as names are sorted, so a hand-made cursor
    /// starts at that name rather than failing.
    pub fn parse(text: &str) -> Option<Cursor> {
        let (id, key) = text.split_once(':')?;
        let digits_only =
            !id.is_empty() && id.len() <= 18 && id.bytes().all(|b| b.is_ascii_digit());
        if !digits_only || id.starts_with('0') || key.chars().count() > Cursor::MAX_KEY_CHARS {
            return None;
        }
        let person_id: i64 = id.parse().ok()?;
        Some(Cursor { sort_key: fold(key), person_id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn span(starts: Date, ends: Date, early: Option<Date>) -> AwardSpan {
        AwardSpan { starts_on: starts, ends_on: ends, ended_early_on: early }
    }

    #[test]
    fn a_person_is_current_while_an_award_is_held_and_alumni_after() {
        let award = span(date(2025, 7, 1), date(2026, 6, 30), None);
        assert_eq!(listing_status(&[award], date(2025, 6, 30)), None, "not started yet");
        assert_eq!(listing_status(&[award], date(2025, 7, 1)), Some(ListingStatus::Current));
        assert_eq!(listing_status(&[award], date(2026, 6, 30)), Some(ListingStatus::Current));
        assert_eq!(listing_status(&[award], date(2026, 7, 1)), Some(ListingStatus::Alumni));
        let ended = span(date(2025, 7, 1), date(2026, 6, 30), Some(date(2025, 9, 1)));
        assert_eq!(listing_status(&[ended], date(2025, 8, 31)), Some(ListingStatus::Current));
        assert_eq!(listing_status(&[ended], date(2025, 9, 1)), Some(ListingStatus::Alumni));
        let renewed = span(date(2026, 7, 1), date(2027, 6, 30), None);
        assert_eq!(
            listing_status(&[award, renewed], date(2026, 7, 1)),
            Some(ListingStatus::Current)
        );
    }

    #[test]
    fn names_fold_to_plain_lower_case_words() {
        assert_eq!(fold("  Ærø  Müller-Lüdenscheidt "), "aero muller ludenscheidt");
        assert_eq!(fold("O'Brien, Siobhán"), "obrien siobhan");
        assert_eq!(fold("Zoë\u{301} 李小龍"), "zoe 李小龍");
        assert_eq!(fold("!!!"), "");
    }

    #[test]
    fn search_terms_carry_no_query_syntax() {
        assert_eq!(search_terms("Müller \"OR\" * NEAR(a b)"), ["muller", "or", "near", "a", "b"]);
        assert_eq!(search_terms("'; DROP TABLE person; --"), ["drop", "table", "person"]);
        assert_eq!(search_terms("a b c d e f g h i j").len(), MAX_SEARCH_TERMS);
        assert!(search_terms("   ").is_empty());
    }

    #[test]
    fn cursors_round_trip_fold_names_and_refuse_other_shapes() {
        let cursor = Cursor { sort_key: "anna muller".into(), person_id: 42 };
        assert_eq!(Cursor::parse(&cursor.encode()), Some(cursor.clone()));
        assert_eq!(Cursor::parse("42:Anna  Müller"), Some(cursor));
        let long = format!("1:{}", "a".repeat(Cursor::MAX_KEY_CHARS + 1));
        for bad in ["", "42", "x:anna", "0:anna", "-1:anna", "042:anna", "1234567890123456789:a"] {
            assert_eq!(Cursor::parse(bad), None, "{bad}");
        }
        assert_eq!(Cursor::parse(&long), None);
    }

    #[test]
    fn facet_values_are_checked_before_any_query() {
        assert!(Facet::Category.accepts("developer-technologies"));
        assert!(!Facet::Category.accepts("Dev Tech"));
        assert!(Facet::Country.accepts("DE") && !Facet::Country.accepts("de"));
        assert!(Facet::Language.accepts("pt-BR") && !Facet::Language.accepts("x"));
        assert!(Facet::Year.accepts("2024") && !Facet::Year.accepts("24"));
        assert!(Facet::Speaking.accepts("yes") && !Facet::Speaking.accepts("no"));
        assert_eq!(Facet::parse("area"), Some(Facet::Area));
        assert_eq!(Facet::parse("email"), None);
    }
}
