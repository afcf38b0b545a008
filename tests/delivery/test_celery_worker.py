"""Delivery on a real Celery worker, consuming from the machine's Redis, against a real local HTTP receiver:
retries with backoff after 500s, giving up on a receiver that stays down, and a learner's post that never waits
for a slow one. The worker runs in a thread of the test process (``celery.contrib.testing.worker``: Celery's
own WorkController), so it reads the test database."""
import threading
import time

from community_xblock.models import Delivery
from tests.delivery.receiver import closed_port_url

ERROR = "There is an error in the video: the formula at 3:10 is wrong."


def raise_alert(workbench, url):
    workbench.ok("add_webhook", {"url": url, "format": "generic"}, student="staff")
    component = workbench.component_keys()[1]
    for student in ("amelie", "zsofia", "student_1", "learner8"):
        workbench.ok("create_thread", {"kind": "discussion", "title": "The formula", "body": ERROR,
                                       "component": component}, student=student)


def settled(timeout=30):
    """The delivery once the worker is done with it (delivered or failed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        delivery = Delivery.objects.first()
        if delivery is not None and delivery.status in ("delivered", "failed"):
            return delivery
        time.sleep(0.2)  # the worker writes meanwhile (SQLite's shared in-memory test database locks tables)
    raise AssertionError(f"the delivery did not settle: {Delivery.objects.values().first()}")


def test_a_receiver_that_answers_500_twice_gets_it_on_the_third_attempt(worker, workbench, receiver):
    receiver.statuses = [500, 503]
    raise_alert(workbench, receiver.url)
    delivery = settled()
    assert delivery.status == "delivered" and delivery.attempts == 3 and len(receiver.received) == 3
    ids = {headers["X-Community-Delivery"] for _path, headers, _body in receiver.received}
    assert ids == {str(delivery.pk)}  # the same delivery each time: receivers can drop repeats


def test_a_receiver_that_stays_down_is_given_up_after_the_last_attempt(worker, workbench):
    raise_alert(workbench, closed_port_url())
    delivery = settled()
    assert delivery.status == "failed" and delivery.attempts == 3 and "ConnectionError" in delivery.last_error


def test_a_slow_receiver_never_holds_the_learners_post(worker, workbench, receiver):
    receiver.hold = threading.Event()
    raise_alert(workbench, receiver.url)  # every post answered while the receiver holds the delivery
    assert receiver.arrived.wait(10)
    assert Delivery.objects.get().status == "pending"
    receiver.hold.set()
    delivery = settled()
    assert delivery.status == "delivered" and delivery.attempts == 1
