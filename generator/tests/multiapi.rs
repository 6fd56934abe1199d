//! Several versions of one API merged into one client: each operation knows the versions that
//! have it, an older version's type that a newer one redefines keeps a name of its own, and a
//! result one version answers without a body is optional.

mod common;

use common::Scratch;
use restgen::config::Settings;
use restgen::load::LoadOptions;

const V1: &str = r#"
swagger: '2.0'
info: { title: Multi, version: '1.0.0' }
paths:
  /things:
    get:
      operationId: Things_List
      parameters: [{ name: api-version, in: query, required: true, type: string }]
      responses: { '200': { description: OK, schema: { $ref: '#/definitions/Page' } } }
  /old:
    put:
      operationId: Old_Put
      parameters: [{ name: api-version, in: query, required: true, type: string }]
      responses: { '200': { description: nothing back } }
  /answer:
    get:
      operationId: Answer_Get
      parameters: [{ name: api-version, in: query, required: true, type: string }]
      responses: { '200': { description: no body in v1 } }
definitions:
  Page:
    type: object
    properties: { items: { type: array, items: { type: integer } } }
"#;

const V2: &str = r#"
swagger: '2.0'
info: { title: Multi, version: '2.0.0' }
paths:
  /things:
    get:
      operationId: Things_List
      parameters: [{ name: api-version, in: query, required: true, type: string }]
      responses: { '200': { description: OK, schema: { $ref: '#/definitions/Page' } } }
  /answer:
    get:
      operationId: Answer_Get
      parameters: [{ name: api-version, in: query, required: true, type: string }]
      responses: { '200': { description: OK, schema: { $ref: '#/definitions/Answer' } } }
  /new:
    post:
      operationId: New_Post
      parameters: [{ name: api-version, in: query, required: true, type: string }]
      responses: { '204': { description: done } }
definitions:
  Page:
    type: object
    properties: { items: { type: array, items: { type: string } } }
  Answer:
    type: object
    properties: { value: { type: string } }
"#;

#[test]
fn versions_merge_into_one_client() {
    let dir = Scratch::with_files("multiapi-merge", &[("v1.yaml", V1), ("v2.yaml", V2)]);
    let specs = [dir.join("v1.yaml"), dir.join("v2.yaml")];
    let (api, shas, _) =
        restgen::generate::merged_api(&specs, &LoadOptions::default(), &Settings::default())
            .unwrap();
    assert_eq!(shas.len(), 2);
    assert_eq!(api.api_version, "2.0.0");
    assert_eq!(api.api_versions, ["1.0.0", "2.0.0"]);
    let versions = |id: &str| {
        api.client
            .operations
            .iter()
            .find(|o| o.operation_id == id)
            .unwrap_or_else(|| panic!("{id}"))
            .api_versions
            .clone()
    };
    // In every version: no check; in one: that one.
    assert!(versions("Things_List").is_empty());
    assert_eq!(versions("Old_Put"), ["1.0.0"]);
    assert_eq!(versions("New_Post"), ["2.0.0"]);
    // Version 1's `Page` differs from version 2's, but only the shared operation uses it:
    // the newest is kept, and nothing of version 1's is added for it.
    let models: Vec<&str> = api.models.iter().map(|m| m.name.as_str()).collect();
    assert!(
        models.contains(&"Page") && models.contains(&"Answer"),
        "{models:?}"
    );
    assert!(!models.iter().any(|m| m.starts_with("PageV")), "{models:?}");

    let files = restgen::emit::api(
        &api,
        &restgen::emit::Provenance {
            spec: "multi".into(),
            sha256: String::new(),
        },
    )
    .unwrap();
    let client = &files.iter().find(|f| f.name == "client.rs").unwrap().text;
    assert!(
        client
            .contains(r#"pub const API_VERSIONS: &'static [&'static str] = &["1.0.0", "2.0.0"];"#)
    );
    assert!(client.contains("In api-version 1.0.0 only"), "{client}");
    assert!(
        client.contains("&[\"1.0.0\"],\n                \"put\",\n"),
        "{client}"
    );
    // Version 1 answers `Answer_Get` without a body: the result is optional.
    assert!(client.contains("-> Result<Option<Answer>>"), "{client}");
}

const V1_OWN_PAGE: &str = r#"
swagger: '2.0'
info: { title: Multi, version: '1.0.0' }
paths:
  /legacy:
    get:
      operationId: Legacy_Get
      parameters: [{ name: api-version, in: query, required: true, type: string }]
      responses: { '200': { description: OK, schema: { $ref: '#/definitions/Page' } } }
definitions:
  Page:
    type: object
    properties: { items: { type: array, items: { type: integer } } }
"#;

#[test]
fn an_older_type_redefined_later_keeps_a_name_of_its_own() {
    let dir = Scratch::with_files(
        "multiapi-rename",
        &[("v1.yaml", V1_OWN_PAGE), ("v2.yaml", V2)],
    );
    let specs = [dir.join("v1.yaml"), dir.join("v2.yaml")];
    let (api, _, _) =
        restgen::generate::merged_api(&specs, &LoadOptions::default(), &Settings::default())
            .unwrap();
    let models: Vec<&str> = api.models.iter().map(|m| m.name.as_str()).collect();
    assert!(
        models.contains(&"Page") && models.contains(&"PageV100"),
        "{models:?}"
    );
    let legacy = api
        .client
        .operations
        .iter()
        .find(|o| o.operation_id == "Legacy_Get")
        .unwrap();
    let text = serde_json::to_string(&legacy.kind).unwrap();
    assert!(text.contains("PageV100"), "{text}");
}
