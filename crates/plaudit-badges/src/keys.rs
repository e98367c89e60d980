//! Ed25519 issuer keys and their Multikey (public) form.

use ed25519_dalek::{SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use crate::{Error, Issuer, Result};

/// Multicodec prefix for an Ed25519 public key (varint of 0xed).
const ED25519_PUB_PREFIX: [u8; 2] = [0xed, 0x01];

/// A numbered Ed25519 signing key of the issuer.
///
/// The number gives the verification method fragment (`#key-<n>`); rotating
/// means generating key n+1 while keeping key n listed in the profile.
pub struct IssuerKey {
    number: u32,
    // SigningKey zeroizes itself on drop (ed25519-dalek "zeroize" feature).
    signing: SigningKey,
}

/// The public half of an issuer key as published in the issuer profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationKey {
    /// `<issuer.id>#key-<n>`
    pub id: String,
    /// The issuer profile URL.
    pub controller: String,
    /// `z` + base58btc(0xed 0x01 ‖ 32-byte public key).
    pub public_key_multibase: String,
}

impl std::fmt::Debug for IssuerKey {
    // Never print secret material, not even in logs of a panicking test.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuerKey")
            .field("number", &self.number)
            .field("public_key_multibase", &encode_public_key(&self.signing.verifying_key()))
            .finish_non_exhaustive()
    }
}

impl IssuerKey {
    /// Generates a fresh key from the OS random number generator.
    pub fn generate(number: u32) -> IssuerKey {
        let signing = SigningKey::generate(&mut rand_core::OsRng);
        IssuerKey { number, signing }
    }

    /// Restores a key from the 32-byte secret returned by [`Self::secret_bytes`].
    pub fn from_secret_bytes(number: u32, secret: &[u8]) -> Result<IssuerKey> {
        let bytes: Zeroizing<[u8; 32]> = Zeroizing::new(
            secret
                .try_into()
                .map_err(|_| Error::Key("Ed25519 secret key must be 32 bytes".into()))?,
        );
        Ok(IssuerKey { number, signing: SigningKey::from_bytes(&bytes) })
    }

    /// The 32-byte secret, wiped from memory when dropped.
    pub fn secret_bytes(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(self.signing.to_bytes().to_vec())
    }

    pub fn number(&self) -> u32 {
        self.number
    }

    /// `key-<n>`, the fragment of the verification method id.
    pub fn key_id(&self) -> String {
        format!("key-{}", self.number)
    }

    pub fn verification_key(&self, issuer: &Issuer) -> VerificationKey {
        VerificationKey {
            id: format!("{}#{}", issuer.id, self.key_id()),
            controller: issuer.id.clone(),
            public_key_multibase: encode_public_key(&self.signing.verifying_key()),
        }
    }

    pub(crate) fn sign(&self, data: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer;
        self.signing.sign(data).to_bytes()
    }
}

fn encode_public_key(key: &VerifyingKey) -> String {
    let mut bytes = Vec::with_capacity(34);
    bytes.extend_from_slice(&ED25519_PUB_PREFIX);
    bytes.extend_from_slice(key.as_bytes());
    format!("z{}", bs58::encode(bytes).into_string())
}

pub(crate) fn decode_public_key(multibase: &str) -> Result<VerifyingKey> {
    let b58 = multibase
        .strip_prefix('z')
        .ok_or_else(|| Error::Key("publicKeyMultibase must be base58btc ('z')".into()))?;
    let bytes = bs58::decode(b58).into_vec().map_err(|e| Error::Key(format!("bad base58: {e}")))?;
    let raw = bytes
        .strip_prefix(&ED25519_PUB_PREFIX)
        .ok_or_else(|| Error::Key("not an Ed25519 multikey (0xed01)".into()))?;
    let raw: &[u8; 32] =
        raw.try_into().map_err(|_| Error::Key("Ed25519 public key must be 32 bytes".into()))?;
    VerifyingKey::from_bytes(raw).map_err(|e| Error::Key(e.to_string()))
}

pub(crate) fn verify_signature(key: &VerificationKey, data: &[u8], signature: &[u8]) -> bool {
    let Ok(vk) = decode_public_key(&key.public_key_multibase) else {
        return false;
    };
    let Ok(sig) = ed25519_dalek::Signature::from_slice(signature) else {
        return false;
    };
    // verify_strict rejects malleable / small-order edge cases.
    vk.verify_strict(data, &sig).is_ok()
}
