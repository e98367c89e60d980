//! The effective configuration: command-line flags, then `PLAUDIT_*` environment variables,
//! then an optional `plaudit.toml`, then defaults, in that order of precedence.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

use crate::error::StartupError;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://plaudit.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_CONFIG_FILE: &str = "plaudit.toml";

/// Every key the file and the environment may set. Unknown keys are an error, not a silent
/// no-op, so a typo never leaves a setting at its default unnoticed.
pub const KEYS: &[&str] = &[
    "database_url", "bind", "migrate_on_start", "log", "log_format", "public_url",
    "secure_cookies", "smtp_url", "mail_from", "anonymous_posts_per_minute", "oidc_issuer",
    "oidc_client_id", "oidc_client_secret", "oidc_name", "default_language", "github_token",
    "github_api_url", "import_youtube_url", "import_stack_exchange_url", "import_sessionize_url",
    "import_allow_private_addresses",
];

/// The sign-in button's label when `oidc_name` is not set.
pub const DEFAULT_OIDC_NAME: &str = "your organisation's account";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `sqlite://path` (created if missing) or `postgres://user:password@host/database`.
    pub database_url: String,
    /// The address the server listens on.
    pub bind: String,
    /// Apply pending migrations when `serve` starts.
    pub migrate_on_start: bool,
    /// A tracing filter, e.g. `info` or `plaudit=debug,info`.
    pub log: String,
    /// `text` for people, `json` for log collectors.
    pub log_format: LogFormat,
    /// The address people use to reach this server; links in e-mails and feeds start with it.
    pub public_url: String,
    /// Served over https (directly or behind a proxy): cookies get `Secure`, responses HSTS.
    pub secure_cookies: bool,
    /// Where mail is sent: `smtp://host:25`, `smtp://user:password@host:587` (STARTTLS) or
    /// `smtps://…:465`. Without it mail waits in the outbox until one is set.
    pub smtp_url: Option<String>,
    /// The sender of every mail.
    pub mail_from: String,
    /// Sign-in, join and reset forms accepted per minute from one address.
    pub anonymous_posts_per_minute: u32,
    /// The OpenID Connect provider people may sign in with, e.g. `https://id.example.org`;
    /// unset, only passwords sign in.
    pub oidc_issuer: Option<String>,
    /// This server's client id at the provider.
    pub oidc_client_id: Option<String>,
    /// This server's client secret at the provider; unset for a public client (PKCE only).
    pub oidc_client_secret: Option<String>,
    /// The provider's name on the sign-in button ("Sign in with …").
    pub oidc_name: String,
    /// The language pages and mail use when a person has chosen none and their browser asks
    /// for none we ship: `en` or `de`.
    pub default_language: String,
    /// The GitHub token AMAs linked to a repository sync with (a fine-grained token of the
    /// hosts' repositories with read and write access to issues); unset, nothing syncs. A
    /// secret: `plaudit config` masks it, and nothing logs it.
    pub github_token: Option<String>,
    /// GitHub's REST API: `https://api.github.com`, or a GitHub Enterprise Server's
    /// `https://host/api/v3`.
    pub github_api_url: String,
    /// Where the importers find YouTube, Stack Exchange's API and Sessionize: the real
    /// services unless a test points them at its own servers.
    pub import_youtube_url: String,
    pub import_stack_exchange_url: String,
    pub import_sessionize_url: String,
    /// Lets importers read loopback and private addresses. Only for tests: with it, anyone
    /// who may add a blog could make the server read the machine's own network.
    pub import_allow_private_addresses: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: DEFAULT_DATABASE_URL.to_owned(),
            bind: DEFAULT_BIND.to_owned(),
            migrate_on_start: true,
            log: "info".to_owned(),
            log_format: LogFormat::Text,
            public_url: format!("http://{DEFAULT_BIND}"),
            secure_cookies: false,
            smtp_url: None,
            mail_from: "Plaudit <plaudit@localhost>".to_owned(),
            anonymous_posts_per_minute: 20,
            oidc_issuer: None,
            oidc_client_id: None,
            oidc_client_secret: None,
            oidc_name: DEFAULT_OIDC_NAME.to_owned(),
            default_language: "en".to_owned(),
            github_token: None,
            github_api_url: plaudit_github::DEFAULT_BASE_URL.to_owned(),
            import_youtube_url: plaudit_import::Endpoints::default().youtube,
            import_stack_exchange_url: plaudit_import::Endpoints::default().stack_exchange_api,
            import_sessionize_url: plaudit_import::Endpoints::default().sessionize,
            import_allow_private_addresses: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// Values given on the command line; `None` leaves the setting to the other sources.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub migrate_on_start: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
}

