//! Creates a communication identity.
mod common;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::identity_client()?;
    let user = client.create_user().await?;
    println!("created {}", user.id);
    Ok(())
}
