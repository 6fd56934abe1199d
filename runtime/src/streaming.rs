//! Bodies read as they arrive: a download of any size passes through in flat memory, chunk by
//! chunk, instead of being buffered whole (and held to `ResponseLimits::max_size`).

use std::pin::Pin;

use bytes::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt as _};
use http::{HeaderMap, StatusCode};

use crate::{ErrorModel, Response, Result};

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
