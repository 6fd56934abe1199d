//! Discriminator values the spec leaves ambiguous are reported, with the place and what to add.

mod common;

use common::Scratch;
use restgen::config::Settings;

#[test]
fn an_ambiguous_mapping_is_reported() {
    let dir = Scratch::with_files(
        "polymorphism-ambiguous",
        &[(
            "api.yaml",
            r#"
swagger: '2.0'
info: { title: Pets, version: '1' }
paths:
  /pet:
    get:
      operationId: Pet_Get
      responses: { '200': { description: OK, schema: { $ref: '#/definitions/Pet' } } }
definitions:
  Pet:
    type: object
    discriminator: kind
    required: [kind]
    properties:
      kind: { type: string, enum: [canine, feline] }
  Dog:
    allOf: [{ $ref: '#/definitions/Pet' }]
  Cat:
    allOf: [{ $ref: '#/definitions/Pet' }]
  Bird:
    allOf: [{ $ref: '#/definitions/Pet' }]
    properties:
      kind: { type: string, enum: [avian] }
"#,
        )],
    );
    let (api, _, warnings) =
        restgen::generate::api(&dir.join("api.yaml"), &Settings::default()).unwrap();
    let text: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    let warning = text
        .iter()
        .find(|w| w.contains("enumerates"))
        .unwrap_or_else(|| panic!("{text:#?}"));
    assert!(
        warning.contains("#/definitions/Pet/properties/kind"),
        "{warning}"
    );
    assert!(warning.contains("`canine`, `feline`"), "{warning}");
    assert!(warning.contains("Dog, Cat") && warning.contains("x-ms-discriminator-value"));
    // A subtype's own constant is its value; the others keep their names.
    let union = &api.unions[0];
    let values: Vec<(&str, &str)> = union
        .variants
        .iter()
        .map(|(v, m)| (v.as_str(), m.as_str()))
        .collect();
    assert!(values.contains(&("avian", "Bird")), "{values:?}");
    assert!(values.contains(&("Dog", "Dog")), "{values:?}");
}
