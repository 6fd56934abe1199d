//! Form bodies: `in: formData` parameters as typed arguments, sent URL-encoded (enums, an
//! integer, optional fields, a constant, a renamed field) or as multipart parts (a file with
//! its name and type beside a text field, several files under one name); and a file uploaded
//! as the raw body.

use conformance::clients::body_formdata::AutoRestSwaggerBatFormDataServiceClient as FormDataClient;
use conformance::clients::body_formdata_urlencoded::{
    BodyFormsDataUrlEncodedClient as UrlEncodedClient, PetFood, PetType, UpdatePetWithFormOptions,
};
use conformance::harness::options;
use restgen_runtime::{Credential, FilePart};

use crate::{Scenario, Server, check_eq, ok, scenario};

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let form = FormDataClient::new(&s.url, Credential::Anonymous, options()).expect("client");
    let encoded = UrlEncodedClient::new(&s.url, Credential::Anonymous, options()).expect("client");
    let mut v: Vec<Scenario> = Vec::new();
    // The server answers with the file part it received, byte for byte.
    scenario!(v, form, "FormdataStreamUploadFile", |c| {
        let content = "Test file content, with a\r\nline break and bytes \u{e9}";
        let part = FilePart::new(content)
            .with_file_name("UploadFile.txt")
            .with_content_type("text/plain");
        let echoed = ok!(c.upload_file(part, "UploadFile.txt").await);
        check_eq!(&echoed[..], content.as_bytes());
        Ok(())
    });
    scenario!(v, form, "StreamUploadFile", |c| {
        let echoed = ok!(c.upload_file_via_body(&b"Test file content"[..]).await);
        check_eq!(&echoed[..], b"Test file content");
        Ok(())
    });
    scenario!(v, encoded, "UpdatePetWithForm", |c| {
        let options = UpdatePetWithFormOptions {
            name: Some("Fido".into()),
            status: None,
        };
        ok!(c
            .update_pet_with_form(1, PetType::Dog, PetFood::Meat, 42, Some(options))
            .await);
        Ok(())
    });
    scenario!(v, encoded, "UrlEncodedDataWithPartialConstantBody", |c| c
        .partial_constant_body("bar", "foo")
        .await);
    v
}
