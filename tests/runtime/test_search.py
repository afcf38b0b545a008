"""Search through the block, in the SDK workbench and the LMS-shaped runtime: the matches as list items with the
words marked, a translated refusal for a query with nothing to look for, and the same queries at any size."""


def test_the_space_finds_conversations_by_title_and_body_with_the_words_marked(unit):
    unit.ok("create_thread", {"kind": "question", "title": "Pourquoi les feuilles sont vertes ?",
                              "body": "La chlorophylle réfléchit le vert."}, student="amelie")
    unit.ok("create_thread", {"kind": "discussion", "title": "Roots", "body": "Nothing about it."}, student="zsofia")
    data = unit.ok("search", {"query": "CHLOROPHYLLE"}, student="student_1")
    assert data["count"] == 1 and "<mark>chlorophylle</mark>" in data["html"]
    assert "Pourquoi les feuilles sont vertes ?" in data["html"] and "Roots" not in data["html"]
    assert "Conversations matching “CHLOROPHYLLE”" in data["summary_html"]
    assert "<mark>feuilles</mark>" in unit.ok("search", {"query": "feuille"}, student="student_1")["html"]
    nothing = unit.ok("search", {"query": "mitochondria"}, student="student_1")
    assert nothing["count"] == 0 and "Nothing matches “mitochondria”." in nothing["summary_html"]


def test_a_query_with_nothing_to_look_for_is_refused_in_the_learners_language(unit):
    status, data = unit.call("search", {"query": "a"}, student="student_1")
    assert status == 400 and data["errors"]["query"].startswith("Search")
    status, data = unit.call("search", {"query": "x" * 500}, student="student_1")
    assert status == 400
    status, data = unit.call("search", {"query": "leaves", "before": "x"}, student="student_1")
    assert status == 400
    status, data = unit.call("search", {"query": "<script>alert(1)</script> leaves"}, student="student_1")
    assert status == 200 and "<script>" not in data["summary_html"]
