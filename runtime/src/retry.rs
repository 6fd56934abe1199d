//! When to try again, and how long to wait first.
//!
//! The rule (after azure-core's, which the 2020 Python client used):
//!
//! - a response with status 408, 429, 500, 502, 503 or 504 is retried for the idempotent
//!   methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE); for POST and PATCH only on 500, 503 and
//!   504, or when the service asked for another try with `Retry-After`;
//! - a failure before the request left the client (no connection could be made) is retried for
//!   every method: the service never saw it;
//! - a failure after the request may have reached the service (a reset, a try that ran out of
//!   time, a response cut short) is retried for the idempotent methods only, since the service may
//!   have acted on it.
//!
//! Every delay, the backoff and what a service asks for in `Retry-After`, is capped by the
//! caller's maximum; a value that is malformed, negative or not finite is ignored.

use std::time::Duration;

use http::{HeaderMap, Method};
use time::OffsetDateTime;

use crate::http::Failure;

/// Statuses worth another try: timeouts, throttling and transient server faults.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

/// Methods a service may receive twice with the same effect.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// Whether a response with `status` to a request of `method` is tried again.
pub(crate) fn retries_status(method: &Method, status: u16, headers: &HeaderMap) -> bool {
    if !is_retryable_status(status) {
        return false;
    }
    is_idempotent(method)
        || matches!(status, 500 | 503 | 504)
        || headers.contains_key(http::header::RETRY_AFTER)
        || headers.contains_key("retry-after-ms")
        || headers.contains_key("x-ms-retry-after-ms")
}

/// Whether a transport failure of a request of `method` is tried again.
pub(crate) fn retries_failure(method: &Method, failure: Failure) -> bool {
    match failure {
        Failure::NotSent => true,
        Failure::MaybeSent | Failure::TimedOut(_) => is_idempotent(method),
        Failure::TooLarge { .. } => false,
    }
}

/// The delay the service asked for, from `retry-after-ms`, `x-ms-retry-after-ms` or `Retry-After`
/// (seconds or an HTTP date), cut to `max`. A value that does not parse, is negative or is not
/// finite is ignored; a date in the past means no delay.
pub(crate) fn retry_after(
    headers: &HeaderMap,
    now: OffsetDateTime,
    max: Duration,
) -> Option<Duration> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    for name in ["retry-after-ms", "x-ms-retry-after-ms"] {
        if let Some(ms) = get(name).and_then(|v| v.parse::<f64>().ok())
            && ms.is_finite()
            && ms >= 0.0
        {
            // `try_from_secs_f64` refuses what does not fit; anything that large is the cap.
            let wait = Duration::try_from_secs_f64(ms / 1000.0).unwrap_or(Duration::MAX);
            return Some(wait.min(max));
        }
    }
    let value = get("retry-after")?;
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still a (capped) number of seconds.
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(secs).min(max));
    }
    let at = crate::wire::rfc1123::parse(value).ok()?;
    let wait = at - now;
    Some(if wait.is_positive() {
        Duration::try_from(wait).unwrap_or(Duration::MAX).min(max)
    } else {
        Duration::ZERO
    })
}

