"""The unit's components that a thread can be about, as the runtime describes them to this viewer.

The block's parent (the unit) lists its children; each one's display name is what learners see in the
course. Runtimes that give no parent (a block previewed alone) simply offer no components.

The LMS loads a sibling only if this user may see it: ``runtime.get_block`` answers None for a staff-only
component or one of another group (``lms/djangoapps/courseware/block_render.py``
``get_block_for_descriptor``), and such components are left out. What a learner may see differs from what
staff see, so the list is cached per viewer: loading the siblings costs a few reads per component in any
runtime, on every request that shows anchors, and the course structure rarely changes during a visit (a
renamed or removed component shows up within ``CACHE_SECONDS``).
"""
import logging
from dataclasses import astuple, dataclass

from django.core.cache import cache

log = logging.getLogger(__name__)
CACHE_SECONDS = 300


@dataclass(frozen=True)
class UnitComponent:
    usage_key: str
    display_name: str
    category: str


def unit_components(block, viewer):
    """The other components of the block's unit that ``viewer`` may load, in course order (cached per viewer)."""
    audience = "staff" if viewer.is_staff else f"user:{viewer.user_key}"
    key = f"community_xblock:components:{block.scope_ids.usage_id}:{audience}"
    cached = cache.get(key)
    if cached is None:
        cached = [astuple(component) for component in read_unit_components(block)]
        cache.set(key, cached, CACHE_SECONDS)
    return [UnitComponent(*fields) for fields in cached]


def read_unit_components(block):
    """The other components of the block's unit, read from the runtime now, as the current user loads them."""
    try:
        parent = block.get_parent()
    except Exception:
        # Some runtimes (a block rendered alone, Studio previews) cannot give a parent.
        log.debug("No parent for %s", block.scope_ids.usage_id, exc_info=True)
        return []
    if parent is None:
        return []
    components = []
    for child_id in getattr(parent, "children", ()) or ():
        if str(child_id) == str(block.scope_ids.usage_id):
            continue
        try:
            child = block.runtime.get_block(child_id)
        except Exception:
            log.warning("Cannot load component %s of the unit", child_id, exc_info=True)
            continue
        if child is None:
            continue  # this viewer may not see it (staff only, another group)
        category = child.scope_ids.block_type
        name = getattr(child, "display_name", None) or getattr(child, "name", None) or category
        components.append(UnitComponent(usage_key=str(child_id), display_name=str(name), category=category))
    return components
