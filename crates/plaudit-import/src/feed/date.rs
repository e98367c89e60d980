//! Dates as feeds really write them. RSS says RFC 822, Atom and JSON Feed say RFC 3339; in the
//! wild there are named zones, missing weekdays, single-digit days, two-digit years, ISO dates
//! without seconds or zone, and RFC 3339 in RSS. The `rss` crate hands dates over as text, and
//! this reads each form in a single pass, which matters for a 10,000-entry feed. (Atom's dates,
//! RFC 3339 by the specification, are read by its parser.)

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;

/// Reads a feed's date; `None` when no form fits. A date without a zone is taken as UTC.
pub(crate) fn parse_timestamp(text: &str) -> Option<Timestamp> {
    let s = text.trim();
    let b = s.as_bytes();
    if b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && matches!(b[4], b'-' | b'/') {
        iso(b)
    } else {
        rfc822(s)
    }
}

/// The UTC day of a timestamp.
pub(crate) fn utc_date(ts: Timestamp) -> Date {
    Offset::UTC.to_datetime(ts).date()
}

struct Parts {
    year: i32,
    month: i8,
    day: i8,
    hour: i8,
    minute: i8,
    second: i8,
    nanos: i32,
    offset_seconds: i32,
}

impl Parts {
    fn timestamp(&self) -> Option<Timestamp> {
        let year = i16::try_from(self.year).ok()?;
        let date = Date::new(year, self.month, self.day).ok()?;
        // A leap second is read as the second before it.
        let time = Time::new(self.hour, self.minute, self.second.min(59), self.nanos).ok()?;
        let offset = Offset::from_seconds(self.offset_seconds).ok()?;
        offset.to_timestamp(DateTime::from_parts(date, time)).ok()
    }
}

/// A cursor over ASCII bytes.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Between `min` and `max` digits, as a number.
    fn number(&mut self, min: usize, max: usize) -> Option<i32> {
        let start = self.i;
        let mut value: i32 = 0;
        while self.i - start < max
            && let Some(d) = self.peek().filter(u8::is_ascii_digit)
        {
            value = value * 10 + i32::from(d - b'0');
            self.i += 1;
        }
        (self.i - start >= min).then_some(value)
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    fn rest(&self) -> &[u8] {
        self.b.get(self.i..).unwrap_or_default()
    }
}

/// RFC 3339 and the ISO 8601 forms near it: `2024-03-05`, `2024-03-05T10:00`,
/// `2024-03-05 10:00:00.123+0100`, `2024-03-05T10:00:00 GMT`.
fn iso(b: &[u8]) -> Option<Timestamp> {
    let mut c = Cursor { b, i: 0 };
    let year = c.number(4, 4)?;
    let separator = c.peek()?;
    c.i += 1;
    let month = c.number(1, 2)?;
    if !c.eat(separator) {
        return None;
    }
    let day = c.number(1, 2)?;
    let mut parts = Parts {
        year,
        month: i8::try_from(month).ok()?,
        day: i8::try_from(day).ok()?,
        hour: 0,
        minute: 0,
        second: 0,
        nanos: 0,
        offset_seconds: 0,
    };
    if matches!(c.peek(), Some(b'T' | b't' | b' ')) {
        c.i += 1;
        c.skip_spaces();
        if c.peek().is_some_and(|d| d.is_ascii_digit()) {
            read_time(&mut c, &mut parts)?;
        }
    }
    c.skip_spaces();
    if !c.rest().is_empty() {
        parts.offset_seconds = zone(c.rest())?;
    }
    parts.timestamp()
}

