//! httpInfrastructure.json: success statuses per method, redirects (which are followed, and
//! how), client and server failures as errors with their status, retries of transient
//! failures, and operations whose responses declare models, none, or only errors.

use conformance::clients::http_infrastructure::*;
use conformance::harness::options;
use restgen_runtime::{Credential, ErrorKind};

use crate::{Scenario, Server, check, check_eq, err, model, ok, scenario};

/// Fails unless the call failed with the service's `status`.
fn failed_with(
    result: Result<impl std::fmt::Debug, restgen_runtime::Error>,
    status: u16,
) -> Result<(), String> {
    match result {
        Ok(v) => Err(format!("expected HTTP {status}, got {v:?}")),
        Err(e) if e.status() == Some(status) => Ok(()),
        Err(e) => Err(format!("expected HTTP {status}, got {e}")),
    }
}

/// One scenario per `(name, call)`: the call must fail with the given status.
macro_rules! failures {
    ($list:ident, $client:expr, $($name:literal => $status:literal, |$c:ident| $call:expr;)*) => {
        $(scenario!($list, $client, $name, |$c| { failed_with($call, $status) });)*
    };
}

/// One scenario per `(name, call)`: the call must succeed.
macro_rules! successes {
    ($list:ident, $client:expr, $($name:literal => |$c:ident| $call:expr;)*) => {
        $(scenario!($list, $client, $name, |$c| { ok!($call); Ok(()) });)*
    };
}

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c =
        AutoRestHttpInfrastructureTestServiceClient::new(&s.url, Credential::Anonymous, options())
            .expect("client");
    let mut v: Vec<Scenario> = Vec::new();
    success(&mut v, &c);
    redirects(&mut v, &c);
    client_failures(&mut v, &c);
    server_failures_and_retries(&mut v, &c);
    multiple_responses(&mut v, &c);
    v
}

fn success(v: &mut Vec<Scenario>, c: &AutoRestHttpInfrastructureTestServiceClient) {
    let t = Some(&true);
    scenario!(v, c, "HttpSuccess200Get", |c| {
        check!(ok!(c.get200().await), "the body is `true`");
        Ok(())
    });
    successes!(v, c,
        "HttpSuccess200Put" => |c| c.put200(t).await;
        "HttpSuccess200Post" => |c| c.post200(t).await;
        "HttpSuccess200Patch" => |c| c.patch200(t).await;
        "HttpSuccess200Delete" => |c| c.delete200(t).await;
        "HttpSuccess201Put" => |c| c.put201(t).await;
        "HttpSuccess201Post" => |c| c.post201(t).await;
        "HttpSuccess202Put" => |c| c.put202(t).await;
        "HttpSuccess202Post" => |c| c.post202(t).await;
        "HttpSuccess202Patch" => |c| c.patch202(t).await;
        "HttpSuccess202Delete" => |c| c.delete202(t).await;
        "HttpSuccess204Put" => |c| c.put204(t).await;
        "HttpSuccess204Post" => |c| c.post204(t).await;
        "HttpSuccess204Patch" => |c| c.patch204(t).await;
        "HttpSuccess204Delete" => |c| c.delete204(t).await;
    );
}

/// Followed: the final answer is the success the redirect led to, so the declared `Location`
/// header of the 3xx is not there. Not followed (301 and 302 to a PUT or PATCH): the 3xx is
/// the declared answer, with its `Location`.
fn redirects(v: &mut Vec<Scenario>, c: &AutoRestHttpInfrastructureTestServiceClient) {
    let t = Some(&true);
    scenario!(v, c, "HttpRedirect300Get", |c| {
        let (body, headers) = ok!(c.get300().await);
        check_eq!((body, headers.location), (None, None));
        Ok(())
    });
    scenario!(v, c, "HttpRedirect300Head", |c| {
        check_eq!(ok!(c.head300().await).location, None);
        Ok(())
    });
    scenario!(v, c, "HttpRedirect301Head", |c| {
        check_eq!(ok!(c.head301().await).location, None);
        Ok(())
    });
    scenario!(v, c, "HttpRedirect301Get", |c| {
        check_eq!(ok!(c.get301().await).location, None);
        Ok(())
    });
    scenario!(v, c, "HttpRedirect301Put", |c| {
        let headers = ok!(c.put301(t).await);
        check_eq!(headers.location.as_deref(), Some("/http/failure/500"));
        Ok(())
    });
    scenario!(v, c, "HttpRedirect302Head", |c| {
        check_eq!(ok!(c.head302().await).location, None);
        Ok(())
    });
    scenario!(v, c, "HttpRedirect302Get", |c| {
        check_eq!(ok!(c.get302().await).location, None);
        Ok(())
    });
    scenario!(v, c, "HttpRedirect302Patch", |c| {
        let headers = ok!(c.patch302(t).await);
        check_eq!(headers.location.as_deref(), Some("/http/failure/500"));
        Ok(())
    });
    // 303 turns the POST into a GET of /http/success/get/200, which only a GET passes.
    scenario!(v, c, "HttpRedirect303Post", |c| {
        check_eq!(ok!(c.post303(t).await).location, None);
        Ok(())
    });
    // 307 keeps the method: each target answers 200 only to the method it names.
    scenario!(v, c, "HttpRedirect307Head", |c| {
        check_eq!(ok!(c.head307().await).location, None);
        Ok(())
    });
    scenario!(v, c, "HttpRedirect307Get", |c| {
        check_eq!(ok!(c.get307().await).location, None);
        Ok(())
    });
    scenario!(v, c, "HttpRedirect307Options", |c| {
        check_eq!(ok!(c.options307().await).location, None);
        Ok(())
    });
    scenario!(v, c, "HttpRedirect307Put", |c| {
        check_eq!(ok!(c.put307(t).await).location, None);
        Ok(())
    });
    scenario!(v, c, "HttpRedirect307Post", |c| {
        check_eq!(ok!(c.post307(t).await).location, None);
        Ok(())
    });
    scenario!(v, c, "HttpRedirect307Patch", |c| {
        check_eq!(ok!(c.patch307(t).await).location, None);
        Ok(())
    });
    scenario!(v, c, "HttpRedirect307Delete", |c| {
        check_eq!(ok!(c.delete307(t).await).location, None);
        Ok(())
    });
}

