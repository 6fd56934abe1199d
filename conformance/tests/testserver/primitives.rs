//! Primitive bodies in every wire format: booleans, integers (and unix time), numbers, dates,
//! date-times (RFC 3339 and RFC 1123), durations, bytes and times of day; null, valid, and
//! malformed or out-of-range values, which must fail as decode errors, never as made-up values.

use conformance::clients::{
    body_boolean, body_byte, body_date, body_datetime, body_datetime_rfc1123, body_duration,
    body_integer, body_number, body_time,
};
use conformance::harness::options;
use restgen_runtime::{Credential, Date, ErrorKind, IsoDuration, OffsetDateTime, Result, Time};

use crate::{Scenario, Server, check_eq, ok, scenario};

/// Fails unless the call failed to decode what the server sent.
fn decode_error<T: std::fmt::Debug>(result: Result<T>) -> std::result::Result<(), String> {
    match result {
        Err(e) if e.kind() == ErrorKind::Decode => Ok(()),
        Err(e) => Err(format!("expected a decode error, got {e}")),
        Ok(v) => Err(format!("expected a decode error, got {v:?}")),
    }
}

/// One scenario per name whose call must fail to decode.
macro_rules! decode_errors {
    ($list:ident, $client:expr, $($name:literal => |$c:ident| $call:expr;)*) => {
        $(scenario!($list, $client, $name, |$c| { decode_error($call) });)*
    };
}

/// One scenario per name whose call must return the value.
macro_rules! values {
    ($list:ident, $client:expr, $($name:literal => |$c:ident| $call:expr, $value:expr;)*) => {
        $(scenario!($list, $client, $name, |$c| {
            check_eq!(ok!($call), $value);
            Ok(())
        });)*
    };
}

fn date(text: &str) -> Date {
    restgen_runtime::wire::date::parse(text).expect("a date")
}

fn rfc3339(text: &str) -> OffsetDateTime {
    restgen_runtime::wire::rfc3339::parse(text).expect("an RFC 3339 date-time")
}

fn rfc1123(text: &str) -> OffsetDateTime {
    restgen_runtime::wire::rfc1123::parse(text).expect("an RFC 1123 date-time")
}

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let mut v: Vec<Scenario> = Vec::new();
    booleans(&mut v, s);
    integers(&mut v, s);
    numbers(&mut v, s);
    dates(&mut v, s);
    date_times(&mut v, s);
    rfc1123_date_times(&mut v, s);
    durations_bytes_times(&mut v, s);
    v
}

fn booleans(v: &mut Vec<Scenario>, s: &Server) {
    use body_boolean::AutoRestBoolTestServiceClient as Client;
    let c = Client::new(&s.url, Credential::Anonymous, options()).expect("client");
    values!(v, c,
        "getBoolTrue" => |c| c.get_true().await, true;
        "getBoolFalse" => |c| c.get_false().await, false;
        "getBoolNull" => |c| c.get_null().await, None;
        "putBoolTrue" => |c| c.put_true().await, ();
        "putBoolFalse" => |c| c.put_false().await, ();
    );
    decode_errors!(v, c, "getBoolInvalid" => |c| c.get_invalid().await;);
}

