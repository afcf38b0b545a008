"""community_xblock: a community space for every Open edX course unit.

The XBlock class is imported lazily: Django imports this package while it is still loading its apps (the
package is also a Django app), and the block module needs the app registry to be ready for its models.
"""

__version__ = "0.1.0"


def __getattr__(name):
    if name == "CommunityXBlock":
        from community_xblock.block import CommunityXBlock

        return CommunityXBlock
    raise AttributeError(name)
