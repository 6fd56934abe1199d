//! xms-error-responses: the error bodies a spec declares (`x-ms-error-response`, `default`) are
//! decoded into the error, polymorphic ones to the right variant; a 202 with no body is `None`.

use conformance::clients::xms_error_responses::*;
use conformance::harness::options;
use restgen_runtime::Credential;

use crate::{Scenario, Server, check, check_eq, err, model, ok, scenario};

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c = XmsErrorResponseExtensionsClient::new(&s.url, Credential::Anonymous, options())
        .expect("client");
    let mut v: Vec<Scenario> = Vec::new();
    scenario!(v, c, "expectedNoErrors", |c| {
        let pet = ok!(c.get_pet_by_id("tommy").await);
        check!(pet.is_some(), "a pet for tommy");
        let action = ok!(c.do_something("stay").await);
        // The server answers with a pet here; the action's one field is absent.
        check_eq!(action.action_response, None);
        // A 202 without a body: no pet.
        check_eq!(ok!(c.get_pet_by_id("django").await), None);
        Ok(())
    });
    scenario!(v, c, "animalNotFoundError", |c| {
        let e = err!(c.get_pet_by_id("coyoteUgly").await, "404");
        check_eq!(e.status(), Some(404));
        match model::<NotFoundErrorBaseUnion>(&e)? {
            NotFoundErrorBaseUnion::AnimalNotFound(a) => {
                check_eq!(a.name.as_deref(), Some("coyote"));
                check_eq!(
                    a.reason.as_deref(),
                    Some("the type of animal requested is not available")
                );
            }
            other => return Err(format!("expected AnimalNotFound, got {other:?}")),
        }
        Ok(())
    });
    scenario!(v, c, "linkNotFoundError", |c| {
        let e = err!(c.get_pet_by_id("weirdAlYankovic").await, "404");
        match model::<NotFoundErrorBaseUnion>(&e)? {
            NotFoundErrorBaseUnion::LinkNotFound(l) => {
                check_eq!(
                    l.what_sub_address.as_deref(),
                    Some("pet/yourpet was not found")
                );
                check_eq!(l.some_base_prop.as_deref(), Some("problem finding pet"));
            }
            other => return Err(format!("expected LinkNotFound, got {other:?}")),
        }
        Ok(())
    });
    scenario!(v, c, "stringError", |c| {
        let e = err!(c.get_pet_by_id("ringo").await, "400");
        check_eq!(e.status(), Some(400));
        check_eq!(model::<String>(&e)?.as_str(), "ringo is missing");
        Ok(())
    });
    scenario!(v, c, "intError", |c| {
        let e = err!(c.get_pet_by_id("alien123").await, "501");
        check_eq!(e.status(), Some(501));
        check_eq!(*model::<i32>(&e)?, 123);
        Ok(())
    });
    scenario!(v, c, "expectedPetSadError", |c| {
        let e = err!(c.do_something("jump").await, "500");
        check_eq!(e.status(), Some(500));
        match model::<PetActionErrorUnion>(&e)? {
            PetActionErrorUnion::PetSadError(sad) => {
                check_eq!(sad.reason.as_deref(), Some("need more treats"));
                check_eq!(sad.error_message.as_deref(), Some("casper aint happy"));
            }
            other => return Err(format!("expected PetSadError, got {other:?}")),
        }
        Ok(())
    });
    scenario!(v, c, "expectedPetHungryError", |c| {
        // A 404 is not declared: the `default` error type applies.
        let e = err!(c.do_something("fetch").await, "404");
        check_eq!(e.status(), Some(404));
        match model::<PetActionErrorUnion>(&e)? {
            PetActionErrorUnion::PetHungryOrThirstyError(h) => {
                check_eq!(h.hungry_or_thirsty.as_deref(), Some("hungry and thirsty"));
                check_eq!(h.reason.as_deref(), Some("need more everything"));
            }
            other => return Err(format!("expected PetHungryOrThirstyError, got {other:?}")),
        }
        // Not some other type.
        check!(
            e.model::<String>().is_none(),
            "the model is only its own type"
        );
        Ok(())
    });
    scenario!(v, c, "sendErrorWithParamNameModels", |c| {
        // `models` is sent as its client default, `value1`; the server then answers 500.
        let e = err!(c.has_models_param(None).await, "500");
        check!(
            matches!(
                model::<PetActionErrorUnion>(&e)?,
                PetActionErrorUnion::PetSadError(_)
            ),
            "a PetSadError"
        );
        Ok(())
    });
    v
}
