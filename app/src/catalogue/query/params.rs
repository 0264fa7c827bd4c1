//! Search parameters, parsed once from the query string into typed values.
//!
//! The API is strict (any bad parameter is a 400 with the reasons); the page is lenient (bad
//! parameters are dropped or corrected and the page explains what it did). Both use [`parse`].

use crate::foundations::domain::{CertKind, CountryCode, HsCode, RegionCode};
use serde::{Deserialize, Serialize};

/// Deepest page reachable: beyond it, narrow the search (and deep OFFSETs stay cheap).
pub const MAX_PAGE: u32 = 500;
pub const MAX_PER_PAGE: u32 = 100;
pub const DEFAULT_PER_PAGE: u32 = 20;
/// Longer queries are cut here: no product or company name is longer.
pub const MAX_QUERY_CHARS: usize = 200;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Name,
}

impl Sort {
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Name => "name",
        }
    }
}

/// Which view of the results: products, or the companies that make them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    #[default]
    Listings,
    Producers,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    pub q: String,
    pub countries: Vec<CountryCode>,
    pub regions: Vec<RegionCode>,
    pub hs: Option<HsCode>,
    /// HS section 1..=21.
    pub section: Option<i32>,
    pub cert: Option<CertKind>,
    pub verified: bool,
    pub sort: Sort,
    pub view: View,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamError {
    pub param: String,
    pub message: String,
}

fn problem(param: &str, message: impl Into<String>) -> ParamError {
    ParamError { param: param.to_owned(), message: message.into() }
}

const ROMAN: [&str; 21] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX", "XXI",
];

pub fn section_roman(id: i32) -> &'static str {
    ROMAN.get((id - 1) as usize).copied().unwrap_or("")
}

/// Parses a URL query string. Returns the request with every bad parameter dropped or
/// corrected, and the list of what was wrong (empty when all was well).
pub fn parse(query: &str) -> (SearchRequest, Vec<ParamError>) {
    parse_inner(query, true)
}

/// As [`parse`], for the JSON API, whose OpenAPI document cannot say that regions must lie in
/// the chosen countries: such a region is kept and simply matches nothing there.
pub fn parse_api(query: &str) -> (SearchRequest, Vec<ParamError>) {
    parse_inner(query, false)
}

fn parse_inner(query: &str, regions_in_countries: bool) -> (SearchRequest, Vec<ParamError>) {
    let mut req = SearchRequest { page: 1, per_page: DEFAULT_PER_PAGE, ..Default::default() };
    let mut errors = Vec::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match key.as_ref() {
            "q" => {
                // Control characters are never part of a search.
                let cleaned: String =
                    value.chars().filter(|c| !c.is_control()).take(MAX_QUERY_CHARS).collect();
                req.q = cleaned.trim().to_owned();
            }
            "country" => {
                for part in value.split(',') {
                    match CountryCode::parse(part) {
                        Ok(c) if !req.countries.contains(&c) => req.countries.push(c),
                        Ok(_) => {}
                        Err(_) => errors.push(problem(
                            "country",
                            format!("unknown country `{part}`: use KZ, KG, TJ, TM or UZ"),
                        )),
                    }
                }
            }
            "region" => {
                for part in value.split(',') {
                    match RegionCode::parse(part) {
                        Ok(r) if !req.regions.contains(&r) => req.regions.push(r),
                        Ok(_) => {}
                        Err(_) => errors.push(problem(
                            "region",
                            format!("unknown region `{part}`: use an ISO 3166-2 code such as KZ-39"),
                        )),
                    }
                }
            }
            "hs" => match HsCode::parse(value) {
                Ok(code) => req.hs = Some(code),
                Err(_) => errors.push(problem(
                    "hs",
                    format!("`{value}` is not an HS code: use 2, 4 or 6 digits such as 1101 or 10.01"),
                )),
            },
            "section" => {
                let id = value
                    .parse::<i32>()
                    .ok()
                    .filter(|n| (1..=21).contains(n))
                    .or_else(|| ROMAN.iter().position(|r| r.eq_ignore_ascii_case(value)).map(|i| i as i32 + 1));
                match id {
                    Some(id) => req.section = Some(id),
                    None => errors.push(problem("section", "HS sections are I to XXI (or 1 to 21)")),
                }
            }
            "cert" => match CertKind::parse(value) {
                Some(kind) => req.cert = Some(kind),
                None => errors.push(problem(
                    "cert",
                    "unknown certification: use iso9001, iso22000, haccp, halal, organic, gost or other",
                )),
            },
            "verified" => match value {
                "1" | "true" | "yes" | "on" => req.verified = true,
                "0" | "false" | "no" | "off" => req.verified = false,
                _ => errors.push(problem("verified", "use verified=1 or leave it out")),
            },
            "sort" => match value {
                "relevance" => req.sort = Sort::Relevance,
                "newest" => req.sort = Sort::Newest,
                "name" => req.sort = Sort::Name,
                _ => errors.push(problem("sort", "sort is relevance, newest or name")),
            },
            "view" => match value {
                "listings" => req.view = View::Listings,
                "producers" => req.view = View::Producers,
                _ => errors.push(problem("view", "view is listings or producers")),
            },
            "page" => match value.parse::<u64>() {
                Ok(n @ 1..) if n <= MAX_PAGE as u64 => req.page = n as u32,
                Ok(0) => errors.push(problem("page", "pages start at 1")),
                Ok(_) => {
                    req.page = MAX_PAGE;
                    errors.push(problem(
                        "page",
                        format!("at most {MAX_PAGE} pages are shown: narrow the search to see more"),
                    ))
                }
                Err(_) => errors.push(problem("page", "page is a whole number from 1")),
            },
            "per_page" => match value.parse::<u64>() {
                Ok(n @ 1..) if n <= MAX_PER_PAGE as u64 => req.per_page = n as u32,
                _ => errors.push(problem("per_page", format!("per_page is 1 to {MAX_PER_PAGE}"))),
            },
            // Unknown parameters (tracking tags and the like) are ignored, as browsers add them.
            _ => {}
        }
    }
    // Regions outside the chosen countries cannot match: say so rather than return nothing.
    if regions_in_countries && !req.countries.is_empty() {
        let (kept, dropped): (Vec<_>, Vec<_>) =
            req.regions.drain(..).partition(|r| req.countries.contains(&r.country()));
        for r in dropped {
            errors
                .push(problem("region", format!("{} is not in the chosen countries", r.as_str())));
        }
        req.regions = kept;
    }
    (req, errors)
}

