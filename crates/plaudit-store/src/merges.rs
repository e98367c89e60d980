//! Merging two people who are one (the same GitHub login, the same verified address), and
//! undoing it exactly. A merge moves what the merged person owns to the kept one (their
//! contributions, awards, candidacies, identities, sources, suggestions and the rest) and
//! records each moved row, so its undo moves back those rows and no others. A row that would
//! collide with one the kept person already has (an award for the same category and year, the
//! same contribution address) stays where it is: the kept person's wins, nothing is lost, and
//! the undo finds everything as it was. The merged person's own profile stays, hidden by
//! `merged_into_id`. Derived rows (standings, directory) are the caller's to recompute.

// Table and column names come from OWNED, never from input.
use sqlx::{AssertSqlSafe, FromRow};
use tracing::instrument;

use crate::{Db, StoreError, Tx, on_db, on_tx};

/// When a moved row would collide with one of the kept person's.
enum Unique {
    /// Never: nothing unique involves the person.
    Never,
    /// When the kept person has a row at all (one per person).
    PerPerson,
    /// When the kept person has a row with the same values in these columns.
    With(&'static [&'static str]),
}

/// A table whose rows belong to a person through `column`; every one has an `id` key.
struct Owned {
    table: &'static str,
    column: &'static str,
    unique: Unique,
}

/// What a merge moves. Profiles (photo, areas, speaking and community details) stay with each
/// person; standings and the directory are derived and recomputed.
const OWNED: &[Owned] = &[
    Owned { table: "account", column: "person_id", unique: Unique::PerPerson },
    Owned { table: "ama", column: "host_person_id", unique: Unique::PerPerson },
    Owned {
        table: "award",
        column: "person_id",
        unique: Unique::With(&["category_id", "award_year"]),
    },
    Owned {
        table: "benefit_claim",
        column: "person_id",
        unique: Unique::With(&["benefit_id", "award_year"]),
    },
    Owned {
        table: "candidacy",
        column: "person_id",
        unique: Unique::With(&["category_id", "cycle_id"]),
    },
    Owned { table: "community_post", column: "author_person_id", unique: Unique::Never },
    Owned { table: "contribution", column: "person_id", unique: Unique::With(&["canonical_url"]) },
    Owned {
        table: "endorsement",
        column: "endorser_person_id",
        unique: Unique::With(&["candidacy_id"]),
    },
    Owned { table: "feedback_thread", column: "author_person_id", unique: Unique::Never },
    Owned { table: "follow", column: "person_id", unique: Unique::With(&["account_id"]) },
    Owned {
        table: "import_source",
        column: "person_id",
        unique: Unique::With(&["kind", "locator"]),
    },
    Owned {
        table: "import_suggestion",
        column: "person_id",
        unique: Unique::With(&["canonical_url"]),
    },
    Owned {
        table: "nda_acceptance",
        column: "person_id",
        unique: Unique::With(&["nda_version_id"]),
    },
    Owned {
        table: "nomination",
        column: "nominator_person_id",
        unique: Unique::With(&["candidacy_id"]),
    },
    Owned { table: "person_identity", column: "person_id", unique: Unique::Never },
    Owned { table: "speaking_request", column: "person_id", unique: Unique::Never },
];

/// Every table and person column a merge moves, for tests that compare before and after.
pub fn moved_columns() -> impl Iterator<Item = (&'static str, &'static str)> {
    OWNED.iter().map(|o| (o.table, o.column))
}

/// An open suggestion to merge two people, with their names.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SuggestionRow {
    pub id: i64,
    pub person_a_id: i64,
    pub person_a_name: String,
    pub person_a_slug: String,
    pub person_b_id: i64,
    pub person_b_name: String,
    pub person_b_slug: String,
    pub reason: String,
    pub created_at: i64,
}

/// A merge, undone or not, with the people's names.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct MergeRow {
    pub id: i64,
    pub kept_person_id: i64,
    pub kept_name: String,
    pub merged_person_id: i64,
    pub merged_name: String,
    pub moved: i64,
    pub merged_at: i64,
    pub undone_at: Option<i64>,
}

