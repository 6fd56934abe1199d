//! The IR's types: a value's [`TypeRef`], and the types an API defines — structs
//! ([`Model`]), enums ([`Enum`]), discriminated unions ([`Union`]), choices among alternatives
//! ([`OneOf`]) and aliases ([`TypeAlias`]).

use serde::Serialize;

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
    /// Time of day.
    Time,
    /// ISO 8601 duration.
    Duration,
    /// Base64 bytes.
    Bytes,
    /// Base64url bytes.
    Base64Url,
    /// A file sent as a part of a form (`type: file` in `formData`): its bytes, and the file
    /// name and content type the caller gives (`restgen_runtime::FilePart`).
    File,
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
    /// A value of one of several alternatives ([`OneOf`]), by Rust name.
    OneOf(String),
    /// An array.
    Vec(Box<TypeRef>),
    /// A map with string keys.
    Map(Box<TypeRef>),
    /// An array item or a map value that may be `null` (`x-nullable`): an `Option`.
    Nullable(Box<TypeRef>),
    /// A name given to a nested container (`Vec<BTreeMap<String, Vec<T>>>`) where a field or an
    /// operation uses it, so declarations stay readable (see [`Api::aliases`](super::Api::aliases)).
    Alias {
        /// The alias.
        name: String,
        /// The type it names.
        target: Box<TypeRef>,
    },
}

impl TypeRef {
    /// Whether XML can carry a value of this type: not a union or a choice of alternatives
    /// (which XML cannot tell apart), nor a file part, nor containers of them.
    pub fn has_xml_form(&self) -> bool {
        match self {
            Self::Union(_) | Self::OneOf(_) | Self::File => false,
            Self::Vec(inner) | Self::Map(inner) | Self::Nullable(inner) => inner.has_xml_form(),
            Self::Alias { target, .. } => target.has_xml_form(),
            _ => true,
        }
    }
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
    /// Its element's tag when an XML body reaches it (`xml.name`, else its definition's
    /// name); `None` for models that only travel as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xml: Option<XmlName>,
}

impl Model {
    /// Whether its struct derives `Default`: it has no required field (`new` takes none).
    pub fn derives_default(&self) -> bool {
        self.fields.iter().all(|f| f.presence != Presence::Required)
    }
}

/// A name in XML as the spec's `xml` object gives it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct XmlName {
    /// The name as written: `prefix:name`, or `name`.
    pub name: String,
    /// The namespace it declares: its prefix (`""` for the default namespace) and URI.
    pub namespace: Option<(String, String)>,
}

impl XmlName {
    /// A name without a namespace.
    pub fn plain(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            namespace: None,
        }
    }

    /// The local part, which reading matches (`Blob` for `b:Blob`).
    pub fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }
}

/// Where a value goes in XML: in its model's element, or as a whole body.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub enum XmlPlace {
    /// An attribute of the model's element.
    Attribute(String),
    /// The model's element's text (`x-ms-text`).
    Text,
    /// An element: a value's text, a model's element, or a map's entries as child elements.
    Element(XmlName),
    /// A list: one element named `item` per item, inside an element `wrapper` when the spec
    /// wraps it (`xml.wrapped`), else directly in the model's element.
    List {
        /// The wrapping element.
        wrapper: Option<XmlName>,
        /// Each item's element.
        item: XmlName,
    },
}

/// The map field holding the properties a model does not declare.
#[derive(Clone, Debug, Serialize)]
pub struct ExtraProperties {
    /// Rust field name (`additional_properties` unless a declared property has it).
    pub field: String,
    /// The values' type.
    pub ty: TypeRef,
    /// Whether the spec declares the map, or it keeps what a service sends beyond its spec.
    pub source: ExtraSource,
}

/// Why a model has a map of extra properties.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub enum ExtraSource {
    /// The spec says `additionalProperties` (`true` or a schema of their values).
    Declared,
    /// The spec says nothing: properties a service sends beyond it are kept as JSON and sent
    /// back when the model is written, so reading and writing a model loses nothing.
    Undeclared,
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
    /// Whether it must be there, may be, is the service's alone, or is fixed.
    pub presence: Presence,
    /// Boxed to break a cycle.
    pub boxed: bool,
    /// Holds a secret (`x-ms-secret`, or the config's `secrets`): `Debug` prints it redacted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub secret: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it goes in its model's XML element (models an XML body reaches only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xml: Option<XmlPlace>,
}

/// Whether a field must be there, and who sets it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub enum Presence {
    /// Always there: a plain field, and an argument of `new`.
    Required,
    /// May be absent: an `Option`, skipped when `None`.
    Optional,
    /// Set by the service, never sent: an `Option`.
    ReadOnly,
    /// A required property with one allowed value: an `Option` that `new` fills with it.
    Constant(String),
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

/// A value of one of several alternatives (OpenAPI 3.0's `oneOf` and `anyOf`): an enum.
#[derive(Clone, Debug, Serialize)]
pub struct OneOf {
    /// Rust name of the enum.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// How a value shows which alternative it is.
    pub tagging: Tagging,
    /// The alternatives, in spec order.
    pub variants: Vec<OneOfVariant>,
}

/// How a [`OneOf`]'s value shows which alternative it is.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub enum Tagging {
    /// By a property with a fixed string per alternative (`"type": "blank"`), every
    /// alternative an object.
    Property(String),
    /// By its shape alone: it is read as the first alternative it fits.
    Untagged,
}

/// One alternative of a [`OneOf`].
#[derive(Clone, Debug, Serialize)]
pub struct OneOfVariant {
    /// Rust name of the variant.
    pub name: String,
    /// Its type (a model is held boxed).
    pub ty: TypeRef,
    /// Under [`Tagging::Property`]: the property's value for this alternative, and whether
    /// the model declares the property itself (a referenced model does; an alternative
    /// written in place leaves it to the enum).
    pub tag: Option<(String, TagSite)>,
    /// Documentation.
    pub doc: Option<String>,
}

/// Where a tagged alternative's tag property is written and read.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub enum TagSite {
    /// By the enum, around the model's own fields.
    Enum,
    /// By the model, as one of its fields.
    Model,
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
}
