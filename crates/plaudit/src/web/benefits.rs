//! Benefits: an awardee's page of what their award gives them (claiming a code), and the
//! admins' pages that define benefits, offer them to categories by award year, and fill their
//! pools of codes from a file (a dry run first, as the contribution import does: the file
//! travels base64url-encoded in the confirm form, and is checked again before it is written).
//! Each handler calls one operation from `ops::benefits`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use plaudit_domain::benefit::{BenefitKind, CodeFile};
use plaudit_store::benefits::BenefitRow;
use plaudit_store::directory::CategoryLabel;
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx, private_page, stored_day};
use crate::i18n::{Lang, Msg};
use crate::ops::benefits::{self, BenefitInput, MAX_FILE_BYTES, YearOffer};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

/// The codes upload's body: the file and the CSRF token, with room for the form's framing.
pub const UPLOAD_BODY_LIMIT: usize = MAX_FILE_BYTES + (64 << 10);
/// The confirm form's body: the file in base64url and the CSRF token.
pub const CONFIRM_BODY_LIMIT: usize = MAX_FILE_BYTES.div_ceil(3) * 4 + (64 << 10);

// ------------------------------------------------------------------ the awardee's page

/// One benefit as its awardee sees it.
pub(super) struct OwnView {
    id: i64,
    name: String,
    description: String,
    award_year: i64,
    offered: bool,
    with_code: bool,
    code: Option<String>,
    claimed_on: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "benefits/mine.html")]
pub(super) struct MinePage {
    nav: Nav,
    current: Vec<OwnView>,
    earlier: Vec<OwnView>,
}

/// GET /benefits: what the signed-in awardee's awards give them.
pub(super) async fn mine(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let zone = state.ctx.time_zone().await?;
    let lang = page.lang;
    let (current, earlier): (Vec<_>, Vec<_>) = benefits::own(&state.ctx, user.account.person_id)
        .await?
        .into_iter()
        .map(|b| OwnView {
            id: b.benefit_id,
            with_code: BenefitKind::parse(&b.kind) == Some(BenefitKind::LicenseCode),
            name: b.name,
            description: b.description,
            award_year: b.award_year,
            offered: b.offered,
            code: b.code,
            claimed_on: b.claimed_at.map(|at| stored_day(lang, &zone, at)),
        })
        .partition(|b| b.offered);
    let view = MinePage { nav: page.nav().await, current, earlier };
    Ok(private_page(view.into_response()))
}

#[derive(Debug, Deserialize)]
pub(super) struct ClaimForm {
    #[serde(default)]
    award_year: String,
}

/// POST /benefits/{id}/claim: claims the benefit for an award year, then shows the code.
pub(super) async fn claim(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(form): Form<ClaimForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let award_year =
        form.award_year.trim().parse::<i64>().map_err(|_| OpError::new(ErrorCode::NotFound))?;
    let claimed = benefits::claim(&state.ctx, &user.account, id, award_year).await?;
    let said =
        if claimed.new { Msg::new("benefit-claimed") } else { Msg::new("benefit-claimed-already") };
    page.flash(&said).await;
    Ok(Redirect::to(&format!("/benefits#benefit-{id}-{award_year}")).into_response())
}

// ------------------------------------------------------------------ the admins' pages

