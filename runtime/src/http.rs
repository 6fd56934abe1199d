//! Requests, responses and the transport that carries them.

use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::wire::format::{Format, Formatted, Parsed};
use crate::{BoxFuture, Error, ErrorModel, Result, ServiceError};

pub use http::{Method, StatusCode};

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
    std::borrow::Cow::from(utf8_percent_encode(value, UNRESERVED)).into_owned()
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

/// An HTTP request about to go through a [`crate::Pipeline`].
#[derive(Clone)]
pub struct Request {
    method: Method,
    url: Url,
    /// Query pairs appended since the URL's query was last set, as text: folded into `url` in
    /// one `set_query` (which parses the whole query) rather than one per parameter.
    pending_query: String,
    /// `url` with `pending_query` folded in, for a read through `&self` before the fold (boxed:
    /// a request is moved through a call's futures, and is rarely read so).
    full_url: OnceLock<Box<Url>>,
    headers: HeaderMap,
    body: Bytes,
    /// A body read as it is sent, instead of `body`.
    upload: Option<crate::Upload>,
    limits: ResponseLimits,
    request_id: Option<String>,
    redirects: Redirects,
    operation: Option<&'static str>,
}

/// Whether a call follows the redirects it is answered with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Redirects {
    /// Followed to the client's own endpoint (see `ClientOptions::with_max_redirects`).
    #[default]
    Follow,
    /// Returned as they come: the operation declares a redirect as its answer (a login that
    /// answers `303 See Other` with a `Location`).
    Return,
}

impl Request {
    /// A request with no headers and no body.
    pub fn new(method: Method, url: Url) -> Self {
        Self {
            method,
            url,
            pending_query: String::new(),
            full_url: OnceLock::new(),
            headers: HeaderMap::new(),
            body: Bytes::new(),
            upload: None,
            request_id: None,
            limits: ResponseLimits::default(),
            redirects: Redirects::Follow,
            operation: None,
        }
    }

    /// Names the operation this request makes (its `operationId`), for the call's tracing span.
    pub fn set_operation(&mut self, operation: &'static str) {
        self.operation = Some(operation);
    }

    /// The operation named with [`Request::set_operation`].
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// Whether the call follows the redirects it is answered with.
    pub fn redirects(&self) -> Redirects {
        self.redirects
    }

    /// Sets whether the call follows redirects: generated code returns them to operations that
    /// declare a 3xx answer.
    pub fn set_redirects(&mut self, redirects: Redirects) {
        self.redirects = redirects;
    }

    /// How much of the response the transport may buffer.
    pub fn response_limits(&self) -> ResponseLimits {
        self.limits
    }

