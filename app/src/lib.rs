#![recursion_limit = "512"]
//! The registry's user interface and server functions.
//!
//! Pages render on the server (`ssr`); only `#[island]`s hydrate in the browser (`hydrate`).
//! Everything that touches the database sits behind the `ssr` feature, so the WASM bundle
//! never links sea-orm, sqlx or tokio.

pub mod administration;
pub mod catalogue;
pub mod contact;
pub mod foundations;
#[cfg(feature = "ssr")]
pub mod state;
pub mod workspace;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around every page. Runs on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = foundations::i18n::resolve_request_locale();
    provide_context(locale);
    islands_only();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                {page_has_islands().then(|| view! { <HydrationScripts options=options islands=true/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Whether the page asked for holds islands: the home page's search box and the HS picker of the
/// product and request forms (a refused post renders at the same path). Only those pages load
/// the WASM front end, most of a first visit's bytes; every other page is whole as HTML and, on a
/// slow mobile link, arrives that much sooner. An island added to another page must be named here: its
/// browser test fails otherwise, as it never hydrates.
fn page_has_islands() -> bool {
    #[cfg(feature = "ssr")]
    if let Some(parts) = use_context::<http::request::Parts>() {
        let path = parts.uri.path();
        return matches!(path, "/" | "/rfq/new" | "/account/listings/new")
            || (path.starts_with("/account/listings/") && path.ends_with("/edit"));
    }
    true
}

/// What `HydrationScripts` in islands mode does first, done on every page: resources are not
/// serialized into the page (only islands hydrate, and they get their data as props), so a page
/// carries neither the weight nor the data of its server-side loads.
fn islands_only() {
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let t = foundations::i18n::use_strings();
    view! {
        <Stylesheet id="leptos" href="/pkg/registry.css"/>
        <Title text=t.site_name/>
        <Router>
            <foundations::components::layout::Layout>
                // Async: the whole page is rendered before it is sent, so it reads the same with
                // JavaScript off (streamed fallbacks would need JS to be replaced).
                <Routes fallback=foundations::pages::not_found::NotFound>
                    <Route path=path!("/") view=catalogue::pages::home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=catalogue::pages::search::SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/producers/:id") view=catalogue::pages::detail::ProducerPage ssr=SsrMode::Async/>
                    <Route path=path!("/producers/:id/contact") view=contact::pages::contact::ContactPage ssr=SsrMode::Async/>
                    <Route path=path!("/listings/:id") view=catalogue::pages::detail::ListingPage ssr=SsrMode::Async/>
                    <Route path=path!("/register") view=workspace::pages::account::RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=workspace::pages::account::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/terms") view=workspace::pages::account::TermsPage ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view=workspace::pages::recovery::ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset-password") view=workspace::pages::recovery::ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=workspace::pages::account::DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/password") view=workspace::pages::account::PasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/inquiries") view=workspace::pages::inbox::InboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/email") view=workspace::pages::account::EmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/company") view=workspace::pages::company_form::CompanyPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/listings/new") view=workspace::pages::listing_form::NewListingPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/listings/:id/edit") view=workspace::pages::listing_form::EditListingPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/listings/:id/delete") view=workspace::pages::listing_form::DeleteListingPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/import") view=workspace::pages::import::ImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/stats") view=catalogue::pages::stats::StatsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=administration::pages::admin::QueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/queue") view=administration::pages::admin::QueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/queue/:kind/:id") view=administration::pages::admin::ItemPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/producers/:id") view=administration::pages::admin::ProducerAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=administration::pages::admin::UsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=administration::pages::admin::AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/outbox") view=administration::pages::outbox::OutboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/inquiries") view=administration::pages::reported::ReportedPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/rfq") view=administration::pages::admin_rfq::RfqQueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/claims") view=administration::pages::admin_claims::ClaimsPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/claim/:id") view=contact::pages::claim::ClaimPage ssr=SsrMode::Async/>
                    <Route path=path!("/rfq/new") view=contact::pages::rfq::RfqNewPage ssr=SsrMode::Async/>
                    <Route path=path!("/rfq/view") view=contact::pages::rfq::RfqViewPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/rfq") view=contact::pages::rfq_quotes::ProducerRfqListPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/rfq/:id") view=contact::pages::rfq_quotes::ProducerRfqPage ssr=SsrMode::Async/>
                </Routes>
            </foundations::components::layout::Layout>
        </Router>
    }
}
