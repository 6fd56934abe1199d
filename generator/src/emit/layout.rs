//! How a generated file is laid out: its header comment, its module docs as `//!` lines, its
//! `use` lines, then its items with a blank line between each (and between an impl block's
//! members). Emitters write paths in full (`restgen_runtime::Pipeline`); this module shortens
//! them to names the file imports, where no type of the API has the same name.

use std::collections::BTreeSet;

use proc_macro2::{Delimiter, Group, Ident, Literal, Spacing, TokenStream, TokenTree};
use quote::{format_ident, quote};

use crate::error::{Error, Result};

/// One item of a generated file.
pub(super) enum Item {
    /// A struct, an enum, a function, a constant, a trait impl read as one.
    Plain(TokenStream),
    /// An impl block whose members (methods, constants) are separated by blank lines.
    Impl {
        /// `impl Name`, `impl Trait for Name`.
        head: TokenStream,
        /// Its members, each with its docs.
        members: Vec<TokenStream>,
    },
}

/// A generated file's parts.
pub(super) struct Parts<'a> {
    /// The file, for messages (`client.rs`).
    pub(super) name: &'a str,
    /// The `//` header (provenance), with its line breaks.
    pub(super) header: &'a str,
    /// Module docs, one `//!` line per line.
    pub(super) doc: Option<&'a str>,
    /// Inner attributes (`#![forbid(unsafe_code)]`), after the docs.
    pub(super) inner: TokenStream,
    /// Types of the API the file uses from its siblings (`use super::{...}`).
    pub(super) siblings: &'a BTreeSet<String>,
    /// Every type name of the API: runtime and standard names that clash stay qualified.
    pub(super) local_types: &'a BTreeSet<String>,
    /// The items, in order.
    pub(super) items: Vec<Item>,
}

