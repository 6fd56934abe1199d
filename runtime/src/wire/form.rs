//! Form bodies (`application/x-www-form-urlencoded`): a model's properties as `name=value`
//! pairs, in the order the model writes them.

use std::fmt;

use serde::Serialize;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::http::encode_query;

/// The form text of `body`: each property as `name=value`, percent-encoded; an array's items
/// as the same name repeated; an object inside as its JSON; `null` left out. `Err` says why a
/// body is not a form (it is not an object).
pub fn encode<T: Serialize + ?Sized>(body: &T) -> Result<String, String> {
    let json = serde_json::to_vec(body).map_err(|e| e.to_string())?;
    // Read back as entries in order (a `serde_json::Value` object would sort them).
    let Entries(entries) = serde_json::from_slice(&json)
        .map_err(|_| "a form body must be an object of named values".to_owned())?;
    let mut pairs: Vec<String> = Vec::new();
    let mut add = |name: &str, value: &Value| {
        let text = match value {
            Value::Null => return,
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        pairs.push(format!("{}={}", encode_query(name), encode_query(&text)));
    };
    for (name, value) in &entries {
        match value {
            Value::Array(items) => items.iter().for_each(|item| add(name, item)),
            value => add(name, value),
        }
    }
    Ok(pairs.join("&"))
}

/// A JSON object's entries in the order they came.
struct Entries(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Collect;
        impl<'de> Visitor<'de> for Collect {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Value>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(Collect)
    }
}

#[cfg(test)]
mod tests {
    use super::encode;
    use serde_json::json;

    #[derive(serde::Serialize)]
    struct Login {
        username: &'static str,
        password: &'static str,
        scopes: Vec<&'static str>,
        remember: Option<bool>,
        device: serde_json::Value,
    }

    #[test]
    fn properties_go_in_order_encoded_arrays_repeated_nulls_left_out() {
        let body = Login {
            username: "ann",
            password: "p&ss w=rd+ü",
            scopes: vec!["read", "write"],
            remember: None,
            device: json!({"id": 7}),
        };
        assert_eq!(
            encode(&body).unwrap(),
            "username=ann&password=p%26ss%20w%3Drd%2B%C3%BC&scopes=read&scopes=write\
             &device=%7B%22id%22%3A7%7D"
        );
    }

    #[test]
    fn a_body_that_is_not_an_object_is_refused() {
        assert!(encode(&[1, 2]).is_err());
        assert!(encode("text").is_err());
        assert_eq!(encode(&json!({})).unwrap(), "");
    }
}
