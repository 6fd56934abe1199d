//! Random Swagger 2.0 documents built from pieces, for the generator's property test
//! (`generator/tests/random_specs.rs`) and for the samples crate, which compiles and lints the
//! clients of some of them. Deterministic: the same seed gives the same document on every
//! machine. The pieces lean hostile: names that collide with what the generator writes,
//! keywords, text that would be a doctest or a terminal escape, cycles through every construct,
//! values that do not fit their types.

use serde_json::{Map, Value, json};

/// A small deterministic generator (xorshift64*): no dependency, the same sequence everywhere.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Names that collide with the generator's own items, Rust keywords and prelude types, or that
/// case conversion folds together.
const NAMES: &[&str] = &[
    "pet",
    "Pet",
    "type",
    "Type",
    "self",
    "Self",
    "request",
    "Request",
    "response",
    "value",
    "options",
    "client",
    "clone",
    "Clone",
    "get",
    "Get",
    "GetRequest",
    "get_request",
    "WithCallOptions",
    "new",
    "New",
    "pipeline",
    "additionalProperties",
    "additional_properties",
    "123abc",
    "a b",
    "caf\u{e9}",
    "_",
    "__",
    "UnknownValue",
    "Result",
    "Option",
    "Box",
    "String",
    "Client",
    "x-ms-id",
    "$filter",
    "fn",
    "async",
    "r#type",
    "Default",
    "body",
    "item",
    "url",
    "headers",
    "next",
    "link",
    "error",
    "status",
    "id",
    "ID",
    "Id",
    "HTTPServer",
    "listVMs",
    "odata.nextLink",
    "nextLink",
    "kind",
    "Kind",
];

/// Text that would be a doctest, HTML, a link or a terminal escape if it reached a doc or a
/// message as written.
const TEXTS: &[&str] = &[
    "A plain description.",
    "```\ncompile_error!(\"fence\");\n```",
    "~~~rust\ncompile_error!(\"tilde\");\n~~~",
    "    compile_error!(\"indented\");",
    "- ~~~\n  compile_error!(\"list fence\");\n  ~~~",
    "-     compile_error!(\"list indent\");",
    "> ```\n> compile_error!(\"quote\");\n> ```",
    "<script>alert(1)</script> [x](javascript:1) `a``b`",
    "1. one\n   continued\n2. two",
    "line one\r\nline two\r\n\ttabbed",
    "\u{1b}[31mred\u{1b}[0m and a\u{7}bell",
    "* bullet *emphasis* _under_ #hash",
    "https://example.com/path?x=1). trailing",
    "",
];

const FORMATS: &[(&str, &str)] = &[
    ("string", ""),
    ("string", "date-time"),
    ("string", "date-time-rfc1123"),
    ("string", "date"),
    ("string", "duration"),
    ("string", "byte"),
    ("string", "base64url"),
    ("string", "uuid"),
    ("integer", "int32"),
    ("integer", "int64"),
    ("integer", "unixtime"),
    ("number", "float"),
    ("number", "double"),
    ("boolean", ""),
];

/// A Swagger 2.0 document for `seed`, as JSON text.
pub fn spec(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let defs = 1 + rng.below(7);
    let def_names: Vec<String> = (0..defs)
        .map(|i| format!("{}{i}", rng.pick(NAMES)))
        .collect();
    let mut definitions = Map::new();
    for (i, name) in def_names.iter().enumerate() {
        definitions.insert(name.clone(), definition(&mut rng, &def_names, i));
    }
    let mut paths = Map::new();
    for i in 0..1 + rng.below(6) {
        let (path, item) = path_item(&mut rng, &def_names, i);
        paths.insert(path, item);
    }
    let mut doc = json!({
        "swagger": "2.0",
        "info": {
            "title": format!("{} {}", rng.pick(NAMES), rng.pick(TEXTS)),
            "version": *rng.pick(&["1", "2024-01-01", "`v`\n```", ""]),
            "description": *rng.pick(TEXTS),
        },
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "paths": paths,
        "definitions": definitions,
    });
    // A third of the specs speak XML; drawn from a generator of their own, so the JSON specs
    // stay the ones they were.
    let mut xml_rng = Rng::new(seed ^ 0x786d_6c78_6d6c);
    if xml_rng.one_in(3) {
        speak_xml(&mut xml_rng, &mut doc);
    }
    serde_json::to_string_pretty(&doc).expect("a JSON value prints")
}

