//! Builds the resolved IR from a Swagger 2.0 document (the OpenAPI 3.0 front-end converts to
//! the same document model first).

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde_json::Value;

use super::names::{self, Scope, type_name, value_name};
use super::*;
use crate::error::{Error, Location, Result, Warning};
use crate::frontend::swagger::{self, IGNORED_KEYS, Swagger};
use crate::frontend::{placeholders, typed};
use crate::load::Loader;

/// Per-operation settings from the generation config.
#[derive(Clone, Debug, Default)]
pub struct OperationSettings {
    /// The Rust method name to use instead of the derived one.
    pub name: Option<String>,
    /// Make the body model's properties parameters of their own.
    pub flatten_body: bool,
    /// Rust names for parameters, by wire name.
    pub params: BTreeMap<String, String>,
}

/// Settings for building one API.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The client's name (default: from the title).
    pub client_name: Option<String>,
    /// Per-operation settings, by `operationId`.
    pub operations: BTreeMap<String, OperationSettings>,
    /// What pageable operations with an api-version do to it in next links: `keep` (the
    /// default: follow links as given), `append` or `replace`.
    pub next_link_api_version: Option<String>,
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

fn is_header_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Builds the IR of the document at `root` (already loaded as Swagger 2.0).
pub fn build(loader: &mut Loader, root: &Path, settings: &Settings) -> Result<(Api, Vec<Warning>)> {
    let value = loader.load(root)?;
    let at = Location::new(root, "");
    let doc: Swagger = typed(&value, &at)?;
    let mut b = Builder {
        loader,
        root: root.to_path_buf(),
        warnings: Vec::new(),
        types: Scope::default(),
        model_names: HashMap::new(),
        slots: Vec::new(),
        queue: VecDeque::new(),
        enums: IndexMap::new(),
        enum_names: HashMap::new(),
        groups: IndexMap::new(),
        group_names: HashMap::new(),
        inline_stack: Vec::new(),
        depth: 0,
    };
    b.report_extra(
        &at,
        &doc.extra,
        &["swagger", "info", "parameters", "definitions", "responses"],
    );
    if let Some(host) = &doc.host {
        b.warn(
            &at.join("host"),
            format!("fixed host `{host}` not used: clients are always given their endpoint"),
        );
    }
    validate_settings(settings, &at)?;
    // The client's name is taken first: a model called `<Title>Client` yields to it.
    let client_name = settings.client_name.clone().unwrap_or_else(|| {
        let t = type_name(&doc.info.title);
        if t.ends_with("Client") {
            t
        } else {
            format!("{t}Client")
        }
    });
    b.types.claim(client_name.clone());
    // Every definition of the root document is a type, used or not, in spec order.
    for (name, def) in &doc.definitions {
        let loc = at.join("definitions").join(name);
        if is_object_schema(def) {
            b.model_ref(&loc, def, name);
        } else if b.loader_schema_is_enum(def) {
            b.type_of(def, &loc, name)?;
        }
    }
    let client = b.client(&doc, settings, client_name)?;
    b.drain_models()?;
    let api = b.finish(&doc, client)?;
    let mut warnings = b.warnings;
    warnings.sort();
    warnings.dedup();
    Ok((api, warnings))
}

/// What makes two parameters the same one: the name (any case for headers) and the location; a
/// body is one whatever its name.
fn param_key(value: &Value) -> (String, String) {
    let location = value
        .get("in")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let name = value
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let name = match location.as_str() {
        "header" => name.to_ascii_lowercase(),
        "body" => String::new(),
        _ => name.to_owned(),
    };
    (name, location)
}

/// Every name the generation config gives is used verbatim in Rust: each must be an identifier.
fn validate_settings(settings: &Settings, at: &Location) -> Result<()> {
    let check = |what: String, name: &str| {
        if names::is_identifier(name) {
            Ok(())
        } else {
            Err(Error::spec(
                at,
                format!(
                    "the generation config names {what} `{name}`, which is not a Rust identifier"
                ),
            ))
        }
    };
    if let Some(client) = &settings.client_name {
        check("the client".into(), client)?;
    }
    for (id, op) in &settings.operations {
        if let Some(name) = &op.name {
            check(format!("the method of `{id}`"), name)?;
        }
        for (wire, name) in &op.params {
            check(format!("parameter `{wire}` of `{id}`"), name)?;
        }
    }
    Ok(())
}

/// Whether a schema is a struct of its own: an object with properties, parents or a
/// discriminator. A bare `type: object` is free-form JSON; one with only
/// `additionalProperties` is a map.
fn is_object_schema(v: &Value) -> bool {
    let Some(o) = v.as_object() else { return false };
    if o.contains_key("$ref")
        || !matches!(o.get("type").and_then(Value::as_str), None | Some("object"))
    {
        return false;
    }
    let has_props = o
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty());
    let has_all_of = o
        .get("allOf")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    has_props || has_all_of || o.contains_key("discriminator")
}

struct Slot {
    location: Location,
    model: Option<Model>,
    /// `allOf` parents, by model name.
    parents: Vec<String>,
    /// The discriminator property this model declares, if it is a polymorphic base.
    discriminator: Option<String>,
    /// `x-ms-discriminator-value`, or the definition name.
    discriminator_value: String,
}

struct Builder<'a> {
    loader: &'a mut Loader,
    root: PathBuf,
    warnings: Vec<Warning>,
    types: Scope,
    model_names: HashMap<(PathBuf, String), String>,
    slots: Vec<Slot>,
    queue: VecDeque<(usize, Value)>,
    enums: IndexMap<String, Enum>,
    enum_names: HashMap<String, String>,
    /// Parameter groups by type name, and the claimed type name of each group's spec name.
    groups: IndexMap<String, ParamGroup>,
    group_names: HashMap<String, String>,
    /// Named schemas that are not structs (arrays, maps, aliases) being typed right now: one met
    /// again contains itself with no struct in between.
    inline_stack: Vec<Location>,
    /// How many `type_of` calls are under way, one inside another.
    depth: usize,
}

/// How deep schemas may nest inside one another before a spec is refused: far beyond any real
/// API, well before the stack or rustc's type checker gives out.
const MAX_SCHEMA_DEPTH: usize = 64;

