//! The `restgen` command line: `generate`, `check`, and one-spec crates.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use restgen::generate;
use restgen::review::{self, Effect, Listing, Report};

/// Generation allocates and frees small values at a high rate (token streams, syntax trees):
/// mimalloc makes the command about a third faster than the system allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generates Rust clients from Swagger 2.0 and OpenAPI 3.0 descriptions of Azure-style REST APIs.
#[derive(Parser)]
#[command(name = "restgen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a crate's generated files: from a config (default: specs/generate.yaml, found from
    /// the current folder upwards), or a standalone crate from one spec with --spec and --out.
    Generate {
        /// The generation config.
        config: Option<PathBuf>,
        /// One spec file (Swagger 2.0 or OpenAPI 3.0, JSON or YAML) to turn into a crate.
        #[arg(long, requires = "out", conflicts_with = "config")]
        spec: Option<PathBuf>,
        /// Where to write the standalone crate.
        #[arg(long, requires = "spec")]
        out: Option<PathBuf>,
        /// The standalone crate's name (default: from the spec's file name).
        #[arg(long, requires = "spec")]
        crate_name: Option<String>,
        /// Depend on the runtime by path instead of by version.
        #[arg(long, requires = "spec")]
        runtime_path: Option<String>,
        /// The folder the spec's `$ref`s may read below (default: the spec's folder, or in the
        /// Azure layout the `specification/` folder above it).
        #[arg(long, requires = "spec")]
        spec_root: Option<PathBuf>,
        /// Offer `from_connection_string` (HMAC-SHA256 access keys, as Azure Communication
        /// Services use) even when the spec declares no such key.
        #[arg(long, requires = "spec")]
        connection_string: bool,
        /// A scope Entra ID tokens are requested for (repeatable), offering
        /// `with_token_credential` (default: the spec's OAuth2 scopes that are URIs).
        #[arg(long, requires = "spec")]
        scope: Vec<String>,
    },
    /// Generates in memory and fails with a unified diff when the files on disk differ.
    Check {
        /// The generation config (default: specs/generate.yaml, found upwards).
        config: Option<PathBuf>,
    },
    /// Lists what changed in the public API between two versions of a generated crate, each
    /// change classified as breaking, additive or without effect. Exits 1 when a change breaks.
    ApiDiff {
        /// The old version: a spec file, a generated crate's folder, or a `public-api.txt`.
        old: PathBuf,
        /// The new version, as the old one.
        new: PathBuf,
        /// Print the report as JSON, for tools.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, restgen::Error> {
    match command {
        Command::Generate {
            spec: Some(spec),
            out: Some(out),
            crate_name,
            runtime_path,
            spec_root,
            connection_string,
            scope,
            ..
        } => {
            let name = crate_name.unwrap_or_else(|| {
                let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
                restgen::ir::names::value_name(stem)
            });
            let load = restgen::load::LoadOptions {
                root: spec_root,
                ..Default::default()
            };
            let settings = restgen::config::Settings {
                connection_string: connection_string.then_some(true),
                scopes: (!scope.is_empty()).then_some(scope),
                ..Default::default()
            };
            let output =
                generate::standalone(&spec, &load, &settings, &name, runtime_path.as_deref())?;
            report_warnings(&output.warnings);
            let changes = generate::api_changes(&out, &output)?;
            let written = generate::write(&out, &output)?;
            report_api_changes(changes.as_ref());
            eprintln!(
                "restgen: crate `{name}` in {} ({} files, {written} changed)",
                out.display(),
                output.files.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate { config, .. } => {
            let config = find_config(config)?;
            let (dir, output) = generate::from_config(&config)?;
            report_warnings(&output.warnings);
            let changes = generate::api_changes(&dir, &output)?;
            let written = generate::write(&dir, &output)?;
            report_api_changes(changes.as_ref());
            eprintln!(
                "restgen: {} files from {} ({written} changed)",
                output.files.len(),
                config.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { config } => {
            let config = find_config(config)?;
            let (dir, output) = generate::from_config(&config)?;
            report_warnings(&output.warnings);
            let diffs = generate::check(&dir, &output);
            if diffs.is_empty() {
                eprintln!(
                    "restgen: {} files up to date with {}",
                    output.files.len(),
                    config.display()
                );
                Ok(ExitCode::SUCCESS)
            } else {
                for d in &diffs {
                    println!("{d}");
                }
                eprintln!(
                    "restgen: {} generated files differ from {}; run `restgen generate`",
                    diffs.len(),
                    config.display()
                );
                Ok(ExitCode::from(1))
            }
        }
        Command::ApiDiff { old, new, json } => {
            let report = Report::between(&listing_of(&old)?, &listing_of(&new)?);
            if json {
                println!("{}", report.json());
            } else {
                print!("{}", report.text());
            }
            Ok(if report.effect == Effect::Breaking {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// The public API of a spec (generated in memory), a crate folder or a listing file.
fn listing_of(path: &Path) -> Result<Listing, restgen::Error> {
    if path.is_dir() {
        return review::listing::read_crate(path);
    }
    let is_listing = path.extension().is_some_and(|e| e == "txt");
    if is_listing {
        let text = std::fs::read_to_string(path).map_err(|e| restgen::Error::io(path, e))?;
        return Listing::parse(&text, path);
    }
    generate::spec_listing(path, &Default::default())
}

/// After a regeneration, what it changed for users of the crate: the counts, and each change
/// that breaks.
fn report_api_changes(report: Option<&Report>) {
    let Some(report) = report.filter(|r| !r.is_empty()) else {
        return;
    };
    eprintln!("restgen: {}", report.summary());
    for c in report
        .changes
        .iter()
        .filter(|c| c.effect == Effect::Breaking)
    {
        eprintln!("  breaking: {} {}: {}", c.kind.word(), c.path, c.reason);
    }
}

fn report_warnings(warnings: &[restgen::Warning]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// The given config, or `specs/generate.yaml` in the current folder or the nearest parent.
fn find_config(given: Option<PathBuf>) -> Result<PathBuf, restgen::Error> {
    if let Some(p) = given {
        return Ok(p);
    }
    let start = std::env::current_dir().map_err(|e| restgen::Error::io(Path::new("."), e))?;
    for dir in start.ancestors() {
        let candidate = dir.join("specs").join("generate.yaml");
        if candidate.is_file() {
            // Relative to where the user stands, so messages and headers stay short.
            return Ok(pathdiff(&candidate, &start));
        }
    }
    Err(restgen::Error::Config {
        path: PathBuf::from("specs/generate.yaml"),
        message: "no config given and none found in this folder or above".into(),
    })
}

fn pathdiff(path: &Path, base: &Path) -> PathBuf {
    match path.strip_prefix(base) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => {
            let mut up = PathBuf::new();
            for dir in base.ancestors() {
                if let Ok(rel) = path.strip_prefix(dir) {
                    return up.join(rel);
                }
                up.push("..");
            }
            path.to_path_buf()
        }
    }
}
