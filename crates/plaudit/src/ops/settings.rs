//! The program's settings as an admin keeps them: its name and sponsor, who may be nominated
//! and endorse, how the committee reviews, the renewal date and reminders, the time zone and
//! the language of readers who chose none; and the code of conduct, published version by
//! version.
//!
//! Every field is checked before anything is written, and all problems come back at once; a
//! refusal changes nothing. A save writes one audit entry naming the fields that changed.

use std::ops::RangeInclusive;

use plaudit_domain::cycle::{ProgramTimeZone, RenewalDate};
use plaudit_domain::kinds::ScoreAggregation;
use plaudit_store::program::{self, CodeOfConduct, ProgramPreferences, ProgramSettings};
use plaudit_store::timestamp::from_micros;

use super::Ctx;
use super::audit::{AuditAction, record};
use super::error::{ErrorCode, Fields, OpError, invalid};
use crate::i18n::{Lang, Msg};

pub const NAME_MAX: usize = 100;
pub const TAGLINE_MAX: usize = 300;
pub const SPONSOR_NAME_MAX: usize = 100;
/// How many e-mail domains a sponsor may have.
pub const SPONSOR_DOMAINS_MAX: usize = 50;
/// Eligibility keeps the minimum age in a byte; no program asks for a century.
pub const MINIMUM_AGE: RangeInclusive<i64> = 0..=99;
pub const REVIEW_QUORUM: RangeInclusive<i64> = 1..=50;
/// How many renewal reminders may go out, and how many days ahead each may be.
pub const REMINDERS_MAX: usize = 10;
pub const REMINDER_DAYS: RangeInclusive<i64> = 1..=365;
pub const CODE_VERSION_MAX: usize = 40;
pub const CODE_BODY_MAX: usize = 50_000;

/// The settings form as typed (or as stored, in the form's shape).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsInput {
    pub name: String,
    pub tagline: String,
    pub sponsor_name: String,
    /// One domain a line.
    pub sponsor_domains: String,
    pub minimum_age: String,
    pub self_nomination_allowed: bool,
    pub member_endorsements_allowed: bool,
    pub multiple_categories_allowed: bool,
    pub blind_review: bool,
    /// `median` or `mean`.
    pub score_aggregation: String,
    pub review_quorum: String,
    pub reviewer_regions_enabled: bool,
    /// 1 to 12.
    pub renewal_month: String,
    pub renewal_day: String,
    /// An IANA name, such as `Europe/Berlin`.
    pub time_zone: String,
    /// A language code; empty for the server's `default_language`.
    pub default_language: String,
    pub share_rationale: bool,
    /// Day counts separated by commas: `60, 30, 7`.
    pub renewal_reminder_days: String,
}

/// Everything the settings page shows of what is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSettings {
    pub input: SettingsInput,
    /// The code of conduct people accept now.
    pub code_of_conduct_version: Option<String>,
    /// False before the program is set up: saving the form sets it up.
    pub set_up: bool,
}

/// What is stored, checked and written the way the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Checked {
    settings: ProgramSettings,
    preferences: ProgramPreferences,
    /// Lower case, sorted, without repeats.
    sponsor_domains: Vec<String>,
}

/// The settings in the form's shape; the defaults of a new program before it is set up.
pub async fn stored(ctx: &Ctx) -> Result<StoredSettings, OpError> {
    let settings = program::settings(&ctx.db).await?;
    let set_up = settings.is_some();
    let settings = settings.unwrap_or_else(new_program);
    let preferences = program::preferences(&ctx.db).await?.unwrap_or_default();
    let domains = program::sponsor_domains(&ctx.db).await?;
    let code_of_conduct_version = settings.code_of_conduct_version.clone();
    let checked = Checked { settings, preferences, sponsor_domains: domains };
    Ok(StoredSettings { input: as_typed(&checked), code_of_conduct_version, set_up })
}

/// A program's settings before anyone saved them: the schema's defaults.
fn new_program() -> ProgramSettings {
    ProgramSettings {
        name: String::new(),
        tagline: String::new(),
        sponsor_name: String::new(),
        minimum_age: 18,
        code_of_conduct_version: None,
        self_nomination_allowed: false,
        member_endorsements_allowed: false,
        multiple_categories_allowed: true,
        blind_review: false,
        score_aggregation: ScoreAggregation::Median.as_str().to_owned(),
        review_quorum: 3,
        reviewer_regions_enabled: false,
        renewal_month: 7,
        renewal_day: 1,
        time_zone: "UTC".to_owned(),
    }
}

