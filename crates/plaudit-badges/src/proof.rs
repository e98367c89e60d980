//! W3C Data Integrity proof, cryptosuite `eddsa-rdfc-2022` (VC DI EdDSA §3.3).

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::keys::{IssuerKey, VerificationKey, verify_signature};
use crate::{Error, Result, rdf};

pub const PROOF_TYPE: &str = "DataIntegrityProof";
pub const CRYPTOSUITE: &str = "eddsa-rdfc-2022";

/// hashData = SHA-256(canon(proofConfig)) ‖ SHA-256(canon(document)).
///
/// `proof_config` must not contain `proofValue`; it gets the document's
/// `@context`, as the spec's proof configuration algorithm requires.
fn hash_data(unsecured: &Value, proof_config: &Value) -> Result<Vec<u8>> {
    let mut config = proof_config.clone();
    let ctx = unsecured
        .get("@context")
        .cloned()
        .ok_or_else(|| Error::Invalid("document has no @context".into()))?;
    if let Value::Object(m) = &mut config {
        m.insert("@context".into(), ctx);
    }
    // Both parts are checked: an undefined term in either would be unsigned.
    rdf::check_all_terms_defined(&config)?;
    rdf::check_all_terms_defined(unsecured)?;
    let config_hash = Sha256::digest(rdf::canonicalize(&config)?.as_bytes());
    let doc_hash = Sha256::digest(rdf::canonicalize(unsecured)?.as_bytes());
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(&config_hash);
    out.extend_from_slice(&doc_hash);
    Ok(out)
}

/// Adds a proof to `unsecured` (which must not already have one).
pub fn sign(
    unsecured: &Value,
    key: &IssuerKey,
    verification_method: &str,
    created: &str,
) -> Result<Value> {
    let mut config = json!({
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    });
    let signature = key.sign(&hash_data(unsecured, &config)?);
    if let Value::Object(m) = &mut config {
        m.insert(
            "proofValue".into(),
            Value::String(format!("z{}", bs58::encode(signature).into_string())),
        );
    }
    let mut secured = unsecured.clone();
    match &mut secured {
        Value::Object(m) => {
            m.insert("proof".into(), config);
        }
        _ => return Err(Error::Invalid("document must be a JSON object".into())),
    }
    Ok(secured)
}

/// Why a proof failed; mapped to `Problem` by the caller.
#[derive(Debug)]
pub enum ProofError {
    Malformed(String),
    UnknownKey,
    BadSignature,
}

/// Verifies the embedded proof of `secured` against one of `keys`.
pub fn verify(secured: &Value, keys: &[VerificationKey]) -> std::result::Result<(), ProofError> {
    let mal = |s: &str| ProofError::Malformed(s.to_owned());
    let obj = secured.as_object().ok_or_else(|| mal("not a JSON object"))?;
    let proof = obj
        .get("proof")
        .and_then(Value::as_object)
        .ok_or_else(|| mal("missing proof (or more than one)"))?;
    let field = |name: &str| proof.get(name).and_then(Value::as_str);
    if field("type") != Some(PROOF_TYPE) || field("cryptosuite") != Some(CRYPTOSUITE) {
        return Err(mal("proof is not a DataIntegrityProof / eddsa-rdfc-2022"));
    }
    if field("proofPurpose") != Some("assertionMethod") {
        return Err(mal("proofPurpose must be assertionMethod"));
    }
    let vm = field("verificationMethod").ok_or_else(|| mal("proof has no verificationMethod"))?;
    let key = keys.iter().find(|k| k.id == vm).ok_or(ProofError::UnknownKey)?;
    // The key must belong to the issuer that the credential names.
    let issuer_id = match obj.get("issuer") {
        Some(Value::String(s)) => Some(s.as_str()),
        Some(Value::Object(m)) => m.get("id").and_then(Value::as_str),
        _ => None,
    };
    if issuer_id != Some(key.controller.as_str()) {
        return Err(ProofError::UnknownKey);
    }
    let proof_value = field("proofValue")
        .and_then(|p| p.strip_prefix('z'))
        .ok_or_else(|| mal("proofValue must be multibase base58btc"))?;
    let signature = bs58::decode(proof_value).into_vec().map_err(|_| ProofError::BadSignature)?;

    let mut config = Value::Object(proof.clone());
    if let Value::Object(m) = &mut config {
        m.remove("proofValue");
    }
    let mut unsecured = secured.clone();
    if let Value::Object(m) = &mut unsecured {
        m.remove("proof");
    }
    let data = hash_data(&unsecured, &config).map_err(|e| ProofError::Malformed(e.to_string()))?;
    if verify_signature(key, &data, &signature) { Ok(()) } else { Err(ProofError::BadSignature) }
}
