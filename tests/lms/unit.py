"""The unit a community block sits in, as ``xmodule/vertical_block.py`` ``VerticalBlock`` renders it: children this
user may not load (None from the runtime) are left out, the others rendered in order."""
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Scope, String


class UnitBlock(XBlock):
    has_children = True
    display_name = String(default="Unit", scope=Scope.settings)

    def student_view(self, context=None):
        fragment = Fragment()
        for child_id in self.children:
            child = self.runtime.get_block(child_id)
            if child is None:
                continue
            rendered = self.runtime.render_child(child, "student_view", context)
            fragment.add_fragment_resources(rendered)
            fragment.add_content(rendered.content)
        return fragment
