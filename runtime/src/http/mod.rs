//! Requests, responses and the transport that carries them.

use std::fmt;
use std::time::Duration;

use http::header::{HeaderMap, HeaderName};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use url::Url;

use crate::{BoxFuture, Error, Result};

pub use http::{Method, StatusCode};
pub use request::{Redirects, Request};
pub use response::Response;

mod request;
mod response;

/// Everything but `A-Z a-z 0-9 - . _ ~` is escaped: the set the service and the 2020 client use.
pub(crate) const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a value for a host template or a path (`:` → `%3A`, `/` → `%2F`, space →
/// `%20`). The segments `.` and `..` are escaped too.
#[doc(hidden)] // called by generated code, not by applications
pub fn encode_path(value: &str) -> String {
    match value {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => percent_encoded(value),
    }
}

/// Percent-encodes the value of the path parameter `name`. An empty value, `.` and `..` are
/// refused: each would make the request reach another resource than the one named (a URL parser
/// folds `/identities/%2E%2E` into `/`), and nothing is sent.
#[doc(hidden)] // called by generated code, not by applications
pub fn path_param(name: &str, value: &str) -> Result<String> {
    let reason = match value {
        "" => "is empty",
        "." | ".." => "is a relative path segment (`.` or `..`)",
        _ => return Ok(percent_encoded(value)),
    };
    Err(Error::InvalidArgument {
        name: name.to_owned(),
        reason: format!("{reason}; a path parameter must name one resource"),
    })
}

/// Percent-encodes one query name or value.
pub fn encode_query(value: &str) -> String {
    percent_encoded(value)
}

/// `value` with every byte outside RFC 3986's unreserved set percent-encoded; most values need
/// nothing, and are copied as they are.
fn percent_encoded(value: &str) -> String {
    let mut text = String::with_capacity(value.len());
    push_percent_encoded(&mut text, value);
    text
}

/// Appends `value` to `out`, percent-encoded as [`UNRESERVED`] says. A value with nothing to
/// escape (most names, numbers, versions) is copied whole, without the encoder's byte-by-byte
/// walk.
pub(crate) fn push_percent_encoded(out: &mut String, value: &str) {
    let unreserved = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
    if value.bytes().all(unreserved) {
        out.push_str(value);
    } else {
        out.extend(utf8_percent_encode(value, UNRESERVED));
    }
}

/// How much of a response a transport may buffer (set on each try from
/// [`crate::ClientOptions`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResponseLimits {
    /// The largest body of a success (1xx-3xx) response; a larger one is
    /// [`Error::ResponseTooLarge`].
    pub max_size: usize,
    /// How much of an error (4xx, 5xx) body is kept; the rest is not read.
    pub max_error_size: usize,
}

impl Default for ResponseLimits {
    fn default() -> Self {
        Self {
            max_size: DEFAULT_MAX_RESPONSE_SIZE,
            max_error_size: DEFAULT_MAX_ERROR_SIZE,
        }
    }
}

/// 32 MiB: far above any JSON answer of the APIs this runtime serves.
pub(crate) const DEFAULT_MAX_RESPONSE_SIZE: usize = 32 << 20;
/// 64 KiB: an error body's code, message and details, whole.
pub(crate) const DEFAULT_MAX_ERROR_SIZE: usize = 64 << 10;

/// A URL as `Debug` output may show it: userinfo replaced, and query values too (a SAS
/// signature, an API key in `?key=` are secrets; the names say enough).
pub(crate) fn redacted_url(url: &Url) -> String {
    let mut shown = url.clone();
    if !url.username().is_empty() || url.password().is_some() {
        // Setting userinfo only fails for URLs that cannot have any (no host).
        let _ = shown.set_password(None);
        let _ = shown.set_username("redacted");
    }
    if let Some(query) = url.query() {
        let names: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) => format!("{name}=redacted"),
                None => pair.to_owned(),
            })
            .collect();
        shown.set_query(Some(&names.join("&")));
    }
    shown.into()
}

/// Prints headers with the values of credential-bearing ones replaced.
struct RedactedHeaders<'a>(&'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if is_sensitive(name) {
                map.entry(&name.as_str(), &"<redacted>");
            } else {
                map.entry(&name.as_str(), &value.to_str().unwrap_or("<binary>"));
            }
        }
        map.finish()
    }
}

fn is_sensitive(name: &HeaderName) -> bool {
    let n = name.as_str();
    n == "authorization"
        || n == "cookie"
        || n == "set-cookie"
        || n.contains("key")
        || n.contains("token")
        || n.contains("secret")
}

