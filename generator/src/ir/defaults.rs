//! Spec defaults as generated code writes them: one rule for the builder (which keeps only the
//! defaults that fit) and the emitter (which writes them).

use serde::Serialize;
use serde_json::Value;

use super::{Enum, EnumKind, TypeRef};

/// A spec default as generated code writes it, when it fits the parameter's type.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum DefaultLiteral {
    /// A string.
    Str(String),
    /// A boolean.
    Bool(bool),
    /// An integer within the type's range.
    Int(i64),
    /// A finite number.
    Float(f64),
    /// A value of an enum, by its variant.
    Variant {
        /// The enum's Rust name.
        ty: String,
        /// The variant's Rust name.
        variant: String,
    },
    /// A value an extensible string enum does not declare (`E::from("...")`).
    Unknown {
        /// The enum's Rust name.
        ty: String,
        /// The wire value.
        value: String,
    },
}

/// The literal for `value` as a default of type `ty`, or `None` when it does not fit (an int32
/// default of 3000000000, a string for a number, a value a closed enum lacks, a type defaults
/// are not written for).
pub fn default_literal<'a>(
    ty: &TypeRef,
    value: &Value,
    find_enum: impl Fn(&str) -> Option<&'a Enum>,
) -> Option<DefaultLiteral> {
    let variant = |e: &str, text: &str| {
        let def = find_enum(e)?;
        match def.values.iter().find(|v| v.value == text) {
            Some(v) => Some(DefaultLiteral::Variant {
                ty: e.to_owned(),
                variant: v.name.clone(),
            }),
            None if def.extensible && def.kind == EnumKind::String => {
                Some(DefaultLiteral::Unknown {
                    ty: e.to_owned(),
                    value: text.to_owned(),
                })
            }
            None => None,
        }
    };
    match (ty, value) {
        (TypeRef::String, Value::String(s)) => Some(DefaultLiteral::Str(s.clone())),
        (TypeRef::Bool, Value::Bool(b)) => Some(DefaultLiteral::Bool(*b)),
        (TypeRef::I32, Value::Number(n)) => {
            let n = i32::try_from(n.as_i64()?).ok()?;
            Some(DefaultLiteral::Int(n.into()))
        }
        (TypeRef::I64, Value::Number(n)) => Some(DefaultLiteral::Int(n.as_i64()?)),
        (TypeRef::F32 | TypeRef::F64, Value::Number(n)) => {
            let f = n.as_f64().filter(|f| f.is_finite())?;
            if matches!(ty, TypeRef::F32)
                && !(f64::from(f32::MIN)..=f64::from(f32::MAX)).contains(&f)
            {
                return None;
            }
            Some(DefaultLiteral::Float(f))
        }
        (TypeRef::NumberEnum(e), Value::Number(n)) => variant(e, &n.to_string()),
        (TypeRef::Enum(e), Value::String(s)) => variant(e, s),
        _ => None,
    }
}
