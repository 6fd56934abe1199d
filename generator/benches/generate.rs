//! Generation throughput on a large synthetic spec: 1,000 operations and 1,000 models, end to
//! end (read, parse, resolve, emit, format).
//!
//! `cargo bench -p restgen`
//!
//! `RESTGEN_BENCH_SPECS=a.json:b.yaml cargo bench -p restgen` also times those specs (an
//! OpenAPI 3.0 document of a real service, say), whole and by stage: loading (and converting
//! OpenAPI 3.0), building the IR, emitting and formatting.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The command line's allocator (the `mimalloc` feature, on by default), so the figures are the
/// command's; `--no-default-features` measures the system allocator a `build.rs` would use.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
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

/// The specs named by `RESTGEN_BENCH_SPECS`, whole and stage by stage.
fn given_specs(c: &mut Criterion) {
    let Some(list) = std::env::var_os("RESTGEN_BENCH_SPECS") else {
        return;
    };
    let mut group = c.benchmark_group("spec");
    group.sample_size(20);
    for spec in std::env::split_paths(&list) {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let settings = Settings::default();
        let provenance = |sha256: String| Provenance {
            spec: name.clone(),
            sha256,
        };
        group.bench_function(format!("{name}: end to end"), |b| {
            b.iter(|| {
                let (api, sha256, _) = generate::api(&spec, &settings).unwrap();
                emit::api(&api, &provenance(sha256)).unwrap()
            })
        });
        group.bench_function(format!("{name}: load and convert"), |b| {
            b.iter(|| {
                let mut loader = restgen::load::Loader::default();
                restgen::frontend::load(&mut loader, &spec).unwrap();
                loader
            })
        });
        group.bench_function(format!("{name}: load, convert and build the IR"), |b| {
            b.iter(|| generate::api(&spec, &settings).unwrap())
        });
        let (api, sha256, _) = generate::api(&spec, &settings).unwrap();
        group.bench_function(format!("{name}: emit and format"), |b| {
            b.iter(|| emit::api(&api, &provenance(sha256.clone())).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, generation, given_specs);
criterion_main!(benches);
