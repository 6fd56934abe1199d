//! Phone Numbers 2025-06-01 against a loopback server that checks each request's signature and
//! plays the service's long-running operations: `202` with `Operation-Location` (and `Location`
//! where the result is read at the end), an operation that runs and then succeeds or fails.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use azure_communication_administration::phone_numbers_2025_06_01::*;
use azure_communication_administration::{ErrorKind, PollUpdate, TryStreamExt};
use common::{body_json, connection_string, options, server};
use serde_json::json;
use test_server::{Recorded, Reply, TestServer};

const V: &str = "api-version=2025-06-01";
const SEARCH_ID: &str = "378ddf60-81be-452a-ba4f-613198ea6c28";

fn client(server: &TestServer) -> PhoneNumbersClient {
    PhoneNumbersClient::from_connection_string(
        &connection_string(server),
        options().with_polling_interval(Duration::ZERO),
    )
    .unwrap()
}

fn search_result() -> String {
    format!(
        r#"{{"searchId":"{SEARCH_ID}","phoneNumbers":["+18001212121"],"phoneNumberType":"tollFree","assignmentType":"application","capabilities":{{"sms":"inbound+outbound","calling":"none"}},"cost":{{"amount":1.2,"currencyCode":"USD","billingFrequency":"monthly"}},"searchExpiresBy":"2020-11-19T16:31:49.048Z"}}"#
    )
}

/// An operation status as the service reports it, `running` for the first `polls - 1` polls.
fn operation(id: &str, kind: &str, status: &str) -> Reply {
    Reply::json(
        200,
        &format!(
            r#"{{"status":"{status}","createdDateTime":"2020-11-19T16:31:49.048Z","id":"{id}","operationType":"{kind}"}}"#
        ),
    )
}

/// Answers the way the service does: each long-running call is accepted with a status monitor,
/// which reports `running` once and then `succeeded`.
fn service(polls: Arc<AtomicUsize>) -> impl Fn(&Recorded) -> Reply + Send + Sync + 'static {
    move |r: &Recorded| {
        let path = r.path();
        match (r.method.as_str(), path) {
            ("POST", "/availablePhoneNumbers/countries/US/:search") => {
                Reply::json(202, &search_result())
                    .header(
                        "Operation-Location",
                        &format!("/phoneNumbers/operations/search_{SEARCH_ID}?{V}"),
                    )
                    .header(
                        "Location",
                        &format!("/availablePhoneNumbers/searchResults/{SEARCH_ID}?{V}"),
                    )
                    .header("operation-id", &format!("search_{SEARCH_ID}"))
            }
            ("GET", p) if p.starts_with("/availablePhoneNumbers/searchResults/") => {
                Reply::json(200, &search_result())
            }
            ("POST", "/availablePhoneNumbers/:purchase") => Reply::status(202)
                .header(
                    "Operation-Location",
                    &format!("/phoneNumbers/operations/purchase_1?{V}"),
                )
                .header("operation-id", "purchase_1")
                .header("purchase-id", "1"),
            ("DELETE", p) if p.starts_with("/phoneNumbers/") => Reply::status(202).header(
                "Operation-Location",
                &format!("/phoneNumbers/operations/release_1?{V}"),
            ),
            ("GET", p) if p.starts_with("/phoneNumbers/operations/") => {
                let id = p.rsplit('/').next().unwrap();
                let kind = id.split('_').next().unwrap();
                let status = if polls.fetch_add(1, Ordering::SeqCst).is_multiple_of(2) {
                    "running"
                } else {
                    "succeeded"
                };
                operation(id, kind, status)
            }
            _ => Reply::status(404),
        }
    }
}

#[tokio::test]
async fn search_then_purchase_then_release() {
    let server = server(service(Arc::default())).await;
    let c = client(&server);
    let capabilities = PhoneNumberCapabilities::new(
        PhoneNumberCapabilityType::NoneModel,
        PhoneNumberCapabilityType::InboundOutbound,
    );
    let mut request = PhoneNumberSearchRequest::new(
        PhoneNumberType::TollFree,
        PhoneNumberAssignmentType::Application,
        capabilities,
    );
    request.area_code = Some("425".into());
    request.quantity = Some(1);
    let result = c
        .begin_search_available_phone_numbers("US", &request)
        .await
        .unwrap();
    assert_eq!(result.search_id, SEARCH_ID);
    assert_eq!(result.phone_numbers, ["+18001212121"]);
    assert_eq!(result.cost.amount, 1.2);
    assert_eq!(
        result.capabilities.sms,
        PhoneNumberCapabilityType::InboundOutbound
    );

    let mut purchase = PhoneNumberPurchaseRequest::new();
    purchase.search_id = Some(result.search_id.clone());
    purchase.agree_to_not_resell = Some(true);
    // A purchase declares no result: it ends with its ids and the monitor's last word.
    let purchased = c.begin_purchase_phone_numbers(&purchase).await.unwrap();
    assert_eq!(purchased.header("purchase-id"), Some("1"));
    assert_eq!(purchased.header("Operation-Id"), Some("purchase_1"));
    assert_eq!(
        purchased.operation_location.as_deref(),
        Some(format!("/phoneNumbers/operations/purchase_1?{V}").as_str())
    );
    assert_eq!(purchased.body["status"], "succeeded");
    c.begin_release_phone_number("+18001212121").await.unwrap();

    let seen = server.requests();
    for r in &seen {
        test_server::verify_hmac(&common::key_bytes(), r, &server.authority()).unwrap();
    }
    let calls: Vec<(&str, &str)> = seen
        .iter()
        .map(|r| (r.method.as_str(), r.target.as_str()))
        .collect();
    let search_op = format!("/phoneNumbers/operations/search_{SEARCH_ID}?{V}");
    let search_start = format!("/availablePhoneNumbers/countries/US/:search?{V}");
    let search_result = format!("/availablePhoneNumbers/searchResults/{SEARCH_ID}?{V}");
    let purchase_start = format!("/availablePhoneNumbers/:purchase?{V}");
    let purchase_op = format!("/phoneNumbers/operations/purchase_1?{V}");
    let release_start = format!("/phoneNumbers/%2B18001212121?{V}");
    let release_op = format!("/phoneNumbers/operations/release_1?{V}");
    assert_eq!(
        calls,
        [
            ("POST", search_start.as_str()),
            ("GET", search_op.as_str()),
            ("GET", search_op.as_str()),
            ("GET", search_result.as_str()),
            ("POST", purchase_start.as_str()),
            ("GET", purchase_op.as_str()),
            ("GET", purchase_op.as_str()),
            ("DELETE", release_start.as_str()),
            ("GET", release_op.as_str()),
            ("GET", release_op.as_str()),
        ]
    );
    assert_eq!(
        body_json(&seen[0]),
        json!({"phoneNumberType": "tollFree", "assignmentType": "application", "capabilities": {"calling": "none", "sms": "inbound+outbound"}, "areaCode": "425", "quantity": 1})
    );
    assert_eq!(
        body_json(&seen[4]),
        json!({"searchId": SEARCH_ID, "agreeToNotResell": true})
    );
}

