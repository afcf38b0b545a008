"""Seed the demo unit's community with conversations in English, French and Hungarian.

It writes through the same domain functions the handlers use, as several learners and a staff member, so
the demo shows what real use produces (counters, accepted answers, anchors, anonymous posts).
"""
from datetime import timedelta

from django.utils import timezone

from community_xblock.conversations import engagement, threads
from community_xblock.core.lookups import space_for
from community_xblock.demo.scenarios import DEMO_SCENARIO_TITLE
from community_xblock.demo.seed_events import seed_events
from community_xblock.models import Thread
from community_xblock.platform.components import unit_components
from community_xblock.platform.identity import Viewer, community_key_for

LEARNERS = {
    "student_1": Viewer("student_1", "student_1"),
    "amelie": Viewer("amelie", "amelie"),
    "zsofia": Viewer("zsofia", "zsofia"),
    "tom": Viewer("tom", "tom"),
    "staff": Viewer("staff", "staff", is_staff=True),
}

# (author, kind, component index or None, title, body, anonymous, replies, reactions, accepted reply index)
# replies: (author, body, [comments as (author, body)])
CONVERSATIONS = [
    ("amelie", "question", 0, "Pourquoi les feuilles sont-elles vertes ?",
     "Dans la vidéo, on dit que la chlorophylle absorbe la lumière. Mais si elle absorbe la lumière, "
     "pourquoi voit-on du **vert** ?", False,
     [("tom", "Chlorophyll absorbs mostly red and blue light and *reflects* green, so green is what reaches "
              "your eyes.", [("amelie", "Merci, c'est beaucoup plus clair maintenant !")]),
      ("zsofia", "Pontosan: a klorofill a zöld fényt veri vissza, ezért látjuk zöldnek a leveleket.", [])],
     [("student_1", 1, "helpful"), ("zsofia", 1, "insightful"), ("tom", 0, "confused")], 0),
    ("zsofia", "discussion", 1, "A Calvin-ciklus lépései",
     "Összefoglaltam magamnak a Calvin-ciklust:\n\n1. szén-dioxid megkötése (RuBisCO)\n2. redukció ATP és "
     "NADPH felhasználásával\n3. a RuBP regenerálása\n\nHiányzik valami?", False,
     [("student_1", "Nice summary! You could add that it happens in the stroma, not in the thylakoids.", [])],
     [("amelie", 0, "helpful"), ("tom", 0, "helpful"), ("student_1", 0, "insightful")], None),
    ("tom", "issue", 2, "Problem 2: the expected answer seems wrong",
     "In *Limiting factors*, question 2 says temperature is the limiting factor at 5 °C and low light, but the "
     "reading says light is limiting in that case. I think the answer key is wrong.", False,
     [("staff", "Thanks Tom, you are right: the answer key was wrong. We have fixed it and regraded everyone.",
       [])],
     [("amelie", 0, "error"), ("zsofia", 0, "error"), ("student_1", 0, "error")], None),
    ("student_1", "question", None, "Does photosynthesis stop at night?",
     "If there is no light at night, does the Calvin cycle stop too, or only the light reactions?", True,
     [], [("amelie", 0, "confused")], None),
    ("amelie", "discussion", None, "Un schéma récapitulatif",
     "J'ai fait un schéma qui relie la phase lumineuse et le cycle de Calvin : les flèches ATP/NADPH vont de "
     "l'une à l'autre. Ça aide vraiment à réviser !", False,
     [("zsofia", "Nagyon jó ötlet! Feltöltenéd a képet?", []),
      ("tom", "Great idea, I'll make one for the limiting factors too.", [])],
     [("tom", 0, "insightful"), ("zsofia", 0, "helpful")], None),
    # Tom answers his peers' questions: with the first one, the course team finds him among the expert
    # candidates (staff view, "Talent").
    ("student_1", "question", 1, "Where does the Calvin cycle take place?",
     "Is it in the thylakoids like the light reactions, or somewhere else in the chloroplast?", False,
     [("tom", "In the **stroma**, the fluid around the thylakoids: that is where RuBisCO works.",
       [("student_1", "Thanks, that helped a lot!")])],
     [("student_1", 1, "helpful"), ("amelie", 1, "helpful")], 0),
    ("zsofia", "question", 2, "Miért a fény a korlátozó tényező?",
     "A feladatban alacsony fénynél a fény a korlátozó tényező. Miért nem a hőmérséklet?", False,
     [("tom", "At low light the light reactions cannot make ATP and NADPH fast enough, so the Calvin cycle "
              "waits for them whatever the temperature.", [("zsofia", "Köszönöm, így már értem!")])],
     [("zsofia", 1, "helpful"), ("student_1", 1, "insightful")], 0),
    ("zsofia", "question", 0, "Mit jelent a fotorendszer?",
     "A videóban szerepel a „fotorendszer II”, de nem értem, miért a II. jön előbb, mint az I.", False,
     [("staff", "Jó kérdés! A számozás a felfedezés sorrendjét követi, nem a folyamat sorrendjét.", [])],
     [("tom", 0, "confused"), ("amelie", 1, "helpful")], 0),
]


