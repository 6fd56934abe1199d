//! The default transport: reqwest over rustls (the `ring` provider, the platform's trust
//! store), streaming bodies both ways, reading buffered ones within the limits.

use std::time::Duration;

use bytes::Bytes;

use crate::http::{Method, Request, Response, ResponseLimits, Transport, TransportError};
use crate::{BoxFuture, Error, Result};

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
            .tls_backend_preconfigured(tls_config()?)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(connect_timeout)
            .build()
            .map_err(|e| Error::Transport {
                message: format!("could not build the HTTP client: {}", chain(&e)),
                source: Some(Box::new(e)),
            })?;
        Ok(Self { client })
    }
}

/// TLS 1.2 and 1.3 through rustls with the `ring` provider, certificates checked by the
/// platform's verifier (the system's trust store), HTTP/1.1 negotiated.
fn tls_config() -> Result<rustls::ClientConfig> {
    use rustls_platform_verifier::BuilderVerifierExt as _;
    let failed = |e: rustls::Error| Error::Transport {
        message: format!("could not set up TLS: {e}"),
        source: Some(Box::new(e)),
    };
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(failed)?
        .with_platform_verifier()
        .map_err(failed)?
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

impl ReqwestTransport {
    /// Sends the request and waits for the status and headers; the body is left unread.
    async fn start(&self, request: Request) -> Result<reqwest::Response, TransportError> {
        let (method, url, headers, body, upload) = request.into_wire();
        let method_kind = if matches!(method, Method::POST | Method::PUT | Method::PATCH) {
            MethodKind::WithBody
        } else {
            MethodKind::Other
        };
        // The request is built whole, its header map moved in (a builder would merge it in
        // entry by entry).
        let mut wire = reqwest::Request::new(method, url);
        *wire.headers_mut() = headers;
        // POST, PUT and PATCH always carry a length, even of zero, as front doors require.
        if let Some(upload) = upload {
            wire.headers_mut()
                .insert(http::header::CONTENT_LENGTH, upload.len().into());
            *wire.body_mut() = Some(reqwest::Body::wrap_stream(upload.open()));
        } else if body.is_empty() {
            if matches!(method_kind, MethodKind::WithBody) {
                wire.headers_mut().insert(
                    http::header::CONTENT_LENGTH,
                    http::HeaderValue::from_static("0"),
                );
            }
        } else {
            *wire.body_mut() = Some(body.into());
        }
        self.client.execute(wire).await.map_err(reqwest_error)
    }
}

impl Transport for ReqwestTransport {
    fn streams_uploads(&self) -> bool {
        true
    }

    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        Box::pin(async move {
            let limits = request.response_limits();
            let mut response = self.start(request).await?;
            let status = response.status();
            let headers = std::mem::take(response.headers_mut());
            let body = read_body(&mut response, status.as_u16(), limits).await?;
            Ok(Response::new(status, headers, body))
        })
    }

    fn send_streamed(
        &self,
        request: Request,
    ) -> BoxFuture<'_, Result<crate::StreamedResponse, TransportError>> {
        Box::pin(async move {
            let mut response = self.start(request).await?;
            let status = response.status();
            let headers = std::mem::take(response.headers_mut());
            // Each chunk as it comes; a failure mid-way ends the stream with the error.
            let body = futures_util::stream::try_unfold(response, |mut response| async move {
                match response.chunk().await {
                    Ok(Some(chunk)) => Ok(Some((chunk, response))),
                    Ok(None) => Ok(None),
                    Err(e) => Err(reqwest_error(e).into_error()),
                }
            });
            Ok(crate::StreamedResponse::new(
                status,
                headers,
                Box::pin(body),
            ))
        })
    }
}

/// Reads a response body, chunk by chunk, up to the limit: past it, a success body is an error
/// and an error body is cut (the rest is never read; the connection is dropped).
async fn read_body(
    response: &mut reqwest::Response,
    status: u16,
    limits: ResponseLimits,
) -> Result<Bytes, TransportError> {
    let is_error = status >= 400;
    let limit = if is_error {
        limits.max_error_size
    } else {
        limits.max_size
    };
    let declared = response.content_length();
    if !is_error && declared.is_some_and(|n| n > limit as u64) {
        return Err(TransportError::too_large(status, limit));
    }
    let first = response.chunk().await.map_err(reqwest_error)?;
    let Some(first) = first else {
        return Ok(Bytes::new());
    };
    // The common case, a body in one chunk within the limit, is passed on without a copy.
    if first.len() <= limit && declared == Some(first.len() as u64) {
        return Ok(first);
    }
    let capacity = declared.map_or(first.len(), |n| n.min(limit as u64) as usize);
    let mut buffer = bytes::BytesMut::with_capacity(capacity.max(first.len().min(limit)));
    let mut next = Some(first);
    while let Some(chunk) = next {
        if buffer.len() + chunk.len() > limit {
            if is_error {
                buffer.extend_from_slice(&chunk[..limit - buffer.len()]);
                return Ok(buffer.freeze());
            }
            return Err(TransportError::too_large(status, limit));
        }
        buffer.extend_from_slice(&chunk);
        next = response.chunk().await.map_err(reqwest_error)?;
    }
    Ok(buffer.freeze())
}

enum MethodKind {
    WithBody,
    Other,
}

fn reqwest_error(e: reqwest::Error) -> TransportError {
    // The message leaves the URL out: an endpoint may carry `user:password@`.
    let e = e.without_url();
    let message = chain(&e);
    if e.is_connect() {
        TransportError::not_sent(message, Some(Box::new(e)))
    } else {
        TransportError::maybe_sent(message, Some(Box::new(e)))
    }
}

/// An error's message followed by its causes' (`error sending request: connection reset`).
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let part = c.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        cause = c.source();
    }
    text
}
