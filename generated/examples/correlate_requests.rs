//! Gets a search with a request id of the caller's choosing, to find the call in the service's
//! logs and the caller's own; a failure shows the error body as the spec's type.
mod common;

use azure_communication_administration::CallOptions;
use azure_communication_administration::phone_numbers::ErrorResponse;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::phone_client()?;
    let search_id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "<search-id>".into());
    let traced = client.with_call_options(CallOptions::new().with_client_request_id("order-4711"));
    match traced.get_search_by_id(&search_id).await {
        Ok(search) => println!("order-4711: {:?}", search.status),
        Err(e) => {
            let code = e
                .model::<ErrorResponse>()
                .and_then(|m| m.error.as_ref())
                .and_then(|b| b.code.as_deref());
            println!("order-4711 failed ({code:?}): {e}");
        }
    }
    Ok(())
}
