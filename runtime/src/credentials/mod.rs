//! Credentials: connection strings, HMAC-SHA256 request signing, bearer tokens and API keys.
//!
//! Secrets live in types whose `Debug` prints nothing of them, and no `Display`, error or trace
//! in this crate ever shows an access key, a token or an `Authorization` value.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use url::Url;

use crate::{Error, Result};

mod token;

pub use token::{AccessToken, BearerTokenCredential, StaticTokenCredential, TokenCredential};

/// The `SignedHeaders` list this crate signs, in the order the string to sign uses them.
pub const SIGNED_HEADERS: &str = "x-ms-date;host;x-ms-content-sha256";

/// Base64 SHA-256 of the empty body, sent when a request has no body.
pub const EMPTY_CONTENT_SHA256: &str = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

/// The decoded bytes of an access key. `Debug` shows nothing of them.
#[derive(Clone)]
pub struct AccessKey(Arc<[u8]>);

impl AccessKey {
    /// Decodes a standard (padded) base64 key, as found in a connection string.
    pub fn from_base64(encoded: &str) -> Result<Self> {
        let bytes = BASE64.decode(encoded.trim()).map_err(|_| {
            Error::credential("accesskey", "is not valid base64 (the key is not shown)")
        })?;
        if bytes.is_empty() {
            return Err(Error::credential("accesskey", "is empty"));
        }
        Ok(Self(bytes.into()))
    }

    /// Wraps raw key bytes.
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into().into())
    }
}

impl fmt::Debug for AccessKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessKey(<redacted>)")
    }
}

/// A parsed `endpoint=...;accesskey=...` connection string.
///
/// Parts are split on `;` and each on its first `=`; keys are case-insensitive; empty parts are
/// ignored; the endpoint keeps its scheme and loses a trailing `/`.
#[derive(Clone)]
pub struct ConnectionString {
    endpoint: Url,
    access_key: AccessKey,
}

impl ConnectionString {
    /// Parses a connection string. Errors name the part that is wrong and why, and never show
    /// any of the input's values (a misplaced separator can put the key anywhere).
    pub fn parse(text: &str) -> Result<Self> {
        let mut endpoint = None;
        let mut access_key = None;
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((key, value)) = part.split_once('=') else {
                return Err(Error::credential(
                    "connection string",
                    "has a part without `=`; parts are `endpoint=...;accesskey=...`, separated by `;`",
                ));
            };
            let slot = match key.trim().to_ascii_lowercase().as_str() {
                "endpoint" => (&mut endpoint, "endpoint"),
                "accesskey" => (&mut access_key, "accesskey"),
                // Unknown parts are tolerated, as the service's own tools do; never echoed.
                _ => continue,
            };
            if slot.0.replace(value.trim()).is_some() {
                return Err(Error::credential(slot.1, "is given more than once"));
            }
        }
        let endpoint = match endpoint {
            None => return Err(Error::credential("endpoint", "is missing")),
            Some("") => return Err(Error::credential("endpoint", "is empty")),
            Some(e) => parse_endpoint(e)?,
        };
        let access_key = match access_key {
            None => return Err(Error::credential("accesskey", "is missing")),
            Some("") => return Err(Error::credential("accesskey", "is empty")),
            Some(k) => AccessKey::from_base64(k)?,
        };
        Ok(Self {
            endpoint,
            access_key,
        })
    }

    /// The endpoint, without a trailing `/`.
    pub fn endpoint(&self) -> &str {
        self.endpoint.as_str().trim_end_matches('/')
    }

    /// The HMAC credential for the access key.
    pub fn credential(&self) -> KeyCredential {
        KeyCredential::new(self.access_key.clone())
    }
}

impl fmt::Debug for ConnectionString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectionString")
            .field("endpoint", &crate::http::redacted_url(&self.endpoint))
            .field("access_key", &self.access_key)
            .finish()
    }
}

