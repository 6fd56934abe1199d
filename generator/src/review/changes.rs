//! What changed between two listings of a crate's public API, each change classified by its
//! effect on code that uses the crate (Rust's semver rules, as `cargo` and its users read them).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::listing::{ApiItem, ItemKind, Listing};

/// A change's effect on users of the crate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// Nothing a user's code can notice (a parameter renamed).
    #[default]
    None,
    /// New things to use; code that compiled still compiles (a minor release).
    Additive,
    /// Code that compiled may stop compiling or mean something else (a major release; a minor
    /// one before 1.0).
    Breaking,
}

impl Effect {
    fn word(self) -> &'static str {
        match self {
            Effect::None => "none",
            Effect::Additive => "additive",
            Effect::Breaking => "breaking",
        }
    }
}

/// Whether an item came, went, or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// In the new API only.
    Added,
    /// In the old API only.
    Removed,
    /// In both, written differently.
    Changed,
}

/// One change to one item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Added, removed or changed.
    pub change: ChangeKind,
    /// The item's kind.
    pub kind: ItemKind,
    /// The item's path.
    pub path: String,
    /// Its line in the old listing.
    pub old: Option<String>,
    /// Its line in the new listing.
    pub new: Option<String>,
    /// What it does to users.
    pub effect: Effect,
    /// Why, in a few words.
    pub reason: &'static str,
}

