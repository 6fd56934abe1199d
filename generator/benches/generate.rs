//! Generation throughput on a large synthetic spec: 1,000 operations and 1,000 models, end to
//! end (read, parse, resolve, emit, format).
//!
//! `cargo bench -p restgen`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use restgen::config::Settings;
use restgen::emit::{self, Provenance};
use restgen::generate;
use serde_json::{Value, json};

const OPERATIONS: usize = 1000;

/// A Swagger 2.0 spec with `OPERATIONS` operations over as many models, a tenth of them paged.
fn synthetic_spec() -> Value {
    let mut paths = serde_json::Map::new();
    let mut definitions = serde_json::Map::new();
    for i in 0..OPERATIONS {
        definitions.insert(
            format!("Model{i}"),
            json!({
                "type": "object",
                "description": format!("Model number {i}."),
                "required": ["id"],
                "properties": {
                    "id": {"type": "string"},
                    "count": {"type": "integer", "format": "int32"},
                    "created": {"type": "string", "format": "date-time"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "state": {"type": "string", "enum": ["on", "off"], "x-ms-enum": {"name": "State", "modelAsString": true}},
                    "next": {"$ref": format!("#/definitions/Model{}", (i + 1) % OPERATIONS)}
                }
            }),
        );
        let mut op = json!({
            "operationId": format!("Things_Op{i}"),
            "summary": format!("Operation number {i}."),
            "parameters": [
                {"name": "id", "in": "path", "required": true, "type": "string"},
                {"name": "filter", "in": "query", "type": "string"},
                {"name": "top", "in": "query", "type": "integer", "format": "int32", "default": 10},
                {"name": "api-version", "in": "query", "required": true, "type": "string"}
            ],
            "responses": {"200": {"description": "ok", "schema": {"$ref": format!("#/definitions/Model{i}")}}}
        });
        if i % 10 == 0 {
            definitions.insert(
                format!("Page{i}"),
                json!({"type": "object", "properties": {
                    "value": {"type": "array", "items": {"$ref": format!("#/definitions/Model{i}")}},
                    "nextLink": {"type": "string"}
                }}),
            );
            op["x-ms-pageable"] = json!({"nextLinkName": "nextLink"});
            op["responses"]["200"]["schema"] = json!({"$ref": format!("#/definitions/Page{i}")});
        }
        paths.insert(format!("/things{i}/{{id}}"), json!({ "get": op }));
    }
    json!({
        "swagger": "2.0",
        "info": {"title": "Synthetic", "version": "2024-01-01"},
        "paths": paths,
        "definitions": definitions
    })
}

fn generation(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("restgen-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("synthetic.json");
    std::fs::write(&spec, serde_json::to_vec(&synthetic_spec()).unwrap()).unwrap();
    let mut group = c.benchmark_group("generate");
    group.throughput(Throughput::Elements(OPERATIONS as u64));
    group.sample_size(10);
    group.bench_function("1000 operations + 1000 models, end to end", |b| {
        b.iter(|| {
            let (api, sha256, _) = generate::api(&spec, &Settings::default()).unwrap();
            let files = emit::api(
                &api,
                &Provenance {
                    spec: "synthetic.json".into(),
                    sha256,
                },
            )
            .unwrap();
            assert_eq!(api.client.operations.len(), OPERATIONS);
            files
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, generation);
criterion_main!(benches);
