//! Builds the resolved IR from a typed Swagger 2.0 document (the OpenAPI 3.0 front-end converts
//! to the same model first), in passes that each return what they make:
//!
//! 1. **classify** (`operation`, `params`, `responses`, `groups`): each operation read into a
//!    draft — its parameters classified by where they go and where their values come from, its
//!    responses into a method kind; schemas met on the way become types (`types`, `models`,
//!    `enums`);
//! 2. **resolve types** (`unions`): every model built, discriminated unions found and swapped in
//!    for their bases;
//! 3. **name** (`client`): drafts become operations with final method names, options and header
//!    structs, error decoders, and the method fetching each next page;
//! 4. **shape** (`shapes`): by-value cycles boxed, model depth measured, nested containers
//!    named.

mod client;
mod enums;
mod groups;
mod lifecycle;
mod media;
mod models;
mod one_of;
mod operation;
mod params;
mod responses;
mod shapes;
mod types;
mod unions;
mod xml;

use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::names::{self, Scope, type_name};
use super::{Api, Client};
use crate::config::{NullableItems, Settings};
use crate::error::{Error, Location, Result, Warning};
use crate::frontend::swagger::{IGNORED_KEYS, Located, Swagger};
use crate::frontend::typed;
use crate::load::Loader;

pub use shapes::RUSTC_SAFE_DEPTH;

/// Builds the IR of the document at `root` (already loaded as Swagger 2.0), and the warnings
/// for what it did not use.
pub fn build(loader: &mut Loader, root: &Path, settings: &Settings) -> Result<(Api, Vec<Warning>)> {
    let value = loader.load(root)?;
    let at = Location::new(root, "");
    let doc: Swagger = typed(&value, &at)?;
    validate_settings(settings, &at)?;
    let mut b = Builder::new(loader, root, settings.nullable_items);
    b.renames.clone_from(&settings.type_renames);
    b.secrets.clone_from(&settings.secrets);
    b.xml = xml::mentioned(&doc);
    b.grouped_ids = names::grouped_ids(
        doc.paths
            .values()
            .flat_map(|item| item.operations())
            .filter_map(|(_, op)| op.operation_id.as_deref()),
    );
    b.report_extra(
        &at,
        &doc.extra,
        &["swagger", "info", "parameters", "definitions", "responses"],
    );
    if let (Some(host), Some(_)) = (&doc.host, &doc.parameterized_host) {
        b.warn(
            &at.join("host"),
            format!("fixed host `{host}` not used: `x-ms-parameterized-host` forms the endpoint"),
        );
    }
    // The client's name is taken first: a model called `<Title>Client` yields to it.
    let client_name = settings.client_name.clone().unwrap_or_else(|| {
        let t = type_name(&doc.info.title);
        if t.ends_with("Client") {
            t
        } else {
            format!("{t}Client")
        }
    });
    b.types.claim(client_name.clone());
    // Every definition of the root document is a type, used or not, in spec order.
    for (name, def) in &doc.definitions {
        let def_at = at.join("definitions").join(name);
        if def.is_struct() {
            b.model_ref(&def_at, def, name);
        } else if def.enum_values.is_some() || def.is_choice() {
            b.type_of(def, &def_at, name)?;
        }
    }
    // Classify every operation, resolve the types they reach, then name them.
    let client::Host {
        endpoint,
        position: host_position,
        wire_names: host_params,
    } = b.endpoint(&doc)?;
    let mut drafts = b.drafts(&doc, settings, &host_params)?;
    let unions::Types { mut models, unions } = b.resolve_types(&mut drafts)?;
    b.settle_paging(&mut drafts);
    let (mut operations, error_decoders) = b.name_operations(drafts, settings)?;
    if b.xml {
        b.settle_xml(&mut models, &mut operations);
    }
    shapes::box_cycles(&mut models);
    // Measured before aliases hide the models inside containers.
    let type_depth = shapes::type_depth(&models, &unions, &b.one_ofs.made);
    if type_depth > RUSTC_SAFE_DEPTH {
        b.warn(
            &at.join("definitions"),
            format!(
                "models contain one another {type_depth} deep; the crate's `lib.rs` raises \
                 `recursion_limit` for rustc's drop check (a crate that includes these modules \
                 itself needs the same)"
            ),
        );
    }
    let enums: Vec<crate::ir::Enum> = b.enums.enums.values().cloned().collect();
    b.lifecycles(&mut operations, &models, &enums, settings, &at);
    let mut aliases = b.result_aliases(&mut operations);
    aliases.extend(b.field_aliases(&mut models));
    // A version written into the endpoint's template or every operation's path is fixed there.
    let version = doc.info.version.as_str();
    // (As a whole segment, `2.1` or `v2.1`.)
    let names_version = |path: &str| {
        !version.is_empty()
            && path.split('/').any(|segment| {
                segment == version
                    || segment
                        .strip_prefix(['v', 'V'])
                        .is_some_and(|rest| rest == version)
            })
    };
    let version_in_path = match &endpoint {
        crate::ir::Endpoint::Template { template, .. } if names_version(template) => true,
        _ => !operations.is_empty() && operations.iter().all(|o| names_version(&o.path)),
    };
    // Access keys sign with HMAC in the `Authorization` header: a spec that declares such a key
    // (or a config that says so) gets `from_connection_string`.
    let declares_key = doc.security_definitions.values().any(|s| {
        s.kind == "apiKey"
            && s.extra.get("in").and_then(|v| v.as_str()) == Some("header")
            && s.extra
                .get("name")
                .and_then(|v| v.as_str())
                .is_some_and(|n| n.eq_ignore_ascii_case("authorization"))
    });
    // Entra ID scopes: the config's, else the spec's OAuth2 scopes that name a resource
    // (`https://management.azure.com/.default`), not a permission (`user_impersonation`).
    let scopes = settings.scopes.clone().unwrap_or_else(|| {
        let mut scopes: Vec<String> = doc
            .security_definitions
            .values()
            .filter(|s| s.kind == "oauth2")
            .filter_map(|s| s.extra.get("scopes")?.as_object())
            .flat_map(|scopes| scopes.keys())
            .filter(|scope| scope.contains("://"))
            .cloned()
            .collect();
        scopes.dedup();
        scopes
    });
    let client = Client {
        name: client_name,
        doc: doc.info.description.clone(),
        scopes,
        connection_string: settings.connection_string.unwrap_or(declares_key),
        version_in_path,
        endpoint,
        host_position,
        params: std::mem::take(&mut b.client_params),
        operations,
        groups: std::mem::take(&mut b.groups.groups).into_values().collect(),
        error_decoders,
        version_templates: Vec::new(),
    };
    let api = Api {
        title: doc.info.title.clone(),
        description: doc.info.description.clone(),
        api_version: doc.info.version.clone(),
        api_versions: Vec::new(),
        client,
        models,
        enums,
        unions,
        one_ofs: std::mem::take(&mut b.one_ofs.made),
        aliases,
        type_depth,
    };
    for unknown in std::mem::take(&mut b.secrets) {
        b.warn(
            &at,
            format!("the config's secret `{unknown}` names no model property (`Model.property`)"),
        );
    }
    let mut warnings = b.warnings;
    warnings.sort();
    warnings.dedup();
    Ok((api, warnings))
}

