//! Discriminated unions: a model with a discriminator that others derive from becomes an enum of
//! itself and its descendants, and every reference to it (in models, operations and groups) is
//! swapped for the union.

use std::collections::HashMap;

use super::Builder;
use super::operation::Draft;
use crate::error::Result;
use crate::ir::{Model, TypeRef, Union};

/// The types once every model is built: the models, and the unions among them.
pub(super) struct Types {
    pub(super) models: Vec<Model>,
    pub(super) unions: Vec<Union>,
}

impl Builder<'_> {
    /// Builds every model left in the queue, finds the unions, and swaps each union's base for
    /// the union wherever it is referred to.
    pub(super) fn resolve_types(&mut self, drafts: &mut [Draft]) -> Result<Types> {
        self.drain_models()?;
        let mut models: Vec<Model> = self
            .models
            .slots
            .iter()
            .filter_map(|s| s.model.clone())
            .collect();
        let unions = self.unions(&mut models);
        let swaps: HashMap<String, String> = unions
            .iter()
            .map(|u| (u.base.clone(), u.name.clone()))
            .collect();
        let mut swap = |t: &mut TypeRef| swap_union(t, &swaps);
        for m in &mut models {
            for f in &mut m.fields {
                swap(&mut f.ty);
            }
            if let Some(ap) = &mut m.additional_properties {
                swap(&mut ap.ty);
            }
        }
        for draft in drafts {
            draft.each_type(&mut swap);
        }
        for group in self.groups.groups.values_mut() {
            for f in &mut group.fields {
                swap(&mut f.ty);
            }
        }
        Ok(Types { models, unions })
    }

    /// A union for each model that declares (or inherits) a discriminator and has descendants.
    fn unions(&mut self, models: &mut [Model]) -> Vec<Union> {
        let slot_of: HashMap<String, usize> = self
            .models
            .slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.model.is_some())
            .map(|(i, s)| (s.name.clone(), i))
            .collect();
        let names: Vec<String> = models.iter().map(|m| m.name.clone()).collect();
        let mut unions = Vec::new();
        for base in &names {
            // A model is polymorphic when it declares a discriminator, or inherits one and has
            // descendants of its own (`Salmon` under `Fish`, with `SmartSalmon` under it).
            let Some(discriminator) = self.discriminator_of(base, &slot_of, 0) else {
                continue;
            };
            let descendants: Vec<&String> = names
                .iter()
                .filter(|other| *other != base && self.descends(other, base, &slot_of, 0))
                .collect();
            // A base nothing derives from is a plain model, its discriminator a field.
            if descendants.is_empty() {
                continue;
            }
            let descendants: Vec<String> = descendants.into_iter().cloned().collect();
            let variants = self.discriminator_values(base, &descendants, &discriminator, &slot_of);
            for (value, model) in &variants {
                if let Some(m) = models.iter_mut().find(|m| &m.name == model) {
                    m.fields.retain(|f| f.wire_name != discriminator);
                    m.discriminator = Some((discriminator.clone(), value.clone()));
                }
            }
            unions.push(Union {
                name: self.types.claim(format!("{base}Union")),
                base: base.clone(),
                discriminator,
                variants,
            });
        }
        unions
    }

    /// Each variant's discriminator value, from every source the spec gives: its
    /// `x-ms-discriminator-value`, else the constant its own schema gives the property
    /// (`enum: [X]`), else the definition name. When the base enumerates the property's values
    /// and exactly one descendant's name is none of them while exactly one value is unclaimed,
    /// that value is the descendant's (a base `kind: enum: [Conversation]` with one subtype);
    /// any other mismatch is reported, and the definition names stay.
    fn discriminator_values(
        &mut self,
        base: &str,
        descendants: &[String],
        discriminator: &str,
        slot_of: &HashMap<String, usize>,
    ) -> Vec<(String, String)> {
        let mut given = Vec::new();
        for (i, name) in std::iter::once(&base.to_owned())
            .chain(descendants)
            .enumerate()
        {
            let slot = slot_of[name.as_str()];
            let explicit = self.models.slots[slot].schema.discriminator_value.clone();
            // The base's enum lists every value; a descendant's one value is its own.
            let constant = match explicit {
                Some(_) => None,
                None if i == 0 => None,
                None => self
                    .property_enum(slot, discriminator)
                    .filter(|v| v.len() == 1),
            };
            let value = explicit
                .clone()
                .or_else(|| constant.map(|mut v| v.remove(0)));
            given.push((name.clone(), value));
        }
        let enumerated = self
            .property_enum(slot_of[base], discriminator)
            .unwrap_or_default();
        let unclaimed: Vec<&String> = enumerated
            .iter()
            .filter(|v| {
                !given
                    .iter()
                    .any(|(name, g)| g.as_ref() == Some(*v) || (g.is_none() && name == *v))
            })
            .collect();
        let nameless: Vec<usize> = given
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, (name, value))| value.is_none() && !enumerated.contains(name))
            .map(|(i, _)| i)
            .collect();
        if !enumerated.is_empty() && !nameless.is_empty() {
            if let ([one], [value]) = (nameless.as_slice(), unclaimed.as_slice()) {
                given[*one].1 = Some((*value).clone());
            } else if !unclaimed.is_empty() {
                let at = self.models.slots[slot_of[base]].at.clone();
                let names: Vec<&str> = nameless.iter().map(|&i| given[i].0.as_str()).collect();
                self.warn(
                    &at.join("properties").join(discriminator),
                    format!(
                        "`{discriminator}` enumerates {} but {} name none of them; they are \
                         sent with their definition names (give them `x-ms-discriminator-value`)",
                        unclaimed
                            .iter()
                            .map(|v| format!("`{v}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        names.join(", ")
                    ),
                );
            }
        }
        given
            .into_iter()
            .map(|(name, value)| {
                let value = value.unwrap_or_else(|| {
                    self.models.slots[slot_of[&name]]
                        .discriminator_value
                        .clone()
                });
                (value, name)
            })
            .collect()
    }

    /// The text values of the enum a model's own schema (or its inline `allOf` parts) gives
    /// `property`, if it gives one.
    fn property_enum(&mut self, slot: usize, property: &str) -> Option<Vec<String>> {
        let schema = self.models.slots[slot].schema.clone();
        let at = self.models.slots[slot].at.clone();
        let parts =
            std::iter::once(&schema).chain(schema.all_of.iter().filter(|p| p.reference.is_none()));
        for part in parts {
            let Some(prop) = part.properties.get(property) else {
                continue;
            };
            let target = self
                .follow(
                    prop,
                    prop.reference.as_deref(),
                    &at.join("properties").join(property),
                )
                .ok()?;
            let values = target.node.enum_values.as_ref()?;
            return Some(
                values
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
            );
        }
        None
    }

    /// The discriminator a model declares or inherits.
    fn discriminator_of(
        &self,
        model: &str,
        slot_of: &HashMap<String, usize>,
        depth: usize,
    ) -> Option<String> {
        let slot = &self.models.slots[*slot_of.get(model)?];
        if slot.discriminator.is_some() || depth > 32 {
            return slot.discriminator.clone();
        }
        slot.parents
            .iter()
            .find_map(|p| self.discriminator_of(p, slot_of, depth + 1))
    }

    /// Whether `model` derives from `base`, directly or through parents.
    fn descends(
        &self,
        model: &str,
        base: &str,
        slot_of: &HashMap<String, usize>,
        depth: usize,
    ) -> bool {
        if depth > 32 {
            return false;
        }
        slot_of.get(model).is_some_and(|&i| {
            self.models.slots[i]
                .parents
                .iter()
                .any(|p| p == base || self.descends(p, base, slot_of, depth + 1))
        })
    }
}

/// A reference to a union's base model becomes a reference to the union.
fn swap_union(t: &mut TypeRef, swaps: &HashMap<String, String>) {
    match t {
        TypeRef::Model(m) => {
            if let Some(u) = swaps.get(m) {
                *t = TypeRef::Union(u.clone());
            }
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            swap_union(inner, swaps)
        }
        _ => {}
    }
}
