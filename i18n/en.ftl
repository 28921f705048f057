# bezwaar's own words in English. One message per thing the app says; the walkthrough's
# content is in the script (data/*.ron). Plain English, short sentences.
# Message ids are the same in every catalog (a test checks it). Plurals use the CLDR rules of
# the catalog's language: { $n -> [one] … *[other] … }.

# The language itself, in itself: what `L` offers to switch to.
language-name = English

too-small-short = Make the window larger
no-opener = No program that opens links was found on this computer.
terminal-browser = The browser set up here only works inside this window.
opener-failed = The browser did not open.
no-answer = Opening has started, but there is no answer yet. Check whether the page is on this computer’s screen.
help-panel-enter = open on this computer’s screen (when someone is logged in there with this account); otherwise close
desktop-offer = Press Enter to open the page on this computer’s screen, for the person sitting there.
opening-on-desktop = The page is opening on this computer’s screen…
on-desktop = The page is now open on this computer’s screen.
desktop-failed = Opening on this computer’s screen did not work.
no-desktop = No screen was found on this computer to open the link on.
opening = The link is opening in your browser.
qr-scan = Scan the QR code with your phone’s camera. Then tap the link that appears. Log in if you are asked to. The page then opens on your phone.
copy-hint = Or press c to copy the link. Then paste it into your browser.
copied = Link copied. Paste it into your browser.
copy-caveat = Paste does not work? Then copying does not work in this window. Type the link instead.
qr-too-small = Make the window larger to see the QR code.
instead = Use the QR code instead, or copy the link.
scroll-more = ↓ more
open-in-browser = Open this address in your browser:
first-step = This is the first step.
last-step = This is the last step.
not-understood = I did not understand that. Choose one of these:
checklist = Checklist
sources = Sources
email-label = Your email address (of this account):
empty-field = (empty)
enter-more = read more
enter-open = open
enter-choose = choose
enter-copy = copy
enter-next = go on
help-safe-answer = the safe answer (go on, remove nothing)
plain-empty-field = (empty: choose its number to type)
reason-prompt = Pick a reason (optional):
own-reason = Write my own reason
no-reason = No reason
nothing-to-copy = There is nothing to copy yet.
sources-title = Sources
sources-all = All sources of this walkthrough:
help-title = Keys
help-typing = Every other key is text: q types a q.
help-mouse = The mouse works too: click a link or a step to open it. The wheel scrolls. To select text, hold Shift and drag with the mouse.
paper-reasons = A reason to copy, if you like
paper-own-reason = You may also write your own reason.

step-of = Step { $n } of { $total }
too-small =
    The window is too small.
    Make it larger: at least { $minw } × { $minh }.
    Now it is { $w } × { $h }.
    Until then, keys do nothing. Ctrl-C stops.
open-failed = { $why } Choose the link again to see its QR code.
checked-on = Checked on { $date }.
on-date = On { $date }: { $sentence }
long-date = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
type-here-email = Type your email address here. Then press Enter.
type-here-reason = Type your reason here. Then press Enter.
copy-button-email = Copy this email address
copy-button-reason = Copy your reason
next-button = Go on to step { $step }: { $title }
quit-title = Stop?
quit-kept = Your progress is saved. You can go on later where you were.
quit-not-kept = What you did here is not kept.
quit-failed = Your progress could not be saved.
quit-stay = Go on
quit-leave = Stop
are-you-sure = Are you sure?
untick-keep = No, keep it
untick-remove = Yes, remove it
welcome-go-on = Go on where you were
welcome-start-over = Start over
start-over-words = Then you begin again at step 1. What you did so far is kept apart.
start-over-words-unkept = Then you begin again at step 1.
start-over-back = No, go back
start-over-yes = Yes, start over
theme-high-contrast = high contrast
theme-standard = standard
help-theme = Colours: { $now } now. Press t for other colours.
plain-type-email = Type your email address and press Enter:
plain-type-reason = Type your reason and press Enter:
plain-choose = { $numbers } choose
email-not-saved-copy = Your email address is not saved anywhere. It is only here to copy.
email-not-saved-check = Your email address is not saved anywhere. It is only here to check.
email-no-spaces = An email address has no spaces.
email-needs-at = An email address has an @.
email-name-first = Your name comes before the @.
email-one-at = An email address has only one @.
email-needs-dot = After the @ comes a name with a dot, like gmail.com.
email-looks-right = This looks like an email address.
copied-email = Email address copied. Paste it into the form.
copied-reason = Reason copied. Paste it into the form.
date-time = { $day } at { $time }
back-button = Back to step { $step }: { $title }
enter-back = go back
enter-end = close
welcome-back = Welcome back! You were at step { $step }: { $title }.
set-aside = Your saved progress could not be read. The file is now called { $file }. You start again.
cannot-save = Your progress cannot be saved here. The steps work as usual.
sources-here = What the step “{ $page }” rests on:
sources-none-here = The step “{ $page }” states no facts with a source.
stale-warning = This explanation was last checked on { $date }. Check whether it is still right.
paper-deadline-is = The deadline: before { $date }.
paper-deadline-was = The deadline was before { $date }.
chooser-title = Choose
chooser-intro = This help covers more than one company. Which one do you want to start with? After it, you can do the next one too.
offer-button = Go on: { $title }
paper-if-answer = Did you choose “{ $answer }”?
paper-if-not-answer = Did you choose something other than “{ $answer }”?
paper-link-hint-qr = Scan the QR code with your phone’s camera. Tap the link that appears. Log in if you are asked to. Or type the address into your browser.
paper-link-hint = Type the address into your browser. Log in if you are asked to.

## The countdown.

unit-day =
    { $n ->
        [one] 1 day
       *[other] { $n } days
    }
