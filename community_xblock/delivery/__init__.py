"""Sending alerts to the course team's chat: webhooks per course, payloads per chat tool, one attempt at a time.

``webhooks`` keeps the course's channels (hosts on the operator's allow-list only) and turns a new alert into
one Delivery per channel, enqueued after the write commits; ``tasks.deliver`` (the platform's Celery) makes the
attempts, with retries and backoff, through ``sending``; ``payloads`` builds what each tool expects. A learner's
request never waits on a chat tool: it only writes the Delivery rows and, after commit, enqueues.
"""
