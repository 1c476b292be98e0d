//! The site's colours, defined once: the stylesheet gets them as SCSS variables and the charts
//! use them directly, so the contrast tests below check the colours that are actually shown
//! (WCAG 2.1: 4.5:1 for text, 3:1 for graphics, in both light and dark mode).

use std::fmt::Write as _;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rgb` or `#rrggbb`.
    pub fn parse(hex: &str) -> Option<Rgb> {
        let hex = hex.strip_prefix('#')?;
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        }
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2.1 relative luminance.
    pub fn luminance(self) -> f64 {
        fn channel(c: u8) -> f64 {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }
}

/// WCAG 2.1 contrast ratio, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// Minimum contrast for text (1.4.3) and for graphics such as status shapes (1.4.11).
pub const TEXT_CONTRAST: f64 = 4.5;
pub const GRAPHIC_CONTRAST: f64 = 3.0;

/// One colour scheme (light or dark).
#[derive(Debug, Clone, Copy)]
pub struct Scheme {
    pub name: &'static str,
    pub text: Rgb,
    pub muted: Rgb,
    pub background: Rgb,
    /// Cards, summaries and the footer sit on this.
    pub surface: Rgb,
    pub border: Rgb,
    pub link: Rgb,
    /// Status levels: uppnått/slutförd, delvis/påbörjad, ej uppnått/ej påbörjad, bedöms ej.
    /// They colour shapes and trend arrows (text), so they must reach the text contrast.
    pub good: Rgb,
    pub partial: Rgb,
    pub poor: Rgb,
    pub unassessed: Rgb,
    /// Chart series: women, men and the target line.
    pub women: Rgb,
    pub men: Rgb,
    pub target: Rgb,
}

