//! body-array.json and body-dictionary.json: arrays and maps of every primitive format, of
//! models, of arrays and of maps. Null items read as `None` where the spec says they may be
//! (`x-nullable`) and are decode errors where it does not; an item of the wrong type is a
//! decode error; special formats (dates, RFC 1123, durations, base64, base64url) hold inside
//! the containers both ways.

use std::collections::BTreeMap;

use conformance::clients::{body_array, body_dictionary};
use conformance::harness::options;
use restgen_runtime::{Credential, Date, ErrorKind, IsoDuration, OffsetDateTime, Result};

use crate::{Scenario, Server, check_eq, ok, scenario};

/// Fails unless the call failed to decode what the server sent.
fn decode_error<T: std::fmt::Debug>(result: Result<T>) -> std::result::Result<(), String> {
    match result {
        Err(e) if e.kind() == ErrorKind::Decode => Ok(()),
        Err(e) => Err(format!("expected a decode error, got {e}")),
        Ok(v) => Err(format!("expected a decode error, got {v:?}")),
    }
}

/// Scenarios whose call must fail to decode.
macro_rules! decode_errors {
    ($list:ident, $client:expr, $($name:literal => |$c:ident| $call:expr;)*) => {
        $(scenario!($list, $client, $name, |$c| { decode_error($call) });)*
    };
}

