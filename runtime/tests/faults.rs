//! What a hostile or failing server can send, over loopback: absurd headers, endless polling,
//! huge bodies, resets and cut-short answers, and what a careless caller can ask for (headers the
//! pipeline owns, forged resume tokens). Each test asserts no panic, a bounded time (every call
//! runs under a guard far shorter than what the server asks for), bounded memory (the server
//! counts what it managed to send), and that nothing is sent that should not be.

mod common;

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use base64::Engine as _;
use common::{KEY_B64, scripted};
use restgen_runtime::{
    CallOptions, ClientOptions, ErrorKind, KeyCredential, Method, Pipeline, PollUpdate, Poller,
    StreamExt,
};
use test_server::{Fault, Reply, TestServer};

/// Fails the test instead of waiting when a call does not end in time.
async fn guarded<T>(what: &str, call: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), call)
        .await
        .unwrap_or_else(|_| panic!("{what}: no result within 20 s"))
}

/// Options with short waits, so a test shows the caps rather than the defaults' minutes.
fn quick() -> ClientOptions {
    ClientOptions::default()
        .with_retry_delays(Duration::ZERO, Duration::ZERO)
        .with_max_retry_after(Duration::from_millis(20))
}

fn pipeline(server: &TestServer, options: ClientOptions) -> Pipeline {
    Pipeline::new(
        ("faults", "0"),
        &server.url(),
        KeyCredential::from_base64(KEY_B64).unwrap(),
        options,
    )
    .unwrap()
}

/// A server that answers the first request with `first` and every later one with 200.
async fn first_then_ok(first: Reply) -> (TestServer, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let server = TestServer::start(move |_| {
        if counter.fetch_add(1, Ordering::SeqCst) == 0 {
            first.clone()
        } else {
            Reply::json(200, "{}")
        }
    })
    .await;
    (server, calls)
}

#[tokio::test]
async fn absurd_delay_headers_are_capped_or_ignored() {
    let cases = [
        ("retry-after-ms", "1e300"),
        ("x-ms-retry-after-ms", "1e300"),
        ("retry-after-ms", "1.7976931348623157e308"),
        ("retry-after-ms", "NaN"),
        ("retry-after-ms", "-inf"),
        ("retry-after-ms", "-5"),
        ("retry-after", "1000000000"),
        ("retry-after", "184467440737095516150"),
        ("retry-after", "Fri, 31 Dec 9999 23:59:59 GMT"),
        ("retry-after", "-1"),
        ("retry-after", "\u{00e9}t\u{00e9}"),
    ];
    for (name, value) in cases {
        let (server, calls) = first_then_ok(Reply::status(503).header(name, value)).await;
        let p = pipeline(&server, quick());
        let response = guarded(value, p.send(p.request(Method::GET, "/x")))
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{name}: {value}");
        assert_eq!(calls.load(Ordering::SeqCst), 2, "{name}: {value}");
    }
}

#[tokio::test]
async fn absurd_typed_headers_are_passed_over() {
    let server = TestServer::start(|_| {
        Reply::status(200)
            .header("x-count", "99999999999999999999999")
            .header("x-ratio", "NaN")
            .header("x-when", "Fri, 31 Dec 99999 23:59:59 GMT")
            .header("x-ok", "7")
    })
    .await;
    let p = pipeline(&server, quick());
    let response = p.send(p.request(Method::GET, "/h")).await.unwrap();
    let number = restgen_runtime::wire::number::parse::<i32>;
    assert_eq!(response.parse_header("x-count", number), None);
    assert_eq!(
        response.parse_header("x-ratio", restgen_runtime::wire::number::parse::<f64>),
        None
    );
    assert_eq!(
        response.parse_header("x-when", restgen_runtime::wire::rfc1123::parse),
        None
    );
    assert_eq!(response.parse_header("x-ok", number), Some(7));
}

