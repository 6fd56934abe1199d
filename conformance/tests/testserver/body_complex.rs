//! body-complex.json: models of every primitive, arrays, dictionaries, inheritance,
//! discriminated unions (also dotted and recursive) and read-only properties. Most PUT
//! scenarios send back what the matching GET decoded: the server checks the JSON it receives
//! against the same fixture, so a value that does not survive decoding and encoding fails.

use conformance::clients::body_complex::*;
use conformance::harness::options;
use restgen_runtime::{Credential, ErrorKind};

use crate::{Scenario, Server, check, check_eq, err, ok, scenario};

/// GET then PUT the same value: a wire round trip the server checks.
macro_rules! round_trip {
    ($list:ident, $client:expr, $get_name:literal, $put_name:literal, $get:ident, $put:ident, |$v:ident| $check:block) => {
        scenario!($list, $client, $get_name, |c| {
            let $v = ok!(c.$get().await);
            $check
            Ok(())
        });
        scenario!($list, $client, $put_name, |c| {
            let value = ok!(c.$get().await);
            ok!(c.$put(&value).await);
            Ok(())
        });
    };
}

/// The array of the valid array scenarios, its null included.
fn array_valid() -> Vec<Option<String>> {
    vec![
        Some("1, 2, 3, 4".into()),
        Some(String::new()),
        None,
        Some("&S#$(*Y".into()),
        Some("The quick brown fox jumps over the lazy dog".into()),
    ]
}

