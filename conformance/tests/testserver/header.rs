//! header.json: header parameters and typed response headers of every primitive.

use std::time::Duration;

use conformance::clients::header::*;
use conformance::harness::options;
use restgen_runtime::{Credential, Date, Method, OffsetDateTime};

use crate::{Scenario, Server, check_eq, ok, scenario};

/// The server's multi-byte string (compatibility ideographs escaped).
const MULTIBYTE: &str = "啊齄丂狛狜\u{f9f1}\u{f92c}\u{f9f1}\u{fa0c}\u{fa29}";

fn date(text: &str) -> Date {
    restgen_runtime::wire::date::parse(text).expect("a date")
}

fn at(text: &str) -> OffsetDateTime {
    restgen_runtime::wire::rfc3339::parse(text).expect("a date-time")
}

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c = AutoRestSwaggerBatHeaderServiceClient::new(&s.url, Credential::Anonymous, options())
        .expect("client");
    let mut v: Vec<Scenario> = Vec::new();
    // Parameters.
    scenario!(v, c, "HeaderParameterExistingKey", |c| {
        ok!(c.param_existing_key("overwrite").await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterProtectedKey", |c| {
        ok!(c.param_protected_key("text/html").await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterIntegerPositive", |c| {
        ok!(c.param_integer("positive", 1).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterIntegerNegative", |c| {
        ok!(c.param_integer("negative", -2).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterLongPositive", |c| {
        ok!(c.param_long("positive", 105).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterLongNegative", |c| {
        ok!(c.param_long("negative", -2).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterFloatPositive", |c| {
        ok!(c.param_float("positive", 0.07).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterFloatNegative", |c| {
        ok!(c.param_float("negative", -3.0).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterDoublePositive", |c| {
        ok!(c.param_double("positive", 7e120).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterDoubleNegative", |c| {
        ok!(c.param_double("negative", -3.0).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterBoolTrue", |c| {
        ok!(c.param_bool("true", true).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterBoolFalse", |c| {
        ok!(c.param_bool("false", false).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterStringValid", |c| {
        let options = ParamStringOptions {
            value: Some("The quick brown fox jumps over the lazy dog".into()),
        };
        ok!(c.param_string("valid", Some(options)).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterStringNull", |c| {
        ok!(c.param_string("null", None).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterStringEmpty", |c| {
        ok!(c
            .param_string(
                "empty",
                Some(ParamStringOptions {
                    value: Some(String::new())
                })
            )
            .await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterEnumValid", |c| {
        ok!(c
            .param_enum(
                "valid",
                Some(ParamEnumOptions {
                    value: Some(GreyscaleColors::Grey)
                })
            )
            .await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterEnumNull", |c| {
        ok!(c.param_enum("null", None).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterDateValid", |c| {
        ok!(c.param_date("valid", date("2010-01-01")).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterDateMin", |c| {
        ok!(c.param_date("min", date("0001-01-01")).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterDateTimeValid", |c| {
        ok!(c.param_datetime("valid", at("2010-01-01T12:34:56Z")).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterDateTimeMin", |c| {
        ok!(c.param_datetime("min", at("0001-01-01T00:00:00Z")).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterDateTimeRfc1123Valid", |c| {
        let options = ParamDatetimeRfc1123Options {
            value: Some(at("2010-01-01T12:34:56Z")),
        };
        ok!(c.param_datetime_rfc1123("valid", Some(options)).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterDateTimeRfc1123Min", |c| {
        let options = ParamDatetimeRfc1123Options {
            value: Some(at("0001-01-01T00:00:00Z")),
        };
        ok!(c.param_datetime_rfc1123("min", Some(options)).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterDurationValid", |c| {
        let value = Duration::new(123 * 86_400 + 22 * 3_600 + 14 * 60 + 12, 11_000_000);
        ok!(c.param_duration("valid", value.into()).await);
        Ok(())
    });
    scenario!(v, c, "HeaderParameterBytesValid", |c| {
        ok!(c.param_byte("valid", MULTIBYTE.as_bytes()).await);
        Ok(())
    });
    scenario!(v, c, "CustomHeaderInRequest", |c| {
        // A caller-supplied x-ms-client-request-id is sent as given instead of a fresh one.
        let p = c.pipeline();
        let mut request = p.request(
            Method::POST,
            "/header/custom/x-ms-client-request-id/9C4D50EE-2D56-4CD3-8152-34347DC9F2B0",
        );
        ok!(request.header(
            "x-ms-client-request-id",
            "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0"
        ));
        ok!(ok!(p.send(request).await).expect_status(&[200]));
        Ok(())
    });
    // Responses.
    scenario!(v, c, "HeaderResponseExistingKey", |c| {
        check_eq!(
            ok!(c.response_existing_key().await).user_agent.as_deref(),
            Some("overwrite")
        );
        Ok(())
    });
    scenario!(v, c, "HeaderResponseProtectedKey", |c| {
        // The server's framework adds a charset.
        let content_type = ok!(c.response_protected_key().await)
            .content_type
            .unwrap_or_default();
        check_eq!(content_type.split(';').next(), Some("text/html"));
        Ok(())
    });
    scenario!(v, c, "HeaderResponseIntegerPositive", |c| {
        check_eq!(ok!(c.response_integer("positive").await).value, Some(1));
        Ok(())
    });
    scenario!(v, c, "HeaderResponseIntegerNegative", |c| {
        check_eq!(ok!(c.response_integer("negative").await).value, Some(-2));
        Ok(())
    });
    scenario!(v, c, "HeaderResponseLongPositive", |c| {
        check_eq!(ok!(c.response_long("positive").await).value, Some(105));
        Ok(())
    });
    scenario!(v, c, "HeaderResponseLongNegative", |c| {
        check_eq!(ok!(c.response_long("negative").await).value, Some(-2));
        Ok(())
    });
    scenario!(v, c, "HeaderResponseFloatPositive", |c| {
        check_eq!(ok!(c.response_float("positive").await).value, Some(0.07));
        Ok(())
    });
    scenario!(v, c, "HeaderResponseFloatNegative", |c| {
        check_eq!(ok!(c.response_float("negative").await).value, Some(-3.0));
        Ok(())
    });
    scenario!(v, c, "HeaderResponseDoublePositive", |c| {
        check_eq!(ok!(c.response_double("positive").await).value, Some(7e120));
        Ok(())
    });
    scenario!(v, c, "HeaderResponseDoubleNegative", |c| {
        check_eq!(ok!(c.response_double("negative").await).value, Some(-3.0));
        Ok(())
    });
    scenario!(v, c, "HeaderResponseBoolTrue", |c| {
        check_eq!(ok!(c.response_bool("true").await).value, Some(true));
        Ok(())
    });
    scenario!(v, c, "HeaderResponseBoolFalse", |c| {
        check_eq!(ok!(c.response_bool("false").await).value, Some(false));
        Ok(())
    });
    scenario!(v, c, "HeaderResponseStringValid", |c| {
        check_eq!(
            ok!(c.response_string("valid").await).value.as_deref(),
            Some("The quick brown fox jumps over the lazy dog")
        );
        Ok(())
    });
    scenario!(v, c, "HeaderResponseStringNull", |c| {
        // Express sends `null` as the literal text.
        let value = ok!(c.response_string("null").await).value;
        check_eq!(value.as_deref().unwrap_or("null"), "null");
        Ok(())
    });
    scenario!(v, c, "HeaderResponseStringEmpty", |c| {
        check_eq!(
            ok!(c.response_string("empty").await).value.as_deref(),
            Some("")
        );
        Ok(())
    });
    scenario!(v, c, "HeaderResponseEnumValid", |c| {
        check_eq!(
            ok!(c.response_enum("valid").await).value,
            Some(GreyscaleColors::Grey)
        );
        Ok(())
    });
    scenario!(v, c, "HeaderResponseEnumNull", |c| {
        // An empty header value reads as no value.
        check_eq!(ok!(c.response_enum("null").await).value, None);
        Ok(())
    });
    scenario!(v, c, "HeaderResponseDateValid", |c| {
        check_eq!(
            ok!(c.response_date("valid").await).value,
            Some(date("2010-01-01"))
        );
        Ok(())
    });
    scenario!(v, c, "HeaderResponseDateMin", |c| {
        check_eq!(
            ok!(c.response_date("min").await).value,
            Some(date("0001-01-01"))
        );
        Ok(())
    });
    scenario!(v, c, "HeaderResponseDateTimeValid", |c| {
        check_eq!(
            ok!(c.response_datetime("valid").await).value,
            Some(at("2010-01-01T12:34:56Z"))
        );
        Ok(())
    });
    scenario!(v, c, "HeaderResponseDateTimeMin", |c| {
        check_eq!(
            ok!(c.response_datetime("min").await).value,
            Some(at("0001-01-01T00:00:00Z"))
        );
        Ok(())
    });
    scenario!(v, c, "HeaderResponseDateTimeRfc1123Valid", |c| {
        check_eq!(
            ok!(c.response_datetime_rfc1123("valid").await).value,
            Some(at("2010-01-01T12:34:56Z"))
        );
        Ok(())
    });
    scenario!(v, c, "HeaderResponseDateTimeRfc1123Min", |c| {
        check_eq!(
            ok!(c.response_datetime_rfc1123("min").await).value,
            Some(at("0001-01-01T00:00:00Z"))
        );
        Ok(())
    });
    scenario!(v, c, "HeaderResponseDurationValid", |c| {
        let expected = Duration::new(123 * 86_400 + 22 * 3_600 + 14 * 60 + 12, 11_000_000);
        check_eq!(
            ok!(c.response_duration("valid").await).value,
            Some(expected.into())
        );
        Ok(())
    });
    scenario!(v, c, "HeaderResponseBytesValid", |c| {
        check_eq!(
            ok!(c.response_byte("valid").await).value,
            Some(MULTIBYTE.as_bytes().to_vec())
        );
        Ok(())
    });
    v
}
