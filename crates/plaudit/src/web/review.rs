//! The reviewer's pages: the queue with its filters, one candidacy with everything to weigh
//! and the scoring form, and recusing. Each handler calls `ops::review`; the queue's filters
//! travel in the query string so previous and next keep the reviewer's order.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_domain::kinds::Vote;
use plaudit_store::reviews::QueueFilter;
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::i18n::{Lang, Msg};
use crate::ops::ErrorCode;
use crate::ops::review::{self, Queue, ReviewInput, ReviewView};
use crate::state::AppState;
use crate::web::PageError;

/// The queue's filters as the query string carries them; empty means "any".
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct QueueQuery {
    #[serde(default)]
    category: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    mine: String,
    #[serde(default)]
    standing: String,
    #[serde(default)]
    after: String,
}

impl QueueQuery {
    fn filter(&self) -> QueueFilter {
        QueueFilter {
            category_id: self.category.trim().parse().ok(),
            // A value that is no country code narrows nothing (and never reaches a query).
            country: review::country_filter(self.country.trim()),
            not_reviewed_by_me: self.mine == "todo",
            meets_threshold: match self.standing.as_str() {
                "above" => Some(true),
                "below" => Some(false),
                _ => None,
            },
        }
    }

    /// The filters as a query string (without `after`), to carry from page to page.
    fn carried(&self) -> String {
        let pairs = [
            ("category", self.category.trim()),
            ("country", self.country.trim()),
            ("mine", self.mine.as_str()),
            ("standing", self.standing.as_str()),
        ];
        let kept: Vec<(&str, &str)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        serde_urlencoded::to_string(kept).unwrap_or_default()
    }
}

/// A category to filter by.
pub(super) struct CategoryChoice {
    id: i64,
    name: String,
    selected: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "review/queue.html")]
pub(super) struct QueuePage {
    nav: Nav,
    queue: Queue,
    rows: Vec<QueueLine>,
    query: QueueQuery,
    carried: String,
    categories: Vec<CategoryChoice>,
}

/// A queue row in the reader's words.
pub(super) struct QueueLine {
    id: i64,
    who: String,
    country: String,
    category: String,
    round: i64,
    standing: String,
    meets: Option<bool>,
    my_vote: Option<String>,
    votes: i64,
}

fn queue_line(item: &review::QueueItem, lang: Lang) -> QueueLine {
    QueueLine {
        id: item.id,
        who: item.name.clone().unwrap_or_else(|| {
            lang.msg(&Msg::new("review-candidate-label").arg("number", item.id))
        }),
        country: item.country.clone().unwrap_or_default(),
        category: item.category_name.clone(),
        round: item.round,
        standing: match (item.standing_total, item.threshold) {
            (Some(total), Some(threshold)) => lang
                .msg(&Msg::new("standing-total").arg("total", total).arg("threshold", threshold)),
            _ => lang.t("review-standing-unknown"),
        },
        meets: item.meets_threshold(),
        my_vote: item.my_vote.map(|v| lang.t(&format!("vote-{}", v.as_str()))),
        votes: item.votes,
    }
}

pub(super) async fn queue(
    State(state): State<AppState>,
    page: PageCtx,
    Query(query): Query<QueueQuery>,
) -> Result<QueuePage, PageError> {
    let user = page.signed_in()?;
    let filter = query.filter();
    let after = query.after.trim().parse().unwrap_or(0);
    let queue = review::queue(&state.ctx, &user.account, &filter, after).await?;
    let rows = queue.items.iter().map(|i| queue_line(i, page.lang)).collect();
    let categories = plaudit_store::program::categories(&state.ctx.db)
        .await?
        .into_iter()
        .map(|c| CategoryChoice {
            selected: filter.category_id == Some(c.id),
            id: c.id,
            name: c.name,
        })
        .collect();
    Ok(QueuePage {
        nav: page.nav().await,
        carried: query.carried(),
        queue,
        rows,
        query,
        categories,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "review/show.html")]
pub(super) struct ReviewPage {
    nav: Nav,
    view: ReviewView,
    chart: Option<String>,
    carried: String,
    advice: String,
    /// The form as typed (after an error) or as saved.
    vote: String,
    rationale: String,
    criteria: Vec<CriterionField>,
    votes: Vec<(&'static str, String)>,
    errors: FieldErrors,
    rationale_max: usize,
    awards: Vec<String>,
    rounds: Vec<(String, String)>,
    past: Vec<PastLine>,
    endorsers: Vec<String>,
}

/// A criterion's score field as the form shows it.
pub(super) struct CriterionField {
    id: i64,
    name: String,
    description: String,
    weight: i64,
    /// (score, selected) for each choice from 0 to the criterion's maximum.
    options: Vec<(i64, bool)>,
    invalid: bool,
}

/// One of the person's earlier candidacies, in words.
pub(super) struct PastLine {
    cycle: String,
    category: String,
    outcome: String,
    standing: String,
    score: String,
}

fn review_page(
    nav: Nav,
    view: ReviewView,
    carried: String,
    typed: Option<ReviewInput>,
    errors: FieldErrors,
) -> ReviewPage {
    let lang = nav.lang;
    let chart = view.standing.as_ref().map(|s| super::candidacies::chart_of(s, lang));
    let (vote, rationale, scores): (String, String, HashMap<i64, String>) = match typed {
        Some(typed) => (typed.vote, typed.rationale, typed.scores),
        None => (
            view.own.vote.map(|v| v.as_str().to_owned()).unwrap_or_default(),
            view.own.rationale.clone(),
            view.own.scores.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        ),
    };
    let scores_wrong = errors.contains_key("scores");
    let criteria = view
        .criteria
        .iter()
        .map(|c| {
            let selected = scores
                .get(&c.id)
                .and_then(|s| s.trim().parse().ok())
                .filter(|s| (0..=c.max_score).contains(s));
            CriterionField {
                id: c.id,
                name: c.name.clone(),
                description: c.description.clone(),
                weight: c.weight,
                options: (0..=c.max_score).map(|n| (n, selected == Some(n))).collect(),
                invalid: scores_wrong && selected.is_none(),
            }
        })
        .collect();
    let standing_words = |total: i64, threshold: i64| {
        lang.msg(&Msg::new("standing-total").arg("total", total).arg("threshold", threshold))
    };
    let awards = view
        .awards
        .iter()
        .map(|a| {
            let ended = a.ended_early_on.as_deref().unwrap_or(&a.ends_on);
            let mut line = lang.msg(
                &Msg::new("review-history-award")
                    .arg("category", a.category_name.clone())
                    .arg("year", a.award_year.to_string())
                    .arg("start", a.starts_on.clone())
                    .arg("end", ended.to_owned()),
            );
            if let Some(reason) = &a.end_reason {
                line.push_str(" · ");
                line.push_str(&lang.t(&format!("award-end-reason-{reason}")));
            }
            line
        })
        .collect();
    let rounds = view
        .earlier_rounds
        .iter()
        .map(|d| {
            let head = lang.msg(
                &Msg::new("review-history-round")
                    .arg("round", d.round)
                    .arg("outcome", lang.t(&format!("vote-{}", d.outcome)))
                    .arg("standing", standing_words(d.standing_total, d.threshold)),
            );
            (head, d.rationale.clone())
        })
        .collect();
    let past = view
        .past_candidacies
        .iter()
        .map(|c| PastLine {
            cycle: c.cycle_name.clone(),
            category: c.category_name.clone(),
            outcome: lang.t(&format!("candidacy-state-{}", c.state)),
            standing: match (c.standing_total, c.threshold) {
                (Some(t), Some(th)) => standing_words(t, th),
                _ => String::new(),
            },
            score: c.aggregated_score.map(|s| format!("{s:.1}")).unwrap_or_default(),
        })
        .collect();
    let endorsers = view
        .endorsements
        .iter()
        .map(|e| {
            let history = match e.endorser_since {
                Some(year) => lang.msg(
                    &Msg::new("endorsement-history")
                        .arg("year", year.to_string())
                        .arg("awards", e.endorser_awards),
                ),
                None => lang.t("endorsement-history-member"),
            };
            let given = lang
                .msg(&Msg::new("review-endorser-given").arg("count", e.endorser_given_this_cycle));
            format!("{} · {history} · {given}", e.endorser_name)
        })
        .collect();
    ReviewPage {
        advice: lang.t(&format!("review-advice-{}", view.advice.as_str())),
        votes: vote_choices(lang),
        nav,
        view,
        chart,
        carried,
        vote,
        rationale,
        criteria,
        errors,
        rationale_max: review::RATIONALE_MAX,
        awards,
        rounds,
        past,
        endorsers,
    }
}

pub(super) async fn show(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Query(query): Query<QueueQuery>,
) -> Result<ReviewPage, PageError> {
    let user = page.signed_in()?;
    let view = review::page(&state.ctx, &user.account, id, &query.filter(), page.lang).await?;
    Ok(review_page(page.nav().await, view, query.carried(), None, FieldErrors::new()))
}

/// Reads the review form: `score-<criterion id>` fields, `vote`, `rationale`.
fn review_input(fields: &[(String, String)]) -> ReviewInput {
    let mut input = ReviewInput::default();
    for (name, value) in fields {
        match name.as_str() {
            "vote" => input.vote = value.clone(),
            "rationale" => input.rationale = value.clone(),
            other => {
                if let Some(id) = other.strip_prefix("score-").and_then(|id| id.parse().ok()) {
                    input.scores.insert(id, value.clone());
                }
            }
        }
    }
    input
}

pub(super) async fn submit(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Query(query): Query<QueueQuery>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let input = review_input(&fields);
    match review::submit(&state.ctx, &user.account, id, &input).await {
        Ok(()) => {
            page.flash(&Msg::new("review-saved")).await;
            let filter = query.filter();
            // On to the next candidacy in the reviewer's order, or back to this one at the end.
            let view = review::page(&state.ctx, &user.account, id, &filter, page.lang).await?;
            let target = view.next.unwrap_or(id);
            let carried = query.carried();
            let suffix = if carried.is_empty() { String::new() } else { format!("?{carried}") };
            Ok(Redirect::to(&format!("/review/{target}{suffix}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let view =
                review::page(&state.ctx, &user.account, id, &query.filter(), page.lang).await?;
            let body = review_page(page.nav().await, view, query.carried(), Some(input), errors);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct RecuseForm {
    #[serde(default)]
    reason: String,
}

pub(super) async fn recuse(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(form): Form<RecuseForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    review::recuse(&state.ctx, &user.account, id, &form.reason).await?;
    page.flash(&Msg::new("review-recused")).await;
    Ok(Redirect::to("/review").into_response())
}

/// The vote choices of the form, in order, with their words.
fn vote_choices(lang: Lang) -> Vec<(&'static str, String)> {
    Vote::ALL.iter().map(|v| (v.as_str(), lang.t(&format!("vote-{}", v.as_str())))).collect()
}