impl Builder<'_> {
    fn warn(&mut self, at: &Location, message: impl Into<String>) {
        self.warnings.push(Warning {
            location: at.clone(),
            message: message.into(),
        });
    }

    /// Reports keys the typed model did not take and the generator does not use.
    fn report_extra(&mut self, at: &Location, extra: &IndexMap<String, Value>, known: &[&str]) {
        for key in extra.keys() {
            if !IGNORED_KEYS.contains(&key.as_str()) && !known.contains(&key.as_str()) {
                self.warn(&at.join(key), format!("`{key}` is not supported; ignored"));
            }
        }
    }

    fn loader_schema_is_enum(&self, v: &Value) -> bool {
        v.get("enum").is_some()
    }

    /// The model for the object schema at `loc`, registered (and queued) on first sight.
    fn model_ref(&mut self, loc: &Location, value: &Value, hint: &str) -> String {
        let key = (loc.file.clone(), loc.pointer.clone());
        if let Some(name) = self.model_names.get(&key) {
            return name.clone();
        }
        let name = self.types.claim(type_name(hint));
        self.model_names.insert(key, name.clone());
        let discriminator_value = value
            .get("x-ms-discriminator-value")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| hint.to_owned());
        self.slots.push(Slot {
            location: loc.clone(),
            model: None,
            parents: Vec::new(),
            discriminator: None,
            discriminator_value,
        });
        self.queue.push_back((self.slots.len() - 1, value.clone()));
        name
    }

    /// A model built so far, by its Rust name.
    fn built_model(&self, name: &str) -> Option<&Model> {
        self.slots
            .iter()
            .filter_map(|s| s.model.as_ref())
            .find(|m| m.name == name)
    }

    fn drain_models(&mut self) -> Result<()> {
        while let Some((index, value)) = self.queue.pop_front() {
            self.build_model(index, &value)?;
        }
        Ok(())
    }

    /// The type of the schema `value` found at `loc`; `hint` names inline types.
    fn type_of(&mut self, value: &Value, loc: &Location, hint: &str) -> Result<TypeRef> {
        if self.depth >= MAX_SCHEMA_DEPTH {
            return Err(Error::spec(
                loc,
                format!(
                    "schemas nest more than {MAX_SCHEMA_DEPTH} levels deep here (arrays, maps \
                     and references to them, inside one another)"
                ),
            ));
        }
        self.depth += 1;
        let ty = self.type_of_nested(value, loc, hint);
        self.depth -= 1;
        ty
    }

    fn type_of_nested(&mut self, value: &Value, loc: &Location, hint: &str) -> Result<TypeRef> {
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
            return self.inline_type(value, loc, hint);
        };
        let resolved = self.loader.resolve(loc, reference)?;
        let name = resolved
            .location
            .pointer
            .rsplit('/')
            .next()
            .unwrap_or(hint)
            .replace("~1", "/")
            .replace("~0", "~");
        if is_object_schema(&resolved.value) {
            return Ok(TypeRef::Model(self.model_ref(
                &resolved.location,
                &resolved.value,
                &name,
            )));
        }
        // An array or map that contains itself with no struct in between has no Rust type of
        // its own: it is read as JSON.
        if self.inline_stack.contains(&resolved.location) {
            self.warn(
                loc,
                format!(
                    "`{name}` contains itself through arrays or maps with no object in between; \
                     it is read as `serde_json::Value`"
                ),
            );
            return Ok(TypeRef::Json);
        }
        self.inline_stack.push(resolved.location.clone());
        let ty = self.inline_type(&resolved.value, &resolved.location, &name);
        self.inline_stack.pop();
        ty
    }

    fn inline_type(&mut self, value: &Value, loc: &Location, hint: &str) -> Result<TypeRef> {
        if value.as_bool() == Some(true) || value.as_object().is_some_and(|o| o.is_empty()) {
            return Ok(TypeRef::Json);
        }
        if !value.is_object() {
            return Err(Error::spec(loc, "a schema must be an object"));
        }
        if is_object_schema(value) {
            return Ok(TypeRef::Model(self.model_ref(loc, value, hint)));
        }
        let schema: swagger::Schema = typed(value, loc)?;
        if schema.enum_values.is_some() {
            return self.enum_type(&schema, loc, hint);
        }
        self.report_extra(loc, &schema.extra, &[]);
        let format = schema.format.as_deref().unwrap_or_default();
        Ok(match schema.kind.as_deref() {
            Some("string") => string_type(format),
            Some("integer") => match format {
                "int64" => TypeRef::I64,
                "unixtime" => TypeRef::UnixTime,
                _ => TypeRef::I32,
            },
            Some("number") => match format {
                "float" => TypeRef::F32,
                _ => TypeRef::F64,
            },
            Some("boolean") => TypeRef::Bool,
            Some("array") => {
                let items = schema
                    .items
                    .as_ref()
                    .ok_or_else(|| Error::spec(loc, "an array schema needs `items`"))?;
                TypeRef::Vec(Box::new(self.type_of(
                    items,
                    &loc.join("items"),
                    &format!("{hint}Item"),
                )?))
            }
            Some("file") => {
                self.warn(loc, "`type: file` is sent and read as raw bytes");
                TypeRef::Bytes
            }
            Some("object") | None => match &schema.additional_properties {
                Some(Value::Bool(false)) | None => TypeRef::Json,
                Some(ap) => TypeRef::Map(Box::new(self.type_of(
                    ap,
                    &loc.join("additionalProperties"),
                    &format!("{hint}Value"),
                )?)),
            },
            Some(other) => {
                return Err(Error::spec(
                    &loc.join("type"),
                    format!("unknown type `{other}`"),
                ));
            }
        })
    }

    fn enum_type(
        &mut self,
        schema: &swagger::Schema,
        loc: &Location,
        hint: &str,
    ) -> Result<TypeRef> {
        let values = schema.enum_values.clone().unwrap_or_default();
        self.enum_from(
            schema.kind.as_deref(),
            &values,
            schema.x_ms_enum.as_ref(),
            schema.description.clone(),
            loc,
            hint,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn enum_from(
        &mut self,
        kind: Option<&str>,
        values: &[Value],
        x_ms_enum: Option<&Value>,
        doc: Option<String>,
        loc: &Location,
        hint: &str,
    ) -> Result<TypeRef> {
        let enum_kind = match kind {
            None | Some("string") => EnumKind::String,
            Some("integer") => EnumKind::Integer,
            Some("number") => EnumKind::Number,
            _ => EnumKind::String,
        };
        if !matches!(kind, None | Some("string" | "integer" | "number")) {
            self.warn(
                loc,
                format!(
                    "an enum of type `{}` is generated as its primitive type",
                    kind.unwrap_or_default()
                ),
            );
            return Ok(match kind {
                Some("boolean") => TypeRef::Bool,
                _ => TypeRef::String,
            });
        }
        let raw_name = x_ms_enum
            .and_then(|e| e.get("name"))
            .and_then(Value::as_str)
            .unwrap_or(hint)
            .to_owned();
        let extensible = x_ms_enum
            .and_then(|e| e.get("modelAsString"))
            .and_then(Value::as_bool)
            .unwrap_or(x_ms_enum.is_none());
        type Described = (Option<String>, Option<String>, Vec<String>);
        let described: HashMap<String, Described> = x_ms_enum
            .and_then(|e| e.get("values"))
            .and_then(Value::as_array)
            .map(|vs| {
                vs.iter()
                    .filter_map(|v| {
                        let value = scalar_text(v.get("value")?)?;
                        let name = v.get("name").and_then(Value::as_str).map(str::to_owned);
                        let doc = v
                            .get("description")
                            .and_then(Value::as_str)
                            .map(str::to_owned);
                        let aliases = v
                            .get("allowedValues")
                            .and_then(Value::as_array)
                            .map(|a| a.iter().filter_map(scalar_text).collect())
                            .unwrap_or_default();
                        Some((value, (name, doc, aliases)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut texts = Vec::new();
        for (i, v) in values.iter().enumerate() {
            let at = loc.join("enum").join(i);
            match scalar_text(v) {
                // A number enum's values must fit the Rust type that holds them.
                Some(t) if !fits_enum_kind(enum_kind, &t) => self.warn(
                    &at,
                    format!(
                        "enum value `{t}` does not fit {}; it is left out (the service's value \
                         still reads as an unknown one where the enum is extensible)",
                        match enum_kind {
                            EnumKind::Integer => "an `i64`",
                            _ => "a finite `f64`",
                        }
                    ),
                ),
                Some(t) if !texts.contains(&t) => texts.push(t),
                Some(_) => {}
                None => {
                    return Err(Error::spec(&at, "enum values must be strings or numbers"));
                }
            }
        }
        if let Some(rust) = self.enum_names.get(&raw_name).cloned() {
            let existing = &self.enums[&rust];
            let known: Vec<String> = existing.values.iter().map(|v| v.value.clone()).collect();
            if known != texts || existing.extensible != extensible {
                self.warn(loc, format!("enum `{raw_name}` is declared again with other values; the values are merged into one type"));
                let mut scope = Scope::default();
                for v in &self.enums[&rust].values {
                    scope.claim(v.name.clone());
                }
                for t in texts.into_iter().filter(|t| !known.contains(t)) {
                    let name = scope.claim(type_name(&t));
                    self.enums[&rust].values.push(EnumValue {
                        name,
                        value: t,
                        aliases: Vec::new(),
                        doc: None,
                    });
                }
            }
            let kind = self.enums[&rust].kind;
            return Ok(enum_ref(rust, kind));
        }
        let rust = self.types.claim(type_name(&raw_name));
        let mut scope = Scope::with_taken(&["UnknownValue"]);
        let values = texts
            .into_iter()
            .map(|t| {
                let (name, doc, aliases) = described.get(&t).cloned().unwrap_or_default();
                EnumValue {
                    name: scope.claim(type_name(name.as_deref().unwrap_or(&t))),
                    value: t,
                    aliases,
                    doc,
                }
            })
            .collect();
        self.enum_names.insert(raw_name, rust.clone());
        self.enums.insert(
            rust.clone(),
            Enum {
                name: rust.clone(),
                doc,
                values,
                extensible,
                kind: enum_kind,
            },
        );
        Ok(enum_ref(rust, enum_kind))
    }

    fn build_model(&mut self, index: usize, value: &Value) -> Result<()> {
        let loc = self.slots[index].location.clone();
        let name = self
            .model_names
            .get(&(loc.file.clone(), loc.pointer.clone()))
            .cloned()
            .unwrap_or_default();
        let schema: swagger::Schema = typed(value, &loc)?;
        self.report_extra(&loc, &schema.extra, &[]);
        let mut properties: Vec<(Location, String, Value)> = Vec::new();
        let mut required: HashSet<String> = schema.required.iter().cloned().collect();
        let mut parents = Vec::new();
        let mut additional = schema.additional_properties.clone();
        let mut discriminator = schema.discriminator.clone();
        for (i, parent) in schema.all_of.iter().enumerate() {
            let ploc = loc.join("allOf").join(i);
            let (parent_loc, parent_value) = match parent.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let resolved = self.loader.resolve(&ploc, r)?;
                    let pname = resolved
                        .location
                        .pointer
                        .rsplit('/')
                        .next()
                        .unwrap_or("Parent")
                        .to_owned();
                    if is_object_schema(&resolved.value) {
                        parents.push(self.model_ref(&resolved.location, &resolved.value, &pname));
                    }
                    (resolved.location, resolved.value)
                }
                None => (ploc, parent.clone()),
            };
            self.collect_properties(
                &parent_loc,
                &parent_value,
                &mut properties,
                &mut required,
                &mut additional,
                &mut discriminator,
                0,
            )?;
        }
        for (wire, prop) in &schema.properties {
            properties.retain(|(_, w, _)| w != wire);
            properties.push((
                loc.join("properties").join(wire),
                wire.clone(),
                prop.clone(),
            ));
        }
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        for (ploc, wire, prop) in properties {
            let client_name = prop.get("x-ms-client-name").and_then(Value::as_str);
            let read_only = prop
                .get("readOnly")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let doc = prop
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let hint = format!("{name}{}", type_name(&wire));
            let ty = self.type_of(&prop, &ploc, &hint)?;
            // A required property with one allowed value is a constant: filled in by `new`,
            // tolerated when absent.
            let (_, target) = self.deref(&ploc, &prop)?;
            let constant = target
                .get("enum")
                .and_then(Value::as_array)
                .filter(|v| v.len() == 1 && required.contains(&wire))
                .and_then(|v| scalar_text(&v[0]));
            fields.push(Field {
                name: scope.claim(value_name(client_name.unwrap_or(&wire))),
                required: required.contains(&wire) && !read_only && constant.is_none(),
                wire_name: wire,
                ty,
                read_only,
                boxed: false,
                doc,
                constant,
            });
        }
        let additional_properties = match additional {
            Some(Value::Bool(false)) | None => None,
            Some(ap) => Some(ExtraProperties {
                // After the declared properties: one named `additionalProperties` keeps its name.
                field: scope.claim("additional_properties".into()),
                ty: self.type_of(
                    &ap,
                    &loc.join("additionalProperties"),
                    &format!("{name}Value"),
                )?,
            }),
        };
        let slot = &mut self.slots[index];
        slot.parents = parents;
        slot.discriminator = schema.discriminator.clone();
        slot.model = Some(Model {
            name,
            doc: schema.description.clone(),
            fields,
            additional_properties,
            discriminator: None,
            input: false,
        });
        Ok(())
    }

    /// Gathers the properties of an `allOf` parent and its own parents, parents first.
    #[allow(clippy::too_many_arguments)]
    fn collect_properties(
        &mut self,
        loc: &Location,
        value: &Value,
        out: &mut Vec<(Location, String, Value)>,
        required: &mut HashSet<String>,
        additional: &mut Option<Value>,
        discriminator: &mut Option<String>,
        depth: usize,
    ) -> Result<()> {
        if depth > 32 {
            return Err(Error::spec(loc, "`allOf` nests too deep (a cycle?)"));
        }
        let schema: swagger::Schema = typed(value, loc)?;
        for (i, parent) in schema.all_of.iter().enumerate() {
            let ploc = loc.join("allOf").join(i);
            let (parent_loc, parent_value) = match parent.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let resolved = self.loader.resolve(&ploc, r)?;
                    (resolved.location, resolved.value)
                }
                None => (ploc, parent.clone()),
            };
            self.collect_properties(
                &parent_loc,
                &parent_value,
                out,
                required,
                additional,
                discriminator,
                depth + 1,
            )?;
        }
        required.extend(schema.required.iter().cloned());
        if additional.is_none() {
            additional.clone_from(&schema.additional_properties);
        }
        if discriminator.is_none() {
            discriminator.clone_from(&schema.discriminator);
        }
        for (wire, prop) in &schema.properties {
            out.retain(|(_, w, _)| w != wire);
            out.push((
                loc.join("properties").join(wire),
                wire.clone(),
                prop.clone(),
            ));
        }
        Ok(())
    }

    fn client(&mut self, doc: &Swagger, settings: &Settings, name: String) -> Result<Client> {
        let root = Location::new(&self.root, "");
        let host = self.host(doc, &root)?;
        let auth = doc
            .security_definitions
            .iter()
            .filter_map(|(_, s)| match s.kind.as_str() {
                "oauth2" => Some(Auth::OAuth2 {
                    scopes: s.scopes.keys().cloned().collect(),
                }),
                "apiKey" if s.location.as_deref() == Some("header") => Some(Auth::ApiKey {
                    header: s.name.clone().unwrap_or_default(),
                }),
                _ => None,
            })
            .collect();
        let mut operations = Vec::new();
        let mut client_params: Vec<Param> = Vec::new();
        let mut ids: HashMap<String, String> = HashMap::new();
        let mut methods = Scope::with_taken(names::CLIENT_METHODS);
        let sections = [("paths", &doc.paths), ("x-ms-paths", &doc.x_ms_paths)];
        for (section, paths) in sections {
            for (raw_path, item) in paths {
                let path_loc = root.join(section).join(raw_path);
                let path = raw_path.split('?').next().unwrap_or_default();
                self.report_extra(&path_loc, &item.extra, &[]);
                if item.reference.is_some() {
                    self.warn(
                        &path_loc.join("$ref"),
                        "path items by `$ref` are not supported; skipped",
                    );
                    continue;
                }
                for (method, op_value) in item.operations() {
                    let op_loc = path_loc.join(method);
                    let op: swagger::Operation = typed(op_value, &op_loc)?;
                    let op_id = match &op.operation_id {
                        Some(id) => id.clone(),
                        None => {
                            let derived = format!(
                                "{method}_{}",
                                path.replace(['/', '{', '}', '-', '.'], " ")
                            );
                            let derived = value_name(&derived);
                            self.warn(
                                &op_loc,
                                format!(
                                    "no `operationId`; named `{derived}` from its method and path"
                                ),
                            );
                            derived
                        }
                    };
                    if let Some(first) = ids.insert(op_id.clone(), op_loc.pointer.clone()) {
                        return Err(Error::spec(
                            &op_loc.join("operationId"),
                            format!("duplicate operationId `{op_id}` (first at {first})"),
                        ));
                    }
                    let op_settings = settings.operations.get(&op_id).cloned().unwrap_or_default();
                    if let Some(built) = self.operation(
                        doc,
                        path,
                        method,
                        &op,
                        &op_id,
                        &op_loc,
                        &item.parameters,
                        &path_loc,
                        &op_settings,
                        &mut client_params,
                        &host,
                    )? {
                        let mut built = built;
                        let wanted = op_settings.name.clone().unwrap_or_else(|| {
                            // `Group_Name` gives `name`; a derived id is used whole.
                            let short = match &op.operation_id {
                                Some(_) => op_id.rsplit_once('_').map(|(_, n)| n).unwrap_or(&op_id),
                                None => &op_id,
                            };
                            value_name(short)
                        });
                        let long_running = built.lro.is_some();
                        let free = |m: &Scope, n: &str| {
                            !m.contains(n)
                                && !m.contains(&names::derived(n, names::Derived::Builder))
                        };
                        let wanted = if free(&methods, &wanted) {
                            wanted
                        } else {
                            value_name(&op_id)
                        };
                        built.name = methods.claim_method(wanted, long_running);
                        // Pagers and pollers yield items and results; headers are for plain calls.
                        if built.paging.is_some() || built.lro.is_some() {
                            built.response_headers.clear();
                        }
                        if !built.response_headers.is_empty() {
                            let wanted = type_name(&format!("{}Headers", built.name));
                            built.headers_struct = Some(self.types.claim(wanted));
                        }
                        if built.options.is_some() {
                            // `CreateSearchOptions` may already be a model's name.
                            let wanted = type_name(&format!("{}Options", built.name));
                            let name = if self.types.contains(&wanted) {
                                type_name(&format!("{}CallOptions", built.name))
                            } else {
                                wanted
                            };
                            built.options = Some(self.types.claim(name));
                        }
                        operations.push(built);
                    }
                }
            }
        }
        let policy = settings
            .next_link_api_version
            .clone()
            .unwrap_or_else(|| "keep".into());
        if !matches!(policy.as_str(), "keep" | "append" | "replace") {
            return Err(Error::spec(
                &root,
                format!("next-link-api-version `{policy}` is not keep, append or replace"),
            ));
        }
        for op in &mut operations {
            let sends_version = op.params.iter().any(|p| p.api_version);
            if let Some(paging) = op.paging.as_mut().filter(|_| sends_version) {
                paging.api_version_policy = policy.clone();
            }
        }
        // A page model reads one way: operations paging it by other properties are plain calls.
        let mut readers: HashMap<String, (String, String, Option<String>)> = HashMap::new();
        for op in &mut operations {
            let Some(pg) = &op.paging else { continue };
            let first = readers.entry(pg.page_model.clone()).or_insert_with(|| {
                (
                    op.operation_id.clone(),
                    pg.item_field.clone(),
                    pg.next_link_field.clone(),
                )
            });
            let links_differ =
                matches!((&first.2, &pg.next_link_field), (Some(a), Some(b)) if a != b);
            if first.2.is_none() && pg.next_link_field.is_some() {
                first.2.clone_from(&pg.next_link_field);
            }
            if first.1 != pg.item_field || links_differ {
                let message = format!(
                    "`{}` pages `{}` by other properties than `{}` does; it returns the page \
                     model itself",
                    op.operation_id, pg.page_model, first.0
                );
                self.warn(
                    &Location::new(&self.root, op.pointer.clone()).join("x-ms-pageable"),
                    message,
                );
                op.paging = None;
            }
        }
        // Resolve `operationName` of paging to the Rust method it names.
        let by_id: HashMap<String, String> = operations
            .iter()
            .map(|o| (o.operation_id.clone(), o.name.clone()))
            .collect();
        for op in &mut operations {
            if let Some(paging) = &mut op.paging {
                if let Some(next) = &paging.next_operation {
                    paging.next_operation = Some(by_id.get(next).cloned().ok_or_else(|| {
                        Error::spec(
                            &Location::new(&self.root, op.pointer.clone()).join("x-ms-pageable"),
                            format!("`operationName` names `{next}`, which is not an operation"),
                        )
                    })?);
                }
            }
        }
        Ok(Client {
            name,
            doc: doc.info.description.clone(),
            host,
            params: client_params,
            auth,
            operations,
            groups: std::mem::take(&mut self.groups).into_values().collect(),
        })
    }

    fn host(&mut self, doc: &Swagger, root: &Location) -> Result<Host> {
        let base_path = doc
            .base_path
            .clone()
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_owned();
        // `https` when the spec allows it; with no `schemes`, Swagger 2.0 means the scheme the
        // spec itself was served with, which AutoRest takes as `http`. Plain http still has to
        // pass the pipeline's loopback-or-opt-in check.
        let scheme = if doc.schemes.iter().any(|s| s == "https") {
            "https"
        } else {
            "http"
        }
        .to_owned();
        let Some(ph) = &doc.parameterized_host else {
            return Ok(Host {
                template: None,
                use_scheme_prefix: false,
                params: Vec::new(),
                base_path,
                scheme,
            });
        };
        let loc = root.join("x-ms-parameterized-host");
        self.report_extra(&loc, &ph.extra, &[]);
        let mut params = Vec::new();
        let mut scope = Scope::with_taken(&["credential", "options"]);
        for (i, p) in ph.parameters.iter().enumerate() {
            let ploc = loc.join("parameters").join(i);
            let (ploc, value) = self.deref(&ploc, p)?;
            let param: swagger::Parameter = typed(&value, &ploc)?;
            if !ph.host_template.contains(&format!("{{{}}}", param.name)) {
                return Err(Error::spec(
                    &ploc,
                    format!(
                        "host parameter `{}` does not appear in `{}`",
                        param.name, ph.host_template
                    ),
                ));
            }
            params.push(HostParam {
                name: scope.claim(value_name(
                    param.client_name.as_deref().unwrap_or(&param.name),
                )),
                wire_name: param.name.clone(),
                doc: param.description.clone(),
                skip_encoding: param.skip_url_encoding,
                default: param.default.as_ref().and_then(scalar_text),
            });
        }
        for placeholder in placeholders(&ph.host_template) {
            if !params.iter().any(|p| p.wire_name == placeholder) {
                return Err(Error::spec(
                    &loc.join("hostTemplate"),
                    format!("`{{{placeholder}}}` has no parameter"),
                ));
            }
        }
        Ok(Host {
            template: Some(ph.host_template.clone()),
            use_scheme_prefix: ph.use_scheme_prefix,
            params,
            base_path,
            scheme,
        })
    }

    /// Follows a `$ref` to its target, or returns the value as is.
    fn deref(&mut self, loc: &Location, value: &Value) -> Result<(Location, Value)> {
        match value.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let resolved = self.loader.resolve(loc, r)?;
                Ok((resolved.location, resolved.value))
            }
            None => Ok((loc.clone(), value.clone())),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        doc: &Swagger,
        path: &str,
        method: &str,
        op: &swagger::Operation,
        op_id: &str,
        op_loc: &Location,
        path_params: &[Value],
        path_loc: &Location,
        settings: &OperationSettings,
        client_params: &mut Vec<Param>,
        host: &Host,
    ) -> Result<Option<Operation>> {
        self.report_extra(
            op_loc,
            &op.extra,
            &[
                "operationId",
                "summary",
                "description",
                "parameters",
                "responses",
                "x-ms-request-id",
                // The OData query parameters it describes are ordinary ones.
                "x-ms-odata",
            ],
        );
        let hint = type_name(op_id.rsplit_once('_').map(|(_, n)| n).unwrap_or(op_id));
        // Operation parameters override path-level ones of the same name and location; within
        // one list a name may appear once (header names in any case), and one body at most.
        let mut raw: Vec<(Location, Value)> = Vec::new();
        let levels = [
            (path_params, path_loc.join("parameters")),
            (op.parameters.as_slice(), op_loc.join("parameters")),
        ];
        for (list, list_loc) in levels {
            let mut level: Vec<(Location, Value)> = Vec::new();
            for (i, p) in list.iter().enumerate() {
                let (loc, value) = self.deref(&list_loc.join(i), p)?;
                let key = param_key(&value);
                if let Some((first, _)) = level.iter().find(|(_, v)| param_key(v) == key) {
                    let what = match key.1.as_str() {
                        "body" => "a second body parameter (an operation has one at most)".into(),
                        "header" => format!(
                            "header `{}` is declared twice (header names ignore case; first at {})",
                            key.0, first.pointer
                        ),
                        _ => format!(
                            "{} parameter `{}` is declared twice (first at {})",
                            key.1, key.0, first.pointer
                        ),
                    };
                    return Err(Error::spec(&loc, what));
                }
                level.push((loc, value));
            }
            for (loc, value) in level {
                let key = param_key(&value);
                raw.retain(|(_, existing)| param_key(existing) != key);
                raw.push((loc, value));
            }
        }
        let mut params = Vec::new();
        let mut body = None;
        let mut scope = Scope::with_taken(names::METHOD_LOCALS);
        let mut api_version = None;
        // `x-ms-parameter-grouping`s: the parameter's index (`None` for the body), the group.
        let mut groupings: Vec<(Option<usize>, Value, Location)> = Vec::new();
        for (ploc, value) in raw {
            let p: swagger::Parameter = typed(&value, &ploc)?;
            self.report_extra(&ploc, &p.extra, &[]);
            let global = ploc.file == self.root && ploc.pointer.starts_with("/parameters/");
            let client_level = match p.parameter_location.as_deref() {
                Some("client") => true,
                Some("method") => false,
                _ => global,
            };
            match p.location.as_str() {
                "body" => {
                    let schema = p
                        .schema
                        .as_ref()
                        .ok_or_else(|| Error::spec(&ploc, "a body parameter needs a `schema`"))?;
                    let (_, target) = self.deref(&ploc.join("schema"), schema)?;
                    let constant = target
                        .get("enum")
                        .and_then(Value::as_array)
                        .filter(|v| v.len() == 1 && p.required)
                        .map(|v| v[0].to_string());
                    let ty = match constant {
                        Some(_) => TypeRef::String,
                        None => {
                            self.type_of(schema, &ploc.join("schema"), &format!("{hint}Body"))?
                        }
                    };
                    let consumes = op.consumes.clone().unwrap_or_else(|| doc.consumes.clone());
                    let content_type = consumes
                        .iter()
                        .find(|c| c.contains("json"))
                        .cloned()
                        .unwrap_or_else(|| {
                            consumes
                                .first()
                                .cloned()
                                .unwrap_or_else(|| "application/json".into())
                        });
                    if !content_type.contains("json") {
                        self.warn(
                            &ploc,
                            format!("body content type `{content_type}` is sent as JSON"),
                        );
                    }
                    if let Some(g) = &p.grouping {
                        groupings.push((None, g.clone(), ploc.join("x-ms-parameter-grouping")));
                    }
                    body = Some(Body {
                        name: scope.claim(value_name(
                            settings
                                .params
                                .get(&p.name)
                                .map(String::as_str)
                                .or(p.client_name.as_deref())
                                .unwrap_or(&p.name),
                        )),
                        ty,
                        required: p.required,
                        content_type,
                        doc: p.description.clone(),
                        flattened: false,
                        constant,
                        group: None,
                    });
                }
                "formData" => {
                    self.warn(
                        &ploc,
                        format!(
                            "operation `{op_id}` skipped: `formData` parameters are not supported"
                        ),
                    );
                    return Ok(None);
                }
                loc @ ("path" | "query" | "header") => {
                    if loc == "header" && is_pipeline_header(&p.name) {
                        self.warn(&ploc, format!("header parameter `{}` is set by the pipeline on every try (signed or sized); not exposed", p.name));
                        continue;
                    }
                    if loc == "header" && !is_header_token(&p.name) {
                        return Err(Error::spec(
                            &ploc.join("name"),
                            format!("`{}` is not a valid HTTP header name", p.name),
                        ));
                    }
                    if loc == "path" && host.params.iter().any(|h| h.wire_name == p.name) {
                        continue;
                    }
                    // `x-ms-api-version: false` or a method location makes it the method's own.
                    let is_api_version = loc == "query"
                        && p.name == "api-version"
                        && p.api_version != Some(false)
                        && p.parameter_location.as_deref() != Some("method");
                    // A required parameter with a single allowed value is a constant.
                    let constant = p
                        .enum_values
                        .as_ref()
                        .filter(|v| v.len() == 1 && (p.required || loc == "path"))
                        .and_then(|v| scalar_text(&v[0]))
                        .filter(|_| !is_api_version);
                    let ty = if constant.is_some() {
                        TypeRef::String
                    } else {
                        self.param_type(&p, &ploc, &format!("{hint}{}", type_name(&p.name)))?
                    };
                    // A client-level value is given once, as the text sent on the wire.
                    let ty = match ty {
                        TypeRef::String
                        | TypeRef::Bool
                        | TypeRef::I32
                        | TypeRef::I64
                        | TypeRef::F32
                        | TypeRef::F64
                        | TypeRef::Enum(_) => ty,
                        _ if client_level && constant.is_none() => {
                            self.warn(
                                &ploc,
                                format!(
                                    "client-level parameter `{}` is taken as the text sent on the \
                                     wire, not as its declared type",
                                    p.name
                                ),
                            );
                            TypeRef::String
                        }
                        other => other,
                    };
                    let collection_format = match p.collection_format.as_deref() {
                        None | Some("csv") => {
                            matches!(ty, TypeRef::Vec(_)).then_some(CollectionFormat::Csv)
                        }
                        Some("ssv") => Some(CollectionFormat::Ssv),
                        Some("tsv") => Some(CollectionFormat::Tsv),
                        Some("pipes") => Some(CollectionFormat::Pipes),
                        Some("multi") if loc == "query" => Some(CollectionFormat::Multi),
                        Some(other) => {
                            return Err(Error::spec(
                                &ploc.join("collectionFormat"),
                                format!("collectionFormat `{other}` is not supported here"),
                            ));
                        }
                    };
                    let rust_name =
                        settings.params.get(&p.name).cloned().unwrap_or_else(|| {
                            value_name(p.client_name.as_deref().unwrap_or(&p.name))
                        });
                    // A default is sent for an unset optional parameter: only one that fits its
                    // type is kept (client-level values are held as text).
                    let required =
                        (p.required && !(loc == "header" && p.client_request_id)) || loc == "path";
                    let default = match p.default.clone().or_else(|| p.client_default.clone()) {
                        Some(v) if !required && constant.is_none() => {
                            let as_text = client_level || is_api_version;
                            self.checked_default(v, &ty, as_text, &ploc)
                        }
                        other => other,
                    };
                    let param = Param {
                        name: if client_level || is_api_version {
                            rust_name
                        } else {
                            scope.claim(rust_name)
                        },
                        wire_name: p.name.clone(),
                        location: match loc {
                            "path" => ParamLocation::Path,
                            "query" => ParamLocation::Query,
                            _ => ParamLocation::Header,
                        },
                        ty,
                        // A request-id header the client fills in is the caller's to give or not.
                        required,
                        default,
                        skip_encoding: p.skip_url_encoding,
                        collection_format,
                        doc: p.description.clone(),
                        api_version: is_api_version,
                        client_level: (client_level || is_api_version) && constant.is_none(),
                        body_field: None,
                        constant,
                        group: None,
                        request_id: loc == "header" && p.client_request_id,
                    };
                    if is_api_version {
                        api_version = Some(param);
                        continue;
                    }
                    if let Some(g) = &p.grouping
                        && !param.client_level
                        && param.constant.is_none()
                    {
                        groupings.push((
                            Some(params.len()),
                            g.clone(),
                            ploc.join("x-ms-parameter-grouping"),
                        ));
                    }
                    if param.client_level
                        && !client_params.iter().any(|c| c.wire_name == param.wire_name)
                    {
                        client_params.push(param.clone());
                    }
                    params.push(param);
                }
                other => {
                    return Err(Error::spec(
                        &ploc.join("in"),
                        format!("unknown parameter location `{other}`"),
                    ));
                }
            }
        }
        // The api-version goes last in the query, as the service's own clients send it.
        if let Some(v) = api_version {
            params.push(v);
        }
        // Every `{name}` in the path has a path parameter, and every path parameter a segment.
        let segments = placeholders(path);
        for seg in &segments {
            if !params
                .iter()
                .any(|p| p.location == ParamLocation::Path && &p.wire_name == seg)
                && !host.params.iter().any(|h| &h.wire_name == seg)
            {
                return Err(Error::spec(
                    op_loc,
                    format!("path segment `{{{seg}}}` has no path parameter"),
                ));
            }
        }
        for p in params.iter().filter(|p| p.location == ParamLocation::Path) {
            if !segments.contains(&p.wire_name) {
                return Err(Error::spec(
                    op_loc,
                    format!(
                        "path parameter `{}` has no `{{{}}}` segment in `{path}`",
                        p.wire_name, p.wire_name
                    ),
                ));
            }
        }
        // Success responses and their type.
        let mut declared_errors = Vec::new();
        let mut nullable_response = false;
        let mut response_headers: Vec<ResponseHeader> = Vec::new();
        let mut header_scope = Scope::with_taken(&["body"]);
        let mut success = Vec::new();
        let mut response_types = Vec::new();
        let mut any_empty = false;
        // Whether a final answer (200, 201) declares a body: a long-running operation whose
        // body is declared only on its 202 may end with nothing to return.
        let mut final_body = false;
        let mut error_models: Vec<(Option<u16>, TypeRef)> = Vec::new();
        for (code, response) in &op.responses {
            let rloc = op_loc.join("responses").join(code);
            let (rloc, response) = self.deref(&rloc, response)?;
            let status: Option<u16> =
                match code.as_str() {
                    "default" => None,
                    _ => Some(code.parse().map_err(|_| {
                        Error::spec(&rloc, format!("`{code}` is not a status code"))
                    })?),
                };
            let marked_error =
                response.get("x-ms-error-response").and_then(Value::as_bool) == Some(true);
            let is_error = marked_error || status.is_none_or(|s| s >= 400);
            if is_error && let Some(schema) = response.get("schema") {
                let ty = self.type_of(schema, &rloc.join("schema"), &format!("{hint}Error"))?;
                // An error body in a special format is kept as its JSON form (a date as text).
                error_models.push((status, json_form(ty)));
            }
            let Some(status) = status else { continue };
            if marked_error {
                continue;
            }
            if status >= 400 {
                // Declared 4xx/5xx are errors, unless nothing else is declared (see below).
                declared_errors.push(status);
                continue;
            }
            success.push(status);
            match response.get("schema") {
                Some(schema) => {
                    final_body |= matches!(status, 200 | 201);
                    let (_, target) = self.deref(&rloc.join("schema"), schema)?;
                    nullable_response |=
                        target.get("x-nullable").and_then(Value::as_bool) == Some(true);
                    let ty =
                        self.type_of(schema, &rloc.join("schema"), &format!("{hint}Response"))?;
                    if !response_types.contains(&ty) {
                        response_types.push(ty);
                    }
                }
                None => any_empty = true,
            }
            // Declared headers become typed fields, once each (the same header is declared by
            // each response that sends it).
            let mut in_this_response: Vec<&str> = Vec::new();
            for (wire, header) in response
                .get("headers")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let hloc = rloc.join("headers").join(wire);
                if let Some(first) = in_this_response
                    .iter()
                    .find(|w| w.eq_ignore_ascii_case(wire))
                {
                    self.warn(
                        &hloc,
                        format!(
                            "header `{wire}` is declared twice in one response (as `{first}`; \
                             header names ignore case); the first is read"
                        ),
                    );
                    continue;
                }
                in_this_response.push(wire);
                if response_headers
                    .iter()
                    .any(|h: &ResponseHeader| h.wire_name.eq_ignore_ascii_case(wire))
                {
                    continue;
                }
                let header_param: swagger::Parameter = typed(
                    &{
                        let mut h = header.clone();
                        if let Some(o) = h.as_object_mut() {
                            o.insert("name".into(), Value::String(wire.clone()));
                            o.insert("in".into(), Value::String("header".into()));
                        }
                        h
                    },
                    &hloc,
                )?;
                let ty =
                    self.param_type(&header_param, &hloc, &format!("{hint}{}", type_name(wire)))?;
                let (ty, separator) = self.header_list(ty, &header_param, &hloc);
                response_headers.push(ResponseHeader {
                    name: header_scope.claim(value_name(wire)),
                    wire_name: wire.to_ascii_lowercase(),
                    ty,
                    separator,
                    doc: header_param.description.clone(),
                });
            }
        }
        if success.is_empty() {
            // An operation that declares only 4xx responses expects them (as AutoRest does).
            error_models.retain(|(s, _)| s.is_none_or(|s| !declared_errors.contains(&s)));
            success = declared_errors;
        }
        if success.is_empty() {
            return Err(Error::spec(
                &op_loc.join("responses"),
                "no success response is declared",
            ));
        }
        let response = match response_types.as_slice() {
            [] => TypeRef::Unit,
            [one] if !any_empty || method == "head" => one.clone(),
            // Some success answers have no body: the result is `None` for them.
            [one] => {
                nullable_response = true;
                one.clone()
            }
            _ => {
                self.warn(
                    &op_loc.join("responses"),
                    "success responses have different types; the result is `serde_json::Value`",
                );
                TypeRef::Json
            }
        };
        let produces = op.produces.clone().unwrap_or_else(|| doc.produces.clone());
        let accept = (response != TypeRef::Unit)
            .then(|| {
                produces
                    .iter()
                    .find(|p| p.contains("json"))
                    .cloned()
                    .or_else(|| produces.first().cloned())
            })
            .flatten();
        let paging = match &op.pageable {
            Some(pg) => Some(self.paging(pg, &response, &op_loc.join("x-ms-pageable"))?),
            None => None,
        };
        let lro = match op.long_running {
            false => None,
            true => {
                let via = op
                    .long_running_options
                    .as_ref()
                    .and_then(|o| o.final_state_via.clone());
                let known = [
                    "azure-async-operation",
                    "location",
                    "original-uri",
                    "operation-location",
                ];
                let final_state_via = match via {
                    Some(v) if !known.contains(&v.as_str()) => {
                        self.warn(
                            &op_loc
                                .join("x-ms-long-running-operation-options")
                                .join("final-state-via"),
                            format!(
                                "`final-state-via: {v}` is none of {}; the result comes from where \
                                 the polling ends, as when it is not given",
                                known.join(", ")
                            ),
                        );
                        None
                    }
                    other => other,
                };
                Some(Lro { final_state_via })
            }
        };
        // (A PUT or PATCH ends on the resource itself.)
        if lro.is_some()
            && response != TypeRef::Unit
            && !final_body
            && !matches!(method, "put" | "patch")
        {
            nullable_response = true;
        }
        let mut op_ir = Operation {
            name: String::new(),
            operation_id: op_id.to_owned(),
            doc: join_docs(op.summary.as_deref(), op.description.as_deref()),
            method: method.to_ascii_uppercase(),
            path: format!("{}{}", host.base_path, path),
            params,
            body,
            success,
            response,
            accept,
            paging,
            lro,
            nullable_response,
            headers_struct: None,
            response_headers,
            head_exists: None,
            error_models,
            options: None,
            groups: Vec::new(),
            pointer: op_loc.pointer.clone(),
        };
        if method == "head" && op_ir.response == TypeRef::Unit && op_ir.response_headers.is_empty()
        {
            op_ir.head_exists = Some(op.responses.contains_key("404"));
            op_ir.response = TypeRef::Bool;
        }
        self.group_params(&mut op_ir, &groupings, &mut scope)?;
        if settings.flatten_body {
            self.flatten_body(&mut op_ir, settings, &mut scope, op_loc)?;
        }
        let has_optional = op_ir
            .params
            .iter()
            .any(|p| !p.required && !p.client_level && p.group.is_none());
        if has_optional {
            op_ir.options = Some(String::new());
        }
        Ok(Some(op_ir))
    }

    /// A response header's type as read from its text: an array of simple items splits on its
    /// `collectionFormat`'s separator; anything else a header cannot hold is read as text.
    fn header_list(
        &mut self,
        ty: TypeRef,
        header: &swagger::Parameter,
        at: &Location,
    ) -> (TypeRef, Option<char>) {
        let simple = |t: &TypeRef| {
            !matches!(
                t,
                TypeRef::Vec(_) | TypeRef::Map(_) | TypeRef::Model(_) | TypeRef::Union(_)
            )
        };
        match ty {
            TypeRef::Vec(item) if simple(&item) => {
                let separator = match header.collection_format.as_deref() {
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
            | TypeRef::Json => {
                self.warn(at, "a header of this type is read as its text");
                (TypeRef::String, None)
            }
            other => (other, None),
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
            default_literal(ty, &value, |e| self.enums.get(e)).is_some()
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

    /// Moves parameters marked `x-ms-parameter-grouping` into their group structs: named by
    /// the grouping's `name`, else the operation id and the `postfix` (default `Parameters`).
    /// Operations naming the same group share one struct.
    fn group_params(
        &mut self,
        op: &mut Operation,
        groupings: &[(Option<usize>, Value, Location)],
        scope: &mut Scope,
    ) -> Result<()> {
        for (index, grouping, at) in groupings {
            let text = |key: &str| grouping.get(key).and_then(Value::as_str);
            let raw = match text("name") {
                Some(name) => type_name(name),
                None => type_name(&format!(
                    "{} {}",
                    op.operation_id,
                    text("postfix").unwrap_or("Parameters")
                )),
            };
            let ty = match self.group_names.get(&raw) {
                Some(claimed) => claimed.clone(),
                None => {
                    let claimed = self.types.claim(raw.clone());
                    self.group_names.insert(raw, claimed.clone());
                    claimed
                }
            };
            let arg = match op.groups.iter().find(|g| g.ty == ty) {
                Some(g) => g.arg.clone(),
                None => {
                    let arg = scope.claim(value_name(&ty));
                    op.groups.push(GroupArg {
                        arg: arg.clone(),
                        ty: ty.clone(),
                        required: false,
                    });
                    arg
                }
            };
            let field = match index {
                Some(i) => {
                    let p = &op.params[*i];
                    GroupField {
                        name: value_name(&p.wire_name),
                        wire_name: p.wire_name.clone(),
                        ty: p.ty.clone(),
                        required: p.required,
                        body: false,
                        doc: p.doc.clone(),
                        default: p.default.clone(),
                        request_id: p.request_id,
                    }
                }
                None => {
                    let Some(b) = op.body.as_ref().filter(|b| !b.flattened) else {
                        return Err(Error::spec(at, "a grouped body cannot also be flattened"));
                    };
                    GroupField {
                        name: value_name(&b.name),
                        wire_name: b.name.clone(),
                        ty: b.ty.clone(),
                        required: b.required,
                        body: true,
                        doc: b.doc.clone(),
                        default: None,
                        request_id: false,
                    }
                }
            };
            let group = self.groups.entry(ty.clone()).or_insert_with(|| ParamGroup {
                name: ty.clone(),
                operations: Vec::new(),
                fields: Vec::new(),
            });
            if !group.operations.contains(&op.operation_id) {
                group.operations.push(op.operation_id.clone());
            }
            let field_name = match group.fields.iter().find(|f| f.wire_name == field.wire_name) {
                Some(existing) if existing.ty != field.ty || existing.body != field.body => {
                    return Err(Error::spec(
                        at,
                        format!(
                            "`{}` is in group `{ty}` twice with different types",
                            field.wire_name
                        ),
                    ));
                }
                Some(existing) => existing.name.clone(),
                None => {
                    let mut name = field.name.clone();
                    while group.fields.iter().any(|f| f.name == name) {
                        name.push('_');
                    }
                    group.fields.push(GroupField {
                        name: name.clone(),
                        ..field.clone()
                    });
                    name
                }
            };
            if field.required {
                if let Some(g) = op.groups.iter_mut().find(|g| g.ty == ty) {
                    g.required = true;
                }
            }
            let r = Some(GroupRef {
                arg,
                field: field_name,
            });
            match index {
                Some(i) => op.params[*i].group = r,
                None => {
                    if let Some(b) = op.body.as_mut() {
                        b.group = r;
                    }
                }
            }
        }
        Ok(())
    }

    fn flatten_body(
        &mut self,
        op: &mut Operation,
        settings: &OperationSettings,
        scope: &mut Scope,
        at: &Location,
    ) -> Result<()> {
        let Some(body) = &mut op.body else {
            return Err(Error::spec(
                at,
                "`flatten-body` is set in the config, but the operation has no body",
            ));
        };
        let TypeRef::Model(model) = body.ty.clone() else {
            return Err(Error::spec(
                at,
                "`flatten-body` needs a body that is an object",
            ));
        };
        self.drain_models()?;
        let fields = self
            .built_model(&model)
            .map(|m| m.fields.clone())
            .unwrap_or_default();
        body.flattened = true;
        for f in fields.into_iter().filter(|f| !f.read_only) {
            let name = settings
                .params
                .get(&f.wire_name)
                .cloned()
                .unwrap_or(f.name.clone());
            op.params.push(Param {
                name: scope.claim(name),
                wire_name: f.wire_name.clone(),
                location: ParamLocation::BodyField,
                ty: f.ty.clone(),
                required: f.required,
                default: None,
                skip_encoding: false,
                collection_format: None,
                doc: f.doc.clone(),
                api_version: false,
                client_level: false,
                body_field: Some(f.name.clone()),
                constant: None,
                group: None,
                request_id: false,
            });
        }
        Ok(())
    }

    fn param_type(
        &mut self,
        p: &swagger::Parameter,
        loc: &Location,
        hint: &str,
    ) -> Result<TypeRef> {
        let kind = p
            .kind
            .as_deref()
            .ok_or_else(|| Error::spec(loc, format!("parameter `{}` has no `type`", p.name)))?;
        if let Some(values) = &p.enum_values {
            return self.enum_from(
                Some(kind),
                values,
                p.x_ms_enum.as_ref(),
                p.description.clone(),
                loc,
                hint,
            );
        }
        let mut schema = serde_json::Map::new();
        schema.insert("type".into(), Value::String(kind.to_owned()));
        if let Some(f) = &p.format {
            schema.insert("format".into(), Value::String(f.clone()));
        }
        if let Some(items) = &p.items {
            schema.insert("items".into(), items.clone());
        }
        self.inline_type(&Value::Object(schema), loc, hint)
    }

    fn paging(
        &mut self,
        pg: &swagger::Pageable,
        response: &TypeRef,
        at: &Location,
    ) -> Result<Paging> {
        self.report_extra(at, &pg.extra, &[]);
        let TypeRef::Model(page_model) = response else {
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
        let next_link_field = match &pg.next_link_name {
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
        Ok(Paging {
            page_model: page_model.clone(),
            item_name,
            item_field: items.name.clone(),
            item: (**item).clone(),
            next_link_field,
            next_operation: pg.operation_name.clone(),
            api_version_policy: "keep".into(),
        })
    }

    fn finish(&mut self, doc: &Swagger, mut client: Client) -> Result<Api> {
        self.drain_models()?;
        let mut models: Vec<Model> = Vec::new();
        for slot in &self.slots {
            if let Some(m) = &slot.model {
                models.push(m.clone());
            }
        }
        let unions = self.unions(&mut models);
        let poly: HashMap<String, String> = unions
            .iter()
            .map(|u| (u.base.clone(), u.name.clone()))
            .collect();
        let swap = |t: &mut TypeRef| swap_union(t, &poly);
        for m in &mut models {
            for f in &mut m.fields {
                swap(&mut f.ty);
            }
            if let Some(ap) = &mut m.additional_properties {
                swap(&mut ap.ty);
            }
        }
        let mut inputs = HashSet::new();
        for op in &mut client.operations {
            swap(&mut op.response);
            if let Some(b) = &mut op.body {
                swap(&mut b.ty);
                collect_models(&b.ty, &mut inputs);
            }
            for p in &mut op.params {
                swap(&mut p.ty);
            }
            if let Some(pg) = &mut op.paging {
                swap(&mut pg.item);
            }
            for (_, ty) in &mut op.error_models {
                swap(ty);
            }
        }
        for g in &mut client.groups {
            for f in &mut g.fields {
                swap(&mut f.ty);
            }
        }
        // Models reachable from a request body are inputs: they get a constructor.
        let by_name: HashMap<String, Model> =
            models.iter().map(|m| (m.name.clone(), m.clone())).collect();
        let mut stack: Vec<String> = inputs.iter().cloned().collect();
        while let Some(n) = stack.pop() {
            if let Some(m) = by_name.get(&n) {
                for f in &m.fields {
                    let mut found = HashSet::new();
                    collect_models(&f.ty, &mut found);
                    for x in found {
                        if inputs.insert(x.clone()) {
                            stack.push(x);
                        }
                    }
                }
            }
        }
        for m in &mut models {
            m.input = inputs.contains(&m.name);
        }
        box_cycles(&mut models, &unions);
        // Measured before aliases hide the models inside containers.
        let type_depth = type_depth(&models, &unions);
        let mut aliases = self.aliases(&mut client.operations);
        aliases.extend(self.field_aliases(&mut models));
        if type_depth > RUSTC_SAFE_DEPTH {
            self.warn(
                &Location::new(&self.root, "/definitions"),
                format!(
                    "models contain one another {type_depth} deep; the crate's `lib.rs` raises \
                     `recursion_limit` for rustc's drop check (a crate that includes these \
                     modules itself needs the same)"
                ),
            );
        }
        Ok(Api {
            title: doc.info.title.clone(),
            description: doc.info.description.clone(),
            api_version: doc.info.version.clone(),
            client,
            models,
            enums: self.enums.values().cloned().collect(),
            unions,
            aliases,
            type_depth,
        })
    }

    /// Names a container of containers where an operation returns it or pages over it: as it
    /// is, `Poller<Pager<BTreeMap<String, Vec<T>>>>` is hard to read (and trips clippy).
    fn aliases(&mut self, operations: &mut [Operation]) -> Vec<TypeAlias> {
        let mut aliases = Vec::new();
        for op in operations {
            let method = type_name(&op.name);
            let slots = [
                (Some(&mut op.response), "Result"),
                (op.paging.as_mut().map(|p| &mut p.item), "Item"),
            ];
            for (slot, suffix) in slots {
                let Some(ty) = slot.filter(|t| container_depth(t) >= 2) else {
                    continue;
                };
                let name = self.types.claim(format!("{method}{suffix}"));
                aliases.push(TypeAlias {
                    name: name.clone(),
                    ty: std::mem::replace(ty, TypeRef::Alias(name)),
                    user: format!("`{}`'s result", op.name),
                });
            }
        }
        aliases
    }

    /// Names the type of a field that nests three containers or more (`Option` around them
    /// makes four, past what reads well).
    fn field_aliases(&mut self, models: &mut [Model]) -> Vec<TypeAlias> {
        let mut aliases = Vec::new();
        for m in models {
            let model = m.name.clone();
            let fields = m.fields.iter_mut().map(|f| (&mut f.ty, f.name.as_str(), 3));
            let extra = m
                .additional_properties
                .as_mut()
                .map(|ap| (&mut ap.ty, "value", 2));
            for (ty, field, limit) in fields.chain(extra) {
                if container_depth(ty) < limit {
                    continue;
                }
                let name = self.types.claim(format!("{model}{}", type_name(field)));
                aliases.push(TypeAlias {
                    name: name.clone(),
                    ty: std::mem::replace(ty, TypeRef::Alias(name)),
                    user: format!("`{model}::{field}`"),
                });
            }
        }
        aliases
    }

    /// A union for each model that declares a discriminator and has descendants.
    fn unions(&mut self, models: &mut [Model]) -> Vec<Union> {
        let names: Vec<String> = self
            .slots
            .iter()
            .filter_map(|s| s.model.as_ref().map(|m| m.name.clone()))
            .collect();
        let slot_of: HashMap<String, usize> = self
            .slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.model.as_ref().map(|m| (m.name.clone(), i)))
            .collect();
        let mut unions = Vec::new();
        for base in &names {
            let slot = &self.slots[slot_of[base]];
            // A model is polymorphic when it declares a discriminator, or inherits one and has
            // descendants of its own (`Salmon` under `Fish`, with `SmartSalmon` under it).
            let Some(disc) = self.discriminator_of(base, &slot_of, 0) else {
                continue;
            };
            let descendants: Vec<&String> = names
                .iter()
                .filter(|other| *other != base && self.descends(other, base, &slot_of, 0))
                .collect();
            // A base nothing derives from is a plain model, its discriminator a field.
            if descendants.is_empty() {
                continue;
            }
            let mut variants = vec![(slot.discriminator_value.clone(), base.clone())];
            for other in descendants {
                let s = &self.slots[slot_of[other]];
                variants.push((s.discriminator_value.clone(), other.clone()));
            }
            let union_name = self.types.claim(format!("{base}Union"));
            for (value, model) in &variants {
                if let Some(m) = models.iter_mut().find(|m| &m.name == model) {
                    m.fields.retain(|f| f.wire_name != disc);
                    m.discriminator = Some((disc.clone(), value.clone()));
                }
            }
            unions.push(Union {
                name: union_name,
                base: base.clone(),
                discriminator: disc,
                variants,
                doc: Some(format!("`{base}` or one of the models derived from it, told apart by its discriminator.")),
            });
        }
        unions
    }

    /// The discriminator a model declares or inherits.
    fn discriminator_of(
        &self,
        model: &str,
        slot_of: &HashMap<String, usize>,
        depth: usize,
    ) -> Option<String> {
        let slot = &self.slots[*slot_of.get(model)?];
        if slot.discriminator.is_some() || depth > 32 {
            return slot.discriminator.clone();
        }
        slot.parents
            .iter()
            .find_map(|p| self.discriminator_of(p, slot_of, depth + 1))
    }

    fn descends(
        &self,
        model: &str,
        base: &str,
        slot_of: &HashMap<String, usize>,
        depth: usize,
    ) -> bool {
        if depth > 32 {
            return false;
        }
        slot_of.get(model).is_some_and(|&i| {
            self.slots[i]
                .parents
                .iter()
                .any(|p| p == base || self.descends(p, base, slot_of, depth + 1))
        })
    }
}

/// Whether a wire value can be held by an enum of this kind.
fn fits_enum_kind(kind: EnumKind, text: &str) -> bool {
    match kind {
        EnumKind::String => true,
        EnumKind::Integer => text.parse::<i64>().is_ok(),
        EnumKind::Number => text.parse::<f64>().is_ok_and(f64::is_finite),
    }
}

/// A reference to an enum of this kind.
fn enum_ref(name: String, kind: EnumKind) -> TypeRef {
    match kind {
        EnumKind::String => TypeRef::Enum(name),
        EnumKind::Integer | EnumKind::Number => TypeRef::NumberEnum(name),
    }
}

fn swap_union(t: &mut TypeRef, poly: &HashMap<String, String>) {
    match t {
        TypeRef::Model(m) => {
            if let Some(u) = poly.get(m) {
                *t = TypeRef::Union(u.clone());
            }
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) => swap_union(inner, poly),
        _ => {}
    }
}

fn collect_models(t: &TypeRef, out: &mut HashSet<String>) {
    match t {
        TypeRef::Model(m) => {
            out.insert(m.clone());
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) => collect_models(inner, out),
        _ => {}
    }
}

/// Boxes each by-value field whose type leads back to its own model by value: the field's
/// target lies in the same strongly connected component of the by-value graph.
fn box_cycles(models: &mut [Model], unions: &[Union]) {
    let index: HashMap<&str, usize> = models
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.as_str(), i))
        .collect();
    let by_value = |t: &TypeRef| -> Vec<usize> {
        let names: Vec<&str> = match t {
            TypeRef::Model(m) => vec![m.as_str()],
            TypeRef::Union(u) => unions
                .iter()
                .find(|x| &x.name == u)
                .map(|x| x.variants.iter().map(|(_, m)| m.as_str()).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        names.iter().filter_map(|n| index.get(n).copied()).collect()
    };
    let edges: Vec<Vec<usize>> = models
        .iter()
        .map(|m| m.fields.iter().flat_map(|f| by_value(&f.ty)).collect())
        .collect();
    let component = strongly_connected(&edges);
    let targets: Vec<Vec<Vec<usize>>> = models
        .iter()
        .map(|m| m.fields.iter().map(|f| by_value(&f.ty)).collect())
        .collect();
    for (i, m) in models.iter_mut().enumerate() {
        for (f, field) in m.fields.iter_mut().enumerate() {
            field.boxed = targets[i][f].iter().any(|&t| component[t] == component[i]);
        }
    }
}

/// How deep models may contain one another (through fields of any container) before rustc's
/// default recursion limit of 128 can be reached: about two type levels per model.
pub const RUSTC_SAFE_DEPTH: usize = 48;

/// The longest chain of models containing one another, through fields of any kind (rustc's drop
/// check walks every one); a cycle counts its members once.
fn type_depth(models: &[Model], unions: &[Union]) -> usize {
    let index: HashMap<&str, usize> = models
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.as_str(), i))
        .collect();
    let union_variants: HashMap<&str, Vec<usize>> = unions
        .iter()
        .map(|u| {
            let variants = u
                .variants
                .iter()
                .filter_map(|(_, m)| index.get(m.as_str()).copied())
                .collect();
            (u.name.as_str(), variants)
        })
        .collect();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); models.len()];
    for (i, m) in models.iter().enumerate() {
        let mut named = HashSet::new();
        for ty in m
            .fields
            .iter()
            .map(|f| &f.ty)
            .chain(m.additional_properties.as_ref().map(|ap| &ap.ty))
        {
            collect_models(ty, &mut named);
            collect_unions(ty, &mut named);
        }
        for n in &named {
            if let Some(&j) = index.get(n.as_str()) {
                edges[i].push(j);
            }
            if let Some(variants) = union_variants.get(n.as_str()) {
                edges[i].extend(variants);
            }
        }
    }
    let component = strongly_connected(&edges);
    let count = component.iter().max().map_or(0, |m| m + 1);
    let mut size = vec![0usize; count];
    for &c in &component {
        size[c] += 1;
    }
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (from, tos) in edges.iter().enumerate() {
        for &to in tos {
            if component[from] != component[to] {
                down[component[from]].push(component[to]);
            }
        }
    }
    // Kosaraju numbers components in topological order: edges go to higher numbers, so the
    // depths fill in from the last component back.
    let mut depth = vec![0usize; count];
    for c in (0..count).rev() {
        let below = down[c].iter().map(|&d| depth[d]).max().unwrap_or(0);
        depth[c] = size[c] + below;
    }
    depth.into_iter().max().unwrap_or(0)
}

fn collect_unions(t: &TypeRef, out: &mut HashSet<String>) {
    match t {
        TypeRef::Union(u) => {
            out.insert(u.clone());
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) => collect_unions(inner, out),
        _ => {}
    }
}

/// Kosaraju's algorithm, iteratively: the component of each node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.pop() {
            if let Some(&to) = edges[node].get(next) {
                stack.push((node, next + 1));
                if !seen[to] {
                    seen[to] = true;
                    stack.push((to, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut reverse = vec![Vec::new(); n];
    for (from, tos) in edges.iter().enumerate() {
        for &to in tos {
            reverse[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; n];
    for (id, &start) in order.iter().rev().enumerate() {
        if component[start] != usize::MAX {
            continue;
        }
        component[start] = id;
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &from in &reverse[node] {
                if component[from] == usize::MAX {
                    component[from] = id;
                    stack.push(from);
                }
            }
        }
    }
    component
}

/// How many `Vec`s and maps a type nests, one inside another.
fn container_depth(ty: &TypeRef) -> usize {
    match ty {
        TypeRef::Vec(inner) | TypeRef::Map(inner) => 1 + container_depth(inner),
        _ => 0,
    }
}

/// A special format's plain JSON form: a date, a duration or bytes as text, a unix time as
/// seconds; other types as they are.
fn json_form(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::DateTime
        | TypeRef::DateTimeRfc1123
        | TypeRef::Date
        | TypeRef::Duration
        | TypeRef::Bytes
        | TypeRef::Base64Url => TypeRef::String,
        TypeRef::UnixTime => TypeRef::I64,
        other => other,
    }
}

fn string_type(format: &str) -> TypeRef {
    match format {
        "date-time" => TypeRef::DateTime,
        "date-time-rfc1123" => TypeRef::DateTimeRfc1123,
        "date" => TypeRef::Date,
        "duration" => TypeRef::Duration,
        "byte" => TypeRef::Bytes,
        "base64url" => TypeRef::Base64Url,
        _ => TypeRef::String,
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn join_docs(summary: Option<&str>, description: Option<&str>) -> Option<String> {
    match (summary.map(str::trim), description.map(str::trim)) {
        (Some(s), Some(d)) if !s.is_empty() && !d.is_empty() && s != d => {
            Some(format!("{s}\n\n{d}"))
        }
        (Some(s), _) if !s.is_empty() => Some(s.to_owned()),
        (_, Some(d)) if !d.is_empty() => Some(d.to_owned()),
        _ => None,
    }
}