/// Makes `doc` send and read XML, with `xml` objects (names, attributes, text, wrapped lists,
/// namespaces) on its definitions and their properties.
fn speak_xml(rng: &mut Rng, doc: &mut Value) {
    doc["consumes"] = json!(["application/xml"]);
    doc["produces"] = json!([*rng.pick(&["application/xml", "text/xml"])]);
    let Some(definitions) = doc["definitions"].as_object_mut() else {
        return;
    };
    for definition in definitions.values_mut() {
        if rng.one_in(2) {
            definition["xml"] = json!({ "name": *rng.pick(NAMES) });
        }
        if rng.one_in(6) {
            definition["xml"]["prefix"] = json!("p");
            definition["xml"]["namespace"] = json!("urn:example");
        }
        let Some(properties) = definition
            .get_mut("properties")
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        for property in properties.values_mut() {
            let scalar = property
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| !matches!(t, "array" | "object"));
            let mut xml = Map::new();
            if rng.one_in(3) {
                xml.insert("name".into(), json!(*rng.pick(NAMES)));
            }
            if scalar && rng.one_in(4) {
                xml.insert("attribute".into(), json!(true));
            } else if scalar && rng.one_in(6) {
                xml.insert("x-ms-text".into(), json!(true));
            } else if rng.one_in(10) {
                // Not a value: reported, and written as an element.
                xml.insert((*rng.pick(&["attribute", "x-ms-text"])).into(), json!(true));
            }
            if property.get("items").is_some() && rng.one_in(2) {
                xml.insert("wrapped".into(), json!(true));
                if let Some(items) = property["items"].as_object_mut() {
                    items.insert("xml".into(), json!({ "name": *rng.pick(NAMES) }));
                }
            }
            if !xml.is_empty() {
                property["xml"] = Value::Object(xml);
            }
        }
    }
}

fn reference(rng: &mut Rng, defs: &[String]) -> Value {
    json!({ "$ref": format!("#/definitions/{}", rng.pick(defs)) })
}

fn primitive(rng: &mut Rng) -> Value {
    let (kind, format) = *rng.pick(FORMATS);
    let mut schema = json!({ "type": kind });
    if !format.is_empty() {
        schema["format"] = json!(format);
    }
    schema
}

/// A schema for a property, an item or a body: primitives, references (cycles included),
/// arrays, maps, inline objects and enums.
fn schema(rng: &mut Rng, defs: &[String], depth: usize) -> Value {
    if depth > 2 {
        return primitive(rng);
    }
    match rng.below(9) {
        0 | 1 => primitive(rng),
        2 | 3 => reference(rng, defs),
        4 => json!({ "type": "array", "items": schema(rng, defs, depth + 1) }),
        5 => json!({ "type": "object", "additionalProperties": schema(rng, defs, depth + 1) }),
        6 => object(rng, defs, depth + 1),
        7 => enumeration(rng),
        _ => json!({}),
    }
}

fn enumeration(rng: &mut Rng) -> Value {
    let (kind, values): (&str, Vec<Value>) = match rng.below(3) {
        0 => (
            "string",
            (0..1 + rng.below(4))
                .map(|_| json!(*rng.pick(NAMES)))
                .collect(),
        ),
        1 => (
            "integer",
            vec![json!(1), json!(-7), json!(18_446_744_073_709_551_615u64)],
        ),
        _ => ("number", vec![json!(1.5), json!(2), json!(-0.25)]),
    };
    let mut e = json!({ "type": kind, "enum": values });
    if rng.one_in(2) {
        e["x-ms-enum"] = json!({
            "name": format!("{}Enum", rng.pick(NAMES)),
            "modelAsString": rng.one_in(2),
        });
    }
    e
}

