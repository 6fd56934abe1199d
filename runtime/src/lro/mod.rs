//! Long-running operations: a [`Poller`] starts an operation, polls it the way the service
//! says, and yields its final result. Await it, or stream its status; a resume token lets another
//! process carry on.

use std::fmt;
use std::future::IntoFuture;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use futures_util::{Stream, StreamExt as _};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

mod lifecycle;

use lifecycle::Outcome;
pub use lifecycle::{DecodeErrorModel, Lifecycle, LroOutcome, LroSpec};

use crate::pipeline::is_owned_header;
use crate::retry::retry_after;
use crate::{BoxFuture, Error, Method, Pipeline, Request, Response, Result, ServiceError};

/// Where the final result of an operation comes from (`x-ms-long-running-operation-options`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FinalStateVia {
    /// The body of the `Azure-AsyncOperation` status monitor.
    AzureAsyncOperation,
    /// A GET of the initial response's `Location`.
    Location,
    /// A GET of the original request URL.
    OriginalUri,
    /// The `Operation-Location` status monitor (its `resourceLocation` when it names one).
    OperationLocation,
}

/// How the operation reports progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum Style {
    /// A status monitor (`Azure-AsyncOperation` or `Operation-Location`) with `status` in its body.
    StatusMonitor,
    /// `Location`: 202 while running, then the result.
    Location,
    /// `provisioningState` in the resource body, polled at the original URL.
    Body,
}

/// Everything needed to continue polling; serialized into the resume token.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct State {
    method: String,
    original_url: String,
    polling_url: String,
    location: Option<String>,
    style: Style,
    final_state_via: Option<FinalStateVia>,
    /// Headers the caller set on the initial request, sent again on every poll.
    headers: Vec<(String, String)>,
    status: String,
    /// What the statuses mean (tokens from before it existed read as the ARM words).
    #[serde(default)]
    lifecycle: Lifecycle,
    /// For an operation that declares no result: its first answer's headers, to end with an
    /// [`LroOutcome`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    outcome_headers: Option<std::collections::BTreeMap<String, String>>,
}

/// One step of a poll, from [`Poller`]'s stream.
#[derive(Debug)]
pub enum PollUpdate<T> {
    /// The operation is still running.
    InProgress {
        /// The status the service reported (`InProgress`, `Running`, `Accepted`, ...).
        status: String,
        /// A token to resume polling elsewhere with [`Poller::resume`].
        resume_token: String,
    },
    /// The operation succeeded with this result.
    Done(T),
}

enum Phase {
    Start(Request, Box<LroSpec>),
    Poll(State, Duration),
    Finish(State, Option<Response>),
    Ended,
}

/// A long-running operation. `.await` it for the result, or use it as a `Stream` of
/// [`PollUpdate`]s. Nothing is sent until it is first polled.
#[must_use = "a poller sends nothing until it is awaited or polled"]
pub struct Poller<T> {
    stream: Pin<Box<dyn Stream<Item = Result<PollUpdate<T>>> + Send>>,
}

impl<T> fmt::Debug for Poller<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Poller(..)")
    }
}

impl<T: DeserializeOwned + Send + 'static> Poller<T> {
    /// An operation started by `initial`, read the ARM way.
    #[doc(hidden)] // called by generated code, not by applications
    pub fn new(
        pipeline: Pipeline,
        initial: Request,
        final_state_via: Option<FinalStateVia>,
    ) -> Self {
        let spec = LroSpec {
            final_state_via,
            ..LroSpec::default()
        };
        Self::with_spec(pipeline, initial, spec)
    }

    /// An operation started by `initial`, read as its spec says: the first call's statuses and
    /// error model, what the operation's statuses mean and where its status is.
    #[doc(hidden)] // called by generated code, not by applications
    pub fn with_spec(pipeline: Pipeline, initial: Request, spec: LroSpec) -> Self {
        let via = spec.final_state_via;
        Self::from_phase(pipeline, Phase::Start(initial, Box::new(spec)), via)
    }

    /// Continues an operation from a resume token (from [`PollUpdate::InProgress`]). A token
    /// that does not decode, that points at another host than the pipeline's endpoint, or that
    /// carries headers the pipeline owns is refused before anything is sent.
    pub fn resume(pipeline: Pipeline, resume_token: &str) -> Result<Self> {
        let bad = |why: &str| Error::InvalidResumeToken(why.to_owned());
        let bytes = URL_SAFE_NO_PAD
            .decode(resume_token.trim())
            .map_err(|_| bad("it is not one this library produced"))?;
        let state: State = serde_json::from_slice(&bytes)
            .map_err(|_| bad("it is not one this library produced"))?;
        pipeline.resolve_link(&state.polling_url)?;
        pipeline.resolve_link(&state.original_url)?;
        if let Some(location) = &state.location {
            pipeline.resolve_link(location)?;
        }
        for (name, value) in &state.headers {
            if is_owned_header(name) {
                return Err(bad(&format!(
                    "it carries the header `{name}`, which the pipeline sets itself"
                )));
            }
            if http::HeaderName::from_bytes(name.as_bytes()).is_err()
                || http::HeaderValue::from_str(value).is_err()
            {
                return Err(bad("it carries a header that is not valid HTTP"));
            }
        }
        let via = state.final_state_via;
        Ok(Self::from_phase(
            pipeline,
            Phase::Poll(state, Duration::ZERO),
            via,
        ))
    }

    fn from_phase(
        pipeline: Pipeline,
        phase: Phase,
        final_state_via: Option<FinalStateVia>,
    ) -> Self {
        // The operation's own limit and the client's call limit, whichever is shorter, counted
        // from the first poll of the stream (nothing is sent before).
        let options = pipeline.options();
        let limit = match (options.polling.timeout, options.timeout) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let start = (phase, None::<tokio::time::Instant>);
        let stream = futures_util::stream::try_unfold(start, move |(phase, deadline)| {
            let pipeline = pipeline.clone();
            async move {
                let Some(limit) = limit else {
                    let next = step::<T>(&pipeline, phase, final_state_via).await?;
                    return Ok(next.map(|(update, phase)| (update, (phase, None))));
                };
                let deadline =
                    deadline.unwrap_or_else(|| tokio::time::Instant::now() + limit.min(FAR_FUTURE));
                let next =
                    tokio::time::timeout_at(deadline, step::<T>(&pipeline, phase, final_state_via))
                        .await
                        .map_err(|_| Error::Timeout {
                            what: "long-running operation",
                            after: limit,
                        })??;
                Ok(next.map(|(update, phase)| (update, (phase, Some(deadline)))))
            }
        })
        .filter_map(|r| std::future::ready(r.transpose()));
        Self {
            stream: Box::pin(stream),
        }
    }
}

/// A limit longer than this (a century) is treated as none: `Instant` arithmetic cannot
/// overflow.
const FAR_FUTURE: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

impl<T: Send + 'static> Poller<T> {
    /// A poller that yields `error` and ends: for a request that could not even be built.
    #[doc(hidden)] // called by generated code, not by applications
    pub fn failed(error: Error) -> Self {
        Self {
            stream: Box::pin(futures_util::stream::once(std::future::ready(Err(error)))),
        }
    }

    /// The same operation, whose result goes through `f` at the end (a pageable operation's
    /// first page becomes a [`crate::Pager`], for one).
    pub fn map<U: Send + 'static>(self, f: impl FnOnce(T) -> U + Send + 'static) -> Poller<U> {
        self.try_map(|result| Ok(f(result)))
    }

    /// The same operation, whose result is read from its wire form `T` at the end by `parse`
    /// (a date sent as text, a unix time as seconds); a value that does not parse is a decoding
    /// error.
    pub fn try_map<U: Send + 'static>(
        self,
        parse: impl FnOnce(T) -> Result<U, String> + Send + 'static,
    ) -> Poller<U> {
        let mut parse = Some(parse);
        let stream = self.stream.map(move |update| {
            Ok(match update? {
                PollUpdate::InProgress {
                    status,
                    resume_token,
                } => PollUpdate::InProgress {
                    status,
                    resume_token,
                },
                PollUpdate::Done(result) => match parse.take() {
                    Some(parse) => {
                        PollUpdate::Done(parse(result).map_err(|message| Error::Decode {
                            status: 200,
                            path: ".".into(),
                            message,
                        })?)
                    }
                    None => return Err(Error::Protocol("the operation ended twice".into())),
                },
            })
        });
        Poller {
            stream: Box::pin(stream),
        }
    }

    /// Polls to the end and returns the final result.
    pub async fn wait(mut self) -> Result<T> {
        while let Some(update) = self.stream.next().await {
            if let PollUpdate::Done(result) = update? {
                return Ok(result);
            }
        }
        Err(Error::Protocol(
            "the operation ended without a result".into(),
        ))
    }
}

