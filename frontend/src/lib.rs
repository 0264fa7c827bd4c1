//! The browser entry point: it only wakes up the islands that `app` rendered on the server.

// Keep the glob import: island entry points are only generated for crates referenced here.
#[allow(unused_imports)]
use app::*;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
