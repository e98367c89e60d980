//! A contribution as a person typed it, and the one rule that makes it valid.
//!
//! Every way a contribution comes in by hand (the web form, the JSON API, a
//! line of a CSV file) fills a [`ContributionFields`] with the text as typed
//! and calls [`validate`], which answers a [`ValidContribution`] or every
//! problem at once, each under the name of its field ([`field`]). Those names
//! are the form's input names, the API's keys and the CSV's columns alike, so a
//! problem points at the same place whichever way the contribution came.
//!
//! What needs the database (whether a technology area exists) is left to the
//! operation, which reports an unknown area with
//! [`ContributionProblem::UnknownArea`] so that every message comes from one
//! vocabulary.
//!
//! How text is read:
//! - every value is trimmed; an empty optional field is "not set";
//! - vocabularies take their stored names, ignoring case, with spaces and
//!   hyphens read as underscores (`Blog post`, `co-author`, `Program only`);
//! - dates are `YYYY-MM-DD`, the format of an HTML date input;
//! - technology areas are slugs, read in lower case;
//! - descriptions and notes keep their line breaks, written `\n` whatever the
//!   browser or spreadsheet sent;
//! - reach figures are whole numbers, see [`read_reach_figure`].
//!
//! [`csv`] reads and writes the same fields as a CSV file.

pub mod csv;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::kinds::{Audience, ContributionRole, ContributionType, ReachMetric, Visibility};
use crate::parse::{CanonicalUrl, ParseError, Slug, UrlProblem};

/// The name of each field: the HTML form's input name, the JSON API's key, the
/// CSV column and [`FieldProblem::field`]. A reach figure's field is named by
/// [`ReachMetric::as_str`] (`views`, `copies_sold`, …).
pub mod field {
    pub const TYPE: &str = "type";
    pub const TITLE: &str = "title";
    pub const DESCRIPTION: &str = "description";
    pub const PRIVATE_NOTE: &str = "private_note";
    pub const STARTED_ON: &str = "started_on";
    pub const ENDED_ON: &str = "ended_on";
    pub const URL: &str = "url";
    pub const PRIMARY_AREA: &str = "primary_area";
    pub const AREAS: &str = "areas";
    pub const AUDIENCES: &str = "audiences";
    pub const ROLE: &str = "role";
    pub const VISIBILITY: &str = "visibility";
    pub const HIGH_IMPACT: &str = "high_impact";

    /// The fields other than reach figures, in the form's order.
    pub const ALL: &[&str] = &[
        TYPE, TITLE, DESCRIPTION, PRIVATE_NOTE, STARTED_ON, ENDED_ON, URL, PRIMARY_AREA, AREAS,
        AUDIENCES, ROLE, VISIBILITY, HIGH_IMPACT,
    ];
}

/// The longest title, in characters: a line on a profile.
pub const TITLE_MAX_CHARS: usize = 200;
/// The longest description, in characters.
pub const DESCRIPTION_MAX_CHARS: usize = 5000;
/// The longest note for reviewers, in characters.
pub const PRIVATE_NOTE_MAX_CHARS: usize = 2000;
/// The longest web address, in characters: what browsers and servers reliably carry.
pub const URL_MAX_CHARS: usize = 2000;
/// The largest reach figure: far above any real audience (the world has about
/// 8 billion people), far below what a `BIGINT` holds, so sums cannot overflow.
pub const MAX_REACH: u64 = 1_000_000_000_000;
/// How many days after today a contribution may start: a person ahead of the
/// program's time zone may already live tomorrow.
pub const FUTURE_DAYS_ALLOWED: i64 = 1;

/// A contribution exactly as a person typed it. Nothing is checked here; see
/// [`validate`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContributionFields {
    pub contribution_type: String,
    pub title: String,
    pub description: String,
    pub private_note: String,
    pub started_on: String,
    pub ended_on: String,
    pub url: String,
    /// A technology area's slug, or empty.
    pub primary_area: String,
    /// More technology areas' slugs; blank entries are ignored.
    pub areas: Vec<String>,
    /// Audiences' stored names; blank entries are ignored.
    pub audiences: Vec<String>,
    pub person_role: String,
    /// Empty means public.
    pub visibility: String,
    pub high_impact: bool,
    /// Reach figures as typed; a missing or blank one is not set.
    pub reach: BTreeMap<ReachMetric, String>,
}

impl ContributionFields {
    /// Sets the reach figure whose field is called `name` (a form input named
    /// by [`ReachMetric::as_str`]); `false` when `name` is no reach metric, so a
    /// form reader can try this first and handle the other fields after.
    pub fn set_reach(&mut self, name: &str, value: impl Into<String>) -> bool {
        match name.parse::<ReachMetric>() {
            Ok(metric) => {
                self.reach.insert(metric, value.into());
                true
            }
            Err(_) => false,
        }
    }
}

/// The fields of a valid contribution as text again: for a form to edit it
/// and for export, so that validating the result gives it back unchanged.
impl From<&ValidContribution> for ContributionFields {
    fn from(c: &ValidContribution) -> Self {
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        ContributionFields {
            contribution_type: c.contribution_type.as_str().to_owned(),
            title: c.title.clone(),
            description: c.description.clone(),
            private_note: c.private_note.clone(),
            started_on: c.started_on.to_string(),
            ended_on: date(c.ended_on),
            url: c.url.as_ref().map(|u| u.typed.clone()).unwrap_or_default(),
            primary_area: c
                .primary_area
                .as_ref()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            areas: c.areas.iter().map(|s| s.as_str().to_owned()).collect(),
            audiences: c.audiences.iter().map(|a| a.as_str().to_owned()).collect(),
            person_role: c.person_role.as_str().to_owned(),
            visibility: c.visibility.as_str().to_owned(),
            high_impact: c.high_impact,
            reach: c.reach.iter().map(|&(m, v)| (m, v.to_string())).collect(),
        }
    }
}

