//! Bodies read as they arrive: a download of any size passes through in flat memory, chunk by
//! chunk, instead of being buffered whole (and held to `ResponseLimits::max_size`); an upload
//! of any size is read as it is sent, after a first pass that measures and hashes it (the HMAC
//! scheme signs the body's SHA-256 before the body goes out).

use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;

use base64::Engine as _;
use bytes::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt as _};
use http::{HeaderMap, StatusCode};
use sha2::{Digest as _, Sha256};

use crate::{Error, ErrorModel, Response, Result};

/// A body arriving chunk by chunk; a failure mid-way (a reset, a timeout) ends it with an
/// error.
pub type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes>> + Send>>;

/// A response whose body has not been read: see `Pipeline::send_streamed`.
pub struct StreamedResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: ByteStream,
}

impl std::fmt::Debug for StreamedResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamedResponse")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl StreamedResponse {
    /// A response from its parts.
    pub fn new(status: StatusCode, headers: HeaderMap, body: ByteStream) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }

    /// A response already read whole (what a transport without streaming gives).
    pub fn from_buffered(response: Response) -> Self {
        let (status, headers, body) = response.into_parts();
        let chunk = futures_util::stream::once(std::future::ready(Ok(body)));
        Self::new(status, headers, Box::pin(chunk))
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body, as it arrives.
    pub fn into_body(self) -> ByteStream {
        self.body
    }

    /// Passes the response on when its status is one of `expected`; otherwise reads the body
    /// (within `limit` bytes: an error's code and message, not a download) and fails as
    /// `Response::expect_status_or_model` does.
    pub async fn expect_status_or_model(
        self,
        expected: &[u16],
        limit: usize,
        model: fn(u16, &[u8]) -> Option<ErrorModel>,
    ) -> Result<Self> {
        if expected.contains(&self.status.as_u16()) {
            return Ok(self);
        }
        let (status, headers) = (self.status, self.headers);
        let mut body = self.body;
        let mut read = BytesMut::new();
        while read.len() < limit {
            match body.next().await {
                Some(Ok(chunk)) => {
                    let room = limit - read.len();
                    read.extend_from_slice(&chunk[..chunk.len().min(room)]);
                }
                // What came before a failure still says what went wrong.
                Some(Err(_)) | None => break,
            }
        }
        Err(Response::new(status, headers, read.freeze()).into_error_with_model(model))
    }
}

/// A request body of any size, read as it is sent: from a file, or from a stream the caller can
/// open again (each try of a retried call reads it afresh). Made by reading it once, measuring
/// and hashing it, so every try is signed before its body goes out.
#[derive(Clone)]
pub struct Upload {
    length: u64,
    content_sha256: String,
    open: Arc<dyn Fn() -> ByteStream + Send + Sync>,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("length", &self.length)
            .finish_non_exhaustive()
    }
}

impl Upload {
    /// An upload of what `open` streams, which must be the same bytes each time it is called.
    /// They are read once here, to measure and hash them.
    pub async fn new(open: impl Fn() -> ByteStream + Send + Sync + 'static) -> Result<Self> {
        let mut hasher = Sha256::new();
        let mut length = 0u64;
        let mut stream = open();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            hasher.update(&chunk);
            length += chunk.len() as u64;
        }
        Ok(Self {
            length,
            content_sha256: base64::engine::general_purpose::STANDARD.encode(hasher.finalize()),
            open: Arc::new(open),
        })
    }

    /// An upload of a file, read in 64 KiB chunks (once here, then on each try). The file must
    /// not change until the call ends: a try that reads other bytes fails.
    pub async fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        Self::new(move || read_file(path.clone())).await
    }

    /// The number of bytes.
    pub fn len(&self) -> u64 {
        self.length
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// The Base64 SHA-256 of the bytes (`x-ms-content-sha256`).
    pub fn content_sha256(&self) -> &str {
        &self.content_sha256
    }

    /// The bytes, from the start, checked against the length measured at first: a source that
    /// gives more or fewer ends the stream with an error rather than send what was not signed.
    pub fn open(&self) -> ByteStream {
        let expected = self.length;
        Box::pin(futures_util::stream::try_unfold(
            ((self.open)(), 0u64),
            move |(mut inner, seen)| async move {
                match inner.next().await {
                    Some(chunk) => {
                        let chunk = chunk?;
                        let seen = seen + chunk.len() as u64;
                        if seen > expected {
                            return Err(changed(expected));
                        }
                        Ok(Some((chunk, (inner, seen))))
                    }
                    None if seen == expected => Ok(None),
                    None => Err(changed(expected)),
                }
            },
        ))
    }

    /// Reads it whole (for a transport that cannot stream a body).
    pub(crate) async fn read_all(&self) -> Result<Bytes> {
        let mut bytes = BytesMut::with_capacity(self.length.min(64 << 20) as usize);
        let mut stream = self.open();
        while let Some(chunk) = stream.next().await {
            bytes.extend_from_slice(&chunk?);
        }
        Ok(bytes.freeze())
    }
}

/// The error of an upload source that no longer gives what was measured.
fn changed(expected: u64) -> Error {
    Error::InvalidArgument {
        name: "upload".into(),
        reason: format!("no longer gives the {expected} bytes it gave when measured and signed"),
    }
}

/// A file's bytes in 64 KiB chunks.
fn read_file(path: std::path::PathBuf) -> ByteStream {
    use tokio::io::AsyncReadExt as _;
    let io = move |e: std::io::Error| Error::InvalidArgument {
        name: "upload".into(),
        reason: format!("cannot be read: {e}"),
    };
    Box::pin(futures_util::stream::try_unfold(
        (None::<tokio::fs::File>, path),
        move |(file, path)| async move {
            let mut file = match file {
                Some(file) => file,
                None => tokio::fs::File::open(&path).await.map_err(io)?,
            };
            let mut buffer = vec![0u8; 64 << 10];
            let n = file.read(&mut buffer).await.map_err(io)?;
            if n == 0 {
                return Ok(None);
            }
            buffer.truncate(n);
            Ok(Some((Bytes::from(buffer), (Some(file), path))))
        },
    ))
}

/// A request body: bytes in memory, or an [`Upload`] read as it is sent.
#[derive(Clone, Debug)]
pub enum Payload {
    /// Bytes in memory.
    Bytes(Bytes),
    /// Bytes read as they are sent.
    Upload(Upload),
}

impl From<Upload> for Payload {
    fn from(upload: Upload) -> Self {
        Self::Upload(upload)
    }
}

impl From<Bytes> for Payload {
    fn from(bytes: Bytes) -> Self {
        Self::Bytes(bytes)
    }
}

impl From<Vec<u8>> for Payload {
    fn from(bytes: Vec<u8>) -> Self {
        Self::Bytes(bytes.into())
    }
}

impl From<&'static [u8]> for Payload {
    fn from(bytes: &'static [u8]) -> Self {
        Self::Bytes(Bytes::from_static(bytes))
    }
}

impl From<String> for Payload {
    fn from(text: String) -> Self {
        Self::Bytes(text.into())
    }
}

impl From<&'static str> for Payload {
    fn from(text: &'static str) -> Self {
        Self::Bytes(Bytes::from_static(text.as_bytes()))
    }
}
