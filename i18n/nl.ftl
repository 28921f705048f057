# De eigen woorden van bezwaar in het Nederlands (B1: korte zinnen, gewone woorden,
# je-vorm). Wat de uitleg zelf zegt, staat in het script (data/*.ron).
# Elke catalogus heeft dezelfde ids (een test kijkt dat na). Meervoud volgt de CLDR-regels
# van de taal: { $n -> [one] … *[other] … }.

language-name = Nederlands

too-small-short = Venster groter maken
no-opener = Op deze computer is geen programma gevonden dat links opent.
terminal-browser = De browser die hier is ingesteld, werkt alleen in dit venster.
opener-failed = De browser ging niet open.
no-answer = Het openen is begonnen, maar er kwam nog geen antwoord. Kijk of de pagina op het scherm van deze computer staat.
help-panel-enter = op het scherm van deze computer openen (als daar iemand met dit account is ingelogd); anders sluiten
desktop-offer = Druk op Enter: dan gaat de pagina open op het scherm van deze computer, voor wie daar zit.
opening-on-desktop = De pagina gaat open op het scherm van deze computer…
on-desktop = De pagina staat nu open op het scherm van deze computer.
desktop-failed = Het openen lukte niet op het scherm van deze computer.
no-desktop = Op deze computer is geen scherm gevonden om de link op te openen.
opening = De link gaat open in je browser.
qr-scan = Scan de QR-code met de camera van je telefoon. Tik dan op de link die verschijnt. Log in als dat gevraagd wordt. Dan zie je de pagina op je telefoon.
copy-hint = Of druk op c. Dan kopieer je de link. Plak hem daarna in je browser.
copied = Link gekopieerd. Plak hem in je browser.
copy-caveat = Lukt plakken niet? Dan kan kopiëren in dit venster niet. Typ de link dan over.
qr-too-small = Maak het venster groter om de QR-code te zien.
instead = Gebruik dan de QR-code of kopieer de link.
scroll-more = ↓ meer
open-in-browser = Open dit adres in je browser:
first-step = Dit is de eerste stap.
last-step = Dit is de laatste stap.
not-understood = Dat begrijp ik niet. Kies een van deze:
checklist = Afvinklijst
sources = Bronnen
email-label = Je e-mailadres (van dit account):
empty-field = (nog leeg)
enter-more = meer lezen
enter-open = openen
enter-choose = kiezen
enter-copy = kopiëren
enter-next = verder
help-safe-answer = het veilige antwoord (verder gaan, niets weghalen)
plain-empty-field = (nog leeg: kies het nummer om te typen)
reason-prompt = Kies een reden (niet verplicht):
own-reason = Zelf een reden schrijven
no-reason = Geen reden
nothing-to-copy = Er is nog niets om te kopiëren.
sources-title = Bronnen
sources-all = Alle bronnen van deze uitleg:
help-title = Toetsen
help-typing = Alle andere toetsen zijn tekst: q typt een q.
help-mouse = De muis werkt ook: klik op een link of een stap om die te openen. Met het wieltje scroll je. Tekst selecteren: houd Shift ingedrukt en sleep met de muis.
paper-reasons = Een reden om over te nemen, als je wilt
paper-own-reason = Je mag ook zelf een reden schrijven.

step-of = Stap { $n } van { $total }
too-small =
    Het venster is te klein.
    Maak het groter: minstens { $minw } × { $minh }.
    Nu is het { $w } × { $h }.
    Tot dan doen toetsen niets. Ctrl-C stopt.
