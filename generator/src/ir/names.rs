//! Identifier hygiene: every name the emitter writes comes from here, so keywords, leading digits
//! and collisions after case conversion are handled in one place.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Type names generated code refers to unqualified; a model may not take one of them.
const RESERVED_TYPES: &[&str] = &[
    "Self",
    "Option",
    "Result",
    "Vec",
    "String",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Debug",
    "Send",
    "Sync",
    "Copy",
    "Sized",
    "Drop",
    "Fn",
    "Iterator",
    "Into",
    "From",
    "ToString",
    "PartialEq",
    "Eq",
    "BTreeMap",
    "Serialize",
    "Deserialize",
    "Pager",
    "Poller",
    "Pipeline",
    "ClientOptions",
    "Credential",
];

/// What a generated crate's root re-exports: a module's type of the same name would make
/// `use krate::*` beside `use krate::module::*` ambiguous for the caller (`Result<T, Error>`).
/// Enum variants, always written `Enum::Name`, may take them.
const CRATE_ROOT_TYPES: &[&str] = &[
    "Error",
    "ErrorKind",
    "ServiceError",
    "CallOptions",
    "ConnectionString",
    "KeyCredential",
    "ApiKeyCredential",
    "BearerTokenCredential",
    "StaticTokenCredential",
    "TokenCredential",
    "OffsetDateTime",
    "PollUpdate",
    "LroOutcome",
    "TryStreamExt",
];

/// Keeps letters, digits and word breaks; everything else separates words. A plural acronym
/// (`LROs`, `IDs`, `VMs`) is one word, not an acronym and a word `Os`.
fn words(raw: &str) -> String {
    let chars: Vec<char> = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut out = chars.clone();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && chars[i].is_ascii_uppercase() {
            i += 1;
        }
        let run = i - start;
        let plural = run >= 2
            && chars.get(i) == Some(&'s')
            && chars.get(i + 1).is_none_or(|c| !c.is_ascii_lowercase());
        if plural {
            for c in &mut out[start + 1..i] {
                *c = c.to_ascii_lowercase();
            }
        }
        i = i.max(start + 1);
    }
    out.into_iter().collect()
}

/// An `UpperCamelCase` type name, clear of the names its callers import from the crate root.
pub fn type_name(raw: &str) -> String {
    let mut name = camel_name(raw);
    if CRATE_ROOT_TYPES.contains(&name.as_str()) {
        name.push_str("Model");
    }
    name
}

/// An `UpperCamelCase` name, clear of the names generated code uses unqualified: an enum
/// variant (always written `Enum::Name`), or a part of a longer type name.
pub fn camel_name(raw: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        name = "Empty".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if RESERVED_TYPES.contains(&name.as_str()) {
        name.push_str("Model");
    }
    name
}

/// A `snake_case` field, parameter or method name.
pub fn value_name(raw: &str) -> String {
    let mut name = words(raw).to_snake_case();
    if name.is_empty() {
        name = "value".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'n');
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// Hands out names unique within one scope: the second `fooBar` and `foo_bar` become `foo_bar2`.
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// A scope with some names already taken.
    pub fn with_taken(names: &[&str]) -> Self {
        Self {
            taken: names.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// `name`, or `name2`, `name3`... whichever is free first.
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let sep = if name.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{name}{sep}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(name)
    }

    /// Whether a name is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// A client method's name: `name`, or `name2`, `name3`... whichever is free together with
    /// every name the emitter derives from it (the request builder `name_request`; `begin_name`
    /// and `resume_name` for a long-running operation; `name_stream` for a download). Claims
    /// them all.
    pub fn claim_method(&mut self, name: String, family: MethodFamily) -> String {
        let family = |n: &str| {
            let mut all = vec![n.to_owned(), derived(n, Derived::Builder)];
            match family {
                MethodFamily::Plain => {}
                MethodFamily::LongRunning => {
                    all.push(derived(n, Derived::Begin));
                    all.push(derived(n, Derived::Resume));
                }
                MethodFamily::Download => all.push(derived(n, Derived::Stream)),
            }
            all
        };
        let sep = if name.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        let chosen = std::iter::once(name.clone())
            .chain((2..).map(|i| format!("{name}{sep}{i}")))
            .find(|candidate| family(candidate).iter().all(|n| !self.taken.contains(n)))
            .unwrap_or(name);
        self.taken.extend(family(&chosen));
        chosen
    }
}

/// An operation id's group and name: `Group_Name` (Azure's `PhoneNumbers_ListAll`, AutoRest's
/// `bool_getTrue`) splits at its last `_`, when the spec follows that convention (`grouped`);
/// an id in snake case in a spec that does not (`device_auth_request` beside `logout`) is one
/// name.
pub fn operation_parts(id: &str, grouped: bool) -> (Option<&str>, &str) {
    let snake = id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    match id.rsplit_once('_') {
        Some((group, name)) if (grouped || !snake) && !group.is_empty() && !name.is_empty() => {
            (Some(group), name)
        }
        _ => (None, id),
    }
}

/// Whether a spec's operation ids follow the `Group_Name` convention: none has more than one
/// `_` (a snake-case id like `disk_view_by_id` says they are words, not a group and a name).
pub fn grouped_ids<'a>(mut ids: impl Iterator<Item = &'a str>) -> bool {
    ids.all(|id| id.matches('_').count() <= 1)
}

