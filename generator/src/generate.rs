//! Ties the stages together: spec → IR → files, then writes them or compares them with what is
//! on disk.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::config::{Config, CrateLayout};
use crate::emit::{self, Provenance};
use crate::error::{Error, Result, Warning};
use crate::frontend;
use crate::ir::build::build;
use crate::ir::{Api, names};
use crate::load::{LoadOptions, Loader};
use crate::review::Report;
use crate::review::listing::{self, Listing};

/// Generated files, by path relative to the crate folder, and the warnings met on the way.
#[derive(Debug, Default)]
pub struct Output {
    /// `src/lib.rs`, `src/identity/client.rs`, ...
    pub files: BTreeMap<PathBuf, String>,
    /// Files written only where none exists, then the crate's own (a nested layout's
    /// `src/lib.rs`): never overwritten, never checked.
    pub starters: BTreeMap<PathBuf, String>,
    /// The module folders the generator owns (stale files in them are removed or reported).
    pub owned_dirs: Vec<PathBuf>,
    /// Constructs met and not used.
    pub warnings: Vec<Warning>,
}

/// Reads one spec into the IR, with the default load options; returns the IR, the spec's
/// SHA-256 and the warnings.
pub fn api(spec: &Path, settings: &Settings) -> Result<(Api, String, Vec<Warning>)> {
    api_with(spec, &LoadOptions::default(), settings)
}

/// Reads one spec into the IR, reading its `$ref`s as `load` allows. Every error and warning
/// points into the file the user wrote (an OpenAPI 3.0 document's own pointers).
pub fn api_with(
    spec: &Path,
    load: &LoadOptions,
    settings: &Settings,
) -> Result<(Api, String, Vec<Warning>)> {
    api_reading(spec, load, settings, &mut BTreeSet::new())
}

/// [`api_with`], adding to `read` every file it reads (the spec and its `$ref`s' files), also
/// when it fails.
pub(crate) fn api_reading(
    spec: &Path,
    load: &LoadOptions,
    settings: &Settings,
    read: &mut BTreeSet<PathBuf>,
) -> Result<(Api, String, Vec<Warning>)> {
    let mut loader = Loader::with_options(load.clone());
    let built = frontend::load(&mut loader, spec).and_then(|_| build(&mut loader, spec, settings));
    read.insert(spec.to_path_buf());
    read.extend(loader.paths().map(Path::to_path_buf));
    let (api, mut warnings) = built.map_err(|e| match e {
        Error::Spec { location, message } => Error::Spec {
            location: loader.original_location(&location),
            message,
        },
        other => other,
    })?;
    for w in &mut warnings {
        w.location = loader.original_location(&w.location);
    }
    warnings.sort();
    warnings.dedup();
    let sha = loader
        .document(spec)
        .map(|d| d.sha256.clone())
        .unwrap_or_default();
    Ok((api, sha, warnings))
}

/// Reads several versions of one API (oldest first) into one merged IR (see
/// [`crate::ir::merge`]); returns it with each spec's SHA-256 and every warning.
pub fn merged_api(
    specs: &[PathBuf],
    load: &LoadOptions,
    settings: &Settings,
) -> Result<(Api, Vec<String>, Vec<Warning>)> {
    merged_reading(specs, load, settings, &mut BTreeSet::new())
}

