//! A generated client checked against its spec's `x-ms-examples`, over loopback: called with an
//! example's parameters, it must send the request the example describes (method, path, query,
//! headers, body), and read the example's response into typed values that serialize back to the
//! same JSON (read-only fields included, numbers by value, dates by instant).
//!
//! `restgen` writes one test per API module that runs every example through these helpers and
//! reports `examples <module>: N checked, N passed` (with what failed, and what was skipped).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{Recorded, Reply, TestServer};
use crate::{ClientOptions, Pager, TryStreamExt};

/// Why an example does not hold: the first difference found, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch(pub String);

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<crate::Error> for Mismatch {
    fn from(e: crate::Error) -> Self {
        Mismatch(format!("the call failed: {e}"))
    }
}

fn mismatch(text: impl Into<String>) -> Mismatch {
    Mismatch(text.into())
}

/// One response of an example.
#[derive(Clone, Debug)]
struct ExampleResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Option<Value>,
}

/// One example of one operation.
#[derive(Clone, Debug)]
pub struct Example {
    /// The example's title (its key in `x-ms-examples`).
    pub title: String,
    parameters: Map<String, Value>,
    responses: Vec<ExampleResponse>,
}

/// What the operation's request must look like, from the spec: its method, its path template,
/// and which example parameters go where.
#[derive(Clone, Copy, Debug)]
pub struct Expected {
    /// `GET`, `POST`, ...
    pub method: &'static str,
    /// The path with `{wireName}` placeholders.
    pub path: &'static str,
    /// Query parameters, by wire name.
    pub query: &'static [&'static str],
    /// Header parameters, by wire name.
    pub headers: &'static [&'static str],
    /// The body parameter's wire name, for a JSON body the client builds from arguments of
    /// their own (a flattened body): compared with the example's as it is.
    pub body: Option<&'static str>,
}

impl Example {
    /// Reads an example (`{"parameters": {...}, "responses": {"200": {"body": ...}}}`).
    pub fn parse(title: &str, json: &str) -> Result<Self, Mismatch> {
        let value: Value = serde_json::from_str(json)
            .map_err(|e| mismatch(format!("the example is not JSON: {e}")))?;
        let parameters = value
            .get("parameters")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut responses = Vec::new();
        if let Some(map) = value.get("responses").and_then(Value::as_object) {
            for (status, response) in map {
                let Ok(status) = status.parse::<u16>() else {
                    continue;
                };
                let headers = response
                    .get("headers")
                    .and_then(Value::as_object)
                    .map(|h| h.iter().map(|(k, v)| (k.clone(), scalar_text(v))).collect())
                    .unwrap_or_default();
                responses.push(ExampleResponse {
                    status,
                    headers,
                    body: response.get("body").cloned(),
                });
            }
        }
        Ok(Self {
            title: title.to_owned(),
            parameters,
            responses,
        })
    }

    /// A required parameter, read as `T` (wrap a wire format with `wire::format::Parsed`).
    pub fn param<T: DeserializeOwned>(&self, wire: &str) -> Result<T, Mismatch> {
        self.optional(wire)?
            .ok_or_else(|| mismatch(format!("the example gives no parameter `{wire}`")))
    }

