//! A person's own profile: the name they go by, a headline and a bio in Markdown, where they
//! are and work, links, technology areas, the languages they speak, a photo, and what they
//! confirm (the minimum age, with no birth date kept, and a version of the code of conduct).
//!
//! Every field is checked before anything is written, and all problems come back at once; a
//! refusal changes nothing.

use std::collections::BTreeSet;

use jiff::Timestamp;
use plaudit_domain::parse::{CanonicalUrl, DisplayName};
use plaudit_media::PhotoProblem;
use plaudit_store::people::{self, PhotoWrite, ProfileWrite};
use plaudit_store::program;
use plaudit_store::timestamp::from_micros;

use super::Ctx;
use super::accounts::AccountView;
use super::audit::{AuditAction, record};
use super::error::{ErrorCode, Fields, OpError, invalid, parse_problem};
use crate::i18n::Msg;

/// The longest headline, in characters: one line under the name.
pub const HEADLINE_MAX: usize = 120;
/// The longest bio, in characters.
pub const BIO_MAX: usize = 5_000;
pub const REGION_MAX: usize = 80;
pub const EMPLOYER_MAX: usize = 120;
/// How many links a profile shows, and the longest label of one.
pub const LINKS_MAX: usize = 10;
pub const LINK_LABEL_MAX: usize = 80;
/// How many languages a person may list.
pub const LANGUAGES_MAX: usize = 10;

/// What a person types into their profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileInput {
    pub name: String,
    pub headline: String,
    /// Markdown.
    pub bio: String,
    /// An ISO 3166-1 alpha-2 code (`DE`), or empty.
    pub country: String,
    pub region: String,
    pub employer: String,
    /// One link a line: a web address, with an optional label before it (`Blog https://…`).
    pub links: String,
    /// The slugs of technology areas.
    pub areas: Vec<String>,
    /// Language codes separated by commas or spaces (`en, de, pt-BR`).
    pub languages: String,
    /// Ticked: "I am at least N years old".
    pub minimum_age: bool,
    /// Ticked: "I accept the code of conduct" (the program's current version).
    pub code_of_conduct: bool,
}

/// A profile as its form shows it, with what the person confirmed and what the program asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileView {
    pub person_id: i64,
    /// The stored fields in the form's shape (the boxes ticked when confirmed already).
    pub input: ProfileInput,
    /// None while the person has no photo.
    pub photo_version: Option<i64>,
    /// The program's minimum age; 0 when it sets none.
    pub minimum_age: i64,
    pub age_confirmed_at: Option<Timestamp>,
    /// The program's current code of conduct; None when it has none.
    pub code_of_conduct_version: Option<String>,
    /// The version the person accepted last, and when.
    pub accepted_code_of_conduct: Option<(String, Option<Timestamp>)>,
}

impl ProfileView {
    /// Whether the person accepted the program's current code of conduct.
    pub fn accepted_current_code(&self) -> bool {
        match (&self.code_of_conduct_version, &self.accepted_code_of_conduct) {
            (Some(current), Some((accepted, _))) => current == accepted,
            _ => false,
        }
    }

    /// The address of the person's photo in `size`, when they have one.
    pub fn photo_path(&self, size: u32) -> Option<String> {
        self.photo_version.map(|version| photo_path(self.person_id, size, version))
    }
}

/// Where a photo of one version is served: a new upload gets a new address, so an address can
/// be cached for good.
pub fn photo_path(person_id: i64, size: u32, version: i64) -> String {
    format!("/people/{person_id}/photo/{size}?v={version}")
}

/// What the program asks a person to confirm.
struct Asks {
    minimum_age: i64,
    code_of_conduct_version: Option<String>,
}

async fn asks(ctx: &Ctx) -> Result<Asks, OpError> {
    Ok(match program::settings(&ctx.db).await? {
        Some(s) => {
            Asks { minimum_age: s.minimum_age, code_of_conduct_version: s.code_of_conduct_version }
        }
        None => Asks { minimum_age: 0, code_of_conduct_version: None },
    })
}

async fn stored(ctx: &Ctx, account: &AccountView) -> Result<people::Profile, OpError> {
    people::profile(&ctx.db, account.person_id).await?.ok_or(OpError::new(ErrorCode::NotFound))
}

