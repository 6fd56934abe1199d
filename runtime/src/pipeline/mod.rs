//! The pipeline every generated client sends through: standard headers, credentials, retries,
//! timeouts and tracing, over a replaceable transport.

use std::sync::Arc;

use http::HeaderValue;
use time::OffsetDateTime;
use tracing::Instrument as _;
use url::Url;

use crate::ReqwestTransport;
use crate::credentials::parse_endpoint;
use crate::http::{Redirects, ResponseLimits, redacted_url};
use crate::redirect;
use crate::{
    ConnectionString, Credential, Error, Method, Request, Response, Result, StreamedResponse,
    Transport,
};

mod call;
mod options;
mod policy;
mod tries;

use call::{
    CLIENT_REQUEST_ID, RETURN_CLIENT_REQUEST_ID, RequestIdChoice, X_MS_CONTENT_SHA256, X_MS_DATE,
    owned,
};
pub use call::{
    CallOptions, OWNED_HEADERS, ResponseCapture, ResponseMetadata, is_owned_header, new_request_id,
};
pub use options::{ClientOptions, PollingOptions, RetryOptions};
use policy::Policies;
pub use policy::{Policy, PolicyContext};
use tries::Answer as _;

/// Sends requests to one endpoint. Cheap to clone: clones share the connection pool.
///
/// (See [`Pipeline::call_request_id`] for the id a spec's own request-id header takes.)
#[derive(Clone)]
pub struct Pipeline {
    inner: Arc<Inner>,
    call: Option<Arc<CallOptions>>,
}

struct Inner {
    endpoint: Url,
    /// `host[:port]`, as signed and compared against other URLs.
    authority: String,
    credential: Credential,
    options: ClientOptions,
    transport: Arc<dyn Transport>,
    user_agent: HeaderValue,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The endpoint is shown without userinfo; the credential's own `Debug` hides its secret.
        f.debug_struct("Pipeline")
            .field("endpoint", &redacted_url(&self.inner.endpoint))
            .field("credential", &self.inner.credential)
            .field("options", &self.inner.options)
            .field("call", &self.call)
            .finish_non_exhaustive()
    }
}

impl Pipeline {
    /// A pipeline for `endpoint`. `sdk` names the generated crate and its version for the
    /// `User-Agent` header. Refuses `http://` endpoints on hosts other than loopback unless the
    /// options allow it.
    pub fn new(
        sdk: (&str, &str),
        endpoint: &str,
        credential: impl Into<Credential>,
        options: ClientOptions,
    ) -> Result<Self> {
        let mut endpoint = parse_endpoint(endpoint)?;
        if endpoint.scheme() == "http" && !options.allow_insecure_http && !is_loopback(&endpoint) {
            return Err(Error::UntrustedEndpoint(format!(
                "refusing plain http to `{}`: credentials and tokens would cross the network \
                 unencrypted; use https, or opt in with ClientOptions::with_insecure_http",
                endpoint.host_str().unwrap_or_default()
            )));
        }
        let path = endpoint.path().trim_end_matches('/').to_owned();
        endpoint.set_path(&path);
        let transport = match &options.transport {
            Some(t) => t.clone(),
            None => Arc::new(ReqwestTransport::new(options.connect_timeout)?),
        };
        let user_agent = user_agent(sdk, options.application_id.as_deref())?;
        Ok(Self {
            call: None,
            inner: Arc::new(Inner {
                authority: authority(&endpoint),
                endpoint,
                credential: credential.into(),
                options,
                transport,
                user_agent,
            }),
        })
    }

    /// A pipeline from a connection string, signing with its access key.
    pub fn from_connection_string(
        sdk: (&str, &str),
        connection_string: &str,
        options: ClientOptions,
    ) -> Result<Self> {
        let cs = ConnectionString::parse(connection_string)?;
        Self::new(sdk, cs.endpoint(), cs.credential(), options)
    }

    /// The same pipeline (sharing its connections), sending with `call` options.
    pub fn with_call_options(&self, call: CallOptions) -> Self {
        Self {
            inner: self.inner.clone(),
            call: Some(Arc::new(call)),
        }
    }

    /// The endpoint, without a trailing `/`.
    pub fn endpoint(&self) -> &Url {
        &self.inner.endpoint
    }

    /// The options.
    pub fn options(&self) -> &ClientOptions {
        &self.inner.options
    }

