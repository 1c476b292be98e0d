//! Build script: `insyn init` embeds themes/default in the binary (include_dir), so recompile
//! whenever a theme file changes.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
