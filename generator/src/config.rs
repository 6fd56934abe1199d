//! The generation config: which specs make which modules of which crate, with per-operation
//! renames so a crate can keep the method names its users know.
//!
//! ```yaml
//! crate:
//!   name: azure_communication_administration
//!   output: ../generated        # the crate's folder, relative to this file
//!   readme: README.md           # hand-written crate docs, relative to the crate's folder
//!   layout: nested              # generated code under src/generated/, lib.rs hand-written
//! apis:
//!   - spec: identity.yaml       # relative to this file
//!     module: identity
//!     client: CommunicationIdentityClient
//!     feature: identity           # optional: the cargo feature that compiles the module in
//!     earlier-versions: []        # optional: older specs of the API, merged into one client
//!     connection-string: true     # offer from_connection_string (HMAC access keys)
//!     scopes: [https://communication.azure.com/.default]  # Entra ID token scopes
//!     next-link-api-version: keep  # or append / replace, for pageable operations
//!     nullable-items: declared  # or all: any array item or map value may be null
//!     spec-root: .              # the folder `$ref`s may read below (default: the spec's)
//!     operations:
//!       CommunicationIdentity_IssueToken:
//!         name: issue_token
//!         flatten-body: true    # the body's properties become arguments
//!         params: { id: user }  # Rust names for parameters, by wire name
//!       Models_Train:
//!         long-running:         # where the spec cannot say how the status reads
//!           status: /modelInfo/status
//!           succeeded: [ready]
//!           failed: [invalid]
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::ir::ApiVersionPolicy;
use crate::load::LoadOptions;

/// Per-operation settings for building one API's IR.
#[derive(Clone, Debug, Default)]
pub struct OperationSettings {
    /// The Rust method name to use instead of the derived one.
    pub name: Option<String>,
    /// Make the body model's properties parameters of their own.
    pub flatten_body: bool,
    /// Rust names for parameters, by wire name.
    pub params: BTreeMap<String, String>,
    /// How a long-running operation's status reads.
    pub long_running: Option<LongRunningConfig>,
}

/// Settings for building one API's IR (the generation config's part for it, or a `build.rs`'s
/// own).
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The client's name (default: from the title).
    pub client_name: Option<String>,
    /// Per-operation settings, by `operationId`.
    pub operations: BTreeMap<String, OperationSettings>,
    /// What pageable operations with an api-version do to it in next links.
    pub next_link_api_version: ApiVersionPolicy,
    /// Which array items and map values may be `null`.
    pub nullable_items: NullableItems,
    /// Type names to give instead of the derived ones, by derived name (an older version's
    /// types beside a newer one's of the same name, in a merged client).
    pub type_renames: BTreeMap<String, String>,
    /// Whether the client offers `from_connection_string` (HMAC-SHA256 with an access key):
    /// `None` offers it when the spec declares an `apiKey` scheme in the `Authorization` header.
    pub connection_string: Option<bool>,
    /// Model properties that hold secrets (`Model.property`, the property's wire name), beside
    /// those the spec marks `x-ms-secret`: `Debug` prints them redacted.
    pub secrets: BTreeSet<String>,
    /// The scopes Entra ID tokens are requested for (`https://communication.azure.com/.default`):
    /// `None` takes the spec's OAuth2 scopes that are URIs.
    pub scopes: Option<Vec<String>>,
}

/// Which array items and map values may be `null` (`Vec<Option<T>>`).
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum NullableItems {
    /// Those whose schema says `x-nullable: true`.
    #[default]
    Declared,
    /// All of them: for a service that sends `null` items its spec does not declare.
    All,
}

/// The whole config file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The crate to write.
    #[serde(rename = "crate")]
    pub krate: CrateConfig,
    /// One entry per API module.
    pub apis: Vec<ApiConfig>,
}

/// The crate section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    /// The crate's name (for messages).
    pub name: String,
    /// The crate's folder, relative to the config file.
    pub output: PathBuf,
    /// A hand-written file included as the crate's documentation, relative to the crate folder.
    pub readme: Option<String>,
    /// `flat` (default): the generator writes `src/lib.rs` and a folder per API. `nested`:
    /// everything it writes goes under `src/generated/`, and `src/lib.rs` is the crate's own
    /// (written once, if missing, declaring and re-exporting `generated`), so hand-written
    /// modules can sit beside the generated ones.
    #[serde(default)]
    pub layout: CrateLayout,
}

/// Where a crate's generated files go.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CrateLayout {
    /// `src/lib.rs` and `src/<module>/`, all generated.
    #[default]
    Flat,
    /// `src/generated/mod.rs` and `src/generated/<module>/`; `src/lib.rs` is hand-written.
    Nested,
}

