//! Finding an HS code from words, for producers who do not know their code ("wheat flour",
//! "мука", "paxta") and for the search box's suggestions.
//!
//! A code is offered when a word typed is a whole word of its English description (a plural
//! "s" aside: `bran` is not `branches`), or of a heading's Russian name (inflection endings
//! aside: `цемент` is `Цементы`, `трактор` is `Тракторы`), or when the multilingual product
//! vocabulary names it for that word (which is how Kazakh, Uzbek… words reach a code, and which
//! lists the region's common products). Codes matching more of the words come first; then the
//! vocabulary's own headings; then headings before their subheadings; a subheading that only
//! repeats its heading's text is left out, since the heading says the same.
//!
//! The nomenclature (6,939 codes) is read once and kept with each description's words folded:
//! the suggestions answer every keystroke, and they need no query for it.

use crate::foundations::{
    domain::translit::search_tokens,
    entities::hs_code,
    models::HsSuggestion,
    services::{russian_headings, vocabulary},
};
use sea_orm::{DatabaseConnection, DbErr, EntityTrait};
use std::collections::{HashMap, HashSet};

/// One code of the nomenclature with its description's folded words and, for a heading, the
/// stems of its Russian name.
struct Code {
    row: hs_code::Model,
    tokens: Vec<String>,
    russian: &'static [String],
}

/// The nomenclature, read on first use. It is reference data that only a migration changes, the
/// same in every database the process may open.
async fn nomenclature(db: &DatabaseConnection) -> Result<&'static [Code], DbErr> {
    static CODES: tokio::sync::OnceCell<Vec<Code>> = tokio::sync::OnceCell::const_new();
    let codes = CODES
        .get_or_try_init(|| async {
            let rows = hs_code::Entity::find().all(db).await?;
            Ok::<_, DbErr>(
                rows.into_iter()
                    .map(|row| Code {
                        tokens: search_tokens(&row.description_en),
                        russian: russian_headings::of_heading(&row.code),
                        row,
                    })
                    .collect(),
            )
        })
        .await?;
    Ok(codes)
}
/// Words shorter than this say too little to look up (the vocabulary has two-letter words:
/// Kazakh ұн, flour).
const MIN_WORD: usize = 2;
/// The descriptions' own glue: a query word among these matches no description by itself.
const STOP_WORDS: [&str; 24] = [
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "its", "nec", "not", "of",
    "on", "or", "other", "than", "that", "the", "their", "to", "whether", "with",
];

/// Whether `word` may match descriptions (the vocabulary takes every word).
fn describes(word: &str) -> bool {
    word.chars().count() >= 3 && !STOP_WORDS.contains(&word)
}

/// Whether `word` (folded) is one of `tokens` (folded), allowing an English plural either way.
fn has_word(tokens: &[String], word: &str) -> bool {
    tokens.iter().any(|t| {
        t == word
            || t.strip_suffix('s').is_some_and(|s| s == word || s.strip_suffix('e') == Some(word))
            || word.strip_suffix('s') == Some(t.as_str())
    })
}

/// The query as the lookup reads it: folded words, and the stems of its Russian words.
struct Words {
    folded: Vec<String>,
    russian: Vec<String>,
}

/// How well one code answers the words: (description words matched in English or in Russian,
/// vocabulary hits).
fn score(code: &Code, words: &Words, named: &HashMap<String, usize>) -> (usize, usize) {
    let english = words.folded.iter().filter(|w| describes(w) && has_word(&code.tokens, w)).count();
    let russian = words.russian.iter().filter(|s| code.russian.contains(s)).count();
    (english.max(russian), named.get(&code.row.code).copied().unwrap_or(0))
}

fn level_rank(level: i16) -> u8 {
    match level {
        4 => 0,
        6 => 1,
        _ => 2,
    }
}

/// Codes for the words of `query`, best first, at most `limit`.
pub async fn by_words(
    db: &DatabaseConnection,
    query: &str,
    limit: usize,
) -> Result<Vec<HsSuggestion>, DbErr> {
    let query: String = query.chars().take(100).collect();
    let mut words: Vec<String> = Vec::new();
    for w in search_tokens(&query) {
        if w.chars().count() >= MIN_WORD && !words.contains(&w) {
            words.push(w);
        }
    }
    words.truncate(6);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let mut russian = russian_headings::stems(&query);
    russian.truncate(6);
    // Headings and chapters the vocabulary names, with how many of the words name each.
    let mut named: HashMap<String, usize> = HashMap::new();
    for w in &words {
        for code in vocabulary::codes(w) {
            *named.entry(code.clone()).or_default() += 1;
        }
    }
    if named.is_empty() && russian.is_empty() && !words.iter().any(|w| describes(w)) {
        return Ok(Vec::new());
    }
    let words = Words { folded: words, russian };
    let mut scored: Vec<((usize, usize), &hs_code::Model)> = nomenclature(db)
        .await?
        .iter()
        .map(|c| (score(c, &words, &named), &c.row))
        .filter(|((matched, hits), _)| matched + hits > 0)
        .collect();
    scored.sort_by(|(a, ra), (b, rb)| {
        (b.0 + b.1)
            .cmp(&(a.0 + a.1))
            .then(b.1.cmp(&a.1))
            .then(level_rank(ra.level).cmp(&level_rank(rb.level)))
            .then(ra.code.cmp(&rb.code))
    });
    let headings: HashMap<&str, &str> = scored
        .iter()
        .filter(|(_, r)| r.level == 4)
        .map(|(_, r)| (r.code.as_str(), r.description_en.as_str()))
        .collect();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (_, r) in scored.iter().copied() {
        let repeats_heading = r.level == 6
            && r.parent_code.as_deref().and_then(|p| headings.get(p))
                == Some(&r.description_en.as_str());
        if repeats_heading || !seen.insert(r.code.clone()) {
            continue;
        }
        out.push(HsSuggestion { code: r.code.clone(), description: r.description_en.clone() });
        if out.len() == limit {
            break;
        }
    }
    Ok(out)
}

/// HS picker data: codes starting with the digits typed, else codes for the words
/// ([`by_words`]).
pub async fn suggest_hs(
    db: &DatabaseConnection,
    query: &str,
    limit: u64,
) -> Result<Vec<HsSuggestion>, DbErr> {
    use crate::foundations::entities::hs_code;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

    let query = query.trim();
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let Some(code) = crate::foundations::domain::hs_code::looks_like_hs_query(query) else {
        return crate::foundations::services::hs_lookup::by_words(db, query, limit as usize).await;
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
    names: &super::reference_names::ReferenceNames,
    locale: crate::foundations::i18n::Locale,
    rejected: Option<crate::foundations::forms::Rejected>,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<String> {
        search_tokens(s)
    }

    #[test]
    fn glue_words_describe_nothing() {
        assert!(!describes("or") && !describes("other") && !describes("of"));
        assert!(describes("tea") && describes("flour"));
    }

    #[test]
    fn whole_words_only_with_plurals_either_way() {
        // Query words arrive folded, as the descriptions' words are (`flour` is `flur`).
        let has = |text: &str, word: &str| has_word(&tokens(text), &search_tokens(word)[0]);
        assert!(!has("Trees; branches and foliage", "bran"));
        assert!(has("Bran, sharps and other residues", "bran"));
        assert!(has("Cereal flours other than of wheat", "flour"));
        assert!(has("Wheat or meslin flour", "flours"));
        assert!(has("Peaches, including nectarines", "peach"));
        assert!(!has("Cottonseed", "cotton"));
    }
}
