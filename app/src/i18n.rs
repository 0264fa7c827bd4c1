//! User-interface languages.
//!
//! Pages are translated on the server: the request's locale (explicit choice in the `lang`
//! cookie, else `Accept-Language`, else English) is put in context by [`crate::shell`], and
//! components read their strings with [`use_strings`]. Islands get what they need as props.

include!(concat!(env!("OUT_DIR"), "/i18n_generated.rs"));

use leptos::prelude::*;

/// Name of the cookie that remembers an explicit language choice.
pub const LOCALE_COOKIE: &str = "lang";

impl Locale {
    /// Picks the best of the names the reference data carries (English, Russian, native).
    /// Cyrillic-script interface languages read the Russian name more easily than the English.
    pub fn pick<'a>(self, en: &'a str, ru: &'a str) -> &'a str {
        match self {
            Locale::Ru | Locale::Kk | Locale::Ky | Locale::Tg => ru,
            _ => en,
        }
    }
}

/// The interface's word for where an entry stands in moderation.
pub fn status_label(t: &'static Strings, status: crate::domain::EntryStatus) -> &'static str {
    match status {
        crate::domain::EntryStatus::Draft => t.status_draft,
        crate::domain::EntryStatus::Submitted => t.status_submitted,
        crate::domain::EntryStatus::Published => t.status_published,
        crate::domain::EntryStatus::Rejected => t.status_rejected,
        crate::domain::EntryStatus::Withdrawn => t.status_withdrawn,
        crate::domain::EntryStatus::Suspended => t.status_suspended,
        crate::domain::EntryStatus::Merged => t.status_merged,
    }
}

/// Chooses the locale from a `Cookie` header and an `Accept-Language` header.
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
    let from_cookie = cookie.and_then(|header| {
        header.split(';').find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == LOCALE_COOKIE).then(|| Locale::from_code(value.trim())).flatten()
        })
    });
    if let Some(locale) = from_cookie {
        return locale;
    }
    let mut ranges: Vec<(f32, Locale)> = accept_language
        .unwrap_or_default()
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim().to_ascii_lowercase();
            let primary = tag.split('-').next()?;
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q=")?.parse::<f32>().ok())
                .unwrap_or(1.0);
            // Earlier entries win ties, as the header's order expresses preference too.
            Locale::from_code(primary).map(|l| (q - i as f32 * 1e-4, l))
        })
        .filter(|(q, _)| *q > 0.0)
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranges.first().map(|(_, l)| *l).unwrap_or_default()
}

/// The locale of the request being rendered (server), English elsewhere.
pub fn resolve_request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        if let Some(parts) = use_context::<http::request::Parts>() {
            let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
            return negotiate(header(http::header::COOKIE), header(http::header::ACCEPT_LANGUAGE));
        }
    }
    Locale::En
}

pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

pub fn use_strings() -> &'static Strings {
    use_locale().strings()
}

/// Fills `{name}` placeholders in a translated string.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// CLDR plural categories of whole numbers, for the languages whose forms the locale files carry
/// (English and Russian; the others say a count one way until they add `_one`… keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluralCategory {
    One,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    fn suffix(self) -> Option<&'static str> {
        match self {
            PluralCategory::One => Some("_one"),
            PluralCategory::Few => Some("_few"),
            PluralCategory::Many => Some("_many"),
            PluralCategory::Other => None,
        }
    }
}

/// The plural category of `n` in `locale` (CLDR rules for integers).
pub fn plural_category(locale: Locale, n: u64) -> PluralCategory {
    match locale {
        Locale::Ru => match (n % 10, n % 100) {
            (1, r) if r != 11 => PluralCategory::One,
            (2..=4, r) if !(12..=14).contains(&r) => PluralCategory::Few,
            _ => PluralCategory::Many,
        },
        _ if n == 1 => PluralCategory::One,
        _ => PluralCategory::Other,
    }
}

