//! Stage 3: the resolved intermediate representation. Names are final, types are resolved,
//! every parameter is classified, paging and long-running behaviour are explicit. What the
//! emitter branches on is a kind, an enum it matches: a method's [`MethodKind`], a parameter's
//! [`ParamSource`] and [`ParamLocation`], a body's [`BodySource`], a field's [`Presence`].
//! Emission is a pure function of it.

pub mod build;
mod defaults;
pub mod merge;
pub mod names;
mod types;

use serde::Serialize;
use serde_json::Value;

pub use defaults::{DefaultLiteral, default_literal};
pub use types::*;

/// One API: a client, its operations and its types.
#[derive(Clone, Debug, Serialize)]
pub struct Api {
    /// The spec's title.
    pub title: String,
    /// The spec's description.
    pub description: Option<String>,
    /// The api-version the client sends by default.
    pub api_version: String,
    /// Every api-version of a client merged from several versions of one API, oldest first
    /// (empty for one version): the caller chooses one when building the client.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub api_versions: Vec<String>,
    /// The client.
    pub client: Client,
    /// Structs, in a fixed order (spec order, then order of discovery).
    pub models: Vec<Model>,
    /// Enums, de-duplicated by name.
    pub enums: Vec<Enum>,
    /// Discriminated unions.
    pub unions: Vec<Union>,
    /// Values of one of several alternatives (`oneOf`, `anyOf`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub one_ofs: Vec<OneOf>,
    /// Names for nested container types that fields and operations use.
    pub aliases: Vec<TypeAlias>,
    /// The longest chain of models containing one another (a cycle counts once): past
    /// [`build::RUSTC_SAFE_DEPTH`], the crate needs a higher `recursion_limit`.
    pub type_depth: usize,
}

/// A client type.
#[derive(Clone, Debug, Serialize)]
pub struct Client {
    /// `CommunicationIdentityClient`.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// How the endpoint is formed.
    pub endpoint: Endpoint,
    /// Where the endpoint's arguments go among the constructor's (`positionInOperation`).
    #[serde(skip_serializing_if = "HostPosition::is_first")]
    pub host_position: HostPosition,
    /// Parameters given once to the client constructor (besides the endpoint), sent by the
    /// operations that declare them.
    pub params: Vec<ClientParam>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
    /// Parameter groups (`x-ms-parameter-grouping`), shared by the operations naming them.
    pub groups: Vec<ParamGroup>,
    /// The functions decoding declared error bodies, each once, in operation order.
    pub error_decoders: Vec<ErrorDecoder>,
    /// Whether the client offers `from_connection_string` (HMAC-SHA256 with an access key).
    pub connection_string: bool,
    /// The scopes Entra ID tokens are requested for: with any, the client offers
    /// `with_token_credential`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// The api-version is fixed in the endpoint's or the operations' paths (`/v2.1/`):
    /// `ClientOptions::with_api_version` cannot change it and is refused.
    pub version_in_path: bool,
    /// In a client merged from several api-versions, the host templates of versions whose
    /// template differs from `endpoint`'s (same parameters): `(api-version, template)`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub version_templates: Vec<(String, String)>,
}

/// How a client's endpoint is formed.
#[derive(Clone, Debug, Serialize)]
pub enum Endpoint {
    /// The caller gives the whole base URL (the spec's template is one parameter, or none):
    /// `new(endpoint, ..)` and `from_connection_string`.
    Url {
        /// The Rust name of the endpoint argument.
        arg: String,
        /// The service's one public endpoint, when the spec names a fixed host
        /// (`https://atlas.microsoft.com`): `with_default_endpoint` builds a client for it.
        #[serde(skip_serializing_if = "Option::is_none")]
        default: Option<String>,
    },
    /// The base URL is a template filled from constructor arguments (`{accountName}{host}`).
    Template {
        /// The template, with `https://` (or the spec's scheme) prefixed when asked.
        template: String,
        /// Its parameters, in order.
        params: Vec<HostParam>,
    },
}

/// Where a constructor takes the endpoint's arguments, beside the client's other parameters:
/// `x-ms-parameterized-host`'s `positionInOperation`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum HostPosition {
    /// Before them (the default).
    #[default]
    First,
    /// After them.
    Last,
}

impl HostPosition {
    /// Whether the endpoint's arguments come first.
    pub fn is_first(&self) -> bool {
        *self == Self::First
    }
}

