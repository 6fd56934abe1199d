//! Stage 1: reading spec files (JSON or YAML, with or without a byte-order mark) and following
//! `$ref`s across files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::error::{Error, Location, Result};

/// A loaded file: its text's SHA-256 and its content.
#[derive(Debug)]
pub struct Document {
    /// The file's path as reached.
    pub path: PathBuf,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// The parsed content.
    pub value: Arc<Value>,
}

/// Loads files once each and resolves references between them.
#[derive(Debug, Default)]
pub struct Loader {
    documents: BTreeMap<PathBuf, Document>,
}

/// A resolved reference: the file and pointer it names, and the value there.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// Where the target lives.
    pub location: Location,
    /// The target value.
    pub value: Value,
}

impl Loader {
    /// An empty loader.
    pub fn new() -> Self {
        Self::default()
    }

    /// Loads `path` (once) and returns its content.
    pub fn load(&mut self, path: &Path) -> Result<Arc<Value>> {
        if let Some(doc) = self.documents.get(path) {
            return Ok(doc.value.clone());
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let doc = parse_document(path, &bytes)?;
        let value = doc.value.clone();
        self.documents.insert(path.to_path_buf(), doc);
        Ok(value)
    }

    /// Replaces the content of an already loaded document (a front-end's conversion), keeping
    /// its hash of the original bytes.
    pub fn replace(&mut self, path: &Path, value: Value) {
        if let Some(doc) = self.documents.get_mut(path) {
            doc.value = Arc::new(value);
        }
    }

    /// The loaded document at `path`.
    pub fn document(&self, path: &Path) -> Option<&Document> {
        self.documents.get(path)
    }

    /// Follows `reference` (`#/definitions/X`, `other.json#/definitions/X`, `../c.json`) found at
    /// `from`, through chains of references, to a value that is not a bare reference.
    pub fn resolve(&mut self, from: &Location, reference: &str) -> Result<Resolved> {
        let mut seen = Vec::new();
        let mut at = from.clone();
        let mut reference = reference.to_owned();
        loop {
            let (file_part, pointer) = match reference.split_once('#') {
                Some((f, p)) => (f.to_owned(), p.to_owned()),
                None => (reference.clone(), String::new()),
            };
            let file = if file_part.is_empty() {
                at.file.clone()
            } else {
                let base = at.file.parent().unwrap_or(Path::new(""));
                normalize(&base.join(&file_part))
            };
            let target = Location::new(&file, pointer.clone());
            if seen.contains(&target) {
                return Err(Error::spec(
                    from,
                    format!("`$ref` cycle through `{reference}`"),
                ));
            }
            seen.push(target.clone());
            let doc = self.load(&file).map_err(|e| match e {
                Error::Io { source, .. } => Error::spec(
                    &at,
                    format!(
                        "`$ref` names `{}`, which cannot be read: {source}",
                        file.display()
                    ),
                ),
                other => other,
            })?;
            let decoded = percent_decode(&pointer);
            let value = doc.pointer(&decoded).ok_or_else(|| {
                Error::spec(
                    &at,
                    format!("dangling `$ref`: `{reference}` points at nothing"),
                )
            })?;
            match bare_ref(value) {
                Some(next) => {
                    at = target;
                    reference = next.to_owned();
                }
                None => {
                    return Ok(Resolved {
                        location: target,
                        value: value.clone(),
                    });
                }
            }
        }
    }
}

/// The target of `{"$ref": ...}` when the object is only a reference (sibling keys other than
/// descriptions make it a schema of its own).
fn bare_ref(value: &Value) -> Option<&str> {
    let obj = value.as_object()?;
    let r = obj.get("$ref")?.as_str()?;
    obj.keys()
        .all(|k| k == "$ref" || k == "description" || k == "title")
        .then_some(r)
}

/// `$ref` pointers may percent-encode characters (`%7B` for `{` in a path key).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Parses a spec file's bytes as JSON or YAML (by extension; JSON first when unknown), after
/// stripping a UTF-8 byte-order mark.
pub fn parse_document(path: &Path, bytes: &[u8]) -> Result<Document> {
    use sha2::Digest as _;
    let sha256 = hex(&sha2::Sha256::digest(bytes));
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::spec(&Location::new(path, ""), format!("not UTF-8 text: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let value = match ext.as_str() {
        "json" => parse_json(path, text)?,
        "yaml" | "yml" => parse_yaml(path, text)?,
        _ => parse_json(path, text).or_else(|_| parse_yaml(path, text))?,
    };
    Ok(Document {
        path: path.to_path_buf(),
        sha256,
        value: Arc::new(value),
    })
}

fn parse_json(path: &Path, text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| {
        Error::spec(
            &Location::new(path, format!("line {}, column {}", e.line(), e.column())),
            format!("malformed JSON: {e}"),
        )
    })
}

fn parse_yaml(path: &Path, text: &str) -> Result<Value> {
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let at = e
            .location()
            .map(|l| format!("line {}, column {}", l.line(), l.column()))
            .unwrap_or_else(|| "line 1, column 1".into());
        Error::spec(&Location::new(path, at), format!("malformed YAML: {e}"))
    })?;
    yaml_to_json(path, yaml, "")
}

/// YAML allows keys that JSON does not (`200:` as a number); scalar keys become strings.
fn yaml_to_json(path: &Path, yaml: serde_yaml::Value, pointer: &str) -> Result<Value> {
    use serde_yaml::Value as Y;
    Ok(match yaml {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                serde_json::Number::from_f64(n.as_f64().unwrap_or(f64::NAN))
                    .map(Value::Number)
                    .ok_or_else(|| {
                        Error::spec(
                            &Location::new(path, pointer),
                            "a number that JSON cannot hold",
                        )
                    })?
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| yaml_to_json(path, v, &format!("{pointer}/{i}")))
                .collect::<Result<_>>()?,
        ),
        Y::Mapping(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    _ => {
                        return Err(Error::spec(
                            &Location::new(path, pointer),
                            "a mapping key that is not a string, number or boolean",
                        ));
                    }
                };
                let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.insert(key, yaml_to_json(path, v, &child)?);
            }
            Value::Object(out)
        }
        Y::Tagged(t) => yaml_to_json(path, t.value, pointer)?,
    })
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
