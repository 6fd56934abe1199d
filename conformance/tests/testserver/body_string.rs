//! body-string.json: strings, base64 and enums in bodies.

use conformance::clients::body_string::*;
use conformance::harness::options;
use restgen_runtime::ErrorKind;

use crate::{Scenario, Server, check_eq, err, ok};

/// The server's multi-byte string (compatibility ideographs and private-use characters
/// escaped, so no editor normalises them away).
const MBCS: &str = "啊齄丂狛狜\u{f9f1}\u{f92c}\u{f9f1}\u{fa0c}\u{fa29}ˊ〞〡￤℡㈱‐ー﹡﹢﹫、〓ⅰⅹ⒈€㈠㈩ⅠⅫ！￣ぁんァヶΑ︴АЯаяāɡㄅㄩ─╋︵﹄︻︱︳︴ⅰⅹɑ\u{e7c7}ɡ〇〾⿻⺁\u{e843}䜣\u{e864}€";

fn client(s: &Server) -> AutoRestSwaggerBatServiceClient {
    AutoRestSwaggerBatServiceClient::new(&s.url, restgen_runtime::Credential::Anonymous, options())
        .expect("client")
}

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c = client(s);
    vec![
        (
            "getStringNull",
            Box::pin({
                let c = c.clone();
                async move {
                    check_eq!(ok!(c.get_null().await), None::<String>);
                    Ok(())
                }
            }),
        ),
        (
            "putStringNull",
            Box::pin({
                let c = c.clone();
                async move {
                    ok!(c.put_null(None).await);
                    Ok(())
                }
            }),
        ),
        (
            "getStringEmpty",
            Box::pin({
                let c = c.clone();
                async move {
                    check_eq!(ok!(c.get_empty().await).as_str(), "");
                    Ok(())
                }
            }),
        ),
        (
            "putStringEmpty",
            Box::pin({
                let c = c.clone();
                async move {
                    ok!(c.put_empty().await);
                    Ok(())
                }
            }),
        ),
        (
            "getStringNotProvided",
            Box::pin({
                let c = c.clone();
                async move {
                    // No body where a string is declared: a decoding error, not a made-up value.
                    let err = err!(c.get_not_provided().await, "no body is not a string");
                    check_eq!(err.kind(), ErrorKind::Decode);
                    Ok(())
                }
            }),
        ),
        (
            "getStringWithLeadingAndTrailingWhitespace",
            Box::pin({
                let c = c.clone();
                async move {
                    check_eq!(
                        ok!(c.get_whitespace().await).as_str(),
                        "    Now is the time for all good men to come to the aid of their country    "
                    );
                    Ok(())
                }
            }),
        ),
        (
            "putStringWithLeadingAndTrailingWhitespace",
            Box::pin({
                let c = c.clone();
                async move {
                    ok!(c.put_whitespace().await);
                    Ok(())
                }
            }),
        ),
        (
            "getStringBase64UrlEncoded",
            Box::pin({
                let c = c.clone();
                async move {
                    check_eq!(
                        ok!(c.get_base64_url_encoded().await),
                        b"a string that gets encoded with base64url".to_vec()
                    );
                    Ok(())
                }
            }),
        ),
        (
            "putStringBase64UrlEncoded",
            Box::pin({
                let c = c.clone();
                async move {
                    ok!(c
                        .put_base64_url_encoded(b"a string that gets encoded with base64url")
                        .await);
                    Ok(())
                }
            }),
        ),
        (
            "getStringBase64Encoded",
            Box::pin({
                let c = c.clone();
                async move {
                    check_eq!(
                        ok!(c.get_base64_encoded().await),
                        b"a string that gets encoded with base64".to_vec()
                    );
                    Ok(())
                }
            }),
        ),
        (
            "getStringNullBase64UrlEncoding",
            Box::pin({
                let c = c.clone();
                async move {
                    check_eq!(ok!(c.get_null_base64_url_encoded().await), None);
                    Ok(())
                }
            }),
        ),
        (
            "getStringMultiByteCharacters",
            Box::pin({
                let c = c.clone();
                async move {
                    let value = ok!(c.get_mbcs().await);
                    check_eq!(value.as_str(), MBCS);
                    Ok(())
                }
            }),
        ),
        (
            "putStringMultiByteCharacters",
            Box::pin({
                let c = c.clone();
                async move {
                    ok!(c.put_mbcs().await);
                    Ok(())
                }
            }),
        ),
        (
            "getEnumNotExpandable",
            Box::pin({
                let c = c.clone();
                async move {
                    check_eq!(ok!(c.get_not_expandable().await), Colors::RedColor);
                    Ok(())
                }
            }),
        ),
        (
            "putEnumNotExpandable",
            Box::pin({
                let c = c.clone();
                async move {
                    ok!(c.put_not_expandable(&Colors::RedColor).await);
                    Ok(())
                }
            }),
        ),
        (
            "getEnumReferenced",
            Box::pin({
                let c = c.clone();
                async move {
                    check_eq!(ok!(c.get_referenced().await), Colors::RedColor);
                    Ok(())
                }
            }),
        ),
        (
            "putEnumReferenced",
            Box::pin({
                let c = c.clone();
                async move {
                    ok!(c.put_referenced(&Colors::RedColor).await);
                    Ok(())
                }
            }),
        ),
        (
            "getEnumReferencedConstant",
            Box::pin({
                let c = c.clone();
                async move {
                    let value = ok!(c.get_referenced_constant().await);
                    check_eq!(value.field1.as_deref(), Some("Sample String"));
                    Ok(())
                }
            }),
        ),
        (
            "putEnumReferencedConstant",
            Box::pin({
                let c = c.clone();
                async move {
                    let body = RefColorConstant::new();
                    ok!(c.put_referenced_constant(&body).await);
                    Ok(())
                }
            }),
        ),
    ]
}