/// A parameter of the host template.
#[derive(Clone, Debug, Serialize)]
pub struct HostParam {
    /// Rust name.
    pub name: String,
    /// Name in the template.
    pub wire_name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Substituted without percent-encoding.
    pub skip_encoding: bool,
    /// Its `default` (or `x-ms-client-default`): the constructor takes it as an `Option`.
    pub default: Option<String>,
    /// It holds the api-version: filled from the client's version, never an argument.
    pub api_version: bool,
}

/// A parameter set once on the client (`x-ms-parameter-location: client`, a global parameter).
/// Its value is the text sent on the wire.
#[derive(Clone, Debug, Serialize)]
pub struct ClientParam {
    /// Rust name (a constructor argument and a field).
    pub name: String,
    /// Wire name.
    pub wire_name: String,
    /// Whether the constructor takes `&str` (else `Option<&str>`).
    pub required: bool,
    /// Documentation.
    pub doc: Option<String>,
}

/// A struct of parameters the spec groups together (`x-ms-parameter-grouping`).
#[derive(Clone, Debug, Serialize)]
pub struct ParamGroup {
    /// Type name.
    pub name: String,
    /// The operations (`operationId`s) taking it.
    pub operations: Vec<String>,
    /// Fields, in first-declaration order.
    pub fields: Vec<GroupField>,
}

/// One field of a parameter group.
#[derive(Clone, Debug, Serialize)]
pub struct GroupField {
    /// Rust field name.
    pub name: String,
    /// The parameter's wire name.
    pub wire_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Required fields are constructor arguments; the others are `Option`s.
    pub required: bool,
    /// A parameter's value, or the whole request body.
    pub carries: Carries,
    /// Documentation.
    pub doc: Option<String>,
    /// What is sent when an optional field is unset.
    pub unset: Unset,
}

/// What a group field holds.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub enum Carries {
    /// A path, query or header parameter's value.
    Parameter,
    /// The request body (borrowed whole, never joined or encoded).
    Body,
}

/// A group an operation takes as one argument.
#[derive(Clone, Debug, Serialize)]
pub struct GroupArg {
    /// The argument's Rust name.
    pub arg: String,
    /// The group's type name.
    pub ty: String,
    /// Whether any of its fields is required (then the argument is too).
    pub required: bool,
}

/// Where a grouped value is read from.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct GroupRef {
    /// The group argument.
    pub arg: String,
    /// The field in the group.
    pub field: String,
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub enum HttpMethod {
    /// GET.
    Get,
    /// PUT.
    Put,
    /// POST.
    Post,
    /// DELETE.
    Delete,
    /// OPTIONS.
    Options,
    /// HEAD.
    Head,
    /// PATCH.
    Patch,
}

impl HttpMethod {
    /// The method as the runtime's `Method` constant names it (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
            Self::Patch => "PATCH",
        }
    }
}

/// An operation.
#[derive(Clone, Debug, Serialize)]
pub struct Operation {
    /// Rust method name (a long-running operation's public methods are `begin_` and
    /// `resume_` it; see [`names::derived`]).
    pub name: String,
    /// The spec's `operationId`.
    pub operation_id: String,
    /// Documentation from `summary` and `description`.
    pub doc: Option<String>,
    /// The HTTP method.
    pub method: HttpMethod,
    /// Path template with `{wireName}` placeholders, base path included.
    pub path: String,
    /// Path, query, header and flattened-body parameters, in declaration order (api-version
    /// last in the query).
    pub params: Vec<Param>,
    /// The body, if any.
    pub body: Option<Body>,
    /// Success status codes.
    pub success: Vec<u16>,
    /// The `Accept` header, from `produces`.
    pub accept: Option<String>,
    /// What the method does with the response.
    pub kind: MethodKind,
    /// Declared error bodies, decoded into the error (plain calls only).
    pub errors: Option<ErrorModels>,
    /// The options struct of optional parameters, when there are any.
    pub options: Option<String>,
    /// Parameter groups taken as arguments, after the positional ones.
    pub groups: Vec<GroupArg>,
    /// Where it is declared.
    pub pointer: String,
    /// The api-versions that have the operation, in a client merged from several (empty: all).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub api_versions: Vec<String>,
    /// Its `x-ms-examples`, read (the check of a client against them is generated from these).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// One of an operation's `x-ms-examples`: its title, and its JSON (`parameters`, `responses`),
/// read from the file a `$ref` names or from the spec itself.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Example {
    /// Its key in `x-ms-examples`.
    pub title: String,
    /// The example as compact JSON.
    pub json: String,
}

