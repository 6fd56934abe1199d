//! One error type for everything a client call can meet.

use std::any::Any;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde::de::DeserializeOwned;

/// What went wrong in a client call. `Display` reads well to a person; no variant ever carries a
/// credential, and URLs in messages never carry userinfo.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with a status the operation does not expect.
    #[error("{0}")]
    Service(Box<ServiceError>),
    /// A long-running operation ended as failed or canceled.
    #[error("long-running operation {status}{}", .error.as_ref().map(|e| format!(": {}", e.summary())).unwrap_or_default())]
    OperationFailed {
        /// The terminal status the service reported (`Failed`, `Canceled`).
        status: String,
        /// The service's error, when the status body carried one.
        error: Option<Box<ServiceError>>,
    },
    /// The request did not reach the service, or its response did not come back.
    #[error("transport error: {message}")]
    Transport {
        /// What the transport reported.
        message: String,
        /// The underlying error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// A try, a whole call or a long-running operation ran out of time.
    #[error("{what} timed out after {after:?}")]
    Timeout {
        /// `"request attempt"`, `"call"` or `"long-running operation"`.
        what: &'static str,
        /// The limit that was reached.
        after: Duration,
    },
    /// A response body did not match the type the operation declares.
    #[error("could not decode the response body (HTTP {status}) at `{path}`: {message}")]
    Decode {
        /// The HTTP status of the response.
        status: u16,
        /// The JSON path of the field that failed (`.` for the whole body).
        path: String,
        /// What serde reported.
        message: String,
    },
    /// A response body was larger than the client buffers (`ClientOptions::max_response_size`).
    #[error("the response body (HTTP {status}) is larger than the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The HTTP status of the response.
        status: u16,
        /// The limit in bytes.
        limit: usize,
    },
    /// The token credential could not give a token (a managed identity not reachable, a CLI
    /// not logged in, a secret refused): the request was not sent.
    #[error("authentication failed: {message}")]
    Authentication {
        /// What the credential said (credentials do not put secrets in their errors).
        message: String,
        /// The credential's own error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// A credential or connection string is malformed. The secret itself is never shown.
    #[error("invalid credential: {part} {reason}")]
    Credential {
        /// The part that is wrong (`endpoint`, `accesskey`, ...).
        part: &'static str,
        /// Why, without the secret.
        reason: String,
    },
    /// An endpoint or a link the client will not send to: plain `http` off loopback, another
    /// host than the endpoint's, or not a URL at all.
    #[error("untrusted endpoint: {0}")]
    UntrustedEndpoint(String),
    /// Paging stopped: the service returned a next link it had returned before.
    #[error("paging stopped: the service returned the next link `{link}` a second time")]
    RepeatedLink {
        /// The link, as the service sent it.
        link: String,
    },
    /// An argument's value cannot be sent (an empty, `.` or `..` path parameter).
    #[error("argument `{name}` {reason}")]
    InvalidArgument {
        /// The parameter's name on the wire.
        name: String,
        /// Why.
        reason: String,
    },
    /// The operation is not part of the api-version the client was built for (a client that
    /// holds several versions of one API).
    #[error("`{operation}` is not in api-version {api_version}; it is in {}", supported.join(", "))]
    NotInApiVersion {
        /// The method.
        operation: &'static str,
        /// The client's api-version.
        api_version: String,
        /// The versions that have it.
        supported: &'static [&'static str],
    },
    /// A header cannot be sent: its name or value is not valid HTTP, or the pipeline owns it.
    #[error("header `{name}` {reason}")]
    InvalidHeader {
        /// The header's name.
        name: String,
        /// Why.
        reason: String,
    },
    /// The request body could not be serialized.
    #[error("could not serialize the request body: {0}")]
    Serialize(String),
    /// A resume token is not one this library produced, or asks for something it may not.
    #[error("invalid resume token: {0}")]
    InvalidResumeToken(String),
    /// The service's answers do not follow the protocol the operation expects (a 202 with no link
    /// to poll, an operation that ends without a result).
    #[error("unexpected response: {0}")]
    Protocol(String),
}

/// The kind of an [`Error`], for matching without destructuring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// [`Error::Service`]
    Service,
    /// [`Error::OperationFailed`]
    OperationFailed,
    /// [`Error::Transport`]
    Transport,
    /// [`Error::Timeout`]
    Timeout,
    /// [`Error::Decode`]
    Decode,
    /// [`Error::ResponseTooLarge`]
    ResponseTooLarge,
    /// [`Error::Authentication`]
    Authentication,
    /// [`Error::Credential`]
    Credential,
    /// [`Error::UntrustedEndpoint`]
    UntrustedEndpoint,
    /// [`Error::RepeatedLink`]
    RepeatedLink,
    /// [`Error::InvalidArgument`]
    InvalidArgument,
    /// [`Error::NotInApiVersion`]
    NotInApiVersion,
    /// [`Error::InvalidHeader`]
    InvalidHeader,
    /// [`Error::Serialize`]
    Serialize,
    /// [`Error::InvalidResumeToken`]
    InvalidResumeToken,
    /// [`Error::Protocol`]
    Protocol,
}

