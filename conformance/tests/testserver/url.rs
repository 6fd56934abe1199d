//! url.json and url-multi-collectionFormat.json: path and query encoding of every primitive,
//! collection formats, and parameters declared at the path item and client level.

use conformance::clients::url::*;
use conformance::clients::url_multi_collection_format::{
    self, AutoRestUrlMutliCollectionFormatTestServiceClient,
};
use conformance::harness::options;
use restgen_runtime::{Credential, OffsetDateTime};

use crate::{Scenario, Server, scenario};

/// The server's multi-byte string (compatibility ideographs escaped, so no editor normalises
/// them away).
const MULTIBYTE: &str = "啊齄丂狛狜\u{f9f1}\u{f92c}\u{f9f1}\u{fa0c}\u{fa29}";
const ENCODED: &str = "begin!*'();:@ &=+$,/?#[]end";

fn client(s: &Server, global_query: Option<&str>) -> AutoRestUrlTestServiceClient {
    AutoRestUrlTestServiceClient::new(
        &s.url,
        "globalStringPath",
        global_query,
        Credential::Anonymous,
        options(),
    )
    .expect("client")
}

/// The server's array with its null item (the multi spec says its items may be null): a null
/// item is sent as nothing.
fn nullable_items() -> Vec<Option<String>> {
    vec![
        Some("ArrayQuery1".into()),
        Some(ENCODED.into()),
        None,
        Some(String::new()),
    ]
}

