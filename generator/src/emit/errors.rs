//! Error bodies as the spec declares them: one private function per distinct set of error
//! types, decoding a body into the `ErrorModel` that `Error::model` reads; and the line of a
//! method's docs that names them.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::types::{path_text, rust_type};
use crate::ir::{Api, ErrorDecoder, ErrorStatus, Operation, TypeRef};

/// The function decoding error bodies as the declared types: by status where they differ,
/// else the `default` response's type.
pub(super) fn decoder(api: &Api, d: &ErrorDecoder) -> TokenStream {
    let name = format_ident!("{}", d.name);
    // A model XML bodies reach is read from XML when the body is not JSON.
    let xml = |ty: &TypeRef| match ty {
        TypeRef::Model(m) => api
            .models
            .iter()
            .any(|model| &model.name == m && model.xml.is_some()),
        _ => false,
    };
    let decode = |ty: &TypeRef| {
        let t = rust_type(ty);
        match xml(ty) {
            true => quote! {
                restgen_runtime::ErrorModel::decode::<#t>(body)
                    .or_else(|| restgen_runtime::ErrorModel::decode_xml::<#t>(body))
            },
            false => quote! { restgen_runtime::ErrorModel::decode::<#t>(body) },
        }
    };
    match (&d.default, d.by_status.as_slice()) {
        (Some(ty), []) => {
            let doc = format!(
                " Decodes an error body as `{}`, the type the spec declares for errors.",
                type_text(ty)
            );
            let decode = decode(ty);
            quote! {
                #[doc = #doc]
                fn #name(_status: u16, body: &[u8]) -> Option<restgen_runtime::ErrorModel> {
                    #decode
                }
            }
        }
        (default, by_status) => {
            let arms = by_status.iter().map(|(s, ty)| {
                let pattern = match *s {
                    ErrorStatus::Code(code) => {
                        let code = Literal::u16_unsuffixed(code);
                        quote! { #code }
                    }
                    ErrorStatus::Class(class) => {
                        let (low, high) = (
                            Literal::u16_unsuffixed(class * 100),
                            Literal::u16_unsuffixed(class * 100 + 99),
                        );
                        quote! { #low..=#high }
                    }
                };
                let decode = decode(ty);
                quote! { #pattern => #decode, }
            });
            let fallback = match default {
                Some(ty) => decode(ty),
                None => quote! { None },
            };
            quote! {
                /// Decodes an error body as the type the spec declares for its status.
                fn #name(status: u16, body: &[u8]) -> Option<restgen_runtime::ErrorModel> {
                    match status {
                        #(#arms)*
                        _ => #fallback,
                    }
                }
            }
        }
    }
}

/// The line of a method's docs naming its error types, when the spec declares any.
pub(super) fn error_doc(op: &Operation) -> Option<TokenStream> {
    let errors = op.errors.as_ref()?;
    let mut list: Vec<String> = errors
        .by_status
        .iter()
        .map(|(s, ty)| format!("{s}: `{}`", type_text(ty)))
        .collect();
    if let Some(ty) = &errors.default {
        list.push(match list.is_empty() {
            true => format!("`{}`", type_text(ty)),
            false => format!("any other status: `{}`", type_text(ty)),
        });
    }
    let text = format!(
        " Errors carry their body as the type the spec declares, read with `Error::model`: {}.",
        list.join(", ")
    );
    Some(quote! {
        ///
        #[doc = #text]
    })
}

/// A type as written in generated code, without spaces (`Vec<String>`).
fn type_text(ty: &TypeRef) -> String {
    path_text(&rust_type(ty))
}
