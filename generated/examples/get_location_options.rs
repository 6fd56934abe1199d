//! Shows the location options (states, cities) of a phone plan.
mod common;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::phone_client()?;
    let mut args = std::env::args().skip(1);
    let group_id = args
        .next()
        .unwrap_or_else(|| "<phone-plan-group-id>".into());
    let plan_id = args.next().unwrap_or_else(|| "<phone-plan-id>".into());
    let response = client
        .get_phone_plan_location_options("US", &group_id, &plan_id, None)
        .await?;
    if let Some(options) = response.location_options {
        println!("{}:", options.label_name.unwrap_or_default());
        for option in options.options.unwrap_or_default() {
            println!("  {}", option.value.unwrap_or_default());
        }
    }
    Ok(())
}
