//! Header, language switcher and footer around every page.

use crate::foundations::i18n::{Locale, use_locale, use_strings};
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = use_strings();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <a class="brand" href="/">{t.site_name}</a>
            <nav aria-label=t.nav_search>
                <a href="/search">{t.nav_search}</a>
                <a href="/rfq/new">{t.nav_rfq}</a>
                <a href="/stats">{t.nav_stats}</a>
                {is_admin().then(|| view! { <a href="/admin/queue">{t.nav_admin}</a> })}
                {if signed_in() {
                    view! { <a href="/account">{t.nav_account}</a> }.into_any()
                } else {
                    view! {
                        <a href="/login">{t.nav_login}</a>
                        <a href="/register">{t.nav_register}</a>
                    }
                        .into_any()
                }}
            </nav>
            <LanguageSwitcher/>
        </header>
        <main id="main">{children()}</main>
        <footer class="site-footer">
            <p>{t.footer_data}</p>
        </footer>
    }
}

/// Plain links: choosing a language sets a cookie and comes back to the same page, with or
/// without JavaScript.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let t = use_strings();
    let current = use_locale();
    let here = current_path();
    view! {
        <nav class="languages" aria-label=t.nav_language>
            <ul>
                {Locale::ALL
                    .iter()
                    .map(|&locale| {
                        let href = format!("/lang/{}?next={}", locale.code(), encode_component(&here));
                        view! {
                            <li>
                                <a
                                    href=href
                                    hreflang=locale.code()
                                    lang=locale.code()
                                    aria-current=(locale == current).then_some("true")
                                >
                                    {locale.strings().language_name}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

fn is_admin() -> bool {
    #[cfg(feature = "ssr")]
    return crate::foundations::auth::current_user().is_some_and(|u| u.is_admin());
    #[cfg(not(feature = "ssr"))]
    false
}

fn signed_in() -> bool {
    #[cfg(feature = "ssr")]
    return crate::foundations::auth::current_user().is_some();
    #[cfg(not(feature = "ssr"))]
    false
}

fn current_path() -> String {
    #[cfg(feature = "ssr")]
    if let Some(parts) = use_context::<http::request::Parts>() {
        return parts.uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
    }
    "/".to_owned()
}

/// Percent-encodes a URL query component (RFC 3986 unreserved characters pass through).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
