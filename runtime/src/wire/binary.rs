//! Bytes as text: base64 and base64url.

use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

/// Standard base64 bytes (`format: byte`).
pub mod base64 {
    use super::*;
    use ::base64::Engine as _;
    use ::base64::engine::general_purpose::STANDARD;

    /// Encodes with padding.
    pub fn format(value: &[u8]) -> String {
        STANDARD.encode(value)
    }

    /// Decodes, padded or not.
    pub fn parse(text: &str) -> Result<Vec<u8>, String> {
        let trimmed = text.trim_end_matches('=');
        ::base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(trimmed)
            .map_err(|e| format!("not valid base64: {e}"))
    }

    /// Serializes as base64.
    pub fn serialize<S: Serializer>(value: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(value))
    }

    /// Deserializes from base64.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse(&text).map_err(D::Error::custom)
    }

    option_module!(Vec<u8>);
}

/// Base64url bytes without padding (`format: base64url`).
pub mod base64url {
    use super::*;
    use ::base64::Engine as _;
    use ::base64::engine::general_purpose::URL_SAFE_NO_PAD;

    /// Encodes without padding.
    pub fn format(value: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(value)
    }

    /// Decodes, padded or not.
    pub fn parse(text: &str) -> Result<Vec<u8>, String> {
        URL_SAFE_NO_PAD
            .decode(text.trim_end_matches('='))
            .map_err(|e| format!("not valid base64url: {e}"))
    }

    /// Serializes as base64url.
    pub fn serialize<S: Serializer>(value: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(value))
    }

    /// Deserializes from base64url.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse(&text).map_err(D::Error::custom)
    }

    option_module!(Vec<u8>);
}
