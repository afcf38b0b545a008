"""Studio's side of the block: saving the editor's form, and the block as OLX (course export and import)."""
from community_xblock.authoring import editor, olx
from community_xblock.authoring.configuration import FIELDS
from community_xblock.core import permissions
from community_xblock.handlers.http import json_action
from community_xblock.platform.studio import may_edit_settings


class AuthoringHandlers:
    """The course team, in Studio."""

    @json_action(writes=True)
    def save_settings(self, payload):
        """The Studio editor: every setting at once, all validated before any is assigned."""
        permissions.require_settings_editor(may_edit_settings(self, self.viewer))
        return editor.save(self, payload)

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = runtime.construct_xblock_from_class(cls, keys)
        platform = olx.platform_fields(block, FIELDS)
        values = {**olx.settings_from_node(node, platform), **olx.platform_values_from_node(node, platform)}
        for name, value in values.items():
            setattr(block, name, value)
        return block

    def add_xml_to_node(self, node):
        node.tag = self.scope_ids.block_type
        olx.write_platform_fields(node, self, olx.platform_fields(self, FIELDS))
        olx.write_node(node, self.settings())
