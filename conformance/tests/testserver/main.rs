//! The conformance suite: restgen's clients, generated from the AutoRest test server's own
//! specs, called against that server. Every scenario asserts what comes back; the server's own
//! report then says which scenarios it saw.
//!
//! `cargo test -p conformance` runs it; it prints a table per spec and
//! `conformance tier1a: HIT/216`, `conformance tier1b: HIT/142`, `conformance tier2-types:
//! HIT/298` and `conformance tier2-http: HIT/107`, and writes the counts to
//! `target/conformance/coverage.json`.

mod azure_specials;
mod body_complex;
mod body_string;
mod collections;
mod dpg;
mod enums;
mod errors;
mod forms;
mod grouping;
mod head;
mod header;
mod hosts;
mod http;
mod lro;
mod models;
mod multiapi;
mod non_string_enums;
mod paging;
mod primitives;
mod requests;
mod url;
mod xml;

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use conformance::harness::{TestServer, target_dir};

/// What a scenario returns: `Err` with a message when an assertion fails.
pub type Outcome = Result<(), String>;

/// A named scenario.
pub type Scenario = (&'static str, Pin<Box<dyn Future<Output = Outcome>>>);

/// Fails the scenario with the location when two values differ.
#[macro_export]
macro_rules! check_eq {
    ($left:expr, $right:expr) => {
        match (&$left, &$right) {
            (left, right) => {
                if left != right {
                    return Err(format!(
                        "{}:{}: {:?} != {:?}",
                        file!(),
                        line!(),
                        left,
                        right
                    ));
                }
            }
        }
    };
}

/// Fails the scenario with the location unless the condition holds.
#[macro_export]
macro_rules! check {
    ($cond:expr, $($msg:tt)+) => {{
        if !$cond {
            return Err(format!("{}:{}: {}", file!(), line!(), format!($($msg)+)));
        }
    }};
}

/// The error a call must fail with; its success fails the scenario.
#[macro_export]
macro_rules! err {
    ($result:expr, $what:expr) => {
        match $result {
            Ok(_) => {
                return Err(format!(
                    "{}:{}: expected an error: {}",
                    file!(),
                    line!(),
                    $what
                ))
            }
            Err(e) => e,
        }
    };
}

/// Adds a named scenario over a clone of a client: `|c| { ...; Ok(()) }`, or `|c| call` for a
/// call whose success is the whole check (`|c| ({ let x = ...; call })` when the call needs
/// some set-up: parentheses make the block an expression).
#[macro_export]
macro_rules! scenario {
    ($list:ident, $client:expr, $name:literal, |$c:ident| $body:block) => {
        $list.push((
            $name,
            Box::pin({
                let $c = $client.clone();
                async move { $body }
            }),
        ));
    };
    ($list:ident, $client:expr, $name:literal, |$c:ident| $call:expr) => {
        $crate::scenario!($list, $client, $name, |$c| {
            $crate::ok!($call);
            Ok(())
        });
    };
}

/// Turns a client error into the scenario's failure, with the location.
#[macro_export]
macro_rules! ok {
    ($result:expr) => {
        $result.map_err(|e| format!("{}:{}: {e}", file!(), line!()))?
    };
}

/// The error's decoded body as a `T`, or the scenario fails saying what was there.
pub fn model<T: 'static>(e: &restgen_runtime::Error) -> Result<&T, String> {
    e.model::<T>()
        .ok_or_else(|| format!("no {} in the error: {e}", std::any::type_name::<T>()))
}

/// The server's URL and authority, for building clients.
#[derive(Clone)]
pub struct Server {
    pub url: String,
    pub authority: String,
}

const TIER1A: &str = include_str!("../../tier1a.json");
const TIER1B: &str = include_str!("../../tier1b.json");
const TIER2_TYPES: &str = include_str!("../../tier2-types.json");
const TIER2_HTTP: &str = include_str!("../../tier2-http.json");
const TIER3_DPG: &str = include_str!("../../tier3-dpg.json");
const TIER3_MULTIAPI: &str = include_str!("../../tier3-multiapi.json");
const TIER3_FORM: &str = include_str!("../../tier3-form.json");
const TIER3_XML: &str = include_str!("../../tier3-xml.json");

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let code = runtime.block_on(run());
    std::process::exit(code);
}

