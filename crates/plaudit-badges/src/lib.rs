//! Open Badges 3.0 credentials for Plaudit.
//!
//! Issues `OpenBadgeCredential`s (W3C VC Data Model 2.0) secured with a Data
//! Integrity proof using the `eddsa-rdfc-2022` cryptosuite, verifies them
//! offline against the issuer's published keys and a Bitstring Status List,
//! and bakes them into SVG badge images. See DESIGN.md for the reasoning.

mod contexts;
mod keys;
mod proof;
mod rdf;
mod status;
mod svg;

use jiff::Timestamp;
use serde_json::{Value, json};

pub use contexts::{CREDENTIALS_V2, DATA_INTEGRITY_V2, MULTIKEY_V1, OB_V3P0};
pub use keys::{IssuerKey, VerificationKey};
pub use svg::{badge_svg, bake_svg, unbake_svg};

/// Media type of a VC 2.0 credential secured with an embedded proof
/// (VC Data Model 2.0 §6.3; see DESIGN.md).
pub const MEDIA_TYPE: &str = "application/vc";

/// Errors from issuing or (un)baking; verification reports [`Problem`] instead.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid key: {0}")]
    Key(String),
    #[error("JSON-LD processing failed: {0}")]
    JsonLd(String),
    #[error("term not defined by the JSON-LD contexts (would be unsigned): {0}")]
    UndefinedTerm(String),
    #[error("RDF canonicalization failed: {0}")]
    Canonicalization(String),
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("badge baking: {0}")]
    Bake(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// The issuing organisation (an OB 3.0 Profile).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// Issuer profile URL, e.g. `https://host/issuer`; also the key controller.
    pub id: String,
    pub name: String,
    pub url: String,
}

/// Everything the web app knows about one award.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardFacts {
    pub credential_url: String,
    pub recipient_name: String,
    pub recipient_profile_url: String,
    pub category_name: String,
    pub award_year: i16,
    pub achievement_url: String,
    pub description: String,
    pub rubric_url: String,
    pub criteria_narrative: String,
    pub valid_from: Timestamp,
    pub valid_until: Timestamp,
    pub status_list_url: String,
    pub status_index: u64,
    pub image_url: String,
}

/// Outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Valid {
        recipient_name: String,
        achievement_name: String,
        valid_from: Timestamp,
        valid_until: Timestamp,
    },
    Invalid(Problem),
}

/// Why a credential is not valid; the web app translates by variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the credential is malformed: {0}")]
    Malformed(String),
    #[error("the credential was signed with a key the issuer does not list")]
    UnknownKey,
    #[error("the credential's signature does not match its content")]
    BadSignature,
    #[error("the credential is not valid yet")]
    NotYetValid,
    #[error("the credential has expired")]
    Expired,
    #[error("the credential has been revoked")]
    Revoked,
    #[error("the status list could not be verified")]
    StatusListInvalid,
}

/// RFC 3339 at second precision in UTC, as VC 2.0 examples and OB 3.0 use.
fn rfc3339(ts: Timestamp) -> String {
    // Drop sub-second precision so the output is stable and spec-shaped.
    Timestamp::from_second(ts.as_second()).unwrap_or(ts).to_string()
}

fn issuer_object(issuer: &Issuer) -> Value {
    json!({
        "id": issuer.id,
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
    })
}

