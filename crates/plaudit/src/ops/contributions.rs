//! A person's own contributions: adding, editing, deleting, and the counts a candidacy's
//! confirmation shows. Every save recomputes that person's standings, so the candidate sees
//! the effect at once.

use std::collections::HashMap;

use plaudit_domain::contribution::{
    self, ContributionFields, ContributionProblem, FieldProblem, ValidContribution,
};
use plaudit_store::Tx;
use plaudit_store::contributions::{self as store, ContributionRow, Write};

use super::Ctx;
use super::accounts::AccountView;
use super::error::{ErrorCode, OpError};
use crate::i18n::Msg;

pub use plaudit_store::contributions::VisibilityCounts as Counts;

/// The message for one problem of a contribution's field, in the catalogues as
/// `field-contribution-<code>`.
pub fn problem_message(problem: &ContributionProblem) -> Msg {
    use ContributionProblem as P;
    let msg = match problem {
        P::Required => Msg::new("field-contribution-required"),
        P::TooLong { .. } => Msg::new("field-contribution-too-long"),
        P::ControlCharacter(_) => Msg::new("field-contribution-control-character"),
        P::NotADate => Msg::new("field-contribution-not-a-date"),
        P::EndBeforeStart => Msg::new("field-contribution-end-before-start"),
        P::InFuture => Msg::new("field-contribution-in-future"),
        P::UnknownType(_) => Msg::new("field-contribution-unknown-type"),
        P::UnknownRole(_) => Msg::new("field-contribution-unknown-role"),
        P::UnknownAudience(_) => Msg::new("field-contribution-unknown-audience"),
        P::UnknownVisibility(_) => Msg::new("field-contribution-unknown-visibility"),
        P::UnknownArea(_) => Msg::new("field-contribution-unknown-area"),
        P::Url(_) => Msg::new("field-contribution-url"),
        P::NotANumber => Msg::new("field-contribution-not-a-number"),
        P::Negative => Msg::new("field-contribution-negative"),
        P::TooLarge { .. } => Msg::new("field-contribution-too-large"),
        P::ReachDoesNotFitType { .. } => Msg::new("field-contribution-reach-does-not-fit-type"),
        P::NotABoolean => Msg::new("field-contribution-not-a-boolean"),
        P::WrongCellCount { .. } => Msg::new("field-contribution-wrong-cell-count"),
    };
    match problem {
        P::TooLong { max } => msg.arg("max", *max),
        P::TooLarge { max } => msg.arg("max", i64::try_from(*max).unwrap_or(i64::MAX)),
        P::UnknownType(v)
        | P::UnknownRole(v)
        | P::UnknownAudience(v)
        | P::UnknownVisibility(v)
        | P::UnknownArea(v) => msg.arg("value", v.as_str()),
        P::WrongCellCount { expected, found } => {
            msg.arg("expected", *expected).arg("found", *found)
        }
        _ => msg,
    }
}

/// Turns the domain's problems into a validation error, one message per field (the first
/// problem of a field is the one to fix first).
pub fn invalid(problems: &[FieldProblem]) -> OpError {
    let mut error = OpError::new(ErrorCode::ValidationFailed);
    for p in problems {
        error.fields.entry(p.field).or_insert_with(|| problem_message(&p.problem));
    }
    error
}

/// The technology areas by slug, to resolve what a form names.
pub(crate) async fn area_ids(ctx: &Ctx) -> Result<HashMap<String, i64>, OpError> {
    Ok(store::area_ids(&ctx.db).await?.into_iter().map(|(id, slug)| (slug, id)).collect())
}

/// The primary area's id and the extra areas' ids, or the problems of slugs that name no area.
pub(crate) fn resolve_areas(
    valid: &ValidContribution,
    areas: &HashMap<String, i64>,
) -> Result<(Option<i64>, Vec<i64>), Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut lookup = |slug: &str, field: &'static str| {
        let found = areas.get(slug).copied();
        if found.is_none() {
            problems.push(FieldProblem {
                field,
                problem: ContributionProblem::UnknownArea(slug.to_owned()),
            });
        }
        found
    };
    let primary = valid
        .primary_area
        .as_ref()
        .and_then(|s| lookup(s.as_str(), contribution::field::PRIMARY_AREA));
    let extra: Vec<i64> =
        valid.areas.iter().filter_map(|s| lookup(s.as_str(), contribution::field::AREAS)).collect();
    if problems.is_empty() { Ok((primary, extra)) } else { Err(problems) }
}

