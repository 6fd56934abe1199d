//! Parameters that travel together: `x-ms-parameter-grouping` groups (one struct per group,
//! shared by the operations naming it), and bodies flattened into parameters of their own
//! (`flatten-body` in the generation config).

use std::collections::HashMap;

use indexmap::IndexMap;

use super::Builder;
use crate::config::OperationSettings;
use crate::error::{Error, Location, Result};
use crate::frontend::swagger::{Grouping, Located};
use crate::ir::names::{Scope, type_name, value_name};
use crate::ir::{
    Body, BodySource, Carries, GroupArg, GroupField, GroupRef, Param, ParamGroup, ParamLocation,
    ParamSource, Presence, TypeRef, Unset,
};

/// The groups found so far.
#[derive(Debug, Default)]
pub(super) struct Registry {
    /// By type name, in order of discovery.
    pub(super) groups: IndexMap<String, ParamGroup>,
    /// The type name claimed for each group's spec name.
    names: HashMap<String, String>,
}

/// What a grouping applies to.
pub(super) enum Grouped {
    /// The operation's parameter at this index.
    Param(usize),
    /// The operation's body.
    Body,
}

/// An operation's parameters and body, as grouping and flattening rearrange them.
pub(super) struct Arguments<'a> {
    pub(super) op_id: &'a str,
    pub(super) params: &'a mut Vec<Param>,
    pub(super) body: &'a mut Option<Body>,
    pub(super) groups: &'a mut Vec<GroupArg>,
    pub(super) scope: &'a mut Scope,
}

