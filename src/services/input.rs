//! Reading the loosely typed front matter (`serde_json::Value`) field by
//! field, collecting every problem instead of stopping at the first.
//!
//! Why not `#[derive(Deserialize)]`: serde stops at the first error and its
//! messages name Rust types, while an author fixing a page wants all
//! mistakes at once, each tied to a path like `services[2].price`, with a
//! "did you mean" for typos.

use serde_json::{Map, Value};

use super::FieldError;

/// Accumulates field errors for the whole page.
#[derive(Default)]
pub struct Errors {
    pub list: Vec<FieldError>,
}

impl Errors {
    pub fn add(&mut self, field: &str, message: impl Into<String>, hint: impl Into<String>) {
        self.list.push(FieldError { field: field.to_string(), message: message.into(), hint: hint.into() });
    }
}

/// One front-matter table with its dotted path, for error messages.
pub struct Obj<'a> {
    pub path: String,
    map: &'a Map<String, Value>,
}

/// Human name of a JSON type, for "expected text, found a number".
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

impl<'a> Obj<'a> {
    /// Wraps `value` if it is a table; otherwise records an error.
    pub fn new(path: &str, value: &'a Value, errs: &mut Errors) -> Option<Obj<'a>> {
        match value {
            Value::Object(map) => Some(Obj { path: path.to_string(), map }),
            other => {
                let msg = format!("expected a table, found {}", type_name(other));
                errs.add(path, msg, format!("write it as a [{path}] table"));
                None
            }
        }
    }

    /// Dotted path of a key in this table, e.g. "contact.whatsapp".
    pub fn field(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// Reports keys outside `known`, suggesting the closest known key.
    pub fn check_keys(&self, known: &[&str], errs: &mut Errors) {
        for key in self.map.keys().filter(|k| !known.contains(&k.as_str())) {
            let hint = match suggest(key, known) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("known keys: {}", known.join(", ")),
            };
            errs.add(&self.field(key), format!("unknown key `{key}`"), hint);
        }
    }

    /// All keys present, for the typo check on the shared `extra` table.
    pub fn keys(&self) -> impl Iterator<Item = &'a String> {
        self.map.keys()
    }

    /// The value under `key`; an explicit null counts as absent (YAML `~`).
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// Optional text, trimmed; empty text counts as absent.
    pub fn string(&self, key: &str, errs: &mut Errors) -> Option<String> {
        match self.get(key)? {
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => Some(s.trim().to_string()),
            other => {
                let msg = format!("expected text, found {}", type_name(other));
                errs.add(&self.field(key), msg, "put the value in quotes");
                None
            }
        }
    }

    /// Required text; `what` names it in the error ("a service has no name").
    pub fn required(&self, key: &str, what: &str, errs: &mut Errors) -> Option<String> {
        let present = self.get(key).is_some();
        let value = self.string(key, errs);
        if value.is_none() && !present_but_wrong_type(self.get(key)) {
            let msg = if present { "is empty" } else { "is missing" };
            errs.add(&self.field(key), format!("{what} {msg}"), format!("add {key} = \"…\""));
        }
        value
    }

    /// Optional boolean, default false.
    pub fn boolean(&self, key: &str, errs: &mut Errors) -> bool {
        match self.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                let msg = format!("expected true or false, found {}", type_name(other));
                errs.add(&self.field(key), msg, format!("write {key} = true or {key} = false"));
                false
            }
        }
    }

    /// Optional list, each element reported with its index on error.
    pub fn list(&self, key: &str, errs: &mut Errors) -> Option<&'a Vec<Value>> {
        match self.get(key)? {
            Value::Array(items) => Some(items),
            other => {
                let msg = format!("expected a list, found {}", type_name(other));
                errs.add(&self.field(key), msg, format!("write {key} = [\"…\", \"…\"]"));
                None
            }
        }
    }

    /// Optional list of text items.
    pub fn string_list(&self, key: &str, errs: &mut Errors) -> Option<Vec<String>> {
        let items = self.list(key, errs)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::String(s) => out.push(s.trim().to_string()),
                other => {
                    let msg = format!("expected text, found {}", type_name(other));
                    errs.add(&format!("{}[{i}]", self.field(key)), msg, "put it in quotes");
                }
            }
        }
        Some(out)
    }
}

