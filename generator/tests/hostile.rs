//! Specs written by an attacker or a careless author: `$ref`s that reach for files outside the
//! spec's tree (or for devices that never end), schemas that contain themselves, names that
//! collide with the generator's own, text that would run as a doctest, and constructs that once
//! gave broken code or were dropped without a word. Each gets a clear error naming the file and
//! the JSON pointer, or a warning and code that compiles (the `hostile` module of the fixtures
//! crate is compiled, linted and doc-tested with the workspace).

mod common;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use restgen::config::Settings;
use restgen::generate;
use restgen::ir::{MethodKind, NextPage, Operation, ParamSource, TypeRef, Unset};
use restgen::load::LoadOptions;

use common::Scratch;

/// Writes `files` into a fresh folder, removed when it is dropped.
fn tree(test: &str, files: &[(&str, &str)]) -> Scratch {
    Scratch::with_files(&format!("hostile-{test}"), files)
}

/// Runs `f` on a thread of its own and fails the test if it takes longer than 20 s (reading an
/// endless device would never end).
fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(20))
        .unwrap_or_else(|_| panic!("{what}: no result within 20 s"))
}

fn generate_with(spec: PathBuf, load: LoadOptions) -> Result<restgen::ir::Api, String> {
    bounded(&spec.display().to_string(), move || {
        generate::api_with(&spec, &load, &Settings::default())
            .map(|(api, _, _)| api)
            .map_err(|e| e.to_string())
    })
}

/// What a plain call returns.
fn result(op: &Operation) -> &TypeRef {
    match &op.kind {
        MethodKind::Plain(reply) => &reply.body.ty,
        other => panic!("a plain call, not {other:?}"),
    }
}

fn spec_with_schema_ref(reference: &str) -> String {
    format!(
        "swagger: '2.0'\ninfo: {{title: T, version: '1'}}\npaths:\n  /a:\n    get:\n      operationId: A_Get\n      responses:\n        '200':\n          description: ok\n          schema: {{$ref: '{reference}'}}\n"
    )
}

#[test]
fn a_ref_reads_only_spec_files_inside_the_root() {
    let dir = tree(
        "refs",
        &[
            ("specs/api.yaml", ""),
            (
                "specs/secrets.txt",
                "{\"definitions\": {\"X\": {\"type\": \"string\"}}}",
            ),
            ("specs/folder.json/inside.json", "{}"),
            (
                "outside.json",
                "{\"definitions\": {\"X\": {\"type\": \"string\"}}}",
            ),
        ],
    );
    let specs = dir.join("specs");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", specs.join("passwd.json")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", specs.join("zero.json")).unwrap();
        std::os::unix::fs::symlink(dir.join("outside.json"), specs.join("escape.json")).unwrap();
        let fifo = specs.join("pipe.json");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
    }
    std::fs::write(specs.join("big.json"), vec![b' '; 2 << 20]).unwrap();
    let cases = [
        ("/etc/passwd", "absolute paths"),
        ("/etc/passwd#/x", "absolute paths"),
        ("/proc/self/environ", "absolute paths"),
        ("/dev/zero", "absolute paths"),
        ("/dev/stdin", "absolute paths"),
        (
            "../../../../../../../../etc/passwd",
            "only `.json`, `.yaml`",
        ),
        ("../outside.json#/definitions/X", "outside the spec root"),
        ("http://127.0.0.1:1/x.json#/definitions/X", "never URLs"),
        ("file:///etc/passwd", "never URLs"),
        ("secrets.txt#/definitions/X", "only `.json`, `.yaml`"),
        ("folder.json#/x", "not a regular file"),
        ("passwd.json", "outside the spec root"),
        ("zero.json", "outside the spec root"),
        ("escape.json#/definitions/X", "outside the spec root"),
        ("pipe.json", "not a regular file"),
        ("big.json", "larger than 1048576 bytes"),
    ];
    for (reference, why) in cases {
        std::fs::write(specs.join("api.yaml"), spec_with_schema_ref(reference)).unwrap();
        let load = LoadOptions {
            max_file_size: 1 << 20,
            ..LoadOptions::default()
        };
        let err = generate_with(specs.join("api.yaml"), load).unwrap_err();
        assert!(err.contains("refused"), "{reference}: {err}");
        assert!(err.contains(why), "{reference}: {err}");
        // The `$ref`'s own file and pointer come first.
        assert!(
            err.contains("api.yaml#/paths/~1a/get/responses/200/schema"),
            "{reference}: {err}"
        );
        assert!(!err.contains("root:x:0:0"), "{reference} leaked: {err}");
    }
    // A wider root reads the file outside.
    std::fs::write(
        specs.join("api.yaml"),
        spec_with_schema_ref("../outside.json#/definitions/X"),
    )
    .unwrap();
    let load = LoadOptions {
        root: Some(dir.to_path_buf()),
        ..LoadOptions::default()
    };
    let api = generate_with(specs.join("api.yaml"), load).unwrap();
    assert_eq!(result(&api.client.operations[0]), &TypeRef::String);
}

