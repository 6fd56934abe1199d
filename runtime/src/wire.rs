//! Serde helpers for the wire formats generated models use.
//!
//! Each module works with `#[serde(with = "...")]`; each has an `option` submodule for
//! `Option<T>` fields (absent and `null` both read as `None`).

use serde::{Deserialize, Deserializer, Serializer, de::Error as _};
use time::OffsetDateTime;

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

/// RFC 3339 date-times. Reads any number of fractional digits (the service sends seven) and
/// `Z` or a numeric offset; writes UTC with `Z`.
pub mod rfc3339 {
    use super::*;
    use time::format_description::well_known::Rfc3339;

    /// Parses an RFC 3339 date-time, lenient about fractional digits and `t`/`z` case.
    pub fn parse(text: &str) -> Result<OffsetDateTime, String> {
        let upper;
        let text = if text.contains(['t', 'z']) {
            upper = text.to_ascii_uppercase();
            &upper
        } else {
            text
        };
        // time parses at most nine fractional digits; more precision than that is dropped.
        let trimmed = trim_fraction(text);
        OffsetDateTime::parse(trimmed.as_deref().unwrap_or(text), &Rfc3339)
            .map_err(|e| format!("`{text}` is not an RFC 3339 date-time: {e}"))
    }

    fn trim_fraction(text: &str) -> Option<String> {
        let dot = text.find('.')?;
        let digits = text[dot + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        (digits > 9).then(|| format!("{}{}", &text[..dot + 10], &text[dot + 1 + digits..]))
    }

    /// Formats in UTC with `Z`.
    pub fn format(value: OffsetDateTime) -> String {
        value
            .to_offset(time::UtcOffset::UTC)
            .format(&Rfc3339)
            .unwrap_or_default()
    }

    /// Serializes as RFC 3339.
    pub fn serialize<S: Serializer>(value: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(*value))
    }

    /// Deserializes from RFC 3339.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse(&text).map_err(D::Error::custom)
    }

    option_module!(time::OffsetDateTime);
}

/// RFC 1123 date-times (`Fri, 02 Oct 2020 12:00:00 GMT`), as HTTP headers carry them.
pub mod rfc1123 {
    use super::*;
    use time::format_description::FormatItem;
    use time::macros::format_description;

    const FORMAT: &[FormatItem<'static>] = format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );

    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];

    /// Formats in GMT. Written out by hand: it runs for every signed request.
    pub fn format(value: OffsetDateTime) -> String {
        use std::fmt::Write as _;
        let t = value.to_offset(time::UtcOffset::UTC);
        let mut out = String::with_capacity(29);
        let _ = write!(
            out,
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
            DAYS[t.weekday().number_days_from_monday() as usize],
            t.day(),
            MONTHS[t.month() as usize - 1],
            t.year(),
            t.hour(),
            t.minute(),
            t.second()
        );
        out
    }

    /// Parses `Fri, 02 Oct 2020 12:00:00 GMT`.
    pub fn parse(text: &str) -> Result<OffsetDateTime, String> {
        time::PrimitiveDateTime::parse(text.trim(), FORMAT)
            .map(|t| t.assume_utc())
            .map_err(|e| format!("`{text}` is not an RFC 1123 date-time: {e}"))
    }

    /// Serializes as RFC 1123.
    pub fn serialize<S: Serializer>(value: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(*value))
    }

    /// Deserializes from RFC 1123.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse(&text).map_err(D::Error::custom)
    }

    option_module!(time::OffsetDateTime);
}

/// Full dates (`2020-10-02`).
pub mod date {
    use super::*;
    use time::Date;
    use time::format_description::FormatItem;
    use time::macros::format_description;

    const FORMAT: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]");

    /// Formats as `YYYY-MM-DD`.
    pub fn format(value: Date) -> String {
        value.format(FORMAT).unwrap_or_default()
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, String> {
        Date::parse(text, FORMAT).map_err(|e| format!("`{text}` is not a date: {e}"))
    }

    /// Serializes as `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(value: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(*value))
    }

    /// Deserializes from `YYYY-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse(&text).map_err(D::Error::custom)
    }

    option_module!(time::Date);
}

/// ISO 8601 durations (`P1DT2H30M`, `PT0.5S`), as `std::time::Duration`. Years and months are
/// refused: they have no fixed length.
pub mod duration {
    use super::*;
    use std::time::Duration;

