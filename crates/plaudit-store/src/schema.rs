//! A backend-neutral description of the live schema, read from each database's catalog, so a
//! test can prove that the SQLite and PostgreSQL migrations describe the same data model.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Db, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableDesc {
    /// (column, type class, not null), in declaration order.
    pub columns: Vec<(String, &'static str, bool)>,
    pub primary_key: Vec<String>,
    pub indexes: BTreeSet<IndexDesc>,
    pub foreign_keys: BTreeSet<ForeignKeyDesc>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct IndexDesc {
    /// Named only when created with CREATE INDEX; indexes behind a UNIQUE constraint are named
    /// differently by each backend, so they are compared by their columns.
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub unique: bool,
    pub partial: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ForeignKeyDesc {
    pub column: String,
    pub references: String,
    pub on_delete: String,
}

pub type SchemaDesc = BTreeMap<String, TableDesc>;

/// Maps each backend's declared type to a class both share.
fn type_class(declared: &str) -> &'static str {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" => "integer",
        "text" => "text",
        "boolean" => "boolean",
        "double precision" | "real" => "real",
        "tsvector" => "tsvector",
        _ => "other",
    }
}

fn on_delete_class(action: &str) -> String {
    match action.to_ascii_lowercase().as_str() {
        "c" | "cascade" => "cascade",
        "n" | "set null" => "set_null",
        "r" | "restrict" => "restrict",
        _ => "no_action",
    }
    .to_owned()
}

const SQLITE_COLUMNS: &str = "SELECT m.name, p.name, p.type, p.\"notnull\", p.pk \
     FROM sqlite_master m JOIN pragma_table_info(m.name) p \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations' \
     ORDER BY m.name, p.cid";
const SQLITE_INDEXES: &str = "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ii.name \
     FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations' \
       AND il.origin <> 'pk' \
     ORDER BY m.name, il.name, ii.seqno";
const SQLITE_FOREIGN_KEYS: &str = "SELECT m.name, f.\"from\", f.\"table\", f.on_delete \
     FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'";

const POSTGRES_COLUMNS: &str = "SELECT c.table_name::text, c.column_name::text, c.data_type::text, \
       (c.is_nullable = 'NO'), COALESCE(pk.ord, 0)::bigint \
     FROM information_schema.columns c \
     LEFT JOIN (SELECT k.table_name, k.column_name, k.ordinal_position AS ord \
                FROM information_schema.table_constraints t \
                JOIN information_schema.key_column_usage k \
                  ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema \
                WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = current_schema()) pk \
       ON pk.table_name = c.table_name AND pk.column_name = c.column_name \
     WHERE c.table_schema = current_schema() AND c.table_name <> '_sqlx_migrations' \
     ORDER BY c.table_name, c.ordinal_position";
const POSTGRES_INDEXES: &str = "SELECT t.relname::text, i.relname::text, ix.indisunique, \
       EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid), \
       ix.indpred IS NOT NULL, a.attname::text \
     FROM pg_index ix \
     JOIN pg_class i ON i.oid = ix.indexrelid \
     JOIN pg_class t ON t.oid = ix.indrelid \
     JOIN pg_namespace n ON n.oid = t.relnamespace \
     CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) \
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
     WHERE n.nspname = current_schema() AND NOT ix.indisprimary \
       AND t.relname <> '_sqlx_migrations' \
     ORDER BY t.relname, i.relname, k.ord";
const POSTGRES_FOREIGN_KEYS: &str = "SELECT cl.relname::text, a.attname::text, rt.relname::text, \
       c.confdeltype::text \
     FROM pg_constraint c \
     JOIN pg_class cl ON cl.oid = c.conrelid \
     JOIN pg_namespace n ON n.oid = cl.relnamespace \
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
     JOIN pg_class rt ON rt.oid = c.confrelid \
     WHERE c.contype = 'f' AND n.nspname = current_schema()";

/// The virtual tables of SQLite's full-text search; each keeps its index in shadow tables named
/// after it.
const SQLITE_VIRTUAL_TABLES: &str = "SELECT name FROM sqlite_master \
     WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'";

