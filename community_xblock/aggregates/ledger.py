"""The ledger a write fills with what it changed, then writes to the aggregates in a few statements.

A write tells the ledger the facts of each post and thread it touched, before and after (``None`` for "did not
exist"), and the keyphrases of posts whose themes count or stop counting; ``flush()`` adds the differences in
the write's own transaction. Counters move by increments in the database (``col = col + n``, see ``sql.py``), so
concurrent writers never lose one; a person's rows (Participant, HelpedPeer) are changed under a row lock when a
threshold moves ("first post", "first person helped"), in one conditional increment otherwise. Lock order is
fixed (people sorted, then tallies), so two writers never wait on each other in opposite orders.
"""
from collections import Counter, defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Max, Min, Q, Value, When

from community_xblock.aggregates import sql
from community_xblock.aggregates.facts import EPOCH, TAKEN_UP, UPTAKE_EARLY
from community_xblock.models import (
    NOT_ABOUT_A_COMPONENT,
    WHOLE_UNIT,
    ActivityTally,
    AnswerDelay,
    HelpedPeer,
    Participant,
    Post,
    TallyScope,
    ThemeForm,
    ThemeOrigin,
    ThemeTally,
    Thread,
    ThreadReplier,
    surface_digest,
)

UNIT_ROW = (TallyScope.UNIT, NOT_ABOUT_A_COMPONENT, EPOCH)


def post_rows(facts):
    """The ActivityTally rows a post counts in."""
    return [(TallyScope.HOUR, facts.component, facts.hour), (TallyScope.COMPONENT, facts.component, EPOCH),
            (TallyScope.WEEK, NOT_ABOUT_A_COMPONENT, facts.week_start), UNIT_ROW]


def thread_rows(facts):
    return [(TallyScope.COMPONENT, facts.component, EPOCH), UNIT_ROW]


