//! One client from several versions of one API (the AutoRest multi-API shape): the newest
//! version's operations and types, the operations only older versions have, and for each
//! operation the versions that have it. The caller chooses the version when building the
//! client; an operation outside it is refused before anything is sent.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{Api, Endpoint, TypeRef};

/// Merges `versions` (oldest first) into one API. Warnings say what could not be merged
/// exactly (a type two versions define differently keeps the newest definition).
pub fn merge(mut versions: Vec<Api>) -> (Api, Vec<String>) {
    let mut warnings = Vec::new();
    let Some(mut merged) = versions.pop() else {
        unreachable!("merge is given at least one version")
    };
    if versions.is_empty() {
        return (merged, warnings);
    }
    let newest = merged.api_version.clone();
    for op in &mut merged.client.operations {
        op.api_versions = vec![newest.clone()];
    }
    // Newest first: each older version adds its version to the operations it shares, and its
    // own operations with the types they need.
    for older in versions.into_iter().rev() {
        let version = older.api_version.clone();
        match (&older.client.endpoint, &merged.client.endpoint) {
            (a, b) if endpoint_text(a) == endpoint_text(b) => {}
            // The same parameters in another template: chosen by the version at construction.
            (
                Endpoint::Template {
                    template,
                    params: old_params,
                },
                Endpoint::Template { params, .. },
            ) if old_params
                .iter()
                .map(|p| &p.wire_name)
                .eq(params.iter().map(|p| &p.wire_name)) =>
            {
                merged
                    .client
                    .version_templates
                    .push((version.clone(), template.clone()));
            }
            _ => warnings.push(format!(
                "api-version {version} has another endpoint than {newest}; the merged client \
                 uses {newest}'s"
            )),
        }
        let mut added = Vec::new();
        for op in older.client.operations {
            match merged
                .client
                .operations
                .iter_mut()
                .find(|o| o.operation_id == op.operation_id)
            {
                Some(existing) => {
                    existing.api_versions.insert(0, version.clone());
                    // A version answering without the body a newer one declares: the result
                    // may be absent.
                    if let (super::MethodKind::Plain(new), super::MethodKind::Plain(old)) =
                        (&mut existing.kind, &op.kind)
                        && new.body.ty != TypeRef::Unit
                        && old.body.ty == TypeRef::Unit
                    {
                        new.body.optional = true;
                    }
                }
                None => {
                    let mut op = op;
                    op.api_versions = vec![version.clone()];
                    added.push(op);
                }
            }
        }
        if added.is_empty() {
            continue;
        }
        // The types the older operations need (through fields, variants and aliases too) that
        // the merged client does not define yet.
        let mut wanted = BTreeSet::new();
        let mut decoders = BTreeSet::new();
        for op in &added {
            names_in(&serde_json::to_value(op).unwrap_or_default(), &mut wanted);
            if let Some(e) = &op.errors {
                decoders.insert(e.decoder.clone());
            }
        }
        loop {
            let mut found = BTreeSet::new();
            for m in older.models.iter().filter(|m| wanted.contains(&m.name)) {
                names_in(&serde_json::to_value(m).unwrap_or_default(), &mut found);
            }
            for u in older.unions.iter().filter(|u| wanted.contains(&u.name)) {
                found.insert(u.base.clone());
                found.extend(u.variants.iter().map(|(_, m)| m.clone()));
            }
            for o in older.one_ofs.iter().filter(|o| wanted.contains(&o.name)) {
                names_in(&serde_json::to_value(o).unwrap_or_default(), &mut found);
            }
            for a in older.aliases.iter().filter(|a| wanted.contains(&a.name)) {
                names_in(&serde_json::to_value(a).unwrap_or_default(), &mut found);
            }
            let before = wanted.len();
            wanted.extend(found);
            if wanted.len() == before {
                break;
            }
        }
        merged.client.operations.extend(added);
        let wanted = |name: &String| wanted.contains(name);
        add_new(&mut merged.models, older.models, |m| &m.name, wanted);
        add_new(&mut merged.enums, older.enums, |e| &e.name, wanted);
        add_new(&mut merged.unions, older.unions, |u| &u.name, wanted);
        add_new(&mut merged.one_ofs, older.one_ofs, |o| &o.name, wanted);
        add_new(&mut merged.aliases, older.aliases, |a| &a.name, wanted);
        add_new(
            &mut merged.client.groups,
            older.client.groups,
            |g| &g.name,
            |_| true,
        );
        add_new(
            &mut merged.client.error_decoders,
            older.client.error_decoders,
            |d| &d.name,
            |name| decoders.contains(name),
        );
        merged.type_depth = merged.type_depth.max(older.type_depth);
    }
    let mut all: Vec<String> = Vec::new();
    for op in &merged.client.operations {
        for v in &op.api_versions {
            if !all.contains(v) {
                all.push(v.clone());
            }
        }
    }
    all.sort_by_key(|v| version_order(v));
    // An operation every version has needs no check. Next links carry the version the client
    // was built for, as its requests do, when they name none.
    for op in &mut merged.client.operations {
        if let super::MethodKind::Pager(p) | super::MethodKind::PagedLongRunning { paging: p, .. } =
            &mut op.kind
            && let super::NextPage::Link(policy @ super::ApiVersionPolicy::Keep) = &mut p.next
        {
            *policy = super::ApiVersionPolicy::Append;
        }
        if op.api_versions.len() == all.len() {
            op.api_versions.clear();
        } else {
            op.api_versions.sort_by_key(|v| version_order(v));
        }
    }
    merged.api_versions = all;
    (merged, warnings)
}

