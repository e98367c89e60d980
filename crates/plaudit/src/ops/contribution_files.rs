//! A person's contributions as files: a CSV file in, checked line by line before anything is
//! written (the dry run), then imported whole when the person confirms; and their
//! contributions out again, as CSV or JSON (their data is theirs).
//!
//! The dry run and the import check a file the same way, with [`check`]: the domain reads
//! the file ([`parse_csv`]); each line's technology areas must exist; and a line the person
//! already recorded, or an earlier line of the file holds, is a duplicate rather than a
//! second copy. A line with an address is the same as another with the same canonical
//! address; a line without one, as another of the same type, title (ignoring case) and day,
//! so that importing a file twice adds nothing either way. The import checks again inside its transaction,
//! so what changed since the dry run (a contribution added in another tab, a new day) is
//! seen, and writes every good line in that one transaction or none of them.

use std::collections::HashMap;

use plaudit_domain::contribution::csv::{CsvFileProblem, CsvImport, WHOLE_LINE, parse_csv, to_csv};
use plaudit_domain::contribution::{ContributionFields, ValidContribution, field};
use plaudit_store::contributions::{self as store, ContributionRow, Recorded, Write};

use super::Ctx;
use super::accounts::AccountView;
use super::audit::{AuditAction, record};
use super::contributions::{area_ids, problem_message, resolve_areas};
use super::error::{ErrorCode, OpError};
use crate::i18n::Msg;

/// The largest file an import takes: [`plaudit_domain::contribution::csv::MAX_ROWS`]
/// contributions of about two hundred characters each.
pub const MAX_FILE_BYTES: usize = 2 << 20;

/// What a file would import: the dry run's answer, and what an import did not write.
#[derive(Debug, Default)]
pub struct ImportPreview {
    /// The lines that import, in file order.
    pub good: Vec<GoodLine>,
    /// The lines that do not, in file order, each with every reason.
    pub bad: Vec<BadLine>,
    /// Why the file is refused as a whole; when there are any, `good` and `bad` are empty.
    pub file_problems: Vec<Msg>,
}

/// A line that imports, with its technology areas found.
#[derive(Debug)]
pub struct GoodLine {
    /// The line it starts on, the header being line 1.
    pub line: u64,
    pub contribution: ValidContribution,
    primary_area_id: Option<i64>,
    area_ids: Vec<i64>,
}

/// A line that does not import.
#[derive(Debug)]
pub struct BadLine {
    pub line: u64,
    pub problems: Vec<LineProblem>,
}

/// One reason a line does not import.
#[derive(Debug)]
pub struct LineProblem {
    /// The column, as the file's header names it; None for the line as a whole.
    pub column: Option<&'static str>,
    pub message: Msg,
    /// Whether it is the one reason a line that is otherwise fine is left out: the person
    /// has it already.
    pub duplicate: bool,
}

/// What an import did.
#[derive(Debug)]
pub struct ImportReport {
    /// How many contributions it added; 0 when the file was refused or had no good line.
    pub imported: usize,
    /// The file as checked right before writing: `bad` lines were skipped.
    pub checked: ImportPreview,
}

/// The message for a problem with a file as a whole, in the catalogues as
/// `import-file-<code>`.
pub fn file_problem_message(problem: &CsvFileProblem) -> Msg {
    match problem {
        CsvFileProblem::Empty => Msg::new("import-file-empty"),
        CsvFileProblem::NotUtf8 { line } => Msg::new("import-file-not-utf8").arg("line", *line),
        CsvFileProblem::Unreadable { line } => {
            Msg::new("import-file-unreadable").arg("line", *line)
        }
        CsvFileProblem::UnknownColumn(column) => {
            Msg::new("import-file-unknown-column").arg("column", column.as_str())
        }
        CsvFileProblem::DuplicateColumn(column) => {
            Msg::new("import-file-duplicate-column").arg("column", column.as_str())
        }
        CsvFileProblem::MissingColumn(column) => {
            Msg::new("import-file-missing-column").arg("column", *column)
        }
        CsvFileProblem::NoRows => Msg::new("import-file-no-rows"),
        CsvFileProblem::TooManyRows { max } => {
            Msg::new("import-file-too-many-rows").arg("max", *max)
        }
    }
}

