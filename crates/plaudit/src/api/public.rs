//! The public half of /api/v1: the directory, profiles, awards, categories, rubrics and
//! credentials, for anyone and without a token. Each answer is built by the same operations
//! as its page, so it shows exactly what the page shows and nothing a page keeps private, and
//! is served through the same cache of public answers (ETag, 304, compressed once).

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, RawQuery, State};
use axum::response::Response;
use plaudit_badges::Verification;
use plaudit_domain::directory::Cursor;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ApiError;
use super::openapi::ErrorBody;
use crate::ops::badges::{self as credentials, Checked};
use crate::ops::directory::{self, DirectoryQuery, FacetOption, QueryFrom};
use crate::ops::people::{self, ContributionLine};
use crate::ops::{ErrorCode, OpError, rubrics};
use crate::state::AppState;
use crate::web::PageError;
use crate::web::layout::PageCtx;
use crate::web::public_cache::CacheRequest;

const JSON: &str = "application/json";

/// Serves a public answer through the public cache, its errors as the API's JSON.
async fn cached<F, Fut, T>(
    state: &AppState,
    page: &PageCtx,
    request: &CacheRequest,
    answer: F,
) -> Result<Response, ApiError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<T, OpError>>,
    T: Serialize,
{
    let render = || async {
        let value = answer().await.map_err(PageError)?;
        serde_json::to_string(&value).map_err(|e| PageError(OpError::internal(e)))
    };
    state
        .public_pages
        .respond(state, page, request, JSON, render)
        .await
        .map_err(|PageError(e)| e.into())
}

/// A path parameter that is not of its type: the client's mistake, answered as one.
pub(super) fn malformed_path(rejection: PathRejection) -> ApiError {
    tracing::info!(problem = %rejection.body_text(), "malformed API path");
    ApiError::from(OpError::new(ErrorCode::MalformedRequest))
}

pub(super) fn malformed_query(rejection: QueryRejection) -> ApiError {
    tracing::info!(problem = %rejection.body_text(), "malformed API query");
    ApiError::from(OpError::new(ErrorCode::MalformedRequest))
}

