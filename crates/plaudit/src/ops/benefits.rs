//! Benefits, as admins define them and awardees claim them. An admin defines a benefit, offers
//! it to categories year by year, and fills its pool of codes from a file (checked line by
//! line first, as the contribution import is); an awardee whose current award is offered a
//! benefit claims it once per award year and sees their code from then on. Codes are shown to
//! their holder and to admins only.
//!
//! A claim is one transaction: record the claim (unique per benefit, person and award year),
//! take a free code for it, and, when the pool falls to its warning mark, tell the admins
//! once. Many awardees claiming at once each get a different code (the code is taken under the
//! write lock on SQLite, skipping codes others are taking on PostgreSQL); one awardee clicking
//! twice waits on the first click's claim and gets its code back, never a second one.

use std::collections::{BTreeMap, HashSet};

use plaudit_domain::benefit::{
    BenefitKind, CODE_MAX_CHARS, CodeFile, CodeFileProblem, CodeProblem, read_code_file,
};
use plaudit_domain::parse::Slug;
use plaudit_store::benefits::{self as store, BenefitRow, ClaimRow, NewBenefit, OwnBenefit};
use plaudit_store::directory::CategoryLabel;

use super::Ctx;
use super::accounts::AccountView;
use super::audit::{AuditAction, record};
use super::error::{ErrorCode, Fields, OpError};
use crate::i18n::{Lang, Msg};
use crate::mail::Notice;

pub const NAME_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 1_000;
/// The largest codes file: a hundred thousand codes of a few dozen characters.
pub const MAX_FILE_BYTES: usize = 4 << 20;
/// The highest warning mark: a pool larger than a program's awardees many times over.
const WARNING_MAX: i64 = 1_000_000;

/// A benefit's fields as typed in the admin's form.
#[derive(Debug, Clone, Default)]
pub struct BenefitInput {
    pub name: String,
    pub description: String,
    /// `license_code` or `access`; only read when creating.
    pub kind: String,
    pub low_pool_warning: String,
    pub active: bool,
}

struct CheckedInput {
    name: String,
    description: String,
    kind: BenefitKind,
    low_pool_warning: i64,
}

fn check_input(input: &BenefitInput) -> Result<CheckedInput, OpError> {
    let mut fields = Fields::new();
    let name = input.name.trim();
    if name.is_empty() {
        fields.add("name", Msg::new("field-benefit-name-required"));
    } else if name.chars().count() > NAME_MAX {
        fields.add("name", Msg::new("field-text-too-long").arg("max", NAME_MAX));
    }
    let description = input.description.trim();
    if description.chars().count() > DESCRIPTION_MAX {
        fields.add("description", Msg::new("field-text-too-long").arg("max", DESCRIPTION_MAX));
    }
    let kind = BenefitKind::parse(input.kind.trim());
    if kind.is_none() {
        fields.add("kind", Msg::new("field-benefit-kind-invalid"));
    }
    let warning = input.low_pool_warning.trim();
    let low_pool_warning = if warning.is_empty() {
        Some(0)
    } else {
        match warning.parse::<i64>() {
            Ok(n) if (0..=WARNING_MAX).contains(&n) => Some(n),
            _ => {
                let msg = Msg::new("field-benefit-warning-invalid").arg("max", WARNING_MAX);
                fields.add("low_pool_warning", msg);
                None
            }
        }
    };
    fields.finish()?;
    Ok(CheckedInput {
        name: name.to_owned(),
        description: description.to_owned(),
        kind: kind.unwrap_or(BenefitKind::Access),
        low_pool_warning: low_pool_warning.unwrap_or_default(),
    })
}

/// Every benefit with its pool level, for the admins' list.
pub async fn list(ctx: &Ctx) -> Result<Vec<BenefitRow>, OpError> {
    Ok(store::list(&ctx.db).await?)
}

