//! custom-baseUrl, parameterized-endpoint and security specs. Filled in below.
use crate::{Scenario, Server};
pub fn scenarios(_s: &Server) -> Vec<Scenario> {
    Vec::new()
}