open-failed = { $why } Kies de link nog een keer: dan zie je de QR-code.
checked-on = Gecontroleerd op { $date }.
on-date = Op { $date }: { $sentence }
long-date = { $day } { $month } { $year }
month-1 = januari
month-2 = februari
month-3 = maart
month-4 = april
month-5 = mei
month-6 = juni
month-7 = juli
month-8 = augustus
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
type-here-email = Typ hier je e-mailadres. Druk daarna op Enter.
type-here-reason = Typ hier je reden. Druk daarna op Enter.
copy-button-email = Kopieer dit e-mailadres
copy-button-reason = Kopieer je reden
next-button = Verder naar stap { $step }: { $title }
quit-title = Stoppen?
quit-kept = Je voortgang is bewaard. Je kunt later verder gaan waar je was.
quit-not-kept = Wat je hier deed, wordt niet bewaard.
quit-failed = Je voortgang kon niet worden bewaard.
quit-stay = Verder gaan
quit-leave = Stoppen
are-you-sure = Weet je het zeker?
untick-keep = Nee, laten staan
untick-remove = Ja, weghalen
welcome-go-on = Verder waar je was
welcome-start-over = Opnieuw beginnen
start-over-words = Dan begin je weer bij stap 1. Wat je tot nu toe deed, wordt apart bewaard.
start-over-words-unkept = Dan begin je weer bij stap 1.
start-over-back = Nee, terug
start-over-yes = Ja, opnieuw beginnen
theme-high-contrast = hoog contrast
theme-standard = standaard
help-theme = Kleuren: nu { $now }. Druk op t voor andere kleuren.
plain-type-email = Typ je e-mailadres en druk op Enter:
plain-type-reason = Typ je reden en druk op Enter:
plain-choose = { $numbers } kiezen
email-not-saved-copy = Je e-mailadres wordt nergens bewaard. Het is alleen om te kopiëren.
email-not-saved-check = Je e-mailadres wordt nergens bewaard. Het staat hier alleen om na te kijken.
email-no-spaces = Een e-mailadres heeft geen spaties.
email-needs-at = Een e-mailadres heeft een @.
email-name-first = Voor de @ komt je naam.
email-one-at = Een e-mailadres heeft maar één @.
email-needs-dot = Na de @ komt een naam met een punt, zoals gmail.com.
email-looks-right = Dit ziet eruit als een e-mailadres.
copied-email = E-mailadres gekopieerd. Plak het in het formulier.
copied-reason = Reden gekopieerd. Plak hem in het formulier.
date-time = { $day } om { $time }
back-button = Terug naar stap { $step }: { $title }
enter-back = teruggaan
enter-end = afsluiten
welcome-back = Welkom terug! Je was bij stap { $step }: { $title }.
set-aside = Je opgeslagen voortgang kon niet worden gelezen. Het bestand heet nu { $file }. Je begint opnieuw.
cannot-save = Je voortgang kan hier niet worden bewaard. De stappen werken wel gewoon.
sources-here = Waar de stap ‘{ $page }’ op steunt:
sources-none-here = De stap ‘{ $page }’ noemt geen feiten met een bron.
stale-warning = Deze uitleg is voor het laatst gecontroleerd op { $date }. Kijk of het nog klopt.
paper-deadline-is = De deadline: vóór { $date }.
paper-deadline-was = De deadline was vóór { $date }.
chooser-title = Kiezen
chooser-intro = Deze hulp gaat over meer dan één bedrijf. Waar wil je mee beginnen? Daarna kun je ook de volgende doen.
offer-button = Ga verder: { $title }
paper-if-answer = Koos je “{ $answer }”?
paper-if-not-answer = Koos je iets anders dan “{ $answer }”?
paper-link-hint-qr = Scan de QR-code met de camera van je telefoon. Tik op de link die je dan ziet. Log in als dat gevraagd wordt. Of typ het adres over in je browser.
paper-link-hint = Typ het adres over in je browser. Log in als dat gevraagd wordt.

## De aftelling.

unit-day =
    { $n ->
        [one] 1 dag
       *[other] { $n } dagen
    }
unit-hour =
    { $n ->
        [one] 1 uur
       *[other] { $n } uur
    }
unit-minute =
    { $n ->
        [one] 1 minuut
       *[other] { $n } minuten
    }
unit-second =
    { $n ->
        [one] 1 seconde
       *[other] { $n } seconden
    }
time-left-one = Nog { $a }.
time-left-two = Nog { $a } en { $b }.
deadline-just-passed = De deadline is zojuist voorbij.
deadline-minutes-ago =
    De deadline was { $n ->
        [one] 1 minuut
       *[other] { $n } minuten
    } geleden.
deadline-hours-ago = De deadline was { $n } uur geleden.
span-days =
    { $n ->
        [one] 1 dag
       *[other] { $n } dagen
    }
span-weeks =
    { $more ->
        [yes] ruim { "" }
       *[no] { "" }
    }{ $n ->
        [one] 1 week
       *[other] { $n } weken
    }
span-months =
    { $more ->
        [yes] ruim { "" }
       *[no] { "" }
    }{ $n ->
        [one] 1 maand
       *[other] { $n } maanden
    }
span-year-and-half =
    { $more ->
        [yes] ruim anderhalf jaar
       *[no] anderhalf jaar
    }
span-years =
    { $more ->
        [yes] ruim { "" }
       *[no] { "" }
    }{ $n ->
        [one] een jaar
       *[other] { $n } jaar
    }
deadline-ago = De deadline was vóór { $date }. Dat is { $span } geleden.

## Toetsen: de onderste regel en de hulp.

key-name-space = spatie
mode-page = Op een pagina
mode-field = Tijdens het typen in een vak
mode-panel = In het venster met de link en de QR-code
mode-dialog = Bij een vraag (zoals ‘Welkom terug’ en ‘Stoppen?’)
mode-help = In deze hulp en bij de bronnen
mode-everywhere = Overal
key-language = andere taal

## bezwaar serve: wat de ssh van een bezoeker laat zien.

serve-goodbye = Tot ziens. Bedankt voor het meedoen!
serve-idle =
    Je was { $span } niet bezig. Daarom is de uitleg gestopt. Verbind opnieuw met ssh om opnieuw te beginnen.