/// Open suggestions, oldest first (`person_merge_suggestion_status`).
#[instrument(skip_all)]
pub async fn open_suggestions(db: &Db, limit: i64) -> Result<Vec<SuggestionRow>, StoreError> {
    const SQL: &str = "SELECT s.id, s.person_a_id, a.display_name AS person_a_name, \
         a.slug AS person_a_slug, s.person_b_id, b.display_name AS person_b_name, \
         b.slug AS person_b_slug, s.reason, s.created_at \
         FROM person_merge_suggestion s \
         JOIN person a ON a.id = s.person_a_id JOIN person b ON b.id = s.person_b_id \
         WHERE s.status = 'open' AND a.merged_into_id IS NULL AND b.merged_into_id IS NULL \
         ORDER BY s.created_at, s.id LIMIT $1";
    Ok(on_db!(db, pool => sqlx::query_as(SQL).bind(limit).fetch_all(pool).await)?)
}

/// One open suggestion's two people.
#[instrument(skip_all)]
pub async fn suggestion(db: &Db, id: i64) -> Result<Option<(i64, i64)>, StoreError> {
    const SQL: &str = "SELECT person_a_id, person_b_id FROM person_merge_suggestion \
         WHERE id = $1 AND status = 'open'";
    Ok(on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)?)
}

/// Marks a suggestion `status` (`dismissed`: not the same person); false when it is not open.
#[instrument(skip_all)]
pub async fn close_suggestion(tx: &mut Tx, id: i64, status: &str) -> Result<bool, StoreError> {
    const SQL: &str =
        "UPDATE person_merge_suggestion SET status = $2 WHERE id = $1 AND status = 'open'";
    let done = on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(status).execute(conn).await
        .map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// The latest merges, newest first (`person_merge` by id).
#[instrument(skip_all)]
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<MergeRow>, StoreError> {
    const SQL: &str = "SELECT m.id, m.kept_person_id, k.display_name AS kept_name, \
         m.merged_person_id, g.display_name AS merged_name, \
         (SELECT COUNT(*) FROM person_merge_move v WHERE v.merge_id = m.id) AS moved, \
         m.merged_at, m.undone_at \
         FROM person_merge m JOIN person k ON k.id = m.kept_person_id \
         JOIN person g ON g.id = m.merged_person_id ORDER BY m.id DESC LIMIT $1";
    Ok(on_db!(db, pool => sqlx::query_as(SQL).bind(limit).fetch_all(pool).await)?)
}

/// Why two people cannot be merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// One of them does not exist, or is merged into someone already.
    NotFound,
    /// A person cannot be merged with themselves.
    Same,
}

/// Merges `merged` into `kept`: moves and records what `merged` owns, and hides them. Returns
/// the merge's id and how many rows moved.
#[instrument(skip_all)]
pub async fn merge(
    tx: &mut Tx,
    kept: i64,
    merged: i64,
    by_account: Option<i64>,
    now: i64,
) -> Result<Result<(i64, i64), Refusal>, StoreError> {
    const LIVE: &str =
        "SELECT COUNT(*) FROM person WHERE id IN ($1, $2) AND merged_into_id IS NULL";
    const INSERT: &str = "INSERT INTO person_merge (kept_person_id, merged_person_id, \
         merged_by_account_id, merged_at) VALUES ($1, $2, $3, $4) RETURNING id";
    const HIDE: &str = "UPDATE person SET merged_into_id = $1, updated_at = $3 WHERE id = $2";
    if kept == merged {
        return Ok(Err(Refusal::Same));
    }
    let live: i64 = on_tx!(tx, conn => sqlx::query_scalar(LIVE).bind(kept).bind(merged)
        .fetch_one(conn).await)?;
    if live != 2 {
        return Ok(Err(Refusal::NotFound));
    }
    let merge_id: i64 = on_tx!(tx, conn => sqlx::query_scalar(INSERT).bind(kept).bind(merged)
        .bind(by_account).bind(now).fetch_one(conn).await)?;
    let mut moved = 0;
    for owned in OWNED {
        let collides = match owned.unique {
            Unique::Never => String::new(),
            Unique::PerPerson => format!(
                " AND NOT EXISTS (SELECT 1 FROM {t} k WHERE k.{c} = $3)",
                t = owned.table,
                c = owned.column
            ),
            Unique::With(columns) => {
                let same: Vec<String> =
                    columns.iter().map(|u| format!(" AND k.{u} = m.{u}")).collect();
                format!(
                    " AND NOT EXISTS (SELECT 1 FROM {t} k WHERE k.{c} = $3{same})",
                    t = owned.table,
                    c = owned.column,
                    same = same.concat()
                )
            }
        };
        let record = format!(
            "INSERT INTO person_merge_move (merge_id, table_name, row_id) \
             SELECT CAST($1 AS BIGINT), '{t}', m.id FROM {t} m WHERE m.{c} = $2{collides}",
            t = owned.table,
            c = owned.column
        );
        let rows = on_tx!(tx, conn => sqlx::query(AssertSqlSafe(record.as_str())).bind(merge_id).bind(merged).bind(kept)
            .execute(conn).await.map(|done| done.rows_affected()))?;
        if rows > 0 {
            let mv = format!(
                "UPDATE {t} SET {c} = $3 WHERE id IN (SELECT row_id FROM person_merge_move \
                 WHERE merge_id = $1 AND table_name = '{t}') AND {c} = $2",
                t = owned.table,
                c = owned.column
            );
            on_tx!(tx, conn => sqlx::query(AssertSqlSafe(mv.as_str())).bind(merge_id).bind(merged).bind(kept)
                .execute(conn).await.map(|done| done.rows_affected()))?;
            moved += i64::try_from(rows).unwrap_or(i64::MAX);
        }
    }
    on_tx!(tx, conn => sqlx::query(HIDE).bind(kept).bind(merged).bind(now)
        .execute(conn).await.map(|done| done.rows_affected()))?;
    set_pair_status(tx, kept, merged, "open", "merged").await?;
    Ok(Ok((merge_id, moved)))
}