/// Every change between two listings, breaking ones first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The strongest effect among the changes (`none` when nothing changed).
    pub effect: Effect,
    /// How many changes of each effect.
    pub counts: BTreeMap<Effect, usize>,
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// Compares `old` with `new`. An item inside something added or removed as a whole (a
    /// field of a removed struct, a method of a new client) is not listed again.
    pub fn between(old: &Listing, new: &Listing) -> Self {
        let old_items: BTreeMap<_, &ApiItem> = old.items.iter().map(|i| (i.key(), i)).collect();
        let new_items: BTreeMap<_, &ApiItem> = new.items.iter().map(|i| (i.key(), i)).collect();
        let containers = |from: &BTreeMap<(ItemKind, String), &ApiItem>,
                          other: &BTreeMap<(ItemKind, String), &ApiItem>| {
            from.iter()
                .filter(|(k, i)| is_container(i.kind) && !other.contains_key(*k))
                .map(|(_, i)| i.path.clone())
                .collect::<BTreeSet<String>>()
        };
        let gone = containers(&old_items, &new_items);
        let came = containers(&new_items, &old_items);
        let mut changes = Vec::new();
        for (key, item) in &old_items {
            match new_items.get(key) {
                None if !inside(&item.path, item.kind, &gone) => {
                    changes.push(removed(item));
                }
                Some(now) if now.detail != item.detail => changes.push(changed(item, now)),
                _ => {}
            }
        }
        for (key, item) in &new_items {
            if !old_items.contains_key(key) && !inside(&item.path, item.kind, &came) {
                changes.push(added(item, new));
            }
        }
        changes.sort_by(|a, b| {
            b.effect
                .cmp(&a.effect)
                .then(a.kind.cmp(&b.kind))
                .then(a.path.cmp(&b.path))
        });
        let mut counts = BTreeMap::new();
        for c in &changes {
            *counts.entry(c.effect).or_insert(0) += 1;
        }
        Self {
            effect: changes.iter().map(|c| c.effect).max().unwrap_or_default(),
            counts,
            changes,
        }
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// One line of counts: `3 breaking, 12 additive, 1 without effect`.
    pub fn summary(&self) -> String {
        if self.changes.is_empty() {
            return "no change to the public API".to_owned();
        }
        let count = |e: Effect| self.counts.get(&e).copied().unwrap_or(0);
        let mut parts = Vec::new();
        for (e, label) in [
            (Effect::Breaking, "breaking"),
            (Effect::Additive, "additive"),
            (Effect::None, "without effect"),
        ] {
            if count(e) > 0 {
                parts.push(format!("{} {label}", count(e)));
            }
        }
        let release = match self.effect {
            Effect::Breaking => "a major release (minor before 1.0)",
            Effect::Additive => "a minor release",
            Effect::None => "a patch release",
        };
        format!("public API: {} ({release})", parts.join(", "))
    }

    /// The report for a person: the summary, then each change with what it was and is.
    pub fn text(&self) -> String {
        let mut out = self.summary();
        out.push('\n');
        for c in &self.changes {
            let verb = match c.change {
                ChangeKind::Added => "added",
                ChangeKind::Removed => "removed",
                ChangeKind::Changed => "changed",
            };
            out.push_str(&format!(
                "{:<8} {verb:<7} {} {}: {}\n",
                c.effect.word(),
                c.kind.word(),
                c.path,
                c.reason
            ));
            if c.change == ChangeKind::Changed {
                for (label, line) in [("was", &c.old), ("now", &c.new)] {
                    if let Some(line) = line {
                        out.push_str(&format!("                   {label}: {line}\n"));
                    }
                }
            }
        }
        out
    }

    /// The report for tools, as pretty JSON.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Kinds whose members are listed under their path.
fn is_container(kind: ItemKind) -> bool {
    matches!(
        kind,
        ItemKind::Mod | ItemKind::Struct | ItemKind::Enum | ItemKind::Type
    )
}

/// Whether `path` lies inside one of `containers` (its impls lie inside its own type).
fn inside(path: &str, kind: ItemKind, containers: &BTreeSet<String>) -> bool {
    if kind == ItemKind::Impl && containers.contains(path) {
        return true;
    }
    let mut prefix = path;
    while let Some((head, _)) = prefix.rsplit_once("::") {
        if containers.contains(head) {
            return true;
        }
        prefix = head;
    }
    false
}

fn removed(item: &ApiItem) -> Change {
    Change {
        change: ChangeKind::Removed,
        kind: item.kind,
        path: item.path.clone(),
        old: Some(item.to_string()),
        new: None,
        effect: Effect::Breaking,
        reason: match item.kind {
            ItemKind::Impl => "code relying on the trait stops compiling",
            ItemKind::Variant => "code naming the variant stops compiling",
            _ => "code naming it stops compiling",
        },
    }
}

fn changed(old: &ApiItem, new: &ApiItem) -> Change {
    let exhaustive_now = !new.detail.contains("#[non_exhaustive]");
    let exhaustive_before = !old.detail.contains("#[non_exhaustive]");
    let (effect, reason) = match old.kind {
        ItemKind::Fn if unnamed(&old.detail) == unnamed(&new.detail) => {
            (Effect::None, "parameters renamed; calls are positional")
        }
        ItemKind::Fn => (
            Effect::Breaking,
            "its signature changed: calls stop compiling",
        ),
        ItemKind::Struct | ItemKind::Enum if exhaustive_before && !exhaustive_now => (
            Effect::Breaking,
            "now #[non_exhaustive]: literals and exhaustive matches stop compiling",
        ),
        ItemKind::Struct | ItemKind::Enum => (
            Effect::Additive,
            "no longer #[non_exhaustive]: users may now build or match it exhaustively",
        ),
        ItemKind::Mod => (
            Effect::Breaking,
            "compiled in under another feature: builds naming the old one lose it",
        ),
        _ => (
            Effect::Breaking,
            "its type changed: code using it may stop compiling",
        ),
    };
    Change {
        change: ChangeKind::Changed,
        kind: old.kind,
        path: old.path.clone(),
        old: Some(old.to_string()),
        new: Some(new.to_string()),
        effect,
        reason,
    }
}

fn added(item: &ApiItem, new: &Listing) -> Change {
    // A new field or variant breaks the struct literals or matches users could write when its
    // container is exhaustive.
    let container_exhaustive = |kind: ItemKind| {
        let parent = item.path.rsplit_once("::").map_or("", |(p, _)| p);
        new.items
            .iter()
            .find(|i| i.kind == kind && i.path == parent)
            .is_some_and(|i| !i.detail.contains("#[non_exhaustive]"))
    };
    let (effect, reason) = match item.kind {
        ItemKind::Field if container_exhaustive(ItemKind::Struct) => (
            Effect::Breaking,
            "a field of an exhaustive struct: struct literals without `..` stop compiling",
        ),
        ItemKind::Variant if container_exhaustive(ItemKind::Enum) => (
            Effect::Breaking,
            "a variant of an exhaustive enum: matches without a wildcard arm stop compiling",
        ),
        ItemKind::Impl => (Effect::Additive, "a new trait implementation"),
        _ => (Effect::Additive, "new"),
    };
    Change {
        change: ChangeKind::Added,
        kind: item.kind,
        path: item.path.clone(),
        old: None,
        new: Some(item.to_string()),
        effect,
        reason,
    }
}

/// A signature's detail without parameter names: `(&self, &str) -> T`.
fn unnamed(detail: &str) -> String {
    let Some(open) = detail.find('(') else {
        return detail.to_owned();
    };
    // The argument list closes at the matching parenthesis.
    let mut depth = 0;
    let mut close = detail.len();
    for (i, c) in detail.char_indices().skip_while(|(i, _)| *i < open) {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => {
                depth -= 1;
                if depth == 0 && c == ')' {
                    close = i;
                    break;
                }
            }
            _ => {}
        }
    }
    let args = &detail[open + 1..close];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in args.char_indices() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&args[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&args[start..]);
    let types: Vec<&str> = parts
        .iter()
        .map(|p| {
            let p = p.trim();
            match p.split_once(": ") {
                Some((name, ty)) if !name.contains(['<', '&', '(']) => ty,
                _ => p,
            }
        })
        .collect();
    format!(
        "{}({}){}",
        &detail[..open],
        types.join(", "),
        &detail[close.min(detail.len())..].trim_start_matches(')')
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn listing(text: &str) -> Listing {
        Listing::parse(text, Path::new("test")).unwrap()
    }

    #[test]
    fn each_change_has_its_effect() {
        let old = listing(
            "struct m::Client\n\
             fn m::Client::get(&self, id: &str) -> Result<Thing> (async)\n\
             fn m::Client::delete(&self, id: &str) -> Result<()> (async)\n\
             fn m::Client::gone(&self) -> Result<()> (async)\n\
             struct m::Thing #[non_exhaustive]\n\
             field m::Thing::id: String\n\
             field m::Thing::size: Option<i32>\n\
             struct m::Options\n\
             field m::Options::top: Option<i32>\n\
             enum m::Kind\n\
             variant m::Kind::A\n\
             struct m::Old #[non_exhaustive]\n\
             field m::Old::x: String\n\
             impl m::Old: Clone\n",
        );
        let new = listing(
            "struct m::Client\n\
             fn m::Client::get(&self, thing: &str) -> Result<Thing> (async)\n\
             fn m::Client::delete(&self, id: &str, force: bool) -> Result<()> (async)\n\
             fn m::Client::list(&self) -> Pager<Thing>\n\
             struct m::Thing #[non_exhaustive]\n\
             field m::Thing::id: String\n\
             field m::Thing::size: Option<i64>\n\
             field m::Thing::colour: Option<String>\n\
             struct m::Options\n\
             field m::Options::top: Option<i32>\n\
             field m::Options::skip: Option<i32>\n\
             enum m::Kind\n\
             variant m::Kind::A\n\
             variant m::Kind::B\n\
             struct m::New #[non_exhaustive]\n\
             field m::New::y: String\n",
        );
        let report = Report::between(&old, &new);
        let got: Vec<(Effect, ChangeKind, &str)> = report
            .changes
            .iter()
            .map(|c| (c.effect, c.change, c.path.as_str()))
            .collect();
        use ChangeKind::*;
        use Effect::{Additive, Breaking};
        assert_eq!(
            got,
            [
                (Breaking, Removed, "m::Old"),
                (Breaking, Added, "m::Options::skip"),
                (Breaking, Changed, "m::Thing::size"),
                (Breaking, Added, "m::Kind::B"),
                (Breaking, Changed, "m::Client::delete"),
                (Breaking, Removed, "m::Client::gone"),
                (Additive, Added, "m::New"),
                (Additive, Added, "m::Thing::colour"),
                (Additive, Added, "m::Client::list"),
                (Effect::None, Changed, "m::Client::get"),
            ]
        );
        assert_eq!(report.effect, Breaking);
        assert_eq!(
            report.summary(),
            "public API: 6 breaking, 3 additive, 1 without effect (a major release (minor before 1.0))"
        );
        let json: serde_json::Value = serde_json::from_str(&report.json()).unwrap();
        assert_eq!(json["effect"], "breaking");
        assert_eq!(json["changes"][0]["change"], "removed");
        assert_eq!(json["changes"][0]["old"], "struct m::Old #[non_exhaustive]");
        assert!(
            report
                .text()
                .contains("was: field m::Thing::size: Option<i32>")
        );
    }

    #[test]
    fn the_same_listing_has_no_change() {
        let l = listing("struct m::A\nfield m::A::x: String\n");
        let report = Report::between(&l, &l);
        assert!(report.is_empty());
        assert_eq!(report.effect, Effect::None);
        assert_eq!(report.summary(), "no change to the public API");
    }

    #[test]
    fn parameter_names_do_not_count() {
        assert_eq!(
            unnamed("(&self, id: &str, options: Option<A<B, C>>) -> Result<()> (async)"),
            "(&self, &str, Option<A<B, C>>) -> Result<()> (async)"
        );
    }
}
