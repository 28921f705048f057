# Die eigenen Wörter von bezwaar auf Deutsch, in einfacher Sprache: kurze Sätze, Wörter aus
# dem Alltag, die Sie-Form. Was die Anleitung selbst sagt, steht im Skript (data/*.ron).
# Jeder Katalog hat dieselben ids (ein Test prüft das). Die Mehrzahl folgt den CLDR-Regeln
# der Sprache: { $n -> [one] … *[other] … }.

# Die Sprache selbst, in ihr selbst: was `L` zum Wechseln anbietet.
language-name = Deutsch

too-small-short = Fenster größer machen
no-opener = Auf diesem Computer gibt es kein Programm, das Links öffnet.
terminal-browser = Der Browser, der hier eingestellt ist, geht nur in diesem Fenster.
opener-failed = Der Browser hat sich nicht geöffnet.
no-answer = Das Öffnen hat begonnen, aber es kam noch keine Antwort. Schauen Sie, ob die Seite auf dem Bildschirm dieses Computers zu sehen ist.
help-panel-enter = auf dem Bildschirm dieses Computers öffnen (wenn dort jemand mit diesem Benutzerkonto angemeldet ist); sonst schließen
desktop-offer = Drücken Sie Enter: Dann öffnet sich die Seite auf dem Bildschirm dieses Computers, für die Person, die dort sitzt.
opening-on-desktop = Die Seite öffnet sich auf dem Bildschirm dieses Computers…
on-desktop = Die Seite ist jetzt auf dem Bildschirm dieses Computers offen.
desktop-failed = Das Öffnen auf dem Bildschirm dieses Computers hat nicht geklappt.
no-desktop = Auf diesem Computer gibt es keinen Bildschirm, auf dem der Link aufgehen kann.
opening = Der Link öffnet sich in Ihrem Browser.
qr-scan = Scannen Sie den QR-Code mit der Kamera Ihres Handys. Tippen Sie dann auf den Link, der erscheint. Melden Sie sich an, wenn Sie danach gefragt werden. Dann sehen Sie die Seite auf Ihrem Handy.
copy-hint = Oder drücken Sie c. Dann kopieren Sie den Link. Fügen Sie ihn danach in Ihren Browser ein.
copied = Link kopiert. Fügen Sie ihn in Ihren Browser ein.
copy-caveat = Einfügen klappt nicht? Dann geht Kopieren in diesem Fenster nicht. Tippen Sie den Link dann ab.
qr-too-small = Machen Sie das Fenster größer, um den QR-Code zu sehen.
instead = Nutzen Sie stattdessen den QR-Code, oder kopieren Sie den Link.
scroll-more = ↓ mehr
open-in-browser = Öffnen Sie diese Adresse in Ihrem Browser:
first-step = Das ist der erste Schritt.
last-step = Das ist der letzte Schritt.
not-understood = Das habe ich nicht verstanden. Wählen Sie bitte eine davon:
checklist = Checkliste
sources = Quellen
email-label = Ihre E-Mail-Adresse (von diesem Konto):
empty-field = (noch leer)
enter-more = weiterlesen
enter-open = öffnen
enter-choose = wählen
enter-copy = kopieren
enter-next = weiter
help-safe-answer = die sichere Antwort (weitermachen, nichts entfernen)
plain-empty-field = (noch leer: wählen Sie die Nummer, um etwas einzutippen)
reason-prompt = Wählen Sie einen Grund (freiwillig):
own-reason = Selbst einen Grund schreiben
no-reason = Kein Grund
nothing-to-copy = Es gibt noch nichts zum Kopieren.
sources-title = Quellen
sources-all = Alle Quellen dieser Anleitung:
help-title = Tasten
help-typing = Alle anderen Tasten sind Text: q schreibt ein q.
help-mouse = Die Maus geht auch: Klicken Sie auf einen Link oder einen Schritt, um ihn zu öffnen. Mit dem Mausrad blättern Sie. Text markieren: Halten Sie die Umschalttaste (Shift) gedrückt und ziehen Sie mit der Maus.
paper-reasons = Ein Grund zum Übernehmen, wenn Sie möchten
paper-own-reason = Sie können auch selbst einen Grund schreiben.

step-of = Schritt { $n } von { $total }
too-small =
    Das Fenster ist zu klein.
    Machen Sie es größer: mindestens { $minw } × { $minh }.
    Jetzt ist es { $w } × { $h }.
    Bis dahin tun Tasten nichts. Strg-C beendet.
