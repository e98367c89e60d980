//! The candidate's journey under /api/v1: nominating, one's own contributions, one's standing.
//! The same operations the pages call; field names match the pages' forms and the CSV columns.

use std::collections::BTreeMap;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use plaudit_domain::contribution::ContributionFields;
use plaudit_store::contributions::ContributionRow;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::openapi::vocabulary;

use super::ApiError;
use crate::auth::CurrentUser;
use crate::i18n::{Lang, Msg};
use crate::ops::candidacies;
use crate::ops::contribution_files::{self, Exported};
use crate::ops::contributions;
use crate::ops::error::Fields;
use crate::ops::nominations::{self, NominateInput};
use crate::ops::standing;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct NominationBody {
    /// The category's slug.
    #[serde(default)]
    #[schema(required = true)]
    category: String,
    /// The nominee's name.
    #[serde(default)]
    #[schema(required = true)]
    name: String,
    /// The nominee's e-mail address: the invitation goes there.
    #[serde(default)]
    #[schema(required = true)]
    email: String,
    /// Where their work can be seen.
    #[serde(default)]
    links: Vec<String>,
    /// Why they deserve the award.
    #[serde(default)]
    #[schema(required = true)]
    reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NominationCreated {
    candidacy_id: i64,
    /// True when the nominee was nominated already and this nomination joined theirs.
    merged: bool,
}

#[utoipa::path(
    post, path = "/api/v1/nominations", tag = "me", operation_id = "nominate",
    security(("token" = [])), request_body = NominationBody,
    responses(
        (status = 201, description = "Nominated: the nominee is invited", body = NominationCreated),
        (status = 400, description = "The body is not JSON of this shape", body = crate::api::openapi::ErrorBody),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
        (status = 403, description = "The token may only read, or the program takes no nominations of oneself", body = crate::api::openapi::ErrorBody),
        (status = 409, description = "Nominations are closed, or this nomination was made already, or the nominee holds the award or is in another category", body = crate::api::openapi::ErrorBody),
        (status = 413, description = "The body is too large", body = crate::api::openapi::ErrorBody),
        (status = 422, description = "A field is wrong (`fields` says which), or the nominee works for the sponsor", body = crate::api::openapi::ErrorBody),
    )
)]
/// POST /api/v1/nominations
pub async fn nominate(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Extension(lang): Extension<Lang>,
    body: Result<Json<NominationBody>, JsonRejection>,
) -> Result<(StatusCode, Json<NominationCreated>), ApiError> {
    let Json(body) = body?;
    let input = NominateInput {
        category: body.category,
        name: body.name,
        email: body.email,
        links: body.links.join("\n"),
        reason: body.reason,
    };
    let done = nominations::nominate(&state.ctx, &user.account, input, lang).await?;
    Ok((
        StatusCode::CREATED,
        Json(NominationCreated { candidacy_id: done.candidacy_id, merged: done.merged }),
    ))
}

/// A contribution as the API reads it: the form's fields, with reach figures as numbers.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ContributionBody {
    #[serde(default, rename = "type")]
    #[schema(required = true, schema_with = vocabulary::contribution_type)]
    contribution_type: String,
    #[serde(default)]
    #[schema(required = true)]
    title: String,
    #[serde(default)]
    description: String,
    /// Seen by the person and reviewers only, never in public.
    #[serde(default)]
    private_note: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(required = true, format = Date)]
    started_on: String,
    /// `YYYY-MM-DD`, for work that spans days.
    #[serde(default)]
    #[schema(format = Date)]
    ended_on: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    primary_area: Option<String>,
    /// Other technology areas' slugs.
    #[serde(default)]
    areas: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = vocabulary::audiences)]
    audiences: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = vocabulary::contribution_role)]
    role: String,
    /// Who sees it: `public` (the default), `program_only` or `private`.
    #[serde(default)]
    #[schema(schema_with = vocabulary::visibility)]
    visibility: String,
    #[serde(default)]
    high_impact: bool,
    /// Figures by metric name (`views`, `attendees`, …); numbers or numeric strings.
    #[serde(default)]
    #[schema(schema_with = vocabulary::reach_input)]
    reach: BTreeMap<String, serde_json::Value>,
}

