//! dpg-initial → dpg-update1 and dpg-customization: a service that grows (new optional query
//! parameters, a new body media type, a new method on a known path, a new path), an operation
//! the spec does not have sent through the client's own pipeline, and models, pages and a
//! long-running operation read as typed values and as raw JSON.

use conformance::clients::dpg_customization::{
    DpgClient as CustomizationClient, Input, ProductReceived,
};
use conformance::clients::dpg_initial::DpgClient as InitialClient;
use conformance::clients::dpg_update1::{
    DpgClient as UpdatedClient, GetOptionalOptions, GetRequiredOptions, HeadNoParamsOptions,
    PostInput, PostParametersContent, PutRequiredOptionalOptions,
};
use conformance::harness::options;
use restgen_runtime::{Credential, Method, TryStreamExt};

use crate::{Scenario, Server, check_eq, ok, scenario};

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let initial = InitialClient::new(&s.url, Credential::Anonymous, options()).expect("client");
    let c = UpdatedClient::new(&s.url, Credential::Anonymous, options()).expect("client");
    let x = CustomizationClient::new(&s.url, Credential::Anonymous, options()).expect("client");
    let mut v: Vec<Scenario> = Vec::new();
    // The initial client still works against the grown service.
    scenario!(v, initial, "dpg-initial: the first version's calls", |c| {
        ok!(c.get_required("hello").await);
        ok!(c.put_required_optional("hello", None).await);
        ok!(c.get_optional(None).await);
        Ok(())
    });
    scenario!(v, c, "DPGAddOptionalInput_NoParams", |c| {
        let options = HeadNoParamsOptions {
            new_parameter: Some("new".into()),
        };
        ok!(c.head_no_params(Some(options)).await);
        Ok(())
    });
    scenario!(v, c, "DPGAddOptionalInput", |c| {
        let options = GetRequiredOptions {
            new_parameter: Some("new".into()),
        };
        let answer = ok!(c.get_required("hello", Some(options)).await);
        check_eq!(answer["message"], "An object was successfully returned");
        Ok(())
    });
    scenario!(v, c, "DPGAddOptionalInput_RequiredOptionalParam", |c| {
        let options = PutRequiredOptionalOptions {
            optional_param: Some("optional".into()),
            new_parameter: Some("new".into()),
        };
        ok!(c.put_required_optional("required", Some(options)).await);
        Ok(())
    });
    scenario!(v, c, "DPGAddOptionalInput_OptionalParam", |c| {
        let options = GetOptionalOptions {
            optional_param: Some("optional".into()),
            new_parameter: Some("new".into()),
        };
        ok!(c.get_optional(Some(options)).await);
        Ok(())
    });
    scenario!(v, c, "DPGNewBodyType.JSON", |c| {
        let body = PostInput::new("http://example.org/myimage.jpeg".into());
        ok!(c
            .post_parameters(&PostParametersContent::ApplicationJson(body))
            .await);
        Ok(())
    });
    scenario!(v, c, "DPGNewBodyType.JPEG", |c| {
        let jpeg = restgen_runtime::Bytes::from_static(b"\xff\xd8\xff\xe0binary");
        ok!(c
            .post_parameters(&PostParametersContent::ImageJpeg(jpeg))
            .await);
        Ok(())
    });
    scenario!(v, c, "DPGAddNewOperation", |c| {
        ok!(c.delete_parameters().await);
        Ok(())
    });
    scenario!(v, c, "DPGAddNewPath", |c| {
        let answer = ok!(c.get_new_operation().await);
        check_eq!(answer["message"], "An object was successfully returned");
        Ok(())
    });
    // An operation the spec does not have: a request of the caller's own, signed and sent
    // by the client's pipeline like any other.
    scenario!(v, c, "DPGGlassBreaker", |c| {
        let pipeline = c.pipeline();
        let request = pipeline.request(Method::GET, "/servicedriven/glassbreaker");
        let response = ok!(pipeline.send(request).await);
        check_eq!(response.status().as_u16(), 200);
        let answer: serde_json::Value = ok!(response.json());
        check_eq!(answer["message"], "An object was successfully returned");
        Ok(())
    });

    scenario!(v, x, "GetRawModel", |x| {
        // The raw JSON of a typed model: serde_json round trip.
        let product = ok!(x.get_model("raw").await);
        let raw = serde_json::to_value(&product).map_err(|e| e.to_string())?;
        check_eq!(raw, serde_json::json!({"received": "raw"}));
        Ok(())
    });
    scenario!(v, x, "GetHandwrittenModel", |x| {
        check_eq!(
            ok!(x.get_model("model").await).received,
            ProductReceived::Model
        );
        Ok(())
    });
    scenario!(v, x, "PostRawModel", |x| {
        let product = ok!(x.post_model("raw", &Input::new("world!".into())).await);
        check_eq!(product.received, ProductReceived::Raw);
        Ok(())
    });
    scenario!(v, x, "PostHandwrittenModel", |x| {
        let product = ok!(x.post_model("model", &Input::new("world!".into())).await);
        check_eq!(product.received, ProductReceived::Model);
        Ok(())
    });
    scenario!(v, x, "GetRawPages", |x| {
        let items: Vec<_> = ok!(x.get_pages("raw").try_collect().await);
        check_eq!(items.len(), 2);
        Ok(())
    });
    scenario!(v, x, "GetHandwrittenModelPages", |x| {
        let items: Vec<_> = ok!(x.get_pages("model").try_collect().await);
        check_eq!(items.len(), 2);
        check_eq!(items[1].received, ProductReceived::Model);
        Ok(())
    });
    scenario!(v, x, "RawLRO", |x| {
        let product = ok!(x.begin_lro("raw").await);
        let raw = serde_json::to_value(&product).map_err(|e| e.to_string())?;
        check_eq!(raw["received"], "raw");
        Ok(())
    });
    scenario!(v, x, "HandwrittenModelLRO", |x| {
        let product = ok!(x.begin_lro("model").await);
        check_eq!(product.provisioning_state, "Succeeded");
        Ok(())
    });
    v
}