    /// An optional parameter: `None` when the example does not give it.
    pub fn optional<T: DeserializeOwned>(&self, wire: &str) -> Result<Option<T>, Mismatch> {
        match self.parameters.get(wire) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => read(v, wire).map(Some),
        }
    }

    /// A required property of the body parameter `body` (a flattened body's argument).
    pub fn field<T: DeserializeOwned>(&self, body: &str, field: &str) -> Result<T, Mismatch> {
        self.optional_field(body, field)?
            .ok_or_else(|| mismatch(format!("the example's `{body}` has no `{field}`")))
    }

    /// An optional property of the body parameter `body`.
    pub fn optional_field<T: DeserializeOwned>(
        &self,
        body: &str,
        field: &str,
    ) -> Result<Option<T>, Mismatch> {
        match self.parameters.get(body).and_then(|b| b.get(field)) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => read(v, &format!("{body}.{field}")).map(Some),
        }
    }

    /// The success response the server answers with: the example's first 2xx one.
    fn success(&self) -> Option<&ExampleResponse> {
        self.responses
            .iter()
            .find(|r| (200..300).contains(&r.status))
    }

    /// Serves the example on loopback: the operation's request gets the example's success
    /// response; a later request to its `Location` gets the final body; any other later request
    /// (a long-running operation's status monitor) reads `Succeeded`.
    pub async fn serve(&self) -> Served {
        let response = self.success().cloned().unwrap_or(ExampleResponse {
            status: 200,
            headers: Vec::new(),
            body: None,
        });
        // The final body of a long-running operation: a 200 or 201 the example also gives.
        let final_body = self
            .responses
            .iter()
            .find(|r| matches!(r.status, 200 | 201))
            .and_then(|r| r.body.clone())
            .or_else(|| response.body.clone());
        let location = response
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("location"))
            .map(|(_, v)| local_path(v));
        let first = response.clone();
        let seen = Arc::new(AtomicUsize::new(0));
        let count = seen.clone();
        let final_reply = final_body.clone();
        let server = TestServer::start(move |r: &Recorded| {
            if count.fetch_add(1, Ordering::SeqCst) == 0 {
                let mut reply = Reply::status(first.status);
                for (name, value) in &first.headers {
                    let value = if is_link(name) {
                        local_path(value)
                    } else {
                        value.clone()
                    };
                    reply = reply.header(name, &value);
                }
                if let Some(body) = &first.body {
                    reply = reply
                        .header("content-type", "application/json")
                        .body(&body.to_string());
                }
                return reply;
            }
            let at_location = location
                .as_deref()
                .is_some_and(|l| l.split('?').next() == Some(r.path()));
            match (&final_reply, at_location) {
                (Some(body), true) => Reply::json(200, &body.to_string()),
                (None, true) => Reply::status(200),
                _ if r.method != "GET" => Reply::status(404),
                _ => Reply::json(200, r#"{"status":"Succeeded","id":"example"}"#),
            }
        })
        .await;
        Served {
            server,
            response,
            final_body,
        }
    }
}

fn read<T: DeserializeOwned>(value: &Value, wire: &str) -> Result<T, Mismatch> {
    match serde_json::from_value(value.clone()) {
        Ok(v) => Ok(v),
        // A query array may be written as text (`a,b`) in an example.
        Err(e) => match value {
            Value::String(s) if s.contains(',') => {
                let items: Vec<Value> = s.split(',').map(|i| Value::String(i.into())).collect();
                serde_json::from_value(Value::Array(items))
                    .map_err(|_| mismatch(format!("parameter `{wire}` does not read: {e}")))
            }
            _ => Err(mismatch(format!("parameter `{wire}` does not read: {e}"))),
        },
    }
}

fn is_link(header: &str) -> bool {
    ["location", "operation-location", "azure-asyncoperation"]
        .iter()
        .any(|h| header.eq_ignore_ascii_case(h))
}