    /// Parses `PnDTnHnMnS` (and `PnW`).
    pub fn parse(text: &str) -> Result<Duration, String> {
        let bad = || format!("`{text}` is not an ISO 8601 duration");
        let rest = text.strip_prefix('P').ok_or_else(bad)?;
        if rest.is_empty() {
            return Err(bad());
        }
        let mut seconds = 0f64;
        let mut in_time = false;
        let mut number = String::new();
        for c in rest.chars() {
            match c {
                'T' if !in_time && number.is_empty() => in_time = true,
                '0'..='9' | '.' | ',' => number.push(if c == ',' { '.' } else { c }),
                unit => {
                    let n: f64 = number.parse().map_err(|_| bad())?;
                    number.clear();
                    seconds += n * match (in_time, unit) {
                        (false, 'W') => 604_800.0,
                        (false, 'D') => 86_400.0,
                        (true, 'H') => 3_600.0,
                        (true, 'M') => 60.0,
                        (true, 'S') => 1.0,
                        (false, 'Y' | 'M') => {
                            return Err(format!("`{text}`: years and months have no fixed length"));
                        }
                        _ => return Err(bad()),
                    };
                }
            }
        }
        if !number.is_empty() {
            return Err(bad());
        }
        Duration::try_from_secs_f64(seconds).map_err(|_| bad())
    }

    /// Formats as `PTnS` (or `PnDTnHnMnS` for long durations), without a fraction when whole.
    pub fn format(value: Duration) -> String {
        let total = value.as_secs();
        let (days, rem) = (total / 86_400, total % 86_400);
        let (hours, rem) = (rem / 3_600, rem % 3_600);
        let (minutes, secs) = (rem / 60, rem % 60);
        let nanos = value.subsec_nanos();
        let mut out = String::from("P");
        if days > 0 {
            out.push_str(&format!("{days}D"));
        }
        if hours > 0 || minutes > 0 || secs > 0 || nanos > 0 || days == 0 {
            out.push('T');
            if hours > 0 {
                out.push_str(&format!("{hours}H"));
            }
            if minutes > 0 {
                out.push_str(&format!("{minutes}M"));
            }
            if secs > 0 || nanos > 0 || (hours == 0 && minutes == 0) {
                if nanos > 0 {
                    let frac = format!("{nanos:09}");
                    out.push_str(&format!("{secs}.{}S", frac.trim_end_matches('0')));
                } else {
                    out.push_str(&format!("{secs}S"));
                }
            }
        }
        out
    }

    /// Serializes as ISO 8601.
    pub fn serialize<S: Serializer>(value: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(*value))
    }

    /// Deserializes from ISO 8601.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse(&text).map_err(D::Error::custom)
    }

    option_module!(std::time::Duration);
}

/// Standard base64 bytes (`format: byte`).
pub mod base64 {
    use super::*;
    use ::base64::Engine as _;
    use ::base64::engine::general_purpose::STANDARD;

    /// Encodes with padding.
    pub fn format(value: &[u8]) -> String {
        STANDARD.encode(value)
    }

    /// Decodes, padded or not.
    pub fn parse(text: &str) -> Result<Vec<u8>, String> {
        let trimmed = text.trim_end_matches('=');
        ::base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(trimmed)
            .map_err(|e| format!("not valid base64: {e}"))
    }

    /// Serializes as base64.
    pub fn serialize<S: Serializer>(value: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(value))
    }

    /// Deserializes from base64.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse(&text).map_err(D::Error::custom)
    }

    option_module!(Vec<u8>);
}

/// Base64url bytes without padding (`format: base64url`).
pub mod base64url {
    use super::*;
    use ::base64::Engine as _;
    use ::base64::engine::general_purpose::URL_SAFE_NO_PAD;

    /// Encodes without padding.
    pub fn format(value: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(value)
    }

    /// Decodes, padded or not.
    pub fn parse(text: &str) -> Result<Vec<u8>, String> {
        URL_SAFE_NO_PAD
            .decode(text.trim_end_matches('='))
            .map_err(|e| format!("not valid base64url: {e}"))
    }

    /// Serializes as base64url.
    pub fn serialize<S: Serializer>(value: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(value))
    }

    /// Deserializes from base64url.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse(&text).map_err(D::Error::custom)
    }

    option_module!(Vec<u8>);
}

/// Unix time in whole seconds (`format: unixtime`).
pub mod unix_time {
    use super::*;

    /// Serializes as seconds since the epoch.
    pub fn serialize<S: Serializer>(value: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(value.unix_timestamp())
    }

    /// Deserializes from seconds since the epoch.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        from_seconds(i64::deserialize(d)?).map_err(D::Error::custom)
    }

    /// The date-time `secs` seconds after the epoch; out of range is an error.
    pub fn from_seconds(secs: i64) -> Result<OffsetDateTime, String> {
        OffsetDateTime::from_unix_timestamp(secs)
            .map_err(|_| format!("{secs} is out of range for a unix time"))
    }

    /// Parses seconds since the epoch written as text (a header).
    pub fn parse(text: &str) -> Result<OffsetDateTime, String> {
        let secs = text
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("`{text}` is not a unix time in whole seconds"))?;
        from_seconds(secs)
    }

    option_module!(time::OffsetDateTime);
}

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