/// How far an exchange got before it failed: what decides whether it is tried again (see the
/// retry rule in the runtime's README).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// No connection could be made: the service never saw the request.
    NotSent,
    /// The request may have reached the service (a reset, a response cut short).
    MaybeSent,
    /// The try ran out of time; the request may have reached the service.
    TimedOut(Duration),
    /// The response body was larger than the limit: trying again would not help.
    TooLarge {
        /// The response's status.
        status: u16,
        /// The limit in bytes.
        limit: usize,
    },
}

/// Why a transport could not complete an exchange.
#[derive(Debug)]
pub struct TransportError {
    message: String,
    failure: Failure,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// No connection could be made (refused, unreachable, DNS, TLS handshake): the request was
    /// not sent, so any method may be tried again.
    pub fn not_sent(
        message: impl Into<String>,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            message: message.into(),
            failure: Failure::NotSent,
            source,
        }
    }

    /// The exchange failed after the request may have reached the service (a reset, a response
    /// cut short): only idempotent methods are tried again.
    pub fn maybe_sent(
        message: impl Into<String>,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            message: message.into(),
            failure: Failure::MaybeSent,
            source,
        }
    }

    /// The response body is larger than the request's [`ResponseLimits`] allow.
    pub fn too_large(status: u16, limit: usize) -> Self {
        Self {
            message: format!("the response body is larger than {limit} bytes"),
            failure: Failure::TooLarge { status, limit },
            source: None,
        }
    }

    pub(crate) fn timed_out(limit: Duration) -> Self {
        Self {
            message: format!("no response within {limit:?}"),
            failure: Failure::TimedOut(limit),
            source: None,
        }
    }

    /// Whether the request surely never reached the service.
    pub fn is_not_sent(&self) -> bool {
        self.failure == Failure::NotSent
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    pub(crate) fn failure(&self) -> Failure {
        self.failure
    }

    pub(crate) fn into_error(self) -> Error {
        match self.failure {
            Failure::TimedOut(after) => Error::Timeout {
                what: "request attempt",
                after,
            },
            Failure::TooLarge { status, limit } => Error::ResponseTooLarge { status, limit },
            Failure::NotSent | Failure::MaybeSent => Error::Transport {
                message: self.message,
                source: self.source,
            },
        }
    }
}

/// Sends one request and reads its response, buffering no more of the body than
/// [`Request::response_limits`] allow. Replace it to record, replay or test.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` once: no retries, no signing (the pipeline does both).
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>>;

    /// Whether [`Transport::send`] streams a request's [`Request::upload`]; when not (the
    /// default), the pipeline reads an upload into the body before sending.
    fn streams_uploads(&self) -> bool {
        false
    }

    /// Sends `request` once, leaving the body to be read as it arrives. The default reads it
    /// whole with [`Transport::send`] (within the limits) and hands it on as one chunk.
    fn send_streamed(
        &self,
        request: Request,
    ) -> BoxFuture<'_, Result<crate::StreamedResponse, TransportError>> {
        Box::pin(async move {
            Ok(crate::StreamedResponse::from_buffered(
                self.send(request).await?,
            ))
        })
    }
}

/// Whether a body holds nothing but white space (an empty answer, whatever its format).
pub(crate) fn is_blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

/// A body as JSON, an empty one as `null` (so `()` and `Option` accept it).
pub(crate) fn json_or_null(body: &[u8]) -> &[u8] {
    if is_blank(body) { b"null" } else { body }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_of_a_value_with_nothing_to_escape_agrees_with_the_encoder() {
        // Every ASCII character alone and inside a longer value, then text beyond ASCII: the
        // quick test of what needs no escaping must say what `UNRESERVED` says.
        let mut values: Vec<String> = (0u8..=127).map(|b| char::from(b).to_string()).collect();
        values.extend((0u8..=127).map(|b| format!("api-version{}2020", char::from(b))));
        values.extend(
            [
                "",
                "2020-07-20-preview1",
                "name eq 'x'",
                "é",
                "名前",
                "a~b_c.d-e",
            ]
            .map(String::from),
        );
        for value in &values {
            let mut quick = String::new();
            push_percent_encoded(&mut quick, value);
            let encoded: String = utf8_percent_encode(value, UNRESERVED).collect();
            assert_eq!(quick, encoded, "{value:?}");
        }
    }
}
