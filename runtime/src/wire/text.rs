//! Values read from text (headers): numbers and joined lists.

/// Numbers read from text (headers): a value that does not parse, or a float that is not finite
/// (`NaN`, `inf`), is refused.
pub mod number {
    /// Parses an integer or a finite float of type `T`.
    pub fn parse<T: std::str::FromStr + Finite>(text: &str) -> Result<T, String> {
        let value: T = text
            .trim()
            .parse()
            .map_err(|_| format!("`{text}` is not a number of the declared type"))?;
        if value.is_finite() {
            Ok(value)
        } else {
            Err(format!("`{text}` is not a finite number"))
        }
    }

    /// Whether a number is finite (integers always are).
    pub trait Finite {
        /// `false` for `NaN` and infinities.
        fn is_finite(&self) -> bool;
    }

    macro_rules! always_finite {
        ($($t:ty),*) => {$(impl Finite for $t { fn is_finite(&self) -> bool { true } })*};
    }
    always_finite!(i8, i16, i32, i64, u8, u16, u32, u64);

    impl Finite for f32 {
        fn is_finite(&self) -> bool {
            f32::is_finite(*self)
        }
    }

    impl Finite for f64 {
        fn is_finite(&self) -> bool {
            f64::is_finite(*self)
        }
    }
}

/// Lists joined into one text (a header's `a,b,c`).
pub mod list {
    /// Splits `text` on `separator` and parses each trimmed item with `item`; empty items are
    /// passed over.
    pub fn parse<T>(
        text: &str,
        separator: char,
        item: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        text.split(separator)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(item)
            .collect()
    }
}