/// The directory's filters, as the page takes them; every value is one the page's links use.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Read from the raw query by `DirectoryQuery`; this type documents it.
pub struct DirectoryParams {
    /// Words to find in names, headlines and bios; each matches the start of a word, accents
    /// and case aside.
    #[param(max_length = 200)]
    q: Option<String>,
    /// Current awardees (the default) or alumni.
    #[param(inline)]
    status: Option<ListingStatusParam>,
    /// A category's slug, as `/api/v1/categories` lists them.
    #[param(pattern = "^[a-z0-9-]{1,80}$", min_length = 1, max_length = 80)]
    category: Option<String>,
    /// A technology area's slug.
    #[param(pattern = "^[a-z0-9-]{1,80}$", min_length = 1, max_length = 80)]
    area: Option<String>,
    /// An ISO 3166-1 alpha-2 country code, upper case.
    #[param(pattern = "^[A-Z]{2}$", min_length = 2, max_length = 2)]
    country: Option<String>,
    /// A language tag (BCP 47), such as `de` or `pt-BR`.
    #[param(pattern = "^[A-Za-z0-9-]{2,16}$", min_length = 2, max_length = 16)]
    language: Option<String>,
    /// Only people who take speaking requests.
    #[param(inline)]
    speaking: Option<SpeakingParam>,
    /// An award year: people who held an award of that year.
    #[param(pattern = "^[0-9]{4}$", min_length = 4, max_length = 4)]
    year: Option<String>,
    /// The page after this position: the `next` of the page before.
    #[param(pattern = "^[1-9][0-9]{0,17}:[\\s\\S]{0,400}$", min_length = 2, max_length = 419)]
    after: Option<String>,
    /// The page before this position: the `previous` of the page after.
    #[param(pattern = "^[1-9][0-9]{0,17}:[\\s\\S]{0,400}$", min_length = 2, max_length = 419)]
    before: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum ListingStatusParam {
    Current,
    Alumni,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum SpeakingParam {
    Yes,
}

/// A page of the directory.
#[derive(Debug, Serialize, ToSchema)]
pub struct DirectoryAnswer {
    people: Vec<PersonCard>,
    /// How many people the query finds over all pages.
    total: i64,
    /// How many current awardees and alumni are listed in all.
    current_count: i64,
    alumni_count: i64,
    /// What to narrow the query by, with how many people each value keeps.
    facets: Vec<FacetAnswer>,
    /// Pass as `after` for the next page; null on the last.
    next: Option<String>,
    /// Pass as `before` for the page before; null on the first.
    previous: Option<String>,
}

/// A listed person, as a directory card shows them.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonCard {
    slug: String,
    name: String,
    headline: String,
    /// ISO 3166-1 alpha-2.
    country_code: Option<String>,
    /// The country's name in the language asked for.
    country: Option<String>,
    photo_url: Option<String>,
    /// The names of the categories of the awards they hold (or held, for alumni).
    categories: Vec<String>,
    first_award_year: i64,
    award_count: i64,
    profile_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FacetAnswer {
    /// The query parameter that narrows by it: `category`, `area`, `country`, `language`,
    /// `year` or `speaking`.
    facet: String,
    options: Vec<FacetValue>,
    /// The value this query narrows by, if any.
    selected: Option<FacetValue>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FacetValue {
    value: String,
    label: String,
    count: i64,
}

impl From<&FacetOption> for FacetValue {
    fn from(o: &FacetOption) -> FacetValue {
        FacetValue { value: o.value.clone(), label: o.label.clone(), count: o.count }
    }
}

/// The directory of awardees and alumni, with the filters, search and pages of `/people`.
#[utoipa::path(
    get, path = "/api/v1/people", tag = "public", operation_id = "directory",
    params(DirectoryParams),
    responses(
        (status = 200, description = "A page of listed people", body = DirectoryAnswer),
        (status = 304, description = "Not modified since the ETag given in If-None-Match"),
        (status = 401, description = "A token was sent and is not valid", body = ErrorBody),
        (status = 422, description = "A filter has a value the directory never takes; `fields` names it", body = ErrorBody),
    )
)]
pub async fn directory(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|_| OpError::new(ErrorCode::MalformedRequest))?;
    let query = DirectoryQuery::parse_from(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        QueryFrom::Api,
    )?;
    let lang = page.lang;
    cached(&state, &page, &request, || async {
        let found = directory::page(&state.ctx, &query, lang).await?;
        Ok(DirectoryAnswer {
            people: found
                .cards
                .into_iter()
                .map(|c| PersonCard {
                    profile_url: state.ctx.link(&format!("/people/{}", c.slug)),
                    photo_url: c.photo.map(|p| state.ctx.link(&p)),
                    slug: c.slug,
                    name: c.name,
                    headline: c.headline,
                    country_code: c.country_code,
                    country: c.country,
                    categories: c.categories,
                    first_award_year: c.first_award_year,
                    award_count: c.award_count,
                })
                .collect(),
            total: found.total,
            current_count: found.current_count,
            alumni_count: found.alumni_count,
            facets: found
                .facets
                .iter()
                .map(|g| FacetAnswer {
                    facet: g.facet.as_str().to_owned(),
                    options: g.options.iter().map(FacetValue::from).collect(),
                    selected: g.selected.as_ref().map(FacetValue::from),
                })
                .collect(),
            next: found.next.as_ref().map(Cursor::encode),
            previous: found.previous.as_ref().map(Cursor::encode),
        })
    })
    .await
}

/// An awardee's public profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProfileAnswer {
    slug: String,
    name: String,
    headline: String,
    /// The bio, rendered from Markdown and sanitised.
    bio_html: String,
    photo_url: Option<String>,
    country_code: Option<String>,
    country: Option<String>,
    /// The languages they speak, named in the language asked for.
    languages: Vec<String>,
    links: Vec<LinkAnswer>,
    /// Their technology areas, by name.
    areas: Vec<String>,
    status: StatusAnswer,
    first_award_year: i64,
    award_count: i64,
    awards: Vec<AwardAnswer>,
    /// The contributions they marked as high impact.
    featured: Vec<ContributionAnswer>,
    /// Public contributions by year, newest first: how many, and the newest of them.
    years: Vec<YearAnswer>,
    /// Public contributions per month over the last two years, oldest first.
    activity: Vec<MonthAnswer>,
    /// The AMA they host, or hosted last.
    ama: Option<ProfileAmaAnswer>,
    profile_url: String,
}

