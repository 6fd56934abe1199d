//! Types as generated code names them, the wire formats values travel in, and the `use` lines
//! a file needs.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::TypeRef;

/// How a type is named in generated code.
pub(super) fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Unit => quote! { () },
        TypeRef::String => quote! { String },
        TypeRef::Bool => quote! { bool },
        TypeRef::I32 => quote! { i32 },
        TypeRef::I64 => quote! { i64 },
        TypeRef::F32 => quote! { f32 },
        TypeRef::F64 => quote! { f64 },
        TypeRef::DateTime | TypeRef::DateTimeRfc1123 | TypeRef::UnixTime => {
            quote! { restgen_runtime::OffsetDateTime }
        }
        TypeRef::Date => quote! { restgen_runtime::Date },
        TypeRef::Time => quote! { restgen_runtime::Time },
        TypeRef::Duration => quote! { restgen_runtime::IsoDuration },
        TypeRef::Bytes | TypeRef::Base64Url => quote! { Vec<u8> },
        TypeRef::File => quote! { restgen_runtime::FilePart },
        TypeRef::Json => quote! { serde_json::Value },
        TypeRef::Model(n)
        | TypeRef::Enum(n)
        | TypeRef::NumberEnum(n)
        | TypeRef::Union(n)
        | TypeRef::OneOf(n)
        | TypeRef::Alias { name: n, .. } => {
            let i = format_ident!("{}", n);
            quote! { #i }
        }
        TypeRef::Vec(inner) => {
            let i = rust_type(inner);
            quote! { Vec<#i> }
        }
        TypeRef::Map(inner) => {
            let i = rust_type(inner);
            quote! { std::collections::BTreeMap<String, #i> }
        }
        TypeRef::Nullable(inner) => {
            let i = rust_type(inner);
            quote! { Option<#i> }
        }
    }
}

/// The `wire` module of a special format, for a value of that type itself (a field, a
/// parameter, a header).
pub(super) fn wire_module(ty: &TypeRef) -> Option<&'static str> {
    Some(match ty {
        TypeRef::DateTime => "rfc3339",
        TypeRef::DateTimeRfc1123 => "rfc1123",
        TypeRef::UnixTime => "unix_time",
        TypeRef::Date => "date",
        TypeRef::Time => "time_of_day",
        TypeRef::Duration => "duration",
        TypeRef::Bytes => "base64",
        TypeRef::Base64Url => "base64url",
        _ => return None,
    })
}

/// The path `restgen_runtime::wire::<module>::<function>`.
pub(super) fn wire_fn(module: &str, function: &str) -> TokenStream {
    let (m, f) = (format_ident!("{}", module), format_ident!("{}", function));
    quote! { restgen_runtime::wire::#m::#f }
}

/// The runtime's `wire::format` type that writes and reads values of `ty` in JSON, when serde's
/// own form of its Rust type is not the wire's: a special format, or one inside arrays, maps
/// and nullable items (`VecOf<Nullable<Date>>`). `None` when serde's own is right.
pub(super) fn wire_format(ty: &TypeRef) -> Option<TokenStream> {
    let marker = match ty {
        TypeRef::DateTime => quote! { Rfc3339 },
        TypeRef::DateTimeRfc1123 => quote! { Rfc1123 },
        TypeRef::UnixTime => quote! { UnixTime },
        TypeRef::Date => quote! { Date },
        TypeRef::Time => quote! { Time },
        TypeRef::Duration => quote! { Duration },
        TypeRef::Bytes => quote! { Base64 },
        TypeRef::Base64Url => quote! { Base64Url },
        TypeRef::Vec(inner) => {
            let f = wire_format(inner)?;
            quote! { VecOf<#f> }
        }
        TypeRef::Map(inner) => {
            let f = wire_format(inner)?;
            quote! { MapOf<#f> }
        }
        TypeRef::Nullable(inner) => {
            let f = wire_format(inner)?;
            quote! { Nullable<#f> }
        }
        TypeRef::Alias { target, .. } => return wire_format(target),
        _ => return None,
    };
    Some(quote! { restgen_runtime::wire::format::#marker })
}

/// A path or type written as serde's attributes take it, in a string (`a::B<c::D>`).
pub(super) fn path_text(tokens: &TokenStream) -> String {
    tokens.to_string().replace(' ', "")
}

/// Named types a file refers to, for its `use super::{...}` line.
pub(super) fn collect_named(ty: &TypeRef, out: &mut BTreeSet<String>) {
    match ty {
        TypeRef::Model(n)
        | TypeRef::Enum(n)
        | TypeRef::NumberEnum(n)
        | TypeRef::Union(n)
        | TypeRef::OneOf(n)
        | TypeRef::Alias { name: n, .. } => {
            out.insert(n.clone());
        }
        TypeRef::Vec(i) | TypeRef::Map(i) | TypeRef::Nullable(i) => collect_named(i, out),
        _ => {}
    }
}
