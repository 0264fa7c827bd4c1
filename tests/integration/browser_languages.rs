//! The producer's journey in Uzbek and in Kazakh in Chromium with JavaScript off (issue 11):
//! register → company → product (refused once, then saved) → submit. Every page on the way is
//! the chosen language's (`<html lang>`) and shows no English interface phrase of `en.ftl`
//! (`languages::english_phrases`: proper names and codes read the same in every language).

use crate::browser::{ChromeDriver, browser, fill, screenshot, submit_and_wait};
use crate::helpers::{Backend, TestApp, spawn_app};
use crate::languages::english_phrases;
use crate::producers::BIN;
use fantoccini::{Client, Locator};

/// Reads the page as a visitor sees it and fails on English interface text.
async fn read_page(client: &Client, language: &str, phrases: &[String]) {
    let url = client.current_url().await.unwrap();
    let html = client.source().await.unwrap();
    assert!(html.contains(&format!("<html lang=\"{language}\"")), "{language} {url}");
    let text = client.find(Locator::Css("body")).await.unwrap().text().await.unwrap();
    let english: Vec<&String> = phrases.iter().filter(|p| text.contains(p.as_str())).collect();
    assert!(english.is_empty(), "{language} {url} shows English: {english:?}");
}

async fn walk(app: &TestApp, driver: &ChromeDriver, language: &str, email: &str) {
    let phrases = english_phrases();
    let client = browser(driver, false).await;
    client.goto(&app.url(&format!("/lang/{language}?next=/register"))).await.unwrap();
    assert_eq!(client.current_url().await.unwrap().path(), "/register");
    read_page(&client, language, &phrases).await;
    fill(&client, "#f-email", email).await;
    fill(&client, "#f-password", "Namangan-paxta-2026").await;
    fill(&client, "#f-password_confirm", "Namangan-paxta-2026").await;
    client.find(Locator::Css("#f-accept_terms")).await.unwrap().click().await.unwrap();
    submit_and_wait(&client, "form[action='/register']", "section.account").await;
    read_page(&client, language, &phrases).await;
    let confirm = crate::mail::confirmation_path_from_outbox(app, email).await;
    client.goto(&app.url(&confirm)).await.unwrap();
    read_page(&client, language, &phrases).await;

    client.goto(&app.url("/account/company")).await.unwrap();
    read_page(&client, language, &phrases).await;
    fill(&client, "#f-legal_name", "Namangan Paxta Tolasi").await;
    client.find(Locator::Css("#f-country")).await.unwrap().select_by_value("KZ").await.unwrap();
    fill(&client, "#f-tax_id", BIN).await;
    client.find(Locator::Css("#f-region")).await.unwrap().select_by_value("KZ-39").await.unwrap();
    fill(&client, "#f-city", "Qostanay").await;
    submit_and_wait(&client, "form[action='/account/company']", "section.account").await;
    read_page(&client, language, &phrases).await;

    // A refused product form: its messages are the language's too, and the name typed stays.
    client.goto(&app.url("/account/listings/new")).await.unwrap();
    read_page(&client, language, &phrases).await;
    fill(&client, "#f-product_name", "Paxta tolasi").await;
    submit_and_wait(&client, "form[action='/account/listings/new']", ".error-summary").await;
    read_page(&client, language, &phrases).await;
    let name = client.find(Locator::Css("#f-product_name")).await.unwrap();
    assert_eq!(name.prop("value").await.unwrap().as_deref(), Some("Paxta tolasi"));
    fill(&client, "#f-hs_code", "5201").await;
    submit_and_wait(&client, "form[action='/account/listings/new']", "section.account").await;
    read_page(&client, language, &phrases).await;

    submit_and_wait(&client, "form[action='/account/company/submit']", "p.notice").await;
    let url = client.current_url().await.unwrap();
    assert_eq!(url.query(), Some("done=company_submitted"), "{url}");
    read_page(&client, language, &phrases).await;
    screenshot(&client, &format!("submitted-{language}-js-off")).await;
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_producer_registers_and_submits_in_uzbek_and_kazakh_in_chromium_without_english() {
    let driver = ChromeDriver::start();
    for (language, email) in [("uz", "paxta@namangan.uz"), ("kk", "un@qostanay.kz")] {
        let app = spawn_app(Backend::Sqlite).await;
        walk(&app, &driver, language, email).await;
        assert_eq!(
            app.count("SELECT COUNT(*) AS n FROM producer WHERE status = 'submitted'").await,
            1,
            "{language}: the company submitted"
        );
    }
}
