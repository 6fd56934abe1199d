//! Bad input gets a clear error naming the file and the JSON pointer (or line and column), and
//! nothing panics. Constructs the generator does not use are reported as warnings.

mod common;

use std::path::Path;

use restgen::config::Settings;
use restgen::generate;

use common::ScratchFile;

/// Writes `files` into a fresh folder; the path of the first (the folder lives as long).
fn specs(test: &str, files: &[(&str, &str)]) -> ScratchFile {
    ScratchFile::first_of(&format!("errors-{test}"), files)
}

fn error(test: &str, files: &[(&str, &str)]) -> String {
    let path = specs(test, files);
    let err = generate::api(&path, &Settings::default())
        .expect_err("must fail")
        .to_string();
    assert!(
        err.contains(files[0].0) || err.contains(".json") || err.contains(".yaml"),
        "{err}"
    );
    err
}

fn warnings(test: &str, files: &[(&str, &str)]) -> (restgen::ir::Api, Vec<String>) {
    let path = specs(test, files);
    let (api, _, warnings) = generate::api(&path, &Settings::default()).unwrap();
    (api, warnings.iter().map(|w| w.to_string()).collect())
}

const HEAD: &str = "swagger: '2.0'\ninfo: {title: T, version: '1'}\n";

fn with_paths(paths: &str) -> String {
    format!("{HEAD}paths:\n{paths}")
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = error(
        "json",
        &[("api.json", "{\n  \"swagger\": \"2.0\",\n  \"info\": {,}\n}")],
    );
    assert!(err.contains("api.json:line 3, column"), "{err}");
    assert!(err.contains("malformed JSON"), "{err}");
}

#[test]
fn malformed_yaml_names_line_and_column() {
    let err = error(
        "yaml",
        &[("api.yaml", "swagger: '2.0'\ninfo:\n  title: [unclosed\n")],
    );
    assert!(err.contains("api.yaml:line"), "{err}");
    assert!(err.contains("malformed YAML"), "{err}");
}

#[test]
fn a_dangling_ref_names_its_pointer() {
    let spec = with_paths(
        "  /a:\n    get:\n      operationId: A_Get\n      responses:\n        '200':\n          description: ok\n          schema: {$ref: '#/definitions/Missing'}\n",
    );
    let err = error("dangling", &[("api.yaml", &spec)]);
    assert!(
        err.contains("api.yaml#/paths/~1a/get/responses/200/schema"),
        "{err}"
    );
    assert!(
        err.contains("dangling `$ref`: `#/definitions/Missing`"),
        "{err}"
    );
}

#[test]
fn a_ref_cycle_is_an_error() {
    let spec = format!(
        "{}definitions:\n  A: {{$ref: '#/definitions/B'}}\n  B: {{$ref: '#/definitions/A'}}\n",
        with_paths(
            "  /a:\n    get:\n      operationId: A_Get\n      responses:\n        '200':\n          description: ok\n          schema: {$ref: '#/definitions/A'}\n"
        )
    );
    let err = error("cycle", &[("api.yaml", &spec)]);
    assert!(err.contains("`$ref` cycle"), "{err}");
}

#[test]
fn duplicate_operation_ids_are_an_error() {
    let spec = with_paths(
        "  /a:\n    get:\n      operationId: Same\n      responses: {'200': {description: ok}}\n  /b:\n    get:\n      operationId: Same\n      responses: {'200': {description: ok}}\n",
    );
    let err = error("dup", &[("api.yaml", &spec)]);
    assert!(err.contains("api.yaml#/paths/~1b/get/operationId: duplicate operationId `Same` (first at /paths/~1a/get)"), "{err}");
}

#[test]
fn a_missing_operation_id_is_derived_and_reported() {
    let spec = with_paths(
        "  /things/{id}/parts:\n    get:\n      parameters:\n        - {name: id, in: path, required: true, type: string}\n      responses: {'200': {description: ok}}\n",
    );
    let (api, warnings) = warnings("noid", &[("api.yaml", &spec)]);
    assert_eq!(api.client.operations[0].name, "get_things_id_parts");
    assert!(
        warnings[0].contains("no `operationId`; named `get_things_id_parts`"),
        "{warnings:?}"
    );
}

