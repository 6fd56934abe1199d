//! Redirects over loopback: which are followed and how, each hop signed for its own path by a
//! server that checks the signature, never a hop to another origin, and a bound on loops.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{KEY_B64, fast_options, key_bytes};
use restgen_runtime::{ClientOptions, ErrorKind, KeyCredential, Method, Pipeline};
use test_server::{Reply, TestServer};

fn signed_pipeline(server: &TestServer, options: ClientOptions) -> Pipeline {
    Pipeline::new(
        ("redirects", "0"),
        &server.url(),
        KeyCredential::from_base64(KEY_B64).unwrap(),
        options,
    )
    .unwrap()
}

/// A signing server: `/start` answers `status` with `Location: /end`, `/end` answers 200.
async fn redirecting(status: u16) -> TestServer {
    TestServer::start_signed(&key_bytes(), move |r| match r.path() {
        "/start" => Reply::status(status).header("location", "/end"),
        "/end" => Reply::json(200, "{}"),
        _ => Reply::status(404),
    })
    .await
}

#[tokio::test]
async fn a_temporary_redirect_is_followed_with_the_same_method_and_body_signed_afresh() {
    let server = redirecting(307).await;
    let pipeline = signed_pipeline(&server, fast_options());
    let mut request = pipeline.request(Method::POST, "/start");
    request.set_body(&b"{\"a\":1}"[..], "application/json");
    let response = pipeline.send(request).await.unwrap();
    // The server verifies every request's signature and answers 401 when one fails.
    assert_eq!(response.status().as_u16(), 200);
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!((seen[1].method.as_str(), seen[1].path()), ("POST", "/end"));
    assert_eq!(seen[1].body_text(), "{\"a\":1}");
    assert_ne!(
        seen[0].header("authorization"),
        seen[1].header("authorization")
    );
}

#[tokio::test]
async fn see_other_is_followed_as_a_get_without_the_body() {
    let server = redirecting(303).await;
    let pipeline = signed_pipeline(&server, fast_options());
    let mut request = pipeline.request(Method::POST, "/start");
    request.set_body(&b"{}"[..], "application/json");
    assert_eq!(pipeline.send(request).await.unwrap().status().as_u16(), 200);
    let seen = server.requests();
    assert_eq!((seen[1].method.as_str(), seen[1].path()), ("GET", "/end"));
    assert!(seen[1].body_text().is_empty());
    assert_eq!(seen[1].header("content-type"), None);
}

#[tokio::test]
async fn moved_is_followed_for_a_get_but_returned_to_a_put() {
    let server = redirecting(301).await;
    let pipeline = signed_pipeline(&server, fast_options());
    let get = pipeline.request(Method::GET, "/start");
    assert_eq!(pipeline.send(get).await.unwrap().status().as_u16(), 200);
    let put = pipeline.request(Method::PUT, "/start");
    let response = pipeline.send(put).await.unwrap();
    assert_eq!(response.status().as_u16(), 301);
    assert_eq!(response.header("location"), Some("/end"));
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_returned_unfollowed() {
    let elsewhere = TestServer::start(|_| Reply::json(200, "{}")).await;
    let target = format!("{}/steal", elsewhere.url());
    let server = TestServer::start(move |_| Reply::status(307).header("location", &target)).await;
    let pipeline = signed_pipeline(&server, fast_options());
    let response = pipeline
        .send(pipeline.request(Method::GET, "/start"))
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 307);
    assert!(
        elsewhere.requests().is_empty(),
        "credentials left the origin"
    );
}

#[tokio::test]
async fn a_redirect_loop_stops_at_the_limit() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let server = TestServer::start(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
        Reply::status(302).header("location", "/again")
    })
    .await;
    let pipeline = signed_pipeline(&server, fast_options().with_max_redirects(3));
    let error = pipeline
        .send(pipeline.request(Method::GET, "/start"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Protocol);
    assert!(error.to_string().contains("more than 3 times"), "{error}");
    assert_eq!(calls.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn redirects_can_be_left_to_the_caller() {
    let server = redirecting(307).await;
    let pipeline = signed_pipeline(&server, fast_options().with_max_redirects(0));
    let response = pipeline
        .send(pipeline.request(Method::GET, "/start"))
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 307);
    assert_eq!(server.requests().len(), 1);
}