fn integers(v: &mut Vec<Scenario>, s: &Server) {
    use body_integer::AutoRestIntegerTestServiceClient as Client;
    let c = Client::new(&s.url, Credential::Anonymous, options()).expect("client");
    let unix = OffsetDateTime::from_unix_timestamp(1_460_505_600).expect("a time");
    values!(v, c,
        "getIntegerNull" => |c| c.get_null().await, None;
        "putIntegerMax" => |c| c.put_max32(&i32::MAX).await, ();
        "putIntegerMin" => |c| c.put_min32(&i32::MIN).await, ();
        "putLongMax" => |c| c.put_max64(&i64::MAX).await, ();
        "putLongMin" => |c| c.put_min64(&i64::MIN).await, ();
        "getUnixTime" => |c| c.get_unix_time().await, unix;
        "putUnixTime" => |c| c.put_unix_time_date(&unix).await, ();
        "getNullUnixTime" => |c| c.get_null_unix_time().await, None;
    );
    // Past the declared width: refused, never wrapped or saturated.
    decode_errors!(v, c,
        "getIntegerInvalid" => |c| c.get_invalid().await;
        "getIntegerOverflow" => |c| c.get_overflow_int32().await;
        "getIntegerUnderflow" => |c| c.get_underflow_int32().await;
        "getLongOverflow" => |c| c.get_overflow_int64().await;
        "getLongUnderflow" => |c| c.get_underflow_int64().await;
        "getInvalidUnixTime" => |c| c.get_invalid_unix_time().await;
    );
}

fn numbers(v: &mut Vec<Scenario>, s: &Server) {
    use body_number::AutoRestNumberTestServiceClient as Client;
    let c = Client::new(&s.url, Credential::Anonymous, options()).expect("client");
    values!(v, c,
        "getNumberNull" => |c| c.get_null().await, None;
        "getFloatBigScientificNotation" => |c| c.get_big_float().await, 3.402823e20_f32;
        "putFloatBigScientificNotation" => |c| c.put_big_float(&3.402823e20).await, ();
        "getDoubleBigScientificNotation" => |c| c.get_big_double().await, 2.5976931e101;
        "putDoubleBigScientificNotation" => |c| c.put_big_double(&2.5976931e101).await, ();
        "getDoubleBigPositiveDecimal" => |c| c.get_big_double_positive_decimal().await, 99999999.99;
        "putDoubleBigPositiveDecimal" => |c| c.put_big_double_positive_decimal().await, ();
        "getDoubleBigNegativeDecimal" => |c| c.get_big_double_negative_decimal().await, -99999999.99;
        "putDoubleBigNegativeDecimal" => |c| c.put_big_double_negative_decimal().await, ();
        "getFloatSmallScientificNotation" => |c| c.get_small_float().await, 3.402823e-20;
        "putFloatSmallScientificNotation" => |c| c.put_small_float(&3.402823e-20).await, ();
        "getDoubleSmallScientificNotation" => |c| c.get_small_double().await, 2.5976931e-101;
        "putDoubleSmallScientificNotation" => |c| c.put_small_double(&2.5976931e-101).await, ();
        // Decimals are read as `f64`: these fit it exactly as the server writes them.
        "getDecimalBig" => |c| c.get_big_decimal().await, 2.5976931e101;
        "putDecimalBig" => |c| c.put_big_decimal(&2.5976931e101).await, ();
        "getDecimalBigPositiveDecimal" => |c| c.get_big_decimal_positive_decimal().await, 99999999.99;
        "putDecimalBigPositiveDecimal" => |c| c.put_big_decimal_positive_decimal().await, ();
        "getDecimalBigNegativeDecimal" => |c| c.get_big_decimal_negative_decimal().await, -99999999.99;
        "putDecimalBigNegativeDecimal" => |c| c.put_big_decimal_negative_decimal().await, ();
        "getDecimalSmall" => |c| c.get_small_decimal().await, 2.5976931e-101;
        "putDecimalSmall" => |c| c.put_small_decimal(&2.5976931e-101).await, ();
    );
    decode_errors!(v, c,
        "getFloatInvalid" => |c| c.get_invalid_float().await;
        "getDoubleInvalid" => |c| c.get_invalid_double().await;
        "getDecimalInvalid" => |c| c.get_invalid_decimal().await;
    );
}