#[test]
fn unsupported_versions_are_refused() {
    let err = error(
        "oas31",
        &[(
            "api.yaml",
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n",
        )],
    );
    assert!(
        err.contains("api.yaml#/openapi: OpenAPI 3.1.0 is not supported yet"),
        "{err}"
    );
    let err = error("sw12", &[("api.yaml", "swagger: '1.2'\n")]);
    assert!(err.contains("unsupported Swagger version"), "{err}");
    let err = error("none", &[("api.yaml", "info: {title: T}\n")]);
    assert!(
        err.contains("neither `swagger: \"2.0\"` nor `openapi: 3.0.x`"),
        "{err}"
    );
    let err = error("array", &[("api.json", "[1, 2]")]);
    assert!(err.contains("must be a JSON or YAML object"), "{err}");
}

#[test]
fn path_parameters_and_segments_must_match() {
    let spec = with_paths(
        "  /a/{id}:\n    get:\n      operationId: A_Get\n      responses: {'200': {description: ok}}\n",
    );
    let err = error("noparam", &[("api.yaml", &spec)]);
    assert!(
        err.contains("api.yaml#/paths/~1a~1{id}/get: path segment `{id}` has no path parameter"),
        "{err}"
    );
    let spec = with_paths(
        "  /a:\n    get:\n      operationId: A_Get\n      parameters:\n        - {name: id, in: path, required: true, type: string}\n      responses: {'200': {description: ok}}\n",
    );
    let err = error("nosegment", &[("api.yaml", &spec)]);
    assert!(
        err.contains("path parameter `id` has no `{id}` segment"),
        "{err}"
    );
}

#[test]
fn signing_headers_declared_as_parameters_are_left_to_the_runtime() {
    // As an earlier revision of the identity spec declares them.
    let spec = with_paths(
        "  /identities:\n    post:\n      operationId: Identity_Create\n      parameters:\n        - {name: 'x-ms-date or date', in: header, required: true, type: string}\n        - {name: Authorization, in: header, required: true, type: string}\n        - {name: 'x-ms-host or X-Forwarded-Host or host', in: header, required: true, type: string}\n      responses: {'200': {description: ok}}\n",
    );
    let (api, warnings) = warnings("hmac", &[("api.yaml", &spec)]);
    assert!(api.client.operations[0].params.is_empty());
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("api.yaml#/paths/~1identities/post/parameters/0: header parameter `x-ms-date or date` is set by the pipeline")), "{warnings:?}");
}

#[test]
fn an_invalid_header_name_is_an_error() {
    let spec = with_paths(
        "  /a:\n    get:\n      operationId: A_Get\n      parameters:\n        - {name: 'my header', in: header, type: string}\n      responses: {'200': {description: ok}}\n",
    );
    let err = error("badheader", &[("api.yaml", &spec)]);
    assert!(
        err.contains(
            "#/paths/~1a/get/parameters/0/name: `my header` is not a valid HTTP header name"
        ),
        "{err}"
    );
}

#[test]
fn unknown_keys_and_unsupported_constructs_are_reported() {
    let spec = with_paths(
        "  /a:\n    get:\n      operationId: A_Get\n      x-ms-fancy: true\n      responses: {'200': {description: ok}}\n  /upload:\n    post:\n      operationId: A_Upload\n      parameters:\n        - {name: file, in: formData, type: file}\n        - {name: session, in: cookie, type: string}\n      responses: {'200': {description: ok}}\n",
    );
    let (api, warnings) = warnings("unknown", &[("api.yaml", &spec)]);
    // The form upload is generated; its cookie is reported and left out.
    let upload = &api.client.operations[1];
    assert_eq!(
        upload
            .params
            .iter()
            .map(|p| p.wire_name.as_str())
            .collect::<Vec<_>>(),
        ["file"]
    );
    assert!(
        warnings
            .iter()
            .any(|w| w
                .contains("#/paths/~1a/get/x-ms-fancy: `x-ms-fancy` is not supported; ignored")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains(
            "#/paths/~1upload/post/parameters/1: cookie parameter `session` is not supported; not exposed"
        )),
        "{warnings:?}"
    );
}

