//! Reading the audit log, for admins: the filters they type, checked; a page of entries,
//! newest first, with the keys of the pages before and after it; and every entry the filters
//! keep as a CSV file, written in batches. The log's vocabulary and its recording stay in
//! [`super::audit`].
//!
//! The CSV file's header names the columns by stable English machine names (`at`, `action`,
//! `actor_email`…) in every language, like the stored action names in its cells: it is read by
//! scripts and auditors' tools as much as by people, and a column must not change its name
//! with the language of whoever downloaded it.

use std::borrow::Cow;

use futures_util::{Stream, StreamExt};
use jiff::Timestamp;
use jiff::civil::Date;
use plaudit_domain::cycle::ProgramTimeZone;
use plaudit_domain::parse::EmailAddress;
use plaudit_store::audit::{self, Cursor, Filter, Key, Row};
use plaudit_store::timestamp::from_micros;

use super::audit::AuditAction;
use super::error::{Fields, parse_problem};
use super::{Ctx, OpError};
use crate::i18n::Msg;

/// Entries on a page.
pub const PAGE_SIZE: i64 = 50;

/// Entries read from the database at a time while a CSV export streams.
pub const EXPORT_BATCH: i64 = 1_000;

/// The value of the action filter that keeps a whole family (`decision.*`).
const FAMILY_SUFFIX: &str = ".*";

/// The longest subject type the filter takes.
const SUBJECT_TYPE_MAX: usize = 64;

/// The filters as typed into the page's form, all optional: empty keeps every entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterInput {
    /// An action as stored (`role.granted`), or a family and `.*` (`role.*`).
    pub action: String,
    /// The e-mail address of the account that acted.
    pub actor: String,
    pub subject_type: String,
    pub subject_id: String,
    /// Days in the program's time zone, `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
}

/// The filters, checked: what the store selects by, and the time zone their days were read in
/// (entries are shown in it too).
#[derive(Debug, Clone)]
pub struct AuditQuery {
    pub filter: Filter,
    pub time_zone: ProgramTimeZone,
}

/// Who made an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditActor {
    Account {
        id: i64,
        name: String,
        email: String,
    },
    /// An account that no longer exists: the log outlives what it names.
    Gone(i64),
    /// No account: the program itself, the command line, or someone not signed in (a failed
    /// sign-in, a reset asked for).
    NoAccount,
}

/// One entry, as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub key: Key,
    pub at: Timestamp,
    pub actor: AuditActor,
    /// As stored.
    pub action: String,
    /// The action in our vocabulary; None for a name only older or newer releases write.
    pub known: Option<AuditAction>,
    pub subject_type: String,
    pub subject_id: Option<i64>,
    pub detail: String,
    pub ip: Option<String>,
}

/// A page of entries, newest first, with the keys to ask for the pages around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Ask for the entries before this key for the next older page; None on the last.
    pub older: Option<Key>,
    /// Ask for the entries after this key for the next newer page; None on the newest.
    pub newer: Option<Key>,
}

/// The family of an action: its name up to the first dot (`sign_in` for `sign_in.failed`).
pub fn family(action: AuditAction) -> &'static str {
    let name = action.as_str();
    name.split_once('.').map_or(name, |(family, _)| family)
}

/// Every family of the vocabulary, in the vocabulary's order.
pub fn families() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for &action in AuditAction::ALL {
        if !out.contains(&family(action)) {
            out.push(family(action));
        }
    }
    out
}

/// The actions of a family, in the vocabulary's order.
pub fn members(of: &str) -> Vec<AuditAction> {
    AuditAction::ALL.iter().copied().filter(|&a| family(a) == of).collect()
}

/// The filter's value that keeps the whole family.
pub fn family_value(family: &str) -> String {
    format!("{family}{FAMILY_SUFFIX}")
}

/// The message that names an action: `audit-action-` and its stored name with dots and
/// underscores as hyphens.
pub fn action_message_id(action: AuditAction) -> String {
    format!("audit-action-{}", action.as_str().replace(['.', '_'], "-"))
}

