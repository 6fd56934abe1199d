//! A client generated at build time: `build.rs` turns `specs/notes.yaml` into a module in
//! `OUT_DIR` with `restgen::build_script`, and this file includes it. Nothing generated is
//! committed; changing the spec regenerates the client on the next build.

include!(concat!(env!("OUT_DIR"), "/notes.rs"));

pub use notes::*;
