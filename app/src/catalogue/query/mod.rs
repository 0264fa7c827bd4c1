//! Catalogue search: the query a URL describes, shared by the results page and the JSON API.

pub mod params;
pub mod results;

pub use params::{ParamError, SearchRequest, Sort};

/// The longest search address a "Back to results" link carries.
const MAX_FROM: usize = 2000;

/// A detail page's address that remembers the search it was opened from (`?from=/search?…`).
pub fn with_from(detail: &str, search_href: &str) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.append_pair("from", search_href);
    format!("{detail}?{}", s.finish())
}

/// The "Back to results" address for a `from` parameter: only a search on this site (the path
/// exactly `/search`, its query re-encoded), never another address.
pub fn results_link(from: &str) -> Option<String> {
    if from.len() > MAX_FROM {
        return None;
    }
    let (path, query) = from.split_once('?').unwrap_or((from, ""));
    if path != "/search" {
        return None;
    }
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.extend_pairs(form_urlencoded::parse(query.as_bytes()));
    let query = s.finish();
    Some(if query.is_empty() { "/search".to_owned() } else { format!("/search?{query}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_to_results_only_points_at_the_search_page() {
        assert_eq!(
            results_link("/search?q=flour&country=KZ").as_deref(),
            Some("/search?q=flour&country=KZ")
        );
        assert_eq!(results_link("/search").as_deref(), Some("/search"));
        assert_eq!(results_link("//evil.example/search"), None);
        assert_eq!(results_link("https://evil.example/search?q=a"), None);
        assert_eq!(results_link("/search.evil"), None);
        assert_eq!(results_link("/searchx?q=1"), None);
        assert_eq!(
            results_link("/search?q=\"><script>").as_deref(),
            Some("/search?q=%22%3E%3Cscript%3E")
        );
        let link = with_from("/listings/5", "/search?q=a b&country=KZ");
        let from = form_urlencoded::parse(link.split_once('?').unwrap().1.as_bytes())
            .find(|(k, _)| k == "from")
            .unwrap()
            .1
            .into_owned();
        assert_eq!(results_link(&from).as_deref(), Some("/search?q=a+b&country=KZ"));
    }
}
