cargo build
.venv/bin/python call_add_two.py
