//! One operation, classified into a draft: its parameters (path-level ones merged in), body,
//! responses and what kind of method it makes. Names come later ([`super::client`]).

use std::rc::Rc;

use super::groups::{Arguments, Grouped};
use super::media::response_media;
use super::params::{Classified, ParamContext, settle_form_encoding};
use super::responses::{PagingDraft, Responses};
use super::{Builder, join_docs};
use crate::config::OperationSettings;
use crate::error::{Error, Location, Result};
use crate::frontend::placeholders;
use crate::frontend::swagger::{self, Located, Parameter, Swagger};
use crate::ir::names::{self, Scope, camel_name};
use crate::ir::{
    Body, Decoded, ErrorStatus, Example, FinalStateVia, GroupArg, HttpMethod, Lro, Media, Param,
    ParamLocation, ParamSource, ResponseHeader, TypeRef,
};

/// An operation as classified, before it is named.
pub(super) struct Draft {
    /// The spec's `operationId` (or one derived from the method and path).
    pub(super) id: String,
    /// Whether the spec gave the id (a derived one is used whole for the method name).
    pub(super) id_given: bool,
    /// The operation's `x-ms-client-name`: its method's name, instead of the id's.
    pub(super) client_name: Option<String>,
    pub(super) doc: Option<String>,
    pub(super) method: HttpMethod,
    pub(super) path: String,
    pub(super) params: Vec<Param>,
    pub(super) body: Option<Body>,
    pub(super) success: Vec<u16>,
    pub(super) accept: Option<String>,
    pub(super) kind: DraftKind,
    pub(super) errors: Vec<(Option<ErrorStatus>, TypeRef)>,
    pub(super) groups: Vec<GroupArg>,
    pub(super) at: Location,
    pub(super) examples: Vec<Example>,
}

impl Draft {
    /// Calls `f` on every type the operation refers to (to swap a union's base for the union).
    pub(super) fn each_type(&mut self, f: &mut impl FnMut(&mut TypeRef)) {
        for p in &mut self.params {
            f(&mut p.ty);
        }
        if let Some(b) = &mut self.body {
            f(&mut b.ty);
        }
        for (_, ty) in &mut self.errors {
            f(ty);
        }
        match &mut self.kind {
            DraftKind::Plain { body, .. } | DraftKind::LongRunning { result: body, .. } => {
                f(&mut body.ty)
            }
            DraftKind::Pager(paging) | DraftKind::PagedLongRunning { paging, .. } => {
                f(&mut paging.page.ty);
                f(&mut paging.item);
            }
            DraftKind::Exists { .. } => {}
        }
    }
}

/// What kind of method an operation makes, before names and links between operations are
/// resolved.
pub(super) enum DraftKind {
    Plain {
        body: Decoded,
        headers: Vec<ResponseHeader>,
    },
    Exists {
        not_found_is_false: bool,
    },
    Pager(PagingDraft),
    LongRunning {
        lro: Lro,
        result: Decoded,
    },
    PagedLongRunning {
        lro: Lro,
        paging: PagingDraft,
    },
}

/// Where an operation is, and what surrounds it.
pub(super) struct Site<'a> {
    pub(super) doc: &'a Swagger,
    /// The path template, without its `?suffix`.
    pub(super) path: &'a str,
    pub(super) method: &'static str,
    pub(super) id: &'a str,
    pub(super) at: &'a Location,
    /// The path item's own parameters, and where they are.
    pub(super) path_params: &'a [Rc<Parameter>],
    pub(super) path_at: &'a Location,
    pub(super) settings: &'a OperationSettings,
    /// Wire names of the host template's parameters.
    pub(super) host_params: &'a [String],
    /// The spec's `basePath`, without a trailing `/`.
    pub(super) base_path: &'a str,
}

