//! Values of one of several alternatives (`oneOf`, `anyOf`): an enum per choice. A tagged one
//! reads its tag property to pick the variant; an untagged one is read as the first variant
//! that fits. Every one displays as the text a path or query parameter sends.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_attrs, line_attrs};
use super::layout::Item;
use super::models::with_format;
use super::request::wire_text;
use super::types::{rust_type, wire_format, wire_module};
use crate::ir::{OneOf, OneOfVariant, TagSite, Tagging, TypeRef};

/// The enum and its impls.
pub(super) fn one_of(o: &OneOf) -> Vec<Item> {
    let name = format_ident!("{}", o.name);
    let doc = match &o.doc {
        Some(d) => doc_attrs(Some(d)),
        None => line_attrs(&format!("One of {} alternatives.", o.variants.len())),
    };
    let mut items = match &o.tagging {
        Tagging::Untagged => untagged(o, &name, &doc),
        Tagging::Property(tag) => tagged(o, tag, &name, &doc),
    };
    items.push(Item::Plain(display(o, &name)));
    items
}

/// A variant's payload type: a model boxed (the enum stays small, and may hold itself).
fn payload(ty: &TypeRef) -> TokenStream {
    let t = rust_type(ty);
    match ty {
        TypeRef::Model(_) => quote! { Box<#t> },
        _ => t,
    }
}

fn variant_doc(v: &OneOfVariant) -> TokenStream {
    match &v.doc {
        Some(d) => doc_attrs(Some(d)),
        None => line_attrs(&match &v.tag {
            Some((value, _)) => format!("Tagged `\"{value}\"`."),
            None => format!("The `{}` alternative.", v.name),
        }),
    }
}

fn untagged(o: &OneOf, name: &proc_macro2::Ident, doc: &TokenStream) -> Vec<Item> {
    let variants = o.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let ty = payload(&v.ty);
        let doc = variant_doc(v);
        // A special format (a date, bytes) is read and written in its wire form.
        let with = match (wire_module(&v.ty), wire_format(&v.ty)) {
            (Some(module), _) => {
                let path = format!("restgen_runtime::wire::{module}");
                quote! { #[serde(with = #path)] }
            }
            (None, Some(format)) => {
                let with = with_format(&format);
                quote! { #[serde(#with)] }
            }
            (None, None) => TokenStream::new(),
        };
        quote! {
            #doc
            #ident(#with #ty),
        }
    });
    vec![Item::Plain(quote! {
        #doc
        ///
        /// A value is read as the first alternative it fits.
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }
    })]
}

fn tagged(o: &OneOf, tag: &str, name: &proc_macro2::Ident, doc: &TokenStream) -> Vec<Item> {
    let variants = o.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let doc = variant_doc(v);
        match v.ty {
            TypeRef::Unit => quote! { #doc #ident, },
            _ => {
                let ty = payload(&v.ty);
                quote! { #doc #ident(#ty), }
            }
        }
    });
    let arms = o.variants.iter().filter_map(|v| {
        let (value, site) = v.tag.as_ref()?;
        let ident = format_ident!("{}", v.name);
        Some(match (&v.ty, site) {
            (TypeRef::Unit, _) => quote! { #value => Ok(Self::#ident), },
            (_, TagSite::Model) => quote! {
                #value => serde_json::from_value(value).map(|v| Self::#ident(Box::new(v))).map_err(serde::de::Error::custom),
            },
            (_, TagSite::Enum) => quote! {
                #value => {
                    if let Some(object) = value.as_object_mut() {
                        object.remove(#tag);
                    }
                    serde_json::from_value(value).map(|v| Self::#ident(Box::new(v))).map_err(serde::de::Error::custom)
                }
            },
        })
    });
    let values: Vec<String> = o
        .variants
        .iter()
        .filter_map(|v| v.tag.as_ref().map(|(value, _)| format!("`{value}`")))
        .collect();
    let unknown = format!(
        "`{tag}` is {{:?}}; {} expects one of {}",
        o.name,
        values.join(", ")
    );
    // The tag comes out of what a variant's own model reads only when the enum holds it.
    let strips = o
        .variants
        .iter()
        .any(|v| v.ty != TypeRef::Unit && matches!(v.tag, Some((_, TagSite::Enum))));
    let binding = if strips {
        quote! { let mut value }
    } else {
        quote! { let value }
    };
    let deserialize = quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #binding = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let tag = value
                    .get(#tag)
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned)
                    .unwrap_or_default();
                match tag.as_str() {
                    #(#arms)*
                    other => Err(serde::de::Error::custom(format!(#unknown, other))),
                }
            }
        }
    };
    let serialize_arms = o.variants.iter().filter_map(|v| {
        let (value, _) = v.tag.as_ref()?;
        let ident = format_ident!("{}", v.name);
        Some(match v.ty {
            TypeRef::Unit => quote! {
                Self::#ident => restgen_runtime::wire::tagged::serialize_variant(serializer, #tag, #value, &serde_json::Map::new()),
            },
            _ => quote! {
                Self::#ident(model) => restgen_runtime::wire::tagged::serialize_variant(serializer, #tag, #value, model),
            },
        })
    });
    let serialize = quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms)*
                }
            }
        }
    };
    let explained =
        format!(" Told apart by its `{tag}` property, which the enum writes and reads.");
    vec![
        Item::Plain(quote! {
            #doc
            ///
            #[doc = #explained]
            #[derive(Clone, Debug, PartialEq)]
            pub enum #name {
                #(#variants)*
            }
        }),
        Item::Plain(serialize),
        Item::Plain(deserialize),
    ]
}

/// The text a parameter of this type sends: a simple alternative as itself, anything else as
/// its JSON.
fn display(o: &OneOf, name: &proc_macro2::Ident) -> TokenStream {
    let text = match &o.tagging {
        Tagging::Property(_) => quote! { serde_json::to_string(self).unwrap_or_default() },
        Tagging::Untagged => {
            let arms = o.variants.iter().map(|v| {
                let ident = format_ident!("{}", v.name);
                let text = wire_text(&v.ty, quote! { value });
                quote! { Self::#ident(value) => #text, }
            });
            quote! {
                match self {
                    #(#arms)*
                }
            }
        }
    };
    quote! {
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let text: String = #text;
                f.write_str(&text)
            }
        }
    }
}