/// Scenarios whose call must return the value (built inside the scenario).
macro_rules! values {
    ($list:ident, $client:expr, $($name:literal => |$c:ident| $call:expr, $value:expr;)*) => {
        $(scenario!($list, $client, $name, |$c| {
            check_eq!(ok!($call), $value);
            Ok(())
        });)*
    };
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn map<V>(entries: impl IntoIterator<Item = (&'static str, V)>) -> BTreeMap<String, V> {
    entries
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

/// `{"0": a, "1": b, ...}`, as the dictionary service keys its values.
fn numbered<V>(values: impl IntoIterator<Item = V>) -> BTreeMap<String, V> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| (i.to_string(), v))
        .collect()
}

fn dates() -> Vec<Date> {
    ["2000-12-01", "1980-01-02", "1492-10-12"]
        .iter()
        .map(|d| restgen_runtime::wire::date::parse(d).expect("a date"))
        .collect()
}

fn date_times(texts: &[&str]) -> Vec<OffsetDateTime> {
    texts
        .iter()
        .map(|t| restgen_runtime::wire::rfc3339::parse(t).expect("a date-time"))
        .collect()
}

/// What the services send: offsets kept.
const DATE_TIMES: [&str; 3] = [
    "2000-12-01t00:00:01z",
    "1980-01-02T00:11:35+01:00",
    "1492-10-12T10:15:01-08:00",
];

/// What the array service expects back (the same instants in UTC, in its own fixture).
const PUT_DATE_TIMES: [&str; 3] = [
    "2000-12-01T00:00:01Z",
    "1980-01-02T00:11:35Z",
    "1492-10-12T10:15:01Z",
];

fn rfc1123s() -> Vec<OffsetDateTime> {
    [
        "Fri, 01 Dec 2000 00:00:01 GMT",
        "Wed, 02 Jan 1980 00:11:35 GMT",
        "Wed, 12 Oct 1492 10:15:01 GMT",
    ]
    .iter()
    .map(|t| restgen_runtime::wire::rfc1123::parse(t).expect("a date-time"))
    .collect()
}

fn durations() -> Vec<IsoDuration> {
    ["P123DT22H14M12.011S", "P5DT1H"]
        .iter()
        .map(|d| d.parse().expect("a duration"))
        .collect()
}

fn byte_values() -> Vec<Vec<u8>> {
    vec![vec![255, 255, 255, 250], vec![1, 2, 3], vec![37, 41, 67]]
}

fn base64url_values() -> Vec<Vec<u8>> {
    [
        "a string that gets encoded with base64url",
        "test string",
        "Lorem ipsum",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

const UUIDS: [&str; 3] = [
    "6dcc7237-45fe-45c4-8a6b-3a8a3f625652",
    "d1399005-30f7-40d6-8da6-dd7c89ad34db",
    "f42f6aa1-a5bc-4ddf-907e-5f915de43205",
];

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let mut v: Vec<Scenario> = Vec::new();
    array_primitives(&mut v, s);
    array_formats(&mut v, s);
    array_containers(&mut v, s);
    dictionary_primitives(&mut v, s);
    dictionary_formats(&mut v, s);
    dictionary_containers(&mut v, s);
    v
}

fn array_client(s: &Server) -> body_array::AutoRestSwaggerBatArrayServiceClient {
    body_array::AutoRestSwaggerBatArrayServiceClient::new(&s.url, Credential::Anonymous, options())
        .expect("client")
}

fn array_primitives(v: &mut Vec<Scenario>, s: &Server) {
    use body_array::{FooEnum, GetStringEnumValidResponseItem, PutStringEnumValidBodyItem};
    let c = array_client(s);
    values!(v, c,
        "getArrayEmpty" => |c| c.get_empty().await, Vec::<i32>::new();
        "putArrayEmpty" => |c| c.put_empty(&[]).await, ();
        "getArrayBooleanValid" => |c| c.get_boolean_tfft().await, [true, false, false, true];
        "putArrayBooleanValid" => |c| c.put_boolean_tfft(&[true, false, false, true]).await, ();
        "getArrayIntegerValid" => |c| c.get_integer_valid().await, [1, -1, 3, 300];
        "putArrayIntegerValid" => |c| c.put_integer_valid(&[1, -1, 3, 300]).await, ();
        "getArrayLongValid" => |c| c.get_long_valid().await, [1, -1, 3, 300];
        "putArrayLongValid" => |c| c.put_long_valid(&[1, -1, 3, 300]).await, ();
        "getArrayFloatValid" => |c| c.get_float_valid().await, [0.0, -0.01, -1.2e20];
        "putArrayFloatValid" => |c| c.put_float_valid(&[0.0, -0.01, -1.2e20]).await, ();
        "getArrayDoubleValid" => |c| c.get_double_valid().await, [0.0, -0.01, -1.2e20];
        "putArrayDoubleValid" => |c| c.put_double_valid(&[0.0, -0.01, -1.2e20]).await, ();
        "getArrayStringValid" => |c| c.get_string_valid().await, strings(&["foo1", "foo2", "foo3"]);
        "putArrayStringValid" => |c| c.put_string_valid(&strings(&["foo1", "foo2", "foo3"])).await, ();
        // The spec marks these items nullable.
        "getArrayStringWithNull" => |c| c.get_string_with_null().await,
            [Some("foo".to_owned()), None, Some("foo2".to_owned())];
        "getArrayEnumValid" => |c| c.get_enum_valid().await, [FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3];
        "putArrayEnumValid" => |c| c.put_enum_valid(&[FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3]).await, ();
        "getArrayStringEnumValid" => |c| c.get_string_enum_valid().await, [
            GetStringEnumValidResponseItem::Foo1,
            GetStringEnumValidResponseItem::Foo2,
            GetStringEnumValidResponseItem::Foo3,
        ];
        "putArrayStringEnumValid" => |c| c.put_string_enum_valid(&[
            PutStringEnumValidBodyItem::Foo1,
            PutStringEnumValidBodyItem::Foo2,
            PutStringEnumValidBodyItem::Foo3,
        ]).await, ();
        // `format: uuid` is text: what the service sends is what the caller gets.
        "getArrayUuidValid" => |c| c.get_uuid_valid().await, strings(&UUIDS);
        "putArrayUuidValid" => |c| c.put_uuid_valid(&strings(&UUIDS)).await, ();
        "getArrayUuidWithInvalidChars" => |c| c.get_uuid_invalid_chars().await,
            strings(&[UUIDS[0], "foo"]);
    );
    // No body, a cut-short body, nulls the spec does not allow, items of the wrong type.
    decode_errors!(v, c,
        "getArrayNull" => |c| c.get_null().await;
        "getArrayInvalid" => |c| c.get_invalid().await;
        "getArrayBooleanWithNull" => |c| c.get_boolean_invalid_null().await;
        "getArrayBooleanWithString" => |c| c.get_boolean_invalid_string().await;
        "getArrayIntegerWithNull" => |c| c.get_int_invalid_null().await;
        "getArrayIntegerWithString" => |c| c.get_int_invalid_string().await;
        "getArrayLongWithNull" => |c| c.get_long_invalid_null().await;
        "getArrayLongWithString" => |c| c.get_long_invalid_string().await;
        "getArrayFloatWithNull" => |c| c.get_float_invalid_null().await;
        "getArrayFloatWithString" => |c| c.get_float_invalid_string().await;
        "getArrayDoubleWithNull" => |c| c.get_double_invalid_null().await;
        "getArrayDoubleWithString" => |c| c.get_double_invalid_string().await;
        "getArrayStringWithNumber" => |c| c.get_string_with_invalid().await;
    );
}

fn array_formats(v: &mut Vec<Scenario>, s: &Server) {
    let c = array_client(s);
    values!(v, c,
        "getArrayDateValid" => |c| c.get_date_valid().await, dates();
        "putArrayDateValid" => |c| c.put_date_valid(&dates()).await, ();
        "getArrayDateTimeValid" => |c| c.get_date_time_valid().await, date_times(&DATE_TIMES);
        "putArrayDateTimeValid" => |c| c.put_date_time_valid(&date_times(&PUT_DATE_TIMES)).await, ();
        "getArrayDateTimeRfc1123Valid" => |c| c.get_date_time_rfc1123_valid().await, rfc1123s();
        "putArrayDateTimeRfc1123Valid" => |c| c.put_date_time_rfc1123_valid(&rfc1123s()).await, ();
        // The service sends `P5DT1H0M0S`; it is sent back as `P5DT1H`, as it expects.
        "getArrayDurationValid" => |c| c.get_duration_valid().await, durations();
        "putArrayDurationValid" => |c| c.put_duration_valid(&durations()).await, ();
        "getArrayByteValid" => |c| c.get_byte_valid().await, byte_values();
        "putArrayByteValid" => |c| c.put_byte_valid(&byte_values()).await, ();
        "getArrayBase64Url" => |c| c.get_base64_url().await, base64url_values();
    );
    decode_errors!(v, c,
        "getArrayDateWithNull" => |c| c.get_date_invalid_null().await;
        "getArrayDateWithInvalidChars" => |c| c.get_date_invalid_chars().await;
        "getArrayDateTimeWithNull" => |c| c.get_date_time_invalid_null().await;
        "getArrayDateTimeWithInvalidChars" => |c| c.get_date_time_invalid_chars().await;
        "getArrayByteWithNull" => |c| c.get_byte_invalid_null().await;
    );
}

fn product(integer: i32, string: &str) -> body_array::Product {
    let mut p = body_array::Product::new();
    p.integer = Some(integer);
    p.string = Some(string.to_owned());
    p
}

fn string_lists() -> Vec<Vec<String>> {
    vec![
        strings(&["1", "2", "3"]),
        strings(&["4", "5", "6"]),
        strings(&["7", "8", "9"]),
    ]
}

fn string_maps() -> Vec<BTreeMap<String, String>> {
    vec![
        map([("1", "one"), ("2", "two"), ("3", "three")]),
        map([("4", "four"), ("5", "five"), ("6", "six")]),
        map([("7", "seven"), ("8", "eight"), ("9", "nine")]),
    ]
    .into_iter()
    .map(|m| m.into_iter().map(|(k, v)| (k, v.to_owned())).collect())
    .collect()
}

/// The first and last of three, the middle one replaced.
fn with_middle<T: Clone>(items: &[T], middle: T) -> Vec<T> {
    vec![items[0].clone(), middle, items[2].clone()]
}

fn array_containers(v: &mut Vec<Scenario>, s: &Server) {
    let c = array_client(s);
    let products = || vec![product(1, "2"), product(3, "4"), product(5, "6")];
    let some = |items: Vec<body_array::Product>| items.into_iter().map(Some).collect::<Vec<_>>();
    values!(v, c,
        "getArrayComplexEmpty" => |c| c.get_complex_empty().await, Vec::<body_array::Product>::new();
        "getArrayComplexItemNull" => |c| c.get_complex_item_null().await,
            with_middle(&some(products()), None);
        "getArrayComplexItemEmpty" => |c| c.get_complex_item_empty().await,
            with_middle(&products(), body_array::Product::new());
        "getArrayComplexValid" => |c| c.get_complex_valid().await, products();
        "putArrayComplexValid" => |c| c.put_complex_valid(&products()).await, ();
        "getArrayArrayEmpty" => |c| c.get_array_empty().await, Vec::<Vec<String>>::new();
        "getArrayArrayItemNull" => |c| c.get_array_item_null().await,
            with_middle(&string_lists().into_iter().map(Some).collect::<Vec<_>>(), None);
        "getArrayArrayItemEmpty" => |c| c.get_array_item_empty().await,
            with_middle(&string_lists(), Vec::new());
        "getArrayArrayValid" => |c| c.get_array_valid().await, string_lists();
        "putArrayArrayValid" => |c| c.put_array_valid(&string_lists()).await, ();
        "getArrayDictionaryEmpty" => |c| c.get_dictionary_empty().await,
            Vec::<BTreeMap<String, String>>::new();
        "getArrayDictionaryItemNull" => |c| c.get_dictionary_item_null().await,
            with_middle(&string_maps().into_iter().map(Some).collect::<Vec<_>>(), None);
        "getArrayDictionaryItemEmpty" => |c| c.get_dictionary_item_empty().await,
            with_middle(&string_maps(), BTreeMap::new());
        "getArrayDictionaryValid" => |c| c.get_dictionary_valid().await, string_maps();
        "putArrayDictionaryValid" => |c| c.put_dictionary_valid(&string_maps()).await, ();
    );
    // A missing body where an array is declared (not `x-nullable`): not an empty array.
    decode_errors!(v, c,
        "getArrayComplexNull" => |c| c.get_complex_null().await;
        "getArrayArrayNull" => |c| c.get_array_null().await;
        "getArrayDictionaryNull" => |c| c.get_dictionary_null().await;
    );
}

fn dictionary_client(s: &Server) -> body_dictionary::AutoRestSwaggerBatDictionaryServiceClient {
    body_dictionary::AutoRestSwaggerBatDictionaryServiceClient::new(
        &s.url,
        Credential::Anonymous,
        options(),
    )
    .expect("client")
}

fn dictionary_primitives(v: &mut Vec<Scenario>, s: &Server) {
    let c = dictionary_client(s);
    let tfft = || numbered([true, false, false, true]);
    let ints = || numbered([1, -1, 3, 300]);
    let longs = || numbered([1_i64, -1, 3, 300]);
    let floats = || numbered([0.0_f32, -0.01, -1.2e20]);
    let doubles = || numbered([0.0_f64, -0.01, -1.2e20]);
    let foos = || numbered(strings(&["foo1", "foo2", "foo3"]));
    values!(v, c,
        "getDictionaryEmpty" => |c| c.get_empty().await, BTreeMap::<String, i32>::new();
        "putDictionaryEmpty" => |c| c.put_empty(&BTreeMap::new()).await, ();
        "getDictionaryKeyEmptyString" => |c| c.get_empty_string_key().await,
            map([("", "val1".to_owned())]);
        "getDictionaryBooleanValid" => |c| c.get_boolean_tfft().await, tfft();
        "putDictionaryBooleanValid" => |c| c.put_boolean_tfft(&tfft()).await, ();
        "getDictionaryIntegerValid" => |c| c.get_integer_valid().await, ints();
        "putDictionaryIntegerValid" => |c| c.put_integer_valid(&ints()).await, ();
        "getDictionaryLongValid" => |c| c.get_long_valid().await, longs();
        "putDictionaryLongValid" => |c| c.put_long_valid(&longs()).await, ();
        "getDictionaryFloatValid" => |c| c.get_float_valid().await, floats();
        "putDictionaryFloatValid" => |c| c.put_float_valid(&floats()).await, ();
        "getDictionaryDoubleValid" => |c| c.get_double_valid().await, doubles();
        "putDictionaryDoubleValid" => |c| c.put_double_valid(&doubles()).await, ();
        "getDictionaryStringValid" => |c| c.get_string_valid().await, foos();
        "putDictionaryStringValid" => |c| c.put_string_valid(&foos()).await, ();
    );
    // This spec declares no nullable values: a null value is an error, as is a key that is not
    // a string (invalid JSON) and a value of the wrong type.
    decode_errors!(v, c,
        "getDictionaryNull" => |c| c.get_null().await;
        "getDictionaryInvalid" => |c| c.get_invalid().await;
        "getDictionaryNullValue" => |c| c.get_null_value().await;
        "getDictionaryNullkey" => |c| c.get_null_key().await;
        "getDictionaryBooleanWithNull" => |c| c.get_boolean_invalid_null().await;
        "getDictionaryBooleanWithString" => |c| c.get_boolean_invalid_string().await;
        "getDictionaryIntegerWithNull" => |c| c.get_int_invalid_null().await;
        "getDictionaryIntegerWithString" => |c| c.get_int_invalid_string().await;
        "getDictionaryLongWithNull" => |c| c.get_long_invalid_null().await;
        "getDictionaryLongWithString" => |c| c.get_long_invalid_string().await;
        "getDictionaryFloatWithNull" => |c| c.get_float_invalid_null().await;
        "getDictionaryFloatWithString" => |c| c.get_float_invalid_string().await;
        "getDictionaryDoubleWithNull" => |c| c.get_double_invalid_null().await;
        "getDictionaryDoubleWithString" => |c| c.get_double_invalid_string().await;
        "getDictionaryStringWithNull" => |c| c.get_string_with_null().await;
        "getDictionaryStringWithNumber" => |c| c.get_string_with_invalid().await;
    );
}

fn dictionary_formats(v: &mut Vec<Scenario>, s: &Server) {
    let c = dictionary_client(s);
    values!(v, c,
        "getDictionaryDateValid" => |c| c.get_date_valid().await, numbered(dates());
        "putDictionaryDateValid" => |c| c.put_date_valid(&numbered(dates())).await, ();
        "getDictionaryDateTimeValid" => |c| c.get_date_time_valid().await,
            numbered(date_times(&DATE_TIMES));
        // Sent back in UTC: the service compares instants.
        "putDictionaryDateTimeValid" => |c| c.put_date_time_valid(&numbered(date_times(&DATE_TIMES))).await, ();
        "getDictionaryDateTimeRfc1123Valid" => |c| c.get_date_time_rfc1123_valid().await, numbered(rfc1123s());
        "putDictionaryDateTimeRfc1123Valid" => |c| c.put_date_time_rfc1123_valid(&numbered(rfc1123s())).await, ();
        "getDictionaryDurationValid" => |c| c.get_duration_valid().await, numbered(durations());
        "putDictionaryDurationValid" => |c| c.put_duration_valid(&numbered(durations())).await, ();
        "getDictionaryByteValid" => |c| c.get_byte_valid().await, numbered(byte_values());
        "putDictionaryByteValid" => |c| c.put_byte_valid(&numbered(byte_values())).await, ();
        "getDictionaryBase64Url" => |c| c.get_base64_url().await, numbered(base64url_values());
    );
    decode_errors!(v, c,
        "getDictionaryDateWithNull" => |c| c.get_date_invalid_null().await;
        "getDictionaryDateWithInvalidChars" => |c| c.get_date_invalid_chars().await;
        "getDictionaryDateTimeWithNull" => |c| c.get_date_time_invalid_null().await;
        "getDictionaryDateTimeWithInvalidChars" => |c| c.get_date_time_invalid_chars().await;
        "getDictionaryByteWithNull" => |c| c.get_byte_invalid_null().await;
    );
}

fn widget(integer: i32, string: &str) -> body_dictionary::Widget {
    let mut w = body_dictionary::Widget::new();
    w.integer = Some(integer);
    w.string = Some(string.to_owned());
    w
}

fn dictionary_containers(v: &mut Vec<Scenario>, s: &Server) {
    let c = dictionary_client(s);
    let widgets = || vec![widget(1, "2"), widget(3, "4"), widget(5, "6")];
    values!(v, c,
        // The spec marks this map nullable: no body is `None`.
        "getDictionaryComplexNull" => |c| c.get_complex_null().await, None;
        "getDictionaryComplexEmpty" => |c| c.get_complex_empty().await, BTreeMap::new();
        "getDictionaryComplexItemNull" => |c| c.get_complex_item_null().await,
            numbered(with_middle(&widgets().into_iter().map(Some).collect::<Vec<_>>(), None));
        "getDictionaryComplexItemEmpty" => |c| c.get_complex_item_empty().await,
            numbered(with_middle(&widgets(), body_dictionary::Widget::new()));
        "getDictionaryComplexValid" => |c| c.get_complex_valid().await, numbered(widgets());
        "putDictionaryComplexValid" => |c| c.put_complex_valid(&numbered(widgets())).await, ();
        "getDictionaryArrayNull" => |c| c.get_array_null().await, None;
        "getDictionaryArrayEmpty" => |c| c.get_array_empty().await, BTreeMap::new();
        "getDictionaryArrayItemNull" => |c| c.get_array_item_null().await,
            numbered(with_middle(&string_lists().into_iter().map(Some).collect::<Vec<_>>(), None));
        "getDictionaryArrayItemEmpty" => |c| c.get_array_item_empty().await,
            numbered(with_middle(&string_lists(), Vec::new()));
        "getDictionaryArrayValid" => |c| c.get_array_valid().await, numbered(string_lists());
        "putDictionaryArrayValid" => |c| c.put_array_valid(&numbered(string_lists())).await, ();
        "getDictionaryDictionaryEmpty" => |c| c.get_dictionary_empty().await, BTreeMap::new();
        "getDictionaryDictionaryItemNull" => |c| c.get_dictionary_item_null().await,
            numbered(with_middle(&string_maps().into_iter().map(Some).collect::<Vec<_>>(), None));
        "getDictionaryDictionaryItemEmpty" => |c| c.get_dictionary_item_empty().await,
            numbered(with_middle(&string_maps(), BTreeMap::new()));
        "getDictionaryDictionaryValid" => |c| c.get_dictionary_valid().await, numbered(string_maps());
        "putDictionaryDictionaryValid" => |c| c.put_dictionary_valid(&numbered(string_maps())).await, ();
    );
    decode_errors!(v, c, "getDictionaryDictionaryNull" => |c| c.get_dictionary_null().await;);
}