impl Builder<'_> {
    /// Classifies one operation; `None` when it cannot be generated (a `101` upgrade,
    /// reported).
    pub(super) fn operation(
        &mut self,
        op: &swagger::Operation,
        site: &Site<'_>,
    ) -> Result<Option<Draft>> {
        self.report_extra(
            site.at,
            &op.extra,
            &[
                "operationId",
                "summary",
                "description",
                "parameters",
                "responses",
            ],
        );
        if op.responses.contains_key("101") {
            self.warn(
                &site.at.join("responses").join("101"),
                format!(
                    "operation `{}` skipped: a `101 Switching Protocols` answer hands the \
                     connection to another protocol (a WebSocket), which the client does not speak",
                    site.id
                ),
            );
            return Ok(None);
        }
        let client_name = op.client_name.as_deref().filter(|n| !n.trim().is_empty());
        let hint =
            camel_name(client_name.unwrap_or(names::operation_parts(site.id, self.grouped_ids).1));
        let consumes = op
            .consumes
            .clone()
            .unwrap_or_else(|| site.doc.consumes.clone());
        let mut cx = ParamContext {
            hint: hint.clone(),
            settings: site.settings,
            consumes: &consumes,
            host_params: site.host_params,
            scope: Scope::with_taken(names::METHOD_LOCALS),
        };
        let mut params = Vec::new();
        let mut api_version = None;
        let mut body = None;
        let mut groupings = Vec::new();
        for p in self.merged_params(op, site)? {
            match self.classify_param(&p, &mut cx)? {
                Classified::Skipped => {}
                Classified::Body(b, grouping) => {
                    if let Some(g) = grouping {
                        groupings.push((Grouped::Body, g));
                    }
                    body = Some(b);
                }
                // The api-version goes last in the query, as the service's own clients send it.
                Classified::Param(p, _) if p.source == ParamSource::ApiVersion => {
                    api_version = Some(p);
                }
                Classified::Param(p, grouping) => {
                    if let Some(g) = grouping {
                        groupings.push((Grouped::Param(params.len()), g));
                    }
                    params.push(p);
                }
            }
        }
        params.extend(api_version);
        check_path(site, &params)?;
        settle_form_encoding(&mut params);
        if body.is_some()
            && params
                .iter()
                .any(|p| matches!(p.location, ParamLocation::Form(_)))
        {
            return Err(Error::spec(
                &site.at.join("parameters"),
                "an operation sends a body or form fields (`in: formData`), not both",
            ));
        }
        let method = http_method(site.method);
        let responses =
            self.responses(&op.responses, site.at, &hint, method == HttpMethod::Head)?;
        let produces = op
            .produces
            .clone()
            .unwrap_or_else(|| site.doc.produces.clone());
        let Responses {
            success,
            body: mut decoded,
            final_body,
            shape,
            headers,
            errors,
            schema,
        } = responses;
        decoded.media = response_media(&produces, shape);
        if decoded.media == Media::Xml
            && let Some((schema, schema_at)) = schema
        {
            decoded.xml = Some(self.xml_root(&schema, &schema_at, &hint)?);
        }
        if decoded.media != Media::Json {
            // Text and bytes are what came, an empty body an empty value.
            decoded.optional = false;
        }
        let accept = match decoded.media {
            _ if decoded.ty == TypeRef::Unit => None,
            // Bytes or text, or the JSON of an error.
            Media::Binary | Media::Text | Media::Form => {
                Some(produces.join(", ")).filter(|a| !a.is_empty())
            }
            Media::Xml => produces.iter().find(|p| super::media::is_xml(p)).cloned(),
            Media::Json => produces
                .iter()
                .find(|p| p.contains("json"))
                .or_else(|| produces.first())
                .cloned(),
        };
        let xml = decoded.media == Media::Xml;
        let kind = self.method_kind(op, site, method, decoded, final_body, headers)?;
        if xml && !matches!(kind, DraftKind::Plain { .. } | DraftKind::Exists { .. }) {
            // Pages and pollers read JSON: an XML listing's marker is no link to follow.
            self.warn(
                site.at,
                "XML pages and long-running results are not read as XML: the operation's \
                 answers are read as JSON",
            );
        }
        let mut groups = Vec::new();
        let mut args = Arguments {
            op_id: site.id,
            params: &mut params,
            body: &mut body,
            groups: &mut groups,
            scope: &mut cx.scope,
        };
        self.group(&mut args, groupings)?;
        if site.settings.flatten_body {
            self.flatten_body(&mut args, site.settings, site.at)?;
        }
        Ok(Some(Draft {
            id: site.id.to_owned(),
            id_given: op.operation_id.is_some(),
            client_name: client_name.map(str::to_owned),
            doc: join_docs(op.summary.as_deref(), op.description.as_deref()),
            method,
            path: format!("{}{}", site.base_path, site.path),
            params,
            body,
            success,
            accept,
            kind,
            errors,
            groups,
            at: site.at.clone(),
            examples: self.examples(op, site.at),
        }))
    }

    /// The operation's `x-ms-examples`, each read where its `$ref` points (inside the spec
    /// root, as every `$ref`); one that cannot be read is reported and left out.
    fn examples(&mut self, op: &swagger::Operation, at: &Location) -> Vec<Example> {
        let Some(examples) = op.extra.get("x-ms-examples").and_then(|e| e.as_object()) else {
            return Vec::new();
        };
        let mut read = Vec::new();
        for (title, example) in examples {
            let example_at = at.join("x-ms-examples").join(title);
            let value = match example.get("$ref").and_then(|r| r.as_str()) {
                Some(reference) => match self.loader.resolve(&example_at, reference) {
                    Ok(resolved) => resolved.value,
                    Err(e) => {
                        // The warning names the place; the error's own message says why.
                        let why = match e {
                            Error::Spec { message, .. } => message,
                            other => other.to_string(),
                        };
                        self.warn(&example_at, format!("the example is not read: {why}"));
                        continue;
                    }
                },
                None => example.clone(),
            };
            if !value.is_object() {
                self.warn(&example_at, "an example is an object; this one is left out");
                continue;
            }
            read.push(Example {
                title: title.clone(),
                json: value.to_string(),
            });
        }
        read
    }

    /// The operation's parameters with the path item's: an operation's own parameter overrides
    /// the path's of the same name and location; within one list a name may appear once (header
    /// names in any case), and one body at most.
    fn merged_params(
        &mut self,
        op: &swagger::Operation,
        site: &Site<'_>,
    ) -> Result<Vec<Located<Rc<Parameter>>>> {
        let mut merged: Vec<Located<Rc<Parameter>>> = Vec::new();
        let levels = [
            (site.path_params, site.path_at.join("parameters")),
            (op.parameters.as_slice(), site.at.join("parameters")),
        ];
        for (list, list_at) in levels {
            let mut level: Vec<Located<Rc<Parameter>>> = Vec::new();
            for (i, p) in list.iter().enumerate() {
                let p = self.follow(p, p.reference.as_deref(), &list_at.join(i))?;
                let key = param_key(&p.node);
                if let Some(first) = level.iter().find(|q| param_key(&q.node) == key) {
                    let what = match key.1.as_str() {
                        "body" => "a second body parameter (an operation has one at most)".into(),
                        "header" => format!(
                            "header `{}` is declared twice (header names ignore case; first at {})",
                            key.0, first.at.pointer
                        ),
                        _ => format!(
                            "{} parameter `{}` is declared twice (first at {})",
                            key.1, key.0, first.at.pointer
                        ),
                    };
                    return Err(Error::spec(&p.at, what));
                }
                level.push(p);
            }
            for p in level {
                let key = param_key(&p.node);
                merged.retain(|q| param_key(&q.node) != key);
                merged.push(p);
            }
        }
        Ok(merged)
    }

    /// What kind of method the operation makes: pageable, long-running, both, a HEAD existence
    /// check, or a plain call.
    fn method_kind(
        &mut self,
        op: &swagger::Operation,
        site: &Site<'_>,
        method: HttpMethod,
        mut body: Decoded,
        final_body: bool,
        headers: Vec<ResponseHeader>,
    ) -> Result<DraftKind> {
        let paging = match &op.pageable {
            Some(pg) => Some(self.paging(pg, &body, &site.at.join("x-ms-pageable"))?),
            None => None,
        };
        let lro = op.long_running.then(|| self.lro(op, site.at));
        // A POST or DELETE whose result is declared only on its 202 may end with nothing (a PUT
        // or PATCH ends on the resource itself, and a `final-state-via` ends on what it names:
        // a URL to read, or a status monitor's body, never nothing).
        let result_read_at_the_end = lro.as_ref().is_some_and(|l| l.final_state_via.is_some());
        if lro.is_some()
            && body.ty != TypeRef::Unit
            && !final_body
            && !result_read_at_the_end
            && !matches!(method, HttpMethod::Put | HttpMethod::Patch)
        {
            body.optional = true;
        }
        // Pagers and pollers yield items and results; headers are for plain calls.
        Ok(match (paging, lro) {
            (Some(paging), Some(lro)) => DraftKind::PagedLongRunning { lro, paging },
            (Some(paging), None) => DraftKind::Pager(paging),
            (None, Some(lro)) => DraftKind::LongRunning { lro, result: body },
            (None, None)
                if method == HttpMethod::Head && body.ty == TypeRef::Unit && headers.is_empty() =>
            {
                DraftKind::Exists {
                    not_found_is_false: op.responses.contains_key("404"),
                }
            }
            (None, None) => DraftKind::Plain { body, headers },
        })
    }

    /// `x-ms-long-running-operation-options`; an unknown `final-state-via` is reported.
    fn lro(&mut self, op: &swagger::Operation, at: &Location) -> Lro {
        let options = op.long_running_options.as_ref();
        if let Some(o) = options {
            let options_at = at.join("x-ms-long-running-operation-options");
            self.report_extra(&options_at, &o.extra, &[]);
        }
        let final_state_via = match options.and_then(|o| o.final_state_via.as_deref()) {
            None => None,
            Some(v) => {
                let parsed = FinalStateVia::parse(v);
                if parsed.is_none() {
                    self.warn(
                        &at.join("x-ms-long-running-operation-options")
                            .join("final-state-via"),
                        format!(
                            "`final-state-via: {v}` is none of {}; the result comes from where \
                             the polling ends, as when it is not given",
                            FinalStateVia::SPELLINGS.join(", ")
                        ),
                    );
                }
                parsed
            }
        };
        Lro {
            final_state_via,
            lifecycle: None,
        }
    }
}

