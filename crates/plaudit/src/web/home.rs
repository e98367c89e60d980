//! The home page: what the program is, where the current cycle stands, and how many awardees
//! each category has today.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use jiff::civil::Date;
use plaudit_domain::cycle::{CycleDates, CyclePhase};
use plaudit_domain::directory::ListingStatus;
use plaudit_store::cycles;
use plaudit_store::directory;
use plaudit_store::program::{self, CategoryAwardees, ProgramCounts};

use super::directory::HTML;
use super::layout::{Nav, PageCtx};
use super::public_cache::CacheRequest;
use crate::i18n::{Lang, Msg};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

#[derive(Template)]
#[template(path = "home.html")]
pub(super) struct HomePage {
    nav: Nav,
    program_name: String,
    tagline: String,
    sponsor_name: String,
    counts: ProgramCounts,
    categories: Vec<CategoryAwardees>,
    cycle: Option<CycleSummary>,
}

/// The cycle people are working towards, in words.
struct CycleSummary {
    name: String,
    nominations_open: bool,
    phase: String,
    next_step: String,
}

impl CycleSummary {
    fn new(cycle: &cycles::Cycle, today: Date, lang: Lang) -> Option<CycleSummary> {
        let dates = CycleDates::new(
            cycle.nominations_open, cycle.nominations_close, cycle.contributions_due,
            cycle.review_start, cycle.review_end, cycle.announcement,
        )
        .ok()?;
        let phase = dates.phase_on(today);
        let date = |d: Date| lang.date(d);
        let (phase, next_step) = match phase {
            CyclePhase::Upcoming => (
                lang.t("phase-upcoming"),
                Msg::new("home-cycle-upcoming").arg("date", date(cycle.nominations_open)),
            ),
            CyclePhase::NominationsOpen => (
                lang.t("phase-nominations-open"),
                Msg::new("home-cycle-nominations-open")
                    .arg("close", date(cycle.nominations_close))
                    .arg("due", date(cycle.contributions_due)),
            ),
            CyclePhase::ContributionsOpen => (
                lang.t("phase-contributions-open"),
                Msg::new("home-cycle-contributions-open").arg("due", date(cycle.contributions_due)),
            ),
            CyclePhase::InReview => (
                lang.t("phase-in-review"),
                Msg::new("home-cycle-in-review").arg("date", date(cycle.announcement)),
            ),
            CyclePhase::Announced => (
                lang.t("phase-announced"),
                Msg::new("home-cycle-announced").arg("date", date(cycle.announcement)),
            ),
        };
        Some(CycleSummary {
            name: cycle.name.clone(),
            nominations_open: dates.phase_on(today) == CyclePhase::NominationsOpen,
            phase,
            next_step: lang.msg(&next_step),
        })
    }
}

/// The home page, from the public page cache for visitors: its counts are read from the
/// directory (kept in step with awards), never recounted from the award table.
pub(super) async fn home(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
) -> Result<Response, PageError> {
    let render = || async {
        let db = &state.ctx.db;
        let settings =
            program::settings(db).await?.ok_or(PageError(OpError::new(ErrorCode::NotSetUp)))?;
        let today = state.ctx.today().await?;
        let categories = directory::awardees_per_category(db).await?;
        let counts = ProgramCounts {
            awardees: directory::status_count(db, ListingStatus::Current).await?,
            categories: categories.len() as i64,
        };
        let cycle = cycles::upcoming(db, today).await?;
        let view = HomePage {
            nav: page.nav().await,
            program_name: settings.name,
            tagline: settings.tagline,
            sponsor_name: settings.sponsor_name,
            counts,
            categories,
            cycle: cycle.and_then(|c| CycleSummary::new(&c, today, page.lang)),
        };
        view.render().map_err(|e| PageError(OpError::internal(e)))
    };
    state.public_pages.respond(&state, &page, &request, HTML, render).await
}
