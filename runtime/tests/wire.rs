//! The serde helpers against the formats the service sends.

use std::time::Duration;

use restgen_runtime::wire::{base64, base64url, date, duration, rfc1123, rfc3339};
use serde::{Deserialize, Serialize};

#[test]
fn rfc3339_reads_seven_digits_and_offsets() {
    let a = rfc3339::parse("2020-10-28T19:38:10.9160451+00:00").unwrap();
    let b = rfc3339::parse("2020-10-28T19:38:10.9160451Z").unwrap();
    assert_eq!(a, b);
    assert_eq!(a.nanosecond(), 916_045_100);
    let c = rfc3339::parse("2020-10-28t21:38:10.123456789012+02:00").unwrap();
    assert_eq!(rfc3339::format(c), "2020-10-28T19:38:10.123456789Z");
    assert!(rfc3339::parse("2020-10-28 19:38").is_err());
}

#[test]
fn rfc1123_round_trips() {
    let t = rfc1123::parse("Fri, 02 Oct 2020 12:00:00 GMT").unwrap();
    assert_eq!(rfc1123::format(t), "Fri, 02 Oct 2020 12:00:00 GMT");
    assert!(rfc1123::parse("2020-10-02").is_err());
}

#[test]
fn durations_dates_and_bytes() {
    assert_eq!(
        duration::parse("P1DT2H30M").unwrap().to_std(),
        Some(Duration::from_secs(95_400))
    );
    assert_eq!(
        duration::parse("PT0.5S").unwrap().to_std(),
        Some(Duration::from_millis(500))
    );
    assert_eq!(
        duration::format(Duration::from_secs(95_400).into()),
        "P1DT2H30M"
    );
    assert_eq!(
        duration::format(Duration::from_millis(1500).into()),
        "PT1.5S"
    );
    assert_eq!(duration::format(Duration::ZERO.into()), "PT0S");
    // Months have no fixed length: kept as written, with no std equivalent.
    let months = duration::parse("P1M").unwrap();
    assert_eq!((months.months, months.to_std()), (1, None));
    assert!(duration::parse("P").is_err());
    assert!(duration::parse("1D").is_err());
    assert_eq!(
        date::format(date::parse("2020-02-29").unwrap()),
        "2020-02-29"
    );
    assert!(date::parse("2020-02-30").is_err());
    assert_eq!(base64::parse("aGk=").unwrap(), b"hi");
    assert_eq!(base64::format(b"hi"), "aGk=");
    assert_eq!(base64url::format(&[0xfb, 0xff]), "-_8");
    assert_eq!(base64url::parse("-_8").unwrap(), [0xfb, 0xff]);
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Model {
    #[serde(with = "rfc3339")]
    at: time::OffsetDateTime,
    #[serde(
        default,
        with = "rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    until: Option<time::OffsetDateTime>,
}

#[test]
fn optional_fields_accept_null_and_absence() {
    let m: Model =
        serde_json::from_str(r#"{"at":"2020-10-28T19:38:10.9160451+00:00","until":null}"#).unwrap();
    assert_eq!(m.until, None);
    let m2: Model = serde_json::from_str(r#"{"at":"2020-10-28T19:38:10.9160451Z"}"#).unwrap();
    assert_eq!(m, m2);
    assert_eq!(
        serde_json::to_string(&m).unwrap(),
        r#"{"at":"2020-10-28T19:38:10.9160451Z"}"#
    );
}
