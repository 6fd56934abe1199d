//! Stage 3: the resolved intermediate representation. Names are final, types are resolved,
//! every parameter is classified, paging and long-running behaviour are explicit. Emission is a
//! pure function of it.

pub mod build;
pub mod names;

use serde::Serialize;
use serde_json::Value;

/// One API: a client, its operations and its types.
#[derive(Clone, Debug, Serialize)]
pub struct Api {
    /// The spec's title.
    pub title: String,
    /// The spec's description.
    pub description: Option<String>,
    /// The api-version the client sends by default.
    pub api_version: String,
    /// The client.
    pub client: Client,
    /// Structs, in a fixed order (spec order, then order of discovery).
    pub models: Vec<Model>,
    /// Enums, de-duplicated by name.
    pub enums: Vec<Enum>,
    /// Discriminated unions.
    pub unions: Vec<Union>,
    /// Names for nested container types that operations return.
    pub aliases: Vec<TypeAlias>,
    /// The longest chain of models containing one another (a cycle counts once): past
    /// `build::RUSTC_SAFE_DEPTH`, the crate needs a higher `recursion_limit`.
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
    pub host: Host,
    /// Parameters given once to the client constructor (besides the endpoint).
    pub params: Vec<Param>,
    /// The authentication schemes the spec declares.
    pub auth: Vec<Auth>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
    /// Parameter groups (`x-ms-parameter-grouping`), shared by the operations naming them.
    pub groups: Vec<ParamGroup>,
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
    /// A request body (borrowed as a whole, never joined or encoded).
    pub body: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// The spec's default, sent when the caller gives none.
    pub default: Option<Value>,
    /// A request-id header: a fresh id is sent when the caller gives none.
    pub request_id: bool,
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

/// Where a grouped parameter's value is read from.
#[derive(Clone, Debug, Serialize)]
pub struct GroupRef {
    /// The group argument.
    pub arg: String,
    /// The field in the group.
    pub field: String,
}

/// The endpoint's shape.
#[derive(Clone, Debug, Serialize)]
pub struct Host {
    /// The template (`{endpoint}`), or `None` when the caller gives the whole endpoint.
    pub template: Option<String>,
    /// Prefix `https://` to the template.
    pub use_scheme_prefix: bool,
    /// Template parameters, in order.
    pub params: Vec<HostParam>,
    /// `basePath`, prefixed to every operation path.
    pub base_path: String,
    /// The scheme prefixed to the template when `use_scheme_prefix` is set.
    pub scheme: String,
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
    /// A default value, when the spec gives one.
    pub default: Option<String>,
}

/// A declared authentication scheme.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub enum Auth {
    /// OAuth2 / Azure AD, with the declared scopes.
    OAuth2 {
        /// Scopes.
        scopes: Vec<String>,
    },
    /// A key in a header.
    ApiKey {
        /// The header.
        header: String,
    },
}

/// An operation.
#[derive(Clone, Debug, Serialize)]
pub struct Operation {
    /// Rust method name (without `begin_` for long-running ones).
    pub name: String,
    /// The spec's `operationId`.
    pub operation_id: String,
    /// Documentation from `summary` and `description`.
    pub doc: Option<String>,
    /// Upper-case HTTP method.
    pub method: String,
    /// Path template with `{wireName}` placeholders, base path included.
    pub path: String,
    /// Path, query and header parameters, in declaration order (api-version last in the query).
    pub params: Vec<Param>,
    /// The body, if any.
    pub body: Option<Body>,
    /// Success status codes.
    pub success: Vec<u16>,
    /// The response type (`Unit` when no success response has a body).
    pub response: TypeRef,
    /// The `Accept` header, from `produces`.
    pub accept: Option<String>,
    /// Paging, from `x-ms-pageable`.
    pub paging: Option<Paging>,
    /// Long-running behaviour.
    pub lro: Option<Lro>,
    /// The response schema says `x-nullable: true`: the result is an `Option`.
    pub nullable_response: bool,
    /// Headers the success responses declare, read into a struct of their own.
    pub response_headers: Vec<ResponseHeader>,
    /// The name of that struct, when there are headers.
    pub headers_struct: Option<String>,
    /// Declared error bodies: the type of each error status's body (`None`: `default`), in
    /// spec order.
    pub error_models: Vec<(Option<u16>, TypeRef)>,
    /// A HEAD operation without a body or headers answers whether the resource exists: `true`
    /// on success; `Some(true)` when the spec declares 404, which then reads as `false`.
    pub head_exists: Option<bool>,
    /// The options struct for optional parameters, when there are any.
    pub options: Option<String>,
    /// Parameter groups taken as arguments, after the positional ones.
    pub groups: Vec<GroupArg>,
    /// Where it is declared.
    pub pointer: String,
}

