//! An awardee's public profile: only what they made public, for anyone. People the directory
//! does not list (candidates, members, awardees whose term has not started) have none.

use std::collections::HashMap;

use jiff::ToSpan;
use jiff::civil::Date;
use plaudit_domain::directory::ListingStatus;
use plaudit_domain::kinds::ContributionType;
use plaudit_store::{awards, contributions, directory, people, program};

use super::Ctx;
use super::error::{ErrorCode, OpError};
use super::profile::{Link, photo_path, stored_links};
use crate::i18n::Lang;

/// How many of the newest public contributions a profile lists.
pub const LISTED_CONTRIBUTIONS: i64 = 120;

/// The months the activity chart covers, ending with this one.
pub const CHART_MONTHS: i64 = 24;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicProfile {
    pub person_id: i64,
    pub slug: String,
    pub name: String,
    pub headline: String,
    /// The bio rendered from Markdown and sanitised.
    pub bio_html: String,
    /// The bio as plain words, for the page's description.
    pub bio_text: String,
    pub photo: Option<String>,
    /// The country in the reader's language, and its ISO 3166 code.
    pub country: Option<String>,
    pub country_code: Option<String>,
    pub languages: Vec<String>,
    pub links: Vec<Link>,
    pub areas: Vec<String>,
    pub status: ListingStatus,
    pub first_award_year: i64,
    pub award_count: i64,
    pub awards: Vec<AwardLine>,
    pub featured: Vec<ContributionLine>,
    pub years: Vec<YearGroup>,
    /// Public contributions per month over the last [`CHART_MONTHS`], oldest first.
    pub months: Vec<(Date, i64)>,
    /// What a current awardee who takes speaking requests said about them.
    pub speaking: Option<plaudit_store::speaking::SpeakingProfile>,
    /// The AMA they host, or hosted last.
    pub ama: Option<ProfileAma>,
}

/// An awardee's AMA as their profile shows it: where, how many answers, the newest of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileAma {
    pub slug: String,
    pub title: String,
    pub open: bool,
    pub answered: i64,
    /// The newest answered questions, as (id, title).
    pub latest: Vec<(i64, String)>,
}

/// Answered questions a profile names.
const PROFILE_ANSWERS: i64 = 3;

