//! Parameters, classified: where each goes on the wire ([`ParamLocation`]), where its value
//! comes from ([`ParamSource`]), what is sent when it is unset ([`Unset`]); bodies by their
//! content type.

use std::rc::Rc;

use serde_json::Value;

use super::media::Shape;
use super::{Builder, scalar_text};
use crate::config::OperationSettings;
use crate::error::{Error, Location, Result};
use crate::frontend::swagger::{Grouping, Located, Parameter};
use crate::ir::names::{Scope, camel_name, value_name};
use crate::ir::{
    Body, BodyContent, BodySource, ClientParam, CollectionFormat, FormEncoding, Media, MediaType,
    Param, ParamLocation, ParamSource, TypeRef, Unset, default_literal,
};

/// What one operation's parameters are classified against.
pub(super) struct ParamContext<'a> {
    /// Prefix of the names of inline types (`CreateSearch`).
    pub(super) hint: String,
    /// The config's settings for the operation.
    pub(super) settings: &'a OperationSettings,
    /// Request content types (`consumes`).
    pub(super) consumes: &'a [String],
    /// Wire names of the host template's parameters (not the operation's).
    pub(super) host_params: &'a [String],
    /// Names taken in the operation's methods.
    pub(super) scope: Scope,
}

/// A parameter, classified.
pub(super) enum Classified {
    /// A path, query or header parameter, and the group the spec puts it in.
    Param(Param, Option<Located<Grouping>>),
    /// The body, and the group the spec puts it in.
    Body(Body, Option<Located<Grouping>>),
    /// Not the operation's to send (the pipeline's headers, the host's parameters).
    Skipped,
}

