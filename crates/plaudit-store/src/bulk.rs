//! Fast loading of many rows at once, for the demo generator and imports of whole programs:
//! multi-row INSERTs inside one `BEGIN IMMEDIATE` transaction on SQLite, COPY on PostgreSQL.

use std::fmt::Write as _;

use sqlx::AssertSqlSafe;
use sqlx::postgres::{PgConnection, PgCopyIn};
use tracing::instrument;

use crate::{StoreError, Tx};

/// One cell of a row to load.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Bool(bool),
    Real(f64),
    Text(String),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// Rows for one table, stored flat: `values.len()` is a multiple of `columns.len()`.
#[derive(Debug)]
pub struct Rows {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    values: Vec<Value>,
}

impl Rows {
    pub fn new(table: &'static str, columns: &'static [&'static str]) -> Rows {
        Rows { table, columns, values: Vec::new() }
    }

    /// Appends one row. The caller passes exactly one value per column.
    pub fn push(&mut self, row: impl IntoIterator<Item = Value>) {
        let before = self.values.len();
        self.values.extend(row);
        debug_assert_eq!(self.values.len() - before, self.columns.len(), "{}", self.table);
    }

    pub fn len(&self) -> usize {
        self.values.len() / self.columns.len().max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn clear(&mut self) {
        self.values.clear();
    }
}

/// SQLite accepts at most 32766 bound parameters per statement.
const SQLITE_MAX_PARAMETERS: usize = 32_000;
const SQLITE_MAX_ROWS_PER_INSERT: usize = 2_000;

/// Writes `rows` into their table within `tx`.
#[instrument(skip_all, fields(table = rows.table, rows = rows.len()))]
pub async fn load(tx: &mut Tx, rows: &Rows) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let mut loader = Loader::open(tx, rows.table, rows.columns).await?;
    loader.write(rows).await?;
    loader.finish().await?;
    tracing::debug!(elapsed_ms = started.elapsed().as_millis() as u64, "bulk load");
    Ok(())
}

/// A load into one table that stays open while its rows are produced in chunks. On PostgreSQL
/// it is one COPY: every COPY costs a round trip that Nagle's algorithm can stretch to 40 ms,
/// so a table of millions of rows is streamed through one rather than many.
pub enum Loader<'t> {
    Sqlite {
        tx: &'t mut sqlx::Transaction<'static, sqlx::Sqlite>,
        table: &'static str,
        columns: &'static [&'static str],
    },
    Postgres {
        copy: PgCopyIn<&'t mut PgConnection>,
        buffer: String,
        table: &'static str,
    },
}

impl<'t> Loader<'t> {
    pub async fn open(
        tx: &'t mut Tx,
        table: &'static str,
        columns: &'static [&'static str],
    ) -> Result<Loader<'t>, StoreError> {
        Ok(match tx {
            Tx::Sqlite(tx) => Loader::Sqlite { tx, table, columns },
            Tx::Postgres(tx) => {
                let statement = format!("COPY {table} ({}) FROM STDIN", columns.join(", "));
                let connection: &'t mut PgConnection = tx;
                let copy = connection.copy_in_raw(&statement).await?;
                Loader::Postgres { copy, buffer: String::with_capacity(COPY_CHUNK + 4096), table }
            }
        })
    }

    /// Writes `rows`, which must be for the table this loader was opened on.
    pub async fn write(&mut self, rows: &Rows) -> Result<(), StoreError> {
        match self {
            Loader::Sqlite { tx, table, columns } => {
                debug_assert_eq!((*table, *columns), (rows.table, rows.columns));
                write_sqlite(tx, rows).await
            }
            Loader::Postgres { copy, buffer, table } => {
                debug_assert_eq!(*table, rows.table);
                for row in rows.values.chunks(rows.columns.len().max(1)) {
                    for (i, value) in row.iter().enumerate() {
                        if i > 0 {
                            buffer.push('\t');
                        }
                        write_copy_value(buffer, value);
                    }
                    buffer.push('\n');
                    if buffer.len() > COPY_CHUNK {
                        copy.send(buffer.as_bytes()).await?;
                        buffer.clear();
                    }
                }
                Ok(())
            }
        }
    }

    pub async fn finish(self) -> Result<(), StoreError> {
        if let Loader::Postgres { mut copy, buffer, .. } = self {
            if !buffer.is_empty() {
                copy.send(buffer.as_bytes()).await?;
            }
            copy.finish().await?;
        }
        Ok(())
    }
}

