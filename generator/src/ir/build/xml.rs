//! XML: where each part of a model goes in its element, as the spec's `xml` objects say —
//! attribute, text, child element, list wrapped or not — and which models XML bodies reach.
//! Places are worked out while models are built, only for a spec that sends or reads XML at
//! all; afterwards the models no XML body reaches lose them again.

use std::collections::{BTreeSet, VecDeque};
use std::rc::Rc;

use super::Builder;
use crate::error::{Location, Result, last_segment};
use crate::frontend::swagger::{Schema, Swagger, XmlObject};
use crate::ir::{BodyContent, Media, Model, Operation, TypeRef, XmlName, XmlPlace};

/// Whether a document sends or reads XML anywhere (its own or an operation's `consumes` or
/// `produces`).
pub(super) fn mentioned(doc: &Swagger) -> bool {
    let is_xml = |types: &[String]| types.iter().any(|t| super::media::is_xml(t));
    is_xml(&doc.consumes)
        || is_xml(&doc.produces)
        || doc
            .paths
            .values()
            .flat_map(|item| item.operations())
            .any(|(_, op)| {
                op.consumes.as_deref().is_some_and(is_xml)
                    || op.produces.as_deref().is_some_and(is_xml)
            })
}

impl Builder<'_> {
    /// Where the property `wire` (its schema `prop`, at `at`, of type `ty`) goes in its
    /// model's element. Only a value can be an attribute or the element's text: a list, a map
    /// or a model marked so is reported and stays an element.
    pub(super) fn xml_place(
        &mut self,
        prop: &Rc<Schema>,
        at: &Location,
        wire: &str,
        ty: &TypeRef,
    ) -> Result<XmlPlace> {
        let own = prop.xml.clone().unwrap_or_default();
        if own.attribute || own.text {
            if is_value(ty) {
                return Ok(match own.attribute {
                    true => XmlPlace::Attribute(qualified(&own, wire).name),
                    false => XmlPlace::Text,
                });
            }
            self.warn(
                &at.join("xml"),
                "only a value can be an attribute or an element's text; written as an element",
            );
        }
        let target = self.follow(prop, prop.reference.as_deref(), at)?;
        let referenced = target.node.xml.clone().filter(|_| prop.reference.is_some());
        if let Some(items) = target.node.items.clone() {
            let wrapped = own.wrapped || referenced.as_ref().is_some_and(|x| x.wrapped);
            let wrapper_name = own.name.as_deref().unwrap_or(wire);
            let item = self.xml_item(&items, &target.at.join("items"), wrapped, wrapper_name)?;
            let wrapper = wrapped.then(|| qualified(&own, wire));
            return Ok(XmlPlace::List { wrapper, item });
        }
        // A referenced model's own name wins over the property's (AutoRest's reading).
        Ok(XmlPlace::Element(match (&own.name, referenced) {
            (None, Some(model)) if model.name.is_some() => qualified(&model, wire),
            _ => qualified(&own, wire),
        }))
    }

    /// The root element of an XML body whose schema is `schema`; `fallback` names it when
    /// neither the schema nor its definition does.
    pub(super) fn xml_root(
        &mut self,
        schema: &Rc<Schema>,
        at: &Location,
        fallback: &str,
    ) -> Result<XmlPlace> {
        let target = self.follow(schema, schema.reference.as_deref(), at)?;
        let own = schema
            .xml
            .clone()
            .or_else(|| target.node.xml.clone())
            .unwrap_or_default();
        let name = own
            .name
            .clone()
            .or_else(|| schema.reference.as_deref().map(last_segment))
            .unwrap_or_else(|| fallback.to_owned());
        let root = XmlObject {
            name: Some(name.clone()),
            ..own
        };
        Ok(match target.node.items.clone() {
            Some(items) => XmlPlace::List {
                item: self.xml_item(&items, &target.at.join("items"), true, &name)?,
                wrapper: Some(qualified(&root, &name)),
            },
            None => XmlPlace::Element(qualified(&root, &name)),
        })
    }

    /// An array item's element: the items' `xml.name`, else the referenced model's, else (in a
    /// wrapped list) the model's definition name, else the list's own name.
    fn xml_item(
        &mut self,
        items: &Rc<Schema>,
        at: &Location,
        wrapped: bool,
        list_name: &str,
    ) -> Result<XmlName> {
        if let Some(own) = items.xml.as_ref().filter(|x| x.name.is_some()) {
            return Ok(qualified(own, list_name));
        }
        let Some(reference) = items.reference.as_deref() else {
            return Ok(XmlName::plain(list_name));
        };
        let target = self.follow(items, Some(reference), at)?;
        Ok(
            match target.node.xml.as_ref().filter(|x| x.name.is_some()) {
                Some(model) => qualified(model, list_name),
                None if wrapped => XmlName::plain(&last_segment(reference)),
                None => XmlName::plain(list_name),
            },
        )
    }

    /// A model's own tag: its `xml.name`, else its definition's name, else `fallback`.
    pub(super) fn xml_tag(&self, schema: &Schema, at: &Location, fallback: &str) -> XmlName {
        let own = schema.xml.clone().unwrap_or_default();
        let name = at
            .pointer
            .strip_prefix("/definitions/")
            .filter(|rest| !rest.contains('/'))
            .map(last_segment)
            .unwrap_or_else(|| fallback.to_owned());
        qualified(&own, &name)
    }

    /// Keeps the XML places of the models XML bodies reach (through fields, lists and maps),
    /// and drops the others'. A union or a choice of alternatives in XML is not supported: a
    /// warning names it, and its field is left out of the XML.
    pub(super) fn settle_xml(&mut self, models: &mut [Model], operations: &mut [Operation]) {
        self.json_for_unions(operations);
        let mut queue: VecDeque<TypeRef> = VecDeque::new();
        for op in operations {
            let sends = op.body.as_ref().filter(|b| b.xml.is_some());
            if let Some(body) = sends {
                queue.push_back(body.ty.clone());
            }
            let reads = op.kind.decoded().filter(|d| d.media == Media::Xml);
            if let Some(decoded) = reads {
                queue.push_back(decoded.ty.clone());
            }
            // A service speaking XML answers errors in XML too (Azure Storage's `<Error>`).
            if (sends.is_some() || reads.is_some())
                && let Some(errors) = &op.errors
            {
                queue.extend(errors.default.iter().cloned());
                queue.extend(errors.by_status.iter().map(|(_, ty)| ty.clone()));
            }
        }
        let mut reached: BTreeSet<String> = BTreeSet::new();
        let mut unsupported: BTreeSet<String> = BTreeSet::new();
        while let Some(ty) = queue.pop_front() {
            match ty {
                TypeRef::Model(name) => {
                    if let Some(model) = models.iter().find(|m| m.name == name)
                        && reached.insert(name)
                    {
                        queue.extend(model.fields.iter().map(|f| f.ty.clone()));
                        if let Some(extra) = &model.additional_properties {
                            queue.push_back(extra.ty.clone());
                        }
                    }
                }
                TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                    queue.push_back(*inner);
                }
                TypeRef::Alias { target, .. } => queue.push_back(*target),
                TypeRef::Union(name) | TypeRef::OneOf(name) => {
                    unsupported.insert(name);
                }
                _ => {}
            }
        }
        for model in models.iter_mut() {
            if !reached.contains(&model.name) {
                model.xml = None;
                for field in &mut model.fields {
                    field.xml = None;
                }
            }
        }
        for name in unsupported {
            self.warn(
                &Location::new(&self.root.clone(), "/definitions"),
                format!("`{name}` is a union: XML bodies leave it out (not supported)"),
            );
        }
    }
}

