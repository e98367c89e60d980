//! Contributions as a CSV file: a person's spreadsheet in, their contributions out.
//!
//! The file is UTF-8 (a leading byte order mark is skipped), comma-separated,
//! quoted the RFC 4180 way, with a header row naming the columns by the
//! fields' names ([`field`], and one column per reach metric named by
//! [`ReachMetric::as_str`]). `type`, `title`, `started_on` and `role` are
//! required; any other column may be left out, and the columns may come in any
//! order. Header names ignore case and surrounding spaces, read spaces and
//! hyphens as underscores, and `contribution_type` and `person_role` are taken
//! for `type` and `role`. A column with no name is ignored (spreadsheets pad
//! with them).
//!
//! In a cell, `areas` and `audiences` hold several values separated by `;`,
//! and `high_impact` is `true`, `false`, `yes`, `no`, `1`, `0` or empty (no).
//! Everything else is read by [`validate`].
//!
//! A line with problems is reported alone, by the line number a spreadsheet or
//! an editor shows (the header is line 1; a cell spanning lines counts them
//! all), and never sinks the others; a line of empty cells is skipped. A
//! problem with the file as a whole (not UTF-8, an unknown or missing column,
//! more than [`MAX_ROWS`] contributions) refuses it whole, so nothing is ever
//! half imported by surprise.
//!
//! [`to_csv`] writes the same columns, so an exported file imports back
//! unchanged. A cell a spreadsheet would run as a formula (one starting with
//! `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a leading
//! `'`, which import removes again: opening an export of other people's
//! contributions in a spreadsheet never runs what they typed.

use ::csv::{ReaderBuilder, StringRecord};
use jiff::civil::Date;

use super::{
    ContributionFields, ContributionProblem, FieldProblem, ValidContribution, field, field_rank,
    validate,
};
use crate::kinds::ReachMetric;

/// The most contributions one file may hold: a decade of weekly work, and a
/// bound on what one upload makes the server check.
pub const MAX_ROWS: usize = 10_000;

/// The field a problem with a whole line is reported under (a line whose
/// cells do not line up with the header).
pub const WHOLE_LINE: &str = "line";

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What a CSV file held.
///
/// When `file_problems` is not empty, nothing was read: `rows` and `errors`
/// are empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvImport {
    /// The valid contributions, in file order.
    pub rows: Vec<CsvRow>,
    /// The lines with problems, in file order.
    pub errors: Vec<CsvLineError>,
    pub file_problems: Vec<CsvFileProblem>,
}

impl CsvImport {
    fn refused(problem: CsvFileProblem) -> CsvImport {
        CsvImport { file_problems: vec![problem], ..CsvImport::default() }
    }
}

/// A valid contribution and the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvRow {
    pub line: u64,
    pub contribution: ValidContribution,
}

/// A line that is not a valid contribution, with every problem it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvLineError {
    /// The line the record starts on; the header is line 1.
    pub line: u64,
    /// Under the column's name, or [`WHOLE_LINE`].
    pub problems: Vec<FieldProblem>,
}

/// Why a file is refused as a whole.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CsvFileProblem {
    /// Nothing in it, not even a header.
    #[error("the file is empty")]
    Empty,
    /// Not UTF-8 (a spreadsheet's "CSV" in a legacy encoding, or not text at all).
    #[error("the file is not UTF-8 text (line {line}); save it as \"CSV UTF-8\"")]
    NotUtf8 { line: u64 },
    /// The CSV reader gave up at this line.
    #[error("line {line} cannot be read as CSV")]
    Unreadable { line: u64 },
    /// A header no field is called by (as written in the file).
    #[error("the column {0:?} is not one a contribution has")]
    UnknownColumn(String),
    /// A column given twice (as written the second time).
    #[error("the column {0:?} is there twice")]
    DuplicateColumn(String),
    /// A required column that is not there.
    #[error("the column {0:?} is missing")]
    MissingColumn(&'static str),
    /// A header and no contribution.
    #[error("the file holds no contributions")]
    NoRows,
    #[error("the file holds more than {max} contributions")]
    TooManyRows { max: usize },
}