/// Undoes a merge: moves back exactly the rows it moved and shows the merged person again.
/// Returns the two people (kept, merged), or None when there is no such merge not yet undone.
/// A merge is undone newest first: one whose kept person was merged on since is refused.
#[instrument(skip_all)]
pub async fn undo(tx: &mut Tx, merge_id: i64, now: i64) -> Result<Option<(i64, i64)>, StoreError> {
    const FIND: &str = "SELECT m.kept_person_id, m.merged_person_id FROM person_merge m \
         JOIN person k ON k.id = m.kept_person_id \
         WHERE m.id = $1 AND m.undone_at IS NULL AND k.merged_into_id IS NULL";
    const SHOW: &str = "UPDATE person SET merged_into_id = NULL, updated_at = $2 WHERE id = $1";
    const MARK: &str = "UPDATE person_merge SET undone_at = $2 WHERE id = $1";
    let found: Option<(i64, i64)> = on_tx!(tx, conn => sqlx::query_as(FIND).bind(merge_id)
        .fetch_optional(conn).await)?;
    let Some((kept, merged)) = found else { return Ok(None) };
    for owned in OWNED {
        let back = format!(
            "UPDATE {t} SET {c} = $2 WHERE id IN (SELECT row_id FROM person_merge_move \
             WHERE merge_id = $1 AND table_name = '{t}') AND {c} = $3",
            t = owned.table,
            c = owned.column
        );
        on_tx!(tx, conn => sqlx::query(AssertSqlSafe(back.as_str())).bind(merge_id).bind(merged).bind(kept)
            .execute(conn).await.map(|done| done.rows_affected()))?;
    }
    on_tx!(tx, conn => sqlx::query(SHOW).bind(merged).bind(now)
        .execute(conn).await.map(|done| done.rows_affected()))?;
    on_tx!(tx, conn => sqlx::query(MARK).bind(merge_id).bind(now)
        .execute(conn).await.map(|done| done.rows_affected()))?;
    set_pair_status(tx, kept, merged, "merged", "open").await?;
    Ok(Some((kept, merged)))
}

/// The suggestion to merge the pair, whichever way round, goes from `from` to `to`.
async fn set_pair_status(
    tx: &mut Tx,
    a: i64,
    b: i64,
    from: &str,
    to: &str,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE person_merge_suggestion SET status = $4 \
         WHERE person_a_id = $1 AND person_b_id = $2 AND status = $3";
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    on_tx!(tx, conn => sqlx::query(SQL).bind(low).bind(high).bind(from).bind(to)
        .execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(())
}
