//! azure-special-properties and subscriptionId-apiVersion: subscription id and api-version as
//! client or method parameters, `x-ms-skip-url-encoding`, `x-ms-odata` query options, and the
//! `x-ms-client-request-id` (generated, chosen per call, omitted, or a custom-named header).

use conformance::clients::azure_special_properties::*;
use conformance::clients::subscription_id_api_version::MicrosoftAzureTestUrlClient;
use conformance::harness::options;
use restgen_runtime::{CallOptions, Credential};

use crate::{Scenario, Server, check, check_eq, err, ok, scenario};

const SUBSCRIPTION: &str = "1234-5678-9012-3456";
const REQUEST_ID: &str = "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0";

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c = AutoRestAzureSpecialParametersTestClient::new(
        &s.url,
        SUBSCRIPTION,
        Credential::Anonymous,
        options(),
    )
    .expect("client");
    let mut v: Vec<Scenario> = Vec::new();

    // Subscription id: from the client (global) or from the call (local).
    scenario!(v, c, "AzureSubscriptionMethodGlobalValid", |c| c
        .post_method_global_valid()
        .await);
    scenario!(v, c, "AzureSubscriptionMethodGlobalNotProvidedValid", |c| c
        .post_method_global_not_provided_valid()
        .await);
    scenario!(v, c, "AzureSubscriptionPathGlobalValid", |c| c
        .post_path_global_valid()
        .await);
    scenario!(v, c, "AzureSubscriptionSwaggerGlobalValid", |c| c
        .post_swagger_global_valid()
        .await);
    scenario!(v, c, "AzureSubscriptionMethodLocalValid", |c| c
        .post_method_local_valid(SUBSCRIPTION)
        .await);
    scenario!(v, c, "AzureSubscriptionPathLocalValid", |c| c
        .post_path_local_valid(SUBSCRIPTION)
        .await);
    scenario!(v, c, "AzureSubscriptionSwaggerLocalValid", |c| c
        .post_swagger_local_valid(SUBSCRIPTION)
        .await);

    // api-version: the client's, a method's constant `2.0`, or a method's optional one left out.
    scenario!(v, c, "AzureApiVersionMethodGlobalValid", |c| c
        .get_method_global_valid()
        .await);
    scenario!(v, c, "AzureApiVersionMethodGlobalNotProvidedValid", |c| c
        .get_method_global_not_provided_valid()
        .await);
    scenario!(v, c, "AzureApiVersionPathGlobalValid", |c| c
        .get_path_global_valid()
        .await);
    scenario!(v, c, "AzureApiVersionSwaggerGlobalValid", |c| c
        .get_swagger_global_valid()
        .await);
    scenario!(v, c, "AzureApiVersionMethodLocalValid", |c| c
        .get_method_local_valid()
        .await);
    scenario!(v, c, "AzureApiVersionPathLocalValid", |c| c
        .get_path_local_valid()
        .await);
    scenario!(v, c, "AzureApiVersionSwaggerLocalValid", |c| c
        .get_swagger_local_valid()
        .await);
    scenario!(v, c, "AzureApiVersionMethodLocalNull", |c| c
        .get_method_local_null(None)
        .await);
    scenario!(
        v,
        c,
        "api-version: the caller's override replaces the client's",
        |c| {
            // The server accepts only the generated version here: an override must reach the wire.
            let other = ok!(AutoRestAzureSpecialParametersTestClient::new(
                c.pipeline().endpoint().as_str(),
                SUBSCRIPTION,
                Credential::Anonymous,
                options().with_api_version("2099-01-01")
            ));
            let e = err!(
                other.get_method_global_valid().await,
                "a 400 for the other version"
            );
            check_eq!(e.status(), Some(400));
            check!(e.to_string().contains("2099-01-01"), "{e}");
            Ok(())
        }
    );

    // Values sent without percent-encoding.
    scenario!(v, c, "AzureMethodPathUrlEncoding", |c| c
        .get_method_path_valid("path1/path2/path3")
        .await);
    scenario!(v, c, "AzurePathPathUrlEncoding", |c| c
        .get_path_path_valid("path1/path2/path3")
        .await);
    scenario!(v, c, "AzureSwaggerPathUrlEncoding", |c| c
        .get_swagger_path_valid()
        .await);
    scenario!(v, c, "AzureMethodQueryUrlEncoding", |c| c
        .get_method_query_valid("value1&q2=value2&q3=value3")
        .await);
    scenario!(v, c, "AzurePathQueryUrlEncoding", |c| c
        .get_path_query_valid("value1&q2=value2&q3=value3")
        .await);
    scenario!(v, c, "AzureSwaggerQueryUrlEncoding", |c| c
        .get_swagger_query_valid()
        .await);
    scenario!(v, c, "AzureMethodQueryUrlEncodingNull", |c| c
        .get_method_query_null(None)
        .await);

    scenario!(v, c, "AzureODataFilter", |c| c
        .get_with_filter(Some(GetWithFilterOptions {
            filter: Some("id gt 5 and name eq 'foo'".into()),
            top: Some(10),
            orderby: Some("id".into()),
        }))
        .await);

    // x-ms-client-request-id.
    scenario!(v, c, "AzureXmsRequestClientOverwrite", |c| c
        .with_call_options(CallOptions::new().with_client_request_id(REQUEST_ID))
        .get()
        .await);
    scenario!(v, c, "AzureXmsRequestClientOverwriteViaParameter", |c| c
        .param_get(REQUEST_ID)
        .await);
    scenario!(v, c, "AzureXmsRequestClientIdNull", |c| c
        .with_call_options(CallOptions::new().without_client_request_id())
        .get()
        .await);
    scenario!(v, c, "AzureRequestClientIdInError", |c| {
        // Any other id is refused with a 400 whose error carries the service's request id.
        let e = err!(
            c.with_call_options(CallOptions::new().with_client_request_id("another-id"))
                .get()
                .await,
            "a 400 for another request id"
        );
        check_eq!(e.status(), Some(400));
        check_eq!(
            e.service_error().and_then(|s| s.request_id.as_deref()),
            Some("123")
        );
        Ok(())
    });
    scenario!(v, c, "AzureXmsCustomNamedRequestId", |c| {
        // The header the spec marks `x-ms-client-request-id`: the caller's id here (a fresh one
        // when unset).
        let options = CustomNamedRequestIdOptions {
            foo_client_request_id: Some(REQUEST_ID.into()),
        };
        let headers = ok!(c.custom_named_request_id(Some(options)).await);
        check_eq!(headers.foo_request_id.as_deref(), Some("123"));
        Ok(())
    });
    scenario!(v, c, "AzureXmsCustomNamedRequestIdParameterGroup", |c| {
        let group = HeaderCustomNamedRequestIdParamGroupingParameters {
            foo_client_request_id: Some(REQUEST_ID.into()),
        };
        let headers = ok!(c.custom_named_request_id_param_grouping(Some(&group)).await);
        check_eq!(headers.foo_request_id.as_deref(), Some("123"));
        Ok(())
    });
    scenario!(v, c, "AzureXmsCustomNamedRequestId (HEAD)", |c| {
        let options = CustomNamedRequestIdHeadOptions {
            foo_client_request_id: Some(REQUEST_ID.into()),
        };
        let headers = ok!(c.custom_named_request_id_head(Some(options)).await);
        check_eq!(headers.foo_request_id.as_deref(), Some("123"));
        Ok(())
    });

    let url =
        MicrosoftAzureTestUrlClient::new(&s.url, SUBSCRIPTION, Credential::Anonymous, options())
            .expect("client");
    scenario!(v, url, "SubscriptionIdAndApiVersion", |c| {
        let group = ok!(c.get_sample_resource_group("testgroup101").await);
        check_eq!(group.name.as_deref(), Some("testgroup101"));
        check_eq!(group.location.as_deref(), Some("West US"));
        Ok(())
    });
    v
}
