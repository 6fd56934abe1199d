//! Deletes an identity with all of its data.
mod common;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::identity_client()?;
    let user = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "<identity-id>".into());
    client.delete_user(&user).await?;
    println!("deleted {user}");
    Ok(())
}