/// A response header an operation declares.
#[derive(Clone, Debug, Serialize)]
pub struct ResponseHeader {
    /// Rust field name.
    pub name: String,
    /// Header name.
    pub wire_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// For an array: the character its items are joined with.
    pub separator: Option<char>,
    /// Documentation.
    pub doc: Option<String>,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub enum ParamLocation {
    /// A path segment.
    Path,
    /// The query.
    Query,
    /// A header.
    Header,
    /// A property of a flattened body.
    BodyField,
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
    /// Its type.
    pub ty: TypeRef,
    /// Required parameters are positional; optional ones live in the options struct.
    pub required: bool,
    /// The spec's default, sent when the caller gives none.
    pub default: Option<Value>,
    /// Sent without percent-encoding.
    pub skip_encoding: bool,
    /// Array joining.
    pub collection_format: Option<CollectionFormat>,
    /// Documentation.
    pub doc: Option<String>,
    /// The api-version parameter: the client sends its own.
    pub api_version: bool,
    /// Set once on the client rather than per call.
    pub client_level: bool,
    /// For a flattened body property: the body model's field it fills.
    pub body_field: Option<String>,
    /// A required parameter whose `enum` has one value: always sent, never asked for.
    pub constant: Option<String>,
    /// Passed inside a parameter group rather than on its own.
    pub group: Option<GroupRef>,
    /// A request-id header (`x-ms-client-request-id: true`): optional, a fresh id when unset.
    pub request_id: bool,
}

/// A request body.
#[derive(Clone, Debug, Serialize)]
pub struct Body {
    /// Rust name.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether required.
    pub required: bool,
    /// `Content-Type`.
    pub content_type: String,
    /// Documentation.
    pub doc: Option<String>,
    /// When the body model's properties are parameters of their own (`Param`s with
    /// `BodyField` location), the model they fill.
    pub flattened: bool,
    /// A required body whose schema is an `enum` of one value: its JSON, always sent.
    pub constant: Option<String>,
    /// Passed inside a parameter group rather than on its own.
    pub group: Option<GroupRef>,
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
    /// Rust name of the next link's field; `None` for one page only.
    pub next_link_field: Option<String>,
    /// Rust method building the next page's request, for `operationName`.
    pub next_operation: Option<String>,
    /// The api-version in next links: `keep`, `append` or `replace` (from the config; only for
    /// operations that send an api-version).
    pub api_version_policy: String,
}

/// `x-ms-long-running-operation`.
#[derive(Clone, Debug, Serialize)]
pub struct Lro {
    /// `final-state-via`, if given.
    pub final_state_via: Option<String>,
}

/// A type as generated code names it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    /// No value.
    Unit,
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// RFC 3339 date-time.
    DateTime,
    /// RFC 1123 date-time.
    DateTimeRfc1123,
    /// Unix time.
    UnixTime,
    /// Full date.
    Date,
    /// ISO 8601 duration.
    Duration,
    /// Base64 bytes.
    Bytes,
    /// Base64url bytes.
    Base64Url,
    /// Any JSON.
    Json,
    /// A struct.
    Model(String),
    /// An enum.
    Enum(String),
    /// An integer or number enum, by Rust name.
    NumberEnum(String),
    /// A discriminated union.
    Union(String),
    /// An array.
    Vec(Box<TypeRef>),
    /// A map with string keys.
    Map(Box<TypeRef>),
    /// A name given to a nested container (`Vec<BTreeMap<String, Vec<T>>>`) where it is an
    /// operation's result or item, so signatures stay readable (see `Api::aliases`).
    Alias(String),
}

/// A struct.
#[derive(Clone, Debug, Serialize)]
pub struct Model {
    /// Rust name.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Fields, parents' first.
    pub fields: Vec<Field>,
    /// Extra properties beside the declared ones (`additionalProperties`).
    pub additional_properties: Option<ExtraProperties>,
    /// When this model is a variant of a union: the discriminator's wire name and this value.
    pub discriminator: Option<(String, String)>,
    /// Used in a request body (it gets a `new` constructor of its required fields).
    pub input: bool,
}

/// `pub type Name = ...;`
#[derive(Clone, Debug, Serialize)]
pub struct TypeAlias {
    /// Rust name.
    pub name: String,
    /// The type it names (a `Vec` or a map).
    pub ty: TypeRef,
    /// What uses it (`` `list`'s result ``, `` `Model::field` ``), for its docs.
    pub user: String,
}

/// The map field holding the properties a model does not declare (`additionalProperties`).
#[derive(Clone, Debug, Serialize)]
pub struct ExtraProperties {
    /// Rust field name (`additional_properties` unless a declared property has it).
    pub field: String,
    /// The values' type.
    pub ty: TypeRef,
}

