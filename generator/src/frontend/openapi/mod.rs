//! The OpenAPI 3.0 front-end: the document is read with the `openapiv3` crate, then expressed
//! in the Swagger 2.0 model the IR builder reads, so both formats give the same IR.
//!
//! Mapping: `components/*` → `definitions`, `parameters`, `responses`; `requestBody` → a body
//! parameter (`x-ms-requestBody-name`, else `body`); response `content` → `schema` and
//! `produces`; parameter `schema` → `type`/`format`/`items`/`enum`; `style`/`explode` →
//! `collectionFormat`; a templated first server → `x-ms-parameterized-host`; `nullable` →
//! `x-nullable`.

mod operations;
mod schemas;

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr};
use serde_json::{Map, Value, json};

use super::{placeholders, typed};
use crate::error::{Error, Location, Result};
use crate::load::PointerMap;
use operations::{operation, parameter, response};
use schemas::{rewrite_refs, schema_value};

/// Converts an OpenAPI 3.0 document to the equivalent Swagger 2.0 document, and the map from its
/// pointers back to the OpenAPI document's (so every error and warning points into the file the
/// user wrote).
pub fn to_swagger(value: &Value, at: &Location) -> Result<(Value, PointerMap)> {
    check_local_refs(value, at)?;
    let doc: OpenAPI = typed(value, at)?;
    let mut map = PointerMap::default();
    let mut out = Map::new();
    out.insert("swagger".into(), json!("2.0"));
    out.insert("info".into(), raw(value, &at.join("info"))?.clone());
    copy_extensions(&doc.extensions, &mut out);

    if let Some(server) = doc.servers.first() {
        let vars = placeholders(&server.url);
        if !vars.is_empty() && !out.contains_key("x-ms-parameterized-host") {
            let params: Vec<Value> = vars
                .iter()
                .map(|v| {
                    let var = server.variables.as_ref().and_then(|m| m.get(v));
                    let mut p = json!({
                        "name": v, "in": "path", "required": true, "type": "string",
                        "x-ms-skip-url-encoding": true, "x-ms-parameter-location": "client",
                    });
                    if let Some(var) = var {
                        if let Some(d) = &var.description {
                            p["description"] = json!(d);
                        }
                        if !var.default.is_empty() && var.default != format!("{{{v}}}") {
                            p["default"] = json!(var.default);
                        }
                    }
                    p
                })
                .collect();
            map.add("/x-ms-parameterized-host", "/servers/0");
            for (i, v) in vars.iter().enumerate() {
                map.add(
                    format!("/x-ms-parameterized-host/parameters/{i}"),
                    format!("/servers/0/variables/{}", escape(v)),
                );
            }
            out.insert(
                "x-ms-parameterized-host".into(),
                json!({ "hostTemplate": server.url, "useSchemePrefix": false, "parameters": params }),
            );
        } else if vars.is_empty() {
            let path = server
                .url
                .split("://")
                .nth(1)
                .and_then(|rest| rest.find('/').map(|i| rest[i..].to_owned()))
                .unwrap_or_else(|| {
                    if server.url.starts_with('/') {
                        server.url.clone()
                    } else {
                        String::new()
                    }
                });
            if !path.is_empty() && path != "/" {
                map.add("/basePath", "/servers/0/url");
                out.insert("basePath".into(), json!(path));
            }
            // An absolute URL names the service's own host: the client's default endpoint.
            if let Some((scheme, rest)) = server.url.split_once("://") {
                let authority = rest.split('/').next().unwrap_or_default();
                if !authority.is_empty() && matches!(scheme, "http" | "https") {
                    map.add("/host", "/servers/0/url");
                    out.insert("host".into(), json!(authority));
                    out.insert("schemes".into(), json!([scheme]));
                }
            }
        }
    }

    let mut paths = Map::new();
    for (path, item) in &doc.paths.paths {
        let item_at = at.join("paths").join(path);
        let ReferenceOr::Item(item) = item else {
            return Err(Error::spec(
                &item_at,
                "path items by `$ref` are not supported",
            ));
        };
        let mut p = Map::new();
        if !item.parameters.is_empty() {
            let params = item
                .parameters
                .iter()
                .enumerate()
                .map(|(i, _)| {
                    let p_at = item_at.join("parameters").join(i);
                    map_parameter(&mut map, &p_at.pointer, &p_at.pointer);
                    parameter(raw(value, &p_at)?, &p_at)
                })
                .collect::<Result<Vec<_>>>()?;
            p.insert("parameters".into(), Value::Array(params));
        }
        for (method, op) in item.iter() {
            let op_at = item_at.join(method);
            p.insert(
                method.to_owned(),
                operation(op, &doc, value, &op_at, &mut map)?,
            );
        }
        paths.insert(path.clone(), Value::Object(p));
    }
    out.insert("paths".into(), Value::Object(paths));

    if let Some(c) = &doc.components {
        let c_at = at.join("components");
        let mut defs = Map::new();
        for name in c.schemas.keys() {
            map.add(
                format!("/definitions/{}", escape(name)),
                format!("/components/schemas/{}", escape(name)),
            );
            let s_at = c_at.join("schemas").join(name);
            defs.insert(name.clone(), schema_value(raw(value, &s_at)?));
        }
        out.insert("definitions".into(), Value::Object(defs));
        let mut params = Map::new();
        for name in c.parameters.keys() {
            let p_at = c_at.join("parameters").join(name);
            map_parameter(
                &mut map,
                &format!("/parameters/{}", escape(name)),
                &p_at.pointer,
            );
            let mut converted = parameter(raw(value, &p_at)?, &p_at)?;
            // Shared, not the client's: OpenAPI 3.0 components are only reused definitions
            // (Swagger 2.0's global parameters are the client's unless they say otherwise).
            if let Value::Object(p) = &mut converted {
                p.entry("x-ms-parameter-location")
                    .or_insert_with(|| json!("method"));
            }
            params.insert(name.clone(), converted);
        }
        out.insert("parameters".into(), Value::Object(params));
        let mut responses = Map::new();
        for name in c.responses.keys() {
            let r_at = c_at.join("responses").join(name);
            let r = raw(value, &r_at)?;
            let (converted, _) = response(r, value);
            map_response(
                &mut map,
                &format!("/responses/{}", escape(name)),
                &r_at.pointer,
                r,
            );
            responses.insert(name.clone(), converted);
        }
        out.insert("responses".into(), Value::Object(responses));
        let mut security = Map::new();
        for (name, s) in &c.security_schemes {
            if let ReferenceOr::Item(s) = s {
                map.add(
                    format!("/securityDefinitions/{}", escape(name)),
                    format!("/components/securitySchemes/{}", escape(name)),
                );
                security.insert(name.clone(), security_scheme(s));
            }
        }
        if !security.is_empty() {
            out.insert("securityDefinitions".into(), Value::Object(security));
        }
    }
    Ok((Value::Object(out), map))
}

