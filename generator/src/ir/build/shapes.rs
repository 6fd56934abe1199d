//! How types sit inside one another: by-value cycles boxed, the depth of models inside models
//! measured (for rustc's recursion limit), nested containers given names.

use std::collections::{HashMap, HashSet};

use super::Builder;
use crate::ir::names::{camel_name, type_name};
use crate::ir::{MethodKind, Model, OneOf, Operation, TypeAlias, TypeRef, Union};

impl Builder<'_> {
    /// Names a container of containers where an operation returns it or pages over it: as it
    /// is, `Poller<Pager<BTreeMap<String, Vec<T>>>>` is hard to read (and trips clippy).
    pub(super) fn result_aliases(&mut self, operations: &mut [Operation]) -> Vec<TypeAlias> {
        let mut aliases = Vec::new();
        for op in operations {
            let method = type_name(&op.name);
            let slots: Vec<(&mut TypeRef, &str)> = match &mut op.kind {
                MethodKind::Plain(reply) => vec![(&mut reply.body.ty, "Result")],
                MethodKind::LongRunning { result, .. } => vec![(&mut result.ty, "Result")],
                MethodKind::Pager(paging) | MethodKind::PagedLongRunning { paging, .. } => {
                    vec![(&mut paging.item, "Item")]
                }
                MethodKind::Exists { .. } => Vec::new(),
            };
            for (ty, suffix) in slots {
                if container_depth(ty) < 2 {
                    continue;
                }
                let name = self.types.claim(format!("{method}{suffix}"));
                let target = Box::new(ty.clone());
                aliases.push(TypeAlias {
                    name: name.clone(),
                    ty: std::mem::replace(ty, TypeRef::Alias { name, target }),
                    user: format!("`{}`'s result", op.name),
                });
            }
        }
        aliases
    }

    /// Names the type of a field that nests three containers or more (`Option` around them
    /// makes four, past what reads well).
    pub(super) fn field_aliases(&mut self, models: &mut [Model]) -> Vec<TypeAlias> {
        let mut aliases = Vec::new();
        for m in models {
            let model = m.name.clone();
            let fields = m.fields.iter_mut().map(|f| (&mut f.ty, f.name.as_str(), 3));
            let extra = m
                .additional_properties
                .as_mut()
                .map(|ap| (&mut ap.ty, "value", 2));
            for (ty, field, limit) in fields.chain(extra) {
                if container_depth(ty) < limit {
                    continue;
                }
                let name = self.types.claim(format!("{model}{}", camel_name(field)));
                let target = Box::new(ty.clone());
                aliases.push(TypeAlias {
                    name: name.clone(),
                    ty: std::mem::replace(ty, TypeRef::Alias { name, target }),
                    user: format!("`{model}::{field}`"),
                });
            }
        }
        aliases
    }
}

/// Boxes each by-value field whose type leads back to its own model by value: the field's
/// target lies in the same strongly connected component of the by-value graph.
pub(super) fn box_cycles(models: &mut [Model]) {
    let index: HashMap<&str, usize> = models
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.as_str(), i))
        .collect();
    // A union holds its variants boxed: only a model field holds a model by value.
    let by_value = |t: &TypeRef| -> Vec<usize> {
        match t {
            TypeRef::Model(m) => index.get(m.as_str()).copied().into_iter().collect(),
            _ => Vec::new(),
        }
    };
    let edges: Vec<Vec<usize>> = models
        .iter()
        .map(|m| m.fields.iter().flat_map(|f| by_value(&f.ty)).collect())
        .collect();
    let component = strongly_connected(&edges);
    let targets: Vec<Vec<Vec<usize>>> = models
        .iter()
        .map(|m| m.fields.iter().map(|f| by_value(&f.ty)).collect())
        .collect();
    for (i, m) in models.iter_mut().enumerate() {
        for (f, field) in m.fields.iter_mut().enumerate() {
            field.boxed = targets[i][f].iter().any(|&t| component[t] == component[i]);
        }
    }
}

