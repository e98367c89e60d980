//! A person's contributions as files: the import page that explains the CSV format, the dry
//! run an upload answers with, the confirmation that imports, and the downloads (the
//! template, and the person's own contributions as CSV or JSON). Each handler calls one
//! operation from `ops::contribution_files`.
//!
//! Between the dry run and the confirmation the file travels with the page: the dry run
//! carries it, base64url-encoded, in a hidden field of its confirm form, and the confirm
//! step checks it again from scratch. So the server keeps nothing between the two steps
//! (no session growing by megabytes, no table of pending uploads to purge, nothing one
//! replica holds that another lacks), and the confirmation trusts nothing the browser sends
//! except the file itself: a file changed in between is simply checked as a new upload,
//! which the person could have made anyway. base64url keeps the bytes exact (a text area
//! would turn line breaks into CRLF and drop NULs) and needs no escaping in a form.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use plaudit_domain::contribution::csv::columns;
use plaudit_domain::contribution::field;
use plaudit_domain::kinds::{
    Audience, ContributionRole, ContributionType, ReachMetric, Visibility,
};
use serde::Deserialize;

use super::layout::{Nav, PageCtx};
use crate::api::candidate::Contribution;
use crate::i18n::{Lang, Msg};
use crate::ops::contribution_files::{self, ImportPreview, MAX_FILE_BYTES};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

/// The upload form's body: the file and the CSRF token, with room for the form's framing.
pub const UPLOAD_BODY_LIMIT: usize = MAX_FILE_BYTES + (64 << 10);
/// The confirm form's body: the file in base64url (four characters for three bytes) and the
/// CSRF token.
pub const CONFIRM_BODY_LIMIT: usize = MAX_FILE_BYTES.div_ceil(3) * 4 + (64 << 10);

/// A value a column accepts, with its name in the reader's language.
pub(super) struct Value {
    code: &'static str,
    label: String,
}

/// One column of the file, as the import page explains it.
pub(super) struct ColumnHelp {
    name: &'static str,
    required: bool,
    /// What the column holds.
    help: String,
    /// The values it accepts, for a vocabulary.
    values: Vec<Value>,
}

#[derive(Template, WebTemplate)]
#[template(path = "contributions/import.html")]
pub(super) struct ImportPage {
    nav: Nav,
    columns: Vec<ColumnHelp>,
    /// The program's technology areas.
    areas: Vec<AreaValue>,
    example: String,
    max_megabytes: i64,
}

fn values<T: Copy>(all: &[T], code: fn(T) -> &'static str, prefix: &str, lang: Lang) -> Vec<Value> {
    all.iter()
        .map(|&v| Value { code: code(v), label: lang.t(&format!("{prefix}{}", code(v))) })
        .collect()
}

/// The columns in the export's order, explained in `lang`: the domain's field list, so a
/// column added there is explained here (its words are `import-column-<name>`).
fn column_help(lang: Lang) -> Vec<ColumnHelp> {
    columns()
        .map(|(name, required)| {
            let values = match name {
                field::TYPE => values(
                    ContributionType::ALL,
                    ContributionType::as_str,
                    "contribution-type-",
                    lang,
                ),
                field::ROLE => values(
                    ContributionRole::ALL,
                    ContributionRole::as_str,
                    "contribution-role-",
                    lang,
                ),
                field::VISIBILITY => {
                    values(Visibility::ALL, Visibility::as_str, "visibility-", lang)
                }
                field::AUDIENCES => values(Audience::ALL, Audience::as_str, "audience-", lang),
                _ => Vec::new(),
            };
            let help = match name.parse::<ReachMetric>() {
                Ok(metric) => {
                    let types: Vec<String> = ContributionType::ALL
                        .iter()
                        .filter(|t| t.reach_metrics().contains(&metric))
                        .map(|t| lang.t(&format!("contribution-type-{}", t.as_str())))
                        .collect();
                    lang.msg(
                        &Msg::new("import-column-reach")
                            .arg("label", lang.t(&format!("reach-{name}")))
                            .arg("types", types.join(", ")),
                    )
                }
                Err(_) => lang.t(&format!("import-column-{name}")),
            };
            ColumnHelp { name, required, help, values }
        })
        .collect()
}

pub(super) async fn import_page(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<ImportPage, PageError> {
    page.signed_in()?;
    let lang = page.lang;
    let areas = crate::ops::contributions::area_options(&state.ctx)
        .await?
        .into_iter()
        .map(|a| AreaValue { label: a.label, slug: a.slug })
        .collect();
    let today = state.ctx.today().await?;
    let example = format!(
        "type,title,started_on,role,url,views\n\
         blog_post,{},{today},author,https://blog.example.org/rust-build,1200\n\
         speaking_meetup,{},{today},speaker,,",
        lang.t("import-example-title"),
        lang.t("import-example-talk"),
    );
    Ok(ImportPage {
        nav: page.nav().await,
        columns: column_help(lang),
        areas,
        example,
        max_megabytes: i64::try_from(MAX_FILE_BYTES >> 20).unwrap_or(i64::MAX),
    })
}

/// A technology area a file may name.
pub(super) struct AreaValue {
    slug: String,
    label: String,
}

/// One good line of the dry run.
pub(super) struct GoodRow {
    line: u64,
    kind: String,
    title: String,
    date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "contributions/dry_run.html")]
