//! CI-only: every OpenAPI 3.0 document in the reference folder (the sample specs of another
//! Rust generator, real services among them) becomes a standalone crate that builds and passes
//! clippy with `-D warnings`.
//!
//! Run by `.ci/run` when the folder is beside the clone:
//! `RESTGEN_OPENAPI3_SAMPLES=<dir> cargo test -p restgen --test openapi3_samples -- --ignored`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Scratch;

/// The repository root (the generator's parent).
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator sits in the repository")
        .to_path_buf()
}

#[test]
#[ignore = "CI-only: needs RESTGEN_OPENAPI3_SAMPLES"]
fn every_sample_spec_becomes_a_crate_that_builds_lint_clean() {
    let Some(dir) = std::env::var_os("RESTGEN_OPENAPI3_SAMPLES") else {
        panic!("set RESTGEN_OPENAPI3_SAMPLES to the folder of OpenAPI 3.0 samples");
    };
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read the samples folder")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml")
            )
        })
        .collect();
    specs.sort();
    assert!(
        !specs.is_empty(),
        "no specs in {}",
        Path::new(&dir).display()
    );
    let scratch = Scratch::new("openapi3-samples");
    // One target folder for every crate (the workspace's own is locked by this test run), and
    // the workspace's lock file, so each crate builds the dependencies already resolved.
    let target = repo().join("target").join("openapi3-samples");
    for spec in &specs {
        let name = spec
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace('.', "-");
        let out = scratch.join(&name);
        let generated = Command::new(env!("CARGO_BIN_EXE_restgen"))
            .arg("generate")
            .arg("--spec")
            .arg(spec)
            .arg("--out")
            .arg(&out)
            .arg("--runtime-path")
            .arg(repo().join("runtime"))
            .output()
            .expect("run restgen");
        let stderr = String::from_utf8_lossy(&generated.stderr);
        assert!(
            generated.status.success(),
            "{}: generation failed\n{stderr}",
            spec.display()
        );
        let warnings = stderr.lines().filter(|l| l.starts_with("warning:")).count();
        eprintln!("{}: generated, {warnings} warnings", spec.display());
        std::fs::copy(repo().join("Cargo.lock"), out.join("Cargo.lock")).expect("copy the lock");
        let built = Command::new(env!("CARGO"))
            .args(["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"])
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .expect("run cargo clippy");
        assert!(
            built.status.success(),
            "{}: the crate does not build lint-clean\n{}",
            spec.display(),
            String::from_utf8_lossy(&built.stderr)
        );
        eprintln!("{}: builds lint-clean", spec.display());
    }
}
