//! Read side of the public catalogue.

use crate::models::catalogue::{CountryCount, HsSuggestion, SectionCount};
use sea_orm::{DatabaseConnection, DbErr, FromQueryResult, Statement};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What the home page shows, in every language's names (the page picks one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeOverview {
    pub countries: Vec<CountryRow>,
    pub sections: Vec<SectionCount>,
    pub producers: i64,
    pub listings: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, FromQueryResult)]
pub struct CountryRow {
    pub code: String,
    pub name_en: String,
    pub name_ru: String,
    pub name_native: String,
    pub producers: i64,
    pub listings: i64,
}

impl CountryRow {
    /// The row with the country's name in `locale` (from `names`, which know the national
    /// languages' names too).
    pub fn localized(&self, locale: crate::i18n::Locale, names: &ReferenceNames) -> CountryCount {
        let name = names.countries.get(&self.code).map(|n| n.get(locale));
        CountryCount {
            code: self.code.clone(),
            name: name.unwrap_or_else(|| locale.pick(&self.name_en, &self.name_ru)).to_owned(),
            producers: self.producers,
            listings: self.listings,
        }
    }
}

#[derive(FromQueryResult)]
struct SectionRow {
    id: i32,
    roman: String,
    name_en: String,
    producers: i64,
    listings: i64,
}

async fn rows<T: FromQueryResult>(db: &DatabaseConnection, sql: &str) -> Result<Vec<T>, DbErr> {
    T::find_by_statement(Statement::from_string(db.get_database_backend(), sql)).all(db).await
}

/// Published producers and visible listings per country and per HS section.
pub async fn home_overview(db: &DatabaseConnection) -> Result<HomeOverview, DbErr> {
    let countries: Vec<CountryRow> = rows(
        db,
        "SELECT c.code, c.name_en, c.name_ru, c.name_native,
            (SELECT COUNT(*) FROM producer p
              WHERE p.country_code = c.code AND p.status = 'published') AS producers,
            (SELECT COUNT(*) FROM listing l
              WHERE l.country_code = c.code AND l.visible = TRUE) AS listings
         FROM country c ORDER BY c.code",
    )
    .await?;
    let sections: Vec<SectionRow> = rows(
        db,
        "SELECT s.id, s.roman, s.name_en,
            COUNT(DISTINCT l.producer_id) AS producers, COUNT(l.id) AS listings
         FROM hs_section s
         LEFT JOIN listing l ON l.hs_section_id = s.id AND l.visible = TRUE
         GROUP BY s.id, s.roman, s.name_en ORDER BY s.id",
    )
    .await?;
    Ok(HomeOverview {
        producers: countries.iter().map(|c| c.producers).sum(),
        listings: countries.iter().map(|c| c.listings).sum(),
        countries,
        sections: sections
            .into_iter()
            .map(|s| SectionCount {
                id: s.id,
                roman: s.roman,
                name: s.name_en,
                producers: s.producers,
                listings: s.listings,
            })
            .collect(),
    })
}

/// HS picker data: codes starting with the digits typed, else codes for the words
/// ([`super::hs_lookup`]).
pub async fn suggest_hs(
    db: &DatabaseConnection,
    query: &str,
    limit: u64,
) -> Result<Vec<HsSuggestion>, DbErr> {
    use crate::entities::hs_code;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

    let query = query.trim();
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let Some(code) = crate::domain::hs_code::looks_like_hs_query(query) else {
        return super::hs_lookup::by_words(db, query, limit as usize).await;
    };
    let rows = hs_code::Entity::find()
        .filter(hs_code::Column::Code.starts_with(code.as_str()))
        .order_by_asc(hs_code::Column::Code)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| HsSuggestion { code: r.code, description: r.description_en })
        .collect())
}

/// The codes a refused form's HS field matched (headings and subheadings, for the "choose the
/// code" step), or none when the form was not refused over that field; described as `locale`
/// reads them.
pub async fn hs_candidates(
    db: &DatabaseConnection,
    names: &ReferenceNames,
    locale: crate::i18n::Locale,
    rejected: Option<crate::forms::Rejected>,
) -> Result<Vec<(String, String)>, DbErr> {
    let Some(rejected) = rejected.filter(|r| r.errors.get("hs_code").is_some()) else {
        return Ok(Vec::new());
    };
    Ok(suggest_hs(db, rejected.values.get("hs_code"), 12)
        .await?
        .into_iter()
        .filter(|s| s.code.len() >= 4)
        .map(|s| {
            let text = names.hs_text(&s.code, s.description, locale);
            (s.code, text)
        })
        .collect())
}