impl<T> Stream for Poller<T> {
    type Item = Result<PollUpdate<T>>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.stream.as_mut().poll_next(cx)
    }
}

impl<T: Send + 'static> IntoFuture for Poller<T> {
    type Output = Result<T>;
    type IntoFuture = BoxFuture<'static, Result<T>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}

/// One transition; `Ok(None)` ends the stream, `Some((None, _))` moves on silently.
async fn step<T: DeserializeOwned>(
    pipeline: &Pipeline,
    phase: Phase,
    final_state_via: Option<FinalStateVia>,
) -> Result<Option<(Option<PollUpdate<T>>, Phase)>> {
    match phase {
        Phase::Ended => Ok(None),
        Phase::Start(request, spec) => {
            let headers = sticky_headers(&request);
            let method = request.method().as_str().to_owned();
            let original_url = request.url().as_str().to_owned();
            let initial: &[u16] = match spec.initial {
                [] => &[200, 201, 202, 204],
                codes => codes,
            };
            let response = pipeline.send(request).await?;
            let response = match spec.errors {
                Some(model) => response.expect_status_or_model(initial, model)?,
                None => response.expect_status(initial)?,
            };
            let lifecycle = spec.lifecycle.clone();
            let outcome_headers = spec.outcome.then(|| first_headers(&response));
            let header = |name| response.header(name).map(str::to_owned);
            let location = header("location");
            let monitor = header("azure-asyncoperation").or_else(|| header("operation-location"));
            // A PUT or PATCH answered 200 with a terminal provisioningState is done, whatever
            // polling headers came along.
            let body_state = provisioning_state(&response, &lifecycle);
            if response.status() == 200
                && matches!(method.as_str(), "PUT" | "PATCH")
                && body_state
                    .as_deref()
                    .is_some_and(|s| lifecycle.outcome(s) != Outcome::Running)
            {
                let state = State {
                    method,
                    polling_url: original_url.clone(),
                    original_url,
                    location: None,
                    style: Style::Body,
                    final_state_via,
                    headers,
                    status: body_state.unwrap_or_default(),
                    lifecycle,
                    outcome_headers,
                };
                return finish_or_fail(state, response);
            }
            let (style, polling_url) = if let Some(url) = monitor {
                (Style::StatusMonitor, url)
            } else if let Some(url) = &location {
                (Style::Location, url.clone())
            } else if matches!(method.as_str(), "PUT" | "PATCH")
                && provisioning_state(&response, &lifecycle).is_some()
            {
                (Style::Body, original_url.clone())
            } else if response.status() == 202 {
                return Err(Error::Protocol(
                    "the service accepted a long-running operation (202) but gave no link to poll"
                        .into(),
                ));
            } else {
                // Done in one step: the initial response is the result.
                let result = match &outcome_headers {
                    Some(headers) => outcome(
                        "Succeeded",
                        location.clone(),
                        None,
                        headers,
                        Some(&response),
                    )?,
                    None => decode_result(&response)?,
                };
                return Ok(Some((Some(PollUpdate::Done(result)), Phase::Ended)));
            };
            pipeline.resolve_link(&polling_url)?;
            if let Some(l) = &location {
                pipeline.resolve_link(l)?;
            }
            let status = match style {
                Style::Body => provisioning_state(&response, &lifecycle).unwrap_or_default(),
                _ => "InProgress".to_owned(),
            };
            let state = State {
                method,
                original_url,
                polling_url,
                location,
                style,
                final_state_via,
                headers,
                status,
                lifecycle,
                outcome_headers,
            };
            if style == Style::Body && state.lifecycle.outcome(&state.status) != Outcome::Running {
                return finish_or_fail(state, response);
            }
            let wait = delay(pipeline, &response);
            in_progress(state, wait)
        }
        Phase::Poll(mut state, wait) => {
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            let response = get(pipeline, &state.polling_url, &state.headers).await?;
            match state.style {
                Style::Location => match response.status().as_u16() {
                    202 => {
                        // The service may move the operation on to a new Location.
                        if let Some(next) = response.header("location") {
                            pipeline.resolve_link(next)?;
                            state.polling_url = next.to_owned();
                        }
                        let wait = delay(pipeline, &response);
                        in_progress(state, wait)
                    }
                    200 | 201 | 204 => {
                        // The resource's own status decides: a model still `creating` is
                        // polled again; one without a status is done.
                        match provisioning_state(&response, &state.lifecycle) {
                            Some(s) if state.lifecycle.outcome(&s) == Outcome::Running => {
                                state.status = s;
                                let wait = delay(pipeline, &response);
                                in_progress(state, wait)
                            }
                            Some(s) => {
                                state.status = s;
                                finish_or_fail(state, response)
                            }
                            None => {
                                state.status = "Succeeded".to_owned();
                                finish_or_fail(state, response)
                            }
                        }
                    }
                    _ => Err(response.into_error()),
                },
                Style::StatusMonitor | Style::Body => {
                    let response = response.expect_status(&[200, 201, 202])?;
                    let status = match state.style {
                        Style::Body => provisioning_state(&response, &state.lifecycle)
                            .unwrap_or_else(|| "Succeeded".into()),
                        _ => monitor_status(&response, &state.lifecycle)?,
                    };
                    state.status = status;
                    if state.lifecycle.outcome(&state.status) != Outcome::Running {
                        finish_or_fail(state, response)
                    } else {
                        let wait = delay(pipeline, &response);
                        in_progress(state, wait)
                    }
                }
            }
        }
        Phase::Finish(state, last) => {
            let result = final_result(pipeline, &state, last).await?;
            Ok(Some((Some(PollUpdate::Done(result)), Phase::Ended)))
        }
    }
}

