//! The public directory of awardees and alumni: what a visitor asked for, checked; a page of
//! cards with the facets to narrow it by and their counts; and keeping the directory in step
//! with the changes that move people in or out of it.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use plaudit_domain::directory::{Cursor, Facet, ListingStatus, search_terms};
use plaudit_store::Tx;
use plaudit_store::directory::{self, Entry, Filter, Page};

use super::error::{Fields, OpError};
use super::{Ctx, profile};
use crate::i18n::{Lang, Msg};

/// Cards per page: a grid of three or four across on a desktop, one column on a phone.
pub const PAGE_SIZE: i64 = 24;

/// The longest search a visitor may type.
const MAX_SEARCH_CHARS: usize = 200;

/// What a visitor asked the directory for, checked. Its parameters are the page's and the
/// API's alike, so a URL of either can be shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryQuery {
    /// The search as typed (shown back in the search box).
    pub search: String,
    pub filter: Filter,
    pub page: Page,
}

/// Who wrote a query string: the page's form, which sends every field (empty ones too) and
/// whatever a person typed around a value, or a program calling the API, which gets exactly
/// what its document promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryFrom {
    Form,
    Api,
}

impl DirectoryQuery {
    /// Reads the query string's pairs; unknown parameters are left alone (tracking tags),
    /// known ones with a value we would never write are refused with the field to fix.
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<DirectoryQuery, OpError> {
        DirectoryQuery::parse_from(pairs, QueryFrom::Form)
    }

    /// As [`DirectoryQuery::parse`]; from the API, a value is taken as sent (not trimmed) and
    /// an empty filter is refused rather than read as "any".
    pub fn parse_from<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        from: QueryFrom,
    ) -> Result<DirectoryQuery, OpError> {
        let mut fields = Fields::new();
        let mut search = String::new();
        let mut status = ListingStatus::Current;
        let mut facets = BTreeMap::new();
        let mut page = Page::First;
        let form = from == QueryFrom::Form;
        for (key, raw) in pairs {
            let value = if form { raw.trim() } else { raw };
            // An empty field from the form means "any"; the API has no reason to send one.
            let blank_is_any = form || key == "q";
            match key {
                "q" => {
                    if value.chars().count() > MAX_SEARCH_CHARS {
                        fields.add(
                            "q",
                            Msg::new("directory-search-too-long")
                                .arg("max", MAX_SEARCH_CHARS as i64),
                        );
                    } else {
                        search = value.to_owned();
                    }
                }
                "status" => match ListingStatus::parse(value) {
                    Some(s) => status = s,
                    None if value.is_empty() && blank_is_any => {}
                    None => fields
                        .add("status", Msg::new("directory-status-invalid").arg("value", value)),
                },
                "after" | "before" => match Cursor::parse(value) {
                    Some(cursor) if key == "after" => page = Page::After(cursor),
                    Some(cursor) => page = Page::Before(cursor),
                    None if value.is_empty() && blank_is_any => {}
                    None => fields.add(
                        if key == "after" { "after" } else { "before" },
                        Msg::new("directory-cursor-invalid"),
                    ),
                },
                _ => {
                    let Some(facet) = Facet::parse(key) else { continue };
                    if value.is_empty() && blank_is_any {
                        continue;
                    }
                    if facet.accepts(value) {
                        facets.insert(facet, value.to_owned());
                    } else {
                        fields.add(
                            facet.as_str(),
                            Msg::new("directory-filter-invalid").arg("value", value),
                        );
                    }
                }
            }
        }
        fields.finish()?;
        let terms = search_terms(&search);
        Ok(DirectoryQuery { search, filter: Filter { status, facets, terms }, page })
    }

    /// The query string of this query with `change` applied, without the page: a new filter
    /// starts from the first page.
    pub fn pairs_with(&self, change: Change<'_>) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.search.is_empty() && !matches!(change, Change::ClearSearch) {
            pairs.push(("q", self.search.clone()));
        }
        let status = match change {
            Change::Status(s) => s,
            _ => self.filter.status,
        };
        if status == ListingStatus::Alumni {
            pairs.push(("status", status.as_str().to_owned()));
        }
        let mut facets = self.filter.facets.clone();
        match change {
            Change::Set(facet, value) => {
                facets.insert(facet, value.to_owned());
            }
            Change::Clear(facet) => {
                facets.remove(&facet);
            }
            // Facet values differ between awardees and alumni (years, categories held).
            Change::Status(s) if s != self.filter.status => facets.clear(),
            _ => {}
        }
        for (facet, value) in facets {
            pairs.push((facet.as_str(), value));
        }
        pairs
    }
}

