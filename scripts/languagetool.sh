#!/usr/bin/env bash
# Install (from Maven Central) and start the local LanguageTool server; idempotent.
# Needs Java 17 and Maven; prints the server's URL. `cleanup languagetool stop` ends it.
set -euo pipefail
python3 -m cleanup.languagetool install >/dev/null
python3 -m cleanup.languagetool start >&2
python3 -m cleanup.languagetool url
