"""The unit's components that a thread can be about, as the runtime describes them.

The block's parent (the unit) lists its children; each one's display name is what learners see in the
course. Runtimes that give no parent (a block previewed alone) simply offer no components.
"""
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UnitComponent:
    usage_key: str
    display_name: str
    category: str


def unit_components(block):
    """The other components of the block's unit, in course order."""
    try:
        parent = block.get_parent()
    except Exception:  # pylint: disable=broad-except
        # Some runtimes (a block rendered alone, Studio previews) cannot give a parent; that only means
        # there is nothing to link to.
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
        except Exception:  # pylint: disable=broad-except
            log.warning("Cannot load component %s of the unit", child_id, exc_info=True)
            continue
        category = child.scope_ids.block_type
        name = getattr(child, "display_name", None) or getattr(child, "name", None) or category
        components.append(UnitComponent(usage_key=str(child_id), display_name=str(name), category=category))
    return components
