//! Shared by the examples: clients made from the connection string in the environment.

use azure_communication_administration::ClientOptions;
use azure_communication_administration::identity::CommunicationIdentityClient;
use azure_communication_administration::phone_numbers::PhoneNumberAdministrationClient;

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

#[allow(dead_code)] // each example uses one of the two clients
pub fn identity_client() -> azure_communication_administration::Result<CommunicationIdentityClient>
{
    CommunicationIdentityClient::from_connection_string(
        &connection_string(),
        ClientOptions::default(),
    )
}

#[allow(dead_code)]
pub fn phone_client() -> azure_communication_administration::Result<PhoneNumberAdministrationClient>
{
    PhoneNumberAdministrationClient::from_connection_string(
        &connection_string(),
        ClientOptions::default(),
    )
}
