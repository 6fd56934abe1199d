//! XML bodies, as specs with `application/xml` describe them (Azure Storage's and the like).
//!
//! Generated models implement [`XmlModel`]: each field is written where the spec's `xml` object
//! puts it — an attribute, the element's text (`x-ms-text`), a child element, a list of
//! elements with or without a wrapping element — under the name it gives. The same model
//! travels as JSON elsewhere under other names, which is why XML is written and read by code
//! generated per model rather than by a second serde derive.
//!
//! Reading builds a small tree ([`Element`]) of the whole body (already bounded by the
//! response's size limit) with quick-xml, refusing a `DOCTYPE` (so no entity of the document's
//! own is ever expanded), unknown entities, nesting past [`MAX_DEPTH`] and more than
//! [`MAX_NODES`] elements and attributes. Names match by their local part: a prefix is the
//! document's business. Writing goes through [`Writer`], which escapes text and attribute
//! values and refuses names that are not XML names (a map key written as an element, say).

mod read;
mod write;

pub use read::{Element, parse};
pub use write::{Tag, Writer};

/// How deep elements may nest in a body that is read: deeper is refused, so reading (which
/// recurses) has a bound.
pub const MAX_DEPTH: usize = 128;

/// How many elements and attributes a body that is read may hold: a tree takes about 130
/// bytes a node, so a body of `<a/>`s within the size limit could otherwise take thirty times
/// its size in memory. A listing of 5,000 blobs holds about 100,000.
pub const MAX_NODES: usize = 1_000_000;

/// A model written to and read from XML.
pub trait XmlModel: Sized {
    /// Its element's tag when it is a body, or an item of a list, and the spec names no other.
    const TAG: Tag<'static>;

    /// Writes the whole element (start tag, attributes, content, end tag) as `tag`.
    fn write_xml(&self, writer: &mut Writer, tag: Tag<'_>);

    /// Reads a value from its element.
    fn read_xml(element: &Element) -> Result<Self, XmlError>;
}

/// Why XML could not be read or written, and where: the path of elements from the root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    path: Vec<String>,
    message: String,
}

impl XmlError {
    /// An error about the element at hand.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            path: Vec::new(),
            message: message.into(),
        }
    }

    /// The same error, inside the element `name` (paths are built on the way out).
    #[must_use]
    pub fn within(mut self, name: &str) -> Self {
        self.path.push(name.to_owned());
        self
    }

    /// The path of the element it is about, `/EnumerationResults/Containers/Container`, or
    /// `/` for the document.
    pub fn path(&self) -> String {
        if self.path.is_empty() {
            return "/".to_owned();
        }
        self.path.iter().rev().fold(String::new(), |mut out, part| {
            out.push('/');
            out.push_str(part);
            out
        })
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path(), self.message)
    }
}

impl std::error::Error for XmlError {}

/// A required element or attribute the document leaves out, for a type without an empty
/// value.
pub fn required<T>(value: Option<T>, name: &str) -> Result<T, XmlError> {
    value.ok_or_else(|| XmlError::new(format!("`{name}` is required and missing")))
}

/// Writes a document: the XML declaration, then what `body` writes.
pub fn document(body: impl FnOnce(&mut Writer)) -> Result<Vec<u8>, XmlError> {
    let mut writer = Writer::new();
    body(&mut writer);
    writer.finish()
}

/// Reads a list's items: each child of `element` named `item` (by local name), read with
/// `read`.
pub fn items<T>(
    element: &Element,
    item: &str,
    read: impl Fn(&Element) -> Result<T, XmlError>,
) -> Result<Vec<T>, XmlError> {
    element
        .children_named(item)
        .map(|child| read(child).map_err(|e| e.within(item)))
        .collect()
}

/// A reader of an element's text, parsed with `parse` (a wire format's `parse`): what generated
/// code hands [`Element::read_child`] and [`Element::read_list`] for values.
pub fn text<T>(
    parse: impl Fn(&str) -> Result<T, String>,
) -> impl Fn(&Element) -> Result<T, XmlError> {
    move |element| element.read_text(&parse)
}

/// A reader of a map: each child element by its local name, read with `read`.
pub fn entries<T>(
    read: impl Fn(&Element) -> Result<T, XmlError>,
) -> impl Fn(&Element) -> Result<std::collections::BTreeMap<String, T>, XmlError> {
    move |element| element.read_entries(&[], &read)
}

/// Parses `text` with `parse` (a wire format's `parse`), as the value of the element or
/// attribute at hand.
pub fn value<T>(text: &str, parse: impl Fn(&str) -> Result<T, String>) -> Result<T, XmlError> {
    parse(text).map_err(XmlError::new)
}

/// `parse` for text values: the text as it is.
pub fn string(text: &str) -> Result<String, String> {
    Ok(text.to_owned())
}

/// `parse` for booleans: `true`, `false`, `1`, `0` (XML Schema's forms).
pub fn boolean(text: &str) -> Result<bool, String> {
    match text.trim() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        other => Err(format!("`{other}` is not a boolean")),
    }
}

/// `parse` for values of any JSON type an XML element holds (an undeclared type): its text,
/// as a JSON string.
pub fn json(text: &str) -> Result<serde_json::Value, String> {
    Ok(serde_json::Value::String(text.to_owned()))
}

/// The text a JSON value is written as: a string as it is, anything else as its JSON.
pub fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