/// A link as a path on the loopback server: an absolute URL keeps its path and query.
fn local_path(link: &str) -> String {
    match url::Url::parse(link) {
        Ok(url) => match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        },
        Err(_) => link.to_owned(),
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(scalar_text).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

/// An example being served.
pub struct Served {
    server: TestServer,
    response: ExampleResponse,
    final_body: Option<Value>,
}

impl Served {
    /// The endpoint to build the client with.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// Client options for the check: no waits between polls or retries, and none retried.
    pub fn options(&self) -> ClientOptions {
        ClientOptions::default()
            .with_polling_interval(Duration::ZERO)
            .with_retry_delays(Duration::ZERO, Duration::ZERO)
            .with_max_retries(0)
    }

    /// Checks the operation's request (the first the server received) against the example.
    pub fn check_request(&self, example: &Example, expected: &Expected) -> Result<(), Mismatch> {
        let r = self.first_request()?;
        if r.method != expected.method {
            return Err(mismatch(format!(
                "sent {} instead of {}",
                r.method, expected.method
            )));
        }
        check_path(r.path(), expected.path, example)?;
        let query = query_pairs(r.query().unwrap_or(""));
        for name in expected.query {
            let Some(want) = example.parameters.get(*name).filter(|v| !v.is_null()) else {
                continue;
            };
            let sent: Vec<&str> = query
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
                .collect();
            if sent.is_empty() || !same_text(&sent.join(","), &scalar_text(want)) {
                return Err(mismatch(format!(
                    "query `{name}`: sent {sent:?}, the example has {want}"
                )));
            }
        }
        for name in expected.headers {
            let Some(want) = example.parameters.get(*name).filter(|v| !v.is_null()) else {
                continue;
            };
            let sent = r.header(name).unwrap_or_default();
            if !same_text(sent, &scalar_text(want)) {
                return Err(mismatch(format!(
                    "header `{name}`: sent `{sent}`, the example has {want}"
                )));
            }
        }
        if let Some(body) = expected.body
            && let Some(want) = example.parameters.get(body)
        {
            let sent = sent_json(&r)?;
            same_json(&sent, want, "body")?;
        }
        Ok(())
    }

    /// The operation's request: the first the server received.
    fn first_request(&self) -> Result<Recorded, Mismatch> {
        self.server
            .requests()
            .into_iter()
            .next()
            .ok_or_else(|| mismatch("no request was sent"))
    }

    /// Checks a body passed as a value: `value`, read from the example's parameter `wire`, holds
    /// all of it (read-only properties included), and the client sent it as it serializes
    /// (read-only properties are never sent).
    pub fn check_sent_body<T: Serialize>(
        &self,
        example: &Example,
        wire: &str,
        value: &T,
    ) -> Result<(), Mismatch> {
        let Some(want) = example.parameters.get(wire) else {
            return Ok(());
        };
        let read = crate::wire::with_read_only(|| serde_json::to_value(value))
            .map_err(|e| mismatch(format!("the body does not serialize: {e}")))?;
        same_json(&read, want, "body (as read from the example)")?;
        let r = self.first_request()?;
        let sent = sent_json(&r)?;
        let expected = serde_json::to_value(value)
            .map_err(|e| mismatch(format!("the body does not serialize: {e}")))?;
        same_json(&sent, &expected, "body")
    }

    /// Checks that `value`, what the client read, serializes back to the example's body.
    pub fn check_result<T: Serialize>(&self, value: &T) -> Result<(), Mismatch> {
        let Some(want) = self.final_body.as_ref().or(self.response.body.as_ref()) else {
            return Ok(());
        };
        let ours = crate::wire::with_read_only(|| serde_json::to_value(value))
            .map_err(|e| mismatch(format!("the result does not serialize: {e}")))?;
        same_json(&ours, want, "response")
    }

    /// Reads the first page's items from `pager` and checks each against the example's
    /// `items` array.
    pub async fn check_items<T: Serialize + Send + Unpin + 'static>(
        &self,
        mut pager: Pager<T>,
        items: &str,
    ) -> Result<(), Mismatch> {
        let want = self
            .response
            .body
            .as_ref()
            .and_then(|b| b.get(items))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (i, item) in want.iter().enumerate() {
            let got = pager
                .try_next()
                .await?
                .ok_or_else(|| mismatch(format!("the pager ended before item {i}")))?;
            let ours = crate::wire::with_read_only(|| serde_json::to_value(&got))
                .map_err(|e| mismatch(format!("item {i} does not serialize: {e}")))?;
            same_json(&ours, item, &format!("{items}[{i}]"))?;
        }
        Ok(())
    }
}

/// A request's body as JSON.
fn sent_json(r: &Recorded) -> Result<Value, Mismatch> {
    serde_json::from_slice(&r.body).map_err(|e| {
        mismatch(format!(
            "the body sent is not JSON ({e}): {}",
            r.body_text()
        ))
    })
}

fn check_path(sent: &str, template: &str, example: &Example) -> Result<(), Mismatch> {
    let sent_segments: Vec<&str> = sent.split('/').collect();
    let template_segments: Vec<&str> = template.split('/').collect();
    if sent_segments.len() != template_segments.len() {
        return Err(mismatch(format!(
            "path `{sent}` does not have the shape of `{template}`"
        )));
    }
    for (s, t) in sent_segments.iter().zip(&template_segments) {
        let decoded = percent_encoding::percent_decode_str(s).decode_utf8_lossy();
        match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
            Some(name) => {
                // A constant of the path may go unsaid in an example.
                let Some(want) = example.parameters.get(name).map(scalar_text) else {
                    continue;
                };
                if !same_text(&decoded, &want) {
                    return Err(mismatch(format!(
                        "path `{name}`: sent `{decoded}`, the example has `{want}`"
                    )));
                }
            }
            None if decoded != *t => {
                return Err(mismatch(format!("path `{sent}` is not `{template}`")));
            }
            None => {}
        }
    }
    Ok(())
}

