//! Schemas to type references: primitives and their formats, arrays, maps, references (to
//! models, enums, or other types), and the guards against schemas that nest without end.

use std::rc::Rc;

use super::Builder;
use crate::config::NullableItems;
use crate::error::{Error, Location, Result, last_segment};
use crate::frontend::swagger::{AdditionalProperties, Schema, Simple};
use crate::ir::TypeRef;

/// How deep schemas may nest inside one another before a spec is refused: far beyond any real
/// API, well before the stack or rustc's type checker gives out.
const MAX_SCHEMA_DEPTH: usize = 64;

impl Builder<'_> {
    /// The type of `schema`, found at `at`; `hint` names inline types.
    pub(super) fn type_of(
        &mut self,
        schema: &Rc<Schema>,
        at: &Location,
        hint: &str,
    ) -> Result<TypeRef> {
        if self.depth >= MAX_SCHEMA_DEPTH {
            return Err(Error::spec(
                at,
                format!(
                    "schemas nest more than {MAX_SCHEMA_DEPTH} levels deep here (arrays, maps \
                     and references to them, inside one another)"
                ),
            ));
        }
        self.depth += 1;
        let ty = self.type_of_nested(schema, at, hint);
        self.depth -= 1;
        ty
    }

    fn type_of_nested(
        &mut self,
        schema: &Rc<Schema>,
        at: &Location,
        hint: &str,
    ) -> Result<TypeRef> {
        let Some(reference) = schema.reference.as_deref() else {
            return self.inline_type(schema, at, hint);
        };
        let target = self.resolve::<Schema>(at, reference)?;
        let name = last_segment(&target.at.pointer);
        if target.node.is_choice() {
            return self.one_of_ref(&target.at, &target.node, &name);
        }
        if target.node.is_struct() {
            return Ok(TypeRef::Model(self.model_ref(
                &target.at,
                &target.node,
                &name,
            )));
        }
        // An array or map that contains itself with no struct in between has no Rust type of
        // its own: it is read as JSON.
        if self.inline_stack.contains(&target.at) {
            self.warn(
                at,
                format!(
                    "`{name}` contains itself through arrays or maps with no object in between; \
                     it is read as `serde_json::Value`"
                ),
            );
            return Ok(TypeRef::Json);
        }
        self.inline_stack.push(target.at.clone());
        let ty = self.type_of(&target.node, &target.at, &name);
        self.inline_stack.pop();
        ty
    }

    /// The type of a schema written in place.
    fn inline_type(&mut self, schema: &Rc<Schema>, at: &Location, hint: &str) -> Result<TypeRef> {
        if schema.is_empty() {
            return Ok(TypeRef::Json);
        }
        if schema.is_choice() {
            return self.one_of_ref(at, schema, hint);
        }
        if schema.is_struct() {
            return Ok(TypeRef::Model(self.model_ref(at, schema, hint)));
        }
        if schema.enum_values.is_some() {
            return self.enum_from(schema.simple(), at, hint);
        }
        self.report_extra(at, &schema.extra, &[]);
        let format = schema.format.as_deref().unwrap_or_default();
        Ok(match schema.kind.as_deref() {
            Some("array") => {
                // An array that says nothing of its items holds any JSON.
                let Some(items) = schema.items.as_ref() else {
                    return Ok(TypeRef::Vec(Box::new(TypeRef::Json)));
                };
                let item_at = at.join("items");
                let item = self.type_of(items, &item_at, &format!("{hint}Item"))?;
                TypeRef::Vec(Box::new(self.nullable_if_said(items, &item_at, item)?))
            }
            Some("file") => {
                self.warn(at, "`type: file` is sent and read as raw bytes");
                TypeRef::Bytes
            }
            Some("object") | None => match &schema.additional_properties {
                Some(AdditionalProperties::Allowed(false)) | None => TypeRef::Json,
                Some(AdditionalProperties::Allowed(true)) => TypeRef::Map(Box::new(TypeRef::Json)),
                Some(AdditionalProperties::Schema(values)) => {
                    let at = at.join("additionalProperties");
                    let value = self.type_of(values, &at, &format!("{hint}Value"))?;
                    TypeRef::Map(Box::new(self.nullable_if_said(values, &at, value)?))
                }
            },
            Some(kind) => primitive(kind, format)
                .ok_or_else(|| Error::spec(&at.join("type"), format!("unknown type `{kind}`")))?,
        })
    }

    /// An array item's or a map value's type, as an `Option` when its schema (or the one it
    /// refers to) says `null` is a value, or the settings say any item may be null.
    fn nullable_if_said(
        &mut self,
        schema: &Rc<Schema>,
        at: &Location,
        ty: TypeRef,
    ) -> Result<TypeRef> {
        let nullable = self.nullable_items == NullableItems::All
            || schema.is_nullable()
            || match schema.reference.as_deref() {
                Some(r) => self.resolve::<Schema>(at, r)?.node.is_nullable(),
                None => false,
            };
        Ok(match ty {
            TypeRef::Unit | TypeRef::Json | TypeRef::Nullable(_) => ty,
            ty if nullable => TypeRef::Nullable(Box::new(ty)),
            ty => ty,
        })
    }

    /// The type of a parameter's or a header's simple declaration (`type`, `format`, `items`,
    /// `enum`).
    pub(super) fn simple_type(
        &mut self,
        simple: Simple<'_>,
        name: &str,
        at: &Location,
        hint: &str,
    ) -> Result<TypeRef> {
        let kind = simple
            .kind
            .ok_or_else(|| Error::spec(at, format!("parameter `{name}` has no `type`")))?;
        if simple.enum_values.is_some() {
            return self.enum_from(simple, at, hint);
        }
        let schema = Schema {
            kind: Some(kind.to_owned()),
            format: simple.format.map(str::to_owned),
            items: simple.items.cloned(),
            ..Schema::default()
        };
        self.inline_type(&Rc::new(schema), at, hint)
    }
}

/// The type of a primitive `type` and `format`; `None` for an unknown type.
pub(super) fn primitive(kind: &str, format: &str) -> Option<TypeRef> {
    Some(match kind {
        "string" => match format {
            "date-time" => TypeRef::DateTime,
            "date-time-rfc1123" => TypeRef::DateTimeRfc1123,
            "date" => TypeRef::Date,
            "time" => TypeRef::Time,
            "duration" => TypeRef::Duration,
            "byte" => TypeRef::Bytes,
            "base64url" => TypeRef::Base64Url,
            _ => TypeRef::String,
        },
        "integer" => match format {
            "int64" => TypeRef::I64,
            "unixtime" => TypeRef::UnixTime,
            _ => TypeRef::I32,
        },
        "number" => match format {
            "float" => TypeRef::F32,
            _ => TypeRef::F64,
        },
        "boolean" => TypeRef::Bool,
        _ => return None,
    })
}

/// A special format's plain JSON form: a date, a duration or bytes as text, a unix time as
/// seconds (inside arrays and maps too); other types as they are.
pub(super) fn json_form(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::DateTime
        | TypeRef::DateTimeRfc1123
        | TypeRef::Date
        | TypeRef::Time
        | TypeRef::Duration
        | TypeRef::Bytes
        | TypeRef::Base64Url => TypeRef::String,
        TypeRef::UnixTime => TypeRef::I64,
        TypeRef::Vec(inner) => TypeRef::Vec(Box::new(json_form(*inner))),
        TypeRef::Map(inner) => TypeRef::Map(Box::new(json_form(*inner))),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(json_form(*inner))),
        other => other,
    }
}
