//! Wire formats as types, so they compose: `VecOf<Date>` is an array of `YYYY-MM-DD` strings,
//! `MapOf<Nullable<Base64>>` a map of base64 strings or `null`. serde's `with` cannot reach
//! into containers; a generated field names its format instead,
//! `#[serde(with = "wire::format::As::<VecOf<Date>>")]`, and a whole body is sent with
//! [`crate::Request::json_as`] and read with [`crate::Response::json_as`].

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How values of type `T` are written to and read from JSON.
pub trait Format<T> {
    /// Writes `value`.
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads a value.
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// The entry point for serde's `with`: `#[serde(with = "As::<F>")]` writes and reads a field
/// in format `F`.
pub struct As<F>(PhantomData<fn() -> F>);

impl<F> As<F> {
    /// Writes `value` in format `F`.
    pub fn serialize<T, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        F: Format<T>,
    {
        F::serialize(value, serializer)
    }

    /// Reads a value in format `F`.
    pub fn deserialize<'de, T, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>
    where
        F: Format<T>,
    {
        F::deserialize(deserializer)
    }
}

/// A borrowed value that serializes in format `F`.
pub struct Formatted<'a, F, T>(&'a T, PhantomData<fn() -> F>);

impl<'a, F: Format<T>, T> Formatted<'a, F, T> {
    /// Wraps `value`.
    pub fn new(value: &'a T) -> Self {
        Self(value, PhantomData)
    }
}

impl<F: Format<T>, T> Serialize for Formatted<'_, F, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        F::serialize(self.0, serializer)
    }
}

/// A value read in format `F`.
pub struct Parsed<F, T>(T, PhantomData<fn() -> F>);

impl<F, T> Parsed<F, T> {
    /// The value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<'de, F: Format<T>, T> Deserialize<'de> for Parsed<F, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        F::deserialize(deserializer).map(|v| Self(v, PhantomData))
    }
}

/// An array whose items are in format `F`.
pub struct VecOf<F>(PhantomData<fn() -> F>);

impl<F: Format<T>, T> Format<Vec<T>> for VecOf<F> {
    fn serialize<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(Formatted::<F, T>::new))
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        let items = Vec::<Parsed<F, T>>::deserialize(deserializer)?;
        Ok(items.into_iter().map(Parsed::into_inner).collect())
    }
}

/// A map with string keys whose values are in format `F`.
pub struct MapOf<F>(PhantomData<fn() -> F>);

impl<F: Format<T>, T> Format<BTreeMap<String, T>> for MapOf<F> {
    fn serialize<S: Serializer>(
        value: &BTreeMap<String, T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_map(value.iter().map(|(k, v)| (k, Formatted::<F, T>::new(v))))
    }

    fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<String, T>, D::Error> {
        let entries = BTreeMap::<String, Parsed<F, T>>::deserialize(deserializer)?;
        Ok(entries.into_iter().map(|(k, v)| (k, v.0)).collect())
    }
}

/// A value in format `F`, or `null` (`None`).
pub struct Nullable<F>(PhantomData<fn() -> F>);

impl<F: Format<T>, T> Format<Option<T>> for Nullable<F> {
    fn serialize<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => F::serialize(v, serializer),
            None => serializer.serialize_none(),
        }
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<Parsed<F, T>>::deserialize(deserializer)?.map(Parsed::into_inner))
    }
}

/// Implements [`Format`] for a marker type from a format module's `serialize` and
/// `deserialize`.
macro_rules! module_format {
    ($(#[$doc:meta])* $name:ident, $ty:ty, $module:ident) => {
        $(#[$doc])*
        pub struct $name;

        impl Format<$ty> for $name {
            fn serialize<S: Serializer>(value: &$ty, serializer: S) -> Result<S::Ok, S::Error> {
                super::$module::serialize(value, serializer)
            }

            fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                super::$module::deserialize(deserializer)
            }
        }
    };
}

module_format!(
    /// RFC 3339 date-times (`format: date-time`).
    Rfc3339,
    time::OffsetDateTime,
    rfc3339
);
module_format!(
    /// RFC 1123 date-times (`format: date-time-rfc1123`).
    Rfc1123,
    time::OffsetDateTime,
    rfc1123
);
module_format!(
    /// Unix time in seconds, a JSON number (`format: unixtime`).
    UnixTime,
    time::OffsetDateTime,
    unix_time
);
module_format!(
    /// Full dates (`format: date`).
    Date,
    time::Date,
    date
);
module_format!(
    /// Times of day (`format: time`).
    Time,
    time::Time,
    time_of_day
);
module_format!(
    /// ISO 8601 durations (`format: duration`).
    Duration,
    super::IsoDuration,
    duration
);
module_format!(
    /// Base64 bytes (`format: byte`).
    Base64,
    Vec<u8>,
    base64
);
module_format!(
    /// Base64url bytes (`format: base64url`).
    Base64Url,
    Vec<u8>,
    base64url
);

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Holder {
        #[serde(with = "As::<VecOf<Nullable<Date>>>")]
        dates: Vec<Option<time::Date>>,
        #[serde(with = "As::<MapOf<VecOf<Base64>>>")]
        bytes: BTreeMap<String, Vec<Vec<u8>>>,
    }

    #[test]
    fn formats_compose_inside_containers() {
        let json = r#"{"dates":["2020-10-02",null],"bytes":{"a":["AQI=",""]}}"#;
        let holder: Holder = serde_json::from_str(json).unwrap();
        assert_eq!(
            holder.dates,
            [
                Some(time::Date::from_calendar_date(2020, time::Month::October, 2).unwrap()),
                None
            ]
        );
        assert_eq!(holder.bytes["a"], [vec![1, 2], vec![]]);
        assert_eq!(serde_json::to_string(&holder).unwrap(), json);
    }

    #[test]
    fn a_bad_item_names_its_place() {
        let json = r#"{"dates":["2020-10-02","date"],"bytes":{}}"#;
        let mut de = serde_json::Deserializer::from_str(json);
        let err = serde_path_to_error::deserialize::<_, Holder>(&mut de).unwrap_err();
        assert_eq!(err.path().to_string(), "dates[1]");
        assert!(err.inner().to_string().contains("`date` is not a date"));
    }
}
