//! Reading: a body parsed into a tree of [`Element`]s, and the lookups generated `read_xml`
//! functions make on it.

use std::collections::BTreeMap;

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::{MAX_DEPTH, MAX_NODES, XmlError, items, value};

/// An element: its local name, attributes, text and child elements.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    /// Its local name (`Blob` for `<b:Blob>`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its text: every piece of text directly inside it, joined, with entities resolved.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its child elements, in order.
    pub fn children(&self) -> &[Element] {
        &self.children
    }

    /// The children with this local name, in order.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The value of the attribute with this local name (namespace declarations are not
    /// attributes).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether it holds nothing: no attribute, no child, no text but white space.
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty() && self.children.is_empty() && self.text.trim().is_empty()
    }

    /// The attribute `name` parsed with `parse`; `None` when it is not there.
    pub fn read_attribute<T>(
        &self,
        name: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, XmlError> {
        self.attribute(name)
            .map(|text| value(text, &parse).map_err(|e| e.within(&format!("@{name}"))))
            .transpose()
    }

    /// Its text parsed with `parse`.
    pub fn read_text<T>(&self, parse: impl Fn(&str) -> Result<T, String>) -> Result<T, XmlError> {
        value(&self.text, parse)
    }

    /// The child `name` read with `read`; `None` when it is not there, or is empty and holds
    /// no value of the type (`<Days/>` for a number).
    pub fn read_child<T>(
        &self,
        name: &str,
        read: impl Fn(&Element) -> Result<T, XmlError>,
    ) -> Result<Option<T>, XmlError> {
        let Some(child) = self.child(name) else {
            return Ok(None);
        };
        match read(child) {
            Ok(value) => Ok(Some(value)),
            Err(_) if child.is_empty() => Ok(None),
            Err(e) => Err(e.within(name)),
        }
    }

    /// A list: the children named `item`, inside the child `wrapper` when the list is wrapped
    /// (`None` when that is not there), else directly inside this element (`None` when there
    /// are none).
    pub fn read_list<T>(
        &self,
        wrapper: Option<&str>,
        item: &str,
        read: impl Fn(&Element) -> Result<T, XmlError>,
    ) -> Result<Option<Vec<T>>, XmlError> {
        match wrapper {
            Some(wrapper) => self
                .child(wrapper)
                .map(|w| items(w, item, read).map_err(|e| e.within(wrapper)))
                .transpose(),
            None => Ok(Some(items(self, item, read)?).filter(|list| !list.is_empty())),
        }
    }

    /// Its own text parsed with `parse` (a model's `x-ms-text` field); `None` when it has none.
    pub fn read_own_text<T>(
        &self,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, XmlError> {
        if self.text.is_empty() {
            return Ok(None);
        }
        self.read_text(parse).map(Some)
    }

    /// A map: each child element by its local name, read with `read`; children named in
    /// `declared` are left out (they are a model's declared fields).
    pub fn read_entries<T>(
        &self,
        declared: &[&str],
        read: impl Fn(&Element) -> Result<T, XmlError>,
    ) -> Result<BTreeMap<String, T>, XmlError> {
        self.children
            .iter()
            .filter(|c| !declared.contains(&c.name.as_str()))
            .map(|c| Ok((c.name.clone(), read(c).map_err(|e| e.within(&c.name))?)))
            .collect()
    }
}

/// Parses a document into its root element. Refused: bytes that are not UTF-8, a `DOCTYPE`,
/// an entity other than XML's five and character references, nesting past [`MAX_DEPTH`], and
/// anything that is not well-formed.
pub fn parse(body: &[u8]) -> Result<Element, XmlError> {
    parse_within(body, MAX_NODES)
}

/// [`parse`], with at most `max_nodes` elements and attributes.
fn parse_within(body: &[u8], max_nodes: usize) -> Result<Element, XmlError> {
    let mut nodes = 0usize;
    let mut count = |element: &Element| {
        nodes += 1 + element.attributes.len();
        if nodes > max_nodes {
            return Err(XmlError::new(format!(
                "the document holds more than {max_nodes} elements and attributes"
            )));
        }
        Ok(())
    };
    let text = std::str::from_utf8(body)
        .map_err(|e| XmlError::new(format!("the body is not UTF-8: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    let mut open: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader.read_event().map_err(|e| {
            XmlError::new(format!(
                "not well-formed XML near byte {}: {e}",
                reader.error_position()
            ))
        })?;
        match event {
            Event::Start(start) => {
                if open.len() >= MAX_DEPTH {
                    return Err(XmlError::new(format!(
                        "elements nest deeper than {MAX_DEPTH}"
                    )));
                }
                let started = element(&start)?;
                count(&started)?;
                open.push(started);
            }
            Event::Empty(start) => {
                let empty = element(&start)?;
                count(&empty)?;
                close(empty, &mut open, &mut root)?;
            }
            Event::End(_) => {
                let done = open
                    .pop()
                    .ok_or_else(|| XmlError::new("an end tag without its start"))?;
                close(done, &mut open, &mut root)?;
            }
            Event::Text(t) => push_text(&mut open, &t.xml10_content())?,
            Event::CData(c) => push_text(&mut open, &c.into_inner())?,
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .map_err(|e| XmlError::new(e.to_string()))?
                        .map(String::from)
                } else {
                    resolve_predefined_entity(&r.clone().into_inner()).map(str::to_owned)
                };
                let resolved = resolved.ok_or_else(|| {
                    XmlError::new(format!("unknown entity `&{};`", r.into_inner()))
                })?;
                push_text(&mut open, &resolved)?;
            }
            Event::DocType(_) => {
                return Err(XmlError::new("a DOCTYPE is not accepted"));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !open.is_empty() {
        return Err(XmlError::new("the document ends inside an element"));
    }
    root.ok_or_else(|| XmlError::new("the document has no element"))
}

/// An element's name and attributes from its start tag.
fn element(start: &BytesStart<'_>) -> Result<Element, XmlError> {
    let name = start.local_name().as_ref().to_owned();
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| XmlError::new(e.to_string()).within(&name))?;
        let key: &str = attribute.key.as_ref();
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        let text = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| XmlError::new(e.to_string()).within(&name))?;
        attributes.push((
            attribute.key.local_name().as_ref().to_owned(),
            text.into_owned(),
        ));
    }
    Ok(Element {
        name,
        attributes,
        ..Element::default()
    })
}

