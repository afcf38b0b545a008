"""Everything that knows the difference between the LMS, Studio and the SDK workbench.

Each module reads one platform behaviour the way the platform's own source does it (the module's docstring
names the platform file it follows) and gives the rest of the package a plain answer. Nothing outside this
package looks at runtime attributes, service internals or platform imports.
"""
