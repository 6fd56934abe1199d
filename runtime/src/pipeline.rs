//! The pipeline every generated client sends through: standard headers, credentials, retries,
//! timeouts and tracing, over a replaceable transport.

use std::sync::Arc;
use std::time::Duration;

use http::HeaderValue;
use time::OffsetDateTime;
use tracing::Instrument as _;
use url::Url;

use crate::credentials::parse_endpoint;
use crate::http::{ReqwestTransport, ResponseLimits, TransportError, redacted_url};
use crate::redirect;
use crate::retry::{backoff, retries_failure, retries_status, retry_after};
use crate::{ConnectionString, Credential, Error, Method, Request, Response, Result, Transport};

/// How many times and how patiently a call is retried (the rule for which failures are retried
/// is in the runtime's README).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RetryOptions {
    /// Retries after the first try (default 3).
    pub max_retries: u32,
    /// The first backoff delay (default 800 ms); doubles each retry, with jitter.
    pub initial_delay: Duration,
    /// The largest backoff delay (default 60 s).
    pub max_delay: Duration,
    /// The longest wait a service's `Retry-After` (or `retry-after-ms`) can ask for (default
    /// 60 s); a longer one is cut to this, so no answer can stall a call for hours.
    pub max_retry_after: Duration,
}

impl Default for RetryOptions {
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_delay: Duration::from_millis(800),
            max_delay: Duration::from_secs(60),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// How a long-running operation is polled.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PollingOptions {
    /// The delay between polls when the service gives no `Retry-After` (default 5 s).
    pub interval: Duration,
    /// The shortest delay between polls, whatever the service asks (default 1 s): a service
    /// answering `Retry-After: 0` forever is not polled in a tight loop.
    pub min_interval: Duration,
    /// The longest delay a service's `Retry-After` can ask for between polls (default 60 s).
    pub max_interval: Duration,
    /// A limit for the whole operation, from the first request to the result (default none).
    /// `ClientOptions::timeout` limits it too, when set.
    pub timeout: Option<Duration>,
}

impl Default for PollingOptions {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(5),
            min_interval: Duration::from_secs(1),
            max_interval: Duration::from_secs(60),
            timeout: None,
        }
    }
}

/// Options for a client. Build with `ClientOptions::default()` and the `with_*` methods.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ClientOptions {
    /// Retry policy.
    pub retry: RetryOptions,
    /// Limit for one try (default 60 s).
    pub per_try_timeout: Option<Duration>,
    /// Limit for a whole call, retries included, and for a whole long-running operation
    /// (default none).
    pub timeout: Option<Duration>,
    /// Connect timeout of the default transport (default 10 s).
    pub connect_timeout: Duration,
    /// How long-running operations are polled.
    pub polling: PollingOptions,
    /// How many redirects a call follows (default 10); zero returns every 3xx as it is.
    pub max_redirects: u32,
    /// How much of a response is buffered (default 32 MiB for a success body, 64 KiB of an
    /// error body).
    pub response_limits: ResponseLimits,
    /// Prefix of the `User-Agent` header, naming the application.
    pub application_id: Option<String>,
    /// Allows `http://` endpoints on hosts other than loopback. Tokens travel in response bodies:
    /// leave this off outside a test network.
    pub allow_insecure_http: bool,
    /// The api-version to send instead of the one the client was generated for.
    pub api_version: Option<String>,
    /// A transport to use instead of reqwest.
    pub transport: Option<Arc<dyn Transport>>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            retry: RetryOptions::default(),
            per_try_timeout: Some(Duration::from_secs(60)),
            timeout: None,
            connect_timeout: Duration::from_secs(10),
            polling: PollingOptions::default(),
            max_redirects: 10,
            response_limits: ResponseLimits::default(),
            application_id: None,
            allow_insecure_http: false,
            api_version: None,
            transport: None,
        }
    }
}

impl ClientOptions {
    /// Sets the number of retries.
    pub fn with_max_retries(mut self, n: u32) -> Self {
        self.retry.max_retries = n;
        self
    }

    /// Sets the backoff delays (zero in tests).
    pub fn with_retry_delays(mut self, initial: Duration, max: Duration) -> Self {
        self.retry.initial_delay = initial;
        self.retry.max_delay = max;
        self
    }

