//! Parsed reference data, shared by the migration that loads it and by tests that check counts.

use std::sync::LazyLock;

pub const COUNTRIES_CSV: &str = include_str!("../data/countries.csv");
pub const REGIONS_CSV: &str = include_str!("../data/regions.csv");
pub const HS_SECTIONS_CSV: &str = include_str!("../data/hs2022/sections.csv");
pub const HS_CODES_CSV: &str = include_str!("../data/hs2022/harmonized-system.csv");
pub const HS_SECTION_NAMES_CSV: &str = include_str!("../data/hs2022/section-names.csv");
pub const HS_CHAPTER_NAMES_CSV: &str = include_str!("../data/hs2022/chapter-names.csv");
pub const HS_HEADING_NAMES_CSV: &str = include_str!("../data/hs2022/heading-names.csv");
pub const PLACE_NAMES_CSV: &str = include_str!("../data/place-names.csv");

pub struct Country {
    pub code: String,
    pub name_en: String,
    pub name_ru: String,
    pub name_native: String,
}

pub struct Region {
    pub code: String,
    pub country: String,
    pub kind: String,
    pub name_en: String,
    pub name_ru: String,
    pub name_iso: String,
}

pub struct HsSection {
    /// 1..=21, the position of the roman numeral.
    pub id: i32,
    pub roman: String,
    pub name: String,
}

pub struct HsCode {
    pub code: String,
    pub level: i32,
    pub parent: Option<String>,
    /// `None` for chapter 99 ("not specified according to kind"), which no section contains.
    pub section_id: Option<i32>,
    pub description: String,
}

fn records(csv_text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.expect("reference CSV files are part of the repository and well-formed"))
        .collect()
}

pub static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(|| {
    records(COUNTRIES_CSV)
        .into_iter()
        .map(|r| Country {
            code: r[0].to_owned(),
            name_en: r[1].to_owned(),
            name_ru: r[2].to_owned(),
            name_native: r[3].to_owned(),
        })
        .collect()
});

pub static REGIONS: LazyLock<Vec<Region>> = LazyLock::new(|| {
    records(REGIONS_CSV)
        .into_iter()
        .map(|r| Region {
            code: r[0].to_owned(),
            country: r[1].to_owned(),
            kind: r[2].to_owned(),
            name_en: r[3].to_owned(),
            name_ru: r[4].to_owned(),
            name_iso: r[5].to_owned(),
        })
        .collect()
});

pub static HS_SECTIONS: LazyLock<Vec<HsSection>> = LazyLock::new(|| {
    records(HS_SECTIONS_CSV)
        .into_iter()
        .enumerate()
        .map(|(i, r)| HsSection {
            id: i as i32 + 1,
            roman: r[0].to_owned(),
            name: capitalize(&r[1]),
        })
        .collect()
});

