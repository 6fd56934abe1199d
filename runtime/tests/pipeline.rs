//! The pipeline against a loopback server that verifies every signature on its own.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{KEY_B64, fast_options, key_bytes, pipeline};
use restgen_runtime::{ClientOptions, Error, ErrorKind, KeyCredential, Method, Pipeline};
use test_server::{Reply, TestServer};

#[tokio::test]
async fn a_503_then_200_is_signed_twice_with_one_request_id() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let server = TestServer::start_signed(&key_bytes(), move |_| {
        if counter.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::status(503)
        } else {
            Reply::json(200, r#"{"id":"8:acs:1"}"#)
        }
    })
    .await;
    let p = pipeline(&server.url());
    let mut request = p.request(Method::POST, "/identities/8%3Aacs%3A1/token");
    request.query("api-version", "2020-07-20-preview2");
    request
        .json(&serde_json::json!({"scopes": ["chat"]}), "application/json")
        .unwrap();
    let response = p.send(request).await.unwrap();
    assert_eq!(response.status(), 200);

    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    for r in &seen {
        test_server::verify_hmac(&key_bytes(), r, &server.authority()).unwrap();
        assert_eq!(
            r.target,
            "/identities/8%3Aacs%3A1/token?api-version=2020-07-20-preview2"
        );
        assert_eq!(r.body_text(), r#"{"scopes":["chat"]}"#);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert!(
            r.header("user-agent")
                .unwrap()
                .contains("azsdk-rust-runtime-tests/0.0.1")
        );
    }
    let id = seen[0].header("x-ms-client-request-id").unwrap();
    assert_eq!(uuid_len(id), 36);
    assert_eq!(seen[1].header("x-ms-client-request-id"), Some(id));
    // The service is asked to echo the id, as the 2020 Python client asked.
    for r in &seen {
        assert_eq!(r.header("x-ms-return-client-request-id"), Some("true"));
    }
}

fn uuid_len(id: &str) -> usize {
    assert!(
        id.chars().all(|c| c.is_ascii_hexdigit() || c == '-'),
        "{id}"
    );
    id.len()
}

#[tokio::test]
async fn a_bad_signature_is_rejected_by_the_server() {
    let server = TestServer::start_signed(&key_bytes(), |_| Reply::status(200)).await;
    let wrong = Pipeline::new(
        ("t", "0"),
        &server.url(),
        KeyCredential::from_base64("d3Jvbmcta2V5").unwrap(),
        fast_options(),
    )
    .unwrap();
    let err = wrong
        .send(wrong.request(Method::GET, "/x"))
        .await
        .unwrap()
        .expect_status(&[200])
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.code(), Some("InvalidSignature"));
}

#[tokio::test]
async fn retry_after_is_honoured_and_retries_are_bounded() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let server = TestServer::start(move |_| {
        if counter.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::status(429).header("Retry-After", "1")
        } else {
            Reply::status(204)
        }
    })
    .await;
    let p = pipeline(&server.url());
    let started = Instant::now();
    let response = p.send(p.request(Method::GET, "/a")).await.unwrap();
    assert_eq!(response.status(), 204);
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );

    // Always 500: one try plus max_retries, then the 500 comes back.
    let server = TestServer::start(|_| Reply::status(500).header("retry-after", "/bar")).await;
    let p = Pipeline::new(
        ("t", "0"),
        &server.url(),
        KeyCredential::from_base64(KEY_B64).unwrap(),
        fast_options().with_max_retries(2),
    )
    .unwrap();
    let response = p.send(p.request(Method::GET, "/b")).await.unwrap();
    assert_eq!(response.status(), 500);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn non_retryable_statuses_are_not_retried() {
    let server = TestServer::start(|_| {
        Reply::json(400, r#"{"error":{"code":"BadArgument","message":"take must be positive","details":[{"code":"Range","message":"1..100"}]}}"#)
            .header("x-ms-request-id", "req-42")
    })
    .await;
    let p = pipeline(&server.url());
    let err = p
        .send(p.request(Method::GET, "/c"))
        .await
        .unwrap()
        .expect_status(&[200])
        .unwrap_err();
    assert_eq!(server.requests().len(), 1);
    assert_eq!(err.kind(), ErrorKind::Service);
    assert_eq!(err.code(), Some("BadArgument"));
    assert_eq!(err.message(), Some("take must be positive"));
    let shown = err.to_string();
    assert_eq!(
        shown,
        "HTTP 400 Bad Request: BadArgument: take must be positive; Range: 1..100 (request id req-42)"
    );
}

#[tokio::test]
async fn connection_errors_are_retried_then_reported() {
    // A port that was free a moment ago: nothing listens there.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let p = pipeline(&format!("http://127.0.0.1:{port}"));
    let err = p.send(p.request(Method::GET, "/")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport);
}

#[tokio::test]
async fn per_try_timeout_applies() {
    let server = TestServer::start(|_| Reply::status(200).delayed(Duration::from_secs(5))).await;
    let p = Pipeline::new(
        ("t", "0"),
        &server.url(),
        KeyCredential::from_base64(KEY_B64).unwrap(),
        fast_options()
            .with_max_retries(1)
            .with_per_try_timeout(Some(Duration::from_millis(100))),
    )
    .unwrap();
    let started = Instant::now();
    let err = p.send(p.request(Method::GET, "/slow")).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                what: "request attempt",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(server.requests().len(), 2, "the timed-out try is retried");
    assert!(started.elapsed() < Duration::from_secs(2));

    let p = Pipeline::new(
        ("t", "0"),
        &server.url(),
        KeyCredential::from_base64(KEY_B64).unwrap(),
        fast_options().with_timeout(Some(Duration::from_millis(150))),
    )
    .unwrap();
    let err = p.send(p.request(Method::GET, "/slow")).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { what: "call", .. }), "{err}");
}

