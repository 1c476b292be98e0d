//! A plan document's plan: its introduction, goals (a heading followed by its organ tag),
//! political assignments, vision and perspectives.

use super::document::{
    ImportedAssignment, ImportedGoal, ImportedPlan, ImportedReport, Item, NOTE_CLOSE, NOTE_OPEN,
    items_markdown,
};
use super::overrides::PlanSpec;
use super::parse::{organ_tag, split_organ_tag};
use crate::import::clean::Footnote;
use crate::slug::slugify;

/// The items of the section under the heading starting at `line`, without the heading.
fn section(items: &[Item], line: usize) -> Option<&[Item]> {
    let start = items
        .iter()
        .position(|i| matches!(i, Item::Heading { first, .. } if *first == line))?;
    let Item::Heading { level, .. } = &items[start] else {
        return None;
    };
    let end = items[start + 1..]
        .iter()
        .position(|i| matches!(i, Item::Heading { level: l, .. } if l <= level))
        .map_or(items.len(), |p| start + 1 + p);
    Some(&items[start + 1..end])
}

fn item_lines(item: &Item) -> Option<(usize, usize)> {
    match item {
        Item::Heading { first, last, .. }
        | Item::Paragraph { first, last, .. }
        | Item::Bullet { first, last, .. }
        | Item::Preformatted { first, last, .. } => Some((*first, *last)),
        _ => None,
    }
}

/// Reads the plan a plan document holds, as the overrides' `[plan]` locates it; its
/// perspectives are listed after one of `list_after` (the import profile's
/// `perspective_list_after`).
pub(super) fn parse_plan(
    report: &ImportedReport,
    spec: &PlanSpec,
    list_after: &[String],
) -> Result<ImportedPlan, Vec<String>> {
    let mut errors = Vec::new();
    let items = &report.items;
    let goals_items = section(items, spec.goals_section);
    let assignment_items = section(items, spec.assignments_section);
    if goals_items.is_none() {
        errors.push(not_a_heading(spec.goals_section, "goals_section"));
    }
    if assignment_items.is_none() {
        errors.push(not_a_heading(
            spec.assignments_section,
            "assignments_section",
        ));
    }
    let intro = plan_intro(items, spec, &mut errors);
    let (Some(goals_items), Some(assignment_items)) = (goals_items, assignment_items) else {
        return Err(errors);
    };
    let goals = plan_goals(goals_items, &report.footnotes);
    check_goal_specs(&goals, spec, &mut errors);
    let assignments = plan_assignments(assignment_items, &mut errors);
    let paragraphs: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Paragraph { text, .. } => Some(without_note_markers(text)),
            _ => None,
        })
        .collect();
    let vision = paragraphs.iter().find_map(|t| vision(t));
    let perspectives = paragraphs
        .iter()
        .find_map(|t| perspectives(t, list_after))
        .unwrap_or_default();
    check_perspectives(&perspectives, spec, list_after, &mut errors);
    let first_line = spec
        .intro_sections
        .iter()
        .copied()
        .min()
        .unwrap_or(spec.goals_section);
    let last_line = assignments
        .iter()
        .map(|a| a.last_line)
        .max()
        .unwrap_or(spec.assignments_section);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ImportedPlan {
        spec: spec.clone(),
        vision,
        perspectives,
        intro: items_markdown(&intro, &report.footnotes),
        goals,
        assignments,
        first_line,
        last_line,
    })
}

fn not_a_heading(line: usize, what: &str) -> String {
    format!("overrides: [plan] {what} = {line} is not the first line of a heading")
}

fn without_note_markers(text: &str) -> String {
    text.chars()
        .filter(|c| *c != NOTE_OPEN && *c != NOTE_CLOSE)
        .collect()
}

/// The introduction: each intro section's heading as a chapter, and its text up to its
/// first sub-heading.
fn plan_intro(items: &[Item], spec: &PlanSpec, errors: &mut Vec<String>) -> Vec<Item> {
    let mut intro: Vec<Item> = Vec::new();
    for &line in &spec.intro_sections {
        let heading = items
            .iter()
            .find(|i| matches!(i, Item::Heading { first, .. } if *first == line));
        match (heading, section(items, line)) {
            (
                Some(Item::Heading {
                    text, first, last, ..
                }),
                Some(body),
            ) => {
                intro.push(Item::Heading {
                    level: 2,
                    text: text.clone(),
                    first: *first,
                    last: *last,
                });
                intro.extend(
                    body.iter()
                        .take_while(|i| !matches!(i, Item::Heading { .. }))
                        .cloned(),
                );
            }
            _ => errors.push(not_a_heading(line, "intro_sections")),
        }
    }
    intro
}

