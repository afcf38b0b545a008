"""The texts the talent composer writes itself (the rest comes from the labelled posts of ``tests/data/analysis``).

Per group (``dev``, ``test``: written apart, so the held-out timelines share no wording with the tuned ones) and
language:

- ``themes``: for each timeline, the four theme phrases its two trend-setters raise (French ones with their
  article, so the templates need none; Hungarian templates put the article in as ``{a}``/``{A}``);
- ``openings`` (kind, title, text) and ``replies``: the sentences that mention a theme, ``{p}`` being the phrase
  (``{P}`` capitalised);
- ``complaints``: for each timeline, the viral complaint (phrase, title, text) and ``complaint_replies``, its
  thread's replies;
- ``thanks``: the asker's thank-you comments under an expert's answer.
"""

TEXTS = {"dev": {}, "test": {}}

TEXTS["dev"]["en"] = {
    "themes": [["pivot tables", "lambda functions", "violin plots", "flash cards"],
               ["heat maps", "cheat sheets", "bootstrap samples", "mind maps"]],
    "openings": [
        ("discussion", "Anyone using {p}?",
         "I started using {p} for this unit and they save me a lot of time. Has anyone else tried them?"),
        ("discussion", "{P} for revision",
         "Sharing a tip: {p} made this week's material much easier to review. Happy to share mine."),
        ("discussion", "Tip: {p}",
         "Quick tip from me, {p} helped me keep the whole topic in my head. Worth a try before the quiz."),
        ("question", "Can we use {p}?",
         "Is it ok to use {p} for the assignment, or do we have to do it the way the video shows?"),
    ],
    "replies": [
        "Have you tried {p}? They made this part much clearer for me.",
        "I switched to {p} after reading the other thread and it really helps.",
        "{P} are the way to go here, trust me.",
        "Someone mentioned {p} last week, I tried them today and it worked well.",
        "Not sure it fits here, but {p} solved a similar thing for me.",
        "+1 for {p}, I use them for every unit now.",
        "You could do this with {p}, it takes two minutes.",
    ],
    "complaints": [
        ("late penalty", "The late penalty is unfair",
         "I submitted the lab two hours after the deadline because of a power cut and the late penalty took half "
         "of my marks. Half, for two hours! Nobody told us the late penalty would be this harsh."),
        ("peer grading", "Peer grading ruined my report grade",
         "My report got 3/10 through peer grading and the comments show the reviewers never opened the file. How "
         "can peer grading decide a third of our final grade with no way to appeal?"),
    ],
    "complaint_replies": [
        "+1, the {p} is way too harsh.", "Same thing happened to me, the {p} needs to change.", "Totally agree.",
        "Same here, really frustrating.", "Signed. Can staff please review the {p}?",
        "This is why I nearly dropped the course.", "I lost marks the same way. The {p} makes no sense.",
        "Agreed, at least explain how the {p} works.", "Happened to me too last week.",
        "Upvoting so the staff see this.",
    ],
    "thanks": [
        "Thanks, that fixed it!", "thank you so much, makes sense now", "cheers, that helped",
        "Oh that was it, thanks a lot!", "Perfect, works now. Thank you!", "thanks, that cleared it up for me",
        "Brilliant, thank you for taking the time!", "ahh got it now, thanks!!", "That did the trick, thanks!",
    ],
}

TEXTS["test"]["en"] = {
    "themes": [["list comprehensions", "price ceilings", "flow charts", "rubber ducks"],
               ["network effects", "spaced repetition", "sticky notes", "price floors"]],
    "openings": [
        ("discussion", "Has anyone looked into {p}?",
         "While working on this week's notebook I came across {p}. Does anyone here use them? Curious whether "
         "they are worth learning."),
        ("discussion", "{P} - my notes",
         "I wrote up some notes on {p} because they keep coming up for me. Let me know if you want them."),
        ("discussion", "Thoughts on {p}?",
         "What do you all think of {p}? I feel like they connect several ideas from this unit."),
        ("question", "{P} in the assignment?",
         "Would {p} count as a valid approach for the graded part, or is that going beyond the course?"),
    ],
    "replies": [
        "This is where {p} come in handy, give them a go.",
        "I read about {p} in another thread and now I see them everywhere in this unit.",
        "Maybe look at {p}? They explain exactly this.",
        "For me {p} were the missing piece.",
        "Funny, I was just reading about {p} for the same reason.",
        "{P} would make this much simpler.",
        "Following the tip about {p}, it worked for me too.",
    ],
    "complaints": [
        ("retake limit", "Why is there a retake limit now?",
         "The quiz suddenly has a retake limit of one attempt, and the syllabus promised unlimited practice "
         "attempts. I lost my only try to a connection drop. Please remove the retake limit."),
        ("grading curve", "The grading curve makes no sense",
         "Everyone in my study group did well on the midterm and the grading curve still pushed most of us down "
         "to a C. Why is a grading curve used in an online course at all?"),
    ],
    "complaint_replies": [
        "Yep, same experience with the {p}.", "Fully agree with this.",
        "The {p} is the worst part of the course so far.", "+1, please fix this", "I thought it was just me!",
        "Commenting for visibility.", "Honestly the {p} made me want to quit.",
        "Can we get an official answer about the {p}?", "Same. So annoying.", "Exactly my experience.",
    ],
    "thanks": [
        "Thank you, it works now!", "Great explanation, thanks a ton", "thx, finally understand it",
        "Many thanks, that solved my problem", "Appreciate it, all good now", "oh wow thank you, so simple in the end",
        "Thanks! I was stuck on that for ages", "Super helpful, thank you", "That sorted it, thanks mate",
    ],
}