/// An awardee's AMA, as their profile names it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProfileAmaAnswer {
    title: String,
    /// Whether it takes questions now.
    open: bool,
    /// How many questions it answered.
    answered: i64,
    url: String,
    /// Its questions and answers in this API.
    questions_url: String,
}

/// `current` while they hold an award, `alumni` after.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusAnswer {
    Current,
    Alumni,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkAnswer {
    label: String,
    url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AwardAnswer {
    category: String,
    award_year: i64,
    #[schema(format = Date)]
    starts_on: String,
    #[schema(format = Date)]
    ends_on: String,
    /// Set when the award ended before its term.
    #[schema(format = Date)]
    ended_early_on: Option<String>,
    /// Whether it is held today.
    held: bool,
    /// The Open Badges 3.0 credential's verification page.
    credential_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContributionAnswer {
    title: String,
    /// The contribution's type, in the language asked for.
    kind: String,
    #[schema(format = Date)]
    date: String,
    url: Option<String>,
}

impl From<ContributionLine> for ContributionAnswer {
    fn from(c: ContributionLine) -> ContributionAnswer {
        ContributionAnswer { title: c.title, kind: c.kind, date: c.date.to_string(), url: c.url }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct YearAnswer {
    year: String,
    count: i64,
    contributions: Vec<ContributionAnswer>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MonthAnswer {
    /// `YYYY-MM`.
    month: String,
    count: i64,
}

/// The path parameter naming a listed person.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct SlugParam {
    /// The person's slug, as the directory lists it.
    slug: String,
}

/// One awardee's public profile: only what they made public.
#[utoipa::path(
    get, path = "/api/v1/people/{slug}", tag = "public", operation_id = "profile",
    params(SlugParam),
    responses(
        (status = 200, description = "The profile", body = ProfileAnswer),
        (status = 304, description = "Not modified since the ETag given in If-None-Match"),
        (status = 401, description = "A token was sent and is not valid", body = ErrorBody),
        (status = 404, description = "Nobody listed has this slug", body = ErrorBody),
    )
)]
pub async fn profile(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
    Path(SlugParam { slug }): Path<SlugParam>,
) -> Result<Response, ApiError> {
    let lang = page.lang;
    cached(&state, &page, &request, || async {
        let p = people::by_slug(&state.ctx, &slug, lang).await?;
        let ctx = &state.ctx;
        Ok(ProfileAnswer {
            ama: p.ama.map(|a| ProfileAmaAnswer {
                url: ctx.link(&crate::ops::ama::ama_path(&a.slug)),
                questions_url: ctx.link(&format!("/api/v1/amas/{}/questions", a.slug)),
                title: a.title,
                open: a.open,
                answered: a.answered,
            }),
            profile_url: ctx.link(&format!("/people/{}", p.slug)),
            slug: p.slug,
            name: p.name,
            headline: p.headline,
            bio_html: p.bio_html,
            photo_url: p.photo.map(|path| ctx.link(&path)),
            country_code: p.country_code,
            country: p.country,
            languages: p.languages,
            links: p.links.into_iter().map(|l| LinkAnswer { label: l.label, url: l.url }).collect(),
            areas: p.areas,
            status: match p.status {
                plaudit_domain::directory::ListingStatus::Current => StatusAnswer::Current,
                plaudit_domain::directory::ListingStatus::Alumni => StatusAnswer::Alumni,
            },
            first_award_year: p.first_award_year,
            award_count: p.award_count,
            awards: p
                .awards
                .into_iter()
                .map(|a| AwardAnswer {
                    category: a.category,
                    award_year: a.award_year,
                    starts_on: a.starts_on.to_string(),
                    ends_on: a.ends_on.to_string(),
                    ended_early_on: a.ended_early_on.map(|d| d.to_string()),
                    held: a.held,
                    credential_url: ctx.link(&credentials::credential_path(&a.credential_id)),
                })
                .collect(),
            featured: p.featured.into_iter().map(ContributionAnswer::from).collect(),
            years: p
                .years
                .into_iter()
                .map(|y| YearAnswer {
                    year: y.year,
                    count: y.count,
                    contributions: y.items.into_iter().map(ContributionAnswer::from).collect(),
                })
                .collect(),
            activity: p
                .months
                .into_iter()
                .map(|(m, count)| MonthAnswer {
                    month: format!("{:04}-{:02}", m.year(), m.month()),
                    count,
                })
                .collect(),
        })
    })
    .await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AwardsParams {
    /// The page after this position: the `next` of the page before.
    #[param(
        pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}_[1-9][0-9]{0,17}$",
        min_length = 12,
        max_length = 29
    )]
    after: Option<String>,
    /// How many awards a page holds (50 unless asked).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

/// A page of awards, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AwardsAnswer {
    awards: Vec<AnnouncedAnswer>,
    /// Pass as `after` for the next page; null on the last.
    next: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AnnouncedAnswer {
    person_slug: String,
    person_name: String,
    headline: String,
    category: String,
    award_year: i64,
    #[schema(format = Date)]
    starts_on: String,
    credential_url: String,
    profile_url: String,
}

/// Reads an awards cursor, `YYYY-MM-DD_id`.
fn awards_cursor(text: &str) -> Option<(String, i64)> {
    let (date, id) = text.split_once('_')?;
    let date_shaped = date.len() == 10
        && date
            .bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    let id_shaped = !id.is_empty()
        && id.len() <= 18
        && !id.starts_with('0')
        && id.bytes().all(|b| b.is_ascii_digit());
    (date_shaped && id_shaped).then(|| Some((date.to_owned(), id.parse().ok()?))).flatten()
}

/// Awards given, newest first: who, in which category, for which year. Revoked awards and
/// awards whose term has not started are not listed.
#[utoipa::path(
    get, path = "/api/v1/awards", tag = "public", operation_id = "awards",
    params(AwardsParams),
    responses(
        (status = 200, description = "A page of awards", body = AwardsAnswer),
        (status = 304, description = "Not modified since the ETag given in If-None-Match"),
        (status = 400, description = "`limit` is not a number", body = ErrorBody),
        (status = 401, description = "A token was sent and is not valid", body = ErrorBody),
        (status = 422, description = "`after` or `limit` is out of range; `fields` names it", body = ErrorBody),
    )
)]
pub async fn awards(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
    params: Result<Query<AwardsParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(malformed_query)?;
    let mut fields = crate::ops::error::Fields::new();
    let limit = params.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        fields.add("limit", crate::i18n::Msg::new("api-limit-out-of-range").arg("max", 200_i64));
    }
    let after = match params.after.as_deref() {
        None => None,
        Some(text) => {
            let cursor = awards_cursor(text);
            if cursor.is_none() {
                fields.add("after", crate::i18n::Msg::new("directory-cursor-invalid"));
            }
            cursor
        }
    };
    fields.finish()?;
    cached(&state, &page, &request, || async {
        let ctx = &state.ctx;
        let today = ctx.today().await?;
        let rows = match &after {
            None => plaudit_store::awards::newest(&ctx.db, today, limit + 1).await?,
            Some((date, id)) => {
                plaudit_store::awards::newest_after(&ctx.db, today, (date, *id), limit + 1).await?
            }
        };
        let more = rows.len() as i64 > limit;
        let rows: Vec<_> = rows.into_iter().take(limit as usize).collect();
        let next = more.then(|| rows.last().map(|r| format!("{}_{}", r.starts_on, r.id))).flatten();
        Ok(AwardsAnswer {
            awards: rows
                .into_iter()
                .map(|a| AnnouncedAnswer {
                    credential_url: ctx.link(&credentials::credential_path(&a.credential_id)),
                    profile_url: ctx.link(&format!("/people/{}", a.person_slug)),
                    person_slug: a.person_slug,
                    person_name: a.display_name,
                    headline: a.headline,
                    category: a.category_name,
                    award_year: a.award_year,
                    starts_on: a.starts_on,
                })
                .collect(),
            next,
        })
    })
    .await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryAnswer {
    slug: String,
    name: String,
    /// The published rubric's page, and its JSON.
    rubric_url: String,
    rubric_api_url: String,
}

