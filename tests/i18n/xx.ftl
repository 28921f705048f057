# A made-up language, xx, for tests/languages.rs: every message of i18n/en.ftl, each marked
# "[xx]" so a test can tell the app's xx words from the English ones. Loaded with
# `--catalogs tests/i18n`. xx has no plural rules of its own: selects take their default.

language-name = Xxish

too-small-short = [xx] Make the window larger
no-opener = [xx] No program that opens links was found on this computer.
terminal-browser = [xx] The browser set up here only works inside this window.
opener-failed = [xx] The browser did not open.
no-answer = [xx] Opening has started, but there is no answer yet. Check whether the page is on this computer’s screen.
help-panel-enter = [xx] open on this computer’s screen (when someone is logged in there with this account); otherwise close
desktop-offer = [xx] Press Enter to open the page on this computer’s screen, for the person sitting there.
opening-on-desktop = [xx] The page is opening on this computer’s screen…
on-desktop = [xx] The page is now open on this computer’s screen.
desktop-failed = [xx] Opening on this computer’s screen did not work.
no-desktop = [xx] No screen was found on this computer to open the link on.
opening = [xx] The link is opening in your browser.
qr-scan = [xx] Scan the QR code with your phone’s camera. Then tap the link that appears. Log in if you are asked to. The page then opens on your phone.
copy-hint = [xx] Or press c to copy the link. Then paste it into your browser.
copied = [xx] Link copied. Paste it into your browser.
copy-caveat = [xx] Paste does not work? Then copying does not work in this window. Type the link instead.
qr-too-small = [xx] Make the window larger to see the QR code.
instead = [xx] Use the QR code instead, or copy the link.
scroll-more = [xx] ↓ more
open-in-browser = [xx] Open this address in your browser:
first-step = [xx] This is the first step.
last-step = [xx] This is the last step.
not-understood = [xx] I did not understand that. Choose one of these:
checklist = [xx] Checklist
sources = [xx] Sources
email-label = [xx] Your email address (of this account):
empty-field = [xx] (empty)
enter-more = [xx] read more
enter-open = [xx] open
enter-choose = [xx] choose
enter-copy = [xx] copy
enter-next = [xx] go on
help-safe-answer = [xx] the safe answer (go on, remove nothing)
plain-empty-field = [xx] (empty: choose its number to type)
reason-prompt = [xx] Pick a reason (optional):
own-reason = [xx] Write my own reason
no-reason = [xx] No reason
nothing-to-copy = [xx] There is nothing to copy yet.
sources-title = [xx] Sources
sources-all = [xx] All sources of this walkthrough:
help-title = [xx] Keys
help-typing = [xx] Every other key is text: q types a q.
help-mouse = [xx] The mouse works too: click a link or a step to open it. The wheel scrolls. To select text, hold Shift and drag with the mouse.
paper-reasons = [xx] A reason to copy, if you like
paper-own-reason = [xx] You may also write your own reason.

step-of = [xx] Step { $n } of { $total }
too-small = [xx] The window is too small.
    Make it larger: at least { $minw } × { $minh }.
    Now it is { $w } × { $h }.
    Until then, keys do nothing. Ctrl-C stops.
