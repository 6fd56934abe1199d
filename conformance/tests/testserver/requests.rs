//! What requests carry beyond JSON models: bodies as bytes and text, a media type the caller
//! chooses per call, files read as bytes within the response limit, optional bodies, headers
//! and queries left out, constants, merge patch, names that are reserved words elsewhere, and
//! errors whose bodies hold secrets or are not JSON at all.

use conformance::clients::{
    body_binary, body_file, client_enum, constants, error_with_secrets, incorrect_error_response,
    media_types as media, merge_patch, required_optional as reqopt, reserved_words,
};
use conformance::harness::options;
use restgen_runtime::{ApiKeyCredential, Bytes, Credential, ErrorKind, Method};
use serde_json::json;

use crate::{Scenario, Server, check, check_eq, err, model, ok, scenario};

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let mut v: Vec<Scenario> = Vec::new();
    media_types(&mut v, s);
    binary_and_files(&mut v, s);
    required_and_optional(&mut v, s);
    reserved_words_and_constants(&mut v, s);
    secrets_and_odd_errors(&mut v, s);
    v
}

fn media_types(v: &mut Vec<Scenario>, s: &Server) {
    let c = media::MediaTypesClient::new(&s.url, Credential::Anonymous, options()).expect("client");
    scenario!(v, c, "MediaTypeJson", |c| {
        let mut source = media::SourcePath::new();
        source.source = Some("anything".into());
        let body = media::AnalyzeBodyContent::ApplicationJson(source);
        check_eq!(ok!(c.analyze_body(Some(&body)).await), "Nice job with JSON");
        Ok(())
    });
    scenario!(v, c, "MediaTypePdf", |c| {
        let body = media::AnalyzeBodyContent::ApplicationPdf(Bytes::from_static(b"PDF"));
        check_eq!(ok!(c.analyze_body(Some(&body)).await), "Nice job with PDF");
        Ok(())
    });
    scenario!(v, c, "MediaTypesAnalyzeBodyNoAcceptHeader", |c| ({
        let body =
            media::AnalyzeBodyNoAcceptHeaderContent::ApplicationPdf(Bytes::from_static(b"PDF"));
        c.analyze_body_no_accept_header(Some(&body)).await
    }));
    // `text/plain; charset=UTF-8` is sent exactly as the spec writes it.
    scenario!(v, c, "MediaTypeWithEncoding", |c| {
        let answer = ok!(c.content_type_with_encoding(Some("input")).await);
        check_eq!(answer, "Nice job sending content type with encoding");
        Ok(())
    });
    // A binary schema: the JSON variant carries the JSON's bytes as they are.
    scenario!(v, c, "MediaTypesTwoContentTypes", |c| {
        use media::BinaryBodyWithTwoContentTypesContent as Body;
        let json = Body::ApplicationJson(Bytes::from_static(br#"{"hello":"world"}"#));
        ok!(c.binary_body_with_two_content_types(&json).await);
        let bytes = Body::ApplicationOctetStream(Bytes::from_static(b"hello, world!"));
        ok!(c.binary_body_with_two_content_types(&bytes).await);
        Ok(())
    });
    scenario!(v, c, "MediaTypesThreeContentTypes", |c| {
        use media::BinaryBodyWithThreeContentTypesContent as Body;
        for body in [
            Body::ApplicationJson(Bytes::from_static(br#"{"hello":"world"}"#)),
            Body::TextPlain(Bytes::from_static(b"hello, world")),
            Body::ApplicationOctetStream(Bytes::from_static(b"hello, world!")),
        ] {
            ok!(c.binary_body_with_three_content_types(&body).await);
        }
        Ok(())
    });
    // A schema that says nothing: JSON of any value, text, or bytes.
    scenario!(v, c, "MediaTypesThreeBodyTypes", |c| {
        use media::BodyThreeTypesContent as Body;
        for body in [
            Body::ApplicationJson(json!({"hello": "world"})),
            Body::TextPlain("hello, world".into()),
            Body::ApplicationOctetStream(Bytes::from_static(b"hello, world!")),
        ] {
            ok!(c.body_three_types(&body).await);
        }
        Ok(())
    });
}

fn binary_and_files(v: &mut Vec<Scenario>, s: &Server) {
    let c = body_binary::BinaryWithContentTypeApplicationJsonClient::new(
        &s.url,
        Credential::Anonymous,
        options(),
    )
    .expect("client");
    // A file schema sent as `application/json`: the bytes are the JSON, untouched.
    scenario!(v, c, "BodyBinaryFile", |c| c
        .file(&br#"{ "more": "cowbell" }"#[..])
        .await);
    scenario!(v, c, "BodyBinaryOctet", |c| c
        .binary(vec![1_u8, 2, 3, 4])
        .await);
    scenario!(v, c, "BodyBinaryError", |c| {
        let e = err!(c.error_stream().await, "a 400");
        check_eq!(e.status(), Some(400));
        check_eq!(
            model::<body_binary::ErrorModel>(&e)?.message.as_deref(),
            Some("I failed on purpose")
        );
        Ok(())
    });

    let c = body_file::AutoRestSwaggerBatFileServiceClient::new(
        &s.url,
        Credential::Anonymous,
        options(),
    )
    .expect("client");
    scenario!(v, c, "FileStreamNonempty", |c| {
        let png = ok!(c.get_file().await);
        check!(
            png.starts_with(b"\x89PNG\r\n\x1a\n"),
            "a PNG: {:?}",
            &png[..8.min(png.len())]
        );
        Ok(())
    });
    scenario!(v, c, "FileStreamEmpty", |c| {
        check_eq!(ok!(c.get_empty_file().await).len(), 0);
        Ok(())
    });
    // 3,000 MB: more than a client buffers (32 MiB by default), refused once past the limit.
    scenario!(v, c, "FileStreamVeryLarge", |c| {
        let e = err!(c.get_file_large().await, "past the response limit");
        check_eq!(
            (e.kind(), e.status()),
            (ErrorKind::ResponseTooLarge, Some(200))
        );
        Ok(())
    });
}

fn required_and_optional(v: &mut Vec<Scenario>, s: &Server) {
    let c = reqopt::AutoRestRequiredOptionalTestServiceClient::new(
        &s.url,
        "required_path",
        "required_query",
        None,
        Credential::Anonymous,
        options(),
    )
    .expect("client");
    scenario!(v, c, "ImplicitOptionalBinaryBody", |c| c
        .implicit_put_optional_binary_body(None)
        .await);
    scenario!(v, c, "ExplicitOptionalBinaryBody", |c| c
        .explicit_put_optional_binary_body(None)
        .await);
    scenario!(v, c, "ExplicitRequiredBinaryBody", |c| c
        .explicit_put_required_binary_body(Bytes::from_static(b"\x01\x02"))
        .await);
    scenario!(v, c, "OptionalImplicitBody", |c| c
        .implicit_put_optional_body(None)
        .await);
    scenario!(v, c, "OptionalImplicitHeader", |c| c
        .implicit_put_optional_header(None)
        .await);
    scenario!(v, c, "OptionalImplicitQuery", |c| c
        .implicit_put_optional_query(None)
        .await);
    scenario!(v, c, "OptionalGlobalQuery", |c| c
        .implicit_get_optional_global_query()
        .await);
    // Each optional parameter, property and header left out: the server checks every one.
    scenario!(v, c, "GeneralOptional", |c| {
        ok!(c.explicit_post_optional_integer_parameter(None).await);
        ok!(c
            .explicit_post_optional_integer_property(Some(&reqopt::IntOptionalWrapper::new()))
            .await);
        ok!(c.explicit_post_optional_integer_header(None).await);
        ok!(c.explicit_post_optional_string_parameter(None).await);
        ok!(c
            .explicit_post_optional_string_property(Some(&reqopt::StringOptionalWrapper::new()))
            .await);
        ok!(c.explicit_post_optional_string_header(None).await);
        ok!(c.explicit_post_optional_class_parameter(None).await);
        ok!(c
            .explicit_post_optional_class_property(Some(&reqopt::ClassOptionalWrapper::new()))
            .await);
        ok!(c.explicit_post_optional_array_parameter(None).await);
        ok!(c
            .explicit_post_optional_array_property(Some(&reqopt::ArrayOptionalWrapper::new()))
            .await);
        ok!(c.explicit_post_optional_array_header(None).await);
        Ok(())
    });
}

fn reserved_words_and_constants(v: &mut Vec<Scenario>, s: &Server) {
    let c = reserved_words::ReservedWordsClient::new(&s.url, Credential::Anonymous, options())
        .expect("client");
    scenario!(v, c, "reservedWordsOperationGroupImport", |c| c
        .operation_one("foo")
        .await);
    scenario!(v, c, "reservedWordsBodyNamedContent", |c| c
        .operation_with_content_param(&b"hello, world"[..])
        .await);
    scenario!(v, c, "reservedWordsBodyNamedJson", |c| c
        .operation_with_json_param(&json!({"hello": "world"}))
        .await);
    // Form fields named `data` and `files`: URL-encoded, then multipart with a file part.
    scenario!(v, c, "reservedWordsBodyNamedData", |c| c
        .operation_with_data_param("hello", "world")
        .await);
    scenario!(v, c, "reservedWordsBodyNamedFiles", |c| c
        .operation_with_files_param(
            restgen_runtime::FilePart::new(&b"my file"[..]).with_file_name("my.txt"),
            "my.txt"
        )
        .await);
    scenario!(v, c, "reservedWordsUrlHeaderQuery", |c| ({
        let options = reserved_words::OperationWithUrlOptions {
            query_parameters: Some(vec!["one".into(), "two".into()]),
        };
        c.operation_with_url("foo", "x-ms-header", Some(options))
            .await
    }));
    scenario!(v, c, "reservedWordsHeaderEnum", |c| c
        .reserved_enum(reserved_words::MyEnum::Import)
        .await);

    let c = constants::AutoRestSwaggerConstantServiceClient::new(
        &s.url,
        Credential::Anonymous,
        options(),
    )
    .expect("client");
    // Path, query and header constants, none of them the caller's to give.
    scenario!(v, c, "ConstantClientProperties", |c| c
        .put_client_constants()
        .await);

    let c = client_enum::ClientWithEnumClient::new(&s.url, Credential::Anonymous, options())
        .expect("client");
    scenario!(v, c, "ClientWithEnumParam", |c| {
        check!(ok!(c.head().await), "the server answers 200");
        Ok(())
    });

    let c = merge_patch::MergePatchJsonClient::new(&s.url, Credential::Anonymous, options())
        .expect("client");
    // `application/merge-patch+json`, and a null that means "remove" (14 bytes, as checked).
    scenario!(v, c, "PassMergePatchObject", |c| c
        .patch_single(&json!({"color": null}))
        .await);
}

const SECRET: &str = "1c88a67921784300a462b2cb61da2339";

fn secrets_and_odd_errors(v: &mut Vec<Scenario>, s: &Server) {
    let c =
        error_with_secrets::ErrorWithSecretsClient::new(&s.url, Credential::Anonymous, options())
            .expect("client");
    // The service puts a key in its error body: the error says what failed without it.
    scenario!(v, c, "ErrorWithSecrets", |c| {
        let e = err!(c.get_error_with_secrets().await, "a 403");
        check_eq!((e.status(), e.code()), (Some(403), Some("Unauthorized")));
        let service = e.service_error().ok_or("no service error")?;
        check_eq!(
            service.request_id.as_deref(),
            Some("5e123516-834e-4222-9e80-353108d33357")
        );
        for shown in [e.to_string(), format!("{e:?}")] {
            check!(!shown.contains(SECRET), "the key is shown: {shown}");
        }
        Ok(())
    });
    // A request that carries a key in its `Authorization` header, its query and its body,
    // built through the client's pipeline (the spec declares none of them as parameters).
    let credential = ApiKeyCredential::new("authorization", format!("SharedKey {SECRET}"))
        .expect("a header name");
    let c = error_with_secrets::ErrorWithSecretsClient::new(&s.url, credential, options())
        .expect("client");
    scenario!(v, c, "RequestWithSecrets", |c| {
        let pipeline = c.pipeline();
        let mut request = pipeline.request(Method::POST, "/secrets/:create");
        request.query("key", SECRET);
        ok!(request.json(&json!({"key": SECRET}), "application/json"));
        for shown in [format!("{request:?}"), format!("{pipeline:?}")] {
            check!(!shown.contains(SECRET), "the key is shown: {shown}");
        }
        let response = ok!(pipeline.send(request).await);
        let secret: error_with_secrets::SecretResponse = ok!(response.json());
        check_eq!(
            (secret.key.as_str(), secret.value.as_str()),
            (SECRET, "secret")
        );
        Ok(())
    });

    let c = incorrect_error_response::IncorrectReturnedErrorModelClient::new(
        &s.url,
        Credential::Anonymous,
        options(),
    )
    .expect("client");
    // An HTML body where JSON was declared: the error keeps the status and the text.
    scenario!(v, c, "verifyIncorrectErrorParsing", |c| {
        let e = err!(c.get_incorrect_error_from_server().await, "a 444");
        check_eq!(e.status(), Some(444));
        check!(e.to_string().contains("foobar"), "{e}");
        Ok(())
    });
}