async fn profile_ama(ctx: &Ctx, person_id: i64) -> Result<Option<ProfileAma>, OpError> {
    use plaudit_store::ama;
    let Some(found) = ama::of_host(&ctx.db, person_id).await? else { return Ok(None) };
    let list = ama::QuestionList {
        ama_id: found.id,
        state: plaudit_domain::AmaQuestionState::Answered.as_str(),
        order: ama::QuestionOrder::Answered,
        tag: None,
        after: None,
    };
    let latest = ama::questions(&ctx.db, &list, PROFILE_ANSWERS).await?;
    let answered = ama::state_counts(&ctx.db, found.id)
        .await?
        .into_iter()
        .find(|(state, _)| state == "answered")
        .map_or(0, |(_, n)| n);
    Ok(Some(ProfileAma {
        open: found.status == "open",
        latest: latest.into_iter().map(|q| (q.id, q.title)).collect(),
        answered,
        slug: found.slug,
        title: found.title,
    }))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardLine {
    pub category: String,
    pub award_year: i64,
    pub starts_on: Date,
    pub ends_on: Date,
    pub ended_early_on: Option<Date>,
    pub held: bool,
    /// "1 July 2025 – 30 June 2026", ending early where it did.
    pub term: String,
    pub credential_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionLine {
    pub title: String,
    pub kind: String,
    pub date: Date,
    /// The date in the reader's words.
    pub date_text: String,
    pub url: Option<String>,
}

/// A year of public contributions: how many in all, and the newest of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearGroup {
    pub year: String,
    pub count: i64,
    pub items: Vec<ContributionLine>,
}

impl YearGroup {
    pub fn more(&self) -> i64 {
        self.count - self.items.len() as i64
    }
}

/// The public profile at `/people/{slug}`; not found for anyone the directory does not list.
pub async fn by_slug(ctx: &Ctx, slug: &str, lang: Lang) -> Result<PublicProfile, OpError> {
    let db = &ctx.db;
    let not_found = || OpError::new(ErrorCode::NotFound);
    // No slug holds a control character; PostgreSQL would refuse a NUL in the query.
    if slug.chars().any(char::is_control) {
        return Err(not_found());
    }
    let (entry, status) = directory::by_slug(db, slug).await?.ok_or_else(not_found)?;
    let person = people::profile(db, entry.person_id).await?.ok_or_else(not_found)?;
    let today = ctx.today().await?;
    let featured_count = program::featured_contributions(db).await?;
    let chart_start = today.first_of_month().saturating_sub((CHART_MONTHS - 1).months());
    let activity = contributions::public_of_person(
        db, entry.person_id, LISTED_CONTRIBUTIONS, featured_count, chart_start,
    )
    .await?;
    let history = awards::history_of(db, entry.person_id, today).await?;
    let speaking = match status {
        ListingStatus::Current => plaudit_store::speaking::profile(db, entry.person_id)
            .await?
            .filter(|p| p.accepts_requests),
        ListingStatus::Alumni => None,
    };
    let areas = directory::labels(db).await?.areas;
    let area_names: HashMap<String, String> = areas.into_iter().collect();

    let line = |c: &contributions::PublicContribution| -> Option<ContributionLine> {
        let date: Date = c.started_on.parse().ok()?;
        Some(ContributionLine {
            title: c.title.clone(),
            kind: c
                .contribution_type
                .parse::<ContributionType>()
                .map(|t| lang.t(&format!("contribution-type-{}", t.as_str())))
                .unwrap_or_else(|_| c.contribution_type.clone()),
            date,
            date_text: lang.date(date),
            url: c.url.clone(),
        })
    };
    let mut years: Vec<YearGroup> = activity
        .years
        .iter()
        .map(|(year, count)| YearGroup { year: year.clone(), count: *count, items: Vec::new() })
        .collect();
    for contribution in &activity.recent {
        let Some(item) = line(contribution) else { continue };
        if let Some(group) = years.iter_mut().find(|g| contribution.started_on.starts_with(&g.year))
        {
            group.items.push(item);
        }
    }
    let counts: HashMap<&str, i64> =
        activity.months.iter().map(|(m, n)| (m.as_str(), *n)).collect();
    let months = (0..CHART_MONTHS)
        .map(|i| {
            let month = chart_start.saturating_add(i.months());
            let key = format!("{:04}-{:02}", month.year(), month.month());
            (month, counts.get(key.as_str()).copied().unwrap_or(0))
        })
        .collect();
    let awards = history
        .into_iter()
        .filter_map(|a| {
            let starts_on: Date = a.starts_on.parse().ok()?;
            let ends_on: Date = a.ends_on.parse().ok()?;
            let ended_early_on: Option<Date> =
                a.ended_early_on.as_deref().and_then(|d| d.parse().ok());
            let span = plaudit_domain::directory::AwardSpan { starts_on, ends_on, ended_early_on };
            Some(AwardLine {
                category: a.category_name,
                award_year: a.award_year,
                starts_on,
                ends_on,
                ended_early_on,
                held: span.held_on(today),
                term: format!(
                    "{} – {}",
                    lang.date(starts_on),
                    lang.date(ended_early_on.unwrap_or(ends_on))
                ),
                credential_id: a.credential_id,
            })
        })
        .collect();
    Ok(PublicProfile {
        ama: profile_ama(ctx, entry.person_id).await?,
        speaking,
        person_id: entry.person_id,
        slug: entry.slug,
        name: person.display_name,
        headline: person.headline,
        bio_html: crate::markdown::render(&person.bio),
        bio_text: plain_words(&person.bio, 300),
        photo: person.photo_version.map(|v| photo_path(entry.person_id, 400, v)),
        country: person.country.as_deref().filter(|c| !c.is_empty()).map(|c| lang.country_name(c)),
        country_code: person.country.clone().filter(|c| !c.is_empty()),
        languages: person
            .languages
            .split(',')
            .filter(|l| !l.is_empty())
            .map(|l| lang.language_name(l))
            .collect(),
        links: stored_links(&person.links),
        areas: person
            .areas
            .iter()
            .map(|slug| area_names.get(slug).cloned().unwrap_or_else(|| slug.clone()))
            .collect(),
        status,
        first_award_year: entry.first_award_year,
        award_count: entry.award_count,
        awards,
        featured: activity.featured.iter().filter_map(line).collect(),
        years,
        months,
    })
}

/// Markdown reduced to its words, cut at a word boundary near `max` characters: for a page's
/// description, where markup means nothing.
fn plain_words(markdown: &str, max: usize) -> String {
    let words: Vec<&str> = markdown
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, '#' | '*' | '_' | '`' | '>' | '[' | ']')))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = String::new();
    for word in words {
        if out.chars().count() + word.chars().count() + 1 > max {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain_words;

    #[test]
    fn a_description_is_the_bio_in_plain_words() {
        assert_eq!(plain_words("# Hi\n\n**Rust** and _Go_", 100), "Hi Rust and Go");
        assert_eq!(plain_words("one two three", 8), "one two…");
    }
}
