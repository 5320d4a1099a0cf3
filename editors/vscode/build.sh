#!/usr/bin/env bash
# Builds fgd.vsix with the packaging tool (@vscode/vsce) from the pinned dependencies.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npm run package
