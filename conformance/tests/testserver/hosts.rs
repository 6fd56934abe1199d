//! custom-baseUrl, custom-baseUrl-more-options, parameterized-endpoint, security-aad and
//! security-key: host templates, and bearer and key credentials.

use std::sync::Arc;

use conformance::clients::custom_base_url::AutoRestParameterizedHostTestClient;
use conformance::clients::custom_base_url_more_options::{
    AutoRestParameterizedCustomHostTestClient, GetEmptyOptions,
};
use conformance::clients::parameterized_endpoint::ParmaterizedEndpointClient;
use conformance::clients::security_aad::AutorestSecurityAadClient;
use conformance::clients::security_key::AutorestSecurityKeyClient;
use conformance::harness::options;
use restgen_runtime::{ApiKeyCredential, BearerTokenCredential, Credential, StaticTokenCredential};

use crate::{Scenario, Server, check_eq, ok};

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let port = s
        .authority
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned();
    let url = s.url.clone();
    vec![
        (
            "CustomBaseUri",
            Box::pin({
                let port = port.clone();
                async move {
                    // `{accountName}{host}` with the http scheme: `127.0.0.1` + `:port`.
                    let c = ok!(AutoRestParameterizedHostTestClient::new(
                        "127.0.0.1",
                        Some(&format!(":{port}")),
                        Credential::Anonymous,
                        options()
                    ));
                    check_eq!(
                        c.pipeline().endpoint().as_str(),
                        format!("http://127.0.0.1:{port}/")
                    );
                    ok!(c.get_empty().await);
                    Ok(())
                }
            }),
        ),
        (
            "CustomBaseUriMoreOptions",
            Box::pin({
                let port = port.clone();
                async move {
                    // `{vault}{secret}{dnsSuffix}`, no scheme prefix.
                    let c = ok!(AutoRestParameterizedCustomHostTestClient::new(
                        "http://127.0",
                        ".0.1",
                        Some(&format!(":{port}")),
                        "test12",
                        Credential::Anonymous,
                        options()
                    ));
                    let options = GetEmptyOptions {
                        key_version: Some("v1".into()),
                    };
                    ok!(c.get_empty("key1", Some(options)).await);
                    Ok(())
                }
            }),
        ),
        (
            "GetParameterizedHostWithNameEndpoint",
            Box::pin({
                let url = url.clone();
                async move {
                    let c = ok!(ParmaterizedEndpointClient::new(
                        &url,
                        Credential::Anonymous,
                        options()
                    ));
                    ok!(c.get().await);
                    Ok(())
                }
            }),
        ),
        (
            "SecurityAad",
            Box::pin({
                let url = url.clone();
                async move {
                    // The test server expects the scope as the token, as other generators' tests send.
                    let scope = "https://security.microsoft.com/.default";
                    let token = BearerTokenCredential::new(
                        Arc::new(StaticTokenCredential::new(scope)),
                        vec![scope.to_owned()],
                    );
                    let c = ok!(AutorestSecurityAadClient::new(&url, token, options()));
                    ok!(c.head().await);
                    Ok(())
                }
            }),
        ),
        (
            "SecurityKey",
            Box::pin({
                let url = url.clone();
                async move {
                    let key = ok!(ApiKeyCredential::new("security-key", "123456789"));
                    let c = ok!(AutorestSecurityKeyClient::new(&url, key, options()));
                    ok!(c.head().await);
                    Ok(())
                }
            }),
        ),
    ]
}
