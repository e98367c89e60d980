//! Random tokens (session-bound CSRF tokens, e-mail links) and the hashes stored in their place.

use sha2::{Digest, Sha256};

/// 32 random bytes from the operating system, as 64 hex characters.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS generator failing is unrecoverable and vanishingly rare; a zeroed token would be
    // guessable, so refuse to go on rather than hand one out.
    if getrandom::fill(&mut bytes).is_err() {
        std::process::abort();
    }
    hex(&bytes)
}

/// The SHA-256 of a token, as hex: what the database keeps, so a copy of it grants nothing.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

/// Compares in time independent of where the inputs differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hash_to_hex() {
        let a = random_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_token());
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(constant_time_eq(&a, &a.clone()));
        assert!(!constant_time_eq(&a, &random_token()));
    }
}