/// A contribution that follows every rule that can be checked without the
/// database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidContribution {
    pub contribution_type: ContributionType,
    /// Trimmed, 1 to [`TITLE_MAX_CHARS`] characters, one line.
    pub title: String,
    /// Trimmed, line breaks written `\n`, at most [`DESCRIPTION_MAX_CHARS`].
    pub description: String,
    /// For reviewers only; as the description, at most [`PRIVATE_NOTE_MAX_CHARS`].
    pub private_note: String,
    /// At most [`FUTURE_DAYS_ALLOWED`] after the day it was validated.
    pub started_on: Date,
    /// On or after `started_on`; `None` for a one-day or ongoing contribution.
    pub ended_on: Option<Date>,
    pub url: Option<ContributionUrl>,
    /// A well-formed slug; whether the area exists is the operation's to check.
    pub primary_area: Option<Slug>,
    /// Without duplicates and without the primary area, in the order given.
    pub areas: Vec<Slug>,
    /// Without duplicates, in the order given.
    pub audiences: Vec<Audience>,
    pub person_role: ContributionRole,
    pub visibility: Visibility,
    pub high_impact: bool,
    /// Only metrics that fit the type ([`ContributionType::reach_metrics`]),
    /// each once, in [`ReachMetric`] order, at most [`MAX_REACH`].
    pub reach: Vec<(ReachMetric, u64)>,
}

impl ValidContribution {
    /// The figure recorded for `metric`, if any (one column each in the store).
    pub fn reach_of(&self, metric: ReachMetric) -> Option<u64> {
        self.reach.iter().find(|(m, _)| *m == metric).map(|&(_, v)| v)
    }
}

/// A contribution's web address: kept as typed to show it, canonical to find
/// the same page recorded twice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContributionUrl {
    /// Trimmed, otherwise as typed.
    pub typed: String,
    pub canonical: CanonicalUrl,
}

/// What is wrong with one field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field} {problem}")]
pub struct FieldProblem {
    /// The field's name (see [`field`]), or a reach metric's stored name.
    pub field: &'static str,
    pub problem: ContributionProblem,
}

/// Why a field's text is refused, with what a translated message needs.
///
/// The English `Display` is for logs and tests; people read the message the
/// application's catalogues hold under [`ContributionProblem::code`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ContributionProblem {
    #[error("is required")]
    Required,
    #[error("is longer than {max} characters")]
    TooLong { max: usize },
    /// A character that has no place in the text (a line break in a title, a
    /// NUL byte, which PostgreSQL text cannot hold).
    #[error("contains the control character {0:?}")]
    ControlCharacter(char),
    #[error("is not a date written YYYY-MM-DD")]
    NotADate,
    #[error("is before the start date")]
    EndBeforeStart,
    #[error("is in the future: a contribution records what was done")]
    InFuture,
    #[error("is not a known contribution type: {0:?}")]
    UnknownType(String),
    #[error("is not a known role: {0:?}")]
    UnknownRole(String),
    #[error("is not a known audience: {0:?}")]
    UnknownAudience(String),
    #[error("is not a known visibility: {0:?}")]
    UnknownVisibility(String),
    /// A malformed slug (from [`validate`]) or one naming no area (from the
    /// operation that looks areas up).
    #[error("is not a known technology area: {0:?}")]
    UnknownArea(String),
    #[error("is not a web address: {0}")]
    Url(UrlProblem),
    #[error("is not a whole number")]
    NotANumber,
    #[error("is negative")]
    Negative,
    #[error("is larger than {max}")]
    TooLarge { max: u64 },
    /// A figure for a metric the type does not take (copies sold of a blog
    /// post); the metrics it takes are `contribution_type.reach_metrics()`.
    #[error("{}", reach_does_not_fit(*.metric, *.contribution_type))]
    ReachDoesNotFitType { metric: ReachMetric, contribution_type: ContributionType },
    /// A yes-or-no cell of a CSV file that says neither.
    #[error("is not yes or no (true, false, yes, no, 1, 0)")]
    NotABoolean,
    /// A CSV line whose cells do not line up with the header; reported under
    /// [`csv::WHOLE_LINE`].
    #[error("has {found} cells where the header has {expected}")]
    WrongCellCount { expected: usize, found: usize },
}

