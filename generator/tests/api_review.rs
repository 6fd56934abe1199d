//! The public-API review: `restgen api-diff` between two versions of a spec, the summary
//! `restgen generate` prints when a regeneration changes what users see, and (CI-only) the real
//! version pairs of the two administration APIs.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Scratch;
use serde_json::Value;

fn restgen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_restgen"))
}

const OLD: &str = r#"
swagger: '2.0'
info: { title: Things, version: '1' }
paths:
  /things/{id}:
    get:
      operationId: Things_Get
      parameters:
        - { name: id, in: path, required: true, type: string }
      responses:
        '200': { description: OK, schema: { $ref: '#/definitions/Thing' } }
    delete:
      operationId: Things_Delete
      parameters:
        - { name: id, in: path, required: true, type: string }
      responses:
        '204': { description: gone }
definitions:
  Thing:
    type: object
    required: [id]
    properties:
      id: { type: string }
      size: { type: integer, format: int32 }
      kind: { type: string, enum: [small, large], x-ms-enum: { name: Kind, modelAsString: true } }
"#;

const NEW: &str = r#"
swagger: '2.0'
info: { title: Things, version: '2' }
paths:
  /things/{thingId}:
    get:
      operationId: Things_Get
      parameters:
        - { name: thingId, in: path, required: true, type: string }
      responses:
        '200': { description: OK, schema: { $ref: '#/definitions/Thing' } }
  /things:
    get:
      operationId: Things_List
      responses:
        '200': { description: OK, schema: { type: array, items: { $ref: '#/definitions/Thing' } } }
definitions:
  Thing:
    type: object
    required: [id]
    properties:
      id: { type: string }
      size: { type: integer, format: int64 }
      colour: { type: string }
      kind: { type: string, enum: [small, large, huge], x-ms-enum: { name: Kind, modelAsString: true } }
"#;

fn specs(name: &str) -> (Scratch, PathBuf, PathBuf) {
    let dir = Scratch::with_files(name, &[("old/things.yaml", OLD), ("new/things.yaml", NEW)]);
    let old = dir.join("old/things.yaml");
    let new = dir.join("new/things.yaml");
    (dir, old, new)
}

#[test]
fn api_diff_classifies_each_change() {
    let (_dir, old, new) = specs("review-diff");
    let out = restgen()
        .arg("api-diff")
        .arg(&old)
        .arg(&new)
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a breaking change exits 1");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["effect"], "breaking");
    let changes: Vec<(String, String, String)> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["effect"].as_str().unwrap().to_owned(),
                c["change"].as_str().unwrap().to_owned(),
                c["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let has = |effect: &str, change: &str, path: &str| {
        assert!(
            changes
                .iter()
                .any(|c| c == &(effect.to_owned(), change.to_owned(), path.to_owned())),
            "expected {effect} {change} {path} in {changes:#?}"
        );
    };
    has("breaking", "removed", "api::ThingsClient::delete");
    has("breaking", "changed", "api::Thing::size");
    has("breaking", "added", "api::Kind::Huge");
    has("additive", "added", "api::Thing::colour");
    has("additive", "added", "api::ThingsClient::list");
    // A path parameter renamed is no change a caller can see.
    has("none", "changed", "api::ThingsClient::get");
    assert_eq!(report["counts"]["breaking"], 3, "{changes:#?}");

    // The same spec twice: nothing, exit 0; the text form says so.
    let same = restgen()
        .arg("api-diff")
        .arg(&old)
        .arg(&old)
        .output()
        .unwrap();
    assert!(same.status.success());
    assert_eq!(
        String::from_utf8_lossy(&same.stdout),
        "no change to the public API\n"
    );
}

#[test]
fn generate_prints_what_a_regeneration_changes_for_users() {
    let (dir, old, new) = specs("review-generate");
    let out = dir.join("crate");
    let generate = |spec: &Path| {
        restgen()
            .args(["generate", "--spec"])
            .arg(spec)
            .arg("--out")
            .arg(&out)
            .args(["--crate-name", "things"])
            .output()
            .unwrap()
    };
    let first = generate(&old);
    assert!(first.status.success());
    assert!(
        !String::from_utf8_lossy(&first.stderr).contains("public API"),
        "a new crate has nothing to compare with"
    );
    let listing = std::fs::read_to_string(out.join("public-api.txt")).unwrap();
    assert!(
        listing
            .contains("fn things::ThingsClient::delete(&self, id: &str) -> Result<()> (async)\n")
    );

    let second = generate(&new);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "{stderr}");
    assert!(
        stderr.contains("restgen: public API: 3 breaking, 2 additive, 1 without effect"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("breaking: fn things::ThingsClient::delete: code naming it stops compiling"),
        "{stderr}"
    );
    // The committed listing against the crate folder: what changed since it was written.
    let again = restgen()
        .arg("api-diff")
        .arg(dir.join("crate/public-api.txt"))
        .arg(&out)
        .output()
        .unwrap();
    assert!(again.status.success());
}

