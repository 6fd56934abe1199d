//! `restgen`: generates Rust clients from Swagger 2.0 and OpenAPI 3.0 descriptions of
//! Azure-style REST APIs.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`load`]: JSON or YAML files, byte-order marks, `$ref`s across files;
//! 2. [`frontend`]: Swagger 2.0 through a typed model, OpenAPI 3.0 through `openapiv3`;
//! 3. [`ir`]: the resolved intermediate representation (final names, types, operations);
//! 4. [`emit`]: Rust source through `quote!`, `syn` and `prettyplease`.
//!
//! [`config`] reads the generation config; [`generate`] ties the stages together and writes or
//! checks a crate; [`build_script`] does the same from a `build.rs`; [`review`] lists a
//! generated crate's public API and classifies what changed between two versions of it.

pub mod build_script;
pub mod config;
pub mod emit;
pub mod error;
pub mod frontend;
pub mod generate;
pub mod ir;
pub mod load;
pub mod review;

pub use error::{Error, Location, Result, Warning};