/// The program's active categories, in the program's order.
#[utoipa::path(
    get, path = "/api/v1/categories", tag = "public", operation_id = "categories",
    responses(
        (status = 200, description = "The categories", body = Vec<CategoryAnswer>),
        (status = 304, description = "Not modified since the ETag given in If-None-Match"),
        (status = 401, description = "A token was sent and is not valid", body = ErrorBody),
    )
)]
pub async fn categories(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
) -> Result<Response, ApiError> {
    cached(&state, &page, &request, || async {
        let ctx = &state.ctx;
        let list = plaudit_store::program::categories(&ctx.db).await?;
        Ok(list
            .into_iter()
            .map(|c| CategoryAnswer {
                rubric_url: ctx.link(&format!("/rubrics/{}", c.slug)),
                rubric_api_url: ctx.link(&format!("/api/v1/rubrics/{}", c.slug)),
                slug: c.slug,
                name: c.name,
            })
            .collect::<Vec<_>>())
    })
    .await
}

/// A published rubric: what a candidate's contributions are weighed against.
#[derive(Debug, Serialize, ToSchema)]
pub struct RubricAnswer {
    category: String,
    category_slug: String,
    /// The version shown, and the newest published one.
    version: i64,
    current_version: i64,
    #[schema(format = Date)]
    published_on: Option<String>,
    /// What changed in this version, in the admin's words.
    note: String,
    /// Points a candidate needs.
    threshold: u32,
    types: Vec<TypeRuleAnswer>,
    consistency: ConsistencyAnswer,
    earlier_versions: Vec<VersionAnswer>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TypeRuleAnswer {
    /// The contribution type's code, as contributions name it.
    #[serde(rename = "type")]
    contribution_type: String,
    base_points: u32,
    /// The most points the type earns in a period.
    cap: u32,
    /// The reach figure the tiers read.
    reach_metric: Option<String>,
    tiers: Vec<TierAnswer>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TierAnswer {
    min_reach: u64,
    bonus: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsistencyAnswer {
    points_per_active_month: u32,
    cap: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionAnswer {
    version: i64,
    #[schema(format = Date)]
    published_on: String,
    note: String,
}

async fn rubric_answer(
    state: &AppState,
    slug: &str,
    version: Option<i64>,
) -> Result<RubricAnswer, OpError> {
    let public = rubrics::public(&state.ctx, slug, version).await?;
    let rubric = &public.shown.rubric;
    Ok(RubricAnswer {
        category: public.category.clone(),
        category_slug: public.slug.clone(),
        version: public.shown.version,
        current_version: public.current,
        published_on: public.published_on.map(|d| d.to_string()),
        note: public.note.clone(),
        threshold: rubric.threshold,
        types: rubric
            .types
            .iter()
            .map(|t| TypeRuleAnswer {
                contribution_type: t.contribution_type.as_str().to_owned(),
                base_points: t.base_points,
                cap: t.cap,
                reach_metric: t.reach_metric.map(|m| m.as_str().to_owned()),
                tiers: t
                    .reach_tiers
                    .iter()
                    .map(|tier| TierAnswer { min_reach: tier.min_reach, bonus: tier.bonus })
                    .collect(),
            })
            .collect(),
        consistency: ConsistencyAnswer {
            points_per_active_month: rubric.consistency.points_per_active_month,
            cap: rubric.consistency.cap,
        },
        earlier_versions: public
            .earlier
            .iter()
            .map(|v| VersionAnswer {
                version: v.version,
                published_on: v.published_on.to_string(),
                note: v.note.clone(),
            })
            .collect(),
    })
}

/// A category's rubric as published now.
#[utoipa::path(
    get, path = "/api/v1/rubrics/{slug}", tag = "public", operation_id = "rubric",
    params(("slug" = String, Path, description = "The category's slug")),
    responses(
        (status = 200, description = "The newest published version", body = RubricAnswer),
        (status = 304, description = "Not modified since the ETag given in If-None-Match"),
        (status = 401, description = "A token was sent and is not valid", body = ErrorBody),
        (status = 404, description = "No active category has this slug, or it has no published rubric", body = ErrorBody),
    )
)]
pub async fn rubric(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    cached(&state, &page, &request, || rubric_answer(&state, &slug, None)).await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct RubricVersionParams {
    /// The category's slug.
    slug: String,
    /// A published version's number.
    #[param(minimum = 1)]
    version: i64,
}

/// One published version of a category's rubric: the rules a past decision was made by.
#[utoipa::path(
    get, path = "/api/v1/rubrics/{slug}/versions/{version}", tag = "public",
    operation_id = "rubric_version",
    params(RubricVersionParams),
    responses(
        (status = 200, description = "That version", body = RubricAnswer),
        (status = 304, description = "Not modified since the ETag given in If-None-Match"),
        (status = 400, description = "`version` is not a whole number", body = ErrorBody),
        (status = 401, description = "A token was sent and is not valid", body = ErrorBody),
        (status = 404, description = "No such category or version", body = ErrorBody),
    )
)]
pub async fn rubric_version(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
    path: Result<Path<RubricVersionParams>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(RubricVersionParams { slug, version }) = path.map_err(malformed_path)?;
    cached(&state, &page, &request, || rubric_answer(&state, &slug, Some(version))).await
}

/// A credential and what checking it found.
#[derive(Debug, Serialize, ToSchema)]
pub struct CredentialAnswer {
    /// The signed Open Badges 3.0 credential (a W3C Verifiable Credential), as
    /// `/credentials/{id}/credential.json` serves it.
    #[schema(value_type = Object)]
    credential: serde_json::Value,
    verification: VerificationAnswer,
    recipient_name: String,
    recipient_url: String,
    category: String,
    award_year: i64,
    verification_url: String,
    badge_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VerificationAnswer {
    valid: bool,
    /// Why not, when not: `malformed`, `unknown_key`, `bad_signature`, `not_yet_valid`,
    /// `expired`, `revoked` or `status_list_invalid`.
    problem: Option<String>,
    /// The verdict in the language asked for.
    message: String,
}

/// An award's credential, checked now: signature, dates and the revocation list.
#[utoipa::path(
    get, path = "/api/v1/credentials/{id}", tag = "public", operation_id = "credential",
    params(("id" = String, Path, description = "The credential's public id, as award answers link it")),
    responses(
        (status = 200, description = "The credential and its verification", body = CredentialAnswer),
        (status = 304, description = "Not modified since the ETag given in If-None-Match"),
        (status = 401, description = "A token was sent and is not valid", body = ErrorBody),
        (status = 404, description = "No award has this credential id", body = ErrorBody),
    )
)]
pub async fn credential(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let lang = page.lang;
    cached(&state, &page, &request, || async {
        let ctx = &state.ctx;
        let Checked { award, credential, outcome } = credentials::check(ctx, &id).await?;
        let verification = match &outcome {
            Verification::Valid { recipient_name, achievement_name, valid_until, .. } => {
                let tz = ctx.time_zone().await?;
                let last = valid_until
                    .checked_sub(jiff::SignedDuration::from_secs(1))
                    .unwrap_or(*valid_until);
                VerificationAnswer {
                    valid: true,
                    problem: None,
                    message: lang.msg(
                        &crate::i18n::Msg::new("credential-valid")
                            .arg("recipient", recipient_name.clone())
                            .arg("achievement", achievement_name.clone())
                            .arg("until", lang.date(tz.local_date(last))),
                    ),
                }
            }
            Verification::Invalid(problem) => {
                let id = credentials::problem_message_id(problem);
                VerificationAnswer {
                    valid: false,
                    problem: Some(id.trim_start_matches("credential-problem-").replace('-', "_")),
                    message: lang.t(id),
                }
            }
        };
        let path = credentials::credential_path(&award.credential_id);
        Ok(CredentialAnswer {
            credential,
            verification,
            recipient_url: ctx.link(&format!("/people/{}", award.person_slug)),
            recipient_name: award.display_name,
            category: award.category_name,
            award_year: award.award_year,
            verification_url: ctx.link(&path),
            badge_url: ctx.link(&format!("{path}/badge.svg")),
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::awards_cursor;

    #[test]
    fn an_awards_cursor_is_a_date_and_an_id() {
        assert_eq!(awards_cursor("2025-07-01_42"), Some(("2025-07-01".to_owned(), 42)));
        for bad in
            ["", "2025-07-01", "2025-07-01_", "2025-07-01_0", "2025-7-01_4", "x_1", "2025-07-01_1a"]
        {
            assert_eq!(awards_cursor(bad), None, "{bad}");
        }
    }
}
