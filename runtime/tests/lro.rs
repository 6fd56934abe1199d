//! The poller against a loopback server, for each polling style and final-state rule.

mod common;

use common::{pipeline, scripted};
use restgen_runtime::{Error, FinalStateVia, Method, PollUpdate, Poller, StreamExt};
use serde::Deserialize;
use test_server::{Reply, TestServer};

#[derive(Debug, Deserialize, PartialEq)]
struct Resource {
    name: String,
}

fn calls(server: &TestServer) -> Vec<String> {
    server
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path()))
        .collect()
}

#[tokio::test]
async fn azure_async_operation_put_ends_with_a_get_of_the_original_uri() {
    let server = scripted(&[
        (
            "PUT /r",
            vec![
                Reply::json(201, r#"{"properties":{"provisioningState":"Accepted"}}"#)
                    .header("azure-asyncoperation", "/op/1"),
            ],
        ),
        (
            "GET /op/1",
            vec![
                Reply::json(200, r#"{"status":"InProgress"}"#),
                Reply::json(200, r#"{"status":"Succeeded"}"#),
            ],
        ),
        ("GET /r", vec![Reply::json(200, r#"{"name":"done"}"#)]),
    ])
    .await;
    let p = pipeline(&server.url());
    let mut put = p.request(Method::PUT, "/r");
    put.header(
        "x-ms-client-request-id",
        "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0",
    )
    .unwrap();
    let result: Resource = Poller::new(p, put, None).await.unwrap();
    assert_eq!(result.name, "done");
    assert_eq!(
        calls(&server),
        ["PUT /r", "GET /op/1", "GET /op/1", "GET /r"]
    );
    for r in server.requests() {
        // Headers the caller set travel with every poll.
        assert_eq!(
            r.header("x-ms-client-request-id"),
            Some("9C4D50EE-2D56-4CD3-8152-34347DC9F2B0")
        );
    }
}

#[tokio::test]
async fn location_polling_returns_the_final_poll_body() {
    let server = scripted(&[
        (
            "POST /p",
            vec![
                Reply::status(202)
                    .header("location", "/loc/1")
                    .header("retry-after", "0"),
            ],
        ),
        (
            "GET /loc/1",
            vec![Reply::status(202), Reply::json(200, r#"{"name":"posted"}"#)],
        ),
    ])
    .await;
    let p = pipeline(&server.url());
    let result: Resource = Poller::new(p.clone(), p.request(Method::POST, "/p"), None)
        .await
        .unwrap();
    assert_eq!(result.name, "posted");
    assert_eq!(calls(&server), ["POST /p", "GET /loc/1", "GET /loc/1"]);
}

#[tokio::test]
async fn a_location_poll_follows_a_new_location_and_call_options_reach_every_poll() {
    let server = scripted(&[
        (
            "POST /p",
            vec![Reply::status(202).header("location", "/loc/1")],
        ),
        (
            "GET /loc/1",
            vec![Reply::status(202).header("location", "/loc/2")],
        ),
        ("GET /loc/2", vec![Reply::json(200, r#"{"name":"moved"}"#)]),
    ])
    .await;
    let p = pipeline(&server.url()).with_call_options(
        restgen_runtime::CallOptions::new()
            .with_client_request_id("caller-id-1")
            .with_header("x-custom", "kept"),
    );
    let result: Resource = Poller::new(p.clone(), p.request(Method::POST, "/p"), None)
        .await
        .unwrap();
    assert_eq!(result.name, "moved");
    assert_eq!(calls(&server), ["POST /p", "GET /loc/1", "GET /loc/2"]);
    for r in server.requests() {
        assert_eq!(
            r.header("x-ms-client-request-id"),
            Some("caller-id-1"),
            "{}",
            r.path()
        );
        assert_eq!(r.header("x-custom"), Some("kept"), "{}", r.path());
    }
}

#[tokio::test]
async fn provisioning_state_in_the_body_is_polled_at_the_original_uri() {
    let server = scripted(&[
        (
            "PUT /b",
            vec![Reply::json(
                201,
                r#"{"name":"b","properties":{"provisioningState":"Creating"}}"#,
            )],
        ),
        (
            "GET /b",
            vec![
                Reply::json(
                    200,
                    r#"{"name":"b","properties":{"provisioningState":"Updating"}}"#,
                ),
                Reply::json(
                    200,
                    r#"{"name":"b","properties":{"provisioningState":"Succeeded"}}"#,
                ),
            ],
        ),
    ])
    .await;
    let p = pipeline(&server.url());
    let mut statuses = Vec::new();
    let mut poller = Poller::<Resource>::new(p.clone(), p.request(Method::PUT, "/b"), None);
    let mut result = None;
    while let Some(update) = poller.next().await {
        match update.unwrap() {
            PollUpdate::InProgress { status, .. } => statuses.push(status),
            PollUpdate::Done(r) => result = Some(r),
        }
    }
    assert_eq!(statuses, ["Creating", "Updating"]);
    assert_eq!(result.unwrap().name, "b");
    assert_eq!(calls(&server), ["PUT /b", "GET /b", "GET /b"]);
}

#[tokio::test]
async fn a_done_initial_response_is_the_result() {
    let server = scripted(&[("PUT /now", vec![Reply::json(200, r#"{"name":"now"}"#)])]).await;
    let p = pipeline(&server.url());
    let result: Resource = Poller::new(p.clone(), p.request(Method::PUT, "/now"), None)
        .await
        .unwrap();
    assert_eq!(result.name, "now");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn failed_and_canceled_operations_are_errors_with_the_service_message() {
    let server = scripted(&[
        (
            "POST /f",
            vec![Reply::status(202).header("azure-asyncoperation", "/op/f")],
        ),
        (
            "GET /op/f",
            vec![Reply::json(
                200,
                r#"{"status":"Failed","error":{"code":"Boom","message":"it broke"}}"#,
            )],
        ),
        (
            "DELETE /c",
            vec![
                Reply::json(202, r#"{"properties":{"provisioningState":"Deleting"}}"#)
                    .header("operation-location", "/op/c"),
            ],
        ),
        (
            "GET /op/c",
            vec![Reply::json(200, r#"{"status":"Canceled"}"#)],
        ),
    ])
    .await;
    let p = pipeline(&server.url());
    let err = Poller::<()>::new(p.clone(), p.request(Method::POST, "/f"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::OperationFailed { status, .. } if status == "Failed"),
        "{err}"
    );
    assert_eq!(
        (err.code(), err.message()),
        (Some("Boom"), Some("it broke"))
    );
    assert_eq!(
        err.to_string(),
        "long-running operation Failed: Boom: it broke"
    );

    let err = Poller::<()>::new(p.clone(), p.request(Method::DELETE, "/c"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::OperationFailed { status, .. } if status == "Canceled"),
        "{err}"
    );
}

#[tokio::test]
async fn final_state_via_picks_where_the_result_comes_from() {
    let post = || {
        vec![
            Reply::status(202)
                .header("azure-asyncoperation", "/op/x")
                .header("location", "/loc/x"),
        ]
    };
    let server = scripted(&[
        ("POST /x", post()),
        ("PUT /x", post()),
        (
            "GET /op/x",
            vec![Reply::json(
                200,
                r#"{"status":"Succeeded","name":"from-monitor"}"#,
            )],
        ),
        (
            "GET /loc/x",
            vec![Reply::json(200, r#"{"name":"from-location"}"#)],
        ),
        (
            "GET /x",
            vec![Reply::json(200, r#"{"name":"from-original"}"#)],
        ),
    ])
    .await;
    let p = pipeline(&server.url());
    let run = |method: Method, via| {
        let p = p.clone();
        async move {
            Poller::<Resource>::new(p.clone(), p.request(method, "/x"), via)
                .await
                .unwrap()
                .name
        }
    };
    assert_eq!(
        run(Method::POST, None).await,
        "from-location",
        "POST defaults to Location"
    );
    assert_eq!(
        run(Method::PUT, None).await,
        "from-original",
        "PUT defaults to the original URI"
    );
    assert_eq!(
        run(Method::POST, Some(FinalStateVia::Location)).await,
        "from-location"
    );
    assert_eq!(
        run(Method::PUT, Some(FinalStateVia::AzureAsyncOperation)).await,
        "from-monitor"
    );
    assert_eq!(
        run(Method::POST, Some(FinalStateVia::OriginalUri)).await,
        "from-original"
    );
}

#[tokio::test]
async fn operation_location_final_state_follows_resource_location() {
    let server = scripted(&[
        (
            "POST /ol",
            vec![Reply::status(202).header("operation-location", "/ops/9")],
        ),
        (
            "GET /ops/9",
            vec![Reply::json(
                200,
                r#"{"status":"succeeded","resourceLocation":"/things/9"}"#,
            )],
        ),
        (
            "GET /things/9",
            vec![Reply::json(200, r#"{"name":"thing"}"#)],
        ),
    ])
    .await;
    let p = pipeline(&server.url());
    let result: Resource = Poller::new(
        p.clone(),
        p.request(Method::POST, "/ol"),
        Some(FinalStateVia::OperationLocation),
    )
    .await
    .unwrap();
    assert_eq!(result.name, "thing");
}

#[tokio::test]
async fn a_resume_token_continues_the_poll_in_a_fresh_pipeline() {
    let server = scripted(&[
        (
            "PUT /long",
            vec![Reply::status(201).header("azure-asyncoperation", "/op/long")],
        ),
        (
            "GET /op/long",
            vec![
                Reply::json(200, r#"{"status":"Running"}"#),
                Reply::json(200, r#"{"status":"Running"}"#),
                Reply::json(200, r#"{"status":"Succeeded"}"#),
            ],
        ),
        ("GET /long", vec![Reply::json(200, r#"{"name":"resumed"}"#)]),
    ])
    .await;
    let p = pipeline(&server.url());
    let mut poller = Poller::<Resource>::new(p.clone(), p.request(Method::PUT, "/long"), None);
    let token = match poller.next().await.unwrap().unwrap() {
        PollUpdate::InProgress { resume_token, .. } => resume_token,
        PollUpdate::Done(_) => panic!("not done yet"),
    };
    drop(poller);

    let fresh = pipeline(&server.url());
    let result: Resource = Poller::resume(fresh, &token).unwrap().await.unwrap();
    assert_eq!(result.name, "resumed");
    assert_eq!(
        calls(&server),
        [
            "PUT /long",
            "GET /op/long",
            "GET /op/long",
            "GET /op/long",
            "GET /long"
        ]
    );

    // A token is only good for its own endpoint, and garbage is refused.
    let other = pipeline("http://127.0.0.1:1");
    assert!(Poller::<Resource>::resume(other, &token).is_err());
    assert!(Poller::<Resource>::resume(pipeline(&server.url()), "not-a-token").is_err());
}

#[tokio::test]
async fn an_unparsable_retry_after_and_a_monitor_without_status() {
    let server = scripted(&[
        (
            "POST /odd",
            vec![
                Reply::status(202)
                    .header("azure-asyncoperation", "/op/odd")
                    .header("retry-after", "/bar"),
            ],
        ),
        (
            "GET /op/odd",
            vec![Reply::json(200, r#"{"unexpected":true}"#)],
        ),
    ])
    .await;
    let p = pipeline(&server.url());
    let err = Poller::<()>::new(p.clone(), p.request(Method::POST, "/odd"), None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("has no `status`"), "{err}");
}

#[tokio::test]
async fn a_terminal_put_ignores_polling_headers_and_a_bare_202_is_an_error() {
    let server = scripted(&[
        (
            "PUT /done",
            vec![
                Reply::json(
                    200,
                    r#"{"name":"done","properties":{"provisioningState":"Succeeded"}}"#,
                )
                .header("azure-asyncoperation", "http://elsewhere.example/op"),
            ],
        ),
        ("POST /bare", vec![Reply::status(202)]),
    ])
    .await;
    let p = pipeline(&server.url());
    let result: Resource = Poller::new(p.clone(), p.request(Method::PUT, "/done"), None)
        .await
        .unwrap();
    assert_eq!(result.name, "done");
    let err = Poller::<()>::new(p.clone(), p.request(Method::POST, "/bare"), None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no link to poll"), "{err}");
    assert_eq!(calls(&server), ["PUT /done", "POST /bare"]);
}

#[tokio::test]
async fn location_polling_reads_a_failed_provisioning_state_and_deletes_fetch_nothing_after() {
    let server = scripted(&[
        (
            "DELETE /gone",
            vec![Reply::status(202).header("location", "/loc/gone")],
        ),
        (
            "GET /loc/gone",
            vec![Reply::json(
                200,
                r#"{"properties":{"provisioningState":"Failed"}}"#,
            )],
        ),
        (
            "DELETE /ok",
            vec![
                Reply::status(202)
                    .header("azure-asyncoperation", "/op/ok")
                    .header("location", "/loc/ok"),
            ],
        ),
        (
            "GET /op/ok",
            vec![Reply::json(200, r#"{"status":"Succeeded"}"#)],
        ),
    ])
    .await;
    let p = pipeline(&server.url());
    let err = Poller::<()>::new(p.clone(), p.request(Method::DELETE, "/gone"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::OperationFailed { status, .. } if status == "Failed"),
        "{err}"
    );
    Poller::<()>::new(p.clone(), p.request(Method::DELETE, "/ok"), None)
        .await
        .unwrap();
    // No GET of the Location after the delete succeeded.
    assert_eq!(
        calls(&server),
        ["DELETE /gone", "GET /loc/gone", "DELETE /ok", "GET /op/ok"]
    );
}

#[tokio::test]
async fn an_operation_without_a_result_passes_over_a_body_but_not_invalid_json() {
    let server = scripted(&[
        (
            "POST /body",
            vec![Reply::json(200, r#"{"unexpected":"content"}"#)],
        ),
        ("POST /broken", vec![Reply::json(200, r#"{"unclosed":"#)]),
    ])
    .await;
    let p = pipeline(&server.url());
    Poller::<()>::new(p.clone(), p.request(Method::POST, "/body"), None)
        .await
        .unwrap();
    let err = Poller::<serde_json::Value>::new(p.clone(), p.request(Method::POST, "/broken"), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), restgen_runtime::ErrorKind::Decode);
}

#[tokio::test]
async fn a_put_polled_by_location_ends_on_the_resource_without_fetching_the_original_uri() {
    let server = scripted(&[
        (
            "PUT /thing",
            vec![Reply::status(202).header("location", "/thing/results")],
        ),
        (
            "GET /thing/results",
            vec![Reply::json(200, r#"{"name":"from-location"}"#)],
        ),
    ])
    .await;
    let p = pipeline(&server.url());
    let result: Resource = Poller::new(p.clone(), p.request(Method::PUT, "/thing"), None)
        .await
        .unwrap();
    assert_eq!(result.name, "from-location");
    assert_eq!(calls(&server), ["PUT /thing", "GET /thing/results"]);
}