impl Builder<'_> {
    /// Classifies one (resolved) parameter.
    pub(super) fn classify_param(
        &mut self,
        p: &Located<Rc<Parameter>>,
        cx: &mut ParamContext<'_>,
    ) -> Result<Classified> {
        let (at, param) = (&p.at, &p.node);
        self.report_extra(at, &param.extra, &[]);
        let name = param
            .name
            .clone()
            .ok_or_else(|| Error::spec(at, "a parameter needs a `name`"))?;
        let location = param
            .location
            .clone()
            .ok_or_else(|| Error::spec(at, "a parameter needs `in`"))?;
        let grouping = param.grouping.clone().map(|g| Located {
            at: at.join("x-ms-parameter-grouping"),
            node: g,
        });
        match location.as_str() {
            "body" => {
                let body = self.body(&name, p, cx)?;
                Ok(Classified::Body(body, grouping))
            }
            "path" | "query" | "header" | "formData" => {
                self.wire_param(&name, &location, p, cx, grouping)
            }
            // OpenAPI 3.0's cookies: state a browser keeps, not an argument a client sends.
            "cookie" => {
                self.warn(
                    at,
                    format!("cookie parameter `{name}` is not supported; not exposed"),
                );
                Ok(Classified::Skipped)
            }
            other => Err(Error::spec(
                &at.join("in"),
                format!("unknown parameter location `{other}`"),
            )),
        }
    }

    /// A body parameter.
    fn body(
        &mut self,
        name: &str,
        p: &Located<Rc<Parameter>>,
        cx: &mut ParamContext<'_>,
    ) -> Result<Body> {
        let (at, param) = (&p.at, &p.node);
        let schema = param
            .schema
            .as_ref()
            .ok_or_else(|| Error::spec(at, "a body parameter needs a `schema`"))?;
        let schema_at = at.join("schema");
        let target = self.follow(schema, schema.reference.as_deref(), &schema_at)?;
        // A required body whose schema allows one value is that value, always sent.
        let constant = target
            .node
            .enum_values
            .as_ref()
            .filter(|v| v.len() == 1 && param.required)
            .map(|v| v[0].to_string());
        let shape = Shape::of(&target.node);
        let ty = match (&constant, shape) {
            (Some(_), _) => TypeRef::String,
            // Bytes go as they are, whatever the content type: no JSON type to read.
            (None, Shape::Binary) => TypeRef::Bytes,
            (None, _) => self.type_of(schema, &schema_at, &format!("{}Body", cx.hint))?,
        };
        let rust = cx
            .settings
            .params
            .get(name)
            .map(String::as_str)
            .or(param.client_name.as_deref())
            .unwrap_or(name);
        let content = match constant {
            Some(_) => BodyContent::One(MediaType {
                content_type: json_type(cx.consumes),
                media: Media::Json,
            }),
            None => {
                let hint = format!("{}Content", cx.hint);
                self.body_content(cx.consumes, shape, at, &hint)
            }
        };
        let xml = match &content {
            BodyContent::One(m) if m.media == Media::Xml => true,
            BodyContent::Choice { variants, .. } => {
                variants.iter().any(|v| v.media_type.media == Media::Xml)
            }
            BodyContent::One(_) => false,
        };
        let xml = match xml {
            true => Some(self.xml_root(schema, &schema_at, name)?),
            false => None,
        };
        Ok(Body {
            xml,
            name: cx.scope.claim(value_name(rust)),
            wire_name: name.to_owned(),
            ty,
            content,
            doc: param.description.clone(),
            source: match constant {
                Some(json) => BodySource::Constant(json),
                None => BodySource::Argument {
                    required: param.required,
                },
            },
        })
    }

    /// A path, query, header or form parameter.
    fn wire_param(
        &mut self,
        name: &str,
        location: &str,
        p: &Located<Rc<Parameter>>,
        cx: &mut ParamContext<'_>,
        grouping: Option<Located<Grouping>>,
    ) -> Result<Classified> {
        let (at, param) = (&p.at, &p.node);
        if location == "header" && is_pipeline_header(name) {
            let how = if name.eq_ignore_ascii_case("authorization") {
                "from the client's credential (a bearer token, an API key, an access key)"
            } else {
                "(signed or sized)"
            };
            self.warn(
                at,
                format!(
                    "header parameter `{name}` is set by the pipeline on every try {how}; not \
                     exposed"
                ),
            );
            return Ok(Classified::Skipped);
        }
        if location == "header" && !is_header_token(name) {
            return Err(Error::spec(
                &at.join("name"),
                format!("`{name}` is not a valid HTTP header name"),
            ));
        }
        if location == "path" && cx.host_params.iter().any(|h| h == name) {
            return Ok(Classified::Skipped);
        }
        // A parameter of the spec's own `#/parameters` is the client's, unless it says not.
        let global = at.file == self.root && at.pointer.starts_with("/parameters/");
        let client_level = match param.parameter_location.as_deref() {
            Some("client") => true,
            Some("method") => false,
            _ => global,
        };
        // `x-ms-api-version: false` makes it the method's own, and so does a method location
        // that fixes its value (an enum or a default); a method-located one without a value of
        // its own (TypeSpec's `ApiVersionParameter` on every operation) is still the version the
        // client is built for.
        let fixed_here = param.enum_values.is_some() || param.default.is_some();
        let is_api_version = location == "query"
            && name == "api-version"
            && param.api_version != Some(false)
            && (param.parameter_location.as_deref() != Some("method") || !fixed_here);
        // A required parameter with a single allowed value is a constant.
        let constant = param
            .enum_values
            .as_ref()
            .filter(|v| v.len() == 1 && (param.required || location == "path"))
            .and_then(|v| scalar_text(&v[0]))
            .filter(|_| !is_api_version);
        let ty = match &constant {
            Some(_) => TypeRef::String,
            None => {
                let hint = format!("{}{}", cx.hint, camel_name(name));
                // A schema instead of a simple type (OpenAPI 3.0's `$ref` or alternatives).
                let ty = match (&param.kind, &param.schema) {
                    (None, Some(schema)) => self.type_of(schema, &at.join("schema"), &hint)?,
                    _ if location == "formData" => form_file(param)
                        .map_or_else(|| self.simple_type(param.simple(), name, at, &hint), Ok)?,
                    _ => self.simple_type(param.simple(), name, at, &hint)?,
                };
                self.client_text(ty, client_level, name, at)
            }
        };
        let collection_format =
            collection_format(param.collection_format.as_deref(), &ty, location).map_err(
                |other| {
                    Error::spec(
                        &at.join("collectionFormat"),
                        format!("collectionFormat `{other}` is not supported here"),
                    )
                },
            )?;
        let rust_name = cx
            .settings
            .params
            .get(name)
            .cloned()
            .unwrap_or_else(|| value_name(param.client_name.as_deref().unwrap_or(name)));
        // A request-id header the client fills in is the caller's to give or not.
        let request_id = location == "header" && param.client_request_id;
        let required = (param.required && !request_id) || location == "path";
        let default = param
            .default
            .clone()
            .or_else(|| param.client_default.clone());
        let source = match constant {
            Some(c) => ParamSource::Constant(c),
            None if is_api_version => ParamSource::ApiVersion,
            None if client_level => {
                let default = match default {
                    Some(v) if !required => self.checked_default(v, &ty, true, at),
                    _ => None,
                };
                self.client_param(&rust_name, name, required, param.description.as_deref());
                ParamSource::Client {
                    required,
                    default: default.as_ref().and_then(scalar_text),
                }
            }
            None if required => ParamSource::Positional,
            None => ParamSource::Options {
                unset: self.unset(default, request_id, &ty, at),
            },
        };
        let grouping = grouping.filter(|_| {
            matches!(
                source,
                ParamSource::Positional | ParamSource::Options { .. }
            )
        });
        let rust = match source {
            ParamSource::Client { .. } | ParamSource::ApiVersion => rust_name,
            _ => cx.scope.claim(rust_name),
        };
        let location = match location {
            "path" => ParamLocation::Path,
            "query" => ParamLocation::Query,
            "formData" => ParamLocation::Form(form_encoding(cx.consumes, &ty)),
            _ => ParamLocation::Header,
        };
        let wire_name = name.to_owned();
        let param = Param {
            name: rust,
            wire_name,
            location,
            source,
            ty,
            skip_encoding: p.node.skip_url_encoding,
            collection_format,
            doc: p.node.description.clone(),
        };
        Ok(Classified::Param(param, grouping))
    }

    /// A client-level value is given once, as the text sent on the wire: a type other than a
    /// scalar is taken as text, with a warning.
    fn client_text(
        &mut self,
        ty: TypeRef,
        client_level: bool,
        name: &str,
        at: &Location,
    ) -> TypeRef {
        match ty {
            TypeRef::String
            | TypeRef::Bool
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::F32
            | TypeRef::F64
            | TypeRef::Enum(_) => ty,
            _ if client_level => {
                self.warn(
                    at,
                    format!(
                        "client-level parameter `{name}` is taken as the text sent on the wire, \
                         not as its declared type"
                    ),
                );
                TypeRef::String
            }
            other => other,
        }
    }

    /// Records a client-level parameter (once, as the first operation declares it).
    fn client_param(&mut self, name: &str, wire_name: &str, required: bool, doc: Option<&str>) {
        if !self.client_params.iter().any(|c| c.wire_name == wire_name) {
            self.client_params.push(ClientParam {
                name: name.to_owned(),
                wire_name: wire_name.to_owned(),
                required,
                doc: doc.map(str::to_owned),
            });
        }
    }

    /// What an optional parameter sends when unset: a fresh request id for a request-id header,
    /// else the spec's default when it fits the type.
    fn unset(
        &mut self,
        default: Option<Value>,
        request_id: bool,
        ty: &TypeRef,
        at: &Location,
    ) -> Unset {
        if request_id && *ty == TypeRef::String {
            return Unset::FreshRequestId;
        }
        match default.and_then(|v| self.checked_default(v, ty, false, at)) {
            Some(v) => Unset::Default(v),
            None => Unset::Omitted,
        }
    }

    /// `value` when generated code can send it as a default of type `ty` (as text for
    /// client-level values); otherwise a warning, and no default.
    fn checked_default(
        &mut self,
        value: Value,
        ty: &TypeRef,
        as_text: bool,
        at: &Location,
    ) -> Option<Value> {
        let fits = if as_text {
            scalar_text(&value).is_some()
        } else {
            default_literal(ty, &value, |e| self.enums.enums.get(e)).is_some()
        };
        if fits {
            return Some(value);
        }
        self.warn(
            &at.join("default"),
            format!("the default `{value}` does not fit the parameter's type; it is not sent"),
        );
        None
    }
}