unit-hour =
    { $n ->
        [one] 1 hour
       *[other] { $n } hours
    }
unit-minute =
    { $n ->
        [one] 1 minute
       *[other] { $n } minutes
    }
unit-second =
    { $n ->
        [one] 1 second
       *[other] { $n } seconds
    }
time-left-one = { $a } left.
time-left-two = { $a } and { $b } left.
deadline-just-passed = The deadline has just passed.
deadline-minutes-ago =
    The deadline passed { $n ->
        [one] 1 minute
       *[other] { $n } minutes
    } ago.
deadline-hours-ago =
    The deadline passed { $n ->
        [one] 1 hour
       *[other] { $n } hours
    } ago.
span-days =
    { $n ->
        [one] 1 day
       *[other] { $n } days
    }
span-weeks =
    { $more ->
        [yes] over { "" }
       *[no] { "" }
    }{ $n ->
        [one] 1 week
       *[other] { $n } weeks
    }
span-months =
    { $more ->
        [yes] over { "" }
       *[no] { "" }
    }{ $n ->
        [one] 1 month
       *[other] { $n } months
    }
span-year-and-half =
    { $more ->
        [yes] over a year and a half
       *[no] a year and a half
    }
span-years =
    { $more ->
        [yes] over { "" }
       *[no] { "" }
    }{ $n ->
        [one] a year
       *[other] { $n } years
    }
deadline-ago = The deadline was before { $date }. That was { $span } ago.

## Keys: the footer and the help.

key-name-space = Space
mode-page = On a page
mode-field = Typing in a field
mode-panel = In the link panel (the link and its QR code)
mode-dialog = At a question (such as “Welcome back” and “Stop?”)
mode-help = In this help and in the sources
mode-everywhere = Everywhere
key-language = other language

## bezwaar serve: what a visitor's ssh shows.

serve-goodbye = Goodbye. Thank you for taking part!
serve-idle =
    You did nothing for { $span }, so the walkthrough stopped. Connect again with ssh to start again.
serve-stopping = The server is stopping now. Try again later.
serve-busy = Busy, try again in a minute.
serve-address-busy = Too many people at your address are using the walkthrough already. Try again in a minute.
serve-too-many-open = bezwaar: too many connections are open from your address already. Try again in a minute.
serve-too-many = bezwaar: too many connections from your address. Try again in { $secs } seconds.
serve-no-terminal = bezwaar needs a terminal. Connect with: ssh -t (no -T, no command)
serve-no-commands = bezwaar runs no commands. Connect without a command to see the walkthrough.
serve-no-subsystems = bezwaar offers no sftp or other subsystems.
serve-no-forwarding = bezwaar forwards nothing (no ports, agent or X11).
serve-login-timeout = bezwaar: no terminal asked for in time.
key-stop-at-once = stop at once
key-help = help
key-next = next
key-back = back
key-move = move
key-next-item = next item
key-previous-item = previous item
key-read-on = read on
key-scroll-up = scroll up
key-first-step = first step
key-last-step = last step
key-go-to-that-step = go to that step
key-copy = copy
key-sources = sources
key-quit = quit
key-done-typing = done typing
key-open-on-this-screen = open on this screen
key-copy-link = copy link
key-close = close
key-choose = choose
key-other-answer = other answer
key-stop = stop
key-start-over = start over
key-scroll = scroll
key-other-colours = other colours

## bezwaar serve: letting someone look along, and coming back where you were.

look-invite-hint = look along
look-heading-person = Letting someone look along
look-heading-helper = Looking along
look-key-invite = let someone look along. You get a line to give to that person.
look-key-watch-only = the one looking along may only watch. Again: may press keys again.
look-key-end = stop the looking along
look-key-leave = stop looking along
look-code-word = look
look-status-one = Someone is looking along
look-status-many = { $n } people are looking along
look-status-watch-only = (watch only)
look-status-helper = You are looking along
look-status-helper-watch-only = You can only watch
look-status-person-away = The other person is away
look-stop = stop
look-invite-title = Let someone look along
look-invite-give = Give this line to the person who will look along. They type it in a terminal:
look-invite-works = The code works for { $span }, and only once. First you will be asked if that is OK.
look-full = 2 people are looking along already. That is the most.
look-void = This code no longer works. Press m for a new one.
look-new-code = new code
look-consent-title = Someone wants to look along.
look-consent-words = They will see everything you see. Allow it?
look-consent-no = No, do not look along
look-consent-yes = Yes, they may look along
look-no = no
look-waiting = Please wait. The other person must say yes first.
look-refused = The other person does not want you to look along now.
look-no-answer = The other person did not answer. Try again later.
look-away = The other person is not in the walkthrough now. Try again later.
look-ended = The other person stopped the looking along.
look-left = You stopped looking along. Goodbye.
look-finished = The other person has finished the walkthrough. Goodbye.
idle-title = Are you still there?
idle-words = Nothing was done for a while. The walkthrough stops in { $span }. Press a key to go on.
idle-any-key = any key
idle-go-on = go on
code-wrong = This code does not work. Maybe it was used already, or it expired. Ask for a new code.
code-too-many = Too many wrong codes were tried. Try again in a few minutes.
back-code-word = back
back-already-open = This walkthrough is open already, in another window.
back-heading = Coming back where you were
back-help = Connection lost? Then for { $span } you can go on where you were. Type:
back-goodbye = Want to go on where you were? Within { $span }, type:
back-goodbye-key = Or just connect again from this computer: the server knows your ssh key.
back-memory = This is only kept in the server's memory. If the server restarts, it is gone.
look-waiting-keys = Keys you press now do nothing.
look-replaced = Others tried codes close to yours too often, so the old code no longer works. This is your new code:
