//! Models as the type specs shape them: extra properties beside declared ones (also a property
//! named `additionalProperties`), `any` and free-form objects, multiple inheritance (every
//! ancestor's properties in one struct), `x-ms-client-flatten` models (kept nested, so the wire
//! is exact), and constants filled in by `new`.

use std::collections::BTreeMap;

use conformance::clients::{
    additional_properties as ap, any_type, model_flattening as flat, multiple_inheritance as mi,
    object_type, validation,
};
use conformance::harness::options;
use restgen_runtime::Credential;
use serde_json::json;

use crate::{Scenario, Server, check, check_eq, model, ok, scenario};

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let mut v: Vec<Scenario> = Vec::new();
    additional_properties(&mut v, s);
    anything(&mut v, s);
    multiple_inheritance(&mut v, s);
    flattening(&mut v, s);
    constants(&mut v, s);
    v
}

/// The puppy the server expects: declared `id` and `name`, the rest extra.
fn puppy_extras() -> BTreeMap<String, serde_json::Value> {
    [
        ("birthdate", json!("2017-12-13T02:29:51Z")),
        ("complexProperty", json!({"color": "Red"})),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn additional_properties(v: &mut Vec<Scenario>, s: &Server) {
    let c = ap::AdditionalPropertiesClient::new(&s.url, Credential::Anonymous, options())
        .expect("client");
    scenario!(v, c, "additionalPropertiesTrue", |c| {
        let mut pet = ap::PetApTrue::new(1);
        pet.name = Some("Puppy".into());
        pet.additional_properties = puppy_extras();
        let back = ok!(c.create_ap_true(&pet).await);
        // The read-only `status` comes back; the extras come back as they went.
        check_eq!(back.status, Some(true));
        check_eq!(back.additional_properties, puppy_extras());
        Ok(())
    });
    scenario!(v, c, "additionalPropertiesSubclass", |c| {
        let mut cat = ap::CatApTrue::new(1);
        cat.name = Some("Lisa".into());
        cat.friendly = Some(true);
        cat.additional_properties = puppy_extras();
        let back = ok!(c.create_cat_ap_true(&cat).await);
        check_eq!((back.friendly, back.status), (Some(true), Some(true)));
        Ok(())
    });
    scenario!(v, c, "additionalPropertiesTypeObject", |c| {
        let mut pet = ap::PetApObject::new(2);
        pet.name = Some("Hira".into());
        let sibling = json!({
            "id": 1, "name": "Puppy", "birthdate": "2017-12-13T02:29:51Z",
            "complexProperty": {"color": "Red"}
        });
        pet.additional_properties
            .insert("siblings".into(), json!([sibling]));
        pet.additional_properties
            .insert("picture".into(), json!("//////4="));
        let back = ok!(c.create_ap_object(&pet).await);
        check_eq!(back.additional_properties["picture"], json!("//////4="));
        Ok(())
    });
    scenario!(v, c, "additionalPropertiesTypeString", |c| {
        let mut pet = ap::PetApString::new(3);
        pet.name = Some("Tommy".into());
        for (k, val) in [("color", "red"), ("weight", "10 kg"), ("city", "Bombay")] {
            pet.additional_properties.insert(k.into(), val.into());
        }
        let back = ok!(c.create_ap_string(&pet).await);
        check_eq!(
            back.additional_properties.get("weight").map(String::as_str),
            Some("10 kg")
        );
        Ok(())
    });
    let sizes = || -> BTreeMap<String, f64> {
        [("height", 5.61), ("weight", 599.0), ("footsize", 11.5)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect()
    };
    scenario!(v, c, "additionalPropertiesInProperties", |c| {
        // A declared property named `additionalProperties`: a field of its own.
        let mut pet = ap::PetApInProperties::new(4);
        pet.name = Some("Bunny".into());
        pet.additional_properties = Some(sizes());
        let back = ok!(c.create_ap_in_properties(&pet).await);
        check_eq!(back.additional_properties, Some(sizes()));
        Ok(())
    });
    scenario!(
        v,
        c,
        "additionalPropertiesInPropertiesWithAPTypeString",
        |c| {
            // Both: the declared `additionalProperties`, and the map of undeclared ones beside it.
            let mut pet = ap::PetApInPropertiesWithApString::new(5, "westus".into());
            pet.name = Some("Funny".into());
            pet.additional_properties = Some(sizes());
            for (k, val) in [
                ("color", "red"),
                ("city", "Seattle"),
                ("food", "tikka masala"),
            ] {
                pet.other_properties.insert(k.into(), val.into());
            }
            let back = ok!(c.create_ap_in_properties_with_ap_string(&pet).await);
            check_eq!(back.odata_location, "westus");
            check_eq!(
                back.other_properties.get("food").map(String::as_str),
                Some("tikka masala")
            );
            Ok(())
        }
    );
}

fn anything(v: &mut Vec<Scenario>, s: &Server) {
    let c =
        any_type::AnythingClient::new(&s.url, Credential::Anonymous, options()).expect("client");
    scenario!(v, c, "GetStringAsAnything", |c| {
        check_eq!(ok!(c.get_string().await), json!("anything"));
        Ok(())
    });
    scenario!(v, c, "PutStringAsAnything", |c| c
        .put_string(&json!("anything"))
        .await);
    scenario!(v, c, "GetObjectAsAnything", |c| {
        let got = ok!(c.get_object().await);
        check_eq!(
            got,
            json!({"message": "An object was successfully returned"})
        );
        Ok(())
    });
    scenario!(v, c, "PutObjectAsAnything", |c| c
        .put_object(&json!({"foo": "bar"}))
        .await);
    scenario!(v, c, "GetArrayAsAnything", |c| {
        check_eq!(ok!(c.get_array().await), json!(["foo", "bar"]));
        Ok(())
    });
    scenario!(v, c, "PutArrayAsAnything", |c| c
        .put_array(&json!(["foo", "bar"]))
        .await);

    let c = object_type::ObjectTypeClient::new(&s.url, Credential::Anonymous, options())
        .expect("client");
    scenario!(v, c, "ObjectTypeResponse", |c| {
        let got = ok!(c.get().await);
        check_eq!(got["message"], "An object was successfully returned");
        Ok(())
    });
    scenario!(v, c, "ObjectTypePut", |c| c
        .put(&json!({"foo": "bar"}))
        .await);
    scenario!(v, c, "ObjectTypeErrorResponse", |c| {
        // The error's declared type is a free-form object: the body, as JSON.
        let e = match c.put(&json!({"should": "fail"})).await {
            Ok(()) => return Err("a wrong object was accepted".into()),
            Err(e) => e,
        };
        check_eq!(e.status(), Some(400));
        let body = model::<serde_json::Value>(&e)?;
        check_eq!(body["message"], "The object you passed was incorrect");
        Ok(())
    });
}

fn multiple_inheritance(v: &mut Vec<Scenario>, s: &Server) {
    let c = mi::MultipleInheritanceServiceClient::new(&s.url, Credential::Anonymous, options())
        .expect("client");
    scenario!(v, c, "MultipleInheritancePetGet", |c| {
        check_eq!(ok!(c.get_pet().await).name, "Peanut");
        Ok(())
    });
    scenario!(v, c, "MultipleInheritancePetPut", |c| {
        check_eq!(
            ok!(c.put_pet(&mi::Pet::new("Butter".into())).await),
            "Pet was correct!"
        );
        Ok(())
    });
    scenario!(v, c, "MultipleInheritanceHorseGet", |c| {
        let horse = ok!(c.get_horse().await);
        check_eq!(
            (horse.name.as_str(), horse.is_a_show_horse),
            ("Fred", Some(true))
        );
        Ok(())
    });
    scenario!(v, c, "MultipleInheritanceHorsePut", |c| {
        let mut horse = mi::Horse::new("General".into());
        horse.is_a_show_horse = Some(false);
        check_eq!(ok!(c.put_horse(&horse).await), "Horse was correct!");
        Ok(())
    });
    scenario!(v, c, "MultipleInheritanceFelineGet", |c| {
        let feline = ok!(c.get_feline().await);
        check_eq!((feline.meows, feline.hisses), (Some(true), Some(true)));
        Ok(())
    });
    scenario!(v, c, "MultipleInheritanceFelinePut", |c| {
        let mut feline = mi::Feline::new();
        (feline.meows, feline.hisses) = (Some(false), Some(true));
        check_eq!(ok!(c.put_feline(&feline).await), "Feline was correct!");
        Ok(())
    });
    // A cat is a pet and a feline: both parents' properties in one struct.
    scenario!(v, c, "MultipleInheritanceCatGet", |c| {
        let cat = ok!(c.get_cat().await);
        check_eq!(cat.name, "Whiskers");
        check_eq!(
            (cat.likes_milk, cat.meows, cat.hisses),
            (Some(true), Some(true), Some(true))
        );
        Ok(())
    });
    scenario!(v, c, "MultipleInheritanceCatPut", |c| {
        let mut cat = mi::Cat::new("Boots".into());
        (cat.likes_milk, cat.meows, cat.hisses) = (Some(false), Some(true), Some(false));
        check_eq!(ok!(c.put_cat(&cat).await), "Cat was correct!");
        Ok(())
    });
    scenario!(v, c, "MultipleInheritanceKittenGet", |c| {
        let kitten = ok!(c.get_kitten().await);
        check_eq!(kitten.name, "Gatito");
        check_eq!(kitten.eats_mice_yet, Some(false));
        Ok(())
    });
    scenario!(v, c, "MultipleInheritanceKittenPut", |c| {
        let mut kitten = mi::Kitten::new("Kitty".into());
        (kitten.likes_milk, kitten.meows, kitten.hisses) = (Some(false), Some(true), Some(false));
        kitten.eats_mice_yet = Some(true);
        check_eq!(ok!(c.put_kitten(&kitten).await), "Kitten was correct!");
        Ok(())
    });
}

fn flat_product(location: &str, tags: bool, name: Option<&str>) -> flat::FlattenedProduct {
    let mut p = flat::FlattenedProduct::new();
    p.location = Some(location.into());
    if tags {
        p.tags = Some(
            [("tag1", "value1"), ("tag2", "value3")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        );
    }
    if let Some(name) = name {
        let mut properties = flat::FlattenedProductProperties::new();
        properties.p_name = Some(name.into());
        properties.type_ = Some("Flat".into());
        p.properties = Some(properties);
    }
    p
}

/// The product of the custom flattening scenarios; `generic` adds the inherited property.
fn simple_product(generic: bool) -> flat::SimpleProduct {
    let mut image = flat::ProductUrl::new();
    image.odata_value = Some("http://foo".into());
    if generic {
        image.generic_value = Some("https://generic".into());
    }
    let mut details = flat::SimpleProductProperties::new("max name".into());
    details.max_product_image = Some(image);
    let mut product = flat::SimpleProduct::new("123".into());
    product.description = Some("product description".into());
    product.details = Some(details);
    product
}

/// `x-ms-client-flatten` is not applied to models: the nested models are kept, so what is
/// sent and read is exactly the wire's shape (see the conformance README).
fn flattening(v: &mut Vec<Scenario>, s: &Server) {
    let c = flat::AutoRestResourceFlatteningTestServiceClient::new(
        &s.url,
        Credential::Anonymous,
        options(),
    )
    .expect("client");
    scenario!(v, c, "getModelFlattenArray", |c| {
        let products = ok!(c.get_array().await);
        check_eq!(products.len(), 3);
        let first = products[0].properties.as_ref().ok_or("no properties")?;
        check_eq!(first.p_name.as_deref(), Some("Product1"));
        check_eq!(first.provisioning_state.as_deref(), Some("Succeeded"));
        check_eq!(products[2].name.as_deref(), Some("Resource3"));
        Ok(())
    });
    scenario!(v, c, "putModelFlattenArray", |c| ({
        let mut first = flat::Resource::new();
        first.location = Some("West US".into());
        first.tags = flat_product("", true, None).tags;
        let mut second = flat::Resource::new();
        second.location = Some("Building 44".into());
        c.put_array(Some(&[first, second])).await
    }));
    scenario!(v, c, "getModelFlattenDictionary", |c| {
        let products = ok!(c.get_dictionary().await);
        check_eq!(
            products["Product2"].location.as_deref(),
            Some("Building 44")
        );
        Ok(())
    });
    let dictionary = || -> BTreeMap<String, flat::FlattenedProduct> {
        [
            ("Resource1", flat_product("West US", true, Some("Product1"))),
            (
                "Resource2",
                flat_product("Building 44", false, Some("Product2")),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    };
    scenario!(v, c, "putModelFlattenDictionary", |c| c
        .put_dictionary(Some(&dictionary()))
        .await);
    scenario!(v, c, "getModelFlattenResourceCollection", |c| {
        let collection = ok!(c.get_resource_collection().await);
        let product = collection.productresource.ok_or("no product resource")?;
        check_eq!(product.name.as_deref(), Some("Resource7"));
        check_eq!(collection.arrayofresources.map(|a| a.len()), Some(3));
        Ok(())
    });
    scenario!(v, c, "putModelFlattenResourceCollection", |c| ({
        let mut collection = flat::ResourceCollection::new();
        collection.arrayofresources = Some(vec![
            flat_product("West US", true, Some("Product1")),
            flat_product("East US", false, Some("Product2")),
        ]);
        collection.dictionaryofresources = Some(dictionary());
        collection.productresource = Some(flat_product("India", false, Some("Azure")));
        c.put_resource_collection(Some(&collection)).await
    }));
    scenario!(v, c, "putModelFlattenCustomBase", |c| {
        let back = ok!(c.put_simple_product(Some(&simple_product(true))).await);
        check_eq!(back, simple_product(true));
        Ok(())
    });
    scenario!(v, c, "postModelFlattenCustomParameter", |c| {
        let back = ok!(c
            .post_flattened_simple_product(Some(&simple_product(false)))
            .await);
        check_eq!(back.product_id, "123");
        Ok(())
    });
    scenario!(v, c, "putModelFlattenCustomGroupedParameter", |c| {
        let mut group = flat::FlattenParameterGroup::new("groupproduct");
        group.simple_body_product = Some(simple_product(false));
        let back = ok!(c.put_simple_product_with_grouping(&group).await);
        let details = back.details.ok_or("no details")?;
        check_eq!(details.max_product_display_name, "max name");
        Ok(())
    });
}

/// Constants the spec fixes are sent without the caller giving them: in the path, and in
/// models (`new` fills them in).
fn constants(v: &mut Vec<Scenario>, s: &Server) {
    let c = validation::AutoRestValidationTestClient::new(
        &s.url,
        "subscription",
        "1.0.0",
        Credential::Anonymous,
        options(),
    )
    .expect("client");
    scenario!(v, c, "ConstantsInPath", |c| c
        .get_with_constant_in_path()
        .await);
    scenario!(v, c, "ConstantsInBody", |c| {
        let product = validation::Product::new(
            validation::ChildProduct::new(),
            validation::ConstantProduct::new(),
        );
        let back = ok!(c.post_with_constant_in_body(Some(&product)).await);
        check!(back.const_child.const_property2.is_some(), "{back:?}");
        check_eq!(back, product);
        Ok(())
    });
}
