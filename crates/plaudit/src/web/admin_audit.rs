//! The audit log for admins: a page of entries, newest first, filtered by a GET form (so a
//! filtered view is a link to share, and it works without a script), paged by the key of the
//! entry a page ends at, and the same entries as a CSV download. Each handler checks the
//! filters with `ops::audit_log`; filters that do not check out come back on the page with
//! what was typed and what is wrong, for the download too.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use plaudit_domain::cycle::ProgramTimeZone;
use plaudit_store::audit::{Cursor, Key};

use super::account::{FieldErrors, field_errors};
use super::layout::{Nav, PageCtx};
use crate::i18n::{Lang, Msg};
use crate::ops::audit_log::{
    self, AuditActor, AuditEntry, AuditPage, FilterInput, action_message_id, families,
    family_message_id, family_value, members,
};
use crate::ops::{ErrorCode, OpError};
use crate::state::AppState;
use crate::web::PageError;

#[derive(Template, WebTemplate)]
#[template(path = "admin/audit.html")]
pub(super) struct AuditLogPage {
    nav: Nav,
    /// The filters as typed, shown again.
    typed: FilterInput,
    actions: Vec<ActionGroup>,
    errors: FieldErrors,
    entries: Vec<EntryRow>,
    newer: Option<String>,
    older: Option<String>,
    /// The same filters as a CSV download; None while they do not check out.
    csv: Option<String>,
    /// Some filter is set.
    filtered: bool,
    time_zone: String,
}

/// A family of actions in the action list.
pub(super) struct ActionGroup {
    label: String,
    options: Vec<ActionOption>,
}

pub(super) struct ActionOption {
    value: String,
    label: String,
    selected: bool,
}

pub(super) struct EntryRow {
    /// RFC 3339, for `<time datetime>`.
    datetime: String,
    /// In the program's time zone.
    when: String,
    /// The account's name and address, when an account acted.
    actor_name: Option<String>,
    actor_email: Option<String>,
    /// What stands for the actor otherwise.
    actor_note: Option<String>,
    action: String,
    subject: String,
    /// The admin page of the account the entry is about.
    subject_link: Option<String>,
    detail: String,
    ip: Option<String>,
}

/// The first value of `name` in the query, trimmed.
fn param(pairs: &[(String, String)], name: &str) -> String {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_owned()).unwrap_or_default()
}

fn filter_input(pairs: &[(String, String)]) -> FilterInput {
    FilterInput {
        action: param(pairs, "action"),
        actor: param(pairs, "actor"),
        subject_type: param(pairs, "subject_type"),
        subject_id: param(pairs, "subject_id"),
        from: param(pairs, "from"),
        to: param(pairs, "to"),
    }
}

/// A key in a page link: `<at>_<id>`.
fn key_param(key: Key) -> String {
    format!("{}_{}", key.at, key.id)
}

fn parse_key(value: &str) -> Option<Key> {
    let (at, id) = value.split_once('_')?;
    Some(Key { at: at.parse().ok()?, id: id.parse().ok()? })
}

/// Where the page starts. Page links are ours: one that does not read as a key is ignored,
/// and the page starts at the newest entry.
fn cursor(pairs: &[(String, String)]) -> Cursor {
    if let Some(key) = parse_key(&param(pairs, "before")) {
        Cursor::Before(key)
    } else if let Some(key) = parse_key(&param(pairs, "after")) {
        Cursor::After(key)
    } else {
        Cursor::Newest
    }
}

/// The filters that are set, as query parameters.
fn filter_params(typed: &FilterInput) -> Vec<(&'static str, String)> {
    [
        ("action", &typed.action),
        ("actor", &typed.actor),
        ("subject_type", &typed.subject_type),
        ("subject_id", &typed.subject_id),
        ("from", &typed.from),
        ("to", &typed.to),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(name, value)| (name, value.clone()))
    .collect()
}

