//! Cycles as admins plan them: the list with each cycle's phase, a new cycle, and one cycle's
//! timetable with the rubric versions it decides by. Each handler calls `ops::cycles`; a
//! refused form comes back with what was typed and each problem next to its field.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_domain::cycle::CycleDates;
use plaudit_store::cycles::{Cycle, PinnedVersion};

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::i18n::{Lang, Msg};
use crate::ops::ErrorCode;
use crate::ops::cycles::{self, CycleInput, DATE_FIELDS};
use crate::state::AppState;
use crate::web::PageError;

fn cycle_input(pairs: Vec<(String, String)>) -> CycleInput {
    let mut input = CycleInput::default();
    for (name, value) in pairs {
        match name.as_str() {
            "slug" => input.slug = value,
            "name" => input.name = value,
            field => {
                if let Some(i) = DATE_FIELDS.iter().position(|f| *f == field) {
                    input.dates[i] = value;
                }
            }
        }
    }
    input
}

/// The phase a cycle is in today, in the reader's words.
fn phase(cycle: &Cycle, today: jiff::civil::Date, lang: Lang) -> String {
    let dates = CycleDates::new(
        cycle.nominations_open, cycle.nominations_close, cycle.contributions_due,
        cycle.review_start, cycle.review_end, cycle.announcement,
    );
    // Stored dates were checked when written; a cycle edited by hand shows no phase.
    dates
        .map(|d| lang.t(&format!("cycles-phase-{}", d.phase_on(today).as_str())))
        .unwrap_or_default()
}

/// A cycle as the list shows it.
pub(super) struct CycleLine {
    id: i64,
    name: String,
    dates: String,
    phase: String,
    announced: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/cycles.html")]
pub(super) struct CyclesPage {
    nav: Nav,
    cycles: Vec<CycleLine>,
}

pub(super) async fn list(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<CyclesPage, PageError> {
    let lang = page.lang;
    let today = state.ctx.today().await?;
    let cycles = plaudit_store::cycles::all(&state.ctx.db)
        .await?
        .into_iter()
        .map(|c| CycleLine {
            id: c.id,
            dates: lang.msg(
                &Msg::new("admin-cycle-dates")
                    .arg("open", lang.date(c.nominations_open))
                    .arg("due", lang.date(c.contributions_due))
                    .arg("announcement", lang.date(c.announcement)),
            ),
            phase: phase(&c, today, lang),
            announced: c.announced_at.is_some(),
            name: c.name,
        })
        .collect();
    Ok(CyclesPage { nav: page.nav().await, cycles })
}

/// The cycle form, new or existing.
#[derive(Template, WebTemplate)]
#[template(path = "admin/cycle.html")]
pub(super) struct CyclePage {
    nav: Nav,
    /// None: a new cycle.
    cycle: Option<Cycle>,
    phase: String,
    locked: bool,
    /// (category's rubric version, its address) for each category.
    pins: Vec<(String, String)>,
    input: CycleInput,
    errors: FieldErrors,
    dates: Vec<DateField>,
}

/// One date input with its words, value as typed and problem.
pub(super) struct DateField {
    name: &'static str,
    label: String,
    hint: String,
    value: String,
    error: Option<String>,
}

fn date_fields(input: &CycleInput, errors: &FieldErrors, lang: Lang) -> Vec<DateField> {
    DATE_FIELDS
        .iter()
        .map(|&name| DateField {
            name,
            label: lang.t(&format!("cycles-label-{name}")),
            hint: lang.t(&format!("cycles-hint-{name}")),
            value: input.date(name).to_owned(),
            error: errors.get(name).cloned(),
        })
        .collect()
}

fn pin_lines(pins: Vec<PinnedVersion>, lang: Lang) -> Vec<(String, String)> {
    pins.into_iter()
        .map(|pin| {
            let text = lang.msg(
                &Msg::new("cycles-rubric-version")
                    .arg("category", pin.category_name)
                    .arg("version", pin.version),
            );
            (text, format!("/rubrics/{}/versions/{}", pin.category_slug, pin.version))
        })
        .collect()
}

impl CyclePage {
    fn action(&self) -> String {
        match &self.cycle {
            Some(c) => format!("/admin/cycles/{}", c.id),
            None => "/admin/cycles".to_owned(),
        }
    }
}

async fn new_page(
    state: &AppState,
    page: &PageCtx,
    input: Option<CycleInput>,
    errors: FieldErrors,
) -> Result<CyclePage, PageError> {
    let input = match input {
        Some(typed) => typed,
        None => {
            let latest = plaudit_store::cycles::all(&state.ctx.db).await?;
            CycleInput::following(latest.first())
        }
    };
    Ok(CyclePage {
        nav: page.nav().await,
        cycle: None,
        phase: String::new(),
        locked: false,
        pins: Vec::new(),
        dates: date_fields(&input, &errors, page.lang),
        input,
        errors,
    })
}

async fn cycle_page(
    state: &AppState,
    page: &PageCtx,
    id: i64,
    input: Option<CycleInput>,
    errors: FieldErrors,
) -> Result<CyclePage, PageError> {
    let cycle = cycles::cycle(&state.ctx, id).await?;
    let today = state.ctx.today().await?;
    let pins = plaudit_store::cycles::pinned_versions(&state.ctx.db, id).await?;
    let input = input.unwrap_or_else(|| CycleInput::of(&cycle));
    Ok(CyclePage {
        nav: page.nav().await,
        phase: phase(&cycle, today, page.lang),
        locked: cycles::locked(&cycle, today),
        pins: pin_lines(pins, page.lang),
        dates: date_fields(&input, &errors, page.lang),
        input,
        cycle: Some(cycle),
        errors,
    })
}

pub(super) async fn new_form(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<CyclePage, PageError> {
    new_page(&state, &page, None, FieldErrors::new()).await
}

pub(super) async fn create(
    State(state): State<AppState>,
    page: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let input = cycle_input(pairs);
    match cycles::create(&state.ctx, admin, &input).await {
        Ok(id) => {
            page.flash(&Msg::new("cycles-created").arg("name", input.name.trim())).await;
            Ok(Redirect::to(&format!("/admin/cycles/{id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let shown = new_page(&state, &page, Some(input), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn show(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<CyclePage, PageError> {
    cycle_page(&state, &page, id, None, FieldErrors::new()).await
}

pub(super) async fn update(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let input = cycle_input(pairs);
    match cycles::update(&state.ctx, admin, id, &input).await {
        Ok(changed) => {
            let lang = page.lang;
            let message = if changed.is_empty() {
                Msg::new("cycles-unchanged")
            } else {
                let names: Vec<String> =
                    changed.iter().map(|f| lang.t(&format!("cycles-label-{f}"))).collect();
                Msg::new("cycles-saved").arg("fields", names.join(", "))
            };
            page.flash(&message).await;
            Ok(Redirect::to(&format!("/admin/cycles/{id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let shown = cycle_page(&state, &page, id, Some(input), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
