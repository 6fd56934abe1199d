//! Media types: how a body travels — JSON, text or bytes — from its content type and its
//! schema; a request body the spec lets go as several media types becomes a choice.

use super::Builder;
use crate::error::Location;
use crate::frontend::swagger::Schema;
use crate::ir::names::{Scope, type_name};
use crate::ir::{BodyContent, ContentVariant, Media, MediaType};

/// What a content type says about the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Category {
    /// `application/json`, `text/json`, `application/merge-patch+json`, ...
    Json,
    /// `text/plain` and other text.
    Text,
    /// `application/xml`, `text/xml`, `*/*+xml`.
    Xml,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// Anything else: `application/octet-stream`, `application/pdf`, `image/png`, ...
    Other,
}

fn category(content_type: &str) -> Category {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let subtype = essence.split('/').nth(1).unwrap_or_default();
    if subtype == "json" || subtype.ends_with("+json") {
        Category::Json
    } else if subtype == "xml" || subtype.ends_with("+xml") {
        Category::Xml
    } else if essence == "application/x-www-form-urlencoded" {
        Category::Form
    } else if essence.starts_with("text/") {
        Category::Text
    } else {
        Category::Other
    }
}

/// Whether a content type is XML's (`application/xml`, `text/xml`, `*/*+xml`, any case).
pub(super) fn is_xml(content_type: &str) -> bool {
    category(content_type) == Category::Xml
}

/// What a body's schema says about its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// Bytes: `format: binary`, `format: file` or `type: file`.
    Binary,
    /// A string without a special format, or a schema that says nothing (`{}`).
    Text,
    /// Anything JSON carries: a model, a number, an array.
    Structured,
}

impl Shape {
    /// The shape of a (resolved) schema.
    pub(super) fn of(schema: &Schema) -> Self {
        let format = schema.format.as_deref().unwrap_or_default();
        match schema.kind.as_deref() {
            Some("file") => Self::Binary,
            _ if format == "binary" || format == "file" => Self::Binary,
            Some("string") if matches!(format, "" | "password" | "uuid" | "uri" | "url") => {
                Self::Text
            }
            _ if schema.is_empty() => Self::Text,
            _ => Self::Structured,
        }
    }
}

/// How a body of this category and shape travels, or `None` when the pair makes no sense (a
/// model sent as `text/plain`).
fn media(category: Category, shape: Shape) -> Option<Media> {
    Some(match (category, shape) {
        (_, Shape::Binary) => Media::Binary,
        (Category::Json, _) => Media::Json,
        // A string sent as XML is the document itself.
        (Category::Xml, Shape::Text) => Media::Text,
        (Category::Xml, Shape::Structured) => Media::Xml,
        (Category::Text, Shape::Text) => Media::Text,
        (Category::Text, Shape::Structured) => return None,
        (Category::Form, Shape::Structured) => Media::Form,
        (Category::Form, Shape::Text) => Media::Text,
        (Category::Other, _) => Media::Binary,
    })
}

impl Builder<'_> {
    /// The media type(s) a request body goes as, from `consumes`. JSON wins over XML (sent as
    /// XML when it is all there is) and over other JSON types; each remaining content type is a
    /// variant of a choice named `hint` when there are several.
    pub(super) fn body_content(
        &mut self,
        consumes: &[String],
        shape: Shape,
        at: &Location,
        hint: &str,
    ) -> BodyContent {
        let default = ["application/json".to_owned()];
        let consumes = if consumes.is_empty() {
            &default[..]
        } else {
            consumes
        };
        let has_json = consumes.iter().any(|c| category(c) == Category::Json);
        let mut chosen: Vec<MediaType> = Vec::new();
        let mut json_taken = false;
        for content_type in consumes {
            let category = category(content_type);
            let keep = match category {
                Category::Json => !std::mem::replace(&mut json_taken, true),
                Category::Xml => !has_json && chosen.is_empty(),
                _ => true,
            };
            let Some(media) = media(category, shape).filter(|_| keep) else {
                continue;
            };
            if chosen.iter().all(|m| m.content_type != *content_type) {
                chosen.push(MediaType {
                    content_type: content_type.clone(),
                    media,
                });
            }
        }
        match chosen.len() {
            // Only a text type for a body that is not text: its JSON, as the spec's type.
            0 => {
                let content_type = consumes[0].clone();
                self.warn(
                    at,
                    format!("body content type `{content_type}` is sent as JSON"),
                );
                BodyContent::One(MediaType {
                    content_type,
                    media: Media::Json,
                })
            }
            1 => BodyContent::One(chosen.remove(0)),
            _ => {
                let mut scope = Scope::default();
                let variants = chosen
                    .into_iter()
                    .map(|media_type| ContentVariant {
                        name: scope.claim(type_name(&media_type.content_type)),
                        media_type,
                    })
                    .collect();
                BodyContent::Choice {
                    name: self.types.claim(type_name(hint)),
                    variants,
                }
            }
        }
    }
}

/// How a success body of this shape travels, given what the operation `produces`: bytes for a
/// binary schema, text for a string when no JSON is produced (XML's too: the document itself),
/// XML for anything else when XML is produced and JSON is not, JSON otherwise.
pub(super) fn response_media(produces: &[String], shape: Shape) -> Media {
    let categories: Vec<Category> = produces.iter().map(|p| category(p)).collect();
    let json = categories.contains(&Category::Json);
    let xml = categories.contains(&Category::Xml);
    match shape {
        Shape::Binary => Media::Binary,
        Shape::Text if !json && (xml || categories.contains(&Category::Text)) => Media::Text,
        Shape::Structured if !json && xml => Media::Xml,
        _ => Media::Json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_fall_into_categories() {
        for (ct, c) in [
            ("application/json", Category::Json),
            ("text/json; charset=utf-8", Category::Json),
            ("application/merge-patch+json", Category::Json),
            ("application/xml", Category::Xml),
            ("application/atom+xml", Category::Xml),
            ("text/plain; charset=UTF-8", Category::Text),
            ("application/octet-stream", Category::Other),
            ("application/x-www-form-urlencoded", Category::Form),
            ("image/png", Category::Other),
        ] {
            assert_eq!(category(ct), c, "{ct}");
        }
    }

    #[test]
    fn text_goes_as_text_only_from_a_string() {
        assert_eq!(
            response_media(&["text/plain".into()], Shape::Text),
            Media::Text
        );
        assert_eq!(
            response_media(
                &["text/plain".into(), "application/json".into()],
                Shape::Text
            ),
            Media::Json
        );
        assert_eq!(
            response_media(&["application/json".into()], Shape::Binary),
            Media::Binary
        );
        assert_eq!(media(Category::Text, Shape::Structured), None);
        assert_eq!(
            response_media(&["application/xml".into()], Shape::Structured),
            Media::Xml
        );
        assert_eq!(
            response_media(
                &["application/xml".into(), "application/json".into()],
                Shape::Structured
            ),
            Media::Json
        );
        assert_eq!(media(Category::Xml, Shape::Structured), Some(Media::Xml));
    }
}
