//! A buyer writes to a producer from a product's page in Chromium, with JavaScript off and on
//! (issue 10): a refused post keeps what was typed and says what is wrong, an accepted one says
//! that a confirmation link is on its way.

use crate::admin::signed_in_admin;
use crate::browser::{
    ChromeDriver, assert_no_console_errors_but_refusals, browser, fill, screenshot, seeded,
    submit_and_wait,
};
use crate::friction::published_by;
use crate::helpers::Backend;
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buyer_writes_to_a_producer_from_a_product_page_with_javascript_off_and_on() {
    let app = seeded(Backend::Sqlite).await;
    let admin = signed_in_admin(&app, "mod@registry.kz").await;
    let (producer, listing) =
        published_by(&app, &admin, &crate::helpers::browser(), "mill@kostanay-muka.kz").await;
    let driver = ChromeDriver::start();
    let form = format!("form[action='/producers/{producer}/contact']");
    for javascript in [false, true] {
        let client = browser(&driver, javascript).await;
        client.goto(&app.url(&format!("/listings/{listing}"))).await.unwrap();
        client
            .find(Locator::Css("[data-testid='write-to-producer']"))
            .await
            .expect("the product page offers the form")
            .click()
            .await
            .unwrap();
        client.wait().for_element(Locator::Css(&form)).await.expect("the contact form");
        let product = client.find(Locator::Css("#f-product")).await.unwrap();
        assert_eq!(product.prop("value").await.unwrap().as_deref(), Some("Мука пшеничная"));

        // Refused: the message is too short and no address given; what was typed stays.
        fill(&client, "#f-name", "Aigerim Bekova").await;
        fill(&client, "#f-message", "Price?").await;
        submit_and_wait(&client, &form, ".error-summary").await;
        let summary =
            client.find(Locator::Css(".error-summary")).await.unwrap().text().await.unwrap();
        assert!(summary.contains("Enter at least 10 characters."), "{summary}");
        let name = client.find(Locator::Css("#f-name")).await.unwrap();
        assert_eq!(name.prop("value").await.unwrap().as_deref(), Some("Aigerim Bekova"));

        fill(&client, "#f-email", "aigerim@flour-buyer.af").await;
        fill(&client, "#f-message", "We buy 500 t of first-grade flour a month.").await;
        submit_and_wait(&client, &form, "p.notice").await;
        let url = client.current_url().await.unwrap();
        assert_eq!(url.path(), format!("/producers/{producer}/contact"));
        assert_eq!(url.query(), Some("done=inquiry_sent"));
        let notice = client.find(Locator::Css("p.notice")).await.unwrap().text().await.unwrap();
        assert!(notice.contains("Almost done"), "{notice}");
        let name = if javascript { "inquiry-js-on" } else { "inquiry-js-off" };
        screenshot(&client, name).await;
        if javascript {
            assert_no_console_errors_but_refusals(&client).await;
        }
        client.close().await.unwrap();
    }
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM inquiry WHERE status = 'unconfirmed'").await,
        2
    );
}
