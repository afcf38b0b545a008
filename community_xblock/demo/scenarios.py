"""Workbench scenarios: the demo unit, and the block alone with its defaults."""

DEMO_SCENARIO_TITLE = "Community: photosynthesis unit (demo)"

DEMO_UNIT = """
<vertical_demo>
  <community_demo_component display_name="Video: How leaves capture light" kind="video"
      text="A seven-minute video on chlorophyll, the thylakoid membrane and the light-dependent reactions."/>
  <community_demo_component display_name="Reading: The Calvin cycle" kind="html"
      text="How the plant fixes CO2 into sugar using the ATP and NADPH made in the light reactions."/>
  <community_demo_component display_name="Problem: Limiting factors" kind="problem"
      text="Given light intensity, CO2 concentration and temperature, which one limits the rate of photosynthesis?"/>
  <community display_name="Unit community" discussion_category="Week 3" discussion_target="Photosynthesis">
    <prompt>Which step of photosynthesis surprised you? Ask about anything unclear in the video, the reading
or the problem, and help each other out.</prompt>
    <component-prompt component="community-photosynthesis-unit-demo.community_demo_component.d0.u0"
        >Which part of the animation would you like to see again, and why?</component-prompt>
    <lifecycle>
      <phase name="course" policy="open"/>
      <phase name="alumni" policy="open">
        <prompt>Now that you have finished the course: where have you met photosynthesis since?</prompt>
      </phase>
    </lifecycle>
  </community>
</vertical_demo>
"""

PLAIN_BLOCK = """<community/>"""


def workbench_scenarios():
    return [
        (DEMO_SCENARIO_TITLE, DEMO_UNIT),
        ("Community: block with default settings", PLAIN_BLOCK),
    ]