fn object(rng: &mut Rng, defs: &[String], depth: usize) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for _ in 0..rng.below(5) {
        let name = rng.pick(NAMES).to_string();
        let mut prop = schema(rng, defs, depth);
        if let Some(o) = prop.as_object_mut() {
            if rng.one_in(3) {
                o.insert("description".into(), json!(*rng.pick(TEXTS)));
            }
            if rng.one_in(6) {
                o.insert("readOnly".into(), json!(true));
            }
            if rng.one_in(8) {
                o.insert("x-ms-client-name".into(), json!(*rng.pick(NAMES)));
            }
            if rng.one_in(8) {
                o.insert("x-nullable".into(), json!(true));
            }
        }
        if rng.one_in(2) {
            required.push(json!(name));
        }
        properties.insert(name, prop);
    }
    let mut o = json!({ "type": "object", "properties": properties, "required": required });
    if rng.one_in(4) {
        o["additionalProperties"] = schema(rng, defs, depth + 1);
    }
    if rng.one_in(3) {
        o["description"] = json!(*rng.pick(TEXTS));
    }
    o
}

fn definition(rng: &mut Rng, defs: &[String], index: usize) -> Value {
    match rng.below(8) {
        0 => json!({ "type": "array", "items": reference(rng, defs) }),
        1 => json!({ "additionalProperties": reference(rng, defs) }),
        2 => enumeration(rng),
        // A parent declared before (now and then itself: an `allOf` cycle, refused).
        3 => {
            let mut o = object(rng, defs, 1);
            let parents = if rng.one_in(8) {
                index + 1
            } else {
                index.max(1)
            };
            o["allOf"] = json!([reference(rng, &defs[..parents])]);
            o
        }
        4 => {
            let mut o = object(rng, defs, 1);
            o["discriminator"] = json!("kind");
            o["properties"]["kind"] = json!({ "type": "string" });
            o["required"] = json!(["kind"]);
            o
        }
        5 => primitive(rng),
        _ => object(rng, defs, 0),
    }
}

fn parameter(rng: &mut Rng, location: &str) -> Value {
    let name = rng.pick(NAMES).to_string();
    let mut p = primitive(rng);
    p["name"] = json!(name);
    p["in"] = json!(location);
    p["required"] = json!(location == "path" || rng.one_in(2));
    if rng.one_in(3) {
        p["description"] = json!(*rng.pick(TEXTS));
    }
    match rng.below(6) {
        0 => {
            p["default"] = json!(*rng.pick(&[
                json!(3_000_000_000u64),
                json!("x"),
                json!(true),
                json!(1.5),
                json!([1])
            ]))
        }
        1 if location != "path" => {
            p["type"] = json!("array");
            p["items"] = primitive(rng);
            p["collectionFormat"] = json!(*rng.pick(&["csv", "ssv", "tsv", "pipes", "multi"]));
        }
        2 => {
            p["type"] = json!("string");
            p["enum"] = json!([*rng.pick(NAMES), *rng.pick(NAMES)]);
        }
        3 if location != "path" => p["x-ms-client-request-id"] = json!(true),
        _ => {}
    }
    p
}

fn responses(rng: &mut Rng, defs: &[String]) -> Value {
    let mut r = Map::new();
    let success = *rng.pick(&["200", "201", "202", "204"]);
    let mut ok = json!({ "description": *rng.pick(TEXTS) });
    if success != "204" && rng.below(4) > 0 {
        ok["schema"] = schema(rng, defs, 1);
    }
    if rng.one_in(3) {
        let mut header = primitive(rng);
        if rng.one_in(2) {
            header = json!({ "type": "array", "items": primitive(rng) });
        }
        ok["headers"] = json!({ format!("x-{}", rng.pick(NAMES)).to_ascii_lowercase(): header });
    }
    r.insert(success.into(), ok);
    if rng.one_in(2) {
        r.insert(
            "default".into(),
            json!({ "description": "error", "schema": reference(rng, defs) }),
        );
    }
    Value::Object(r)
}

