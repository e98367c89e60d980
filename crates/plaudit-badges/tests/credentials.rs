#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use plaudit_badges::*;
use serde_json::{Value, json};

fn keys1() -> Vec<VerificationKey> {
    vec![key(1).verification_key(&issuer())]
}

fn now() -> jiff::Timestamp {
    ts("2026-06-01T00:00:00Z")
}

fn status_list(revoked: &[u64]) -> Value {
    status_list_credential(
        &issuer(),
        &key(1),
        STATUS_URL,
        revoked,
        131_072,
        ts("2026-01-01T00:00:00Z"),
    )
    .unwrap()
}

#[test]
fn round_trip_is_valid() {
    let vc = issue(&issuer(), &key(1), &facts()).unwrap();
    let result = verify(&vc, &keys1(), Some(&status_list(&[1, 8])), now());
    assert_eq!(
        result,
        Verification::Valid {
            recipient_name: "Ada <Lovelace> & Co".into(),
            achievement_name: "Volunteer of the Year 2026".into(),
            valid_from: facts().valid_from,
            valid_until: facts().valid_until,
        }
    );
}

#[test]
fn credential_has_ob3_shape() {
    let vc = issue(&issuer(), &key(1), &facts()).unwrap();
    assert_eq!(
        vc["@context"],
        json!([
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ])
    );
    assert_eq!(vc["type"], json!(["VerifiableCredential", "OpenBadgeCredential"]));
    assert_eq!(vc["validFrom"], "2026-01-15T12:00:00Z");
    assert_eq!(vc["credentialStatus"]["statusListIndex"], "7");
    assert_eq!(vc["credentialStatus"]["id"], format!("{STATUS_URL}#7"));
    assert_eq!(vc["proof"]["cryptosuite"], "eddsa-rdfc-2022");
    assert_eq!(vc["proof"]["created"], "2026-01-15T12:00:00Z");
    assert_eq!(vc["proof"]["verificationMethod"], "https://plaudit.example/issuer#key-1");
    assert!(vc["proof"]["proofValue"].as_str().unwrap().starts_with('z'));
}

#[test]
fn issue_is_deterministic() {
    let a = issue(&issuer(), &key(1), &facts()).unwrap();
    let b = issue(&issuer(), &key(1), &facts()).unwrap();
    assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
}

#[test]
fn tampered_recipient_is_bad_signature() {
    let mut vc = issue(&issuer(), &key(1), &facts()).unwrap();
    vc["credentialSubject"]["identifier"][0]["identityHash"] = json!("Mallory");
    assert_eq!(verify(&vc, &keys1(), None, now()), Verification::Invalid(Problem::BadSignature));
}

#[test]
fn tampered_dates_are_bad_signature() {
    let mut vc = issue(&issuer(), &key(1), &facts()).unwrap();
    vc["validUntil"] = json!("2099-01-01T00:00:00Z");
    assert_eq!(verify(&vc, &keys1(), None, now()), Verification::Invalid(Problem::BadSignature));
}

#[test]
fn other_key_is_rejected() {
    let vc = issue(&issuer(), &key(1), &facts()).unwrap();
    // Key not listed at all.
    let only2 = vec![key(2).verification_key(&issuer())];
    assert_eq!(verify(&vc, &only2, None, now()), Verification::Invalid(Problem::UnknownKey));
    // Listed under the right id but with a different public key.
    let mut impostor = key(2).verification_key(&issuer());
    impostor.id = keys1()[0].id.clone();
    assert_eq!(verify(&vc, &[impostor], None, now()), Verification::Invalid(Problem::BadSignature));
    // A key of another issuer does not count even with a matching id.
    let mut foreign = keys1()[0].clone();
    foreign.controller = "https://evil.example/issuer".into();
    assert_eq!(verify(&vc, &[foreign], None, now()), Verification::Invalid(Problem::UnknownKey));
}

#[test]
fn validity_window_is_enforced() {
    let vc = issue(&issuer(), &key(1), &facts()).unwrap();
    assert_eq!(
        verify(&vc, &keys1(), None, ts("2031-01-15T12:00:01Z")),
        Verification::Invalid(Problem::Expired)
    );
    assert_eq!(
        verify(&vc, &keys1(), None, ts("2026-01-15T11:59:59Z")),
        Verification::Invalid(Problem::NotYetValid)
    );
}

#[test]
fn revoked_index_is_revoked() {
    let vc = issue(&issuer(), &key(1), &facts()).unwrap();
    assert_eq!(
        verify(&vc, &keys1(), Some(&status_list(&[3, 7])), now()),
        Verification::Invalid(Problem::Revoked)
    );
}

#[test]
fn tampered_status_list_is_invalid() {
    let vc = issue(&issuer(), &key(1), &facts()).unwrap();
    let mut list = status_list(&[7]);
    // Swap in an honest-looking list in which nothing is revoked.
    let clean = status_list(&[]);
    list["credentialSubject"]["encodedList"] = clean["credentialSubject"]["encodedList"].clone();
    assert_eq!(
        verify(&vc, &keys1(), Some(&list), now()),
        Verification::Invalid(Problem::StatusListInvalid)
    );
    // A list for another URL is not the one the credential points to.
    let other = status_list_credential(
        &issuer(),
        &key(1),
        "https://plaudit.example/status/2",
        &[],
        131_072,
        ts("2026-01-01T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(
        verify(&vc, &keys1(), Some(&other), now()),
        Verification::Invalid(Problem::StatusListInvalid)
    );
}

#[test]
fn status_list_bit_order_follows_spec() {
    let list = status_list(&[0, 9]);
    let encoded = list["credentialSubject"]["encodedList"].as_str().unwrap();
    assert!(encoded.starts_with('u'));
    use base64::Engine;
    let gz = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&encoded[1..]).unwrap();
    let mut bits = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gz.as_slice()), &mut bits)
        .unwrap();
    assert_eq!(bits.len(), 131_072 / 8);
    // index 0 = leftmost bit of byte 0; index 9 = second bit of byte 1.
    assert_eq!(bits[0], 0b1000_0000);
    assert_eq!(bits[1], 0b0100_0000);
    assert!(status_list_credential(&issuer(), &key(1), STATUS_URL, &[], 1024, now()).is_err());
}