/// `HH:MM[:SS[.fraction]]`, the hour in one or two digits.
fn read_time(c: &mut Cursor<'_>, parts: &mut Parts) -> Option<()> {
    let hour = c.number(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let minute = c.number(2, 2)?;
    let mut second = 0;
    if c.eat(b':') {
        second = c.number(2, 2)?;
        if c.eat(b'.') || c.eat(b',') {
            let start = c.i;
            let mut nanos: i32 = 0;
            while let Some(d) = c.peek().filter(u8::is_ascii_digit) {
                if c.i - start < 9 {
                    nanos = nanos * 10 + i32::from(d - b'0');
                }
                c.i += 1;
            }
            let digits = (c.i - start).min(9);
            if digits == 0 {
                return None;
            }
            parts.nanos = nanos * 10_i32.pow(u32::try_from(9 - digits).ok()?);
        }
    }
    // Some feeds write 24:MM for the first hour of the day without moving the day.
    parts.hour = i8::try_from(if hour == 24 { 0 } else { hour }).ok()?;
    parts.minute = i8::try_from(minute).ok()?;
    parts.second = i8::try_from(second).ok()?;
    Some(())
}

/// A zone: `Z`, `+01:00`, `+0100`, `+01`, or a name (`GMT`, `EST`, `GMT+2`).
fn zone(text: &[u8]) -> Option<i32> {
    let text = text.trim_ascii();
    match text.first()? {
        b'+' | b'-' => numeric_offset(text),
        _ => {
            let split = text.iter().position(|c| matches!(c, b'+' | b'-')).unwrap_or(text.len());
            let (name, rest) = text.split_at(split);
            let base = named_zone(name)?;
            if rest.is_empty() {
                Some(base)
            } else if matches!(name.to_ascii_uppercase().as_slice(), b"GMT" | b"UTC" | b"UT") {
                numeric_offset(rest)
            } else {
                None
            }
        }
    }
}

/// `+HH:MM`, `+HHMM`, `+HH` or `+H`.
fn numeric_offset(text: &[u8]) -> Option<i32> {
    let sign = match text.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let mut c = Cursor { b: text, i: 1 };
    let (hours, minutes) = match c.rest().len() {
        1 | 2 => (c.number(1, 2)?, 0),
        4 => (c.number(2, 2)?, c.number(2, 2)?),
        5 => {
            let h = c.number(2, 2)?;
            if !c.eat(b':') {
                return None;
            }
            (h, c.number(2, 2)?)
        }
        _ => return None,
    };
    if !c.rest().is_empty() || hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60))
}

/// The zone names RFC 822 defines, and the few others feeds use often, in seconds east of UTC.
/// Military letters other than `Z` had their signs wrong in RFC 822; RFC 2822 says to read them
/// as UTC, and so does this.
fn named_zone(name: &[u8]) -> Option<i32> {
    const H: i32 = 3600;
    let upper = name.to_ascii_uppercase();
    Some(match upper.as_slice() {
        b"GMT" | b"UT" | b"UTC" | b"Z" | b"WET" => 0,
        b"EST" => -5 * H,
        b"EDT" => -4 * H,
        b"CST" => -6 * H,
        b"CDT" => -5 * H,
        b"MST" => -7 * H,
        b"MDT" => -6 * H,
        b"PST" => -8 * H,
        b"PDT" => -7 * H,
        b"AKST" => -9 * H,
        b"AKDT" => -8 * H,
        b"HST" => -10 * H,
        b"BST" | b"CET" | b"WEST" => H,
        b"CEST" | b"EET" => 2 * H,
        b"EEST" | b"MSK" => 3 * H,
        b"SGT" | b"HKT" | b"AWST" => 8 * H,
        b"JST" | b"KST" => 9 * H,
        b"AEST" => 10 * H,
        b"AEDT" => 11 * H,
        b"NZST" => 12 * H,
        b"NZDT" => 13 * H,
        [letter] if letter.is_ascii_alphabetic() && *letter != b'J' => 0,
        _ => return None,
    })
}

const MONTHS: [&[u8; 3]; 12] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
];

/// A month's name in English, short or long ("Sept" too).
fn month(word: &[u8]) -> Option<i8> {
    if word.len() < 3 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let index = MONTHS.iter().position(|m| lower.starts_with(&m[..]))?;
    let full: &[u8] = match index {
        0 => b"january",
        1 => b"february",
        2 => b"march",
        3 => b"april",
        4 => b"may",
        5 => b"june",
        6 => b"july",
        7 => b"august",
        8 => b"september",
        9 => b"october",
        10 => b"november",
        _ => b"december",
    };
    // "Mar", "March", "Sept." — but not "Marmalade".
    let lower = lower.strip_suffix(b".").unwrap_or(&lower);
    (full.starts_with(lower)).then(|| i8::try_from(index + 1).ok()).flatten()
}