/// Words naming a type, for the name of something made for it (`decode_error_response`).
pub fn type_words(ty: &crate::ir::TypeRef) -> String {
    use crate::ir::TypeRef as T;
    match ty {
        T::Model(n)
        | T::Enum(n)
        | T::NumberEnum(n)
        | T::Union(n)
        | T::OneOf(n)
        | T::Alias { name: n, .. } => n.clone(),
        T::Vec(inner) => format!("vec {}", type_words(inner)),
        T::Nullable(inner) => format!("option {}", type_words(inner)),
        T::Map(inner) => format!("map {}", type_words(inner)),
        T::Unit => "unit".into(),
        T::String => "string".into(),
        T::Bool => "bool".into(),
        T::I32 => "i32".into(),
        T::I64 => "i64".into(),
        T::F32 => "f32".into(),
        T::F64 => "f64".into(),
        T::Json => "value".into(),
        T::DateTime | T::DateTimeRfc1123 | T::UnixTime => "date time".into(),
        T::Date => "date".into(),
        T::Time => "time".into(),
        T::Duration => "duration".into(),
        T::Bytes | T::Base64Url => "bytes".into(),
        T::File => "file".into(),
    }
}

/// Which methods an operation has besides its own (and its request builder).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodFamily {
    /// None.
    Plain,
    /// `begin_name` and `resume_name`.
    LongRunning,
    /// `name_stream`, the body as it arrives.
    Download,
}

/// A name the emitter derives from an operation's method name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derived {
    /// `name_request`, the private function building the request.
    Builder,
    /// `begin_name`, starting a long-running operation.
    Begin,
    /// `resume_name`, continuing one from a resume token.
    Resume,
    /// `name_stream`, a download's body as it arrives.
    Stream,
}

/// The name derived from `method` (a keyword's trailing `_` is dropped first: `self_` gives
/// `self_request`, `begin_self`).
pub fn derived(method: &str, kind: Derived) -> String {
    let base = method.trim_end_matches('_');
    match kind {
        Derived::Builder => format!("{base}_request"),
        Derived::Begin => format!("begin_{base}"),
        Derived::Resume => format!("resume_{base}"),
        Derived::Stream => format!("{base}_stream"),
    }
}

/// Methods every generated client has, and trait methods generated code calls on a client:
/// no operation may take these names.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "with_default_endpoint",
    "from_connection_string",
    "pipeline",
    "endpoint",
    "with_call_options",
    "clone",
    "clone_from",
    "fmt",
    "to_owned",
];

/// Local names generated methods bind where a parameter could still be read after them:
/// parameters may not take these (other locals live in blocks of their own).
pub const METHOD_LOCALS: &[&str] = &[
    "self", "options", "request", "response", "pipeline", "client",
];

/// Whether `name` can be written as a Rust identifier as it is (the generation config's names
/// are used verbatim).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
        && !KEYWORDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(type_name("phone-number_search"), "PhoneNumberSearch");
        assert_eq!(type_name("2020Plan"), "V2020plan");
        assert_eq!(type_name("Result"), "ResultModel");
        // What the crate root re-exports stays the crate's; variants and name parts may use it.
        assert_eq!(type_name("Error"), "ErrorModel");
        assert_eq!(type_name("TokenCredential"), "TokenCredentialModel");
        assert_eq!(camel_name("Error"), "Error");
        assert_eq!(camel_name("None"), "NoneModel");
        assert_eq!(type_name("%%"), "Empty");
        assert_eq!(value_name("type"), "type_");
        assert_eq!(value_name("api-version"), "api_version");
        assert_eq!(value_name("2fa"), "n2fa");
        assert_eq!(value_name("odata.nextLink"), "odata_next_link");
        assert_eq!(value_name("$maxpagesize"), "maxpagesize");
        assert_eq!(
            value_name("LROsCustomHeader_putAsync"),
            "lros_custom_header_put_async"
        );
        assert_eq!(value_name("listVMs"), "list_vms");
        assert_eq!(type_name("IDsAndURLs"), "IdsAndUrls");
        assert_eq!(value_name("HTTPServer"), "http_server");
        assert_eq!(value_name("ISSUE"), "issue");
        let mut scope = Scope::default();
        assert_eq!(scope.claim(value_name("fooBar")), "foo_bar");
        assert_eq!(scope.claim(value_name("foo_bar")), "foo_bar2");
        assert_eq!(scope.claim(value_name("FooBar")), "foo_bar3");
        assert_eq!(scope.claim("v2".into()), "v2");
        assert_eq!(scope.claim("v2".into()), "v2_2");
    }
}
