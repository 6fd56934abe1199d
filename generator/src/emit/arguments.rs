//! What a generated method takes: its positional parameters, its options, its body, and the
//! Rust type each is passed as.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::rust_type;
use crate::ir::{
    Body, BodyContent, BodySource, Media, Operation, Param, ParamLocation, ParamSource, TypeRef,
    Unset,
};

/// Parameters the caller passes positionally.
pub(super) fn positional(op: &Operation) -> impl Iterator<Item = &Param> {
    op.params
        .iter()
        .filter(|p| p.source == ParamSource::Positional)
}

/// Parameters of the options struct, and what each sends when unset.
pub(super) fn optional(op: &Operation) -> impl Iterator<Item = (&Param, &Unset)> {
    op.params.iter().filter_map(|p| match &p.source {
        ParamSource::Options { unset } => Some((p, unset)),
        _ => None,
    })
}

/// The body the caller passes as an argument, and whether it is required.
pub(super) fn passed_body(op: &Operation) -> Option<(&Body, bool)> {
    let body = op.body.as_ref()?;
    match body.source {
        BodySource::Argument { required } => Some((body, required)),
        _ => None,
    }
}

/// Whether values of this type are `Copy`.
pub(super) fn is_copy(ty: &TypeRef) -> bool {
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
            | TypeRef::Time
            | TypeRef::Duration
    )
}

/// Whether a required argument of this type is passed by reference.
pub(super) fn by_ref(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String
            | TypeRef::Bytes
            | TypeRef::Base64Url
            | TypeRef::Json
            | TypeRef::Model(_)
            | TypeRef::Union(_)
            | TypeRef::OneOf(_)
            | TypeRef::Vec(_)
            | TypeRef::Map(_)
            | TypeRef::Alias { .. }
    )
}

/// The type of a required argument.
pub(super) fn arg_type(p: &Param) -> TokenStream {
    if let ParamLocation::BodyField { .. } = p.location {
        return match p.ty {
            TypeRef::String => quote! { impl Into<String> },
            _ => rust_type(&p.ty),
        };
    }
    borrowed(&p.ty)
}

/// A value of this type as an argument: by value when it is small, else borrowed (as a slice
/// or `str` where one fits).
fn borrowed(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote! { &str },
        TypeRef::Bytes | TypeRef::Base64Url => quote! { &[u8] },
        TypeRef::Vec(inner) => {
            let i = rust_type(inner);
            quote! { &[#i] }
        }
        other if by_ref(other) => {
            let t = rust_type(other);
            quote! { &#t }
        }
        other => rust_type(other),
    }
}

/// The type of a body argument: bytes taken as anything that becomes `Bytes` (without a copy
/// from a `Vec`), text as `str`, a choice of media types as its enum, JSON borrowed.
pub(super) fn body_type(b: &Body, required: bool) -> TokenStream {
    let media = b.content.one().map(|m| m.media);
    let arg = match (&b.content, media) {
        (BodyContent::Choice { name, .. }, _) => {
            let name = format_ident!("{}", name);
            quote! { &#name }
        }
        (_, Some(Media::Binary)) if required => quote! { impl Into<restgen_runtime::Payload> },
        (_, Some(Media::Binary)) => quote! { restgen_runtime::Bytes },
        (_, Some(Media::Text)) => quote! { &str },
        _ => match &b.ty {
            TypeRef::String => quote! { &str },
            ty => {
                let t = borrowed(ty);
                if by_ref(ty) {
                    t
                } else {
                    quote! { &#t }
                }
            }
        },
    };
    if required {
        arg
    } else {
        quote! { Option<#arg> }
    }
}
