//! extensible-enums-swagger: known values, values the client does not know (kept, not refused),
//! values read through `allowedValues`, and a round trip.

use conformance::clients::extensible_enums_swagger::*;
use conformance::harness::options;
use restgen_runtime::Credential;

use crate::{Scenario, Server, check_eq, ok, scenario};

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c = PetStoreIncClient::new(&s.url, Credential::Anonymous, options()).expect("client");
    let mut v: Vec<Scenario> = Vec::new();
    scenario!(v, c, "expectedEnum", |c| {
        let pet = ok!(c.get_by_pet_id("tommy").await);
        check_eq!(pet.days_of_week, Some(DaysOfWeekExtensibleEnum::Monday));
        check_eq!(pet.int_enum, IntEnum::V1);
        check_eq!(pet.name.as_deref(), Some("Tommy Tomson"));
        Ok(())
    });
    scenario!(v, c, "unexpectedEnum", |c| {
        let pet = ok!(c.get_by_pet_id("casper").await);
        check_eq!(
            pet.days_of_week,
            Some(DaysOfWeekExtensibleEnum::UnknownValue("Weekend".into()))
        );
        check_eq!(pet.int_enum, IntEnum::V2);
        Ok(())
    });
    scenario!(v, c, "allowedValueEnum", |c| {
        // `2.1` is one of the allowed spellings of `2`.
        let pet = ok!(c.get_by_pet_id("scooby").await);
        check_eq!(pet.days_of_week, Some(DaysOfWeekExtensibleEnum::Thursday));
        check_eq!(pet.int_enum, IntEnum::V2);
        Ok(())
    });
    scenario!(v, c, "roundTripEnum", |c| {
        let mut pet = Pet::new(IntEnum::UnknownValue("3.5".into()));
        pet.name = Some("Retriever".into());
        pet.days_of_week = Some(DaysOfWeekExtensibleEnum::UnknownValue("Weekend".into()));
        let back = ok!(c.add_pet(Some(&pet)).await);
        check_eq!(back, pet);
        Ok(())
    });
    v
}
