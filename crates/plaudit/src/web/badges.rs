//! The public face of a credential: its verification page for people, its signed JSON, the
//! badge image with the credential baked in, the issuer profile and the revocation list.
//! All are public pages, cached like the others and re-signed only when public data changed.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use plaudit_badges::Verification;

use super::directory::HTML;
use super::layout::{Nav, PageCtx};
use super::public_cache::CacheRequest;
use crate::ops::OpError;
use crate::ops::badges::{self as credentials, Checked};
use crate::state::AppState;
use crate::web::PageError;

/// The VC 2.0 media type of a credential secured with an embedded proof.
const CREDENTIAL: &str = plaudit_badges::MEDIA_TYPE;
const JSON_LD: &str = "application/ld+json";
const SVG: &str = "image/svg+xml";

#[derive(Template)]
#[template(path = "credentials/verify.html")]
struct VerifyPage {
    nav: Nav,
    program_name: String,
    valid: bool,
    /// "Valid: issued to …, for …, until …", or exactly why not.
    verdict: String,
    recipient: String,
    recipient_url: String,
    achievement: String,
    term: String,
    credential_id: String,
    canonical: String,
}

pub(super) async fn verify(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let render = || async {
        let lang = page.lang;
        let Checked { award, outcome, .. } = credentials::check(&state.ctx, &id).await?;
        let achievement = format!("{} {}", award.category_name, award.award_year);
        let tz = state.ctx.time_zone().await?;
        let day = |at: jiff::Timestamp| lang.date(tz.local_date(at));
        // A term is valid until the first instant after its last day: people read the last day.
        let last_day = |until: jiff::Timestamp| {
            day(until.checked_sub(jiff::SignedDuration::from_secs(1)).unwrap_or(until))
        };
        let (valid, verdict, term) = match &outcome {
            Verification::Valid { recipient_name, achievement_name, valid_from, valid_until } => (
                true,
                lang.msg(
                    &crate::i18n::Msg::new("credential-valid")
                        .arg("recipient", recipient_name.clone())
                        .arg("achievement", achievement_name.clone())
                        .arg("until", last_day(*valid_until)),
                ),
                format!("{} – {}", day(*valid_from), last_day(*valid_until)),
            ),
            Verification::Invalid(problem) => {
                (false, lang.t(credentials::problem_message_id(problem)), {
                    let date = |text: &str| {
                        text.parse::<jiff::civil::Date>()
                            .map_or_else(|_| text.to_owned(), |d| lang.date(d))
                    };
                    let ended = award.ended_early_on.as_deref().unwrap_or(&award.ends_on);
                    format!("{} – {}", date(&award.starts_on), date(ended))
                })
            }
        };
        let view = VerifyPage {
            nav: page.nav().await,
            program_name: state.ctx.program_name().await?,
            valid,
            verdict,
            recipient: award.display_name.clone(),
            recipient_url: format!("/people/{}", award.person_slug),
            achievement,
            term,
            canonical: state.ctx.link(&credentials::credential_path(&award.credential_id)),
            credential_id: award.credential_id,
        };
        view.render().map_err(|e| PageError(OpError::internal(e)))
    };
    state.public_pages.respond(&state, &page, &request, HTML, render).await
}

fn json(value: &serde_json::Value) -> Result<String, PageError> {
    serde_json::to_string_pretty(value).map_err(|e| PageError(OpError::internal(e)))
}

pub(super) async fn credential(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let render = || async { json(&credentials::credential(&state.ctx, &id).await?) };
    state.public_pages.respond(&state, &page, &request, CREDENTIAL, render).await
}

/// The badge image, with its credential baked in as the Open Badges baking rules say, so the
/// image alone proves the award.
pub(super) async fn badge(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let render = || async {
        let credential = credentials::credential(&state.ctx, &id).await?;
        let name = credential["credentialSubject"]["achievement"]["name"].as_str().unwrap_or("");
        let issuer = credential["issuer"]["name"].as_str().unwrap_or("");
        let svg = plaudit_badges::badge_svg(name, issuer);
        plaudit_badges::bake_svg(&svg, &credential).map_err(|e| PageError(OpError::internal(e)))
    };
    state.public_pages.respond(&state, &page, &request, SVG, render).await
}

pub(super) async fn issuer(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
) -> Result<Response, PageError> {
    let render = || async { json(&credentials::issuer_profile(&state.ctx).await?) };
    state.public_pages.respond(&state, &page, &request, JSON_LD, render).await
}

pub(super) async fn status_list(
    State(state): State<AppState>,
    page: PageCtx,
    request: CacheRequest,
) -> Result<Response, PageError> {
    let render = || async { json(&credentials::status_list(&state.ctx).await?) };
    state.public_pages.respond(&state, &page, &request, CREDENTIAL, render).await
}
