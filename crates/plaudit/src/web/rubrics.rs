//! The published rubric of each category: the formula every standing is computed with, for
//! anyone to read, with its earlier versions; and the admin's editor that publishes a new one.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_domain::rubric::Rubric;
use plaudit_store::categories::CategoryRow;
use plaudit_store::rubrics::CycleName;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::i18n::{Lang, Msg};
use crate::ops::rubrics::{self, Criterion, RubricInput, VersionLine};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

pub(super) struct TypeLine {
    kind: String,
    base: u32,
    cap: u32,
    /// "Views: 1,000+ earns 2 more, 10,000+ earns 4 more", or empty.
    reach: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "rubrics/show.html")]
pub(super) struct RubricPage {
    nav: Nav,
    category: String,
    slug: String,
    version: i64,
    /// The newest version's number; `version` is an earlier one when they differ.
    current: i64,
    /// The version's number and publication day; for an earlier one, which one is current.
    version_line: String,
    note: String,
    /// "The 2027 cycle is still decided by version 1…" and that version, when the upcoming
    /// cycle's pin is not the newest version.
    upcoming: Option<(String, i64)>,
    /// Every earlier version: (number, "Version 1, 3 March 2026", changelog note).
    earlier: Vec<(i64, String, String)>,
    threshold: u32,
    consistency: String,
    types: Vec<TypeLine>,
    /// Every category, to move between rubrics.
    categories: Vec<(String, String)>,
}

fn type_lines(lang: Lang, rubric: &Rubric) -> Vec<TypeLine> {
    rubric
        .types
        .iter()
        .map(|rule| {
            let kind = lang.t(&format!("contribution-type-{}", rule.contribution_type.as_str()));
            let reach = match rule.reach_metric {
                Some(metric) if !rule.reach_tiers.is_empty() => {
                    let tiers: Vec<String> = rule
                        .reach_tiers
                        .iter()
                        .map(|t| {
                            lang.msg(
                                &Msg::new("rubric-tier")
                                    .arg(
                                        "reach",
                                        lang.number(i64::try_from(t.min_reach).unwrap_or(i64::MAX)),
                                    )
                                    .arg("bonus", t.bonus),
                            )
                        })
                        .collect();
                    format!(
                        "{}: {}",
                        lang.t(&format!("reach-{}", metric.as_str())),
                        tiers.join("; ")
                    )
                }
                _ => String::new(),
            };
            TypeLine { kind, base: rule.base_points, cap: rule.cap, reach }
        })
        .collect()
}

async fn rubric_page(
    state: &AppState,
    page: &PageCtx,
    slug: &str,
    version: Option<i64>,
) -> Result<RubricPage, PageError> {
    let public = rubrics::public(&state.ctx, slug, version).await?;
    let lang = page.lang;
    let rubric = &public.shown.rubric;
    let consistency = lang.msg(
        &Msg::new("rubric-consistency")
            .arg("each", rubric.consistency.points_per_active_month)
            .arg("cap", rubric.consistency.cap),
    );
    let date = public.published_on.map(|d| lang.date(d)).unwrap_or_default();
    let version_line = if public.shown.version == public.current {
        Msg::new("rubric-published-on").arg("version", public.shown.version).arg("date", date)
    } else {
        Msg::new("rubric-earlier-version")
            .arg("version", public.shown.version)
            .arg("date", date)
            .arg("current", public.current)
    };
    // Only the current version's page says which version the upcoming cycle uses.
    let upcoming = public.upcoming.filter(|_| public.shown.version == public.current).map(
        |(cycle, pinned)| {
            let line =
                Msg::new("rubric-upcoming-differs").arg("cycle", cycle).arg("version", pinned);
            (lang.msg(&line), pinned)
        },
    );
    let earlier = public
        .earlier
        .iter()
        .map(|VersionLine { version, note, published_on }| {
            let label = Msg::new("rubric-earlier-item")
                .arg("version", *version)
                .arg("date", lang.date(*published_on));
            (*version, lang.msg(&label), note.clone())
        })
        .collect();
    Ok(RubricPage {
        nav: page.nav().await,
        category: public.category,
        slug: public.slug,
        version: public.shown.version,
        current: public.current,
        version_line: lang.msg(&version_line),
        note: public.note,
        upcoming,
        earlier,
        threshold: rubric.threshold,
        consistency,
        types: type_lines(lang, rubric),
        categories: public.categories,
    })
}

pub(super) async fn show(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
) -> Result<RubricPage, PageError> {
    rubric_page(&state, &page, &slug, None).await
}

