//! Problems found in a spec or a config: each names the file and, past parsing, the JSON
//! pointer (or line and column) where it is.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in which file a problem is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file, as the user named it (or as a `$ref` reached it).
    pub file: PathBuf,
    /// A JSON pointer (`/paths/~1identities/post`), or `line L, column C` for parse errors.
    pub pointer: String,
}

impl Location {
    /// A location in `file` at `pointer`.
    pub fn new(file: &Path, pointer: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            pointer: pointer.into(),
        }
    }

    /// This location extended by one pointer segment (escaped per RFC 6901).
    pub fn join(&self, segment: impl fmt::Display) -> Self {
        use fmt::Write as _;
        let mut pointer = String::with_capacity(self.pointer.len() + 24);
        pointer.push_str(&self.pointer);
        pointer.push('/');
        let start = pointer.len();
        let _ = write!(pointer, "{segment}");
        // Escaped only when it must be (RFC 6901), without a copy otherwise.
        if pointer[start..].contains(['~', '/']) {
            let segment = pointer.split_off(start);
            pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
        }
        Self {
            file: self.file.clone(),
            pointer,
        }
    }
}

/// The last segment of a JSON pointer (or of a reference ending in one), unescaped: the name
/// a definition is known by (`#/definitions/A~1B` is `A/B`).
pub fn last_segment(pointer: &str) -> String {
    let last = pointer.rsplit('/').next().unwrap_or(pointer);
    last.replace("~1", "/").replace("~0", "~")
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = Printable(&self.file.display().to_string()).to_string();
        if self.pointer.starts_with("line ") {
            write!(f, "{file}:{}", Printable(&self.pointer))
        } else {
            write!(f, "{file}#{}", Printable(&self.pointer))
        }
    }
}

/// Text from a spec as it is printed in a message: control characters (line breaks, terminal
/// escapes) shown escaped, so a spec can neither rewrite a terminal nor add lines to a build
/// script's output (where a line can be a `cargo:` instruction).
pub struct Printable<'a>(pub &'a str);

impl fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

/// Everything that can stop generation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem in a spec, at a location.
    #[error("{location}: {}", Printable(message))]
    Spec {
        /// Where.
        location: Location,
        /// What.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", Printable(&path.display().to_string()))]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The generation config is wrong.
    #[error("{}: {}", Printable(&path.display().to_string()), Printable(message))]
    Config {
        /// The config file.
        path: PathBuf,
        /// What.
        message: String,
    },
    /// The emitted tokens did not form valid Rust (a generator bug, reported, never a panic).
    #[error("internal error emitting {what}: {message}")]
    Emit {
        /// The file being emitted.
        what: String,
        /// What syn said.
        message: String,
    },
}

impl Error {
    /// A spec error at `location`.
    pub fn spec(location: &Location, message: impl Into<String>) -> Self {
        Self::Spec {
            location: location.clone(),
            message: message.into(),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// A construct the generator met and did not use: reported, never silently dropped.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// Where.
    pub location: Location,
    /// What was not used, and what the generator did instead.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, Printable(&self.message))
    }
}

/// The result type of the generator.
pub type Result<T, E = Error> = std::result::Result<T, E>;
