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

use super::ApiError;
use crate::auth::CurrentUser;
use crate::i18n::Lang;
use crate::ops::review::{self, ReviewInput};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct QueueParams {
    category_id: Option<i64>,
    country: Option<String>,
    #[serde(default)]
    not_reviewed_by_me: bool,
    meets_threshold: Option<bool>,
    #[serde(default)]
    after: i64,
}

#[derive(Debug, Serialize)]
pub struct QueueJson {
    candidacies: Vec<QueueItemJson>,
    blind: bool,
    quorum: u32,
    /// Pass as `after` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_after: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct QueueItemJson {
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
    my_vote: Option<&'static str>,
    votes: i64,
}

/// GET /api/v1/review/candidacies
pub async fn queue(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Query(params): Query<QueueParams>,
) -> Result<Json<QueueJson>, ApiError> {
    let filter = QueueFilter {
        category_id: params.category_id,
        country: params.country.map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty()),
        not_reviewed_by_me: params.not_reviewed_by_me,
        meets_threshold: params.meets_threshold,
    };
    let queue = review::queue(&state.ctx, &user.account, &filter, params.after).await?;
    Ok(Json(QueueJson {
        blind: queue.blind,
        quorum: queue.quorum,
        next_after: queue.more_after,
        candidacies: queue
            .items
            .into_iter()
            .map(|i| QueueItemJson {
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

#[derive(Debug, Serialize)]
pub struct CandidateJson {
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

#[derive(Debug, Serialize)]
pub struct CriterionJson {
    id: i64,
    key: String,
    name: String,
    weight: i64,
    max_score: i64,
}

#[derive(Debug, Serialize)]
pub struct ReviewJson {
    id: i64,
    state: String,
    round: i64,
    category: String,
    cycle: String,
    blind: bool,
    candidate: CandidateJson,
    standing_total: Option<u32>,
    threshold: Option<u32>,
    advice: &'static str,
    criteria: Vec<CriterionJson>,
    nominations: Vec<String>,
    endorsements: usize,
    votes: usize,
    quorum: u32,
    my_vote: Option<&'static str>,
}

/// GET /api/v1/review/candidacies/{id}
pub async fn one(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<i64>,
) -> Result<Json<ReviewJson>, ApiError> {
    let view = review::page(&state.ctx, &user.account, id, &QueueFilter::default(), lang).await?;
    let candidate = match &view.identity {
        Some(who) => CandidateJson {
            name: Some(who.name.clone()),
            headline: Some(who.headline.clone()),
            employer: who.employer.clone(),
            links: Some(who.links.iter().map(|(_, url)| url.clone()).collect()),
            country: view.country.clone(),
            areas: view.areas.clone(),
        },
        None => CandidateJson {
            name: None,
            headline: None,
            employer: None,
            links: None,
            country: view.country.clone(),
            areas: view.areas.clone(),
        },
    };
    Ok(Json(ReviewJson {
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
            .map(|c| CriterionJson {
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

#[derive(Debug, Deserialize)]
pub struct ReviewBody {
    /// Criterion id → score.
    #[serde(default)]
    scores: HashMap<i64, i64>,
    #[serde(default)]
    vote: String,
    #[serde(default)]
    rationale: String,
}

/// POST /api/v1/review/candidacies/{id}/review
pub async fn submit(
    State(state): State<AppState>,
    Extension(user): Extension<CurrentUser>,
    Path(id): Path<i64>,
    body: Result<Json<ReviewBody>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(body) = body?;
    let input = ReviewInput {
        scores: body.scores.into_iter().map(|(k, v)| (k, v.to_string())).collect(),
        vote: body.vote,
        rationale: body.rationale,
    };
    review::submit(&state.ctx, &user.account, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
