//! Names of the reference data every journey shows (countries, regions, HS sections, chapters
//! and headings) in each interface language, loaded once: they change only with a migration.

use sea_orm::{DatabaseConnection, DbErr, FromQueryResult, Statement};
use std::collections::HashMap;

/// Rows of a fixed query (no user input in `sql`).
pub(crate) async fn rows<T: FromQueryResult>(
    db: &DatabaseConnection,
    sql: &str,
) -> Result<Vec<T>, DbErr> {
    T::find_by_statement(Statement::from_string(db.get_database_backend(), sql)).all(db).await
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
    pub fn get(&self, locale: crate::foundations::i18n::Locale) -> &str {
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
    pub fn place(
        &self,
        region: &str,
        country: &str,
        locale: crate::foundations::i18n::Locale,
    ) -> String {
        let name = |map: &HashMap<String, PlaceName>, code: &str| {
            map.get(code).map_or(code.to_owned(), |n| n.get(locale).to_owned())
        };
        format!("{}, {}", name(&self.regions, region), name(&self.countries, country))
    }

    /// HS section `id` in `locale` (English where the language has no name for it).
    pub fn section(&self, id: i32, locale: crate::foundations::i18n::Locale) -> Option<&str> {
        self.section_names
            .get(&(id, locale.code().to_owned()))
            .or_else(|| self.sections.get(&id))
            .map(String::as_str)
    }
}

impl ReferenceNames {
    /// HS chapter `code` in `locale`: its own name, else the Russian one for the Cyrillic-script
    /// languages (as places are named), else English (a language added later starts there).
    pub fn chapter(&self, code: &str, locale: crate::foundations::i18n::Locale) -> Option<&str> {
        let named =
            |language: &str| self.chapter_names.get(&(code.to_owned(), language.to_owned()));
        named(locale.code())
            .or_else(|| (locale.pick("en", "ru") == "ru").then(|| named("ru")).flatten())
            .or_else(|| self.chapters.get(code))
            .map(String::as_str)
    }

    /// HS heading `code`'s name in `locale`, where the language has one (Russian; the others
    /// read the English description).
    pub fn heading(&self, code: &str, locale: crate::foundations::i18n::Locale) -> Option<&str> {
        self.heading_names.get(&(code.to_owned(), locale.code().to_owned())).map(String::as_str)
    }

    /// `description` (English, of code `code`) as `locale` reads it: a heading's own name where
    /// the language has one, else the English text unchanged.
    pub fn hs_text(
        &self,
        code: &str,
        description: String,
        locale: crate::foundations::i18n::Locale,
    ) -> String {
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

/// The regions of one country (all 54 without one), by ISO 3166-2 code.
pub async fn regions(
    db: &DatabaseConnection,
    country: Option<crate::foundations::domain::CountryCode>,
) -> Result<Vec<crate::foundations::entities::region::Model>, DbErr> {
    use crate::foundations::entities::region;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let mut find = region::Entity::find().order_by_asc(region::Column::Code);
    if let Some(c) = country {
        find = find.filter(region::Column::CountryCode.eq(c.as_str()));
    }
    find.all(db).await
}