pub(super) struct DryRunPage {
    nav: Nav,
    good: Vec<GoodRow>,
    /// "Line 7: title — This is required.", one a problem, in file order.
    bad: Vec<String>,
    /// How many lines are left out (a line may have several problems).
    bad_lines: i64,
    file_problems: Vec<String>,
    /// The file, base64url-encoded, for the confirm form.
    file: String,
}

fn dry_run_page(nav: Nav, lang: Lang, preview: &ImportPreview, bytes: &[u8]) -> DryRunPage {
    let good = preview
        .good
        .iter()
        .map(|g| GoodRow {
            line: g.line,
            kind: lang
                .t(&format!("contribution-type-{}", g.contribution.contribution_type.as_str())),
            title: g.contribution.title.clone(),
            date: lang.date(g.contribution.started_on),
        })
        .collect();
    let bad = preview
        .bad
        .iter()
        .flat_map(|b| {
            b.problems.iter().map(move |p| {
                let problem = lang.msg(&p.message);
                let said = match p.column {
                    Some(column) => Msg::new("import-line-problem")
                        .arg("line", b.line)
                        .arg("column", column)
                        .arg("problem", problem),
                    None => Msg::new("import-line-problem-whole-line")
                        .arg("line", b.line)
                        .arg("problem", problem),
                };
                lang.msg(&said)
            })
        })
        .collect();
    DryRunPage {
        nav,
        good,
        bad,
        bad_lines: i64::try_from(preview.bad.len()).unwrap_or(i64::MAX),
        file_problems: preview.file_problems.iter().map(|m| lang.msg(m)).collect(),
        file: if preview.good.is_empty() { String::new() } else { URL_SAFE_NO_PAD.encode(bytes) },
    }
}

fn malformed(e: &axum::extract::multipart::MultipartError) -> OpError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return OpError::new(ErrorCode::PayloadTooLarge);
    }
    tracing::info!(problem = %e.body_text(), "unreadable upload");
    OpError::new(ErrorCode::MalformedRequest)
}

/// POST /contributions/import: the dry run. Writes nothing.
pub(super) async fn preview(
    State(state): State<AppState>,
    page: PageCtx,
    mut form: Multipart,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    // No file chosen reads as an empty file, which the check refuses with its reason.
    let mut bytes = Vec::new();
    while let Some(part) = form.next_field().await.map_err(|e| malformed(&e))? {
        if part.name() == Some("file") {
            bytes = part.bytes().await.map_err(|e| malformed(&e))?.to_vec();
        }
    }
    let preview = contribution_files::preview_import(&state.ctx, &user.account, &bytes).await?;
    let status = if preview.file_problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = dry_run_page(page.nav().await, page.lang, &preview, &bytes);
    Ok((status, view).into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct ConfirmForm {
    /// The file the dry run showed, base64url-encoded.
    #[serde(default)]
    file: String,
}

/// POST /contributions/import/confirm: imports the good lines of the file the dry run
/// carried, checked again, then goes back to the list.
pub(super) async fn confirm(
    State(state): State<AppState>,
    page: PageCtx,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let bytes = URL_SAFE_NO_PAD
        .decode(form.file.trim())
        .map_err(|_| OpError::new(ErrorCode::MalformedRequest))?;
    let report = contribution_files::import(&state.ctx, &user.account, &bytes).await?;
    if report.imported == 0 {
        // Nothing was good any more (added meanwhile in another tab, say): say why.
        let view = dry_run_page(page.nav().await, page.lang, &report.checked, &bytes);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
    }
    let done = Msg::new("import-done")
        .arg("imported", report.imported)
        .arg("skipped", report.checked.bad.len());
    page.flash(&done).await;
    Ok(Redirect::to("/contributions").into_response())
}

/// A download: never cached, saved under `filename`.
fn attachment(content_type: &'static str, filename: &str, body: String) -> Response {
    let disposition = format!("attachment; filename=\"{filename}\"");
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// GET /contributions/import/template.csv: every column, and one example line.
pub(super) async fn template(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    page.signed_in()?;
    let csv = contribution_files::template_csv(&state.ctx, &page.t("import-example-title")).await?;
    Ok(attachment("text/csv; charset=utf-8", "contributions-template.csv", csv))
}

/// GET /contributions/export.csv: the person's contributions, as an import reads them back.
pub(super) async fn export_csv(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let csv = contribution_files::export_csv(&state.ctx, &user.account).await?;
    let today = state.ctx.today().await?;
    Ok(attachment("text/csv; charset=utf-8", &format!("contributions-{today}.csv"), csv))
}

#[derive(serde::Serialize)]
struct JsonExport {
    contributions: Vec<Contribution>,
}

/// GET /contributions/export.json: the person's contributions, each as the API answers it.
pub(super) async fn export_json(
    State(state): State<AppState>,
    page: PageCtx,
) -> Result<Response, PageError> {
    let user = page.signed_in()?;
    let exported = contribution_files::export(&state.ctx, &user.account).await?;
    let export = JsonExport { contributions: exported.into_iter().map(Into::into).collect() };
    let json = serde_json::to_string_pretty(&export).map_err(|e| {
        tracing::error!(error = %e, "the export does not serialize");
        OpError::new(ErrorCode::Internal)
    })?;
    let today = state.ctx.today().await?;
    Ok(attachment("application/json", &format!("contributions-{today}.json"), json))
}