#[test]
fn the_azure_layout_reads_common_files_by_default() {
    let dir = tree(
        "azure",
        &[
            (
                "specification/communication/data-plane/Identity/stable/2021-03-07/api.yaml",
                &format!(
                    "{}        default:\n          description: error\n          schema: {{$ref: '../../../../../common-types/data-plane/v1/types.json#/definitions/Error'}}\n",
                    spec_with_schema_ref(
                        "../../../Common/stable/2021-03-07/common.json#/definitions/Thing"
                    )
                ),
            ),
            (
                "specification/communication/data-plane/Common/stable/2021-03-07/common.json",
                "{\"definitions\": {\"Thing\": {\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}}}",
            ),
            (
                "specification/common-types/data-plane/v1/types.json",
                "{\"definitions\": {\"Error\": {\"type\": \"object\", \"properties\": {\"code\": {\"type\": \"string\"}}}}}",
            ),
        ],
    );
    let spec =
        dir.join("specification/communication/data-plane/Identity/stable/2021-03-07/api.yaml");
    let api = generate_with(spec.clone(), LoadOptions::default()).unwrap();
    assert!(api.models.iter().any(|m| m.name == "Thing"));
    assert!(api.models.iter().any(|m| m.name == "ErrorModel"));
    // A narrower root, given by the user, is honoured.
    let load = LoadOptions {
        root: Some(spec.parent().unwrap().to_path_buf()),
        ..LoadOptions::default()
    };
    let err = generate_with(spec, load).unwrap_err();
    assert!(err.contains("outside the spec root"), "{err}");
}

#[test]
fn the_spec_itself_must_be_a_regular_file() {
    for device in ["/dev/zero", "/dev/stdin", "/proc/self"] {
        if !Path::new(device).exists() {
            continue;
        }
        let err = generate_with(PathBuf::from(device), LoadOptions::default()).unwrap_err();
        assert!(
            err.contains("not a regular file") || err.contains("cannot be read"),
            "{device}: {err}"
        );
    }
}

fn spec(definitions: &str, response: &str) -> String {
    format!(
        "swagger: '2.0'\ninfo: {{title: T, version: '1'}}\npaths:\n  /a:\n    get:\n      operationId: A_Get\n      responses:\n        '200':\n          description: ok\n          schema: {response}\ndefinitions:\n{definitions}"
    )
}

fn generate_text(
    test: &str,
    name: &str,
    text: &str,
) -> Result<(restgen::ir::Api, Vec<String>), String> {
    let dir = tree(test, &[(name, text)]);
    let path = dir.join(name);
    bounded(test, move || {
        generate::api(&path, &Settings::default())
            .map(|(api, _, w)| (api, w.iter().map(|w| w.to_string()).collect()))
            .map_err(|e| e.to_string())
    })
}

/// Emits the API's files; the emitter's own check (a `syn` parse) passes.
fn emits(api: &restgen::ir::Api) {
    let prov = restgen::emit::Provenance {
        spec: "api.yaml".into(),
        sha256: String::new(),
    };
    restgen::emit::api(api, &prov).unwrap();
}

