//! The name/value pairs of a posted form, in order, repeated names kept (checkbox groups).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormValues(pub Vec<(String, String)>);

impl FormValues {
    /// Parses an `application/x-www-form-urlencoded` body or query string.
    pub fn parse_urlencoded(body: &[u8]) -> Self {
        FormValues(form_urlencoded::parse(body).into_owned().collect())
    }

    /// First value posted under `name`, or "".
    /// Values in the order given (a name may repeat, as checkboxes send it).
    pub fn of(pairs: &[(&str, &str)]) -> Self {
        FormValues(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
    }

    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    /// Every value posted under `name` (checkbox groups, multi-selects).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }

    /// A checkbox: present and not "off"/"false".
    pub fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && !matches!(v.as_str(), "" | "off" | "false" | "0"))
    }

    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| k == name) {
            Some((_, v)) => *v = value,
            None => self.0.push((name.to_owned(), value)),
        }
    }

    pub fn push(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_owned(), value.into()));
    }

    /// Drops values that must never be echoed back into a page (passwords).
    pub fn without(mut self, names: &[&str]) -> Self {
        self.0.retain(|(k, _)| !names.contains(&k.as_str()));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_are_kept_in_order() {
        let v = FormValues::parse_urlencoded(b"a=1&cert=halal&cert=iso9001&name=%D0%90+b");
        assert_eq!(v.get("a"), "1");
        assert_eq!(v.all("cert"), ["halal", "iso9001"]);
        assert_eq!(v.get("name"), "А b");
        assert_eq!(v.get("missing"), "");
    }

    #[test]
    fn checkboxes() {
        let v = FormValues::parse_urlencoded(b"terms=on&other=off");
        assert!(v.checked("terms"));
        assert!(!v.checked("other"));
        assert!(!v.checked("absent"));
    }
}