/// A finished element goes to its parent, or is the root.
fn close(done: Element, open: &mut [Element], root: &mut Option<Element>) -> Result<(), XmlError> {
    match open.last_mut() {
        Some(parent) => parent.children.push(done),
        None if root.is_none() => *root = Some(done),
        None => return Err(XmlError::new("more than one root element")),
    }
    Ok(())
}

/// Text goes to the open element; outside the root only white space is allowed.
fn push_text(open: &mut [Element], text: &str) -> Result<(), XmlError> {
    match open.last_mut() {
        Some(element) => element.text.push_str(text),
        None if text.trim().is_empty() => {}
        None => return Err(XmlError::new("text outside the root element")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::number::parse as number;
    use crate::xml::string;

    #[test]
    fn a_document_reads_into_local_names_text_and_attributes() {
        let doc = br#"<?xml version="1.0" encoding="utf-8"?>
            <!-- a comment --><b:List xmlns:b="urn:b" b:kind="x &amp; y" plain="1">
              <b:Item>one &lt;1&gt; &#65;&#x42;</b:Item>
              <Item><![CDATA[<two>]]></Item>
              <Empty/>
            </b:List>"#;
        let root = parse(doc).unwrap();
        assert_eq!(root.name(), "List");
        assert_eq!(root.attribute("kind"), Some("x & y"));
        assert_eq!(root.attribute("plain"), Some("1"));
        assert_eq!(
            root.attribute("b"),
            None,
            "a namespace declaration is no attribute"
        );
        let items: Vec<&str> = root.children_named("Item").map(Element::text).collect();
        assert_eq!(items, ["one <1> AB", "<two>"]);
        assert!(root.child("Empty").unwrap().is_empty());
    }

    #[test]
    fn hostile_or_broken_documents_are_refused_with_a_reason() {
        let cases: [(&[u8], &str); 8] = [
            (
                b"<!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]><r>&b;</r>",
                "DOCTYPE",
            ),
            (b"<r>&custom;</r>", "unknown entity"),
            (b"<r>\xff</r>", "not UTF-8"),
            (b"<r></r><r></r>", "more than one root"),
            (b"<r><a></b></r>", "not well-formed"),
            (b"<r><a>", "ends inside an element"),
            (b"text<r/>", "text outside"),
            (b"", "no element"),
        ];
        for (doc, reason) in cases {
            let e = parse(doc).unwrap_err();
            assert!(
                e.message().contains(reason),
                "{:?}: {e}",
                String::from_utf8_lossy(doc)
            );
        }
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(
            parse(deep.as_bytes())
                .unwrap_err()
                .message()
                .contains("deeper")
        );
        let fine = "<a>".repeat(MAX_DEPTH) + &"</a>".repeat(MAX_DEPTH);
        assert!(parse(fine.as_bytes()).is_ok());
        // Elements and attributes are counted, so a small body cannot become a huge tree.
        let wide = format!("<r>{}</r>", "<a/>".repeat(10));
        assert!(parse_within(wide.as_bytes(), 11).is_ok());
        let e = parse_within(wide.as_bytes(), 10).unwrap_err();
        assert!(e.message().contains("more than 10 elements"), "{e}");
        let attributes = "<r a=\"1\" b=\"2\"/>";
        assert!(parse_within(attributes.as_bytes(), 2).is_err());
    }

    #[test]
    fn values_read_where_they_are_and_errors_say_where() {
        let root = parse(
            b"<M n=\"x\"><Days>7</Days><Empty/><Bad>seven</Bad><W><I>a</I><I>b</I></W><I>c</I></M>",
        )
        .unwrap();
        let days = root
            .read_child("Days", |e| e.read_text(number::<i32>))
            .unwrap();
        assert_eq!(days, Some(7));
        // An empty element holds no number: absent, not an error.
        let empty = root
            .read_child("Empty", |e| e.read_text(number::<i32>))
            .unwrap();
        assert_eq!(empty, None);
        let missing = root.read_child("Nope", |e| e.read_text(string)).unwrap();
        assert_eq!(missing, None);
        let bad = root
            .read_child("Bad", |e| e.read_text(number::<i32>))
            .unwrap_err()
            .within("M");
        assert_eq!(bad.path(), "/M/Bad");
        let attribute = root.read_attribute("n", number::<i32>).unwrap_err();
        assert_eq!(attribute.path(), "/@n");
        let wrapped = root
            .read_list(Some("W"), "I", |e| e.read_text(string))
            .unwrap();
        assert_eq!(wrapped, Some(vec!["a".to_owned(), "b".to_owned()]));
        let unwrapped = root.read_list(None, "I", |e| e.read_text(string)).unwrap();
        assert_eq!(unwrapped, Some(vec!["c".to_owned()]));
        assert_eq!(
            root.read_list(None, "Z", |e| e.read_text(string)).unwrap(),
            None
        );
        let rest = root
            .read_entries(&["Days", "Empty", "Bad", "W", "I"], |e| e.read_text(string))
            .unwrap();
        assert!(rest.is_empty());
    }
}