#[test]
fn a_list_or_map_that_contains_itself_is_read_as_json() {
    let cases = [
        (
            "  A: {type: array, items: {$ref: '#/definitions/A'}}\n",
            "{$ref: '#/definitions/A'}",
        ),
        (
            "  A: {additionalProperties: {$ref: '#/definitions/A'}}\n",
            "{$ref: '#/definitions/A'}",
        ),
        (
            "  A: {type: array, items: {$ref: '#/definitions/B'}}\n  B: {type: object, additionalProperties: {$ref: '#/definitions/A'}}\n",
            "{$ref: '#/definitions/A'}",
        ),
        (
            "  A: {type: object, properties: {list: {$ref: '#/definitions/L'}}}\n  L: {type: array, items: {$ref: '#/definitions/L'}}\n",
            "{$ref: '#/definitions/A'}",
        ),
    ];
    for (i, (definitions, response)) in cases.iter().enumerate() {
        let (api, warnings) = generate_text(
            &format!("self{i}"),
            "api.yaml",
            &spec(definitions, response),
        )
        .unwrap();
        assert!(
            warnings.iter().any(|w| w.contains("contains itself")),
            "{definitions}: {warnings:?}"
        );
        emits(&api);
    }
    // The same in OpenAPI 3.0, and the warning points into the OpenAPI document.
    let openapi = "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: A_Get\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/A'}\ncomponents:\n  schemas:\n    A: {type: array, items: {$ref: '#/components/schemas/A'}}\n";
    let (api, warnings) = generate_text("self-oa3", "api.yaml", openapi).unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("#/components/schemas/A/items") && w.contains("contains itself")),
        "{warnings:?}"
    );
    assert_eq!(
        result(&api.client.operations[0]),
        &TypeRef::Vec(Box::new(TypeRef::Json))
    );
}

#[test]
fn deep_reference_chains_are_refused_or_compile() {
    // 10,000 arrays, each the items of the one before: far too deep for any type.
    let mut defs = String::new();
    for i in 0..10_000 {
        defs.push_str(&format!(
            "  A{i}: {{type: array, items: {{$ref: '#/definitions/A{}'}}}}\n",
            i + 1
        ));
    }
    defs.push_str("  A10000: {type: string}\n");
    let err = generate_text(
        "deep-arrays",
        "api.yaml",
        &spec(&defs, "{$ref: '#/definitions/A0'}"),
    )
    .unwrap_err();
    assert!(err.contains("more than 64 levels deep"), "{err}");
    assert!(err.contains("api.yaml#/definitions/A"), "{err}");

    // 300 models, each holding the next: generated, with the crate's recursion limit raised.
    let mut defs = String::new();
    for i in 0..300 {
        defs.push_str(&format!(
            "  M{i}: {{type: object, properties: {{next: {{$ref: '#/definitions/M{}'}}}}}}\n",
            i + 1
        ));
    }
    defs.push_str("  M300: {type: object, properties: {end: {type: string}}}\n");
    let (api, warnings) = generate_text(
        "deep-models",
        "api.yaml",
        &spec(&defs, "{$ref: '#/definitions/M0'}"),
    )
    .unwrap();
    assert_eq!(api.type_depth, 301);
    assert!(
        warnings.iter().any(|w| w.contains("recursion_limit")),
        "{warnings:?}"
    );
    let lib = restgen::emit::lib(
        &[restgen::emit::LibModule {
            name: "m".into(),
            title: "M".into(),
            feature: None,
        }],
        restgen::emit::Root::Crate { readme: None },
        &[],
        api.type_depth,
    )
    .unwrap();
    assert!(lib.contains("#![recursion_limit = \"1268\"]"), "{lib}");
    emits(&api);
}