/// The message that names a family.
pub fn family_message_id(family: &str) -> String {
    format!("audit-family-{}", family.replace('_', "-"))
}

fn known_action(stored: &str) -> Option<AuditAction> {
    AuditAction::ALL.iter().copied().find(|a| a.as_str() == stored)
}

/// The stored names the action filter keeps: none (every action), one, or a family's.
fn actions_for(value: &str) -> Result<Vec<String>, Msg> {
    if value.is_empty() {
        return Ok(Vec::new());
    }
    let found = match value.strip_suffix(FAMILY_SUFFIX) {
        Some(family) => members(family),
        None => known_action(value).into_iter().collect(),
    };
    if found.is_empty() {
        return Err(Msg::new("audit-field-action-unknown").arg("value", value));
    }
    Ok(found.into_iter().map(|a| a.as_str().to_owned()).collect())
}

fn subject_type(value: &str) -> Result<Option<String>, Msg> {
    if value.is_empty() {
        return Ok(None);
    }
    let plain = value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !plain || value.len() > SUBJECT_TYPE_MAX {
        return Err(Msg::new("audit-field-subject-type-invalid"));
    }
    Ok(Some(value.to_owned()))
}

fn subject_id(value: &str) -> Result<Option<i64>, Msg> {
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<i64>() {
        Ok(id) if id > 0 => Ok(Some(id)),
        _ => Err(Msg::new("audit-field-subject-id-invalid")),
    }
}

fn day(value: &str) -> Result<Option<Date>, Msg> {
    if value.is_empty() {
        return Ok(None);
    }
    Date::strptime("%Y-%m-%d", value)
        .map(Some)
        .map_err(|_| Msg::new("audit-field-date-invalid").arg("value", value))
}

/// Checks the filters as typed: every problem at once, as `validation_failed` with the fields
/// (`action`, `actor`, `subject_type`, `subject_id`, `from`, `to`). The actor is looked up by
/// address; the days are read in the program's time zone, `to` included.
pub async fn check(ctx: &Ctx, input: &FilterInput) -> Result<AuditQuery, OpError> {
    let mut fields = Fields::new();
    let actions = fields.check("action", actions_for(input.action.trim())).unwrap_or_default();
    let actor = match input.actor.trim() {
        "" => None,
        typed => match EmailAddress::parse(typed) {
            Ok(email) => {
                let found = plaudit_store::accounts::by_email(&ctx.db, &email.normalized()).await?;
                if found.is_none() {
                    let unknown = Msg::new("audit-field-actor-unknown").arg("email", typed);
                    fields.add("actor", unknown);
                }
                found.map(|account| account.id)
            }
            Err(e) => {
                fields.add("actor", parse_problem(&e));
                None
            }
        },
    };
    let subject_type = fields.check("subject_type", subject_type(input.subject_type.trim()));
    let subject_id = fields.check("subject_id", subject_id(input.subject_id.trim())).flatten();
    if subject_id.is_some() && subject_type == Some(None) {
        fields.add("subject_type", Msg::new("audit-field-subject-type-required"));
    }
    let from = fields.check("from", day(input.from.trim())).flatten();
    let to = fields.check("to", day(input.to.trim())).flatten();
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        fields.add("to", Msg::new("audit-field-to-before-from"));
    }
    fields.finish()?;
    let time_zone = ctx.time_zone().await?;
    let filter = Filter {
        actions,
        actor_account_id: actor,
        subject_type: subject_type.flatten(),
        subject_id,
        from: from.map(|d| time_zone.day_start_instant(d)),
        until: to.map(|d| time_zone.deadline_instant(d)),
    };
    Ok(AuditQuery { filter, time_zone })
}

fn entry(row: Row) -> Result<AuditEntry, OpError> {
    let actor = match (row.actor_account_id, row.actor_name, row.actor_email) {
        (Some(id), Some(name), Some(email)) => AuditActor::Account { id, name, email },
        (Some(id), _, _) => AuditActor::Gone(id),
        (None, _, _) => AuditActor::NoAccount,
    };
    Ok(AuditEntry {
        key: Key { at: row.at, id: row.id },
        at: from_micros(row.at)?,
        actor,
        known: known_action(&row.action),
        action: row.action,
        subject_type: row.subject_type,
        subject_id: row.subject_id,
        detail: row.detail,
        ip: row.ip,
    })
}

