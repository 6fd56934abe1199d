//! Stage 4: Rust source from the IR. Tokens come from `quote!`, are checked by parsing them
//! into a `syn::File`, and are printed by `prettyplease`: no `rustfmt` subprocess, the same
//! bytes on every machine.

mod arguments;
mod client;
mod docs;
mod enums;
mod errors;
mod examples;
mod layout;
mod method;
mod models;
mod one_of;
mod options;
mod request;
mod types;
mod xml;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::error::Result;
use crate::ir::Api;
use layout::{Item, Parts};

use docs::module_doc;
pub use docs::{code_span, module_title, sanitize_doc, sanitize_line};

/// Where the generated text came from, for the first line of every file.
#[derive(Clone, Debug)]
pub struct Provenance {
    /// The spec file, as named in the config (relative, never a machine path).
    pub spec: String,
    /// Hex SHA-256 of the spec file's bytes.
    pub sha256: String,
}

/// One emitted file: its path inside the module folder and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// `models.rs`, `enums.rs`, `client.rs`, `mod.rs`.
    pub name: String,
    /// The formatted source.
    pub text: String,
}

/// Emits the files of one API module.
pub fn api(api: &Api, provenance: &Provenance) -> Result<Vec<File>> {
    let header = header_lines(std::slice::from_ref(provenance));
    let local_types = local_types(api);
    let nothing = BTreeSet::new();
    let layout = |name: &'static str, doc: Option<&str>, siblings: &BTreeSet<String>, items| {
        layout::file(Parts {
            name,
            header: &header,
            doc,
            inner: TokenStream::new(),
            siblings,
            local_types: &local_types,
            items,
        })
        .map(|text| File {
            name: name.into(),
            text,
        })
    };
    // rustfmt and prettyplease disagree on details; generated files keep prettyplease's layout
    // so `restgen check` stays byte-exact after a workspace-wide `cargo fmt`.
    let mut mods = vec![quote! { #[rustfmt::skip] mod client; pub use client::*; }];
    if !api.enums.is_empty() {
        mods.push(quote! { #[rustfmt::skip] mod enums; pub use enums::*; });
    }
    if has_models(api) {
        mods.push(quote! { #[rustfmt::skip] mod models; pub use models::*; });
    }
    let doc = module_doc(api);
    // The client and the models are most of the work: the client is emitted and formatted on
    // a thread of its own meanwhile (tokens never cross threads; each builds its own).
    std::thread::scope(|scope| {
        let client = scope.spawn(|| {
            let (siblings, items) = client::emit(api);
            layout("client.rs", None, &siblings, items)
        });
        let mut files = vec![layout(
            "mod.rs",
            Some(&doc),
            &nothing,
            vec![Item::Plain(quote! { #(#mods)* })],
        )?];
        let mut rest = Vec::new();
        if !api.enums.is_empty() {
            rest.push(layout("enums.rs", None, &nothing, enums::emit(api))?);
        }
        if has_models(api) {
            let (siblings, items) = models::emit(api);
            rest.push(layout("models.rs", None, &siblings, items)?);
        }
        let client = client
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        files.push(client);
        files.extend(rest);
        Ok(files)
    })
}

/// Every type name the API's module defines: a runtime type of the same name stays qualified.
fn local_types(api: &Api) -> BTreeSet<String> {
    let client = &api.client;
    let mut names: BTreeSet<String> = api
        .models
        .iter()
        .map(|m| m.name.clone())
        .chain(api.enums.iter().map(|e| e.name.clone()))
        .chain(api.unions.iter().map(|u| u.name.clone()))
        .chain(api.one_ofs.iter().map(|o| o.name.clone()))
        .chain(api.aliases.iter().map(|a| a.name.clone()))
        .chain(client.groups.iter().map(|g| g.name.clone()))
        .chain(client.operations.iter().filter_map(|o| o.options.clone()))
        .collect();
    for op in &client.operations {
        if let crate::ir::MethodKind::Plain(reply) = &op.kind
            && let Some(h) = &reply.headers
        {
            names.insert(h.name.clone());
        }
    }
    names.insert(client.name.clone());
    names
}

/// Whether the API has a `models.rs`: structs, unions or aliases.
fn has_models(api: &Api) -> bool {
    !api.models.is_empty()
        || !api.unions.is_empty()
        || !api.one_ofs.is_empty()
        || !api.aliases.is_empty()
}

/// The crate's check against its specs' examples, when any operation has one: the test's root
/// file (`tests/spec_examples.rs`) and its module of checks (`tests/spec_examples/checks.rs`),
/// kept apart so that `cargo fmt` leaves the generated layout alone.
pub fn example_tests(
    krate: &str,
    modules: &[(&str, Option<&str>, &Api)],
    provenance: &[Provenance],
) -> Result<Option<Vec<(std::path::PathBuf, String)>>> {
    let Some(items) = examples::module_checks(krate, modules) else {
        return Ok(None);
    };
    let header = header_lines(provenance);
    let nothing = BTreeSet::new();
    let root = layout::file(Parts {
        name: "spec_examples.rs",
        header: &header,
        doc: Some(
            "The generated client checked against the `x-ms-examples` of its specs, over \
             loopback: each\noperation called with an example's parameters sends the request the \
             example describes, and reads\nthe example's response back without losing a field.",
        ),
        inner: TokenStream::new(),
        siblings: &nothing,
        local_types: &nothing,
        items: vec![Item::Plain(quote! {
            #[rustfmt::skip]
            #[path = "spec_examples/checks.rs"]
            mod checks;
        })],
    })?;
    let checks = layout::file(Parts {
        name: "checks.rs",
        header: &header,
        doc: None,
        inner: TokenStream::new(),
        siblings: &nothing,
        local_types: &nothing,
        items: vec![Item::Plain(items)],
    })?;
    Ok(Some(vec![
        ("tests/spec_examples.rs".into(), root),
        ("tests/spec_examples/checks.rs".into(), checks),
    ]))
}

/// One API's module, as the crate root declares it.
#[derive(Clone, Debug)]
pub struct LibModule {
    /// The module's name.
    pub name: String,
    /// Its one-line doc.
    pub title: String,
    /// The cargo feature that compiles it in, if it has one.
    pub feature: Option<String>,
}

/// Where the generated modules' root file sits.
#[derive(Clone, Copy, Debug)]
pub enum Root<'a> {
    /// The crate root, `src/lib.rs`, with the crate's docs (a hand-written file it includes,
    /// relative to `src/`).
    Crate {
        /// The included documentation file.
        readme: Option<&'a str>,
    },
    /// `src/generated/mod.rs`: a module the crate's own, hand-written `lib.rs` declares and
    /// re-exports, with hand-written modules beside it.
    Module,
}

/// The root of the generated modules: their declarations and re-exports of the runtime types
/// users need. `type_depth` is the deepest nesting of models among the modules (see
/// `Api::type_depth`).
pub fn lib(
    modules: &[LibModule],
    root: Root<'_>,
    provenance: &[Provenance],
    type_depth: usize,
) -> Result<String> {
    let header = header_lines(provenance);
    let (doc, module_doc) = match root {
        Root::Crate { readme } => (readme.map(|d| quote! { #![doc = include_str!(#d)] }), None),
        Root::Module => (
            None,
            Some(
                "The generated clients and models, one module per API; re-exported at the crate \
                 root, beside\nits hand-written modules.",
            ),
        ),
    };
    // Models nested past rustc's default limit need a higher one for its drop check (a crate
    // attribute: in a module root it is the hand-written `lib.rs`'s to set, see `recursion_limit`).
    let limit = (matches!(root, Root::Crate { .. })
        && type_depth > crate::ir::build::RUSTC_SAFE_DEPTH)
        .then(|| {
            let n = recursion_limit(type_depth);
            quote! { #![recursion_limit = #n] }
        });
    let mods = modules.iter().map(|m| {
        let ident = format_ident!("{}", m.name);
        let title = format!(" {}", m.title);
        let cfg = m.feature.as_ref().map(|f| {
            let doc = format!(" Compiled in with the cargo feature `{f}`.");
            quote! { #[doc = ""] #[doc = #doc] #[cfg(feature = #f)] }
        });
        Item::Plain(quote! {
            #[doc = #title]
            #cfg
            #[rustfmt::skip]
            pub mod #ident;
        })
    });
    let reexports = Item::Plain(quote! {
        #[rustfmt::skip]
        pub use restgen_runtime::{
            AccessToken, ApiKeyCredential, BearerTokenCredential, BoxFuture, Bytes, CallOptions, ClientOptions,
            ConnectionString, Credential, Date, Error, ErrorKind, FilePart, IsoDuration, KeyCredential,
            LroOutcome, OffsetDateTime, Pager, Pages, Policy, PolicyContext, PollUpdate, Poller,
            PollingOptions, Request, Response, ResponseCapture, ResponseLimits, ResponseMetadata, Result,
            RetryOptions, ServiceError,
            StaticTokenCredential, StreamExt, Time, TokenCredential, TryStreamExt,
        };
    });
    layout::file(Parts {
        name: "lib.rs",
        header: &header,
        doc: module_doc,
        inner: quote! { #doc #limit #![forbid(unsafe_code)] },
        siblings: &BTreeSet::new(),
        local_types: &BTreeSet::new(),
        items: mods.chain(std::iter::once(reexports)).collect(),
    })
}

/// The `recursion_limit` a crate whose models nest `type_depth` deep needs.
pub fn recursion_limit(type_depth: usize) -> String {
    (type_depth * 4 + 64).to_string()
}

/// The header of every generated file: what made it, from which spec (its SHA-256 on a line
/// of its own), and that it is not to be edited.
fn header_lines(provenance: &[Provenance]) -> String {
    let mut header = format!(
        "// Generated by restgen {}: do not edit; change the spec and regenerate.\n",
        env!("CARGO_PKG_VERSION")
    );
    for p in provenance {
        // A file name is the one piece of input in a comment: it stays on the comment's line.
        let spec: String = p
            .spec
            .chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect();
        header.push_str(&format!("// Spec: {spec}\n//       sha256 {}\n", p.sha256));
    }
    header
}