async fn run() -> i32 {
    let server = match TestServer::start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("conformance: {e}");
            return 1;
        }
    };
    println!(
        "conformance: AutoRest test server 3.3.51 on {} (pid {})",
        server.url(),
        server.pid()
    );
    let s = Server {
        url: server.url(),
        authority: server.authority(),
    };
    let mut scenarios: Vec<Scenario> = Vec::new();
    scenarios.extend(body_string::scenarios(&s));
    scenarios.extend(body_complex::scenarios(&s));
    scenarios.extend(url::scenarios(&s));
    scenarios.extend(paging::scenarios(&s));
    scenarios.extend(hosts::scenarios(&s));
    scenarios.extend(header::scenarios(&s));
    scenarios.extend(lro::scenarios(&s));
    scenarios.extend(azure_specials::scenarios(&s));
    scenarios.extend(grouping::scenarios(&s));
    scenarios.extend(head::scenarios(&s));
    scenarios.extend(enums::scenarios(&s));
    scenarios.extend(errors::scenarios(&s));
    scenarios.extend(non_string_enums::scenarios(&s));
    scenarios.extend(http::scenarios(&s));
    scenarios.extend(primitives::scenarios(&s));
    scenarios.extend(collections::scenarios(&s));
    scenarios.extend(models::scenarios(&s));
    scenarios.extend(requests::scenarios(&s));
    scenarios.extend(dpg::scenarios(&s));
    scenarios.extend(multiapi::scenarios(&s));
    scenarios.extend(forms::scenarios(&s));
    scenarios.extend(xml::scenarios(&s));

    let (mut passed, mut failed) = (0, 0);
    for (name, scenario) in scenarios {
        // A panic in one scenario fails it, not the run (the server must still be stopped).
        // A scenario that does not end in 20 s fails rather than hanging the run.
        let guarded = futures_util::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(scenario));
        let outcome = match tokio::time::timeout(std::time::Duration::from_secs(20), guarded).await
        {
            Ok(Ok(outcome)) => outcome,
            Ok(Err(_)) => Err("panicked".into()),
            Err(_) => Err("did not end within 20 s".into()),
        };
        match outcome {
            Ok(()) => {
                passed += 1;
                println!("test {name} ... ok");
            }
            Err(why) => {
                failed += 1;
                println!("test {name} ... FAILED\n    {why}");
            }
        }
    }
    let report = match server.coverage().await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("conformance: could not read the server's report: {e}");
            return 1;
        }
    };
    drop(server);
    print_table("tier1a", TIER1A, &report);
    print_table("tier1b", TIER1B, &report);
    print_table("tier2-types", TIER2_TYPES, &report);
    print_table("tier2-http", TIER2_HTTP, &report);
    print_table("tier3-dpg", TIER3_DPG, &report);
    print_table("tier3-multiapi", TIER3_MULTIAPI, &report);
    print_table("tier3-form", TIER3_FORM, &report);
    print_table("tier3-xml", TIER3_XML, &report);
    write_coverage(&report);
    println!("{passed} passed, {failed} failed");
    i32::from(failed > 0)
}

/// Per spec, the scenarios of one tier the server saw, then `conformance <tier>: HIT/TOTAL`.
fn print_table(tier_name: &str, tier_json: &str, report: &BTreeMap<String, u64>) {
    let tier: BTreeMap<String, Vec<String>> = serde_json::from_str(tier_json).expect("a tier list");
    let seen = |k: &String| report.get(k).copied().unwrap_or(0) > 0;
    let (mut hit, mut total) = (0, 0);
    println!();
    println!("{:<48} {:>9}", format!("{tier_name} spec"), "hit/total");
    for (spec, keys) in &tier {
        let h = keys.iter().filter(|k| seen(k)).count();
        println!("{spec:<48} {h:>4}/{:<4}", keys.len());
        hit += h;
        total += keys.len();
    }
    let missing: Vec<&str> = tier
        .values()
        .flatten()
        .filter(|k| !seen(k))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        println!("not hit: {}", missing.join(" "));
    }
    println!("conformance {tier_name}: {hit}/{total}");
}

/// The server's per-scenario counts, for tools and people reading them later.
fn write_coverage(report: &BTreeMap<String, u64>) {
    let dir = target_dir().join("conformance");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(
        dir.join("coverage.json"),
        serde_json::to_string_pretty(report).unwrap_or_default(),
    );
}