/// Makes user text literal inside a LIKE pattern.
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A country's or region's names: English, Russian and the five national languages'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceName {
    pub en: String,
    pub ru: String,
    /// language code (kk, ky, tg, tk, uz) → name
    pub national: HashMap<String, String>,
}

impl PlaceName {
    /// The name in `locale`'s own language; else Russian for the Cyrillic-script languages and
    /// English for the others.
    pub fn get(&self, locale: crate::i18n::Locale) -> &str {
        self.national
            .get(locale.code())
            .map_or_else(|| locale.pick(&self.en, &self.ru), String::as_str)
    }
}

/// Reference names the catalogue shows (countries, regions, HS sections, chapters and
/// headings), loaded once: they change only with a migration.
#[derive(Clone, Debug, Default)]
pub struct ReferenceNames {
    /// ISO 3166-1 code → names
    pub countries: HashMap<String, PlaceName>,
    /// ISO 3166-2 code → names
    pub regions: HashMap<String, PlaceName>,
    /// id → English name
    pub sections: HashMap<i32, String>,
    /// (id, language code) → the name in the other interface languages
    pub section_names: HashMap<(i32, String), String>,
    /// two-digit chapter → English description
    pub chapters: HashMap<String, String>,
    /// (two-digit chapter, language code) → the name in another interface language
    pub chapter_names: HashMap<(String, String), String>,
    /// (four-digit heading, language code) → the name in another interface language (Russian)
    pub heading_names: HashMap<(String, String), String>,
}

impl ReferenceNames {
    /// "Kostanay Region, Kazakhstan" in `locale`'s language: a place as people read it; the
    /// codes where a name is missing.
    pub fn place(&self, region: &str, country: &str, locale: crate::i18n::Locale) -> String {
        let name = |map: &HashMap<String, PlaceName>, code: &str| {
            map.get(code).map_or(code.to_owned(), |n| n.get(locale).to_owned())
        };
        format!("{}, {}", name(&self.regions, region), name(&self.countries, country))
    }

    /// HS section `id` in `locale` (English where the language has no name for it).
    pub fn section(&self, id: i32, locale: crate::i18n::Locale) -> Option<&str> {
        self.section_names
            .get(&(id, locale.code().to_owned()))
            .or_else(|| self.sections.get(&id))
            .map(String::as_str)
    }
}

impl ReferenceNames {
    /// HS chapter `code` in `locale`: its own name, else the Russian one for the Cyrillic-script
    /// languages (as places are named), else English (a language added later starts there).
    pub fn chapter(&self, code: &str, locale: crate::i18n::Locale) -> Option<&str> {
        let named =
            |language: &str| self.chapter_names.get(&(code.to_owned(), language.to_owned()));
        named(locale.code())
            .or_else(|| (locale.pick("en", "ru") == "ru").then(|| named("ru")).flatten())
            .or_else(|| self.chapters.get(code))
            .map(String::as_str)
    }

    /// HS heading `code`'s name in `locale`, where the language has one (Russian; the others
    /// read the English description).
    pub fn heading(&self, code: &str, locale: crate::i18n::Locale) -> Option<&str> {
        self.heading_names.get(&(code.to_owned(), locale.code().to_owned())).map(String::as_str)
    }

    /// `description` (English, of code `code`) as `locale` reads it: a heading's own name where
    /// the language has one, else the English text unchanged.
    pub fn hs_text(&self, code: &str, description: String, locale: crate::i18n::Locale) -> String {
        self.heading(code, locale).map_or(description, str::to_owned)
    }
}

/// One name of a thing (chapter, heading, place) in one language.
#[derive(FromQueryResult)]
struct LanguageNameRow {
    key: String,
    language: String,
    name: String,
}

#[derive(FromQueryResult)]
struct SectionNameRow {
    section_id: i32,
    language: String,
    name: String,
}

#[derive(FromQueryResult)]
struct NameRow {
    key: String,
    name_en: String,
    name_ru: String,
}

