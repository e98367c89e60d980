//! Argon2id password hashes, computed off the async runtime: a hash takes tens of milliseconds
//! of CPU on purpose, which would stall every other request on the worker thread.

/// The shortest password we accept; long passphrases beat complex rules.
pub const MIN_LENGTH: usize = 10;

pub async fn hash(password: String) -> Option<String> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password)).await.ok()
}

pub async fn verify(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || password_auth::verify_password(password, &hash).is_ok())
        .await
        .unwrap_or(false)
}
