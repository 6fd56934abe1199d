//! Entra ID tokens over loopback, from a fake credential (nothing reaches the network): one
//! fetch for many concurrent calls, reuse until five minutes before expiry, a refresh then, a
//! failed early refresh riding on the still-valid token, and a failing credential as an
//! authentication error with nothing sent. The server checks each `Authorization` header.

mod common;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::fast_options;
use restgen_runtime::{
    AccessToken, BearerTokenCredential, BoxFuture, Error, ErrorKind, Method, OffsetDateTime,
    Pipeline, Result, TokenCredential,
};
use test_server::{Reply, TestServer};

const SCOPE: &str = "https://communication.azure.com/.default";

/// A token and how long it lives, or the credential's failure.
type Answer = std::result::Result<(String, Option<Duration>), String>;

/// Hands out scripted answers, one per request (the last repeats), after a short delay, and
/// counts the requests and the scopes asked for.
#[derive(Debug)]
struct Scripted {
    answers: Mutex<VecDeque<Answer>>,
    asked: Mutex<Vec<Vec<String>>>,
}

impl Scripted {
    fn new(answers: Vec<std::result::Result<(&str, Option<u64>), &str>>) -> Arc<Self> {
        Arc::new(Self {
            answers: Mutex::new(
                answers
                    .into_iter()
                    .map(|a| {
                        a.map(|(t, secs)| (t.to_owned(), secs.map(Duration::from_secs)))
                            .map_err(str::to_owned)
                    })
                    .collect(),
            ),
            asked: Mutex::new(Vec::new()),
        })
    }

    fn fetches(&self) -> usize {
        self.asked.lock().unwrap().len()
    }
}

impl TokenCredential for Scripted {
    fn get_token<'a>(&'a self, scopes: &'a [String]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(async move {
            self.asked.lock().unwrap().push(scopes.to_vec());
            tokio::time::sleep(Duration::from_millis(30)).await;
            let answer = {
                let mut answers = self.answers.lock().unwrap();
                if answers.len() > 1 {
                    answers.pop_front().unwrap()
                } else {
                    answers.front().cloned().unwrap()
                }
            };
            match answer {
                Ok((token, lifetime)) => Ok(AccessToken::new(
                    token,
                    lifetime.map(|l| OffsetDateTime::now_utc() + l),
                )),
                Err(message) => Err(Error::InvalidArgument {
                    name: "credential".into(),
                    reason: message,
                }),
            }
        })
    }
}

async fn pipeline(server: &TestServer, source: Arc<Scripted>) -> Pipeline {
    let bearer = BearerTokenCredential::new(source, vec![SCOPE.into()]);
    Pipeline::new(("tokens", "0"), &server.url(), bearer, fast_options()).unwrap()
}

fn bearers(server: &TestServer) -> Vec<String> {
    server
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap_or("-").to_owned())
        .collect()
}

#[tokio::test]
async fn concurrent_calls_share_one_fetch_and_reuse_the_token() {
    let server = TestServer::start(|_| Reply::status(204)).await;
    let source = Scripted::new(vec![Ok(("t1", Some(3600)))]);
    let p = pipeline(&server, source.clone()).await;
    let calls = (0..10).map(|_| p.send(p.request(Method::GET, "/x")));
    for r in futures_util::future::join_all(calls).await {
        r.unwrap();
    }
    // A clone (another client built with the same credential) shares the cache.
    let again = p.clone();
    again.send(again.request(Method::GET, "/x")).await.unwrap();
    assert_eq!(source.fetches(), 1);
    assert_eq!(source.asked.lock().unwrap()[0], [SCOPE]);
    assert_eq!(bearers(&server), vec!["Bearer t1"; 11]);
}

