//! The property test: random specs built from hostile pieces (fixed seeds, so every run and
//! every machine sees the same ones). Whatever the spec, the generator never panics, and either
//! refuses it with a message naming the file and where in it, or emits Rust that parses and
//! whose docs can hold no code block. A sample of the accepted specs is compiled and linted by
//! the samples crate (`generator/samples`).

mod common;
#[path = "../samples/random_spec.rs"]
mod random_spec;

use std::panic::{AssertUnwindSafe, catch_unwind};

use restgen::config::Settings;
use restgen::generate;

use common::Scratch;

const SPECS: u64 = 600;

#[test]
fn random_specs_never_panic_and_either_fail_clearly_or_emit_safe_code() {
    let dir = Scratch::new("random");
    let (mut generated, mut refused) = (0, 0);
    for seed in 0..SPECS {
        let text = random_spec::spec(seed);
        let path = dir.join(format!("api{seed}.json"));
        std::fs::write(&path, &text).unwrap();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            generate::api(&path, &Settings::default())
        }))
        .unwrap_or_else(|_| panic!("seed {seed}: the generator panicked on\n{text}"));
        match outcome {
            Err(e) => {
                refused += 1;
                let message = e.to_string();
                assert!(
                    message.contains(&format!("api{seed}.json#/")),
                    "seed {seed}: the message names no pointer: {message}"
                );
                assert!(!message.contains('\u{1b}'), "seed {seed}: {message}");
            }
            Ok((api, sha256, warnings)) => {
                generated += 1;
                for w in &warnings {
                    assert!(!w.to_string().contains('\u{1b}'), "seed {seed}: {w}");
                }
                let provenance = restgen::emit::Provenance {
                    spec: format!("api{seed}.json"),
                    sha256,
                };
                let files =
                    catch_unwind(AssertUnwindSafe(|| restgen::emit::api(&api, &provenance)))
                        .unwrap_or_else(|_| panic!("seed {seed}: the emitter panicked on\n{text}"))
                        .unwrap_or_else(|e| {
                            panic!("seed {seed}: emitted invalid Rust: {e}\n{text}")
                        });
                for file in files {
                    assert_docs_are_safe(seed, &file.name, &file.text);
                }
            }
        }
    }
    eprintln!("random specs: {generated} generated, {refused} refused with a message");
    // The pieces are meant to be mostly valid: a test that only sees refusals proves little.
    assert!(generated > SPECS / 2, "{generated} of {SPECS}");
}

/// No doc line can open a code block (the only markdown rustdoc runs): no fence of backticks or
/// tildes, no indented line, no line that is text of a control character.
fn assert_docs_are_safe(seed: u64, name: &str, text: &str) {
    let mut in_block = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let doc = if let Some(rest) = trimmed.strip_prefix("///") {
            Some(rest)
        } else if let Some(rest) = trimmed.strip_prefix("//!") {
            Some(rest)
        } else if let Some(rest) = trimmed.strip_prefix("/*!") {
            in_block = !rest.contains("*/");
            Some(rest)
        } else if in_block {
            in_block = !line.contains("*/");
            Some(line)
        } else {
            None
        };
        let Some(doc) = doc else { continue };
        let content = doc.strip_prefix(' ').unwrap_or(doc);
        assert!(
            !content.contains("```") && !content.contains("~~~"),
            "seed {seed} {name}: a fence in `{line}`"
        );
        assert!(
            !content.starts_with("    ") && !content.starts_with('\t'),
            "seed {seed} {name}: an indented doc line `{line}`"
        );
        assert!(
            !content.chars().any(|c| c.is_control() && c != '\t'),
            "seed {seed} {name}: a control character in `{line:?}`"
        );
    }
}