/// Issues a signed OpenBadgeCredential. Deterministic: Ed25519 signatures
/// are deterministic and the proof's `created` is `facts.valid_from`.
pub fn issue(issuer: &Issuer, key: &IssuerKey, facts: &AwardFacts) -> Result<Value> {
    if facts.valid_until <= facts.valid_from {
        return Err(Error::Invalid("validUntil must be after validFrom".into()));
    }
    let achievement_name = format!("{} {}", facts.category_name, facts.award_year);
    let index = facts.status_index.to_string();
    let unsecured = json!({
        "@context": [CREDENTIALS_V2, OB_V3P0],
        "id": facts.credential_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_object(issuer),
        "validFrom": rfc3339(facts.valid_from),
        "validUntil": rfc3339(facts.valid_until),
        "name": achievement_name,
        "credentialSubject": {
            // OB 3.0: `id` or an `identifier` is required; we give both, the
            // profile URL as id and the display name as an unhashed
            // IdentityObject so verifiers can show who was recognised.
            "id": facts.recipient_profile_url,
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "identityHash": facts.recipient_name,
                "identityType": "name",
                "hashed": false,
            }],
            "achievement": {
                "id": facts.achievement_url,
                "type": ["Achievement"],
                "name": achievement_name,
                "description": facts.description,
                "criteria": {
                    "id": facts.rubric_url,
                    "narrative": facts.criteria_narrative,
                },
                "image": {
                    "id": facts.image_url,
                    "type": "Image",
                },
            },
        },
        "credentialStatus": {
            "id": format!("{}#{}", facts.status_list_url, index),
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": index,
            "statusListCredential": facts.status_list_url,
        },
    });
    let vm = key.verification_key(issuer).id;
    proof::sign(&unsecured, key, &vm, &rfc3339(facts.valid_from))
}

/// The issuer's OB 3.0 Profile document, publishing every verification key.
///
/// Old keys stay listed in `assertionMethod` so credentials they signed keep
/// verifying after rotation; to retire a compromised key, drop it here.
pub fn issuer_profile(issuer: &Issuer, keys: &[VerificationKey]) -> Value {
    let methods: Vec<Value> = keys
        .iter()
        .map(|k| {
            json!({
                "id": k.id,
                "type": "Multikey",
                "controller": k.controller,
                "publicKeyMultibase": k.public_key_multibase,
            })
        })
        .collect();
    let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
    json!({
        "@context": [
            CREDENTIALS_V2,
            OB_V3P0,
            MULTIKEY_V1,
            // Neither the VC nor the OB context defines these controller-
            // document terms at top level; map them to the security
            // vocabulary so JSON-LD (and framing verifiers) see them.
            {
                "verificationMethod": {
                    "@id": "https://w3id.org/security#verificationMethod",
                    "@type": "@id"
                },
                "assertionMethod": {
                    "@id": "https://w3id.org/security#assertionMethod",
                    "@type": "@id",
                    "@container": "@set"
                }
            }
        ],
        "id": issuer.id,
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
        "verificationMethod": methods,
        "assertionMethod": ids,
    })
}

/// Reads the Multikey entries listed in `assertionMethod` of a profile.
pub fn profile_keys(profile: &Value) -> Result<Vec<VerificationKey>> {
    let bad = |m: &str| Error::Invalid(format!("issuer profile: {m}"));
    let profile_id = profile.get("id").and_then(Value::as_str).ok_or_else(|| bad("no id"))?;
    let assertion: Vec<&str> = profile
        .get("assertionMethod")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no assertionMethod"))?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let methods = profile
        .get("verificationMethod")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no verificationMethod"))?;
    let mut keys = Vec::new();
    for m in methods {
        let field = |n: &str| m.get(n).and_then(Value::as_str);
        let (Some(id), Some(controller), Some(mb)) =
            (field("id"), field("controller"), field("publicKeyMultibase"))
        else {
            return Err(bad("verification method lacks id/controller/publicKeyMultibase"));
        };
        if field("type") != Some("Multikey") || controller != profile_id {
            return Err(bad("verification method must be a Multikey controlled by the profile"));
        }
        // Only keys authorised for assertions may sign credentials.
        if !assertion.contains(&id) {
            continue;
        }
        keys::decode_public_key(mb)?;
        keys.push(VerificationKey {
            id: id.to_owned(),
            controller: controller.to_owned(),
            public_key_multibase: mb.to_owned(),
        });
    }
    Ok(keys)
}

