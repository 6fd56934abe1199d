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
            let value = |name: &str| self.models.slots[slot_of[name]].discriminator_value.clone();
            let mut variants = vec![(value(base), base.clone())];
            for other in descendants {
                variants.push((value(other), other.clone()));
            }
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