impl Builder<'_> {
    /// A body or result that is a union (known only once types are resolved) has no XML
    /// form: it travels as JSON, with a warning, rather than as an XML document missing it.
    fn json_for_unions(&mut self, operations: &mut [Operation]) {
        for op in operations {
            let at = Location::new(&self.root.clone(), &op.pointer);
            if let Some(body) = op.body.as_mut().filter(|b| b.xml.is_some())
                && !body.ty.has_xml_form()
            {
                body.xml = None;
                match &mut body.content {
                    BodyContent::One(m) => m.media = Media::Json,
                    BodyContent::Choice { variants, .. } => {
                        for v in variants
                            .iter_mut()
                            .filter(|v| v.media_type.media == Media::Xml)
                        {
                            v.media_type.media = Media::Json;
                        }
                    }
                }
                self.warn(&at, "a union has no XML form: the body is sent as JSON");
            }
            if let Some(decoded) = op.kind.decoded_mut().filter(|d| d.media == Media::Xml)
                && !decoded.ty.has_xml_form()
            {
                decoded.media = Media::Json;
                decoded.xml = None;
                self.warn(&at, "a union has no XML form: the answer is read as JSON");
            }
        }
    }
}

/// Whether a value of `ty` is text in XML (a string, number, date, enum...), not a list, map or
/// model.
fn is_value(ty: &TypeRef) -> bool {
    !matches!(
        ty,
        TypeRef::Model(_)
            | TypeRef::Vec(_)
            | TypeRef::Map(_)
            | TypeRef::Nullable(_)
            | TypeRef::Union(_)
            | TypeRef::OneOf(_)
            | TypeRef::Alias { .. }
            | TypeRef::File
            | TypeRef::Unit
    )
}

/// An `xml` object's name (or `default`) with its prefix, and the namespace it declares.
fn qualified(xml: &XmlObject, default: &str) -> XmlName {
    let local = xml.name.as_deref().unwrap_or(default);
    XmlName {
        name: match xml.prefix.as_deref() {
            Some(prefix) if !prefix.is_empty() => format!("{prefix}:{local}"),
            _ => local.to_owned(),
        },
        namespace: xml
            .namespace
            .clone()
            .map(|uri| (xml.prefix.clone().unwrap_or_default(), uri)),
    }
}