#[test]
fn key_rotation_keeps_old_credentials_valid() {
    let old = issue(&issuer(), &key(1), &facts()).unwrap();
    let new = issue(&issuer(), &key(2), &facts()).unwrap();
    let profile = issuer_profile(
        &issuer(),
        &[key(1).verification_key(&issuer()), key(2).verification_key(&issuer())],
    );
    let keys = profile_keys(&profile).unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[1].id, "https://plaudit.example/issuer#key-2");
    assert!(matches!(verify(&old, &keys, None, now()), Verification::Valid { .. }));
    assert!(matches!(verify(&new, &keys, None, now()), Verification::Valid { .. }));
    assert_eq!(profile["assertionMethod"].as_array().unwrap().len(), 2);
    assert_eq!(profile["verificationMethod"][0]["type"], "Multikey");
}

#[test]
fn profile_keys_skips_keys_not_authorised_for_assertions() {
    let mut profile = issuer_profile(
        &issuer(),
        &[key(1).verification_key(&issuer()), key(2).verification_key(&issuer())],
    );
    profile["assertionMethod"] = json!(["https://plaudit.example/issuer#key-2"]);
    let keys = profile_keys(&profile).unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].id, "https://plaudit.example/issuer#key-2");
}

#[test]
fn multikey_encoding_is_ed25519() {
    let vk = key(1).verification_key(&issuer());
    // Ed25519 multikeys with the 0xed01 prefix always start with "z6Mk".
    assert!(vk.public_key_multibase.starts_with("z6Mk"), "{}", vk.public_key_multibase);
    assert_eq!(vk.id, "https://plaudit.example/issuer#key-1");
    assert_eq!(vk.controller, "https://plaudit.example/issuer");
    assert_eq!(key(1).key_id(), "key-1");
}

#[test]
fn secret_round_trip_and_not_in_debug() {
    let k = IssuerKey::generate(3);
    let secret = k.secret_bytes();
    assert_eq!(secret.len(), 32);
    let restored = IssuerKey::from_secret_bytes(3, &secret).unwrap();
    assert_eq!(restored.verification_key(&issuer()), k.verification_key(&issuer()));
    let debug = format!("{k:?} {k:#?}");
    let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    assert!(!debug.contains(&hex));
    assert!(!debug.contains(&format!("{:?}", &secret[..])));
    assert!(
        !debug.contains(&format!("{:?}", secret[0..8].to_vec()).trim_end_matches(']').to_string())
    );
    assert!(IssuerKey::from_secret_bytes(1, &[0u8; 31]).is_err());
}

#[test]
fn undefined_terms_are_refused() {
    let vc = issue(&issuer(), &key(1), &facts()).unwrap();
    // An extra property no context defines: would be unsigned in safe-mode-less
    // processing, so verification must refuse it rather than ignore it.
    let mut extra = vc.clone();
    extra["credentialSubject"]["favouriteColour"] = json!("blue");
    assert!(matches!(
        verify(&extra, &keys1(), None, now()),
        Verification::Invalid(Problem::Malformed(_))
    ));
    let mut keyword = vc.clone();
    keyword["@unsigned"] = json!("x");
    assert!(matches!(
        verify(&keyword, &keys1(), None, now()),
        Verification::Invalid(Problem::Malformed(_))
    ));
    // Issuing with a relative (dropped) IRI fails instead of signing less.
    let mut f = facts();
    f.image_url = "badge.svg".into();
    assert!(issue(&issuer(), &key(1), &f).is_err());
}

#[test]
fn remote_contexts_are_refused() {
    let mut vc = issue(&issuer(), &key(1), &facts()).unwrap();
    vc["@context"].as_array_mut().unwrap().push(json!("https://evil.example/context.jsonld"));
    assert!(matches!(
        verify(&vc, &keys1(), None, now()),
        Verification::Invalid(Problem::Malformed(_))
    ));
}

#[test]
fn bake_and_unbake_round_trip() {
    let vc = issue(&issuer(), &key(1), &facts()).unwrap();
    let svg = badge_svg("Volunteer <of> the Year", "2026 & beyond");
    assert!(svg.contains(r#"role="img""#));
    assert!(svg.contains("<title id=\"badge-title\">Volunteer &lt;of&gt; the Year</title>"));
    let baked = bake_svg(&svg, &vc).unwrap();
    assert!(baked.contains(r#"xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0""#));
    let first_child = baked.find('>').unwrap() + 1;
    assert!(baked[first_child..].starts_with("<openbadges:credential><![CDATA[{"));
    assert_eq!(unbake_svg(&baked).unwrap(), vc);
    assert!(bake_svg(&baked, &vc).is_err());
    // A CDATA terminator inside the JSON must survive baking.
    let tricky = json!({"note": "a]]>b"});
    assert_eq!(unbake_svg(&bake_svg(&svg, &tricky).unwrap()).unwrap(), tricky);
    assert!(unbake_svg(&svg).is_err());
}

#[test]
fn media_type_is_vc() {
    assert_eq!(MEDIA_TYPE, "application/vc");
}
