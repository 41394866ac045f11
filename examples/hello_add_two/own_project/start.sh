cargo new --lib add_two
cd add_two
python3 -m venv .venv
.venv/bin/pip install cffi