impl Error {
    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::Service(_) => ErrorKind::Service,
            Self::OperationFailed { .. } => ErrorKind::OperationFailed,
            Self::Transport { .. } => ErrorKind::Transport,
            Self::Timeout { .. } => ErrorKind::Timeout,
            Self::Decode { .. } => ErrorKind::Decode,
            Self::ResponseTooLarge { .. } => ErrorKind::ResponseTooLarge,
            Self::Authentication { .. } => ErrorKind::Authentication,
            Self::Credential { .. } => ErrorKind::Credential,
            Self::UntrustedEndpoint(_) => ErrorKind::UntrustedEndpoint,
            Self::RepeatedLink { .. } => ErrorKind::RepeatedLink,
            Self::InvalidArgument { .. } => ErrorKind::InvalidArgument,
            Self::NotInApiVersion { .. } => ErrorKind::NotInApiVersion,
            Self::InvalidHeader { .. } => ErrorKind::InvalidHeader,
            Self::Serialize(_) => ErrorKind::Serialize,
            Self::InvalidResumeToken(_) => ErrorKind::InvalidResumeToken,
            Self::Protocol(_) => ErrorKind::Protocol,
        }
    }

    /// The service's error, for HTTP status errors and failed operations.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match self {
            Self::Service(e) => Some(e),
            Self::OperationFailed { error, .. } => error.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status, for errors about a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Service(e) => Some(e.status),
            Self::Decode { status, .. } | Self::ResponseTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The service's error code, when it sent one.
    pub fn code(&self) -> Option<&str> {
        self.service_error().and_then(|e| e.code.as_deref())
    }

    /// The service's error message, when it sent one.
    pub fn message(&self) -> Option<&str> {
        self.service_error().and_then(|e| e.message.as_deref())
    }

    /// The error body decoded as the type the spec declares for this status (its
    /// `x-ms-error-response` or `default` schema), when it is a `T`. Each operation's
    /// documentation names its error types.
    pub fn model<T: Any>(&self) -> Option<&T> {
        self.service_error().and_then(ServiceError::model)
    }

    /// A token credential's failure, as an authentication error (one already is stays so).
    pub(crate) fn authentication(e: Error) -> Self {
        match e {
            Self::Authentication { .. } => e,
            other => Self::Authentication {
                message: other.to_string(),
                source: Some(Box::new(other)),
            },
        }
    }

    pub(crate) fn credential(part: &'static str, reason: impl Into<String>) -> Self {
        Self::Credential {
            part,
            reason: reason.into(),
        }
    }

    pub(crate) fn header(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::InvalidHeader {
            name: name.into(),
            reason: reason.into(),
        }
    }
}

/// The most of a response body an error keeps.
const MAX_BODY: usize = 4096;

/// An HTTP status error, with what the service said about it.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct ServiceError {
    /// The HTTP status code.
    pub status: u16,
    /// The service's error code (`error.code`, or the `x-ms-error-code` header).
    pub code: Option<String>,
    /// The service's error message (`error.message`).
    pub message: Option<String>,
    /// The `target` of the error, if any.
    pub target: Option<String>,
    /// Nested `details`, each an error of its own.
    pub details: Vec<ErrorDetail>,
    /// The `innererror` object, as sent.
    pub inner_error: Option<serde_json::Value>,
    /// The request id (`x-ms-request-id`, else `x-ms-client-request-id`).
    pub request_id: Option<String>,
    /// The response body, truncated to 4 KiB.
    pub body: String,
    /// The body decoded as the operation's declared error type (see [`Error::model`]).
    model: Option<ErrorModel>,
}

/// An error body decoded as the type an operation declares for it, behind `dyn Any` so that one
/// [`Error`] type serves every operation. Read it with [`Error::model`].
#[derive(Clone)]
pub struct ErrorModel(Arc<dyn Any + Send + Sync>);

impl ErrorModel {
    /// Decodes `body` as a `T`; `None` when it is not one (the error keeps its raw body).
    #[doc(hidden)] // called by generated code, not by applications
    pub fn decode<T: DeserializeOwned + Send + Sync + 'static>(body: &[u8]) -> Option<Self> {
        let model: T = serde_json::from_slice(crate::http::json_or_null(body)).ok()?;
        Some(Self(Arc::new(model)))
    }

    /// Decodes an XML `body` as a `T`; `None` when it is not one.
    #[doc(hidden)]
    pub fn decode_xml<T: crate::xml::XmlModel + Send + Sync + 'static>(
        body: &[u8],
    ) -> Option<Self> {
        let root = crate::xml::parse(body).ok()?;
        let model = T::read_xml(&root).ok()?;
        Some(Self(Arc::new(model)))
    }
}

impl fmt::Debug for ErrorModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ErrorModel(..)")
    }
}

impl PartialEq for ErrorModel {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// One entry of an error's `details`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// The detail's code.
    pub code: Option<String>,
    /// The detail's message.
    pub message: Option<String>,
    /// The detail's target.
    pub target: Option<String>,
    /// Details of the detail.
    #[serde(default)]
    pub details: Vec<ErrorDetail>,
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ErrorBody,
}

