//! What a long-running operation's statuses mean, beyond the ARM words (`Succeeded`, `Failed`,
//! `Canceled`): the values a service's own status enum uses (`ValidationFailed`, `ready`,
//! `invalid`), and where the status is when it is not `status` (`/modelInfo/status`).

use serde::{Deserialize, Serialize};

use crate::ErrorModel;
use crate::lro::FinalStateVia;

/// The statuses of one operation, by what they mean. Empty lists mean the ARM words.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lifecycle {
    /// A JSON pointer to the status in a polled body, when it is not `status` (a status
    /// monitor's) or `provisioningState` (a resource's): `/modelInfo/status`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_pointer: Option<String>,
    /// The statuses meaning the operation succeeded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub succeeded: Vec<String>,
    /// The statuses meaning it failed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<String>,
    /// The statuses meaning it was canceled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub canceled: Vec<String>,
}

/// Where a status leaves the operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Still going.
    Running,
    /// Done; the result follows.
    Succeeded,
    /// Failed or canceled: an error.
    Ended,
}

const ARM_SUCCEEDED: &[&str] = &["succeeded"];
const ARM_ENDED: &[&str] = &["failed", "canceled", "cancelled"];

impl Lifecycle {
    /// The statuses of a service's own enum, and where to read the status.
    pub fn new(
        status_pointer: Option<&str>,
        succeeded: &[&str],
        failed: &[&str],
        canceled: &[&str],
    ) -> Self {
        let owned = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
        Self {
            status_pointer: status_pointer.map(str::to_owned),
            succeeded: owned(succeeded),
            failed: owned(failed),
            canceled: owned(canceled),
        }
    }

    /// What `status` means for this operation (case does not matter).
    pub(crate) fn outcome(&self, status: &str) -> Outcome {
        let any = |list: &[String]| list.iter().any(|s| s.eq_ignore_ascii_case(status));
        let arm = |list: &[&str]| list.iter().any(|s| s.eq_ignore_ascii_case(status));
        let declared = !(self.succeeded.is_empty() && self.failed.is_empty());
        if declared {
            // `Succeeded` is also what the poller records for a final body without a status.
            if any(&self.succeeded) || status == "Succeeded" {
                Outcome::Succeeded
            } else if any(&self.failed) || any(&self.canceled) {
                Outcome::Ended
            } else {
                Outcome::Running
            }
        } else if arm(ARM_SUCCEEDED) {
            Outcome::Succeeded
        } else if arm(ARM_ENDED) {
            Outcome::Ended
        } else {
            Outcome::Running
        }
    }
}

/// Reads an error body, by status, as the type the spec declares for it.
pub type DecodeErrorModel = fn(u16, &[u8]) -> Option<ErrorModel>;

/// How a generated operation starts and reads its long-running work: from its spec.
#[derive(Clone, Debug, Default)]
pub struct LroSpec {
    /// Where the final result comes from.
    pub final_state_via: Option<FinalStateVia>,
    /// What its statuses mean.
    pub lifecycle: Lifecycle,
    /// The statuses the first call succeeds with (empty: 200, 201, 202 and 204).
    pub initial: &'static [u16],
    /// Reads the first call's error body as the spec's error model.
    pub errors: Option<DecodeErrorModel>,
    /// The operation declares no result: it ends with an [`LroOutcome`] (its links, the first
    /// answer's headers, the last body), so the caller still gets the resource's id.
    pub outcome: bool,
}

/// How an operation that declares no result ended: where its resource and status monitor
/// are, the identifiers its first answer gave in headers, and the last body the service sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LroOutcome {
    /// The final status (`Succeeded`, or the service's own word).
    pub status: String,
    /// The first answer's `Location`: often the created resource.
    pub location: Option<String>,
    /// The status monitor (`Operation-Location` or `Azure-AsyncOperation`).
    pub operation_location: Option<String>,
    /// The first answer's headers (lower-case names), where services put the ids of what they
    /// start (`operation-id`, `purchase-id`, `release-id`).
    pub headers: std::collections::BTreeMap<String, String>,
    /// The last body: the status monitor's or the resource's (`null` when there was none).
    pub body: serde_json::Value,
}

impl LroOutcome {
    /// A header of the first answer, by name (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_mean_what_the_service_says() {
        let arm = Lifecycle::default();
        assert_eq!(arm.outcome("Succeeded"), Outcome::Succeeded);
        assert_eq!(arm.outcome("cancelled"), Outcome::Ended);
        assert_eq!(arm.outcome("ValidationFailed"), Outcome::Running);
        let translation = Lifecycle::new(
            None,
            &["Succeeded"],
            &["Failed", "ValidationFailed"],
            &["Cancelled"],
        );
        assert_eq!(translation.outcome("validationfailed"), Outcome::Ended);
        assert_eq!(translation.outcome("Cancelling"), Outcome::Running);
        let training = Lifecycle::new(Some("/modelInfo/status"), &["ready"], &["invalid"], &[]);
        assert_eq!(training.outcome("creating"), Outcome::Running);
        assert_eq!(training.outcome("ready"), Outcome::Succeeded);
        assert_eq!(training.outcome("invalid"), Outcome::Ended);
    }
}
