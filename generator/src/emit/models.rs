//! Structs, discriminated unions, choices among alternatives, and the `Page` impls of page
//! models.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_attrs, line_attrs};
use super::layout::Item;
use super::method::method_link;
use super::types::{collect_named, path_text, rust_type, wire_format, wire_module};
use crate::ir::{
    Api, Body, BodyContent, Client, ExtraSource, Field, Media, MethodKind, Model, Operation,
    Paging, Presence, TypeRef, Union,
};

/// The models file's items, and the enums it names.
pub(super) fn emit(api: &Api) -> (BTreeSet<String>, Vec<Item>) {
    let mut used = BTreeSet::new();
    for m in &api.models {
        for f in &m.fields {
            collect_named(&f.ty, &mut used);
        }
        if let Some(ap) = &m.additional_properties {
            collect_named(&ap.ty, &mut used);
        }
    }
    for a in &api.aliases {
        collect_named(&a.ty, &mut used);
    }
    for v in api.one_ofs.iter().flat_map(|o| &o.variants) {
        collect_named(&v.ty, &mut used);
    }
    // Only enums come from elsewhere; models, unions and aliases live in this file.
    let local: BTreeSet<String> = api
        .models
        .iter()
        .map(|m| m.name.clone())
        .chain(api.unions.iter().map(|u| u.name.clone()))
        .chain(api.one_ofs.iter().map(|o| o.name.clone()))
        .chain(api.aliases.iter().map(|a| a.name.clone()))
        .chain(
            api.client
                .operations
                .iter()
                .filter_map(|op| match &op.body.as_ref()?.content {
                    BodyContent::Choice { name, .. } => Some(name.clone()),
                    BodyContent::One(_) => None,
                }),
        )
        .collect();
    let mut pages: BTreeMap<String, &Paging> = BTreeMap::new();
    for op in &api.client.operations {
        // One impl per page model: the first operation that names a next link decides which
        // field holds it; operations with `nextLinkName: null` stop after one page themselves.
        if let MethodKind::Pager(p) | MethodKind::PagedLongRunning { paging: p, .. } = &op.kind {
            let entry = pages.entry(p.page_model.clone()).or_insert(p);
            if entry.link_field.is_none() && p.link_field.is_some() {
                *entry = p;
            }
        }
    }
    let mut items: Vec<Item> = api
        .models
        .iter()
        .flat_map(|m| {
            let mut items = model(m, pages.get(&m.name).copied());
            items.extend(super::xml::model_impl(api, m));
            items
        })
        .collect();
    items.extend(api.unions.iter().flat_map(union));
    items.extend(api.one_ofs.iter().flat_map(super::one_of::one_of));
    for op in &api.client.operations {
        if let Some(body) = op.body.as_ref().filter(|b| b.content.one().is_none()) {
            collect_named(&body.ty, &mut used);
            items.extend(body_choice(&api.client, op, body));
        }
    }
    items.extend(api.aliases.iter().map(|a| {
        let name = format_ident!("{}", a.name);
        let ty = rust_type(&a.ty);
        let doc = format!(" The type of {}, named.", a.user);
        Item::Plain(quote! {
            #[doc = #doc]
            pub type #name = #ty;
        })
    }));
    let imports: BTreeSet<String> = used.difference(&local).cloned().collect();
    (imports, items)
}

/// The enum of a body the spec lets go as several media types: one variant per content type,
/// holding JSON's type, text or bytes.
fn body_choice(client: &Client, op: &Operation, body: &Body) -> Option<Item> {
    let BodyContent::Choice { name, variants } = &body.content else {
        return None;
    };
    let name = format_ident!("{}", name);
    // The client lives in a sibling file: the link names it through the parent module.
    let link = method_link(client, op);
    let target = link.trim_start_matches("[`").trim_end_matches("`]");
    let doc =
        format!(" The body of {link}(super::{target}), in one of the media types it accepts.");
    let variants = variants.iter().map(|v| {
        let variant = format_ident!("{}", v.name);
        let ct = &v.media_type.content_type;
        let (ty, doc) = match v.media_type.media {
            Media::Json => (rust_type(&body.ty), format!(" Sent as JSON, `{ct}`.")),
            Media::Text => (quote! { String }, format!(" Sent as text, `{ct}`.")),
            Media::Form => (rust_type(&body.ty), format!(" Sent as a form, `{ct}`.")),
            Media::Xml => (rust_type(&body.ty), format!(" Sent as XML, `{ct}`.")),
            Media::Binary => (
                quote! { restgen_runtime::Bytes },
                format!(" Sent as bytes, `{ct}`."),
            ),
        };
        quote! {
            #[doc = #doc]
            #variant(#ty),
        }
    });
    Some(Item::Plain(quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
        }
    }))
}

