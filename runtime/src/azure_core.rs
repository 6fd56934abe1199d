//! The official Azure SDK's credentials as token sources (the `azure_core` feature): every
//! `azure_core::credentials::TokenCredential` (`azure_identity`'s `DeveloperToolsCredential`,
//! `ManagedIdentityCredential`, `ClientSecretCredential`...) is a [`TokenCredential`], so it
//! can be handed to a generated client's `with_token_credential` as it is:
//!
//! ```ignore
//! let credential = azure_identity::DeveloperToolsCredential::new(None)?;
//! let client = CommunicationIdentityClient::with_token_credential(endpoint, credential, options)?;
//! ```
//!
//! One already behind an `Arc<dyn azure_core::credentials::TokenCredential>` (what
//! `azure_identity`'s factory functions return) goes through [`credential`]. Its failures become
//! `ErrorKind::Authentication` errors carrying the credential's message.

use std::sync::Arc;

use crate::{AccessToken, BoxFuture, Error, Result, TokenCredential};

/// An `azure_core` token credential held as `Arc<dyn ...>`, as a token source.
pub fn credential(
    source: Arc<dyn azure_core::credentials::TokenCredential>,
) -> Arc<dyn TokenCredential> {
    Arc::new(Shared(source))
}

/// A shared `azure_core` credential (the `Arc` itself is not one).
#[derive(Debug)]
struct Shared(Arc<dyn azure_core::credentials::TokenCredential>);

impl TokenCredential for Shared {
    fn get_token<'a>(&'a self, scopes: &'a [String]) -> BoxFuture<'a, Result<AccessToken>> {
        TokenCredential::get_token(&*self.0, scopes)
    }
}

impl<T: azure_core::credentials::TokenCredential + ?Sized> TokenCredential for T {
    fn get_token<'a>(&'a self, scopes: &'a [String]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(async move {
            let scopes: Vec<&str> = scopes.iter().map(String::as_str).collect();
            match azure_core::credentials::TokenCredential::get_token(self, &scopes, None).await {
                Ok(token) => Ok(AccessToken::new(
                    token.token.secret(),
                    Some(token.expires_on),
                )),
                Err(e) => Err(Error::Authentication {
                    message: e.to_string(),
                    source: Some(Box::new(e)),
                }),
            }
        })
    }
}