impl ContributionBody {
    /// The form's fields; a reach figure under a name no metric has is refused, so a typo
    /// never drops a figure silently.
    fn into_fields(self) -> Result<ContributionFields, ApiError> {
        let mut fields = ContributionFields {
            contribution_type: self.contribution_type,
            title: self.title,
            description: self.description,
            private_note: self.private_note,
            started_on: self.started_on,
            ended_on: self.ended_on.unwrap_or_default(),
            url: self.url.unwrap_or_default(),
            primary_area: self.primary_area.unwrap_or_default(),
            areas: self.areas,
            audiences: self.audiences,
            person_role: self.role,
            visibility: self.visibility,
            high_impact: self.high_impact,
            ..ContributionFields::default()
        };
        for (metric, value) in self.reach {
            let typed = match value {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            if !fields.set_reach(&metric, typed) {
                let mut problems = Fields::new();
                problems.add(
                    "reach",
                    Msg::new("field-contribution-reach-unknown").arg("metric", metric),
                );
                problems.finish()?;
            }
        }
        Ok(fields)
    }
}

/// A contribution as the API answers it, and as the pages' JSON export writes it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Contribution {
    id: i64,
    #[serde(rename = "type")]
    contribution_type: String,
    title: String,
    description: String,
    private_note: String,
    started_on: String,
    ended_on: Option<String>,
    url: Option<String>,
    canonical_url: Option<String>,
    primary_area: Option<String>,
    /// The other technology areas' slugs.
    areas: Vec<String>,
    audiences: Vec<String>,
    role: String,
    visibility: String,
    high_impact: bool,
    /// How it was recorded: by hand, from a file, or by an importer.
    source: String,
    /// Figures by metric name.
    #[schema(value_type = BTreeMap<String, i64>)]
    reach: BTreeMap<&'static str, i64>,
}

impl Contribution {
    /// A stored contribution with its extra areas and its audiences.
    pub fn new(row: ContributionRow, (areas, audiences): (Vec<String>, Vec<String>)) -> Self {
        let reach = row.reach().into_iter().map(|(m, v)| (m.as_str(), v)).collect();
        Contribution {
            id: row.id,
            contribution_type: row.contribution_type,
            title: row.title,
            description: row.description,
            private_note: row.private_note,
            started_on: row.started_on,
            ended_on: row.ended_on,
            url: row.url,
            canonical_url: row.canonical_url,
            primary_area: row.primary_area,
            areas,
            audiences,
            role: row.person_role,
            visibility: row.visibility,
            high_impact: row.high_impact,
            source: row.source,
            reach,
        }
    }

    /// One of the person's contributions, with its lists read.
    async fn read(ctx: &crate::ops::Ctx, row: ContributionRow) -> Result<Self, ApiError> {
        let lists = contributions::lists(ctx, &row).await?;
        Ok(Contribution::new(row, lists))
    }
}

