//! Paging: a [`Pager`] streams the items of an `x-ms-pageable` operation, one page in memory at
//! a time.

use std::collections::HashSet;
use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_util::{Stream, StreamExt as _};
use serde::de::DeserializeOwned;
use url::Url;

use crate::{Error, Method, Pipeline, Request, Result};

/// One page of a pageable operation's response: its items and its next link.
///
/// Generated page models implement it from the spec's `itemName` and `nextLinkName`.
pub trait Page: DeserializeOwned + Send + 'static {
    /// The item type.
    type Item: Send + 'static;
    /// Splits the page into its items and its next link (`None` when paging ends here or the
    /// spec's `nextLinkName` is `null`).
    fn into_parts(self) -> (Vec<Self::Item>, Option<String>);
}

/// What happens to the `api-version` query parameter of a next link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiVersionPolicy {
    /// Follow the link exactly as given.
    Keep,
    /// Add `api-version=<value>` when the link has none.
    Append(String),
    /// Set `api-version=<value>`, replacing any the link has.
    Replace(String),
}

/// Builds the request for the next page from the raw next link (for `nextOperationName`).
pub type NextRequestFn = Arc<dyn Fn(&str) -> Result<Request> + Send + Sync>;

/// How the request for the next page is made.
#[derive(Clone)]
pub enum NextPage {
    /// GET the next link (absolute, or relative to the endpoint).
    Link(ApiVersionPolicy),
    /// Another operation builds the request from the next link (`nextOperationName`).
    Operation(NextRequestFn),
    /// One page only (`nextLinkName: null`): a link the service still sends is not followed.
    None,
}

impl fmt::Debug for NextPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Link(p) => f.debug_tuple("Link").field(p).finish(),
            Self::Operation(_) => f.write_str("Operation(..)"),
            Self::None => f.write_str("None"),
        }
    }
}

type PageStream<T> = Pin<Box<dyn Stream<Item = Result<Vec<T>>> + Send>>;

/// A stream of whole pages. Empty pages are yielded as they come.
pub struct Pages<T> {
    inner: PageStream<T>,
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pages(..)")
    }
}

impl<T> Stream for Pages<T> {
    type Item = Result<Vec<T>>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// A stream of items across pages. Use `futures::TryStreamExt::try_next` (re-exported as
/// [`crate::TryStreamExt`]) to walk it, or [`Pager::into_pages`] for whole pages.
///
/// It requests nothing until polled, ends on a missing, `null` or empty next link, passes over
/// empty pages, and stops with an error when a next link repeats or points at another host.
#[must_use = "a pager sends nothing until it is polled"]
pub struct Pager<T> {
    pages: Pages<T>,
    buffer: std::vec::IntoIter<T>,
}

impl<T> fmt::Debug for Pager<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pager")
            .field("buffered", &self.buffer.len())
            .finish()
    }
}

struct State {
    pipeline: Pipeline,
    /// The next request, or the error that stops paging once this page's items are out.
    next: Option<Result<Request>>,
    template: Request,
    expected: &'static [u16],
    next_page: NextPage,
    /// Fingerprints of the URLs requested so far: a service that sends a link twice would page
    /// forever. (Fingerprints keep memory flat over millions of pages.)
    seen: HashSet<u64>,
}

/// A URL's fingerprint for the repeated-link check: a 64-bit hash under keys random per process,
/// so no service can choose links that collide.
fn fingerprint(url: &Url) -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    static KEYS: std::sync::OnceLock<std::collections::hash_map::RandomState> =
        std::sync::OnceLock::new();
    let mut hasher = KEYS.get_or_init(Default::default).build_hasher();
    hasher.write(url.as_str().as_bytes());
    hasher.finish()
}