class Ledger:
    """What one write changes in one community's aggregates."""

    def __init__(self, community_id):
        self.community_id = community_id
        self.tallies = defaultdict(Counter)  # (scope, component, start) -> column deltas
        self.people = defaultdict(Counter)  # user_key -> Participant column deltas
        self.posted = defaultdict(list)  # user_key -> created_at of posts that start counting
        self.unposted = defaultdict(list)  # user_key -> created_at of posts that stop counting
        self.peers = defaultdict(Counter)  # (helper_key, peer_key) -> {"replies", "reactions"} deltas
        self.repliers = Counter()  # (thread_id, thread_author_key, replier_key) -> replies delta
        self.origins = {}  # key -> the facts of the first post this write saw carrying it
        self.uptakes = []  # (keys, facts, sign) of counted posts carrying keyphrases
        self.new_keys = set()  # keys whose whole-unit ThemeTally row this write created
        self.themes = Counter()  # (component, key) -> posts delta
        self.forms = Counter()  # (key, digest) -> posts delta
        self.surfaces = {}  # (key, digest) -> the form as written
        self.delays = defaultdict(Counter)  # band -> {"questions", "total_minutes"} deltas

    # What changed -------------------------------------------------------------------------------------------

    def post(self, before, after, phrases_before=(), phrases_after=()):
        """A post went from ``before`` to ``after`` (PostFacts or None); phrases are its (key, surface) pairs."""
        for facts, sign, phrases in ((before, -1, phrases_before), (after, 1, phrases_after)):
            if facts is None or not facts.counted:
                continue
            for row in post_rows(facts):
                self._add(self.tallies[row], facts.tally(), sign)
            self._add(self.people[facts.author_key], facts.participant(), sign)
            if facts.helped_peer:
                self.peers[(facts.author_key, facts.helped_peer)]["replies"] += sign
                self.repliers[(facts.thread_id, facts.thread_author_key, facts.author_key)] += sign
            if facts.thanked:
                self.people[facts.thanked]["thanks_received"] += sign
            if phrases:
                self.uptakes.append((sorted({key for key, _surface in phrases}), facts, sign))
            for key, surface in phrases:
                for component in (facts.component, WHOLE_UNIT):
                    self.themes[(component, key)] += sign
                form = (key, surface_digest(surface))
                self.forms[form] += sign
                self.surfaces[form] = surface
        for key, _surface in phrases_after if after is not None else ():
            self.origins.setdefault(key, after)  # kept only where the key has no origin yet
        was, now = bool(before and before.counted), bool(after and after.counted)
        if now and not was:
            self.posted[after.author_key].append(after.created_at)
        elif was and not now:
            self.unposted[before.author_key].append(before.created_at)

    def appreciation(self, author_key, reactor_key, sign):
        """``reactor_key`` added (1) or took back (-1) a helpful or insightful reaction on a counted post of
        ``author_key``'s."""
        self.peers[(author_key, reactor_key)]["reactions"] += sign

    def thread(self, before, after):
        """A thread's own facts (question, answered, accepted, first answer) went from ``before`` to ``after``."""
        for facts, sign in ((before, -1), (after, 1)):
            if facts is None:
                continue
            for row in thread_rows(facts):
                self._add(self.tallies[row], facts.tally(), sign)
            if facts.accepted_by():
                self.people[facts.accepted_by()]["accepted_answers"] += sign
            delay = facts.answer_delay()
            if delay:
                band, minutes = delay
                self.delays[band]["questions"] += sign
                self.delays[band]["total_minutes"] += sign * minutes

    @staticmethod
    def _add(target, counts, sign):
        for column, value in counts.items():
            target[column] += sign * value

    # Writing it --------------------------------------------------------------------------------------------

    def flush(self):
        """Write every difference; call inside the write's transaction, after its own rows are written."""
        self._flush_peers()
        self._flush_repliers()
        self._flush_people()
        self._flush_tallies()
        self._flush_themes()
        self._flush_origins()
        self._flush_delays()

    def _flush_peers(self):
        for (helper, peer), deltas in sorted(self.peers.items()):
            if not any(deltas.values()):
                continue
            row = _locked_row(HelpedPeer, self.community_id, helper_key=helper, peer_key=peer)
            replies, reactions = row.replies + deltas["replies"], row.reactions + deltas["reactions"]
            if replies > 0 or reactions > 0:
                HelpedPeer.objects.filter(pk=row.pk).update(replies=replies, reactions=reactions)
            else:
                row.delete()
            replied = (replies > 0) - (row.replies > 0)
            self.people[helper]["peers_helped"] += replied
            self.people[peer]["repliers_drawn"] += replied
            self.people[helper]["appreciated_by"] += (reactions > 0) - (row.reactions > 0)

    def _flush_repliers(self):
        """Distinct repliers per thread; a thread crossing TAKEN_UP moves its author's threads_taken_up."""
        for (thread_id, author, replier), delta in sorted(self.repliers.items()):
            if not delta:
                continue
            row = _locked_row(ThreadReplier, self.community_id, thread_id=thread_id, user_key=replier)
            replies = row.replies + delta
            if replies > 0:
                ThreadReplier.objects.filter(pk=row.pk).update(replies=replies)
            else:
                row.delete()
            moved = (replies > 0) - (row.replies > 0)
            if not moved:
                continue
            Thread.objects.filter(pk=thread_id).update(replier_count=F("replier_count") + moved)
            count = Thread.objects.filter(pk=thread_id).values_list("replier_count", flat=True).get()
            if count == (TAKEN_UP if moved > 0 else TAKEN_UP - 1):
                self.people[author]["threads_taken_up"] += moved

    def _flush_people(self):
        unit = self.tallies[UNIT_ROW]
        for user_key in sorted(set(self.people) | set(self.posted) | set(self.unposted)):
            counts = {column: delta for column, delta in self.people[user_key].items() if delta}
            added, removed = self.posted.get(user_key, []), self.unposted.get(user_key, [])
            if not (counts or added or removed) or self._add_to_person(user_key, counts, added, removed):
                continue
            old, new = self._change_person(user_key, counts, added, removed)
            unit["posters"] += (new.posts > 0) - (old[0] > 0)
            unit["repliers"] += (new.responses + new.comments > 0) - (old[1] > 0)

    def _add_to_person(self, user_key, counts, added, removed):
        """The common case in one statement: counts that only grow, on a person who already has a post (and a
        reply, if this adds one), so no threshold is crossed. False when it does not apply."""
        if removed or any(delta < 0 for delta in counts.values()):
            return False
        where, params = sql.rows_matching(Participant, self.community_id, [{"user_key": user_key}])
        where += " AND posts > 0"
        if counts.get("responses") or counts.get("comments"):
            where += " AND (responses > 0 OR comments > 0)"
        bounds = [sql.widen(Participant, "first_post_at", min(added), earliest=True),
                  sql.widen(Participant, "last_post_at", max(added), earliest=False)] if added else []
        return bool(sql.add(Participant, counts, where, params, also=bounds))

    def _change_person(self, user_key, counts, added, removed):
        """Apply one person's changes under a lock on their row; returns ((posts, replies) before, the row)."""
        row = _locked_row(Participant, self.community_id, user_key=user_key)
        old = (row.posts, row.responses + row.comments)
        for column, delta in counts.items():
            setattr(row, column, getattr(row, column) + delta)
        if added:
            known = [moment for moment in (row.first_post_at, row.last_post_at) if moment]
            row.first_post_at, row.last_post_at = min(added + known), max(added + known)
        if removed and {row.first_post_at, row.last_post_at} & set(removed):
            row.first_post_at, row.last_post_at = _post_bounds(self.community_id, user_key)
        row.save()
        return old, row

    def _flush_tallies(self):
        changes = defaultdict(list)  # the same increments go to several rows in one statement
        for (scope, component, start), deltas in self.tallies.items():
            counts = {column: delta for column, delta in deltas.items() if delta}
            if counts:
                changes[frozenset(counts.items())].append({"scope": scope, "component": component, "start": start})
        for change, rows in sorted(changes.items(), key=lambda item: sorted(item[0])):
            _increment(ActivityTally, self.community_id, rows, dict(change))

    def _flush_themes(self):
        changes = defaultdict(lambda: defaultdict(list))  # delta -> keys -> components
        keys_of = defaultdict(list)
        for (component, key), delta in self.themes.items():
            if delta:
                keys_of[(delta, component)].append(key)
        for (delta, component), keys in keys_of.items():
            changes[delta][tuple(sorted(keys))].append(component)
        for delta, by_keys in sorted(changes.items()):
            for keys, components in sorted(by_keys.items()):
                missing = _increment(ThemeTally, self.community_id,
                                     [{"component": component, "key": key} for component in components
                                      for key in keys],
                                     {"posts": delta}, match=sql.in_lists(ThemeTally, self.community_id,
                                                                           component=components, key=keys))
                self.new_keys.update(row["key"] for row in missing if row["component"] == WHOLE_UNIT)
        forms = defaultdict(list)
        for (key, digest), delta in self.forms.items():
            if delta:
                forms[delta].append({"key": key, "digest": digest})
        for delta, rows in sorted(forms.items()):
            _increment(ThemeForm, self.community_id, rows, {"posts": delta},
                       created=lambda row: {"surface": self.surfaces[(row["key"], row["digest"])]})

    def _flush_origins(self):
        """A key nobody wrote before gets its origin (a concurrent first writer's row wins: the insert is
        ignored); then each counted post carrying keys counts as their uptake where it is someone else's, in
        another thread: one statement per post, whatever the number of its keys. A key is new when its
        whole-unit theme row was just created (or, for a post that does not count, which has no theme row,
        whenever it carries keys: a rare post, and the insert is ignored where the origin exists)."""
        new = [(key, facts) for key, facts in sorted(self.origins.items())
               if key in self.new_keys or not facts.counted]
        if new:
            ThemeOrigin.objects.bulk_create([
                ThemeOrigin(community_id=self.community_id, key=key, post_id=facts.post_id,
                            thread_id=facts.thread_id, author_key=facts.author_key, raised_at=facts.created_at)
                for key, facts in new], ignore_conflicts=True)
        for keys, facts, sign in self.uptakes:
            ThemeOrigin.objects.filter(community_id=self.community_id, key__in=keys).exclude(
                thread_id=facts.thread_id).exclude(author_key=facts.author_key).update(
                elsewhere=F("elsewhere") + sign,
                early=F("early") + Case(When(raised_at__gt=facts.created_at - UPTAKE_EARLY, then=Value(sign)),
                                        default=Value(0)))

    def _flush_delays(self):
        for band, deltas in sorted(self.delays.items()):
            counts = {column: delta for column, delta in deltas.items() if delta}
            if counts:
                _increment(AnswerDelay, self.community_id, [{"band": band}], counts)