fn as_typed(c: &Checked) -> SettingsInput {
    let s = &c.settings;
    SettingsInput {
        name: s.name.clone(),
        tagline: s.tagline.clone(),
        sponsor_name: s.sponsor_name.clone(),
        sponsor_domains: c.sponsor_domains.join("\n"),
        minimum_age: s.minimum_age.to_string(),
        self_nomination_allowed: s.self_nomination_allowed,
        member_endorsements_allowed: s.member_endorsements_allowed,
        multiple_categories_allowed: s.multiple_categories_allowed,
        blind_review: s.blind_review,
        score_aggregation: s.score_aggregation.clone(),
        review_quorum: s.review_quorum.to_string(),
        reviewer_regions_enabled: s.reviewer_regions_enabled,
        renewal_month: s.renewal_month.to_string(),
        renewal_day: s.renewal_day.to_string(),
        time_zone: s.time_zone.clone(),
        default_language: c.preferences.default_language.clone().unwrap_or_default(),
        share_rationale: c.preferences.share_rationale,
        renewal_reminder_days: c.preferences.renewal_reminder_days.replace(',', ", "),
    }
}

/// Saves the settings and returns the names of the fields that changed (none: nothing was
/// written). `actor` is the admin's account.
pub async fn save(
    ctx: &Ctx,
    actor: i64,
    input: &SettingsInput,
) -> Result<Vec<&'static str>, OpError> {
    let before = program::settings(&ctx.db).await?;
    let code_of_conduct_version = before.as_ref().and_then(|s| s.code_of_conduct_version.clone());
    let wanted = check(input, code_of_conduct_version)?;
    let old = match before {
        Some(settings) => Some(Checked {
            settings,
            preferences: program::preferences(&ctx.db).await?.unwrap_or_default(),
            sponsor_domains: program::sponsor_domains(&ctx.db).await?,
        }),
        None => None,
    };
    let changed = match &old {
        Some(old) => changes(old, &wanted),
        // Setting the program up: every field is new.
        None => FIELDS.to_vec(),
    };
    if changed.is_empty() {
        return Ok(changed);
    }
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    program::save_settings(&mut tx, &wanted.settings, now).await?;
    program::save_preferences(&mut tx, &wanted.preferences).await?;
    if old.as_ref().is_none_or(|o| o.sponsor_domains != wanted.sponsor_domains) {
        program::replace_sponsor_domains(&mut tx, &wanted.sponsor_domains).await?;
    }
    let detail = format!("fields={}", changed.join(","));
    record(&mut tx, Some(actor), AuditAction::SettingsChanged, ("program", 1), &detail, now)
        .await?;
    // Public pages show the program's name, categories, rubrics and cycles.
    plaudit_store::public::changed(&mut tx, ctx.now()).await?;
    tx.commit().await?;
    Ok(changed)
}

/// The fields of the form, in its order, as the audit entry names them.
pub const FIELDS: &[&str] = &[
    "name", "tagline", "sponsor_name", "sponsor_domains", "minimum_age", "self_nomination_allowed",
    "member_endorsements_allowed", "multiple_categories_allowed", "blind_review",
    "score_aggregation", "review_quorum", "reviewer_regions_enabled", "renewal_date", "time_zone",
    "default_language", "share_rationale", "renewal_reminder_days",
];

fn changes(old: &Checked, new: &Checked) -> Vec<&'static str> {
    let (a, b) = (&old.settings, &new.settings);
    let (p, q) = (&old.preferences, &new.preferences);
    let differs = [
        a.name != b.name,
        a.tagline != b.tagline,
        a.sponsor_name != b.sponsor_name,
        old.sponsor_domains != new.sponsor_domains,
        a.minimum_age != b.minimum_age,
        a.self_nomination_allowed != b.self_nomination_allowed,
        a.member_endorsements_allowed != b.member_endorsements_allowed,
        a.multiple_categories_allowed != b.multiple_categories_allowed,
        a.blind_review != b.blind_review,
        a.score_aggregation != b.score_aggregation,
        a.review_quorum != b.review_quorum,
        a.reviewer_regions_enabled != b.reviewer_regions_enabled,
        (a.renewal_month, a.renewal_day) != (b.renewal_month, b.renewal_day),
        a.time_zone != b.time_zone,
        p.default_language != q.default_language,
        p.share_rationale != q.share_rationale,
        p.renewal_reminder_days != q.renewal_reminder_days,
    ];
    FIELDS.iter().zip(differs).filter(|(_, d)| *d).map(|(f, _)| *f).collect()
}

