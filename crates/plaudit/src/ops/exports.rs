//! The admins' exports: awardees, contributions and decisions, as CSV or JSON, narrowed by
//! category and days. Each streams one chunk per batch read by keyset, so memory stays flat
//! however large the program; a database failure half-way ends the stream with an error, so
//! the download fails instead of looking complete.

use futures_util::{Stream, StreamExt};
use jiff::civil::Date;
use plaudit_store::exports::{
    self, AwardeeRow, Batch, ContributionExportRow, DecisionRow, ExportFilter,
};
use plaudit_store::timestamp::from_micros;
use serde_json::{Value, json};

use super::Ctx;
use super::audit::{AuditAction, record_own};
use super::audit_log::guard;
use super::error::{Fields, OpError};
use crate::i18n::Msg;

/// Rows read per query.
const BATCH: i64 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Awardees,
    Contributions,
    Decisions,
}

impl ExportKind {
    pub const ALL: [ExportKind; 3] =
        [ExportKind::Awardees, ExportKind::Contributions, ExportKind::Decisions];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportKind::Awardees => "awardees",
            ExportKind::Contributions => "contributions",
            ExportKind::Decisions => "decisions",
        }
    }

    /// The messages that name and describe the export on its page.
    pub fn message_ids(self) -> (&'static str, &'static str) {
        match self {
            ExportKind::Awardees => ("export-awardees-title", "export-awardees-description"),
            ExportKind::Contributions => {
                ("export-contributions-title", "export-contributions-description")
            }
            ExportKind::Decisions => ("export-decisions-title", "export-decisions-description"),
        }
    }

    fn columns(self) -> &'static [&'static str] {
        match self {
            ExportKind::Awardees => &[
                "award_id", "name", "email", "profile", "country", "category", "award_year",
                "starts_on", "ends_on", "ended_early_on", "end_reason", "credential_id",
            ],
            ExportKind::Contributions => &[
                "contribution_id", "name", "profile", "type", "title", "started_on", "ended_on",
                "url", "visibility", "high_impact", "source", "views", "attendees", "answers",
                "stars", "downloads",
            ],
            ExportKind::Decisions => &[
                "candidacy_id", "name", "email", "category", "cycle", "state", "round", "outcome",
                "standing_total", "threshold", "votes_award", "votes_decline", "votes_defer",
                "departs_from_rubric", "rationale", "decided_at",
            ],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Json => "application/json",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// Reads a file name the exports page links, `awardees.csv` say.
pub fn parse_file(file: &str) -> Option<(ExportKind, ExportFormat)> {
    let (kind, extension) = file.rsplit_once('.')?;
    let kind = ExportKind::ALL.into_iter().find(|k| k.as_str() == kind)?;
    let format = match extension {
        "csv" => ExportFormat::Csv,
        "json" => ExportFormat::Json,
        _ => return None,
    };
    Some((kind, format))
}

/// What the exports form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportInput {
    pub category: String,
    pub from: String,
    pub to: String,
}

/// The form's filter, checked: a known category, real days, in order.
pub async fn check(ctx: &Ctx, input: &ExportInput) -> Result<ExportFilter, OpError> {
    let mut fields = Fields::new();
    let category_id = match input.category.trim() {
        "" => None,
        slug => {
            let categories = plaudit_store::program::categories(&ctx.db).await?;
            let found = categories.iter().find(|c| c.slug == slug).map(|c| c.id);
            if found.is_none() {
                fields.add("category", Msg::new("export-category-unknown"));
            }
            found
        }
    };
    let mut day = |field: &'static str, text: &str| match text.trim() {
        "" => None,
        typed => match typed.parse::<Date>() {
            Ok(date) => Some(date),
            Err(_) => {
                fields.add(field, Msg::new("export-date-invalid"));
                None
            }
        },
    };
    let from = day("from", &input.from);
    let to = day("to", &input.to);
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        fields.add("to", Msg::new("export-dates-reversed"));
    }
    fields.finish()?;
    Ok(ExportFilter {
        category_id,
        from: from.map(|d| d.to_string()),
        to: to.map(|d| d.to_string()),
    })
}

/// One exported row as values, in the order of its kind's columns.
trait Exported {
    fn key(&self) -> i64;
    fn values(&self) -> Result<Vec<Value>, OpError>;
}

impl Exported for AwardeeRow {
    fn key(&self) -> i64 {
        self.id
    }

    fn values(&self) -> Result<Vec<Value>, OpError> {
        Ok(vec![
            json!(self.id),
            json!(self.display_name),
            json!(self.email),
            json!(format!("/people/{}", self.person_slug)),
            json!(self.country),
            json!(self.category_slug),
            json!(self.award_year),
            json!(self.starts_on),
            json!(self.ends_on),
            json!(self.ended_early_on),
            json!(self.end_reason),
            json!(self.credential_id),
        ])
    }
}

