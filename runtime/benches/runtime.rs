//! Runtime benchmarks: signing, the pipeline's overhead over bare reqwest, and paging.
//!
//! `cargo bench -p restgen-runtime`

use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use restgen_runtime::paging::NextPage;
use restgen_runtime::{
    ApiVersionPolicy, ClientOptions, KeyCredential, Method, OffsetDateTime, Page, Pager, Pipeline,
    TryStreamExt,
};
use serde::Deserialize;
use test_server::{Reply, TestServer};

const KEY: &str = "cGVlci1jYXB0dXJlLXRlc3Qta2V5LTAxMjM0NTY3ODk=";

fn signing(c: &mut Criterion) {
    let key = KeyCredential::from_base64(KEY).unwrap();
    let body = vec![b'x'; 1024];
    let date = OffsetDateTime::now_utc();
    let mut group = c.benchmark_group("sign");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("1KiB body", |b| {
        b.iter(|| {
            key.sign(
                "POST",
                "/administration/phonenumbers/searches?api-version=2020-07-20-preview1",
                "contoso.communication.azure.com",
                date,
                std::hint::black_box(&body),
            )
        })
    });
    group.finish();
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn pipeline(url: &str) -> Pipeline {
    pipeline_with(url, ClientOptions::default())
}

fn pipeline_with(url: &str, options: ClientOptions) -> Pipeline {
    Pipeline::new(
        ("bench", "0"),
        url,
        KeyCredential::from_base64(KEY).unwrap(),
        options,
    )
    .unwrap()
}

/// The same six headers the pipeline adds, precomputed: what the extra bytes cost the client,
/// the wire and the server, apart from the pipeline's own work.
fn same_headers(request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    request
        .header("user-agent", "azsdk-rust-bench/0 (rustc 1.95.0; linux; x86_64)")
        .header("x-ms-client-request-id", "0f8fad5b-d9cb-469f-a165-70867728950e")
        .header("x-ms-return-client-request-id", "true")
        .header("x-ms-date", "Fri, 02 Oct 2020 12:00:00 GMT")
        .header("x-ms-content-sha256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        .header("authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=Ck8mK4jgqgXsq6UpsbEWnEQY3wVtTkvtbxXrAbZx+WQ=")
}

/// The query parameters of the "five query parameters" requests, as generated code appends them
/// (after `api-version`), and as the bare request writes them.
const FIVE: [(&str, &str); 5] = [
    ("top", "10"),
    ("skip", "20"),
    ("filter", "name eq 'x'"),
    ("orderby", "name"),
    ("select", "id"),
];
const FIVE_ENCODED: &str = "&top=10&skip=20&filter=name%20eq%20%27x%27&orderby=name&select=id";

/// One GET through the pipeline, as a generated operation makes it: path, `api-version`, and
/// the five parameters when `five`.
async fn signed_get(p: &Pipeline, five: bool) -> restgen_runtime::Response {
    let mut request = p.request(
        Method::GET,
        "/administration/phonenumbers/searches/0cc077cd",
    );
    request.query("api-version", "2020-07-20-preview1");
    if five {
        for (name, value) in FIVE {
            request.query(name, value);
        }
    }
    p.send(request).await.unwrap()
}

/// The same GET with bare reqwest and the same six headers.
async fn bare_get(client: &reqwest::Client, url: &str) -> bytes::Bytes {
    let r = same_headers(client.get(url)).send().await.unwrap();
    r.bytes().await.unwrap()
}

fn request_overhead(c: &mut Criterion) {
    let rt = runtime();
    let server = rt.block_on(TestServer::start_unrecorded(|_| {
        Reply::json(
            200,
            r#"{"searchId":"0cc077cd-333a-39fd-90f7-560b1e06c63e","status":"Reserved"}"#,
        )
    }));
    let url = server.url();
    let p = pipeline(&url);
    // The per-try timeout arms a timer on every call; this shows what it costs.
    let untimed = pipeline_with(&url, ClientOptions::default().with_per_try_timeout(None));
    // The bare client's TLS backend (reqwest's `rustls-no-provider`, as the runtime links it)
    // needs a process-wide crypto provider; the runtime hands its own client a ready config.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let bare = reqwest::Client::new();
    let target = format!(
        "{url}/administration/phonenumbers/searches/0cc077cd?api-version=2020-07-20-preview1"
    );
    let five = format!("{target}{FIVE_ENCODED}");
    let mut group = c.benchmark_group("GET over loopback");
    group.bench_function("bare reqwest", |b| {
        b.to_async(&rt).iter(|| async {
            let r = bare.get(&target).send().await.unwrap();
            r.bytes().await.unwrap()
        })
    });
    group.bench_function("bare reqwest, same headers", |b| {
        b.to_async(&rt).iter(|| bare_get(&bare, &target))
    });
    group.bench_function("signed, through the pipeline", |b| {
        b.to_async(&rt).iter(|| signed_get(&p, false))
    });
    group.bench_function("bare reqwest, same headers, five query parameters", |b| {
        b.to_async(&rt).iter(|| bare_get(&bare, &five))
    });
    group.bench_function("signed, through the pipeline, five query parameters", |b| {
        b.to_async(&rt).iter(|| signed_get(&p, true))
    });
    group.bench_function("signed, through the pipeline, no per-try timeout", |b| {
        b.to_async(&rt).iter(|| signed_get(&untimed, false))
    });
    group.finish();

    // The pipeline's cost over bare reqwest, measured with the two requests taken in turns: the
    // benchmarks above run one after another, and between them a shared 2-core machine drifts
    // by more than the 5% asked of the pipeline. Here both see the same moments.
    let mut group = c.benchmark_group("GET over loopback, interleaved");
    // Every sample the same number of pairs (about two thousand at 6 s), so that each sample's
    // median is as steady as the next: criterion's default mode starts with samples of a few.
    group.sampling_mode(SamplingMode::Flat);
    for (name, five, bare_url) in [
        ("", false, &target),
        (", five query parameters", true, &five),
    ] {
        for side in [Side::Bare, Side::Extra] {
            let label = match side {
                Side::Bare => format!("bare reqwest, same headers{name}"),
                Side::Extra => format!("signed minus bare{name}"),
            };
            group.bench_function(label, |b| {
                b.to_async(&rt).iter_custom(|iters| {
                    let (p, bare) = (&p, &bare);
                    async move {
                        let mut pairs = Vec::with_capacity(iters as usize);
                        for i in 0..iters {
                            // Each goes first half the time.
                            let (bare_time, signed_time) = if i % 2 == 0 {
                                let bare_time = timed(bare_get(bare, bare_url)).await;
                                (bare_time, timed(signed_get(p, five)).await)
                            } else {
                                let signed_time = timed(signed_get(p, five)).await;
                                (timed(bare_get(bare, bare_url)).await, signed_time)
                            };
                            pairs.push((bare_time, signed_time));
                        }
                        side.median(&mut pairs) * iters as u32
                    }
                })
            });
        }
    }
    group.finish();
}

/// Which time an interleaved benchmark reports.
#[derive(Clone, Copy)]
enum Side {
    /// The bare request's.
    Bare,
    /// The signed request's, less the bare one's.
    Extra,
}

impl Side {
    /// The median over a sample's pairs (bare, signed) of this side's time. A median, not a
    /// sum: one stalled request (a millisecond, now and then, on a shared VM) would outweigh a
    /// whole sample's difference. A difference at or below zero (the pipeline faster) reads as
    /// a nanosecond, since criterion refuses times of zero.
    fn median(self, pairs: &mut [(Duration, Duration)]) -> Duration {
        let mid = pairs.len() / 2;
        match self {
            Side::Bare => pairs.select_nth_unstable_by_key(mid, |p| p.0).1.0,
            Side::Extra => {
                let extra = |(bare, signed): &(Duration, Duration)| {
                    signed.as_nanos() as i128 - bare.as_nanos() as i128
                };
                let nanos = extra(pairs.select_nth_unstable_by_key(mid, extra).1);
                Duration::from_nanos(nanos.max(1) as u64)
            }
        }
    }
}

/// How long `request` takes.
async fn timed<T>(request: impl Future<Output = T>) -> Duration {
    let start = std::time::Instant::now();
    std::hint::black_box(request.await);
    start.elapsed()
}

#[derive(Deserialize)]
struct NumberPage {
    #[serde(rename = "phoneNumbers")]
    phone_numbers: Vec<Number>,
    #[serde(rename = "nextLink")]
    next_link: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)] // read by serde, as a real model is
struct Number {
    #[serde(rename = "phoneNumber")]
    phone_number: String,
    #[serde(rename = "placeName")]
    place_name: Option<String>,
}

impl Page for NumberPage {
    type Item = Number;
    fn into_parts(self) -> (Vec<Number>, Option<String>) {
        (self.phone_numbers, self.next_link)
    }
}

/// Page `page` of 100: 100 numbers and the link to the next page (none after the 100th).
fn page_body(page: usize) -> String {
    let items: Vec<String> = (0..100)
        .map(|i| {
            format!(
                r#"{{"phoneNumber":"+1425555{:04}","placeName":"Redmond"}}"#,
                page * 100 + i
            )
        })
        .collect();
    let next = if page + 1 < 100 {
        format!(r#""/numbers?page={}""#, page + 1)
    } else {
        "null".into()
    };
    format!(
        r#"{{"phoneNumbers":[{}],"nextLink":{next}}}"#,
        items.join(",")
    )
}

fn paging(c: &mut Criterion) {
    let rt = runtime();
    let server = rt.block_on(TestServer::start_unrecorded(|r| {
        let page: usize = r
            .query()
            .and_then(|q| q.strip_prefix("page="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        Reply::json(200, &page_body(page))
    }));
    let p = pipeline(&server.url());
    let mut group = c.benchmark_group("paging");
    group.throughput(Throughput::Elements(10_000));
    group.measurement_time(Duration::from_secs(8));
    group.bench_with_input(BenchmarkId::new("10k items", "pages of 100"), &p, |b, p| {
        b.to_async(&rt).iter(|| async {
            let pager = Pager::new::<NumberPage>(
                p.clone(),
                p.request(Method::GET, "/numbers"),
                &[200],
                NextPage::Link(ApiVersionPolicy::Keep),
            );
            let n = pager
                .try_fold(0usize, |n, _| async move { Ok(n + 1) })
                .await
                .unwrap();
            assert_eq!(n, 10_000);
        })
    });
    group.finish();
}

/// Answers at once from memory: the pipeline's own cost per call, without a network.
#[derive(Debug)]
struct Canned;

impl restgen_runtime::Transport for Canned {
    fn send(
        &self,
        _request: restgen_runtime::Request,
    ) -> restgen_runtime::BoxFuture<
        '_,
        Result<restgen_runtime::Response, restgen_runtime::TransportError>,
    > {
        Box::pin(async {
            Ok(restgen_runtime::Response::new(
                restgen_runtime::StatusCode::OK,
                Default::default(),
                &b"{}"[..],
            ))
        })
    }
}

fn pipeline_alone(c: &mut Criterion) {
    let rt = runtime();
    let p = Pipeline::new(
        ("bench", "0"),
        "https://contoso.communication.azure.com",
        KeyCredential::from_base64(KEY).unwrap(),
        ClientOptions::default().with_transport(std::sync::Arc::new(Canned)),
    )
    .unwrap();
    c.bench_function("pipeline alone (in-memory transport)", |b| {
        b.to_async(&rt).iter(|| async {
            let mut request = p.request(
                Method::GET,
                "/administration/phonenumbers/searches/0cc077cd",
            );
            request.query("api-version", "2020-07-20-preview1");
            p.send(request).await.unwrap()
        })
    });
    c.bench_function(
        "pipeline alone (in-memory transport), five query parameters",
        |b| {
            b.to_async(&rt).iter(|| async {
                let mut request = p.request(
                    Method::GET,
                    "/administration/phonenumbers/searches/0cc077cd",
                );
                request.query("api-version", "2020-07-20-preview1");
                request.query("top", "10");
                request.query("skip", "20");
                request.query("filter", "name eq 'x'");
                request.query("orderby", "name");
                request.query("select", "id");
                p.send(request).await.unwrap()
            })
        },
    );
}

/// Serves the pages of `paging` from memory, precomputed: the client's own CPU per item
/// (decoding, paging, the pipeline), without a server or a network in the figure.
#[derive(Debug)]
struct CannedPages(Vec<bytes::Bytes>);

impl restgen_runtime::Transport for CannedPages {
    fn send(
        &self,
        request: restgen_runtime::Request,
    ) -> restgen_runtime::BoxFuture<
        '_,
        Result<restgen_runtime::Response, restgen_runtime::TransportError>,
    > {
        let page: usize = request
            .url()
            .query()
            .and_then(|q| q.strip_prefix("page="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let body = self.0[page].clone();
        Box::pin(async move {
            Ok(restgen_runtime::Response::new(
                restgen_runtime::StatusCode::OK,
                Default::default(),
                body,
            ))
        })
    }
}

fn paging_in_memory(c: &mut Criterion) {
    let rt = runtime();
    let pages = (0..100)
        .map(|page| bytes::Bytes::from(page_body(page)))
        .collect();
    let p = Pipeline::new(
        ("bench", "0"),
        "https://contoso.communication.azure.com",
        KeyCredential::from_base64(KEY).unwrap(),
        ClientOptions::default().with_transport(std::sync::Arc::new(CannedPages(pages))),
    )
    .unwrap();
    let mut group = c.benchmark_group("paging, client CPU");
    group.throughput(Throughput::Elements(10_000));
    group.bench_with_input(
        BenchmarkId::new("10k items", "in-memory pages of 100"),
        &p,
        |b, p| {
            b.to_async(&rt).iter(|| async {
                let pager = Pager::new::<NumberPage>(
                    p.clone(),
                    p.request(Method::GET, "/numbers"),
                    &[200],
                    NextPage::Link(ApiVersionPolicy::Keep),
                );
                let n = pager
                    .try_fold(0usize, |n, _| async move { Ok(n + 1) })
                    .await
                    .unwrap();
                assert_eq!(n, 10_000);
            })
        },
    );
    group.finish();
}

criterion_group!(
    benches,
    signing,
    pipeline_alone,
    request_overhead,
    paging,
    paging_in_memory
);
criterion_main!(benches);