impl SearchRequest {
    /// The query string that reproduces this search (page included when not 1).
    pub fn to_query(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            s.append_pair("q", &self.q);
        }
        for c in &self.countries {
            s.append_pair("country", c.as_str());
        }
        for r in &self.regions {
            s.append_pair("region", r.as_str());
        }
        if let Some(hs) = &self.hs {
            s.append_pair("hs", hs.as_str());
        }
        if let Some(section) = self.section {
            s.append_pair("section", section_roman(section));
        }
        if let Some(cert) = self.cert {
            s.append_pair("cert", cert.as_str());
        }
        if self.verified {
            s.append_pair("verified", "1");
        }
        if self.sort != Sort::Relevance {
            s.append_pair("sort", self.sort.as_str());
        }
        if self.view != View::Listings {
            s.append_pair("view", "producers");
        }
        if self.per_page != DEFAULT_PER_PAGE {
            s.append_pair("per_page", &self.per_page.to_string());
        }
        if self.page > 1 {
            s.append_pair("page", &self.page.to_string());
        }
        s.finish()
    }

    /// A copy on page 1 after `change`: any new filter starts the results again.
    pub fn with(&self, change: impl FnOnce(&mut SearchRequest)) -> SearchRequest {
        let mut next = self.clone();
        change(&mut next);
        next.page = 1;
        next
    }

    pub fn href(&self) -> String {
        let q = self.to_query();
        if q.is_empty() { "/search".into() } else { format!("/search?{q}") }
    }

    pub fn has_filters(&self) -> bool {
        !self.countries.is_empty()
            || !self.regions.is_empty()
            || self.hs.is_some()
            || self.section.is_some()
            || self.cert.is_some()
            || self.verified
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_query_string_round_trips() {
        let qs = "q=wheat+flour&country=KZ&region=KZ-39&hs=1101&cert=halal&verified=1&sort=newest&page=2";
        let (req, errors) = parse(qs);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(req.q, "wheat flour");
        assert_eq!(req.countries, [CountryCode::KZ]);
        assert_eq!(req.regions[0].as_str(), "KZ-39");
        assert_eq!(req.hs.as_ref().unwrap().as_str(), "1101");
        assert_eq!(req.cert, Some(CertKind::Halal));
        assert!(req.verified);
        assert_eq!(req.sort, Sort::Newest);
        assert_eq!(req.page, 2);
        assert_eq!(parse(&req.to_query()).0, req);
    }

    #[test]
    fn bad_parameters_are_reported_and_dropped() {
        let (req, errors) =
            parse("country=XX&hs=abc&page=0&per_page=1000&sort=best&cert=kosher&section=XXX");
        let params: Vec<_> = errors.iter().map(|e| e.param.as_str()).collect();
        assert_eq!(params, ["country", "hs", "page", "per_page", "sort", "cert", "section"]);
        assert_eq!(req.page, 1);
        assert_eq!(req.per_page, DEFAULT_PER_PAGE);
        assert!(req.countries.is_empty() && req.hs.is_none() && req.cert.is_none());
    }

    #[test]
    fn huge_pages_are_capped_with_a_reason() {
        let (req, errors) = parse("page=1000000000");
        assert_eq!(req.page, MAX_PAGE);
        assert_eq!(errors[0].param, "page");
    }

    #[test]
    fn regions_outside_the_chosen_countries_are_explained() {
        let (req, errors) = parse("country=UZ&region=KZ-39&region=UZ-TK");
        assert_eq!(req.regions.len(), 1);
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn long_and_hostile_queries_are_bounded() {
        let long = "a".repeat(10_000);
        let (req, errors) = parse(&format!("q={long}%00%22%27*"));
        assert!(errors.is_empty());
        assert_eq!(req.q.chars().count(), MAX_QUERY_CHARS);
    }

    #[test]
    fn sections_accept_roman_or_arabic_numbers() {
        assert_eq!(parse("section=xv").0.section, Some(15));
        assert_eq!(parse("section=2").0.section, Some(2));
    }
}
