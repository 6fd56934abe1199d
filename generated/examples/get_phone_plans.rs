//! Lists the phone plans of a phone plan group.
mod common;

use azure_communication_administration::TryStreamExt;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::phone_client()?;
    let group_id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "<phone-plan-group-id>".into());
    let mut plans = client.list_phone_plans("US", &group_id, None);
    while let Some(plan) = plans.try_next().await? {
        println!(
            "{}: {} ({})",
            plan.phone_plan_id, plan.localized_name, plan.location_type
        );
    }
    Ok(())
}