/// [`merged_api`], adding to `read` every file it reads.
pub(crate) fn merged_reading(
    specs: &[PathBuf],
    load: &LoadOptions,
    settings: &Settings,
    read: &mut BTreeSet<PathBuf>,
) -> Result<(Api, Vec<String>, Vec<Warning>)> {
    let mut versions: Vec<Api> = Vec::new();
    let mut shas = Vec::new();
    let mut warnings = Vec::new();
    // Newest first: an older version's type that a newer one defines differently is built
    // again under a name of its own (`PagingResultV100` beside `PagingResult`).
    for spec in specs.iter().rev() {
        let (mut api, mut sha, mut w) = api_reading(spec, load, settings, read)?;
        let clashes: BTreeSet<String> = versions
            .iter()
            .flat_map(|newer| crate::ir::merge::conflicts(&api, newer))
            .collect();
        if !clashes.is_empty() {
            let suffix = crate::ir::names::type_name(&format!("v{}", api.api_version));
            let mut renamed = settings.clone();
            renamed
                .type_renames
                .extend(clashes.iter().map(|n| (n.clone(), format!("{n}{suffix}"))));
            (api, sha, w) = api_reading(spec, load, &renamed, read)?;
        }
        versions.insert(0, api);
        shas.insert(0, sha);
        warnings.extend(w);
    }
    let newest = specs.last().cloned().unwrap_or_default();
    let (api, merge_warnings) = crate::ir::merge::merge(versions);
    warnings.extend(merge_warnings.into_iter().map(|message| Warning {
        location: crate::error::Location::new(&newest, String::new()),
        message,
    }));
    Ok((api, shas, warnings))
}

