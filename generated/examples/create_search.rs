//! Reserves phone numbers by creating a search.
mod common;

use azure_communication_administration::phone_numbers::CreateSearchOptions;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::phone_client()?;
    let plan_id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "<phone-plan-id>".into());
    let mut search = CreateSearchOptions::new(
        "reservation".into(),
        "numbers for the support line".into(),
        vec![plan_id],
        "425".into(),
    );
    search.quantity = Some(1);
    let created = client.create_search(Some(&search)).await?;
    println!("search id: {}", created.search_id);
    Ok(())
}
