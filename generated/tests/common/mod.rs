//! A loopback server that verifies every request's HMAC signature on its own, and clients
//! pointed at it through a connection string, as users make them.
#![allow(dead_code)] // each test file uses part of it

use std::time::Duration;

use azure_communication_administration::ClientOptions;
use test_server::{Recorded, Reply, TestServer};

/// The access key of the test resource (base64 of `test-access-key-0123456789`).
pub const ACCESS_KEY: &str = "dGVzdC1hY2Nlc3Mta2V5LTAxMjM0NTY3ODk=";

pub fn key_bytes() -> Vec<u8> {
    b"test-access-key-0123456789".to_vec()
}

pub async fn server(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> TestServer {
    TestServer::start_signed(&key_bytes(), handler).await
}

pub fn connection_string(server: &TestServer) -> String {
    format!("endpoint={}/;accesskey={ACCESS_KEY}", server.url())
}

pub fn options() -> ClientOptions {
    ClientOptions::default().with_retry_delays(Duration::ZERO, Duration::ZERO)
}

/// The one request the server saw, after checking its signature independently.
pub fn only_request(server: &TestServer) -> Recorded {
    let seen = server.requests();
    assert_eq!(seen.len(), 1, "{seen:#?}");
    let r = seen.into_iter().next().unwrap();
    test_server::verify_hmac(&key_bytes(), &r, &server.authority()).unwrap();
    assert!(r.header("x-ms-client-request-id").is_some());
    assert!(
        r.header("user-agent")
            .unwrap()
            .starts_with("azsdk-rust-azure_communication_administration/")
    );
    r
}

/// The request body as JSON.
pub fn body_json(r: &Recorded) -> serde_json::Value {
    serde_json::from_slice(&r.body).unwrap()
}