#[test]
fn a_field_of_the_wrong_type_names_its_pointer() {
    let spec = with_paths(
        "  /a:\n    get:\n      operationId: A_Get\n      parameters:\n        - {name: q, in: query, type: string, required: 'yes'}\n      responses: {'200': {description: ok}}\n",
    );
    let err = error("wrongtype", &[("api.yaml", &spec)]);
    assert!(
        err.contains("api.yaml#/paths/~1a/get/parameters/0/required: invalid type"),
        "{err}"
    );
}

#[test]
fn cross_file_refs_and_byte_order_marks() {
    let spec = format!(
        "\u{feff}{}",
        with_paths(
            "  /a:\n    get:\n      operationId: A_Get\n      responses:\n        '200':\n          description: ok\n          schema: {$ref: '../common/types.json#/definitions/Thing'}\n        default:\n          description: error\n          schema: {$ref: '../common/types.json#/definitions/ErrorResponse'}\n"
        )
    );
    let common = "\u{feff}{\"definitions\": {\"Thing\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}, \"kind\": {\"$ref\": \"#/definitions/Kind\", \"description\": \"beside a ref\"}}}, \"Kind\": {\"type\": \"string\", \"enum\": [\"a\", \"b\"], \"x-ms-enum\": {\"name\": \"Kind\", \"modelAsString\": true}}, \"ErrorResponse\": {\"type\": \"object\", \"properties\": {\"error\": {\"type\": \"object\"}}}}}";
    let files = [
        ("api/api.yaml", spec.as_str()),
        ("common/types.json", common),
    ];
    // `../common` is outside the spec's folder: refused by default, read with a wider root.
    let err = error("crossfile", &files);
    assert!(err.contains("outside the spec root"), "{err}");
    assert!(err.contains("--spec-root"), "{err}");
    let path = specs("crossfile", &files);
    let load = restgen::load::LoadOptions {
        root: Some(path.parent().unwrap().parent().unwrap().to_path_buf()),
        ..Default::default()
    };
    let (api, _, warnings) = generate::api_with(&path, &load, &Settings::default()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let thing = api.models.iter().find(|m| m.name == "Thing").unwrap();
    assert_eq!(thing.fields[1].doc.as_deref(), Some("beside a ref"));
    assert!(api.enums.iter().any(|e| e.name == "Kind"));
}

#[test]
fn odd_documents_never_panic() {
    let odd = [
        "{}",
        "swagger: '2.0'",
        "swagger: '2.0'\ninfo: 5\n",
        "swagger: '2.0'\ninfo: {}\npaths: 5\n",
        "swagger: '2.0'\ninfo: {}\npaths: {/a: {get: 5}}\n",
        "swagger: '2.0'\ninfo: {}\npaths: {/a: {get: {responses: {}}}}\n",
        "swagger: '2.0'\ninfo: {}\ndefinitions: {A: {type: array}}\npaths: {/a: {get: {operationId: x, responses: {'200': {description: d, schema: {$ref: '#/definitions/A'}}}}}}\n",
        "swagger: '2.0'\ninfo: {}\npaths: {/a: {get: {operationId: x, responses: {'2x0': {description: d}}}}}\n",
        "swagger: '2.0'\ninfo: {}\npaths: {/a: {get: {operationId: x, x-ms-pageable: {}, responses: {'200': {description: d}}}}}\n",
        "swagger: '2.0'\ninfo: {}\ndefinitions: {A: {allOf: [{$ref: '#/definitions/A'}]}}\n",
        "swagger: '2.0'\ninfo: {}\ndefinitions: {A: {type: weird}}\npaths: {/a: {get: {operationId: x, responses: {'200': {description: d, schema: {$ref: '#/definitions/A'}}}}}}\n",
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {/a: {get: {responses: {'200': {description: d, content: {application/json: {schema: {$ref: '#/components/schemas/Nope'}}}}}}}}\n",
        "openapi: 3.0.0\n",
    ];
    for (i, text) in odd.iter().enumerate() {
        let path = specs(&format!("odd{i}"), &[("api.yaml", text)]);
        // Either a result or an error: what matters is no panic, and errors name the file.
        if let Err(e) = generate::api(&path, &Settings::default()) {
            assert!(e.to_string().contains("api.yaml"), "{i}: {e}");
        } else {
            let (api, sha, _) = generate::api(&path, &Settings::default()).unwrap();
            restgen::emit::api(
                &api,
                &restgen::emit::Provenance {
                    spec: "api.yaml".into(),
                    sha256: sha,
                },
            )
            .unwrap();
        }
    }
}

#[test]
fn a_missing_file_is_reported() {
    let err = generate::api(Path::new("no/such/spec.yaml"), &Settings::default()).unwrap_err();
    assert!(err.to_string().starts_with("no/such/spec.yaml: "), "{err}");
}

const OPENAPI_HEAD: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";

#[test]
fn openapi_errors_point_into_the_openapi_document() {
    // An alternative of a discriminated choice with no value of its own.
    let spec = format!(
        "{OPENAPI_HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Shape:\n      discriminator: {{propertyName: kind}}\n      oneOf:\n        - $ref: '#/components/schemas/Circle'\n        - {{type: object, properties: {{kind: {{type: string}}}}}}\n    Circle: {{type: object, properties: {{kind: {{type: string}}}}}}\n"
    );
    let err = error("oas-tag", &[("api.yaml", &spec)]);
    assert!(
        err.contains("api.yaml#/components/schemas/Shape/oneOf/1: this alternative has no value of its own for the discriminator `kind`"),
        "{err}"
    );
    // A `default` answer read as the success, its schema broken.
    let spec = format!(
        "{OPENAPI_HEAD}paths:\n  /a:\n    get:\n      operationId: a\n      responses:\n        default:\n          description: d\n          content:\n            application/json:\n              schema: {{type: weird}}\n"
    );
    let err = error("oas-default", &[("api.yaml", &spec)]);
    assert!(
        err.contains(
            "api.yaml#/paths/~1a/get/responses/default/content/application~1json/schema/type: unknown type `weird`"
        ),
        "{err}"
    );
    // A parameter's schema by reference, broken where it is defined.
    let spec = format!(
        "{OPENAPI_HEAD}paths:\n  /a:\n    get:\n      operationId: a\n      parameters:\n        - {{name: n, in: query, schema: {{$ref: '#/components/schemas/N'}}}}\n      responses: {{'204': {{description: d}}}}\ncomponents:\n  schemas:\n    N: {{type: weird}}\n"
    );
    let err = error("oas-param", &[("api.yaml", &spec)]);
    assert!(
        err.contains("api.yaml#/components/schemas/N/type: unknown type `weird`"),
        "{err}"
    );
    // A multipart body's property, broken in its schema.
    let spec = format!(
        "{OPENAPI_HEAD}paths:\n  /a:\n    post:\n      operationId: a\n      requestBody:\n        content:\n          multipart/form-data:\n            schema: {{$ref: '#/components/schemas/Upload'}}\n      responses: {{'204': {{description: d}}}}\ncomponents:\n  schemas:\n    Upload: {{type: object, properties: {{size: {{type: weird}}}}}}\n"
    );
    let err = error("oas-multipart", &[("api.yaml", &spec)]);
    assert!(
        err.contains("api.yaml#/components/schemas/Upload/properties/size"),
        "{err}"
    );
    // A parameter's alternative, broken in place.
    let spec = format!(
        "{OPENAPI_HEAD}paths:\n  /a:\n    get:\n      operationId: a\n      parameters:\n        - {{name: n, in: query, schema: {{oneOf: [{{type: string}}, {{type: weird}}]}}}}\n      responses: {{'204': {{description: d}}}}\n"
    );
    let err = error("oas-param-oneof", &[("api.yaml", &spec)]);
    assert!(
        err.contains(
            "api.yaml#/paths/~1a/get/parameters/0/schema/oneOf/1/type: unknown type `weird`"
        ),
        "{err}"
    );
}

#[test]
fn openapi_answers_beyond_2xx_codes_are_read_as_the_spec_means_them() {
    // `4XX`/`5XX` are errors, `default` alone the answer, no response at all any 2xx as bytes,
    // a `101` upgrade an operation skipped with a warning.
    let spec = format!(
        "{OPENAPI_HEAD}paths:\n  /a:\n    get:\n      operationId: a\n      responses:\n        '200': {{description: d}}\n        4XX: {{description: e}}\n        5xx: {{description: e}}\n  /b:\n    get:\n      operationId: b\n      responses:\n        default: {{description: d, content: {{application/json: {{schema: {{type: integer}}}}}}}}\n  /c:\n    get:\n      operationId: c\n      responses: {{}}\n  /d:\n    get:\n      operationId: d\n      responses:\n        '101': {{description: upgrade}}\n"
    );
    let (api, warnings) = warnings("oas-answers", &[("api.yaml", &spec)]);
    let ops = &api.client.operations;
    assert_eq!(ops.len(), 3, "{warnings:?}");
    assert_eq!(ops[0].success, [200]);
    let every_2xx = [200, 201, 202, 203, 204, 205, 206, 207, 208, 226];
    assert_eq!(ops[1].success, every_2xx);
    assert_eq!(ops[2].success, every_2xx);
    let restgen::ir::MethodKind::Plain(b) = &ops[1].kind else {
        panic!("{:?}", ops[1].kind)
    };
    assert_eq!(b.body.ty, restgen::ir::TypeRef::I32);
    let restgen::ir::MethodKind::Plain(c) = &ops[2].kind else {
        panic!("{:?}", ops[2].kind)
    };
    assert_eq!(c.body.media, restgen::ir::Media::Binary);
    assert!(
        warnings.iter().any(|w| w.contains(
            "api.yaml#/paths/~1d/get/responses/101: operation `d` skipped: a `101 Switching Protocols` answer"
        )),
        "{warnings:?}"
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}

#[test]
fn openapi_refs_into_other_files_read_their_components() {
    let api = format!(
        "{OPENAPI_HEAD}paths:\n  /a/{{id}}:\n    get:\n      operationId: a\n      parameters:\n        - $ref: 'common.yaml#/components/parameters/Id'\n      responses:\n        '200': {{description: d, content: {{application/json: {{schema: {{$ref: 'common.yaml#/components/schemas/Thing'}}}}}}}}\n        default: {{$ref: 'fragment.yaml#/components/responses/Problem'}}\n"
    );
    let common = format!(
        "{OPENAPI_HEAD}paths: {{}}\ncomponents:\n  parameters:\n    Id: {{name: id, in: path, required: true, schema: {{type: integer, format: int64}}}}\n  schemas:\n    Thing:\n      type: object\n      properties:\n        when: {{type: string, format: date-time, nullable: true}}\n        kind: {{$ref: '#/components/schemas/Kind'}}\n    Kind: {{type: string, enum: [a, b]}}\n"
    );
    // A fragment: components only, no `openapi` of its own.
    let fragment = "components:\n  responses:\n    Problem:\n      description: p\n      content: {application/json: {schema: {type: object, properties: {detail: {type: string}}}}}\n";
    let files = [
        ("api.yaml", api.as_str()),
        ("common.yaml", common.as_str()),
        ("fragment.yaml", fragment),
    ];
    let (api, warnings) = warnings("oas-files", &files);
    assert!(warnings.is_empty(), "{warnings:?}");
    let op = &api.client.operations[0];
    assert_eq!(op.params[0].ty, restgen::ir::TypeRef::I64);
    let thing = api.models.iter().find(|m| m.name == "Thing").unwrap();
    assert_eq!(thing.fields[0].ty, restgen::ir::TypeRef::DateTime);
    assert_eq!(
        thing.fields[1].ty,
        restgen::ir::TypeRef::Enum("Kind".into())
    );
    assert!(op.errors.as_ref().unwrap().default.is_some());
    // An error in the other file points into it, at its own OpenAPI pointer.
    let broken = common.replace("{type: integer, format: int64}", "{type: weird}");
    let files = [
        ("api.yaml", files[0].1),
        ("common.yaml", broken.as_str()),
        ("fragment.yaml", fragment),
    ];
    let err = error("oas-files-broken", &files);
    assert!(
        err.contains("common.yaml#/components/parameters/Id/schema/type: unknown type `weird`"),
        "{err}"
    );
}

#[test]
fn a_fixed_host_is_the_default_endpoint_and_a_strange_one_is_reported() {
    let spec = format!(
        "{HEAD}host: atlas.microsoft.com\nschemes: [https]\npaths:\n  /a:\n    get:\n      operationId: A_Get\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let (api, seen) = warnings("fixed-host", &[("api.yaml", &spec)]);
    assert!(seen.is_empty(), "{seen:?}");
    let restgen::ir::Endpoint::Url { default, .. } = &api.client.endpoint else {
        panic!("{:?}", api.client.endpoint)
    };
    assert_eq!(default.as_deref(), Some("https://atlas.microsoft.com"));
    let spec = spec.replace("schemes: [https]", "schemes: [http]");
    let (api, _) = warnings("fixed-host-http", &[("api.yaml", &spec)]);
    let restgen::ir::Endpoint::Url { default, .. } = &api.client.endpoint else {
        panic!("{:?}", api.client.endpoint)
    };
    assert_eq!(default.as_deref(), Some("http://atlas.microsoft.com"));
    let spec = spec.replace("host: atlas.microsoft.com", "host: 'evil.com/x?'");
    let (api, seen) = warnings("fixed-host-bad", &[("api.yaml", &spec)]);
    assert!(matches!(
        api.client.endpoint,
        restgen::ir::Endpoint::Url { default: None, .. }
    ));
    assert!(
        seen.iter()
            .any(|w| w.contains("api.yaml#/host: `host: evil.com/x?` is not a host name")),
        "{seen:?}"
    );
}

#[test]
fn a_host_position_other_than_first_or_last_names_its_pointer() {
    let spec = format!(
        "{HEAD}x-ms-parameterized-host:\n  hostTemplate: '{{endpoint}}'\n  positionInOperation: middle\n  parameters:\n    - {{name: endpoint, in: path, required: true, type: string}}\npaths: {{}}\n"
    );
    let err = error("hostposition", &[("api.yaml", &spec)]);
    assert!(
        err.contains(
            "api.yaml#/x-ms-parameterized-host/positionInOperation: `middle` is not a position: `first` or `last`"
        ),
        "{err}"
    );
}

#[test]
fn oauth2_scopes_that_name_a_resource_become_the_clients_and_the_config_wins() {
    let spec = format!(
        "{HEAD}securityDefinitions:\n  aad:\n    type: oauth2\n    flow: implicit\n    authorizationUrl: https://login.microsoftonline.com/common/oauth2/authorize\n    scopes:\n      user_impersonation: impersonate your user account\n      https://vault.azure.net/.default: the vault\npaths: {{}}\n"
    );
    let (api, _) = warnings("scopes", &[("api.yaml", &spec)]);
    assert_eq!(api.client.scopes, ["https://vault.azure.net/.default"]);
    let path = specs("scopes-config", &[("api.yaml", &spec)]);
    let settings = Settings {
        scopes: Some(vec!["https://communication.azure.com/.default".into()]),
        ..Settings::default()
    };
    let (api, _, _) = generate::api(&path, &settings).unwrap();
    assert_eq!(
        api.client.scopes,
        ["https://communication.azure.com/.default"]
    );
}

#[test]
fn form_fields_share_one_encoding_a_file_makes_it_multipart() {
    let spec = with_paths(
        "  /up:\n    post:\n      operationId: A_Up\n      parameters:\n        - {name: title, in: formData, type: string}\n        - {name: file, in: formData, type: file}\n      responses: {'204': {description: ok}}\n",
    );
    let (api, _) = warnings("formenc", &[("api.yaml", &spec)]);
    let locations: Vec<_> = api.client.operations[0]
        .params
        .iter()
        .map(|p| p.location.clone())
        .collect();
    assert_eq!(
        locations,
        vec![restgen::ir::ParamLocation::Form(restgen::ir::FormEncoding::Multipart); 2]
    );
}

#[test]
fn xml_places_come_from_the_xml_objects_and_only_xml_models_get_them() {
    let spec = format!(
        "{HEAD}produces: [application/xml]\npaths:\n  /list:\n    get:\n      operationId: A_List\n      responses:\n        '200': {{description: ok, schema: {{$ref: '#/definitions/List'}}}}\n  /pages:\n    get:\n      operationId: A_Pages\n      x-ms-pageable: {{nextLinkName: NextMarker, itemName: Items}}\n      responses:\n        '200': {{description: ok, schema: {{$ref: '#/definitions/Page'}}}}\n  /json:\n    get:\n      operationId: A_Json\n      produces: [application/json]\n      responses:\n        '200': {{description: ok, schema: {{$ref: '#/definitions/Other'}}}}\ndefinitions:\n  List:\n    type: object\n    xml: {{name: EnumerationResults, prefix: e, namespace: 'urn:e'}}\n    properties:\n      Endpoint: {{type: string, xml: {{attribute: true, name: ServiceEndpoint}}}}\n      Body: {{type: string, xml: {{x-ms-text: true}}}}\n      Items:\n        type: array\n        xml: {{wrapped: true, name: Containers}}\n        items: {{$ref: '#/definitions/Item'}}\n      Loose: {{type: array, xml: {{attribute: true}}, items: {{type: string, xml: {{name: L}}}}}}\n      Ref: {{$ref: '#/definitions/Named'}}\n  Item: {{type: object, properties: {{Name: {{type: string}}}}}}\n  Named: {{type: object, xml: {{name: NamedElement}}, properties: {{Id: {{type: string}}}}}}\n  Page:\n    type: object\n    properties:\n      Items: {{type: array, items: {{type: string}}}}\n      NextMarker: {{type: string}}\n  Other: {{type: object, properties: {{x: {{type: string}}}}}}\n"
    );
    let (api, warnings) = warnings("xml", &[("api.yaml", &spec)]);
    use restgen::ir::{XmlName, XmlPlace};
    let model = |name: &str| api.models.iter().find(|m| m.name == name).unwrap();
    let list = model("List");
    assert_eq!(
        list.xml,
        Some(XmlName {
            name: "e:EnumerationResults".into(),
            namespace: Some(("e".into(), "urn:e".into())),
        })
    );
    let places: Vec<_> = list.fields.iter().map(|f| f.xml.clone().unwrap()).collect();
    assert_eq!(
        places,
        [
            XmlPlace::Attribute("ServiceEndpoint".into()),
            XmlPlace::Text,
            XmlPlace::List {
                wrapper: Some(XmlName::plain("Containers")),
                item: XmlName::plain("Item"),
            },
            XmlPlace::List {
                wrapper: None,
                item: XmlName::plain("L"),
            },
            // A referenced model's own name wins over the property's.
            XmlPlace::Element(XmlName::plain("NamedElement")),
        ]
    );
    assert_eq!(model("Item").xml, Some(XmlName::plain("Item")));
    // A list marked as an attribute stays a list, and says so.
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("/Loose/xml") && w.contains("only a value")),
        "{warnings:?}"
    );
    // Only JSON reaches `Other`; the page model is read as JSON, and says so.
    assert_eq!(model("Other").xml, None);
    assert_eq!(model("Page").xml, None);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("/paths/~1pages/get") && w.contains("not read as XML")),
        "{warnings:?}"
    );
}