/// Lays a file out: header, docs and inner attributes, imports, then the items, with a blank
/// line between each part.
pub(super) fn file(parts: Parts<'_>) -> Result<String> {
    let mut imports = Imports::new(parts.local_types);
    let mut items = Vec::new();
    for item in parts.items {
        items.push(match item {
            Item::Plain(tokens) => format(parts.name, imports.shorten(tokens))?,
            Item::Impl { head, members } => {
                let head = imports.shorten(head);
                let members = members
                    .into_iter()
                    .map(|m| member(parts.name, &head, imports.shorten(m)))
                    .collect::<Result<Vec<_>>>()?;
                let head_text = format(parts.name, quote! { #head {} })?;
                let head_text = head_text.trim_end().trim_end_matches("{}").trim_end();
                format!("{head_text} {{\n{}}}\n", members.join("\n"))
            }
        });
    }
    let mut top = String::new();
    for line in parts.doc.unwrap_or_default().lines() {
        match line {
            "" => top.push_str("//!\n"),
            l => top.push_str(&format!("//! {l}\n")),
        }
    }
    // Each inner attribute on a line of its own.
    let trees: Vec<TokenTree> = parts.inner.into_iter().collect();
    for attr in trees.chunks(3) {
        let attr: TokenStream = attr.iter().cloned().collect();
        top.push_str(&format(parts.name, attr)?.replace("\n", ""));
        top.push('\n');
    }
    let mut sections: Vec<String> = Vec::new();
    sections.extend(Some(top).filter(|t| !t.is_empty()));
    let uses = imports.use_items(parts.siblings);
    if !uses.is_empty() {
        sections.push(format(parts.name, uses)?);
    }
    sections.extend(items);
    Ok(format!("{}\n{}", parts.header, sections.join("\n")))
}

/// One member of an impl block, formatted at the block's indentation: the member is laid out
/// inside an impl of its own, whose first and last lines are then dropped.
fn member(what: &str, head: &TokenStream, member: TokenStream) -> Result<String> {
    let text = format(what, quote! { #head { #member } })?;
    let lines: Vec<&str> = text.lines().collect();
    let inner = lines
        .get(1..lines.len().saturating_sub(1))
        .unwrap_or_default();
    Ok(inner.iter().map(|l| format!("{l}\n")).collect())
}

/// Parses the tokens (catching any emitter bug as an error, not a panic) and pretty-prints them.
fn format(what: &str, tokens: TokenStream) -> Result<String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| Error::Emit {
        what: what.to_owned(),
        message: e.to_string(),
    })?;
    Ok(prettyplease::unparse(&file))
}

/// The runtime's and the standard library's names a file imports.
struct Imports<'a> {
    local_types: &'a BTreeSet<String>,
    runtime: BTreeSet<String>,
    collections: BTreeSet<String>,
}

impl<'a> Imports<'a> {
    fn new(local_types: &'a BTreeSet<String>) -> Self {
        Self {
            local_types,
            runtime: BTreeSet::new(),
            collections: BTreeSet::new(),
        }
    }

    /// The tokens with `restgen_runtime::Name` (a type, or the `wire` and `paging` modules)
    /// and `std::collections::BTreeMap` shortened to imported names, unless an API type has the
    /// name.
    fn shorten(&mut self, tokens: TokenStream) -> TokenStream {
        let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out: Vec<TokenTree> = Vec::with_capacity(trees.len());
        let mut i = 0;
        while i < trees.len() {
            if let Some((name, taken)) = self.path_at(&trees, i) {
                out.push(TokenTree::Ident(name));
                i += taken;
                continue;
            }
            // Each token is taken out as it is passed (what `path_at` looks back at is only
            // whether a token was a `:`, and the stand-in is not): a group taken whole gives
            // its stream up without a copy, where a shared one is copied to be walked.
            let passed = TokenTree::Punct(proc_macro2::Punct::new(';', Spacing::Alone));
            out.push(match std::mem::replace(&mut trees[i], passed) {
                TokenTree::Group(g) => {
                    let (delimiter, span, stream) = (g.delimiter(), g.span(), g.stream());
                    drop(g);
                    let mut inner = Group::new(delimiter, self.shorten(stream));
                    inner.set_span(span);
                    TokenTree::Group(inner)
                }
                TokenTree::Literal(l) => TokenTree::Literal(self.shorten_path_literal(l)),
                other => other,
            });
            i += 1;
        }
        out.into_iter().collect()
    }

    /// A path written in a string (serde's `with = "restgen_runtime::wire::date"`), with the
    /// `wire` module shortened as in code. Only a string that is a path from its start: prose
    /// (docs) is left as it is.
    fn shorten_path_literal(&mut self, literal: Literal) -> Literal {
        const WIRE: &str = "restgen_runtime::wire::";
        let text = literal.to_string();
        let Some(path) = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .filter(|path| path.starts_with(WIRE))
        else {
            return literal;
        };
        if self.local_types.contains("wire") {
            return literal;
        }
        self.runtime.insert("wire".to_owned());
        let mut short = Literal::string(&path.replace(WIRE, "wire::"));
        short.set_span(literal.span());
        short
    }

    /// A path starting at `trees[i]` that the file imports: the name it becomes, and how many
    /// tokens it took.
    fn path_at(&mut self, trees: &[TokenTree], i: usize) -> Option<(Ident, usize)> {
        // Compared in place: most tokens are not the start of a path, and naming each would
        // allocate.
        let is = |k: usize, word: &str| matches!(trees.get(i + k), Some(TokenTree::Ident(id)) if id == word);
        if !is(0, "restgen_runtime") && !is(0, "std") {
            return None;
        }
        let ident = |k: usize| match trees.get(i + k) {
            Some(TokenTree::Ident(id)) => Some(id.to_string()),
            _ => None,
        };
        let colons = |k: usize| {
            matches!(
                (trees.get(i + k), trees.get(i + k + 1)),
                (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                    if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
            )
        };
        // Not the tail of a longer path (`a::restgen_runtime::X`).
        let colon = |k: usize| matches!(&trees[k], TokenTree::Punct(p) if p.as_char() == ':');
        if i >= 2 && colon(i - 1) && colon(i - 2) {
            return None;
        }
        match ident(0)?.as_str() {
            "restgen_runtime" if colons(1) => {
                let name = ident(3)?;
                let importable = RUNTIME_MODULES.contains(&name.as_str())
                    || name.starts_with(|c: char| c.is_ascii_uppercase());
                if !importable || self.local_types.contains(&name) {
                    return None;
                }
                self.runtime.insert(name.clone());
                Some((format_ident!("{}", name), 4))
            }
            "std" if colons(1) && ident(3)? == "collections" && colons(4) => {
                let name = ident(6)?;
                if name != "BTreeMap" || self.local_types.contains(&name) {
                    return None;
                }
                self.collections.insert(name.clone());
                Some((format_ident!("{}", name), 7))
            }
            _ => None,
        }
    }

    /// The file's `use` lines: its siblings' types, the standard library's, the runtime's.
    fn use_items(&self, siblings: &BTreeSet<String>) -> TokenStream {
        let mut uses = TokenStream::new();
        if !self.collections.is_empty() {
            let names = self.collections.iter().map(|n| format_ident!("{}", n));
            uses.extend(quote! { use std::collections::{#(#names),*}; });
        }
        if !self.runtime.is_empty() {
            // Modules first, then types, as rustfmt orders them.
            let names = self
                .runtime
                .iter()
                .filter(|n| RUNTIME_MODULES.contains(&n.as_str()))
                .chain(
                    self.runtime
                        .iter()
                        .filter(|n| !RUNTIME_MODULES.contains(&n.as_str())),
                )
                .map(|n| format_ident!("{}", n));
            uses.extend(quote! { use restgen_runtime::{#(#names),*}; });
        }
        if !siblings.is_empty() {
            let names = siblings.iter().map(|n| format_ident!("{}", n));
            uses.extend(quote! { use super::{#(#names),*}; });
        }
        // A single name needs no braces.
        unbrace(uses)
    }
}

/// The runtime's modules a file imports by name (`wire::rfc3339::format`, `xml::Tag`).
const RUNTIME_MODULES: &[&str] = &["wire", "xml"];

/// `use a::{B};` written `use a::B;`.
fn unbrace(tokens: TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    trees
        .into_iter()
        .map(|t| match t {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                match inner.as_slice() {
                    [TokenTree::Ident(one)] => TokenTree::Ident(one.clone()),
                    _ => TokenTree::Group(g),
                }
            }
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_types_are_imported_unless_the_api_has_one_of_that_name() {
        let locals: BTreeSet<String> = ["Request".to_owned()].into_iter().collect();
        let mut imports = Imports::new(&locals);
        let tokens = quote! {
            fn f(p: restgen_runtime::Pipeline) -> restgen_runtime::Result<restgen_runtime::Request> {
                restgen_runtime::wire::rfc3339::format(x);
                restgen_runtime::path_param("a", b);
                #[serde(with = "restgen_runtime::wire::format::As::<restgen_runtime::wire::format::Date>")]
                let doc = " restgen_runtime::wire::date stays in prose";
                let m: std::collections::BTreeMap<String, u8> = Default::default();
            }
        };
        let short = imports.shorten(tokens).to_string();
        assert!(short.contains("p : Pipeline"), "{short}");
        assert!(
            short.contains("Result < restgen_runtime :: Request >"),
            "{short}"
        );
        assert!(short.contains("wire :: rfc3339 :: format"), "{short}");
        assert!(short.contains("restgen_runtime :: path_param"), "{short}");
        assert!(
            short.contains(r#"with = "wire::format::As::<wire::format::Date>""#),
            "{short}"
        );
        assert!(
            short.contains(" restgen_runtime::wire::date stays"),
            "{short}"
        );
        assert!(short.contains("BTreeMap < String"), "{short}");
        let uses = imports.use_items(&BTreeSet::new()).to_string();
        assert_eq!(
            uses,
            "use std :: collections :: BTreeMap ; use restgen_runtime :: { wire , Pipeline , Result } ;"
        );
    }
}
