//! The client file: the options, group and header structs, the client with its constructors,
//! one request builder and one public method per operation, and the error decoders.

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::{code_span, doc_attrs};
use super::errors::decoder;
use super::layout::Item;
use super::method::methods;
use super::options::{group_struct, headers_struct, options_struct};
use super::request::request_builder;
use super::types::collect_named;
use crate::ir::{
    Api, BodyContent, Client, Endpoint, HostParam, HostPosition, Media, MethodKind, ParamSource,
};

/// The client file's items, and the API's types it names.
pub(super) fn emit(api: &Api) -> (BTreeSet<String>, Vec<Item>) {
    let client = &api.client;
    let name = format_ident!("{}", client.name);
    let doc = doc_attrs(Some(client.doc.as_deref().unwrap_or(&api.title)));
    let api_version = &api.api_version;
    let client_fields = client.params.iter().map(|p| {
        let n = format_ident!("{}", p.name);
        if p.required {
            quote! { #n: String, }
        } else {
            quote! { #n: Option<String>, }
        }
    });
    let mut items = vec![Item::Plain(quote! {
        /// Names this crate in the `User-Agent` header.
        const SDK: (&str, &str) = (env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
    })];
    items.extend(
        client
            .operations
            .iter()
            .filter_map(|op| options_struct(client, op)),
    );
    items.extend(client.groups.iter().flat_map(|g| group_struct(client, g)));
    items.extend(client.operations.iter().flat_map(headers_struct));
    items.push(Item::Plain(quote! {
        #doc
        #[derive(Clone, Debug)]
        pub struct #name {
            pipeline: restgen_runtime::Pipeline,
            #(#client_fields)*
        }
    }));
    let client_name = &client.name;
    let api_version_doc = format!(
        " The api-version `{client_name}` sends unless `ClientOptions::with_api_version` says otherwise."
    );
    let mut members = vec![quote! {
        #[doc = #api_version_doc]
        pub const API_VERSION: &'static str = #api_version;
    }];
    if !api.api_versions.is_empty() {
        let versions = &api.api_versions;
        let doc = format!(
            " The api-versions `{client_name}` holds, oldest first: choose one with \
             `ClientOptions::with_api_version`. A method another version has alone answers \
             `ErrorKind::NotInApiVersion` without sending anything."
        );
        members.push(quote! {
            #[doc = #doc]
            pub const API_VERSIONS: &'static [&'static str] = &[#(#versions),*];
        });
    }
    members.extend(constructors(client));
    members.push(quote! {
        /// The pipeline this client sends through (endpoint, options, credential).
        pub fn pipeline(&self) -> &restgen_runtime::Pipeline {
            &self.pipeline
        }
    });
    members.push(quote! {
        /// A handle on the same client (sharing its connections) whose calls carry
        /// `call`: a chosen or no `x-ms-client-request-id`, extra headers.
        pub fn with_call_options(&self, call: restgen_runtime::CallOptions) -> Self {
            let mut client = Clone::clone(self);
            client.pipeline = self.pipeline.with_call_options(call);
            client
        }
    });
    for op in &client.operations {
        members.push(request_builder(op, &api.enums));
        members.extend(methods(client, op));
    }
    items.push(Item::Impl {
        head: quote! { impl #name },
        members,
    });
    items.extend(
        client
            .error_decoders
            .iter()
            .map(|d| Item::Plain(decoder(api, d))),
    );
    (named_types(client), items)
}

/// Whether a body of this media is a value of its type (JSON, XML, a form), rather than text
/// or bytes as they are.
fn typed(media: Media) -> bool {
    matches!(media, Media::Json | Media::Xml | Media::Form)
}

/// The models, enums and unions the client file names, for its `use super::{...}` line.
fn named_types(client: &Client) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for op in &client.operations {
        // The api-version is sent from a constant; its declared type is not named.
        for p in op
            .params
            .iter()
            .filter(|p| p.source != ParamSource::ApiVersion)
        {
            collect_named(&p.ty, &mut used);
        }
        match op.body.as_ref().map(|b| (b, &b.content)) {
            Some((_, BodyContent::Choice { name, .. })) => {
                used.insert(name.clone());
            }
            // Text and bytes go as `&str` and bytes, whatever the schema's type.
            Some((b, BodyContent::One(m))) if typed(m.media) => collect_named(&b.ty, &mut used),
            Some((_, BodyContent::One(_))) | None => {}
        }
        match &op.kind {
            MethodKind::Plain(reply) => {
                if typed(reply.body.media) {
                    collect_named(&reply.body.ty, &mut used);
                }
                for h in reply.headers.iter().flat_map(|h| &h.fields) {
                    collect_named(&h.ty, &mut used);
                }
            }
            MethodKind::LongRunning { result, .. } if typed(result.media) => {
                collect_named(&result.ty, &mut used)
            }
            MethodKind::LongRunning { .. } => {}
            MethodKind::Pager(paging) | MethodKind::PagedLongRunning { paging, .. } => {
                collect_named(&paging.item, &mut used);
                used.insert(paging.page_model.clone());
            }
            MethodKind::Exists { .. } => {}
        }
        if let Some(errors) = &op.errors {
            for ty in errors
                .default
                .iter()
                .chain(errors.by_status.iter().map(|(_, t)| t))
            {
                collect_named(ty, &mut used);
            }
        }
    }
    used
}

/// `new` (and `from_connection_string` when the caller gives the whole endpoint), and
/// `with_token_credential` when the client knows its Entra ID scopes.
fn constructors(client: &Client) -> Vec<TokenStream> {
    let mut made = endpoint_constructors(client);
    made.extend(token_constructor(client));
    made
}

/// `SCOPES` and `with_token_credential`: `new` with a cached bearer credential for the scopes.
fn token_constructor(client: &Client) -> Vec<TokenStream> {
    if client.scopes.is_empty() {
        return Vec::new();
    }
    let scopes = &client.scopes;
    let args = new_args(client);
    let decls = args.iter().map(|(n, t)| quote! { #n: #t });
    let names = args.iter().map(|(n, _)| n);
    let constant = quote! {
        /// The scopes Entra ID tokens are requested for.
        pub const SCOPES: &'static [&'static str] = &[#(#scopes),*];
    };
    let constructor = quote! {
        /// A client authenticating with Entra ID tokens from `credential`, requested for
        /// [`Self::SCOPES`]; the other arguments as [`Self::new`] takes them. Tokens are cached
        /// and refreshed before they expire (see `BearerTokenCredential`); a credential that
        /// fails ends a call with `ErrorKind::Authentication`.
        pub fn with_token_credential(
            #(#decls,)*
            credential: std::sync::Arc<dyn restgen_runtime::TokenCredential>,
            options: restgen_runtime::ClientOptions,
        ) -> restgen_runtime::Result<Self> {
            let scopes = Self::SCOPES.iter().map(|s| (*s).to_owned()).collect();
            let bearer = restgen_runtime::BearerTokenCredential::new(credential, scopes);
            Self::new(#(#names,)* bearer, options)
        }
    };
    vec![constant, constructor]
}

/// `new`'s arguments before the credential, names and types: the endpoint's and the client's
/// other parameters, in the order `positionInOperation` says.
fn new_args(client: &Client) -> Vec<(Ident, TokenStream)> {
    let endpoint: Vec<(Ident, TokenStream)> = match &client.endpoint {
        Endpoint::Url { arg, .. } => vec![(format_ident!("{}", arg), quote! { &str })],
        // The api-version's own parameter follows the client's version; one with a default is
        // an `Option`.
        Endpoint::Template { params, .. } => params
            .iter()
            .filter(|p| !p.api_version)
            .map(|p| {
                let ty = match p.default {
                    Some(_) => quote! { Option<&str> },
                    None => quote! { &str },
                };
                (format_ident!("{}", p.name), ty)
            })
            .collect(),
    };
    let others = client_args(client);
    match client.host_position {
        HostPosition::First => endpoint.into_iter().chain(others).collect(),
        HostPosition::Last => others.chain(endpoint).collect(),
    }
}

/// The client's own parameters as constructor arguments, names and types.
fn client_args(client: &Client) -> impl Iterator<Item = (Ident, TokenStream)> + '_ {
    client.params.iter().map(|p| {
        let ty = match p.required {
            true => quote! { &str },
            false => quote! { Option<&str> },
        };
        (format_ident!("{}", p.name), ty)
    })
}

/// `new`, and the constructors the endpoint's kind adds.
fn endpoint_constructors(client: &Client) -> Vec<TokenStream> {
    let client_args: Vec<TokenStream> = client_args(client)
        .map(|(n, t)| quote! { #n: #t })
        .collect();
    let client_inits: Vec<TokenStream> = client
        .params
        .iter()
        .map(|p| {
            let n = format_ident!("{}", p.name);
            if p.required {
                quote! { #n: #n.to_owned() }
            } else {
                quote! { #n: #n.map(str::to_owned) }
            }
        })
        .collect();
    let leading: Vec<TokenStream> = new_args(client)
        .iter()
        .map(|(n, t)| quote! { #n: #t })
        .collect();
    // A version fixed in the paths cannot follow the options: asking for another is refused.
    let version_check = client.version_in_path.then(|| {
        quote! {
            if let Some(version) = options.api_version.as_deref()
                && version != Self::API_VERSION
            {
                return Err(restgen_runtime::Error::InvalidArgument {
                    name: "api-version".into(),
                    reason: format!(
                        "is fixed at {} in this client's paths; `{version}` cannot be sent",
                        Self::API_VERSION
                    ),
                });
            }
        }
    });
    match &client.endpoint {
        Endpoint::Url { arg, default } => {
            let endpoint = format_ident!("{}", arg);
            let new = quote! {
                /// A client for the service at `endpoint` (its `https://` base URL), authenticating
                /// with `credential`.
                ///
                /// Fails when the endpoint is not an `http(s)` URL, or is plain `http` to a host other
                /// than loopback without `ClientOptions::with_insecure_http`.
                pub fn new(
                    #(#leading,)*
                    credential: impl Into<restgen_runtime::Credential>,
                    options: restgen_runtime::ClientOptions,
                ) -> restgen_runtime::Result<Self> {
                    #version_check
                    let pipeline = restgen_runtime::Pipeline::new(SDK, #endpoint, credential, options)?;
                    Ok(Self { pipeline, #(#client_inits),* })
                }
            };
            let from_connection_string = quote! {
                /// A client from a connection string `endpoint=...;accesskey=...`, signing requests
                /// with its access key. Errors name the part that is wrong and never show the key.
                pub fn from_connection_string(
                    connection_string: &str,
                    #(#client_args,)*
                    options: restgen_runtime::ClientOptions,
                ) -> restgen_runtime::Result<Self> {
                    #version_check
                    let pipeline = restgen_runtime::Pipeline::from_connection_string(SDK, connection_string, options)?;
                    Ok(Self { pipeline, #(#client_inits),* })
                }
            };
            let mut made = vec![new];
            if let Some(default) = default {
                let names = client.params.iter().map(|p| format_ident!("{}", p.name));
                made.push(quote! {
                    /// The service's own endpoint, as its spec names it.
                    pub const DEFAULT_ENDPOINT: &'static str = #default;
                });
                made.push(quote! {
                    /// A client for the service's own endpoint ([`Self::DEFAULT_ENDPOINT`]),
                    /// authenticating with `credential`; [`Self::new`] points a client elsewhere.
                    pub fn with_default_endpoint(
                        #(#client_args,)*
                        credential: impl Into<restgen_runtime::Credential>,
                        options: restgen_runtime::ClientOptions,
                    ) -> restgen_runtime::Result<Self> {
                        Self::new(Self::DEFAULT_ENDPOINT, #(#names,)* credential, options)
                    }
                });
            }
            if client.connection_string {
                made.push(from_connection_string);
            }
            made
        }
        Endpoint::Template { template, params } => {
            let fills = params.iter().filter_map(|p| {
                let n = format_ident!("{}", p.name);
                match (&p.default, p.api_version) {
                    (Some(d), true) => {
                        Some(quote! { let #n = options.api_version.as_deref().unwrap_or(#d); })
                    }
                    (None, true) => Some(quote! {
                        let #n = options.api_version.as_deref().unwrap_or(Self::API_VERSION);
                    }),
                    (Some(d), false) => Some(quote! { let #n = #n.unwrap_or(#d); }),
                    (None, false) => None,
                }
            });
            let fills = quote! { #(#fills)* };
            let (fmt, values) = template_format(template, params);
            // A merged client's older versions may name another template.
            let endpoint = if client.version_templates.is_empty() {
                quote! { let endpoint = format!(#fmt, #(#values),*); }
            } else {
                let arms = client.version_templates.iter().map(|(version, template)| {
                    let (fmt, values) = template_format(template, params);
                    quote! { Some(#version) => format!(#fmt, #(#values),*), }
                });
                quote! {
                    let endpoint = match options.api_version.as_deref() {
                        #(#arms)*
                        _ => format!(#fmt, #(#values),*),
                    };
                }
            };
            let mut doc = format!(
                " A client for the endpoint {}, authenticating with `credential`.",
                code_span(template)
            );
            for p in params {
                match (&p.default, p.api_version) {
                    (_, true) => {
                        doc.push_str(&format!(" `{}` is the client's api-version.", p.wire_name))
                    }
                    (Some(d), false) => {
                        doc.push_str(&format!(" `{}`: {} when `None`.", p.name, code_span(d)))
                    }
                    (None, false) => {}
                }
            }
            vec![quote! {
                #[doc = #doc]
                pub fn new(
                    #(#leading,)*
                    credential: impl Into<restgen_runtime::Credential>,
                    options: restgen_runtime::ClientOptions,
                ) -> restgen_runtime::Result<Self> {
                    #version_check
                    #fills
                    #endpoint
                    let pipeline = restgen_runtime::Pipeline::new(SDK, &endpoint, credential, options)?;
                    Ok(Self { pipeline, #(#client_inits),* })
                }
            }]
        }
    }
}

/// The `format!` string and arguments filling a host template: each `{name}` a parameter's
/// value (encoded unless the spec says otherwise), every other brace escaped.
fn template_format(template: &str, params: &[HostParam]) -> (String, Vec<TokenStream>) {
    let mut fmt = String::new();
    let mut values = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        let found = rest.find('{').and_then(|start| {
            let len = rest[start..].find('}')?;
            let wire = &rest[start + 1..start + len];
            let p = params.iter().find(|p| p.wire_name == wire)?;
            Some((start, len, p))
        });
        let Some((start, len, p)) = found else {
            fmt.push_str(&rest.replace('{', "{{").replace('}', "}}"));
            break;
        };
        fmt.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
        fmt.push_str("{}");
        let n = format_ident!("{}", p.name);
        values.push(if p.skip_encoding {
            quote! { #n }
        } else {
            quote! { restgen_runtime::encode_path(#n) }
        });
        rest = &rest[start + len + 1..];
    }
    (fmt, values)
}
