//! The Swagger 2.0 document model, typed once: every schema, parameter and response is a
//! struct, with the `x-ms-*` extensions as real fields. Nodes are shared (`Rc`), so the IR
//! builder hands them around without copying; each is paired with its location as it is reached
//! ([`Located`]).
//!
//! Keys the model does not name land in `extra`, so the IR builder can report each one instead
//! of dropping it silently.

use std::rc::Rc;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

use crate::error::Location;

/// Keys that do not name a construct to generate: validation keywords the service enforces,
/// examples and documentation links. Accepted without a report (see the support table).
pub const IGNORED_KEYS: &[&str] = &[
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "example",
    "examples",
    "x-ms-examples",
    "externalDocs",
    "tags",
    "xml",
    "x-ms-azure-resource",
    "x-ms-mutability",
    "x-ms-code-generation-settings",
    "x-ms-external",
    "x-ms-parameter-location",
    "x-ms-discriminator-value",
    "x-ms-metadata",
    "x-ms-original",
    "x-ms-requestBody-index",
    "x-ms-header-collection-prefix",
    "x-nullable",
    "x-ms-client-flatten",
    "x-ms-flatten",
    "x-ms-long-running-operation-options",
    "title",
    "allowEmptyValue",
    "deprecated",
];

/// A node of the document and where it is: its file and JSON pointer, for every message about
/// it.
#[derive(Clone, Debug)]
pub struct Located<T> {
    /// Where the node is.
    pub at: Location,
    /// The node.
    pub node: T,
}

