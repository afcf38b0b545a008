"""What a post signals to the course team: confusion, an error report, praise, frustration, urgency.

Each signal is a short list of expressions per language, the way learners actually write them in course
forums (checked against the labelled posts in ``tests/data/labelled_posts.json``; the test reports precision and
recall per signal and language). Expressions are regular expressions matched on the lower-cased text with
apostrophes normalised; they are phrases rather than single words wherever a word alone misleads ("wrong" in
"what is wrong with my reasoning" is confusion, not an error report).
"""
import re
from functools import cache

SIGNALS = ("confusion", "error", "praise", "frustration", "urgency")

LEXICON = {
    "en": {
        "confusion": [
            r"\b(i )?(do ?n'?t|do not|can'?t|cannot|still don'?t) (really )?(understand|get|follow|see (why|how))",
            r"\bconfus", r"\bunclear\b", r"\bnot clear\b", r"\bmakes? no sense\b", r"\bdoes ?n'?t make sense\b",
            r"\blost me\b", r"\bi'?m lost\b", r"\b(can|could) (someone|somebody|anyone|you) (please )?explain",
            r"\bwhat('s| is) the difference between\b", r"\bnot sure (i |if |why |how |what )",
            r"\bi (don'?t|do not) see (why|how)\b", r"\bstruggling to (understand|see|follow)", r"\bpuzzl",
            r"\bwhat does .{1,40} mean\b", r"\bhow (can|could|does|do) .{1,60} if\b", r"\bwhy would\b",
        ],
        "error": [
            r"\btypo\b", r"\bmistake\b", r"\b(is|are|seems?|looks?) (wrong|incorrect)\b", r"\bincorrect\b",
            r"\bwrong (answer|value|label|unit|formula|sign|date|number|figure|caption)",
            r"\banswer key\b", r"\b(error|errors) in\b", r"\bshould (say|read)\b",
            r"\bshould be .{1,40}(not|instead)\b", r"\bbroken link\b",
            r"\bdead link\b", r"\blink (is )?broken\b", r"\b(does ?n'?t|does not|won'?t) (load|play|work|open)\b",
            r"\bmislabel", r"\bmarked (me )?(as )?wrong\b", r"\bgraded (me )?(as )?wrong\b", r"\bcontradict",
            r"\bin(consistent| the slides?) .{0,30}(but|whereas)\b", r"\b404\b", r"\bcut off\b",
        ],
        "praise": [
            r"\bthanks?\b", r"\bthank you\b", r"\bgreat\b", r"\bexcellent\b", r"\bbrilliant\b", r"\bawesome\b",
            r"\blove[ds]? (this|the|it)\b", r"\b(very |really |so )?(helpful|clear) (explanation|video|answer)",
            r"\bwell explained\b", r"\bnow i (get|understand) it\b", r"\bmakes sense now\b", r"\bamazing\b",
        ],
        "frustration": [
            r"\bfrustrat", r"\bannoying\b", r"\bwaste of (my )?time\b", r"\bridiculous\b", r"\bterrible\b",
            r"\bi hate\b", r"\buseless\b", r"\bfed up\b", r"\bgive up\b", r"\bgiving up\b", r"\bunfair\b",
            r"\bfor the (third|fourth|fifth|\w+th) time\b", r"\bstill no (answer|reply|response)\b",
        ],
        "urgency": [
            r"\burgent", r"\basap\b", r"\bas soon as possible\b", r"\bdeadline\b", r"\bdue (tomorrow|tonight|today)",
            r"\bbefore (the |my )?(exam|deadline|quiz|test)\b", r"\b(exam|quiz|test) (is )?(tomorrow|tonight)",
            r"\bplease help\b", r"\bquick(ly)? (help|answer|reply)\b",
        ],
    },
    "fr": {
        "confusion": [
            r"\bje ne (comprends|saisis|vois) (pas|toujours pas|vraiment pas)", r"\bpas (bien )?compris\b",
            r"\bj'ai du mal à (comprendre|suivre|voir)", r"\bje suis (un peu |complètement )?perdu",
            r"\bje n'arrive pas à (comprendre|suivre|voir|saisir)", r"\bpas clair\b", r"\bconfus",
            r"\b(quelqu'un|qqn) (peut|pourrait)(-il)? (m')?expliquer", r"\bquelle est la différence\b",
            r"\bça n'a pas de sens\b", r"\bje ne vois pas (pourquoi|comment)\b", r"\bque (veut dire|signifie)\b",
            r"\bcomment (est-ce que |peut-on |se fait-il)", r"\bm'échappe\b",
        ],
        "error": [
            r"\berreur\b", r"\bfaute\b", r"\bcoquille\b", r"\b(est|sont|semble|me semble) (faux|fausse|incorrect)",
            r"\bincorrecte?\b", r"\bcorrigé (est |semble )?(faux|erroné)", r"\berroné", r"\bdevrait (être|dire)\b",
            r"\blien (mort|cassé|brisé)\b", r"\bne (fonctionne|marche|s'affiche|se charge) pas\b",
            r"\bcomptée? (comme )?fau(x|sse)\b", r"\bcontradi", r"\bcontredi", r"\blien .{0,40}cassé\b",
            r"\bmauvaise (réponse|valeur|unité|légende)",
            r"\bil manque\b",
        ],
        "praise": [
            r"\bmerci\b", r"\bgénial", r"\bsuper\b", r"\bexcellent", r"\bbravo\b", r"\btrès (clair|utile|bien)",
            r"\bj'adore\b", r"\bbien expliqué", r"\bc'est (beaucoup )?plus clair\b", r"\bformidable\b",
        ],
        "frustration": [
            r"\bfrustr", r"\bénervant", r"\bagaçant", r"\bperte de temps\b", r"\bc'est nul\b", r"\bridicule\b",
            r"\bj'en ai marre\b", r"\binutile\b", r"\bj'abandonne\b", r"\binjuste\b", r"\btoujours pas de réponse\b",
        ],
        "urgency": [
            r"\burgent", r"\bau plus vite\b", r"\bdès que possible\b", r"\bdate limite\b", r"\bdeadline\b",
            r"\bavant (l'|le |la )?(examen|partiel|quiz|rendu|date limite)", r"\b(examen|partiel|quiz) (est )?demain",
            r"\bpour demain\b", r"\bà l'aide\b", r"\brapidement\b",
        ],
    },
    "hu": {
        "confusion": [
            r"\bnem (igazán |teljesen |egészen )?értem\b", r"\bnem (világos|egyértelmű)\b", r"\bösszezavar",
            r"\bzavaros\b", r"\belvesztem\b", r"\bnem tudom,? (hogy|miért|mi|hogyan)\b",
            r"\bel tudná(d|tok)? (valaki )?magyarázni\b", r"\bmagyarázza? el\b", r"\bmi a különbség\b",
            r"\bnincs értelme\b", r"\bnem értem,? (hogy|miért|mi)\b", r"\bnem látom,? (hogy|miért)\b",
            r"\bmit jelent\b", r"\bhogyan lehet(séges)?,? hogy\b", r"\bnem áll össze\b",
        ],
        "error": [
            r"\bhib(a|át|ás|ák|ásan|ás a)\b", r"\belírás", r"\btéves",
            r"\brossz (a )?(válasz|megoldás|érték|mértékegység)",
            r"\bnem működik\b", r"\bhelytelen", r"\b(kellene|kéne) lennie\b", r"\bnem tölt(ődik)? be\b",
            r"\bnem jó a\b", r"\bellentmond", r"\bfelcserél", r"\bhiányzik\b", r"\brosszul (van|számol|írja)",
            r"\bnem (nyílik|indul) el\b",
        ],
        "praise": [
            r"\bköszön", r"\bköszi\b", r"\bszuper\b", r"\bnagyszerű", r"\bremek\b", r"\bnagyon (jó|hasznos|érthető)",
            r"\bimádom\b", r"\bzseniális\b", r"\bmost már értem\b", r"\bmost már világos\b", r"\bkiváló",
        ],
        "frustration": [
            r"\bidegesít", r"\bbosszant", r"\bidőpocsékolás\b", r"\bborzalmas\b", r"\bszörnyű\b", r"\bfelesleges\b",
            r"\belegem van\b", r"\bhasználhatatlan\b", r"\bfeladom\b", r"\bigazságtalan\b",
            r"\bmég mindig nincs válasz",
        ],
        "urgency": [
            r"\bsürgős", r"\bhatáridő", r"\bholnap\b", r"\bminél előbb\b", r"\bmielőbb\b", r"\bvizsga előtt\b",
            r"\bgyorsan\b", r"\bsegítsetek\b",
        ],
    },
}


@cache
def _compiled(language, signal):
    return re.compile("|".join(f"(?:{pattern})" for pattern in LEXICON[language][signal]))


def detect_signals(text, language):
    """The signals ``text`` (in ``language``) carries, as a set of names from SIGNALS."""
    normalised = text.lower().replace("’", "'")
    return {signal for signal in SIGNALS if _compiled(language, signal).search(normalised)}
