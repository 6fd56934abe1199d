//! Installs the pinned AutoRest test server (`npm ci`) when it is missing, then generates a
//! client module for each of its specs into `OUT_DIR` through restgen's build-script API
//! (`restgen::build_script`), as a user's `build.rs` would.
//! The clients are not committed: they are the server's specs, turned into Rust at build time.

use std::path::{Path, PathBuf};
use std::process::Command;

use restgen::build_script::{BuildScript, WarningsTo};

/// Specs generated with settings other than the defaults.
fn settings(spec: &str) -> restgen::config::Settings {
    restgen::config::Settings {
        // The paging spec checks that the api-version is replaced in next links.
        next_link_api_version: match spec {
            "paging.json" | "multiapi" => restgen::ir::ApiVersionPolicy::Replace,
            _ => restgen::ir::ApiVersionPolicy::Keep,
        },
        // The complex-type service sends `null` items in arrays and maps its spec does not mark
        // `x-nullable`: the suite generates it with every item nullable, as a user would.
        nullable_items: match spec {
            "body-complex.json" => restgen::config::NullableItems::All,
            _ => restgen::config::NullableItems::Declared,
        },
        ..Default::default()
    }
}

/// The module a spec becomes: `url-multi-collectionFormat.json` is `url_multi_collection_format`.
fn module_name(spec: &str) -> String {
    let stem = spec.strip_suffix(".json").unwrap_or(spec);
    let mut name = String::new();
    let mut previous_lower = false;
    for c in stem.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            name.push('_');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        name.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '_'
        });
    }
    name
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let server = manifest.join("node_modules/@microsoft.azure/autorest.testserver");
    println!("cargo:rerun-if-changed=package-lock.json");
    println!("cargo:rerun-if-changed=build.rs");
    if !server.join("package.json").is_file() {
        install(&manifest);
    }
    // Every spec the server ships: the suite calls most of them; the others (no routes, or
    // scenarios of a later tier) are generated, compiled and linted with it.
    let mut specs: Vec<String> = std::fs::read_dir(server.join("swagger"))
        .expect("the server's swagger folder")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .collect();
    specs.sort();
    let swagger = |name: &str| server.join("swagger").join(name);
    // (module, the name its settings go by, its specs): each spec alone, then the multi-API
    // scenarios, every version of an API merged into one client.
    let mut clients: Vec<(String, &str, Vec<PathBuf>)> = specs
        .iter()
        .map(|spec| (module_name(spec), spec.as_str(), vec![swagger(spec)]))
        .collect();
    let merged: [(&str, &[&str]); 2] = [
        (
            "multiapi",
            &[
                "multiapi-v0.json",
                "multiapi-v1.json",
                "multiapi-v2.json",
                "multiapi-v3.json",
            ],
        ),
        (
            "multiapi_custom_base_url",
            &[
                "multiapi-v1-custom-base-url.json",
                "multiapi-v2-custom-base-url.json",
            ],
        ),
    ];
    for (module, versions) in merged {
        clients.push((
            module.to_owned(),
            module,
            versions.iter().map(|v| swagger(v)).collect(),
        ));
    }
    // Every client is tried before the build fails, so one run lists them all.
    let mut modules = String::new();
    let mut failures = Vec::new();
    for (module, name, paths) in clients {
        let script = BuildScript::versions(paths)
            .settings(settings(name))
            .warnings_to(WarningsTo::Nowhere);
        match script.write_module(&out, &module) {
            Ok(declaring) => modules.push_str(&format!(
                "include!({:?});\n",
                declaring.display().to_string()
            )),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "restgen could not generate:\n{}",
        failures.join("\n")
    );
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
