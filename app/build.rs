//! Compiles `locales/*.ftl` (Fluent syntax, read with Project Fluent's own parser) into a
//! `Locale` enum and one `Strings` table per language.
//!
//! Keys are struct fields, so a misspelt key is a compile error. English is the reference:
//! a key missing from another language falls back to English (listed in `MISSING_KEYS` so a test
//! can demand completeness where it matters), and a key English lacks is a build error. Each
//! field holds the message as a template (`{name}` for a variable, a selector's default variant
//! for a plural); messages that select on a number are formatted at run time by `fluent-bundle`
//! from the same files (`SOURCES`). Adding a language is adding a file.

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::{
    collections::{BTreeMap, BTreeSet},
    env, fs,
    path::Path,
};

struct LocaleFile {
    code: String,
    /// Key → (template, variables).
    entries: BTreeMap<String, (String, BTreeSet<String>)>,
}

/// The template of a pattern: text, `{name}` for a variable, a selector's default variant.
fn template(
    code: &str,
    key: &str,
    pattern: &Pattern<String>,
    vars: &mut BTreeSet<String>,
) -> String {
    let mut text = String::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => text.push_str(value),
            PatternElement::Placeable { expression } => match expression {
                Expression::Inline(InlineExpression::VariableReference { id }) => {
                    vars.insert(id.name.clone());
                    text.push_str(&format!("{{{}}}", id.name));
                }
                Expression::Inline(InlineExpression::StringLiteral { value }) => {
                    text.push_str(value)
                }
                Expression::Select { selector, variants } => {
                    if let InlineExpression::VariableReference { id } = selector {
                        vars.insert(id.name.clone());
                    }
                    for v in variants {
                        let variant = template(code, key, &v.value, vars);
                        if v.default {
                            text.push_str(&variant);
                        }
                    }
                }
                other => {
                    panic!(
                        "locales/{code}.ftl: `{key}` uses {other:?}, which the app does not format"
                    )
                }
            },
        }
    }
    text
}

fn parse(code: &str, source: &str) -> LocaleFile {
    let resource = fluent_syntax::parser::parse(source.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("locales/{code}.ftl is not valid Fluent: {errors:?}"));
    let mut entries = BTreeMap::new();
    for entry in resource.body {
        match entry {
            Entry::Message(m) => {
                let key = m.id.name;
                assert!(
                    key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "locales/{code}.ftl: key `{key}` must be snake_case"
                );
                let pattern =
                    m.value.unwrap_or_else(|| panic!("locales/{code}.ftl: `{key}` has no text"));
                let mut vars = BTreeSet::new();
                let text = template(code, &key, &pattern, &mut vars);
                if entries.insert(key.clone(), (text.trim().to_owned(), vars)).is_some() {
                    panic!("locales/{code}.ftl: duplicate key `{key}`");
                }
            }
            Entry::Junk { content } => panic!("locales/{code}.ftl: cannot read {content:?}"),
            _ => {}
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

    // A translation must use the variables English uses, or a message shows `{name}` unfilled
    // (or never shows the value).
    for f in &files {
        for (key, (_, theirs)) in &f.entries {
            let ours = &en.entries[key].1;
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
        for (key, (en_value, _)) in &en.entries {
            let value = f.entries.get(key).map_or(en_value, |(v, _)| v);
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
    out.push_str("];\n\n");
    out.push_str("/// Each language's Fluent source, for the messages formatted at run time (server only).\n");
    out.push_str("#[cfg(feature = \"ssr\")]\n");
    out.push_str(&format!("pub const SOURCES: [(Locale, &str); {}] = [\n", files.len()));
    let dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    for f in &files {
        out.push_str(&format!(
            "    (Locale::{}, include_str!({:?})),\n",
            variant(&f.code),
            format!("{dir}/locales/{}.ftl", f.code)
        ));
    }
    out.push_str("];\n");

    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("i18n_generated.rs");
    fs::write(dest, out).expect("write generated i18n");
}