# The last day: learners in three languages find the same error in the video, and the detectors raise it
# ("Possible error in …" in the staff's alerts). (author, body); the first opens the thread.
ERROR_REPORTS = [
    ("tom", "At 3:10 the video shows 6 CO2 + 6 H2O → C6H12O6 + 6 O2, but the narrator says twelve water "
            "molecules. I think the equation on the slide is wrong."),
    ("amelie", "Même chose pour moi : l'équation de la vidéo est fausse à 3:10, il manque des molécules d'eau."),
    ("zsofia", "Nálam is hibás a videóban az egyenlet a 3:10-nél."),
    ("student_1", "Same here, the equation in the video is wrong."),
]


def demo_block():
    """The community block of the demo unit, as the workbench loads it."""
    from workbench.runtime import WorkbenchRuntime
    from workbench.scenarios import get_scenarios

    scenario = next(s for s in get_scenarios().values() if s.description == DEMO_SCENARIO_TITLE)
    runtime = WorkbenchRuntime("student_1")
    unit = runtime.get_block(scenario.usage_id)
    return next(runtime.get_block(child) for child in unit.children if "community." in str(child))


def seed_demo(days_ago=26):
    """Seed the demo community unless it already has conversations. Returns how many threads it wrote."""
    block = demo_block()
    space = space_for(community_key_for(block.scope_ids.usage_id))
    if Thread.objects.filter(community=space.community).exists():
        return 0
    components = unit_components(block, LEARNERS["staff"])
    start = timezone.now() - timedelta(days=days_ago)
    for number, conversation in enumerate(CONVERSATIONS):
        _seed_conversation(space, components, conversation, start + timedelta(days=3 * number))
    _seed_error_reports(space, components[0], timezone.now() - timedelta(hours=30))
    seed_events(space, LEARNERS["staff"], timezone.now())
    return len(CONVERSATIONS) + 1


def _seed_error_reports(space, component, moment):
    (author, body), *replies = ERROR_REPORTS
    thread = threads.start_thread(space, LEARNERS[author], kind="issue", title="The equation at 3:10",
                                  body=body, anchor=component, now=moment)
    for offset, (replier, text) in enumerate(replies, start=1):
        threads.reply(space, LEARNERS[replier], thread_id=thread.pk, body=text, now=moment + timedelta(hours=offset))


def _seed_conversation(space, components, conversation, moment):
    """One conversation, written through the domain rules with each post stamped with its own time."""
    author, kind, component, title, body, anonymous, replies, reactions, accepted = conversation
    thread = threads.start_thread(
        space, LEARNERS[author], kind=kind, title=title, body=body,
        anchor=components[component] if component is not None else None, anonymous=anonymous, now=moment,
    )
    posts = [thread.opening_post]
    responses = []
    for offset, (replier, text, comments) in enumerate(replies, start=1):
        at = moment + timedelta(hours=offset)
        response = threads.reply(space, LEARNERS[replier], thread_id=thread.pk, body=text, now=at)
        responses.append(response)
        posts.append(response)
        for number, (commenter, comment) in enumerate(comments, start=1):
            posts.append(threads.reply(space, LEARNERS[commenter], thread_id=thread.pk, body=comment,
                                           parent_id=response.pk, now=at + timedelta(minutes=10 * number)))
    for reactor, post_index, reaction in reactions:
        engagement.react(space, LEARNERS[reactor], post_id=posts[post_index].pk, kind=reaction,
                         now=moment + timedelta(hours=len(replies) + 1))
    if accepted is not None:
        threads.accept(space, LEARNERS[author], post_id=responses[accepted].pk)