/// The poller is a stream of updates, each with a token that resumes it elsewhere.
#[tokio::test]
async fn a_release_reports_progress_and_resumes_from_a_token() {
    let server = server(service(Arc::default())).await;
    let c = client(&server);
    let mut updates = c.begin_release_phone_number("+18001212121");
    let Some(PollUpdate::InProgress { resume_token, .. }) = updates.try_next().await.unwrap()
    else {
        panic!("the first update is the operation in progress");
    };
    drop(updates);
    c.resume_release_phone_number(&resume_token)
        .unwrap()
        .await
        .unwrap();
    let seen = server.requests();
    assert!(
        seen.iter()
            .all(|r| r.method != "DELETE" || r.path().starts_with("/phoneNumbers/%2B"))
    );
    assert_eq!(
        seen.iter().filter(|r| r.method == "DELETE").count(),
        1,
        "resuming does not start again"
    );
}

#[tokio::test]
async fn a_failed_operation_is_an_error_with_the_service_reason() {
    let server = server(|r: &Recorded| match r.method.as_str() {
        "POST" => Reply::status(202)
            .header("Operation-Location", &format!("/phoneNumbers/operations/purchase_2?{V}")),
        _ => Reply::json(
            200,
            r#"{"status":"failed","createdDateTime":"2020-11-19T16:31:49.048Z","id":"purchase_2","operationType":"purchase","error":{"code":"PurchaseFailed","message":"The numbers are no longer reserved."}}"#,
        ),
    })
    .await;
    let mut purchase = PhoneNumberPurchaseRequest::new();
    purchase.search_id = Some(SEARCH_ID.into());
    let err = client(&server)
        .begin_purchase_phone_numbers(&purchase)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OperationFailed, "{err}");
    assert!(err.to_string().contains("failed"), "{err}");
}

#[tokio::test]
async fn purchased_numbers_page_by_next_link() {
    let server = server(|r: &Recorded| {
        let number = |n: u32| {
            format!(
                r#"{{"id":"+1800555{n:04}","phoneNumber":"+1800555{n:04}","countryCode":"US","phoneNumberType":"tollFree","capabilities":{{"calling":"inbound","sms":"none"}},"assignmentType":"application","purchaseDate":"2020-11-19T16:31:49.048Z","cost":{{"amount":2,"currencyCode":"USD","billingFrequency":"monthly"}},"operatorId":"op-7"}}"#
            )
        };
        if r.query().is_some_and(|q| q.contains("skip=2")) {
            Reply::json(200, &format!(r#"{{"phoneNumbers":[{}]}}"#, number(3)))
        } else {
            Reply::json(
                200,
                &format!(
                    r#"{{"phoneNumbers":[{},{}],"nextLink":"/phoneNumbers?skip=2&top=2&{V}"}}"#,
                    number(1),
                    number(2)
                ),
            )
        }
    })
    .await;
    let options = ListPurchasedPhoneNumbersOptions {
        top: Some(2),
        ..Default::default()
    };
    let numbers: Vec<PurchasedPhoneNumber> = client(&server)
        .list_purchased_phone_numbers(Some(options))
        .try_collect()
        .await
        .unwrap();
    let listed: Vec<&str> = numbers.iter().map(|n| n.phone_number.as_str()).collect();
    assert_eq!(listed, ["+18005550001", "+18005550002", "+18005550003"]);
    // A field this spec does not declare is kept.
    assert_eq!(
        numbers[0].additional_properties.get("operatorId"),
        Some(&json!("op-7"))
    );
    let seen = server.requests();
    assert_eq!(seen[0].target, format!("/phoneNumbers?skip=0&top=2&{V}"));
    assert_eq!(seen[1].target, format!("/phoneNumbers?skip=2&top=2&{V}"));
}