/// A signed BitstringStatusListCredential for revocation.
///
/// `size` is in bits: at least 131 072 and a multiple of 8. Every index in
/// `revoked` must be below `size`.
pub fn status_list_credential(
    issuer: &Issuer,
    key: &IssuerKey,
    url: &str,
    revoked: &[u64],
    size: usize,
    valid_from: Timestamp,
) -> Result<Value> {
    let unsecured = json!({
        "@context": [CREDENTIALS_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.id,
        "validFrom": rfc3339(valid_from),
        "credentialSubject": {
            "id": format!("{url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": status::encode(revoked, size)?,
        },
    });
    let vm = key.verification_key(issuer).id;
    proof::sign(&unsecured, key, &vm, &rfc3339(valid_from))
}

fn as_problem(e: proof::ProofError) -> Problem {
    match e {
        proof::ProofError::Malformed(m) => Problem::Malformed(m),
        proof::ProofError::UnknownKey => Problem::UnknownKey,
        proof::ProofError::BadSignature => Problem::BadSignature,
    }
}

fn timestamp(doc: &Value, field: &str) -> std::result::Result<Timestamp, Problem> {
    doc.get(field)
        .and_then(Value::as_str)
        .and_then(|s| s.parse::<Timestamp>().ok())
        .ok_or_else(|| Problem::Malformed(format!("{field} missing or not an RFC 3339 timestamp")))
}

fn has_types(doc: &Value, wanted: &[&str]) -> bool {
    let types: Vec<&str> = match doc.get("type") {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(s)) => vec![s.as_str()],
        _ => Vec::new(),
    };
    wanted.iter().all(|w| types.contains(w))
}

/// Verifies signature, validity period and (if a status list is given)
/// revocation. Without `status_list`, revocation is not checked.
pub fn verify(
    credential: &Value,
    keys: &[VerificationKey],
    status_list: Option<&Value>,
    now: Timestamp,
) -> Verification {
    match verify_inner(credential, keys, status_list, now) {
        Ok(v) => v,
        Err(p) => Verification::Invalid(p),
    }
}

fn verify_inner(
    credential: &Value,
    keys: &[VerificationKey],
    status_list: Option<&Value>,
    now: Timestamp,
) -> std::result::Result<Verification, Problem> {
    let mal = |m: &str| Problem::Malformed(m.to_owned());
    let ctx = credential.get("@context").and_then(Value::as_array);
    if ctx.and_then(|c| c.first()).and_then(Value::as_str) != Some(CREDENTIALS_V2) {
        return Err(mal("first @context must be the VC 2.0 context"));
    }
    if !has_types(credential, &["VerifiableCredential", "OpenBadgeCredential"]) {
        return Err(mal("type must include VerifiableCredential and OpenBadgeCredential"));
    }
    proof::verify(credential, keys).map_err(as_problem)?;

    let valid_from = timestamp(credential, "validFrom")?;
    let valid_until = timestamp(credential, "validUntil")?;
    if now < valid_from {
        return Err(Problem::NotYetValid);
    }
    if now > valid_until {
        return Err(Problem::Expired);
    }

    let subject = credential.get("credentialSubject").ok_or_else(|| mal("no credentialSubject"))?;
    let achievement_name = subject
        .pointer("/achievement/name")
        .and_then(Value::as_str)
        .ok_or_else(|| mal("no achievement name"))?
        .to_owned();
    let recipient_name = subject
        .get("identifier")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|i| i.get("identityType").and_then(Value::as_str) == Some("name"))
        .and_then(|i| i.get("identityHash"))
        .and_then(Value::as_str)
        .ok_or_else(|| mal("no recipient name identifier"))?
        .to_owned();

    if let Some(list) = status_list {
        check_status(credential, keys, list, now)?;
    }
    Ok(Verification::Valid { recipient_name, achievement_name, valid_from, valid_until })
}

