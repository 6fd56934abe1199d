//! Shared set-up for the loopback tests.
#![allow(dead_code)] // each test file uses part of it

use std::time::Duration;

use std::collections::HashMap;
use std::sync::Mutex;

use restgen_runtime::{ClientOptions, KeyCredential, Pipeline};
use test_server::{Recorded, Reply, TestServer};

/// The key the test servers verify signatures with.
pub const KEY_B64: &str = "cGVlci1jYXB0dXJlLXRlc3Qta2V5LTAxMjM0NTY3ODk=";

pub fn key_bytes() -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(KEY_B64)
        .unwrap()
}

/// Options with zero delays, so retry and poll tests run at once.
pub fn fast_options() -> ClientOptions {
    ClientOptions::default()
        .with_retry_delays(Duration::ZERO, Duration::ZERO)
        .with_polling_interval(Duration::ZERO)
}

pub fn pipeline(endpoint: &str) -> Pipeline {
    Pipeline::new(
        ("runtime-tests", "0.0.1"),
        endpoint,
        KeyCredential::from_base64(KEY_B64).unwrap(),
        fast_options(),
    )
    .unwrap()
}

/// A server that answers each `METHOD path` with the next reply of its script (the last one
/// repeats), and 404 for anything unscripted.
pub async fn scripted(script: &[(&str, Vec<Reply>)]) -> TestServer {
    let script: HashMap<String, Vec<Reply>> = script
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let calls = Mutex::new(HashMap::<String, usize>::new());
    TestServer::start_signed(&key_bytes(), move |r: &Recorded| {
        let key = format!("{} {}", r.method, r.path());
        let Some(replies) = script.get(&key) else {
            return Reply::json(
                404,
                &format!(r#"{{"error":{{"code":"NoRoute","message":"{key}"}}}}"#),
            );
        };
        let mut calls = calls.lock().unwrap();
        let n = calls.entry(key).or_default();
        let reply = replies[(*n).min(replies.len() - 1)].clone();
        *n += 1;
        reply
    })
    .await
}