/// One step away from a query, as a link takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<'a> {
    None,
    Set(Facet, &'a str),
    Clear(Facet),
    Status(ListingStatus),
    ClearSearch,
}

/// A listed person as a card shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub slug: String,
    pub name: String,
    pub headline: String,
    /// The country in the reader's language, and its ISO 3166 code.
    pub country: Option<String>,
    pub country_code: Option<String>,
    pub photo: Option<String>,
    pub categories: Vec<String>,
    pub first_award_year: i64,
    pub award_count: i64,
}

/// A facet with the values the listed people have, and how many have each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetGroup {
    pub facet: Facet,
    pub options: Vec<FacetOption>,
    /// The value this query narrows by, if any.
    pub selected: Option<FacetOption>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetOption {
    pub value: String,
    pub label: String,
    pub count: i64,
}

/// A page of the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryPage {
    pub cards: Vec<Card>,
    /// How many people the query keeps, over all pages.
    pub total: i64,
    pub current_count: i64,
    pub alumni_count: i64,
    pub facets: Vec<FacetGroup>,
    pub previous: Option<Cursor>,
    pub next: Option<Cursor>,
}

/// The page `query` asks for, its words in `lang`.
pub async fn page(ctx: &Ctx, query: &DirectoryQuery, lang: Lang) -> Result<DirectoryPage, OpError> {
    let db = &ctx.db;
    let directory::Labels { categories, areas } = directory::labels(db).await?;
    let listed = listed(ctx, query, lang, &categories).await?;
    let total = directory::count(db, &query.filter).await?;
    let counts = directory::facet_counts(db, &query.filter).await?;
    let current_count = directory::status_count(db, ListingStatus::Current).await?;
    let alumni_count = directory::status_count(db, ListingStatus::Alumni).await?;
    let labels = Labels { categories: &categories, areas: areas.into_iter().collect(), lang };
    Ok(DirectoryPage {
        cards: listed.cards,
        total,
        current_count,
        alumni_count,
        facets: labels.groups(counts, &query.filter),
        previous: listed.previous,
        next: listed.next,
    })
}

/// A page of people without the facets' counts: the awardees' private directory, which
/// narrows by category only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainPage {
    pub cards: Vec<Card>,
    pub total: i64,
    /// Every category, as (slug, name), in the program's order.
    pub categories: Vec<(String, String)>,
    pub previous: Option<Cursor>,
    pub next: Option<Cursor>,
}

pub async fn plain_page(
    ctx: &Ctx,
    query: &DirectoryQuery,
    lang: Lang,
) -> Result<PlainPage, OpError> {
    let categories = directory::labels(&ctx.db).await?.categories;
    let listed = listed(ctx, query, lang, &categories).await?;
    Ok(PlainPage {
        cards: listed.cards,
        total: directory::count(&ctx.db, &query.filter).await?,
        categories: categories.into_iter().map(|c| (c.slug, c.name)).collect(),
        previous: listed.previous,
        next: listed.next,
    })
}

/// The cards of the page `query` asks for, with the cursors either side.
struct Listed {
    cards: Vec<Card>,
    previous: Option<Cursor>,
    next: Option<Cursor>,
}