/// The signed-in person's profile.
pub async fn profile(ctx: &Ctx, account: &AccountView) -> Result<ProfileView, OpError> {
    let row = stored(ctx, account).await?;
    let asks = asks(ctx).await?;
    view_of(row, asks)
}

fn view_of(row: people::Profile, asks: Asks) -> Result<ProfileView, OpError> {
    let instant = |micros: Option<i64>| micros.map(from_micros).transpose();
    let age_confirmed_at = instant(row.age_confirmed_at)?;
    let accepted_code_of_conduct = match row.code_of_conduct_version.clone() {
        Some(version) => Some((version, instant(row.code_of_conduct_accepted_at)?)),
        None => None,
    };
    let accepted_current = matches!(
        (&asks.code_of_conduct_version, &accepted_code_of_conduct),
        (Some(current), Some((accepted, _))) if current == accepted
    );
    let input = ProfileInput {
        name: row.display_name,
        headline: row.headline,
        bio: row.bio,
        country: row.country.unwrap_or_default(),
        region: row.region.unwrap_or_default(),
        employer: row.employer.unwrap_or_default(),
        links: links_as_typed(&row.links),
        areas: row.areas,
        languages: row
            .languages
            .split(',')
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        minimum_age: age_confirmed_at.is_some(),
        code_of_conduct: accepted_current,
    };
    Ok(ProfileView {
        person_id: row.id,
        input,
        photo_version: row.photo_version,
        minimum_age: asks.minimum_age,
        age_confirmed_at,
        code_of_conduct_version: asks.code_of_conduct_version,
        accepted_code_of_conduct,
    })
}

/// The stored links (`label<TAB>url` a line) as the form shows them (`label url`).
fn links_as_typed(stored: &str) -> String {
    stored
        .lines()
        .filter_map(|line| match line.split_once('\t') {
            Some(("", url)) => Some(url.to_owned()),
            Some((label, url)) => Some(format!("{label} {url}")),
            None if line.is_empty() => None,
            None => Some(line.to_owned()),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A stored link: its label (maybe empty) and its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// The links a profile stores, as (label, address) pairs.
pub fn stored_links(stored: &str) -> Vec<Link> {
    stored
        .lines()
        .filter_map(|line| {
            let (label, url) = line.split_once('\t').unwrap_or(("", line));
            (!url.is_empty()).then(|| Link { label: label.to_owned(), url: url.to_owned() })
        })
        .collect()
}

/// The profile's fields, checked, as they are stored.
struct Checked {
    name: DisplayName,
    headline: String,
    bio: String,
    country: Option<String>,
    region: Option<String>,
    employer: Option<String>,
    languages: String,
    links: String,
    area_ids: Vec<i64>,
}

/// One line of text: trimmed, at most `max` characters, no control characters.
fn line(fields: &mut Fields, field: &'static str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.chars().count() > max {
        fields.add(field, Msg::new("field-text-too-long").arg("max", max));
    } else if value.chars().any(char::is_control) {
        fields.add(field, Msg::new("field-line-control-character"));
    }
    value.to_owned()
}

fn optional(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

fn check(
    input: &ProfileInput,
    areas: &std::collections::HashMap<String, i64>,
) -> Result<Checked, OpError> {
    let mut fields = Fields::new();
    let name = fields.check("name", DisplayName::parse(&input.name).map_err(|e| parse_problem(&e)));
    let headline = line(&mut fields, "headline", &input.headline, HEADLINE_MAX);
    let bio = input.bio.replace("\r\n", "\n").trim().to_owned();
    if bio.chars().count() > BIO_MAX {
        fields.add("bio", Msg::new("field-text-too-long").arg("max", BIO_MAX));
    } else if bio.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        fields.add("bio", Msg::new("field-line-control-character"));
    }
    let country = input.country.trim().to_ascii_uppercase();
    if !country.is_empty() && !is_country_code(&country) {
        fields.add("country", Msg::new("field-country-unknown").arg("value", input.country.trim()));
    }
    let region = line(&mut fields, "region", &input.region, REGION_MAX);
    let employer = line(&mut fields, "employer", &input.employer, EMPLOYER_MAX);
    let languages = fields.check("languages", languages(&input.languages)).unwrap_or_default();
    let links = fields.check("links", links(&input.links)).unwrap_or_default();
    let mut area_ids = Vec::new();
    let mut seen = BTreeSet::new();
    for slug in input.areas.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        match areas.get(slug) {
            Some(&id) if seen.insert(id) => area_ids.push(id),
            Some(_) => {}
            None => {
                fields.add("areas", Msg::new("field-contribution-unknown-area").arg("value", slug))
            }
        }
    }
    fields.finish()?;
    let name = name.ok_or_else(|| OpError::internal("a checked name went missing"))?;
    Ok(Checked {
        name,
        headline,
        bio,
        country: optional(country),
        region: optional(region),
        employer: optional(employer),
        languages,
        links,
        area_ids,
    })
}

/// Every officially assigned ISO 3166-1 alpha-2 code, and `XK` (Kosovo), which the code's
/// users have agreed on while the standard has none.
const COUNTRY_CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
     BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
     CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ \
     EC EE EG EH ER ES ET FI FJ FK FM FO FR \
     GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU \
     ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ \
     LA LB LC LI LK LR LS LT LU LV LY \
     MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
     NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA \
     RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
     TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ \
     VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// Whether `code` (upper case) names a country.
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && COUNTRY_CODES.split(' ').any(|c| c == code)
}

