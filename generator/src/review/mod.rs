//! Reviewing a regeneration: the public API of a generated crate as a listing
//! ([`listing`]), and what changed between two listings with each change's semver effect
//! ([`changes`]).

pub mod changes;
pub mod listing;

pub use changes::{Change, ChangeKind, Effect, Report};
pub use listing::{ApiItem, ItemKind, Listing};
