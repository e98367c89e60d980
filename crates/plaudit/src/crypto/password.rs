//! Argon2id password hashes, computed off the async runtime: a hash takes tens of milliseconds
//! of CPU on purpose, which would stall every other request on the worker thread.

use crate::i18n::Msg;

/// The shortest password we accept; long passphrases beat complex rules.
pub const MIN_LENGTH: usize = 10;
/// Argon2 takes any length, but a megabyte "password" is a way to burn our CPU.
pub const MAX_LENGTH: usize = 1000;

/// What is wrong with a new password, as a message for the person choosing it.
pub fn problem(password: &str) -> Option<Msg> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        Some(Msg::new("field-password-too-short").arg("min", MIN_LENGTH))
    } else if length > MAX_LENGTH {
        Some(Msg::new("field-password-too-long").arg("max", MAX_LENGTH))
    } else {
        None
    }
}

pub async fn hash(password: String) -> Option<String> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password)).await.ok()
}

pub async fn verify(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || password_auth::verify_password(password, &hash).is_ok())
        .await
        .unwrap_or(false)
}
