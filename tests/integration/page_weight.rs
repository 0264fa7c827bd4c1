//! What a first visit to the results page downloads, per interface language (issue 11: under
//! 100 KB brotli, for buyers on slow mobile links): the page and every file under `/pkg/` it
//! names (the stylesheet; the script and the WASM front end only where the page holds islands,
//! which the results page does not). `make weight` measures the same on the release build.

use crate::browser::seeded;
use crate::helpers::Backend;

const BUDGET: usize = 100 * 1024;

/// Bytes of `url` as the server sends them to a browser that accepts brotli.
async fn brotli_bytes(client: &reqwest::Client, url: &str) -> usize {
    let r = client.get(url).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(r.status(), 200, "{url}");
    let encoded = r.headers().get("content-encoding").and_then(|v| v.to_str().ok());
    assert_eq!(encoded, Some("br"), "{url} is sent compressed");
    r.bytes().await.unwrap().len()
}

/// The `/pkg/…` files a page names (stylesheet, script, module preloads, WASM), once each.
fn assets_of(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, _) in html.match_indices("/pkg/") {
        let rest = &html[i..];
        let end = rest.find(['"', '\'', ' ', ')', '>']).unwrap_or(rest.len());
        let path = rest[..end].to_owned();
        if !out.contains(&path) {
            out.push(path);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_results_page_weighs_under_100_kb_in_every_language() {
    let app = seeded(Backend::Sqlite).await;
    let kb = |n: usize| format!("{:.1}K", n as f64 / 1024.0);
    // The home page holds the search island: it names the front end, which the results page
    // must not (this build's WASM is unoptimised, so only its presence is checked here).
    let home = app.get_html("/").await;
    assert!(assets_of(&home).iter().any(|a| a.ends_with(".wasm")), "{:?}", assets_of(&home));
    println!("first visit of /search?q=wheat, brotli");
    println!("{:<4} {:>8} {:>8} {:>8}  files", "lang", "html", "files", "total");
    let mut over = Vec::new();
    for language in ["en", "ru", "kk", "ky", "tg", "tk", "uz"] {
        let client = reqwest::Client::builder()
            .default_headers(
                [(http::header::COOKIE, format!("lang={language}").parse().unwrap())]
                    .into_iter()
                    .collect(),
            )
            .build()
            .unwrap();
        let url = app.url("/search?q=wheat");
        let html_text = client.get(&url).send().await.unwrap().text().await.unwrap();
        assert!(html_text.contains(&format!("<html lang=\"{language}\"")), "{language}");
        let assets = assets_of(&html_text);
        assert!(!assets.iter().any(|a| a.ends_with(".wasm")), "{language}: {assets:?}");
        let html = brotli_bytes(&client, &url).await;
        let mut files = 0;
        for asset in &assets {
            files += brotli_bytes(&client, &app.url(asset)).await;
        }
        println!(
            "{language:<4} {:>8} {:>8} {:>8}  {}",
            kb(html),
            kb(files),
            kb(html + files),
            assets.join(" ")
        );
        if html + files > BUDGET {
            over.push((language, kb(html + files)));
        }
    }
    assert!(over.is_empty(), "over {}: {over:?}", kb(BUDGET));
}
