//! When to try again, and how long to wait first.

use std::time::Duration;

use http::HeaderMap;
use time::OffsetDateTime;

/// Statuses worth another try: timeouts, throttling and transient server faults.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

/// The delay the service asked for, from `retry-after-ms`, `x-ms-retry-after-ms` or `Retry-After`
/// (seconds or an HTTP date). An unparsable value is ignored.
pub(crate) fn retry_after(headers: &HeaderMap, now: OffsetDateTime) -> Option<Duration> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    for name in ["retry-after-ms", "x-ms-retry-after-ms"] {
        if let Some(ms) = get(name).and_then(|v| v.parse::<f64>().ok()) {
            if ms.is_finite() && ms >= 0.0 {
                return Some(Duration::from_secs_f64(ms / 1000.0));
            }
        }
    }
    let value = get("retry-after")?;
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = crate::wire::rfc1123::parse(value).ok()?;
    let wait = at - now;
    Some(if wait.is_positive() {
        wait.try_into().unwrap_or_default()
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

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn retry_after_forms() {
        let now = crate::wire::rfc1123::parse("Fri, 02 Oct 2020 12:00:00 GMT").unwrap();
        assert_eq!(
            retry_after(&headers(&[("retry-after", "3")]), now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            retry_after(
                &headers(&[("retry-after", "Fri, 02 Oct 2020 12:00:05 GMT")]),
                now
            ),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            retry_after(
                &headers(&[("retry-after", "Fri, 02 Oct 2020 11:00:00 GMT")]),
                now
            ),
            Some(Duration::ZERO)
        );
        assert_eq!(
            retry_after(
                &headers(&[("retry-after-ms", "250"), ("retry-after", "9")]),
                now
            ),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            retry_after(&headers(&[("x-ms-retry-after-ms", "10")]), now),
            Some(Duration::from_millis(10))
        );
        assert_eq!(retry_after(&headers(&[("retry-after", "/bar")]), now), None);
        assert_eq!(retry_after(&headers(&[]), now), None);
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
}
