//! Responses: which statuses are success, the result's type and whether it may be absent, the
//! declared headers, the error bodies' types; and `x-ms-pageable`'s page model.

use std::rc::Rc;

use indexmap::IndexMap;

use super::Builder;
use super::media::Shape;
use super::types::json_form;
use crate::error::{Error, Location, Result};
use crate::frontend::swagger::{Header, Pageable, Response, Schema};
use crate::ir::names::{Scope, camel_name, value_name};
use crate::ir::{Decoded, ErrorStatus, Media, ResponseHeader, TypeRef};

/// What an operation's responses say.
pub(super) struct Responses {
    /// Success statuses.
    pub(super) success: Vec<u16>,
    /// The success body.
    pub(super) body: Decoded,
    /// Whether a final answer (200, 201) declares a body: a long-running operation whose body
    /// is declared only on its 202 may end with nothing to return.
    pub(super) final_body: bool,
    /// What the success bodies hold (bytes when any is binary): with `produces`, how the body
    /// travels.
    pub(super) shape: Shape,
    /// Declared headers, once each.
    pub(super) headers: Vec<ResponseHeader>,
    /// Error bodies' types by status (`None`: `default`), in spec order.
    pub(super) errors: Vec<(Option<ErrorStatus>, TypeRef)>,
    /// The first success body's schema and where it is: what names an XML body's root.
    pub(super) schema: Option<(Rc<Schema>, Location)>,
}

/// The 2xx statuses HTTP defines (RFC 9110, and WebDAV's 207, 208 and 226): what a `2XX`
/// response class accepts.
const SUCCESS_2XX: [u16; 10] = [200, 201, 202, 203, 204, 205, 206, 207, 208, 226];

/// A response key as a status: `None` for `default`, a code, or a class (`4XX`, any case);
/// `None` for anything else.
fn declared_status(code: &str) -> Option<Option<ErrorStatus>> {
    if code == "default" {
        return Some(None);
    }
    if let [digit @ b'1'..=b'5', x, y] = code.as_bytes()
        && x.eq_ignore_ascii_case(&b'x')
        && y.eq_ignore_ascii_case(&b'x')
    {
        return Some(Some(ErrorStatus::Class(u16::from(digit - b'0'))));
    }
    let status: u16 = code.parse().ok()?;
    (100..=599)
        .contains(&status)
        .then_some(Some(ErrorStatus::Code(status)))
}

/// A page model as a pageable operation reads it, before the next page is resolved.
pub(super) struct PagingDraft {
    /// The operation's body: the page model (what it returns if it cannot page).
    pub(super) page: Decoded,
    pub(super) page_model: String,
    pub(super) item_name: String,
    pub(super) item_field: String,
    pub(super) item: TypeRef,
    pub(super) link_field: Option<String>,
    /// The `operationId` fetching the next page (`operationName`).
    pub(super) next_operation: Option<String>,
}

