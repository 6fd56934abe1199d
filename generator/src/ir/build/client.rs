//! The client: its endpoint, its operations classified ([`super::operation`]) then named —
//! methods, options and header structs, error decoders — and the links between operations
//! resolved (`operationName`, page models read one way, the api-version in next links).

use std::collections::{HashMap, HashSet};

use super::Builder;
use super::operation::{Draft, DraftKind, Site};
use super::responses::PagingDraft;
use crate::config::Settings;
use crate::error::{Error, Location, Result};
use crate::frontend::placeholders;
use crate::frontend::swagger::{Parameter, Swagger};
use crate::ir::names::{self, Derived, MethodFamily, Scope, type_name, value_name};
use crate::ir::{
    ApiVersionPolicy, Endpoint, ErrorDecoder, ErrorModels, ErrorStatus, HostParam, HostPosition,
    MethodKind, NextPage, Operation, Paging, ParamSource, Reply, ResponseHeaders, TypeRef,
};

/// How the client reaches its service.
pub(super) struct Host {
    /// How the endpoint is formed.
    pub(super) endpoint: Endpoint,
    /// Where the endpoint's arguments go among the constructor's.
    pub(super) position: HostPosition,
    /// The host template's parameters' wire names (path parameters the operations skip).
    pub(super) wire_names: Vec<String>,
}