fn client_failures(v: &mut Vec<Scenario>, c: &AutoRestHttpInfrastructureTestServiceClient) {
    let t = Some(&true);
    failures!(v, c,
        "HttpClientFailure400Head" => 400, |c| c.head400().await;
        "HttpClientFailure400Get" => 400, |c| c.get400().await;
        "HttpClientFailure400Options" => 400, |c| c.options400().await;
        "HttpClientFailure400Put" => 400, |c| c.put400(t).await;
        "HttpClientFailure400Post" => 400, |c| c.post400(t).await;
        "HttpClientFailure400Patch" => 400, |c| c.patch400(t).await;
        "HttpClientFailure400Delete" => 400, |c| c.delete400(t).await;
        "HttpClientFailure401Head" => 401, |c| c.head401().await;
        "HttpClientFailure402Get" => 402, |c| c.get402().await;
        "HttpClientFailure403Get" => 403, |c| c.get403().await;
        "HttpClientFailure403Options" => 403, |c| c.options403().await;
        "HttpClientFailure404Put" => 404, |c| c.put404(t).await;
        "HttpClientFailure405Patch" => 405, |c| c.patch405(t).await;
        "HttpClientFailure406Post" => 406, |c| c.post406(t).await;
        "HttpClientFailure407Delete" => 407, |c| c.delete407(t).await;
        "HttpClientFailure409Put" => 409, |c| c.put409(t).await;
        "HttpClientFailure410Head" => 410, |c| c.head410().await;
        "HttpClientFailure411Get" => 411, |c| c.get411().await;
        "HttpClientFailure412Get" => 412, |c| c.get412().await;
        "HttpClientFailure412Options" => 412, |c| c.options412().await;
        "HttpClientFailure413Put" => 413, |c| c.put413(t).await;
        "HttpClientFailure414Patch" => 414, |c| c.patch414(t).await;
        "HttpClientFailure415Post" => 415, |c| c.post415(t).await;
        "HttpClientFailure416Get" => 416, |c| c.get416().await;
        "HttpClientFailure417Delete" => 417, |c| c.delete417(t).await;
    );
    // 429 is retried (without a Retry-After, by backoff); the server answers it every time.
    failures!(v, c, "HttpClientFailure429Head" => 429, |c| c.head429().await;);
}

fn server_failures_and_retries(
    v: &mut Vec<Scenario>,
    c: &AutoRestHttpInfrastructureTestServiceClient,
) {
    let t = Some(&true);
    failures!(v, c,
        "HttpServerFailure501Head" => 501, |c| c.head501().await;
        "HttpServerFailure501Get" => 501, |c| c.get501().await;
        "HttpServerFailure505Post" => 505, |c| c.post505(t).await;
        "HttpServerFailure505Delete" => 505, |c| c.delete505(t).await;
    );
    // The server fails the first try and answers 200 to the retry (a cookie tells them apart):
    // each call succeeding proves the retry rule covers that status and method.
    scenario!(v, c, "HttpRetry408Head", |c| {
        check!(
            ok!(c.head408().await),
            "the retry's 200 means the resource exists"
        );
        Ok(())
    });
    // The retry's 200 comes without the `true` the spec declares: a decode error of that 200.
    scenario!(v, c, "HttpRetry502Options", |c| {
        let e = err!(c.options502().await, "an empty 200 is not a boolean");
        check_eq!((e.kind(), e.status()), (ErrorKind::Decode, Some(200)));
        Ok(())
    });
    successes!(v, c,
        "HttpRetry500Put" => |c| c.put500(t).await;
        "HttpRetry500Patch" => |c| c.patch500(t).await;
        "HttpRetry502Get" => |c| c.get502().await;
        "HttpRetry503Post" => |c| c.post503(t).await;
        "HttpRetry503Delete" => |c| c.delete503(t).await;
        "HttpRetry504Put" => |c| c.put504(t).await;
        "HttpRetry504Patch" => |c| c.patch504(t).await;
    );
}