/// Reads the file; a file over [`MAX_FILE_BYTES`] is refused before it is read.
async fn read(ctx: &Ctx, bytes: &[u8]) -> Result<CsvImport, OpError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(OpError::new(ErrorCode::PayloadTooLarge));
    }
    let today = ctx.today().await?;
    Ok(parse_csv(bytes, today))
}

/// What makes a line the same contribution as another: its canonical address, or without
/// one its type, title in lower case and day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    Url(String),
    Untitled { kind: String, title: String, day: String },
}

impl Identity {
    fn of_line(c: &ValidContribution) -> Identity {
        match &c.url {
            Some(url) => Identity::Url(url.canonical.as_str().to_owned()),
            None => Identity::Untitled {
                kind: c.contribution_type.as_str().to_owned(),
                title: c.title.to_lowercase(),
                day: c.started_on.to_string(),
            },
        }
    }

    /// The identities a recorded contribution answers to: its address, and its type, title
    /// and day (a line without an address matches one recorded with an address too).
    fn of_recorded(r: &Recorded) -> impl Iterator<Item = Identity> {
        let url = r.canonical_url.clone().map(Identity::Url);
        let untitled = Identity::Untitled {
            kind: r.contribution_type.clone(),
            title: r.title.trim().to_lowercase(),
            day: r.started_on.clone(),
        };
        url.into_iter().chain(std::iter::once(untitled))
    }
}

/// Sorts the file's lines into those that import and those that do not, `recorded` being
/// the person's contributions.
fn check(import: CsvImport, areas: &HashMap<String, i64>, recorded: &[Recorded]) -> ImportPreview {
    if !import.file_problems.is_empty() {
        let file_problems = import.file_problems.iter().map(file_problem_message).collect();
        return ImportPreview { file_problems, ..ImportPreview::default() };
    }
    let field_problem = |p: &plaudit_domain::contribution::FieldProblem| LineProblem {
        column: (p.field != WHOLE_LINE).then_some(p.field),
        message: problem_message(&p.problem),
        duplicate: false,
    };
    let mut bad: Vec<BadLine> = import
        .errors
        .iter()
        .map(|e| BadLine { line: e.line, problems: e.problems.iter().map(field_problem).collect() })
        .collect();
    let mut existing: HashMap<Identity, &str> = HashMap::new();
    for r in recorded {
        for identity in Identity::of_recorded(r) {
            existing.entry(identity).or_insert(r.title.as_str());
        }
    }
    // The lines taken so far, by identity.
    let mut taken: HashMap<Identity, u64> = HashMap::new();
    let mut good = Vec::new();
    for row in import.rows {
        let mut problems: Vec<LineProblem> = Vec::new();
        let resolved = resolve_areas(&row.contribution, areas)
            .map_err(|found| problems.extend(found.iter().map(field_problem)))
            .ok();
        let identity = Identity::of_line(&row.contribution);
        let has_url = matches!(identity, Identity::Url(_));
        let duplicate = match (existing.get(&identity), taken.get(&identity)) {
            (Some(title), _) if has_url => {
                Some(Msg::new("import-duplicate-existing").arg("title", *title))
            }
            (Some(title), _) => Some(Msg::new("import-duplicate-same").arg("title", *title)),
            (None, Some(line)) if has_url => {
                Some(Msg::new("import-duplicate-line").arg("line", *line))
            }
            (None, Some(line)) => Some(Msg::new("import-duplicate-line-same").arg("line", *line)),
            (None, None) => None,
        };
        if let Some(message) = duplicate {
            let column = if has_url { field::URL } else { field::TITLE };
            problems.push(LineProblem { column: Some(column), message, duplicate: true });
        }
        match resolved {
            Some((primary_area_id, area_ids)) if problems.is_empty() => {
                taken.insert(identity, row.line);
                good.push(GoodLine {
                    line: row.line,
                    contribution: row.contribution,
                    primary_area_id,
                    area_ids,
                });
            }
            _ => bad.push(BadLine { line: row.line, problems }),
        }
    }
    bad.sort_by_key(|b| b.line);
    ImportPreview { good, bad, file_problems: Vec::new() }
}