/// What every pass shares: the loader, the names taken, the types found so far, and the
/// warnings.
struct Builder<'a> {
    loader: &'a mut Loader,
    /// The spec's own file (a global parameter is one of its `#/parameters`).
    root: PathBuf,
    warnings: Vec<Warning>,
    /// Type names, for models, enums, unions, groups, options and header structs alike.
    types: Scope,
    models: models::Registry,
    one_ofs: one_of::Registry,
    enums: enums::Registry,
    groups: groups::Registry,
    /// Client-level parameters, as the first operation declaring each gives it.
    client_params: Vec<crate::ir::ClientParam>,
    /// Named schemas that are not structs (arrays, maps, aliases) being typed right now: one met
    /// again contains itself with no struct in between.
    inline_stack: Vec<Location>,
    /// How many `type_of` calls are under way, one inside another.
    depth: usize,
    /// Nodes reached through `$ref`s, typed once each.
    typed: HashMap<Location, Rc<dyn Any>>,
    /// Which array items and map values may be `null`.
    nullable_items: NullableItems,
    /// Names given instead of the derived ones (an older version's types in a merged client).
    renames: std::collections::BTreeMap<String, String>,
    /// Whether the spec's operation ids read as `Group_Name` ([`names::grouped_ids`]).
    grouped_ids: bool,
    /// The config's secret properties (`Model.property`) not met yet.
    secrets: std::collections::BTreeSet<String>,
    /// The spec sends or reads XML somewhere: models get their XML places as they are built.
    xml: bool,
}