async fn listed(
    ctx: &Ctx,
    query: &DirectoryQuery,
    lang: Lang,
    categories: &[directory::CategoryLabel],
) -> Result<Listed, OpError> {
    let listing = directory::listing(&ctx.db, &query.filter, &query.page, PAGE_SIZE).await?;
    let category_names: HashMap<i64, &str> =
        categories.iter().map(|c| (c.id, c.name.as_str())).collect();
    let (first, last) = (listing.entries.first(), listing.entries.last());
    let (previous, next) = match &query.page {
        Page::First => (None, listing.more.then(|| last.map(Entry::cursor)).flatten()),
        Page::After(_) => {
            (first.map(Entry::cursor), listing.more.then(|| last.map(Entry::cursor)).flatten())
        }
        Page::Before(_) => {
            (listing.more.then(|| first.map(Entry::cursor)).flatten(), last.map(Entry::cursor))
        }
    };
    let cards = listing
        .entries
        .into_iter()
        .map(|e| Card {
            categories: e
                .category_ids()
                .filter_map(|id| category_names.get(&id).map(|n| n.to_string()))
                .collect(),
            photo: e.photo_version.map(|v| profile::photo_path(e.person_id, 160, v)),
            country: e.country.as_deref().map(|c| lang.country_name(c)),
            country_code: e.country,
            slug: e.slug,
            name: e.display_name,
            headline: e.headline,
            first_award_year: e.first_award_year,
            award_count: e.award_count,
        })
        .collect();
    Ok(Listed { cards, previous, next })
}

struct Labels<'a> {
    categories: &'a [directory::CategoryLabel],
    areas: HashMap<String, String>,
    lang: Lang,
}

impl Labels<'_> {
    fn label(&self, facet: Facet, value: &str) -> String {
        match facet {
            Facet::Category => {
                self.categories.iter().find(|c| c.slug == value).map(|c| c.name.clone())
            }
            Facet::Area => self.areas.get(value).cloned(),
            Facet::Country => Some(self.lang.country_name(value)),
            Facet::Language => Some(self.lang.language_name(value)),
            Facet::Year => Some(value.to_owned()),
            Facet::Speaking => Some(self.lang.t("directory-speaking-yes")),
        }
        .unwrap_or_else(|| value.to_owned())
    }

    /// The facets in a fixed order, each's values ordered as a reader looks for them: categories
    /// as the program orders them, years newest first, the rest by name.
    fn groups(&self, counts: Vec<(Facet, String, i64)>, filter: &Filter) -> Vec<FacetGroup> {
        let mut by_facet: BTreeMap<Facet, Vec<FacetOption>> = BTreeMap::new();
        for (facet, value, count) in counts {
            let label = self.label(facet, &value);
            by_facet.entry(facet).or_default().push(FacetOption { value, label, count });
        }
        Facet::ALL
            .into_iter()
            .filter_map(|facet| {
                let mut options = by_facet.remove(&facet).unwrap_or_default();
                match facet {
                    Facet::Category => options.sort_by_key(|o| {
                        self.categories.iter().position(|c| c.slug == o.value).unwrap_or(usize::MAX)
                    }),
                    Facet::Year => options.sort_by(|a, b| b.value.cmp(&a.value)),
                    _ => options.sort_by(|a, b| a.label.cmp(&b.label)),
                }
                let selected = filter.facets.get(&facet).map(|value| {
                    options.iter().find(|o| &o.value == value).cloned().unwrap_or(FacetOption {
                        value: value.clone(),
                        label: self.label(facet, value),
                        count: 0,
                    })
                });
                (!options.is_empty() || selected.is_some()).then_some(FacetGroup {
                    facet,
                    options,
                    selected,
                })
            })
            .collect()
    }
}

