//! Where a link goes when the person opens it (a browser, this computer's screen, or the
//! link panel), and the link panel: one link in full, with a QR code and a copy key.

use crate::links::{OpenFailure, Target};
use crate::text::sanitize;

use super::{Action, Effect, Question, Status, Walk};

/// The link panel: one link shown in full, with a QR code and a copy key, for when no
/// browser can open on this machine (SSH, no desktop) or the browser failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    /// The page and the link on it (in page order).
    pub page: usize,
    pub link: usize,
    /// Why the browser did not open, when it was tried.
    pub failure: Option<OpenFailure>,
    /// The link was copied to the clipboard.
    pub copied: bool,
}

impl Walk {
    /// The URL of link `link` (in page order) on page `page`, made safe to show.
    pub fn link_url(&self, page: usize, link: usize) -> Option<String> {
        let url = self.script.pages.get(page)?.links().nth(link)?.url;
        Some(sanitize(url))
    }

    pub(super) fn panel_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(panel) = &mut self.panel else {
            return vec![];
        };
        let url = self.script.pages[panel.page]
            .links()
            .nth(panel.link)
            .map(|l| l.url.to_owned());
        match action {
            Action::Copy(_) => {
                panel.copied = true;
                url.map(Effect::Copy).into_iter().collect()
            }
            // With a desktop here, Enter sends the link to this computer's screen (the
            // panel stays until it is there, or says why not); otherwise it closes.
            Action::Activate if self.setup.desktop => {
                panel.failure = None;
                self.status = Some(Status::OpeningOnDesktop);
                url.map(Effect::OpenOnDesktop).into_iter().collect()
            }
            Action::Close | Action::Activate => {
                self.panel = None;
                vec![]
            }
            // "Stop?" over the panel: the safe answer comes back to it.
            Action::Quit => {
                self.ask(Question::Quit);
                vec![]
            }
            _ => vec![],
        }
    }

    pub(super) fn open_failed(&mut self, failure: OpenFailure) {
        // The browser did not come: show the link here instead, with the reason.
        if let Some(panel) = &mut self.panel {
            panel.failure = Some(failure);
            self.status = None;
            return;
        }
        self.status = None;
        match self.opened.take() {
            Some((page, link)) if page == self.page => {
                self.status = None;
                self.panel = Some(Panel {
                    page,
                    link,
                    failure: Some(failure),
                    copied: false,
                });
            }
            _ => self.status = Some(Status::OpenFailed(failure)),
        }
    }

    /// Sends link `i` where links go: the browser, or the link panel.
    pub(super) fn open(&mut self, i: usize) -> Vec<Effect> {
        let Some(url) = self.page().links().nth(i).map(|l| l.url.to_owned()) else {
            return vec![];
        };
        match self.setup.links {
            Target::Browser => {
                self.status = Some(Status::Opening);
                self.opened = Some((self.page, i));
                vec![Effect::OpenLink(url)]
            }
            Target::Desktop if self.setup.desktop => {
                self.status = Some(Status::OpeningOnDesktop);
                self.opened = Some((self.page, i));
                vec![Effect::OpenOnDesktop(url)]
            }
            Target::Show | Target::Desktop => {
                self.status = None;
                self.panel = Some(Panel {
                    page: self.page,
                    link: i,
                    // `--links desktop` without a desktop: the panel says why.
                    failure: (self.setup.links == Target::Desktop)
                        .then_some(OpenFailure::NoDesktop),
                    copied: false,
                });
                vec![]
            }
        }
    }
}