impl CsvFileProblem {
    /// The stable snake_case name of the problem, for the message catalogues.
    /// Never rename one, only add.
    pub fn code(&self) -> &'static str {
        match self {
            CsvFileProblem::Empty => "empty",
            CsvFileProblem::NotUtf8 { .. } => "not_utf8",
            CsvFileProblem::Unreadable { .. } => "unreadable",
            CsvFileProblem::UnknownColumn(_) => "unknown_column",
            CsvFileProblem::DuplicateColumn(_) => "duplicate_column",
            CsvFileProblem::MissingColumn(_) => "missing_column",
            CsvFileProblem::NoRows => "no_rows",
            CsvFileProblem::TooManyRows { .. } => "too_many_rows",
        }
    }
}

/// A column of the file: one field of [`ContributionFields`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Type,
    Title,
    Description,
    PrivateNote,
    StartedOn,
    EndedOn,
    Url,
    PrimaryArea,
    Areas,
    Audiences,
    Role,
    Visibility,
    HighImpact,
    Reach(ReachMetric),
}

impl Column {
    /// The columns other than reach figures, in the form's order.
    const FIXED: [Column; 13] = [
        Column::Type,
        Column::Title,
        Column::Description,
        Column::PrivateNote,
        Column::StartedOn,
        Column::EndedOn,
        Column::Url,
        Column::PrimaryArea,
        Column::Areas,
        Column::Audiences,
        Column::Role,
        Column::Visibility,
        Column::HighImpact,
    ];

    /// Every column, in the order an export writes them.
    fn all() -> impl Iterator<Item = Column> {
        Column::FIXED.into_iter().chain(ReachMetric::ALL.iter().map(|&m| Column::Reach(m)))
    }

    fn name(self) -> &'static str {
        match self {
            Column::Type => field::TYPE,
            Column::Title => field::TITLE,
            Column::Description => field::DESCRIPTION,
            Column::PrivateNote => field::PRIVATE_NOTE,
            Column::StartedOn => field::STARTED_ON,
            Column::EndedOn => field::ENDED_ON,
            Column::Url => field::URL,
            Column::PrimaryArea => field::PRIMARY_AREA,
            Column::Areas => field::AREAS,
            Column::Audiences => field::AUDIENCES,
            Column::Role => field::ROLE,
            Column::Visibility => field::VISIBILITY,
            Column::HighImpact => field::HIGH_IMPACT,
            Column::Reach(metric) => metric.as_str(),
        }
    }

    fn is_required(self) -> bool {
        matches!(self, Column::Type | Column::Title | Column::StartedOn | Column::Role)
    }

    fn from_header(header: &str) -> Option<Column> {
        let key: String = header
            .trim()
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c.to_ascii_lowercase() })
            .collect();
        match key.as_str() {
            // The names the fields have in code and in the database.
            "contribution_type" => Some(Column::Type),
            "person_role" => Some(Column::Role),
            key => Column::all().find(|c| c.name() == key),
        }
    }

    /// Puts a cell into its field; only `high_impact` is read here, the rest
    /// is left to [`validate`].
    fn read(self, cell: &str, fields: &mut ContributionFields) -> Result<(), ContributionProblem> {
        let text = cell.to_owned();
        match self {
            Column::Type => fields.contribution_type = text,
            Column::Title => fields.title = text,
            Column::Description => fields.description = text,
            Column::PrivateNote => fields.private_note = text,
            Column::StartedOn => fields.started_on = text,
            Column::EndedOn => fields.ended_on = text,
            Column::Url => fields.url = text,
            Column::PrimaryArea => fields.primary_area = text,
            Column::Areas => fields.areas = split_list(cell),
            Column::Audiences => fields.audiences = split_list(cell),
            Column::Role => fields.person_role = text,
            Column::Visibility => fields.visibility = text,
            Column::HighImpact => fields.high_impact = read_bool(cell)?,
            Column::Reach(metric) => {
                fields.reach.insert(metric, text);
            }
        }
        Ok(())
    }

    fn write(self, fields: &ContributionFields) -> String {
        match self {
            Column::Type => fields.contribution_type.clone(),
            Column::Title => fields.title.clone(),
            Column::Description => fields.description.clone(),
            Column::PrivateNote => fields.private_note.clone(),
            Column::StartedOn => fields.started_on.clone(),
            Column::EndedOn => fields.ended_on.clone(),
            Column::Url => fields.url.clone(),
            Column::PrimaryArea => fields.primary_area.clone(),
            Column::Areas => fields.areas.join("; "),
            Column::Audiences => fields.audiences.join("; "),
            Column::Role => fields.person_role.clone(),
            Column::Visibility => fields.visibility.clone(),
            Column::HighImpact => if fields.high_impact { "true" } else { "false" }.to_owned(),
            Column::Reach(metric) => fields.reach.get(&metric).cloned().unwrap_or_default(),
        }
    }
}

