//! `oneOf` and `anyOf`: a value of one of several alternatives becomes an enum. When every
//! alternative is an object naming itself by one property (a discriminator, or a required
//! property each alternative fixes to one string), the enum is tagged by it; otherwise a value
//! is read as the first alternative it fits.

use std::collections::HashMap;
use std::rc::Rc;

use serde_json::Value;

use super::Builder;
use crate::error::{Error, Location, Result, last_segment};
use crate::frontend::swagger::{Schema, XmsEnum, XmsEnumValue};
use crate::ir::names::{Scope, type_name};
use crate::ir::{OneOf, OneOfVariant, TagSite, Tagging, TypeRef};

/// The enums made so far, by where their schema is.
#[derive(Debug, Default)]
pub(super) struct Registry {
    pub(super) made: Vec<OneOf>,
    by_location: HashMap<Location, String>,
}

/// An alternative as found: where, its schema (followed through a `$ref`), and whether it was
/// one.
struct Alternative {
    at: Location,
    schema: Rc<Schema>,
    target: Rc<Schema>,
    target_at: Location,
}

impl Builder<'_> {
    /// The type of the choice at `at`: a single alternative is that alternative's type; more
    /// make an enum, named on first sight.
    pub(super) fn one_of_ref(
        &mut self,
        at: &Location,
        schema: &Rc<Schema>,
        hint: &str,
    ) -> Result<TypeRef> {
        if let Some(name) = self.one_ofs.by_location.get(at) {
            return Ok(TypeRef::OneOf(name.clone()));
        }
        let mut alternatives = Vec::new();
        for (key, i, alt) in schema.alternatives() {
            let alt_at = at.join(key).join(i);
            let target = self.follow(alt, alt.reference.as_deref(), &alt_at)?;
            alternatives.push(Alternative {
                at: alt_at,
                schema: alt.clone(),
                target: target.node,
                target_at: target.at,
            });
        }
        if let [only] = alternatives.as_slice() {
            return self.type_of(&only.schema, &only.at, hint);
        }
        // Strings each fixed to values of their own, documented one by one (how some
        // generators write an enum): one enum of them all.
        if let Some(merged) = merged_enum(schema, &alternatives) {
            return self.type_of(&Rc::new(merged), at, hint);
        }
        let name = self.types.claim(self.type_name_for(hint));
        // Named before the alternatives are typed: one may contain this enum again.
        self.one_ofs.by_location.insert(at.clone(), name.clone());
        let (tagging, variants) = match self.tag_property(schema, &alternatives, at)? {
            Some((property, values)) => {
                let variants = self.tagged_variants(&name, &property, &values, &alternatives)?;
                (Tagging::Property(property), variants)
            }
            None => (
                Tagging::Untagged,
                self.untagged_variants(&name, &alternatives)?,
            ),
        };
        self.one_ofs.made.push(OneOf {
            name: name.clone(),
            doc: schema.description.clone(),
            tagging,
            variants,
        });
        Ok(TypeRef::OneOf(name))
    }

    /// The property telling the alternatives apart, and its value for each: the declared
    /// discriminator (values from its mapping, else the alternatives' names), or a required
    /// property every alternative fixes to a different string.
    fn tag_property(
        &mut self,
        schema: &Schema,
        alternatives: &[Alternative],
        at: &Location,
    ) -> Result<Option<(String, Vec<String>)>> {
        let Some(property) = &schema.discriminator else {
            return Ok(common_tag(alternatives));
        };
        let mut values = Vec::new();
        for alt in alternatives {
            let fixed = single_value(&alt.target, property);
            let named = alt.schema.reference.as_deref().map(|r| {
                schema
                    .discriminator_mapping
                    .iter()
                    .find(|(_, target)| target.as_str() == r)
                    .map(|(value, _)| value.clone())
                    .unwrap_or_else(|| last_segment(r))
            });
            match named.or(fixed) {
                Some(value) if !values.contains(&value) => values.push(value),
                _ => {
                    return Err(Error::spec(
                        &alt.at,
                        format!(
                            "this alternative has no value of its own for the discriminator \
                             `{property}`"
                        ),
                    ));
                }
            }
        }
        self.report_unmapped(schema, at);
        Ok(Some((property.clone(), values)))
    }

    fn report_unmapped(&mut self, schema: &Schema, at: &Location) {
        let refs: Vec<&str> = schema
            .alternatives()
            .filter_map(|(_, _, s)| s.reference.as_deref())
            .collect();
        for (value, target) in &schema.discriminator_mapping {
            if !refs.contains(&target.as_str()) {
                self.warn(
                    &at.join("discriminator"),
                    format!(
                        "the mapping of `{value}` names `{target}`, which is not an alternative; \
                         passed over"
                    ),
                );
            }
        }
    }

    /// Variants of a tagged enum: a referenced model keeps the tag among its fields; an object
    /// written in place becomes a model without it (or no model, when the tag is all it has).
    fn tagged_variants(
        &mut self,
        name: &str,
        property: &str,
        values: &[String],
        alternatives: &[Alternative],
    ) -> Result<Vec<OneOfVariant>> {
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (alt, value) in alternatives.iter().zip(values) {
            let variant = scope.claim(variant_name(value, "Variant"));
            let (ty, site) = if alt.schema.reference.is_some() {
                (
                    self.type_of(&alt.schema, &alt.at, &variant)?,
                    TagSite::Model,
                )
            } else {
                let mut rest = (*alt.target).clone();
                rest.properties.shift_remove(property);
                rest.required.retain(|r| r != property);
                let ty = if rest.properties.is_empty() && rest.all_of.is_empty() {
                    TypeRef::Unit
                } else {
                    let hint = format!("{name}{variant}");
                    TypeRef::Model(self.model_ref(&alt.target_at, &Rc::new(rest), &hint))
                };
                (ty, TagSite::Enum)
            };
            variants.push(OneOfVariant {
                name: variant,
                ty,
                tag: Some((value.clone(), site)),
                doc: alt.target.description.clone(),
            });
        }
        Ok(variants)
    }

    /// Variants read by shape, named by their titles, their references or their types.
    fn untagged_variants(
        &mut self,
        name: &str,
        alternatives: &[Alternative],
    ) -> Result<Vec<OneOfVariant>> {
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (i, alt) in alternatives.iter().enumerate() {
            let title = alt.schema.extra.get("title").and_then(|t| t.as_str());
            let wanted = match (title, alt.schema.reference.as_deref()) {
                (Some(title), _) => variant_name(title, ""),
                (None, Some(r)) => variant_name(&last_segment(r), ""),
                (None, None) => kind_name(&alt.target).to_owned(),
            };
            let wanted = if wanted.is_empty() {
                format!("Variant{}", i + 1)
            } else {
                wanted
            };
            let variant = scope.claim(wanted);
            let ty = self.type_of(&alt.schema, &alt.at, &format!("{name}{variant}"))?;
            let doc = alt
                .schema
                .description
                .clone()
                .or_else(|| alt.target.description.clone());
            variants.push(OneOfVariant {
                name: variant,
                ty,
                tag: None,
                doc,
            });
        }
        Ok(variants)
    }
}

