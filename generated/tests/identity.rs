//! Every identity operation against a loopback server that checks the signature, method, path,
//! query, headers and body, answering with the responses of the spec's examples.

mod common;

use azure_communication_administration::identity::{
    CommunicationIdentityClient, RevokeTokensOptions,
};
use azure_communication_administration::{ErrorKind, OffsetDateTime};
use common::{body_json, connection_string, only_request, options, server};
use test_server::Reply;

const USER: &str =
    "8:acs:2dee53b4-368b-45b4-ab52-8493fb117652_00000005-14a2-493b-8a72-5a3a0d000081";
const USER_PATH: &str = "/identities/8%3Aacs%3A2dee53b4-368b-45b4-ab52-8493fb117652_00000005-14a2-493b-8a72-5a3a0d000081";

fn client(server: &test_server::TestServer) -> CommunicationIdentityClient {
    CommunicationIdentityClient::from_connection_string(&connection_string(server), options())
        .unwrap()
}

#[tokio::test]
async fn create_user() {
    let server = server(|_| Reply::json(200, &format!(r#"{{"id":"{USER}"}}"#))).await;
    let user = client(&server).create_user().await.unwrap();
    assert_eq!(user.id, USER);
    let r = only_request(&server);
    assert_eq!(r.method, "POST");
    assert_eq!(r.target, "/identities?api-version=2020-07-20-preview2");
    assert_eq!(r.header("accept"), Some("application/json"));
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-length"), Some("0"));
}

#[tokio::test]
async fn a_caller_chosen_request_id_is_sent_and_the_client_is_otherwise_unchanged() {
    let server = server(|_| Reply::json(200, &format!(r#"{{"id":"{USER}"}}"#))).await;
    let c = client(&server);
    let traced = c.with_call_options(
        azure_communication_administration::CallOptions::new()
            .with_client_request_id("my-trace-0001"),
    );
    traced.create_user().await.unwrap();
    c.create_user().await.unwrap();
    let seen = server.requests();
    assert_eq!(
        seen[0].header("x-ms-client-request-id"),
        Some("my-trace-0001")
    );
    let generated = seen[1].header("x-ms-client-request-id").unwrap();
    assert_ne!(generated, "my-trace-0001");
    assert_eq!(generated.len(), 36);
}

#[tokio::test]
async fn a_response_capture_keeps_the_status_and_headers_beside_the_typed_result() {
    let server = server(|_| {
        Reply::json(200, &format!(r#"{{"id":"{USER}"}}"#))
            .header("x-ms-request-id", "4a1b2c3d-service")
            .header("etag", "\"0x8D8\"")
    })
    .await;
    let capture = azure_communication_administration::ResponseCapture::new();
    assert!(capture.last().is_none());
    let c = client(&server).with_call_options(
        azure_communication_administration::CallOptions::new()
            .with_response_capture(capture.clone()),
    );
    let user = c.create_user().await.unwrap();
    assert_eq!(user.id, USER);
    let response = capture.last().unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.request_id(), Some("4a1b2c3d-service"));
    assert_eq!(response.header("etag"), Some("\"0x8D8\""));
}

/// A user id that would climb the path (`/identities/..` is `/` once a URL parser folds it) or
/// name no resource is refused before anything is signed or sent; any other text is one
/// encoded segment.
#[tokio::test]
async fn path_parameters_cannot_climb_the_path() {
    let server = server(|_| Reply::status(204)).await;
    let c = client(&server);
    for user in ["", ".", ".."] {
        let err = c.delete_user(user).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{user:?}: {err}");
        assert!(err.to_string().contains("`id`"), "{err}");
        let err = c.issue_token(user, vec!["chat".into()]).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{user:?}: {err}");
    }
    assert!(server.requests().is_empty(), "nothing is sent");
    for (user, path) in [
        ("%2E%2E", "/identities/%252E%252E"),
        ("../admin", "/identities/..%2Fadmin"),
        ("...", "/identities/..."),
        (" .. ", "/identities/%20..%20"),
    ] {
        c.delete_user(user).await.unwrap();
        let seen = server.requests();
        let r = seen.last().unwrap();
        assert_eq!(r.path(), path, "{user:?}");
    }
}

#[tokio::test]
async fn delete_user() {
    let server = server(|_| Reply::status(204)).await;
    client(&server).delete_user(USER).await.unwrap();
    let r = only_request(&server);
    assert_eq!(r.method, "DELETE");
    assert_eq!(
        r.target,
        format!("{USER_PATH}?api-version=2020-07-20-preview2")
    );
}

#[tokio::test]
async fn issue_token() {
    let server = server(|_| {
        Reply::json(
            200,
            &format!(r#"{{"id":"{USER}","token":"eyJhbGciOiJSUzI1NiJ9.e30.sig","expiresOn":"2020-09-10T21:39:39.3244584+00:00"}}"#),
        )
    })
    .await;
    let token = client(&server)
        .issue_token(USER, vec!["chat".to_owned()])
        .await
        .unwrap();
    assert_eq!(token.id, USER);
    assert_eq!(token.token, "eyJhbGciOiJSUzI1NiJ9.e30.sig");
    assert_eq!(token.expires_on.unix_timestamp(), 1_599_773_979);
    // The access token never shows in logs: `Debug` redacts it.
    let printed = format!("{token:?}");
    assert!(!printed.contains("eyJ"), "{printed}");
    assert!(printed.contains(r#"token: "<redacted>""#), "{printed}");
    let r = only_request(&server);
    assert_eq!(r.method, "POST");
    assert_eq!(
        r.target,
        format!("{USER_PATH}/token?api-version=2020-07-20-preview2")
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.body_text(), r#"{"scopes":["chat"]}"#);
}

#[tokio::test]
async fn revoke_tokens_with_and_without_a_time() {
    let server = server(|_| Reply::status(204)).await;
    let c = client(&server);
    let before =
        azure_communication_administration::OffsetDateTime::from_unix_timestamp(1_492_405_458)
            .unwrap();
    c.revoke_tokens(
        USER,
        Some(RevokeTokensOptions {
            issued_before: Some(before),
        }),
    )
    .await
    .unwrap();
    c.revoke_tokens(USER, None).await.unwrap();
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    for r in &seen {
        test_server::verify_hmac(&common::key_bytes(), r, &server.authority()).unwrap();
        assert_eq!(r.method, "PATCH");
        assert_eq!(
            r.target,
            format!("{USER_PATH}?api-version=2020-07-20-preview2")
        );
        assert_eq!(
            r.header("content-type"),
            Some("application/merge-patch+json")
        );
    }
    assert_eq!(
        body_json(&seen[0]),
        serde_json::json!({"tokensValidFrom": "2017-04-17T05:04:18Z"})
    );
    assert_eq!(seen[1].body_text(), "{}");
}

#[tokio::test]
async fn an_error_response_carries_status_code_and_message() {
    let server = server(|_| {
        Reply::json(
            404,
            r#"{"error":{"code":"IdentityNotFound","message":"The identity does not exist."}}"#,
        )
        .header("x-ms-request-id", "abc-123")
    })
    .await;
    let err = client(&server).delete_user(USER).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Service);
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.code(), Some("IdentityNotFound"));
    assert_eq!(err.message(), Some("The identity does not exist."));
    assert_eq!(
        err.to_string(),
        "HTTP 404 Not Found: IdentityNotFound: The identity does not exist. (request id abc-123)"
    );
}

#[tokio::test]
async fn an_unexpected_success_status_is_an_error() {
    // Delete succeeds with 204 only.
    let server = server(|_| Reply::status(200)).await;
    let err = client(&server).delete_user(USER).await.unwrap_err();
    assert_eq!(err.status(), Some(200));
}

#[test]
fn bad_connection_strings_are_explained_without_the_key() {
    let secret = "c3VwZXItc2VjcmV0LWtleQ";
    let err = CommunicationIdentityClient::from_connection_string(
        &format!("endpoint=https://x.communication.azure.com/;accesskey={secret}!"),
        options(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credential);
    assert!(!format!("{err} {err:?}").contains(secret));
    let err = CommunicationIdentityClient::from_connection_string(
        &format!(
            "endpoint=http://contoso.communication.azure.com/;accesskey={}",
            common::ACCESS_KEY
        ),
        options(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("refusing plain http"), "{err}");
}

#[test]
fn new_takes_an_endpoint_and_a_credential() {
    let credential =
        azure_communication_administration::KeyCredential::from_base64(common::ACCESS_KEY).unwrap();
    let client = CommunicationIdentityClient::new(
        "https://contoso.communication.azure.com/",
        credential,
        options(),
    )
    .unwrap();
    assert_eq!(
        client.pipeline().endpoint().as_str(),
        "https://contoso.communication.azure.com/"
    );
    let _: OffsetDateTime = OffsetDateTime::UNIX_EPOCH;
}