/// One line of text: trimmed, at most `max` characters, no control characters; `required`
/// refuses an empty one.
pub(super) fn line(
    fields: &mut Fields,
    field: &'static str,
    value: &str,
    max: usize,
    required: bool,
) -> String {
    let value = value.trim();
    if required && value.is_empty() {
        fields.add(field, Msg::new("field-settings-required"));
    } else if value.chars().count() > max {
        fields.add(field, Msg::new("field-text-too-long").arg("max", max));
    } else if value.chars().any(char::is_control) {
        fields.add(field, Msg::new("field-line-control-character"));
    }
    value.to_owned()
}

/// A whole number within `range`.
fn number(typed: &str, range: &RangeInclusive<i64>) -> Result<i64, Msg> {
    let out_of_range = || {
        Msg::new("field-settings-number-range").arg("min", *range.start()).arg("max", *range.end())
    };
    let n: i64 = typed.trim().parse().map_err(|_| out_of_range())?;
    if range.contains(&n) { Ok(n) } else { Err(out_of_range()) }
}

fn check(
    input: &SettingsInput,
    code_of_conduct_version: Option<String>,
) -> Result<Checked, OpError> {
    let mut fields = Fields::new();
    let name = line(&mut fields, "name", &input.name, NAME_MAX, true);
    let tagline = line(&mut fields, "tagline", &input.tagline, TAGLINE_MAX, false);
    let sponsor_name =
        line(&mut fields, "sponsor_name", &input.sponsor_name, SPONSOR_NAME_MAX, true);
    let sponsor_domains = fields
        .check("sponsor_domains", sponsor_domains(&input.sponsor_domains))
        .unwrap_or_default();
    let minimum_age = fields.check("minimum_age", number(&input.minimum_age, &MINIMUM_AGE));
    let score_aggregation = fields.check(
        "score_aggregation",
        input
            .score_aggregation
            .trim()
            .parse::<ScoreAggregation>()
            .map_err(|_| Msg::new("field-settings-aggregation-unknown")),
    );
    let review_quorum = fields.check("review_quorum", number(&input.review_quorum, &REVIEW_QUORUM));
    let renewal = renewal_date(&mut fields, &input.renewal_month, &input.renewal_day);
    let time_zone = fields.check("time_zone", time_zone(&input.time_zone));
    let default_language = match input.default_language.trim() {
        "" => None,
        code => fields
            .check(
                "default_language",
                Lang::ALL
                    .iter()
                    .find(|l| l.code() == code)
                    .map(|l| l.code().to_owned())
                    .ok_or_else(|| Msg::new("field-language-unknown")),
            )
            .map(Some)
            .unwrap_or_default(),
    };
    let reminders =
        fields.check("renewal_reminder_days", reminder_days(&input.renewal_reminder_days));
    fields.finish()?;
    let missing = || OpError::internal("a checked setting went missing");
    let renewal = renewal.ok_or_else(missing)?;
    Ok(Checked {
        settings: ProgramSettings {
            name,
            tagline,
            sponsor_name,
            minimum_age: minimum_age.ok_or_else(missing)?,
            code_of_conduct_version,
            self_nomination_allowed: input.self_nomination_allowed,
            member_endorsements_allowed: input.member_endorsements_allowed,
            multiple_categories_allowed: input.multiple_categories_allowed,
            blind_review: input.blind_review,
            score_aggregation: score_aggregation.ok_or_else(missing)?.as_str().to_owned(),
            review_quorum: review_quorum.ok_or_else(missing)?,
            reviewer_regions_enabled: input.reviewer_regions_enabled,
            renewal_month: i64::from(renewal.month),
            renewal_day: i64::from(renewal.day),
            time_zone: time_zone.ok_or_else(missing)?,
        },
        preferences: ProgramPreferences {
            share_rationale: input.share_rationale,
            renewal_reminder_days: reminders.ok_or_else(missing)?,
            default_language,
        },
        sponsor_domains,
    })
}