impl Builder<'_> {
    /// Reads an operation's responses. `is_head`: a HEAD's single body type is never optional.
    pub(super) fn responses(
        &mut self,
        responses: &IndexMap<String, Rc<Response>>,
        op_at: &Location,
        hint: &str,
        is_head: bool,
    ) -> Result<Responses> {
        let mut declared_errors = Vec::new();
        let mut optional = false;
        let mut headers: Vec<ResponseHeader> = Vec::new();
        let mut header_scope = Scope::with_taken(&["body"]);
        let mut success = Vec::new();
        let mut types: Vec<TypeRef> = Vec::new();
        let mut any_empty = false;
        let mut final_body = false;
        let mut shape: Option<Shape> = None;
        let mut errors: Vec<(Option<ErrorStatus>, TypeRef)> = Vec::new();
        let mut first_schema = None;
        for (code, response) in responses {
            let here = op_at.join("responses").join(code);
            let response = self.follow(response, response.reference.as_deref(), &here)?;
            let (at, response) = (&response.at, &response.node);
            self.report_extra(at, &response.extra, &[]);
            let status = declared_status(code)
                .ok_or_else(|| Error::spec(at, format!("`{code}` is not a status code")))?;
            let is_error = response.error_response
                || match status {
                    None => true,
                    Some(ErrorStatus::Code(s)) => s >= 400,
                    Some(ErrorStatus::Class(c)) => c >= 4,
                };
            if is_error && let Some(schema) = &response.schema {
                let ty = self.type_of(schema, &at.join("schema"), &format!("{hint}Error"))?;
                // An error body in a special format is kept as its JSON form (a date as text).
                errors.push((status, json_form(ty)));
            }
            let statuses = match status {
                None => continue,
                Some(ErrorStatus::Code(s)) => vec![s],
                Some(ErrorStatus::Class(c)) if c >= 4 => continue,
                Some(ErrorStatus::Class(2)) => SUCCESS_2XX.to_vec(),
                Some(ErrorStatus::Class(_)) => {
                    self.warn(
                        at,
                        format!("`{code}`: only the `2XX`, `4XX` and `5XX` classes are read; it is passed over"),
                    );
                    continue;
                }
            };
            if response.error_response {
                continue;
            }
            let status = statuses[0];
            if status >= 400 {
                // Declared 4xx/5xx are errors, unless nothing else is declared (see below).
                declared_errors.push(status);
                continue;
            }
            success.extend(statuses);
            match &response.schema {
                Some(schema) => {
                    final_body |= matches!(status, 200 | 201);
                    let schema_at = at.join("schema");
                    if first_schema.is_none() {
                        first_schema = Some((schema.clone(), schema_at.clone()));
                    }
                    let target = self.follow(schema, schema.reference.as_deref(), &schema_at)?;
                    optional |= target.node.is_nullable() || schema.is_nullable();
                    let this = Shape::of(&target.node);
                    shape = Some(match (shape, this) {
                        (Some(Shape::Binary), _) | (_, Shape::Binary) => Shape::Binary,
                        (None | Some(Shape::Text), Shape::Text) => Shape::Text,
                        _ => Shape::Structured,
                    });
                    // Bytes are read as they come: no JSON type to read them as.
                    let ty = match this {
                        Shape::Binary => TypeRef::Bytes,
                        _ => self.type_of(schema, &schema_at, &format!("{hint}Response"))?,
                    };
                    if !types.contains(&ty) {
                        types.push(ty);
                    }
                }
                None => any_empty = true,
            }
            self.response_headers(&response.headers, at, hint, &mut headers, &mut header_scope)?;
        }
        if success.is_empty() {
            // An operation that declares only 4xx responses expects them (as AutoRest does).
            errors.retain(
                |(s, _)| !matches!(s, Some(ErrorStatus::Code(s)) if declared_errors.contains(s)),
            );
            success = declared_errors;
        }
        if success.is_empty() {
            // Only `default` is declared: it describes the errors, and a 200 without a body is
            // the success (as AutoRest reads such operations).
            success.push(200);
        }
        let ty = match types.as_slice() {
            [] => TypeRef::Unit,
            [one] if !any_empty || is_head => one.clone(),
            // Some success answers have no body: the result is `None` for them.
            [one] => {
                optional = true;
                one.clone()
            }
            _ => {
                self.warn(
                    &op_at.join("responses"),
                    "success responses have different types; the result is `serde_json::Value`",
                );
                TypeRef::Json
            }
        };
        Ok(Responses {
            success,
            body: Decoded {
                ty,
                optional,
                media: Media::Json,
                xml: None,
            },
            schema: first_schema,
            shape: shape.unwrap_or(Shape::Structured),
            final_body,
            headers,
            errors,
        })
    }

    /// Declared headers become typed fields, once each (the same header is declared by each
    /// response that sends it).
    fn response_headers(
        &mut self,
        declared: &IndexMap<String, Header>,
        at: &Location,
        hint: &str,
        headers: &mut Vec<ResponseHeader>,
        scope: &mut Scope,
    ) -> Result<()> {
        let mut in_this_response: Vec<&str> = Vec::new();
        for (wire, header) in declared {
            let header_at = at.join("headers").join(wire);
            if let Some(first) = in_this_response
                .iter()
                .find(|w| w.eq_ignore_ascii_case(wire))
            {
                self.warn(
                    &header_at,
                    format!(
                        "header `{wire}` is declared twice in one response (as `{first}`; \
                         header names ignore case); the first is read"
                    ),
                );
                continue;
            }
            in_this_response.push(wire);
            if headers
                .iter()
                .any(|h| h.wire_name.eq_ignore_ascii_case(wire))
            {
                continue;
            }
            self.report_extra(&header_at, &header.extra, &[]);
            let hint = format!("{hint}{}", camel_name(wire));
            let ty = self.simple_type(header.simple(), wire, &header_at, &hint)?;
            let (ty, separator) =
                self.header_list(ty, header.collection_format.as_deref(), &header_at);
            headers.push(ResponseHeader {
                name: scope.claim(value_name(wire)),
                wire_name: wire.to_ascii_lowercase(),
                ty,
                separator,
                doc: header.description.clone(),
            });
        }
        Ok(())
    }

    /// A response header's type as read from its text: an array of simple items splits on its
    /// `collectionFormat`'s separator; anything else a header cannot hold is read as text.
    fn header_list(
        &mut self,
        ty: TypeRef,
        collection_format: Option<&str>,
        at: &Location,
    ) -> (TypeRef, Option<char>) {
        let simple = |t: &TypeRef| {
            !matches!(
                t,
                TypeRef::Vec(_)
                    | TypeRef::Map(_)
                    | TypeRef::Model(_)
                    | TypeRef::Union(_)
                    | TypeRef::OneOf(_)
            )
        };
        // A header's list has no nulls to read: an empty item is passed over.
        let ty = match ty {
            TypeRef::Vec(item) => match *item {
                TypeRef::Nullable(inner) => TypeRef::Vec(inner),
                item => TypeRef::Vec(Box::new(item)),
            },
            ty => ty,
        };
        match ty {
            TypeRef::Vec(item) if simple(&item) => {
                let separator = match collection_format {
                    None | Some("csv") => ',',
                    Some("ssv") => ' ',
                    Some("tsv") => '\t',
                    Some("pipes") => '|',
                    Some(other) => {
                        self.warn(
                            &at.join("collectionFormat"),
                            format!(
                                "`collectionFormat: {other}` cannot join a header; read as `csv`"
                            ),
                        );
                        ','
                    }
                };
                (TypeRef::Vec(item), Some(separator))
            }
            TypeRef::Vec(_)
            | TypeRef::Map(_)
            | TypeRef::Model(_)
            | TypeRef::Union(_)
            | TypeRef::OneOf(_)
            | TypeRef::Json => {
                self.warn(at, "a header of this type is read as its text");
                (TypeRef::String, None)
            }
            other => (other, None),
        }
    }

    /// How a pageable operation's pages read: the page model, its items, its next link.
    pub(super) fn paging(
        &mut self,
        pg: &Pageable,
        body: &Decoded,
        at: &Location,
    ) -> Result<PagingDraft> {
        self.report_extra(at, &pg.extra, &[]);
        let TypeRef::Model(page_model) = &body.ty else {
            return Err(Error::spec(
                at,
                "a pageable operation must return an object",
            ));
        };
        self.drain_models()?;
        let model = self
            .built_model(page_model)
            .cloned()
            .ok_or_else(|| Error::spec(at, format!("page model `{page_model}` not found")))?;
        let item_name = pg.item_name.clone().unwrap_or_else(|| "value".into());
        let items = model
            .fields
            .iter()
            .find(|f| f.wire_name == item_name)
            .ok_or_else(|| {
                Error::spec(
                    at,
                    format!("the page model `{page_model}` has no `{item_name}` property"),
                )
            })?;
        let TypeRef::Vec(item) = &items.ty else {
            return Err(Error::spec(
                at,
                format!("`{item_name}` of `{page_model}` is not an array"),
            ));
        };
        let link_field = match &pg.next_link_name {
            None => None,
            Some(n) => {
                let field = model
                    .fields
                    .iter()
                    .find(|f| &f.wire_name == n)
                    .ok_or_else(|| {
                        Error::spec(
                            at,
                            format!("the page model `{page_model}` has no `{n}` property"),
                        )
                    })?;
                // A link is text, and not the items themselves.
                if field.ty != TypeRef::String || *n == item_name {
                    self.warn(
                        &at.join("nextLinkName"),
                        format!(
                            "`nextLinkName: {n}` names a property that is not a string link \
                             (or is the items themselves); the operation returns one page"
                        ),
                    );
                    None
                } else {
                    Some(field.name.clone())
                }
            }
        };
        Ok(PagingDraft {
            page: body.clone(),
            page_model: page_model.clone(),
            item_field: items.name.clone(),
            item: (**item).clone(),
            item_name,
            link_field,
            next_operation: pg.operation_name.clone(),
        })
    }
}