/// A pointer segment, escaped per RFC 6901.
pub(super) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The keys of a simple schema that move up a level in Swagger 2.0, beside a parameter's or a
/// header's own (`schema/type` becomes `type`).
pub(super) const SIMPLE_KEYS: [&str; 6] =
    ["type", "format", "items", "enum", "default", "x-ms-enum"];

/// A parameter's schema keys move up a level in Swagger 2.0 (`schema/type` becomes `type`).
pub(super) fn map_parameter(map: &mut PointerMap, converted: &str, original: &str) {
    map.add(converted, original);
    for key in SIMPLE_KEYS {
        map.add(
            format!("{converted}/{key}"),
            format!("{original}/schema/{key}"),
        );
    }
}

/// A response's schema lives under its first media type in OpenAPI 3.0.
pub(super) fn map_response(
    map: &mut PointerMap,
    converted: &str,
    original: &str,
    response: &Value,
) {
    map.add(converted, original);
    if response.get("$ref").is_none()
        && let Some(content) = response.get("content").and_then(Value::as_object)
        && let Some((media, _)) = content.iter().find(|(_, m)| m.get("schema").is_some())
    {
        map.add(
            format!("{converted}/schema"),
            format!("{original}/content/{}/schema", escape(media)),
        );
    }
}

/// Every `#/...` reference inside the document points at something: checked on the OpenAPI
/// document itself, so the message quotes the reference as written.
fn check_local_refs(value: &Value, at: &Location) -> Result<()> {
    // Walked with the path as borrowed segments: a location is made only for the one reported.
    fn walk<'v>(root: &Value, v: &'v Value, path: &mut Vec<Segment<'v>>) -> Option<String> {
        match v {
            Value::Object(o) => {
                if let Some(Value::String(r)) = o.get("$ref")
                    && r.starts_with('#')
                    && local(root, r).is_none()
                {
                    return Some(r.clone());
                }
                for (k, child) in o {
                    path.push(Segment::Key(k));
                    let found = walk(root, child, path);
                    if found.is_some() {
                        return found;
                    }
                    path.pop();
                }
                None
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    path.push(Segment::Index(i));
                    let found = walk(root, child, path);
                    if found.is_some() {
                        return found;
                    }
                    path.pop();
                }
                None
            }
            _ => None,
        }
    }
    let mut path = Vec::new();
    let Some(reference) = walk(value, value, &mut path) else {
        return Ok(());
    };
    let here = path.iter().fold(at.clone(), |loc, s| match s {
        Segment::Key(k) => loc.join(k),
        Segment::Index(i) => loc.join(i),
    });
    Err(Error::spec(
        &here,
        format!("dangling `$ref`: `{reference}` points at nothing"),
    ))
}