    /// Sets the longest wait a service's `Retry-After` can ask for.
    pub fn with_max_retry_after(mut self, max: Duration) -> Self {
        self.retry.max_retry_after = max;
        self
    }

    /// Sets the limit for one try.
    pub fn with_per_try_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.per_try_timeout = timeout;
        self
    }

    /// Sets the limit for a whole call (and a whole long-running operation).
    pub fn with_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the delay between polls of a long-running operation when the service gives none.
    /// The floor between polls is lowered to it when it is shorter (zero in tests).
    pub fn with_polling_interval(mut self, interval: Duration) -> Self {
        self.polling.interval = interval;
        self.polling.min_interval = self.polling.min_interval.min(interval);
        self
    }

    /// Sets a limit for each whole long-running operation.
    pub fn with_polling_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.polling.timeout = timeout;
        self
    }

    /// Sets how many redirects a call follows (zero: none).
    pub fn with_max_redirects(mut self, hops: u32) -> Self {
        self.max_redirects = hops;
        self
    }

    /// Sets the largest success body the client buffers; a larger one is
    /// `Error::ResponseTooLarge`.
    pub fn with_max_response_size(mut self, bytes: usize) -> Self {
        self.response_limits.max_size = bytes;
        self
    }

    /// Names the application in the `User-Agent` header.
    pub fn with_application_id(mut self, id: impl Into<String>) -> Self {
        self.application_id = Some(id.into());
        self
    }

    /// Allows plain `http://` to hosts other than loopback.
    pub fn with_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Sends this api-version instead of the generated one.
    pub fn with_api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// Replaces the transport.
    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }
}

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
fn owned(name: &str) -> bool {
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
    client_request_id: RequestIdChoice,
    headers: Vec<(String, String)>,
}

impl std::fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Header values may be credentials of the caller's own: only their names are shown.
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("CallOptions")
            .field("client_request_id", &self.client_request_id)
            .field("headers", &names)
            .finish()
    }
}

#[derive(Clone, Debug, Default)]
enum RequestIdChoice {
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

    /// Applies the options to a request the operation has built.
    fn apply(&self, request: &mut Request) -> Result<()> {
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
            && !headers.contains_key(CLIENT_REQUEST_ID)
        {
            let value = HeaderValue::try_from(id.as_str()).map_err(|_| {
                Error::header(
                    CLIENT_REQUEST_ID,
                    "has a value that is not a valid header value",
                )
            })?;
            headers.insert(CLIENT_REQUEST_ID, value);
        }
        Ok(())
    }
}

const CLIENT_REQUEST_ID: &str = "x-ms-client-request-id";

