//! People: the profile a person fills in, its photo, and what they confirm.

use jiff::Timestamp;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

const CONFIRM: &str = "UPDATE person SET \
     age_confirmed_at = COALESCE($2, age_confirmed_at), \
     code_of_conduct_version = COALESCE($3, code_of_conduct_version), \
     code_of_conduct_accepted_at = CASE WHEN $3 IS NULL THEN code_of_conduct_accepted_at \
         ELSE $4 END, \
     updated_at = $4 WHERE id = $1";

/// Records that the person confirmed the minimum age (`age_confirmed_at`) and accepted a
/// version of the code of conduct; a None leaves what was recorded before.
#[instrument(skip_all)]
pub async fn confirm(
    tx: &mut Tx,
    person_id: i64,
    age_confirmed_at: Option<Timestamp>,
    code_of_conduct_version: Option<&str>,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(CONFIRM).bind(person_id)
        .bind(age_confirmed_at.map(to_micros)).bind(code_of_conduct_version).bind(to_micros(now))
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

// The profile ------------------------------------------------------------------------------------

/// A person's profile as stored, with what they confirmed.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Profile {
    pub id: i64,
    pub display_name: String,
    pub headline: String,
    pub bio: String,
    pub country: Option<String>,
    pub region: Option<String>,
    pub employer: Option<String>,
    /// Language codes, comma-separated (`en,de,pt-BR`).
    pub languages: String,
    /// One `label<TAB>url` per line; the label may be empty.
    pub links: String,
    /// Bumped with each new photo; None while the person has none.
    pub photo_version: Option<i64>,
    pub age_confirmed_at: Option<i64>,
    pub code_of_conduct_version: Option<String>,
    pub code_of_conduct_accepted_at: Option<i64>,
    /// The slugs of the person's technology areas, filled by [`profile`].
    #[sqlx(skip)]
    pub areas: Vec<String>,
}

const PROFILE: &str = "SELECT id, display_name, headline, bio, country, region, employer, \
     languages, links, photo_version, age_confirmed_at, code_of_conduct_version, \
     code_of_conduct_accepted_at FROM person WHERE id = $1";
const PROFILE_AREAS: &str = "SELECT t.slug FROM person_area a \
     JOIN technology_area t ON t.id = a.technology_area_id WHERE a.person_id = $1 \
     ORDER BY t.slug";

/// The person's profile with their technology areas; None when there is no such person.
#[instrument(skip_all)]
pub async fn profile(db: &Db, person_id: i64) -> Result<Option<Profile>, StoreError> {
    let found: Option<Profile> = on_db!(db, pool =>
        sqlx::query_as(PROFILE).bind(person_id).fetch_optional(pool).await)?;
    let Some(mut profile) = found else { return Ok(None) };
    profile.areas = on_db!(db, pool =>
        sqlx::query_scalar(PROFILE_AREAS).bind(person_id).fetch_all(pool).await)?;
    Ok(Some(profile))
}

/// The fields of a profile to save, checked already; empty optional fields are None.
#[derive(Debug, Clone, Copy)]
pub struct ProfileWrite<'a> {
    pub display_name: &'a str,
    pub headline: &'a str,
    pub bio: &'a str,
    pub country: Option<&'a str>,
    pub region: Option<&'a str>,
    pub employer: Option<&'a str>,
    pub languages: &'a str,
    pub links: &'a str,
    /// The ids of the person's technology areas: they replace the ones stored.
    pub area_ids: &'a [i64],
}

const SAVE_PROFILE: &str = "UPDATE person SET display_name = $2, headline = $3, bio = $4, \
     country = $5, region = $6, employer = $7, languages = $8, links = $9, updated_at = $10 \
     WHERE id = $1";
const DELETE_AREAS: &str = "DELETE FROM person_area WHERE person_id = $1";
const INSERT_AREA: &str = "INSERT INTO person_area (person_id, technology_area_id) VALUES ($1, $2)";

/// Saves the profile's fields and replaces the person's technology areas, in the caller's
/// transaction; false when there is no such person.
#[instrument(skip_all)]
pub async fn save_profile(
    tx: &mut Tx,
    person_id: i64,
    profile: &ProfileWrite<'_>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let p = profile;
    let changed = on_tx!(tx, conn => {
        let done = sqlx::query(SAVE_PROFILE)
            .bind(person_id)
            .bind(p.display_name)
            .bind(p.headline)
            .bind(p.bio)
            .bind(p.country)
            .bind(p.region)
            .bind(p.employer)
            .bind(p.languages)
            .bind(p.links)
            .bind(to_micros(now))
            .execute(&mut *conn)
            .await?;
        if done.rows_affected() > 0 {
            sqlx::query(DELETE_AREAS).bind(person_id).execute(&mut *conn).await?;
            for area in p.area_ids {
                sqlx::query(INSERT_AREA).bind(person_id).bind(area).execute(&mut *conn).await?;
            }
        }
        Ok::<u64, sqlx::Error>(done.rows_affected())
    })?;
    Ok(changed > 0)
}

// The photo --------------------------------------------------------------------------------------

/// One stored size of a person's photo.
#[derive(Debug, Clone, Copy)]
pub struct PhotoWrite<'a> {
    pub size: i64,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

const DELETE_PHOTOS: &str = "DELETE FROM person_photo WHERE person_id = $1";
const INSERT_PHOTO: &str = "INSERT INTO person_photo (person_id, size, content_type, bytes, \
     created_at) VALUES ($1, $2, $3, $4, $5)";
/// The version is the instant of the upload, or one more than the last when the clock has not
/// moved past it: a version is never used twice, even for a person whose photo a database
/// restored from a backup already had.
const BUMP_PHOTO_VERSION: &str = "UPDATE person SET \
     photo_version = CASE WHEN COALESCE(photo_version, 0) >= $2 THEN photo_version + 1 \
         ELSE $2 END, \
     updated_at = $2 WHERE id = $1 RETURNING photo_version";

/// Replaces every stored size of the person's photo with `variants` and returns the photo's
/// new version; None when there is no such person.
#[instrument(skip_all)]
pub async fn replace_photo(
    tx: &mut Tx,
    person_id: i64,
    variants: &[PhotoWrite<'_>],
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    let now = to_micros(now);
    let version = on_tx!(tx, conn => {
        let version: Option<i64> = sqlx::query_scalar(BUMP_PHOTO_VERSION)
            .bind(person_id).bind(now).fetch_optional(&mut *conn).await?;
        if version.is_some() {
            sqlx::query(DELETE_PHOTOS).bind(person_id).execute(&mut *conn).await?;
            for v in variants {
                sqlx::query(INSERT_PHOTO).bind(person_id).bind(v.size).bind(v.content_type)
                    .bind(v.bytes).bind(now).execute(&mut *conn).await?;
            }
        }
        Ok::<Option<i64>, sqlx::Error>(version)
    })?;
    Ok(version)
}

/// One stored size of a person's photo, with the photo's version.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct StoredPhoto {
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub version: i64,
}

const PHOTO: &str = "SELECT ph.content_type, ph.bytes, p.photo_version AS version \
     FROM person_photo ph JOIN person p ON p.id = ph.person_id \
     WHERE ph.person_id = $1 AND ph.size = $2 AND p.photo_version IS NOT NULL";

/// The person's photo in `size`; None when they have none, or none of that size.
#[instrument(skip_all)]
pub async fn photo(db: &Db, person_id: i64, size: i64) -> Result<Option<StoredPhoto>, StoreError> {
    Ok(on_db!(db, pool =>
        sqlx::query_as(PHOTO).bind(person_id).bind(size).fetch_optional(pool).await)?)
}
