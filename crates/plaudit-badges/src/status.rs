//! W3C Bitstring Status List v1.0: revocation list encoding.

use std::io::{Read, Write};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::{Error, Result};

/// Minimum list length the spec recommends (16 KiB), for herd privacy.
pub const MIN_BITS: usize = 131_072;
/// Refuse to inflate absurd lists (zip bombs); 16 Mbit is far above our needs.
const MAX_BYTES: u64 = 2 * 1024 * 1024;

/// `u` + base64url(GZIP(bitstring)); index 0 is the most significant bit
/// of the first byte, as the spec requires.
pub fn encode(revoked: &[u64], size_bits: usize) -> Result<String> {
    if size_bits < MIN_BITS || !size_bits.is_multiple_of(8) {
        return Err(Error::Invalid(format!(
            "status list size must be a multiple of 8 and at least {MIN_BITS} bits"
        )));
    }
    let mut bits = vec![0u8; size_bits / 8];
    for &index in revoked {
        let i = usize::try_from(index)
            .ok()
            .filter(|i| *i < size_bits)
            .ok_or_else(|| Error::Invalid(format!("status index {index} outside the list")))?;
        if let Some(byte) = bits.get_mut(i / 8) {
            *byte |= 0x80 >> (i % 8);
        }
    }
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(&bits).map_err(|e| Error::Invalid(e.to_string()))?;
    let compressed = gz.finish().map_err(|e| Error::Invalid(e.to_string()))?;
    Ok(format!("u{}", URL_SAFE_NO_PAD.encode(compressed)))
}

/// Decodes an `encodedList` into its raw bytes.
pub fn decode(encoded: &str) -> Result<Vec<u8>> {
    let b64 = encoded
        .strip_prefix('u')
        .ok_or_else(|| Error::Invalid("encodedList must be multibase base64url ('u')".into()))?;
    let compressed = URL_SAFE_NO_PAD.decode(b64).map_err(|e| Error::Invalid(e.to_string()))?;
    let mut bits = Vec::new();
    GzDecoder::new(compressed.as_slice())
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bits)
        .map_err(|e| Error::Invalid(e.to_string()))?;
    if bits.len() as u64 > MAX_BYTES || bits.len() * 8 < MIN_BITS {
        return Err(Error::Invalid("status list has an invalid length".into()));
    }
    Ok(bits)
}

/// Whether bit `index` is set; `None` when it is outside the list.
pub fn bit(bits: &[u8], index: u64) -> Option<bool> {
    let i = usize::try_from(index).ok()?;
    bits.get(i / 8).map(|b| b & (0x80 >> (i % 8)) != 0)
}
