//! Open Badges 3.0 credentials for awards: the program's signing keys, each award's credential
//! (signed when asked, the same bytes every time), the revocation status list, the issuer
//! profile that lists every key, and what a verification of a credential found.
//!
//! A credential is signed with the key that was current when its award was made, so rotating
//! the key never invalidates one already handed out: the issuer profile keeps listing the old
//! keys. Keys live with the other shared secrets in the database, never in a log or the
//! configuration.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jiff::Timestamp;
use plaudit_badges::{AwardFacts, Issuer, IssuerKey, Problem, Verification, VerificationKey};
use plaudit_domain::cycle::{day_start_instant, deadline_instant};
use plaudit_store::awards::{self, CredentialAward};
use plaudit_store::timestamp::date_from_text;
use plaudit_store::{Db, secrets};
use serde_json::Value;

use super::{Ctx, ErrorCode, OpError};
use crate::i18n::{Lang, Msg};

/// The shared-secret names of the signing keys: `badge-key-1`, `badge-key-2`, …
const KEY_PREFIX: &str = "badge-key-";

/// The status list's smallest length in bits (the W3C Bitstring Status List's minimum, which
/// hides which entry is whose in a small program).
const STATUS_LIST_MIN_BITS: usize = 131_072;

pub const STATUS_LIST_PATH: &str = "/status-lists/revocation";
pub const ISSUER_PATH: &str = "/issuer";

/// A signing key and when it was made.
struct StoredKey {
    key: IssuerKey,
    created_at: i64,
}

async fn stored_keys(db: &Db) -> Result<Vec<StoredKey>, OpError> {
    let mut keys = Vec::new();
    for secret in secrets::with_prefix(db, KEY_PREFIX).await? {
        let number: u32 = secret.name[KEY_PREFIX.len()..].parse().map_err(OpError::internal)?;
        let bytes = STANDARD.decode(secret.value.as_bytes()).map_err(OpError::internal)?;
        let key = IssuerKey::from_secret_bytes(number, &bytes).map_err(OpError::internal)?;
        keys.push(StoredKey { key, created_at: secret.created_at });
    }
    keys.sort_by_key(|k| k.key.number());
    Ok(keys)
}

/// Makes the first signing key when there is none (every start; two servers starting at once
/// agree on one).
pub async fn ensure_key(ctx: &Ctx) -> Result<(), OpError> {
    if stored_keys(&ctx.db).await?.is_empty() {
        store_key(ctx, &IssuerKey::generate(1)).await?;
    }
    Ok(())
}

async fn store_key(ctx: &Ctx, key: &IssuerKey) -> Result<bool, OpError> {
    let secret = STANDARD.encode(key.secret_bytes().as_slice());
    let name = format!("{KEY_PREFIX}{}", key.number());
    Ok(secrets::create(&ctx.db, &name, &secret, ctx.now()).await?)
}

/// Makes a new signing key for awards made from now on and returns its number; earlier
/// credentials keep their key, which the issuer profile keeps listing.
pub async fn rotate_key(ctx: &Ctx) -> Result<u32, OpError> {
    let next = stored_keys(&ctx.db).await?.last().map_or(1, |k| k.key.number() + 1);
    if !store_key(ctx, &IssuerKey::generate(next)).await? {
        return Err(OpError::internal(format!(
            "another server made badge key {next} at the same moment; try again"
        )));
    }
    // The issuer profile changed: public copies of it are stale.
    let mut tx = ctx.db.begin_write().await?;
    plaudit_store::public::changed(&mut tx, ctx.now()).await?;
    tx.commit().await?;
    Ok(next)
}

async fn issuer(ctx: &Ctx) -> Result<Issuer, OpError> {
    let settings = plaudit_store::program::settings(&ctx.db).await?;
    Ok(Issuer {
        id: ctx.link(ISSUER_PATH),
        name: settings.map(|s| s.name).unwrap_or_else(|| "Plaudit".to_owned()),
        url: ctx.link("/"),
    })
}

/// The issuer profile: the program, and every key that ever signed one of its credentials.
pub async fn issuer_profile(ctx: &Ctx) -> Result<Value, OpError> {
    let issuer = issuer(ctx).await?;
    let keys: Vec<VerificationKey> =
        stored_keys(&ctx.db).await?.iter().map(|k| k.key.verification_key(&issuer)).collect();
    Ok(plaudit_badges::issuer_profile(&issuer, &keys))
}

/// The award behind a credential id, once its term has started (before, it is not public).
async fn award(ctx: &Ctx, credential_id: &str) -> Result<CredentialAward, OpError> {
    // No credential id holds a control character; PostgreSQL would refuse a NUL in the query.
    if credential_id.chars().any(char::is_control) {
        return Err(OpError::new(ErrorCode::NotFound));
    }
    let award = awards::by_credential_id(&ctx.db, credential_id).await?;
    let today = ctx.today().await?;
    match award {
        Some(a) if date_from_text(&a.starts_on)? <= today => Ok(a),
        _ => Err(OpError::new(ErrorCode::NotFound)),
    }
}