impl ContributionProblem {
    /// The stable snake_case name of the problem: the application's messages
    /// are `field-contribution-<code>` (underscores as hyphens). Never rename
    /// one, only add.
    pub fn code(&self) -> &'static str {
        use ContributionProblem as P;
        match self {
            P::Required => "required",
            P::TooLong { .. } => "too_long",
            P::ControlCharacter(_) => "control_character",
            P::NotADate => "not_a_date",
            P::EndBeforeStart => "end_before_start",
            P::InFuture => "in_future",
            P::UnknownType(_) => "unknown_type",
            P::UnknownRole(_) => "unknown_role",
            P::UnknownAudience(_) => "unknown_audience",
            P::UnknownVisibility(_) => "unknown_visibility",
            P::UnknownArea(_) => "unknown_area",
            P::Url(problem) => match problem {
                UrlProblem::Empty => "url_empty",
                UrlProblem::UnsupportedScheme(_) => "url_unsupported_scheme",
                UrlProblem::MissingHost => "url_missing_host",
                UrlProblem::InvalidHost(_) => "url_invalid_host",
                UrlProblem::InvalidPort(_) => "url_invalid_port",
                UrlProblem::Credentials => "url_credentials",
                UrlProblem::ControlCharacter(_) => "url_control_character",
            },
            P::NotANumber => "not_a_number",
            P::Negative => "negative",
            P::TooLarge { .. } => "too_large",
            P::ReachDoesNotFitType { .. } => "reach_does_not_fit_type",
            P::NotABoolean => "not_a_boolean",
            P::WrongCellCount { .. } => "wrong_cell_count",
        }
    }
}

fn reach_does_not_fit(metric: ReachMetric, contribution_type: ContributionType) -> String {
    let takes = contribution_type.reach_metrics();
    let kind = contribution_type.label().to_lowercase();
    let metric = contribution_type.reach_label(metric).to_lowercase();
    if takes.is_empty() {
        return format!(
            "is not a figure a {kind} takes: it takes no reach figures ({metric} given)"
        );
    }
    let names: Vec<String> =
        takes.iter().map(|&m| contribution_type.reach_label(m).to_lowercase()).collect();
    format!("is not a figure a {kind} takes ({metric} given); it takes {}", names.join(", "))
}

/// Checks a contribution as typed, `today` being the program's today.
///
/// Every problem is reported, in the form's order (reach figures last), so the
/// person fixes them all in one go.
pub fn validate(
    fields: &ContributionFields,
    today: Date,
) -> Result<ValidContribution, Vec<FieldProblem>> {
    let mut problems = Problems::default();

    let contribution_type: Option<ContributionType> = problems.check(
        field::TYPE,
        required_vocabulary(&fields.contribution_type, ContributionProblem::UnknownType),
    );
    let title = problems.check(field::TITLE, read_title(&fields.title));
    let description =
        problems.check(field::DESCRIPTION, read_text(&fields.description, DESCRIPTION_MAX_CHARS));
    let private_note = problems
        .check(field::PRIVATE_NOTE, read_text(&fields.private_note, PRIVATE_NOTE_MAX_CHARS));

    let started_on = problems.check(
        field::STARTED_ON,
        read_date(&fields.started_on).and_then(|d| {
            let date = d.ok_or(ContributionProblem::Required)?;
            // On jiff's last day there is no later day to allow.
            let latest =
                today.checked_add(jiff::Span::new().days(FUTURE_DAYS_ALLOWED)).unwrap_or(today);
            if date > latest {
                return Err(ContributionProblem::InFuture);
            }
            Ok(date)
        }),
    );
    let ended_on = problems.check(
        field::ENDED_ON,
        read_date(&fields.ended_on).and_then(|end| match (end, started_on) {
            (Some(end), Some(start)) if end < start => Err(ContributionProblem::EndBeforeStart),
            _ => Ok(end),
        }),
    );

    let url = problems.check(field::URL, read_url(&fields.url));

    let primary_area = problems.check(field::PRIMARY_AREA, read_area(&fields.primary_area));
    let mut areas: Vec<Slug> = Vec::new();
    for typed in &fields.areas {
        match read_area(typed) {
            Ok(Some(area)) => {
                let is_primary = primary_area.as_ref().and_then(Option::as_ref) == Some(&area);
                if !is_primary && !areas.contains(&area) {
                    areas.push(area);
                }
            }
            Ok(None) => {}
            Err(problem) => problems.add(field::AREAS, problem),
        }
    }

    let mut audiences: Vec<Audience> = Vec::new();
    for typed in &fields.audiences {
        if typed.trim().is_empty() {
            continue;
        }
        match read_vocabulary::<Audience>(typed) {
            Some(audience) if audiences.contains(&audience) => {}
            Some(audience) => audiences.push(audience),
            None => problems.add(
                field::AUDIENCES,
                ContributionProblem::UnknownAudience(typed.trim().to_owned()),
            ),
        }
    }

    let person_role = problems.check(
        field::ROLE,
        required_vocabulary(&fields.person_role, ContributionProblem::UnknownRole),
    );
    let visibility = problems.check(field::VISIBILITY, {
        let typed = fields.visibility.trim();
        if typed.is_empty() {
            Ok(Visibility::Public)
        } else {
            read_vocabulary(typed)
                .ok_or_else(|| ContributionProblem::UnknownVisibility(typed.to_owned()))
        }
    });

    let mut reach = Vec::new();
    for (&metric, typed) in &fields.reach {
        let Some(Some(figure)) = problems.check(metric.as_str(), read_reach_figure(typed)) else {
            continue;
        };
        match contribution_type {
            Some(t) if !t.reach_metrics().contains(&metric) => {
                // A zero says nothing, and spreadsheets fill every column with
                // one; only a real figure on the wrong type is a mistake.
                if figure != 0 {
                    problems.add(
                        metric.as_str(),
                        ContributionProblem::ReachDoesNotFitType { metric, contribution_type: t },
                    );
                }
            }
            _ => reach.push((metric, figure)),
        }
    }

    let (
        Some(contribution_type),
        Some(title),
        Some(description),
        Some(private_note),
        Some(started_on),
        Some(ended_on),
        Some(url),
        Some(primary_area),
        Some(person_role),
        Some(visibility),
    ) = (
        contribution_type, title, description, private_note, started_on, ended_on, url,
        primary_area, person_role, visibility,
    )
    else {
        return Err(problems.0);
    };
    if !problems.0.is_empty() {
        return Err(problems.0);
    }
    Ok(ValidContribution {
        contribution_type,
        title,
        description,
        private_note,
        started_on,
        ended_on,
        url,
        primary_area,
        areas,
        audiences,
        person_role,
        visibility,
        high_impact: fields.high_impact,
        reach,
    })
}