impl Builder<'_> {
    /// Every operation of the document, classified.
    pub(super) fn drafts(
        &mut self,
        doc: &Swagger,
        settings: &Settings,
        host_params: &[String],
    ) -> Result<Vec<Draft>> {
        let root = Location::new(&self.root, "");
        let base_path = doc
            .base_path
            .clone()
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_owned();
        let mut drafts = Vec::new();
        let mut ids: HashMap<String, String> = HashMap::new();
        let sections = [("paths", &doc.paths), ("x-ms-paths", &doc.x_ms_paths)];
        for (section, paths) in sections {
            for (raw_path, item) in paths {
                let path_at = root.join(section).join(raw_path);
                let path = raw_path.split('?').next().unwrap_or_default();
                self.report_extra(&path_at, &item.extra, &[]);
                if item.reference.is_some() {
                    self.warn(
                        &path_at.join("$ref"),
                        "path items by `$ref` are not supported; skipped",
                    );
                    continue;
                }
                for (method, op) in item.operations() {
                    let op_at = path_at.join(method);
                    let id = match &op.operation_id {
                        Some(id) => id.clone(),
                        None => {
                            let derived = value_name(&format!(
                                "{method}_{}",
                                path.replace(['/', '{', '}', '-', '.'], " ")
                            ));
                            self.warn(
                                &op_at,
                                format!(
                                    "no `operationId`; named `{derived}` from its method and path"
                                ),
                            );
                            derived
                        }
                    };
                    if let Some(first) = ids.insert(id.clone(), op_at.pointer.clone()) {
                        return Err(Error::spec(
                            &op_at.join("operationId"),
                            format!("duplicate operationId `{id}` (first at {first})"),
                        ));
                    }
                    let op_settings = settings.operations.get(&id).cloned().unwrap_or_default();
                    let site = Site {
                        doc,
                        path,
                        method,
                        id: &id,
                        at: &op_at,
                        path_params: &item.parameters,
                        path_at: &path_at,
                        settings: &op_settings,
                        host_params,
                        base_path: &base_path,
                    };
                    drafts.extend(self.operation(op, &site)?);
                }
            }
        }
        Ok(drafts)
    }

    /// How the endpoint is formed, where its arguments go, and the host template's
    /// parameters' wire names.
    pub(super) fn endpoint(&mut self, doc: &Swagger) -> Result<Host> {
        let Some(host) = &doc.parameterized_host else {
            let default = self.fixed_host(doc);
            return Ok(Host {
                endpoint: Endpoint::Url {
                    arg: "endpoint".into(),
                    default,
                },
                position: HostPosition::First,
                wire_names: Vec::new(),
            });
        };
        let at = Location::new(&self.root, "").join("x-ms-parameterized-host");
        self.report_extra(&at, &host.extra, &[]);
        let position = match host.position_in_operation.as_deref() {
            None | Some("first") => HostPosition::First,
            Some("last") => HostPosition::Last,
            Some(other) => {
                return Err(Error::spec(
                    &at.join("positionInOperation"),
                    format!("`{other}` is not a position: `first` or `last`"),
                ));
            }
        };
        let mut params = Vec::new();
        let mut scope = Scope::with_taken(&["credential", "options"]);
        for (i, p) in host.parameters.iter().enumerate() {
            let p = self.follow::<Parameter>(
                p,
                p.reference.as_deref(),
                &at.join("parameters").join(i),
            )?;
            let name = p.node.name.clone().unwrap_or_default();
            if !host.host_template.contains(&format!("{{{name}}}")) {
                return Err(Error::spec(
                    &p.at,
                    format!(
                        "host parameter `{name}` does not appear in `{}`",
                        host.host_template
                    ),
                ));
            }
            let default = p
                .node
                .default
                .as_ref()
                .or(p.node.client_default.as_ref())
                .and_then(super::scalar_text);
            let api_version = ["apiversion", "api-version", "api_version"]
                .iter()
                .any(|v| name.eq_ignore_ascii_case(v));
            params.push(HostParam {
                name: scope.claim(value_name(p.node.client_name.as_deref().unwrap_or(&name))),
                wire_name: name,
                doc: p.node.description.clone(),
                skip_encoding: p.node.skip_url_encoding,
                default,
                api_version,
            });
        }
        for placeholder in placeholders(&host.host_template) {
            if !params.iter().any(|p| p.wire_name == placeholder) {
                return Err(Error::spec(
                    &at.join("hostTemplate"),
                    format!("`{{{placeholder}}}` has no parameter"),
                ));
            }
        }
        let wire_names = params.iter().map(|p| p.wire_name.clone()).collect();
        // One parameter that is the whole template is the endpoint the caller gives.
        let whole = params.len() <= 1
            && !host.use_scheme_prefix
            && params
                .first()
                .is_none_or(|p| host.host_template == format!("{{{}}}", p.wire_name));
        if whole {
            let arg = params
                .first()
                .map_or("endpoint".to_owned(), |p| p.name.clone());
            return Ok(Host {
                endpoint: Endpoint::Url { arg, default: None },
                position,
                wire_names,
            });
        }
        // `https` when the spec allows it; with no `schemes`, Swagger 2.0 means the scheme the
        // spec itself was served with, which AutoRest takes as `http`. Plain http still has to
        // pass the pipeline's loopback-or-opt-in check.
        let template = if host.use_scheme_prefix {
            let scheme = if doc.schemes.iter().any(|s| s == "https") {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{}", host.host_template)
        } else {
            host.host_template.clone()
        };
        Ok(Host {
            endpoint: Endpoint::Template { template, params },
            position,
            wire_names,
        })
    }

    /// The endpoint a spec's fixed `host` names (`https://` unless the spec allows only
    /// `http`), when it is a plain authority; another `host` is reported and not used.
    fn fixed_host(&mut self, doc: &Swagger) -> Option<String> {
        let host = doc.host.as_deref()?;
        let plain = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if !plain {
            let at = Location::new(&self.root, "").join("host");
            self.warn(
                &at,
                format!(
                    "`host: {host}` is not a host name (and port); not used as the default endpoint"
                ),
            );
            return None;
        }
        let schemes = &doc.schemes;
        let scheme = if schemes.is_empty() || schemes.iter().any(|s| s == "https") {
            "https"
        } else {
            "http"
        };
        Some(format!("{scheme}://{host}"))
    }

    /// Each operation's method name: the config's or its `x-ms-client-name`, or the operation
    /// id's last part (the whole
    /// id when that is taken), claimed with every name derived from it.
    pub(super) fn method_names(&self, drafts: &[Draft], settings: &Settings) -> Vec<String> {
        // `Group_Name` gives `name`; a derived id, or one in snake case, is used whole. One rule for every group: a
        // group any of whose names another group also has takes its group's name as a prefix on
        // every operation (`digital_twins_delete`, `event_routes_delete`), so no group is half
        // prefixed and the first one met does not win the short names.
        let split = |draft: &Draft| -> (Option<String>, String) {
            match (
                draft.id_given,
                names::operation_parts(&draft.id, self.grouped_ids),
            ) {
                (true, (Some(group), name)) => (Some(group.to_owned()), value_name(name)),
                _ => (None, value_name(&draft.id)),
            }
        };
        // The config's name, else the operation's `x-ms-client-name`: used as they are.
        let configured = |draft: &Draft| {
            settings
                .operations
                .get(&draft.id)
                .and_then(|o| o.name.clone())
                .or_else(|| draft.client_name.as_deref().map(value_name))
        };
        let mut groups_of: HashMap<String, HashSet<Option<String>>> = HashMap::new();
        for draft in drafts.iter().filter(|d| configured(d).is_none()) {
            let (group, short) = split(draft);
            groups_of.entry(short).or_default().insert(group);
        }
        let prefixed: HashSet<Option<String>> = groups_of
            .values()
            .filter(|groups| groups.len() > 1)
            .flatten()
            .filter(|g| g.is_some())
            .cloned()
            .collect();
        let mut methods = Scope::with_taken(names::CLIENT_METHODS);
        drafts
            .iter()
            .map(|draft| {
                let wanted = configured(draft).unwrap_or_else(|| {
                    let (group, short) = split(draft);
                    match group.filter(|g| prefixed.contains(&Some(g.clone()))) {
                        Some(g) => {
                            let g = g
                                .strip_suffix("Operations")
                                .filter(|s| !s.is_empty())
                                .unwrap_or(&g);
                            format!("{}_{short}", value_name(g))
                        }
                        None => short,
                    }
                });
                let free = !methods.contains(&wanted)
                    && !methods.contains(&names::derived(&wanted, Derived::Builder));
                let wanted = if free { wanted } else { value_name(&draft.id) };
                let family = match &draft.kind {
                    DraftKind::LongRunning { .. } | DraftKind::PagedLongRunning { .. } => {
                        MethodFamily::LongRunning
                    }
                    DraftKind::Plain { body, headers } if body.is_download(!headers.is_empty()) => {
                        MethodFamily::Download
                    }
                    _ => MethodFamily::Plain,
                };
                methods.claim_method(wanted, family)
            })
            .collect()
    }

    /// The operations, named: each with its method, its options and header structs, its error
    /// decoder, and the method fetching its next page; and the decoders.
    pub(super) fn name_operations(
        &mut self,
        drafts: Vec<Draft>,
        settings: &Settings,
    ) -> Result<(Vec<Operation>, Vec<ErrorDecoder>)> {
        let names = self.method_names(&drafts, settings);
        let methods: HashMap<String, String> = drafts
            .iter()
            .zip(&names)
            .map(|(d, n)| (d.id.clone(), n.clone()))
            .collect();
        let mut decoders = Decoders::default();
        let mut operations = Vec::new();
        for (draft, name) in drafts.into_iter().zip(names) {
            let links = Links {
                methods: &methods,
                policy: settings.next_link_api_version,
            };
            operations.push(self.name_operation(draft, name, &links, &mut decoders)?);
        }
        Ok((operations, decoders.made))
    }

    /// One operation, named.
    fn name_operation(
        &mut self,
        draft: Draft,
        name: String,
        links: &Links<'_>,
        decoders: &mut Decoders,
    ) -> Result<Operation> {
        let has_options = draft
            .params
            .iter()
            .any(|p| matches!(p.source, ParamSource::Options { .. }));
        let options = has_options.then(|| {
            // `CreateSearchOptions` may already be a model's name.
            let wanted = type_name(&format!("{name}Options"));
            let wanted = if self.types.contains(&wanted) {
                type_name(&format!("{name}OptionalParams"))
            } else {
                wanted
            };
            self.types.claim(wanted)
        });
        // Pagers read errors page by page themselves; every other call decodes the spec's model.
        let errors = match draft.kind {
            DraftKind::Pager(_) => None,
            _ => decoders.models(&name, &draft.errors),
        };
        let sends_version = draft
            .params
            .iter()
            .any(|p| p.source == ParamSource::ApiVersion);
        let at = draft.at.join("x-ms-pageable");
        let kind = match draft.kind {
            DraftKind::Plain { body, headers } => MethodKind::Plain(Reply {
                body,
                headers: (!headers.is_empty()).then(|| ResponseHeaders {
                    name: self.types.claim(type_name(&format!("{name}Headers"))),
                    fields: headers,
                }),
            }),
            DraftKind::Exists { not_found_is_false } => MethodKind::Exists { not_found_is_false },
            DraftKind::LongRunning { lro, result } => MethodKind::LongRunning { lro, result },
            DraftKind::Pager(paging) => {
                MethodKind::Pager(links.paging(paging, sends_version, &at)?)
            }
            DraftKind::PagedLongRunning { lro, paging } => MethodKind::PagedLongRunning {
                lro,
                paging: links.paging(paging, sends_version, &at)?,
            },
        };
        Ok(Operation {
            name,
            operation_id: draft.id,
            doc: draft.doc,
            method: draft.method,
            path: draft.path,
            params: draft.params,
            body: draft.body,
            success: draft.success,
            accept: draft.accept,
            kind,
            errors,
            options,
            groups: draft.groups,
            pointer: draft.at.pointer,
            examples: draft.examples,
            api_versions: Vec::new(),
        })
    }

    /// A page model reads one way: an operation paging it by other properties than the first
    /// one does returns the page model itself (reported).
    pub(super) fn settle_paging(&mut self, drafts: &mut [Draft]) {
        let mut readers: HashMap<String, (String, String, Option<String>)> = HashMap::new();
        for draft in drafts {
            let paging = match &draft.kind {
                DraftKind::Pager(p) | DraftKind::PagedLongRunning { paging: p, .. } => p,
                _ => continue,
            };
            let first = readers.entry(paging.page_model.clone()).or_insert_with(|| {
                (
                    draft.id.clone(),
                    paging.item_field.clone(),
                    paging.link_field.clone(),
                )
            });
            let links_differ =
                matches!((&first.2, &paging.link_field), (Some(a), Some(b)) if a != b);
            if first.2.is_none() && paging.link_field.is_some() {
                first.2.clone_from(&paging.link_field);
            }
            if first.1 == paging.item_field && !links_differ {
                continue;
            }
            let message = format!(
                "`{}` pages `{}` by other properties than `{}` does; it returns the page model \
                 itself",
                draft.id, paging.page_model, first.0
            );
            self.warn(&draft.at.join("x-ms-pageable"), message);
            draft.kind = match std::mem::replace(
                &mut draft.kind,
                DraftKind::Exists {
                    not_found_is_false: false,
                },
            ) {
                DraftKind::Pager(p) => DraftKind::Plain {
                    body: p.page,
                    headers: Vec::new(),
                },
                DraftKind::PagedLongRunning { lro, paging } => DraftKind::LongRunning {
                    lro,
                    result: paging.page,
                },
                other => other,
            };
        }
    }
}