/// A struct field.
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    /// Rust name.
    pub name: String,
    /// Wire name.
    pub wire_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Required fields are not `Option`.
    pub required: bool,
    /// Never serialized.
    pub read_only: bool,
    /// Boxed to break a cycle.
    pub boxed: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// A required property with one allowed value: `new` sets it.
    pub constant: Option<String>,
}

/// An enum.
#[derive(Clone, Debug, Serialize)]
pub struct Enum {
    /// Rust name.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Values, in declaration order.
    pub values: Vec<EnumValue>,
    /// Unknown values are kept (`modelAsString: true`).
    pub extensible: bool,
    /// What its values are on the wire.
    pub kind: EnumKind,
}

/// The wire type of an enum's values.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub enum EnumKind {
    /// Strings (`TypeRef::Enum`).
    String,
    /// Integers, held as `i64` (`TypeRef::NumberEnum`).
    Integer,
    /// Numbers, held as `f64` (`TypeRef::NumberEnum`).
    Number,
}

/// One enum value.
#[derive(Clone, Debug, Serialize)]
pub struct EnumValue {
    /// Rust variant name.
    pub name: String,
    /// Wire value.
    pub value: String,
    /// Other wire values read as this one (`x-ms-enum` `allowedValues`).
    pub aliases: Vec<String>,
    /// Documentation.
    pub doc: Option<String>,
}

/// A discriminated union: a base model and the models that name themselves by its
/// discriminator.
#[derive(Clone, Debug, Serialize)]
pub struct Union {
    /// Rust name of the enum.
    pub name: String,
    /// The base model.
    pub base: String,
    /// The discriminator's wire name.
    pub discriminator: String,
    /// `(wire value, model)` for each variant, base included.
    pub variants: Vec<(String, String)>,
    /// Documentation.
    pub doc: Option<String>,
}

/// A spec default as generated code writes it, when it fits the parameter's type.
#[derive(Clone, Debug, PartialEq)]
pub enum DefaultLiteral {
    /// A string.
    Str(String),
    /// A boolean.
    Bool(bool),
    /// An integer within the type's range.
    Int(i64),
    /// A finite number.
    Float(f64),
    /// A value of an enum, by its variant.
    Variant {
        /// The enum's Rust name.
        ty: String,
        /// The variant's Rust name.
        variant: String,
    },
    /// A value an extensible string enum does not declare (`E::from("...")`).
    Unknown {
        /// The enum's Rust name.
        ty: String,
        /// The wire value.
        value: String,
    },
}

/// The literal for `value` as a default of type `ty`, or `None` when it does not fit (an int32
/// default of 3000000000, a string for a number, a value a closed enum lacks, a type defaults
/// are not written for). The IR builder drops such defaults with a warning; the emitter writes
/// the ones that fit.
pub fn default_literal<'a>(
    ty: &TypeRef,
    value: &Value,
    find_enum: impl Fn(&str) -> Option<&'a Enum>,
) -> Option<DefaultLiteral> {
    let variant = |e: &str, text: &str| {
        let def = find_enum(e)?;
        match def.values.iter().find(|v| v.value == text) {
            Some(v) => Some(DefaultLiteral::Variant {
                ty: e.to_owned(),
                variant: v.name.clone(),
            }),
            None if def.extensible && def.kind == EnumKind::String => {
                Some(DefaultLiteral::Unknown {
                    ty: e.to_owned(),
                    value: text.to_owned(),
                })
            }
            None => None,
        }
    };
    match (ty, value) {
        (TypeRef::String, Value::String(s)) => Some(DefaultLiteral::Str(s.clone())),
        (TypeRef::Bool, Value::Bool(b)) => Some(DefaultLiteral::Bool(*b)),
        (TypeRef::I32, Value::Number(n)) => {
            let n = i32::try_from(n.as_i64()?).ok()?;
            Some(DefaultLiteral::Int(n.into()))
        }
        (TypeRef::I64, Value::Number(n)) => Some(DefaultLiteral::Int(n.as_i64()?)),
        (TypeRef::F32 | TypeRef::F64, Value::Number(n)) => {
            let f = n.as_f64().filter(|f| f.is_finite())?;
            if matches!(ty, TypeRef::F32) && !(f32::MIN as f64..=f32::MAX as f64).contains(&f) {
                return None;
            }
            Some(DefaultLiteral::Float(f))
        }
        (TypeRef::NumberEnum(e), Value::Number(n)) => variant(e, &n.to_string()),
        (TypeRef::Enum(e), Value::String(s)) => variant(e, s),
        _ => None,
    }
}
