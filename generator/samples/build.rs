//! Generates the clients of the first random specs the generator accepts (fixed seeds) into
//! `OUT_DIR`, one module each, for the crate to compile and clippy to lint.

use std::path::{Path, PathBuf};

#[path = "random_spec.rs"]
#[allow(dead_code)] // the property test uses the rest
mod random_spec;

/// How many accepted specs are compiled.
const SAMPLES: usize = 16;

fn main() {
    println!("cargo:rerun-if-changed=random_spec.rs");
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let specs = out.join("specs");
    std::fs::create_dir_all(&specs).expect("create the specs folder");
    let mut modules = String::new();
    let mut found = 0;
    for seed in 0..1_000u64 {
        if found == SAMPLES {
            break;
        }
        let path = specs.join(format!("sample{seed}.json"));
        write_if_changed(&path, &random_spec::spec(seed));
        let settings = restgen::config::Settings::default();
        // Refused specs are the property test's business; here only accepted ones count.
        let Ok((api, sha256, _)) = restgen::generate::api(&path, &settings) else {
            continue;
        };
        let provenance = restgen::emit::Provenance {
            spec: format!("sample{seed}.json"),
            sha256,
        };
        let files = restgen::emit::api(&api, &provenance)
            .unwrap_or_else(|e| panic!("seed {seed}: the emitter failed: {e}"));
        let dir = out.join(format!("sample{seed}"));
        std::fs::create_dir_all(&dir).expect("create the module folder");
        for file in files {
            write_if_changed(&dir.join(&file.name), &file.text);
        }
        modules.push_str(&format!(
            "/// The client of random spec {seed}.\n#[path = {:?}]\npub mod sample{seed};\n",
            dir.join("mod.rs").display().to_string()
        ));
        found += 1;
    }
    assert_eq!(found, SAMPLES, "too few random specs were accepted");
    write_if_changed(&out.join("samples.rs"), &modules);
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
}
