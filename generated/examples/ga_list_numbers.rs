//! Phone Numbers 2025-06-01: the numbers this resource owns, and the countries it can buy in.
mod common;

use azure_communication_administration::TryStreamExt;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::phone_client_ga()?;
    let mut numbers = client.list_purchased_phone_numbers(None);
    while let Some(number) = numbers.try_next().await? {
        println!(
            "{} ({:?}, {:?}) calling {:?}, sms {:?}",
            number.phone_number,
            number.phone_number_type,
            number.assignment_type,
            number.capabilities.calling,
            number.capabilities.sms
        );
    }
    let countries: Vec<_> = client.list_available_countries(None).try_collect().await?;
    for country in countries {
        println!("{} {}", country.country_code, country.localized_name);
    }
    Ok(())
}