/// A whole Swagger 2.0 document.
#[derive(Debug, Deserialize)]
pub struct Swagger {
    /// `"2.0"`.
    pub swagger: String,
    /// Title, version, description.
    pub info: Info,
    /// A fixed host; ignored for clients (the endpoint is always the caller's), reported.
    pub host: Option<String>,
    /// Prefix of every path.
    #[serde(rename = "basePath")]
    pub base_path: Option<String>,
    /// `http`, `https`.
    #[serde(default)]
    pub schemes: Vec<String>,
    /// Default request content types.
    #[serde(default)]
    pub consumes: Vec<String>,
    /// Default response content types.
    #[serde(default)]
    pub produces: Vec<String>,
    /// Operations by path.
    #[serde(default)]
    pub paths: IndexMap<String, PathItem>,
    /// Operations by path with a `?suffix` that disambiguates them.
    #[serde(rename = "x-ms-paths", default)]
    pub x_ms_paths: IndexMap<String, PathItem>,
    /// Named schemas.
    #[serde(default)]
    pub definitions: IndexMap<String, Rc<Schema>>,
    /// Named parameters.
    #[serde(default)]
    pub parameters: IndexMap<String, Rc<Parameter>>,
    /// Named responses.
    #[serde(default)]
    pub responses: IndexMap<String, Rc<Response>>,
    /// Security schemes (clients take any credential; accepted).
    #[serde(rename = "securityDefinitions", default)]
    pub security_definitions: IndexMap<String, SecurityScheme>,
    /// Security requirements (accepted).
    #[serde(default)]
    pub security: Vec<IndexMap<String, Vec<String>>>,
    /// The host template and its parameters.
    #[serde(rename = "x-ms-parameterized-host")]
    pub parameterized_host: Option<ParameterizedHost>,
    /// Keys not modelled above.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// `info`.
#[derive(Debug, Deserialize)]
pub struct Info {
    /// The API's title.
    #[serde(default)]
    pub title: String,
    /// The api-version.
    #[serde(default)]
    pub version: String,
    /// A description.
    pub description: Option<String>,
    /// Other keys (contact, license...), documentation only.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// `x-ms-parameterized-host`.
#[derive(Debug, Deserialize)]
pub struct ParameterizedHost {
    /// `{endpoint}`, `{accountName}{host}`, ...
    #[serde(rename = "hostTemplate")]
    pub host_template: String,
    /// Whether the scheme is prefixed to the template.
    #[serde(rename = "useSchemePrefix", default = "yes")]
    pub use_scheme_prefix: bool,
    /// Template parameters (values or `$ref`s).
    #[serde(default)]
    pub parameters: Vec<Rc<Parameter>>,
    /// `first` or `last`: where the template's parameters go among the others.
    #[serde(rename = "positionInOperation")]
    pub position_in_operation: Option<String>,
    /// Keys not modelled.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

fn yes() -> bool {
    true
}

/// A security scheme.
#[derive(Debug, Deserialize)]
pub struct SecurityScheme {
    /// `basic`, `apiKey`, `oauth2`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Other keys.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// The operations of one path.
#[derive(Debug, Deserialize, Default)]
pub struct PathItem {
    /// GET.
    pub get: Option<Operation>,
    /// PUT.
    pub put: Option<Operation>,
    /// POST.
    pub post: Option<Operation>,
    /// DELETE.
    pub delete: Option<Operation>,
    /// OPTIONS.
    pub options: Option<Operation>,
    /// HEAD.
    pub head: Option<Operation>,
    /// PATCH.
    pub patch: Option<Operation>,
    /// Parameters shared by the path's operations.
    #[serde(default)]
    pub parameters: Vec<Rc<Parameter>>,
    /// A `$ref` to a path item in another file.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

impl PathItem {
    /// The operations present, with their lower-case method names, in a fixed order.
    pub fn operations(&self) -> Vec<(&'static str, &Operation)> {
        [
            ("get", &self.get),
            ("put", &self.put),
            ("post", &self.post),
            ("delete", &self.delete),
            ("options", &self.options),
            ("head", &self.head),
            ("patch", &self.patch),
        ]
        .into_iter()
        .filter_map(|(m, op)| op.as_ref().map(|o| (m, o)))
        .collect()
    }
}

/// An operation.
#[derive(Debug, Deserialize)]
pub struct Operation {
    /// `Group_Name`.
    #[serde(rename = "operationId")]
    pub operation_id: Option<String>,
    /// One line.
    pub summary: Option<String>,
    /// More.
    pub description: Option<String>,
    /// Request content types.
    pub consumes: Option<Vec<String>>,
    /// Response content types.
    pub produces: Option<Vec<String>>,
    /// Parameters (values or `$ref`s).
    #[serde(default)]
    pub parameters: Vec<Rc<Parameter>>,
    /// Responses by status code or `default`.
    #[serde(default)]
    pub responses: IndexMap<String, Rc<Response>>,
    /// Paging.
    #[serde(rename = "x-ms-pageable")]
    pub pageable: Option<Pageable>,
    /// Long-running.
    #[serde(rename = "x-ms-long-running-operation", default)]
    pub long_running: bool,
    /// Long-running options.
    #[serde(rename = "x-ms-long-running-operation-options")]
    pub long_running_options: Option<LroOptions>,
    /// Security override (accepted).
    pub security: Option<Vec<IndexMap<String, Vec<String>>>>,
    /// The response header carrying the request id (accepted: errors read it themselves).
    #[serde(rename = "x-ms-request-id")]
    pub request_id: Option<Value>,
    /// OData query options; the parameters it describes are ordinary ones (accepted).
    #[serde(rename = "x-ms-odata")]
    pub odata: Option<Value>,
    /// The method's name in Rust, instead of the operation id's.
    #[serde(rename = "x-ms-client-name")]
    pub client_name: Option<String>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// `x-ms-pageable`.
#[derive(Debug, Deserialize)]
pub struct Pageable {
    /// The next link's property; absent means `nextLink`, `null` means one page only.
    #[serde(
        rename = "nextLinkName",
        default = "default_next_link",
        deserialize_with = "nullable"
    )]
    pub next_link_name: Option<String>,
    /// The items' property (default `value`).
    #[serde(rename = "itemName")]
    pub item_name: Option<String>,
    /// The operation that fetches the next page.
    #[serde(rename = "operationName")]
    pub operation_name: Option<String>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

fn default_next_link() -> Option<String> {
    Some("nextLink".into())
}

fn nullable<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d)
}

/// `x-ms-long-running-operation-options`.
#[derive(Debug, Deserialize)]
pub struct LroOptions {
    /// `location`, `azure-async-operation`, `original-uri`, `operation-location`.
    #[serde(rename = "final-state-via")]
    pub final_state_via: Option<String>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// `x-ms-enum`.
#[derive(Clone, Debug, Deserialize)]
pub struct XmsEnum {
    /// The enum's name, shared by every declaration of it.
    pub name: Option<String>,
    /// Whether unknown values are kept (extensible).
    #[serde(rename = "modelAsString")]
    pub model_as_string: Option<bool>,
    /// Names, descriptions and other spellings of the values.
    #[serde(default)]
    pub values: Vec<XmsEnumValue>,
    /// Other keys (`oldModelAsString`...), accepted.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// One entry of `x-ms-enum` `values`.
#[derive(Clone, Debug, Deserialize)]
pub struct XmsEnumValue {
    /// The wire value.
    pub value: Value,
    /// The variant's name.
    pub name: Option<String>,
    /// Its documentation.
    pub description: Option<String>,
    /// Other wire values read as this one.
    #[serde(rename = "allowedValues", default)]
    pub allowed_values: Vec<Value>,
}

/// `x-ms-parameter-grouping`.
#[derive(Clone, Debug, Deserialize)]
pub struct Grouping {
    /// The group's name.
    pub name: Option<String>,
    /// Appended to the operation id to name the group when `name` is absent.
    pub postfix: Option<String>,
}

/// A parameter, or a `$ref` to one.
#[derive(Debug, Deserialize)]
pub struct Parameter {
    /// A reference to the parameter, instead of the fields below.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// Wire name.
    pub name: Option<String>,
    /// `path`, `query`, `header`, `body`, `formData`.
    #[serde(rename = "in")]
    pub location: Option<String>,
    /// Documentation.
    pub description: Option<String>,
    /// Whether required.
    #[serde(default)]
    pub required: bool,
    /// Primitive type (non-body).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Format.
    pub format: Option<String>,
    /// Array items.
    pub items: Option<Rc<Schema>>,
    /// `csv`, `ssv`, `tsv`, `pipes`, `multi`.
    #[serde(rename = "collectionFormat")]
    pub collection_format: Option<String>,
    /// Default value.
    pub default: Option<Value>,
    /// Allowed values.
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<Value>>,
    /// Enum naming.
    #[serde(rename = "x-ms-enum")]
    pub x_ms_enum: Option<XmsEnum>,
    /// Body schema.
    pub schema: Option<Rc<Schema>>,
    /// Sent as given, without percent-encoding.
    #[serde(rename = "x-ms-skip-url-encoding", default)]
    pub skip_url_encoding: bool,
    /// `client` or `method`.
    #[serde(rename = "x-ms-parameter-location")]
    pub parameter_location: Option<String>,
    /// The name to give it in Rust.
    #[serde(rename = "x-ms-client-name")]
    pub client_name: Option<String>,
    /// Grouping into one struct.
    #[serde(rename = "x-ms-parameter-grouping")]
    pub grouping: Option<Grouping>,
    /// This header carries the client's request id: a fresh one is sent when the caller gives
    /// none.
    #[serde(rename = "x-ms-client-request-id", default)]
    pub client_request_id: bool,
    /// A value the client sends when the caller gives none (like `default`).
    #[serde(rename = "x-ms-client-default")]
    pub client_default: Option<Value>,
    /// `false` makes a query parameter named `api-version` an ordinary parameter.
    #[serde(rename = "x-ms-api-version")]
    pub api_version: Option<bool>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

impl Parameter {
    /// The parameter's simple type (what a non-body parameter declares).
    pub fn simple(&self) -> Simple<'_> {
        Simple {
            kind: self.kind.as_deref(),
            format: self.format.as_deref(),
            items: self.items.as_ref(),
            enum_values: self.enum_values.as_deref(),
            x_ms_enum: self.x_ms_enum.as_ref(),
            description: self.description.as_deref(),
            collection_format: self.collection_format.as_deref(),
        }
    }
}

/// A response, or a `$ref` to one.
#[derive(Debug, Deserialize)]
pub struct Response {
    /// A reference to the response, instead of the fields below.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// What it means.
    #[serde(default)]
    pub description: String,
    /// The body's schema.
    pub schema: Option<Rc<Schema>>,
    /// Headers, by name.
    #[serde(default)]
    pub headers: IndexMap<String, Header>,
    /// Marks a 1xx-3xx status as an error (and names a 4xx one's model).
    #[serde(rename = "x-ms-error-response", default)]
    pub error_response: bool,
    /// Other keys.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// A response header.
#[derive(Debug, Deserialize)]
pub struct Header {
    /// Primitive type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Format.
    pub format: Option<String>,
    /// Array items.
    pub items: Option<Rc<Schema>>,
    /// How array items are joined.
    #[serde(rename = "collectionFormat")]
    pub collection_format: Option<String>,
    /// Documentation.
    pub description: Option<String>,
    /// Allowed values.
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<Value>>,
    /// Enum naming.
    #[serde(rename = "x-ms-enum")]
    pub x_ms_enum: Option<XmsEnum>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

impl Header {
    /// The header's simple type.
    pub fn simple(&self) -> Simple<'_> {
        Simple {
            kind: self.kind.as_deref(),
            format: self.format.as_deref(),
            items: self.items.as_ref(),
            enum_values: self.enum_values.as_deref(),
            x_ms_enum: self.x_ms_enum.as_ref(),
            description: self.description.as_deref(),
            collection_format: self.collection_format.as_deref(),
        }
    }
}

/// What a non-body parameter or a header declares about its type.
#[derive(Clone, Copy, Debug)]
pub struct Simple<'a> {
    /// `string`, `integer`, `number`, `boolean`, `array`, `file`.
    pub kind: Option<&'a str>,
    /// Format.
    pub format: Option<&'a str>,
    /// Array items.
    pub items: Option<&'a Rc<Schema>>,
    /// Allowed values.
    pub enum_values: Option<&'a [Value]>,
    /// Enum naming.
    pub x_ms_enum: Option<&'a XmsEnum>,
    /// Documentation.
    pub description: Option<&'a str>,
    /// How array items are joined.
    pub collection_format: Option<&'a str>,
}

/// `additionalProperties`: allowed or not, or the schema of the values.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum AdditionalProperties {
    /// `true` (any value) or `false` (none).
    Allowed(bool),
    /// The values' schema.
    Schema(Rc<Schema>),
}

/// A schema, possibly a `$ref` with sibling keys (a description, `readOnly`, a client name).
#[derive(Clone, Debug, Deserialize, Default)]
pub struct Schema {
    /// A reference, possibly with sibling keys.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// `object`, `string`, `integer`, `number`, `boolean`, `array`, `file`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Format.
    pub format: Option<String>,
    /// Documentation.
    pub description: Option<String>,
    /// Properties, in declaration order.
    #[serde(default)]
    pub properties: IndexMap<String, Rc<Schema>>,
    /// Required property names.
    #[serde(default)]
    pub required: Vec<String>,
    /// Array items.
    pub items: Option<Rc<Schema>>,
    /// `true`, or a schema, for maps.
    #[serde(rename = "additionalProperties")]
    pub additional_properties: Option<AdditionalProperties>,
    /// Parents.
    #[serde(rename = "allOf", default)]
    pub all_of: Vec<Rc<Schema>>,
    /// Allowed values.
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<Value>>,
    /// Enum naming.
    #[serde(rename = "x-ms-enum")]
    pub x_ms_enum: Option<XmsEnum>,
    /// Exactly one of these (OpenAPI 3.0).
    #[serde(rename = "oneOf", default)]
    pub one_of: Vec<Rc<Schema>>,
    /// At least one of these (OpenAPI 3.0): read as `oneOf`, the first that fits.
    #[serde(rename = "anyOf", default)]
    pub any_of: Vec<Rc<Schema>>,
    /// OpenAPI 3.0's discriminator mapping (`value` → `$ref`), beside `discriminator`.
    #[serde(rename = "x-discriminator-mapping", default)]
    pub discriminator_mapping: IndexMap<String, String>,
    /// The discriminator property.
    pub discriminator: Option<String>,
    /// The value naming this type under its parent's discriminator.
    #[serde(rename = "x-ms-discriminator-value")]
    pub discriminator_value: Option<String>,
    /// Never sent by clients.
    #[serde(rename = "readOnly", default)]
    pub read_only: bool,
    /// Holds a secret (a token, a key): never printed.
    #[serde(rename = "x-ms-secret", default)]
    pub secret: bool,
    /// The name to give it in Rust.
    #[serde(rename = "x-ms-client-name")]
    pub client_name: Option<String>,
    /// `null` is a value (a response that may be empty, a field that reads `null` as `None`).
    #[serde(rename = "x-nullable", default)]
    pub nullable: bool,
    /// Default value (documentation only on schemas).
    pub default: Option<Value>,
    /// How it is written in XML bodies.
    pub xml: Option<XmlObject>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// A schema's `xml` object: its element's name and namespace, whether it is an attribute or
/// the element's text, whether an array is wrapped in an element of its own.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct XmlObject {
    /// The element's (or attribute's) name.
    pub name: Option<String>,
    /// The namespace URI.
    pub namespace: Option<String>,
    /// The namespace's prefix.
    pub prefix: Option<String>,
    /// An attribute of the parent's element, not an element.
    #[serde(default)]
    pub attribute: bool,
    /// For an array: its items inside an element of the array's name.
    #[serde(default)]
    pub wrapped: bool,
    /// The text of the parent's element (`x-ms-text`).
    #[serde(rename = "x-ms-text", default)]
    pub text: bool,
}

impl Schema {
    /// The schema's simple type (for an enum, or a primitive).
    pub fn simple(&self) -> Simple<'_> {
        Simple {
            kind: self.kind.as_deref(),
            format: self.format.as_deref(),
            items: self.items.as_ref(),
            enum_values: self.enum_values.as_deref(),
            x_ms_enum: self.x_ms_enum.as_ref(),
            description: self.description.as_deref(),
            collection_format: None,
        }
    }

