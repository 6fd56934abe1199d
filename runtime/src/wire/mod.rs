//! Serde helpers for the wire formats generated models use.
//!
//! Each format module (`rfc3339`, `date`, `base64`, ...) works with `#[serde(with = "...")]`
//! on a field of its type, and has an `option` submodule for `Option<T>` fields (absent and
//! `null` both read as `None`), a `parse` and a `format` for values in text (headers, query
//! parameters). [`format`](mod@format) composes the same formats for values inside arrays, maps and
//! nullable items (`Vec<Option<Date>>`), and for whole bodies.

/// The error of parsing a closed enum from a string that is none of its values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownEnumValue {
    /// The enum's name.
    pub enum_name: &'static str,
    /// The value that was given.
    pub value: String,
}

impl std::fmt::Display for UnknownEnumValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a value of {}", self.value, self.enum_name)
    }
}

impl std::error::Error for UnknownEnumValue {}

/// Generates `serialize`, `deserialize` and the `option` submodule of a format module whose
/// values (`Copy`) travel as JSON strings, from its `format` and `parse`.
macro_rules! text_format {
    ($ty:ty, $what:literal) => {
        /// Serializes as a JSON string.
        pub fn serialize<S: serde::Serializer>(value: &$ty, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&format(*value))
        }

        /// Deserializes from a JSON string.
        pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
            use serde::de::Error as _;
            let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
            parse(&text).map_err(D::Error::custom)
        }

        option_module!($ty);
    };
}

/// Generates the `option` submodule of a helper module from its `serialize` and `deserialize`.
macro_rules! option_module {
    ($ty:ty) => {
        /// The same format for `Option` fields; `null` and absent read as `None`.
        pub mod option {
            use serde::{Deserialize, Deserializer, Serializer};

            /// Serializes `Some` in the parent format and `None` as `null`.
            pub fn serialize<S: Serializer>(value: &Option<$ty>, s: S) -> Result<S::Ok, S::Error> {
                match value {
                    Some(v) => super::serialize(v, s),
                    None => s.serialize_none(),
                }
            }

            /// Deserializes `null` as `None`, anything else in the parent format.
            pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<$ty>, D::Error> {
                #[derive(Deserialize)]
                struct Wrap(#[serde(deserialize_with = "super::deserialize")] $ty);
                Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
            }
        }
    };
}

thread_local! {
    static WRITE_READ_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a read-only field is left out when its model is serialized: always, when it is
/// `None`, and outside [`with_read_only`] (the service sets those fields; a request never
/// carries them).
pub fn skip_read_only<T>(value: &Option<T>) -> bool {
    value.is_none() || !WRITE_READ_ONLY.with(std::cell::Cell::get)
}

/// Runs `f` with read-only fields serialized too: to compare a decoded response with the JSON
/// it came from, as the check against a spec's examples does.
pub fn with_read_only<R>(f: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            WRITE_READ_ONLY.with(|c| c.set(self.0));
        }
    }
    let _reset = Reset(WRITE_READ_ONLY.with(|c| c.replace(true)));
    f()
}

mod binary;
mod dates;
mod durations;
pub(crate) mod form;
pub mod format;
pub mod tagged;
mod text;

pub use binary::{base64, base64url};
pub use dates::{date, rfc1123, rfc3339, time_of_day, unix_time};
pub use durations::{IsoDuration, duration};
pub use text::{list, number};