/// One step of a path into a document.
enum Segment<'v> {
    Key(&'v str),
    Index(usize),
}

/// What a reference within the document (`#/components/...`, percent-encoded or not) names;
/// `None` for a reference into another file, or one that points at nothing.
pub(super) fn local<'v>(root: &'v Value, reference: &str) -> Option<&'v Value> {
    let pointer = reference.strip_prefix('#')?;
    root.pointer(&crate::load::percent_decode(pointer))
}

/// The document's own JSON at `at` (what the typed model was read from): the converter
/// rewrites the text the user wrote, not a re-serialization of it.
pub(super) fn raw<'v>(root: &'v Value, at: &Location) -> Result<&'v Value> {
    root.pointer(&at.pointer)
        .ok_or_else(|| Error::spec(at, "expected here, but absent"))
}

pub(super) fn copy_extensions(ext: &IndexMap<String, Value>, out: &mut Map<String, Value>) {
    for (k, v) in ext {
        out.insert(k.clone(), rewrite_refs(v.clone()));
    }
}

fn security_scheme(s: &openapiv3::SecurityScheme) -> Value {
    use openapiv3::{APIKeyLocation, SecurityScheme};
    match s {
        SecurityScheme::APIKey { location, name, .. } => json!({
            "type": "apiKey",
            "name": name,
            "in": match location { APIKeyLocation::Header => "header", APIKeyLocation::Query => "query", APIKeyLocation::Cookie => "cookie" },
        }),
        SecurityScheme::OAuth2 { flows, .. } => {
            let scopes = flows
                .implicit
                .as_ref()
                .map(|f| f.scopes.clone())
                .or_else(|| flows.client_credentials.as_ref().map(|f| f.scopes.clone()))
                .or_else(|| flows.authorization_code.as_ref().map(|f| f.scopes.clone()))
                .or_else(|| flows.password.as_ref().map(|f| f.scopes.clone()))
                .unwrap_or_default();
            json!({ "type": "oauth2", "scopes": scopes })
        }
        SecurityScheme::HTTP { .. } | SecurityScheme::OpenIDConnect { .. } => {
            json!({ "type": "basic" })
        }
    }
}