/// Rewrites the directory rows of `person_ids` in the caller's transaction: every operation
/// that changes what the directory shows of someone (profile, photo, awards) calls it.
pub(crate) async fn refresh(
    ctx: &Ctx,
    tx: &mut Tx,
    person_ids: &[i64],
    now: Timestamp,
) -> Result<(), OpError> {
    let today = ctx.time_zone().await?.local_date(now);
    directory::refresh_people(tx, person_ids, today, now).await?;
    Ok(())
}

/// Marks public pages stale when `person_id` is listed: their profile shows what changed (a
/// contribution). Changes of people nobody lists leave the cache alone.
pub(crate) async fn touched(tx: &mut Tx, person_id: i64, now: Timestamp) -> Result<(), OpError> {
    directory::touch(tx, person_id, now).await?;
    Ok(())
}

/// Rebuilds the whole directory (the daily job, and after the demo is written); returns how
/// many people it lists.
pub async fn rebuild(ctx: &Ctx) -> Result<usize, OpError> {
    let now = ctx.now();
    let today = ctx.time_zone().await?.local_date(now);
    let mut tx = ctx.db.begin_write().await?;
    let listed = directory::rebuild(&mut tx, today, now).await?;
    tx.commit().await?;
    Ok(listed)
}

/// Brings the directory to the program's day when the day turned since it was written
/// (`written_for`, as the public version says): true when this call did it.
pub async fn turn_day(ctx: &Ctx, written_for: &str) -> Result<bool, OpError> {
    let now = ctx.now();
    let today = ctx.time_zone().await?.local_date(now);
    if written_for >= today.to_string().as_str() {
        return Ok(false);
    }
    let mut tx = ctx.db.begin_write().await?;
    let turned = directory::turn_day(&mut tx, written_for, today, now).await?;
    tx.commit().await?;
    Ok(turned.is_some())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<DirectoryQuery, OpError> {
        DirectoryQuery::parse(pairs.iter().copied())
    }

    #[test]
    fn a_query_string_is_read_into_a_checked_query() {
        let q = parse(&[
            ("q", " Ann Müller "),
            ("category", "data-ai"),
            ("utm_source", "x"),
            ("year", ""),
        ])
        .unwrap();
        assert_eq!(q.search, "Ann Müller");
        assert_eq!(q.filter.terms, ["ann", "muller"]);
        assert_eq!(q.filter.facets.get(&Facet::Category).map(String::as_str), Some("data-ai"));
        assert_eq!(q.filter.facets.len(), 1);
        assert_eq!(q.filter.status, ListingStatus::Current);
        assert_eq!(q.page, Page::First);
        let q = parse(&[("status", "alumni"), ("after", "7:ann muller")]).unwrap();
        assert_eq!(q.filter.status, ListingStatus::Alumni);
        assert_eq!(q.page, Page::After(Cursor { sort_key: "ann muller".into(), person_id: 7 }));
    }

    #[test]
    fn values_we_never_write_are_refused_by_field() {
        let err =
            parse(&[("country", "Germany"), ("after", "nonsense"), ("status", "all")]).unwrap_err();
        let fields: Vec<&str> = err.fields.keys().copied().collect();
        assert_eq!(fields, ["after", "country", "status"]);
        assert!(parse(&[("q", &"x".repeat(201))]).is_err());
    }

    #[test]
    fn links_change_one_thing_and_start_again_from_the_first_page() {
        let q = parse(&[("q", "rust"), ("country", "DE"), ("after", "7:ann")]).unwrap();
        assert_eq!(
            q.pairs_with(Change::Set(Facet::Year, "2024")),
            [("q", "rust".to_owned()), ("country", "DE".to_owned()), ("year", "2024".to_owned())]
        );
        assert_eq!(q.pairs_with(Change::Clear(Facet::Country)), [("q", "rust".to_owned())]);
        assert_eq!(
            q.pairs_with(Change::Status(ListingStatus::Alumni)),
            [("q", "rust".to_owned()), ("status", "alumni".to_owned())]
        );
        assert_eq!(q.pairs_with(Change::ClearSearch), [("country", "DE".to_owned())]);
    }
}
