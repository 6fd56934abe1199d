//! What the pipeline tells `tracing`: a span per call and per try with OpenTelemetry's
//! attribute names, and never a credential. In a test binary of their own, one test at a time:
//! `tracing` caches per call site whether anyone wants its spans, and tests running beside a
//! subscriber without one can leave that cache saying no.

mod common;

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::{KEY_B64, key_bytes, pipeline};
use restgen_runtime::Method;
use test_server::{Reply, TestServer};

static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// What the subscriber writes.
#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn tracing_output_never_shows_credentials() {
    let _one_at_a_time = ONE_AT_A_TIME.lock().await;
    let buf = Buf::default();
    let writer = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = TestServer::start_signed(&key_bytes(), {
        let n = AtomicUsize::new(0);
        move |_| {
            if n.fetch_add(1, Ordering::SeqCst) == 0 {
                Reply::status(503)
            } else {
                Reply::status(200)
            }
        }
    })
    .await;
    let p = pipeline(&server.url());
    let mut request = p.request(Method::GET, "/traced");
    request.query("secret-query", "1");
    let response = p.send(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let logged = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    // The call's span and the try's, by OpenTelemetry's attribute names.
    assert!(logged.contains("http.client.call"), "{logged}");
    assert!(logged.contains("http.client.request"), "{logged}");
    assert!(logged.contains("http.request.method=GET"), "{logged}");
    assert!(logged.contains("server.address=\"127.0.0.1\""), "{logged}");
    assert!(
        logged.contains(&format!("url.full={}/traced", server.url())),
        "{logged}"
    );
    assert!(logged.contains("http.request.resend_count=0"), "{logged}");
    assert!(logged.contains("/traced"), "{logged}");
    assert!(
        !logged.contains("secret-query"),
        "the query is left out: {logged}"
    );
    let auth = server.requests()[0]
        .header("authorization")
        .unwrap()
        .to_owned();
    let signature = auth.rsplit("Signature=").next().unwrap();
    assert!(!logged.contains(signature), "{logged}");
    assert!(!logged.contains(KEY_B64));
}

#[tokio::test]
async fn each_call_and_try_is_a_span_with_opentelemetry_attributes() {
    let _one_at_a_time = ONE_AT_A_TIME.lock().await;
    let buf = Buf::default();
    let writer = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let server = TestServer::start_signed(&key_bytes(), {
        let n = AtomicUsize::new(0);
        move |_| match n.fetch_add(1, Ordering::SeqCst) {
            0 => Reply::status(503).header("x-ms-request-id", "svc-first"),
            _ => Reply::status(200).header("x-ms-request-id", "svc-second"),
        }
    })
    .await;
    let p = pipeline(&server.url());
    let mut request = p.request(Method::GET, "/widgets/1");
    request.set_operation("Widgets_Get");
    p.send(request).await.unwrap();
    let logged = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    let closes: Vec<&str> = logged.lines().filter(|l| l.contains("close")).collect();
    // Two tries, then the call; each span closes with what it learnt.
    assert_eq!(closes.len(), 3, "{logged}");
    let (first, second, call) = (closes[0], closes[1], closes[2]);
    assert!(first.contains("http.client.request"), "{first}");
    assert!(first.contains("http.response.status_code=503"), "{first}");
    assert!(first.contains("error.type=503"), "{first}");
    assert!(
        first.contains("az.service_request_id=\"svc-first\""),
        "{first}"
    );
    assert!(second.contains("http.request.resend_count=1"), "{second}");
    assert!(second.contains("http.response.status_code=200"), "{second}");
    assert!(call.contains("http.client.call"), "{call}");
    assert!(call.contains("otel.name=\"Widgets_Get\""), "{call}");
    assert!(call.contains("az.operation=\"Widgets_Get\""), "{call}");
    assert!(call.contains("http.response.status_code=200"), "{call}");
    assert!(call.contains("http.request.resend_count=1"), "{call}");
    assert!(
        call.contains("az.service_request_id=\"svc-second\""),
        "{call}"
    );
    let id = server.requests()[0]
        .header("x-ms-client-request-id")
        .unwrap()
        .to_owned();
    assert!(
        call.contains(&format!("az.client_request_id=\"{id}\"")),
        "{call}"
    );
    assert!(!call.contains("error.type"), "{call}");
}