pub fn credential_path(credential_id: &str) -> String {
    format!("/credentials/{credential_id}")
}

/// The signed credential of the award with public id `credential_id`.
pub async fn credential(ctx: &Ctx, credential_id: &str) -> Result<Value, OpError> {
    let award = award(ctx, credential_id).await?;
    sign(ctx, &award).await
}

async fn sign(ctx: &Ctx, award: &CredentialAward) -> Result<Value, OpError> {
    let issuer = issuer(ctx).await?;
    let keys = stored_keys(&ctx.db).await?;
    // The key current when the award was made; awards older than every key take the first.
    let key = keys
        .iter()
        .rev()
        .find(|k| k.created_at <= award.created_at)
        .or(keys.first())
        .ok_or_else(|| OpError::internal("no badge signing key"))?;
    let tz = ctx.time_zone().await?;
    let starts_on = date_from_text(&award.starts_on)?;
    let ends_on = date_from_text(&award.ends_on)?;
    let path = credential_path(&award.credential_id);
    let rubric_url = ctx.link(&format!("/rubrics/{}", award.category_slug));
    // The credential is one document for every reader: it speaks the program's first language.
    let lang = Lang::En;
    let args = |id: &'static str| {
        lang.msg(
            &Msg::new(id)
                .arg("category", award.category_name.clone())
                .arg("year", award.award_year.to_string()),
        )
    };
    let facts = AwardFacts {
        credential_url: ctx.link(&path),
        recipient_name: award.display_name.clone(),
        recipient_profile_url: ctx.link(&format!("/people/{}", award.person_slug)),
        category_name: award.category_name.clone(),
        award_year: i16::try_from(award.award_year).map_err(OpError::internal)?,
        achievement_url: format!("{rubric_url}#award-{}", award.award_year),
        description: args("credential-achievement-description"),
        rubric_url,
        criteria_narrative: args("credential-criteria"),
        valid_from: day_start_instant(starts_on, tz.time_zone()),
        valid_until: deadline_instant(ends_on, tz.time_zone()),
        status_list_url: ctx.link(STATUS_LIST_PATH),
        status_index: u64::try_from(award.id).map_err(OpError::internal)?,
        image_url: ctx.link(&format!("{path}/badge.svg")),
    };
    plaudit_badges::issue(&issuer, &key.key, &facts).map_err(OpError::internal)
}

/// The signed revocation list: one bit per award id, set for awards ended early or revoked.
/// Dated by the last public change, so it is the same document until something changes.
pub async fn status_list(ctx: &Ctx) -> Result<Value, OpError> {
    let issuer = issuer(ctx).await?;
    let keys = stored_keys(&ctx.db).await?;
    // The newest key signs the list: a verifier fetches it fresh each time.
    let key = keys.last().ok_or_else(|| OpError::internal("no badge signing key"))?;
    let (revoked, last_id) = awards::revoked_ids(&ctx.db).await?;
    let revoked: Vec<u64> = revoked.into_iter().filter_map(|id| u64::try_from(id).ok()).collect();
    let needed = usize::try_from(last_id).unwrap_or(0) + 1;
    let size = needed.max(STATUS_LIST_MIN_BITS).next_multiple_of(8);
    let version = plaudit_store::public::version(&ctx.db).await?;
    let valid_from =
        Timestamp::from_microsecond(version.changed_at).unwrap_or(Timestamp::UNIX_EPOCH);
    // Whole seconds: the credential's dates are written to the second.
    let valid_from = Timestamp::from_second(valid_from.as_second()).unwrap_or(valid_from);
    plaudit_badges::status_list_credential(
        &issuer,
        &key.key,
        &ctx.link(STATUS_LIST_PATH),
        &revoked,
        size,
        valid_from,
    )
    .map_err(OpError::internal)
}

/// What checking a credential found, for its verification page.
pub struct Checked {
    pub award: CredentialAward,
    pub credential: Value,
    pub outcome: Verification,
}

/// Signs the credential and checks it as a verifier would: signature against the published
/// keys, dates against now, revocation against the status list.
pub async fn check(ctx: &Ctx, credential_id: &str) -> Result<Checked, OpError> {
    let award = award(ctx, credential_id).await?;
    let credential = sign(ctx, &award).await?;
    let profile = issuer_profile(ctx).await?;
    let keys = plaudit_badges::profile_keys(&profile).map_err(OpError::internal)?;
    let status_list = status_list(ctx).await?;
    let outcome = plaudit_badges::verify(&credential, &keys, Some(&status_list), ctx.now());
    Ok(Checked { award, credential, outcome })
}

/// The message that says why a credential does not verify.
pub fn problem_message_id(problem: &Problem) -> &'static str {
    match problem {
        Problem::Malformed(_) => "credential-problem-malformed",
        Problem::UnknownKey => "credential-problem-unknown-key",
        Problem::BadSignature => "credential-problem-bad-signature",
        Problem::NotYetValid => "credential-problem-not-yet-valid",
        Problem::Expired => "credential-problem-expired",
        Problem::Revoked => "credential-problem-revoked",
        Problem::StatusListInvalid => "credential-problem-status-list",
    }
}
