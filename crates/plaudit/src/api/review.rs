//! Reviewing under /api/v1: the queue, one candidacy, and submitting a review. Built from the
//! same `ops::review` views as the pages, so conflicts and blind review hold here too: a
//! conflicted candidacy is `not_found`, and under blind review no name, photo, link or
//! employer is in any answer.

use std::collections::HashMap;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use plaudit_store::reviews::QueueFilter;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ApiError;
use crate::auth::CurrentUser;
use crate::i18n::Lang;
use crate::i18n::Msg;
use crate::ops::error::Fields;
use crate::ops::review::{self, ReviewInput};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueParams {
    /// Only this category's candidacies.
    category_id: Option<i64>,
    /// Only candidates from this country (ISO 3166-1 alpha-2, either case).
    #[param(pattern = "^[A-Za-z]{2}$", min_length = 2, max_length = 2)]
    country: Option<String>,
    /// Only those the asker has not reviewed yet.
    #[serde(default)]
    not_reviewed_by_me: bool,
    /// Only those whose standing meets the threshold (true) or does not (false).
    meets_threshold: Option<bool>,
    /// The page after this candidacy id: the `next_after` of the page before.
    #[serde(default)]
    after: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewQueue {
    candidacies: Vec<ReviewQueueItem>,
    blind: bool,
    quorum: u32,
    /// Pass as `after` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_after: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewQueueItem {
    id: i64,
    /// Absent under blind review.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    country: Option<String>,
    category: String,
    cycle: String,
    round: i64,
    standing_total: Option<i64>,
    threshold: Option<i64>,
    #[schema(schema_with = crate::api::openapi::vocabulary::vote_or_none)]
    my_vote: Option<&'static str>,
    votes: i64,
}

#[utoipa::path(
    get, path = "/api/v1/review/candidacies", tag = "review", operation_id = "review_queue",
    security(("token" = [])), params(QueueParams),
    responses(
        (status = 200, description = "A page of candidacies in review", body = ReviewQueue),
        (status = 400, description = "A parameter is not of its type", body = crate::api::openapi::ErrorBody),
        (status = 422, description = "`country` is not a two-letter country code", body = crate::api::openapi::ErrorBody),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
        (status = 403, description = "The account is neither a reviewer nor an admin", body = crate::api::openapi::ErrorBody),
    )
)]
/// GET /api/v1/review/candidacies
pub async fn queue(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Query(params): Query<QueueParams>,
) -> Result<Json<ReviewQueue>, ApiError> {
    let country = match params.country.as_deref() {
        None => None,
        Some(typed) => {
            let code = review::country_filter(typed);
            if code.is_none() {
                let mut fields = Fields::new();
                fields.add("country", Msg::new("directory-filter-invalid").arg("value", typed));
                fields.finish()?;
            }
            code
        }
    };
    let filter = QueueFilter {
        category_id: params.category_id,
        country,
        not_reviewed_by_me: params.not_reviewed_by_me,
        meets_threshold: params.meets_threshold,
    };
    let queue = review::queue(&state.ctx, &user.account, &filter, params.after).await?;
    Ok(Json(ReviewQueue {
        blind: queue.blind,
        quorum: queue.quorum,
        next_after: queue.more_after,
        candidacies: queue
            .items
            .into_iter()
            .map(|i| ReviewQueueItem {
                id: i.id,
                name: i.name,
                country: i.country,
                category: i.category_name,
                cycle: i.cycle_name,
                round: i.round,
                standing_total: i.standing_total,
                threshold: i.threshold,
                my_vote: i.my_vote.map(|v| v.as_str()),
                votes: i.votes,
            })
            .collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewCandidate {
    /// Absent under blind review, with everything below that names the person.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    employer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<Vec<String>>,
    country: Option<String>,
    areas: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewCriterion {
    id: i64,
    key: String,
    name: String,
    weight: i64,
    max_score: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewCandidacy {
    id: i64,
    state: String,
    round: i64,
    category: String,
    cycle: String,
    blind: bool,
    candidate: ReviewCandidate,
    standing_total: Option<u32>,
    threshold: Option<u32>,
    advice: &'static str,
    criteria: Vec<ReviewCriterion>,
    nominations: Vec<String>,
    endorsements: usize,
    votes: usize,
    quorum: u32,
    #[schema(schema_with = crate::api::openapi::vocabulary::vote_or_none)]
    my_vote: Option<&'static str>,
}

#[utoipa::path(
    get, path = "/api/v1/review/candidacies/{id}", tag = "review", operation_id = "review_candidacy",
    security(("token" = [])), params(("id" = i64, Path, description = "The candidacy's id")),
    responses(
        (status = 200, description = "The candidacy as its reviewers see it; under blind review without the candidate's identity", body = ReviewCandidacy),
        (status = 400, description = "`id` is not a whole number", body = crate::api::openapi::ErrorBody),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
        (status = 403, description = "The account is neither a reviewer nor an admin", body = crate::api::openapi::ErrorBody),
        (status = 404, description = "No candidacy in review has this id, or the asker has a conflict with it", body = crate::api::openapi::ErrorBody),
    )
)]
/// GET /api/v1/review/candidacies/{id}
pub async fn one(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<i64>,
) -> Result<Json<ReviewCandidacy>, ApiError> {
    let view = review::page(&state.ctx, &user.account, id, &QueueFilter::default(), lang).await?;
    let candidate = match &view.identity {
        Some(who) => ReviewCandidate {
            name: Some(who.name.clone()),
            headline: Some(who.headline.clone()),
            employer: who.employer.clone(),
            links: Some(who.links.iter().map(|(_, url)| url.clone()).collect()),
            country: view.country.clone(),
            areas: view.areas.clone(),
        },
        None => ReviewCandidate {
            name: None,
            headline: None,
            employer: None,
            links: None,
            country: view.country.clone(),
            areas: view.areas.clone(),
        },
    };
    Ok(Json(ReviewCandidacy {
        id: view.subject.id,
        state: view.subject.state.clone(),
        round: view.subject.review_round,
        category: view.subject.category_slug.clone(),
        cycle: view.subject.cycle_name.clone(),
        blind: view.blind,
        candidate,
        standing_total: view.standing.as_ref().map(|s| s.total),
        threshold: view.standing.as_ref().map(|s| s.threshold),
        advice: view.advice.as_str(),
        criteria: view
            .criteria
            .iter()
            .map(|c| ReviewCriterion {
                id: c.id,
                key: c.key.clone(),
                name: c.name.clone(),
                weight: c.weight,
                max_score: c.max_score,
            })
            .collect(),
        nominations: view.nominations.iter().map(|n| n.reason.clone()).collect(),
        endorsements: view.endorsements.len(),
        votes: view.votes,
        quorum: view.quorum,
        my_vote: view.own.vote.map(|v| v.as_str()),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReviewBody {
    /// Criterion id (as `criteria` lists them) → score, from 0 to the criterion's
    /// `max_score`.
    #[serde(default)]
    #[schema(value_type = HashMap<String, i64>)]
    scores: HashMap<String, serde_json::Number>,
    #[serde(default)]
    #[schema(required = true, schema_with = crate::api::openapi::vocabulary::vote)]
    vote: String,
    #[serde(default)]
    rationale: String,
}

#[utoipa::path(
    post, path = "/api/v1/review/candidacies/{id}/review", tag = "review", operation_id = "submit_review",
    security(("token" = [])), request_body = ReviewBody,
    params(("id" = i64, Path, description = "The candidacy's id")),
    responses(
        (status = 204, description = "The review is recorded (a second one replaces the first)"),
        (status = 400, description = "The body is not JSON of this shape, or `id` is not a whole number", body = crate::api::openapi::ErrorBody),
        (status = 401, description = "No token, or one that is unknown or revoked", body = crate::api::openapi::ErrorBody),
        (status = 403, description = "The token may only read, or the account is neither a reviewer nor an admin", body = crate::api::openapi::ErrorBody),
        (status = 404, description = "No candidacy in review has this id, or the asker has a conflict with it", body = crate::api::openapi::ErrorBody),
        (status = 409, description = "The candidacy is not in review, or its review deadline has passed", body = crate::api::openapi::ErrorBody),
        (status = 413, description = "The body is too large", body = crate::api::openapi::ErrorBody),
        (status = 422, description = "A score or the vote is wrong; `fields` says which", body = crate::api::openapi::ErrorBody),
    )
)]
/// POST /api/v1/review/candidacies/{id}/review
pub async fn submit(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Path(id): Path<i64>,
    body: Result<Json<ReviewBody>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(body) = body?;
    let mut scores = HashMap::with_capacity(body.scores.len());
    for (criterion, score) in body.scores {
        let Ok(criterion) = criterion.parse::<i64>() else {
            let mut fields = Fields::new();
            fields.add("scores", Msg::new("field-review-score-key"));
            fields.finish()?;
            continue;
        };
        // A figure that is not a whole number is refused by the review's own check.
        scores.insert(criterion, score.to_string());
    }
    let input = ReviewInput { scores, vote: body.vote, rationale: body.rationale };
    review::submit(&state.ctx, &user.account, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
