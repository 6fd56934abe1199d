//! The loopback test server of the project's tests: the runtime's own, from its `testing`
//! feature, under the name the tests have always used.

pub use restgen_runtime::testing::*;
