//! Generates the notes client from `specs/notes.yaml` into `OUT_DIR` at every build where the
//! spec (or a file it refers to) changed.

use std::path::PathBuf;

use restgen::build_script::BuildScript;
use restgen::config::Settings;

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let settings = Settings {
        client_name: Some("NotesClient".into()),
        ..Settings::default()
    };
    // An error names the spec file and the JSON pointer of the problem.
    BuildScript::new("specs/notes.yaml")
        .settings(settings)
        .write_module(&out, "notes")
        .unwrap_or_else(|e| panic!("{e}"));
}
