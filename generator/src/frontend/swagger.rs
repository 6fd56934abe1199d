//! The Swagger 2.0 document model, with the `x-ms-*` extensions as real fields.
//!
//! Keys the model does not name land in `extra`, so the IR builder can report each one instead
//! of dropping it silently.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

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
    "x-ms-secret",
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
    pub definitions: IndexMap<String, Value>,
    /// Named parameters.
    #[serde(default)]
    pub parameters: IndexMap<String, Value>,
    /// Named responses.
    #[serde(default)]
    pub responses: IndexMap<String, Value>,
    /// Security schemes.
    #[serde(rename = "securityDefinitions", default)]
    pub security_definitions: IndexMap<String, SecurityScheme>,
    /// Security requirements.
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
    pub parameters: Vec<Value>,
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
    /// For `apiKey`: the header or query name.
    pub name: Option<String>,
    /// For `apiKey`: `header` or `query`.
    #[serde(rename = "in")]
    pub location: Option<String>,
    /// For `oauth2`: the scopes.
    #[serde(default)]
    pub scopes: IndexMap<String, String>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// The operations of one path.
#[derive(Debug, Deserialize, Default)]
pub struct PathItem {
    /// GET.
    pub get: Option<Value>,
    /// PUT.
    pub put: Option<Value>,
    /// POST.
    pub post: Option<Value>,
    /// DELETE.
    pub delete: Option<Value>,
    /// OPTIONS.
    pub options: Option<Value>,
    /// HEAD.
    pub head: Option<Value>,
    /// PATCH.
    pub patch: Option<Value>,
    /// Parameters shared by the path's operations.
    #[serde(default)]
    pub parameters: Vec<Value>,
    /// A `$ref` to a path item in another file.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

impl PathItem {
    /// The operations present, with their lower-case method names, in a fixed order.
    pub fn operations(&self) -> Vec<(&'static str, &Value)> {
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
    pub parameters: Vec<Value>,
    /// Responses by status code or `default`.
    #[serde(default)]
    pub responses: IndexMap<String, Value>,
    /// Paging.
    #[serde(rename = "x-ms-pageable")]
    pub pageable: Option<Pageable>,
    /// Long-running.
    #[serde(rename = "x-ms-long-running-operation", default)]
    pub long_running: bool,
    /// Long-running options.
    #[serde(rename = "x-ms-long-running-operation-options")]
    pub long_running_options: Option<LroOptions>,
    /// Security override.
    pub security: Option<Vec<IndexMap<String, Vec<String>>>>,
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
}

/// A parameter (after `$ref` resolution).
#[derive(Debug, Deserialize, Clone)]
pub struct Parameter {
    /// Wire name.
    pub name: String,
    /// `path`, `query`, `header`, `body`, `formData`.
    #[serde(rename = "in")]
    pub location: String,
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
    pub items: Option<Value>,
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
    pub x_ms_enum: Option<Value>,
    /// Body schema.
    pub schema: Option<Value>,
    /// Sent as given, without percent-encoding.
    #[serde(rename = "x-ms-skip-url-encoding", default)]
    pub skip_url_encoding: bool,
    /// `client` or `method`.
    #[serde(rename = "x-ms-parameter-location")]
    pub parameter_location: Option<String>,
    /// The name to give it in Rust.
    #[serde(rename = "x-ms-client-name")]
    pub client_name: Option<String>,
    /// Grouping into one options struct.
    #[serde(rename = "x-ms-parameter-grouping")]
    pub grouping: Option<Value>,
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

/// A schema (after `$ref` resolution of the schema itself; properties may still be `$ref`s).
#[derive(Debug, Deserialize, Clone, Default)]
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
    pub properties: IndexMap<String, Value>,
    /// Required property names.
    #[serde(default)]
    pub required: Vec<String>,
    /// Array items.
    pub items: Option<Value>,
    /// `true`, or a schema, for maps.
    #[serde(rename = "additionalProperties")]
    pub additional_properties: Option<Value>,
    /// Parents.
    #[serde(rename = "allOf", default)]
    pub all_of: Vec<Value>,
    /// Allowed values.
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<Value>>,
    /// Enum naming.
    #[serde(rename = "x-ms-enum")]
    pub x_ms_enum: Option<Value>,
    /// The discriminator property.
    pub discriminator: Option<String>,
    /// The value naming this type under its parent's discriminator.
    #[serde(rename = "x-ms-discriminator-value")]
    pub discriminator_value: Option<String>,
    /// Never sent by clients.
    #[serde(rename = "readOnly", default)]
    pub read_only: bool,
    /// The name to give it in Rust.
    #[serde(rename = "x-ms-client-name")]
    pub client_name: Option<String>,
    /// Default value.
    pub default: Option<Value>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}
