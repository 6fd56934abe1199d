//! Enums: extensible ones keep unknown values; closed ones refuse them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{described, doc_attrs};
use crate::ir::{Api, Enum, EnumKind};

pub(super) fn emit(api: &Api) -> TokenStream {
    let items = api.enums.iter().map(|e| match e.kind {
        EnumKind::Integer | EnumKind::Number => numeric(e),
        EnumKind::String if e.extensible => extensible(e),
        EnumKind::String => closed(e),
    });
    quote! { #(#items)* }
}

/// An integer or number enum: a Rust enum over `i64` or `f64` values, serialized as numbers.
/// An extensible one keeps unknown values; a closed one refuses them.
fn numeric(e: &Enum) -> TokenStream {
    let name = format_ident!("{}", e.name);
    let name_text = &e.name;
    let doc = doc_attrs(e.doc.as_deref());
    let float = e.kind == EnumKind::Number;
    let (prim, serialize, ty_name) = if float {
        (quote! { f64 }, quote! { serialize_f64 }, "f64")
    } else {
        (quote! { i64 }, quote! { serialize_i64 }, "i64")
    };
    // Wire values as literals; a value that is not a number of the kind is left out.
    let values: Vec<(proc_macro2::Ident, proc_macro2::Literal, TokenStream)> = e
        .values
        .iter()
        .filter_map(|v| {
            let literal = if float {
                proc_macro2::Literal::f64_unsuffixed(v.value.parse::<f64>().ok()?)
            } else {
                proc_macro2::Literal::i64_unsuffixed(v.value.parse::<i64>().ok()?)
            };
            Some((
                format_ident!("{}", v.name),
                literal,
                described(v.doc.as_deref(), &v.value, None),
            ))
        })
        .collect();
    let variants = values.iter().map(|(ident, _, d)| quote! { #d #ident, });
    let to_value = values
        .iter()
        .map(|(ident, lit, _)| quote! { Self::#ident => #lit, });
    let derives = if float {
        quote! { #[derive(Clone, Copy, Debug, PartialEq, PartialOrd)] }
    } else {
        quote! { #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)] }
    };
    // Floats are matched by comparison, integers by pattern.
    // `wrap` turns a variant into what the function returns (`Self` or `Ok(Self)`).
    let known = |wrap: &dyn Fn(TokenStream) -> TokenStream, unknown: TokenStream| {
        if float {
            let checks = values.iter().map(|(ident, lit, _)| {
                let v = wrap(quote! { Self::#ident });
                quote! { if value == #lit { return #v; } }
            });
            quote! { #(#checks)* #unknown }
        } else {
            let arms = values.iter().map(|(ident, lit, _)| {
                let v = wrap(quote! { Self::#ident });
                quote! { #lit => #v, }
            });
            quote! { match value { #(#arms)* _ => #unknown } }
        }
    };
    let doc_text = format!(" The `{ty_name}` as sent on the wire.");
    let common = quote! {
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.#serialize(self.value())
            }
        }
    };
    if e.extensible {
        let from = known(&|v| v, quote! { Self::UnknownValue(value) });
        return quote! {
            #doc
            ///
            /// Values this version of the crate does not know are kept as `UnknownValue`.
            #derives
            pub enum #name {
                #(#variants)*
                /// A value the service sent that this version of the crate does not know.
                UnknownValue(#prim),
            }

            impl #name {
                #[doc = #doc_text]
                pub fn value(&self) -> #prim {
                    match self {
                        #(#to_value)*
                        Self::UnknownValue(other) => *other,
                    }
                }
            }

            impl From<#prim> for #name {
                fn from(value: #prim) -> Self {
                    #from
                }
            }

            impl std::str::FromStr for #name {
                type Err = restgen_runtime::wire::UnknownEnumValue;
                fn from_str(value: &str) -> Result<Self, Self::Err> {
                    value.trim().parse::<#prim>().map(Self::from).map_err(|_| {
                        restgen_runtime::wire::UnknownEnumValue {
                            enum_name: #name_text,
                            value: value.to_owned(),
                        }
                    })
                }
            }

            #common

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    Ok(Self::from(<#prim as serde::Deserialize>::deserialize(deserializer)?))
                }
            }
        };
    }
    let try_from = known(
        &|v| quote! { Ok(#v) },
        quote! {
            Err(restgen_runtime::wire::UnknownEnumValue {
                enum_name: #name_text,
                value: value.to_string(),
            })
        },
    );
    quote! {
        #doc
        #derives
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            #[doc = #doc_text]
            pub fn value(&self) -> #prim {
                match self {
                    #(#to_value)*
                }
            }
        }

        impl TryFrom<#prim> for #name {
            type Error = restgen_runtime::wire::UnknownEnumValue;
            fn try_from(value: #prim) -> Result<Self, Self::Error> {
                #try_from
            }
        }

        impl std::str::FromStr for #name {
            type Err = restgen_runtime::wire::UnknownEnumValue;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                let unknown = || restgen_runtime::wire::UnknownEnumValue {
                    enum_name: #name_text,
                    value: value.to_owned(),
                };
                let number = value.trim().parse::<#prim>().map_err(|_| unknown())?;
                Self::try_from(number).map_err(|_| unknown())
            }
        }

        #common

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <#prim as serde::Deserialize>::deserialize(deserializer)?;
                Self::try_from(value).map_err(serde::de::Error::custom)
            }
        }
    }
}

fn extensible(e: &Enum) -> TokenStream {
    let name = format_ident!("{}", e.name);
    let doc = doc_attrs(e.doc.as_deref());
    let variants = e.values.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let doc = described(v.doc.as_deref(), &v.value, None);
        quote! { #doc #ident, }
    });
    let to_str = e.values.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let value = &v.value;
        quote! { Self::#ident => #value, }
    });
    let from_str = e.values.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let (value, aliases) = (&v.value, &v.aliases);
        quote! { #value #(| #aliases)* => Self::#ident, }
    });
    quote! {
        #doc
        ///
        /// Values this version of the crate does not know are kept as `UnknownValue`.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value the service sent that this version of the crate does not know.
            UnknownValue(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::UnknownValue(other) => other,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::UnknownValue(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    }
}

fn closed(e: &Enum) -> TokenStream {
    let name = format_ident!("{}", e.name);
    let name_text = &e.name;
    let doc = doc_attrs(e.doc.as_deref());
    let variants = e.values.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let value = &v.value;
        let doc = described(v.doc.as_deref(), &v.value, None);
        let aliases = &v.aliases;
        quote! { #doc #[serde(rename = #value #(, alias = #aliases)*)] #ident, }
    });
    let to_str = e.values.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let value = &v.value;
        quote! { Self::#ident => #value, }
    });
    let from_str = e.values.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let (value, aliases) = (&v.value, &v.aliases);
        quote! { #value #(| #aliases)* => Ok(Self::#ident), }
    });
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &'static str {
                match self {
                    #(#to_str)*
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = restgen_runtime::wire::UnknownEnumValue;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match value {
                    #(#from_str)*
                    other => Err(restgen_runtime::wire::UnknownEnumValue {
                        enum_name: #name_text,
                        value: other.to_owned(),
                    }),
                }
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}
