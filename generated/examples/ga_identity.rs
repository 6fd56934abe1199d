//! Communication Identity 2026-09-23: creates an identity with a chat token, issues a VoIP token
//! valid for an hour, revokes its tokens, and deletes it.
mod common;

use azure_communication_administration::identity_2026_09_23::{
    CommunicationIdentityTokenScope as Scope, CreateUserOptions, IssueAccessTokenOptions,
};

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::identity_client_ga()?;
    let created = client
        .create_user(Some(CreateUserOptions {
            create_token_with_scopes: Some(vec![Scope::Chat]),
            ..Default::default()
        }))
        .await?;
    let user = created.identity.id;
    if let Some(token) = created.access_token {
        println!(
            "created {user} with a chat token valid until {}",
            token.expires_on
        );
    }
    let options = IssueAccessTokenOptions {
        expires_in_minutes: Some(60),
    };
    let token = client
        .issue_access_token(&user, vec![Scope::Voip], Some(options))
        .await?;
    println!("VoIP token valid until {}", token.expires_on);
    client.revoke_access_tokens(&user).await?;
    client.delete_user(&user).await?;
    println!("revoked the tokens of {user} and deleted it");
    Ok(())
}