/// A count in words: the form of `key` for `n` (`key_one`, `key_few`, `key_many`, else `key`
/// itself, which holds the "other" form), with `{placeholder}` filled by `n`. A language that has
/// not written a form falls back to its own `key`, never to another language's form.
pub fn count(locale: Locale, key: &str, placeholder: &str, n: u64) -> String {
    let missing = |k: &str| {
        MISSING_KEYS.iter().any(|(code, keys)| *code == locale.code() && keys.contains(&k))
    };
    let strings = locale.strings();
    let base = strings.get(key).unwrap_or(key);
    let template = plural_category(locale, n)
        .suffix()
        .map(|s| format!("{key}{s}"))
        .filter(|k| !missing(k))
        .and_then(|k| strings.get(&k))
        .unwrap_or(base);
    fill(template, &[(placeholder, &n)])
}

/// Keys said with [`count`]: each has `_one`, `_few` and `_many` forms in English and Russian.
pub const COUNTED_KEYS: [&str; 3] =
    ["search_results_count", "search_results_producers", "matching_products"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_counts_follow_cldr() {
        let ru = |n| count(Locale::Ru, "search_results_producers", "total", n);
        assert_eq!(ru(1), "1 производитель");
        assert_eq!(ru(2), "2 производителя");
        assert_eq!(ru(5), "5 производителей");
        assert_eq!(ru(11), "11 производителей");
        assert_eq!(ru(21), "21 производитель");
        assert_eq!(ru(22), "22 производителя");
        assert_eq!(ru(112), "112 производителей");
        assert_eq!(ru(0), "0 производителей");
    }

    #[test]
    fn english_counts_have_one_and_other() {
        assert_eq!(count(Locale::En, "search_results_count", "total", 1), "1 result");
        assert_eq!(count(Locale::En, "search_results_count", "total", 2), "2 results");
        assert_eq!(count(Locale::En, "search_results_count", "total", 0), "0 results");
        assert_eq!(count(Locale::En, "matching_products", "n", 1), "1 matching product");
    }

    #[test]
    fn counted_keys_have_every_form_in_english_and_russian() {
        for key in COUNTED_KEYS {
            for suffix in ["", "_one", "_few", "_many"] {
                let k = format!("{key}{suffix}");
                assert!(Locale::En.strings().get(&k).is_some(), "en lacks {k}");
                assert!(
                    !MISSING_KEYS.iter().any(|(c, m)| *c == "ru" && m.contains(&k.as_str())),
                    "ru lacks {k}"
                );
            }
        }
    }

    #[test]
    fn cookie_choice_beats_accept_language() {
        assert_eq!(negotiate(Some("a=b; lang=ru"), Some("en-US,en;q=0.9")), Locale::Ru);
    }

    #[test]
    fn accept_language_is_ranked_by_quality() {
        assert_eq!(negotiate(None, Some("de-DE,de;q=0.9,ru;q=0.8,en;q=0.7")), Locale::Ru);
        assert_eq!(negotiate(None, Some("en;q=0.5, uz;q=0.9")), Locale::Uz);
    }

    #[test]
    fn unknown_or_missing_preferences_fall_back_to_english() {
        assert_eq!(negotiate(Some("lang=xx"), Some("fr, de")), Locale::En);
        assert_eq!(negotiate(None, None), Locale::En);
        assert_eq!(negotiate(None, Some("ru;q=0")), Locale::En);
    }

    #[test]
    fn every_language_has_every_key_english_has() {
        for (code, missing) in MISSING_KEYS {
            assert!(missing.is_empty(), "{code} lacks {missing:?}");
        }
    }

    #[test]
    fn seven_interface_languages() {
        let codes: Vec<_> = Locale::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(codes, ["en", "ru", "kk", "ky", "tg", "tk", "uz"]);
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(fill("{a} and {b}", &[("a", &1), ("b", &"x")]), "1 and x");
    }
}
