//! Requests: method, URL (its query built as text and folded in once), headers and body.

use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use url::Url;

use super::{Method, RedactedHeaders, ResponseLimits, push_percent_encoded, redacted_url};
use crate::wire::format::{Format, Formatted};
use crate::{Error, Result};

/// An HTTP request about to go through a [`crate::Pipeline`].
#[derive(Clone)]
pub struct Request {
    method: Method,
    url: Url,
    /// Query pairs appended since the URL's query was last set, as text: folded into `url` in
    /// one `set_query` (which parses the whole query) rather than one per parameter.
    pending_query: String,
    /// `url` with `pending_query` folded in, for a read through `&self` before the fold (boxed:
    /// a request is moved through a call's futures, and is rarely read so).
    full_url: OnceLock<Box<Url>>,
    headers: HeaderMap,
    body: Bytes,
    /// A body read as it is sent, instead of `body`.
    upload: Option<crate::Upload>,
    limits: ResponseLimits,
    request_id: Option<String>,
    /// The `x-ms-client-request-id` the pipeline chose for this call. It is added to each try's
    /// copy, with the other headers every try carries, rather than kept among `headers`: the
    /// copy of a request that has none of them is cheap (a GET's has no headers at all).
    call_request_id: Option<HeaderValue>,
    redirects: Redirects,
    operation: Option<&'static str>,
}

/// Whether a call follows the redirects it is answered with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Redirects {
    /// Followed to the client's own endpoint (see `ClientOptions::with_max_redirects`).
    #[default]
    Follow,
    /// Returned as they come: the operation declares a redirect as its answer (a login that
    /// answers `303 See Other` with a `Location`).
    Return,
}

impl Request {
    /// A request with no headers and no body.
    pub fn new(method: Method, url: Url) -> Self {
        Self {
            method,
            url,
            pending_query: String::new(),
            full_url: OnceLock::new(),
            headers: HeaderMap::new(),
            body: Bytes::new(),
            upload: None,
            request_id: None,
            call_request_id: None,
            limits: ResponseLimits::default(),
            redirects: Redirects::Follow,
            operation: None,
        }
    }

    /// Names the operation this request makes (its `operationId`), for the call's tracing span.
    pub fn set_operation(&mut self, operation: &'static str) {
        self.operation = Some(operation);
    }

    /// The operation named with [`Request::set_operation`].
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// Whether the call follows the redirects it is answered with.
    pub fn redirects(&self) -> Redirects {
        self.redirects
    }

    /// Sets whether the call follows redirects: generated code returns them to operations that
    /// declare a 3xx answer.
    pub fn set_redirects(&mut self, redirects: Redirects) {
        self.redirects = redirects;
    }

    /// How much of the response the transport may buffer.
    pub fn response_limits(&self) -> ResponseLimits {
        self.limits
    }

