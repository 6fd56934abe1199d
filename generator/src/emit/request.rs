//! Each operation's request builder: the path with its values encoded (and checked), query
//! parameters and headers in declaration order with the api-version last, `Accept`, and the
//! body.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::arguments::{arg_type, body_type, by_ref, passed_body, positional};
use super::method::too_many;
use super::types::{wire_fn, wire_format, wire_module};
use crate::ir::names::{Derived, derived};
use crate::ir::{
    Body, BodyContent, BodySource, CollectionFormat, DefaultLiteral, Enum, FormEncoding, GroupRef,
    Media, MediaType, Operation, Param, ParamLocation, ParamSource, TypeRef, Unset,
    default_literal,
};

/// The private function building an operation's request from its arguments.
pub(super) fn request_builder(op: &Operation, enums: &[Enum]) -> TokenStream {
    let fn_name = format_ident!("{}", derived(&op.name, Derived::Builder));
    let method = format_ident!("{}", op.method.as_str());
    let args: Vec<TokenStream> = positional(op)
        .map(|p| {
            let (n, t) = (format_ident!("{}", p.name), arg_type(p));
            quote! { #n: #t }
        })
        .collect();
    let body_arg = passed_body(op).map(|(b, required)| {
        let (n, t) = (format_ident!("{}", b.name), body_type(b, required));
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
    let many = too_many(
        args.len()
            + usize::from(body_arg.is_some())
            + group_args.len()
            + usize::from(options_arg.is_some()),
    );
    let rebind = rebind(op);
    let path = path(op);
    // The operation names the call's tracing span.
    let operation_id = &op.operation_id;
    let mut adds: Vec<TokenStream> = vec![quote! { request.set_operation(#operation_id); }];
    adds.extend(
        op.params
            .iter()
            .filter(|p| matches!(p.location, ParamLocation::Query | ParamLocation::Header))
            .map(|p| send_param(p, enums)),
    );
    adds.extend(form(op, enums));
    if let Some(accept) = &op.accept {
        adds.push(quote! { request.header("accept", #accept)?; });
    }
    // An operation whose only answers are redirects returns them rather than following them
    // (one that also declares a 2xx answer follows them to it, as AutoRest's clients do).
    let redirect = |s: &u16| (300..400).contains(s);
    if op.success.iter().any(redirect) && op.success.iter().all(|s| redirect(s) || *s >= 400) {
        adds.push(quote! { request.set_redirects(restgen_runtime::Redirects::Return); });
    }
    let body = body(op);
    let binding = if adds.is_empty() && body.is_none() {
        quote! { let request }
    } else {
        quote! { let mut request }
    };
    // In a client of several api-versions, an operation some of them lack says so first.
    let version_check = (!op.api_versions.is_empty()).then(|| {
        let versions = &op.api_versions;
        let name = &op.name;
        quote! {
            self.pipeline.require_api_version(
                Self::API_VERSION,
                Self::API_VERSIONS,
                &[#(#versions),*],
                #name,
            )?;
        }
    });
    quote! {
        #many
        fn #fn_name(&self, #(#args,)* #body_arg #(#group_args)* #options_arg) -> restgen_runtime::Result<restgen_runtime::Request> {
            #version_check
            #(#rebind)*
            #binding = self.pipeline.request(restgen_runtime::Method::#method, #path);
            #(#adds)*
            #body
            Ok(request)
        }
    }
}

/// Arguments passed by value are rebound as references, so every value below is `&T`;
/// required grouped values are bound by their own names.
fn rebind(op: &Operation) -> Vec<TokenStream> {
    let by_value = positional(op)
        .filter(|p| !by_ref(&p.ty) && !matches!(p.location, ParamLocation::BodyField { .. }))
        .map(|p| {
            let n = format_ident!("{}", p.name);
            quote! { let #n = &#n; }
        });
    let grouped = op.params.iter().filter_map(|p| match &p.source {
        ParamSource::Group {
            group,
            required: true,
            ..
        } => {
            let n = format_ident!("{}", p.name);
            let field = group_field(group);
            Some(quote! { let #n = &#field; })
        }
        _ => None,
    });
    by_value.chain(grouped).collect()
}

/// `arg.field`, a group's field.
fn group_field(group: &GroupRef) -> TokenStream {
    let (arg, field) = (
        format_ident!("{}", group.arg),
        format_ident!("{}", group.field),
    );
    quote! { #arg.#field }
}

/// The path: literal pieces and encoded values, concatenated.
fn path(op: &Operation) -> TokenStream {
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
            pieces.push(path_piece(p, wire));
        }
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        pieces.push(quote! { #rest });
    }
    match pieces.as_slice() {
        [] => quote! { "" },
        [one] if !op.path.contains('{') => quote! { #one },
        _ => quote! { &[#(#pieces),*].concat() },
    }
}

/// One path parameter's piece. A caller's value is checked (no empty, `.` or `..` segment);
/// the spec's own constants and values it marks to be sent as given are not.
fn path_piece(p: &Param, wire: &str) -> TokenStream {
    match (&p.source, p.skip_encoding) {
        (ParamSource::Constant(c), true) => quote! { #c },
        (ParamSource::Constant(c), false) => {
            let encoded = encode_path_constant(c);
            quote! { #encoded }
        }
        (_, true) => text(&p.ty, value_ref(p)).as_str(),
        (_, false) => {
            let t = text(&p.ty, value_ref(p)).as_str();
            quote! { &restgen_runtime::path_param(#wire, #t)? }
        }
    }
}

/// Statements sending one query or header parameter, from wherever its value comes.
fn send_param(p: &Param, enums: &[Enum]) -> TokenStream {
    match &p.source {
        ParamSource::ApiVersion => {
            quote! { request.query("api-version", self.pipeline.api_version(Self::API_VERSION)); }
        }
        ParamSource::Constant(c) => {
            let header = p.wire_name.to_ascii_lowercase();
            let wire = &p.wire_name;
            match p.location {
                ParamLocation::Header => quote! { request.header(#header, #c)?; },
                ParamLocation::Form(_) => quote! { form.text(#wire, #c); },
                _ if p.skip_encoding => quote! { request.query_raw(#wire, #c); },
                _ => quote! { request.query(#wire, #c); },
            }
        }
        // Client-level values are held as text; the spec's default is sent when unset.
        ParamSource::Client {
            required: false,
            default,
        } => {
            let n = format_ident!("{}", p.name);
            let add = add_param(p, quote! { value });
            match default {
                Some(d) => quote! {{
                    let value = self.#n.as_deref().unwrap_or(#d);
                    #add
                }},
                None => quote! { if let Some(value) = &self.#n { #add } },
            }
        }
        ParamSource::Positional
        | ParamSource::Client { required: true, .. }
        | ParamSource::Group { required: true, .. } => add_param(p, value_ref(p)),
        ParamSource::Options { unset } | ParamSource::Group { unset, .. } => {
            send_optional(p, unset, enums)
        }
    }
}

/// An optional parameter: sent when set; when unset, a fresh request id, the spec's default,
/// or nothing.
fn send_optional(p: &Param, unset: &Unset, enums: &[Enum]) -> TokenStream {
    let add = add_param(p, quote! { value });
    let src = match &p.source {
        ParamSource::Group { group, .. } => group_field(group),
        _ => {
            let n = format_ident!("{}", p.name);
            quote! { options.#n }
        }
    };
    match unset {
        // The caller's request id, else the call's: the one `x-ms-client-request-id` carries too.
        Unset::FreshRequestId => quote! {{
            let value = &#src.clone().unwrap_or_else(|| self.pipeline.call_request_id());
            #add
            request.set_request_id(value);
        }},
        Unset::Default(d) => {
            let Some((def, owned)) = default_value(&p.ty, d, enums) else {
                return quote! { if let Some(value) = &#src { #add } };
            };
            let value = match (&p.ty, owned) {
                (TypeRef::String, _) => quote! { #src.as_deref().unwrap_or(#def) },
                (_, true) => quote! { &#src.clone().unwrap_or(#def) },
                (_, false) => quote! { &#src.unwrap_or(#def) },
            };
            quote! {{
                let value = #value;
                #add
            }}
        }
        Unset::Omitted => quote! { if let Some(value) = &#src { #add } },
    }
}

/// A literal of the parameter's owned type for its spec default, and whether the type must be
/// cloned out of its `Option` (an extensible enum is not `Copy`).
fn default_value(ty: &TypeRef, default: &Value, enums: &[Enum]) -> Option<(TokenStream, bool)> {
    let find = |e: &str| enums.iter().find(|x| x.name == e);
    let literal = default_literal(ty, default, find)?;
    let extensible = matches!(ty, TypeRef::Enum(e) if find(e).is_some_and(|x| x.extensible));
    let tokens = match literal {
        DefaultLiteral::Str(s) => quote! { #s },
        DefaultLiteral::Bool(b) => quote! { #b },
        DefaultLiteral::Int(n) => {
            let n = Literal::i64_unsuffixed(n);
            quote! { #n }
        }
        DefaultLiteral::Float(f) => {
            let f = Literal::f64_unsuffixed(f);
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
    };
    Some((tokens, extensible))
}

/// The body: a constant's JSON, a model built from flattened parameters, or the argument in
/// its media type (JSON in its wire format, text, bytes, or the media type the caller chose).
fn body(op: &Operation) -> Option<TokenStream> {
    let b = op.body.as_ref()?;
    let (value, required) = match &b.source {
        BodySource::Constant(json) => {
            let ct = b.content.one().map(|m| m.content_type.as_str());
            let bytes = Literal::byte_string(json.as_bytes());
            return Some(quote! { request.set_body(&#bytes[..], #ct); });
        }
        BodySource::Flattened => {
            let ct = b.content.one().map(|m| m.content_type.as_str());
            return Some(flattened_body(op, &b.ty, ct.unwrap_or("application/json")));
        }
        BodySource::Argument { required } => {
            let n = format_ident!("{}", b.name);
            (quote! { #n }, *required)
        }
        BodySource::Group { group, required } => {
            let field = group_field(group);
            (quote! { &#field }, *required)
        }
    };
    let set = |v: TokenStream| match &b.content {
        BodyContent::One(media_type) => {
            // A binary argument is owned (`impl Into<Bytes>`, or the `Bytes` of an `Option`).
            let owned = matches!(b.source, BodySource::Argument { .. });
            set_body(b, media_type, v, owned)
        }
        BodyContent::Choice { name, variants } => {
            let name = format_ident!("{}", name);
            let arms = variants.iter().map(|variant| {
                let camel_name = format_ident!("{}", variant.name);
                let set = set_body(b, &variant.media_type, quote! { value }, false);
                quote! { #name::#camel_name(value) => { #set } }
            });
            quote! { match #v { #(#arms)* } }
        }
    };
    Some(if required {
        set(value)
    } else {
        let set = set(quote! { body });
        quote! {
            if let Some(body) = #value {
                #set
            }
        }
    })
}

/// Sets a body of this media type from `v`: JSON of a `&T` (a slice for an array) in its wire
/// format, text from a `&str` (or `&String`), bytes from anything that becomes `Bytes` when
/// `owned`, else from a reference to it (a `&Bytes` clones without a copy).
fn set_body(body: &Body, media_type: &MediaType, v: TokenStream, owned: bool) -> TokenStream {
    let (ty, ct) = (&body.ty, &media_type.content_type);
    match media_type.media {
        Media::Xml => match &body.xml {
            Some(root) => super::xml::set_body(ty, root, v, ct),
            None => quote! { request.json(#v, #ct)?; },
        },
        Media::Binary if owned => quote! { request.set_payload(#v, #ct); },
        Media::Binary => quote! { request.set_body(#v.clone(), #ct); },
        Media::Text => quote! { request.set_body(#v.to_owned(), #ct); },
        Media::Form => quote! { request.form(#v, #ct)?; },
        Media::Json => match ty {
            TypeRef::Bytes | TypeRef::Base64Url => {
                let format = wire_fn(wire_module(ty).unwrap_or("base64"), "format");
                quote! { request.json(&#format(#v), #ct)?; }
            }
            TypeRef::Vec(item) => match wire_format(item) {
                Some(f) => quote! { request.json_items_as::<#f, _>(#v, #ct)?; },
                None => quote! { request.json(#v, #ct)?; },
            },
            _ => match wire_format(ty) {
                Some(f) => quote! { request.json_as::<#f, _>(#v, #ct)?; },
                None => quote! { request.json(#v, #ct)?; },
            },
        },
    }
}

/// A body model built from the operation's flattened parameters: `new` with the required
/// ones, then the optional ones set.
fn flattened_body(op: &Operation, ty: &TypeRef, ct: &str) -> TokenStream {
    let TypeRef::Model(model) = ty else {
        return TokenStream::new();
    };
    let model = format_ident!("{}", model);
    let mut required = Vec::new();
    let mut sets = Vec::new();
    for p in &op.params {
        let ParamLocation::BodyField { field } = &p.location else {
            continue;
        };
        let n = format_ident!("{}", p.name);
        match &p.source {
            ParamSource::Positional if p.ty == TypeRef::String => {
                required.push(quote! { #n.into() })
            }
            ParamSource::Positional => required.push(quote! { #n }),
            _ => {
                let field = format_ident!("{}", field);
                sets.push(quote! { body.#field.clone_from(&options.#n); });
            }
        }
    }
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
}

/// The operation's form body (`in: formData` parameters), field by field in declaration
/// order: nothing when it has no form field.
fn form(op: &Operation, enums: &[Enum]) -> Option<TokenStream> {
    let mut fields = op.params.iter().filter_map(|p| match p.location {
        ParamLocation::Form(encoding) => Some((p, encoding)),
        _ => None,
    });
    let (_, encoding) = fields.clone().next()?;
    let new = match encoding {
        FormEncoding::UrlEncoded => quote! { url_encoded },
        FormEncoding::Multipart => quote! { multipart },
    };
    let adds = fields.by_ref().map(|(p, _)| send_param(p, enums));
    Some(quote! {
        let mut form = restgen_runtime::Form::#new();
        #(#adds)*
        request.set_form(form)?;
    })
}

/// Statements adding one query, header or form parameter, given a reference expression to its
/// value.
fn add_param(p: &Param, r: TokenStream) -> TokenStream {
    let wire = &p.wire_name;
    let header = p.wire_name.to_ascii_lowercase();
    let add = |value: TokenStream| match p.location {
        ParamLocation::Header => quote! { request.header(#header, #value)?; },
        ParamLocation::Form(_) => quote! { form.text(#wire, #value); },
        _ if p.skip_encoding => quote! { request.query_raw(#wire, #value); },
        _ => quote! { request.query(#wire, #value); },
    };
    match (&p.ty, p.collection_format) {
        // Files are parts of their own, an array's each under the field's name.
        (TypeRef::File, _) => quote! { form.file(#wire, #r.clone()); },
        (TypeRef::Vec(inner), _) if **inner == TypeRef::File => {
            quote! { for item in #r.iter() { form.file(#wire, item.clone()); } }
        }
        (TypeRef::Vec(inner), Some(CollectionFormat::Multi)) => {
            let item = add(text(inner, quote! { item }).as_str());
            quote! { for item in #r.iter() { #item } }
        }
        (TypeRef::Vec(inner), cf) => {
            let sep = separator(cf);
            let item = text(inner, quote! { item }).owned();
            add(quote! { &#r.iter().map(|item| #item).collect::<Vec<_>>().join(#sep) })
        }
        (ty, _) => add(text(ty, r).as_str()),
    }
}

fn separator(cf: Option<CollectionFormat>) -> &'static str {
    match cf {
        Some(CollectionFormat::Ssv) => " ",
        Some(CollectionFormat::Tsv) => "\t",
        Some(CollectionFormat::Pipes) => "|",
        _ => ",",
    }
}

/// An expression referring to a parameter's value by reference. By-value arguments are
/// rebound as references at the top of the request builder (see [`rebind`]).
fn value_ref(p: &Param) -> TokenStream {
    let n = format_ident!("{}", p.name);
    if let ParamSource::Client { .. } = p.source {
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

/// The text a value of type `ty`, reached through the reference `r`, sends on the wire, as an
/// owned `String`.
pub(super) fn wire_text(ty: &TypeRef, r: TokenStream) -> TokenStream {
    text(ty, r).owned()
}

/// The text a value of type `ty`, reached through the reference `r`, sends on the wire, as a
/// `&str` (borrowed where the value is text already).
pub(super) fn wire_str(ty: &TypeRef, r: TokenStream) -> TokenStream {
    text(ty, r).as_str()
}

/// How a value of type `ty`, reached through `r`, is written on the wire.
fn text(ty: &TypeRef, r: TokenStream) -> Text {
    let owned = |expr| Text {
        expr,
        borrowed: false,
    };
    if matches!(ty, TypeRef::String) {
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
        TypeRef::Time => owned(quote! { restgen_runtime::wire::time_of_day::format(*#r) }),
        TypeRef::Duration => owned(quote! { restgen_runtime::wire::duration::format(*#r) }),
        TypeRef::Bytes => owned(quote! { restgen_runtime::wire::base64::format(#r) }),
        TypeRef::Base64Url => owned(quote! { restgen_runtime::wire::base64url::format(#r) }),
        TypeRef::Model(_) | TypeRef::Union(_) | TypeRef::Map(_) => {
            owned(quote! { serde_json::to_string(#r).unwrap_or_default() })
        }
        // A null item of a list is sent as nothing between its separators.
        TypeRef::Nullable(inner) => {
            let value = text(inner, quote! { value }).owned();
            owned(quote! { #r.as_ref().map(|value| #value).unwrap_or_default() })
        }
        TypeRef::Vec(inner) => {
            let item = text(inner, quote! { item }).owned();
            owned(quote! { #r.iter().map(|item| #item).collect::<Vec<_>>().join(",") })
        }
        _ => owned(quote! { #r.to_string() }),
    }
}