/// How an array parameter's items are joined; `Err` names a format that cannot be used here.
fn collection_format<'a>(
    given: Option<&'a str>,
    ty: &TypeRef,
    location: &str,
) -> std::result::Result<Option<CollectionFormat>, &'a str> {
    Ok(match given {
        None | Some("csv") => matches!(ty, TypeRef::Vec(_)).then_some(CollectionFormat::Csv),
        Some("ssv") => Some(CollectionFormat::Ssv),
        Some("tsv") => Some(CollectionFormat::Tsv),
        Some("pipes") => Some(CollectionFormat::Pipes),
        Some("multi") if matches!(location, "query" | "formData") => Some(CollectionFormat::Multi),
        Some(other) => return Err(other),
    })
}

/// A form field's file type: `type: file`, or an array of them (`Vec<FilePart>`).
fn form_file(param: &Parameter) -> Option<TypeRef> {
    match param.kind.as_deref()? {
        "file" => Some(TypeRef::File),
        "array" if param.items.as_ref()?.kind.as_deref() == Some("file") => {
            Some(TypeRef::Vec(Box::new(TypeRef::File)))
        }
        _ => None,
    }
}

/// One encoding for all of an operation's form fields: multipart when any field needs it (a
/// file beside text fields of an operation that declares no form type).
pub(super) fn settle_form_encoding(params: &mut [Param]) {
    let multipart = ParamLocation::Form(FormEncoding::Multipart);
    if params.iter().any(|p| p.location == multipart) {
        for p in params
            .iter_mut()
            .filter(|p| matches!(p.location, ParamLocation::Form(_)))
        {
            p.location = multipart.clone();
        }
    }
}

