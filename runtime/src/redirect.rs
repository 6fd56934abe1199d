//! Which redirects a call follows, and how: the rule of HTTP (RFC 9110) and of Azure's own
//! clients. A redirect is followed to the client's own endpoint only (another scheme, host or
//! port gets neither the request nor its credentials: the 3xx comes back as it is), each hop
//! signed afresh, at most `ClientOptions::max_redirects` hops.

use http::header::{CONTENT_TYPE, HeaderMap, LOCATION};
use url::Url;

use crate::{Method, Request};

/// How a redirect is followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Follow {
    /// The same method and body (307, 308; and 300, 301, 302 for a GET or HEAD).
    Same,
    /// A GET without a body (303; a HEAD stays a HEAD).
    AsGet,
}

/// How a response of `status` to a `method` request is followed, if it is: 301 and 302 only
/// for GET and HEAD (a client may not change a POST into a GET on them, nor send the body
/// again unasked), 303 as a GET, 307 and 308 as they were.
pub(crate) fn rule(method: &Method, status: u16) -> Option<Follow> {
    let safe = *method == Method::GET || *method == Method::HEAD;
    match status {
        300..=302 if safe => Some(Follow::Same),
        303 => Some(Follow::AsGet),
        307 | 308 => Some(Follow::Same),
        _ => None,
    }
}

/// The request for the next hop of a redirect, if the response is one the call follows to a
/// URL on `endpoint`'s origin.
pub(crate) fn next_hop(
    request: &Request,
    status: u16,
    headers: &HeaderMap,
    endpoint: &Url,
) -> Option<Request> {
    let follow = rule(request.method(), status)?;
    let location = headers.get(LOCATION)?.to_str().ok()?;
    let target = request.url().join(location.trim()).ok()?;
    let same_origin = target.scheme() == endpoint.scheme()
        && target.host_str() == endpoint.host_str()
        && target.port_or_known_default() == endpoint.port_or_known_default();
    if !same_origin {
        tracing::debug!(
            status,
            "not following a redirect to another origin: the response is returned as it is"
        );
        return None;
    }
    let mut next = request.clone();
    *next.url_mut() = target;
    if follow == Follow::AsGet {
        if *request.method() != Method::HEAD {
            next.set_method(Method::GET);
        }
        next.clear_body();
        next.headers_mut().remove(CONTENT_TYPE);
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_per_method_and_status() {
        use Follow::*;
        let cases = [
            (Method::GET, 300, Some(Same)),
            (Method::HEAD, 301, Some(Same)),
            (Method::PUT, 301, None),
            (Method::PATCH, 302, None),
            (Method::POST, 303, Some(AsGet)),
            (Method::DELETE, 307, Some(Same)),
            (Method::OPTIONS, 308, Some(Same)),
            (Method::GET, 304, None),
            (Method::GET, 200, None),
        ];
        for (method, status, expected) in cases {
            assert_eq!(rule(&method, status), expected, "{method} {status}");
        }
    }

    #[test]
    fn a_redirect_elsewhere_is_not_followed() {
        let endpoint = Url::parse("https://contoso.example").unwrap();
        let request = Request::new(Method::GET, endpoint.join("/a").unwrap());
        let mut headers = HeaderMap::new();
        for elsewhere in [
            "https://attacker.example/a",
            "http://contoso.example/a",
            "https://contoso.example:8443/a",
            "file:///etc/passwd",
        ] {
            headers.insert(LOCATION, elsewhere.parse().unwrap());
            assert!(
                next_hop(&request, 302, &headers, &endpoint).is_none(),
                "{elsewhere}"
            );
        }
        headers.insert(LOCATION, "/b?x=1".parse().unwrap());
        let next = next_hop(&request, 302, &headers, &endpoint).unwrap();
        assert_eq!(next.url().as_str(), "https://contoso.example/b?x=1");
    }

    #[test]
    fn see_other_drops_the_body() {
        let endpoint = Url::parse("https://contoso.example").unwrap();
        let mut request = Request::new(Method::POST, endpoint.join("/a").unwrap());
        request.set_body(&b"{}"[..], "application/json");
        let mut headers = HeaderMap::new();
        headers.insert(LOCATION, "/done".parse().unwrap());
        let next = next_hop(&request, 303, &headers, &endpoint).unwrap();
        assert_eq!(*next.method(), Method::GET);
        assert!(next.body().is_empty());
        assert!(next.headers().get(CONTENT_TYPE).is_none());
        let next = next_hop(&request, 307, &headers, &endpoint).unwrap();
        assert_eq!((next.method(), next.body().len()), (&Method::POST, 2));
    }
}
