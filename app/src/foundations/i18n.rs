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
pub fn status_label(
    t: &'static Strings,
    status: crate::foundations::domain::EntryStatus,
) -> &'static str {
    match status {
        crate::foundations::domain::EntryStatus::Draft => t.status_draft,
        crate::foundations::domain::EntryStatus::Submitted => t.status_submitted,
        crate::foundations::domain::EntryStatus::Published => t.status_published,
        crate::foundations::domain::EntryStatus::Rejected => t.status_rejected,
        crate::foundations::domain::EntryStatus::Withdrawn => t.status_withdrawn,
        crate::foundations::domain::EntryStatus::Suspended => t.status_suspended,
        crate::foundations::domain::EntryStatus::Merged => t.status_merged,
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

/// Fluent bundles of every language (server only), built once from [`SOURCES`]: they format the
/// messages that select on a number with CLDR plural rules (`intl_pluralrules`, through
/// `fluent-bundle`).
#[cfg(feature = "ssr")]
mod bundles {
    use super::{Locale, SOURCES};
    use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
    use std::sync::OnceLock;

    type Bundle = FluentBundle<FluentResource>;

    /// A whole number of a message, grouped as [`super::number`] does.
    fn grouped(value: &FluentValue, locale: Locale) -> Option<String> {
        let FluentValue::Number(n) = value else { return None };
        if n.value.fract() != 0.0 || n.value.abs() >= 1e15 {
            return None;
        }
        Some(super::number(locale, n.value as i64))
    }

    fn english<M>(value: &FluentValue, _: &M) -> Option<String> {
        grouped(value, Locale::En)
    }

    fn others<M>(value: &FluentValue, _: &M) -> Option<String> {
        grouped(value, Locale::Ru)
    }

    fn all() -> &'static Vec<(Locale, Bundle)> {
        static BUNDLES: OnceLock<Vec<(Locale, Bundle)>> = OnceLock::new();
        BUNDLES.get_or_init(|| {
            SOURCES
                .iter()
                .map(|(locale, source)| {
                    let lang = locale.code().parse().expect("a language tag");
                    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
                    // No Unicode isolation marks: the strings go into HTML and plain-text mail.
                    bundle.set_use_isolating(false);
                    bundle.set_formatter(Some(if *locale == Locale::En {
                        english
                    } else {
                        others
                    }));
                    let resource = FluentResource::try_new((*source).to_owned())
                        .expect("build.rs checked the file");
                    bundle.add_resource(resource).expect("keys are unique");
                    (*locale, bundle)
                })
                .collect()
        })
    }

    /// Message `key` of `locale` formatted with `args`, if the language has it.
    pub fn format(locale: Locale, key: &str, args: &FluentArgs) -> Option<String> {
        let (_, bundle) = all().iter().find(|(l, _)| *l == locale)?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(args), &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }
}

/// A count in words: message `key` with its variable `placeholder` set to `n`, in the plural
/// form `locale` uses for `n` ("1 производитель, 2 производителя, 5 производителей"). A language
/// that lacks the message says it in English.
pub fn count(locale: Locale, key: &str, placeholder: &str, n: u64) -> String {
    #[cfg(feature = "ssr")]
    {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set(placeholder, n);
        for l in [locale, Locale::En] {
            if let Some(text) = bundles::format(l, key, &args) {
                return text;
            }
        }
    }
    fill(locale.strings().get(key).unwrap_or(key), &[(placeholder, &n)])
}

/// A whole number with its thousands grouped as `locale` writes them: English with a comma
/// (`12,345`), Russian and the region's languages with a no-break space (`12 345`, CLDR), which
/// never lets a number break across lines.
pub fn number(locale: Locale, n: i64) -> String {
    let separator = if locale == Locale::En { ',' } else { '\u{a0}' };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(d);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A day as each language writes it: English with the month's short name ("4 Dec 2026", never
/// read the American or the British way round), the region's languages and Russian as their
/// documents do, day.month.year ("04.12.2026", CLDR's numeric pattern for ru, kk, ky, tk).
pub fn day(locale: Locale, d: crate::foundations::domain::Day) -> String {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    match locale {
        Locale::En => {
            let month = MONTHS.get(usize::from(d.month).wrapping_sub(1)).unwrap_or(&"?");
            format!("{} {month} {}", d.day, d.year)
        }
        _ => format!("{:02}.{:02}.{}", d.day, d.month, d.year),
    }
}

/// A moment as [`day`] writes its day, then the 24-hour time in UTC ("04.12.2026 14:05 UTC").
pub fn minute(locale: Locale, m: crate::foundations::domain::Minute) -> String {
    format!("{} {:02}:{:02} UTC", day(locale, m.day), m.hour, m.minute)
}

/// Messages said with [`count`]: each selects a plural form of its number.
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
        assert_eq!(ru(25), "25 производителей");
        assert_eq!(ru(112), "112 производителей");
        assert_eq!(ru(0), "0 производителей");
        assert_eq!(ru(12_345), "12\u{a0}345 производителей", "thousands grouped as Russian does");
    }

    #[test]
    fn english_counts_have_one_and_other() {
        assert_eq!(count(Locale::En, "search_results_count", "total", 1), "1 result");
        assert_eq!(count(Locale::En, "search_results_count", "total", 2), "2 results");
        assert_eq!(count(Locale::En, "search_results_count", "total", 0), "0 results");
        assert_eq!(count(Locale::En, "matching_products", "n", 1), "1 matching product");
        assert_eq!(
            count(Locale::En, "search_results_count", "total", 1_234_567),
            "1,234,567 results"
        );
    }

    #[test]
    fn counted_messages_select_a_plural_form_in_english_and_russian() {
        for key in COUNTED_KEYS {
            let placeholder = if key == "matching_products" { "n" } else { "total" };
            for locale in [Locale::En, Locale::Ru] {
                let (one, five) =
                    (count(locale, key, placeholder, 1), count(locale, key, placeholder, 5));
                assert_ne!(one.replace('1', ""), five.replace('5', ""), "{locale:?} {key}");
            }
            // Every language formats it (a language without plural forms says it one way).
            for locale in Locale::ALL {
                assert!(count(locale, key, placeholder, 3).contains('3'), "{locale:?} {key}");
            }
        }
    }

    #[test]
    fn numbers_grouped_as_each_language_writes_them() {
        assert_eq!(number(Locale::En, 1_234_567), "1,234,567");
        assert_eq!(number(Locale::Uz, 1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(number(Locale::Ru, 999), "999");
        assert_eq!(number(Locale::Kk, -12_345), "-12\u{a0}345");
    }

    #[test]
    fn days_and_times_as_each_language_writes_them() {
        use crate::foundations::domain::{Day, Minute};
        let d = Day { year: 2026, month: 12, day: 4 };
        assert_eq!(day(Locale::En, d), "4 Dec 2026");
        for locale in [Locale::Ru, Locale::Kk, Locale::Ky, Locale::Tg, Locale::Tk, Locale::Uz] {
            assert_eq!(day(locale, d), "04.12.2026", "{locale:?}");
        }
        let m = Minute { day: Day { year: 2027, month: 1, day: 9 }, hour: 7, minute: 5 };
        assert_eq!(minute(Locale::En, m), "9 Jan 2027 07:05 UTC");
        assert_eq!(minute(Locale::Uz, m), "09.01.2027 07:05 UTC");
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
