//! Secrets at rest: Argon2id password hashes, random tokens and the hashes stored in their
//! place. No other module of ours is needed here, so every room above may use it.

pub mod password;
pub mod tokens;