#[test]
fn plain_http_is_refused_unless_loopback_or_opted_in() {
    let key = || KeyCredential::from_base64(KEY_B64).unwrap();
    let err = Pipeline::new(
        ("t", "0"),
        "http://contoso.communication.azure.com",
        key(),
        ClientOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UntrustedEndpoint);
    assert!(err.to_string().contains("refusing plain http"), "{err}");
    for loopback in ["http://127.0.0.1:1", "http://localhost:2", "http://[::1]:3"] {
        Pipeline::new(("t", "0"), loopback, key(), ClientOptions::default()).unwrap();
    }
    Pipeline::new(
        ("t", "0"),
        "http://contoso.internal",
        key(),
        ClientOptions::default().with_insecure_http(true),
    )
    .unwrap();
}

#[tokio::test]
async fn requests_for_another_host_are_not_signed() {
    let server = TestServer::start(|_| Reply::status(200)).await;
    let p = pipeline(&server.url());
    for link in [
        "https://evil.example/next",
        "http://127.0.0.2:1/x",
        "http://localhost:1/x",
    ] {
        let err = p.resolve_link(link).unwrap_err();
        assert!(
            err.to_string().contains("refusing to send credentials"),
            "{err}"
        );
        let request = restgen_runtime::Request::new(Method::GET, link.parse().unwrap());
        assert_eq!(
            p.send(request).await.unwrap_err().kind(),
            ErrorKind::UntrustedEndpoint
        );
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn bearer_tokens_and_api_keys_are_sent_on_every_try() {
    use restgen_runtime::{ApiKeyCredential, BearerTokenCredential, StaticTokenCredential};
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let server = TestServer::start(move |_| {
        if counter.fetch_add(1, Ordering::SeqCst).is_multiple_of(2) {
            Reply::status(503)
        } else {
            Reply::status(200)
        }
    })
    .await;
    let bearer = BearerTokenCredential::new(
        Arc::new(StaticTokenCredential::new(
            "https://security.microsoft.com/.default",
        )),
        vec!["https://communication.azure.com/.default".into()],
    );
    let p = Pipeline::new(("t", "0"), &server.url(), bearer, fast_options()).unwrap();
    p.send(p.request(Method::GET, "/aad")).await.unwrap();
    let key = ApiKeyCredential::new("security-key", "123456789").unwrap();
    let p = Pipeline::new(("t", "0"), &server.url(), key, fast_options()).unwrap();
    p.send(p.request(Method::GET, "/key")).await.unwrap();
    let seen = server.requests();
    assert_eq!(seen.len(), 4);
    for r in &seen[..2] {
        assert_eq!(
            r.header("authorization"),
            Some("Bearer https://security.microsoft.com/.default")
        );
        assert_eq!(r.header("x-ms-date"), None);
    }
    for r in &seen[2..] {
        assert_eq!(r.header("security-key"), Some("123456789"));
        assert_eq!(r.header("authorization"), None);
    }
}

#[tokio::test]
async fn call_options_choose_or_omit_the_request_id_and_add_headers() {
    let server = TestServer::start_signed(&key_bytes(), |_| Reply::status(200)).await;
    let p = pipeline(&server.url());
    // The caller's id, and an extra header, on a handle; the original pipeline is unchanged.
    let chosen = p.with_call_options(
        restgen_runtime::CallOptions::new()
            .with_client_request_id("9C4D50EE-2D56-4CD3-8152-34347DC9F2B0")
            .with_header("x-extra", "1"),
    );
    chosen.send(p.request(Method::GET, "/a")).await.unwrap();
    // A header the operation set itself wins over the call options.
    let mut own = p.request(Method::GET, "/b");
    own.header("x-ms-client-request-id", "from-a-parameter")
        .unwrap();
    chosen.send(own).await.unwrap();
    let none = p.with_call_options(restgen_runtime::CallOptions::new().without_client_request_id());
    none.send(p.request(Method::GET, "/c")).await.unwrap();
    p.send(p.request(Method::GET, "/d")).await.unwrap();
    let seen = server.requests();
    let ids: Vec<Option<&str>> = seen
        .iter()
        .map(|r| r.header("x-ms-client-request-id"))
        .collect();
    assert_eq!(ids[0], Some("9C4D50EE-2D56-4CD3-8152-34347DC9F2B0"));
    assert_eq!(seen[0].header("x-extra"), Some("1"));
    assert_eq!(ids[1], Some("from-a-parameter"));
    assert_eq!(ids[2], None);
    // No id, nothing to echo.
    assert_eq!(seen[2].header("x-ms-return-client-request-id"), None);
    assert_eq!(uuid_len(ids[3].unwrap()), 36);
    assert_eq!(seen[3].header("x-extra"), None);
    for r in &seen {
        test_server::verify_hmac(&key_bytes(), r, &server.authority()).unwrap();
    }

    // A bad header in the options is a clear error, before anything is sent.
    let bad = p.with_call_options(restgen_runtime::CallOptions::new().with_header("bad name", "v"));
    let e = bad.send(p.request(Method::GET, "/e")).await.unwrap_err();
    assert!(
        e.to_string()
            .contains("`bad name` is not a valid header name"),
        "{e}"
    );
    assert_eq!(server.requests().len(), 4);
}
