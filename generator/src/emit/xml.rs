//! XML: each model an XML body reaches implements `restgen_runtime::xml::XmlModel`, writing
//! and reading its fields where the IR's [`XmlPlace`]s put them; operations write and read
//! their XML bodies' roots the same way.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::layout::Item;
use super::options::header_parser;
use super::request::wire_str;
use super::types::rust_type;
use crate::ir::{Api, ExtraSource, Field, Model, Presence, TypeRef, XmlName, XmlPlace};

/// The `XmlModel` impl of a model an XML body reaches.
pub(super) fn model_impl(api: &Api, m: &Model) -> Option<Item> {
    let tag = tag(m.xml.as_ref()?);
    let name = format_ident!("{}", m.name);
    let placed = || {
        m.fields
            .iter()
            .filter_map(|f| Some((f, f.xml.as_ref()?)))
            .filter(|(f, _)| f.ty.has_xml_form())
    };
    // Attributes go in the start tag, before any content.
    let attributes = placed()
        .filter(|(f, _)| f.presence != Presence::ReadOnly)
        .filter(|(_, p)| matches!(p, XmlPlace::Attribute(_)));
    let content = placed()
        .filter(|(f, _)| f.presence != Presence::ReadOnly)
        .filter(|(_, p)| !matches!(p, XmlPlace::Attribute(_)));
    let writes: Vec<TokenStream> = attributes
        .chain(content)
        .map(|(f, place)| write_field(f, place))
        .collect();
    let declared: Vec<&str> = placed()
        .filter_map(|(_, p)| match p {
            XmlPlace::Element(n) => Some(n.local()),
            XmlPlace::List { wrapper, item } => Some(wrapper.as_ref().unwrap_or(item).local()),
            XmlPlace::Attribute(_) | XmlPlace::Text => None,
        })
        .collect();
    let mut reads: Vec<TokenStream> = m.fields.iter().map(|f| read_field(api, f)).collect();
    let mut extra_write = TokenStream::new();
    if let Some(extra) = &m.additional_properties {
        let field = format_ident!("{}", extra.field);
        match extra.source {
            // Declared extra properties are the element's other children.
            ExtraSource::Declared if extra.ty.has_xml_form() => {
                let write = write_element(
                    &extra.ty,
                    quote! { value },
                    quote! {
                        restgen_runtime::xml::Tag::new(key)
                    },
                );
                extra_write = quote! {
                    for (key, value) in &self.#field {
                        #write
                    }
                };
                let read = reader(&extra.ty);
                reads.push(quote! { #field: element.read_entries(&[#(#declared),*], #read)?, });
            }
            // What a service sends beyond the spec is kept from JSON only.
            _ => reads.push(quote! { #field: Default::default(), }),
        }
    }
    Some(Item::Plain(quote! {
        impl restgen_runtime::xml::XmlModel for #name {
            const TAG: restgen_runtime::xml::Tag<'static> = #tag;

            fn write_xml(&self, writer: &mut restgen_runtime::xml::Writer, tag: restgen_runtime::xml::Tag<'_>) {
                writer.start(tag);
                #(#writes)*
                #extra_write
                writer.end();
            }

            fn read_xml(element: &restgen_runtime::xml::Element) -> Result<Self, restgen_runtime::xml::XmlError> {
                Ok(Self {
                    #(#reads)*
                })
            }
        }
    }))
}

/// `Tag::new("name")`, with its namespace when it declares one.
fn tag(name: &XmlName) -> TokenStream {
    let text = &name.name;
    match &name.namespace {
        Some((prefix, uri)) => quote! {
            restgen_runtime::xml::Tag::new(#text).with_namespace(#prefix, #uri)
        },
        None => quote! { restgen_runtime::xml::Tag::new(#text) },
    }
}

/// Writes a field (skipped when unset) at its place.
fn write_field(f: &Field, place: &XmlPlace) -> TokenStream {
    let n = format_ident!("{}", f.name);
    let write = write_at(&f.ty, place, quote! { value });
    // A boxed model is written through the box.
    match (&f.presence, f.boxed) {
        (Presence::Required, false) => quote! {
            let value = &self.#n;
            #write
        },
        (Presence::Required, true) => quote! {
            let value = &*self.#n;
            #write
        },
        (_, false) => quote! {
            if let Some(value) = &self.#n {
                #write
            }
        },
        (_, true) => quote! {
            if let Some(value) = self.#n.as_deref() {
                #write
            }
        },
    }
}

/// Writes the value `v` (a reference to a `ty`) at `place`.
fn write_at(ty: &TypeRef, place: &XmlPlace, v: TokenStream) -> TokenStream {
    match place {
        XmlPlace::Attribute(name) => {
            let text = value_text(ty, v);
            quote! { writer.attribute(#name, #text); }
        }
        XmlPlace::Text => {
            let text = value_text(ty, v);
            quote! { writer.text(#text); }
        }
        XmlPlace::Element(name) => write_element(ty, v, tag(name)),
        XmlPlace::List { wrapper, item } => {
            let inner = list_item(ty);
            let each = write_element(inner, quote! { item }, tag(item));
            let items = quote! {
                for item in #v.iter() {
                    #each
                }
            };
            match wrapper {
                Some(wrapper) => {
                    let wrapper = tag(wrapper);
                    quote! {
                        writer.start(#wrapper);
                        #items
                        writer.end();
                    }
                }
                None => items,
            }
        }
    }
}

/// The item type of a list (through an alias).
fn list_item(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Vec(inner) => inner,
        TypeRef::Alias { target, .. } => list_item(target),
        other => other,
    }
}

/// Writes `v` (a reference to a `ty`) as the element `tag`: a model's own element, a map's
/// entries as child elements, a list's items each as `tag`, a value as text.
fn write_element(ty: &TypeRef, v: TokenStream, tag: TokenStream) -> TokenStream {
    match ty {
        TypeRef::Model(_) => {
            quote! { restgen_runtime::xml::XmlModel::write_xml(#v, writer, #tag); }
        }
        TypeRef::Alias { target, .. } => write_element(target, v, tag),
        TypeRef::Map(inner) => {
            let each = write_element(
                inner,
                quote! { value },
                quote! {
                    restgen_runtime::xml::Tag::new(key)
                },
            );
            quote! {
                writer.start(#tag);
                for (key, value) in #v.iter() {
                    #each
                }
                writer.end();
            }
        }
        TypeRef::Vec(inner) => {
            let each = write_element(inner, quote! { item }, tag);
            quote! {
                for item in #v.iter() {
                    #each
                }
            }
        }
        // A null item keeps its place as an empty element.
        TypeRef::Nullable(inner) => {
            let some = write_element(inner, quote! { value }, tag.clone());
            quote! {
                match #v {
                    Some(value) => { #some }
                    None => {
                        writer.start(#tag);
                        writer.end();
                    }
                }
            }
        }
        ty if !ty.has_xml_form() || *ty == TypeRef::Unit => TokenStream::new(),
        ty => {
            let text = value_text(ty, v);
            quote! { writer.leaf(#tag, #text); }
        }
    }
}

/// A value's text as a `&str`: its wire text, or for an undeclared type a JSON string's own text
/// (anything else as its JSON).
fn value_text(ty: &TypeRef, v: TokenStream) -> TokenStream {
    match ty {
        TypeRef::Json => quote! { &restgen_runtime::xml::json_text(#v) },
        ty => wire_str(ty, v),
    }
}

/// A field's initializer in `read_xml`: read at its place; a required one the document leaves
/// out is its type's empty value where it has one (Azure Storage leaves out elements its specs
/// call required), else an error.
fn read_field(api: &Api, f: &Field) -> TokenStream {
    let n = format_ident!("{}", f.name);
    let value = match f.xml.as_ref().filter(|_| f.ty.has_xml_form()) {
        Some(place) => read_at(&f.ty, place),
        None => quote! { None },
    };
    let value = match (&f.presence, f.boxed) {
        (Presence::Required, boxed) => {
            let local = match &f.xml {
                Some(XmlPlace::Element(name)) => name.local().to_owned(),
                Some(XmlPlace::Attribute(name)) => format!("@{name}"),
                _ => f.wire_name.clone(),
            };
            let value = if has_default(api, &f.ty) {
                quote! { #value.unwrap_or_default() }
            } else {
                quote! { restgen_runtime::xml::required(#value, #local)? }
            };
            if boxed {
                quote! { Box::new(#value) }
            } else {
                value
            }
        }
        (_, true) => quote! { #value.map(Box::new) },
        (_, false) => value,
    };
    quote! { #n: #value, }
}

/// Whether a required value the document leaves out reads as its type's empty value.
fn has_default(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F32
        | TypeRef::F64
        | TypeRef::Bytes
        | TypeRef::Base64Url
        | TypeRef::Json
        | TypeRef::Vec(_)
        | TypeRef::Map(_) => true,
        TypeRef::Alias { target, .. } => has_default(api, target),
        TypeRef::Model(name) => api
            .models
            .iter()
            .find(|m| &m.name == name)
            .is_some_and(Model::derives_default),
        _ => false,
    }
}

/// Reads a `ty` at `place` in `element`: `Result<Option<T>, XmlError>`, `?`-ed.
fn read_at(ty: &TypeRef, place: &XmlPlace) -> TokenStream {
    match place {
        XmlPlace::Attribute(name) => {
            let parse = parser(ty);
            quote! { element.read_attribute(#name, #parse)? }
        }
        XmlPlace::Text => {
            let parse = parser(ty);
            quote! { element.read_own_text(#parse)? }
        }
        XmlPlace::Element(name) => {
            let local = name.local();
            let read = reader(ty);
            quote! { element.read_child(#local, #read)? }
        }
        XmlPlace::List { wrapper, item } => {
            let wrapper = match wrapper {
                Some(w) => {
                    let local = w.local();
                    quote! { Some(#local) }
                }
                None => quote! { None },
            };
            let local = item.local();
            let read = reader(list_item(ty));
            quote! { element.read_list(#wrapper, #local, #read)? }
        }
    }
}

/// A `fn(&Element) -> Result<T, XmlError>` reading a `ty` from its element.
pub(super) fn reader(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Model(_) => {
            let t = rust_type(ty);
            quote! { <#t as restgen_runtime::xml::XmlModel>::read_xml }
        }
        TypeRef::Alias { target, .. } => reader(target),
        TypeRef::Map(inner) => {
            let inner = reader(inner);
            quote! { restgen_runtime::xml::entries(#inner) }
        }
        TypeRef::Vec(inner) => {
            let inner = reader(inner);
            quote! {
                |e: &restgen_runtime::xml::Element| e.children().iter().map(#inner).collect::<Result<Vec<_>, _>>()
            }
        }
        TypeRef::Nullable(inner) => {
            let inner = reader(inner);
            quote! {
                |e: &restgen_runtime::xml::Element| {
                    if e.is_empty() { Ok(None) } else { (#inner)(e).map(Some) }
                }
            }
        }
        ty => {
            let parse = parser(ty);
            quote! { restgen_runtime::xml::text(#parse) }
        }
    }
}

/// A `fn(&str) -> Result<T, String>` for a value's text.
fn parser(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote! { restgen_runtime::xml::string },
        TypeRef::Bool => quote! { restgen_runtime::xml::boolean },
        TypeRef::Json => quote! { restgen_runtime::xml::json },
        ty => header_parser(ty),
    }
}

/// Sets an XML request body from `v` (a reference to the body's `ty`), its root at `root`.
pub(super) fn set_body(ty: &TypeRef, root: &XmlPlace, v: TokenStream, ct: &str) -> TokenStream {
    let write = write_at(ty, root, v);
    quote! {
        request.xml(|writer| { #write }, #ct)?;
    }
}

/// Reads an XML response body as its `ty`, its root at `root`: `Result<T>` (an `Option` when
/// `optional`, `None` for an empty body).
pub(super) fn decode(ty: &TypeRef, root: &XmlPlace, optional: bool) -> TokenStream {
    let read = match root {
        XmlPlace::List { item, .. } => {
            let local = item.local();
            let read = reader(list_item(ty));
            quote! { |root: &restgen_runtime::xml::Element| restgen_runtime::xml::items(root, #local, #read) }
        }
        _ => reader(ty),
    };
    if optional {
        quote! { response.xml_optional(#read) }
    } else {
        quote! { response.xml(#read) }
    }
}
