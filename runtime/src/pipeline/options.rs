//! What a client is built with: retries, polling, limits, timeouts, the transport.

use std::sync::Arc;
use std::time::Duration;

use super::policy::{Policies, Policy};
use crate::Transport;
use crate::http::ResponseLimits;

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
    /// The caller's own steps (`with_per_call_policy`, `with_per_try_policy`).
    pub(crate) policies: Policies,
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
            policies: Policies::default(),
        }
    }
}

impl ClientOptions {
    /// Adds a policy that runs once per call, before the per-try ones (see [`Policy`]).
    pub fn with_per_call_policy(mut self, policy: impl Policy + 'static) -> Self {
        self.policies.per_call.push(Arc::new(policy));
        self
    }

    /// Adds a policy that runs before every try, after the per-call ones, and before the try
    /// is signed (see [`Policy`]).
    pub fn with_per_try_policy(mut self, policy: impl Policy + 'static) -> Self {
        self.policies.per_try.push(Arc::new(policy));
        self
    }

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