impl Exported for ContributionExportRow {
    fn key(&self) -> i64 {
        self.id
    }

    fn values(&self) -> Result<Vec<Value>, OpError> {
        Ok(vec![
            json!(self.id),
            json!(self.display_name),
            json!(format!("/people/{}", self.person_slug)),
            json!(self.contribution_type),
            json!(self.title),
            json!(self.started_on),
            json!(self.ended_on),
            json!(self.url),
            json!(self.visibility),
            json!(self.high_impact),
            json!(self.source),
            json!(self.views),
            json!(self.attendees),
            json!(self.answers),
            json!(self.stars),
            json!(self.downloads),
        ])
    }
}

impl Exported for DecisionRow {
    fn key(&self) -> i64 {
        self.candidacy_id
    }

    fn values(&self) -> Result<Vec<Value>, OpError> {
        let decided_at = match self.decided_at {
            Some(micros) => Some(from_micros(micros)?.to_string()),
            None => None,
        };
        Ok(vec![
            json!(self.candidacy_id),
            json!(self.display_name),
            json!(self.email),
            json!(self.category_slug),
            json!(self.cycle_name),
            json!(self.state),
            json!(self.round),
            json!(self.outcome),
            json!(self.standing_total),
            json!(self.threshold),
            json!(self.votes_award),
            json!(self.votes_decline),
            json!(self.votes_defer),
            json!(self.departs_from_rubric),
            json!(self.rationale),
            json!(decided_at),
        ])
    }
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => guard(text).into_owned(),
        other => other.to_string(),
    }
}

/// A batch written in `format`: the first after the header (CSV) or the opening bracket
/// (JSON), the last followed by the closing one.
fn chunk<R: Exported>(
    kind: ExportKind,
    format: ExportFormat,
    rows: &[R],
    first: bool,
    last: bool,
) -> Result<Vec<u8>, OpError> {
    let columns = kind.columns();
    match format {
        ExportFormat::Csv => {
            let mut out = Vec::with_capacity(rows.len() * 160 + 128);
            if first {
                // The byte order mark makes spreadsheets read the file as UTF-8.
                out.extend_from_slice("\u{feff}".as_bytes());
            }
            let mut writer =
                csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
            if first {
                writer.write_record(columns).map_err(OpError::internal)?;
            }
            for row in rows {
                let cells: Vec<String> = row.values()?.iter().map(cell).collect();
                writer.write_record(&cells).map_err(OpError::internal)?;
            }
            writer.into_inner().map_err(OpError::internal)
        }
        ExportFormat::Json => {
            let mut out = Vec::with_capacity(rows.len() * 240 + 4);
            if first {
                out.push(b'[');
            }
            for (i, row) in rows.iter().enumerate() {
                if !(first && i == 0) {
                    out.push(b',');
                }
                out.push(b'\n');
                let object: serde_json::Map<String, Value> =
                    columns.iter().map(|c| (*c).to_owned()).zip(row.values()?).collect();
                serde_json::to_writer(&mut out, &object).map_err(OpError::internal)?;
            }
            if last {
                out.extend_from_slice(b"\n]\n");
            }
            Ok(out)
        }
    }
}

struct Walk {
    db: plaudit_store::Db,
    kind: ExportKind,
    format: ExportFormat,
    filter: ExportFilter,
    after: i64,
    first: bool,
    batch: i64,
}

async fn next_chunk(walk: &mut Walk) -> Result<(Vec<u8>, bool), OpError> {
    async fn step<R: Exported>(
        walk: &mut Walk,
        batch: Result<Batch<R>, plaudit_store::StoreError>,
    ) -> Result<(Vec<u8>, bool), OpError> {
        let batch = batch?;
        let out = chunk(walk.kind, walk.format, &batch.rows, walk.first, !batch.more)?;
        walk.first = false;
        walk.after = batch.rows.last().map_or(walk.after, Exported::key);
        Ok((out, batch.more && !batch.rows.is_empty()))
    }
    let (db, filter, after, limit) = (walk.db.clone(), walk.filter.clone(), walk.after, walk.batch);
    match walk.kind {
        ExportKind::Awardees => {
            step(walk, exports::awardees(&db, &filter, after, limit).await).await
        }
        ExportKind::Contributions => {
            step(walk, exports::contributions(&db, &filter, after, limit).await).await
        }
        ExportKind::Decisions => {
            step(walk, exports::decisions(&db, &filter, after, limit).await).await
        }
    }
}