/// Reads the schema of `db` from its catalog. Full-text search is each backend's own (an FTS5
/// table in SQLite, a `tsvector` column in PostgreSQL) and is left out, so the rest compares.
pub async fn describe(db: &Db) -> Result<SchemaDesc, StoreError> {
    let mut tables = describe_all(db).await?;
    match db {
        Db::Sqlite(pool) => {
            let virtual_tables: Vec<String> =
                sqlx::query_scalar(SQLITE_VIRTUAL_TABLES).fetch_all(pool).await?;
            tables.retain(|table, _| {
                !virtual_tables.iter().any(|v| {
                    table == v || table.strip_prefix(v.as_str()).is_some_and(|s| s.starts_with('_'))
                })
            });
        }
        Db::Postgres(_) => {
            for desc in tables.values_mut() {
                let search: Vec<String> = desc
                    .columns
                    .iter()
                    .filter(|(_, class, _)| *class == "tsvector")
                    .map(|(name, _, _)| name.clone())
                    .collect();
                desc.columns.retain(|(name, _, _)| !search.contains(name));
                desc.indexes.retain(|index| !index.columns.iter().any(|c| search.contains(c)));
            }
        }
    }
    Ok(tables)
}

async fn describe_all(db: &Db) -> Result<SchemaDesc, StoreError> {
    let mut tables = SchemaDesc::new();
    // (table, column, type, not null, primary-key position)
    let columns: Vec<(String, String, String, bool, i64)>;
    // (table, index, unique, backs a constraint, partial, column)
    let mut indexes: Vec<(String, String, bool, bool, bool, String)> = Vec::new();
    let foreign_keys: Vec<(String, String, String, String)>;
    match db {
        Db::Sqlite(pool) => {
            columns = sqlx::query_as(SQLITE_COLUMNS).fetch_all(pool).await?;
            let rows: Vec<(String, String, bool, String, bool, String)> =
                sqlx::query_as(SQLITE_INDEXES).fetch_all(pool).await?;
            for (table, index, unique, origin, partial, column) in rows {
                indexes.push((table, index, unique, origin != "c", partial, column));
            }
            foreign_keys = sqlx::query_as(SQLITE_FOREIGN_KEYS).fetch_all(pool).await?;
        }
        Db::Postgres(pool) => {
            columns = sqlx::query_as(POSTGRES_COLUMNS).fetch_all(pool).await?;
            indexes = sqlx::query_as(POSTGRES_INDEXES).fetch_all(pool).await?;
            foreign_keys = sqlx::query_as(POSTGRES_FOREIGN_KEYS).fetch_all(pool).await?;
        }
    }

    let mut primary_keys: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for (table, column, declared, not_null, pk_position) in columns {
        let desc = tables.entry(table.clone()).or_default();
        // SQLite reports an INTEGER PRIMARY KEY as nullable, though it never holds NULL.
        desc.columns.push((column.clone(), type_class(&declared), not_null || pk_position > 0));
        if pk_position > 0 {
            primary_keys.entry(table).or_default().push((pk_position, column));
        }
    }
    for (table, mut key) in primary_keys {
        key.sort();
        if let Some(desc) = tables.get_mut(&table) {
            desc.primary_key = key.into_iter().map(|(_, c)| c).collect();
        }
    }

    let mut grouped: BTreeMap<(String, String), IndexDesc> = BTreeMap::new();
    for (table, index, unique, backs_constraint, partial, column) in indexes {
        grouped
            .entry((table, index.clone()))
            .or_insert_with(|| IndexDesc {
                name: (!backs_constraint).then_some(index),
                columns: Vec::new(),
                unique,
                partial,
            })
            .columns
            .push(column);
    }
    for ((table, _), index) in grouped {
        tables.entry(table).or_default().indexes.insert(index);
    }

    for (table, column, references, on_delete) in foreign_keys {
        tables.entry(table).or_default().foreign_keys.insert(ForeignKeyDesc {
            column,
            references,
            on_delete: on_delete_class(&on_delete),
        });
    }
    Ok(tables)
}

/// (table, constraint, position, column): every foreign key's referencing columns, in order.
const SQLITE_FOREIGN_KEY_COLUMNS: &str = "SELECT m.name, f.id, f.seq, f.\"from\" \
     FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations' \
     ORDER BY m.name, f.id, f.seq";