/// Defines a benefit; it is offered to nobody until an admin offers it to categories.
pub async fn create(ctx: &Ctx, admin: i64, input: &BenefitInput) -> Result<i64, OpError> {
    let checked = check_input(input)?;
    let slug = Slug::from_title(&checked.name);
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let new = NewBenefit {
        slug: slug.as_str(),
        name: &checked.name,
        description: &checked.description,
        kind: checked.kind.as_str(),
        low_pool_warning: checked.low_pool_warning,
    };
    let id = match store::insert(&mut tx, &new, now).await {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            let mut fields = Fields::new();
            fields.add("name", Msg::new("field-benefit-name-taken"));
            fields.finish()?;
            unreachable!("a field was added")
        }
        Err(e) => return Err(e.into()),
    };
    record(&mut tx, Some(admin), AuditAction::BenefitCreated, ("benefit", id), slug.as_str(), now)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// The award years a benefit is offered in, each with the categories it is offered to.
#[derive(Debug, Clone)]
pub struct YearOffer {
    pub award_year: i64,
    pub category_ids: Vec<i64>,
}

/// One benefit as its admin page shows it.
#[derive(Debug, Clone)]
pub struct BenefitDetail {
    pub benefit: BenefitRow,
    pub offers: Vec<YearOffer>,
    /// Every category, in the program's order, for the offer form (names only: the category
    /// list's counts of awardees are not needed here).
    pub categories: Vec<CategoryLabel>,
    /// The newest claims, with their codes: admins see who holds which.
    pub claims: Vec<ClaimRow>,
}

/// Claims an admin's page of a benefit lists.
const CLAIMS_LISTED: i64 = 100;