fn benefit_input(pairs: &[(String, String)]) -> BenefitInput {
    let mut input = BenefitInput::default();
    for (name, value) in pairs {
        match name.as_str() {
            "name" => input.name.clone_from(value),
            "description" => input.description.clone_from(value),
            "kind" => input.kind.clone_from(value),
            "low_pool_warning" => input.low_pool_warning.clone_from(value),
            "active" => input.active = value == "on" || value == "true",
            _ => {}
        }
    }
    input
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/benefits.html")]
pub(super) struct ListPage {
    nav: Nav,
    benefits: Vec<BenefitRow>,
    input: BenefitInput,
    errors: FieldErrors,
}

impl ListPage {
    fn kind_label(&self, kind: &str) -> String {
        self.nav.lang.t(&format!("benefit-kind-{}", kind.replace('_', "-")))
    }

    fn low(&self, b: &BenefitRow) -> bool {
        b.kind == BenefitKind::LicenseCode.as_str() && b.codes_left <= b.low_pool_warning
    }
}

async fn list_page(
    state: &AppState,
    page: &PageCtx,
    input: BenefitInput,
    errors: FieldErrors,
) -> Result<ListPage, PageError> {
    let benefits = benefits::list(&state.ctx).await?;
    Ok(ListPage { nav: page.nav().await, benefits, input, errors })
}

/// GET /admin/benefits
pub(super) async fn list(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<ListPage, PageError> {
    let input = BenefitInput {
        kind: BenefitKind::LicenseCode.as_str().to_owned(),
        low_pool_warning: "10".to_owned(),
        active: true,
        ..BenefitInput::default()
    };
    list_page(&state, &page, input, FieldErrors::new()).await
}

/// POST /admin/benefits
pub(super) async fn create(
    State(state): State<AppState>,
    page: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let input = benefit_input(&pairs);
    match benefits::create(&state.ctx, admin, &input).await {
        Ok(id) => {
            page.flash(&Msg::new("benefit-created").arg("name", input.name.trim())).await;
            Ok(Redirect::to(&format!("/admin/benefits/{id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let shown = list_page(&state, &page, input, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// One year's offer as the page lists it.
pub(super) struct OfferView {
    award_year: i64,
    categories: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/benefit.html")]
pub(super) struct DetailPage {
    nav: Nav,
    benefit: BenefitRow,
    with_code: bool,
    offers: Vec<OfferView>,
    categories: Vec<CategoryLabel>,
    input: BenefitInput,
    errors: FieldErrors,
    /// The offer form as typed (or the newest year's offer).
    offer_year: String,
    offer_categories: Vec<i64>,
    offer_errors: FieldErrors,
    claims: Vec<ClaimView>,
}

/// A claim as the admin's list shows it.
pub(super) struct ClaimView {
    person: String,
    award_year: i64,
    code: Option<String>,
    claimed_on: String,
}

#[derive(Default)]
struct Typed {
    input: Option<BenefitInput>,
    errors: FieldErrors,
    offer: Option<(String, Vec<i64>)>,
    offer_errors: FieldErrors,
}

fn offer_views(offers: &[YearOffer], categories: &[CategoryLabel]) -> Vec<OfferView> {
    offers
        .iter()
        .map(|o| OfferView {
            award_year: o.award_year,
            categories: categories
                .iter()
                .filter(|c| o.category_ids.contains(&c.id))
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect()
}

async fn detail_page(
    state: &AppState,
    page: &PageCtx,
    id: i64,
    typed: Typed,
) -> Result<DetailPage, PageError> {
    let detail = benefits::detail(&state.ctx, id).await?;
    let zone = state.ctx.time_zone().await?;
    let b = &detail.benefit;
    let input = typed.input.unwrap_or_else(|| BenefitInput {
        name: b.name.clone(),
        description: b.description.clone(),
        kind: b.kind.clone(),
        low_pool_warning: b.low_pool_warning.to_string(),
        active: b.active,
    });
    let (offer_year, offer_categories) =
        typed.offer.unwrap_or_else(|| match detail.offers.first() {
            Some(o) => (o.award_year.to_string(), o.category_ids.clone()),
            None => (String::new(), detail.categories.iter().map(|c| c.id).collect()),
        });
    let offer_year = if offer_year.is_empty() {
        state.ctx.today().await?.year().to_string()
    } else {
        offer_year
    };
    Ok(DetailPage {
        nav: page.nav().await,
        with_code: b.kind == BenefitKind::LicenseCode.as_str(),
        offers: offer_views(&detail.offers, &detail.categories),
        claims: detail
            .claims
            .iter()
            .map(|c| ClaimView {
                person: c.person_name.clone(),
                award_year: c.award_year,
                code: c.code.clone(),
                claimed_on: stored_day(page.lang, &zone, c.claimed_at),
            })
            .collect(),
        benefit: detail.benefit,
        categories: detail.categories,
        input,
        errors: typed.errors,
        offer_year,
        offer_categories,
        offer_errors: typed.offer_errors,
    })
}

/// GET /admin/benefits/{id}
pub(super) async fn show(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    Ok(private_page(detail_page(&state, &page, id, Typed::default()).await?.into_response()))
}

/// POST /admin/benefits/{id}
pub(super) async fn update(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let input = benefit_input(&pairs);
    match benefits::update(&state.ctx, admin, id, &input).await {
        Ok(()) => {
            page.flash(&Msg::new("benefit-saved")).await;
            Ok(Redirect::to(&format!("/admin/benefits/{id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let typed = Typed {
                input: Some(input),
                errors: field_errors(&e, page.lang),
                ..Typed::default()
            };
            let shown = detail_page(&state, &page, id, typed).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /admin/benefits/{id}/offers: the categories an award year offers the benefit to.
pub(super) async fn set_offers(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let year =
        pairs.iter().find(|(n, _)| n == "award_year").map(|(_, v)| v.clone()).unwrap_or_default();
    // A box that is not a number names no category we have: the operation says so.
    let categories: Vec<i64> = pairs
        .iter()
        .filter(|(n, _)| n == "category")
        .map(|(_, v)| v.trim().parse::<i64>().unwrap_or(-1))
        .collect();
    match benefits::set_offers(&state.ctx, admin, id, &year, &categories).await {
        Ok(()) => {
            page.flash(&Msg::new("benefit-offers-saved").arg("year", year.trim())).await;
            Ok(Redirect::to(&format!("/admin/benefits/{id}")).into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let typed = Typed {
                offer: Some((year, categories)),
                offer_errors: field_errors(&e, page.lang),
                ..Typed::default()
            };
            let shown = detail_page(&state, &page, id, typed).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/benefit_codes.html")]
pub(super) struct CodesPage {
    nav: Nav,
    benefit_id: i64,
    benefit_name: String,
    good: i64,
    /// The first good codes, as a sample of what will be added.
    sample: Vec<(u64, String)>,
    /// "Line 7: …", one a line, in file order.
    bad: Vec<String>,
    file_problems: Vec<String>,
    file: String,
}

/// How many good codes the dry run lists: enough to see the file was read right.
const SAMPLE: usize = 20;

fn codes_page(
    nav: Nav,
    lang: Lang,
    benefit: &BenefitRow,
    checked: &CodeFile,
    bytes: &[u8],
) -> CodesPage {
    let bad = checked
        .bad
        .iter()
        .map(|(line, problem)| {
            let problem = lang.msg(&benefits::code_problem_message(problem));
            lang.msg(
                &Msg::new("import-line-problem-whole-line")
                    .arg("line", *line)
                    .arg("problem", problem),
            )
        })
        .collect();
    CodesPage {
        nav,
        benefit_id: benefit.id,
        benefit_name: benefit.name.clone(),
        good: i64::try_from(checked.good.len()).unwrap_or(i64::MAX),
        sample: checked.good.iter().take(SAMPLE).cloned().collect(),
        bad,
        file_problems: checked
            .file_problems
            .iter()
            .map(|p| lang.msg(&benefits::code_file_problem_message(p)))
            .collect(),
        file: if checked.good.is_empty() { String::new() } else { URL_SAFE_NO_PAD.encode(bytes) },
    }
}

fn malformed(e: &axum::extract::multipart::MultipartError) -> OpError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return OpError::new(ErrorCode::PayloadTooLarge);
    }
    tracing::info!(problem = %e.body_text(), "unreadable upload");
    OpError::new(ErrorCode::MalformedRequest)
}

/// POST /admin/benefits/{id}/codes: the dry run of a codes file. Writes nothing.
pub(super) async fn check_codes(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    mut form: Multipart,
) -> Result<Response, PageError> {
    let mut bytes = Vec::new();
    while let Some(part) = form.next_field().await.map_err(|e| malformed(&e))? {
        if part.name() == Some("file") {
            bytes = part.bytes().await.map_err(|e| malformed(&e))?.to_vec();
        }
    }
    let checked = benefits::check_codes(&state.ctx, id, &bytes).await?;
    let benefit = benefits::detail(&state.ctx, id).await?.benefit;
    let status = if checked.file_problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = codes_page(page.nav().await, page.lang, &benefit, &checked, &bytes);
    Ok(private_page((status, view).into_response()))
}

#[derive(Debug, Deserialize)]
pub(super) struct ConfirmForm {
    #[serde(default)]
    file: String,
}

/// POST /admin/benefits/{id}/codes/confirm: adds the good codes of the checked file.
pub(super) async fn add_codes(
    State(state): State<AppState>,
    page: PageCtx,
    Path(id): Path<i64>,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let bytes = URL_SAFE_NO_PAD
        .decode(form.file.trim())
        .map_err(|_| OpError::new(ErrorCode::MalformedRequest))?;
    let report = benefits::add_codes(&state.ctx, admin, id, &bytes).await?;
    if report.added == 0 {
        let benefit = benefits::detail(&state.ctx, id).await?.benefit;
        let view = codes_page(page.nav().await, page.lang, &benefit, &report.checked, &bytes);
        return Ok(private_page((StatusCode::UNPROCESSABLE_ENTITY, view).into_response()));
    }
    let done = Msg::new("benefit-codes-added")
        .arg("added", report.added)
        .arg("skipped", report.checked.bad.len());
    page.flash(&done).await;
    Ok(Redirect::to(&format!("/admin/benefits/{id}")).into_response())
}