/// `{"statusCode": "<status>"}` as the `A` model reads it.
fn status_code(a: &A) -> Option<&str> {
    a.status_code.as_deref()
}

fn multiple_responses(v: &mut Vec<Scenario>, c: &AutoRestHttpInfrastructureTestServiceClient) {
    scenario!(v, c, "ResponsesScenarioA200MatchingModel", |c| {
        let a = ok!(c.get200_model204_no_model_default_error200_valid().await);
        check_eq!(a.as_ref().and_then(status_code), Some("200"));
        Ok(())
    });
    scenario!(v, c, "ResponsesScenarioA204MatchingNoModel", |c| {
        check_eq!(
            ok!(c.get200_model204_no_model_default_error204_valid().await),
            None
        );
        Ok(())
    });
    // 201 and 202 are not declared: errors, whatever the body.
    failures!(v, c,
        "ResponsesScenarioA201DefaultNoModel" => 201,
            |c| c.get200_model204_no_model_default_error201_invalid().await;
        "ResponsesScenarioA202DefaultNoModel" => 202,
            |c| c.get200_model204_no_model_default_error202_none().await;
    );
    scenario!(v, c, "ResponsesScenarioA400DefaultModel", |c| {
        let e = err!(
            c.get200_model204_no_model_default_error400_valid().await,
            "400"
        );
        check_eq!(e.status(), Some(400));
        check_eq!(
            model::<ErrorModel>(&e)?.message.as_deref(),
            Some("client error")
        );
        Ok(())
    });
    // 200 and 201 declare different models: the result is the JSON, read as it came.
    scenario!(v, c, "ResponsesScenarioB200MatchingModel", |c| {
        let value = ok!(c.get200_model201_model_default_error200_valid().await);
        check_eq!(value["statusCode"], "200");
        Ok(())
    });
    scenario!(v, c, "ResponsesScenarioB201MatchingModel", |c| {
        let value = ok!(c.get200_model201_model_default_error201_valid().await);
        check_eq!(
            (&value["statusCode"], &value["textStatusCode"]),
            (&"201".into(), &"Created".into())
        );
        Ok(())
    });
    scenario!(v, c, "ResponsesScenarioB400DefaultModel", |c| {
        let e = err!(
            c.get200_model201_model_default_error400_valid().await,
            "400"
        );
        check_eq!(
            model::<ErrorModel>(&e)?.message.as_deref(),
            Some("client error")
        );
        Ok(())
    });
    scenario!(v, c, "ResponsesScenarioC200MatchingModel", |c| {
        let value = ok!(c
            .get200_model_a201_model_c404_model_d_default_error200_valid()
            .await);
        check_eq!(value["statusCode"], "200");
        Ok(())
    });
    scenario!(v, c, "ResponsesScenarioC201MatchingModel", |c| {
        let value = ok!(c
            .get200_model_a201_model_c404_model_d_default_error201_valid()
            .await);
        check_eq!(value["httpCode"], "201");
        Ok(())
    });
    // A declared 404 is an error carrying its declared model.
    scenario!(v, c, "ResponsesScenarioC404MatchingModel", |c| {
        let e = err!(
            c.get200_model_a201_model_c404_model_d_default_error404_valid()
                .await,
            "404"
        );
        check_eq!(e.status(), Some(404));
        check_eq!(model::<D>(&e)?.http_status_code.as_deref(), Some("404"));
        Ok(())
    });
    scenario!(v, c, "ResponsesScenarioC400DefaultModel", |c| {
        let e = err!(
            c.get200_model_a201_model_c404_model_d_default_error400_valid()
                .await,
            "400"
        );
        check_eq!(
            model::<ErrorModel>(&e)?.message.as_deref(),
            Some("client error")
        );
        Ok(())
    });
    successes!(v, c,
        "ResponsesScenarioD202MatchingNoModel" => |c| c.get202_none204_none_default_error202_none().await;
        "ResponsesScenarioD204MatchingNoModel" => |c| c.get202_none204_none_default_error204_none().await;
        // A body where none is declared is passed over.
        "ResponsesScenarioE202MatchingInvalid" => |c| c.get202_none204_none_default_none202_invalid().await;
        "ResponsesScenarioE204MatchingNoModel" => |c| c.get202_none204_none_default_none204_none().await;
    );
    scenario!(v, c, "ResponsesScenarioD400DefaultModel", |c| {
        let e = err!(c.get202_none204_none_default_error400_valid().await, "400");
        check_eq!(
            model::<ErrorModel>(&e)?.message.as_deref(),
            Some("client error")
        );
        Ok(())
    });
    failures!(v, c,
        "ResponsesScenarioE400DefaultNoModel" => 400, |c| c.get202_none204_none_default_none400_none().await;
        "ResponsesScenarioE400DefaultInvalid" => 400, |c| c.get202_none204_none_default_none400_invalid().await;
    );
    // Only 200 declared (with A): the declared success reads; an empty body is not an A.
    scenario!(v, c, "ResponsesScenarioF200DefaultModel", |c| {
        check_eq!(
            status_code(&ok!(c.get_default_model_a200_valid().await)),
            Some("200")
        );
        Ok(())
    });
    scenario!(v, c, "ResponsesScenarioF200DefaultNone", |c| {
        let e = err!(c.get_default_model_a200_none().await, "no body is not an A");
        check_eq!(e.kind(), ErrorKind::Decode);
        Ok(())
    });
    // Only `default` declared (A): a 200 without a body is the success, anything else an error
    // carrying A when its body reads as one.
    scenario!(v, c, "ResponsesScenarioF400DefaultModel", |c| {
        let e = err!(c.get_default_model_a400_valid().await, "400");
        check_eq!(e.status(), Some(400));
        Ok(())
    });
    scenario!(v, c, "ResponsesScenarioF400DefaultNone", |c| {
        let e = err!(c.get_default_model_a400_none().await, "400");
        check_eq!(e.status(), Some(400));
        check!(
            e.model::<A>().is_some(),
            "{{\"property\":\"value\"}} reads as an A"
        );
        Ok(())
    });
    successes!(v, c,
        "ResponsesScenarioG200DefaultInvalid" => |c| c.get_default_none200_invalid().await;
        "ResponsesScenarioG200DefaultNoModel" => |c| c.get_default_none200_none().await;
    );
    failures!(v, c,
        "ResponsesScenarioG400DefaultInvalid" => 400, |c| c.get_default_none400_invalid().await;
        "ResponsesScenarioG400DefaultNoModel" => 400, |c| c.get_default_none400_none().await;
    );
    scenario!(v, c, "ResponsesScenarioH200MatchingNone", |c| {
        let e = err!(c.get200_model_a200_none().await, "no body is not an A");
        check_eq!(e.kind(), ErrorKind::Decode);
        Ok(())
    });
    scenario!(v, c, "ResponsesScenarioH200MatchingModel", |c| {
        check_eq!(
            status_code(&ok!(c.get200_model_a200_valid().await)),
            Some("200")
        );
        Ok(())
    });
    // A body of other fields is still an A, its one optional field absent.
    scenario!(v, c, "ResponsesScenarioH200MatchingInvalid", |c| {
        check_eq!(status_code(&ok!(c.get200_model_a200_invalid().await)), None);
        Ok(())
    });
    failures!(v, c,
        "ResponsesScenarioH400NonMatchingNone" => 400, |c| c.get200_model_a400_none().await;
        "ResponsesScenarioH400NonMatchingModel" => 400, |c| c.get200_model_a400_valid().await;
        "ResponsesScenarioH400NonMatchingInvalid" => 400, |c| c.get200_model_a400_invalid().await;
        "ResponsesScenarioH202NonMatchingModel" => 202, |c| c.get200_model_a202_valid().await;
    );
    // An error body's message is shown; one with no model still shows its status.
    scenario!(v, c, "ResponsesScenarioEmptyErrorBody", |c| {
        let e = err!(c.get_empty_error().await, "400");
        check_eq!(e.status(), Some(400));
        check_eq!(model::<ErrorModel>(&e)?.message.as_deref(), Some(""));
        Ok(())
    });
    scenario!(v, c, "ResponsesScenarioNoModelErrorBody", |c| {
        let e = err!(c.get_no_model_error().await, "400");
        check_eq!(e.status(), Some(400));
        check!(e.to_string().contains("NoErrorModel"), "{e}");
        Ok(())
    });
    scenario!(v, c, "ResponsesScenarioNoModelEmptyBody", |c| {
        let e = err!(c.get_no_model_empty().await, "400");
        check_eq!(e.status(), Some(400));
        Ok(())
    });
}