const POSTGRES_FOREIGN_KEY_COLUMNS: &str = "SELECT cl.relname::text, c.oid::bigint, k.ord::bigint, \
       a.attname::text \
     FROM pg_constraint c \
     JOIN pg_class cl ON cl.oid = c.conrelid \
     JOIN pg_namespace n ON n.oid = cl.relnamespace \
     CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) \
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum \
     WHERE c.contype = 'f' AND n.nspname = current_schema() \
     ORDER BY cl.relname, c.oid, k.ord";
/// (index, predicate) of every partial index created with CREATE INDEX.
const SQLITE_PARTIAL_PREDICATES: &str = "SELECT name, sql FROM sqlite_master \
     WHERE type = 'index' AND sql IS NOT NULL";
const POSTGRES_PARTIAL_PREDICATES: &str = "SELECT i.relname::text, \
       pg_get_expr(ix.indpred, ix.indrelid) \
     FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid \
     JOIN pg_namespace n ON n.oid = i.relnamespace \
     WHERE n.nspname = current_schema() AND ix.indpred IS NOT NULL";

/// Every foreign key whose referencing columns do not lead some index (or the primary key),
/// as `table (columns)`. Without such an index, deleting or re-keying a parent row scans the
/// whole child table, once per row, and a cascade does so while holding its locks.
///
/// A partial index counts only when its condition is `column IS NOT NULL` on its first
/// column: both databases then use it for the `column = ?` lookup a foreign key check makes.
pub async fn unindexed_foreign_keys(db: &Db) -> Result<Vec<String>, StoreError> {
    let tables = describe(db).await?;
    // (table, constraint, position, column) and (index, predicate)
    type Keys = Vec<(String, i64, i64, String)>;
    type Predicates = Vec<(String, Option<String>)>;
    let (keys, predicates): (Keys, Predicates) = match db {
        Db::Sqlite(pool) => (
            sqlx::query_as(SQLITE_FOREIGN_KEY_COLUMNS).fetch_all(pool).await?,
            sqlx::query_as(SQLITE_PARTIAL_PREDICATES).fetch_all(pool).await?,
        ),
        Db::Postgres(pool) => (
            sqlx::query_as(POSTGRES_FOREIGN_KEY_COLUMNS).fetch_all(pool).await?,
            sqlx::query_as(POSTGRES_PARTIAL_PREDICATES).fetch_all(pool).await?,
        ),
    };
    // The condition of each partial index, squeezed: `(a IS NOT NULL)` → `aisnotnull`.
    let conditions: BTreeMap<String, String> = predicates
        .into_iter()
        .filter_map(|(index, sql)| {
            let sql = sql?.to_ascii_lowercase();
            // SQLite gives the whole CREATE INDEX statement, PostgreSQL the condition alone.
            let condition = match sql.rfind(" where ") {
                Some(at) if sql.starts_with("create ") => sql[at + 7..].to_owned(),
                Some(_) => return None,
                None if sql.starts_with("create ") => return None,
                None => sql,
            };
            let squeezed = condition.chars().filter(|c| c.is_alphanumeric() || *c == '_');
            Some((index, squeezed.collect()))
        })
        .collect();

    let mut grouped: BTreeMap<(String, i64), Vec<String>> = BTreeMap::new();
    for (table, constraint, _, column) in keys {
        grouped.entry((table, constraint)).or_default().push(column);
    }
    let mut missing = BTreeSet::new();
    for ((table, _), columns) in grouped {
        let Some(desc) = tables.get(&table) else { continue };
        let leads = |index_columns: &[String]| {
            index_columns.len() >= columns.len()
                && columns.iter().all(|c| index_columns[..columns.len()].contains(c))
        };
        let usable = |index: &IndexDesc| {
            if !index.partial {
                return true;
            }
            let (Some(name), Some(first)) = (&index.name, index.columns.first()) else {
                return false;
            };
            conditions.get(name).is_some_and(|c| *c == format!("{first}isnotnull"))
        };
        let covered = leads(&desc.primary_key)
            || desc.indexes.iter().any(|index| usable(index) && leads(&index.columns));
        if !covered {
            missing.insert(format!("{table} ({})", columns.join(", ")));
        }
    }
    Ok(missing.into_iter().collect())
}
