//! Discriminated unions on the wire: the tag first, then the model's own properties.

use serde::ser::SerializeMap as _;
use serde::{Serialize, Serializer};

/// Serializes `model` as one JSON object whose property `tag` comes first.
///
/// The tag's value is the one the model already holds among the properties it keeps beyond its
/// spec (a variant this client does not know, read into the base model, goes back with the value
/// the service gave it); otherwise `value`, the variant's own. The tag is written once either way.
pub fn serialize<S: Serializer, T: Serialize>(
    serializer: S,
    tag: &str,
    value: &str,
    model: &T,
) -> Result<S::Ok, S::Error> {
    let (kept, object) = split_tag::<S::Error, T>(tag, model)?;
    match &kept {
        Some(kept) => write(serializer, tag, kept, &object),
        None => write(serializer, tag, value, &object),
    }
}

/// Serializes `model` as one JSON object whose property `tag` comes first with `value`, the
/// variant's own, whatever the model holds there (a `oneOf` alternative that declares the tag
/// among its fields is still written as the variant it is).
pub fn serialize_variant<S: Serializer, T: Serialize>(
    serializer: S,
    tag: &str,
    value: &str,
    model: &T,
) -> Result<S::Ok, S::Error> {
    let (_, object) = split_tag::<S::Error, T>(tag, model)?;
    write(serializer, tag, value, &object)
}

type Object = serde_json::Map<String, serde_json::Value>;

/// The model's properties as a JSON object, and the tag's value among them (taken out).
fn split_tag<E: serde::ser::Error, T: Serialize>(
    tag: &str,
    model: &T,
) -> Result<(Option<serde_json::Value>, Object), E> {
    let serde_json::Value::Object(mut object) = serde_json::to_value(model).map_err(E::custom)?
    else {
        return Err(E::custom(format!(
            "a variant tagged by `{tag}` must serialize as an object"
        )));
    };
    Ok((object.remove(tag), object))
}

/// The tag first, then the other properties.
fn write<S: Serializer>(
    serializer: S,
    tag: &str,
    value: &(impl Serialize + ?Sized),
    object: &Object,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(object.len() + 1))?;
    map.serialize_entry(tag, value)?;
    for (key, property) in object {
        map.serialize_entry(key, property)?;
    }
    map.end()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    #[derive(serde::Serialize)]
    struct Base {
        name: String,
        #[serde(flatten)]
        others: BTreeMap<String, serde_json::Value>,
    }

    struct Tagged(Base);

    impl serde::Serialize for Tagged {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            super::serialize(s, "kind", "base", &self.0)
        }
    }

    #[test]
    fn the_tag_goes_first_with_the_variant_value() {
        let base = Base {
            name: "a".into(),
            others: BTreeMap::new(),
        };
        let text = serde_json::to_string(&Tagged(base)).unwrap();
        assert_eq!(text, r#"{"kind":"base","name":"a"}"#);
    }

    #[test]
    fn a_kept_tag_wins_and_is_written_once() {
        let base = Base {
            name: "a".into(),
            others: [
                ("kind".to_owned(), "shark".into()),
                ("teeth".to_owned(), 300.into()),
            ]
            .into(),
        };
        let text = serde_json::to_string(&Tagged(base)).unwrap();
        assert_eq!(text, r#"{"kind":"shark","name":"a","teeth":300}"#);
    }

    struct Variant(Base);

    impl serde::Serialize for Variant {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            super::serialize_variant(s, "kind", "round", &self.0)
        }
    }

    #[test]
    fn a_variant_writes_its_own_tag_over_the_models() {
        let base = Base {
            name: "a".into(),
            others: [("kind".to_owned(), "".into())].into(),
        };
        let text = serde_json::to_string(&Variant(base)).unwrap();
        assert_eq!(text, r#"{"kind":"round","name":"a"}"#);
    }

    #[test]
    fn a_model_that_is_not_an_object_is_refused() {
        struct NotAnObject;
        impl serde::Serialize for NotAnObject {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str("x")
            }
        }
        struct Wrap;
        impl serde::Serialize for Wrap {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                super::serialize(s, "kind", "x", &NotAnObject)
            }
        }
        let error = serde_json::to_string(&Wrap).unwrap_err().to_string();
        assert!(error.contains("must serialize as an object"), "{error}");
    }
}
