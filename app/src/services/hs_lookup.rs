//! Finding an HS code from words, for producers who do not know their code ("wheat flour",
//! "мука", "paxta") and for the search box's suggestions.
//!
//! A code is offered when a word typed is a whole word of its English description (a plural
//! "s" aside: `bran` is not `branches`), or when the multilingual product vocabulary names it
//! for that word (which is how Russian, Kazakh, Uzbek… words reach a code, and which lists the
//! region's common products). Codes matching more of the words come first; then the
//! vocabulary's own headings; then headings before their subheadings; a subheading that only
//! repeats its heading's text is left out, since the heading says the same.

use crate::{
    domain::translit::search_tokens, entities::hs_code, models::catalogue::HsSuggestion,
    services::vocabulary,
};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
};
use std::collections::{HashMap, HashSet};

/// More than this many description matches per query are not read (a word such as "of").
const CANDIDATES: u64 = 3000;
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

/// How well one code answers the words: (description words matched, vocabulary hits).
fn score(row: &hs_code::Model, words: &[String], named: &HashMap<String, usize>) -> (usize, usize) {
    let tokens = search_tokens(&row.description_en);
    let matched = words.iter().filter(|w| describes(w) && has_word(&tokens, w)).count();
    (matched, named.get(&row.code).copied().unwrap_or(0))
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
    // Headings and chapters the vocabulary names, with how many of the words name each.
    let mut named: HashMap<String, usize> = HashMap::new();
    for w in &words {
        for code in vocabulary::codes(w) {
            *named.entry(code.clone()).or_default() += 1;
        }
    }
    // The raw lowercase words for the database's first cut (descriptions are English, which
    // folding leaves as it is); the whole-word check happens on the rows read.
    if named.is_empty() && !words.iter().any(|w| describes(w)) {
        return Ok(Vec::new());
    }
    let mut any = Condition::any();
    for raw in query.to_lowercase().split(|c: char| !c.is_alphanumeric()) {
        if describes(raw) && raw.is_ascii() {
            let pattern = format!("%{}%", super::catalogue::escape_like(raw));
            // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
            any = any.add(
                Expr::expr(Func::lower(Expr::col(hs_code::Column::DescriptionEn)))
                    .like(LikeExpr::new(pattern).escape('\\')),
            );
        }
    }
    if !named.is_empty() {
        any = any.add(hs_code::Column::Code.is_in(named.keys().cloned()));
    }
    let rows = hs_code::Entity::find().filter(any).limit(CANDIDATES).all(db).await?;
    let mut scored: Vec<((usize, usize), hs_code::Model)> = rows
        .into_iter()
        .map(|r| (score(&r, &words, &named), r))
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
    for (_, r) in &scored {
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
        let branches = tokens("Trees; branches and foliage");
        assert!(!has_word(&branches, "bran"));
        assert!(has_word(&tokens("Bran, sharps and other residues"), "bran"));
        assert!(has_word(&tokens("Cereal flours other than of wheat"), "flour"));
        assert!(has_word(&tokens("Wheat or meslin flour"), "flours"));
        assert!(has_word(&tokens("Peaches, including nectarines"), "peach"));
        assert!(!has_word(&tokens("Cottonseed"), "cotton"));
    }
}