pub async fn detail(ctx: &Ctx, id: i64) -> Result<BenefitDetail, OpError> {
    let benefit = store::by_id(&ctx.db, id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let mut by_year: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for offer in store::offers(&ctx.db, id).await? {
        by_year.entry(offer.award_year).or_default().push(offer.category_id);
    }
    let offers = by_year
        .into_iter()
        .rev()
        .map(|(award_year, category_ids)| YearOffer { award_year, category_ids })
        .collect();
    let categories = plaudit_store::directory::labels(&ctx.db).await?.categories;
    let claims = store::recent_claims(&ctx.db, id, CLAIMS_LISTED).await?;
    Ok(BenefitDetail { benefit, offers, categories, claims })
}

/// Changes a benefit's name, description, warning mark or whether it is offered at all.
pub async fn update(ctx: &Ctx, admin: i64, id: i64, input: &BenefitInput) -> Result<(), OpError> {
    let benefit = store::by_id(&ctx.db, id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let checked = check_input(&BenefitInput { kind: benefit.kind.clone(), ..input.clone() })?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let found = store::update(
        &mut tx, id, &checked.name, &checked.description, checked.low_pool_warning, input.active,
    )
    .await?;
    if !found {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    if store::codes_left(&mut tx, id).await? > checked.low_pool_warning {
        store::clear_low_pool_notified(&mut tx, id).await?;
    }
    record(&mut tx, Some(admin), AuditAction::BenefitUpdated, ("benefit", id), "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// The award years an offer may be made for: around the program's today.
fn award_year_range(today: jiff::civil::Date) -> std::ops::RangeInclusive<i64> {
    let year = i64::from(today.year());
    (year - 5)..=(year + 2)
}

/// Offers the benefit, for `award_year`, to exactly `category_ids` (none withdraws it).
pub async fn set_offers(
    ctx: &Ctx,
    admin: i64,
    id: i64,
    award_year: &str,
    category_ids: &[i64],
) -> Result<(), OpError> {
    store::by_id(&ctx.db, id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    let range = award_year_range(ctx.today().await?);
    let mut fields = Fields::new();
    let year = award_year.trim().parse::<i64>().ok().filter(|y| range.contains(y));
    if year.is_none() {
        let msg = Msg::new("field-benefit-year-invalid")
            .arg("first", *range.start())
            .arg("last", *range.end());
        fields.add("award_year", msg);
    }
    let known: HashSet<i64> = super::categories::list(ctx).await?.iter().map(|c| c.id).collect();
    let mut categories: Vec<i64> = category_ids.to_vec();
    categories.sort_unstable();
    categories.dedup();
    if categories.iter().any(|c| !known.contains(c)) {
        fields.add("categories", Msg::new("field-benefit-category-unknown"));
    }
    fields.finish()?;
    let year = year.unwrap_or_default();
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    store::set_offers(&mut tx, id, year, &categories).await?;
    let detail = format!(
        "award_year={year} categories={}",
        categories.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    );
    record(&mut tx, Some(admin), AuditAction::BenefitOffersChanged, ("benefit", id), &detail, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The message for a problem with one line of a codes file.
pub fn code_problem_message(problem: &CodeProblem) -> Msg {
    match problem {
        CodeProblem::Whitespace => Msg::new("benefit-code-problem-whitespace"),
        CodeProblem::TooLong => {
            Msg::new("benefit-code-problem-too-long").arg("max", CODE_MAX_CHARS)
        }
        CodeProblem::RepeatedInFile { first_line } => {
            Msg::new("benefit-code-problem-repeated").arg("first", *first_line)
        }
        CodeProblem::AlreadyInPool => Msg::new("benefit-code-problem-in-pool"),
    }
}

/// The message for a problem with a codes file as a whole.
pub fn code_file_problem_message(problem: &CodeFileProblem) -> Msg {
    match problem {
        CodeFileProblem::NotUtf8 => Msg::new("benefit-codes-file-not-utf8"),
        CodeFileProblem::NoCodes => Msg::new("benefit-codes-file-empty"),
        CodeFileProblem::TooManyCodes => Msg::new("benefit-codes-file-too-many")
            .arg("max", plaudit_domain::benefit::MAX_CODES_PER_FILE),
    }
}

async fn code_benefit(ctx: &Ctx, id: i64) -> Result<BenefitRow, OpError> {
    let benefit = store::by_id(&ctx.db, id).await?.ok_or(OpError::new(ErrorCode::NotFound))?;
    if BenefitKind::parse(&benefit.kind) != Some(BenefitKind::LicenseCode) {
        // A benefit that gives access has no pool to fill.
        return Err(OpError::new(ErrorCode::NotFound));
    }
    Ok(benefit)
}

async fn check_file(
    tx: &mut plaudit_store::Tx,
    id: i64,
    bytes: &[u8],
) -> Result<CodeFile, OpError> {
    let in_pool: HashSet<String> = store::codes(tx, id).await?.into_iter().collect();
    Ok(read_code_file(bytes, &in_pool))
}

/// The dry run of a codes file: what it would add and which lines it would leave out. Writes
/// nothing.
pub async fn check_codes(ctx: &Ctx, id: i64, bytes: &[u8]) -> Result<CodeFile, OpError> {
    code_benefit(ctx, id).await?;
    // Read in a transaction that is rolled back: the pool's codes as one snapshot.
    let mut tx = ctx.db.begin_write().await?;
    check_file(&mut tx, id, bytes).await
}

/// What adding a codes file did.
#[derive(Debug)]
pub struct CodesAdded {
    pub added: u64,
    /// The file as checked right before writing; its bad lines were left out.
    pub checked: CodeFile,
}

/// Adds the good codes of a file to the pool, checked again inside the transaction.
pub async fn add_codes(
    ctx: &Ctx,
    admin: i64,
    id: i64,
    bytes: &[u8],
) -> Result<CodesAdded, OpError> {
    let benefit = code_benefit(ctx, id).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let checked = check_file(&mut tx, id, bytes).await?;
    if checked.good.is_empty() {
        return Ok(CodesAdded { added: 0, checked });
    }
    let codes: Vec<String> = checked.good.iter().map(|(_, code)| code.clone()).collect();
    let added = store::add_codes(&mut tx, id, &codes, now).await?;
    if store::codes_left(&mut tx, id).await? > benefit.low_pool_warning {
        store::clear_low_pool_notified(&mut tx, id).await?;
    }
    let detail = format!("added={added} skipped={}", checked.bad.len());
    record(&mut tx, Some(admin), AuditAction::BenefitCodesAdded, ("benefit", id), &detail, now)
        .await?;
    tx.commit().await?;
    Ok(CodesAdded { added, checked })
}

/// A person's benefits: what their current awards are offered (claimed or not), then what they
/// claimed in earlier years.
pub async fn own(ctx: &Ctx, person_id: i64) -> Result<Vec<OwnBenefit>, OpError> {
    let today = ctx.today().await?;
    let mut benefits = store::offered_to(&ctx.db, person_id, today).await?;
    let offered: HashSet<(i64, i64)> =
        benefits.iter().map(|b| (b.benefit_id, b.award_year)).collect();
    let earlier = store::claims_of(&ctx.db, person_id).await?;
    benefits
        .extend(earlier.into_iter().filter(|b| !offered.contains(&(b.benefit_id, b.award_year))));
    Ok(benefits)
}

/// What a claim gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    /// The code, for a benefit that has them.
    pub code: Option<String>,
    /// False when the person had claimed it already (a second click): nothing new was taken.
    pub new: bool,
}

/// Claims a benefit for the award year of one of the person's current awards.
pub async fn claim(
    ctx: &Ctx,
    account: &AccountView,
    benefit_id: i64,
    award_year: i64,
) -> Result<Claimed, OpError> {
    let person = account.person_id;
    if let Some(code) = store::claim_of(&ctx.db, benefit_id, person, award_year).await? {
        return Ok(Claimed { code, new: false });
    }
    let today = ctx.today().await?;
    // Read before the transaction: a claim holds one connection and reads nothing beside it,
    // so a burst of claims cannot use up the pool waiting on each other.
    let program = super::program_name(ctx).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let kind = store::is_offered(&mut tx, benefit_id, person, award_year, today)
        .await?
        .ok_or(OpError::new(ErrorCode::NotFound))?;
    let Some(claim_id) = store::insert_claim(&mut tx, benefit_id, person, award_year, now).await?
    else {
        // Another click made this claim meanwhile: answer with its code.
        drop(tx);
        let code = store::claim_of(&ctx.db, benefit_id, person, award_year).await?.flatten();
        return Ok(Claimed { code, new: false });
    };
    let with_code = BenefitKind::parse(&kind) == Some(BenefitKind::LicenseCode);
    if with_code {
        let Some(code_id) = store::take_code(&mut tx, benefit_id, now).await? else {
            tracing::info!(benefit_id, "a claim found the pool empty");
            return Err(OpError::new(ErrorCode::PoolEmpty));
        };
        store::set_claim_code(&mut tx, claim_id, code_id).await?;
        warn_when_low(ctx, &mut tx, benefit_id, &program, now).await?;
    }
    let detail = format!("award_year={award_year}");
    let subject = ("benefit", benefit_id);
    record(&mut tx, Some(account.account_id), AuditAction::BenefitClaimed, subject, &detail, now)
        .await?;
    tx.commit().await?;
    let code = store::claim_of(&ctx.db, benefit_id, person, award_year).await?.flatten();
    Ok(Claimed { code, new: true })
}

/// Tells every admin, once per crossing, that the pool fell to its warning mark.
async fn warn_when_low(
    ctx: &Ctx,
    tx: &mut plaudit_store::Tx,
    benefit_id: i64,
    program: &str,
    now: jiff::Timestamp,
) -> Result<(), OpError> {
    let Some(benefit) = store::by_id_in(tx, benefit_id).await? else { return Ok(()) };
    if benefit.codes_left > benefit.low_pool_warning
        || !store::mark_low_pool_notified(tx, benefit_id, now).await?
    {
        return Ok(());
    }
    let name = benefit.name.as_str();
    let notice = Notice::new(
        "benefit_pool_low",
        Msg::new("mail-benefit-pool-low-subject").arg("benefit", name),
    )
    .paragraph(
        Msg::new("mail-benefit-pool-low-body")
            .arg("benefit", name)
            .arg("left", benefit.codes_left)
            .arg("warning", benefit.low_pool_warning),
    )
    .link(
        Msg::new("mail-benefit-pool-low-link"),
        ctx.link(&format!("/admin/benefits/{benefit_id}")),
    );
    for admin in store::admins(tx).await? {
        let lang = admin.language.as_deref().and_then(Lang::parse).unwrap_or_default();
        let mail = notice.render(lang, &admin.email, program).map_err(OpError::internal)?;
        plaudit_store::mail::enqueue(tx, &mail, now).await?;
    }
    Ok(())
}