const COPY_CHUNK: usize = 1 << 20;

async fn write_sqlite(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    rows: &Rows,
) -> Result<(), StoreError> {
    let width = rows.columns.len();
    let per_insert = (SQLITE_MAX_PARAMETERS / width).min(SQLITE_MAX_ROWS_PER_INSERT);
    for chunk in rows.values.chunks(per_insert * width) {
        let sql = insert_sql(rows, chunk.len() / width);
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for value in chunk {
            query = match value {
                Value::Null => query.bind(None::<i64>),
                Value::Int(v) => query.bind(*v),
                Value::Bool(v) => query.bind(*v),
                Value::Real(v) => query.bind(*v),
                Value::Text(v) => query.bind(v.as_str()),
            };
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

fn insert_sql(rows: &Rows, row_count: usize) -> String {
    let width = rows.columns.len();
    let mut sql = format!("INSERT INTO {} ({}) VALUES ", rows.table, rows.columns.join(", "));
    let one_row = format!("({})", vec!["?"; width].join(","));
    for i in 0..row_count {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str(&one_row);
    }
    sql
}

/// Writes one value in COPY's text format.
fn write_copy_value(buffer: &mut String, value: &Value) {
    match value {
        Value::Null => buffer.push_str("\\N"),
        Value::Int(v) => {
            let _ = write!(buffer, "{v}");
        }
        Value::Bool(v) => buffer.push(if *v { 't' } else { 'f' }),
        Value::Real(v) => {
            let _ = write!(buffer, "{v}");
        }
        Value::Text(text) => {
            for c in text.chars() {
                match c {
                    '\\' => buffer.push_str("\\\\"),
                    '\t' => buffer.push_str("\\t"),
                    '\n' => buffer.push_str("\\n"),
                    '\r' => buffer.push_str("\\r"),
                    c => buffer.push(c),
                }
            }
        }
    }
}

/// Skips PostgreSQL's per-row foreign-key triggers for the rest of `tx`, as pg_restore's
/// --disable-triggers does, when the role may (a superuser or the database owner on a managed
/// service with that right); otherwise the checks stay on and the load is only slower. For
/// loaders whose rows are consistent by construction: the same rows load on SQLite with every
/// check on. Returns whether the checks were skipped.
pub async fn skip_trigger_checks(tx: &mut Tx) -> Result<bool, StoreError> {
    let Tx::Postgres(tx) = tx else { return Ok(false) };
    sqlx::query("SAVEPOINT relax_checks").execute(&mut **tx).await?;
    match sqlx::query("SET LOCAL session_replication_role = replica").execute(&mut **tx).await {
        Ok(_) => {
            sqlx::query("RELEASE SAVEPOINT relax_checks").execute(&mut **tx).await?;
            Ok(true)
        }
        Err(_) => {
            sqlx::query("ROLLBACK TO SAVEPOINT relax_checks").execute(&mut **tx).await?;
            Ok(false)
        }
    }
}

/// After rows were loaded with explicit ids, moves PostgreSQL's identity sequence past them
/// (SQLite needs nothing: it takes max(id) + 1).
pub async fn reset_identity(tx: &mut Tx, table: &'static str) -> Result<(), StoreError> {
    if let Tx::Postgres(tx) = tx {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
             COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        );
        sqlx::query(AssertSqlSafe(sql)).execute(&mut **tx).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_the_characters_copy_treats_specially() {
        let mut buffer = String::new();
        write_copy_value(&mut buffer, &Value::Text("a\tb\nc\\d\re".to_owned()));
        assert_eq!(buffer, "a\\tb\\nc\\\\d\\re");
    }

    #[test]
    fn a_sqlite_insert_has_one_placeholder_per_value() {
        let rows = Rows::new("t", &["a", "b"]);
        assert_eq!(insert_sql(&rows, 2), "INSERT INTO t (a, b) VALUES (?,?),(?,?)");
    }
}
