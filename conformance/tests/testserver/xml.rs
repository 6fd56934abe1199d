//! xml-service: models written and read as XML where the spec's `xml` objects place each part —
//! attributes, `x-ms-text`, wrapped and unwrapped lists, lists at the root, renamed and
//! referenced elements, maps as child elements — and Azure Storage's listings, ACLs and service
//! properties, which leave out elements their spec calls required. The server compares every
//! PUT body with its expected document, parsed.

use conformance::clients::xml_service::{
    AccessPolicy, AppleBarrel, AutoRestSwaggerBatXmlServiceClient as XmlClient, Banana, BlobType,
    ComplexTypeNoMeta, ComplexTypeWithMeta, JsonInput, LeaseStatusType, Logging, Metrics,
    ModelWithByteProperty, ModelWithUrlProperty, PublicAccessType, RetentionPolicy,
    RootWithRefAndMeta, RootWithRefAndNoMeta, SignedIdentifier, Slide, Slideshow,
    StorageServiceProperties,
};
use conformance::harness::options;
use restgen_runtime::{Credential, OffsetDateTime};

use crate::{Scenario, Server, check, check_eq, ok, scenario};

fn at(text: &str) -> OffsetDateTime {
    restgen_runtime::wire::rfc3339::parse(text).expect("an RFC 3339 date-time")
}

fn slide(title: &str, items: &[&str]) -> Slide {
    let mut s = Slide::new();
    s.type_ = Some("all".into());
    s.title = Some(title.into());
    if !items.is_empty() {
        s.items = Some(items.iter().map(|i| i.to_string()).collect());
    }
    s
}

fn slideshow() -> Slideshow {
    let mut s = Slideshow::new();
    s.title = Some("Sample Slide Show".into());
    s.date = Some("Date of publication".into());
    s.author = Some("Yours Truly".into());
    s.slides = Some(vec![
        slide("Wake up to WonderWidgets!", &[]),
        slide(
            "Overview",
            &["Why WonderWidgets are great", "", "Who buys WonderWidgets"],
        ),
    ]);
    s
}

fn barrel(good: &[&str], bad: &[&str]) -> AppleBarrel {
    let mut b = AppleBarrel::new();
    b.good_apples = Some(good.iter().map(|a| a.to_string()).collect());
    b.bad_apples = Some(bad.iter().map(|a| a.to_string()).collect());
    b
}

fn banana(name: &str, flavor: &str, expiration: OffsetDateTime) -> Banana {
    let mut b = Banana::new();
    b.name = Some(name.into());
    b.flavor = Some(flavor.into());
    b.expiration = Some(expiration);
    b
}

fn bananas() -> Vec<Banana> {
    let expiration = at("2018-02-28T00:40:00.123Z");
    vec![
        banana("Cavendish", "Sweet", expiration),
        banana("Plantain", "Savory", expiration),
    ]
}

fn retention(days: i32) -> RetentionPolicy {
    let mut r = RetentionPolicy::new(true);
    r.days = Some(days);
    r
}

fn metrics(include_apis: bool) -> Metrics {
    let mut m = Metrics::new(true);
    m.version = Some("1.0".into());
    m.include_apis = Some(include_apis);
    m.retention_policy = Some(retention(7));
    m
}

fn service_properties() -> StorageServiceProperties {
    let mut p = StorageServiceProperties::new();
    p.logging = Some(Logging::new("1.0".into(), true, false, true, retention(7)));
    p.hour_metrics = Some(metrics(false));
    p.minute_metrics = Some(metrics(true));
    p
}