impl<T: Send + 'static> Pager<T> {
    /// Pages through `first` and the links that follow it. `expected` are the success statuses;
    /// each page body decodes as `P`.
    #[doc(hidden)] // called by generated code, not by applications
    pub fn new<P: Page<Item = T>>(
        pipeline: Pipeline,
        first: Request,
        expected: &'static [u16],
        next_page: NextPage,
    ) -> Self {
        let mut seen = HashSet::new();
        seen.insert(fingerprint(first.url()));
        let state = State {
            pipeline,
            next: Some(Ok(first.clone())),
            template: first,
            expected,
            next_page,
            seen,
        };
        Self::from_pages(Box::pin(Self::unfold::<P>(state)))
    }

    /// Pages on from a first page already in hand (the result of a pageable long-running
    /// operation). `template` is the request that started it: next-link requests carry its
    /// headers.
    #[doc(hidden)] // called by generated code, not by applications
    pub fn from_first_page<P: Page<Item = T>>(
        pipeline: Pipeline,
        first: P,
        template: Request,
        expected: &'static [u16],
        next_page: NextPage,
    ) -> Self {
        let (items, link) = first.into_parts();
        let mut state = State {
            pipeline,
            next: None,
            template,
            expected,
            next_page,
            seen: HashSet::new(),
        };
        state.follow(link);
        let first = futures_util::stream::once(std::future::ready(Ok(items)));
        Self::from_pages(Box::pin(first.chain(Self::unfold::<P>(state))))
    }

    fn from_pages(inner: PageStream<T>) -> Self {
        Self {
            pages: Pages { inner },
            buffer: Vec::new().into_iter(),
        }
    }

    /// The pages from `state.next` on.
    fn unfold<P: Page<Item = T>>(state: State) -> impl Stream<Item = Result<Vec<T>>> + Send {
        futures_util::stream::try_unfold(state, |mut state| async move {
            let Some(request) = state.next.take() else {
                return Ok(None);
            };
            let request = request?;
            let response = state
                .pipeline
                .send(request)
                .await?
                .expect_status(state.expected)?;
            let (items, link) = response.json::<P>()?.into_parts();
            state.follow(link);
            Ok(Some((items, state)))
        })
    }

    /// A pager that yields `error` and ends: for a request that could not even be built.
    #[doc(hidden)] // called by generated code, not by applications
    pub fn failed(error: Error) -> Self {
        Self {
            pages: Pages {
                inner: Box::pin(futures_util::stream::once(std::future::ready(Err(error)))),
            },
            buffer: Vec::new().into_iter(),
        }
    }

    /// The pages, whole.
    pub fn into_pages(self) -> Pages<T> {
        self.pages
    }
}

impl State {
    /// Queues the request for a page's next link, unless paging ends here (no link, an empty
    /// one, or one page only).
    fn follow(&mut self, link: Option<String>) {
        let one_page = matches!(self.next_page, NextPage::None);
        if let Some(link) = link.filter(|l| !one_page && !l.trim().is_empty()) {
            self.next = Some(self.next_request(&link));
        }
    }

    fn next_request(&mut self, link: &str) -> Result<Request> {
        let request = match &self.next_page {
            NextPage::Link(policy) => {
                let mut url = self.pipeline.resolve_link(link)?;
                apply_api_version(&mut url, policy);
                let mut request = Request::new(Method::GET, url);
                if let Some(operation) = self.template.operation() {
                    request.set_operation(operation);
                }
                for (name, value) in self.template.headers() {
                    if name != http::header::CONTENT_TYPE {
                        request.headers_mut().insert(name.clone(), value.clone());
                    }
                }
                request
            }
            NextPage::Operation(build) => build(link)?,
            NextPage::None => {
                return Err(Error::Protocol("this operation has one page only".into()));
            }
        };
        if !self.seen.insert(fingerprint(request.url())) {
            return Err(Error::RepeatedLink {
                link: link.to_owned(),
            });
        }
        Ok(request)
    }
}

fn apply_api_version(url: &mut Url, policy: &ApiVersionPolicy) {
    let (value, replace) = match policy {
        ApiVersionPolicy::Keep => return,
        ApiVersionPolicy::Append(v) => (v, false),
        ApiVersionPolicy::Replace(v) => (v, true),
    };
    let query = url.query().unwrap_or_default();
    // Names compare case-insensitively: services send `Api-Version` too.
    let is_version = |p: &str| {
        p.split('=')
            .next()
            .is_some_and(|n| n.eq_ignore_ascii_case("api-version"))
    };
    let has = query.split('&').any(is_version);
    if has && !replace {
        return;
    }
    let mut parts: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && !is_version(p))
        .map(str::to_owned)
        .collect();
    parts.push(format!("api-version={}", crate::http::encode_query(value)));
    url.set_query(Some(&parts.join("&")));
}

impl<T: Unpin> Stream for Pager<T> {
    type Item = Result<T>;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(items))) => this.buffer = items.into_iter(),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_version_policies() {
        let cases = [
            ("https://h/p?a=1", ApiVersionPolicy::Keep, "a=1"),
            (
                "https://h/p?a=1",
                ApiVersionPolicy::Append("2".into()),
                "a=1&api-version=2",
            ),
            (
                "https://h/p?api-version=1",
                ApiVersionPolicy::Append("2".into()),
                "api-version=1",
            ),
            (
                "https://h/p?api-version=1&b=2",
                ApiVersionPolicy::Replace("3".into()),
                "b=2&api-version=3",
            ),
            (
                "https://h/p",
                ApiVersionPolicy::Replace("3".into()),
                "api-version=3",
            ),
        ];
        for (link, policy, query) in cases {
            let mut url = Url::parse(link).unwrap();
            apply_api_version(&mut url, &policy);
            assert_eq!(url.query(), Some(query), "{link} {policy:?}");
        }
    }
}
