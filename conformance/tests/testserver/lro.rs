//! lro.json and lro-parameterized-endpoints.json: every long-running operation, awaited to its
//! end through the runtime's `Poller`. Operations the server makes fail (failed or canceled
//! states, 400s, invalid headers or bodies, missing statuses) must end in an error; the others
//! must end with their result decoded.

use conformance::clients::lro::*;
use conformance::clients::lro_parameterized_endpoints::LroWithParamaterizedEndpointsClient;
use conformance::harness::options;
use restgen_runtime::{CallOptions, Credential, PollUpdate, TryStreamExt};

use crate::{Scenario, Server, err, ok, scenario};

/// Operations that succeed, awaited: `name => |c| call`.
macro_rules! succeeds {
    ($v:ident, $c:ident, $( $name:literal => $call:expr ),* $(,)?) => {
        $( scenario!($v, $c, $name, |$c| { let _ = ok!($call.await); Ok(()) }); )*
    };
}

/// Operations whose end is an error.
macro_rules! fails {
    ($v:ident, $c:ident, $( $name:literal => $call:expr ),* $(,)?) => {
        $( scenario!($v, $c, $name, |$c| { let _ = err!($call.await, $name); Ok(()) }); )*
    };
}

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    // The server writes `localhost` into its polling links; credentials only go to the
    // endpoint's own host, so the client is pointed at `localhost` too.
    let port = s
        .authority
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned();
    let local = format!("http://localhost:{port}");
    let c = AutoRestLongRunningOperationTestServiceClient::new(
        &local,
        Credential::Anonymous,
        options(),
    )
    .expect("client");
    let mut v: Vec<Scenario> = Vec::new();
    succeeds!(v, c,
        "lro lros_put200_succeeded" => c.begin_lros_put200_succeeded(Some(&Product::new())),
        "lro lros_patch200_succeeded_ignore_headers" => c.begin_lros_patch200_succeeded_ignore_headers(Some(&Product::new())),
        "lro lros_patch201_retry_with_async_header" => c.begin_lros_patch201_retry_with_async_header(Some(&Product::new())),
        "lro lros_patch202_retry_with_async_and_location_header" => c.begin_lros_patch202_retry_with_async_and_location_header(Some(&Product::new())),
        "lro lros_put201_succeeded" => c.begin_lros_put201_succeeded(Some(&Product::new())),
        "lro lros_post202_list" => c.begin_lros_post202_list(),
        "lro lros_put200_succeeded_no_state" => c.begin_lros_put200_succeeded_no_state(Some(&Product::new())),
        "lro lros_put202_retry200" => c.begin_lros_put202_retry200(Some(&Product::new())),
        "lro lros_put_no_header_in_retry" => c.begin_lros_put_no_header_in_retry(Some(&Product::new())),
        "lro lros_put_non_resource" => c.begin_lros_put_non_resource(Some(&Sku::new())),
        "lro lros_put_sub_resource" => c.begin_lros_put_sub_resource(Some(&SubProduct::new())),
        "lro lros_put201_creating_succeeded200" => c.begin_lros_put201_creating_succeeded200(Some(&Product::new())),
        "lro lros_put200_updating_succeeded204" => c.begin_lros_put200_updating_succeeded204(Some(&Product::new())),
        "lro lros_put_async_retry_succeeded" => c.begin_lros_put_async_retry_succeeded(Some(&Product::new())),
        "lro lros_put_async_no_retry_succeeded" => c.begin_lros_put_async_no_retry_succeeded(Some(&Product::new())),
        "lro lros_put_async_no_header_in_retry" => c.begin_lros_put_async_no_header_in_retry(Some(&Product::new())),
        "lro lros_put_async_non_resource" => c.begin_lros_put_async_non_resource(Some(&Sku::new())),
        "lro lros_put_async_sub_resource" => c.begin_lros_put_async_sub_resource(Some(&SubProduct::new())),
        "lro lros_delete_provisioning202_accepted200_succeeded" => c.begin_lros_delete_provisioning202_accepted200_succeeded(),
        "lro lros_delete204_succeeded" => c.begin_lros_delete204_succeeded(),
        "lro lros_delete202_retry200" => c.begin_lros_delete202_retry200(),
        "lro lros_delete202_no_retry204" => c.begin_lros_delete202_no_retry204(),
        "lro lros_delete_no_header_in_retry" => c.begin_lros_delete_no_header_in_retry(),
        "lro lros_delete_async_no_header_in_retry" => c.begin_lros_delete_async_no_header_in_retry(),
        "lro lros_delete_async_retry_succeeded" => c.begin_lros_delete_async_retry_succeeded(),
        "lro lros_delete_async_no_retry_succeeded" => c.begin_lros_delete_async_no_retry_succeeded(),
        "lro lros_post200_with_payload" => c.begin_lros_post200_with_payload(),
        "lro lros_post_async_retry_succeeded" => c.begin_lros_post_async_retry_succeeded(Some(&Product::new())),
        "lro lros_post_async_no_retry_succeeded" => c.begin_lros_post_async_no_retry_succeeded(Some(&Product::new())),
        "lro retrys lros_put201_creating_succeeded200" => c.begin_lro_retrys_put201_creating_succeeded200(Some(&Product::new())),
        "lro retrys lro_retrys_put_async_relative_retry_succeeded" => c.begin_lro_retrys_put_async_relative_retry_succeeded(Some(&Product::new())),
        "lro retrys lros_delete_provisioning202_accepted200_succeeded" => c.begin_lro_retrys_delete_provisioning202_accepted200_succeeded(),
        "lro retrys lros_delete202_retry200" => c.begin_lro_retrys_delete202_retry200(),
        "lro retrys lro_retrys_delete_async_relative_retry_succeeded" => c.begin_lro_retrys_delete_async_relative_retry_succeeded(),
        "lro retrys lros_post202_retry200" => c.begin_lro_retrys_post202_retry200(Some(&Product::new())),
        "lro retrys lro_retrys_post_async_relative_retry_succeeded" => c.begin_lro_retrys_post_async_relative_retry_succeeded(Some(&Product::new())),
        "lro sads lros_delete204_succeeded" => c.begin_lrosads_delete204_succeeded(),
    );
    fails!(v, c,
        "lro lros_put201_creating_failed200" => c.begin_lros_put201_creating_failed200(Some(&Product::new())),
        "lro lros_put200_acceptedcanceled200" => c.begin_lros_put200_acceptedcanceled200(Some(&Product::new())),
        "lro lros_put_async_retry_failed" => c.begin_lros_put_async_retry_failed(Some(&Product::new())),
        "lro lros_put_async_no_retrycanceled" => c.begin_lros_put_async_no_retrycanceled(Some(&Product::new())),
        "lro lros_delete_provisioning202_deleting_failed200" => c.begin_lros_delete_provisioning202_deleting_failed200(),
        "lro lros_delete_provisioning202_deletingcanceled200" => c.begin_lros_delete_provisioning202_deletingcanceled200(),
        "lro lros_delete_async_retry_failed" => c.begin_lros_delete_async_retry_failed(),
        "lro lros_delete_async_retrycanceled" => c.begin_lros_delete_async_retrycanceled(),
        "lro lros_post_async_retry_failed" => c.begin_lros_post_async_retry_failed(Some(&Product::new())),
        "lro lros_post_async_retrycanceled" => c.begin_lros_post_async_retrycanceled(Some(&Product::new())),
        "lro lrosads_put_non_retry400" => c.begin_lrosads_put_non_retry400(Some(&Product::new())),
        "lro lrosads_put_non_retry201_creating400" => c.begin_lrosads_put_non_retry201_creating400(Some(&Product::new())),
        "lro lrosads_put_non_retry201_creating400_invalid_json" => c.begin_lrosads_put_non_retry201_creating400_invalid_json(Some(&Product::new())),
        "lro lrosads_put_async_relative_retry400" => c.begin_lrosads_put_async_relative_retry400(Some(&Product::new())),
        "lro lrosads_delete_non_retry400" => c.begin_lrosads_delete_non_retry400(),
        "lro lrosads_delete202_non_retry400" => c.begin_lrosads_delete202_non_retry400(),
        "lro lrosads_delete_async_relative_retry400" => c.begin_lrosads_delete_async_relative_retry400(),
        "lro lrosads_post_non_retry400" => c.begin_lrosads_post_non_retry400(Some(&Product::new())),
        "lro lrosads_post202_non_retry400" => c.begin_lrosads_post202_non_retry400(Some(&Product::new())),
        "lro lrosads_post_async_relative_retry400" => c.begin_lrosads_post_async_relative_retry400(Some(&Product::new())),
        "lro lrosads_put_error201_no_provisioning_state_payload" => c.begin_lrosads_put_error201_no_provisioning_state_payload(Some(&Product::new())),
        "lro lrosads_put_async_relative_retry_no_status" => c.begin_lrosads_put_async_relative_retry_no_status(Some(&Product::new())),
        "lro lrosads_put_async_relative_retry_no_status_payload" => c.begin_lrosads_put_async_relative_retry_no_status_payload(Some(&Product::new())),
        "lro lrosads_delete_async_relative_retry_no_status" => c.begin_lrosads_delete_async_relative_retry_no_status(),
        "lro lrosads_post202_no_location" => c.begin_lrosads_post202_no_location(Some(&Product::new())),
        "lro lrosads_post_async_relative_retry_no_payload" => c.begin_lrosads_post_async_relative_retry_no_payload(Some(&Product::new())),
        "lro lrosads_put200_invalid_json" => c.begin_lrosads_put200_invalid_json(Some(&Product::new())),
        "lro lrosads_put_async_relative_retry_invalid_header" => c.begin_lrosads_put_async_relative_retry_invalid_header(Some(&Product::new())),
        "lro lrosads_put_async_relative_retry_invalid_json_polling" => c.begin_lrosads_put_async_relative_retry_invalid_json_polling(Some(&Product::new())),
        "lro lrosads_delete202_retry_invalid_header" => c.begin_lrosads_delete202_retry_invalid_header(),
        "lro lrosads_delete_async_relative_retry_invalid_header" => c.begin_lrosads_delete_async_relative_retry_invalid_header(),
        "lro lrosads_delete_async_relative_retry_invalid_json_polling" => c.begin_lrosads_delete_async_relative_retry_invalid_json_polling(),
        "lro lrosads_post202_retry_invalid_header" => c.begin_lrosads_post202_retry_invalid_header(Some(&Product::new())),
        "lro lrosads_post_async_relative_retry_invalid_header" => c.begin_lrosads_post_async_relative_retry_invalid_header(Some(&Product::new())),
        "lro lrosads_post_async_relative_retry_invalid_json_polling" => c.begin_lrosads_post_async_relative_retry_invalid_json_polling(Some(&Product::new())),
    );
    // The poll of these two moves on to a new Location, which answers the end.
    succeeds!(v, c,
        "lro lros_post202_retry200 (follows a new Location)" => c.begin_lros_post202_retry200(Some(&Product::new())),
    );
    scenario!(
        v,
        c,
        "lro lros_post202_no_retry204 (follows a new Location, ends with no body)",
        |c| {
            // The result is declared only on the 202: a 204 at the end is `None`, not an error.
            let result = ok!(c
                .begin_lros_post202_no_retry204(Some(&Product::new()))
                .await);
            crate::check_eq!(result, None);
            Ok(())
        }
    );
    // The caller's `x-ms-client-request-id` on the first request and on every poll: the server
    // answers 400 to any request without it.
    let custom = c.with_call_options(
        CallOptions::new().with_client_request_id("9C4D50EE-2D56-4CD3-8152-34347DC9F2B0"),
    );
    succeeds!(v, custom,
        "lro custom header lros_put_async_retry_succeeded" => custom.begin_lros_custom_header_put_async_retry_succeeded(Some(&Product::new())),
        "lro custom header lros_put201_creating_succeeded200" => custom.begin_lros_custom_header_put201_creating_succeeded200(Some(&Product::new())),
        "lro custom header lros_post202_retry200" => custom.begin_lros_custom_header_post202_retry200(Some(&Product::new())),
        "lro custom header lros_post_async_retry_succeeded" => custom.begin_lros_custom_header_post_async_retry_succeeded(Some(&Product::new())),
    );
    scenario!(
        v,
        c,
        "lro custom header: without the id every request is refused",
        |c| {
            let e = err!(
                c.begin_lros_custom_header_put_async_retry_succeeded(Some(&Product::new()))
                    .await,
                "a 400 without the caller's request id"
            );
            crate::check_eq!(e.status(), Some(400));
            Ok(())
        }
    );
    // The final resource comes from the Location (or the monitor) the double headers name.
    scenario!(
        v,
        c,
        "lro lros_post_double_headers_final_location_get",
        |c| {
            // `final-state-via: location` names where the result is: it is no `Option`.
            let result = ok!(c.begin_lros_post_double_headers_final_location_get().await);
            crate::check_eq!(result.id.as_deref(), Some("100"));
            Ok(())
        }
    );
    scenario!(
        v,
        c,
        "lro lros_post_double_headers_final_azure_header_get",
        |c| {
            // Any `final-state-via` names where the result is: it is no `Option`.
            let result = ok!(c
                .begin_lros_post_double_headers_final_azure_header_get()
                .await);
            crate::check_eq!(result.id.as_deref(), Some("100"));
            Ok(())
        }
    );
    scenario!(
        v,
        c,
        "lro lros_post_double_headers_final_azure_header_get_default",
        |c| {
            let result = ok!(c
                .begin_lros_post_double_headers_final_azure_header_get_default()
                .await);
            crate::check_eq!(result.and_then(|p| p.id).as_deref(), Some("100"));
            Ok(())
        }
    );
    scenario!(v, c, "lro resumed from its token in a fresh client", |c| {
        // Start, take the first in-progress update's token, drop the poller...
        let mut poller = c.begin_lros_put_async_retry_succeeded(Some(&Product::new()));
        let token = match ok!(poller.try_next().await) {
            Some(PollUpdate::InProgress { resume_token, .. }) => resume_token,
            other => return Err(format!("expected an in-progress update, got {other:?}")),
        };
        drop(poller);
        // ...and finish in a client that never saw the operation start.
        let fresh = ok!(AutoRestLongRunningOperationTestServiceClient::new(
            c.pipeline().endpoint().as_str(),
            Credential::Anonymous,
            options()
        ));
        let product = ok!(ok!(fresh.resume_lros_put_async_retry_succeeded(&token)).await);
        crate::check_eq!(product.id.as_deref(), Some("100"));
        crate::check_eq!(product.name.as_deref(), Some("foo"));
        Ok(())
    });
    let pe = LroWithParamaterizedEndpointsClient::new(
        "127.0.0.1",
        Some(&format!(":{port}")),
        Credential::Anonymous,
        options(),
    )
    .expect("client");
    succeeds!(v, pe,
        "lro parameterized endpoint" => pe.begin_poll_with_parameterized_endpoints(),
        "lro constant parameterized endpoint" => pe.begin_poll_with_constant_parameterized_endpoints(),
    );
    v
}