/// An earlier (or the current) version, read-only, by its number.
pub(super) async fn show_version(
    State(state): State<AppState>,
    page: PageCtx,
    Path((slug, version)): Path<(String, String)>,
) -> Result<RubricPage, PageError> {
    let version = version.parse::<i64>().map_err(|_| OpError::new(ErrorCode::NotFound))?;
    rubric_page(&state, &page, &slug, Some(version)).await
}

/// One contribution type's row of the editor.
pub(super) struct EditorRow {
    label: String,
    base_field: &'static str,
    cap_field: &'static str,
    metric_field: &'static str,
    tiers_field: &'static str,
    base: String,
    cap: String,
    metric: String,
    tiers: String,
    tier_rows: usize,
    /// The reach figures the type can record: (stored name, label).
    metrics: Vec<(String, String)>,
    base_error: Option<String>,
    cap_error: Option<String>,
    metric_error: Option<String>,
    tiers_error: Option<String>,
}

/// A review criterion's weight field.
pub(super) struct CriterionField {
    field: &'static str,
    name: String,
    description: String,
    max_score: i64,
    weight: String,
    error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/rubric.html")]
pub(super) struct EditorPage {
    nav: Nav,
    category: CategoryRow,
    based_on: i64,
    repinned: Vec<CycleName>,
    input: RubricInput,
    rows: Vec<EditorRow>,
    criteria: Vec<CriterionField>,
    errors: FieldErrors,
}

async fn editor_page(
    state: &AppState,
    page: &PageCtx,
    id: i64,
    typed: Option<RubricInput>,
    errors: FieldErrors,
) -> Result<EditorPage, PageError> {
    let editor = rubrics::editor(&state.ctx, id).await?;
    let lang = page.lang;
    let input = typed.unwrap_or(editor.input);
    let rows = input
        .types
        .iter()
        .map(|row| {
            let t = row.contribution_type;
            let names = rubrics::fields_of(t);
            EditorRow {
                label: lang.t(&format!("contribution-type-{}", t.as_str())),
                base_field: &names.base,
                cap_field: &names.cap,
                metric_field: &names.metric,
                tiers_field: &names.tiers,
                base: row.base_points.clone(),
                cap: row.cap.clone(),
                metric: row.reach_metric.clone(),
                tiers: row.reach_tiers.clone(),
                tier_rows: row.reach_tiers.lines().count().clamp(2, rubrics::TIERS_MAX),
                metrics: t
                    .reach_metrics()
                    .iter()
                    .map(|m| (m.as_str().to_owned(), lang.t(&format!("reach-{}", m.as_str()))))
                    .collect(),
                base_error: errors.get(names.base.as_str()).cloned(),
                cap_error: errors.get(names.cap.as_str()).cloned(),
                metric_error: errors.get(names.metric.as_str()).cloned(),
                tiers_error: errors.get(names.tiers.as_str()).cloned(),
            }
        })
        .collect();
    let criteria = editor
        .criteria
        .iter()
        .enumerate()
        .filter_map(|(position, c): (usize, &Criterion)| {
            let field = rubrics::weight_field(position)?;
            Some(CriterionField {
                field,
                name: c.name.clone(),
                description: c.description.clone(),
                max_score: c.max_score,
                weight: input.weights.get(position).cloned().unwrap_or_default(),
                error: errors.get(field).cloned(),
            })
        })
        .collect();
    Ok(EditorPage {
        nav: page.nav().await,
        category: editor.category,
        based_on: editor.version,
        repinned: editor.repinned,
        input,
        rows,
        criteria,
        errors,
    })
}

pub(super) async fn edit(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<EditorPage, PageError> {
    editor_page(&state, &page, id, None, FieldErrors::new()).await
}

pub(super) async fn publish(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin =
        page.user.as_ref().ok_or(OpError::new(ErrorCode::Unauthenticated))?.account.account_id;
    let editor = rubrics::editor(&state.ctx, id).await?;
    let mut input = RubricInput::blank(editor.criteria.len());
    for (name, value) in pairs {
        input.set(&name, value);
    }
    match rubrics::publish(&state.ctx, admin, id, &input).await {
        Ok(published) => {
            let message = if published.repinned.is_empty() {
                Msg::new("rubric-published").arg("version", published.version)
            } else {
                let names: Vec<&str> = published.repinned.iter().map(|c| c.name.as_str()).collect();
                Msg::new("rubric-published-repinned")
                    .arg("version", published.version)
                    .arg("count", names.len())
                    .arg("cycles", names.join(", "))
            };
            page.flash(&message).await;
            Ok(Redirect::to(&format!("/admin/categories/{id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let shown = editor_page(&state, &page, id, Some(input), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
