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
    /// The parsed content (after a front-end's conversion, if any).
    pub value: Arc<Value>,
    /// For a converted document: where each part of `value` came from in the file.
    pub origin: Option<PointerMap>,
}

/// Where the parts of a converted document came from in the file it was converted from: pairs of
/// pointer prefixes (converted, original). A pointer maps through its longest matching prefix.
#[derive(Clone, Debug, Default)]
pub struct PointerMap {
    prefixes: Vec<(String, String)>,
}

impl PointerMap {
    /// Records that the converted `from` (and everything below it) came from `to`.
    pub fn add(&mut self, from: impl Into<String>, to: impl Into<String>) {
        self.prefixes.push((from.into(), to.into()));
    }

    /// The original pointer of a converted one (itself when nothing maps it).
    pub fn original(&self, pointer: &str) -> String {
        let matched = self
            .prefixes
            .iter()
            .filter(|(from, _)| {
                pointer
                    .strip_prefix(from.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .max_by_key(|(from, _)| from.len());
        match matched {
            Some((from, to)) => format!("{to}{}", &pointer[from.len()..]),
            None => pointer.to_owned(),
        }
    }
}

/// What a loader may read. A spec is input from anywhere: its `$ref`s read only regular JSON or
/// YAML files, below a size cap, inside a root folder.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// The folder `$ref`s may read below. `None`: the spec's own folder, widened in the Azure
    /// layout (a spec in `…/stable/<version>/` or `…/preview/<version>/` may read five folders
    /// up, where `specification/` is, for `../../../Common/…` and
    /// `../../../../../common-types/…`).
    pub root: Option<PathBuf>,
    /// The largest file read, in bytes (default 64 MiB).
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            root: None,
            max_file_size: 64 << 20,
        }
    }
}

/// Loads files once each and resolves references between them.
#[derive(Debug, Default)]
pub struct Loader {
    documents: BTreeMap<PathBuf, Document>,
    options: LoadOptions,
    /// The root as the user can read it, and canonical (for the containment check).
    root: Option<(PathBuf, PathBuf)>,
    /// What a front-end makes of each file a `$ref` reads ([`Loader::set_converter`]).
    converter: Option<Converter>,
}

/// A front-end's conversion of a document read through a `$ref` (an OpenAPI 3.0 file to the
/// Swagger 2.0 model): `None` leaves it as it is.
pub type Converter = fn(&Value, &Location) -> Result<Option<(Value, PointerMap)>>;

/// A resolved reference: the file and pointer it names, and the value there.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// Where the target lives.
    pub location: Location,
    /// The target value.
    pub value: Value,
}

impl Loader {
    /// A loader with the default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// A loader with these options.
    pub fn with_options(options: LoadOptions) -> Self {
        Self {
            options,
            ..Self::default()
        }
    }

    /// Has `converter` applied to every file a `$ref` reads from now on.
    pub fn set_converter(&mut self, converter: Converter) {
        self.converter = Some(converter);
    }