/// Parses an endpoint URL: `http` or `https`, with a host, no query or fragment. Errors say what
/// is wrong without repeating the text, which may hold a secret.
pub(crate) fn parse_endpoint(text: &str) -> Result<Url> {
    let text = text.trim();
    if text.contains(char::is_whitespace) {
        return Err(Error::credential(
            "endpoint",
            "contains whitespace (is a `;` missing between parts?); the value is not shown",
        ));
    }
    let url = Url::parse(text).map_err(|e| {
        Error::credential(
            "endpoint",
            format!("is not a URL ({e}); the value is not shown"),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::credential(
            "endpoint",
            "must be an http or https URL (the value is not shown)",
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::credential("endpoint", "has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::credential(
            "endpoint",
            "must not have a query or fragment",
        ));
    }
    Ok(url)
}

/// The three headers HMAC signing adds to a request.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    /// `x-ms-date`, RFC 1123 in GMT.
    pub date: String,
    /// `x-ms-content-sha256`: base64 SHA-256 of the body.
    pub content_sha256: String,
    /// The `Authorization` value. Never printed by `Debug`.
    pub authorization: String,
}

impl fmt::Debug for SignedHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedHeaders")
            .field("date", &self.date)
            .field("content_sha256", &self.content_sha256)
            .field("authorization", &"<redacted>")
            .finish()
    }
}

/// Signs requests with HMAC-SHA256 over method, path and query, date, host and body hash.
#[derive(Clone)]
pub struct KeyCredential {
    // Keyed once: cloning the keyed state skips re-hashing the key's pads on every request.
    mac: Hmac<Sha256>,
}

impl fmt::Debug for KeyCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyCredential(<redacted>)")
    }
}

impl KeyCredential {
    /// A credential for the given access key.
    pub fn new(key: AccessKey) -> Self {
        let mac = Hmac::<Sha256>::new_from_slice(&key.0).expect("HMAC accepts keys of any length");
        Self { mac }
    }

    /// A credential from a base64 access key.
    pub fn from_base64(encoded: &str) -> Result<Self> {
        Ok(Self::new(AccessKey::from_base64(encoded)?))
    }

    /// Signs one request. `path_and_query` is the request target exactly as sent; `host`
    /// carries the port when it is not the scheme's default.
    pub fn sign(
        &self,
        method: &str,
        path_and_query: &str,
        host: &str,
        date: OffsetDateTime,
        body: &[u8],
    ) -> SignedHeaders {
        self.sign_hashed(method, path_and_query, host, date, content_sha256(body))
    }

    /// Signs one request whose body's Base64 SHA-256 is already known (an upload, hashed as
    /// it was first read).
    pub fn sign_hashed(
        &self,
        method: &str,
        path_and_query: &str,
        host: &str,
        date: OffsetDateTime,
        content_sha256: String,
    ) -> SignedHeaders {
        let date_header = date_header(date);
        let date = date_header.to_str().unwrap_or_default().to_owned();
        let authorization =
            self.authorization(method, path_and_query, &date, host, &content_sha256);
        SignedHeaders {
            date,
            content_sha256,
            authorization,
        }
    }

    /// The `Authorization` value of one request. The string to sign is fed to the keyed hash
    /// piece by piece, never built.
    pub(crate) fn authorization(
        &self,
        method: &str,
        path_and_query: &str,
        date: &str,
        host: &str,
        content_sha256: &str,
    ) -> String {
        let mut mac = self.mac.clone();
        if method.bytes().any(|b| b.is_ascii_lowercase()) {
            mac.update(method.to_ascii_uppercase().as_bytes());
        } else {
            mac.update(method.as_bytes());
        }
        for part in signed_after_method(path_and_query, date, host, content_sha256) {
            mac.update(part.as_bytes());
        }
        let mut authorization = String::with_capacity(128);
        authorization.push_str("HMAC-SHA256 SignedHeaders=");
        authorization.push_str(SIGNED_HEADERS);
        authorization.push_str("&Signature=");
        BASE64.encode_string(mac.finalize().into_bytes(), &mut authorization);
        authorization
    }