/// Language codes as typed (`en, DE pt-br`), written the standard way (`en,de,pt-BR`):
/// a language of two or three letters, then optionally a script (`Hant`) and a region (`BR`,
/// `419`). Repeats are dropped.
fn languages(typed: &str) -> Result<String, Msg> {
    let mut out: Vec<String> = Vec::new();
    for code in typed.split([',', ';', ' ', '\n', '\r', '\t']).filter(|c| !c.is_empty()) {
        let tag = language_tag(code)
            .ok_or_else(|| Msg::new("field-language-code-invalid").arg("value", code))?;
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    if out.len() > LANGUAGES_MAX {
        return Err(Msg::new("field-languages-too-many").arg("max", LANGUAGES_MAX));
    }
    Ok(out.join(","))
}

fn language_tag(code: &str) -> Option<String> {
    let mut parts = code.split(['-', '_']);
    let language = parts
        .next()
        .filter(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic()))?;
    let mut tag = language.to_ascii_lowercase();
    let mut rest: Vec<&str> = parts.collect();
    if let Some(script) = rest.first().filter(|s| s.len() == 4) {
        if !script.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        tag.push('-');
        tag.push_str(&script[..1].to_ascii_uppercase());
        tag.push_str(&script[1..].to_ascii_lowercase());
        rest.remove(0);
    }
    match rest.as_slice() {
        [] => {}
        [region] if region.len() == 2 && region.bytes().all(|b| b.is_ascii_alphabetic()) => {
            tag.push('-');
            tag.push_str(&region.to_ascii_uppercase());
        }
        [region] if region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit()) => {
            tag.push('-');
            tag.push_str(region);
        }
        _ => return None,
    }
    Some(tag)
}

/// Links as typed, one a line with an optional label around the address, as stored:
/// `label<TAB>url` a line.
fn links(typed: &str) -> Result<String, Msg> {
    let lines: Vec<&str> = typed.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() > LINKS_MAX {
        return Err(Msg::new("field-links-too-many").arg("max", LINKS_MAX));
    }
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let bad = || Msg::new("field-links-invalid").arg("link", line);
        let words: Vec<&str> = line.split_whitespace().collect();
        let is_address = |w: &str| {
            let lower = w.to_ascii_lowercase();
            lower.starts_with("https://") || lower.starts_with("http://")
        };
        let url = words.iter().copied().find(|w| is_address(w)).ok_or_else(bad)?;
        CanonicalUrl::parse(url).map_err(|_| bad())?;
        let label = words.iter().filter(|w| **w != url).copied().collect::<Vec<_>>().join(" ");
        let label = label.trim_end_matches(':').trim();
        if label.chars().count() > LINK_LABEL_MAX {
            return Err(Msg::new("field-link-label-too-long").arg("max", LINK_LABEL_MAX));
        }
        if label.chars().chain(url.chars()).any(char::is_control) {
            return Err(bad());
        }
        out.push(format!("{label}\t{url}"));
    }
    Ok(out.join("\n"))
}

