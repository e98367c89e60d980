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

use super::ApiError;
use crate::auth::CurrentUser;
use crate::i18n::Lang;
use crate::ops::candidacies;
use crate::ops::contribution_files::{self, Exported};
use crate::ops::contributions;
use crate::ops::nominations::{self, NominateInput};
use crate::ops::standing;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct NominationBody {
    #[serde(default)]
    category: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    links: Vec<String>,
    #[serde(default)]
    reason: String,
}

#[derive(Debug, Serialize)]
pub struct NominationCreated {
    candidacy_id: i64,
    merged: bool,
}

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
#[derive(Debug, Default, Deserialize)]
pub struct ContributionBody {
    #[serde(default, rename = "type")]
    contribution_type: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    private_note: String,
    #[serde(default)]
    started_on: String,
    #[serde(default)]
    ended_on: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    primary_area: Option<String>,
    #[serde(default)]
    areas: Vec<String>,
    #[serde(default)]
    audiences: Vec<String>,
    #[serde(default)]
    role: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    high_impact: bool,
    /// Figures by metric name (`views`, `attendees`, …); numbers or numeric strings.
    #[serde(default)]
    reach: BTreeMap<String, serde_json::Value>,
}

impl ContributionBody {
    fn into_fields(self) -> ContributionFields {
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
            // A metric name that is not one stays out; validation cannot name it.
            fields.set_reach(&metric, typed);
        }
        fields
    }
}

/// A contribution as the API answers it, and as the pages' JSON export writes it.
#[derive(Debug, Serialize)]
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
    source: String,
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

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    after: Option<String>,
    after_id: Option<i64>,
    limit: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct ContributionPage {
    contributions: Vec<Contribution>,
    /// The query for the next page, when there is one.
    next: Option<String>,
}

/// GET /api/v1/me/contributions: newest first, a page at a time.
pub async fn list(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Query(query): Query<PageQuery>,
) -> Result<Json<ContributionPage>, ApiError> {
    let limit = query.limit.unwrap_or(100).clamp(1, 500);
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

/// GET /api/v1/me/contributions/{id}
pub async fn one(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Path(id): Path<i64>,
) -> Result<Json<Contribution>, ApiError> {
    let row = contributions::own(&state.ctx, &user.account, id).await?;
    Ok(Json(Contribution::read(&state.ctx, row).await?))
}

/// GET /api/v1/me/contributions.csv: every contribution of the person, as the CSV file the
/// import page reads back.
pub async fn export_csv(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
) -> Result<Response, ApiError> {
    let csv = contribution_files::export_csv(&state.ctx, &user.account).await?;
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response())
}

/// POST /api/v1/me/contributions
pub async fn create(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    body: Result<Json<ContributionBody>, JsonRejection>,
) -> Result<(StatusCode, Json<Contribution>), ApiError> {
    let Json(body) = body?;
    let id = contributions::save(&state.ctx, &user.account, None, &body.into_fields()).await?;
    let saved = contributions::own(&state.ctx, &user.account, id).await?;
    Ok((StatusCode::CREATED, Json(Contribution::read(&state.ctx, saved).await?)))
}

/// PUT /api/v1/me/contributions/{id}: replaces the contribution.
pub async fn update(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Path(id): Path<i64>,
    body: Result<Json<ContributionBody>, JsonRejection>,
) -> Result<Json<Contribution>, ApiError> {
    let Json(body) = body?;
    contributions::save(&state.ctx, &user.account, Some(id), &body.into_fields()).await?;
    let saved = contributions::own(&state.ctx, &user.account, id).await?;
    Ok(Json(Contribution::read(&state.ctx, saved).await?))
}

/// DELETE /api/v1/me/contributions/{id}
pub async fn delete(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    contributions::delete(&state.ctx, &user.account, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize)]
pub struct CriterionJson {
    criterion: String,
    raw: u32,
    counted: u32,
    cap: u32,
}

#[derive(Debug, Serialize)]
pub struct StandingJson {
    candidacy_id: i64,
    category: String,
    state: String,
    total: u32,
    threshold: u32,
    meets_threshold: bool,
    rubric_version: i64,
    criteria: Vec<CriterionJson>,
    /// What is missing, in the reader's language.
    missing: Vec<String>,
}

/// GET /api/v1/me/standing: the standing of each of the person's candidacies.
pub async fn my_standing(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Extension(lang): Extension<Lang>,
) -> Result<Json<Vec<StandingJson>>, ApiError> {
    let mut out = Vec::new();
    for candidacy in candidacies::own(&state.ctx, &user.account).await? {
        let Some(view) =
            standing::of_person(&state.ctx, user.account.person_id, candidacy.category_id, lang)
                .await?
        else {
            continue;
        };
        out.push(StandingJson {
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
                .map(|c| CriterionJson {
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
