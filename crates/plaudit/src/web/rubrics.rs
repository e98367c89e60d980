//! The published rubric of each category: the formula every standing is computed with, for
//! anyone to read.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};

use super::layout::{Nav, PageCtx};
use crate::i18n::Msg;
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
    version: i64,
    threshold: u32,
    consistency: String,
    types: Vec<TypeLine>,
    /// Every category, to move between rubrics.
    categories: Vec<(String, String)>,
}

pub(super) async fn show(
    State(state): State<AppState>,
    page: PageCtx,
    Path(slug): Path<String>,
) -> Result<RubricPage, PageError> {
    let categories = plaudit_store::program::categories(&state.ctx.db).await?;
    let category =
        categories.iter().find(|c| c.slug == slug).ok_or(OpError::new(ErrorCode::NotFound))?;
    let published = plaudit_store::rubrics::published_rubric(&state.ctx.db, category.id)
        .await?
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    let lang = page.lang;
    let rubric = &published.rubric;
    let types = rubric
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
        .collect();
    let consistency = lang.msg(
        &Msg::new("rubric-consistency")
            .arg("each", rubric.consistency.points_per_active_month)
            .arg("cap", rubric.consistency.cap),
    );
    Ok(RubricPage {
        nav: page.nav().await,
        category: category.name.clone(),
        version: published.version,
        threshold: rubric.threshold,
        consistency,
        types,
        categories: categories.iter().map(|c| (c.slug.clone(), c.name.clone())).collect(),
    })
}