/// RFC 822 / 2822 and the sloppy forms around it: `Tue, 05 Mar 2024 10:00:00 GMT`,
/// `5 Mar 2024 10:00 EST`, `Tue, 5 Mar 24 10:00:00 +0100`, `March 5, 2024 10:00 PM PST`,
/// `Tue Mar 05 2024 10:00:00 GMT+0100 (Central European Standard Time)`. The weekday, right or
/// wrong or in another language, is ignored.
fn rfc822(s: &str) -> Option<Timestamp> {
    let mut day: Option<i32> = None;
    let mut month_number: Option<i8> = None;
    let mut year: Option<i32> = None;
    let mut time: Option<(i8, i8, i8, i32)> = None;
    let mut offset: Option<i32> = None;
    let mut afternoon: Option<bool> = None;
    let mut in_comment = false;

    for token in s.split(|c: char| c.is_ascii_whitespace() || c == ',').filter(|t| !t.is_empty()) {
        let b = token.as_bytes();
        if in_comment || b[0] == b'(' {
            in_comment = !token.ends_with(')');
            continue;
        }
        if b.contains(&b':') && b[0].is_ascii_digit() {
            if time.is_some() {
                return None;
            }
            let mut parts = Parts {
                year: 0,
                month: 1,
                day: 1,
                hour: 0,
                minute: 0,
                second: 0,
                nanos: 0,
                offset_seconds: 0,
            };
            let mut c = Cursor { b, i: 0 };
            read_time(&mut c, &mut parts)?;
            // "10:00:00Z", "10:00:00+0100": the zone written against the time.
            if !c.rest().is_empty() {
                offset = Some(zone(c.rest())?);
            }
            time = Some((parts.hour, parts.minute, parts.second, parts.nanos));
        } else if b.iter().all(u8::is_ascii_digit) {
            let n: i32 = token.parse().ok()?;
            match b.len() {
                4 if year.is_none() => year = Some(n),
                1 | 2 if day.is_none() => day = Some(n),
                2 | 3 if year.is_none() => year = Some(two_digit_year(n)),
                _ => return None,
            }
        } else if matches!(b[0], b'+' | b'-') {
            offset = Some(numeric_offset(b)?);
        } else if let Some(m) = month(b) {
            if month_number.is_some() {
                return None;
            }
            month_number = Some(m);
        } else if token.eq_ignore_ascii_case("am") || token.eq_ignore_ascii_case("pm") {
            afternoon = Some(token.eq_ignore_ascii_case("pm"));
        } else if let Some(ordinal) = strip_ordinal(b)
            && day.is_none()
        {
            day = Some(ordinal);
        } else if time.is_some() && offset.is_none() {
            // After the time: a zone. One this reader does not know is taken as UTC; the day
            // is what matters here, and it is off by at most one.
            offset = Some(zone(b).unwrap_or(0));
        } else if !b.iter().all(|c| c.is_ascii_alphabetic() || *c == b'.') {
            return None;
        }
        // Anything else alphabetic before the time is a weekday, in any language: ignored.
    }

    let (mut hour, minute, second, nanos) = time.unwrap_or((0, 0, 0, 0));
    match afternoon {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    Parts {
        year: year?,
        month: month_number?,
        day: i8::try_from(day?).ok()?,
        hour,
        minute,
        second,
        nanos,
        offset_seconds: offset.unwrap_or(0),
    }
    .timestamp()
}

/// RFC 2822's rule for obsolete years: 00–49 are 2000–2049, 50–999 are 1950–2899.
fn two_digit_year(n: i32) -> i32 {
    if n < 50 { 2000 + n } else { 1900 + n }
}

/// `5th`, `1st`, `22nd`, `3rd`.
fn strip_ordinal(b: &[u8]) -> Option<i32> {
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let suffix = b.get(digits..)?.to_ascii_lowercase();
    if (1..=2).contains(&digits) && matches!(suffix.as_slice(), b"st" | b"nd" | b"rd" | b"th") {
        std::str::from_utf8(b.get(..digits)?).ok()?.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn read(s: &str) -> String {
        match parse_timestamp(s) {
            Some(ts) => ts.to_string(),
            None => "none".into(),
        }
    }

    #[test]
    fn rfc_822_with_every_named_zone() {
        for (text, utc) in [
            ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 UT", "2024-03-05T10:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 UTC", "2024-03-05T10:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 Z", "2024-03-05T10:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 EST", "2024-03-05T15:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 EDT", "2024-03-05T14:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 CST", "2024-03-05T16:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 CDT", "2024-03-05T15:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 MST", "2024-03-05T17:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 MDT", "2024-03-05T16:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 PST", "2024-03-05T18:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 PDT", "2024-03-05T17:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 +0100", "2024-03-05T09:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 -0000", "2024-03-05T10:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00 +05:30", "2024-03-05T04:30:00Z"),
            // Military letters other than Z are read as UTC (RFC 2822, 4.3).
            ("Tue, 05 Mar 2024 10:00:00 A", "2024-03-05T10:00:00Z"),
        ] {
            assert_eq!(read(text), utc, "{text}");
        }
    }

    #[test]
    fn a_named_zone_can_move_the_day() {
        let late = parse_timestamp("Sun, 31 Dec 2023 22:30:00 PST").unwrap();
        assert_eq!(utc_date(late), jiff::civil::date(2024, 1, 1));
        let early = parse_timestamp("Mon, 01 Jan 2024 00:30:00 +0200").unwrap();
        assert_eq!(utc_date(early), jiff::civil::date(2023, 12, 31));
    }

    #[test]
    fn sloppy_rfc_822() {
        for (text, utc) in [
            // No weekday, single-digit day, no seconds.
            ("5 Mar 2024 10:00 GMT", "2024-03-05T10:00:00Z"),
            // Two-digit years.
            ("Tue, 5 Mar 24 10:00:00 +0000", "2024-03-05T10:00:00Z"),
            ("Fri, 31 Dec 99 23:59:59 GMT", "1999-12-31T23:59:59Z"),
            // Wrong weekday, long weekday, long month, single-digit hour.
            ("Wed, 25 Aug 2012 03:25:42 GMT", "2012-08-25T03:25:42Z"),
            ("Thursday, 13 July 2011 7:38:00 GMT", "2011-07-13T07:38:00Z"),
            ("Sept 3 2019 08:00:00 +0000", "2019-09-03T08:00:00Z"),
            // A weekday in another language.
            ("mer, 16 nov 2022 00:38:15 +0100", "2022-11-15T23:38:15Z"),
            // No zone at all: UTC.
            ("Tue, 05 Mar 2024 10:00:00", "2024-03-05T10:00:00Z"),
            // The zone written against the time.
            ("Tue, 05 Mar 2024 10:00:00+0100", "2024-03-05T09:00:00Z"),
            ("Tue, 05 Mar 2024 10:00:00Z", "2024-03-05T10:00:00Z"),
            // Month first, with a comma and 12-hour time.
            ("March 5, 2024 3:15 PM PST", "2024-03-05T23:15:00Z"),
            ("Mar 5th, 2024", "2024-03-05T00:00:00Z"),
            // JavaScript's Date.toString().
            (
                "Tue Mar 05 2024 10:00:00 GMT+0100 (Central European Standard Time)",
                "2024-03-05T09:00:00Z",
            ),
            // An hour of 24 written for midnight.
            ("5 Jun 2017 24:05 PDT", "2017-06-05T07:05:00Z"),
            // A zone this reader does not know: UTC.
            ("Tue, 05 Mar 2024 10:00:00 XYZT", "2024-03-05T10:00:00Z"),
        ] {
            assert_eq!(read(text), utc, "{text}");
        }
    }

    #[test]
    fn rfc_3339_and_iso_8601() {
        for (text, utc) in [
            ("2024-03-05T10:00:00Z", "2024-03-05T10:00:00Z"),
            ("2024-03-05T10:00:00+01:00", "2024-03-05T09:00:00Z"),
            ("2024-03-05T10:00:00.123456-05:00", "2024-03-05T15:00:00.123456Z"),
            ("2024-03-05t10:00:00z", "2024-03-05T10:00:00Z"),
            // Without seconds, without a colon in the offset, with a space.
            ("2024-03-05T10:00+0100", "2024-03-05T09:00:00Z"),
            ("2024-03-05 10:00:00", "2024-03-05T10:00:00Z"),
            ("2024-03-05T10:00", "2024-03-05T10:00:00Z"),
            ("2024-03-05T10:00:00 GMT", "2024-03-05T10:00:00Z"),
            ("2024-03-05", "2024-03-05T00:00:00Z"),
            ("  2024-03-05T10:00:00Z\n", "2024-03-05T10:00:00Z"),
            ("2024/03/05 10:00", "2024-03-05T10:00:00Z"),
        ] {
            assert_eq!(read(text), utc, "{text}");
        }
    }

    #[test]
    fn what_is_not_a_date_is_refused() {
        for text in [
            "", "yesterday", "soon, probably", "2024-13-05T10:00:00Z", "2024-02-30",
            "31 Feb 2024 10:00:00 GMT", "Tue, 05 Mar 2024 25:00:00 GMT",
            "Tue, 05 Mar 2024 10:61:00 GMT", "05 Mar", "Tue, 05 Mar 2024 10:00:00 +9999",
            "2024-03-05T10:00:00 later", "Tue, 05 Mar 2024 10:00:00 GMT 11:00",
        ] {
            assert_eq!(read(text), "none", "{text:?}");
        }
    }
}
