//! Responses read in full: status, headers, body, and the ways a body is decoded.

use std::fmt;

use bytes::Bytes;
use http::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::{RedactedHeaders, StatusCode, is_blank, json_or_null};
use crate::wire::format::{Format, Parsed};
use crate::{Error, ErrorModel, Result, ServiceError};

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
        if is_blank(&self.body) {
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
