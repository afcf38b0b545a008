"""The talent detector: who answers well (experts), whose ideas draw people in (lead users), who first raises
the themes that later grow (trend-setters); and what the course team does about them.

- ``figures.py``: the statistics (the answer z-score, lower confidence bounds, percentiles);
- ``ranking.py``: the candidates of a course, per unit and course-wide, from the stored aggregates only;
- ``evidence.py``: the posts behind the shown candidates;
- ``reasons.py``: the candidates' figures in words;
- ``decisions.py``: promote, dismiss, snooze, decline, endorse, spotlight;
- ``asking.py``: "ask an expert", the questions waiting that an expert sees in their space.
"""