    /// The api-version to send: the caller's override, else `generated`.
    pub fn api_version<'a>(&'a self, generated: &'a str) -> &'a str {
        self.inner
            .options
            .api_version
            .as_deref()
            .unwrap_or(generated)
    }

    /// The request id for a call whose spec has a request-id header of its own: the one the
    /// caller chose with `CallOptions::with_client_request_id`, else a fresh one. Set it on the
    /// request with `Request::set_request_id` so that `x-ms-client-request-id` carries the same.
    pub fn call_request_id(&self) -> String {
        match self.call.as_deref().map(|c| &c.client_request_id) {
            Some(RequestIdChoice::Fixed(id)) => id.clone(),
            _ => new_request_id(),
        }
    }

    /// Checks that `operation`, part of the api-versions `supported` only, is in the version
    /// this client sends (`generated` unless the options chose one). A version this client
    /// does not know passes: the caller may be ahead of the spec.
    #[doc(hidden)] // called by generated code, not by applications
    pub fn require_api_version(
        &self,
        generated: &str,
        known: &[&str],
        supported: &'static [&'static str],
        operation: &'static str,
    ) -> Result<()> {
        let version = self.api_version(generated);
        if supported.contains(&version) || !known.contains(&version) {
            return Ok(());
        }
        Err(Error::NotInApiVersion {
            operation,
            api_version: version.to_owned(),
            supported,
        })
    }

    /// A request for `path` (already percent-encoded, its parameters checked with
    /// [`crate::path_param`]) under the endpoint. A `?` in the path (from a parameter sent
    /// without encoding) starts the query.
    pub fn request(&self, method: Method, path: &str) -> Request {
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path, None),
        };
        let mut url = self.inner.endpoint.clone();
        // (The endpoint's path has no trailing `/`; a bare host's is `/`, and adds nothing.)
        let base = url.path().trim_end_matches('/');
        if base.is_empty() && path.starts_with('/') {
            // The common case, an endpoint that is a host: the path is the whole path.
            url.set_path(path);
        } else if !path.is_empty() {
            let mut joined = String::with_capacity(base.len() + 1 + path.len());
            joined.push_str(base);
            if !path.starts_with('/') {
                joined.push('/');
            }
            joined.push_str(path);
            url.set_path(&joined);
        }
        // (The endpoint has no query of its own: `parse_endpoint` refuses one.)
        if query.is_some() {
            url.set_query(query);
        }
        Request::new(method, url)
    }

    /// Resolves a link from a response (a next link, `Location`, `Operation-Location`) as RFC
    /// 3986 says: an absolute URL as it is; a path starting with `/` from the host's root (never
    /// under the endpoint's own path a second time); any other relative link under the
    /// endpoint, as a folder. A link to another host is an error, never a signed request.
    pub fn resolve_link(&self, link: &str) -> Result<Url> {
        let url = if link.starts_with("http://") || link.starts_with("https://") {
            Url::parse(link)
        } else if link.starts_with('/') {
            // (A `//host/...` reference names a host of its own: checked below like any other.)
            self.inner.endpoint.join(link)
        } else {
            let mut base = self.inner.endpoint.clone();
            if !base.path().ends_with('/') {
                let p = format!("{}/", base.path());
                base.set_path(&p);
            }
            base.join(link)
        }
        .map_err(|e| {
            Error::UntrustedEndpoint(format!(
                "the service returned a link that is not a URL: {e}"
            ))
        })?;
        self.check_same_host(&url)?;
        Ok(url)
    }

    fn check_same_host(&self, url: &Url) -> Result<()> {
        let endpoint = &self.inner.endpoint;
        let same = url.scheme() == endpoint.scheme()
            && url.host_str() == endpoint.host_str()
            && url.port_or_known_default() == endpoint.port_or_known_default();
        if !same {
            return Err(Error::UntrustedEndpoint(format!(
                "refusing to send credentials to `{}://{}`: the client's endpoint is `{}://{}`",
                url.scheme(),
                authority(url),
                endpoint.scheme(),
                self.inner.authority
            )));
        }
        Ok(())
    }

    /// Sends a request: adds `User-Agent` and `x-ms-client-request-id` (one id for all tries,
    /// with `x-ms-return-client-request-id: true` asking the service to echo it),
    /// authenticates every try afresh, retries transient failures and honours `Retry-After`
    /// (up to `RetryOptions::max_retry_after`). Returns the last response whatever its status;
    /// see [`Response::expect_status`].
    pub async fn send(&self, mut request: Request) -> Result<Response> {
        self.prepare(&mut request)?;
        self.fit_upload(&mut request).await?;
        let operation = request.operation();
        let span = call_span(&request);
        let answer = self
            .within_call_timeout(self.send_following_redirects(request).instrument(span))
            .await;
        if let Ok(response) = &answer {
            self.after_call(response, operation);
        }
        answer
    }

    /// Sends a request as [`Pipeline::send`] does, but leaves a success's body unread: a
    /// download of any size streams through in flat memory, untouched by
    /// `ResponseLimits::max_size` (an error's body is read, within `max_error_size`, by
    /// [`StreamedResponse::expect_status_or_model`]). Redirects are returned, not followed.
    pub async fn send_streamed(&self, mut request: Request) -> Result<StreamedResponse> {
        self.prepare(&mut request)?;
        self.fit_upload(&mut request).await?;
        let operation = request.operation();
        let span = call_span(&request);
        let call =
            async { self.send_with_retries::<StreamedResponse>(&request).await }.instrument(span);
        let answer = self.within_call_timeout(call).await;
        if let Ok(response) = &answer {
            response.with_head(|head| self.after_call(head, operation));
        }
        answer
    }

    /// What every call's request gets before its first try: the caller's options and per-call
    /// policies, the checks of what it may carry, the request id, the limits.
    fn prepare(&self, request: &mut Request) -> Result<()> {
        request.settle_query();
        self.check_same_host(request.url())?;
        if let Some(call) = &self.call {
            call.apply(request)?;
        }
        let policies = &self.inner.options.policies;
        Policies::on_request(&policies.per_call, request, 0)?;
        // What the pipeline signs or sizes comes from nobody else.
        refuse_owned_headers(request)?;
        // The request id: the one the caller or the spec's own request-id header gave, else a
        // fresh one, unless the caller asked for none. (Sent by every try, with `User-Agent`:
        // see `add_call_headers`.)
        let omit_id = self
            .call
            .as_deref()
            .is_some_and(|c| matches!(c.client_request_id, RequestIdChoice::Omit));
        if !omit_id && client_request_id(request).is_none() {
            let id = match request.request_id().map(HeaderValue::from_str) {
                Some(Ok(value)) => value,
                _ => call::request_id_header(),
            };
            request.set_call_request_id(id);
        }
        request.set_response_limits(self.inner.options.response_limits);
        Ok(())
    }

    /// Adds to a try's copy of the request the headers every try of a call carries, before the
    /// per-try policies see it: `User-Agent` (unless the operation set its own, from a spec
    /// parameter), the call's request id, and with a request id the ask to echo it in the
    /// answer (`x-ms-return-client-request-id: true`, as the 2020 Python client asked on every
    /// request). Room is made at once for these, the three signing headers, and the `Accept`
    /// the transport adds to a request without one (reqwest's `*/*`), so that the map is not
    /// grown and rehashed on the way.
    fn add_call_headers(&self, request: &mut Request) {
        let (headers, call_request_id) = request.headers_and_call_request_id();
        headers.reserve(7);
        headers
            .entry(http::header::USER_AGENT)
            .or_insert_with(|| self.inner.user_agent.clone());
        let has_id = match call_request_id {
            Some(id) => {
                headers
                    .entry(&CLIENT_REQUEST_ID)
                    .or_insert_with(|| id.clone());
                true
            }
            None => headers.contains_key(&CLIENT_REQUEST_ID),
        };
        if has_id {
            headers
                .entry(&RETURN_CLIENT_REQUEST_ID)
                .or_insert_with(|| HeaderValue::from_static("true"));
        }
    }

    /// Reads an upload into the body when the transport cannot stream it.
    async fn fit_upload(&self, request: &mut Request) -> Result<()> {
        if request.upload().is_some() && !self.inner.transport.streams_uploads() {
            request.buffer_upload().await?;
        }
        Ok(())
    }

    /// Runs a call within the client-wide timeout, if one is set. (Not an `async fn`: one would
    /// hold the call's future twice, as its argument and inside the timeout, and every caller's
    /// future would carry both.)
    fn within_call_timeout<T>(
        &self,
        call: impl Future<Output = Result<T>>,
    ) -> impl Future<Output = Result<T>> {
        use futures_util::FutureExt as _;
        use futures_util::future::Either;
        match self.inner.options.timeout {
            Some(limit) => Either::Left(tokio::time::timeout(limit, call).map(move |answer| {
                answer.unwrap_or(Err(Error::Timeout {
                    what: "call",
                    after: limit,
                }))
            })),
            None => Either::Right(call),
        }
    }

    /// Shows a call's final response to the per-call policies and the caller's capture.
    fn after_call(&self, response: &Response, operation: Option<&'static str>) {
        Policies::on_response(
            &self.inner.options.policies.per_call,
            response,
            operation,
            0,
        );
        if let Some(capture) = self.call.as_deref().and_then(|c| c.capture.as_ref()) {
            capture.record(response);
        }
    }

    /// Sends the request and the hops of the redirects it is given, within
    /// `ClientOptions::max_redirects` (see the `redirect` module for which are followed).
    async fn send_following_redirects(&self, mut request: Request) -> Result<Response> {
        let max = self.inner.options.max_redirects;
        let mut hops = 0;
        loop {
            let response = self.send_with_retries::<Response>(&request).await?;
            let status = response.status().as_u16();
            if max == 0 || request.redirects() == Redirects::Return || !(300..400).contains(&status)
            {
                return Ok(response);
            }
            let endpoint = &self.inner.endpoint;
            let Some(next) = redirect::next_hop(&request, status, response.headers(), endpoint)
            else {
                return Ok(response);
            };
            if hops == max {
                return Err(Error::Protocol(format!(
                    "the service redirected the request more than {max} times \
                     (ClientOptions::with_max_redirects)"
                )));
            }
            hops += 1;
            tracing::debug!(
                status,
                hops,
                path = next.url().path(),
                "following a redirect"
            );
            request = next;
        }
    }

    /// Adds the credential's headers to one try.
    async fn authorize(&self, request: &mut Request) -> Result<()> {
        match &self.inner.credential {
            Credential::Key(key) => {
                // An upload was hashed when it was first read; bytes in memory are hashed now
                // (an empty body's hash is a constant).
                let content_sha256 = match request.upload() {
                    Some(upload) => header_value(upload.content_sha256().to_owned())?,
                    None if request.body().is_empty() => {
                        HeaderValue::from_static(crate::credentials::EMPTY_CONTENT_SHA256)
                    }
                    None => header_value(crate::credentials::content_sha256(request.body()))?,
                };
                let date = crate::credentials::date_header(OffsetDateTime::now_utc());
                let authorization = key.authorization(
                    request.method().as_str(),
                    request.path_and_query(),
                    date.to_str().unwrap_or_default(),
                    &self.inner.authority,
                    content_sha256.to_str().unwrap_or_default(),
                );
                let mut auth = header_value(authorization)?;
                auth.set_sensitive(true);
                let headers = request.headers_mut();
                headers.insert(X_MS_DATE.clone(), date);
                headers.insert(X_MS_CONTENT_SHA256.clone(), content_sha256);
                headers.insert(http::header::AUTHORIZATION, auth);
            }
            Credential::Bearer(bearer) => {
                // (Boxed: a token fetch is rare and slow, and every try's future would
                // otherwise carry room for it.)
                let mut auth = header_value(Box::pin(bearer.header_value()).await?)?;
                auth.set_sensitive(true);
                request
                    .headers_mut()
                    .insert(http::header::AUTHORIZATION, auth);
            }
            Credential::ApiKey(api_key) => {
                let mut value = HeaderValue::from_str(&api_key.key)
                    .map_err(|_| Error::credential("api key", "is not a valid header value"))?;
                value.set_sensitive(true);
                request.headers_mut().insert(api_key.header.clone(), value);
            }
            Credential::Anonymous => {}
        }
        Ok(())
    }

    /// The limits a transport applies to responses sent through this pipeline.
    pub fn response_limits(&self) -> ResponseLimits {
        self.inner.options.response_limits
    }
}

