"""Composes the detection timelines from the labelled posts of ``tests/data/analysis`` (run once; the files it
wrote are the data, committed beside it).

    python -m tests.data.detection.compose

Each timeline is four weeks of one unit's community in one language: calm weeks (about 14 posts a day, new
threads and replies, questions answered within hours, the odd confused, annoyed or error-reporting post spread
over the components), and in the third week two episodes, labelled on their posts with ``episode``:

- ``error``: learners reporting the same error about one component over a day and a half (5 to 7 reports by
  distinct learners, the later ones often replies to the first);
- ``buzz``: a burst of frustration about another component within 90 minutes (6 to 8 posts by 4 or 5 learners).

``dev/`` timelines draw their texts from the analysis development sets (dev, dev2, dev3) and are the ones the
detectors were tuned on; ``test/`` timelines draw from the held-out sets (test, test2) and were written before
any detector figure was measured on them.
"""
import json
import random
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).parent
ANALYSIS = HERE.parent / "analysis"
LANGUAGES = ("en", "fr", "hu")
GROUPS = {"dev": ("dev", "dev2", "dev3"), "test": ("test", "test2")}
TIMELINES_PER_LANGUAGE = 2
POSTS_PER_DAY = 14
DAYS = 28
ZONE = timezone(timedelta(hours=1))


def rows_of(sets, language):
    rows = []
    for name in sets:
        path = ANALYSIS / name / f"{language}.jsonl"
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row for row in rows if not row["author"].startswith("staff_")]


def compose(sets, language, seed):
    rng = random.Random(seed)
    rows = rows_of(sets, language)
    components = [name for name, _count in Counter(
        row["component"] for row in rows if row.get("component")).most_common(4)]
    # Texts keep their place: an opening post opens a thread, a reply ("same here") answers one, so each is
    # analysed in the context it was written for.
    calm = _by_place([row for row in rows if not {"error", "frustration"} & set(row["signals"])])
    errors = _by_place([row for row in rows if "error" in row["signals"]])
    angry = _by_place([row for row in rows if "frustration" in row["signals"]])
    start = datetime(2026, 1, 5, tzinfo=ZONE) + timedelta(weeks=seed % 5)
    learners = [f"{language}-learner-{number:02d}" for number in range(60)]
    posts, threads = [], []  # threads: (id, created, component, kind, answered)

    def write(row, moment, author, component, *, reply_to=None, kind=None, episode=None):
        post_id = f"{language}-{seed}-{len(posts) + 1:04d}"
        record = {"id": post_id, "reply_to": reply_to, "author": author, "created": moment.isoformat(),
                  "text": row["text"], "lang": row["lang"], "signals": row["signals"]}
        if reply_to is None:
            thread_kind = kind or row.get("kind") or "discussion"
            record.update(kind=thread_kind, title=row.get("title") or " ".join(row["text"].split()[:8]),
                          component=component)
            threads.append([post_id, moment, component, thread_kind, False])
        if episode:
            record["episode"] = episode
        posts.append(record)
        return post_id

    def calm_post(moment, pool):
        recent = [thread for thread in threads if moment - thread[1] < timedelta(days=3)]
        author = rng.choice(learners)
        if recent and rng.random() < 0.6:
            row = rng.choice(pool["reply"])
            # Questions waiting for an answer get one first: calm weeks leave none unanswered for a day.
            waiting = [thread for thread in recent if thread[3] == "question" and not thread[4]]
            thread = waiting[0] if waiting else rng.choice(recent)
            thread[4] = True
            return write(row, moment, author, thread[2], reply_to=thread[0])
        return write(rng.choice(pool["opening"]), moment, author, rng.choice(components + [""]))

    # Calm traffic, with the odd error report (every 4 days) and annoyed post (every 2 days) spread out.
    moments = sorted(start + timedelta(days=day, hours=rng.uniform(8, 23))
                     for day in range(DAYS) for _ in range(POSTS_PER_DAY))
    for number, moment in enumerate(moments):
        pool = errors if number % (4 * POSTS_PER_DAY) == 17 else angry if number % (2 * POSTS_PER_DAY) == 5 else calm
        calm_post(moment, pool)

    _episodes(rng, start, components, learners, errors=errors, angry=angry, write=write)
    posts.sort(key=lambda record: record["created"])
    return posts


def _episodes(rng, start, components, learners, *, errors, angry, write):
    """The error cluster and the bad-buzz burst, on two different components of the third week."""
    error_component, buzz_component = rng.sample(components, 2)
    error_start = start + timedelta(days=15, hours=rng.uniform(9, 14))
    reporters = rng.sample(learners, rng.randint(5, 7))
    first = None
    for number, author in enumerate(reporters):
        moment = error_start + timedelta(hours=number * rng.uniform(3, 6))
        if first is None or rng.random() < 0.4:
            thread_id = write(rng.choice(errors["opening"]), moment, author, error_component, kind="issue",
                              episode="error")
            first = first or thread_id
        else:
            write(rng.choice(errors["reply"]), moment, author, error_component, reply_to=first, episode="error")
    buzz_start = start + timedelta(days=18, hours=rng.uniform(10, 20))
    voices = rng.sample(learners, rng.randint(4, 5))
    opening = None
    for number in range(rng.randint(6, 8)):
        moment = buzz_start + timedelta(minutes=number * rng.uniform(6, 12))
        author = voices[number % len(voices)]
        if opening is None or rng.random() < 0.3:
            thread_id = write(rng.choice(angry["opening"]), moment, author, buzz_component, episode="buzz")
            opening = opening or thread_id
        else:
            write(rng.choice(angry["reply"]), moment, author, buzz_component, reply_to=opening, episode="buzz")


def _by_place(rows):
    return {"opening": [row for row in rows if row["reply_to"] is None],
            "reply": [row for row in rows if row["reply_to"] is not None]}


def main():
    for group, sets in GROUPS.items():
        (HERE / group).mkdir(exist_ok=True)
        for language in LANGUAGES:
            for number in range(1, TIMELINES_PER_LANGUAGE + 1):
                seed = {"dev": 100, "test": 200}[group] + number
                posts = compose(sets, language, seed)
                path = HERE / group / f"{language}-{number}.jsonl"
                path.write_text("".join(json.dumps(post, ensure_ascii=False) + "\n" for post in posts),
                                encoding="utf-8")


if __name__ == "__main__":
    main()