#[derive(Deserialize)]
struct ErrorBody {
    code: Option<String>,
    message: Option<String>,
    target: Option<String>,
    #[serde(default)]
    details: Option<Vec<ErrorDetail>>,
    #[serde(default, alias = "innerError")]
    innererror: Option<serde_json::Value>,
}

impl ServiceError {
    /// Builds the error for a response: parses `{"error":{...}}` (or a bare `{code,message}`)
    /// when the body has it, and keeps the body, truncated.
    pub fn from_parts(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Self {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let parsed = serde_json::from_slice::<ErrorEnvelope>(body)
            .map(|e| e.error)
            .or_else(|_| serde_json::from_slice::<ErrorBody>(body))
            .ok();
        let mut text = String::from_utf8_lossy(body).into_owned();
        if text.len() > MAX_BODY {
            let mut cut = MAX_BODY;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            text.push('…');
        }
        let (code, message, target, details, inner_error) = match parsed {
            Some(b) => (
                b.code,
                b.message,
                b.target,
                b.details.unwrap_or_default(),
                b.innererror,
            ),
            None => {
                let (code, message) = xml_code_and_message(body);
                (code, message, None, Vec::new(), None)
            }
        };
        Self {
            status,
            code: code.or_else(|| header("x-ms-error-code")),
            message,
            target,
            details,
            inner_error,
            request_id: header("x-ms-request-id").or_else(|| header("x-ms-client-request-id")),
            body: text,
            model: None,
        }
    }

    pub(crate) fn set_model(&mut self, model: Option<ErrorModel>) {
        self.model = model;
    }

    /// The error body decoded as its declared type, when it is a `T`.
    pub fn model<T: Any>(&self) -> Option<&T> {
        self.model.as_ref()?.0.downcast_ref()
    }

    /// Builds the error of a failed long-running operation from its status body.
    pub(crate) fn from_operation_body(status: u16, body: &[u8]) -> Option<Self> {
        let value: serde_json::Value = serde_json::from_slice(body).ok()?;
        let error = value
            .get("error")
            .or_else(|| value.pointer("/properties/error"))?;
        let envelope = serde_json::json!({ "error": error });
        let bytes = serde_json::to_vec(&envelope).ok()?;
        Some(Self::from_parts(status, &http::HeaderMap::new(), &bytes))
    }

    fn summary(&self) -> String {
        match (&self.code, &self.message) {
            (Some(c), Some(m)) => format!("{c}: {m}"),
            (Some(c), None) => c.clone(),
            (None, Some(m)) => m.clone(),
            (None, None) => String::new(),
        }
    }
}

impl fmt::Debug for ServiceError {
    /// What `Display` shows, and the shape of the rest: the raw body and the inner error are
    /// whatever the service put there (keys and tokens have been seen), so a logged `{:?}`
    /// shows their size only. The fields hold them for a caller who asks.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("target", &self.target)
            .field("details", &self.details)
            .field("request_id", &self.request_id)
            .field(
                "inner_error",
                &self.inner_error.as_ref().map(|_| "<not shown>"),
            )
            .field(
                "body",
                &format_args!("<{} bytes, not shown>", self.body.len()),
            )
            .field("model", &self.model)
            .finish()
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = http::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        write!(f, "HTTP {} {reason}", self.status)?;
        let summary = self.summary();
        if !summary.is_empty() {
            write!(f, ": {summary}")?;
        } else if !self.body.is_empty() {
            write!(f, ": {}", self.body)?;
        }
        for d in &self.details {
            write!(
                f,
                "; {}: {}",
                d.code.as_deref().unwrap_or("detail"),
                d.message.as_deref().unwrap_or("")
            )?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// The code and message of an XML error body, as Azure Storage sends them:
/// `<Error><Code>ContainerNotFound</Code><Message>...</Message></Error>`.
fn xml_code_and_message(body: &[u8]) -> (Option<String>, Option<String>) {
    let starts_as_xml = body
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'<');
    let Some(root) = starts_as_xml
        .then(|| crate::xml::parse(body).ok())
        .flatten()
    else {
        return (None, None);
    };
    let text = |names: [&str; 2]| {
        names
            .iter()
            .find_map(|n| root.child(n))
            .map(|e| e.text().trim().to_owned())
            .filter(|t| !t.is_empty())
    };
    (text(["Code", "code"]), text(["Message", "message"]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xml_error_body_gives_its_code_and_message() {
        let body =
            b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Error><Code>ContainerNotFound</Code>\
            <Message>The specified container does not exist.</Message></Error>";
        let e = ServiceError::from_parts(404, &http::HeaderMap::new(), body);
        assert_eq!(e.code.as_deref(), Some("ContainerNotFound"));
        assert_eq!(
            e.message.as_deref(),
            Some("The specified container does not exist.")
        );
        // Neither JSON nor XML: the raw body only.
        let e = ServiceError::from_parts(500, &http::HeaderMap::new(), b"<<not xml");
        assert_eq!((e.code, e.message), (None, None));
        assert_eq!(e.body, "<<not xml");
    }
}