impl Config {
    /// Loads the configuration. `file` is the path given with `--config`; without it,
    /// `plaudit.toml` in the working directory is read when it exists.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Config, StartupError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(path) => {
                if !path.exists() {
                    return Err(StartupError::Config {
                        setting: "config".to_owned(),
                        problem: format!(
                            "the file {} does not exist; check the --config path",
                            path.display()
                        ),
                    });
                }
                figment = figment.merge(Toml::file_exact(path));
            }
            None => {
                let default = PathBuf::from(DEFAULT_CONFIG_FILE);
                if default.exists() {
                    figment = figment.merge(Toml::file_exact(default));
                }
            }
        }
        let config: Config = figment
            .merge(Env::prefixed("PLAUDIT_").only(KEYS))
            .merge(Serialized::defaults(overrides))
            .extract()
            .map_err(StartupError::from_figment)?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), StartupError> {
        self.bind_addr()?;
        if let Some(mail) = self.mail() {
            mail.validate().map_err(StartupError::from_mail)?;
        }
        if crate::i18n::Lang::parse(&self.default_language).is_none() {
            let shipped: Vec<&str> = crate::i18n::Lang::ALL.iter().map(|l| l.code()).collect();
            return Err(StartupError::Config {
                setting: "default_language".to_owned(),
                problem: format!(
                    "{:?} is not a language Plaudit ships; use one of: {}",
                    self.default_language,
                    shipped.join(", ")
                ),
            });
        }
        if self.oidc_issuer.is_some() && self.oidc_client_id.is_none() {
            return Err(StartupError::Config {
                setting: "oidc_client_id".to_owned(),
                problem: "is missing while oidc_issuer is set; set it to the client id the \
                          provider gave this server, or unset oidc_issuer"
                    .to_owned(),
            });
        }
        if !(self.github_api_url.starts_with("https://")
            || self.github_api_url.starts_with("http://"))
        {
            return Err(StartupError::Config {
                setting: "github_api_url".to_owned(),
                problem: format!(
                    "{:?} is not the address of GitHub's API; use {} or a GitHub Enterprise \
                     Server's https://host/api/v3",
                    self.github_api_url,
                    plaudit_github::DEFAULT_BASE_URL
                ),
            });
        }
        if !(self.database_url.starts_with("sqlite:")
            || self.database_url.starts_with("postgres:")
            || self.database_url.starts_with("postgresql:"))
        {
            return Err(StartupError::Config {
                setting: "database_url".to_owned(),
                problem: format!(
                    "{:?} is not a database URL; use sqlite://plaudit.db or \
                     postgres://user@host/database",
                    mask_url(&self.database_url)
                ),
            });
        }
        Ok(())
    }

    /// The program's default language (checked at load, so English only for a hand-built
    /// configuration with a wrong value).
    pub fn default_language(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::parse(&self.default_language).unwrap_or_default()
    }

    pub fn bind_addr(&self) -> Result<SocketAddr, StartupError> {
        self.bind.parse().map_err(|_| StartupError::Config {
            setting: "bind".to_owned(),
            problem: format!("{:?} is not an address like 127.0.0.1:8080", self.bind),
        })
    }

    /// The mail settings, when mail is to be sent.
    pub fn mail(&self) -> Option<crate::mail::MailSettings> {
        self.smtp_url.as_ref().map(|smtp_url| crate::mail::MailSettings {
            smtp_url: smtp_url.clone(),
            from: self.mail_from.clone(),
        })
    }

    /// The configuration as TOML, secrets masked, for `plaudit config`.
    pub fn to_masked_toml(&self) -> String {
        let masked = Config {
            database_url: mask_url(&self.database_url),
            smtp_url: self.smtp_url.as_deref().map(mask_url),
            oidc_client_secret: self.oidc_client_secret.as_ref().map(|_| "****".to_owned()),
            github_token: self.github_token.as_ref().map(|_| "****".to_owned()),
            ..self.clone()
        };
        toml_lines(&masked)
    }
}