impl Builder<'_> {
    /// Moves parameters marked `x-ms-parameter-grouping` into their group structs: named by
    /// the grouping's `name`, else the operation id and the `postfix` (default `Parameters`).
    pub(super) fn group(
        &mut self,
        args: &mut Arguments<'_>,
        groupings: Vec<(Grouped, Located<Grouping>)>,
    ) -> Result<()> {
        for (target, grouping) in groupings {
            let raw = match &grouping.node.name {
                Some(name) => type_name(name),
                None => type_name(&format!(
                    "{} {}",
                    args.op_id,
                    grouping.node.postfix.as_deref().unwrap_or("Parameters")
                )),
            };
            let ty = match self.groups.names.get(&raw) {
                Some(claimed) => claimed.clone(),
                None => {
                    let claimed = self.types.claim(raw.clone());
                    self.groups.names.insert(raw, claimed.clone());
                    claimed
                }
            };
            let arg = match args.groups.iter().find(|g| g.ty == ty) {
                Some(g) => g.arg.clone(),
                None => {
                    let arg = args.scope.claim(value_name(&ty));
                    args.groups.push(GroupArg {
                        arg: arg.clone(),
                        ty: ty.clone(),
                        required: false,
                    });
                    arg
                }
            };
            let field = group_field(&target, args, &grouping.at)?;
            let field_name = self.join_group(&ty, args.op_id, &field, &grouping.at)?;
            if field.required
                && let Some(g) = args.groups.iter_mut().find(|g| g.ty == ty)
            {
                g.required = true;
            }
            let group = GroupRef {
                arg,
                field: field_name,
            };
            match target {
                Grouped::Param(i) => {
                    let p = &mut args.params[i];
                    let unset = match &p.source {
                        ParamSource::Options { unset } => unset.clone(),
                        _ => Unset::Omitted,
                    };
                    p.source = ParamSource::Group {
                        group,
                        required: field.required,
                        unset,
                    };
                }
                Grouped::Body => {
                    if let Some(b) = args.body.as_mut() {
                        b.source = BodySource::Group {
                            group,
                            required: field.required,
                        };
                    }
                }
            }
        }
        Ok(())
    }

    /// Adds a field to a group (once per wire name, which must keep one type) and returns its
    /// name.
    fn join_group(
        &mut self,
        ty: &str,
        op_id: &str,
        field: &GroupField,
        at: &Location,
    ) -> Result<String> {
        let group = self
            .groups
            .groups
            .entry(ty.to_owned())
            .or_insert_with(|| ParamGroup {
                name: ty.to_owned(),
                operations: Vec::new(),
                fields: Vec::new(),
            });
        if !group.operations.iter().any(|o| o == op_id) {
            group.operations.push(op_id.to_owned());
        }
        match group.fields.iter().find(|f| f.wire_name == field.wire_name) {
            Some(existing) if existing.ty != field.ty || existing.carries != field.carries => {
                Err(Error::spec(
                    at,
                    format!(
                        "`{}` is in group `{ty}` twice with different types",
                        field.wire_name
                    ),
                ))
            }
            Some(existing) => Ok(existing.name.clone()),
            None => {
                let mut name = field.name.clone();
                while group.fields.iter().any(|f| f.name == name) {
                    name.push('_');
                }
                group.fields.push(GroupField {
                    name: name.clone(),
                    ..field.clone()
                });
                Ok(name)
            }
        }
    }

    /// Spreads the body model's writable properties into parameters of their own; the body is
    /// built from them.
    pub(super) fn flatten_body(
        &mut self,
        args: &mut Arguments<'_>,
        settings: &OperationSettings,
        at: &Location,
    ) -> Result<()> {
        let Some(body) = args.body.as_mut() else {
            return Err(Error::spec(
                at,
                "`flatten-body` is set in the config, but the operation has no body",
            ));
        };
        let TypeRef::Model(model) = body.ty.clone() else {
            return Err(Error::spec(
                at,
                "`flatten-body` needs a body that is an object",
            ));
        };
        if !matches!(body.source, BodySource::Argument { .. }) {
            return Err(Error::spec(
                at,
                "`flatten-body` needs a body the caller passes (not a group's, not a constant)",
            ));
        }
        body.source = BodySource::Flattened;
        self.drain_models()?;
        let fields = self
            .built_model(&model)
            .map(|m| m.fields.clone())
            .unwrap_or_default();
        // Read-only fields are never sent; `new` fills the constant ones.
        for f in fields {
            let source = match f.presence {
                Presence::Required => ParamSource::Positional,
                Presence::Optional => ParamSource::Options {
                    unset: Unset::Omitted,
                },
                Presence::ReadOnly | Presence::Constant(_) => continue,
            };
            let name = settings
                .params
                .get(&f.wire_name)
                .cloned()
                .unwrap_or(f.name.clone());
            args.params.push(Param {
                name: args.scope.claim(name),
                wire_name: f.wire_name.clone(),
                location: ParamLocation::BodyField { field: f.name },
                source,
                ty: f.ty,
                skip_encoding: false,
                collection_format: None,
                doc: f.doc,
            });
        }
        Ok(())
    }
}

/// The group field a grouped parameter or body becomes.
fn group_field(target: &Grouped, args: &Arguments<'_>, at: &Location) -> Result<GroupField> {
    Ok(match target {
        Grouped::Param(i) => {
            let p = &args.params[*i];
            // The parameter's Rust name: its `x-ms-client-name` or the config's, as ungrouped.
            GroupField {
                name: p.name.clone(),
                wire_name: p.wire_name.clone(),
                ty: p.ty.clone(),
                required: p.source.is_required(),
                carries: Carries::Parameter,
                doc: p.doc.clone(),
                unset: match &p.source {
                    ParamSource::Options { unset } => unset.clone(),
                    _ => Unset::Omitted,
                },
            }
        }
        Grouped::Body => {
            let Some(b) = args.body.as_ref() else {
                return Err(Error::spec(at, "a grouped body is missing"));
            };
            if b.content.one().is_none() {
                return Err(Error::spec(
                    at,
                    "a body sent as one of several media types cannot be grouped",
                ));
            }
            GroupField {
                name: b.name.clone(),
                wire_name: b.wire_name.clone(),
                ty: b.ty.clone(),
                required: matches!(b.source, BodySource::Argument { required: true }),
                carries: Carries::Body,
                doc: b.doc.clone(),
                unset: Unset::Omitted,
            }
        }
    })
}
