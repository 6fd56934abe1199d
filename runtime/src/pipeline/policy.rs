//! Steps of the caller's own in the pipeline: a header every request carries, a log line per
//! try, a check of what came back. Per-call policies run once per call (each page of a pager and
//! each poll of a long-running operation is a call), per-try policies before every try; both
//! before signing, so what they add is signed.

use std::fmt;
use std::sync::Arc;

use crate::{Request, Response, Result};

/// A step of the caller's own, added with `ClientOptions::with_per_call_policy` or
/// `ClientOptions::with_per_try_policy`.
///
/// ```
/// use restgen_runtime::{Policy, PolicyContext, Request, Result};
///
/// /// Tags every request with the tenant it is made for.
/// #[derive(Debug)]
/// struct Tenant(&'static str);
///
/// impl Policy for Tenant {
///     fn on_request(&self, request: &mut Request, _: &PolicyContext) -> Result<()> {
///         request.header("x-tenant", self.0)
///     }
/// }
/// ```
pub trait Policy: Send + Sync + fmt::Debug {
    /// Sees, and may change, the request before it is signed and sent. An error ends the call
    /// with it (it is not retried). The pipeline's own headers (`authorization`, `x-ms-date`,
    /// `host`, ...) cannot be set here: a policy that sets one fails the call.
    fn on_request(&self, request: &mut Request, context: &PolicyContext) -> Result<()> {
        let _ = (request, context);
        Ok(())
    }

    /// Sees the response: for a per-call policy the call's last one, for a per-try policy
    /// each try's (a transport failure has none).
    fn on_response(&self, response: &Response, context: &PolicyContext) {
        let _ = (response, context);
    }
}

/// What a policy is told about the request it sees.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct PolicyContext {
    /// The operation the request makes (its `operationId`), when the generated code names it.
    pub operation: Option<&'static str>,
    /// Which try this is: 0 for the first; always 0 for a per-call policy.
    pub attempt: u32,
}

/// The policies of a client, in the order they were added.
#[derive(Clone, Debug, Default)]
pub(crate) struct Policies {
    pub(crate) per_call: Vec<Arc<dyn Policy>>,
    pub(crate) per_try: Vec<Arc<dyn Policy>>,
}

impl Policies {
    /// Runs `policies` on a request, in order.
    pub(crate) fn on_request(
        policies: &[Arc<dyn Policy>],
        request: &mut Request,
        attempt: u32,
    ) -> Result<()> {
        let context = PolicyContext {
            operation: request.operation(),
            attempt,
        };
        policies
            .iter()
            .try_for_each(|p| p.on_request(request, &context))
    }

    /// Shows `policies` a response, in order.
    pub(crate) fn on_response(
        policies: &[Arc<dyn Policy>],
        response: &Response,
        operation: Option<&'static str>,
        attempt: u32,
    ) {
        let context = PolicyContext { operation, attempt };
        for p in policies {
            p.on_response(response, &context);
        }
    }
}
