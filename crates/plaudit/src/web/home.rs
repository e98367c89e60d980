//! The home page: what the program is, and how many awardees each category has today.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use plaudit_domain::cycle::local_date;
use plaudit_store::program::{self, CategoryAwardees, ProgramCounts};

use crate::app::AppState;
use crate::web::PageError;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    program_name: String,
    tagline: String,
    sponsor_name: String,
    counts: ProgramCounts,
    categories: Vec<CategoryAwardees>,
}

async fn home(State(state): State<AppState>) -> Result<HomePage, PageError> {
    let settings = program::settings(&state.db).await?.ok_or(PageError::NotSetUp)?;
    let zone = jiff::tz::TimeZone::get(&settings.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let today = local_date(state.clock.now(), &zone);
    let counts = program::counts(&state.db, today).await?;
    let categories = program::awardees_per_category(&state.db, today).await?;
    Ok(HomePage {
        program_name: settings.name,
        tagline: settings.tagline,
        sponsor_name: settings.sponsor_name,
        counts,
        categories,
    })
}
