"""Composes the talent timelines (run once; the files it wrote are the data, committed beside it).

    python -m tests.data.talent.compose

Each timeline ``<group>/<lang>-<n>/`` is one course: four units (``unit-<k>.jsonl``, each one unit's community in
the format of ``import_community_posts``, plus ``reactions``: who found a post helpful or insightful) over five
weeks, 80 learners (``<lang>-learner-07``) who post in every unit. The background is real learner talk drawn from
``tests/data/analysis`` (each unit from one set, each text in its place: an opening post opens a thread, an answer
answers a question): about 10 posts a unit a day, learners who mostly ask and others who answer now and then (at
most 5 answers a unit, 12 in the course), rare endorsements, zero to two reactions a post. Planted in it, and
named in ``labels.json``:

- ``experts``: one a unit (in odd timelines one person for two units, also in ``course_experts``): 10 to 20
  answers to the unit's questions within 0.5-6 hours, 30-60 % endorsed, 3 to 8 distinct peers reacting to the good
  ones, the asker's thanks (``texts.py``) under most; at most two questions of their own;
- ``lucky``: two or three posts, one an answer with 10 to 14 helpful reactions (below any minimum count);
- ``lead_users``: 3 to 5 discussions in at least two units, each answered by 7 to 12 distinct learners;
- ``trend_setters``: two, each the first in the course to raise two ``themes`` (two threads, weeks 1-2), taken up
  after them by 8 to 15 other learners in other threads of every unit; no text mentions them before;
- ``viral_complainer``: one complaint in week 3, 25 to 40 replies by 20+ learners within two days, 15 to 30
  helpful reactions, its phrase nowhere else; apart from it two ordinary posts.

``dev/`` draws its texts from the analysis development sets (dev, dev2, dev3) and the dev wordings of ``texts.py``;
``test/``, composed with other seeds from the held-out sets (test, test2) and other wordings, is for measuring
only. Before anything is written, ``checks.verify`` analyses every post as the product does on import: each theme
and complaint phrase must come out as one keyphrase key wherever it is written and nowhere else, each thanks as
praise; ``checks.report`` prints what each planted person wrote and received.
"""
import json
import random
import re
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.data.talent.texts import TEXTS

HERE = Path(__file__).parent
ANALYSIS = HERE.parent / "analysis"
LANGUAGES = ("en", "fr", "hu")
GROUPS = {"dev": ("dev", "dev2", "dev3"), "test": ("test", "test2")}
SEEDS = {"dev": 7100, "test": 8300}
TIMELINES_PER_LANGUAGE, UNITS, DAYS, LEARNERS = 2, 4, 35, 80
BACKGROUND_PER_DAY = (7, 12)
REPLY_CAP = 4  # background replies a thread
ANSWER_CAPS = 5, 12  # background answers a learner: in a unit, in the course
ZONE = timezone(timedelta(hours=1))
ARTICLES = {"les", "la", "le"}


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def core(phrase):
    """The phrase without its French article: what ``labels.json`` names."""
    return " ".join(word for word in phrase.split() if word not in ARTICLES)


def mentions(phrase):
    """The phrase's words side by side, any ending (what the background texts must not say)."""
    words = [re.escape(word[:max(4, len(word) - 3)]) + r"\w*" for word in fold(core(phrase)).split()]
    return re.compile(r"\b" + r"[\W_]+".join(words))