fn link(path: &str, params: &[(&'static str, String)]) -> String {
    match serde_urlencoded::to_string(params) {
        Ok(query) if !query.is_empty() => format!("{path}?{query}"),
        _ => path.to_owned(),
    }
}

fn page_link(typed: &FilterInput, way: &'static str, key: Key) -> String {
    let mut params = filter_params(typed);
    params.push((way, key_param(key)));
    link("/admin/audit", &params)
}

fn action_groups(lang: Lang, chosen: &str) -> Vec<ActionGroup> {
    families()
        .into_iter()
        .map(|family| {
            let label = lang.t(&family_message_id(family));
            let whole = family_value(family);
            let mut options = vec![ActionOption {
                selected: chosen == whole,
                value: whole,
                label: lang.msg(&Msg::new("audit-family-all").arg("family", label.as_str())),
            }];
            options.extend(members(family).into_iter().map(|action| ActionOption {
                value: action.as_str().to_owned(),
                label: lang.t(&action_message_id(action)),
                selected: chosen == action.as_str(),
            }));
            ActionGroup { label, options }
        })
        .collect()
}

fn row(lang: Lang, time_zone: &ProgramTimeZone, entry: AuditEntry) -> EntryRow {
    let (actor_name, actor_email, actor_note) = match entry.actor {
        AuditActor::Account { name, email, .. } => (Some(name), Some(email), None),
        AuditActor::Gone(id) => (None, None, Some(lang.t_num("audit-actor-gone", "id", id))),
        AuditActor::NoAccount => (None, None, Some(lang.t("audit-actor-none"))),
    };
    let subject = match entry.subject_id {
        Some(id) => lang
            .msg(&Msg::new("audit-subject").arg("type", entry.subject_type.as_str()).arg("id", id)),
        None => entry.subject_type.clone(),
    };
    let subject_link = match (entry.subject_type.as_str(), entry.subject_id) {
        ("account", Some(id)) => Some(format!("/admin/people/{id}")),
        _ => None,
    };
    EntryRow {
        datetime: entry.at.to_string(),
        when: entry
            .at
            .to_zoned_datetime(time_zone.time_zone().clone())
            .strftime("%Y-%m-%d %H:%M:%S %Z")
            .to_string(),
        actor_name,
        actor_email,
        actor_note,
        action: entry.known.map_or(entry.action, |action| lang.t(&action_message_id(action))),
        subject,
        subject_link,
        detail: entry.detail,
        ip: entry.ip,
    }
}

fn view(
    page: &PageCtx,
    nav: Nav,
    typed: FilterInput,
    errors: FieldErrors,
    time_zone: &ProgramTimeZone,
    found: Option<AuditPage>,
) -> AuditLogPage {
    let lang = page.lang;
    let (entries, newer, older) = match found {
        Some(found) => (
            found.entries.into_iter().map(|e| row(lang, time_zone, e)).collect(),
            found.newer.map(|key| page_link(&typed, "after", key)),
            found.older.map(|key| page_link(&typed, "before", key)),
        ),
        None => (Vec::new(), None, None),
    };
    let params = filter_params(&typed);
    AuditLogPage {
        nav,
        actions: action_groups(lang, &typed.action),
        csv: errors.is_empty().then(|| link("/admin/audit.csv", &params)),
        errors,
        entries,
        newer,
        older,
        filtered: !params.is_empty(),
        time_zone: time_zone.name().unwrap_or("UTC").to_owned(),
        typed,
    }
}

/// The page again with what was typed and what is wrong with it.
async fn refused(
    state: &AppState,
    page: &PageCtx,
    typed: FilterInput,
    error: OpError,
) -> Result<Response, PageError> {
    if error.code != ErrorCode::ValidationFailed {
        return Err(error.into());
    }
    let errors = field_errors(&error, page.lang);
    let time_zone = state.ctx.time_zone().await?;
    let view = view(page, page.nav().await, typed, errors, &time_zone, None);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
}

/// GET /admin/audit: a page of the entries the filters keep, newest first.
pub(super) async fn audit_log(
    State(state): State<AppState>,
    page: PageCtx,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let typed = filter_input(&pairs);
    let query = match audit_log::check(&state.ctx, &typed).await {
        Ok(query) => query,
        Err(e) => return refused(&state, &page, typed, e).await,
    };
    let found = audit_log::page(&state.ctx, &query, cursor(&pairs)).await?;
    let nav = page.nav().await;
    let view = view(&page, nav, typed, FieldErrors::new(), &query.time_zone, Some(found));
    Ok(view.into_response())
}

/// GET /admin/audit.csv: every entry the filters keep, streamed as it is read.
pub(super) async fn audit_csv(
    State(state): State<AppState>,
    page: PageCtx,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let typed = filter_input(&pairs);
    let query = match audit_log::check(&state.ctx, &typed).await {
        Ok(query) => query,
        Err(e) => return refused(&state, &page, typed, e).await,
    };
    let today = query.time_zone.today(state.ctx.clock.as_ref());
    let disposition = format!("attachment; filename=\"audit-{today}.csv\"");
    let body = Body::from_stream(audit_log::export_csv(&state.ctx, query));
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "private, no-store".to_owned()),
    ];
    Ok((headers, body).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_link_keeps_the_filters_and_its_key_reads_back() {
        let typed = FilterInput {
            action: "sign_in.*".to_owned(),
            actor: "a+b@example.org".to_owned(),
            ..FilterInput::default()
        };
        let key = Key { at: -5, id: 42 };
        assert_eq!(
            page_link(&typed, "before", key),
            "/admin/audit?action=sign_in.*&actor=a%2Bb%40example.org&before=-5_42"
        );
        assert_eq!(parse_key("-5_42"), Some(key));
        for broken in ["", "5", "5_", "_5", "x_1", "1_2_3"] {
            assert_eq!(parse_key(broken), None, "{broken}");
        }
        let pairs = vec![("after".to_owned(), "7_8".to_owned())];
        assert_eq!(cursor(&pairs), Cursor::After(Key { at: 7, id: 8 }));
        assert_eq!(cursor(&[("before".to_owned(), "junk".to_owned())]), Cursor::Newest);
    }
}