/// The one enum that alternatives written in place, each a string of fixed values, make.
fn merged_enum(schema: &Schema, alternatives: &[Alternative]) -> Option<Schema> {
    let mut values = Vec::new();
    let mut documented = Vec::new();
    for alt in alternatives {
        let s = &alt.schema;
        let own = s.enum_values.as_deref().filter(|_| {
            s.reference.is_none() && s.kind.as_deref() == Some("string") && s.x_ms_enum.is_none()
        })?;
        for value in own {
            let text = value.as_str()?;
            if values.iter().any(|v: &Value| v.as_str() == Some(text)) {
                return None;
            }
            values.push(value.clone());
            documented.push(XmsEnumValue {
                value: value.clone(),
                name: None,
                description: s.description.clone(),
                allowed_values: Vec::new(),
            });
        }
    }
    Some(Schema {
        kind: Some("string".into()),
        description: schema.description.clone(),
        enum_values: Some(values),
        x_ms_enum: Some(XmsEnum {
            name: None,
            model_as_string: Some(false),
            values: documented,
            extra: Default::default(),
        }),
        ..Schema::default()
    })
}

/// A required property every alternative (an object) fixes to one string, a different one
/// each: the first such property of the first alternative.
fn common_tag(alternatives: &[Alternative]) -> Option<(String, Vec<String>)> {
    let first = alternatives.first()?;
    first.target.properties.keys().find_map(|property| {
        let values: Vec<String> = alternatives
            .iter()
            .map(|alt| {
                alt.target
                    .required
                    .contains(property)
                    .then(|| single_value(&alt.target, property))
                    .flatten()
            })
            .collect::<Option<_>>()?;
        let distinct = values
            .iter()
            .enumerate()
            .all(|(i, v)| !values[..i].contains(v));
        distinct.then(|| (property.clone(), values))
    })
}

/// The one string `property` of `schema` may hold (`enum: [x]`), if it is so fixed.
fn single_value(schema: &Schema, property: &str) -> Option<String> {
    let p = schema.properties.get(property)?;
    match p.enum_values.as_deref() {
        Some([serde_json::Value::String(v)]) => Some(v.clone()),
        _ => None,
    }
}

/// A variant's name from a value or title; `fallback` when nothing of it is usable.
fn variant_name(text: &str, fallback: &str) -> String {
    let name = type_name(text);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{fallback}{name}")
    } else {
        name
    }
}

/// A variant's name from its schema's type.
fn kind_name(schema: &Schema) -> &'static str {
    match (schema.kind.as_deref(), schema.format.as_deref()) {
        (Some("string"), Some("uuid")) => "Uuid",
        (Some("string"), Some("date-time")) => "DateTime",
        (Some("string"), Some("date")) => "Date",
        (Some("string"), _) if schema.enum_values.is_some() => "Known",
        (Some("string"), _) => "String",
        (Some("integer"), _) => "Integer",
        (Some("number"), _) => "Number",
        (Some("boolean"), _) => "Boolean",
        (Some("array"), _) => "List",
        (Some("object"), _) | (None, _) if schema.additional_properties.is_some() => "Map",
        (Some("object"), _) => "Object",
        _ if !schema.properties.is_empty() => "Object",
        _ => "",
    }
}
