//! Shows a search: its status and the numbers it reserved.
mod common;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::phone_client()?;
    let search_id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "<search-id>".into());
    let search = client.get_search_by_id(&search_id).await?;
    let status = search.status.map(|s| s.to_string()).unwrap_or_default();
    println!("{status}: {:?}", search.phone_numbers.unwrap_or_default());
    Ok(())
}