/// The columns a file may have, in the order an export writes them, each with
/// whether a file must have it: what a page explaining the format lists.
pub fn columns() -> impl Iterator<Item = (&'static str, bool)> {
    Column::all().map(|c| (c.name(), c.is_required()))
}

fn split_list(cell: &str) -> Vec<String> {
    cell.split(';').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect()
}

fn read_bool(cell: &str) -> Result<bool, ContributionProblem> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" => Ok(false),
        "true" | "yes" | "1" => Ok(true),
        _ => Err(ContributionProblem::NotABoolean),
    }
}

/// Reads a CSV file of contributions, `today` being the program's today.
pub fn parse_csv(input: &[u8], today: Date) -> CsvImport {
    let input = input.strip_prefix(BOM).unwrap_or(input);
    let text = match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(e) => {
            let before = input.get(..e.valid_up_to()).unwrap_or_default();
            let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
            return CsvImport::refused(CsvFileProblem::NotUtf8 { line });
        }
    };
    if text.trim().is_empty() {
        return CsvImport::refused(CsvFileProblem::Empty);
    }

    // The header is read as a record of its own, so that every record,
    // header included, comes with its position; `flexible` lets a line with
    // too few or too many cells be reported alone rather than end the read.
    let mut reader =
        ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut record = StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => return CsvImport::refused(CsvFileProblem::Empty),
        Err(e) => return CsvImport::refused(unreadable(&e)),
    }
    let columns = match read_header(&record) {
        Ok(columns) => columns,
        Err(problems) => return CsvImport { file_problems: problems, ..CsvImport::default() },
    };

    let mut import = CsvImport::default();
    let mut count = 0usize;
    let mut lines = LineCounter::new(text);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return CsvImport::refused(unreadable(&e)),
        }
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        count += 1;
        if count > MAX_ROWS {
            return CsvImport::refused(CsvFileProblem::TooManyRows { max: MAX_ROWS });
        }
        let line = lines.line_at(record.position().map_or(0, ::csv::Position::byte));
        match read_row(&columns, &record, today) {
            Ok(contribution) => import.rows.push(CsvRow { line, contribution }),
            Err(problems) => import.errors.push(CsvLineError { line, problems }),
        }
    }
    if count == 0 {
        return CsvImport::refused(CsvFileProblem::NoRows);
    }
    import
}

/// Finds the line a record starts on from its byte offset.
///
/// The reader's own line count is one short after a CRLF line ending: it
/// places a record at the `\n` that ends the line before. So the line is
/// counted here, past any line breaks at the offset, and from the previous
/// record on, so that a large file is scanned once.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter { text: text.as_bytes(), offset: 0, line: 1 }
    }

    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        while matches!(self.text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start >= self.offset {
            let between = self.text.get(self.offset..start).unwrap_or_default();
            self.line += between.iter().filter(|&&b| b == b'\n').count() as u64;
            self.offset = start;
        }
        self.line
    }
}