open-failed = [xx] { $why } Choose the link again to see its QR code.
checked-on = [xx] Checked on { $date }.
on-date = [xx] On { $date }: { $sentence }
long-date = [xx] { $day } { $month } { $year }
month-1 = [xx] January
month-2 = [xx] February
month-3 = [xx] March
month-4 = [xx] April
month-5 = [xx] May
month-6 = [xx] June
month-7 = [xx] July
month-8 = [xx] August
month-9 = [xx] September
month-10 = [xx] October
month-11 = [xx] November
month-12 = [xx] December
type-here-email = [xx] Type your email address here. Then press Enter.
type-here-reason = [xx] Type your reason here. Then press Enter.
copy-button-email = [xx] Copy this email address
copy-button-reason = [xx] Copy your reason
next-button = [xx] Go on to step { $step }: { $title }
quit-title = [xx] Stop?
quit-kept = [xx] Your progress is saved. You can go on later where you were.
quit-not-kept = [xx] What you did here is not kept.
quit-failed = [xx] Your progress could not be saved.
quit-stay = [xx] Go on
quit-leave = [xx] Stop
are-you-sure = [xx] Are you sure?
untick-keep = [xx] No, keep it
untick-remove = [xx] Yes, remove it
welcome-go-on = [xx] Go on where you were
welcome-start-over = [xx] Start over
start-over-words = [xx] Then you begin again at step 1. What you did so far is kept apart.
start-over-words-unkept = [xx] Then you begin again at step 1.
start-over-back = [xx] No, go back
start-over-yes = [xx] Yes, start over
theme-high-contrast = [xx] high contrast
theme-standard = [xx] standard
help-theme = [xx] Colours: { $now } now. Press t for other colours.
plain-type-email = [xx] Type your email address and press Enter:
plain-type-reason = [xx] Type your reason and press Enter:
plain-choose = [xx] { $numbers } choose
email-not-saved-copy = [xx] Your email address is not saved anywhere. It is only here to copy.
email-not-saved-check = [xx] Your email address is not saved anywhere. It is only here to check.
email-no-spaces = [xx] An email address has no spaces.
email-needs-at = [xx] An email address has an @.
email-name-first = [xx] Your name comes before the @.
email-one-at = [xx] An email address has only one @.
email-needs-dot = [xx] After the @ comes a name with a dot, like gmail.com.
email-looks-right = [xx] This looks like an email address.
copied-email = [xx] Email address copied. Paste it into the form.
copied-reason = [xx] Reason copied. Paste it into the form.
date-time = [xx] { $day } at { $time }
back-button = [xx] Back to step { $step }: { $title }
enter-back = [xx] go back
enter-end = [xx] close
welcome-back = [xx] Welcome back! You were at step { $step }: { $title }.
set-aside = [xx] Your saved progress could not be read. The file is now called { $file }. You start again.
cannot-save = [xx] Your progress cannot be saved here. The steps work as usual.
sources-here = [xx] What the step “{ $page }” rests on:
sources-none-here = [xx] The step “{ $page }” states no facts with a source.
stale-warning = [xx] This explanation was last checked on { $date }. Check whether it is still right.
paper-deadline-is = [xx] The deadline is { $date }.
paper-deadline-was = [xx] The deadline was { $date }.
chooser-title = [xx] Choose
chooser-intro = [xx] Which one first?
offer-button = [xx] Go on: { $title }
paper-if-answer = [xx] Did you choose “{ $answer }”?
paper-if-not-answer = [xx] Did you choose other than “{ $answer }”?
paper-link-hint-qr = [xx] Scan the QR code with your phone’s camera. Tap the link that appears. Log in if you are asked to. Or type the address into your browser.
paper-link-hint = [xx] Type the address into your browser. Log in if you are asked to.

## The countdown.

unit-day = [xx] { $n ->
        [one] 1 day
       *[other] { $n } days
    }
unit-hour = [xx] { $n ->
        [one] 1 hour
       *[other] { $n } hours
    }
unit-minute = [xx] { $n ->
        [one] 1 minute
       *[other] { $n } minutes
    }
unit-second = [xx] { $n ->
        [one] 1 second
       *[other] { $n } seconds
    }
time-left-one = [xx] { $a } left.
time-left-two = [xx] { $a } and { $b } left.
deadline-just-passed = [xx] The deadline has just passed.
deadline-minutes-ago = [xx] The deadline passed { $n ->
        [one] 1 minute
       *[other] { $n } minutes
    } ago.
deadline-hours-ago = [xx] The deadline passed { $n ->
        [one] 1 hour
       *[other] { $n } hours
    } ago.
span-days = [xx] { $n ->
        [one] 1 day
       *[other] { $n } days
    }
span-weeks = [xx] { $more ->
        [yes] over { "" }
       *[no] { "" }
    }{ $n ->
        [one] 1 week
       *[other] { $n } weeks
    }
span-months = [xx] { $more ->
        [yes] over { "" }
       *[no] { "" }
    }{ $n ->
        [one] 1 month
       *[other] { $n } months
    }
span-year-and-half = [xx] { $more ->
        [yes] over a year and a half
       *[no] a year and a half
    }
span-years = [xx] { $more ->
        [yes] over { "" }
       *[no] { "" }
    }{ $n ->
        [one] a year
       *[other] { $n } years
    }
deadline-ago = [xx] The deadline was { $span } ago, on { $date }.

## Keys: the footer and the help.

key-name-space = [xx] Space
mode-page = [xx] On a page
mode-field = [xx] Typing in a field
mode-panel = [xx] In the link panel (the link and its QR code)
mode-dialog = [xx] At a question (such as “Welcome back” and “Stop?”)
mode-help = [xx] In this help and in the sources
mode-everywhere = [xx] Everywhere
key-language = [xx] other language

## bezwaar serve: what a visitor's ssh shows.