/// Saves the signed-in person's profile, and records what they confirm. The name they go by
/// is the one every page shows, the navigation included.
pub async fn save_profile(
    ctx: &Ctx,
    account: &AccountView,
    input: ProfileInput,
) -> Result<(), OpError> {
    let before = stored(ctx, account).await?;
    let asks = asks(ctx).await?;
    let areas = super::contributions::area_ids(ctx).await?;
    let checked = check(&input, &areas);
    // The confirmations are checked with the other fields, so every problem shows at once.
    let mut fields = Fields::new();
    let confirm_age = asks.minimum_age > 0 && before.age_confirmed_at.is_none();
    if confirm_age && !input.minimum_age {
        fields.add(
            "minimum_age",
            Msg::new("field-minimum-age-required").arg("age", asks.minimum_age),
        );
    }
    let new_code = asks
        .code_of_conduct_version
        .as_deref()
        .filter(|current| before.code_of_conduct_version.as_deref() != Some(*current));
    if new_code.is_some() && !input.code_of_conduct {
        fields.add("code_of_conduct", Msg::new("field-code-of-conduct-required"));
    }
    let checked = match (checked, fields.finish()) {
        (Ok(checked), Ok(())) => checked,
        (Err(mut e), Err(more)) => {
            e.fields.extend(more.fields);
            return Err(e);
        }
        (Err(e), Ok(())) | (Ok(_), Err(e)) => return Err(e),
    };

    let write = ProfileWrite {
        display_name: checked.name.as_str(),
        headline: &checked.headline,
        bio: &checked.bio,
        country: checked.country.as_deref(),
        region: checked.region.as_deref(),
        employer: checked.employer.as_deref(),
        languages: &checked.languages,
        links: &checked.links,
        area_ids: &checked.area_ids,
    };
    let changed = changed_fields(&before, &write, &checked.area_ids, &areas);
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if !people::save_profile(&mut tx, account.person_id, &write, now).await? {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    let age_now = (confirm_age && input.minimum_age).then_some(now);
    let code_now = new_code.filter(|_| input.code_of_conduct);
    if age_now.is_some() || code_now.is_some() {
        people::confirm(&mut tx, account.person_id, age_now, code_now, now).await?;
    }
    let mut detail = format!("fields={}", changed.join(","));
    if age_now.is_some() {
        detail.push_str(" minimum_age=confirmed");
    }
    if let Some(version) = code_now {
        detail.push_str(&format!(" code_of_conduct={version}"));
    }
    let subject = ("person", account.person_id);
    record(&mut tx, Some(account.account_id), AuditAction::ProfileUpdated, subject, &detail, now)
        .await?;
    if changed.contains(&"employer") {
        let employer = checked.employer.as_deref();
        super::awards::give_up_if_sponsor(ctx, &mut tx, account.person_id, employer, None, now)
            .await?;
    }
    super::directory::refresh(ctx, &mut tx, &[account.person_id], now).await?;
    tx.commit().await?;
    Ok(())
}

/// The names of the fields a save changes, for the audit log.
fn changed_fields(
    before: &people::Profile,
    after: &ProfileWrite<'_>,
    area_ids: &[i64],
    areas: &std::collections::HashMap<String, i64>,
) -> Vec<&'static str> {
    let before_areas: BTreeSet<i64> =
        before.areas.iter().filter_map(|slug| areas.get(slug).copied()).collect();
    let after_areas: BTreeSet<i64> = area_ids.iter().copied().collect();
    [
        ("name", before.display_name.as_str() != after.display_name),
        ("headline", before.headline.as_str() != after.headline),
        ("bio", before.bio.as_str() != after.bio),
        ("country", before.country.as_deref() != after.country),
        ("region", before.region.as_deref() != after.region),
        ("employer", before.employer.as_deref() != after.employer),
        ("links", before.links.as_str() != after.links),
        ("areas", before_areas != after_areas),
        ("languages", before.languages.as_str() != after.languages),
    ]
    .into_iter()
    .filter_map(|(field, changed)| changed.then_some(field))
    .collect()
}

/// The message for a photo the media check refused, in the catalogues as
/// `field-photo-<code without photo_>`.
pub fn photo_problem(problem: &PhotoProblem) -> Msg {
    match problem {
        PhotoProblem::Empty => Msg::new("field-photo-empty"),
        PhotoProblem::TooLarge { max_bytes } => Msg::new("field-photo-too-large")
            .arg("max", i64::try_from(max_bytes / (1024 * 1024)).unwrap_or(i64::MAX)),
        PhotoProblem::NotAnImage => Msg::new("field-photo-not-an-image"),
        PhotoProblem::UnsupportedFormat(format) => {
            Msg::new("field-photo-unsupported-format").arg("format", format.to_ascii_uppercase())
        }
        PhotoProblem::TooManyPixels { max_pixels } => Msg::new("field-photo-too-many-pixels")
            .arg("max", i64::try_from(max_pixels / 1_000_000).unwrap_or(i64::MAX)),
        PhotoProblem::TooSmall { min_side } => {
            Msg::new("field-photo-too-small").arg("min", i64::from(*min_side))
        }
        PhotoProblem::Corrupt => Msg::new("field-photo-corrupt"),
    }
}

