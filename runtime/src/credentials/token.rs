//! Entra ID (Azure AD) bearer tokens: where they come from ([`TokenCredential`]) and how a
//! client holds them ([`BearerTokenCredential`]): cached, refreshed before they expire, fetched
//! once however many calls need one at the same moment.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use time::OffsetDateTime;

use crate::{BoxFuture, Error, Result};

/// An access token from an Entra ID (Azure AD) token source. `Debug` hides the token.
#[derive(Clone)]
pub struct AccessToken {
    token: String,
    /// When the token stops being valid, if known. A token without it is not cached: its
    /// source is asked again for every request.
    pub expires_on: Option<OffsetDateTime>,
}

impl AccessToken {
    /// Wraps a token string.
    pub fn new(token: impl Into<String>, expires_on: Option<OffsetDateTime>) -> Self {
        Self {
            token: token.into(),
            expires_on,
        }
    }

    /// The token itself, for the `Authorization: Bearer` header.
    pub fn secret(&self) -> &str {
        &self.token
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &"<redacted>")
            .field("expires_on", &self.expires_on)
            .finish()
    }
}

/// A source of Entra ID access tokens (a managed identity, a developer's CLI login, a client
/// secret...). With the `azure_core` feature, `restgen_runtime::azure_core::credential` turns
/// any of `azure_identity`'s credentials into one.
pub trait TokenCredential: Send + Sync + fmt::Debug {
    /// Returns a token valid for the given scopes. An error fails the call as
    /// `ErrorKind::Authentication`.
    fn get_token<'a>(&'a self, scopes: &'a [String]) -> BoxFuture<'a, Result<AccessToken>>;
}

/// A token credential that always returns the same token.
#[derive(Clone)]
pub struct StaticTokenCredential {
    token: AccessToken,
}

impl StaticTokenCredential {
    /// A credential for a token obtained elsewhere.
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            token: AccessToken::new(token, None),
        }
    }
}

impl fmt::Debug for StaticTokenCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticTokenCredential(<redacted>)")
    }
}

impl TokenCredential for StaticTokenCredential {
    fn get_token<'a>(&'a self, _scopes: &'a [String]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(std::future::ready(Ok(self.token.clone())))
    }
}

/// How long before its expiry a cached token is replaced (as azure-core does it).
const REFRESH_BEFORE: Duration = Duration::from_secs(300);
/// A token this close to its expiry is not sent even when a refresh fails: it could expire on
/// the way.
const STILL_VALID_FOR: Duration = Duration::from_secs(30);

/// Sends `Authorization: Bearer <token>` with tokens for the given scopes.
///
/// Tokens are cached, shared by every clone (and so by every client built with one): a token is
/// used until five minutes before it expires; then the next call fetches a new one, while calls
/// made meanwhile wait for that one fetch instead of starting their own. When the early refresh
/// fails, the cached token is used while it is valid for more than 30 s; past that, the call
/// fails with `ErrorKind::Authentication`.
#[derive(Clone)]
pub struct BearerTokenCredential {
    source: Arc<dyn TokenCredential>,
    scopes: Arc<[String]>,
    cache: Arc<tokio::sync::Mutex<Option<AccessToken>>>,
}

impl fmt::Debug for BearerTokenCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BearerTokenCredential")
            .field("source", &self.source)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

impl BearerTokenCredential {
    /// Tokens from `source`, requested for `scopes` (for Communication Services,
    /// `https://communication.azure.com/.default`; a generated client whose scopes are known
    /// offers `with_token_credential`, which passes them).
    pub fn new(source: Arc<dyn TokenCredential>, scopes: Vec<String>) -> Self {
        Self {
            source,
            scopes: scopes.into(),
            cache: Arc::default(),
        }
    }

    /// The scopes tokens are requested for.
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    pub(crate) async fn header_value(&self) -> Result<String> {
        let token = self.token(OffsetDateTime::now_utc()).await?;
        Ok(format!("Bearer {}", token.secret()))
    }

    /// A token valid at `now`: the cached one while it is fresh, else a new one (one fetch at a
    /// time: the lock is held while fetching, so concurrent calls share its result).
    async fn token(&self, now: OffsetDateTime) -> Result<AccessToken> {
        let mut cached = self.cache.lock().await;
        if let Some(token) = cached.as_ref()
            && expires_after(token, now, REFRESH_BEFORE)
        {
            return Ok(token.clone());
        }
        match self.source.get_token(&self.scopes).await {
            Ok(token) => {
                *cached = token.expires_on.is_some().then(|| token.clone());
                Ok(token)
            }
            Err(e) => match cached.as_ref() {
                Some(token) if expires_after(token, now, STILL_VALID_FOR) => {
                    tracing::debug!(error = %e, "token refresh failed; the cached token is still valid");
                    Ok(token.clone())
                }
                _ => Err(Error::authentication(e)),
            },
        }
    }
}

/// Whether the token is valid for longer than `margin` after `now`.
fn expires_after(token: &AccessToken, now: OffsetDateTime, margin: Duration) -> bool {
    token.expires_on.is_some_and(|at| at - now > margin)
}