/// What an operation's paging is resolved against: the other operations' methods, and the
/// config's api-version policy for next links.
struct Links<'a> {
    methods: &'a HashMap<String, String>,
    policy: ApiVersionPolicy,
}

impl Links<'_> {
    /// How the next page is requested.
    fn paging(&self, p: PagingDraft, sends_version: bool, at: &Location) -> Result<Paging> {
        let next = match &p.next_operation {
            Some(id) => NextPage::Operation {
                method: self.methods.get(id).cloned().ok_or_else(|| {
                    Error::spec(
                        at,
                        format!("`operationName` names `{id}`, which is not an operation"),
                    )
                })?,
            },
            None if p.link_field.is_none() => NextPage::OnePage,
            // The api-version policy concerns operations that send one.
            None if sends_version => NextPage::Link(self.policy),
            None => NextPage::Link(ApiVersionPolicy::Keep),
        };
        Ok(Paging {
            page_model: p.page_model,
            item_name: p.item_name,
            item_field: p.item_field,
            item: p.item,
            link_field: p.link_field,
            next,
        })
    }
}

/// Error decoders by what they decode: operations declaring the same types share one.
#[derive(Default)]
struct Decoders {
    names: Scope,
    made: Vec<ErrorDecoder>,
}

impl Decoders {
    /// The error models of an operation declaring `errors`, with the decoder for them.
    fn models(
        &mut self,
        op: &str,
        errors: &[(Option<ErrorStatus>, TypeRef)],
    ) -> Option<ErrorModels> {
        // `4XX` and `5XX` of one type (and nothing else) say what every error is: `default`.
        let classes_alike = errors.iter().all(|(s, t)| {
            matches!(s, Some(ErrorStatus::Class(_))) && Some(t) == errors.first().map(|e| &e.1)
        });
        let default = errors
            .iter()
            .find(|(s, _)| s.is_none() || classes_alike)
            .map(|(_, t)| t.clone());
        let mut by_status: Vec<(ErrorStatus, TypeRef)> = errors
            .iter()
            .filter_map(|(s, t)| Some(((*s)?, t.clone())))
            .filter(|(_, t)| Some(t) != default.as_ref())
            .collect();
        // A single status is matched before the class it belongs to.
        by_status.sort_by_key(|(s, _)| matches!(s, ErrorStatus::Class(_)));
        if default.is_none() && by_status.is_empty() {
            return None;
        }
        let existing = self
            .made
            .iter()
            .find(|d| d.default == default && d.by_status == by_status);
        let decoder = match existing {
            Some(d) => d.name.clone(),
            None => {
                let wanted = match (&default, by_status.is_empty()) {
                    (Some(ty), true) => format!("decode_{}", names::type_words(ty)),
                    _ => format!("decode_errors_of_{op}"),
                };
                let name = self
                    .names
                    .claim(value_name(&wanted).trim_end_matches('_').to_owned());
                self.made.push(ErrorDecoder {
                    name: name.clone(),
                    default: default.clone(),
                    by_status: by_status.clone(),
                });
                name
            }
        };
        Some(ErrorModels {
            decoder,
            default,
            by_status,
        })
    }
}
