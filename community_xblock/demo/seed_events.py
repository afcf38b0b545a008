"""The strategist's side of the demo: a second unit of the course (the control every event is measured against),
a live Q&A held twelve days ago in the demo unit that drew learners in, with its follow-up, and a debate to come.

Written through the domain rules with each post stamped with its own time, like the rest of the demo: the staff
view's "Past events" then shows what the Q&A did to the buzz (``gatherings/effect.py``).
"""
from datetime import timedelta
from zoneinfo import ZoneInfo

from community_xblock.conversations import threads
from community_xblock.core.lookups import space_for
from community_xblock.gatherings import events
from community_xblock.models import Community
from community_xblock.platform.identity import WORKBENCH_COURSE, WORKBENCH_ORG, WORKBENCH_RUN, CommunityKey, Viewer

OTHER_UNIT = CommunityKey(org=WORKBENCH_ORG, course=WORKBENCH_COURSE, block_id="respiration-unit-community",
                          run=WORKBENCH_RUN)
OTHER_UNIT_NAME = "Respiration community"
PARIS, BUDAPEST = "Europe/Paris", "Europe/Budapest"
# The other unit's steady talk: a question every five days, answered the next hour by another learner.
OTHER_UNIT_TALK = [
    ("Where does glycolysis happen?", "In the cytoplasm, before anything enters the mitochondria."),
    ("Why do muscles make lactate?", "Without enough oxygen, pyruvate becomes lactate so glycolysis can go on."),
    ("How many ATP per glucose?", "About 30 to 32 in the textbook's count, most of them from the electron chain."),
    ("Le cycle de Krebs produit-il de l'ATP ?", "Un peu (GTP/ATP), surtout du NADH et du FADH2."),
    ("Mi az oxidatív foszforiláció?", "Az ATP-szintézis az elektrontranszportlánc protongradiensével."),
]
QA_QUESTIONS = [
    ("amelie", "Pourquoi le cycle de Calvin a-t-il besoin de tant d'ATP ?"),
    ("zsofia", "Miért kell a RuBP-t regenerálni minden körben?"),
    ("student_1", "Could you explain again how NADPH is used in the reduction step?"),
    ("learner_4", "Is RuBisCO really the most abundant protein on Earth?"),
    ("learner_5", "What happens to the Calvin cycle when the stomata close on a hot day?"),
    ("tom", "Thanks for the session, the diagram of the three phases finally made it click for me."),
]
FOLLOW_UPS = [
    ("learner_4", "question", "Photorespiration after the Q&A",
     "After the live session I read about photorespiration: is it why C4 plants do better in hot climates?"),
    ("learner_5", "discussion", "My notes from the live Q&A",
     "I wrote up the answers from the live session on the Calvin cycle, corrections welcome."),
    ("amelie", "discussion", "Le schéma du cycle de Calvin",
     "Suite à la séance : voici comment je retiens les trois phases, fixation, réduction, régénération."),
]

# One reply to each follow-up, in the order of FOLLOW_UPS.
FOLLOW_UP_REPLIES = [
    ("zsofia", "Igen, a C4-es növények kevésbé fotorespirálnak, ezért bírják jobban a meleget."),
    ("learner_4", "Thanks for writing these notes up, they match what I heard."),
    ("student_1", "Merci, ton moyen mnémotechnique m'aide pour l'examen."),
]


def seed_events(space, staff, now):
    """Seed the other unit, the past live Q&A with its talk and follow-ups, and an upcoming debate."""
    _seed_other_unit(staff, now)
    held = now - timedelta(days=12)
    qa = events.plan(space, staff, kind="live_qa", title="Live Q&A: the Calvin cycle",
                     description="Bring your questions on the **Calvin cycle**: the course team answers live.",
                     starts=_local(held, PARIS), ends=_local(held + timedelta(hours=1), PARIS), time_zone=PARIS,
                     capacity=40, link="https://meet.example.org/calvin-cycle", now=held - timedelta(days=3))
    for minutes, (author, text) in enumerate(QA_QUESTIONS):
        threads.reply(space, _learner(author), thread_id=qa.thread_id, body=text,
                      now=qa.starts_at + timedelta(minutes=5 + 8 * minutes))
    for day, ((author, kind, title, body), (replier, reply)) in enumerate(zip(FOLLOW_UPS, FOLLOW_UP_REPLIES,
                                                                              strict=True), start=1):
        thread = threads.start_thread(space, _learner(author), kind=kind, title=title, body=body,
                                      now=qa.ends_at + timedelta(days=day))
        threads.reply(space, _learner(replier), thread_id=thread.pk, body=reply,
                      now=thread.created_at + timedelta(hours=2))
    coming = now + timedelta(days=6)
    events.plan(space, staff, kind="debate", title="Debate: could we live without plants?",
                description="One week to argue it out, in the event's conversation.",
                starts=_local(coming, BUDAPEST), ends=_local(coming + timedelta(days=2), BUDAPEST), time_zone=BUDAPEST,
                now=now)


def _seed_other_unit(staff, now):
    other = space_for(OTHER_UNIT)
    Community.objects.filter(pk=other.community.pk).update(display_name=OTHER_UNIT_NAME)
    for number, (question, answer) in enumerate(OTHER_UNIT_TALK):
        asked = now - timedelta(days=25 - 5 * number)
        thread = threads.start_thread(other, _learner(f"learner_{6 + number}"), kind="question", title=question,
                                      body=f"{question} I could not find it in the reading.", now=asked)
        threads.reply(other, _learner(f"learner_{6 + (number + 1) % len(OTHER_UNIT_TALK)}"), thread_id=thread.pk,
                      body=answer, now=asked + timedelta(hours=1))


def _learner(name):
    return Viewer(name, name)


def _local(moment, zone):
    """``moment`` as the planning form sends it: the local time in ``zone``, to the minute."""
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None).isoformat(timespec="minutes")
