"""A stand-in for the course components of the demo unit (a video, a reading, a problem).

It is registered with the XBlock runtime by the demo settings only (never through setup.py's entry points),
so an Open edX install never sees it.
"""
from html import escape

from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Scope, String


class DemoComponent(XBlock):
    """A titled piece of course content, enough for the community block to link threads to."""

    display_name = String(help="What the course calls this component.", default="Component", scope=Scope.settings)
    kind = String(help="video, html or problem: how the component is presented.", default="html",
                  scope=Scope.settings)
    text = String(help="The content learners read.", default="", scope=Scope.content)

    def student_view(self, context=None):
        fragment = Fragment()
        heading = f"<h2 class='demo-component-title'>{escape(self.display_name)}</h2>"
        fragment.add_content(
            f"<div class='demo-component demo-{escape(self.kind)}'>{heading}<p>{escape(self.text)}</p></div>"
        )
        return fragment

    # The workbench renders every block of the unit in the view asked for: the editor and the preview show the
    # stand-in as Studio's unit page shows a component, by its name and content.
    author_view = student_view
    studio_view = student_view