/// The page of [`PAGE_SIZE`] entries that `query` keeps from `cursor` on, newest first. A
/// page of newer entries that would come out short (there are fewer than a page left above the
/// key) is the newest page instead, so every page is full but the oldest.
pub async fn page(ctx: &Ctx, query: &AuditQuery, cursor: Cursor) -> Result<AuditPage, OpError> {
    let size = usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
    // One entry more than a page says whether there is another page that way.
    let mut rows = audit::page(&ctx.db, &query.filter, cursor, PAGE_SIZE + 1).await?;
    let (older, newer) = match cursor {
        Cursor::Newest => {
            let more = rows.len() > size;
            rows.truncate(size);
            (rows.last().filter(|_| more).map(Row::key), None)
        }
        Cursor::Before(key) => {
            let more = rows.len() > size;
            rows.truncate(size);
            let newer = rows.first().map_or(key, Row::key);
            (rows.last().filter(|_| more).map(Row::key), Some(newer))
        }
        Cursor::After(_) if rows.len() <= size => {
            return Box::pin(page(ctx, query, Cursor::Newest)).await;
        }
        Cursor::After(key) => {
            // Newest first: the entry beyond the page is the first.
            rows.remove(0);
            let older = rows.last().map_or(key, Row::key);
            (Some(older), rows.first().map(Row::key))
        }
    };
    let entries = rows.into_iter().map(entry).collect::<Result<Vec<_>, _>>()?;
    Ok(AuditPage { entries, older, newer })
}

/// The CSV file's columns, in order.
pub const CSV_COLUMNS: [&str; 10] = [
    "id", "at", "actor_account_id", "actor_name", "actor_email", "action", "subject_type",
    "subject_id", "detail", "ip",
];

/// What a spreadsheet takes for the start of a formula.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet would run as a formula, with a leading `'` so it shows as text.
pub(crate) fn guard(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) { format!("'{cell}").into() } else { cell.into() }
}