impl From<Exported> for Contribution {
    fn from(e: Exported) -> Contribution {
        Contribution::new(e.row, (e.areas, e.audiences))
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// With `after_id`: the page after this contribution's start date, as `next` gives it.
    #[param(format = Date)]
    after: Option<String>,
    after_id: Option<i64>,
    /// How many a page holds: 1 to 500, 100 unless asked (larger asks get 500).
    limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContributionPage {
    contributions: Vec<Contribution>,
    /// The query for the next page, when there is one.
    next: Option<String>,
}

#[utoipa::path(
    get, path = "/api/v1/me/contributions", tag = "me", operation_id = "my_contributions",
    security(("token" = [])), params(PageQuery),
    responses(
        (status = 200, description = "A page of the person's contributions", body = ContributionPage),
        (status = 400, description = "A parameter is not of its type", body = crate::api::openapi::ErrorBody),
        (status = 422, description = "`after` is not a day (YYYY-MM-DD)", body = crate::api::openapi::ErrorBody),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
    )
)]
/// GET /api/v1/me/contributions: newest first, a page at a time.
pub async fn list(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Query(query): Query<PageQuery>,
) -> Result<Json<ContributionPage>, ApiError> {
    let limit = query.limit.unwrap_or(100).clamp(1, 500);
    if let Some(after) = &query.after
        && after.parse::<jiff::civil::Date>().is_err()
    {
        let mut fields = Fields::new();
        fields.add("after", Msg::new("field-contribution-not-a-date"));
        fields.finish()?;
    }
    let after = query.after.zip(query.after_id);
    let rows = contributions::page(&state.ctx, &user.account, after, limit + 1).await?;
    let more = rows.len() > usize::try_from(limit).unwrap_or(usize::MAX);
    let rows: Vec<ContributionRow> =
        rows.into_iter().take(usize::try_from(limit).unwrap_or(0)).collect();
    let next = more
        .then(|| {
            rows.last().map(|r| format!("after={}&after_id={}&limit={limit}", r.started_on, r.id))
        })
        .flatten();
    let mut lists = contributions::lists_of_person(&state.ctx, &user.account).await?;
    let page = rows
        .into_iter()
        .map(|row| {
            let row_lists = lists.take(row.id);
            Contribution::new(row, row_lists)
        })
        .collect();
    Ok(Json(ContributionPage { contributions: page, next }))
}

#[utoipa::path(
    get, path = "/api/v1/me/contributions/{id}", tag = "me", operation_id = "my_contribution",
    security(("token" = [])), params(("id" = i64, Path, description = "The contribution's id")),
    responses(
        (status = 200, description = "The contribution", body = Contribution),
        (status = 400, description = "`id` is not a whole number", body = crate::api::openapi::ErrorBody),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
        (status = 404, description = "The person has no contribution with this id", body = crate::api::openapi::ErrorBody),
    )
)]
/// GET /api/v1/me/contributions/{id}
pub async fn one(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Path(id): Path<i64>,
) -> Result<Json<Contribution>, ApiError> {
    let row = contributions::own(&state.ctx, &user.account, id).await?;
    Ok(Json(Contribution::read(&state.ctx, row).await?))
}

#[utoipa::path(
    get, path = "/api/v1/me/contributions.csv", tag = "me", operation_id = "my_contributions_csv",
    security(("token" = [])),
    responses(
        (status = 200, description = "Every contribution, as the CSV file the import reads", content_type = "text/csv", body = String),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
    )
)]
/// GET /api/v1/me/contributions.csv: every contribution of the person, as the CSV file the
/// import page reads back.
pub async fn export_csv(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
) -> Result<Response, ApiError> {
    let csv = contribution_files::export_csv(&state.ctx, &user.account).await?;
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response())
}

#[utoipa::path(
    post, path = "/api/v1/me/contributions", tag = "me", operation_id = "create_contribution",
    security(("token" = [])), request_body = ContributionBody,
    responses(
        (status = 201, description = "Recorded", body = Contribution),
        (status = 400, description = "The body is not JSON of this shape", body = crate::api::openapi::ErrorBody),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
        (status = 403, description = "The token may only read", body = crate::api::openapi::ErrorBody),
        (status = 413, description = "The body is too large", body = crate::api::openapi::ErrorBody),
        (status = 422, description = "A field is wrong; `fields` says which and why", body = crate::api::openapi::ErrorBody),
    )
)]
/// POST /api/v1/me/contributions
pub async fn create(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    body: Result<Json<ContributionBody>, JsonRejection>,
) -> Result<(StatusCode, Json<Contribution>), ApiError> {
    let Json(body) = body?;
    let id = contributions::save(&state.ctx, &user.account, None, &body.into_fields()?).await?;
    let saved = contributions::own(&state.ctx, &user.account, id).await?;
    Ok((StatusCode::CREATED, Json(Contribution::read(&state.ctx, saved).await?)))
}

