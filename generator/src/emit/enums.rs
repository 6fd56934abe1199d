//! Enums: extensible ones keep unknown values; closed ones refuse them. The file lists the
//! types first, like a reference, and their implementations after.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::{described, doc_attrs};
use super::layout::Item;
use crate::ir::{Api, Enum, EnumKind};

/// The enums file's items: every enum type, then every implementation.
pub(super) fn emit(api: &Api) -> Vec<Item> {
    let (types, impls): (Vec<Item>, Vec<Vec<Item>>) = api
        .enums
        .iter()
        .map(|e| match e.kind {
            EnumKind::Integer | EnumKind::Number => numeric(e),
            EnumKind::String if e.extensible => extensible(e),
            EnumKind::String => closed(e),
        })
        .unzip();
    types
        .into_iter()
        .chain(impls.into_iter().flatten())
        .collect()
}

/// An integer or number enum: a Rust enum over `i64` or `f64` values, serialized as numbers.
/// An extensible one keeps unknown values; a closed one refuses them.
fn numeric(e: &Enum) -> (Item, Vec<Item>) {
    let n = Numeric::of(e);
    let (name, prim) = (&n.name, &n.prim);
    let doc = doc_attrs(e.doc.as_deref());
    let variants = n.values.iter().map(|(ident, _, d)| quote! { #d #ident, });
    let derives = if n.float {
        quote! { #[derive(Clone, Copy, Debug, PartialEq, PartialOrd)] }
    } else {
        quote! { #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)] }
    };
    let (unknown_doc, unknown) = if e.extensible {
        (
            unknown_note(e),
            quote! {
                /// A value the service sent that this version of the crate does not know.
                UnknownValue(#prim),
            },
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    let ty = Item::Plain(quote! {
        #doc
        #unknown_doc
        #derives
        pub enum #name {
            #(#variants)*
            #unknown
        }
    });
    let mut impls = vec![n.value_impl(e.extensible)];
    impls.extend(if e.extensible {
        n.extensible_conversions()
    } else {
        n.closed_conversions()
    });
    impls.extend(n.display_and_serde(e.extensible));
    (ty, impls)
}

/// What a number enum's implementations are written from.
struct Numeric {
    name: Ident,
    /// The enum's name as text, for errors.
    text: String,
    float: bool,
    /// `i64` or `f64`.
    prim: TokenStream,
    /// Each variant, its wire value as a literal, and its docs (a value that is not a number of
    /// the kind is left out).
    values: Vec<(Ident, Literal, TokenStream)>,
}

impl Numeric {
    fn of(e: &Enum) -> Self {
        let float = e.kind == EnumKind::Number;
        let values = e
            .values
            .iter()
            .filter_map(|v| {
                let literal = if float {
                    Literal::f64_unsuffixed(v.value.parse::<f64>().ok()?)
                } else {
                    Literal::i64_unsuffixed(v.value.parse::<i64>().ok()?)
                };
                Some((
                    format_ident!("{}", v.name),
                    literal,
                    described(v.doc.as_deref(), &v.value, None),
                ))
            })
            .collect();
        Self {
            name: format_ident!("{}", e.name),
            text: e.name.clone(),
            float,
            prim: if float {
                quote! { f64 }
            } else {
                quote! { i64 }
            },
            values,
        }
    }

    /// `value()`: the number as sent on the wire.
    fn value_impl(&self, extensible: bool) -> Item {
        let (name, prim) = (&self.name, &self.prim);
        let doc = format!(" The `{prim}` as sent on the wire.");
        let arms = self
            .values
            .iter()
            .map(|(ident, lit, _)| quote! { Self::#ident => #lit, });
        let unknown = extensible.then(|| quote! { Self::UnknownValue(other) => *other, });
        Item::Impl {
            head: quote! { impl #name },
            members: vec![quote! {
                #[doc = #doc]
                pub fn value(&self) -> #prim {
                    match self {
                        #(#arms)*
                        #unknown
                    }
                }
            }],
        }
    }

    /// The variant of `value`, wrapped by `wrap` (`Self`, `Ok(Self)`), else `unknown`: floats
    /// are matched by comparison, integers by pattern.
    fn known(
        &self,
        wrap: &dyn Fn(TokenStream) -> TokenStream,
        unknown: TokenStream,
    ) -> TokenStream {
        if self.float {
            let checks = self.values.iter().map(|(ident, lit, _)| {
                let v = wrap(quote! { Self::#ident });
                quote! { if value == #lit { return #v; } }
            });
            quote! { #(#checks)* #unknown }
        } else {
            let arms = self.values.iter().map(|(ident, lit, _)| {
                let v = wrap(quote! { Self::#ident });
                quote! { #lit => #v, }
            });
            quote! { match value { #(#arms)* _ => #unknown } }
        }
    }

    /// An extensible enum from a number (any number) and from text.
    fn extensible_conversions(&self) -> Vec<Item> {
        let (name, prim, text) = (&self.name, &self.prim, &self.text);
        let from = self.known(&|v| v, quote! { Self::UnknownValue(value) });
        vec![
            Item::Plain(quote! {
                impl From<#prim> for #name {
                    fn from(value: #prim) -> Self {
                        #from
                    }
                }
            }),
            Item::Plain(quote! {
                impl std::str::FromStr for #name {
                    type Err = restgen_runtime::wire::UnknownEnumValue;
                    fn from_str(value: &str) -> Result<Self, Self::Err> {
                        value.trim().parse::<#prim>().map(Self::from).map_err(|_| {
                            restgen_runtime::wire::UnknownEnumValue {
                                enum_name: #text,
                                value: value.to_owned(),
                            }
                        })
                    }
                }
            }),
        ]
    }

    /// A closed enum from one of its numbers, and from text.
    fn closed_conversions(&self) -> Vec<Item> {
        let (name, prim, text) = (&self.name, &self.prim, &self.text);
        let try_from = self.known(
            &|v| quote! { Ok(#v) },
            quote! {
                Err(restgen_runtime::wire::UnknownEnumValue {
                    enum_name: #text,
                    value: value.to_string(),
                })
            },
        );
        vec![
            Item::Plain(quote! {
                impl TryFrom<#prim> for #name {
                    type Error = restgen_runtime::wire::UnknownEnumValue;
                    fn try_from(value: #prim) -> Result<Self, Self::Error> {
                        #try_from
                    }
                }
            }),
            Item::Plain(quote! {
                impl std::str::FromStr for #name {
                    type Err = restgen_runtime::wire::UnknownEnumValue;
                    fn from_str(value: &str) -> Result<Self, Self::Err> {
                        let unknown = || restgen_runtime::wire::UnknownEnumValue {
                            enum_name: #text,
                            value: value.to_owned(),
                        };
                        let number = value.trim().parse::<#prim>().map_err(|_| unknown())?;
                        Self::try_from(number).map_err(|_| unknown())
                    }
                }
            }),
        ]
    }

    /// `Display`, and serde as a JSON number.
    fn display_and_serde(&self, extensible: bool) -> Vec<Item> {
        let (name, prim) = (&self.name, &self.prim);
        let serialize = if self.float {
            quote! { serialize_f64 }
        } else {
            quote! { serialize_i64 }
        };
        let deserialize = if extensible {
            quote! { Ok(Self::from(<#prim as serde::Deserialize>::deserialize(deserializer)?)) }
        } else {
            quote! {
                let value = <#prim as serde::Deserialize>::deserialize(deserializer)?;
                Self::try_from(value).map_err(serde::de::Error::custom)
            }
        };
        vec![
            Item::Plain(quote! {
                impl std::fmt::Display for #name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(f, "{}", self.value())
                    }
                }
            }),
            Item::Plain(quote! {
                impl serde::Serialize for #name {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.#serialize(self.value())
                    }
                }
            }),
            Item::Plain(quote! {
                impl<'de> serde::Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        #deserialize
                    }
                }
            }),
        ]
    }
}

/// The docs' line on unknown values (a paragraph of its own after the enum's own docs).
fn unknown_note(e: &Enum) -> TokenStream {
    let note = quote! {
        /// Values this version of the crate does not know are kept as `UnknownValue`.
    };
    match e.doc.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => quote! { #[doc = ""] #note },
        _ => note,
    }
}

/// A string enum that keeps values it does not know (`modelAsString: true`).
fn extensible(e: &Enum) -> (Item, Vec<Item>) {
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
    let note = unknown_note(e);
    let ty = Item::Plain(quote! {
        #doc
        #note
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value the service sent that this version of the crate does not know.
            UnknownValue(String),
        }
    });
    let mut impls = vec![
        Item::Impl {
            head: quote! { impl #name },
            members: vec![quote! {
                /// The value as sent on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#to_str)*
                        Self::UnknownValue(other) => other,
                    }
                }
            }],
        },
        Item::Plain(quote! {
            impl From<&str> for #name {
                fn from(value: &str) -> Self {
                    match value {
                        #(#from_str)*
                        other => Self::UnknownValue(other.to_owned()),
                    }
                }
            }
        }),
        Item::Plain(quote! {
            impl std::str::FromStr for #name {
                type Err = std::convert::Infallible;
                fn from_str(value: &str) -> Result<Self, Self::Err> {
                    Ok(Self::from(value))
                }
            }
        }),
    ];
    impls.extend(text_traits(&name));
    impls.push(Item::Plain(quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    }));
    impls.push(Item::Plain(quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    }));
    (ty, impls)
}

/// `AsRef<str>` and `Display` through `as_str`.
fn text_traits(name: &Ident) -> Vec<Item> {
    vec![
        Item::Plain(quote! {
            impl AsRef<str> for #name {
                fn as_ref(&self) -> &str {
                    self.as_str()
                }
            }
        }),
        Item::Plain(quote! {
            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }
        }),
    ]
}

/// A string enum that refuses values it does not know.
fn closed(e: &Enum) -> (Item, Vec<Item>) {
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
    let ty = Item::Plain(quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum #name {
            #(#variants)*
        }
    });
    let mut impls = vec![
        Item::Impl {
            head: quote! { impl #name },
            members: vec![quote! {
                /// The value as sent on the wire.
                pub fn as_str(&self) -> &'static str {
                    match self {
                        #(#to_str)*
                    }
                }
            }],
        },
        Item::Plain(quote! {
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
        }),
    ];
    impls.extend(text_traits(&name));
    (ty, impls)
}