open-failed = { $why } Wählen Sie den Link noch einmal: Dann sehen Sie den QR-Code.
checked-on = Geprüft am { $date }.
on-date = Am { $date }: { $sentence }
long-date = { $day }. { $month } { $year }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
type-here-email = Tippen Sie hier Ihre E-Mail-Adresse ein. Drücken Sie danach Enter.
type-here-reason = Tippen Sie hier Ihren Grund ein. Drücken Sie danach Enter.
copy-button-email = Diese E-Mail-Adresse kopieren
copy-button-reason = Ihren Grund kopieren
next-button = Weiter zu Schritt { $step }: { $title }
quit-title = Beenden?
quit-kept = Ihr Fortschritt ist gespeichert. Sie können später dort weitermachen, wo Sie waren.
quit-not-kept = Was Sie hier gemacht haben, wird nicht gespeichert.
quit-failed = Ihr Fortschritt konnte nicht gespeichert werden.
quit-stay = Weitermachen
quit-leave = Beenden
are-you-sure = Sind Sie sicher?
untick-keep = Nein, so lassen
untick-remove = Ja, entfernen
welcome-go-on = Weitermachen, wo ich war
welcome-start-over = Neu anfangen
start-over-words = Dann fangen Sie wieder bei Schritt 1 an. Was Sie bisher gemacht haben, wird getrennt aufbewahrt.
start-over-words-unkept = Dann fangen Sie wieder bei Schritt 1 an.
start-over-back = Nein, zurück
start-over-yes = Ja, neu anfangen
theme-high-contrast = hoher Kontrast
theme-standard = Standard
help-theme = Farben: jetzt { $now }. Drücken Sie t für andere Farben.
plain-type-email = Tippen Sie Ihre E-Mail-Adresse ein und drücken Sie Enter:
plain-type-reason = Tippen Sie Ihren Grund ein und drücken Sie Enter:
plain-choose = { $numbers } wählen
email-not-saved-copy = Ihre E-Mail-Adresse wird nie gespeichert. Sie ist nur zum Kopieren hier.
email-not-saved-check = Ihre E-Mail-Adresse wird nie gespeichert. Sie ist nur zum Prüfen hier.
email-no-spaces = Eine E-Mail-Adresse hat keine Leerzeichen.
email-needs-at = Eine E-Mail-Adresse hat ein @.
email-name-first = Vor dem @ steht Ihr Name.
email-one-at = Eine E-Mail-Adresse hat nur ein @.
email-needs-dot = Nach dem @ kommt ein Name mit einem Punkt, zum Beispiel gmail.com.
email-looks-right = Das sieht aus wie eine E-Mail-Adresse.
copied-email = E-Mail-Adresse kopiert. Fügen Sie sie in das Formular ein.
copied-reason = Grund kopiert. Fügen Sie ihn in das Formular ein.
date-time = { $day } um { $time }
back-button = Zurück zu Schritt { $step }: { $title }
enter-back = zurück
enter-end = beenden
welcome-back = Willkommen zurück! Sie waren bei Schritt { $step }: { $title }.
set-aside = Ihr gespeicherter Fortschritt ließ sich nicht lesen. Die Datei heißt jetzt { $file }. Sie fangen neu an.
cannot-save = Ihr Fortschritt kann hier nicht gespeichert werden. Die Schritte gehen trotzdem ganz normal.
sources-here = Darauf beruht der Schritt „{ $page }“:
sources-none-here = Der Schritt „{ $page }“ nennt keine Fakten mit einer Quelle.
stale-warning = Diese Anleitung wurde zuletzt am { $date } geprüft. Schauen Sie nach, ob sie noch stimmt.
paper-deadline-is = Die Frist: vor dem { $date }.
paper-deadline-was = Die Frist endete vor dem { $date }.
chooser-title = Auswählen
chooser-intro = Diese Hilfe gilt für mehr als eine Firma. Womit möchten Sie anfangen? Danach können Sie auch die nächste machen.
offer-button = Weiter: { $title }
paper-if-answer = Haben Sie „{ $answer }“ gewählt?
paper-if-not-answer = Haben Sie etwas anderes als „{ $answer }“ gewählt?
paper-link-hint-qr = Scannen Sie den QR-Code mit der Kamera Ihres Handys. Tippen Sie auf den Link, der dann erscheint. Melden Sie sich an, wenn Sie danach gefragt werden. Oder tippen Sie die Adresse in Ihren Browser ein.
paper-link-hint = Tippen Sie die Adresse in Ihren Browser ein. Melden Sie sich an, wenn Sie danach gefragt werden.

