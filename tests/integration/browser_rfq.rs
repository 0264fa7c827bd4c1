//! A buyer asks every producer of a heading for quotes in Chromium, with JavaScript off and on
//! (issue 10): from a product's page to the request form with the heading filled in; words in
//! the HS field become a choice of codes; a refused post keeps what was typed; an accepted one
//! says that a confirmation link is on its way.

use crate::admin::signed_in_admin;
use crate::browser::{
    ChromeDriver, assert_no_console_errors_but_refusals, browser, fill, screenshot, seeded,
    submit_and_wait,
};
use crate::friction::published_by;
use crate::helpers::Backend;
use fantoccini::{Client, Locator};

/// Types a day into a date field as Chromium's (en-US) date input takes keys: MM DD YYYY.
async fn fill_date(client: &Client, css: &str, day: chrono::NaiveDate) {
    let field = client.find(Locator::Css(css)).await.unwrap();
    field.send_keys(&day.format("%m%d%Y").to_string()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buyer_requests_quotes_from_a_product_page_with_javascript_off_and_on() {
    let app = seeded(Backend::Sqlite).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let (_, listing) =
        published_by(&app, &admin, &crate::helpers::browser(), "mill@kostanay-muka.kz").await;
    let driver = ChromeDriver::start();
    let form = "form[action='/rfq/new']";
    let deadline = (app.clock.now() + chrono::Duration::days(14)).date_naive();
    for javascript in [false, true] {
        let client = browser(&driver, javascript).await;
        client.goto(&app.url(&format!("/listings/{listing}"))).await.unwrap();
        client
            .find(Locator::Css(".rfq-link a"))
            .await
            .expect("the product page offers a request for quotes")
            .click()
            .await
            .unwrap();
        client.wait().for_element(Locator::Css(form)).await.expect("the request form");
        let hs = client.find(Locator::Css("#f-hs_code")).await.unwrap();
        assert_eq!(hs.prop("value").await.unwrap().as_deref(), Some("1101"));

        // Words instead of a code, and no quantity: the codes to choose from, a message for
        // the quantity, and the name typed still there.
        fill(&client, "#f-hs_code", "wheat flour").await;
        fill(&client, "#f-name", "Aigerim Bekova").await;
        fill(&client, "#f-email", "procurement@bakery.af").await;
        fill(&client, "#f-destination", "Kabul, Afghanistan").await;
        fill_date(&client, "#f-deadline", deadline).await;
        submit_and_wait(&client, form, ".error-summary").await;
        let summary =
            client.find(Locator::Css(".error-summary")).await.unwrap().text().await.unwrap();
        assert!(summary.contains("This field is required."), "{summary}");
        let name = client.find(Locator::Css("#f-name")).await.unwrap();
        assert_eq!(name.prop("value").await.unwrap().as_deref(), Some("Aigerim Bekova"));
        client
            .find(Locator::Css("label[for='hs-pick-1101']"))
            .await
            .expect("heading 1101 among the codes for “wheat flour”")
            .click()
            .await
            .unwrap();

        fill(&client, "#f-quantity", "1000").await;
        client.find(Locator::Css("#f-unit")).await.unwrap().select_by_value("t").await.unwrap();
        submit_and_wait(&client, form, "p.notice").await;
        let url = client.current_url().await.unwrap();
        assert_eq!((url.path(), url.query()), ("/rfq/new", Some("done=rfq_sent")));
        let notice = client.find(Locator::Css("p.notice")).await.unwrap().text().await.unwrap();
        assert!(notice.contains("Almost done"), "{notice}");
        screenshot(&client, if javascript { "rfq-js-on" } else { "rfq-js-off" }).await;
        if javascript {
            assert_no_console_errors_but_refusals(&client).await;
        }
        client.close().await.unwrap();
    }
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM rfq WHERE status = 'unconfirmed' AND hs_code = '1101'"
        )
        .await,
        2
    );
}