impl Scheme {
    /// The colours that colour text or text-like glyphs, with their names.
    pub fn text_colours(&self) -> [(&'static str, Rgb); 8] {
        [
            ("text", self.text),
            ("muted", self.muted),
            ("link", self.link),
            ("good", self.good),
            ("partial", self.partial),
            ("poor", self.poor),
            ("unassessed", self.unassessed),
            ("target", self.target),
        ]
    }

    /// The colours used only for graphics (chart lines and markers). Borders are decoration
    /// (cards, table rules) and carry no meaning, so they are not held to 3:1.
    pub fn graphic_colours(&self) -> [(&'static str, Rgb); 2] {
        [("women", self.women), ("men", self.men)]
    }

    /// The backgrounds every colour above may sit on.
    pub fn backgrounds(&self) -> [(&'static str, Rgb); 2] {
        [("background", self.background), ("surface", self.surface)]
    }

    fn all(&self) -> [(&'static str, Rgb); 13] {
        [
            ("text", self.text),
            ("muted", self.muted),
            ("background", self.background),
            ("surface", self.surface),
            ("border", self.border),
            ("link", self.link),
            ("good", self.good),
            ("partial", self.partial),
            ("poor", self.poor),
            ("unassessed", self.unassessed),
            ("women", self.women),
            ("men", self.men),
            ("target", self.target),
        ]
    }
}

pub const LIGHT: Scheme = Scheme {
    name: "light",
    text: Rgb(0x1b, 0x1f, 0x22),
    muted: Rgb(0x4a, 0x53, 0x58),
    background: Rgb(0xff, 0xff, 0xff),
    surface: Rgb(0xf3, 0xf5, 0xf6),
    border: Rgb(0xb1, 0xb4, 0xb6),
    link: Rgb(0x00, 0x5a, 0x8c),
    good: Rgb(0x00, 0x70, 0x3c),
    partial: Rgb(0xa3, 0x52, 0x00),
    poor: Rgb(0xc0, 0x28, 0x1b),
    unassessed: Rgb(0x50, 0x5a, 0x5f),
    women: Rgb(0x8a, 0x1c, 0x7c),
    men: Rgb(0x1d, 0x5a, 0x9e),
    target: Rgb(0x1b, 0x1f, 0x22),
};

pub const DARK: Scheme = Scheme {
    name: "dark",
    text: Rgb(0xee, 0xf0, 0xf1),
    muted: Rgb(0xc3, 0xc8, 0xcb),
    background: Rgb(0x11, 0x14, 0x16),
    surface: Rgb(0x1d, 0x22, 0x25),
    border: Rgb(0x5d, 0x66, 0x6b),
    link: Rgb(0x8c, 0xc8, 0xf0),
    good: Rgb(0x4f, 0xc0, 0x7f),
    partial: Rgb(0xf0, 0xa6, 0x4a),
    poor: Rgb(0xff, 0x7a, 0x6b),
    unassessed: Rgb(0xaa, 0xb3, 0xb8),
    women: Rgb(0xf0, 0x8c, 0xe0),
    men: Rgb(0x7c, 0xb8, 0xf5),
    target: Rgb(0xee, 0xf0, 0xf1),
};

/// The schemes as SCSS variables (`$light-good: #00703c;` …), prepended to the stylesheet.
pub fn scss_variables() -> String {
    let mut out = String::new();
    for scheme in [LIGHT, DARK] {
        for (name, colour) in scheme.all() {
            let _ = writeln!(out, "${}-{name}: {};", scheme.name, colour.hex());
        }
    }
    out
}

/// Whether white header text is readable on the organisation's accent colour, which the theme
/// uses for the header and for links in light mode.
pub fn accent_is_readable(accent: Rgb) -> bool {
    contrast(accent, Rgb(0xff, 0xff, 0xff)) >= TEXT_CONTRAST
        && contrast(accent, LIGHT.surface) >= TEXT_CONTRAST
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_the_wcag_formula() {
        let black = Rgb(0, 0, 0);
        let white = Rgb(255, 255, 255);
        assert!((contrast(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast(white, white) - 1.0).abs() < 1e-9);
        // Known pair: #767676 on white is the classic 4.54:1 minimum grey.
        let grey = Rgb::parse("#767676").unwrap();
        assert!((contrast(grey, white) - 4.54).abs() < 0.01);
        // Order does not matter.
        assert_eq!(contrast(grey, black), contrast(black, grey));
    }

    #[test]
    fn parses_hex_colours() {
        assert_eq!(Rgb::parse("#005a8c"), Some(Rgb(0, 0x5a, 0x8c)));
        assert_eq!(Rgb::parse("#fff"), Some(Rgb(255, 255, 255)));
        assert_eq!(Rgb::parse("005a8c"), None);
        assert_eq!(Rgb::parse("#12345"), None);
        assert_eq!(Rgb(0, 0x5a, 0x8c).hex(), "#005a8c");
    }

    #[test]
    fn status_and_text_colours_reach_text_contrast_in_both_schemes() {
        for scheme in [LIGHT, DARK] {
            for (bg_name, bg) in scheme.backgrounds() {
                for (name, colour) in scheme.text_colours() {
                    let ratio = contrast(colour, bg);
                    assert!(
                        ratio >= TEXT_CONTRAST,
                        "{} {name} {} on {bg_name} {}: {ratio:.2}:1 < 4.5:1",
                        scheme.name,
                        colour.hex(),
                        bg.hex()
                    );
                }
            }
        }
    }

    #[test]
    fn graphic_colours_reach_graphic_contrast_in_both_schemes() {
        for scheme in [LIGHT, DARK] {
            for (bg_name, bg) in scheme.backgrounds() {
                for (name, colour) in scheme.graphic_colours() {
                    let ratio = contrast(colour, bg);
                    assert!(
                        ratio >= GRAPHIC_CONTRAST,
                        "{} {name} {} on {bg_name} {}: {ratio:.2}:1 < 3:1",
                        scheme.name,
                        colour.hex(),
                        bg.hex()
                    );
                }
            }
        }
    }

    #[test]
    fn status_levels_have_distinct_colours() {
        // Shape and text carry the status; this only guards against two levels collapsing
        // into one colour by a careless edit.
        for scheme in [LIGHT, DARK] {
            let levels = [scheme.good, scheme.partial, scheme.poor, scheme.unassessed];
            for (i, a) in levels.iter().enumerate() {
                for b in &levels[i + 1..] {
                    assert_ne!(a, b, "{}: two status levels share a colour", scheme.name);
                }
            }
        }
    }

    #[test]
    fn scss_variables_carry_every_colour_of_both_schemes() {
        let scss = scss_variables();
        assert!(scss.contains("$light-good: #00703c;"));
        assert!(scss.contains("$dark-poor: #ff7a6b;"));
        assert_eq!(scss.lines().count(), 26);
    }

    #[test]
    fn accent_colour_check() {
        assert!(accent_is_readable(Rgb::parse("#005a8c").unwrap()));
        assert!(!accent_is_readable(Rgb::parse("#ffdd00").unwrap()));
    }
}