/// Rows as CSV records (RFC 4180: quoted where needed, lines ended by CRLF), after a byte
/// order mark and the header when `header` is set.
fn csv_chunk(rows: &[Row], header: bool) -> Result<Vec<u8>, OpError> {
    let mut out = Vec::with_capacity(rows.len() * 160 + 128);
    if header {
        // The byte order mark makes spreadsheets read the file as UTF-8.
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    if header {
        writer.write_record(CSV_COLUMNS).map_err(OpError::internal)?;
    }
    for row in rows {
        let at = from_micros(row.at)?.to_string();
        let id = row.id.to_string();
        let actor = row.actor_account_id.map(|id| id.to_string()).unwrap_or_default();
        let subject_id = row.subject_id.map(|id| id.to_string()).unwrap_or_default();
        let cells: [&str; 10] = [
            &id,
            &at,
            &actor,
            row.actor_name.as_deref().unwrap_or_default(),
            row.actor_email.as_deref().unwrap_or_default(),
            &row.action,
            &row.subject_type,
            &subject_id,
            &row.detail,
            row.ip.as_deref().unwrap_or_default(),
        ];
        writer
            .write_record(cells.map(guard).iter().map(|c| c.as_bytes()))
            .map_err(OpError::internal)?;
    }
    writer.into_inner().map_err(OpError::internal)
}

struct Export {
    db: plaudit_store::Db,
    filter: Filter,
    /// The key of the last entry written; None before the first batch.
    after: Option<Key>,
    first: bool,
}

/// Every entry `query` keeps as a CSV file, newest first (the order of the pages), one chunk
/// per batch of [`EXPORT_BATCH`] entries read by keyset: memory stays flat however large the
/// log, and entries written while the file streams (newer than its first) are left out. A
/// database failure half-way ends the stream with an error, so the download fails instead of
/// looking complete.
pub fn export_csv(
    ctx: &Ctx,
    query: AuditQuery,
) -> impl Stream<Item = Result<Vec<u8>, OpError>> + Send + use<> {
    let start = Export { db: ctx.db.clone(), filter: query.filter, after: None, first: true };
    futures_util::stream::unfold(Some(start), |state| async move {
        let mut export = state?;
        let batch = audit::batch(&export.db, &export.filter, export.after, EXPORT_BATCH).await;
        let rows = match batch {
            Ok(rows) => rows,
            Err(e) => {
                let error = OpError::from(e);
                tracing::error!(%error, "the audit log export stopped");
                return Some((Err(error), None));
            }
        };
        let chunk = csv_chunk(&rows, export.first);
        let full = rows.len() >= usize::try_from(EXPORT_BATCH).unwrap_or(usize::MAX);
        export.first = false;
        export.after = rows.last().map(Row::key);
        let next = if full && chunk.is_ok() { Some(export) } else { None };
        Some((chunk, next))
    })
    // Fused: a body may be polled once more after it ended, which an unfold does not allow.
    .fuse()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_action_and_family_has_its_own_label_in_every_language() {
        let mut ids = std::collections::BTreeSet::new();
        for &action in AuditAction::ALL {
            let id = action_message_id(action);
            assert!(ids.insert(id.clone()), "{id} names two actions");
            for &lang in Lang::ALL {
                assert_ne!(lang.t(&id), id, "{} has no label for {}", lang.code(), action.as_str());
            }
        }
        for family in families() {
            let id = family_message_id(family);
            assert!(ids.insert(id.clone()), "{id} twice");
            for &lang in Lang::ALL {
                assert_ne!(lang.t(&id), id, "{} has no label for the family {family}", lang.code());
            }
        }
    }

    #[test]
    fn an_action_filter_keeps_one_action_or_a_whole_family() {
        assert_eq!(actions_for("").unwrap(), Vec::<String>::new());
        assert_eq!(actions_for("role.granted").unwrap(), ["role.granted"]);
        assert_eq!(
            actions_for("sign_in.*").unwrap(),
            ["sign_in", "sign_in.failed", "sign_in.locked"]
        );
        assert_eq!(actions_for("decision.*").unwrap(), ["decision.finalized"]);
        assert!(actions_for("role.*.*").is_err());
        assert!(actions_for("role").is_err(), "a family is asked for with .*");
        assert!(actions_for("nothing.*").is_err());
        assert!(actions_for("DROP TABLE").is_err());
    }

    #[test]
    fn a_cell_that_starts_like_a_formula_gets_a_quote() {
        for cell in ["=1+1", "+49 30", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard(cell), format!("'{cell}"));
        }
        for cell in ["", "plain", "a=b", "'quoted", "42"] {
            assert_eq!(guard(cell), cell);
        }
    }

    #[test]
    fn csv_records_are_quoted_the_rfc_4180_way_with_the_header_first() {
        let row = Row {
            id: 7,
            at: 1_764_417_600_000_000,
            actor_account_id: Some(3),
            actor_name: Some("Ada \"the Countess\" Lovelace".to_owned()),
            actor_email: Some("ada@example.org".to_owned()),
            action: "role.granted".to_owned(),
            subject_type: "account".to_owned(),
            subject_id: Some(9),
            detail: "role=reviewer, categories=1\nsecond line".to_owned(),
            ip: None,
        };
        let text = String::from_utf8(csv_chunk(std::slice::from_ref(&row), true).unwrap()).unwrap();
        assert_eq!(
            text,
            "\u{feff}id,at,actor_account_id,actor_name,actor_email,action,subject_type,subject_id,detail,ip\r\n\
             7,2025-11-29T12:00:00Z,3,\"Ada \"\"the Countess\"\" Lovelace\",ada@example.org,role.granted,\
             account,9,\"role=reviewer, categories=1\nsecond line\",\r\n"
        );
        let more = String::from_utf8(csv_chunk(&[row], false).unwrap()).unwrap();
        assert!(more.starts_with("7,"), "no header after the first chunk: {more}");
    }
}