fn query_pairs(query: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Text equal as written, or as the same instant (dates written differently).
fn same_text(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let instant = |t: &str| {
        crate::wire::rfc3339::parse(t)
            .or_else(|_| crate::wire::rfc1123::parse(t))
            .ok()
    };
    matches!((instant(a), instant(b)), (Some(x), Some(y)) if x == y)
}

/// JSON equal by value: a `null` property equals an absent one, numbers compare as numbers,
/// text as [`same_text`].
fn same_json(ours: &Value, example: &Value, at: &str) -> Result<(), Mismatch> {
    match (ours, example) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeMap<&String, ()> = a.keys().chain(b.keys()).map(|k| (k, ())).collect();
            for key in keys.keys() {
                let (x, y) = (
                    a.get(*key).unwrap_or(&Value::Null),
                    b.get(*key).unwrap_or(&Value::Null),
                );
                same_json(x, y, &format!("{at}.{key}"))?;
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same_json(x, y, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => Ok(()),
        (Value::String(a), Value::String(b)) if same_text(a, b) => Ok(()),
        (a, b) if a == b => Ok(()),
        (Value::Null, b) => Err(mismatch(format!(
            "{at}: the example has {b}, the client lost it"
        ))),
        (a, Value::Null) => Err(mismatch(format!(
            "{at}: the client has {a}, the example none"
        ))),
        (a, b) => Err(mismatch(format!(
            "{at}: the client has {a}, the example {b}"
        ))),
    }
}

/// The outcome of one module's examples.
#[derive(Debug)]
pub struct Report {
    name: String,
    checked: usize,
    failures: Vec<String>,
    skipped: Vec<String>,
}

impl Report {
    /// A report for the module `name`.
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            checked: 0,
            failures: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// Records one example's outcome.
    pub fn record(&mut self, operation: &str, title: &str, outcome: Result<(), Mismatch>) {
        self.checked += 1;
        if let Err(e) = outcome {
            self.failures.push(format!("{operation} `{title}`: {e}"));
        }
    }

    /// Records an example the check cannot run, and why.
    pub fn skip(&mut self, operation: &str, title: &str, why: &str) {
        self.skipped.push(format!("{operation} `{title}`: {why}"));
    }

    /// Prints `examples <name>: N checked, M passed` and what failed or was skipped; panics
    /// when an example failed.
    pub fn finish(self) {
        let passed = self.checked - self.failures.len();
        let mut text = format!(
            "examples {}: {} checked, {passed} passed, {} skipped\n",
            self.name,
            self.checked,
            self.skipped.len()
        );
        for s in &self.skipped {
            text.push_str(&format!("  skipped {s}\n"));
        }
        for f in &self.failures {
            text.push_str(&format!("  FAILED {f}\n"));
        }
        // Straight to stderr, past the test harness's capture: the report is the point.
        let _ = std::io::Write::write_all(&mut std::io::stderr(), text.as_bytes());
        assert!(
            self.failures.is_empty(),
            "{} of {} examples of {} failed:\n{}",
            self.failures.len(),
            self.checked,
            self.name,
            self.failures.join("\n")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_compares_by_value() {
        let ours = json!({"a": 2.0, "when": "2020-11-19T16:31:49.048+00:00", "list": [1]});
        let example =
            json!({"a": 2, "when": "2020-11-19T16:31:49.048Z", "list": [1], "gone": null});
        assert_eq!(same_json(&ours, &example, "body"), Ok(()));
        let lost = same_json(&json!({"a": 1}), &json!({"a": 1, "b": "x"}), "body").unwrap_err();
        assert_eq!(lost.0, "body.b: the example has \"x\", the client lost it");
        let differs = same_json(&json!([1, 2]), &json!([1, 3]), "items").unwrap_err();
        assert_eq!(differs.0, "items[1]: the client has 2, the example 3");
    }

    #[test]
    fn paths_match_their_template() {
        let ex = Example::parse(
            "t",
            r#"{"parameters": {"id": "8:acs:1", "when": "2020-01-01T00:00:00Z"}, "responses": {}}"#,
        )
        .unwrap();
        assert_eq!(
            check_path("/users/8%3Aacs%3A1/x", "/users/{id}/x", &ex),
            Ok(())
        );
        let wrong = check_path("/users/2/x", "/users/{id}/x", &ex).unwrap_err();
        assert!(wrong.0.contains("sent `2`"), "{wrong}");
        assert!(check_path("/users/8:acs:1", "/users/{id}/x", &ex).is_err());
    }

    #[test]
    fn parameters_read_as_their_type() {
        let ex = Example::parse(
            "t",
            r#"{"parameters": {"n": 3, "tags": "a,b", "body": {"x": true}}, "responses": {}}"#,
        )
        .unwrap();
        assert_eq!(ex.param::<i32>("n"), Ok(3));
        assert_eq!(ex.param::<Vec<String>>("tags").unwrap(), ["a", "b"]);
        assert_eq!(ex.field::<bool>("body", "x"), Ok(true));
        assert_eq!(ex.optional::<i32>("absent"), Ok(None));
        assert!(
            ex.param::<i32>("absent")
                .unwrap_err()
                .0
                .contains("`absent`")
        );
        assert!(ex.param::<bool>("n").is_err());
    }
}
