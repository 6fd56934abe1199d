//! Revokes every token an identity was issued until now.
mod common;

use azure_communication_administration::OffsetDateTime;
use azure_communication_administration::identity::RevokeTokensOptions;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::identity_client()?;
    let user = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "<identity-id>".into());
    let options = RevokeTokensOptions {
        issued_before: Some(OffsetDateTime::now_utc()),
    };
    client.revoke_tokens(&user, Some(options)).await?;
    println!("revoked the tokens of {user}");
    Ok(())
}