/// One span per call, named by OpenTelemetry's conventions (values computed only when a
/// subscriber wants the span).
fn call_span(request: &Request) -> tracing::Span {
    let url = request.url();
    tracing::info_span!(
        "http.client.call",
        otel.name = request.operation().unwrap_or(request.method().as_str()),
        az.operation = request.operation(),
        http.request.method = %request.method(),
        server.address = url.host_str().unwrap_or_default(),
        server.port = url.port_or_known_default(),
        url.full = %trace_url(url),
        az.client_request_id = client_request_id(request).and_then(|v| v.to_str().ok()),
        http.response.status_code = tracing::field::Empty,
        http.request.resend_count = tracing::field::Empty,
        az.service_request_id = tracing::field::Empty,
        error.type = tracing::field::Empty,
    )
}

/// The `x-ms-client-request-id` a call sends: the one among its headers (the caller's), else the
/// one the pipeline chose.
fn client_request_id(request: &Request) -> Option<&HeaderValue> {
    request
        .headers()
        .get(&CLIENT_REQUEST_ID)
        .or(request.call_request_id())
}

/// Refuses a request carrying a header the pipeline signs or sizes: whoever set it (the caller,
/// an operation, a policy), what is sent would no longer match what is signed.
fn refuse_owned_headers(request: &Request) -> Result<()> {
    match request.headers().keys().find(|name| owned(name.as_str())) {
        Some(name) => Err(Error::header(
            name.as_str(),
            "is set by the pipeline on every try and cannot be given",
        )),
        None => Ok(()),
    }
}

