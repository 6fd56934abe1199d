//! The OpenAPI 3.0 front-end: the document is read with the `openapiv3` crate, then expressed
//! in the Swagger 2.0 model the IR builder reads, so both formats give the same IR.
//!
//! Mapping: `components/*` → `definitions`, `parameters`, `responses`; `requestBody` → a body
//! parameter (`x-ms-requestBody-name`, else `body`); response `content` → `schema` and
//! `produces`; parameter `schema` → `type`/`format`/`items`/`enum`; `style`/`explode` →
//! `collectionFormat`; a templated first server → `x-ms-parameterized-host`; `nullable` →
//! `x-nullable`.

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr};
use serde_json::{Map, Value, json};

use super::{placeholders, typed};
use crate::error::{Error, Location, Result};
use crate::load::PointerMap;

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
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The keys of a simple schema that move up a level in Swagger 2.0, beside a parameter's or a
/// header's own (`schema/type` becomes `type`).
const SIMPLE_KEYS: [&str; 6] = ["type", "format", "items", "enum", "default", "x-ms-enum"];

/// A parameter's schema keys move up a level in Swagger 2.0 (`schema/type` becomes `type`).
fn map_parameter(map: &mut PointerMap, converted: &str, original: &str) {
    map.add(converted, original);
    for key in SIMPLE_KEYS {
        map.add(
            format!("{converted}/{key}"),
            format!("{original}/schema/{key}"),
        );
    }
}

/// A response's schema lives under its first media type in OpenAPI 3.0.
fn map_response(map: &mut PointerMap, converted: &str, original: &str, response: &Value) {
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
fn local<'v>(root: &'v Value, reference: &str) -> Option<&'v Value> {
    let pointer = reference.strip_prefix('#')?;
    root.pointer(&crate::load::percent_decode(pointer))
}

/// The document's own JSON at `at` (what the typed model was read from): the converter
/// rewrites the text the user wrote, not a re-serialization of it.
fn raw<'v>(root: &'v Value, at: &Location) -> Result<&'v Value> {
    root.pointer(&at.pointer)
        .ok_or_else(|| Error::spec(at, "expected here, but absent"))
}

fn copy_extensions(ext: &IndexMap<String, Value>, out: &mut Map<String, Value>) {
    for (k, v) in ext {
        out.insert(k.clone(), rewrite_refs(v.clone()));
    }
}

/// A component reference pointed at its Swagger 2.0 home (`#/components/schemas/A` →
/// `#/definitions/A`, in this file or another).
fn swagger_ref(reference: &str) -> String {
    reference
        .replace("#/components/schemas/", "#/definitions/")
        .replace("#/components/parameters/", "#/parameters/")
        .replace("#/components/responses/", "#/responses/")
}

/// Points component references at their Swagger 2.0 homes.
fn rewrite_refs(v: Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| {
                    let v = match (k.as_str(), v) {
                        ("$ref", Value::String(s)) => Value::String(swagger_ref(&s)),
                        (_, v) => rewrite_refs(v),
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(rewrite_refs).collect()),
        other => other,
    }
}

/// A schema as Swagger 2.0 writes it: refs rewritten, and each schema in it normalized (see
/// [`normalize`]).
fn schema_value(v: &Value) -> Value {
    let mut v = rewrite_refs(v.clone());
    normalize(&mut v);
    v
}

/// Rewrites one schema, and those inside it, into the forms the builder reads:
/// - `nullable: true` → `x-nullable: true`; `null` among `enum` values (JSON Schema's way of
///   saying the same) likewise, and a `oneOf`/`anyOf` alternative that allows only `null`;
/// - `allOf` of a single schema and nothing else beside it (how generators attach a description
///   to a reference) → that schema;
/// - a `discriminator` object → its `propertyName`, its `mapping` kept beside it.
fn normalize(v: &mut Value) {
    let Value::Object(o) = v else { return };
    if let Some(n) = o.remove("nullable")
        && n == Value::Bool(true)
    {
        o.insert("x-nullable".into(), n);
    }
    if let Some(Value::Array(values)) = o.get_mut("enum")
        && values.iter().any(Value::is_null)
    {
        values.retain(|v| !v.is_null());
        if values.is_empty() {
            o.remove("enum");
        }
        o.insert("x-nullable".into(), Value::Bool(true));
    }
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(alternatives)) = o.get_mut(key) else {
            continue;
        };
        let nullable = alternatives.iter().any(is_null_only);
        // `{}` allows anything: an alternative that tells nothing apart.
        alternatives.retain(|a| !is_null_only(a) && a.as_object().is_none_or(|a| !a.is_empty()));
        if alternatives.is_empty() {
            o.remove(key);
        }
        if nullable {
            o.insert("x-nullable".into(), Value::Bool(true));
        }
    }
    if let Some(Value::Object(d)) = o.get("discriminator").cloned()
        && let Some(property) = d.get("propertyName")
    {
        o.insert("discriminator".into(), property.clone());
        if let Some(Value::Object(mapping)) = d.get("mapping") {
            let mapping: Map<String, Value> = mapping
                .iter()
                .map(|(value, target)| {
                    let target = target
                        .as_str()
                        .map_or(target.clone(), |t| json!(swagger_ref(t)));
                    (value.clone(), target)
                })
                .collect();
            o.insert("x-discriminator-mapping".into(), Value::Object(mapping));
        }
    }
    for (key, child) in o.iter_mut() {
        match (key.as_str(), child) {
            ("properties", Value::Object(properties)) => {
                properties.values_mut().for_each(normalize);
            }
            ("items" | "additionalProperties" | "not", child) => normalize(child),
            ("allOf" | "oneOf" | "anyOf", Value::Array(schemas)) => {
                schemas.iter_mut().for_each(normalize);
            }
            _ => {}
        }
    }
    unwrap_single_all_of(o);
}