fn csv_items() -> Vec<String> {
    // The null item of the server's array is sent as an empty item.
    vec![
        "ArrayQuery1".into(),
        ENCODED.into(),
        String::new(),
        String::new(),
    ]
}

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c = client(s, Some("globalStringQuery"));
    let mut v: Vec<Scenario> = Vec::new();
    // Paths.
    scenario!(v, c, "UrlPathsBoolTrue", |c| c
        .paths_get_boolean_true()
        .await);
    scenario!(v, c, "UrlPathsBoolFalse", |c| c
        .paths_get_boolean_false()
        .await);
    scenario!(v, c, "UrlPathsIntPositive", |c| c
        .paths_get_int_one_million()
        .await);
    scenario!(v, c, "UrlPathsIntNegative", |c| c
        .paths_get_int_negative_one_million()
        .await);
    scenario!(v, c, "UrlPathsLongPositive", |c| c
        .paths_get_ten_billion()
        .await);
    scenario!(v, c, "UrlPathsLongNegative", |c| c
        .paths_get_negative_ten_billion()
        .await);
    scenario!(v, c, "UrlPathsFloatPositive", |c| c
        .paths_float_scientific_positive()
        .await);
    scenario!(v, c, "UrlPathsFloatNegative", |c| c
        .paths_float_scientific_negative()
        .await);
    scenario!(v, c, "UrlPathsDoublePositive", |c| c
        .paths_double_decimal_positive()
        .await);
    scenario!(v, c, "UrlPathsDoubleNegative", |c| c
        .paths_double_decimal_negative()
        .await);
    scenario!(v, c, "UrlPathsStringUnicode", |c| c
        .paths_string_unicode()
        .await);
    scenario!(v, c, "UrlPathsStringUrlEncoded", |c| c
        .paths_string_url_encoded()
        .await);
    scenario!(v, c, "UrlPathsStringUrlNonEncoded", |c| c
        .paths_string_url_non_encoded()
        .await);
    scenario!(v, c, "UrlPathsStringEmpty", |c| c
        .paths_string_empty()
        .await);
    scenario!(v, c, "UrlPathsEnumValid", |c| c
        .paths_enum_valid(UriColor::GreenColor)
        .await);
    scenario!(v, c, "UrlPathsByteMultiByte", |c| c
        .paths_byte_multi_byte(MULTIBYTE.as_bytes())
        .await);
    scenario!(v, c, "UrlPathsByteEmpty", |c| c.paths_byte_empty().await);
    scenario!(v, c, "UrlPathsDateValid", |c| c.paths_date_valid().await);
    scenario!(v, c, "UrlPathsDateTimeValid", |c| c
        .paths_date_time_valid()
        .await);
    scenario!(v, c, "UrlPathsStringBase64Url", |c| c
        .paths_base64_url(b"lorem")
        .await);
    scenario!(v, c, "UrlPathsArrayCSVInPath", |c| ({
        let items: Vec<String> = vec![
            "ArrayPath1".into(),
            ENCODED.into(),
            String::new(),
            String::new(),
        ];
        c.paths_array_csv_in_path(&items).await
    }));
    scenario!(v, c, "UrlPathsIntUnixTime", |c| ({
        c.paths_unix_time_url(OffsetDateTime::from_unix_timestamp(1_460_505_600).expect("a time"))
            .await
    }));
    // Queries.
    scenario!(v, c, "UrlQueriesBoolTrue", |c| c
        .queries_get_boolean_true()
        .await);
    scenario!(v, c, "UrlQueriesBoolFalse", |c| c
        .queries_get_boolean_false()
        .await);
    scenario!(v, c, "UrlQueriesBoolNull", |c| c
        .queries_get_boolean_null(None)
        .await);
    scenario!(v, c, "UrlQueriesIntPositive", |c| c
        .queries_get_int_one_million()
        .await);
    scenario!(v, c, "UrlQueriesIntNegative", |c| c
        .queries_get_int_negative_one_million()
        .await);
    scenario!(v, c, "UrlQueriesIntNull", |c| c
        .queries_get_int_null(None)
        .await);
    scenario!(v, c, "UrlQueriesLongPositive", |c| c
        .queries_get_ten_billion()
        .await);
    scenario!(v, c, "UrlQueriesLongNegative", |c| c
        .queries_get_negative_ten_billion()
        .await);
    scenario!(v, c, "UrlQueriesLongNull", |c| c
        .queries_get_long_null(None)
        .await);
    scenario!(v, c, "UrlQueriesFloatPositive", |c| c
        .queries_float_scientific_positive()
        .await);
    scenario!(v, c, "UrlQueriesFloatNegative", |c| c
        .queries_float_scientific_negative()
        .await);
    scenario!(v, c, "UrlQueriesFloatNull", |c| c
        .queries_float_null(None)
        .await);
    scenario!(v, c, "UrlQueriesDoublePositive", |c| c
        .queries_double_decimal_positive()
        .await);
    scenario!(v, c, "UrlQueriesDoubleNegative", |c| c
        .queries_double_decimal_negative()
        .await);
    scenario!(v, c, "UrlQueriesDoubleNull", |c| c
        .queries_double_null(None)
        .await);
    scenario!(v, c, "UrlQueriesStringUnicode", |c| c
        .queries_string_unicode()
        .await);
    scenario!(v, c, "UrlQueriesStringUrlEncoded", |c| c
        .queries_string_url_encoded()
        .await);
    scenario!(v, c, "UrlQueriesStringEmpty", |c| c
        .queries_string_empty()
        .await);
    scenario!(v, c, "UrlQueriesStringNull", |c| c
        .queries_string_null(None)
        .await);
    scenario!(v, c, "UrlQueriesEnumValid", |c| ({
        c.queries_enum_valid(Some(QueriesEnumValidOptions {
            enum_query: Some(UriColor::GreenColor),
        }))
        .await
    }));
    scenario!(v, c, "UrlQueriesEnumNull", |c| c
        .queries_enum_null(None)
        .await);
    scenario!(v, c, "UrlQueriesByteMultiByte", |c| ({
        let options = QueriesByteMultiByteOptions {
            byte_query: Some(MULTIBYTE.as_bytes().to_vec()),
        };
        c.queries_byte_multi_byte(Some(options)).await
    }));
    scenario!(v, c, "UrlQueriesByteEmpty", |c| c
        .queries_byte_empty()
        .await);
    scenario!(v, c, "UrlQueriesByteNull", |c| c
        .queries_byte_null(None)
        .await);
    scenario!(v, c, "UrlQueriesDateValid", |c| c
        .queries_date_valid()
        .await);
    scenario!(v, c, "UrlQueriesDateNull", |c| c
        .queries_date_null(None)
        .await);
    scenario!(v, c, "UrlQueriesDateTimeValid", |c| c
        .queries_date_time_valid()
        .await);
    scenario!(v, c, "UrlQueriesDateTimeNull", |c| c
        .queries_date_time_null(None)
        .await);
    scenario!(v, c, "UrlQueriesArrayCsvValid", |c| ({
        c.queries_array_string_csv_valid(Some(QueriesArrayStringCsvValidOptions {
            array_query: Some(csv_items()),
        }))
        .await
    }));
    scenario!(v, c, "UrlQueriesArrayCsvNull", |c| c
        .queries_array_string_csv_null(None)
        .await);
    scenario!(v, c, "UrlQueriesArrayCsvEmpty", |c| ({
        c.queries_array_string_csv_empty(Some(QueriesArrayStringCsvEmptyOptions {
            array_query: Some(Vec::new()),
        }))
        .await
    }));
    scenario!(v, c, "UrlQueriesArraySsvValid", |c| ({
        c.queries_array_string_ssv_valid(Some(QueriesArrayStringSsvValidOptions {
            array_query: Some(csv_items()),
        }))
        .await
    }));
    scenario!(v, c, "UrlQueriesArrayTsvValid", |c| ({
        c.queries_array_string_tsv_valid(Some(QueriesArrayStringTsvValidOptions {
            array_query: Some(csv_items()),
        }))
        .await
    }));
    scenario!(v, c, "UrlQueriesArrayPipesValid", |c| ({
        c.queries_array_string_pipes_valid(Some(QueriesArrayStringPipesValidOptions {
            array_query: Some(csv_items()),
        }))
        .await
    }));
    scenario!(v, c, "UrlQueriesArrayNoCollectionFormatValid", |c| ({
        let items = vec!["hello".to_owned(), "nihao".to_owned(), "bonjour".to_owned()];
        c.queries_array_string_no_collection_format_empty(Some(
            QueriesArrayStringNoCollectionFormatEmptyOptions {
                array_query: Some(items),
            },
        ))
        .await
    }));
    // Collection format multi.
    let m = AutoRestUrlMutliCollectionFormatTestServiceClient::new(
        &s.url,
        Credential::Anonymous,
        options(),
    )
    .expect("client");
    scenario!(v, m, "UrlQueriesArrayMultiNull", |m| m
        .array_string_multi_null(None)
        .await);
    scenario!(v, m, "UrlQueriesArrayMultiEmpty", |m| ({
        m.array_string_multi_empty(Some(
            url_multi_collection_format::ArrayStringMultiEmptyOptions {
                array_query: Some(Vec::new()),
            },
        ))
        .await
    }));
    scenario!(v, m, "UrlQueriesArrayMultiValid", |m| ({
        m.array_string_multi_valid(Some(
            url_multi_collection_format::ArrayStringMultiValidOptions {
                array_query: Some(nullable_items()),
            },
        ))
        .await
    }));
    // Parameters at the client, path item and operation level.
    scenario!(v, c, "UrlPathItemGetAll", |c| ({
        let options = GetAllWithValuesOptions {
            path_item_string_query: Some("pathItemStringQuery".into()),
            local_string_query: Some("localStringQuery".into()),
        };
        c.get_all_with_values("pathItemStringPath", "localStringPath", Some(options))
            .await
    }));
    let no_global = client(s, None);
    scenario!(v, no_global, "UrlPathItemGetGlobalNull", |c| ({
        let options = GetGlobalQueryNullOptions {
            path_item_string_query: Some("pathItemStringQuery".into()),
            local_string_query: Some("localStringQuery".into()),
        };
        c.get_global_query_null("pathItemStringPath", "localStringPath", Some(options))
            .await
    }));
    scenario!(v, no_global, "UrlPathItemGetGlobalAndLocalNull", |c| ({
        let options = GetGlobalAndLocalQueryNullOptions {
            path_item_string_query: Some("pathItemStringQuery".into()),
            local_string_query: None,
        };
        c.get_global_and_local_query_null("pathItemStringPath", "localStringPath", Some(options))
            .await
    }));
    scenario!(v, c, "UrlPathItemGetPathItemAndLocalNull", |c| ({
        c.get_local_path_item_query_null("pathItemStringPath", "localStringPath", None)
            .await
    }));
    v
}