    /// Whether `null` is a value: `x-nullable`, or `null` among the `enum` values.
    pub fn is_nullable(&self) -> bool {
        self.nullable
            || self
                .enum_values
                .as_ref()
                .is_some_and(|values| values.iter().any(Value::is_null))
    }

    /// Whether the schema is a struct of its own: an object with properties, parents or a
    /// discriminator. A bare `type: object` is free-form JSON; one with only
    /// `additionalProperties` is a map.
    pub fn is_struct(&self) -> bool {
        self.reference.is_none()
            && !self.is_choice()
            && matches!(self.kind.as_deref(), None | Some("object"))
            && (!self.properties.is_empty()
                || !self.all_of.is_empty()
                || self.discriminator.is_some())
    }

    /// Whether the schema says nothing about its values (`{}`, or only a description): any
    /// JSON.
    pub fn is_empty(&self) -> bool {
        self.reference.is_none()
            && self.extra.is_empty()
            && self.kind.is_none()
            && self.format.is_none()
            && self.properties.is_empty()
            && self.items.is_none()
            && self.additional_properties.is_none()
            && self.all_of.is_empty()
            && self.enum_values.is_none()
            && self.discriminator.is_none()
            && self.one_of.is_empty()
            && self.any_of.is_empty()
    }

    /// The alternatives of a `oneOf` or `anyOf`, those that say something (`{}` allows anything
    /// and tells no variant apart).
    pub fn alternatives(&self) -> impl Iterator<Item = (&'static str, usize, &Rc<Schema>)> {
        let one = self.one_of.iter().enumerate().map(|(i, s)| ("oneOf", i, s));
        let any = self.any_of.iter().enumerate().map(|(i, s)| ("anyOf", i, s));
        one.chain(any).filter(|(_, _, s)| !s.is_empty())
    }

    /// Whether the schema is a choice among alternatives: a `oneOf` or `anyOf` with at least
    /// one that says something, and no properties or parents of its own beside them.
    pub fn is_choice(&self) -> bool {
        self.reference.is_none()
            && self.properties.is_empty()
            && self.all_of.is_empty()
            && self.alternatives().next().is_some()
    }
}
