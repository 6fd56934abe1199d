//! Models: object schemas become structs, named on first sight and built from a queue (so a
//! model that refers to itself, or to one that refers back, is simply a name); `allOf` parents'
//! properties come first.

use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;

use super::Builder;
use crate::error::{Error, Location, Result};
use crate::frontend::swagger::{AdditionalProperties, Schema};
use crate::ir::names::{Scope, camel_name, value_name};
use crate::ir::{ExtraProperties, ExtraSource, Field, Model, Presence, TypeRef};

/// The models found so far, each in a slot until it is built.
#[derive(Debug, Default)]
pub(super) struct Registry {
    pub(super) slots: Vec<Slot>,
    /// The slot of each schema's location.
    by_location: HashMap<Location, usize>,
    queue: VecDeque<usize>,
}

/// A model and what the union pass needs to know of it.
#[derive(Debug)]
pub(super) struct Slot {
    /// Where the schema is (models are keyed by it).
    pub(super) at: Location,
    /// The name given on first sight.
    pub(super) name: String,
    /// The schema.
    pub(super) schema: Rc<Schema>,
    /// The built model, once the queue reached it.
    pub(super) model: Option<Model>,
    /// `allOf` parents, by model name.
    pub(super) parents: Vec<String>,
    /// The discriminator property this model declares, if it is a polymorphic base.
    pub(super) discriminator: Option<String>,
    /// `x-ms-discriminator-value`, or the definition name.
    pub(super) discriminator_value: String,
}

/// A property as gathered from a model and its parents: where, its wire name, its schema.
type Property = (Location, String, Rc<Schema>);

