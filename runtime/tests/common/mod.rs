//! Shared set-up for the loopback tests.
#![allow(dead_code)] // each test file uses part of it

use std::time::Duration;

use restgen_runtime::{ClientOptions, KeyCredential, Pipeline};

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
