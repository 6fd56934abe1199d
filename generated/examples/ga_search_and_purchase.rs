//! Phone Numbers 2025-06-01: searches for one US toll-free number that can make and receive
//! calls (a long-running operation), then purchases what the search reserved (another one).
//! `cargo run --example ga_search_and_purchase -- 833` searches in area code 833.
mod common;

use azure_communication_administration::phone_numbers_2025_06_01::{
    PhoneNumberAssignmentType, PhoneNumberCapabilities, PhoneNumberCapabilityType,
    PhoneNumberPurchaseRequest, PhoneNumberSearchRequest, PhoneNumberType,
};

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::phone_client_ga()?;
    let capabilities = PhoneNumberCapabilities::new(
        PhoneNumberCapabilityType::InboundOutbound,
        PhoneNumberCapabilityType::NoneModel,
    );
    let mut search = PhoneNumberSearchRequest::new(
        PhoneNumberType::TollFree,
        PhoneNumberAssignmentType::Application,
        capabilities,
    );
    search.area_code = std::env::args().nth(1);
    search.quantity = Some(1);
    // The poller waits as the service asks (Retry-After), within the client's bounds.
    let result = client
        .begin_search_available_phone_numbers("US", &search)
        .await?;
    println!(
        "search {} reserved {:?} until {}, {} {:?} a month",
        result.search_id,
        result.phone_numbers,
        result.search_expires_by,
        result.cost.amount,
        result.cost.currency_code
    );
    let mut purchase = PhoneNumberPurchaseRequest::new();
    purchase.search_id = Some(result.search_id.clone());
    purchase.agree_to_not_resell = Some(true);
    client.begin_purchase_phone_numbers(&purchase).await?;
    println!("purchased {:?}", result.phone_numbers);
    Ok(())
}