/// A fresh request id (a random UUID), as sent in `x-ms-client-request-id` and in the
/// custom-named request-id headers of specs that mark one with `x-ms-client-request-id`.
pub fn new_request_id() -> String {
    // Request ids need uniqueness, not secrecy: a fast generator spares a getrandom system call
    // per request.
    uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes())
        .into_uuid()
        .to_string()
}

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
        url.set_query(query);
        if !path.is_empty() {
            let base = url.path().trim_end_matches('/');
            let joined = if path.starts_with('/') {
                format!("{base}{path}")
            } else {
                format!("{base}/{path}")
            };
            url.set_path(&joined);
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
        } else if link.starts_with("//") {
            // A network-path reference names a host of its own: checked like any other.
            self.inner.endpoint.join(link)
        } else if link.starts_with('/') {
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

    /// Sends a request: adds `User-Agent` and `x-ms-client-request-id` (one id for all tries),
    /// authenticates every try afresh, retries transient failures and honours `Retry-After`
    /// (up to `RetryOptions::max_retry_after`). Returns the last response whatever its status;
    /// see [`Response::expect_status`].
    pub async fn send(&self, mut request: Request) -> Result<Response> {
        self.check_same_host(request.url())?;
        if let Some(call) = &self.call {
            call.apply(&mut request)?;
        }
        // What the pipeline signs or sizes comes from nobody else.
        if let Some(name) = request.headers().keys().find(|name| owned(name.as_str())) {
            return Err(Error::header(
                name.as_str(),
                "is set by the pipeline on every try and cannot be given",
            ));
        }
        let headers = request.headers_mut();
        // A User-Agent the operation sets itself (a spec parameter) wins over ours.
        if !headers.contains_key(http::header::USER_AGENT) {
            headers.insert(http::header::USER_AGENT, self.inner.user_agent.clone());
        }
        let has_id = headers.contains_key(CLIENT_REQUEST_ID);
        let omit_id = self
            .call
            .as_deref()
            .is_some_and(|c| matches!(c.client_request_id, RequestIdChoice::Omit));
        if !omit_id && !has_id {
            // The id a spec's own request-id header carries, else a fresh one.
            let value = match request.request_id().map(HeaderValue::from_str) {
                Some(Ok(value)) => value,
                _ => HeaderValue::from_str(&new_request_id())
                    .expect("a UUID is a valid header value"),
            };
            request.headers_mut().insert(CLIENT_REQUEST_ID, value);
        }
        request.set_response_limits(self.inner.options.response_limits);
        let span = tracing::debug_span!(
            "http.call",
            method = %request.method(),
            path = %request.url().path(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        let call = self.send_following_redirects(request).instrument(span);
        match self.inner.options.timeout {
            Some(limit) => tokio::time::timeout(limit, call)
                .await
                .unwrap_or(Err(Error::Timeout {
                    what: "call",
                    after: limit,
                })),
            None => call.await,
        }
    }

    /// Sends the request and the hops of the redirects it is given, within
    /// `ClientOptions::max_redirects` (see the `redirect` module for which are followed).
    async fn send_following_redirects(&self, mut request: Request) -> Result<Response> {
        let max = self.inner.options.max_redirects;
        let mut hops = 0;
        loop {
            let response = self.send_with_retries(&request).await?;
            let status = response.status().as_u16();
            if max == 0 || !(300..400).contains(&status) {
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

    async fn send_with_retries(&self, request: &Request) -> Result<Response> {
        let retry = &self.inner.options.retry;
        let mut attempt: u32 = 0;
        loop {
            let mut this_try = request.clone();
            self.authorize(&mut this_try).await?;
            let span =
                tracing::debug_span!("http.attempt", attempt, status = tracing::field::Empty);
            let sent = self.inner.transport.send(this_try);
            let outcome = match self.inner.options.per_try_timeout {
                Some(limit) => tokio::time::timeout(limit, sent.instrument(span.clone()))
                    .await
                    .unwrap_or_else(|_| Err(TransportError::timed_out(limit))),
                None => sent.instrument(span.clone()).await,
            };
            let retries_left = attempt < retry.max_retries;
            let method = request.method();
            let delay = match outcome {
                Ok(response) => {
                    let status = response.status().as_u16();
                    span.record("status", status);
                    if !(retries_left && retries_status(method, status, response.headers())) {
                        let call = tracing::Span::current();
                        call.record("status", status);
                        call.record("attempts", attempt + 1);
                        return Ok(response);
                    }
                    tracing::debug!(parent: &span, status, "retrying after a transient status");
                    retry_after(
                        response.headers(),
                        OffsetDateTime::now_utc(),
                        retry.max_retry_after,
                    )
                    .unwrap_or_else(|| backoff(attempt, retry.initial_delay, retry.max_delay))
                }
                Err(e) => {
                    if !(retries_left && retries_failure(method, e.failure())) {
                        tracing::Span::current().record("attempts", attempt + 1);
                        return Err(e.into_error());
                    }
                    tracing::debug!(parent: &span, error = %e.message(), "retrying after a transport error");
                    backoff(attempt, retry.initial_delay, retry.max_delay)
                }
            };
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            attempt += 1;
        }
    }

    /// Adds the credential's headers to one try.
    async fn authorize(&self, request: &mut Request) -> Result<()> {
        match &self.inner.credential {
            Credential::Key(key) => {
                let signed = key.sign(
                    request.method().as_str(),
                    request.path_and_query(),
                    &self.inner.authority,
                    OffsetDateTime::now_utc(),
                    request.body(),
                );
                let headers = request.headers_mut();
                headers.insert("x-ms-date", header_value(signed.date)?);
                headers.insert("x-ms-content-sha256", header_value(signed.content_sha256)?);
                let mut auth = header_value(signed.authorization)?;
                auth.set_sensitive(true);
                headers.insert(http::header::AUTHORIZATION, auth);
            }
            Credential::Bearer(bearer) => {
                let mut auth = header_value(bearer.header_value().await?)?;
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
