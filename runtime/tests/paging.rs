//! The pager against a loopback server: relative and absolute links, empty pages, repeats,
//! foreign hosts, next operations and api-version handling.

mod common;

use std::sync::Arc;

use common::{key_bytes, pipeline};
use restgen_runtime::paging::NextPage;
use restgen_runtime::{ApiVersionPolicy, ErrorKind, Method, Page, Pager, TryStreamExt};
use serde::Deserialize;
use test_server::{Reply, TestServer};

#[derive(Deserialize)]
struct NumberPage {
    value: Vec<u32>,
    #[serde(rename = "nextLink")]
    next_link: Option<String>,
}

impl Page for NumberPage {
    type Item = u32;
    fn into_parts(self) -> (Vec<u32>, Option<String>) {
        (self.value, self.next_link)
    }
}

/// A page like one whose spec says `nextLinkName: null`: the link is never followed.
#[derive(Deserialize)]
struct SinglePage {
    value: Vec<u32>,
}

impl Page for SinglePage {
    type Item = u32;
    fn into_parts(self) -> (Vec<u32>, Option<String>) {
        (self.value, None)
    }
}

fn three_pages(base: String) -> impl Fn(&test_server::Recorded) -> Reply {
    move |r| match r.target.as_str() {
        "/items?api-version=1" => Reply::json(200, r#"{"value":[],"nextLink":"items?page=1"}"#),
        "/items?page=1" => Reply::json(
            200,
            &format!(r#"{{"value":[1,2],"nextLink":"{base}/items?page=2"}}"#),
        ),
        "/items?page=2" => Reply::json(200, r#"{"value":[3],"nextLink":null}"#),
        other => Reply::json(
            404,
            &format!(r#"{{"error":{{"code":"NoRoute","message":"{other}"}}}}"#),
        ),
    }
}

async fn server_with(
    handler: impl Fn(&test_server::Recorded) -> Reply + Send + Sync + 'static,
) -> TestServer {
    TestServer::start_signed(&key_bytes(), handler).await
}

#[tokio::test]
async fn pages_through_relative_and_absolute_links_past_an_empty_first_page() {
    let port_holder = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    drop(port_holder);
    // The handler needs the server's own address for the absolute link: start, then route.
    let base = Arc::new(std::sync::OnceLock::<String>::new());
    let b = base.clone();
    let server = server_with(move |r| three_pages(b.get().cloned().unwrap_or_default())(r)).await;
    base.set(server.url()).unwrap();

    let p = pipeline(&server.url());
    let mut first = p.request(Method::GET, "/items");
    first.query("api-version", "1");
    let pager = Pager::new::<NumberPage>(
        p.clone(),
        first.clone(),
        &[200],
        NextPage::Link(ApiVersionPolicy::Keep),
    );
    let items: Vec<u32> = pager.try_collect().await.unwrap();
    assert_eq!(items, [1, 2, 3]);
    let seen = server.requests();
    assert_eq!(seen.len(), 3);
    for r in &seen {
        test_server::verify_hmac(&key_bytes(), r, &server.authority()).unwrap();
        assert_eq!(r.method, "GET");
    }

    let pages: Vec<Vec<u32>> =
        Pager::new::<NumberPage>(p, first, &[200], NextPage::Link(ApiVersionPolicy::Keep))
            .into_pages()
            .try_collect()
            .await
            .unwrap();
    assert_eq!(pages, vec![vec![], vec![1, 2], vec![3]]);
}

#[tokio::test]
async fn nothing_is_requested_until_polled_and_null_link_names_stop_at_one_page() {
    let server = server_with(|_| Reply::json(200, r#"{"value":[7],"nextLink":"/again"}"#)).await;
    let p = pipeline(&server.url());
    let pager = Pager::new::<SinglePage>(
        p.clone(),
        p.request(Method::GET, "/one"),
        &[200],
        NextPage::Link(ApiVersionPolicy::Keep),
    );
    assert!(server.requests().is_empty());
    assert_eq!(pager.try_collect::<Vec<_>>().await.unwrap(), [7]);
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_empty_link_ends_paging() {
    let server = server_with(|_| Reply::json(200, r#"{"value":[1],"nextLink":""}"#)).await;
    let p = pipeline(&server.url());
    let pager = Pager::new::<NumberPage>(
        p.clone(),
        p.request(Method::GET, "/e"),
        &[200],
        NextPage::Link(ApiVersionPolicy::Keep),
    );
    assert_eq!(pager.try_collect::<Vec<_>>().await.unwrap(), [1]);
}

#[tokio::test]
async fn a_repeating_link_stops_with_an_error() {
    let server = server_with(|r| match r.target.as_str() {
        "/r" => Reply::json(200, r#"{"value":[1],"nextLink":"/r?page=2"}"#),
        _ => Reply::json(200, r#"{"value":[2],"nextLink":"/r?page=2"}"#),
    })
    .await;
    let p = pipeline(&server.url());
    let mut pager = Pager::new::<NumberPage>(
        p.clone(),
        p.request(Method::GET, "/r"),
        &[200],
        NextPage::Link(ApiVersionPolicy::Keep),
    );
    assert_eq!(pager.try_next().await.unwrap(), Some(1));
    assert_eq!(pager.try_next().await.unwrap(), Some(2));
    let err = pager.try_next().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RepeatedLink);
    assert!(err.to_string().contains("a second time"), "{err}");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused() {
    let server = server_with(|_| {
        Reply::json(
            200,
            r#"{"value":[1],"nextLink":"https://attacker.example/steal"}"#,
        )
    })
    .await;
    let p = pipeline(&server.url());
    let mut pager = Pager::new::<NumberPage>(
        p.clone(),
        p.request(Method::GET, "/f"),
        &[200],
        NextPage::Link(ApiVersionPolicy::Keep),
    );
    assert_eq!(pager.try_next().await.unwrap(), Some(1));
    let err = pager.try_next().await.unwrap_err();
    assert!(
        err.to_string().contains("refusing to send credentials"),
        "{err}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_error_page_surfaces_the_service_error() {
    let server =
        server_with(|_| Reply::json(400, r#"{"error":{"code":"BadRequest","message":"no"}}"#))
            .await;
    let p = pipeline(&server.url());
    let mut pager = Pager::new::<NumberPage>(
        p.clone(),
        p.request(Method::GET, "/bad"),
        &[200],
        NextPage::Link(ApiVersionPolicy::Keep),
    );
    let err = pager.try_next().await.unwrap_err();
    assert_eq!(
        (err.status(), err.code(), err.message()),
        (Some(400), Some("BadRequest"), Some("no"))
    );
}

#[tokio::test]
async fn api_version_is_appended_or_replaced_as_asked() {
    let server = server_with(|r| match r.path() {
        "/v" => Reply::json(200, r#"{"value":[1],"nextLink":"/v2?api-version=old"}"#),
        _ => Reply::json(200, r#"{"value":[2]}"#),
    })
    .await;
    let p = pipeline(&server.url());
    let pager = Pager::new::<NumberPage>(
        p.clone(),
        p.request(Method::GET, "/v"),
        &[200],
        NextPage::Link(ApiVersionPolicy::Replace("new".into())),
    );
    assert_eq!(pager.try_collect::<Vec<_>>().await.unwrap(), [1, 2]);
    assert_eq!(server.requests()[1].target, "/v2?api-version=new");
}

#[tokio::test]
async fn the_next_page_can_come_from_another_operation() {
    let server = server_with(|r| match r.path() {
        "/first" => Reply::json(200, r#"{"value":[1],"nextLink":"page2"}"#),
        "/next/page2" => Reply::json(200, r#"{"value":[2],"nextLink":"page3"}"#),
        "/next/page3" => Reply::json(200, r#"{"value":[3]}"#),
        _ => Reply::status(404),
    })
    .await;
    let p = pipeline(&server.url());
    let builder = p.clone();
    let next = NextPage::Operation(Arc::new(move |link: &str| {
        let mut r = builder.request(Method::POST, &format!("/next/{link}"));
        r.query("api-version", "1");
        Ok(r)
    }));
    let pager = Pager::new::<NumberPage>(p.clone(), p.request(Method::GET, "/first"), &[200], next);
    assert_eq!(pager.try_collect::<Vec<_>>().await.unwrap(), [1, 2, 3]);
    let seen = server.requests();
    assert_eq!(seen[1].method, "POST");
    assert_eq!(seen[2].target, "/next/page3?api-version=1");
}

#[tokio::test]
async fn a_long_running_operation_whose_result_is_the_first_page_pages_on() {
    let server = server_with(|r| match (r.method.as_str(), r.path()) {
        ("POST", "/export") => Reply::status(202)
            .header("location", "/export/result")
            .header("retry-after", "0"),
        ("GET", "/export/result") => Reply::json(200, r#"{"value":[1,2],"nextLink":"/export/2"}"#),
        ("GET", "/export/2") => Reply::json(200, r#"{"value":[3]}"#),
        _ => Reply::status(404),
    })
    .await;
    let p = pipeline(&server.url());
    let mut start = p.request(Method::POST, "/export");
    start.header("x-ms-client-request-id", "export-1").unwrap();
    let template = start.clone();
    let (pipeline2, next) = (p.clone(), NextPage::Link(ApiVersionPolicy::Keep));
    let poller = restgen_runtime::Poller::<NumberPage>::new(p.clone(), start, None)
        .map(move |first| Pager::from_first_page(pipeline2, first, template, &[200], next));
    let pager = poller.await.unwrap();
    assert_eq!(pager.try_collect::<Vec<_>>().await.unwrap(), [1, 2, 3]);
    let seen = server.requests();
    let calls: Vec<String> = seen
        .iter()
        .map(|r| format!("{} {}", r.method, r.path()))
        .collect();
    assert_eq!(
        calls,
        ["POST /export", "GET /export/result", "GET /export/2"]
    );
    // The next page carries the starting request's headers.
    assert_eq!(seen[2].header("x-ms-client-request-id"), Some("export-1"));
}