def _any(conditions):
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


def _increment(model, community_id, rows, deltas, *, match=None, created=None):
    """Add ``deltas`` to each of ``rows`` (dicts of their key fields), creating the ones that do not exist yet;
    returns the rows that did not exist.

    One UPDATE when every row exists (the common case). When some are missing, they are inserted at zero
    (with the fields ``created(row)`` gives; concurrent creators agree on one row each: a duplicate insert is
    ignored) and then incremented. The update
    comes first so that an existing row is never touched by an insert: an insert that meets an existing key
    takes a shared lock on it in InnoDB, and two writers holding one each and wanting to update would deadlock.
    """
    # The community inside each alternative: SQLite then reads each row through the unique index.
    where, params = match if match is not None else sql.rows_matching(model, community_id, rows)
    if sql.add(model, deltas, where, params) == len(rows):
        return []
    fields = list(rows[0])
    existing = set(model.objects.filter(_any(Q(community_id=community_id, **row) for row in rows))
                   .values_list(*fields))
    missing = [row for row in rows if tuple(row[field] for field in fields) not in existing]
    model.objects.bulk_create([model(community_id=community_id, **row, **(created(row) if created else {}))
                               for row in missing], ignore_conflicts=True)
    sql.add(model, deltas, *sql.rows_matching(model, community_id, missing))
    return missing


def _locked_row(model, community_id, **key):
    """The row of ``key``, locked for update; created (at zero) when it does not exist yet."""
    row = model.objects.select_for_update().filter(community_id=community_id, **key).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return model.objects.create(community_id=community_id, **key)
    except IntegrityError:  # a concurrent write created it first: count on top of theirs
        return model.objects.select_for_update().get(community_id=community_id, **key)


def _post_bounds(community_id, user_key):
    """The first and last counted post of a person, after one of them stopped counting."""
    bounds = (Post.objects.filter(community_id=community_id, author_key=user_key, deleted=False, hidden=False,
                                  thread__deleted=False, thread__hidden=False)
              .exclude(parent__deleted=True).exclude(parent__hidden=True)
              .aggregate(first=Min("created_at"), last=Max("created_at")))
    return bounds["first"], bounds["last"]
