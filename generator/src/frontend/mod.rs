//! Stage 2: front-ends. Swagger 2.0 documents are read through a typed model
//! ([`swagger`]); OpenAPI 3.0 documents are read with the `openapiv3` crate and turned into the
//! same model ([`openapi`]), so both reach one IR.

pub mod openapi;
pub mod swagger;

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Location, Result};
use crate::load::{Loader, PointerMap};

/// Which description format a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Swagger 2.0.
    Swagger2,
    /// OpenAPI 3.0.x.
    OpenApi30,
}

/// Loads `path`, checks its version and leaves a Swagger 2.0 document in the loader under the
/// same path (converting OpenAPI 3.0 on the way).
pub fn load(loader: &mut Loader, path: &Path) -> Result<Format> {
    let value = loader.load(path)?;
    let at = Location::new(path, "");
    match detect(&value, &at)? {
        Format::Swagger2 => Ok(Format::Swagger2),
        Format::OpenApi30 => {
            let (converted, origin) = openapi::to_swagger(&value, &at)?;
            loader.replace(path, converted, origin);
            // Files its `$ref`s read are OpenAPI 3.0 too (whole documents, or fragments of
            // `components`): converted as they are read.
            loader.set_converter(convert_referenced);
            Ok(Format::OpenApi30)
        }
    }
}

/// An OpenAPI 3.0 file read through a `$ref` of another, in the Swagger 2.0 model: a whole
/// document, or a fragment holding `components`. Anything else is left as it is.
fn convert_referenced(value: &Value, at: &Location) -> Result<Option<(Value, PointerMap)>> {
    let Some(object) = value.as_object() else {
        return Ok(None);
    };
    if object.get("openapi").and_then(Value::as_str).is_some() {
        return openapi::to_swagger(value, at).map(Some);
    }
    if object.contains_key("components") && !object.contains_key("swagger") {
        // A fragment: read as a document of no paths around the same components (pointers
        // stay the same).
        let mut whole = object.clone();
        whole.insert("openapi".into(), "3.0.3".into());
        whole
            .entry("info")
            .or_insert_with(|| serde_json::json!({"title": "", "version": ""}));
        whole
            .entry("paths")
            .or_insert_with(|| serde_json::json!({}));
        return openapi::to_swagger(&Value::Object(whole), at).map(Some);
    }
    Ok(None)
}

fn detect(value: &Value, at: &Location) -> Result<Format> {
    if !value.is_object() {
        return Err(Error::spec(at, "a spec must be a JSON or YAML object"));
    }
    if let Some(v) = value.get("swagger") {
        return match v.as_str() {
            Some("2.0") => Ok(Format::Swagger2),
            _ => Err(Error::spec(
                &at.join("swagger"),
                format!("unsupported Swagger version {v}; only 2.0 is supported"),
            )),
        };
    }
    if let Some(v) = value.get("openapi") {
        let text = v.as_str().unwrap_or_default();
        return if text.starts_with("3.0") {
            Ok(Format::OpenApi30)
        } else if text.starts_with("3.1") {
            Err(Error::spec(
                &at.join("openapi"),
                format!("OpenAPI {text} is not supported yet; OpenAPI 3.0.x and Swagger 2.0 are"),
            ))
        } else {
            Err(Error::spec(
                &at.join("openapi"),
                format!(
                    "unsupported OpenAPI version {v}; OpenAPI 3.0.x and Swagger 2.0 are supported"
                ),
            ))
        };
    }
    Err(Error::spec(
        at,
        "neither `swagger: \"2.0\"` nor `openapi: 3.0.x` is declared",
    ))
}

/// Deserializes `value` into a typed model; a mismatch names the JSON pointer.
pub fn typed<T: DeserializeOwned>(value: &Value, at: &Location) -> Result<T> {
    // The common case without tracking the path; only a failure is read again to say where.
    if let Ok(typed) = T::deserialize(value) {
        return Ok(typed);
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut loc = at.clone();
        for seg in e.path().iter() {
            use serde_path_to_error::Segment::*;
            loc = match seg {
                Seq { index } => loc.join(index),
                Map { key } => loc.join(key),
                Enum { variant } => loc.join(variant),
                Unknown => loc,
            };
        }
        Error::spec(&loc, e.into_inner().to_string())
    })
}

/// The `{name}` placeholders of a template, in order.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        out.push(rest[start + 1..start + end].to_owned());
        rest = &rest[start + end + 1..];
    }
    out
}