/// `{allOf: [S], description, ...}` with nothing that makes a type of its own beside it is
/// `S` with those annotations.
fn unwrap_single_all_of(o: &mut Map<String, Value>) {
    const OWN_TYPE: [&str; 6] = [
        "properties",
        "additionalProperties",
        "discriminator",
        "oneOf",
        "anyOf",
        "items",
    ];
    let single = matches!(o.get("allOf"), Some(Value::Array(a)) if a.len() == 1);
    let plain =
        !OWN_TYPE.iter().any(|k| o.contains_key(*k)) && o.get("type").is_none_or(|t| t == "object");
    if !single || !plain {
        return;
    }
    let Some(Value::Array(mut parents)) = o.remove("allOf") else {
        return;
    };
    let Value::Object(parent) = parents.remove(0) else {
        return;
    };
    if parent.contains_key("$ref") {
        o.remove("type");
    }
    for (k, v) in parent {
        o.entry(k).or_insert(v);
    }
}

/// A schema that allows only `null`: `enum: [null]`, or `type: "null"`.
fn is_null_only(v: &Value) -> bool {
    let only_nulls = matches!(v.get("enum"), Some(Value::Array(values))
        if !values.is_empty() && values.iter().all(Value::is_null));
    only_nulls || v.get("type").and_then(Value::as_str) == Some("null")
}

fn parameter(v: &Value, at: &Location) -> Result<Value> {
    let v = rewrite_refs(v.clone());
    if v.get("$ref").is_some() {
        return Ok(v);
    }
    let Some(o) = v.as_object() else {
        return Err(Error::spec(at, "a parameter must be an object"));
    };
    let mut p = Map::new();
    for (k, val) in o {
        match k.as_str() {
            "name" | "in" | "description" | "required" => {
                p.insert(k.clone(), val.clone());
            }
            k2 if k2.starts_with("x-") => {
                p.insert(k.clone(), val.clone());
            }
            _ => {}
        }
    }
    let schema = o.get("schema").map(schema_value).unwrap_or(Value::Null);
    // A schema beyond a simple type (a reference, a choice among alternatives) stays whole, for
    // the builder to type as it types a property.
    let whole = ["$ref", "oneOf", "anyOf", "allOf"]
        .iter()
        .any(|k| schema.get(k).is_some());
    if whole {
        p.insert("schema".into(), schema);
        return Ok(Value::Object(p));
    }
    if let Some(s) = schema.as_object() {
        for key in SIMPLE_KEYS {
            if let Some(val) = s.get(key) {
                p.insert(key.into(), val.clone());
            }
        }
    }
    if p.get("type").and_then(Value::as_str) == Some("array") {
        let style = o.get("style").and_then(Value::as_str).unwrap_or(
            if o.get("in").and_then(Value::as_str) == Some("query") {
                "form"
            } else {
                "simple"
            },
        );
        let explode = o
            .get("explode")
            .and_then(Value::as_bool)
            .unwrap_or(style == "form");
        let format = match (style, explode) {
            ("form", true) => "multi",
            ("spaceDelimited", _) => "ssv",
            ("pipeDelimited", _) => "pipes",
            _ => "csv",
        };
        p.insert("collectionFormat".into(), json!(format));
    }
    Ok(Value::Object(p))
}

