//! A query's words as the full-text indexes are asked for them: each folded word, the last one
//! as a prefix (search as you type), OR its alternatives — typo corrections from the indexed
//! vocabulary (`services::typo`) and the HS chapters/headings the product vocabulary says it
//! names (`services::vocabulary`). The words alone (no alternatives) give the *direct*
//! matches, which rank above those found only through an alternative.

use crate::{
    catalogue::services::{search_keys::code_token, typo::TermDict},
    foundations::services::vocabulary,
};
use sea_orm::DbBackend;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub word: String,
    /// Matches as a prefix (the last word).
    pub prefix: bool,
    /// Whole-word alternatives: corrections and `hsNNNN` heading tokens.
    pub alts: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Terms(pub Vec<Term>);

impl Terms {
    /// `tokens`: folded query words. `dict`: the indexed vocabulary, when the facet index is
    /// ready (without it there are no typo corrections; the product vocabulary still applies).
    /// `headings`: folded word → HS headings its Russian heading names give it
    /// (`services::russian_headings::named_in`).
    pub fn new(
        tokens: Vec<String>,
        dict: Option<&TermDict>,
        headings: &HashMap<String, Vec<String>>,
    ) -> Terms {
        let last = tokens.len().saturating_sub(1);
        Terms(
            tokens
                .into_iter()
                .enumerate()
                .map(|(i, word)| {
                    let prefix = i == last;
                    let mut alts = dict.map(|d| d.corrections(&word, prefix)).unwrap_or_default();
                    let mut codes: Vec<&str> = vocabulary::codes(&word)
                        .iter()
                        .chain(alts.iter().flat_map(|a| vocabulary::codes(a)))
                        .chain(headings.get(&word).into_iter().flatten())
                        .map(String::as_str)
                        .collect();
                    codes.sort_unstable();
                    codes.dedup();
                    alts.extend(codes.into_iter().map(code_token));
                    Term { word, prefix, alts }
                })
                .collect(),
        )
    }

    /// The words joined by spaces (exact/prefix name ranking).
    pub fn phrase(&self) -> String {
        self.0.iter().map(|t| t.word.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// Whether any word has alternatives (then direct matches are looked up separately).
    pub fn expanded(&self) -> bool {
        self.0.iter().any(|t| !t.alts.is_empty())
    }

    /// The full-text query: with alternatives, or (`direct`) the words alone.
    pub fn fts_query(&self, backend: DbBackend, direct: bool) -> String {
        let pg = backend == DbBackend::Postgres;
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|t| {
                // Tokens are [a-z0-9] only; quoting keeps FTS5 from reading any as syntax.
                let word = match (pg, t.prefix) {
                    (true, true) => format!("{}:*", t.word),
                    (true, false) => t.word.clone(),
                    (false, true) => format!("\"{}\"*", t.word),
                    (false, false) => format!("\"{}\"", t.word),
                };
                if direct || t.alts.is_empty() {
                    return word;
                }
                let mut any = vec![word];
                any.extend(t.alts.iter().map(|a| if pg { a.clone() } else { format!("\"{a}\"") }));
                format!("({})", any.join(if pg { " | " } else { " OR " }))
            })
            .collect();
        parts.join(if pg { " & " } else { " AND " })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::domain::translit::search_tokens;

    #[test]
    fn vocabulary_words_also_match_their_heading() {
        let terms = Terms::new(search_tokens("хлопок fergana"), None, &HashMap::new());
        assert_eq!(terms.0[0].alts, ["hs52"]);
        assert!(terms.0[1].alts.is_empty());
        assert!(terms.expanded());
        assert_eq!(
            terms.fts_query(DbBackend::Sqlite, false),
            "(\"khlopok\" OR \"hs52\") AND \"fergana\"*"
        );
        assert_eq!(terms.fts_query(DbBackend::Postgres, false), "(khlopok | hs52) & fergana:*");
        assert_eq!(terms.fts_query(DbBackend::Sqlite, true), "\"khlopok\" AND \"fergana\"*");
    }

    #[test]
    fn typo_corrections_and_their_headings() {
        let words = ["pshenitsa", "shimkent"];
        let dict = TermDict::build(words);
        let terms = Terms::new(search_tokens("пшенца"), Some(&dict), &HashMap::new());
        assert_eq!(terms.0[0].alts, ["pshenitsa", "hs1001"]);
        let plain = Terms::new(search_tokens("кирпич"), Some(&dict), &HashMap::new());
        assert_eq!(plain.0[0].alts, ["hs6904"]);
        assert_eq!(plain.phrase(), "kirpich");
    }
}
