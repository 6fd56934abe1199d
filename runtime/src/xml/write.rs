//! Writing: a document built element by element, text escaped, names checked.

use super::XmlError;

/// An element's tag: its name as written (`b:Blob` with a prefix) and the namespace it
/// declares, if the spec gives one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag<'a> {
    name: &'a str,
    namespace: Option<(&'a str, &'a str)>,
}

impl<'a> Tag<'a> {
    /// A tag without a namespace.
    pub const fn new(name: &'a str) -> Self {
        Self {
            name,
            namespace: None,
        }
    }

    /// The same tag declaring the namespace `uri` for `prefix` (`""`: the default namespace).
    pub const fn with_namespace(self, prefix: &'a str, uri: &'a str) -> Self {
        Self {
            name: self.name,
            namespace: Some((prefix, uri)),
        }
    }

    /// The name as written.
    pub const fn name(&self) -> &'a str {
        self.name
    }
}

/// A document being written. Methods do not fail one by one: the first problem (a name that
/// is not an XML name, a character XML cannot carry) is kept and returned by
/// [`finish`](Self::finish).
#[derive(Debug)]
pub struct Writer {
    out: String,
    open: Vec<String>,
    /// The last start tag still lacks its `>`: attributes may follow.
    in_start_tag: bool,
    error: Option<XmlError>,
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

impl Writer {
    /// A document, begun with its XML declaration.
    pub fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>"),
            open: Vec::new(),
            in_start_tag: false,
            error: None,
        }
    }

    /// Opens the element `tag`.
    pub fn start(&mut self, tag: Tag<'_>) {
        self.close_start_tag();
        self.check_name(tag.name);
        self.out.push('<');
        self.out.push_str(tag.name);
        self.open.push(tag.name.to_owned());
        self.in_start_tag = true;
        if let Some((prefix, uri)) = tag.namespace {
            if prefix.is_empty() {
                self.attribute("xmlns", uri);
            } else {
                self.attribute(&format!("xmlns:{prefix}"), uri);
            }
        }
    }

    /// Adds an attribute to the element just opened (before any content).
    pub fn attribute(&mut self, name: &str, value: &str) {
        if !self.in_start_tag {
            self.fail(format!(
                "attribute `{name}` written after the element's content"
            ));
            return;
        }
        self.check_name(name);
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.escape(value, true);
        self.out.push('"');
    }

    /// Writes text inside the open element.
    pub fn text(&mut self, value: &str) {
        if value.is_empty() {
            return;
        }
        self.close_start_tag();
        self.escape(value, false);
    }

    /// Closes the element opened last (`<a/>` when it holds nothing).
    pub fn end(&mut self) {
        let Some(name) = self.open.pop() else {
            self.fail("an end without an open element".to_owned());
            return;
        };
        if std::mem::take(&mut self.in_start_tag) {
            self.out.push_str("/>");
        } else {
            self.out.push_str("</");
            self.out.push_str(&name);
            self.out.push('>');
        }
    }

    /// An element holding only text: `<tag>value</tag>`.
    pub fn leaf(&mut self, tag: Tag<'_>, value: &str) {
        self.start(tag);
        self.text(value);
        self.end();
    }

    /// The document's bytes, or the first problem met while writing it.
    pub fn finish(mut self) -> Result<Vec<u8>, XmlError> {
        if let Some(name) = self.open.last() {
            let name = name.clone();
            self.fail(format!("element `{name}` is not closed"));
        }
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.out.into_bytes()),
        }
    }

    fn close_start_tag(&mut self) {
        if std::mem::take(&mut self.in_start_tag) {
            self.out.push('>');
        }
    }

    fn fail(&mut self, message: String) {
        if self.error.is_none() {
            let mut error = XmlError::new(message);
            for name in self.open.iter().rev() {
                error = error.within(name);
            }
            self.error = Some(error);
        }
    }

    fn check_name(&mut self, name: &str) {
        if !is_name(name) {
            self.fail(format!("`{name}` is not an XML name"));
        }
    }

    /// Escapes markup; in attribute values also quotes and the white space a parser would
    /// otherwise normalize away. Characters XML 1.0 cannot carry are refused.
    fn escape(&mut self, value: &str, attribute: bool) {
        for c in value.chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                '"' if attribute => self.out.push_str("&quot;"),
                '\t' if attribute => self.out.push_str("&#9;"),
                '\n' if attribute => self.out.push_str("&#10;"),
                '\r' => self.out.push_str("&#13;"),
                '\t' | '\n' => self.out.push(c),
                c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                    self.fail(format!(
                        "character U+{:04X} cannot be written in XML",
                        c as u32
                    ));
                }
                c => self.out.push(c),
            }
        }
    }
}

/// Whether `name` is an XML name (with an optional prefix): a letter, `_` or `:` first, then
/// letters, digits, `-`, `.`, `_`, `:`.
fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let start = |c: char| c.is_alphabetic() || c == '_' || c == ':';
    start(first)
        && chars.all(|c| start(c) || c.is_alphanumeric() || c == '-' || c == '.' || c == '\u{b7}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    #[test]
    fn elements_attributes_and_text_are_escaped_and_read_back() {
        let mut w = Writer::new();
        w.start(Tag::new("p:Root").with_namespace("p", "urn:example"));
        w.attribute("title", "a \"quoted\" <tab>\there");
        w.leaf(Tag::new("Name"), "fish & chips <3");
        w.leaf(Tag::new("Empty"), "");
        w.end();
        let bytes = w.finish().unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><p:Root xmlns:p=\"urn:example\" \
             title=\"a &quot;quoted&quot; &lt;tab&gt;&#9;here\"><Name>fish &amp; chips \
             &lt;3</Name><Empty/></p:Root>"
        );
        let root = parse(&bytes).unwrap();
        assert_eq!(root.name(), "Root");
        assert_eq!(root.attribute("title"), Some("a \"quoted\" <tab>\there"));
        assert_eq!(root.child("Name").unwrap().text(), "fish & chips <3");
        assert!(root.child("Empty").unwrap().is_empty());
    }

    #[test]
    fn a_bad_name_or_character_is_an_error_with_its_path() {
        let mut w = Writer::new();
        w.start(Tag::new("Metadata"));
        w.leaf(Tag::new("has space"), "x");
        w.end();
        let e = w.finish().unwrap_err();
        assert_eq!(e.path(), "/Metadata");
        assert!(
            e.message().contains("`has space` is not an XML name"),
            "{e}"
        );

        let mut w = Writer::new();
        w.leaf(Tag::new("A"), "bell\u{7}");
        assert!(w.finish().unwrap_err().message().contains("U+0007"));

        let mut w = Writer::new();
        w.start(Tag::new("A"));
        assert!(w.finish().unwrap_err().message().contains("not closed"));
    }
}