/// Every `{name}` in the path has a path parameter (or a host parameter), and every path
/// parameter a segment.
fn check_path(site: &Site<'_>, params: &[Param]) -> Result<()> {
    let segments = placeholders(site.path);
    for seg in &segments {
        if !params
            .iter()
            .any(|p| p.location == ParamLocation::Path && &p.wire_name == seg)
            && !site.host_params.iter().any(|h| h == seg)
        {
            return Err(Error::spec(
                site.at,
                format!("path segment `{{{seg}}}` has no path parameter"),
            ));
        }
    }
    for p in params.iter().filter(|p| p.location == ParamLocation::Path) {
        if !segments.contains(&p.wire_name) {
            return Err(Error::spec(
                site.at,
                format!(
                    "path parameter `{}` has no `{{{}}}` segment in `{}`",
                    p.wire_name, p.wire_name, site.path
                ),
            ));
        }
    }
    Ok(())
}

/// What makes two parameters the same one: the name (any case for headers) and the location; a
/// body is one whatever its name.
fn param_key(p: &Parameter) -> (String, String) {
    let location = p.location.clone().unwrap_or_default();
    let name = p.name.as_deref().unwrap_or_default();
    let name = match location.as_str() {
        "header" => name.to_ascii_lowercase(),
        "body" => String::new(),
        _ => name.to_owned(),
    };
    (name, location)
}

fn http_method(method: &str) -> HttpMethod {
    match method {
        "get" => HttpMethod::Get,
        "put" => HttpMethod::Put,
        "post" => HttpMethod::Post,
        "delete" => HttpMethod::Delete,
        "options" => HttpMethod::Options,
        "head" => HttpMethod::Head,
        _ => HttpMethod::Patch,
    }
}
