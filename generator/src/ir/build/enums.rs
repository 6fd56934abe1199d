//! Enums: one Rust type per `x-ms-enum` name however often the spec declares it (values
//! merged, with a warning when they differ), string, integer and number kinds, extensible or
//! closed.

use std::collections::HashMap;

use indexmap::IndexMap;

use super::types::primitive;
use super::{Builder, scalar_text};
use crate::error::{Error, Location, Result};
use crate::frontend::swagger::Simple;
use crate::ir::names::{Scope, camel_name};
use crate::ir::{Enum, EnumKind, EnumValue, TypeRef};

/// The enums built so far.
#[derive(Debug, Default)]
pub(super) struct Registry {
    /// By Rust name, in order of discovery.
    pub(super) enums: IndexMap<String, Enum>,
    /// The Rust name given to each spec name (`x-ms-enum` `name`, or the hint).
    names: HashMap<String, String>,
}

impl Builder<'_> {
    /// The enum a declaration with `enum` values makes (or joins); a boolean enum is its
    /// primitive type.
    pub(super) fn enum_from(
        &mut self,
        decl: Simple<'_>,
        at: &Location,
        hint: &str,
    ) -> Result<TypeRef> {
        let kind = match decl.kind {
            None | Some("string") => EnumKind::String,
            Some("integer") => EnumKind::Integer,
            Some("number") => EnumKind::Number,
            Some(other) => {
                self.warn(
                    at,
                    format!("an enum of type `{other}` is generated as its primitive type"),
                );
                return Ok(if other == "boolean" {
                    TypeRef::Bool
                } else {
                    TypeRef::String
                });
            }
        };
        let x_ms_enum = decl.x_ms_enum;
        let raw_name = x_ms_enum
            .and_then(|e| e.name.clone())
            .unwrap_or_else(|| hint.to_owned());
        let extensible = x_ms_enum.is_none_or(|e| e.model_as_string.unwrap_or(false));
        let texts = self.enum_texts(decl.enum_values.unwrap_or_default(), kind, at)?;
        // A closed enum of one value the spec does not name is that value: its primitive type
        // (in its format) reads it, where an enum of one variant would say nothing more.
        let named = x_ms_enum.is_some_and(|e| e.name.is_some());
        if texts.len() == 1 && !extensible && !named {
            let kind = decl.kind.unwrap_or("string");
            if let Some(ty) = primitive(kind, decl.format.unwrap_or_default()) {
                return Ok(ty);
            }
        }
        if texts.is_empty() {
            // Only `null` (or nothing that fits): the primitive type, which may be absent.
            return Ok(match kind {
                EnumKind::String => TypeRef::String,
                EnumKind::Integer => TypeRef::I64,
                EnumKind::Number => TypeRef::F64,
            });
        }
        if let Some(rust) = self.enums.names.get(&raw_name).cloned() {
            return Ok(self.merge_enum(&rust, &raw_name, texts, extensible, at));
        }
        let rust = self.types.claim(self.type_name_for(&raw_name));
        let mut scope = Scope::with_taken(&["UnknownValue"]);
        let values = texts
            .into_iter()
            .map(|value| {
                let described = x_ms_enum.and_then(|e| {
                    e.values
                        .iter()
                        .find(|v| scalar_text(&v.value).as_deref() == Some(&value))
                });
                let name = described.and_then(|d| d.name.as_deref()).unwrap_or(&value);
                EnumValue {
                    name: scope.claim(camel_name(name)),
                    aliases: described
                        .map(|d| d.allowed_values.iter().filter_map(scalar_text).collect())
                        .unwrap_or_default(),
                    doc: described.and_then(|d| d.description.clone()),
                    value,
                }
            })
            .collect();
        self.enums.names.insert(raw_name, rust.clone());
        self.enums.enums.insert(
            rust.clone(),
            Enum {
                name: rust.clone(),
                doc: decl.description.map(str::to_owned),
                values,
                extensible,
                kind,
            },
        );
        Ok(enum_ref(rust, kind))
    }

    /// The distinct wire values, as text; a number that does not fit the enum's kind is left out
    /// with a warning.
    fn enum_texts(
        &mut self,
        values: &[serde_json::Value],
        kind: EnumKind,
        at: &Location,
    ) -> Result<Vec<String>> {
        let mut texts = Vec::new();
        for (i, v) in values.iter().enumerate() {
            let here = at.join("enum").join(i);
            match scalar_text(v) {
                // A number enum's values must fit the Rust type that holds them.
                Some(t) if !fits_enum_kind(kind, &t) => self.warn(
                    &here,
                    format!(
                        "enum value `{t}` does not fit {}; it is left out (the service's value \
                         still reads as an unknown one where the enum is extensible)",
                        match kind {
                            EnumKind::Integer => "an `i64`",
                            _ => "a finite `f64`",
                        }
                    ),
                ),
                Some(t) if !texts.contains(&t) => texts.push(t),
                Some(_) => {}
                // `null` among the values says the value may be absent, not a value of its own
                // (see `Schema::is_nullable`).
                None if v.is_null() => {}
                None => {
                    return Err(Error::spec(&here, "enum values must be strings or numbers"));
                }
            }
        }
        Ok(texts)
    }

    /// Joins a second declaration of an enum to the first; values it adds are merged in.
    fn merge_enum(
        &mut self,
        rust: &str,
        raw_name: &str,
        texts: Vec<String>,
        extensible: bool,
        at: &Location,
    ) -> TypeRef {
        let existing = &self.enums.enums[rust];
        let known: Vec<String> = existing.values.iter().map(|v| v.value.clone()).collect();
        if known != texts || existing.extensible != extensible {
            self.warn(
                at,
                format!(
                    "enum `{raw_name}` is declared again with other values; the values are \
                     merged into one type"
                ),
            );
            let e = &mut self.enums.enums[rust];
            let mut scope = Scope::default();
            for v in &e.values {
                scope.claim(v.name.clone());
            }
            for t in texts.into_iter().filter(|t| !known.contains(t)) {
                e.values.push(EnumValue {
                    name: scope.claim(camel_name(&t)),
                    value: t,
                    aliases: Vec::new(),
                    doc: None,
                });
            }
        }
        enum_ref(rust.to_owned(), self.enums.enums[rust].kind)
    }
}

/// Whether a wire value can be held by an enum of this kind.
fn fits_enum_kind(kind: EnumKind, text: &str) -> bool {
    match kind {
        EnumKind::String => true,
        EnumKind::Integer => text.parse::<i64>().is_ok(),
        EnumKind::Number => text.parse::<f64>().is_ok_and(f64::is_finite),
    }
}

/// A reference to an enum of this kind.
fn enum_ref(name: String, kind: EnumKind) -> TypeRef {
    match kind {
        EnumKind::String => TypeRef::Enum(name),
        EnumKind::Integer | EnumKind::Number => TypeRef::NumberEnum(name),
    }
}
