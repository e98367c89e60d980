//! The categories awards are given in, and the technology areas under them, as an admin keeps
//! them. A new category is usable at once: it gets the program's standard rubric as its first
//! published version. An inactive category takes no nominations and leaves the home page: both
//! read the active categories only (`program::categories`, `program::awardees_per_category`);
//! its awards, rubric and history stay. An inactive technology area leaves the forms that
//! offer areas; contributions that name it keep it.

use plaudit_domain::parse::{ParseError, Slug, SlugProblem};
use plaudit_domain::rubric::Rubric;
use plaudit_store::categories::{self, AreaRow, CategoryRow, CategoryWrite};
use plaudit_store::rubrics::{self, ReviewCriterionWrite, RubricVersionWrite};

use super::Ctx;
use super::audit::{AuditAction, record};
use super::error::{ErrorCode, Fields, OpError, invalid};
use super::settings::line;
use crate::i18n::Msg;

pub const NAME_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 1_000;
/// Positions order the categories on every page; a program has tens of them.
pub const POSITION_MAX: i64 = 10_000;

/// What reviewers score under the standard rubric: (key, name, description). Data, like a
/// category's name, so kept in the program's words rather than the catalogues.
pub const STANDARD_REVIEW_CRITERIA: &[(&str, &str, &str)] = &[
    ("impact", "Impact", "How many people the work helped, and how much."),
    ("quality", "Quality", "Accuracy, depth and care."),
    ("consistency", "Consistency", "Steady work across the year rather than one burst."),
    ("community", "Community spirit", "Generosity, inclusiveness, helping others grow."),
];

/// The note of the standard rubric's version.
pub const STANDARD_RUBRIC_NOTE: &str = "The program's standard rubric.";

/// The category form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryInput {
    /// Only when creating: the slug is in addresses (`/rubrics/{slug}`) and never changes.
    /// Empty: made from the name.
    pub slug: String,
    pub name: String,
    pub description: String,
    /// Empty when creating: after the last one.
    pub position: String,
}

impl CategoryInput {
    /// A stored category in the form's shape.
    pub fn of(row: &CategoryRow) -> CategoryInput {
        CategoryInput {
            slug: row.slug.clone(),
            name: row.name.clone(),
            description: row.description.clone(),
            position: row.position.to_string(),
        }
    }
}

/// Every category, active ones first, with its active areas and current awardees.
pub async fn list(ctx: &Ctx) -> Result<Vec<CategoryRow>, OpError> {
    let today = ctx.today().await?;
    Ok(categories::all(&ctx.db, today).await?)
}

/// One category with all its technology areas.
pub async fn category(ctx: &Ctx, id: i64) -> Result<(CategoryRow, Vec<AreaRow>), OpError> {
    let today = ctx.today().await?;
    let row =
        categories::by_id(&ctx.db, id, today).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let areas = categories::areas_of(&ctx.db, id).await?;
    Ok((row, areas))
}

/// A slug as typed (a category's, a cycle's), or made from `name` when none was typed.
pub(super) fn slug(typed: &str, name: &str) -> Result<Slug, Msg> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(Slug::from_title(name));
    }
    Slug::parse(typed).map_err(|e| match e {
        ParseError::Slug(SlugProblem::InvalidCharacter(c)) => {
            Msg::new("field-category-slug-character").arg("character", c.to_string())
        }
        ParseError::Slug(SlugProblem::MisplacedHyphen) => Msg::new("field-category-slug-hyphen"),
        ParseError::Slug(SlugProblem::TooLong) => {
            Msg::new("field-text-too-long").arg("max", Slug::MAX_LEN)
        }
        _ => Msg::new("field-settings-required"),
    })
}

fn position(typed: &str) -> Result<i64, Msg> {
    typed.trim().parse::<i64>().ok().filter(|p| (0..=POSITION_MAX).contains(p)).ok_or_else(|| {
        Msg::new("field-settings-number-range").arg("min", 0_i64).arg("max", POSITION_MAX)
    })
}

