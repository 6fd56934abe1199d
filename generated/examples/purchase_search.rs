//! Purchases the numbers a search reserved.
mod common;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::phone_client()?;
    let search_id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "<search-id>".into());
    client.purchase_search(&search_id).await?;
    println!("purchase of {search_id} started; poll get_search_by_id for its status");
    Ok(())
}
