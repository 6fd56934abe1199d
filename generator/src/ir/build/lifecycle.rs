//! What each long-running operation's statuses mean: the generation config's word where it
//! gives one; else the status enum of the model the operation answers with (or, failing that,
//! the spec's one status enum, reported as a guess). ARM's own words need nothing.

use std::collections::BTreeSet;

use super::Builder;
use crate::config::Settings;
use crate::error::Location;
use crate::ir::{Enum, LroLifecycle, MethodKind, Model, Operation, TypeRef};

impl Builder<'_> {
    /// Fills in each long-running operation's lifecycle.
    pub(super) fn lifecycles(
        &mut self,
        operations: &mut [Operation],
        models: &[Model],
        enums: &[Enum],
        settings: &Settings,
        root: &Location,
    ) {
        // The status enums of the spec, for operations whose answer names none.
        let all_status_enums: BTreeSet<&str> =
            models.iter().filter_map(|m| status_enum(m)).collect();
        for op in operations {
            let (lro, result_ty) = match &mut op.kind {
                MethodKind::LongRunning { lro, result } => (lro, Some(result.ty.clone())),
                MethodKind::PagedLongRunning { lro, .. } => (lro, None),
                _ => continue,
            };
            let configured = settings
                .operations
                .get(&op.operation_id)
                .and_then(|o| o.long_running.clone());
            if let Some(c) = configured {
                lro.lifecycle = Some(LroLifecycle {
                    status_pointer: c.status,
                    succeeded: c.succeeded,
                    failed: c.failed,
                    canceled: c.canceled,
                });
                continue;
            }
            let own = result_ty
                .as_ref()
                .and_then(|t| model_of(t))
                .and_then(|name| models.iter().find(|m| m.name == name))
                .and_then(status_enum);
            let (enum_name, guessed) = match (own, all_status_enums.len()) {
                (Some(e), _) => (e, false),
                (None, 1) => (*all_status_enums.iter().next().unwrap_or(&""), true),
                _ => continue,
            };
            let Some(values) = enums.iter().find(|e| e.name == enum_name) else {
                continue;
            };
            let Some(lifecycle) = classify(values.values.iter().map(|v| v.value.as_str())) else {
                continue;
            };
            if guessed {
                let at = Location::new(&root.file, op.pointer.clone());
                self.warn(
                    &at,
                    format!(
                        "the status values of this long-running operation are taken from \
                         `{enum_name}`, the spec's one status enum: succeeded {:?}, failed \
                         {:?}, canceled {:?} (the config's `long-running:` can say otherwise)",
                        lifecycle.succeeded, lifecycle.failed, lifecycle.canceled
                    ),
                );
            }
            lro.lifecycle = Some(lifecycle);
        }
    }
}

/// The model a result type names.
fn model_of(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Model(m) => Some(m),
        TypeRef::Nullable(inner) => model_of(inner),
        _ => None,
    }
}

/// The enum of a model's top-level `status` property.
fn status_enum(model: &Model) -> Option<&str> {
    let field = model.fields.iter().find(|f| f.wire_name == "status")?;
    match &field.ty {
        TypeRef::Enum(e) => Some(e),
        _ => None,
    }
}

/// Sorts an enum's values by meaning; `None` when none means success, or when they are the
/// ARM words the runtime knows already.
fn classify<'a>(values: impl Iterator<Item = &'a str>) -> Option<LroLifecycle> {
    let mut lifecycle = LroLifecycle::default();
    for value in values {
        let lower = value.to_ascii_lowercase();
        if [
            "succeeded",
            "success",
            "successful",
            "completed",
            "complete",
            "done",
            "ready",
        ]
        .contains(&lower.as_str())
        {
            lifecycle.succeeded.push(value.to_owned());
        } else if lower == "canceled" || lower == "cancelled" {
            lifecycle.canceled.push(value.to_owned());
        } else if lower.contains("fail")
            || ["invalid", "error", "rejected"].contains(&lower.as_str())
        {
            lifecycle.failed.push(value.to_owned());
        }
    }
    let arm = |list: &[String], words: &[&str]| {
        list.iter()
            .all(|v| words.iter().any(|w| v.eq_ignore_ascii_case(w)))
    };
    let is_arm = arm(&lifecycle.succeeded, &["succeeded"])
        && arm(&lifecycle.failed, &["failed"])
        && arm(&lifecycle.canceled, &["canceled", "cancelled"]);
    (!lifecycle.succeeded.is_empty() && !is_arm).then_some(lifecycle)
}

#[cfg(test)]
mod tests {
    use super::classify;

    #[test]
    fn statuses_sort_by_meaning() {
        let translation = classify(
            [
                "NotStarted",
                "Running",
                "Succeeded",
                "Failed",
                "Cancelled",
                "Cancelling",
                "ValidationFailed",
            ]
            .into_iter(),
        )
        .unwrap();
        assert_eq!(translation.succeeded, ["Succeeded"]);
        assert_eq!(translation.failed, ["Failed", "ValidationFailed"]);
        assert_eq!(translation.canceled, ["Cancelled"]);
        let training = classify(["creating", "ready", "invalid"].into_iter()).unwrap();
        assert_eq!(
            (training.succeeded, training.failed),
            (vec!["ready".to_owned()], vec!["invalid".to_owned()])
        );
        // The ARM words, in any case, need nothing; nor do values without a success.
        assert!(classify(["notStarted", "running", "succeeded", "failed"].into_iter()).is_none());
        assert!(classify(["pending", "rejected"].into_iter()).is_none());
    }
}