/// The category's words and position, checked; None for a position left empty.
fn check(fields: &mut Fields, input: &CategoryInput) -> (String, String, Option<i64>) {
    let name = line(fields, "name", &input.name, NAME_MAX, true);
    let description = input.description.replace("\r\n", "\n").trim().to_owned();
    if description.chars().count() > DESCRIPTION_MAX {
        fields.add("description", Msg::new("field-text-too-long").arg("max", DESCRIPTION_MAX));
    }
    let position = match input.position.trim() {
        "" => None,
        typed => fields.check("position", position(typed)),
    };
    (name, description, position)
}

fn slug_taken(slug: &str) -> OpError {
    invalid("slug", Msg::new("field-category-slug-taken").arg("slug", slug))
}

/// Creates an active category with the standard rubric published as its version 1 (and that
/// version pinned to every cycle, so any cycle can decide by it). Returns its id.
pub async fn create(ctx: &Ctx, actor: i64, input: &CategoryInput) -> Result<i64, OpError> {
    let mut fields = Fields::new();
    let (name, description, position) = check(&mut fields, input);
    let slug = fields.check("slug", slug(&input.slug, &name));
    fields.finish()?;
    let slug = slug.ok_or_else(|| OpError::internal("a checked slug went missing"))?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if categories::slug_taken(&mut tx, slug.as_str()).await? {
        return Err(slug_taken(slug.as_str()));
    }
    let position = match position {
        Some(p) => p,
        None => categories::next_position(&mut tx).await?,
    };
    let write = CategoryWrite { name, description, position };
    let id = match categories::insert(&mut tx, slug.as_str(), &write, now).await {
        Ok(id) => id,
        // Another admin took the slug a moment ago.
        Err(e) if e.is_unique_violation() => return Err(slug_taken(slug.as_str())),
        Err(e) => return Err(e.into()),
    };
    let review_criteria: Vec<ReviewCriterionWrite<'_>> = STANDARD_REVIEW_CRITERIA
        .iter()
        .map(|&(key, name, description)| ReviewCriterionWrite {
            key,
            name,
            description,
            weight: 1,
            max_score: 5,
        })
        .collect();
    let rubric = Rubric::standard();
    let version = RubricVersionWrite {
        category_id: id,
        version: 1,
        rubric: &rubric,
        note: STANDARD_RUBRIC_NOTE,
        review_criteria: &review_criteria,
        published_at: Some(now),
    };
    let version_id = rubrics::insert_rubric_version(&mut tx, &version, now).await?;
    rubrics::pin_where_unpinned(&mut tx, id, version_id).await?;
    let detail = format!("slug={slug} rubric_version={version_id}");
    record(&mut tx, Some(actor), AuditAction::CategoryCreated, ("category", id), &detail, now)
        .await?;
    // Public pages show the program's name, categories, rubrics and cycles.
    plaudit_store::public::changed(&mut tx, ctx.now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves a category's name, description and position (its slug never changes). Returns the
/// names of the fields that changed; none: nothing was written.
pub async fn update(
    ctx: &Ctx,
    actor: i64,
    id: i64,
    input: &CategoryInput,
) -> Result<Vec<&'static str>, OpError> {
    let (old, _) = category(ctx, id).await?;
    let mut fields = Fields::new();
    let (name, description, position) = check(&mut fields, input);
    if position.is_none() {
        // Kept when the position was typed wrong: the first problem of a field stays.
        fields.add("position", Msg::new("field-settings-required"));
    }
    fields.finish()?;
    let write = CategoryWrite { name, description, position: position.unwrap_or(old.position) };
    let changed: Vec<&'static str> = [
        ("name", old.name != write.name),
        ("description", old.description != write.description),
        ("position", old.position != write.position),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect();
    if changed.is_empty() {
        return Ok(changed);
    }
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if !categories::update(&mut tx, id, &write).await? {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    let detail = format!("fields={}", changed.join(","));
    record(&mut tx, Some(actor), AuditAction::CategoryUpdated, ("category", id), &detail, now)
        .await?;
    // Public pages show the program's name, categories, rubrics and cycles.
    plaudit_store::public::changed(&mut tx, ctx.now()).await?;
    tx.commit().await?;
    Ok(changed)
}

/// Deactivates (`active` false) or reactivates a category. False when it was so already
/// (nothing is written then).
pub async fn set_active(ctx: &Ctx, actor: i64, id: i64, active: bool) -> Result<bool, OpError> {
    let (old, _) = category(ctx, id).await?;
    if old.active == active {
        return Ok(false);
    }
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if !categories::set_active(&mut tx, id, active).await? {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    let action =
        if active { AuditAction::CategoryReactivated } else { AuditAction::CategoryDeactivated };
    record(&mut tx, Some(actor), action, ("category", id), &format!("slug={}", old.slug), now)
        .await?;
    // Public pages show the program's name, categories, rubrics and cycles.
    plaudit_store::public::changed(&mut tx, ctx.now()).await?;
    tx.commit().await?;
    Ok(true)
}

/// The new-area form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AreaInput {
    pub name: String,
    /// Empty: made from the name. Unique across every category's areas.
    pub slug: String,
}

fn area_slug_taken(slug: &str) -> OpError {
    invalid("area_slug", Msg::new("field-area-slug-taken").arg("slug", slug))
}

/// Adds an active technology area to a category; returns its id.
pub async fn add_area(
    ctx: &Ctx,
    actor: i64,
    category_id: i64,
    input: &AreaInput,
) -> Result<i64, OpError> {
    category(ctx, category_id).await?;
    let mut fields = Fields::new();
    let name = line(&mut fields, "area_name", &input.name, NAME_MAX, true);
    let slug = fields.check("area_slug", slug(&input.slug, &name));
    fields.finish()?;
    let slug = slug.ok_or_else(|| OpError::internal("a checked slug went missing"))?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if categories::area_slug_taken(&mut tx, slug.as_str()).await? {
        return Err(area_slug_taken(slug.as_str()));
    }
    let id = match categories::insert_area(&mut tx, category_id, slug.as_str(), &name).await {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => return Err(area_slug_taken(slug.as_str())),
        Err(e) => return Err(e.into()),
    };
    let detail = format!("category={category_id} slug={slug}");
    record(&mut tx, Some(actor), AuditAction::AreaAdded, ("technology_area", id), &detail, now)
        .await?;
    // Public pages show the program's name, categories, rubrics and cycles.
    plaudit_store::public::changed(&mut tx, ctx.now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// The area, in the caller's transaction, or `not_found`.
async fn stored_area(tx: &mut plaudit_store::Tx, id: i64) -> Result<AreaRow, OpError> {
    categories::area(tx, id).await?.ok_or(OpError::new(ErrorCode::NotFound))
}

/// The category a technology area belongs to.
pub async fn area_category(ctx: &Ctx, id: i64) -> Result<i64, OpError> {
    let area = categories::area_by_id(&ctx.db, id).await?;
    Ok(area.ok_or(OpError::new(ErrorCode::NotFound))?.category_id)
}

/// Renames a technology area (its slug stays); returns its category's id.
pub async fn rename_area(ctx: &Ctx, actor: i64, id: i64, name: &str) -> Result<i64, OpError> {
    let mut fields = Fields::new();
    let name = line(&mut fields, "name", name, NAME_MAX, true);
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let area = stored_area(&mut tx, id).await?;
    fields.finish()?;
    if area.name != name {
        categories::rename_area(&mut tx, id, &name).await?;
        let detail = format!("slug={}", area.slug);
        record(
            &mut tx,
            Some(actor),
            AuditAction::AreaRenamed,
            ("technology_area", id),
            &detail,
            now,
        )
        .await?;
        // Public pages show the program's name, categories, rubrics and cycles.
        plaudit_store::public::changed(&mut tx, ctx.now()).await?;
        tx.commit().await?;
    }
    Ok(area.category_id)
}

/// Deactivates or reactivates a technology area; returns its category's id.
pub async fn set_area_active(ctx: &Ctx, actor: i64, id: i64, active: bool) -> Result<i64, OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let area = stored_area(&mut tx, id).await?;
    if area.active != active {
        categories::set_area_active(&mut tx, id, active).await?;
        let action =
            if active { AuditAction::AreaReactivated } else { AuditAction::AreaDeactivated };
        let detail = format!("slug={}", area.slug);
        record(&mut tx, Some(actor), action, ("technology_area", id), &detail, now).await?;
        // Public pages show the program's name, categories, rubrics and cycles.
        plaudit_store::public::changed(&mut tx, ctx.now()).await?;
        tx.commit().await?;
    }
    Ok(area.category_id)
}
