//! Every phone number operation against a loopback server that checks the signature, method,
//! path, query, headers and body, answering with the responses of the spec's examples and with
//! what the real service sends (unknown fields, nulls, seven fractional digits, unknown enum
//! values).

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use azure_communication_administration::TryStreamExt;
use azure_communication_administration::phone_numbers::*;
use common::{body_json, connection_string, only_request, options, server};
use serde_json::json;
use test_server::{Recorded, Reply, TestServer};

const V: &str = "api-version=2020-07-20-preview1";
const BASE: &str = "/administration/phonenumbers";
const ID: &str = "0cc077cd-333a-39fd-90f7-560b1e06c63e";

fn client(server: &TestServer) -> PhoneNumberAdministrationClient {
    PhoneNumberAdministrationClient::from_connection_string(&connection_string(server), options())
        .unwrap()
}

/// A server answering every request with `body` and status 200.
async fn answering(status: u16, body: &'static str) -> TestServer {
    server(move |_| {
        if body.is_empty() {
            Reply::status(status)
        } else {
            Reply::json(status, body)
        }
    })
    .await
}

#[tokio::test]
async fn list_all_supported_countries_sends_the_defaults() {
    let server = answering(200, r#"{"countries":[{"localizedName":"Australia","countryCode":"AU"},{"localizedName":"Japan","countryCode":"JP"},{"localizedName":"United States","countryCode":"US"}],"nextLink":null}"#).await;
    let countries: Vec<PhoneNumberCountry> = client(&server)
        .list_all_supported_countries(None)
        .try_collect()
        .await
        .unwrap();
    let codes: Vec<&str> = countries.iter().map(|c| c.country_code.as_str()).collect();
    assert_eq!(codes, ["AU", "JP", "US"]);
    let r = only_request(&server);
    assert_eq!(r.method, "GET");
    assert_eq!(
        r.target,
        format!("{BASE}/countries?locale=en-US&skip=0&take=100&{V}")
    );
    assert_eq!(r.header("accept"), Some("application/json"));
}

#[tokio::test]
async fn list_phone_plan_groups_with_options() {
    let server = answering(200, r#"{"phonePlanGroups":[{"phonePlanGroupId":"671ee064-662f-4c3b-82a9-af2ab200dd5c","phoneNumberType":"Geographic","localizedName":"Geographic","localizedDescription":"These are Toll numbers","carrierDetails":null,"rateInformation":{"monthlyRate":2.0,"currencyType":"USD","rateErrorMessage":null}},{"phonePlanGroupId":"d47a0cdc-8dc1-4e82-a29b-39067f7fc317","phoneNumberType":"TollFree","localizedName":"TollFree","localizedDescription":"These are toll free numbers used by Azure resources.","carrierDetails":null,"rateInformation":{"monthlyRate":1.0,"currencyType":"USD","rateErrorMessage":null}}]}"#).await;
    let options = ListPhonePlanGroupsOptions {
        locale: Some("fr-CA".into()),
        include_rate_information: Some(true),
        ..Default::default()
    };
    let groups: Vec<PhonePlanGroup> = client(&server)
        .list_phone_plan_groups("US", Some(options))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(
        groups[0].phone_number_type,
        Some(PhoneNumberType::Geographic)
    );
    assert_eq!(groups[1].phone_number_type, Some(PhoneNumberType::TollFree));
    assert_eq!(groups[0].carrier_details, None);
    let rate = groups[0].rate_information.as_ref().unwrap();
    assert_eq!(rate.monthly_rate, Some(2.0));
    assert_eq!(rate.currency_type, Some(CurrencyType::Usd));
    let r = only_request(&server);
    assert_eq!(
        r.target,
        format!(
            "{BASE}/countries/US/phoneplangroups?locale=fr-CA&includeRateInformation=true&skip=0&take=100&{V}"
        )
    );
}

#[tokio::test]
async fn list_phone_plans() {
    let server = answering(200, r#"{"phonePlans":[{"phonePlanId":"27b53eec-8ff4-4070-8900-fbeaabfd158a","localizedName":"Outbound Only PSTN - Geographic","locationType":"Selection","capabilities":["Azure","OutboundCalling","ThirdPartyAppAssignment","Geographic"],"maximumSearchSize":100}]}"#).await;
    let plans: Vec<PhonePlan> = client(&server)
        .list_phone_plans("US", "671ee064-662f-4c3b-82a9-af2ab200dd5c", None)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(plans[0].location_type, LocationType::Selection);
    assert_eq!(
        plans[0].capabilities.as_ref().unwrap()[1],
        Capability::OutboundCalling
    );
    assert_eq!(plans[0].maximum_search_size, Some(100));
    let r = only_request(&server);
    assert_eq!(
        r.target,
        format!(
            "{BASE}/countries/US/phoneplangroups/671ee064-662f-4c3b-82a9-af2ab200dd5c/phoneplans?locale=en-US&skip=0&take=100&{V}"
        )
    );
}

#[tokio::test]
async fn get_phone_plan_location_options() {
    let server = answering(200, r#"{"locationOptions":{"labelId":"state","labelName":"State","options":[{"name":"AK","value":"AK","locationOptions":[{"labelId":"city","labelName":"City","options":[{"name":"Anchorage","value":"NOAM-US-AK-AN","locationOptions":[]}]}]}]}}"#).await;
    let response = client(&server)
        .get_phone_plan_location_options(
            "US",
            "671ee064-662f-4c3b-82a9-af2ab200dd5c",
            "27b53eec-8ff4-4070-8900-fbeaabfd158a",
            None,
        )
        .await
        .unwrap();
    let states = response.location_options.unwrap();
    assert_eq!(states.label_id.as_deref(), Some("state"));
    let ak = &states.options.unwrap()[0];
    let city = &ak.location_options.as_ref().unwrap()[0]
        .options
        .as_ref()
        .unwrap()[0];
    assert_eq!(city.value.as_deref(), Some("NOAM-US-AK-AN"));
    let r = only_request(&server);
    assert_eq!(r.method, "GET");
    assert_eq!(
        r.target,
        format!(
            "{BASE}/countries/US/phoneplangroups/671ee064-662f-4c3b-82a9-af2ab200dd5c/phoneplans/27b53eec-8ff4-4070-8900-fbeaabfd158a/locationoptions?locale=en-US&{V}"
        )
    );
}

#[tokio::test]
async fn get_all_area_codes() {
    let server = answering(
        200,
        r#"{"primaryAreaCodes":["236","604","778"],"secondaryAreaCodes":[]}"#,
    )
    .await;
    let c = client(&server);
    let mut query = LocationOptionsQuery::new();
    query.label_id = Some("state".into());
    query.options_value = Some("WA".into());
    let options = GetAllAreaCodesOptions {
        location_options: Some(vec![query]),
    };
    let codes = c
        .get_all_area_codes("Selection", "CA", ID, Some(options))
        .await
        .unwrap();
    assert_eq!(codes.primary_area_codes.unwrap(), ["236", "604", "778"]);
    let r = only_request(&server);
    assert_eq!(r.method, "POST");
    assert_eq!(
        r.target,
        format!("{BASE}/countries/CA/areacodes?locationType=Selection&phonePlanId={ID}&{V}")
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        body_json(&r),
        json!({"locationOptions": [{"labelId": "state", "optionsValue": "WA"}]})
    );
}

#[tokio::test]
async fn create_get_cancel_and_purchase_a_search() {
    let server = server(|r: &Recorded| match (r.method.as_str(), r.path()) {
        ("POST", p) if p.ends_with("/searches") => Reply::json(201, r#"{"searchId":"0cc077cd-5337-7msf-964e-560b1e06c63e"}"#),
        ("GET", _) => Reply::json(200, r#"{"searchId":"0cc077cd-333a-39fd-90f7-560b1e06c63e","displayName":"Numbers for Vancouver Office","createdAt":"2020-06-18T17:11:52.5005818+00:00","description":"Get some new numbers for our office in Vancouver","phonePlanIds":["0cc077cd-333a-39fd-90f7-560b1e06c63e"],"areaCode":"604","quantity":1,"locationOptions":[],"status":"completed","phoneNumbers":[],"reservationExpiryDate":null,"futureField":{"x":1}}"#),
        ("POST", p) if p.ends_with("/cancel") || p.ends_with("/purchase") => Reply::status(202),
        _ => Reply::status(404),
    })
    .await;
    let c = client(&server);
    let mut search = CreateSearchOptions::new(
        "Name".into(),
        "Search Description".into(),
        vec![ID.into()],
        "425".into(),
    );
    search.quantity = Some(2);
    search.location_options = Some(vec![{
        let mut o = LocationOptionsDetails::default();
        o.name = Some("state".into());
        o.value = Some("WA".into());
        o
    }]);
    let created = c.create_search(Some(&search)).await.unwrap();
    assert_eq!(created.search_id, "0cc077cd-5337-7msf-964e-560b1e06c63e");

    let found = c.get_search_by_id(ID).await.unwrap();
    assert_eq!(found.area_code.as_deref(), Some("604"));
    // The examples answer with a status outside the declared set: kept, and printable.
    let status = found.status.unwrap();
    assert_eq!(status, SearchStatus::UnknownValue("completed".into()));
    assert_eq!(status.to_string(), "completed");
    assert_eq!(found.created_at.unwrap().nanosecond(), 500_581_800);
    assert_eq!(found.reservation_expiry_date, None);

    c.cancel_search(ID).await.unwrap();
    c.purchase_search(ID).await.unwrap();

    let seen = server.requests();
    assert_eq!(seen.len(), 4);
    for r in &seen {
        test_server::verify_hmac(&common::key_bytes(), r, &server.authority()).unwrap();
    }
    assert_eq!(seen[0].target, format!("{BASE}/searches?{V}"));
    assert_eq!(
        body_json(&seen[0]),
        json!({"displayName":"Name","description":"Search Description","phonePlanIds":[ID],"areaCode":"425","quantity":2,"locationOptions":[{"name":"state","value":"WA"}]})
    );
    assert_eq!(
        (seen[1].method.as_str(), seen[1].target.as_str()),
        ("GET", format!("{BASE}/searches/{ID}?{V}").as_str())
    );
    assert_eq!(
        (seen[2].method.as_str(), seen[2].target.as_str()),
        ("POST", format!("{BASE}/searches/{ID}/cancel?{V}").as_str())
    );
    assert_eq!(
        (seen[3].method.as_str(), seen[3].target.as_str()),
        (
            "POST",
            format!("{BASE}/searches/{ID}/purchase?{V}").as_str()
        )
    );
    assert_eq!(seen[3].header("content-length"), Some("0"));
}

#[tokio::test]
async fn list_all_phone_numbers_across_three_pages() {
    let base = Arc::new(OnceLock::<String>::new());
    let b = base.clone();
    let server = server(move |r: &Recorded| {
        let number = |n: &str| format!(r#"{{"phoneNumber":"{n}","acquiredCapabilities":["FirstPartyAppAssignment"],"availableCapabilities":["FirstPartyAppAssignment","UserAssignment"],"assignmentStatus":"Unassigned","placeName":"Toll-Free, United States","activationState":"Activated","pstnConfiguration":{{"azurePstnTargetId":"x"}}}}"#);
        match r.query().unwrap_or_default() {
            q if q.starts_with("locale=") => Reply::json(200, &format!(r#"{{"phoneNumbers":[{},{}],"nextLink":"{BASE}/phonenumbers?page=2"}}"#, number("+11234567890"), number("+18003456789"))),
            "page=2" => Reply::json(200, &format!(r#"{{"phoneNumbers":[],"nextLink":"{}{BASE}/phonenumbers?page=3"}}"#, b.get().unwrap())),
            "page=3" => Reply::json(200, &format!(r#"{{"phoneNumbers":[{}],"nextLink":null}}"#, number("+14255550100"))),
            other => Reply::json(404, &format!(r#"{{"error":{{"code":"NotFound","message":"{other}"}}}}"#)),
        }
    })
    .await;
    base.set(server.url()).unwrap();
    let numbers: Vec<AcquiredPhoneNumber> = client(&server)
        .list_all_phone_numbers(None)
        .try_collect()
        .await
        .unwrap();
    let got: Vec<&str> = numbers.iter().map(|n| n.phone_number.as_str()).collect();
    assert_eq!(got, ["+11234567890", "+18003456789", "+14255550100"]);
    assert_eq!(
        numbers[0].assignment_status,
        Some(AssignmentStatus::Unassigned)
    );
    assert_eq!(
        numbers[0].activation_state,
        Some(ActivationState::Activated)
    );
    let seen = server.requests();
    assert_eq!(seen.len(), 3);
    assert_eq!(
        seen[0].target,
        format!("{BASE}/phonenumbers?locale=en-US&skip=0&take=100&{V}")
    );
    // Next links are followed as given, without added parameters.
    assert_eq!(seen[1].target, format!("{BASE}/phonenumbers?page=2"));
    assert_eq!(seen[2].target, format!("{BASE}/phonenumbers?page=3"));
    for r in &seen {
        test_server::verify_hmac(&common::key_bytes(), r, &server.authority()).unwrap();
    }
}

#[tokio::test]
async fn list_all_searches_and_releases() {
    let server = answering(200, r#"{"entities":[{"id":"0cc077cd-333a-39fd-90f7-560b1e06c63e","displayName":"Numbers for Vancouver Office","createdAt":"2020-06-18T17:11:52.5005818+00:00","quantity":1,"quantityObtained":1,"status":"completed","focDate":"2020-06-18T17:11:52.5005818+00:00"}]}"#).await;
    let c = client(&server);
    let searches: Vec<PhoneNumberEntity> = c.list_all_searches(None).try_collect().await.unwrap();
    let releases: Vec<PhoneNumberEntity> = c
        .list_all_releases(Some(ListAllReleasesOptions {
            skip: Some(5),
            take: Some(10),
        }))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(searches[0].quantity_obtained, Some(1));
    assert_eq!(releases[0].status.as_deref(), Some("completed"));
    let seen = server.requests();
    assert_eq!(
        seen[0].target,
        format!("{BASE}/searches?skip=0&take=100&{V}")
    );
    assert_eq!(
        seen[1].target,
        format!("{BASE}/releases?skip=5&take=10&{V}")
    );
}

#[tokio::test]
async fn number_configuration_round_trip() {
    let server = server(|r: &Recorded| match r.path() {
        p if p.ends_with("/numberconfiguration") => Reply::json(
            200,
            r#"{"pstnConfiguration":{"callbackUrl":"www.callback.com","applicationId":"abc123"}}"#,
        ),
        _ => Reply::status(200),
    })
    .await;
    let c = client(&server);
    let config = c.get_number_configuration("+11234567890").await.unwrap();
    assert_eq!(config.pstn_configuration.callback_url, "www.callback.com");
    assert_eq!(
        config.pstn_configuration.application_id.as_deref(),
        Some("abc123")
    );
    c.configure_number(config.pstn_configuration.clone(), "+11234567890")
        .await
        .unwrap();
    c.unconfigure_number("+11234567890").await.unwrap();
    let seen = server.requests();
    assert_eq!(
        (seen[0].method.as_str(), seen[0].target.as_str()),
        ("POST", format!("{BASE}/numberconfiguration?{V}").as_str())
    );
    assert_eq!(body_json(&seen[0]), json!({"phoneNumber": "+11234567890"}));
    assert_eq!(
        (seen[1].method.as_str(), seen[1].target.as_str()),
        (
            "PATCH",
            format!("{BASE}/numberconfiguration/configure?{V}").as_str()
        )
    );
    assert_eq!(
        body_json(&seen[1]),
        json!({"pstnConfiguration": {"callbackUrl": "www.callback.com", "applicationId": "abc123"}, "phoneNumber": "+11234567890"})
    );
    assert_eq!(
        (seen[2].method.as_str(), seen[2].target.as_str()),
        (
            "PATCH",
            format!("{BASE}/numberconfiguration/unconfigure?{V}").as_str()
        )
    );
    assert_eq!(body_json(&seen[2]), json!({"phoneNumber": "+11234567890"}));
    for r in &seen {
        assert_eq!(r.header("content-type"), Some("application/json"));
    }
}

/// The live 2020 service sent `azurePstnTargetId`, which no spec declares: it is kept, readable,
/// and sent back when the configuration is written.
#[tokio::test]
async fn a_field_the_spec_does_not_declare_survives_read_then_write() {
    let server = server(|r: &Recorded| match r.path() {
        p if p.ends_with("/numberconfiguration") => Reply::json(
            200,
            r#"{"pstnConfiguration":{"callbackUrl":"www.callback.com","applicationId":"abc123","azurePstnTargetId":"target-7","routing":{"weight":3,"tags":["a",null]}},"etag":"x"}"#,
        ),
        _ => Reply::status(200),
    })
    .await;
    let c = client(&server);
    let config = c.get_number_configuration("+11234567890").await.unwrap();
    let pstn = &config.pstn_configuration;
    assert_eq!(
        pstn.additional_properties.get("azurePstnTargetId"),
        Some(&json!("target-7"))
    );
    assert_eq!(
        pstn.additional_properties.get("routing"),
        Some(&json!({"weight": 3, "tags": ["a", null]}))
    );
    assert_eq!(config.additional_properties.get("etag"), Some(&json!("x")));
    // Declared fields are not repeated among the others.
    assert!(!pstn.additional_properties.contains_key("callbackUrl"));
    c.configure_number(pstn.clone(), "+11234567890")
        .await
        .unwrap();
    let seen = server.requests();
    assert_eq!(
        body_json(&seen[1]),
        json!({
            "pstnConfiguration": {
                "callbackUrl": "www.callback.com",
                "applicationId": "abc123",
                "azurePstnTargetId": "target-7",
                "routing": {"weight": 3, "tags": ["a", null]},
            },
            "phoneNumber": "+11234567890",
        })
    );
    // A model built by the caller sends only what was set.
    c.configure_number(PstnConfiguration::new("www.callback.com".into()), "+1")
        .await
        .unwrap();
    assert_eq!(
        body_json(&server.requests()[2]),
        json!({"pstnConfiguration": {"callbackUrl": "www.callback.com"}, "phoneNumber": "+1"})
    );
}

#[tokio::test]
async fn update_and_get_capabilities() {
    let server = server(|r: &Recorded| match r.method.as_str() {
        "POST" => Reply::json(200, r#"{"capabilitiesUpdateId":"0cc077cd-5337-7msf-964e-560b1e06c63e"}"#),
        _ => Reply::json(200, r#"{"capabilitiesUpdateId":"0cc077cd-333a-39fd-90f7-560b1e06c63e","createdAt":"2020-06-18T17:11:52.5005818+00:00","capabilitiesUpdateStatus":"Complete","phoneNumberCapabilitiesUpdates":{"12345878991":{"add":[],"remove":["InboundA2PSms","OutboundA2PSms"]}}}"#),
    })
    .await;
    let c = client(&server);
    let mut updates = BTreeMap::new();
    let mut add = NumberUpdateCapabilities::new();
    add.add = Some(vec![Capability::InboundA2pSms, Capability::OutboundA2pSms]);
    add.remove = Some(vec![]);
    updates.insert("12345878981".to_owned(), add);
    let started = c.update_capabilities(updates).await.unwrap();
    assert_eq!(
        started.capabilities_update_id,
        "0cc077cd-5337-7msf-964e-560b1e06c63e"
    );
    let update = c.get_capabilities_update(ID).await.unwrap();
    assert_eq!(
        update.capabilities_update_status,
        Some(CapabilitiesUpdateStatus::Complete)
    );
    let per_number = update.phone_number_capabilities_updates.unwrap();
    assert_eq!(
        per_number["12345878991"].remove.as_ref().unwrap()[0],
        Capability::InboundA2pSms
    );
    let seen = server.requests();
    assert_eq!(seen[0].target, format!("{BASE}/capabilities?{V}"));
    assert_eq!(
        body_json(&seen[0]),
        json!({"phoneNumberCapabilitiesUpdate": {"12345878981": {"add": ["InboundA2PSms", "OutboundA2PSms"], "remove": []}}})
    );
    assert_eq!(seen[1].target, format!("{BASE}/capabilities/{ID}?{V}"));
}

#[tokio::test]
async fn release_phone_numbers_and_get_the_release() {
    let server = server(|r: &Recorded| match r.method.as_str() {
        "POST" => Reply::json(200, r#"{"releaseId":"0cc077cd-333a-39fd-90f7-560b1e06c63e"}"#),
        _ => Reply::json(200, r#"{"releaseId":"0cc077cd-333a-39fd-90f7-560b1e06c63e","createdAt":"2020-10-28T19:38:10.9160451+00:00","status":"Pending","phoneNumberReleaseStatusDetails":{"+11234567890":{"status":"Pending","errorCode":null}}}"#),
    })
    .await;
    let c = client(&server);
    let release = c
        .release_phone_numbers(vec!["+11234567890".into()])
        .await
        .unwrap();
    assert_eq!(release.release_id, ID);
    let got = c.get_release_by_id(ID).await.unwrap();
    assert_eq!(got.status, Some(ReleaseStatus::Pending));
    assert_eq!(got.created_at.unwrap().nanosecond(), 916_045_100);
    let details = got.phone_number_release_status_details.unwrap();
    assert_eq!(
        details["+11234567890"].status,
        Some(PhoneNumberReleaseStatus::Pending)
    );
    let seen = server.requests();
    assert_eq!(seen[0].target, format!("{BASE}/releases?{V}"));
    assert_eq!(
        body_json(&seen[0]),
        json!({"phoneNumbers": ["+11234567890"]})
    );
    assert_eq!(seen[1].target, format!("{BASE}/releases/{ID}?{V}"));
}

#[tokio::test]
async fn a_400_error_response_surfaces_code_and_message() {
    let server = answering(
        400,
        r#"{"error":{"code":"InvalidInput","message":"The country code is not supported."}}"#,
    )
    .await;
    let c = client(&server);
    let err = c.get_search_by_id("nope").await.unwrap_err();
    assert_eq!(
        (err.status(), err.code(), err.message()),
        (
            Some(400),
            Some("InvalidInput"),
            Some("The country code is not supported.")
        )
    );
    // The body is also there as the type the spec declares for errors.
    let model = err
        .model::<azure_communication_administration::phone_numbers::ErrorResponse>()
        .and_then(|m| m.error.as_ref())
        .expect("the declared error model");
    assert_eq!(model.code.as_deref(), Some("InvalidInput"));
    let err = c
        .list_all_supported_countries(None)
        .try_next()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidInput"));
}

#[tokio::test]
async fn path_parameters_are_percent_encoded() {
    let server = answering(200, r#"{"searchId":"x"}"#).await;
    client(&server).get_search_by_id("a b/c:d+e").await.unwrap();
    assert_eq!(
        only_request(&server).target,
        format!("{BASE}/searches/a%20b%2Fc%3Ad%2Be?{V}")
    );
}