/// Generates every module a config lists. Paths in the output are relative to the crate folder.
pub fn from_config(config_path: &Path) -> Result<(PathBuf, Output)> {
    let config = Config::read(config_path)?;
    let base = config_path.parent().unwrap_or(Path::new(""));
    let crate_dir = base.join(&config.krate.output);
    let mut out = Output::default();
    let src = match config.krate.layout {
        CrateLayout::Flat => PathBuf::from("src"),
        CrateLayout::Nested => PathBuf::from("src/generated"),
    };
    let mut modules = Vec::new();
    let mut provenance = Vec::new();
    let mut type_depth = 0;
    let mut apis = Vec::new();
    for entry in &config.apis {
        let spec = base.join(&entry.spec);
        // Earlier versions of the API, if any, merge with it into one client.
        let mut specs: Vec<PathBuf> = entry
            .earlier_versions
            .iter()
            .map(|p| base.join(p))
            .collect();
        specs.push(spec);
        let (api, shas, warnings) =
            merged_api(&specs, &entry.load_options(base), &entry.settings())?;
        let sha256 = shas.last().cloned().unwrap_or_default();
        out.warnings.extend(warnings);
        type_depth = type_depth.max(api.type_depth);
        // Named by the config's folder and the spec's path inside it: no machine paths.
        let folder = base
            .canonicalize()
            .ok()
            .and_then(|b| b.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let spec_name = Path::new(&folder).join(&entry.spec);
        let prov = Provenance {
            spec: spec_name.display().to_string().replace('\\', "/"),
            sha256,
        };
        let dir = src.join(&entry.module);
        for file in emit::api(&api, &prov)? {
            out.files.insert(dir.join(&file.name), file.text);
        }
        out.owned_dirs.push(dir);
        modules.push(emit::LibModule {
            name: entry.module.clone(),
            title: emit::module_title(&api),
            feature: entry.feature.clone(),
        });
        provenance.push(prov);
        apis.push((entry.module.as_str(), entry.feature.as_deref(), api));
    }
    let with_examples: Vec<(&str, Option<&str>, &Api)> =
        apis.iter().map(|(m, f, a)| (*m, *f, a)).collect();
    if let Some(files) = emit::example_tests(&config.krate.name, &with_examples, &provenance)? {
        out.files.extend(files);
        out.owned_dirs.push(PathBuf::from("tests/spec_examples"));
    }
    let readme = config.krate.readme.as_ref().map(|r| format!("../{r}"));
    match config.krate.layout {
        CrateLayout::Flat => {
            let root = emit::Root::Crate {
                readme: readme.as_deref(),
            };
            let lib = emit::lib(&modules, root, &provenance, type_depth)?;
            out.files.insert(PathBuf::from("src/lib.rs"), lib);
        }
        CrateLayout::Nested => {
            let root = emit::lib(&modules, emit::Root::Module, &provenance, type_depth)?;
            out.files.insert(src.join("mod.rs"), root);
            out.starters.insert(
                PathBuf::from("src/lib.rs"),
                starter_lib(readme.as_deref(), type_depth),
            );
        }
    }
    add_listing(&mut out)?;
    Ok((crate_dir, out))
}

/// The first `src/lib.rs` of a nested crate, the crate's own from then on: its docs, the
/// generated module re-exported at the root, and room for hand-written modules.
fn starter_lib(readme: Option<&str>, type_depth: usize) -> String {
    let mut text = String::new();
    if let Some(readme) = readme {
        text.push_str(&format!("#![doc = include_str!({readme:?})]\n"));
    }
    if type_depth > crate::ir::build::RUSTC_SAFE_DEPTH {
        let n = emit::recursion_limit(type_depth);
        text.push_str(&format!("#![recursion_limit = \"{n}\"]\n"));
    }
    text.push_str(
        "#![forbid(unsafe_code)]\n\n\
         // This file is the crate's own: restgen wrote it once and never rewrites it. The\n\
         // generated code is under `generated/` (regenerated with `restgen generate`);\n\
         // hand-written modules go beside it and are declared here.\n\n\
         #[rustfmt::skip] // generated files keep the generator's layout\n\
         mod generated;\n\n\
         pub use generated::*;\n",
    );
    text
}

/// Adds `public-api.txt`, the listing of the public API the generated sources make, so that
/// every change users see shows in review. A nested layout's `generated` module is re-exported
/// at the crate root: its items are listed by the paths users write.
fn add_listing(out: &mut Output) -> Result<()> {
    let listing = Listing::from_sources(out.files.iter().map(|(path, text)| {
        let path = path
            .strip_prefix("src/generated")
            .map_or(path.clone(), |p| PathBuf::from("src").join(p));
        (path, text.as_str())
    }))?;
    out.files
        .insert(PathBuf::from(listing::FILE_NAME), listing.text());
    Ok(())
}

/// The public API one spec makes, its items under a module named `api` whatever the spec's file
/// is called, so that two versions of a spec compare item by item.
pub fn spec_listing(spec: &Path, load: &LoadOptions) -> Result<Listing> {
    let (api, sha256, _) = api_with(spec, load, &Settings::default())?;
    let prov = Provenance {
        spec: "api".into(),
        sha256,
    };
    let files: Vec<(PathBuf, String)> = emit::api(&api, &prov)?
        .into_iter()
        .map(|f| (Path::new("src/api").join(&f.name), f.text))
        .collect();
    Listing::from_sources(files.iter().map(|(p, t)| (p.as_path(), t.as_str())))
}

/// What the public API of the crate in `dir` was (its committed listing, or its sources), and
/// how `out` changes it. `None` when there is no crate there yet.
pub fn api_changes(dir: &Path, out: &Output) -> Result<Option<Report>> {
    if !dir.join("src").is_dir() {
        return Ok(None);
    }
    let old = listing::read_crate(dir)?;
    let new = match out.files.get(Path::new(listing::FILE_NAME)) {
        Some(text) => Listing::parse(text, Path::new(listing::FILE_NAME))?,
        None => Listing::from_sources(
            out.files
                .iter()
                .map(|(path, text)| (path.as_path(), text.as_str())),
        )?,
    };
    Ok(Some(Report::between(&old, &new)))
}

/// A complete standalone crate for one spec: `Cargo.toml` and `src/`.
pub fn standalone(
    spec: &Path,
    load: &LoadOptions,
    settings: &Settings,
    crate_name: &str,
    runtime_path: Option<&str>,
) -> Result<Output> {
    let (api, sha256, warnings) = api_with(spec, load, settings)?;
    let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
    let module = names::value_name(stem);
    let prov = Provenance {
        spec: spec
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("spec")
            .to_owned(),
        sha256,
    };
    let mut out = Output {
        warnings,
        ..Output::default()
    };
    let dir = PathBuf::from("src").join(&module);
    for file in emit::api(&api, &prov)? {
        out.files.insert(dir.join(&file.name), file.text);
    }
    out.owned_dirs.push(dir);
    let title = emit::module_title(&api);
    out.files.insert(
        PathBuf::from("src/lib.rs"),
        emit::lib(
            &[emit::LibModule {
                name: module.clone(),
                title,
                feature: None,
            }],
            emit::Root::Crate { readme: None },
            std::slice::from_ref(&prov),
            api.type_depth,
        )?,
    );
    let runtime = match runtime_path {
        Some(p) => format!("path = {:?}", p.replace('\\', "/")),
        None => format!("version = \"{}\"", env!("CARGO_PKG_VERSION")),
    };
    // The spec's examples, checked by `cargo test` in the new crate.
    let checks = emit::example_tests(
        crate_name,
        &[(module.as_str(), None, &api)],
        std::slice::from_ref(&prov),
    )?;
    let dev_dependencies = match checks {
        Some(files) => {
            out.files.extend(files);
            out.owned_dirs.push(PathBuf::from("tests/spec_examples"));
            format!(
                "\n[dev-dependencies]\nrestgen-runtime = {{ {runtime}, features = [\"testing\"] }}\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n"
            )
        }
        None => String::new(),
    };
    let manifest = format!(
        "# Generated by restgen {} from {}.\n[package]\nname = {:?}\nversion = \"0.1.0\"\nedition = \"2024\"\nrust-version = \"1.88\"\npublish = false\n\n[features]\n# Entra ID through the official Azure SDK: any `azure_core` token credential (azure_identity's)\n# can be given to `with_token_credential` as it is.\nazure_core = [\"restgen-runtime/azure_core\"]\n\n[dependencies]\nrestgen-runtime = {{ {runtime} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n{dev_dependencies}\n# A crate of its own, even when generated inside another workspace's folder.\n[workspace]\n",
        env!("CARGO_PKG_VERSION"),
        prov.spec,
        crate_name
    );
    out.files.insert(PathBuf::from("Cargo.toml"), manifest);
    add_listing(&mut out)?;
    Ok(out)
}

/// Writes the output under `dir`, removing `.rs` files the generator owns but no longer makes.
pub fn write(dir: &Path, out: &Output) -> Result<usize> {
    for stale in stale_files(dir, out) {
        std::fs::remove_file(dir.join(&stale)).map_err(|e| Error::io(&dir.join(&stale), e))?;
    }
    let mut written = 0;
    for (rel, text) in &out.starters {
        let path = dir.join(rel);
        if !path.exists() {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
            written += 1;
        }
    }
    for (rel, text) in &out.files {
        let path = dir.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written += 1;
    }
    Ok(written)
}

/// Compares the output with the files under `dir`: a unified diff per file that differs, is
/// missing, or is stale.
pub fn check(dir: &Path, out: &Output) -> Vec<String> {
    let mut diffs = Vec::new();
    for (rel, text) in &out.files {
        let path = dir.join(rel);
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        if on_disk != *text {
            let name = rel.display().to_string();
            diffs.push(
                similar::TextDiff::from_lines(on_disk.as_str(), text.as_str())
                    .unified_diff()
                    .context_radius(3)
                    .header(
                        &format!("a/{name} (on disk)"),
                        &format!("b/{name} (generated)"),
                    )
                    .to_string(),
            );
        }
    }
    for stale in stale_files(dir, out) {
        diffs.push(format!(
            "{} is not generated any more; remove it\n",
            stale.display()
        ));
    }
    diffs
}

fn stale_files(dir: &Path, out: &Output) -> Vec<PathBuf> {
    let mut stale = Vec::new();
    for owned in &out.owned_dirs {
        let Ok(entries) = std::fs::read_dir(dir.join(owned)) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| owned.join(e.file_name()))
            .filter(|p| p.extension().is_some_and(|x| x == "rs") && !out.files.contains_key(p))
            .collect();
        found.sort();
        stale.extend(found);
    }
    stale
}