/// What a generated method does with its response.
#[derive(Clone, Debug, Serialize)]
pub enum MethodKind {
    /// `async fn` returning the decoded body, the declared headers, both, or `()`.
    Plain(Reply),
    /// A HEAD operation without a body or headers: whether the resource exists.
    Exists {
        /// The spec declares 404, which reads as `false` (else it is an error).
        not_found_is_false: bool,
    },
    /// A `Pager` over the items of `x-ms-pageable` pages.
    Pager(Paging),
    /// `begin_x` returning a `Poller` of the result, and `resume_x`.
    LongRunning {
        /// How the operation is polled.
        lro: Lro,
        /// The final result.
        result: Decoded,
    },
    /// A long-running operation whose result is the first page of a pageable list.
    PagedLongRunning {
        /// How the operation is polled.
        lro: Lro,
        /// How the pages go on.
        paging: Paging,
    },
}

impl MethodKind {
    /// The decoded result of a plain call or of a long-running operation.
    pub fn decoded(&self) -> Option<&Decoded> {
        match self {
            Self::Plain(reply) => Some(&reply.body),
            Self::LongRunning { result, .. } => Some(result),
            Self::Exists { .. } | Self::Pager(_) | Self::PagedLongRunning { .. } => None,
        }
    }

    /// The same, for changes.
    pub fn decoded_mut(&mut self) -> Option<&mut Decoded> {
        match self {
            Self::Plain(reply) => Some(&mut reply.body),
            Self::LongRunning { result, .. } => Some(result),
            Self::Exists { .. } | Self::Pager(_) | Self::PagedLongRunning { .. } => None,
        }
    }
}

/// A response body's type, whether it may be absent, and how it travels.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Decoded {
    /// The type (`Unit` when no success response has a body).
    pub ty: TypeRef,
    /// Some success answers carry no body (or the schema says `x-nullable`): the result is an
    /// `Option`.
    pub optional: bool,
    /// JSON of `ty`, or text or bytes as they come.
    pub media: Media,
    /// Under [`Media::Xml`]: the root element.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xml: Option<XmlPlace>,
}

impl Decoded {
    /// Whether the operation is a download: bytes as they came, which a `name_stream` method
    /// also offers as they arrive (when no response header is declared beside them).
    pub fn is_download(&self, declares_headers: bool) -> bool {
        self.media == Media::Binary && self.ty != TypeRef::Unit && !declares_headers
    }
}

/// How a body travels on the wire.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub enum Media {
    /// JSON of the body's type (`application/json`, `application/merge-patch+json`).
    Json,
    /// Text as it is (`text/plain`): a `String`.
    Text,
    /// Bytes as they are (`application/octet-stream`, `image/png`, and any body whose schema is
    /// `format: binary` or `type: file`): `Bytes`.
    Binary,
    /// An object's properties as `name=value` pairs (`application/x-www-form-urlencoded`): sent
    /// from the body's type.
    Form,
    /// XML of the body's type (`application/xml`, `text/xml`), as the spec's `xml` objects
    /// name and place its parts.
    Xml,
}

/// What a plain call returns.
#[derive(Clone, Debug, Serialize)]
pub struct Reply {
    /// The body.
    pub body: Decoded,
    /// The declared response headers, read into a struct of their own.
    pub headers: Option<ResponseHeaders>,
}

/// The struct of an operation's declared response headers.
#[derive(Clone, Debug, Serialize)]
pub struct ResponseHeaders {
    /// Its type name.
    pub name: String,
    /// One optional field per header.
    pub fields: Vec<ResponseHeader>,
}

/// A response header an operation declares.
#[derive(Clone, Debug, Serialize)]
pub struct ResponseHeader {
    /// Rust field name.
    pub name: String,
    /// Header name, in lower case.
    pub wire_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// For an array: the character its items are joined with.
    pub separator: Option<char>,
    /// Documentation.
    pub doc: Option<String>,
}

/// An operation's declared error bodies.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ErrorModels {
    /// The function decoding them (one of [`Client::error_decoders`]).
    pub decoder: String,
    /// The `default` response's type.
    pub default: Option<TypeRef>,
    /// The types of statuses whose type differs from `default`.
    pub by_status: Vec<(ErrorStatus, TypeRef)>,
}

