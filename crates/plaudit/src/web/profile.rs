//! The person's own profile: the form, saving it, uploading a photo, and serving photos. Each
//! handler calls one operation from `ops::profile`; a refused form comes back with everything
//! that was typed and each problem next to its field.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::i18n::Msg;
use crate::markdown;
use crate::ops::profile::{self, ProfileInput, ProfileView};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

/// The size the profile page shows the photo at.
const SHOWN_SIZE: u32 = 160;

/// How long a photo address may be cached: it changes with every new photo.
const PHOTO_CACHE: &str = "public, max-age=31536000, immutable";

/// The form's fields as a browser sends them: `areas` repeated, the boxes present when ticked.
fn input_from_form(pairs: &[(String, String)]) -> ProfileInput {
    let mut input = ProfileInput::default();
    for (name, value) in pairs {
        match name.as_str() {
            "name" => input.name.clone_from(value),
            "headline" => input.headline.clone_from(value),
            "bio" => input.bio.clone_from(value),
            "country" => input.country.clone_from(value),
            "region" => input.region.clone_from(value),
            "employer" => input.employer.clone_from(value),
            "links" => input.links.clone_from(value),
            "areas" => input.areas.push(value.clone()),
            "languages" => input.languages.clone_from(value),
            "minimum_age" => input.minimum_age = true,
            "code_of_conduct" => input.code_of_conduct = true,
            _ => {}
        }
    }
    input
}

pub(super) struct AreaChoice {
    slug: String,
    label: String,
    chosen: bool,
}

/// The minimum age the program asks to confirm, and whether the person did.
pub(super) struct AgeConfirmation {
    age: i64,
    /// Once confirmed, the sentence saying when: the page says so instead of asking.
    confirmed: Option<String>,
}

/// The code of conduct the program asks to accept, and whether the person did.
pub(super) struct CodeAcceptance {
    version: String,
    /// Once this version is accepted, the sentence saying when: the page says so instead of
    /// asking.
    accepted: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "profile/form.html")]
pub(super) struct ProfilePage {
    nav: Nav,
    input: ProfileInput,
    errors: FieldErrors,
    areas: Vec<AreaChoice>,
    /// The photo's address at [`SHOWN_SIZE`], when there is one.
    photo: Option<String>,
    photo_alt: String,
    shown_size: u32,
    /// Where the photo form posts, with its CSRF token (a multipart body is not read for it).
    upload_action: String,
    /// The bio as the profile will show it.
    bio_html: String,
    age: Option<AgeConfirmation>,
    code: Option<CodeAcceptance>,
}

/// The profile page showing `input` (what is stored, or what was typed into a refused form).
async fn profile_page(
    state: &AppState,
    page: &PageCtx,
    view: &ProfileView,
    input: ProfileInput,
    errors: FieldErrors,
) -> Result<ProfilePage, PageError> {
    let lang = page.lang;
    let areas = crate::ops::contributions::area_options(&state.ctx)
        .await?
        .into_iter()
        .map(|a| AreaChoice { chosen: input.areas.contains(&a.slug), label: a.label, slug: a.slug })
        .collect();
    let tz = state.ctx.time_zone().await?;
    let on = |at: jiff::Timestamp| lang.date(tz.local_date(at));
    let age = (view.minimum_age > 0).then(|| AgeConfirmation {
        age: view.minimum_age,
        confirmed: view.age_confirmed_at.map(|at| {
            let said = Msg::new("profile-age-confirmed").arg("age", view.minimum_age);
            lang.msg(&said.arg("date", on(at)))
        }),
    });
    let code = view.code_of_conduct_version.clone().map(|version| CodeAcceptance {
        accepted: match &view.accepted_code_of_conduct {
            Some((accepted, at)) if *accepted == version => {
                let said = Msg::new("profile-code-accepted").arg("version", version.as_str());
                Some(lang.msg(&said.arg("date", at.map(on).unwrap_or_default())))
            }
            _ => None,
        },
        version,
    });
    // The stored name names the photo: a refused form's typed one may be empty.
    let photo_alt = Msg::new("profile-photo-alt").arg("name", view.input.name.as_str());
    let nav = page.nav().await;
    let upload_action = "/profile/photo".to_owned();
    Ok(ProfilePage {
        bio_html: markdown::render(&input.bio),
        nav,
        input,
        errors,
        areas,
        photo: view.photo_path(SHOWN_SIZE),
        photo_alt: lang.msg(&photo_alt),
        shown_size: SHOWN_SIZE,
        upload_action,
        age,
        code,
    })
}

pub(super) async fn form(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<ProfilePage, PageError> {
    let user = page.signed_in()?;
    let view = profile::profile(&state.ctx, &user.account).await?;
    let input = view.input.clone();
    profile_page(&state, &page, &view, input, FieldErrors::new()).await
}

pub(super) async fn save(
    State(state): State<AppState>,
    page: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let input = input_from_form(&pairs);
    match profile::save_profile(&state.ctx, &user.account, input.clone()).await {
        Ok(()) => {
            page.flash(&Msg::new("profile-saved")).await;
            Ok(Redirect::to("/profile").into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let view = profile::profile(&state.ctx, &user.account).await?;
            let shown = profile_page(&state, &page, &view, input, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The uploaded file of the photo form, or why the body could not be read.
async fn uploaded_photo(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Vec<u8>, OpError> {
    let mut multipart = multipart.map_err(|_| OpError::new(ErrorCode::MalformedRequest))?;
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            OpError::new(ErrorCode::PayloadTooLarge)
        } else {
            OpError::new(ErrorCode::MalformedRequest)
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        if field.name() == Some("photo") {
            return Ok(field.bytes().await.map_err(unreadable)?.to_vec());
        }
    }
    // No file chosen: the media check says the upload is empty.
    Ok(Vec::new())
}

pub(super) async fn upload_photo(
    State(state): State<AppState>,
    page: PageCtx,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let bytes = uploaded_photo(multipart).await?;
    match profile::set_photo(&state.ctx, &user.account, bytes).await {
        Ok(_) => {
            page.flash(&Msg::new("profile-photo-saved")).await;
            Ok(Redirect::to("/profile").into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let view = profile::profile(&state.ctx, &user.account).await?;
            let input = view.input.clone();
            let shown = profile_page(&state, &page, &view, input, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct PhotoQuery {
    /// The photo's version the address was made for.
    v: Option<i64>,
}

/// One size of a person's photo. The address of the current version is cached for good; any
/// other is sent on to it, uncached.
pub(super) async fn photo(
    State(state): State<AppState>,
    Path((person_id, size)): Path<(i64, String)>,
    Query(query): Query<PhotoQuery>,
) -> Result<Response, PageError> {
    let size: u32 = size.parse().map_err(|_| PageError::not_found())?;
    let found = profile::photo(&state.ctx, person_id, size).await?;
    if query.v != Some(found.version) {
        let mut response =
            Redirect::temporary(&profile::photo_path(person_id, size, found.version))
                .into_response();
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        return Ok(response);
    }
    let content_type = HeaderValue::from_str(&found.content_type)
        .unwrap_or(HeaderValue::from_static(plaudit_media::CONTENT_TYPE));
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CACHE_CONTROL, HeaderValue::from_static(PHOTO_CACHE)),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
    ];
    Ok((headers, found.bytes).into_response())
}
