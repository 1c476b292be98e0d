//! `insyn init <dir>`: writes a new site skeleton — config, a little content of every kind and
//! the default theme — that builds as it is. The theme is embedded in the binary, so `init`
//! works from any folder.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

/// The default theme, as it was when the binary was compiled (`build.rs` recompiles on change).
static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The skeleton's files besides the theme: path below the new site and text.
const SKELETON: &[(&str, &str)] = &[
    (
        "insyn.toml",
        r##"# Site config. See the README section "Site config" for every key.
title = "Insyn Exempelregionen"
base_url = "https://example.org/"
language = "sv"
theme = "default"
output_dir = "public"
allow_raw_html = false

[organisation]
name = "Exempelregionen"
accent_color = "#005a8c"

# What the organisation calls the parts of its plans, as the pages write them. A noun left
# out is said as regionen, perspektiv, strategiskt mål, framgångsfaktor and styrmått. The
# council is the assembly the boards' proposals go to: "Förslag till regionfullmäktige".
[terms]
council = "regionfullmäktige"     # a municipality: "kommunfullmäktige"
# A municipality with goal areas, goals, sub-goals and indicators would also write:
# organisation = { definite = "kommunen", genitive = "kommunens" }
# perspective = { singular = "målområde", definite = "målområdet", plural = "målområden" }
# goal = { singular = "mål", definite = "målet", plural = "mål" }
# factor = { singular = "delmål", definite = "delmålet", plural = "delmål" }
# measure = { singular = "indikator", definite = "indikatorn", plural = "indikatorer" }
"##,
    ),
    (".gitignore", "/public/\n"),
    (
        "content/organ/rs.md",
        r#"+++
name = "Regionstyrelsen"
abbreviation = "RS"
+++
Regionstyrelsen leder och samordnar regionens verksamhet.
"#,
    ),
    (
        "content/planer/2025-2027/_index.md",
        r#"+++
title = "Strategisk plan 2025–2027"
start = 2025
end = 2027
vision = "Ett län där alla kan leva ett gott liv."

[[perspectives]]
id = "medborgare"
name = "Medborgare"
description = "Perspektivet beskriver hur regionen möter medborgarnas behov."
+++
Planen anger regionens strategiska mål för perioden.
"#,
    ),
    (
        "content/planer/2025-2027/tillganglig-vard.md",
        r#"+++
title = "Tillgänglig vård"
perspective = "medborgare"
order = 1
organs = ["rs"]

[[assessments]]
report = "delarsrapport-april-2025"
status = "delvis-uppnatt"
status_source = "text"
text = "Prognosen är att målet delvis uppnås."

[[factors]]
id = "digitala-vardmoten"
title = "Digitala vårdmöten"
organs = ["rs"]
measures = ["antal-digitala-vardmoten"]
+++
Vården ska vara lätt att nå i hela länet.
"#,
    ),
    (
        "content/matt/antal-digitala-vardmoten.md",
        r#"+++
name = "Antal digitala vårdmöten"
kind = "styrmatt"
organs = ["rs"]
unit = "antal"
direction = "hogre"
+++
Vårdmöten som hålls via video eller chatt.
"#,
    ),
    (
        "content/matt/antal-digitala-vardmoten.csv",
        "report;group;baseline;target;target_value;outcome;status;status_source;trend;comment;source\n\
         delarsrapport-april-2025;totalt;10 000;20000;;12 500;;beraknad;forbattring;Utfallet avser januari–april.;\n",
    ),
    (
        "content/rapporter/delarsrapport-april-2025.md",
        r#"+++
title = "Delårsrapport per april 2025"
kind = "delarsrapport"
period = "2025-04"
organ = "rs"

[[key_figures]]
label = "Digitala vårdmöten"
value = "12 500"
unit = "st"
+++
## Inledning

Rapporten följer upp den strategiska planens mål.
"#,
    ),
    (
        "content/protokoll/rs/2025-03-12/_index.md",
        r#"+++
place = "Regionhuset"
+++
"#,
    ),
    (
        "content/protokoll/rs/2025-03-12/1.md",
        r#"+++
number = 1
title = "Val av justerare"
dnr = []

[decision]
kind = "beslut"
text = "Regionstyrelsen utser två ledamöter att justera protokollet."
+++
## Ärendet

Protokollet ska justeras av två ledamöter.
"#,
    ),
    (
        "content/sidor/om.md",
        r#"+++
title = "Om webbplatsen"
+++
Här redovisar regionen sina mål, mått, rapporter och protokoll.
"#,
    ),
];

/// Writes the skeleton into `dir` (created if missing), refusing a folder that has anything in
/// it. Returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, String> {
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(format!(
                    "{} is not empty; init writes only into a new or empty folder",
                    dir.display()
                ));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot read {}: {e}", dir.display())),
    }
    write_all(dir).map_err(|e| format!("cannot write the site into {}: {e}", dir.display()))
}

fn write_all(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (rel, text) in SKELETON {
        written.push(write(&dir.join(rel), text.as_bytes())?);
    }
    let theme = dir.join("themes").join("default");
    for file in theme_files(&DEFAULT_THEME) {
        written.push(write(&theme.join(file.path()), file.contents())?);
    }
    Ok(written)
}

fn write(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, bytes)?;
    Ok(path.to_path_buf())
}

/// Every file of an embedded folder, depth first.
fn theme_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(theme_files(sub));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commented_terms_example_is_a_valid_config() {
        let config = SKELETON
            .iter()
            .find(|(path, _)| *path == "insyn.toml")
            .unwrap()
            .1;
        let uncommented: String = config
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if rest.contains(" = {") => rest,
                _ => line,
            })
            .map(|line| format!("{line}\n"))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("insyn.toml");
        fs::write(&path, uncommented).unwrap();
        let terms = crate::config::Config::load(&path).unwrap().terms;
        assert_eq!(terms.perspective.plural, "målområden");
        assert_eq!(terms.measure.singular, "indikator");
        assert_eq!(terms.organisation.genitive, "kommunens");
        assert_eq!(terms.council, "regionfullmäktige");
    }

    #[test]
    fn the_theme_is_embedded() {
        let names: Vec<String> = theme_files(&DEFAULT_THEME)
            .iter()
            .map(|f| f.path().to_string_lossy().replace('\\', "/"))
            .collect();
        assert!(names.contains(&"templates/base.html".to_string()));
        assert!(names.contains(&"sass/main.scss".to_string()));
    }

    #[test]
    fn refuses_a_folder_with_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("x.txt"), "x").unwrap();
        let err = init(dir.path()).unwrap_err();
        assert!(err.contains("not empty"), "{err}");
        assert!(!dir.path().join("insyn.toml").exists());
    }
}