fn in_progress<T>(state: State, wait: Duration) -> Result<Option<(Option<PollUpdate<T>>, Phase)>> {
    let resume_token = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&state).unwrap_or_default());
    let update = PollUpdate::InProgress {
        status: state.status.clone(),
        resume_token,
    };
    Ok(Some((Some(update), Phase::Poll(state, wait))))
}

/// Succeeded goes on to the final result; failed and canceled become errors.
fn finish_or_fail<T>(
    state: State,
    last: Response,
) -> Result<Option<(Option<PollUpdate<T>>, Phase)>> {
    if state.lifecycle.outcome(&state.status) == Outcome::Succeeded {
        return Ok(Some((None, Phase::Finish(state, Some(last)))));
    }
    Err(Error::OperationFailed {
        error: ServiceError::from_operation_body(last.status().as_u16(), last.body()).map(Box::new),
        status: state.status,
    })
}

async fn final_result<T: DeserializeOwned>(
    pipeline: &Pipeline,
    state: &State,
    last: Option<Response>,
) -> Result<T> {
    let put_like = matches!(state.method.as_str(), "PUT" | "PATCH");
    let url = match (state.style, state.final_state_via) {
        (Style::Body, _) => None,
        (_, Some(FinalStateVia::OriginalUri)) => Some(state.original_url.clone()),
        (_, Some(FinalStateVia::Location)) => state.location.clone(),
        (Style::StatusMonitor, Some(FinalStateVia::AzureAsyncOperation)) => None,
        (Style::StatusMonitor, Some(FinalStateVia::OperationLocation)) => last
            .as_ref()
            .and_then(|r| r.json::<serde_json::Value>().ok())
            .and_then(|v| v.get("resourceLocation")?.as_str().map(str::to_owned)),
        // A `Location` poll ends on the resource itself.
        (Style::Location, _) => None,
        _ if put_like => Some(state.original_url.clone()),
        // A deleted resource has nothing left to fetch.
        (_, _) if state.method == "DELETE" => return finish(state, None),
        _ => state.location.clone(),
    };
    match url {
        Some(url) => {
            let response = get(pipeline, &url, &state.headers)
                .await?
                .expect_status(&[200, 201, 204])?;
            finish(state, Some(&response))
        }
        None => finish(state, last.as_ref()),
    }
}

/// The result from the final response: its body, or for an operation that declares none, the
/// [`LroOutcome`] of it.
fn finish<T: DeserializeOwned>(state: &State, last: Option<&Response>) -> Result<T> {
    if let Some(headers) = &state.outcome_headers {
        let monitor = (state.style == Style::StatusMonitor).then(|| state.polling_url.clone());
        return outcome(
            &state.status,
            state.location.clone(),
            monitor,
            headers,
            last,
        );
    }
    match last {
        Some(r) => decode_result(r),
        None => serde_json::from_slice(b"null").map_err(|e| Error::Decode {
            status: 0,
            path: ".".into(),
            message: e.to_string(),
        }),
    }
}