fn dates(v: &mut Vec<Scenario>, s: &Server) {
    use body_date::AutoRestDateTestServiceClient as Client;
    let c = Client::new(&s.url, Credential::Anonymous, options()).expect("client");
    values!(v, c,
        "getDateNull" => |c| c.get_null().await, None;
        "getDateMax" => |c| c.get_max_date().await, date("9999-12-31");
        "putDateMax" => |c| c.put_max_date(&date("9999-12-31")).await, ();
        "getDateMin" => |c| c.get_min_date().await, date("0001-01-01");
        "putDateMin" => |c| c.put_min_date(&date("0001-01-01")).await, ();
    );
    decode_errors!(v, c,
        "getDateInvalid" => |c| c.get_invalid_date().await;
        "getDateOverflow" => |c| c.get_overflow_date().await;
        "getDateUnderflow" => |c| c.get_underflow_date().await;
    );
}

fn date_times(v: &mut Vec<Scenario>, s: &Server) {
    use body_datetime::AutoRestDateTimeTestServiceClient as Client;
    let c = Client::new(&s.url, Credential::Anonymous, options()).expect("client");
    let max = rfc3339("9999-12-31T23:59:59.999Z");
    let max7 = rfc3339("9999-12-31T23:59:59.9999999Z");
    let max_east = rfc3339("9999-12-31T23:59:59.999+14:00");
    // Past the end of year 9999 in UTC: kept in its own offset, and sent back in it.
    let max_west = rfc3339("9999-12-31T23:59:59.999-14:00");
    let min = rfc3339("0001-01-01T00:00:00Z");
    let min_east = rfc3339("0001-01-01T00:00:00+14:00");
    let min_west = rfc3339("0001-01-01T00:00:00-14:00");
    values!(v, c,
        "getDateTimeNull" => |c| c.get_null().await, None;
        "getDateTimeOverflow" => |c| c.get_overflow().await, max_west;
        "putDateTimeMaxUtc" => |c| c.put_utc_max_date_time(&max).await, ();
        "putDateTimeMaxUtc7MS" => |c| c.put_utc_max_date_time7_digits(&max7).await, ();
        "getDateTimeMaxUtcLowercase" => |c| c.get_utc_lowercase_max_date_time().await, max;
        "getDateTimeMaxUtcUppercase" => |c| c.get_utc_uppercase_max_date_time().await, max;
        "getDateTimeMaxUtc7MSUppercase" => |c| c.get_utc_uppercase_max_date_time7_digits().await, max7;
        "putDateTimeMaxLocalPositiveOffset" => |c| c.put_local_positive_offset_max_date_time(&max_east).await, ();
        "getDateTimeMaxLocalPositiveOffsetLowercase" => |c| c.get_local_positive_offset_lowercase_max_date_time().await, max_east;
        "getDateTimeMaxLocalPositiveOffsetUppercase" => |c| c.get_local_positive_offset_uppercase_max_date_time().await, max_east;
        "putDateTimeMaxLocalNegativeOffset" => |c| c.put_local_negative_offset_max_date_time(&max_west).await, ();
        "getDateTimeMaxLocalNegativeOffsetUppercase" => |c| c.get_local_negative_offset_uppercase_max_date_time().await, max_west;
        "getDateTimeMaxLocalNegativeOffsetLowercase" => |c| c.get_local_negative_offset_lowercase_max_date_time().await, max_west;
        "getDateTimeMinUtc" => |c| c.get_utc_min_date_time().await, min;
        "putDateTimeMinUtc" => |c| c.put_utc_min_date_time(&min).await, ();
        "getDateTimeMinLocalPositiveOffset" => |c| c.get_local_positive_offset_min_date_time().await, min_east;
        "putDateTimeMinLocalPositiveOffset" => |c| c.put_local_positive_offset_min_date_time(&min_east).await, ();
        "getDateTimeMinLocalNegativeOffset" => |c| c.get_local_negative_offset_min_date_time().await, min_west;
        "putDateTimeMinLocalNegativeOffset" => |c| c.put_local_negative_offset_min_date_time(&min_west).await, ();
        // No offset at all: read as UTC.
        "getDateTimeMinLocalNoOffset" => |c| c.get_local_no_offset_min_date_time().await, min;
    );
    decode_errors!(v, c,
        "getDateTimeInvalid" => |c| c.get_invalid().await;
        "getDateTimeUnderflow" => |c| c.get_underflow().await;
    );
}

