//! Creates an identity and issues it a chat token.
mod common;

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::identity_client()?;
    let user = client.create_user().await?;
    let token = client
        .issue_token(&user.id, vec!["chat".to_owned()])
        .await?;
    println!("token for {} expires at {}", token.id, token.expires_on);
    Ok(())
}
