"""Text-analysis cost, per post and per resource (printed by ``make bench``; runnable alone).

Every post of the labelled timelines is analysed as the write path does (in its thread's context is not needed
for cost: the context only adds set lookups). The floor is folding the same text (lower case, accents and URLs
out), the least any analysis must do. Loading each resource (the Snowball stemmers, the stop-word lists, VADER's
lexicon) is timed once, in a fresh interpreter, since the running one has them cached.

    python -m tests.perf.analysis_speed
"""
import json
import statistics
import subprocess
import sys
import time
import tracemalloc

from tests.analysis_quality import DATA, LANGUAGES

RESOURCES = {
    "Snowball stemmers": "import snowballstemmer as s; [s.stemmer(n) for n in ('english', 'french', 'hungarian')]",
    "stop-word lists": "from stop_words import get_stop_words; [get_stop_words(n) for n in ('en', 'fr', 'hu')]",
    "VADER lexicon": "from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as A; A()",
    "FR/HU lexicons": "from community_xblock.insights.analysis import polarity as p; p._stem_lexicon('fr'); "
                      "p._stem_lexicon('hu')",
}


def texts(language):
    found = []
    for path in sorted(DATA.glob(f"*/{language}.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found.append((row.get("title", ""), row["text"]))
    return found


def per_post_ms(action, posts, repeat=5):
    """Per post: the first analysis (what the write path pays; word caches hold only the posts before it) and
    the fastest of ``repeat`` more (the post's own cost, without scheduler noise)."""
    first, fastest = [], []
    action(*posts[0])  # compiles the rules once, as the first post of a process does
    for title, text in posts:
        timings = []
        for _ in range(repeat + 1):
            started = time.perf_counter()
            action(title, text)
            timings.append((time.perf_counter() - started) * 1000)
        first.append(timings[0])
        fastest.append(min(timings[1:]))
    return first, fastest


def load_ms(statement):
    code = f"import time; t = time.perf_counter(); {statement}; print((time.perf_counter() - t) * 1000)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(result.stdout.strip())


def main():
    from community_xblock.insights.analysis import analyse
    from community_xblock.insights.analysis.text import Text

    print("\ntext analysis per post, over every labelled timeline: the first analysis of each post in file order "
          "(median, 95th percentile) and the fastest of 5 repeats (median)")
    header = (f"{'language':8} | {'posts':>5} | {'floor (fold)':>12} | {'first':>9} | {'p95':>9} | {'ratio':>6} | "
              f"{'repeat':>9} | peak")
    print(header)
    print("-" * len(header))
    medians = []
    for language in LANGUAGES:
        posts = texts(language)
        floor = statistics.median(per_post_ms(lambda title, text: Text(f"{title}\n{text}").folded, posts)[0])
        samples, repeats = per_post_ms(lambda title, text: analyse(text, title=title), posts)
        median = statistics.median(samples)
        p95 = statistics.quantiles(samples, n=20)[-1]
        longest = max(posts, key=lambda post: len(post[1]))
        tracemalloc.start()
        analyse(longest[1], title=longest[0])
        peak = tracemalloc.get_traced_memory()[1] / 1024
        tracemalloc.stop()
        medians.append(median)
        print(f"{language:8} | {len(posts):5d} | {floor:9.3f} ms | {median:6.3f} ms | {p95:6.3f} ms | "
              f"{median / floor:5.0f}x | {statistics.median(repeats):6.3f} ms | {peak:.0f} KB (longest post)")
    print(f"\n  [{'met' if max(medians) < 1 else 'MISSED'}] median under 1 ms per post in every language")
    print("\nresources, loaded once per process (fresh interpreter):")
    for name, statement in RESOURCES.items():
        print(f"  {name:18} {load_ms(statement):7.1f} ms")


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community_xblock.demo.settings")
    django.setup()
    main()
