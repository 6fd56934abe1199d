//! Form bodies built field by field, as operations with `in: formData` parameters send them:
//! `application/x-www-form-urlencoded` (`name=value` pairs) or `multipart/form-data` (one part
//! per field; files with their names and content types).

use std::fmt;

use bytes::{BufMut, Bytes, BytesMut};
use http::HeaderValue;

use crate::http::{UNRESERVED, encode_query};
use crate::{Error, Result};

/// A file sent as a part of a multipart form: its bytes, and optionally the file name and
/// content type the part declares (`application/octet-stream` when none is given).
///
/// ```
/// use restgen_runtime::FilePart;
///
/// let part = FilePart::new(&b"hello"[..])
///     .with_file_name("hello.txt")
///     .with_content_type("text/plain");
/// assert_eq!(part.len(), 5);
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct FilePart {
    data: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A part holding `data`, without a file name.
    pub fn new(data: impl Into<Bytes>) -> Self {
        Self {
            data: data.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Declares the part's file name (`filename="..."`).
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Declares the part's content type (`image/png`).
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The bytes.
    pub fn data(&self) -> &Bytes {
        &self.data
    }

    /// The file name, if one was given.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The declared content type, if one was given.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether it holds no bytes.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The bytes may be large (or private): their length says enough.
        f.debug_struct("FilePart")
            .field("len", &self.data.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl From<Bytes> for FilePart {
    fn from(data: Bytes) -> Self {
        Self::new(data)
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(data: Vec<u8>) -> Self {
        Self::new(data)
    }
}

impl From<&'static [u8]> for FilePart {
    fn from(data: &'static [u8]) -> Self {
        Self::new(data)
    }
}

impl From<String> for FilePart {
    fn from(text: String) -> Self {
        Self::new(text)
    }
}

impl From<&'static str> for FilePart {
    fn from(text: &'static str) -> Self {
        Self::new(text)
    }
}

/// How a [`Form`] is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    UrlEncoded,
    Multipart,
}

/// One field of a form.
#[derive(Clone, Debug)]
enum Field {
    Text(String),
    File(FilePart),
}

/// A form body, built field by field in the order the operation declares them.
#[derive(Clone, Debug)]
pub struct Form {
    encoding: Encoding,
    fields: Vec<(&'static str, Field)>,
}

impl Form {
    /// An `application/x-www-form-urlencoded` form.
    pub fn url_encoded() -> Self {
        Self {
            encoding: Encoding::UrlEncoded,
            fields: Vec::new(),
        }
    }

    /// A `multipart/form-data` form.
    pub fn multipart() -> Self {
        Self {
            encoding: Encoding::Multipart,
            fields: Vec::new(),
        }
    }

    /// Adds a text field.
    pub fn text(&mut self, name: &'static str, value: &str) {
        self.fields.push((name, Field::Text(value.to_owned())));
    }

    /// Adds a file. In a URL-encoded form, its bytes are the field's value, percent-encoded.
    pub fn file(&mut self, name: &'static str, part: FilePart) {
        self.fields.push((name, Field::File(part)));
    }

    /// The body and its `Content-Type`. A multipart form's boundary is random and checked not
    /// to occur in any field; a part's content type or file name with a line break is an error.
    pub(crate) fn encode(self) -> Result<(Bytes, HeaderValue)> {
        match self.encoding {
            Encoding::UrlEncoded => Ok((
                self.url_encoded_body(),
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            )),
            Encoding::Multipart => self.multipart_body(),
        }
    }

    fn url_encoded_body(&self) -> Bytes {
        let mut text = String::new();
        for (name, field) in &self.fields {
            if !text.is_empty() {
                text.push('&');
            }
            text.push_str(&encode_query(name));
            text.push('=');
            match field {
                Field::Text(value) => text.push_str(&encode_query(value)),
                Field::File(part) => text.push_str(
                    &percent_encoding::percent_encode(part.data(), UNRESERVED).to_string(),
                ),
            }
        }
        Bytes::from(text)
    }

    fn multipart_body(&self) -> Result<(Bytes, HeaderValue)> {
        for (name, field) in &self.fields {
            if let Field::File(part) = field
                && let Some(ct) = part.content_type()
                && HeaderValue::from_str(ct).is_err()
            {
                return Err(Error::InvalidArgument {
                    name: (*name).to_owned(),
                    reason: "has a content type that is not a valid header value".into(),
                });
            }
        }
        let boundary = self.boundary();
        let mut body = BytesMut::new();
        for (name, field) in &self.fields {
            body.put_slice(b"--");
            body.put_slice(boundary.as_bytes());
            body.put_slice(b"\r\nContent-Disposition: form-data; name=\"");
            body.put_slice(quoted(name).as_bytes());
            body.put_slice(b"\"");
            match field {
                Field::Text(value) => {
                    body.put_slice(b"\r\n\r\n");
                    body.put_slice(value.as_bytes());
                }
                Field::File(part) => {
                    if let Some(file_name) = part.file_name() {
                        body.put_slice(b"; filename=\"");
                        body.put_slice(quoted(file_name).as_bytes());
                        body.put_slice(b"\"");
                    }
                    body.put_slice(b"\r\nContent-Type: ");
                    let ct = part.content_type().unwrap_or("application/octet-stream");
                    body.put_slice(ct.as_bytes());
                    body.put_slice(b"\r\n\r\n");
                    body.put_slice(part.data());
                }
            }
            body.put_slice(b"\r\n");
        }
        body.put_slice(b"--");
        body.put_slice(boundary.as_bytes());
        body.put_slice(b"--\r\n");
        let content_type =
            HeaderValue::try_from(format!("multipart/form-data; boundary={boundary}"))
                .expect("a boundary of letters and digits is a valid header value");
        Ok((body.freeze(), content_type))
    }

    /// A boundary that occurs in no field's bytes (random; drawn again in the unlikely case).
    fn boundary(&self) -> String {
        loop {
            let boundary = format!("restgen-{:032x}", fastrand::u128(..));
            let found = self.fields.iter().any(|(_, field)| {
                let data: &[u8] = match field {
                    Field::Text(value) => value.as_bytes(),
                    Field::File(part) => part.data(),
                };
                data.windows(boundary.len())
                    .any(|w| w == boundary.as_bytes())
            });
            if !found {
                return boundary;
            }
        }
    }
}

/// A name inside a `Content-Disposition` quoted string: `"`, CR and LF percent-encoded, as
/// browsers write them, so no name can end the header or start another.
fn quoted(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encoded_fields_in_order() {
        let mut form = Form::url_encoded();
        form.text("pet_type", "dog");
        form.text("name", "Fido & co");
        form.file("raw", FilePart::new(&b"a b"[..]));
        let (body, ct) = form.encode().unwrap();
        assert_eq!(ct, "application/x-www-form-urlencoded");
        assert_eq!(&body[..], b"pet_type=dog&name=Fido%20%26%20co&raw=a%20b");
    }

    #[test]
    fn multipart_parts_with_names_and_types() {
        let mut form = Form::multipart();
        form.text("fileName", "a.txt");
        form.file(
            "fileContent",
            FilePart::new(&b"hello"[..])
                .with_file_name("a\"b.txt")
                .with_content_type("text/plain"),
        );
        form.file("other", FilePart::new(&b"\x00\x01"[..]));
        let (body, ct) = form.encode().unwrap();
        let ct = ct.to_str().unwrap();
        let boundary = ct.strip_prefix("multipart/form-data; boundary=").unwrap();
        let expected = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\na.txt\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"fileContent\"; filename=\"a%22b.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"other\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\x01\r\n\
             --{boundary}--\r\n"
        );
        assert_eq!(String::from_utf8_lossy(&body), expected);
    }

    #[test]
    fn a_content_type_with_a_line_break_is_refused() {
        let mut form = Form::multipart();
        form.file(
            "f",
            FilePart::new(Bytes::new()).with_content_type("text/plain\r\nX-Evil: 1"),
        );
        let err = form.encode().unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidArgument);
        assert!(!err.to_string().contains("Evil"), "{err}");
    }

    #[test]
    fn the_file_part_debug_shows_no_bytes() {
        let part = FilePart::new(&b"secret"[..]).with_file_name("k.pem");
        let text = format!("{part:?}");
        assert!(!text.contains("secret") && text.contains("k.pem"), "{text}");
    }
}