fn operation(
    op: &openapiv3::Operation,
    doc: &OpenAPI,
    root: &Value,
    at: &Location,
    map: &mut PointerMap,
) -> Result<Value> {
    let mut out = Map::new();
    if let Some(id) = &op.operation_id {
        out.insert("operationId".into(), json!(id));
    }
    if let Some(s) = &op.summary {
        out.insert("summary".into(), json!(s));
    }
    if let Some(d) = &op.description {
        out.insert("description".into(), json!(d));
    }
    let mut params = op
        .parameters
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let p_at = at.join("parameters").join(i);
            parameter(raw(root, &p_at)?, &p_at)
        })
        .collect::<Result<Vec<_>>>()?;
    let mut body_index = None;
    if let Some(body) = &op.request_body {
        let body_at = at.join("requestBody");
        let (body, body_raw) = match body {
            ReferenceOr::Item(b) => (b, raw(root, &body_at)?),
            ReferenceOr::Reference { reference } => {
                let name = reference.rsplit('/').next().unwrap_or_default();
                let target = doc
                    .components
                    .as_ref()
                    .and_then(|c| c.request_bodies.get(name));
                let target_raw = local(root, reference);
                match (target, target_raw) {
                    (Some(ReferenceOr::Item(b)), Some(r)) => (b, r),
                    _ => {
                        return Err(Error::spec(
                            &body_at,
                            format!("dangling `$ref`: `{reference}`"),
                        ));
                    }
                }
            }
        };
        let name = body
            .extensions
            .get("x-ms-requestBody-name")
            .or_else(|| op.extensions.get("x-ms-requestBody-name"))
            .and_then(Value::as_str)
            .unwrap_or("body")
            .to_owned();
        let types: Vec<String> = body.content.keys().cloned().collect();
        let schema_entry = body.content.iter().find(|(_, m)| m.schema.is_some());
        let schema = schema_entry
            .and_then(|(media, _)| body_raw.get("content")?.get(media)?.get("schema"))
            .map(schema_value)
            .unwrap_or_else(|| json!({}));
        let multipart = match (types.as_slice(), schema_entry) {
            ([only], Some((media, _))) if only == "multipart/form-data" => {
                let schema_at = body_at.join("content").join(media).join("schema");
                form_fields(root, &schema_at)?
            }
            _ => None,
        };
        if let Some(fields) = multipart {
            // A multipart body's properties are form fields, after the other parameters.
            for (field, original) in fields {
                let converted = format!("{}/parameters/{}", at.pointer, params.len());
                map.add(converted, original);
                params.push(field);
            }
        } else {
            let mut p =
                json!({ "name": name, "in": "body", "required": body.required, "schema": schema });
            if let Some(d) = &body.description {
                p["description"] = json!(d);
            }
            let index = op
                .extensions
                .get("x-ms-requestBody-index")
                .and_then(Value::as_u64)
                .map_or(params.len(), |i| (i as usize).min(params.len()));
            params.insert(index, p);
            body_index = Some(index);
            let converted = format!("{}/parameters/{index}", at.pointer);
            map.add(converted.clone(), body_at.pointer.clone());
            if let Some((media, _)) = schema_entry {
                map.add(
                    format!("{converted}/schema"),
                    format!("{}/content/{}/schema", body_at.pointer, escape(media)),
                );
            }
        }
        out.insert("consumes".into(), json!(types));
    }
    // The other parameters keep their places around the body.
    for i in 0..op.parameters.len() {
        let converted = match body_index {
            Some(b) if i >= b => i + 1,
            _ => i,
        };
        map_parameter(
            map,
            &format!("{}/parameters/{converted}", at.pointer),
            &format!("{}/parameters/{i}", at.pointer),
        );
    }
    if !params.is_empty() {
        out.insert("parameters".into(), Value::Array(params));
    }
    let mut responses = Map::new();
    let mut produces: Vec<String> = Vec::new();
    // The keys as written (`5xx` stays `5xx`), in order.
    let declared = raw(root, &at.join("responses"))?
        .as_object()
        .ok_or_else(|| Error::spec(&at.join("responses"), "responses must be an object"))?;
    let mut add = |code: &str, r: &Value| -> Result<()> {
        let r_at = at.join("responses").join(code);
        let (resp, types) = response(r, root);
        map_response(map, &r_at.pointer, &r_at.pointer, r);
        for t in types {
            if !produces.contains(&t) {
                produces.push(t);
            }
        }
        responses.insert(code.to_owned(), resp);
        Ok(())
    };
    // A `default` alone is the operation's answer, whatever its status: it reads as any 2xx
    // status. With no response declared at all, the answer is any 2xx status too, its body
    // the bytes that came (nothing is said of them, so nothing of them is lost).
    let only_default = declared.keys().all(|k| k == "default");
    for (code, r) in declared.iter().filter(|(k, _)| !k.starts_with("x-")) {
        add(code, r)?;
    }
    if only_default {
        let answer = responses.remove("default").unwrap_or_else(
            || json!({ "description": "", "schema": { "type": "string", "format": "binary" } }),
        );
        let converted = format!("{}/responses/2XX", at.pointer);
        match declared.get("default") {
            Some(d) => {
                let original = format!("{}/responses/default", at.pointer);
                map_response(map, &converted, &original, d);
            }
            None => map.add(converted, format!("{}/responses", at.pointer)),
        }
        responses.insert("2XX".into(), answer);
    }
    out.insert("responses".into(), Value::Object(responses));
    if !produces.is_empty() {
        out.insert("produces".into(), json!(produces));
    }
    copy_extensions(&op.extensions, &mut out);
    out.remove("x-ms-requestBody-name");
    out.remove("x-ms-requestBody-index");
    Ok(Value::Object(out))
}

