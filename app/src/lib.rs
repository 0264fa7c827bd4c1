#![recursion_limit = "512"]
//! The registry's user interface and server functions.
//!
//! Pages render on the server (`ssr`); only `#[island]`s hydrate in the browser (`hydrate`).
//! Everything that touches the database sits behind the `ssr` feature, so the WASM bundle
//! never links sea-orm, sqlx or tokio.

#[cfg(feature = "ssr")]
pub mod auth;
pub mod components;
pub mod domain;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod models;
#[cfg(feature = "ssr")]
pub mod net;
pub mod pages;
pub mod search;

#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod state;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around every page. Runs on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = i18n::resolve_request_locale();
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
    let t = i18n::use_strings();
    view! {
        <Stylesheet id="leptos" href="/pkg/registry.css"/>
        <Title text=t.site_name/>
        <Router>
            <components::layout::Layout>
                // Async: the whole page is rendered before it is sent, so it reads the same with
                // JavaScript off (streamed fallbacks would need JS to be replaced).
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=pages::search::SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/producers/:id") view=pages::detail::ProducerPage ssr=SsrMode::Async/>
                    <Route path=path!("/producers/:id/contact") view=pages::contact::ContactPage ssr=SsrMode::Async/>
                    <Route path=path!("/listings/:id") view=pages::detail::ListingPage ssr=SsrMode::Async/>
                    <Route path=path!("/register") view=pages::account::RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=pages::account::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/terms") view=pages::account::TermsPage ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view=pages::recovery::ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset-password") view=pages::recovery::ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=pages::account::DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/password") view=pages::account::PasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/inquiries") view=pages::inbox::InboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/email") view=pages::account::EmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/company") view=pages::company_form::CompanyPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/listings/new") view=pages::listing_form::NewListingPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/listings/:id/edit") view=pages::listing_form::EditListingPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/listings/:id/delete") view=pages::listing_form::DeleteListingPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/import") view=pages::import::ImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/stats") view=pages::stats::StatsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=pages::admin::QueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/queue") view=pages::admin::QueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/queue/:kind/:id") view=pages::admin::ItemPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/producers/:id") view=pages::admin::ProducerAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=pages::admin::UsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=pages::admin::AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/outbox") view=pages::outbox::OutboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/inquiries") view=pages::reported::ReportedPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/rfq") view=pages::admin_rfq::RfqQueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/claims") view=pages::admin_claims::ClaimsPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/claim/:id") view=pages::claim::ClaimPage ssr=SsrMode::Async/>
                    <Route path=path!("/rfq/new") view=pages::rfq::RfqNewPage ssr=SsrMode::Async/>
                    <Route path=path!("/rfq/view") view=pages::rfq::RfqViewPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/rfq") view=pages::rfq_quotes::ProducerRfqListPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/rfq/:id") view=pages::rfq_quotes::ProducerRfqPage ssr=SsrMode::Async/>
                </Routes>
            </components::layout::Layout>
        </Router>
    }
}
