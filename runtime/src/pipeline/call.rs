//! What one call carries besides its request: the headers the pipeline owns, the caller's
//! request id and extra headers.

use std::sync::{Arc, Mutex};

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use crate::{Error, Request, Response, Result};

/// Headers the pipeline sets on every try, signed or sized by it: a caller, an operation or a
/// resume token that sets one is refused, since what is sent would no longer match what is
/// signed (or the declared length would hang the call).
pub const OWNED_HEADERS: &[&str] = &[
    "host",
    "content-length",
    "transfer-encoding",
    "authorization",
    "x-ms-date",
    "date",
    "x-ms-content-sha256",
];

/// Whether the pipeline owns a header (see [`OWNED_HEADERS`]), in any case.
pub fn is_owned_header(name: &str) -> bool {
    OWNED_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// [`is_owned_header`] for a name already in lower case (a `HeaderMap`'s): one match, run on
/// every request.
pub(super) fn owned(name: &str) -> bool {
    matches!(
        name,
        "host"
            | "content-length"
            | "transfer-encoding"
            | "authorization"
            | "x-ms-date"
            | "date"
            | "x-ms-content-sha256"
    )
}

/// Per-call settings: which `x-ms-client-request-id` to send, and extra headers. They apply to
/// every request made through a client handle that carries them (`with_call_options` on a
/// generated client), polls and next pages included.
#[derive(Clone, Default)]
pub struct CallOptions {
    pub(super) client_request_id: RequestIdChoice,
    headers: Vec<(String, String)>,
    pub(super) capture: Option<ResponseCapture>,
}

impl std::fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Header values may be credentials of the caller's own: only their names are shown.
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("CallOptions")
            .field("client_request_id", &self.client_request_id)
            .field("headers", &names)
            .field("capture", &self.capture.is_some())
            .finish()
    }
}

#[derive(Clone, Debug, Default)]
pub(super) enum RequestIdChoice {
    /// A fresh UUID per call (the default).
    #[default]
    Generate,
    /// The caller's id, on every request of the call.
    Fixed(String),
    /// No `x-ms-client-request-id` at all.
    Omit,
}

impl CallOptions {
    /// Options that change nothing: a fresh request id per call, no extra headers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends `id` as the `x-ms-client-request-id` (to correlate with the caller's own logs).
    pub fn with_client_request_id(mut self, id: impl Into<String>) -> Self {
        self.client_request_id = RequestIdChoice::Fixed(id.into());
        self
    }

    /// Sends no `x-ms-client-request-id`.
    pub fn without_client_request_id(mut self) -> Self {
        self.client_request_id = RequestIdChoice::Omit;
        self
    }

    /// Adds a header to every request. A header an operation sets from its own parameters
    /// wins; credentials' headers are always the credential's.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Keeps the status and headers of each call's last response in `capture` (the typed
    /// result is returned as usual): the service's `x-ms-request-id`, an `ETag`, a header the
    /// spec does not declare.
    pub fn with_response_capture(mut self, capture: ResponseCapture) -> Self {
        self.capture = Some(capture);
        self
    }

    /// Applies the options to a request the operation has built.
    pub(super) fn apply(&self, request: &mut Request) -> Result<()> {
        let headers = request.headers_mut();
        for (name, value) in &self.headers {
            if is_owned_header(name) {
                return Err(Error::header(
                    name.as_str(),
                    "is set by the pipeline on every try and cannot come from CallOptions",
                ));
            }
            let name = http::HeaderName::try_from(name.as_str())
                .map_err(|_| Error::header(name.as_str(), "is not a valid header name"))?;
            if !headers.contains_key(&name) {
                let value = HeaderValue::try_from(value.as_str()).map_err(|_| {
                    Error::header(
                        name.as_str(),
                        "has a value that is not a valid header value",
                    )
                })?;
                headers.insert(name, value);
            }
        }
        if let RequestIdChoice::Fixed(id) = &self.client_request_id
            && !headers.contains_key(&CLIENT_REQUEST_ID)
        {
            let value = HeaderValue::try_from(id.as_str()).map_err(|_| {
                Error::header(
                    CLIENT_REQUEST_ID.as_str(),
                    "has a value that is not a valid header value",
                )
            })?;
            headers.insert(CLIENT_REQUEST_ID.clone(), value);
        }
        Ok(())
    }
}

pub(super) static CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("x-ms-client-request-id");

/// The service's own id for a request, in its answer.
pub(super) static X_MS_REQUEST_ID: HeaderName = HeaderName::from_static("x-ms-request-id");

/// The header asking the service to echo the request id in its response.
pub(super) static RETURN_CLIENT_REQUEST_ID: HeaderName =
    HeaderName::from_static("x-ms-return-client-request-id");

/// The signing headers the pipeline sets on every try, named once (a `&str` name is parsed on
/// every insert).
pub(super) static X_MS_DATE: HeaderName = HeaderName::from_static("x-ms-date");
pub(super) static X_MS_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-ms-content-sha256");

/// A fresh request id (a random UUID), as sent in `x-ms-client-request-id` and in the
/// custom-named request-id headers of specs that mark one with `x-ms-client-request-id`.
pub fn new_request_id() -> String {
    // Request ids need uniqueness, not secrecy: a fast generator spares a getrandom system call
    // per request.
    uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes())
        .into_uuid()
        .to_string()
}

/// A fresh request id as a header value, written without an intermediate `String`, in bytes
/// whose copies share one count (each try's copy of the headers clones it; bytes from a `Vec`
/// would be moved to a shared allocation on the first clone).
pub(super) fn request_id_header() -> HeaderValue {
    let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
    let id = uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes()).into_uuid();
    id.hyphenated().encode_lower(&mut text);
    HeaderValue::from_maybe_shared(bytes::Bytes::from_owner(text))
        .expect("a UUID is a valid header value")
}

/// Where a call's last response leaves its status and headers, for a caller who wants more than
/// the typed result (`CallOptions::with_response_capture`). Clones share one slot; a call made
/// through a handle carrying it overwrites what an earlier call left, so give each concurrent
/// call a capture of its own.
///
/// ```
/// use restgen_runtime::{CallOptions, ResponseCapture};
///
/// let capture = ResponseCapture::new();
/// let options = CallOptions::new().with_response_capture(capture.clone());
/// // client.with_call_options(options).create_user().await?;
/// if let Some(response) = capture.last() {
///     println!("{} {:?}", response.status(), response.request_id());
/// }
/// ```
#[derive(Clone, Debug, Default)]
pub struct ResponseCapture {
    last: Arc<Mutex<Option<ResponseMetadata>>>,
}

impl ResponseCapture {
    /// An empty capture.
    pub fn new() -> Self {
        Self::default()
    }

    /// What the last response left: `None` before the first call ends with a response.
    pub fn last(&self) -> Option<ResponseMetadata> {
        self.last.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub(super) fn record(&self, response: &Response) {
        let metadata = ResponseMetadata {
            status: response.status(),
            headers: response.headers().clone(),
        };
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(metadata);
    }
}

/// A response's status and headers, without its body.
#[derive(Clone, Debug)]
pub struct ResponseMetadata {
    status: StatusCode,
    headers: HeaderMap,
}

impl ResponseMetadata {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header as text (`None` when absent or not text).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The service's id for the request (`x-ms-request-id`), to quote to its support.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-ms-request-id")
    }
}
