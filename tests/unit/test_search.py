"""Search in a unit's space without any XBlock runtime: accents, case and inflections ignored in the three
languages, titles and bodies, what the viewer may see, edits, pages by cursor, hostile queries, and a fixed number
of queries whatever the size of the community."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community_xblock.conversations import search, threads
from community_xblock.core.errors import InvalidInput
from community_xblock.core.lookups import space_for
from community_xblock.models import Community, SearchTerm
from community_xblock.moderation import actions
from community_xblock.platform.identity import CommunityKey, Viewer

STAFF = Viewer("staff", "staff", is_staff=True)
LEARNER = Viewer("ann", "ann")


def unit(name="unit", run="run", isolated=False):
    return space_for(CommunityKey("SearchX", "S1", name, run), isolated=isolated)


def titles(space, query, viewer=LEARNER, before=None):
    posts, _more, _forms = search.search(space, viewer, query, before)
    return [post.thread.title for post in posts]


@pytest.fixture
def space(db):
    space = unit()
    threads.start_thread(space, LEARNER, kind="question", title="Hibás a videó egyenlete",
                         body="A 3:10-nél az egyenlet hibás, szerintem.")
    threads.start_thread(space, LEARNER, kind="discussion", title="La photosynthèse en hiver",
                         body="Les feuilles réfléchissent la lumière verte.")
    threads.start_thread(space, LEARNER, kind="discussion", title="Leaves and light",
                         body="Chlorophyll absorbs red and blue light and reflects green.")
    return space


def test_accents_case_and_inflections_are_ignored_in_the_three_languages(space):
    assert titles(space, "HIBAS") == ["Hibás a videó egyenlete"]
    assert titles(space, "egyenlet") == ["Hibás a videó egyenlete"]  # "egyenlete": its stem
    assert titles(space, "photosynthese") == ["La photosynthèse en hiver"]
    assert titles(space, "réfléchir feuille") == ["La photosynthèse en hiver"]
    assert titles(space, "reflect") == ["Leaves and light"]  # "reflects"
    assert titles(space, "light") == ["Leaves and light"]
    assert titles(space, "light hiver") == []  # every word must match


def test_only_what_the_viewer_may_see_and_edits_replace_the_words(space):
    hidden = threads.start_thread(space, LEARNER, kind="discussion", title="Secret stomata", body="Stomata talk.")
    actions.set_thread_state(space, STAFF, thread_id=hidden.pk, switch="hidden", value=True)
    assert titles(space, "stomata") == [] and titles(space, "stomata", STAFF) == ["Secret stomata"]
    gone = threads.reply(space, STAFF, thread_id=hidden.pk, body="Also xylem.")
    threads.delete(space, STAFF, post_id=gone.pk)
    assert titles(space, "xylem", STAFF) == []
    leaves = threads.start_thread(space, LEARNER, kind="discussion", title="Roots", body="About phloem.")
    threads.edit(space, LEARNER, post_id=leaves.opening_post_id, body="About xylem now.")
    assert titles(space, "phloem") == [] and titles(space, "xylem") == ["Roots"]


def test_another_community_and_another_run_stay_apart(space):
    other = unit("other")
    threads.start_thread(other, LEARNER, kind="discussion", title="Elsewhere", body="Chlorophyll again.")
    assert titles(space, "chlorophyll") == ["Leaves and light"]
    isolated = unit("iso", run="run2", isolated=True)
    threads.start_thread(isolated, LEARNER, kind="discussion", title="Run two", body="Mitochondria.")
    assert titles(unit("iso", run="run3", isolated=True), "mitochondria") == []


def test_pages_follow_a_cursor_and_matches_are_marked_safely(space):
    for number in range(25):
        threads.start_thread(space, LEARNER, kind="discussion", title=f"Glucose {number}", body="<b>glucose</b>")
    posts, more, forms = search.search(space, LEARNER, "glucose")
    assert len(posts) == 20 and more
    rest, more, _forms = search.search(space, LEARNER, "glucose", before=posts[-1].pk)
    assert len(rest) == 5 and not more and not {post.pk for post in rest} & {post.pk for post in posts}
    marked = search.highlighted("Is <script>alert(1)</script> about **GLUCOSE**?", forms)
    assert marked == "Is &lt;scriptalert(1)&lt;/script about <mark>GLUCOSE</mark>?"  # Markdown marks dropped


@pytest.mark.parametrize("query", ["", "   ", "a", "the of and", "x" * 201, None, 42])
def test_a_query_with_nothing_to_look_for_is_refused(space, query):
    with pytest.raises(InvalidInput) as refused:
        search.search(space, LEARNER, query)
    assert refused.value.field == "query"


def test_a_community_from_before_search_is_indexed_on_its_first_search(space):
    SearchTerm.objects.all().delete()
    Community.objects.filter(pk=space.community.pk).update(search_version=0)
    space.community.refresh_from_db()
    assert titles(space, "chlorophyll") == ["Leaves and light"]
    assert Community.objects.get(pk=space.community.pk).search_version == search.SEARCH_VERSION


def test_a_search_reads_the_same_queries_whatever_the_size(space):
    with CaptureQueriesContext(connection) as small:
        search.search(space, LEARNER, "light green")
    for number in range(60):
        threads.start_thread(space, LEARNER, kind="discussion", title=f"Light {number}", body="Green light again.")
    with CaptureQueriesContext(connection) as large:
        posts, _more, _forms = search.search(space, LEARNER, "light green")
    assert len(posts) == 20 and len(large) == len(small)
