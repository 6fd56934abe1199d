//! Phone Numbers 2025-06-01: releases a purchased number (a long-running operation), printing
//! the poller's progress. `cargo run --example ga_release -- +18335550123`
mod common;

use azure_communication_administration::{PollUpdate, TryStreamExt};

#[tokio::main]
async fn main() -> azure_communication_administration::Result<()> {
    let client = common::phone_client_ga()?;
    let Some(number) = std::env::args().nth(1) else {
        eprintln!("usage: ga_release <phone number in E.164, e.g. +18335550123>");
        std::process::exit(2);
    };
    let mut updates = client.begin_release_phone_number(&number);
    while let Some(update) = updates.try_next().await? {
        match update {
            PollUpdate::InProgress { status, .. } => println!("release of {number}: {status}"),
            PollUpdate::Done(outcome) => println!(
                "released {number} (operation {})",
                outcome.header("operation-id").unwrap_or("?")
            ),
        }
    }
    Ok(())
}