    /// The folder `$ref`s may read below, once the first spec is loaded.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_ref().map(|(shown, _)| shown.as_path())
    }

    /// Loads the spec at `path` (once) and returns its content. The first spec loaded fixes the
    /// root for `$ref`s when the options name none.
    pub fn load(&mut self, path: &Path) -> Result<Arc<Value>> {
        if let Some(doc) = self.documents.get(path) {
            return Ok(doc.value.clone());
        }
        let bytes = read_bounded(path, self.options.max_file_size).map_err(|e| match e {
            Refusal::Io(e) => Error::io(path, e),
            other => Error::spec(&Location::new(path, ""), other.to_string()),
        })?;
        if self.root.is_none() {
            let shown = match &self.options.root {
                Some(root) => root.clone(),
                None => default_root(path),
            };
            let canonical = shown.canonicalize().map_err(|e| Error::io(&shown, e))?;
            self.root = Some((shown, canonical));
        }
        self.insert(path, &bytes)
    }

    fn insert(&mut self, path: &Path, bytes: &[u8]) -> Result<Arc<Value>> {
        let doc = parse_document(path, bytes)?;
        let value = doc.value.clone();
        self.documents.insert(path.to_path_buf(), doc);
        Ok(value)
    }

    /// Loads the file a `$ref` at `at` names, if it may be read: a relative path, to a regular
    /// `.json`, `.yaml` or `.yml` file inside the root, no larger than the cap.
    fn load_referenced(&mut self, at: &Location, file_part: &str) -> Result<(PathBuf, Arc<Value>)> {
        let refuse =
            |why: String| Error::spec(at, format!("`$ref` to `{file_part}` refused: {why}"));
        if file_part.contains("://") || file_part.starts_with("file:") {
            return Err(refuse(
                "only files next to the spec are read, never URLs".into(),
            ));
        }
        let relative = Path::new(file_part);
        if relative.has_root() || relative.is_absolute() {
            return Err(refuse(
                "absolute paths are not read; name the file relative to the one that refers to it"
                    .into(),
            ));
        }
        let base = at.file.parent().unwrap_or(Path::new(""));
        let file = normalize(&base.join(relative));
        if let Some(doc) = self.documents.get(&file) {
            return Ok((file, doc.value.clone()));
        }
        let extension = file
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !matches!(extension.as_deref(), Some("json" | "yaml" | "yml")) {
            return Err(refuse(
                "only `.json`, `.yaml` and `.yml` files are read".into(),
            ));
        }
        let canonical = file
            .canonicalize()
            .map_err(|e| refuse(format!("it cannot be read: {e}")))?;
        if let Some((shown, root)) = &self.root
            && !canonical.starts_with(root)
        {
            return Err(refuse(format!(
                "it is outside the spec root `{}`; widen the root with `--spec-root` (or \
                 `spec-root:` in the generation config) to read it",
                shown.display()
            )));
        }
        let bytes = read_bounded(&canonical, self.options.max_file_size)
            .map_err(|e| refuse(e.to_string()))?;
        let mut value = self.insert(&file, &bytes)?;
        if let Some(convert) = self.converter
            && let Some((converted, origin)) = convert(&value, &Location::new(&file, ""))?
        {
            self.replace(&file, converted, origin);
            value = self.documents[&file].value.clone();
        }
        Ok((file, value))
    }

    /// Replaces the content of an already loaded document with a front-end's conversion of
    /// it, keeping its hash of the original bytes and where each part came from.
    pub fn replace(&mut self, path: &Path, value: Value, origin: PointerMap) {
        if let Some(doc) = self.documents.get_mut(path) {
            doc.value = Arc::new(value);
            doc.origin = Some(origin);
        }
    }

    /// A location in a loaded document as the user can find it in the file: a converted
    /// document's pointer mapped back to the original's.
    pub fn original_location(&self, location: &Location) -> Location {
        match self
            .documents
            .get(&location.file)
            .and_then(|d| d.origin.as_ref())
        {
            Some(map) if !location.pointer.starts_with("line ") => {
                Location::new(&location.file, map.original(&location.pointer))
            }
            _ => location.clone(),
        }
    }

    /// The loaded document at `path`.
    pub fn document(&self, path: &Path) -> Option<&Document> {
        self.documents.get(path)
    }

    /// Every file read so far (a build script reruns when any of them changes).
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.documents.keys().map(PathBuf::as_path)
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
            let (file, doc) = if file_part.is_empty() {
                let doc = self.load(&at.file)?;
                (at.file.clone(), doc)
            } else {
                self.load_referenced(&at, &file_part)?
            };
            let target = Location::new(&file, pointer.clone());
            if seen.contains(&target) {
                return Err(Error::spec(
                    from,
                    format!("`$ref` cycle through `{reference}`"),
                ));
            }
            seen.push(target.clone());
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

/// The default root for `$ref`s of the spec at `path` (see [`LoadOptions::root`]).
fn default_root(path: &Path) -> PathBuf {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let absolute = folder.canonicalize().unwrap_or_else(|_| folder.clone());
    let in_version_folder = absolute
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|n| n == "stable" || n == "preview");
    if !in_version_folder {
        return folder;
    }
    // Azure layout: `specification/<service>/<plane>/<name>/stable/<version>/spec.json`.
    let mut root = folder;
    for _ in 0..5 {
        root.push("..");
    }
    root
}

/// Why a file was not read.
#[derive(Debug)]
enum Refusal {
    Io(std::io::Error),
    NotAFile,
    TooLarge(u64),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io(e) => write!(f, "it cannot be read: {e}"),
            Self::NotAFile => f.write_str("it is not a regular file (a device, a folder, a pipe)"),
            Self::TooLarge(cap) => write!(f, "it is larger than {cap} bytes"),
        }
    }
}

/// Reads a regular file of at most `cap` bytes: no devices, pipes or folders, nothing endless.
fn read_bounded(path: &Path, cap: u64) -> std::result::Result<Vec<u8>, Refusal> {
    use std::io::Read as _;
    // Looked at before opening: opening a named pipe would wait for a writer.
    if !std::fs::metadata(path).map_err(Refusal::Io)?.is_file() {
        return Err(Refusal::NotAFile);
    }
    let file = std::fs::File::open(path).map_err(Refusal::Io)?;
    let meta = file.metadata().map_err(Refusal::Io)?;
    if !meta.is_file() {
        return Err(Refusal::NotAFile);
    }
    if meta.len() > cap {
        return Err(Refusal::TooLarge(cap));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read still stops at the cap.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    if bytes.len() as u64 > cap {
        return Err(Refusal::TooLarge(cap));
    }
    Ok(bytes)
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
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
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
        origin: None,
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
