//! The build-script API: a module written into a folder with the file that declares it, every
//! file the spec reads reported (for `cargo:rerun-if-changed`), and errors with file and pointer.

mod common;

use common::Scratch;
use restgen::build_script::{BuildScript, WarningsTo};

const API: &str = "openapi: 3.0.3\ninfo: {title: Things, version: '1'}\npaths:\n  /things:\n    get:\n      operationId: Things_List\n      responses:\n        '200': {description: d, content: {application/json: {schema: {$ref: 'shared.yaml#/components/schemas/Thing'}}}}\n";
const SHARED: &str =
    "components:\n  schemas:\n    Thing: {type: object, properties: {name: {type: string}}}\n";

#[test]
fn a_module_is_written_with_its_declaring_file_and_every_file_read_is_known() {
    let specs = Scratch::with_files(
        "build-script-specs",
        &[("api.yaml", API), ("shared.yaml", SHARED)],
    );
    let out = Scratch::new("build-script-out");
    let script = BuildScript::new(specs.join("api.yaml")).warnings_to(WarningsTo::Nowhere);
    let generated = script.generate().unwrap();
    assert_eq!(
        generated.read,
        [specs.join("api.yaml"), specs.join("shared.yaml")]
    );
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let names: Vec<&str> = generated.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["mod.rs", "client.rs", "models.rs"]);

    let declaring = script.write_module(&out, "things").unwrap();
    assert_eq!(declaring, out.join("things.rs"));
    let text = std::fs::read_to_string(&declaring).unwrap();
    assert!(text.contains("pub mod things;"), "{text}");
    assert!(
        text.contains(&format!(
            "{:?}",
            out.join("things").join("mod.rs").display().to_string()
        )),
        "{text}"
    );
    let client = std::fs::read_to_string(out.join("things").join("client.rs")).unwrap();
    assert!(
        client.contains("// Spec: api.yaml"),
        "no machine path in the header: {client}"
    );
    // Written again unchanged: the file is left alone (cargo sees no change).
    let before = std::fs::metadata(out.join("things").join("client.rs"))
        .unwrap()
        .modified()
        .unwrap();
    script.write_module(&out, "things").unwrap();
    let after = std::fs::metadata(out.join("things").join("client.rs"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
}

#[test]
fn errors_name_the_file_and_pointer_and_bad_module_names_are_refused() {
    let broken = API.replace(
        "$ref: 'shared.yaml#/components/schemas/Thing'",
        "type: weird",
    );
    let specs = Scratch::with_files("build-script-broken", &[("api.yaml", &broken)]);
    let out = Scratch::new("build-script-broken-out");
    let err = BuildScript::new(specs.join("api.yaml"))
        .write_module(&out, "things")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("api.yaml#/paths/~1things/get/responses/200/content/application~1json/schema/type: unknown type `weird`"),
        "{err}"
    );
    let specs = Scratch::with_files(
        "build-script-name",
        &[("api.yaml", API), ("shared.yaml", SHARED)],
    );
    let err = BuildScript::new(specs.join("api.yaml"))
        .write_module(&out, "not a name")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("`not a name` is not a Rust identifier"),
        "{err}"
    );
}
