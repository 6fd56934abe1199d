#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

// This file is the crate's own: restgen wrote it once and never rewrites it. The
// generated code is under `generated/` (regenerated with `restgen generate`);
// hand-written modules go beside it and are declared here.

#[rustfmt::skip] // generated files keep the generator's layout
mod generated;

pub use generated::*;