    pub(crate) fn set_response_limits(&mut self, limits: ResponseLimits) {
        self.limits = limits;
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Changes the method (a redirect's 303 turns a POST into a GET).
    pub(crate) fn set_method(&mut self, method: Method) {
        self.method = method;
    }

    /// Removes the body.
    pub(crate) fn clear_body(&mut self) {
        self.body = Bytes::new();
        self.upload = None;
    }

    /// What goes on the wire: method, URL, headers, and the body in memory or as an upload.
    pub(crate) fn into_wire(mut self) -> (Method, Url, HeaderMap, Bytes, Option<crate::Upload>) {
        self.settle_query();
        (self.method, self.url, self.headers, self.body, self.upload)
    }

    /// The upload this request sends instead of in-memory bytes, if it has one (a transport
    /// that streams bodies sends it; for one that does not, the pipeline reads it into
    /// [`Request::body`] first).
    pub fn upload(&self) -> Option<&crate::Upload> {
        self.upload.as_ref()
    }

    /// Reads the upload into the body, for a transport that cannot stream one.
    pub(crate) async fn buffer_upload(&mut self) -> Result<()> {
        if let Some(upload) = self.upload.take() {
            self.body = upload.read_all().await?;
        }
        Ok(())
    }

    /// The URL.
    pub fn url(&self) -> &Url {
        if self.pending_query.is_empty() {
            return &self.url;
        }
        self.full_url.get_or_init(|| {
            let mut url = self.url.clone();
            fold_query(&mut url, &self.pending_query);
            Box::new(url)
        })
    }

    /// The URL, for changes.
    pub fn url_mut(&mut self) -> &mut Url {
        self.settle_query();
        &mut self.url
    }

    /// Folds the query pairs appended so far into the URL (the pipeline does before a call).
    pub(crate) fn settle_query(&mut self) {
        if self.pending_query.is_empty() {
            return;
        }
        fold_query(&mut self.url, &self.pending_query);
        self.pending_query.clear();
        self.full_url.take();
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The headers, for changes.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        &mut self.headers
    }

    /// Marks `id` as this call's request id: a spec's own request-id header carries it, and
    /// the pipeline sends the same in `x-ms-client-request-id` (one id per call, never two).
    pub fn set_request_id(&mut self, id: &str) {
        self.request_id = Some(id.to_owned());
    }

    /// Sets the `x-ms-client-request-id` every try of the call sends (see
    /// `Pipeline::add_call_headers`).
    pub(crate) fn set_call_request_id(&mut self, id: HeaderValue) {
        self.call_request_id = Some(id);
    }

    /// The `x-ms-client-request-id` the pipeline chose for the call, if it chose one.
    pub(crate) fn call_request_id(&self) -> Option<&HeaderValue> {
        self.call_request_id.as_ref()
    }

    /// The headers, for changes, beside the request id the pipeline chose for the call.
    pub(crate) fn headers_and_call_request_id(&mut self) -> (&mut HeaderMap, Option<&HeaderValue>) {
        (&mut self.headers, self.call_request_id.as_ref())
    }

    /// The request id set with [`Request::set_request_id`].
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The body bytes, exactly as they are sent.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Appends `name=value` to the query, both percent-encoded (written straight into the
    /// query, without a string of their own).
    pub fn query(&mut self, name: &str, value: &str) {
        let query = self.start_query_pair();
        push_percent_encoded(query, name);
        query.push('=');
        push_percent_encoded(query, value);
    }

    /// Appends `name=value` to the query as given (for `x-ms-skip-url-encoding`).
    pub fn query_raw(&mut self, name: &str, value: &str) {
        let query = self.start_query_pair();
        query.push_str(name);
        query.push('=');
        query.push_str(value);
    }

    /// The pending query, ready for one more pair (the URL shown before the fold is made again).
    fn start_query_pair(&mut self) -> &mut String {
        self.full_url.take();
        let query = &mut self.pending_query;
        if query.is_empty() {
            // Room for several pairs at once, rather than growing pair by pair.
            query.reserve(128);
        } else {
            query.push('&');
        }
        query
    }

    /// Sets a header. A value that is not a valid header value (a line break, a control
    /// character) is an error naming the header.
    pub fn header(&mut self, name: &'static str, value: &str) -> Result<()> {
        let value = HeaderValue::from_str(value).map_err(|_| {
            Error::header(
                name,
                "has a value that is not a valid header value (line breaks and control characters are not allowed)",
            )
        })?;
        self.headers.insert(HeaderName::from_static(name), value);
        Ok(())
    }

    /// Sets a JSON body with the given content type.
    pub fn json<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        content_type: &'static str,
    ) -> Result<()> {
        let bytes = serde_json::to_vec(body).map_err(|e| Error::Serialize(e.to_string()))?;
        self.set_body(bytes, content_type);
        Ok(())
    }

    /// Sets a JSON body written in a wire format (`wire::format::Date`,
    /// `wire::format::VecOf<wire::format::Base64>`).
    pub fn json_as<F: Format<T>, T>(&mut self, body: &T, content_type: &'static str) -> Result<()> {
        self.json(&Formatted::<F, T>::new(body), content_type)
    }

    /// Sets a JSON array body whose items are written in a wire format (an array of dates).
    pub fn json_items_as<F: Format<T>, T>(
        &mut self,
        items: &[T],
        content_type: &'static str,
    ) -> Result<()> {
        self.json(&Items::<F, T>(items, PhantomData), content_type)
    }

    /// Sets an XML body: the document `write` writes (a model's `write_xml`), with the given
    /// content type. A name or character XML cannot carry fails the call before it is sent.
    pub fn xml(
        &mut self,
        write: impl FnOnce(&mut crate::xml::Writer),
        content_type: &'static str,
    ) -> Result<()> {
        let bytes = crate::xml::document(write).map_err(|e| Error::Serialize(e.to_string()))?;
        self.set_body(bytes, content_type);
        Ok(())
    }

    /// Sets a form body (`application/x-www-form-urlencoded`): each property of `body` as
    /// `name=value`, percent-encoded; an array's items as the same name repeated; an object
    /// inside as its JSON; `null` left out.
    pub fn form<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        content_type: &'static str,
    ) -> Result<()> {
        let text = crate::wire::form::encode(body).map_err(Error::Serialize)?;
        self.set_body(text, content_type);
        Ok(())
    }

    /// Sets a form body built field by field (`in: formData` parameters), with its content
    /// type (a multipart form's names its boundary).
    pub fn set_form(&mut self, form: crate::Form) -> Result<()> {
        let (body, content_type) = form.encode()?;
        self.body = body;
        self.headers
            .insert(http::header::CONTENT_TYPE, content_type);
        Ok(())
    }

    /// Sets a body of bytes in memory, or an [`crate::Upload`] read as it is sent.
    pub fn set_payload(&mut self, payload: impl Into<crate::Payload>, content_type: &'static str) {
        match payload.into() {
            crate::Payload::Bytes(bytes) => self.set_body(bytes, content_type),
            crate::Payload::Upload(upload) => {
                self.set_body(Bytes::new(), content_type);
                self.upload = Some(upload);
            }
        }
    }

    /// Sets raw body bytes with the given content type.
    pub fn set_body(&mut self, body: impl Into<Bytes>, content_type: &'static str) {
        self.body = body.into();
        self.upload = None;
        self.headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static(content_type),
        );
    }