fn rfc1123_date_times(v: &mut Vec<Scenario>, s: &Server) {
    use body_datetime_rfc1123::AutoRestRfc1123DateTimeTestServiceClient as Client;
    let c = Client::new(&s.url, Credential::Anonymous, options()).expect("client");
    let max = rfc1123("Fri, 31 Dec 9999 23:59:59 GMT");
    let min = rfc1123("Mon, 01 Jan 0001 00:00:00 GMT");
    values!(v, c,
        "getDateTimeRfc1123Null" => |c| c.get_null().await, None;
        "putDateTimeRfc1123Max" => |c| c.put_utc_max_date_time(&max).await, ();
        "getDateTimeRfc1123MaxUtcLowercase" => |c| c.get_utc_lowercase_max_date_time().await, max;
        "getDateTimeRfc1123MaxUtcUppercase" => |c| c.get_utc_uppercase_max_date_time().await, max;
        "getDateTimeRfc1123MinUtc" => |c| c.get_utc_min_date_time().await, min;
        "putDateTimeRfc1123Min" => |c| c.put_utc_min_date_time(&min).await, ();
    );
    decode_errors!(v, c,
        "getDateTimeRfc1123Invalid" => |c| c.get_invalid().await;
        "getDateTimeRfc1123Overflow" => |c| c.get_overflow().await;
        "getDateTimeRfc1123Underflow" => |c| c.get_underflow().await;
    );
}

fn durations_bytes_times(v: &mut Vec<Scenario>, s: &Server) {
    use body_duration::AutoRestDurationTestServiceClient as Durations;
    let c = Durations::new(&s.url, Credential::Anonymous, options()).expect("client");
    // Years and months are kept as the service wrote them.
    let p3y = IsoDuration {
        years: 3,
        months: 6,
        days: 4,
        time: std::time::Duration::from_secs(12 * 3_600 + 30 * 60 + 5),
        ..IsoDuration::default()
    };
    let positive: IsoDuration = "P123DT22H14M12.011S".parse().expect("a duration");
    values!(v, c,
        "getDurationNull" => |c| c.get_null().await, None;
        "getDurationPositive" => |c| c.get_positive_duration().await, p3y;
        "putDurationPositive" => |c| c.put_positive_duration(&positive).await, ();
    );
    decode_errors!(v, c, "getDurationInvalid" => |c| c.get_invalid().await;);

    use body_byte::AutoRestSwaggerBatByteServiceClient as Bytes;
    let c = Bytes::new(&s.url, Credential::Anonymous, options()).expect("client");
    const NON_ASCII: [u8; 10] = [0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0xFA, 0xF9, 0xF8, 0xF7, 0xF6];
    values!(v, c,
        "getByteEmpty" => |c| c.get_empty().await, Vec::<u8>::new();
        "getByteNonAscii" => |c| c.get_non_ascii().await, NON_ASCII.to_vec();
        "putByteNonAscii" => |c| c.put_non_ascii(&NON_ASCII).await, ();
    );
    // No body where bytes are declared (not `x-nullable`), and text that is not base64.
    decode_errors!(v, c,
        "getByteNull" => |c| c.get_null().await;
        "getByteInvalid" => |c| c.get_invalid().await;
    );

    use body_time::AutoRestTimeTestServiceClient as Times;
    let c = Times::new(&s.url, Credential::Anonymous, options()).expect("client");
    values!(v, c,
        "BodyTimeGet" => |c| c.get().await, Time::from_hms(11, 34, 56).expect("a time");
        "BodyTimePut" => |c| c.put(&Time::from_hms(8, 7, 56).expect("a time")).await, "Nice job posting time";
    );
}
