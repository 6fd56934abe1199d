//! Scratch folders for the tests: made fresh, and removed when the test is done with them
//! (a failing test too, as its values are dropped while it unwinds).
#![allow(dead_code)] // each test file uses part of it

use std::ops::Deref;
use std::path::{Path, PathBuf};

/// A folder under the system's temporary folder, removed on drop.
pub struct Scratch(PathBuf);

impl Scratch {
    /// An empty folder named after the test and the process.
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("restgen-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a scratch folder");
        Self(dir)
    }

    /// A folder holding `files` (`(relative path, text)`).
    pub fn with_files(name: &str, files: &[(&str, &str)]) -> Self {
        let scratch = Self::new(name);
        for (file, text) in files {
            let path = scratch.0.join(file);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
            std::fs::write(path, text).expect("write a file");
        }
        scratch
    }
}

impl Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A file inside a scratch folder, which lives as long as the path is held.
pub struct ScratchFile {
    _dir: Scratch,
    path: PathBuf,
}

impl ScratchFile {
    /// The first of `files`, written into a fresh folder.
    pub fn first_of(name: &str, files: &[(&str, &str)]) -> Self {
        let dir = Scratch::with_files(name, files);
        let path = dir.join(files[0].0);
        Self { _dir: dir, path }
    }
}

impl Deref for ScratchFile {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.path
    }
}