/// Names in the interface languages other than English, from a CSV whose first column is the
/// key and whose other columns are languages (header: `key,ru,kk,…`): (key, language, name).
fn names_by_language(csv_text: &str) -> Vec<(String, String, String)> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let languages: Vec<String> =
        reader.headers().expect("a header row").iter().skip(1).map(str::to_owned).collect();
    records(csv_text)
        .into_iter()
        .flat_map(|r| {
            languages
                .iter()
                .enumerate()
                .map(|(i, lang)| (r[0].to_owned(), lang.clone(), r[i + 1].to_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The 21 sections' names in the six other interface languages: (section id, language, name).
pub static HS_SECTION_NAMES: LazyLock<Vec<(i32, String, String)>> = LazyLock::new(|| {
    names_by_language(HS_SECTION_NAMES_CSV)
        .into_iter()
        .map(|(roman, lang, name)| {
            let id = HS_SECTIONS.iter().find(|s| s.roman == roman).expect("a known section").id;
            (id, lang, name)
        })
        .collect()
});

/// The 97 chapters' names in the six other interface languages: (two-digit chapter, language,
/// name).
pub static HS_CHAPTER_NAMES: LazyLock<Vec<(String, String, String)>> =
    LazyLock::new(|| names_by_language(HS_CHAPTER_NAMES_CSV));

/// The 1,229 headings' names in Russian (the language Russian-speaking buyers search in):
/// (four-digit heading, language, name).
pub static HS_HEADING_NAMES: LazyLock<Vec<(String, String, String)>> =
    LazyLock::new(|| names_by_language(HS_HEADING_NAMES_CSV));

/// The 5 countries' and 54 regions' names in Kazakh, Kyrgyz, Tajik, Turkmen and Uzbek (English
/// and Russian are columns of `countries.csv` and `regions.csv`): (ISO code, language, name).
pub static PLACE_NAMES: LazyLock<Vec<(String, String, String)>> =
    LazyLock::new(|| names_by_language(PLACE_NAMES_CSV));

pub static HS_CODES: LazyLock<Vec<HsCode>> = LazyLock::new(|| {
    let section_id = |roman: &str| HS_SECTIONS.iter().find(|s| s.roman == roman).map(|s| s.id);
    records(HS_CODES_CSV)
        .into_iter()
        // The source's TOTAL row is an aggregate, not a code.
        .filter(|r| &r[1] != "TOTAL")
        .map(|r| HsCode {
            code: r[1].to_owned(),
            level: r[4].parse().expect("HS level is a number"),
            parent: (&r[3] != "TOTAL").then(|| r[3].to_owned()),
            section_id: section_id(&r[0]),
            description: r[2].to_owned(),
        })
        .collect()
});

/// The source spells section I in lower case; titles read better capitalised.
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_named_in_the_six_other_languages() {
        assert_eq!(HS_SECTION_NAMES.len(), 21 * 6);
        for lang in ["ru", "kk", "ky", "tg", "tk", "uz"] {
            let n = HS_SECTION_NAMES.iter().filter(|(_, l, name)| l == lang && !name.is_empty());
            assert_eq!(n.count(), 21, "{lang}");
        }
    }

    #[test]
    fn every_chapter_is_named_in_the_six_other_languages() {
        let chapters: Vec<&str> =
            HS_CODES.iter().filter(|c| c.level == 2).map(|c| c.code.as_str()).collect();
        for language in ["ru", "kk", "ky", "tg", "tk", "uz"] {
            let named: Vec<&str> = HS_CHAPTER_NAMES
                .iter()
                .filter(|(_, l, name)| l == language && !name.is_empty())
                .map(|(c, _, _)| c.as_str())
                .collect();
            assert_eq!(named, chapters, "{language}");
        }
    }

    #[test]
    fn every_heading_is_named_in_russian() {
        let headings: Vec<&str> =
            HS_CODES.iter().filter(|c| c.level == 4).map(|c| c.code.as_str()).collect();
        let named: Vec<&str> = HS_HEADING_NAMES
            .iter()
            .filter(|(_, l, name)| l == "ru" && !name.trim().is_empty())
            .map(|(c, _, _)| c.as_str())
            .collect();
        assert_eq!(named, headings);
        // Russian, not English left in place: Cyrillic letters in every name.
        for (code, _, name) in HS_HEADING_NAMES.iter() {
            assert!(name.chars().any(|c| ('а'..='я').contains(&c)), "{code}: {name}");
        }
    }

    #[test]
    fn every_place_is_named_in_the_five_national_languages() {
        let codes: Vec<&str> = COUNTRIES
            .iter()
            .map(|c| c.code.as_str())
            .chain(REGIONS.iter().map(|r| r.code.as_str()))
            .collect();
        for language in ["kk", "ky", "tg", "tk", "uz"] {
            let named: Vec<&str> = PLACE_NAMES
                .iter()
                .filter(|(_, l, name)| l == language && !name.trim().is_empty())
                .map(|(c, _, _)| c.as_str())
                .collect();
            assert_eq!(named, codes, "{language}");
        }
        // Uzbek writes oʻ and gʻ with U+02BB, as the interface does.
        let uz = PLACE_NAMES.iter().filter(|(_, l, _)| l == "uz");
        assert!(uz.clone().all(|(_, _, n)| !n.contains(['\'', '‘', '’'])));
        assert!(uz.filter(|(_, _, n)| n.contains('ʻ')).count() > 10);
    }

    #[test]
    fn reference_data_has_the_documented_counts() {
        assert_eq!(COUNTRIES.len(), 5);
        assert_eq!(REGIONS.len(), 54);
        assert_eq!(HS_SECTIONS.len(), 21);
        let count = |level| HS_CODES.iter().filter(|c| c.level == level).count();
        assert_eq!(count(2), 97);
        assert_eq!(count(4), 1229);
        assert_eq!(count(6), 5613);
        let unsectioned: Vec<_> =
            HS_CODES.iter().filter(|c| c.section_id.is_none()).map(|c| c.code.as_str()).collect();
        assert_eq!(unsectioned, ["99", "9999", "999999"]);
    }

    #[test]
    fn every_region_belongs_to_a_listed_country() {
        for r in REGIONS.iter() {
            assert!(COUNTRIES.iter().any(|c| c.code == r.country), "{}", r.code);
        }
    }
}