/// How a form field is written: as `multipart/form-data` when its operation consumes that (or
/// it is a file, which a URL-encoded form cannot carry whole), else URL-encoded.
fn form_encoding(consumes: &[String], ty: &TypeRef) -> FormEncoding {
    let says = |media: &str| {
        consumes.iter().any(|c| {
            c.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .eq_ignore_ascii_case(media)
        })
    };
    let file =
        matches!(ty, TypeRef::File) || matches!(ty, TypeRef::Vec(item) if **item == TypeRef::File);
    if says("multipart/form-data") || (file && !says("application/x-www-form-urlencoded")) {
        FormEncoding::Multipart
    } else {
        FormEncoding::UrlEncoded
    }
}

/// Header parameters the runtime's pipeline owns (it signs or sizes every try, and refuses them
/// from anyone else): a spec may declare them (an earlier identity revision does, with names
/// like `x-ms-date or date`); they are not exposed.
fn is_pipeline_header(name: &str) -> bool {
    name.split(" or ").any(|n| {
        matches!(
            n.trim().to_ascii_lowercase().as_str(),
            "authorization"
                | "x-ms-date"
                | "date"
                | "x-ms-content-sha256"
                | "host"
                | "x-ms-host"
                | "x-forwarded-host"
                | "content-length"
                | "transfer-encoding"
        )
    })
}

/// Whether a header name is an HTTP token.
fn is_header_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The JSON content type an operation consumes (`application/json` unless it names another).
fn json_type(consumes: &[String]) -> String {
    consumes
        .iter()
        .find(|c| c.contains("json"))
        .cloned()
        .unwrap_or_else(|| "application/json".into())
}
