//! Installs the pinned AutoRest test server (`npm ci`) when it is missing, then generates a
//! client module for each of its specs the suite uses, with restgen itself, into `OUT_DIR`.
//! The clients are not committed: they are the server's specs, turned into Rust at build time.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The server's specs the suite calls, or only compiles, and the module each becomes.
const SPECS: &[(&str, &str)] = &[
    ("body-string.json", "body_string"),
    ("header.json", "header"),
    ("url.json", "url"),
    ("url-multi-collectionFormat.json", "url_multi"),
    ("body-complex.json", "body_complex"),
    ("custom-baseUrl.json", "custom_base_url"),
    (
        "custom-baseUrl-more-options.json",
        "custom_base_url_more_options",
    ),
    ("parameterized-endpoint.json", "parameterized_endpoint"),
    ("paging.json", "paging"),
    ("custom-baseUrl-paging.json", "custom_base_url_paging"),
    ("security-aad.json", "security_aad"),
    ("security-key.json", "security_key"),
    // The server's own coverage reports, which the harness reads through these clients.
    ("report.json", "report"),
    ("azure-report.json", "azure_report"),
    // Tier 1b.
    ("lro.json", "lro"),
    (
        "lro-parameterized-endpoints.json",
        "lro_parameterized_endpoints",
    ),
    ("azure-special-properties.json", "azure_special_properties"),
    (
        "subscriptionId-apiVersion.json",
        "subscription_id_api_version",
    ),
    ("azure-parameter-grouping.json", "azure_parameter_grouping"),
    ("xms-error-responses.json", "xms_error_responses"),
    ("extensible-enums-swagger.json", "extensible_enums"),
    ("non-string-enum.json", "non_string_enum"),
    ("head.json", "head"),
    ("head-exceptions.json", "head_exceptions"),
    // Generated and compiled only: the server has no routes for them.
    ("storage.json", "storage"),
    ("azure-resource.json", "azure_resource"),
    ("azure-resource-x.json", "azure_resource_x"),
    ("complex-model.json", "complex_model"),
    ("no-operations.json", "no_operations"),
    ("parameter-flattening.json", "parameter_flattening"),
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let server = manifest.join("node_modules/@microsoft.azure/autorest.testserver");
    println!("cargo:rerun-if-changed=package-lock.json");
    println!("cargo:rerun-if-changed=build.rs");
    if !server.join("package.json").is_file() {
        install(&manifest);
    }
    let mut modules = String::new();
    for (spec, module) in SPECS {
        let path = server.join("swagger").join(spec);
        // The paging spec checks that the api-version is appended to or replaced in next links.
        let settings = restgen::config::Settings {
            next_link_api_version: match *spec {
                "paging.json" => restgen::ir::ApiVersionPolicy::Replace,
                _ => restgen::ir::ApiVersionPolicy::Keep,
            },
            ..Default::default()
        };
        let (api, sha256, _warnings) = restgen::generate::api(&path, &settings)
            .unwrap_or_else(|e| panic!("restgen could not read {spec}: {e}"));
        let provenance = restgen::emit::Provenance {
            spec: spec.to_string(),
            sha256,
        };
        let files = restgen::emit::api(&api, &provenance)
            .unwrap_or_else(|e| panic!("restgen could not emit {spec}: {e}"));
        let dir = out.join(module);
        std::fs::create_dir_all(&dir).expect("create the module folder");
        for file in files {
            write_if_changed(&dir.join(&file.name), &file.text);
        }
        modules.push_str(&format!(
            "#[path = {:?}]\npub mod {module};\n",
            dir.join("mod.rs").display().to_string()
        ));
    }
    write_if_changed(&out.join("clients.rs"), &modules);
}

fn install(manifest: &Path) {
    let status = Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(manifest)
        .status()
        .unwrap_or_else(|e| panic!("the conformance suite needs Node.js and npm to install the AutoRest test server: {e}"));
    assert!(
        status.success(),
        "`npm ci` failed in {}",
        manifest.display()
    );
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
}
