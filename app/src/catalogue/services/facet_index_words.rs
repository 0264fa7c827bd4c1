//! The facet index's word side: the typo dictionary and the producers' name hashes it loads
//! beside the rows, and the relevance order's helpers (words in a name, the company-name class,
//! producers taking turns on the first page).

use super::FacetIndex;
use crate::catalogue::services::typo::TermDict;
use sea_orm::{DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// On the first page of the relevance order, at most this many listings of one producer come
/// before other producers' listings (the rest follow on the next pages).
pub const PER_PRODUCER_ON_FIRST_PAGE: usize = 2;

impl FacetIndex {
    /// The typo dictionary and the producers' name hashes (after the rows are loaded).
    pub(super) async fn load_words(&mut self, db: &DatabaseConnection) -> Result<(), DbErr> {
        #[derive(FromQueryResult)]
        struct Producer {
            id: i64,
            legal_name: String,
            search_text: String,
        }
        #[derive(FromQueryResult)]
        struct Hs {
            description_en: String,
        }
        let backend = db.get_database_backend();
        let producers = Producer::find_by_statement(Statement::from_sql_and_values(
            backend,
            match backend {
                DbBackend::Postgres => {
                    "SELECT id, legal_name, search_text FROM producer WHERE status = $1"
                }
                _ => "SELECT id, legal_name, search_text FROM producer WHERE status = ?",
            },
            [crate::foundations::domain::EntryStatus::Published.as_str().into()],
        ))
        .all(db)
        .await?;
        let hs = Hs::find_by_statement(Statement::from_string(
            backend,
            "SELECT description_en FROM hs_code",
        ))
        .all(db)
        .await?;
        let hs_keys: Vec<String> =
            hs.iter().map(|h| crate::foundations::domain::search_key(&h.description_en)).collect();
        let mut words: HashSet<&str> = HashSet::new();
        for row in &self.rows {
            words.extend(self.name(row).split(' '));
        }
        for text in producers
            .iter()
            .map(|p| p.search_text.as_str())
            .chain(hs_keys.iter().map(String::as_str))
        {
            words.extend(text.split(' '));
        }
        for word in crate::foundations::services::vocabulary::words() {
            words.insert(word);
        }
        let terms = TermDict::build(words);
        self.terms = terms;
        self.producer_names = vec![0; self.max_producer as usize + 1];
        for p in &producers {
            if let Some(slot) =
                usize::try_from(p.id).ok().and_then(|i| self.producer_names.get_mut(i))
            {
                *slot = phrase_hash(&company_name_key(&p.legal_name));
            }
        }
        Ok(())
    }

    /// The distinct indexed words (typo corrections are looked up here).
    pub fn terms(&self) -> &TermDict {
        &self.terms
    }
}

/// The relevance order with the first page (`per_page` results chosen among the best
/// `window`) holding at most [`PER_PRODUCER_ON_FIRST_PAGE`] listings of one producer; the
/// listings held back lead the second page, and the rest keep their order. Items: (id,
/// producer), best first.
pub(crate) fn diversify(best: Vec<(u32, u32)>, per_page: usize, window: usize) -> Vec<(u32, u32)> {
    let mut first = Vec::with_capacity(per_page);
    let mut taken = vec![false; best.len()];
    let mut shown: HashMap<u32, usize> = HashMap::new();
    for (i, &(_, producer)) in best.iter().enumerate().take(window) {
        if first.len() == per_page {
            break;
        }
        let n = shown.entry(producer).or_default();
        if *n < PER_PRODUCER_ON_FIRST_PAGE {
            *n += 1;
            taken[i] = true;
            first.push(best[i]);
        }
    }
    // Too few producers among the best: fill the page in order.
    for (i, item) in best.iter().enumerate() {
        if first.len() == per_page {
            break;
        }
        if !taken[i] {
            taken[i] = true;
            first.push(*item);
        }
    }
    first.extend(best.iter().enumerate().filter(|(i, _)| !taken[*i]).map(|(_, item)| *item));
    first
}

/// Whether a folded name holds every word (the last one as a prefix, as typed).
pub(super) fn has_words(name: &str, words: &[&str]) -> bool {
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .all(|(i, w)| name.split(' ').any(|t| if i == last { t.starts_with(w) } else { t == *w }))
}

/// A company's folded name without its legal-form words (`ТОО «Шымкентцемент»` →
/// `shimkentsement`), compared with a query's words for the company-name ranking.
pub fn company_name_key(legal_name: &str) -> String {
    const FORMS: &[&str] = &[
        "ТОО", "АО", "ИП", "КХ", "ОсОО", "ОАО", "ҶДММ", "ҶСК", "СИ", "ХД", "HJ", "MChJ", "ООО",
        "AJ", "XK", "FX", "ЖШС", "ЧП", "КФХ", "ПК", "ЗАО",
    ];
    static KEYS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    let forms = KEYS
        .get_or_init(|| FORMS.iter().map(|f| crate::foundations::domain::search_key(f)).collect());
    crate::foundations::domain::search_tokens(legal_name)
        .into_iter()
        .filter(|t| !forms.contains(t))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn phrase_hash(phrase: &str) -> u64 {
    if phrase.is_empty() {
        return 0;
    }
    let mut h = std::hash::DefaultHasher::new();
    phrase.hash(&mut h);
    h.finish().max(1)
}
