//! Lists the phone plan groups of a country, with their rates.
mod common;

use azure_communication_administration::TryStreamExt;
use azure_communication_administration::phone_numbers::ListPhonePlanGroupsOptions;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::phone_client()?;
    let options = ListPhonePlanGroupsOptions {
        include_rate_information: Some(true),
        ..Default::default()
    };
    let groups: Vec<_> = client
        .list_phone_plan_groups("US", Some(options))
        .try_collect()
        .await?;
    for group in groups {
        println!("{}: {}", group.phone_plan_group_id, group.localized_name);
    }
    Ok(())
}
