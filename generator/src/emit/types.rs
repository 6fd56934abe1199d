//! Types as generated code names them, the `wire` helpers special formats go through, and the
//! `use` lines a file needs.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::TypeRef;

/// How a type is named in generated code. `nested` types (inside a `Vec` or map) carry special
/// formats as text, because serde's `with` cannot reach into containers.
pub(super) fn rust_type(ty: &TypeRef, nested: bool) -> TokenStream {
    match ty {
        TypeRef::Unit => quote! { () },
        TypeRef::String => quote! { String },
        TypeRef::Bool => quote! { bool },
        TypeRef::I32 => quote! { i32 },
        TypeRef::I64 => quote! { i64 },
        TypeRef::F32 => quote! { f32 },
        TypeRef::F64 => quote! { f64 },
        TypeRef::DateTime | TypeRef::DateTimeRfc1123 | TypeRef::UnixTime if nested => {
            quote! { String }
        }
        TypeRef::DateTime | TypeRef::DateTimeRfc1123 | TypeRef::UnixTime => {
            quote! { restgen_runtime::OffsetDateTime }
        }
        TypeRef::Date if nested => quote! { String },
        TypeRef::Date => quote! { restgen_runtime::Date },
        TypeRef::Duration if nested => quote! { String },
        TypeRef::Duration => quote! { std::time::Duration },
        TypeRef::Bytes | TypeRef::Base64Url if nested => quote! { String },
        TypeRef::Bytes | TypeRef::Base64Url => quote! { Vec<u8> },
        TypeRef::Json => quote! { serde_json::Value },
        TypeRef::Model(n)
        | TypeRef::Enum(n)
        | TypeRef::NumberEnum(n)
        | TypeRef::Union(n)
        | TypeRef::Alias(n) => {
            let i = format_ident!("{}", n);
            quote! { #i }
        }
        TypeRef::Vec(inner) => {
            let i = rust_type(inner, true);
            quote! { Vec<#i> }
        }
        TypeRef::Map(inner) => {
            let i = rust_type(inner, true);
            quote! { std::collections::BTreeMap<String, #i> }
        }
    }
}

/// The `wire` helper module for a type that needs one at the top level of a field.
pub(super) fn wire_module(ty: &TypeRef) -> Option<&'static str> {
    Some(match ty {
        TypeRef::DateTime => "rfc3339",
        TypeRef::DateTimeRfc1123 => "rfc1123",
        TypeRef::UnixTime => "unix_time",
        TypeRef::Date => "date",
        TypeRef::Duration => "duration",
        TypeRef::Bytes => "base64",
        TypeRef::Base64Url => "base64url",
        _ => return None,
    })
}

/// The `wire` module of a type whose values travel as JSON strings (all but unix time, a number).
pub(super) fn text_wire_module(ty: &TypeRef) -> Option<&'static str> {
    wire_module(ty).filter(|m| *m != "unix_time")
}

/// The path `restgen_runtime::wire::<module>::<function>`.
pub(super) fn wire_fn(module: &str, function: &str) -> TokenStream {
    let (m, f) = (format_ident!("{}", module), format_ident!("{}", function));
    quote! { restgen_runtime::wire::#m::#f }
}

/// Named types a file refers to, for its `use super::{...}` line.
pub(super) fn collect_named(ty: &TypeRef, out: &mut BTreeSet<String>) {
    match ty {
        TypeRef::Model(n)
        | TypeRef::Enum(n)
        | TypeRef::NumberEnum(n)
        | TypeRef::Union(n)
        | TypeRef::Alias(n) => {
            out.insert(n.clone());
        }
        TypeRef::Vec(i) | TypeRef::Map(i) => collect_named(i, out),
        _ => {}
    }
}
