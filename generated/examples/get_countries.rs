//! Lists the countries where phone numbers can be acquired.
mod common;

use azure_communication_administration::TryStreamExt;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::phone_client()?;
    let mut countries = client.list_all_supported_countries(None);
    while let Some(country) = countries.try_next().await? {
        println!("{} ({})", country.localized_name, country.country_code);
    }
    Ok(())
}
