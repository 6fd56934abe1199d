//! Operations as Swagger 2.0 writes them: parameters with their schemas' simple types,
//! request bodies as body parameters or form fields, responses with `produces`, headers.

use openapiv3::{OpenAPI, ReferenceOr};
use serde_json::{Map, Value, json};

use super::schemas::{is_null_only, rewrite_refs, schema_value};
use super::{SIMPLE_KEYS, copy_extensions, escape, local, map_parameter, map_response, raw};
use crate::error::{Error, Location, Result};
use crate::load::PointerMap;

pub(super) fn parameter(v: &Value, at: &Location) -> Result<Value> {
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

pub(super) fn operation(
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
pub(super) fn form_fields(
    root: &Value,
    schema_at: &Location,
) -> Result<Option<Vec<(Value, String)>>> {
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
pub(super) fn response(v: &Value, root: &Value) -> (Value, Vec<String>) {
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
pub(super) fn header(h: &Value, root: &Value) -> Value {
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