#[utoipa::path(
    put, path = "/api/v1/me/contributions/{id}", tag = "me", operation_id = "update_contribution",
    security(("token" = [])), request_body = ContributionBody,
    params(("id" = i64, Path, description = "The contribution's id")),
    responses(
        (status = 200, description = "Replaced", body = Contribution),
        (status = 400, description = "The body is not JSON of this shape, or `id` is not a whole number", body = crate::api::openapi::ErrorBody),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
        (status = 403, description = "The token may only read", body = crate::api::openapi::ErrorBody),
        (status = 404, description = "The person has no contribution with this id", body = crate::api::openapi::ErrorBody),
        (status = 413, description = "The body is too large", body = crate::api::openapi::ErrorBody),
        (status = 422, description = "A field is wrong; `fields` says which and why", body = crate::api::openapi::ErrorBody),
    )
)]
/// PUT /api/v1/me/contributions/{id}: replaces the contribution.
pub async fn update(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Path(id): Path<i64>,
    body: Result<Json<ContributionBody>, JsonRejection>,
) -> Result<Json<Contribution>, ApiError> {
    let Json(body) = body?;
    contributions::save(&state.ctx, &user.account, Some(id), &body.into_fields()?).await?;
    let saved = contributions::own(&state.ctx, &user.account, id).await?;
    Ok(Json(Contribution::read(&state.ctx, saved).await?))
}

#[utoipa::path(
    delete, path = "/api/v1/me/contributions/{id}", tag = "me", operation_id = "delete_contribution",
    security(("token" = [])), params(("id" = i64, Path, description = "The contribution's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "`id` is not a whole number", body = crate::api::openapi::ErrorBody),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
        (status = 403, description = "The token may only read", body = crate::api::openapi::ErrorBody),
        (status = 404, description = "The person has no contribution with this id", body = crate::api::openapi::ErrorBody),
    )
)]
/// DELETE /api/v1/me/contributions/{id}
pub async fn delete(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    contributions::delete(&state.ctx, &user.account, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StandingCriterion {
    criterion: String,
    raw: u32,
    counted: u32,
    cap: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Standing {
    candidacy_id: i64,
    category: String,
    state: String,
    total: u32,
    threshold: u32,
    meets_threshold: bool,
    rubric_version: i64,
    criteria: Vec<StandingCriterion>,
    /// What is missing, in the reader's language.
    missing: Vec<String>,
}

#[utoipa::path(
    get, path = "/api/v1/me/standing", tag = "me", operation_id = "my_standing",
    security(("token" = [])),
    responses(
        (status = 200, description = "The standing of each of the person's candidacies against its published rubric", body = Vec<Standing>),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
    )
)]
/// GET /api/v1/me/standing: the standing of each of the person's candidacies.
pub async fn my_standing(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Extension(lang): Extension<Lang>,
) -> Result<Json<Vec<Standing>>, ApiError> {
    let mut out = Vec::new();
    for candidacy in candidacies::own(&state.ctx, &user.account).await? {
        let Some(view) =
            standing::of_person(&state.ctx, user.account.person_id, candidacy.category_id, lang)
                .await?
        else {
            continue;
        };
        out.push(Standing {
            candidacy_id: candidacy.id,
            category: candidacy.category_slug,
            state: candidacy.state.as_str().to_owned(),
            total: view.total,
            threshold: view.threshold,
            meets_threshold: view.meets_threshold,
            rubric_version: view.rubric_version,
            criteria: view
                .criteria
                .into_iter()
                .map(|c| StandingCriterion {
                    criterion: c.code,
                    raw: c.raw,
                    counted: c.counted,
                    cap: c.cap,
                })
                .collect(),
            missing: view.missing,
        });
    }
    Ok(Json(out))
}
