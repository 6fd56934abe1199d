//! The fixture specs: snapshots of the IR (the emitted code's golden copy is the compiled
//! fixtures crate), determinism, one API written in Swagger 2.0 and OpenAPI 3.0 giving the same
//! Rust, and the fixtures crate kept up to date.

use std::path::{Path, PathBuf};

use restgen::config::Settings;
use restgen::emit::{self, Provenance};
use restgen::generate;
use restgen::ir::{
    EnumKind, ErrorStatus, MethodKind, NextPage, ParamSource, Presence, TypeRef, Unset,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The emitted files of one fixture, concatenated with their names.
fn emitted(name: &str) -> String {
    let (api, sha256, _) = generate::api(&fixture(name), &Settings::default()).unwrap();
    let prov = Provenance {
        spec: name.to_owned(),
        sha256,
    };
    emit::api(&api, &prov)
        .unwrap()
        .into_iter()
        .map(|f| format!("===== {} =====\n{}", f.name, f.text))
        .collect()
}

#[test]
fn pets_ir_and_code() {
    let (api, _, warnings) = generate::api(&fixture("pets.yaml"), &Settings::default()).unwrap();
    assert!(warnings.is_empty(), "{warnings:#?}");
    insta::assert_yaml_snapshot!("pets_ir", api);
}

#[test]
fn widgets_ir_and_code() {
    let (api, _, _) =
        generate::api(&fixture("widgets.swagger.yaml"), &Settings::default()).unwrap();
    insta::assert_yaml_snapshot!("widgets_ir", api);
}

#[test]
fn queues_ir_places_each_part_in_xml() {
    let (api, _, warnings) =
        generate::api(&fixture("queues.xml.yaml"), &Settings::default()).unwrap();
    assert!(warnings.is_empty(), "{warnings:#?}");
    insta::assert_yaml_snapshot!("queues_ir", api);
}

#[test]
fn pets_ir_has_what_the_spec_says() {
    let (api, _, _) = generate::api(&fixture("pets.yaml"), &Settings::default()).unwrap();
    let ops: Vec<&str> = api
        .client
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(
        ops,
        [
            "get",
            "create_or_replace",
            "list",
            "list_toys",
            "feed",
            "is_groomed",
            "book_vet",
            "rate",
            "get_photo",
            "set_photo",
            "set_schedule",
            "add_note"
        ]
    );
    let toy = api.models.iter().find(|m| m.name == "Toy").unwrap();
    let inside = toy.fields.iter().find(|f| f.name == "inside").unwrap();
    assert!(inside.boxed, "a model containing itself by value is boxed");
    let parts = toy.fields.iter().find(|f| f.name == "parts").unwrap();
    assert!(!parts.boxed, "a Vec already breaks the cycle");
    let pet = api.models.iter().find(|m| m.name == "Pet").unwrap();
    let names: Vec<&str> = pet.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "id",
            "name",
            "type_",
            "n2nd_name",
            "born",
            "birthday",
            "photo",
            "status",
            "size",
            "labels",
            "owner",
            "weight",
            "tolerance"
        ]
    );
    assert_eq!(pet.fields[0].presence, Presence::ReadOnly);
    let union = &api.unions[0];
    assert_eq!(union.name, "PetUnion");
    assert_eq!(union.discriminator, "kind");
    let variants: Vec<(&str, &str)> = union
        .variants
        .iter()
        .map(|(v, m)| (v.as_str(), m.as_str()))
        .collect();
    assert_eq!(
        variants,
        [
            ("Pet", "Pet"),
            ("dog", "Dog"),
            ("cat", "Cat"),
            ("horse", "Horse")
        ]
    );
    let list = &api.client.operations[2];
    let query: Vec<&str> = list.params.iter().map(|p| p.wire_name.as_str()).collect();
    assert_eq!(query.last(), Some(&"api-version"), "api-version goes last");
    let MethodKind::Pager(toys) = &api.client.operations[3].kind else {
        panic!("list_toys pages");
    };
    assert_eq!(toys.link_field, None, "nextLinkName: null");
    assert_eq!(toys.next, NextPage::OnePage);
    let status = api.enums.iter().find(|e| e.name == "Status").unwrap();
    assert_eq!(status.values[1].name, "TakenHome");
    assert!(status.extensible);
    assert!(
        !api.enums
            .iter()
            .find(|e| e.name == "Size")
            .unwrap()
            .extensible
    );
    // Number and integer enums are enums of their own kind.
    let tolerance = pet.fields.iter().find(|f| f.name == "tolerance").unwrap();
    assert_eq!(tolerance.ty, TypeRef::NumberEnum("Tolerance".into()));
    let stars = api.enums.iter().find(|e| e.name == "Stars").unwrap();
    assert_eq!(stars.kind, EnumKind::Integer);
    assert!(!stars.extensible);
    // HEAD with a declared 404 answers a bool.
    let groomed = &api.client.operations[5];
    assert!(matches!(
        groomed.kind,
        MethodKind::Exists {
            not_found_is_false: true
        }
    ));
    // Grouped parameters live in one struct, taken by reference (a field is required).
    let rate = &api.client.operations[7];
    assert_eq!(rate.groups.len(), 1);
    assert_eq!(
        (rate.groups[0].ty.as_str(), rate.groups[0].required),
        ("RatingOptions", true)
    );
    let group = &api.client.groups[0];
    let fields: Vec<(&str, bool)> = group
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(fields, [("stars", true), ("comment", false)]);
    // The request-id header is the caller's to give: optional, a fresh id when unset.
    let request_id = rate
        .params
        .iter()
        .find(|p| p.wire_name == "rating-request-id")
        .unwrap();
    assert_eq!(
        request_id.source,
        ParamSource::Options {
            unset: Unset::FreshRequestId
        }
    );
    assert!(rate.options.is_some());
    // Error bodies: the 409's own type, then `default`'s.
    let errors = rate.errors.as_ref().unwrap();
    assert_eq!(
        errors.by_status,
        [(ErrorStatus::Code(409), TypeRef::String)]
    );
    assert_eq!(errors.default, Some(TypeRef::Model("ErrorResponse".into())));
}

#[test]
fn generation_is_deterministic() {
    for name in ["pets.yaml", "widgets.swagger.yaml", "widgets.openapi.yaml"] {
        assert_eq!(emitted(name), emitted(name), "{name}");
    }
}

#[test]
fn swagger_and_openapi_give_the_same_rust() {
    // The `//` header names the spec and its hash; the rest must be the same.
    let strip_header = |text: String| -> String {
        text.lines()
            .filter(|l| !l.starts_with("// "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let swagger = strip_header(emitted("widgets.swagger.yaml"));
    let openapi = strip_header(emitted("widgets.openapi.yaml"));
    assert!(swagger.contains("pub struct Widget"));
    assert_eq!(swagger, openapi);
}

#[test]
fn the_compiled_fixtures_crate_is_up_to_date() {
    let config = fixture("generate.yaml");
    let (dir, output) = generate::from_config(&config).unwrap();
    let diffs = generate::check(&dir, &output);
    assert!(
        diffs.is_empty(),
        "generator/fixtures is stale; run `cargo run -p restgen -- generate generator/tests/fixtures/generate.yaml`:\n{}",
        diffs.join("\n")
    );
}
