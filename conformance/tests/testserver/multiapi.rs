//! multiapi-v0…v3 and multiapi-v1/v2-custom-base-url: every version of an API merged into one
//! client, the version chosen when the client is built. Each method sends the chosen
//! api-version; one the version lacks is refused before anything is sent; results a version
//! answers without a body are `None` there; an older version's own endpoint template holds.

use conformance::clients::multiapi::{
    ModelThree, MultiapiServiceClient, Product, SourcePath, TestDifferentCallsOptions,
    TestFourContent, TestOneOptions,
};
use conformance::clients::multiapi_custom_base_url::MultiapiCustomBaseUrlServiceClient;
use conformance::harness::options;
use restgen_runtime::{Bytes, Credential, ErrorKind, TryStreamExt};

use crate::{Scenario, Server, check_eq, err, ok, scenario};

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let at = |version: &str| {
        MultiapiServiceClient::new(
            &s.url,
            Credential::Anonymous,
            options().with_api_version(version),
        )
        .expect("client")
    };
    let (v1, v2, v3) = (at("1.0.0"), at("2.0.0"), at("3.0.0"));
    let mut v: Vec<Scenario> = Vec::new();
    scenario!(v, v1, "MultiapiPutTestOneApiVersionOne", |c| {
        let options = TestOneOptions {
            message: Some("in version 1".into()),
        };
        check_eq!(ok!(c.test_one(1, Some(options)).await), None);
        Ok(())
    });
    // The server answers `"id": "1"` where its spec says integer: a decode error that names the
    // field, never a guess (the request is what the scenario counts).
    scenario!(v, v2, "MultiapiPutTestOneApiVersionTwo", |c| {
        let e = err!(c.test_one(1, None).await, "`id` is a string on the wire");
        check_eq!(e.kind(), ErrorKind::Decode);
        check_eq!(e.to_string().contains("at `id`"), true);
        Ok(())
    });
    scenario!(v, v1, "MultiapiGetTestTwoApiVersionOne", |c| {
        check_eq!(ok!(c.test_two(None).await), None);
        Ok(())
    });
    scenario!(v, v2, "MultiapiGetTestTwoApiVersionTwo", |c| {
        // Version 2 answers its own model; the newest type keeps what it does not declare.
        let model = ok!(c.test_two(None).await).ok_or("a body")?;
        check_eq!(model.additional_properties["id"], "1");
        Ok(())
    });
    scenario!(v, v3, "MultiapiGetTestTwoApiVersionThree", |c| {
        let model = ok!(c.test_two(Some(&ModelThree::new())).await).ok_or("a body")?;
        check_eq!(
            model.optional_property.as_deref(),
            Some("This was called with api-version 3.0.0")
        );
        Ok(())
    });
    scenario!(v, v2, "MultiapiPutTestThreeApiVersionTwo", |c| c
        .test_three()
        .await);
    scenario!(v, v2, "MultiapiPostTestFourApiVersionTwo", |c| c
        .test_four(None)
        .await);
    scenario!(v, v3, "MultiapiPostTestFourApiVersionThreeJSON", |c| {
        let mut source = SourcePath::new();
        source.source = Some("https://example.org/document.pdf".into());
        ok!(c
            .test_four(Some(&TestFourContent::ApplicationJson(source)))
            .await);
        Ok(())
    });
    scenario!(v, v3, "MultiapiPostTestFourApiVersionThreePDF", |c| {
        let pdf = TestFourContent::ApplicationPdf(Bytes::from_static(b"PDF"));
        ok!(c.test_four(Some(&pdf)).await);
        Ok(())
    });
    scenario!(v, v3, "MultiapiPutTestFiveApiVersionThree", |c| c
        .test_five()
        .await);
    scenario!(v, v1, "MultiapiLRO", |c| {
        // `"id": "100"` again: the result that does not decode is an error, not a `None`.
        let e = err!(c.begin_test_lro(Some(&Product::new())).await, "a string id");
        check_eq!(e.kind(), ErrorKind::Decode);
        Ok(())
    });
    scenario!(v, v3, "MultiapiPaging", |c| {
        let items: Vec<_> = ok!(c.test_paging().try_collect().await);
        check_eq!(items.len(), 2);
        Ok(())
    });
    scenario!(v, v3, "MultiapiOperationGroupPaging", |c| {
        let items: Vec<_> = ok!(c.test_operation_group_paging().try_collect().await);
        check_eq!(items.len(), 2);
        Ok(())
    });
    scenario!(v, v1, "MultiapiLROAndPaging", |c| {
        let e = err!(c.begin_test_lro_and_paging(None, None).await, "a string id");
        check_eq!(e.kind(), ErrorKind::Decode);
        check_eq!(e.to_string().contains("values[0].id"), true);
        Ok(())
    });
    scenario!(v, v1, "MultiapiDifferentCallsApiVersionOne", |c| c
        .test_different_calls("hello", None)
        .await);
    scenario!(v, v2, "MultiapiDifferentCallsApiVersionTwo", |c| {
        let options = TestDifferentCallsOptions {
            greeting_in_chinese: Some("nihao".into()),
            ..Default::default()
        };
        ok!(c.test_different_calls("hello", Some(options)).await);
        Ok(())
    });
    scenario!(v, v3, "MultiapiDifferentCallsApiVersionThree", |c| {
        let options = TestDifferentCallsOptions {
            greeting_in_chinese: Some("nihao".into()),
            greeting_in_french: Some("bonjour".into()),
        };
        ok!(c.test_different_calls("hello", Some(options)).await);
        Ok(())
    });
    scenario!(
        v,
        v1,
        "multiapi: a method of another version is refused unsent",
        |c| {
            let e = err!(c.test_five().await, "test_five is in 3.0.0 only");
            check_eq!(e.kind(), ErrorKind::NotInApiVersion);
            check_eq!(
                e.to_string(),
                "`test_five` is not in api-version 1.0.0; it is in 3.0.0"
            );
            Ok(())
        }
    );

    let base = |version: &str| {
        MultiapiCustomBaseUrlServiceClient::new(
            &s.url,
            Credential::Anonymous,
            options().with_api_version(version),
        )
        .expect("client")
    };
    let (b1, b2) = (base("1.0.0"), base("2.0.0"));
    scenario!(v, b1, "MultiapiCustomBaseUrlApiVersionOne", |c| c
        .test(1)
        .await);
    scenario!(v, b2, "MultiapiCustomBaseUrlApiVersionTwo", |c| c
        .test(2)
        .await);
    v
}
