//! The client: constructor, one request builder and one public method per operation, the
//! options structs of optional parameters and the structs of grouped ones.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::{
    code_span, collect_named, described, doc_attrs, rust_type, text_wire_module, use_super,
    wire_fn, wire_module,
};
use crate::ir::names::{Derived, derived};
use crate::ir::{
    Api, Client, CollectionFormat, DefaultLiteral, Enum, Operation, Param, ParamGroup,
    ParamLocation, TypeRef,
};

pub(super) fn emit(api: &Api) -> TokenStream {
    let client = &api.client;
    let mut used = BTreeSet::new();
    for op in &client.operations {
        // The api-version is sent from a constant; its declared type is not named.
        for p in op.params.iter().filter(|p| !p.api_version) {
            collect_named(&p.ty, &mut used);
        }
        if let Some(b) = &op.body {
            collect_named(&b.ty, &mut used);
        }
        collect_named(&op.response, &mut used);
        if op.lro.is_none() && op.paging.is_none() {
            for (_, ty) in &op.error_models {
                collect_named(ty, &mut used);
            }
        }
        for h in &op.response_headers {
            collect_named(&h.ty, &mut used);
        }
        if let Some(pg) = &op.paging {
            collect_named(&pg.item, &mut used);
            used.insert(pg.page_model.clone());
        }
    }
    let uses = use_super(&used);
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
    let options = client
        .operations
        .iter()
        .filter_map(|op| options_struct(client, op));
    let headers = client.operations.iter().filter_map(headers_struct);
    let groups = client.groups.iter().map(|g| group_struct(client, g));
    let constructors = constructors(client);
    let methods = client
        .operations
        .iter()
        .map(|op| operation(client, op, &api.enums));
    // Error decoders, each once, in operation order.
    let mut decoder_names = BTreeSet::new();
    let decoders: Vec<TokenStream> = client
        .operations
        .iter()
        .filter(|op| op.lro.is_none() && op.paging.is_none())
        .filter_map(error_decoder)
        .filter(|(name, _)| decoder_names.insert(name.to_string()))
        .map(|(_, def)| def)
        .collect();
    let client_name = &client.name;
    let api_version_doc = format!(
        " The api-version `{client_name}` sends unless `ClientOptions::with_api_version` says otherwise."
    );
    quote! {
        #uses

        /// Names this crate in the `User-Agent` header.
        const SDK: (&str, &str) = (env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));

        #(#options)*

        #(#groups)*

        #(#headers)*

        #doc
        #[derive(Clone, Debug)]
        pub struct #name {
            pipeline: restgen_runtime::Pipeline,
            #(#client_fields)*
        }

        impl #name {
            #[doc = #api_version_doc]
            pub const API_VERSION: &'static str = #api_version;

            #constructors

            /// The pipeline this client sends through (endpoint, options, credential).
            pub fn pipeline(&self) -> &restgen_runtime::Pipeline {
                &self.pipeline
            }

            /// A handle on the same client (sharing its connections) whose calls carry
            /// `call`: a chosen or no `x-ms-client-request-id`, extra headers.
            pub fn with_call_options(&self, call: restgen_runtime::CallOptions) -> Self {
                let mut client = Clone::clone(self);
                client.pipeline = self.pipeline.with_call_options(call);
                client
            }

            #(#methods)*
        }

        #(#decoders)*
    }
}