TEXTS["dev"]["fr"] = {
    "themes": [["les cartes mentales", "les tableaux croisés", "les fiches bristol", "les frises chronologiques"],
               ["les schémas fléchés", "les arbres pondérés", "les cartes flash", "les vidéos accélérées"]],
    "openings": [
        ("discussion", "Vous utilisez {p} ?",
         "Depuis cette semaine j'utilise {p} pour réviser et ça m'aide énormément. Quelqu'un d'autre a essayé ?"),
        ("discussion", "Astuce : {p}",
         "Petite astuce pour ce chapitre : {p} m'ont permis de tout relier. Je peux partager mon travail si ça "
         "intéresse."),
        ("discussion", "{P} pour le quiz",
         "Pour préparer le quiz, {p} sont vraiment efficaces. Je vous les conseille."),
        ("question", "Question sur {p}",
         "Est-ce qu'on a le droit d'utiliser {p} pour le devoir, ou faut-il suivre la méthode de la vidéo ?"),
    ],
    "replies": [
        "Tu as essayé {p} ? Pour moi ça a tout débloqué.",
        "J'ai lu le conseil sur {p} dans un autre fil, et franchement ça marche.",
        "{P}, c'est exactement ce qu'il te faut ici.",
        "Avec {p} c'est beaucoup plus simple, je t'assure.",
        "J'utilise {p} maintenant pour chaque unité.",
        "+1 pour {p}, ça m'a fait gagner du temps.",
        "Pas sûr que ce soit le bon fil, mais {p} m'ont beaucoup aidé ici aussi.",
    ],
    "complaints": [
        ("la notation automatique", "La notation automatique est injuste",
         "J'ai rendu un devoir correct et la notation automatique m'a mis 2/10 parce qu'il manquait une virgule "
         "dans le format. La notation automatique ne lit même pas le raisonnement !"),
        ("la date butoir", "La date butoir avancée sans prévenir",
         "La date butoir du devoir a été avancée de trois jours sans aucune annonce. Beaucoup d'entre nous "
         "travaillent, changer la date butoir comme ça n'est pas correct."),
    ],
    "complaint_replies": [
        "+1, {p}, c'est vraiment abusé.", "Pareil pour moi, il faut revoir {p}.", "Entièrement d'accord.",
        "Idem, c'est frustrant.", "Je signe. L'équipe peut revoir {p} ?",
        "C'est pour ça que j'ai failli abandonner.", "J'ai perdu des points pareil, {p} n'a aucun sens.",
        "D'accord, qu'on nous explique au moins {p}.", "Ça m'est arrivé aussi la semaine dernière.",
        "Je remonte le fil pour que l'équipe le voie.",
    ],
    "thanks": [
        "Merci, ça marche !", "merci beaucoup, c'est plus clair", "Super, merci pour l'explication !",
        "Ah c'était ça, merci !!", "Parfait, ça fonctionne maintenant, merci.", "merci, tu m'as sauvé la soirée",
        "Génial, merci d'avoir pris le temps !", "Ok je comprends enfin, merci !", "Impeccable, merci beaucoup !",
    ],
}