    pub(crate) fn set_response_limits(&mut self, limits: ResponseLimits) {
        self.limits = limits;
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Changes the method (a redirect's 303 turns a POST into a GET).
    pub(crate) fn set_method(&mut self, method: Method) {
        self.method = method;
    }

    /// Removes the body.
    pub(crate) fn clear_body(&mut self) {
        self.body = Bytes::new();
        self.upload = None;
    }

    /// What goes on the wire: method, URL, headers, and the body in memory or as an upload.
    pub(crate) fn into_wire(mut self) -> (Method, Url, HeaderMap, Bytes, Option<crate::Upload>) {
        self.settle_query();
        (self.method, self.url, self.headers, self.body, self.upload)
    }

    /// The upload this request sends instead of in-memory bytes, if it has one (a transport
    /// that streams bodies sends it; for one that does not, the pipeline reads it into
    /// [`Request::body`] first).
    pub fn upload(&self) -> Option<&crate::Upload> {
        self.upload.as_ref()
    }

    /// Reads the upload into the body, for a transport that cannot stream one.
    pub(crate) async fn buffer_upload(&mut self) -> Result<()> {
        if let Some(upload) = self.upload.take() {
            self.body = upload.read_all().await?;
        }
        Ok(())
    }

    /// The URL.
    pub fn url(&self) -> &Url {
        if self.pending_query.is_empty() {
            return &self.url;
        }
        self.full_url.get_or_init(|| {
            let mut url = self.url.clone();
            url.set_query(Some(&joined_query(url.query(), &self.pending_query)));
            Box::new(url)
        })
    }

    /// The URL, for changes.
    pub fn url_mut(&mut self) -> &mut Url {
        self.settle_query();
        &mut self.url
    }

    /// Folds the query pairs appended so far into the URL (the pipeline does before a call).
    pub(crate) fn settle_query(&mut self) {
        if self.pending_query.is_empty() {
            return;
        }
        let query = joined_query(self.url.query(), &self.pending_query);
        self.url.set_query(Some(&query));
        self.pending_query.clear();
        self.full_url.take();
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The headers, for changes.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        &mut self.headers
    }

    /// Marks `id` as this call's request id: a spec's own request-id header carries it, and
    /// the pipeline sends the same in `x-ms-client-request-id` (one id per call, never two).
    pub fn set_request_id(&mut self, id: &str) {
        self.request_id = Some(id.to_owned());
    }

    /// The request id set with [`Request::set_request_id`].
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The body bytes, exactly as they are sent.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Appends `name=value` to the query, both percent-encoded (written straight into the
    /// query, without a string of their own).
    pub fn query(&mut self, name: &str, value: &str) {
        let query = self.start_query_pair();
        query.extend(utf8_percent_encode(name, UNRESERVED));
        query.push('=');
        query.extend(utf8_percent_encode(value, UNRESERVED));
    }

    /// Appends `name=value` to the query as given (for `x-ms-skip-url-encoding`).
    pub fn query_raw(&mut self, name: &str, value: &str) {
        let query = self.start_query_pair();
        query.push_str(name);
        query.push('=');
        query.push_str(value);
    }

    /// The pending query, ready for one more pair (the URL shown before the fold is made again).
    fn start_query_pair(&mut self) -> &mut String {
        self.full_url.take();
        let query = &mut self.pending_query;
        if query.is_empty() {
            // Room for a few pairs at once, rather than growing pair by pair.
            query.reserve(64);
        } else {
            query.push('&');
        }
        query
    }

    /// Sets a header. A value that is not a valid header value (a line break, a control
    /// character) is an error naming the header.
    pub fn header(&mut self, name: &'static str, value: &str) -> Result<()> {
        let value = HeaderValue::from_str(value).map_err(|_| {
            Error::header(
                name,
                "has a value that is not a valid header value (line breaks and control characters are not allowed)",
            )
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
        let bytes = serde_json::to_vec(body).map_err(|e| Error::Serialize(e.to_string()))?;
        self.set_body(bytes, content_type);
        Ok(())
    }

    /// Sets a JSON body written in a wire format (`wire::format::Date`,
    /// `wire::format::VecOf<wire::format::Base64>`).
    pub fn json_as<F: Format<T>, T>(&mut self, body: &T, content_type: &'static str) -> Result<()> {
        self.json(&Formatted::<F, T>::new(body), content_type)
    }

    /// Sets a JSON array body whose items are written in a wire format (an array of dates).
    pub fn json_items_as<F: Format<T>, T>(
        &mut self,
        items: &[T],
        content_type: &'static str,
    ) -> Result<()> {
        self.json(&Items::<F, T>(items, PhantomData), content_type)
    }

    /// Sets an XML body: the document `write` writes (a model's `write_xml`), with the given
    /// content type. A name or character XML cannot carry fails the call before it is sent.
    pub fn xml(
        &mut self,
        write: impl FnOnce(&mut crate::xml::Writer),
        content_type: &'static str,
    ) -> Result<()> {
        let bytes = crate::xml::document(write).map_err(|e| Error::Serialize(e.to_string()))?;
        self.set_body(bytes, content_type);
        Ok(())
    }

    /// Sets a form body (`application/x-www-form-urlencoded`): each property of `body` as
    /// `name=value`, percent-encoded; an array's items as the same name repeated; an object
    /// inside as its JSON; `null` left out.
    pub fn form<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        content_type: &'static str,
    ) -> Result<()> {
        let text = crate::wire::form::encode(body).map_err(Error::Serialize)?;
        self.set_body(text, content_type);
        Ok(())
    }

    /// Sets a form body built field by field (`in: formData` parameters), with its content
    /// type (a multipart form's names its boundary).
    pub fn set_form(&mut self, form: crate::Form) -> Result<()> {
        let (body, content_type) = form.encode()?;
        self.body = body;
        self.headers
            .insert(http::header::CONTENT_TYPE, content_type);
        Ok(())
    }

    /// Sets a body of bytes in memory, or an [`crate::Upload`] read as it is sent.
    pub fn set_payload(&mut self, payload: impl Into<crate::Payload>, content_type: &'static str) {
        match payload.into() {
            crate::Payload::Bytes(bytes) => self.set_body(bytes, content_type),
            crate::Payload::Upload(upload) => {
                self.set_body(Bytes::new(), content_type);
                self.upload = Some(upload);
            }
        }
    }

    /// Sets raw body bytes with the given content type.
    pub fn set_body(&mut self, body: impl Into<Bytes>, content_type: &'static str) {
        self.body = body.into();
        self.upload = None;
        self.headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static(content_type),
        );
    }

    /// The request target as sent on the wire: path, then `?query` when there is one.
    pub fn path_and_query(&self) -> &str {
        &self.url()[url::Position::BeforePath..url::Position::AfterQuery]
    }
}

/// A URL's query with more pairs after it.
fn joined_query(existing: Option<&str>, more: &str) -> String {
    match existing.filter(|q| !q.is_empty()) {
        Some(existing) => format!("{existing}&{more}"),
        None => more.to_owned(),
    }
}

/// A slice whose items serialize in format `F`.
struct Items<'a, F, T>(&'a [T], PhantomData<fn() -> F>);

impl<F: Format<T>, T> Serialize for Items<'_, F, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(Formatted::<F, T>::new))
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &redacted_url(self.url()))
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

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

