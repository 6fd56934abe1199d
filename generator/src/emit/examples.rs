//! The check of a generated crate against its specs' `x-ms-examples`: a test per API module that
//! calls each operation with its examples' parameters over loopback, checks the request it
//! sends, and reads the example's response back (`restgen_runtime::testing::examples`).
//!
//! Generated tests rather than a `restgen` subcommand: the check has to call the generated
//! client itself, which only the compiler can build, and as tests it runs with `cargo test`
//! beside the crate's own, on every machine that builds the crate.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::arguments::{by_ref, optional, passed_body, positional};
use super::types::{rust_type, wire_format};
use crate::ir::names::{Derived, derived};
use crate::ir::{
    Api, BodyContent, BodySource, Decoded, Endpoint, Media, MethodKind, Operation, Param,
    ParamLocation, TypeRef,
};

/// The test file's items for the modules that have examples; `None` when none has.
pub(super) fn module_checks(
    krate: &str,
    modules: &[(&str, Option<&str>, &Api)],
) -> Option<TokenStream> {
    let krate = format_ident!("{}", krate.replace('-', "_"));
    let mut modules_out = Vec::new();
    for (module, feature, api) in modules {
        let examples: usize = api.client.operations.iter().map(|o| o.examples.len()).sum();
        if examples == 0 {
            continue;
        }
        // A module behind a feature is checked when the feature compiles it in.
        let cfg = feature.map(|f| quote! { #[cfg(feature = #f)] });
        let module_ident = format_ident!("{}", module);
        let mut steps = Vec::new();
        let mut functions = Vec::new();
        for op in &api.client.operations {
            for (i, example) in op.examples.iter().enumerate() {
                let (op_id, title) = (&op.operation_id, &example.title);
                match check(api, op, i) {
                    Ok((name, function)) => {
                        functions.push(function);
                        steps.push(quote! {
                            report.record(#op_id, #title, #name().await);
                        });
                    }
                    Err(why) => steps.push(quote! { report.skip(#op_id, #title, #why); }),
                }
            }
        }
        let doc = format!(" The examples of `{module}`'s operations.");
        let test_doc = format!(" Every example of `{module}`, with a report of what passed.");
        modules_out.push(quote! {
            #[doc = #doc]
            #cfg
            mod #module_ident {
                use super::*;
                use #krate::#module_ident::*;

                #[doc = #test_doc]
                #[tokio::test]
                async fn examples() {
                    let mut report = restgen_runtime::testing::examples::Report::new(#module);
                    #(#steps)*
                    report.finish();
                }

                #(#functions)*
            }
        });
    }
    if modules_out.is_empty() {
        return None;
    }
    Some(quote! { #(#modules_out)* })
}

/// One example's check: its function's name and the function; or why it cannot run.
fn check(
    api: &Api,
    op: &Operation,
    index: usize,
) -> Result<(proc_macro2::Ident, TokenStream), &'static str> {
    let client = &api.client;
    if !matches!(client.endpoint, Endpoint::Url { .. }) {
        return Err("the client's endpoint is a template of its own arguments");
    }
    if client.params.iter().any(|p| p.required) {
        return Err("the client takes required arguments of its own");
    }
    if !op.groups.is_empty() {
        return Err("the operation takes parameter groups");
    }
    let example = &op.examples[index];
    let name = format_ident!("{}_{}", op.name.trim_end_matches('_'), index);
    let (title, json) = (&example.title, &example.json);
    let client_ident = format_ident!("{}", client.name);

    let body_wire = op.body.as_ref().map(|b| b.wire_name.as_str()).unwrap_or("");
    let mut lets = Vec::new();
    let mut args = Vec::new();
    for p in positional(op) {
        let v = format_ident!("arg_{}", p.name);
        let read = read_param(p, body_wire, true);
        lets.push(quote! { let #v = #read; });
        args.push(if is_field(p) || !by_ref(&p.ty) {
            quote! { #v }
        } else {
            quote! { &#v }
        });
    }
    let mut json_body = None;
    let mut sent_body = None;
    if let Some((body, required)) = passed_body(op) {
        let media = body.content.one().map(|m| m.media);
        if matches!(body.content, BodyContent::Choice { .. }) || media != Some(Media::Json) {
            return Err("the body is not JSON");
        }
        let ty = rust_type(&body.ty);
        let wire = &body.wire_name;
        let read = read_value(&body.ty, wire, None, required);
        lets.push(quote! { let body = #read; });
        let value = match wire_format(&body.ty) {
            Some(f) if required => {
                quote! { &restgen_runtime::wire::format::Formatted::<#f, #ty>::new(&body) }
            }
            Some(_) => return Err("an optional body with a wire format of its own"),
            None => quote! { &body },
        };
        sent_body = Some(quote! { served.check_sent_body(&example, #wire, #value)?; });
        let deref = matches!(
            body.ty,
            TypeRef::String | TypeRef::Vec(_) | TypeRef::Bytes | TypeRef::Base64Url
        );
        args.push(match (required, deref) {
            (true, _) => quote! { &body },
            (false, true) => quote! { body.as_deref() },
            (false, false) => quote! { body.as_ref() },
        });
    }
    if op
        .body
        .as_ref()
        .is_some_and(|b| b.source == BodySource::Flattened)
    {
        json_body = Some(body_wire.to_owned());
    }
    if let Some(options) = &op.options {
        let options_ty = format_ident!("{}", options);
        // Every field of the options struct is an optional parameter: all are listed.
        let fields = optional(op).map(|(p, _)| {
            let field = format_ident!("{}", p.name);
            let read = read_param(p, body_wire, false);
            quote! { #field: #read, }
        });
        lets.push(quote! {
            let options = #options_ty { #(#fields)* };
        });
        args.push(quote! { Some(options) });
    }

    let method = op.method.as_str();
    let path = &op.path;
    let wire_names = |location: fn(&ParamLocation) -> bool| -> Vec<String> {
        op.params
            .iter()
            .filter(|p| location(&p.location))
            .map(|p| p.wire_name.clone())
            .collect()
    };
    let query = wire_names(|l| *l == ParamLocation::Query);
    let headers = wire_names(|l| *l == ParamLocation::Header);
    let body_expected = match &json_body {
        Some(w) => quote! { Some(#w) },
        None => quote! { None },
    };
    let expected = quote! {
        restgen_runtime::testing::examples::Expected {
            method: #method,
            path: #path,
            query: &[#(#query),*],
            headers: &[#(#headers),*],
            body: #body_expected,
        }
    };
    let call = call_and_check(op, &args, sent_body.unwrap_or_default())?;
    let doc = format!(" `{}`, example `{title}`.", op.operation_id);
    let function = quote! {
        #[doc = #doc]
        async fn #name() -> Result<(), restgen_runtime::testing::examples::Mismatch> {
            let example = restgen_runtime::testing::examples::Example::parse(#title, #json)?;
            let served = example.serve().await;
            let client = #client_ident::new(
                &served.url(),
                restgen_runtime::Credential::Anonymous,
                served.options(),
            )?;
            let expected = #expected;
            #(#lets)*
            #call
            Ok(())
        }
    };
    Ok((name, function))
}

/// The call, then the request's check, then the result's.
fn call_and_check(
    op: &Operation,
    args: &[TokenStream],
    sent_body: TokenStream,
) -> Result<TokenStream, &'static str> {
    let check_request = quote! {
        served.check_request(&example, &expected)?;
        #sent_body
    };
    Ok(match &op.kind {
        MethodKind::Plain(reply) => {
            let m = format_ident!("{}", op.name);
            match (&reply.headers, result_check(&reply.body)) {
                (_, None) => quote! {
                    client.#m(#(#args),*).await?;
                    #check_request
                },
                (headers, Some(check)) => {
                    let check = if headers.is_some() {
                        check(quote! { &result.0 })
                    } else {
                        check(quote! { &result })
                    };
                    quote! {
                        let result = client.#m(#(#args),*).await?;
                        #check_request
                        #check
                    }
                }
            }
        }
        MethodKind::Exists { .. } => {
            let m = format_ident!("{}", op.name);
            quote! {
                client.#m(#(#args),*).await?;
                #check_request
            }
        }
        MethodKind::Pager(paging) => {
            let m = format_ident!("{}", op.name);
            let items = &paging.item_name;
            if wire_format(&paging.item).is_some() {
                return Err("the items have a wire format of their own");
            }
            quote! {
                served.check_items(client.#m(#(#args),*), #items).await?;
                #check_request
            }
        }
        MethodKind::LongRunning { result, .. } => {
            let m = format_ident!("{}", derived(&op.name, Derived::Begin));
            match result_check(result) {
                None => quote! {
                    client.#m(#(#args),*).await?;
                    #check_request
                },
                Some(check) => {
                    let check = check(quote! { &result });
                    quote! {
                        let result = client.#m(#(#args),*).await?;
                        #check_request
                        #check
                    }
                }
            }
        }
        MethodKind::PagedLongRunning { .. } => {
            return Err("a long-running operation whose result pages");
        }
    })
}

/// How a result of this body is checked, given the expression of a reference to it.
fn result_check(body: &Decoded) -> Option<impl Fn(TokenStream) -> TokenStream> {
    if body.ty == TypeRef::Unit || body.media != Media::Json {
        return None;
    }
    let ty = if body.optional {
        TypeRef::Nullable(Box::new(body.ty.clone()))
    } else {
        body.ty.clone()
    };
    let format = wire_format(&ty);
    let rust = rust_type(&ty);
    Some(move |value: TokenStream| match &format {
        Some(f) => quote! {
            served.check_result(
                &restgen_runtime::wire::format::Formatted::<#f, #rust>::new(#value),
            )?;
        },
        None => quote! { served.check_result(#value)?; },
    })
}

/// Whether the parameter is a property of a flattened body.
fn is_field(p: &Param) -> bool {
    matches!(p.location, ParamLocation::BodyField { .. })
}

/// Reading a parameter's value from the example: required or optional (an options field), from
/// the parameters or from the flattened body's properties, through its wire format if it has one.
fn read_param(p: &Param, body_wire: &str, required: bool) -> TokenStream {
    let body = is_field(p).then_some(body_wire);
    read_value(&p.ty, &p.wire_name, body, required)
}

/// Reading a value of `ty` named `wire` from the example's parameters (or from the properties
/// of the body parameter `body`), through its wire format if it has one.
fn read_value(ty: &TypeRef, wire: &str, body: Option<&str>, required: bool) -> TokenStream {
    let rust = rust_type(ty);
    let format = wire_format(ty);
    let read_ty = match &format {
        Some(f) => quote! { restgen_runtime::wire::format::Parsed<#f, #rust> },
        None => rust,
    };
    let read = match (body, required) {
        (Some(body), true) => quote! { example.field::<#read_ty>(#body, #wire)? },
        (Some(body), false) => quote! { example.optional_field::<#read_ty>(#body, #wire)? },
        (None, true) => quote! { example.param::<#read_ty>(#wire)? },
        (None, false) => quote! { example.optional::<#read_ty>(#wire)? },
    };
    match (format.is_some(), required) {
        (false, _) => read,
        (true, true) => quote! { #read.into_inner() },
        (true, false) => quote! { #read.map(restgen_runtime::wire::format::Parsed::into_inner) },
    }
}