TEXTS["test"]["fr"] = {
    "themes": [["les cartes heuristiques", "les diagrammes PERT", "les tableaux croisés", "les codes couleur"],
               ["les méthodes agiles", "les frises chronologiques", "les schémas fléchés", "les fiches bristol"]],
    "openings": [
        ("discussion", "Quelqu'un connaît {p} ?",
         "En travaillant sur l'exercice je suis tombé sur {p}. Est-ce que certains d'entre vous s'en servent ?"),
        ("discussion", "Mes notes sur {p}",
         "J'ai rédigé quelques notes sur {p} parce que ça revient souvent pour moi. Dites-moi si ça vous "
         "intéresse."),
        ("discussion", "Votre avis sur {p} ?",
         "Que pensez-vous de {p} ? J'ai l'impression que ça relie plusieurs notions de l'unité."),
        ("question", "{P} dans le devoir ?",
         "Est-ce que {p} sont acceptés pour la partie notée, ou est-ce hors programme ?"),
    ],
    "replies": [
        "C'est là que {p} deviennent utiles, essaie.",
        "On parlait de {p} dans un autre fil, et depuis je les vois partout.",
        "Regarde {p}, ça explique exactement ça.",
        "Pour moi, {p} ont été la pièce manquante.",
        "Marrant, je lisais justement un article sur {p} pour la même raison.",
        "{P} rendraient ça bien plus simple.",
        "J'ai suivi le conseil sur {p}, ça marche aussi chez moi.",
    ],
    "complaints": [
        ("la pénalité forfaitaire", "La pénalité forfaitaire, sérieusement ?",
         "Une minute de retard et la pénalité forfaitaire retire la moitié de la note. Une minute ! La pénalité "
         "forfaitaire devrait au moins être proportionnelle."),
        ("la clôture anticipée", "Clôture anticipée du quiz",
         "Le quiz devait rester ouvert jusqu'à dimanche et il a fermé vendredi soir. Avec la clôture anticipée, "
         "je n'ai pas pu le faire. Qui a décidé de la clôture anticipée ?"),
    ],
    "complaint_replies": [
        "Oui, même expérience avec {p}.", "Totalement d'accord avec ça.",
        "{P}, c'est le pire du cours jusqu'ici.", "+1, corrigez ça svp", "Je croyais être le seul !",
        "Je commente pour la visibilité.", "Franchement, {p} m'a donné envie d'arrêter.",
        "On peut avoir une réponse officielle sur {p} ?", "Pareil. Tellement agaçant.", "Exactement mon cas.",
    ],
    "thanks": [
        "Merci, maintenant ça fonctionne !", "Top, merci mille fois", "merci, j'ai enfin compris",
        "Merci beaucoup, problème réglé", "Nickel, merci !", "Oh merci, c'était tout simple en fait",
        "Merci ! J'étais bloqué là-dessus depuis des heures", "Très utile, merci à toi",
        "Ça règle mon souci, merci bien",
    ],
}

TEXTS["dev"]["hu"] = {
    "themes": [["pivot tábla", "lambda függvény", "fogalmi térkép", "tanulókártya"],
               ["dobozábra", "gondolattérkép", "pomodoro módszer", "hőtérkép"]],
    "openings": [
        ("discussion", "{A} {p} nekem nagyon bevált",
         "Ebben a modulban elkezdtem {a} {p} használatát, és rengeteg időt spórolok vele. Kipróbálta már más is?"),
        ("discussion", "Tipp: {p}",
         "Egy tipp tőlem: {a} {p} sokat segített, hogy átlássam az egész anyagot. Érdemes kipróbálni a kvíz "
         "előtt."),
        ("discussion", "{P} ismétléshez",
         "Ismétléshez {a} {p} szerintem a legjobb. Szívesen megosztom az enyémet is."),
        ("question", "Kérdés: {p}",
         "Szabad {a} {p} segítségével megoldani a beadandót, vagy a videóban mutatott módon kell?"),
    ],
    "replies": [
        "Próbáltad már {a} {p} segítségével? Nekem sokat segített.",
        "A másik témában olvastam {a} {p} ötletét, és tényleg működik.",
        "Ide {a} {p} kell, higgy nekem.",
        "{A} {p} segítségével ez sokkal egyszerűbb.",
        "Én már minden modulban erre esküszöm: {a} {p}.",
        "+1 {a} {p} ötletre, sok időt spóroltam vele.",
        "Lehet, hogy nem ide tartozik, de {a} {p} nálam egy hasonló gondot megoldott.",
    ],
    "complaints": [
        ("késési levonás", "Igazságtalan a késési levonás",
         "Áramszünet miatt két órát késtem a beadandóval, és a késési levonás elvitte a pontjaim felét. Két óra "
         "miatt a felét! Senki nem szólt, hogy ilyen durva a késési levonás."),
        ("szigorú pontozás", "Túl szigorú pontozás a kvízen",
         "Egy elírás miatt nulla pontot kaptam az egész feladatra. Ez a szigorú pontozás teljesen elveszi a "
         "kedvemet, miért nem számít a gondolatmenet?"),
    ],
    "complaint_replies": [
        "+1, {a} {p} tényleg túlzás.", "Velem is ez történt, {a} {p} így nem maradhat.", "Teljesen egyetértek.",
        "Nálam is, nagyon bosszantó.", "Aláírom. A szervezők átnéznék {a} {p} ügyét?",
        "Emiatt majdnem feladtam a kurzust.", "Én is így vesztettem pontot, {a} {p} így értelmetlen.",
        "Egyetértek, legalább magyarázzák el {a} {p} szabályait.", "Múlt héten velem is megtörtént.",
        "Felhozom, hogy a szervezők is lássák.",
    ],
    "thanks": [
        "Köszönöm, így már működik!", "köszi, sokat segített", "Köszi szépen, most már értem!",
        "Ez volt az, köszönöm!", "Szuper, megy már, köszi!", "Nagyon köszönöm, így már világos.",
        "Köszönöm a gyors választ, megoldódott!", "áh, értem már, köszi!!", "Tökéletes, köszönöm szépen!",
    ],
}

