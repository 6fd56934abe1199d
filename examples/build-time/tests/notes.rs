//! The generated client over loopback: the operations the spec declares, on the wire as it says.

use restgen_build_time_example::{ListOptions, Note, NotesClient};
use restgen_runtime::{ClientOptions, Credential};
use test_server::{Reply, TestServer};

#[tokio::test]
async fn the_client_generated_at_build_time_lists_and_writes_notes() {
    let server = TestServer::start(|r| match r.method.as_str() {
        "GET" => Reply::json(
            200,
            r#"[{"text":"milk","tags":["shop"],"updated":"2026-01-02T03:04:05Z"}]"#,
        ),
        _ => Reply::json(200, &r.body_text()),
    })
    .await;
    let client = NotesClient::new(
        &server.url(),
        Credential::Anonymous,
        ClientOptions::default(),
    )
    .unwrap();
    let options = ListOptions {
        tag: Some("shop".into()),
    };
    let notes = client.list(Some(options)).await.unwrap();
    assert_eq!(notes[0].text, "milk");
    assert_eq!(notes[0].updated.unwrap().unix_timestamp(), 1_767_323_045);
    let mut note = Note::new("eggs".into());
    note.tags = Some(vec!["shop".into()]);
    let stored = client.put("n1", &note).await.unwrap();
    assert_eq!(stored.text, "eggs");
    let requests = server.requests();
    assert_eq!(requests[0].target, "/notes?tag=shop");
    assert_eq!(requests[1].target, "/notes/n1");
    // Read-only fields are never sent.
    assert_eq!(
        requests[1].body_text(),
        r#"{"text":"eggs","tags":["shop"]}"#
    );
}