/// A `multipart/form-data` body's properties as `formData` parameters, each with the pointer
/// of the property it comes from: `format: binary` strings (and arrays of them) are files, other
/// values text parts. `None` when the schema (followed through a local `$ref`) is not an object
/// with properties: the body is then sent as it is.
fn form_fields(root: &Value, schema_at: &Location) -> Result<Option<Vec<(Value, String)>>> {
    let mut object = raw(root, schema_at)?;
    let mut object_pointer = schema_at.pointer.clone();
    if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
        let Some(target) = local(root, reference) else {
            return Ok(None);
        };
        object = target;
        object_pointer = crate::load::percent_decode(reference.trim_start_matches('#'));
    }
    let Some(properties) = object.get("properties").and_then(Value::as_object) else {
        return Ok(None);
    };
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let is_binary = |v: &Value| {
        v.get("type").and_then(Value::as_str) == Some("string")
            && v.get("format").and_then(Value::as_str) == Some("binary")
    };
    let mut fields = Vec::new();
    for (name, property) in properties {
        let original = format!("{object_pointer}/properties/{}", escape(name));
        let mut field = json!({
            "name": name,
            "in": "formData",
            "required": required.contains(&name.as_str()),
            "schema": property,
        });
        if let Some(d) = property.get("description") {
            field["description"] = d.clone();
        }
        let mut field = parameter(&field, &Location::new(&schema_at.file, &original))?;
        if is_binary(property) {
            field["type"] = json!("file");
            field.as_object_mut().map(|f| f.remove("format"));
        } else if property.get("type").and_then(Value::as_str) == Some("array") {
            if property.get("items").is_some_and(is_binary) {
                field["items"] = json!({ "type": "file" });
            }
            // Each item a part of its own, under the field's name.
            field["collectionFormat"] = json!("multi");
        }
        fields.push((field, original));
    }
    Ok(Some(fields))
}

/// A response in Swagger 2.0 form, and its content types. `root` is the whole document, where
/// a header's `$ref` points.
fn response(v: &Value, root: &Value) -> (Value, Vec<String>) {
    let v = rewrite_refs(v.clone());
    if v.get("$ref").is_some() {
        return (v, Vec::new());
    }
    let mut out = Map::new();
    out.insert(
        "description".into(),
        v.get("description").cloned().unwrap_or(json!("")),
    );
    let mut types = Vec::new();
    if let Some(content) = v.get("content").and_then(Value::as_object) {
        types = content.keys().cloned().collect();
        // (The same media type `map_response` points at.) A schema that allows only `null`
        // is an answer without a body.
        if let Some(schema) = content.values().find_map(|m| m.get("schema"))
            && !is_null_only(schema)
        {
            out.insert("schema".into(), schema_value(schema));
        }
    }
    if let Some(headers) = v.get("headers").and_then(Value::as_object) {
        let converted: Map<String, Value> = headers
            .iter()
            .map(|(name, h)| (name.clone(), header(h, root)))
            .collect();
        out.insert("headers".into(), Value::Object(converted));
    }
    if let Some(o) = v.as_object() {
        for (k, val) in o {
            if k.starts_with("x-") {
                out.insert(k.clone(), val.clone());
            }
        }
    }
    (Value::Object(out), types)
}

/// A response header in Swagger 2.0 form: its schema's simple type moved up a level (a
/// `$ref` to `components/headers` followed first).
fn header(h: &Value, root: &Value) -> Value {
    let h = h
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| local(root, r))
        .unwrap_or(h);
    let mut out = Map::new();
    if let Some(d) = h.get("description") {
        out.insert("description".into(), d.clone());
    }
    let schema = h.get("schema").map(schema_value).unwrap_or(Value::Null);
    for key in SIMPLE_KEYS {
        if let Some(val) = schema.get(key) {
            out.insert(key.into(), val.clone());
        }
    }
    if !out.contains_key("type") {
        out.insert("type".into(), json!("string"));
    }
    Value::Object(out)
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