/// The renewal date from its month and day, each problem under its own field.
fn renewal_date(fields: &mut Fields, month: &str, day: &str) -> Option<RenewalDate> {
    let month = fields.check("renewal_month", number(month, &(1..=12)));
    let day = fields.check("renewal_day", number(day, &(1..=31)));
    let (month, day) = (i8::try_from(month?).ok()?, i8::try_from(day?).ok()?);
    match RenewalDate::new(month, day) {
        Ok(date) => Some(date),
        Err(_) => {
            fields.add("renewal_day", Msg::new("field-settings-renewal-date"));
            None
        }
    }
}

/// The time zone's IANA name as the time zone database writes it (`europe/berlin` is
/// `Europe/Berlin`).
fn time_zone(typed: &str) -> Result<String, Msg> {
    let typed = typed.trim();
    let unknown = || Msg::new("field-settings-time-zone-unknown").arg("value", typed);
    if typed.is_empty() {
        return Err(unknown());
    }
    let zone = ProgramTimeZone::get(typed).map_err(|_| unknown())?;
    Ok(zone.name().unwrap_or(typed).to_owned())
}

/// The sponsor's domains, one a line (`@` before one and a dot after it are dropped), in lower
/// case, sorted, each once.
fn sponsor_domains(typed: &str) -> Result<Vec<String>, Msg> {
    let mut out = Vec::new();
    for line in typed.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let domain = line.trim_start_matches('@').trim_end_matches('.').to_lowercase();
        if !is_domain(&domain) {
            return Err(Msg::new("field-settings-domain-invalid").arg("value", line));
        }
        out.push(domain);
    }
    out.sort();
    out.dedup();
    if out.len() > SPONSOR_DOMAINS_MAX {
        return Err(Msg::new("field-settings-domains-too-many").arg("max", SPONSOR_DOMAINS_MAX));
    }
    Ok(out)
}

/// A domain name with at least two labels: letters (any script, as e-mail domains may have),
/// digits and inner hyphens, at most 63 characters a label and 253 in all.
fn is_domain(domain: &str) -> bool {
    domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// Reminder day counts as typed (`60, 30 7`), stored descending without repeats: `60,30,7`.
/// None typed means no reminders.
fn reminder_days(typed: &str) -> Result<String, Msg> {
    let mut days = Vec::new();
    for part in typed.split([',', ';', ' ', '\t', '\n', '\r']).filter(|p| !p.is_empty()) {
        let day =
            part.parse::<i64>().ok().filter(|d| REMINDER_DAYS.contains(d)).ok_or_else(|| {
                Msg::new("field-settings-reminder-day")
                    .arg("value", part)
                    .arg("min", *REMINDER_DAYS.start())
                    .arg("max", *REMINDER_DAYS.end())
            })?;
        days.push(day);
    }
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    if days.len() > REMINDERS_MAX {
        return Err(Msg::new("field-settings-reminders-too-many").arg("max", REMINDERS_MAX));
    }
    Ok(days.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
}

/// The language the program set for readers who chose none, if it set one. A database the
/// upgrade has not reached has no such setting (the read fails): then none.
pub async fn default_language(ctx: &Ctx) -> Option<Lang> {
    match program::default_language(&ctx.db).await {
        Ok(code) => code.as_deref().and_then(Lang::parse),
        Err(e) => {
            tracing::debug!(error = %e, "no program language");
            None
        }
    }
}

/// A new version of the code of conduct, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeOfConductInput {
    pub version: String,
    /// Markdown.
    pub body: String,
}

/// A published code of conduct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedCode {
    pub version: String,
    pub body: String,
    pub published_at: jiff::Timestamp,
    /// The one people accept now.
    pub current: bool,
}

/// Every published code of conduct, the newest first.
pub async fn codes_of_conduct(ctx: &Ctx) -> Result<Vec<PublishedCode>, OpError> {
    let current = program::settings(&ctx.db).await?.and_then(|s| s.code_of_conduct_version);
    program::codes_of_conduct(&ctx.db)
        .await?
        .into_iter()
        .map(|CodeOfConduct { version, body, published_at, .. }| {
            Ok(PublishedCode {
                current: current.as_deref() == Some(version.as_str()),
                published_at: from_micros(published_at)?,
                version,
                body,
            })
        })
        .collect()
}