/// The problems found so far, in the order found.
#[derive(Default)]
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn add(&mut self, field: &'static str, problem: ContributionProblem) {
        self.0.push(FieldProblem { field, problem });
    }

    fn check<T>(&mut self, field: &'static str, read: Result<T, ContributionProblem>) -> Option<T> {
        read.map_err(|problem| self.add(field, problem)).ok()
    }
}

/// Where a field comes in the form: orders problems found in different passes
/// (a CSV cell read before [`validate`]).
pub(crate) fn field_rank(name: &str) -> usize {
    if let Some(i) = field::ALL.iter().position(|f| *f == name) {
        return i;
    }
    match ReachMetric::ALL.iter().position(|m| m.as_str() == name) {
        Some(i) => field::ALL.len() + i,
        None => usize::MAX,
    }
}

/// The key a vocabulary's stored name is looked up by: `Co-Author` → `co_author`.
fn vocabulary_key(typed: &str) -> String {
    typed
        .trim()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c.to_ascii_lowercase() })
        .collect()
}

fn read_vocabulary<V: std::str::FromStr<Err = ParseError>>(typed: &str) -> Option<V> {
    vocabulary_key(typed).parse().ok()
}

fn required_vocabulary<V: std::str::FromStr<Err = ParseError>>(
    typed: &str,
    unknown: fn(String) -> ContributionProblem,
) -> Result<V, ContributionProblem> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(ContributionProblem::Required);
    }
    read_vocabulary(typed).ok_or_else(|| unknown(typed.to_owned()))
}

fn check_length(text: &str, max: usize) -> Result<(), ContributionProblem> {
    if text.chars().count() > max {
        return Err(ContributionProblem::TooLong { max });
    }
    Ok(())
}

fn read_title(typed: &str) -> Result<String, ContributionProblem> {
    let title = typed.trim();
    if title.is_empty() {
        return Err(ContributionProblem::Required);
    }
    check_length(title, TITLE_MAX_CHARS)?;
    if let Some(c) = title.chars().find(|c| c.is_control()) {
        return Err(ContributionProblem::ControlCharacter(c));
    }
    Ok(title.to_owned())
}

/// Text of several lines: `\r\n` and a lone `\r` become `\n` (browsers send
/// `\r\n` from a text area), tabs stay, other control characters are refused.
fn read_text(typed: &str, max: usize) -> Result<String, ContributionProblem> {
    let text = typed.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    check_length(text, max)?;
    if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\n' && c != '\t') {
        return Err(ContributionProblem::ControlCharacter(c));
    }
    Ok(text.to_owned())
}

/// `YYYY-MM-DD` and nothing else (no times, no week dates): the one format an
/// HTML date input sends and a person can read back. Empty is `None`.
fn read_date(typed: &str) -> Result<Option<Date>, ContributionProblem> {
    let s = typed.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(ContributionProblem::NotADate);
    }
    let number = |range: std::ops::Range<usize>| s.get(range).and_then(|p| p.parse::<i16>().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return Err(ContributionProblem::NotADate);
    };
    let (Ok(month), Ok(day)) = (i8::try_from(month), i8::try_from(day)) else {
        return Err(ContributionProblem::NotADate);
    };
    Date::new(year, month, day).map(Some).map_err(|_| ContributionProblem::NotADate)
}

fn read_url(typed: &str) -> Result<Option<ContributionUrl>, ContributionProblem> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    check_length(typed, URL_MAX_CHARS)?;
    match CanonicalUrl::parse(typed) {
        Ok(canonical) => Ok(Some(ContributionUrl { typed: typed.to_owned(), canonical })),
        Err(ParseError::Url(problem)) => Err(ContributionProblem::Url(problem)),
        // CanonicalUrl::parse only reports URL problems; say "no host" should that change.
        Err(_) => Err(ContributionProblem::Url(UrlProblem::MissingHost)),
    }
}

/// A technology area's slug, read in lower case; a malformed one cannot name
/// an area, so it is reported as unknown.
fn read_area(typed: &str) -> Result<Option<Slug>, ContributionProblem> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    Slug::parse(&typed.to_lowercase())
        .map(Some)
        .map_err(|_| ContributionProblem::UnknownArea(typed.to_owned()))
}

/// Characters read as thousands separators: English `1,200`, German `1.200`,
/// French `1 200` (with a plain, no-break or narrow no-break space) and Swiss
/// `1'200` (straight or typographic apostrophe).
pub const THOUSANDS_SEPARATORS: &[char] = &[',', '.', ' ', '\u{a0}', '\u{202f}', '\'', '\u{2019}'];