    /// A header parsed with `parse`: `None` when absent, empty, not text, or not what `parse`
    /// accepts (a malformed, negative, huge or non-finite value from a server is passed over
    /// with a trace, never an error that would lose the response). Text headers are read with
    /// [`Response::header`].
    pub fn parse_header<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = self.headers.get(name)?.to_str().ok()?.trim();
        if text.is_empty() {
            return None;
        }
        match parse(text) {
            Ok(value) => Some(value),
            Err(why) => {
                tracing::debug!(header = name, %why, "passing over a response header that does not parse");
                None
            }
        }
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
        Err(self.into_error_with_model(model))
    }

    /// The error this response stands for, its body decoded by `model` as the type the spec
    /// declares for its status.
    pub(crate) fn into_error_with_model(
        self,
        model: fn(u16, &[u8]) -> Option<ErrorModel>,
    ) -> Error {
        let decoded = model(self.status.as_u16(), &self.body);
        let mut error = self.into_error();
        if let Error::Service(e) = &mut error {
            e.set_model(decoded);
        }
        error
    }

    /// Status, headers and body.
    pub(crate) fn into_parts(self) -> (StatusCode, HeaderMap, Bytes) {
        (self.status, self.headers, self.body)
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
        let body = json_or_null(&self.body);
        // Most bodies fit: decoded without tracking paths; one that does not is decoded again,
        // tracking them, to say where.
        if let Ok(value) = serde_json::from_slice(body) {
            return Ok(value);
        }
        let mut de = serde_json::Deserializer::from_slice(body);
        let value = serde_path_to_error::deserialize(&mut de).map_err(|e| self.decode_error(e))?;
        de.end().map_err(|e| Error::Decode {
            status: self.status.as_u16(),
            path: ".".to_owned(),
            message: e.to_string(),
        })?;
        Ok(value)
    }

    /// Decodes the JSON body in a wire format (`wire::format::Date`,
    /// `wire::format::VecOf<wire::format::Base64>`); an empty body decodes as `null`.
    pub fn json_as<F: Format<T>, T>(&self) -> Result<T> {
        self.json::<Parsed<F, T>>().map(Parsed::into_inner)
    }

    /// Reads the XML body with `read` (a model's `read_xml`, given the root element). A
    /// failure names the path of the element that did not fit.
    pub fn xml<T>(
        &self,
        read: impl FnOnce(&crate::xml::Element) -> Result<T, crate::xml::XmlError>,
    ) -> Result<T> {
        let root = crate::xml::parse(&self.body).map_err(|e| self.xml_error(e))?;
        read(&root).map_err(|e| self.xml_error(e.within(root.name())))
    }

    /// Reads the XML body with `read`, or `None` when the body is empty.
    pub fn xml_optional<T>(
        &self,
        read: impl FnOnce(&crate::xml::Element) -> Result<T, crate::xml::XmlError>,
    ) -> Result<Option<T>> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        self.xml(read).map(Some)
    }

    fn xml_error(&self, e: crate::xml::XmlError) -> Error {
        Error::Decode {
            status: self.status.as_u16(),
            path: e.path(),
            message: e.message().to_owned(),
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

/// A body as JSON, an empty one as `null` (so `()` and `Option` accept it).
pub(crate) fn json_or_null(body: &[u8]) -> &[u8] {
    if body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_appended_show_in_the_url_before_and_after_they_are_folded_in() {
        let url = Url::parse("https://contoso.example/a/b?fixed=1").unwrap();
        let mut request = Request::new(Method::GET, url);
        request.query("api-version", "2020-07-20");
        request.query("filter", "name eq 'a b'&c");
        let expected = "https://contoso.example/a/b?fixed=1&api-version=2020-07-20\
                        &filter=name%20eq%20%27a%20b%27%26c";
        assert_eq!(request.url().as_str(), expected);
        assert_eq!(
            request.path_and_query(),
            &expected["https://contoso.example".len()..]
        );
        let copy = request.clone();
        request.query("top", "5");
        assert_eq!(request.url().as_str(), format!("{expected}&top=5"));
        assert_eq!(copy.url().as_str(), expected, "a copy keeps its own query");
        request.url_mut().set_fragment(None);
        request.query("skip", "1");
        request.settle_query();
        assert_eq!(request.url().as_str(), format!("{expected}&top=5&skip=1"));
        let (_, wire, ..) = request.into_wire();
        assert_eq!(wire.as_str(), format!("{expected}&top=5&skip=1"));
        // No query at all: none is added.
        let bare = Request::new(
            Method::GET,
            Url::parse("https://contoso.example/x").unwrap(),
        );
        assert_eq!(bare.url().query(), None);
    }
}
