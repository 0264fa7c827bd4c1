//! Read side of the public catalogue: the home page's figures, and the text the benchmark's
//! workload draws its words from.

use crate::catalogue::models::catalogue::{CountryCount, SectionCount};
use crate::foundations::services::reference_names::ReferenceNames;
use crate::foundations::services::reference_names::rows;
use sea_orm::{DatabaseConnection, DbErr, FromQueryResult, Statement};
use serde::{Deserialize, Serialize};

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
    pub fn localized(
        &self,
        locale: crate::foundations::i18n::Locale,
        names: &ReferenceNames,
    ) -> CountryCount {
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
