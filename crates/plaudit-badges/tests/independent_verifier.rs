//! Cross-checks issued credentials with Digital Bazaar's JS verifier
//! (verifier/verify.mjs), so we do not only agree with ourselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;
use plaudit_badges::*;
use serde_json::{Value, json};

fn verifier_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("verifier")
}

/// Returns false (test skipped) when node is unavailable, unless CI or
/// PLAUDIT_REQUIRE_BROWSER demand the cross-check.
fn node_ready() -> bool {
    let has_node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    if !has_node {
        if std::env::var_os("CI").is_some() || std::env::var_os("PLAUDIT_REQUIRE_BROWSER").is_some()
        {
            panic!(
                "node is required for the independent verifier test (CI / PLAUDIT_REQUIRE_BROWSER set)"
            );
        }
        eprintln!("SKIP independent_verifier: `node` not found on PATH");
        return false;
    }
    if !verifier_dir().join("node_modules").exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(verifier_dir())
            .status()
            .expect("run npm ci");
        assert!(status.success(), "npm ci failed in verifier/");
    }
    true
}

fn js_verify(bundle: &Value) -> (bool, String) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("independent-verifier");
    std::fs::create_dir_all(&dir).unwrap();
    // Keep the last bundle on disk so a failure can be replayed by hand:
    // node verifier/verify.mjs < target/tmp/independent-verifier/bundle.json
    std::fs::write(dir.join("bundle.json"), serde_json::to_vec_pretty(bundle).unwrap()).unwrap();
    let mut child = Command::new("node")
        .arg(verifier_dir().join("verify.mjs"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn node");
    child.stdin.take().unwrap().write_all(&serde_json::to_vec(bundle).unwrap()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let v: Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("verifier output {stdout:?}: {e}"));
    (v["verified"].as_bool().unwrap(), v["error"].as_str().unwrap_or("").to_owned())
}

fn profile(keys: &[&IssuerKey]) -> Value {
    let vks: Vec<_> = keys.iter().map(|k| k.verification_key(&issuer())).collect();
    issuer_profile(&issuer(), &vks)
}

fn status(revoked: &[u64]) -> Value {
    // validFrom well in the past: the JS library checks the list against the
    // real clock, not the `now` we pass for the credential.
    status_list_credential(
        &issuer(),
        &key(1),
        STATUS_URL,
        revoked,
        131_072,
        ts("2020-01-01T00:00:00Z"),
    )
    .unwrap()
}

const NOW: &str = "2026-06-01T00:00:00Z";

#[test]
fn independent_verifier_agrees() {
    if !node_ready() {
        return;
    }
    let vc = issue(&issuer(), &key(1), &facts()).unwrap();
    let bundle = |credential: &Value, profile: Value, list: Value, now: &str| json!({"credential": credential, "issuerProfile": profile, "statusList": list, "now": now});

    let (ok, err) = js_verify(&bundle(&vc, profile(&[&key(1)]), status(&[1, 8]), NOW));
    assert!(ok, "fresh credential rejected by DB verifier: {err}");

    // Key rotation: old credential still verifies with key-1 and key-2 listed.
    let (ok, err) = js_verify(&bundle(&vc, profile(&[&key(1), &key(2)]), status(&[]), NOW));
    assert!(ok, "rotated profile: {err}");
    let vc2 = issue(&issuer(), &key(2), &facts()).unwrap();
    let (ok, err) = js_verify(&bundle(&vc2, profile(&[&key(1), &key(2)]), status(&[]), NOW));
    assert!(ok, "key-2 credential: {err}");

    let mut tampered = vc.clone();
    tampered["credentialSubject"]["identifier"][0]["identityHash"] = json!("Mallory");
    let (ok, err) = js_verify(&bundle(&tampered, profile(&[&key(1)]), status(&[]), NOW));
    assert!(!ok, "tampered credential accepted");
    eprintln!("tampered: {err}");

    // Signed by a different secret but claiming key-1.
    let impostor = IssuerKey::from_secret_bytes(1, &[9u8; 32]).unwrap();
    let forged = issue(&issuer(), &impostor, &facts()).unwrap();
    let (ok, err) = js_verify(&bundle(&forged, profile(&[&key(1)]), status(&[]), NOW));
    assert!(!ok, "wrong-key credential accepted");
    eprintln!("wrong key: {err}");

    // A key the profile does not list at all.
    let (ok, err) = js_verify(&bundle(&vc2, profile(&[&key(1)]), status(&[]), NOW));
    assert!(!ok, "unlisted key accepted");
    eprintln!("unlisted key: {err}");

    let (ok, err) =
        js_verify(&bundle(&vc, profile(&[&key(1)]), status(&[]), "2031-01-15T12:00:01Z"));
    assert!(!ok, "expired credential accepted");
    assert!(err.contains("expired") || err.contains("validUntil"), "{err}");

    let (ok, err) = js_verify(&bundle(&vc, profile(&[&key(1)]), status(&[7]), NOW));
    assert!(!ok, "revoked credential accepted");
    eprintln!("revoked: {err}");

    let mut bad_list = status(&[7]);
    bad_list["credentialSubject"]["encodedList"] =
        status(&[])["credentialSubject"]["encodedList"].clone();
    let (ok, err) = js_verify(&bundle(&vc, profile(&[&key(1)]), bad_list, NOW));
    assert!(!ok, "tampered status list accepted");
    eprintln!("tampered list: {err}");

    // Our own verifier agrees on the fresh credential.
    let keys = profile_keys(&profile(&[&key(1)])).unwrap();
    assert!(matches!(
        verify(&vc, &keys, Some(&status(&[1, 8])), ts(NOW)),
        Verification::Valid { .. }
    ));
}