/// Adds to `into` the items of `from` that `wanted` picks and whose names `into` does not
/// have yet (the newer version's definition wins).
fn add_new<T>(
    into: &mut Vec<T>,
    from: Vec<T>,
    name: impl Fn(&T) -> &String,
    wanted: impl Fn(&String) -> bool,
) {
    let mut taken: BTreeSet<String> = into.iter().map(|i| name(i).clone()).collect();
    into.extend(
        from.into_iter()
            .filter(|i| wanted(name(i)) && taken.insert(name(i).clone())),
    );
}

/// The type names a piece of the IR refers to (`{"Model": "Pet"}`, an alias's name, a page
/// model), read from its serialized form so that every place a type can appear is covered.
fn names_in(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(o) => {
            for (key, v) in o {
                match (key.as_str(), v) {
                    ("Model" | "Enum" | "NumberEnum" | "Union" | "OneOf", Value::String(name))
                    | ("page_model", Value::String(name)) => {
                        out.insert(name.clone());
                    }
                    ("Alias", Value::Object(alias)) => {
                        if let Some(Value::String(name)) = alias.get("name") {
                            out.insert(name.clone());
                        }
                        names_in(v, out);
                    }
                    _ => names_in(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| names_in(v, out)),
        _ => {}
    }
}

/// The type names `older` defines differently from `newer` (docs aside): an older version's
/// type must take another name beside the newer one.
pub fn conflicts(older: &Api, newer: &Api) -> BTreeSet<String> {
    fn shapes<T: serde::Serialize>(
        items: &[T],
        name: impl Fn(&T) -> &String,
    ) -> BTreeMap<String, Value> {
        items
            .iter()
            .map(|i| {
                let mut v = serde_json::to_value(i).unwrap_or_default();
                strip_docs(&mut v);
                (name(i).clone(), v)
            })
            .collect()
    }
    let mut out = BTreeSet::new();
    let pairs = [
        (
            shapes(&older.models, |m| &m.name),
            shapes(&newer.models, |m| &m.name),
        ),
        (
            shapes(&older.enums, |e| &e.name),
            shapes(&newer.enums, |e| &e.name),
        ),
        (
            shapes(&older.unions, |u| &u.name),
            shapes(&newer.unions, |u| &u.name),
        ),
        (
            shapes(&older.one_ofs, |o| &o.name),
            shapes(&newer.one_ofs, |o| &o.name),
        ),
        (
            shapes(&older.aliases, |a| &a.name),
            shapes(&newer.aliases, |a| &a.name),
        ),
    ];
    for (old, new) in pairs {
        for (name, shape) in &old {
            if new.get(name).is_some_and(|n| n != shape) {
                out.insert(name.clone());
            }
        }
    }
    out
}

fn strip_docs(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.remove("doc");
            o.values_mut().for_each(strip_docs);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_docs),
        _ => {}
    }
}

fn endpoint_text(e: &Endpoint) -> String {
    match e {
        Endpoint::Url { .. } => String::new(),
        Endpoint::Template { template, .. } => template.clone(),
    }
}

/// Versions sort as their numbers (`1.0.0` < `2.0.0`, `2020-07-20-preview1` < `2021-03-07`).
fn version_order(v: &str) -> Vec<(u64, String)> {
    v.split(['.', '-'])
        .map(|part| (part.parse().unwrap_or(u64::MAX), part.to_owned()))
        .collect()
}