/// A model's struct, its `new`, and its `Page` impl when operations page over it.
fn model(m: &Model, page: Option<&Paging>) -> Vec<Item> {
    let name = format_ident!("{}", m.name);
    let doc = doc_attrs(m.doc.as_deref().or(Some(&m.name)));
    let fields = m.fields.iter().map(field);
    let additional = m.additional_properties.as_ref().map(|ap| {
        let ty = rust_type(&ap.ty);
        let field = format_ident!("{}", ap.field);
        let with = wire_format(&TypeRef::Map(Box::new(ap.ty.clone())))
            .map(|f| with_format(&f))
            .map(|with| quote! { , #with });
        let doc = match ap.source {
            ExtraSource::Declared => " Properties beyond the declared ones.",
            ExtraSource::Undeclared => {
                " Properties the service sent that the spec does not declare, kept as JSON and \
                 sent back when this model is written, so a read-then-write loses nothing."
            }
        };
        quote! {
            #[doc = #doc]
            #[serde(flatten #with)]
            pub #field: std::collections::BTreeMap<String, #ty>,
        }
    });
    let required: Vec<&Field> = m
        .fields
        .iter()
        .filter(|f| f.presence == Presence::Required)
        .collect();
    let default = if m.derives_default() {
        quote! { Default, }
    } else {
        TokenStream::new()
    };
    let args = required.iter().map(|f| {
        let n = format_ident!("{}", f.name);
        let t = field_type(f);
        quote! { #n: #t }
    });
    let inits = m.fields.iter().map(|f| {
        let n = format_ident!("{}", f.name);
        match (&f.presence, &f.ty) {
            (Presence::Constant(c), TypeRef::String) => quote! { #n: Some(#c.to_owned()) },
            (Presence::Constant(c), _) => quote! { #n: #c.parse().ok() },
            (Presence::Required, _) => quote! { #n },
            (Presence::Optional | Presence::ReadOnly, _) => quote! { #n: None },
        }
    });
    let ap_init = m.additional_properties.as_ref().map(|ap| {
        let field = format_ident!("{}", ap.field);
        quote! { #field: Default::default(), }
    });
    let many = if required.len() > 7 {
        // A constructor takes every required field; some models have many.
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        TokenStream::new()
    };
    let new_doc = if required.is_empty() {
        format!(" Creates a `{}` with every field unset.", m.name)
    } else {
        format!(
            " A `{}` with its required fields; the optional ones are unset.",
            m.name
        )
    };
    // A model holding a secret prints it redacted: its `Debug` is written out.
    let secrets = m.fields.iter().any(|f| f.secret);
    let debug = if secrets {
        TokenStream::new()
    } else {
        quote! { Debug, }
    };
    let mut items = vec![
        Item::Plain(quote! {
            #doc
            #[derive(Clone, #debug #default PartialEq, serde::Serialize, serde::Deserialize)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
                #additional
            }
        }),
        Item::Impl {
            head: quote! { impl #name },
            members: vec![quote! {
                #[doc = #new_doc]
                #many
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits,)* #ap_init }
                }
            }],
        },
    ];
    if secrets {
        items.push(Item::Plain(redacted_debug(m)));
    }
    items.extend(page.map(|p| Item::Plain(page_impl(m, p))));
    items
}

/// `Debug` with each secret field shown as `<redacted>` (whether it is set stays visible).
fn redacted_debug(m: &Model) -> TokenStream {
    let name = format_ident!("{}", m.name);
    let title = &m.name;
    let fields = m.fields.iter().map(|f| {
        let (ident, label) = (format_ident!("{}", f.name), &f.name);
        let required = matches!(f.presence, Presence::Required);
        match (f.secret, required) {
            (false, _) => quote! { .field(#label, &self.#ident) },
            (true, true) => quote! { .field(#label, &"<redacted>") },
            (true, false) => quote! {
                .field(#label, &self.#ident.as_ref().map(|_| "<redacted>"))
            },
        }
    });
    let extra = m.additional_properties.as_ref().map(|ap| {
        let (ident, label) = (format_ident!("{}", ap.field), &ap.field);
        quote! { .field(#label, &self.#ident) }
    });
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#title)
                    #(#fields)*
                    #extra
                    .finish()
            }
        }
    }
}

fn field_type(f: &Field) -> TokenStream {
    let base = rust_type(&f.ty);
    let base = if f.boxed {
        quote! { Box<#base> }
    } else {
        base
    };
    if f.presence == Presence::Required {
        base
    } else {
        quote! { Option<#base> }
    }
}

fn field(f: &Field) -> TokenStream {
    let required = f.presence == Presence::Required;
    let read_only = f.presence == Presence::ReadOnly;
    let name = format_ident!("{}", f.name);
    let ty = field_type(f);
    let doc = doc_attrs(f.doc.as_deref());
    let mut serde_args = Vec::new();
    if f.name != f.wire_name {
        let wire = &f.wire_name;
        serde_args.push(quote! { rename = #wire });
    }
    if !required {
        serde_args.push(quote! { default });
    }
    if read_only {
        serde_args.push(quote! { skip_serializing_if = "restgen_runtime::wire::skip_read_only" });
    } else if !required {
        serde_args.push(quote! { skip_serializing_if = "Option::is_none" });
    }
    // A special format: its module on a value of its own, its composed format inside arrays
    // and maps.
    if let Some(module) = wire_module(&f.ty) {
        let path = if required {
            format!("restgen_runtime::wire::{module}")
        } else {
            format!("restgen_runtime::wire::{module}::option")
        };
        serde_args.push(quote! { with = #path });
    } else if let Some(format) = wire_format(&f.ty) {
        let format = if required {
            format
        } else {
            quote! { restgen_runtime::wire::format::Nullable<#format> }
        };
        serde_args.push(with_format(&format));
    }
    let serde_attr = if serde_args.is_empty() {
        TokenStream::new()
    } else {
        quote! { #[serde(#(#serde_args),*)] }
    };
    let read_only = read_only
        .then(|| quote! { #[doc = ""] #[doc = " Read-only: set by the service, never sent."] });
    quote! {
        #doc
        #read_only
        #serde_attr
        pub #name: #ty,
    }
}

/// `with = "restgen_runtime::wire::format::As::<F>"`.
pub(super) fn with_format(format: &TokenStream) -> TokenStream {
    let path = path_text(&quote! { restgen_runtime::wire::format::As::<#format> });
    quote! { with = #path }
}

fn page_impl(m: &Model, p: &Paging) -> TokenStream {
    let name = format_ident!("{}", m.name);
    let item = rust_type(&p.item);
    let items_field = format_ident!("{}", p.item_field);
    let items_required = m
        .fields
        .iter()
        .any(|f| f.name == p.item_field && f.presence == Presence::Required);
    let items = if items_required {
        quote! { self.#items_field }
    } else {
        quote! { self.#items_field.unwrap_or_default() }
    };
    let next = match &p.link_field {
        None => quote! { None },
        Some(n) => {
            let f = format_ident!("{}", n);
            let required = m
                .fields
                .iter()
                .any(|x| &x.name == n && x.presence == Presence::Required);
            if required {
                quote! { Some(self.#f) }
            } else {
                quote! { self.#f }
            }
        }
    };
    quote! {
        impl restgen_runtime::Page for #name {
            type Item = #item;
            fn into_parts(self) -> (Vec<#item>, Option<String>) {
                (#items, #next)
            }
        }
    }
}

/// A union: an enum tagged by the discriminator, read leniently.
fn union(u: &Union) -> Vec<Item> {
    let name = format_ident!("{}", u.name);
    let doc = line_attrs(&format!(
        "`{}` or one of the models derived from it, told apart by its discriminator.\n\n\
         Each variant holds its model boxed, so the enum stays small however the models differ \
         in size; build one with `From` (`{}::from(model)`).",
        u.base, u.name
    ));
    let tag = &u.discriminator;
    let variants = u.variants.iter().map(|(value, model)| {
        let ident = format_ident!("{}", model);
        let doc = format!(" A `{model}`, its `{tag}` being `\"{value}\"`.");
        quote! {
            #[doc = #doc]
            #ident(Box<#ident>),
        }
    });
    let froms = u.variants.iter().map(|(_, model)| {
        let ident = format_ident!("{}", model);
        Item::Plain(quote! {
            impl From<#ident> for #name {
                fn from(value: #ident) -> Self {
                    Self::#ident(Box::new(value))
                }
            }
        })
    });
    let arms = u
        .variants
        .iter()
        .filter(|(_, m)| *m != u.base)
        .map(|(value, model)| {
            let ident = format_ident!("{}", model);
            quote! { Some(#value) => serde_json::from_value(value).map(Self::#ident), }
        });
    let base = format_ident!("{}", u.base);
    let values = u.variants.iter().map(|(value, _)| value);
    // A missing or unknown discriminator reads as the base model, as services send both; an
    // unknown one stays among the base model's other properties, so it is sent back as it came.
    let deserialize = quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let tag = value
                    .get(#tag)
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned);
                if matches!(tag.as_deref(), Some(#(#values)|*))
                    && let Some(object) = value.as_object_mut()
                {
                    object.remove(#tag);
                }
                let parsed = match tag.as_deref() {
                    #(#arms)*
                    _ => serde_json::from_value(value).map(Self::#base),
                };
                parsed.map_err(serde::de::Error::custom)
            }
        }
    };
    let serialize_arms = u.variants.iter().map(|(value, model)| {
        let ident = format_ident!("{}", model);
        quote! {
            Self::#ident(model) => {
                restgen_runtime::wire::tagged::serialize(serializer, #tag, #value, model)
            }
        }
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
    let mut items = vec![
        Item::Plain(quote! {
            #doc
            #[derive(Clone, Debug, PartialEq)]
            pub enum #name {
                #(#variants)*
            }
        }),
        Item::Plain(serialize),
        Item::Plain(deserialize),
    ];
    items.extend(froms);
    items
}
