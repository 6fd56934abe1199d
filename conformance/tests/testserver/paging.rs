//! paging.json and custom-baseUrl-paging.json: every x-ms-pageable variant.

use conformance::clients::custom_base_url_paging::AutoRestParameterizedHostTestPagingClient;
use conformance::clients::paging::*;
use conformance::harness::options;
use restgen_runtime::{Credential, TryStreamExt};

use crate::{Scenario, Server, check, check_eq, err, ok, scenario};

fn client(s: &Server) -> AutoRestPagingTestServiceClient {
    AutoRestPagingTestServiceClient::new(&s.url, Credential::Anonymous, options()).expect("client")
}

/// The ids of the products a pager yields.
async fn ids(pager: restgen_runtime::Pager<Product>) -> Result<Vec<i32>, String> {
    let items: Vec<Product> = ok!(pager.try_collect().await);
    Ok(items
        .iter()
        .map(|p| p.properties.as_ref().and_then(|x| x.id).unwrap_or(-1))
        .collect())
}

pub fn scenarios(s: &Server) -> Vec<Scenario> {
    let c = client(s);
    let host = s.authority.clone();
    let mut v: Vec<Scenario> = Vec::new();
    scenario!(v, c, "PagingNoItemName", |c| {
        check_eq!(ids(c.get_no_item_name_pages()).await?, vec![1]);
        Ok(())
    });
    scenario!(v, c, "PagingNextLinkNameNull", |c| {
        // nextLinkName: null: the link the server still sends (to a 404) is not followed.
        check_eq!(ids(c.get_null_next_link_name_pages()).await?, vec![1]);
        Ok(())
    });
    scenario!(v, c, "PagingSingle", |c| {
        check_eq!(ids(c.get_single_pages()).await?, vec![1]);
        Ok(())
    });
    scenario!(v, c, "PagingSingleWithBodyParams", |c| {
        let mut body = BodyParam::new();
        body.name = Some("body".into());
        check_eq!(
            ids(c.get_single_pages_with_body_params(&body)).await?,
            vec![1]
        );
        Ok(())
    });
    scenario!(v, c, "PagingFirstResponseEmpty", |c| {
        check_eq!(ids(c.first_response_empty()).await?, vec![1]);
        Ok(())
    });
    scenario!(v, c, "PagingMultiple", |c| {
        let options = GetMultiplePagesOptions {
            client_request_id: Some("client-id".into()),
        };
        check_eq!(
            ids(c.get_multiple_pages(None, Some(options))).await?,
            (1..=10).collect::<Vec<_>>()
        );
        Ok(())
    });
    scenario!(v, c, "PagingMultipleWithQueryParameters", |c| {
        // The next page comes from another operation, with its own constant query.
        check_eq!(ids(c.get_with_query_params(100)).await?, vec![1, 2]);
        Ok(())
    });
    scenario!(v, c, "PagingDuplicateParameters", |c| {
        // The second page (empty) is fetched with the link's own $filter, not ours again:
        // the server answers 400 otherwise.
        let options = DuplicateParamsOptions {
            filter: Some("foo".into()),
        };
        check_eq!(ids(c.duplicate_params(Some(options))).await?, vec![1]);
        Ok(())
    });
    scenario!(v, c, "PagingDontSendMaxPageSize", |c| {
        check_eq!(
            ids(c.page_with_max_page_size(None)).await?,
            Vec::<i32>::new()
        );
        Ok(())
    });
    scenario!(v, c, "PagingOdataMultiple", |c| {
        check_eq!(
            ids(c.get_odata_multiple_pages(None, None)).await?,
            (1..=10).collect::<Vec<_>>()
        );
        Ok(())
    });
    scenario!(v, c, "PagingMultiplePath", |c| {
        // The offset lives in a parameter group (`x-ms-parameter-grouping`) with `maxresults`.
        let mut group = PagingGetMultiplePagesWithOffsetOptions::new(100);
        group.maxresults = Some(10);
        let got = ids(c.get_multiple_pages_with_offset(&group, None)).await?;
        check_eq!(got, [1].into_iter().chain(102..=110).collect::<Vec<_>>());
        Ok(())
    });
    scenario!(v, c, "PagingMultipleLRO", |c| {
        // Long-running, then pageable: the poll's result is a pager over the pages.
        let pager = ok!(c.begin_get_multiple_pages_lro(None, None).await);
        check_eq!(ids(pager).await?, (1..=10).collect::<Vec<_>>());
        Ok(())
    });
    scenario!(v, c, "PagingMultipleRetryFirst", |c| {
        check_eq!(
            ids(c.get_multiple_pages_retry_first()).await?,
            (1..=10).collect::<Vec<_>>()
        );
        Ok(())
    });
    scenario!(v, c, "PagingMultipleRetrySecond", |c| {
        check_eq!(ids(c.get_multiple_pages_retry_second()).await?.len(), 10);
        Ok(())
    });
    scenario!(v, c, "PagingSingleFailure", |c| {
        let err = err!(
            c.get_single_pages_failure().try_collect::<Vec<_>>().await,
            "a 400 page"
        );
        check_eq!(err.status(), Some(400));
        Ok(())
    });
    scenario!(v, c, "PagingMultipleFailure", |c| {
        let mut pager = c.get_multiple_pages_failure();
        check!(
            ok!(pager.try_next().await).is_some(),
            "the first page has an item"
        );
        let err = err!(pager.try_next().await, "the second page fails");
        check_eq!(err.status(), Some(400));
        Ok(())
    });
    scenario!(v, c, "PagingMultipleFailureUri", |c| {
        let mut pager = c.get_multiple_pages_failure_uri();
        check!(
            ok!(pager.try_next().await).is_some(),
            "the first page has an item"
        );
        // The next link is not a URL the service serves: an error, not an endless loop.
        let _ = err!(pager.try_next().await, "the next link is not a URL");
        Ok(())
    });
    scenario!(v, c, "PagingFragment", |c| {
        let got = ids(c.get_multiple_pages_fragment_next_link("1.6", "test_user")).await?;
        check_eq!(got, (1..=10).collect::<Vec<_>>());
        // The group is carried over to the next-page operation.
        let group = CustomParameterGroup::new("1.6", "test_user");
        let got = ids(c.get_multiple_pages_fragment_with_grouping_next_link(&group)).await?;
        check_eq!(got.len(), 10);
        Ok(())
    });
    scenario!(v, c, "PagingEmptyNextLink", |c| {
        check_eq!(ids(c.get_empty_next_link_name_pages()).await?, vec![1]);
        Ok(())
    });
    scenario!(v, c, "PagingWithApiVersionAppend", |c| {
        // The (empty) second page is only served with api-version=1.0.0 added.
        check_eq!(ids(c.append_api_version()).await?, vec![1]);
        Ok(())
    });
    scenario!(v, c, "PagingWithApiVersionReplace", |c| {
        check_eq!(ids(c.replace_api_version()).await?, vec![1]);
        Ok(())
    });
    scenario!(v, c, "PagingReturnModelWithXMSClientName", |c| {
        check_eq!(
            ids(c.get_paging_model_with_item_name_with_xms_client_name()).await?,
            vec![1]
        );
        Ok(())
    });
    // `{accountName}{host}`: `127.0.0.1` + `:port`; next links are partial, relative to it.
    let port = host.rsplit(':').next().unwrap_or_default().to_owned();
    let custom = AutoRestParameterizedHostTestPagingClient::new(
        "127.0.0.1",
        Some(&format!(":{port}")),
        Credential::Anonymous,
        options(),
    )
    .expect("client");
    scenario!(v, custom, "PagingCustomUrlPartialNextLink", |c| {
        let items: Vec<_> = ok!(c.get_pages_partial_url().try_collect().await);
        check_eq!(items.len(), 2);
        Ok(())
    });
    scenario!(v, custom, "PagingCustomUrlPartialOperationNextLink", |c| {
        let items: Vec<_> = ok!(c.get_pages_partial_url_operation().try_collect().await);
        check_eq!(items.len(), 2);
        Ok(())
    });
    v
}