/// Makes the upload the signed-in person's photo, in every size served, and returns the
/// photo's new version. A refused upload leaves the photo there was.
pub async fn set_photo(ctx: &Ctx, account: &AccountView, upload: Vec<u8>) -> Result<i64, OpError> {
    // Decoding and resizing take a while on a large photo: off the request threads.
    let photo = tokio::task::spawn_blocking(move || plaudit_media::process(&upload))
        .await
        .map_err(OpError::internal)?
        .map_err(|problem| invalid("photo", photo_problem(&problem)))?;
    let variants: Vec<PhotoWrite<'_>> = photo
        .variants
        .iter()
        .map(|v| PhotoWrite {
            size: i64::from(v.size),
            content_type: v.content_type,
            bytes: &v.bytes,
        })
        .collect();
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let version = people::replace_photo(&mut tx, account.person_id, &variants, now)
        .await?
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    let subject = ("person", account.person_id);
    let detail = format!("version={version}");
    record(&mut tx, Some(account.account_id), AuditAction::PhotoChanged, subject, &detail, now)
        .await?;
    super::directory::refresh(ctx, &mut tx, &[account.person_id], now).await?;
    tx.commit().await?;
    Ok(version)
}

/// One size of a person's photo; `not_found` for a size that is not served, or no photo.
pub async fn photo(ctx: &Ctx, person_id: i64, size: u32) -> Result<people::StoredPhoto, OpError> {
    if !plaudit_media::SIZES.contains(&size) {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    people::photo(&ctx.db, person_id, i64::from(size))
        .await?
        .ok_or(OpError::new(ErrorCode::NotFound))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn country_codes_are_the_assigned_ones() {
        assert_eq!(COUNTRY_CODES.split(' ').count(), 250);
        assert!(is_country_code("DE") && is_country_code("US") && is_country_code("XK"));
        assert!(!is_country_code("XX") && !is_country_code("de") && !is_country_code("DEU"));
    }

    #[test]
    fn language_codes_are_written_the_standard_way() {
        assert_eq!(
            languages("en, DE  pt-br;zh_hant_tw es-419").unwrap(),
            "en,de,pt-BR,zh-Hant-TW,es-419"
        );
        assert_eq!(languages("en, en").unwrap(), "en");
        assert_eq!(languages("").unwrap(), "");
        for bad in ["english", "e", "en-", "en-GBR", "12", "en-Latn-GB-x"] {
            assert!(languages(bad).is_err(), "{bad}");
        }
        let many = "aa ab ae af ak am an ar as av ay";
        assert_eq!(languages(many).unwrap_err().id, "field-languages-too-many");
    }

    #[test]
    fn links_keep_their_labels_and_refuse_what_is_no_web_address() {
        let typed = "Blog: https://blog.example.org/\nhttps://github.com/someone\n\n  \
                     GitHub   sponsors https://github.com/sponsors/x ";
        let stored = links(typed).unwrap();
        assert_eq!(
            stored,
            "Blog\thttps://blog.example.org/\n\thttps://github.com/someone\n\
             GitHub sponsors\thttps://github.com/sponsors/x"
        );
        assert_eq!(links_as_typed(&stored).lines().next(), Some("Blog https://blog.example.org/"));
        assert_eq!(
            stored_links(&stored)[1],
            Link { label: String::new(), url: "https://github.com/someone".into() }
        );
        for bad in [
            "javascript:alert(1)", "my blog", "ftp://files.example.org",
            "https://user:pw@example.org",
        ] {
            assert_eq!(links(bad).unwrap_err().id, "field-links-invalid", "{bad}");
        }
        let eleven = "https://example.org/a\n".repeat(LINKS_MAX + 1);
        assert_eq!(links(&eleven).unwrap_err().id, "field-links-too-many");
    }
}
