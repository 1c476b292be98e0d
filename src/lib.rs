//! Insyn: a static site generator for public transparency.
//!
//! The pipeline runs one way: `config` → `content` (load) → `link` (validate into `model`) →
//! `xref` and `indexes` (cross-references, derived indexes) → `render` and `search` side by
//! side → `output` (staged write and swap). `build` ties them together; `serve` rebuilds
//! through `incremental`, which only it uses. Below all stages sit `routes` (every URL and
//! content folder), `markdown`, `slug`, `palette` and `diagnostics`.

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod dev;
pub mod diagnostics;
pub mod import;
pub mod incremental;
pub mod indexes;
pub mod init;
pub mod link;
pub mod markdown;
pub mod model;
pub mod output;
pub mod palette;
pub mod progress;
pub mod render;
pub mod routes;
pub mod search;
pub mod serve;
pub mod slug;
pub mod timings;
pub mod xref;
