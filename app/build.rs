//! Compiles `locales/*.ftl` into a `Locale` enum and one `Strings` table per language.
//!
//! Keys are struct fields, so a misspelt key is a compile error. English is the reference:
//! a key missing from another language falls back to English (listed in `MISSING_KEYS` so a test
//! can demand completeness where it matters), and a key English lacks is a build error.
//! Adding a language is adding a file.

use std::{collections::BTreeMap, env, fs, path::Path};

struct LocaleFile {
    code: String,
    entries: BTreeMap<String, String>,
}

fn parse(code: &str, text: &str) -> LocaleFile {
    let mut entries = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("locales/{code}.ftl:{}: expected `key = text`", n + 1));
        let key = key.trim().to_owned();
        assert!(
            key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "locales/{code}.ftl:{}: key `{key}` must be snake_case",
            n + 1
        );
        if entries.insert(key.clone(), value.trim().to_owned()).is_some() {
            panic!("locales/{code}.ftl:{}: duplicate key `{key}`", n + 1);
        }
    }
    LocaleFile { code: code.to_owned(), entries }
}

fn variant(code: &str) -> String {
    let mut chars = code.chars();
    let first = chars.next().expect("locale code").to_ascii_uppercase();
    std::iter::once(first).chain(chars).collect()
}

fn main() {
    let dir = Path::new("locales");
    println!("cargo::rerun-if-changed=locales");
    let mut files: Vec<LocaleFile> = fs::read_dir(dir)
        .expect("app/locales exists")
        .map(|e| e.expect("readable locale entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .map(|p| {
            let code = p.file_stem().unwrap().to_string_lossy().into_owned();
            println!("cargo::rerun-if-changed={}", p.display());
            parse(&code, &fs::read_to_string(&p).expect("readable locale file"))
        })
        .collect();
    // English first (the default and the reference), Russian second, then by code.
    files.sort_by_key(|f| match f.code.as_str() {
        "en" => (0, String::new()),
        "ru" => (1, String::new()),
        other => (2, other.to_owned()),
    });
    let en = files.iter().find(|f| f.code == "en").expect("locales/en.ftl is the reference");
    for f in &files {
        for key in f.entries.keys() {
            assert!(
                en.entries.contains_key(key),
                "locales/{}.ftl: `{key}` is not in en.ftl",
                f.code
            );
        }
    }

    // A translation must use the placeholders English uses, or a message shows `{name}` unfilled
    // (or never shows the value).
    let placeholders = |text: &str| -> std::collections::BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}'))
            .map(|(n, _)| n.to_owned())
            .collect()
    };
    for f in &files {
        for (key, value) in &f.entries {
            let (theirs, ours) = (placeholders(value), placeholders(&en.entries[key]));
            assert!(
                theirs == ours,
                "locales/{}.ftl: `{key}` uses {theirs:?}, en.ftl uses {ours:?}",
                f.code
            );
        }
    }

    let mut out = String::new();
    out.push_str("/// A user-interface language. Generated from `app/locales/*.ftl`.\n");
    out.push_str("#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]\n");
    out.push_str("pub enum Locale {\n");
    for f in &files {
        if f.code == "en" {
            out.push_str("    #[default]\n");
        }
        out.push_str(&format!(
            "    #[serde(rename = \"{}\")]\n    {},\n",
            f.code,
            variant(&f.code)
        ));
    }
    out.push_str("}\n\nimpl Locale {\n");
    out.push_str(&format!("    pub const ALL: [Locale; {}] = [", files.len()));
    for f in &files {
        out.push_str(&format!("Locale::{}, ", variant(&f.code)));
    }
    out.push_str("];\n\n    pub fn code(self) -> &'static str {\n        match self {\n");
    for f in &files {
        out.push_str(&format!("            Locale::{} => \"{}\",\n", variant(&f.code), f.code));
    }
    out.push_str("        }\n    }\n\n    pub fn from_code(code: &str) -> Option<Locale> {\n        match code {\n");
    for f in &files {
        out.push_str(&format!(
            "            \"{}\" => Some(Locale::{}),\n",
            f.code,
            variant(&f.code)
        ));
    }
    out.push_str("            _ => None,\n        }\n    }\n\n");
    out.push_str("    pub fn strings(self) -> &'static Strings {\n        match self {\n");
    for f in &files {
        out.push_str(&format!(
            "            Locale::{} => &{},\n",
            variant(&f.code),
            f.code.to_ascii_uppercase()
        ));
    }
    out.push_str("        }\n    }\n}\n\n");

    out.push_str("/// Every user-interface string, one field per key of `en.ftl`.\n#[derive(Debug)]\npub struct Strings {\n");
    for key in en.entries.keys() {
        out.push_str(&format!("    pub {key}: &'static str,\n"));
    }
    out.push_str("}\n\nimpl Strings {\n    /// The string for a key named at run time (messages chosen by validation code).\n    pub fn get(&self, key: &str) -> Option<&'static str> {\n        match key {\n");
    for key in en.entries.keys() {
        out.push_str(&format!("            {key:?} => Some(self.{key}),\n"));
    }
    out.push_str("            _ => None,\n        }\n    }\n}\n\n");
    for f in &files {
        out.push_str(&format!("static {}: Strings = Strings {{\n", f.code.to_ascii_uppercase()));
        for (key, en_value) in &en.entries {
            let value = f.entries.get(key).unwrap_or(en_value);
            out.push_str(&format!("    {key}: {value:?},\n"));
        }
        out.push_str("};\n\n");
    }
    out.push_str("/// Keys each language lacks (shown in English meanwhile).\npub const MISSING_KEYS: &[(&str, &[&str])] = &[\n");
    for f in &files {
        let missing: Vec<String> = en
            .entries
            .keys()
            .filter(|k| !f.entries.contains_key(*k))
            .map(|k| format!("{k:?}"))
            .collect();
        out.push_str(&format!("    ({:?}, &[{}]),\n", f.code, missing.join(", ")));
    }
    out.push_str("];\n");

    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("i18n_generated.rs");
    fs::write(dest, out).expect("write generated i18n");
}