/// An [`LroOutcome`], read back as the poller's `T`.
fn outcome<T: DeserializeOwned>(
    status: &str,
    location: Option<String>,
    operation_location: Option<String>,
    headers: &std::collections::BTreeMap<String, String>,
    last: Option<&Response>,
) -> Result<T> {
    let body = last
        .and_then(|r| r.json::<serde_json::Value>().ok())
        .unwrap_or(serde_json::Value::Null);
    let outcome = LroOutcome {
        status: status.to_owned(),
        location,
        operation_location,
        headers: headers.clone(),
        body,
    };
    let value = serde_json::to_value(outcome).map_err(|e| Error::Protocol(e.to_string()))?;
    serde_json::from_value(value).map_err(|e| Error::Decode {
        status: 0,
        path: ".".into(),
        message: e.to_string(),
    })
}

/// The first answer's headers, lower-cased, cookies left out.
fn first_headers(response: &Response) -> std::collections::BTreeMap<String, String> {
    response
        .headers()
        .iter()
        .filter(|(name, _)| *name != http::header::SET_COOKIE)
        .filter_map(|(name, value)| {
            Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect()
}

/// The result of an operation: its body, or nothing for an operation declared without one
/// (`()`), whatever the body holds.
fn decode_result<T: DeserializeOwned>(response: &Response) -> Result<T> {
    // An empty final answer reads as `null`: `()` and `Option` take it, other types refuse it.
    response.json().or_else(|e| {
        // Only an operation declared without a result (a type with no data, `()`) passes over
        // a well-formed body it has no use for; a result that does not decode is an error,
        // never a silent `None`, and invalid JSON always is.
        let well_formed = response.json::<serde_json::Value>().is_ok();
        match serde_json::from_slice::<T>(b"null") {
            Ok(nothing) if well_formed && std::mem::size_of::<T>() == 0 => Ok(nothing),
            _ => Err(e),
        }
    })
}

async fn get(pipeline: &Pipeline, link: &str, headers: &[(String, String)]) -> Result<Response> {
    let url = pipeline.resolve_link(link)?;
    let mut request = Request::new(Method::GET, url);
    for (name, value) in headers {
        // Checked when the headers were taken or the token was read.
        if let (Ok(n), Ok(v)) = (
            http::HeaderName::from_bytes(name.as_bytes()),
            http::HeaderValue::from_str(value),
        ) {
            request.headers_mut().insert(n, v);
        }
    }
    pipeline.send(request).await
}

fn sticky_headers(request: &Request) -> Vec<(String, String)> {
    request
        .headers()
        .iter()
        .filter(|(n, _)| *n != http::header::CONTENT_TYPE && *n != http::header::CONTENT_LENGTH)
        .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
        .collect()
}

/// The wait before the next poll: what the service asks for (capped), else the polling interval;
/// never shorter than the floor.
fn delay(pipeline: &Pipeline, response: &Response) -> Duration {
    let polling = &pipeline.options().polling;
    retry_after(
        response.headers(),
        OffsetDateTime::now_utc(),
        polling.max_interval,
    )
    .unwrap_or(polling.interval)
    .max(polling.min_interval)
}

/// A resource's status: at the lifecycle's pointer, else its `provisioningState`.
fn provisioning_state(response: &Response, lifecycle: &Lifecycle) -> Option<String> {
    let v: serde_json::Value = response.json().ok()?;
    let found = match &lifecycle.status_pointer {
        Some(pointer) => v.pointer(pointer),
        None => v
            .pointer("/properties/provisioningState")
            .or_else(|| v.get("provisioningState")),
    };
    found?.as_str().map(str::to_owned)
}

/// A status monitor's status: at the lifecycle's pointer, else `status`.
fn monitor_status(response: &Response, lifecycle: &Lifecycle) -> Result<String> {
    let v: serde_json::Value = response.json()?;
    let pointer = lifecycle.status_pointer.as_deref().unwrap_or("/status");
    let path = pointer.trim_start_matches('/').replace('/', ".");
    v.pointer(pointer)
        .and_then(|s| s.as_str())
        .map(str::to_owned)
        .ok_or_else(|| Error::Decode {
            status: response.status().as_u16(),
            message: format!("the operation status body has no `{path}`"),
            path,
        })
}