fn unreadable(e: &::csv::Error) -> CsvFileProblem {
    CsvFileProblem::Unreadable { line: e.position().map_or(0, ::csv::Position::line) }
}

/// The column of each cell (`None` for a nameless one), or every problem with
/// the header.
fn read_header(record: &StringRecord) -> Result<Vec<Option<Column>>, Vec<CsvFileProblem>> {
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(record.len());
    let mut problems = Vec::new();
    for name in record.iter() {
        let name = name.trim();
        if name.is_empty() {
            columns.push(None);
            continue;
        }
        match Column::from_header(name) {
            Some(column) if columns.contains(&Some(column)) => {
                problems.push(CsvFileProblem::DuplicateColumn(name.to_owned()));
                columns.push(None);
            }
            Some(column) => columns.push(Some(column)),
            None => {
                problems.push(CsvFileProblem::UnknownColumn(name.to_owned()));
                columns.push(None);
            }
        }
    }
    for column in Column::all().filter(|c| c.is_required()) {
        if !columns.contains(&Some(column)) {
            problems.push(CsvFileProblem::MissingColumn(column.name()));
        }
    }
    if problems.is_empty() { Ok(columns) } else { Err(problems) }
}

fn read_row(
    columns: &[Option<Column>],
    record: &StringRecord,
    today: Date,
) -> Result<ValidContribution, Vec<FieldProblem>> {
    // Empty cells past the last column are a spreadsheet's padding; anything
    // else that does not line up would put values in the wrong fields.
    let padded = record.iter().skip(columns.len()).all(|cell| cell.trim().is_empty());
    if record.len() < columns.len() || !padded {
        return Err(vec![FieldProblem {
            field: WHOLE_LINE,
            problem: ContributionProblem::WrongCellCount {
                expected: columns.len(),
                found: record.len(),
            },
        }]);
    }
    let mut fields = ContributionFields::default();
    let mut problems = Vec::new();
    for (column, cell) in columns.iter().zip(record.iter()) {
        let Some(column) = column else { continue };
        if let Err(problem) = column.read(unguard(cell), &mut fields) {
            problems.push(FieldProblem { field: column.name(), problem });
        }
    }
    match validate(&fields, today) {
        Ok(contribution) if problems.is_empty() => Ok(contribution),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            problems.sort_by_key(|p| field_rank(p.field));
            Err(problems)
        }
    }
}

/// Writes contributions as a CSV file that [`parse_csv`] reads back: a byte
/// order mark (so that spreadsheets read it as UTF-8), the header with every
/// column, then one record per contribution, lines ended by CRLF.
pub fn to_csv(rows: &[ContributionFields]) -> String {
    let mut out = String::from('\u{feff}');
    write_record(&mut out, Column::all().map(|c| c.name().to_owned()));
    for fields in rows {
        write_record(&mut out, Column::all().map(|c| c.write(fields)));
    }
    out
}

fn write_record(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = guard(&cell);
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

/// What a spreadsheet takes for the start of a formula.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell, past any leading quotes, starts like a formula. Quotes are
/// skipped so that a cell really starting with `'=` survives the round trip:
/// it is written `''=` and read back `'=`.
fn is_formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    if is_formula_like(cell) { format!("'{cell}").into() } else { cell.into() }
}

fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula_like(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::contribution::tests::any_valid_fields;
    use crate::kinds::{Audience, ContributionType};
    use jiff::civil::date;
    use proptest::prelude::*;

    const TODAY: Date = date(2026, 3, 15);
    const HEADER: &str = "type,title,description,started_on,role,views,high_impact\n";

    fn lines(import: &CsvImport) -> (Vec<u64>, Vec<u64>) {
        (
            import.rows.iter().map(|r| r.line).collect(),
            import.errors.iter().map(|e| e.line).collect(),
        )
    }

    fn problems_of(error: &CsvLineError) -> Vec<(&'static str, &'static str)> {
        error.problems.iter().map(|p| (p.field, p.problem.code())).collect()
    }

    #[test]
    fn good_lines_are_read_and_bad_ones_reported_by_their_line() {
        let file = format!(
            "{HEADER}\
             blog_post,First,,2026-01-05,author,\"1,200\",yes\n\
             blog_post,\"A post, with a comma\",\"Line one\nline two\n\nline four\",2026-01-06,author,,\n\
             book,Bad one,,2026-13-01,author,10,maybe\n\
             speaking_conference,Talk,,2026-02-01,speaker,,false\n\
             ,,,,,,\n\
             blog_post,,,2026-02-02,,,\n\
             workshop,Last,,2026-02-03,presenter,,1\n"
        );
        let import = parse_csv(file.as_bytes(), TODAY);
        assert_eq!(import.file_problems, []);
        assert_eq!(lines(&import), (vec![2, 3, 8, 11], vec![7, 10]));

        assert_eq!(
            problems_of(&import.errors[0]),
            [
                ("started_on", "not_a_date"),
                ("high_impact", "not_a_boolean"),
                ("views", "reach_does_not_fit_type")
            ]
        );
        assert_eq!(problems_of(&import.errors[1]), [("title", "required"), ("role", "required")]);

        let first = &import.rows[0].contribution;
        assert_eq!(first.reach, [(ReachMetric::Views, 1200)]);
        assert!(first.high_impact);
        let second = &import.rows[1].contribution;
        assert_eq!(second.title, "A post, with a comma");
        assert_eq!(second.description, "Line one\nline two\n\nline four");
        assert_eq!(import.rows[3].contribution.contribution_type, ContributionType::Workshop);
        assert!(import.rows[3].contribution.high_impact);
    }

    #[test]
    fn a_line_with_the_wrong_number_of_cells_is_reported_alone() {
        let file = format!(
            "{HEADER}\
             blog_post,Short,,2026-01-05,author\n\
             blog_post,Long,,2026-01-05,author,1,no,surprise\n\
             blog_post,Padded,,2026-01-05,author,1,no,,\n"
        );
        let import = parse_csv(file.as_bytes(), TODAY);
        assert_eq!(lines(&import), (vec![4], vec![2, 3]));
        assert_eq!(
            import.errors[0].problems,
            [FieldProblem {
                field: WHOLE_LINE,
                problem: ContributionProblem::WrongCellCount { expected: 7, found: 5 },
            }]
        );
        assert_eq!(problems_of(&import.errors[1]), [(WHOLE_LINE, "wrong_cell_count")]);
    }

    #[test]
    fn a_byte_order_mark_and_windows_line_endings_are_read() {
        let file = "\u{feff}Type, Title ,Started On,person_role,description\r\n\
                    blog_post,One,2026-01-05,author,\"a\r\nb\"\r\n\
                    blog_post,Two,x,author,\r\n\
                    blog_post,Three,2026-01-07,author,\r\n";
        let import = parse_csv(file.as_bytes(), TODAY);
        assert_eq!(import.file_problems, []);
        assert_eq!(lines(&import), (vec![2, 5], vec![4]));
        assert_eq!(import.rows[0].contribution.title, "One");
        assert_eq!(import.rows[0].contribution.description, "a\nb");
    }

    #[test]
    fn an_empty_file_or_a_header_alone_holds_nothing() {
        for empty in ["", "\u{feff}", " \r\n\n"] {
            let import = parse_csv(empty.as_bytes(), TODAY);
            assert_eq!(import.file_problems, [CsvFileProblem::Empty], "{empty:?}");
        }
        for header_only in
            [HEADER, "type,title,started_on,role", "type,title,started_on,role\n,,,\n\n"]
        {
            let import = parse_csv(header_only.as_bytes(), TODAY);
            assert_eq!(import, CsvImport::refused(CsvFileProblem::NoRows), "{header_only:?}");
        }
    }

    #[test]
    fn unknown_duplicate_and_missing_columns_refuse_the_file() {
        let file = "type,Titel,started_on,start_date,type,,views\nblog_post,x,2026-01-01,,,,\n";
        let import = parse_csv(file.as_bytes(), TODAY);
        assert_eq!(
            import.file_problems,
            [
                CsvFileProblem::UnknownColumn("Titel".into()),
                CsvFileProblem::UnknownColumn("start_date".into()),
                CsvFileProblem::DuplicateColumn("type".into()),
                CsvFileProblem::MissingColumn("title"),
                CsvFileProblem::MissingColumn("role"),
            ]
        );
        assert_eq!((import.rows.len(), import.errors.len()), (0, 0));
        assert_eq!(import.file_problems[0].code(), "unknown_column");
    }

    #[test]
    fn a_file_that_is_not_utf8_says_on_which_line() {
        // "Café" saved by a spreadsheet in Windows-1252.
        let file = b"type,title,started_on,role\nblog_post,Hello,2026-01-01,author\nblog_post,Caf\xe9,2026-01-01,author\n";
        let import = parse_csv(file, TODAY);
        assert_eq!(import, CsvImport::refused(CsvFileProblem::NotUtf8 { line: 3 }));
        assert_eq!(
            parse_csv(b"\xff\xfe\x00t", TODAY).file_problems,
            [CsvFileProblem::NotUtf8 { line: 1 }]
        );
    }

    #[test]
    fn more_rows_than_the_limit_refuse_the_file() {
        let row = "blog_post,x,2026-01-01,author\n";
        let mut file = String::from("type,title,started_on,role\n");
        file.push_str(&row.repeat(MAX_ROWS));
        assert_eq!(parse_csv(file.as_bytes(), TODAY).rows.len(), MAX_ROWS);
        file.push_str(row);
        assert_eq!(
            parse_csv(file.as_bytes(), TODAY),
            CsvImport::refused(CsvFileProblem::TooManyRows { max: MAX_ROWS })
        );
    }

    #[test]
    fn lists_are_separated_by_semicolons() {
        let file = "type,title,started_on,role,areas,audiences,primary_area\n\
                    blog_post,x,2026-01-01,author,\"web; wasm;;rust\",Developer ; student,rust\n";
        let import = parse_csv(file.as_bytes(), TODAY);
        let c = &import.rows[0].contribution;
        assert_eq!(c.areas.iter().map(|a| a.as_str()).collect::<Vec<_>>(), ["web", "wasm"]);
        assert_eq!(c.audiences, [Audience::Developer, Audience::Student]);
    }

    #[test]
    fn yes_and_no_are_read_several_ways() {
        for (cell, expected) in [
            ("", Ok(false)),
            ("No", Ok(false)),
            ("0", Ok(false)),
            (" TRUE ", Ok(true)),
            ("yes", Ok(true)),
        ] {
            assert_eq!(read_bool(cell), expected, "{cell:?}");
        }
        assert_eq!(read_bool("on"), Err(ContributionProblem::NotABoolean));
    }

    #[test]
    fn an_export_names_every_column_and_guards_formulas() {
        let fields = ContributionFields {
            contribution_type: "blog_post".into(),
            title: "=HYPERLINK(\"http://evil\")".into(),
            description: "'=already quoted".into(),
            private_note: "- a list".into(),
            started_on: "2026-01-01".into(),
            person_role: "author".into(),
            ..ContributionFields::default()
        };
        let csv = to_csv(std::slice::from_ref(&fields));
        let header = csv.lines().next().unwrap();
        assert!(header.starts_with("\u{feff}type,title,description,private_note,started_on,"));
        assert!(header.ends_with(",high_impact,views,live_views,on_demand_views,attendees,sessions,subscribers,copies_sold,answers,stars,downloads,people_mentored,score"));
        assert!(csv.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",''=already quoted,'- a list,"));

        let back = &parse_csv(csv.as_bytes(), TODAY).rows[0].contribution;
        assert_eq!(back.title, fields.title);
        assert_eq!(back.description, fields.description);
        assert_eq!(back.private_note, fields.private_note);
    }

    #[test]
    fn the_columns_listed_are_the_exports_header() {
        let names: Vec<&str> = columns().map(|(name, _)| name).collect();
        let header = to_csv(&[]);
        assert_eq!(header.trim_start_matches('\u{feff}').trim_end(), names.join(","));
        let required: Vec<&str> =
            columns().filter(|&(_, required)| required).map(|(name, _)| name).collect();
        assert_eq!(required, [field::TYPE, field::TITLE, field::STARTED_ON, field::ROLE]);
    }

    #[test]
    fn an_empty_export_is_a_header_alone() {
        let csv = to_csv(&[]);
        assert_eq!(csv.lines().count(), 1);
        assert_eq!(parse_csv(csv.as_bytes(), TODAY).file_problems, [CsvFileProblem::NoRows]);
    }

    #[test]
    fn file_problem_codes_are_distinct() {
        let all = [
            CsvFileProblem::Empty,
            CsvFileProblem::NotUtf8 { line: 1 },
            CsvFileProblem::Unreadable { line: 1 },
            CsvFileProblem::UnknownColumn(String::new()),
            CsvFileProblem::DuplicateColumn(String::new()),
            CsvFileProblem::MissingColumn("type"),
            CsvFileProblem::NoRows,
            CsvFileProblem::TooManyRows { max: 1 },
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(CsvFileProblem::code).collect();
        assert_eq!(codes.len(), all.len());
    }

    proptest! {
        #[test]
        fn an_export_imports_back_unchanged(
            all in proptest::collection::vec(any_valid_fields(), 1..6)
        ) {
            let valid: Vec<ValidContribution> =
                all.iter().map(|f| validate(f, TODAY).unwrap()).collect();
            let exported: Vec<ContributionFields> =
                valid.iter().map(ContributionFields::from).collect();
            let import = parse_csv(to_csv(&exported).as_bytes(), TODAY);
            prop_assert_eq!(&import.file_problems, &[]);
            prop_assert_eq!(&import.errors, &[]);
            let back: Vec<ValidContribution> =
                import.rows.into_iter().map(|r| r.contribution).collect();
            prop_assert_eq!(back, valid);
        }

        #[test]
        fn a_row_is_reported_on_the_line_a_person_sees(
            rows in proptest::collection::vec((0usize..3, 0usize..3, any::<bool>()), 1..12)
        ) {
            let mut file = String::from("type,title,description,started_on,role\n");
            let mut line = 2u64;
            let mut expected = Vec::new();
            for (breaks, blanks, crlf) in rows {
                let end = if crlf { "\r\n" } else { "\n" };
                for _ in 0..blanks {
                    file.push_str(end);
                    line += 1;
                }
                expected.push(line);
                let description = vec!["words"; breaks + 1].join(end);
                file.push_str(&format!("blog_post,T,\"{description}\",2026-01-01,author{end}"));
                line += breaks as u64 + 1;
            }
            let import = parse_csv(file.as_bytes(), TODAY);
            prop_assert_eq!(import.rows.iter().map(|r| r.line).collect::<Vec<_>>(), expected);
        }

        #[test]
        fn reading_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse_csv(&bytes, TODAY);
        }

        #[test]
        fn reading_any_text_under_a_good_header_never_panics(body in "[a-z0-9,;\"'\n\r =-]{0,200}") {
            let file = format!("type,title,started_on,role,views,areas,high_impact\n{body}");
            let _ = parse_csv(file.as_bytes(), TODAY);
        }
    }
}
