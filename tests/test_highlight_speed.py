"""Code blocks look the same with coursesite's highlighting look-up caches as without them."""

import json
import subprocess
import sys

import markdown

from coursesite import highlight_speed
from coursesite.site import REQUIRED_EXTENSIONS

LANGUAGES = ["python", "sql", "bash", "yaml", "text", "terraform", "json", "no-such-language", "", "pycon", "scala"]
DOCUMENT = (
    "\n\n".join(
        f"```{language}\nx = {number}  # <b>&\nSELECT a FROM t WHERE a <> 'x';\n```"
        for number, language in enumerate(LANGUAGES * 3)
    )
    + '\n\n```python hl_lines="1" title="a.py" linenums="1"\nprint(1)\n```\n\nInline `#!python print(2)` code.\n'
)

CONVERT = """
import json, sys, markdown
from coursesite.site import REQUIRED_EXTENSIONS
print(json.dumps(markdown.markdown(sys.stdin.read(), extensions=list(REQUIRED_EXTENSIONS), extension_configs=REQUIRED_EXTENSIONS)))
"""


def test_highlighted_code_is_the_same_with_the_caches():
    plain = subprocess.run(  # a fresh interpreter: nothing installed there
        [sys.executable, "-c", CONVERT], input=DOCUMENT, capture_output=True, text=True, check=True
    ).stdout
    highlight_speed.install()
    cached = markdown.markdown(DOCUMENT, extensions=list(REQUIRED_EXTENSIONS), extension_configs=REQUIRED_EXTENSIONS)
    assert json.loads(plain) == cached
    assert cached.count('class="highlight"') >= len(LANGUAGES) * 3 and '<span class="k">SELECT</span>' in cached