serve-stopping = De server stopt nu. Probeer het later opnieuw.
serve-busy = Het is nu te druk. Probeer het over een minuut opnieuw.
serve-address-busy = Vanaf jouw adres zijn al te veel mensen bezig met de uitleg. Probeer het over een minuut opnieuw.
serve-too-many-open = bezwaar: er zijn al te veel verbindingen open vanaf jouw adres. Probeer het over een minuut opnieuw.
serve-too-many = bezwaar: te veel verbindingen vanaf jouw adres. Probeer het over { $secs } seconden opnieuw.
serve-no-terminal = bezwaar heeft een terminal nodig. Verbind met: ssh -t (zonder -T en zonder opdracht)
serve-no-commands = bezwaar voert geen opdrachten uit. Verbind zonder opdracht om de uitleg te zien.
serve-no-subsystems = bezwaar biedt geen sftp of andere subsystemen.
serve-no-forwarding = bezwaar stuurt niets door (geen poorten, agent of X11).
serve-login-timeout = bezwaar: geen terminal gevraagd binnen de tijd.
key-stop-at-once = meteen stoppen
key-help = hulp
key-next = verder
key-back = terug
key-move = ander onderdeel
key-next-item = volgend onderdeel
key-previous-item = vorig onderdeel
key-read-on = verder lezen
key-scroll-up = terug lezen
key-first-step = eerste stap
key-last-step = laatste stap
key-go-to-that-step = naar die stap
key-copy = kopiëren
key-sources = bronnen
key-quit = stoppen
key-done-typing = klaar met typen
key-open-on-this-screen = op dit scherm openen
key-copy-link = link kopiëren
key-close = sluiten
key-choose = kiezen
key-other-answer = ander antwoord
key-stop = stoppen
key-start-over = opnieuw beginnen
key-scroll = scrollen
key-other-colours = andere kleuren

## bezwaar serve: iemand laten meekijken, en terugkomen waar je was.

look-invite-hint = meekijken
look-heading-person = Iemand laten meekijken
look-heading-helper = Meekijken
look-key-invite = laat iemand meekijken. Je krijgt een regel om aan die persoon te geven.
look-key-watch-only = wie meekijkt, mag alleen kijken. Nog een keer: mag weer ook drukken.
look-key-end = het meekijken stoppen
look-key-leave = stoppen met meekijken
look-code-word = kijk
look-status-one = Er kijkt iemand mee
look-status-many = Er kijken { $n } mensen mee
look-status-watch-only = (alleen kijken)
look-status-helper = Je kijkt mee
look-status-helper-watch-only = Je kijkt alleen mee
look-status-person-away = De ander is even weg
look-stop = stoppen
look-invite-title = Laat iemand meekijken
look-invite-give = Geef deze regel aan wie wil meekijken. Die typt hem in een terminal:
look-invite-works = De code werkt { $span }, en maar één keer. Eerst vragen we jou of het mag.
look-full = Er kijken al 2 mensen mee. Meer kan niet.
look-void = Deze code werkt niet meer. Druk op m voor een nieuwe.
look-new-code = nieuwe code
look-consent-title = Iemand wil meekijken.
look-consent-words = Die ziet alles wat jij ziet. Toestaan?
look-consent-no = Nee, niet meekijken
look-consent-yes = Ja, meekijken mag
look-no = nee
look-waiting = Even wachten. De ander moet eerst ‘ja’ zeggen.
look-refused = De ander wil nu niet dat je meekijkt.
look-no-answer = De ander heeft geen antwoord gegeven. Probeer het later opnieuw.
look-away = De ander is nu niet in de uitleg. Probeer het later opnieuw.
look-ended = De ander heeft het meekijken gestopt.
look-left = Je kijkt niet meer mee. Tot ziens.
look-finished = De ander is gestopt met de uitleg. Tot ziens.
idle-title = Ben je er nog?
idle-words = Er is even niets gedaan. Over { $span } stopt de uitleg. Druk op een toets om verder te gaan.
idle-any-key = een toets
idle-go-on = verder
code-wrong = Deze code werkt niet. Misschien is hij al gebruikt, of verlopen. Vraag om een nieuwe code.
code-too-many = Er zijn te veel verkeerde codes geprobeerd. Probeer het over een paar minuten opnieuw.
back-code-word = terug
back-already-open = Deze uitleg is nu al open, in een ander venster.
back-heading = Terugkomen waar je was
back-help = Valt de verbinding weg? Dan kun je nog { $span } verder waar je was. Typ dan:
back-goodbye = Wil je verder waar je was? Typ dan binnen { $span }:
back-goodbye-key = Of verbind gewoon weer vanaf deze computer: de server herkent je ssh-sleutel.
back-memory = Dit staat alleen in het geheugen van de server. Start die opnieuw, dan is het weg.
look-waiting-keys = Toetsen die je nu indrukt, doen niets.
look-replaced = Anderen probeerden te vaak codes die op de jouwe lijken. Daarom werkt de oude code niet meer. Dit is je nieuwe code:
