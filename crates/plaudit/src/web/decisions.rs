//! Deciding: a cycle's candidacies before the committee with
//! their tallies, finalizing one or a batch, and the next round for deferrals; and the
//! candidate's decision letter. Each handler calls `ops::decisions`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::i18n::{Lang, Msg};
use crate::ops::decisions::{self, CycleDecisions, Letter, PendingView};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

/// A pending candidacy in the reader's words.
pub(super) struct PendingLine {
    view: PendingView,
    state: String,
    standing: String,
    advice: String,
    majority: String,
    tally: String,
    /// The outcome the form starts with: as typed after an error, else the majority's.
    outcome: String,
    /// The rationale as typed after an error.
    rationale: String,
    error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/decisions.html")]
pub(super) struct DecisionsPage {
    nav: Nav,
    cycle_id: i64,
    cycle_name: String,
    announced: bool,
    quorum: u32,
    deferred: usize,
    lines: Vec<PendingLine>,
    outcomes: Vec<(&'static str, String)>,
}

fn decisions_page(
    nav: Nav,
    found: CycleDecisions,
    failed: Option<(i64, String, String, FieldErrors)>,
) -> DecisionsPage {
    let lang = nav.lang;
    let vote = |v: plaudit_domain::kinds::Vote| lang.t(&format!("vote-{}", v.as_str()));
    let lines = found
        .pending
        .into_iter()
        .map(|view| {
            let typed = failed.as_ref().filter(|f| f.0 == view.id);
            PendingLine {
                tally: lang.msg(
                    &Msg::new("admin-tally")
                        .arg("award", view.tally.award)
                        .arg("decline", view.tally.decline)
                        .arg("defer", view.tally.defer),
                ),
                outcome: match typed {
                    Some(f) => f.1.clone(),
                    None => view.majority.map(|m| m.as_str().to_owned()).unwrap_or_default(),
                },
                rationale: typed.map(|f| f.2.clone()).unwrap_or_default(),
                error: typed.and_then(|f| f.3.get("rationale").cloned()),
                state: lang.t(&format!("candidacy-state-{}", view.state)),
                standing: match (view.standing_total, view.threshold) {
                    (Some(total), Some(threshold)) => lang.msg(
                        &Msg::new("standing-total").arg("total", total).arg("threshold", threshold),
                    ),
                    _ => lang.t("review-standing-unknown"),
                },
                advice: view.advice.map(vote).unwrap_or_default(),
                majority: view.majority.map(vote).unwrap_or_else(|| lang.t("admin-no-majority")),
                view,
            }
        })
        .collect();
    DecisionsPage {
        cycle_id: found.cycle.id,
        cycle_name: found.cycle.name,
        announced: found.cycle.announced_at.is_some(),
        quorum: found.quorum,
        deferred: found.deferred,
        lines,
        outcomes: plaudit_domain::kinds::Vote::ALL.iter().map(|v| (v.as_str(), vote(*v))).collect(),
        nav,
    }
}

pub(super) async fn cycle_decisions(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<DecisionsPage, PageError> {
    let found = decisions::of_cycle(&state.ctx, id).await?;
    Ok(decisions_page(page.nav().await, found, None))
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct FinalizeForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    rationale: String,
}

pub(super) async fn finalize(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(form): Form<FinalizeForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let subject = plaudit_store::reviews::subject(&state.ctx.db, id)
        .await?
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    let back = format!("/admin/cycles/{}/decisions", subject.cycle_id);
    match decisions::finalize(&state.ctx, &user.account, id, &form.outcome, &form.rationale).await {
        Ok(outcome) => {
            let said = Msg::new("admin-decision-finalized")
                .arg("outcome", page.lang.t(&format!("vote-{}", outcome.as_str())));
            page.flash(&said).await;
            Ok(Redirect::to(&back).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let found = decisions::of_cycle(&state.ctx, subject.cycle_id).await?;
            let failed = Some((id, form.outcome, form.rationale, errors));
            let body = decisions_page(page.nav().await, found, failed);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(e) if e.code == ErrorCode::QuorumNotMet || e.code == ErrorCode::IllegalTransition => {
            page.flash(&e.message()).await;
            Ok(Redirect::to(&back).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn finalize_batch(
    State(state): State<AppState>,
    page: PageCtx,
    Path(cycle_id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let ids: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "candidacy")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let report = decisions::finalize_as_majority(&state.ctx, &user.account, &ids).await?;
    let said = Msg::new("admin-batch-finalized")
        .arg("finalized", report.finalized)
        .arg("skipped", report.skipped);
    page.flash(&said).await;
    Ok(Redirect::to(&format!("/admin/cycles/{cycle_id}/decisions")).into_response())
}

pub(super) async fn next_round(
    State(state): State<AppState>,
    page: PageCtx,
    Path(cycle_id): Path<i64>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let moved = decisions::start_next_round(&state.ctx, &user.account, cycle_id).await?;
    page.flash(&Msg::new("admin-next-round-started").arg("count", moved)).await;
    Ok(Redirect::to(&format!("/admin/cycles/{cycle_id}/decisions")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "candidacies/decision.html")]
pub(super) struct LetterPage {
    nav: Nav,
    letter: Letter,
    outcome: String,
    headline: String,
    standing_words: String,
    term: Option<String>,
    earlier: Vec<String>,
    chart: Option<String>,
}

fn letter_page(nav: Nav, letter: Letter) -> LetterPage {
    let lang: Lang = nav.lang;
    let outcome = lang.t(&format!("candidacy-state-{}", letter.state));
    let headline = lang.msg(
        &Msg::new("letter-headline")
            .arg("state", letter.state.clone())
            .arg("category", letter.category_name.clone()),
    );
    let standing_words = letter
        .decision
        .as_ref()
        .map(|d| {
            lang.msg(
                &Msg::new("letter-standing")
                    .arg("total", d.standing_total)
                    .arg("threshold", d.threshold),
            )
        })
        .unwrap_or_default();
    let term = letter.award.as_ref().map(|a| {
        lang.msg(
            &Msg::new("letter-term")
                .arg("year", a.award_year.to_string())
                .arg("start", a.starts_on.clone())
                .arg("end", a.ends_on.clone()),
        )
    });
    let earlier = letter
        .earlier
        .iter()
        .map(|d| {
            lang.msg(
                &Msg::new("letter-earlier-round")
                    .arg("round", d.round)
                    .arg("outcome", lang.t(&format!("vote-{}", d.outcome))),
            )
        })
        .collect();
    let chart = letter.standing.as_ref().map(|s| super::candidacies::chart_of(s, lang));
    LetterPage { nav, outcome, headline, standing_words, term, earlier, chart, letter }
}

pub(super) async fn letter(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<LetterPage, PageError> {
    let user = page.signed_in()?;
    let letter = decisions::letter(&state.ctx, &user.account, id, page.lang).await?;
    Ok(letter_page(page.nav().await, letter))
}