#[test]
fn a_union_has_no_xml_form_and_travels_as_json_with_a_warning() {
    let spec = format!(
        "{HEAD}consumes: [application/xml]\nproduces: [application/xml]\npaths:\n  /fish:\n    put:\n      operationId: Fish_Put\n      parameters:\n        - {{name: fish, in: body, required: true, schema: {{$ref: '#/definitions/Fish'}}}}\n      responses:\n        '200': {{description: ok, schema: {{$ref: '#/definitions/Fish'}}}}\ndefinitions:\n  Fish:\n    type: object\n    discriminator: kind\n    required: [kind]\n    properties:\n      kind: {{type: string}}\n  Salmon:\n    allOf: [{{$ref: '#/definitions/Fish'}}]\n    x-ms-discriminator-value: salmon\n    properties:\n      wild: {{type: boolean}}\n"
    );
    let (api, warnings) = warnings("xml-union", &[("api.yaml", &spec)]);
    let op = &api.client.operations[0];
    let body = op.body.as_ref().unwrap();
    assert_eq!(body.xml, None);
    assert_eq!(body.content.one().unwrap().media, restgen::ir::Media::Json);
    assert_eq!(op.kind.decoded().unwrap().media, restgen::ir::Media::Json);
    let about_unions = warnings
        .iter()
        .filter(|w| w.contains("a union has no XML form"))
        .count();
    assert_eq!(about_unions, 2, "{warnings:?}");
}