/// The statuses an error type is declared for: one, or a class (OpenAPI 3.0's `4XX`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorStatus {
    /// One status (`404`).
    Code(u16),
    /// Every status of a class: `Class(4)` is `4XX`, 400 to 499.
    Class(u16),
}

impl std::fmt::Display for ErrorStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Code(code) => write!(f, "{code}"),
            Self::Class(class) => write!(f, "{class}XX"),
        }
    }
}

/// Written as the spec writes it: `404`, or `"4XX"`.
impl Serialize for ErrorStatus {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Self::Code(code) => serializer.serialize_u16(*code),
            Self::Class(_) => serializer.collect_str(self),
        }
    }
}

/// A function decoding error bodies as the types the spec declares, shared by the operations
/// declaring the same ones.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ErrorDecoder {
    /// The function's name.
    pub name: String,
    /// The `default` response's type.
    pub default: Option<TypeRef>,
    /// The types of other statuses (single statuses before classes).
    pub by_status: Vec<(ErrorStatus, TypeRef)>,
}

/// Where a parameter goes on the wire.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub enum ParamLocation {
    /// A path segment.
    Path,
    /// The query.
    Query,
    /// A header.
    Header,
    /// A property of a flattened body.
    BodyField {
        /// The body model's field it fills.
        field: String,
    },
    /// A field of a form body (`in: formData`), written as the operation's form is.
    Form(FormEncoding),
}

/// How an operation's form fields (`in: formData`) make its body.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub enum FormEncoding {
    /// `application/x-www-form-urlencoded`: `name=value` pairs, percent-encoded.
    UrlEncoded,
    /// `multipart/form-data`: one part per field, files with their names and content types.
    Multipart,
}

/// Where a parameter's value comes from.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub enum ParamSource {
    /// A required argument of the method.
    Positional,
    /// A field of the operation's options struct.
    Options {
        /// What is sent when it is unset.
        unset: Unset,
    },
    /// A field of a parameter group argument.
    Group {
        /// Where in which group.
        group: GroupRef,
        /// Whether the field is required.
        required: bool,
        /// What is sent when an optional field is unset.
        unset: Unset,
    },
    /// A field of the client, given to its constructor as text.
    Client {
        /// Whether the constructor requires it.
        required: bool,
        /// The spec's default, sent when an optional one is unset.
        default: Option<String>,
    },
    /// A value the spec fixes (a required parameter with one allowed value): always sent.
    Constant(String),
    /// The api-version: the client's own, or `ClientOptions::with_api_version`'s.
    ApiVersion,
}

impl ParamSource {
    /// Whether the caller must give the value (positionally or as a required group field).
    pub fn is_required(&self) -> bool {
        matches!(self, Self::Positional | Self::Group { required: true, .. })
    }
}

/// What is sent for an optional parameter the caller leaves unset.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub enum Unset {
    /// Nothing.
    Omitted,
    /// The spec's default (one that fits the parameter's type).
    Default(Value),
    /// A fresh request id (`x-ms-client-request-id: true` headers).
    FreshRequestId,
}

/// How an array parameter is joined.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub enum CollectionFormat {
    /// `a,b`
    Csv,
    /// `a b`
    Ssv,
    /// `a\tb`
    Tsv,
    /// `a|b`
    Pipes,
    /// `x=a&x=b`
    Multi,
}

/// A path, query, header or flattened-body parameter.
#[derive(Clone, Debug, Serialize)]
pub struct Param {
    /// Rust name.
    pub name: String,
    /// Wire name.
    pub wire_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Where its value comes from.
    pub source: ParamSource,
    /// Its type.
    pub ty: TypeRef,
    /// Sent without percent-encoding.
    pub skip_encoding: bool,
    /// Array joining (arrays only).
    pub collection_format: Option<CollectionFormat>,
    /// Documentation.
    pub doc: Option<String>,
}

/// A request body.
#[derive(Clone, Debug, Serialize)]
pub struct Body {
    /// Rust name.
    pub name: String,
    /// The body parameter's name in the spec (its key in `x-ms-examples`).
    pub wire_name: String,
    /// Its type, as JSON carries it.
    pub ty: TypeRef,
    /// Its media type(s).
    pub content: BodyContent,
    /// Documentation.
    pub doc: Option<String>,
    /// Where the body comes from.
    pub source: BodySource,
    /// When it may go as XML: its root element.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xml: Option<XmlPlace>,
}