    /// Base64 HMAC-SHA256 of a string to sign.
    pub fn signature(&self, string_to_sign: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(string_to_sign.as_bytes());
        BASE64.encode(mac.finalize().into_bytes())
    }
}

/// `date` as the `x-ms-date` header writes it (RFC 1123), made once per second per thread: a
/// client signing many requests a second formats the same text again otherwise (a clone shares
/// the header's bytes).
pub(crate) fn date_header(date: OffsetDateTime) -> http::HeaderValue {
    type Key = (i64, i32);
    thread_local! {
        static LAST: std::cell::RefCell<(Key, http::HeaderValue)> =
            const { std::cell::RefCell::new(((i64::MIN, 0), http::HeaderValue::from_static(""))) };
    }
    // The text drops fractions of a second; the offset is part of the key, as a date out of
    // UTC's range is written in its own.
    let key = (date.unix_timestamp(), date.offset().whole_seconds());
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.0 != key {
            let text = bytes::Bytes::from(crate::wire::rfc1123::format(date));
            let header = http::HeaderValue::from_maybe_shared(text)
                .expect("an RFC 1123 date is printable ASCII");
            *last = (key, header);
        }
        last.1.clone()
    })
}

/// Base64 SHA-256 of the exact body bytes.
pub fn content_sha256(body: &[u8]) -> String {
    if body.is_empty() {
        return EMPTY_CONTENT_SHA256.to_owned();
    }
    BASE64.encode(Sha256::digest(body))
}

/// `METHOD\nPATH_AND_QUERY\nDATE;HOST;HASH`, the HMAC scheme's string to sign.
pub fn string_to_sign(
    method: &str,
    path_and_query: &str,
    date: &str,
    host: &str,
    content_sha256: &str,
) -> String {
    let mut s = method.to_ascii_uppercase();
    for part in signed_after_method(path_and_query, date, host, content_sha256) {
        s.push_str(part);
    }
    s
}

/// What the string to sign holds after the method, piece by piece: the text
/// [`string_to_sign`] builds, and what `KeyCredential::authorization` feeds to the hash.
fn signed_after_method<'a>(
    path_and_query: &'a str,
    date: &'a str,
    host: &'a str,
    content_sha256: &'a str,
) -> [&'a str; 8] {
    [
        "\n",
        path_and_query,
        "\n",
        date,
        ";",
        host,
        ";",
        content_sha256,
    ]
}

/// Sends a key in a header of its own (for APIs secured by `type: apiKey`).
#[derive(Clone)]
pub struct ApiKeyCredential {
    pub(crate) header: http::HeaderName,
    pub(crate) key: String,
}

impl ApiKeyCredential {
    /// Sends `key` in the header `header`.
    pub fn new(header: &str, key: impl Into<String>) -> Result<Self> {
        let header = http::HeaderName::from_bytes(header.as_bytes()).map_err(|_| {
            Error::credential("api key header", format!("`{header}` is not a header name"))
        })?;
        Ok(Self {
            header,
            key: key.into(),
        })
    }
}

impl fmt::Debug for ApiKeyCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKeyCredential({}: <redacted>)", self.header)
    }
}

/// How a pipeline authenticates its requests.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Credential {
    /// HMAC-SHA256 signing with an access key.
    Key(KeyCredential),
    /// Azure AD bearer tokens.
    Bearer(BearerTokenCredential),
    /// A key in a header of its own.
    ApiKey(ApiKeyCredential),
    /// No authentication.
    Anonymous,
}

impl From<KeyCredential> for Credential {
    fn from(c: KeyCredential) -> Self {
        Self::Key(c)
    }
}

impl From<BearerTokenCredential> for Credential {
    fn from(c: BearerTokenCredential) -> Self {
        Self::Bearer(c)
    }
}

impl From<ApiKeyCredential> for Credential {
    fn from(c: ApiKeyCredential) -> Self {
        Self::ApiKey(c)
    }
}
