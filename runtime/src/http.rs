//! Requests, responses and the transport that carries them.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::{BoxFuture, Error, ErrorModel, Result, ServiceError};

pub use http::{Method, StatusCode};

/// Everything but `A-Z a-z 0-9 - . _ ~` is escaped: the set the service and the 2020 client use.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path parameter (`:` → `%3A`, `/` → `%2F`, space → `%20`). The segments
/// `.` and `..` are escaped too, so a value can never climb the path.
pub fn encode_path(value: &str) -> String {
    match value {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => utf8_percent_encode(value, UNRESERVED).to_string(),
    }
}

/// Percent-encodes one query name or value.
pub fn encode_query(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// An HTTP request about to go through a [`crate::Pipeline`].
#[derive(Clone)]
pub struct Request {
    method: Method,
    url: Url,
    headers: HeaderMap,
    body: Bytes,
}

impl Request {
    /// A request with no headers and no body.
    pub fn new(method: Method, url: Url) -> Self {
        Self {
            method,
            url,
            headers: HeaderMap::new(),
            body: Bytes::new(),
        }
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The URL.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The URL, for changes.
    pub fn url_mut(&mut self) -> &mut Url {
        &mut self.url
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The headers, for changes.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        &mut self.headers
    }

    /// The body bytes, exactly as they are sent.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Appends `name=value` to the query, both percent-encoded.
    pub fn query(&mut self, name: &str, value: &str) {
        self.query_raw(&encode_query(name), &encode_query(value));
    }

    /// Appends `name=value` to the query as given (for `x-ms-skip-url-encoding`).
    pub fn query_raw(&mut self, name: &str, value: &str) {
        let mut query = self.url.query().unwrap_or_default().to_owned();
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(name);
        query.push('=');
        query.push_str(value);
        self.url.set_query(Some(&query));
    }

    /// Sets a header. A value that is not a valid header value is an error naming the header.
    pub fn header(&mut self, name: &'static str, value: &str) -> Result<()> {
        let value = HeaderValue::from_str(value).map_err(|_| {
            Error::config(format!(
                "the value for header `{name}` is not a valid header value"
            ))
        })?;
        self.headers.insert(HeaderName::from_static(name), value);
        Ok(())
    }

    /// Sets a JSON body with the given content type.
    pub fn json<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        content_type: &'static str,
    ) -> Result<()> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| Error::config(format!("could not serialize the request body: {e}")))?;
        self.set_body(bytes, content_type);
        Ok(())
    }

    /// Sets raw body bytes with the given content type.
    pub fn set_body(&mut self, body: impl Into<Bytes>, content_type: &'static str) {
        self.body = body.into();
        self.headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static(content_type),
        );
    }

    /// The request target as sent on the wire: path, then `?query` when there is one.
    pub fn path_and_query(&self) -> &str {
        &self.url[url::Position::BeforePath..url::Position::AfterQuery]
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url.as_str())
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
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

/// A response whose body has been read in full.
#[derive(Clone)]
pub struct Response {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Response {
    /// A response from its parts (for transports and tests).
    pub fn new(status: StatusCode, headers: HeaderMap, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            headers,
            body: body.into(),
        }
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header as text, if present and printable.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// A header parsed with `parse`: `None` when absent or empty; an unparsable value is a
    /// decoding error naming the header. (Text headers are read with [`Response::header`].)
    pub fn parse_header<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<T>> {
        let Some(value) = self.headers.get(name) else {
            return Ok(None);
        };
        let decode = |message: String| Error::Decode {
            status: self.status.as_u16(),
            path: format!("header {name}"),
            message,
        };
        let text = value.to_str().map_err(|e| decode(e.to_string()))?;
        if text.is_empty() {
            return Ok(None);
        }
        parse(text).map(Some).map_err(decode)
    }

    /// The body bytes.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Passes the response on when its status is one of `expected`; otherwise the error carries
    /// the status and what the service said.
    pub fn expect_status(self, expected: &[u16]) -> Result<Self> {
        if expected.contains(&self.status.as_u16()) {
            Ok(self)
        } else {
            Err(self.into_error())
        }
    }

    /// Like [`Response::expect_status`]; on another status, `model` decodes the body as the
    /// type the spec declares for that status, which the error then carries
    /// ([`Error::model`]).
    pub fn expect_status_or_model(
        self,
        expected: &[u16],
        model: fn(u16, &[u8]) -> Option<ErrorModel>,
    ) -> Result<Self> {
        if expected.contains(&self.status.as_u16()) {
            return Ok(self);
        }
        let decoded = model(self.status.as_u16(), &self.body);
        let mut error = self.into_error();
        if let Error::Service(e) = &mut error {
            e.set_model(decoded);
        }
        Err(error)
    }

    /// The error this response stands for.
    pub fn into_error(self) -> Error {
        Error::Service(Box::new(ServiceError::from_parts(
            self.status.as_u16(),
            &self.headers,
            &self.body,
        )))
    }

