//! non-string-enum: integer and float enums are Rust enums that travel as JSON numbers.

use conformance::clients::non_string_enum::*;
use conformance::harness::options;
use restgen_runtime::Credential;

use crate::{Scenario, Server, check_eq, ok, scenario};

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c = NonStringEnumsClient::new(&s.url, Credential::Anonymous, options()).expect("client");
    let mut v: Vec<Scenario> = Vec::new();
    scenario!(v, c, "NonStringEnumsPostInt", |c| {
        let reply = ok!(c.int_put(Some(&IntEnum::V200)).await);
        check_eq!(reply, "Nice job posting an int enum");
        Ok(())
    });
    scenario!(v, c, "NonStringEnumsGetInt", |c| {
        check_eq!(ok!(c.int_get().await), IntEnum::V429);
        check_eq!(IntEnum::V429.value(), 429);
        Ok(())
    });
    scenario!(v, c, "NonStringEnumsPostFloat", |c| {
        let reply = ok!(c.float_put(Some(&FloatEnum::V2004)).await);
        check_eq!(reply, "Nice job posting a float enum");
        Ok(())
    });
    scenario!(v, c, "NonStringEnumsGetFloat", |c| {
        check_eq!(ok!(c.float_get().await), FloatEnum::V4291);
        Ok(())
    });
    scenario!(
        v,
        c,
        "non-string enums: unknown values are kept, text parses",
        |_c| {
            let unknown: IntEnum =
                ok!(serde_json::from_str::<IntEnum>("7").map_err(|e| e.to_string()));
            check_eq!(unknown, IntEnum::UnknownValue(7));
            check_eq!(
                ok!(serde_json::to_string(&unknown).map_err(|e| e.to_string())),
                "7"
            );
            check_eq!(ok!("405".parse::<IntEnum>()), IntEnum::V405);
            check_eq!(FloatEnum::from(405.3), FloatEnum::V4053);
            check_eq!(FloatEnum::V4053.to_string(), "405.3");
            Ok(())
        }
    );
    v
}