fn present_but_wrong_type(v: Option<&Value>) -> bool {
    matches!(v, Some(v) if !v.is_string())
}

/// Edit distance between two strings, by chars (so Hindi keys count right).
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest candidate, if it is close enough to be a plausible typo:
/// one edit for short words, two for words of four letters or more.
pub fn suggest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let lower = word.to_lowercase();
    let limit = if lower.chars().count() >= 4 { 2 } else { 1 };
    candidates
        .iter()
        .map(|c| (levenshtein(&lower, &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The key under which `toml` serializes its date/time values through
/// serde (`{"$__toml_private_datetime": "2026-12-01"}`), so a TOML date
/// that was converted to JSON is still recognised.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

/// Text of a string or of a converted TOML date/time value.
fn datetime_text(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s.trim()),
        Value::Object(m) if m.len() == 1 => m.get(TOML_DATETIME_KEY)?.as_str(),
        _ => None,
    }
}

/// Parses a calendar date written as `2026-12-01` (TOML date or string).
pub fn date(v: &Value) -> Result<jiff::civil::Date, String> {
    let text = datetime_text(v).ok_or_else(|| format!("expected a date, found {}", type_name(v)))?;
    let bad = || format!("`{text}` is not a date in YYYY-MM-DD form");
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) else {
        return Err(bad());
    };
    jiff::civil::Date::new(y, m, d).map_err(|_| format!("`{text}` is not a real calendar date"))
}

/// Parses a clock time `HH:MM` (24-hour) into minutes after midnight. A
/// TOML local time `10:00:00` is accepted when its seconds are zero.
pub fn clock(v: &Value) -> Result<u16, String> {
    let text = datetime_text(v).ok_or_else(|| format!("expected a time, found {}", type_name(v)))?;
    let bad = || format!("`{text}` is not a 24-hour time like \"10:00\"");
    let hm = match text.strip_suffix(":00") {
        Some(rest) if text.len() == 8 => rest,
        _ => text,
    };
    let (h, m) = hm.split_once(':').ok_or_else(bad)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    let (Ok(h), Ok(m)) = (h.parse::<u16>(), m.parse::<u16>()) else {
        return Err(bad());
    };
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn levenshtein_table() {
        let cases = [
            ("", "", 0),
            ("abc", "", 3),
            ("kitten", "sitting", 3),
            ("curency", "currency", 1),
            ("whatsap", "whatsapp", 1),
            ("सोम", "सोमा", 1),
        ];
        for (a, b, d) in cases {
            assert_eq!(levenshtein(a, b), d, "{a} {b}");
        }
    }

    #[test]
    fn suggestions() {
        let known = ["name", "summary", "price", "currency", "cta"];
        assert_eq!(suggest("curency", &known), Some("currency"));
        assert_eq!(suggest("Summery", &known), Some("summary"));
        assert_eq!(suggest("ctas", &known), Some("cta"));
        assert_eq!(suggest("colour", &known), None);
    }

    #[test]
    fn dates_and_times() {
        let d = date(&json!({"$__toml_private_datetime": "2026-12-01"})).unwrap();
        assert_eq!(d.to_string(), "2026-12-01");
        assert_eq!(date(&json!("2026-11-08")).unwrap().to_string(), "2026-11-08");
        for bad in [json!("2026-13-01"), json!("1/12/2026"), json!(20261201), json!("2026-2-1")] {
            assert!(date(&bad).is_err(), "{bad}");
        }
        assert_eq!(clock(&json!("10:00")), Ok(600));
        assert_eq!(clock(&json!("9:30")), Ok(570));
        assert_eq!(clock(&json!({"$__toml_private_datetime": "19:00:00"})), Ok(1140));
        for bad in [json!("24:00"), json!("10"), json!("10:5"), json!("7pm"), json!(10)] {
            assert!(clock(&bad).is_err(), "{bad}");
        }
    }
}