## Die Frist: wie lange noch, oder wie lange her.

unit-day =
    { $n ->
        [one] 1 Tag
       *[other] { $n } Tage
    }
unit-hour =
    { $n ->
        [one] 1 Stunde
       *[other] { $n } Stunden
    }
unit-minute =
    { $n ->
        [one] 1 Minute
       *[other] { $n } Minuten
    }
unit-second =
    { $n ->
        [one] 1 Sekunde
       *[other] { $n } Sekunden
    }
time-left-one = Noch { $a }.
time-left-two = Noch { $a } und { $b }.
deadline-just-passed = Die Frist ist gerade abgelaufen.
deadline-minutes-ago =
    Die Frist ist vor { $n ->
        [one] 1 Minute
       *[other] { $n } Minuten
    } abgelaufen.
deadline-hours-ago =
    Die Frist ist vor { $n ->
        [one] 1 Stunde
       *[other] { $n } Stunden
    } abgelaufen.
# The spans follow "vor" (dative): "vor 3 Tagen", "vor mehr als 2 Wochen".
span-days =
    { $n ->
        [one] 1 Tag
       *[other] { $n } Tagen
    }
span-weeks =
    { $more ->
        [yes] mehr als { "" }
       *[no] { "" }
    }{ $n ->
        [one] 1 Woche
       *[other] { $n } Wochen
    }
span-months =
    { $more ->
        [yes] mehr als { "" }
       *[no] { "" }
    }{ $n ->
        [one] 1 Monat
       *[other] { $n } Monaten
    }
span-year-and-half =
    { $more ->
        [yes] mehr als anderthalb Jahren
       *[no] anderthalb Jahren
    }
span-years =
    { $more ->
        [yes] mehr als { "" }
       *[no] { "" }
    }{ $n ->
        [one] einem Jahr
       *[other] { $n } Jahren
    }
deadline-ago = Die Frist endete vor dem { $date }. Das war vor { $span }.

## Tasten: die unterste Zeile und die Hilfe.

key-name-space = Leertaste
mode-page = Auf einer Seite
mode-field = Beim Tippen in einem Feld
mode-panel = Im Fenster mit dem Link und dem QR-Code
mode-dialog = Bei einer Frage (wie „Willkommen zurück“ und „Beenden?“)
mode-help = In dieser Hilfe und bei den Quellen
mode-everywhere = Überall
key-language = andere Sprache

## bezwaar serve: was das ssh eines Besuchers zeigt.

serve-goodbye = Auf Wiedersehen. Danke fürs Mitmachen!
serve-idle =
    Sie haben { $span } lang nichts gemacht. Darum hat die Anleitung aufgehört. Verbinden Sie sich noch einmal mit ssh, um neu anzufangen.
serve-stopping = Der Server wird jetzt beendet. Versuchen Sie es später noch einmal.
serve-busy = Gerade ist zu viel los. Versuchen Sie es in einer Minute noch einmal.
serve-address-busy = Von Ihrer Adresse aus nutzen schon zu viele Menschen die Anleitung. Versuchen Sie es in einer Minute noch einmal.
serve-too-many-open = bezwaar: Von Ihrer Adresse aus sind schon zu viele Verbindungen offen. Versuchen Sie es in einer Minute noch einmal.
serve-too-many =
    bezwaar: zu viele Verbindungen von Ihrer Adresse aus. Versuchen Sie es in { $secs ->
        [one] 1 Sekunde
       *[other] { $secs } Sekunden
    } noch einmal.
serve-no-terminal = bezwaar braucht ein Terminal. Verbinden Sie sich mit: ssh -t (ohne -T, ohne Befehl)
serve-no-commands = bezwaar führt keine Befehle aus. Verbinden Sie sich ohne Befehl, um die Anleitung zu sehen.
serve-no-subsystems = bezwaar bietet kein sftp und keine anderen Subsysteme.
serve-no-forwarding = bezwaar leitet nichts weiter (keine Ports, keinen Agent, kein X11).
serve-login-timeout = bezwaar: Es wurde nicht rechtzeitig ein Terminal angefordert.
key-stop-at-once = sofort beenden
key-help = Hilfe
key-next = weiter
key-back = zurück
key-move = wechseln
key-next-item = nächster Punkt
key-previous-item = voriger Punkt
key-read-on = weiterlesen
key-scroll-up = zurückblättern
key-first-step = erster Schritt
key-last-step = letzter Schritt
key-go-to-that-step = zu diesem Schritt
key-copy = kopieren
key-sources = Quellen
key-quit = beenden
key-done-typing = fertig mit Tippen
key-open-on-this-screen = auf diesem Bildschirm öffnen
key-copy-link = Link kopieren
key-close = schließen
key-choose = wählen
key-other-answer = andere Antwort
key-stop = beenden
key-start-over = neu anfangen
key-scroll = blättern
key-other-colours = andere Farben