#[tokio::test]
async fn a_token_near_its_expiry_is_refreshed_and_one_without_expiry_is_not_kept() {
    let server = TestServer::start(|_| Reply::status(204)).await;
    // Four minutes left is inside the five-minute refresh window.
    let source = Scripted::new(vec![Ok(("short", Some(240))), Ok(("long", Some(3600)))]);
    let p = pipeline(&server, source.clone()).await;
    for _ in 0..3 {
        p.send(p.request(Method::GET, "/x")).await.unwrap();
    }
    assert_eq!(source.fetches(), 2);
    assert_eq!(
        bearers(&server),
        ["Bearer short", "Bearer long", "Bearer long"]
    );

    let server = TestServer::start(|_| Reply::status(204)).await;
    let source = Scripted::new(vec![Ok(("whenever", None))]);
    let p = pipeline(&server, source.clone()).await;
    for _ in 0..2 {
        p.send(p.request(Method::GET, "/x")).await.unwrap();
    }
    assert_eq!(source.fetches(), 2);
}

#[tokio::test]
async fn a_failed_early_refresh_keeps_the_valid_token_and_a_failing_credential_sends_nothing() {
    let server = TestServer::start(|_| Reply::status(204)).await;
    // Two minutes left: refreshed early, the refresh fails, the token still serves.
    let source = Scripted::new(vec![Ok(("t1", Some(120))), Err("the CLI is not logged in")]);
    let p = pipeline(&server, source.clone()).await;
    p.send(p.request(Method::GET, "/x")).await.unwrap();
    p.send(p.request(Method::GET, "/x")).await.unwrap();
    assert_eq!(source.fetches(), 2);
    assert_eq!(bearers(&server), ["Bearer t1", "Bearer t1"]);

    let server = TestServer::start(|_| Reply::status(204)).await;
    let source = Scripted::new(vec![Err("the CLI is not logged in")]);
    let p = pipeline(&server, source.clone()).await;
    let err = p.send(p.request(Method::GET, "/x")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert_eq!(
        err.to_string(),
        "authentication failed: argument `credential` the CLI is not logged in"
    );
    // Not retried: the credential is asked once, and nothing is sent.
    assert_eq!(source.fetches(), 1);
    assert!(server.requests().is_empty());
}

/// A credential of the official Azure SDK's kind (as `azure_identity`'s are), failing on
/// demand.
#[derive(Debug)]
struct AzureSdkCredential {
    fail: bool,
}

#[async_trait::async_trait]
impl azure_core::credentials::TokenCredential for AzureSdkCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _: Option<azure_core::credentials::TokenRequestOptions<'_>>,
    ) -> azure_core::Result<azure_core::credentials::AccessToken> {
        assert_eq!(scopes, [SCOPE]);
        if self.fail {
            return Err(azure_core::Error::with_message(
                azure_core::error::ErrorKind::Credential,
                "DeveloperToolsCredential: no developer tool is logged in",
            ));
        }
        Ok(azure_core::credentials::AccessToken::new(
            "from-azure-identity",
            OffsetDateTime::now_utc() + Duration::from_secs(3600),
        ))
    }
}

#[tokio::test]
async fn an_azure_core_credential_is_a_token_source_as_it_is() {
    let server = TestServer::start(|_| Reply::status(204)).await;
    let credential = Arc::new(AzureSdkCredential { fail: false });
    let bearer = BearerTokenCredential::new(credential, vec![SCOPE.into()]);
    let p = Pipeline::new(("tokens", "0"), &server.url(), bearer, fast_options()).unwrap();
    p.send(p.request(Method::GET, "/x")).await.unwrap();
    assert_eq!(bearers(&server), ["Bearer from-azure-identity"]);

    // Held as `Arc<dyn ...>`, as azure_identity's factory functions give it.
    let failing: Arc<dyn azure_core::credentials::TokenCredential> =
        Arc::new(AzureSdkCredential { fail: true });
    let failing = restgen_runtime::azure_core::credential(failing);
    let bearer = BearerTokenCredential::new(failing, vec![SCOPE.into()]);
    let p = Pipeline::new(("tokens", "0"), &server.url(), bearer, fast_options()).unwrap();
    let err = p.send(p.request(Method::GET, "/x")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert!(
        err.to_string()
            .starts_with("authentication failed: DeveloperToolsCredential: no developer tool"),
        "{err}"
    );
    assert_eq!(server.requests().len(), 1);
}