serve-goodbye = [xx] Goodbye. Thank you for taking part!
serve-idle = [xx] You did nothing for { $span }, so the walkthrough stopped. Connect again with ssh to start again.
serve-stopping = [xx] The server is stopping now. Try again later.
serve-busy = [xx] Busy, try again in a minute.
serve-address-busy = [xx] Too many people at your address are using the walkthrough already. Try again in a minute.
serve-too-many-open = [xx] bezwaar: too many connections are open from your address already. Try again in a minute.
serve-too-many = [xx] bezwaar: too many connections from your address. Try again in { $secs } seconds.
serve-no-terminal = [xx] bezwaar needs a terminal. Connect with: ssh -t (no -T, no command)
serve-no-commands = [xx] bezwaar runs no commands. Connect without a command to see the walkthrough.
serve-no-subsystems = [xx] bezwaar offers no sftp or other subsystems.
serve-no-forwarding = [xx] bezwaar forwards nothing (no ports, agent or X11).
serve-login-timeout = [xx] bezwaar: no terminal asked for in time.
key-stop-at-once = [xx] stop at once
key-help = [xx] help
key-next = [xx] next
key-back = [xx] back
key-move = [xx] move
key-next-item = [xx] next item
key-previous-item = [xx] previous item
key-read-on = [xx] read on
key-scroll-up = [xx] scroll up
key-first-step = [xx] first step
key-last-step = [xx] last step
key-go-to-that-step = [xx] go to that step
key-copy = [xx] copy
key-sources = [xx] sources
key-quit = [xx] quit
key-done-typing = [xx] done typing
key-open-on-this-screen = [xx] open on this screen
key-copy-link = [xx] copy link
key-close = [xx] close
key-choose = [xx] choose
key-other-answer = [xx] other answer
key-stop = [xx] stop
key-start-over = [xx] start over
key-scroll = [xx] scroll
key-other-colours = [xx] other colours

## bezwaar serve: letting someone look along, and coming back where you were.

look-invite-hint = [xx] look along
look-heading-person = [xx] Letting someone look along
look-heading-helper = [xx] Looking along
look-key-invite = [xx] let someone look along. You get a line to give to that person.
look-key-watch-only = [xx] the one looking along may only watch. Again: may press keys again.
look-key-end = [xx] stop the looking along
look-key-leave = [xx] stop looking along
look-code-word = [xx] look
look-status-one = [xx] Someone is looking along
look-status-many = [xx] { $n } people are looking along
look-status-watch-only = [xx] (watch only)
look-status-helper = [xx] You are looking along
look-status-helper-watch-only = [xx] You can only watch
look-status-person-away = [xx] The other person is away
look-stop = [xx] stop
look-invite-title = [xx] Let someone look along
look-invite-give = [xx] Give this line to the person who will look along. They type it in a terminal:
look-invite-works = [xx] The code works for { $span }, and only once. First you will be asked if that is OK.
look-full = [xx] 2 people are looking along already. That is the most.
look-void = [xx] This code no longer works. Press m for a new one.
look-new-code = [xx] new code
look-consent-title = [xx] Someone wants to look along.
look-consent-words = [xx] They will see everything you see. Allow it?
look-consent-no = [xx] No, do not look along
look-consent-yes = [xx] Yes, they may look along
look-no = [xx] no
look-waiting = [xx] Please wait. The other person must say yes first.
look-refused = [xx] The other person does not want you to look along now.
look-no-answer = [xx] The other person did not answer. Try again later.
look-away = [xx] The other person is not in the walkthrough now. Try again later.
look-ended = [xx] The other person stopped the looking along.
look-left = [xx] You stopped looking along. Goodbye.
look-finished = [xx] The other person has finished the walkthrough. Goodbye.
idle-title = [xx] Are you still there?
idle-words = [xx] Nothing was done for a while. The walkthrough stops in { $span }. Press a key to go on.
idle-any-key = [xx] any key
idle-go-on = [xx] go on
code-wrong = [xx] This code does not work. Maybe it was used already, or it expired. Ask for a new code.
code-too-many = [xx] Too many wrong codes were tried. Try again in a few minutes.
back-code-word = [xx] back
back-already-open = [xx] This walkthrough is open already, in another window.
back-heading = [xx] Coming back where you were
back-help = [xx] Connection lost? Then for { $span } you can go on where you were. Type:
back-goodbye = [xx] Want to go on where you were? Within { $span }, type:
back-goodbye-key = [xx] Or just connect again from this computer: the server knows your ssh key.
back-memory = [xx] This is only kept in the server's memory. If the server restarts, it is gone.
look-waiting-keys = [xx] Keys you press now do nothing.
look-replaced = [xx] Others tried codes close to yours too often, so the old code no longer works. This is your new code:
