# The two commands (see README.md):
#   make serve   build and serve the page on http://127.0.0.1:$(PORT)/
#   make test    run every test
# make build makes dist/: the hosted page (index.html), the single file (veracity.html), the
# embed (veracity-embed.js) and SHA256SUMS.
# Both first run scripts/setup.sh, which installs what is missing and is quick when all is there.

PORT ?= 8000

.PHONY: serve test setup build clean

serve: build
	python3 scripts/serve.py --dir dist --port $(PORT)

test: setup
	bash scripts/test.sh

build:
	VERACITY_SETUP_BROWSER=0 bash scripts/setup.sh
	bash scripts/build-wasm.sh

setup:
	bash scripts/setup.sh

clean:
	rm -rf dist tests/out