/// The media type(s) a request body is sent as.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub enum BodyContent {
    /// One: the body is a value of its media's type.
    One(MediaType),
    /// Several (`consumes` names JSON and bytes, say): the caller chooses per call with an enum
    /// of one variant per media type.
    Choice {
        /// The enum's name.
        name: String,
        /// Its variants, in `consumes` order.
        variants: Vec<ContentVariant>,
    },
}

impl BodyContent {
    /// The single media type, when there is no choice.
    pub fn one(&self) -> Option<&MediaType> {
        match self {
            Self::One(m) => Some(m),
            Self::Choice { .. } => None,
        }
    }
}

/// A `Content-Type` and how a body of it travels.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MediaType {
    /// `Content-Type`, as the spec writes it.
    pub content_type: String,
    /// JSON, text or bytes.
    pub media: Media,
}

/// One variant of a body's choice of media types.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ContentVariant {
    /// Rust variant name (`ApplicationPdf`).
    pub name: String,
    /// Its media type.
    pub media_type: MediaType,
}

/// Where a request body comes from.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub enum BodySource {
    /// An argument of the method (`&T`, or `Option<&T>` when not required).
    Argument {
        /// Whether it is required.
        required: bool,
    },
    /// Built from the operation's `BodyField` parameters (`flatten-body` in the config).
    Flattened,
    /// A required body whose schema is an `enum` of one value: its JSON, always sent.
    Constant(String),
    /// A field of a parameter group.
    Group {
        /// Where in which group.
        group: GroupRef,
        /// Whether the field is required.
        required: bool,
    },
}

/// `x-ms-pageable`.
#[derive(Clone, Debug, Serialize)]
pub struct Paging {
    /// The page model.
    pub page_model: String,
    /// Wire name of the items' property.
    pub item_name: String,
    /// Rust name of the items' field.
    pub item_field: String,
    /// The item type.
    pub item: TypeRef,
    /// Rust name of the page model's next-link field; `None` for one page only.
    pub link_field: Option<String>,
    /// How the next page is requested.
    pub next: NextPage,
}

/// How the next page of a pageable operation is requested.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub enum NextPage {
    /// There is none: one page (`nextLinkName: null`, or a link that is not one).
    OnePage,
    /// A GET of the next link.
    Link(ApiVersionPolicy),
    /// Another operation's request, given the next link (`operationName`).
    Operation {
        /// The Rust method of that operation.
        method: String,
    },
}

/// What happens to the api-version in a next link (the config's `next-link-api-version`).
#[derive(Clone, Copy, Debug, Serialize, serde::Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum ApiVersionPolicy {
    /// The link is followed as given.
    #[default]
    Keep,
    /// Added when the link has none.
    Append,
    /// Set, replacing any the link has.
    Replace,
}

/// `x-ms-long-running-operation`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Lro {
    /// `final-state-via`, if given.
    pub final_state_via: Option<FinalStateVia>,
    /// What the operation's statuses mean, when they are not the ARM words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<LroLifecycle>,
}

/// A long-running operation's statuses, by meaning, and where its status is: from the
/// generation config, or from the status enum of the model it answers with.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct LroLifecycle {
    /// A JSON pointer to the status, when it is not `status` / `provisioningState`.
    pub status_pointer: Option<String>,
    /// Statuses meaning success.
    pub succeeded: Vec<String>,
    /// Statuses meaning failure.
    pub failed: Vec<String>,
    /// Statuses meaning cancellation.
    pub canceled: Vec<String>,
}

/// Where a long-running operation's result comes from (`final-state-via`).
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub enum FinalStateVia {
    /// The `Azure-AsyncOperation` status monitor's body.
    AzureAsyncOperation,
    /// A GET of the initial response's `Location`.
    Location,
    /// A GET of the original request's URL.
    OriginalUri,
    /// The `Operation-Location` status monitor.
    OperationLocation,
}

impl FinalStateVia {
    /// The value as the spec writes it.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "azure-async-operation" => Self::AzureAsyncOperation,
            "location" => Self::Location,
            "original-uri" => Self::OriginalUri,
            "operation-location" => Self::OperationLocation,
            _ => return None,
        })
    }

    /// Every value, as the spec writes it.
    pub const SPELLINGS: &'static [&'static str] = &[
        "azure-async-operation",
        "location",
        "original-uri",
        "operation-location",
    ];
}