/// The dry run: what importing `bytes` would do for the person. Writes nothing.
pub async fn preview_import(
    ctx: &Ctx,
    account: &AccountView,
    bytes: &[u8],
) -> Result<ImportPreview, OpError> {
    let import = read(ctx, bytes).await?;
    if !import.file_problems.is_empty() {
        return Ok(check(import, &HashMap::new(), &[]));
    }
    let areas = area_ids(ctx).await?;
    let recorded = store::recorded(&ctx.db, account.person_id).await?;
    Ok(check(import, &areas, &recorded))
}

/// Imports the good lines of `bytes`, checked again as the dry run checks them, in one
/// transaction with the person's standing recomputed and an audit entry; writes nothing
/// when no line is good.
pub async fn import(
    ctx: &Ctx,
    account: &AccountView,
    bytes: &[u8],
) -> Result<ImportReport, OpError> {
    let import = read(ctx, bytes).await?;
    if !import.file_problems.is_empty() {
        let checked = check(import, &HashMap::new(), &[]);
        return Ok(ImportReport { imported: 0, checked });
    }
    let areas = area_ids(ctx).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin_write().await?;
    let recorded = store::recorded_in(&mut tx, account.person_id).await?;
    let checked = check(import, &areas, &recorded);
    if checked.good.is_empty() {
        // Dropping the transaction rolls it back: it wrote nothing.
        return Ok(ImportReport { imported: 0, checked });
    }
    for line in &checked.good {
        let write = Write {
            person_id: account.person_id,
            contribution: &line.contribution,
            primary_area_id: line.primary_area_id,
            area_ids: &line.area_ids,
            source: "csv",
        };
        store::insert(&mut tx, &write, now).await?;
    }
    super::standing::recompute_person(ctx, &mut tx, account.person_id).await?;
    super::directory::touched(&mut tx, account.person_id, ctx.now()).await?;
    let imported = checked.good.len();
    let detail = format!("{imported} imported, {} lines skipped", checked.bad.len());
    let subject = ("person", account.person_id);
    record(
        &mut tx,
        Some(account.account_id),
        AuditAction::ContributionsImported,
        subject,
        &detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(ImportReport { imported, checked })
}

/// One contribution with its lists, as an export writes it.
#[derive(Debug, Clone)]
pub struct Exported {
    pub row: ContributionRow,
    /// The extra technology areas' slugs.
    pub areas: Vec<String>,
    pub audiences: Vec<String>,
}

impl Exported {
    /// As the fields of a form or a CSV line, so that importing it gives it back.
    pub fn fields(&self) -> ContributionFields {
        super::contributions::fields_from(&self.row, self.areas.clone(), self.audiences.clone())
    }
}

/// Every contribution of the person, oldest first, with its areas and audiences, and never
/// anyone else's.
pub async fn export(ctx: &Ctx, account: &AccountView) -> Result<Vec<Exported>, OpError> {
    let rows = store::all_of(&ctx.db, account.person_id).await?;
    let mut lists = super::contributions::lists_of_person(ctx, account).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (areas, audiences) = lists.take(row.id);
            Exported { row, areas, audiences }
        })
        .collect())
}

/// Every contribution of the person as the CSV file an import reads back.
pub async fn export_csv(ctx: &Ctx, account: &AccountView) -> Result<String, OpError> {
    let fields: Vec<ContributionFields> =
        export(ctx, account).await?.iter().map(Exported::fields).collect();
    Ok(to_csv(&fields))
}