TEXTS["test"]["hu"] = {
    "themes": [["gondolattérkép", "kilépőkártya", "pontdiagram", "tanulópár"],
               ["fogalmi térkép", "pomodoro módszer", "dobozábra", "önértékelő lap"]],
    "openings": [
        ("discussion", "Ismeri valaki ezt: {p}?",
         "A feladat közben találkoztam ezzel: {p}. Használja valaki közületek? Megéri megtanulni?"),
        ("discussion", "Jegyzeteim: {p}",
         "Írtam pár jegyzetet {a} {p} témájáról, mert nálam folyton előjön. Szóljatok, ha kell."),
        ("discussion", "Mit gondoltok: {p}?",
         "Mi a véleményetek {a} {p} kapcsán? Szerintem több dolgot is összeköt ebből a modulból."),
        ("question", "{P} a beadandóban?",
         "Elfogadható megoldás {a} {p} a pontozott részben, vagy az már túlmegy a kurzuson?"),
    ],
    "replies": [
        "Itt jön jól {a} {p}, próbáld ki.",
        "Egy másik témában olvastam {a} {p} ötletéről, azóta mindenhol látom.",
        "Talán {a} {p} segíthet, pont erre való.",
        "Nekem {a} {p} volt a hiányzó láncszem.",
        "Vicces, épp most olvastam {a} {p} kapcsán ugyanezért.",
        "{A} {p} sokkal egyszerűbbé tenné ezt.",
        "Megfogadtam a tippet {a} {p} kapcsán, nálam is működik.",
    ],
    "complaints": [
        ("automatikus nullázás", "Automatikus nullázás a feltöltésnél?",
         "Egy perccel éjfél után töltöttem fel, és a rendszer automatikus nullázás miatt 0 pontot adott. Az "
         "automatikus nullázás szerintem teljesen aránytalan."),
        ("lejárt határidő", "Lejárt határidő előzetes szólás nélkül",
         "A kvíz határideje hirtelen két nappal korábbra került, és most azt írja: lejárt határidő. Senki nem "
         "jelezte, hogy változik, ez így nem fair."),
    ],
    "complaint_replies": [
        "Igen, nekem is ugyanez a tapasztalatom {a} {p} kapcsán.", "Teljesen egyetértek ezzel.",
        "{A} {p} eddig a kurzus legrosszabb része.", "+1, javítsátok ki légyszi", "Azt hittem, csak velem van ez!",
        "Kommentelek, hogy látszódjon.", "Őszintén, {a} {p} miatt majdnem abbahagytam.",
        "Kaphatnánk hivatalos választ {a} {p} ügyében?", "Ugyanez. Nagyon idegesítő.", "Pont ez történt velem is.",
    ],
    "thanks": [
        "Köszönöm, most már megy!", "köszi, ez tényleg segített", "Hálás vagyok, végre értem",
        "Köszönöm szépen, megoldódott a gondom", "Király, köszi!", "Ó, ennyi volt? Köszönöm!",
        "Nagyon hasznos volt, köszi", "Köszönöm, órák óta ezen akadtam el", "Ez az, köszönöm szépen a segítséget!",
    ],
}