/// The map of the valid dictionary scenarios, its null value included.
fn dictionary_valid() -> std::collections::BTreeMap<String, Option<String>> {
    [
        ("txt", Some("notepad")),
        ("bmp", Some("mspaint")),
        ("xls", Some("excel")),
        ("exe", Some("")),
        ("", None),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.map(str::to_owned)))
    .collect()
}

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c = AutoRestComplexTestServiceClient::new(&s.url, Credential::Anonymous, options())
        .expect("client");
    let mut v: Vec<Scenario> = Vec::new();
    scenario!(v, c, "getComplexBasicValid", |c| {
        let basic = ok!(c.basic_get_valid().await);
        check_eq!((basic.id, basic.name.as_deref()), (Some(2), Some("abc")));
        check_eq!(basic.color, Some(CmykColors::Yellow));
        Ok(())
    });
    scenario!(v, c, "putComplexBasicValid", |c| {
        let mut basic = Basic::new();
        basic.id = Some(2);
        basic.name = Some("abc".into());
        basic.color = Some(CmykColors::Magenta);
        ok!(c.basic_put_valid(&basic).await);
        Ok(())
    });
    scenario!(v, c, "getComplexBasicEmpty", |c| {
        check_eq!(ok!(c.basic_get_empty().await), Basic::new());
        Ok(())
    });
    scenario!(v, c, "getComplexBasicNull", |c| {
        check_eq!(ok!(c.basic_get_null().await), Basic::new());
        Ok(())
    });
    scenario!(v, c, "getComplexBasicNotProvided", |c| {
        // No body where a model is declared: a decoding error, not an invented value.
        check_eq!(
            err!(c.basic_get_not_provided().await, "no body").kind(),
            ErrorKind::Decode
        );
        Ok(())
    });
    scenario!(v, c, "getComplexBasicInvalid", |c| {
        let e = err!(c.basic_get_invalid().await, "an id that is not a number");
        check_eq!(e.kind(), ErrorKind::Decode);
        check!(
            e.to_string().contains("`id`"),
            "the error names the field: {e}"
        );
        Ok(())
    });
    round_trip!(
        v,
        c,
        "getComplexPrimitiveInteger",
        "putComplexPrimitiveInteger",
        get_int,
        put_int,
        |w| {
            check_eq!((w.field1, w.field2), (Some(-1), Some(2)));
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPrimitiveLong",
        "putComplexPrimitiveLong",
        get_long,
        put_long,
        |w| {
            check_eq!(
                (w.field1, w.field2),
                (Some(1_099_511_627_775), Some(-999_511_627_788))
            );
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPrimitiveFloat",
        "putComplexPrimitiveFloat",
        get_float,
        put_float,
        |w| {
            check_eq!((w.field1, w.field2), (Some(1.05), Some(-0.003)));
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPrimitiveDouble",
        "putComplexPrimitiveDouble",
        get_double,
        put_double,
        |w| {
            check_eq!(w.field1, Some(3e-100));
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPrimitiveBool",
        "putComplexPrimitiveBool",
        get_bool,
        put_bool,
        |w| {
            check_eq!((w.field_true, w.field_false), (Some(true), Some(false)));
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPrimitiveString",
        "putComplexPrimitiveString",
        get_string,
        put_string,
        |w| {
            check_eq!(
                (w.field.as_deref(), w.empty.as_deref(), w.null.as_deref()),
                (Some("goodrequest"), Some(""), None)
            );
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPrimitiveDate",
        "putComplexPrimitiveDate",
        get_date,
        put_date,
        |w| {
            check_eq!(w.leap.map(|d| (d.month() as u8, d.day())), Some((2, 29)));
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPrimitiveDateTime",
        "putComplexPrimitiveDateTime",
        get_date_time,
        put_date_time,
        |w| {
            check_eq!(w.now.map(|t| t.unix_timestamp()), Some(1_431_974_280));
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPrimitiveDateTimeRfc1123",
        "putComplexPrimitiveDateTimeRfc1123",
        get_date_time_rfc1123,
        put_date_time_rfc1123,
        |w| {
            check_eq!(w.now.map(|t| t.unix_timestamp()), Some(1_431_949_080));
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPrimitiveDuration",
        "putComplexPrimitiveDuration",
        get_duration,
        put_duration,
        |w| {
            check_eq!(
                w.field.and_then(|d| d.to_std()).map(|d| d.as_secs()),
                Some(123 * 86_400 + 22 * 3_600 + 14 * 60 + 12)
            );
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPrimitiveByte",
        "putComplexPrimitiveByte",
        get_byte,
        put_byte,
        |w| {
            check_eq!(
                w.field,
                Some(vec![255, 254, 253, 252, 0, 250, 249, 248, 247, 246])
            );
        }
    );
    // The service sends null items its spec does not declare: the suite generates this spec
    // with `nullable-items: all`, so they read and write as `None`.
    scenario!(v, c, "getComplexArrayValid", |c| {
        check_eq!(ok!(c.array_get_valid().await).array, Some(array_valid()));
        Ok(())
    });
    scenario!(v, c, "putComplexArrayValid", |c| {
        let mut w = ArrayWrapper::new();
        w.array = Some(array_valid());
        ok!(c.array_put_valid(&w).await);
        Ok(())
    });
    scenario!(v, c, "getComplexDictionaryValid", |c| {
        check_eq!(
            ok!(c.dictionary_get_valid().await).default_program,
            Some(dictionary_valid())
        );
        Ok(())
    });
    scenario!(v, c, "putComplexDictionaryValid", |c| {
        let mut w = DictionaryWrapper::new();
        w.default_program = Some(dictionary_valid());
        ok!(c.dictionary_put_valid(&w).await);
        Ok(())
    });
    scenario!(v, c, "getComplexArrayEmpty", |c| {
        check_eq!(ok!(c.array_get_empty().await).array, Some(Vec::new()));
        Ok(())
    });
    scenario!(v, c, "putComplexArrayEmpty", |c| {
        let mut w = ArrayWrapper::new();
        w.array = Some(Vec::new());
        ok!(c.array_put_empty(&w).await);
        Ok(())
    });
    scenario!(v, c, "getComplexArrayNotProvided", |c| {
        check_eq!(ok!(c.array_get_not_provided().await).array, None);
        Ok(())
    });
    scenario!(v, c, "getComplexDictionaryEmpty", |c| {
        check_eq!(
            ok!(c.dictionary_get_empty().await).default_program,
            Some(Default::default())
        );
        Ok(())
    });
    scenario!(v, c, "putComplexDictionaryEmpty", |c| {
        let mut w = DictionaryWrapper::new();
        w.default_program = Some(Default::default());
        ok!(c.dictionary_put_empty(&w).await);
        Ok(())
    });
    scenario!(v, c, "getComplexDictionaryNull", |c| {
        check_eq!(ok!(c.dictionary_get_null().await).default_program, None);
        Ok(())
    });
    scenario!(v, c, "getComplexDictionaryNotProvided", |c| {
        check_eq!(
            ok!(c.dictionary_get_not_provided().await).default_program,
            None
        );
        Ok(())
    });
    round_trip!(
        v,
        c,
        "getComplexInheritanceValid",
        "putComplexInheritanceValid",
        inheritance_get_valid,
        inheritance_put_valid,
        |siamese| {
            check_eq!(
                (siamese.breed.as_deref(), siamese.name.as_deref()),
                (Some("persian"), Some("Siameeee"))
            );
            check_eq!(siamese.hates.as_ref().map(Vec::len), Some(2));
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPolymorphismValid",
        "putComplexPolymorphismValid",
        polymorphism_get_valid,
        polymorphism_put_valid,
        |fish| {
            let FishUnion::Salmon(salmon) = fish else {
                return Err(format!("not a salmon: {fish:?}"));
            };
            check_eq!(salmon.location.as_deref(), Some("alaska"));
            let siblings = salmon.siblings.unwrap_or_default();
            check_eq!(siblings.len(), 3);
            let Some(FishUnion::Goblinshark(goblin)) = &siblings[2] else {
                return Err("not a goblin".into());
            };
            // A colour outside the declared set is kept, to be sent back as it came.
            check_eq!(
                goblin.color.as_ref().map(|c| c.to_string()),
                Some("pinkish-gray".to_owned())
            );
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPolymorphismComplicated",
        "putComplexPolymorphismComplicated",
        polymorphism_get_complicated,
        polymorphism_put_complicated,
        |salmon| {
            let SalmonUnion::SmartSalmon(smart) = salmon else {
                return Err(format!("not a smart salmon: {salmon:?}"));
            };
            check!(
                !smart.additional_properties.is_empty(),
                "extra properties are kept"
            );
        }
    );
    round_trip!(
        v,
        c,
        "getComplexPolymorphicRecursiveValid",
        "putComplexPolymorphicRecursiveValid",
        polymorphicrecursive_get_valid,
        polymorphicrecursive_put_valid,
        |fish| {
            check!(matches!(fish, FishUnion::Salmon(_)), "{fish:?}");
        }
    );
    round_trip!(
        v,
        c,
        "getComplexReadOnlyPropertyValid",
        "putComplexReadOnlyPropertyValid",
        readonlyproperty_get_valid,
        readonlyproperty_put_valid,
        |obj| {
            // Read-only `id` is read, and never sent back.
            check_eq!((obj.id.as_deref(), obj.size), (Some("1234"), Some(2)));
        }
    );
    scenario!(v, c, "putComplexPolymorphismNoDiscriminator", |c| {
        // The salmon of the valid scenario, sent as a `SalmonUnion`: the client writes the
        // discriminator; the answer omits it and still reads, as the base model.
        let FishUnion::Salmon(salmon) = ok!(c.polymorphism_get_valid().await) else {
            return Err("not a salmon".into());
        };
        let back = ok!(c
            .polymorphism_put_missing_discriminator(&SalmonUnion::Salmon(salmon.clone()))
            .await);
        let SalmonUnion::Salmon(back) = back else {
            return Err(format!("{back:?}"));
        };
        check_eq!(back.location, salmon.location);
        Ok(())
    });
    scenario!(v, c, "getComplexPolymorphismDotSyntax", |c| {
        let fish = ok!(c.polymorphism_get_dot_syntax().await);
        check!(matches!(fish, DotFishUnion::DotSalmon(_)), "{fish:?}");
        Ok(())
    });
    scenario!(v, c, "getComposedWithDiscriminator", |c| {
        let market = ok!(c.polymorphism_get_composed_with_discriminator().await);
        check_eq!(market.fishes.as_ref().map(Vec::len), Some(2));
        Ok(())
    });
    scenario!(v, c, "getComposedWithoutDiscriminator", |c| {
        let market = ok!(c.polymorphism_get_composed_without_discriminator().await);
        check_eq!(market.salmons.as_ref().map(Vec::len), Some(2));
        Ok(())
    });
    v
}
