cargo new --lib add_two
cd add_two
python3 -m venv .venv
.venv/bin/pip install cffi
# Now write Cargo.toml, src/lib.rs and call_add_two.py as shown below.
cargo build
.venv/bin/python call_add_two.py
