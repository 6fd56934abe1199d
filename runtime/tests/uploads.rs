//! Uploads read as they are sent, over loopback: a file is measured and hashed once, then
//! streamed on each try (a retried call reads it afresh), and every try's HMAC signature covers
//! exactly the bytes that went out; a transport that cannot stream gets the bytes in memory; a
//! source that changes after it was signed fails the call instead of sending unsigned bytes.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{KEY_B64, fast_options, key_bytes};
use restgen_runtime::{
    BoxFuture, ClientOptions, KeyCredential, Method, Pipeline, Request, Response, StatusCode,
    Transport, TransportError, Upload,
};
use test_server::{Reply, TestServer};

/// A file of `len` bytes, in a folder of the test's own.
fn file(name: &str, len: usize) -> (std::path::PathBuf, Vec<u8>) {
    let dir = std::env::temp_dir().join(format!("restgen-uploads-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

fn pipeline(url: &str, options: ClientOptions) -> Pipeline {
    Pipeline::new(
        ("uploads", "0"),
        url,
        KeyCredential::from_base64(KEY_B64).unwrap(),
        options,
    )
    .unwrap()
}

#[tokio::test]
async fn a_file_streams_on_every_try_and_each_try_is_signed_over_its_bytes() {
    let (path, bytes) = file("eight-mib.bin", 8 << 20);
    let tries = Arc::new(AtomicUsize::new(0));
    let counter = tries.clone();
    let server = TestServer::start(move |_| {
        if counter.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::status(503)
        } else {
            Reply::status(201)
        }
    })
    .await;
    let upload = Upload::from_file(&path).await.unwrap();
    assert_eq!(upload.len(), 8 << 20);
    let p = pipeline(&server.url(), fast_options());
    let mut request = p.request(Method::PUT, "/blobs/eight-mib.bin");
    request.set_payload(upload, "application/octet-stream");
    let response = p.send(request).await.unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    for r in &seen {
        assert_eq!(r.body.len(), bytes.len());
        assert!(r.body == bytes, "the body differs from the file");
        assert_eq!(r.header("content-length"), Some("8388608"));
        test_server::verify_hmac(&key_bytes(), r, &server.authority()).unwrap();
    }
}

/// Records the bodies it is given, in memory.
#[derive(Debug, Default)]
struct InMemory(std::sync::Mutex<Vec<bytes::Bytes>>);

impl Transport for InMemory {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        assert!(
            request.upload().is_none(),
            "an upload reached a buffering transport"
        );
        self.0.lock().unwrap().push(request.body().clone());
        Box::pin(async { Ok(Response::new(StatusCode::OK, Default::default(), "{}")) })
    }
}

#[tokio::test]
async fn a_transport_that_cannot_stream_gets_the_bytes_and_a_changed_source_fails() {
    let (path, bytes) = file("small.bin", 100_000);
    let transport = Arc::new(InMemory::default());
    let p = pipeline(
        "https://contoso.communication.azure.com",
        fast_options().with_transport(transport.clone()),
    );
    let mut request = p.request(Method::PUT, "/blobs/small.bin");
    request.set_payload(
        Upload::from_file(&path).await.unwrap(),
        "application/octet-stream",
    );
    p.send(request).await.unwrap();
    assert_eq!(transport.0.lock().unwrap()[0], bytes);

    // Measured, signed, then the file shrinks: nothing unsigned goes out.
    let upload = Upload::from_file(&path).await.unwrap();
    std::fs::write(&path, &bytes[..10]).unwrap();
    let mut request = p.request(Method::PUT, "/blobs/small.bin");
    request.set_payload(upload, "application/octet-stream");
    let err = p.send(request).await.unwrap_err();
    assert!(
        err.to_string().contains("no longer gives the 100000 bytes"),
        "{err}"
    );
    assert_eq!(transport.0.lock().unwrap().len(), 1);
}