/// An operation that answers `Running` forever, asking to be polled again at once.
async fn endless_operation(retry_after: &str) -> TestServer {
    scripted(&[
        (
            "PUT /r",
            vec![Reply::status(202).header("operation-location", "/op")],
        ),
        (
            "GET /op",
            vec![Reply::json(200, r#"{"status":"Running"}"#).header("retry-after", retry_after)],
        ),
    ])
    .await
}

#[tokio::test]
async fn polling_has_a_floor_and_a_deadline() {
    let server = endless_operation("0").await;
    let mut options = quick().with_polling_timeout(Some(Duration::from_millis(700)));
    // No interval of its own: only the floor keeps `Retry-After: 0` from a tight loop.
    options.polling.interval = Duration::ZERO;
    options.polling.min_interval = Duration::from_millis(100);
    let p = pipeline(&server, options);
    let poller: Poller<serde_json::Value> =
        Poller::new(p.clone(), p.request(Method::PUT, "/r"), None);
    let err = guarded("poller", poller.wait()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(err.to_string().contains("long-running operation"), "{err}");
    let polls = server.requests().len() - 1;
    // 700 ms at one poll per 100 ms at most: never the thousands a zero delay would give.
    assert!((2..=9).contains(&polls), "{polls} polls");
}

#[tokio::test]
async fn a_client_timeout_covers_a_whole_poller() {
    let server = endless_operation("0").await;
    let mut options = quick().with_timeout(Some(Duration::from_millis(400)));
    options.polling.min_interval = Duration::from_millis(50);
    let p = pipeline(&server, options);
    let mut poller: Poller<serde_json::Value> =
        Poller::new(p.clone(), p.request(Method::PUT, "/r"), None);
    let mut updates = 0;
    let err = guarded("poller stream", async {
        loop {
            match poller.next().await {
                Some(Ok(PollUpdate::InProgress { .. })) => updates += 1,
                Some(Ok(PollUpdate::Done(_))) => panic!("the operation never ends"),
                Some(Err(e)) => break e,
                None => panic!("the stream ended without an error"),
            }
        }
    })
    .await;
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(updates >= 1);
}

#[tokio::test]
async fn a_huge_retry_after_between_polls_is_capped() {
    let server = scripted(&[
        (
            "PUT /r",
            vec![Reply::status(202).header("operation-location", "/op")],
        ),
        (
            "GET /op",
            vec![
                Reply::json(200, r#"{"status":"Running"}"#).header("retry-after", "1000000000"),
                Reply::json(200, r#"{"status":"Running"}"#)
                    .header("retry-after", "Fri, 31 Dec 9999 23:59:59 GMT"),
                Reply::json(200, r#"{"status":"Succeeded"}"#),
            ],
        ),
        ("GET /r", vec![Reply::json(200, r#"{"done":true}"#)]),
    ])
    .await;
    let mut options = quick().with_polling_interval(Duration::ZERO);
    options.polling.max_interval = Duration::from_millis(30);
    let p = pipeline(&server, options);
    let result: serde_json::Value = guarded(
        "poller",
        Poller::new(p.clone(), p.request(Method::PUT, "/r"), None).wait(),
    )
    .await
    .unwrap();
    assert_eq!(result, serde_json::json!({"done": true}));
}

fn endless(declared: Option<u64>) -> (Fault, Arc<AtomicU64>) {
    let sent = Arc::new(AtomicU64::new(0));
    (
        Fault::EndlessBody {
            declared,
            sent: sent.clone(),
        },
        sent,
    )
}

/// Loopback socket buffers hold a few MiB that the server "sent" but nobody read.
const SLACK: u64 = 16 << 20;

#[tokio::test]
async fn a_huge_success_body_is_refused_past_the_limit() {
    // Announced as 200 MiB: refused before reading.
    let (fault, sent) = endless(Some(200 << 20));
    let server = TestServer::start(move |_| Reply::status(200).fault(fault.clone())).await;
    let p = pipeline(&server, quick());
    let err = guarded("declared", p.send(p.request(Method::GET, "/big")))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ResponseTooLarge, "{err}");
    assert_eq!(err.status(), Some(200));
    assert!(err.to_string().contains("33554432 bytes"), "{err}");
    assert!(sent.load(Ordering::Relaxed) < SLACK);
    assert_eq!(server.requests().len(), 1, "too large is not retried");

    // Endless and chunked: read up to the limit, then refused.
    let (fault, sent) = endless(None);
    let server = TestServer::start(move |_| Reply::status(200).fault(fault.clone())).await;
    let p = pipeline(&server, quick().with_max_response_size(1 << 20));
    let err = guarded("chunked", p.send(p.request(Method::GET, "/big")))
        .await
        .unwrap_err();
    assert!(
        matches!(err, restgen_runtime::Error::ResponseTooLarge { limit, .. } if limit == 1 << 20),
        "{err}"
    );
    assert!(sent.load(Ordering::Relaxed) < (1 << 20) + SLACK);
}

#[tokio::test]
async fn a_huge_error_body_is_cut_on_every_try() {
    let (fault, sent) = endless(Some(100 << 20));
    let server = TestServer::start(move |_| Reply::status(500).fault(fault.clone())).await;
    let p = pipeline(&server, quick());
    let response = guarded("error body", p.send(p.request(Method::GET, "/err")))
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    assert_eq!(server.requests().len(), 4, "one try and three retries");
    assert_eq!(response.body().len(), 64 << 10, "the first 64 KiB are kept");
    let err = response.expect_status(&[200]).unwrap_err();
    assert_eq!(err.status(), Some(500));
    // Four tries of 100 MiB each would be 400 MiB.
    assert!(sent.load(Ordering::Relaxed) < 4 * SLACK);
}

#[tokio::test]
async fn headers_the_pipeline_owns_cannot_be_given() {
    let server = TestServer::start(|_| Reply::status(200)).await;
    let p = pipeline(&server, quick());
    for name in [
        "host",
        "Host",
        "content-length",
        "transfer-encoding",
        "authorization",
        "x-ms-date",
        "date",
        "x-ms-content-sha256",
    ] {
        let call = p.with_call_options(CallOptions::new().with_header(name, "12345"));
        let err = guarded(name, call.send(call.request(Method::POST, "/x")))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidHeader, "{name}: {err}");
        assert!(err.to_string().contains(name), "{err}");

        // Set on the request itself (as an operation would from a spec parameter).
        let mut request = p.request(Method::GET, "/x");
        request
            .headers_mut()
            .insert(http_name(name), "1".parse().unwrap());
        let err = p.send(request).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidHeader, "{name}: {err}");
    }
    assert!(server.requests().is_empty(), "nothing is sent");
}

fn http_name(name: &str) -> http::HeaderName {
    http::HeaderName::from_bytes(name.as_bytes()).unwrap()
}

#[tokio::test]
async fn a_forged_resume_token_is_refused_before_anything_is_sent() {
    let server = endless_operation("0").await;
    let p = pipeline(&server, quick().with_polling_interval(Duration::ZERO));
    let mut poller: Poller<serde_json::Value> =
        Poller::new(p.clone(), p.request(Method::PUT, "/r"), None);
    let Some(Ok(PollUpdate::InProgress { resume_token, .. })) = poller.next().await else {
        panic!("the operation should be in progress");
    };
    let sent_before = server.requests().len();
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let state: serde_json::Value =
        serde_json::from_slice(&engine.decode(&resume_token).unwrap()).unwrap();
    let forge = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut forged = state.clone();
        edit(&mut forged);
        engine.encode(serde_json::to_vec(&forged).unwrap())
    };
    let tokens = [
        forge(&|s| s["headers"] = serde_json::json!([["host", "evil.example"]])),
        forge(&|s| s["headers"] = serde_json::json!([["content-length", "100"]])),
        forge(&|s| s["headers"] = serde_json::json!([["x-ok", "line\r\nbreak"]])),
        forge(&|s| s["polling_url"] = serde_json::json!("https://evil.example/op")),
        forge(&|s| s["location"] = serde_json::json!("https://evil.example/r")),
        "not a token".to_owned(),
    ];
    for token in tokens {
        let err = Poller::<serde_json::Value>::resume(p.clone(), &token).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::InvalidResumeToken | ErrorKind::UntrustedEndpoint
            ),
            "{err}"
        );
    }
    assert_eq!(server.requests().len(), sent_before);
}

/// The retry rule: what was maybe sent is tried again for idempotent methods only.
#[tokio::test]
async fn resets_and_cut_bodies_follow_the_retry_rule() {
    let faults = [
        ("reset", Fault::ResetBeforeHeaders),
        ("truncated", Fault::TruncatedBody { declared: 100 }),
    ];
    for (what, fault) in faults {
        for (method, tries) in [
            (Method::GET, 4),
            (Method::PUT, 4),
            (Method::DELETE, 4),
            (Method::POST, 1),
            (Method::PATCH, 1),
        ] {
            let fault = fault.clone();
            let server =
                TestServer::start(move |_| Reply::json(200, "{\"a\":").fault(fault.clone())).await;
            let p = pipeline(&server, quick());
            let err = guarded(what, p.send(p.request(method.clone(), "/x")))
                .await
                .unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Transport, "{what} {method}: {err}");
            assert_eq!(server.requests().len(), tries, "{what} {method}");
        }
    }
}

#[tokio::test]
async fn statuses_follow_the_retry_rule() {
    let cases: [(Method, u16, Option<&str>, usize); 8] = [
        (Method::POST, 503, None, 2),
        (Method::POST, 500, None, 2),
        (Method::PATCH, 504, None, 2),
        (Method::POST, 429, None, 1),
        (Method::POST, 502, None, 1),
        (Method::POST, 429, Some("0"), 2),
        (Method::GET, 429, None, 2),
        (Method::GET, 501, None, 1),
    ];
    for (method, status, retry_after, tries) in cases {
        let mut first = Reply::status(status);
        if let Some(after) = retry_after {
            first = first.header("retry-after", after);
        }
        let (server, calls) = first_then_ok(first).await;
        let p = pipeline(&server, quick());
        guarded("status", p.send(p.request(method.clone(), "/s")))
            .await
            .unwrap();
        assert_eq!(
            calls.load(Ordering::SeqCst),
            tries,
            "{method} {status} {retry_after:?}"
        );
    }
}

#[tokio::test]
async fn a_userinfo_endpoint_never_shows_its_password() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let endpoint = format!("http://admin:hunter2@127.0.0.1:{port}");
    let p = Pipeline::new(
        ("faults", "0"),
        &endpoint,
        KeyCredential::from_base64(KEY_B64).unwrap(),
        quick().with_max_retries(0),
    )
    .unwrap();
    let request = p.request(Method::GET, "/x");
    let shown = [format!("{p:?}"), format!("{request:?}")];
    let err = p.send(request).await.unwrap_err();
    for text in shown.iter().chain([&err.to_string(), &format!("{err:?}")]) {
        assert!(!text.contains("hunter2"), "{text}");
    }
    assert!(shown[0].contains("127.0.0.1"), "{}", shown[0]);
}
