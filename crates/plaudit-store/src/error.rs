use thiserror::Error;

/// What can go wrong in the store, in terms the binary can explain to an operator.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the database URL is not valid: {0}")]
    InvalidUrl(String),
    #[error("cannot reach the database: {0}")]
    Unreachable(String),
    #[error(
        "the database schema is newer than this binary (it has migration {version}, which this \
         binary does not know)"
    )]
    SchemaNewer { version: i64 },
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Invalid(String),
}

impl StoreError {
    /// True when a UNIQUE constraint refused the write. Both backends report this, while only
    /// PostgreSQL names the constraint, so callers match on the kind and their own operation.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}
