//! The wasm boundary. PLACEHOLDER.
