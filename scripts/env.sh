# Sourced by scripts/serve and scripts/test: put the pinned tools and the
# project's Python first on PATH, so no other mdBook or Python is used.
if [ -d .venv/Scripts ]; then
  PATH="$PWD/.tools/bin:$PWD/.venv/Scripts:$PATH"
else
  PATH="$PWD/.tools/bin:$PWD/.venv/bin:$PATH"
fi
export PATH
# Write no __pycache__/ into the watched folders (and so into the workspace).
export PYTHONDONTWRITEBYTECODE=1
unset RUST_BACKTRACE  # the pages must not depend on the caller's settings