/// How deep models may contain one another (through fields of any container) before rustc's
/// default recursion limit of 128 can be reached: about two type levels per model.
pub const RUSTC_SAFE_DEPTH: usize = 48;

/// The longest chain of models containing one another, through fields of any kind (rustc's drop
/// check walks every one); a cycle counts its members once.
pub(super) fn type_depth(models: &[Model], unions: &[Union], one_ofs: &[OneOf]) -> usize {
    let index: HashMap<&str, usize> = models
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.as_str(), i))
        .collect();
    let mut union_variants: HashMap<&str, Vec<usize>> = unions
        .iter()
        .map(|u| {
            let variants = u
                .variants
                .iter()
                .filter_map(|(_, m)| index.get(m.as_str()).copied())
                .collect();
            (u.name.as_str(), variants)
        })
        .collect();
    for o in one_ofs {
        let mut named = HashSet::new();
        for v in &o.variants {
            collect_models(&v.ty, &mut named);
        }
        let variants = named
            .iter()
            .filter_map(|m| index.get(m.as_str()).copied())
            .collect();
        union_variants.insert(o.name.as_str(), variants);
    }
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); models.len()];
    for (i, m) in models.iter().enumerate() {
        let mut named = HashSet::new();
        for ty in m
            .fields
            .iter()
            .map(|f| &f.ty)
            .chain(m.additional_properties.as_ref().map(|ap| &ap.ty))
        {
            collect_models(ty, &mut named);
            collect_unions(ty, &mut named);
        }
        for n in &named {
            if let Some(&j) = index.get(n.as_str()) {
                edges[i].push(j);
            }
            if let Some(variants) = union_variants.get(n.as_str()) {
                edges[i].extend(variants);
            }
        }
    }
    let component = strongly_connected(&edges);
    let count = component.iter().max().map_or(0, |m| m + 1);
    let mut size = vec![0usize; count];
    for &c in &component {
        size[c] += 1;
    }
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (from, tos) in edges.iter().enumerate() {
        for &to in tos {
            if component[from] != component[to] {
                down[component[from]].push(component[to]);
            }
        }
    }
    // Kosaraju numbers components in topological order: edges go to higher numbers, so the
    // depths fill in from the last component back.
    let mut depth = vec![0usize; count];
    for c in (0..count).rev() {
        let below = down[c].iter().map(|&d| depth[d]).max().unwrap_or(0);
        depth[c] = size[c] + below;
    }
    depth.into_iter().max().unwrap_or(0)
}

fn collect_unions(t: &TypeRef, out: &mut HashSet<String>) {
    match t {
        TypeRef::Union(u) | TypeRef::OneOf(u) => {
            out.insert(u.clone());
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            collect_unions(inner, out)
        }
        _ => {}
    }
}

/// Kosaraju's algorithm, iteratively: the component of each node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.pop() {
            if let Some(&to) = edges[node].get(next) {
                stack.push((node, next + 1));
                if !seen[to] {
                    seen[to] = true;
                    stack.push((to, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut reverse = vec![Vec::new(); n];
    for (from, tos) in edges.iter().enumerate() {
        for &to in tos {
            reverse[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; n];
    for (id, &start) in order.iter().rev().enumerate() {
        if component[start] != usize::MAX {
            continue;
        }
        component[start] = id;
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &from in &reverse[node] {
                if component[from] == usize::MAX {
                    component[from] = id;
                    stack.push(from);
                }
            }
        }
    }
    component
}

/// How many `Vec`s and maps a type nests, one inside another.
fn container_depth(ty: &TypeRef) -> usize {
    match ty {
        TypeRef::Vec(inner) | TypeRef::Map(inner) => 1 + container_depth(inner),
        // `Option` around an item reads as part of it.
        TypeRef::Nullable(inner) => container_depth(inner),
        _ => 0,
    }
}

fn collect_models(t: &TypeRef, out: &mut HashSet<String>) {
    match t {
        TypeRef::Model(m) => {
            out.insert(m.clone());
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            collect_models(inner, out)
        }
        _ => {}
    }
}
