//! The public method of each operation, one shape per [`MethodKind`]: a plain `async fn` (and
//! `_stream` for a download), a HEAD existence check, a `Pager`, `begin_`/`resume_` for a
//! long-running operation (and one whose result pages). What they take: `arguments.rs`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::arguments::{arg_type, body_type, by_ref, is_copy, passed_body, positional};
use super::docs::{code_span, doc_attrs, line_attrs, sanitize_line};
use super::errors::error_doc;
use super::types::{rust_type, wire_format};
use crate::ir::names::{Derived, derived};
use crate::ir::{
    ApiVersionPolicy, Client, Decoded, FinalStateVia, Lro, Media, MethodKind, NextPage, Operation,
    Paging, Param, ParamLocation, Reply, TypeRef,
};

/// The public method(s) of an operation.
pub(super) fn methods(client: &Client, op: &Operation) -> Vec<TokenStream> {
    let sig = Signature::of(op);
    match &op.kind {
        MethodKind::Plain(reply) if reply.body.is_download(reply.headers.is_some()) => {
            vec![plain(op, &sig, reply), download(op, &sig)]
        }
        MethodKind::Plain(reply) => vec![plain(op, &sig, reply)],
        MethodKind::Exists { not_found_is_false } => vec![exists(op, &sig, *not_found_is_false)],
        MethodKind::Pager(paging) => vec![pager(client, op, &sig, paging)],
        MethodKind::LongRunning { lro, result } => long_running(op, &sig, lro, result),
        MethodKind::PagedLongRunning { lro, paging } => {
            paged_long_running(client, op, &sig, lro, paging)
        }
    }
}

/// What a method takes, and how it hands it to the request builder.
struct Signature {
    /// `name: Type` of the parameters, the body and the groups, in order.
    params: Vec<TokenStream>,
    /// `options: Option<XOptions>`, when the operation has options.
    options: TokenStream,
    /// Statements before the request is built (defaults for unset options and groups).
    prelude: TokenStream,
    /// The builder's arguments.
    call: Vec<TokenStream>,
    /// `#[allow(clippy::too_many_arguments)]` where the method needs it.
    many: TokenStream,
    /// The request builder's name.
    builder: proc_macro2::Ident,
    /// The operation's documentation.
    doc: TokenStream,
    /// The `# Arguments` section of its documentation.
    arguments: TokenStream,
    /// The success statuses.
    codes: Vec<Literal>,
}