def pools_of(name, language, banned):
    """The set's learner posts by place (openings, responses, comments by thread kind), answers, thanks; and each
    question's own answers (``answers_to``, the course team's too: an answer that fits the question)."""
    rows = [json.loads(line) for line in (ANALYSIS / name / f"{language}.jsonl").read_text("utf-8").splitlines()]
    by_id = {row["id"]: row for row in rows}
    pools = {"answer": [], "thanks": [], "answers_to": {},
             "components": sorted({r["component"] for r in rows if r.get("component")})}
    for row in rows:
        if any(p.search(fold(f"{row.get('title')} {row['text']}")) for p in banned):
            continue
        parent = by_id.get(row["reply_to"])
        opening = parent if parent is None or parent["reply_to"] is None else by_id[parent["reply_to"]]
        kind = (opening or row).get("kind") or "discussion"
        place = "opening" if parent is None else "response" if parent is opening else "comment"
        if (place, kind) == ("response", "question") and len(row["text"].split()) >= 8 \
                and not {"confusion", "error", "frustration"} & set(row["signals"]):
            pools["answers_to"].setdefault(opening["id"], []).append(row)
            pools["answer"] += [] if row["author"].startswith("staff_") else [row]
        if row["author"].startswith("staff_"):
            continue
        pools.setdefault((place, kind), []).append(row)
        if place == "comment" and "praise" in row["signals"]:
            pools["thanks"].append(row)
    return pools


class Post:
    def __init__(self, unit, author, created, row, parent, *, role, special):
        self.unit, self.author, self.created, self.parent, self.role = unit, author, created, parent, role
        self.text, self.lang, self.special, self.source = row["text"], row["lang"], special, row.get("id")
        self.thread = self if parent is None else parent.thread
        self.replies, self.endorsed, self.reactions, self.id = [], False, {}, ""
        self.kind, self.title, self.component = "", "", ""
        if parent is None:
            self.kind, self.component = row.get("kind") or "discussion", row.get("component") or ""
            self.title = row.get("title") or " ".join(self.text.split()[:8])

    def is_answer(self):
        return self.parent is self.thread and self.thread.kind == "question" and self.author != self.thread.author

    def record(self):
        record = {"id": self.id, "reply_to": self.parent and self.parent.id, "author": self.author,
                  "created": self.created.isoformat(), "text": self.text, "lang": self.lang}
        if self.parent is None:
            record.update(kind=self.kind, title=self.title, component=self.component)
        if self.endorsed:
            record["endorsed"] = True
        if any(self.reactions.values()):
            record["reactions"] = {kind: names for kind, names in self.reactions.items() if names}
        return record


