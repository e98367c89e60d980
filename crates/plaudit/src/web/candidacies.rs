//! A candidate's candidacies: the list, one candidacy with its standing, the submit
//! confirmation, submitting and withdrawing. Each handler calls `ops::candidacies`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::layout::{Nav, PageCtx};
use crate::i18n::{Lang, Msg};
use crate::ops::candidacies::{self, CandidacyView};
use crate::ops::standing::{self, StandingView};
use crate::state::AppState;
use crate::web::PageError;

/// A candidacy as a row of the list: its words already in the reader's language.
pub(super) struct CandidacyRow {
    view: CandidacyView,
    state: String,
    due: String,
}

fn row(view: CandidacyView, lang: Lang) -> CandidacyRow {
    CandidacyRow {
        state: lang.t(&format!("candidacy-state-{}", view.state.as_str())),
        due: lang.date(view.contributions_due),
        view,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "candidacies/list.html")]
pub(super) struct CandidaciesPage {
    nav: Nav,
    candidacies: Vec<CandidacyRow>,
}

pub(super) async fn list(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<CandidaciesPage, PageError> {
    let user = page.signed_in()?;
    let candidacies = candidacies::own(&state.ctx, &user.account)
        .await?
        .into_iter()
        .map(|v| row(v, page.lang))
        .collect();
    Ok(CandidaciesPage { nav: page.nav().await, candidacies })
}

#[derive(Template, WebTemplate)]
#[template(path = "candidacies/show.html")]
pub(super) struct CandidacyPage {
    nav: Nav,
    candidacy: CandidacyRow,
    standing: Option<StandingView>,
    /// The standing over the months, as SVG markup made by `chart`.
    chart: Option<String>,
    endorsements: Vec<EndorsementLine>,
    /// The link the candidate shares with awardees who know their work.
    endorse_link: String,
}

/// An endorsement as the candidate reads it: who, their own history, and what they said.
pub(super) struct EndorsementLine {
    name: String,
    history: String,
    body: String,
}

fn endorsement_line(e: plaudit_store::endorsements::Endorsement, lang: Lang) -> EndorsementLine {
    let history = match e.first_award_year {
        Some(year) => lang.msg(
            &Msg::new("endorsement-history").arg("year", year.to_string()).arg("awards", e.awards),
        ),
        None => lang.t("endorsement-history-member"),
    };
    EndorsementLine { name: e.endorser_name, history, body: e.body }
}

/// The standing chart in the reader's language.
pub(super) fn chart_of(standing: &StandingView, lang: Lang) -> String {
    let title = lang.t("standing-chart-title");
    let description = lang.msg(
        &Msg::new("standing-chart-description")
            .arg("total", standing.total)
            .arg("threshold", standing.threshold),
    );
    let threshold = lang.t("standing-threshold");
    let words = super::chart::ChartWords {
        title: &title,
        description: &description,
        threshold: &threshold,
    };
    super::chart::standing_chart(&standing.months, standing.threshold, &words)
}

pub(super) async fn show(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<CandidacyPage, PageError> {
    let user = page.signed_in()?;
    let view = candidacies::own_one(&state.ctx, &user.account, id).await?;
    let standing =
        standing::of_person(&state.ctx, user.account.person_id, view.category_id, page.lang)
            .await?;
    let chart = standing.as_ref().map(|s| chart_of(s, page.lang));
    let endorsements = crate::ops::endorsements::of_own_candidacy(&state.ctx, id)
        .await?
        .into_iter()
        .map(|e| endorsement_line(e, page.lang))
        .collect();
    let endorse_link = state.ctx.link(&format!("/candidacies/{id}/endorse"));
    Ok(CandidacyPage {
        nav: page.nav().await,
        candidacy: row(view, page.lang),
        standing,
        chart,
        endorsements,
        endorse_link,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "candidacies/submit.html")]
pub(super) struct SubmitPage {
    nav: Nav,
    candidacy: CandidacyRow,
    standing: Option<StandingView>,
    /// What reviewers will see, counted.
    contributions: crate::ops::contributions::Counts,
    endorsements: usize,
}

/// Lists what reviewers will see before the candidate commits to it.
pub(super) async fn confirm_submit(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<SubmitPage, PageError> {
    let user = page.signed_in()?;
    let view = candidacies::own_one(&state.ctx, &user.account, id).await?;
    let standing =
        standing::of_person(&state.ctx, user.account.person_id, view.category_id, page.lang)
            .await?;
    let contributions = crate::ops::contributions::counts(&state.ctx, &user.account).await?;
    let endorsements = crate::ops::endorsements::of_own_candidacy(&state.ctx, id).await?.len();
    Ok(SubmitPage {
        endorsements,
        nav: page.nav().await,
        candidacy: row(view, page.lang),
        standing,
        contributions,
    })
}

pub(super) async fn submit(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    candidacies::submit(&state.ctx, &user.account, id).await?;
    page.flash(&Msg::new("candidacy-submitted")).await;
    Ok(Redirect::to(&format!("/candidacies/{id}")).into_response())
}

pub(super) async fn withdraw(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    candidacies::withdraw(&state.ctx, &user.account, id).await?;
    page.flash(&Msg::new("candidacy-withdrawn")).await;
    Ok(Redirect::to(&format!("/candidacies/{id}")).into_response())
}
