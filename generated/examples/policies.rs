//! The caller's own steps in the pipeline: a header on every call (here, the tenant an
//! application serves), and a log line for every try and its answer (retries show as tries 1,
//! 2...). Both run before signing, so whatever they add is signed with the request.
mod common;

use azure_communication_administration::{ClientOptions, Policy, PolicyContext, Request, Response};

/// Adds `x-app-tenant` to every call.
#[derive(Debug)]
struct Tenant(&'static str);

impl Policy for Tenant {
    fn on_request(
        &self,
        request: &mut Request,
        _: &PolicyContext,
    ) -> azure_communication_administration::Result<()> {
        request.header("x-app-tenant", self.0)
    }
}

/// Prints each try and its answer, with the service's request id.
#[derive(Debug)]
struct LogTries;

impl Policy for LogTries {
    fn on_request(
        &self,
        request: &mut Request,
        context: &PolicyContext,
    ) -> azure_communication_administration::Result<()> {
        eprintln!(
            "{} {} {} (try {})",
            context.operation.unwrap_or("-"),
            request.method(),
            request.url().path(),
            context.attempt
        );
        Ok(())
    }

    fn on_response(&self, response: &Response, context: &PolicyContext) {
        eprintln!(
            "{} answered {} (x-ms-request-id {})",
            context.operation.unwrap_or("-"),
            response.status(),
            response.header("x-ms-request-id").unwrap_or("-")
        );
    }
}

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let options = ClientOptions::default()
        .with_per_call_policy(Tenant("contoso"))
        .with_per_try_policy(LogTries);
    let client =
        azure_communication_administration::identity::CommunicationIdentityClient::from_connection_string(
            &common::connection_string(),
            options,
        )?;
    let user = client.create_user().await?;
    println!("created {}", user.id);
    Ok(())
}