/// The URL a span shows: scheme, host, port and path; userinfo and the query are left out
/// (their values may be secrets, and nothing in them is what a trace needs).
fn trace_url(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{}://{host}:{port}{}", url.scheme(), url.path()),
        None => format!("{}://{host}{}", url.scheme(), url.path()),
    }
}

/// Records an answer on a span: its status, the service's request id, and the status as the
/// error type when it is one (OpenTelemetry's `error.type`).
fn record_answer(span: &tracing::Span, status: u16, service_request_id: Option<&str>) {
    span.record("http.response.status_code", status);
    if let Some(id) = service_request_id {
        span.record("az.service_request_id", id);
    }
    if status >= 400 {
        span.record("error.type", status);
    }
}

fn header_value(text: String) -> Result<HeaderValue> {
    HeaderValue::try_from(text)
        .map_err(|_| Error::credential("credential", "produced a header that is not valid"))
}

/// `host` or `host:port` when the port is not the scheme's default.
fn authority(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn user_agent((name, version): (&str, &str), application_id: Option<&str>) -> Result<HeaderValue> {
    let mut ua = String::new();
    if let Some(app) = application_id {
        ua.push_str(app);
        ua.push(' ');
    }
    ua.push_str(&format!(
        "azsdk-rust-{name}/{version} (rustc {}; {}; {})",
        env!("RESTGEN_RUSTC_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    ));
    HeaderValue::from_str(&ua).map_err(|_| {
        Error::header(
            "user-agent",
            "cannot carry the application id (line breaks and control characters are not allowed)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_owned_header_check_agrees_with_the_list() {
        for name in OWNED_HEADERS {
            assert!(owned(name), "{name}");
            assert!(is_owned_header(&name.to_ascii_uppercase()), "{name}");
        }
        for name in [
            "accept",
            "x-ms-client-request-id",
            "user-agent",
            "content-type",
        ] {
            assert!(!owned(name) && !is_owned_header(name), "{name}");
        }
    }

    #[test]
    fn links_resolve_as_rfc_3986_says() {
        let pipeline = Pipeline::new(
            ("t", "0"),
            "https://contoso.cognitiveservices.azure.com/formrecognizer/v2.1",
            Credential::Anonymous,
            ClientOptions::default(),
        )
        .unwrap();
        let resolve = |link: &str| pipeline.resolve_link(link).map(|u| u.to_string());
        // A server-relative link starts at the host's root: the prefix is not doubled.
        assert_eq!(
            resolve("/formrecognizer/v2.1/custom/models?nextLink=abc").unwrap(),
            "https://contoso.cognitiveservices.azure.com/formrecognizer/v2.1/custom/models?nextLink=abc"
        );
        // A relative one goes under the endpoint.
        assert_eq!(
            resolve("custom/models/7").unwrap(),
            "https://contoso.cognitiveservices.azure.com/formrecognizer/v2.1/custom/models/7"
        );
        assert_eq!(
            resolve("https://contoso.cognitiveservices.azure.com/x").unwrap(),
            "https://contoso.cognitiveservices.azure.com/x"
        );
        // Another host, however written, is refused.
        for link in ["//evil.example/steal", "https://evil.example/x"] {
            assert_eq!(
                pipeline.resolve_link(link).unwrap_err().kind(),
                crate::ErrorKind::UntrustedEndpoint,
                "{link}"
            );
        }
    }
}
