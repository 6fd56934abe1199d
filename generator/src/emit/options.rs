//! The structs beside a client: each operation's options (its optional parameters), the
//! parameter groups the spec declares, and each operation's declared response headers.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::arguments::optional;
use super::docs::{code_span, described, doc_attrs};
use super::layout::Item;
use super::method::method_link;
use super::types::{rust_type, wire_fn, wire_module};
use crate::ir::{Client, GroupField, MethodKind, Operation, ParamGroup, TypeRef, Unset};

/// An operation's options struct: one `Option` field per optional parameter.
pub(super) fn options_struct(client: &Client, op: &Operation) -> Option<Item> {
    let name = format_ident!("{}", op.options.as_ref()?);
    let doc = format!(" Optional parameters of {}.", method_link(client, op));
    let fields: Vec<TokenStream> = optional(op)
        .map(|(p, unset)| {
            let n = format_ident!("{}", p.name);
            let t = rust_type(&p.ty);
            let d = described(p.doc.as_deref(), &p.wire_name, unset_note(unset).as_deref());
            quote! { #d pub #n: Option<#t>, }
        })
        .collect();
    Some(Item::Plain(quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Default)]
        pub struct #name {
            #(#fields)*
        }
    }))
}

/// A parameter group's struct: required fields through `new`, optional ones as `Option`s.
pub(super) fn group_struct(client: &Client, g: &ParamGroup) -> Vec<Item> {
    let name = format_ident!("{}", g.name);
    let methods: Vec<String> = client
        .operations
        .iter()
        .filter(|op| g.operations.contains(&op.operation_id))
        .map(|op| method_link(client, op))
        .collect();
    let doc = format!(" Parameters of {} grouped by the spec.", methods.join(", "));
    let field_type = |f: &GroupField| rust_type(&f.ty);
    let fields = g.fields.iter().map(|f| {
        let n = format_ident!("{}", f.name);
        let t = field_type(f);
        let d = described(
            f.doc.as_deref(),
            &f.wire_name,
            unset_note(&f.unset).as_deref(),
        );
        if f.required {
            quote! { #d pub #n: #t, }
        } else {
            quote! { #d pub #n: Option<#t>, }
        }
    });
    let required: Vec<_> = g.fields.iter().filter(|f| f.required).collect();
    if required.is_empty() {
        return vec![Item::Plain(quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, Default)]
            pub struct #name {
                #(#fields)*
            }
        })];
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
    vec![
        Item::Plain(quote! {
            #[doc = #doc]
            #[derive(Clone, Debug)]
            pub struct #name {
                #(#fields)*
            }
        }),
        Item::Impl {
            head: quote! { impl #name },
            members: vec![quote! {
                /// The group with its required parameters; the optional ones are unset.
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits)* }
                }
            }],
        },
    ]
}

/// The struct of an operation's declared response headers, and how it reads them.
pub(super) fn headers_struct(op: &Operation) -> Vec<Item> {
    let MethodKind::Plain(reply) = &op.kind else {
        return Vec::new();
    };
    let Some(headers) = reply.headers.as_ref() else {
        return Vec::new();
    };
    let name = format_ident!("{}", headers.name);
    let doc = format!(" The headers of `{}`'s response.", op.name);
    let fields = headers.fields.iter().map(|h| {
        let n = format_ident!("{}", h.name);
        let t = rust_type(&h.ty);
        let d = doc_attrs(Some(h.doc.as_deref().unwrap_or(&h.wire_name)));
        quote! { #d pub #n: Option<#t>, }
    });
    let reads = headers.fields.iter().map(|h| {
        let n = format_ident!("{}", h.name);
        let wire = &h.wire_name;
        if h.ty == TypeRef::String {
            return quote! { #n: response.header(#wire).map(str::to_owned), };
        }
        let parse = match (&h.ty, h.separator) {
            (TypeRef::Vec(item), Some(sep)) => {
                let item = header_parser(item);
                quote! { |v: &str| restgen_runtime::wire::list::parse(v, #sep, #item) }
            }
            (ty, _) => header_parser(ty),
        };
        quote! { #n: response.parse_header(#wire, #parse), }
    });
    vec![
        Item::Plain(quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, Default, PartialEq)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
            }
        }),
        Item::Impl {
            head: quote! { impl #name },
            members: vec![quote! {
                /// Reads the declared headers; one that is absent or does not parse is `None`.
                fn from_response(response: &restgen_runtime::Response) -> Self {
                    Self { #(#reads)* }
                }
            }],
        },
    ]
}

/// A `fn(&str) -> Result<T, String>` for a header (or an item of a header's list) of this type.
pub(super) fn header_parser(ty: &TypeRef) -> TokenStream {
    match (wire_module(ty), ty) {
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
fn unset_note(unset: &Unset) -> Option<String> {
    match unset {
        Unset::Omitted => None,
        Unset::FreshRequestId => Some(
            "When unset, the call's request id: the one `x-ms-client-request-id` carries.".into(),
        ),
        Unset::Default(d) => Some(format!(
            "Sent as {} when unset.",
            code_span(&default_text(d))
        )),
    }
}

/// A default's text: a string as it is, another value as JSON writes it.
pub(super) fn default_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
