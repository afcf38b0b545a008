"""The checks and the summary of a composed talent course (``compose.main`` runs them before writing it).

``verify`` reads every post with the product's own analysis, in the context the import gives it (thread kind,
opening or reply, the names themes leave out), and fails on any planted phrase whose keyphrase key is missing
from a post that writes it, found in one that does not, or read in another language; on a theme not first raised
by its trend-setter or taken up by fewer than 8 others in other threads; on the complaint's key outside its
thread; on a thanks comment not read as praise. ``report`` prints what each planted person wrote and received.
"""
from tests.data.talent.compose import UNITS, core


def verify(course):
    """Analyses every post as the product does on import; the planted phrases' keys must be where they were put."""
    from community_xblock.insights.analysis import Context, analyse
    from community_xblock.insights.analysis.text import fold_word, stemmer

    language, problems, course.keys = course.language, [], {}
    for post in course.posts:
        thread = post.thread
        names = [post.author, thread.component] + ([] if post is thread else [thread.author, post.parent.author])
        context = Context(thread_kind=thread.kind, is_opening=post is thread, thread_language=language,
                          community_language=language, excluded_names=tuple(name for name in names if name))
        post.analysis = analyse(post.text, context, title=post.title if post is thread else "")
        post.keys = {key for key, _surface in post.analysis.keyphrases}
        if post.role == "thanks" and "praise" not in post.analysis.signals:
            problems.append(f"thanks without praise: {post.text!r}")
    for phrase in [phrase for _setter, phrase, _first in course.themes] + [course.complaint_phrase]:
        key = course.keys[phrase] = " ".join(stemmer(language).stemWords([fold_word(w) for w in core(phrase).split()]))
        written = {p for p in course.posts if phrase.lower() in f"{p.title} {p.text}".lower()}
        having = {p for p in course.posts if key in p.keys}
        problems += [f"{phrase!r}: no key {key!r} in {p.text!r}" for p in written - having]
        problems += [f"{phrase!r}: key also in {p.text!r}" for p in having - written]
        problems += [f"{phrase!r}: read as {p.analysis.language}: {p.text!r}"
                     for p in written if p.analysis.language != language]
    for setter, phrase, first in course.themes:
        taken = [p for p in course.posts if course.keys[phrase] in p.keys and p is not first]
        if any(p.created <= first.created or p.thread is first.thread for p in taken) or \
                len({p.author for p in taken} - {setter}) < 8:
            problems.append(f"{phrase!r}: not first raised by {setter} and taken up by 8 others elsewhere")
    if any(p.thread is not course.complaint for p in course.posts if course.keys[course.complaint_phrase] in p.keys):
        problems.append("the complaint's key outside its thread")
    if problems:
        raise AssertionError(f"{course.group}/{course.language}-{course.number}:\n" + "\n".join(problems))


def report(course):
    """One line per planted person; the background's highest counts; each theme's and the complaint's spread."""
    def counts(name):
        own = [p for p in course.posts if p.author == name]
        answers = [sum(p.is_answer() and p.unit == unit for p in own) for unit in range(UNITS)]
        reactors = [r for p in own for names in p.reactions.values() for r in names]
        return (f"{len(own)} posts, answers by unit {answers}, {sum(p.endorsed for p in own)} endorsed, "
                f"{len(reactors)} reactions from {len(set(reactors))}")

    print(f"{course.group}/{course.language}-{course.number}: posts per unit "
          f"{[len(course.unit_posts(unit)) for unit in range(UNITS)]}")
    people = [(f"expert unit-{u + 1}", name) for u, name in enumerate(course.experts)] + [
        ("lead user", course.lead), *(("trend-setter", s) for s in course.setters),
        ("complainer", course.complainer), ("lucky", course.lucky)]
    for role, name in people:
        print(f"  {role} {name}: {counts(name)}")
    repliers = {t: len({p.author for p in t.replies} - {t.author}) for t in course.posts if t.parent is None}
    background = [p for p in course.posts if p.author in course.weights]
    print(f"  lead user's threads: distinct repliers {[n for t, n in repliers.items() if t.role == 'lead']}; "
          f"background: most answers in a unit "
          f"{max(course.answers.get((u, n), 0) for u in range(UNITS) for n in course.background)}, in the course "
          f"{max(course.answers.get(n, 0) for n in course.background)}, most reactions on a post "
          f"{max(sum(map(len, p.reactions.values())) for p in background)}, most repliers in a thread "
          f"{max(n for t, n in repliers.items() if t.author in course.weights)}")
    for setter, phrase, first in course.themes:
        taken = [p for p in course.posts if course.keys[phrase] in p.keys and p is not first]
        print(f"  theme {core(phrase)!r} key {course.keys[phrase]!r} by {setter} on day "
              f"{(first.created - course.start).days}: {len(taken)} mentions by {len({p.author for p in taken})} "
              f"others in {len({p.thread for p in taken})} threads, {len({p.unit for p in taken})} units")
    replies, opening = course.complaint.replies, course.complaint
    print(f"  complaint key {course.keys[course.complaint_phrase]!r} in unit-{opening.unit + 1}: {len(replies)} "
          f"replies by {len({p.author for p in replies})} within "
          f"{(max(p.created for p in replies) - opening.created).total_seconds() / 3600:.0f} h")
