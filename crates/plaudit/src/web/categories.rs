//! Categories and their technology areas, as admins keep them: the list with its counts, a new
//! category, one category's page with its areas. Each handler calls one operation from
//! `ops::categories`; a refused form comes back with what was typed and each problem next to
//! its field.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use plaudit_store::categories::{AreaRow, CategoryRow};

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::i18n::Msg;
use crate::ops::ErrorCode;
use crate::ops::categories::{self, AreaInput, CategoryInput};
use crate::state::AppState;
use crate::web::PageError;

fn category_input(pairs: Vec<(String, String)>) -> CategoryInput {
    let mut input = CategoryInput::default();
    for (name, value) in pairs {
        match name.as_str() {
            "slug" => input.slug = value,
            "name" => input.name = value,
            "description" => input.description = value,
            "position" => input.position = value,
            _ => {}
        }
    }
    input
}

fn form_value(pairs: &[(String, String)], field: &str) -> String {
    pairs.iter().find(|(name, _)| name == field).map(|(_, v)| v.clone()).unwrap_or_default()
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/categories.html")]
pub(super) struct CategoriesPage {
    nav: Nav,
    categories: Vec<CategoryRow>,
    input: CategoryInput,
    errors: FieldErrors,
}

async fn categories_page(
    state: &AppState,
    page: &PageCtx,
    input: CategoryInput,
    errors: FieldErrors,
) -> Result<CategoriesPage, PageError> {
    let categories = categories::list(&state.ctx).await?;
    Ok(CategoriesPage { nav: page.nav().await, categories, input, errors })
}

pub(super) async fn list(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<CategoriesPage, PageError> {
    categories_page(&state, &page, CategoryInput::default(), FieldErrors::new()).await
}

pub(super) async fn create(
    State(state): State<AppState>,
    page: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let input = category_input(pairs);
    match categories::create(&state.ctx, admin, &input).await {
        Ok(id) => {
            let name = input.name.trim();
            page.flash(&Msg::new("categories-created").arg("name", name)).await;
            Ok(Redirect::to(&format!("/admin/categories/{id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let shown = categories_page(&state, &page, input, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// A refused rename of one area: the page shows the name typed and the problem in its row.
pub(super) struct AreaRefusal {
    id: i64,
    typed: String,
    problem: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/category.html")]
pub(super) struct CategoryPage {
    nav: Nav,
    category: CategoryRow,
    areas: Vec<AreaRow>,
    input: CategoryInput,
    errors: FieldErrors,
    area_input: AreaInput,
    /// Problems of the new-area form (`area_name`, `area_slug`).
    area_errors: FieldErrors,
    refused_rename: Option<AreaRefusal>,
}

impl CategoryPage {
    /// The name the area's rename form shows: what was typed, after a refusal.
    fn area_name<'a>(&'a self, area: &'a AreaRow) -> &'a str {
        match &self.refused_rename {
            Some(r) if r.id == area.id => &r.typed,
            _ => &area.name,
        }
    }

    fn area_problem(&self, area: &AreaRow) -> Option<&str> {
        self.refused_rename.as_ref().filter(|r| r.id == area.id).map(|r| r.problem.as_str())
    }
}

/// What a category's page shows besides what is stored.
#[derive(Default)]
struct Typed {
    input: Option<CategoryInput>,
    errors: FieldErrors,
    area_input: AreaInput,
    area_errors: FieldErrors,
    refused_rename: Option<AreaRefusal>,
}

async fn category_page(
    state: &AppState,
    page: &PageCtx,
    id: i64,
    typed: Typed,
) -> Result<CategoryPage, PageError> {
    let (category, areas) = categories::category(&state.ctx, id).await?;
    Ok(CategoryPage {
        nav: page.nav().await,
        input: typed.input.unwrap_or_else(|| CategoryInput::of(&category)),
        category,
        areas,
        errors: typed.errors,
        area_input: typed.area_input,
        area_errors: typed.area_errors,
        refused_rename: typed.refused_rename,
    })
}

pub(super) async fn show(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<CategoryPage, PageError> {
    category_page(&state, &page, id, Typed::default()).await
}

pub(super) async fn update(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let input = category_input(pairs);
    match categories::update(&state.ctx, admin, id, &input).await {
        Ok(changed) => {
            let message = if changed.is_empty() {
                Msg::new("categories-unchanged")
            } else {
                Msg::new("categories-saved")
            };
            page.flash(&message).await;
            Ok(Redirect::to(&format!("/admin/categories/{id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let typed = Typed {
                input: Some(input),
                errors: field_errors(&e, page.lang),
                ..Typed::default()
            };
            let shown = category_page(&state, &page, id, typed).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn set_active(
    state: &AppState,
    page: &PageCtx,
    id: i64,
    active: bool,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    categories::set_active(&state.ctx, admin, id, active).await?;
    let message = if active {
        Msg::new("categories-reactivated")
    } else {
        Msg::new("categories-deactivated")
    };
    page.flash(&message).await;
    Ok(Redirect::to(&format!("/admin/categories/{id}")).into_response())
}

pub(super) async fn deactivate(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    set_active(&state, &page, id, false).await
}

pub(super) async fn reactivate(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    set_active(&state, &page, id, true).await
}

pub(super) async fn add_area(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let input =
        AreaInput { name: form_value(&pairs, "area_name"), slug: form_value(&pairs, "area_slug") };
    match categories::add_area(&state.ctx, admin, id, &input).await {
        Ok(_) => {
            let name = input.name.trim();
            page.flash(&Msg::new("categories-area-added").arg("name", name)).await;
            Ok(Redirect::to(&format!("/admin/categories/{id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let area_errors = field_errors(&e, page.lang);
            let typed = Typed { area_input: input, area_errors, ..Typed::default() };
            let shown = category_page(&state, &page, id, typed).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn rename_area(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let name = form_value(&pairs, "name");
    match categories::rename_area(&state.ctx, admin, id, &name).await {
        Ok(category_id) => {
            page.flash(&Msg::new("categories-area-renamed").arg("name", name.trim())).await;
            Ok(Redirect::to(&format!("/admin/categories/{category_id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let category_id = categories::area_category(&state.ctx, id).await?;
            let problem = field_errors(&e, page.lang).into_values().next().unwrap_or_default();
            let refused_rename = Some(AreaRefusal { id, typed: name, problem });
            let typed = Typed { refused_rename, ..Typed::default() };
            let shown = category_page(&state, &page, category_id, typed).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn set_area_active(
    state: &AppState,
    page: &PageCtx,
    id: i64,
    active: bool,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let category_id = categories::set_area_active(&state.ctx, admin, id, active).await?;
    let message = if active {
        Msg::new("categories-area-reactivated")
    } else {
        Msg::new("categories-area-deactivated")
    };
    page.flash(&message).await;
    Ok(Redirect::to(&format!("/admin/categories/{category_id}")).into_response())
}

pub(super) async fn deactivate_area(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    set_area_active(&state, &page, id, false).await
}

pub(super) async fn reactivate_area(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    set_area_active(&state, &page, id, true).await
}
