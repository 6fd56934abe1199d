//! Communication Identity 2026-09-23 against a loopback server that checks the signature,
//! method, path, query and body of each request, answering as the spec's examples do.

mod common;

use azure_communication_administration::identity_2026_09_23::{
    CommunicationErrorResponse, CommunicationIdentityClient,
    CommunicationIdentityTokenScope as Scope, CreateUserOptions, IssueAccessTokenOptions,
    TeamsUserExchangeTokenRequest,
};
use common::{body_json, connection_string, only_request, options, server};
use serde_json::json;
use test_server::{Recorded, Reply, TestServer};

const V: &str = "api-version=2026-09-23";
const USER: &str =
    "8:acs:2dee53b4-368b-45b4-ab52-8493fb117652_00000005-14a2-493b-8a72-5a3a0d000081";
const USER_PATH: &str = "/identities/8%3Aacs%3A2dee53b4-368b-45b4-ab52-8493fb117652_00000005-14a2-493b-8a72-5a3a0d000081";

fn client(server: &TestServer) -> CommunicationIdentityClient {
    CommunicationIdentityClient::from_connection_string(&connection_string(server), options())
        .unwrap()
}

#[tokio::test]
async fn create_a_user_with_a_token() {
    let server = server(|_| {
        Reply::json(
            201,
            &format!(
                r#"{{"identity":{{"id":"{USER}"}},"accessToken":{{"token":"t0k3n","expiresOn":"2026-12-02T10:00:00.1234567+00:00"}}}}"#
            ),
        )
    })
    .await;
    let created = client(&server)
        .create_user(Some(CreateUserOptions {
            create_token_with_scopes: Some(vec![Scope::Chat, Scope::Voip]),
            expires_in_minutes: Some(60),
        }))
        .await
        .unwrap();
    assert_eq!(created.identity.id, USER);
    let token = created.access_token.unwrap();
    assert_eq!(token.token, "t0k3n");
    assert_eq!(token.expires_on.nanosecond(), 123_456_700);
    let r = only_request(&server);
    assert_eq!(
        (r.method.as_str(), r.target.as_str()),
        ("POST", format!("/identities?{V}").as_str())
    );
    assert_eq!(
        body_json(&r),
        json!({"createTokenWithScopes": ["chat", "voip"], "expiresInMinutes": 60})
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn issue_revoke_and_delete() {
    let server = server(|r: &Recorded| match r.method.as_str() {
        "POST" if r.path().ends_with(":issueAccessToken") => Reply::json(
            200,
            r#"{"token":"t0k3n","expiresOn":"2026-12-02T11:00:00Z"}"#,
        ),
        _ => Reply::status(204),
    })
    .await;
    let c = client(&server);
    let token = c
        .issue_access_token(
            USER,
            vec![Scope::ChatJoinLimited],
            Some(IssueAccessTokenOptions {
                expires_in_minutes: Some(90),
            }),
        )
        .await
        .unwrap();
    assert_eq!(token.token, "t0k3n");
    c.revoke_access_tokens(USER).await.unwrap();
    c.delete_user(USER).await.unwrap();
    let seen = server.requests();
    for r in &seen {
        test_server::verify_hmac(&common::key_bytes(), r, &server.authority()).unwrap();
    }
    assert_eq!(seen[0].target, format!("{USER_PATH}/:issueAccessToken?{V}"));
    assert_eq!(
        body_json(&seen[0]),
        json!({"scopes": ["chat.join.limited"], "expiresInMinutes": 90})
    );
    assert_eq!(
        (seen[1].method.as_str(), seen[1].target.as_str()),
        (
            "POST",
            format!("{USER_PATH}/:revokeAccessTokens?{V}").as_str()
        )
    );
    assert_eq!(seen[1].header("content-length"), Some("0"));
    assert_eq!(
        (seen[2].method.as_str(), seen[2].target.as_str()),
        ("DELETE", format!("{USER_PATH}?{V}").as_str())
    );
}

#[tokio::test]
async fn a_teams_user_token_and_an_error_the_service_explains() {
    let server = server(|_| {
        Reply::json(
            401,
            r#"{"error":{"code":"InvalidAccessToken","message":"The Teams token has expired.","innererror":{"code":"Expired","message":"expired at 09:00"}}}"#,
        )
    })
    .await;
    let request = TeamsUserExchangeTokenRequest::new(
        "aad-token".into(),
        "app-id".into(),
        "user-object-id".into(),
    );
    let err = client(&server)
        .get_token_for_teams_user(&request)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.code(), Some("InvalidAccessToken"));
    assert_eq!(err.message(), Some("The Teams token has expired."));
    let model = err.model::<CommunicationErrorResponse>().unwrap();
    assert_eq!(model.error.inner_error.as_ref().unwrap().code, "Expired");
    let r = only_request(&server);
    assert_eq!(r.target, format!("/teamsUser/:exchangeAccessToken?{V}"));
    assert_eq!(
        body_json(&r),
        json!({"token": "aad-token", "appId": "app-id", "userId": "user-object-id"})
    );
}

/// The api-version is the client's: the one the module was generated for, or the caller's.
#[tokio::test]
async fn the_api_version_is_chosen_when_the_client_is_built() {
    let server = server(|_| Reply::status(204)).await;
    let c = CommunicationIdentityClient::from_connection_string(
        &connection_string(&server),
        options().with_api_version("2025-06-30"),
    )
    .unwrap();
    c.delete_user("u").await.unwrap();
    assert_eq!(
        only_request(&server).target,
        "/identities/u?api-version=2025-06-30"
    );
    assert_eq!(CommunicationIdentityClient::API_VERSION, "2026-09-23");
}

/// A token source of the application's own, written with nothing but this crate's names (the
/// adapter a user writes for another credential library looks like this): counts its fetches
/// and hands out a token valid for an hour.
#[derive(Debug, Default)]
struct FromVault {
    fetches: std::sync::atomic::AtomicUsize,
}

impl azure_communication_administration::TokenCredential for FromVault {
    fn get_token<'a>(
        &'a self,
        scopes: &'a [String],
    ) -> azure_communication_administration::BoxFuture<
        'a,
        azure_communication_administration::Result<azure_communication_administration::AccessToken>,
    > {
        Box::pin(async move {
            assert_eq!(scopes, ["https://communication.azure.com/.default"]);
            self.fetches
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let expires = azure_communication_administration::OffsetDateTime::now_utc()
                + std::time::Duration::from_secs(3600);
            Ok(azure_communication_administration::AccessToken::new(
                "vault-token",
                Some(expires),
            ))
        })
    }
}

#[tokio::test]
async fn a_token_credential_written_with_the_crates_own_names_authenticates_calls() {
    let server = TestServer::start(|r| {
        assert_eq!(r.header("authorization"), Some("Bearer vault-token"));
        assert_eq!(r.header("x-ms-date"), None);
        Reply::json(201, &format!(r#"{{"identity":{{"id":"{USER}"}}}}"#))
    })
    .await;
    let vault = std::sync::Arc::new(FromVault::default());
    // The client knows its scopes; the token is fetched once and reused.
    let client =
        CommunicationIdentityClient::with_token_credential(&server.url(), vault.clone(), options())
            .unwrap();
    for _ in 0..3 {
        let created = client.create_user(None).await.unwrap();
        assert_eq!(created.identity.id, USER);
    }
    assert_eq!(server.requests().len(), 3);
    assert_eq!(vault.fetches.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(
        CommunicationIdentityClient::SCOPES,
        ["https://communication.azure.com/.default"]
    );
}
