//! How many allocations a signed call makes: a guard on the pipeline's per-call work that, unlike
//! a timing, does not move with the machine. The counts leave room for a dependency's own
//! changes; a jump past them means something started copying or boxing on every call.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use restgen_runtime::{
    BoxFuture, ClientOptions, KeyCredential, Method, Pipeline, Request, Response, StatusCode,
    Transport, TransportError,
};

/// Counts the allocations of the thread that asked, while it asks (the test harness's other
/// threads allocate too).
struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed to the system allocator as it is; only a thread-local count is
// kept beside it (a `const` thread-local without a destructor, which never allocates).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn count() {
    let _ = COUNTING.try_with(|on| {
        if on.get() {
            let _ = COUNT.try_with(|n| n.set(n.get() + 1));
        }
    });
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Answers from memory at once: what is counted is the pipeline's.
#[derive(Debug)]
struct Canned;

impl Transport for Canned {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        // The try the transport is handed is signed and carries the call's headers.
        assert!(request.headers().contains_key("authorization"));
        assert!(request.headers().contains_key("x-ms-client-request-id"));
        Box::pin(async {
            Ok(Response::new(
                StatusCode::OK,
                Default::default(),
                &b"{}"[..],
            ))
        })
    }
}

/// The allocations, counted on this thread, of `calls` signed GETs (after one uncounted, which
/// fills the per-thread caches), each with `api-version` and `extra` query parameters.
fn allocations_per_call(extra: &[(&str, &str)]) -> f64 {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let p = Pipeline::new(
        ("allocations", "0"),
        "https://contoso.communication.azure.com",
        KeyCredential::from_base64("cGVlci1jYXB0dXJlLXRlc3Qta2V5LTAxMjM0NTY3ODk=").unwrap(),
        ClientOptions::default().with_transport(std::sync::Arc::new(Canned)),
    )
    .unwrap();
    let call = || async {
        let mut request = p.request(
            Method::GET,
            "/administration/phonenumbers/searches/0cc077cd",
        );
        request.query("api-version", "2020-07-20-preview1");
        for (name, value) in extra {
            request.query(name, value);
        }
        p.send(request).await.unwrap()
    };
    let calls = 100;
    rt.block_on(async {
        call().await;
        COUNT.with(|n| n.set(0));
        COUNTING.with(|on| on.set(true));
        for _ in 0..calls {
            std::hint::black_box(call().await);
        }
        COUNTING.with(|on| on.set(false));
    });
    COUNT.with(Cell::get) as f64 / calls as f64
}

#[test]
fn a_signed_get_allocates_about_a_dozen_times() {
    // 12 and 13 (allocations and growths) on 2026-12-02: the URL as it takes its path and
    // query, the pending query, the request id, the try's copy of the URL and its header map,
    // the signature, the boxed timer, the transport's future. Room is left for two more.
    let one = allocations_per_call(&[]);
    assert!(one <= 14.0, "{one} allocations per call");
    let five = allocations_per_call(&[
        ("top", "10"),
        ("skip", "20"),
        ("filter", "name eq 'x'"),
        ("orderby", "name"),
        ("select", "id"),
    ]);
    assert!(
        five <= 15.0,
        "{five} allocations per call with five more parameters"
    );
}