/// A file to start from: the header and one example line titled `title`, which imports as
/// it is.
pub async fn template_csv(ctx: &Ctx, title: &str) -> Result<String, OpError> {
    let today = ctx.today().await?;
    let example = ContributionFields {
        contribution_type: "blog_post".to_owned(),
        title: title.to_owned(),
        started_on: today.to_string(),
        url: "https://blog.example.org/rust-build".to_owned(),
        audiences: vec!["developer".to_owned(), "technical_decision_maker".to_owned()],
        person_role: "author".to_owned(),
        visibility: "public".to_owned(),
        reach: [(plaudit_domain::kinds::ReachMetric::Views, "1200".to_owned())].into(),
        ..ContributionFields::default()
    };
    Ok(to_csv(&[example]))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::i18n::Arg;
    use jiff::civil::date;

    const HEADER: &str = "type,title,started_on,role,url,primary_area\n";

    fn recorded(url: Option<&str>, title: &str) -> Recorded {
        Recorded {
            canonical_url: url.map(str::to_owned),
            contribution_type: "blog_post".to_owned(),
            title: title.to_owned(),
            started_on: "2026-01-08".to_owned(),
        }
    }

    fn checked(file: &str, existing: &[Recorded]) -> ImportPreview {
        let areas: HashMap<String, i64> = [("rust".to_owned(), 1)].into();
        check(parse_csv(file.as_bytes(), date(2026, 11, 29)), &areas, existing)
    }

    type Said<'a> = Vec<(Option<&'a str>, &'a str)>;

    fn ids(problems: &[LineProblem]) -> Said<'_> {
        problems.iter().map(|p| (p.column, p.message.id)).collect()
    }

    #[test]
    fn duplicates_of_the_person_and_of_earlier_lines_are_reported_by_line() {
        let file = format!(
            "{HEADER}\
             blog_post,One,2026-01-01,author,https://www.example.org/a/,rust\n\
             blog_post,Two,2026-01-02,author,https://example.org/a?utm_source=x,\n\
             blog_post,Three,2026-01-03,author,https://example.org/mine,\n\
             blog_post,Four,2026-01-04,author,,wasm\n\
             blog_post,,2026-01-05,author,,\n\
             blog_post,Six,2026-01-06,author,,\n"
        );
        let preview = checked(&file, &[recorded(Some("https://example.org/mine"), "Mine")]);
        assert!(preview.file_problems.is_empty());
        assert_eq!(preview.good.iter().map(|g| g.line).collect::<Vec<_>>(), [2, 7]);
        assert_eq!(preview.good[0].primary_area_id, Some(1));
        let bad: Vec<(u64, Said<'_>)> =
            preview.bad.iter().map(|b| (b.line, ids(&b.problems))).collect();
        assert_eq!(
            bad,
            [
                (3, vec![(Some("url"), "import-duplicate-line")]),
                (4, vec![(Some("url"), "import-duplicate-existing")]),
                (5, vec![(Some("primary_area"), "field-contribution-unknown-area")]),
                (6, vec![(Some("title"), "field-contribution-required")]),
            ]
        );
        assert!(preview.bad[0].problems[0].duplicate);
        assert_eq!(preview.bad[0].problems[0].message.args, [("line", Arg::Num(2))]);
        assert_eq!(preview.bad[1].problems[0].message.args, [("title", Arg::Str("Mine".into()))]);
    }

    #[test]
    fn a_line_without_an_address_is_the_same_as_one_of_its_type_title_and_day() {
        let file = format!(
            "{HEADER}\
             blog_post,Notes,2026-01-08,author,,\n\
             blog_post,NOTES ,2026-01-08,author,,\n\
             blog_post,Notes,2026-01-09,author,,\n\
             article,Notes,2026-01-09,author,,\n\
             blog_post,Typed with an address,2026-01-08,author,,\n\
             blog_post,Typed with an address,2026-01-08,author,https://example.org/other,\n"
        );
        let preview =
            checked(&file, &[recorded(Some("https://example.org/x"), "Typed with an address")]);
        assert_eq!(preview.good.iter().map(|g| g.line).collect::<Vec<_>>(), [2, 4, 5, 7]);
        let bad: Vec<(u64, Said<'_>)> =
            preview.bad.iter().map(|b| (b.line, ids(&b.problems))).collect();
        assert_eq!(
            bad,
            [
                (3, vec![(Some("title"), "import-duplicate-line-same")]),
                (6, vec![(Some("title"), "import-duplicate-same")]),
            ]
        );
    }

    #[test]
    fn a_line_that_does_not_line_up_is_reported_without_a_column() {
        let preview = checked(&format!("{HEADER}blog_post,Short\n"), &[]);
        assert_eq!(ids(&preview.bad[0].problems), [(None, "field-contribution-wrong-cell-count")]);
    }

    #[test]
    fn a_refused_file_says_why_and_has_no_lines() {
        let preview = checked("type,titel,started_on,role\nblog_post,x,2026-01-01,author\n", &[]);
        let ids: Vec<&str> = preview.file_problems.iter().map(|m| m.id).collect();
        assert_eq!(ids, ["import-file-unknown-column", "import-file-missing-column"]);
        assert!(preview.good.is_empty() && preview.bad.is_empty());
    }
}