/// The export as a stream of chunks, in the order of ids.
pub fn stream(
    ctx: &Ctx,
    kind: ExportKind,
    format: ExportFormat,
    filter: ExportFilter,
) -> impl Stream<Item = Result<Vec<u8>, OpError>> + Send + use<> {
    stream_in_batches(ctx, kind, format, filter, BATCH)
}

/// As [`stream`], reading `batch` rows a query: tests walk many batch edges on a small demo.
pub fn stream_in_batches(
    ctx: &Ctx,
    kind: ExportKind,
    format: ExportFormat,
    filter: ExportFilter,
    batch: i64,
) -> impl Stream<Item = Result<Vec<u8>, OpError>> + Send + use<> {
    let start = Walk { db: ctx.db.clone(), kind, format, filter, after: 0, first: true, batch };
    futures_util::stream::unfold(Some(start), |state| async move {
        let mut walk = state?;
        match next_chunk(&mut walk).await {
            Ok((out, more)) => Some((Ok(out), more.then_some(walk))),
            Err(error) => {
                tracing::error!(%error, kind = walk.kind.as_str(), "an export stopped");
                Some((Err(error), None))
            }
        }
    })
    // Fused: a body may be polled once more after it ended, which an unfold does not allow.
    .fuse()
}

/// Notes in the audit log that `actor` downloaded an export, and what it held: the files carry
/// e-mail addresses and decisions.
pub async fn record_download(
    ctx: &Ctx,
    actor: i64,
    kind: ExportKind,
    format: ExportFormat,
    filter: &ExportFilter,
) -> Result<(), OpError> {
    let detail = format!(
        "export={} format={} category={} from={} to={}",
        kind.as_str(),
        format.extension(),
        filter.category_id.map(|id| id.to_string()).unwrap_or_default(),
        filter.from.as_deref().unwrap_or_default(),
        filter.to.as_deref().unwrap_or_default(),
    );
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    record_own(&mut tx, actor, AuditAction::ExportDownloaded, &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn row(id: i64, title: &str) -> ContributionExportRow {
        ContributionExportRow {
            id,
            display_name: "Ann".into(),
            person_slug: "ann".into(),
            contribution_type: "blog_post".into(),
            title: title.into(),
            started_on: "2026-01-02".into(),
            ended_on: None,
            url: None,
            visibility: "public".into(),
            high_impact: false,
            source: "manual".into(),
            views: Some(10),
            attendees: None,
            answers: None,
            stars: None,
            downloads: None,
        }
    }

    #[test]
    fn chunks_join_into_one_csv_file_and_one_json_array() {
        let kind = ExportKind::Contributions;
        let csv = [
            chunk(kind, ExportFormat::Csv, &[row(1, "=SUM(A1)")], true, false).unwrap(),
            chunk(kind, ExportFormat::Csv, &[row(2, "Two, \"quoted\"")], false, true).unwrap(),
        ]
        .concat();
        let text = String::from_utf8(csv).unwrap();
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(reader.headers().unwrap().len(), kind.columns().len());
        assert_eq!(&records[0][4], "'=SUM(A1)", "a formula is shown, not run");
        assert_eq!(&records[1][4], "Two, \"quoted\"");
        assert_eq!(&records[0][11], "10");

        let json = [
            chunk(kind, ExportFormat::Json, &[row(1, "One"), row(2, "Two")], true, false).unwrap(),
            chunk(kind, ExportFormat::Json, &[row(3, "Three")], false, false).unwrap(),
            chunk::<ContributionExportRow>(kind, ExportFormat::Json, &[], false, true).unwrap(),
        ]
        .concat();
        let parsed: Vec<Value> = serde_json::from_slice(&json).unwrap();
        assert_eq!(parsed.len(), 3);
        assert_eq!(parsed[2]["title"], "Three");
        assert_eq!(parsed[0]["views"], 10);
        let empty =
            chunk::<ContributionExportRow>(kind, ExportFormat::Json, &[], true, true).unwrap();
        assert_eq!(serde_json::from_slice::<Vec<Value>>(&empty).unwrap(), Vec::<Value>::new());
    }

    #[test]
    fn file_names_name_a_kind_and_a_format() {
        assert_eq!(parse_file("awardees.csv"), Some((ExportKind::Awardees, ExportFormat::Csv)));
        assert_eq!(parse_file("decisions.json"), Some((ExportKind::Decisions, ExportFormat::Json)));
        for bad in ["awardees", "people.csv", "awardees.xlsx", ".csv"] {
            assert_eq!(parse_file(bad), None, "{bad}");
        }
    }
}