fn check_status(
    credential: &Value,
    keys: &[VerificationKey],
    list: &Value,
    now: Timestamp,
) -> std::result::Result<(), Problem> {
    let mal = |m: &str| Problem::Malformed(m.to_owned());
    let entry = credential
        .get("credentialStatus")
        .ok_or_else(|| mal("status list given but credential has no credentialStatus"))?;
    let field = |n: &str| entry.get(n).and_then(Value::as_str);
    if field("type") != Some("BitstringStatusListEntry")
        || field("statusPurpose") != Some("revocation")
    {
        return Err(mal("credentialStatus must be a revocation BitstringStatusListEntry"));
    }
    let list_url = field("statusListCredential").ok_or_else(|| mal("no statusListCredential"))?;
    let index: u64 = field("statusListIndex")
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| mal("statusListIndex must be a decimal string"))?;

    // The list must be the one referenced, signed by the same issuer's keys,
    // currently valid, and decodable; any failure is StatusListInvalid.
    let invalid = |_| Problem::StatusListInvalid;
    if list.get("id").and_then(Value::as_str) != Some(list_url)
        || !has_types(list, &["VerifiableCredential", "BitstringStatusListCredential"])
    {
        return Err(Problem::StatusListInvalid);
    }
    let cred_issuer = credential.pointer("/issuer/id").and_then(Value::as_str);
    let list_issuer = match list.get("issuer") {
        Some(Value::String(s)) => Some(s.as_str()),
        Some(v) => v.get("id").and_then(Value::as_str),
        None => None,
    };
    if cred_issuer.is_none() || cred_issuer != list_issuer {
        return Err(Problem::StatusListInvalid);
    }
    proof::verify(list, keys).map_err(|_| Problem::StatusListInvalid)?;
    if timestamp(list, "validFrom").map_err(invalid)? > now {
        return Err(Problem::StatusListInvalid);
    }
    if list.get("validUntil").is_some() && timestamp(list, "validUntil").map_err(invalid)? < now {
        return Err(Problem::StatusListInvalid);
    }
    let subject = list.get("credentialSubject").ok_or(Problem::StatusListInvalid)?;
    if subject.get("statusPurpose").and_then(Value::as_str) != Some("revocation") {
        return Err(Problem::StatusListInvalid);
    }
    let encoded =
        subject.get("encodedList").and_then(Value::as_str).ok_or(Problem::StatusListInvalid)?;
    let bits = status::decode(encoded).map_err(|_| Problem::StatusListInvalid)?;
    match status::bit(&bits, index) {
        Some(true) => Err(Problem::Revoked),
        Some(false) => Ok(()),
        None => Err(Problem::StatusListInvalid),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    fn issuer() -> Issuer {
        Issuer {
            id: "https://plaudit.example/issuer".into(),
            name: "Plaudit".into(),
            url: "https://plaudit.example/".into(),
        }
    }

    #[test]
    fn issuer_profile_is_well_defined_json_ld() {
        let key = IssuerKey::from_secret_bytes(1, &[1; 32]).unwrap();
        let profile = issuer_profile(&issuer(), &[key.verification_key(&issuer())]);
        rdf::check_all_terms_defined(&profile).unwrap();
        let nquads = rdf::canonicalize(&profile).unwrap();
        assert!(nquads.contains(
            "<https://w3id.org/security#assertionMethod> <https://plaudit.example/issuer#key-1>"
        ));
        assert!(nquads.contains("<https://w3id.org/security#publicKeyMultibase>"));
    }

    #[test]
    fn every_credential_field_reaches_the_signed_rdf() {
        let key = IssuerKey::from_secret_bytes(1, &[1; 32]).unwrap();
        let facts = AwardFacts {
            credential_url: "https://plaudit.example/c/1".into(),
            recipient_name: "Grace".into(),
            recipient_profile_url: "https://plaudit.example/p/grace".into(),
            category_name: "Mentor".into(),
            award_year: 2026,
            achievement_url: "https://plaudit.example/a/mentor-2026".into(),
            description: "desc".into(),
            rubric_url: "https://plaudit.example/rubric".into(),
            criteria_narrative: "narrative".into(),
            valid_from: "2026-01-01T00:00:00Z".parse().unwrap(),
            valid_until: "2027-01-01T00:00:00Z".parse().unwrap(),
            status_list_url: "https://plaudit.example/status/1".into(),
            status_index: 5,
            image_url: "https://plaudit.example/i.svg".into(),
        };
        let mut vc = issue(&issuer(), &key, &facts).unwrap();
        vc.as_object_mut().unwrap().remove("proof");
        let nquads = rdf::canonicalize(&vc).unwrap();
        for needle in [
            "vocab.html#identityHash> \"Grace\"",
            "vocab.html#narrative> \"narrative\"",
            "<https://purl.imsglobal.org/spec/vc/ob/vocab.html#Image>",
            "<https://www.w3.org/ns/credentials/status#statusListIndex> \"5\"",
            "<https://schema.org/url> \"https://plaudit.example/\"",
            "\"2027-01-01T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>",
        ] {
            assert!(nquads.contains(needle), "missing {needle} in\n{nquads}");
        }
    }
}
