//! Enums: extensible ones keep unknown values; closed ones refuse them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::doc_attrs;
use crate::ir::{Api, Enum};

pub(super) fn emit(api: &Api) -> TokenStream {
    let items = api.enums.iter().map(|e| {
        if e.extensible {
            extensible(e)
        } else {
            closed(e)
        }
    });
    quote! { #(#items)* }
}

fn extensible(e: &Enum) -> TokenStream {
    let name = format_ident!("{}", e.name);
    let doc = doc_attrs(e.doc.as_deref());
    let variants = e.values.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let doc = v.doc.clone().unwrap_or_else(|| format!("`{}`", v.value));
        let doc = doc_attrs(Some(&doc));
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
        let doc = v.doc.clone().unwrap_or_else(|| format!("`{}`", v.value));
        let doc = doc_attrs(Some(&doc));
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
