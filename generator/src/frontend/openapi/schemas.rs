//! Schemas as Swagger 2.0 writes them: component references pointed at their Swagger homes,
//! OpenAPI 3.0's nullability, single-schema `allOf` and discriminator objects rewritten.

use serde_json::{Map, Value, json};

/// A component reference pointed at its Swagger 2.0 home (`#/components/schemas/A` →
/// `#/definitions/A`, in this file or another).
pub(super) fn swagger_ref(reference: &str) -> String {
    reference
        .replace("#/components/schemas/", "#/definitions/")
        .replace("#/components/parameters/", "#/parameters/")
        .replace("#/components/responses/", "#/responses/")
}

/// Points component references at their Swagger 2.0 homes.
pub(super) fn rewrite_refs(v: Value) -> Value {
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
pub(super) fn schema_value(v: &Value) -> Value {
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
pub(super) fn normalize(v: &mut Value) {
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
pub(super) fn unwrap_single_all_of(o: &mut Map<String, Value>) {
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
pub(super) fn is_null_only(v: &Value) -> bool {
    let only_nulls = matches!(v.get("enum"), Some(Value::Array(values))
        if !values.is_empty() && values.iter().all(Value::is_null));
    only_nulls || v.get("type").and_then(Value::as_str) == Some("null")
}
