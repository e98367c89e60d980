//! The program's settings and its code of conduct, as admins keep them. Each handler calls one
//! operation from `ops::settings`; a refused form comes back with everything that was typed
//! and each problem next to its field.

use std::sync::OnceLock;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::i18n::{Lang, Msg};
use crate::markdown;
use crate::ops::ErrorCode;
use crate::ops::settings::{self, CodeOfConductInput, SettingsInput};
use crate::state::AppState;
use crate::web::PageError;

/// The form's fields as a browser sends them: the boxes present when ticked.
fn input_from_form(pairs: &[(String, String)]) -> SettingsInput {
    let mut input = SettingsInput::default();
    for (name, value) in pairs {
        match name.as_str() {
            "name" => input.name.clone_from(value),
            "tagline" => input.tagline.clone_from(value),
            "sponsor_name" => input.sponsor_name.clone_from(value),
            "sponsor_domains" => input.sponsor_domains.clone_from(value),
            "minimum_age" => input.minimum_age.clone_from(value),
            "self_nomination_allowed" => input.self_nomination_allowed = true,
            "member_endorsements_allowed" => input.member_endorsements_allowed = true,
            "multiple_categories_allowed" => input.multiple_categories_allowed = true,
            "blind_review" => input.blind_review = true,
            "score_aggregation" => input.score_aggregation.clone_from(value),
            "review_quorum" => input.review_quorum.clone_from(value),
            "reviewer_regions_enabled" => input.reviewer_regions_enabled = true,
            "renewal_month" => input.renewal_month.clone_from(value),
            "renewal_day" => input.renewal_day.clone_from(value),
            "time_zone" => input.time_zone.clone_from(value),
            "default_language" => input.default_language.clone_from(value),
            "share_rationale" => input.share_rationale = true,
            "renewal_reminder_days" => input.renewal_reminder_days.clone_from(value),
            _ => {}
        }
    }
    input
}

/// The time zones the form suggests: every region/city name of the time zone database, and
/// UTC (the old aliases and `Etc/…` offsets are accepted when typed, not offered).
fn time_zones() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = jiff::tz::db()
            .available()
            .map(|name| name.as_str().to_owned())
            .filter(|name| {
                name.contains('/')
                    && !["Etc/", "SystemV/", "US/", "posix/", "right/"]
                        .iter()
                        .any(|p| name.starts_with(p))
            })
            .collect();
        names.push("UTC".to_owned());
        names.sort();
        names.dedup();
        names
    })
}

pub(super) struct Choice {
    value: String,
    label: String,
    chosen: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/settings.html")]
pub(super) struct SettingsPage {
    nav: Nav,
    input: SettingsInput,
    errors: FieldErrors,
    months: Vec<Choice>,
    aggregations: Vec<Choice>,
    languages: Vec<Choice>,
    time_zones: &'static [String],
    code_of_conduct_version: Option<String>,
    set_up: bool,
}

async fn settings_page(
    state: &AppState,
    page: &PageCtx,
    input: SettingsInput,
    errors: FieldErrors,
) -> Result<SettingsPage, PageError> {
    let stored = settings::stored(&state.ctx).await?;
    let lang = page.lang;
    let months = (1..=12)
        .map(|m: i64| Choice {
            value: m.to_string(),
            label: lang.t(&format!("month-{m}")),
            chosen: input.renewal_month.trim() == m.to_string(),
        })
        .collect();
    let aggregations = plaudit_domain::kinds::ScoreAggregation::ALL
        .iter()
        .map(|a| Choice {
            value: a.as_str().to_owned(),
            label: lang.t(&format!("settings-aggregation-{}", a.as_str())),
            chosen: input.score_aggregation == a.as_str(),
        })
        .collect();
    let server = state.config.default_language();
    let mut languages = vec![Choice {
        value: String::new(),
        label: lang
            .msg(&Msg::new("settings-language-server").arg("language", server.native_name())),
        chosen: input.default_language.is_empty(),
    }];
    languages.extend(Lang::ALL.iter().map(|l| Choice {
        value: l.code().to_owned(),
        label: l.native_name().to_owned(),
        chosen: input.default_language == l.code(),
    }));
    Ok(SettingsPage {
        nav: page.nav().await,
        input,
        errors,
        months,
        aggregations,
        languages,
        time_zones: time_zones(),
        code_of_conduct_version: stored.code_of_conduct_version,
        set_up: stored.set_up,
    })
}

pub(super) async fn form(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<SettingsPage, PageError> {
    let input = settings::stored(&state.ctx).await?.input;
    settings_page(&state, &page, input, FieldErrors::new()).await
}

pub(super) async fn save(
    State(state): State<AppState>,
    page: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let input = input_from_form(&pairs);
    match settings::save(&state.ctx, admin, &input).await {
        Ok(changed) => {
            // This server reads the program's language again at once; the others within
            // seconds.
            state.language.forget();
            let message = if changed.is_empty() {
                Msg::new("settings-unchanged")
            } else {
                let names: Vec<String> =
                    changed.iter().map(|f| page.t(&format!("settings-field-{f}"))).collect();
                Msg::new("settings-saved").arg("fields", names.join(", "))
            };
            page.flash(&message).await;
            Ok(Redirect::to("/admin/settings").into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let shown = settings_page(&state, &page, input, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) struct CodeView {
    version: String,
    published: String,
    current: bool,
    html: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/code_of_conduct.html")]
pub(super) struct CodeOfConductPage {
    nav: Nav,
    input: CodeOfConductInput,
    errors: FieldErrors,
    codes: Vec<CodeView>,
}

async fn code_page(
    state: &AppState,
    page: &PageCtx,
    input: CodeOfConductInput,
    errors: FieldErrors,
) -> Result<CodeOfConductPage, PageError> {
    let tz = state.ctx.time_zone().await?;
    let codes = settings::codes_of_conduct(&state.ctx)
        .await?
        .into_iter()
        .map(|c| CodeView {
            published: page.lang.date(tz.local_date(c.published_at)),
            html: markdown::render(&c.body),
            current: c.current,
            version: c.version,
        })
        .collect();
    Ok(CodeOfConductPage { nav: page.nav().await, input, errors, codes })
}

pub(super) async fn code_of_conduct(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<CodeOfConductPage, PageError> {
    code_page(&state, &page, CodeOfConductInput::default(), FieldErrors::new()).await
}

pub(super) async fn publish_code_of_conduct(
    State(state): State<AppState>,
    page: PageCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let admin = page.account_id()?;
    let mut input = CodeOfConductInput::default();
    for (name, value) in pairs {
        match name.as_str() {
            "version" => input.version = value,
            "body" => input.body = value,
            _ => {}
        }
    }
    match settings::publish_code_of_conduct(&state.ctx, admin, &input).await {
        Ok(version) => {
            page.flash(&Msg::new("code-published").arg("version", version)).await;
            Ok(Redirect::to("/admin/code-of-conduct").into_response())
        }
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let errors = field_errors(&e, page.lang);
            let shown = code_page(&state, &page, input, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