/// Reads a reach figure; empty is "not set".
///
/// A figure is a whole number of ASCII digits, trimmed. Digits may be grouped
/// by thousands with one kind of separator ([`THOUSANDS_SEPARATORS`]), and
/// only where groups are exactly three digits long, so `1,200`, `1.200` and
/// `1 200` are all 1200 while `1.5`, `1,20` and `0,500` (a decimal, whatever
/// the language) are not numbers. Counts have no fractions: `1,234.00` is
/// refused rather than guessed at. A leading minus reads as
/// [`ContributionProblem::Negative`].
pub fn read_reach_figure(typed: &str) -> Result<Option<u64>, ContributionProblem> {
    let s = typed.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let (negative, digits) = match s.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    };
    let value = whole_number(digits)?;
    if negative && value > 0 {
        return Err(ContributionProblem::Negative);
    }
    if value > MAX_REACH {
        return Err(ContributionProblem::TooLarge { max: MAX_REACH });
    }
    Ok(Some(value))
}

fn whole_number(s: &str) -> Result<u64, ContributionProblem> {
    let too_large = ContributionProblem::TooLarge { max: MAX_REACH };
    let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let separator = s.chars().find(|c| !c.is_ascii_digit());
    let Some(separator) = separator else {
        if !all_digits(s) {
            return Err(ContributionProblem::NotANumber);
        }
        // Only digits: the one way to fail is overflow.
        return s.parse::<u64>().map_err(|_| too_large);
    };
    if !THOUSANDS_SEPARATORS.contains(&separator) {
        return Err(ContributionProblem::NotANumber);
    }
    let mut groups = s.split(separator);
    let first = groups.next().unwrap_or_default();
    if !all_digits(first) || first.len() > 3 || first.starts_with('0') {
        return Err(ContributionProblem::NotANumber);
    }
    let mut value: u64 = first.parse().map_err(|_| ContributionProblem::NotANumber)?;
    for group in groups {
        if group.len() != 3 || !all_digits(group) {
            return Err(ContributionProblem::NotANumber);
        }
        let group: u64 = group.parse().map_err(|_| ContributionProblem::NotANumber)?;
        value = value
            .checked_mul(1000)
            .and_then(|v| v.checked_add(group))
            .ok_or_else(|| too_large.clone())?;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    const TODAY: Date = date(2026, 3, 15);

    fn blog_post() -> ContributionFields {
        ContributionFields {
            contribution_type: "blog_post".into(),
            title: "  Why Rust  ".into(),
            description: "Line one\r\nline two".into(),
            started_on: "2026-03-01".into(),
            url: "http://www.example.com/why-rust/?utm_source=x".into(),
            person_role: "author".into(),
            ..ContributionFields::default()
        }
    }

    fn problems(fields: &ContributionFields) -> Vec<(&'static str, ContributionProblem)> {
        validate(fields, TODAY).unwrap_err().into_iter().map(|p| (p.field, p.problem)).collect()
    }

    fn one_problem(fields: &ContributionFields) -> (&'static str, ContributionProblem) {
        let all = problems(fields);
        assert_eq!(all.len(), 1, "{all:?}");
        all.into_iter().next().unwrap()
    }

    #[test]
    fn a_typed_blog_post_becomes_a_valid_contribution() {
        let mut fields = blog_post();
        fields.reach.insert(ReachMetric::Views, " 1,200 ".into());
        fields.audiences =
            vec!["developer".into(), "Student".into(), "developer".into(), "".into()];
        fields.primary_area = "rust".into();
        fields.areas = vec!["Web".into(), "rust".into(), "web".into(), " ".into()];
        fields.high_impact = true;
        let c = validate(&fields, TODAY).unwrap();
        assert_eq!(c.contribution_type, ContributionType::BlogPost);
        assert_eq!(c.title, "Why Rust");
        assert_eq!(c.description, "Line one\nline two");
        assert_eq!(c.started_on, date(2026, 3, 1));
        assert_eq!(c.ended_on, None);
        let url = c.url.as_ref().unwrap();
        assert_eq!(url.typed, "http://www.example.com/why-rust/?utm_source=x");
        assert_eq!(url.canonical.as_str(), "https://example.com/why-rust");
        assert_eq!(c.primary_area.as_ref().map(Slug::as_str), Some("rust"));
        assert_eq!(c.areas.iter().map(Slug::as_str).collect::<Vec<_>>(), ["web"]);
        assert_eq!(c.audiences, [Audience::Developer, Audience::Student]);
        assert_eq!(c.person_role, ContributionRole::Author);
        assert_eq!(c.visibility, Visibility::Public);
        assert!(c.high_impact);
        assert_eq!(c.reach, [(ReachMetric::Views, 1200)]);
        assert_eq!(c.reach_of(ReachMetric::Views), Some(1200));
        assert_eq!(c.reach_of(ReachMetric::Stars), None);
    }

    #[test]
    fn vocabularies_forgive_case_spaces_and_hyphens() {
        let mut fields = blog_post();
        fields.contribution_type = " Blog Post ".into();
        fields.person_role = "Co-Author".into();
        fields.visibility = "Program only".into();
        fields.audiences = vec!["IT pro".into()];
        let c = validate(&fields, TODAY).unwrap();
        assert_eq!(c.contribution_type, ContributionType::BlogPost);
        assert_eq!(c.person_role, ContributionRole::CoAuthor);
        assert_eq!(c.visibility, Visibility::ProgramOnly);
        assert_eq!(c.audiences, [Audience::ItPro]);
    }

    #[test]
    fn every_problem_is_reported_at_once_in_form_order() {
        let fields = ContributionFields {
            contribution_type: "vlog".into(),
            title: " ".into(),
            started_on: "15/03/2026".into(),
            ended_on: "2026-02-30".into(),
            url: "ftp://example.com".into(),
            primary_area: "Not a slug!".into(),
            audiences: vec!["developer".into(), "aliens".into()],
            person_role: "".into(),
            visibility: "secret".into(),
            reach: [(ReachMetric::Views, "many".into()), (ReachMetric::Stars, "-3".into())].into(),
            ..ContributionFields::default()
        };
        use ContributionProblem as P;
        assert_eq!(
            problems(&fields),
            vec![
                (field::TYPE, P::UnknownType("vlog".into())),
                (field::TITLE, P::Required),
                (field::STARTED_ON, P::NotADate),
                (field::ENDED_ON, P::NotADate),
                (field::URL, P::Url(UrlProblem::UnsupportedScheme("ftp".into()))),
                (field::PRIMARY_AREA, P::UnknownArea("Not a slug!".into())),
                (field::AUDIENCES, P::UnknownAudience("aliens".into())),
                (field::ROLE, P::Required),
                (field::VISIBILITY, P::UnknownVisibility("secret".into())),
                ("views", P::NotANumber),
                ("stars", P::Negative),
            ]
        );
    }

    #[test]
    fn required_fields_say_so() {
        let fields = ContributionFields::default();
        let fields_with_problems: Vec<_> = problems(&fields).into_iter().collect();
        assert_eq!(
            fields_with_problems,
            vec![
                (field::TYPE, ContributionProblem::Required),
                (field::TITLE, ContributionProblem::Required),
                (field::STARTED_ON, ContributionProblem::Required),
                (field::ROLE, ContributionProblem::Required),
            ]
        );
    }

    #[test]
    fn texts_have_limits() {
        let mut fields = blog_post();
        fields.title = "é".repeat(TITLE_MAX_CHARS);
        fields.description = "d".repeat(DESCRIPTION_MAX_CHARS);
        fields.private_note = "n".repeat(PRIVATE_NOTE_MAX_CHARS);
        assert!(validate(&fields, TODAY).is_ok());

        fields.title.push('é');
        fields.description.push('d');
        fields.private_note.push('n');
        fields.url = format!("https://example.com/{}", "a".repeat(URL_MAX_CHARS));
        assert_eq!(
            problems(&fields),
            vec![
                (field::TITLE, ContributionProblem::TooLong { max: TITLE_MAX_CHARS }),
                (field::DESCRIPTION, ContributionProblem::TooLong { max: DESCRIPTION_MAX_CHARS }),
                (field::PRIVATE_NOTE, ContributionProblem::TooLong { max: PRIVATE_NOTE_MAX_CHARS }),
                (field::URL, ContributionProblem::TooLong { max: URL_MAX_CHARS }),
            ]
        );
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_and_tabs_are_text() {
        let mut fields = blog_post();
        fields.title = "Why\nRust".into();
        assert_eq!(
            one_problem(&fields),
            (field::TITLE, ContributionProblem::ControlCharacter('\n'))
        );

        let mut fields = blog_post();
        fields.description = "a\tb\rc\r\nd\n".into();
        assert_eq!(validate(&fields, TODAY).unwrap().description, "a\tb\nc\nd");
        fields.private_note = "nul \u{0} here".into();
        assert_eq!(
            one_problem(&fields),
            (field::PRIVATE_NOTE, ContributionProblem::ControlCharacter('\u{0}'))
        );
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        let mut fields = blog_post();
        fields.ended_on = "2026-02-28".into();
        assert_eq!(one_problem(&fields), (field::ENDED_ON, ContributionProblem::EndBeforeStart));
        fields.ended_on = "2026-03-01".into();
        assert_eq!(validate(&fields, TODAY).unwrap().ended_on, Some(date(2026, 3, 1)));
    }

    #[test]
    fn a_start_after_tomorrow_is_in_the_future() {
        let mut fields = blog_post();
        fields.started_on = "2026-03-16".into();
        assert_eq!(validate(&fields, TODAY).unwrap().started_on, date(2026, 3, 16));
        fields.started_on = "2026-03-17".into();
        assert_eq!(one_problem(&fields), (field::STARTED_ON, ContributionProblem::InFuture));
        fields.started_on = "9999-12-31".into();
        assert_eq!(validate(&fields, date(9999, 12, 31)).unwrap().started_on, date(9999, 12, 31));
    }

    #[test]
    fn an_ongoing_contribution_may_end_in_the_future() {
        let mut fields = blog_post();
        fields.ended_on = "2026-09-30".into();
        assert_eq!(validate(&fields, TODAY).unwrap().ended_on, Some(date(2026, 9, 30)));
    }

    #[test]
    fn dates_are_written_year_month_day() {
        for bad in
            ["2026-3-1", "20260301", "2026-03-01T10:00", "2026/03/01", "2026-13-01", "2025-02-29"]
        {
            assert_eq!(read_date(bad), Err(ContributionProblem::NotADate), "{bad}");
        }
        assert_eq!(read_date(" 2024-02-29 "), Ok(Some(date(2024, 2, 29))));
        assert_eq!(read_date(""), Ok(None));
    }

    #[test]
    fn a_reach_figure_that_does_not_fit_the_type_is_refused() {
        let mut fields = blog_post();
        fields.reach.insert(ReachMetric::CopiesSold, "500".into());
        fields.reach.insert(ReachMetric::Views, "10".into());
        let (field, problem) = one_problem(&fields);
        assert_eq!(field, "copies_sold");
        assert_eq!(
            problem,
            ContributionProblem::ReachDoesNotFitType {
                metric: ReachMetric::CopiesSold,
                contribution_type: ContributionType::BlogPost,
            }
        );
        assert_eq!(
            problem.to_string(),
            "is not a figure a blog post takes (copies sold given); it takes views"
        );

        let mut fields = blog_post();
        fields.contribution_type = "forum_moderation".into();
        fields.person_role = "moderator".into();
        fields.reach.insert(ReachMetric::Views, "10".into());
        assert_eq!(
            one_problem(&fields).1.to_string(),
            "is not a figure a forum moderation takes: it takes no reach figures (views given)"
        );
    }

    #[test]
    fn a_zero_or_blank_figure_of_another_type_is_ignored() {
        let mut fields = blog_post();
        fields.reach.insert(ReachMetric::CopiesSold, "0".into());
        fields.reach.insert(ReachMetric::Stars, "  ".into());
        fields.reach.insert(ReachMetric::Views, "0".into());
        assert_eq!(validate(&fields, TODAY).unwrap().reach, [(ReachMetric::Views, 0)]);
    }

    #[test]
    fn a_podcasts_views_are_named_listens_in_the_refusal() {
        let mut fields = blog_post();
        fields.contribution_type = "podcast".into();
        fields.person_role = "host".into();
        fields.reach.insert(ReachMetric::Attendees, "10".into());
        assert_eq!(
            one_problem(&fields).1.to_string(),
            "is not a figure a podcast takes (attendees given); it takes listens, subscribers"
        );
    }

    #[test]
    fn reach_figures_take_thousands_separators_but_no_fractions() {
        let ok = |s: &str| read_reach_figure(s).unwrap();
        assert_eq!(ok(""), None);
        assert_eq!(ok(" 42 "), Some(42));
        assert_eq!(ok("0"), Some(0));
        assert_eq!(ok("007"), Some(7));
        assert_eq!(ok("1,200"), Some(1200));
        assert_eq!(ok("1.200"), Some(1200));
        assert_eq!(ok("1 200"), Some(1200));
        assert_eq!(ok("1\u{a0}200\u{a0}300"), Some(1_200_300));
        assert_eq!(ok("1'200"), Some(1200));
        assert_eq!(ok("12,345,678"), Some(12_345_678));
        assert_eq!(ok("-0"), Some(0));
        for bad in [
            "1.5", "1,20", "1,2000", "0,500", ",200", "1,200.00", "1,200 300", "1e6", "12k", "+5",
            "١٢",
        ] {
            assert_eq!(read_reach_figure(bad), Err(ContributionProblem::NotANumber), "{bad}");
        }
        assert_eq!(read_reach_figure("-5"), Err(ContributionProblem::Negative));
        assert_eq!(read_reach_figure("\u{2212}1,000"), Err(ContributionProblem::Negative));
        let too_large = Err(ContributionProblem::TooLarge { max: MAX_REACH });
        assert_eq!(read_reach_figure(&MAX_REACH.to_string()), Ok(Some(MAX_REACH)));
        assert_eq!(read_reach_figure(&(MAX_REACH + 1).to_string()), too_large);
        assert_eq!(read_reach_figure("99999999999999999999999"), too_large);
        assert_eq!(read_reach_figure("999,999,999,999,999,999,999,999"), too_large);
    }

    #[test]
    fn an_area_named_twice_or_as_the_primary_is_kept_once() {
        let mut fields = blog_post();
        fields.primary_area = "Rust".into();
        fields.areas = vec!["rust".into(), "wasm".into(), "WASM".into(), "web".into()];
        let c = validate(&fields, TODAY).unwrap();
        assert_eq!(c.primary_area.unwrap().as_str(), "rust");
        assert_eq!(c.areas.iter().map(Slug::as_str).collect::<Vec<_>>(), ["wasm", "web"]);

        fields.areas = vec!["ok".into(), "no good".into(), "bad_".into()];
        assert_eq!(
            problems(&fields),
            vec![
                (field::AREAS, ContributionProblem::UnknownArea("no good".into())),
                (field::AREAS, ContributionProblem::UnknownArea("bad_".into())),
            ]
        );
    }

    #[test]
    fn a_bad_url_says_why() {
        let mut fields = blog_post();
        fields.url = "https://ada:pw@example.com".into();
        let (field, problem) = one_problem(&fields);
        assert_eq!(field, field::URL);
        assert_eq!(problem.code(), "url_credentials");
        fields.url = "   ".into();
        assert_eq!(validate(&fields, TODAY).unwrap().url, None);
    }

    #[test]
    fn set_reach_takes_form_names_of_metrics_only() {
        let mut fields = ContributionFields::default();
        assert!(fields.set_reach("on_demand_views", "3"));
        assert!(!fields.set_reach("title", "x"));
        assert_eq!(fields.reach.get(&ReachMetric::OnDemandViews).map(String::as_str), Some("3"));
    }

    #[test]
    fn a_field_problem_reads_as_a_sentence() {
        let p = FieldProblem { field: field::TITLE, problem: ContributionProblem::Required };
        assert_eq!(p.to_string(), "title is required");
    }

    #[test]
    fn codes_are_distinct_snake_case_names() {
        use ContributionProblem as P;
        let all = [
            P::Required,
            P::TooLong { max: 1 },
            P::ControlCharacter('\0'),
            P::NotADate,
            P::EndBeforeStart,
            P::InFuture,
            P::UnknownType(String::new()),
            P::UnknownRole(String::new()),
            P::UnknownAudience(String::new()),
            P::UnknownVisibility(String::new()),
            P::UnknownArea(String::new()),
            P::Url(UrlProblem::Empty),
            P::Url(UrlProblem::UnsupportedScheme(String::new())),
            P::Url(UrlProblem::MissingHost),
            P::Url(UrlProblem::InvalidHost(String::new())),
            P::Url(UrlProblem::InvalidPort(String::new())),
            P::Url(UrlProblem::Credentials),
            P::Url(UrlProblem::ControlCharacter('\0')),
            P::NotANumber,
            P::Negative,
            P::TooLarge { max: 1 },
            P::ReachDoesNotFitType {
                metric: ReachMetric::Views,
                contribution_type: ContributionType::Book,
            },
            P::NotABoolean,
            P::WrongCellCount { expected: 1, found: 2 },
        ];
        let mut seen = std::collections::HashSet::new();
        for p in &all {
            let code = p.code();
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{code}");
            assert!(seen.insert(code), "{code} twice");
            assert!(!p.to_string().is_empty());
        }
    }

    #[test]
    fn field_ranks_follow_the_form() {
        assert!(field_rank(field::TYPE) < field_rank(field::TITLE));
        assert!(field_rank(field::HIGH_IMPACT) < field_rank("views"));
        assert!(field_rank("views") < field_rank("people_mentored"));
    }

    pub(crate) fn any_valid_fields() -> impl Strategy<Value = ContributionFields> {
        let texts = (
            // Titles and descriptions with what CSV and spreadsheets find hard:
            // quotes, commas, semicolons, line breaks, formula signs, non-ASCII.
            "[=+@'\\-]?[a-zA-Zé ,;\"'=+-]{1,40}",
            "[=+@'\\-\t]?[a-zA-Zé ,;\"\n\r\t'=-]{0,80}",
            "[a-z ,\"\n]{0,20}",
            prop_oneof![
                Just(String::new()),
                Just("HTTP://www.Example.com/a/?utm_source=x".into()),
                "https://example\\.org/[a-z]{1,8}"
            ],
        );
        let picks = (
            0..ContributionType::COUNT,
            0..ContributionRole::ALL.len(),
            0..Visibility::ALL.len(),
            proptest::collection::vec(0..Audience::ALL.len(), 0..4),
            proptest::option::of("[a-z]{1,6}"),
            proptest::collection::vec("[a-z]{1,6}", 0..4),
            0i64..400,
            proptest::option::of(0i64..400),
            any::<bool>(),
            proptest::collection::vec((0usize..12, 0..=MAX_REACH), 0..4),
        );
        (texts, picks).prop_map(
            |(
                (title, description, private_note, url),
                (t, role, vis, audiences, primary, areas, start, length, high_impact, reach),
            )| {
                let t = ContributionType::ALL[t];
                let start = TODAY.checked_sub(jiff::Span::new().days(start)).unwrap();
                let end = length.map(|l| start.checked_add(jiff::Span::new().days(l)).unwrap());
                let metrics = t.reach_metrics();
                ContributionFields {
                    contribution_type: t.as_str().into(),
                    title: if title.trim().is_empty() { "x".into() } else { title },
                    description,
                    private_note,
                    started_on: start.to_string(),
                    ended_on: end.map(|e| e.to_string()).unwrap_or_default(),
                    url,
                    primary_area: primary.unwrap_or_default(),
                    areas,
                    audiences: audiences
                        .iter()
                        .map(|&a| Audience::ALL[a].as_str().into())
                        .collect(),
                    person_role: ContributionRole::ALL[role].as_str().into(),
                    visibility: Visibility::ALL[vis].as_str().into(),
                    high_impact,
                    reach: reach
                        .into_iter()
                        .filter_map(|(i, v)| {
                            metrics.get(i % metrics.len().max(1)).map(|&m| (m, v.to_string()))
                        })
                        .collect(),
                }
            },
        )
    }

    proptest! {
        #[test]
        fn validating_never_panics(
            t in "\\PC{0,12}", title in "\\PC{0,30}", start in "\\PC{0,12}", end in "\\PC{0,12}",
            url in "\\PC{0,30}", figure in "\\PC{0,12}", areas in proptest::collection::vec("\\PC{0,8}", 0..3),
        ) {
            let fields = ContributionFields {
                contribution_type: t, title, started_on: start, ended_on: end, url,
                areas: areas.clone(), audiences: areas, reach: [(ReachMetric::Views, figure)].into(),
                ..ContributionFields::default()
            };
            let _ = validate(&fields, TODAY);
        }

        #[test]
        fn a_valid_contribution_validates_back_to_itself(fields in any_valid_fields()) {
            let valid = validate(&fields, TODAY).unwrap();
            let again = validate(&ContributionFields::from(&valid), TODAY).unwrap();
            prop_assert_eq!(valid, again);
        }

        #[test]
        fn any_grouped_number_reads_as_its_value(n in 0..=MAX_REACH, sep in "[,. '\u{a0}]") {
            let digits = n.to_string();
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    grouped.push_str(&sep);
                }
                grouped.push(c);
            }
            prop_assert_eq!(read_reach_figure(&grouped), Ok(Some(n)));
        }
    }
}
