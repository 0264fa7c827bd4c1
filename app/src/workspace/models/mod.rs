//! View models the services of this journey return; islands and server functions
//! deserialize them in the browser too, so they are not server-only.

pub mod account;
pub mod forms;