/// The duplicate refusal: the person already recorded this address, under `title`.
fn duplicate(title: &str) -> OpError {
    let mut error = OpError::new(ErrorCode::ValidationFailed);
    error.fields.insert(
        contribution::field::URL,
        Msg::new("field-contribution-duplicate-url").arg("title", title),
    );
    error
}

/// Adds (id None) or replaces one of the person's contributions; returns its id.
pub async fn save(
    ctx: &Ctx,
    account: &AccountView,
    id: Option<i64>,
    fields: &ContributionFields,
) -> Result<i64, OpError> {
    let today = ctx.today().await?;
    let valid = contribution::validate(fields, today).map_err(|p| invalid(&p))?;
    let areas = area_ids(ctx).await?;
    let (primary_area_id, area_ids) = resolve_areas(&valid, &areas).map_err(|p| invalid(&p))?;
    let now = ctx.now();
    let featured = plaudit_store::program::featured_contributions(&ctx.db).await?;
    let mut tx = ctx.db.begin_write().await?;
    check_duplicate(&mut tx, account.person_id, &valid, id.unwrap_or(0)).await?;
    if valid.high_impact
        && store::high_impact_count(&mut tx, account.person_id, id.unwrap_or(0)).await? >= featured
    {
        let mut error = OpError::new(ErrorCode::ValidationFailed);
        error.fields.insert(
            contribution::field::HIGH_IMPACT,
            Msg::new("field-contribution-too-many-featured").arg("max", featured),
        );
        return Err(error);
    }
    let write = Write {
        person_id: account.person_id,
        contribution: &valid,
        primary_area_id,
        area_ids: &area_ids,
        source: "manual",
    };
    let saved = match id {
        Some(id) => {
            if !store::update(&mut tx, id, &write, now).await? {
                return Err(OpError::new(ErrorCode::NotFound));
            }
            id
        }
        None => store::insert(&mut tx, &write, now).await?,
    };
    // What was typed is saved now; its draft has done its work.
    store::delete_draft(&mut tx, account.account_id, id).await?;
    super::standing::recompute_person(ctx, &mut tx, account.person_id).await?;
    super::directory::touched(&mut tx, account.person_id, now).await?;
    tx.commit().await?;
    Ok(saved)
}

pub(crate) async fn check_duplicate(
    tx: &mut Tx,
    person_id: i64,
    valid: &ValidContribution,
    except_id: i64,
) -> Result<(), OpError> {
    if let Some(url) = &valid.url
        && let Some((_, title)) =
            store::with_canonical_url(tx, person_id, url.canonical.as_str(), except_id).await?
    {
        return Err(duplicate(&title));
    }
    Ok(())
}

