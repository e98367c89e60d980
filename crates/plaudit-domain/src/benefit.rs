//! Benefits: what kinds there are, and the file of codes admins upload to fill a pool.
//!
//! A codes file is what a sponsor sends: one code per line, or a CSV whose first column holds
//! the code (a header line naming `code` is skipped; a quoted field may hold a comma). Every line is checked before anything is
//! written, so the admin sees each bad line by its number and fixes the file, not the pool.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// What an awardee gets from a benefit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BenefitKind {
    /// A code from a pool (a license key, a voucher), one per awardee and award year.
    LicenseCode,
    /// Access to something (the private community, a product line); nothing to hand out.
    Access,
}

impl BenefitKind {
    pub const ALL: &[BenefitKind] = &[BenefitKind::LicenseCode, BenefitKind::Access];

    pub fn as_str(self) -> &'static str {
        match self {
            BenefitKind::LicenseCode => "license_code",
            BenefitKind::Access => "access",
        }
    }

    pub fn parse(code: &str) -> Option<BenefitKind> {
        BenefitKind::ALL.iter().copied().find(|k| k.as_str() == code)
    }
}

/// The longest code: license keys and voucher links run to a few dozen characters.
pub const CODE_MAX_CHARS: usize = 200;
/// The most codes one file adds: a large program's year, several times over.
pub const MAX_CODES_PER_FILE: usize = 100_000;

/// Why one line of a codes file is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeProblem {
    /// The code has a space, a tab or a control character in it (two codes on one line, or
    /// a copy-and-paste accident).
    Whitespace,
    TooLong,
    /// An earlier line of the file has the same code.
    RepeatedInFile {
        first_line: u64,
    },
    /// The pool holds this code already.
    AlreadyInPool,
}

/// Why a codes file is refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeFileProblem {
    NotUtf8,
    NoCodes,
    TooManyCodes,
}

/// A codes file as checked: the codes to add, and the lines left out with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeFile {
    /// (line, code) in file order.
    pub good: Vec<(u64, String)>,
    /// (line, problem) in file order.
    pub bad: Vec<(u64, CodeProblem)>,
    pub file_problems: Vec<CodeFileProblem>,
}

/// The first column of one line: up to the first comma, or a quoted field (with `""` for a
/// quotation mark), trimmed. A code spans one line: a sponsor's list never breaks one.
fn first_field(line: &str) -> Cow<'_, str> {
    let line = line.trim();
    match line.strip_prefix('"') {
        Some(quoted) => {
            let mut field = String::new();
            let mut chars = quoted.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        field.push('"');
                        chars.next();
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
            Cow::Owned(field.trim().to_owned())
        }
        None => Cow::Borrowed(line.split(',').next().unwrap_or_default().trim()),
    }
}

/// Reads a codes file, checking each code against the file's earlier lines and `in_pool`.
pub fn read_code_file(bytes: &[u8], in_pool: &HashSet<String>) -> CodeFile {
    let mut file = CodeFile::default();
    let Ok(text) = std::str::from_utf8(bytes) else {
        file.file_problems.push(CodeFileProblem::NotUtf8);
        return file;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index as u64 + 1;
        let field = first_field(raw);
        let code = field.as_ref();
        if code.is_empty() || (line == 1 && code.eq_ignore_ascii_case("code")) {
            continue;
        }
        let problem = if code.chars().any(|c| c.is_whitespace() || c.is_control()) {
            Some(CodeProblem::Whitespace)
        } else if code.chars().count() > CODE_MAX_CHARS {
            Some(CodeProblem::TooLong)
        } else if let Some(&first_line) = seen.get(code) {
            Some(CodeProblem::RepeatedInFile { first_line })
        } else if in_pool.contains(code) {
            Some(CodeProblem::AlreadyInPool)
        } else {
            None
        };
        match problem {
            Some(problem) => file.bad.push((line, problem)),
            None => {
                seen.insert(code.to_owned(), line);
                file.good.push((line, code.to_owned()));
            }
        }
    }
    if file.good.len() > MAX_CODES_PER_FILE {
        return CodeFile {
            file_problems: vec![CodeFileProblem::TooManyCodes],
            ..CodeFile::default()
        };
    }
    if file.good.is_empty() && file.bad.is_empty() {
        file.file_problems.push(CodeFileProblem::NoCodes);
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, pool: &[&str]) -> CodeFile {
        read_code_file(text.as_bytes(), &pool.iter().map(|c| (*c).to_owned()).collect())
    }

    #[test]
    fn a_plain_list_of_codes_is_read_line_by_line() {
        let file = read("AAA-1\nBBB-2\r\nCCC-3", &[]);
        assert_eq!(file.good, vec![(1, "AAA-1".into()), (2, "BBB-2".into()), (3, "CCC-3".into())]);
        assert!(file.bad.is_empty() && file.file_problems.is_empty());
    }

    #[test]
    fn a_csv_with_a_header_takes_its_first_column() {
        let file = read("\u{feff}code,note\n\"X,1\",first\nY-2,second\n", &[]);
        assert_eq!(file.good, vec![(2, "X,1".into()), (3, "Y-2".into())]);
    }

    #[test]
    fn each_bad_line_is_named_with_its_reason() {
        let long = "Z".repeat(CODE_MAX_CHARS + 1);
        let text = format!("A-1\nB 2\nA-1\n{long}\nIN-POOL\n\nC-3\n");
        let file = read(&text, &["IN-POOL"]);
        assert_eq!(file.good, vec![(1, "A-1".into()), (7, "C-3".into())]);
        assert_eq!(
            file.bad,
            vec![
                (2, CodeProblem::Whitespace),
                (3, CodeProblem::RepeatedInFile { first_line: 1 }),
                (4, CodeProblem::TooLong),
                (5, CodeProblem::AlreadyInPool),
            ]
        );
    }

    #[test]
    fn a_file_without_codes_or_not_text_is_refused_whole() {
        assert_eq!(read("code\n\n", &[]).file_problems, vec![CodeFileProblem::NoCodes]);
        let binary = read_code_file(&[0xff, 0xfe, 0x00], &HashSet::new());
        assert_eq!(binary.file_problems, vec![CodeFileProblem::NotUtf8]);
    }

    #[test]
    fn kinds_round_trip() {
        for kind in BenefitKind::ALL {
            assert_eq!(BenefitKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(BenefitKind::parse("other"), None);
    }
}