impl Signature {
    fn of(op: &Operation) -> Self {
        let mut params = Vec::new();
        let mut call = Vec::new();
        for p in positional(op) {
            let (n, t) = (format_ident!("{}", p.name), arg_type(p));
            params.push(quote! { #n: #t });
            call.push(quote! { #n });
        }
        if let Some((b, required)) = passed_body(op) {
            let (n, t) = (format_ident!("{}", b.name), body_type(b, required));
            params.push(quote! { #n: #t });
            call.push(quote! { #n });
        }
        // Groups: a required one is borrowed; an optional one may be `None` (all fields unset).
        let mut lets = Vec::new();
        for g in &op.groups {
            let (arg, ty) = (format_ident!("{}", g.arg), format_ident!("{}", g.ty));
            if g.required {
                params.push(quote! { #arg: &#ty });
                call.push(quote! { #arg });
            } else {
                params.push(quote! { #arg: Option<&#ty> });
                lets.push(quote! { let #arg = #arg.cloned().unwrap_or_default(); });
                call.push(quote! { &#arg });
            }
        }
        let (options, prelude) = match &op.options {
            Some(o) => {
                let o = format_ident!("{}", o);
                call.push(quote! { &options });
                (
                    quote! { options: Option<#o> },
                    quote! { #(#lets)* let options = options.unwrap_or_default(); },
                )
            }
            None => (TokenStream::new(), quote! { #(#lets)* }),
        };
        let many = too_many(params.len() + usize::from(op.options.is_some()));
        Self {
            params,
            options,
            prelude,
            call,
            many,
            builder: format_ident!("{}", derived(&op.name, Derived::Builder)),
            doc: {
                let doc = doc_attrs(op.doc.as_deref().or(Some(&op.operation_id)));
                if op.api_versions.is_empty() {
                    doc
                } else {
                    let only = format!(
                        " In api-version {} only (see `API_VERSIONS`).",
                        op.api_versions.join(", ")
                    );
                    quote! { #doc #[doc = ""] #[doc = #only] }
                }
            },
            arguments: arguments_doc(op),
            codes: status_literals(&op.success),
        }
    }
}

/// The `# Arguments` section of a method's docs: each argument, as the spec describes it.
fn arguments_doc(op: &Operation) -> TokenStream {
    let describe = |doc: Option<&str>, fallback: String| match doc.map(str::trim) {
        Some(d) if !d.is_empty() => sanitize_line(d),
        _ => fallback,
    };
    let mut lines = Vec::new();
    for p in positional(op) {
        let wire = code_span(&p.wire_name);
        let fallback = match &p.location {
            ParamLocation::Path => format!("The path parameter {wire}."),
            ParamLocation::Query => format!("The query parameter {wire}."),
            ParamLocation::Header => format!("The header {wire}."),
            ParamLocation::BodyField { .. } => format!("The body's {wire} property."),
            ParamLocation::Form(_) => format!("The form field {wire}."),
        };
        lines.push((p.name.clone(), describe(p.doc.as_deref(), fallback)));
    }
    if let Some((b, required)) = passed_body(op) {
        let fallback = match required {
            true => "The request body.".to_owned(),
            false => "The request body, if any.".to_owned(),
        };
        lines.push((b.name.clone(), describe(b.doc.as_deref(), fallback)));
    }
    for g in &op.groups {
        let unset = if g.required {
            ""
        } else {
            "; `None` leaves them unset"
        };
        lines.push((
            g.arg.clone(),
            format!("Parameters the spec groups together ([`{}`]){unset}.", g.ty),
        ));
    }
    if let Some(o) = &op.options {
        lines.push((
            "options".into(),
            format!("Optional parameters ([`{o}`]); `None` leaves them all unset."),
        ));
    }
    if lines.is_empty() {
        return TokenStream::new();
    }
    let mut text = String::from("\n# Arguments\n");
    for (name, description) in lines {
        text.push_str(&format!("\n* `{name}` - {description}"));
    }
    line_attrs(&text)
}

/// `#[allow(clippy::too_many_arguments)]` for a function of more than six arguments.
pub(super) fn too_many(args: usize) -> TokenStream {
    if args > 6 {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        TokenStream::new()
    }
}

fn status_literals(codes: &[u16]) -> Vec<Literal> {
    codes.iter().map(|c| Literal::u16_unsuffixed(*c)).collect()
}

/// A plain call: the decoded body, the declared headers, both, or `()`.
fn plain(op: &Operation, sig: &Signature, reply: &Reply) -> TokenStream {
    let Signature {
        params,
        options,
        prelude,
        call,
        many,
        builder,
        doc,
        ..
    } = sig;
    let expect = expect(op, sig);
    let unit = reply.body.ty == TypeRef::Unit;
    let decode = decode(&reply.body);
    let headers = reply.headers.as_ref().map(|h| format_ident!("{}", h.name));
    let finish = match (&headers, unit) {
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
    let body = result_type(&reply.body);
    // Operations that declare response headers return them too.
    let result = match (&headers, unit) {
        (None, _) => body,
        (Some(h), true) => quote! { #h },
        (Some(h), false) => quote! { (#body, #h) },
    };
    let name = format_ident!("{}", op.name);
    let error_doc = error_doc(op);
    let arguments = &sig.arguments;
    quote! {
        #doc
        #error_doc
        #arguments
        #many
        pub async fn #name(&self, #(#params,)* #options) -> restgen_runtime::Result<#result> {
            #prelude
            let request = self.#builder(#(#call),*)?;
            #finish
        }
    }
}

/// A download's body as it arrives: `name_stream`, beside `name` which reads it whole.
fn download(op: &Operation, sig: &Signature) -> TokenStream {
    let Signature {
        params,
        options,
        prelude,
        call,
        many,
        builder,
        doc,
        codes,
        ..
    } = sig;
    let decoder = match &op.errors {
        Some(e) => {
            let decoder = format_ident!("{}", e.decoder);
            quote! { #decoder }
        }
        None => quote! { |_, _| None },
    };
    let name = format_ident!("{}", derived(&op.name, Derived::Stream));
    let whole = format_ident!("{}", op.name);
    let see = format!(
        " The body as it arrives, chunk by chunk: nothing is buffered, so a download of any size \
         passes through in flat memory (the limit of [`Self::{whole}`], which reads it whole, \
         does not apply). An error's body is read, within `ResponseLimits::max_error_size`."
    );
    let error_doc = error_doc(op);
    let arguments = &sig.arguments;
    quote! {
        #doc
        ///
        #[doc = #see]
        #error_doc
        #arguments
        #many
        pub async fn #name(&self, #(#params,)* #options) -> restgen_runtime::Result<restgen_runtime::ByteStream> {
            #prelude
            let request = self.#builder(#(#call),*)?;
            let limit = self.pipeline.response_limits().max_error_size;
            let response = self.pipeline.send_streamed(request).await?;
            let response = response.expect_status_or_model(&[#(#codes),*], limit, #decoder).await?;
            Ok(response.into_body())
        }
    }
}

/// A HEAD existence check: `true` on success; a declared 404 is `false`.
fn exists(op: &Operation, sig: &Signature, not_found_is_false: bool) -> TokenStream {
    let Signature {
        params,
        options,
        prelude,
        call,
        many,
        builder,
        doc,
        ..
    } = sig;
    let expect = expect(op, sig);
    let not_found = not_found_is_false.then(|| {
        quote! {
            if response.status() == 404 {
                return Ok(false);
            }
        }
    });
    let name = format_ident!("{}", op.name);
    let error_doc = error_doc(op);
    let arguments = &sig.arguments;
    quote! {
        #doc
        ///
        /// Returns whether the resource exists.
        #error_doc
        #arguments
        #many
        pub async fn #name(&self, #(#params,)* #options) -> restgen_runtime::Result<bool> {
            #prelude
            let request = self.#builder(#(#call),*)?;
            let response = self.pipeline.send(request).await?;
            #not_found
            response.#expect?;
            Ok(true)
        }
    }
}

/// `expect_status(..)`, or `expect_status_or_model(..)` where the spec declares error bodies.
fn expect(op: &Operation, sig: &Signature) -> TokenStream {
    let codes = &sig.codes;
    match &op.errors {
        Some(e) => {
            let decoder = format_ident!("{}", e.decoder);
            quote! { expect_status_or_model(&[#(#codes),*], #decoder) }
        }
        None => quote! { expect_status(&[#(#codes),*]) },
    }
}

/// How a success body is read: bytes or text as they came, JSON in its wire format where it
/// has one (dates, bytes, inside arrays too), else serde's own.
fn decode(body: &Decoded) -> TokenStream {
    match body.media {
        Media::Binary => quote! { Ok(response.body().clone()) },
        Media::Text | Media::Form => quote! { response.text() },
        Media::Xml if body.ty == TypeRef::Unit => quote! { Ok(()) },
        Media::Xml => match &body.xml {
            Some(root) => super::xml::decode(&body.ty, root, body.optional),
            None => quote! { response.json() },
        },
        Media::Json => match wire_format(&json_result(body)) {
            Some(format) => quote! { response.json_as::<#format, _>() },
            None => quote! { response.json() },
        },
    }
}

/// The type a JSON result is read as: an `Option` when it may be absent.
fn json_result(body: &Decoded) -> TypeRef {
    if body.optional && body.ty != TypeRef::Unit {
        TypeRef::Nullable(Box::new(body.ty.clone()))
    } else {
        body.ty.clone()
    }
}

/// The Rust type of a result.
fn result_type(body: &Decoded) -> TokenStream {
    match body.media {
        Media::Binary => quote! { restgen_runtime::Bytes },
        Media::Text | Media::Form => quote! { String },
        Media::Json | Media::Xml => rust_type(&json_result(body)),
    }
}

/// A pageable operation: a `Pager` over its items.
fn pager(client: &Client, op: &Operation, sig: &Signature, paging: &Paging) -> TokenStream {
    let Signature {
        params,
        options,
        prelude,
        call,
        many,
        builder,
        doc,
        arguments,
        codes,
    } = sig;
    let item = rust_type(&paging.item);
    let page = format_ident!("{}", paging.page_model);
    let next = next_page(client, op, paging);
    let name = format_ident!("{}", op.name);
    quote! {
        #doc
        ///
        /// Returns a `Pager`: a stream of items that fetches pages as it goes.
        #arguments
        #many
        pub fn #name(&self, #(#params,)* #options) -> restgen_runtime::Pager<#item> {
            #prelude
            match self.#builder(#(#call),*) {
                Ok(request) => restgen_runtime::Pager::new::<#page>(self.pipeline.clone(), request, &[#(#codes),*], #next),
                Err(error) => restgen_runtime::Pager::failed(error),
            }
        }
    }
}

/// How a pager requests its next page.
fn next_page(client: &Client, op: &Operation, paging: &Paging) -> TokenStream {
    match &paging.next {
        NextPage::OnePage => quote! { restgen_runtime::NextPage::None },
        NextPage::Link(policy) => {
            let version = quote! { self.pipeline.api_version(Self::API_VERSION).to_owned() };
            let policy = match policy {
                ApiVersionPolicy::Append => {
                    quote! { restgen_runtime::ApiVersionPolicy::Append(#version) }
                }
                ApiVersionPolicy::Replace => {
                    quote! { restgen_runtime::ApiVersionPolicy::Replace(#version) }
                }
                ApiVersionPolicy::Keep => quote! { restgen_runtime::ApiVersionPolicy::Keep },
            };
            quote! { restgen_runtime::NextPage::Link(#policy) }
        }
        NextPage::Operation { method } => next_operation(client, op, method),
    }
}

/// `NextPage::Operation` calling another operation's request builder: parameters it shares
/// with this one are carried over; the remaining one receives the next link.
fn next_operation(client: &Client, op: &Operation, next_name: &str) -> TokenStream {
    let Some(next) = client.operations.iter().find(|o| o.name == next_name) else {
        return quote! { restgen_runtime::NextPage::Link(restgen_runtime::ApiVersionPolicy::Keep) };
    };
    let mut captures = Vec::new();
    let mut pass = Vec::new();
    let mut uses_link = false;
    let mine: Vec<&Param> = positional(op).collect();
    for p in positional(next) {
        match mine.iter().find(|c| c.wire_name == p.wire_name) {
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
            restgen_runtime::NextPage::Operation(std::sync::Arc::new(move |#link_arg: &str| {
                client.#builder(#(#pass,)* #(#groups)* #options)
            }))
        }
    }
}

/// `Some(FinalStateVia::..)`, or `None`.
fn final_state_via(lro: &Lro) -> TokenStream {
    match lro.final_state_via {
        Some(FinalStateVia::AzureAsyncOperation) => {
            quote! { Some(restgen_runtime::FinalStateVia::AzureAsyncOperation) }
        }
        Some(FinalStateVia::Location) => quote! { Some(restgen_runtime::FinalStateVia::Location) },
        Some(FinalStateVia::OriginalUri) => {
            quote! { Some(restgen_runtime::FinalStateVia::OriginalUri) }
        }
        Some(FinalStateVia::OperationLocation) => {
            quote! { Some(restgen_runtime::FinalStateVia::OperationLocation) }
        }
        None => quote! { None },
    }
}

/// `begin_x`, starting the operation with `start` (given the built `request`), and
/// `resume_x`, continuing it from a token with `resumed`.
fn lro_methods(
    op: &Operation,
    sig: &Signature,
    result: TokenStream,
    about: &str,
    (start, resumed): (TokenStream, TokenStream),
) -> Vec<TokenStream> {
    let Signature {
        params,
        options,
        prelude,
        call,
        many,
        builder,
        doc,
        arguments,
        ..
    } = sig;
    let begin = format_ident!("{}", derived(&op.name, Derived::Begin));
    let resume = format_ident!("{}", derived(&op.name, Derived::Resume));
    let resume_doc = format!(
        " Continues a `{begin}` operation from a resume token, in this or another process."
    );
    vec![
        quote! {
            #doc
            ///
            #[doc = #about]
            #arguments
            #many
            pub fn #begin(&self, #(#params,)* #options) -> restgen_runtime::Poller<#result> {
                #prelude
                match self.#builder(#(#call),*) {
                    Ok(request) => #start,
                    Err(error) => restgen_runtime::Poller::failed(error),
                }
            }
        },
        quote! {
            #[doc = #resume_doc]
            pub fn #resume(&self, resume_token: &str) -> restgen_runtime::Result<restgen_runtime::Poller<#result>> {
                #resumed
            }
        },
    ]
}

/// How the operation's poller reads it, from its spec: `final-state-via`, the first call's
/// statuses and error model, and what its statuses mean when they are not the ARM words.
fn lro_spec(op: &Operation, lro: &Lro, outcome: bool) -> TokenStream {
    let via = final_state_via(lro);
    let codes = status_literals(&op.success);
    let errors = match &op.errors {
        Some(e) => {
            let decoder = format_ident!("{}", e.decoder);
            quote! { Some(#decoder) }
        }
        None => quote! { None },
    };
    let lifecycle = match &lro.lifecycle {
        None => quote! { restgen_runtime::Lifecycle::default() },
        Some(l) => {
            let pointer = match &l.status_pointer {
                Some(p) => quote! { Some(#p) },
                None => quote! { None },
            };
            let (s, f, c) = (&l.succeeded, &l.failed, &l.canceled);
            quote! {
                restgen_runtime::Lifecycle::new(#pointer, &[#(#s),*], &[#(#f),*], &[#(#c),*])
            }
        }
    };
    quote! {
        restgen_runtime::LroSpec {
            final_state_via: #via,
            lifecycle: #lifecycle,
            initial: &[#(#codes),*],
            errors: #errors,
            outcome: #outcome,
        }
    }
}

/// A long-running operation.
fn long_running(op: &Operation, sig: &Signature, lro: &Lro, result: &Decoded) -> Vec<TokenStream> {
    // An operation declaring no result still ends with its links, ids and last body.
    let outcome = result.ty == TypeRef::Unit;
    let spec = lro_spec(op, lro, outcome);
    // A result declared only on the 202 may not come at all: `None` then.
    let ty = if outcome {
        quote! { restgen_runtime::LroOutcome }
    } else {
        result_type(result)
    };
    // A result in a special format is polled in its wire format, then unwrapped.
    let calls = match wire_format(&json_result(result)) {
        None => (
            quote! { restgen_runtime::Poller::with_spec(self.pipeline.clone(), request, #spec) },
            quote! { restgen_runtime::Poller::resume(self.pipeline.clone(), resume_token) },
        ),
        Some(format) => {
            let parsed = quote! { restgen_runtime::wire::format::Parsed<#format, #ty> };
            let unwrap = quote! { restgen_runtime::wire::format::Parsed::into_inner };
            (
                quote! {
                    restgen_runtime::Poller::<#parsed>::with_spec(self.pipeline.clone(), request, #spec)
                        .map(#unwrap)
                },
                quote! {
                    Ok(restgen_runtime::Poller::<#parsed>::resume(self.pipeline.clone(), resume_token)?
                        .map(#unwrap))
                },
            )
        }
    };
    lro_methods(
        op,
        sig,
        ty,
        " Starts a long-running operation: await the `Poller` for its result, or stream its status.",
        calls,
    )
}

/// A long-running operation whose result is the first page of a list: the poller's result is
/// a `Pager` going on from it (next pages are plain GETs, answered 200).
fn paged_long_running(
    client: &Client,
    op: &Operation,
    sig: &Signature,
    lro: &Lro,
    paging: &Paging,
) -> Vec<TokenStream> {
    let spec = lro_spec(op, lro, false);
    let item = rust_type(&paging.item);
    let page = format_ident!("{}", paging.page_model);
    let next = next_page(client, op, paging);
    let mut page_codes = op.success.clone();
    if !page_codes.contains(&200) {
        page_codes.insert(0, 200);
    }
    let codes = status_literals(&page_codes);
    let pager = quote! {
        restgen_runtime::Pager::from_first_page(pipeline, first, template, &[#(#codes),*], next)
    };
    lro_methods(
        op,
        sig,
        quote! { restgen_runtime::Pager<#item> },
        " Starts a long-running operation whose result is pageable: await the `Poller` for a `Pager` over the items, or stream its status.",
        (
            quote! {{
                let pipeline = self.pipeline.clone();
                let next = #next;
                let template = request.clone();
                restgen_runtime::Poller::<#page>::with_spec(self.pipeline.clone(), request, #spec)
                    .map(move |first| #pager)
            }},
            quote! {
                let pipeline = self.pipeline.clone();
                let next = #next;
                let template = self.pipeline.request(restgen_runtime::Method::GET, "");
                Ok(restgen_runtime::Poller::<#page>::resume(self.pipeline.clone(), resume_token)?
                    .map(move |first| #pager))
            },
        ),
    )
}

/// A rustdoc link to the public method of an operation (`begin_x` for a long-running one).
pub(super) fn method_link(client: &Client, op: &Operation) -> String {
    let method = match op.kind {
        MethodKind::LongRunning { .. } | MethodKind::PagedLongRunning { .. } => {
            derived(&op.name, Derived::Begin)
        }
        _ => op.name.clone(),
    };
    format!("[`{}::{method}`]", client.name)
}
