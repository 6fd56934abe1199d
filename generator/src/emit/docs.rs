//! Documentation in generated code: spec prose made safe for rustdoc (nothing a spec writes can
//! become a doctest, a link or HTML), values as code spans, and the lines of `#[doc]`
//! attributes.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

/// The one-line title of an API's module: its title and api-version, made safe.
pub fn module_title(api: &Api) -> String {
    format!(
        "{} (api-version {}).",
        sanitize_line(&api.title),
        code_span(&api.api_version)
    )
}

pub(super) fn module_doc(api: &Api) -> String {
    let mut doc = module_title(api);
    if let Some(d) = &api.description {
        doc.push_str("\n\n");
        doc.push_str(&sanitize_doc(d));
    }
    doc
}

/// `#[doc = "..."]` lines for a description, if any.
pub(super) fn doc_attrs(doc: Option<&str>) -> TokenStream {
    match doc.map(str::trim).filter(|d| !d.is_empty()) {
        None => TokenStream::new(),
        Some(d) => line_attrs(&sanitize_doc(d)),
    }
}

/// One `#[doc]` attribute per line of rustdoc-safe text.
pub(super) fn line_attrs(text: &str) -> TokenStream {
    let attrs = text.lines().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote! { #[doc = #l] }
    });
    quote! { #(#attrs)* }
}

/// A spec value as inline code in generated docs, whatever characters it holds: one line,
/// and a value holding backticks is written as escaped prose instead (a code span could be
/// read as the opening of a code block, whose content rustdoc would run as a doctest).
pub fn code_span(value: &str) -> String {
    let value = value.replace(['\n', '\r', '\t'], " ");
    if value.trim().is_empty() {
        format!("`{value:?}`")
    } else if value.contains('`') {
        sanitize_line(&value)
    } else {
        format!("`{value}`")
    }
}

/// The docs of something the spec may describe: its description, else `fallback` (a name or
/// value) as code; then `note`, generator-written text, as a paragraph of its own.
pub(super) fn described(doc: Option<&str>, fallback: &str, note: Option<&str>) -> TokenStream {
    let mut text = match doc.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => sanitize_doc(d),
        None => code_span(fallback),
    };
    if let Some(note) = note {
        text.push_str("\n\n");
        text.push_str(note);
    }
    line_attrs(&text)
}

/// Makes spec prose safe for rustdoc: no code block can start (no backtick or tilde fences,
/// no indentation, whitespace runs collapsed so no list item holds indented code), no HTML, no
/// links to resolve, no headings; URLs become autolinks. Nothing a spec writes can become a
/// doctest.
pub fn sanitize_doc(text: &str) -> String {
    let mut out = String::new();
    for line in text.replace("\r\n", "\n").replace('\r', "\n").lines() {
        let mut escaped = String::with_capacity(line.len());
        for c in line
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
        {
            match c {
                '[' => escaped.push_str("\\["),
                ']' => escaped.push_str("\\]"),
                '<' => escaped.push_str("&lt;"),
                '>' => escaped.push_str("&gt;"),
                '`' => escaped.push('\''),
                '~' => escaped.push_str("\\~"),
                '*' => escaped.push_str("\\*"),
                '#' if escaped.is_empty() => escaped.push_str("\\#"),
                c if c.is_control() => escaped.push(' '),
                c => escaped.push(c),
            }
        }
        // No line starts a list: spec prose is not markdown we check, and a list's lazy
        // continuation lines trip rustdoc's and clippy's list rules.
        let marker = escaped
            .find(|c: char| !c.is_ascii_digit())
            .filter(|&i| i > 0)
            .map_or(0, |i| i);
        let rest = &escaped[marker..];
        if (marker == 0 && (rest.starts_with("- ") || rest.starts_with("+ ") || rest == "-"))
            || (marker > 0 && (rest.starts_with(". ") || rest.starts_with(") ")))
        {
            escaped.insert(marker, '\\');
        }
        let words: Vec<String> = escaped.split(' ').map(autolink).collect();
        out.push_str(&words.join(" "));
        out.push('\n');
    }
    out.trim_end().to_owned()
}

/// A word with the URL in it (`"https://x.example/a",`) made an autolink, which rustdoc
/// requires of bare URLs: `"<https://x.example/a>",`.
fn autolink(word: &str) -> String {
    let Some(start) = word.find("https://").or_else(|| word.find("http://")) else {
        return word.to_owned();
    };
    let tail = &word[start..];
    let end = tail
        .find(['"', '\'', '(', ')', '{', '}', '\\', '&', '|'])
        .unwrap_or(tail.len());
    let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    if url.len() <= "https://".len() {
        return word.to_owned();
    }
    format!("{}<{url}>{}", &word[..start], &tail[url.len()..])
}

/// Spec prose as one safe line (a title, a value in running text).
pub fn sanitize_line(text: &str) -> String {
    sanitize_doc(&text.replace(['\n', '\r'], " "))
}

#[cfg(test)]
mod tests {
    use super::sanitize_doc;

    #[test]
    fn docs_are_made_safe() {
        assert_eq!(
            sanitize_doc("See https://aka.ms/x."),
            "See <https://aka.ms/x>."
        );
        assert_eq!(
            sanitize_doc(r#"entry is { url: "http://example.org/a.jpeg" }"#),
            r#"entry is { url: "<http://example.org/a.jpeg>" }"#
        );
        assert_eq!(
            sanitize_doc("(see https://x.example)."),
            "(see <https://x.example>)."
        );
        assert_eq!(sanitize_doc("https:// alone"), "https:// alone");
        assert_eq!(sanitize_doc("  indented\n  code"), "indented\ncode");
        assert_eq!(
            sanitize_doc("[Preview] <b>bold</b>"),
            "\\[Preview\\] &lt;b&gt;bold&lt;/b&gt;"
        );
        assert_eq!(sanitize_doc("```\nx\n```"), "'''\nx\n'''");
        assert_eq!(
            sanitize_doc("~~~rust\n- ~~~"),
            "\\~\\~\\~rust\n\\- \\~\\~\\~"
        );
        assert_eq!(sanitize_doc("-     indented\tcode"), "\\- indented code");
        assert_eq!(
            sanitize_doc("12. item\n3) x\n+ y\n2020 was"),
            "12\\. item\n3\\) x\n\\+ y\n2020 was"
        );
    }
}