/// The goals of the goals section: each a heading whose first paragraph is its organ tag,
/// with the text up to the next heading as its body.
fn plan_goals(goals_items: &[Item], footnotes: &[Footnote]) -> Vec<ImportedGoal> {
    let mut goals: Vec<ImportedGoal> = Vec::new();
    let mut i = 0;
    while i < goals_items.len() {
        if let (
            Item::Heading {
                text, first, last, ..
            },
            Some(Item::Paragraph { text: tag, .. }),
        ) = (&goals_items[i], goals_items.get(i + 1))
            && let Some(organs) = organ_tag(tag)
        {
            let body_end = goals_items[i + 2..]
                .iter()
                .position(|x| matches!(x, Item::Heading { .. }))
                .map_or(goals_items.len(), |p| i + 2 + p);
            let body = &goals_items[i + 2..body_end];
            let last_line = body
                .iter()
                .filter_map(item_lines)
                .map(|(_, l)| l)
                .max()
                .unwrap_or(*last);
            goals.push(ImportedGoal {
                id: slugify(text),
                title: text.clone(),
                organs,
                body: items_markdown(body, footnotes),
                first_line: *first,
                last_line,
            });
            i = body_end;
        } else {
            i += 1;
        }
    }
    goals
}

/// Every goal needs its `[plan.goals.<id>]`, and every such entry a goal.
fn check_goal_specs(goals: &[ImportedGoal], spec: &PlanSpec, errors: &mut Vec<String>) {
    for g in goals {
        if !spec.goals.contains_key(&g.id) {
            errors.push(format!(
                "overrides: [plan.goals.{}] is missing: give the goal's perspective (and predecessor, if it continues a goal of an earlier plan)",
                g.id
            ));
        }
    }
    for id in spec.goals.keys() {
        if !goals.iter().any(|g| &g.id == id) {
            errors.push(format!(
                "overrides: [plan.goals.{id}] names no goal of the plan; the goals are {}",
                goals
                    .iter()
                    .map(|g| g.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
}

/// The list items of the assignments section, each with its organ tag.
fn plan_assignments(items: &[Item], errors: &mut Vec<String>) -> Vec<ImportedAssignment> {
    let assignments: Vec<ImportedAssignment> = items
        .iter()
        .filter_map(|item| match item {
            Item::Bullet { text, first, last } => {
                let (text, organs) = split_organ_tag(text);
                Some(ImportedAssignment {
                    text,
                    organs,
                    first_line: *first,
                    last_line: *last,
                })
            }
            _ => None,
        })
        .collect();
    for a in assignments.iter().filter(|a| a.organs.is_empty()) {
        errors.push(format!(
            "line {}: the assignment has no organ tag such as (RS)",
            a.first_line
        ));
    }
    assignments
}

/// The vision is quoted: `Regionens vision är ”…”`.
fn vision(paragraph: &str) -> Option<String> {
    let at = paragraph.find("vision är ”")?;
    let rest = &paragraph[at + "vision är ”".len()..];
    Some(rest[..rest.find('”')?].to_string())
}

/// The perspectives are listed after one of `list_after`: `inom fem olika perspektiv;
/// Samhälle, …, och Ekonomi`.
fn perspectives(paragraph: &str, list_after: &[String]) -> Option<Vec<String>> {
    let rest = list_after.iter().find_map(|marker| {
        let at = paragraph.find(marker.as_str())?;
        Some(&paragraph[at + marker.len()..])
    })?;
    let list = &rest[..rest.find('.')?];
    Some(
        list.replace(" och ", ", ")
            .split(", ")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

/// The perspectives must be found, and each goal's must be one of them.
fn check_perspectives(
    perspectives: &[String],
    spec: &PlanSpec,
    list_after: &[String],
    errors: &mut Vec<String>,
) {
    if perspectives.is_empty() {
        errors.push(if list_after.is_empty() {
            "the plan's perspectives were not found: the import profile has no `perspective_list_after` (what the sentence listing them writes before the list, e.g. [\"perspektiv;\"])".into()
        } else {
            format!(
                "the plan's perspectives were not found (a sentence listing them after {}, the import profile's `perspective_list_after`)",
                list_after
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )
        });
    }
    for (id, g) in &spec.goals {
        if !perspectives.iter().any(|p| slugify(p) == g.perspective) {
            errors.push(format!(
                "overrides: goal {id} has perspective `{}`, which is not one of the plan's: {}",
                g.perspective,
                perspectives
                    .iter()
                    .map(|p| slugify(p))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_perspectives_are_listed_after_the_profiles_words() {
        let norrbotten = ["perspektiv;".to_string(), "perspektiv:".to_string()];
        let kommun = ["fyra målområden:".to_string()];
        let text = "Kommunen arbetar med fyra målområden: Invånare, Process, Medarbetare och Ekonomi. Mer text.";
        assert_eq!(
            perspectives(text, &kommun).unwrap(),
            ["Invånare", "Process", "Medarbetare", "Ekonomi"]
        );
        assert_eq!(perspectives(text, &norrbotten), None);
        assert_eq!(
            perspectives(
                "inom fem olika perspektiv; Samhälle och Ekonomi.",
                &norrbotten
            )
            .unwrap(),
            ["Samhälle", "Ekonomi"]
        );
    }
}