/// CI-only: the real versions of both APIs, 2020 preview → first GA (2021-03-07) → newest GA.
#[test]
#[ignore = "CI-only: needs RESTGEN_REFERENCE_SPECS and RESTGEN_REFERENCE_SPECS_GA"]
fn the_real_version_pairs() {
    let var =
        |name: &str| PathBuf::from(std::env::var(name).unwrap_or_else(|_| panic!("set {name}")));
    let (preview, ga) = (
        var("RESTGEN_REFERENCE_SPECS"),
        var("RESTGEN_REFERENCE_SPECS_GA"),
    );
    let report = |old: PathBuf, new: PathBuf| -> Value {
        let out = restgen()
            .arg("api-diff")
            .arg(&old)
            .arg(&new)
            .arg("--json")
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
        })
    };
    let find = |r: &Value, change: &str, path: &str| -> String {
        r["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["change"] == change && c["path"] == path)
            .map(|c| c["effect"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("no {change} {path} in {:#}", r["changes"]))
    };
    let identity = [
        preview.join("identity/2020-07-20-preview2/CommunicationIdentity.json"),
        ga.join("Identity/stable/2021-03-07/CommunicationIdentity.json"),
        ga.join("Identity/stable/2026-09-23/CommunicationIdentity.json"),
    ];
    let phone = [
        preview.join(
            "phone-number-administration/2020-07-20-preview1/communicationservicesadministration.json",
        ),
        ga.join("PhoneNumbers/stable/2021-03-07/phonenumbers.json"),
        ga.join("PhoneNumbers/stable/2025-06-01/phonenumbers.json"),
    ];

    let r = report(identity[0].clone(), identity[1].clone());
    assert_eq!(r["effect"], "breaking");
    assert_eq!(
        find(
            &r,
            "removed",
            "api::CommunicationIdentityClient::issue_token"
        ),
        "breaking"
    );
    assert_eq!(
        find(&r, "changed", "api::CommunicationIdentityClient::create"),
        "breaking"
    );
    assert_eq!(
        find(
            &r,
            "added",
            "api::CommunicationIdentityClient::issue_access_token"
        ),
        "additive"
    );
    println!("identity preview → 2021-03-07: {}", r["counts"]);

    let r = report(identity[1].clone(), identity[2].clone());
    assert_eq!(r["effect"], "breaking");
    assert_eq!(
        find(
            &r,
            "added",
            "api::CommunicationIdentityTokenScope::ChatJoin"
        ),
        "breaking"
    );
    assert_eq!(
        find(
            &r,
            "added",
            "api::CommunicationIdentityClient::exchange_token"
        ),
        "additive"
    );
    assert_eq!(
        find(
            &r,
            "added",
            "api::CommunicationIdentityAccessTokenRequest::expires_in_minutes"
        ),
        "additive"
    );
    println!("identity 2021-03-07 → 2026-09-23: {}", r["counts"]);

    let r = report(phone[0].clone(), phone[1].clone());
    assert_eq!(r["effect"], "breaking");
    assert_eq!(find(&r, "removed", "api::AcquiredPhoneNumber"), "breaking");
    assert_eq!(find(&r, "added", "api::PurchasedPhoneNumber"), "additive");
    println!("phone numbers preview → 2021-03-07: {}", r["counts"]);

    let r = report(phone[1].clone(), phone[2].clone());
    assert_eq!(r["effect"], "breaking");
    assert_eq!(
        find(&r, "added", "api::PhoneNumberType::Mobile"),
        "breaking"
    );
    assert_eq!(
        find(&r, "changed", "api::PhoneNumberOperation::new"),
        "breaking"
    );
    assert_eq!(
        find(&r, "added", "api::PhoneNumbersClient::list_offerings"),
        "additive"
    );
    assert_eq!(
        find(&r, "added", "api::PhoneNumberSearchResult::error_code"),
        "additive"
    );
    println!("phone numbers 2021-03-07 → 2025-06-01: {}", r["counts"]);
}