impl Builder<'_> {
    /// The model for the object schema at `at`, named (and queued) on first sight.
    pub(super) fn model_ref(&mut self, at: &Location, schema: &Rc<Schema>, hint: &str) -> String {
        if let Some(&slot) = self.models.by_location.get(at) {
            return self.models.slots[slot].name.clone();
        }
        let name = self.types.claim(self.type_name_for(hint));
        self.models.slots.push(Slot {
            at: at.clone(),
            name: name.clone(),
            schema: schema.clone(),
            model: None,
            parents: Vec::new(),
            discriminator: None,
            discriminator_value: schema
                .discriminator_value
                .clone()
                .unwrap_or_else(|| hint.to_owned()),
        });
        let slot = self.models.slots.len() - 1;
        self.models.by_location.insert(at.clone(), slot);
        self.models.queue.push_back(slot);
        name
    }

    /// A model built so far, by its Rust name.
    pub(super) fn built_model(&self, name: &str) -> Option<&Model> {
        self.models
            .slots
            .iter()
            .filter_map(|s| s.model.as_ref())
            .find(|m| m.name == name)
    }

    /// Builds every model queued so far (and those they reach).
    pub(super) fn drain_models(&mut self) -> Result<()> {
        while let Some(index) = self.models.queue.pop_front() {
            let model = self.build_model(index)?;
            self.models.slots[index].model = Some(model);
        }
        Ok(())
    }

    fn build_model(&mut self, index: usize) -> Result<Model> {
        let slot = &self.models.slots[index];
        let (at, name, schema) = (slot.at.clone(), slot.name.clone(), slot.schema.clone());
        self.report_extra(&at, &schema.extra, &[]);
        let mut properties: Vec<Property> = Vec::new();
        let mut required: HashSet<String> = schema.required.iter().cloned().collect();
        let mut parents = Vec::new();
        let mut additional = schema.additional_properties.as_ref().map(clone_extra);
        for (i, parent) in schema.all_of.iter().enumerate() {
            let here = at.join("allOf").join(i);
            // A referenced parent that is a struct is a model of its own (a union's base).
            if let Some(reference) = parent.reference.as_deref() {
                let target = self.resolve::<Schema>(&here, reference)?;
                if target.node.is_struct() {
                    let hint = target
                        .at
                        .pointer
                        .rsplit('/')
                        .next()
                        .unwrap_or("Parent")
                        .to_owned();
                    parents.push(self.model_ref(&target.at, &target.node, &hint));
                }
            }
            let parent = self.follow(parent, parent.reference.as_deref(), &here)?;
            let mut gathered = Gathered {
                properties: &mut properties,
                required: &mut required,
                additional: &mut additional,
            };
            self.collect_properties(&parent.at, &parent.node, &mut gathered, 0)?;
        }
        for (wire, prop) in &schema.properties {
            properties.retain(|(_, w, _)| w != wire);
            properties.push((at.join("properties").join(wire), wire.clone(), prop.clone()));
        }
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        for (prop_at, wire, prop) in properties {
            let ty = self.type_of(&prop, &prop_at, &format!("{name}{}", camel_name(&wire)))?;
            // A required property with one allowed value is a constant: filled in by `new`,
            // tolerated when absent.
            let target = self.follow(&prop, prop.reference.as_deref(), &prop_at)?;
            let is_required = required.contains(&wire);
            let constant = target
                .node
                .enum_values
                .as_ref()
                .filter(|v| v.len() == 1 && is_required)
                .and_then(|v| super::scalar_text(&v[0]));
            let presence = match (prop.read_only, constant) {
                (true, _) => Presence::ReadOnly,
                (false, Some(c)) => Presence::Constant(c),
                (false, None) if is_required => Presence::Required,
                (false, None) => Presence::Optional,
            };
            let secret =
                prop.secret || target.node.secret || self.secrets.remove(&format!("{name}.{wire}"));
            let xml = match self.xml {
                true => Some(self.xml_place(&prop, &prop_at, &wire, &ty)?),
                false => None,
            };
            fields.push(Field {
                name: scope.claim(value_name(prop.client_name.as_deref().unwrap_or(&wire))),
                wire_name: wire,
                ty,
                presence,
                boxed: false,
                secret,
                doc: prop.description.clone(),
                xml,
            });
        }
        // After the declared properties: one named `additionalProperties` keeps its name, and
        // the map of the others takes a name that still says what it holds.
        let mut extra_field = || {
            if scope.contains("additional_properties") {
                scope.claim("other_properties".into())
            } else {
                scope.claim("additional_properties".into())
            }
        };
        let additional_properties = match additional {
            // The spec forbids others: none are kept.
            Some(Extra::Allowed(false)) => None,
            None => Some(ExtraProperties {
                field: extra_field(),
                ty: TypeRef::Json,
                source: ExtraSource::Undeclared,
            }),
            Some(values) => Some(ExtraProperties {
                field: extra_field(),
                ty: match values {
                    Extra::Schema(s) => self.type_of(
                        &s,
                        &at.join("additionalProperties"),
                        &format!("{name}Value"),
                    )?,
                    _ => TypeRef::Json,
                },
                source: ExtraSource::Declared,
            }),
        };
        let slot = &mut self.models.slots[index];
        slot.parents = parents;
        slot.discriminator.clone_from(&schema.discriminator);
        let xml = self.xml.then(|| self.xml_tag(&schema, &at, &name));
        Ok(Model {
            name,
            doc: schema.description.clone(),
            fields,
            additional_properties,
            discriminator: None,
            xml,
        })
    }

    /// Gathers the properties of an `allOf` parent and its own parents, parents first.
    fn collect_properties(
        &mut self,
        at: &Location,
        schema: &Rc<Schema>,
        out: &mut Gathered<'_>,
        depth: usize,
    ) -> Result<()> {
        if depth > 32 {
            return Err(Error::spec(at, "`allOf` nests too deep (a cycle?)"));
        }
        for (i, parent) in schema.all_of.iter().enumerate() {
            let parent = self.follow(
                parent,
                parent.reference.as_deref(),
                &at.join("allOf").join(i),
            )?;
            self.collect_properties(&parent.at, &parent.node, out, depth + 1)?;
        }
        out.required.extend(schema.required.iter().cloned());
        if out.additional.is_none() {
            *out.additional = schema.additional_properties.as_ref().map(clone_extra);
        }
        for (wire, prop) in &schema.properties {
            out.properties.retain(|(_, w, _)| w != wire);
            out.properties
                .push((at.join("properties").join(wire), wire.clone(), prop.clone()));
        }
        Ok(())
    }
}

/// What a model gathers from its parents.
struct Gathered<'a> {
    properties: &'a mut Vec<Property>,
    required: &'a mut HashSet<String>,
    additional: &'a mut Option<Extra>,
}

/// `additionalProperties` as gathered (owned, to outlive the schema it came from).
enum Extra {
    Allowed(bool),
    Schema(Rc<Schema>),
}

fn clone_extra(ap: &AdditionalProperties) -> Extra {
    match ap {
        AdditionalProperties::Allowed(b) => Extra::Allowed(*b),
        AdditionalProperties::Schema(s) => Extra::Schema(s.clone()),
    }
}
