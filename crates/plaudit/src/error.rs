//! Errors that stop the program before or while it starts. Each is one line naming the setting
//! and what to do, and makes the process exit with status 2.

use std::fmt;

use plaudit_store::StoreError;

use crate::config::mask_url;

#[derive(Debug)]
pub enum StartupError {
    Config { setting: String, problem: String },
    Database { url: String, problem: String },
    Bind { addr: String, problem: String },
}

impl StartupError {
    pub fn from_figment(error: figment::Error) -> StartupError {
        use figment::error::Kind;
        let setting = error.path.join(".");
        let source = error
            .metadata
            .as_ref()
            .and_then(|m| m.source.as_ref())
            .map(|s| format!(" (in {s})"))
            .unwrap_or_default();
        let problem = match &error.kind {
            Kind::UnknownField(field, _) => {
                return StartupError::Config {
                    setting: field.clone(),
                    problem: format!(
                        "is not a setting{source}; remove it or use one of: {}",
                        crate::config::KEYS.join(", ")
                    ),
                };
            }
            Kind::Message(m) => format!("{m}{source}"),
            kind => format!("{kind}{source}"),
        };
        let setting = if setting.is_empty() { "config".to_owned() } else { setting };
        StartupError::Config { setting, problem: problem.replace('\n', " ") }
    }

    pub fn from_mail(error: crate::mail::MailError) -> StartupError {
        use crate::mail::MailError;
        match error {
            MailError::SmtpUrl { url, problem } => StartupError::Config {
                setting: "smtp_url".to_owned(),
                problem: format!(
                    "({url}) {problem}; use smtp://host:25, smtp://user:password@host:587 or smtps://user:password@host:465"
                ),
            },
            MailError::From { from, problem } => StartupError::Config {
                setting: "mail_from".to_owned(),
                problem: format!(
                    "({from:?}) {problem}; use an address such as \"Champions <awards@example.org>\""
                ),
            },
            other => {
                StartupError::Config { setting: "smtp_url".to_owned(), problem: other.to_string() }
            }
        }
    }

    /// The importers' HTTP client could not be made (the User-Agent comes from `public_url`).
    pub fn importer(error: crate::ops::OpError) -> StartupError {
        StartupError::Config {
            setting: "public_url".to_owned(),
            problem: format!("cannot name the importers' User-Agent: {error}"),
        }
    }

    pub fn database(url: &str, error: StoreError) -> StartupError {
        let problem = match error {
            StoreError::InvalidUrl(reason) => {
                format!(
                    "is not a valid database URL ({reason}); use sqlite://plaudit.db or postgres://user@host/database"
                )
            }
            StoreError::Unreachable(reason) => {
                format!(
                    "cannot connect ({reason}); check that the database is running and the URL is right"
                )
            }
            StoreError::SchemaNewer { version } => format!(
                "the database has migration {version}, newer than this binary knows; upgrade plaudit \
                 or point it at another database"
            ),
            other => other.to_string(),
        };
        StartupError::Database { url: mask_url(url), problem: problem.replace('\n', " ") }
    }
}

impl fmt::Display for StartupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartupError::Config { setting, problem } => write!(f, "setting {setting}: {problem}"),
            StartupError::Database { url, problem } => {
                write!(f, "setting database_url ({url}): {problem}")
            }
            StartupError::Bind { addr, problem } => write!(
                f,
                "setting bind ({addr}): {problem}; stop the other program or choose another \
                 address with --bind or PLAUDIT_BIND"
            ),
        }
    }
}

impl std::error::Error for StartupError {}