    /// Decodes the JSON body; an empty body decodes as `null` (so `()` and `Option` accept it).
    /// A failure names the JSON path of the field that did not fit.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        let mut de = serde_json::Deserializer::from_slice(json_or_null(&self.body));
        let value = serde_path_to_error::deserialize(&mut de).map_err(|e| self.decode_error(e))?;
        de.end().map_err(|e| Error::Decode {
            status: self.status.as_u16(),
            path: ".".to_owned(),
            message: e.to_string(),
        })?;
        Ok(value)
    }

    /// Decodes a body that is one JSON string with `parse` (base64, dates, durations).
    pub fn json_text<T>(&self, parse: impl FnOnce(&str) -> Result<T, String>) -> Result<T> {
        let text: String = self.json()?;
        parse(&text).map_err(|message| Error::Decode {
            status: self.status.as_u16(),
            path: ".".to_owned(),
            message,
        })
    }

    /// Like [`Response::json_text`], with an empty body or `null` read as `None`.
    pub fn json_text_option<T>(
        &self,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<T>> {
        match self.json::<Option<String>>()? {
            None => Ok(None),
            Some(text) => parse(&text).map(Some).map_err(|message| Error::Decode {
                status: self.status.as_u16(),
                path: ".".to_owned(),
                message,
            }),
        }
    }

    /// The body as UTF-8 text.
    pub fn text(&self) -> Result<String> {
        String::from_utf8(self.body.to_vec()).map_err(|e| Error::Decode {
            status: self.status.as_u16(),
            path: ".".to_owned(),
            message: e.to_string(),
        })
    }

    fn decode_error(&self, e: serde_path_to_error::Error<serde_json::Error>) -> Error {
        Error::Decode {
            status: self.status.as_u16(),
            path: e.path().to_string(),
            message: e.into_inner().to_string(),
        }
    }
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Why a transport could not complete an exchange.
#[derive(Debug)]
pub struct TransportError {
    message: String,
    /// Set when the try ran out of time rather than failing.
    pub(crate) timed_out: Option<Duration>,
    retryable: bool,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// An error; `retryable` says whether another try may succeed (connection refused or reset).
    pub fn new(
        message: impl Into<String>,
        retryable: bool,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            message: message.into(),
            timed_out: None,
            retryable,
            source,
        }
    }

    /// Whether another try may succeed.
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    pub(crate) fn into_error(self) -> Error {
        if let Some(after) = self.timed_out {
            return Error::Timeout {
                what: "request attempt",
                after,
            };
        }
        Error::Transport {
            message: self.message,
            source: self.source,
        }
    }
}

/// Sends one request and reads its whole response. Replace it to record, replay or test.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` once: no retries, no signing (the pipeline does both).
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>>;
}

/// The default transport: reqwest over rustls, with a pooled connection set reused across calls.
#[derive(Clone, Debug)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with a fresh connection pool. Redirects are not followed: a signed request must
    /// never be replayed to another location by the HTTP layer.
    pub fn new(connect_timeout: Duration) -> Result<Self> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(connect_timeout)
            .build()
            .map_err(|e| Error::Transport {
                message: format!("could not build the HTTP client: {e}"),
                source: Some(Box::new(e)),
            })?;
        Ok(Self { client })
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        Box::pin(async move {
            let Request {
                method,
                url,
                headers,
                body,
            } = request;
            let method_kind = if matches!(method, Method::POST | Method::PUT | Method::PATCH) {
                MethodKind::WithBody
            } else {
                MethodKind::Other
            };
            let mut builder = self.client.request(method, url).headers(headers);
            // POST, PUT and PATCH always carry a length, even of zero, as front doors require.
            if body.is_empty() {
                if matches!(method_kind, MethodKind::WithBody) {
                    builder = builder.header(http::header::CONTENT_LENGTH, "0");
                }
            } else {
                builder = builder.body(body);
            }
            let mut response = builder.send().await.map_err(reqwest_error)?;
            let status = response.status();
            let headers = std::mem::take(response.headers_mut());
            let body = response.bytes().await.map_err(reqwest_error)?;
            Ok(Response::new(status, headers, body))
        })
    }
}

enum MethodKind {
    WithBody,
    Other,
}

fn reqwest_error(e: reqwest::Error) -> TransportError {
    // Connection failures and resets are worth another try; a bad URL or a builder error is not.
    let retryable = e.is_connect() || e.is_request() || e.is_body() || e.is_timeout();
    // reqwest's own message includes the URL, which holds no secret (keys travel in headers).
    TransportError::new(e.to_string(), retryable, Some(Box::new(e.without_url())))
}

/// A body as JSON, an empty one as `null` (so `()` and `Option` accept it).
pub(crate) fn json_or_null(body: &[u8]) -> &[u8] {
    if body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        body
    }
}