fn path_item(rng: &mut Rng, defs: &[String], index: usize) -> (String, Value) {
    let mut path = format!("/r{index}");
    let mut parameters = Vec::new();
    for _ in 0..rng.below(3) {
        let p = parameter(rng, "path");
        let name = p["name"].as_str().unwrap_or_default().to_owned();
        // Path templates hold names as written; a name with braces or slashes is skipped.
        if name.contains(['{', '}', '/', '?', '#'])
            || parameters.iter().any(|q: &Value| q["name"] == p["name"])
        {
            continue;
        }
        path.push_str(&format!("/{{{name}}}"));
        parameters.push(p);
    }
    for _ in 0..rng.below(4) {
        let location = *rng.pick(&["query", "header"]);
        let mut p = parameter(rng, location);
        // Header names are HTTP tokens (now and then not: refused).
        let name = p["name"].as_str().unwrap_or_default();
        if location == "header"
            && !rng.one_in(8)
            && !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            p["name"] = json!("x-header");
        }
        if location == "header" && p["collectionFormat"] == "multi" {
            p["collectionFormat"] = json!("csv");
        }
        let same = |q: &Value| {
            q["in"] == p["in"]
                && q["name"]
                    .as_str()
                    .zip(p["name"].as_str())
                    .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
        };
        if !parameters.iter().any(same) {
            parameters.push(p);
        }
    }
    let method = *rng.pick(&["get", "put", "post", "delete", "patch", "head"]);
    if matches!(method, "put" | "post" | "patch") && rng.one_in(2) {
        parameters.push(json!({
            "name": *rng.pick(NAMES), "in": "body", "required": rng.one_in(2),
            "schema": schema(rng, defs, 1),
        }));
    } else if matches!(method, "put" | "post" | "patch") && rng.one_in(2) {
        // A form: text fields and files (now and then beside a body: refused).
        for _ in 0..1 + rng.below(3) {
            let mut p = parameter(rng, "formData");
            if rng.one_in(3) {
                p["type"] = json!("file");
            }
            if !parameters.iter().any(|q: &Value| q["name"] == p["name"]) {
                parameters.push(p);
            }
        }
        if rng.one_in(10) {
            parameters
                .push(json!({ "name": "body", "in": "body", "schema": { "type": "string" } }));
        }
    }
    let mut op = json!({
        "operationId": format!("{}_{}", rng.pick(NAMES), rng.pick(NAMES)),
        "summary": *rng.pick(TEXTS),
        "parameters": parameters,
        "responses": responses(rng, defs),
    });
    if rng.one_in(5) {
        op["x-ms-long-running-operation"] = json!(true);
        op["x-ms-long-running-operation-options"] = json!({ "final-state-via": *rng.pick(&["location", "original-uri", "azure-async-operation", "operation-location", "nowhere"]) });
    }
    if rng.one_in(5) {
        // A page of items and a link (now and then a link that is not text, or no such page).
        let (items, link) = (rng.pick(NAMES).to_string(), rng.pick(NAMES).to_string());
        let link_type = if rng.one_in(6) { "integer" } else { "string" };
        op["x-ms-pageable"] = json!({ "nextLinkName": link, "itemName": items });
        if !rng.one_in(8) {
            op["responses"] = json!({ "200": { "description": "a page", "schema": {
                "type": "object",
                "properties": {
                    items: { "type": "array", "items": schema(rng, defs, 1) },
                    link: { "type": link_type },
                },
            }}});
        }
    }
    (path, json!({ method: op }))
}
