//! Shared by the examples: clients made from the connection string in the environment.

//! Each client's function is compiled with its API version's feature.

use azure_communication_administration::ClientOptions;

/// The variable the examples read, as in the original Python samples.
pub const VARIABLE: &str = "AZURE_COMMUNICATION_SERVICE_CONNECTION_STRING";

/// The connection string, or a clear message and exit code 2 when it is not set.
pub fn connection_string() -> String {
    match std::env::var(VARIABLE) {
        Ok(value) if !value.trim().is_empty() => value,
        _ => {
            eprintln!(
                "Set {VARIABLE} to your Communication Services resource's connection string \
                 (endpoint=https://<resource>.communication.azure.com/;accesskey=<key>), \
                 found under Keys in the Azure portal."
            );
            std::process::exit(2);
        }
    }
}

#[allow(dead_code)] // each example uses one of the clients
#[cfg(feature = "identity-2020-07-20-preview2")]
pub fn identity_client() -> azure_communication_administration::Result<
    azure_communication_administration::identity::CommunicationIdentityClient,
> {
    azure_communication_administration::identity::CommunicationIdentityClient::from_connection_string(
        &connection_string(),
        ClientOptions::default(),
    )
}

#[allow(dead_code)]
#[cfg(feature = "phone-numbers-2020-07-20-preview1")]
pub fn phone_client() -> azure_communication_administration::Result<
    azure_communication_administration::phone_numbers::PhoneNumberAdministrationClient,
> {
    azure_communication_administration::phone_numbers::PhoneNumberAdministrationClient::from_connection_string(
        &connection_string(),
        ClientOptions::default(),
    )
}

#[allow(dead_code)]
#[cfg(feature = "identity-2026-09-23")]
pub fn identity_client_ga() -> azure_communication_administration::Result<
    azure_communication_administration::identity_2026_09_23::CommunicationIdentityClient,
> {
    azure_communication_administration::identity_2026_09_23::CommunicationIdentityClient::from_connection_string(
        &connection_string(),
        ClientOptions::default(),
    )
}

#[allow(dead_code)]
#[cfg(feature = "phone-numbers-2025-06-01")]
pub fn phone_client_ga() -> azure_communication_administration::Result<
    azure_communication_administration::phone_numbers_2025_06_01::PhoneNumbersClient,
> {
    azure_communication_administration::phone_numbers_2025_06_01::PhoneNumbersClient::from_connection_string(
        &connection_string(),
        ClientOptions::default(),
    )
}
