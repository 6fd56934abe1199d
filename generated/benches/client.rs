//! The generated client against a loopback server: sequential `get_search_by_id` calls, and a
//! 10,000-item `list_all_phone_numbers` in pages of 100. The 2020 Python client managed about
//! 1,500 calls per second and 24 µs per listed item on this kind of machine. And decoding alone:
//! a page of 1,000 phone numbers from bytes, and one search.
//!
//! `cargo bench -p azure_communication_administration`

use std::time::Duration;

use azure_communication_administration::phone_numbers::PhoneNumberAdministrationClient;
use azure_communication_administration::{ClientOptions, TryStreamExt};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use test_server::{Reply, TestServer};

const KEY: &str = "dGVzdC1hY2Nlc3Mta2V5LTAxMjM0NTY3ODk=";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn client(server: &TestServer) -> PhoneNumberAdministrationClient {
    let cs = format!("endpoint={}/;accesskey={KEY}", server.url());
    PhoneNumberAdministrationClient::from_connection_string(&cs, ClientOptions::default()).unwrap()
}

fn get_search_by_id(c: &mut Criterion) {
    let rt = runtime();
    let server = rt.block_on(TestServer::start_unrecorded(|_| {
        Reply::json(200, r#"{"searchId":"0cc077cd-333a-39fd-90f7-560b1e06c63e","displayName":"Numbers for Vancouver Office","createdAt":"2020-06-18T17:11:52.5005818+00:00","description":"Get some new numbers for our office in Vancouver","phonePlanIds":["0cc077cd-333a-39fd-90f7-560b1e06c63e"],"areaCode":"604","quantity":1,"locationOptions":[],"status":"Reserved","phoneNumbers":["+16045550100"]}"#)
    }));
    let client = client(&server);
    let mut group = c.benchmark_group("get_search_by_id");
    group.throughput(Throughput::Elements(1));
    group.bench_function("sequential calls", |b| {
        b.to_async(&rt).iter(|| async {
            client
                .get_search_by_id("0cc077cd-333a-39fd-90f7-560b1e06c63e")
                .await
                .unwrap()
        })
    });
    group.finish();
}

fn list_all_phone_numbers(c: &mut Criterion) {
    let rt = runtime();
    let server = rt.block_on(TestServer::start_unrecorded(|r| {
        let page: usize = r
            .query()
            .and_then(|q| q.strip_prefix("page="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let items: Vec<String> = (0..100)
            .map(|i| {
                format!(
                    r#"{{"phoneNumber":"+1425555{:04}","acquiredCapabilities":["FirstPartyAppAssignment"],"availableCapabilities":["FirstPartyAppAssignment","UserAssignment"],"assignmentStatus":"Unassigned","placeName":"Toll-Free, United States","activationState":"Activated"}}"#,
                    page * 100 + i
                )
            })
            .collect();
        let next = if page + 1 < 100 {
            format!(r#""/administration/phonenumbers/phonenumbers?page={}""#, page + 1)
        } else {
            "null".into()
        };
        Reply::json(200, &format!(r#"{{"phoneNumbers":[{}],"nextLink":{next}}}"#, items.join(",")))
    }));
    let client = client(&server);
    let mut group = c.benchmark_group("list_all_phone_numbers");
    group.throughput(Throughput::Elements(10_000));
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("10k items, pages of 100", |b| {
        b.to_async(&rt).iter(|| async {
            let n = client
                .list_all_phone_numbers(None)
                .try_fold(0usize, |n, _| async move { Ok(n + 1) })
                .await
                .unwrap();
            assert_eq!(n, 10_000);
        })
    });
    group.finish();
}

/// A page of `n` phone numbers, as the service sends it.
fn phone_number_page(n: usize) -> String {
    let items: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"phoneNumber":"+1425555{i:04}","acquiredCapabilities":["FirstPartyAppAssignment"],"availableCapabilities":["FirstPartyAppAssignment","UserAssignment"],"assignmentStatus":"Unassigned","placeName":"Toll-Free, United States","activationState":"Activated"}}"#
            )
        })
        .collect();
    format!(
        r#"{{"phoneNumbers":[{}],"nextLink":null}}"#,
        items.join(",")
    )
}

const SEARCH: &str = r#"{"searchId":"0cc077cd-333a-39fd-90f7-560b1e06c63e","displayName":"Numbers for Vancouver Office","createdAt":"2020-06-18T17:11:52.5005818+00:00","description":"Get some new numbers for our office in Vancouver","phonePlanIds":["0cc077cd-333a-39fd-90f7-560b1e06c63e"],"areaCode":"604","quantity":1,"locationOptions":[],"status":"Reserved","phoneNumbers":["+16045550100"]}"#;

fn decode(c: &mut Criterion) {
    use azure_communication_administration::phone_numbers::{
        AcquiredPhoneNumbers, PhoneNumberSearch,
    };
    let page = phone_number_page(1_000);
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Elements(1_000));
    group.bench_function("a page of 1,000 phone numbers", |b| {
        b.iter(|| serde_json::from_str::<AcquiredPhoneNumbers>(&page).unwrap())
    });
    group.throughput(Throughput::Elements(1));
    group.bench_function("one search", |b| {
        b.iter(|| serde_json::from_str::<PhoneNumberSearch>(SEARCH).unwrap())
    });
    group.finish();
}

criterion_group!(benches, get_search_by_id, list_all_phone_numbers, decode);
criterion_main!(benches);
