//! JSON-LD contexts embedded at build time.
//!
//! Credentials are verified offline: the document loader below serves only
//! these files and refuses every other URL, so a credential can never make the
//! verifier fetch something (or be interpreted through a context we did not
//! review).

pub const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";
pub const OB_V3P0: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
pub const MULTIKEY_V1: &str = "https://w3id.org/security/multikey/v1";
pub const DATA_INTEGRITY_V2: &str = "https://w3id.org/security/data-integrity/v2";

/// (URL, file contents) of every context the loader will serve.
pub const EMBEDDED: &[(&str, &str)] = &[
    (CREDENTIALS_V2, include_str!("../contexts/credentials-v2.jsonld")),
    (OB_V3P0, include_str!("../contexts/ob-v3p0-context-3.0.3.json")),
    (MULTIKEY_V1, include_str!("../contexts/multikey-v1.jsonld")),
    (DATA_INTEGRITY_V2, include_str!("../contexts/data-integrity-v2.jsonld")),
];

/// Returns the embedded context for `url`, or `None` for anything else.
pub fn load(url: &str) -> Option<&'static str> {
    EMBEDDED.iter().find(|(u, _)| *u == url).map(|(_, body)| *body)
}
