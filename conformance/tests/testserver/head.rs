//! head and head-exceptions: HEAD operations answer whether the resource exists. Where the spec
//! declares a 404 it reads as `false`; where it does not, a 404 is an error.

use conformance::clients::head::AutoRestHeadTestServiceClient;
use conformance::clients::head_exceptions::AutoRestHeadExceptionTestServiceClient;
use conformance::harness::options;
use restgen_runtime::Credential;

use crate::{Scenario, Server, check_eq, err, ok, scenario};

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c = AutoRestHeadTestServiceClient::new(&s.url, Credential::Anonymous, options())
        .expect("client");
    let x = AutoRestHeadExceptionTestServiceClient::new(&s.url, Credential::Anonymous, options())
        .expect("client");
    let mut v: Vec<Scenario> = Vec::new();
    scenario!(v, c, "HttpSuccess200Head", |c| {
        check_eq!(ok!(c.head200().await), true);
        Ok(())
    });
    scenario!(v, c, "HttpSuccess204Head", |c| {
        check_eq!(ok!(c.head204().await), true);
        Ok(())
    });
    scenario!(v, c, "HttpSuccess404Head", |c| {
        check_eq!(ok!(c.head404().await), false);
        Ok(())
    });
    scenario!(
        v,
        x,
        "head-exceptions: 200 and 204 exist, 404 raises",
        |x| {
            check_eq!(ok!(x.head200().await), true);
            check_eq!(ok!(x.head204().await), true);
            let e = err!(x.head404().await, "404 is not declared here");
            check_eq!(e.status(), Some(404));
            Ok(())
        }
    );
    v
}
