//! body-string.json: strings, base64 and enums in bodies.

use conformance::clients::body_string::*;
use conformance::harness::options;
use restgen_runtime::ErrorKind;

use crate::{Scenario, Server, check_eq, err, ok, scenario};

/// The server's multi-byte string (compatibility ideographs and private-use characters
/// escaped, so no editor normalises them away).
const MBCS: &str = "啊齄丂狛狜\u{f9f1}\u{f92c}\u{f9f1}\u{fa0c}\u{fa29}ˊ〞〡￤℡㈱‐ー﹡﹢﹫、〓ⅰⅹ⒈€㈠㈩ⅠⅫ！￣ぁんァヶΑ︴АЯаяāɡㄅㄩ─╋︵﹄︻︱︳︴ⅰⅹɑ\u{e7c7}ɡ〇〾⿻⺁\u{e843}䜣\u{e864}€";

fn client(s: &Server) -> AutoRestSwaggerBatServiceClient {
    AutoRestSwaggerBatServiceClient::new(&s.url, restgen_runtime::Credential::Anonymous, options())
        .expect("client")
}

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c = client(s);
    let mut v: Vec<Scenario> = Vec::new();
    scenario!(v, c, "getStringNull", |c| {
        check_eq!(ok!(c.get_null().await), None::<String>);
        Ok(())
    });
    scenario!(v, c, "putStringNull", |c| {
        ok!(c.put_null(None).await);
        Ok(())
    });
    scenario!(v, c, "getStringEmpty", |c| {
        check_eq!(ok!(c.get_empty().await).as_str(), "");
        Ok(())
    });
    scenario!(v, c, "putStringEmpty", |c| {
        ok!(c.put_empty().await);
        Ok(())
    });
    scenario!(v, c, "getStringNotProvided", |c| {
        // No body where a string is declared: a decoding error, not a made-up value.
        let err = err!(c.get_not_provided().await, "no body is not a string");
        check_eq!(err.kind(), ErrorKind::Decode);
        Ok(())
    });
    scenario!(v, c, "getStringWithLeadingAndTrailingWhitespace", |c| {
        check_eq!(
            ok!(c.get_whitespace().await).as_str(),
            "    Now is the time for all good men to come to the aid of their country    "
        );
        Ok(())
    });
    scenario!(v, c, "putStringWithLeadingAndTrailingWhitespace", |c| {
        ok!(c.put_whitespace().await);
        Ok(())
    });
    scenario!(v, c, "getStringBase64UrlEncoded", |c| {
        check_eq!(
            ok!(c.get_base64_url_encoded().await),
            b"a string that gets encoded with base64url".to_vec()
        );
        Ok(())
    });
    scenario!(v, c, "putStringBase64UrlEncoded", |c| {
        ok!(c
            .put_base64_url_encoded(b"a string that gets encoded with base64url")
            .await);
        Ok(())
    });
    scenario!(v, c, "getStringBase64Encoded", |c| {
        check_eq!(
            ok!(c.get_base64_encoded().await),
            b"a string that gets encoded with base64".to_vec()
        );
        Ok(())
    });
    scenario!(v, c, "getStringNullBase64UrlEncoding", |c| {
        check_eq!(ok!(c.get_null_base64_url_encoded().await), None);
        Ok(())
    });
    scenario!(v, c, "getStringMultiByteCharacters", |c| {
        let value = ok!(c.get_mbcs().await);
        check_eq!(value.as_str(), MBCS);
        Ok(())
    });
    scenario!(v, c, "putStringMultiByteCharacters", |c| {
        ok!(c.put_mbcs().await);
        Ok(())
    });
    scenario!(v, c, "getEnumNotExpandable", |c| {
        check_eq!(ok!(c.get_not_expandable().await), Colors::RedColor);
        Ok(())
    });
    scenario!(v, c, "putEnumNotExpandable", |c| {
        ok!(c.put_not_expandable(&Colors::RedColor).await);
        Ok(())
    });
    scenario!(v, c, "getEnumReferenced", |c| {
        check_eq!(ok!(c.get_referenced().await), Colors::RedColor);
        Ok(())
    });
    scenario!(v, c, "putEnumReferenced", |c| {
        ok!(c.put_referenced(&Colors::RedColor).await);
        Ok(())
    });
    scenario!(v, c, "getEnumReferencedConstant", |c| {
        let value = ok!(c.get_referenced_constant().await);
        check_eq!(value.field1.as_deref(), Some("Sample String"));
        Ok(())
    });
    scenario!(v, c, "putEnumReferencedConstant", |c| {
        let body = RefColorConstant::new();
        ok!(c.put_referenced_constant(&body).await);
        Ok(())
    });
    v
}