    /// The request target as sent on the wire: path, then `?query` when there is one.
    pub fn path_and_query(&self) -> &str {
        &self.url()[url::Position::BeforePath..url::Position::AfterQuery]
    }
}

/// Appends query pairs to a URL's query (set as they are when it has none: no copy).
fn fold_query(url: &mut Url, more: &str) {
    match url.query().filter(|q| !q.is_empty()) {
        Some(existing) => {
            let query = format!("{existing}&{more}");
            url.set_query(Some(&query));
        }
        None => url.set_query(Some(more)),
    }
}

/// A slice whose items serialize in format `F`.
struct Items<'a, F, T>(&'a [T], PhantomData<fn() -> F>);

impl<F: Format<T>, T> Serialize for Items<'_, F, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(Formatted::<F, T>::new))
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &redacted_url(self.url()))
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_appended_show_in_the_url_before_and_after_they_are_folded_in() {
        let url = Url::parse("https://contoso.example/a/b?fixed=1").unwrap();
        let mut request = Request::new(Method::GET, url);
        request.query("api-version", "2020-07-20");
        request.query("filter", "name eq 'a b'&c");
        let expected = "https://contoso.example/a/b?fixed=1&api-version=2020-07-20\
                        &filter=name%20eq%20%27a%20b%27%26c";
        assert_eq!(request.url().as_str(), expected);
        assert_eq!(
            request.path_and_query(),
            &expected["https://contoso.example".len()..]
        );
        let copy = request.clone();
        request.query("top", "5");
        assert_eq!(request.url().as_str(), format!("{expected}&top=5"));
        assert_eq!(copy.url().as_str(), expected, "a copy keeps its own query");
        request.url_mut().set_fragment(None);
        request.query("skip", "1");
        request.settle_query();
        assert_eq!(request.url().as_str(), format!("{expected}&top=5&skip=1"));
        let (_, wire, ..) = request.into_wire();
        assert_eq!(wire.as_str(), format!("{expected}&top=5&skip=1"));
        // No query at all: none is added.
        let bare = Request::new(
            Method::GET,
            Url::parse("https://contoso.example/x").unwrap(),
        );
        assert_eq!(bare.url().query(), None);
    }
}
