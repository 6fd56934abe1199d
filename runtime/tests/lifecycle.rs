//! Long-running operations read as their spec says, beyond the ARM words: a service's own
//! terminal statuses, a status nested in the polled resource, and the first call's own success
//! statuses and error model.

mod common;

use common::{pipeline, scripted};
use restgen_runtime::{ErrorKind, ErrorModel, Lifecycle, LroSpec, Method, Poller};
use serde::Deserialize;
use test_server::Reply;

#[derive(Debug, Deserialize, PartialEq)]
struct Model {
    #[serde(rename = "modelInfo")]
    info: Info,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Info {
    status: String,
}

/// A translation batch's statuses: `ValidationFailed` ends it (it used to poll forever).
#[tokio::test]
async fn a_service_status_that_ends_the_operation() {
    let server = scripted(&[
        (
            "POST /batches",
            vec![Reply::status(202).header("operation-location", "/batches/7")],
        ),
        (
            "GET /batches/7",
            vec![
                Reply::json(200, r#"{"status":"NotStarted"}"#),
                Reply::json(200, r#"{"status":"ValidationFailed","error":{"code":"InvalidDocumentAccessLevel","message":"The source is not readable."}}"#),
            ],
        ),
    ])
    .await;
    let p = pipeline(&server.url());
    let spec = LroSpec {
        lifecycle: Lifecycle::new(
            None,
            &["Succeeded"],
            &["Failed", "ValidationFailed"],
            &["Cancelled"],
        ),
        ..LroSpec::default()
    };
    let err = Poller::<()>::with_spec(p.clone(), p.request(Method::POST, "/batches"), spec)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OperationFailed, "{err}");
    assert_eq!(err.code(), Some("InvalidDocumentAccessLevel"));
}

/// A model training (`201` + `Location`): the model answers 200 while `creating`; its nested
/// status decides, and the result is the model itself.
#[tokio::test]
async fn a_nested_status_is_polled_until_it_is_terminal() {
    let server = scripted(&[
        (
            "POST /custom/models",
            vec![Reply::status(201).header("location", "/custom/models/m1")],
        ),
        (
            "GET /custom/models/m1",
            vec![
                Reply::json(200, r#"{"modelInfo":{"status":"creating"}}"#),
                Reply::json(200, r#"{"modelInfo":{"status":"creating"}}"#),
                Reply::json(200, r#"{"modelInfo":{"status":"ready"}}"#),
            ],
        ),
    ])
    .await;
    let p = pipeline(&server.url());
    let spec = LroSpec {
        lifecycle: Lifecycle::new(Some("/modelInfo/status"), &["ready"], &["invalid"], &[]),
        initial: &[201],
        ..LroSpec::default()
    };
    let model: Model =
        Poller::with_spec(p.clone(), p.request(Method::POST, "/custom/models"), spec)
            .await
            .unwrap();
    assert_eq!(model.info.status, "ready");
    assert_eq!(server.requests().len(), 4, "three polls of the model");
}

#[derive(Debug, Deserialize, PartialEq)]
struct SpecError {
    bad: String,
}

fn decode(status: u16, body: &[u8]) -> Option<ErrorModel> {
    (status == 400).then(|| ErrorModel::decode::<SpecError>(body))?
}

/// The first call succeeds only with the spec's statuses, and its errors carry the spec's model.
#[tokio::test]
async fn the_first_call_is_read_as_the_spec_declares() {
    let server = scripted(&[
        ("POST /jobs", vec![Reply::json(400, r#"{"bad":"input"}"#)]),
        ("POST /other", vec![Reply::status(200)]),
    ])
    .await;
    let p = pipeline(&server.url());
    let spec = || LroSpec {
        initial: &[202],
        errors: Some(decode),
        ..LroSpec::default()
    };
    let err = Poller::<()>::with_spec(p.clone(), p.request(Method::POST, "/jobs"), spec())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(
        err.model::<SpecError>(),
        Some(&SpecError {
            bad: "input".into()
        })
    );
    // A 200 the spec does not declare for the first call is an error, not a finished operation.
    let err = Poller::<()>::with_spec(p.clone(), p.request(Method::POST, "/other"), spec())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(200));
}