/// Publishes a new version of the code of conduct: people accept it from now on (their
/// profile asks them again). Returns the version as stored.
pub async fn publish_code_of_conduct(
    ctx: &Ctx,
    actor: i64,
    input: &CodeOfConductInput,
) -> Result<String, OpError> {
    let mut fields = Fields::new();
    let version = line(&mut fields, "version", &input.version, CODE_VERSION_MAX, true);
    let body = input.body.replace("\r\n", "\n").trim().to_owned();
    if body.is_empty() {
        fields.add("body", Msg::new("field-settings-required"));
    } else if body.chars().count() > CODE_BODY_MAX {
        fields.add("body", Msg::new("field-text-too-long").arg("max", CODE_BODY_MAX));
    }
    fields.finish()?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if program::code_of_conduct_exists(&mut tx, &version).await? {
        return Err(invalid(
            "version",
            Msg::new("field-settings-code-version-taken").arg("version", version.as_str()),
        ));
    }
    if !program::publish_code_of_conduct(&mut tx, &version, &body, now).await? {
        return Err(OpError::new(ErrorCode::NotSetUp));
    }
    let detail = format!("version={version}");
    record(&mut tx, Some(actor), AuditAction::CodeOfConductPublished, ("program", 1), &detail, now)
        .await?;
    // Public pages show the program's name, categories, rubrics and cycles.
    plaudit_store::public::changed(&mut tx, ctx.now()).await?;
    tx.commit().await?;
    Ok(version)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn sponsor_domains_are_read_one_a_line_in_lower_case_each_once() {
        let typed = "Northwind.example\n\n  @nwcloud.example.\nnorthwind.example\nbücher.de";
        assert_eq!(
            sponsor_domains(typed).unwrap(),
            ["bücher.de", "northwind.example", "nwcloud.example"]
        );
        for bad in ["localhost", "a..b", "-a.example", "a.example-", "has space.example", "x@y.z"] {
            let problem = sponsor_domains(bad).unwrap_err();
            assert_eq!(problem.id, "field-settings-domain-invalid", "{bad}");
        }
        assert_eq!(sponsor_domains("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn reminder_days_are_stored_descending_without_repeats() {
        assert_eq!(reminder_days("7, 60 30,7").unwrap(), "60,30,7");
        assert_eq!(reminder_days("").unwrap(), "");
        assert_eq!(reminder_days("0").unwrap_err().id, "field-settings-reminder-day");
        assert_eq!(reminder_days("366").unwrap_err().id, "field-settings-reminder-day");
        assert_eq!(reminder_days("soon").unwrap_err().id, "field-settings-reminder-day");
        let eleven = (1..=11).map(|d| d.to_string()).collect::<Vec<_>>().join(",");
        assert_eq!(reminder_days(&eleven).unwrap_err().id, "field-settings-reminders-too-many");
    }

    #[test]
    fn a_time_zone_is_stored_as_the_database_writes_its_name() {
        assert_eq!(time_zone("Europe/Berlin").unwrap(), "Europe/Berlin");
        assert_eq!(time_zone(" UTC ").unwrap(), "UTC");
        assert!(time_zone("Mars/Olympus_Mons").is_err());
        assert!(time_zone("").is_err());
    }

    #[test]
    fn the_renewal_date_must_exist_every_year() {
        let mut fields = Fields::new();
        assert!(renewal_date(&mut fields, "2", "29").is_none());
        assert!(renewal_date(&mut fields, "13", "1").is_none());
        let error = fields.finish().unwrap_err();
        assert_eq!(error.fields["renewal_day"].id, "field-settings-renewal-date");
        assert_eq!(error.fields["renewal_month"].id, "field-settings-number-range");
        let mut fields = Fields::new();
        assert_eq!(renewal_date(&mut fields, "7", "1"), Some(RenewalDate { month: 7, day: 1 }));
    }

    #[test]
    fn only_the_fields_that_differ_are_named() {
        let input = SettingsInput {
            name: "Champions".into(),
            sponsor_name: "Northwind".into(),
            minimum_age: "18".into(),
            score_aggregation: "median".into(),
            review_quorum: "3".into(),
            renewal_month: "7".into(),
            renewal_day: "1".into(),
            time_zone: "UTC".into(),
            renewal_reminder_days: "60,30,7".into(),
            ..SettingsInput::default()
        };
        let old = check(&input, None).unwrap();
        assert!(changes(&old, &old).is_empty());
        let new = check(
            &SettingsInput { time_zone: "Asia/Tokyo".into(), renewal_day: "2".into(), ..input },
            None,
        )
        .unwrap();
        assert_eq!(changes(&old, &new), ["renewal_date", "time_zone"]);
        assert_eq!(as_typed(&new).time_zone, "Asia/Tokyo");
    }
}
