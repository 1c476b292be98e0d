//! Insyn: a static site generator for public transparency.
//!
//! The pipeline runs one way: `config` → `content` (load) → `link` (validate into `model`) →
//! `render` → `output` (staged write and swap). `build` ties them together.

pub mod build;
pub mod config;
pub mod content;
pub mod dev;
pub mod diagnostics;
pub mod import;
pub mod link;
pub mod model;
pub mod output;
pub mod render;
pub mod search;
pub mod slug;
pub mod timings;
