//! CI-only: the project's specs describe exactly the upstream APIs. Both are read through the
//! generator's own loader into the resolved IR and compared with every piece of prose left out
//! (descriptions may be in our own words; paths, methods, parameters and their order, defaults,
//! required flags, status codes, wire names, formats, enums, paging and the host may not differ).
//!
//! Run by `.ci/run` when the reference specs are beside the clone:
//! `RESTGEN_REFERENCE_SPECS=<dir> RESTGEN_REFERENCE_SPECS_GA=<dir> cargo test -p restgen --test
//! spec_equivalence -- --ignored`.

use std::path::{Path, PathBuf};

use restgen::config::Settings;
use restgen::generate;
use serde_json::Value;

const PAIRS: &[(&str, &str)] = &[
    (
        "communication-identity.yaml",
        "identity/2020-07-20-preview2/CommunicationIdentity.json",
    ),
    (
        "phone-number-administration.yaml",
        "phone-number-administration/2020-07-20-preview1/communicationservicesadministration.json",
    ),
];

/// The GA successors, against `RESTGEN_REFERENCE_SPECS_GA` (the upstream `data-plane` layout).
const GA_PAIRS: &[(&str, &str)] = &[
    (
        "communication-identity-2026-09-23.yaml",
        "Identity/stable/2026-09-23/CommunicationIdentity.json",
    ),
    (
        "phone-numbers-2025-06-01.yaml",
        "PhoneNumbers/stable/2025-06-01/phonenumbers.json",
    ),
];

/// The IR as JSON, without prose.
fn api_shape(path: &Path) -> Value {
    let (api, _, _) = generate::api(path, &Settings::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut value = serde_json::to_value(&api).unwrap();
    strip_prose(&mut value);
    value
}

fn strip_prose(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.remove("doc");
            o.remove("description");
            // Our specs carry examples of their own.
            o.remove("examples");
            o.values_mut().for_each(strip_prose);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_prose),
        _ => {}
    }
}

fn differences(ours: &Value, upstream: &Value) -> String {
    let a = serde_json::to_string_pretty(upstream).unwrap();
    let b = serde_json::to_string_pretty(ours).unwrap();
    similar::TextDiff::from_lines(&a, &b)
        .unified_diff()
        .header("upstream", "specs/")
        .to_string()
}

/// Compares each pair, our spec against the upstream one below `variable`'s folder.
fn check_pairs(variable: &str, pairs: &[(&str, &str)]) {
    let reference = PathBuf::from(
        std::env::var(variable)
            .unwrap_or_else(|_| panic!("set {variable} to the upstream specs folder")),
    );
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut shapes = Vec::new();
    for (ours, upstream) in pairs {
        let a = api_shape(&specs.join(ours));
        let b = api_shape(&reference.join(upstream));
        assert!(
            a == b,
            "specs/{ours} differs from upstream {upstream}:\n{}",
            differences(&a, &b)
        );
        println!("specs/{ours}: same API as upstream {upstream}");
        shapes.push(a);
    }
    // The comparison sees real differences: the two APIs are not equal to each other.
    assert_ne!(shapes[0], shapes[1]);
}

#[test]
#[ignore = "CI-only: needs RESTGEN_REFERENCE_SPECS pointing at the upstream reference specs"]
fn project_specs_describe_the_upstream_apis() {
    check_pairs("RESTGEN_REFERENCE_SPECS", PAIRS);
}

#[test]
#[ignore = "CI-only: needs RESTGEN_REFERENCE_SPECS_GA pointing at the upstream GA specs"]
fn project_specs_describe_the_upstream_ga_apis() {
    check_pairs("RESTGEN_REFERENCE_SPECS_GA", GA_PAIRS);
}