fn acls() -> Vec<SignedIdentifier> {
    vec![SignedIdentifier::new(
        "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=".into(),
        AccessPolicy::new(
            at("2009-09-28T08:49:37.123Z"),
            at("2009-09-29T08:49:37.123Z"),
            "rwd".into(),
        ),
    )]
}

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c = XmlClient::new(&s.url, Credential::Anonymous, options()).expect("client");
    let mut v: Vec<Scenario> = Vec::new();
    scenario!(v, c, "GetSimpleXML", |c| {
        check_eq!(ok!(c.get_simple().await), slideshow());
        Ok(())
    });
    scenario!(v, c, "PutSimpleXML", |c| c.put_simple(&slideshow()).await);
    scenario!(v, c, "GetWrappedXMLList", |c| {
        check_eq!(
            ok!(c.get_wrapped_lists().await),
            barrel(&["Fuji", "Gala"], &["Red Delicious"])
        );
        Ok(())
    });
    scenario!(v, c, "PutWrappedXMLList", |c| c
        .put_wrapped_lists(&barrel(&["Fuji", "Gala"], &["Red Delicious"]))
        .await);
    scenario!(v, c, "GetEmptyXMLList", |c| {
        // `<slideshow/>`: no attributes, no slides.
        check_eq!(ok!(c.get_empty_list().await), Slideshow::new());
        Ok(())
    });
    scenario!(v, c, "PutEmptyXMLList", |c| c
        .put_empty_list(&Slideshow::new())
        .await);
    scenario!(v, c, "GetEmptyWrappedXMLList", |c| {
        // The wrappers are there, empty: empty lists, not absent ones.
        check_eq!(ok!(c.get_empty_wrapped_lists().await), barrel(&[], &[]));
        Ok(())
    });
    scenario!(v, c, "PutEmptyWrappedXMLList", |c| c
        .put_empty_wrapped_lists(&barrel(&[], &[]))
        .await);
    scenario!(v, c, "GetXMLListAtRoot", |c| {
        check_eq!(ok!(c.get_root_list().await), bananas());
        Ok(())
    });
    scenario!(v, c, "PutXMLListAtRoot", |c| c
        .put_root_list(&bananas())
        .await);
    scenario!(v, c, "GetXMLListAtRootSingle", |c| {
        check_eq!(
            ok!(c.get_root_list_single_item().await),
            bananas()[..1].to_vec()
        );
        Ok(())
    });
    scenario!(v, c, "PutXMLListAtRootSingle", |c| c
        .put_root_list_single_item(&bananas()[..1])
        .await);
    scenario!(v, c, "GetEmptyXMLListAtRoot", |c| {
        check_eq!(ok!(c.get_empty_root_list().await), Vec::<Banana>::new());
        Ok(())
    });
    scenario!(v, c, "PutEmptyXMLListAtRoot", |c| c
        .put_empty_root_list(&[])
        .await);
    scenario!(v, c, "GetXMLEmptyNode", |c| {
        // `<flavor></flavor>` is an empty string, not an absent one.
        let expected = banana("Unknown Banana", "", at("2012-02-24T00:53:52.789Z"));
        check_eq!(ok!(c.get_empty_child_element().await), expected);
        Ok(())
    });
    scenario!(v, c, "PutXMLEmptyNode", |c| c
        .put_empty_child_element(&banana(
            "Unknown Banana",
            "",
            at("2012-02-24T00:53:52.789Z"),
        ))
        .await);
    scenario!(v, c, "GetRootWithRefAndNoMetaXML", |c| {
        let root = ok!(c.get_complex_type_ref_no_meta().await);
        check_eq!(root.something.as_deref(), Some("else"));
        check_eq!(
            root.ref_to_model.and_then(|m| m.id).as_deref(),
            Some("myid")
        );
        Ok(())
    });
    scenario!(v, c, "PutRootWithRefAndNoMetaXML", |c| ({
        let mut model = ComplexTypeNoMeta::new();
        model.id = Some("myid".into());
        let mut root = RootWithRefAndNoMeta::new();
        root.ref_to_model = Some(model);
        root.something = Some("else".into());
        c.put_complex_type_ref_no_meta(&root).await
    }));
    scenario!(v, c, "GetRootWithRefAndMetaXML", |c| {
        // The referenced model names its own element: `<XMLComplexTypeWithMeta>`.
        let root = ok!(c.get_complex_type_ref_with_meta().await);
        check_eq!(root.something.as_deref(), Some("else"));
        check_eq!(
            root.ref_to_model.and_then(|m| m.id).as_deref(),
            Some("myid")
        );
        Ok(())
    });
    scenario!(v, c, "PutRootWithRefAndMetaXML", |c| ({
        let mut model = ComplexTypeWithMeta::new();
        model.id = Some("myid".into());
        let mut root = RootWithRefAndMeta::new();
        root.ref_to_model = Some(model);
        root.something = Some("else".into());
        c.put_complex_type_ref_with_meta(&root).await
    }));
    scenario!(v, c, "StorageListContainersXML", |c| {
        let list = ok!(c.list_containers().await);
        check_eq!(
            list.service_endpoint,
            "https://myaccount.blob.core.windows.net/"
        );
        check_eq!(list.max_results, 3);
        check_eq!(list.next_marker, "video");
        // `Prefix` is required by the spec and left out by the service: empty.
        check_eq!(list.prefix, "");
        let containers = list.containers.unwrap_or_default();
        let names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
        check_eq!(names, ["audio", "images", "textfiles"]);
        let first = &containers[0].properties;
        check_eq!(first.last_modified, at("2016-10-26T20:39:39Z"));
        check_eq!(first.etag, "0x8CACB9BD7C6B1B2");
        check_eq!(first.public_access, Some(PublicAccessType::Container));
        check_eq!(containers[1].properties.public_access, None);
        Ok(())
    });
    scenario!(v, c, "StorageListBlobsXML", |c| {
        let list = ok!(c.list_blobs().await);
        check_eq!(
            list.container_name,
            "https://myaccount.blob.core.windows.net/mycontainer"
        );
        check_eq!(list.next_marker, "");
        let blobs = list.blobs.blob.unwrap_or_default();
        check_eq!(blobs.len(), 5);
        check_eq!(list.blobs.blob_prefix, None);
        let first = &blobs[0];
        check_eq!(first.name, "blob1.txt");
        check_eq!(first.properties.content_length, Some(100));
        check_eq!(first.properties.content_type.as_deref(), Some("text/html"));
        check_eq!(first.properties.content_encoding.as_deref(), Some(""));
        check_eq!(first.properties.blob_type, Some(BlobType::BlockBlob));
        check_eq!(
            first.properties.lease_status,
            Some(LeaseStatusType::Unlocked)
        );
        // Metadata is a map: each child element by name.
        let metadata = first.metadata.clone().unwrap_or_default();
        check_eq!(metadata.get("Color").map(String::as_str), Some("blue"));
        check_eq!(metadata.get("BlobNumber").map(String::as_str), Some("01"));
        check_eq!(metadata.len(), 3);
        check_eq!(blobs[1].snapshot, "2009-09-09T09:20:03.0427659Z");
        check_eq!(
            blobs[1]
                .metadata
                .as_ref()
                .and_then(|m| m.get("x-ms-invalid-name"))
                .map(String::as_str),
            Some("nasdf$@#$$")
        );
        check_eq!(blobs[4].properties.blob_sequence_number, Some(3));
        check_eq!(blobs[4].properties.blob_type, Some(BlobType::PageBlob));
        check_eq!(
            blobs[4].properties.last_modified,
            at("2009-09-09T09:20:03Z")
        );
        Ok(())
    });
    scenario!(v, c, "StorageGetServicePropertiesXML", |c| {
        check_eq!(ok!(c.get_service_properties().await), service_properties());
        Ok(())
    });
    scenario!(v, c, "StoragePutServicePropertiesXML", |c| c
        .put_service_properties(&service_properties())
        .await);
    scenario!(v, c, "StorageGetContainerACLXML", |c| {
        check_eq!(ok!(c.get_acls().await), acls());
        Ok(())
    });
    scenario!(v, c, "StoragePutContainerACLXML", |c| c
        .put_acls(&acls())
        .await);
    scenario!(v, c, "jsonInputInXMLSwagger", |c| ({
        let mut input = JsonInput::new();
        input.id = Some(42);
        c.json_input(&input).await
    }));
    scenario!(v, c, "jsonOutputInXMLSwagger", |c| {
        check_eq!(ok!(c.json_output().await).id, Some(42));
        Ok(())
    });
    scenario!(v, c, "GetWithXMsText", |c| {
        let data = ok!(c.get_xms_text().await);
        check_eq!(data.language.as_deref(), Some("english"));
        check_eq!(data.content.as_deref(), Some("I am text"));
        Ok(())
    });
    scenario!(v, c, "XmlGetBytes", |c| {
        let model = ok!(c.get_bytes().await);
        check_eq!(model.bytes.as_deref(), Some(&b"Hello world"[..]));
        Ok(())
    });
    scenario!(v, c, "XmlPutBytes", |c| ({
        let mut model = ModelWithByteProperty::new();
        model.bytes = Some(b"Hello world".to_vec());
        c.put_binary(&model).await
    }));
    scenario!(v, c, "XmlGetUrl", |c| {
        let model = ok!(c.get_uri().await);
        check_eq!(
            model.url.as_deref(),
            Some("https://myaccount.blob.core.windows.net/")
        );
        Ok(())
    });
    scenario!(v, c, "XmlPutUrl", |c| ({
        let mut model = ModelWithUrlProperty::new();
        model.url = Some("https://myaccount.blob.core.windows.net/".into());
        c.put_uri(&model).await
    }));
    scenario!(v, c, "xml: the declared response header is read", |c| {
        let headers = ok!(c.get_headers().await);
        check!(
            headers.custom_header.as_deref() == Some("custom-value"),
            "{headers:?}"
        );
        Ok(())
    });
    v
}
