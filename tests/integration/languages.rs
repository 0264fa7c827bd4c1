//! A producer's whole journey in Uzbek and in Kazakh, as a browser without JavaScript sends it
//! (issue 11): register → company → product → submit, and every page on the way is read for
//! English interface text. A string counts as English when it is a message of `en.ftl` that the
//! language writes differently (proper names and codes read the same in every language).

use crate::helpers::{Backend, TestApp, browser, spawn_app};
use crate::on_both_backends;
use crate::producers::{BIN, company_form, listing_form, register};

/// English interface phrases as they would appear on a page (templates with a `{ $placeholder }`
/// are cut at it: the text around it is still English).
pub(crate) fn english_phrases() -> Vec<String> {
    let path = format!("{}/../app/locales/en.ftl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split_once(" = ").map_or(l, |(_, v)| v).trim_start_matches(['*', '[']))
        .flat_map(|v| {
            v.split(['{', '}', ']']).map(str::trim).map(str::to_owned).collect::<Vec<_>>()
        })
        // Whole phrases only: a single word may be a name, a unit or a code.
        .filter(|p| p.len() >= 12 && p.contains(' ') && !p.starts_with('$'))
        .collect()
}

/// The page's visible text: tags, scripts and styles removed, entities of `&` and quotes undone.
fn visible_text(html: &str) -> String {
    let mut text = html.to_owned();
    for skipped in ["script", "style"] {
        let (open, close) = (format!("<{skipped}"), format!("</{skipped}>"));
        while let Some(start) = text.find(&open) {
            let end = text[start..].find(&close).map_or(text.len(), |e| start + e + close.len());
            text.replace_range(start..end, " ");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&quot;", "\"").replace("&#x27;", "'")
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let r = app.get_with(client, path).await;
    assert!(r.status().is_success(), "{path}: {}", r.status());
    r.text().await.unwrap()
}

async fn walk(app: &TestApp, language: &str, email: &str) {
    let phrases = english_phrases();
    assert!(phrases.len() > 100, "{language}: {} phrases to look for", phrases.len());
    let client = browser();
    app.get_with(&client, &format!("/lang/{language}?next=/")).await;
    let mut pages = vec![("/register".to_owned(), page(app, &client, "/register").await)];
    register(app, &client, email).await;
    for path in ["/account", "/account/company"] {
        pages.push((path.to_owned(), page(app, &client, path).await));
    }
    let r = app.post_form(&client, "/account/company", &company_form(BIN)).await;
    assert_eq!(r.status(), 303);
    pages.push(("/account/listings/new".into(), page(app, &client, "/account/listings/new").await));
    // A refused product form: the messages beside the fields are the language's too.
    let r = app.post_form(&client, "/account/listings/new", &[("product_name", "x")]).await;
    assert_eq!(r.status(), 422);
    pages.push(("refused /account/listings/new".into(), r.text().await.unwrap()));
    let r = app.post_form(&client, "/account/listings/new", &listing_form("Мука пшеничная")).await;
    assert_eq!(r.status(), 303);
    let r = app.post_form(&client, "/account/company/submit", &[]).await;
    assert_eq!(r.status(), 303);
    let done = r.headers()["location"].to_str().unwrap().to_owned();
    pages.push((done.clone(), page(app, &client, &done).await));
    for (path, html) in &pages {
        assert!(html.contains(&format!("<html lang=\"{language}\"")), "{path}");
        let text = visible_text(html);
        let english: Vec<&String> = phrases.iter().filter(|p| text.contains(p.as_str())).collect();
        assert!(english.is_empty(), "{language} {path} shows English: {english:?}");
    }
}

on_both_backends!(
    a_producer_registers_and_submits_in_uzbek_and_in_kazakh_without_english,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        walk(&app, "uz", "uz@example.uz").await;
        let app = spawn_app(backend).await;
        walk(&app, "kk", "kk@example.kz").await;
    }
);

crate::on_both_backends!(
    places_are_named_in_each_national_language,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let client = browser();
        register(&app, &client, "places@example.kz").await;
        for (language, fergana, kazakhstan) in [
            ("kk", "Ферғана облысы", "Қазақстан"),
            ("ky", "Фергана облусу", "Казакстан"),
            ("tg", "Вилояти Фарғона", "Қазоқистон"),
            ("tk", "Fergana welaýaty", "Gazagystan"),
            ("uz", "Fargʻona viloyati", "Qozogʻiston"),
            ("ru", "Ферганская область", "Казахстан"),
            ("en", "Fergana Region", "Kazakhstan"),
        ] {
            app.get_with(&client, &format!("/lang/{language}?next=/")).await;
            let form = page(&app, &client, "/account/company").await;
            assert!(form.contains(fergana), "{language}: {fergana}");
            assert!(form.contains(kazakhstan), "{language}: {kazakhstan}");
        }
    }
);