class Course:
    def __init__(self, group, language, number):
        self.group, self.language, self.number = group, language, number
        self.rng = rng = random.Random(SEEDS[group] + 10 * LANGUAGES.index(language) + number)
        self.texts = TEXTS[group][language]
        banned = [mentions(p) for p in sum(self.texts["themes"], []) + [c[0] for c in self.texts["complaints"]]]
        sets = GROUPS[group]
        self.pools = [pools_of(sets[(unit + number) % len(sets)], language, banned) for unit in range(UNITS)]
        self.start = datetime(2026, 1, 5, tzinfo=ZONE) + timedelta(weeks=number)
        self.end = self.start + timedelta(days=DAYS)
        self.learners = [f"{language}-learner-{index:02d}" for index in range(1, LEARNERS + 1)]
        self.posts, self.threads, self.answers, self.themes = [], [[] for _ in range(UNITS)], {}, []
        planted = rng.sample(self.learners, 9)
        self.experts = planted[:3] + planted[:1] if number % 2 else planted[:4]
        rng.shuffle(self.experts)
        self.lead, self.setters, self.complainer, self.lucky = planted[4], planted[5:7], planted[7], planted[8]
        self.background = [name for name in self.learners if name not in {*self.experts, *planted[4:]}]
        self.weights = {}  # a background learner's home units and appetite for asking, answering, replying
        for index, name in enumerate(rng.sample(self.background, len(self.background))):
            ask, answer = (0.6, 1.5) if index < 8 else (3.0, 0.15) if index < 30 else (1.0, 0.5)
            activity, home = rng.uniform(0.4, 1.6), set(rng.sample(range(UNITS), rng.randint(1, 2)))
            self.weights[name] = home, {"ask": ask * activity, "answer": answer * activity, "reply": activity}

    def write(self, unit, author, moment, row, parent=None, *, role="", special=False):
        post = Post(unit, author, moment.replace(microsecond=0), row, parent, role=role, special=special)
        self.posts.append(post)
        (self.threads[unit] if parent is None else post.thread.replies).append(post)
        if post.is_answer():
            for key in (author, (unit, author)):
                self.answers[key] = self.answers.get(key, 0) + 1
        return post

    def written(self, template, phrase, **opening):
        """A composed text (``opening``: kind and title) with the phrase in it, as a row of the pools."""
        article = ("az" if fold(phrase)[0] in "aeiou" else "a") if self.language == "hu" else ""

        def fill(text):
            return text.format(p=phrase, P=phrase[0].upper() + phrase[1:], a=article, A=article.capitalize())
        return {"text": fill(template), "lang": self.language,
                **{key: fill(value) if key == "title" else value for key, value in opening.items()}}

    def pick(self, unit, what, exclude=()):
        """A background learner for the task, by appetite and home units; answers stop at ANSWER_CAPS."""
        names = [name for name in self.background if name not in exclude and (what != "answer" or (
            self.answers.get((unit, name), 0) < ANSWER_CAPS[0] and self.answers.get(name, 0) < ANSWER_CAPS[1]))]
        weights = [self.weights[n][1][what] * (1.0 if unit in self.weights[n][0] else 0.3) for n in names]
        return self.rng.choices(names, weights)[0]

    def react(self, post, count, also=(), insightful=0.2):
        """``count`` distinct learners (``also`` first) react to ``post``, never its author."""
        others = [name for name in self.learners if name != post.author and name not in also]
        for name in list(also)[:count] + self.rng.sample(others, max(0, count - len(also))):
            post.reactions.setdefault("insightful" if self.rng.random() < insightful else "helpful", []).append(name)

    def endorse(self, answer):
        for reply in answer.thread.replies:
            reply.endorsed = reply is answer

    def recent(self, unit, moment, days, kinds=("question", "discussion", "issue"), replies=REPLY_CAP):
        return [t for t in self.threads[unit] if t.kind in kinds and not t.special and len(t.replies) < replies
                and timedelta(minutes=30) < moment - t.created < timedelta(days=days)]

    # The background ----------------------------------------------------------------------------------------------
    def background_unit(self, unit):
        rng = self.rng
        for moment in sorted(self.start + timedelta(days=day, hours=rng.uniform(7.5, 23.5))
                             for day in range(DAYS) for _ in range(rng.randint(*BACKGROUND_PER_DAY))):
            recent = self.recent(unit, moment, 3)
            if recent and rng.random() < 0.62:
                waiting = [t for t in recent if t.kind == "question" and not t.replies]
                self.reply(rng.choice(waiting) if waiting and rng.random() < 0.7 else rng.choice(recent), moment)
            else:
                kind = rng.choices(["question", "discussion", "issue"], [0.45, 0.32, 0.23])[0]
                self.write(unit, self.pick(unit, "ask"), moment, rng.choice(self.pools[unit][("opening", kind)]))

    def reply(self, thread, moment):
        """A background reply: a response to the opening, or a comment on a response (often the asker's thanks)."""
        rng, unit, pools = self.rng, thread.unit, self.pools[thread.unit]
        responses = [p for p in thread.replies if p.parent is thread and p.created < moment - timedelta(minutes=5)]
        if responses and rng.random() < 0.35:
            parent = rng.choice(responses)
            if parent.author != thread.author and thread.author in self.weights and rng.random() < 0.5:
                row = rng.choice(pools["thanks"] if thread.kind == "question" else pools[("comment", thread.kind)])
                return self.write(unit, thread.author, moment, row, parent)
            author = self.pick(unit, "reply", exclude={parent.author})
            return self.write(unit, author, moment, rng.choice(pools[("comment", thread.kind)]), parent)
        if thread.kind != "question":
            author = self.pick(unit, "reply", exclude={thread.author})
            return self.write(unit, author, moment, rng.choice(pools[("response", thread.kind)]), thread)
        row = self.answer_to(thread) if rng.random() < 0.7 else rng.choice(pools[("response", "question")])
        answer = self.write(unit, self.pick(unit, "answer", exclude={thread.author}), moment, row, thread)
        if rng.random() < 0.12 and not any(p.endorsed for p in thread.replies):
            self.endorse(answer)
        return answer

    def answer_to(self, thread):
        """One of the question's own answers where the set has one, else another answer of its set."""
        pools = self.pools[thread.unit]
        return self.rng.choice(pools["answers_to"].get(thread.source) or pools["answer"])

    def chatter(self, opening):
        for hours in sorted(self.rng.uniform(0.5, 30) for _ in range(self.rng.randint(1, 3))):
            self.reply(opening, opening.created + timedelta(hours=hours))

    def ordinary(self, author, count, kinds=("question", "discussion"), replying=True):
        """A planted person's everyday posts: new threads (with background replies) or responses in discussions."""
        rng = self.rng
        for _ in range(count):
            unit = rng.randrange(UNITS)
            moment = self.start + timedelta(days=rng.randint(0, DAYS - 3), hours=rng.uniform(8, 22))
            recent = self.recent(unit, moment, 3, kinds=("discussion", "issue"), replies=99)
            if replying and recent and rng.random() < 0.5:
                thread = rng.choice(recent)
                self.write(unit, author, moment, rng.choice(self.pools[unit][("response", thread.kind)]), thread)
            else:
                kind = rng.choice(kinds)
                self.chatter(self.write(unit, author, moment, rng.choice(self.pools[unit][("opening", kind)])))

    # The planted people ------------------------------------------------------------------------------------------
    def unanswered_questions(self, unit):
        return [t for t in self.threads[unit] if t.kind == "question" and t.author in self.weights
                and t.created < self.end - timedelta(days=1) and not any(p.role for p in t.replies)]

    def plant_expert(self, name, unit):
        rng = self.rng
        # Questions the set has an answer for come first, one of each text before any repeat.
        questions = rng.sample(self.unanswered_questions(unit), len(self.unanswered_questions(unit)))
        firsts = {t.source: t for t in reversed(questions) if t.source in self.pools[unit]["answers_to"]}
        questions.sort(key=lambda t: (t not in firsts.values(), t.source not in firsts))
        chosen = questions[:rng.randint(10, 20)]
        endorsed = set(rng.sample(range(len(chosen)), round(len(chosen) * rng.uniform(0.3, 0.6))))
        for index, thread in enumerate(chosen):
            moment = thread.created + timedelta(hours=rng.uniform(0.5, 6))
            answer = self.write(unit, name, moment, self.answer_to(thread), thread, role="expert")
            if index in endorsed:
                self.endorse(answer)
            if index in endorsed or rng.random() < 0.4:
                self.react(answer, rng.randint(3, 8), also=(thread.author,) if rng.random() < 0.7 else ())
            if rng.random() < 0.7:
                thanks = {"text": rng.choice(self.texts["thanks"]), "lang": self.language}
                later = moment + timedelta(hours=rng.uniform(0.2, 9))
                self.write(unit, thread.author, later, thanks, answer, role="thanks")

    def plant_lucky(self):
        rng, unit = self.rng, self.rng.randrange(UNITS)
        thread = rng.choice(self.unanswered_questions(unit))
        answer = self.write(unit, self.lucky, thread.created + timedelta(hours=rng.uniform(1, 20)),
                            self.answer_to(thread), thread, role="lucky")
        self.react(answer, rng.randint(10, 14), insightful=0)
        if rng.random() < 0.5:
            self.endorse(answer)
        self.ordinary(self.lucky, rng.randint(1, 2), replying=False)

    def plant_lead(self):
        rng, count = self.rng, self.rng.randint(3, 5)
        units = rng.sample(range(UNITS), 2) + [rng.randrange(UNITS) for _ in range(count - 2)]
        for unit, day in zip(units, sorted(rng.sample(range(1, DAYS - 4), count)), strict=True):
            moment = self.start + timedelta(days=day, hours=rng.uniform(8, 21))
            opening = self.write(unit, self.lead, moment, rng.choice(self.pools[unit][("opening", "discussion")]),
                                 role="lead", special=True)
            repliers = rng.sample(self.background, rng.randint(7, 12))
            voices = repliers + rng.choices(repliers, k=rng.randint(0, 4)) + [self.lead] * rng.randint(1, 3)
            pool = self.pools[unit][("response", "discussion")]
            self.thread_replies(opening, voices, 70, lambda pool=pool: rng.choice(pool))
            self.react(opening, rng.randint(2, 6), insightful=0.6)

    def thread_replies(self, opening, voices, hours, row, front=1.0):
        """A planted thread's replies over ``hours`` (``front`` > 1 crowds them at the start)."""
        rng = self.rng
        moments = sorted(opening.created + timedelta(hours=max(0.05, hours * rng.random() ** front)) for _ in voices)
        for author, moment in zip(rng.sample(voices, len(voices)), moments, strict=True):
            responses = [p for p in opening.replies if p.parent is opening and p.author != author]
            if author == opening.author and not responses:
                continue
            commenting = responses and (author == opening.author or rng.random() < 0.35)
            parent = rng.choice(responses) if commenting else opening
            self.write(opening.unit, author, max(moment, parent.created + timedelta(minutes=2)), row(), parent,
                       role=f"{opening.role}-reply")

    def theme_opening(self, unit, author, moment, phrase, templates):
        kind, title, text = self.rng.choice(templates)
        component = self.rng.choice([*self.pools[unit]["components"], ""])
        row = self.written(text, phrase, kind=kind, title=title, component=component)
        opening = self.write(unit, author, moment, row, role="theme", special=True)
        self.chatter(opening)
        return opening

    def plant_setters(self):
        """Each trend-setter's two themes: the first in a new discussion, the second new or in a recent one."""
        rng, phrases = self.rng, self.texts["themes"][self.number - 1]
        for setter, themes in zip(self.setters, (phrases[:2], phrases[2:]), strict=True):
            for index, phrase in enumerate(themes):
                unit, day = rng.randrange(UNITS), rng.randint(1, 6) if index == 0 else rng.randint(7, 12)
                moment = self.start + timedelta(days=day, hours=rng.uniform(9, 21))
                threads = self.recent(unit, moment, 2, kinds=("discussion",), replies=99)
                if index == 1 and threads and rng.random() < 0.5:
                    row = self.written(rng.choice(self.texts["replies"]), phrase)
                    first = self.write(unit, setter, moment, row, rng.choice(threads), role="theme")
                else:
                    first = self.theme_opening(unit, setter, moment, phrase, self.texts["openings"][:3])
                self.themes.append((setter, phrase, first))

    def spread(self, phrase, first):
        """8 to 15 other learners take the theme up after ``first``, in new threads and replies of every unit."""
        rng = self.rng
        takers = rng.sample(self.background, rng.randint(8, 15))
        for author in takers + rng.sample(takers, rng.randint(1, 4)):
            later = (self.end - first.created - timedelta(days=1)) * rng.random() ** 0.8
            moment, unit = first.created + timedelta(hours=12) + later, rng.randrange(UNITS)
            threads = [t for t in self.recent(unit, moment, 4, kinds=("discussion", "issue")) if t is not first.thread]
            if not threads or rng.random() < 0.35:
                self.theme_opening(unit, author, moment, phrase, self.texts["openings"])
                continue
            thread = rng.choice(threads)
            responses = [p for p in thread.replies if p.parent is thread and p.created < moment - timedelta(minutes=5)]
            parent = rng.choice(responses) if responses and rng.random() < 0.3 else thread
            row = self.written(rng.choice(self.texts["replies"]), phrase)
            self.write(unit, author, moment, row, parent, role="theme")

    def plant_complaint(self):
        rng, unit = self.rng, self.rng.randrange(UNITS)
        phrase, title, text = self.texts["complaints"][self.number - 1]
        self.complaint_phrase = phrase
        moment = self.start + timedelta(days=rng.randint(14, 18), hours=rng.uniform(9, 20))
        row = self.written(text, phrase, kind=rng.choice(["issue", "discussion"]), title=title,
                           component=rng.choice(self.pools[unit]["components"]))
        self.complaint = self.write(unit, self.complainer, moment, row, role="complaint", special=True)
        repliers = rng.sample(self.background, rng.randint(20, 28))
        voices = repliers + rng.choices(repliers, k=max(0, rng.randint(25, 40) - len(repliers)))
        replies = self.texts["complaint_replies"]
        self.thread_replies(self.complaint, voices, 46, lambda: self.written(rng.choice(replies), phrase), front=2)
        self.react(self.complaint, rng.randint(15, 30), insightful=0)
        self.ordinary(self.complainer, 2)

    def compose(self):
        rng = self.rng
        for unit in range(UNITS):
            self.background_unit(unit)
        self.plant_complaint()
        for unit, expert in enumerate(self.experts):
            self.plant_expert(expert, unit)
        for expert in sorted(set(self.experts)):
            self.ordinary(expert, rng.randint(0, 2), kinds=("question",), replying=False)
            self.ordinary(expert, rng.randint(1, 3), kinds=("discussion",))
        self.plant_lucky()
        self.plant_lead()
        self.ordinary(self.lead, rng.randint(2, 4))
        self.plant_setters()
        for _setter, phrase, first in list(self.themes):
            self.spread(phrase, first)
        for setter in self.setters:
            self.ordinary(setter, rng.randint(2, 4))
        for post in self.posts:  # the background's sparse reactions, also on an expert's ordinary answers
            if not post.reactions:
                self.react(post, rng.choices([0, 1, 2], [0.72, 0.2, 0.08])[0])
        for unit in range(UNITS):
            for index, post in enumerate(self.unit_posts(unit), 1):
                post.id = f"{self.language}{self.number}-{self.group}-u{unit + 1}-{index:04d}"
        return self

    def unit_posts(self, unit):
        return sorted((p for p in self.posts if p.unit == unit), key=lambda p: p.created)

    def labels(self):
        return {"experts": {f"unit-{unit + 1}": [name] for unit, name in enumerate(self.experts)},
                "course_experts": sorted({name for name in self.experts if self.experts.count(name) > 1}),
                "lead_users": [self.lead], "trend_setters": list(self.setters), "viral_complainer": self.complainer,
                "lucky": [self.lucky],
                "themes": {s: [core(phrase) for who, phrase, _ in self.themes if who == s] for s in self.setters}}


def main():
    from tests.data.talent.checks import report, verify

    for group in GROUPS:
        for language in LANGUAGES:
            for number in range(1, TIMELINES_PER_LANGUAGE + 1):
                course = Course(group, language, number).compose()
                verify(course)
                folder = HERE / group / f"{language}-{number}"
                folder.mkdir(parents=True, exist_ok=True)
                for unit in range(UNITS):
                    lines = [json.dumps(post.record(), ensure_ascii=False) + "\n" for post in course.unit_posts(unit)]
                    (folder / f"unit-{unit + 1}.jsonl").write_text("".join(lines), encoding="utf-8")
                labels = json.dumps(course.labels(), ensure_ascii=False, indent=2)
                (folder / "labels.json").write_text(labels + "\n", encoding="utf-8")
                report(course)


if __name__ == "__main__":
    main()
