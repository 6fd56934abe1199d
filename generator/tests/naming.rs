//! Method names follow one rule in every operation group of a client: a group any of whose
//! names another group also has is prefixed with its group name on every operation; the others
//! keep their short names.

mod common;

use common::Scratch;
use restgen::config::Settings;

#[test]
fn colliding_groups_are_prefixed_whole() {
    let op = |id: &str, path: &str| {
        format!(
            "  {path}:\n    get:\n      operationId: {id}\n      responses: {{ '204': {{ description: none }} }}\n"
        )
    };
    let spec = format!(
        "swagger: '2.0'\ninfo: {{ title: Twins, version: '1' }}\npaths:\n{}{}{}{}{}",
        op("DigitalTwins_Delete", "/twins/a"),
        op("DigitalTwins_GetById", "/twins/b"),
        op("EventRoutes_Delete", "/routes/a"),
        op("EventRoutesOperations_List", "/routes/b"),
        op("Query_QueryTwins", "/query"),
    );
    let dir = Scratch::with_files("naming-groups", &[("api.yaml", &spec)]);
    let (api, _, _) = restgen::generate::api(&dir.join("api.yaml"), &Settings::default()).unwrap();
    let names: Vec<&str> = api
        .client
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "digital_twins_delete",
            "digital_twins_get_by_id",
            "event_routes_delete",
            // A group of its own (`…Operations` is dropped from a prefix, when there is one).
            "list",
            "query_twins",
        ]
    );
}