/// One API.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiConfig {
    /// The spec file, relative to the config file.
    pub spec: PathBuf,
    /// The module name.
    pub module: String,
    /// The client's name.
    pub client: Option<String>,
    /// The cargo feature that compiles the module in (declared in the crate's `Cargo.toml`);
    /// without one the module is always compiled.
    pub feature: Option<String>,
    /// Earlier versions of the same API, oldest first: merged with `spec` (the newest) into
    /// one client whose api-version the caller chooses when building it.
    #[serde(rename = "earlier-versions", default)]
    pub earlier_versions: Vec<PathBuf>,
    /// Offer `from_connection_string` (HMAC-SHA256 signing with an access key, as Azure
    /// Communication Services use though their specs declare only OAuth2).
    #[serde(rename = "connection-string")]
    pub connection_string: Option<bool>,
    /// The scopes Entra ID tokens are requested for, when the spec's OAuth2 scopes are not
    /// usable ones (Azure specs often declare only `user_impersonation`).
    #[serde(default)]
    pub scopes: Option<Vec<String>>,
    /// Per-operation settings, by `operationId`.
    #[serde(default)]
    pub operations: BTreeMap<String, OperationConfig>,
    /// `keep` (default), `append` or `replace`: the api-version in next links.
    #[serde(rename = "next-link-api-version", default)]
    pub next_link_api_version: ApiVersionPolicy,
    /// `declared` (default) or `all`: which array items and map values may be `null`.
    #[serde(rename = "nullable-items", default)]
    pub nullable_items: NullableItems,
    /// The folder the spec's `$ref`s may read below, relative to the config file (default: the
    /// spec's folder, widened in the Azure layout; see `LoadOptions::root`).
    #[serde(rename = "spec-root")]
    pub spec_root: Option<PathBuf>,
    /// Model properties that hold secrets (`Model.property`), for specs that do not mark them
    /// `x-ms-secret`: `Debug` prints them redacted.
    #[serde(default)]
    pub secrets: BTreeSet<String>,
}

/// One operation's settings.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OperationConfig {
    /// Method name.
    pub name: Option<String>,
    /// Make the body's properties arguments of their own.
    #[serde(rename = "flatten-body", default)]
    pub flatten_body: bool,
    /// Rust names for parameters, by wire name.
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// How a long-running operation's status reads, where the spec cannot say.
    #[serde(rename = "long-running")]
    pub long_running: Option<LongRunningConfig>,
}

/// A long-running operation's statuses, by meaning (`long-running:` of an operation).
#[derive(Clone, Debug, Deserialize, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LongRunningConfig {
    /// A JSON pointer to the status in the polled body (`/modelInfo/status`).
    pub status: Option<String>,
    /// Statuses meaning success.
    #[serde(default)]
    pub succeeded: Vec<String>,
    /// Statuses meaning failure.
    #[serde(default)]
    pub failed: Vec<String>,
    /// Statuses meaning cancellation.
    #[serde(default)]
    pub canceled: Vec<String>,
}

impl Config {
    /// Reads and checks a config file.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let config: Config = serde_yaml::from_str(&text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let mut modules = std::collections::BTreeSet::new();
        for api in &config.apis {
            let valid = !api.module.is_empty()
                && api
                    .module
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                && !api.module.starts_with(|c: char| c.is_ascii_digit());
            if !valid {
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    message: format!(
                        "module `{}` must be a snake_case Rust identifier",
                        api.module
                    ),
                });
            }
            let feature_valid = api.feature.as_deref().is_none_or(|f| {
                !f.is_empty()
                    && f.starts_with(|c: char| c.is_ascii_alphanumeric())
                    && f.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
            if !feature_valid {
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    message: format!(
                        "feature `{}` of module `{}` must be letters, digits, `-` and `_`",
                        api.feature.as_deref().unwrap_or_default(),
                        api.module
                    ),
                });
            }
            if !modules.insert(api.module.clone()) {
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    message: format!("module `{}` is listed twice", api.module),
                });
            }
        }
        Ok(config)
    }
}

impl ApiConfig {
    /// What the loader may read for this API; `base` is the config file's folder.
    pub fn load_options(&self, base: &Path) -> LoadOptions {
        LoadOptions {
            root: self.spec_root.as_ref().map(|r| base.join(r)),
            ..LoadOptions::default()
        }
    }

    /// The IR builder's settings for this API.
    pub fn settings(&self) -> Settings {
        Settings {
            client_name: self.client.clone(),
            operations: self
                .operations
                .iter()
                .map(|(id, o)| {
                    (
                        id.clone(),
                        OperationSettings {
                            name: o.name.clone(),
                            flatten_body: o.flatten_body,
                            params: o.params.clone(),
                            long_running: o.long_running.clone(),
                        },
                    )
                })
                .collect(),
            next_link_api_version: self.next_link_api_version,
            nullable_items: self.nullable_items,
            type_renames: BTreeMap::new(),
            connection_string: self.connection_string,
            secrets: self.secrets.clone(),
            scopes: self.scopes.clone(),
        }
    }
}