#[test]
fn constructs_once_broken_or_dropped_are_now_reported() {
    let head = "swagger: '2.0'\ninfo: {title: T, version: '1'}\n";
    // Two bodies: an error at the second.
    let two_bodies = format!(
        "{head}paths:\n  /a:\n    post:\n      operationId: A_Post\n      parameters:\n        - {{name: one, in: body, schema: {{type: string}}}}\n        - {{name: two, in: body, schema: {{type: string}}}}\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let err = generate_text("two-bodies", "api.yaml", &two_bodies).unwrap_err();
    assert!(
        err.contains("api.yaml#/paths/~1a/post/parameters/1"),
        "{err}"
    );
    assert!(err.contains("second body parameter"), "{err}");

    // One header declared twice in different case: an error naming both.
    let twice = format!(
        "{head}paths:\n  /a:\n    get:\n      operationId: A_Get\n      parameters:\n        - {{name: X-Trace, in: header, type: string}}\n        - {{name: x-trace, in: header, type: string}}\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let err = generate_text("twice", "api.yaml", &twice).unwrap_err();
    assert!(err.contains("header `x-trace` is declared twice"), "{err}");

    // A default that does not fit, an enum value that does not fit, an unknown final state,
    // a next link that is not a link: each reported, none emitted.
    let reported = format!(
        "{head}paths:\n  /a:\n    put:\n      operationId: A_Put\n      x-ms-long-running-operation: true\n      x-ms-long-running-operation-options: {{final-state-via: elsewhere}}\n      parameters:\n        - {{name: top, in: query, type: integer, format: int32, default: 3000000000}}\n        - {{name: kind, in: query, type: integer, enum: [1, 18446744073709551615]}}\n      responses:\n        '200': {{description: ok, headers: {{x-ids: {{type: array, items: {{type: integer}}, collectionFormat: pipes}}}}}}\n  /p:\n    get:\n      operationId: P_List\n      x-ms-pageable: {{nextLinkName: count, itemName: value}}\n      responses:\n        '200': {{description: ok, schema: {{$ref: '#/definitions/Page'}}}}\ndefinitions:\n  Page: {{type: object, properties: {{value: {{type: array, items: {{type: string}}}}, count: {{type: integer}}}}}}\n"
    );
    let (api, warnings) = generate_text("reported", "api.yaml", &reported).unwrap();
    let expect = [
        ("parameters/0/default", "does not fit the parameter's type"),
        ("parameters/1/enum/1", "does not fit an `i64`"),
        ("final-state-via", "is none of"),
        ("nextLinkName", "returns one page"),
    ];
    for (pointer, text) in expect {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(pointer) && w.contains(text)),
            "{pointer}: {warnings:?}"
        );
    }
    let put = &api.client.operations[0];
    assert_eq!(
        put.params[0].source,
        ParamSource::Options {
            unset: Unset::Omitted
        }
    );
    // A poller yields its result; the headers are not read.
    let MethodKind::LongRunning { lro, .. } = &put.kind else {
        panic!("a long-running operation");
    };
    assert_eq!(lro.final_state_via, None);
    let MethodKind::Pager(paging) = &api.client.operations[1].kind else {
        panic!("a pager");
    };
    assert_eq!(paging.link_field, None);
    assert_eq!(paging.next, NextPage::OnePage);
    emits(&api);
}

#[test]
fn openapi_errors_point_into_the_openapi_document() {
    let cases = [
        (
            "components:\n  schemas:\n    A: {type: object, properties: {x: {type: weird}}}\n",
            "#/components/schemas/A/properties/x/type",
        ),
        (
            "components:\n  schemas:\n    A: {type: object, properties: {x: {$ref: '#/components/schemas/Nope'}}}\n",
            "#/components/schemas/A/properties/x",
        ),
        (
            "components:\n  schemas:\n    A: {type: integer, enum: [1, 2.5]}\n",
            "#/components/schemas/A/enum/1",
        ),
    ];
    for (i, (components, pointer)) in cases.iter().enumerate() {
        let text = format!(
            "openapi: 3.0.0\ninfo: {{title: T, version: '1'}}\npaths:\n  /a:\n    get:\n      operationId: A_Get\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/A'}}\n{components}"
        );
        let found = match generate_text(&format!("oa3-{i}"), "api.yaml", &text) {
            Err(e) => vec![e],
            Ok((_, warnings)) => warnings,
        };
        assert!(
            found
                .iter()
                .any(|m| m.contains(&format!("api.yaml{pointer}"))),
            "{pointer}: {found:?}"
        );
        assert!(
            found.iter().all(|m| !m.contains("#/definitions/")),
            "{found:?}"
        );
    }
    // A parameter's schema keys point at the parameter's `schema`.
    let text = "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: A_Get\n      parameters:\n        - {name: q, in: query, schema: {type: weird}}\n      responses:\n        '204': {description: ok}\n";
    let err = generate_text("oa3-param", "api.yaml", text).unwrap_err();
    assert!(
        err.contains("api.yaml#/paths/~1a/get/parameters/0/schema/type"),
        "{err}"
    );
}

#[test]
fn messages_show_control_characters_escaped() {
    // A spec's text in a message can neither rewrite a terminal nor add a line to a build
    // script's output (where a line can be a `cargo:` instruction).
    let text = "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: A_Get\n      x-ms-long-running-operation: true\n      x-ms-long-running-operation-options: {final-state-via: \"x\\ncargo:rustc-link-arg=-evil\\u001b[2J\"}\n      responses: {'200': {description: ok}}\n";
    let (_, warnings) = generate_text("controls", "api.yaml", text).unwrap();
    let shown = warnings.join("\n");
    assert!(shown.contains("final-state-via"), "{shown}");
    assert!(!shown.contains('\u{1b}'), "{shown}");
    assert!(shown.lines().all(|l| !l.starts_with("cargo:")), "{shown}");
}