pub async fn reference_names(db: &DatabaseConnection) -> Result<ReferenceNames, DbErr> {
    let mut national: HashMap<String, HashMap<String, String>> = HashMap::new();
    for r in
        rows::<LanguageNameRow>(db, "SELECT code AS key, language, name FROM place_name").await?
    {
        national.entry(r.key).or_default().insert(r.language, r.name);
    }
    let places = |rows: Vec<NameRow>| -> HashMap<String, PlaceName> {
        rows.into_iter()
            .map(|r| {
                let national = national.get(&r.key).cloned().unwrap_or_default();
                (r.key, PlaceName { en: r.name_en, ru: r.name_ru, national })
            })
            .collect()
    };
    let countries = places(rows(db, "SELECT code AS key, name_en, name_ru FROM country").await?);
    let regions = places(rows(db, "SELECT code AS key, name_en, name_ru FROM region").await?);
    let sections = rows::<NameRow>(
        db,
        "SELECT CAST(id AS TEXT) AS key, name_en, name_en AS name_ru FROM hs_section",
    )
    .await?
    .into_iter()
    .filter_map(|r| Some((r.key.parse().ok()?, r.name_en)))
    .collect();
    let chapters = rows::<NameRow>(
        db,
        "SELECT code AS key, description_en AS name_en, description_en AS name_ru \
         FROM hs_code WHERE level = 2",
    )
    .await?
    .into_iter()
    .map(|r| (r.key, r.name_en))
    .collect();
    let section_names =
        rows::<SectionNameRow>(db, "SELECT section_id, language, name FROM hs_section_name")
            .await?
            .into_iter()
            .map(|r| ((r.section_id, r.language), r.name))
            .collect();
    let chapter_names =
        rows::<LanguageNameRow>(db, "SELECT chapter AS key, language, name FROM hs_chapter_name")
            .await?
            .into_iter()
            .map(|r| ((r.key, r.language), r.name))
            .collect();
    let heading_names =
        rows::<LanguageNameRow>(db, "SELECT heading AS key, language, name FROM hs_heading_name")
            .await?
            .into_iter()
            .map(|r| ((r.key, r.language), r.name))
            .collect();
    Ok(ReferenceNames {
        countries,
        regions,
        sections,
        section_names,
        chapters,
        chapter_names,
        heading_names,
    })
}

#[derive(FromQueryResult)]
struct TextRow {
    text: String,
}

/// Text buyers would type, drawn from the public catalogue itself: product names,
/// descriptions, company names of about `limit` listings spread over the table, and every
/// region's and country's names (English, Russian, native). The benchmark's workload generator
/// builds its vocabulary from it.
pub async fn text_sample(db: &DatabaseConnection, limit: u32) -> Result<Vec<String>, DbErr> {
    #[derive(FromQueryResult)]
    struct Span {
        n: i64,
    }
    let span = Span::find_by_statement(Statement::from_string(
        db.get_database_backend(),
        "SELECT COALESCE(MAX(id), 0) AS n FROM listing",
    ))
    .one(db)
    .await?
    .map_or(0, |s| s.n);
    let step = (span / i64::from(limit.max(1))).max(1);
    let mut texts: Vec<String> = rows::<TextRow>(
        db,
        &format!(
            "SELECT l.product_name || ' ' || l.description || ' ' || p.legal_name || ' ' || \
             COALESCE(p.name_latin, '') AS text \
             FROM listing l JOIN producer p ON p.id = l.producer_id \
             WHERE l.visible = TRUE AND l.id % {step} = 0 LIMIT {limit}"
        ),
    )
    .await?
    .into_iter()
    .map(|r| r.text)
    .collect();
    for table in ["region", "country"] {
        let names = rows::<TextRow>(
            db,
            &format!(
                "SELECT name_en || ' ' || name_ru || ' ' || {} AS text FROM {table}",
                if table == "region" { "name_iso" } else { "name_native" }
            ),
        )
        .await?;
        texts.extend(names.into_iter().map(|r| r.text));
    }
    Ok(texts)
}

/// The regions of one country (all 54 without one), by ISO 3166-2 code.
pub async fn regions(
    db: &DatabaseConnection,
    country: Option<crate::domain::CountryCode>,
) -> Result<Vec<crate::entities::region::Model>, DbErr> {
    use crate::entities::region;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let mut find = region::Entity::find().order_by_asc(region::Column::Code);
    if let Some(c) = country {
        find = find.filter(region::Column::CountryCode.eq(c.as_str()));
    }
    find.all(db).await
}
