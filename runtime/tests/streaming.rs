//! Streamed downloads over loopback: 1 GiB passes through with flat memory (the test reports
//! the process's peak resident memory before and after), far past the 32 MiB a buffered
//! response may hold; an error status still reads its body, within the error limit, as the
//! spec's error.

mod common;

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use common::fast_options;
use restgen_runtime::{Credential, ErrorKind, Method, Pipeline, StreamExt};
use test_server::{Fault, Reply, TestServer};

const GIB: u64 = 1 << 30;

/// The process's peak resident memory (`VmHWM`), in bytes.
fn peak_resident() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

#[tokio::test]
async fn a_gibibyte_streams_through_in_flat_memory_and_errors_still_read_their_body() {
    let sent = Arc::new(AtomicU64::new(0));
    let served = sent.clone();
    let server = TestServer::start_unrecorded(move |r| match r.path() {
        "/blob" => Reply::status(200)
            .header("content-type", "application/octet-stream")
            .fault(Fault::EndlessBody {
                declared: Some(GIB),
                sent: served.clone(),
            }),
        _ => Reply::json(
            404,
            r#"{"error":{"code":"BlobNotFound","message":"no such blob"}}"#,
        ),
    })
    .await;
    let p = Pipeline::new(
        ("streaming", "0"),
        &server.url(),
        Credential::Anonymous,
        fast_options(),
    )
    .unwrap();
    let before = peak_resident();
    let response = p
        .send_streamed(p.request(Method::GET, "/blob"))
        .await
        .unwrap();
    let response = response
        .expect_status_or_model(&[200], 64 << 10, |_, _| None)
        .await
        .unwrap();
    let mut body = response.into_body();
    let (mut total, mut largest) = (0u64, 0usize);
    while let Some(chunk) = body.next().await {
        let chunk = chunk.unwrap();
        total += chunk.len() as u64;
        largest = largest.max(chunk.len());
    }
    let after = peak_resident();
    println!(
        "streamed {total} bytes in chunks of at most {largest}; peak resident memory {} MiB before, {} MiB after",
        before >> 20,
        after >> 20
    );
    assert_eq!(total, GIB);
    // Flat: the body never sits in memory (a buffered one would add 1,024 MiB).
    assert!(
        after.saturating_sub(before) < 64 << 20,
        "peak grew from {before} to {after} bytes"
    );

    let missing = p
        .send_streamed(p.request(Method::GET, "/other"))
        .await
        .unwrap();
    let err = missing
        .expect_status_or_model(&[200], 64 << 10, |_, _| None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Service);
    let service = err.service_error().unwrap();
    assert_eq!(service.status, 404);
    assert_eq!(service.code.as_deref(), Some("BlobNotFound"));
}
