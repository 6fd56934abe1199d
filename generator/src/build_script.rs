//! Generation from a `build.rs`: a client module made from a spec at build time, written into
//! `OUT_DIR` and included by the crate, regenerated whenever a file the spec reads changes.
//!
//! ```no_run
//! // build.rs's `main` (with `restgen` as a build-dependency, `restgen-runtime`, `serde` and
//! // `serde_json` as dependencies)
//! let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
//! restgen::build_script::BuildScript::new("specs/petstore.yaml")
//!     .write_module(&out, "petstore")
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//!
//! `examples/build-time` in the repository is a whole crate made this way.
//!
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/petstore.rs"));
//! pub use petstore::*;
//! ```
//!
//! A spec that cannot be generated fails the build with the file and JSON pointer of the
//! problem; warnings become `cargo:warning` lines.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::emit::{self, File, Provenance};
use crate::error::{Error, Result, Warning};
use crate::generate::{api_reading, merged_reading};
use crate::ir::names::is_identifier;
use crate::load::LoadOptions;

/// One client module to generate: a spec (or several versions of one API, merged), with its
/// settings.
#[derive(Clone, Debug)]
pub struct BuildScript {
    specs: Vec<PathBuf>,
    settings: Settings,
    load: LoadOptions,
    warnings: WarningsTo,
}

/// Where [`BuildScript::write_module`] reports the generator's warnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningsTo {
    /// `cargo:warning` lines, which cargo shows with the build.
    Cargo,
    /// Nowhere ([`BuildScript::generate`] still returns them).
    Nowhere,
}

/// What a generation made: the module's files, the warnings, and every file it read.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The module's files (`mod.rs`, `client.rs`, ...), formatted.
    pub files: Vec<File>,
    /// What the generator met and did not use, each with its file and pointer.
    pub warnings: Vec<Warning>,
    /// Every file read: the specs and the files their `$ref`s name.
    pub read: Vec<PathBuf>,
}

impl BuildScript {
    /// The module of the spec at `spec` (Swagger 2.0 or OpenAPI 3.0, JSON or YAML), with the
    /// default settings.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Self {
            specs: vec![spec.into()],
            settings: Settings::default(),
            load: LoadOptions::default(),
            warnings: WarningsTo::Cargo,
        }
    }

    /// Where `write_module` reports warnings (default: to cargo).
    pub fn warnings_to(mut self, to: WarningsTo) -> Self {
        self.warnings = to;
        self
    }

    /// One client for several versions of one API, oldest first (see `earlier-versions` in the
    /// generation config); one spec is the same as [`BuildScript::new`].
    pub fn versions(specs: impl IntoIterator<Item = impl Into<PathBuf>>) -> Self {
        Self {
            specs: specs.into_iter().map(Into::into).collect(),
            ..Self::new(PathBuf::new())
        }
    }

    /// Generates with these settings (client name, method names, paging rules...).
    pub fn settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// The folder the specs' `$ref`s may read below (default: the spec's folder, widened in
    /// the Azure layout).
    pub fn spec_root(mut self, root: impl Into<PathBuf>) -> Self {
        self.load.root = Some(root.into());
        self
    }

    /// Generates in memory. On failure, `read` is lost with the result; `write_module` still
    /// asks cargo to rerun on the specs.
    pub fn generate(&self) -> Result<Generated> {
        self.generate_reading(&mut BTreeSet::new())
    }

    fn generate_reading(&self, read: &mut BTreeSet<PathBuf>) -> Result<Generated> {
        let spec_name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let (api, sha256, warnings, name) = match self.specs.as_slice() {
            [] => {
                return Err(Error::Config {
                    path: PathBuf::from("build.rs"),
                    message: "no spec to generate".into(),
                });
            }
            [one] => {
                let (api, sha, warnings) = api_reading(one, &self.load, &self.settings, read)?;
                (api, sha, warnings, spec_name(one))
            }
            several => {
                let (api, shas, warnings) =
                    merged_reading(several, &self.load, &self.settings, read)?;
                let newest = several.last().map(|p| spec_name(p)).unwrap_or_default();
                (
                    api,
                    shas.last().cloned().unwrap_or_default(),
                    warnings,
                    newest,
                )
            }
        };
        let files = emit::api(&api, &Provenance { spec: name, sha256 })?;
        Ok(Generated {
            files,
            warnings,
            read: read.iter().cloned().collect(),
        })
    }

    /// Generates the module into `out_dir/<module>/` (writing only files that changed, so
    /// cargo does not rebuild for nothing) and `out_dir/<module>.rs`, which declares it: the
    /// crate includes that file. Prints `cargo:rerun-if-changed` for every file read (the specs
    /// alone when generation fails) and `cargo:warning` for each warning. Returns the path of
    /// `<module>.rs`.
    pub fn write_module(&self, out_dir: &Path, module: &str) -> Result<PathBuf> {
        if !is_identifier(module) {
            return Err(Error::Config {
                path: PathBuf::from("build.rs"),
                message: format!("the module name `{module}` is not a Rust identifier"),
            });
        }
        let mut read: BTreeSet<PathBuf> = self.specs.iter().cloned().collect();
        let generated = self.generate_reading(&mut read);
        for path in &read {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        let generated = generated?;
        let shown = match self.warnings {
            WarningsTo::Cargo => generated.warnings.as_slice(),
            WarningsTo::Nowhere => &[],
        };
        for warning in shown {
            // One line each: a message with a line break would end the directive early.
            println!(
                "cargo:warning={}",
                warning.to_string().replace(['\n', '\r'], " ")
            );
        }
        let dir = out_dir.join(module);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        for file in &generated.files {
            write_if_changed(&dir.join(&file.name), &file.text)?;
        }
        let declaring = out_dir.join(format!("{module}.rs"));
        let text = format!(
            "// Generated by restgen at build time.\n#[path = {:?}]\npub mod {module};\n",
            dir.join("mod.rs").display().to_string()
        );
        write_if_changed(&declaring, &text)?;
        Ok(declaring)
    }
}

fn write_if_changed(path: &Path, text: &str) -> Result<()> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| Error::io(path, e))
}