fn toml_lines(config: &Config) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    format!(
        "database_url = {}\nbind = {}\nmigrate_on_start = {}\nlog = {}\nlog_format = {}\n\
         public_url = {}\nsecure_cookies = {}\n{}mail_from = {}\nanonymous_posts_per_minute = {}\n\
         {}oidc_name = {}\ndefault_language = {}\n{}github_api_url = {}\n\
         import_youtube_url = {}\nimport_stack_exchange_url = {}\nimport_sessionize_url = {}\n\
         import_allow_private_addresses = {}\n",
        quote(&config.database_url),
        quote(&config.bind),
        config.migrate_on_start,
        quote(&config.log),
        quote(match config.log_format {
            LogFormat::Text => "text",
            LogFormat::Json => "json",
        }),
        quote(&config.public_url),
        config.secure_cookies,
        match &config.smtp_url {
            Some(url) => format!("smtp_url = {}\n", quote(url)),
            None => "# smtp_url is not set: mail waits in the outbox\n".to_owned(),
        },
        quote(&config.mail_from),
        config.anonymous_posts_per_minute,
        match (&config.oidc_issuer, &config.oidc_client_id) {
            (Some(issuer), client_id) => format!(
                "oidc_issuer = {}\n{}{}",
                quote(issuer),
                client_id
                    .as_deref()
                    .map_or_else(String::new, |id| format!("oidc_client_id = {}\n", quote(id))),
                config
                    .oidc_client_secret
                    .as_deref()
                    .map_or_else(String::new, |s| format!("oidc_client_secret = {}\n", quote(s))),
            ),
            (None, _) =>
                "# oidc_issuer is not set: people sign in with passwords only\n".to_owned(),
        },
        quote(&config.oidc_name),
        quote(&config.default_language),
        match &config.github_token {
            Some(token) => format!("github_token = {}\n", quote(token)),
            None => "# github_token is not set: AMAs linked to GitHub are not synced\n".to_owned(),
        },
        quote(&config.github_api_url),
        quote(&config.import_youtube_url),
        quote(&config.import_stack_exchange_url),
        quote(&config.import_sessionize_url),
        config.import_allow_private_addresses,
    )
}

impl Config {
    /// How this server reads import sources.
    pub fn importer(&self) -> Result<crate::ops::imports::Importer, crate::ops::OpError> {
        let endpoints = plaudit_import::Endpoints {
            youtube: self.import_youtube_url.clone(),
            stack_exchange_api: self.import_stack_exchange_url.clone(),
            sessionize: self.import_sessionize_url.clone(),
            github_api: self.github_api_url.clone(),
        };
        crate::ops::imports::Importer::new(
            &self.public_url,
            endpoints,
            self.import_allow_private_addresses,
            self.github_token.clone(),
            None,
        )
    }
}

/// Hides the password of a URL such as `postgres://user:secret@host/db`.
pub fn mask_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:****@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_setting_can_come_from_the_environment_and_the_file() {
        let fields = serde_json::to_value(Config::default()).unwrap();
        let mut fields: Vec<&str> =
            fields.as_object().unwrap().keys().map(String::as_str).collect();
        let mut keys = KEYS.to_vec();
        fields.sort_unstable();
        keys.sort_unstable();
        assert_eq!(fields, keys);
    }

    #[test]
    fn the_oidc_client_secret_is_masked() {
        let config = Config {
            oidc_issuer: Some("https://id.example.org".to_owned()),
            oidc_client_id: Some("plaudit".to_owned()),
            oidc_client_secret: Some("s3cret".to_owned()),
            ..Config::default()
        };
        let shown = config.to_masked_toml();
        assert!(shown.contains("oidc_client_secret = \"****\""), "{shown}");
        assert!(!shown.contains("s3cret"), "{shown}");
    }

    #[test]
    fn the_github_token_is_masked() {
        let config = Config { github_token: Some("ghp_s3cret".to_owned()), ..Config::default() };
        let shown = config.to_masked_toml();
        assert!(shown.contains("github_token = \"****\""), "{shown}");
        assert!(shown.contains("github_api_url = \"https://api.github.com\""), "{shown}");
        assert!(!shown.contains("ghp_s3cret"), "{shown}");
        let unset = Config::default().to_masked_toml();
        assert!(unset.contains("# github_token is not set"), "{unset}");
    }

    #[test]
    fn a_password_in_a_database_url_is_masked() {
        assert_eq!(
            mask_url("postgres://app:s3cret@db:5432/plaudit"),
            "postgres://app:****@db:5432/plaudit"
        );
        assert_eq!(mask_url("postgres://app@db/plaudit"), "postgres://app@db/plaudit");
        assert_eq!(mask_url("sqlite://plaudit.db"), "sqlite://plaudit.db");
    }
}