/// Deletes one of the person's contributions.
pub async fn delete(ctx: &Ctx, account: &AccountView, id: i64) -> Result<(), OpError> {
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    if !store::delete(&mut tx, account.person_id, id).await? {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    super::standing::recompute_person(ctx, &mut tx, account.person_id).await?;
    super::directory::touched(&mut tx, account.person_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// One of the person's contributions; `not_found` for anyone else's.
pub async fn own(ctx: &Ctx, account: &AccountView, id: i64) -> Result<ContributionRow, OpError> {
    store::own(&ctx.db, account.person_id, id).await?.ok_or(OpError::new(ErrorCode::NotFound))
}

/// A stored contribution as its form's fields, to edit or duplicate it.
pub async fn fields_of(ctx: &Ctx, row: &ContributionRow) -> Result<ContributionFields, OpError> {
    let (areas, audiences) = store::lists(&ctx.db, row.id).await?;
    Ok(fields_from(row, areas, audiences))
}

/// A stored contribution, with its extra areas' slugs and its audiences, as the fields a
/// form or a CSV line holds: validating them gives the contribution back.
pub fn fields_from(
    row: &ContributionRow,
    areas: Vec<String>,
    audiences: Vec<String>,
) -> ContributionFields {
    let mut fields = ContributionFields {
        contribution_type: row.contribution_type.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        private_note: row.private_note.clone(),
        started_on: row.started_on.clone(),
        ended_on: row.ended_on.clone().unwrap_or_default(),
        url: row.url.clone().unwrap_or_default(),
        primary_area: row.primary_area.clone().unwrap_or_default(),
        areas,
        audiences,
        person_role: row.person_role.clone(),
        visibility: row.visibility.clone(),
        high_impact: row.high_impact,
        ..ContributionFields::default()
    };
    for (metric, value) in row.reach() {
        fields.reach.insert(metric, value.to_string());
    }
    fields
}

/// The extra technology areas' slugs and the audiences of a stored contribution.
pub async fn lists(
    ctx: &Ctx,
    row: &ContributionRow,
) -> Result<(Vec<String>, Vec<String>), OpError> {
    Ok(store::lists(&ctx.db, row.id).await?)
}

/// The extra areas and the audiences of every contribution of one person, by contribution.
#[derive(Debug, Default)]
pub struct Lists {
    areas: HashMap<i64, Vec<String>>,
    audiences: HashMap<i64, Vec<String>>,
}

impl Lists {
    /// The areas' slugs and the audiences of contribution `id`, taken out.
    pub fn take(&mut self, id: i64) -> (Vec<String>, Vec<String>) {
        (self.areas.remove(&id).unwrap_or_default(), self.audiences.remove(&id).unwrap_or_default())
    }
}

/// The lists of every contribution of the person, in two queries (for a page of the API or
/// an export, rather than two queries a contribution).
pub async fn lists_of_person(ctx: &Ctx, account: &AccountView) -> Result<Lists, OpError> {
    let (areas, audiences) = store::lists_of_person(&ctx.db, account.person_id).await?;
    let group = |pairs: Vec<(i64, String)>| {
        let mut by_id: HashMap<i64, Vec<String>> = HashMap::new();
        for (id, value) in pairs {
            by_id.entry(id).or_default().push(value);
        }
        by_id
    };
    Ok(Lists { areas: group(areas), audiences: group(audiences) })
}

/// A page of the person's contributions, newest first, after a `(started_on, id)` key.
pub async fn page(
    ctx: &Ctx,
    account: &AccountView,
    after: Option<(String, i64)>,
    limit: i64,
) -> Result<Vec<ContributionRow>, OpError> {
    Ok(store::page(&ctx.db, account.person_id, after, limit).await?)
}

/// How many contributions the person has, by visibility: what reviewers will see.
pub async fn counts(ctx: &Ctx, account: &AccountView) -> Result<Counts, OpError> {
    Ok(store::counts(&ctx.db, account.person_id).await?)
}

/// The longest draft kept: a form's fields, url-encoded.
pub const DRAFT_MAX_BYTES: usize = 64 * 1024;

/// Keeps what the person typed into a contribution's form (None: a new one), so a timeout or
/// a closed tab loses nothing. Drafts are never validated: they hold what was typed.
pub async fn save_draft(
    ctx: &Ctx,
    account: &AccountView,
    contribution_id: Option<i64>,
    encoded_fields: &str,
) -> Result<(), OpError> {
    if encoded_fields.len() > DRAFT_MAX_BYTES {
        return Err(OpError::new(ErrorCode::PayloadTooLarge));
    }
    if let Some(id) = contribution_id {
        own(ctx, account, id).await?;
    }
    let mut tx = ctx.db.begin_write().await?;
    store::save_draft(&mut tx, account.account_id, contribution_id, encoded_fields, ctx.now())
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The draft of a form, as its url-encoded fields and when it was saved.
pub async fn draft(
    ctx: &Ctx,
    account: &AccountView,
    contribution_id: Option<i64>,
) -> Result<Option<(String, jiff::Timestamp)>, OpError> {
    let found = store::draft(&ctx.db, account.account_id, contribution_id).await?;
    Ok(found.and_then(|(fields, at)| Some((fields, jiff::Timestamp::from_microsecond(at).ok()?))))
}

/// Forgets the draft of a form.
pub async fn discard_draft(
    ctx: &Ctx,
    account: &AccountView,
    contribution_id: Option<i64>,
) -> Result<(), OpError> {
    let mut tx = ctx.db.begin_write().await?;
    store::delete_draft(&mut tx, account.account_id, contribution_id).await?;
    tx.commit().await?;
    Ok(())
}

/// A technology area to choose in a form: its slug, and "Category — Area" to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaOption {
    pub slug: String,
    pub label: String,
}

/// Every active technology area, in the admin's order, for the forms that offer them.
pub async fn area_options(ctx: &Ctx) -> Result<Vec<AreaOption>, OpError> {
    Ok(store::areas(&ctx.db)
        .await?
        .into_iter()
        .map(|a| AreaOption { label: format!("{} — {}", a.category, a.name), slug: a.slug })
        .collect())
}