impl<'a> Builder<'a> {
    /// The type name for `hint`, as renamed by the settings.
    fn type_name_for(&self, hint: &str) -> String {
        let name = crate::ir::names::type_name(hint);
        self.renames.get(&name).cloned().unwrap_or(name)
    }

    fn new(loader: &'a mut Loader, root: &Path, nullable_items: NullableItems) -> Self {
        Self {
            nullable_items,
            loader,
            root: root.to_path_buf(),
            warnings: Vec::new(),
            types: Scope::default(),
            models: models::Registry::default(),
            one_ofs: one_of::Registry::default(),
            enums: enums::Registry::default(),
            groups: groups::Registry::default(),
            client_params: Vec::new(),
            inline_stack: Vec::new(),
            depth: 0,
            typed: HashMap::new(),
            renames: Default::default(),
            grouped_ids: true,
            secrets: Default::default(),
            xml: false,
        }
    }

    fn warn(&mut self, at: &Location, message: impl Into<String>) {
        self.warnings.push(Warning {
            location: at.clone(),
            message: message.into(),
        });
    }

    /// Reports keys the typed model did not take and the generator does not use.
    fn report_extra(&mut self, at: &Location, extra: &IndexMap<String, Value>, known: &[&str]) {
        for key in extra.keys() {
            if !IGNORED_KEYS.contains(&key.as_str()) && !known.contains(&key.as_str()) {
                self.warn(&at.join(key), format!("`{key}` is not supported; ignored"));
            }
        }
    }

    /// The node a `$ref` found at `at` names, typed as `T` (once per target).
    fn resolve<T: DeserializeOwned + 'static>(
        &mut self,
        at: &Location,
        reference: &str,
    ) -> Result<Located<Rc<T>>> {
        let resolved = self.loader.resolve(at, reference)?;
        if let Some(node) = self
            .typed
            .get(&resolved.location)
            .and_then(|n| Rc::clone(n).downcast::<T>().ok())
        {
            return Ok(Located {
                at: resolved.location,
                node,
            });
        }
        let node: Rc<T> = Rc::new(typed(&resolved.value, &resolved.location)?);
        self.typed
            .insert(resolved.location.clone(), node.clone() as Rc<dyn Any>);
        Ok(Located {
            at: resolved.location,
            node,
        })
    }

    /// A node that may be a `$ref` (`reference`), followed to what it names; itself otherwise.
    fn follow<T: DeserializeOwned + 'static>(
        &mut self,
        node: &Rc<T>,
        reference: Option<&str>,
        at: &Location,
    ) -> Result<Located<Rc<T>>> {
        match reference {
            Some(r) => self.resolve(at, r),
            None => Ok(Located {
                at: at.clone(),
                node: node.clone(),
            }),
        }
    }
}

/// Every name the generation config gives is used verbatim in Rust: each must be an identifier.
fn validate_settings(settings: &Settings, at: &Location) -> Result<()> {
    let check = |what: String, name: &str| {
        if names::is_identifier(name) {
            Ok(())
        } else {
            Err(Error::spec(
                at,
                format!(
                    "the generation config names {what} `{name}`, which is not a Rust identifier"
                ),
            ))
        }
    };
    if let Some(client) = &settings.client_name {
        check("the client".into(), client)?;
    }
    for (id, op) in &settings.operations {
        if let Some(name) = &op.name {
            check(format!("the method of `{id}`"), name)?;
        }
        for (wire, name) in &op.params {
            check(format!("parameter `{wire}` of `{id}`"), name)?;
        }
    }
    Ok(())
}

/// A spec value's text (a string as it is, a number or a boolean as JSON writes it).
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Documentation from a summary and a description: both when they differ.
fn join_docs(summary: Option<&str>, description: Option<&str>) -> Option<String> {
    match (summary.map(str::trim), description.map(str::trim)) {
        (Some(s), Some(d)) if !s.is_empty() && !d.is_empty() && s != d => {
            Some(format!("{s}\n\n{d}"))
        }
        (Some(s), _) if !s.is_empty() => Some(s.to_owned()),
        (_, Some(d)) if !d.is_empty() => Some(d.to_owned()),
        _ => None,
    }
}
