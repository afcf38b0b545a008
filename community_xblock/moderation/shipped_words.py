"""The watched-word lists the package ships, per language: off until a course team turns one on.

Deliberately short and unambiguous: spam markers (held for review) and insults that have no innocent reading in
a course (flagged, so that a person decides). Nothing here blocks: refusing a post outright is a course team's
choice, made with its own words.
"""
from community_xblock.models import WatchAction

SHIPPED = {
    "en": {
        WatchAction.HOLD: ["casino", "viagra", "essay writing service", "buy followers", "crypto giveaway",
                           "payday loan", "whatsapp me"],
        WatchAction.FLAG: ["idiot", "moron", "stupid", "retard", "shut up", "loser", "dumbass"],
    },
    "fr": {
        WatchAction.HOLD: ["casino", "viagra", "rédaction de mémoire payante", "achat de followers",
                           "crédit rapide", "contactez-moi sur whatsapp"],
        WatchAction.FLAG: ["idiot", "crétin", "débile", "connard", "abruti", "ferme-la", "imbécile"],
    },
    "hu": {
        WatchAction.HOLD: ["kaszinó", "viagra", "szakdolgozat írás pénzért", "követők vásárlása",
                           "gyorskölcsön", "írj whatsappon"],
        WatchAction.FLAG: ["hülye", "idióta", "barom", "kretén", "fogd be", "marha", "debil"],
    },
}


def shipped_words(language):
    """[(word, action)] of the shipped list for ``language``."""
    return [(word, action) for action, words in SHIPPED.get(language, {}).items() for word in words]
