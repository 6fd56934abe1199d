//! Lists the area codes available for a phone plan.
mod common;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::phone_client()?;
    let plan_id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "<phone-plan-id>".into());
    let codes = client
        .get_all_area_codes("selection", "US", &plan_id, None)
        .await?;
    println!(
        "primary: {:?}",
        codes.primary_area_codes.unwrap_or_default()
    );
    Ok(())
}
