//! azure-parameter-grouping: parameters the spec groups (`x-ms-parameter-grouping`) are one
//! struct argument: required groups by reference, optional ones as `Option`.

use conformance::clients::azure_parameter_grouping::*;
use conformance::harness::options;
use restgen_runtime::Credential;

use crate::{Scenario, Server, ok, scenario};

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c =
        AutoRestParameterGroupingTestServiceClient::new(&s.url, Credential::Anonymous, options())
            .expect("client");
    let mut v: Vec<Scenario> = Vec::new();
    scenario!(v, c, "postParameterGroupingRequiredParameters", |c| {
        // Body and path are required fields of the group; the server accepts the optional
        // header and query only as `header` and `21`.
        let mut group = ParameterGroupingPostRequiredParameters::new(1234, "path");
        group.custom_header = Some("header".into());
        group.query = Some(21);
        ok!(c.post_required(&group).await);
        Ok(())
    });
    scenario!(v, c, "postParameterGroupingOptionalParameters", |c| {
        let group = ParameterGroupingPostOptionalParameters {
            custom_header: Some("header".into()),
            query: Some(21),
        };
        ok!(c.post_optional(Some(&group)).await);
        Ok(())
    });
    scenario!(v, c, "PostParameterGroupingWithReservedWords", |c| {
        let group = ParameterGroupingPostReservedWordsParameters {
            from: Some("bob".into()),
            accept: Some("yes".into()),
        };
        ok!(c.post_reserved_words(Some(&group)).await);
        Ok(())
    });
    scenario!(v, c, "postParameterGroupingMultipleParameterGroups", |c| {
        let first = FirstParameterGroup {
            header_one: Some("header".into()),
            query_one: Some(21),
        };
        let second = ParameterGroupingPostMultiParamGroupsSecondParamGroup {
            header_two: Some("header2".into()),
            query_two: Some(42),
        };
        ok!(c.post_multi_param_groups(Some(&first), Some(&second)).await);
        Ok(())
    });
    scenario!(
        v,
        c,
        "postParameterGroupingSharedParameterGroupObject",
        |c| {
            // The same struct as the previous operation's first group.
            let first = FirstParameterGroup {
                header_one: Some("header".into()),
                query_one: Some(21),
            };
            ok!(c.post_shared_parameter_group_object(Some(&first)).await);
            Ok(())
        }
    );
    scenario!(v, c, "PutParameterGroupingConstant", |c| {
        let group = Grouper {
            grouped_constant: Some(EncryptionAlgorithmType::Foo),
            grouped_parameter: Some("bar".into()),
        };
        ok!(c.group_with_constant(Some(&group)).await);
        Ok(())
    });
    v
}
