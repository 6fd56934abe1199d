//! Connection strings, and that secrets never show in `Debug`, `Display` or errors.

use restgen_runtime::{
    ApiKeyCredential, ConnectionString, Error, KeyCredential, Method, Request,
    StaticTokenCredential,
};

const KEY: &str = "cGVlci1jYXB0dXJlLXRlc3Qta2V5LTAxMjM0NTY3ODk=";

#[test]
fn good_connection_strings() {
    let cases = [
        (
            "endpoint=https://contoso.communication.azure.com/;accesskey={key}",
            "https://contoso.communication.azure.com",
        ),
        (
            "Endpoint=https://contoso.communication.azure.com;AccessKey={key};",
            "https://contoso.communication.azure.com",
        ),
        (
            ";;ACCESSKEY={key};ENDPOINT=http://127.0.0.1:8080/;",
            "http://127.0.0.1:8080",
        ),
        (
            "endpoint = https://x.communication.azure.com/ ; accesskey = {key}",
            "https://x.communication.azure.com",
        ),
    ];
    for (text, endpoint) in cases {
        let cs = ConnectionString::parse(&text.replace("{key}", KEY)).unwrap();
        assert_eq!(cs.endpoint(), endpoint, "{text}");
    }
}

#[test]
fn bad_connection_strings_name_the_part_and_hide_the_key() {
    let secret = "c2VjcmV0LWtleS12YWx1ZTE";
    let cases = [
        ("accesskey=SECRET", "endpoint", "is missing"),
        ("endpoint=;accesskey=SECRET", "endpoint", "is empty"),
        (
            "endpoint=not-a-url;accesskey=SECRET",
            "endpoint",
            "is not a URL",
        ),
        (
            "endpoint=https://x.example accesskey=SECRET",
            "endpoint",
            "contains whitespace",
        ),
        (
            "endpoint=ftp://x.example;accesskey=SECRET",
            "endpoint",
            "http or https",
        ),
        ("endpoint=https://x.example", "accesskey", "is missing"),
        (
            "endpoint=https://x.example;accesskey=",
            "accesskey",
            "is empty",
        ),
        (
            "endpoint=https://x.example;accesskey=SECRET!!",
            "accesskey",
            "not valid base64",
        ),
        (
            "endpoint=https://x.example;SECRET-without-equals",
            "connection string",
            "without `=`",
        ),
    ];
    for (text, part, reason) in cases {
        let text = text.replace("SECRET", secret);
        let err = ConnectionString::parse(&text).unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(
            matches!(&err, Error::Credential { part: p, .. } if *p == part),
            "{text}: {shown}"
        );
        assert!(shown.contains(reason), "{text}: {shown}");
        assert!(!shown.contains(secret), "{text} leaks the key: {shown}");
    }
}

/// Whatever is wrong with a connection string, no part of any value it holds is shown: a
/// misplaced separator can put the key in the endpoint's slot, or the endpoint and the key in
/// one part.
#[test]
fn malformed_connection_strings_echo_no_value() {
    let key = "c2VjcmV0LWtleS12YWx1ZTE=";
    let cases = [
        // A space (or a comma) instead of `;`.
        format!("endpoint=https://x.example/ accesskey={key}"),
        format!("endpoint=https://x.example/,accesskey={key}"),
        // The key in the endpoint's slot, and the endpoint in the key's.
        format!("endpoint={key};accesskey=https://x.example/"),
        format!("endpoint=accesskey:{key};accesskey={key}"),
        format!("endpoint=https://{key}@;accesskey={key}"),
        // Parts run together, or the `=` left out.
        format!("endpoint=https://x.example/accesskey{key}"),
        format!("endpointhttps://x.example/;accesskey{key}"),
        key.to_owned(),
        format!("endpoint=https://x.example/?k={key};accesskey={key}"),
        format!("endpoint=https://x.example/#{key};accesskey={key}"),
        format!("endpoint=mailto:{key};accesskey={key}"),
        format!("endpoint=https://x.example:{key}/;accesskey={key}"),
    ];
    for text in &cases {
        let Err(err) = ConnectionString::parse(text) else {
            panic!("`{text}` should be refused");
        };
        let shown = format!("{err} {err:?}");
        assert_eq!(
            err.kind(),
            restgen_runtime::ErrorKind::Credential,
            "{shown}"
        );
        // No run of the key (or of the endpoint's text) longer than a few characters shows.
        for value in [key, "x.example", "https://"] {
            for piece in value.as_bytes().windows(6) {
                let piece = std::str::from_utf8(piece).unwrap();
                assert!(!shown.contains(piece), "`{text}` echoes `{piece}`: {shown}");
            }
        }
    }
}

#[test]
fn repeated_parts_are_refused_not_last_wins() {
    let key = "c2VjcmV0LWtleS12YWx1ZTE=";
    for text in [
        format!("endpoint=https://a.example;endpoint=https://b.example;accesskey={key}"),
        format!("endpoint=https://a.example;accesskey={key};AccessKey={key}"),
    ] {
        let err = ConnectionString::parse(&text).unwrap_err();
        assert!(err.to_string().contains("more than once"), "{err}");
        assert!(!err.to_string().contains(key));
    }
}

#[test]
fn secrets_are_redacted_from_debug() {
    let cs =
        ConnectionString::parse(&format!("endpoint=https://x.example;accesskey={KEY}")).unwrap();
    let key = KeyCredential::from_base64(KEY).unwrap();
    let signed = key.sign(
        "GET",
        "/x",
        "x.example",
        restgen_runtime::OffsetDateTime::UNIX_EPOCH,
        b"",
    );
    let token = StaticTokenCredential::new("eyJ0eXAiOiJKV1Qi.secret-token");
    let api_key = ApiKeyCredential::new("security-key", "123456789").unwrap();
    let mut request = Request::new(Method::GET, "https://x.example/x".parse().unwrap());
    request
        .headers_mut()
        .insert("authorization", signed.authorization.parse().unwrap());
    request.header("security-key", "123456789").unwrap();

    let signature = signed
        .authorization
        .rsplit('=')
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    let printed = format!("{cs:?} {key:?} {signed:?} {token:?} {api_key:?} {request:?}");
    for secret in [
        KEY,
        "secret-token",
        "123456789",
        &signed.authorization,
        &signature,
    ] {
        assert!(!secret.is_empty());
        assert!(!printed.contains(secret), "`{secret}` shows in {printed}");
    }
    assert!(printed.contains("<redacted>"));
}