/// Exponential backoff with full jitter for try number `retry` (0-based): a random delay in
/// `[base/2, base]` with `base = initial * 2^retry`, capped at `max`.
pub(crate) fn backoff(retry: u32, initial: Duration, max: Duration) -> Duration {
    let base = initial.saturating_mul(1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX));
    let base = base.min(max);
    if base.is_zero() {
        return base;
    }
    let jitter = 0.5 + fastrand::f64() * 0.5;
    base.mul_f64(jitter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    const CAP: Duration = Duration::from_secs(60);

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn now() -> OffsetDateTime {
        crate::wire::rfc1123::parse("Fri, 02 Oct 2020 12:00:00 GMT").unwrap()
    }

    #[test]
    fn retry_after_forms() {
        let at = |pairs: &[(&'static str, &str)]| retry_after(&headers(pairs), now(), CAP);
        assert_eq!(at(&[("retry-after", "3")]), Some(Duration::from_secs(3)));
        assert_eq!(
            at(&[("retry-after", "Fri, 02 Oct 2020 12:00:05 GMT")]),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            at(&[("retry-after", "Fri, 02 Oct 2020 11:00:00 GMT")]),
            Some(Duration::ZERO)
        );
        assert_eq!(
            at(&[("retry-after-ms", "250"), ("retry-after", "9")]),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            at(&[("x-ms-retry-after-ms", "10")]),
            Some(Duration::from_millis(10))
        );
        assert_eq!(at(&[("retry-after", "/bar")]), None);
        assert_eq!(at(&[]), None);
    }

    #[test]
    fn absurd_delays_are_capped_or_ignored_never_a_panic() {
        let at = |pairs: &[(&'static str, &str)]| retry_after(&headers(pairs), now(), CAP);
        for huge in ["1e300", "1.7976931348623157e308", "18446744073709551616000"] {
            assert_eq!(at(&[("retry-after-ms", huge)]), Some(CAP), "{huge}");
            assert_eq!(at(&[("x-ms-retry-after-ms", huge)]), Some(CAP), "{huge}");
        }
        assert_eq!(at(&[("retry-after", "1000000000")]), Some(CAP));
        assert_eq!(
            at(&[("retry-after", "99999999999999999999999999999")]),
            Some(CAP)
        );
        assert_eq!(
            at(&[("retry-after", "Fri, 31 Dec 9999 23:59:59 GMT")]),
            Some(CAP)
        );
        for ignored in ["NaN", "inf", "-inf", "-5", "-0.5", "", " ", "1e", "0x10"] {
            assert_eq!(at(&[("retry-after-ms", ignored)]), None, "{ignored:?}");
        }
        for ignored in ["-5", "+5", "1.5", "5 s", "Sat, 99 Foo 2020 12:00:00 GMT"] {
            assert_eq!(at(&[("retry-after", ignored)]), None, "{ignored:?}");
        }
        // A smaller cap wins over what the service asks.
        assert_eq!(
            retry_after(
                &headers(&[("retry-after", "30")]),
                now(),
                Duration::from_millis(5)
            ),
            Some(Duration::from_millis(5))
        );
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let initial = Duration::from_millis(100);
        let max = Duration::from_secs(1);
        for retry in 0..40 {
            let d = backoff(retry, initial, max);
            let base = (initial * 2u32.pow(retry.min(20))).min(max);
            assert!(
                d >= base / 2 && d <= base,
                "retry {retry}: {d:?} vs {base:?}"
            );
        }
        assert_eq!(backoff(3, Duration::ZERO, max), Duration::ZERO);
        assert!(backoff(u32::MAX, Duration::MAX, Duration::MAX) <= Duration::MAX);
    }

    #[test]
    fn retryable_statuses() {
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(is_retryable_status(s));
        }
        for s in [200, 400, 401, 404, 409, 501] {
            assert!(!is_retryable_status(s));
        }
    }

    #[test]
    fn the_retry_rule() {
        let none = HeaderMap::new();
        let asked = headers(&[("retry-after", "1")]);
        for method in [Method::GET, Method::PUT, Method::DELETE, Method::HEAD] {
            for status in [408, 429, 500, 502, 503, 504] {
                assert!(retries_status(&method, status, &none), "{method} {status}");
            }
            assert!(retries_failure(&method, Failure::MaybeSent));
            assert!(retries_failure(&method, Failure::TimedOut(CAP)));
        }
        for method in [Method::POST, Method::PATCH] {
            for status in [500, 503, 504] {
                assert!(retries_status(&method, status, &none), "{method} {status}");
            }
            for status in [408, 429, 502] {
                assert!(!retries_status(&method, status, &none), "{method} {status}");
                assert!(retries_status(&method, status, &asked), "{method} {status}");
            }
            assert!(!retries_failure(&method, Failure::MaybeSent));
            assert!(!retries_failure(&method, Failure::TimedOut(CAP)));
            assert!(retries_failure(&method, Failure::NotSent));
        }
        assert!(!retries_status(&Method::GET, 501, &asked));
        assert!(!retries_failure(
            &Method::GET,
            Failure::TooLarge {
                status: 200,
                limit: 1
            }
        ));
    }
}