fn constructors(client: &Client) -> TokenStream {
    let host = &client.host;
    let simple = host.params.len() <= 1
        && !host.use_scheme_prefix
        && host.template.as_deref().is_none_or(|t| {
            host.params
                .first()
                .is_some_and(|p| t == format!("{{{}}}", p.wire_name))
        });
    let client_args: Vec<TokenStream> = client
        .params
        .iter()
        .map(|p| {
            let n = format_ident!("{}", p.name);
            if p.required {
                quote! { #n: &str }
            } else {
                quote! { #n: Option<&str> }
            }
        })
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
    if simple {
        let endpoint = format_ident!(
            "{}",
            host.params.first().map_or("endpoint", |p| p.name.as_str())
        );
        quote! {
            /// A client for the service at `endpoint` (its `https://` base URL), authenticating
            /// with `credential`.
            ///
            /// Fails when the endpoint is not an `http(s)` URL, or is plain `http` to a host other
            /// than loopback without `ClientOptions::with_insecure_http`.
            pub fn new(
                #endpoint: &str,
                #(#client_args,)*
                credential: impl Into<restgen_runtime::Credential>,
                options: restgen_runtime::ClientOptions,
            ) -> restgen_runtime::Result<Self> {
                let pipeline = restgen_runtime::Pipeline::new(SDK, #endpoint, credential, options)?;
                Ok(Self { pipeline, #(#client_inits),* })
            }

            /// A client from a connection string `endpoint=...;accesskey=...`, signing requests
            /// with its access key. Errors name the part that is wrong and never show the key.
            pub fn from_connection_string(
                connection_string: &str,
                #(#client_args,)*
                options: restgen_runtime::ClientOptions,
            ) -> restgen_runtime::Result<Self> {
                let pipeline = restgen_runtime::Pipeline::from_connection_string(SDK, connection_string, options)?;
                Ok(Self { pipeline, #(#client_inits),* })
            }
        }
    } else {
        let template = host.template.clone().unwrap_or_default();
        let template = if host.use_scheme_prefix {
            format!("{}://{template}", host.scheme)
        } else {
            template
        };
        let args = host.params.iter().map(|p| {
            let n = format_ident!("{}", p.name);
            quote! { #n: &str }
        });
        let mut fmt = template.clone();
        let mut values = Vec::new();
        for p in &host.params {
            fmt = fmt.replace(&format!("{{{}}}", p.wire_name), "{}");
            let n = format_ident!("{}", p.name);
            values.push(if p.skip_encoding {
                quote! { #n }
            } else {
                quote! { restgen_runtime::encode_path(#n) }
            });
        }
        let doc = format!(
            " A client for the endpoint {}, authenticating with `credential`.",
            code_span(&template)
        );
        quote! {
            #[doc = #doc]
            pub fn new(
                #(#args,)*
                #(#client_args,)*
                credential: impl Into<restgen_runtime::Credential>,
                options: restgen_runtime::ClientOptions,
            ) -> restgen_runtime::Result<Self> {
                let endpoint = format!(#fmt, #(#values),*);
                let pipeline = restgen_runtime::Pipeline::new(SDK, &endpoint, credential, options)?;
                Ok(Self { pipeline, #(#client_inits),* })
            }
        }
    }
}

/// The wire form of a result in a special format, and how it is read: a date or bytes as a
/// JSON string, a unix time as seconds.
fn wire_form(ty: &TypeRef) -> Option<(TokenStream, TokenStream)> {
    if *ty == TypeRef::UnixTime {
        return Some((quote! { i64 }, wire_fn("unix_time", "from_seconds")));
    }
    let parse = wire_fn(text_wire_module(ty)?, "parse");
    Some((quote! { String }, quote! { |text: String| #parse(&text) }))
}

/// Whether values of this type are `Copy`.
fn is_copy(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Bool
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::F32
            | TypeRef::F64
            | TypeRef::DateTime
            | TypeRef::DateTimeRfc1123
            | TypeRef::UnixTime
            | TypeRef::Date
            | TypeRef::Duration
    )
}

/// Whether a required argument of this type is passed by reference.
fn by_ref(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String
            | TypeRef::Bytes
            | TypeRef::Base64Url
            | TypeRef::Json
            | TypeRef::Model(_)
            | TypeRef::Union(_)
            | TypeRef::Vec(_)
            | TypeRef::Map(_)
    )
}

/// The type of a required argument.
fn arg_type(p: &Param) -> TokenStream {
    if p.location == ParamLocation::BodyField {
        return match p.ty {
            TypeRef::String => quote! { impl Into<String> },
            _ => rust_type(&p.ty, false),
        };
    }
    match &p.ty {
        TypeRef::String => quote! { &str },
        TypeRef::Bytes | TypeRef::Base64Url => quote! { &[u8] },
        TypeRef::Vec(inner) => {
            let i = rust_type(inner, true);
            quote! { &[#i] }
        }
        other if by_ref(other) => {
            let t = rust_type(other, false);
            quote! { &#t }
        }
        other => rust_type(other, false),
    }
}

/// Parameters the caller passes positionally (required, not set on the client).
fn positional(op: &Operation) -> Vec<&Param> {
    op.params
        .iter()
        .filter(|p| p.required && !p.client_level && p.constant.is_none() && p.group.is_none())
        .collect()
}

/// The type of a body argument: borrowed, as a slice or `str` where one fits.
fn body_type(b: &crate::ir::Body) -> TokenStream {
    let borrowed = match &b.ty {
        TypeRef::String => quote! { &str },
        TypeRef::Bytes | TypeRef::Base64Url => quote! { &[u8] },
        TypeRef::Vec(inner) => {
            let i = rust_type(inner, true);
            quote! { &[#i] }
        }
        other => {
            let t = rust_type(other, false);
            quote! { &#t }
        }
    };
    if b.required {
        borrowed
    } else {
        quote! { Option<#borrowed> }
    }
}

/// The body the caller passes (not flattened, not a constant).
fn passed_body(op: &Operation) -> Option<&crate::ir::Body> {
    op.body
        .as_ref()
        .filter(|b| !b.flattened && b.constant.is_none() && b.group.is_none())
}

fn optional(op: &Operation) -> Vec<&Param> {
    op.params
        .iter()
        .filter(|p| !p.required && !p.client_level && p.group.is_none())
        .collect()
}

/// Where an optional parameter's `Option` lives: the options struct or its group.
fn optional_source(p: &Param) -> TokenStream {
    match &p.group {
        Some(g) => {
            let (arg, field) = (format_ident!("{}", g.arg), format_ident!("{}", g.field));
            quote! { #arg.#field }
        }
        None => {
            let n = format_ident!("{}", p.name);
            quote! { options.#n }
        }
    }
}

/// A rustdoc link to the public method of an operation (`begin_x` for a long-running one).
fn method_link(client: &Client, op: &Operation) -> String {
    let method = match op.lro {
        Some(_) => derived(&op.name, Derived::Begin),
        None => op.name.clone(),
    };
    format!("[`{}::{method}`]", client.name)
}

/// The type of a parameter held in an options or group struct. Arrays sent in the URL or
/// headers hold their items as text (`nested`); a body's fields keep their own types.
fn param_field_type(ty: &TypeRef, in_url_or_header: bool) -> TokenStream {
    rust_type(ty, in_url_or_header && matches!(ty, TypeRef::Vec(_)))
}

/// The docs of a parameter field: its description (else its wire name), and what is sent
/// when it is unset.
fn param_doc(
    doc: Option<&str>,
    wire_name: &str,
    default: Option<&Value>,
    request_id: bool,
) -> TokenStream {
    described(doc, wire_name, unset_note(default, request_id).as_deref())
}

/// A parameter group's struct: required fields through `new`, optional ones as `Option`s.
fn group_struct(client: &Client, g: &ParamGroup) -> TokenStream {
    let name = format_ident!("{}", g.name);
    let methods: Vec<String> = client
        .operations
        .iter()
        .filter(|op| g.operations.contains(&op.operation_id))
        .map(|op| method_link(client, op))
        .collect();
    let doc = format!(" Parameters of {} grouped by the spec.", methods.join(", "));
    let field_type = |f: &crate::ir::GroupField| param_field_type(&f.ty, !f.body);
    let fields = g.fields.iter().map(|f| {
        let n = format_ident!("{}", f.name);
        let t = field_type(f);
        let d = param_doc(
            f.doc.as_deref(),
            &f.wire_name,
            f.default.as_ref(),
            f.request_id,
        );
        if f.required {
            quote! { #d pub #n: #t, }
        } else {
            quote! { #d pub #n: Option<#t>, }
        }
    });
    let required: Vec<_> = g.fields.iter().filter(|f| f.required).collect();
    if required.is_empty() {
        return quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, Default)]
            pub struct #name {
                #(#fields)*
            }
        };
    }
    let args = required.iter().map(|f| {
        let n = format_ident!("{}", f.name);
        let t = field_type(f);
        if f.ty == TypeRef::String {
            quote! { #n: impl Into<String> }
        } else {
            quote! { #n: #t }
        }
    });
    let inits = g.fields.iter().map(|f| {
        let n = format_ident!("{}", f.name);
        match (f.required, &f.ty) {
            (true, TypeRef::String) => quote! { #n: #n.into(), },
            (true, _) => quote! { #n, },
            (false, _) => quote! { #n: None, },
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// The group with its required parameters; the optional ones are unset.
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits)* }
            }
        }
    }
}

fn options_struct(client: &Client, op: &Operation) -> Option<TokenStream> {
    let name = format_ident!("{}", op.options.as_ref()?);
    let doc = format!(" Optional parameters of {}.", method_link(client, op));
    let fields: Vec<TokenStream> = optional(op)
        .iter()
        .map(|p| {
            let n = format_ident!("{}", p.name);
            let t = param_field_type(&p.ty, p.location != ParamLocation::BodyField);
            let d = param_doc(
                p.doc.as_deref(),
                &p.wire_name,
                p.default.as_ref(),
                p.request_id,
            );
            quote! { #d pub #n: Option<#t>, }
        })
        .collect();
    Some(quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Default)]
        pub struct #name {
            #(#fields)*
        }
    })
}

/// The struct of an operation's declared response headers, and how it reads them.
fn headers_struct(op: &Operation) -> Option<TokenStream> {
    let name = format_ident!("{}", op.headers_struct.as_ref()?);
    let doc = format!(" The headers of `{}`'s response.", op.name);
    let fields = op.response_headers.iter().map(|h| {
        let n = format_ident!("{}", h.name);
        let t = rust_type(&h.ty, false);
        let d = doc_attrs(Some(h.doc.as_deref().unwrap_or(&h.wire_name)));
        quote! { #d pub #n: Option<#t>, }
    });
    let reads = op.response_headers.iter().map(|h| {
        let n = format_ident!("{}", h.name);
        let wire = &h.wire_name;
        if h.ty == TypeRef::String {
            return quote! { #n: response.header(#wire).map(str::to_owned), };
        }
        let parse = match (&h.ty, h.separator) {
            (TypeRef::Vec(item), Some(sep)) => {
                let item = header_parser(item, true);
                quote! { |v: &str| restgen_runtime::wire::list::parse(v, #sep, #item) }
            }
            (ty, _) => header_parser(ty, false),
        };
        quote! { #n: response.parse_header(#wire, #parse), }
    });
    Some(quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// Reads the declared headers; one that is absent or does not parse is `None`.
            fn from_response(response: &restgen_runtime::Response) -> Self {
                Self { #(#reads)* }
            }
        }
    })
}

/// A `fn(&str) -> Result<T, String>` for a header of this type (`nested`: an item of a list,
/// where special formats are kept as text).
fn header_parser(ty: &TypeRef, nested: bool) -> TokenStream {
    match (wire_module(ty), ty) {
        (Some(_), _) if nested => quote! { |v: &str| Ok::<_, String>(v.to_owned()) },
        (Some(m), _) => wire_fn(m, "parse"),
        (None, TypeRef::String) => quote! { |v: &str| Ok::<_, String>(v.to_owned()) },
        (None, TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64) => {
            wire_fn("number", "parse")
        }
        (None, TypeRef::Enum(_) | TypeRef::NumberEnum(_)) => {
            quote! { |v: &str| v.parse().map_err(|e| format!("{e:?}")) }
        }
        _ => quote! { |v: &str| v.parse().map_err(|e| format!("{e}")) },
    }
}

/// What is sent when an optional parameter is unset: the spec's default, or a fresh request id.
fn unset_note(default: Option<&Value>, request_id: bool) -> Option<String> {
    if request_id {
        return Some("A fresh request id is sent when unset.".into());
    }
    default.map(|d| format!("Sent as {} when unset.", code_span(&default_text(d))))
}

fn default_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Wire text for a value reached through a reference `r` (`&T`): an expression usable as
/// `&str` when `borrowed` is true, else an owned `String`.
struct Text {
    expr: TokenStream,
    borrowed: bool,
}

impl Text {
    /// The text as a `&str` argument.
    fn as_str(&self) -> TokenStream {
        let e = &self.expr;
        if self.borrowed {
            quote! { #e }
        } else {
            quote! { &#e }
        }
    }

    /// The text as an owned `String` (inside `map` closures).
    fn owned(&self) -> TokenStream {
        let e = &self.expr;
        if self.borrowed {
            quote! { #e.to_string() }
        } else {
            quote! { #e }
        }
    }
}

fn text(ty: &TypeRef, r: TokenStream, nested: bool) -> Text {
    let owned = |expr| Text {
        expr,
        borrowed: false,
    };
    let nested_text = nested
        && matches!(
            ty,
            TypeRef::DateTime
                | TypeRef::DateTimeRfc1123
                | TypeRef::UnixTime
                | TypeRef::Date
                | TypeRef::Duration
                | TypeRef::Bytes
                | TypeRef::Base64Url
        );
    if nested_text || matches!(ty, TypeRef::String) {
        return Text {
            expr: r,
            borrowed: true,
        };
    }
    match ty {
        TypeRef::Enum(_) => Text {
            expr: quote! { #r.as_str() },
            borrowed: true,
        },
        TypeRef::DateTime => owned(quote! { restgen_runtime::wire::rfc3339::format(*#r) }),
        TypeRef::DateTimeRfc1123 => owned(quote! { restgen_runtime::wire::rfc1123::format(*#r) }),
        TypeRef::UnixTime => owned(quote! { #r.unix_timestamp().to_string() }),
        TypeRef::Date => owned(quote! { restgen_runtime::wire::date::format(*#r) }),
        TypeRef::Duration => owned(quote! { restgen_runtime::wire::duration::format(*#r) }),
        TypeRef::Bytes => owned(quote! { restgen_runtime::wire::base64::format(#r) }),
        TypeRef::Base64Url => owned(quote! { restgen_runtime::wire::base64url::format(#r) }),
        TypeRef::Model(_) | TypeRef::Union(_) | TypeRef::Map(_) => {
            owned(quote! { serde_json::to_string(#r).unwrap_or_default() })
        }
        TypeRef::Vec(inner) => {
            let item = text(inner, quote! { item }, true).owned();
            owned(quote! { #r.iter().map(|item| #item).collect::<Vec<_>>().join(",") })
        }
        _ => owned(quote! { #r.to_string() }),
    }
}

/// A literal of the parameter's owned type for its spec default (the IR keeps only defaults
/// that fit).
fn default_value(p: &Param, enums: &[Enum]) -> Option<TokenStream> {
    let literal = crate::ir::default_literal(&p.ty, p.default.as_ref()?, |e| {
        enums.iter().find(|x| x.name == e)
    })?;
    Some(match literal {
        DefaultLiteral::Str(s) => quote! { #s },
        DefaultLiteral::Bool(b) => quote! { #b },
        DefaultLiteral::Int(n) => {
            let n = proc_macro2::Literal::i64_unsuffixed(n);
            quote! { #n }
        }
        DefaultLiteral::Float(f) => {
            let f = proc_macro2::Literal::f64_unsuffixed(f);
            quote! { #f }
        }
        DefaultLiteral::Variant { ty, variant } => {
            let (ty, variant) = (format_ident!("{}", ty), format_ident!("{}", variant));
            quote! { #ty::#variant }
        }
        DefaultLiteral::Unknown { ty, value } => {
            let ty = format_ident!("{}", ty);
            quote! { #ty::from(#value) }
        }
    })
}

fn separator(cf: Option<CollectionFormat>) -> &'static str {
    match cf {
        Some(CollectionFormat::Ssv) => " ",
        Some(CollectionFormat::Tsv) => "\t",
        Some(CollectionFormat::Pipes) => "|",
        _ => ",",
    }
}

/// Statements adding one query or header parameter, given a reference expression to its value.
fn add_param(p: &Param, r: TokenStream) -> TokenStream {
    let wire = &p.wire_name;
    let header = p.wire_name.to_ascii_lowercase();
    let add = |value: TokenStream| match p.location {
        ParamLocation::Header => quote! { request.header(#header, #value)?; },
        _ if p.skip_encoding => quote! { request.query_raw(#wire, #value); },
        _ => quote! { request.query(#wire, #value); },
    };
    match (&p.ty, p.collection_format) {
        (TypeRef::Vec(inner), Some(CollectionFormat::Multi)) => {
            let item = add(text(inner, quote! { item }, true).as_str());
            quote! { for item in #r.iter() { #item } }
        }
        (TypeRef::Vec(inner), cf) => {
            let sep = separator(cf);
            let item = text(inner, quote! { item }, true).owned();
            add(quote! { &#r.iter().map(|item| #item).collect::<Vec<_>>().join(#sep) })
        }
        (ty, _) => add(text(ty, r, false).as_str()),
    }
}

/// An expression referring to a parameter's value by reference. By-value arguments are
/// rebound as references at the top of the request builder (see `rebind`).
fn value_ref(p: &Param) -> TokenStream {
    let n = format_ident!("{}", p.name);
    if p.client_level {
        quote! { &self.#n }
    } else {
        quote! { #n }
    }
}

/// A constant path value percent-encoded at generation time, as `restgen_runtime::encode_path`
/// would at run time: all but `A-Z a-z 0-9 - . _ ~` escaped, `.` and `..` too.
fn encode_path_constant(value: &str) -> String {
    if value == "." || value == ".." {
        return value.replace('.', "%2E");
    }
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn request_builder(op: &Operation, enums: &[Enum]) -> TokenStream {
    let fn_name = format_ident!("{}", derived(&op.name, Derived::Builder));
    let method = format_ident!("{}", op.method);
    let args = positional(op).into_iter().map(|p| {
        let n = format_ident!("{}", p.name);
        let t = arg_type(p);
        quote! { #n: #t }
    });
    let body_arg = passed_body(op).map(|b| {
        let n = format_ident!("{}", b.name);
        let t = body_type(b);
        quote! { #n: #t, }
    });
    let options_arg = op.options.as_ref().map(|o| {
        let o = format_ident!("{}", o);
        quote! { options: &#o }
    });
    let group_args: Vec<TokenStream> = op
        .groups
        .iter()
        .map(|g| {
            let (arg, ty) = (format_ident!("{}", g.arg), format_ident!("{}", g.ty));
            quote! { #arg: &#ty, }
        })
        .collect();
    // Arguments passed by value are rebound as references, so every value below is `&T`;
    // required grouped values are bound by their own names.
    let rebind = positional(op)
        .into_iter()
        .filter(|p| !by_ref(&p.ty) && p.location != ParamLocation::BodyField)
        .map(|p| {
            let n = format_ident!("{}", p.name);
            quote! { let #n = &#n; }
        })
        .chain(
            op.params
                .iter()
                .filter(|p| p.required && p.constant.is_none())
                .filter_map(|p| {
                    let g = p.group.as_ref()?;
                    let n = format_ident!("{}", p.name);
                    let (arg, field) = (format_ident!("{}", g.arg), format_ident!("{}", g.field));
                    Some(quote! { let #n = &#arg.#field; })
                }),
        );
    // Path: literal pieces and encoded values, concatenated.
    let mut pieces = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let wire = &rest[start + 1..start + len];
        if start > 0 {
            let lit = &rest[..start];
            pieces.push(quote! { #lit });
        }
        if let Some(p) = op
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == wire)
        {
            // A caller's value is checked (no empty, `.` or `..` segment); the spec's own
            // constants and values it marks to be sent as given are not.
            pieces.push(match &p.constant {
                Some(c) if p.skip_encoding => quote! { #c },
                Some(c) => {
                    let encoded = encode_path_constant(c);
                    quote! { #encoded }
                }
                None if p.skip_encoding => text(&p.ty, value_ref(p), false).as_str(),
                None => {
                    let t = text(&p.ty, value_ref(p), false).as_str();
                    quote! { &restgen_runtime::path_param(#wire, #t)? }
                }
            });
        }
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        pieces.push(quote! { #rest });
    }
    let path = match pieces.as_slice() {
        [] => quote! { "" },
        [one] if !op.path.contains('{') => quote! { #one },
        _ => quote! { &[#(#pieces),*].concat() },
    };
    // Query and headers, in declaration order; api-version last.
    let mut adds = Vec::new();
    for p in op
        .params
        .iter()
        .filter(|p| matches!(p.location, ParamLocation::Query | ParamLocation::Header))
    {
        if p.api_version {
            adds.push(quote! { request.query("api-version", self.pipeline.api_version(Self::API_VERSION)); });
            continue;
        }
        if let Some(c) = &p.constant {
            let header = p.wire_name.to_ascii_lowercase();
            let wire = &p.wire_name;
            adds.push(match p.location {
                ParamLocation::Header => quote! { request.header(#header, #c)?; },
                _ if p.skip_encoding => quote! { request.query_raw(#wire, #c); },
                _ => quote! { request.query(#wire, #c); },
            });
        } else if p.client_level && !p.required {
            // Client-level values are held as text; the spec's default is sent when unset.
            let n = format_ident!("{}", p.name);
            let add = add_param(p, quote! { value });
            adds.push(match p.default.as_ref() {
                Some(d) => {
                    let d = default_text(d);
                    quote! {{
                        let value = self.#n.as_deref().unwrap_or(#d);
                        #add
                    }}
                }
                None => quote! { if let Some(value) = &self.#n { #add } },
            });
        } else if p.required || p.client_level {
            adds.push(add_param(p, value_ref(p)));
        } else if p.request_id && p.ty == TypeRef::String {
            // The caller's request id, else a fresh one.
            let add = add_param(p, quote! { value });
            let src = optional_source(p);
            adds.push(quote! {{
                let value = &#src.clone().unwrap_or_else(restgen_runtime::new_request_id);
                #add
            }});
        } else if let Some(def) = default_value(p, enums) {
            let add = add_param(p, quote! { value });
            let src = optional_source(p);
            let value = match &p.ty {
                TypeRef::String => quote! { #src.as_deref().unwrap_or(#def) },
                TypeRef::Enum(e) if enums.iter().any(|x| &x.name == e && x.extensible) => {
                    quote! { &#src.clone().unwrap_or(#def) }
                }
                _ => quote! { &#src.unwrap_or(#def) },
            };
            adds.push(quote! {{
                let value = #value;
                #add
            }});
        } else {
            let add = add_param(p, quote! { value });
            let src = optional_source(p);
            adds.push(quote! { if let Some(value) = &#src { #add } });
        }
    }
    if let Some(accept) = &op.accept {
        adds.push(quote! { request.header("accept", #accept)?; });
    }
    // Body.
    let body = op.body.as_ref().map(|b| {
        let ct = &b.content_type;
        let n = match &b.group {
            Some(g) => {
                let (arg, field) = (format_ident!("{}", g.arg), format_ident!("{}", g.field));
                quote! { &#arg.#field }
            }
            None => {
                let n = format_ident!("{}", b.name);
                quote! { #n }
            }
        };
        if let Some(json) = &b.constant {
            let bytes = proc_macro2::Literal::byte_string(json.as_bytes());
            quote! { request.set_body(&#bytes[..], #ct); }
        } else if b.flattened {
            let TypeRef::Model(model) = &b.ty else {
                return TokenStream::new();
            };
            let model = format_ident!("{}", model);
            let required: Vec<TokenStream> = op
                .params
                .iter()
                .filter(|p| p.location == ParamLocation::BodyField && p.required)
                .map(|p| {
                    let n = format_ident!("{}", p.name);
                    if p.ty == TypeRef::String {
                        quote! { #n.into() }
                    } else {
                        quote! { #n }
                    }
                })
                .collect();
            let sets: Vec<TokenStream> = op
                .params
                .iter()
                .filter(|p| p.location == ParamLocation::BodyField && !p.required)
                .map(|p| {
                    let n = format_ident!("{}", p.name);
                    let field = format_ident!("{}", p.body_field.as_deref().unwrap_or(&p.name));
                    quote! { body.#field.clone_from(&options.#n); }
                })
                .collect();
            let binding = if sets.is_empty() {
                quote! { let body }
            } else {
                quote! { let mut body }
            };
            quote! {
                #binding = #model::new(#(#required),*);
                #(#sets)*
                request.json(&body, #ct)?;
            }
        } else {
            // Bytes and dates travel as JSON strings in their wire format, a unix time as its
            // seconds.
            let value = |v: TokenStream| match text_wire_module(&b.ty) {
                Some(m @ ("base64" | "base64url")) => {
                    let f = wire_fn(m, "format");
                    quote! { &#f(#v) }
                }
                Some(m) => {
                    let f = wire_fn(m, "format");
                    quote! { &#f(*#v) }
                }
                None if b.ty == TypeRef::UnixTime => quote! { &#v.unix_timestamp() },
                None => v,
            };
            if b.required {
                let v = value(quote! { #n });
                quote! { request.json(#v, #ct)?; }
            } else {
                let v = value(quote! { body });
                quote! {
                    if let Some(body) = #n {
                        request.json(#v, #ct)?;
                    }
                }
            }
        }
    });
    let many = (positional(op).len()
        + usize::from(body_arg.is_some())
        + group_args.len()
        + usize::from(options_arg.is_some())
        > 6)
    .then(|| quote! { #[allow(clippy::too_many_arguments)] });
    let binding = if adds.is_empty() && body.is_none() {
        quote! { let request }
    } else {
        quote! { let mut request }
    };
    quote! {
        #many
        fn #fn_name(&self, #(#args,)* #body_arg #(#group_args)* #options_arg) -> restgen_runtime::Result<restgen_runtime::Request> {
            #(#rebind)*
            #binding = self.pipeline.request(restgen_runtime::Method::#method, #path);
            #(#adds)*
            #body
            Ok(request)
        }
    }
}

fn operation(client: &Client, op: &Operation, enums: &[Enum]) -> TokenStream {
    let builder = request_builder(op, enums);
    let builder_fn = format_ident!("{}", derived(&op.name, Derived::Builder));
    let doc = doc_attrs(op.doc.as_deref().or(Some(&op.operation_id)));
    let pos = positional(op);
    let args: Vec<TokenStream> = pos
        .iter()
        .map(|p| {
            let n = format_ident!("{}", p.name);
            let t = arg_type(p);
            quote! { #n: #t }
        })
        .collect();
    let mut call_args: Vec<TokenStream> = pos
        .iter()
        .map(|p| {
            let n = format_ident!("{}", p.name);
            quote! { #n }
        })
        .collect();
    let mut sig_extra = Vec::new();
    if let Some(b) = passed_body(op) {
        let n = format_ident!("{}", b.name);
        let t = body_type(b);
        sig_extra.push(quote! { #n: #t });
        call_args.push(quote! { #n });
    }
    // Groups: a required one is borrowed; an optional one may be `None` (all fields unset).
    let mut group_lets = Vec::new();
    for g in &op.groups {
        let (arg, ty) = (format_ident!("{}", g.arg), format_ident!("{}", g.ty));
        if g.required {
            sig_extra.push(quote! { #arg: &#ty });
            call_args.push(quote! { #arg });
        } else {
            sig_extra.push(quote! { #arg: Option<&#ty> });
            group_lets.push(quote! { let #arg = #arg.cloned().unwrap_or_default(); });
            call_args.push(quote! { &#arg });
        }
    }
    let (options_param, options_let) = match &op.options {
        Some(o) => {
            let o = format_ident!("{}", o);
            call_args.push(quote! { &options });
            (
                quote! { options: Option<#o> },
                quote! { #(#group_lets)* let options = options.unwrap_or_default(); },
            )
        }
        None => (TokenStream::new(), quote! { #(#group_lets)* }),
    };
    let codes: Vec<proc_macro2::Literal> = op
        .success
        .iter()
        .map(|c| proc_macro2::Literal::u16_unsuffixed(*c))
        .collect();
    let many = (args.len() + sig_extra.len() + usize::from(op.options.is_some()) > 6)
        .then(|| quote! { #[allow(clippy::too_many_arguments)] });
    let name = format_ident!("{}", op.name);
    // `begin_x`, starting the operation with `start` (given the built `request`), and
    // `resume_x`, continuing it from a token with `resumed`.
    let lro = |result: TokenStream, about: &str, start: TokenStream, resumed: TokenStream| {
        let begin = format_ident!("{}", derived(&op.name, Derived::Begin));
        let resume = format_ident!("{}", derived(&op.name, Derived::Resume));
        let resume_doc = format!(
            " Continues a `{begin}` operation from a resume token, in this or another process."
        );
        quote! {
            #builder

            #doc
            ///
            #[doc = #about]
            #many
            pub fn #begin(&self, #(#args,)* #(#sig_extra,)* #options_param) -> restgen_runtime::Poller<#result> {
                #options_let
                match self.#builder_fn(#(#call_args),*) {
                    Ok(request) => #start,
                    Err(error) => restgen_runtime::Poller::failed(error),
                }
            }

            #[doc = #resume_doc]
            pub fn #resume(&self, resume_token: &str) -> restgen_runtime::Result<restgen_runtime::Poller<#result>> {
                #resumed
            }
        }
    };
    let via = op
        .lro
        .as_ref()
        .map(|lro| match lro.final_state_via.as_deref() {
            Some("azure-async-operation") => {
                quote! { Some(restgen_runtime::FinalStateVia::AzureAsyncOperation) }
            }
            Some("location") => quote! { Some(restgen_runtime::FinalStateVia::Location) },
            Some("original-uri") => quote! { Some(restgen_runtime::FinalStateVia::OriginalUri) },
            Some("operation-location") => {
                quote! { Some(restgen_runtime::FinalStateVia::OperationLocation) }
            }
            _ => quote! { None },
        });
    if let Some(pg) = &op.paging {
        let item = rust_type(&pg.item, true);
        let page = format_ident!("{}", pg.page_model);
        let next = match &pg.next_operation {
            None if pg.next_link_field.is_none() => {
                quote! { restgen_runtime::paging::NextPage::None }
            }
            None => {
                let version = quote! { self.pipeline.api_version(Self::API_VERSION).to_owned() };
                let policy = match pg.api_version_policy.as_str() {
                    "append" => quote! { restgen_runtime::ApiVersionPolicy::Append(#version) },
                    "replace" => quote! { restgen_runtime::ApiVersionPolicy::Replace(#version) },
                    _ => quote! { restgen_runtime::ApiVersionPolicy::Keep },
                };
                quote! { restgen_runtime::paging::NextPage::Link(#policy) }
            }
            Some(next_name) => next_operation(client, op, next_name),
        };
        if let Some(via) = via {
            // Pageable and long-running: the operation's result is the first page; the next
            // pages are plain GETs, answered 200.
            let mut page_codes = op.success.clone();
            if !page_codes.contains(&200) {
                page_codes.insert(0, 200);
            }
            let codes: Vec<proc_macro2::Literal> = page_codes
                .iter()
                .map(|c| proc_macro2::Literal::u16_unsuffixed(*c))
                .collect();
            let pager = quote! {
                restgen_runtime::Pager::from_first_page(pipeline, first, template, &[#(#codes),*], next)
            };
            return lro(
                quote! { restgen_runtime::Pager<#item> },
                " Starts a long-running operation whose result is pageable: await the `Poller` for a `Pager` over the items, or stream its status.",
                quote! {{
                    let pipeline = self.pipeline.clone();
                    let next = #next;
                    let template = request.clone();
                    restgen_runtime::Poller::<#page>::new(self.pipeline.clone(), request, #via)
                        .map(move |first| #pager)
                }},
                quote! {
                    let pipeline = self.pipeline.clone();
                    let next = #next;
                    let template = self.pipeline.request(restgen_runtime::Method::GET, "");
                    Ok(restgen_runtime::Poller::<#page>::resume(self.pipeline.clone(), resume_token)?
                        .map(move |first| #pager))
                },
            );
        }
        return quote! {
            #builder

            #doc
            ///
            /// Returns a `Pager`: a stream of items that fetches pages as it goes.
            #many
            pub fn #name(&self, #(#args,)* #(#sig_extra,)* #options_param) -> restgen_runtime::Pager<#item> {
                #options_let
                match self.#builder_fn(#(#call_args),*) {
                    Ok(request) => restgen_runtime::Pager::new::<#page>(self.pipeline.clone(), request, &[#(#codes),*], #next),
                    Err(error) => restgen_runtime::Pager::failed(error),
                }
            }
        };
    }
    let response = rust_type(&op.response, false);
    if let Some(via) = via {
        // A result declared only on the 202 may not come at all: `None` then.
        let response = if op.nullable_response {
            quote! { Option<#response> }
        } else {
            response
        };
        // A result in a special format is polled in its wire form, then read.
        let (start, resumed) = match wire_form(&op.response) {
            None => (
                quote! { restgen_runtime::Poller::new(self.pipeline.clone(), request, #via) },
                quote! { restgen_runtime::Poller::resume(self.pipeline.clone(), resume_token) },
            ),
            Some((wire, parse)) => {
                let (wire, read) = if op.nullable_response {
                    (
                        quote! { Option<#wire> },
                        quote! { |wire| wire.map(#parse).transpose() },
                    )
                } else {
                    (wire, parse)
                };
                (
                    quote! {
                        restgen_runtime::Poller::<#wire>::new(self.pipeline.clone(), request, #via)
                            .try_map(#read)
                    },
                    quote! {
                        Ok(restgen_runtime::Poller::<#wire>::resume(self.pipeline.clone(), resume_token)?
                            .try_map(#read))
                    },
                )
            }
        };
        return lro(
            response,
            " Starts a long-running operation: await the `Poller` for its result, or stream its status.",
            start,
            resumed,
        );
    }
    // A JSON string in a special format (base64, a date) decodes through its wire helper; a
    // unix time from its seconds.
    let decode = match (text_wire_module(&op.response), op.nullable_response) {
        (Some(m), nullable) => {
            let path = wire_fn(m, "parse");
            if nullable {
                quote! { response.json_text_option(#path) }
            } else {
                quote! { response.json_text(#path) }
            }
        }
        (None, nullable) if op.response == TypeRef::UnixTime => {
            let path = wire_fn("unix_time", "from_seconds");
            if nullable {
                quote! { response.json_with_option(#path) }
            } else {
                quote! { response.json_with(#path) }
            }
        }
        (None, _) => quote! { response.json() },
    };
    let headers = op.headers_struct.as_ref().map(|h| format_ident!("{}", h));
    // Declared error bodies are decoded into the error (`Error::model`).
    let (default_model, specific) = error_models(op);
    let expect = match error_decoder_name(op) {
        Some(decoder) => quote! { expect_status_or_model(&[#(#codes),*], #decoder) },
        None => quote! { expect_status(&[#(#codes),*]) },
    };
    let finish = match (&headers, op.response == TypeRef::Unit) {
        // HEAD: whether the resource exists.
        _ if op.head_exists.is_some() => {
            let not_found = (op.head_exists == Some(true)).then(|| {
                quote! {
                    if response.status() == 404 {
                        return Ok(false);
                    }
                }
            });
            quote! {
                let response = self.pipeline.send(request).await?;
                #not_found
                response.#expect?;
                Ok(true)
            }
        }
        (None, true) => quote! {
            self.pipeline.send(request).await?.#expect?;
            Ok(())
        },
        (None, false) => quote! {
            let response = self.pipeline.send(request).await?.#expect?;
            #decode
        },
        (Some(h), true) => quote! {
            let response = self.pipeline.send(request).await?.#expect?;
            Ok(#h::from_response(&response))
        },
        (Some(h), false) => quote! {
            let response = self.pipeline.send(request).await?.#expect?;
            let headers = #h::from_response(&response);
            Ok((#decode?, headers))
        },
    };
    let error_doc = (!op.error_models.is_empty()).then(|| {
        let mut list: Vec<String> = specific
            .iter()
            .map(|(s, ty)| format!("{s}: `{}`", type_text(ty)))
            .collect();
        if let Some(ty) = default_model {
            list.push(match list.is_empty() {
                true => format!("`{}`", type_text(ty)),
                false => format!("any other status: `{}`", type_text(ty)),
            });
        }
        let text = format!(
            " Errors carry their body as the type the spec declares, read with `Error::model`: {}.",
            list.join(", ")
        );
        quote! {
            ///
            #[doc = #text]
        }
    });
    let response = if op.nullable_response && op.response != TypeRef::Unit {
        quote! { Option<#response> }
    } else {
        response
    };
    // Operations that declare response headers return them too.
    let response = match (&headers, op.response == TypeRef::Unit) {
        (None, _) => response,
        (Some(h), true) => quote! { #h },
        (Some(h), false) => quote! { (#response, #h) },
    };
    quote! {
        #builder

        #doc
        #error_doc
        #many
        pub async fn #name(&self, #(#args,)* #(#sig_extra,)* #options_param) -> restgen_runtime::Result<#response> {
            #options_let
            let request = self.#builder_fn(#(#call_args),*)?;
            #finish
        }
    }
}

/// An operation's error types: the `default` one, and those of statuses whose type differs.
fn error_models(op: &Operation) -> (Option<&TypeRef>, Vec<(u16, &TypeRef)>) {
    let default_model = op
        .error_models
        .iter()
        .find(|(s, _)| s.is_none())
        .map(|(_, ty)| ty);
    let specific = op
        .error_models
        .iter()
        .filter_map(|(s, ty)| Some(((*s)?, ty)))
        .filter(|(_, ty)| Some(*ty) != default_model)
        .collect();
    (default_model, specific)
}

/// A type as written in generated code, without spaces (`Vec<String>`).
fn type_text(ty: &TypeRef) -> String {
    rust_type(ty, false).to_string().replace(' ', "")
}

/// The name of the function decoding an operation's error bodies (see [`error_decoder`]).
fn error_decoder_name(op: &Operation) -> Option<proc_macro2::Ident> {
    match error_models(op) {
        (Some(ty), specific) if specific.is_empty() => Some(format_ident!(
            "decode_{}",
            crate::ir::names::value_name(&type_text(ty)).trim_end_matches('_')
        )),
        (None, specific) if specific.is_empty() => None,
        _ => Some(format_ident!("decode_errors_of_{}", op.name)),
    }
}

/// The function decoding an operation's error bodies, by name and definition: one per error
/// type when only `default` has one (shared by every operation alike), else one per operation.
fn error_decoder(op: &Operation) -> Option<(proc_macro2::Ident, TokenStream)> {
    let name = error_decoder_name(op)?;
    let (default_model, specific) = error_models(op);
    let decode = |ty: &TypeRef| {
        let t = rust_type(ty, false);
        quote! { restgen_runtime::ErrorModel::decode::<#t>(body) }
    };
    if specific.is_empty() {
        let ty = default_model?;
        let doc = format!(
            " Decodes an error body as `{}`, the type the spec declares for errors.",
            type_text(ty)
        );
        let d = decode(ty);
        return Some((
            name.clone(),
            quote! {
                #[doc = #doc]
                fn #name(_status: u16, body: &[u8]) -> Option<restgen_runtime::ErrorModel> {
                    #d
                }
            },
        ));
    }
    let doc = format!(
        " Decodes an error body of `{}` as the type the spec declares for its status.",
        op.name
    );
    let arms = specific.iter().map(|(s, ty)| {
        let s = proc_macro2::Literal::u16_unsuffixed(*s);
        let d = decode(ty);
        quote! { #s => #d, }
    });
    let fallback = match default_model {
        Some(ty) => decode(ty),
        None => quote! { None },
    };
    Some((
        name.clone(),
        quote! {
            #[doc = #doc]
            fn #name(status: u16, body: &[u8]) -> Option<restgen_runtime::ErrorModel> {
                match status {
                    #(#arms)*
                    _ => #fallback,
                }
            }
        },
    ))
}

/// `NextPage::Operation` calling another operation's request builder: parameters it shares
/// with this one are carried over; the remaining one receives the next link.
fn next_operation(client: &Client, op: &Operation, next_name: &str) -> TokenStream {
    let Some(next) = client.operations.iter().find(|o| o.name == next_name) else {
        return quote! { restgen_runtime::paging::NextPage::Link(restgen_runtime::ApiVersionPolicy::Keep) };
    };
    let mut captures = Vec::new();
    let mut pass = Vec::new();
    let mut uses_link = false;
    for p in positional(next) {
        match positional(op).iter().find(|c| c.wire_name == p.wire_name) {
            Some(c) => {
                let src = format_ident!("{}", c.name);
                let cap = format_ident!("carried_{}", c.name);
                captures.push(quote! { let #cap = #src.to_owned(); });
                pass.push(if by_ref(&p.ty) {
                    quote! { &#cap }
                } else if is_copy(&p.ty) {
                    quote! { #cap }
                } else {
                    quote! { #cap.clone() }
                });
            }
            None => {
                pass.push(quote! { link });
                uses_link = true;
            }
        }
    }
    let builder = format_ident!("{}", derived(&next.name, Derived::Builder));
    // A group this operation takes too is carried over; other groups and options start empty.
    let mut groups = Vec::new();
    for g in &next.groups {
        match op.groups.iter().find(|c| c.ty == g.ty) {
            Some(c) => {
                let src = format_ident!("{}", c.arg);
                let cap = format_ident!("carried_{}", c.arg);
                captures.push(quote! { let #cap = #src.clone(); });
                groups.push(quote! { &#cap, });
            }
            None => groups.push(quote! { &Default::default(), }),
        }
    }
    let options = next
        .options
        .as_ref()
        .map(|_| quote! { &Default::default() });
    // Some next operations take no link at all: the service keeps the position itself.
    let link_arg = if uses_link {
        format_ident!("link")
    } else {
        format_ident!("_link")
    };
    quote! {
        {
            let client = Clone::clone(self);
            #(#captures)*
            restgen_runtime::paging::NextPage::Operation(std::sync::Arc::new(move |#link_arg: &str| {
                client.#builder(#(#pass,)* #(#groups)* #options)
            }))
        }
    }
}
