//! The command line: a standalone crate from one spec, check mode and its exit codes, and
//! messages a person understands.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Scratch;

fn restgen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_restgen"))
}

fn temp(name: &str) -> Scratch {
    Scratch::new(&format!("cli-{name}"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn generate_a_standalone_crate_from_one_spec() {
    let out = temp("standalone");
    let status = restgen()
        .args(["generate", "--spec"])
        .arg(fixture("widgets.openapi.yaml"))
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "widgets", "--runtime-path", "../runtime"])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"widgets\""));
    assert!(manifest.contains("restgen-runtime = { path = \"../runtime\" }"));
    assert!(out.join("src/lib.rs").is_file());
    assert!(out.join("src/widgets_openapi/client.rs").is_file());
}

#[test]
fn check_reports_drift_with_a_diff_and_exit_code_1() {
    let dir = temp("check");
    std::fs::create_dir_all(dir.join("specs")).unwrap();
    std::fs::copy(
        fixture("widgets.swagger.yaml"),
        dir.join("specs/widgets.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("specs/generate.yaml"),
        "crate:\n  name: w\n  output: ../out\napis:\n  - spec: widgets.yaml\n    module: widgets\n",
    )
    .unwrap();
    let config = dir.join("specs/generate.yaml");
    let check = |expect: i32| {
        let out = restgen().arg("check").arg(&config).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(expect),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let diff = check(1);
    assert!(
        diff.contains("+++ b/src/widgets/client.rs (generated)"),
        "{diff}"
    );
    assert!(
        restgen()
            .arg("generate")
            .arg(&config)
            .status()
            .unwrap()
            .success()
    );
    check(0);
    // A hand edit is drift, and so is a stale file.
    let client = dir.join("out/src/widgets/client.rs");
    let text = std::fs::read_to_string(&client).unwrap();
    std::fs::write(&client, text.replace("List widgets.", "Edited by hand.")).unwrap();
    std::fs::write(dir.join("out/src/widgets/old.rs"), "// left behind\n").unwrap();
    let diff = check(1);
    assert!(diff.contains("-    /// Edited by hand."), "{diff}");
    assert!(
        diff.contains("src/widgets/old.rs is not generated any more"),
        "{diff}"
    );
    // Generating again repairs both.
    assert!(
        restgen()
            .arg("generate")
            .arg(&config)
            .status()
            .unwrap()
            .success()
    );
    check(0);
    assert!(!dir.join("out/src/widgets/old.rs").exists());
}

#[test]
fn a_nested_layout_leaves_lib_rs_and_hand_written_modules_to_the_crate() {
    let dir = temp("nested");
    std::fs::create_dir_all(dir.join("specs")).unwrap();
    std::fs::copy(
        fixture("widgets.swagger.yaml"),
        dir.join("specs/widgets.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("specs/generate.yaml"),
        "crate:\n  name: w\n  output: ../out\n  layout: nested\napis:\n  - spec: widgets.yaml\n    module: widgets\n",
    )
    .unwrap();
    let config = dir.join("specs/generate.yaml");
    let run = |command: &str| {
        let out = restgen().arg(command).arg(&config).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    assert_eq!(run("generate").0, Some(0));
    let out = dir.join("out");
    assert!(out.join("src/generated/mod.rs").is_file());
    assert!(out.join("src/generated/widgets/client.rs").is_file());
    assert!(!out.join("src/widgets").exists());
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.contains("mod generated;") && lib.contains("pub use generated::*;"));
    // The listing names items as users reach them, through the re-export.
    let listing = std::fs::read_to_string(out.join("public-api.txt")).unwrap();
    assert!(listing.contains(" widgets::"), "{listing}");
    assert!(!listing.contains("generated::"), "{listing}");
    // lib.rs is the crate's own: a hand-written module there survives, and is not drift.
    let own = format!("{lib}\npub mod conveniences;\n");
    std::fs::write(out.join("src/lib.rs"), &own).unwrap();
    std::fs::write(out.join("src/conveniences.rs"), "//! Mine.\n").unwrap();
    assert_eq!(run("check").0, Some(0));
    assert_eq!(run("generate").0, Some(0));
    assert_eq!(
        std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        own
    );
    assert!(out.join("src/conveniences.rs").is_file());
}

#[test]
fn errors_exit_2_with_the_file_named() {
    let out = restgen()
        .args([
            "generate",
            "--spec",
            "missing.yaml",
            "--out",
            "/nonexistent-restgen",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: missing.yaml: "), "{stderr}");
    let out = restgen()
        .args(["check", "no-such-config.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_subcommand_has_help() {
    for sub in [
        vec!["--help"],
        vec!["generate", "--help"],
        vec!["check", "--help"],
    ] {
        let out = restgen().args(&sub).output().unwrap();
        assert!(out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{sub:?}"
        );
    }
}

/// A spec's `x-ms-examples` become the crate's check against them: a test file, the runtime's
/// `testing` feature for it, and a warning (never a read) for an example outside the spec root.
#[test]
fn examples_become_a_generated_check() {
    let dir = Scratch::with_files(
        "cli-examples",
        &[
            (
                "spec/api.yaml",
                r#"
swagger: '2.0'
info: { title: Things, version: '1' }
paths:
  /things/{id}:
    get:
      operationId: Things_Get
      x-ms-examples:
        Inline: { parameters: { id: a, api-version: '1' }, responses: { '200': { body: { id: a } } } }
        From a file: { $ref: ./examples/get.yaml }
        Outside: { $ref: ../secret.yaml }
      parameters:
        - { name: id, in: path, required: true, type: string }
        - { name: api-version, in: query, required: true, type: string }
      responses:
        '200': { description: OK, schema: { $ref: '#/definitions/Thing' } }
definitions:
  Thing: { type: object, properties: { id: { type: string } } }
"#,
            ),
            (
                "spec/examples/get.yaml",
                "parameters: { id: b, api-version: '1' }\nresponses: { '200': { body: { id: b } } }\n",
            ),
            ("secret.yaml", "parameters: { id: secret }\n"),
        ],
    );
    let out = dir.join("crate");
    let run = restgen()
        .args(["generate", "--spec"])
        .arg(dir.join("spec/api.yaml"))
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "things", "--runtime-path", "../runtime"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("x-ms-examples/Outside: the example is not read"),
        "{stderr}"
    );
    let checks = std::fs::read_to_string(out.join("tests/spec_examples/checks.rs")).unwrap();
    assert!(checks.contains(r#""Inline""#) && checks.contains(r#""From a file""#));
    assert!(!checks.contains("secret"), "{checks}");
    assert!(
        std::fs::read_to_string(out.join("tests/spec_examples.rs"))
            .unwrap()
            .contains("mod checks;")
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains(r#"features = ["testing"]"#), "{manifest}");
}

/// `from_connection_string` (HMAC access keys) is offered where the spec declares such a key in
/// the `Authorization` header, or where the caller says the service uses one.
#[test]
fn connection_strings_only_where_keys_sign() {
    let spec = |security: &str| {
        format!(
            "swagger: '2.0'\ninfo: {{ title: Keys, version: '1' }}\n{security}paths:\n  /x:\n    get:\n      operationId: X_Get\n      responses: {{ '204': {{ description: none }} }}\n"
        )
    };
    let dir = Scratch::with_files(
        "cli-connection-strings",
        &[
            (
                "oauth.yaml",
                &spec(
                    "securityDefinitions:\n  aad: { type: oauth2, flow: implicit, authorizationUrl: 'https://login.example/authorize', scopes: {} }\n",
                ),
            ),
            (
                "hmac.yaml",
                &spec(
                    "securityDefinitions:\n  key: { type: apiKey, in: header, name: Authorization }\n",
                ),
            ),
        ],
    );
    let client_text = |spec: &str, flag: bool| {
        let out = dir.join(format!("out-{spec}-{flag}"));
        let mut cmd = restgen();
        cmd.args(["generate", "--spec"])
            .arg(dir.join(spec))
            .arg("--out")
            .arg(&out)
            .args(["--crate-name", "keys"]);
        if flag {
            cmd.arg("--connection-string");
        }
        assert!(cmd.output().unwrap().status.success());
        let stem = spec.trim_end_matches(".yaml");
        std::fs::read_to_string(out.join(format!("src/{stem}/client.rs"))).unwrap()
    };
    assert!(!client_text("oauth.yaml", false).contains("fn from_connection_string"));
    assert!(client_text("oauth.yaml", true).contains("fn from_connection_string"));
    assert!(client_text("hmac.yaml", false).contains("fn from_connection_string"));
}
