//! The build's progress display: a spinner on stderr naming the current step, shown only when
//! stderr is a terminal and the build is still running after a moment (short builds stay quiet).

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::build::Stage;

/// How long a build runs before the spinner appears.
const DELAY: Duration = Duration::from_millis(400);

/// A spinner that may never be drawn.
pub struct Progress {
    bar: Option<ProgressBar>,
    /// Set when the build is over, so that a late timer never shows the spinner.
    done: Arc<Mutex<bool>>,
}

impl Progress {
    /// Starts timing; `quiet` or a non-terminal stderr turns the display off.
    pub fn start(quiet: bool) -> Progress {
        let done = Arc::new(Mutex::new(false));
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None, done };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .expect("the template is valid"),
        );
        let (timer_bar, timer_done) = (bar.clone(), Arc::clone(&done));
        std::thread::spawn(move || {
            std::thread::sleep(DELAY);
            let done = timer_done.lock().unwrap_or_else(|e| e.into_inner());
            if !*done {
                timer_bar.set_draw_target(ProgressDrawTarget::stderr());
                timer_bar.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Progress {
            bar: Some(bar),
            done,
        }
    }

    /// Names the step the build is in.
    pub fn stage(&self, stage: Stage) {
        if let Some(bar) = &self.bar {
            bar.set_message(match stage {
                Stage::Load => "Reading and checking content",
                Stage::Render => "Rendering pages",
                Stage::Index => "Indexing for search",
                Stage::Write => "Writing the site",
            });
        }
    }

    /// Removes the spinner (if it was shown) before the summary is printed.
    pub fn finish(&self) {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        *done = true;
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
