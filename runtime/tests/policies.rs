//! The caller's own policies over loopback: a per-call policy runs once, a per-try one before
//! every try (retries included) and before signing, so the query it adds is signed; each sees
//! the responses its stage sees; a policy cannot set a header the pipeline owns, and its error
//! ends the call before anything is sent.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{KEY_B64, fast_options, key_bytes};
use restgen_runtime::{
    Error, ErrorKind, KeyCredential, Method, Pipeline, Policy, PolicyContext, Request, Response,
    Result,
};
use test_server::{Reply, TestServer};

/// Records what it sees, and adds a header and a query parameter naming its stage and try.
#[derive(Debug)]
struct Recorder {
    stage: &'static str,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Policy for Recorder {
    fn on_request(&self, request: &mut Request, context: &PolicyContext) -> Result<()> {
        let attempt = context.attempt.to_string();
        self.seen.lock().unwrap().push(format!(
            "{} request {} try {attempt}",
            self.stage,
            context.operation.unwrap_or("-")
        ));
        request.header(
            if self.stage == "call" {
                "x-call"
            } else {
                "x-try"
            },
            &attempt,
        )?;
        if self.stage == "try" {
            request.query("try", &attempt);
        }
        Ok(())
    }

    fn on_response(&self, response: &Response, context: &PolicyContext) {
        self.seen.lock().unwrap().push(format!(
            "{} response {} try {}",
            self.stage,
            response.status().as_u16(),
            context.attempt
        ));
    }
}

fn pipeline(server: &TestServer, options: restgen_runtime::ClientOptions) -> Pipeline {
    Pipeline::new(
        ("policies", "0"),
        &server.url(),
        KeyCredential::from_base64(KEY_B64).unwrap(),
        options,
    )
    .unwrap()
}

#[tokio::test]
async fn per_call_and_per_try_policies_run_in_order_and_what_they_add_is_signed() {
    let calls = Arc::new(Mutex::new(0));
    let counter = calls.clone();
    let server = TestServer::start(move |_| {
        let mut n = counter.lock().unwrap();
        *n += 1;
        if *n < 3 {
            Reply::status(503)
        } else {
            Reply::json(200, "{}")
        }
    })
    .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let options = fast_options()
        .with_per_call_policy(Recorder {
            stage: "call",
            seen: seen.clone(),
        })
        .with_per_try_policy(Recorder {
            stage: "try",
            seen: seen.clone(),
        });
    let p = pipeline(&server, options);
    let mut request = p.request(Method::GET, "/things");
    request.set_operation("Things_List");
    request.query("api-version", "1");
    let response = p.send(request).await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        *seen.lock().unwrap(),
        [
            "call request Things_List try 0",
            "try request Things_List try 0",
            "try response 503 try 0",
            "try request Things_List try 1",
            "try response 503 try 1",
            "try request Things_List try 2",
            "try response 200 try 2",
            "call response 200 try 0",
        ]
    );
    let requests = server.requests();
    let targets: Vec<&str> = requests.iter().map(|r| r.target.as_str()).collect();
    // Each try has its own query parameter, added to the call's (never to the last try's).
    assert_eq!(
        targets,
        [
            "/things?api-version=1&try=0",
            "/things?api-version=1&try=1",
            "/things?api-version=1&try=2"
        ]
    );
    for (i, r) in requests.iter().enumerate() {
        assert_eq!(r.header("x-call"), Some("0"));
        assert_eq!(r.header("x-try"), Some(i.to_string().as_str()));
        test_server::verify_hmac(&key_bytes(), r, &server.authority()).unwrap();
    }
}

/// Sets a header only the pipeline may set.
#[derive(Debug)]
struct Forger;

impl Policy for Forger {
    fn on_request(&self, request: &mut Request, _: &PolicyContext) -> Result<()> {
        request
            .headers_mut()
            .insert("authorization", "Bearer forged".parse().unwrap());
        Ok(())
    }
}

/// Refuses every request.
#[derive(Debug)]
struct Gate;

impl Policy for Gate {
    fn on_request(&self, _: &mut Request, _: &PolicyContext) -> Result<()> {
        Err(Error::InvalidArgument {
            name: "gate".into(),
            reason: "is closed".into(),
        })
    }
}

#[tokio::test]
async fn a_policy_cannot_set_an_owned_header_and_its_error_ends_the_call_unsent() {
    let server = TestServer::start(|_| Reply::json(200, "{}")).await;
    for options in [
        fast_options().with_per_call_policy(Forger),
        fast_options().with_per_try_policy(Forger),
    ] {
        let p = pipeline(&server, options);
        let err = p.send(p.request(Method::GET, "/x")).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidHeader, "{err}");
        assert!(!err.to_string().contains("forged"), "{err}");
    }
    for options in [
        fast_options().with_per_call_policy(Gate),
        fast_options()
            .with_per_try_policy(Gate)
            .with_retry_delays(Duration::from_secs(30), Duration::from_secs(30)),
    ] {
        let p = pipeline(&server, options);
        let err = p.send(p.request(Method::GET, "/x")).await.unwrap_err();
        assert_eq!(err.to_string(), "argument `gate` is closed");
    }
    assert!(server.requests().is_empty());
}