## bezwaar serve: jemanden mitschauen lassen, und dort weitermachen, wo Sie waren.

look-invite-hint = mitschauen
look-heading-person = Jemanden mitschauen lassen
look-heading-helper = Mitschauen
look-key-invite = jemanden mitschauen lassen. Sie bekommen eine Zeile für diese Person.
look-key-watch-only = wer mitschaut, darf nur schauen. Noch einmal: darf wieder auch Tasten drücken.
look-key-end = das Mitschauen beenden
look-key-leave = mit dem Mitschauen aufhören
look-code-word = schau
look-status-one = Jemand schaut mit
look-status-many = { $n } Menschen schauen mit
look-status-watch-only = (nur schauen)
look-status-helper = Sie schauen mit
look-status-helper-watch-only = Sie dürfen nur schauen
look-status-person-away = Die andere Person ist kurz weg
look-stop = beenden
look-invite-title = Jemanden mitschauen lassen
look-invite-give = Geben Sie diese Zeile der Person, die mitschauen soll. Sie tippt die Zeile in ein Terminal:
look-invite-works = Der Code gilt { $span }, und nur einmal. Vorher werden Sie gefragt, ob Sie das erlauben.
look-full = Es schauen schon 2 Menschen mit. Mehr geht nicht.
look-void = Dieser Code gilt nicht mehr. Drücken Sie m für einen neuen.
look-new-code = neuer Code
look-consent-title = Jemand möchte mitschauen.
look-consent-words = Diese Person sieht alles, was Sie sehen. Erlauben?
look-consent-no = Nein, nicht mitschauen
look-consent-yes = Ja, mitschauen erlaubt
look-no = nein
look-waiting = Bitte warten. Die andere Person muss zuerst „ja“ sagen.
look-refused = Die andere Person möchte jetzt nicht, dass Sie mitschauen.
look-no-answer = Die andere Person hat nicht geantwortet. Versuchen Sie es später noch einmal.
look-away = Die andere Person ist gerade nicht in der Anleitung. Versuchen Sie es später noch einmal.
look-ended = Die andere Person hat das Mitschauen beendet.
look-left = Sie schauen nicht mehr mit. Auf Wiedersehen.
look-finished = Die andere Person ist mit der Anleitung fertig. Auf Wiedersehen.
idle-title = Sind Sie noch da?
idle-words = Eine Weile ist nichts passiert. In { $span } endet die Anleitung. Drücken Sie eine Taste, um weiterzumachen.
idle-any-key = eine Taste
idle-go-on = weiter
code-wrong = Dieser Code gilt nicht. Vielleicht wurde er schon benutzt, oder er ist abgelaufen. Fragen Sie nach einem neuen Code.
code-too-many = Es wurden zu viele falsche Codes versucht. Versuchen Sie es in ein paar Minuten noch einmal.
back-code-word = weiter
back-already-open = Diese Anleitung ist schon offen, in einem anderen Fenster.
back-heading = Dort weitermachen, wo Sie waren
back-help = Bricht die Verbindung ab? Dann können Sie noch { $span } dort weitermachen, wo Sie waren. Tippen Sie dann:
back-goodbye = Möchten Sie dort weitermachen, wo Sie waren? Tippen Sie innerhalb von { $span }:
back-goodbye-key = Oder verbinden Sie sich einfach wieder von diesem Computer aus: Der Server erkennt Ihren ssh-Schlüssel.
back-memory = Das steht nur im Speicher des Servers. Startet er neu, ist es weg.
look-waiting-keys = Tasten, die Sie jetzt drücken, bewirken nichts.
look-replaced = Andere haben zu oft Codes versucht, die Ihrem ähneln. Darum gilt der alte Code nicht mehr. Das ist Ihr neuer Code:
